/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A small open-addressing hash map, u64 key -> pointer, for the control
 * plane's own indexes (private address, half-open handshakes, rate-limit
 * sources). Control-plane only: it allocates when it grows. The data path
 * uses DPDK's tables.
 */
#ifndef CTL_HMAP_H
#define CTL_HMAP_H

#include <stddef.h>
#include <stdint.h>

struct ctl_hmap_slot {
	uint64_t key;
	void *val;		/* NULL: empty */
};

struct ctl_hmap {
	struct ctl_hmap_slot *slot;
	size_t mask;		/* capacity - 1, capacity a power of two */
	size_t count;
};

int ctl_hmap_init(struct ctl_hmap *m, size_t capacity);
void ctl_hmap_free(struct ctl_hmap *m);
void *ctl_hmap_get(const struct ctl_hmap *m, uint64_t key);
/* Insert or replace (val != NULL); -1 when growing fails. */
int ctl_hmap_put(struct ctl_hmap *m, uint64_t key, void *val);
/* Remove; returns the old value or NULL. */
void *ctl_hmap_del(struct ctl_hmap *m, uint64_t key);

/* Visit every entry; stop when fn returns non-zero (its value is returned). */
int ctl_hmap_walk(const struct ctl_hmap *m, int (*fn)(uint64_t key, void *val, void *arg),
		  void *arg);

#endif
