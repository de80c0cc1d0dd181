/* SPDX-License-Identifier: BSD-3-Clause */
/* handshake-*.json: one complete exchange per suite, every byte reproduced. */
#include <string.h>

#include "testutil.h"
#include "vam_chap.h"
#include "vam_handshake.h"
#include "vam_keys.h"
#include "vam_msg.h"
#include "vam_record.h"
#include "vam_rx.h"
#include "vam_suite.h"
#include "vam_tlv.h"
#include "vam_wire.h"
#include "vec.h"

struct hs {
	cJSON *j;
	struct vam_suite suite;
	uint8_t psk[128];
	size_t psk_len;
	struct vam_dir_keys boot;
	struct vam_chan_keys keys[2];	/* ctrl, data */
	struct vam_replay win[2][2];	/* [chan][0 = c2s, 1 = s2c] */
	uint8_t init_req[2048], init_resp[2048];
	size_t init_req_len, init_resp_len;
};

static void check_x25519_and_prk(struct hs *h, uint8_t prk[32])
{
	const cJSON *c = cJSON_GetObjectItem(h->j, "client"), *s = cJSON_GetObjectItem(h->j, "server");
	uint8_t cpriv[32], cpub[32], spriv[32], spub[32], pub[32], shared[32], want[64];
	uint8_t nc[32], ns[32];

	tu_hexj(c, "x25519_private", cpriv, 32);
	tu_hexj(c, "x25519_public", cpub, 32);
	tu_hexj(s, "x25519_private", spriv, 32);
	tu_hexj(s, "x25519_public", spub, 32);
	ck_assert_int_eq(vam_x25519_public(cpriv, pub), 0);
	ck_mem(pub, cpub, 32, "client public key");
	ck_assert_int_eq(vam_x25519_public(spriv, pub), 0);
	ck_mem(pub, spub, 32, "server public key");
	tu_hexj(h->j, "shared_secret", want, sizeof(want));
	ck_assert_int_eq(vam_x25519(cpriv, spub, shared), 0);
	ck_mem(shared, want, 32, "client shared secret");
	ck_assert_int_eq(vam_x25519(spriv, cpub, shared), 0);
	ck_mem(shared, want, 32, "server shared secret");
	tu_hexj(c, "nonce", nc, 32);
	tu_hexj(s, "nonce", ns, 32);
	ck_assert_int_eq(vam_session_prk(shared, nc, ns, h->psk, h->psk_len, prk), 0);
	tu_hexj(h->j, "prk", want, sizeof(want));
	ck_mem(prk, want, 32, "prk");
}

static void check_chan_keys(struct hs *h, const uint8_t prk[32], enum vam_key_chan ch)
{
	static const char *const names[] = { "ctrl", "data" };
	const cJSON *k = cJSON_GetObjectItem(cJSON_GetObjectItem(h->j, "keys"), names[ch]);
	uint32_t cid = (uint32_t)tu_num(cJSON_GetObjectItem(h->j, "client"), "sender_id");
	uint32_t sid = (uint32_t)tu_num(cJSON_GetObjectItem(h->j, "server"), "sender_id");
	uint8_t info[VAM_KEY_INFO_LEN], want[256], okm[256];
	size_t n, kl, il;
	struct vam_chan_keys *ck = &h->keys[ch];

	vam_key_info(ch, cid, sid, h->suite, info);
	ck_assert_int_eq(tu_hexj(k, "info", want, sizeof(want)), VAM_KEY_INFO_LEN);
	ck_mem(info, want, VAM_KEY_INFO_LEN, "key info");
	ck_assert_int_eq(vam_chan_keys(prk, ch, cid, sid, h->suite, ck, okm, sizeof(okm)), 0);
	n = tu_hexj(k, "okm", want, sizeof(want));
	vam_suite_key_lens(h->suite, &kl, &il);
	ck_assert_int_eq(n, 2 * (kl + 4 + il));
	ck_mem(okm, want, n, "okm");
	ck_assert_int_eq(tu_hexj(k, "enc_c2s", want, sizeof(want)), kl);
	ck_mem(ck->c2s.enc, want, kl, "enc_c2s");
	tu_hexj(k, "enc_s2c", want, sizeof(want));
	ck_mem(ck->s2c.enc, want, kl, "enc_s2c");
	tu_hexj(k, "salt_c2s", want, sizeof(want));
	ck_mem(ck->c2s.salt, want, 4, "salt_c2s");
	tu_hexj(k, "salt_s2c", want, sizeof(want));
	ck_mem(ck->s2c.salt, want, 4, "salt_s2c");
	ck_assert_int_eq(tu_hexj(k, "int_c2s", want, sizeof(want)), il);
	ck_mem(ck->c2s.integ, want, il, "int_c2s");
	tu_hexj(k, "int_s2c", want, sizeof(want));
	ck_mem(ck->s2c.integ, want, il, "int_s2c");
}

