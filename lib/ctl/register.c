/* SPDX-License-Identifier: BSD-3-Clause */
/* Registration at the server: REG_REQ, AUTH_INFO, AAA results, REG_RESP (spec 7, S-38..S-48). */
#include <stdio.h>
#include <string.h>

#include "ctl_priv.h"
#include "vam_chap.h"
#include "vam_msg.h"

void ctl_refuse(struct ctl_server *srv, struct ctl_client *c, enum ctl_cache_slot slot,
		const uint8_t *req, size_t req_len, uint8_t code, const char *reason)
{
	uint8_t body[VAM_REASON_MAX + VAM_TLV_HDR_LEN], copy[VAM_CTRL_MAX];
	struct vam_tlv_writer w;

	vam_tlv_init(&w, body, sizeof(body));
	vam_tlv_put(&w, VAM_A_REASON, reason, strnlen(reason, VAM_REASON_MAX));
	/* req may be the cache entry being replaced: copy it first. */
	memcpy(copy, req, req_len);
	ctl_cache_set(&c->cache[slot], copy, req_len, VAM_REG_RESP, code, body, w.len);
	ctl_send_ctrl(srv, c, VAM_REG_RESP, code, body, w.len);
	c->state = CTL_ST_CLOSED;	/* S-42 */
	if (code == VAM_CODE_AUTH_FAILED) {
		srv->stats.dom[c->dom_idx].auth_failed++;
		ctl_event(srv, CTL_EV_AUTH_FAILED, c, reason);
	} else {
		ctl_event(srv, CTL_EV_REFUSED, c, vam_code_name(code));
	}
	ctl_arm(srv, c, srv->now + srv->cfg->half_open_timeout_ms);
}

/* Hub, spoke, or the code that refuses the address (S-41). */
static uint8_t classify(const struct ctl_domain_cfg *d, uint32_t addr, uint8_t *role)
{
	if (addr == d->private_addr)
		return VAM_CODE_CONFLICT;
	for (unsigned int i = 0; i < d->n_hubs; i++)
		if (d->hubs[i] == addr) {
			*role = VAM_NODE_HUB;
			return VAM_CODE_OK;
		}
	for (unsigned int i = 0; i < d->n_spokes; i++)
		if (addr >= d->spokes[i].first && addr <= d->spokes[i].last) {
			*role = VAM_NODE_SPOKE;
			return VAM_CODE_OK;
		}
	return VAM_CODE_NOT_IN_DOMAIN;
}

/*
 * S-51: a network may not overlap another client's network or a LAN route.
 * Nor may it be exactly a registered client's address (its own included)
 * or the gateway's: that /32 route would shadow the address route and, on
 * removal, delete it.
 */
bool ctl_net_taken(struct ctl_server *srv, const struct ctl_client *c, const struct ctl_net *n)
{
	const struct ctl_domain_rt *dom = &srv->dom[c->dom_idx];
	const struct ctl_client *o;

	if (ctl_routes_overlaps(&dom->routes, n->prefix, n->len, c->private_addr))
		return true;
	if (n->len != 32)
		return false;
	o = ctl_hmap_get(&srv->by_addr, ctl_addr_key(c->domain, n->prefix));
	return n->prefix == dom->cfg->private_addr || n->prefix == c->private_addr || o != NULL;
}

/* A client's own address may not be another client's /32 network either. */
static bool addr_taken(struct ctl_server *srv, const struct ctl_client *c)
{
	uint32_t owner;
	uint8_t len;

	return ctl_routes_lookup(&srv->dom[c->dom_idx].routes, c->private_addr, NULL, NULL, &owner,
				 &len) &&
	       len == 32 && owner != c->private_addr;
}

static bool nets_conflict(struct ctl_server *srv, const struct ctl_client *c)
{
	for (unsigned int i = 0; i < c->n_nets; i++)
		if (ctl_net_taken(srv, c, &c->nets[i]))
			return true;
	return addr_taken(srv, c);
}

/* Room for one more registration, not counting one this replaces. */
static bool has_room(struct ctl_server *srv, const struct ctl_client *c)
{
	const struct ctl_domain_rt *dom = &srv->dom[c->dom_idx];
	bool replaces = ctl_hmap_get(&srv->by_addr, ctl_addr_key(c->domain, c->private_addr));

	return dom->registered - replaces < dom->cfg->max_clients;
}

