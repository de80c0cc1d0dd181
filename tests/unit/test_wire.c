/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Header checks (spec 3, S-01, S-02, S-06, S-29 steps 1..3) and the request,
 * response and code rules (S-05).
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vam_wire.h"

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

int main(void)
{
	Suite *s = suite_create("wire");
	TCase *hdr = tcase_create("header");
	TCase *codes = tcase_create("codes");

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

	return tu_run(s);
}
