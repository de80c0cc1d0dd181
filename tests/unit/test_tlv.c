/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Header checks (spec 3, S-01, S-02, S-06, S-29 steps 1..3), request and
 * response rules (S-05), attribute parsing and validation (spec 4, S-07..S-12),
 * message schemas (spec 5, S-39), the lenient SENDER_ID pass (S-34) and the
 * TLV writer.
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vam_msg.h"
#include "vam_tlv.h"
#include "vam_wire.h"

#define ck_mem(a, b, n, what) ck_assert_msg(memcmp((a), (b), (n)) == 0, "%s differs", what)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define B(t) (1u << (t))

/* Append one attribute by hand, independently of the writer under test. */
static void put_attr(uint8_t *b, size_t *off, uint16_t type, const uint8_t *val, size_t len)
{
	b[*off] = (uint8_t)(type >> 8);
	b[*off + 1] = (uint8_t)type;
	b[*off + 2] = (uint8_t)(len >> 8);
	b[*off + 3] = (uint8_t)len;
	if (len)
		memcpy(b + *off + 4, val, len);
	*off += 4 + len;
}

static void put_hex(uint8_t *b, size_t *off, uint16_t type, const char *hex)
{
	uint8_t v[512];
	size_t n = tu_hex(hex, v, sizeof(v));

	put_attr(b, off, type, v, n);
}

/* -------------------------------------------------------------------------- */
/* Header checks                                                              */
/* -------------------------------------------------------------------------- */

static uint8_t big[VAM_DATA_MAX + 64];

/* A header in big[] with the given first four bytes; the rest of big[] is filler. */
static void mk_hdr(uint8_t ver, uint8_t type, uint8_t flags, uint8_t code)
{
	memset(big, 0x5a, sizeof(big));
	big[0] = ver;
	big[1] = type;
	big[2] = flags;
	big[3] = code;
}

static enum vam_drop hchk(size_t len, enum vam_chan chan, enum vam_side side)
{
	struct vam_hdr h;

	return vam_hdr_check(big, len, chan, side, &h);
}

START_TEST(hdr_too_long)
{
	/* Control: 2048 is the last accepted size, 2049 is too long (S-01). */
	mk_hdr(1, VAM_KEEPALIVE, 0x03, 0);
	ck_assert_int_eq(hchk(2048, VAM_CHAN_CTRL, VAM_SIDE_SERVER), VAM_OK);
	ck_assert_int_eq(hchk(2049, VAM_CHAN_CTRL, VAM_SIDE_SERVER), VAM_DROP_TOO_LONG);
	mk_hdr(1, VAM_KEEPALIVE_ACK, 0x03, 0);
	ck_assert_int_eq(hchk(2048, VAM_CHAN_CTRL, VAM_SIDE_CLIENT), VAM_OK);
	ck_assert_int_eq(hchk(2049, VAM_CHAN_CTRL, VAM_SIDE_CLIENT), VAM_DROP_TOO_LONG);
	/* Data: 9216 accepted, 9217 too long; the control limit does not apply. */
	mk_hdr(1, VAM_DATA, 0x03, 0);
	ck_assert_int_eq(hchk(2049, VAM_CHAN_DATA, VAM_SIDE_SERVER), VAM_OK);
	ck_assert_int_eq(hchk(9216, VAM_CHAN_DATA, VAM_SIDE_SERVER), VAM_OK);
	ck_assert_int_eq(hchk(9217, VAM_CHAN_DATA, VAM_SIDE_SERVER), VAM_DROP_TOO_LONG);
	ck_assert_int_eq(hchk(9216, VAM_CHAN_DATA, VAM_SIDE_CLIENT), VAM_OK);
	ck_assert_int_eq(hchk(9217, VAM_CHAN_DATA, VAM_SIDE_CLIENT), VAM_DROP_TOO_LONG);
	/* Too long is step 1: it wins over version, flags and type. */
	mk_hdr(2, 0, 0xff, 0);
	ck_assert_int_eq(hchk(2049, VAM_CHAN_CTRL, VAM_SIDE_SERVER), VAM_DROP_TOO_LONG);
	ck_assert_int_eq(hchk(9217, VAM_CHAN_DATA, VAM_SIDE_SERVER), VAM_DROP_TOO_LONG);
}
END_TEST

START_TEST(hdr_short)
{
	mk_hdr(1, VAM_KEEPALIVE, 0x03, 0);
	ck_assert_int_eq(hchk(16, VAM_CHAN_CTRL, VAM_SIDE_SERVER), VAM_OK);
	for (size_t n = 0; n < VAM_HDR_LEN; n++) {
		ck_assert_int_eq(hchk(n, VAM_CHAN_CTRL, VAM_SIDE_SERVER), VAM_DROP_SHORT);
		ck_assert_int_eq(hchk(n, VAM_CHAN_DATA, VAM_SIDE_CLIENT), VAM_DROP_SHORT);
	}
	/* Short is step 1 too: before the version. */
	mk_hdr(9, VAM_KEEPALIVE, 0x03, 0);
	ck_assert_int_eq(hchk(15, VAM_CHAN_CTRL, VAM_SIDE_SERVER), VAM_DROP_SHORT);
}
END_TEST

START_TEST(hdr_version)
{
	static const uint8_t bad[] = { 0, 2, 3, 0x81, 0xff };

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		mk_hdr(bad[i], VAM_KEEPALIVE, 0x03, 0);
		ck_assert_int_eq(hchk(32, VAM_CHAN_CTRL, VAM_SIDE_SERVER), VAM_DROP_BAD_VERSION);
		mk_hdr(bad[i], VAM_DATA, 0x03, 0);
		ck_assert_int_eq(hchk(32, VAM_CHAN_DATA, VAM_SIDE_CLIENT), VAM_DROP_BAD_VERSION);
		/* Version is checked before flags and type (S-29 step 2). */
		mk_hdr(bad[i], 0, 0x80, 0);
		ck_assert_int_eq(hchk(32, VAM_CHAN_CTRL, VAM_SIDE_SERVER), VAM_DROP_BAD_VERSION);
	}
}
END_TEST

START_TEST(hdr_reserved_flags)
{
	for (unsigned int bit = 0x04; bit <= 0x80; bit <<= 1) {
		for (unsigned int low = 0; low <= 3; low++) {
			mk_hdr(1, VAM_KEEPALIVE, (uint8_t)(bit | low), 0);
			ck_assert_int_eq(hchk(32, VAM_CHAN_CTRL, VAM_SIDE_SERVER),
					 VAM_DROP_BAD_FLAGS);
			mk_hdr(1, VAM_DATA, (uint8_t)(bit | low), 0);
			ck_assert_int_eq(hchk(32, VAM_CHAN_DATA, VAM_SIDE_SERVER),
					 VAM_DROP_BAD_FLAGS);
		}
		/* Reserved flags before the type check (S-29 step 2 before 3). */
		mk_hdr(1, 0, (uint8_t)bit, 0);
		ck_assert_int_eq(hchk(32, VAM_CHAN_CTRL, VAM_SIDE_SERVER), VAM_DROP_BAD_FLAGS);
		mk_hdr(1, VAM_DATA, (uint8_t)bit, 0);
		ck_assert_int_eq(hchk(32, VAM_CHAN_CTRL, VAM_SIDE_SERVER), VAM_DROP_BAD_FLAGS);
	}
	mk_hdr(1, VAM_KEEPALIVE, 0xff, 0);
	ck_assert_int_eq(hchk(32, VAM_CHAN_CTRL, VAM_SIDE_SERVER), VAM_DROP_BAD_FLAGS);
	/* 0x00..0x03 pass here; matching them with the suite is step 5. */
	for (unsigned int f = 0; f <= 3; f++) {
		mk_hdr(1, VAM_KEEPALIVE, (uint8_t)f, 0);
		ck_assert_int_eq(hchk(32, VAM_CHAN_CTRL, VAM_SIDE_SERVER), VAM_OK);
	}
}
END_TEST

/* S-06 / spec 5: which types each receiver accepts on each port. */
static bool c2s_ctrl(unsigned int t)
{
	return t == 1 || t == 3 || t == 5 || t == 7 || t == 9 || t == 12 || t == 13 || t == 15 ||
	       t == 17;
}

static bool s2c_ctrl(unsigned int t)
{
	return t == 2 || t == 4 || t == 6 || t == 8 || t == 10 || t == 11 || t == 14 || t == 16 ||
	       t == 18 || t == 19;
}

