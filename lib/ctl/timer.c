/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include "ctl_timer.h"

void ctl_wheel_init(struct ctl_wheel *w, uint64_t now)
{
	memset(w->slot, 0, sizeof(w->slot));
	w->tick = now / CTL_TICK_MS;
}

static void link(struct ctl_timer **head, struct ctl_timer *t)
{
	t->next = *head;
	if (t->next)
		t->next->pprev = &t->next;
	t->pprev = head;
	*head = t;
}

static uint64_t tick_of(uint64_t expires)
{
	return (expires + CTL_TICK_MS - 1) / CTL_TICK_MS;
}

void ctl_timer_arm(struct ctl_wheel *w, struct ctl_timer *t, uint64_t expires)
{
	uint64_t tick = tick_of(expires);

	ctl_timer_cancel(t);
	if (tick < w->tick)
		tick = w->tick;
	t->expires = expires;
	link(&w->slot[tick % CTL_WHEEL_SLOTS], t);
}

void ctl_timer_cancel(struct ctl_timer *t)
{
	if (t->pprev == NULL)
		return;
	*t->pprev = t->next;
	if (t->next)
		t->next->pprev = t->pprev;
	t->next = NULL;
	t->pprev = NULL;
}

/*
 * Pop timers off the slot one at a time, so fire() may arm or cancel any
 * timer (even one in this slot). A timer due a whole turn later that maps
 * to this slot waits on a local list, which stays a proper list (cancel
 * works on it), and goes back after the slot is empty.
 */
static unsigned int run_slot(struct ctl_wheel *w, uint64_t now,
			     void (*fire)(struct ctl_timer *t, void *arg), void *arg)
{
	struct ctl_timer **head = &w->slot[w->tick % CTL_WHEEL_SLOTS], *defer = NULL, *t;
	unsigned int fired = 0;

	while ((t = *head) != NULL) {
		ctl_timer_cancel(t);
		if (t->expires <= now) {
			fire(t, arg);
			fired++;
		} else if (tick_of(t->expires) % CTL_WHEEL_SLOTS == w->tick % CTL_WHEEL_SLOTS) {
			link(&defer, t);
		} else {
			ctl_timer_arm(w, t, t->expires);
		}
	}
	while ((t = defer) != NULL) {
		ctl_timer_cancel(t);
		link(head, t);
	}
	return fired;
}

unsigned int ctl_wheel_advance(struct ctl_wheel *w, uint64_t now,
			       void (*fire)(struct ctl_timer *t, void *arg), void *arg)
{
	uint64_t last = now / CTL_TICK_MS;
	unsigned int fired = 0;

	/* A long pause turns the wheel at most once: every slot gets looked at. */
	if (last > w->tick + CTL_WHEEL_SLOTS)
		w->tick = last - CTL_WHEEL_SLOTS;
	for (; w->tick <= last; w->tick++)
		fired += run_slot(w, now, fire, arg);
	return fired;
}
