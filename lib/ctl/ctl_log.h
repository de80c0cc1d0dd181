/* SPDX-License-Identifier: BSD-3-Clause */
/* The control plane's rte_log type, "vamgw.ctl" (--log-level=vamgw.ctl:debug). */
#ifndef CTL_LOG_H
#define CTL_LOG_H

#include <rte_log.h>

extern int ctl_logtype;

#define CTL_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, ctl_logtype, "vamgw.ctl: " fmt "\n", ##__VA_ARGS__)

#endif
