/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Per-packet cryptodev work: op preparation on a VAM datagram inside an
 * mbuf, the verdict after dequeue, and the burst helpers. No allocation, no
 * lock, no syscall, no logging here: this runs on the workers.
 *
 * Layouts (spec 6.5), relative to the datagram at mbuf data offset off:
 *   AEAD       hdr(16) | ct | tag(16)            nonce = salt || hdr.seq, AAD = hdr
 *   CBC+HMAC   hdr(16) | iv(16) | ct | icv       auth = hdr..ct, cipher = ct
 *   integrity  hdr(16) | pt | icv                auth = hdr..pt
 */
#include <string.h>

#include <rte_branch_prediction.h>
#include <rte_cryptodev.h>
#include <rte_mbuf.h>

#include "dp_crypto.h"
#include "dp_crypto_priv.h"
#include "vam_wire.h"

#define CBC_HEAD (VAM_HDR_LEN + VAM_IV_LEN)

static inline const struct dp_op_priv *dp_op_cpriv(const struct rte_crypto_op *op)
{
	return (const struct dp_op_priv *)((const uint8_t *)op + DP_IV_OFFSET);
}

uint32_t dp_crypto_head_len(struct vam_suite s)
{
	struct dp_shape sh;

	if (dp_shape_of(s, &sh) < 0)
		return 0;
	return sh.kind == DP_K_CBC ? CBC_HEAD : VAM_HDR_LEN;
}

uint32_t dp_crypto_tail_len(struct vam_suite s, uint32_t pt_len)
{
	struct dp_shape sh;

	if (dp_shape_of(s, &sh) < 0)
		return 0;
	return dp_shape_tail(&sh, pt_len);
}

static inline void op_init(struct rte_crypto_op *op, struct rte_mbuf *m, void *sess,
			   const struct dp_shape *sh, uint32_t off, bool encrypt)
{
	struct dp_op_priv *p = dp_op_priv(op);

	op->status = RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
	op->sym->m_src = m;
	op->sym->m_dst = NULL;
	rte_crypto_op_attach_sym_session(op, sess);
	p->off = off;
	p->kind = (uint8_t)sh->kind;
	p->encrypt = encrypt;
	p->icv = sh->icv;
}

/* AEAD over hdr (AAD) and the n bytes after it; the tag follows them. */
static inline void set_aead(struct rte_crypto_op *op, struct rte_mbuf *m, uint32_t off, uint32_t n,
			    const uint8_t salt[VAM_SALT_LEN])
{
	struct rte_crypto_sym_op *y = op->sym;
	struct dp_op_priv *p = dp_op_priv(op);
	uint32_t tag = off + VAM_HDR_LEN + n;

	memcpy(p->iv, salt, VAM_SALT_LEN);
	memcpy(p->iv + VAM_SALT_LEN, rte_pktmbuf_mtod_offset(m, uint8_t *, off + 8), 8);
	y->aead.data.offset = off + VAM_HDR_LEN;
	y->aead.data.length = n;
	y->aead.digest.data = rte_pktmbuf_mtod_offset(m, uint8_t *, tag);
	y->aead.digest.phys_addr = rte_pktmbuf_iova_offset(m, tag);
	y->aead.aad.data = rte_pktmbuf_mtod_offset(m, uint8_t *, off);
	y->aead.aad.phys_addr = rte_pktmbuf_iova_offset(m, off);
}

/* HMAC over [off, off + n); the ICV follows. */
static inline void set_auth(struct rte_crypto_op *op, struct rte_mbuf *m, uint32_t off, uint32_t n)
{
	struct rte_crypto_sym_op *y = op->sym;

	y->auth.data.offset = off;
	y->auth.data.length = n;
	y->auth.digest.data = rte_pktmbuf_mtod_offset(m, uint8_t *, off + n);
	y->auth.digest.phys_addr = rte_pktmbuf_iova_offset(m, off + n);
}

static inline void set_cipher(struct rte_crypto_op *op, uint32_t off, uint32_t n)
{
	op->sym->cipher.data.offset = off;
	op->sym->cipher.data.length = n;
}

int dp_crypto_prep_decrypt(struct rte_crypto_op *op, struct rte_mbuf *m, uint32_t off,
			   uint32_t len, struct vam_suite s, void *sess, const uint8_t salt[4])
{
	struct dp_shape sh;
	uint32_t n = 0;
	int rc;

	if (unlikely(dp_shape_of(s, &sh) < 0 || sh.kind == DP_K_NONE || sess == NULL ||
		     !dp_in_mbuf(m, off, len)))
		return -EINVAL;
	rc = dp_dec_layout(&sh, len, &n);
	if (rc != 0)
		return rc;
	op_init(op, m, sess, &sh, off, false);
	dp_op_priv(op)->len = len;
	switch (sh.kind) {
	case DP_K_AEAD:
		set_aead(op, m, off, n, salt);
		return 0;
	case DP_K_CBC:
		memcpy(dp_op_priv(op)->iv, rte_pktmbuf_mtod_offset(m, uint8_t *, off + VAM_HDR_LEN),
		       VAM_IV_LEN);
		set_cipher(op, off + CBC_HEAD, n);
		set_auth(op, m, off, CBC_HEAD + n);
		return 0;
	default:
		set_auth(op, m, off, n);
		return 0;
	}
}

