/* SPDX-License-Identifier: BSD-3-Clause */
/* The server's registration: classification, PAP/CHAP, AAA, refusals, replacement (spec 7). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "srvharness.h"
#include "testutil.h"

static struct h_world w;
static struct h_client k;

static void start(uint8_t auth)
{
	h_world_init(&w, auth);
	h_world_start(&w);
	h_client_init(&k, 10);
}

static void teardown(void)
{
	h_clients_free(&k, 1);
	h_world_fini(&w);
}

/* Run the handshake up to INIT_DONE_S and swallow the client's own REG_REQ. */
static void to_ready(struct h_client *c)
{
	uint8_t out[VAM_CTRL_MAX];
	struct h_pkt p;
	size_t n;

	h_send(&w, c, out, vam_client_start(&c->c, &c->cfg, out, sizeof(out)));
	ck_assert_uint_eq(h_next(&w, c), VAM_INIT_RESP);
	ck_assert(h_take(&w, c, &p));
	ck_assert_uint_eq(p.d[1], VAM_INIT_DONE_S);
	vam_client_input(&c->c, p.d, p.len, out, sizeof(out), &n);
	ck_assert_uint_gt(n, 0);
}

/* A REG_REQ body as the client would send it, with its own address. */
static size_t reg_body(const struct h_client *c, uint8_t *b, size_t cap, bool data_port)
{
	struct vam_tlv_writer t;
	uint8_t pub[6] = { 192, 168, 1, 10, 0x9c, 0x40 };

	vam_tlv_init(&t, b, cap);
	vam_tlv_put(&t, VAM_A_CLIENT_NAME, "x", 1);
	vam_tlv_put_u32(&t, VAM_A_PRIVATE_ADDR, c->cfg.private_addr);
	vam_tlv_put(&t, VAM_A_PUBLIC_ADDR, pub, sizeof(pub));
	if (data_port)
		vam_tlv_put_u16(&t, VAM_A_DATA_PORT, 40001);
	return t.len;
}

START_TEST(none_spoke_and_hub_roles)
{
	struct h_client hub;

	start(VAM_AUTH_NONE);
	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_ONLINE);
	ck_assert_int_eq(k.c.role, VAM_NODE_SPOKE);
	h_client_init(&hub, 3);		/* 10.1.0.3 is a configured hub */
	ck_assert_int_eq(h_connect(&w, &hub), VAM_CL_ONLINE);
	ck_assert_int_eq(hub.c.role, VAM_NODE_HUB);
	/* REG_RESP lists the gateway, then the online hub (S-44). */
	ck_assert_uint_eq(hub.c.n_hubs, 2);
	ck_assert_uint_eq(vam_get32(hub.c.hubs + VAM_HUB_LEN), H_HUB2);
	ck_assert_uint_eq(vam_get16(hub.c.hubs + VAM_HUB_LEN + 8), 40001);
}
END_TEST

START_TEST(not_in_domain_and_own_address)
{
	struct h_client own;

	start(VAM_AUTH_NONE);
	k.cfg.private_addr = 0x0a020005;	/* 10.2.0.5: no range */
	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_FAILED);
	ck_assert_int_eq(k.c.code, VAM_CODE_NOT_IN_DOMAIN);
	h_client_init(&own, 1);			/* 10.1.0.1: the gateway itself (S-41) */
	ck_assert_int_eq(h_connect(&w, &own), VAM_CL_FAILED);
	ck_assert_int_eq(own.c.code, VAM_CODE_CONFLICT);
	ck_assert_ptr_null(ctl_server_find(w.srv, H_DOMAIN, 0x0a020005));
	ck_assert_uint_eq(w.ups, 0);
	/* Refused sessions linger closed for the half-open expiry, then go (S-42). */
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_CLOSED), 2);
	h_advance(&w, 20100);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_CLOSED), 0);
}
END_TEST

START_TEST(capacity_per_domain)
{
	struct h_client k2;

	h_world_init(&w, VAM_AUTH_NONE);
	w.cfg.domains[0].max_clients = 1;
	h_world_start(&w);
	h_client_init(&k, 10);
	h_client_init(&k2, 11);
	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_ONLINE);
	ck_assert_int_eq(h_connect(&w, &k2), VAM_CL_FAILED);
	ck_assert_int_eq(k2.c.code, VAM_CODE_CAPACITY);
}
END_TEST

