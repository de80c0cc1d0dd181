/* SPDX-License-Identifier: BSD-3-Clause */
#include <check.h>
#include <dirent.h>
#include <inttypes.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_arp.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_icmp.h>
#include <rte_ip.h>
#include <rte_udp.h>

#include "dp_proto.h"
#include "gwtest.h"
#include "testutil.h"

struct gt_world gt;

/* -------------------------------------------------------------------------- */
/* Start and finish: EAL, ports, configuration, gateway                      */
/* -------------------------------------------------------------------------- */

static const char *const port_names[2] = { "gw_out", "gw_lan" };

/*
 * "-l 0-2" on the CPUs this process may use: three lcores (control and two
 * workers) even on a machine with two CPUs, where "-l 0-2" alone is refused.
 */
static void lcores(char *out, size_t cap)
{
	cpu_set_t set;
	size_t n = (size_t)snprintf(out, cap, "--lcores=(0-2)@(");

	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set) != 0 || CPU_COUNT(&set) == 0)
		CPU_SET(0, &set);
	for (int c = 0; c < CPU_SETSIZE && n + 8 < cap; c++)
		if (CPU_ISSET(c, &set))
			n += (size_t)snprintf(out + n, cap - n, "%d,", c);
	out[n - 1] = ')';
}

static int eal(const char *prog)
{
	char prefix[32], lc[512];
	char *argv[] = { (char *)prog, lc, "--no-huge", "-m", "1024", "--no-pci",
			 "--file-prefix", prefix, "--log-level=lib.eal:error", "--no-telemetry" };

	lcores(lc, sizeof(lc));
	snprintf(prefix, sizeof(prefix), "vamgwt%d", (int)getpid());
	if (rte_eal_init((int)ARRAY_SIZE(argv), argv) < 0) {
		fprintf(stderr, "test_gateway: FAIL: rte_eal_init (%s): %s\n", lc,
			rte_strerror(rte_errno));
		return -1;
	}
	if (rte_lcore_count() != 3) {
		fprintf(stderr, "test_gateway: FAIL: %u lcores, want 3\n", rte_lcore_count());
		return -1;
	}
	return 0;
}

/* One ethdev over rings the test owns: it fills the RX rings and empties the TX rings. */
static int make_port(int i)
{
	char rn[RTE_RING_NAMESIZE];
	int id;

	for (unsigned int q = 0; q < GT_NB_RXQ; q++) {
		snprintf(rn, sizeof(rn), "%s_rx%u", port_names[i], q);
		gt.rx[i][q] = rte_ring_create(rn, 1024, SOCKET_ID_ANY, 0);
	}
	for (unsigned int q = 0; q < GT_NB_TXQ; q++) {
		snprintf(rn, sizeof(rn), "%s_tx%u", port_names[i], q);
		gt.tx[i][q] = rte_ring_create(rn, 1024, SOCKET_ID_ANY, 0);
	}
	for (unsigned int q = 0; q < GT_NB_RXQ; q++)
		if (gt.rx[i][q] == NULL)
			return -1;
	for (unsigned int q = 0; q < GT_NB_TXQ; q++)
		if (gt.tx[i][q] == NULL)
			return -1;
	id = rte_eth_from_rings(port_names[i], gt.rx[i], GT_NB_RXQ, gt.tx[i], GT_NB_TXQ,
				rte_socket_id());
	if (id < 0)
		return -1;
	gt.port[i] = (uint16_t)id;
	return 0;
}

static int write_config(void)
{
	FILE *f;

	snprintf(gt.dir, sizeof(gt.dir), "/tmp/vamgwt.XXXXXX");
	if (mkdtemp(gt.dir) == NULL)
		return -1;
	snprintf(gt.conf, sizeof(gt.conf), "%s/vamgw.conf", gt.dir);
	f = fopen(gt.conf, "w");
	if (f == NULL)
		return -1;
	fprintf(f, "; written by test_gateway\n"
		   "[gateway]\naddress = 192.0.2.1\nlan_routes = 172.16.0.0/16\n"
		   "lan_address = 172.16.0.1\nlan_domain = 7\nmax_sessions = 4096\n\n"
		   "[domain test]\nid = 7\npsk_hex = %s\nauthentication = chap\n"
		   "private_address = 10.1.0.1\nspokes = 10.1.0.0/24\nmax_clients = 100\n\n"
		   "[domain aging]\nid = 8\npsk = %s\nauthentication = none\nkeepalive = 1\n"
		   "retries = 1\nprivate_address = 10.8.0.1\nspokes = 10.8.0.0/24\n"
		   "max_clients = 10\n\n"
		   "[user alice]\npassword = alice-password-1\ndomain = 7\n\n"
		   "[user bob]\npassword = bob-password-2\ndomain = 7\n", GT_PSK_HEX, GT_PSK8);
	return fclose(f);
}

