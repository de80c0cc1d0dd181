/* SPDX-License-Identifier: BSD-3-Clause */
/* Per-message schemas: which attributes each message needs (spec 5, S-05, S-39). */
#ifndef VAM_MSG_H
#define VAM_MSG_H

#include <stdint.h>

#include "vam_drop.h"
#include "vam_tlv.h"

/*
 * Check that a decoded body holds what message `type` with `code` requires.
 * Responses with a non-zero code follow the "code != 0" column; INVALID
 * carries only an optional REASON. DATA has no TLV body and is not checked
 * here. Returns VAM_OK or VAM_DROP_MALFORMED (*why names the rule).
 */
enum vam_drop vam_msg_check(uint8_t type, uint8_t code, const struct vam_attrs *at,
			    const char **why);

/* Parse then check: the whole TLV step (S-29 step 11) of one message. */
enum vam_drop vam_msg_parse(uint8_t type, uint8_t code, const uint8_t *body, size_t len,
			    struct vam_attrs *at, const char **why);

#endif
