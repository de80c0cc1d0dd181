/* SPDX-License-Identifier: BSD-3-Clause */
/* The server's connection initialization: INIT_REQ, INIT_RESP, INIT_DONE (spec 6, S-31..S-37). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "srvharness.h"
#include "testutil.h"
#include "vam_record.h"
#include "vam_rx.h"

static struct h_world w;
static struct h_client k;

static void setup(void)
{
	h_world_init(&w, VAM_AUTH_NONE);
	h_world_start(&w);
	h_client_init(&k, 10);
}

static void teardown(void)
{
	h_clients_free(&k, 1);
	h_world_fini(&w);
}

START_TEST(handshake_reaches_online)
{
	const struct ctl_client *c;
	struct ctl_client_info info;

	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_ONLINE);
	ck_assert_int_eq(k.c.s.suite.enc, VAM_ENC_AES256_GCM);
	ck_assert_int_eq(k.c.role, VAM_NODE_SPOKE);
	ck_assert_uint_eq(k.c.keepalive, 10);
	ck_assert_uint_eq(k.c.retries, 3);
	ck_assert_uint_eq(k.c.observed_ip, k.addr.ip);	/* OBSERVED_ADDR = control source */
	ck_assert_uint_eq(k.c.observed_port, k.addr.port);
	ck_assert_uint_eq(k.c.n_hubs, 1);		/* the gateway's own entry only */
	ck_assert_uint_eq(vam_get32(k.c.hubs), H_GW_PRIV);
	ck_assert_uint_eq(vam_get32(k.c.hubs + 4), H_GW_OUT);
	ck_assert_uint_eq(vam_get16(k.c.hubs + 8), 18001);
	c = ctl_server_find(w.srv, H_DOMAIN, k.cfg.private_addr);
	ck_assert_ptr_nonnull(c);
	ctl_client_info(c, &info);
	ck_assert_int_eq(info.state, CTL_ST_ONLINE);
	ck_assert(info.nat);					/* 192.168.1.10 != 203.0.113.10 */
	ck_assert_uint_eq(info.data_addr.ip, k.addr.ip);	/* S-46 before any DATA */
	ck_assert_uint_eq(info.data_addr.port, 40001);
	ck_assert_str_eq(info.name, "spoke-10");
	/* The data plane got the data keys of this session only when it went online. */
	ck_assert_uint_eq(w.ups, 1);
	ck_assert_uint_eq(w.last_up.id, info.id);
	ck_assert_uint_eq(w.last_up.peer_id, k.c.req.sender_id);
	ck_assert_mem_eq(&w.last_up_keys, &k.c.s.keys[VAM_KEYS_DATA], sizeof(w.last_up_keys));
	ck_assert_uint_eq(w.routes_added, 1);
	ck_assert_uint_eq(w.events[CTL_EV_ONLINE], 1);
}
END_TEST

START_TEST(server_priority_wins)
{
	/* The client prefers CBC; the server's list puts AES-GCM first. */
	k.cfg.enc[0] = VAM_ENC_AES128_CBC;
	k.cfg.enc[1] = VAM_ENC_AES128_GCM;
	k.cfg.n_enc = 2;
	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_ONLINE);
	ck_assert_int_eq(k.c.s.suite.enc, VAM_ENC_AES128_GCM);
	ck_assert_int_eq(k.c.s.suite.integ, 0);
}
END_TEST

START_TEST(no_proposal_keeps_no_state)
{
	k.cfg.enc[0] = VAM_ENC_AES128_CBC;
	k.cfg.integ[0] = VAM_INTEG_HMAC_SHA512;	/* the server offers sha256, sha1 */
	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_FAILED);
	ck_assert_int_eq(k.c.code, VAM_CODE_NO_PROPOSAL);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_HALF_OPEN), 0);
	ck_assert_ptr_null(ctl_server_find(w.srv, H_DOMAIN, k.cfg.private_addr));
}
END_TEST

START_TEST(wrong_psk_is_dropped_silently)
{
	memcpy(k.cfg.psk, "wrong", 5);
	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_INIT);
	ck_assert_uint_eq(w.sent_total, 0);
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_INTEGRITY), 1);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_HALF_OPEN), 0);
}
END_TEST

