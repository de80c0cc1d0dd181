/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The client agent: lib/vam's client engine plus the clock (spec 7, S-36,
 * S-37, S-53, S-54): retransmission, keepalives, going offline, the dumb
 * wait after failures, and re-initialization. No sockets here: it is
 * handed datagrams and the time, and sends through a callback.
 */
#ifndef VAMC_AGENT_H
#define VAMC_AGENT_H

#include <stdbool.h>
#include <stdint.h>

#include "vam_client.h"

enum agent_phase { AG_OFFLINE, AG_INIT, AG_REG, AG_ONLINE, AG_DUMB, AG_DONE };

struct agent_opts {
	unsigned int retransmit_ms;	/* 5000 */
	unsigned int retries;		/* 3 */
	unsigned int dumb_ms;		/* 120000 */
	bool once;			/* stop after the first registration result */
};

struct agent {
	struct vam_client_cfg cfg;
	struct vam_client c;
	struct agent_opts o;
	enum agent_phase phase;
	uint64_t due;			/* next timer */
	unsigned int left;		/* retransmissions left for the pending request */
	unsigned int missed;		/* keepalives unanswered in a row */
	bool ka_outstanding;
	bool nat;
	uint8_t last_code;		/* the server's code that ended the last attempt */
	const char *last_why;
	/* callbacks */
	void *ctx;
	void (*send)(void *ctx, bool data, const uint8_t *dgram, size_t len);
	void (*online)(void *ctx, struct agent *a);	/* routes for the hubs, ... */
	void (*log)(void *ctx, const char *msg);
};

void agent_init(struct agent *a);
void agent_start(struct agent *a, uint64_t now);
void agent_input(struct agent *a, uint64_t now, const uint8_t *dgram, size_t len);
void agent_tick(struct agent *a, uint64_t now);
/* Send LOGOUT_REQ (on SIGINT/SIGTERM); the caller waits briefly for LOGOUT_RESP. */
void agent_logout(struct agent *a, uint64_t now);
const char *agent_phase_name(enum agent_phase p);

#endif
