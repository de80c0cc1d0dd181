/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The VAM server (spec 5-8): one per gateway, run by the control lcore.
 * It decides and never does I/O itself: the host hands it datagrams and
 * the time, and it answers through the ops below. The host calls every
 * function from one thread (the control lcore); telemetry readers take
 * ctl_server_lock() around their reads.
 */
#ifndef CTL_SERVER_H
#define CTL_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ctl_aaa.h"
#include "ctl_config.h"
#include "ctl_stats.h"
#include "vam_keys.h"
#include "vam_suite.h"
#include "vam_wire.h"

struct ctl_server;
struct ctl_client;

struct ctl_addr {
	uint32_t ip;		/* host order */
	uint16_t port;
};

enum ctl_state {
	CTL_ST_HALF_OPEN = 0,	/* INIT_RESP sent, waiting for INIT_DONE_C */
	CTL_ST_READY,		/* INIT_DONE_S sent, waiting for REG_REQ */
	CTL_ST_AUTH,		/* AUTH_REQ sent, waiting for AUTH_INFO */
	CTL_ST_AAA,		/* AUTH_INFO with the AAA backend */
	CTL_ST_REGISTERED,	/* REG_RESP 0 sent, waiting for the first KEEPALIVE */
	CTL_ST_ONLINE,
	CTL_ST_CLOSED,		/* registration refused; answers duplicates until removed */
};

const char *ctl_state_name(enum ctl_state st);

enum ctl_event {
	CTL_EV_ONLINE,
	CTL_EV_OFFLINE,		/* detail: why */
	CTL_EV_REPLACED,
	CTL_EV_AUTH_FAILED,
	CTL_EV_REFUSED,		/* REG_RESP != 0; detail: the code name */
};

/* The data-plane view of a session, handed to session_up (keys of the data channel). */
struct ctl_dp_session {
	uint32_t id;			/* server id: header id of DATA from the client */
	uint32_t peer_id;		/* client id: header id of DATA to the client */
	uint16_t domain;
	uint32_t private_addr;
	struct vam_suite suite;
	const struct vam_chan_keys *keys;	/* data channel */
	struct ctl_addr data_addr;	/* where DATA to the client goes (S-46) */
};

/* What the host provides. Every callback may be NULL except send. */
struct ctl_ops {
	void *ctx;
	/* Send one datagram from the gateway's VAM (ctrl) or data port. */
	void (*send)(void *ctx, enum vam_chan chan, struct ctl_addr dst, const uint8_t *dgram,
		     size_t len);
	/* A client went online: publish its data keys; gone: withdraw them. */
	void (*session_up)(void *ctx, const struct ctl_dp_session *s);
	void (*session_down)(void *ctx, uint32_t id);
	/* Routes of a domain (S-56): prefix -> session id (0: the gateway itself). */
	void (*route_add)(void *ctx, uint16_t domain, uint32_t prefix, uint8_t len, uint32_t id);
	void (*route_del)(void *ctx, uint16_t domain, uint32_t prefix, uint8_t len);
	/*
	 * When the data path last accepted DATA of a session, on the clock of
	 * ctl_server_input's now (0: never). Asked before aging a client out:
	 * DATA keeps a client alive as well as control messages do (S-53).
	 */
	uint64_t (*last_rx)(void *ctx, uint32_t id);
	/* Data counters of a session, for accounting Stop (zeros if NULL). */
	void (*counters)(void *ctx, uint32_t id, struct ctl_acct_record *rec);
	/* Events for logs and tests (the server also logs them through rte_log). */
	void (*event)(void *ctx, enum ctl_event ev, const struct ctl_client *c, const char *detail);
};

/*
 * Create a server for a loaded configuration (kept by reference: it must
 * outlive the server). aaa[CTL_AAA_LOCAL] / aaa[CTL_AAA_RADIUS] are the
 * backends domains use (NULL where no domain needs one). Returns NULL and
 * writes err on failure.
 */
struct ctl_server *ctl_server_create(const struct ctl_config *cfg, const struct ctl_ops *ops,
				     struct ctl_aaa_backend *aaa[2], char *err, size_t errlen);
void ctl_server_destroy(struct ctl_server *srv);

/*
 * One datagram received on the VAM port (chan CTRL). now: milliseconds,
 * monotonic. Returns true if it passed authentication (boot or session
 * keys), whatever happened next: only then may the host learn anything
 * from it (its source's MAC, say).
 */
bool ctl_server_input(struct ctl_server *srv, uint64_t now, struct ctl_addr src,
		      const uint8_t *dgram, size_t len);

/* Timers and AAA results; call at least every 100 ms. */
void ctl_server_poll(struct ctl_server *srv, uint64_t now);

/* The data path saw authenticated DATA from a new source (S-46). */
void ctl_server_data_addr(struct ctl_server *srv, uint64_t now, uint32_t id,
			  struct ctl_addr src);

/* Administrative reset of one client (ERROR_NOTIFY ADMIN_RESET); -1 if not found. */
int ctl_server_reset(struct ctl_server *srv, uint64_t now, uint16_t domain, uint32_t private_addr);

/* Graceful stop: ERROR_NOTIFY SHUTDOWN to every registered client, accounting Stop. */
void ctl_server_shutdown(struct ctl_server *srv, uint64_t now);

/*
 * Session ids: the low bits (id & (space - 1)) index the data path's
 * tables. Static sessions' ids are reserved before any dynamic one is
 * allocated; -1 if the slot is taken or out of range.
 */
uint32_t ctl_server_id_space(const struct ctl_server *srv);
int ctl_server_reserve_id(struct ctl_server *srv, uint32_t id);

void ctl_server_lock(struct ctl_server *srv);
void ctl_server_unlock(struct ctl_server *srv);

/* Read access for telemetry and tests (under the lock when threads differ). */
const struct ctl_stats *ctl_server_stats(const struct ctl_server *srv);
const struct ctl_config *ctl_server_config(const struct ctl_server *srv);
const struct ctl_client *ctl_server_find(const struct ctl_server *srv, uint16_t domain,
					 uint32_t private_addr);
const struct ctl_client *ctl_server_by_id(const struct ctl_server *srv, uint32_t id);
/* Visit the registered and online clients of a domain; stop when fn returns non-zero. */
int ctl_server_walk(const struct ctl_server *srv, uint16_t domain,
		    int (*fn)(const struct ctl_client *c, void *arg), void *arg);
unsigned int ctl_server_count(const struct ctl_server *srv, uint16_t domain, enum ctl_state st);

/* A client as the operator sees it. */
struct ctl_client_info {
	uint32_t id, peer_id;
	uint16_t domain;
	enum ctl_state state;
	char name[VAM_NAME_MAX + 1];
	uint32_t private_addr;
	struct ctl_addr public_addr;	/* what it said (PUBLIC_ADDR) */
	struct ctl_addr ctrl_addr;	/* observed control source */
	struct ctl_addr data_addr;	/* where DATA goes */
	uint8_t role;			/* VAM_NODE_HUB / SPOKE, 0 before registration */
	bool nat;
	struct vam_suite suite;
	uint64_t since_ms;		/* online (or created) at */
	unsigned int n_networks;
};

void ctl_client_info(const struct ctl_client *c, struct ctl_client_info *out);

#endif
