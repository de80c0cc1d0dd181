/* SPDX-License-Identifier: BSD-3-Clause */
/* INIT_REQ rate limiting (spec 10, S-35): token buckets per source address and in total. */
#ifndef CTL_RATELIMIT_H
#define CTL_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

#define CTL_RL_SOURCES 4096	/* per-source buckets; sources sharing a slot share a bucket */

struct ctl_bucket {
	uint64_t last_ms;
	uint64_t milli;		/* tokens x 1000 */
};

struct ctl_ratelimit {
	uint32_t rate_total, rate_source;	/* per second; burst = one second's worth */
	struct ctl_bucket total;
	struct ctl_bucket src[CTL_RL_SOURCES];
	uint32_t src_ip[CTL_RL_SOURCES];
};

void ctl_ratelimit_init(struct ctl_ratelimit *rl, uint32_t rate_total, uint32_t rate_source,
			uint64_t now);
/* Take one token from the source's and the total bucket; false: over the limit. */
bool ctl_ratelimit_allow(struct ctl_ratelimit *rl, uint64_t now, uint32_t src_ip);

#endif
