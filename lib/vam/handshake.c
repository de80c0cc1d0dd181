/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include "vam_handshake.h"
#include "vam_wire.h"

static void put_kex(struct vam_tlv_writer *w, const uint8_t pub[VAM_X25519_LEN])
{
	uint8_t kex[VAM_KEX_LEN];

	vam_put16(kex, VAM_KEX_X25519);
	memcpy(kex + 2, pub, VAM_X25519_LEN);
	vam_tlv_put(w, VAM_A_KEX, kex, sizeof(kex));
}

long vam_init_req_encode(const struct vam_init_req *r, uint8_t *body, size_t cap)
{
	struct vam_tlv_writer w;
	uint8_t cid[12];

	vam_put32(cid, r->cookie);
	vam_put16(cid + 4, r->domain);
	vam_put16(cid + 6, 1);
	vam_put32(cid + 8, r->private_addr);
	vam_tlv_init(&w, body, cap);
	vam_tlv_put_u32(&w, VAM_A_SENDER_ID, r->sender_id);
	vam_tlv_put(&w, VAM_A_NONCE, r->nonce, VAM_NONCE_LEN);
	put_kex(&w, r->pub);
	vam_tlv_put_algs(&w, VAM_A_ENC_ALGS, r->enc, r->n_enc);
	vam_tlv_put_algs(&w, VAM_A_INTEG_ALGS, r->integ, r->n_integ);
	vam_tlv_put(&w, VAM_A_CONNECTION_ID, cid, sizeof(cid));
	return vam_tlv_done(&w);
}

long vam_init_resp_encode(const struct vam_init_resp *r, uint8_t *body, size_t cap)
{
	struct vam_tlv_writer w;

	vam_tlv_init(&w, body, cap);
	vam_tlv_put_u32(&w, VAM_A_SENDER_ID, r->sender_id);
	vam_tlv_put(&w, VAM_A_NONCE, r->nonce, VAM_NONCE_LEN);
	put_kex(&w, r->pub);
	vam_tlv_put_u16(&w, VAM_A_ENC_ALG, r->suite.enc);
	vam_tlv_put_u16(&w, VAM_A_INTEG_ALG, r->suite.integ);
	return vam_tlv_done(&w);
}

void vam_init_req_decode(const struct vam_attrs *at, struct vam_init_req *r)
{
	const uint8_t *cid = at->a[VAM_A_CONNECTION_ID].val;

	r->sender_id = vam_attr_u32(at, VAM_A_SENDER_ID);
	memcpy(r->nonce, at->a[VAM_A_NONCE].val, VAM_NONCE_LEN);
	memcpy(r->pub, at->a[VAM_A_KEX].val + 2, VAM_X25519_LEN);
	r->n_enc = (uint8_t)vam_attr_algs(at, VAM_A_ENC_ALGS, r->enc);
	r->n_integ = (uint8_t)vam_attr_algs(at, VAM_A_INTEG_ALGS, r->integ);
	r->cookie = vam_get32(cid);
	r->domain = vam_get16(cid + 4);
	r->private_addr = vam_get32(cid + 8);
}

void vam_init_resp_decode(const struct vam_attrs *at, struct vam_init_resp *r)
{
	r->sender_id = vam_attr_u32(at, VAM_A_SENDER_ID);
	memcpy(r->nonce, at->a[VAM_A_NONCE].val, VAM_NONCE_LEN);
	memcpy(r->pub, at->a[VAM_A_KEX].val + 2, VAM_X25519_LEN);
	r->suite.enc = vam_attr_u16(at, VAM_A_ENC_ALG);
	r->suite.integ = vam_attr_u16(at, VAM_A_INTEG_ALG);
}

static int keys_from_shared(uint8_t shared[VAM_X25519_LEN], const uint8_t nonce_c[VAM_NONCE_LEN],
			    const uint8_t nonce_s[VAM_NONCE_LEN], const uint8_t *psk,
			    size_t psk_len, uint32_t client_id, uint32_t server_id,
			    struct vam_suite suite, struct vam_chan_keys keys[2])
{
	uint8_t prk[VAM_PRK_LEN];
	int rc = -1;

	if (vam_session_prk(shared, nonce_c, nonce_s, psk, psk_len, prk) == 0 &&
	    vam_chan_keys(prk, VAM_KEYS_CTRL, client_id, server_id, suite, &keys[0], NULL, 0) == 0 &&
	    vam_chan_keys(prk, VAM_KEYS_DATA, client_id, server_id, suite, &keys[1], NULL, 0) == 0)
		rc = 0;
	vam_wipe(shared, VAM_X25519_LEN);
	vam_wipe(prk, sizeof(prk));
	return rc;
}

int vam_handshake_keys(const uint8_t priv[VAM_X25519_LEN], const uint8_t peer_pub[VAM_X25519_LEN],
		       const uint8_t nonce_c[VAM_NONCE_LEN], const uint8_t nonce_s[VAM_NONCE_LEN],
		       const uint8_t *psk, size_t psk_len, uint32_t client_id, uint32_t server_id,
		       struct vam_suite suite, struct vam_chan_keys keys[2])
{
	uint8_t shared[VAM_X25519_LEN];

	if (vam_x25519(priv, peer_pub, shared) != 0)
		return -1;
	return keys_from_shared(shared, nonce_c, nonce_s, psk, psk_len, client_id, server_id,
				suite, keys);
}

int vam_handshake_keys_kx(struct vam_kx *kx, const uint8_t peer_pub[VAM_X25519_LEN],
			  const uint8_t nonce_c[VAM_NONCE_LEN], const uint8_t nonce_s[VAM_NONCE_LEN],
			  const uint8_t *psk, size_t psk_len, uint32_t client_id,
			  uint32_t server_id, struct vam_suite suite, struct vam_chan_keys keys[2])
{
	uint8_t shared[VAM_X25519_LEN];

	if (vam_kx_derive(kx, peer_pub, shared) != 0)
		return -1;
	return keys_from_shared(shared, nonce_c, nonce_s, psk, psk_len, client_id, server_id,
				suite, keys);
}
