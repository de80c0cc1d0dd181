/* SPDX-License-Identifier: BSD-3-Clause */
#include <arpa/inet.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "testutil.h"
#include "vam_keys.h"
#include "vam_suite.h"
#include "vam_wire.h"

static int nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t tu_hex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = strlen(hex);

	ck_assert_msg(n % 2 == 0 && n / 2 <= cap, "bad hex length %zu (cap %zu)", n, cap);
	for (size_t i = 0; i < n / 2; i++) {
		int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);

		ck_assert_msg(hi >= 0 && lo >= 0, "bad hex digit");
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return n / 2;
}

size_t tu_hexj(const cJSON *obj, const char *key, uint8_t *out, size_t cap)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (v == NULL || cJSON_IsNull(v))
		return 0;
	ck_assert_msg(cJSON_IsString(v), "member %s is not a string", key);
	return tu_hex(v->valuestring, out, cap);
}

cJSON *tu_vectors(const char *name)
{
	const char *dir = getenv("VAM_VECTORS");
	char path[512];
	FILE *f;
	long n;
	char *buf;
	cJSON *j;

	if (dir == NULL)
		dir = VAM_VECTORS_DIR;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert(buf != NULL);
	ck_assert_int_eq(fread(buf, 1, (size_t)n, f), n);
	buf[n] = 0;
	fclose(f);
	j = cJSON_Parse(buf);
	free(buf);
	ck_assert_msg(j != NULL, "cannot parse %s", path);
	return j;
}

uint64_t tu_num(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	ck_assert_msg(cJSON_IsNumber(v), "member %s is not a number", key);
	return (uint64_t)v->valuedouble;
}

uint32_t tu_ipv4(const char *s, uint16_t *port)
{
	char host[64];
	const char *colon = strchr(s, ':');
	size_t n = colon ? (size_t)(colon - s) : strlen(s);
	struct in_addr a;

	ck_assert(n < sizeof(host));
	memcpy(host, s, n);
	host[n] = 0;
	ck_assert_int_eq(inet_pton(AF_INET, host, &a), 1);
	if (port)
		*port = colon ? (uint16_t)atoi(colon + 1) : 0;
	return ntohl(a.s_addr);
}

unsigned int tu_u16s(const cJSON *arr, uint16_t *out, unsigned int cap)
{
	unsigned int n = 0;
	const cJSON *e;

	cJSON_ArrayForEach(e, arr)
	{
		ck_assert(n < cap);
		out[n++] = (uint16_t)e->valuedouble;
	}
	return n;
}

/* -------------------------------------------------------------------------- */
/* Record protection: the spec's suite tables and hand-built datagrams        */
/* -------------------------------------------------------------------------- */

static const uint16_t encs[] = { 0, 3, 4, 5, 9, 10, 11 };
static const uint16_t integs[] = { 0, 2, 3, 4, 5 };

bool tu_is_cbc(uint16_t enc)
{
	return enc == 3 || enc == 4 || enc == 5;
}

bool tu_is_aead(uint16_t enc)
{
	return enc == 9 || enc == 10 || enc == 11;
}

size_t tu_icv_len(uint16_t integ)
{
	switch (integ) {
	case 2:
		return 12;
	case 3:
		return 16;
	case 4:
		return 24;
	case 5:
		return 32;
	default:
		return 0;
	}
}

uint8_t tu_want_flags(struct vam_suite s)
{
	if (s.enc != 0)
		return 0x03;
	return s.integ != 0 ? 0x02 : 0x00;
}

bool tu_is_none(struct vam_suite s)
{
	return s.enc == 0 && s.integ == 0;
}

const char *tu_sname(struct vam_suite s)
{
	static char buf[64];
	const struct vam_enc_info *e = vam_enc_info(s.enc);
	const struct vam_integ_info *g = vam_integ_info(s.integ);

	snprintf(buf, sizeof(buf), "%s/%s", e ? e->name : "?", g ? g->name : "?");
	return buf;
}

