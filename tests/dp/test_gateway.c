/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The whole gateway in one process: gw_setup from a configuration file,
 * the real control loop on the main lcore, two workers, and ring-backed
 * ports the test drives from a plain thread. Emulated spokes register over
 * CHAP, exchange DATA through the gateway, reach a LAN host (after ARP) and
 * the gateway itself; hostile datagrams (tests/vectors/invalid.json and
 * DATA abuses) are dropped under their counters; the data address follows
 * the newest DATA only (S-30, S-46); DATA alone keeps a client alive
 * (S-53); a graceful stop tells every client. Needs an EAL (no hugepages,
 * ring and crypto vdevs only): it fails, never skips, without one.
 */
#include <check.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_arp.h>
#include <rte_ip.h>

#include "dp_proto.h"
#include "gwtest.h"
#include "testutil.h"

#define LAN_HOST	0xac100505u	/* 172.16.5.5 */
#define STRANGER	0xcb007132u	/* 203.0.113.50 */
#define WAIT_MS		3000

static struct gt_spoke A, B, D;
static const struct rte_ether_addr lan_mac = { { 0x02, 0x00, 0xac, 0x10, 0x05, 0x05 } };
static const struct rte_ether_addr any_mac = { { 0x02, 0x00, 0xcb, 0x00, 0x71, 0x32 } };
static const struct rte_ether_addr bcast = { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };
static bool online;
static unsigned int n_vec[3], n_hostile;
static int failed = -1;

static void need_online(void)
{
	ck_assert_msg(online, "the spokes did not register: nothing to test");
}

/* -------------------------------------------------------------------------- */
/* Registration                                                               */
/* -------------------------------------------------------------------------- */

static bool both_done(void *arg)
{
	(void)arg;
	return (A.c.state == VAM_CL_ONLINE || A.c.state == VAM_CL_FAILED) &&
	       (B.c.state == VAM_CL_ONLINE || B.c.state == VAM_CL_FAILED);
}

static void check_online(const struct gt_spoke *s, uint16_t enc)
{
	static const uint8_t seen[] = { VAM_INIT_RESP, VAM_INIT_DONE_S, VAM_AUTH_REQ,
					VAM_REG_RESP, VAM_KEEPALIVE_ACK };

	ck_assert_msg(s->c.state == VAM_CL_ONLINE, "%s: %s (code %u, %s) after %u s",
		      s->cfg.name, vam_client_state_name(s->c.state), s->c.code,
		      vam_drop_name(s->c.why), WAIT_MS / 1000);
	for (unsigned int i = 0; i < sizeof(seen); i++)
		ck_assert_msg(s->rx_types[seen[i]] == 1, "%s: %u %s", s->cfg.name,
			      s->rx_types[seen[i]], vam_type_name(seen[i]));
	ck_assert_uint_eq(s->rx_refused, 0);
	ck_assert_uint_eq(s->c.s.suite.enc, enc);
}

START_TEST(register_spokes)
{
	static uint8_t dg[VAM_CTRL_MAX];
	unsigned int n;

	gt_spoke_init(&A, 10, "alice", "alice-password-1", VAM_ENC_AES256_GCM,
		      VAM_INTEG_HMAC_SHA256);
	gt_spoke_init(&B, 11, "bob", "bob-password-2", VAM_ENC_AES128_CBC, VAM_INTEG_HMAC_SHA256);
	gt_spoke_ctrl(&A, dg, vam_client_start(&A.c, &A.cfg, dg, sizeof(dg)));
	gt_spoke_ctrl(&B, dg, vam_client_start(&B.c, &B.cfg, dg, sizeof(dg)));
	gt_wait(both_done, NULL, WAIT_MS);
	check_online(&A, VAM_ENC_AES256_GCM);
	check_online(&B, VAM_ENC_AES128_CBC);
	ctl_server_lock(gt.g.srv);
	n = ctl_server_count(gt.g.srv, 7, CTL_ST_ONLINE);
	ctl_server_unlock(gt.g.srv);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(gt.bad_frames, 0);
	online = true;
}
END_TEST

/* -------------------------------------------------------------------------- */
/* Forwarding                                                                 */
/* -------------------------------------------------------------------------- */