static int setup_gateway(enum dp_crypto_mode mode)
{
	static char names[2][RTE_ETH_NAME_MAX_LEN];
	char err[512] = "";

	for (int i = 0; i < 2; i++)
		rte_eth_dev_get_name_by_port(gt.port[i], names[i]);
	gt.g.opt = (struct gw_options){ .config = gt.conf, .outside = names[GT_OUT],
					.protected_port = names[GT_LAN], .burst = 32,
					.rx_desc = 1024, .crypto = "aesni_mb", .crypto_mode = mode,
					.telemetry = false };
	if (ctl_config_load(gt.conf, &gt.g.cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "test_gateway: FAIL: %s\n", err);
		return -1;
	}
	if (gw_setup(&gt.g, err, sizeof(err)) != 0) {
		fprintf(stderr, "test_gateway: FAIL: gw_setup: %s\n", err);
		atomic_store(&gt.g.dp.stop, true);
		rte_eal_mp_wait_lcore();
		return -1;
	}
	for (int i = 0; i < 2; i++)
		gt.mac[i] = i == GT_OUT ? gt.g.dp.out.mac : gt.g.dp.lan.mac;
	return 0;
}

int gt_start(const char *prog, enum dp_crypto_mode mode)
{
	if (eal(prog) != 0)
		return -1;
	/* Room for jumbo frames, and the private area the workers use, as in the gateway's pool. */
	gt.mp = rte_pktmbuf_pool_create("gwt_mbufs", 2047, 0, DP_MBUF_PRIV,
					RTE_PKTMBUF_HEADROOM + GT_FRAME_MAX, SOCKET_ID_ANY);
	if (gt.mp == NULL || make_port(GT_OUT) != 0 || make_port(GT_LAN) != 0) {
		fprintf(stderr, "test_gateway: FAIL: mbufs, rings or ring ports: %s\n",
			rte_strerror(rte_errno));
		return -1;
	}
	if (write_config() != 0) {
		fprintf(stderr, "test_gateway: FAIL: cannot write the configuration in /tmp\n");
		return -1;
	}
	return setup_gateway(mode);
}

static void drain(struct rte_ring *r)
{
	struct rte_mbuf *m;

	while (r && rte_ring_dequeue(r, (void **)&m) == 0)
		rte_pktmbuf_free(m);
}

int gt_finish(void)
{
	struct rte_mempool *gmp = gt.g.dp.mp;
	unsigned int leak_gw, leak_test;

	gw_teardown(&gt.g);
	for (int i = 0; i < 2; i++) {
		for (unsigned int q = 0; q < GT_NB_RXQ; q++)
			drain(gt.rx[i][q]);
		for (unsigned int q = 0; q < GT_NB_TXQ; q++)
			drain(gt.tx[i][q]);
	}
	/* Every mbuf a worker dropped, sent or handed over must be back in its pool. */
	leak_gw = gmp ? rte_mempool_in_use_count(gmp) : 0;
	leak_test = rte_mempool_in_use_count(gt.mp);
	if (leak_gw || leak_test)
		fprintf(stderr, "test_gateway: FAIL: mbufs not returned after teardown: %u of the "
			"gateway's pool, %u of the test's\n", leak_gw, leak_test);
	for (int i = 0; i < 2; i++) {
		rte_eth_dev_close(gt.port[i]);
		for (unsigned int q = 0; q < GT_NB_RXQ; q++)
			rte_ring_free(gt.rx[i][q]);
		for (unsigned int q = 0; q < GT_NB_TXQ; q++)
			rte_ring_free(gt.tx[i][q]);
	}
	rte_mempool_free(gt.mp);
	unlink(gt.conf);
	rmdir(gt.dir);
	return leak_gw || leak_test ? -1 : 0;
}

