/* SPDX-License-Identifier: BSD-3-Clause */
/* Record protection (spec 6.5, S-02, S-13, S-21, S-24..S-27). */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "testutil.h"
#include "vam_keys.h"
#include "vam_record.h"
#include "vam_suite.h"
#include "vam_wire.h"

static const size_t pt_lens[] = { 0, 1, 15, 16, 17, 100, 1400 };

static size_t want_body(struct vam_suite s, size_t pt)
{
	if (tu_is_aead(s.enc))
		return pt + 16;
	if (tu_is_cbc(s.enc))
		return 16 + (pt / 16 + 1) * 16 + tu_icv_len(s.integ);
	return pt + tu_icv_len(s.integ);
}

/* -------------------------------------------------------------------------- */
/* Suites                                                                     */
/* -------------------------------------------------------------------------- */

START_TEST(suite_grid)
{
	struct vam_suite v[64];
	unsigned int n = tu_valid_suites(v);

	ck_assert_uint_eq(n, 20);
	for (unsigned int i = 0; i < n; i++) {
		/* S-13: integrity 0 only with encryption 0; AEADs carry integrity 0. */
		ck_assert(!tu_is_cbc(v[i].enc) || v[i].integ != 0);
		ck_assert(!tu_is_aead(v[i].enc) || v[i].integ == 0);
		ck_assert_uint_eq(vam_suite_flags(v[i]), tu_want_flags(v[i]));
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

	tu_rand_keys(&k);
	tu_mk_hdr(&h, VAM_KEEPALIVE, 0, 1, 1);
	for (size_t i = 0; i < ARRAY_SIZE(named); i++) {
		ck_assert_msg(!vam_suite_valid(named[i]), "%u/%u valid", named[i].enc,
			      named[i].integ);
		ck_assert_int_eq(vam_seal(named[i], &k, &h, five, 5, NULL, out, sizeof(out)), -1);
	}
	for (size_t i = 0; i < ARRAY_SIZE(e_ids); i++)
		for (size_t j = 0; j < ARRAY_SIZE(i_ids); j++) {
			struct vam_suite s = { e_ids[i], i_ids[j] };
			bool e_ok = e_ids[i] == 0 || tu_is_cbc(e_ids[i]) || tu_is_aead(e_ids[i]);
			bool i_ok = i_ids[j] == 0 || tu_icv_len(i_ids[j]) != 0;
			bool want = e_ok && i_ok && (!tu_is_cbc(s.enc) || s.integ != 0) &&
				    (!tu_is_aead(s.enc) || s.integ == 0);
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
	unsigned int n = tu_valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		struct vam_dir_keys k, other;

		tu_rand_keys(&k);
		tu_rand_keys(&other);
		for (size_t j = 0; j < ARRAY_SIZE(pt_lens); j++) {
			size_t len = pt_lens[j], back_len = 0;
			uint8_t pt[1500], out[DG_MAX], back[DG_MAX];
			const uint8_t *body = out + VAM_HDR_LEN;
			struct vam_hdr h, d;
			uint32_t id;
			long dl;

			ck_assert_int_eq(vam_random(pt, len), 0);
			ck_assert_int_eq(vam_random(&id, sizeof(id)), 0);
			tu_mk_hdr(&h, VAM_KEEPALIVE, 0, id, 1000 + j);
			/* The suite decides the flags, not the caller. */
			h.flags = 0xff ^ tu_want_flags(v[i]);
			dl = vam_seal(v[i], &k, &h, pt, len, NULL, out, sizeof(out));
			ck_assert_msg(dl == (long)(VAM_HDR_LEN + want_body(v[i], len)),
				      "%s, %zu bytes: datagram of %ld", tu_sname(v[i]), len, dl);
			ck_assert_uint_eq(vam_suite_body_len(v[i], len), want_body(v[i], len));
			vam_hdr_decode(out, &d);
			ck_assert_uint_eq(d.ver, 1);
			ck_assert_uint_eq(d.type, VAM_KEEPALIVE);
			ck_assert_uint_eq(d.flags, tu_want_flags(v[i]));
			ck_assert_uint_eq(d.flags, vam_suite_flags(v[i]));
			ck_assert_uint_eq(d.code, 0);
			ck_assert_uint_eq(d.id, id);
			ck_assert_uint_eq(d.seq, 1000 + j);
			if (v[i].enc == 0)
				ck_mem(body, pt, len, "plaintext body");
			else if (len >= 16)
				ck_assert_msg(memcmp(body + (tu_is_cbc(v[i].enc) ? 16 : 0), pt,
						     len) != 0,
					      "%s: body not encrypted", tu_sname(v[i]));

			memset(back, 0xee, sizeof(back));
			ck_assert_int_eq(vam_unseal(v[i], &k, out, (size_t)dl, back, sizeof(back),
						    &back_len),
					 VAM_OK);
			ck_assert_uint_eq(back_len, len);
			ck_mem(back, pt, len, "unsealed plaintext");
			if (!tu_is_none(v[i]))
				ck_assert_msg(vam_unseal(v[i], &other, out, (size_t)dl, back,
							 sizeof(back), &back_len) ==
						      VAM_DROP_INTEGRITY,
					      "%s: other keys accepted", tu_sname(v[i]));
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
	unsigned int n = tu_valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		struct vam_dir_keys k;

		if (tu_is_none(v[i]))
			continue;
		tu_rand_keys(&k);
		for (size_t j = 0; j < ARRAY_SIZE(pt_lens); j++) {
			uint8_t pt[1500], out[DG_MAX], back[DG_MAX];
			struct vam_hdr h;
			size_t back_len;
			long dl;

			memset(pt, (int)j, sizeof(pt));
			tu_mk_hdr(&h, VAM_DATA, 0, 0x1885350e, 7);
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
						      tu_sname(v[i]), pt_lens[j], p, masks[m], d);
				}
			ck_assert_int_eq(vam_unseal(v[i], &k, out, (size_t)dl, back, sizeof(back),
						    &back_len),
					 VAM_OK);
		}
	}
}
END_TEST