START_TEST(unknown_domain_is_dropped)
{
	k.cfg.domain = 8;
	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_INIT);
	ck_assert_uint_eq(w.sent_total, 0);
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_UNKNOWN_SESSION), 1);
}
END_TEST

START_TEST(retransmitted_init_req_gets_the_same_answer)
{
	uint8_t out[VAM_CTRL_MAX];
	struct h_pkt a, b;

	h_send(&w, &k, out, vam_client_start(&k.c, &k.cfg, out, sizeof(out)));
	ck_assert(h_take(&w, &k, &a));
	/* The retransmission has a new IV; the server resends the same bytes (S-32) ... */
	h_send(&w, &k, out, vam_client_retransmit(&k.c, out, sizeof(out)));
	ck_assert(h_take(&w, &k, &b));
	ck_assert_uint_eq(a.len, b.len);
	ck_assert_mem_eq(a.d, b.d, a.len);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_HALF_OPEN), 1);
	/* ... to wherever it came from now (NAT rebinding). */
	k.addr.port = 61099;
	h_send(&w, &k, out, vam_client_retransmit(&k.c, out, sizeof(out)));
	ck_assert(h_take(&w, &k, &b));
	ck_assert_mem_eq(a.d, b.d, a.len);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_HALF_OPEN), 1);
	/* The handshake completes from the new address. */
	vam_client_input(&k.c, b.d, b.len, out, sizeof(out), &(size_t){ 0 });
	ck_assert_int_eq(k.c.state, VAM_CL_INIT_DONE);
}
END_TEST

START_TEST(init_req_past_half_open_is_unexpected)
{
	uint8_t out[VAM_CTRL_MAX];
	struct vam_hdr h = { VAM_VERSION, VAM_INIT_REQ, 0, 0, H_DOMAIN, 0 };
	long n;

	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_ONLINE);
	/* The same INIT_REQ again once the session exists (S-31). */
	n = vam_seal(VAM_SUITE_BOOT, &k.c.boot, &h, k.c.req_body, k.c.req_len, NULL, out,
		     sizeof(out));
	h_flush(&w);
	h_send(&w, &k, out, n);
	ck_assert_uint_eq(w.nq, 0);
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_UNEXPECTED_TYPE), 1);
}
END_TEST

START_TEST(half_open_expires)
{
	uint8_t out[VAM_CTRL_MAX];

	h_send(&w, &k, out, vam_client_start(&k.c, &k.cfg, out, sizeof(out)));
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_HALF_OPEN), 1);
	h_advance(&w, 19900);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_HALF_OPEN), 1);
	h_advance(&w, 300);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_HALF_OPEN), 0);
	/* Its INIT_DONE_C now names no session. */
	h_pump(&w, &k);
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_UNKNOWN_SESSION), 1);
}
END_TEST

START_TEST(half_open_is_bounded)
{
	struct h_client more[3];
	uint8_t out[VAM_CTRL_MAX];

	h_world_fini(&w);
	h_world_init(&w, VAM_AUTH_NONE);
	w.cfg.domains[0].max_half_open = 2;
	h_world_start(&w);
	for (int i = 0; i < 3; i++) {
		h_client_init(&more[i], (uint8_t)(20 + i));
		h_send(&w, &more[i], out, vam_client_start(&more[i].c, &more[i].cfg, out,
							     sizeof(out)));
	}
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_HALF_OPEN), 2);
	h_pump(&w, &more[2]);
	ck_assert_int_eq(more[2].c.state, VAM_CL_FAILED);
	ck_assert_int_eq(more[2].c.code, VAM_CODE_CAPACITY);
	/* Completing one frees a place. */
	h_pump(&w, &more[0]);
	ck_assert_int_eq(more[0].c.state, VAM_CL_ONLINE);
	ck_assert_int_eq(h_connect(&w, &more[2]), VAM_CL_ONLINE);
	h_clients_free(more, 3);
}
END_TEST

