/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The AAA interface the control plane uses and the drivers implement
 * (drivers/aaa/local, drivers/aaa/radius). Every call returns at once:
 * the control lcore never waits. Results come back through poll().
 */
#ifndef CTL_AAA_H
#define CTL_AAA_H

#include <stdint.h>

#include "vam_chap.h"
#include "vam_tlv.h"

struct ctl_config;

enum ctl_aaa_status {
	CTL_AAA_ACCEPT = 0,
	CTL_AAA_REJECT = 1,		/* REG_RESP AUTH_FAILED */
	CTL_AAA_UNAVAILABLE = 2,	/* no answer, or queue full: REG_RESP AAA_UNAVAILABLE */
};

struct ctl_aaa_request {
	uint64_t cookie;		/* opaque to the backend, echoed in the result */
	uint16_t domain;
	uint8_t method;			/* VAM_AUTH_PAP or VAM_AUTH_CHAP */
	uint8_t username_len;		/* 1..253 */
	uint8_t username[VAM_USERNAME_MAX];
	uint8_t password_len;		/* PAP */
	uint8_t password[VAM_PASSWORD_MAX];
	uint8_t chap_challenge[VAM_CHAP_CHALLENGE_LEN];	/* CHAP */
	uint8_t chap_response[VAM_CHAP_LEN];		/* id || 16 bytes */
	uint32_t framed_ip;		/* the client's private address (host order) */
	uint32_t calling_ip;		/* observed control address (host order) */
	uint16_t calling_port;
};

struct ctl_aaa_result {
	uint64_t cookie;
	enum ctl_aaa_status status;
};

enum ctl_acct_type { CTL_ACCT_START = 1, CTL_ACCT_STOP = 2 };

/* RFC 2866 Acct-Terminate-Cause values vamgw uses. */
enum ctl_acct_cause {
	CTL_CAUSE_USER_REQUEST = 1,	/* LOGOUT */
	CTL_CAUSE_IDLE_TIMEOUT = 4,	/* aged out */
	CTL_CAUSE_ADMIN_RESET = 6,	/* replaced, administrative reset */
	CTL_CAUSE_ADMIN_REBOOT = 7,	/* gateway shutdown */
};

/* Accounting attributes of S-64. */
struct ctl_acct_record {
	enum ctl_acct_type type;
	uint16_t domain;
	uint32_t session_id;		/* Acct-Session-Id = %08x */
	uint8_t username_len;
	uint8_t username[VAM_USERNAME_MAX];
	uint32_t framed_ip;
	uint32_t calling_ip;		/* Calling-Station-Id "a.b.c.d:port" */
	uint16_t calling_port;
	/* Stop only */
	uint32_t session_time;		/* seconds */
	uint64_t in_octets, out_octets, in_packets, out_packets;
	enum ctl_acct_cause cause;
};

struct ctl_aaa_backend {
	const char *name;
	/* Queue a request. 0: queued; -1: cannot (queue full): answer AAA_UNAVAILABLE now. */
	int (*submit)(struct ctl_aaa_backend *be, const struct ctl_aaa_request *rq);
	/* Collect up to max finished results. */
	unsigned int (*poll)(struct ctl_aaa_backend *be, struct ctl_aaa_result *out,
			     unsigned int max);
	/* Queue an accounting record; -1 if it had to be dropped (counted by the caller). */
	int (*account)(struct ctl_aaa_backend *be, const struct ctl_acct_record *rec);
	/* Stop threads, flush queued accounting if possible, free. */
	void (*destroy)(struct ctl_aaa_backend *be);
};

#endif