START_TEST(hdr_types)
{
	static const uint8_t odd[] = { 0, 20, 31, 33, 255 };
	struct vam_hdr h;

	for (unsigned int t = 0; t <= 255; t++) {
		mk_hdr(1, (uint8_t)t, 0x03, 0);
		ck_assert_msg(hchk(64, VAM_CHAN_CTRL, VAM_SIDE_SERVER) ==
				      (c2s_ctrl(t) ? VAM_OK : VAM_DROP_UNEXPECTED_TYPE),
			      "type %u on the control port at the server", t);
		ck_assert_msg(hchk(64, VAM_CHAN_CTRL, VAM_SIDE_CLIENT) ==
				      (s2c_ctrl(t) ? VAM_OK : VAM_DROP_UNEXPECTED_TYPE),
			      "type %u on the control port at the client", t);
		ck_assert_msg(hchk(64, VAM_CHAN_DATA, VAM_SIDE_SERVER) ==
				      (t == VAM_DATA ? VAM_OK : VAM_DROP_UNEXPECTED_TYPE),
			      "type %u on the data port at the server", t);
		ck_assert_msg(hchk(64, VAM_CHAN_DATA, VAM_SIDE_CLIENT) ==
				      (t == VAM_DATA ? VAM_OK : VAM_DROP_UNEXPECTED_TYPE),
			      "type %u on the data port at the client", t);
	}
	/* The named oddities, spelled out. */
	for (size_t i = 0; i < ARRAY_SIZE(odd); i++) {
		mk_hdr(1, odd[i], 0x03, 0);
		for (int side = VAM_SIDE_SERVER; side <= VAM_SIDE_CLIENT; side++) {
			ck_assert_int_eq(hchk(64, VAM_CHAN_CTRL, (enum vam_side)side),
					 VAM_DROP_UNEXPECTED_TYPE);
			ck_assert_int_eq(hchk(64, VAM_CHAN_DATA, (enum vam_side)side),
					 VAM_DROP_UNEXPECTED_TYPE);
		}
	}
	/* DATA on the control port, on both sides. */
	mk_hdr(1, VAM_DATA, 0x03, 0);
	ck_assert_int_eq(vam_hdr_check(big, 64, VAM_CHAN_CTRL, VAM_SIDE_SERVER, &h),
			 VAM_DROP_UNEXPECTED_TYPE);
	ck_assert_int_eq(vam_hdr_check(big, 64, VAM_CHAN_CTRL, VAM_SIDE_CLIENT, &h),
			 VAM_DROP_UNEXPECTED_TYPE);
}
END_TEST

START_TEST(hdr_decoded)
{
	static const uint8_t d[] = { 0x01, 0x08, 0x03, 0x04, 0x11, 0xa4, 0x5d, 0x03,
				     0x80, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0xaa };
	struct vam_hdr h, h2;
	uint8_t enc[VAM_HDR_LEN];

	memset(&h, 0, sizeof(h));
	ck_assert_int_eq(vam_hdr_check(d, sizeof(d), VAM_CHAN_CTRL, VAM_SIDE_CLIENT, &h), VAM_OK);
	ck_assert_uint_eq(h.ver, 1);
	ck_assert_uint_eq(h.type, VAM_REG_RESP);
	ck_assert_uint_eq(h.flags, 0x03);
	ck_assert_uint_eq(h.code, VAM_CODE_NOT_IN_DOMAIN);
	ck_assert_uint_eq(h.id, 0x11a45d03u);
	ck_assert_uint_eq(h.seq, UINT64_C(0x8002030405060708));
	vam_hdr_encode(&h, enc);
	ck_mem(enc, d, VAM_HDR_LEN, "re-encoded header");
	vam_hdr_decode(enc, &h2);
	ck_assert_uint_eq(h2.seq, h.seq);
	ck_assert_uint_eq(h2.id, h.id);
}
END_TEST

/* -------------------------------------------------------------------------- */
/* Requests, responses and codes (S-05)                                       */
/* -------------------------------------------------------------------------- */

static bool is_request(unsigned int t)
{
	const uint32_t req = B(1) | B(3) | B(4) | B(5) | B(6) | B(7) | B(9) | B(11) | B(12) |
			     B(13) | B(15) | B(17);

	return t == VAM_DATA || (t < 32 && (req >> t & 1u));
}

START_TEST(type_request)
{
	for (unsigned int t = 0; t <= 255; t++) {
		ck_assert_msg(vam_type_is_request((uint8_t)t) == is_request(t), "type %u", t);
		ck_assert_msg(vam_type_is_c2s((uint8_t)t) == (c2s_ctrl(t) || t == VAM_DATA),
			      "c2s type %u", t);
	}
	/* Every response type is neither a request nor unknown. */
	ck_assert(!vam_type_is_request(VAM_INIT_RESP));
	ck_assert(!vam_type_is_request(VAM_ERROR_NOTIFY));
	ck_assert(vam_type_is_request(VAM_HUB_INFO));
	ck_assert(vam_type_is_request(VAM_DATA));
}
END_TEST

START_TEST(response_type)
{
	uint8_t want[256] = { 0 };

	want[VAM_INIT_REQ] = VAM_INIT_RESP;
	want[VAM_REG_REQ] = VAM_REG_RESP;
	want[VAM_AUTH_INFO] = VAM_REG_RESP;
	want[VAM_RESOLVE_REQ] = VAM_RESOLVE_RESP;
	want[VAM_KEEPALIVE] = VAM_KEEPALIVE_ACK;
	want[VAM_NET_REG_REQ] = VAM_NET_REG_RESP;
	want[VAM_LOGOUT_REQ] = VAM_LOGOUT_RESP;
	/* INIT_DONE_C and HUB_INFO_ACK get no answer; a client never answers INVALID. */
	for (unsigned int t = 0; t <= 255; t++)
		ck_assert_msg(vam_response_type((uint8_t)t) == want[t], "response to type %u: %u",
			      t, vam_response_type((uint8_t)t));
}
END_TEST

START_TEST(code_allowed)
{
	static const struct {
		uint8_t type;
		uint32_t codes;	/* bit c: code c allowed, of 0..12 */
	} resp[] = {
		{ VAM_INIT_RESP, B(0) | B(1) | B(5) | B(7) },
		{ VAM_REG_RESP, B(0) | B(2) | B(3) | B(4) | B(5) | B(6) | B(7) | B(9) },
		{ VAM_RESOLVE_RESP, B(0) | B(7) | B(8) },
		{ VAM_NET_REG_RESP, B(0) | B(7) | B(9) },
		{ VAM_KEEPALIVE_ACK, B(0) | B(7) },
		{ VAM_LOGOUT_RESP, B(0) | B(7) },
		/* ERROR_NOTIFY: any non-zero code. */
		{ VAM_ERROR_NOTIFY, 0x1ffeu },
	};

	for (size_t i = 0; i < ARRAY_SIZE(resp); i++)
		for (unsigned int c = 0; c <= 12; c++)
			ck_assert_msg(vam_code_allowed(resp[i].type, (uint8_t)c) ==
					      !!(resp[i].codes >> c & 1u),
				      "%s code %u", vam_type_name(resp[i].type), c);
	ck_assert(vam_code_allowed(VAM_ERROR_NOTIFY, 255));
	/* Requests carry code 0 only. */
	for (unsigned int t = 0; t <= 255; t++) {
		if (!is_request(t))
			continue;
		for (unsigned int c = 0; c <= 12; c++)
			ck_assert_msg(vam_code_allowed((uint8_t)t, (uint8_t)c) == (c == 0),
				      "request %u code %u", t, c);
	}
}
END_TEST

/* -------------------------------------------------------------------------- */
/* Attributes (S-10, S-12)                                                    */
/* -------------------------------------------------------------------------- */

#define H16 "00112233445566778899aabbccddeeff"
#define H32 H16 H16
#define H17 "07" H16

struct acase {
	const char *name;
	uint16_t type;
	const char *hex;	/* the value; NULL: `fill` bytes of 'a' */
	size_t fill;
	bool ok;
};

#define X(n, t, h, ok) { n, t, h, 0, ok }
#define F(n, t, len, ok) { n, t, NULL, len, ok }

