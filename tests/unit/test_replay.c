/* SPDX-License-Identifier: BSD-3-Clause */
/* The anti-replay window: S-28 edges, slot reuse, a reference model, and several threads. */
#include <check.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vam_replay.h"

#define W VAM_REPLAY_WINDOW

static struct vam_replay w;

static void setup(void)
{
	vam_replay_init(&w);
}

/* Accept seq through the full receive sequence: pre-check, then update. */
static enum vam_replay_res take(uint64_t seq)
{
	if (!vam_replay_check(&w, seq))
		return VAM_REPLAY_REJECT;
	return vam_replay_update(&w, seq);
}

START_TEST(zero_and_high_seqs)
{
	ck_assert(!vam_replay_check(&w, 0));
	ck_assert_int_eq(vam_replay_update(&w, 0), VAM_REPLAY_REJECT);
	ck_assert(!vam_replay_check(&w, UINT64_C(1) << 63));
	ck_assert_int_eq(vam_replay_update(&w, UINT64_MAX), VAM_REPLAY_REJECT);
	ck_assert_int_eq(take((UINT64_C(1) << 63) - 1), VAM_REPLAY_NEW_TOP);
	ck_assert_uint_eq(vam_replay_top(&w), (UINT64_C(1) << 63) - 1);
	ck_assert_int_eq(take((UINT64_C(1) << 63) - 1), VAM_REPLAY_REJECT);
}
END_TEST

START_TEST(in_order_and_duplicates)
{
	for (uint64_t s = 1; s <= 5000; s++) {
		ck_assert_int_eq(take(s), VAM_REPLAY_NEW_TOP);
		ck_assert_int_eq(take(s), VAM_REPLAY_REJECT);
		if (s > 1)
			ck_assert_int_eq(take(s - 1), VAM_REPLAY_REJECT);
	}
	ck_assert_uint_eq(vam_replay_top(&w), 5000);
}
END_TEST

START_TEST(left_edge)
{
	/* S-28's vector: with top 2000, 976 is rejected and 977 accepted. */
	ck_assert_int_eq(take(2000), VAM_REPLAY_NEW_TOP);
	ck_assert(!vam_replay_check(&w, 976));
	ck_assert_int_eq(vam_replay_update(&w, 976), VAM_REPLAY_REJECT);
	ck_assert(vam_replay_check(&w, 977));
	ck_assert_int_eq(vam_replay_update(&w, 977), VAM_REPLAY_ACCEPT);
	ck_assert_int_eq(take(977), VAM_REPLAY_REJECT);
	ck_assert_uint_eq(vam_replay_top(&w), 2000);
	/* Every unseen seq of the window is accepted once. */
	for (uint64_t s = 978; s < 2000; s++)
		ck_assert_int_eq(take(s), VAM_REPLAY_ACCEPT);
	for (uint64_t s = 977; s <= 2000; s++)
		ck_assert_int_eq(take(s), VAM_REPLAY_REJECT);
}
END_TEST

START_TEST(jump_larger_than_window)
{
	for (uint64_t s = 1; s <= 10; s++)
		ck_assert_int_eq(take(s), VAM_REPLAY_NEW_TOP);
	ck_assert_int_eq(take(5000), VAM_REPLAY_NEW_TOP);
	ck_assert_int_eq(take(11), VAM_REPLAY_REJECT);		/* below the window now */
	ck_assert_int_eq(take(5000 - W), VAM_REPLAY_REJECT);	/* top - seq == W */
	ck_assert_int_eq(take(5000 - W + 1), VAM_REPLAY_ACCEPT);
	ck_assert_int_eq(take(4000), VAM_REPLAY_ACCEPT);
	/* A jump of 2^40 leaves nothing of the old window behind. */
	ck_assert_int_eq(take(UINT64_C(1) << 40), VAM_REPLAY_NEW_TOP);
	ck_assert_int_eq(take(5000), VAM_REPLAY_REJECT);
	ck_assert_int_eq(take((UINT64_C(1) << 40) - 1), VAM_REPLAY_ACCEPT);
	ck_assert_int_eq(take((UINT64_C(1) << 40) - W + 1), VAM_REPLAY_ACCEPT);
	ck_assert_int_eq(take((UINT64_C(1) << 40) - W), VAM_REPLAY_REJECT);
}
END_TEST

START_TEST(word_boundaries)
{
	static const uint64_t seqs[] = { 31, 32, 33, 63, 64, 65, 95, 96, 127, 128, 2047, 2048, 2049 };
	size_t n = sizeof(seqs) / sizeof(seqs[0]);

	/* Out of order around 32-bit slot and 64-slot ring boundaries. */
	ck_assert_int_eq(take(2100), VAM_REPLAY_NEW_TOP);
	for (size_t i = 0; i < n; i++) {
		enum vam_replay_res want = 2100 - seqs[i] >= W ? VAM_REPLAY_REJECT : VAM_REPLAY_ACCEPT;

		ck_assert_int_eq(take(seqs[i]), want);
	}
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(take(seqs[i]), VAM_REPLAY_REJECT);
}
END_TEST

