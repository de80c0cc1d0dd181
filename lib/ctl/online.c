/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Registered and online clients (spec 7, S-44..S-54): keepalives, address
 * resolution, networks, hub lists, logout, removal.
 */
#include <string.h>

#include "ctl_priv.h"
#include "vam_msg.h"

void ctl_notify(struct ctl_server *srv, struct ctl_client *c, uint8_t code, const char *reason)
{
	ctl_send_reason(srv, c, VAM_ERROR_NOTIFY, code, reason);
}

static void put_hub(uint8_t *p, uint32_t priv, uint32_t pub, uint16_t port)
{
	vam_put32(p, priv);
	vam_put32(p + 4, pub);
	vam_put16(p + 8, port);
}

/* S-44: the gateway first, then online hubs by ascending address; at most 64. */
size_t ctl_hub_list(struct ctl_server *srv, const struct ctl_client *c, uint8_t *out)
{
	const struct ctl_domain_rt *dom = &srv->dom[c->dom_idx];
	size_t n = 1;

	put_hub(out, dom->cfg->private_addr, srv->cfg->outside_addr, srv->cfg->data_port);
	for (unsigned int i = 0; i < dom->n_hubs && n < VAM_HUBS_MAX; i++, n++)
		put_hub(out + n * VAM_HUB_LEN, dom->hubs[i]->private_addr,
			dom->hubs[i]->data_addr.ip, dom->hubs[i]->data_addr.port);
	return n;
}

static void send_hub_info(struct ctl_server *srv, struct ctl_client *c)
{
	uint8_t body[VAM_HUBS_MAX * (VAM_TLV_HDR_LEN + VAM_HUB_LEN)];
	struct vam_tlv_writer w;

	vam_tlv_init(&w, body, sizeof(body));
	for (unsigned int i = 0; i < c->hub_out_n; i++)
		vam_tlv_put(&w, VAM_A_HUB, c->hub_out + i * VAM_HUB_LEN, VAM_HUB_LEN);
	ctl_send_ctrl(srv, c, VAM_HUB_INFO, 0, body, w.len);
	c->hub_sent_ms = srv->now;
	srv->stats.hub_info_sent++;
}

void ctl_hub_resend(struct ctl_server *srv, struct ctl_client *c)
{
	srv->stats.hub_info_resent++;
	send_hub_info(srv, c);
}

/* Snapshot the current list and send it, unless one is still outstanding (S-49). */
static void push_hubs(struct ctl_server *srv, struct ctl_client *c)
{
	if (c->hub_outstanding) {
		c->hub_pending = true;
		return;
	}
	c->hub_out_n = (uint8_t)ctl_hub_list(srv, c, c->hub_out);
	c->hub_outstanding = true;
	c->hub_pending = false;
	send_hub_info(srv, c);
	if (c->timer.expires > srv->now + CTL_RESEND_MS)
		ctl_arm(srv, c, srv->now + CTL_RESEND_MS);
}

void ctl_hubs_changed(struct ctl_server *srv, uint16_t domain)
{
	struct ctl_domain_rt *dom = ctl_domain(srv, domain);

	if (srv->stopping || dom == NULL)
		return;
	for (struct ctl_client *c = dom->online; c != NULL; c = c->on_next)
		push_hubs(srv, c);
}

static void online_link(struct ctl_domain_rt *dom, struct ctl_client *c)
{
	c->on_prev = NULL;
	c->on_next = dom->online;
	if (dom->online)
		dom->online->on_prev = c;
	dom->online = c;
}

static void online_unlink(struct ctl_domain_rt *dom, struct ctl_client *c)
{
	if (c->on_prev)
		c->on_prev->on_next = c->on_next;
	else
		dom->online = c->on_next;
	if (c->on_next)
		c->on_next->on_prev = c->on_prev;
	c->on_next = c->on_prev = NULL;
}

