/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The data-path session table (lib/dp/sessions.c) under concurrency: the
 * main lcore plays the control lcore, two worker lcores read like the data
 * path does (lookups without locks, a quiescent report per loop iteration).
 *  - churn: add, rekey and retire sessions while workers verify every session
 *    they find is whole and not freed (freed ones are poisoned first);
 *  - the replay window of one session, fed the same seqs by both workers;
 *  - the send counter, drawn by both workers;
 *  - a table of 2^20 slots, filled, emptied and reclaimed.
 * Needs an EAL (no hugepages); it fails, not skips, without one.
 */
#include <check.h>
#include <inttypes.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_pause.h>
#include <rte_rcu_qsbr.h>

#include "dp_session.h"
#include "testutil.h"
#include "vam_replay.h"

#define NW		2		/* worker lcores */
#define MAGIC_LIVE	UINT64_C(0x5e551011a11fe00d)
#define POISON		0xdb		/* what a released session is filled with */

/* Churn */
#define CHURN_SIZE	1024		/* slots */
#define CHURN_NHI	4		/* id variants per slot (high bits) */
#define CHURN_SEC	2.0
#define CHURN_BATCH	64		/* control operations between two reclaims */
#define CHURN_MAX_PEND	4096		/* pause the churn above this many pending */
#define CHURN_LOOKUPS	16		/* lookups per worker loop iteration */
#define CHURN_HOLD	8		/* sessions kept until the quiescent report */

/* Replay */
#define RP_N		200000u		/* seqs 1..RP_N, twice in each worker's list */
#define RP_BLOCK	256u		/* shuffled within blocks of this many seqs (< W) */
#define BURST		32		/* packets between two quiescent reports */

/* Send counter */
#define SEQ_N		1000000u	/* per worker */

/* Big table */
#define BIG_BITS	20
#define BIG_N		(1u << BIG_BITS)

/*
 * A session as the churn test builds it: the gateway's struct first (the
 * table rte_free()s what it is given, so the trailer goes with it), then what
 * a reader checks it against.
 */
struct tsess {
	struct dp_session s;
	uint64_t magic;
	uint64_t gen;
	uint64_t sum;		/* of id, gen and the key bytes */
	uint32_t id;
};

struct wk {
	unsigned int slot;
	struct dp_sessions *t;
	void (*body)(struct wk *w);
	uint64_t rnd;
	uint32_t id;		/* the one session of the replay and send counter tests */
	/* churn */
	uint64_t iters, lookups, hits, violations, rechecks;
	/* replay */
	const uint64_t *list;
	size_t n_list;
	_Atomic uint32_t *acc;
	uint64_t accepted, rej_check, rej_update, missing;
	/* send counter */
	uint64_t *got;
	size_t n_got;
};

struct rel_ctx {
	const struct dp_sessions *t;
	bool final;		/* dp_sessions_fini: live sessions go too */
	_Atomic uint64_t n, bad, pkts;
};

static unsigned int wl[NW];		/* worker lcore ids */
static _Atomic unsigned int n_ready, n_done;
static _Atomic bool go, stop;
static const char *lcore_arg;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static void fill_bytes(uint8_t *p, size_t n, uint64_t *x)
{
	for (size_t i = 0; i < n; i += 8) {
		uint64_t v = splitmix(x);

		memcpy(p + i, &v, n - i < 8 ? n - i : 8);
	}
}

/* Key bytes of session (id, gen): rx then tx from one stream. */
static void fill_keys(struct vam_dir_keys *rx, struct vam_dir_keys *tx, uint32_t id, uint64_t gen)
{
	uint64_t x = (uint64_t)id << 40 ^ gen;

	fill_bytes((uint8_t *)rx, sizeof(*rx), &x);
	fill_bytes((uint8_t *)tx, sizeof(*tx), &x);
}

static uint64_t checksum(const struct vam_dir_keys *rx, const struct vam_dir_keys *tx, uint32_t id,
			 uint64_t gen)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325) ^ id ^ gen << 32;
	const uint8_t *p = (const uint8_t *)rx;

	for (size_t i = 0; i < sizeof(*rx); i++)
		h = (h ^ p[i]) * UINT64_C(0x100000001b3);
	p = (const uint8_t *)tx;
	for (size_t i = 0; i < sizeof(*tx); i++)
		h = (h ^ p[i]) * UINT64_C(0x100000001b3);
	return h;
}

