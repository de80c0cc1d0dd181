/* SPDX-License-Identifier: BSD-3-Clause */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srvharness.h"
#include "vam_chap.h"

static void sink_send(void *ctx, enum vam_chan chan, struct ctl_addr dst, const uint8_t *dgram,
		      size_t len)
{
	struct h_world *w = ctx;
	struct h_pkt *p;

	ck_assert_uint_lt(w->nq, H_MAXQ);
	ck_assert_uint_le(len, VAM_CTRL_MAX);
	p = &w->q[w->nq++];
	p->chan = chan;
	p->dst = dst;
	p->len = (uint16_t)len;
	memcpy(p->d, dgram, len);
	w->sent_total++;
}

static void sink_up(void *ctx, const struct ctl_dp_session *s)
{
	struct h_world *w = ctx;

	w->ups++;
	w->last_up = *s;
	w->last_up_keys = *s->keys;
	w->last_up.keys = &w->last_up_keys;
}

static void sink_down(void *ctx, uint32_t id)
{
	struct h_world *w = ctx;

	w->downs++;
	w->last_down = id;
}

static void sink_route_add(void *ctx, uint16_t d, uint32_t p, uint8_t l, uint32_t id)
{
	(void)d, (void)p, (void)l, (void)id;
	((struct h_world *)ctx)->routes_added++;
}

static void sink_route_del(void *ctx, uint16_t d, uint32_t p, uint8_t l)
{
	(void)d, (void)p, (void)l;
	((struct h_world *)ctx)->routes_deleted++;
}

static uint64_t sink_last_rx(void *ctx, uint32_t id)
{
	(void)id;
	return ((struct h_world *)ctx)->data_last_rx;
}

static void sink_event(void *ctx, enum ctl_event ev, const struct ctl_client *c, const char *d)
{
	(void)c, (void)d;
	((struct h_world *)ctx)->events[ev]++;
}

static bool known_user(const struct ctl_config *cfg, const struct ctl_aaa_request *r)
{
	for (unsigned int i = 0; i < cfg->n_users; i++) {
		const struct ctl_user_cfg *u = &cfg->users[i];

		if (u->name_len != r->username_len || memcmp(u->name, r->username, u->name_len))
			continue;
		if (r->method == VAM_AUTH_PAP)
			return u->password_len == r->password_len &&
			       memcmp(u->password, r->password, u->password_len) == 0;
		return vam_chap_verify(r->chap_response[0], u->password, u->password_len,
				       r->chap_challenge, r->chap_response);
	}
	return false;
}

static int fake_submit(struct ctl_aaa_backend *be, const struct ctl_aaa_request *rq)
{
	struct h_fake_aaa *a = (struct h_fake_aaa *)be;
	struct h_world *w = (struct h_world *)((char *)a - offsetof(struct h_world, aaa));

	if (a->refuse_submit || a->n_req == 64)
		return -1;
	a->req[a->n_req++] = *rq;
	if (a->auto_answer) {
		a->res[a->n_res].cookie = rq->cookie;
		a->res[a->n_res++].status = known_user(&w->cfg, rq) ? CTL_AAA_ACCEPT
								     : CTL_AAA_REJECT;
		a->n_req--;
	}
	return 0;
}

static unsigned int fake_poll(struct ctl_aaa_backend *be, struct ctl_aaa_result *out,
			      unsigned int max)
{
	struct h_fake_aaa *a = (struct h_fake_aaa *)be;
	unsigned int n = a->n_res < max ? a->n_res : max;

	memcpy(out, a->res, n * sizeof(*out));
	memmove(a->res, a->res + n, (a->n_res - n) * sizeof(*out));
	a->n_res -= n;
	return n;
}

static int fake_account(struct ctl_aaa_backend *be, const struct ctl_acct_record *rec)
{
	struct h_fake_aaa *a = (struct h_fake_aaa *)be;

	if (a->n_acct < 64)
		a->acct[a->n_acct++] = *rec;
	return 0;
}

