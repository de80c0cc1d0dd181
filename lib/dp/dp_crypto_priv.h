/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared by crypto.c (setup, sessions) and crypto_op.c (per packet): not for users. */
#ifndef DP_CRYPTO_PRIV_H
#define DP_CRYPTO_PRIV_H

#include <errno.h>
#include <stdint.h>

#include <stdbool.h>
#include <string.h>

#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_common.h>
#include <rte_crypto.h>
#include <rte_log.h>
#include <rte_mbuf.h>

#include "vam_drop.h"
#include "vam_suite.h"
#include "vam_wire.h"

extern int dp_crypto_logtype;
/* Control path only; the per-packet functions never log. */
#define DP_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, dp_crypto_logtype, "vamgw.dp: " fmt "\n", ##__VA_ARGS__)

/* Where the PMD reads the IV / nonce: the op's private area, after the sym op. */
#define DP_IV_OFFSET	(sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))
#define DP_AEAD_IV_LEN	12
#define DP_AAD_LEN	16

enum dp_kind { DP_K_NONE, DP_K_AUTH, DP_K_CBC, DP_K_AEAD };

/* The op's private area. iv must stay first: the sessions point at DP_IV_OFFSET. */
struct dp_op_priv {
	uint8_t iv[VAM_IV_LEN];	/* CBC IV, or AEAD nonce (12 bytes) */
	uint32_t off;		/* datagram data offset in the mbuf */
	uint32_t len;		/* datagram length (input for decrypt, output for encrypt) */
	uint8_t kind;		/* enum dp_kind */
	uint8_t encrypt;
	uint8_t icv;		/* ICV or tag length */
};

#define DP_OP_PRIV_SIZE	((uint16_t)sizeof(struct dp_op_priv))

static inline struct dp_op_priv *dp_op_priv(struct rte_crypto_op *op)
{
	return rte_crypto_op_ctod_offset(op, struct dp_op_priv *, DP_IV_OFFSET);
}

/* What a suite needs from the device, without table lookups. */
struct dp_shape {
	uint8_t kind;		/* enum dp_kind; a byte keeps the shape one 32-bit load */
	uint8_t key;		/* cipher / AEAD key length */
	uint8_t ikey;		/* HMAC key length */
	uint8_t icv;		/* ICV or tag length */
};

/* The rules behind dp_shape_of's table (crypto.c builds it at start-up). */
static inline int dp_shape_compute(struct vam_suite s, struct dp_shape *sh)
{
	static const uint8_t ikeys[] = { 0, 0, 20, 32, 48, 64 }, icvs[] = { 0, 0, 12, 16, 24, 32 };

	if (s.integ >= RTE_DIM(ikeys) || s.integ == 1)
		return -EINVAL;
	sh->ikey = ikeys[s.integ];
	sh->icv = icvs[s.integ];
	switch (s.enc) {
	case VAM_ENC_NONE:
		sh->kind = s.integ ? DP_K_AUTH : DP_K_NONE;
		sh->key = 0;
		return 0;
	case VAM_ENC_AES128_CBC:
	case VAM_ENC_AES192_CBC:
	case VAM_ENC_AES256_CBC:
		sh->kind = DP_K_CBC;
		sh->key = (uint8_t)(16 + 8 * (s.enc - VAM_ENC_AES128_CBC));
		return s.integ ? 0 : -EINVAL;
	case VAM_ENC_AES128_GCM:
	case VAM_ENC_AES256_GCM:
	case VAM_ENC_CHACHA20_POLY1305:
		sh->kind = DP_K_AEAD;
		sh->key = s.enc == VAM_ENC_AES128_GCM ? 16 : 32;
		sh->icv = VAM_TAG_LEN;
		sh->ikey = 0;
		return s.integ ? -EINVAL : 0;
	default:
		return -EINVAL;
	}
}

#define DP_SHAPE_ENC	(VAM_ENC_CHACHA20_POLY1305 + 1)
#define DP_SHAPE_INTEG	8
#define DP_K_INVALID	0xff

/* Every (enc, integ) pair's shape; kind DP_K_INVALID for an invalid suite. */
extern struct dp_shape dp_shape_tab[DP_SHAPE_ENC][DP_SHAPE_INTEG];

/* Returns 0, or -EINVAL for a suite that is not valid (vam_suite_valid). A table lookup. */
static inline int dp_shape_of(struct vam_suite s, struct dp_shape *sh)
{
	if (unlikely(s.enc >= DP_SHAPE_ENC || s.integ >= DP_SHAPE_INTEG))
		return -EINVAL;
	*sh = dp_shape_tab[s.enc][s.integ];
	return sh->kind == DP_K_INVALID ? -EINVAL : 0;
}

/*
 * The receive-side length rules (S-26, S-27) and layout, shared by the op
 * and the job paths. len: the whole datagram. Returns 0 with *n set (AEAD:
 * payload bytes before the tag; CBC: ciphertext bytes; integrity only:
 * bytes the ICV covers, header included), or a positive enum vam_drop.
 */
