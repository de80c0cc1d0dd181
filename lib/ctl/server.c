/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The server's frame: creation, the receive order of S-29 for control
 * datagrams, sending, timers and the host-facing entry points. What each
 * message does lives in init.c, register.c and online.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_log.h"
#include "ctl_priv.h"
#include "vam_format.h"
#include "vam_record.h"
#include "vam_rx.h"

RTE_LOG_REGISTER(ctl_logtype, vamgw.ctl, INFO);

static const char *const state_names[] = {
	[CTL_ST_HALF_OPEN] = "half-open", [CTL_ST_READY] = "initialized",
	[CTL_ST_AUTH] = "authenticating", [CTL_ST_AAA] = "aaa-pending",
	[CTL_ST_REGISTERED] = "registered", [CTL_ST_ONLINE] = "online",
	[CTL_ST_CLOSED] = "closed",
};

const char *ctl_state_name(enum ctl_state st)
{
	return (unsigned int)st <= CTL_ST_CLOSED ? state_names[st] : "?";
}

struct ctl_domain_rt *ctl_domain(struct ctl_server *srv, uint16_t id)
{
	for (unsigned int i = 0; i < srv->cfg->n_domains; i++)
		if (srv->dom[i].cfg->id == id)
			return &srv->dom[i];
	return NULL;
}

void ctl_drop(struct ctl_server *srv, const struct ctl_client *c, enum vam_drop why)
{
	srv->stats.drops[why]++;
	if (c != NULL)
		srv->stats.dom[c->dom_idx].drops[why]++;
}

void ctl_event(struct ctl_server *srv, enum ctl_event ev, const struct ctl_client *c,
	       const char *detail)
{
	static const char *const names[] = { "online", "offline", "replaced", "auth failed",
					     "refused" };
	char ip[16], ctrl[16], name[VAM_NAME_MAX + 1];
	size_t i;

	/* The name comes from the wire: keep logs free of control bytes. */
	for (i = 0; c->name[i] && i < VAM_NAME_MAX; i++)
		name[i] = c->name[i] >= 0x20 && c->name[i] < 0x7f ? c->name[i] : '?';
	name[i] = 0;
	CTL_LOG(INFO, "domain %u client %s (%s) from %s:%u: %s%s%s", c->domain,
		vam_format_ipv4(c->private_addr, ip), name, vam_format_ipv4(c->ctrl_addr.ip, ctrl),
		c->ctrl_addr.port, names[ev], detail ? ": " : "", detail ? detail : "");
	if (srv->ops.event)
		srv->ops.event(srv->ops.ctx, ev, c, detail);
}

void ctl_arm(struct ctl_server *srv, struct ctl_client *c, uint64_t deadline)
{
	c->deadline_ms = deadline;
	ctl_timer_arm(&srv->wheel, &c->timer, deadline);
}

uint64_t ctl_aging_ms(const struct ctl_server *srv, const struct ctl_client *c)
{
	const struct ctl_domain_cfg *d = srv->cfg->domains + c->dom_idx;

	return (uint64_t)d->keepalive * 1000 * (d->retries + 1u);
}

void ctl_send_ctrl(struct ctl_server *srv, struct ctl_client *c, uint8_t type, uint8_t code,
		   const uint8_t *body, size_t len)
{
	struct vam_hdr h = { VAM_VERSION, type, 0, code, c->peer_id, 0 };
	long n;

	if (c->ctrl_tx_seq >= VAM_SEQ_MAX - 1)
		return;	/* never reached at any real rate; the client re-initializes */
	h.seq = ++c->ctrl_tx_seq;
	n = vam_seal(c->suite, &c->keys[VAM_KEYS_CTRL].s2c, &h, body, len, NULL, srv->out,
		     sizeof(srv->out));
	if (n < 0)
		return;
	srv->stats.dom[c->dom_idx].tx[ctl_type_slot(type)]++;
	if (code)
		srv->stats.dom[c->dom_idx].codes[code & 15]++;
	srv->ops.send(srv->ops.ctx, VAM_CHAN_CTRL, c->ctrl_addr, srv->out, (size_t)n);
}

void ctl_send_reason(struct ctl_server *srv, struct ctl_client *c, uint8_t type, uint8_t code,
		     const char *reason)
{
	uint8_t body[VAM_REASON_MAX + VAM_TLV_HDR_LEN];
	struct vam_tlv_writer w;

	vam_tlv_init(&w, body, sizeof(body));
	if (reason)
		vam_tlv_put(&w, VAM_A_REASON, reason, strnlen(reason, VAM_REASON_MAX));
	ctl_send_ctrl(srv, c, type, code, body, w.len);
}