static struct tsess *build(uint32_t id, uint64_t gen)
{
	struct tsess *ts = rte_zmalloc("dpt_session", sizeof(*ts), RTE_CACHE_LINE_SIZE);

	if (ts == NULL)
		return NULL;
	ts->s.id = id;
	ts->s.peer_id = ~id;
	ts->s.domain = (uint16_t)gen;
	ts->s.replay_check = true;
	ts->s.suite = (struct vam_suite){ VAM_ENC_AES128_GCM, VAM_INTEG_NONE };
	fill_keys(&ts->s.rx, &ts->s.tx, id, gen);
	vam_replay_init(&ts->s.win);
	ts->magic = MAGIC_LIVE;
	ts->gen = gen;
	ts->id = id;
	ts->sum = checksum(&ts->s.rx, &ts->s.tx, id, gen);
	return ts;
}

/*
 * Whole, not released, and the session of id: everything a reader may see
 * of a session built by build(), recomputed. Header words are read through
 * volatile so a session poisoned while it is checked shows.
 */
static bool intact(const struct tsess *ts, uint32_t id, uint64_t *gen_out)
{
	const volatile struct tsess *v = ts;
	struct vam_dir_keys rx, tx;
	uint64_t gen = v->gen;

	if (v->magic != MAGIC_LIVE || v->id != id || v->s.id != id || v->s.peer_id != ~id ||
	    v->s.domain != (uint16_t)gen)
		return false;
	fill_keys(&rx, &tx, id, gen);
	if (memcmp(&rx, &ts->s.rx, sizeof(rx)) != 0 || memcmp(&tx, &ts->s.tx, sizeof(tx)) != 0 ||
	    checksum(&ts->s.rx, &ts->s.tx, id, gen) != v->sum)
		return false;
	if (gen_out)
		*gen_out = gen;
	return v->magic == MAGIC_LIVE && v->gen == gen;
}

/* The table's release callback: it runs before the table wipes and frees the session. */
static void churn_release(struct dp_session *s, void *arg)
{
	struct rel_ctx *c = arg;
	struct tsess *ts = (struct tsess *)s;

	if (ts->magic != MAGIC_LIVE ||
	    (!c->final && atomic_load(&c->t->slot[s->id & c->t->mask]) == s))
		c->bad++;
	c->pkts += atomic_load(&s->in.pkts);
	memset(ts, POISON, sizeof(*ts));
	c->n++;
}

/* -------------------------------------------------------------------------- */
/* Workers                                                                    */
/* -------------------------------------------------------------------------- */

/* Registered and online like dp_worker_main, then the test's body. */
static int wk_main(void *arg)
{
	struct wk *w = arg;
	struct rte_rcu_qsbr *qs = w->t->qs;

	rte_rcu_qsbr_thread_register(qs, w->slot);
	rte_rcu_qsbr_thread_online(qs, w->slot);
	atomic_fetch_add(&n_ready, 1);
	while (!atomic_load(&go) && !atomic_load(&stop))
		rte_pause();
	if (!atomic_load(&stop))
		w->body(w);
	rte_rcu_qsbr_thread_offline(qs, w->slot);
	rte_rcu_qsbr_thread_unregister(qs, w->slot);
	atomic_fetch_add(&n_done, 1);
	return 0;
}

/* Launch both workers and wait until they are online; false if they never were. */
static bool launch(struct wk *w)
{
	double t0 = now_s();

	atomic_store(&n_ready, 0);
	atomic_store(&n_done, 0);
	atomic_store(&go, false);
	atomic_store(&stop, false);
	for (int i = 0; i < NW; i++)
		ck_assert_int_eq(rte_eal_remote_launch(wk_main, &w[i], wl[i]), 0);
	while (atomic_load(&n_ready) < NW) {
		if (now_s() - t0 > 10)
			return false;
		usleep(100);
	}
	return true;
}

/* Wait for both workers without taking a CPU from them. */
static void join(void)
{
	while (atomic_load(&n_done) < NW)
		usleep(200);
	for (int i = 0; i < NW; i++)
		rte_eal_wait_lcore(wl[i]);
}

