/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CPU mode: crypto on the worker's own core through
 * rte_cryptodev_sym_cpu_crypto_process, one call per session among a
 * batch of jobs, instead of ops enqueued on and dequeued from a queue pair.
 * Same sessions, same length rules and verdicts as crypto_op.c (shared in
 * dp_crypto_priv.h); a batch's encryptions for one session draw their seqs
 * together. The call is experimental in 22.11, hence the opt-in here only.
 *
 * Per packet: no allocation, no lock, no syscall, no logging.
 */
#define ALLOW_EXPERIMENTAL_API 1

#include <errno.h>
#include <stdatomic.h>
#include <string.h>

#include <rte_cryptodev.h>
#include <rte_mbuf.h>

#include "dp_crypto.h"
#include "dp_crypto_priv.h"
#include "vam_wire.h"

#define CBC_HEAD (VAM_HDR_LEN + VAM_IV_LEN)

static inline void job_init(struct dp_cjob *j, struct rte_mbuf *m, void *sess,
			    const struct dp_shape *sh, uint32_t off, bool encrypt)
{
	j->m = m;
	j->sess = sess;
	j->seq_ctr = NULL;
	j->off = off;
	j->kind = (uint8_t)sh->kind;
	j->encrypt = encrypt;
	j->icv = sh->icv;
	j->cipher_head = 0;
	j->status = 0;
}

/* n bytes after the header: AEAD payload, CBC ciphertext (after the IV), or authenticated. */
static inline void job_layout(struct dp_cjob *j, uint8_t *hdr, uint32_t n, const uint8_t salt[4])
{
	switch (j->kind) {
	case DP_K_AEAD:
		memcpy(j->iv, salt, VAM_SALT_LEN);
		memcpy(j->iv + VAM_SALT_LEN, hdr + 8, 8);
		j->buf = hdr + VAM_HDR_LEN;
		j->buf_len = n;
		j->digest = hdr + VAM_HDR_LEN + n;
		break;
	case DP_K_CBC:
		memcpy(j->iv, hdr + VAM_HDR_LEN, VAM_IV_LEN);
		j->buf = hdr;
		j->buf_len = CBC_HEAD + n;
		j->cipher_head = CBC_HEAD;
		j->digest = hdr + CBC_HEAD + n;
		break;
	default:
		j->buf = hdr;
		j->buf_len = n;
		j->digest = hdr + n;
		break;
	}
}

int dp_cjob_decrypt(struct dp_cjob *j, struct rte_mbuf *m, uint32_t off, uint32_t len,
		    struct vam_suite s, void *sess, const uint8_t salt[4])
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
	job_init(j, m, sess, &sh, off, false);
	j->len = len;
	job_layout(j, rte_pktmbuf_mtod_offset(m, uint8_t *, off), n, salt);
	return 0;
}

int dp_cjob_encrypt(struct dp_cjob *j, struct rte_mbuf *m, uint32_t off, uint32_t pt_len,
		    struct vam_suite s, void *sess, const uint8_t salt[4], const uint8_t iv[16],
		    _Atomic uint64_t *seq_ctr)
{
	struct dp_shape sh;
	int64_t ct;

	if (unlikely(dp_shape_of(s, &sh) < 0 || sh.kind == DP_K_NONE || sess == NULL))
		return -EINVAL;
	ct = dp_enc_layout(&sh, m, off, pt_len, iv);
	if (ct < 0)
		return (int)ct;
	job_init(j, m, sess, &sh, off, true);
	j->len = m->data_len - off;
	/* Integrity only: the ICV covers the header too. */
	job_layout(j, rte_pktmbuf_mtod_offset(m, uint8_t *, off),
		   sh.kind == DP_K_AUTH ? VAM_HDR_LEN + pt_len : (uint32_t)ct, salt);
	j->seq_ctr = seq_ctr;
	return 0;
}

int dp_cjob_result(const struct dp_cjob *j, uint32_t *pt_off, uint32_t *pt_len)
{
	if (unlikely(j->status != 0))
		return j->status == EBADMSG ? VAM_DROP_INTEGRITY :
		       j->status == ERANGE ? -ERANGE : -EIO;
	if (j->encrypt) {
		*pt_off = j->off;
		*pt_len = j->len;
		return VAM_OK;
	}
	if (j->kind == DP_K_CBC) {
		int rc = dp_cbc_unpad(j->buf + CBC_HEAD, j->buf_len - CBC_HEAD, pt_len);

		if (rc == VAM_OK)
			*pt_off = j->off + CBC_HEAD;
		return rc;
	}
	*pt_off = j->off + VAM_HDR_LEN;
	*pt_len = j->len - VAM_HDR_LEN - j->icv;
	return VAM_OK;
}

/* The arrays one rte_crypto_sym_vec points into. */
struct cpu_call {
	struct rte_crypto_vec data[DP_CJOB_BATCH];
	struct rte_crypto_sgl sgl[DP_CJOB_BATCH];
	struct rte_crypto_va_iova_ptr iv[DP_CJOB_BATCH];
	struct rte_crypto_va_iova_ptr digest[DP_CJOB_BATCH];
	struct rte_crypto_va_iova_ptr aad[DP_CJOB_BATCH];
	int32_t status[DP_CJOB_BATCH];
	struct dp_cjob *job[DP_CJOB_BATCH];
};