START_TEST(chap_accept)
{
	start(VAM_AUTH_CHAP);
	h_client_creds(&k, "alice", "secret");
	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_AUTH);
	ck_assert_uint_eq(w.aaa.n_req, 1);
	ck_assert_int_eq(w.aaa.req[0].method, VAM_AUTH_CHAP);
	ck_assert_uint_eq(w.aaa.req[0].username_len, 5);
	ck_assert_mem_eq(w.aaa.req[0].username, "alice", 5);
	ck_assert_uint_eq(w.aaa.req[0].framed_ip, k.cfg.private_addr);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_AAA), 1);
	h_aaa_answer(&w, CTL_AAA_ACCEPT);
	h_pump(&w, &k);
	ck_assert_int_eq(k.c.state, VAM_CL_ONLINE);
}
END_TEST

START_TEST(chap_reject_then_closed)
{
	uint8_t out[VAM_CTRL_MAX];

	start(VAM_AUTH_CHAP);
	w.aaa.auto_answer = true;
	h_client_creds(&k, "alice", "wrong");
	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_FAILED);
	ck_assert_int_eq(k.c.code, VAM_CODE_AUTH_FAILED);
	ck_assert_uint_eq(w.events[CTL_EV_AUTH_FAILED], 1);
	/* The duplicate AUTH_INFO gets the same answer; anything else is unexpected. */
	k.c.state = VAM_CL_AUTH;
	h_send(&w, &k, out, vam_client_retransmit(&k.c, out, sizeof(out)));
	h_expect(&w, &k, VAM_REG_RESP, VAM_CODE_AUTH_FAILED);
	h_request(&w, &k, VAM_KEEPALIVE, NULL, 0);
	ck_assert_uint_eq(w.nq, 0);
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_UNEXPECTED_TYPE), 1);
}
END_TEST

START_TEST(pap_accept_and_reject)
{
	struct h_client k2;

	start(VAM_AUTH_PAP);
	w.aaa.auto_answer = true;
	h_client_creds(&k, "bob", "hunter2");
	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_ONLINE);
	h_client_init(&k2, 11);
	h_client_creds(&k2, "bob", "hunter3");
	ck_assert_int_eq(h_connect(&w, &k2), VAM_CL_FAILED);
	ck_assert_int_eq(k2.c.code, VAM_CODE_AUTH_FAILED);
}
END_TEST

START_TEST(no_credentials_is_auth_method)
{
	start(VAM_AUTH_CHAP);
	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_FAILED);
	ck_assert_int_eq(k.c.code, VAM_CODE_AUTH_METHOD);
	ck_assert_uint_eq(w.aaa.n_req, 0);
}
END_TEST

START_TEST(secret_without_username_is_invalid)
{
	uint8_t body[64], resp[17] = { 0 };
	struct vam_tlv_writer t;

	start(VAM_AUTH_CHAP);
	h_client_creds(&k, "alice", "secret");
	to_ready(&k);
	h_request(&w, &k, VAM_REG_REQ, k.c.last_body, k.c.last_len);
	h_expect(&w, &k, VAM_AUTH_REQ, 0);
	vam_tlv_init(&t, body, sizeof(body));
	vam_tlv_put(&t, VAM_A_CHAP_RESPONSE, resp, sizeof(resp));
	h_request(&w, &k, VAM_AUTH_INFO, body, t.len);
	h_expect(&w, &k, VAM_REG_RESP, VAM_CODE_INVALID);
	ck_assert_uint_eq(w.aaa.n_req, 0);
}
END_TEST

START_TEST(chap_id_mismatch_fails)
{
	uint8_t body[64], resp[17] = { 0 };
	struct vam_tlv_writer t;
	struct h_pkt p;

	start(VAM_AUTH_CHAP);
	h_client_creds(&k, "alice", "secret");
	to_ready(&k);
	h_request(&w, &k, VAM_REG_REQ, k.c.last_body, k.c.last_len);
	ck_assert(h_take(&w, &k, &p));
	vam_tlv_init(&t, body, sizeof(body));
	vam_tlv_put(&t, VAM_A_USERNAME, "alice", 5);
	/* Learn the server's challenge id from AUTH_REQ and answer with another. */
	vam_client_input(&k.c, p.d, p.len, (uint8_t[VAM_CTRL_MAX]){ 0 }, VAM_CTRL_MAX,
			 &(size_t){ 0 });
	resp[0] = (uint8_t)(k.c.rx_at.a[VAM_A_CHAP_CHALLENGE].val[0] + 1);
	vam_tlv_put(&t, VAM_A_CHAP_RESPONSE, resp, sizeof(resp));
	h_request(&w, &k, VAM_AUTH_INFO, body, t.len);
	h_expect(&w, &k, VAM_REG_RESP, VAM_CODE_AUTH_FAILED);
}
END_TEST

