/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Record protection (spec 6.5, S-02, S-13, S-21, S-24..S-27) and the receive
 * order of session and boot messages (S-04, S-05, S-28, S-29).
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "testutil.h"
#include "vam_keys.h"
#include "vam_record.h"
#include "vam_replay.h"
#include "vam_rx.h"
#include "vam_suite.h"
#include "vam_wire.h"

#define ck_mem(a, b, n, what) ck_assert_msg(memcmp((a), (b), (n)) == 0, "%s differs", what)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define DG_MAX	(VAM_HDR_LEN + 1500 + 2 * VAM_BLOCK + VAM_ICV_MAX)

static const uint16_t encs[] = { 0, 3, 4, 5, 9, 10, 11 };
static const uint16_t integs[] = { 0, 2, 3, 4, 5 };
static const size_t pt_lens[] = { 0, 1, 15, 16, 17, 100, 1400 };

/* The spec's tables, restated here so the library is not its own oracle. */
static bool is_cbc(uint16_t enc)
{
	return enc == 3 || enc == 4 || enc == 5;
}

static bool is_aead(uint16_t enc)
{
	return enc == 9 || enc == 10 || enc == 11;
}

static size_t icv_len(uint16_t integ)
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

static size_t want_body(struct vam_suite s, size_t pt)
{
	if (is_aead(s.enc))
		return pt + 16;
	if (is_cbc(s.enc))
		return 16 + (pt / 16 + 1) * 16 + icv_len(s.integ);
	return pt + icv_len(s.integ);
}

static uint8_t want_flags(struct vam_suite s)
{
	if (s.enc != 0)
		return 0x03;
	return s.integ != 0 ? 0x02 : 0x00;
}

static bool is_none(struct vam_suite s)
{
	return s.enc == 0 && s.integ == 0;
}

static const char *sname(struct vam_suite s)
{
	static char buf[64];
	const struct vam_enc_info *e = vam_enc_info(s.enc);
	const struct vam_integ_info *g = vam_integ_info(s.integ);

	snprintf(buf, sizeof(buf), "%s/%s", e ? e->name : "?", g ? g->name : "?");
	return buf;
}

/* The valid suites of the enc x integ grid. */
static unsigned int valid_suites(struct vam_suite *out)
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

static void rand_keys(struct vam_dir_keys *k)
{
	ck_assert_int_eq(vam_random(k, sizeof(*k)), 0);
}

static void mk_hdr(struct vam_hdr *h, uint8_t type, uint8_t code, uint32_t id, uint64_t seq)
{
	memset(h, 0, sizeof(*h));
	h->ver = VAM_VERSION;
	h->type = type;
	h->code = code;
	h->id = id;
	h->seq = seq;
}

/* -------------------------------------------------------------------------- */
/* Suites                                                                     */
/* -------------------------------------------------------------------------- */

START_TEST(suite_grid)
{
	struct vam_suite v[64];
	unsigned int n = valid_suites(v);

	ck_assert_uint_eq(n, 20);
	for (unsigned int i = 0; i < n; i++) {
		/* S-13: integrity 0 only with encryption 0; AEADs carry integrity 0. */
		ck_assert(!is_cbc(v[i].enc) || v[i].integ != 0);
		ck_assert(!is_aead(v[i].enc) || v[i].integ == 0);
		ck_assert_uint_eq(vam_suite_flags(v[i]), want_flags(v[i]));
		ck_assert_uint_eq(vam_suite_min_body(v[i]), want_body(v[i], 0));
	}
}
END_TEST

START_TEST(suite_invalid)
{
	static const uint16_t e_ids[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0xffff };
	static const uint16_t i_ids[] = { 0, 1, 2, 3, 4, 5, 6, 7, 0xffff };
	static const struct vam_suite named[] = {
		{ VAM_ENC_AES128_CBC, VAM_INTEG_NONE },
		{ VAM_ENC_AES128_GCM, VAM_INTEG_HMAC_SHA256 },
		{ 1, 3 }, { 2, 3 }, { 6, 3 }, { 7, 3 }, { 8, 3 },
		{ 1, 0 }, { 2, 0 }, { 6, 0 }, { 7, 0 }, { 8, 0 },
		{ 0, 1 }, { 0, 6 }, { 3, 1 }, { 3, 6 },
	};
	struct vam_dir_keys k;
	struct vam_hdr h;
	uint8_t out[DG_MAX], five[5] = { 0 };

	rand_keys(&k);
	mk_hdr(&h, VAM_KEEPALIVE, 0, 1, 1);
	for (size_t i = 0; i < ARRAY_SIZE(named); i++) {
		ck_assert_msg(!vam_suite_valid(named[i]), "%u/%u valid", named[i].enc,
			      named[i].integ);
		ck_assert_int_eq(vam_seal(named[i], &k, &h, five, 5, NULL, out, sizeof(out)), -1);
	}
	for (size_t i = 0; i < ARRAY_SIZE(e_ids); i++)
		for (size_t j = 0; j < ARRAY_SIZE(i_ids); j++) {
			struct vam_suite s = { e_ids[i], i_ids[j] };
			bool e_ok = e_ids[i] == 0 || is_cbc(e_ids[i]) || is_aead(e_ids[i]);
			bool i_ok = i_ids[j] == 0 || icv_len(i_ids[j]) != 0;
			bool want = e_ok && i_ok && (!is_cbc(s.enc) || s.integ != 0) &&
				    (!is_aead(s.enc) || s.integ == 0);
			uint8_t pt[4] = { 1, 2, 3, 4 };

			ck_assert_msg(vam_suite_valid(s) == want, "suite %u/%u", s.enc, s.integ);
			if (!want)
				ck_assert_int_eq(vam_seal(s, &k, &h, pt, sizeof(pt), NULL, out,
							  sizeof(out)),
						 -1);
		}
}
END_TEST

/* -------------------------------------------------------------------------- */
/* Seal and unseal                                                            */
/* -------------------------------------------------------------------------- */

