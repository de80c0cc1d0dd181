/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdlib.h>

#include "ctl_routes.h"

struct ctl_rnode {
	struct ctl_rnode *child[2];
	uint32_t owner;
	bool used;		/* a prefix ends here */
};

static unsigned int bit(uint32_t addr, unsigned int depth)
{
	return (addr >> (31 - depth)) & 1u;
}

void ctl_routes_init(struct ctl_routes *r)
{
	r->root = NULL;
	r->count = 0;
}

static void free_node(struct ctl_rnode *n)
{
	if (n == NULL)
		return;
	free_node(n->child[0]);
	free_node(n->child[1]);
	free(n);
}

void ctl_routes_free(struct ctl_routes *r)
{
	free_node(r->root);
	ctl_routes_init(r);
}

int ctl_routes_add(struct ctl_routes *r, uint32_t prefix, uint8_t len, uint32_t owner)
{
	struct ctl_rnode **p = &r->root;

	for (unsigned int d = 0;; d++) {
		if (*p == NULL && (*p = calloc(1, sizeof(**p))) == NULL)
			return -1;
		if (d == len)
			break;
		p = &(*p)->child[bit(prefix, d)];
	}
	if ((*p)->used)
		return -1;
	(*p)->used = true;
	(*p)->owner = owner;
	r->count++;
	return 0;
}

/* Remove below *p along prefix; prunes empty nodes on the way back. */
static int del(struct ctl_rnode **p, uint32_t prefix, uint8_t len, unsigned int d)
{
	struct ctl_rnode *n = *p;
	int rc;

	if (n == NULL)
		return -1;
	if (d == len) {
		if (!n->used)
			return -1;
		n->used = false;
		rc = 0;
	} else {
		rc = del(&n->child[bit(prefix, d)], prefix, len, d + 1);
	}
	if (rc == 0 && !n->used && n->child[0] == NULL && n->child[1] == NULL) {
		free(n);
		*p = NULL;
	}
	return rc;
}

int ctl_routes_del(struct ctl_routes *r, uint32_t prefix, uint8_t len)
{
	int rc = del(&r->root, prefix, len, 0);

	if (rc == 0)
		r->count--;
	return rc;
}

static bool subtree_has_other(const struct ctl_rnode *n, uint32_t except)
{
	if (n == NULL)
		return false;
	if (n->used && n->owner != except)
		return true;
	return subtree_has_other(n->child[0], except) || subtree_has_other(n->child[1], except);
}

bool ctl_routes_overlaps(const struct ctl_routes *r, uint32_t prefix, uint8_t len,
			 uint32_t except)
{
	const struct ctl_rnode *n = r->root;

	/* A stored prefix on the path contains ours; one below ours is inside it. */
	for (unsigned int d = 0; n != NULL; d++) {
		if (d == len)
			return subtree_has_other(n, except);
		if (n->used && n->owner != except)
			return true;
		n = n->child[bit(prefix, d)];
	}
	return false;
}

bool ctl_routes_lookup(const struct ctl_routes *r, uint32_t addr,
		       bool (*accept)(uint32_t owner, void *arg), void *arg, uint32_t *owner,
		       uint8_t *len)
{
	const struct ctl_rnode *n = r->root;
	bool found = false;

	for (unsigned int d = 0; n != NULL && d <= 32; d++) {
		if (n->used && (accept == NULL || accept(n->owner, arg))) {
			*owner = n->owner;
			*len = (uint8_t)d;
			found = true;
		}
		if (d == 32)
			break;
		n = n->child[bit(addr, d)];
	}
	return found;
}
