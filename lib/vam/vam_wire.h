/* SPDX-License-Identifier: BSD-3-Clause */
/* The 16-byte VAM header, message types, codes and the header checks (spec 3, 5, 8). */
#ifndef VAM_WIRE_H
#define VAM_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <endian.h>
#include <stdint.h>
#include <string.h>

#include "vam_drop.h"

#define VAM_VERSION	1
#define VAM_HDR_LEN	16
#define VAM_CTRL_MAX	2048	/* UDP payload limit, control port (S-01) */
#define VAM_DATA_MAX	9216	/* UDP payload limit, data port (S-01) */
#define VAM_PORT_CTRL	18000
#define VAM_PORT_DATA	18001

#define VAM_F_E		0x01	/* body encrypted */
#define VAM_F_A		0x02	/* integrity value present */
#define VAM_F_MASK	(VAM_F_E | VAM_F_A)

#define VAM_SEQ_MAX	(UINT64_C(1) << 63)	/* first seq never sent */
#define VAM_DOMAIN_MAX	65535

enum vam_type {
	VAM_INIT_REQ = 1,
	VAM_INIT_RESP = 2,
	VAM_INIT_DONE_C = 3,
	VAM_INIT_DONE_S = 4,
	VAM_REG_REQ = 5,
	VAM_AUTH_REQ = 6,
	VAM_AUTH_INFO = 7,
	VAM_REG_RESP = 8,
	VAM_RESOLVE_REQ = 9,
	VAM_RESOLVE_RESP = 10,
	VAM_HUB_INFO = 11,
	VAM_HUB_INFO_ACK = 12,
	VAM_KEEPALIVE = 13,
	VAM_KEEPALIVE_ACK = 14,
	VAM_NET_REG_REQ = 15,
	VAM_NET_REG_RESP = 16,
	VAM_LOGOUT_REQ = 17,
	VAM_LOGOUT_RESP = 18,
	VAM_ERROR_NOTIFY = 19,
	VAM_DATA = 32,
};
#define VAM_CTRL_TYPE_MAX 19

enum vam_code {
	VAM_CODE_OK = 0,
	VAM_CODE_NO_PROPOSAL = 1,
	VAM_CODE_AUTH_FAILED = 2,
	VAM_CODE_AUTH_METHOD = 3,
	VAM_CODE_NOT_IN_DOMAIN = 4,
	VAM_CODE_CAPACITY = 5,
	VAM_CODE_AAA_UNAVAILABLE = 6,
	VAM_CODE_INVALID = 7,
	VAM_CODE_NOT_FOUND = 8,
	VAM_CODE_CONFLICT = 9,
	VAM_CODE_ADMIN_RESET = 10,
	VAM_CODE_SHUTDOWN = 11,
};

/* Which port a datagram arrived on, and who receives it. */
enum vam_chan { VAM_CHAN_CTRL = 0, VAM_CHAN_DATA = 1 };
enum vam_side { VAM_SIDE_SERVER = 0, VAM_SIDE_CLIENT = 1 };

struct vam_hdr {
	uint8_t ver;
	uint8_t type;
	uint8_t flags;
	uint8_t code;
	uint32_t id;
	uint64_t seq;
};

void vam_hdr_encode(const struct vam_hdr *h, uint8_t out[VAM_HDR_LEN]);
void vam_hdr_decode(const uint8_t in[VAM_HDR_LEN], struct vam_hdr *h);

/*
 * Checks 1..3 of S-29, which need no session: size, version, reserved flag
 * bits, and whether the type may arrive on this port from the peer's side.
 * On VAM_OK, *h holds the decoded header.
 */
enum vam_drop vam_hdr_check(const uint8_t *dgram, size_t len, enum vam_chan chan,
			    enum vam_side receiver, struct vam_hdr *h);

/* True for the message types sent client to server (DATA both ways). */
bool vam_type_is_c2s(uint8_t type);
/* True for requests, which carry code 0 (S-05). */
bool vam_type_is_request(uint8_t type);
/* The response type that answers a request, 0 if none (S-05). */
uint8_t vam_response_type(uint8_t request);
/* Whether code is allowed in response type `type` (S-05). */
bool vam_code_allowed(uint8_t type, uint8_t code);

const char *vam_type_name(uint8_t type);
const char *vam_code_name(uint8_t code);

/* Big-endian helpers: unaligned loads the compiler turns into movbe / bswap. */
static inline uint16_t vam_get16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return be16toh(v);
}

static inline uint32_t vam_get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return be32toh(v);
}

static inline uint64_t vam_get64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return be64toh(v);
}

/* Stores likewise: a byte swap and one store (byte by byte, GCC 12 emits up to four stores). */
static inline void vam_put16(uint8_t *p, uint16_t v)
{
	v = htobe16(v);
	memcpy(p, &v, sizeof(v));
}

static inline void vam_put32(uint8_t *p, uint32_t v)
{
	v = htobe32(v);
	memcpy(p, &v, sizeof(v));
}

static inline void vam_put64(uint8_t *p, uint64_t v)
{
	v = htobe64(v);
	memcpy(p, &v, sizeof(v));
}

/* vam_hdr_decode, inline. */
static inline void vam_hdr_load(const uint8_t in[VAM_HDR_LEN], struct vam_hdr *h)
{
	h->ver = in[0];
	h->type = in[1];
	h->flags = in[2];
	h->code = in[3];
	h->id = vam_get32(in + 4);
	h->seq = vam_get64(in + 8);
}

/* vam_hdr_check's checks up to the type, for a port whose datagrams are at most max bytes. */
static inline enum vam_drop vam_hdr_check_base(const uint8_t *dgram, size_t len, size_t max,
					       struct vam_hdr *h)
{
	if (len > max)
		return VAM_DROP_TOO_LONG;
	if (len < VAM_HDR_LEN)
		return VAM_DROP_SHORT;
	vam_hdr_load(dgram, h);
	if (h->ver != VAM_VERSION)
		return VAM_DROP_BAD_VERSION;
	if (h->flags & ~VAM_F_MASK)
		return VAM_DROP_BAD_FLAGS;
	return VAM_OK;
}

/* vam_hdr_check on the data port (either side), inline for the data path. */
static inline enum vam_drop vam_hdr_check_data(const uint8_t *dgram, size_t len,
					       struct vam_hdr *h)
{
	enum vam_drop d = vam_hdr_check_base(dgram, len, VAM_DATA_MAX, h);

	if (d != VAM_OK)
		return d;
	return h->type == VAM_DATA ? VAM_OK : VAM_DROP_UNEXPECTED_TYPE;
}

#endif
