/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * LAN neighbours: IPv4 -> MAC, written by the control lcore (ARP learning,
 * static entries), read by workers. Each entry is one 64-bit word with
 * the MAC and a valid bit, keyed by a separate 32-bit address written
 * first, so a reader sees either the old or the new entry, never a mix.
 * Open addressing, no deletion (entries are overwritten in place).
 */
#ifndef DP_NEIGH_H
#define DP_NEIGH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>

#define DP_NEIGH_SIZE 4096

struct dp_neigh {
	_Atomic uint32_t ip[DP_NEIGH_SIZE];
	_Atomic uint64_t mac[DP_NEIGH_SIZE];	/* dp_mac_pack, 0 = empty */
	uint32_t next_hop;			/* LAN router, 0 = hosts are on-link */
};

void dp_neigh_init(struct dp_neigh *n, uint32_t next_hop);
/* Control side: learn or refresh; false if the table is full. */
bool dp_neigh_set(struct dp_neigh *n, uint32_t ip, const struct rte_ether_addr *mac);
/* Worker side: the MAC of the next hop toward dst. */
bool dp_neigh_get(const struct dp_neigh *n, uint32_t dst, struct rte_ether_addr *mac);

#endif
