/* SPDX-License-Identifier: BSD-3-Clause */
/* Key schedule: bootstrap keys, X25519, session keys, transcript (spec 6.3, S-19..S-23). */
#ifndef VAM_KEYS_H
#define VAM_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "vam_suite.h"
#include "vam_tlv.h"

#define VAM_PSK_MAX	128
#define VAM_PRK_LEN	32

/* One direction's keys (S-22). Unused bytes are zero. */
struct vam_dir_keys {
	uint8_t enc[VAM_ENC_KEY_MAX];
	uint8_t salt[VAM_SALT_LEN];
	uint8_t integ[VAM_INTEG_KEY_MAX];
};

/* One channel (ctrl or data): both directions. */
struct vam_chan_keys {
	struct vam_dir_keys c2s;
	struct vam_dir_keys s2c;
};

enum vam_key_chan { VAM_KEYS_CTRL = 0, VAM_KEYS_DATA = 1 };

/* RFC 5869 with SHA-256, through OpenSSL's EVP_KDF. Return 0 or -1. */
int vam_hkdf_extract(const uint8_t *salt, size_t salt_len, const uint8_t *ikm, size_t ikm_len,
		     uint8_t prk[VAM_PRK_LEN]);
int vam_hkdf_expand(const uint8_t prk[VAM_PRK_LEN], const uint8_t *info, size_t info_len,
		    uint8_t *okm, size_t okm_len);

/*
 * Bootstrap keys of a domain, as a direction key set for the boot suite
 * (enc = boot[0..16), integ = boot[16..48)); both directions use it.
 */
int vam_boot_keys(const uint8_t *psk, size_t psk_len, uint16_t domain, struct vam_dir_keys *out);

/* X25519 (RFC 7748). keygen draws a fresh private key from the CSPRNG. */
int vam_x25519_keygen(uint8_t priv[VAM_X25519_LEN], uint8_t pub[VAM_X25519_LEN]);
int vam_x25519_public(const uint8_t priv[VAM_X25519_LEN], uint8_t pub[VAM_X25519_LEN]);
/* Returns -1 on error and on an all-zero shared secret (S-20). */
int vam_x25519(const uint8_t priv[VAM_X25519_LEN], const uint8_t peer[VAM_X25519_LEN],
	       uint8_t shared[VAM_X25519_LEN]);

/*
 * An X25519 key pair kept in OpenSSL's form, so that generating it and
 * agreeing on a secret cost one scalar multiplication each (raw private
 * keys cost a third: OpenSSL recomputes the public key on import).
 */
struct vam_kx;
struct vam_kx *vam_kx_new(uint8_t pub[VAM_X25519_LEN]);
/* Returns -1 on error and on an all-zero shared secret (S-20). */
int vam_kx_derive(struct vam_kx *kx, const uint8_t peer[VAM_X25519_LEN],
		  uint8_t shared[VAM_X25519_LEN]);
void vam_kx_free(struct vam_kx *kx);

/* prk = HKDF-Extract(salt = NONCE_C || NONCE_S, ikm = shared || PSK). */
int vam_session_prk(const uint8_t shared[VAM_X25519_LEN], const uint8_t nonce_c[VAM_NONCE_LEN],
		    const uint8_t nonce_s[VAM_NONCE_LEN], const uint8_t *psk, size_t psk_len,
		    uint8_t prk[VAM_PRK_LEN]);

/* The info string of S-21 (21 bytes) for one channel. */
#define VAM_KEY_INFO_LEN 21
void vam_key_info(enum vam_key_chan ch, uint32_t client_id, uint32_t server_id,
		  struct vam_suite s, uint8_t info[VAM_KEY_INFO_LEN]);

/* One channel's keys from prk; okm (optional, 2*(K+4+I) bytes) receives the raw output. */
int vam_chan_keys(const uint8_t prk[VAM_PRK_LEN], enum vam_key_chan ch, uint32_t client_id,
		  uint32_t server_id, struct vam_suite s, struct vam_chan_keys *out,
		  uint8_t *okm, size_t okm_cap);

/* TRANSCRIPT = SHA-256(INIT_REQ body || code-0 INIT_RESP body), bytes as carried. */
int vam_transcript(const uint8_t *req, size_t req_len, const uint8_t *resp, size_t resp_len,
		   uint8_t out[VAM_TRANSCRIPT_LEN]);

/* CSPRNG bytes (RAND_bytes). Returns 0 or -1. */
int vam_random(void *buf, size_t len);

/* Wipe key material so the compiler cannot drop the store. */
void vam_wipe(void *p, size_t len);

#endif