START_TEST(cut_short)
{
	struct vam_suite v[64];
	unsigned int n = tu_valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		struct vam_dir_keys k;

		if (tu_is_none(v[i]))
			continue;
		tu_rand_keys(&k);
		for (size_t j = 0; j < ARRAY_SIZE(pt_lens); j++) {
			uint8_t pt[1500], out[DG_MAX], back[DG_MAX];
			struct vam_hdr h;
			size_t back_len, blen;
			long dl;

			memset(pt, 0x42, sizeof(pt));
			tu_mk_hdr(&h, VAM_DATA, 0, 0x1885350e, 9);
			dl = vam_seal(v[i], &k, &h, pt, pt_lens[j], NULL, out, sizeof(out));
			ck_assert_int_gt(dl, 0);
			blen = (size_t)dl - VAM_HDR_LEN;
			/* By one byte, as the brief case; then every shorter body too. */
			ck_assert_msg(vam_unseal(v[i], &k, out, (size_t)dl - 1, back, sizeof(back),
						 &back_len) == tu_want_cut(v[i], blen - 1),
				      "%s, %zu bytes, cut by 1", tu_sname(v[i]), pt_lens[j]);
			ck_assert_int_ne(tu_want_cut(v[i], blen - 1), VAM_OK);
			for (size_t b = 0; b < blen; b++)
				ck_assert_msg(vam_unseal(v[i], &k, out, VAM_HDR_LEN + b, back,
							 sizeof(back), &back_len) ==
						      tu_want_cut(v[i], b),
					      "%s, %zu bytes, body cut to %zu", tu_sname(v[i]),
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
	unsigned int n = tu_valid_suites(v), cbc = 0;

	for (unsigned int i = 0; i < n; i++) {
		uint8_t a[DG_MAX], b[DG_MAX], iv[VAM_IV_LEN], pt[40], back[DG_MAX];
		struct vam_dir_keys k;
		struct vam_hdr h;
		size_t back_len;
		long la, lb;

		if (!tu_is_cbc(v[i].enc))
			continue;
		cbc++;
		tu_rand_keys(&k);
		memset(pt, 0x33, sizeof(pt));
		tu_mk_hdr(&h, VAM_REG_REQ, 0, 77, 3);
		la = vam_seal(v[i], &k, &h, pt, sizeof(pt), NULL, a, sizeof(a));
		lb = vam_seal(v[i], &k, &h, pt, sizeof(pt), NULL, b, sizeof(b));
		ck_assert_int_eq(la, lb);
		ck_assert_msg(memcmp(a + VAM_HDR_LEN, b + VAM_HDR_LEN, VAM_IV_LEN) != 0,
			      "%s: the same IV twice", tu_sname(v[i]));
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
	unsigned int n = tu_valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		uint8_t out[DG_MAX + 16], pt[17];
		struct vam_dir_keys k;
		struct vam_hdr h;
		size_t need = VAM_HDR_LEN + want_body(v[i], sizeof(pt));

		tu_rand_keys(&k);
		memset(pt, 1, sizeof(pt));
		tu_mk_hdr(&h, VAM_KEEPALIVE, 0, 5, 5);
		memset(out, 0xee, sizeof(out));
		ck_assert_int_eq(vam_seal(v[i], &k, &h, pt, sizeof(pt), NULL, out, need - 1), -1);
		ck_assert_int_eq(vam_seal(v[i], &k, &h, pt, sizeof(pt), NULL, out, VAM_HDR_LEN),
				 -1);
		ck_assert_int_eq(vam_seal(v[i], &k, &h, pt, sizeof(pt), NULL, out, 15), -1);
		ck_assert_int_eq(vam_seal(v[i], &k, &h, pt, sizeof(pt), NULL, out, 0), -1);
		ck_assert_int_eq(vam_seal(v[i], &k, &h, pt, sizeof(pt), NULL, out, need),
				 (long)need);
		for (size_t b = need; b < sizeof(out); b++)
			ck_assert_msg(out[b] == 0xee, "%s: byte %zu written past cap",
				      tu_sname(v[i]), b);
	}
}
END_TEST

/* -------------------------------------------------------------------------- */
/* Datagrams built by hand with OpenSSL (S-25..S-27)                          */
/* -------------------------------------------------------------------------- */

START_TEST(cbc_forge_matches_seal)
{
	struct vam_suite v[64];
	unsigned int n = tu_valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		uint8_t padded[48], a[DG_MAX], b[DG_MAX];
		struct vam_dir_keys k;
		struct vam_hdr h;
		size_t fl;
		long sl;

		if (!tu_is_cbc(v[i].enc))
			continue;
		tu_rand_keys(&k);
		/* 21 bytes of plaintext, 11 bytes of PKCS#7 padding. */
		memset(padded, 0x61, 21);
		memset(padded + 21, 11, 11);
		fl = tu_forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 4, padded, 32, true, a);
		tu_mk_hdr(&h, VAM_KEEPALIVE, 0, 0x1885350e, 4);
		sl = vam_seal(v[i], &k, &h, padded, 21, a + VAM_HDR_LEN, b, sizeof(b));
		ck_assert_int_eq(sl, (long)fl);
		ck_mem(a, b, fl, "hand-built CBC datagram");
		/* An aligned plaintext gets a full block of 16s. */
		memset(padded, 0x62, 16);
		memset(padded + 16, 16, 16);
		fl = tu_forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 4, padded, 32, true, a);
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
	unsigned int n = tu_valid_suites(v), aead = 0;

	for (unsigned int i = 0; i < n; i++) {
		for (size_t j = 0; j < ARRAY_SIZE(pt_lens); j++) {
			uint8_t pt[1500], want[DG_MAX], got[DG_MAX], nonce[12];
			size_t len = pt_lens[j];
			struct vam_dir_keys k;
			struct vam_hdr h;
			EVP_CIPHER_CTX *c;
			int l1 = 0, l2 = 0;
			long sl;

			if (!tu_is_aead(v[i].enc))
				continue;
			aead += j == 0;
			tu_rand_keys(&k);
			ck_assert_int_eq(vam_random(pt, len), 0);
			tu_mk_hdr(&h, VAM_DATA, 0, 0x11a45d03, UINT64_C(0x0102030405060708) + j);
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
				      tu_sname(v[i]), len);
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
		const EVP_MD *md = tu_hmac_md(g, &key_len);
		long sl;

		tu_rand_keys(&k);
		memset(pt, 0x71, sizeof(pt));
		tu_mk_hdr(&h, VAM_RESOLVE_REQ, 0, 0x1885350e, 12);
		h.flags = 0x02;
		vam_hdr_encode(&h, want);
		memcpy(want + VAM_HDR_LEN, pt, sizeof(pt));
		ck_assert_ptr_nonnull(HMAC(md, k.integ, key_len, want, VAM_HDR_LEN + sizeof(pt),
					   mac, &mac_len));
		memcpy(want + VAM_HDR_LEN + sizeof(pt), mac, tu_icv_len(g));
		sl = vam_seal(s, &k, &h, pt, sizeof(pt), NULL, got, sizeof(got));
		ck_assert_int_eq(sl, (long)(VAM_HDR_LEN + sizeof(pt) + tu_icv_len(g)));
		ck_assert_msg(memcmp(got, want, (size_t)sl) == 0, "%s differs", tu_sname(s));
	}
}
END_TEST