/* A session a worker found, kept until its quiescent report. */
struct held {
	const struct tsess *ts;
	uint32_t id;
	uint64_t gen;
};

static void churn_body(struct wk *w)
{
	uint32_t mask = w->t->mask, shift = (uint32_t)__builtin_ctz(mask + 1);

	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		struct held held[CHURN_HOLD];
		unsigned int nh = 0;

		for (int k = 0; k < CHURN_LOOKUPS; k++) {
			uint64_t r = splitmix(&w->rnd);
			uint32_t hi = (uint32_t)(r >> 32) % CHURN_NHI;
			uint32_t id = ((uint32_t)r & mask) | hi << shift;
			struct dp_session *s = dp_session_lookup(w->t, id);
			uint64_t gen;

			w->lookups++;
			if (s == NULL)
				continue;
			w->hits++;
			/* What the data path does to a session it found. */
			atomic_fetch_add_explicit(&s->in.pkts, 1, memory_order_relaxed);
			if (!intact((const struct tsess *)s, id, &gen))
				w->violations++;
			else if (nh < CHURN_HOLD)
				held[nh++] = (struct held){ (const struct tsess *)s, id, gen };
		}
		/* Still the same sessions, whole, until the quiescent report. */
		for (unsigned int i = 0; i < nh; i++) {
			uint64_t gen = 0;

			w->rechecks++;
			if (!intact(held[i].ts, held[i].id, &gen) || gen != held[i].gen)
				w->violations++;
		}
		w->iters++;
		rte_rcu_qsbr_quiescent(w->t->qs, w->slot);
	}
}

/* Each seq as the data path takes it: pre-check, (crypto,) update. */
static void replay_body(struct wk *w)
{
	for (size_t i = 0; i < w->n_list; i += BURST) {
		for (size_t j = i; j < i + BURST && j < w->n_list; j++) {
			struct dp_session *s = dp_session_lookup(w->t, w->id);
			uint64_t seq = w->list[j];

			if (s == NULL) {
				w->missing++;
				continue;
			}
			if (s->replay_check && !vam_replay_check(&s->win, seq)) {
				w->rej_check++;
				continue;
			}
			if (s->replay_check && !vam_replay_update(&s->win, seq)) {
				w->rej_update++;
				continue;
			}
			atomic_fetch_add_explicit(&w->acc[seq], 1, memory_order_relaxed);
			w->accepted++;
		}
		rte_rcu_qsbr_quiescent(w->t->qs, w->slot);
	}
}

static void seq_body(struct wk *w)
{
	for (size_t i = 0; i < w->n_got; i += BURST) {
		struct dp_session *s = dp_session_lookup(w->t, w->id);

		if (s == NULL) {
			w->missing++;
			break;
		}
		for (size_t j = i; j < i + BURST && j < w->n_got; j++)
			w->got[j] = dp_session_next_seq(s);
		rte_rcu_qsbr_quiescent(w->t->qs, w->slot);
	}
}

static void wk_setup(struct wk *w, struct dp_sessions *t, void (*body)(struct wk *w))
{
	for (int i = 0; i < NW; i++)
		w[i] = (struct wk){ .slot = (unsigned int)i, .t = t, .body = body,
				    .rnd = UINT64_C(0x1234567) * (uint64_t)(i + 1) ^
					   (uint64_t)getpid() };
}

/* -------------------------------------------------------------------------- */
/* 1. Churn                                                                   */
/* -------------------------------------------------------------------------- */

struct ctl_stats {
	uint64_t built, published_new, rekeyed, retired, ops, reclaim_calls, freed_running;
	uint64_t max_pending, errs, stalls;
	char err[160];
};

#define CTL_ERR(c, ...)								\
	do {									\
		if ((c)->errs++ == 0)						\
			snprintf((c)->err, sizeof((c)->err), __VA_ARGS__);	\
	} while (0)

/*
 * One control operation on a random slot: publish a new session into an
 * empty slot; else rekey (a new object, same id, new keys) or retire. No
 * ck_assert here: the workers are running, so failures are counted.
 */
static void churn_op(struct dp_sessions *t, struct tsess **live, uint64_t *rnd, uint64_t *gen,
		     struct ctl_stats *c)
{
	uint64_t r = splitmix(rnd);
	uint32_t slot = (uint32_t)r & t->mask, shift = (uint32_t)__builtin_ctz(t->mask + 1);
	struct tsess *cur = live[slot], *ts;
	uint32_t id;