static void hub_set(struct ctl_domain_rt *dom, struct ctl_client *c, bool add)
{
	unsigned int i = 0;

	while (i < dom->n_hubs && dom->hubs[i]->private_addr < c->private_addr)
		i++;
	if (add && dom->n_hubs < CTL_MAX_HUB_ADDRS) {
		memmove(&dom->hubs[i + 1], &dom->hubs[i], (dom->n_hubs - i) * sizeof(dom->hubs[0]));
		dom->hubs[i] = c;
		dom->n_hubs++;
	} else if (!add && i < dom->n_hubs && dom->hubs[i] == c) {
		memmove(&dom->hubs[i], &dom->hubs[i + 1],
			(dom->n_hubs - i - 1) * sizeof(dom->hubs[0]));
		dom->n_hubs--;
	}
}

/* The data path's routes of c's networks (not of its own address). */
static void publish_nets(struct ctl_server *srv, struct ctl_client *c, bool up)
{
	const struct ctl_ops *o = &srv->ops;

	for (unsigned int i = 0; i < c->n_nets; i++) {
		if (up && o->route_add)
			o->route_add(o->ctx, c->domain, c->nets[i].prefix, c->nets[i].len, c->id);
		else if (!up && o->route_del)
			o->route_del(o->ctx, c->domain, c->nets[i].prefix, c->nets[i].len);
	}
}

static void publish(struct ctl_server *srv, struct ctl_client *c, bool up)
{
	const struct ctl_ops *o = &srv->ops;

	if (up && o->session_up) {
		struct ctl_dp_session s = { c->id, c->peer_id, c->domain, c->private_addr,
					    c->suite, &c->keys[VAM_KEYS_DATA], c->data_addr };

		o->session_up(o->ctx, &s);
	}
	if (o->route_add && up)
		o->route_add(o->ctx, c->domain, c->private_addr, 32, c->id);
	publish_nets(srv, c, up);
	if (o->route_del && !up)
		o->route_del(o->ctx, c->domain, c->private_addr, 32);
	if (!up && o->session_down)
		o->session_down(o->ctx, c->id);
}

static void account(struct ctl_server *srv, struct ctl_client *c, enum ctl_acct_type type,
		    enum ctl_acct_cause cause)
{
	struct ctl_aaa_backend *be = srv->aaa[srv->dom[c->dom_idx].cfg->aaa];
	struct ctl_acct_record r = { .type = type, .domain = c->domain, .session_id = c->id,
				     .username_len = c->username_len, .framed_ip = c->private_addr,
				     .calling_ip = c->ctrl_addr.ip,
				     .calling_port = c->ctrl_addr.port, .cause = cause };

	if (be == NULL || be->account == NULL)
		return;
	memcpy(r.username, c->username, c->username_len);
	if (type == CTL_ACCT_STOP) {
		r.session_time = (uint32_t)((srv->now - c->online_ms) / 1000);
		if (srv->ops.counters)
			srv->ops.counters(srv->ops.ctx, c->id, &r);
	}
	if (be->account(be, &r) == 0)
		srv->stats.acct_sent++;
	else
		srv->stats.acct_dropped++;
}

static void go_online(struct ctl_server *srv, struct ctl_client *c)
{
	struct ctl_domain_rt *dom = &srv->dom[c->dom_idx];

	c->state = CTL_ST_ONLINE;
	c->online_ms = srv->now;
	online_link(dom, c);
	srv->stats.dom[c->dom_idx].online++;
	publish(srv, c, true);
	account(srv, c, CTL_ACCT_START, 0);
	ctl_event(srv, CTL_EV_ONLINE, c, NULL);
	if (c->role == VAM_NODE_HUB) {
		hub_set(dom, c, true);
		ctl_hubs_changed(srv, c->domain);
	}
}