START_TEST(init_req_rate_limited_per_source)
{
	struct h_client more[4];
	uint8_t out[VAM_CTRL_MAX];

	h_world_fini(&w);
	h_world_init(&w, VAM_AUTH_NONE);
	w.cfg.init_rate_per_source = 3;
	h_world_start(&w);
	for (int i = 0; i < 4; i++) {
		h_client_init(&more[i], (uint8_t)(20 + i));
		more[i].addr = k.addr;	/* one source address */
		h_send(&w, &more[i], out, vam_client_start(&more[i].c, &more[i].cfg, out,
							     sizeof(out)));
	}
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_RATE_LIMITED), 1);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_HALF_OPEN), 3);
	/* Another source is not held back, and the bucket refills. */
	h_clients_free(&more[0], 1);
	h_client_init(&more[0], 30);
	ck_assert_int_eq(h_connect(&w, &more[0]), VAM_CL_ONLINE);
	h_advance(&w, 1000);
	h_send(&w, &more[3], out, vam_client_start(&more[3].c, &more[3].cfg, out, sizeof(out)));
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_RATE_LIMITED), 1);
	h_clients_free(more, 4);
}
END_TEST

START_TEST(transcript_mismatch_destroys_the_attempt)
{
	uint8_t out[VAM_CTRL_MAX], body[64];
	struct vam_tlv_writer wr;
	struct h_pkt p;
	size_t n;

	h_send(&w, &k, out, vam_client_start(&k.c, &k.cfg, out, sizeof(out)));
	ck_assert(h_take(&w, &k, &p));
	vam_client_input(&k.c, p.d, p.len, out, sizeof(out), &n);
	ck_assert_uint_gt(n, 0);
	/* Send INIT_DONE_C with a wrong TRANSCRIPT instead of the right one. */
	k.c.transcript[0] ^= 1;
	vam_tlv_init(&wr, body, sizeof(body));
	vam_tlv_put(&wr, VAM_A_TRANSCRIPT, k.c.transcript, 32);
	k.c.s.tx_seq[VAM_KEYS_CTRL] = 0;
	h_request(&w, &k, VAM_INIT_DONE_C, body, wr.len);
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_TRANSCRIPT), 1);
	ck_assert_uint_eq(w.nq, 0);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_HALF_OPEN), 0);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_READY), 0);
}
END_TEST

START_TEST(duplicate_init_done_gets_the_same_answer)
{
	uint8_t out[VAM_CTRL_MAX];
	struct h_pkt a, b;
	size_t n;

	h_send(&w, &k, out, vam_client_start(&k.c, &k.cfg, out, sizeof(out)));
	ck_assert(h_take(&w, &k, &a));
	vam_client_input(&k.c, a.d, a.len, out, sizeof(out), &n);
	h_send(&w, &k, out, (long)n);
	ck_assert(h_take(&w, &k, &a));	/* INIT_DONE_S */
	h_send(&w, &k, out, vam_client_retransmit(&k.c, out, sizeof(out)));
	ck_assert(h_take(&w, &k, &b));	/* INIT_DONE_S again, with a new seq */
	ck_assert_uint_eq(a.d[1], VAM_INIT_DONE_S);
	ck_assert_uint_eq(b.d[1], VAM_INIT_DONE_S);
	ck_assert_uint_eq(vam_get64(b.d + 8), vam_get64(a.d + 8) + 1);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_READY), 1);
}
END_TEST

START_TEST(control_replay_is_dropped)
{
	uint8_t out[VAM_CTRL_MAX];
	long n;

	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_ONLINE);
	n = vam_client_request(&k.c, VAM_KEEPALIVE, NULL, 0, out, sizeof(out));
	h_send(&w, &k, out, n);
	h_send(&w, &k, out, n);
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_REPLAY), 1);
	ck_assert_uint_eq(h_pump(&w, &k), 1);	/* one KEEPALIVE_ACK, for the first */
}
END_TEST

