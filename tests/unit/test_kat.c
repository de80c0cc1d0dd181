/* SPDX-License-Identifier: BSD-3-Clause */
/* Known answers from the RFCs: HKDF (5869), X25519 (7748), CHAP over MD5 (1994, 1321). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vam_chap.h"
#include "vam_keys.h"

struct hkdf_case {
	const char *ikm, *salt, *info, *prk, *okm;
};

/* RFC 5869 appendix A, test cases 1-3 (SHA-256). */
static const struct hkdf_case hkdf_cases[] = {
	{ "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c",
	  "f0f1f2f3f4f5f6f7f8f9",
	  "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
	  "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865" },
	{ "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
	  "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
	  "404142434445464748494a4b4c4d4e4f",
	  "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
	  "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
	  "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
	  "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
	  "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef"
	  "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
	  "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
	  "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
	  "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
	  "cc30c58179ec3e87c14c01d5c1f3434f1d87" },
	{ "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "",
	  "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
	  "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8" },
};

START_TEST(hkdf_rfc5869)
{
	const struct hkdf_case *c = &hkdf_cases[_i];
	uint8_t ikm[128], salt[128], info[128], want_prk[32], want_okm[128], prk[32], okm[128];
	size_t ikm_len = tu_hex(c->ikm, ikm, sizeof(ikm));
	size_t salt_len = tu_hex(c->salt, salt, sizeof(salt));
	size_t info_len = tu_hex(c->info, info, sizeof(info));
	size_t okm_len = tu_hex(c->okm, want_okm, sizeof(want_okm));

	tu_hex(c->prk, want_prk, sizeof(want_prk));
	ck_assert_int_eq(vam_hkdf_extract(salt, salt_len, ikm, ikm_len, prk), 0);
	ck_assert_mem_eq(prk, want_prk, 32);
	ck_assert_int_eq(vam_hkdf_expand(prk, info, info_len, okm, okm_len), 0);
	ck_assert_mem_eq(okm, want_okm, okm_len);
}
END_TEST

START_TEST(x25519_rfc7748)
{
	uint8_t k[32], u[32], want[32], out[32];

	/* Section 5.2, first vector: scalar times u-coordinate. */
	tu_hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4", k, 32);
	tu_hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c", u, 32);
	tu_hex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552", want, 32);
	ck_assert_int_eq(vam_x25519(k, u, out), 0);
	ck_assert_mem_eq(out, want, 32);
}
END_TEST

START_TEST(x25519_rfc7748_dh)
{
	uint8_t a[32], b[32], apub[32], bpub[32], want[32], pub[32], s1[32], s2[32];

	/* Section 6.1: Alice and Bob. */
	tu_hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", a, 32);
	tu_hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", apub, 32);
	tu_hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", b, 32);
	tu_hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", bpub, 32);
	tu_hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", want, 32);
	ck_assert_int_eq(vam_x25519_public(a, pub), 0);
	ck_assert_mem_eq(pub, apub, 32);
	ck_assert_int_eq(vam_x25519_public(b, pub), 0);
	ck_assert_mem_eq(pub, bpub, 32);
	ck_assert_int_eq(vam_x25519(a, bpub, s1), 0);
	ck_assert_int_eq(vam_x25519(b, apub, s2), 0);
	ck_assert_mem_eq(s1, want, 32);
	ck_assert_mem_eq(s2, want, 32);
}
END_TEST

START_TEST(x25519_all_zero_refused)
{
	uint8_t a[32], zero_u[32] = { 0 }, one_u[32] = { 1 }, out[32];

	/* Low-order points give an all-zero secret: refused (S-20). */
	tu_hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", a, 32);
	ck_assert_int_eq(vam_x25519(a, zero_u, out), -1);
	ck_assert_int_eq(vam_x25519(a, one_u, out), -1);
}
END_TEST

START_TEST(x25519_keygen_pairs)
{
	uint8_t a[32], apub[32], b[32], bpub[32], s1[32], s2[32];

	ck_assert_int_eq(vam_x25519_keygen(a, apub), 0);
	ck_assert_int_eq(vam_x25519_keygen(b, bpub), 0);
	ck_assert_mem_ne(a, b, 32);
	ck_assert_int_eq(vam_x25519(a, bpub, s1), 0);
	ck_assert_int_eq(vam_x25519(b, apub, s2), 0);
	ck_assert_mem_eq(s1, s2, 32);
}
END_TEST

/*
 * CHAP (RFC 1994) is MD5 over id || secret || challenge. Splitting RFC 1321's
 * MD5 test strings into those three parts gives answers fixed by the RFCs.
 */
START_TEST(chap_rfc1994_over_rfc1321)
{
	static const char digits[] = "1234567890123456789012345678901234567890"
				     "1234567890123456789012345678901234567890";
	static const char alpha[] = "abcdefghijklmnopqrstuvwxyz";
	uint8_t resp[17], want[16];

	tu_hex("57edf4a22be3c955ac49da2e2107b67a", want, 16);
	ck_assert_int_eq(vam_chap_response('1', (const uint8_t *)digits + 1, 63,
					   (const uint8_t *)digits + 64, resp),
			 0);
	ck_assert_int_eq(resp[0], '1');
	ck_assert_mem_eq(resp + 1, want, 16);
	ck_assert(vam_chap_verify('1', (const uint8_t *)digits + 1, 63,
				  (const uint8_t *)digits + 64, resp));

	tu_hex("c3fcd3d76192e4007dfb496cca67e13b", want, 16);
	ck_assert_int_eq(vam_chap_response('a', (const uint8_t *)alpha + 1, 9,
					   (const uint8_t *)alpha + 10, resp),
			 0);
	ck_assert_mem_eq(resp + 1, want, 16);
	/* The id is checked, and so is every response byte. */
	ck_assert(!vam_chap_verify('b', (const uint8_t *)alpha + 1, 9, (const uint8_t *)alpha + 10,
				   resp));
	resp[8] ^= 0x40;
	ck_assert(!vam_chap_verify('a', (const uint8_t *)alpha + 1, 9, (const uint8_t *)alpha + 10,
				   resp));
}
END_TEST

START_TEST(transcript_is_sha256)
{
	uint8_t out[32], want[32];

	/* SHA-256("abc") (FIPS 180-2), split over the two bodies. */
	tu_hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", want, 32);
	ck_assert_int_eq(vam_transcript((const uint8_t *)"a", 1, (const uint8_t *)"bc", 2, out), 0);
	ck_assert_mem_eq(out, want, 32);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("kat");
	TCase *tc = tcase_create("rfc");

	tcase_add_loop_test(tc, hkdf_rfc5869, 0, sizeof(hkdf_cases) / sizeof(hkdf_cases[0]));
	tcase_add_test(tc, x25519_rfc7748);
	tcase_add_test(tc, x25519_rfc7748_dh);
	tcase_add_test(tc, x25519_all_zero_refused);
	tcase_add_test(tc, x25519_keygen_pairs);
	tcase_add_test(tc, chap_rfc1994_over_rfc1321);
	tcase_add_test(tc, transcript_is_sha256);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