/* The one-call derivation gives both sides the keys of the step-by-step one. */
static void check_handshake_keys(struct hs *h)
{
	const cJSON *c = cJSON_GetObjectItem(h->j, "client"), *s = cJSON_GetObjectItem(h->j, "server");
	uint8_t cpriv[32], cpub[32], spriv[32], spub[32], nc[32], ns[32];
	uint32_t cid = (uint32_t)tu_num(c, "sender_id"), sid = (uint32_t)tu_num(s, "sender_id");
	struct vam_chan_keys k[2];

	tu_hexj(c, "x25519_private", cpriv, 32);
	tu_hexj(c, "x25519_public", cpub, 32);
	tu_hexj(s, "x25519_private", spriv, 32);
	tu_hexj(s, "x25519_public", spub, 32);
	tu_hexj(c, "nonce", nc, 32);
	tu_hexj(s, "nonce", ns, 32);
	ck_assert_int_eq(vam_handshake_keys(cpriv, spub, nc, ns, h->psk, h->psk_len, cid, sid,
					    h->suite, k),
			 0);
	ck_mem(k, h->keys, sizeof(k), "client-side handshake keys");
	ck_assert_int_eq(vam_handshake_keys(spriv, cpub, nc, ns, h->psk, h->psk_len, cid, sid,
					    h->suite, k),
			 0);
	ck_mem(k, h->keys, sizeof(k), "server-side handshake keys");
}

/* INIT_REQ and INIT_RESP bodies built by the library from the parties' inputs. */
static size_t build_init(struct hs *h, bool req, uint8_t *out, size_t cap)
{
	const cJSON *p = cJSON_GetObjectItem(h->j, req ? "client" : "server");
	long n;

	if (req) {
		struct vam_init_req r = {
			.sender_id = (uint32_t)tu_num(p, "sender_id"),
			.cookie = (uint32_t)tu_num(p, "cookie"),
			.domain = (uint16_t)tu_num(h->j, "domain_id"),
			.private_addr = tu_ipv4(cJSON_GetObjectItem(p, "private_addr")->valuestring,
						NULL),
		};

		tu_hexj(p, "nonce", r.nonce, sizeof(r.nonce));
		tu_hexj(p, "x25519_public", r.pub, sizeof(r.pub));
		r.n_enc = (uint8_t)tu_u16s(cJSON_GetObjectItem(p, "enc_algs"), r.enc, 16);
		r.n_integ = (uint8_t)tu_u16s(cJSON_GetObjectItem(p, "integ_algs"), r.integ, 16);
		n = vam_init_req_encode(&r, out, cap);
	} else {
		struct vam_init_resp r = { .sender_id = (uint32_t)tu_num(p, "sender_id"),
					   .suite = h->suite };

		tu_hexj(p, "nonce", r.nonce, sizeof(r.nonce));
		tu_hexj(p, "x25519_public", r.pub, sizeof(r.pub));
		n = vam_init_resp_encode(&r, out, cap);
	}
	ck_assert(n > 0);
	return (size_t)n;
}

static void check_negotiation(struct hs *h)
{
	const cJSON *sl = cJSON_GetObjectItem(h->j, "server_lists"), *c = cJSON_GetObjectItem(h->j, "client");
	struct vam_alg_list se, si;
	uint16_t ce[16], ci[16];
	unsigned int nce, nci;
	struct vam_suite got;

	se.n = (uint8_t)tu_u16s(cJSON_GetObjectItem(sl, "enc"), se.id, 16);
	si.n = (uint8_t)tu_u16s(cJSON_GetObjectItem(sl, "integ"), si.id, 16);
	nce = tu_u16s(cJSON_GetObjectItem(c, "enc_algs"), ce, 16);
	nci = tu_u16s(cJSON_GetObjectItem(c, "integ_algs"), ci, 16);
	ck_assert(vam_negotiate(&se, &si, ce, nce, ci, nci, &got));
	ck_assert_int_eq(got.enc, h->suite.enc);
	ck_assert_int_eq(got.integ, h->suite.integ);
	ck_assert(vam_client_accepts(ce, nce, ci, nci, got));
}