unsigned int tu_valid_suites(struct vam_suite *out)
{
	unsigned int n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(encs); i++)
		for (size_t j = 0; j < ARRAY_SIZE(integs); j++) {
			struct vam_suite s = { encs[i], integs[j] };

			if (vam_suite_valid(s))
				out[n++] = s;
		}
	return n;
}

void tu_rand_keys(struct vam_dir_keys *k)
{
	ck_assert_int_eq(vam_random(k, sizeof(*k)), 0);
}

void tu_mk_hdr(struct vam_hdr *h, uint8_t type, uint8_t code, uint32_t id, uint64_t seq)
{
	memset(h, 0, sizeof(*h));
	h->ver = VAM_VERSION;
	h->type = type;
	h->code = code;
	h->id = id;
	h->seq = seq;
}

enum vam_drop tu_want_cut(struct vam_suite s, size_t blen)
{
	size_t icv = tu_icv_len(s.integ);

	if (tu_is_aead(s.enc))
		return blen < 16 ? VAM_DROP_SHORT : VAM_DROP_INTEGRITY;
	if (tu_is_cbc(s.enc)) {
		if (blen < 16 + 16 + icv)
			return VAM_DROP_SHORT;
		if ((blen - 16 - icv) % 16)
			return VAM_DROP_DECRYPT;
		return VAM_DROP_INTEGRITY;
	}
	return blen < icv ? VAM_DROP_SHORT : VAM_DROP_INTEGRITY;
}

static const EVP_CIPHER *cbc_cipher(uint16_t enc)
{
	switch (enc) {
	case 3:
		return EVP_aes_128_cbc();
	case 4:
		return EVP_aes_192_cbc();
	default:
		return EVP_aes_256_cbc();
	}
}

const EVP_MD *tu_hmac_md(uint16_t integ, int *key_len)
{
	switch (integ) {
	case 2:
		*key_len = 20;
		return EVP_sha1();
	case 3:
		*key_len = 32;
		return EVP_sha256();
	case 4:
		*key_len = 48;
		return EVP_sha384();
	default:
		*key_len = 64;
		return EVP_sha512();
	}
}

size_t tu_forge_cbc(struct vam_suite s, const struct vam_dir_keys *k, uint8_t type,
		    uint8_t code, uint64_t seq, const uint8_t *in, size_t n, bool encrypt,
		    uint8_t *out)
{
	uint8_t *iv = out + VAM_HDR_LEN, *ct = iv + VAM_IV_LEN, mac[EVP_MAX_MD_SIZE];
	unsigned int mac_len = 0;
	struct vam_hdr h;
	int key_len, l1 = 0, l2 = 0;
	const EVP_MD *md = tu_hmac_md(s.integ, &key_len);

	tu_mk_hdr(&h, type, code, 0x1885350e, seq);
	h.flags = 0x03;
	vam_hdr_encode(&h, out);
	ck_assert_int_eq(vam_random(iv, VAM_IV_LEN), 0);
	if (encrypt) {
		EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();

		ck_assert_uint_eq(n % 16, 0);
		ck_assert_ptr_nonnull(c);
		ck_assert_int_eq(EVP_EncryptInit_ex(c, cbc_cipher(s.enc), NULL, k->enc, iv), 1);
		ck_assert_int_eq(EVP_CIPHER_CTX_set_padding(c, 0), 1);
		ck_assert_int_eq(EVP_EncryptUpdate(c, ct, &l1, in, (int)n), 1);
		ck_assert_int_eq(EVP_EncryptFinal_ex(c, ct + l1, &l2), 1);
		ck_assert_uint_eq((size_t)(l1 + l2), n);
		EVP_CIPHER_CTX_free(c);
	} else if (n) {
		memcpy(ct, in, n);
	}
	ck_assert_ptr_nonnull(HMAC(md, k->integ, key_len, out, VAM_HDR_LEN + VAM_IV_LEN + n, mac,
				   &mac_len));
	memcpy(ct + n, mac, tu_icv_len(s.integ));
	return VAM_HDR_LEN + VAM_IV_LEN + n + tu_icv_len(s.integ);
}

int tu_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
