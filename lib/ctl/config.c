/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The configuration loader, in three passes over one file:
 *  1. a syntax pass of our own, line by line, so that a syntax error has a
 *     line number and nothing rte_cfgfile would cut short or skip silently
 *     (long values, lines without '=') gets through (config_parse.c);
 *  2. rte_cfgfile, section by section by index (names may repeat), every
 *     key through the table of its section kind;
 *  3. the checks across sections (references by domain id, user scopes).
 * The first error stops the load: the struct is wiped and freed, so the
 * gateway never starts half-configured.
 * This file holds the section kinds, their key tables and checks, and the
 * interface; the value parsers and the syntax pass are in config_parse.c.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cfgfile.h>

#include "config_priv.h"

#define PSK_WARN_LEN	16	/* S-19: SHOULD be at least 16 random octets */

enum ktype { K_U8, K_U16, K_U32, K_SEC, K_BOOL, K_IP, K_TEXT, K_HEX, K_LIST, K_FN };

#define REQ	0x1u	/* must be given */
#define MULTI	0x2u	/* may be repeated: list items accumulate */
#define HEXNUM	0x4u	/* the number may also be written 0x... */

/* One key of a section kind; off is into the section's object. */
struct kdef {
	const char *name;
	enum ktype type;
	size_t off;
	uint32_t min, max;	/* numbers (K_SEC: seconds); K_TEXT, K_HEX: max octets */
	unsigned int flags;
	key_fn fn;		/* K_FN */
	item_fn item;		/* K_LIST: called for each item with obj + off */
	const char *why;	/* REQ: completes "missing (...)" */
	size_t len_off;		/* K_TEXT, K_HEX: offset of a size_t length field; 0: none */
};

struct skind {
	const char *word;	/* the section name's first word */
	bool named;		/* [word NAME] */
	const struct kdef *keys;
	unsigned int n_keys;
	void *(*begin)(struct ldr *l, const char *name);	/* the object; NULL: failed */
	int (*end)(struct ldr *l, void *obj);
};

/* Point messages at [word name]:key (name and key may be NULL). */
static void at(struct ldr *l, const char *word, const char *name, const char *key)
{
	if (name)
		snprintf(l->sec, sizeof(l->sec), "%s %s", word, name);
	else
		snprintf(l->sec, sizeof(l->sec), "%s", word);
	l->key = key;
}

/* The server's priority lists when a domain gives none. */
static const struct vam_alg_list default_enc = {
	{ VAM_ENC_AES256_GCM, VAM_ENC_AES128_GCM, VAM_ENC_CHACHA20_POLY1305, VAM_ENC_AES256_CBC,
	  VAM_ENC_AES192_CBC, VAM_ENC_AES128_CBC }, 6
};
static const struct vam_alg_list default_integ = {
	{ VAM_INTEG_HMAC_SHA256, VAM_INTEG_HMAC_SHA1 }, 2
};

/* Whether one of n array elements stride bytes apart, first_name their name field, is name. */
static bool name_taken(const char *first_name, size_t stride, unsigned int n, const char *name)
{
	for (unsigned int i = 0; i < n; i++)
		if (strcmp(first_name + i * stride, name) == 0)
			return true;
	return false;
}

/* ---- key tables ---- */

#define GW(f)	offsetof(struct ctl_config, f)
#define DOM(f)	offsetof(struct ctl_domain_cfg, f)
#define USR(f)	offsetof(struct ctl_user_cfg, f)
#define RAD(f)	offsetof(struct ctl_radius_cfg, f)
#define STA(f)	offsetof(struct ctl_static_cfg, f)
#define BIG	16777216u	/* 2^24: table sizes */
#define RATE	100000000u