static const struct acase acases[] = {
	X("SENDER_ID", VAM_A_SENDER_ID, "11a45d03", true),
	X("SENDER_ID max", VAM_A_SENDER_ID, "ffffffff", true),
	X("SENDER_ID 0", VAM_A_SENDER_ID, "00000000", false),
	X("SENDER_ID len 3", VAM_A_SENDER_ID, "11a45d", false),
	X("SENDER_ID len 5", VAM_A_SENDER_ID, "11a45d0300", false),
	X("SENDER_ID empty", VAM_A_SENDER_ID, "", false),
	F("NONCE", VAM_A_NONCE, 32, true),
	F("NONCE len 31", VAM_A_NONCE, 31, false),
	F("NONCE len 33", VAM_A_NONCE, 33, false),
	F("NONCE empty", VAM_A_NONCE, 0, false),
	X("KEX", VAM_A_KEX, "001d" H32, true),
	X("KEX group 31", VAM_A_KEX, "001f" H32, false),
	X("KEX group 0", VAM_A_KEX, "0000" H32, false),
	X("KEX len 33", VAM_A_KEX, "001d" H16 "00112233445566778899aabbccddee", false),
	X("KEX len 35", VAM_A_KEX, "001d" H32 "00", false),
	X("KEX group only", VAM_A_KEX, "001d", false),
	X("ENC_ALGS one", VAM_A_ENC_ALGS, "000a", true),
	X("ENC_ALGS several", VAM_A_ENC_ALGS, "000a00090005", true),
	X("ENC_ALGS odd ids", VAM_A_ENC_ALGS, "00010007ffff", true),
	F("ENC_ALGS 32 bytes", VAM_A_ENC_ALGS, 32, true),
	F("ENC_ALGS 34 bytes", VAM_A_ENC_ALGS, 34, false),
	X("ENC_ALGS odd length", VAM_A_ENC_ALGS, "000a00", false),
	X("ENC_ALGS 1 byte", VAM_A_ENC_ALGS, "0a", false),
	F("ENC_ALGS empty", VAM_A_ENC_ALGS, 0, false),
	X("INTEG_ALGS one", VAM_A_INTEG_ALGS, "0003", true),
	X("INTEG_ALGS [0]", VAM_A_INTEG_ALGS, "0000", true),
	F("INTEG_ALGS 32 bytes", VAM_A_INTEG_ALGS, 32, true),
	F("INTEG_ALGS 34 bytes", VAM_A_INTEG_ALGS, 34, false),
	X("INTEG_ALGS odd length", VAM_A_INTEG_ALGS, "00030002ff", false),
	F("INTEG_ALGS empty", VAM_A_INTEG_ALGS, 0, false),
	X("ENC_ALG", VAM_A_ENC_ALG, "0009", true),
	X("ENC_ALG 0", VAM_A_ENC_ALG, "0000", true),
	X("ENC_ALG len 1", VAM_A_ENC_ALG, "09", false),
	X("ENC_ALG len 3", VAM_A_ENC_ALG, "000900", false),
	X("ENC_ALG empty", VAM_A_ENC_ALG, "", false),
	X("INTEG_ALG", VAM_A_INTEG_ALG, "0003", true),
	X("INTEG_ALG len 1", VAM_A_INTEG_ALG, "03", false),
	X("INTEG_ALG len 4", VAM_A_INTEG_ALG, "00030000", false),
	X("TRANSCRIPT", VAM_A_TRANSCRIPT, H32, true),
	F("TRANSCRIPT len 31", VAM_A_TRANSCRIPT, 31, false),
	F("TRANSCRIPT len 33", VAM_A_TRANSCRIPT, 33, false),
	X("CLIENT_NAME", VAM_A_CLIENT_NAME, "73706f6b652d31", true),
	X("CLIENT_NAME 1 byte", VAM_A_CLIENT_NAME, "61", true),
	F("CLIENT_NAME 64 bytes", VAM_A_CLIENT_NAME, 64, true),
	X("CLIENT_NAME utf-8", VAM_A_CLIENT_NAME, "68c3a96ce282acf09f9880dfbfefbfbdf48fbfbf", true),
	X("CLIENT_NAME 2-byte", VAM_A_CLIENT_NAME, "c2a9", true),
	X("CLIENT_NAME U+D7FF", VAM_A_CLIENT_NAME, "ed9fbf", true),
	X("CLIENT_NAME U+E000", VAM_A_CLIENT_NAME, "ee8080", true),
	F("CLIENT_NAME empty", VAM_A_CLIENT_NAME, 0, false),
	F("CLIENT_NAME 65 bytes", VAM_A_CLIENT_NAME, 65, false),
	X("CLIENT_NAME NUL", VAM_A_CLIENT_NAME, "610062", false),
	X("CLIENT_NAME only NUL", VAM_A_CLIENT_NAME, "00", false),
	X("CLIENT_NAME overlong c0 80", VAM_A_CLIENT_NAME, "61c080", false),
	X("CLIENT_NAME overlong c1 bf", VAM_A_CLIENT_NAME, "c1bf", false),
	X("CLIENT_NAME overlong e0 80 80", VAM_A_CLIENT_NAME, "e08080", false),
	X("CLIENT_NAME overlong f0 80 80 80", VAM_A_CLIENT_NAME, "f0808080", false),
	X("CLIENT_NAME surrogate ed a0 80", VAM_A_CLIENT_NAME, "eda080", false),
	X("CLIENT_NAME surrogate ed bf bf", VAM_A_CLIENT_NAME, "edbfbf", false),
	X("CLIENT_NAME above U+10FFFF", VAM_A_CLIENT_NAME, "f4908080", false),
	X("CLIENT_NAME f5 lead", VAM_A_CLIENT_NAME, "f5808080", false),
	X("CLIENT_NAME lone continuation", VAM_A_CLIENT_NAME, "6180", false),
	X("CLIENT_NAME truncated 2-byte", VAM_A_CLIENT_NAME, "61c3", false),
	X("CLIENT_NAME truncated 3-byte", VAM_A_CLIENT_NAME, "e282", false),
	X("CLIENT_NAME bad continuation", VAM_A_CLIENT_NAME, "c341", false),
	X("CLIENT_NAME ff", VAM_A_CLIENT_NAME, "ff", false),
	X("PRIVATE_ADDR", VAM_A_PRIVATE_ADDR, "0a000001", true),
	X("PRIVATE_ADDR len 3", VAM_A_PRIVATE_ADDR, "0a0000", false),
	X("PRIVATE_ADDR len 5", VAM_A_PRIVATE_ADDR, "0a00000100", false),
	X("PUBLIC_ADDR", VAM_A_PUBLIC_ADDR, "c63364014650", true),
	X("PUBLIC_ADDR port 0", VAM_A_PUBLIC_ADDR, "000000000000", true),
	X("PUBLIC_ADDR len 5", VAM_A_PUBLIC_ADDR, "c633640146", false),
	X("PUBLIC_ADDR len 7", VAM_A_PUBLIC_ADDR, "c6336401465000", false),
	X("AUTH_METHOD PAP", VAM_A_AUTH_METHOD, "02", true),
	X("AUTH_METHOD none", VAM_A_AUTH_METHOD, "01", true),
	X("AUTH_METHOD CHAP", VAM_A_AUTH_METHOD, "03", true),
	X("AUTH_METHOD 0", VAM_A_AUTH_METHOD, "00", false),
	X("AUTH_METHOD 4", VAM_A_AUTH_METHOD, "04", false),
	X("AUTH_METHOD len 2", VAM_A_AUTH_METHOD, "0002", false),
	X("AUTH_METHOD empty", VAM_A_AUTH_METHOD, "", false),
	X("CHAP_CHALLENGE", VAM_A_CHAP_CHALLENGE, H17, true),
	X("CHAP_CHALLENGE len 16", VAM_A_CHAP_CHALLENGE, H16, false),
	X("CHAP_CHALLENGE len 18", VAM_A_CHAP_CHALLENGE, H17 "00", false),
	X("NETWORKS one", VAM_A_NETWORKS, "0a000000" "08" "00", true),
	X("NETWORKS empty", VAM_A_NETWORKS, "", true),
	X("NETWORKS two", VAM_A_NETWORKS, "c0a80100" "18" "05" "ac100000" "0c" "ff", true),
	X("NETWORKS /32", VAM_A_NETWORKS, "0a000001" "20" "00", true),
	X("NETWORKS /0", VAM_A_NETWORKS, "00000000" "00" "00", true),
	X("NETWORKS same address, two lengths", VAM_A_NETWORKS,
	  "0a000000" "08" "00" "0a000000" "10" "00", true),
	X("NETWORKS host bits", VAM_A_NETWORKS, "0a000001" "08" "00", false),
	X("NETWORKS host bits /31", VAM_A_NETWORKS, "0a000001" "1f" "00", false),
	X("NETWORKS host bits /0", VAM_A_NETWORKS, "80000000" "00" "00", false),
	X("NETWORKS prefix length 33", VAM_A_NETWORKS, "0a000000" "21" "00", false),
	X("NETWORKS prefix length 255", VAM_A_NETWORKS, "00000000" "ff" "00", false),
	X("NETWORKS same prefix twice", VAM_A_NETWORKS, "0a000000" "08" "00" "0a000000" "08" "00",
	  false),
	X("NETWORKS same prefix, other preference", VAM_A_NETWORKS,
	  "c0a80100" "18" "01" "0a000000" "08" "00" "c0a80100" "18" "02", false),
	X("NETWORKS len 5", VAM_A_NETWORKS, "0a000000" "08", false),
	X("NETWORKS len 7", VAM_A_NETWORKS, "0a000000" "08" "00" "00", false),
	X("NETWORKS len 11", VAM_A_NETWORKS, "0a000000" "08" "00" "0b000000" "08", false),
	X("USERNAME", VAM_A_USERNAME, "616c696365", true),
	F("USERNAME 1", VAM_A_USERNAME, 1, true),
	F("USERNAME 253", VAM_A_USERNAME, 253, true),
	X("USERNAME octets", VAM_A_USERNAME, "00ff80", true),
	F("USERNAME empty", VAM_A_USERNAME, 0, false),
	F("USERNAME 254", VAM_A_USERNAME, 254, false),
	X("PASSWORD", VAM_A_PASSWORD, "736563726574", true),
	F("PASSWORD 1", VAM_A_PASSWORD, 1, true),
	F("PASSWORD 63", VAM_A_PASSWORD, 63, true),
	F("PASSWORD empty", VAM_A_PASSWORD, 0, false),
	F("PASSWORD 64", VAM_A_PASSWORD, 64, false),
	X("CHAP_RESPONSE", VAM_A_CHAP_RESPONSE, H17, true),
	X("CHAP_RESPONSE len 16", VAM_A_CHAP_RESPONSE, H16, false),
	X("CHAP_RESPONSE len 18", VAM_A_CHAP_RESPONSE, H17 "07", false),
	X("KEEPALIVE", VAM_A_KEEPALIVE, "000a03", true),
	X("KEEPALIVE 1/1", VAM_A_KEEPALIVE, "000101", true),
	X("KEEPALIVE 65535/6", VAM_A_KEEPALIVE, "ffff06", true),
	X("KEEPALIVE interval 0", VAM_A_KEEPALIVE, "000003", false),
	X("KEEPALIVE retries 0", VAM_A_KEEPALIVE, "000a00", false),
	X("KEEPALIVE retries 7", VAM_A_KEEPALIVE, "000a07", false),
	X("KEEPALIVE retries 255", VAM_A_KEEPALIVE, "000aff", false),
	X("KEEPALIVE len 2", VAM_A_KEEPALIVE, "000a", false),
	X("KEEPALIVE len 4", VAM_A_KEEPALIVE, "000a0300", false),
	X("CONNECTION_ID", VAM_A_CONNECTION_ID, "12345678" "0007" "0001" "0a000002", true),
	X("CONNECTION_ID cookie 0", VAM_A_CONNECTION_ID, "00000000" "ffff" "0001" "00000000",
	  true),
	X("CONNECTION_ID domain 0", VAM_A_CONNECTION_ID, "12345678" "0000" "0001" "0a000002",
	  false),
	X("CONNECTION_ID address type 2", VAM_A_CONNECTION_ID,
	  "12345678" "0007" "0002" "0a000002", false),
	X("CONNECTION_ID address type 0", VAM_A_CONNECTION_ID,
	  "12345678" "0007" "0000" "0a000002", false),
	X("CONNECTION_ID len 11", VAM_A_CONNECTION_ID, "12345678" "0007" "0001" "0a0000", false),
	X("CONNECTION_ID len 13", VAM_A_CONNECTION_ID, "12345678" "0007" "0001" "0a00000200",
	  false),
	X("ROLE hub", VAM_A_ROLE, "01", true),
	X("ROLE spoke", VAM_A_ROLE, "02", true),
	X("ROLE 0", VAM_A_ROLE, "00", false),
	X("ROLE 3", VAM_A_ROLE, "03", false),
	X("ROLE len 2", VAM_A_ROLE, "0001", false),
	X("HUB", VAM_A_HUB, "0a000001" "c6336401" "4651", true),
	X("HUB len 9", VAM_A_HUB, "0a000001" "c6336401" "46", false),
	X("HUB len 11", VAM_A_HUB, "0a000001" "c6336401" "465100", false),
	X("HUB empty", VAM_A_HUB, "", false),
	X("TARGET", VAM_A_TARGET, "0a000005", true),
	X("TARGET len 3", VAM_A_TARGET, "0a0000", false),
	X("TARGET len 5", VAM_A_TARGET, "0a00000500", false),
	X("NODE", VAM_A_NODE, "0a000005" "cb007105" "4651" "02" "01", true),
	X("NODE hub no nat", VAM_A_NODE, "0a000001" "c6336401" "4651" "01" "00", true),
	X("NODE role 3", VAM_A_NODE, "0a000005" "cb007105" "4651" "03" "00", false),
	X("NODE role 0", VAM_A_NODE, "0a000005" "cb007105" "4651" "00" "00", false),
	X("NODE nat 2", VAM_A_NODE, "0a000005" "cb007105" "4651" "02" "02", false),
	X("NODE len 11", VAM_A_NODE, "0a000005" "cb007105" "4651" "02", false),
	X("NODE len 13", VAM_A_NODE, "0a000005" "cb007105" "4651" "02" "00" "00", false),
	X("REASON", VAM_A_REASON, "7265706c61636564", true),
	X("REASON empty", VAM_A_REASON, "", true),
	X("REASON invalid utf-8", VAM_A_REASON, "ffc08000", true),
	F("REASON 128", VAM_A_REASON, 128, true),
	F("REASON 129", VAM_A_REASON, 129, false),
	X("OBSERVED_ADDR", VAM_A_OBSERVED_ADDR, "cb0071059c40", true),
	X("OBSERVED_ADDR len 5", VAM_A_OBSERVED_ADDR, "cb0071059c", false),
	X("OBSERVED_ADDR len 7", VAM_A_OBSERVED_ADDR, "cb0071059c4000", false),
	X("DATA_PORT", VAM_A_DATA_PORT, "4651", true),
	X("DATA_PORT 1", VAM_A_DATA_PORT, "0001", true),
	X("DATA_PORT 0", VAM_A_DATA_PORT, "0000", false),
	X("DATA_PORT len 1", VAM_A_DATA_PORT, "46", false),
	X("DATA_PORT len 3", VAM_A_DATA_PORT, "465100", false),
};