	c->ops++;
	if (cur == NULL || (r >> 32 & 1)) {
		id = cur ? cur->id : slot | (uint32_t)(r >> 40) % CHURN_NHI << shift;
		ts = build(id, ++*gen);
		if (ts == NULL) {
			CTL_ERR(c, "rte_zmalloc failed after %" PRIu64 " sessions", c->built);
			return;
		}
		c->built++;
		dp_session_publish(t, &ts->s);
		if (dp_session_lookup(t, id) != &ts->s)
			CTL_ERR(c, "0x%08x: lookup after publish is not the new session", id);
		if (cur) {
			c->rekeyed++;
			/* Another id of the same slot is not there to retire. */
			if (dp_session_retire(t, id ^ 1u << shift) != -1 ||
			    dp_session_lookup(t, id) != &ts->s)
				CTL_ERR(c, "0x%08x: retire of a sibling id took the session", id);
		} else {
			c->published_new++;
		}
		live[slot] = ts;
		return;
	}
	id = cur->id;
	if (dp_session_retire(t, id) != 0)
		CTL_ERR(c, "0x%08x: retire of a live session failed", id);
	if (dp_session_lookup(t, id) != NULL)
		CTL_ERR(c, "0x%08x: found right after dp_session_retire", id);
	if (dp_session_retire(t, id) != -1)
		CTL_ERR(c, "0x%08x: retired twice", id);
	c->retired++;
	live[slot] = NULL;
}

START_TEST(churn)
{
	static struct tsess *live[CHURN_SIZE];
	struct rel_ctx rel = { 0 };
	struct ctl_stats c = { 0 };
	struct dp_sessions t;
	struct wk w[NW];
	uint64_t rnd = UINT64_C(0xc0ffee) ^ (uint64_t)getpid(), gen = 0, n_live = 0;
	uint64_t lookups = 0, hits = 0, violations = 0, rechecks = 0, iters = 0;
	double t0, t1;

	memset(live, 0, sizeof(live));
	ck_assert_int_eq(dp_sessions_init(&t, CHURN_SIZE, NW, churn_release, &rel), 0);
	rel.t = &t;
	/* Half full before the workers start. */
	for (int i = 0; i < CHURN_SIZE / 2; i++)
		churn_op(&t, live, &rnd, &gen, &c);
	wk_setup(w, &t, churn_body);
	if (!launch(w)) {
		atomic_store(&stop, true);
		join();
		ck_abort_msg("churn: workers did not come online");
	}
	atomic_store(&go, true);
	t0 = now_s();
	do {
		if (t.n_pending < CHURN_MAX_PEND) {
			for (int i = 0; i < CHURN_BATCH; i++)
				churn_op(&t, live, &rnd, &gen, &c);
		} else {
			c.stalls++;
			rte_pause();
		}
		if (t.n_pending > c.max_pending)
			c.max_pending = t.n_pending;
		c.freed_running += dp_sessions_reclaim(&t);
		c.reclaim_calls++;
		t1 = now_s();
	} while (t1 - t0 < CHURN_SEC);
	atomic_store(&stop, true);
	join();

	for (int i = 0; i < NW; i++) {
		lookups += w[i].lookups;
		hits += w[i].hits;
		violations += w[i].violations;
		rechecks += w[i].rechecks;
		iters += w[i].iters;
		ck_assert_msg(w[i].hits > 0, "worker %d found no session in %" PRIu64 " lookups", i,
			      w[i].lookups);
	}
	/* Workers are offline: every grace period is over. */
	for (int i = 0; t.n_pending > 0 && i < 1000; i++)
		dp_sessions_reclaim(&t);
	for (int i = 0; i < CHURN_SIZE; i++)
		n_live += live[i] != NULL;
	printf("dp_sessions churn: %.2f s, %" PRIu64 " control ops: %" PRIu64 " built (%" PRIu64
	       " new, %" PRIu64 " rekeys), %" PRIu64 " retired; %" PRIu64 " freed while workers ran"
	       " (max %" PRIu64 " pending, %" PRIu64 " stalls); workers %" PRIu64 " iterations, %"
	       PRIu64 " lookups, %" PRIu64 " hits, %" PRIu64 " rechecks, %" PRIu64 " violations; "
	       "%" PRIu64 " released\n", t1 - t0, c.ops, c.built, c.published_new, c.rekeyed,
	       c.retired, c.freed_running, c.max_pending, c.stalls, iters, lookups, hits,
	       rechecks, violations, (uint64_t)rel.n);
	ck_assert_msg(c.errs == 0, "control side: %" PRIu64 " errors, first: %s", c.errs, c.err);
	ck_assert_uint_eq(violations, 0);
	ck_assert_uint_gt(c.rekeyed, 1000);
	ck_assert_uint_gt(c.retired, 1000);
	ck_assert_uint_gt(c.freed_running, 0);
	ck_assert_uint_eq(t.n_pending, 0);
	ck_assert_uint_eq(rel.bad, 0);
	ck_assert_uint_eq(rel.n, c.retired + c.rekeyed);
	ck_assert_uint_eq(t.count, n_live);
	ck_assert_uint_eq(c.published_new, c.retired + n_live);
	/* What workers counted into sessions all arrived before their release. */
	rel.final = true;
	dp_sessions_fini(&t);
	ck_assert_uint_eq(rel.n, c.built);
	ck_assert_uint_eq(rel.bad, 0);
	ck_assert_uint_eq(rel.pkts, hits);
}
END_TEST