static const struct kdef gateway_keys[] = {
	{ "address", K_IP, GW(outside_addr), .flags = REQ,
	  .why = "the gateway's outside IPv4 address" },
	{ "vam_port", K_U16, GW(vam_port), 1, 65535 },
	{ "data_port", K_U16, GW(data_port), 1, 65535 },
	{ "lan_routes", K_LIST, .flags = MULTI, .item = ctl_cfg_item_lan_route },
	{ "lan_domain", K_U16, GW(lan_domain), 1, 65535 },
	{ "lan_address", K_IP, GW(lan_addr) },
	{ "mtu", K_U16, GW(mtu), 576, 9000 },
	{ "max_half_open", K_U32, GW(max_half_open), 1, BIG },
	{ "half_open_timeout", K_SEC, GW(half_open_timeout_ms), 1, 3600 },
	{ "init_rate", K_U32, GW(init_rate), 1, RATE },
	{ "init_rate_per_source", K_U32, GW(init_rate_per_source), 1, RATE },
	{ "max_sessions", K_U32, GW(max_sessions), 1, BIG },
	{ "aaa_timeout", K_SEC, GW(aaa_timeout_ms), 1, 60 },
};

static const struct kdef domain_keys[] = {
	{ "id", K_U16, DOM(id), 1, 65535, REQ, .why = "the domain id clients put in INIT_REQ" },
	{ "psk", K_TEXT, DOM(psk), 0, VAM_PSK_MAX, .len_off = DOM(psk_len) },
	{ "psk_hex", K_HEX, DOM(psk), 0, VAM_PSK_MAX, .len_off = DOM(psk_len) },
	{ "encryption", K_LIST, DOM(enc), .item = ctl_cfg_item_enc },
	{ "integrity", K_LIST, DOM(integ), .item = ctl_cfg_item_integ },
	{ "authentication", K_FN, .fn = ctl_cfg_set_auth },
	{ "aaa", K_FN, .fn = ctl_cfg_set_aaa },
	{ "keepalive", K_U16, DOM(keepalive), 1, 65535 },
	{ "retries", K_U8, DOM(retries), 1, 6 },
	{ "private_address", K_IP, DOM(private_addr), .flags = REQ,
	  .why = "the gateway's own tunnel address in the domain" },
	{ "hubs", K_LIST, .flags = MULTI, .item = ctl_cfg_item_hub },
	{ "spokes", K_LIST, .flags = MULTI, .item = ctl_cfg_item_spoke },
	{ "pap_addresses", K_LIST, .flags = MULTI, .item = ctl_cfg_item_pap },
	{ "chap_addresses", K_LIST, .flags = MULTI, .item = ctl_cfg_item_chap },
	{ "max_clients", K_U32, DOM(max_clients), 1, BIG },
	{ "max_half_open", K_U32, DOM(max_half_open), 1, BIG },
	{ "allow_unprotected", K_BOOL, DOM(allow_unprotected) },
};

static const struct kdef user_keys[] = {
	{ "password", K_TEXT, USR(password), 0, VAM_PASSWORD_MAX, REQ,
	  .len_off = USR(password_len), .why = "a user needs a password" },
	{ "domain", K_U16, USR(domain), 1, 65535 },
};

static const struct kdef radius_keys[] = {
	{ "address", K_IP, RAD(addr), .flags = REQ, .why = "the RADIUS server's IPv4 address" },
	{ "auth_port", K_U16, RAD(auth_port), 1, 65535 },
	{ "acct_port", K_U16, RAD(acct_port), 1, 65535 },
	{ "secret", K_TEXT, RAD(secret), 0, sizeof(((struct ctl_radius_cfg *)0)->secret) - 1, REQ,
	  .why = "the RADIUS shared secret" },
	{ "timeout", K_SEC, RAD(timeout_ms), 1, 60 },
	{ "retries", K_U8, RAD(retries), 0, 10 },
};

