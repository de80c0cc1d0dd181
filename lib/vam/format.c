/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdarg.h>
#include <stdio.h>

#include "vam_format.h"
#include "vam_suite.h"
#include "vam_wire.h"

static const char *const attr_names[VAM_A_MAX + 1] = {
	[VAM_A_SENDER_ID] = "SENDER_ID",	   [VAM_A_NONCE] = "NONCE",
	[VAM_A_KEX] = "KEX",			   [VAM_A_ENC_ALGS] = "ENC_ALGS",
	[VAM_A_INTEG_ALGS] = "INTEG_ALGS",	   [VAM_A_ENC_ALG] = "ENC_ALG",
	[VAM_A_INTEG_ALG] = "INTEG_ALG",	   [VAM_A_TRANSCRIPT] = "TRANSCRIPT",
	[VAM_A_CLIENT_NAME] = "CLIENT_NAME",	   [VAM_A_PRIVATE_ADDR] = "PRIVATE_ADDR",
	[VAM_A_PUBLIC_ADDR] = "PUBLIC_ADDR",	   [VAM_A_AUTH_METHOD] = "AUTH_METHOD",
	[VAM_A_CHAP_CHALLENGE] = "CHAP_CHALLENGE", [VAM_A_NETWORKS] = "NETWORKS",
	[VAM_A_USERNAME] = "USERNAME",		   [VAM_A_PASSWORD] = "PASSWORD",
	[VAM_A_CHAP_RESPONSE] = "CHAP_RESPONSE",   [VAM_A_KEEPALIVE] = "KEEPALIVE",
	[VAM_A_CONNECTION_ID] = "CONNECTION_ID",   [VAM_A_ROLE] = "ROLE",
	[VAM_A_HUB] = "HUB",			   [VAM_A_TARGET] = "TARGET",
	[VAM_A_NODE] = "NODE",			   [VAM_A_REASON] = "REASON",
	[VAM_A_OBSERVED_ADDR] = "OBSERVED_ADDR",   [VAM_A_DATA_PORT] = "DATA_PORT",
};

const char *vam_attr_name(unsigned int type)
{
	if (type <= VAM_A_MAX && attr_names[type] != NULL)
		return attr_names[type];
	return "ATTR_UNKNOWN";
}

const char *vam_format_ipv4(uint32_t a, char *buf)
{
	snprintf(buf, 16, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
	return buf;
}

struct out {
	char *buf;
	size_t cap, len;
};

static void emit(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void emit(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->len + 1 >= o->cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len = o->len + (size_t)n < o->cap ? o->len + (size_t)n : o->cap - 1;
}

static void emit_hex(struct out *o, const uint8_t *v, size_t n)
{
	size_t shown = n > 8 ? 8 : n;

	for (size_t i = 0; i < shown; i++)
		emit(o, "%02x", v[i]);
	if (shown < n)
		emit(o, "..(%zu)", n);
}

static void emit_text(struct out *o, const uint8_t *v, size_t n)
{
	emit(o, "\"");
	for (size_t i = 0; i < n; i++)
		emit(o, v[i] >= 0x20 && v[i] < 0x7f && v[i] != '"' && v[i] != '\\' ? "%c" : "\\x%02x",
		     v[i]);
	emit(o, "\"");
}

static void emit_addr_port(struct out *o, const uint8_t *v)
{
	char ip[16];

	emit(o, "%s:%u", vam_format_ipv4(vam_get32(v), ip), vam_get16(v + 4));
}

static void emit_algs(struct out *o, const struct vam_attr *a, bool enc)
{
	for (size_t i = 0; i + 1 < a->len; i += 2) {
		uint16_t id = vam_get16(a->val + i);
		const char *name = enc ? (vam_enc_info(id) ? vam_enc_info(id)->name : NULL)
				       : (vam_integ_info(id) ? vam_integ_info(id)->name : NULL);

		emit(o, i ? "," : "[");
		if (name)
			emit(o, "%s", name);
		else
			emit(o, "%u", id);
	}
	emit(o, "]");
}

static void emit_value(struct out *o, unsigned int t, const struct vam_attr *a)
{
	char ip[16], ip2[16];
	const uint8_t *v = a->val;

	switch (t) {
	case VAM_A_SENDER_ID:
		emit(o, "0x%08x", vam_get32(v));
		break;
	case VAM_A_ENC_ALGS:
	case VAM_A_INTEG_ALGS:
		emit_algs(o, a, t == VAM_A_ENC_ALGS);
		break;
	case VAM_A_ENC_ALG:
	case VAM_A_INTEG_ALG:
		emit_algs(o, a, t == VAM_A_ENC_ALG);
		break;
	case VAM_A_CLIENT_NAME:
	case VAM_A_USERNAME:
	case VAM_A_REASON:
		emit_text(o, v, a->len);
		break;
	case VAM_A_PASSWORD:
		emit(o, "(%u bytes)", a->len);
		break;
	case VAM_A_PRIVATE_ADDR:
	case VAM_A_TARGET:
		emit(o, "%s", vam_format_ipv4(vam_get32(v), ip));
		break;
	case VAM_A_PUBLIC_ADDR:
	case VAM_A_OBSERVED_ADDR:
		emit_addr_port(o, v);
		break;
	case VAM_A_AUTH_METHOD:
		emit(o, "%s", v[0] == VAM_AUTH_CHAP ? "chap" : v[0] == VAM_AUTH_PAP ? "pap" : "none");
		break;
	case VAM_A_KEEPALIVE:
		emit(o, "%us/%u", vam_get16(v), v[2]);
		break;
	case VAM_A_ROLE:
		emit(o, "%s", v[0] == VAM_NODE_HUB ? "hub" : "spoke");
		break;
	case VAM_A_DATA_PORT:
		emit(o, "%u", vam_get16(v));
		break;
	case VAM_A_NODE:
		emit(o, "%s@%s:%u/%s%s", vam_format_ipv4(vam_get32(v), ip),
		     vam_format_ipv4(vam_get32(v + 4), ip2), vam_get16(v + 8),
		     v[10] == VAM_NODE_HUB ? "hub" : "spoke", v[11] ? "/nat" : "");
		break;
	case VAM_A_NETWORKS:
		emit(o, "[");
		for (size_t i = 0; i + 6 <= a->len; i += 6)
			emit(o, "%s%s/%u", i ? "," : "", vam_format_ipv4(vam_get32(v + i), ip),
			     v[i + 4]);
		emit(o, "]");
		break;
	default:
		emit_hex(o, v, a->len);
		break;
	}
}

size_t vam_format_attrs(const struct vam_attrs *at, char *buf, size_t cap)
{
	struct out o = { buf, cap, 0 };
	char ip[16], ip2[16];

	if (cap == 0)
		return 0;
	buf[0] = 0;
	for (unsigned int t = 1; t <= VAM_A_MAX; t++) {
		if (!vam_has(at, t) || t == VAM_A_HUB)
			continue;
		emit(&o, "%s%s=", o.len ? " " : "", vam_attr_name(t));
		emit_value(&o, t, &at->a[t]);
	}
	for (unsigned int i = 0; i < at->nhubs; i++) {
		const uint8_t *h = at->hub[i];

		emit(&o, "%sHUB=%s@%s:%u", o.len ? " " : "", vam_format_ipv4(vam_get32(h), ip),
		     vam_format_ipv4(vam_get32(h + 4), ip2), vam_get16(h + 8));
	}
	return o.len;
}