/* s sends pkt inside DATA; r must receive exactly pkt. */
static void relay(struct gt_spoke *s, struct gt_spoke *r, const uint8_t *pkt, uint32_t len)
{
	static uint8_t got[VAM_DATA_MAX];
	struct gt_snap a, b;
	size_t n = 0;

	gt_snap(&a);
	gt_spoke_send(s, pkt, len);
	ck_assert_msg(gt_spoke_recv(r, got, sizeof(got), &n, WAIT_MS), "%s -> %s: nothing "
		      "arrived", s->cfg.name, r->cfg.name);
	ck_assert_uint_eq(n, len);
	ck_mem(got, pkt, len, "the inner packet");
	gt_snap(&b);
	ck_assert_uint_eq(b.data_rx - a.data_rx, 1);
	ck_assert_uint_eq(b.data_tx - a.data_tx, 1);
}

START_TEST(spoke_to_spoke)
{
	uint8_t pkt[256];

	need_online();
	relay(&A, &B, pkt, gt_ping(pkt, 0x0a01000au, 0x0a01000bu, 1, 1, 64));
	/* And back, sealed in the other suite; B's DATA comes from its DATA_PORT (S-46). */
	relay(&B, &A, pkt, gt_ping(pkt, 0x0a01000bu, 0x0a01000au, 2, 1, 100));
	ck_assert_uint_eq(gt.bad_frames, 0);
}
END_TEST

static bool is_arp_for(const uint8_t *f, uint32_t len, const void *arg)
{
	const struct rte_ether_hdr *e = (const void *)f;
	const struct rte_arp_hdr *a = (const void *)(e + 1);

	return len >= RTE_ETHER_HDR_LEN + sizeof(*a) &&
	       e->ether_type == rte_cpu_to_be_16(RTE_ETHER_TYPE_ARP) &&
	       a->arp_data.arp_tip == rte_cpu_to_be_32(*(const uint32_t *)arg);
}

static bool is_ipv4_to(const uint8_t *f, uint32_t len, const void *arg)
{
	const struct rte_ether_hdr *e = (const void *)f;
	const struct rte_ipv4_hdr *ip = (const void *)(e + 1);

	return len >= RTE_ETHER_HDR_LEN + sizeof(*ip) &&
	       e->ether_type == rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4) &&
	       ip->dst_addr == rte_cpu_to_be_32(*(const uint32_t *)arg);
}

static bool lan_host_known(void *arg)
{
	struct rte_ether_addr mac;

	(void)arg;
	return dp_neigh_get(&gt.g.dp.neigh, LAN_HOST, &mac) && rte_is_same_ether_addr(&mac,
										    &lan_mac);
}

/* The gateway asks the LAN who has 172.16.5.5; the test answers. */
static void arp_exchange(void)
{
	static struct gt_frame fr;
	const struct rte_arp_hdr *a = (const void *)(fr.d + RTE_ETHER_HDR_LEN);
	const struct rte_ether_hdr *e = (const void *)fr.d;
	uint32_t ip = LAN_HOST;
	uint8_t f[128];

	ck_assert_msg(gt_wait_take(&gt.other[GT_LAN], is_arp_for, &ip, &fr, WAIT_MS),
		      "no ARP request for 172.16.5.5 out of gw_lan");
	ck_assert(a->arp_opcode == rte_cpu_to_be_16(RTE_ARP_OP_REQUEST));
	ck_assert(a->arp_data.arp_sip == rte_cpu_to_be_32(GT_LAN_ADDR));
	ck_assert(rte_is_same_ether_addr(&a->arp_data.arp_sha, &gt.mac[GT_LAN]));
	ck_assert(rte_is_same_ether_addr(&e->src_addr, &gt.mac[GT_LAN]));
	ck_assert(rte_is_broadcast_ether_addr(&e->dst_addr));
	gt_inject(GT_LAN, f, gt_arp_frame(f, RTE_ARP_OP_REPLY, &lan_mac, LAN_HOST,
					  &gt.mac[GT_LAN], GT_LAN_ADDR, &gt.mac[GT_LAN]));
	ck_assert_msg(gt_wait(lan_host_known, NULL, WAIT_MS), "the ARP reply was not learnt");
}