/* The TLV body encoded from the decoded attribute list equals the plaintext. */
static void check_attribute_encoding(const cJSON *p, const uint8_t *pt, size_t pt_len)
{
	uint8_t body[2048], v[1024];
	struct vam_tlv_writer w;
	const cJSON *a;

	vam_tlv_init(&w, body, sizeof(body));
	cJSON_ArrayForEach(a, cJSON_GetObjectItem(p, "attributes"))
	{
		size_t n = tu_hexj(a, "value", v, sizeof(v));

		vam_tlv_put(&w, (uint16_t)tu_num(a, "type"), v, n);
	}
	ck_assert_int_eq(vam_tlv_done(&w), (long)pt_len);
	ck_mem(body, pt, pt_len, "encoded attributes");
}

static void check_packet(struct hs *h, const cJSON *p)
{
	const char *prot = cJSON_GetObjectItem(p, "protection")->valuestring;
	const char *name = cJSON_GetObjectItem(p, "name")->valuestring;
	bool c2s = strcmp(cJSON_GetObjectItem(p, "direction")->valuestring, "c2s") == 0;
	bool boot = strcmp(prot, "boot") == 0, data = strcmp(prot, "data") == 0;
	const cJSON *hf = cJSON_GetObjectItem(p, "header_fields");
	struct vam_hdr hd = {
		.ver = (uint8_t)tu_num(hf, "version"), .type = (uint8_t)tu_num(hf, "type"),
		.flags = (uint8_t)tu_num(hf, "flags"), .code = (uint8_t)tu_num(hf, "code"),
		.id = (uint32_t)tu_num(hf, "id"), .seq = tu_num(hf, "seq"),
	};
	struct vam_suite su = boot ? VAM_SUITE_BOOT : h->suite;
	const struct vam_dir_keys *dk = boot ? &h->boot
					     : c2s ? &h->keys[data].c2s : &h->keys[data].s2c;
	uint8_t hb[16], want_hdr[16], pt[2048], iv[16], dg[2200], out[2200], back[2200];
	size_t pt_len = tu_hexj(p, "plaintext", pt, sizeof(pt)), back_len = 0;
	size_t dg_len = tu_hexj(p, "datagram", dg, sizeof(dg));
	bool has_iv = tu_hexj(p, "iv", iv, sizeof(iv)) == 16;
	struct vam_hdr rh;
	struct vam_attrs at;
	enum vam_replay_res res;
	long n;

	vam_hdr_encode(&hd, hb);
	tu_hexj(p, "header", want_hdr, sizeof(want_hdr));
	ck_mem(hb, want_hdr, 16, "header");
	ck_assert_int_eq(hd.flags, vam_suite_flags(su));
	if (hd.type != VAM_DATA) {
		check_attribute_encoding(p, pt, pt_len);
		ck_assert_msg(vam_msg_parse(hd.type, hd.code, pt, pt_len, &at, NULL) == VAM_OK,
			      "%s does not parse", name);
	}
	n = vam_seal(su, dk, &hd, pt, pt_len, has_iv ? iv : NULL, out, sizeof(out));
	ck_assert_int_eq(n, (long)dg_len);
	ck_assert_msg(memcmp(out, dg, dg_len) == 0, "%s: datagram differs", name);

	/* The receiver's side: header checks, then the session or boot path. */
	ck_assert_int_eq(vam_hdr_check(dg, dg_len, data ? VAM_CHAN_DATA : VAM_CHAN_CTRL,
				       c2s ? VAM_SIDE_SERVER : VAM_SIDE_CLIENT, &rh),
			 VAM_OK);
	if (boot) {
		ck_assert_int_eq(vam_rx_boot(&h->boot, &rh, dg, dg_len, back, sizeof(back), &back_len),
				 VAM_OK);
	} else {
		struct vam_rx_keys rk = { h->suite, dk, &h->win[data][c2s ? 0 : 1] };

		ck_assert_int_eq(vam_rx_session(&rk, &rh, dg, dg_len, back, sizeof(back), &back_len,
						&res),
				 VAM_OK);
		ck_assert_int_eq(res, VAM_REPLAY_NEW_TOP);
		/* The same datagram again is a replay. */
		ck_assert_int_eq(vam_rx_session(&rk, &rh, dg, dg_len, back, sizeof(back), &back_len,
						&res),
				 VAM_DROP_REPLAY);
	}
	ck_assert_int_eq(back_len, pt_len);
	ck_mem(back, pt, pt_len, "received plaintext");
	if (hd.type == VAM_INIT_REQ) {
		memcpy(h->init_req, pt, pt_len);
		h->init_req_len = pt_len;
	} else if (hd.type == VAM_INIT_RESP) {
		memcpy(h->init_resp, pt, pt_len);
		h->init_resp_len = pt_len;
	}
	vec_checked++;
}

