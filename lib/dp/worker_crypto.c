/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A worker's crypto, in either mode: queue the opening or sealing of a
 * datagram, run everything queued in a pass to completion, and hand each
 * packet to what it waited for (fwd.c, seal.c, the control ring).
 *  - CPU mode: jobs in the pass's own array, run in batches of up to
 *    DP_CJOB_BATCH on this core (dp_cjob_run); seqs drawn per batch.
 *  - queue-pair mode: ops from a per-worker cache, enqueued in bursts and
 *    dequeued until nothing is in flight.
 * Either way nothing of a pass is in flight when it ends: no session
 * pointer outlives the pass (the RCU quiescent report follows it).
 */
#include <rte_branch_prediction.h>

#include "dp_worker_priv.h"

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

/* Count a failed preparation: the wire's fault (a drop reason) or ours. */
static void prep_failed(struct dp_worker *w, struct rte_mbuf *m, int rc)
{
	if (rc > 0)
		dp_drop(w, m, (enum vam_drop)rc);
	else
		dp_drop2(w, m, DP_D_CRYPTO_ERR);
}

/* CPU mode: a free job slot, or NULL (never: DP_PASS_OPS bounds a pass). */
static inline struct dp_cjob *job_slot(struct dp_pass *ps)
{
	return likely(ps->n_jobs < RTE_DIM(ps->jobs)) ? &ps->jobs[ps->n_jobs] : NULL;
}

static void stage_op(struct dp_worker *w, struct dp_pass *ps, struct rte_crypto_op *op)
{
	if (dp_crypto_stage_add(&ps->crypto, op) == 0)
		return;
	dp_crypto_flush(w->qp, &ps->crypto);
	if (dp_crypto_stage_add(&ps->crypto, op) != 0) {
		struct rte_mbuf *m = op->sym->m_src;

		dp_op_put(w, op);
		dp_drop2(w, m, DP_D_CRYPTO_ERR);
	}
}

/* Queue-pair mode's dp_open, out of line: CPU mode's stays small enough to inline. */
static void open_op(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m, uint32_t off,
		    uint32_t len, struct vam_suite su, void *cs, const uint8_t *salt)
{
	struct rte_crypto_op *op = dp_op_get(w);
	int rc;

	if (op == NULL) {
		dp_drop2(w, m, DP_D_NO_MBUF);
		return;
	}
	rc = dp_crypto_prep_decrypt(op, m, off, len, su, cs, salt);
	if (rc != 0) {
		dp_op_put(w, op);
		prep_failed(w, m, rc);
		return;
	}
	stage_op(w, ps, op);
}

void dp_open(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m, uint32_t off,
	     uint32_t len, struct vam_suite su, void *cs, const uint8_t *salt, uint8_t stage)
{
	struct dp_cjob *j;
	int rc;

	dp_mctx(m)->stage = stage;
	if (!w->cpu) {
		open_op(w, ps, m, off, len, su, cs, salt);
		return;
	}
	j = job_slot(ps);
	rc = j ? dp_cjob_decrypt(j, m, off, len, su, cs, salt) : -ENOSPC;
	if (rc != 0) {
		prep_failed(w, m, rc);
		return;
	}
	j->tag = stage;
	ps->n_jobs++;
}

void dp_seal(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m, struct dp_session *s,
	     uint32_t pt_len, const uint8_t *iv)
{
	struct rte_crypto_op *op;
	struct dp_cjob *j;
	int rc;

	dp_mctx(m)->stage = DP_ST_ENC;
	if (w->cpu) {
		j = job_slot(ps);
		rc = j ? dp_cjob_encrypt(j, m, DP_OUTER_LEN, pt_len, s->suite, s->tx_cs, s->tx.salt,
					 iv, &s->tx_seq) : -ENOSPC;
		if (rc != 0) {
			dp_drop2(w, m, DP_D_CRYPTO_ERR);
			return;
		}
		j->tag = DP_ST_ENC;
		ps->n_jobs++;
		return;
	}
	op = dp_op_get(w);
	if (op == NULL) {
		dp_drop2(w, m, DP_D_NO_MBUF);
		return;
	}
	rc = dp_crypto_prep_encrypt(op, m, DP_OUTER_LEN, pt_len, s->suite, s->tx_cs, s->tx.salt,
				    iv);
	if (rc != 0) {
		dp_op_put(w, op);
		dp_drop2(w, m, DP_D_CRYPTO_ERR);
		return;
	}
	stage_op(w, ps, op);
}

/* A verdict on one packet: what it does next depends on what it waited for. */
static void finish(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m, uint8_t stage,
		   int rc, uint32_t off, uint32_t len)
{
	if (rc < 0) {
		dp_drop2(w, m, rc == -ERANGE ? DP_D_SEQ_EXHAUSTED : DP_D_CRYPTO_ERR);
		return;
	}
	if (rc != VAM_OK) {
		dp_drop(w, m, (enum vam_drop)rc);
		return;
	}
	switch (stage) {
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

/* Queue-pair mode: ops finishing may stage new ones (re-encryption), so loop. */
static void run_qp(struct dp_worker *w, struct dp_pass *ps)
{
	struct rte_crypto_op *done[DP_CRYPTO_BURST];

	while (ps->crypto.n || w->qp->inflight) {
		uint16_t n;

		if (ps->crypto.n)
			dp_crypto_flush(w->qp, &ps->crypto);
		n = dp_crypto_dequeue(w->qp, done, RTE_DIM(done));
		for (uint16_t i = 0; i < n; i++) {
			struct rte_mbuf *m = done[i]->sym->m_src;
			uint32_t off = 0, len = 0;
			int rc = dp_crypto_result(done[i], &off, &len);

			dp_op_put(w, done[i]);
			finish(w, ps, m, dp_mctx(m)->stage, rc, off, len);
		}
	}
}

/* CPU mode: jobs run in batches, in order; finishing ones may queue more after them. */
static void run_cpu(struct dp_worker *w, struct dp_pass *ps)
{
	for (uint16_t i = 0; i < ps->n_jobs; i++) {
		struct dp_cjob *j = &ps->jobs[i];
		uint32_t off = 0, len = 0;
		int rc;

		if (i == ps->n_run) {
			uint16_t n = (uint16_t)RTE_MIN(ps->n_jobs - ps->n_run, DP_CJOB_BATCH);

			dp_cjob_run(w->qp, j, n);
			ps->n_run = (uint16_t)(ps->n_run + n);
		}
		rc = dp_cjob_result(j, &off, &len);
		finish(w, ps, j->m, j->tag, rc, off, len);
	}
	ps->n_jobs = ps->n_run = 0;
}

void dp_run_crypto(struct dp_worker *w, struct dp_pass *ps)
{
	if (w->cpu)
		run_cpu(w, ps);
	else
		run_qp(w, ps);
}