static bool known_attr(unsigned int t)
{
	return t >= 1 && t <= 28 && t != 8 && t != 23;
}

/* The value of a case into v; returns its length. */
static size_t case_value(const struct acase *c, uint8_t *v, size_t cap)
{
	if (c->hex != NULL)
		return tu_hex(c->hex, v, cap);
	ck_assert_uint_le(c->fill, cap);
	memset(v, 'a', c->fill);
	return c->fill;
}

/* The first valid value of the table for type t. */
static size_t good_value(unsigned int t, uint8_t *v, size_t cap)
{
	for (size_t i = 0; i < ARRAY_SIZE(acases); i++)
		if (acases[i].type == t && acases[i].ok)
			return case_value(&acases[i], v, cap);
	ck_abort_msg("no valid value for attribute %u", t);
	return 0;
}

START_TEST(attr_table_covers)
{
	/* The table has a valid and an invalid value for every known attribute. */
	for (unsigned int t = 0; t <= 40; t++) {
		bool good = false, bad = false;

		for (size_t i = 0; i < ARRAY_SIZE(acases); i++) {
			if (acases[i].type != t)
				continue;
			good |= acases[i].ok;
			bad |= !acases[i].ok;
		}
		ck_assert_msg(good == known_attr(t) && bad == known_attr(t), "attribute %u", t);
	}
}
END_TEST

/* One attribute alone, then between two skipped unknown attributes. */
START_TEST(attr_values)
{
	for (size_t i = 0; i < ARRAY_SIZE(acases); i++) {
		const struct acase *c = &acases[i];
		uint8_t v[512], body[600];
		size_t n = case_value(c, v, sizeof(v)), len = 0, at_off;
		struct vam_attrs at;
		const char *why = NULL;
		enum vam_drop d;

		put_attr(body, &len, c->type, v, n);
		memset(&at, 0xa5, sizeof(at));
		d = vam_tlv_parse(body, len, &at, &why);
		if (!c->ok) {
			ck_assert_msg(d == VAM_DROP_MALFORMED, "%s: accepted (%d)", c->name, d);
			ck_assert_msg(why != NULL && why[0] != '\0', "%s: no reason", c->name);
		} else {
			ck_assert_msg(d == VAM_OK, "%s: %s", c->name, why ? why : "?");
			ck_assert_uint_eq(at.present, B(c->type));
			ck_assert(vam_has(&at, c->type));
			ck_assert_ptr_eq(at.a[c->type].val, body + 4);
			ck_assert_uint_eq(at.a[c->type].len, n);
			ck_assert_uint_eq(at.nhubs, c->type == VAM_A_HUB ? 1 : 0);
			if (c->type == VAM_A_HUB)
				ck_assert_ptr_eq(at.hub[0], body + 4);
		}

		len = 0;
		put_hex(body, &len, 0x0100, "7a7a");
		at_off = len + 4;
		put_attr(body, &len, c->type, v, n);
		put_hex(body, &len, 23, "");
		why = NULL;
		d = vam_tlv_parse(body, len, &at, &why);
		if (!c->ok) {
			ck_assert_msg(d == VAM_DROP_MALFORMED, "%s (embedded): accepted", c->name);
			ck_assert_ptr_nonnull(why);
		} else {
			ck_assert_msg(d == VAM_OK, "%s (embedded): %s", c->name, why ? why : "?");
			ck_assert_uint_eq(at.present, B(c->type));
			ck_assert_ptr_eq(at.a[c->type].val, body + at_off);
			ck_assert_uint_eq(at.a[c->type].len, n);
		}
	}
}
END_TEST

/* NETWORKS of n entries 10.i.0.0/16, preference i; dup: the last repeats the first prefix. */
static size_t networks(uint8_t *v, unsigned int n, bool dup)
{
	for (unsigned int i = 0; i < n; i++) {
		uint8_t *e = v + 6 * i;
		unsigned int k = dup && i == n - 1 ? 0 : i;

		e[0] = 10;
		e[1] = (uint8_t)k;
		e[2] = 0;
		e[3] = 0;
		e[4] = 16;
		e[5] = (uint8_t)i;
	}
	return 6 * (size_t)n;
}