START_TEST(duplicate_reg_req_gets_the_same_challenge)
{
	struct h_pkt a, b;

	start(VAM_AUTH_CHAP);
	h_client_creds(&k, "alice", "secret");
	to_ready(&k);
	h_request(&w, &k, VAM_REG_REQ, k.c.last_body, k.c.last_len);
	h_request(&w, &k, VAM_REG_REQ, k.c.last_body, k.c.last_len);
	ck_assert(h_take(&w, &k, &a));
	ck_assert(h_take(&w, &k, &b));
	ck_assert_uint_eq(a.d[1], VAM_AUTH_REQ);
	ck_assert_uint_eq(b.d[1], VAM_AUTH_REQ);
	/* Decrypt both: same body (S-40), different seq. */
	ck_assert_int_eq(vam_client_input(&k.c, a.d, a.len, (uint8_t[VAM_CTRL_MAX]){ 0 },
					  VAM_CTRL_MAX, &(size_t){ 0 }),
			 VAM_OK);
	{
		uint8_t first[64];
		size_t n = k.c.rx_len;

		memcpy(first, k.c.rx, n);
		k.c.state = VAM_CL_REG;
		ck_assert_int_eq(vam_client_input(&k.c, b.d, b.len, (uint8_t[VAM_CTRL_MAX]){ 0 },
						  VAM_CTRL_MAX, &(size_t){ 0 }),
				 VAM_OK);
		ck_assert_uint_eq(k.c.rx_len, n);
		ck_assert_mem_eq(k.c.rx, first, n);
	}
	/* A different REG_REQ now is unexpected. */
	{
		uint8_t body[128];
		size_t n = reg_body(&k, body, sizeof(body), true);

		h_request(&w, &k, VAM_REG_REQ, body, n);
		ck_assert_uint_eq(h_drops(&w, VAM_DROP_UNEXPECTED_TYPE), 1);
	}
}
END_TEST

START_TEST(malformed_reg_req_is_invalid_and_closes)
{
	uint8_t body[128];
	size_t n;

	start(VAM_AUTH_NONE);
	to_ready(&k);
	n = reg_body(&k, body, sizeof(body), false);	/* no DATA_PORT */
	h_request(&w, &k, VAM_REG_REQ, body, n);
	h_expect(&w, &k, VAM_REG_RESP, VAM_CODE_INVALID);
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_MALFORMED), 1);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_CLOSED), 1);
	/* Its duplicate gets the same answer (S-42). */
	h_request(&w, &k, VAM_REG_REQ, body, n);
	h_expect(&w, &k, VAM_REG_RESP, VAM_CODE_INVALID);
}
END_TEST

START_TEST(connection_id_must_match)
{
	uint8_t body[128];
	size_t n;

	start(VAM_AUTH_NONE);
	to_ready(&k);
	k.cfg.private_addr = 0x0a010063;	/* REG_REQ names another address (S-33) */
	n = reg_body(&k, body, sizeof(body), true);
	h_request(&w, &k, VAM_REG_REQ, body, n);
	h_expect(&w, &k, VAM_REG_RESP, VAM_CODE_INVALID);
}
END_TEST

START_TEST(aaa_pending_ignores_duplicates_then_times_out)
{
	uint8_t out[VAM_CTRL_MAX];

	start(VAM_AUTH_PAP);
	h_client_creds(&k, "alice", "secret");
	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_AUTH);
	h_send(&w, &k, out, vam_client_retransmit(&k.c, out, sizeof(out)));
	ck_assert_uint_eq(w.nq, 0);		/* S-65: no answer, no second request */
	ck_assert_uint_eq(w.aaa.n_req, 1);
	h_advance(&w, 14900);
	ck_assert_uint_eq(w.nq, 0);
	h_advance(&w, 200);
	h_expect(&w, &k, VAM_REG_RESP, VAM_CODE_AAA_UNAVAILABLE);
	/* The late answer is ignored. */
	h_aaa_answer(&w, CTL_AAA_ACCEPT);
	ck_assert_uint_eq(ctl_server_stats(w.srv)->aaa_late, 1);
	ck_assert_uint_eq(w.nq, 0);
	ck_assert_uint_eq(w.ups, 0);
}
END_TEST

START_TEST(aaa_backend_busy)
{
	start(VAM_AUTH_PAP);
	w.aaa.refuse_submit = true;
	h_client_creds(&k, "alice", "secret");
	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_FAILED);
	ck_assert_int_eq(k.c.code, VAM_CODE_AAA_UNAVAILABLE);
}
END_TEST