int dp_crypto_prep_encrypt(struct rte_crypto_op *op, struct rte_mbuf *m, uint32_t off,
			   uint32_t pt_len, struct vam_suite s, void *sess, const uint8_t salt[4],
			   const uint8_t iv[16])
{
	struct dp_shape sh;
	int64_t ct;

	if (unlikely(dp_shape_of(s, &sh) < 0 || sh.kind == DP_K_NONE || sess == NULL))
		return -EINVAL;
	ct = dp_enc_layout(&sh, m, off, pt_len, iv);
	if (ct < 0)
		return (int)ct;
	op_init(op, m, sess, &sh, off, true);
	dp_op_priv(op)->len = m->data_len - off;
	switch (sh.kind) {
	case DP_K_AEAD:
		set_aead(op, m, off, pt_len, salt);
		return 0;
	case DP_K_CBC:
		memcpy(dp_op_priv(op)->iv, iv, VAM_IV_LEN);
		set_cipher(op, off + CBC_HEAD, (uint32_t)ct);
		set_auth(op, m, off, CBC_HEAD + (uint32_t)ct);
		return 0;
	default:
		set_auth(op, m, off, VAM_HDR_LEN + pt_len);
		return 0;
	}
}

/* S-26, after the ICV passed and the device decrypted: the last n bytes all equal n, 1..16. */
static int cbc_unpad(const struct rte_crypto_op *op, const struct dp_op_priv *p,
		     uint32_t *pt_off, uint32_t *pt_len)
{
	const uint8_t *pt = rte_pktmbuf_mtod_offset(op->sym->m_src, const uint8_t *,
						    p->off + CBC_HEAD);
	int rc = dp_cbc_unpad(pt, p->len - CBC_HEAD - p->icv, pt_len);

	if (rc == VAM_OK)
		*pt_off = p->off + CBC_HEAD;
	return rc;
}

int dp_crypto_result(const struct rte_crypto_op *op, uint32_t *pt_off, uint32_t *pt_len)
{
	const struct dp_op_priv *p = dp_op_cpriv(op);

	if (unlikely(op->status != RTE_CRYPTO_OP_STATUS_SUCCESS))
		return op->status == RTE_CRYPTO_OP_STATUS_AUTH_FAILED ? VAM_DROP_INTEGRITY : -EIO;
	if (p->encrypt) {
		*pt_off = p->off;
		*pt_len = p->len;
		return VAM_OK;
	}
	if (p->kind == DP_K_CBC)
		return cbc_unpad(op, p, pt_off, pt_len);
	*pt_off = p->off + VAM_HDR_LEN;
	*pt_len = p->len - VAM_HDR_LEN - p->icv;
	return VAM_OK;
}

uint16_t dp_crypto_enqueue(struct dp_crypto_qp *qp, struct rte_crypto_op **ops, uint16_t n)
{
	uint32_t room = qp->max_inflight - qp->inflight;
	uint16_t want = n > room ? (uint16_t)room : n, k = 0;

	if (want)
		k = rte_cryptodev_enqueue_burst(qp->dev_id, qp->qp_id, ops, want);
	qp->inflight += k;
	qp->st.enq += k;
	if (k < n)
		qp->st.enq_short++;
	return k;
}

uint16_t dp_crypto_dequeue(struct dp_crypto_qp *qp, struct rte_crypto_op **ops, uint16_t cap)
{
	uint16_t k;

	if (qp->inflight == 0 || cap == 0)
		return 0;
	k = rte_cryptodev_dequeue_burst(qp->dev_id, qp->qp_id, ops, cap);
	qp->inflight -= k;
	qp->st.deq += k;
	return k;
}

uint16_t dp_crypto_flush(struct dp_crypto_qp *qp, struct dp_crypto_stage *st)
{
	uint16_t k;

	if (st->n == 0)
		return 0;
	k = dp_crypto_enqueue(qp, st->ops, st->n);
	if (k < st->n)
		memmove(st->ops, st->ops + k, (size_t)(st->n - k) * sizeof(st->ops[0]));
	st->n = (uint16_t)(st->n - k);
	return k;
}