START_TEST(spoke_to_lan)
{
	static struct gt_frame fr;
	const struct rte_ether_hdr *e = (const void *)fr.d;
	uint32_t ip = LAN_HOST, len;
	struct gt_snap a, b;
	uint8_t pkt[256];

	need_online();
	len = gt_ping(pkt, 0x0a01000au, LAN_HOST, 3, 1, 48);
	gt_snap(&a);
	gt_spoke_send(&A, pkt, len);
	arp_exchange();
	gt_snap(&b);
	ck_assert_uint_eq(b.dp[DP_D_NO_NEIGH] - a.dp[DP_D_NO_NEIGH], 1);
	ck_assert_uint_eq(b.to_lan, a.to_lan);
	gt_spoke_send(&A, pkt, len);
	ck_assert_msg(gt_wait_take(&gt.other[GT_LAN], is_ipv4_to, &ip, &fr, WAIT_MS),
		      "the second DATA did not come out of gw_lan");
	ck_assert_uint_eq(fr.len, RTE_ETHER_HDR_LEN + len);
	ck_assert(rte_is_same_ether_addr(&e->dst_addr, &lan_mac));
	ck_assert(rte_is_same_ether_addr(&e->src_addr, &gt.mac[GT_LAN]));
	ck_mem(fr.d + RTE_ETHER_HDR_LEN, pkt, len, "the packet on the LAN");
	gt_snap(&b);
	ck_assert_uint_eq(b.to_lan - a.to_lan, 1);
	ck_assert_uint_eq(b.data_rx - a.data_rx, 2);
}
END_TEST

START_TEST(lan_to_spoke)
{
	static uint8_t got[VAM_DATA_MAX];
	uint8_t pkt[256], f[300];
	struct gt_snap a, b;
	uint32_t len;
	size_t n = 0;

	need_online();
	/* 32 bytes: the frame is padded to 60, the padding must not be sealed. */
	len = gt_ping(pkt, LAN_HOST, 0x0a01000bu, 4, 1, 4);
	gt_snap(&a);
	gt_inject(GT_LAN, f, gt_ipv4_frame(f, &lan_mac, &gt.mac[GT_LAN], pkt, len));
	ck_assert_msg(gt_spoke_recv(&B, got, sizeof(got), &n, WAIT_MS), "LAN -> B: nothing");
	ck_assert_uint_eq(n, len);
	ck_mem(got, pkt, len, "the inner packet");
	gt_snap(&b);
	ck_assert_uint_eq(b.from_lan - a.from_lan, 1);
	ck_assert_uint_eq(b.data_tx - a.data_tx, 1);
}
END_TEST

/* A session's traffic counters, read like the accounting record reads them. */
struct traffic {
	uint64_t in_pkts, in_bytes, out_pkts, out_bytes;
};

static struct traffic traffic_of(const struct gt_spoke *s)
{
	struct dp_session *d = dp_session_lookup(&gt.g.dp.sessions, s->c.s.peer_id);

	ck_assert_msg(d != NULL, "%s has no session at the gateway", s->cfg.name);
	return (struct traffic){ atomic_load(&d->in.pkts), atomic_load(&d->in.bytes),
				 atomic_load(&d->out.pkts), atomic_load(&d->out.bytes) };
}

static bool b_out_reaches(void *arg)
{
	return traffic_of(&B).out_pkts >= *(const uint64_t *)arg;
}

/*
 * The accounting counters count every inner packet and byte once: A's in
 * what A sent, B's out what was sealed for B, from A and from the LAN
 * (whose frames the test deals to both workers in turn).
 */
START_TEST(traffic_counters)
{
	static uint8_t got[VAM_DATA_MAX];
	uint64_t in_bytes = 0, out_bytes = 0, want;
	struct traffic a0, b0, a1, b1;
	uint8_t pkt[1500], f[1600];
	uint32_t len;
	size_t n = 0;

	need_online();
	a0 = traffic_of(&A);
	b0 = traffic_of(&B);
	for (uint16_t i = 0; i < 8; i++) {
		len = gt_ping(pkt, 0x0a01000au, 0x0a01000bu, 40, i, 16u + 97u * i);
		relay(&A, &B, pkt, len);
		in_bytes += len;
		out_bytes += len;
	}
	for (uint16_t i = 0; i < 12; i++) {
		len = gt_ping(pkt, LAN_HOST, 0x0a01000bu, 41, i, 8u + 113u * i);
		gt_inject(GT_LAN, f, gt_ipv4_frame(f, &lan_mac, &gt.mac[GT_LAN], pkt, len));
		ck_assert_msg(gt_spoke_recv(&B, got, sizeof(got), &n, WAIT_MS), "LAN -> B: %u", i);
		ck_assert_uint_eq(n, len);
		out_bytes += len;
	}
	/* A worker adds its sums at the end of its pass, before it sends; wait all the same. */
	want = b0.out_pkts + 20;
	ck_assert_msg(gt_wait(b_out_reaches, &want, WAIT_MS), "B's out-counter: %" PRIu64
		      " of %" PRIu64, traffic_of(&B).out_pkts - b0.out_pkts, (uint64_t)20);
	a1 = traffic_of(&A);
	b1 = traffic_of(&B);
	ck_assert_uint_eq(a1.in_pkts - a0.in_pkts, 8);
	ck_assert_uint_eq(a1.in_bytes - a0.in_bytes, in_bytes);
	ck_assert_uint_eq(b1.out_pkts - b0.out_pkts, 20);
	ck_assert_uint_eq(b1.out_bytes - b0.out_bytes, out_bytes);
	ck_assert_uint_eq(a1.out_pkts, a0.out_pkts);	/* nothing went to A */
	ck_assert_uint_eq(b1.in_pkts, b0.in_pkts);
}
END_TEST