START_TEST(newer_registration_replaces)
{
	struct h_client k2;

	start(VAM_AUTH_NONE);
	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_ONLINE);
	h_client_init(&k2, 10);			/* same private address, restarted */
	k2.addr.port = 61555;
	ck_assert_int_eq(h_connect(&w, &k2), VAM_CL_ONLINE);
	h_expect(&w, &k, VAM_ERROR_NOTIFY, VAM_CODE_ADMIN_RESET);
	ck_assert_int_eq(k.c.state, VAM_CL_OFFLINE);
	ck_assert_uint_eq(w.events[CTL_EV_REPLACED], 1);
	ck_assert_uint_eq(w.downs, 1);
	ck_assert_uint_eq(w.aaa.n_acct, 3);		/* Start of k, Stop of k, Start of k2 */
	ck_assert_int_eq(w.aaa.acct[1].type, CTL_ACCT_STOP);
	ck_assert_int_eq(w.aaa.acct[1].cause, CTL_CAUSE_ADMIN_RESET);
	{
		struct ctl_client_info info;

		ctl_client_info(ctl_server_find(w.srv, H_DOMAIN, k.cfg.private_addr), &info);
		ck_assert_uint_eq(info.id, k2.c.s.peer_id);
	}
	/* The old session is gone: its packets name no session. */
	h_request(&w, &k, VAM_KEEPALIVE, NULL, 0);
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_UNKNOWN_SESSION), 1);
}
END_TEST

START_TEST(networks_conflicting_with_lan_refused)
{
	start(VAM_AUTH_NONE);
	/* 172.16.5.0/24 lies inside the LAN route 172.16.0.0/16 */
	memcpy(k.cfg.networks, (uint8_t[]){ 172, 16, 5, 0, 24, 0 }, 6);
	k.cfg.networks_len = 6;
	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_FAILED);
	ck_assert_int_eq(k.c.code, VAM_CODE_CONFLICT);
}
END_TEST

/* vamgw extension: the method can depend on the client's address. */
START_TEST(per_address_method)
{
	struct h_client p, c;

	h_world_init(&w, VAM_AUTH_NONE);
	w.cfg.domains[0].pap[0] = (struct ctl_range){ 0x0a010014, 0x0a010017 };	/* .20-.23 */
	w.cfg.domains[0].n_pap = 1;
	w.cfg.domains[0].chap[0] = (struct ctl_range){ 0x0a010018, 0x0a01001b };	/* .24-.27 */
	w.cfg.domains[0].n_chap = 1;
	h_world_start(&w);
	w.aaa.auto_answer = true;
	h_client_init(&k, 10);
	h_client_init(&p, 21);
	h_client_creds(&p, "bob", "hunter2");
	h_client_init(&c, 25);
	h_client_creds(&c, "alice", "secret");
	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_ONLINE);
	ck_assert_uint_eq(w.aaa.n_res + w.aaa.n_req, 0);
	ck_assert_int_eq(h_connect(&w, &p), VAM_CL_ONLINE);
	ck_assert_int_eq(h_connect(&w, &c), VAM_CL_ONLINE);
	ck_assert_uint_eq(ctl_server_stats(w.srv)->aaa_accepted, 2);
	/* The wrong password under PAP is refused as for a PAP domain. */
	h_client_init(&p, 22);
	h_client_creds(&p, "bob", "nope");
	ck_assert_int_eq(h_connect(&w, &p), VAM_CL_FAILED);
	ck_assert_int_eq(p.c.code, VAM_CODE_AUTH_FAILED);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("server-reg");
	TCase *tc = tcase_create("reg");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, none_spoke_and_hub_roles);
	tcase_add_test(tc, not_in_domain_and_own_address);
	tcase_add_test(tc, capacity_per_domain);
	tcase_add_test(tc, chap_accept);
	tcase_add_test(tc, chap_reject_then_closed);
	tcase_add_test(tc, pap_accept_and_reject);
	tcase_add_test(tc, no_credentials_is_auth_method);
	tcase_add_test(tc, secret_without_username_is_invalid);
	tcase_add_test(tc, chap_id_mismatch_fails);
	tcase_add_test(tc, duplicate_reg_req_gets_the_same_challenge);
	tcase_add_test(tc, malformed_reg_req_is_invalid_and_closes);
	tcase_add_test(tc, connection_id_must_match);
	tcase_add_test(tc, aaa_pending_ignores_duplicates_then_times_out);
	tcase_add_test(tc, aaa_backend_busy);
	tcase_add_test(tc, newer_registration_replaces);
	tcase_add_test(tc, networks_conflicting_with_lan_refused);
	tcase_add_test(tc, per_address_method);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
