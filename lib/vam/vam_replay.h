/* SPDX-License-Identifier: BSD-3-Clause */
/* Anti-replay window (spec 6.4, S-04, S-28), safe from several cores at once. */
#ifndef VAM_REPLAY_H
#define VAM_REPLAY_H

#include <stdalign.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#define VAM_REPLAY_WINDOW	1024	/* W of S-28 */
#define VAM_REPLAY_SLOT_BITS	32
#define VAM_REPLAY_SLOTS	64	/* 2048 seqs tracked > W + one slot */

/*
 * The window is a ring of 64-bit slots. Each slot holds a 32-bit tag (the
 * block number seq / 32 above the ring index) and a 32-bit bitmap of the
 * seqs of that block accepted so far. A slot only ever moves to a newer
 * block, and within a block bits are only set, each by one compare-and-swap:
 * so two cores updating the same seq cannot both succeed, whatever their
 * order. `top` (highest accepted seq) only grows, by compare-and-swap, and
 * is raised before the slot of a new top is written. No lock is taken;
 * readers and writers may be on any core.
 */
struct vam_replay {
	alignas(64) _Atomic uint64_t top;
	_Atomic uint64_t slot[VAM_REPLAY_SLOTS];
};

enum vam_replay_res {
	VAM_REPLAY_REJECT = 0,	/* seq 0, >= 2^63, below the window, or seen */
	VAM_REPLAY_ACCEPT = 1,	/* fresh, inside the window */
	VAM_REPLAY_NEW_TOP = 2,	/* fresh and above the previous top (S-30) */
};

void vam_replay_init(struct vam_replay *w);

/* The pre-check before crypto (S-29 step 6): true if seq may be fresh. Read only. */
bool vam_replay_check(const struct vam_replay *w, uint64_t seq);

/*
 * Mark seq accepted after crypto succeeded (S-28). Atomic: of several calls
 * with one seq, on any cores, exactly one returns non-zero.
 */
enum vam_replay_res vam_replay_update(struct vam_replay *w, uint64_t seq);

uint64_t vam_replay_top(const struct vam_replay *w);

#endif
