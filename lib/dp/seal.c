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

void dp_encrypt_to(struct dp_worker *w, struct dp_pass *ps, struct rte_mbuf *m,
		   struct dp_session *s, uint32_t off, uint32_t len)
{
	uint32_t head = dp_crypto_head_len(s->suite), tail = dp_crypto_tail_len(s->suite, len);
	int64_t start = (int64_t)m->data_off + off - DP_OUTER_LEN - head;
	struct dp_mctx *mc = dp_mctx(m);
	const uint8_t *iv = NULL;
	struct vam_hdr h = { VAM_VERSION, VAM_DATA, s->flags, 0, s->peer_id, 0 };

	if (start < 0 || start + DP_OUTER_LEN + head + len + tail > m->buf_len) {
		dp_drop(w, m, VAM_DROP_TOO_LONG);
		return;
	}
	/* CPU mode draws the seqs of a batch together, when it runs (dp_cjob_encrypt). */
	if (s->tx_cs == NULL || !w->cpu) {
		h.seq = dp_session_next_seq(s);
		if (h.seq == 0) {
			dp_drop2(w, m, DP_D_SEQ_EXHAUSTED);
			return;
		}
	}
	m->data_off = (uint16_t)start;
	m->data_len = (uint16_t)(DP_OUTER_LEN + head + len);
	m->pkt_len = m->data_len;
	vam_hdr_encode(&h, rte_pktmbuf_mtod_offset(m, uint8_t *, DP_OUTER_LEN));
	mc->s = s;
	mc->stage = DP_ST_ENC;
	if (s->tx_cs == NULL) {		/* suite none */
		dp_after_encrypt(w, ps, m, DP_OUTER_LEN, VAM_HDR_LEN + len);
		return;
	}
	if (s->suite.enc >= VAM_ENC_AES128_CBC && s->suite.enc <= VAM_ENC_AES256_CBC &&
	    (iv = next_iv(w)) == NULL) {
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
	dp_count_add(&s->tx_pkts, 1);
	dp_count_add(&s->tx_bytes, len);
	w->st.data_tx++;
	dp_tx(w, ps, 0, m);
}