static void index_client(struct ctl_server *srv, struct ctl_client *c)
{
	struct ctl_client *old = ctl_hmap_get(&srv->by_addr,
					      ctl_addr_key(c->domain, c->private_addr));

	if (old != NULL && old != c) {	/* S-48: the newer registration wins */
		srv->stats.dom[old->dom_idx].replaced++;
		ctl_notify(srv, old, VAM_CODE_ADMIN_RESET, "replaced by a newer registration");
		ctl_event(srv, CTL_EV_REPLACED, old, NULL);
		ctl_remove(srv, old, CTL_CAUSE_ADMIN_RESET, "replaced");
	}
	ctl_hmap_put(&srv->by_addr, ctl_addr_key(c->domain, c->private_addr), c);
	c->indexed = true;
	srv->dom[c->dom_idx].registered++;
	for (unsigned int i = 0; i < c->n_nets; i++)
		ctl_routes_add(&srv->dom[c->dom_idx].routes, c->nets[i].prefix, c->nets[i].len,
			       c->private_addr);
}

/* REG_RESP code 0 (answering the request cached in slot). */
static void accept(struct ctl_server *srv, struct ctl_client *c, enum ctl_cache_slot slot,
		   const uint8_t *req, size_t req_len)
{
	const struct ctl_domain_cfg *d = srv->dom[c->dom_idx].cfg;
	uint8_t body[1024], copy[VAM_CTRL_MAX], ka[3], obs[6];
	struct vam_tlv_writer w;
	uint8_t hubs[(VAM_HUBS_MAX + 1) * VAM_HUB_LEN];
	size_t n_hubs;

	if (nets_conflict(srv, c)) {
		ctl_refuse(srv, c, slot, req, req_len, VAM_CODE_CONFLICT,
			   "a network overlaps another registration");
		return;
	}
	if (!has_room(srv, c)) {
		ctl_refuse(srv, c, slot, req, req_len, VAM_CODE_CAPACITY, "domain is full");
		return;
	}
	memcpy(copy, req, req_len);
	index_client(srv, c);
	c->state = CTL_ST_REGISTERED;
	vam_put16(ka, d->keepalive);
	ka[2] = d->retries;
	vam_put32(obs, c->ctrl_addr.ip);
	vam_put16(obs + 4, c->ctrl_addr.port);
	vam_tlv_init(&w, body, sizeof(body));
	vam_tlv_put_u8(&w, VAM_A_ROLE, c->role);
	vam_tlv_put(&w, VAM_A_KEEPALIVE, ka, sizeof(ka));
	vam_tlv_put(&w, VAM_A_OBSERVED_ADDR, obs, sizeof(obs));
	n_hubs = ctl_hub_list(srv, c, hubs);
	for (size_t i = 0; i < n_hubs; i++)
		vam_tlv_put(&w, VAM_A_HUB, hubs + i * VAM_HUB_LEN, VAM_HUB_LEN);
	ctl_cache_set(&c->cache[slot], copy, req_len, VAM_REG_RESP, 0, body, w.len);
	ctl_send_ctrl(srv, c, VAM_REG_RESP, 0, body, w.len);
	c->last_rx_ms = srv->now;
	ctl_arm(srv, c, srv->now + ctl_aging_ms(srv, c) + 1);
}

/* Take what REG_REQ says; returns 0 or the refusing code with *why. */
static uint8_t read_reg_req(struct ctl_server *srv, struct ctl_client *c,
			    const struct vam_attrs *at, const char **why)
{
	const struct ctl_domain_cfg *d = srv->dom[c->dom_idx].cfg;
	const struct vam_attr *nets = &at->a[VAM_A_NETWORKS];
	uint8_t code;

	c->private_addr = vam_attr_u32(at, VAM_A_PRIVATE_ADDR);
	if (c->private_addr != c->conn_addr) {	/* S-33 */
		*why = "PRIVATE_ADDR differs from CONNECTION_ID";
		return VAM_CODE_INVALID;
	}
	memcpy(c->name, at->a[VAM_A_CLIENT_NAME].val, at->a[VAM_A_CLIENT_NAME].len);
	c->name[at->a[VAM_A_CLIENT_NAME].len] = 0;
	c->public_addr.ip = vam_get32(at->a[VAM_A_PUBLIC_ADDR].val);
	c->public_addr.port = vam_get16(at->a[VAM_A_PUBLIC_ADDR].val + 4);
	c->data_port = vam_attr_u16(at, VAM_A_DATA_PORT);
	c->data_addr = (struct ctl_addr){ c->ctrl_addr.ip, c->data_port };	/* S-46 */
	c->n_nets = 0;
	for (size_t i = 0; vam_has(at, VAM_A_NETWORKS) && i < nets->len; i += VAM_NET_ENTRY_LEN)
		c->nets[c->n_nets++] = (struct ctl_net){ vam_get32(nets->val + i), nets->val[i + 4],
							 nets->val[i + 5] };
	code = classify(d, c->private_addr, &c->role);
	if (code != VAM_CODE_OK)
		*why = code == VAM_CODE_CONFLICT ? "the gateway's own address"
						 : "address outside every hub and spoke range";
	else if (nets_conflict(srv, c))
		code = VAM_CODE_CONFLICT, *why = "a network overlaps another registration";
	else if (!has_room(srv, c))
		code = VAM_CODE_CAPACITY, *why = "domain is full";
	return code;
}