static inline int dp_dec_layout(const struct dp_shape *sh, uint32_t len, uint32_t *n)
{
	uint32_t blen;

	if (len < VAM_HDR_LEN)
		return VAM_DROP_SHORT;
	blen = len - VAM_HDR_LEN;
	switch (sh->kind) {
	case DP_K_AEAD:
		if (blen < VAM_TAG_LEN)
			return VAM_DROP_SHORT;
		*n = blen - VAM_TAG_LEN;
		return 0;
	case DP_K_CBC:
		/* S-26: short, then whole blocks; the ICV and the padding need the device. */
		if (blen < (uint32_t)(VAM_IV_LEN + VAM_BLOCK + sh->icv))
			return VAM_DROP_SHORT;
		*n = blen - VAM_IV_LEN - sh->icv;
		return *n % VAM_BLOCK ? VAM_DROP_DECRYPT : 0;
	default:
		if (blen < sh->icv)
			return VAM_DROP_SHORT;
		*n = len - sh->icv;
		return 0;
	}
}

/* A single-segment mbuf holding [off, off + len): what both paths require. */
static inline bool dp_in_mbuf(const struct rte_mbuf *m, uint32_t off, uint32_t len)
{
	return m->nb_segs == 1 && off <= m->data_len && len <= m->data_len - off;
}

/* Bytes after a plaintext of pt_len bytes: CBC padding, then the ICV or tag. */
static inline uint32_t dp_shape_tail(const struct dp_shape *sh, uint32_t pt_len)
{
	if (sh->kind == DP_K_CBC)
		return VAM_BLOCK - pt_len % VAM_BLOCK + sh->icv;
	return sh->icv;
}

/*
 * Send side, the plaintext in place after the header (and the IV room for
 * CBC) at data offset off: check the room, write the CBC IV and padding,
 * set the mbuf to end with the datagram. Returns the bytes to encrypt
 * (CBC: padded) or a negative errno (-EINVAL: the plaintext is not in the
 * mbuf; -ENOSPC: no room for the tail).
 */
static inline int64_t dp_enc_layout(const struct dp_shape *sh, struct rte_mbuf *m, uint32_t off,
				    uint32_t pt_len, const uint8_t iv[16])
{
	uint32_t head = sh->kind == DP_K_CBC ? VAM_HDR_LEN + VAM_IV_LEN : VAM_HDR_LEN, ct;
	uint64_t end = (uint64_t)off + head + pt_len;
	uint8_t *p;

	if (unlikely(m->nb_segs != 1 || end > m->data_len))
		return -EINVAL;
	end += dp_shape_tail(sh, pt_len);
	if (unlikely(end > (uint64_t)m->buf_len - m->data_off))
		return -ENOSPC;
	m->data_len = (uint16_t)end;
	m->pkt_len = (uint32_t)end;
	if (sh->kind != DP_K_CBC)
		return pt_len;
	ct = pt_len + VAM_BLOCK - pt_len % VAM_BLOCK;
	p = rte_pktmbuf_mtod_offset(m, uint8_t *, off + VAM_HDR_LEN);
	memcpy(p, iv, VAM_IV_LEN);
	memset(p + VAM_IV_LEN + pt_len, (int)(ct - pt_len), ct - pt_len);
	return ct;
}

/*
 * After a CPU-crypto call over n jobs whose statuses the caller set to 0:
 * the device's count of successes (ok) must match the statuses it left at
 * 0. A PMD that returns early (aesni_mb when it cannot allocate its
 * per-lcore manager) leaves them all at 0; then every such job fails with
 * EIO instead of passing unverified.
 */
static inline void dp_cpu_verdicts(int32_t *st, uint16_t n, uint32_t ok)
{
	uint32_t zero = 0;

	for (uint16_t i = 0; i < n; i++)
		zero += st[i] == 0;
	if (likely(zero == ok))
		return;
	for (uint16_t i = 0; i < n; i++)
		if (st[i] == 0)
			st[i] = EIO;
}

/*
 * S-26, after the ICV passed and the device decrypted ct bytes at pt: the
 * padding. The last block is checked as two 64-bit words against the pad
 * byte repeated, under a mask of the pad's own bytes, instead of a loop
 * of up to 16 byte compares (about 20 cycles less per 64 B CBC packet).
 */
static inline int dp_cbc_unpad(const uint8_t *pt, uint32_t ct, uint32_t *pt_len)
{
	const uint8_t *b;
	uint64_t lo, hi, fill, mlo, mhi;
	uint8_t pad;

	if (unlikely(ct < VAM_BLOCK))
		return VAM_DROP_DECRYPT;
	b = pt + ct - VAM_BLOCK;
	pad = b[VAM_BLOCK - 1];
	if (pad < 1 || pad > VAM_BLOCK)
		return VAM_DROP_DECRYPT;
	memcpy(&lo, b, 8);
	memcpy(&hi, b + 8, 8);
	lo = rte_le_to_cpu_64(lo);	/* byte k of the block is bits 8k.. of its word */
	hi = rte_le_to_cpu_64(hi);
	fill = pad * UINT64_C(0x0101010101010101);
	/* Byte k (0..15) of the block is padding when k >= 16 - pad. */
	mhi = pad >= 8 ? UINT64_MAX : UINT64_MAX << (8 * (8 - pad));
	mlo = pad <= 8 ? 0 : UINT64_MAX << (8 * (16 - pad));
	if (((lo ^ fill) & mlo) | ((hi ^ fill) & mhi))
		return VAM_DROP_DECRYPT;
	*pt_len = ct - pad;
	return VAM_OK;
}

#endif
