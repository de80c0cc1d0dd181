/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * OpenSSL 3 fetches algorithm implementations by name; doing it per call
 * costs a method-store lookup and locks. The core fetches each object once.
 */
#include <pthread.h>
#include <stddef.h>

#include "vam_crypto_priv.h"
#include "vam_suite.h"

static const struct {
	uint16_t id;
	const char *name;
} cipher_names[] = {
	{ VAM_ENC_AES128_CBC, "AES-128-CBC" },
	{ VAM_ENC_AES192_CBC, "AES-192-CBC" },
	{ VAM_ENC_AES256_CBC, "AES-256-CBC" },
	{ VAM_ENC_AES128_GCM, "AES-128-GCM" },
	{ VAM_ENC_AES256_GCM, "AES-256-GCM" },
	{ VAM_ENC_CHACHA20_POLY1305, "ChaCha20-Poly1305" },
};

#define N_CIPHERS (sizeof(cipher_names) / sizeof(cipher_names[0]))

static pthread_once_t once = PTHREAD_ONCE_INIT;
static EVP_CIPHER *ciphers[N_CIPHERS];
static EVP_MAC *hmac;
static EVP_KDF *hkdf;

static void fetch_all(void)
{
	for (size_t i = 0; i < N_CIPHERS; i++)
		ciphers[i] = EVP_CIPHER_fetch(NULL, cipher_names[i].name, NULL);
	hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	hkdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
}

EVP_CIPHER *vam_evp_cipher(uint16_t enc_id)
{
	pthread_once(&once, fetch_all);
	for (size_t i = 0; i < N_CIPHERS; i++)
		if (cipher_names[i].id == enc_id)
			return ciphers[i];
	return NULL;
}

EVP_MAC *vam_evp_hmac(void)
{
	pthread_once(&once, fetch_all);
	return hmac;
}

EVP_KDF *vam_evp_hkdf(void)
{
	pthread_once(&once, fetch_all);
	return hkdf;
}

const char *vam_evp_digest_name(uint16_t integ_id)
{
	switch (integ_id) {
	case VAM_INTEG_HMAC_SHA1:
		return "SHA1";
	case VAM_INTEG_HMAC_SHA256:
		return "SHA256";
	case VAM_INTEG_HMAC_SHA384:
		return "SHA384";
	case VAM_INTEG_HMAC_SHA512:
		return "SHA512";
	default:
		return NULL;
	}
}
