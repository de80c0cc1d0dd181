/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include "ctl_ratelimit.h"

static void refill(struct ctl_bucket *b, uint32_t rate, uint64_t now)
{
	uint64_t cap = (uint64_t)rate * 1000;

	if (now > b->last_ms) {
		b->milli += (now - b->last_ms) * rate;
		if (b->milli > cap)
			b->milli = cap;
	}
	b->last_ms = now;
}

void ctl_ratelimit_init(struct ctl_ratelimit *rl, uint32_t rate_total, uint32_t rate_source,
			uint64_t now)
{
	memset(rl, 0, sizeof(*rl));
	rl->rate_total = rate_total;
	rl->rate_source = rate_source;
	rl->total = (struct ctl_bucket){ now, (uint64_t)rate_total * 1000 };
}

static unsigned int src_slot(uint32_t ip)
{
	return (ip * 2654435761u) >> 20 & (CTL_RL_SOURCES - 1);
}

bool ctl_ratelimit_allow(struct ctl_ratelimit *rl, uint64_t now, uint32_t src_ip)
{
	unsigned int i = src_slot(src_ip);
	struct ctl_bucket *s = &rl->src[i];

	if (rl->src_ip[i] != src_ip || s->last_ms == 0) {
		/* A new source takes the slot with a full bucket. */
		rl->src_ip[i] = src_ip;
		*s = (struct ctl_bucket){ now, (uint64_t)rl->rate_source * 1000 };
	}
	refill(s, rl->rate_source, now);
	refill(&rl->total, rl->rate_total, now);
	if (s->milli < 1000 || rl->total.milli < 1000)
		return false;
	s->milli -= 1000;
	rl->total.milli -= 1000;
	return true;
}
