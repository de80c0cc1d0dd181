/* SPDX-License-Identifier: BSD-3-Clause */
/* The crypto state of one established session, as one side holds it (spec 6.4, 6.5). */
#ifndef VAM_SESSION_H
#define VAM_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "vam_keys.h"
#include "vam_replay.h"
#include "vam_rx.h"
#include "vam_suite.h"
#include "vam_wire.h"

/*
 * Keys of both channels, the send counters and the receive windows. Used
 * by clients and by the control lcore (ctrl channel); the data path keeps
 * its own copy of the data channel in its tables.
 */
struct vam_session {
	enum vam_side side;		/* who holds this: selects the directions */
	struct vam_suite suite;
	uint32_t peer_id;		/* the `id` of every header we send */
	struct vam_chan_keys keys[2];	/* VAM_KEYS_CTRL, VAM_KEYS_DATA */
	uint64_t tx_seq[2];		/* last seq sent per channel */
	struct vam_replay rx[2];
};

void vam_session_init(struct vam_session *s, enum vam_side side, struct vam_suite suite,
		      uint32_t peer_id, const struct vam_chan_keys keys[2]);

/*
 * Seal one message with the next seq of channel ch (S-04: every datagram,
 * retransmissions included, takes a new seq). Returns the datagram length,
 * or -1 (buffer too small, or the counter reached 2^63 - 1: re-initialize).
 */
long vam_session_seal(struct vam_session *s, enum vam_key_chan ch, uint8_t type, uint8_t code,
		      const uint8_t *pt, size_t pt_len, uint8_t *out, size_t cap);

/* Open a received session message (S-29 steps 5..9) with the peer's keys. */
enum vam_drop vam_session_open(struct vam_session *s, enum vam_key_chan ch,
			       const struct vam_hdr *h, const uint8_t *dgram, size_t len,
			       uint8_t *pt, size_t cap, size_t *pt_len, enum vam_replay_res *res);

/* Forget the keys (wipe). */
void vam_session_wipe(struct vam_session *s);

#endif
