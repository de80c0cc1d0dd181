/* SPDX-License-Identifier: BSD-3-Clause */
/* Attribute (TLV) bodies: splitting, per-attribute validation, encoding (spec 4, S-07..S-12). */
#ifndef VAM_TLV_H
#define VAM_TLV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vam_drop.h"

#define VAM_TLV_HDR_LEN	4
#define VAM_TLV_CRITICAL 0x8000	/* unknown type with this bit: malformed */

enum vam_attr_type {
	VAM_A_SENDER_ID = 1,
	VAM_A_NONCE = 2,
	VAM_A_KEX = 3,
	VAM_A_ENC_ALGS = 4,
	VAM_A_INTEG_ALGS = 5,
	VAM_A_ENC_ALG = 6,
	VAM_A_INTEG_ALG = 7,
	VAM_A_TRANSCRIPT = 9,
	VAM_A_CLIENT_NAME = 10,
	VAM_A_PRIVATE_ADDR = 11,
	VAM_A_PUBLIC_ADDR = 12,
	VAM_A_AUTH_METHOD = 13,
	VAM_A_CHAP_CHALLENGE = 14,
	VAM_A_NETWORKS = 15,
	VAM_A_USERNAME = 16,
	VAM_A_PASSWORD = 17,
	VAM_A_CHAP_RESPONSE = 18,
	VAM_A_KEEPALIVE = 19,
	VAM_A_CONNECTION_ID = 20,
	VAM_A_ROLE = 21,
	VAM_A_HUB = 22,
	VAM_A_TARGET = 24,
	VAM_A_NODE = 25,
	VAM_A_REASON = 26,
	VAM_A_OBSERVED_ADDR = 27,
	VAM_A_DATA_PORT = 28,
};
#define VAM_A_MAX 28

/* Value sizes and bounds. */
#define VAM_NONCE_LEN		32
#define VAM_KEX_LEN		34
#define VAM_KEX_X25519		29
#define VAM_X25519_LEN		32
#define VAM_TRANSCRIPT_LEN	32
#define VAM_CHAP_LEN		17	/* id || 16 bytes */
#define VAM_ALGS_MAX		16
#define VAM_NET_ENTRY_LEN	6
#define VAM_NETS_MAX		32
#define VAM_HUB_LEN		10
#define VAM_HUBS_MAX		64
#define VAM_NODE_LEN		12
#define VAM_NAME_MAX		64
#define VAM_USERNAME_MAX	253
#define VAM_PASSWORD_MAX	63
#define VAM_REASON_MAX		128

enum vam_auth { VAM_AUTH_NONE = 1, VAM_AUTH_PAP = 2, VAM_AUTH_CHAP = 3 };
enum vam_node_role { VAM_NODE_HUB = 1, VAM_NODE_SPOKE = 2 };

struct vam_attr {
	const uint8_t *val;	/* points into the parsed body */
	uint16_t len;
};

/*
 * A decoded body: a view into the caller's buffer, no allocation.
 * Known attributes are validated (S-10) wherever they appear; HUB is the only
 * repeatable one (at most VAM_HUBS_MAX).
 */
struct vam_attrs {
	uint32_t present;		/* bit t: attribute t was seen */
	struct vam_attr a[VAM_A_MAX + 1];
	uint8_t nhubs;
	const uint8_t *hub[VAM_HUBS_MAX];
};

/*
 * Split and validate a plaintext body. On VAM_DROP_MALFORMED, *why (if not
 * NULL) names the rule that failed, for logs.
 */
enum vam_drop vam_tlv_parse(const uint8_t *body, size_t len, struct vam_attrs *at,
			    const char **why);

static inline bool vam_has(const struct vam_attrs *at, unsigned int t)
{
	return t <= VAM_A_MAX && (at->present >> t & 1u);
}

uint8_t vam_attr_u8(const struct vam_attrs *at, unsigned int t);
uint16_t vam_attr_u16(const struct vam_attrs *at, unsigned int t);
uint32_t vam_attr_u32(const struct vam_attrs *at, unsigned int t);
/* An ENC_ALGS / INTEG_ALGS list into ids[VAM_ALGS_MAX]; returns the count. */
unsigned int vam_attr_algs(const struct vam_attrs *at, unsigned int t, uint16_t *ids);

/* Lenient first pass (S-34): the SENDER_ID of a body that splits into TLVs, 0 if none. */
uint32_t vam_tlv_find_sender_id(const uint8_t *body, size_t len);

/* An encoder over a caller buffer; errors are sticky and checked once at the end. */
struct vam_tlv_writer {
	uint8_t *buf;
	size_t cap;
	size_t len;
	bool overflow;
};

void vam_tlv_init(struct vam_tlv_writer *w, uint8_t *buf, size_t cap);
void vam_tlv_put(struct vam_tlv_writer *w, uint16_t type, const void *val, size_t len);
void vam_tlv_put_u8(struct vam_tlv_writer *w, uint16_t type, uint8_t v);
void vam_tlv_put_u16(struct vam_tlv_writer *w, uint16_t type, uint16_t v);
void vam_tlv_put_u32(struct vam_tlv_writer *w, uint16_t type, uint32_t v);
void vam_tlv_put_algs(struct vam_tlv_writer *w, uint16_t type, const uint16_t *ids, unsigned int n);
/* Body length, or -1 if anything did not fit. */
long vam_tlv_done(const struct vam_tlv_writer *w);

#endif
