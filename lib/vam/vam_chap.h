/* SPDX-License-Identifier: BSD-3-Clause */
/* CHAP with MD5 (RFC 1994, spec 7, S-40). */
#ifndef VAM_CHAP_H
#define VAM_CHAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VAM_CHAP_CHALLENGE_LEN 16

/* out = id || MD5(id || password || challenge). Returns 0 or -1. */
int vam_chap_response(uint8_t id, const uint8_t *password, size_t pw_len,
		      const uint8_t challenge[VAM_CHAP_CHALLENGE_LEN], uint8_t out[17]);

/* Constant-time check of a 17-byte response against the expected one. */
bool vam_chap_verify(uint8_t id, const uint8_t *password, size_t pw_len,
		     const uint8_t challenge[VAM_CHAP_CHALLENGE_LEN], const uint8_t response[17]);

#endif
