/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Synchronous crypto on the worker's own core: ops prepared by
 * dp_crypto_prep_decrypt / dp_crypto_prep_encrypt are run through
 * rte_cryptodev_sym_cpu_crypto_process, one call per session among the
 * ops given, instead of a queue pair's enqueue and dequeue. Same sessions,
 * same op layout, same verdicts (dp_crypto_result): only the transport
 * changes; and a batch's encryptions for one session draw their seqs
 * together (dp_crypto_defer_seq). The call is experimental in 22.11, hence
 * the opt-in here only.
 *
 * Per packet: no allocation, no lock, no syscall, no logging.
 */
#define ALLOW_EXPERIMENTAL_API 1

#include <errno.h>
#include <string.h>

#include <rte_cryptodev.h>
#include <rte_mbuf.h>

#include "dp_crypto.h"
#include "dp_crypto_priv.h"
#include "vam_wire.h"

/* The arrays one rte_crypto_sym_vec points into. */
struct cpu_batch {
	struct rte_crypto_vec data[DP_CRYPTO_BURST];
	struct rte_crypto_sgl sgl[DP_CRYPTO_BURST];
	struct rte_crypto_va_iova_ptr iv[DP_CRYPTO_BURST];
	struct rte_crypto_va_iova_ptr digest[DP_CRYPTO_BURST];
	struct rte_crypto_va_iova_ptr aad[DP_CRYPTO_BURST];
	int32_t status[DP_CRYPTO_BURST];
	struct rte_crypto_op *op[DP_CRYPTO_BURST];
};

/*
 * Entry i of the batch from an op. The buffer is what the PMD reads from
 * its start: the payload for AEAD (the header is the AAD), the header
 * onwards for CBC and integrity-only (the HMAC covers it). Returns the
 * head/tail offsets, the same for every op of one session.
 */
static inline union rte_crypto_sym_ofs entry(struct cpu_batch *b, uint16_t i,
					     struct rte_crypto_op *op)
{
	struct rte_crypto_sym_op *y = op->sym;
	struct dp_op_priv *p = dp_op_priv(op);
	uint8_t *base = rte_pktmbuf_mtod(y->m_src, uint8_t *);
	union rte_crypto_sym_ofs ofs = { .raw = 0 };

	b->op[i] = op;
	b->iv[i].va = p->iv;
	b->sgl[i].vec = &b->data[i];
	b->sgl[i].num = 1;
	if (p->kind == DP_K_AEAD) {
		b->data[i].base = base + y->aead.data.offset;
		b->data[i].len = y->aead.data.length;
		b->aad[i].va = y->aead.aad.data;
		b->digest[i].va = y->aead.digest.data;
		return ofs;
	}
	b->data[i].base = base + y->auth.data.offset;
	b->data[i].len = y->auth.data.length;
	b->digest[i].va = y->auth.digest.data;
	if (p->kind == DP_K_CBC)
		ofs.ofs.cipher.head = (uint16_t)(y->cipher.data.offset - y->auth.data.offset);
	return ofs;
}

static inline void verdicts(struct cpu_batch *b, uint16_t n)
{
	for (uint16_t i = 0; i < n; i++)
		b->op[i]->status = b->status[i] == 0 ? RTE_CRYPTO_OP_STATUS_SUCCESS :
				   b->status[i] == EBADMSG ? RTE_CRYPTO_OP_STATUS_AUTH_FAILED :
							     RTE_CRYPTO_OP_STATUS_ERROR;
}

/*
 * Deferred seqs (dp_crypto_defer_seq) of one session's ops, in order, with
 * one atomic add: written into each header and AEAD nonce. Returns false
 * for an op whose seq would reach 2^63: it must not run.
 */
static inline bool draw_seq(struct rte_crypto_op *op, uint64_t seq)
{
	struct dp_op_priv *p = dp_op_priv(op);
	uint8_t *hdr = rte_pktmbuf_mtod_offset(op->sym->m_src, uint8_t *, p->off);

	if (unlikely(seq >= UINT64_C(1) << 63))
		return false;
	vam_put64(hdr + 8, seq);
	if (p->kind == DP_K_AEAD)
		memcpy(p->iv + VAM_SALT_LEN, hdr + 8, 8);
	return true;
}

/* One device call for the k ops of one session in grp[]. */
static void run_group(struct dp_crypto_qp *qp, struct cpu_batch *b, struct rte_crypto_op **grp,
		      uint16_t k)
{
	_Atomic uint64_t *ctr = dp_op_priv(grp[0])->seq_ctr;
	struct rte_crypto_sym_vec vec = {
		.src_sgl = b->sgl, .iv = b->iv, .digest = b->digest, .aad = b->aad,
		.status = b->status,
	};
	union rte_crypto_sym_ofs ofs = { .raw = 0 };
	uint64_t seq = 0;
	uint16_t n = 0;

	if (ctr != NULL)
		seq = atomic_fetch_add_explicit(ctr, k, memory_order_relaxed);
	for (uint16_t j = 0; j < k; j++) {
		if (ctr != NULL && !draw_seq(grp[j], ++seq)) {
			grp[j]->status = RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
			continue;
		}
		b->status[n] = 0;
		ofs = entry(b, n++, grp[j]);
	}
	if (n == 0)
		return;
	vec.num = n;
	rte_cryptodev_sym_cpu_crypto_process(qp->dev_id, grp[0]->sym->session, ofs, &vec);
	verdicts(b, n);
}

void dp_crypto_cpu_run(struct dp_crypto_qp *qp, struct rte_crypto_op **ops, uint16_t n)
{
	struct rte_crypto_op *grp[DP_CRYPTO_BURST];
	struct cpu_batch b;
	uint64_t taken = 0;	/* bit i: ops[i] is in an earlier group */

	RTE_BUILD_BUG_ON(DP_CRYPTO_BURST > 64);
	if (n > DP_CRYPTO_BURST)
		n = DP_CRYPTO_BURST;	/* the stage never holds more */
	for (uint16_t i = 0; i < n; i++) {
		void *sess = ops[i]->sym->session;
		uint16_t k = 0;

		if (taken & (1ull << i))
			continue;
		/* Every later op of the same session joins this call. */
		grp[k++] = ops[i];
		for (uint16_t j = i + 1; j < n; j++)
			if (!(taken & (1ull << j)) && ops[j]->sym->session == sess) {
				taken |= 1ull << j;
				grp[k++] = ops[j];
			}
		run_group(qp, &b, grp, k);
	}
	qp->st.enq += n;
	qp->st.deq += n;
}