/* -------------------------------------------------------------------------- */
/* 2. One replay window, two workers                                          */
/* -------------------------------------------------------------------------- */

/* Every seq of 1..n twice, shuffled within blocks of RP_BLOCK seqs. */
static uint64_t *replay_list(uint64_t seed)
{
	uint64_t *l = malloc(2 * (size_t)RP_N * sizeof(*l));
	size_t k = 0;

	ck_assert_ptr_nonnull(l);
	for (uint64_t b = 1; b <= RP_N; b += RP_BLOCK) {
		uint64_t e = b + RP_BLOCK - 1 < RP_N ? b + RP_BLOCK - 1 : RP_N;
		size_t start = k;

		for (uint64_t s = b; s <= e; s++) {
			l[k++] = s;
			l[k++] = s;
		}
		for (size_t i = k - 1; i > start; i--) {
			size_t j = start + (size_t)(splitmix(&seed) % (i - start + 1));
			uint64_t x = l[i];

			l[i] = l[j];
			l[j] = x;
		}
	}
	ck_assert_uint_eq(k, 2 * (size_t)RP_N);
	return l;
}

START_TEST(replay)
{
	struct rel_ctx rel = { 0 };
	struct dp_sessions t;
	struct wk w[NW];
	struct tsess *ts;
	_Atomic uint32_t *acc = calloc(RP_N + 1, sizeof(*acc));
	uint64_t accepted = 0, zero = 0, twice = 0, rej_check = 0, rej_update = 0;
	double t0;

	ck_assert_ptr_nonnull(acc);
	ck_assert_int_eq(dp_sessions_init(&t, CHURN_SIZE, NW, churn_release, &rel), 0);
	rel.t = &t;
	ts = build(0x2a000007, 1);
	ck_assert_ptr_nonnull(ts);
	dp_session_publish(&t, &ts->s);
	wk_setup(w, &t, replay_body);
	for (int i = 0; i < NW; i++) {
		w[i].id = ts->id;
		w[i].acc = acc;
		w[i].list = replay_list(UINT64_C(0xabcdef) * (uint64_t)(i + 3));
		w[i].n_list = 2 * (size_t)RP_N;
	}
	ck_assert_msg(launch(w), "replay: workers did not come online");
	t0 = now_s();
	atomic_store(&go, true);
	join();
	t0 = now_s() - t0;
	for (uint64_t s = 1; s <= RP_N; s++) {
		uint32_t a = atomic_load(&acc[s]);

		zero += a == 0;
		twice += a > 1;
	}
	for (int i = 0; i < NW; i++) {
		accepted += w[i].accepted;
		rej_check += w[i].rej_check;
		rej_update += w[i].rej_update;
		ck_assert_uint_eq(w[i].missing, 0);
		ck_assert_uint_eq(w[i].accepted + w[i].rej_check + w[i].rej_update, w[i].n_list);
	}
	printf("dp_sessions replay: %.3f s, %u seqs x2 per worker: accepted %" PRIu64 " (%" PRIu64
	       " + %" PRIu64 "), pre-check rejects %" PRIu64 ", update rejects %" PRIu64
	       " (lost races); never accepted %" PRIu64 ", accepted twice %" PRIu64 "; top %"
	       PRIu64 "\n", t0, RP_N, accepted, w[0].accepted, w[1].accepted, rej_check,
	       rej_update, zero, twice, vam_replay_top(&ts->s.win));
	ck_assert_uint_eq(twice, 0);
	ck_assert_uint_eq(zero, 0);
	ck_assert_uint_eq(accepted, RP_N);
	ck_assert_uint_eq(vam_replay_top(&ts->s.win), RP_N);
	ck_assert(!vam_replay_check(&ts->s.win, RP_N));
	ck_assert(!vam_replay_check(&ts->s.win, RP_N - VAM_REPLAY_WINDOW + 1));
	ck_assert(vam_replay_check(&ts->s.win, RP_N + 1));
	for (int i = 0; i < NW; i++)
		free((void *)w[i].list);
	free(acc);
	dp_sessions_fini(&t);
	ck_assert_uint_eq(rel.n, 1);
}
END_TEST

