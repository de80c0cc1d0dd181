/* SPDX-License-Identifier: BSD-3-Clause */
/* Control-plane counters: per domain and message type, drops per named reason (spec 10). */
#ifndef CTL_STATS_H
#define CTL_STATS_H

#include <stdint.h>

#include "ctl_config.h"
#include "vam_drop.h"
#include "vam_wire.h"

/* Message-type index: control types 1..19, DATA folded into slot 0. */
#define CTL_TYPE_SLOTS (VAM_CTRL_TYPE_MAX + 1)

static inline unsigned int ctl_type_slot(uint8_t type)
{
	return type <= VAM_CTRL_TYPE_MAX ? type : 0;
}

struct ctl_domain_stats {
	uint64_t rx[CTL_TYPE_SLOTS];		/* accepted messages, by type */
	uint64_t tx[CTL_TYPE_SLOTS];		/* sent messages, by type */
	uint64_t drops[VAM_DROP_MAX];		/* drops attributed to this domain */
	uint64_t codes[16];			/* non-zero codes sent, by code */
	uint64_t online, offline, replaced, auth_failed, aged_out;
};

struct ctl_stats {
	uint64_t rx_datagrams;
	uint64_t drops[VAM_DROP_MAX];		/* every drop, domain known or not */
	uint64_t aaa_submitted, aaa_accepted, aaa_rejected, aaa_unavailable, aaa_late;
	uint64_t acct_sent, acct_dropped;
	uint64_t hub_info_sent, hub_info_resent;
	struct ctl_domain_stats dom[CTL_MAX_DOMAINS];	/* index: position in the config */
};

#endif
