/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Lock-free anti-replay window. See vam_replay.h for the layout. Tags are
 * compared with serial-number arithmetic on 32 bits, so a slot left alone
 * for 2^31 ring turns (2^42 seqs) could be mistaken for a newer one; that
 * only rejects, never accepts, and no sender skips that far.
 */
#include "vam_replay.h"

#define SLOT_SHIFT	5			/* 32 seqs per slot */
#define RING_SHIFT	6			/* 64 slots */
#define IDX_MASK	(VAM_REPLAY_SLOTS - 1)

static inline unsigned int slot_idx(uint64_t seq)
{
	return (unsigned int)(seq >> SLOT_SHIFT) & IDX_MASK;
}

static inline uint32_t seq_tag(uint64_t seq)
{
	return (uint32_t)(seq >> (SLOT_SHIFT + RING_SHIFT));
}

static inline uint32_t seq_bit(uint64_t seq)
{
	return 1u << (seq & (VAM_REPLAY_SLOT_BITS - 1));
}

/* <0: slot holds an older block, 0: same block, >0: a newer block. */
static inline int32_t tag_cmp(uint64_t slot, uint32_t tag)
{
	return (int32_t)((uint32_t)(slot >> 32) - tag);
}

static inline bool seq_in_range(uint64_t seq)
{
	return seq != 0 && seq < (UINT64_C(1) << 63);
}

static inline bool below_window(uint64_t top, uint64_t seq)
{
	return seq <= top && top - seq >= VAM_REPLAY_WINDOW;
}

void vam_replay_init(struct vam_replay *w)
{
	atomic_init(&w->top, 0);
	for (unsigned int i = 0; i < VAM_REPLAY_SLOTS; i++)
		atomic_init(&w->slot[i], 0);
}

uint64_t vam_replay_top(const struct vam_replay *w)
{
	return atomic_load_explicit(&w->top, memory_order_relaxed);
}

bool vam_replay_check(const struct vam_replay *w, uint64_t seq)
{
	uint64_t top, slot;
	int32_t c;

	if (!seq_in_range(seq))
		return false;
	top = atomic_load_explicit(&w->top, memory_order_relaxed);
	if (seq > top)
		return true;
	if (below_window(top, seq))
		return false;
	slot = atomic_load_explicit(&w->slot[slot_idx(seq)], memory_order_relaxed);
	c = tag_cmp(slot, seq_tag(seq));
	if (c == 0)
		return !(slot & seq_bit(seq));
	return c < 0;
}

enum vam_replay_res vam_replay_update(struct vam_replay *w, uint64_t seq)
{
	_Atomic uint64_t *sp = &w->slot[slot_idx(seq)];
	uint32_t tag = seq_tag(seq), bit = seq_bit(seq);
	uint64_t top, old, nv;

	if (!seq_in_range(seq))
		return VAM_REPLAY_REJECT;
	top = atomic_load_explicit(&w->top, memory_order_relaxed);
	if (below_window(top, seq))
		return VAM_REPLAY_REJECT;
	old = atomic_load_explicit(sp, memory_order_relaxed);
	do {
		int32_t c = tag_cmp(old, tag);

		if (c > 0 || (c == 0 && (old & bit)))
			return VAM_REPLAY_REJECT;
		nv = c == 0 ? old | bit : (uint64_t)tag << 32 | bit;
	} while (!atomic_compare_exchange_weak_explicit(sp, &old, nv, memory_order_acq_rel,
							memory_order_relaxed));
	while (seq > top) {
		if (atomic_compare_exchange_weak_explicit(&w->top, &top, seq, memory_order_acq_rel,
							  memory_order_relaxed))
			return VAM_REPLAY_NEW_TOP;
	}
	return VAM_REPLAY_ACCEPT;
}