START_TEST(ping_gateway)
{
	static uint8_t got[VAM_DATA_MAX];
	struct gt_snap a, b;
	uint8_t pkt[256];
	size_t n = 0;

	need_online();
	gt_snap(&a);
	gt_spoke_send(&A, pkt, gt_ping(pkt, 0x0a01000au, GT_GW_PRIV, 5, 9, 56));
	ck_assert_msg(gt_spoke_recv(&A, got, sizeof(got), &n, WAIT_MS), "no echo reply");
	ck_assert_msg(gt_is_pong(got, (uint32_t)n, GT_GW_PRIV, 0x0a01000au, 5, 9, 56),
		      "not the echo reply");
	gt_snap(&b);
	ck_assert_uint_eq(b.local - a.local, 1);
	ck_assert_uint_eq(b.icmp - a.icmp, 1);
}
END_TEST

START_TEST(outside_arp_icmp)
{
	static struct gt_frame fr;
	const struct rte_ether_hdr *e = (const void *)fr.d;
	const struct rte_arp_hdr *arp = (const void *)(e + 1);
	uint32_t ip = STRANGER, len;
	uint8_t f[256], pkt[200];

	gt_inject(GT_OUT, f, gt_arp_frame(f, RTE_ARP_OP_REQUEST, &any_mac, STRANGER,
					  &(struct rte_ether_addr){ { 0 } }, GT_GW_OUT, &bcast));
	ck_assert_msg(gt_wait_take(&gt.other[GT_OUT], is_arp_for, &ip, &fr, WAIT_MS),
		      "ARP for 192.0.2.1 not answered");
	ck_assert(arp->arp_opcode == rte_cpu_to_be_16(RTE_ARP_OP_REPLY));
	ck_assert(arp->arp_data.arp_sip == rte_cpu_to_be_32(GT_GW_OUT));
	ck_assert(rte_is_same_ether_addr(&arp->arp_data.arp_sha, &gt.mac[GT_OUT]));
	ck_assert(rte_is_same_ether_addr(&arp->arp_data.arp_tha, &any_mac));
	ck_assert(rte_is_same_ether_addr(&e->dst_addr, &any_mac));
	ck_assert(rte_is_same_ether_addr(&e->src_addr, &gt.mac[GT_OUT]));

	len = gt_ping(pkt, STRANGER, GT_GW_OUT, 6, 3, 40);
	gt_inject(GT_OUT, f, gt_ipv4_frame(f, &any_mac, &gt.mac[GT_OUT], pkt, len));
	ck_assert_msg(gt_wait_take(&gt.other[GT_OUT], is_ipv4_to, &ip, &fr, WAIT_MS),
		      "ping of 192.0.2.1 not answered");
	ck_assert(rte_is_same_ether_addr(&e->dst_addr, &any_mac));
	ck_assert(rte_is_same_ether_addr(&e->src_addr, &gt.mac[GT_OUT]));
	ck_assert_msg(gt_is_pong(fr.d + RTE_ETHER_HDR_LEN, fr.len - RTE_ETHER_HDR_LEN, GT_GW_OUT,
				 STRANGER, 6, 3, 40), "not the echo reply");
}
END_TEST

/* -------------------------------------------------------------------------- */
/* Hostile input                                                              */
/* -------------------------------------------------------------------------- */

static enum vam_drop drop_by_name(const char *name)
{
	for (int d = 1; d < VAM_DROP_MAX; d++)
		if (strcmp(vam_drop_name(d), name) == 0)
			return d;
	ck_abort_msg("no drop counter is named '%s'", name);
	return VAM_OK;
}

