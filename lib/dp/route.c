/* SPDX-License-Identifier: BSD-3-Clause */
/* rte_lpm_rcu_qsbr_add is experimental in 22.11: control path only. */
#define ALLOW_EXPERIMENTAL_API
#include <stdio.h>
#include <string.h>

#include <rte_lcore.h>

#include "dp_route.h"

int dp_routes_init(struct dp_routes *r, const uint16_t *ids, const uint32_t *own, unsigned int n,
		   uint32_t max_rules, struct rte_rcu_qsbr *qs)
{
	memset(r, 0, sizeof(*r));
	if (n > DP_MAX_DOMAINS)
		return -1;
	for (unsigned int i = 0; i < n; i++) {
		struct rte_lpm_config c = { .max_rules = max_rules,
					    .number_tbl8s = max_rules / 4 + 256 };
		struct rte_lpm_rcu_config rc = { .v = qs, .mode = RTE_LPM_QSBR_MODE_DQ };
		char name[32];

		snprintf(name, sizeof(name), "vamgw_lpm_%u", ids[i]);
		r->lpm[i] = rte_lpm_create(name, (int)rte_socket_id(), &c);
		if (r->lpm[i] == NULL || (qs != NULL && rte_lpm_rcu_qsbr_add(r->lpm[i], &rc) != 0)) {
			dp_routes_fini(r);
			return -1;
		}
		r->domain[i] = ids[i];
		r->own[i] = own[i];
		r->n = i + 1;
	}
	return 0;
}

void dp_routes_fini(struct dp_routes *r)
{
	for (unsigned int i = 0; i < DP_MAX_DOMAINS; i++)
		if (r->lpm[i])
			rte_lpm_free(r->lpm[i]);
	memset(r, 0, sizeof(*r));
}

int dp_route_add(struct dp_routes *r, uint16_t domain, uint32_t prefix, uint8_t len, uint32_t nh)
{
	int i = dp_routes_index(r, domain);

	return i < 0 ? -1 : rte_lpm_add(r->lpm[i], prefix, len, nh);
}

int dp_route_del(struct dp_routes *r, uint16_t domain, uint32_t prefix, uint8_t len)
{
	int i = dp_routes_index(r, domain);

	return i < 0 ? -1 : rte_lpm_delete(r->lpm[i], prefix, len);
}