void gt_eal_cleanup(void)
{
	char dir[PATH_MAX], path[PATH_MAX + 256];
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s", rte_eal_get_runtime_dir());
	rte_eal_cleanup();
	/* The EAL leaves its runtime directory (one per run: the prefix has the pid). */
	d = opendir(dir);
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (e->d_name[0] != '.')
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

/* -------------------------------------------------------------------------- */
/* Frames in and out                                                          */
/* -------------------------------------------------------------------------- */

static struct rte_mbuf *mk_mbuf(int port, const uint8_t *frame, uint32_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(gt.mp);
	char *p;

	ck_assert_msg(m != NULL, "the test's mbuf pool is empty");
	p = rte_pktmbuf_append(m, (uint16_t)len);
	ck_assert_msg(p != NULL, "a %u-byte frame does not fit an mbuf", len);
	memcpy(p, frame, len);
	(void)port;	/* m->port stays unset: the ring PMD does not set it either */
	return m;
}

/* The RX queue to fill: the PMD has no RSS, so the gateway polls only queue 0 .. nb_rxq-1. */
static struct rte_ring *rx_ring(int port)
{
	uint16_t n = port == GT_OUT ? gt.g.dp.out.nb_rxq : gt.g.dp.lan.nb_rxq;

	ck_assert_uint_gt(n, 0);
	return gt.rx[port][gt.injected % n];
}

void gt_inject(int port, const uint8_t *frame, uint32_t len)
{
	struct rte_mbuf *m = mk_mbuf(port, frame, len);

	ck_assert_msg(rte_ring_enqueue(rx_ring(port), m) == 0, "RX ring full");
	gt.injected++;
}

void gt_inject2(int port, const uint8_t *frame, uint32_t len)
{
	struct rte_mbuf *m[2] = { mk_mbuf(port, frame, len), mk_mbuf(port, frame, len) };

	/* One bulk enqueue: the worker sees both or neither, so both land in one burst. */
	ck_assert_msg(rte_ring_enqueue_bulk(rx_ring(port), (void **)m, 2, NULL) == 2,
		      "RX ring full");
	gt.injected += 2;
}

static void keep(struct gt_queue *q, const uint8_t *f, uint32_t len)
{
	if (q->n == GT_KEEP) {
		q->lost++;
		return;
	}
	q->f[q->n].len = len;
	memcpy(q->f[q->n].d, f, len);
	q->n++;
}

static bool ip_cksum_ok(const struct rte_ipv4_hdr *ip)
{
	struct rte_ipv4_hdr h = *ip;

	h.hdr_checksum = 0;
	return rte_ipv4_cksum(&h) == ip->hdr_checksum;
}

static struct gt_spoke *spoke_at(uint32_t ip)
{
	for (unsigned int i = 0; i < gt.n_spokes; i++)
		if (gt.spokes[i]->ip == ip)
			return gt.spokes[i];
	return NULL;
}

static void spoke_ctrl_in(struct gt_spoke *s, const uint8_t *dg, uint32_t len)
{
	static uint8_t out[VAM_CTRL_MAX];
	size_t n = 0;

	if (vam_client_input(&s->c, dg, len, out, sizeof(out), &n) != VAM_OK) {
		s->rx_refused++;
		return;
	}
	if (dg[1] <= VAM_CTRL_TYPE_MAX)
		s->rx_types[dg[1]]++;
	if (n)
		gt_spoke_ctrl(s, out, (long)n);
}

/* A UDP datagram from the gateway's outside address to a spoke: deliver it. */
static bool to_spoke(const uint8_t *f, uint32_t len)
{
	const struct rte_ether_hdr *e = (const void *)f;
	const struct rte_ipv4_hdr *ip = (const void *)(e + 1);
	const struct rte_udp_hdr *u = (const void *)(ip + 1);
	uint32_t tot, ulen;
	uint16_t sport, dport;
	struct gt_spoke *s;

	if (len < DP_OUTER_LEN || e->ether_type != rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4) ||
	    ip->next_proto_id != IPPROTO_UDP || rte_be_to_cpu_32(ip->src_addr) != GT_GW_OUT ||
	    (s = spoke_at(rte_be_to_cpu_32(ip->dst_addr))) == NULL)
		return false;
	tot = rte_be_to_cpu_16(ip->total_length);
	ulen = rte_be_to_cpu_16(u->dgram_len);
	sport = rte_be_to_cpu_16(u->src_port);
	dport = rte_be_to_cpu_16(u->dst_port);
	if (ip->version_ihl != 0x45 || !ip_cksum_ok(ip) || tot + RTE_ETHER_HDR_LEN != len ||
	    ulen + 20 != tot || !rte_is_same_ether_addr(&e->src_addr, &gt.mac[GT_OUT]) ||
	    !rte_is_same_ether_addr(&e->dst_addr, &s->mac)) {
		gt.bad_frames++;
		return false;
	}
	if (sport == gt.g.cfg.vam_port && dport == GT_CTRL_PORT)
		spoke_ctrl_in(s, f + DP_OUTER_LEN, ulen - 8);
	else if (sport == gt.g.cfg.data_port && dport == s->nat_port)
		keep(&s->data, f + DP_OUTER_LEN, ulen - 8);
	else
		return false;
	return true;
}

