/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "vam_crypto_priv.h"
#include "vam_keys.h"
#include "vam_wire.h"

static int hkdf(int mode, const uint8_t *salt, size_t salt_len, const uint8_t *key,
		size_t key_len, const uint8_t *info, size_t info_len, uint8_t *out, size_t out_len)
{
	EVP_KDF_CTX *kc = EVP_KDF_CTX_new(vam_evp_hkdf());
	OSSL_PARAM p[6], *q = p;
	int rc;

	if (kc == NULL)
		return -1;
	*q++ = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
	*q++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)"SHA256", 0);
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)key, key_len);
	if (salt_len)
		*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt,
							 salt_len);
	if (info_len)
		*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)info,
							 info_len);
	*q = OSSL_PARAM_construct_end();
	rc = EVP_KDF_derive(kc, out, out_len, p) == 1 ? 0 : -1;
	EVP_KDF_CTX_free(kc);
	return rc;
}

int vam_hkdf_extract(const uint8_t *salt, size_t salt_len, const uint8_t *ikm, size_t ikm_len,
		     uint8_t prk[VAM_PRK_LEN])
{
	return hkdf(EVP_KDF_HKDF_MODE_EXTRACT_ONLY, salt, salt_len, ikm, ikm_len, NULL, 0, prk,
		    VAM_PRK_LEN);
}

int vam_hkdf_expand(const uint8_t prk[VAM_PRK_LEN], const uint8_t *info, size_t info_len,
		    uint8_t *okm, size_t okm_len)
{
	return hkdf(EVP_KDF_HKDF_MODE_EXPAND_ONLY, NULL, 0, prk, VAM_PRK_LEN, info, info_len, okm,
		    okm_len);
}

int vam_boot_keys(const uint8_t *psk, size_t psk_len, uint16_t domain, struct vam_dir_keys *out)
{
	static const char salt[] = "vam1 boot";
	static const char label[] = "vam1 boot keys";
	uint8_t info[sizeof(label) - 1 + 2];
	uint8_t prk[VAM_PRK_LEN], okm[48];
	int rc;

	if (psk_len == 0 || psk_len > VAM_PSK_MAX)
		return -1;
	memcpy(info, label, sizeof(label) - 1);
	vam_put16(info + sizeof(label) - 1, domain);
	rc = vam_hkdf_extract((const uint8_t *)salt, sizeof(salt) - 1, psk, psk_len, prk);
	if (rc == 0)
		rc = vam_hkdf_expand(prk, info, sizeof(info), okm, sizeof(okm));
	memset(out, 0, sizeof(*out));
	if (rc == 0) {
		memcpy(out->enc, okm, 16);
		memcpy(out->integ, okm + 16, 32);
	}
	vam_wipe(prk, sizeof(prk));
	vam_wipe(okm, sizeof(okm));
	return rc;
}

int vam_x25519_public(const uint8_t priv[VAM_X25519_LEN], uint8_t pub[VAM_X25519_LEN])
{
	EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, priv, VAM_X25519_LEN);
	size_t n = VAM_X25519_LEN;
	int rc;

	if (k == NULL)
		return -1;
	rc = EVP_PKEY_get_raw_public_key(k, pub, &n) == 1 && n == VAM_X25519_LEN ? 0 : -1;
	EVP_PKEY_free(k);
	return rc;
}

int vam_x25519_keygen(uint8_t priv[VAM_X25519_LEN], uint8_t pub[VAM_X25519_LEN])
{
	if (vam_random(priv, VAM_X25519_LEN) != 0)
		return -1;
	return vam_x25519_public(priv, pub);
}

int vam_x25519(const uint8_t priv[VAM_X25519_LEN], const uint8_t peer[VAM_X25519_LEN],
	       uint8_t shared[VAM_X25519_LEN])
{
	static const uint8_t zero[VAM_X25519_LEN];
	EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, priv, VAM_X25519_LEN);
	EVP_PKEY *p = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, peer, VAM_X25519_LEN);
	EVP_PKEY_CTX *c = k ? EVP_PKEY_CTX_new(k, NULL) : NULL;
	size_t n = VAM_X25519_LEN;
	int rc = -1;

	/* OpenSSL itself refuses an all-zero result; the memcmp makes it explicit. */
	if (c && p && EVP_PKEY_derive_init(c) == 1 && EVP_PKEY_derive_set_peer(c, p) == 1 &&
	    EVP_PKEY_derive(c, shared, &n) == 1 && n == VAM_X25519_LEN)
		rc = CRYPTO_memcmp(shared, zero, VAM_X25519_LEN) == 0 ? -1 : 0;
	EVP_PKEY_CTX_free(c);
	EVP_PKEY_free(p);
	EVP_PKEY_free(k);
	return rc;
}

struct vam_kx {
	EVP_PKEY *pk;
};

struct vam_kx *vam_kx_new(uint8_t pub[VAM_X25519_LEN])
{
	struct vam_kx *kx = calloc(1, sizeof(*kx));
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_id(EVP_PKEY_X25519, NULL);
	size_t n = VAM_X25519_LEN;

	if (kx == NULL || c == NULL || EVP_PKEY_keygen_init(c) != 1 ||
	    EVP_PKEY_keygen(c, &kx->pk) != 1 ||
	    EVP_PKEY_get_raw_public_key(kx->pk, pub, &n) != 1 || n != VAM_X25519_LEN) {
		EVP_PKEY_CTX_free(c);
		vam_kx_free(kx);
		return NULL;
	}
	EVP_PKEY_CTX_free(c);
	return kx;
}