void h_aaa_answer(struct h_world *w, enum ctl_aaa_status st)
{
	for (unsigned int i = 0; i < w->aaa.n_req; i++)
		w->aaa.res[w->aaa.n_res++] = (struct ctl_aaa_result){ w->aaa.req[i].cookie, st };
	w->aaa.n_req = 0;
	ctl_server_poll(w->srv, w->now);
}

static void add_user(struct ctl_config *cfg, const char *name, const char *pw)
{
	struct ctl_user_cfg *u = &cfg->users[cfg->n_users++];

	u->name_len = strlen(name);
	memcpy(u->name, name, u->name_len);
	u->password_len = strlen(pw);
	memcpy(u->password, pw, u->password_len);
}

void h_world_init(struct h_world *w, uint8_t auth)
{
	struct ctl_domain_cfg *d;

	memset(w, 0, sizeof(*w));
	w->q = calloc(H_MAXQ, sizeof(*w->q));
	ck_assert_ptr_nonnull(w->q);
	ctl_config_defaults(&w->cfg);
	w->cfg.users = calloc(CTL_MAX_USERS, sizeof(*w->cfg.users));
	w->cfg.outside_addr = H_GW_OUT;
	w->cfg.max_sessions = 4096;
	w->cfg.lan_routes[0] = (struct ctl_prefix){ H_LAN, 16 };
	w->cfg.n_lan_routes = 1;
	w->cfg.lan_domain = H_DOMAIN;
	d = &w->cfg.domains[w->cfg.n_domains++];
	ctl_domain_defaults(d);
	d->id = H_DOMAIN;
	strcpy(d->name, "corp");
	d->psk_len = strlen(H_PSK);
	memcpy(d->psk, H_PSK, d->psk_len);
	d->auth = auth;
	d->private_addr = H_GW_PRIV;
	d->hubs[0] = H_HUB1;
	d->hubs[1] = H_HUB2;
	d->n_hubs = 2;
	d->spokes[0] = (struct ctl_range){ 0x0a010000u, 0x0a0100ffu };
	d->n_spokes = 1;
	add_user(&w->cfg, "alice", "secret");
	add_user(&w->cfg, "bob", "hunter2");
	w->aaa.be = (struct ctl_aaa_backend){ "fake", fake_submit, fake_poll, fake_account, NULL };
	w->now = 1000000;
}

void h_world_start(struct h_world *w)
{
	struct ctl_ops ops = { .ctx = w, .send = sink_send, .session_up = sink_up,
			       .session_down = sink_down, .route_add = sink_route_add,
			       .route_del = sink_route_del, .last_rx = sink_last_rx,
			       .event = sink_event };
	struct ctl_aaa_backend *aaa[2] = { &w->aaa.be, &w->aaa.be };
	char err[256] = "";

	w->srv = ctl_server_create(&w->cfg, &ops, aaa, err, sizeof(err));
	ck_assert_msg(w->srv != NULL, "server: %s", err);
	ctl_server_poll(w->srv, w->now);
}

void h_world_fini(struct h_world *w)
{
	ctl_server_destroy(w->srv);
	free(w->cfg.users);
	w->cfg.users = NULL;
	free(w->q);
}

void h_advance(struct h_world *w, uint64_t ms)
{
	/* Step in ticks so every timer sees its own moment. */
	for (uint64_t t = 0; t < ms; t += 100) {
		w->now += ms - t < 100 ? ms - t : 100;
		ctl_server_poll(w->srv, w->now);
	}
}

void h_client_init(struct h_client *k, uint8_t host)
{
	struct vam_client_cfg *c = &k->cfg;

	memset(k, 0, sizeof(*k));
	c->domain = H_DOMAIN;
	c->psk_len = strlen(H_PSK);
	memcpy(c->psk, H_PSK, c->psk_len);
	c->enc[0] = VAM_ENC_AES256_GCM;
	c->n_enc = 1;
	c->integ[0] = VAM_INTEG_HMAC_SHA256;
	c->n_integ = 1;
	snprintf(c->name, sizeof(c->name), "spoke-%u", host);
	c->private_addr = 0x0a010000u | host;
	c->public_ip = 0xc0a80100u | host;	/* 192.168.1.host: behind NAT */
	c->public_port = 40000;
	c->data_port = 40001;
	c->cookie = host;
	k->addr = (struct ctl_addr){ 0xcb007100u | host, 61000 };
}

