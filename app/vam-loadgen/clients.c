/* SPDX-License-Identifier: BSD-3-Clause */
/* The emulated clients: start at a rate, answer the gateway, retransmit, keep alive, send DATA. */
#include <stdio.h>
#include <string.h>

#include <rte_arp.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_ip.h>

#include "dp_proto.h"
#include "loadgen.h"

#define RETX_S 5
#define RETRIES 3

static void flush(struct lg *g)
{
	dp_txbuf_flush(&g->port, 0, &g->tx);
}

static void queue(struct lg *g, struct rte_mbuf *m)
{
	dp_txbuf_add(&g->port, 0, &g->tx, m);
}

/* Client i sends a datagram to the gateway's control or data port. */
static void send_dg(struct lg *g, uint32_t i, bool data, const uint8_t *d, long len)
{
	struct rte_mbuf *m;

	if (len <= 0 || !g->have_peer || (m = rte_pktmbuf_alloc(g->mp)) == NULL)
		return;
	if (rte_pktmbuf_append(m, (uint16_t)(DP_OUTER_LEN + len)) == NULL) {
		rte_pktmbuf_free(m);
		return;
	}
	memcpy(rte_pktmbuf_mtod_offset(m, uint8_t *, DP_OUTER_LEN), d, (size_t)len);
	dp_udp_encap(m, (uint16_t)len, &g->port.mac, &g->peer_mac, g->o.src_base + i,
		     data ? 61001 : 61000, g->o.server,
		     data ? g->o.server_data_port : g->o.server_port);
	queue(g, m);
}

static void start(struct lg *g, uint32_t i, uint64_t now)
{
	struct lg_client *k = &g->cl[i];
	uint8_t out[VAM_CTRL_MAX];

	k->st = LG_RUNNING;
	k->started = now;
	k->retx = 0;
	k->due = now + RETX_S * g->hz;
	send_dg(g, i, false, out, vam_client_start(&k->c, &k->cfg, out, sizeof(out)));
}

static void settle(struct lg *g, struct lg_client *k, uint64_t now)
{
	if (k->c.state == VAM_CL_ONLINE && k->st == LG_RUNNING) {
		k->st = LG_ONLINE;
		k->latency_us = (uint32_t)((now - k->started) * 1000000 / g->hz);
		k->due = now + k->c.keepalive * g->hz;
		g->online++;
	} else if ((k->c.state == VAM_CL_FAILED || k->c.state == VAM_CL_OFFLINE) &&
		   k->st != LG_FAILED) {
		if (k->st == LG_ONLINE)
			g->online--;
		k->st = LG_FAILED;
		g->failed++;
		if (k->c.code)
			g->codes[k->c.code & 15]++;
		else
			g->local_fail++;
	}
}

/* A frame from the port: ARP for the gateway's MAC, or a datagram for client i. */
static void input(struct lg *g, struct rte_mbuf *m, uint64_t now)
{
	struct dp_pkt p;
	int kind = dp_parse(m, &p);
	uint8_t out[VAM_CTRL_MAX], pkt[VAM_DATA_MAX];
	size_t n = 0;
	uint32_t i;

	if (kind == DP_PKT_ARP) {
		struct rte_ether_addr mac;
		uint32_t ip;

		if (dp_arp_sender(m, &ip, &mac) && ip == g->o.server) {
			g->peer_mac = mac;
			g->have_peer = true;
		}
	} else if (kind == DP_PKT_UDP && p.dst - g->o.src_base < g->o.clients) {
		struct lg_client *k = &g->cl[p.dst - g->o.src_base];
		const uint8_t *d = rte_pktmbuf_mtod_offset(m, const uint8_t *, p.payload);

		i = p.dst - g->o.src_base;
		if (p.sport == g->o.server_data_port) {
			if (vam_client_data_input(&k->c, d, p.payload_len, pkt, sizeof(pkt), &n) ==
			    VAM_OK)
				g->data_rx++;
		} else if (vam_client_input(&k->c, d, p.payload_len, out, sizeof(out), &n) == VAM_OK) {
			if (n) {
				send_dg(g, i, false, out, (long)n);
				k->retx = 0;
				k->due = now + RETX_S * g->hz;
			}
			settle(g, k, now);
		}
	}
	rte_pktmbuf_free(m);
}

