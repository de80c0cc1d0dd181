/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Record protection with OpenSSL EVP. This path serves clients and the
 * control lcore, and is the oracle the data path's cryptodev output is
 * tested against. pt and out buffers must not overlap the input.
 */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "vam_crypto_priv.h"
#include "vam_record.h"

#define HMAC_MAX 64

/* HMAC over a || b with the suite's digest; the full-length output goes to out. */
static int hmac2(uint16_t integ, const uint8_t *key, size_t key_len, const uint8_t *a,
		 size_t a_len, const uint8_t *b, size_t b_len, uint8_t out[HMAC_MAX])
{
	EVP_MAC_CTX *c = EVP_MAC_CTX_new(vam_evp_hmac());
	OSSL_PARAM p[2];
	size_t n = 0;
	int rc = -1;

	p[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
						(char *)vam_evp_digest_name(integ), 0);
	p[1] = OSSL_PARAM_construct_end();
	if (c && EVP_MAC_init(c, key, key_len, p) == 1 && EVP_MAC_update(c, a, a_len) == 1 &&
	    EVP_MAC_update(c, b, b_len) == 1 && EVP_MAC_final(c, out, &n, HMAC_MAX) == 1)
		rc = 0;
	EVP_MAC_CTX_free(c);
	return rc;
}

/* One-shot cipher pass; returns the output length or -1. */
static long cipher(uint16_t enc, int encrypt, const uint8_t *key, const uint8_t *iv,
		   const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
		   uint8_t tag[VAM_TAG_LEN])
{
	const EVP_CIPHER *ec = vam_evp_cipher(enc);
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	bool aead = vam_enc_info(enc)->kind == VAM_KIND_AEAD;
	uint8_t sink[VAM_BLOCK];
	int n = 0, f = 0;
	long rc = -1;

	if (c == NULL || ec == NULL || len > INT32_MAX)
		goto out;
	if (EVP_CipherInit_ex2(c, ec, NULL, NULL, encrypt, NULL) != 1)
		goto out;
	if (aead && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_IVLEN, 12, NULL) != 1)
		goto out;
	if (EVP_CipherInit_ex2(c, NULL, key, iv, encrypt, NULL) != 1)
		goto out;
	EVP_CIPHER_CTX_set_padding(c, 0);
	if (aead && !encrypt && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, VAM_TAG_LEN, tag) != 1)
		goto out;
	if (aad_len && EVP_CipherUpdate(c, NULL, &n, aad, (int)aad_len) != 1)
		goto out;
	if (len && EVP_CipherUpdate(c, out, &n, in, (int)len) != 1)
		goto out;
	if (EVP_CipherFinal_ex(c, len ? out + n : sink, &f) != 1)
		goto out;
	if (aead && encrypt && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, VAM_TAG_LEN, tag) != 1)
		goto out;
	rc = (len ? n : 0) + f;
out:
	EVP_CIPHER_CTX_free(c);
	return rc;
}

static void aead_nonce(const struct vam_dir_keys *k, const uint8_t *hdr, uint8_t nonce[12])
{
	memcpy(nonce, k->salt, VAM_SALT_LEN);
	memcpy(nonce + VAM_SALT_LEN, hdr + 8, 8);	/* the header's seq, big-endian */
}

static long seal_cbc(struct vam_suite s, const struct vam_dir_keys *k, uint8_t *out,
		     const uint8_t *pt, size_t pt_len, const uint8_t *iv)
{
	const struct vam_integ_info *g = vam_integ_info(s.integ);
	uint8_t *body = out + VAM_HDR_LEN, *ct = body + VAM_IV_LEN;
	size_t pad = VAM_BLOCK - pt_len % VAM_BLOCK, ct_len = pt_len + pad;
	uint8_t mac[HMAC_MAX];

	if (iv != NULL)
		memcpy(body, iv, VAM_IV_LEN);
	else if (vam_random(body, VAM_IV_LEN) != 0)
		return -1;
	if (pt_len)
		memcpy(ct, pt, pt_len);
	memset(ct + pt_len, (int)pad, pad);
	if (cipher(s.enc, 1, k->enc, body, NULL, 0, ct, ct_len, ct, NULL) != (long)ct_len)
		return -1;
	if (hmac2(s.integ, k->integ, g->key_len, out, VAM_HDR_LEN, body, VAM_IV_LEN + ct_len,
		  mac) != 0)
		return -1;
	memcpy(ct + ct_len, mac, g->icv_len);
	return (long)(VAM_HDR_LEN + VAM_IV_LEN + ct_len + g->icv_len);
}

