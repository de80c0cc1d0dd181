/* SPDX-License-Identifier: BSD-3-Clause */
/* Private to lib/ctl: the server and client structures its files share. */
#ifndef CTL_PRIV_H
#define CTL_PRIV_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "ctl_hmap.h"
#include "ctl_ratelimit.h"
#include "ctl_routes.h"
#include "ctl_server.h"
#include "ctl_stats.h"
#include "ctl_timer.h"
#include "vam_keys.h"
#include "vam_replay.h"
#include "vam_tlv.h"

#define CTL_RESEND_MS	5000	/* HUB_INFO retransmission (spec 7) */

/* A request body remembered with the answer it got (S-43). */
struct ctl_cached {
	uint8_t *req;		/* malloc'd copy of the request body */
	uint16_t req_len;
	uint8_t type, code;	/* the answer */
	uint8_t *ans;		/* malloc'd answer body */
	uint16_t ans_len;
};

enum ctl_cache_slot { CTL_C_INIT_DONE, CTL_C_REG_REQ, CTL_C_AUTH_INFO, CTL_C_MAX };

struct ctl_net {
	uint32_t prefix;
	uint8_t len, pref;
};

struct ctl_client {
	struct ctl_timer timer;		/* first: the wheel hands it back */
	uint32_t id;			/* ours (server SENDER_ID) */
	uint32_t peer_id;		/* the client's SENDER_ID */
	uint16_t domain;
	uint8_t dom_idx;		/* position of the domain in the config */
	enum ctl_state state;
	/* handshake */
	uint8_t nonce_c[VAM_NONCE_LEN];
	uint8_t req_digest[32];		/* SHA-256 of the INIT_REQ body (S-32) */
	uint8_t *init_resp;		/* the INIT_RESP datagram, until INIT_DONE_C */
	uint16_t init_resp_len;
	uint8_t transcript[VAM_TRANSCRIPT_LEN];
	uint32_t cookie;		/* CONNECTION_ID, logged */
	uint32_t conn_addr;		/* CONNECTION_ID private address (S-33) */
	/* crypto */
	struct vam_suite suite;
	struct vam_chan_keys keys[2];	/* ctrl, data */
	uint64_t ctrl_tx_seq;
	struct vam_replay ctrl_rx;
	/* registration */
	char name[VAM_NAME_MAX + 1];
	uint32_t private_addr;
	struct ctl_addr public_addr, ctrl_addr, data_addr;
	uint16_t data_port;
	uint8_t role;
	uint8_t auth;			/* the method asked of this client */
	uint8_t username_len;
	uint8_t username[VAM_USERNAME_MAX];
	uint8_t chap_id;
	uint8_t chap_challenge[VAM_CHAP_CHALLENGE_LEN];
	struct ctl_net nets[VAM_NETS_MAX];
	uint8_t n_nets;
	bool indexed;			/* in the by-address index (registered) */
	bool data_seen;			/* data_addr learnt from DATA (S-46) */
	uint64_t aaa_cookie;
	struct ctl_cached cache[CTL_C_MAX];
	/* hub info (S-49) */
	uint8_t hub_out[VAM_HUBS_MAX * VAM_HUB_LEN];	/* outstanding list */
	uint8_t hub_out_n;
	bool hub_outstanding, hub_pending;
	uint64_t hub_sent_ms;
	/* time */
	uint64_t created_ms, online_ms, last_rx_ms, deadline_ms;
	/* the domain's online clients (for HUB_INFO without scanning every session) */
	struct ctl_client *on_next, *on_prev;
};

static inline struct ctl_client *ctl_client_of(struct ctl_timer *t)
{
	return (struct ctl_client *)t;
}

struct ctl_domain_rt {
	const struct ctl_domain_cfg *cfg;
	struct vam_dir_keys boot;
	struct ctl_routes routes;	/* client networks + LAN routes */
	uint32_t half_open;		/* handshakes in HALF_OPEN */
	uint32_t registered;		/* clients REGISTERED or ONLINE */
	struct ctl_client *hubs[CTL_MAX_HUB_ADDRS];	/* online hubs, ascending address */
	unsigned int n_hubs;
	struct ctl_client *online;	/* list of online clients (on_next / on_prev) */
};