/* S-43: the same body again gets the same answer; another body is unexpected. */
static void duplicate(struct ctl_server *srv, struct ctl_client *c, enum ctl_cache_slot slot,
		      const uint8_t *body, size_t len)
{
	struct ctl_cached *k = &c->cache[slot];

	if (k->req == NULL || k->req_len != len || memcmp(k->req, body, len) != 0) {
		ctl_drop(srv, c, VAM_DROP_UNEXPECTED_TYPE);
		return;
	}
	ctl_send_ctrl(srv, c, k->type, k->code, k->ans, k->ans_len);
}

static void dispatch(struct ctl_server *srv, struct ctl_client *c, const struct vam_hdr *h,
		     const uint8_t *body, size_t len)
{
	switch (h->type) {
	case VAM_INIT_DONE_C:
		if (c->state == CTL_ST_HALF_OPEN)
			ctl_init_done(srv, c, body, len);
		else
			duplicate(srv, c, CTL_C_INIT_DONE, body, len);
		return;
	case VAM_REG_REQ:
		if (c->state == CTL_ST_READY)
			ctl_reg_req(srv, c, body, len);
		else
			duplicate(srv, c, CTL_C_REG_REQ, body, len);
		return;
	case VAM_AUTH_INFO:
		if (c->state == CTL_ST_AUTH)
			ctl_auth_info(srv, c, body, len);
		else if (c->state != CTL_ST_AAA)	/* S-65: ignored while pending */
			duplicate(srv, c, CTL_C_AUTH_INFO, body, len);
		return;
	default:
		if (c->state == CTL_ST_REGISTERED || c->state == CTL_ST_ONLINE)
			ctl_online_msg(srv, c, h, body, len);
		else
			ctl_drop(srv, c, VAM_DROP_UNEXPECTED_TYPE);
		return;
	}
}

bool ctl_server_input(struct ctl_server *srv, uint64_t now, struct ctl_addr src,
		      const uint8_t *dgram, size_t len)
{
	enum vam_replay_res res = VAM_REPLAY_REJECT;
	struct ctl_client *c;
	struct vam_rx_keys rk;
	struct vam_hdr h;
	enum vam_drop d;
	size_t pt_len = 0;

	srv->now = now;
	srv->stats.rx_datagrams++;
	d = vam_hdr_check(dgram, len, VAM_CHAN_CTRL, VAM_SIDE_SERVER, &h);
	if (d != VAM_OK) {
		ctl_drop(srv, NULL, d);
		return false;
	}
	if (h.type == VAM_INIT_REQ)
		return ctl_init_req(srv, src, &h, dgram, len);
	c = ctl_client_get(srv, h.id);
	if (c == NULL) {
		ctl_drop(srv, NULL, VAM_DROP_UNKNOWN_SESSION);
		return false;
	}
	rk = (struct vam_rx_keys){ c->suite, &c->keys[VAM_KEYS_CTRL].c2s, &c->ctrl_rx };
	d = vam_rx_session(&rk, &h, dgram, len, srv->buf, sizeof(srv->buf), &pt_len, &res);
	if (res != VAM_REPLAY_REJECT) {
		/* Step 8: authentic, so it refreshes the client; a new top may move it. */
		c->last_rx_ms = now;
		if (res == VAM_REPLAY_NEW_TOP)
			c->ctrl_addr = src;
	}
	if (d != VAM_OK) {
		ctl_drop(srv, c, d);
		return res != VAM_REPLAY_REJECT;
	}
	srv->stats.dom[c->dom_idx].rx[ctl_type_slot(h.type)]++;
	dispatch(srv, c, &h, srv->buf, pt_len);
	return true;
}

