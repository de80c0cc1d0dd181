/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Telemetry commands of the control plane (rte_telemetry, socket
 * <runtime dir>/dpdk_telemetry.v2, e.g. dpdk-telemetry.py -f PREFIX):
 *
 *   /vam/domains                    settings of every domain, clients by state
 *   /vam/clients,<domain>           registered and online clients of a domain
 *   /vam/client,<domain>,<a.b.c.d>  one client by its private address
 *   /vam/stats[,<domain>]           global counters and per domain (one domain if given)
 *
 * Handlers run on DPDK's telemetry threads and read the server only under
 * ctl_server_lock(), so the host must hold that lock around its own calls
 * into the server (input, poll, data_addr, reset, shutdown).
 *
 * Clock: uptimes are now - since, with now = clock_gettime(CLOCK_MONOTONIC)
 * in milliseconds. The host must pass the server that same clock as "now";
 * with any other clock uptimes are meaningless (a "since" in the future
 * reads as 0).
 *
 * Replies stay under telemetry's 16 KiB output limit (which would otherwise
 * drop what does not fit without a word): lists stop before the entry that
 * would not fit and say how many were omitted. A bad parameter, an unknown
 * domain or client gives an error, which telemetry replies as null.
 */
#ifndef CTL_TELEMETRY_H
#define CTL_TELEMETRY_H

struct ctl_server;

/*
 * Register the commands (the first time; later calls only switch the
 * server they read) and point them at srv. srv NULL detaches: commands
 * fail from then on, and once this returns no handler touches the old
 * server, which may then be destroyed. Telemetry cannot unregister a
 * command, so detach before ctl_server_destroy(). Do not call with the
 * server lock held. Returns 0 or rte_telemetry_register_cmd's negative
 * errno (the commands registered so far stay; a later call retries the rest).
 */
int ctl_telemetry_register(struct ctl_server *srv);

#endif