unsigned int gt_pump(void)
{
	struct rte_mbuf *m[32];
	unsigned int total = 0, n;

	for (int p = 0; p < 2; p++) {
		for (unsigned int q = 0; q < GT_NB_TXQ; q++) {
			n = rte_ring_dequeue_burst(gt.tx[p][q], (void **)m, RTE_DIM(m), NULL);
			for (unsigned int i = 0; i < n; i++) {
				const uint8_t *f = rte_pktmbuf_mtod(m[i], const uint8_t *);
				uint32_t len = rte_pktmbuf_pkt_len(m[i]);

				if (m[i]->nb_segs != 1 || len > GT_FRAME_MAX)
					gt.bad_frames++;
				else if (p != GT_OUT || !to_spoke(f, len))
					keep(&gt.other[p], f, len);
				rte_pktmbuf_free(m[i]);
			}
			total += n;
		}
	}
	gt.taken += total;
	return total;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { 0, (long)ms * 1000000 };

	nanosleep(&ts, NULL);
}

bool gt_wait(bool (*cond)(void *arg), void *arg, unsigned int ms)
{
	uint64_t end = now_ms() + ms;

	for (;;) {
		gt_pump();
		if (cond(arg))
			return true;
		if (now_ms() > end)
			return false;
		sleep_ms(1);
	}
}

static bool never(void *arg)
{
	(void)arg;
	return false;
}

void gt_idle(unsigned int ms)
{
	gt_wait(never, NULL, ms);
}

bool gt_take(struct gt_queue *q, bool (*match)(const uint8_t *f, uint32_t len, const void *arg),
	     const void *arg, struct gt_frame *out)
{
	for (unsigned int i = 0; i < q->n; i++) {
		if (match && !match(q->f[i].d, q->f[i].len, arg))
			continue;
		out->len = q->f[i].len;
		memcpy(out->d, q->f[i].d, out->len);
		memmove(&q->f[i], &q->f[i + 1], (q->n - i - 1) * sizeof(q->f[0]));
		q->n--;
		return true;
	}
	return false;
}

struct take_args {
	struct gt_queue *q;
	bool (*match)(const uint8_t *f, uint32_t len, const void *arg);
	const void *arg;
	struct gt_frame *out;
};

static bool take_cond(void *arg)
{
	struct take_args *t = arg;

	return gt_take(t->q, t->match, t->arg, t->out);
}

bool gt_wait_take(struct gt_queue *q,
		  bool (*match)(const uint8_t *f, uint32_t len, const void *arg),
		  const void *arg, struct gt_frame *out, unsigned int ms)
{
	struct take_args t = { q, match, arg, out };

	return gt_wait(take_cond, &t, ms);
}

/* -------------------------------------------------------------------------- */
/* Frame building                                                             */
/* -------------------------------------------------------------------------- */

/* Ethernet pads short frames to 60 bytes (without FCS): the gateway must read IP lengths. */
static uint32_t pad(uint8_t *f, uint32_t len)
{
	if (len >= RTE_ETHER_MIN_LEN - RTE_ETHER_CRC_LEN)
		return len;
	memset(f + len, 0, RTE_ETHER_MIN_LEN - RTE_ETHER_CRC_LEN - len);
	return RTE_ETHER_MIN_LEN - RTE_ETHER_CRC_LEN;
}

static void eth(uint8_t *f, const struct rte_ether_addr *src, const struct rte_ether_addr *dst,
		uint16_t type)
{
	struct rte_ether_hdr *e = (void *)f;

	e->src_addr = *src;
	e->dst_addr = *dst;
	e->ether_type = rte_cpu_to_be_16(type);
}

