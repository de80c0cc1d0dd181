/* SPDX-License-Identifier: BSD-3-Clause */
/* Drop reasons: why a received datagram was not accepted (spec 10, S-29). */
#ifndef VAM_DROP_H
#define VAM_DROP_H

/*
 * Every receive function of the protocol core returns VAM_OK or exactly one
 * of these reasons: the first check that failed, in the order of S-29.
 * Callers count drops per reason; vam_drop_name() gives the counter's name.
 */
enum vam_drop {
	VAM_OK = 0,
	VAM_DROP_TOO_LONG,	/* UDP payload over the channel's limit */
	VAM_DROP_SHORT,		/* shorter than the header or the protection */
	VAM_DROP_BAD_VERSION,
	VAM_DROP_BAD_FLAGS,	/* reserved bits, or flags != the suite's */
	VAM_DROP_UNEXPECTED_TYPE,
	VAM_DROP_UNKNOWN_SESSION,
	VAM_DROP_RATE_LIMITED,
	VAM_DROP_REPLAY,
	VAM_DROP_INTEGRITY,	/* ICV or AEAD tag */
	VAM_DROP_DECRYPT,	/* CBC block length or padding */
	VAM_DROP_MALFORMED,	/* header rules, TLV and attribute rules */
	VAM_DROP_NO_ROUTE,
	VAM_DROP_SPOOFED,
	VAM_DROP_TRANSCRIPT,
	VAM_DROP_BAD_PROPOSAL,	/* client: INIT_RESP choice not acceptable */
	VAM_DROP_MAX
};

/* The counter's name as the spec writes it ("malformed TLV", ...). */
const char *vam_drop_name(enum vam_drop d);

#endif
