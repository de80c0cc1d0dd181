/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Forwarding tables (spec 9, S-56): one rte_lpm per domain, written by the
 * control lcore, read by workers without locks. LPM's tbl8 groups are
 * recycled through the same RCU variable as the session table, in
 * defer-queue mode, so the control lcore never waits for readers.
 *
 * A next hop is the slot of a session (1 .. 2^24-1, the low bits of its id)
 * or DP_NH_LAN: out of the protected port. The gateway's own address is
 * not in the table: workers check it first (it wins ties, S-56).
 */
#ifndef DP_ROUTE_H
#define DP_ROUTE_H

#include <stdint.h>

/* rte_lpm.h's bulk lookup uses a VLA; the project builds with -Wvla. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wvla"
#include <rte_lpm.h>
#pragma GCC diagnostic pop
#include <rte_rcu_qsbr.h>

#define DP_NH_LAN	0u
#define DP_MAX_DOMAINS	64

struct dp_routes {
	uint16_t domain[DP_MAX_DOMAINS];	/* domain id of each table, 0 = unused */
	struct rte_lpm *lpm[DP_MAX_DOMAINS];
	uint32_t own[DP_MAX_DOMAINS];		/* the gateway's private address there */
	unsigned int n;
};

/* One table per domain id in ids (with the gateway's address there); max_rules in each. */
int dp_routes_init(struct dp_routes *r, const uint16_t *ids, const uint32_t *own, unsigned int n,
		   uint32_t max_rules, struct rte_rcu_qsbr *qs);
void dp_routes_fini(struct dp_routes *r);

/* Index of a domain's table, -1 if the domain is not served. */
static inline int dp_routes_index(const struct dp_routes *r, uint16_t domain)
{
	for (unsigned int i = 0; i < r->n; i++)
		if (r->domain[i] == domain)
			return (int)i;
	return -1;
}

/* Control side. */
int dp_route_add(struct dp_routes *r, uint16_t domain, uint32_t prefix, uint8_t len, uint32_t nh);
int dp_route_del(struct dp_routes *r, uint16_t domain, uint32_t prefix, uint8_t len);

/* Worker side: 0 and *nh, or -1 (no route). */
static inline int dp_route_lookup(const struct dp_routes *r, int idx, uint32_t dst, uint32_t *nh)
{
	return rte_lpm_lookup(r->lpm[idx], dst, nh) == 0 ? 0 : -1;
}

#endif
