/* SPDX-License-Identifier: BSD-3-Clause */
/* Record protection with OpenSSL (spec 6.5, S-24..S-27): the reference path. */
#ifndef VAM_RECORD_H
#define VAM_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "vam_drop.h"
#include "vam_keys.h"
#include "vam_suite.h"
#include "vam_wire.h"

/*
 * Build a whole datagram: header (its flags are set from the suite), then the
 * body protected with the sender's direction keys. iv is the CBC IV; NULL
 * draws one from the CSPRNG (S-24); ignored for other suites. Returns the
 * datagram length, or -1 if the suite is invalid or out is too small.
 */
long vam_seal(struct vam_suite s, const struct vam_dir_keys *k, const struct vam_hdr *h,
	      const uint8_t *pt, size_t pt_len, const uint8_t *iv, uint8_t *out, size_t cap);

/*
 * Check and remove the protection of a datagram whose header (first 16
 * bytes) was already checked: length, ICV or tag, padding (S-26, S-27), in
 * that order, in constant time for the ICV. The plaintext goes to pt (cap
 * bytes), which must not overlap dgram. Returns VAM_OK, VAM_DROP_SHORT,
 * VAM_DROP_INTEGRITY or VAM_DROP_DECRYPT (also for a pt too small, a
 * caller error the wire cannot cause when cap >= len).
 */
enum vam_drop vam_unseal(struct vam_suite s, const struct vam_dir_keys *k, const uint8_t *dgram,
			 size_t len, uint8_t *pt, size_t cap, size_t *pt_len);

/*
 * S-26's padding rule on ct_len decrypted CBC bytes at pt (whole blocks,
 * at least one): VAM_OK with the plaintext's length, or VAM_DROP_DECRYPT.
 * vam_unseal applies it; the data path's word-wise check is tested
 * against it.
 */
enum vam_drop vam_cbc_unpad(const uint8_t *pt, size_t ct_len, size_t *pt_len);

#endif
