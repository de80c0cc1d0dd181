/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * After the crypto device: an opened DATA message is checked (replay
 * window, inner packet, source), then routed (spec 9, S-55, S-56): to the
 * gateway itself (ping), to the LAN in the clear, or sealed again for
 * another client; a sealed datagram gets its outer headers and goes out.
 */
#include <rte_ip.h>

#include "dp_worker_priv.h"
#include "vam_replay.h"
#include "vam_wire.h"

/* S-30 / S-46: a packet that advanced the window teaches the peer's address. */
static void learn(struct dp_worker *w, struct dp_session *s, struct rte_mbuf *m,
		  const struct dp_mctx *mc)
{
	const struct rte_ether_hdr *e = rte_pktmbuf_mtod(m, const struct rte_ether_hdr *);
	uint64_t peer = dp_addr_pack(mc->src_ip, mc->src_port);
	uint64_t mac = dp_mac_pack(&e->src_addr);

	if (atomic_load_explicit(&s->peer_mac, memory_order_relaxed) != mac)
		atomic_store_explicit(&s->peer_mac, mac, memory_order_relaxed);
	/* Read first: the exchange (a locked instruction) only when the peer moved. */
	if (atomic_load_explicit(&s->peer, memory_order_relaxed) != peer) {
		uint64_t old = atomic_exchange_explicit(&s->peer, peer, memory_order_relaxed);
		struct dp_event ev = { s->id, mc->src_ip, mc->src_port, DP_EV_DATA_ADDR, 0 };

		/* The control plane must hear of it: if the ring is full, undo, so a
		 * later packet from the new address tries again. */
		if (old != peer &&
		    rte_ring_mp_enqueue_elem(w->gw->events, &ev, sizeof(ev)) != 0)
			atomic_compare_exchange_strong_explicit(&s->peer, &peer, old,
								memory_order_relaxed,
								memory_order_relaxed);
	}
}

/* Window update after crypto succeeded (S-28). False: a replay that raced in. */
static bool accept_seq(struct dp_worker *w, struct dp_session *s, struct rte_mbuf *m,
		       const struct dp_mctx *mc)
{
	const uint8_t *hdr = rte_pktmbuf_mtod_offset(m, const uint8_t *, mc->dg_off);
	enum vam_replay_res r;

	if (!s->replay_check) {
		learn(w, s, m, mc);
		return true;
	}
	r = vam_replay_update(&s->win, vam_get64(hdr + 8));
	if (r == VAM_REPLAY_REJECT)
		return false;
	if (r == VAM_REPLAY_NEW_TOP)
		learn(w, s, m, mc);
	return true;
}

/* The plain inner packet at off goes out of the LAN port. */
static void to_lan(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m, uint32_t off,
		   uint32_t len, uint32_t dst)
{
	struct dp_gw *gw = w->gw;
	struct rte_ether_addr mac;

	if (!gw->has_lan || !dp_neigh_get(&gw->neigh, dst, &mac)) {
		struct dp_event ev = { 0, dst, 0, DP_EV_ARP_MISS, 0 };

		rte_ring_mp_enqueue_elem(gw->events, &ev, sizeof(ev));
		dp_drop2(w, m, DP_D_NO_NEIGH);
		return;
	}
	rte_pktmbuf_adj(m, (uint16_t)(off - RTE_ETHER_HDR_LEN));
	rte_pktmbuf_trim(m, (uint16_t)(rte_pktmbuf_data_len(m) - RTE_ETHER_HDR_LEN - len));
	dp_eth_set(m, &gw->lan.mac, &mac, RTE_ETHER_TYPE_IPV4);
	w->st.to_lan++;
	dp_tx(w, ps, 1, m);
}

/* An inner packet for the gateway's own address: answer pings, drop the rest. */
static void local(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m,
		  struct dp_session *s, uint32_t off, uint32_t len)
{
	w->st.local++;
	if (!dp_icmp_echo_reply(m, (uint16_t)off)) {
		dp_drop(w, m, VAM_DROP_NO_ROUTE);
		return;
	}
	w->st.icmp++;
	dp_encrypt_to(w, ps, m, s, off, len);
}

void dp_after_decrypt(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m, uint32_t off,
		      uint32_t len)
{
	struct dp_gw *gw = w->gw;
	struct dp_mctx *mc = dp_mctx(m);
	struct dp_session *s = mc->s, *to;
	uint32_t src, dst, nh;
	uint8_t proto;
	int di;

	if (!accept_seq(w, s, m, mc)) {
		dp_drop(w, m, VAM_DROP_REPLAY);
		return;
	}
	atomic_store_explicit(&s->last_rx_tsc, w->now_tsc, memory_order_relaxed);
	dp_tally(&w->in, &s->in, len);
	w->st.data_rx++;
	if (len == 0) {			/* a data keepalive (S-46): it taught the address */
		rte_pktmbuf_free(m);
		return;
	}
	if (len > gw->mtu) {
		dp_drop(w, m, VAM_DROP_TOO_LONG);
		return;
	}
	if (!dp_parse_ipv4(m, (uint16_t)off, (uint16_t)len, &src, &dst, &proto)) {
		dp_drop(w, m, VAM_DROP_MALFORMED);
		return;
	}
	di = s->dom_idx;
	/*
	 * No spoofing: the source must route back to this very session. The
	 * client's own address needs no lookup: it is its /32, and no other
	 * route may equal it (the control plane refuses such networks).
	 */
	if (src != s->private_addr &&
	    (dp_route_lookup(&gw->routes, gw->dom[di].route_idx, src, &nh) != 0 ||
	     nh != (s->id & gw->sessions.mask))) {
		dp_drop(w, m, VAM_DROP_SPOOFED);
		return;
	}
	if (dst == gw->dom[di].own) {
		local(w, ps, m, s, off, len);
		return;
	}
	if (dp_route_lookup(&gw->routes, gw->dom[di].route_idx, dst, &nh) != 0) {
		dp_drop(w, m, VAM_DROP_NO_ROUTE);
		return;
	}
	if (nh == DP_NH_LAN) {
		to_lan(w, ps, m, off, len, dst);
		return;
	}
	to = atomic_load_explicit(&gw->sessions.slot[nh], memory_order_acquire);
	if (to == NULL || to->domain != s->domain) {
		dp_drop(w, m, VAM_DROP_NO_ROUTE);
		return;
	}
	dp_encrypt_to(w, ps, m, to, off, len);
}
