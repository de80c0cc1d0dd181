/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Lock-free anti-replay window. See vam_replay.h for the layout.
 *
 * Why a slot whose tag differs from seq's may be overwritten: while seq is
 * inside the window of top (top - seq < W = 1024), no block newer than
 * seq's can share its slot, because that block would lie 64 blocks (2048
 * seqs) ahead, beyond top. A writer therefore raises top *before* it
 * writes a newer block into a slot, and every updater loads the slot
 * (acquire) before top: whoever sees a newer block in a slot also sees the
 * top that pushes seq out of the window. Tags keep the low 32 bits of the
 * block number; two blocks 2^43 seqs apart look alike, which can only make
 * a fresh seq look seen (a reject), never the reverse.
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

static inline uint32_t slot_tag(uint64_t slot)
{
	return (uint32_t)(slot >> 32);
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

	if (!seq_in_range(seq))
		return false;
	slot = atomic_load_explicit(&w->slot[slot_idx(seq)], memory_order_acquire);
	top = atomic_load_explicit(&w->top, memory_order_acquire);
	if (seq > top)
		return true;
	if (below_window(top, seq))
		return false;
	return slot_tag(slot) != seq_tag(seq) || !(slot & seq_bit(seq));
}

enum vam_replay_res vam_replay_update(struct vam_replay *w, uint64_t seq)
{
	_Atomic uint64_t *sp = &w->slot[slot_idx(seq)];
	uint32_t tag = seq_tag(seq), bit = seq_bit(seq);
	bool raised = false;

	if (!seq_in_range(seq))
		return VAM_REPLAY_REJECT;
	for (;;) {
		uint64_t old = atomic_load_explicit(sp, memory_order_acquire);
		uint64_t top = atomic_load_explicit(&w->top, memory_order_acquire);
		uint64_t nv;

		if (below_window(top, seq))
			return VAM_REPLAY_REJECT;
		if (slot_tag(old) == tag) {
			if (old & bit)
				return VAM_REPLAY_REJECT;
			nv = old | bit;
		} else {
			nv = (uint64_t)tag << 32 | bit;	/* an older block: recycle */
		}
		if (seq > top) {
			/* Top first, then the slot (see the top of this file). */
			if (!atomic_compare_exchange_weak_explicit(&w->top, &top, seq,
								   memory_order_acq_rel,
								   memory_order_relaxed))
				continue;
			raised = true;
		}
		if (atomic_compare_exchange_weak_explicit(sp, &old, nv, memory_order_acq_rel,
							  memory_order_relaxed))
			return raised ? VAM_REPLAY_NEW_TOP : VAM_REPLAY_ACCEPT;
	}
}