START_TEST(attr_networks_count)
{
	uint8_t v[6 * 40], body[300];
	struct vam_attrs at;
	size_t len;

	len = 0;
	put_attr(body, &len, VAM_A_NETWORKS, v, networks(v, 32, false));
	ck_assert_int_eq(vam_tlv_parse(body, len, &at, NULL), VAM_OK);
	ck_assert_uint_eq(at.a[VAM_A_NETWORKS].len, 192);
	ck_assert_ptr_eq(at.a[VAM_A_NETWORKS].val, body + 4);

	len = 0;
	put_attr(body, &len, VAM_A_NETWORKS, v, networks(v, 33, false));
	ck_assert_int_eq(vam_tlv_parse(body, len, &at, NULL), VAM_DROP_MALFORMED);

	len = 0;
	put_attr(body, &len, VAM_A_NETWORKS, v, networks(v, 32, true));
	ck_assert_int_eq(vam_tlv_parse(body, len, &at, NULL), VAM_DROP_MALFORMED);

	len = 0;
	put_attr(body, &len, VAM_A_NETWORKS, v, networks(v, 2, true));
	ck_assert_int_eq(vam_tlv_parse(body, len, &at, NULL), VAM_DROP_MALFORMED);
}
END_TEST

START_TEST(attr_getters)
{
	static const uint16_t integ[16] = { 3, 2, 5, 4, 0, 1, 6, 7,
					    8, 9, 10, 11, 12, 13, 14, 0xffff };
	uint8_t body[256], ib[32];
	uint16_t ids[VAM_ALGS_MAX];
	struct vam_attrs at;
	size_t len = 0;

	put_hex(body, &len, VAM_A_SENDER_ID, "deadbeef");
	put_hex(body, &len, VAM_A_AUTH_METHOD, "03");
	put_hex(body, &len, VAM_A_DATA_PORT, "4651");
	put_hex(body, &len, VAM_A_KEEPALIVE, "001e05");
	put_hex(body, &len, VAM_A_ENC_ALGS, "000a0009000b0005");
	for (unsigned int i = 0; i < 16; i++) {
		ib[2 * i] = (uint8_t)(integ[i] >> 8);
		ib[2 * i + 1] = (uint8_t)integ[i];
	}
	put_attr(body, &len, VAM_A_INTEG_ALGS, ib, 32);
	put_hex(body, &len, VAM_A_PRIVATE_ADDR, "0a000102");
	ck_assert_int_eq(vam_tlv_parse(body, len, &at, NULL), VAM_OK);
	ck_assert_uint_eq(at.present, B(VAM_A_SENDER_ID) | B(VAM_A_AUTH_METHOD) |
					      B(VAM_A_DATA_PORT) | B(VAM_A_KEEPALIVE) |
					      B(VAM_A_ENC_ALGS) | B(VAM_A_INTEG_ALGS) |
					      B(VAM_A_PRIVATE_ADDR));
	ck_assert_uint_eq(vam_attr_u32(&at, VAM_A_SENDER_ID), 0xdeadbeefu);
	ck_assert_uint_eq(vam_attr_u8(&at, VAM_A_AUTH_METHOD), 3);
	ck_assert_uint_eq(vam_attr_u16(&at, VAM_A_DATA_PORT), 0x4651);
	ck_assert_uint_eq(vam_attr_u16(&at, VAM_A_KEEPALIVE), 30);
	ck_assert_uint_eq(at.a[VAM_A_KEEPALIVE].val[2], 5);
	ck_assert_uint_eq(vam_attr_u32(&at, VAM_A_PRIVATE_ADDR), 0x0a000102u);
	ck_assert_uint_eq(vam_attr_algs(&at, VAM_A_ENC_ALGS, ids), 4);
	ck_assert_uint_eq(ids[0], 10);
	ck_assert_uint_eq(ids[1], 9);
	ck_assert_uint_eq(ids[2], 11);
	ck_assert_uint_eq(ids[3], 5);
	ck_assert_uint_eq(vam_attr_algs(&at, VAM_A_INTEG_ALGS, ids), 16);
	for (unsigned int i = 0; i < 16; i++)
		ck_assert_uint_eq(ids[i], integ[i]);
	/* Absent attributes read as 0 and are not present. */
	ck_assert(!vam_has(&at, VAM_A_TARGET));
	ck_assert(!vam_has(&at, 0));
	ck_assert(!vam_has(&at, 29));
	ck_assert(!vam_has(&at, 31));
	ck_assert(!vam_has(&at, 1000));
	ck_assert_uint_eq(vam_attr_u32(&at, VAM_A_TARGET), 0);
	ck_assert_uint_eq(vam_attr_u8(&at, VAM_A_ROLE), 0);
	ck_assert_uint_eq(vam_attr_u16(&at, VAM_A_ENC_ALG), 0);
	ck_assert_uint_eq(vam_attr_algs(&at, VAM_A_ENC_ALG, ids), 0);
}
END_TEST

START_TEST(attr_hub_repeat)
{
	uint8_t body[70 * 14], v[10];
	struct vam_attrs at;
	const char *why = NULL;
	size_t len = 0;

	for (unsigned int i = 0; i < 64; i++) {
		tu_hex("0a000000" "c6336400" "4651", v, sizeof(v));
		v[3] = (uint8_t)i;
		v[7] = (uint8_t)(100 + i);
		put_attr(body, &len, VAM_A_HUB, v, sizeof(v));
	}
	ck_assert_int_eq(vam_tlv_parse(body, len, &at, &why), VAM_OK);
	ck_assert_uint_eq(at.nhubs, 64);
	ck_assert_uint_eq(at.present, B(VAM_A_HUB));
	for (unsigned int i = 0; i < 64; i++) {
		ck_assert_ptr_eq(at.hub[i], body + 14 * i + 4);
		ck_assert_uint_eq(at.hub[i][3], i);
		ck_assert_uint_eq(at.hub[i][7], 100 + i);
	}
	ck_assert_uint_eq(at.a[VAM_A_HUB].len, 10);

	put_attr(body, &len, VAM_A_HUB, v, sizeof(v));
	why = NULL;
	ck_assert_int_eq(vam_tlv_parse(body, len, &at, &why), VAM_DROP_MALFORMED);
	ck_assert_ptr_nonnull(why);

	/* HUBs interleaved with other attributes (S-11: any order). */
	len = 0;
	put_hex(body, &len, VAM_A_HUB, "0a000001" "c6336401" "4651");
	put_hex(body, &len, VAM_A_ROLE, "02");
	put_hex(body, &len, VAM_A_HUB, "0a000002" "c6336402" "4652");
	ck_assert_int_eq(vam_tlv_parse(body, len, &at, NULL), VAM_OK);
	ck_assert_uint_eq(at.nhubs, 2);
	ck_assert_ptr_eq(at.hub[0], body + 4);
	ck_assert_ptr_eq(at.hub[1], body + 14 + 5 + 4);
	ck_assert_uint_eq(at.present, B(VAM_A_HUB) | B(VAM_A_ROLE));
}
END_TEST

START_TEST(attr_no_repeat)
{
	for (unsigned int t = 1; t <= VAM_A_MAX; t++) {
		uint8_t v[512], body[1200];
		struct vam_attrs at;
		size_t n, len = 0;
		const char *why = NULL;

		if (!known_attr(t) || t == VAM_A_HUB)
			continue;
		n = good_value(t, v, sizeof(v));
		put_attr(body, &len, (uint16_t)t, v, n);
		ck_assert_int_eq(vam_tlv_parse(body, len, &at, NULL), VAM_OK);
		put_attr(body, &len, (uint16_t)t, v, n);
		ck_assert_msg(vam_tlv_parse(body, len, &at, &why) == VAM_DROP_MALFORMED,
			      "attribute %u twice accepted", t);
		ck_assert_ptr_nonnull(why);

		/* Twice, not adjacent. */
		len = 0;
		put_attr(body, &len, (uint16_t)t, v, n);
		put_hex(body, &len, t == VAM_A_REASON ? VAM_A_TARGET : VAM_A_REASON, "0a000005");
		put_attr(body, &len, (uint16_t)t, v, n);
		ck_assert_msg(vam_tlv_parse(body, len, &at, NULL) == VAM_DROP_MALFORMED,
			      "attribute %u twice (apart) accepted", t);
	}
}
END_TEST

START_TEST(attr_unknown)
{
	static const uint16_t crit[] = { 0x8123, 0x8000, 0x8001, 0x8008, 0xffff };
	uint8_t body[256];
	struct vam_attrs at;
	size_t len = 0, sid_off;
	const char *why = NULL;

	put_hex(body, &len, 8, "ff");
	put_hex(body, &len, 23, "");
	put_hex(body, &len, 0x0100, "000000");
	sid_off = len + 4;
	put_hex(body, &len, VAM_A_SENDER_ID, "11a45d03");
	put_hex(body, &len, 0x0100, "ffffffffffff");
	put_hex(body, &len, 8, "00");
	put_hex(body, &len, 23, "0102");
	put_hex(body, &len, 0x7fff, "");
	put_hex(body, &len, 0, "01");
	put_hex(body, &len, 29, "0102030405");
	ck_assert_int_eq(vam_tlv_parse(body, len, &at, &why), VAM_OK);
	ck_assert_uint_eq(at.present, B(VAM_A_SENDER_ID));
	ck_assert_ptr_eq(at.a[VAM_A_SENDER_ID].val, body + sid_off);
	ck_assert_uint_eq(vam_attr_u32(&at, VAM_A_SENDER_ID), 0x11a45d03u);
	ck_assert_uint_eq(at.nhubs, 0);

	for (size_t i = 0; i < ARRAY_SIZE(crit); i++) {
		len = 0;
		put_hex(body, &len, crit[i], "00");
		why = NULL;
		ck_assert_msg(vam_tlv_parse(body, len, &at, &why) == VAM_DROP_MALFORMED,
			      "critical 0x%04x accepted", crit[i]);
		ck_assert_ptr_nonnull(why);
		len = 0;
		put_hex(body, &len, VAM_A_SENDER_ID, "11a45d03");
		put_hex(body, &len, 0x0100, "00");
		put_hex(body, &len, crit[i], "");
		ck_assert_msg(vam_tlv_parse(body, len, &at, NULL) == VAM_DROP_MALFORMED,
			      "critical 0x%04x after others accepted", crit[i]);
	}
}
END_TEST

