/* SPDX-License-Identifier: BSD-3-Clause */
/* Telemetry commands: domains, clients, one client, counters (see ctl_telemetry.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_telemetry.h>

#include "ctl_server.h"
#include "ctl_telemetry.h"
#include "vam_format.h"

/*
 * Telemetry writes at most 16 KiB per reply (MAX_OUTPUT_LEN in DPDK 22.11,
 * reported by /info as max_output_len) and leaves out, silently, a value
 * that does not fit. Lists stop at TEL_BUDGET, which keeps room for the
 * reply's prefix and the fields that come after the list.
 */
#define TEL_OUTPUT_MAX	16384
#define TEL_BUDGET	(TEL_OUTPUT_MAX - 512)
#define TEL_PARAM_MAX	64

/* The server the commands read: tel_mutex is held for a whole command. */
static pthread_mutex_t tel_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct ctl_server *tel_srv;
static unsigned int tel_registered;	/* bit per entry of tel_cmds */

/* The server, with tel_mutex held; NULL (and not held) when detached. */
static struct ctl_server *srv_hold(void)
{
	pthread_mutex_lock(&tel_mutex);
	if (tel_srv == NULL)
		pthread_mutex_unlock(&tel_mutex);
	return tel_srv;
}

static void srv_release(void)
{
	pthread_mutex_unlock(&tel_mutex);
}

static uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* A dict being built and an upper bound of the length of its JSON text. */
struct tel_obj {
	struct rte_tel_data *d;
	size_t len;
	unsigned int n;
};

static size_t u64_len(uint64_t v)
{
	size_t n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* Telemetry escapes '"', '\\' and control characters with two characters. */
static size_t json_str_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += (*s == '"' || *s == '\\' || (unsigned char)*s < 0x20) ? 2 : 1;
	return n;
}

static void obj_start(struct tel_obj *o, struct rte_tel_data *d)
{
	rte_tel_data_start_dict(d);
	o->d = d;
	o->len = 2;
	o->n = 0;
}

static int obj_new(struct tel_obj *o)
{
	struct rte_tel_data *d = rte_tel_data_alloc();

	if (d == NULL)
		return -ENOMEM;
	obj_start(o, d);
	return 0;
}

/* The add functions return E2BIG (positive) when they truncated but added. */
static void obj_u64(struct tel_obj *o, const char *name, uint64_t v)
{
	if (rte_tel_data_add_dict_u64(o->d, name, v) >= 0) {
		o->len += strlen(name) + u64_len(v) + 4;	/* "name":v, */
		o->n++;
	}
}

static void obj_str(struct tel_obj *o, const char *name, const char *v)
{
	if (rte_tel_data_add_dict_string(o->d, name, v) >= 0) {
		o->len += strlen(name) + json_str_len(v) + 6;	/* "name":"v", */
		o->n++;
	}
}

/* Bytes child would add to o under name. */
static size_t obj_cost(const char *name, const struct tel_obj *child)
{
	return strlen(name) + child->len + 4;	/* "name":{...}, */
}

/* Add child under name; telemetry frees it with o. On failure child is freed here. */
static int obj_add(struct tel_obj *o, const char *name, struct tel_obj *child)
{
	int rc = rte_tel_data_add_dict_container(o->d, name, child->d, 0);

	if (rc < 0) {
		rte_tel_data_free(child->d);
		return rc;
	}
	o->len += obj_cost(name, child);
	o->n++;
	return 0;
}

/* Add child if it fits within budget bytes and the entry limit; else free it. */
static bool obj_add_within(struct tel_obj *o, const char *name, struct tel_obj *child,
			   size_t budget)
{
	if (o->n >= RTE_TEL_MAX_DICT_ENTRIES || o->len + obj_cost(name, child) > budget) {
		rte_tel_data_free(child->d);
		return false;
	}
	return obj_add(o, name, child) == 0;
}

/*
 * Text from the wire (UTF-8 names) or the configuration, as printable ASCII
 * with '?' for the rest: DPDK 22.11's JSON writer turns bytes from 0x80 up
 * into invalid escapes ("\\1"), and drops most control characters.
 */
