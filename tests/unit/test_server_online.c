/* SPDX-License-Identifier: BSD-3-Clause */
/* Registered and online clients: keepalive, aging, logout, resolve, networks, hub lists. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "srvharness.h"
#include "testutil.h"

static struct h_world w;
static struct h_client a, b;

static void setup(void)
{
	h_world_init(&w, VAM_AUTH_NONE);
	h_world_start(&w);
	h_client_init(&a, 10);
	h_client_init(&b, 11);
}

static void teardown(void)
{
	h_clients_free(&a, 1);
	h_clients_free(&b, 1);
	h_world_fini(&w);
}

static void resolve(struct h_client *c, uint32_t target)
{
	uint8_t body[8];

	vam_put16(body, VAM_A_TARGET);
	vam_put16(body + 2, 4);
	vam_put32(body + 4, target);
	h_request(&w, c, VAM_RESOLVE_REQ, body, sizeof(body));
}

static void net_reg(struct h_client *c, const uint8_t *nets, size_t len)
{
	uint8_t body[256];
	struct vam_tlv_writer t;

	vam_tlv_init(&t, body, sizeof(body));
	vam_tlv_put(&t, VAM_A_NETWORKS, nets, len);
	h_request(&w, c, VAM_NET_REG_REQ, body, t.len);
}

START_TEST(first_keepalive_makes_online)
{
	uint8_t out[VAM_CTRL_MAX];
	struct h_pkt p;

	h_send(&w, &a, out, vam_client_start(&a.c, &a.cfg, out, sizeof(out)));
	while (a.c.state != VAM_CL_REGISTERED)
		ck_assert_uint_ne(h_next(&w, &a), 0);
	/* REG_RESP arrived; the client's first KEEPALIVE is on its way but not yet taken. */
	ck_assert_uint_eq(w.ups, 1);
	ck_assert_int_eq(a.c.state, VAM_CL_REGISTERED);
	ck_assert(h_take(&w, &a, &p));
	ck_assert_uint_eq(p.d[1], VAM_KEEPALIVE_ACK);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_ONLINE), 1);
}
END_TEST

START_TEST(registered_accepts_only_keepalive_and_logout)
{
	uint8_t out[VAM_CTRL_MAX], body[64];
	struct h_pkt p;
	size_t n;

	h_send(&w, &a, out, vam_client_start(&a.c, &a.cfg, out, sizeof(out)));
	for (int i = 0; i < 2; i++)
		ck_assert_uint_ne(h_next(&w, &a), 0);
	ck_assert(h_take(&w, &a, &p));			/* REG_RESP: keep the KEEPALIVE */
	vam_client_input(&a.c, p.d, p.len, out, sizeof(out), &n);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_REGISTERED), 1);
	resolve(&a, H_GW_PRIV);				/* S-47 */
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_UNEXPECTED_TYPE), 1);
	vam_put16(body, VAM_A_NETWORKS);
	vam_put16(body + 2, 0);
	h_request(&w, &a, VAM_NET_REG_REQ, body, 4);
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_UNEXPECTED_TYPE), 2);
	ck_assert_uint_eq(w.nq, 0);
	ck_assert_uint_eq(w.ups, 0);
	/* It is not resolvable either, until online. */
	ck_assert_int_eq(h_connect(&w, &b), VAM_CL_ONLINE);
	resolve(&b, a.cfg.private_addr);
	h_expect(&w, &b, VAM_RESOLVE_RESP, VAM_CODE_NOT_FOUND);
}
END_TEST

START_TEST(aging_removes_silent_clients)
{
	ck_assert_int_eq(h_connect(&w, &a), VAM_CL_ONLINE);
	/* interval 10 s x (retries 3 + 1) = 40 s without anything authentic. */
	h_advance(&w, 30000);
	h_request(&w, &a, VAM_KEEPALIVE, NULL, 0);	/* refreshes */
	h_pump(&w, &a);
	h_advance(&w, 39900);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_ONLINE), 1);
	h_advance(&w, 300);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_ONLINE), 0);
	ck_assert_uint_eq(w.downs, 1);
	ck_assert_uint_eq(w.routes_deleted, 1);
	ck_assert_uint_eq(w.aaa.n_acct, 2);
	ck_assert_int_eq(w.aaa.acct[1].type, CTL_ACCT_STOP);
	ck_assert_int_eq(w.aaa.acct[1].cause, CTL_CAUSE_IDLE_TIMEOUT);
	ck_assert_uint_eq(w.aaa.acct[1].session_time, 70);
	ck_assert_uint_eq(ctl_server_stats(w.srv)->dom[0].aged_out, 1);
}
END_TEST

