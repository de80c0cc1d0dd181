/* SPDX-License-Identifier: BSD-3-Clause */
#include "vam_msg.h"
#include "vam_wire.h"

#define B(t) (1u << (t))

/* Required attributes of each message with code 0 (spec 5, S-38, S-39). */
static const uint32_t required_ok[VAM_CTRL_TYPE_MAX + 1] = {
	[VAM_INIT_REQ] = B(VAM_A_SENDER_ID) | B(VAM_A_NONCE) | B(VAM_A_KEX) | B(VAM_A_ENC_ALGS) |
			 B(VAM_A_INTEG_ALGS) | B(VAM_A_CONNECTION_ID),
	[VAM_INIT_RESP] = B(VAM_A_SENDER_ID) | B(VAM_A_NONCE) | B(VAM_A_KEX) | B(VAM_A_ENC_ALG) |
			  B(VAM_A_INTEG_ALG),
	[VAM_INIT_DONE_C] = B(VAM_A_TRANSCRIPT),
	[VAM_INIT_DONE_S] = B(VAM_A_TRANSCRIPT),
	[VAM_REG_REQ] = B(VAM_A_CLIENT_NAME) | B(VAM_A_PRIVATE_ADDR) | B(VAM_A_PUBLIC_ADDR) |
			B(VAM_A_DATA_PORT),
	[VAM_AUTH_REQ] = B(VAM_A_AUTH_METHOD),
	/* AUTH_INFO: what is missing decides AUTH_METHOD / INVALID (S-39). */
	[VAM_REG_RESP] = B(VAM_A_ROLE) | B(VAM_A_KEEPALIVE) | B(VAM_A_OBSERVED_ADDR) | B(VAM_A_HUB),
	[VAM_RESOLVE_REQ] = B(VAM_A_TARGET),
	[VAM_RESOLVE_RESP] = B(VAM_A_TARGET) | B(VAM_A_NODE),
	[VAM_NET_REG_REQ] = B(VAM_A_NETWORKS),
};

/* Required attributes with a non-zero code other than INVALID. */
static uint32_t required_err(uint8_t type)
{
	return type == VAM_RESOLVE_RESP ? B(VAM_A_TARGET) : 0;
}

enum vam_drop vam_msg_check(uint8_t type, uint8_t code, const struct vam_attrs *at,
			    const char **why)
{
	const char *dummy;
	uint32_t need;

	if (why == NULL)
		why = &dummy;
	if (type == 0 || type > VAM_CTRL_TYPE_MAX) {
		*why = "not a control message";
		return VAM_DROP_MALFORMED;
	}
	if (code == VAM_CODE_OK || vam_type_is_request(type))
		need = required_ok[type];
	else if (code == VAM_CODE_INVALID)
		need = 0;
	else
		need = required_err(type);
	if ((at->present & need) != need) {
		*why = "required attribute missing";
		return VAM_DROP_MALFORMED;
	}
	if (type == VAM_AUTH_REQ) {
		uint8_t m = vam_attr_u8(at, VAM_A_AUTH_METHOD);

		if (m != VAM_AUTH_PAP && m != VAM_AUTH_CHAP) {
			*why = "AUTH_REQ method must be PAP or CHAP";
			return VAM_DROP_MALFORMED;
		}
		if (m == VAM_AUTH_CHAP && !vam_has(at, VAM_A_CHAP_CHALLENGE)) {
			*why = "CHAP AUTH_REQ without CHAP_CHALLENGE";
			return VAM_DROP_MALFORMED;
		}
	}
	return VAM_OK;
}

enum vam_drop vam_msg_parse(uint8_t type, uint8_t code, const uint8_t *body, size_t len,
			    struct vam_attrs *at, const char **why)
{
	enum vam_drop d = vam_tlv_parse(body, len, at, why);

	return d != VAM_OK ? d : vam_msg_check(type, code, at, why);
}