long vam_seal(struct vam_suite s, const struct vam_dir_keys *k, const struct vam_hdr *h,
	      const uint8_t *pt, size_t pt_len, const uint8_t *iv, uint8_t *out, size_t cap)
{
	size_t body = vam_suite_body_len(s, pt_len);
	const struct vam_enc_info *e = vam_enc_info(s.enc);
	const struct vam_integ_info *g = vam_integ_info(s.integ);
	struct vam_hdr hh = *h;
	uint8_t nonce[12], mac[HMAC_MAX];

	if (!vam_suite_valid(s) || cap < VAM_HDR_LEN || cap - VAM_HDR_LEN < body)
		return -1;
	hh.flags = vam_suite_flags(s);
	vam_hdr_encode(&hh, out);
	switch (e->kind) {
	case VAM_KIND_AEAD:
		aead_nonce(k, out, nonce);
		if (cipher(s.enc, 1, k->enc, nonce, out, VAM_HDR_LEN, pt, pt_len, out + VAM_HDR_LEN,
			   out + VAM_HDR_LEN + pt_len) != (long)pt_len)
			return -1;
		break;
	case VAM_KIND_CBC:
		return seal_cbc(s, k, out, pt, pt_len, iv);
	default:
		if (pt_len)
			memcpy(out + VAM_HDR_LEN, pt, pt_len);
		if (g->icv_len == 0)
			break;
		if (hmac2(s.integ, k->integ, g->key_len, out, VAM_HDR_LEN, pt, pt_len, mac) != 0)
			return -1;
		memcpy(out + VAM_HDR_LEN + pt_len, mac, g->icv_len);
		break;
	}
	return (long)(VAM_HDR_LEN + body);
}

enum vam_drop vam_cbc_unpad(const uint8_t *pt, size_t ct_len, size_t *pt_len)
{
	size_t pad;

	if (ct_len < VAM_BLOCK)
		return VAM_DROP_DECRYPT;
	pad = pt[ct_len - 1];
	if (pad < 1 || pad > VAM_BLOCK)
		return VAM_DROP_DECRYPT;
	for (size_t i = ct_len - pad; i < ct_len; i++)
		if (pt[i] != pad)
			return VAM_DROP_DECRYPT;
	*pt_len = ct_len - pad;
	return VAM_OK;
}

static enum vam_drop unseal_cbc(struct vam_suite s, const struct vam_dir_keys *k,
				const uint8_t *dgram, size_t blen, uint8_t *pt, size_t cap,
				size_t *pt_len)
{
	const struct vam_integ_info *g = vam_integ_info(s.integ);
	const uint8_t *body = dgram + VAM_HDR_LEN, *ct = body + VAM_IV_LEN;
	uint8_t mac[HMAC_MAX];
	size_t ct_len;

	if (blen < (size_t)VAM_IV_LEN + VAM_BLOCK + g->icv_len)
		return VAM_DROP_SHORT;
	ct_len = blen - VAM_IV_LEN - g->icv_len;
	if (ct_len % VAM_BLOCK)
		return VAM_DROP_DECRYPT;
	if (hmac2(s.integ, k->integ, g->key_len, dgram, VAM_HDR_LEN, body, VAM_IV_LEN + ct_len,
		  mac) != 0 ||
	    CRYPTO_memcmp(mac, ct + ct_len, g->icv_len) != 0)
		return VAM_DROP_INTEGRITY;
	if (cap < ct_len || cipher(s.enc, 0, k->enc, body, NULL, 0, ct, ct_len, pt, NULL) !=
				    (long)ct_len)
		return VAM_DROP_DECRYPT;
	return vam_cbc_unpad(pt, ct_len, pt_len);
}

enum vam_drop vam_unseal(struct vam_suite s, const struct vam_dir_keys *k, const uint8_t *dgram,
			 size_t len, uint8_t *pt, size_t cap, size_t *pt_len)
{
	const struct vam_enc_info *e = vam_enc_info(s.enc);
	const struct vam_integ_info *g = vam_integ_info(s.integ);
	const uint8_t *body = dgram + VAM_HDR_LEN;
	size_t blen, n;
	uint8_t nonce[12], mac[HMAC_MAX], tag[VAM_TAG_LEN];

	if (!vam_suite_valid(s) || len < VAM_HDR_LEN)
		return VAM_DROP_SHORT;
	blen = len - VAM_HDR_LEN;
	switch (e->kind) {
	case VAM_KIND_AEAD:
		if (blen < VAM_TAG_LEN)
			return VAM_DROP_SHORT;
		n = blen - VAM_TAG_LEN;
		if (cap < n)
			return VAM_DROP_DECRYPT;
		memcpy(tag, body + n, VAM_TAG_LEN);
		aead_nonce(k, dgram, nonce);
		if (cipher(s.enc, 0, k->enc, nonce, dgram, VAM_HDR_LEN, body, n, pt, tag) !=
		    (long)n)
			return VAM_DROP_INTEGRITY;
		*pt_len = n;
		return VAM_OK;
	case VAM_KIND_CBC:
		return unseal_cbc(s, k, dgram, blen, pt, cap, pt_len);
	default:
		if (blen < g->icv_len)
			return VAM_DROP_SHORT;
		n = blen - g->icv_len;
		if (g->icv_len &&
		    (hmac2(s.integ, k->integ, g->key_len, dgram, VAM_HDR_LEN, body, n, mac) != 0 ||
		     CRYPTO_memcmp(mac, body + n, g->icv_len) != 0))
			return VAM_DROP_INTEGRITY;
		if (cap < n)
			return VAM_DROP_DECRYPT;
		if (n)
			memcpy(pt, body, n);
		*pt_len = n;
		return VAM_OK;
	}
}
