/* SPDX-License-Identifier: BSD-3-Clause */
/* Algorithm tables, suites and server-dominated negotiation (spec 6.2, S-02, S-13..S-17). */
#ifndef VAM_SUITE_H
#define VAM_SUITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum vam_enc_id {
	VAM_ENC_NONE = 0,
	VAM_ENC_AES128_CBC = 3,
	VAM_ENC_AES192_CBC = 4,
	VAM_ENC_AES256_CBC = 5,
	VAM_ENC_AES128_GCM = 9,
	VAM_ENC_AES256_GCM = 10,
	VAM_ENC_CHACHA20_POLY1305 = 11,
};

enum vam_integ_id {
	VAM_INTEG_NONE = 0,
	VAM_INTEG_HMAC_SHA1 = 2,
	VAM_INTEG_HMAC_SHA256 = 3,
	VAM_INTEG_HMAC_SHA384 = 4,
	VAM_INTEG_HMAC_SHA512 = 5,
};

#define VAM_ENC_KEY_MAX		32
#define VAM_INTEG_KEY_MAX	64
#define VAM_ICV_MAX		32
#define VAM_SALT_LEN		4
#define VAM_IV_LEN		16
#define VAM_TAG_LEN		16
#define VAM_BLOCK		16

enum vam_enc_kind { VAM_KIND_NONE, VAM_KIND_CBC, VAM_KIND_AEAD };

struct vam_enc_info {
	uint16_t id;
	const char *name;
	uint8_t key_len;
	enum vam_enc_kind kind;
};

struct vam_integ_info {
	uint16_t id;
	const char *name;
	uint8_t key_len;
	uint8_t icv_len;
};

/* NULL for ids this implementation does not offer (reserved, unknown). */
const struct vam_enc_info *vam_enc_info(uint16_t id);
const struct vam_integ_info *vam_integ_info(uint16_t id);
/* Lookup by name ("aes-128-gcm", "hmac-sha256", "none"); NULL if unknown. */
const struct vam_enc_info *vam_enc_by_name(const char *name);
const struct vam_integ_info *vam_integ_by_name(const char *name);

struct vam_suite {
	uint16_t enc;
	uint16_t integ;
};

/* The bootstrap suite of INIT_REQ / INIT_RESP: aes-128-cbc + hmac-sha256. */
#define VAM_SUITE_BOOT ((struct vam_suite){ VAM_ENC_AES128_CBC, VAM_INTEG_HMAC_SHA256 })

/* A pair that may be negotiated and has a wire encoding (S-02, S-13). */
bool vam_suite_valid(struct vam_suite s);
/* The header flags every message of the suite carries (S-02). */
uint8_t vam_suite_flags(struct vam_suite s);
/* Protected body length for a plaintext of pt_len bytes (call only for valid suites). */
size_t vam_suite_body_len(struct vam_suite s, size_t pt_len);
/* Smallest protected body the suite can produce (the "short" bound). */
size_t vam_suite_min_body(struct vam_suite s);
/* Session-key lengths K and I of S-21. */
void vam_suite_key_lens(struct vam_suite s, size_t *k, size_t *i);

/* Server lists are a priority order of implemented ids. */
struct vam_alg_list {
	uint16_t id[16];
	uint8_t n;
};

/*
 * Negotiation of 6.2 with S-13 (skip integrity 0 after CBC) and S-14 (no
 * backtracking). Returns true and fills *out, or false: NO_PROPOSAL.
 */
bool vam_negotiate(const struct vam_alg_list *srv_enc, const struct vam_alg_list *srv_integ,
		   const uint16_t *cli_enc, unsigned int n_enc, const uint16_t *cli_integ,
		   unsigned int n_integ, struct vam_suite *out);

/* The client's check of INIT_RESP's choice (S-16). */
bool vam_client_accepts(const uint16_t *off_enc, unsigned int n_enc, const uint16_t *off_integ,
			unsigned int n_integ, struct vam_suite chosen);

#endif