int vam_kx_derive(struct vam_kx *kx, const uint8_t peer[VAM_X25519_LEN],
		  uint8_t shared[VAM_X25519_LEN])
{
	static const uint8_t zero[VAM_X25519_LEN];
	EVP_PKEY *p = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, peer, VAM_X25519_LEN);
	EVP_PKEY_CTX *c = p ? EVP_PKEY_CTX_new(kx->pk, NULL) : NULL;
	size_t n = VAM_X25519_LEN;
	int rc = -1;

	if (c && EVP_PKEY_derive_init(c) == 1 && EVP_PKEY_derive_set_peer(c, p) == 1 &&
	    EVP_PKEY_derive(c, shared, &n) == 1 && n == VAM_X25519_LEN)
		rc = CRYPTO_memcmp(shared, zero, VAM_X25519_LEN) == 0 ? -1 : 0;
	EVP_PKEY_CTX_free(c);
	EVP_PKEY_free(p);
	return rc;
}

void vam_kx_free(struct vam_kx *kx)
{
	if (kx == NULL)
		return;
	EVP_PKEY_free(kx->pk);
	free(kx);
}

int vam_session_prk(const uint8_t shared[VAM_X25519_LEN], const uint8_t nonce_c[VAM_NONCE_LEN],
		    const uint8_t nonce_s[VAM_NONCE_LEN], const uint8_t *psk, size_t psk_len,
		    uint8_t prk[VAM_PRK_LEN])
{
	uint8_t salt[2 * VAM_NONCE_LEN], ikm[VAM_X25519_LEN + VAM_PSK_MAX];
	int rc;

	if (psk_len == 0 || psk_len > VAM_PSK_MAX)
		return -1;
	memcpy(salt, nonce_c, VAM_NONCE_LEN);
	memcpy(salt + VAM_NONCE_LEN, nonce_s, VAM_NONCE_LEN);
	memcpy(ikm, shared, VAM_X25519_LEN);
	memcpy(ikm + VAM_X25519_LEN, psk, psk_len);
	rc = vam_hkdf_extract(salt, sizeof(salt), ikm, VAM_X25519_LEN + psk_len, prk);
	vam_wipe(ikm, sizeof(ikm));
	return rc;
}

void vam_key_info(enum vam_key_chan ch, uint32_t client_id, uint32_t server_id,
		  struct vam_suite s, uint8_t info[VAM_KEY_INFO_LEN])
{
	memcpy(info, ch == VAM_KEYS_CTRL ? "vam1 ctrl" : "vam1 data", 9);
	vam_put32(info + 9, client_id);
	vam_put32(info + 13, server_id);
	vam_put16(info + 17, s.enc);
	vam_put16(info + 19, s.integ);
}

int vam_chan_keys(const uint8_t prk[VAM_PRK_LEN], enum vam_key_chan ch, uint32_t client_id,
		  uint32_t server_id, struct vam_suite s, struct vam_chan_keys *out,
		  uint8_t *okm_out, size_t okm_cap)
{
	uint8_t info[VAM_KEY_INFO_LEN];
	uint8_t okm[2 * (VAM_ENC_KEY_MAX + VAM_SALT_LEN + VAM_INTEG_KEY_MAX)];
	size_t k, i, len;

	if (!vam_suite_valid(s))
		return -1;
	vam_suite_key_lens(s, &k, &i);
	len = 2 * (k + VAM_SALT_LEN + i);
	vam_key_info(ch, client_id, server_id, s, info);
	if (vam_hkdf_expand(prk, info, sizeof(info), okm, len) != 0)
		return -1;
	memset(out, 0, sizeof(*out));
	memcpy(out->c2s.enc, okm, k);
	memcpy(out->s2c.enc, okm + k, k);
	memcpy(out->c2s.salt, okm + 2 * k, VAM_SALT_LEN);
	memcpy(out->s2c.salt, okm + 2 * k + VAM_SALT_LEN, VAM_SALT_LEN);
	memcpy(out->c2s.integ, okm + 2 * k + 2 * VAM_SALT_LEN, i);
	memcpy(out->s2c.integ, okm + 2 * k + 2 * VAM_SALT_LEN + i, i);
	if (okm_out != NULL && okm_cap >= len)
		memcpy(okm_out, okm, len);
	vam_wipe(okm, sizeof(okm));
	return 0;
}

int vam_transcript(const uint8_t *req, size_t req_len, const uint8_t *resp, size_t resp_len,
		   uint8_t out[VAM_TRANSCRIPT_LEN])
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned int n = 0;
	int rc = -1;

	if (c && EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1 &&
	    EVP_DigestUpdate(c, req, req_len) == 1 && EVP_DigestUpdate(c, resp, resp_len) == 1 &&
	    EVP_DigestFinal_ex(c, out, &n) == 1 && n == VAM_TRANSCRIPT_LEN)
		rc = 0;
	EVP_MD_CTX_free(c);
	return rc;
}

int vam_random(void *buf, size_t len)
{
	return len > INT32_MAX || RAND_bytes(buf, (int)len) != 1 ? -1 : 0;
}

void vam_wipe(void *p, size_t len)
{
	OPENSSL_cleanse(p, len);
}
