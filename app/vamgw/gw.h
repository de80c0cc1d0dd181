/* SPDX-License-Identifier: BSD-3-Clause */
/* The gateway process: configuration, control plane, data plane, and their glue. */
#ifndef VAMGW_GW_H
#define VAMGW_GW_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "ctl_config.h"
#include "ctl_hmap.h"
#include "ctl_server.h"
#include "dp_gw.h"
#include "options.h"

struct gw {
	struct gw_options opt;
	struct ctl_config cfg;
	struct ctl_server *srv;
	struct ctl_aaa_backend *aaa[2];
	struct dp_gw dp;
	uint16_t ctl_slot;		/* the control lcore's TX queue and crypto qp */
	struct ctl_hmap macs;		/* authenticated outside peers: ip -> MAC */
	uint32_t cur_ip;		/* the source of the datagram being handled ... */
	uint64_t cur_mac;		/* ... and its MAC, for answers before it is learnt */
	struct ctl_hmap arp_sent;	/* LAN addresses asked for: ip -> last time (ms) */
	struct dp_txbuf tx;		/* control datagrams out of the outside port */
	uint64_t ctl_no_mac, ctl_rx;
	_Atomic bool stop;		/* set by SIGINT / SIGTERM */
};

/* setup.c: everything from a loaded configuration to launched workers. */
int gw_setup(struct gw *g, char *err, size_t errlen);
/* A data-path session with its crypto sessions (not yet published); NULL on failure. */
struct dp_session *gw_session_new(struct gw *g, uint32_t id, uint32_t peer_id, uint16_t domain,
				  uint32_t private_addr, struct vam_suite suite,
				  const struct vam_dir_keys *rx, const struct vam_dir_keys *tx);
void gw_teardown(struct gw *g);

/* control.c: the control lcore's loop until stop, then the graceful shutdown. */
void gw_control_loop(struct gw *g);
extern const struct ctl_ops gw_ctl_ops;
uint64_t gw_now_ms(void);

/* telemetry.c: /vam/workers and /vam/ports. */
int gw_telemetry_register(struct gw *g);

#endif
