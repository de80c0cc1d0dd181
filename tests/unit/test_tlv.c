/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Attribute parsing and validation (spec 4, S-07..S-12), message schemas
 * (spec 5, S-39), the lenient SENDER_ID pass (S-34) and the TLV writer.
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tlv_cases.h"
#include "vam_msg.h"
#include "vam_tlv.h"
#include "vam_wire.h"

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
/* Attributes (S-10, S-12)                                                    */
/* -------------------------------------------------------------------------- */

START_TEST(attr_table_covers)
{
	/* The table has a valid and an invalid value for every known attribute. */
	for (unsigned int t = 0; t <= 40; t++) {
		bool good = false, bad = false;

		for (size_t i = 0; i < nacases; i++) {
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
	for (size_t i = 0; i < nacases; i++) {
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
	TCase *attr = tcase_create("attributes");
	TCase *msg = tcase_create("messages");
	TCase *wr = tcase_create("writer");

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

	return tu_run(s);
}