static bool is_udp_to(const uint8_t *f, uint32_t len, const void *arg)
{
	return len >= DP_OUTER_LEN && is_ipv4_to(f, len, arg) && f[RTE_ETHER_HDR_LEN + 9] ==
								   IPPROTO_UDP;
}

/*
 * Where the vector must be counted. The workers run S-29 up to the boot ICV
 * (INIT_REQ) or the whole of it (DATA); control-port session messages go to
 * the control lcore, which owns their keys. None of the vectors' session ids
 * exists here, so what passes the header checks is an unknown session.
 */
static enum vam_drop expected(const char *kind, bool data, enum vam_drop reason,
			      const uint8_t *dg, size_t len, bool *on_ctl)
{
	struct vam_hdr h;
	enum vam_drop hd = vam_hdr_check(dg, len, data ? VAM_CHAN_DATA : VAM_CHAN_CTRL,
					 VAM_SIDE_SERVER, &h);

	*on_ctl = false;
	if (strcmp(kind, "none") == 0)
		return hd;
	if (strcmp(kind, "boot") == 0) {
		*on_ctl = reason == VAM_DROP_MALFORMED;	/* header rules and TLV: after the ICV */
		return reason;
	}
	if (hd != VAM_OK)
		return hd;
	*on_ctl = !data;
	return VAM_DROP_UNKNOWN_SESSION;
}

static void one_vector(const cJSON *v, unsigned int i)
{
	static uint8_t dg[VAM_DATA_MAX + 64], f[GT_FRAME_MAX];
	static struct gt_frame fr;
	const cJSON *ctx = cJSON_GetObjectItem(v, "context");
	const cJSON *ch = cJSON_GetObjectItem(ctx, "channel");
	const char *name = cJSON_GetObjectItem(v, "name")->valuestring;
	const char *kind = cJSON_GetObjectItem(ctx, "kind")->valuestring;
	const char *expect = cJSON_GetObjectItem(v, "expect")->valuestring;
	enum vam_drop reason = drop_by_name(cJSON_GetObjectItem(v, "reason")->valuestring), want;
	bool data = cJSON_IsString(ch) && strcmp(ch->valuestring, "data") == 0, on_ctl;
	size_t len = tu_hexj(v, "datagram", dg, sizeof(dg));
	/* A source of its own: the per-source INIT_REQ rate limit must not interfere. */
	uint32_t src = GT_CLIENT_NET | (100 + i % 100);
	struct rte_ether_addr mac = { { 0x02, 0x00, 0xcb, 0x00, 0x71, (uint8_t)(100 + i % 100) } };
	struct gt_snap a, b;

	want = expected(kind, data, reason, dg, len, &on_ctl);
	if (strcmp(kind, "session") != 0 || want != VAM_DROP_UNKNOWN_SESSION)
		ck_assert_msg(want == reason, "%s: expected '%s' from the header check, the vector "
			      "says '%s'", name, vam_drop_name(want), vam_drop_name(reason));
	gt_snap(&a);
	gt_inject(GT_OUT, f, gt_udp_frame(f, &mac, GT_OUT, src, 40000, GT_GW_OUT,
					  data ? gt.g.cfg.data_port : gt.g.cfg.vam_port, dg,
					  (uint32_t)len));
	gt_settle(&a, &b);
	gt_expect_drop(name, &a, &b, want, on_ctl);
	if (strcmp(kind, "boot") == 0 && strcmp(expect, "drop") != 0) {
		const uint8_t *r = fr.d + DP_OUTER_LEN;

		ck_assert_msg(gt_wait_take(&gt.other[GT_OUT], is_udp_to, &src, &fr, WAIT_MS),
			      "%s: no answer, want %s", name, expect);
		ck_assert_msg(r[1] == VAM_INIT_RESP && r[3] == VAM_CODE_INVALID,
			      "%s: answered %s code %u, want %s", name, vam_type_name(r[1]), r[3],
			      expect);
	}
	ck_assert_msg(!gt_take(&gt.other[GT_OUT], is_udp_to, &src, &fr), "%s: answered", name);
	n_vec[strcmp(kind, "none") == 0 ? 0 : strcmp(kind, "boot") == 0 ? 1 : 2]++;
}

START_TEST(invalid_vectors)
{
	cJSON *j = tu_vectors("invalid.json"), *v;
	unsigned int i = 0;

	cJSON_ArrayForEach(v, cJSON_GetObjectItem(j, "invalid"))
		one_vector(v, i++);
	cJSON_Delete(j);
	ck_assert_uint_ge(i, 40);
	ck_assert_uint_eq(gt.bad_frames, 0);
}
END_TEST

