/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The worker loop, readable top to bottom: receive a burst from each port,
 * classify (rx_out.c, rx_lan.c), run the queued crypto to completion and
 * finish each packet (worker_crypto.c, fwd.c, seal.c), transmit, report a
 * quiescent state.
 */
#include <rte_cycles.h>
#include <rte_ethdev.h>

#include "dp_worker_priv.h"

static const char *const drop_names[DP_D_MAX] = {
	[DP_D_NOT_FOR_US] = "not for us",     [DP_D_BAD_FRAME] = "bad frame",
	[DP_D_FRAGMENT] = "fragment",	      [DP_D_NO_NEIGH] = "no neighbour",
	[DP_D_TX_FULL] = "tx full",	      [DP_D_CRYPTO_ERR] = "crypto error",
	[DP_D_CTL_FULL] = "control ring full", [DP_D_NO_MBUF] = "no buffer",
	[DP_D_SEQ_EXHAUSTED] = "seq exhausted",
};

const char *dp_drop_name(enum dp_drop d)
{
	return (unsigned int)d < DP_D_MAX ? drop_names[d] : "?";
}

void dp_tx(struct dp_worker *w, struct dp_pass *ps, int port, struct rte_mbuf *m)
{
	if (ps->n_tx[port] == RTE_DIM(ps->tx[port])) {
		dp_drop2(w, m, DP_D_TX_FULL);
		return;
	}
	ps->tx[port][ps->n_tx[port]++] = m;
}

void dp_to_ctl(struct dp_worker *w, struct rte_mbuf *m)
{
	if (rte_ring_mp_enqueue(w->gw->to_ctl, m) != 0) {
		dp_drop2(w, m, DP_D_CTL_FULL);
		return;
	}
	w->st.to_ctl++;
}

static void flush_tx(struct dp_worker *w, struct dp_pass *ps)
{
	struct dp_gw *gw = w->gw;
	struct dp_port *ports[2] = { &gw->out, &gw->lan };

	for (int p = 0; p < 2; p++) {
		uint16_t n = ps->n_tx[p], sent;

		if (n == 0)
			continue;
		sent = dp_port_tx(ports[p], w->slot, ps->tx[p], n);
		w->st.tx[p] += sent;
		for (uint16_t i = sent; i < n; i++)
			dp_drop2(w, ps->tx[p][i], DP_D_TX_FULL);
		ps->n_tx[p] = 0;
	}
	if (w->slot == 0) {
		dp_port_tx_flush(&gw->out);
		if (gw->has_lan)
			dp_port_tx_flush(&gw->lan);
	}
}

unsigned int dp_worker_poll(struct dp_worker *w)
{
	struct dp_gw *gw = w->gw;
	struct rte_mbuf *pkts[DP_BURST_MAX];
	struct dp_pass ps;
	unsigned int total = 0;
	uint16_t n;

	w->in.c = w->out.c = NULL;
	ps.crypto.n = 0;
	ps.n_jobs = ps.n_run = 0;
	ps.n_tx[0] = ps.n_tx[1] = 0;
	w->now_tsc = rte_rdtsc();
	if (w->slot < gw->out.nb_rxq) {
		n = rte_eth_rx_burst(gw->out.id, w->slot, pkts, gw->burst);
		w->st.rx[0] += n;
		total += n;
		for (uint16_t i = 0; i < n; i++)
			dp_rx_outside(w, &ps, pkts[i]);
	}
	if (gw->has_lan && w->slot < gw->lan.nb_rxq) {
		n = rte_eth_rx_burst(gw->lan.id, w->slot, pkts, gw->burst);
		w->st.rx[1] += n;
		total += n;
		for (uint16_t i = 0; i < n; i++)
			dp_rx_lan(w, &ps, pkts[i]);
	}
	dp_run_crypto(w, &ps);
	dp_tally_flush(&w->in);
	dp_tally_flush(&w->out);
	flush_tx(w, &ps);
	return total;
}

void dp_worker_init(struct dp_worker *w, struct dp_gw *gw, uint16_t slot, unsigned int lcore)
{
	w->gw = gw;
	w->slot = slot;
	w->lcore = lcore;
	w->qp = dp_crypto_qp(gw->cdev, slot);
	w->cpu = gw->cdev->cpu;
	w->rnd_off = sizeof(w->rnd);	/* fill on first use */
	dp_outer_init(&w->outer, &gw->out.mac, gw->out_addr, gw->data_port);
}

int dp_worker_main(void *arg)
{
	struct dp_worker *w = arg;
	struct rte_rcu_qsbr *qs = w->gw->sessions.qs;

	w->lcore = rte_lcore_id();
	dp_cjob_warm(w->gw->cdev);	/* the PMD's per-lcore set-up, before traffic */
	rte_rcu_qsbr_thread_register(qs, w->slot);
	rte_rcu_qsbr_thread_online(qs, w->slot);
	while (!atomic_load_explicit(&w->gw->stop, memory_order_relaxed)) {
		uint64_t t0 = rte_rdtsc();

		w->st.loops++;
		if (dp_worker_poll(w)) {
			w->st.busy_loops++;
			w->st.cycles_busy += rte_rdtsc() - t0;
		}
		/* Nothing of this pass is in flight any more: no session pointer is held. */
		rte_rcu_qsbr_quiescent(qs, w->slot);
	}
	rte_rcu_qsbr_thread_offline(qs, w->slot);
	rte_rcu_qsbr_thread_unregister(qs, w->slot);
	if (w->n_ops)
		rte_mempool_put_bulk(w->gw->cdev->op_pool, (void **)w->ops, w->n_ops);
	w->n_ops = 0;
	return 0;
}