static const struct kdef static_keys[] = {
	{ "domain", K_U16, STA(domain), 1, 65535, REQ, .why = "the id of the session's domain" },
	{ "server_id", K_U32, STA(server_id), 1, UINT32_MAX, REQ | HEXNUM,
	  .why = "our session id" },
	{ "peer_id", K_U32, STA(peer_id), 1, UINT32_MAX, REQ | HEXNUM, .why = "the client's id" },
	{ "encryption", K_FN, .flags = REQ, .fn = ctl_cfg_set_static_enc,
	  .why = "one algorithm name" },
	{ "integrity", K_FN, .flags = REQ, .fn = ctl_cfg_set_static_integ,
	  .why = "one algorithm name" },
	{ "rx_key", K_HEX, STA(rx.enc), 0, VAM_ENC_KEY_MAX },
	{ "tx_key", K_HEX, STA(tx.enc), 0, VAM_ENC_KEY_MAX },
	{ "rx_salt", K_HEX, STA(rx.salt), 0, VAM_SALT_LEN },
	{ "tx_salt", K_HEX, STA(tx.salt), 0, VAM_SALT_LEN },
	{ "rx_auth_key", K_HEX, STA(rx.integ), 0, VAM_INTEG_KEY_MAX },
	{ "tx_auth_key", K_HEX, STA(tx.integ), 0, VAM_INTEG_KEY_MAX },
	{ "private_address", K_IP, STA(private_addr), .flags = REQ,
	  .why = "the client's tunnel address" },
	{ "peer", K_FN, .flags = REQ, .fn = ctl_cfg_set_peer, .why = "the client's a.b.c.d:port" },
	{ "replay_check", K_BOOL, STA(replay_check) },
};

/* ---- sections ---- */

/* The octets of a K_HEX key of the current section, -1 if it was not given. */
static long hex_given(const struct ldr *l, const char *key)
{
	for (unsigned int i = 0; i < l->kind->n_keys; i++)
		if (strcmp(l->kind->keys[i].name, key) == 0)
			return (l->seen >> i & 1) ? (long)l->hexlen[i] : -1;
	return -1;
}

static bool given(const struct ldr *l, const char *key)
{
	for (unsigned int i = 0; i < l->kind->n_keys; i++)
		if (strcmp(l->kind->keys[i].name, key) == 0)
			return l->seen >> i & 1;
	return false;
}

static void *begin_gateway(struct ldr *l, const char *name)
{
	(void)name;
	if (l->have_gateway) {
		ctl_cfg_fail(l, "duplicate section");
		return NULL;
	}
	l->have_gateway = true;
	return l->cfg;
}

static int end_gateway(struct ldr *l, void *obj)
{
	struct ctl_config *c = obj;

	l->key = "data_port";
	if (c->data_port == c->vam_port)
		return ctl_cfg_fail(l, "the same port as vam_port (control and data need two "
				    "ports, S-06)");
	return 0;
}

static void *begin_domain(struct ldr *l, const char *name)
{
	struct ctl_config *c = l->cfg;
	struct ctl_domain_cfg *d;

	if (c->n_domains == CTL_MAX_DOMAINS) {
		ctl_cfg_fail(l, "more than %d domains", CTL_MAX_DOMAINS);
		return NULL;
	}
	if (name_taken(c->domains[0].name, sizeof(*d), c->n_domains, name)) {
		ctl_cfg_fail(l, "duplicate section");
		return NULL;
	}
	d = &c->domains[c->n_domains++];
	ctl_domain_defaults(d);
	snprintf(d->name, sizeof(d->name), "%s", name);
	d->enc.n = d->integ.n = 0;	/* a list given replaces the default */
	return d;
}

static int domain_psk(struct ldr *l, const struct ctl_domain_cfg *d)
{
	bool text = given(l, "psk"), hex = given(l, "psk_hex");

	l->key = hex ? "psk_hex" : "psk";
	if (text && hex)
		return ctl_cfg_fail(l, "give psk or psk_hex, not both");
	if (!text && !hex)
		return ctl_cfg_fail(l, "missing (a domain needs a pre-shared key)");
	if (d->psk_len < PSK_WARN_LEN)
		ctl_cfg_warn(l, "only %zu octets; use at least %d random octets (S-19)",
			     d->psk_len, PSK_WARN_LEN);
	return 0;
}

