/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * invalid.json: every hostile datagram is dropped under the stated counter,
 * by the receive order of S-29, and answered (INVALID) only where stated.
 */
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "vam_msg.h"
#include "vam_rx.h"
#include "vam_tlv.h"
#include "vam_wire.h"
#include "vec.h"

enum stage { ST_HEADER, ST_LOOKUP, ST_CRYPTO, ST_TLV, ST_DONE };

struct outcome {
	enum vam_drop d;
	enum stage stage;
	struct vam_hdr h;
	uint8_t pt[VAM_DATA_MAX];
	size_t pt_len;
};

static void session_keys(const cJSON *ctx, struct vam_suite *su, struct vam_dir_keys *dk,
			 struct vam_replay *w)
{
	const cJSON *s = cJSON_GetObjectItem(ctx, "suite"), *k = cJSON_GetObjectItem(ctx, "rx_keys");
	const cJSON *seen = cJSON_GetObjectItem(cJSON_GetObjectItem(ctx, "replay_window"), "seen");
	const cJSON *e;

	*su = (struct vam_suite){ (uint16_t)tu_num(s, "enc"), (uint16_t)tu_num(s, "integ") };
	memset(dk, 0, sizeof(*dk));
	tu_hexj(k, "enc_key", dk->enc, sizeof(dk->enc));
	tu_hexj(k, "salt", dk->salt, sizeof(dk->salt));
	tu_hexj(k, "int_key", dk->integ, sizeof(dk->integ));
	vam_replay_init(w);
	cJSON_ArrayForEach(e, seen)
		ck_assert(vam_replay_update(w, (uint64_t)e->valuedouble) != VAM_REPLAY_REJECT);
}

/* The server's receive path for one datagram in the vector's context. */
static void server_rx(const cJSON *ctx, const uint8_t *dg, size_t len, struct outcome *o)
{
	const char *kind = cJSON_GetObjectItem(ctx, "kind")->valuestring;
	const cJSON *chan = cJSON_GetObjectItem(ctx, "channel");
	bool data = cJSON_IsString(chan) && strcmp(chan->valuestring, "data") == 0;
	struct vam_dir_keys dk;
	struct vam_replay win;
	struct vam_suite su;
	struct vam_attrs at;
	enum vam_replay_res res;

	o->stage = ST_HEADER;
	o->d = vam_hdr_check(dg, len, data ? VAM_CHAN_DATA : VAM_CHAN_CTRL, VAM_SIDE_SERVER, &o->h);
	if (o->d != VAM_OK || strcmp(kind, "none") == 0)
		return;
	o->stage = ST_LOOKUP;
	if (strcmp(kind, "boot") == 0) {
		tu_hexj(ctx, "boot_enc", dk.enc, sizeof(dk.enc));
		tu_hexj(ctx, "boot_int", dk.integ, sizeof(dk.integ));
		if (o->h.type != VAM_INIT_REQ || o->h.id != tu_num(ctx, "domain_id")) {
			o->d = VAM_DROP_UNKNOWN_SESSION;
			return;
		}
		o->stage = ST_CRYPTO;
		o->d = vam_rx_boot(&dk, &o->h, dg, len, o->pt, sizeof(o->pt), &o->pt_len);
	} else {
		if (o->h.id != tu_num(ctx, "session_id")) {
			o->d = VAM_DROP_UNKNOWN_SESSION;
			return;
		}
		session_keys(ctx, &su, &dk, &win);
		o->stage = ST_CRYPTO;
		o->d = vam_rx_session(&(struct vam_rx_keys){ su, &dk, &win }, &o->h, dg, len, o->pt,
				      sizeof(o->pt), &o->pt_len, &res);
	}
	if (o->d != VAM_OK || o->h.type == VAM_DATA)
		return;
	o->stage = ST_TLV;
	o->d = vam_msg_parse(o->h.type, o->h.code, o->pt, o->pt_len, &at, NULL);
	if (o->d == VAM_OK)
		o->stage = ST_DONE;
}

/* "drop", or "<TYPE> code 7 (INVALID)": what the server does besides counting. */
static void check_expect(const char *name, const char *expect, const struct outcome *o)
{
	bool answered = o->d == VAM_DROP_MALFORMED && o->stage == ST_TLV &&
			(o->h.type != VAM_INIT_REQ || vam_tlv_find_sender_id(o->pt, o->pt_len) != 0);
	char want[64];

	if (strcmp(expect, "drop") == 0) {
		ck_assert_msg(!answered, "%s: answered, expected a silent drop", name);
		return;
	}
	snprintf(want, sizeof(want), "%s code 7 (INVALID)",
		 vam_type_name(vam_response_type(o->h.type)));
	ck_assert_msg(strcmp(expect, want) == 0, "%s: expected '%s', would answer '%s'", name,
		      expect, want);
	ck_assert_msg(answered, "%s: expected an INVALID answer", name);
}

START_TEST(invalid)
{
	cJSON *j = tu_vectors("invalid.json"), *c;
	static struct outcome o;
	unsigned int n = 0;

	cJSON_ArrayForEach(c, cJSON_GetObjectItem(j, "invalid"))
	{
		const char *name = cJSON_GetObjectItem(c, "name")->valuestring;
		const char *reason = cJSON_GetObjectItem(c, "reason")->valuestring;
		static uint8_t dg[VAM_DATA_MAX + 16];
		size_t len = tu_hexj(c, "datagram", dg, sizeof(dg));

		server_rx(cJSON_GetObjectItem(c, "context"), dg, len, &o);
		ck_assert_msg(o.d != VAM_OK, "%s: accepted", name);
		ck_assert_msg(strcmp(vam_drop_name(o.d), reason) == 0, "%s: dropped as '%s', want '%s'",
			      name, vam_drop_name(o.d), reason);
		check_expect(name, cJSON_GetObjectItem(c, "expect")->valuestring, &o);
		vec_checked++;
		n++;
	}
	ck_assert_uint_ge(n, 40);
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(j, "valid_edges"))
	{
		const char *name = cJSON_GetObjectItem(c, "name")->valuestring;
		static uint8_t dg[VAM_DATA_MAX + 16];
		size_t len = tu_hexj(c, "datagram", dg, sizeof(dg));

		server_rx(cJSON_GetObjectItem(c, "context"), dg, len, &o);
		ck_assert_msg(o.d == VAM_OK, "%s: dropped as '%s'", name, vam_drop_name(o.d));
		vec_checked++;
	}
	cJSON_Delete(j);
}
END_TEST

TCase *vec_invalid_tcase(void)
{
	TCase *tc = tcase_create("invalid");

	tcase_add_test(tc, invalid);
	return tc;
}
