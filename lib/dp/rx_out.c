/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Frames from the outside port: ARP and ping for the outside address,
 * VAM control (INIT_REQ checked against its domain's bootstrap key here,
 * at line rate, before the control lcore spends anything on it) and DATA
 * (session, flags and replay pre-check, then decryption).
 */
#include <rte_ip.h>

#include "dp_worker_priv.h"
#include "vam_replay.h"
#include "vam_wire.h"

/* Queue the opening of the datagram; dp_open drops and counts on failure. */
static void stage_open(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m,
		       const struct dp_pkt *p, struct vam_suite su, void *cs, const uint8_t *salt,
		       uint8_t stage)
{
	struct dp_mctx *mc = dp_mctx(m);

	mc->dg_off = p->payload;
	mc->dg_len = p->payload_len;
	dp_open(w, ps, m, p->payload, p->payload_len, su, cs, salt, stage);
}

static void control(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m,
		    const struct dp_pkt *p)
{
	const uint8_t *dg = rte_pktmbuf_mtod_offset(m, const uint8_t *, p->payload);
	struct vam_hdr h;
	enum vam_drop d = vam_hdr_check(dg, p->payload_len, VAM_CHAN_CTRL, VAM_SIDE_SERVER, &h);
	int di;

	if (d != VAM_OK) {
		dp_drop(w, m, d);
		return;
	}
	if (h.type != VAM_INIT_REQ) {
		dp_to_ctl(w, m);	/* session messages: the control lcore owns their keys */
		return;
	}
	di = h.id <= VAM_DOMAIN_MAX ? dp_gw_domain(w->gw, (uint16_t)h.id) : -1;
	if (di < 0) {
		dp_drop(w, m, VAM_DROP_UNKNOWN_SESSION);
		return;
	}
	if (h.flags != (VAM_F_E | VAM_F_A)) {
		dp_drop(w, m, VAM_DROP_BAD_FLAGS);
		return;
	}
	/* The boot ICV covers header, IV and ciphertext: an integrity-only check. */
	stage_open(w, ps, m, p, (struct vam_suite){ VAM_ENC_NONE, VAM_INTEG_HMAC_SHA256 },
		   w->gw->dom[di].boot_cs, NULL, DP_ST_BOOT);
}

static void data(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m,
		 const struct dp_pkt *p)
{
	const uint8_t *dg = rte_pktmbuf_mtod_offset(m, const uint8_t *, p->payload);
	struct dp_mctx *mc = dp_mctx(m);
	struct dp_session *s;
	struct vam_hdr h;
	enum vam_drop d = vam_hdr_check_data(dg, p->payload_len, &h);

	if (d != VAM_OK) {
		dp_drop(w, m, d);
		return;
	}
	s = dp_session_lookup(&w->gw->sessions, h.id);
	if (s == NULL) {
		dp_drop(w, m, VAM_DROP_UNKNOWN_SESSION);
		return;
	}
	if (h.flags != s->flags) {
		dp_drop(w, m, VAM_DROP_BAD_FLAGS);
		return;
	}
	if (s->replay_check && !vam_replay_check(&s->win, h.seq)) {
		dp_drop(w, m, VAM_DROP_REPLAY);
		return;
	}
	mc->s = s;
	mc->port = 0;
	mc->src_ip = p->src;
	mc->src_port = p->sport;
	if (s->rx_cs == NULL) {		/* suite none: nothing to open */
		mc->dg_off = p->payload;
		mc->dg_len = p->payload_len;
		dp_after_decrypt(w, ps, m, p->payload + VAM_HDR_LEN, p->payload_len - VAM_HDR_LEN);
		return;
	}
	stage_open(w, ps, m, p, s->suite, s->rx_cs, s->rx.salt, DP_ST_DEC);
}

void dp_rx_outside(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m)
{
	struct dp_gw *gw = w->gw;
	struct dp_pkt p;

	switch (dp_parse(m, &p)) {
	case DP_PKT_ARP:
		if (dp_arp_answer(m, gw->out_addr, &gw->out.mac)) {
			w->st.arp++;
			dp_tx(w, ps, 0, m);
		} else {
			dp_drop2(w, m, DP_D_NOT_FOR_US);
		}
		return;
	case DP_PKT_ICMP:
		if (p.dst == gw->out_addr && dp_icmp_echo_reply(m, p.l3)) {
			dp_eth_reply(m, &gw->out.mac);
			w->st.icmp++;
			dp_tx(w, ps, 0, m);
		} else {
			dp_drop2(w, m, DP_D_NOT_FOR_US);
		}
		return;
	case DP_PKT_UDP:
		break;
	case DP_PKT_FRAG:
		dp_drop2(w, m, DP_D_FRAGMENT);
		return;
	case DP_PKT_BAD:
		dp_drop2(w, m, DP_D_BAD_FRAME);
		return;
	default:
		dp_drop2(w, m, DP_D_NOT_FOR_US);
		return;
	}
	if (p.dst != gw->out_addr) {
		dp_drop2(w, m, DP_D_NOT_FOR_US);
	} else if (p.dport == gw->vam_port) {
		control(w, ps, m, &p);
	} else if (p.dport == gw->data_port) {
		data(w, ps, m, &p);
	} else {
		dp_drop2(w, m, DP_D_NOT_FOR_US);
	}
}