static int domain_addrs(struct ldr *l, const struct ctl_domain_cfg *d)
{
	char a[INET_ADDRSTRLEN];

	l->key = "spokes";
	if (d->n_spokes == 0 && d->n_hubs == 0)
		return ctl_cfg_fail(l, "missing (a domain needs spoke ranges or hub addresses)");
	/*
	 * Inside a spoke range is fine: registration refuses a client claiming
	 * the gateway's own address (CONFLICT, S-41). A hub address is not.
	 */
	l->key = "private_address";
	for (unsigned int i = 0; i < d->n_hubs; i++)
		if (d->hubs[i] == d->private_addr)
			return ctl_cfg_fail(l, "%s is also in hubs",
					    ctl_cfg_ipstr(d->private_addr, a));
	return 0;
}

static bool alg_has(const struct vam_alg_list *list, uint16_t id)
{
	for (unsigned int i = 0; i < list->n; i++)
		if (list->id[i] == id)
			return true;
	return false;
}

static int domain_algs(struct ldr *l, const struct ctl_domain_cfg *d)
{
	bool enc_none = alg_has(&d->enc, VAM_ENC_NONE);
	bool integ_none = alg_has(&d->integ, VAM_INTEG_NONE);
	bool cbc = false;

	for (unsigned int i = 0; i < d->enc.n; i++)
		cbc |= vam_enc_info(d->enc.id[i])->kind == VAM_KIND_CBC;
	l->key = enc_none ? "encryption" : "integrity";
	if ((enc_none || integ_none) && !d->allow_unprotected)
		return ctl_cfg_fail(l, "\"none\" needs allow_unprotected = yes (S-58)");
	l->key = "integrity";
	if (cbc && d->integ.n == (integ_none ? 1 : 0))
		return ctl_cfg_fail(l, "no HMAC for the CBC ciphers of encryption (S-13)");
	l->key = "allow_unprotected";
	if (enc_none && integ_none)
		ctl_cfg_warn(l, "the unprotected suite none/none may be negotiated: nothing is "
			"authenticated (S-58)");
	else if (enc_none)
		ctl_cfg_warn(l, "sessions without encryption may be negotiated (S-58)");
	if (enc_none && d->auth == VAM_AUTH_PAP)
		ctl_cfg_warn(l, "clients send no PAP password on sessions without encryption "
			     "(S-39)");
	return 0;
}

static int end_domain(struct ldr *l, void *obj)
{
	struct ctl_domain_cfg *d = obj;
	const struct ctl_config *c = l->cfg;

	if (d->enc.n == 0)
		d->enc = default_enc;
	if (d->integ.n == 0)
		d->integ = default_integ;
	l->key = "id";
	for (unsigned int i = 0; i + 1 < c->n_domains; i++)
		if (c->domains[i].id == d->id)
			return ctl_cfg_fail(l, "%u is also the id of [domain %s]", d->id,
					    c->domains[i].name);
	if (domain_psk(l, d) < 0 || domain_addrs(l, d) < 0 || domain_algs(l, d) < 0)
		return -1;
	return 0;
}

static void *begin_user(struct ldr *l, const char *name)
{
	struct ctl_config *c = l->cfg;
	struct ctl_user_cfg *u;
	size_t n = strlen(name);

	/* A section name has at most CFG_NAME_LEN - 1 characters: always <= 253 octets. */
	if (c->n_users == CTL_MAX_USERS) {
		ctl_cfg_fail(l, "more than %d users", CTL_MAX_USERS);
		return NULL;
	}
	u = &c->users[c->n_users++];
	memcpy(u->name, name, n + 1);
	u->name_len = n;
	return u;
}

