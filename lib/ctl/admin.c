/* SPDX-License-Identifier: BSD-3-Clause */
/* Host-facing calls besides input and poll: data addresses, resets, shutdown, reads. */
#include <string.h>

#include "ctl_log.h"
#include "ctl_priv.h"

void ctl_server_lock(struct ctl_server *srv)
{
	pthread_mutex_lock(&srv->lock);
}

void ctl_server_unlock(struct ctl_server *srv)
{
	pthread_mutex_unlock(&srv->lock);
}

void ctl_server_data_addr(struct ctl_server *srv, uint64_t now, uint32_t id,
			  struct ctl_addr src)
{
	struct ctl_client *c = ctl_client_get(srv, id);

	srv->now = now;
	if (c == NULL)
		return;
	c->last_rx_ms = now;	/* authentic DATA refreshes the client too (S-53) */
	c->data_addr = src;
	c->data_seen = true;
}

int ctl_server_reset(struct ctl_server *srv, uint64_t now, uint16_t domain, uint32_t private_addr)
{
	struct ctl_client *c = ctl_hmap_get(&srv->by_addr, ctl_addr_key(domain, private_addr));

	srv->now = now;
	if (c == NULL)
		return -1;
	ctl_notify(srv, c, VAM_CODE_ADMIN_RESET, "administrative reset");
	ctl_remove(srv, c, CTL_CAUSE_ADMIN_RESET, "administrative reset");
	return 0;
}

void ctl_server_shutdown(struct ctl_server *srv, uint64_t now)
{
	srv->now = now;
	srv->stopping = true;
	for (uint32_t i = 0; i <= srv->mask; i++) {
		struct ctl_client *c = srv->slot[i];

		if (c == NULL)
			continue;
		if (c->state == CTL_ST_REGISTERED || c->state == CTL_ST_ONLINE) {
			ctl_notify(srv, c, VAM_CODE_SHUTDOWN, "gateway shutting down");
			ctl_remove(srv, c, CTL_CAUSE_ADMIN_REBOOT, "gateway shutdown");
		} else {
			ctl_remove(srv, c, CTL_CAUSE_ADMIN_REBOOT, NULL);
		}
	}
}

const struct ctl_stats *ctl_server_stats(const struct ctl_server *srv)
{
	return &srv->stats;
}

const struct ctl_config *ctl_server_config(const struct ctl_server *srv)
{
	return srv->cfg;
}

const struct ctl_client *ctl_server_find(const struct ctl_server *srv, uint16_t domain,
					 uint32_t private_addr)
{
	return ctl_hmap_get(&srv->by_addr, ctl_addr_key(domain, private_addr));
}

const struct ctl_client *ctl_server_by_id(const struct ctl_server *srv, uint32_t id)
{
	return ctl_client_get(srv, id);
}

int ctl_server_walk(const struct ctl_server *srv, uint16_t domain,
		    int (*fn)(const struct ctl_client *c, void *arg), void *arg)
{
	for (uint32_t i = 0; i <= srv->mask; i++) {
		const struct ctl_client *c = srv->slot[i];
		int rc;

		if (c && c->domain == domain && c->indexed && (rc = fn(c, arg)) != 0)
			return rc;
	}
	return 0;
}

unsigned int ctl_server_count(const struct ctl_server *srv, uint16_t domain, enum ctl_state st)
{
	unsigned int n = 0;

	for (uint32_t i = 0; i <= srv->mask; i++) {
		const struct ctl_client *c = srv->slot[i];

		n += c && (domain == 0 || c->domain == domain) && c->state == st;
	}
	return n;
}

void ctl_client_info(const struct ctl_client *c, struct ctl_client_info *out)
{
	memset(out, 0, sizeof(*out));
	out->id = c->id;
	out->peer_id = c->peer_id;
	out->domain = c->domain;
	out->state = c->state;
	memcpy(out->name, c->name, sizeof(out->name));
	out->private_addr = c->private_addr;
	out->public_addr = c->public_addr;
	out->ctrl_addr = c->ctrl_addr;
	out->data_addr = c->data_addr;
	out->role = c->role;
	out->nat = c->ctrl_addr.ip != c->public_addr.ip || c->ctrl_addr.port != c->public_addr.port;
	out->suite = c->suite;
	out->since_ms = c->state == CTL_ST_ONLINE ? c->online_ms : c->created_ms;
	out->n_networks = c->n_nets;
}
