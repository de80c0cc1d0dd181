/* SPDX-License-Identifier: BSD-3-Clause */
/* bootstrap.json, chap.json, negotiation.json, records.json. */
#include <string.h>

#include "testutil.h"
#include "vam_chap.h"
#include "vam_keys.h"
#include "vam_record.h"
#include "vam_suite.h"
#include "vam_wire.h"
#include "vec.h"

START_TEST(bootstrap)
{
	cJSON *j = tu_vectors("bootstrap.json"), *c;

	cJSON_ArrayForEach(c, cJSON_GetObjectItem(j, "cases"))
	{
		uint8_t psk[128], salt[64], info[64], prk[32], okm[48], want[64], got[64];
		size_t psk_len = tu_hexj(c, "psk", psk, sizeof(psk));
		size_t salt_len = tu_hexj(c, "salt", salt, sizeof(salt));
		size_t info_len = tu_hexj(c, "info", info, sizeof(info));
		uint16_t dom = (uint16_t)tu_num(c, "domain_id");
		struct vam_dir_keys bk;

		ck_assert_int_eq(vam_hkdf_extract(salt, salt_len, psk, psk_len, prk), 0);
		tu_hexj(c, "prk", want, sizeof(want));
		ck_mem(prk, want, 32, "prk");
		ck_assert_int_eq(vam_hkdf_expand(prk, info, info_len, okm, sizeof(okm)), 0);
		tu_hexj(c, "okm", want, sizeof(want));
		ck_mem(okm, want, 48, "okm");
		ck_assert_int_eq(vam_boot_keys(psk, psk_len, dom, &bk), 0);
		ck_assert_int_eq(tu_hexj(c, "boot_enc", got, sizeof(got)), 16);
		ck_mem(bk.enc, got, 16, "boot_enc");
		ck_assert_int_eq(tu_hexj(c, "boot_int", got, sizeof(got)), 32);
		ck_mem(bk.integ, got, 32, "boot_int");
		vec_checked++;
	}
	cJSON_Delete(j);
}
END_TEST

START_TEST(chap)
{
	cJSON *j = tu_vectors("chap.json"), *c;

	cJSON_ArrayForEach(c, cJSON_GetObjectItem(j, "cases"))
	{
		uint8_t pw[128], ch[16], want[17], got[17];
		size_t pw_len = tu_hexj(c, "password", pw, sizeof(pw));
		uint8_t id = (uint8_t)tu_num(c, "chap_id");

		ck_assert_int_eq(tu_hexj(c, "challenge", ch, sizeof(ch)), 16);
		ck_assert_int_eq(tu_hexj(c, "response", want, sizeof(want)), 17);
		ck_assert_int_eq(vam_chap_response(id, pw, pw_len, ch, got), 0);
		ck_mem(got, want, 17, "CHAP response");
		ck_assert(vam_chap_verify(id, pw, pw_len, ch, want));
		want[16] ^= 1;
		ck_assert(!vam_chap_verify(id, pw, pw_len, ch, want));
		vec_checked++;
	}
	cJSON_Delete(j);
}
END_TEST

static void alg_list(const cJSON *arr, struct vam_alg_list *l)
{
	l->n = (uint8_t)tu_u16s(arr, l->id, 16);
}

