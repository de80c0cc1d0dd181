/* SPDX-License-Identifier: BSD-3-Clause */
/* The gateway's configuration: INI file -> structs, every error located (file, section, key). */
#ifndef CTL_CONFIG_H
#define CTL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vam_keys.h"
#include "vam_suite.h"
#include "vam_tlv.h"

#define CTL_MAX_DOMAINS		64
#define CTL_MAX_USERS		1024
#define CTL_MAX_RADIUS		4
#define CTL_MAX_PREFIXES	32	/* LAN routes, spoke ranges per domain */
#define CTL_MAX_HUB_ADDRS	VAM_HUBS_MAX
#define CTL_MAX_STATIC		1024	/* static sessions (data-plane load tests) */

struct ctl_prefix {
	uint32_t addr;		/* host order, host bits zero */
	uint8_t len;
};

/* An inclusive address range; a CIDR prefix is stored as its range. */
struct ctl_range {
	uint32_t first, last;	/* host order */
};

enum ctl_aaa_kind { CTL_AAA_LOCAL = 0, CTL_AAA_RADIUS = 1 };

struct ctl_domain_cfg {
	uint16_t id;				/* 1..65535 */
	char name[64];
	uint8_t psk[VAM_PSK_MAX];
	size_t psk_len;				/* 1..128; required */
	struct vam_alg_list enc;		/* server priority, implemented ids only */
	struct vam_alg_list integ;
	uint8_t auth;				/* VAM_AUTH_NONE / PAP / CHAP */
	/* Per-client overrides by private address (vamgw extension): asked PAP / CHAP. */
	struct ctl_range pap[CTL_MAX_PREFIXES];
	unsigned int n_pap;
	struct ctl_range chap[CTL_MAX_PREFIXES];
	unsigned int n_chap;
	enum ctl_aaa_kind aaa;
	uint16_t keepalive;			/* seconds, 1..65535 */
	uint8_t retries;			/* 1..6 */
	uint32_t private_addr;			/* the gateway's own tunnel address */
	uint32_t hubs[CTL_MAX_HUB_ADDRS];	/* configured hub private addresses */
	unsigned int n_hubs;
	struct ctl_range spokes[CTL_MAX_PREFIXES];
	unsigned int n_spokes;
	uint32_t max_clients;			/* registered clients; REG_RESP CAPACITY above */
	uint32_t max_half_open;			/* INIT_RESP CAPACITY above (S-35) */
	bool allow_unprotected;			/* 0/0 may be negotiated (S-58); warned */
};

struct ctl_user_cfg {
	char name[VAM_USERNAME_MAX + 1];
	size_t name_len;
	uint8_t password[VAM_PASSWORD_MAX];
	size_t password_len;
	uint16_t domain;			/* 0: valid in every domain */
};

struct ctl_radius_cfg {
	char name[64];
	uint32_t addr;
	uint16_t auth_port;			/* default 1812 */
	uint16_t acct_port;			/* default 1813 */
	char secret[128];
	uint32_t timeout_ms;			/* per try, default 3000 */
	uint8_t retries;			/* default 3 */
};

/* A session that exists from start-up, without a handshake (data-plane load tests). */
struct ctl_static_cfg {
	char name[64];
	uint16_t domain;
	uint32_t server_id;			/* our id: the header id of packets we receive */
	uint32_t peer_id;			/* the client's id: header id of what we send */
	struct vam_suite suite;
	struct vam_dir_keys rx, tx;		/* data channel, c2s and s2c */
	uint32_t private_addr;			/* the client's tunnel address */
	uint32_t peer_addr;			/* where its DATA comes from / goes to */
	uint16_t peer_port;
	bool replay_check;			/* default true; false logs a warning */
};

struct ctl_config {
	char path[256];
	/* [gateway] */
	uint32_t outside_addr;			/* required */
	uint16_t vam_port;			/* 18000 */
	uint16_t data_port;			/* 18001 */
	struct ctl_prefix lan_routes[CTL_MAX_PREFIXES];
	unsigned int n_lan_routes;
	uint16_t lan_domain;			/* the domain the LAN port belongs to (S-56) */
	uint32_t lan_addr;			/* the gateway's address on the LAN port, 0 = none */
	uint16_t mtu;				/* tunnel MTU, 576..9000, default 1500 (S-55) */
	uint32_t max_half_open;			/* in total, default 65536 */
	uint32_t half_open_timeout_ms;		/* default 20000 (S-36) */
	uint32_t init_rate;			/* INIT_REQ/s in total, default 20000 */
	uint32_t init_rate_per_source;		/* INIT_REQ/s per source address, default 50 */
	uint32_t max_sessions;			/* all domains, default 1048576 */
	uint32_t aaa_timeout_ms;		/* give up on RADIUS, default 15000 (S-65) */
	/* sections */
	struct ctl_domain_cfg domains[CTL_MAX_DOMAINS];
	unsigned int n_domains;
	struct ctl_user_cfg *users;		/* CTL_MAX_USERS entries, allocated by load */
	unsigned int n_users;
	struct ctl_radius_cfg radius[CTL_MAX_RADIUS];
	unsigned int n_radius;
	struct ctl_static_cfg *statics;		/* CTL_MAX_STATIC entries, allocated by load */
	unsigned int n_statics;
	/*
	 * Settings load accepted but the operator should know about (PSK under
	 * 16 octets, "none" allowed, PAP without encryption, replay check off):
	 * one line each, "FILE:[SECTION]:KEY: ...\n", cut short when full;
	 * "" if none. Log them at start-up.
	 */
	char warnings[1024];
};

/*
 * Load and validate a configuration file. On error returns -1 and writes
 * one line "FILE:[SECTION]:KEY: what is wrong" (or "FILE: ..." for file
 * level errors) to err; nothing of a half-read file is kept. The caller
 * exits with status 2. On success returns 0; free with ctl_config_free.
 */
int ctl_config_load(const char *path, struct ctl_config *cfg, char *err, size_t errlen);
void ctl_config_free(struct ctl_config *cfg);

/* Defaults for everything but what must be given (used by load, and by tests). */
void ctl_config_defaults(struct ctl_config *cfg);
void ctl_domain_defaults(struct ctl_domain_cfg *d);

const struct ctl_domain_cfg *ctl_config_domain(const struct ctl_config *cfg, uint16_t id);

#endif