/* One hostile DATA datagram (sent count times in one burst): exactly one drop d. */
static void hostile(const char *what, const uint8_t *dg, uint32_t len, int count,
		    enum vam_drop d)
{
	static uint8_t f[GT_FRAME_MAX];
	uint32_t fl = gt_udp_frame(f, &A.mac, GT_OUT, A.ip, A.nat_port, GT_GW_OUT,
				   gt.g.cfg.data_port, dg, len);
	struct gt_snap a, b;

	gt_snap(&a);
	if (count == 2)
		gt_inject2(GT_OUT, f, fl);
	else
		gt_inject(GT_OUT, f, fl);
	gt_settle(&a, &b);
	if (count == 2 && b.vam[d] == a.vam[d])
		gt_settle(&a, &b);	/* the second copy may come a pass later */
	gt_expect_drop(what, &a, &b, d, false);
	n_hostile++;
}

START_TEST(hostile_data)
{
	static uint8_t dg[VAM_DATA_MAX + 64], got[VAM_DATA_MAX];
	uint8_t pkt[256];
	uint32_t len;
	size_t n = 0;
	long dl;

	need_online();
	/* The same bytes twice in one burst: both pass the pre-check, the window update
	 * after crypto takes one. */
	len = gt_ping(pkt, 0x0a01000au, 0x0a01000bu, 7, 1, 32);
	dl = vam_client_data(&A.c, pkt, len, dg, sizeof(dg));
	ck_assert_int_gt(dl, 0);
	hostile("replay in one burst", dg, (uint32_t)dl, 2, VAM_DROP_REPLAY);
	ck_assert(gt_spoke_recv(&B, got, sizeof(got), &n, WAIT_MS));
	ck_assert_uint_eq(n, len);
	/* Later: the pre-check rejects it before any crypto. */
	hostile("replay later", dg, (uint32_t)dl, 1, VAM_DROP_REPLAY);
	ck_assert_msg(!gt_spoke_recv(&B, got, sizeof(got), &n, 50), "a replay was delivered");
	/* Id of no session, a flipped tag, a spoofed source, no route, too long. */
	dl = vam_client_data(&A.c, pkt, len, dg, sizeof(dg));
	dg[7] ^= 0x40;
	hostile("unknown session id", dg, (uint32_t)dl, 1, VAM_DROP_UNKNOWN_SESSION);
	dg[7] ^= 0x40;
	dg[dl - 1] ^= 1;
	hostile("flipped tag", dg, (uint32_t)dl, 1, VAM_DROP_INTEGRITY);
	len = gt_ping(pkt, 0x0a010063u, 0x0a01000bu, 7, 2, 32);
	dl = vam_client_data(&A.c, pkt, len, dg, sizeof(dg));
	hostile("spoofed source 10.1.0.99", dg, (uint32_t)dl, 1, VAM_DROP_SPOOFED);
	len = gt_ping(pkt, 0x0a01000au, 0x08080808u, 7, 3, 32);
	dl = vam_client_data(&A.c, pkt, len, dg, sizeof(dg));
	hostile("no route to 8.8.8.8", dg, (uint32_t)dl, 1, VAM_DROP_NO_ROUTE);
	memset(dg + dl, 0, VAM_DATA_MAX + 1 - (size_t)dl);
	hostile("9217-byte datagram", dg, VAM_DATA_MAX + 1, 1, VAM_DROP_TOO_LONG);
	ck_assert_msg(!gt_spoke_recv(&B, got, sizeof(got), &n, 20), "a dropped DATA arrived");
	ck_assert_uint_eq(gt.bad_frames, 0);
}
END_TEST

/* -------------------------------------------------------------------------- */
/* The data address (S-46, S-30)                                              */
/* -------------------------------------------------------------------------- */

/* Whether the control plane sends A's DATA to A's address and this port. */
static bool a_data_port_is(void *arg)
{
	const struct ctl_client *c;
	struct ctl_client_info ci;
	bool ok = false;

	ctl_server_lock(gt.g.srv);
	c = ctl_server_find(gt.g.srv, 7, A.cfg.private_addr);
	if (c != NULL) {
		ctl_client_info(c, &ci);
		ok = ci.data_addr.ip == A.ip && ci.data_addr.port == *(const uint16_t *)arg;
	}
	ctl_server_unlock(gt.g.srv);
	return ok;
}