static void check_transcript_and_chap(struct hs *h)
{
	uint8_t t[32], want[64], body[2048], pw[128], ch[16], resp[17];
	const cJSON *p, *chap = cJSON_GetObjectItem(h->j, "chap");
	struct vam_attrs at;
	size_t n, pw_len;

	ck_assert_int_eq(vam_transcript(h->init_req, h->init_req_len, h->init_resp,
					h->init_resp_len, t),
			 0);
	tu_hexj(h->j, "transcript", want, sizeof(want));
	ck_mem(t, want, 32, "transcript");
	pw_len = tu_hexj(cJSON_GetObjectItem(h->j, "client"), "password", pw, sizeof(pw));
	tu_hexj(chap, "challenge", ch, sizeof(ch));
	ck_assert_int_eq(vam_chap_response((uint8_t)tu_num(chap, "id"), pw, pw_len, ch, resp), 0);
	tu_hexj(chap, "response", want, sizeof(want));
	ck_mem(resp, want, 17, "CHAP response");
	cJSON_ArrayForEach(p, cJSON_GetObjectItem(h->j, "packets"))
	{
		uint8_t type = (uint8_t)tu_num(cJSON_GetObjectItem(p, "header_fields"), "type");

		if (type != VAM_INIT_DONE_C && type != VAM_INIT_DONE_S && type != VAM_AUTH_INFO)
			continue;
		n = tu_hexj(p, "plaintext", body, sizeof(body));
		ck_assert_int_eq(vam_tlv_parse(body, n, &at, NULL), VAM_OK);
		if (type == VAM_AUTH_INFO)
			ck_mem(at.a[VAM_A_CHAP_RESPONSE].val, resp, 17, "AUTH_INFO CHAP_RESPONSE");
		else
			ck_mem(at.a[VAM_A_TRANSCRIPT].val, t, 32, "TRANSCRIPT attribute");
	}
}

static void check_handshake(const char *file)
{
	struct hs h = { .j = tu_vectors(file) };
	const cJSON *su = cJSON_GetObjectItem(h.j, "suite"), *p;
	uint8_t prk[32], want[64], body[2048];
	size_t n;

	h.suite = (struct vam_suite){ (uint16_t)tu_num(su, "enc"), (uint16_t)tu_num(su, "integ") };
	h.psk_len = tu_hexj(h.j, "psk", h.psk, sizeof(h.psk));
	ck_assert_int_eq(vam_boot_keys(h.psk, h.psk_len, (uint16_t)tu_num(h.j, "domain_id"), &h.boot),
			 0);
	tu_hexj(cJSON_GetObjectItem(h.j, "boot"), "enc_key", want, sizeof(want));
	ck_mem(h.boot.enc, want, 16, "boot enc key");
	tu_hexj(cJSON_GetObjectItem(h.j, "boot"), "int_key", want, sizeof(want));
	ck_mem(h.boot.integ, want, 32, "boot int key");
	check_negotiation(&h);
	check_x25519_and_prk(&h, prk);
	check_chan_keys(&h, prk, VAM_KEYS_CTRL);
	check_chan_keys(&h, prk, VAM_KEYS_DATA);
	check_handshake_keys(&h);
	for (int c = 0; c < 2; c++)
		for (int d = 0; d < 2; d++)
			vam_replay_init(&h.win[c][d]);
	cJSON_ArrayForEach(p, cJSON_GetObjectItem(h.j, "packets"))
	{
		uint8_t type = (uint8_t)tu_num(cJSON_GetObjectItem(p, "header_fields"), "type");

		check_packet(&h, p);
		if (type == VAM_INIT_REQ || type == VAM_INIT_RESP) {
			uint8_t pt[2048];
			size_t pt_len = tu_hexj(p, "plaintext", pt, sizeof(pt));

			n = build_init(&h, type == VAM_INIT_REQ, body, sizeof(body));
			ck_assert_int_eq(n, pt_len);
			ck_mem(body, pt, n, "INIT body built from the inputs");
		}
	}
	check_transcript_and_chap(&h);
	vec_checked++;
	cJSON_Delete(h.j);
}

START_TEST(handshake_cbc)
{
	check_handshake("handshake-aes-128-cbc-hmac-sha256.json");
}
END_TEST

START_TEST(handshake_gcm)
{
	check_handshake("handshake-aes-256-gcm.json");
}
END_TEST

START_TEST(handshake_chacha)
{
	check_handshake("handshake-chacha20-poly1305.json");
}
END_TEST

TCase *vec_handshake_tcase(void)
{
	TCase *tc = tcase_create("handshake");

	tcase_add_test(tc, handshake_cbc);
	tcase_add_test(tc, handshake_gcm);
	tcase_add_test(tc, handshake_chacha);
	return tc;
}