static void *begin_radius(struct ldr *l, const char *name)
{
	struct ctl_config *c = l->cfg;
	struct ctl_radius_cfg *r;

	if (c->n_radius == CTL_MAX_RADIUS) {
		ctl_cfg_fail(l, "more than %d [radius] sections", CTL_MAX_RADIUS);
		return NULL;
	}
	if (name_taken(c->radius[0].name, sizeof(*r), c->n_radius, name)) {
		ctl_cfg_fail(l, "duplicate section");
		return NULL;
	}
	r = &c->radius[c->n_radius++];
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->auth_port = 1812;
	r->acct_port = 1813;
	r->timeout_ms = 3000;
	r->retries = 3;
	return r;
}

static void *begin_static(struct ldr *l, const char *name)
{
	struct ctl_config *c = l->cfg;
	struct ctl_static_cfg *s;

	if (c->n_statics == CTL_MAX_STATIC) {
		ctl_cfg_fail(l, "more than %d static sessions", CTL_MAX_STATIC);
		return NULL;
	}
	if (name_taken(c->statics[0].name, sizeof(*s), c->n_statics, name)) {
		ctl_cfg_fail(l, "duplicate section");
		return NULL;
	}
	s = &c->statics[c->n_statics++];
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->replay_check = true;
	return s;
}

/* One direction key: exactly want octets if required, want octets or absent otherwise. */
static int static_key(struct ldr *l, const char *key, size_t want, bool required)
{
	long have = hex_given(l, key);

	l->key = key;
	if (have < 0)
		return required && want ?
		       ctl_cfg_fail(l, "missing (the suite needs %zu octets)", want) : 0;
	if (want == 0)
		return ctl_cfg_fail(l, "not used by this suite");
	if ((size_t)have != want)
		return ctl_cfg_fail(l, "%ld octets, the suite needs %zu", have, want);
	return 0;
}

static int end_static(struct ldr *l, void *obj)
{
	struct ctl_static_cfg *s = obj;
	const struct ctl_config *c = l->cfg;
	bool aead;
	size_t k, i;

	l->key = "server_id";
	for (unsigned int j = 0; j + 1 < c->n_statics; j++)
		if (c->statics[j].server_id == s->server_id)
			return ctl_cfg_fail(l, "0x%08" PRIx32 " is also the server_id of "
					    "[static %s]", s->server_id, c->statics[j].name);
	l->key = "integrity";
	if (!vam_suite_valid(s->suite))
		return ctl_cfg_fail(l, "%s with %s is not a suite (AEAD takes none, CBC needs "
				    "an HMAC)", vam_enc_info(s->suite.enc)->name,
				    vam_integ_info(s->suite.integ)->name);
	aead = vam_enc_info(s->suite.enc)->kind == VAM_KIND_AEAD;
	vam_suite_key_lens(s->suite, &k, &i);
	if (static_key(l, "rx_key", k, true) || static_key(l, "tx_key", k, true) ||
	    static_key(l, "rx_salt", VAM_SALT_LEN, aead) ||
	    static_key(l, "tx_salt", VAM_SALT_LEN, aead) ||
	    static_key(l, "rx_auth_key", i, true) || static_key(l, "tx_auth_key", i, true))
		return -1;
	l->key = "replay_check";
	if (!s->replay_check)
		ctl_cfg_warn(l, "replay protection is off for this session");
	return 0;
}

static const struct skind kinds[] = {
	{ "gateway", false, gateway_keys, ARRAY_SIZE(gateway_keys), begin_gateway, end_gateway },
	{ "domain", true, domain_keys, ARRAY_SIZE(domain_keys), begin_domain, end_domain },
	{ "user", true, user_keys, ARRAY_SIZE(user_keys), begin_user, NULL },
	{ "radius", true, radius_keys, ARRAY_SIZE(radius_keys), begin_radius, NULL },
	{ "static", true, static_keys, ARRAY_SIZE(static_keys), begin_static, end_static },
};

