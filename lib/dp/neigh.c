/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include "dp_neigh.h"
#include "dp_proto.h"

static inline uint32_t hash(uint32_t ip)
{
	return (ip * 2654435761u) >> 20 & (DP_NEIGH_SIZE - 1);
}

void dp_neigh_init(struct dp_neigh *n, uint32_t next_hop)
{
	memset(n, 0, sizeof(*n));
	n->next_hop = next_hop;
}

bool dp_neigh_set(struct dp_neigh *n, uint32_t ip, const struct rte_ether_addr *mac)
{
	uint64_t v = dp_mac_pack(mac);

	for (uint32_t i = hash(ip), k = 0; k < DP_NEIGH_SIZE; k++, i = (i + 1) & (DP_NEIGH_SIZE - 1)) {
		uint32_t cur = atomic_load_explicit(&n->ip[i], memory_order_relaxed);

		if (cur == ip) {
			atomic_store_explicit(&n->mac[i], v, memory_order_release);
			return true;
		}
		if (atomic_load_explicit(&n->mac[i], memory_order_relaxed) == 0) {
			/* Address first, then the MAC that makes the entry valid. */
			atomic_store_explicit(&n->ip[i], ip, memory_order_relaxed);
			atomic_store_explicit(&n->mac[i], v, memory_order_release);
			return true;
		}
	}
	return false;
}

bool dp_neigh_get(const struct dp_neigh *n, uint32_t dst, struct rte_ether_addr *mac)
{
	uint32_t ip = n->next_hop ? n->next_hop : dst;

	for (uint32_t i = hash(ip), k = 0; k < DP_NEIGH_SIZE; k++, i = (i + 1) & (DP_NEIGH_SIZE - 1)) {
		uint64_t v = atomic_load_explicit(&n->mac[i], memory_order_acquire);

		if (v == 0)
			return false;
		if (atomic_load_explicit(&n->ip[i], memory_order_relaxed) == ip) {
			dp_mac_unpack(v, mac);
			return true;
		}
	}
	return false;
}