START_TEST(data_refreshes_and_teaches_the_data_address)
{
	struct ctl_client_info info;

	ck_assert_int_eq(h_connect(&w, &a), VAM_CL_ONLINE);
	ctl_client_info(ctl_server_find(w.srv, H_DOMAIN, a.cfg.private_addr), &info);
	h_advance(&w, 35000);
	ctl_server_data_addr(w.srv, w.now, info.id, (struct ctl_addr){ 0xcb00710a, 61001 });
	h_advance(&w, 35000);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_ONLINE), 1);
	ctl_client_info(ctl_server_find(w.srv, H_DOMAIN, a.cfg.private_addr), &info);
	ck_assert_uint_eq(info.data_addr.port, 61001);
}
END_TEST

/* S-53: DATA the data path accepted keeps a client alive without keepalives. */
START_TEST(data_alone_keeps_alive)
{
	ck_assert_int_eq(h_connect(&w, &a), VAM_CL_ONLINE);
	for (int i = 0; i < 10; i++) {
		h_advance(&w, 10000);
		w.data_last_rx = w.now - 500;	/* DATA half a second ago */
	}
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_ONLINE), 1);
	h_advance(&w, 40200);			/* DATA stops too */
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_ONLINE), 0);
}
END_TEST

START_TEST(logout)
{
	ck_assert_int_eq(h_connect(&w, &a), VAM_CL_ONLINE);
	h_request(&w, &a, VAM_LOGOUT_REQ, NULL, 0);
	h_expect(&w, &a, VAM_LOGOUT_RESP, 0);
	ck_assert_int_eq(a.c.state, VAM_CL_OFFLINE);
	ck_assert_ptr_null(ctl_server_find(w.srv, H_DOMAIN, a.cfg.private_addr));
	ck_assert_int_eq(w.aaa.acct[1].cause, CTL_CAUSE_USER_REQUEST);
	/* S-52: a retransmitted LOGOUT_REQ names no session. */
	a.c.state = VAM_CL_ONLINE;
	h_request(&w, &a, VAM_LOGOUT_REQ, NULL, 0);
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_UNKNOWN_SESSION), 1);
}
END_TEST

START_TEST(resolve_hosts_networks_gateway_and_lan)
{
	static const uint8_t nets[] = { 192, 168, 50, 0, 24, 5 };
	const uint8_t *node;

	memcpy(b.cfg.networks, nets, sizeof(nets));
	b.cfg.networks_len = sizeof(nets);
	ck_assert_int_eq(h_connect(&w, &a), VAM_CL_ONLINE);
	ck_assert_int_eq(h_connect(&w, &b), VAM_CL_ONLINE);
	resolve(&a, b.cfg.private_addr);
	h_expect(&w, &a, VAM_RESOLVE_RESP, 0);
	node = a.c.rx_at.a[VAM_A_NODE].val;
	ck_assert_uint_eq(vam_get32(node), b.cfg.private_addr);
	ck_assert_uint_eq(vam_get32(node + 4), b.addr.ip);	/* control IP + DATA_PORT (S-46) */
	ck_assert_uint_eq(vam_get16(node + 8), 40001);
	ck_assert_uint_eq(node[10], VAM_NODE_SPOKE);
	ck_assert_uint_eq(node[11], 1);				/* behind NAT */
	/* A host inside b's network resolves to b, not to the target (S-50). */
	resolve(&a, 0xc0a83263);
	h_expect(&w, &a, VAM_RESOLVE_RESP, 0);
	ck_assert_uint_eq(vam_get32(a.c.rx_at.a[VAM_A_NODE].val), b.cfg.private_addr);
	ck_assert_uint_eq(vam_attr_u32(&a.c.rx_at, VAM_A_TARGET), 0xc0a83263);
	/* The gateway's own address and its LAN: the gateway's NODE, a hub without NAT. */
	resolve(&a, H_GW_PRIV);
	h_expect(&w, &a, VAM_RESOLVE_RESP, 0);
	node = a.c.rx_at.a[VAM_A_NODE].val;
	ck_assert_uint_eq(vam_get32(node + 4), H_GW_OUT);
	ck_assert_uint_eq(node[10], VAM_NODE_HUB);
	ck_assert_uint_eq(node[11], 0);
	resolve(&a, 0xac100a0a);				/* 172.16.10.10 */
	h_expect(&w, &a, VAM_RESOLVE_RESP, 0);
	ck_assert_uint_eq(vam_get32(a.c.rx_at.a[VAM_A_NODE].val), H_GW_PRIV);
	resolve(&a, 0x08080808);
	h_expect(&w, &a, VAM_RESOLVE_RESP, VAM_CODE_NOT_FOUND);
	ck_assert_uint_eq(vam_attr_u32(&a.c.rx_at, VAM_A_TARGET), 0x08080808);
}
END_TEST

