/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vam-loadgen: N emulated clients on one DPDK port. Each runs lib/vam's
 * client engine from its own source address (so per-source rate limits
 * see N sources), registers, keeps alive, and sends DATA at a rate.
 */
#ifndef LOADGEN_H
#define LOADGEN_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>
#include <rte_mbuf.h>

#include "dp_port.h"
#include "vam_client.h"

struct lg_opts {
	uint32_t clients;		/* N */
	uint32_t rate;			/* new handshakes per second */
	uint32_t src_base;		/* first client's outer address */
	uint32_t priv_base;		/* first client's private address */
	uint32_t server;
	uint16_t server_port, server_data_port;
	uint16_t domain;
	uint8_t psk[VAM_PSK_MAX];
	size_t psk_len;
	char user[64], password[64];
	uint32_t data_pps;		/* DATA per second, all clients together; 0 = none */
	uint32_t data_size;		/* inner packet size */
	uint32_t dst_addr;		/* inner destination of DATA */
	unsigned int duration;		/* seconds after all are online (or gave up) */
	unsigned int timeout;		/* give up on registration after this many seconds */
	const char *port;
};

enum lg_state { LG_IDLE, LG_RUNNING, LG_ONLINE, LG_FAILED };

struct lg_client {
	struct vam_client c;
	struct vam_client_cfg cfg;
	enum lg_state st;
	uint8_t retx;
	uint64_t started, due;		/* TSC */
	uint32_t latency_us;
};

struct lg {
	struct lg_opts o;
	struct dp_port port;
	struct rte_mempool *mp;
	struct rte_ether_addr peer_mac;	/* the gateway's MAC, learnt by ARP */
	bool have_peer;
	struct lg_client *cl;
	uint64_t hz;
	/* counters */
	uint32_t started, online, failed;
	uint64_t codes[16], timeouts, local_fail;
	uint64_t data_tx, data_rx, ka_tx, rx;
	struct dp_txbuf tx;		/* tx.sent, tx.dropped: frames out, refused */
};

int lg_options(int argc, char **argv, struct lg_opts *o);
void lg_run(struct lg *g);
void lg_report(const struct lg *g, double secs);

#endif