START_TEST(roundtrip)
{
	struct vam_suite v[64];
	unsigned int n = valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		struct vam_dir_keys k, other;

		rand_keys(&k);
		rand_keys(&other);
		for (size_t j = 0; j < ARRAY_SIZE(pt_lens); j++) {
			size_t len = pt_lens[j], back_len = 0;
			uint8_t pt[1500], out[DG_MAX], back[DG_MAX];
			const uint8_t *body = out + VAM_HDR_LEN;
			struct vam_hdr h, d;
			uint32_t id;
			long dl;

			ck_assert_int_eq(vam_random(pt, len), 0);
			ck_assert_int_eq(vam_random(&id, sizeof(id)), 0);
			mk_hdr(&h, VAM_KEEPALIVE, 0, id, 1000 + j);
			/* The suite decides the flags, not the caller. */
			h.flags = 0xff ^ want_flags(v[i]);
			dl = vam_seal(v[i], &k, &h, pt, len, NULL, out, sizeof(out));
			ck_assert_msg(dl == (long)(VAM_HDR_LEN + want_body(v[i], len)),
				      "%s, %zu bytes: datagram of %ld", sname(v[i]), len, dl);
			ck_assert_uint_eq(vam_suite_body_len(v[i], len), want_body(v[i], len));
			vam_hdr_decode(out, &d);
			ck_assert_uint_eq(d.ver, 1);
			ck_assert_uint_eq(d.type, VAM_KEEPALIVE);
			ck_assert_uint_eq(d.flags, want_flags(v[i]));
			ck_assert_uint_eq(d.flags, vam_suite_flags(v[i]));
			ck_assert_uint_eq(d.code, 0);
			ck_assert_uint_eq(d.id, id);
			ck_assert_uint_eq(d.seq, 1000 + j);
			if (v[i].enc == 0)
				ck_mem(body, pt, len, "plaintext body");
			else if (len >= 16)
				ck_assert_msg(memcmp(body + (is_cbc(v[i].enc) ? 16 : 0), pt, len) !=
						      0,
					      "%s: body not encrypted", sname(v[i]));

			memset(back, 0xee, sizeof(back));
			ck_assert_int_eq(vam_unseal(v[i], &k, out, (size_t)dl, back, sizeof(back),
						    &back_len),
					 VAM_OK);
			ck_assert_uint_eq(back_len, len);
			ck_mem(back, pt, len, "unsealed plaintext");
			if (!is_none(v[i]))
				ck_assert_msg(vam_unseal(v[i], &other, out, (size_t)dl, back,
							 sizeof(back), &back_len) ==
						      VAM_DROP_INTEGRITY,
					      "%s: other keys accepted", sname(v[i]));
		}
	}
}
END_TEST

/*
 * A single changed byte leaves the length alone, so the S-26/S-27 length
 * checks (short, CBC block multiple) pass and the ICV/tag check fails first:
 * integrity, for the header and every body byte alike.
 */
START_TEST(flip_each_byte)
{
	static const uint8_t masks[] = { 0x01, 0x80, 0xff };
	struct vam_suite v[64];
	unsigned int n = valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		struct vam_dir_keys k;

		if (is_none(v[i]))
			continue;
		rand_keys(&k);
		for (size_t j = 0; j < ARRAY_SIZE(pt_lens); j++) {
			uint8_t pt[1500], out[DG_MAX], back[DG_MAX];
			struct vam_hdr h;
			size_t back_len;
			long dl;

			memset(pt, (int)j, sizeof(pt));
			mk_hdr(&h, VAM_DATA, 0, 0x1885350e, 7);
			dl = vam_seal(v[i], &k, &h, pt, pt_lens[j], NULL, out, sizeof(out));
			ck_assert_int_gt(dl, 0);
			for (long p = 0; p < dl; p++)
				for (size_t m = 0; m < ARRAY_SIZE(masks); m++) {
					enum vam_drop d;

					out[p] ^= masks[m];
					d = vam_unseal(v[i], &k, out, (size_t)dl, back,
						       sizeof(back), &back_len);
					out[p] ^= masks[m];
					ck_assert_msg(d == VAM_DROP_INTEGRITY,
						      "%s, %zu bytes: byte %ld ^ %02x gave %d",
						      sname(v[i]), pt_lens[j], p, masks[m], d);
				}
			ck_assert_int_eq(vam_unseal(v[i], &k, out, (size_t)dl, back, sizeof(back),
						    &back_len),
					 VAM_OK);
		}
	}
}
END_TEST

/* S-26 / S-27 for a body of blen bytes that was cut from a genuine one. */
static enum vam_drop want_cut(struct vam_suite s, size_t blen)
{
	size_t icv = icv_len(s.integ);

	if (is_aead(s.enc))
		return blen < 16 ? VAM_DROP_SHORT : VAM_DROP_INTEGRITY;
	if (is_cbc(s.enc)) {
		if (blen < 16 + 16 + icv)
			return VAM_DROP_SHORT;
		if ((blen - 16 - icv) % 16)
			return VAM_DROP_DECRYPT;
		return VAM_DROP_INTEGRITY;
	}
	return blen < icv ? VAM_DROP_SHORT : VAM_DROP_INTEGRITY;
}

