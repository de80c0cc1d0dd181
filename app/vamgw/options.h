/* SPDX-License-Identifier: BSD-3-Clause */
/* vamgw's own options (after the EAL's and "--"). */
#ifndef VAMGW_OPTIONS_H
#define VAMGW_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "dp_crypto.h"

struct gw_options {
	const char *config;		/* -c FILE */
	const char *outside;		/* port name or id */
	const char *protected_port;	/* port name or id, "none" */
	uint16_t burst;
	uint16_t queues;		/* RX queues per port, 0 = one per worker */
	uint16_t rx_desc;
	uint32_t mbufs;
	const char *crypto;		/* aesni_mb, openssl, or a cryptodev name */
	enum dp_crypto_mode crypto_mode;	/* --crypto-mode */
	bool telemetry;
	bool check_only;		/* --check-config */
	unsigned int stats_interval;	/* seconds, 0 = off */
};

/* 0: run; 1: exit 0 (help, version); 2: usage error (message printed). */
int gw_options_parse(int argc, char **argv, struct gw_options *o);

#endif