/* The kind of the section in l->sec; *name: its NAME (one word), "" if none. */
static const struct skind *section_kind(struct ldr *l, const char **name)
{
	const char *s = l->sec;
	size_t w = 0;

	while (s[w] && !isspace((unsigned char)s[w]))
		w++;
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		const struct skind *k = &kinds[i];
		const char *n = s + w;

		if (strlen(k->word) != w || strncmp(s, k->word, w) != 0)
			continue;
		while (isspace((unsigned char)*n))
			n++;
		*name = n;
		if (!k->named && *n)
			ctl_cfg_fail(l, "[%s] takes no name", k->word);
		else if (k->named && !*n)
			ctl_cfg_fail(l, "missing name (write [%s NAME])", k->word);
		else if (n[strcspn(n, " \t\v\f\r")])
			ctl_cfg_fail(l, "the name must be one word");
		else
			return k;
		return NULL;
	}
	ctl_cfg_fail(l, "unknown section (expected gateway, domain NAME, user NAME, radius NAME or "
		"static NAME)");
	return NULL;
}

/* Text taken as its bytes (S-19, S-12); without a length field it stays NUL-terminated. */
static int set_text(struct ldr *l, const struct kdef *kd, void *obj, const char *v)
{
	size_t n = strlen(v);

	if (n > kd->max)
		return ctl_cfg_fail(l, "%zu octets, at most %" PRIu32, n, kd->max);
	memcpy((uint8_t *)obj + kd->off, v, n);
	if (kd->len_off)
		*(size_t *)((uint8_t *)obj + kd->len_off) = n;
	return 0;
}

static int set_key(struct ldr *l, void *obj, const struct rte_cfgfile_entry *e)
{
	const struct skind *k = l->kind;
	const struct kdef *kd;
	uint8_t *p;
	uint32_t x;
	unsigned int i;

	for (i = 0; i < k->n_keys && strcmp(k->keys[i].name, e->name) != 0; i++)
		;
	l->key = e->name;
	if (i == k->n_keys)
		return ctl_cfg_fail(l, "unknown key");
	kd = &k->keys[i];
	l->key = kd->name;
	if ((l->seen >> i & 1) && !(kd->flags & MULTI))
		return ctl_cfg_fail(l, "given twice");
	l->seen |= 1u << i;
	p = (uint8_t *)obj + kd->off;
	switch (kd->type) {
	case K_BOOL:
		return ctl_cfg_parse_bool(l, e->value, (bool *)p);
	case K_IP:
		return ctl_cfg_host_ip(l, e->value, (uint32_t *)p);
	case K_TEXT:
		return set_text(l, kd, obj, e->value);
	case K_HEX:
		if (ctl_cfg_parse_hex(l, e->value, p, kd->max, &l->hexlen[i]) < 0)
			return -1;
		if (kd->len_off)
			*(size_t *)((uint8_t *)obj + kd->len_off) = l->hexlen[i];
		return 0;
	case K_LIST:
		return ctl_cfg_each_item(l, p, e->value, kd->item);
	case K_FN:
		return kd->fn(l, obj, e->value);
	default:
		break;
	}
	if (ctl_cfg_parse_num(l, e->value, kd->min, kd->max, kd->flags & HEXNUM, &x) < 0)
		return -1;
	if (kd->type == K_U8)
		*p = (uint8_t)x;
	else if (kd->type == K_U16)
		*(uint16_t *)p = (uint16_t)x;
	else
		*(uint32_t *)p = kd->type == K_SEC ? x * 1000 : x;
	return 0;
}

static int end_section(struct ldr *l, void *obj)
{
	const struct skind *k = l->kind;

	for (unsigned int i = 0; i < k->n_keys; i++) {
		if ((k->keys[i].flags & REQ) && !(l->seen >> i & 1)) {
			l->key = k->keys[i].name;
			return ctl_cfg_fail(l, "missing (%s)", k->keys[i].why);
		}
	}
	l->key = NULL;
	return k->end ? k->end(l, obj) : 0;
}

