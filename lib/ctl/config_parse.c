/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The configuration loader's parsing half: located messages, the value
 * parsers (numbers, addresses, prefixes, ranges, hex, lists, algorithm and
 * other names) and pass 1, the syntax pass. config.c drives the load and
 * owns the sections; config_priv.h is what the two share.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_priv.h"

/* rte_cfgfile reads a line into CFG_NAME_LEN + CFG_VALUE_LEN + 4 bytes with fgets. */
#define LINE_MAX_CHARS	(CFG_NAME_LEN + CFG_VALUE_LEN + 2)

/* ---- messages ---- */

/* "PATH:LINE: ", "PATH:[SECTION]:KEY: ", "PATH:[SECTION]: " or "PATH: ", then the message. */
static void vmsg(const struct ldr *l, char *out, size_t len, const char *fmt, va_list ap)
{
	int n;

	if (l->line)
		n = snprintf(out, len, "%s:%u: ", l->path, l->line);
	else if (l->sec[0] && l->key)
		n = snprintf(out, len, "%s:[%s]:%s: ", l->path, l->sec, l->key);
	else if (l->sec[0])
		n = snprintf(out, len, "%s:[%s]: ", l->path, l->sec);
	else
		n = snprintf(out, len, "%s: ", l->path);
	if (n >= 0 && (size_t)n < len)
		vsnprintf(out + n, len - n, fmt, ap);
	for (; *out; out++)	/* one line, whatever the file holds */
		if (iscntrl((unsigned char)*out))
			*out = '?';
}

