/* SPDX-License-Identifier: BSD-3-Clause */
/* Linear probing with backward-shift deletion: no tombstones, short probes. */
#include <stdlib.h>

#include "ctl_hmap.h"

static size_t hash(uint64_t k)
{
	/* splitmix64 finaliser */
	k ^= k >> 30;
	k *= UINT64_C(0xbf58476d1ce4e5b9);
	k ^= k >> 27;
	k *= UINT64_C(0x94d049bb133111eb);
	k ^= k >> 31;
	return (size_t)k;
}

int ctl_hmap_init(struct ctl_hmap *m, size_t capacity)
{
	size_t n = 16;

	while (n < capacity * 2)
		n <<= 1;
	m->slot = calloc(n, sizeof(*m->slot));
	m->mask = n - 1;
	m->count = 0;
	return m->slot ? 0 : -1;
}

void ctl_hmap_free(struct ctl_hmap *m)
{
	free(m->slot);
	m->slot = NULL;
	m->count = 0;
}

static struct ctl_hmap_slot *find(const struct ctl_hmap *m, uint64_t key)
{
	for (size_t i = hash(key) & m->mask;; i = (i + 1) & m->mask) {
		struct ctl_hmap_slot *s = &m->slot[i];

		if (s->val == NULL || s->key == key)
			return s;
	}
}

void *ctl_hmap_get(const struct ctl_hmap *m, uint64_t key)
{
	struct ctl_hmap_slot *s = find(m, key);

	return s->val ? s->val : NULL;
}

static int grow(struct ctl_hmap *m)
{
	struct ctl_hmap old = *m;

	m->slot = calloc((old.mask + 1) * 2, sizeof(*m->slot));
	if (m->slot == NULL) {
		*m = old;
		return -1;
	}
	m->mask = old.mask * 2 + 1;
	for (size_t i = 0; i <= old.mask; i++)
		if (old.slot[i].val)
			*find(m, old.slot[i].key) = old.slot[i];
	free(old.slot);
	return 0;
}

int ctl_hmap_put(struct ctl_hmap *m, uint64_t key, void *val)
{
	struct ctl_hmap_slot *s;

	if ((m->count + 1) * 10 > (m->mask + 1) * 7 && grow(m) != 0)
		return -1;
	s = find(m, key);
	if (s->val == NULL)
		m->count++;
	s->key = key;
	s->val = val;
	return 0;
}

void *ctl_hmap_del(struct ctl_hmap *m, uint64_t key)
{
	struct ctl_hmap_slot *s = find(m, key);
	size_t i = (size_t)(s - m->slot), j = i;
	void *old = s->val;

	if (old == NULL)
		return NULL;
	/* Shift later entries of the cluster back into the hole when they may. */
	for (;;) {
		size_t home;

		m->slot[i].val = NULL;
		for (;;) {
			j = (j + 1) & m->mask;
			if (m->slot[j].val == NULL) {
				m->count--;
				return old;
			}
			home = hash(m->slot[j].key) & m->mask;
			/* Keep j where it is if its home lies cyclically in (i, j]. */
			if (i <= j ? (i < home && home <= j) : (i < home || home <= j))
				continue;
			break;
		}
		m->slot[i] = m->slot[j];
		i = j;
	}
}

int ctl_hmap_walk(const struct ctl_hmap *m, int (*fn)(uint64_t key, void *val, void *arg),
		  void *arg)
{
	for (size_t i = 0; m->slot && i <= m->mask; i++) {
		int rc;

		if (m->slot[i].val && (rc = fn(m->slot[i].key, m->slot[i].val, arg)) != 0)
			return rc;
	}
	return 0;
}
