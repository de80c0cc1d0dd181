/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Helpers shared by the unit tests: hex, JSON vector files, addresses, and the
 * record-protection restatement of the spec's suite tables with hand-built
 * datagrams.
 */
#ifndef VAM_TESTUTIL_H
#define VAM_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <check.h>
#include <cjson/cJSON.h>
#include <openssl/evp.h>

#include "vam_keys.h"
#include "vam_suite.h"
#include "vam_wire.h"

#define ck_mem(a, b, n, what) ck_assert_msg(memcmp((a), (b), (n)) == 0, "%s differs", what)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
/* Bit t of a presence or code mask. */
#define B(t) (1u << (t))

/* Room for any datagram the record tests build. */
#define DG_MAX	(VAM_HDR_LEN + 1500 + 2 * VAM_BLOCK + VAM_ICV_MAX)

/* Decode lowercase/uppercase hex into out (cap bytes); returns the length, aborts the test on bad input. */
size_t tu_hex(const char *hex, uint8_t *out, size_t cap);
/* Hex of a JSON string member; "" and null give 0 bytes. */
size_t tu_hexj(const cJSON *obj, const char *key, uint8_t *out, size_t cap);
/* Load tests/vectors/<name> (directory from $VAM_VECTORS or the build-time default). */
cJSON *tu_vectors(const char *name);
/* A JSON number member as u64 (aborts the test if missing). */
uint64_t tu_num(const cJSON *obj, const char *key);
/* "a.b.c.d" or "a.b.c.d:port" to host-order address (and port). */
uint32_t tu_ipv4(const char *s, uint16_t *port);
/* A JSON array of numbers into u16s; returns the count. */
unsigned int tu_u16s(const cJSON *arr, uint16_t *out, unsigned int cap);

/*
 * The spec's suite tables, restated here so the library is not its own
 * oracle: CBC and AEAD encryption ids, ICV lengths, header flags.
 */
bool tu_is_cbc(uint16_t enc);
bool tu_is_aead(uint16_t enc);
size_t tu_icv_len(uint16_t integ);
uint8_t tu_want_flags(struct vam_suite s);
bool tu_is_none(struct vam_suite s);
/* "enc/integ" names of a suite, for messages (one static buffer). */
const char *tu_sname(struct vam_suite s);
/* The valid suites of the enc x integ grid (7 x 5 at most) into out; returns the count. */
unsigned int tu_valid_suites(struct vam_suite *out);
void tu_rand_keys(struct vam_dir_keys *k);
/* A version-1 header with flags 0. */
void tu_mk_hdr(struct vam_hdr *h, uint8_t type, uint8_t code, uint32_t id, uint64_t seq);
/* S-26 / S-27 for a body of blen bytes that was cut from a genuine one. */
enum vam_drop tu_want_cut(struct vam_suite s, size_t blen);
/* The HMAC digest of an integrity id, and its key length. */
const EVP_MD *tu_hmac_md(uint16_t integ, int *key_len);
/*
 * hdr || iv || ct || icv with a correct ICV. If encrypt, ct is the CBC
 * encryption of `in` (n a multiple of 16, no padding added); otherwise ct is
 * `in` as given (any length). Returns the datagram length.
 */
size_t tu_forge_cbc(struct vam_suite s, const struct vam_dir_keys *k, uint8_t type,
		    uint8_t code, uint64_t seq, const uint8_t *in, size_t n, bool encrypt,
		    uint8_t *out);

/* Run a suite (Check's own runner, its output), free it; the process exit status. */
int tu_run(Suite *s);

#endif