static void ipv4(uint8_t *p, uint32_t src, uint32_t dst, uint8_t proto, uint32_t payload)
{
	struct rte_ipv4_hdr *ip = (void *)p;

	memset(ip, 0, sizeof(*ip));
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16((uint16_t)(sizeof(*ip) + payload));
	ip->packet_id = rte_cpu_to_be_16(0x1234);
	ip->time_to_live = 64;
	ip->next_proto_id = proto;
	ip->src_addr = rte_cpu_to_be_32(src);
	ip->dst_addr = rte_cpu_to_be_32(dst);
	ip->hdr_checksum = rte_ipv4_cksum(ip);
}

uint32_t gt_udp_frame(uint8_t *f, const struct rte_ether_addr *src_mac, int port, uint32_t src,
		      uint16_t sport, uint32_t dst, uint16_t dport, const uint8_t *pl,
		      uint32_t len)
{
	struct rte_udp_hdr *u = (void *)(f + RTE_ETHER_HDR_LEN + 20);

	ck_assert_uint_le(len, GT_FRAME_MAX - DP_OUTER_LEN);
	eth(f, src_mac, &gt.mac[port], RTE_ETHER_TYPE_IPV4);
	ipv4(f + RTE_ETHER_HDR_LEN, src, dst, IPPROTO_UDP, (uint32_t)sizeof(*u) + len);
	u->src_port = rte_cpu_to_be_16(sport);
	u->dst_port = rte_cpu_to_be_16(dport);
	u->dgram_len = rte_cpu_to_be_16((uint16_t)(sizeof(*u) + len));
	u->dgram_cksum = 0;
	if (len)
		memcpy(f + DP_OUTER_LEN, pl, len);
	return pad(f, DP_OUTER_LEN + len);
}

uint32_t gt_ipv4_frame(uint8_t *f, const struct rte_ether_addr *src,
		       const struct rte_ether_addr *dst, const uint8_t *pkt, uint32_t len)
{
	eth(f, src, dst, RTE_ETHER_TYPE_IPV4);
	memcpy(f + RTE_ETHER_HDR_LEN, pkt, len);
	return pad(f, RTE_ETHER_HDR_LEN + len);
}

uint32_t gt_arp_frame(uint8_t *f, uint16_t op, const struct rte_ether_addr *sha, uint32_t sip,
		      const struct rte_ether_addr *tha, uint32_t tip,
		      const struct rte_ether_addr *eth_dst)
{
	struct rte_arp_hdr *a = (void *)(f + RTE_ETHER_HDR_LEN);

	eth(f, sha, eth_dst, RTE_ETHER_TYPE_ARP);
	a->arp_hardware = rte_cpu_to_be_16(RTE_ARP_HRD_ETHER);
	a->arp_protocol = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	a->arp_hlen = RTE_ETHER_ADDR_LEN;
	a->arp_plen = 4;
	a->arp_opcode = rte_cpu_to_be_16(op);
	a->arp_data.arp_sha = *sha;
	a->arp_data.arp_sip = rte_cpu_to_be_32(sip);
	a->arp_data.arp_tha = *tha;
	a->arp_data.arp_tip = rte_cpu_to_be_32(tip);
	return pad(f, RTE_ETHER_HDR_LEN + sizeof(*a));
}

uint32_t gt_ping(uint8_t *p, uint32_t src, uint32_t dst, uint16_t id, uint16_t seq, uint32_t n)
{
	struct rte_icmp_hdr *ic = (void *)(p + 20);
	uint8_t *data = (uint8_t *)(ic + 1);

	ipv4(p, src, dst, IPPROTO_ICMP, (uint32_t)sizeof(*ic) + n);
	ic->icmp_type = RTE_IP_ICMP_ECHO_REQUEST;
	ic->icmp_code = 0;
	ic->icmp_ident = rte_cpu_to_be_16(id);
	ic->icmp_seq_nb = rte_cpu_to_be_16(seq);
	for (uint32_t i = 0; i < n; i++)
		data[i] = (uint8_t)(i * 7 + seq);
	ic->icmp_cksum = 0;
	ic->icmp_cksum = (uint16_t)~rte_raw_cksum(ic, sizeof(*ic) + n);
	return 20 + (uint32_t)sizeof(*ic) + n;
}

