/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include "vam_tlv.h"
#include "vam_wire.h"

/* Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, no NUL. */
static bool utf8_valid(const uint8_t *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint8_t c = s[i];
		size_t k;
		uint32_t cp;

		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			k = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			k = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			k = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (n - i <= k)
			return false;
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + j] & 0x3f);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += k + 1;
	}
	return true;
}

static bool networks_valid(const uint8_t *v, size_t n)
{
	if (n > VAM_NETS_MAX * VAM_NET_ENTRY_LEN || n % VAM_NET_ENTRY_LEN)
		return false;
	for (size_t i = 0; i < n; i += VAM_NET_ENTRY_LEN) {
		uint32_t addr = vam_get32(v + i);
		uint8_t plen = v[i + 4];

		if (plen > 32 || (plen < 32 && (addr & (UINT32_MAX >> plen))))
			return false;
		for (size_t j = 0; j < i; j += VAM_NET_ENTRY_LEN)
			if (memcmp(v + i, v + j, 5) == 0)
				return false;
	}
	return true;
}

static bool range(size_t n, size_t lo, size_t hi)
{
	return n >= lo && n <= hi;
}

/* The value rule of S-10 for known type t; false means malformed. */
static bool attr_valid(unsigned int t, const uint8_t *v, size_t n)
{
	switch (t) {
	case VAM_A_SENDER_ID:
		return n == 4 && vam_get32(v) != 0;
	case VAM_A_NONCE:
	case VAM_A_TRANSCRIPT:
		return n == 32;
	case VAM_A_KEX:
		return n == VAM_KEX_LEN && vam_get16(v) == VAM_KEX_X25519;
	case VAM_A_ENC_ALGS:
	case VAM_A_INTEG_ALGS:
		return range(n, 2, 2 * VAM_ALGS_MAX) && n % 2 == 0;
	case VAM_A_ENC_ALG:
	case VAM_A_INTEG_ALG:
		return n == 2;
	case VAM_A_CLIENT_NAME:
		return range(n, 1, VAM_NAME_MAX) && utf8_valid(v, n);
	case VAM_A_PRIVATE_ADDR:
	case VAM_A_TARGET:
		return n == 4;
	case VAM_A_PUBLIC_ADDR:
	case VAM_A_OBSERVED_ADDR:
		return n == 6;
	case VAM_A_AUTH_METHOD:
		return n == 1 && v[0] >= VAM_AUTH_NONE && v[0] <= VAM_AUTH_CHAP;
	case VAM_A_CHAP_CHALLENGE:
	case VAM_A_CHAP_RESPONSE:
		return n == 17;
	case VAM_A_NETWORKS:
		return networks_valid(v, n);
	case VAM_A_USERNAME:
		return range(n, 1, VAM_USERNAME_MAX);
	case VAM_A_PASSWORD:
		return range(n, 1, VAM_PASSWORD_MAX);
	case VAM_A_KEEPALIVE:
		return n == 3 && vam_get16(v) >= 1 && v[2] >= 1 && v[2] <= 6;
	case VAM_A_CONNECTION_ID:
		return n == 12 && vam_get16(v + 4) != 0 && vam_get16(v + 6) == 1;
	case VAM_A_ROLE:
		return n == 1 && (v[0] == VAM_NODE_HUB || v[0] == VAM_NODE_SPOKE);
	case VAM_A_HUB:
		return n == VAM_HUB_LEN;
	case VAM_A_NODE:
		return n == VAM_NODE_LEN && (v[10] == VAM_NODE_HUB || v[10] == VAM_NODE_SPOKE) &&
		       v[11] <= 1;
	case VAM_A_REASON:
		return n <= VAM_REASON_MAX;
	case VAM_A_DATA_PORT:
		return n == 2 && vam_get16(v) != 0;
	default:
		return true;
	}
}

static bool attr_known(unsigned int t)
{
	return t >= VAM_A_SENDER_ID && t <= VAM_A_MAX && t != 8 && t != 23;
}

