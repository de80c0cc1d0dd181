/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The local AAA backend: users and passwords from the configuration
 * ([user] sections). Decides at once on the calling thread; results wait in
 * a fixed queue for the next poll(). Accounting is only counted.
 */
#ifndef AAA_LOCAL_H
#define AAA_LOCAL_H

#include <stdint.h>

#include "ctl_aaa.h"
#include "ctl_config.h"

/* Results not yet polled; submit() returns -1 beyond this. */
#define AAA_LOCAL_QUEUE 1024

struct aaa_local_stats {
	uint64_t accepted, rejected;
	uint64_t acct_start, acct_stop;
};

/*
 * Copy the users of cfg (cfg need not outlive the backend). A user with
 * domain 0 is valid in every domain; a user of the request's own domain
 * wins over a domain-0 user of the same name. NULL on allocation failure.
 */
struct ctl_aaa_backend *aaa_local_create(const struct ctl_config *cfg);

/* Counters of a backend made by aaa_local_create. */
void aaa_local_stats(const struct ctl_aaa_backend *be, struct aaa_local_stats *out);

#endif