START_TEST(cut_short)
{
	struct vam_suite v[64];
	unsigned int n = valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		struct vam_dir_keys k;

		if (is_none(v[i]))
			continue;
		rand_keys(&k);
		for (size_t j = 0; j < ARRAY_SIZE(pt_lens); j++) {
			uint8_t pt[1500], out[DG_MAX], back[DG_MAX];
			struct vam_hdr h;
			size_t back_len, blen;
			long dl;

			memset(pt, 0x42, sizeof(pt));
			mk_hdr(&h, VAM_DATA, 0, 0x1885350e, 9);
			dl = vam_seal(v[i], &k, &h, pt, pt_lens[j], NULL, out, sizeof(out));
			ck_assert_int_gt(dl, 0);
			blen = (size_t)dl - VAM_HDR_LEN;
			/* By one byte, as the brief case; then every shorter body too. */
			ck_assert_msg(vam_unseal(v[i], &k, out, (size_t)dl - 1, back, sizeof(back),
						 &back_len) == want_cut(v[i], blen - 1),
				      "%s, %zu bytes, cut by 1", sname(v[i]), pt_lens[j]);
			ck_assert_int_ne(want_cut(v[i], blen - 1), VAM_OK);
			for (size_t b = 0; b < blen; b++)
				ck_assert_msg(vam_unseal(v[i], &k, out, VAM_HDR_LEN + b, back,
							 sizeof(back), &back_len) ==
						      want_cut(v[i], b),
					      "%s, %zu bytes, body cut to %zu", sname(v[i]),
					      pt_lens[j], b);
			for (size_t b = 0; b < VAM_HDR_LEN; b++)
				ck_assert_int_eq(vam_unseal(v[i], &k, out, b, back, sizeof(back),
							    &back_len),
						 VAM_DROP_SHORT);
		}
	}
}
END_TEST

START_TEST(cbc_iv)
{
	struct vam_suite v[64];
	unsigned int n = valid_suites(v), cbc = 0;

	for (unsigned int i = 0; i < n; i++) {
		uint8_t a[DG_MAX], b[DG_MAX], iv[VAM_IV_LEN], pt[40], back[DG_MAX];
		struct vam_dir_keys k;
		struct vam_hdr h;
		size_t back_len;
		long la, lb;

		if (!is_cbc(v[i].enc))
			continue;
		cbc++;
		rand_keys(&k);
		memset(pt, 0x33, sizeof(pt));
		mk_hdr(&h, VAM_REG_REQ, 0, 77, 3);
		la = vam_seal(v[i], &k, &h, pt, sizeof(pt), NULL, a, sizeof(a));
		lb = vam_seal(v[i], &k, &h, pt, sizeof(pt), NULL, b, sizeof(b));
		ck_assert_int_eq(la, lb);
		ck_assert_msg(memcmp(a + VAM_HDR_LEN, b + VAM_HDR_LEN, VAM_IV_LEN) != 0,
			      "%s: the same IV twice", sname(v[i]));
		ck_assert(memcmp(a, b, (size_t)la) != 0);
		ck_assert_int_eq(vam_unseal(v[i], &k, a, (size_t)la, back, sizeof(back), &back_len),
				 VAM_OK);
		ck_assert_int_eq(vam_unseal(v[i], &k, b, (size_t)lb, back, sizeof(back), &back_len),
				 VAM_OK);
		/* A given IV is used as is, and then the output is deterministic. */
		memset(iv, 0x5c, sizeof(iv));
		la = vam_seal(v[i], &k, &h, pt, sizeof(pt), iv, a, sizeof(a));
		lb = vam_seal(v[i], &k, &h, pt, sizeof(pt), iv, b, sizeof(b));
		ck_mem(a + VAM_HDR_LEN, iv, VAM_IV_LEN, "IV");
		ck_assert_int_eq(la, lb);
		ck_mem(a, b, (size_t)la, "datagram with a fixed IV");
	}
	ck_assert_uint_eq(cbc, 12);
}
END_TEST

START_TEST(seal_small_buffer)
{
	struct vam_suite v[64];
	unsigned int n = valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		uint8_t out[DG_MAX + 16], pt[17];
		struct vam_dir_keys k;
		struct vam_hdr h;
		size_t need = VAM_HDR_LEN + want_body(v[i], sizeof(pt));

		rand_keys(&k);
		memset(pt, 1, sizeof(pt));
		mk_hdr(&h, VAM_KEEPALIVE, 0, 5, 5);
		memset(out, 0xee, sizeof(out));
		ck_assert_int_eq(vam_seal(v[i], &k, &h, pt, sizeof(pt), NULL, out, need - 1), -1);
		ck_assert_int_eq(vam_seal(v[i], &k, &h, pt, sizeof(pt), NULL, out, VAM_HDR_LEN),
				 -1);
		ck_assert_int_eq(vam_seal(v[i], &k, &h, pt, sizeof(pt), NULL, out, 15), -1);
		ck_assert_int_eq(vam_seal(v[i], &k, &h, pt, sizeof(pt), NULL, out, 0), -1);
		ck_assert_int_eq(vam_seal(v[i], &k, &h, pt, sizeof(pt), NULL, out, need),
				 (long)need);
		for (size_t b = need; b < sizeof(out); b++)
			ck_assert_msg(out[b] == 0xee, "%s: byte %zu written past cap", sname(v[i]),
				      b);
	}
}
END_TEST

/* -------------------------------------------------------------------------- */
/* Datagrams built by hand with OpenSSL (S-25..S-27)                          */
/* -------------------------------------------------------------------------- */

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

static const EVP_MD *hmac_md(uint16_t integ, int *key_len)
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

/*
 * hdr || iv || ct || icv with a correct ICV. If encrypt, ct is the CBC
 * encryption of `in` (n a multiple of 16, no padding added); otherwise ct is
 * `in` as given (any length). Returns the datagram length.
 */
static size_t forge_cbc(struct vam_suite s, const struct vam_dir_keys *k, uint8_t type,
			uint8_t code, uint64_t seq, const uint8_t *in, size_t n, bool encrypt,
			uint8_t *out)
{
	uint8_t *iv = out + VAM_HDR_LEN, *ct = iv + VAM_IV_LEN, mac[EVP_MAX_MD_SIZE];
	unsigned int mac_len = 0;
	struct vam_hdr h;
	int key_len, l1 = 0, l2 = 0;
	const EVP_MD *md = hmac_md(s.integ, &key_len);

	mk_hdr(&h, type, code, 0x1885350e, seq);
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
	memcpy(ct + n, mac, icv_len(s.integ));
	return VAM_HDR_LEN + VAM_IV_LEN + n + icv_len(s.integ);
}

