/* SPDX-License-Identifier: BSD-3-Clause */
/* The receive order of S-29 for one datagram, once the receiver knows its keys. */
#ifndef VAM_RX_H
#define VAM_RX_H

#include <stddef.h>
#include <stdint.h>

#include "vam_drop.h"
#include "vam_keys.h"
#include "vam_replay.h"
#include "vam_suite.h"
#include "vam_wire.h"

/* What a session receiver needs for one channel and direction. */
struct vam_rx_keys {
	struct vam_suite suite;
	const struct vam_dir_keys *keys;	/* the peer's sending direction */
	struct vam_replay *win;
};

/*
 * Steps 5..9 of S-29 for a session message (everything but INIT_REQ and
 * INIT_RESP) whose header passed vam_hdr_check and whose session was found:
 * flags against the suite, replay pre-check, length/ICV/tag/padding, window
 * update, then the request-code rule. *res says whether the window's top
 * advanced (the only packets that may move a peer's address, S-30).
 */
enum vam_drop vam_rx_session(const struct vam_rx_keys *rk, const struct vam_hdr *h,
			     const uint8_t *dgram, size_t len, uint8_t *pt, size_t cap,
			     size_t *pt_len, enum vam_replay_res *res);

/*
 * Steps 5, 7 and 9 for INIT_REQ / INIT_RESP under a domain's boot keys:
 * flags 0x03, CBC + HMAC, then seq 0 and (INIT_REQ) code 0.
 */
enum vam_drop vam_rx_boot(const struct vam_dir_keys *boot, const struct vam_hdr *h,
			  const uint8_t *dgram, size_t len, uint8_t *pt, size_t cap,
			  size_t *pt_len);

#endif
