/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The control lcore: it runs the VAM server over the datagrams workers hand
 * it, carries out what the server decides (sessions and routes into the
 * data-path tables, datagrams out of its own TX queue), learns MACs and LAN
 * neighbours, reclaims retired sessions, and stops everything gracefully.
 * It is the only writer of every table the workers read.
 */
#include <stdio.h>
#include <time.h>

#include <rte_cycles.h>
#include <rte_malloc.h>

#include "dp_proto.h"
#include "gw.h"
#include "vam_format.h"

#define ARP_RETRY_MS 1000

uint64_t gw_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void tx_flush(struct gw *g)
{
	dp_txbuf_flush(&g->dp.out, g->ctl_slot, &g->tx);
}

static void op_send(void *ctx, enum vam_chan chan, struct ctl_addr dst, const uint8_t *dgram,
		    size_t len)
{
	struct gw *g = ctx;
	uint64_t mac = (uint64_t)(uintptr_t)ctl_hmap_get(&g->macs, dst.ip);
	struct rte_ether_addr dmac;
	struct rte_mbuf *m;

	if (dst.ip == g->cur_ip)
		mac = g->cur_mac;	/* answering the datagram in hand: where it came from */

	if (mac == 0) {
		g->ctl_no_mac++;
		return;
	}
	m = rte_pktmbuf_alloc(g->dp.mp);
	if (m == NULL || rte_pktmbuf_append(m, (uint16_t)(DP_OUTER_LEN + len)) == NULL) {
		rte_pktmbuf_free(m);
		g->tx.dropped++;
		return;
	}
	rte_memcpy(rte_pktmbuf_mtod_offset(m, uint8_t *, DP_OUTER_LEN), dgram, len);
	dp_mac_unpack(mac, &dmac);
	dp_udp_encap(m, (uint16_t)len, &g->dp.out.mac, &dmac, g->dp.out_addr,
		     chan == VAM_CHAN_CTRL ? g->dp.vam_port : g->dp.data_port, dst.ip, dst.port);
	dp_txbuf_add(&g->dp.out, g->ctl_slot, &g->tx, m);
}

static void op_session_up(void *ctx, const struct ctl_dp_session *c)
{
	struct gw *g = ctx;
	struct dp_session *s = gw_session_new(g, c->id, c->peer_id, c->domain, c->private_addr,
					      c->suite, &c->keys->c2s, &c->keys->s2c);

	if (s == NULL) {
		RTE_LOG(ERR, USER1, "vamgw: no crypto session for 0x%08x: DATA will be dropped\n",
			c->id);
		return;
	}
	atomic_store(&s->peer, dp_addr_pack(c->data_addr.ip, c->data_addr.port));
	atomic_store(&s->peer_mac, (uint64_t)(uintptr_t)ctl_hmap_get(&g->macs, c->data_addr.ip));
	dp_session_publish(&g->dp.sessions, s);
}

static void op_session_down(void *ctx, uint32_t id)
{
	dp_session_retire(&((struct gw *)ctx)->dp.sessions, id);
}

static void op_route_add(void *ctx, uint16_t domain, uint32_t prefix, uint8_t len, uint32_t id)
{
	struct gw *g = ctx;

	dp_route_add(&g->dp.routes, domain, prefix, len, id & g->dp.sessions.mask);
}

static void op_route_del(void *ctx, uint16_t domain, uint32_t prefix, uint8_t len)
{
	dp_route_del(&((struct gw *)ctx)->dp.routes, domain, prefix, len);
}

static void op_counters(void *ctx, uint32_t id, struct ctl_acct_record *r)
{
	struct dp_session *s = dp_session_lookup(&((struct gw *)ctx)->dp.sessions, id);

	if (s == NULL)
		return;
	r->in_packets = atomic_load(&s->in.pkts);
	r->in_octets = atomic_load(&s->in.bytes);
	r->out_packets = atomic_load(&s->out.pkts);
	r->out_octets = atomic_load(&s->out.bytes);
}

static uint64_t op_last_rx(void *ctx, uint32_t id)
{
	struct dp_session *s = dp_session_lookup(&((struct gw *)ctx)->dp.sessions, id);
	uint64_t tsc = s ? atomic_load_explicit(&s->last_rx_tsc, memory_order_relaxed) : 0;
	uint64_t now = rte_rdtsc(), ago_ms;

	if (tsc == 0 || tsc > now)
		return 0;
	ago_ms = (now - tsc) * 1000 / rte_get_tsc_hz();
	return gw_now_ms() - ago_ms;
}

const struct ctl_ops gw_ctl_ops = {
	.send = op_send,
	.session_up = op_session_up,
	.session_down = op_session_down,
	.route_add = op_route_add,
	.route_del = op_route_del,
	.last_rx = op_last_rx,
	.counters = op_counters,
};

