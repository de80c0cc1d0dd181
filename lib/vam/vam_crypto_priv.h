/* SPDX-License-Identifier: BSD-3-Clause */
/* Private: OpenSSL algorithm objects fetched once and shared by the core. */
#ifndef VAM_CRYPTO_PRIV_H
#define VAM_CRYPTO_PRIV_H

#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/kdf.h>

/* Fetched once per process (thread-safe); NULL for ids without a cipher. */
EVP_CIPHER *vam_evp_cipher(uint16_t enc_id);
EVP_MAC *vam_evp_hmac(void);
EVP_KDF *vam_evp_hkdf(void);
/* The digest name for an integrity id ("SHA256"), NULL for none. */
const char *vam_evp_digest_name(uint16_t integ_id);

#endif
