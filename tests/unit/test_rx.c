/* SPDX-License-Identifier: BSD-3-Clause */
/* The receive order of session and boot messages (S-04, S-05, S-28, S-29). */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vam_keys.h"
#include "vam_record.h"
#include "vam_replay.h"
#include "vam_rx.h"
#include "vam_suite.h"
#include "vam_wire.h"

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

	tu_mk_hdr(&h, type, code, 0x2a, seq);
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
	unsigned int n = tu_valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		struct vam_replay win;
		struct vam_dir_keys k;
		struct vam_rx_keys rk = { v[i], &k, &win };
		enum vam_replay_res res;
		struct pkt p;

		tu_rand_keys(&k);
		vam_replay_init(&win);
		mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 1);
		ck_assert_int_eq(rx(&rk, &p, &res), VAM_OK);
		for (unsigned int f = 0; f <= 3; f++) {
			if (f == tu_want_flags(v[i]))
				continue;
			/* A replayed, tampered datagram with the wrong flags: bad flags. */
			mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 1);
			tamper(&p);
			set_flags(&p, (uint8_t)f);
			ck_assert_msg(rx(&rk, &p, &res) == VAM_DROP_BAD_FLAGS, "%s: flags %u",
				      tu_sname(v[i]), f);
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
	unsigned int n = tu_valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		static const uint64_t never[] = { 0, UINT64_C(1) << 63, (UINT64_C(1) << 63) + 1,
						  UINT64_MAX };
		struct vam_replay win;
		struct vam_dir_keys k;
		struct vam_rx_keys rk = { v[i], &k, &win };
		enum vam_replay_res res;
		struct pkt p;

		if (tu_is_none(v[i]))
			continue;
		tu_rand_keys(&k);
		vam_replay_init(&win);
		mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 5);
		ck_assert_int_eq(rx(&rk, &p, &res), VAM_OK);
		ck_assert_int_eq(rx(&rk, &p, &res), VAM_DROP_REPLAY);
		tamper(&p);
		ck_assert_msg(rx(&rk, &p, &res) == VAM_DROP_REPLAY, "%s: tampered replay",
			      tu_sname(v[i]));
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
	unsigned int n = tu_valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		struct vam_replay win;
		struct vam_dir_keys k;
		struct vam_rx_keys rk = { v[i], &k, &win };
		enum vam_replay_res res;
		struct pkt p;

		if (tu_is_none(v[i]))
			continue;
		tu_rand_keys(&k);
		vam_replay_init(&win);
		mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 7);
		tamper(&p);
		ck_assert_int_eq(rx(&rk, &p, &res), VAM_DROP_INTEGRITY);
		ck_assert_uint_eq(vam_replay_top(&win), 0);
		ck_assert(vam_replay_check(&win, 7));
		/* Cut short: short or decrypt, and still no window change. */
		mk_pkt(&p, v[i], &k, VAM_KEEPALIVE, 0, 7);
		p.len -= 1;
		ck_assert_int_eq(rx(&rk, &p, &res), tu_want_cut(v[i], p.len - VAM_HDR_LEN));
		ck_assert_uint_eq(vam_replay_top(&win), 0);
		/* CBC padding failure under a valid ICV: the window does not move either. */
		if (tu_is_cbc(v[i].enc)) {
			uint8_t zero[16] = { 0 };

			p.len = tu_forge_cbc(v[i], &k, VAM_KEEPALIVE, 0, 7, zero, 16, true, p.d);
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
	unsigned int n = tu_valid_suites(v);

	for (unsigned int i = 0; i < n; i++) {
		struct vam_replay win;
		struct vam_dir_keys k;
		struct vam_rx_keys rk = { v[i], &k, &win };
		enum vam_replay_res res;
		uint64_t seq = 1;
		struct pkt p;

		tu_rand_keys(&k);
		vam_replay_init(&win);
		for (size_t j = 0; j < ARRAY_SIZE(requests); j++) {
			/* Code 0 is fine. */
			mk_pkt(&p, v[i], &k, requests[j], 0, seq++);
			ck_assert_int_eq(rx(&rk, &p, &res), VAM_OK);
			/* Code != 0 with a valid ICV: malformed, after the window update. */
			mk_pkt(&p, v[i], &k, requests[j], VAM_CODE_INVALID, seq);
			ck_assert_msg(rx(&rk, &p, &res) == VAM_DROP_MALFORMED, "%s: %s code 7",
				      tu_sname(v[i]), vam_type_name(requests[j]));
			ck_assert_int_eq(res, VAM_REPLAY_NEW_TOP);
			ck_assert_uint_eq(vam_replay_top(&win), seq);
			ck_assert_int_eq(rx(&rk, &p, &res), VAM_DROP_REPLAY);
			seq++;
			if (tu_is_none(v[i]))
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
			ck_assert_msg(rx(&rk, &p, &res) == VAM_OK, "%s: %s code %u", tu_sname(v[i]),
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

	tu_rand_keys(&k);
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

	tu_mk_hdr(&h, type, code, 7, seq);
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
	Suite *s = suite_create("rx");
	TCase *rxs = tcase_create("rx");

	tcase_set_timeout(rxs, 60);
	tcase_add_test(rxs, rx_flags_first);
	tcase_add_test(rxs, rx_replay_before_crypto);
	tcase_add_test(rxs, rx_failed_crypto_keeps_window);
	tcase_add_test(rxs, rx_request_code);
	tcase_add_test(rxs, rx_window_result);
	tcase_add_test(rxs, rx_boot);
	suite_add_tcase(s, rxs);

	return tu_run(s);
}
