/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The data-plane gateway: what workers share (read-only to them except
 * sessions' atomics and their own counters), what each worker owns, and
 * the worker entry point. The control lcore builds it and is the only
 * writer of the tables in it.
 */
#ifndef DP_GW_H
#define DP_GW_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "dp_crypto.h"
#include "dp_neigh.h"
#include "dp_port.h"
#include "dp_proto.h"
#include "dp_route.h"
#include "dp_session.h"
#include "vam_drop.h"
#include "vam_keys.h"

#define DP_MAX_WORKERS	RTE_MAX_LCORE
#define DP_BURST_MAX	64
#define DP_OP_CACHE	64	/* crypto ops a worker keeps between passes */

/* Drops that are not protocol drops (those use enum vam_drop). */
enum dp_drop {
	DP_D_NOT_FOR_US = 0,	/* not addressed to a gateway address or port */
	DP_D_BAD_FRAME,		/* truncated or malformed Ethernet/IP/UDP */
	DP_D_FRAGMENT,		/* IPv4 fragments are not reassembled */
	DP_D_NO_NEIGH,		/* next hop's MAC not known yet */
	DP_D_TX_FULL,		/* the TX queue or ring refused it */
	DP_D_CRYPTO_ERR,	/* the crypto device failed an op (not the wire's doing) */
	DP_D_CTL_FULL,		/* the ring to the control lcore was full */
	DP_D_NO_MBUF,		/* no op or mbuf available */
	DP_D_SEQ_EXHAUSTED,	/* the session's send counter reached 2^63 */
	DP_D_MAX
};

const char *dp_drop_name(enum dp_drop d);

/* Per-worker counters: written by their worker only, read by anyone. */
struct dp_wstats {
	uint64_t rx[2], tx[2];			/* packets per port: 0 outside, 1 LAN */
	uint64_t vam[VAM_DROP_MAX];		/* protocol drops */
	uint64_t dp[DP_D_MAX];			/* other drops */
	uint64_t to_ctl;			/* control datagrams handed over */
	uint64_t data_rx, data_tx;		/* DATA opened, DATA sealed */
	uint64_t to_lan, from_lan;		/* plain packets out of / in from the LAN */
	uint64_t local;				/* inner packets for the gateway itself */
	uint64_t arp, icmp;			/* answered */
	uint64_t cycles_busy, loops, busy_loops;
} __rte_cache_aligned;

struct dp_domain {
	uint16_t id;
	uint32_t own;			/* the gateway's private address */
	void *boot_cs;			/* HMAC-SHA256 verify of INIT_REQ (boot integ key) */
	int route_idx;
};

/* Per-packet context in the mbuf's private area. */
struct dp_mctx {
	struct dp_session *s;		/* DATA: the session it came from / goes to */
	uint32_t dg_off, dg_len;	/* the VAM datagram in the mbuf */
	uint32_t src_ip;		/* outer source of received DATA (S-46) */
	uint16_t src_port;
	uint8_t stage;
	uint8_t port;
};

/*
 * The mbuf pool's private area: struct dp_mctx in whole cache lines, so
 * that a frame's first byte (where a NIC writes and net_pcap copies)
 * starts a line, as it does with no private area.
 */
#define DP_MBUF_PRIV RTE_CACHE_LINE_ROUNDUP(sizeof(struct dp_mctx))

static inline struct dp_mctx *dp_mctx(struct rte_mbuf *m)
{
	return (struct dp_mctx *)rte_mbuf_to_priv(m);
}

struct dp_gw;

/* One session's packets and bytes summed over a run of a worker's pass (dp_tally). */
struct dp_tally {
	struct dp_traffic *c;			/* whose run; NULL before the first */
	uint32_t pkts, bytes;
};

struct dp_worker {
	struct dp_gw *gw;
	uint16_t slot;			/* 0 .. nb_workers-1: RX/TX queue, crypto qp, RCU id */
	unsigned int lcore;
	struct dp_crypto_qp *qp;
	bool cpu;			/* synchronous CPU crypto instead of the qp's bursts */
	uint64_t now_tsc;		/* read once per pass */
	uint16_t n_ops;
	struct rte_crypto_op *ops[DP_OP_CACHE];
	struct dp_wstats st;
	struct dp_outer outer;		/* DATA's outer headers from the outside port (dp_worker_init) */
	struct dp_tally in, out;	/* per-session DATA counters of the pass, added once per run */
	uint32_t rnd_off;
	uint8_t rnd[4096];		/* CSPRNG bytes for CBC IVs, refilled in bulk */
} __rte_cache_aligned;

struct dp_gw {
	_Atomic bool stop;
	struct dp_port out, lan;
	bool has_lan;
	uint32_t out_addr, lan_addr;
	uint16_t vam_port, data_port, mtu;
	int lan_dom;			/* index in dom[] of the LAN's domain, -1 none */
	struct dp_domain dom[DP_MAX_DOMAINS];
	unsigned int n_dom;
	struct dp_sessions sessions;
	struct dp_routes routes;
	struct dp_neigh neigh;		/* LAN next hops; outside peers are learnt per session */
	struct dp_cryptodev *cdev;
	struct rte_mempool *mp;
	struct rte_ring *to_ctl;	/* MP/SC: control datagrams (mbufs) */
	struct rte_ring *events;	/* MP/SC: struct dp_event */
	uint16_t nb_workers, burst;
	struct dp_worker *w[DP_MAX_WORKERS];
};

/* Worker -> control lcore notifications (S-46). */
struct dp_event {
	uint32_t id;
	uint32_t ip;
	uint16_t port;
	uint16_t kind;
	uint32_t pad;
};

enum dp_event_kind { DP_EV_DATA_ADDR = 1, DP_EV_ARP_MISS = 2 };

/* Index of a domain in gw->dom, -1 if not served. */
static inline int dp_gw_domain(const struct dp_gw *gw, uint16_t id)
{
	for (unsigned int i = 0; i < gw->n_dom; i++)
		if (gw->dom[i].id == id)
			return (int)i;
	return -1;
}

/* A zeroed worker for lcore slot `slot` of gw, ready to launch (gw's ports and crypto set up). */
void dp_worker_init(struct dp_worker *w, struct dp_gw *gw, uint16_t slot, unsigned int lcore);

/* The worker loop (rte_eal_remote_launch entry); arg is its struct dp_worker. */
int dp_worker_main(void *arg);

/* One pass of the loop: exported so tests can step a worker without launching it. */
unsigned int dp_worker_poll(struct dp_worker *w);

#endif