void ctl_remove(struct ctl_server *srv, struct ctl_client *c, enum ctl_acct_cause cause,
		const char *why)
{
	struct ctl_domain_rt *dom = &srv->dom[c->dom_idx];
	bool hub = c->state == CTL_ST_ONLINE && c->role == VAM_NODE_HUB;

	if (c->state == CTL_ST_HALF_OPEN) {
		dom->half_open--;
		srv->half_open_total--;
	}
	if (c->state == CTL_ST_ONLINE) {
		online_unlink(dom, c);
		publish(srv, c, false);
		account(srv, c, CTL_ACCT_STOP, cause);
		srv->stats.dom[c->dom_idx].offline++;
		ctl_event(srv, CTL_EV_OFFLINE, c, why);
		if (hub)
			hub_set(dom, c, false);
	}
	if (c->indexed) {
		for (unsigned int i = 0; i < c->n_nets; i++)
			ctl_routes_del(&dom->routes, c->nets[i].prefix, c->nets[i].len);
		dom->registered--;
	}
	c->state = CTL_ST_CLOSED;
	ctl_client_free(srv, c);
	if (hub)
		ctl_hubs_changed(srv, dom->cfg->id);
}

static void put_node(uint8_t *p, uint32_t priv, struct ctl_addr pub, uint8_t role, bool nat)
{
	vam_put32(p, priv);
	vam_put32(p + 4, pub.ip);
	vam_put16(p + 8, pub.port);
	p[10] = role;
	p[11] = nat;
}

static bool online_owner(uint32_t owner, void *arg)
{
	struct ctl_server *srv = ((void **)arg)[0];
	const struct ctl_client *c = ((void **)arg)[1];
	const struct ctl_client *o;

	if (owner == CTL_OWNER_LAN)
		return true;
	o = ctl_hmap_get(&srv->by_addr, ctl_addr_key(c->domain, owner));
	return o != NULL && o->state == CTL_ST_ONLINE;
}

/* S-50: longest prefix over the forwarding table; ties as in S-56. */
static void resolve(struct ctl_server *srv, struct ctl_client *c, const struct vam_attrs *at)
{
	const struct ctl_domain_rt *dom = &srv->dom[c->dom_idx];
	uint32_t target = vam_attr_u32(at, VAM_A_TARGET), owner = 0;
	const struct ctl_client *o = NULL;
	void *arg[2] = { srv, c };
	struct vam_tlv_writer w;
	uint8_t body[64], node[VAM_NODE_LEN];
	uint8_t len;
	bool own = target == dom->cfg->private_addr;

	if (!own) {
		o = ctl_hmap_get(&srv->by_addr, ctl_addr_key(c->domain, target));
		if (o != NULL && o->state != CTL_ST_ONLINE)
			o = NULL;
	}
	if (!own && o == NULL &&
	    ctl_routes_lookup(&dom->routes, target, online_owner, arg, &owner, &len)) {
		if (owner == CTL_OWNER_LAN)
			own = true;
		else
			o = ctl_hmap_get(&srv->by_addr, ctl_addr_key(c->domain, owner));
	}
	vam_tlv_init(&w, body, sizeof(body));
	vam_tlv_put_u32(&w, VAM_A_TARGET, target);
	if (own) {
		put_node(node, dom->cfg->private_addr,
			 (struct ctl_addr){ srv->cfg->outside_addr, srv->cfg->data_port }, VAM_NODE_HUB,
			 false);
	} else if (o != NULL) {
		put_node(node, o->private_addr, o->data_addr, o->role,
			 o->ctrl_addr.ip != o->public_addr.ip ||
				 o->ctrl_addr.port != o->public_addr.port);
	} else {
		ctl_send_ctrl(srv, c, VAM_RESOLVE_RESP, VAM_CODE_NOT_FOUND, body, w.len);
		return;
	}
	vam_tlv_put(&w, VAM_A_NODE, node, sizeof(node));
	ctl_send_ctrl(srv, c, VAM_RESOLVE_RESP, 0, body, w.len);
}

