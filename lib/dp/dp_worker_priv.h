/* SPDX-License-Identifier: BSD-3-Clause */
/* Private to the worker files: one pass's batches and the steps between them. */
#ifndef DP_WORKER_PRIV_H
#define DP_WORKER_PRIV_H

#include "dp_gw.h"
#include "dp_proto.h"

/* What a packet waits for in the crypto device. */
enum dp_stage { DP_ST_BOOT = 1, DP_ST_DEC, DP_ST_ENC };

/*
 * The most ops one pass can run: a decrypt and an encrypt (re-encryption,
 * or a ping's answer) per frame received on either port.
 */
#define DP_PASS_OPS (DP_BURST_MAX * 4)

/* Everything one pass collects before it flushes. */
struct dp_pass {
	struct dp_crypto_stage crypto;
	uint16_t n_done;			/* CPU mode: ops run, not yet completed */
	struct rte_crypto_op *done[DP_PASS_OPS];
	uint16_t n_tx[2];
	struct rte_mbuf *tx[2][DP_BURST_MAX * 2];
};

static inline void dp_count(struct dp_worker *w, enum vam_drop d)
{
	w->st.vam[d]++;
}

static inline void dp_drop(struct dp_worker *w, struct rte_mbuf *m, enum vam_drop d)
{
	w->st.vam[d]++;
	rte_pktmbuf_free(m);
}

static inline void dp_drop2(struct dp_worker *w, struct rte_mbuf *m, enum dp_drop d)
{
	w->st.dp[d]++;
	rte_pktmbuf_free(m);
}

/* Crypto ops from a per-worker cache refilled and drained in bulk. */
struct rte_crypto_op *dp_op_get(struct dp_worker *w);
void dp_op_put(struct dp_worker *w, struct rte_crypto_op *op);

/* Queue a finished frame for a port (0 outside, 1 LAN); flushed at the end of the pass. */
void dp_tx(struct dp_worker *w, struct dp_pass *ps, int port, struct rte_mbuf *m);
/* Stage an op; flushes the stage to the device when full. */
void dp_stage(struct dp_worker *w, struct dp_pass *ps, struct rte_crypto_op *op);
/* Hand a frame to the control lcore. */
void dp_to_ctl(struct dp_worker *w, struct rte_mbuf *m);

/* rx_out.c / rx_lan.c: one received frame each. */
void dp_rx_outside(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m);
void dp_rx_lan(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m);

/* fwd.c: after the crypto device. */
void dp_after_decrypt(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m, uint32_t off,
		      uint32_t len);
void dp_after_encrypt(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m, uint32_t off,
		      uint32_t len);
/* Seal the IPv4 packet at data offset off (len bytes) for session s and send it. */
void dp_encrypt_to(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m,
		   struct dp_session *s, uint32_t off, uint32_t len);

#endif
