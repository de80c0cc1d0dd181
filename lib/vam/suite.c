/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include "vam_suite.h"
#include "vam_wire.h"

static const struct vam_enc_info enc_table[] = {
	{ VAM_ENC_NONE, "none", 0, VAM_KIND_NONE },
	{ VAM_ENC_AES128_CBC, "aes-128-cbc", 16, VAM_KIND_CBC },
	{ VAM_ENC_AES192_CBC, "aes-192-cbc", 24, VAM_KIND_CBC },
	{ VAM_ENC_AES256_CBC, "aes-256-cbc", 32, VAM_KIND_CBC },
	{ VAM_ENC_AES128_GCM, "aes-128-gcm", 16, VAM_KIND_AEAD },
	{ VAM_ENC_AES256_GCM, "aes-256-gcm", 32, VAM_KIND_AEAD },
	{ VAM_ENC_CHACHA20_POLY1305, "chacha20-poly1305", 32, VAM_KIND_AEAD },
};

static const struct vam_integ_info integ_table[] = {
	{ VAM_INTEG_NONE, "none", 0, 0 },
	{ VAM_INTEG_HMAC_SHA1, "hmac-sha1", 20, 12 },
	{ VAM_INTEG_HMAC_SHA256, "hmac-sha256", 32, 16 },
	{ VAM_INTEG_HMAC_SHA384, "hmac-sha384", 48, 24 },
	{ VAM_INTEG_HMAC_SHA512, "hmac-sha512", 64, 32 },
};

#define N_ENC (sizeof(enc_table) / sizeof(enc_table[0]))
#define N_INTEG (sizeof(integ_table) / sizeof(integ_table[0]))

const struct vam_enc_info *vam_enc_info(uint16_t id)
{
	for (size_t i = 0; i < N_ENC; i++)
		if (enc_table[i].id == id)
			return &enc_table[i];
	return NULL;
}

const struct vam_integ_info *vam_integ_info(uint16_t id)
{
	for (size_t i = 0; i < N_INTEG; i++)
		if (integ_table[i].id == id)
			return &integ_table[i];
	return NULL;
}

const struct vam_enc_info *vam_enc_by_name(const char *name)
{
	for (size_t i = 0; i < N_ENC; i++)
		if (strcmp(enc_table[i].name, name) == 0)
			return &enc_table[i];
	return NULL;
}

const struct vam_integ_info *vam_integ_by_name(const char *name)
{
	for (size_t i = 0; i < N_INTEG; i++)
		if (strcmp(integ_table[i].name, name) == 0)
			return &integ_table[i];
	return NULL;
}

bool vam_suite_valid(struct vam_suite s)
{
	const struct vam_enc_info *e = vam_enc_info(s.enc);
	const struct vam_integ_info *i = vam_integ_info(s.integ);

	if (e == NULL || i == NULL)
		return false;
	switch (e->kind) {
	case VAM_KIND_AEAD:
		return s.integ == VAM_INTEG_NONE;
	case VAM_KIND_CBC:
		return s.integ != VAM_INTEG_NONE;
	default:
		return true;
	}
}

uint8_t vam_suite_flags(struct vam_suite s)
{
	if (s.enc != VAM_ENC_NONE)
		return VAM_F_E | VAM_F_A;
	return s.integ != VAM_INTEG_NONE ? VAM_F_A : 0;
}

size_t vam_suite_body_len(struct vam_suite s, size_t pt_len)
{
	const struct vam_enc_info *e = vam_enc_info(s.enc);
	const struct vam_integ_info *i = vam_integ_info(s.integ);

	if (!vam_suite_valid(s))
		return 0;
	switch (e->kind) {
	case VAM_KIND_AEAD:
		return pt_len + VAM_TAG_LEN;
	case VAM_KIND_CBC:
		return VAM_IV_LEN + (pt_len / VAM_BLOCK + 1) * VAM_BLOCK + i->icv_len;
	default:
		return pt_len + i->icv_len;
	}
}

size_t vam_suite_min_body(struct vam_suite s)
{
	const struct vam_integ_info *i = vam_integ_info(s.integ);
	const struct vam_enc_info *e = vam_enc_info(s.enc);

	if (!vam_suite_valid(s))
		return 0;
	if (e->kind == VAM_KIND_AEAD)
		return VAM_TAG_LEN;
	if (e->kind == VAM_KIND_CBC)
		return VAM_IV_LEN + VAM_BLOCK + i->icv_len;
	return i->icv_len;
}

void vam_suite_key_lens(struct vam_suite s, size_t *k, size_t *i)
{
	const struct vam_enc_info *e = vam_enc_info(s.enc);
	const struct vam_integ_info *g = vam_integ_info(s.integ);

	*k = e ? e->key_len : 0;
	*i = (g && (!e || e->kind != VAM_KIND_AEAD)) ? g->key_len : 0;
}

static bool offered(const uint16_t *ids, unsigned int n, uint16_t id)
{
	for (unsigned int i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

bool vam_negotiate(const struct vam_alg_list *srv_enc, const struct vam_alg_list *srv_integ,
		   const uint16_t *cli_enc, unsigned int n_enc, const uint16_t *cli_integ,
		   unsigned int n_integ, struct vam_suite *out)
{
	const struct vam_enc_info *e = NULL;

	for (unsigned int i = 0; i < srv_enc->n && e == NULL; i++)
		if (offered(cli_enc, n_enc, srv_enc->id[i]))
			e = vam_enc_info(srv_enc->id[i]);
	if (e == NULL)
		return false;
	if (e->kind == VAM_KIND_AEAD) {
		*out = (struct vam_suite){ e->id, VAM_INTEG_NONE };
		return true;
	}
	for (unsigned int i = 0; i < srv_integ->n; i++) {
		uint16_t g = srv_integ->id[i];

		/* S-13: integrity 0 only with encryption 0. */
		if (g == VAM_INTEG_NONE && e->kind == VAM_KIND_CBC)
			continue;
		if (vam_integ_info(g) && offered(cli_integ, n_integ, g)) {
			*out = (struct vam_suite){ e->id, g };
			return true;
		}
	}
	return false;
}

bool vam_client_accepts(const uint16_t *off_enc, unsigned int n_enc, const uint16_t *off_integ,
			unsigned int n_integ, struct vam_suite chosen)
{
	if (!offered(off_enc, n_enc, chosen.enc) || !vam_suite_valid(chosen))
		return false;
	if (vam_enc_info(chosen.enc)->kind == VAM_KIND_AEAD)
		return true;
	return offered(off_integ, n_integ, chosen.integ);
}