START_TEST(data_address_follows)
{
	static uint8_t d1[128], d2[128], none[1];
	uint16_t port = 61002;
	struct gt_snap a, b;
	uint8_t pkt[256];
	long l1, l2;

	need_online();
	l1 = vam_client_data(&A.c, none, 0, d1, sizeof(d1));	/* data keepalives, seq n */
	l2 = vam_client_data(&A.c, none, 0, d2, sizeof(d2));	/* and n + 1 */
	/* A's NAT mapping changes: its newest DATA teaches the gateway the new port. */
	A.nat_port = port;
	gt_spoke_data(&A, d2, l2);
	ck_assert_msg(gt_wait(a_data_port_is, &port, WAIT_MS), "A's data address did not move");
	/* An older, unseen seq from elsewhere is accepted but does not move it (S-30). */
	A.nat_port = 61007;
	gt_snap(&a);
	gt_spoke_data(&A, d1, l1);
	gt_settle(&a, &b);
	gt_expect_drop("older seq", &a, &b, VAM_OK, false);	/* VAM_OK: no drop at all */
	ck_assert_uint_eq(b.data_rx - a.data_rx, 1);
	A.nat_port = port;
	/* B -> A goes to the new port only (the pump delivers nothing else to A). */
	relay(&B, &A, pkt, gt_ping(pkt, 0x0a01000bu, 0x0a01000au, 8, 1, 20));
	ck_assert(a_data_port_is(&port));
	ck_assert_uint_eq(gt.other[GT_OUT].n, 0);
}
END_TEST

/* -------------------------------------------------------------------------- */
/* Liveness (S-53)                                                            */
/* -------------------------------------------------------------------------- */

static bool d_done(void *arg)
{
	(void)arg;
	return D.c.state == VAM_CL_ONLINE || D.c.state == VAM_CL_FAILED;
}

static int d_state(void)
{
	const struct ctl_client *c;
	struct ctl_client_info ci = { .state = -1 };

	ctl_server_lock(gt.g.srv);
	c = ctl_server_find(gt.g.srv, 8, D.cfg.private_addr);
	if (c != NULL)
		ctl_client_info(c, &ci);
	ctl_server_unlock(gt.g.srv);
	return (int)ci.state;
}

/*
 * "Any packet passing the crypto checks (control or DATA) refreshes the
 * client": in domain 8 (keepalive 1 s, retries 1: aged out after 2 s of
 * silence) D sends DATA keepalives only, for 3 s, and must stay online.
 */
START_TEST(data_keeps_client_alive)
{
	static uint8_t dg[VAM_CTRL_MAX], none[1];
	struct gt_snap a, b;
	struct timespec t0, t;

	gt_spoke_init(&D, 20, "", "", VAM_ENC_AES128_GCM, VAM_INTEG_HMAC_SHA256);
	D.cfg.domain = 8;
	D.cfg.psk_len = strlen(GT_PSK8);
	memcpy(D.cfg.psk, GT_PSK8, D.cfg.psk_len);
	D.cfg.private_addr = 0x0a080014u;	/* 10.8.0.20 */
	gt_spoke_ctrl(&D, dg, vam_client_start(&D.c, &D.cfg, dg, sizeof(dg)));
	gt_wait(d_done, NULL, WAIT_MS);
	ck_assert_msg(D.c.state == VAM_CL_ONLINE, "D: %s", vam_client_state_name(D.c.state));
	ck_assert_uint_eq(D.rx_types[VAM_AUTH_REQ], 0);	/* authentication none */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < 15; i++) {
		gt_snap(&a);
		gt_spoke_data(&D, dg, vam_client_data(&D.c, none, 0, dg, sizeof(dg)));
		gt_settle(&a, &b);
		clock_gettime(CLOCK_MONOTONIC, &t);
		ck_assert_msg(b.data_rx - a.data_rx == 1, "D's data keepalive %d, %ld ms after it "
			      "came online, was refused: %s on the gateway (S-53: DATA "
			      "refreshes the client too)", i, (t.tv_sec - t0.tv_sec) * 1000 +
			      (t.tv_nsec - t0.tv_nsec) / 1000000,
			      d_state() < 0 ? "aged out" : ctl_state_name(d_state()));
		gt_idle(200);
	}
	ck_assert_int_eq(d_state(), CTL_ST_ONLINE);
}
END_TEST

