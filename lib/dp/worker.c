/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The worker loop, readable top to bottom: receive a burst from each port,
 * classify (rx_out.c, rx_lan.c), run the staged crypto ops to completion,
 * finish each packet (fwd.c), transmit, report a quiescent state.
 */
#include <string.h>

#include <rte_branch_prediction.h>
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

struct rte_crypto_op *dp_op_get(struct dp_worker *w)
{
	struct rte_crypto_op *op;

	if (w->n_ops == 0) {
		if (rte_crypto_op_bulk_alloc(w->gw->cdev->op_pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC,
					     w->ops, DP_OP_CACHE / 2) == 0)
			return NULL;
		w->n_ops = DP_OP_CACHE / 2;
		return w->ops[--w->n_ops];	/* fresh from the pool: already reset */
	}
	op = w->ops[--w->n_ops];
	__rte_crypto_op_reset(op, RTE_CRYPTO_OP_TYPE_SYMMETRIC);
	return op;
}

void dp_op_put(struct dp_worker *w, struct rte_crypto_op *op)
{
	if (w->n_ops < DP_OP_CACHE) {
		w->ops[w->n_ops++] = op;
		return;
	}
	/* Full: give half back in one go. */
	rte_mempool_put_bulk(w->gw->cdev->op_pool, (void **)&w->ops[DP_OP_CACHE / 2],
			     DP_OP_CACHE / 2);
	w->n_ops = DP_OP_CACHE / 2;
	w->ops[w->n_ops++] = op;
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

/* CPU mode: run what is staged now; the ops wait in ps->done for completion. */
static void cpu_flush(struct dp_worker *w, struct dp_pass *ps)
{
	uint16_t n = ps->crypto.n;

	if (unlikely(ps->n_done + n > RTE_DIM(ps->done))) {	/* DP_PASS_OPS is a bound */
		for (uint16_t i = 0; i < n; i++) {
			struct rte_mbuf *m = ps->crypto.ops[i]->sym->m_src;

			dp_op_put(w, ps->crypto.ops[i]);
			dp_drop2(w, m, DP_D_CRYPTO_ERR);
		}
		ps->crypto.n = 0;
		return;
	}
	dp_crypto_cpu_run(w->qp, ps->crypto.ops, n);
	memcpy(&ps->done[ps->n_done], ps->crypto.ops, n * sizeof(ps->crypto.ops[0]));
	ps->n_done = (uint16_t)(ps->n_done + n);
	ps->crypto.n = 0;
}

void dp_stage(struct dp_worker *w, struct dp_pass *ps, struct rte_crypto_op *op)
{
	if (dp_crypto_stage_add(&ps->crypto, op) == 0)
		return;
	if (w->cpu)
		cpu_flush(w, ps);
	else
		dp_crypto_flush(w->qp, &ps->crypto);
	if (dp_crypto_stage_add(&ps->crypto, op) != 0) {
		struct rte_mbuf *m = op->sym->m_src;

		dp_op_put(w, op);
		dp_drop2(w, m, DP_D_CRYPTO_ERR);
	}
}

/* One finished op: what the packet does next depends on what it waited for. */
static void complete(struct dp_worker *w, struct dp_pass *ps, struct rte_crypto_op *op)
{
	struct rte_mbuf *m = op->sym->m_src;
	struct dp_mctx *mc = dp_mctx(m);
	uint32_t off = 0, len = 0;
	int rc = dp_crypto_result(op, &off, &len);

	dp_op_put(w, op);
	if (rc < 0) {
		dp_drop2(w, m, rc == -ERANGE ? DP_D_SEQ_EXHAUSTED : DP_D_CRYPTO_ERR);
		return;
	}
	if (rc != VAM_OK) {
		dp_drop(w, m, (enum vam_drop)rc);
		return;
	}
	switch (mc->stage) {
	case DP_ST_BOOT:
		dp_to_ctl(w, m);	/* an authentic INIT_REQ: worth the control lcore's time */
		break;
	case DP_ST_DEC:
		dp_after_decrypt(w, ps, m, off, len);
		break;
	default:
		dp_after_encrypt(w, ps, m, off, len);
		break;
	}
}

/*
 * Run every staged op to completion. Ops finishing may stage new ones
 * (re-encryption toward another client), so loop until nothing is in
 * flight: then no op of this pass can still hold a session pointer.
 */
static void run_crypto_qp(struct dp_worker *w, struct dp_pass *ps)
{
	struct rte_crypto_op *done[DP_CRYPTO_BURST];

	while (ps->crypto.n || w->qp->inflight) {
		uint16_t n;

		if (ps->crypto.n)
			dp_crypto_flush(w->qp, &ps->crypto);
		n = dp_crypto_dequeue(w->qp, done, RTE_DIM(done));
		for (uint16_t i = 0; i < n; i++)
			complete(w, ps, done[i]);
	}
}

/* The same in CPU mode: ops run when staged in full or here, in order. */
static void run_crypto_cpu(struct dp_worker *w, struct dp_pass *ps)
{
	uint16_t i = 0;

	for (;;) {
		if (i == ps->n_done) {
			if (ps->crypto.n == 0)
				break;
			cpu_flush(w, ps);
		}
		complete(w, ps, ps->done[i++]);
	}
	ps->n_done = 0;
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

	ps.crypto.n = 0;
	ps.n_done = 0;
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
	if (w->cpu)
		run_crypto_cpu(w, &ps);
	else
		run_crypto_qp(w, &ps);
	flush_tx(w, &ps);
	return total;
}

int dp_worker_main(void *arg)
{
	struct dp_worker *w = arg;
	struct rte_rcu_qsbr *qs = w->gw->sessions.qs;

	w->lcore = rte_lcore_id();
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
