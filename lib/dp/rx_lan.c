/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Frames from the protected (LAN) port: ARP for the gateway's LAN address
 * (answered here; every ARP also goes to the control lcore, which learns
 * neighbours), ping of that address, and IPv4 toward a client, which is
 * sealed for it (spec 9, last paragraph).
 */
#include <rte_ip.h>

#include "dp_worker_priv.h"

void dp_rx_lan(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m)
{
	struct dp_gw *gw = w->gw;
	struct dp_session *s;
	struct dp_pkt p;
	uint32_t nh, len;
	int kind = dp_parse(m, &p);

	if (kind == DP_PKT_ARP) {
		/* The control lcore learns only from LAN ARP; not every PMD sets m->port. */
		m->port = gw->lan.id;
		if (dp_arp_answer(m, gw->lan_addr, &gw->lan.mac)) {
			struct rte_mbuf *c = rte_pktmbuf_copy(m, gw->mp, 0, UINT32_MAX);

			if (c)	/* the asker is a neighbour worth knowing */
				dp_to_ctl(w, c);
			w->st.arp++;
			dp_tx(w, ps, 1, m);
		} else {
			dp_to_ctl(w, m);
		}
		return;
	}
	if (kind == DP_PKT_BAD || kind == DP_PKT_OTHER) {
		dp_drop2(w, m, kind == DP_PKT_BAD ? DP_D_BAD_FRAME : DP_D_NOT_FOR_US);
		return;
	}
	if (p.dst == gw->lan_addr) {
		if (kind == DP_PKT_ICMP && dp_icmp_echo_reply(m, p.l3)) {
			dp_eth_reply(m, &gw->lan.mac);
			w->st.icmp++;
			dp_tx(w, ps, 1, m);
		} else {
			dp_drop2(w, m, DP_D_NOT_FOR_US);
		}
		return;
	}
	len = rte_be_to_cpu_16(rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *, p.l3)->total_length);
	if (gw->lan_dom < 0 ||
	    dp_route_lookup(&gw->routes, gw->dom[gw->lan_dom].route_idx, p.dst, &nh) != 0 ||
	    nh == DP_NH_LAN) {
		dp_drop(w, m, VAM_DROP_NO_ROUTE);
		return;
	}
	s = atomic_load_explicit(&gw->sessions.slot[nh], memory_order_acquire);
	if (s == NULL || s->domain != gw->dom[gw->lan_dom].id) {
		dp_drop(w, m, VAM_DROP_NO_ROUTE);
		return;
	}
	if (len > gw->mtu) {
		dp_drop(w, m, VAM_DROP_TOO_LONG);
		return;
	}
	w->st.from_lan++;
	dp_encrypt_to(w, ps, m, s, p.l3, len);
}