START_TEST(net_reg_replace_conflict_and_clear)
{
	static const uint8_t n1[] = { 192, 168, 50, 0, 24, 0 };
	static const uint8_t n2[] = { 192, 168, 50, 128, 25, 0 };
	static const uint8_t n3[] = { 192, 168, 60, 0, 24, 0, 192, 168, 61, 0, 24, 0 };
	static const uint8_t bad[] = { 192, 168, 70, 1, 24, 0 };

	ck_assert_int_eq(h_connect(&w, &a), VAM_CL_ONLINE);
	ck_assert_int_eq(h_connect(&w, &b), VAM_CL_ONLINE);
	net_reg(&a, n1, sizeof(n1));
	h_expect(&w, &a, VAM_NET_REG_RESP, 0);
	net_reg(&b, n2, sizeof(n2));				/* inside a's network */
	h_expect(&w, &b, VAM_NET_REG_RESP, VAM_CODE_CONFLICT);
	net_reg(&a, n3, sizeof(n3));				/* replaces n1 */
	h_expect(&w, &a, VAM_NET_REG_RESP, 0);
	net_reg(&b, n2, sizeof(n2));				/* free now */
	h_expect(&w, &b, VAM_NET_REG_RESP, 0);
	resolve(&b, 0xc0a83d05);				/* 192.168.61.5 -> a */
	h_expect(&w, &b, VAM_RESOLVE_RESP, 0);
	ck_assert_uint_eq(vam_get32(b.c.rx_at.a[VAM_A_NODE].val), a.cfg.private_addr);
	net_reg(&a, NULL, 0);					/* clears */
	h_expect(&w, &a, VAM_NET_REG_RESP, 0);
	resolve(&b, 0xc0a83d05);
	h_expect(&w, &b, VAM_RESOLVE_RESP, VAM_CODE_NOT_FOUND);
	net_reg(&a, bad, sizeof(bad));				/* host bits: malformed */
	h_expect(&w, &a, VAM_NET_REG_RESP, VAM_CODE_INVALID);
	/* A network that is exactly a client's address, or the gateway's, is taken. */
	{
		static const uint8_t b_addr[] = { 10, 1, 0, 11, 32, 0 };
		static const uint8_t own[] = { 10, 1, 0, 10, 32, 0 };
		static const uint8_t gw[] = { 10, 1, 0, 1, 32, 0 };
		static const uint8_t fresh[] = { 192, 168, 70, 0, 24, 0 };
		unsigned int ups = w.ups, downs = w.downs;

		net_reg(&a, b_addr, sizeof(b_addr));
		h_expect(&w, &a, VAM_NET_REG_RESP, VAM_CODE_CONFLICT);
		net_reg(&a, own, sizeof(own));
		h_expect(&w, &a, VAM_NET_REG_RESP, VAM_CODE_CONFLICT);
		net_reg(&a, gw, sizeof(gw));
		h_expect(&w, &a, VAM_NET_REG_RESP, VAM_CODE_CONFLICT);
		/* NET_REG changes routes only: the data session is never rebuilt. */
		net_reg(&a, fresh, sizeof(fresh));
		h_expect(&w, &a, VAM_NET_REG_RESP, 0);
		ck_assert_uint_eq(w.ups, ups);
		ck_assert_uint_eq(w.downs, downs);
	}
}
END_TEST

START_TEST(malformed_requests_get_invalid)
{
	uint8_t body[8] = { 0, 24, 0, 5, 1, 2, 3, 4 };	/* TARGET of 5 bytes, cut */

	ck_assert_int_eq(h_connect(&w, &a), VAM_CL_ONLINE);
	h_request(&w, &a, VAM_RESOLVE_REQ, body, sizeof(body));
	h_expect(&w, &a, VAM_RESOLVE_RESP, VAM_CODE_INVALID);
	ck_assert_uint_eq(a.c.rx_at.present & ~(1u << VAM_A_REASON), 0);	/* S-05 */
	h_request(&w, &a, VAM_KEEPALIVE, body, 3);
	h_expect(&w, &a, VAM_KEEPALIVE_ACK, VAM_CODE_INVALID);
	h_request(&w, &a, VAM_HUB_INFO_ACK, body, 3);	/* no answer */
	ck_assert_uint_eq(w.nq, 0);
	h_request(&w, &a, VAM_LOGOUT_REQ, body, 3);
	h_expect(&w, &a, VAM_LOGOUT_RESP, VAM_CODE_INVALID);
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_MALFORMED), 4);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_ONLINE), 1);	/* still there */
}
END_TEST

