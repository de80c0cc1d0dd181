/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The client side of the protocol, without I/O or clock: it turns each
 * server datagram into the next datagram to send (spec 6, 7). vam-client,
 * vam-loadgen and the control-plane tests drive it; timers and
 * retransmission (S-36) are the caller's.
 */
#ifndef VAM_CLIENT_H
#define VAM_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vam_handshake.h"
#include "vam_session.h"
#include "vam_tlv.h"

struct vam_client_cfg {
	uint16_t domain;
	uint8_t psk[VAM_PSK_MAX];
	size_t psk_len;
	uint16_t enc[VAM_ALGS_MAX];
	uint8_t n_enc;
	uint16_t integ[VAM_ALGS_MAX];
	uint8_t n_integ;
	char name[VAM_NAME_MAX + 1];
	uint32_t private_addr;
	uint32_t public_ip;		/* PUBLIC_ADDR: local control address as bound (S-46) */
	uint16_t public_port;
	uint16_t data_port;		/* DATA_PORT */
	uint32_t cookie;		/* CONNECTION_ID cookie */
	uint8_t networks[VAM_NETS_MAX * VAM_NET_ENTRY_LEN];	/* NETWORKS value */
	size_t networks_len;		/* 0: no NETWORKS attribute */
	uint8_t username[VAM_USERNAME_MAX];
	size_t username_len;		/* 0: no credentials */
	uint8_t password[VAM_PASSWORD_MAX];
	size_t password_len;
};

enum vam_client_state {
	VAM_CL_OFFLINE = 0,
	VAM_CL_INIT,		/* INIT_REQ sent */
	VAM_CL_INIT_DONE,	/* INIT_DONE_C sent */
	VAM_CL_REG,		/* REG_REQ sent */
	VAM_CL_AUTH,		/* AUTH_INFO sent */
	VAM_CL_REGISTERED,	/* REG_RESP 0 received, first KEEPALIVE sent */
	VAM_CL_ONLINE,		/* KEEPALIVE_ACK received */
	VAM_CL_FAILED,		/* refused: see code */
};

const char *vam_client_state_name(enum vam_client_state st);

struct vam_client {
	const struct vam_client_cfg *cfg;
	enum vam_client_state state;
	uint8_t code;			/* the server's code that failed or ended the session */
	enum vam_drop why;		/* local failure (transcript, bad proposal) */
	struct vam_dir_keys boot;
	struct vam_init_req req;
	struct vam_kx *kx;		/* this attempt's X25519 key pair, until INIT_RESP */
	uint8_t req_body[256];
	size_t req_len;
	struct vam_session s;
	uint8_t transcript[VAM_TRANSCRIPT_LEN];
	/* the last request, for retransmission (same plaintext, new seq) */
	uint8_t last_type;
	uint8_t last_body[VAM_CTRL_MAX];
	size_t last_len;
	/* what REG_RESP and HUB_INFO said */
	uint8_t role;
	uint16_t keepalive;
	uint8_t retries;
	uint32_t observed_ip;
	uint16_t observed_port;
	uint8_t hubs[VAM_HUBS_MAX * VAM_HUB_LEN];
	unsigned int n_hubs;
	/* the last message received, decoded (views into rx) */
	uint8_t rx_type, rx_code;
	uint8_t rx[VAM_CTRL_MAX];
	size_t rx_len;
	struct vam_attrs rx_at;
};

/* A fresh attempt (S-37): new SENDER_ID, NONCE and key pair; writes INIT_REQ. c must be
 * zeroed before its first start; vam_client_free releases what an attempt holds. */
long vam_client_start(struct vam_client *c, const struct vam_client_cfg *cfg, uint8_t *out,
		      size_t cap);

void vam_client_free(struct vam_client *c);

/* The last request again: INIT_REQ byte-identical plaintext, others with a new seq. */
long vam_client_retransmit(struct vam_client *c, uint8_t *out, size_t cap);

/*
 * Take one datagram from the server's VAM port. Returns VAM_OK or why it
 * was dropped. *out_len (0 if nothing is due) is the datagram to send next.
 */
enum vam_drop vam_client_input(struct vam_client *c, const uint8_t *dgram, size_t len,
			       uint8_t *out, size_t cap, size_t *out_len);

/* Send a request of type with body (KEEPALIVE, RESOLVE_REQ, NET_REG_REQ, LOGOUT_REQ, ...). */
long vam_client_request(struct vam_client *c, uint8_t type, const uint8_t *body, size_t len,
			uint8_t *out, size_t cap);

/* A DATA datagram carrying one inner packet (empty: a data keepalive, S-46). */
long vam_client_data(struct vam_client *c, const uint8_t *pkt, size_t len, uint8_t *out,
		     size_t cap);

/* Open DATA received from the server's data port; the inner packet goes to pkt. */
enum vam_drop vam_client_data_input(struct vam_client *c, const uint8_t *dgram, size_t len,
				    uint8_t *pkt, size_t cap, size_t *pkt_len);

#endif