/* A frame a worker handed over: a VAM control datagram, or an ARP from the LAN. */
static void ctl_frame(struct gw *g, uint64_t now, struct rte_mbuf *m)
{
	const struct rte_ether_hdr *e = rte_pktmbuf_mtod(m, const struct rte_ether_hdr *);
	struct rte_ether_addr mac;
	struct dp_pkt p;
	uint32_t ip;

	g->ctl_rx++;
	switch (dp_parse(m, &p)) {
	case DP_PKT_ARP:
		if (g->dp.has_lan && m->port == g->dp.lan.id && dp_arp_sender(m, &ip, &mac))
			dp_neigh_set(&g->dp.neigh, ip, &mac);
		break;
	case DP_PKT_UDP:
		/* Replies go back to the MAC the request came from; it is remembered
		 * only from authentic datagrams (a forged one must not poison it). */
		g->cur_ip = p.src;
		g->cur_mac = dp_mac_pack(&e->src_addr);
		if (ctl_server_input(g->srv, now, (struct ctl_addr){ p.src, p.sport },
				     rte_pktmbuf_mtod_offset(m, const uint8_t *, p.payload),
				     p.payload_len))
			ctl_hmap_put(&g->macs, p.src, (void *)(uintptr_t)g->cur_mac);
		g->cur_ip = 0;
		break;
	default:
		break;
	}
	rte_pktmbuf_free(m);
}

/* A LAN next hop is unknown: ask for it, at most once a second per address. */
static void arp_miss(struct gw *g, uint64_t now, uint32_t ip)
{
	uint64_t last = (uint64_t)(uintptr_t)ctl_hmap_get(&g->arp_sent, ip);
	struct rte_mbuf *m;

	if (!g->dp.has_lan || g->dp.lan_addr == 0 || (last && now - last < ARP_RETRY_MS))
		return;
	ctl_hmap_put(&g->arp_sent, ip, (void *)(uintptr_t)(now | 1));
	m = rte_pktmbuf_alloc(g->dp.mp);
	if (m == NULL)
		return;
	dp_arp_request(m, ip, g->dp.lan_addr, &g->dp.lan.mac);
	if (dp_port_tx(&g->dp.lan, g->ctl_slot, &m, 1) != 1)
		rte_pktmbuf_free(m);
}

static void events(struct gw *g, uint64_t now)
{
	struct dp_event ev[32];
	unsigned int n = rte_ring_sc_dequeue_burst_elem(g->dp.events, ev, sizeof(ev[0]), 32, NULL);

	for (unsigned int i = 0; i < n; i++) {
		if (ev[i].kind == DP_EV_DATA_ADDR)
			ctl_server_data_addr(g->srv, now, ev[i].id,
					     (struct ctl_addr){ ev[i].ip, ev[i].port });
		else if (ev[i].kind == DP_EV_ARP_MISS)
			arp_miss(g, now, ev[i].ip);
	}
}

static void log_stats(struct gw *g)
{
	uint64_t rx = 0, tx = 0, data = 0, drops = 0;

	for (unsigned int i = 0; i < g->dp.nb_workers; i++) {
		const struct dp_wstats *s = &g->dp.w[i]->st;

		rx += s->rx[0] + s->rx[1];
		tx += s->tx[0] + s->tx[1];
		data += s->data_rx;
		for (int d = 1; d < VAM_DROP_MAX; d++)
			drops += s->vam[d];
		for (int d = 0; d < DP_D_MAX; d++)
			drops += s->dp[d];
	}
	RTE_LOG(INFO, USER1, "vamgw: rx %" PRIu64 " tx %" PRIu64 " data %" PRIu64 " drops %" PRIu64
		" sessions %u online %u\n", rx, tx, data, drops, g->dp.sessions.count,
		ctl_server_count(g->srv, 0, CTL_ST_ONLINE));
}

/* One pass; returns how much work it found. */
static unsigned int pass(struct gw *g, uint64_t now)
{
	struct rte_mbuf *m[32];
	unsigned int n;

	ctl_server_lock(g->srv);
	n = rte_ring_sc_dequeue_burst(g->dp.to_ctl, (void **)m, RTE_DIM(m), NULL);
	for (unsigned int i = 0; i < n; i++)
		ctl_frame(g, now, m[i]);
	events(g, now);
	ctl_server_poll(g->srv, now);
	ctl_server_unlock(g->srv);
	tx_flush(g);
	dp_sessions_reclaim(&g->dp.sessions);
	return n;
}

void gw_control_loop(struct gw *g)
{
	uint64_t next_stats = gw_now_ms() + g->opt.stats_interval * 1000ull, now;

	while (!atomic_load(&g->stop)) {
		now = gw_now_ms();
		if (pass(g, now) == 0)
			rte_delay_us_sleep(100);	/* the control lcore may sleep; workers poll */
		if (g->opt.stats_interval && now >= next_stats) {
			log_stats(g);
			next_stats = now + g->opt.stats_interval * 1000ull;
		}
	}
	/* Graceful stop: tell every client, account, let the workers drain, stop them. */
	now = gw_now_ms();
	ctl_server_lock(g->srv);
	ctl_server_shutdown(g->srv, now);
	ctl_server_unlock(g->srv);
	tx_flush(g);
	rte_delay_us_sleep(10000);
	atomic_store(&g->dp.stop, true);
	rte_eal_mp_wait_lcore();
	pass(g, now);
	log_stats(g);
}