START_TEST(body_framing)
{
	uint8_t body[64];
	struct vam_attrs at;
	size_t len = 0;
	const char *why;

	/* Empty body: a valid empty list, whatever the struct held before. */
	memset(body, 0xff, sizeof(body));
	memset(&at, 0xff, sizeof(at));
	ck_assert_int_eq(vam_tlv_parse(body, 0, &at, NULL), VAM_OK);
	ck_assert_uint_eq(at.present, 0);
	ck_assert_uint_eq(at.nhubs, 0);

	/* Stray 1..3 bytes after the last attribute, or alone (S-07). */
	put_hex(body, &len, VAM_A_TARGET, "0a000005");
	ck_assert_int_eq(vam_tlv_parse(body, len, &at, NULL), VAM_OK);
	memset(body + len, 0, 4);
	for (size_t k = 1; k <= 3; k++) {
		why = NULL;
		ck_assert_msg(vam_tlv_parse(body, len + k, &at, &why) == VAM_DROP_MALFORMED,
			      "%zu stray bytes accepted", k);
		ck_assert_ptr_nonnull(why);
		ck_assert_msg(vam_tlv_parse(body + len, k, &at, NULL) == VAM_DROP_MALFORMED,
			      "body of %zu bytes accepted", k);
	}
	/* A fourth byte makes an (unknown type 0, empty) attribute header. */
	ck_assert_int_eq(vam_tlv_parse(body, len + 4, &at, NULL), VAM_OK);

	/* An attribute running past the end, known or unknown. */
	for (size_t cut = 1; cut <= 4; cut++) {
		ck_assert_msg(vam_tlv_parse(body, 8 - cut, &at, NULL) == VAM_DROP_MALFORMED,
			      "TARGET cut by %zu accepted", cut);
	}
	len = 0;
	put_hex(body, &len, VAM_A_SENDER_ID, "11a45d03");
	put_hex(body, &len, 0x0100, "0102");
	ck_assert_int_eq(vam_tlv_parse(body, len, &at, NULL), VAM_OK);
	ck_assert_int_eq(vam_tlv_parse(body, len - 1, &at, NULL), VAM_DROP_MALFORMED);
	body[len - 3] = 3;	/* 0x0100 now claims 3 bytes, 2 remain */
	ck_assert_int_eq(vam_tlv_parse(body, len, &at, NULL), VAM_DROP_MALFORMED);
	body[len - 4] = 0xff;
	body[len - 3] = 0xff;
	ck_assert_int_eq(vam_tlv_parse(body, len, &at, NULL), VAM_DROP_MALFORMED);
}
END_TEST

/* -------------------------------------------------------------------------- */
/* Message schemas (spec 5, S-05, S-08, S-10, S-39)                           */
/* -------------------------------------------------------------------------- */

struct schema {
	uint8_t type;
	uint8_t code;
	uint8_t need[8];
	unsigned int n;
};

static const struct schema schemas[] = {
	{ VAM_INIT_REQ, 0,
	  { VAM_A_SENDER_ID, VAM_A_NONCE, VAM_A_KEX, VAM_A_ENC_ALGS, VAM_A_INTEG_ALGS,
	    VAM_A_CONNECTION_ID }, 6 },
	{ VAM_INIT_RESP, 0,
	  { VAM_A_SENDER_ID, VAM_A_NONCE, VAM_A_KEX, VAM_A_ENC_ALG, VAM_A_INTEG_ALG }, 5 },
	{ VAM_INIT_DONE_C, 0, { VAM_A_TRANSCRIPT }, 1 },
	{ VAM_INIT_DONE_S, 0, { VAM_A_TRANSCRIPT }, 1 },
	{ VAM_REG_REQ, 0,
	  { VAM_A_CLIENT_NAME, VAM_A_PRIVATE_ADDR, VAM_A_PUBLIC_ADDR, VAM_A_DATA_PORT }, 4 },
	{ VAM_AUTH_REQ, 0, { VAM_A_AUTH_METHOD }, 1 },	/* good value: PAP */
	{ VAM_AUTH_INFO, 0, { 0 }, 0 },
	{ VAM_REG_RESP, 0, { VAM_A_ROLE, VAM_A_KEEPALIVE, VAM_A_OBSERVED_ADDR, VAM_A_HUB }, 4 },
	{ VAM_RESOLVE_REQ, 0, { VAM_A_TARGET }, 1 },
	{ VAM_RESOLVE_RESP, 0, { VAM_A_TARGET, VAM_A_NODE }, 2 },
	{ VAM_HUB_INFO, 0, { 0 }, 0 },
	{ VAM_HUB_INFO_ACK, 0, { 0 }, 0 },
	{ VAM_KEEPALIVE, 0, { 0 }, 0 },
	{ VAM_KEEPALIVE_ACK, 0, { 0 }, 0 },
	{ VAM_NET_REG_REQ, 0, { VAM_A_NETWORKS }, 1 },
	{ VAM_NET_REG_RESP, 0, { 0 }, 0 },
	{ VAM_LOGOUT_REQ, 0, { 0 }, 0 },
	{ VAM_LOGOUT_RESP, 0, { 0 }, 0 },
	{ VAM_ERROR_NOTIFY, VAM_CODE_ADMIN_RESET, { 0 }, 0 },
	/* Non-zero codes: the "code != 0" column. */
	{ VAM_RESOLVE_RESP, VAM_CODE_NOT_FOUND, { VAM_A_TARGET }, 1 },
	{ VAM_INIT_RESP, VAM_CODE_NO_PROPOSAL, { 0 }, 0 },
	{ VAM_INIT_RESP, VAM_CODE_CAPACITY, { 0 }, 0 },
	{ VAM_REG_RESP, VAM_CODE_AUTH_FAILED, { 0 }, 0 },
	{ VAM_REG_RESP, VAM_CODE_AUTH_METHOD, { 0 }, 0 },
	{ VAM_REG_RESP, VAM_CODE_NOT_IN_DOMAIN, { 0 }, 0 },
	{ VAM_REG_RESP, VAM_CODE_CAPACITY, { 0 }, 0 },
	{ VAM_REG_RESP, VAM_CODE_AAA_UNAVAILABLE, { 0 }, 0 },
	{ VAM_REG_RESP, VAM_CODE_CONFLICT, { 0 }, 0 },
	{ VAM_NET_REG_RESP, VAM_CODE_CONFLICT, { 0 }, 0 },
	{ VAM_ERROR_NOTIFY, VAM_CODE_SHUTDOWN, { 0 }, 0 },
};

/* Body with the schema's attributes, leaving out index skip (-1: none), plus extras. */
static size_t schema_body(const struct schema *s, int skip, bool extras, uint8_t *body)
{
	uint8_t v[512];
	size_t len = 0;

	for (unsigned int i = 0; i < s->n; i++) {
		size_t n;

		if ((int)i == skip)
			continue;
		n = good_value(s->need[i], v, sizeof(v));
		put_attr(body, &len, s->need[i], v, n);
	}
	if (extras) {
		/* Unknown skippable types, and a known one the message does not list (S-08). */
		put_hex(body, &len, 0x0100, "0102");
		if (s->type != VAM_RESOLVE_RESP && s->type != VAM_RESOLVE_REQ)
			put_hex(body, &len, VAM_A_TARGET, "0a000009");
		else
			put_hex(body, &len, VAM_A_DATA_PORT, "4651");
	}
	return len;
}

START_TEST(msg_required)
{
	for (size_t i = 0; i < ARRAY_SIZE(schemas); i++) {
		const struct schema *s = &schemas[i];
		uint8_t body[1024];
		struct vam_attrs at, at2;
		const char *why = NULL;
		size_t len = schema_body(s, -1, false, body);
		enum vam_drop d;

		d = vam_msg_parse(s->type, s->code, body, len, &at, &why);
		ck_assert_msg(d == VAM_OK, "%s code %u: %s", vam_type_name(s->type), s->code,
			      why ? why : "?");
		ck_assert_int_eq(vam_tlv_parse(body, len, &at2, NULL), VAM_OK);
		ck_assert_int_eq(vam_msg_check(s->type, s->code, &at2, NULL), VAM_OK);
		for (unsigned int k = 0; k < s->n; k++)
			ck_assert(vam_has(&at, s->need[k]));

		len = schema_body(s, -1, true, body);
		ck_assert_msg(vam_msg_parse(s->type, s->code, body, len, &at, NULL) == VAM_OK,
			      "%s code %u with extras", vam_type_name(s->type), s->code);

		for (unsigned int k = 0; k < s->n; k++) {
			len = schema_body(s, (int)k, true, body);
			why = NULL;
			d = vam_msg_parse(s->type, s->code, body, len, &at, &why);
			ck_assert_msg(d == VAM_DROP_MALFORMED, "%s code %u without attribute %u",
				      vam_type_name(s->type), s->code, s->need[k]);
			ck_assert_ptr_nonnull(why);
			ck_assert_int_eq(vam_tlv_parse(body, len, &at2, NULL), VAM_OK);
			ck_assert_int_eq(vam_msg_check(s->type, s->code, &at2, NULL),
					 VAM_DROP_MALFORMED);
		}
	}
}
END_TEST