/* Retransmission, failure after the retries, keepalives. */
static void timers(struct lg *g, uint32_t i, uint64_t now)
{
	struct lg_client *k = &g->cl[i];
	uint8_t out[VAM_CTRL_MAX];

	if (now < k->due)
		return;
	if (k->st == LG_RUNNING) {
		if (k->retx == RETRIES) {
			k->st = LG_FAILED;
			g->failed++;
			g->timeouts++;
			return;
		}
		k->retx++;
		k->due = now + RETX_S * g->hz;
		send_dg(g, i, false, out, vam_client_retransmit(&k->c, out, sizeof(out)));
	} else if (k->st == LG_ONLINE) {
		k->due = now + k->c.keepalive * g->hz;
		send_dg(g, i, false, out,
			vam_client_request(&k->c, VAM_KEEPALIVE, NULL, 0, out, sizeof(out)));
		g->ka_tx++;
	}
}

/* One DATA packet from online client i: IPv4/UDP to the configured destination. */
static void data(struct lg *g, uint32_t i)
{
	struct lg_client *k = &g->cl[i];
	uint8_t pkt[2048] = { 0 }, out[2200];
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)pkt;
	uint32_t len = g->o.data_size < 28 ? 28 : g->o.data_size;

	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16((uint16_t)len);
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_UDP;
	ip->src_addr = rte_cpu_to_be_32(k->cfg.private_addr);
	ip->dst_addr = rte_cpu_to_be_32(g->o.dst_addr);
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	send_dg(g, i, true, out, vam_client_data(&k->c, pkt, len, out, sizeof(out)));
	g->data_tx++;
}

static void arp_probe(struct lg *g)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(g->mp);

	if (m == NULL)
		return;
	dp_arp_request(m, g->o.server, g->o.src_base, &g->port.mac);
	queue(g, m);
}

void lg_run(struct lg *g)
{
	uint64_t t0 = rte_rdtsc(), now = t0, next_start = t0, next_probe = t0, next_print = t0,
		 next_data = 0, all_done = 0;
	uint64_t start_gap = g->hz / (g->o.rate ? g->o.rate : 1);
	uint64_t data_gap = g->o.data_pps ? g->hz / g->o.data_pps : 0;
	uint32_t next_client = 0, scan = 0, data_rr = 0;
	struct rte_mbuf *rx[64];

	for (;;) {
		uint16_t n = rte_eth_rx_burst(g->port.id, 0, rx, 64);

		now = rte_rdtsc();
		g->rx += n;
		for (uint16_t j = 0; j < n; j++)
			input(g, rx[j], now);
		if (!g->have_peer) {
			if (now >= next_probe) {
				arp_probe(g);
				next_probe = now + g->hz / 10;
			}
		} else {
			while (next_client < g->o.clients && now >= next_start) {
				start(g, next_client++, now);
				g->started++;
				next_start += start_gap;
			}
		}
		/* Timers: a slice of clients per pass, every client at least every ~100 ms. */
		for (uint32_t j = 0; j < 256 && next_client; j++, scan = (scan + 1) % next_client)
			timers(g, scan, now);
		if (data_gap && g->online && now >= next_data) {
			for (uint32_t j = 0; j < g->o.clients && g->cl[data_rr].st != LG_ONLINE; j++)
				data_rr = (data_rr + 1) % g->o.clients;
			if (g->cl[data_rr].st == LG_ONLINE)
				data(g, data_rr);
			data_rr = (data_rr + 1) % g->o.clients;
			next_data = now + data_gap;
		}
		flush(g);
		if (now >= next_print) {
			lg_report(g, (double)(now - t0) / g->hz);
			next_print = now + g->hz;
		}
		if (!all_done && g->online + g->failed == g->o.clients)
			all_done = now;
		if (all_done && now - all_done >= g->o.duration * g->hz)
			break;
		if (now - t0 >= (uint64_t)g->o.timeout * g->hz)
			break;
	}
}