START_TEST(cbc_forge_matches_seal)
{
	struct vam_suite v[64];
	unsigned int n = valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		uint8_t padded[48], a[DG_MAX], b[DG_MAX];
		struct vam_dir_keys k;
		struct vam_hdr h;
		size_t fl;
		long sl;

		if (!is_cbc(v[i].enc))
			continue;
		rand_keys(&k);
		/* 21 bytes of plaintext, 11 bytes of PKCS#7 padding. */
		memset(padded, 0x61, 21);
		memset(padded + 21, 11, 11);
		fl = forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 4, padded, 32, true, a);
		mk_hdr(&h, VAM_KEEPALIVE, 0, 0x1885350e, 4);
		sl = vam_seal(v[i], &k, &h, padded, 21, a + VAM_HDR_LEN, b, sizeof(b));
		ck_assert_int_eq(sl, (long)fl);
		ck_mem(a, b, fl, "hand-built CBC datagram");
		/* An aligned plaintext gets a full block of 16s. */
		memset(padded, 0x62, 16);
		memset(padded + 16, 16, 16);
		fl = forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 4, padded, 32, true, a);
		sl = vam_seal(v[i], &k, &h, padded, 16, a + VAM_HDR_LEN, b, sizeof(b));
		ck_assert_int_eq(sl, (long)fl);
		ck_mem(a, b, fl, "hand-built CBC datagram, full pad block");
	}
}
END_TEST

static const EVP_CIPHER *aead_cipher(uint16_t enc)
{
	switch (enc) {
	case 9:
		return EVP_aes_128_gcm();
	case 10:
		return EVP_aes_256_gcm();
	default:
		return EVP_chacha20_poly1305();
	}
}

/* AEAD: nonce = salt || u64 seq, aad = the header, body = ct || tag (S-27). */
START_TEST(aead_forge_matches_seal)
{
	struct vam_suite v[64];
	unsigned int n = valid_suites(v), aead = 0;

	for (unsigned int i = 0; i < n; i++) {
		for (size_t j = 0; j < ARRAY_SIZE(pt_lens); j++) {
			uint8_t pt[1500], want[DG_MAX], got[DG_MAX], nonce[12];
			size_t len = pt_lens[j];
			struct vam_dir_keys k;
			struct vam_hdr h;
			EVP_CIPHER_CTX *c;
			int l1 = 0, l2 = 0;
			long sl;

			if (!is_aead(v[i].enc))
				continue;
			aead += j == 0;
			rand_keys(&k);
			ck_assert_int_eq(vam_random(pt, len), 0);
			mk_hdr(&h, VAM_DATA, 0, 0x11a45d03, UINT64_C(0x0102030405060708) + j);
			h.flags = 0x03;
			vam_hdr_encode(&h, want);
			memcpy(nonce, k.salt, 4);
			memcpy(nonce + 4, want + 8, 8);
			c = EVP_CIPHER_CTX_new();
			ck_assert_ptr_nonnull(c);
			ck_assert_int_eq(EVP_EncryptInit_ex(c, aead_cipher(v[i].enc), NULL, NULL,
							    NULL),
					 1);
			ck_assert_int_eq(EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_IVLEN, 12, NULL),
					 1);
			ck_assert_int_eq(EVP_EncryptInit_ex(c, NULL, NULL, k.enc, nonce), 1);
			ck_assert_int_eq(EVP_EncryptUpdate(c, NULL, &l1, want, VAM_HDR_LEN), 1);
			if (len)
				ck_assert_int_eq(EVP_EncryptUpdate(c, want + VAM_HDR_LEN, &l1, pt,
								   (int)len),
						 1);
			ck_assert_int_eq(EVP_EncryptFinal_ex(c, want + VAM_HDR_LEN + len, &l2), 1);
			ck_assert_int_eq(EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, 16,
							     want + VAM_HDR_LEN + len),
					 1);
			EVP_CIPHER_CTX_free(c);
			sl = vam_seal(v[i], &k, &h, pt, len, NULL, got, sizeof(got));
			ck_assert_int_eq(sl, (long)(VAM_HDR_LEN + len + 16));
			ck_assert_msg(memcmp(got, want, (size_t)sl) == 0, "%s, %zu bytes differ",
				      sname(v[i]), len);
		}
	}
	ck_assert_uint_eq(aead, 3);
}
END_TEST

/* Integrity only: body = pt || HMAC(hdr || pt) truncated (S-25). */
START_TEST(integ_forge_matches_seal)
{
	for (uint16_t g = 2; g <= 5; g++) {
		struct vam_suite s = { VAM_ENC_NONE, g };
		uint8_t pt[100], want[DG_MAX], got[DG_MAX], mac[EVP_MAX_MD_SIZE];
		unsigned int mac_len = 0;
		struct vam_dir_keys k;
		struct vam_hdr h;
		int key_len;
		const EVP_MD *md = hmac_md(g, &key_len);
		long sl;

		rand_keys(&k);
		memset(pt, 0x71, sizeof(pt));
		mk_hdr(&h, VAM_RESOLVE_REQ, 0, 0x1885350e, 12);
		h.flags = 0x02;
		vam_hdr_encode(&h, want);
		memcpy(want + VAM_HDR_LEN, pt, sizeof(pt));
		ck_assert_ptr_nonnull(HMAC(md, k.integ, key_len, want, VAM_HDR_LEN + sizeof(pt),
					   mac, &mac_len));
		memcpy(want + VAM_HDR_LEN + sizeof(pt), mac, icv_len(g));
		sl = vam_seal(s, &k, &h, pt, sizeof(pt), NULL, got, sizeof(got));
		ck_assert_int_eq(sl, (long)(VAM_HDR_LEN + sizeof(pt) + icv_len(g)));
		ck_assert_msg(memcmp(got, want, (size_t)sl) == 0, "%s differs", sname(s));
	}
}
END_TEST

