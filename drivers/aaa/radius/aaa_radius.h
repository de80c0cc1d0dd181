/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RADIUS AAA backend (RFC 2865 authentication, RFC 2866 accounting)
 * through radcli. radcli blocks, so the exchanges run on one AAA pthread
 * (not an lcore); the control lcore only moves preallocated objects over
 * single-producer/single-consumer rte_rings, never waits and never
 * allocates. No EAL is needed.
 */
#ifndef AAA_RADIUS_H
#define AAA_RADIUS_H

#include <stddef.h>
#include <stdint.h>

#include "ctl_aaa.h"
#include "ctl_config.h"

/* Authentication requests queued, in flight or unpolled; submit() returns -1 beyond. */
#define AAA_RADIUS_REQS		1024
/* Accounting records queued; account() drops (returns -1) beyond. */
#define AAA_RADIUS_ACCTS	4096

struct aaa_radius_stats {
	uint64_t accepted, rejected, unavailable;	/* results, by status */
	uint64_t expired;	/* answered UNAVAILABLE unsent: queued past aaa_timeout_ms */
	uint64_t acct_sent;	/* Accounting-Response received */
	uint64_t acct_failed;	/* no server answered */
	uint64_t acct_dropped;	/* account() found the queue full */
	uint64_t acct_abandoned;	/* left unsent at destroy() */
};

/*
 * Servers from cfg->radius[] in order (the next one is tried when one does
 * not answer); cfg need not outlive the backend. Each server's timeout is
 * rounded up to whole seconds (radcli's unit), its retries are
 * retransmissions (retries + 1 tries). A request still queued when
 * cfg->aaa_timeout_ms has passed since submit() is answered UNAVAILABLE
 * without being sent, and no further server is tried past that time.
 *
 * Returns NULL and writes err on failure (no server, a secret radcli cannot
 * carry, out of memory, thread creation).
 */
struct ctl_aaa_backend *aaa_radius_create(const struct ctl_config *cfg, char *err, size_t errlen);

/* Counters of a backend made by aaa_radius_create (any thread). */
void aaa_radius_stats(const struct ctl_aaa_backend *be, struct aaa_radius_stats *out);

#endif
