/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A world for driving the control plane in tests: a configuration, a fake
 * clock, a sink that records what the server sends and publishes, a fake
 * AAA backend the test answers, and clients built on lib/vam's client side.
 */
#ifndef VAM_SRVHARNESS_H
#define VAM_SRVHARNESS_H

#include <stdbool.h>
#include <stdint.h>

#include "ctl_server.h"
#include "vam_client.h"

#define H_DOMAIN	7
#define H_PSK		"harness-psk-0123456789"
#define H_GW_PRIV	0x0a010001u	/* 10.1.0.1 */
#define H_GW_OUT	0xc0000201u	/* 192.0.2.1 */
#define H_HUB1		0x0a010002u	/* 10.1.0.2 */
#define H_HUB2		0x0a010003u	/* 10.1.0.3 */
#define H_LAN		0xac100000u	/* 172.16.0.0/16 */
#define H_MAXQ		4096

struct h_pkt {
	enum vam_chan chan;
	struct ctl_addr dst;
	uint16_t len;
	uint8_t d[VAM_CTRL_MAX];
};

struct h_fake_aaa {
	struct ctl_aaa_backend be;
	struct ctl_aaa_request req[64];
	unsigned int n_req;
	struct ctl_aaa_result res[64];
	unsigned int n_res;
	bool refuse_submit;
	bool auto_answer;		/* answer at once from the known users */
	struct ctl_acct_record acct[64];
	unsigned int n_acct;
};

struct h_world {
	struct ctl_config cfg;
	struct ctl_server *srv;
	uint64_t now;
	struct h_pkt *q;		/* sent by the server, not yet delivered */
	unsigned int nq;
	unsigned int sent_total;
	struct h_fake_aaa aaa;
	/* what the server published */
	unsigned int ups, downs, routes_added, routes_deleted;
	struct ctl_dp_session last_up;
	struct vam_chan_keys last_up_keys;
	uint32_t last_down;
	uint64_t data_last_rx;		/* what the fake data path says of DATA (S-53) */
	unsigned int events[8];
};

struct h_client {
	struct vam_client c;
	struct vam_client_cfg cfg;
	struct ctl_addr addr;		/* its control source as the server sees it */
};

/* A world with domain 7 (auth as given), users alice/secret and bob/hunter2. */
void h_world_init(struct h_world *w, uint8_t auth);
/* Create the server after the test changed w->cfg. */
void h_world_start(struct h_world *w);
void h_world_fini(struct h_world *w);
void h_advance(struct h_world *w, uint64_t ms);

/* A spoke 10.1.0.<host> behind 203.0.113.<host>:61000, offering aes-256-gcm. */
void h_client_init(struct h_client *k, uint8_t host);
void h_client_creds(struct h_client *k, const char *user, const char *password);
/* Release what the clients' engines hold (an unanswered attempt's key pair). */
void h_clients_free(struct h_client *k, unsigned int n);

/* Client -> server. */
void h_send(struct h_world *w, struct h_client *k, const uint8_t *dgram, long len);
/* Server -> client: hand the client everything queued for it, send its answers; count. */
unsigned int h_pump(struct h_world *w, struct h_client *k);
/* INIT_REQ, then pump until nothing moves. Returns the client state. */
enum vam_client_state h_connect(struct h_world *w, struct h_client *k);
/* Queued datagrams for an address (without delivering them). */
unsigned int h_pending(const struct h_world *w, struct ctl_addr a);
/* Take the first queued datagram for k; false if none. */
bool h_take(struct h_world *w, struct h_client *k, struct h_pkt *out);
/* Drop everything queued. */
void h_flush(struct h_world *w);
/* A request of type with body from k (through its session), delivered to the server. */
void h_request(struct h_world *w, struct h_client *k, uint8_t type, const uint8_t *body,
	       size_t len);
/* Deliver the next queued datagram to k and return its type (0 if none). */
uint8_t h_next(struct h_world *w, struct h_client *k);

/*
 * Take the next datagram for k, check its type and code, and hand it to
 * the client engine (the decoded body stays in k->c.rx_at); whatever the
 * engine would answer is not sent.
 */
void h_expect(struct h_world *w, struct h_client *k, uint8_t type, uint8_t code);

/* Answer every queued AAA request with the status (then poll). */
void h_aaa_answer(struct h_world *w, enum ctl_aaa_status st);

uint64_t h_drops(const struct h_world *w, enum vam_drop d);

#endif
