/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The data-path session table. One table for the gateway, read by every
 * worker without locks and written by the control lcore alone:
 *  - a slot array indexed by the low bits of the server session id (the
 *    control plane allocates ids that way), each slot an atomic pointer
 *    published with release order after the session is fully built;
 *  - removal clears the slot, then frees the session only after every
 *    worker has passed a quiescent state (rte_rcu_qsbr), polled without
 *    blocking by the control lcore;
 *  - what packets change (replay window, send counter, peer address,
 *    counters) lives in the session with atomic operations, so any worker
 *    may receive from or send to any session: a seq is accepted at most
 *    once (vam_replay) and sent at most once (fetch-add) under one key.
 */
#ifndef DP_SESSION_H
#define DP_SESSION_H

#include <stdalign.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_rcu_qsbr.h>

#include "vam_keys.h"
#include "vam_replay.h"
#include "vam_suite.h"

/* Where DATA to a client goes; 0 = not known yet. */
static inline uint64_t dp_addr_pack(uint32_t ip, uint16_t port)
{
	return (uint64_t)ip << 16 | port;
}

/*
 * A session's traffic counters, for accounting and telemetry: inner
 * packets and their bytes, in = authentic DATA accepted from the client
 * (keepalives included, before routing), out = packets sealed toward it.
 * Any worker may add to them (LAN flows to one client hash to every
 * core), so they take locked adds; a worker sums a run of one session's
 * packets in its pass first (dp_tally) and adds once per run.
 */
struct dp_traffic {
	_Atomic uint64_t pkts, bytes;
};

struct dp_session {
	/* read-only after publication */
	uint32_t id;			/* ours: header id of DATA from the client */
	uint32_t peer_id;		/* the client's: header id of DATA to it */
	uint16_t domain;
	uint8_t dom_idx;		/* the domain's index in dp_gw.dom (set by the gateway) */
	uint8_t flags;			/* header flags of the suite (S-02) */
	bool replay_check;		/* off only for configured static sessions */
	struct vam_suite suite;
	uint32_t private_addr;
	void *rx_cs, *tx_cs;		/* cryptodev sessions: c2s decrypt, s2c encrypt */
	struct vam_dir_keys rx, tx;	/* salts are read per packet; keys for the OpenSSL path */
	/* written by packets, any worker */
	alignas(64) struct vam_replay win;
	alignas(64) _Atomic uint64_t tx_seq;	/* last seq sent */
	_Atomic uint64_t peer;			/* dp_addr_pack of the data address */
	_Atomic uint64_t peer_mac;		/* learnt Ethernet source, 0 = none */
	struct dp_traffic in, out;		/* DATA received from / sent to the client */
	_Atomic uint64_t last_rx_tsc;		/* last authentic DATA (S-53) */
};

struct dp_pending;

struct dp_sessions {
	_Atomic(struct dp_session *) *slot;
	uint32_t mask;
	struct rte_rcu_qsbr *qs;		/* workers report quiescent states here */
	struct dp_pending *pending;		/* retired, waiting for a grace period */
	uint32_t n_pending, cap_pending;
	uint32_t count;
	void (*release)(struct dp_session *s, void *arg);	/* frees crypto sessions */
	void *release_arg;
};

/* Table of size slots (a power of two, the control plane's id space) for max_workers readers. */
int dp_sessions_init(struct dp_sessions *t, uint32_t size, uint32_t max_workers,
		     void (*release)(struct dp_session *s, void *arg), void *arg);
void dp_sessions_fini(struct dp_sessions *t);

/* Worker side: lookup by header id. Valid until the worker's next quiescent report. */
static inline struct dp_session *dp_session_lookup(const struct dp_sessions *t, uint32_t id)
{
	struct dp_session *s = atomic_load_explicit(&t->slot[id & t->mask], memory_order_acquire);

	return s != NULL && s->id == id ? s : NULL;
}

/* Control side. publish: s must be complete; it replaces (and retires) any session in the slot. */
void dp_session_publish(struct dp_sessions *t, struct dp_session *s);
/* Clear the slot of id and retire its session; -1 if there is none. */
int dp_session_retire(struct dp_sessions *t, uint32_t id);
/* Free what every worker has stopped seeing; never blocks. Returns how many were freed. */
unsigned int dp_sessions_reclaim(struct dp_sessions *t);

/* Next seq to send on s; 0 once the counter is exhausted (S-04: re-initialize). */
static inline uint64_t dp_session_next_seq(struct dp_session *s)
{
	uint64_t seq = atomic_fetch_add_explicit(&s->tx_seq, 1, memory_order_relaxed) + 1;

	return seq < (UINT64_C(1) << 63) ? seq : 0;
}

#endif
