/* SPDX-License-Identifier: BSD-3-Clause */
/* INIT_REQ / INIT_RESP bodies and the keys they agree on (spec 6.1, 6.3). */
#ifndef VAM_HANDSHAKE_H
#define VAM_HANDSHAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vam_keys.h"
#include "vam_suite.h"
#include "vam_tlv.h"

/* What INIT_REQ carries. */
struct vam_init_req {
	uint32_t sender_id;
	uint8_t nonce[VAM_NONCE_LEN];
	uint8_t pub[VAM_X25519_LEN];
	uint16_t enc[VAM_ALGS_MAX];
	uint8_t n_enc;
	uint16_t integ[VAM_ALGS_MAX];
	uint8_t n_integ;
	uint32_t cookie;		/* CONNECTION_ID */
	uint16_t domain;
	uint32_t private_addr;
};

/* What a code-0 INIT_RESP carries. */
struct vam_init_resp {
	uint32_t sender_id;
	uint8_t nonce[VAM_NONCE_LEN];
	uint8_t pub[VAM_X25519_LEN];
	struct vam_suite suite;
};

/* Encode in the order of the message table (S-11). Return the length or -1. */
long vam_init_req_encode(const struct vam_init_req *r, uint8_t *body, size_t cap);
long vam_init_resp_encode(const struct vam_init_resp *r, uint8_t *body, size_t cap);

/* Read a body that vam_msg_parse accepted (type INIT_REQ / INIT_RESP, code 0). */
void vam_init_req_decode(const struct vam_attrs *at, struct vam_init_req *r);
void vam_init_resp_decode(const struct vam_attrs *at, struct vam_init_resp *r);

/*
 * Both channels' keys from one side's X25519 private key and the other's
 * public key (6.3). Returns -1 on an all-zero shared secret (S-20).
 */
int vam_handshake_keys(const uint8_t priv[VAM_X25519_LEN], const uint8_t peer_pub[VAM_X25519_LEN],
		       const uint8_t nonce_c[VAM_NONCE_LEN], const uint8_t nonce_s[VAM_NONCE_LEN],
		       const uint8_t *psk, size_t psk_len, uint32_t client_id, uint32_t server_id,
		       struct vam_suite suite, struct vam_chan_keys keys[2]);

/* The same from an X25519 key pair kept with vam_kx_new (one scalar multiplication). */
int vam_handshake_keys_kx(struct vam_kx *kx, const uint8_t peer_pub[VAM_X25519_LEN],
			  const uint8_t nonce_c[VAM_NONCE_LEN], const uint8_t nonce_s[VAM_NONCE_LEN],
			  const uint8_t *psk, size_t psk_len, uint32_t client_id,
			  uint32_t server_id, struct vam_suite suite, struct vam_chan_keys keys[2]);

#endif
