/* SPDX-License-Identifier: BSD-3-Clause */
#include "vam_wire.h"

void vam_hdr_encode(const struct vam_hdr *h, uint8_t out[VAM_HDR_LEN])
{
	out[0] = h->ver;
	out[1] = h->type;
	out[2] = h->flags;
	out[3] = h->code;
	vam_put32(out + 4, h->id);
	vam_put64(out + 8, h->seq);
}

void vam_hdr_decode(const uint8_t in[VAM_HDR_LEN], struct vam_hdr *h)
{
	vam_hdr_load(in, h);
}

bool vam_type_is_c2s(uint8_t type)
{
	switch (type) {
	case VAM_INIT_REQ:
	case VAM_INIT_DONE_C:
	case VAM_REG_REQ:
	case VAM_AUTH_INFO:
	case VAM_RESOLVE_REQ:
	case VAM_HUB_INFO_ACK:
	case VAM_KEEPALIVE:
	case VAM_NET_REG_REQ:
	case VAM_LOGOUT_REQ:
	case VAM_DATA:
		return true;
	default:
		return false;
	}
}

static bool type_is_s2c(uint8_t type)
{
	return type == VAM_DATA || (type >= 1 && type <= VAM_CTRL_TYPE_MAX && !vam_type_is_c2s(type));
}

bool vam_type_is_request(uint8_t type)
{
	switch (type) {
	case VAM_INIT_REQ:
	case VAM_INIT_DONE_C:
	case VAM_INIT_DONE_S:
	case VAM_REG_REQ:
	case VAM_AUTH_REQ:
	case VAM_AUTH_INFO:
	case VAM_RESOLVE_REQ:
	case VAM_HUB_INFO:
	case VAM_HUB_INFO_ACK:
	case VAM_KEEPALIVE:
	case VAM_NET_REG_REQ:
	case VAM_LOGOUT_REQ:
	case VAM_DATA:
		return true;
	default:
		return false;
	}
}

uint8_t vam_response_type(uint8_t request)
{
	switch (request) {
	case VAM_INIT_REQ:
		return VAM_INIT_RESP;
	case VAM_REG_REQ:
	case VAM_AUTH_INFO:
		return VAM_REG_RESP;
	case VAM_RESOLVE_REQ:
		return VAM_RESOLVE_RESP;
	case VAM_KEEPALIVE:
		return VAM_KEEPALIVE_ACK;
	case VAM_NET_REG_REQ:
		return VAM_NET_REG_RESP;
	case VAM_LOGOUT_REQ:
		return VAM_LOGOUT_RESP;
	default:
		return 0;
	}
}

bool vam_code_allowed(uint8_t type, uint8_t code)
{
	uint32_t set;

	switch (type) {
	case VAM_INIT_RESP:
		set = 1u << 0 | 1u << 1 | 1u << 5 | 1u << 7;
		break;
	case VAM_REG_RESP:
		set = 1u << 0 | 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | 1u << 7 | 1u << 9;
		break;
	case VAM_RESOLVE_RESP:
		set = 1u << 0 | 1u << 7 | 1u << 8;
		break;
	case VAM_NET_REG_RESP:
		set = 1u << 0 | 1u << 7 | 1u << 9;
		break;
	case VAM_KEEPALIVE_ACK:
	case VAM_LOGOUT_RESP:
		set = 1u << 0 | 1u << 7;
		break;
	case VAM_ERROR_NOTIFY:
		return code != 0;
	default:
		return code == 0;
	}
	return code < 32 && (set >> code & 1u);
}

enum vam_drop vam_hdr_check(const uint8_t *dgram, size_t len, enum vam_chan chan,
			    enum vam_side receiver, struct vam_hdr *h)
{
	bool from_client = receiver == VAM_SIDE_SERVER;
	enum vam_drop d;

	if (chan == VAM_CHAN_DATA)
		return vam_hdr_check_data(dgram, len, h);
	d = vam_hdr_check_base(dgram, len, VAM_CTRL_MAX, h);
	if (d != VAM_OK)
		return d;
	if (h->type == VAM_DATA || h->type == 0 || h->type > VAM_CTRL_TYPE_MAX ||
	    (from_client ? !vam_type_is_c2s(h->type) : !type_is_s2c(h->type)))
		return VAM_DROP_UNEXPECTED_TYPE;
	return VAM_OK;
}

static const char *const type_names[VAM_CTRL_TYPE_MAX + 1] = {
	[VAM_INIT_REQ] = "INIT_REQ",
	[VAM_INIT_RESP] = "INIT_RESP",
	[VAM_INIT_DONE_C] = "INIT_DONE_C",
	[VAM_INIT_DONE_S] = "INIT_DONE_S",
	[VAM_REG_REQ] = "REG_REQ",
	[VAM_AUTH_REQ] = "AUTH_REQ",
	[VAM_AUTH_INFO] = "AUTH_INFO",
	[VAM_REG_RESP] = "REG_RESP",
	[VAM_RESOLVE_REQ] = "RESOLVE_REQ",
	[VAM_RESOLVE_RESP] = "RESOLVE_RESP",
	[VAM_HUB_INFO] = "HUB_INFO",
	[VAM_HUB_INFO_ACK] = "HUB_INFO_ACK",
	[VAM_KEEPALIVE] = "KEEPALIVE",
	[VAM_KEEPALIVE_ACK] = "KEEPALIVE_ACK",
	[VAM_NET_REG_REQ] = "NET_REG_REQ",
	[VAM_NET_REG_RESP] = "NET_REG_RESP",
	[VAM_LOGOUT_REQ] = "LOGOUT_REQ",
	[VAM_LOGOUT_RESP] = "LOGOUT_RESP",
	[VAM_ERROR_NOTIFY] = "ERROR_NOTIFY",
};

const char *vam_type_name(uint8_t type)
{
	if (type == VAM_DATA)
		return "DATA";
	if (type > VAM_CTRL_TYPE_MAX || type_names[type] == NULL)
		return "UNKNOWN";
	return type_names[type];
}

static const char *const code_names[] = {
	"OK", "NO_PROPOSAL", "AUTH_FAILED", "AUTH_METHOD", "NOT_IN_DOMAIN", "CAPACITY",
	"AAA_UNAVAILABLE", "INVALID", "NOT_FOUND", "CONFLICT", "ADMIN_RESET", "SHUTDOWN",
};

const char *vam_code_name(uint8_t code)
{
	if (code >= sizeof(code_names) / sizeof(code_names[0]))
		return "UNKNOWN";
	return code_names[code];
}
