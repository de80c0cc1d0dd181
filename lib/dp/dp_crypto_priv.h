/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared by crypto.c (setup, sessions) and crypto_op.c (per packet): not for users. */
#ifndef DP_CRYPTO_PRIV_H
#define DP_CRYPTO_PRIV_H

#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_crypto.h>
#include <rte_log.h>

#include "vam_suite.h"

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
	_Atomic uint64_t *seq_ctr;	/* encrypt: draw the seq from here when run (CPU mode) */
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
	enum dp_kind kind;
	uint8_t key;		/* cipher / AEAD key length */
	uint8_t ikey;		/* HMAC key length */
	uint8_t icv;		/* ICV or tag length */
};

/* Returns 0, or -EINVAL for a suite that is not valid (vam_suite_valid). */
static inline int dp_shape_of(struct vam_suite s, struct dp_shape *sh)
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

#endif