/* A client's timer: what is due depends on its state. */
static void deadline(struct ctl_timer *t, void *arg)
{
	struct ctl_server *srv = arg;
	struct ctl_client *c = ctl_client_of(t);
	uint64_t now = srv->now, next;

	switch (c->state) {
	case CTL_ST_AAA:
		srv->stats.aaa_unavailable++;
		ctl_refuse(srv, c, CTL_C_AUTH_INFO, c->cache[CTL_C_AUTH_INFO].req,
			   c->cache[CTL_C_AUTH_INFO].req_len, VAM_CODE_AAA_UNAVAILABLE,
			   "authentication server did not answer");
		return;
	case CTL_ST_REGISTERED:
	case CTL_ST_ONLINE:
		if (srv->ops.last_rx && now - c->last_rx_ms > ctl_aging_ms(srv, c)) {
			uint64_t data = srv->ops.last_rx(srv->ops.ctx, c->id);

			if (data > c->last_rx_ms && data <= now)
				c->last_rx_ms = data;
		}
		if (now - c->last_rx_ms > ctl_aging_ms(srv, c)) {
			srv->stats.dom[c->dom_idx].aged_out++;
			ctl_remove(srv, c, CTL_CAUSE_IDLE_TIMEOUT, "no keepalive");
			return;
		}
		if (c->hub_outstanding && now - c->hub_sent_ms >= CTL_RESEND_MS)
			ctl_hub_resend(srv, c);
		next = c->last_rx_ms + ctl_aging_ms(srv, c) + 1;
		if (c->hub_outstanding && c->hub_sent_ms + CTL_RESEND_MS < next)
			next = c->hub_sent_ms + CTL_RESEND_MS;
		ctl_arm(srv, c, next);
		return;
	default:
		/* Half-open, unregistered or refused past the expiry (S-36, S-42). */
		ctl_remove(srv, c, CTL_CAUSE_IDLE_TIMEOUT, NULL);
		return;
	}
}

void ctl_server_poll(struct ctl_server *srv, uint64_t now)
{
	struct ctl_aaa_result res[32];

	srv->now = now;
	ctl_wheel_advance(&srv->wheel, now, deadline, srv);
	for (int b = 0; b < 2; b++) {
		unsigned int n;

		if (srv->aaa[b] == NULL)
			continue;
		do {
			n = srv->aaa[b]->poll(srv->aaa[b], res, 32);
			for (unsigned int i = 0; i < n; i++)
				ctl_aaa_done(srv, &res[i]);
		} while (n == 32);
	}
}

static int domains_init(struct ctl_server *srv, char *err, size_t errlen)
{
	for (unsigned int i = 0; i < srv->cfg->n_domains; i++) {
		const struct ctl_domain_cfg *d = &srv->cfg->domains[i];
		struct ctl_domain_rt *rt = &srv->dom[i];

		rt->cfg = d;
		ctl_routes_init(&rt->routes);
		if (d->aaa == CTL_AAA_RADIUS && (d->auth != VAM_AUTH_NONE || d->n_pap || d->n_chap) &&
		    srv->aaa[CTL_AAA_RADIUS] == NULL) {
			snprintf(err, errlen, "domain %u needs a RADIUS backend", d->id);
			return -1;
		}
		if (vam_boot_keys(d->psk, d->psk_len, d->id, &rt->boot) != 0) {
			snprintf(err, errlen, "domain %u: cannot derive bootstrap keys", d->id);
			return -1;
		}
		if (srv->cfg->lan_domain != d->id)
			continue;
		for (unsigned int r = 0; r < srv->cfg->n_lan_routes; r++)
			ctl_routes_add(&rt->routes, srv->cfg->lan_routes[r].addr,
				       srv->cfg->lan_routes[r].len, CTL_OWNER_LAN);
	}
	return 0;
}

struct ctl_server *ctl_server_create(const struct ctl_config *cfg, const struct ctl_ops *ops,
				     struct ctl_aaa_backend *aaa[2], char *err, size_t errlen)
{
	struct ctl_server *srv = calloc(1, sizeof(*srv));

	if (srv == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	srv->cfg = cfg;
	srv->ops = *ops;
	srv->aaa[0] = aaa ? aaa[0] : NULL;
	srv->aaa[1] = aaa ? aaa[1] : NULL;
	pthread_mutex_init(&srv->lock, NULL);
	ctl_wheel_init(&srv->wheel, 0);
	ctl_ratelimit_init(&srv->rl, cfg->init_rate, cfg->init_rate_per_source, 0);
	if (ctl_registry_init(srv, cfg->max_sessions) != 0) {
		snprintf(err, errlen, "cannot allocate the session table (%u sessions)",
			 cfg->max_sessions);
		ctl_server_destroy(srv);
		return NULL;
	}
	if (domains_init(srv, err, errlen) != 0) {
		ctl_server_destroy(srv);
		return NULL;
	}
	return srv;
}

void ctl_server_destroy(struct ctl_server *srv)
{
	if (srv == NULL)
		return;
	ctl_registry_free(srv);
	for (unsigned int i = 0; i < CTL_MAX_DOMAINS; i++) {
		ctl_routes_free(&srv->dom[i].routes);
		vam_wipe(&srv->dom[i].boot, sizeof(srv->dom[i].boot));
	}
	pthread_mutex_destroy(&srv->lock);
	free(srv);
}
