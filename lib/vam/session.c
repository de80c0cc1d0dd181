/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include "vam_record.h"
#include "vam_session.h"

void vam_session_init(struct vam_session *s, enum vam_side side, struct vam_suite suite,
		      uint32_t peer_id, const struct vam_chan_keys keys[2])
{
	s->side = side;
	s->suite = suite;
	s->peer_id = peer_id;
	memcpy(s->keys, keys, sizeof(s->keys));
	for (int ch = 0; ch < 2; ch++) {
		s->tx_seq[ch] = 0;
		vam_replay_init(&s->rx[ch]);
	}
}

static const struct vam_dir_keys *tx_keys(const struct vam_session *s, enum vam_key_chan ch)
{
	return s->side == VAM_SIDE_CLIENT ? &s->keys[ch].c2s : &s->keys[ch].s2c;
}

static const struct vam_dir_keys *rx_keys(const struct vam_session *s, enum vam_key_chan ch)
{
	return s->side == VAM_SIDE_CLIENT ? &s->keys[ch].s2c : &s->keys[ch].c2s;
}

long vam_session_seal(struct vam_session *s, enum vam_key_chan ch, uint8_t type, uint8_t code,
		      const uint8_t *pt, size_t pt_len, uint8_t *out, size_t cap)
{
	struct vam_hdr h = { VAM_VERSION, type, 0, code, s->peer_id, 0 };

	if (s->tx_seq[ch] >= VAM_SEQ_MAX - 1)
		return -1;
	h.seq = ++s->tx_seq[ch];
	return vam_seal(s->suite, tx_keys(s, ch), &h, pt, pt_len, NULL, out, cap);
}

enum vam_drop vam_session_open(struct vam_session *s, enum vam_key_chan ch,
			       const struct vam_hdr *h, const uint8_t *dgram, size_t len,
			       uint8_t *pt, size_t cap, size_t *pt_len, enum vam_replay_res *res)
{
	struct vam_rx_keys rk = { s->suite, rx_keys(s, ch), &s->rx[ch] };

	return vam_rx_session(&rk, h, dgram, len, pt, cap, pt_len, res);
}

void vam_session_wipe(struct vam_session *s)
{
	vam_wipe(s->keys, sizeof(s->keys));
}