START_TEST(cbc_padding)
{
	struct vam_suite v[64];
	unsigned int n = tu_valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		uint8_t blk[48], d[DG_MAX], back[DG_MAX];
		struct vam_dir_keys k;
		size_t dl, back_len = 0, icv = tu_icv_len(v[i].integ);

		if (!tu_is_cbc(v[i].enc))
			continue;
		tu_rand_keys(&k);

		/* The forger is right: good padding passes. */
		memcpy(blk, "hello", 5);
		memset(blk + 5, 11, 11);
		dl = tu_forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 16, true, d);
		ck_assert_int_eq(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len),
				 VAM_OK);
		ck_assert_uint_eq(back_len, 5);
		ck_mem(back, "hello", 5, "plaintext");
		memset(blk, 0x11, 16);
		memset(blk + 16, 16, 16);
		dl = tu_forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 32, true, d);
		ck_assert_int_eq(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len),
				 VAM_OK);
		ck_assert_uint_eq(back_len, 16);

		/* Last byte 0. */
		memset(blk, 0, 16);
		dl = tu_forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 16, true, d);
		ck_assert_int_eq(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len),
				 VAM_DROP_DECRYPT);
		/* Last byte 17, and the 17 bytes before all 17: only the 1..16 bound fails. */
		memset(blk, 17, 32);
		dl = tu_forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 32, true, d);
		ck_assert_int_eq(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len),
				 VAM_DROP_DECRYPT);
		memset(blk, 0xff, 32);
		dl = tu_forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 32, true, d);
		ck_assert_int_eq(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len),
				 VAM_DROP_DECRYPT);
		/* Inconsistent: last byte 4, one of the three before it is not. */
		for (unsigned int bad = 12; bad < 15; bad++) {
			memset(blk, 0x41, 16);
			memset(blk + 12, 4, 4);
			blk[bad] = 3;
			dl = tu_forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 16, true, d);
			ck_assert_msg(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len) ==
					      VAM_DROP_DECRYPT,
				      "%s: pad 4 with byte %u wrong", tu_sname(v[i]), bad);
		}
		/* A full pad block whose first byte is off. */
		memset(blk, 16, 16);
		blk[0] = 15;
		dl = tu_forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 16, true, d);
		ck_assert_int_eq(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len),
				 VAM_DROP_DECRYPT);
		/* Bad padding under a bad ICV: the ICV is checked first (S-26). */
		memset(blk, 0, 16);
		dl = tu_forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 16, true, d);
		d[dl - 1] ^= 1;
		ck_assert_int_eq(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len),
				 VAM_DROP_INTEGRITY);

		/* Ciphertext not a multiple of 16, with a valid ICV; then with a bad one. */
		memset(blk, 0x5a, sizeof(blk));
		for (size_t ct = 17; ct <= 47; ct += 2) {
			dl = tu_forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, ct, false, d);
			ck_assert_msg(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len) ==
					      VAM_DROP_DECRYPT,
				      "%s: ciphertext of %zu bytes", tu_sname(v[i]), ct);
			d[dl - 1] ^= 1;
			ck_assert_msg(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len) ==
					      VAM_DROP_DECRYPT,
				      "%s: ciphertext of %zu bytes, bad ICV", tu_sname(v[i]), ct);
		}

		/* Body shorter than 16 + 16 + ICV: short, before the block rule and the ICV. */
		for (size_t ct = 0; ct < 16; ct++) {
			dl = tu_forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, ct, false, d);
			ck_assert_uint_eq(dl - VAM_HDR_LEN, 16 + ct + icv);
			ck_assert_msg(vam_unseal(v[i], &k, d, dl, back, sizeof(back), &back_len) ==
					      VAM_DROP_SHORT,
				      "%s: ciphertext of %zu bytes", tu_sname(v[i]), ct);
		}
		dl = tu_forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 1, blk, 16, false, d);
		ck_assert_int_eq(vam_unseal(v[i], &k, d, dl - 1, back, sizeof(back), &back_len),
				 VAM_DROP_SHORT);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("record");
	TCase *su = tcase_create("suites");
	TCase *rec = tcase_create("records");
	TCase *cbc = tcase_create("cbc");

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

	return tu_run(s);
}
