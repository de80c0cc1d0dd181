/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sessions by id, and the control plane's indexes. A server id is
 * (generation << bits) | slot: lookup is one array access plus a compare,
 * and a slot's next occupant gets another id (S-62). Free slots are reused
 * oldest first, so an id does not come back soon after its session ended.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "ctl_priv.h"

int ctl_registry_init(struct ctl_server *srv, uint32_t max_sessions)
{
	uint32_t n = 1024, bits = 10;

	while (n < max_sessions + 1 && bits < 24) {
		n <<= 1;
		bits++;
	}
	srv->bits = bits;
	srv->mask = n - 1;
	srv->slot = calloc(n, sizeof(*srv->slot));
	srv->gen = malloc(n * sizeof(*srv->gen));
	srv->free_fifo = malloc(n * sizeof(*srv->free_fifo));
	if (!srv->slot || !srv->gen || !srv->free_fifo ||
	    vam_random(srv->gen, n * sizeof(*srv->gen)) != 0)
		return -1;
	/* Slot 0 is never used, so no id has a zero low part. */
	for (uint32_t i = 1; i < n; i++)
		srv->free_fifo[i - 1] = i;
	srv->free_head = 0;
	srv->free_count = n - 1;
	if (ctl_hmap_init(&srv->by_addr, 1024) || ctl_hmap_init(&srv->by_init, 1024))
		return -1;
	return 0;
}

void ctl_registry_free(struct ctl_server *srv)
{
	for (uint32_t i = 0; srv->slot && i <= srv->mask; i++)
		if (srv->slot[i])
			ctl_client_free(srv, srv->slot[i]);
	free(srv->slot);
	free(srv->gen);
	free(srv->free_fifo);
	ctl_hmap_free(&srv->by_addr);
	ctl_hmap_free(&srv->by_init);
}

static uint32_t make_id(struct ctl_server *srv, uint32_t slot)
{
	uint32_t id;

	do {
		srv->gen[slot]++;
		id = (uint32_t)srv->gen[slot] << srv->bits | slot;
	} while (id == 0);
	return id;
}

struct ctl_client *ctl_client_new(struct ctl_server *srv, uint16_t domain)
{
	struct ctl_client *c;
	uint32_t slot;

	if (srv->free_count == 0 || srv->n_sessions >= srv->cfg->max_sessions)
		return NULL;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return NULL;
	slot = srv->free_fifo[srv->free_head];
	srv->free_head = (srv->free_head + 1) % (srv->mask + 1);
	srv->free_count--;
	c->id = make_id(srv, slot);
	c->domain = domain;
	c->created_ms = srv->now;
	c->last_rx_ms = srv->now;
	vam_replay_init(&c->ctrl_rx);
	srv->slot[slot] = c;
	srv->n_sessions++;
	return c;
}

void ctl_cache_clear(struct ctl_cached *c)
{
	free(c->req);
	free(c->ans);
	memset(c, 0, sizeof(*c));
}

static uint8_t *dup(const uint8_t *p, size_t n)
{
	uint8_t *d = malloc(n ? n : 1);

	if (d && n)
		memcpy(d, p, n);
	return d;
}

int ctl_cache_set(struct ctl_cached *c, const uint8_t *req, size_t req_len, uint8_t type,
		  uint8_t code, const uint8_t *ans, size_t ans_len)
{
	ctl_cache_clear(c);
	c->req = dup(req, req_len);
	c->ans = dup(ans, ans_len);
	if (c->req == NULL || c->ans == NULL) {
		ctl_cache_clear(c);
		return -1;
	}
	c->req_len = (uint16_t)req_len;
	c->ans_len = (uint16_t)ans_len;
	c->type = type;
	c->code = code;
	return 0;
}

void ctl_client_free(struct ctl_server *srv, struct ctl_client *c)
{
	uint32_t slot = c->id & srv->mask;
	uint32_t tail = (srv->free_head + srv->free_count) % (srv->mask + 1);

	ctl_timer_cancel(&c->timer);
	if (ctl_hmap_get(&srv->by_init, ctl_init_key(c->domain, c->peer_id, c->nonce_c)) == c)
		ctl_hmap_del(&srv->by_init, ctl_init_key(c->domain, c->peer_id, c->nonce_c));
	if (c->indexed)
		ctl_hmap_del(&srv->by_addr, ctl_addr_key(c->domain, c->private_addr));
	for (int i = 0; i < CTL_C_MAX; i++)
		ctl_cache_clear(&c->cache[i]);
	free(c->init_resp);
	srv->slot[slot] = NULL;
	srv->free_fifo[tail] = slot;
	srv->free_count++;
	srv->n_sessions--;
	vam_wipe(c, sizeof(*c));
	free(c);
}

struct ctl_client *ctl_client_get(const struct ctl_server *srv, uint32_t id)
{
	struct ctl_client *c = srv->slot[id & srv->mask];

	return c && c->id == id ? c : NULL;
}

uint64_t ctl_init_key(uint16_t domain, uint32_t sender_id, const uint8_t nonce[VAM_NONCE_LEN])
{
	uint64_t n;

	/* The nonce is random: 8 of its bytes spread the key well enough. */
	memcpy(&n, nonce, sizeof(n));
	return n ^ ((uint64_t)domain << 48) ^ ((uint64_t)sender_id << 8);
}

uint64_t ctl_addr_key(uint16_t domain, uint32_t addr)
{
	return (uint64_t)domain << 32 | addr;
}

uint32_t ctl_server_id_space(const struct ctl_server *srv)
{
	return srv->mask + 1;
}

int ctl_server_reserve_id(struct ctl_server *srv, uint32_t id)
{
	uint32_t slot = id & srv->mask, n = srv->mask + 1;

	if (slot == 0 || srv->slot[slot] != NULL)
		return -1;
	/* Start-up only: take the slot out of the free list (linear, once). */
	for (uint32_t k = 0; k < srv->free_count; k++) {
		uint32_t i = (srv->free_head + k) % n;

		if (srv->free_fifo[i] != slot)
			continue;
		srv->free_fifo[i] = srv->free_fifo[srv->free_head];
		srv->free_head = (srv->free_head + 1) % n;
		srv->free_count--;
		return 0;
	}
	return -1;
}