static const char *printable(const char *s, char *buf, size_t cap)
{
	size_t i;

	for (i = 0; i + 1 < cap && s[i] != '\0'; i++)
		buf[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	buf[i] = '\0';
	return buf;
}

static const char *addr_port(struct ctl_addr a, char *buf, size_t cap)
{
	char ip[16];

	snprintf(buf, cap, "%s:%u", vam_format_ipv4(a.ip, ip), a.port);
	return buf;
}

/* "aes-256-gcm", "aes-128-cbc+hmac-sha256", "none". */
static const char *suite_name(struct vam_suite s, char *buf, size_t cap)
{
	const struct vam_enc_info *e = vam_enc_info(s.enc);
	const struct vam_integ_info *i = vam_integ_info(s.integ);
	char en[16], in[16];

	if (e != NULL)
		snprintf(en, sizeof(en), "%s", e->name);
	else
		snprintf(en, sizeof(en), "enc-%u", s.enc);
	if (i != NULL)
		snprintf(in, sizeof(in), "%s", i->name);
	else
		snprintf(in, sizeof(in), "integ-%u", s.integ);
	if (s.integ == VAM_INTEG_NONE)
		snprintf(buf, cap, "%s", en);
	else
		snprintf(buf, cap, "%s+%s", en, in);
	return buf;
}

static const char *role_name(uint8_t role)
{
	return role == VAM_NODE_HUB ? "hub" : role == VAM_NODE_SPOKE ? "spoke" : "none";
}

static const char *auth_name(uint8_t auth)
{
	return auth == VAM_AUTH_PAP ? "pap" : auth == VAM_AUTH_CHAP ? "chap" : "none";
}

/* A private address as a dict key: telemetry names allow [A-Za-z0-9_/] only. */
static const char *addr_key(uint32_t a, char *buf, size_t cap)
{
	snprintf(buf, cap, "%u_%u_%u_%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
	return buf;
}

/* The counter name of a drop: vam_drop_name with ' ' and '/' as '_'. */
static const char *drop_key(unsigned int d, char *buf, size_t cap)
{
	size_t i;

	printable(vam_drop_name((enum vam_drop)d), buf, cap);
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] == ' ' || buf[i] == '/')
			buf[i] = '_';
	return buf;
}

/* A decimal domain id 1..65535 and nothing else (no sign, space or suffix). */
static int parse_domain(const char *s, uint16_t *id)
{
	unsigned long v;
	char *end;

	if (s == NULL || *s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v == 0 || v > VAM_DOMAIN_MAX)
		return -EINVAL;
	*id = (uint16_t)v;
	return 0;
}

/* "<domain>,<a.b.c.d>". */
static int parse_client(const char *params, uint16_t *dom, uint32_t *addr)
{
	char buf[TEL_PARAM_MAX];
	struct in_addr in;
	char *comma;

	if (params == NULL || strlen(params) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, params);
	comma = strchr(buf, ',');
	if (comma == NULL)
		return -EINVAL;
	*comma = '\0';
	if (parse_domain(buf, dom) < 0 || inet_pton(AF_INET, comma + 1, &in) != 1)
		return -EINVAL;
	*addr = ntohl(in.s_addr);
	return 0;
}

/* The operator view of one client; detail adds the domain and the networks count. */
static void client_fill(struct tel_obj *o, const struct ctl_client_info *ci, uint64_t now,
			bool detail)
{
	char buf[64], name[VAM_NAME_MAX + 1];

	obj_str(o, "private_addr", vam_format_ipv4(ci->private_addr, buf));
	obj_str(o, "name", printable(ci->name, name, sizeof(name)));
	obj_str(o, "public_addr", addr_port(ci->public_addr, buf, sizeof(buf)));
	obj_str(o, "ctrl_addr", addr_port(ci->ctrl_addr, buf, sizeof(buf)));
	obj_str(o, "data_addr", addr_port(ci->data_addr, buf, sizeof(buf)));
	obj_str(o, "role", role_name(ci->role));
	obj_u64(o, "nat", ci->nat);
	obj_str(o, "state", ctl_state_name(ci->state));
	obj_u64(o, "uptime_s", now > ci->since_ms ? (now - ci->since_ms) / 1000 : 0);
	obj_str(o, "algs", suite_name(ci->suite, buf, sizeof(buf)));
	snprintf(buf, sizeof(buf), "0x%08" PRIx32, ci->id);
	obj_str(o, "id", buf);
	snprintf(buf, sizeof(buf), "0x%08" PRIx32, ci->peer_id);
	obj_str(o, "peer_id", buf);
	if (detail) {
		obj_u64(o, "domain", ci->domain);
		obj_u64(o, "networks", ci->n_networks);
	}
}