START_TEST(msg_invalid_code)
{
	/* Code INVALID carries only an optional REASON, in every response type (S-05). */
	static const uint8_t resp[] = { VAM_INIT_RESP, VAM_REG_RESP, VAM_RESOLVE_RESP,
					VAM_NET_REG_RESP, VAM_KEEPALIVE_ACK, VAM_LOGOUT_RESP };
	uint8_t body[64];
	struct vam_attrs at;
	size_t len = 0;

	put_hex(body, &len, VAM_A_REASON, "6261642072657175657374");
	for (size_t i = 0; i < ARRAY_SIZE(resp); i++) {
		ck_assert_msg(vam_msg_parse(resp[i], VAM_CODE_INVALID, body, 0, &at, NULL) ==
				      VAM_OK,
			      "%s INVALID, empty", vam_type_name(resp[i]));
		ck_assert_msg(vam_msg_parse(resp[i], VAM_CODE_INVALID, body, len, &at, NULL) ==
				      VAM_OK,
			      "%s INVALID with REASON", vam_type_name(resp[i]));
		ck_assert(vam_has(&at, VAM_A_REASON));
		/* The same empty body with code 0 lacks what code 0 needs, except where none. */
		if (resp[i] == VAM_INIT_RESP || resp[i] == VAM_REG_RESP ||
		    resp[i] == VAM_RESOLVE_RESP)
			ck_assert_int_eq(vam_msg_parse(resp[i], 0, body, 0, &at, NULL),
					 VAM_DROP_MALFORMED);
	}
	/* RESOLVE_RESP NOT_FOUND needs TARGET; INVALID does not. */
	ck_assert_int_eq(vam_msg_parse(VAM_RESOLVE_RESP, VAM_CODE_NOT_FOUND, body, len, &at, NULL),
			 VAM_DROP_MALFORMED);
	/* An unknown non-zero code is a failure, not a schema error: no code-0 attributes. */
	ck_assert_int_eq(vam_msg_parse(VAM_REG_RESP, 12, body, 0, &at, NULL), VAM_OK);
	/* Invalid attributes still fail, whatever the code (S-08). */
	len = 0;
	put_hex(body, &len, VAM_A_ROLE, "03");
	ck_assert_int_eq(vam_msg_parse(VAM_REG_RESP, VAM_CODE_INVALID, body, len, &at, NULL),
			 VAM_DROP_MALFORMED);
}
END_TEST

START_TEST(msg_auth)
{
	uint8_t body[128];
	struct vam_attrs at;
	const char *why;
	size_t len;

	/* AUTH_REQ: method NONE is not requested; CHAP needs the challenge (S-10). */
	len = 0;
	put_hex(body, &len, VAM_A_AUTH_METHOD, "01");
	why = NULL;
	ck_assert_int_eq(vam_msg_parse(VAM_AUTH_REQ, 0, body, len, &at, &why),
			 VAM_DROP_MALFORMED);
	ck_assert_ptr_nonnull(why);
	len = 0;
	put_hex(body, &len, VAM_A_AUTH_METHOD, "02");
	ck_assert_int_eq(vam_msg_parse(VAM_AUTH_REQ, 0, body, len, &at, NULL), VAM_OK);
	ck_assert_uint_eq(vam_attr_u8(&at, VAM_A_AUTH_METHOD), VAM_AUTH_PAP);
	put_hex(body, &len, VAM_A_CHAP_CHALLENGE, H17);
	ck_assert_int_eq(vam_msg_parse(VAM_AUTH_REQ, 0, body, len, &at, NULL), VAM_OK);
	len = 0;
	put_hex(body, &len, VAM_A_AUTH_METHOD, "03");
	why = NULL;
	ck_assert_int_eq(vam_msg_parse(VAM_AUTH_REQ, 0, body, len, &at, &why),
			 VAM_DROP_MALFORMED);
	ck_assert_ptr_nonnull(why);
	put_hex(body, &len, VAM_A_CHAP_CHALLENGE, H17);
	ck_assert_int_eq(vam_msg_parse(VAM_AUTH_REQ, 0, body, len, &at, NULL), VAM_OK);
	ck_assert_uint_eq(vam_attr_u8(&at, VAM_A_AUTH_METHOD), VAM_AUTH_CHAP);
	ck_assert_ptr_eq(at.a[VAM_A_CHAP_CHALLENGE].val, body + 5 + 4);
	ck_assert_int_eq(vam_msg_parse(VAM_AUTH_REQ, 0, body, 0, &at, NULL), VAM_DROP_MALFORMED);

	/* AUTH_INFO: empty means "cannot" (S-39); PAP and CHAP forms (S-38). */
	ck_assert_int_eq(vam_msg_parse(VAM_AUTH_INFO, 0, body, 0, &at, NULL), VAM_OK);
	ck_assert_uint_eq(at.present, 0);
	len = 0;
	put_hex(body, &len, VAM_A_USERNAME, "616c696365");
	put_hex(body, &len, VAM_A_PASSWORD, "736563726574");
	ck_assert_int_eq(vam_msg_parse(VAM_AUTH_INFO, 0, body, len, &at, NULL), VAM_OK);
	ck_assert_uint_eq(at.present, B(VAM_A_USERNAME) | B(VAM_A_PASSWORD));
	len = 0;
	put_hex(body, &len, VAM_A_USERNAME, "616c696365");
	put_hex(body, &len, VAM_A_CHAP_RESPONSE, H17);
	ck_assert_int_eq(vam_msg_parse(VAM_AUTH_INFO, 0, body, len, &at, NULL), VAM_OK);
	ck_assert_uint_eq(at.present, B(VAM_A_USERNAME) | B(VAM_A_CHAP_RESPONSE));
}
END_TEST

START_TEST(msg_parse_errors)
{
	uint8_t body[256], v[200];
	struct vam_attrs at;
	size_t len = 0;

	/* A known attribute the message does not list is still validated (S-08). */
	memset(v, 'r', sizeof(v));
	put_attr(body, &len, VAM_A_REASON, v, 129);
	ck_assert_int_eq(vam_msg_parse(VAM_KEEPALIVE, 0, body, len, &at, NULL),
			 VAM_DROP_MALFORMED);
	len = 0;
	put_attr(body, &len, VAM_A_REASON, v, 128);
	ck_assert_int_eq(vam_msg_parse(VAM_KEEPALIVE, 0, body, len, &at, NULL), VAM_OK);
	len = 0;
	put_hex(body, &len, VAM_A_NODE, "0a000005" "cb007105" "4651" "02" "01");
	ck_assert_int_eq(vam_msg_parse(VAM_KEEPALIVE, 0, body, len, &at, NULL), VAM_OK);
	put_hex(body, &len, 0x8123, "");
	ck_assert_int_eq(vam_msg_parse(VAM_KEEPALIVE, 0, body, len, &at, NULL),
			 VAM_DROP_MALFORMED);
	/* Stray bytes fail before the schema. */
	ck_assert_int_eq(vam_msg_parse(VAM_KEEPALIVE, 0, body, 2, &at, NULL), VAM_DROP_MALFORMED);
	/* Not control messages. */
	ck_assert_int_eq(vam_msg_parse(0, 0, body, 0, &at, NULL), VAM_DROP_MALFORMED);
	ck_assert_int_eq(vam_msg_parse(20, 0, body, 0, &at, NULL), VAM_DROP_MALFORMED);
	ck_assert_int_eq(vam_msg_parse(VAM_DATA, 0, body, 0, &at, NULL), VAM_DROP_MALFORMED);
}
END_TEST

/* -------------------------------------------------------------------------- */
/* The lenient SENDER_ID pass (S-34)                                          */
/* -------------------------------------------------------------------------- */