START_TEST(hub_info_on_hub_changes)
{
	struct h_client hub;
	struct h_pkt p;

	ck_assert_int_eq(h_connect(&w, &a), VAM_CL_ONLINE);
	h_client_init(&hub, 2);
	ck_assert_int_eq(h_connect(&w, &hub), VAM_CL_ONLINE);
	/* The spoke hears of the hub; its client echoes the list (S-49). */
	ck_assert(h_take(&w, &a, &p));
	ck_assert_uint_eq(p.d[1], VAM_HUB_INFO);
	ck_assert_uint_eq(h_pending(&w, a.addr), 0);
	/* Not acknowledged: resent every 5 s with the same list. */
	h_advance(&w, 5100);
	ck_assert_uint_eq(h_next(&w, &a), VAM_HUB_INFO);
	ck_assert_uint_eq(a.c.n_hubs, 2);
	ck_assert_uint_eq(vam_get32(a.c.hubs + VAM_HUB_LEN), H_HUB1);
	ck_assert_uint_eq(ctl_server_stats(w.srv)->hub_info_resent, 1);
	/* Acked now: no more resends. */
	h_advance(&w, 10100);
	ck_assert_uint_eq(h_pending(&w, a.addr), 0);
	/* The hub leaves: the list shrinks back to the gateway alone. */
	h_request(&w, &hub, VAM_LOGOUT_REQ, NULL, 0);
	ck_assert_uint_eq(h_next(&w, &a), VAM_HUB_INFO);
	ck_assert_uint_eq(a.c.n_hubs, 1);
}
END_TEST

START_TEST(hub_ack_must_echo_the_outstanding_list)
{
	struct h_client hub;
	uint8_t body[32];
	struct vam_tlv_writer t;
	uint8_t wrong[VAM_HUB_LEN] = { 10, 9, 9, 9 };

	ck_assert_int_eq(h_connect(&w, &a), VAM_CL_ONLINE);
	h_client_init(&hub, 2);
	ck_assert_int_eq(h_connect(&w, &hub), VAM_CL_ONLINE);
	h_flush(&w);
	vam_tlv_init(&t, body, sizeof(body));
	vam_tlv_put(&t, VAM_A_HUB, wrong, sizeof(wrong));
	h_request(&w, &a, VAM_HUB_INFO_ACK, body, t.len);
	ck_assert_uint_eq(h_drops(&w, VAM_DROP_UNEXPECTED_TYPE), 1);
	h_advance(&w, 5100);
	ck_assert_uint_eq(h_pending(&w, a.addr), 1);	/* still outstanding */
}
END_TEST

START_TEST(admin_reset_and_shutdown)
{
	ck_assert_int_eq(h_connect(&w, &a), VAM_CL_ONLINE);
	ck_assert_int_eq(h_connect(&w, &b), VAM_CL_ONLINE);
	ck_assert_int_eq(ctl_server_reset(w.srv, w.now, H_DOMAIN, a.cfg.private_addr), 0);
	h_expect(&w, &a, VAM_ERROR_NOTIFY, VAM_CODE_ADMIN_RESET);
	ck_assert_int_eq(a.c.state, VAM_CL_OFFLINE);
	ck_assert_int_eq(ctl_server_reset(w.srv, w.now, H_DOMAIN, a.cfg.private_addr), -1);
	ctl_server_shutdown(w.srv, w.now);
	h_expect(&w, &b, VAM_ERROR_NOTIFY, VAM_CODE_SHUTDOWN);
	ck_assert_uint_eq(ctl_server_count(w.srv, 0, CTL_ST_ONLINE), 0);
	ck_assert_uint_eq(w.downs, 2);
	ck_assert_int_eq(w.aaa.acct[w.aaa.n_acct - 1].cause, CTL_CAUSE_ADMIN_REBOOT);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("server-online");
	TCase *tc = tcase_create("online");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, first_keepalive_makes_online);
	tcase_add_test(tc, registered_accepts_only_keepalive_and_logout);
	tcase_add_test(tc, aging_removes_silent_clients);
	tcase_add_test(tc, data_refreshes_and_teaches_the_data_address);
	tcase_add_test(tc, data_alone_keeps_alive);
	tcase_add_test(tc, logout);
	tcase_add_test(tc, resolve_hosts_networks_gateway_and_lan);
	tcase_add_test(tc, net_reg_replace_conflict_and_clear);
	tcase_add_test(tc, malformed_requests_get_invalid);
	tcase_add_test(tc, hub_info_on_hub_changes);
	tcase_add_test(tc, hub_ack_must_echo_the_outstanding_list);
	tcase_add_test(tc, admin_reset_and_shutdown);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
