/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sealing DATA for a client: the inner packet stays where it is, the
 * datagram header and the outer headers are laid in front of it (in the
 * mbuf's headroom), the crypto device encrypts in place, and the frame
 * goes to the session's learnt address and MAC (S-46).
 */
#include "dp_worker_priv.h"
#include "vam_wire.h"

/* 16 unpredictable bytes for a CBC IV (S-24), from a bulk-refilled CSPRNG pool. */
static const uint8_t *next_iv(struct dp_worker *w)
{
	if (w->rnd_off + VAM_IV_LEN > sizeof(w->rnd)) {
		if (vam_random(w->rnd, sizeof(w->rnd)) != 0)
			return NULL;
		w->rnd_off = 0;
	}
	w->rnd_off += VAM_IV_LEN;
	return w->rnd + w->rnd_off - VAM_IV_LEN;
}

/* Most bytes a suite appends to a plaintext: a CBC padding block and the longest ICV. */
#define TAIL_MAX (VAM_BLOCK + VAM_ICV_MAX)

/* The DATA header to s's client (S-02, S-03): one 32-bit word, the id, the seq. */
static inline void put_hdr(uint8_t *p, const struct dp_session *s, uint64_t seq)
{
	vam_put32(p, (uint32_t)VAM_VERSION << 24 | (uint32_t)VAM_DATA << 16 |
		     (uint32_t)s->flags << 8);	/* code 0 */
	vam_put32(p + 4, s->peer_id);
	vam_put64(p + 8, seq);
}

void dp_encrypt_to(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m,
		   struct dp_session *s, uint32_t off, uint32_t len)
{
	bool cbc = s->suite.enc >= VAM_ENC_AES128_CBC && s->suite.enc <= VAM_ENC_AES256_CBC;
	uint32_t head = cbc ? VAM_HDR_LEN + VAM_IV_LEN : VAM_HDR_LEN;
	int64_t start = (int64_t)m->data_off + off - DP_OUTER_LEN - head;
	struct dp_mctx *mc = dp_mctx(m);
	const uint8_t *iv = NULL;
	uint64_t seq = 0;

	/* The tail's exact length is checked when the crypto job is laid out. */
	if (start < 0 || start + DP_OUTER_LEN + head + len + TAIL_MAX > m->buf_len) {
		dp_drop(w, m, VAM_DROP_TOO_LONG);
		return;
	}
	/* CPU mode draws the seqs of a batch together, when it runs (dp_cjob_encrypt). */
	if (s->tx_cs == NULL || !w->cpu) {
		seq = dp_session_next_seq(s);
		if (seq == 0) {
			dp_drop2(w, m, DP_D_SEQ_EXHAUSTED);
			return;
		}
	}
	m->data_off = (uint16_t)start;
	m->data_len = (uint16_t)(DP_OUTER_LEN + head + len);
	m->pkt_len = m->data_len;
	put_hdr(rte_pktmbuf_mtod_offset(m, uint8_t *, DP_OUTER_LEN), s, seq);
	mc->s = s;
	mc->stage = DP_ST_ENC;
	dp_tally(&w->out, &s->out, len);	/* the inner packet, as the in-counters */
	if (s->tx_cs == NULL) {		/* suite none */
		dp_after_encrypt(w, ps, m, DP_OUTER_LEN, VAM_HDR_LEN + len);
		return;
	}
	if (cbc && (iv = next_iv(w)) == NULL) {
		dp_drop2(w, m, DP_D_CRYPTO_ERR);
		return;
	}
	dp_seal(w, ps, m, s, len, iv);
}

void dp_after_encrypt(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m, uint32_t off,
		      uint32_t len)
{
	struct dp_session *s = dp_mctx(m)->s;
	uint64_t peer = atomic_load_explicit(&s->peer, memory_order_relaxed);
	uint64_t mac = atomic_load_explicit(&s->peer_mac, memory_order_relaxed);

	(void)off;
	if (peer == 0 || mac == 0) {
		dp_drop2(w, m, DP_D_NO_NEIGH);
		return;
	}
	dp_outer_write(m, &w->outer, (uint16_t)len, mac, (uint32_t)(peer >> 16), (uint16_t)peer);
	w->st.data_tx++;
	dp_tx(w, ps, 0, m);
}