/* -------------------------------------------------------------------------- */
/* Graceful stop                                                              */
/* -------------------------------------------------------------------------- */

static bool both_told(void *arg)
{
	(void)arg;
	return A.c.state == VAM_CL_OFFLINE && B.c.state == VAM_CL_OFFLINE;
}

/* The pool's private area keeps a frame's first byte on a cache line (DP_MBUF_PRIV). */
START_TEST(frame_starts_cache_line)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(gt.mp);

	ck_assert_ptr_nonnull(m);
	ck_assert_uint_ge(rte_pktmbuf_priv_size(gt.mp), sizeof(struct dp_mctx));
	ck_assert_uint_eq((uintptr_t)rte_pktmbuf_mtod(m, void *) % RTE_CACHE_LINE_SIZE, 0);
	rte_pktmbuf_free(m);
}
END_TEST

static bool loop_returned(void *arg)
{
	(void)arg;
	return atomic_load(&gt.loop_done);
}

START_TEST(graceful_stop)
{
	need_online();
	atomic_store(&gt.g.stop, true);
	ck_assert_msg(gt_wait(both_told, NULL, WAIT_MS), "not told of the shutdown: A %s, B %s",
		      vam_client_state_name(A.c.state), vam_client_state_name(B.c.state));
	for (int i = 0; i < 2; i++) {
		const struct gt_spoke *s = i ? &B : &A;

		ck_assert_uint_eq(s->rx_types[VAM_ERROR_NOTIFY], 1);
		ck_assert_msg(s->c.code == VAM_CODE_SHUTDOWN, "%s: code %u", s->cfg.name,
			      s->c.code);
	}
	ck_assert_msg(gt_wait(loop_returned, NULL, WAIT_MS), "the control loop did not return");
	ck_assert_uint_eq(gt.bad_frames, 0);
}
END_TEST

/* -------------------------------------------------------------------------- */

static void *tests(void *arg)
{
	Suite *s = suite_create("gateway");
	TCase *tc = tcase_create("gateway");
	SRunner *sr;

	(void)arg;
	tcase_add_test(tc, register_spokes);
	tcase_add_test(tc, spoke_to_spoke);
	tcase_add_test(tc, spoke_to_lan);
	tcase_add_test(tc, lan_to_spoke);
	tcase_add_test(tc, traffic_counters);
	tcase_add_test(tc, ping_gateway);
	tcase_add_test(tc, outside_arp_icmp);
	tcase_add_test(tc, invalid_vectors);
	tcase_add_test(tc, hostile_data);
	tcase_add_test(tc, data_address_follows);
	tcase_add_test(tc, data_keeps_client_alive);
	tcase_add_test(tc, frame_starts_cache_line);
	tcase_add_test(tc, graceful_stop);	/* last: it stops the gateway */
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	atomic_store(&gt.g.stop, true);	/* whatever happened above */
	return NULL;
}

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	enum dp_crypto_mode mode;
	bool started;
	pthread_t th;
	int leak;

	/* "qp": workers enqueue/dequeue on queue pairs; default: CPU crypto. */
	mode = argc > 1 && strcmp(argv[1], "qp") == 0 ? DP_CRYPTO_QP : DP_CRYPTO_CPU;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (gt_start(argv[0], mode) != 0)
		return EXIT_FAILURE;
	/* The tests run in a plain thread; this, the main lcore, runs the real control loop. */
	started = pthread_create(&th, NULL, tests, NULL) == 0;
	if (!started) {
		fprintf(stderr, "test_gateway: FAIL: pthread_create\n");
		atomic_store(&gt.g.stop, true);
	}
	gw_control_loop(&gt.g);
	atomic_store(&gt.loop_done, true);
	if (started)
		pthread_join(th, NULL);
	leak = gt_finish();
	printf("test_gateway: gw_teardown done\n");
	gt_eal_cleanup();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("test_gateway (%s crypto): 2 spokes over CHAP, spoke<->spoke, spoke->LAN after ARP, LAN->spoke, "
	       "gateway pings; %u invalid.json vectors (none %u, boot %u, session %u), %u hostile "
	       "DATA; %lu frames in, %lu out; %.2f s\n", mode == DP_CRYPTO_QP ? "queue-pair" : "cpu", n_vec[0] + n_vec[1] + n_vec[2], n_vec[0],
	       n_vec[1], n_vec[2], n_hostile, gt.injected, gt.taken,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return failed == 0 && leak == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