static bool in_ranges(const struct ctl_range *r, unsigned int n, uint32_t addr)
{
	for (unsigned int i = 0; i < n; i++)
		if (addr >= r[i].first && addr <= r[i].last)
			return true;
	return false;
}

/* The domain's method, or a per-address override (chap_addresses, pap_addresses). */
static uint8_t auth_method(const struct ctl_domain_cfg *d, uint32_t addr)
{
	if (in_ranges(d->chap, d->n_chap, addr))
		return VAM_AUTH_CHAP;
	if (in_ranges(d->pap, d->n_pap, addr))
		return VAM_AUTH_PAP;
	return d->auth;
}

void ctl_reg_req(struct ctl_server *srv, struct ctl_client *c, const uint8_t *body, size_t len)
{
	const struct ctl_domain_cfg *d = srv->dom[c->dom_idx].cfg;
	uint8_t ans[VAM_TLV_HDR_LEN * 2 + 1 + VAM_CHAP_LEN];
	struct vam_tlv_writer w;
	struct vam_attrs at;
	const char *why = "malformed REG_REQ";
	uint8_t code;

	if (vam_msg_parse(VAM_REG_REQ, 0, body, len, &at, &why) != VAM_OK) {
		ctl_drop(srv, c, VAM_DROP_MALFORMED);
		ctl_refuse(srv, c, CTL_C_REG_REQ, body, len, VAM_CODE_INVALID, why);
		return;
	}
	code = read_reg_req(srv, c, &at, &why);
	if (code != VAM_CODE_OK) {
		ctl_refuse(srv, c, CTL_C_REG_REQ, body, len, code, why);
		return;
	}
	c->auth = auth_method(d, c->private_addr);
	if (c->auth == VAM_AUTH_NONE) {
		accept(srv, c, CTL_C_REG_REQ, body, len);
		return;
	}
	vam_tlv_init(&w, ans, sizeof(ans));
	vam_tlv_put_u8(&w, VAM_A_AUTH_METHOD, c->auth);
	if (c->auth == VAM_AUTH_CHAP) {
		uint8_t ch[VAM_CHAP_LEN];

		if (vam_random(ch, sizeof(ch)) != 0) {	/* a fresh id and challenge (S-40) */
			ctl_refuse(srv, c, CTL_C_REG_REQ, body, len, VAM_CODE_AAA_UNAVAILABLE,
				   "no randomness for a CHAP challenge");
			return;
		}
		c->chap_id = ch[0];
		memcpy(c->chap_challenge, ch + 1, VAM_CHAP_CHALLENGE_LEN);
		vam_tlv_put(&w, VAM_A_CHAP_CHALLENGE, ch, sizeof(ch));
	}
	ctl_cache_set(&c->cache[CTL_C_REG_REQ], body, len, VAM_AUTH_REQ, 0, ans, w.len);
	ctl_send_ctrl(srv, c, VAM_AUTH_REQ, 0, ans, w.len);
	c->state = CTL_ST_AUTH;
	ctl_arm(srv, c, srv->now + srv->cfg->half_open_timeout_ms);
}

/* S-39 / S-40: what AUTH_INFO lacks decides the answer before any AAA. */
static uint8_t check_auth_info(const struct ctl_client *c, uint8_t method,
			       const struct vam_attrs *at, const char **why)
{
	unsigned int secret = method == VAM_AUTH_PAP ? VAM_A_PASSWORD : VAM_A_CHAP_RESPONSE;

	if (!vam_has(at, secret)) {
		*why = "client cannot use the authentication method";
		return VAM_CODE_AUTH_METHOD;
	}
	if (!vam_has(at, VAM_A_USERNAME)) {
		*why = "USERNAME missing";
		return VAM_CODE_INVALID;
	}
	if (method == VAM_AUTH_PAP && c->suite.enc == VAM_ENC_NONE) {
		*why = "PAP needs an encrypted session";
		return VAM_CODE_AUTH_METHOD;
	}
	if (method == VAM_AUTH_CHAP && at->a[VAM_A_CHAP_RESPONSE].val[0] != c->chap_id) {
		*why = "CHAP identifier does not match the challenge";
		return VAM_CODE_AUTH_FAILED;
	}
	return VAM_CODE_OK;
}