struct clients_walk {
	struct tel_obj *list;
	uint64_t now;
	unsigned int shown, omitted;
};

static int clients_visit(const struct ctl_client *c, void *arg)
{
	struct clients_walk *cw = arg;
	struct ctl_client_info ci;
	struct tel_obj o;
	char key[16];

	if (cw->omitted != 0) {		/* the list is full: only count */
		cw->omitted++;
		return 0;
	}
	if (obj_new(&o) < 0) {
		cw->omitted++;
		return 0;
	}
	ctl_client_info(c, &ci);
	client_fill(&o, &ci, cw->now, false);
	if (!obj_add_within(cw->list, addr_key(ci.private_addr, key, sizeof(key)), &o,
			    TEL_BUDGET)) {
		cw->omitted++;
		return 0;
	}
	cw->shown++;
	return 0;
}

static int tel_clients(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct clients_walk cw = { .now = mono_ms() };
	struct ctl_server *srv;
	struct tel_obj top, list;
	uint16_t dom;
	bool known;

	(void)cmd;
	if (parse_domain(params, &dom) < 0)
		return -EINVAL;
	if (obj_new(&list) < 0)
		return -ENOMEM;
	cw.list = &list;
	srv = srv_hold();
	if (srv == NULL) {
		rte_tel_data_free(list.d);
		return -ENODEV;
	}
	ctl_server_lock(srv);
	known = ctl_config_domain(ctl_server_config(srv), dom) != NULL;
	if (known)
		ctl_server_walk(srv, dom, clients_visit, &cw);
	ctl_server_unlock(srv);
	srv_release();
	if (!known) {
		rte_tel_data_free(list.d);
		return -EINVAL;
	}
	obj_start(&top, d);
	obj_u64(&top, "domain", dom);
	obj_u64(&top, "shown", cw.shown);
	obj_u64(&top, "omitted", cw.omitted);
	obj_add(&top, "clients", &list);
	return 0;
}

static int tel_client(const char *cmd, const char *params, struct rte_tel_data *d)
{
	const struct ctl_client *c = NULL;
	struct ctl_client_info ci;
	struct ctl_server *srv;
	struct tel_obj o;
	uint32_t addr;
	uint16_t dom;

	(void)cmd;
	if (parse_client(params, &dom, &addr) < 0)
		return -EINVAL;
	srv = srv_hold();
	if (srv == NULL)
		return -ENODEV;
	ctl_server_lock(srv);
	if (ctl_config_domain(ctl_server_config(srv), dom) != NULL)
		c = ctl_server_find(srv, dom, addr);
	if (c != NULL)
		ctl_client_info(c, &ci);
	ctl_server_unlock(srv);
	srv_release();
	if (c == NULL)
		return -EINVAL;
	obj_start(&o, d);
	client_fill(&o, &ci, mono_ms(), true);
	return 0;
}

static bool has_params(const char *params)
{
	return params != NULL && params[0] != '\0';
}

static void domain_fill(struct tel_obj *o, struct ctl_server *srv,
			const struct ctl_domain_cfg *dc)
{
	static const enum ctl_state states[] = { CTL_ST_HALF_OPEN, CTL_ST_REGISTERED,
						 CTL_ST_ONLINE, CTL_ST_CLOSED };
	static const char *const keys[] = { "half_open", "registered", "online", "closed" };
	char buf[64];
	unsigned int i;

	obj_u64(o, "id", dc->id);
	obj_str(o, "name", printable(dc->name, buf, sizeof(buf)));
	obj_str(o, "auth", auth_name(dc->auth));
	obj_str(o, "aaa", dc->aaa == CTL_AAA_RADIUS ? "radius" : "local");
	obj_u64(o, "keepalive", dc->keepalive);
	obj_u64(o, "retries", dc->retries);
	obj_str(o, "private_addr", vam_format_ipv4(dc->private_addr, buf));
	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		obj_u64(o, keys[i], ctl_server_count(srv, dc->id, states[i]));
	obj_u64(o, "max_clients", dc->max_clients);
}

