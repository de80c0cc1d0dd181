/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A domain's prefix table on the control side: registered client networks
 * and LAN routes, for overlap checks (S-51) and longest-prefix resolution
 * (S-50, S-56). A plain binary trie: the control plane owns it alone.
 */
#ifndef CTL_ROUTES_H
#define CTL_ROUTES_H

#include <stdbool.h>
#include <stdint.h>

#define CTL_OWNER_LAN 0u	/* a LAN route of the gateway */

struct ctl_rnode;

struct ctl_routes {
	struct ctl_rnode *root;
	unsigned int count;
};

void ctl_routes_init(struct ctl_routes *r);
void ctl_routes_free(struct ctl_routes *r);
/* Insert prefix/len for owner (0 = LAN); -1 on allocation failure or if present. */
int ctl_routes_add(struct ctl_routes *r, uint32_t prefix, uint8_t len, uint32_t owner);
/* Remove; -1 if absent. */
int ctl_routes_del(struct ctl_routes *r, uint32_t prefix, uint8_t len);
/* True if a stored prefix of an owner other than `except` contains or is inside prefix/len. */
bool ctl_routes_overlaps(const struct ctl_routes *r, uint32_t prefix, uint8_t len,
			 uint32_t except);
/*
 * Longest stored prefix containing addr whose owner passes accept (NULL:
 * any). Returns true and fills *owner and *len when found.
 */
bool ctl_routes_lookup(const struct ctl_routes *r, uint32_t addr,
		       bool (*accept)(uint32_t owner, void *arg), void *arg, uint32_t *owner,
		       uint8_t *len);

#endif