/* -------------------------------------------------------------------------- */
/* 3. One send counter, two workers                                           */
/* -------------------------------------------------------------------------- */

START_TEST(send_counter)
{
	const uint64_t total = (uint64_t)NW * SEQ_N;
	struct rel_ctx rel = { 0 };
	struct dp_sessions t;
	struct wk w[NW];
	struct tsess *ts;
	uint8_t *seen = calloc(total + 1, 1);
	uint64_t bad = 0, dup = 0, missing = 0, runs[NW] = { 0 };
	double t0;

	ck_assert_ptr_nonnull(seen);
	ck_assert_int_eq(dp_sessions_init(&t, CHURN_SIZE, NW, churn_release, &rel), 0);
	rel.t = &t;
	ts = build(0x7700012c, 1);
	ck_assert_ptr_nonnull(ts);
	dp_session_publish(&t, &ts->s);
	wk_setup(w, &t, seq_body);
	for (int i = 0; i < NW; i++) {
		w[i].id = ts->id;
		w[i].n_got = SEQ_N;
		w[i].got = calloc(SEQ_N, sizeof(*w[i].got));
		ck_assert_ptr_nonnull(w[i].got);
	}
	ck_assert_msg(launch(w), "send counter: workers did not come online");
	t0 = now_s();
	atomic_store(&go, true);
	join();
	t0 = now_s() - t0;
	for (int i = 0; i < NW; i++) {
		ck_assert_uint_eq(w[i].missing, 0);
		for (size_t j = 0; j < SEQ_N; j++) {
			uint64_t v = w[i].got[j];

			if (v == 0 || v > total)
				bad++;
			else if (seen[v]++)
				dup++;
			/* Where the other worker took seqs in between. */
			runs[i] += j > 0 && v != w[i].got[j - 1] + 1;
		}
	}
	for (uint64_t v = 1; v <= total; v++)
		missing += seen[v] == 0;
	printf("dp_sessions send counter: %.3f s, %u seqs per worker: out of range %" PRIu64
	       ", duplicates %" PRIu64 ", missing %" PRIu64 "; interleavings %" PRIu64 " + %"
	       PRIu64 "\n", t0, SEQ_N, bad, dup, missing, runs[0], runs[1]);
	ck_assert_uint_eq(bad, 0);
	ck_assert_uint_eq(dup, 0);
	ck_assert_uint_eq(missing, 0);
	ck_assert_uint_eq(atomic_load(&ts->s.tx_seq), total);
	/* Each worker's own values only grow. */
	for (int i = 0; i < NW; i++)
		for (size_t j = 1; j < SEQ_N; j++)
			ck_assert_uint_gt(w[i].got[j], w[i].got[j - 1]);
	/* The end of the counter (S-04): 2^63 - 1 is the last seq, then 0. */
	atomic_store(&ts->s.tx_seq, (UINT64_C(1) << 63) - 2);
	ck_assert_uint_eq(dp_session_next_seq(&ts->s), (UINT64_C(1) << 63) - 1);
	ck_assert_uint_eq(dp_session_next_seq(&ts->s), 0);
	ck_assert_uint_eq(dp_session_next_seq(&ts->s), 0);
	for (int i = 0; i < NW; i++)
		free(w[i].got);
	free(seen);
	dp_sessions_fini(&t);
	ck_assert_uint_eq(rel.n, 1);
}
END_TEST