static int tel_domains(const char *cmd, const char *params, struct rte_tel_data *d)
{
	const struct ctl_config *cfg;
	struct tel_obj top, list, o;
	unsigned int i, omitted = 0;
	struct ctl_server *srv;
	char key[8];

	(void)cmd;
	if (has_params(params))
		return -EINVAL;
	if (obj_new(&list) < 0)
		return -ENOMEM;
	srv = srv_hold();
	if (srv == NULL) {
		rte_tel_data_free(list.d);
		return -ENODEV;
	}
	cfg = ctl_server_config(srv);	/* fixed for the server's life */
	for (i = 0; i < cfg->n_domains; i++) {
		if (omitted != 0 || obj_new(&o) < 0) {
			omitted++;
			continue;
		}
		/* Each count scans the whole client table: lock per domain, not for all. */
		ctl_server_lock(srv);
		domain_fill(&o, srv, &cfg->domains[i]);
		ctl_server_unlock(srv);
		snprintf(key, sizeof(key), "%u", cfg->domains[i].id);
		omitted += !obj_add_within(&list, key, &o, TEL_BUDGET);
	}
	srv_release();
	obj_start(&top, d);
	obj_u64(&top, "shown", list.n);
	obj_u64(&top, "omitted", omitted);
	obj_add(&top, "domains", &list);
	return 0;
}

typedef const char *(*key_fn)(unsigned int i, char *buf, size_t cap);

/* Message-type slot names: slot 0 holds DATA. */
static const char *type_key(unsigned int i, char *buf, size_t cap)
{
	(void)buf, (void)cap;
	return i == 0 ? "DATA" : vam_type_name((uint8_t)i);
}

static const char *code_key(unsigned int i, char *buf, size_t cap)
{
	const char *name = vam_code_name((uint8_t)i);

	if (strcmp(name, "UNKNOWN") != 0)
		return name;
	snprintf(buf, cap, "code_%u", i);
	return buf;
}

/* Counters v[first..n) as a dict under name: all of them, or the non-zero ones. */
static void add_counters(struct tel_obj *o, const char *name, const uint64_t *v,
			 unsigned int first, unsigned int n, bool all, key_fn key)
{
	struct tel_obj c;
	char buf[32];
	unsigned int i;

	if (obj_new(&c) < 0)
		return;
	for (i = first; i < n; i++)
		if (all || v[i] != 0)
			obj_u64(&c, key(i, buf, sizeof(buf)), v[i]);
	obj_add(o, name, &c);
}

static void stats_global(struct tel_obj *o, const struct ctl_stats *st)
{
	obj_u64(o, "rx_datagrams", st->rx_datagrams);
	add_counters(o, "drops", st->drops, VAM_OK + 1, VAM_DROP_MAX, true, drop_key);
	obj_u64(o, "aaa_submitted", st->aaa_submitted);
	obj_u64(o, "aaa_accepted", st->aaa_accepted);
	obj_u64(o, "aaa_rejected", st->aaa_rejected);
	obj_u64(o, "aaa_unavailable", st->aaa_unavailable);
	obj_u64(o, "aaa_late", st->aaa_late);
	obj_u64(o, "acct_sent", st->acct_sent);
	obj_u64(o, "acct_dropped", st->acct_dropped);
	obj_u64(o, "hub_info_sent", st->hub_info_sent);
	obj_u64(o, "hub_info_resent", st->hub_info_resent);
}

