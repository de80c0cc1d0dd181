/* SPDX-License-Identifier: BSD-3-Clause */
/* vam-client's configuration: command line, or a file of the same keys. */
#ifndef VAMC_OPTIONS_H
#define VAMC_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "agent.h"

#define VAMC_MAX_ROUTES 32

struct vamc_opts {
	struct vam_client_cfg cfg;
	struct agent_opts ag;
	uint32_t server;		/* host order */
	uint16_t server_port, server_data_port;
	uint16_t local_port, local_data_port;	/* 0: any */
	char tun[16];
	bool no_tun;
	unsigned int mtu;
	struct { uint32_t prefix; uint8_t len; } routes[VAMC_MAX_ROUTES];
	unsigned int n_routes;
	bool verbose;
	uint32_t resolve[8];		/* --once: targets to resolve after registering */
	unsigned int n_resolve;
};

/* 0: run; 1: exit 0 (help); 2: usage error (printed). */
int vamc_options(int argc, char **argv, struct vamc_opts *o);

#endif