void ctl_auth_info(struct ctl_server *srv, struct ctl_client *c, const uint8_t *body, size_t len)
{
	const struct ctl_domain_cfg *d = srv->dom[c->dom_idx].cfg;
	struct ctl_aaa_backend *be = srv->aaa[d->aaa];
	struct ctl_aaa_request rq = { .domain = c->domain, .method = c->auth };
	const char *why = "malformed AUTH_INFO";
	struct vam_attrs at;
	uint8_t code;

	if (vam_msg_parse(VAM_AUTH_INFO, 0, body, len, &at, &why) != VAM_OK) {
		ctl_drop(srv, c, VAM_DROP_MALFORMED);
		ctl_refuse(srv, c, CTL_C_AUTH_INFO, body, len, VAM_CODE_INVALID, why);
		return;
	}
	code = check_auth_info(c, c->auth, &at, &why);
	if (code != VAM_CODE_OK) {
		ctl_refuse(srv, c, CTL_C_AUTH_INFO, body, len, code, why);
		return;
	}
	c->username_len = (uint8_t)at.a[VAM_A_USERNAME].len;
	memcpy(c->username, at.a[VAM_A_USERNAME].val, c->username_len);
	rq.username_len = c->username_len;
	memcpy(rq.username, c->username, c->username_len);
	if (c->auth == VAM_AUTH_PAP) {
		rq.password_len = (uint8_t)at.a[VAM_A_PASSWORD].len;
		memcpy(rq.password, at.a[VAM_A_PASSWORD].val, rq.password_len);
	} else {
		memcpy(rq.chap_challenge, c->chap_challenge, VAM_CHAP_CHALLENGE_LEN);
		memcpy(rq.chap_response, at.a[VAM_A_CHAP_RESPONSE].val, VAM_CHAP_LEN);
	}
	rq.framed_ip = c->private_addr;
	rq.calling_ip = c->ctrl_addr.ip;
	rq.calling_port = c->ctrl_addr.port;
	rq.cookie = c->aaa_cookie = (uint64_t)c->id << 32 | (uint32_t)++srv->aaa_seq;
	/* The request stays cached; its answer is written when AAA has decided. */
	ctl_cache_set(&c->cache[CTL_C_AUTH_INFO], body, len, 0, 0, NULL, 0);
	code = be != NULL && be->submit(be, &rq) == 0 ? VAM_CODE_OK : VAM_CODE_AAA_UNAVAILABLE;
	vam_wipe(&rq, sizeof(rq));
	if (code != VAM_CODE_OK) {
		srv->stats.aaa_unavailable++;
		ctl_refuse(srv, c, CTL_C_AUTH_INFO, body, len, VAM_CODE_AAA_UNAVAILABLE,
			   "authentication backend busy");
		return;
	}
	srv->stats.aaa_submitted++;
	c->state = CTL_ST_AAA;
	ctl_arm(srv, c, srv->now + srv->cfg->aaa_timeout_ms);
}

void ctl_aaa_done(struct ctl_server *srv, const struct ctl_aaa_result *r)
{
	struct ctl_client *c = ctl_client_get(srv, (uint32_t)(r->cookie >> 32));
	struct ctl_cached *k;

	if (c == NULL || c->state != CTL_ST_AAA || c->aaa_cookie != r->cookie) {
		srv->stats.aaa_late++;	/* timed out, replaced or gone meanwhile */
		return;
	}
	k = &c->cache[CTL_C_AUTH_INFO];
	switch (r->status) {
	case CTL_AAA_ACCEPT:
		srv->stats.aaa_accepted++;
		accept(srv, c, CTL_C_AUTH_INFO, k->req, k->req_len);
		break;
	case CTL_AAA_REJECT:
		srv->stats.aaa_rejected++;
		ctl_refuse(srv, c, CTL_C_AUTH_INFO, k->req, k->req_len, VAM_CODE_AUTH_FAILED,
			   "authentication failed");
		break;
	default:
		srv->stats.aaa_unavailable++;
		ctl_refuse(srv, c, CTL_C_AUTH_INFO, k->req, k->req_len, VAM_CODE_AAA_UNAVAILABLE,
			   "authentication server unavailable");
		break;
	}
}