START_TEST(find_sender_id)
{
	uint8_t body[128];
	size_t len;

	len = 0;
	put_hex(body, &len, VAM_A_NONCE, H32);
	put_hex(body, &len, VAM_A_SENDER_ID, "11a45d03");
	put_hex(body, &len, VAM_A_TARGET, "0a000001");
	ck_assert_uint_eq(vam_tlv_find_sender_id(body, len), 0x11a45d03u);

	/* Lenient: a body that splits but is otherwise invalid still names its sender. */
	len = 0;
	put_hex(body, &len, VAM_A_KEX, "001f" H32);
	put_hex(body, &len, 0x8123, "00");
	put_hex(body, &len, VAM_A_SENDER_ID, "0000002a");
	ck_assert_uint_eq(vam_tlv_find_sender_id(body, len), 42);

	/* Absent. */
	len = 0;
	put_hex(body, &len, VAM_A_NONCE, H32);
	ck_assert_uint_eq(vam_tlv_find_sender_id(body, len), 0);
	ck_assert_uint_eq(vam_tlv_find_sender_id(body, 0), 0);

	/* Zero, or not 4 bytes. */
	len = 0;
	put_hex(body, &len, VAM_A_SENDER_ID, "00000000");
	ck_assert_uint_eq(vam_tlv_find_sender_id(body, len), 0);
	len = 0;
	put_hex(body, &len, VAM_A_SENDER_ID, "11a45d");
	ck_assert_uint_eq(vam_tlv_find_sender_id(body, len), 0);
	len = 0;
	put_hex(body, &len, VAM_A_SENDER_ID, "11a45d0300");
	ck_assert_uint_eq(vam_tlv_find_sender_id(body, len), 0);

	/* A body that does not split: stray bytes, or an attribute running past the end. */
	len = 0;
	put_hex(body, &len, VAM_A_SENDER_ID, "11a45d03");
	ck_assert_uint_eq(vam_tlv_find_sender_id(body, len), 0x11a45d03u);
	memset(body + len, 0, 3);
	for (size_t k = 1; k <= 3; k++)
		ck_assert_uint_eq(vam_tlv_find_sender_id(body, len + k), 0);
	put_hex(body, &len, VAM_A_NONCE, H32);
	ck_assert_uint_eq(vam_tlv_find_sender_id(body, len), 0x11a45d03u);
	ck_assert_uint_eq(vam_tlv_find_sender_id(body, len - 1), 0);
	ck_assert_uint_eq(vam_tlv_find_sender_id(body, 7), 0);
}
END_TEST

/* -------------------------------------------------------------------------- */
/* The writer                                                                 */
/* -------------------------------------------------------------------------- */

START_TEST(writer_encodings)
{
	static const uint16_t algs[] = { 10, 9, 11 };
	uint8_t buf[64], want[64];
	struct vam_tlv_writer w;
	struct vam_attrs at;
	size_t want_len;
	uint16_t ids[VAM_ALGS_MAX];

	memset(buf, 0xee, sizeof(buf));
	vam_tlv_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(vam_tlv_done(&w), 0);
	vam_tlv_put_u32(&w, VAM_A_SENDER_ID, 0xdeadbeef);
	vam_tlv_put_u8(&w, VAM_A_AUTH_METHOD, 3);
	vam_tlv_put_u16(&w, VAM_A_DATA_PORT, 0x4651);
	vam_tlv_put_algs(&w, VAM_A_ENC_ALGS, algs, 3);
	vam_tlv_put(&w, VAM_A_REASON, "hi", 2);
	vam_tlv_put(&w, 0x0100, NULL, 0);
	want_len = tu_hex("00010004deadbeef"
			  "000d000103"
			  "001c00024651"
			  "00040006000a0009000b"
			  "001a00026869"
			  "01000000",
			  want, sizeof(want));
	ck_assert_int_eq(vam_tlv_done(&w), (long)want_len);
	ck_mem(buf, want, want_len, "encoded body");
	ck_assert_uint_eq(buf[want_len], 0xee);

	/* What the writer produced parses back to the same values. */
	ck_assert_int_eq(vam_tlv_parse(buf, want_len, &at, NULL), VAM_OK);
	ck_assert_uint_eq(vam_attr_u32(&at, VAM_A_SENDER_ID), 0xdeadbeefu);
	ck_assert_uint_eq(vam_attr_u8(&at, VAM_A_AUTH_METHOD), 3);
	ck_assert_uint_eq(vam_attr_u16(&at, VAM_A_DATA_PORT), 0x4651);
	ck_assert_uint_eq(vam_attr_algs(&at, VAM_A_ENC_ALGS, ids), 3);
	ck_assert_uint_eq(ids[2], 11);

	/* An exact fit is not an overflow. */
	vam_tlv_init(&w, buf, 8);
	vam_tlv_put_u32(&w, VAM_A_TARGET, 0x0a000005);
	ck_assert_int_eq(vam_tlv_done(&w), 8);
	tu_hex("001800040a000005", want, sizeof(want));
	ck_mem(buf, want, 8, "exact fit");
}
END_TEST

START_TEST(writer_overflow)
{
	static uint8_t huge[70000], src[65536];
	uint16_t ids[17];
	uint8_t buf[64];
	struct vam_tlv_writer w;

	/* Sticky: a later put that would fit is not written, done says -1. */
	memset(buf, 0xee, sizeof(buf));
	vam_tlv_init(&w, buf, 13);
	vam_tlv_put_u32(&w, VAM_A_SENDER_ID, 1);
	ck_assert_int_eq(vam_tlv_done(&w), 8);
	vam_tlv_put(&w, VAM_A_PUBLIC_ADDR, "abcdef", 6);
	ck_assert_int_eq(vam_tlv_done(&w), -1);
	vam_tlv_put_u8(&w, VAM_A_ROLE, 1);
	ck_assert_int_eq(vam_tlv_done(&w), -1);
	for (size_t i = 8; i < sizeof(buf); i++)
		ck_assert_msg(buf[i] == 0xee, "byte %zu written after overflow", i);

	vam_tlv_init(&w, buf, 3);
	vam_tlv_put(&w, VAM_A_REASON, NULL, 0);
	ck_assert_int_eq(vam_tlv_done(&w), -1);

	vam_tlv_init(&w, buf, 0);
	vam_tlv_put_u8(&w, VAM_A_ROLE, 1);
	ck_assert_int_eq(vam_tlv_done(&w), -1);

	/* A value longer than a u16 length can say. */
	vam_tlv_init(&w, huge, sizeof(huge));
	vam_tlv_put(&w, 0x0100, src, 65536);
	ck_assert_int_eq(vam_tlv_done(&w), -1);
	vam_tlv_init(&w, huge, sizeof(huge));
	vam_tlv_put(&w, 0x0100, src, 65535);
	ck_assert_int_eq(vam_tlv_done(&w), 65539);

	/* Algorithm lists: 1..16 ids. */
	for (unsigned int i = 0; i < 17; i++)
		ids[i] = (uint16_t)i;
	vam_tlv_init(&w, buf, sizeof(buf));
	vam_tlv_put_algs(&w, VAM_A_ENC_ALGS, ids, 0);
	ck_assert_int_eq(vam_tlv_done(&w), -1);
	vam_tlv_put_u8(&w, VAM_A_ROLE, 1);
	ck_assert_int_eq(vam_tlv_done(&w), -1);
	vam_tlv_init(&w, buf, sizeof(buf));
	vam_tlv_put_algs(&w, VAM_A_INTEG_ALGS, ids, 17);
	ck_assert_int_eq(vam_tlv_done(&w), -1);
	vam_tlv_init(&w, buf, sizeof(buf));
	vam_tlv_put_algs(&w, VAM_A_INTEG_ALGS, ids, 16);
	ck_assert_int_eq(vam_tlv_done(&w), 36);
	ck_assert_uint_eq(buf[3], 32);
	ck_assert_uint_eq(buf[4 + 31], 15);
	vam_tlv_init(&w, buf, sizeof(buf));
	vam_tlv_put_algs(&w, VAM_A_INTEG_ALGS, ids, 1);
	ck_assert_int_eq(vam_tlv_done(&w), 6);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tlv");
	TCase *hdr = tcase_create("header");
	TCase *codes = tcase_create("codes");
	TCase *attr = tcase_create("attributes");
	TCase *msg = tcase_create("messages");
	TCase *wr = tcase_create("writer");
	SRunner *sr;
	int failed;

	tcase_add_test(hdr, hdr_too_long);
	tcase_add_test(hdr, hdr_short);
	tcase_add_test(hdr, hdr_version);
	tcase_add_test(hdr, hdr_reserved_flags);
	tcase_add_test(hdr, hdr_types);
	tcase_add_test(hdr, hdr_decoded);
	suite_add_tcase(s, hdr);

	tcase_add_test(codes, type_request);
	tcase_add_test(codes, response_type);
	tcase_add_test(codes, code_allowed);
	suite_add_tcase(s, codes);

	tcase_add_test(attr, attr_table_covers);
	tcase_add_test(attr, attr_values);
	tcase_add_test(attr, attr_networks_count);
	tcase_add_test(attr, attr_getters);
	tcase_add_test(attr, attr_hub_repeat);
	tcase_add_test(attr, attr_no_repeat);
	tcase_add_test(attr, attr_unknown);
	tcase_add_test(attr, body_framing);
	suite_add_tcase(s, attr);

	tcase_add_test(msg, msg_required);
	tcase_add_test(msg, msg_invalid_code);
	tcase_add_test(msg, msg_auth);
	tcase_add_test(msg, msg_parse_errors);
	tcase_add_test(msg, find_sender_id);
	suite_add_tcase(s, msg);

	tcase_add_test(wr, writer_encodings);
	tcase_add_test(wr, writer_overflow);
	suite_add_tcase(s, wr);

	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