static int load_section(struct ldr *l, struct rte_cfgfile *f, int idx)
{
	struct rte_cfgfile_entry *ent;
	const char *name;
	int n, rc = -1;
	void *obj;

	l->key = NULL;
	l->seen = 0;
	n = rte_cfgfile_section_num_entries_by_index(f, l->sec, idx);
	if (n < 0)
		return ctl_cfg_fail(l, "cannot read section %d", idx);
	l->kind = section_kind(l, &name);
	if (l->kind == NULL)
		return -1;
	ent = calloc(n ? n : 1, sizeof(*ent));
	if (ent == NULL)
		return ctl_cfg_fail(l, "out of memory");
	if (rte_cfgfile_section_entries_by_index(f, idx, l->sec, ent, n) != n) {
		ctl_cfg_fail(l, "cannot read the entries");
		goto out;
	}
	obj = l->kind->begin(l, name);
	if (obj == NULL)
		goto out;
	for (int i = 0; i < n; i++)
		if (set_key(l, obj, &ent[i]) < 0)
			goto out;
	rc = end_section(l, obj);
out:
	vam_wipe(ent, (n ? n : 1) * sizeof(*ent));	/* PSKs, passwords, keys */
	free(ent);
	return rc;
}

/* ---- across sections ---- */

static int check_gateway(struct ldr *l)
{
	struct ctl_config *c = l->cfg;

	at(l, "gateway", NULL, NULL);
	if (!l->have_gateway)
		return ctl_cfg_fail(l, "missing section (the gateway's own addresses)");
	if (c->n_domains == 0) {
		l->sec[0] = '\0';
		return ctl_cfg_fail(l, "no [domain NAME] section (at least one is needed)");
	}
	l->key = "lan_domain";
	if (c->lan_domain) {
		if (ctl_config_domain(c, c->lan_domain) == NULL)
			return ctl_cfg_fail(l, "no domain has id %u", c->lan_domain);
	} else if (c->n_domains == 1) {
		c->lan_domain = c->domains[0].id;
	} else if (c->n_lan_routes || c->lan_addr) {
		return ctl_cfg_fail(l, "missing (several domains: which one does the LAN port "
				    "belong to?)");
	}
	for (unsigned int i = 0; i < c->n_domains; i++) {
		const struct ctl_domain_cfg *d = &c->domains[i];

		at(l, "domain", d->name, "aaa");
		if (d->aaa == CTL_AAA_RADIUS && c->n_radius == 0)
			return ctl_cfg_fail(l, "radius needs a [radius NAME] section");
	}
	return 0;
}

static int check_users(struct ldr *l)
{
	const struct ctl_config *c = l->cfg;

	for (unsigned int i = 0; i < c->n_users; i++) {
		const struct ctl_user_cfg *u = &c->users[i];

		at(l, "user", u->name, "domain");
		if (u->domain && ctl_config_domain(c, u->domain) == NULL)
			return ctl_cfg_fail(l, "no domain has id %u", u->domain);
		for (unsigned int j = 0; j < i; j++) {
			const struct ctl_user_cfg *v = &c->users[j];

			if (v->domain != u->domain || strcmp(v->name, u->name) != 0)
				continue;
			if (u->domain)
				return ctl_cfg_fail(l, "user %s is defined twice for domain %u",
						    u->name, u->domain);
			return ctl_cfg_fail(l, "user %s is defined twice for all domains", u->name);
		}
	}
	return 0;
}