START_TEST(cbc_padding)
{
	struct vam_suite v[64];
	unsigned int n = valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		uint8_t blk[48], d[DG_MAX], back[DG_MAX];
		struct vam_dir_keys k;
		size_t dl, back_len = 0, icv = icv_len(v[i].integ);

		if (!is_cbc(v[i].enc))
			continue;
		rand_keys(&k);

		/* The forger is right: good padding passes. */
		memcpy(blk, "hello", 5);
		memset(blk + 5, 11, 11);
		dl = forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 16, true, d);
		ck_assert_int_eq(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len),
				 VAM_OK);
		ck_assert_uint_eq(back_len, 5);
		ck_mem(back, "hello", 5, "plaintext");
		memset(blk, 0x11, 16);
		memset(blk + 16, 16, 16);
		dl = forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 32, true, d);
		ck_assert_int_eq(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len),
				 VAM_OK);
		ck_assert_uint_eq(back_len, 16);

		/* Last byte 0. */
		memset(blk, 0, 16);
		dl = forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 16, true, d);
		ck_assert_int_eq(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len),
				 VAM_DROP_DECRYPT);
		/* Last byte 17, and the 17 bytes before all 17: only the 1..16 bound fails. */
		memset(blk, 17, 32);
		dl = forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 32, true, d);
		ck_assert_int_eq(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len),
				 VAM_DROP_DECRYPT);
		memset(blk, 0xff, 32);
		dl = forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 32, true, d);
		ck_assert_int_eq(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len),
				 VAM_DROP_DECRYPT);
		/* Inconsistent: last byte 4, one of the three before it is not. */
		for (unsigned int bad = 12; bad < 15; bad++) {
			memset(blk, 0x41, 16);
			memset(blk + 12, 4, 4);
			blk[bad] = 3;
			dl = forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 16, true, d);
			ck_assert_msg(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len) ==
					      VAM_DROP_DECRYPT,
				      "%s: pad 4 with byte %u wrong", sname(v[i]), bad);
		}
		/* A full pad block whose first byte is off. */
		memset(blk, 16, 16);
		blk[0] = 15;
		dl = forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 16, true, d);
		ck_assert_int_eq(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len),
				 VAM_DROP_DECRYPT);
		/* Bad padding under a bad ICV: the ICV is checked first (S-26). */
		memset(blk, 0, 16);
		dl = forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 16, true, d);
		d[dl - 1] ^= 1;
		ck_assert_int_eq(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len),
				 VAM_DROP_INTEGRITY);

		/* Ciphertext not a multiple of 16, with a valid ICV; then with a bad one. */
		memset(blk, 0x5a, sizeof(blk));
		for (size_t ct = 17; ct <= 47; ct += 2) {
			dl = forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, ct, false, d);
			ck_assert_msg(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len) ==
					      VAM_DROP_DECRYPT,
				      "%s: ciphertext of %zu bytes", sname(v[i]), ct);
			d[dl - 1] ^= 1;
			ck_assert_msg(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len) ==
					      VAM_DROP_DECRYPT,
				      "%s: ciphertext of %zu bytes, bad ICV", sname(v[i]), ct);
		}

		/* Body shorter than 16 + 16 + ICV: short, before the block rule and the ICV. */
		for (size_t ct = 0; ct < 16; ct++) {
			dl = forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, ct, false, d);
			ck_assert_uint_eq(dl - VAM_HDR_LEN, 16 + ct + icv);
			ck_assert_msg(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len) ==
					      VAM_DROP_SHORT,
				      "%s: ciphertext of %zu bytes", sname(v[i]), ct);
		}
		dl = forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 16, false, d);
		ck_assert_int_eq(vam_unseal(v[i], &k, d, dl - 1, back, sizeof(back), &back_len),
				 VAM_DROP_SHORT);
	}
}
END_TEST

/* -------------------------------------------------------------------------- */
/* Session receive order (S-28, S-29 steps 5..9)                              */
/* -------------------------------------------------------------------------- */

struct pkt {
	uint8_t d[DG_MAX];
	size_t len;
	struct vam_hdr h;
};

/* A genuine datagram as the peer would send it, with its header checked. */
static void mk_pkt(struct pkt *p, struct vam_suite s, const struct vam_dir_keys *k, uint8_t type,
		   uint8_t code, uint64_t seq)
{
	static const uint8_t body[] = { 0x00, 0x1a, 0x00, 0x02, 'o', 'k' };
	enum vam_chan ch = type == VAM_DATA ? VAM_CHAN_DATA : VAM_CHAN_CTRL;
	enum vam_side side = vam_type_is_c2s(type) ? VAM_SIDE_SERVER : VAM_SIDE_CLIENT;
	struct vam_hdr h;
	long n;

	mk_hdr(&h, type, code, 0x2a, seq);
	n = vam_seal(s, k, &h, body, sizeof(body), NULL, p->d, sizeof(p->d));
	ck_assert_int_gt(n, 0);
	p->len = (size_t)n;
	ck_assert_int_eq(vam_hdr_check(p->d, p->len, ch, side, &p->h), VAM_OK);
}

/* Its last byte changed: the ICV or tag fails (or, for none, nothing does). */
static void tamper(struct pkt *p)
{
	p->d[p->len - 1] ^= 0x40;
}

static void set_flags(struct pkt *p, uint8_t f)
{
	p->d[2] = f;
	p->h.flags = f;
}

static enum vam_drop rx(const struct vam_rx_keys *rk, const struct pkt *p,
			enum vam_replay_res *res)
{
	uint8_t pt[DG_MAX];
	size_t pt_len = 0;

	*res = (enum vam_replay_res)99;
	return vam_rx_session(rk, &p->h, p->d, p->len, pt, sizeof(pt), &pt_len, res);
}