START_TEST(negotiation)
{
	cJSON *j = tu_vectors("negotiation.json"), *c;

	cJSON_ArrayForEach(c, cJSON_GetObjectItem(j, "cases"))
	{
		struct vam_alg_list se, si;
		uint16_t ce[16], ci[16];
		unsigned int nce, nci;
		const cJSON *r = cJSON_GetObjectItem(c, "result");
		struct vam_suite out;
		bool ok;

		alg_list(cJSON_GetObjectItem(c, "server_enc"), &se);
		alg_list(cJSON_GetObjectItem(c, "server_integ"), &si);
		nce = tu_u16s(cJSON_GetObjectItem(c, "client_enc"), ce, 16);
		nci = tu_u16s(cJSON_GetObjectItem(c, "client_integ"), ci, 16);
		ok = vam_negotiate(&se, &si, ce, nce, ci, nci, &out);
		if (cJSON_IsString(r)) {
			ck_assert_str_eq(r->valuestring, "NO_PROPOSAL");
			ck_assert_msg(!ok, "%s: expected NO_PROPOSAL",
				      cJSON_GetObjectItem(c, "name")->valuestring);
		} else {
			ck_assert_msg(ok, "%s: no proposal", cJSON_GetObjectItem(c, "name")->valuestring);
			ck_assert_int_eq(out.enc, tu_num(r, "enc"));
			ck_assert_int_eq(out.integ, tu_num(r, "integ"));
		}
		vec_checked++;
	}
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(j, "client_checks"))
	{
		uint16_t oe[16], oi[16];
		unsigned int ne = tu_u16s(cJSON_GetObjectItem(c, "offered_enc"), oe, 16);
		unsigned int ni = tu_u16s(cJSON_GetObjectItem(c, "offered_integ"), oi, 16);
		struct vam_suite ch = { (uint16_t)tu_num(c, "chosen_enc"),
					(uint16_t)tu_num(c, "chosen_integ") };

		ck_assert_msg(vam_client_accepts(oe, ne, oi, ni, ch) ==
				      cJSON_IsTrue(cJSON_GetObjectItem(c, "acceptable")),
			      "client check %s", cJSON_GetObjectItem(c, "name")->valuestring);
		vec_checked++;
	}
	cJSON_Delete(j);
}
END_TEST

static void dir_keys(const cJSON *k, struct vam_dir_keys *dk)
{
	memset(dk, 0, sizeof(*dk));
	tu_hexj(k, "enc_key", dk->enc, sizeof(dk->enc));
	tu_hexj(k, "salt", dk->salt, sizeof(dk->salt));
	tu_hexj(k, "int_key", dk->integ, sizeof(dk->integ));
}

START_TEST(records)
{
	cJSON *j = tu_vectors("records.json"), *s, *c;

	cJSON_ArrayForEach(s, cJSON_GetObjectItem(j, "suites"))
	{
		struct vam_suite su = { (uint16_t)tu_num(s, "enc"), (uint16_t)tu_num(s, "integ") };
		struct vam_dir_keys dk;

		ck_assert(vam_suite_valid(su));
		ck_assert_int_eq(vam_suite_flags(su), tu_num(s, "flags"));
		dir_keys(cJSON_GetObjectItem(s, "keys"), &dk);
		cJSON_ArrayForEach(c, cJSON_GetObjectItem(s, "cases"))
		{
			uint8_t hdrb[16], iv[16], pt[2048], want[2100], out[2100], back[2100];
			size_t pt_len = tu_hexj(c, "plaintext", pt, sizeof(pt));
			size_t want_len = tu_hexj(c, "datagram", want, sizeof(want));
			bool has_iv = tu_hexj(c, "iv", iv, sizeof(iv)) == 16;
			struct vam_hdr h;
			size_t back_len = 0;
			long n;

			ck_assert_int_eq(tu_hexj(c, "header", hdrb, sizeof(hdrb)), 16);
			vam_hdr_decode(hdrb, &h);
			ck_assert_int_eq(h.seq, tu_num(c, "seq"));
			ck_assert_int_eq(h.type, tu_num(c, "type"));
			n = vam_seal(su, &dk, &h, pt, pt_len, has_iv ? iv : NULL, out, sizeof(out));
			ck_assert_int_eq(n, (long)want_len);
			ck_assert_int_eq(vam_suite_body_len(su, pt_len) + VAM_HDR_LEN, want_len);
			ck_assert_msg(memcmp(out, want, want_len) == 0, "%s seq %llu: datagram differs",
				      cJSON_GetObjectItem(s, "name")->valuestring,
				      (unsigned long long)h.seq);
			ck_assert_int_eq(vam_unseal(su, &dk, want, want_len, back, sizeof(back),
						    &back_len),
					 VAM_OK);
			ck_assert_int_eq(back_len, pt_len);
			ck_mem(back, pt, pt_len, "unsealed plaintext");
			vec_checked++;
		}
	}
	cJSON_Delete(j);
}
END_TEST

TCase *vec_basic_tcase(void)
{
	TCase *tc = tcase_create("basic");

	tcase_add_test(tc, bootstrap);
	tcase_add_test(tc, chap);
	tcase_add_test(tc, negotiation);
	tcase_add_test(tc, records);
	return tc;
}