/* -------------------------------------------------------------------------- */
/* 4. 2^20 slots, all full                                                    */
/* -------------------------------------------------------------------------- */

/*
 * Every session comes from rte_zmalloc, as in the gateway: the table
 * rte_free()s whatever it releases (sessions.c release()), so sessions from
 * any other allocator cannot go through it. 2^20 of them (896 bytes each,
 * 1 KB with the heap's element header) is why main() asks for -m 1536.
 */

struct big_rel {
	const struct dp_sessions *t;
	uint64_t n, bad;
};

static void big_release(struct dp_session *s, void *arg)
{
	struct big_rel *c = arg;

	if (s->peer_id != ~s->id || atomic_load(&c->t->slot[s->id & c->t->mask]) == s)
		c->bad++;
	c->n++;
}

static uint32_t big_id(uint32_t i)
{
	return i | (i * UINT32_C(2654435761)) << BIG_BITS;	/* varied high bits */
}

START_TEST(big_table)
{
	struct big_rel rel = { 0 };
	struct rte_malloc_socket_stats st0, stp, st1;
	struct dp_sessions t;
	struct dp_session **ss = malloc(BIG_N * sizeof(*ss));
	uint64_t nomem = 0, found = 0, wrong = 0, ghosts = 0, gone = 0, again = 0, freed;
	double t0 = now_s(), t_pub, t_look, t_ret, t_rec;
	int socket = (int)rte_socket_id();

	ck_assert_ptr_nonnull(ss);
	ck_assert_int_eq(dp_sessions_init(&t, BIG_N, NW, big_release, &rel), 0);
	rel.t = &t;
	ck_assert_uint_eq(t.mask, BIG_N - 1);
	ck_assert_int_eq(rte_malloc_get_socket_stats(socket, &st0), 0);
	for (uint32_t i = 0; i < BIG_N; i++) {
		struct dp_session *s = rte_zmalloc("dpt_big", sizeof(*s), RTE_CACHE_LINE_SIZE);

		ss[i] = s;
		if (s == NULL) {
			nomem++;
			continue;
		}
		s->id = big_id(i);
		s->peer_id = ~s->id;
		dp_session_publish(&t, s);
	}
	t_pub = now_s();
	ck_assert_int_eq(rte_malloc_get_socket_stats(socket, &stp), 0);
	ck_assert_msg(nomem == 0, "rte_zmalloc failed for %" PRIu64 " of %u sessions: -m too small",
		      nomem, BIG_N);
	ck_assert_uint_eq(t.count, BIG_N);
	ck_assert_uint_eq(t.n_pending, 0);
	for (uint32_t i = 0; i < BIG_N; i++) {
		struct dp_session *s = dp_session_lookup(&t, big_id(i));

		found += s != NULL;
		wrong += s != ss[i];
		/* Same slot, other high bits: not this session. */
		ghosts += dp_session_lookup(&t, big_id(i) ^ 1u << BIG_BITS) != NULL;
	}
	t_look = now_s();
	ck_assert_uint_eq(found, BIG_N);
	ck_assert_uint_eq(wrong, 0);
	ck_assert_uint_eq(ghosts, 0);
	for (uint32_t i = 0; i < BIG_N; i++) {
		uint32_t id = big_id(i);

		if (dp_session_retire(&t, id) != 0)
			continue;
		gone++;
		again += dp_session_retire(&t, id) != -1;
		ghosts += dp_session_lookup(&t, id) != NULL;
	}
	t_ret = now_s();
	ck_assert_uint_eq(gone, BIG_N);
	ck_assert_uint_eq(again, 0);
	ck_assert_uint_eq(ghosts, 0);
	ck_assert_uint_eq(t.count, 0);
	ck_assert_uint_eq(t.n_pending, BIG_N);
	ck_assert_uint_eq(rel.n, 0);
	/* No worker registered: the grace period is over at once. */
	freed = dp_sessions_reclaim(&t);
	t_rec = now_s();
	ck_assert_int_eq(rte_malloc_get_socket_stats(socket, &st1), 0);
	printf("dp_sessions big table: %u slots, %u sessions of %zu bytes: publish %.2f s, lookup "
	       "%.2f s, retire %.2f s, reclaim %.2f s (%" PRIu64 " freed, %" PRIu64 " released, %"
	       PRIu64 " bad); heap in use %zu, %zu MB full, %zu after\n", BIG_N, BIG_N,
	       sizeof(struct dp_session), t_pub - t0, t_look - t_pub, t_ret - t_look,
	       t_rec - t_ret, freed, rel.n, rel.bad, st0.heap_allocsz_bytes,
	       stp.heap_allocsz_bytes >> 20, st1.heap_allocsz_bytes);
	ck_assert_uint_eq(freed, BIG_N);
	ck_assert_uint_eq(rel.n, BIG_N);
	ck_assert_uint_eq(rel.bad, 0);
	ck_assert_uint_eq(t.n_pending, 0);
	ck_assert_uint_eq(dp_sessions_reclaim(&t), 0);
	ck_assert_uint_eq(st1.heap_allocsz_bytes, st0.heap_allocsz_bytes);
	dp_sessions_fini(&t);
	ck_assert_uint_eq(rel.n, BIG_N);
	free(ss);
}
END_TEST