void h_clients_free(struct h_client *k, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		vam_client_free(&k[i].c);
}

void h_client_creds(struct h_client *k, const char *user, const char *password)
{
	k->cfg.username_len = strlen(user);
	memcpy(k->cfg.username, user, k->cfg.username_len);
	k->cfg.password_len = strlen(password);
	memcpy(k->cfg.password, password, k->cfg.password_len);
}

void h_send(struct h_world *w, struct h_client *k, const uint8_t *dgram, long len)
{
	ck_assert_int_gt(len, 0);
	ctl_server_input(w->srv, w->now, k->addr, dgram, (size_t)len);
}

bool h_take(struct h_world *w, struct h_client *k, struct h_pkt *out)
{
	for (unsigned int i = 0; i < w->nq; i++) {
		if (w->q[i].dst.ip != k->addr.ip || w->q[i].dst.port != k->addr.port)
			continue;
		*out = w->q[i];
		memmove(&w->q[i], &w->q[i + 1], (w->nq - i - 1) * sizeof(w->q[0]));
		w->nq--;
		return true;
	}
	return false;
}

uint8_t h_next(struct h_world *w, struct h_client *k)
{
	static uint8_t out[VAM_CTRL_MAX];
	static struct h_pkt p;
	size_t n = 0;

	ctl_server_poll(w->srv, w->now);	/* AAA results the fake answered at once */
	if (!h_take(w, k, &p))
		return 0;
	vam_client_input(&k->c, p.d, p.len, out, sizeof(out), &n);
	if (n)
		h_send(w, k, out, (long)n);
	return p.d[1];
}

unsigned int h_pump(struct h_world *w, struct h_client *k)
{
	unsigned int n = 0;

	while (h_next(w, k) != 0)
		n++;
	return n;
}

enum vam_client_state h_connect(struct h_world *w, struct h_client *k)
{
	uint8_t out[VAM_CTRL_MAX];

	h_send(w, k, out, vam_client_start(&k->c, &k->cfg, out, sizeof(out)));
	h_pump(w, k);
	return k->c.state;	/* with AAA pending, the test answers it itself */
}

unsigned int h_pending(const struct h_world *w, struct ctl_addr a)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < w->nq; i++)
		n += w->q[i].dst.ip == a.ip && w->q[i].dst.port == a.port;
	return n;
}

void h_flush(struct h_world *w)
{
	w->nq = 0;
}

void h_request(struct h_world *w, struct h_client *k, uint8_t type, const uint8_t *body,
	       size_t len)
{
	uint8_t out[VAM_CTRL_MAX];

	h_send(w, k, out, vam_client_request(&k->c, type, body, len, out, sizeof(out)));
}

void h_expect(struct h_world *w, struct h_client *k, uint8_t type, uint8_t code)
{
	struct h_pkt p;
	uint8_t out[VAM_CTRL_MAX];
	size_t n = 0;

	ck_assert_msg(h_take(w, k, &p), "nothing sent, expected %s", vam_type_name(type));
	ck_assert_msg(p.d[1] == type && p.d[3] == code, "got %s code %s, want %s code %s",
		      vam_type_name(p.d[1]), vam_code_name(p.d[3]), vam_type_name(type),
		      vam_code_name(code));
	/* The client engine decodes it (a refused client may no longer accept it). */
	vam_client_input(&k->c, p.d, p.len, out, sizeof(out), &n);
}

uint64_t h_drops(const struct h_world *w, enum vam_drop d)
{
	return ctl_server_stats(w->srv)->drops[d];
}