START_TEST(stale_slot_bits_do_not_leak)
{
	/* Seqs 64..95 fill slot 2 with tag 0; 2140 lands in slot 2 with tag 1. */
	for (uint64_t s = 1; s <= 100; s++)
		ck_assert_int_eq(take(s), VAM_REPLAY_NEW_TOP);
	ck_assert_int_eq(take(2148), VAM_REPLAY_NEW_TOP);
	ck_assert(vam_replay_check(&w, 2140));
	ck_assert_int_eq(take(2140), VAM_REPLAY_ACCEPT);
	ck_assert_int_eq(take(2140), VAM_REPLAY_REJECT);
	ck_assert_int_eq(take(2141), VAM_REPLAY_ACCEPT);
}
END_TEST

START_TEST(check_is_read_only)
{
	ck_assert(vam_replay_check(&w, 7));
	ck_assert(vam_replay_check(&w, 7));
	ck_assert_uint_eq(vam_replay_top(&w), 0);
	ck_assert_int_eq(vam_replay_update(&w, 7), VAM_REPLAY_NEW_TOP);
	ck_assert(!vam_replay_check(&w, 7));
}
END_TEST

/* The model of S-28, written the obvious way: a set of seen seqs and top. */
struct model {
	uint64_t top;
	uint8_t *seen;
};

static bool model_take(struct model *m, uint64_t seq)
{
	if (seq == 0 || (seq <= m->top && m->top - seq >= W) || m->seen[seq])
		return false;
	m->seen[seq] = 1;
	if (seq > m->top)
		m->top = seq;
	return true;
}

START_TEST(matches_reference_model)
{
	const uint64_t span = 1 << 20;
	struct model m = { 0, calloc(span + 4096, 1) };
	uint64_t base = 1;
	unsigned int seed = 12345;

	ck_assert_ptr_nonnull(m.seen);
	for (int i = 0; i < 300000; i++) {
		uint64_t seq;
		int r = rand_r(&seed);

		/* Mostly near the top, sometimes old, sometimes a jump ahead. */
		if (r % 100 < 80)
			seq = base + (uint64_t)(rand_r(&seed) % 1500);
		else if (r % 100 < 95)
			seq = base > 3000 ? base - 3000 + (uint64_t)(rand_r(&seed) % 3000) : 1;
		else
			seq = base + (uint64_t)(rand_r(&seed) % 5000);
		if (seq >= span)
			break;
		ck_assert_int_eq(take(seq) != VAM_REPLAY_REJECT, model_take(&m, seq));
		ck_assert_uint_eq(vam_replay_top(&w), m.top);
		if (m.top > base + 700)
			base = m.top - 700;
	}
	ck_assert_uint_gt(m.top, 100000);
	free(m.seen);
}
END_TEST

/* Several threads race over the same seqs: each must be accepted exactly once. */
#define RACE_SEQS 200000
#define RACE_THREADS 4

static _Atomic uint32_t accepted[RACE_SEQS + 1];

static void *racer(void *arg)
{
	unsigned int seed = (unsigned int)(uintptr_t)arg;

	/* Walk forward in small shuffled blocks so seqs stay inside the window. */
	for (uint64_t b = 1; b + 63 <= RACE_SEQS; b += 64) {
		uint64_t off[64];

		for (int i = 0; i < 64; i++)
			off[i] = (uint64_t)i;
		for (int i = 63; i > 0; i--) {
			int j = rand_r(&seed) % (i + 1);
			uint64_t t = off[i];

			off[i] = off[j];
			off[j] = t;
		}
		for (int i = 0; i < 64; i++) {
			uint64_t seq = b + off[i];

			if (vam_replay_check(&w, seq) && vam_replay_update(&w, seq) != VAM_REPLAY_REJECT)
				atomic_fetch_add(&accepted[seq], 1);
		}
	}
	return NULL;
}

START_TEST(concurrent_updates_accept_once)
{
	pthread_t t[RACE_THREADS];
	uint64_t total = 0;

	memset(accepted, 0, sizeof(accepted));
	for (uintptr_t i = 0; i < RACE_THREADS; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, racer, (void *)(i + 1)), 0);
	for (int i = 0; i < RACE_THREADS; i++)
		pthread_join(t[i], NULL);
	for (uint64_t s = 1; s <= RACE_SEQS; s++) {
		ck_assert_uint_le(accepted[s], 1);
		total += accepted[s];
	}
	/*
	 * The first thread to reach a block is the furthest ahead, so every seq
	 * is inside the window for it: all are accepted, and none twice.
	 */
	ck_assert_uint_eq(total, RACE_SEQS);
	ck_assert_uint_eq(vam_replay_top(&w), RACE_SEQS);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("replay");
	TCase *tc = tcase_create("window");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, zero_and_high_seqs);
	tcase_add_test(tc, in_order_and_duplicates);
	tcase_add_test(tc, left_edge);
	tcase_add_test(tc, jump_larger_than_window);
	tcase_add_test(tc, word_boundaries);
	tcase_add_test(tc, stale_slot_bits_do_not_leak);
	tcase_add_test(tc, check_is_read_only);
	tcase_add_test(tc, matches_reference_model);
	tcase_add_test(tc, concurrent_updates_accept_once);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