bool gt_is_pong(const uint8_t *p, uint32_t len, uint32_t src, uint32_t dst, uint16_t id,
		uint16_t seq, uint32_t n)
{
	const struct rte_ipv4_hdr *ip = (const void *)p;
	const struct rte_icmp_hdr *ic = (const void *)(p + 20);
	const uint8_t *data = (const uint8_t *)(ic + 1);

	if (len != 20 + sizeof(*ic) + n || ip->version_ihl != 0x45 || !ip_cksum_ok(ip) ||
	    rte_be_to_cpu_16(ip->total_length) != len || ip->next_proto_id != IPPROTO_ICMP ||
	    rte_be_to_cpu_32(ip->src_addr) != src || rte_be_to_cpu_32(ip->dst_addr) != dst ||
	    ic->icmp_type != RTE_IP_ICMP_ECHO_REPLY || ic->icmp_code != 0 ||
	    rte_be_to_cpu_16(ic->icmp_ident) != id || rte_be_to_cpu_16(ic->icmp_seq_nb) != seq ||
	    rte_raw_cksum(ic, sizeof(*ic) + n) != 0xffff)
		return false;
	for (uint32_t i = 0; i < n; i++)
		if (data[i] != (uint8_t)(i * 7 + seq))
			return false;
	return true;
}

/* -------------------------------------------------------------------------- */
/* Spokes                                                                     */
/* -------------------------------------------------------------------------- */

void gt_spoke_init(struct gt_spoke *s, uint8_t host, const char *user, const char *pw,
		   uint16_t enc, uint16_t integ)
{
	struct vam_client_cfg *c = &s->cfg;

	memset(s, 0, sizeof(*s));
	c->domain = 7;
	c->psk_len = tu_hex(GT_PSK_HEX, c->psk, sizeof(c->psk));
	c->enc[0] = enc;
	c->n_enc = 1;
	c->integ[0] = integ;
	c->n_integ = 1;
	snprintf(c->name, sizeof(c->name), "spoke-%u", host);
	c->private_addr = 0x0a010000u | host;
	s->ip = GT_CLIENT_NET | host;
	c->public_ip = s->ip;		/* not behind NAT */
	c->public_port = GT_CTRL_PORT;
	c->data_port = GT_DATA_PORT;
	s->nat_port = GT_DATA_PORT;
	c->cookie = host;
	c->username_len = strlen(user);
	memcpy(c->username, user, c->username_len);
	c->password_len = strlen(pw);
	memcpy(c->password, pw, c->password_len);
	s->mac = (struct rte_ether_addr){ { 0x02, 0x00, 0xcb, 0x00, 0x71, host } };
	ck_assert_uint_lt(gt.n_spokes, RTE_DIM(gt.spokes));
	gt.spokes[gt.n_spokes++] = s;
}

void gt_spoke_ctrl(struct gt_spoke *s, const uint8_t *dgram, long len)
{
	static uint8_t f[GT_FRAME_MAX];

	ck_assert_int_gt(len, 0);
	gt_inject(GT_OUT, f, gt_udp_frame(f, &s->mac, GT_OUT, s->ip, GT_CTRL_PORT, GT_GW_OUT,
					  gt.g.cfg.vam_port, dgram, (uint32_t)len));
}

void gt_spoke_data(struct gt_spoke *s, const uint8_t *dgram, long len)
{
	static uint8_t f[GT_FRAME_MAX];

	ck_assert_int_gt(len, 0);
	gt_inject(GT_OUT, f, gt_udp_frame(f, &s->mac, GT_OUT, s->ip, s->nat_port, GT_GW_OUT,
					  gt.g.cfg.data_port, dgram, (uint32_t)len));
}

void gt_spoke_send(struct gt_spoke *s, const uint8_t *pkt, uint32_t len)
{
	static uint8_t dg[VAM_DATA_MAX];

	gt_spoke_data(s, dg, vam_client_data(&s->c, pkt, len, dg, sizeof(dg)));
}

bool gt_spoke_recv(struct gt_spoke *s, uint8_t *pkt, size_t cap, size_t *len, unsigned int ms)
{
	static struct gt_frame fr;
	enum vam_drop d;

	if (!gt_wait_take(&s->data, NULL, NULL, &fr, ms))
		return false;
	d = vam_client_data_input(&s->c, fr.d, fr.len, pkt, cap, len);
	ck_assert_msg(d == VAM_OK, "%s could not open the gateway's DATA: %s", s->cfg.name,
		      vam_drop_name(d));
	return true;
}