int ctl_cfg_fail(struct ldr *l, const char *fmt, ...)
{
	va_list ap;

	if (l->err == NULL || l->errlen == 0)
		return -1;
	va_start(ap, fmt);
	vmsg(l, l->err, l->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* A warning line appended to cfg->warnings (cut short when full). */
void ctl_cfg_warn(struct ldr *l, const char *fmt, ...)
{
	char *w = l->cfg->warnings;
	size_t used = strlen(w);
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vmsg(l, line, sizeof(line), fmt, ap);
	va_end(ap);
	snprintf(w + used, sizeof(l->cfg->warnings) - used, "%s\n", line);
}

const char *ctl_cfg_ipstr(uint32_t a, char buf[INET_ADDRSTRLEN])
{
	struct in_addr in = { .s_addr = htonl(a) };

	return inet_ntop(AF_INET, &in, buf, INET_ADDRSTRLEN);
}

static char *trim(char *s)
{
	char *e = s + strlen(s);

	while (isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* ---- values ---- */

int ctl_cfg_parse_num(struct ldr *l, const char *s, uint32_t min, uint32_t max, bool hex,
		      uint32_t *out)
{
	const char *p = s;
	unsigned long long x;
	int base = 10;
	char *end;

	if (hex && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (base == 16 ? !isxdigit((unsigned char)*p) : !isdigit((unsigned char)*p))
		return ctl_cfg_fail(l, "\"%s\" is not a number", s);
	errno = 0;
	x = strtoull(p, &end, base);
	if (*end)
		return ctl_cfg_fail(l, "\"%s\": trailing characters after the number", s);
	if (errno == ERANGE || x < min || x > max)
		return ctl_cfg_fail(l, "%s is out of range %" PRIu32 "..%" PRIu32, s, min, max);
	*out = (uint32_t)x;
	return 0;
}

int ctl_cfg_parse_bool(struct ldr *l, const char *s, bool *out)
{
	if (strcmp(s, "yes") == 0 || strcmp(s, "no") == 0) {
		*out = s[0] == 'y';
		return 0;
	}
	return ctl_cfg_fail(l, "\"%s\": expected yes or no", s);
}

static int parse_ip(struct ldr *l, const char *s, uint32_t *out)
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1)
		return ctl_cfg_fail(l, "\"%s\" is not an IPv4 address a.b.c.d", s);
	*out = ntohl(a.s_addr);
	return 0;
}

/* An address a host can have: not 0.0.0.0, broadcast or multicast. */
int ctl_cfg_host_ip(struct ldr *l, const char *s, uint32_t *out)
{
	if (parse_ip(l, s, out) < 0)
		return -1;
	if (*out == 0 || *out == UINT32_MAX || (*out >> 28) == 0xe)
		return ctl_cfg_fail(l, "%s is not a unicast host address", s);
	return 0;
}

/* "a.b.c.d/n" with the host bits zero. */
static int parse_prefix(struct ldr *l, const char *s, uint32_t *addr, uint8_t *len)
{
	const char *slash = strchr(s, '/');
	char ip[INET_ADDRSTRLEN], net[INET_ADDRSTRLEN];
	uint32_t n, mask;

	if (slash == NULL || (size_t)(slash - s) >= sizeof(ip))
		return ctl_cfg_fail(l, "\"%s\" is not a prefix a.b.c.d/n", s);
	snprintf(ip, sizeof(ip), "%.*s", (int)(slash - s), s);
	if (parse_ip(l, ip, addr) < 0 || ctl_cfg_parse_num(l, slash + 1, 0, 32, false, &n) < 0)
		return -1;
	mask = n ? UINT32_MAX << (32 - n) : 0;
	if (*addr & ~mask)
		return ctl_cfg_fail(l, "host bits set in %s (the network is %s/%" PRIu32 ")", s,
				    ctl_cfg_ipstr(*addr & mask, net), n);
	*len = (uint8_t)n;
	return 0;
}

/* "a.b.c.d/n" or "a.b.c.d-e.f.g.h" as an inclusive range. */
static int parse_range(struct ldr *l, char *s, struct ctl_range *r)
{
	char *dash = strchr(s, '-');
	char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];
	uint8_t len;

	if (dash) {
		*dash = '\0';
		if (parse_ip(l, trim(s), &r->first) < 0 ||
		    parse_ip(l, trim(dash + 1), &r->last) < 0)
			return -1;
		if (r->first > r->last)
			return ctl_cfg_fail(l, "range %s-%s ends before it starts",
					    ctl_cfg_ipstr(r->first, a), ctl_cfg_ipstr(r->last, b));
		return 0;
	}
	if (strchr(s, '/') == NULL)
		return ctl_cfg_fail(l, "\"%s\" is neither a prefix a.b.c.d/n nor a range "
				    "a.b.c.d-e.f.g.h", s);
	if (parse_prefix(l, s, &r->first, &len) < 0)
		return -1;
	r->last = r->first | (len ? ~(UINT32_MAX << (32 - len)) : UINT32_MAX);
	return 0;
}

static int hexval(char c)
{
	return isdigit((unsigned char)c) ? c - '0' : tolower((unsigned char)c) - 'a' + 10;
}

int ctl_cfg_parse_hex(struct ldr *l, const char *s, uint8_t *out, size_t cap, size_t *len)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return ctl_cfg_fail(l, "'%c' is not a hex digit", s[i]);
	if (n % 2)
		return ctl_cfg_fail(l, "odd number of hex digits (%zu)", n);
	if (n / 2 > cap)
		return ctl_cfg_fail(l, "%zu octets, at most %zu", n / 2, cap);
	for (size_t i = 0; i < n / 2; i++)
		out[i] = (uint8_t)(hexval(s[2 * i]) << 4 | hexval(s[2 * i + 1]));
	*len = n / 2;
	return 0;
}

/* Calls fn for each comma-separated, trimmed item; empty items are errors. */
int ctl_cfg_each_item(struct ldr *l, void *obj, const char *v, item_fn fn)
{
	char buf[CFG_VALUE_LEN];
	char *s = buf;

	snprintf(buf, sizeof(buf), "%s", v);
	for (;;) {
		char *comma = strchr(s, ',');
		char *item;

		if (comma)
			*comma = '\0';
		item = trim(s);
		if (*item == '\0')
			return ctl_cfg_fail(l, "empty item in the list");
		if (fn(l, obj, item) < 0)
			return -1;
		if (comma == NULL)
			return 0;
		s = comma + 1;
	}
}

/* ---- list items ---- */

static int alg_add(struct ldr *l, struct vam_alg_list *list, uint16_t id, const char *name)
{
	for (unsigned int i = 0; i < list->n; i++)
		if (list->id[i] == id)
			return ctl_cfg_fail(l, "\"%s\" listed twice", name);
	if (list->n == ARRAY_SIZE(list->id))
		return ctl_cfg_fail(l, "more than %zu algorithms", ARRAY_SIZE(list->id));
	list->id[list->n++] = id;
	return 0;
}

int ctl_cfg_item_enc(struct ldr *l, void *obj, char *item)
{
	const struct vam_enc_info *e = vam_enc_by_name(item);

	if (e == NULL)
		return ctl_cfg_fail(l, "unknown encryption algorithm \"%s\"", item);
	return alg_add(l, obj, e->id, item);
}

int ctl_cfg_item_integ(struct ldr *l, void *obj, char *item)
{
	const struct vam_integ_info *g = vam_integ_by_name(item);

	if (g == NULL)
		return ctl_cfg_fail(l, "unknown integrity algorithm \"%s\"", item);
	return alg_add(l, obj, g->id, item);
}

int ctl_cfg_item_lan_route(struct ldr *l, void *obj, char *item)
{
	struct ctl_config *c = obj;
	struct ctl_prefix *p;

	if (c->n_lan_routes == CTL_MAX_PREFIXES)
		return ctl_cfg_fail(l, "more than %d prefixes", CTL_MAX_PREFIXES);
	p = &c->lan_routes[c->n_lan_routes];
	if (parse_prefix(l, item, &p->addr, &p->len) < 0)
		return -1;
	c->n_lan_routes++;
	return 0;
}

int ctl_cfg_item_hub(struct ldr *l, void *obj, char *item)
{
	struct ctl_domain_cfg *d = obj;
	uint32_t a;

	if (d->n_hubs == CTL_MAX_HUB_ADDRS)
		return ctl_cfg_fail(l, "more than %d hub addresses", CTL_MAX_HUB_ADDRS);
	if (ctl_cfg_host_ip(l, item, &a) < 0)
		return -1;
	for (unsigned int i = 0; i < d->n_hubs; i++)
		if (d->hubs[i] == a)
			return ctl_cfg_fail(l, "%s listed twice", item);
	d->hubs[d->n_hubs++] = a;
	return 0;
}

int ctl_cfg_item_spoke(struct ldr *l, void *obj, char *item)
{
	struct ctl_domain_cfg *d = obj;

	if (d->n_spokes == CTL_MAX_PREFIXES)
		return ctl_cfg_fail(l, "more than %d spoke ranges", CTL_MAX_PREFIXES);
	if (parse_range(l, item, &d->spokes[d->n_spokes]) < 0)
		return -1;
	d->n_spokes++;
	return 0;
}

static int auth_range(struct ldr *l, struct ctl_range *r, unsigned int *n, char *item)
{
	if (*n == CTL_MAX_PREFIXES)
		return ctl_cfg_fail(l, "more than %d address ranges", CTL_MAX_PREFIXES);
	if (parse_range(l, item, &r[*n]) < 0)
		return -1;
	(*n)++;
	return 0;
}

int ctl_cfg_item_pap(struct ldr *l, void *obj, char *item)
{
	struct ctl_domain_cfg *d = obj;

	return auth_range(l, d->pap, &d->n_pap, item);
}

int ctl_cfg_item_chap(struct ldr *l, void *obj, char *item)
{
	struct ctl_domain_cfg *d = obj;

	return auth_range(l, d->chap, &d->n_chap, item);
}

/* ---- K_FN keys ---- */

int ctl_cfg_set_auth(struct ldr *l, void *obj, const char *v)
{
	static const char *const names[] = {
		[VAM_AUTH_NONE] = "none", [VAM_AUTH_PAP] = "pap", [VAM_AUTH_CHAP] = "chap",
	};
	struct ctl_domain_cfg *d = obj;

	for (uint8_t i = VAM_AUTH_NONE; i < ARRAY_SIZE(names); i++) {
		if (strcmp(v, names[i]) == 0) {
			d->auth = i;
			return 0;
		}
	}
	return ctl_cfg_fail(l, "\"%s\": expected none, pap or chap", v);
}

int ctl_cfg_set_aaa(struct ldr *l, void *obj, const char *v)
{
	struct ctl_domain_cfg *d = obj;

	if (strcmp(v, "local") == 0)
		d->aaa = CTL_AAA_LOCAL;
	else if (strcmp(v, "radius") == 0)
		d->aaa = CTL_AAA_RADIUS;
	else
		return ctl_cfg_fail(l, "\"%s\": expected local or radius", v);
	return 0;
}

int ctl_cfg_set_static_enc(struct ldr *l, void *obj, const char *v)
{
	struct ctl_static_cfg *s = obj;
	const struct vam_enc_info *e = vam_enc_by_name(v);

	if (e == NULL)
		return ctl_cfg_fail(l, "unknown encryption algorithm \"%s\" (give one name)", v);
	s->suite.enc = e->id;
	return 0;
}

int ctl_cfg_set_static_integ(struct ldr *l, void *obj, const char *v)
{
	struct ctl_static_cfg *s = obj;
	const struct vam_integ_info *g = vam_integ_by_name(v);

	if (g == NULL)
		return ctl_cfg_fail(l, "unknown integrity algorithm \"%s\" (give one name)", v);
	s->suite.integ = g->id;
	return 0;
}

int ctl_cfg_set_peer(struct ldr *l, void *obj, const char *v)
{
	struct ctl_static_cfg *s = obj;
	const char *colon = strrchr(v, ':');
	char ip[INET_ADDRSTRLEN];
	uint32_t port;

	if (colon == NULL || (size_t)(colon - v) >= sizeof(ip))
		return ctl_cfg_fail(l, "\"%s\" is not a.b.c.d:port", v);
	snprintf(ip, sizeof(ip), "%.*s", (int)(colon - v), v);
	if (ctl_cfg_host_ip(l, ip, &s->peer_addr) < 0 ||
	    ctl_cfg_parse_num(l, colon + 1, 1, 65535, false, &port))
		return -1;
	s->peer_port = (uint16_t)port;
	return 0;
}

/* ---- syntax pass ---- */

static void trim_span(const char **s, const char **e)
{
	while (*s < *e && isspace((unsigned char)**s))
		(*s)++;
	while (*e > *s && isspace((unsigned char)(*e)[-1]))
		(*e)--;
}

static int syntax_section(struct ldr *l, const char *s, const char *e)
{
	const char *close = memchr(s, ']', e - s);

	if (close == NULL)
		return ctl_cfg_fail(l, "no closing ']'");
	if (close != e - 1)
		return ctl_cfg_fail(l, "text after ']'");
	s++;
	e = close;
	trim_span(&s, &e);
	if (s == e)
		return ctl_cfg_fail(l, "empty section name");
	if (e - s >= CFG_NAME_LEN)
		return ctl_cfg_fail(l, "section name longer than %d characters", CFG_NAME_LEN - 1);
	snprintf(l->sec, sizeof(l->sec), "%.*s", (int)(e - s), s);
	return 0;
}

static int syntax_entry(struct ldr *l, const char *s, const char *e)
{
	const char *eq = memchr(s, '=', e - s);
	const char *ks = s, *ke = eq, *vs = eq + 1, *ve = e;
	size_t vlen;

	trim_span(&ks, &ke);
	if (ks == ke)
		return ctl_cfg_fail(l, "no key before '='");
	if (l->sec[0] == '\0')
		return ctl_cfg_fail(l, "KEY = VALUE before any [SECTION]");
	if (ke - ks >= CFG_NAME_LEN)
		return ctl_cfg_fail(l, "key longer than %d characters", CFG_NAME_LEN - 1);
	snprintf(l->keybuf, sizeof(l->keybuf), "%.*s", (int)(ke - ks), ks);
	trim_span(&vs, &ve);
	vlen = ve - vs;
	for (const char *p = vs; p + 1 < ve; p++)
		if (p[0] == '\\' && p[1] == ';')
			vlen--;		/* rte_cfgfile turns "\;" into ";" */
	l->line = 0;
	l->key = l->keybuf;
	if (vlen == 0)
		return ctl_cfg_fail(l, "empty value (leave the key out to get its default)");
	if (vlen >= CFG_VALUE_LEN)
		return ctl_cfg_fail(l, "value longer than %d characters", CFG_VALUE_LEN - 1);
	return 0;
}

/* The grammar of rte_cfgfile_load, stricter: what it would skip or cut is an error. */
static int syntax_line(struct ldr *l, const char *line, size_t n)
{
	const char *s = line, *e = line + n, *semi;

	if (n && e[-1] == '\n')
		e--;
	if (memchr(line, '\0', n))
		return ctl_cfg_fail(l, "NUL character");
	if (e - s > LINE_MAX_CHARS)
		return ctl_cfg_fail(l, "line longer than %d characters", LINE_MAX_CHARS);
	semi = memchr(s, ';', e - s);
	if (semi && (semi == s || semi[-1] != '\\'))
		e = semi;
	trim_span(&s, &e);
	if (s == e)
		return 0;
	if (*s == '[')
		return syntax_section(l, s, e);
	if (*s == '#')
		return ctl_cfg_fail(l, "'#' does not start a comment; use ';'");
	if (memchr(s, '=', e - s) == NULL)
		return ctl_cfg_fail(l, "expected [SECTION], KEY = VALUE or a ';' comment");
	return syntax_entry(l, s, e);
}

int ctl_cfg_syntax_pass(struct ldr *l)
{
	FILE *f = fopen(l->path, "r");
	char *line = NULL;
	size_t cap = 0;
	unsigned int no = 0;
	ssize_t n;
	int rc = 0;

	if (f == NULL)
		return ctl_cfg_fail(l, "cannot open: %s", strerror(errno));
	while (rc == 0 && (n = getline(&line, &cap, f)) > 0) {
		l->line = ++no;
		rc = syntax_line(l, line, (size_t)n);
	}
	if (rc == 0 && ferror(f)) {
		l->line = 0;
		l->sec[0] = '\0';
		rc = ctl_cfg_fail(l, "cannot read: %s", strerror(errno));
	}
	if (line)
		vam_wipe(line, cap);
	free(line);
	fclose(f);
	l->line = 0;
	l->sec[0] = '\0';
	l->key = NULL;
	return rc;
}