START_TEST(rx_flags_first)
{
	struct vam_suite v[64];
	unsigned int n = valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		struct vam_replay win;
		struct vam_dir_keys k;
		struct vam_rx_keys rk = { v[i], &k, &win };
		enum vam_replay_res res;
		struct pkt p;

		rand_keys(&k);
		vam_replay_init(&win);
		mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 1);
		ck_assert_int_eq(rx(&rk, &p, &res), VAM_OK);
		for (unsigned int f = 0; f <= 3; f++) {
			if (f == want_flags(v[i]))
				continue;
			/* A replayed, tampered datagram with the wrong flags: bad flags. */
			mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 1);
			tamper(&p);
			set_flags(&p, (uint8_t)f);
			ck_assert_msg(rx(&rk, &p, &res) == VAM_DROP_BAD_FLAGS, "%s: flags %u",
				      sname(v[i]), f);
			/* A fresh seq with the wrong flags does not touch the window. */
			mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 2);
			set_flags(&p, (uint8_t)f);
			ck_assert_int_eq(rx(&rk, &p, &res), VAM_DROP_BAD_FLAGS);
			ck_assert_uint_eq(vam_replay_top(&win), 1);
		}
		mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 2);
		ck_assert_int_eq(rx(&rk, &p, &res), VAM_OK);
		ck_assert_int_eq(res, VAM_REPLAY_NEW_TOP);
	}
}
END_TEST

START_TEST(rx_replay_before_crypto)
{
	struct vam_suite v[64];
	unsigned int n = valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		static const uint64_t never[] = { 0, UINT64_C(1) << 63, (UINT64_C(1) << 63) + 1,
						  UINT64_MAX };
		struct vam_replay win;
		struct vam_dir_keys k;
		struct vam_rx_keys rk = { v[i], &k, &win };
		enum vam_replay_res res;
		struct pkt p;

		if (is_none(v[i]))
			continue;
		rand_keys(&k);
		vam_replay_init(&win);
		mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 5);
		ck_assert_int_eq(rx(&rk, &p, &res), VAM_OK);
		ck_assert_int_eq(rx(&rk, &p, &res), VAM_DROP_REPLAY);
		tamper(&p);
		ck_assert_msg(rx(&rk, &p, &res) == VAM_DROP_REPLAY, "%s: tampered replay",
			      sname(v[i]));
		/* The same tampered datagram with an unseen seq is an integrity drop. */
		mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 6);
		tamper(&p);
		ck_assert_int_eq(rx(&rk, &p, &res), VAM_DROP_INTEGRITY);
		/* seq 0 and seq >= 2^63 are never fresh (S-04), genuine or not. */
		for (size_t j = 0; j < ARRAY_SIZE(never); j++) {
			mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, never[j]);
			ck_assert_int_eq(rx(&rk, &p, &res), VAM_DROP_REPLAY);
			tamper(&p);
			ck_assert_int_eq(rx(&rk, &p, &res), VAM_DROP_REPLAY);
		}
		/* Below the window (S-28: top 2000, 976 rejected, 977 accepted). */
		mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 2000);
		ck_assert_int_eq(rx(&rk, &p, &res), VAM_OK);
		mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 976);
		ck_assert_int_eq(rx(&rk, &p, &res), VAM_DROP_REPLAY);
		tamper(&p);
		ck_assert_int_eq(rx(&rk, &p, &res), VAM_DROP_REPLAY);
		mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 977);
		tamper(&p);
		ck_assert_int_eq(rx(&rk, &p, &res), VAM_DROP_INTEGRITY);
		mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 977);
		ck_assert_int_eq(rx(&rk, &p, &res), VAM_OK);
		ck_assert_int_eq(res, VAM_REPLAY_ACCEPT);
	}
}
END_TEST

START_TEST(rx_failed_crypto_keeps_window)
{
	struct vam_suite v[64];
	unsigned int n = valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		struct vam_replay win;
		struct vam_dir_keys k;
		struct vam_rx_keys rk = { v[i], &k, &win };
		enum vam_replay_res res;
		struct pkt p;

		if (is_none(v[i]))
			continue;
		rand_keys(&k);
		vam_replay_init(&win);
		mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 7);
		tamper(&p);
		ck_assert_int_eq(rx(&rk, &p, &res), VAM_DROP_INTEGRITY);
		ck_assert_uint_eq(vam_replay_top(&win), 0);
		ck_assert(vam_replay_check(&win, 7));
		/* Cut short: short or decrypt, and still no window change. */
		mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 7);
		p.len -= 1;
		ck_assert_int_eq(rx(&rk, &p, &res), want_cut(v[i], p.len - VAM_HDR_LEN));
		ck_assert_uint_eq(vam_replay_top(&win), 0);
		/* CBC padding failure under a valid ICV: the window does not move either. */
		if (is_cbc(v[i].enc)) {
			uint8_t zero[16] = { 0 };

			p.len = forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 7, zero, 16, true, p.d);
			ck_assert_int_eq(vam_hdr_check(p.d, p.len, VAM_CHAN_CTRL, VAM_SIDE_SERVER,
						       &p.h),
					 VAM_OK);
			ck_assert_int_eq(rx(&rk, &p, &res), VAM_DROP_DECRYPT);
			ck_assert_uint_eq(vam_replay_top(&win), 0);
		}
		/* The genuine datagram with that seq is accepted afterwards. */
		mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 7);
		ck_assert_int_eq(rx(&rk, &p, &res), VAM_OK);
		ck_assert_int_eq(res, VAM_REPLAY_NEW_TOP);
		ck_assert_uint_eq(vam_replay_top(&win), 7);
	}
}
END_TEST

