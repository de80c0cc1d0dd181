/* SPDX-License-Identifier: BSD-3-Clause */
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "vam_chap.h"

int vam_chap_response(uint8_t id, const uint8_t *password, size_t pw_len,
		      const uint8_t challenge[VAM_CHAP_CHALLENGE_LEN], uint8_t out[17])
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned int n = 0;
	int rc = -1;

	out[0] = id;
	if (c && EVP_DigestInit_ex(c, EVP_md5(), NULL) == 1 && EVP_DigestUpdate(c, &id, 1) == 1 &&
	    EVP_DigestUpdate(c, password, pw_len) == 1 &&
	    EVP_DigestUpdate(c, challenge, VAM_CHAP_CHALLENGE_LEN) == 1 &&
	    EVP_DigestFinal_ex(c, out + 1, &n) == 1 && n == 16)
		rc = 0;
	EVP_MD_CTX_free(c);
	return rc;
}

bool vam_chap_verify(uint8_t id, const uint8_t *password, size_t pw_len,
		     const uint8_t challenge[VAM_CHAP_CHALLENGE_LEN], const uint8_t response[17])
{
	uint8_t want[17];

	if (response[0] != id || vam_chap_response(id, password, pw_len, challenge, want) != 0)
		return false;
	return CRYPTO_memcmp(want, response, sizeof(want)) == 0;
}