/* -------------------------------------------------------------------------- */
/* Counters                                                                   */
/* -------------------------------------------------------------------------- */

#define LD(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)

void gt_snap(struct gt_snap *s)
{
	const struct ctl_stats *cs;

	memset(s, 0, sizeof(*s));
	for (unsigned int i = 0; i < gt.g.dp.nb_workers; i++) {
		const struct dp_wstats *w = &gt.g.dp.w[i]->st;

		for (int d = 0; d < VAM_DROP_MAX; d++)
			s->vam[d] += LD(w->vam[d]);
		for (int d = 0; d < DP_D_MAX; d++)
			s->dp[d] += LD(w->dp[d]);
		for (int p = 0; p < 2; p++) {
			s->rx[p] += LD(w->rx[p]);
			s->tx[p] += LD(w->tx[p]);
		}
		s->to_ctl += LD(w->to_ctl);
		s->data_rx += LD(w->data_rx);
		s->data_tx += LD(w->data_tx);
		s->to_lan += LD(w->to_lan);
		s->from_lan += LD(w->from_lan);
		s->local += LD(w->local);
		s->arp += LD(w->arp);
		s->icmp += LD(w->icmp);
	}
	ctl_server_lock(gt.g.srv);
	cs = ctl_server_stats(gt.g.srv);
	s->ctl_rx = cs->rx_datagrams;
	memcpy(s->ctl_drops, cs->drops, sizeof(s->ctl_drops));
	ctl_server_unlock(gt.g.srv);
}

/* What a worker does last with a frame: drop it, hand it over, or finish it. */
static uint64_t outcomes(const struct gt_snap *s)
{
	uint64_t n = s->to_ctl + s->data_rx + s->arp + s->icmp + s->from_lan;

	for (int d = 0; d < VAM_DROP_MAX; d++)
		n += s->vam[d];
	for (int d = 0; d < DP_D_MAX; d++)
		n += s->dp[d];
	return n;
}

struct settle_args {
	const struct gt_snap *before;
	struct gt_snap now;
};

static bool settled(void *arg)
{
	struct settle_args *a = arg;

	gt_snap(&a->now);
	if (outcomes(&a->now) == outcomes(a->before))
		return false;
	return a->now.to_ctl == a->before->to_ctl || a->now.ctl_rx > a->before->ctl_rx;
}

void gt_settle(const struct gt_snap *before, struct gt_snap *after)
{
	struct settle_args a = { before, { { 0 } } };

	ck_assert_msg(gt_wait(settled, &a, 3000), "the gateway did not account for a frame "
		      "within 3 s");
	/* The rest of the worker's pass, and the control lcore's. */
	sleep_ms(5);
	gt_pump();
	gt_snap(after);
}

void gt_expect_drop(const char *what, const struct gt_snap *a, const struct gt_snap *b,
		    enum vam_drop d, bool on_ctl)
{
	for (int i = 1; i < VAM_DROP_MAX; i++) {
		int64_t dw = (int64_t)(b->vam[i] - a->vam[i]), dc = (int64_t)(b->ctl_drops[i] -
									    a->ctl_drops[i]);

		ck_assert_msg(dw == (!on_ctl && i == (int)d), "%s: worker drops '%s' %+" PRId64
			      " (expected one '%s' %s)", what, vam_drop_name(i), dw,
			      vam_drop_name(d), on_ctl ? "on the control lcore" : "on a worker");
		ck_assert_msg(dc == (on_ctl && i == (int)d), "%s: control-plane drops '%s' %+"
			      PRId64 " (expected one '%s' %s)", what, vam_drop_name(i), dc,
			      vam_drop_name(d), on_ctl ? "on the control lcore" : "on a worker");
	}
	for (int i = 0; i < DP_D_MAX; i++)
		ck_assert_msg(b->dp[i] == a->dp[i], "%s: worker drops '%s' %+" PRId64, what,
			      dp_drop_name(i), (int64_t)(b->dp[i] - a->dp[i]));
	ck_assert_msg(b->to_ctl - a->to_ctl == on_ctl, "%s: %" PRIu64 " handed to the control "
		      "lcore, want %d", what, b->to_ctl - a->to_ctl, on_ctl);
	ck_assert_msg(b->ctl_rx - a->ctl_rx == on_ctl, "%s: the control lcore took %" PRIu64
		      ", want %d", what, b->ctl_rx - a->ctl_rx, on_ctl);
}
