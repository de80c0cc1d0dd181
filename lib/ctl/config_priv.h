/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Private to the configuration loader: what config.c (sections, key tables,
 * checks, the interface) and config_parse.c (messages, value parsers, the
 * syntax pass) share. Every function returning int returns 0, or -1 after
 * writing the error with ctl_cfg_fail.
 */
#ifndef CTL_CONFIG_PRIV_H
#define CTL_CONFIG_PRIV_H

#include <arpa/inet.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_cfgfile.h>

#include "ctl_config.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define MAX_KEYS	32	/* per section kind: bits of ldr.seen */

struct ldr;
struct skind;
typedef int (*key_fn)(struct ldr *l, void *obj, const char *val);
typedef int (*item_fn)(struct ldr *l, void *obj, char *item);

/* The state of one load. */
struct ldr {
	struct ctl_config *cfg;
	const char *path;
	char *err;
	size_t errlen;
	unsigned int line;		/* syntax pass: the line of a line-level error */
	char sec[320];			/* the section being read, for messages */
	const char *key;		/* the key being read, or NULL */
	char keybuf[CFG_NAME_LEN];
	const struct skind *kind;
	uint32_t seen;			/* bit i: keys[i] given in this section */
	size_t hexlen[MAX_KEYS];	/* octets of each K_HEX key given */
	bool have_gateway;
};

/* Messages, located by l: the error (returns -1), a warning line in cfg->warnings. */
__attribute__((format(printf, 2, 3)))
int ctl_cfg_fail(struct ldr *l, const char *fmt, ...);
__attribute__((format(printf, 2, 3)))
void ctl_cfg_warn(struct ldr *l, const char *fmt, ...);
const char *ctl_cfg_ipstr(uint32_t a, char buf[INET_ADDRSTRLEN]);

/* Values. */
int ctl_cfg_parse_num(struct ldr *l, const char *s, uint32_t min, uint32_t max, bool hex,
		      uint32_t *out);
int ctl_cfg_parse_bool(struct ldr *l, const char *s, bool *out);
int ctl_cfg_host_ip(struct ldr *l, const char *s, uint32_t *out);
int ctl_cfg_parse_hex(struct ldr *l, const char *s, uint8_t *out, size_t cap, size_t *len);
int ctl_cfg_each_item(struct ldr *l, void *obj, const char *v, item_fn fn);

/* List items (item_fn). */
int ctl_cfg_item_enc(struct ldr *l, void *obj, char *item);
int ctl_cfg_item_integ(struct ldr *l, void *obj, char *item);
int ctl_cfg_item_lan_route(struct ldr *l, void *obj, char *item);
int ctl_cfg_item_hub(struct ldr *l, void *obj, char *item);
int ctl_cfg_item_spoke(struct ldr *l, void *obj, char *item);
int ctl_cfg_item_pap(struct ldr *l, void *obj, char *item);
int ctl_cfg_item_chap(struct ldr *l, void *obj, char *item);

/* Keys parsed by a function of their own (key_fn). */
int ctl_cfg_set_auth(struct ldr *l, void *obj, const char *v);
int ctl_cfg_set_aaa(struct ldr *l, void *obj, const char *v);
int ctl_cfg_set_static_enc(struct ldr *l, void *obj, const char *v);
int ctl_cfg_set_static_integ(struct ldr *l, void *obj, const char *v);
int ctl_cfg_set_peer(struct ldr *l, void *obj, const char *v);

/* Pass 1: the file line by line; leaves l->line, l->sec and l->key cleared. */
int ctl_cfg_syntax_pass(struct ldr *l);

#endif
