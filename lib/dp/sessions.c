/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdlib.h>
#include <string.h>

#include <rte_malloc.h>

#include "dp_session.h"

struct dp_pending {
	struct dp_session *s;
	uint64_t token;
};

int dp_sessions_init(struct dp_sessions *t, uint32_t size, uint32_t max_workers,
		     void (*release)(struct dp_session *s, void *arg), void *arg)
{
	size_t qs_size = rte_rcu_qsbr_get_memsize(max_workers ? max_workers : 1);

	memset(t, 0, sizeof(*t));
	if (size == 0 || (size & (size - 1)) != 0)
		return -1;
	t->slot = calloc(size, sizeof(*t->slot));
	t->qs = rte_zmalloc("dp_sessions_qs", qs_size, RTE_CACHE_LINE_SIZE);
	t->cap_pending = 1024;
	t->pending = calloc(t->cap_pending, sizeof(*t->pending));
	if (t->slot == NULL || t->qs == NULL || t->pending == NULL ||
	    rte_rcu_qsbr_init(t->qs, max_workers ? max_workers : 1) != 0) {
		dp_sessions_fini(t);
		return -1;
	}
	t->mask = size - 1;
	t->release = release;
	t->release_arg = arg;
	return 0;
}

static void release(struct dp_sessions *t, struct dp_session *s)
{
	if (t->release)
		t->release(s, t->release_arg);
	vam_wipe(s, sizeof(*s));
	rte_free(s);
}

void dp_sessions_fini(struct dp_sessions *t)
{
	/* Workers are stopped: everything may go now. */
	for (uint32_t i = 0; t->slot && i <= t->mask; i++) {
		struct dp_session *s = atomic_load(&t->slot[i]);

		if (s)
			release(t, s);
	}
	for (uint32_t i = 0; i < t->n_pending; i++)
		release(t, t->pending[i].s);
	free(t->slot);
	free(t->pending);
	rte_free(t->qs);
	memset(t, 0, sizeof(*t));
}

static void retire(struct dp_sessions *t, struct dp_session *s)
{
	if (t->n_pending == t->cap_pending) {
		struct dp_pending *p = realloc(t->pending, 2 * t->cap_pending * sizeof(*p));

		if (p == NULL) {
			/* Out of memory: wait for the readers rather than leak or crash. */
			rte_rcu_qsbr_synchronize(t->qs, RTE_QSBR_THRID_INVALID);
			release(t, s);
			return;
		}
		t->pending = p;
		t->cap_pending *= 2;
	}
	t->pending[t->n_pending++] = (struct dp_pending){ s, rte_rcu_qsbr_start(t->qs) };
}

void dp_session_publish(struct dp_sessions *t, struct dp_session *s)
{
	struct dp_session *old = atomic_exchange_explicit(&t->slot[s->id & t->mask], s,
							  memory_order_acq_rel);

	if (old != NULL)
		retire(t, old);
	else
		t->count++;
}

int dp_session_retire(struct dp_sessions *t, uint32_t id)
{
	_Atomic(struct dp_session *) *p = &t->slot[id & t->mask];
	struct dp_session *s = atomic_load_explicit(p, memory_order_relaxed);

	if (s == NULL || s->id != id)
		return -1;
	atomic_store_explicit(p, NULL, memory_order_release);
	t->count--;
	retire(t, s);
	return 0;
}

unsigned int dp_sessions_reclaim(struct dp_sessions *t)
{
	unsigned int freed = 0, keep = 0;

	/* Tokens grow along the array: the first one still waiting ends the scan. */
	while (freed < t->n_pending &&
	       rte_rcu_qsbr_check(t->qs, t->pending[freed].token, false) == 1) {
		release(t, t->pending[freed].s);
		freed++;
	}
	for (uint32_t i = freed; i < t->n_pending; i++)
		t->pending[keep++] = t->pending[i];
	t->n_pending = keep;
	return freed;
}