enum vam_drop vam_tlv_parse(const uint8_t *body, size_t len, struct vam_attrs *at,
			    const char **why)
{
	const char *dummy;
	size_t off = 0;

	if (why == NULL)
		why = &dummy;
	at->present = 0;
	at->nhubs = 0;
	while (off < len) {
		unsigned int t;
		size_t n;

		if (len - off < VAM_TLV_HDR_LEN) {
			*why = "stray bytes after the last attribute";
			return VAM_DROP_MALFORMED;
		}
		t = vam_get16(body + off);
		n = vam_get16(body + off + 2);
		off += VAM_TLV_HDR_LEN;
		if (n > len - off) {
			*why = "attribute runs past the end";
			return VAM_DROP_MALFORMED;
		}
		if (!attr_known(t)) {
			if (t & VAM_TLV_CRITICAL) {
				*why = "unknown critical attribute";
				return VAM_DROP_MALFORMED;
			}
			off += n;
			continue;
		}
		if (!attr_valid(t, body + off, n)) {
			*why = "attribute length or value out of range";
			return VAM_DROP_MALFORMED;
		}
		if (t == VAM_A_HUB) {
			if (at->nhubs == VAM_HUBS_MAX) {
				*why = "more than 64 HUB attributes";
				return VAM_DROP_MALFORMED;
			}
			at->hub[at->nhubs++] = body + off;
		} else if (vam_has(at, t)) {
			*why = "non-repeatable attribute repeated";
			return VAM_DROP_MALFORMED;
		}
		at->present |= 1u << t;
		at->a[t].val = body + off;
		at->a[t].len = (uint16_t)n;
		off += n;
	}
	return VAM_OK;
}

uint8_t vam_attr_u8(const struct vam_attrs *at, unsigned int t)
{
	return vam_has(at, t) && at->a[t].len >= 1 ? at->a[t].val[0] : 0;
}

uint16_t vam_attr_u16(const struct vam_attrs *at, unsigned int t)
{
	return vam_has(at, t) && at->a[t].len >= 2 ? vam_get16(at->a[t].val) : 0;
}

uint32_t vam_attr_u32(const struct vam_attrs *at, unsigned int t)
{
	return vam_has(at, t) && at->a[t].len >= 4 ? vam_get32(at->a[t].val) : 0;
}

unsigned int vam_attr_algs(const struct vam_attrs *at, unsigned int t, uint16_t *ids)
{
	unsigned int n;

	if (!vam_has(at, t))
		return 0;
	n = at->a[t].len / 2;
	if (n > VAM_ALGS_MAX)
		n = VAM_ALGS_MAX;
	for (unsigned int i = 0; i < n; i++)
		ids[i] = vam_get16(at->a[t].val + 2 * i);
	return n;
}

uint32_t vam_tlv_find_sender_id(const uint8_t *body, size_t len)
{
	uint32_t id = 0;
	size_t off = 0;

	while (off < len) {
		size_t n;

		if (len - off < VAM_TLV_HDR_LEN)
			return 0;
		n = vam_get16(body + off + 2);
		if (n > len - off - VAM_TLV_HDR_LEN)
			return 0;
		if (vam_get16(body + off) == VAM_A_SENDER_ID && n == 4 && id == 0)
			id = vam_get32(body + off + VAM_TLV_HDR_LEN);
		off += VAM_TLV_HDR_LEN + n;
	}
	return id;
}

void vam_tlv_init(struct vam_tlv_writer *w, uint8_t *buf, size_t cap)
{
	w->buf = buf;
	w->cap = cap;
	w->len = 0;
	w->overflow = false;
}

void vam_tlv_put(struct vam_tlv_writer *w, uint16_t type, const void *val, size_t len)
{
	if (w->overflow || len > UINT16_MAX || w->cap - w->len < VAM_TLV_HDR_LEN + len) {
		w->overflow = true;
		return;
	}
	vam_put16(w->buf + w->len, type);
	vam_put16(w->buf + w->len + 2, (uint16_t)len);
	if (len)
		memcpy(w->buf + w->len + VAM_TLV_HDR_LEN, val, len);
	w->len += VAM_TLV_HDR_LEN + len;
}

void vam_tlv_put_u8(struct vam_tlv_writer *w, uint16_t type, uint8_t v)
{
	vam_tlv_put(w, type, &v, 1);
}

void vam_tlv_put_u16(struct vam_tlv_writer *w, uint16_t type, uint16_t v)
{
	uint8_t b[2];

	vam_put16(b, v);
	vam_tlv_put(w, type, b, sizeof(b));
}

void vam_tlv_put_u32(struct vam_tlv_writer *w, uint16_t type, uint32_t v)
{
	uint8_t b[4];

	vam_put32(b, v);
	vam_tlv_put(w, type, b, sizeof(b));
}

void vam_tlv_put_algs(struct vam_tlv_writer *w, uint16_t type, const uint16_t *ids, unsigned int n)
{
	uint8_t b[2 * VAM_ALGS_MAX];

	if (n == 0 || n > VAM_ALGS_MAX) {
		w->overflow = true;
		return;
	}
	for (unsigned int i = 0; i < n; i++)
		vam_put16(b + 2 * i, ids[i]);
	vam_tlv_put(w, type, b, 2 * n);
}

long vam_tlv_done(const struct vam_tlv_writer *w)
{
	return w->overflow ? -1 : (long)w->len;
}