START_TEST(address_follows_only_fresh_packets)
{
	uint8_t out[VAM_CTRL_MAX], old[VAM_CTRL_MAX];
	struct ctl_client_info info;
	long n1, n2;

	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_ONLINE);
	n1 = vam_client_request(&k.c, VAM_KEEPALIVE, NULL, 0, old, sizeof(old));
	n2 = vam_client_request(&k.c, VAM_KEEPALIVE, NULL, 0, out, sizeof(out));
	k.addr.port = 62000;		/* NAT rebinding */
	h_send(&w, &k, out, n2);
	ctl_client_info(ctl_server_find(w.srv, H_DOMAIN, k.cfg.private_addr), &info);
	ck_assert_uint_eq(info.ctrl_addr.port, 62000);
	/* An older (still unseen) packet from elsewhere is accepted but moves nothing (S-30). */
	k.addr.port = 63000;
	h_send(&w, &k, old, n1);
	ctl_client_info(ctl_server_find(w.srv, H_DOMAIN, k.cfg.private_addr), &info);
	ck_assert_uint_eq(info.ctrl_addr.port, 62000);
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_REPLAY), 0);
}
END_TEST

/* S-18, S-34: an authentic INIT_REQ with a bad KEX is answered INVALID, and keeps no state. */
START_TEST(malformed_init_req_answered_invalid)
{
	uint8_t body[256], out[VAM_CTRL_MAX], pt[VAM_CTRL_MAX];
	struct vam_hdr h = { VAM_VERSION, VAM_INIT_REQ, 0, 0, H_DOMAIN, 0 };
	struct vam_dir_keys boot;
	struct h_pkt p;
	size_t pt_len;
	long n;

	vam_client_start(&k.c, &k.cfg, out, sizeof(out));
	n = vam_init_req_encode(&k.c.req, body, sizeof(body));
	body[4 + 4 + 4 + 32 + 4 + 1] = 31;	/* KEX group 29 -> 31 */
	ck_assert_int_eq(vam_boot_keys(k.cfg.psk, k.cfg.psk_len, H_DOMAIN, &boot), 0);
	h_send(&w, &k, out, vam_seal(VAM_SUITE_BOOT, &boot, &h, body, (size_t)n, NULL, out,
				     sizeof(out)));
	ck_assert(h_take(&w, &k, &p));
	ck_assert_uint_eq(p.d[1], VAM_INIT_RESP);
	ck_assert_uint_eq(p.d[3], VAM_CODE_INVALID);
	ck_assert_uint_eq(vam_get32(p.d + 4), k.c.req.sender_id);
	vam_hdr_decode(p.d, &h);
	ck_assert_int_eq(vam_rx_boot(&boot, &h, p.d, p.len, pt, sizeof(pt), &pt_len), VAM_OK);
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_MALFORMED), 1);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_HALF_OPEN), 0);
}
END_TEST

START_TEST(init_req_rate_limited_in_total)
{
	struct h_client more[3];
	uint8_t out[VAM_CTRL_MAX];

	h_world_fini(&w);
	h_world_init(&w, VAM_AUTH_NONE);
	w.cfg.init_rate = 2;
	h_world_start(&w);
	for (int i = 0; i < 3; i++) {
		h_client_init(&more[i], (uint8_t)(20 + i));	/* three sources */
		h_send(&w, &more[i], out, vam_client_start(&more[i].c, &more[i].cfg, out,
							     sizeof(out)));
	}
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_RATE_LIMITED), 1);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_HALF_OPEN), 2);
	h_clients_free(more, 3);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("server-init");
	TCase *tc = tcase_create("init");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, handshake_reaches_online);
	tcase_add_test(tc, server_priority_wins);
	tcase_add_test(tc, no_proposal_keeps_no_state);
	tcase_add_test(tc, wrong_psk_is_dropped_silently);
	tcase_add_test(tc, unknown_domain_is_dropped);
	tcase_add_test(tc, retransmitted_init_req_gets_the_same_answer);
	tcase_add_test(tc, init_req_past_half_open_is_unexpected);
	tcase_add_test(tc, half_open_expires);
	tcase_add_test(tc, half_open_is_bounded);
	tcase_add_test(tc, init_req_rate_limited_per_source);
	tcase_add_test(tc, transcript_mismatch_destroys_the_attempt);
	tcase_add_test(tc, duplicate_init_done_gets_the_same_answer);
	tcase_add_test(tc, control_replay_is_dropped);
	tcase_add_test(tc, address_follows_only_fresh_packets);
	tcase_add_test(tc, malformed_init_req_answered_invalid);
	tcase_add_test(tc, init_req_rate_limited_in_total);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