struct ctl_server {
	pthread_mutex_t lock;
	const struct ctl_config *cfg;
	struct ctl_ops ops;
	struct ctl_aaa_backend *aaa[2];
	struct ctl_domain_rt dom[CTL_MAX_DOMAINS];
	/* sessions by id: slot = id & mask; high bits are a per-slot generation */
	struct ctl_client **slot;
	uint16_t *gen;
	uint32_t mask, bits;
	uint32_t *free_fifo;		/* free slots, oldest first (S-62: late reuse) */
	uint32_t free_head, free_count;
	uint32_t n_sessions, half_open_total;
	struct ctl_hmap by_addr;	/* (domain << 32 | private) -> registered client */
	struct ctl_hmap by_init;	/* hash(domain, SENDER_ID, NONCE) -> client */
	struct ctl_ratelimit rl;
	struct ctl_wheel wheel;
	struct ctl_stats stats;
	uint64_t now;
	uint64_t aaa_seq;
	bool stopping;			/* shutdown: no more hub pushes */
	uint8_t buf[VAM_CTRL_MAX];	/* scratch: plaintext of the datagram being handled */
	uint8_t out[VAM_CTRL_MAX];	/* scratch: datagram being sent */
};

/* server.c */
struct ctl_domain_rt *ctl_domain(struct ctl_server *srv, uint16_t id);
void ctl_drop(struct ctl_server *srv, const struct ctl_client *c, enum vam_drop why);
void ctl_send_ctrl(struct ctl_server *srv, struct ctl_client *c, uint8_t type, uint8_t code,
		   const uint8_t *body, size_t len);
void ctl_send_reason(struct ctl_server *srv, struct ctl_client *c, uint8_t type, uint8_t code,
		     const char *reason);
void ctl_event(struct ctl_server *srv, enum ctl_event ev, const struct ctl_client *c,
	       const char *detail);
void ctl_arm(struct ctl_server *srv, struct ctl_client *c, uint64_t deadline);
uint64_t ctl_aging_ms(const struct ctl_server *srv, const struct ctl_client *c);

/* registry.c */
struct ctl_client *ctl_client_new(struct ctl_server *srv, uint16_t domain);
void ctl_client_free(struct ctl_server *srv, struct ctl_client *c);
struct ctl_client *ctl_client_get(const struct ctl_server *srv, uint32_t id);
uint64_t ctl_init_key(uint16_t domain, uint32_t sender_id, const uint8_t nonce[VAM_NONCE_LEN]);
uint64_t ctl_addr_key(uint16_t domain, uint32_t addr);
int ctl_registry_init(struct ctl_server *srv, uint32_t max_sessions);
void ctl_registry_free(struct ctl_server *srv);
void ctl_cache_clear(struct ctl_cached *c);
int ctl_cache_set(struct ctl_cached *c, const uint8_t *req, size_t req_len, uint8_t type,
		  uint8_t code, const uint8_t *ans, size_t ans_len);

/* init.c */
bool ctl_init_req(struct ctl_server *srv, struct ctl_addr src, const struct vam_hdr *h,
		  const uint8_t *dgram, size_t len);
void ctl_init_done(struct ctl_server *srv, struct ctl_client *c, const uint8_t *body,
		   size_t len);

/* register.c */
void ctl_reg_req(struct ctl_server *srv, struct ctl_client *c, const uint8_t *body, size_t len);
void ctl_auth_info(struct ctl_server *srv, struct ctl_client *c, const uint8_t *body,
		   size_t len);
void ctl_aaa_done(struct ctl_server *srv, const struct ctl_aaa_result *r);
bool ctl_net_taken(struct ctl_server *srv, const struct ctl_client *c, const struct ctl_net *n);
void ctl_refuse(struct ctl_server *srv, struct ctl_client *c, enum ctl_cache_slot slot,
		const uint8_t *req, size_t req_len, uint8_t code, const char *reason);

/* online.c */
void ctl_online_msg(struct ctl_server *srv, struct ctl_client *c, const struct vam_hdr *h,
		    const uint8_t *body, size_t len);
void ctl_remove(struct ctl_server *srv, struct ctl_client *c, enum ctl_acct_cause cause,
		const char *why);
void ctl_hubs_changed(struct ctl_server *srv, uint16_t domain);
size_t ctl_hub_list(struct ctl_server *srv, const struct ctl_client *c, uint8_t *out);
void ctl_hub_resend(struct ctl_server *srv, struct ctl_client *c);
void ctl_notify(struct ctl_server *srv, struct ctl_client *c, uint8_t code, const char *reason);

#endif