/* A deferred seq into the header (and the AEAD nonce); false: 2^63 reached, do not run. */
static inline bool draw_seq(struct dp_cjob *j, uint64_t seq)
{
	uint8_t *hdr = rte_pktmbuf_mtod_offset(j->m, uint8_t *, j->off);

	if (unlikely(seq >= UINT64_C(1) << 63)) {
		j->status = ERANGE;
		return false;
	}
	vam_put64(hdr + 8, seq);
	if (j->kind == DP_K_AEAD)
		memcpy(j->iv + VAM_SALT_LEN, hdr + 8, 8);
	return true;
}

static inline void add(struct cpu_call *c, uint16_t i, struct dp_cjob *j)
{
	c->job[i] = j;
	c->data[i].base = j->buf;
	c->data[i].len = j->buf_len;
	c->sgl[i].vec = &c->data[i];
	c->sgl[i].num = 1;
	c->iv[i].va = j->iv;
	c->digest[i].va = j->digest;
	c->aad[i].va = j->kind == DP_K_AEAD ? j->buf - VAM_HDR_LEN : NULL;	/* the header */
	c->status[i] = 0;
}

/*
 * The device call for c's first n jobs, all of session sess: statuses that
 * disagree with the device's count fail closed (dp_cpu_verdicts); each job
 * gets its own.
 */
static void device_call(uint8_t dev_id, void *sess, uint32_t cipher_head, struct cpu_call *c,
			uint16_t n)
{
	struct rte_crypto_sym_vec vec = {
		.num = n, .src_sgl = c->sgl, .iv = c->iv, .digest = c->digest, .aad = c->aad,
		.status = c->status,
	};
	union rte_crypto_sym_ofs ofs = { .raw = 0 };

	ofs.ofs.cipher.head = cipher_head;
	dp_cpu_verdicts(c->status, n, rte_cryptodev_sym_cpu_crypto_process(dev_id, sess, ofs, &vec));
	for (uint16_t i = 0; i < n; i++)
		c->job[i]->status = c->status[i];
}

/* One device call for the k jobs of one session in grp[]. */
static void run_group(struct dp_crypto_qp *qp, struct cpu_call *c, struct dp_cjob **grp,
		      uint16_t k)
{
	_Atomic uint64_t *ctr = grp[0]->seq_ctr;
	uint64_t seq = 0;
	uint16_t n = 0;

	if (ctr != NULL)
		seq = atomic_fetch_add_explicit(ctr, k, memory_order_relaxed);
	for (uint16_t i = 0; i < k; i++)
		if (ctr == NULL || draw_seq(grp[i], ++seq))
			add(c, n++, grp[i]);
	if (n > 0)
		device_call(qp->dev_id, grp[0]->sess, grp[0]->cipher_head, c, n);
}

/* True when jobs[0 .. n) all belong to one session; grp[] then lists them in order. */
static inline bool one_session(struct dp_cjob *jobs, uint16_t n, struct dp_cjob **grp)
{
	for (uint16_t i = 0; i < n; i++) {
		if (jobs[i].sess != jobs[0].sess)
			return false;
		grp[i] = &jobs[i];
	}
	return true;
}

void dp_cjob_run(struct dp_crypto_qp *qp, struct dp_cjob *jobs, uint16_t n)
{
	struct dp_cjob *grp[DP_CJOB_BATCH];
	struct cpu_call c;
	uint64_t taken = 0;	/* bit i: jobs[i] is in an earlier group */

	RTE_BUILD_BUG_ON(DP_CJOB_BATCH > 64);
	if (n > DP_CJOB_BATCH)
		n = DP_CJOB_BATCH;	/* callers chunk; never more */
	qp->st.enq += n;
	qp->st.deq += n;
	/* A batch often holds one session (a flow per RSS queue): one call, no pairwise scan. */
	if (one_session(jobs, n, grp)) {
		run_group(qp, &c, grp, n);
		return;
	}
	for (uint16_t i = 0; i < n; i++) {
		void *sess = jobs[i].sess;
		uint16_t k = 0;

		if (taken & (1ull << i))
			continue;
		/* Every later job of the same session joins this call. */
		grp[k++] = &jobs[i];
		for (uint16_t j = i + 1; j < n; j++)
			if (!(taken & (1ull << j)) && jobs[j].sess == sess) {
				taken |= 1ull << j;
				grp[k++] = &jobs[j];
			}
		run_group(qp, &c, grp, k);
	}
}

int dp_cjob_warm(const struct dp_cryptodev *d)
{
	uint8_t buf[VAM_HDR_LEN + VAM_BLOCK + VAM_TAG_LEN] = { 0 };
	struct dp_cjob j = {
		.kind = DP_K_AEAD, .encrypt = true, .icv = VAM_TAG_LEN,
		.buf = buf + VAM_HDR_LEN, .buf_len = VAM_BLOCK,
		.digest = buf + VAM_HDR_LEN + VAM_BLOCK,
	};
	struct cpu_call c;

	if (!d->cpu || d->warm == NULL)
		return 0;
	add(&c, 0, &j);		/* the packets' own path, on a zero block */
	device_call(d->dev_id, d->warm, 0, &c, 1);
	if (j.status == 0)
		return 0;
	DP_LOG(ERR, "%s: CPU crypto fails on lcore %u (status %d): its jobs will be dropped",
	       d->name, rte_lcore_id(), (int)j.status);
	return -EIO;
}