/* Per domain: the maps hold non-zero counters only; the event counters always. */
static void stats_domain(struct tel_obj *o, const struct ctl_domain_stats *ds)
{
	add_counters(o, "rx", ds->rx, 0, CTL_TYPE_SLOTS, false, type_key);
	add_counters(o, "tx", ds->tx, 0, CTL_TYPE_SLOTS, false, type_key);
	add_counters(o, "drops", ds->drops, VAM_OK + 1, VAM_DROP_MAX, false, drop_key);
	add_counters(o, "codes", ds->codes, 0, sizeof(ds->codes) / sizeof(ds->codes[0]), false,
		     code_key);
	obj_u64(o, "online", ds->online);
	obj_u64(o, "offline", ds->offline);
	obj_u64(o, "replaced", ds->replaced);
	obj_u64(o, "auth_failed", ds->auth_failed);
	obj_u64(o, "aged_out", ds->aged_out);
}

/* Domains by id (only the one given, if not 0), as many as fit. */
static void stats_domains(struct tel_obj *top, const struct ctl_stats *st, const uint16_t *ids,
			  unsigned int n, uint16_t only)
{
	unsigned int i, omitted = 0;
	struct tel_obj list, o;
	char key[8];

	if (obj_new(&list) < 0)
		return;
	for (i = 0; i < n; i++) {
		if (only != 0 && ids[i] != only)
			continue;
		if (omitted != 0 || obj_new(&o) < 0) {
			omitted++;
			continue;
		}
		stats_domain(&o, &st->dom[i]);
		snprintf(key, sizeof(key), "%u", ids[i]);
		omitted += !obj_add_within(&list, key, &o, TEL_BUDGET - top->len);
	}
	obj_u64(top, "domains_omitted", omitted);
	obj_add(top, "domains", &list);
}

static int tel_stats(const char *cmd, const char *params, struct rte_tel_data *d)
{
	uint16_t ids[CTL_MAX_DOMAINS], only = 0;
	const struct ctl_config *cfg;
	struct ctl_server *srv;
	struct ctl_stats *st;
	struct tel_obj top;
	unsigned int i, n;
	bool found = false;

	(void)cmd;
	if (has_params(params) && parse_domain(params, &only) < 0)
		return -EINVAL;
	st = malloc(sizeof(*st));
	if (st == NULL)
		return -ENOMEM;
	srv = srv_hold();
	if (srv == NULL) {
		free(st);
		return -ENODEV;
	}
	ctl_server_lock(srv);
	cfg = ctl_server_config(srv);
	n = cfg->n_domains;
	for (i = 0; i < n; i++) {
		ids[i] = cfg->domains[i].id;
		found |= ids[i] == only;
	}
	memcpy(st, ctl_server_stats(srv), sizeof(*st));	/* format outside the lock */
	ctl_server_unlock(srv);
	srv_release();
	if (only != 0 && !found) {
		free(st);
		return -EINVAL;
	}
	obj_start(&top, d);
	stats_global(&top, st);
	stats_domains(&top, st, ids, n, only);
	free(st);
	return 0;
}

static const struct {
	const char *cmd;
	telemetry_cb fn;
	const char *help;
} tel_cmds[] = {
	{ "/vam/domains", tel_domains,
	  "VAM domains: settings and clients by state. No parameters" },
	{ "/vam/clients", tel_clients,
	  "Registered and online clients of a VAM domain. Parameters: domain id" },
	{ "/vam/client", tel_client,
	  "One VAM client. Parameters: domain id, private address (a.b.c.d)" },
	{ "/vam/stats", tel_stats,
	  "VAM control counters, global and per domain. Parameters: [domain id]" },
};

int ctl_telemetry_register(struct ctl_server *srv)
{
	unsigned int i;
	int rc = 0;

	pthread_mutex_lock(&tel_mutex);
	tel_srv = srv;
	for (i = 0; srv != NULL && rc == 0 && i < sizeof(tel_cmds) / sizeof(tel_cmds[0]); i++) {
		if (tel_registered & (1u << i))
			continue;
		rc = rte_telemetry_register_cmd(tel_cmds[i].cmd, tel_cmds[i].fn, tel_cmds[i].help);
		if (rc == 0)
			tel_registered |= 1u << i;
	}
	pthread_mutex_unlock(&tel_mutex);
	return rc;
}
