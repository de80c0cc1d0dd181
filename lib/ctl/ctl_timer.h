/* SPDX-License-Identifier: BSD-3-Clause */
/* A hashed timer wheel: one deadline per client, O(1) arm and cancel. */
#ifndef CTL_TIMER_H
#define CTL_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#define CTL_TICK_MS	100
#define CTL_WHEEL_SLOTS	1024	/* one turn: 102.4 s; later deadlines wait for their turn */

struct ctl_timer {
	struct ctl_timer *next, **pprev;	/* pprev NULL: not armed */
	uint64_t expires;			/* ms */
};

struct ctl_wheel {
	struct ctl_timer *slot[CTL_WHEEL_SLOTS];
	uint64_t tick;				/* next tick to process */
};

void ctl_wheel_init(struct ctl_wheel *w, uint64_t now);
void ctl_timer_arm(struct ctl_wheel *w, struct ctl_timer *t, uint64_t expires);
void ctl_timer_cancel(struct ctl_timer *t);

static inline bool ctl_timer_armed(const struct ctl_timer *t)
{
	return t->pprev != NULL;
}

/* Fire every timer due by now (disarmed before fire; fire may re-arm or free it). */
unsigned int ctl_wheel_advance(struct ctl_wheel *w, uint64_t now,
			       void (*fire)(struct ctl_timer *t, void *arg), void *arg);

#endif