static int check_statics(struct ldr *l)
{
	const struct ctl_config *c = l->cfg;

	for (unsigned int i = 0; i < c->n_statics; i++) {
		const struct ctl_static_cfg *s = &c->statics[i];
		const struct ctl_domain_cfg *d = ctl_config_domain(c, s->domain);

		at(l, "static", s->name, "domain");
		if (d == NULL)
			return ctl_cfg_fail(l, "no domain has id %u", s->domain);
		l->key = "encryption";
		if (s->suite.enc == VAM_ENC_NONE && !d->allow_unprotected)
			return ctl_cfg_fail(l, "\"none\" needs allow_unprotected = yes in "
					    "[domain %s] (S-58)", d->name);
	}
	return 0;
}

/* ---- interface ---- */

void ctl_config_defaults(struct ctl_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->vam_port = 18000;
	cfg->data_port = 18001;
	cfg->mtu = 1500;
	cfg->max_half_open = 65536;
	cfg->half_open_timeout_ms = 20000;
	cfg->init_rate = 20000;
	cfg->init_rate_per_source = 50;
	cfg->max_sessions = 1048576;
	cfg->aaa_timeout_ms = 15000;
}

void ctl_domain_defaults(struct ctl_domain_cfg *d)
{
	memset(d, 0, sizeof(*d));
	d->enc = default_enc;
	d->integ = default_integ;
	d->auth = VAM_AUTH_NONE;
	d->aaa = CTL_AAA_LOCAL;
	d->keepalive = 10;
	d->retries = 3;
	d->max_clients = 100000;
	d->max_half_open = 1024;
}

const struct ctl_domain_cfg *ctl_config_domain(const struct ctl_config *cfg, uint16_t id)
{
	for (unsigned int i = 0; i < cfg->n_domains; i++)
		if (cfg->domains[i].id == id)
			return &cfg->domains[i];
	return NULL;
}

/* cfg's previous content is overwritten, not freed. */
int ctl_config_load(const char *path, struct ctl_config *cfg, char *err, size_t errlen)
{
	struct ldr l = { .cfg = cfg, .path = path, .err = err, .errlen = errlen };
	struct rte_cfgfile *f = NULL;
	int rc = -1, n;

	if (err && errlen)
		err[0] = '\0';
	ctl_config_defaults(cfg);
	if (strlen(path) >= sizeof(cfg->path)) {
		ctl_cfg_fail(&l, "path longer than %zu characters", sizeof(cfg->path) - 1);
		goto out;
	}
	snprintf(cfg->path, sizeof(cfg->path), "%s", path);
	cfg->users = calloc(CTL_MAX_USERS, sizeof(*cfg->users));
	cfg->statics = calloc(CTL_MAX_STATIC, sizeof(*cfg->statics));
	if (cfg->users == NULL || cfg->statics == NULL) {
		ctl_cfg_fail(&l, "out of memory");
		goto out;
	}
	if (ctl_cfg_syntax_pass(&l) < 0)
		goto out;
	f = rte_cfgfile_load(path, 0);
	if (f == NULL) {
		ctl_cfg_fail(&l, "rte_cfgfile_load failed: %s", strerror(errno));
		goto out;
	}
	n = rte_cfgfile_num_sections(f, "", 0);
	for (int i = 0; i < n; i++)
		if (load_section(&l, f, i) < 0)
			goto out;
	if (check_gateway(&l) == 0 && check_users(&l) == 0 && check_statics(&l) == 0)
		rc = 0;
out:
	if (f)
		rte_cfgfile_close(f);
	if (rc < 0)
		ctl_config_free(cfg);
	return rc;
}

void ctl_config_free(struct ctl_config *cfg)
{
	if (cfg == NULL)
		return;
	if (cfg->users) {
		vam_wipe(cfg->users, CTL_MAX_USERS * sizeof(*cfg->users));
		free(cfg->users);
	}
	if (cfg->statics) {
		vam_wipe(cfg->statics, CTL_MAX_STATIC * sizeof(*cfg->statics));
		free(cfg->statics);
	}
	vam_wipe(cfg, sizeof(*cfg));
}
