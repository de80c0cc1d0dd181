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
	struct dp_crypto_stage crypto;		/* queue-pair mode: ops to enqueue */
	uint16_t n_jobs, n_run;			/* CPU mode: jobs queued, jobs run */
	struct dp_cjob jobs[DP_PASS_OPS];
	uint16_t n_tx[2];
	struct rte_mbuf *tx[2][DP_BURST_MAX * 2];
};

/* Add a run's sums to its session: two locked adds per run, not per packet. */
static inline void dp_tally_flush(struct dp_tally *t)
{
	if (t->pkts == 0)
		return;
	atomic_fetch_add_explicit(&t->c->pkts, t->pkts, memory_order_relaxed);
	atomic_fetch_add_explicit(&t->c->bytes, t->bytes, memory_order_relaxed);
	t->pkts = t->bytes = 0;
}

/*
 * Count one packet of len bytes on c. Exact whichever cores serve the
 * session; flushed when the session changes and at the end of the pass,
 * before the quiescent report, so c never outlives its session.
 */
static inline void dp_tally(struct dp_tally *t, struct dp_traffic *c, uint32_t len)
{
	if (c != t->c) {
		dp_tally_flush(t);
		t->c = c;
	}
	t->pkts++;
	t->bytes += len;
}

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

/* worker_crypto.c. Queue-pair mode: ops from a per-worker cache refilled and drained in bulk. */
struct rte_crypto_op *dp_op_get(struct dp_worker *w);
void dp_op_put(struct dp_worker *w, struct rte_crypto_op *op);

/* Queue a finished frame for a port (0 outside, 1 LAN); flushed at the end of the pass. */
void dp_tx(struct dp_worker *w, struct dp_pass *ps, int port, struct rte_mbuf *m);
/*
 * Queue the opening (decrypt and/or verify) of the datagram at [off,
 * off + len) with crypto session cs; stage (enum dp_stage) says what
 * follows. Drops and counts on failure.
 */
void dp_open(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m, uint32_t off,
	     uint32_t len, struct vam_suite su, void *cs, const uint8_t *salt, uint8_t stage);
/*
 * Queue the sealing for s of the datagram at DP_OUTER_LEN whose header is
 * written and whose pt_len bytes of plaintext follow it (and the CBC IV
 * room). In CPU mode the header's seq is drawn when the batch runs.
 */
void dp_seal(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m, struct dp_session *s,
	     uint32_t pt_len, const uint8_t *iv);
/* Run everything queued in the pass to completion, each packet to its next step. */
void dp_run_crypto(struct dp_worker *w, struct dp_pass *ps);
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