/* -------------------------------------------------------------------------- */

/*
 * Three lcores: -l 0-2 where CPUs 0-2 are ours; otherwise (a machine or
 * cgroup with fewer) the three lcores float over the CPUs we have.
 */
static const char *lcores(char *buf, size_t len, const char **opt)
{
	cpu_set_t cs;
	size_t n;

	CPU_ZERO(&cs);
	if (sched_getaffinity(0, sizeof(cs), &cs) != 0 ||
	    (CPU_ISSET(0, &cs) && CPU_ISSET(1, &cs) && CPU_ISSET(2, &cs))) {
		*opt = "-l";
		return "0-2";
	}
	*opt = "--lcores";
	n = (size_t)snprintf(buf, len, "(0-2)@(");
	for (int c = 0; c < CPU_SETSIZE && n < len - 8; c++)
		if (CPU_ISSET(c, &cs))
			n += (size_t)snprintf(buf + n, len - n, "%d,", c);
	buf[n - 1] = ')';
	return buf;
}

static int eal_up(void)
{
	static char lbuf[256];
	char prefix[64];
	const char *opt;
	const char *lc = lcores(lbuf, sizeof(lbuf), &opt);
	/* -m: the big table test holds 2^20 sessions of ~1 KB (with the heap's header) at once. */
	char *argv[] = { "test_dp_sessions", (char *)opt, (char *)lc, "--no-huge", "-m", "1536",
			 "--no-pci", "--no-telemetry", "--file-prefix", prefix,
			 "--log-level=lib.eal:error" };
	unsigned int n = 0, lcore;

	snprintf(prefix, sizeof(prefix), "vamses%d", (int)getpid());
	lcore_arg = lc;
	if (rte_eal_init((int)ARRAY_SIZE(argv), argv) < 0) {
		fprintf(stderr, "test_dp_sessions: FAIL: rte_eal_init (%s %s): %s\n", opt, lc,
			rte_strerror(rte_errno));
		return -1;
	}
	RTE_LCORE_FOREACH_WORKER(lcore) {
		if (n < NW)
			wl[n++] = lcore;
	}
	if (n < NW) {
		fprintf(stderr, "test_dp_sessions: FAIL: %u worker lcores, need %d\n", n, NW);
		rte_eal_cleanup();
		return -1;
	}
	return 0;
}

int main(void)
{
	Suite *s = suite_create("dp_sessions");
	TCase *tc = tcase_create("table");
	double t0 = now_s();
	SRunner *sr;
	int failed;

	if (eal_up() < 0)
		return EXIT_FAILURE;
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, churn);
	tcase_add_test(tc, replay);
	tcase_add_test(tc, send_counter);
	tcase_add_test(tc, big_table);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	printf("test_dp_sessions: lcores %s, workers on lcores %u and %u; %.2f s\n", lcore_arg,
	       wl[0], wl[1], now_s() - t0);
	rte_eal_cleanup();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