START_TEST(rx_request_code)
{
	static const uint8_t requests[] = { VAM_INIT_DONE_C, VAM_INIT_DONE_S, VAM_REG_REQ,
					    VAM_AUTH_REQ, VAM_AUTH_INFO, VAM_RESOLVE_REQ,
					    VAM_HUB_INFO, VAM_HUB_INFO_ACK, VAM_KEEPALIVE,
					    VAM_NET_REG_REQ, VAM_LOGOUT_REQ, VAM_DATA };
	static const struct {
		uint8_t type, code;
	} responses[] = {
		{ VAM_REG_RESP, VAM_CODE_AUTH_FAILED }, { VAM_REG_RESP, VAM_CODE_INVALID },
		{ VAM_RESOLVE_RESP, VAM_CODE_NOT_FOUND }, { VAM_NET_REG_RESP, VAM_CODE_CONFLICT },
		{ VAM_KEEPALIVE_ACK, VAM_CODE_INVALID }, { VAM_LOGOUT_RESP, VAM_CODE_INVALID },
		{ VAM_ERROR_NOTIFY, VAM_CODE_ADMIN_RESET }, { VAM_ERROR_NOTIFY, VAM_CODE_SHUTDOWN },
	};
	struct vam_suite v[64];
	unsigned int n = valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		struct vam_replay win;
		struct vam_dir_keys k;
		struct vam_rx_keys rk = { v[i], &k, &win };
		enum vam_replay_res res;
		uint64_t seq = 1;
		struct pkt p;

		rand_keys(&k);
		vam_replay_init(&win);
		for (size_t j = 0; j < ARRAY_SIZE(requests); j++) {
			/* Code 0 is fine. */
			mk_pkt(&p, v[i], &k, requests[j], 0, seq++);
			ck_assert_int_eq(rx(&rk, &p, &res), VAM_OK);
			/* Code != 0 with a valid ICV: malformed, after the window update. */
			mk_pkt(&p, v[i], &k, requests[j], VAM_CODE_INVALID, seq);
			ck_assert_msg(rx(&rk, &p, &res) == VAM_DROP_MALFORMED, "%s: %s code 7",
				      sname(v[i]), vam_type_name(requests[j]));
			ck_assert_int_eq(res, VAM_REPLAY_NEW_TOP);
			ck_assert_uint_eq(vam_replay_top(&win), seq);
			ck_assert_int_eq(rx(&rk, &p, &res), VAM_DROP_REPLAY);
			seq++;
			if (is_none(v[i]))
				continue;
			/* With a bad ICV it never gets that far. */
			mk_pkt(&p, v[i], &k, requests[j], 1, seq);
			tamper(&p);
			ck_assert_int_eq(rx(&rk, &p, &res), VAM_DROP_INTEGRITY);
			ck_assert_uint_eq(vam_replay_top(&win), seq - 1);
		}
		/* Responses may carry codes. */
		for (size_t j = 0; j < ARRAY_SIZE(responses); j++) {
			mk_pkt(&p, v[i], &k, responses[j].type, responses[j].code, seq++);
			ck_assert_msg(rx(&rk, &p, &res) == VAM_OK, "%s: %s code %u", sname(v[i]),
				      vam_type_name(responses[j].type), responses[j].code);
			ck_assert_int_eq(res, VAM_REPLAY_NEW_TOP);
		}
	}
}
END_TEST

START_TEST(rx_window_result)
{
	static const struct {
		uint64_t seq;
		enum vam_drop d;
		enum vam_replay_res res;
	} steps[] = {
		{ 1, VAM_OK, VAM_REPLAY_NEW_TOP },   { 2, VAM_OK, VAM_REPLAY_NEW_TOP },
		{ 3, VAM_OK, VAM_REPLAY_NEW_TOP },   { 10, VAM_OK, VAM_REPLAY_NEW_TOP },
		{ 5, VAM_OK, VAM_REPLAY_ACCEPT },    { 4, VAM_OK, VAM_REPLAY_ACCEPT },
		{ 5, VAM_DROP_REPLAY, 0 },	     { 10, VAM_DROP_REPLAY, 0 },
		{ 9, VAM_OK, VAM_REPLAY_ACCEPT },    { 11, VAM_OK, VAM_REPLAY_NEW_TOP },
		{ 1034, VAM_OK, VAM_REPLAY_NEW_TOP }, { 8, VAM_DROP_REPLAY, 0 },
		{ 11, VAM_DROP_REPLAY, 0 },	     { 12, VAM_OK, VAM_REPLAY_ACCEPT },
	};
	struct vam_suite s = { VAM_ENC_AES256_GCM, VAM_INTEG_NONE };
	struct vam_replay win;
	struct vam_dir_keys k;
	struct vam_rx_keys rk = { s, &k, &win };
	enum vam_replay_res res;
	struct pkt p;

	rand_keys(&k);
	vam_replay_init(&win);
	for (size_t j = 0; j < ARRAY_SIZE(steps); j++) {
		enum vam_drop d;

		mk_pkt(&p, s, &k, VAM_DATA, 0, steps[j].seq);
		d = rx(&rk, &p, &res);
		ck_assert_msg(d == steps[j].d, "step %zu seq %llu: %d", j,
			      (unsigned long long)steps[j].seq, d);
		if (d == VAM_OK)
			ck_assert_msg(res == steps[j].res, "step %zu seq %llu: res %d", j,
				      (unsigned long long)steps[j].seq, res);
	}
	ck_assert_uint_eq(vam_replay_top(&win), 1034);
}
END_TEST

/* -------------------------------------------------------------------------- */
/* Boot messages (S-02, S-04, S-05)                                           */
/* -------------------------------------------------------------------------- */

static void mk_boot(struct pkt *p, const struct vam_dir_keys *bk, uint8_t type, uint8_t code,
		    uint64_t seq, const uint8_t *body, size_t len)
{
	struct vam_hdr h;
	long n;

	mk_hdr(&h, type, code, 7, seq);
	n = vam_seal(VAM_SUITE_BOOT, bk, &h, body, len, NULL, p->d, sizeof(p->d));
	ck_assert_int_gt(n, 0);
	p->len = (size_t)n;
	ck_assert_int_eq(vam_hdr_check(p->d, p->len, VAM_CHAN_CTRL,
				       type == VAM_INIT_REQ ? VAM_SIDE_SERVER : VAM_SIDE_CLIENT,
				       &p->h),
			 VAM_OK);
}

static enum vam_drop boot_rx(const struct vam_dir_keys *bk, const struct pkt *p, uint8_t *pt,
			     size_t *pt_len)
{
	return vam_rx_boot(bk, &p->h, p->d, p->len, pt, DG_MAX, pt_len);
}