/* S-51: the new set replaces the old one whole, or nothing changes. */
static void net_reg(struct ctl_server *srv, struct ctl_client *c, const struct vam_attrs *at)
{
	struct ctl_routes *r = &srv->dom[c->dom_idx].routes;
	const struct vam_attr *a = &at->a[VAM_A_NETWORKS];
	struct ctl_net nets[VAM_NETS_MAX];
	unsigned int n = 0;

	for (size_t i = 0; i < a->len; i += VAM_NET_ENTRY_LEN) {
		nets[n] = (struct ctl_net){ vam_get32(a->val + i), a->val[i + 4], a->val[i + 5] };
		if (ctl_net_taken(srv, c, &nets[n])) {
			ctl_send_reason(srv, c, VAM_NET_REG_RESP, VAM_CODE_CONFLICT,
					"a network overlaps another registration");
			return;
		}
		n++;
	}
	/* Routes only: the session (keys, counters, windows) stays as it is. */
	publish_nets(srv, c, false);
	for (unsigned int i = 0; i < c->n_nets; i++)
		ctl_routes_del(r, c->nets[i].prefix, c->nets[i].len);
	memcpy(c->nets, nets, n * sizeof(nets[0]));
	c->n_nets = (uint8_t)n;
	for (unsigned int i = 0; i < n; i++)
		ctl_routes_add(r, nets[i].prefix, nets[i].len, c->private_addr);
	publish_nets(srv, c, true);
	ctl_send_ctrl(srv, c, VAM_NET_REG_RESP, 0, NULL, 0);
}

/* S-49: the ACK echoes the outstanding list (a bare ACK is taken as well). */
static void hub_ack(struct ctl_server *srv, struct ctl_client *c, const struct vam_attrs *at)
{
	bool same = at->nhubs == 0;

	if (at->nhubs == c->hub_out_n) {
		same = true;
		for (unsigned int i = 0; i < at->nhubs && same; i++)
			same = memcmp(at->hub[i], c->hub_out + i * VAM_HUB_LEN, VAM_HUB_LEN) == 0;
	}
	if (!c->hub_outstanding || !same) {
		ctl_drop(srv, c, VAM_DROP_UNEXPECTED_TYPE);
		return;
	}
	c->hub_outstanding = false;
	if (c->hub_pending)
		push_hubs(srv, c);
}

void ctl_online_msg(struct ctl_server *srv, struct ctl_client *c, const struct vam_hdr *h,
		    const uint8_t *body, size_t len)
{
	uint8_t resp = vam_response_type(h->type);
	struct vam_attrs at;

	if (h->type != VAM_KEEPALIVE && h->type != VAM_LOGOUT_REQ && c->state != CTL_ST_ONLINE) {
		ctl_drop(srv, c, VAM_DROP_UNEXPECTED_TYPE);	/* S-47 */
		return;
	}
	if (vam_msg_parse(h->type, 0, body, len, &at, NULL) != VAM_OK) {
		ctl_drop(srv, c, VAM_DROP_MALFORMED);
		if (resp)	/* S-05: HUB_INFO_ACK gets no answer */
			ctl_send_reason(srv, c, resp, VAM_CODE_INVALID, "malformed request");
		return;
	}
	switch (h->type) {
	case VAM_KEEPALIVE:
		if (c->state == CTL_ST_REGISTERED)
			go_online(srv, c);
		ctl_send_ctrl(srv, c, VAM_KEEPALIVE_ACK, 0, NULL, 0);
		break;
	case VAM_LOGOUT_REQ:
		ctl_send_ctrl(srv, c, VAM_LOGOUT_RESP, 0, NULL, 0);
		ctl_remove(srv, c, CTL_CAUSE_USER_REQUEST, "logout");
		break;
	case VAM_RESOLVE_REQ:
		resolve(srv, c, &at);
		break;
	case VAM_NET_REG_REQ:
		net_reg(srv, c, &at);
		break;
	case VAM_HUB_INFO_ACK:
		hub_ack(srv, c, &at);
		break;
	default:
		ctl_drop(srv, c, VAM_DROP_UNEXPECTED_TYPE);
		break;
	}
}