START_TEST(rx_boot)
{
	static const char psk[] = "vamgw unit test psk";
	uint8_t body[64], pt[DG_MAX];
	struct vam_dir_keys bk, bk2;
	size_t len = 0, pt_len = 0;
	struct pkt p;

	ck_assert_int_eq(vam_boot_keys((const uint8_t *)psk, strlen(psk), 7, &bk), 0);
	ck_assert_int_eq(vam_boot_keys((const uint8_t *)psk, strlen(psk), 8, &bk2), 0);
	len = tu_hex("0001000411a45d03" "0002002000112233445566778899aabbccddeeff"
		     "00112233445566778899aabbccddeeff", body, sizeof(body));

	mk_boot(&p, &bk, VAM_INIT_REQ, 0, 0, body, len);
	ck_assert_uint_eq(p.h.flags, 0x03);
	ck_assert_int_eq(boot_rx(&bk, &p, pt, &pt_len), VAM_OK);
	ck_assert_uint_eq(pt_len, len);
	ck_mem(pt, body, len, "INIT_REQ body");
	/* Another domain's boot keys. */
	ck_assert_int_eq(boot_rx(&bk2, &p, pt, &pt_len), VAM_DROP_INTEGRITY);

	/* Flags other than 0x03: bad flags, before the ICV. */
	for (unsigned int f = 0; f <= 2; f++) {
		mk_boot(&p, &bk, VAM_INIT_REQ, 0, 0, body, len);
		set_flags(&p, (uint8_t)f);
		ck_assert_msg(boot_rx(&bk, &p, pt, &pt_len) == VAM_DROP_BAD_FLAGS, "flags %u", f);
		mk_boot(&p, &bk, VAM_INIT_RESP, 1, 0, body, 0);
		set_flags(&p, (uint8_t)f);
		ck_assert_int_eq(boot_rx(&bk, &p, pt, &pt_len), VAM_DROP_BAD_FLAGS);
	}

	/* seq != 0: malformed, but only once the ICV is valid (S-04, S-29 step 9). */
	mk_boot(&p, &bk, VAM_INIT_REQ, 0, 1, body, len);
	ck_assert_int_eq(boot_rx(&bk, &p, pt, &pt_len), VAM_DROP_MALFORMED);
	tamper(&p);
	ck_assert_int_eq(boot_rx(&bk, &p, pt, &pt_len), VAM_DROP_INTEGRITY);
	mk_boot(&p, &bk, VAM_INIT_REQ, 0, UINT64_C(1) << 63, body, len);
	ck_assert_int_eq(boot_rx(&bk, &p, pt, &pt_len), VAM_DROP_MALFORMED);
	mk_boot(&p, &bk, VAM_INIT_RESP, 0, 1, body, len);
	ck_assert_int_eq(boot_rx(&bk, &p, pt, &pt_len), VAM_DROP_MALFORMED);

	/* INIT_REQ is a request: code 1 is malformed (after the ICV). */
	mk_boot(&p, &bk, VAM_INIT_REQ, 1, 0, body, len);
	ck_assert_int_eq(boot_rx(&bk, &p, pt, &pt_len), VAM_DROP_MALFORMED);
	tamper(&p);
	ck_assert_int_eq(boot_rx(&bk, &p, pt, &pt_len), VAM_DROP_INTEGRITY);

	/* INIT_RESP is a response: codes are fine. */
	mk_boot(&p, &bk, VAM_INIT_RESP, VAM_CODE_NO_PROPOSAL, 0, body, 0);
	ck_assert_int_eq(boot_rx(&bk, &p, pt, &pt_len), VAM_OK);
	ck_assert_uint_eq(pt_len, 0);
	mk_boot(&p, &bk, VAM_INIT_RESP, VAM_CODE_INVALID, 0, body, 0);
	ck_assert_int_eq(boot_rx(&bk, &p, pt, &pt_len), VAM_OK);
	mk_boot(&p, &bk, VAM_INIT_RESP, VAM_CODE_CAPACITY, 0, body, len);
	ck_assert_int_eq(boot_rx(&bk, &p, pt, &pt_len), VAM_OK);
	ck_assert_uint_eq(pt_len, len);

	/* Length rules of the boot suite (aes-128-cbc, 16-byte ICV). */
	mk_boot(&p, &bk, VAM_INIT_REQ, 0, 0, body, len);
	p.len -= 1;
	ck_assert_int_eq(boot_rx(&bk, &p, pt, &pt_len), VAM_DROP_DECRYPT);
	p.len = VAM_HDR_LEN + 16 + 16 + 16 - 1;
	ck_assert_int_eq(boot_rx(&bk, &p, pt, &pt_len), VAM_DROP_SHORT);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("record");
	TCase *su = tcase_create("suites");
	TCase *rec = tcase_create("records");
	TCase *cbc = tcase_create("cbc");
	TCase *rxs = tcase_create("rx");
	SRunner *sr;
	int failed;

	tcase_add_test(su, suite_grid);
	tcase_add_test(su, suite_invalid);
	suite_add_tcase(s, su);

	tcase_set_timeout(rec, 120);
	tcase_add_test(rec, roundtrip);
	tcase_add_test(rec, flip_each_byte);
	tcase_add_test(rec, cut_short);
	tcase_add_test(rec, cbc_iv);
	tcase_add_test(rec, seal_small_buffer);
	suite_add_tcase(s, rec);

	tcase_add_test(cbc, cbc_forge_matches_seal);
	tcase_add_test(cbc, aead_forge_matches_seal);
	tcase_add_test(cbc, integ_forge_matches_seal);
	tcase_add_test(cbc, cbc_padding);
	suite_add_tcase(s, cbc);

	tcase_set_timeout(rxs, 60);
	tcase_add_test(rxs, rx_flags_first);
	tcase_add_test(rxs, rx_replay_before_crypto);
	tcase_add_test(rxs, rx_failed_crypto_keeps_window);
	tcase_add_test(rxs, rx_request_code);
	tcase_add_test(rxs, rx_window_result);
	tcase_add_test(rxs, rx_boot);
	suite_add_tcase(s, rxs);

	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
