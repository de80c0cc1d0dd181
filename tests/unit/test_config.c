/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The configuration loader: the shipped example, defaults, the PSK forms,
 * lists, static sessions, warnings, and one located error per bad key or value.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl_config.h"
#include "testutil.h"

#ifndef VAM_CONFIG_DIR
#error "VAM_CONFIG_DIR must name the directory of vamgw.conf"
#endif

static char tmpdir[] = "/tmp/vamgw-test-config-XXXXXX";
static struct ctl_config cfg;
static char err[512];

/* Write text to a fresh file in tmpdir, load it into cfg, remove the file. */
static int load_text(const char *text)
{
	static unsigned int seq;
	char path[128];
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/t%ld-%u.conf", tmpdir, (long)getpid(), seq++);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(fputs(text, f), 0);
	ck_assert_int_eq(fclose(f), 0);
	rc = ctl_config_load(path, &cfg, err, sizeof(err));
	unlink(path);
	return rc;
}

/* Load text that must be accepted. */
static void load_ok(const char *text)
{
	int rc = load_text(text);

	ck_assert_msg(rc == 0, "load failed: %s", err);
	ck_assert_str_eq(err, "");
}

static void teardown(void)
{
	ctl_config_free(&cfg);
}

static uint32_t ip(const char *s)
{
	return tu_ipv4(s, NULL);
}

#define GW	"[gateway]\naddress = 192.0.2.1\n"
#define DOMH	"[domain corp]\nid = 7\n"
/* The gateway's own address outside the spoke ranges (it may also be inside). */
#define DOMA	"private_address = 10.1.255.1\nspokes = 10.1.0.0/24\n"
#define DOMB	"psk = 0123456789abcdef\n" DOMA
#define DOM	DOMH DOMB
#define DOM2	"[domain lab]\nid = 8\npsk = 0123456789abcdef\nprivate_address = 10.2.255.1\n" \
		"spokes = 10.2.0.0/24\n"
#define K16	"000102030405060708090a0b0c0d0e0f"
#define K32	K16 K16
#define X16	"0123456789abcdef"
#define X64	X16 X16 X16 X16
#define STAH	"[static s1]\ndomain = 7\nserver_id = 0x100\npeer_id = 0x200\n" \
		"private_address = 10.1.0.100\npeer = 198.51.100.20:40000\n"
#define GCM	"encryption = aes-128-gcm\nintegrity = none\n" \
		"rx_key = " K16 "\ntx_key = " K16 "\n"
#define SALTS	"rx_salt = 01020304\ntx_salt = 05060708\n"
#define CBC	"encryption = aes-256-cbc\nintegrity = hmac-sha256\nrx_key = " K32 "\n" \
		"tx_key = " K32 "\n"
#define AUTHK	"rx_auth_key = " K32 "\ntx_auth_key = " K32 "\n"
#define RAD(n)	"[radius r" #n "]\naddress = 192.0.2.10\nsecret = s\n"
#define HB8(x)	"hubs = 10.1." x ".1, 10.1." x ".2, 10.1." x ".3, 10.1." x ".4, " \
		"10.1." x ".5, 10.1." x ".6, 10.1." x ".7, 10.1." x ".8\n"
#define SP8(x)	"spokes = 10." x "0.0.0/16, 10." x "1.0.0/16, 10." x "2.0.0/16, " \
		"10." x "3.0.0/16, 10." x "4.0.0/16, 10." x "5.0.0/16, 10." x "6.0.0/16, " \
		"10." x "7.0.0/16\n"

START_TEST(example_loads)
{
	const struct ctl_domain_cfg *d;
	const char *psk = "replace-with-a-long-random-secret";

	ck_assert_msg(ctl_config_load(VAM_CONFIG_DIR "/vamgw.conf", &cfg, err, sizeof(err)) == 0,
		      "%s", err);
	ck_assert_str_eq(cfg.path, VAM_CONFIG_DIR "/vamgw.conf");
	ck_assert_str_eq(cfg.warnings, "");
	ck_assert_uint_eq(cfg.outside_addr, ip("192.0.2.1"));
	ck_assert_uint_eq(cfg.vam_port, 18000);
	ck_assert_uint_eq(cfg.data_port, 18001);
	ck_assert_uint_eq(cfg.n_lan_routes, 1);
	ck_assert_uint_eq(cfg.lan_routes[0].addr, ip("172.16.0.0"));
	ck_assert_uint_eq(cfg.lan_routes[0].len, 16);
	ck_assert_uint_eq(cfg.lan_domain, 7);
	ck_assert_uint_eq(cfg.lan_addr, 0);
	ck_assert_uint_eq(cfg.mtu, 1500);
	ck_assert_uint_eq(cfg.n_domains, 1);
	d = ctl_config_domain(&cfg, 7);
	ck_assert_ptr_eq(d, &cfg.domains[0]);
	ck_assert_str_eq(d->name, "corp");
	ck_assert_uint_eq(d->psk_len, strlen(psk));
	ck_mem(d->psk, psk, d->psk_len, "psk");
	ck_assert_uint_eq(d->auth, VAM_AUTH_CHAP);
	ck_assert_int_eq(d->aaa, CTL_AAA_LOCAL);
	ck_assert_uint_eq(d->private_addr, ip("10.1.0.1"));
	ck_assert_uint_eq(d->n_hubs, 0);
	ck_assert_uint_eq(d->n_spokes, 1);
	ck_assert_uint_eq(d->spokes[0].first, ip("10.1.0.0"));
	ck_assert_uint_eq(d->spokes[0].last, ip("10.1.0.255"));
	ck_assert(!d->allow_unprotected);
	ck_assert_uint_eq(cfg.n_users, 2);
	ck_assert_str_eq(cfg.users[0].name, "alice");
	ck_assert_uint_eq(cfg.users[0].name_len, 5);
	ck_assert_uint_eq(cfg.users[0].domain, 7);
	ck_assert_uint_eq(cfg.users[0].password_len, strlen("alice-password-1"));
	ck_mem(cfg.users[0].password, "alice-password-1", cfg.users[0].password_len, "password");
	ck_assert_str_eq(cfg.users[1].name, "bob");
	ck_assert_uint_eq(cfg.users[1].domain, 0);
	ck_assert_uint_eq(cfg.n_radius, 0);
	ck_assert_uint_eq(cfg.n_statics, 0);
}
END_TEST

START_TEST(defaults_applied)
{
	struct ctl_config want;
	struct ctl_domain_cfg wd;
	const struct ctl_domain_cfg *d = &cfg.domains[0];
	static const uint16_t enc[] = { VAM_ENC_AES256_GCM, VAM_ENC_AES128_GCM,
					VAM_ENC_CHACHA20_POLY1305, VAM_ENC_AES256_CBC,
					VAM_ENC_AES192_CBC, VAM_ENC_AES128_CBC };
	static const uint16_t integ[] = { VAM_INTEG_HMAC_SHA256, VAM_INTEG_HMAC_SHA1 };

	ctl_config_defaults(&want);
	ck_assert_uint_eq(want.vam_port, 18000);
	ck_assert_uint_eq(want.data_port, 18001);
	ck_assert_uint_eq(want.mtu, 1500);
	ck_assert_uint_eq(want.max_half_open, 65536);
	ck_assert_uint_eq(want.half_open_timeout_ms, 20000);
	ck_assert_uint_eq(want.init_rate, 20000);
	ck_assert_uint_eq(want.init_rate_per_source, 50);
	ck_assert_uint_eq(want.max_sessions, 1048576);
	ck_assert_uint_eq(want.aaa_timeout_ms, 15000);
	ctl_domain_defaults(&wd);
	ck_assert_uint_eq(wd.enc.n, ARRAY_SIZE(enc));
	ck_mem(wd.enc.id, enc, sizeof(enc), "default encryption");
	ck_assert_uint_eq(wd.integ.n, ARRAY_SIZE(integ));
	ck_mem(wd.integ.id, integ, sizeof(integ), "default integrity");
	ck_assert_uint_eq(wd.auth, VAM_AUTH_NONE);
	ck_assert_int_eq(wd.aaa, CTL_AAA_LOCAL);
	ck_assert_uint_eq(wd.keepalive, 10);
	ck_assert_uint_eq(wd.retries, 3);
	ck_assert_uint_eq(wd.max_clients, 100000);
	ck_assert_uint_eq(wd.max_half_open, 1024);
	ck_assert(!wd.allow_unprotected);

	load_ok(GW DOM);
	ck_assert_uint_eq(cfg.vam_port, want.vam_port);
	ck_assert_uint_eq(cfg.data_port, want.data_port);
	ck_assert_uint_eq(cfg.mtu, want.mtu);
	ck_assert_uint_eq(cfg.max_half_open, want.max_half_open);
	ck_assert_uint_eq(cfg.half_open_timeout_ms, want.half_open_timeout_ms);
	ck_assert_uint_eq(cfg.init_rate, want.init_rate);
	ck_assert_uint_eq(cfg.init_rate_per_source, want.init_rate_per_source);
	ck_assert_uint_eq(cfg.max_sessions, want.max_sessions);
	ck_assert_uint_eq(cfg.aaa_timeout_ms, want.aaa_timeout_ms);
	ck_assert_uint_eq(cfg.n_lan_routes, 0);
	ck_assert_uint_eq(cfg.lan_domain, 7);	/* the only domain */
	ck_assert_uint_eq(d->enc.n, wd.enc.n);
	ck_mem(d->enc.id, wd.enc.id, sizeof(enc), "encryption");
	ck_assert_uint_eq(d->integ.n, wd.integ.n);
	ck_mem(d->integ.id, wd.integ.id, sizeof(integ), "integrity");
	ck_assert_uint_eq(d->auth, wd.auth);
	ck_assert_int_eq(d->aaa, wd.aaa);
	ck_assert_uint_eq(d->keepalive, wd.keepalive);
	ck_assert_uint_eq(d->retries, wd.retries);
	ck_assert_uint_eq(d->max_clients, wd.max_clients);
	ck_assert_uint_eq(d->max_half_open, wd.max_half_open);
	ck_assert_uint_eq(cfg.n_users + cfg.n_radius + cfg.n_statics, 0);
	ck_assert_str_eq(cfg.warnings, "");
}
END_TEST

START_TEST(every_gateway_key)
{
	load_ok("[gateway]\naddress = 192.0.2.1 ; outside\nvam_port = 5000\ndata_port = 5001\n"
		"lan_routes = 172.16.0.0/16, 0.0.0.0/0\nlan_routes = 192.168.1.128/25\n"
		"lan_domain = 8\nlan_address = 172.16.0.1\nmtu = 9000\nmax_half_open = 1\n"
		"half_open_timeout = 30\ninit_rate = 100\ninit_rate_per_source = 7\n"
		"max_sessions = 16777216\naaa_timeout = 60\n" DOM DOM2);
	ck_assert_uint_eq(cfg.vam_port, 5000);
	ck_assert_uint_eq(cfg.data_port, 5001);
	ck_assert_uint_eq(cfg.n_lan_routes, 3);
	ck_assert_uint_eq(cfg.lan_routes[1].addr, 0);
	ck_assert_uint_eq(cfg.lan_routes[1].len, 0);
	ck_assert_uint_eq(cfg.lan_routes[2].addr, ip("192.168.1.128"));
	ck_assert_uint_eq(cfg.lan_routes[2].len, 25);
	ck_assert_uint_eq(cfg.lan_domain, 8);
	ck_assert_uint_eq(cfg.lan_addr, ip("172.16.0.1"));
	ck_assert_uint_eq(cfg.mtu, 9000);
	ck_assert_uint_eq(cfg.max_half_open, 1);
	ck_assert_uint_eq(cfg.half_open_timeout_ms, 30000);
	ck_assert_uint_eq(cfg.init_rate, 100);
	ck_assert_uint_eq(cfg.init_rate_per_source, 7);
	ck_assert_uint_eq(cfg.max_sessions, 16777216);
	ck_assert_uint_eq(cfg.aaa_timeout_ms, 60000);
	ck_assert_uint_eq(cfg.n_domains, 2);
	ck_assert_ptr_eq(ctl_config_domain(&cfg, 8), &cfg.domains[1]);
	ck_assert_ptr_null(ctl_config_domain(&cfg, 9));
}
END_TEST

START_TEST(every_domain_key)
{
	const struct ctl_domain_cfg *d = &cfg.domains[0];

	load_ok(GW "[domain corp]\nid = 65535\npsk_hex = " K32 "\n"
		"encryption = chacha20-poly1305, aes-128-cbc\nintegrity = hmac-sha512, hmac-sha1\n"
		"authentication = pap\naaa = radius\nkeepalive = 65535\nretries = 6\n"
		"private_address = 10.9.0.1\nhubs = 10.9.0.2, 10.9.0.3\nhubs = 10.9.1.1\n"
		"spokes = 10.9.2.0/24, 10.9.3.10 - 10.9.3.20\nspokes = 10.9.0.4/31\n"
		"max_clients = 5\nmax_half_open = 6\nallow_unprotected = no\n" RAD(1));
	ck_assert_uint_eq(d->id, 65535);
	ck_assert_uint_eq(d->psk_len, 32);
	ck_assert_uint_eq(d->enc.n, 2);
	ck_assert_uint_eq(d->enc.id[0], VAM_ENC_CHACHA20_POLY1305);
	ck_assert_uint_eq(d->enc.id[1], VAM_ENC_AES128_CBC);
	ck_assert_uint_eq(d->integ.n, 2);
	ck_assert_uint_eq(d->integ.id[0], VAM_INTEG_HMAC_SHA512);
	ck_assert_uint_eq(d->integ.id[1], VAM_INTEG_HMAC_SHA1);
	ck_assert_uint_eq(d->auth, VAM_AUTH_PAP);
	ck_assert_int_eq(d->aaa, CTL_AAA_RADIUS);
	ck_assert_uint_eq(d->keepalive, 65535);
	ck_assert_uint_eq(d->retries, 6);
	ck_assert_uint_eq(d->private_addr, ip("10.9.0.1"));
	ck_assert_uint_eq(d->n_hubs, 3);
	ck_assert_uint_eq(d->hubs[2], ip("10.9.1.1"));
	ck_assert_uint_eq(d->n_spokes, 3);
	ck_assert_uint_eq(d->spokes[1].first, ip("10.9.3.10"));
	ck_assert_uint_eq(d->spokes[1].last, ip("10.9.3.20"));
	ck_assert_uint_eq(d->spokes[2].first, ip("10.9.0.4"));
	ck_assert_uint_eq(d->spokes[2].last, ip("10.9.0.5"));
	ck_assert_uint_eq(d->max_clients, 5);
	ck_assert_uint_eq(d->max_half_open, 6);
	ck_assert_uint_eq(cfg.n_radius, 1);
}
END_TEST

START_TEST(hubs_only_and_many)
{
	load_ok(GW "[domain corp]\nid = 7\npsk = 0123456789abcdef\nprivate_address = 10.1.255.1\n"
		"hubs = 10.1.0.2\n");
	ck_assert_uint_eq(cfg.domains[0].n_spokes, 0);
	ctl_config_free(&cfg);
	load_ok(GW DOM SP8("2") SP8("3") SP8("4") "spokes = 10.50.0.0/16, 10.51.0.0/16, "
		"10.52.0.0/16, 10.53.0.0/16, 10.54.0.0/16, 10.55.0.0/16, 10.56.0.0/16\n"
		HB8("1") HB8("2") HB8("3") HB8("4") HB8("5") HB8("6") HB8("7") HB8("8"));
	ck_assert_uint_eq(cfg.domains[0].n_spokes, CTL_MAX_PREFIXES);
	ck_assert_uint_eq(cfg.domains[0].n_hubs, CTL_MAX_HUB_ADDRS);
	ck_assert_uint_eq(cfg.domains[0].hubs[63], ip("10.1.8.8"));
}
END_TEST

/* The gateway's own address may lie inside a spoke range: S-41 refuses a client claiming it. */
START_TEST(private_in_spokes)
{
	const struct ctl_domain_cfg *d;

	load_ok(GW DOMH "psk = 0123456789abcdef\nprivate_address = 10.1.0.10\n"
		"spokes = 10.1.0.0/24\n");
	d = &cfg.domains[0];
	ck_assert_uint_eq(d->private_addr, ip("10.1.0.10"));
	ck_assert_uint_eq(d->n_spokes, 1);
	ck_assert_uint_eq(d->spokes[0].first, ip("10.1.0.0"));
	ck_assert_uint_eq(d->spokes[0].last, ip("10.1.0.255"));
	ck_assert_str_eq(cfg.warnings, "");
}
END_TEST

START_TEST(per_address_methods)
{
	const struct ctl_domain_cfg *d;

	load_ok(GW DOMH "psk = 0123456789abcdef\nprivate_address = 10.1.0.1\n"
		"spokes = 10.1.0.0/24\npap_addresses = 10.1.0.20-10.1.0.29\n"
		"chap_addresses = 10.1.0.32/28, 10.1.0.64/28\n");
	d = &cfg.domains[0];
	ck_assert_uint_eq(d->n_pap, 1);
	ck_assert_uint_eq(d->pap[0].first, ip("10.1.0.20"));
	ck_assert_uint_eq(d->pap[0].last, ip("10.1.0.29"));
	ck_assert_uint_eq(d->n_chap, 2);
	ck_assert_uint_eq(d->chap[1].first, ip("10.1.0.64"));
	ck_assert_uint_eq(d->chap[1].last, ip("10.1.0.79"));
	ctl_config_free(&cfg);
	ck_assert_int_eq(load_text(GW DOMH "psk = 0123456789abcdef\nprivate_address = 10.1.0.1\n"
				   "spokes = 10.1.0.0/24\npap_addresses = 10.1.0.29-10.1.0.20\n"),
			 -1);
	ck_assert_ptr_nonnull(strstr(err, "[domain corp]:pap_addresses"));
}
END_TEST

START_TEST(psk_forms)
{
	static const uint8_t hex[] = { 0x00, 0xff, 0x10, 0xab, 0xcd, 0xef, 0x01, 0x02,
				       0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a };
	const struct ctl_domain_cfg *d = &cfg.domains[0];

	/* Text: its bytes as written, no terminator; "\;" is a ';'. */
	load_ok(GW DOMH "psk = correct horse;battery staple\\;x\n" DOMA);
	ck_assert_uint_eq(d->psk_len, 13);
	ck_mem(d->psk, "correct horse", 13, "psk");
	ctl_config_free(&cfg);
	load_ok(GW DOMH "psk = semi\\;colon is fine\n" DOMA);
	ck_assert_uint_eq(d->psk_len, strlen("semi;colon is fine"));
	ck_mem(d->psk, "semi;colon is fine", d->psk_len, "escaped psk");
	ctl_config_free(&cfg);
	/* Hex, either case. */
	load_ok(GW DOMH "psk_hex = 00FF10abCDef0102030405060708090a\n" DOMA);
	ck_assert_uint_eq(d->psk_len, sizeof(hex));
	ck_mem(d->psk, hex, sizeof(hex), "psk_hex");
	ctl_config_free(&cfg);
	/* 128 octets of text are allowed. */
	load_ok(GW DOMH "psk = " X64 X64 "\n" DOMA);
	ck_assert_uint_eq(d->psk_len, 128);
	ck_assert_str_eq(cfg.warnings, "");
}
END_TEST

/* The limits of rte_cfgfile's line buffer, which the syntax pass restates. */
START_TEST(line_limits)
{
	char text[1024];
	char pad[400];

	/* A 322-character line is read whole; 323 is refused before rte_cfgfile sees it. */
	memset(pad, ' ', sizeof(pad));
	snprintf(text, sizeof(text), GW DOM "hubs = 10.1.1.1%.*s; 322\n", 322 - 20, pad);
	load_ok(text);
	ck_assert_uint_eq(cfg.domains[0].n_hubs, 1);
	ctl_config_free(&cfg);
	snprintf(text, sizeof(text), GW DOM "hubs = 10.1.1.1%.*s; 323\n", 323 - 20, pad);
	ck_assert_int_eq(load_text(text), -1);
	ck_assert_ptr_nonnull(strstr(err, ".conf:8: line longer than 322 characters"));
	/* Values of up to 255 characters: psk_hex holds at most 127 octets. */
	load_ok(GW DOMH "psk_hex = " X64 X64 X64 X16 X16 X16 "0123456789abcd\n" DOMA);
	ck_assert_uint_eq(cfg.domains[0].psk_len, 127);
	ctl_config_free(&cfg);
	ck_assert_int_eq(load_text(GW DOMH "psk_hex = " X64 X64 X64 X64 "\n" DOMA), -1);
	ck_assert_ptr_nonnull(strstr(err, "[domain corp]:psk_hex: value longer than 255"));
	ck_assert_int_eq(load_text(GW "mtu = 1\x01\n" DOM), -1);
	/* The error stays one printable line whatever the file holds. */
	ck_assert_ptr_nonnull(strstr(err, "\"1?\": trailing"));
}
END_TEST

START_TEST(short_psk_warns)
{
	load_ok(GW DOMH "psk = short\n" DOMA);
	ck_assert_uint_eq(cfg.domains[0].psk_len, 5);
	ck_assert_ptr_nonnull(strstr(cfg.warnings, "[domain corp]:psk: only 5 octets"));
	ck_assert_ptr_nonnull(strstr(cfg.warnings, "16"));
	ctl_config_free(&cfg);
	load_ok(GW DOMH "psk_hex = 01\n" DOMA);
	ck_assert_uint_eq(cfg.domains[0].psk_len, 1);
	ck_assert_ptr_nonnull(strstr(cfg.warnings, "[domain corp]:psk_hex:"));
}
END_TEST

START_TEST(unprotected_warns)
{
	const struct ctl_domain_cfg *d = &cfg.domains[0];

	load_ok(GW DOM "encryption = aes-128-gcm, none\nintegrity = hmac-sha1, none\n"
		  "allow_unprotected = yes\n");
	ck_assert(d->allow_unprotected);
	ck_assert_uint_eq(d->enc.id[1], VAM_ENC_NONE);
	ck_assert_uint_eq(d->integ.id[1], VAM_INTEG_NONE);
	ck_assert_ptr_nonnull(strstr(cfg.warnings, "[domain corp]:allow_unprotected:"));
	ck_assert_ptr_nonnull(strstr(cfg.warnings, "S-58"));
	ck_assert_ptr_null(strstr(cfg.warnings, "S-39"));
	ctl_config_free(&cfg);
	load_ok(GW DOM "encryption = none, aes-128-gcm\nauthentication = pap\n"
		"allow_unprotected = yes\n");
	ck_assert_ptr_nonnull(strstr(cfg.warnings, "without encryption may be negotiated"));
	ck_assert_ptr_nonnull(strstr(cfg.warnings, "S-39"));
	ctl_config_free(&cfg);
	load_ok(GW DOM STAH GCM SALTS "replay_check = no\n");
	ck_assert_uint_eq(cfg.n_statics, 1);
	ck_assert(!cfg.statics[0].replay_check);
	ck_assert_ptr_nonnull(strstr(cfg.warnings, "[static s1]:replay_check:"));
}
END_TEST

START_TEST(static_sessions)
{
	const struct ctl_static_cfg *s;
	uint8_t k[32];

	load_ok(GW DOM STAH GCM SALTS "[static s2]\ndomain = 7\nserver_id = 4294967295\n"
		"peer_id = 0xFFFFFFFF\nprivate_address = 10.1.0.101\npeer = 198.51.100.21:1\n"
		CBC AUTHK "rx_salt = aabbccdd\nreplay_check = yes\n");
	ck_assert_uint_eq(cfg.n_statics, 2);
	s = &cfg.statics[0];
	ck_assert_str_eq(s->name, "s1");
	ck_assert_uint_eq(s->domain, 7);
	ck_assert_uint_eq(s->server_id, 0x100);
	ck_assert_uint_eq(s->peer_id, 0x200);
	ck_assert_uint_eq(s->suite.enc, VAM_ENC_AES128_GCM);
	ck_assert_uint_eq(s->suite.integ, VAM_INTEG_NONE);
	tu_hex(K16, k, sizeof(k));
	ck_mem(s->rx.enc, k, 16, "rx key (c2s)");
	ck_mem(s->tx.enc, k, 16, "tx key (s2c)");
	ck_mem(s->rx.salt, "\x01\x02\x03\x04", 4, "rx salt");
	ck_mem(s->tx.salt, "\x05\x06\x07\x08", 4, "tx salt");
	ck_assert_uint_eq(s->private_addr, ip("10.1.0.100"));
	ck_assert_uint_eq(s->peer_addr, ip("198.51.100.20"));
	ck_assert_uint_eq(s->peer_port, 40000);
	ck_assert(s->replay_check);
	s = &cfg.statics[1];
	ck_assert_uint_eq(s->server_id, UINT32_MAX);
	ck_assert_uint_eq(s->peer_id, UINT32_MAX);
	ck_assert_uint_eq(s->suite.enc, VAM_ENC_AES256_CBC);
	ck_assert_uint_eq(s->suite.integ, VAM_INTEG_HMAC_SHA256);
	tu_hex(K32, k, sizeof(k));
	ck_mem(s->rx.enc, k, 32, "cbc rx key");
	ck_mem(s->tx.integ, k, 32, "cbc tx auth key");
	ck_mem(s->rx.salt, "\xaa\xbb\xcc\xdd", 4, "optional salt");
	ck_assert_uint_eq(s->peer_port, 1);
}
END_TEST

START_TEST(users_and_radius)
{
	const struct ctl_radius_cfg *r;

	load_ok(GW DOM DOM2 "[user alice]\npassword = pw\n"
		"[user alice]\npassword = pw7\ndomain = 7\n"
		"[user alice]\npassword = pw8\ndomain = 8\n[user " X16 X16 X16 "]\npassword = " X16
		X16 X16 "0123456789abcde\n"
		"[radius main]\naddress = 127.0.0.1\nauth_port = 11812\nacct_port = 11813\n"
		"secret = s3cret\\; really\ntimeout = 5\nretries = 0\n" RAD(2) RAD(3) RAD(4));
	ck_assert_uint_eq(cfg.n_users, 4);
	ck_assert_uint_eq(cfg.users[1].domain, 7);
	ck_assert_uint_eq(cfg.users[2].domain, 8);
	ck_assert_uint_eq(cfg.users[3].name_len, 48);
	ck_assert_uint_eq(cfg.users[3].password_len, 63);
	ck_assert_uint_eq(cfg.n_radius, 4);
	r = &cfg.radius[0];
	ck_assert_str_eq(r->name, "main");
	ck_assert_uint_eq(r->addr, ip("127.0.0.1"));
	ck_assert_uint_eq(r->auth_port, 11812);
	ck_assert_uint_eq(r->acct_port, 11813);
	ck_assert_str_eq(r->secret, "s3cret; really");
	ck_assert_uint_eq(r->timeout_ms, 5000);
	ck_assert_uint_eq(r->retries, 0);
	r = &cfg.radius[1];
	ck_assert_uint_eq(r->auth_port, 1812);
	ck_assert_uint_eq(r->acct_port, 1813);
	ck_assert_uint_eq(r->timeout_ms, 3000);
	ck_assert_uint_eq(r->retries, 3);
}
END_TEST

START_TEST(missing_file)
{
	const char *path = "/nonexistent/vamgw.conf";

	memset(&cfg, 0xa5, sizeof(cfg));
	ck_assert_int_eq(ctl_config_load(path, &cfg, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "/nonexistent/vamgw.conf: cannot open: No such file or directory");
	ck_assert_ptr_null(cfg.users);
	ck_assert_ptr_null(cfg.statics);
	ck_assert_uint_eq(cfg.n_domains, 0);
	/* A small error buffer gets a cut-short line; no buffer at all is fine. */
	ck_assert_int_eq(ctl_config_load(path, &cfg, err, 8), -1);
	ck_assert_str_eq(err, "/nonexi");
	ck_assert_int_eq(ctl_config_load(path, &cfg, NULL, 0), -1);
	/* A directory opens but does not read. */
	ck_assert_int_eq(ctl_config_load(tmpdir, &cfg, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, ": cannot read: Is a directory"));
	ck_assert_ptr_null(cfg.users);
}
END_TEST

START_TEST(free_is_safe)
{
	struct ctl_config z;

	memset(&z, 0, sizeof(z));
	ctl_config_free(&z);
	ctl_config_free(&z);
	ctl_config_free(NULL);
	load_ok(GW DOM);
	ctl_config_free(&cfg);
	ck_assert_ptr_null(cfg.users);
	ctl_config_free(&cfg);
}
END_TEST

struct bad {
	const char *text;
	const char *where;	/* "[section]:key" (or "FILE:LINE: ") the error must name */
	const char *word;	/* and a word of its message */
};

static const struct bad bad[] = {
	/* [gateway] */
	{ DOM, "[gateway]: ", "missing" },
	{ "[gateway]\nvam_port = 1\n" DOM, "[gateway]:address: ", "missing" },
	{ "[gateway]\naddress = 192.0.2\n" DOM, "[gateway]:address: ", "IPv4" },
	{ "[gateway]\naddress = 192.0.2.1x\n" DOM, "[gateway]:address: ", "IPv4" },
	{ "[gateway]\naddress = 0.0.0.0\n" DOM, "[gateway]:address: ", "unicast" },
	{ "[gateway]\naddress = 224.0.0.1\n" DOM, "[gateway]:address: ", "unicast" },
	{ GW "vam_port = 0\n" DOM, "[gateway]:vam_port: ", "range" },
	{ GW "vam_port = 65536\n" DOM, "[gateway]:vam_port: ", "range" },
	{ GW "data_port = 18001x\n" DOM, "[gateway]:data_port: ", "trailing" },
	{ GW "data_port = 18000\n" DOM, "[gateway]:data_port: ", "same" },
	{ GW "mtu = 575\n" DOM, "[gateway]:mtu: ", "range" },
	{ GW "mtu = 9001\n" DOM, "[gateway]:mtu: ", "range" },
	{ GW "mtu = -1500\n" DOM, "[gateway]:mtu: ", "number" },
	{ GW "mtu = 1500\nmtu = 1400\n" DOM, "[gateway]:mtu: ", "twice" },
	{ GW "max_half_open = 0\n" DOM, "[gateway]:max_half_open: ", "range" },
	{ GW "half_open_timeout = 20s\n" DOM, "[gateway]:half_open_timeout: ", "trailing" },
	{ GW "half_open_timeout = 3601\n" DOM, "[gateway]:half_open_timeout: ", "range" },
	{ GW "init_rate = 0\n" DOM, "[gateway]:init_rate: ", "range" },
	{ GW "init_rate_per_source = 4294967296\n" DOM, "[gateway]:init_rate_per_source: ",
	  "range" },
	{ GW "max_sessions = 1e6\n" DOM, "[gateway]:max_sessions: ", "trailing" },
	{ GW "max_sessions = 99999999999999999999999\n" DOM, "[gateway]:max_sessions: ", "range" },
	{ GW "aaa_timeout = 0\n" DOM, "[gateway]:aaa_timeout: ", "range" },
	{ GW "aaa_timeout = 61\n" DOM, "[gateway]:aaa_timeout: ", "range" },
	{ GW "lan_routes = 172.16.0.1/16\n" DOM, "[gateway]:lan_routes: ", "host bits" },
	{ GW "lan_routes = 172.16.0.0/33\n" DOM, "[gateway]:lan_routes: ", "range" },
	{ GW "lan_routes = 172.16.0.0/16x\n" DOM, "[gateway]:lan_routes: ", "trailing" },
	{ GW "lan_routes = 172.16.0.0\n" DOM, "[gateway]:lan_routes: ", "prefix" },
	{ GW "lan_routes = 10.0.0.0/8,,10.2.0.0/16\n" DOM, "[gateway]:lan_routes: ", "empty" },
	{ GW "lan_routes = 10.0.0.0/8,\n" DOM, "[gateway]:lan_routes: ", "empty" },
	{ GW "lan_domain = 9\n" DOM, "[gateway]:lan_domain: ", "no domain" },
	{ GW "lan_routes = 10.0.0.0/8\n" DOM DOM2, "[gateway]:lan_domain: ", "missing" },
	{ GW "lan_address = 172.16.0.256\n" DOM, "[gateway]:lan_address: ", "IPv4" },
	{ GW "colour = blue\n" DOM, "[gateway]:colour: ", "unknown key" },
	{ GW DOM GW, "[gateway]: ", "duplicate" },
	{ "[gateway x]\naddress = 192.0.2.1\n" DOM, "[gateway x]: ", "no name" },
	/* [domain NAME] */
	{ GW, ": no [domain NAME] section", "least" },
	{ GW "[domain corp]\n" DOMB, "[domain corp]:id: ", "missing" },
	{ GW "[domain corp]\nid = 0\n" DOMB, "[domain corp]:id: ", "range" },
	{ GW "[domain corp]\nid = 65536\n" DOMB, "[domain corp]:id: ", "range" },
	{ GW "[domain corp]\nid = 7a\n" DOMB, "[domain corp]:id: ", "trailing" },
	{ GW "[domain corp]\nid = 0x7\n" DOMB, "[domain corp]:id: ", "trailing" },
	{ GW DOM "[domain other]\nid = 7\n" DOMB, "[domain other]:id: ", "also" },
	{ GW DOM DOM, "[domain corp]: ", "duplicate" },
	{ GW DOMH DOMA, "[domain corp]:psk: ", "pre-shared key" },
	{ GW DOM "psk_hex = " K16 "\n", "[domain corp]:psk_hex: ", "not both" },
	{ GW DOM "psk = x\n", "[domain corp]:psk: ", "twice" },
	{ GW DOMH "psk = " X64 X64 "x\n" DOMA, "[domain corp]:psk: ", "at most" },
	{ GW DOMH "psk_hex = 012\n" DOMA, "[domain corp]:psk_hex: ", "odd" },
	{ GW DOMH "psk_hex = zz\n" DOMA, "[domain corp]:psk_hex: ", "hex digit" },
	{ GW DOMH "psk_hex = 0x00\n" DOMA, "[domain corp]:psk_hex: ", "hex digit" },
	{ GW DOM "encryption = aes-512-gcm\n", "[domain corp]:encryption: ", "unknown" },
	{ GW DOM "encryption = aes-128-gcm, aes-128-gcm\n", "[domain corp]:encryption: ", "twice" },
	{ GW DOM "encryption = hmac-sha1\n", "[domain corp]:encryption: ", "unknown" },
	{ GW DOM "encryption = aes-128-gcm none\n", "[domain corp]:encryption: ", "unknown" },
	{ GW DOM "encryption = aes-128-gcm, none\n", "[domain corp]:encryption: ",
	  "allow_unprotected" },
	{ GW DOM "integrity = none\n", "[domain corp]:integrity: ", "allow_unprotected" },
	{ GW DOM "integrity = md5\n", "[domain corp]:integrity: ", "unknown" },
	{ GW DOM "encryption = aes-128-cbc\nintegrity = none\nallow_unprotected = yes\n",
	  "[domain corp]:integrity: ", "HMAC" },
	{ GW DOM "authentication = eap\n", "[domain corp]:authentication: ", "expected" },
	{ GW DOM "aaa = ldap\n", "[domain corp]:aaa: ", "expected" },
	{ GW DOM "aaa = radius\n", "[domain corp]:aaa: ", "radius" },
	{ GW DOM "keepalive = 0\n", "[domain corp]:keepalive: ", "range" },
	{ GW DOM "keepalive = 65536\n", "[domain corp]:keepalive: ", "range" },
	{ GW DOM "retries = 0\n", "[domain corp]:retries: ", "range" },
	{ GW DOM "retries = 7\n", "[domain corp]:retries: ", "range" },
	{ GW DOMH "psk = 0123456789abcdef\nspokes = 10.1.0.0/24\n",
	  "[domain corp]:private_address: ", "missing" },
	{ GW DOM "hubs = 10.1.1.1, 10.1.255.1\n", "[domain corp]:private_address: ", "hubs" },
	{ GW DOMH "psk = 0123456789abcdef\nprivate_address = 10.1.0.10\nspokes = 10.1.0.0/24\n"
	  "hubs = 10.1.0.10\n", "[domain corp]:private_address: ", "hubs" },
	{ GW DOM HB8("1") HB8("2") HB8("3") HB8("4") HB8("5") HB8("6") HB8("7") HB8("8")
	  "hubs = 10.1.9.1\n", "[domain corp]:hubs: ", "more than" },
	{ GW DOM "hubs = 10.1.1.1\nhubs = 10.1.1.1\n", "[domain corp]:hubs: ", "twice" },
	{ GW DOM "hubs = 10.1.1\n", "[domain corp]:hubs: ", "IPv4" },
	{ GW DOMH "psk = 0123456789abcdef\nprivate_address = 10.1.255.1\n",
	  "[domain corp]:spokes: ", "missing" },
	{ GW DOM "spokes = 10.2.0.1/24\n", "[domain corp]:spokes: ", "host bits" },
	{ GW DOM "spokes = 10.2.0.200-10.2.0.100\n", "[domain corp]:spokes: ", "before" },
	{ GW DOM "spokes = 10.2.0.5\n", "[domain corp]:spokes: ", "neither" },
	{ GW DOM "spokes = 10.2.0.5-10.2.0\n", "[domain corp]:spokes: ", "IPv4" },
	{ GW DOM SP8("2") SP8("3") SP8("4") SP8("5"), "[domain corp]:spokes: ", "more than" },
	{ GW DOM "max_clients = 0\n", "[domain corp]:max_clients: ", "range" },
	{ GW DOM "max_half_open = 16777217\n", "[domain corp]:max_half_open: ", "range" },
	{ GW DOM "allow_unprotected = maybe\n", "[domain corp]:allow_unprotected: ", "yes or no" },
	{ GW DOM "color = red\n", "[domain corp]:color: ", "unknown key" },
	{ GW "[domain]\nid = 7\n" DOMB, "[domain]: ", "missing name" },
	{ GW "[domain a b]\nid = 7\n" DOMB, "[domain a b]: ", "one word" },
	/* [user NAME] */
	{ GW DOM "[user alice]\ndomain = 7\n", "[user alice]:password: ", "missing" },
	{ GW DOM "[user alice]\npassword = " X64 "\n", "[user alice]:password: ", "at most" },
	{ GW DOM "[user alice]\npassword = pw\ndomain = 9\n", "[user alice]:domain: ",
	  "no domain" },
	{ GW DOM "[user alice]\npassword = pw\ndomain = 0\n", "[user alice]:domain: ", "range" },
	{ GW DOM "[user alice]\npassword = a\n[user alice]\npassword = b\n",
	  "[user alice]:domain: ", "twice" },
	{ GW DOM "[user alice]\npassword = a\ndomain = 7\n[user alice]\npassword = b\ndomain = 7\n",
	  "[user alice]:domain: ", "twice" },
	/* [radius NAME] */
	{ GW DOM "[radius r1]\nsecret = s\n", "[radius r1]:address: ", "missing" },
	{ GW DOM "[radius r1]\naddress = 192.0.2.10\n", "[radius r1]:secret: ", "missing" },
	{ GW DOM RAD(1) "retries = 11\n", "[radius r1]:retries: ", "range" },
	{ GW DOM RAD(1) "timeout = 0\n", "[radius r1]:timeout: ", "range" },
	{ GW DOM RAD(1) "auth_port = 70000\n", "[radius r1]:auth_port: ", "range" },
	{ GW DOM "[radius r1]\naddress = 192.0.2.10\nsecret = " X64 X64 "\n",
	  "[radius r1]:secret: ", "at most" },
	{ GW DOM RAD(1) RAD(2) RAD(3) RAD(4) RAD(5), "[radius r5]: ", "more than" },
	{ GW DOM RAD(1) RAD(1), "[radius r1]: ", "duplicate" },
	/* [static NAME] */
	{ GW DOM "[static s1]\nserver_id = 1\npeer_id = 2\n" GCM SALTS
	  "private_address = 10.1.0.100\npeer = 198.51.100.20:40000\n",
	  "[static s1]:domain: ", "missing" },
	{ GW DOM "[static s1]\ndomain = 7\nserver_id = 1\n" GCM SALTS
	  "private_address = 10.1.0.100\npeer = 198.51.100.20:40000\n",
	  "[static s1]:peer_id: ", "missing" },
	{ GW DOM "[static s1]\ndomain = 7\nserver_id = 1\npeer_id = 2\n" GCM SALTS
	  "private_address = 10.1.0.100\n", "[static s1]:peer: ", "missing" },
	{ GW DOM "[static s1]\ndomain = 9\nserver_id = 1\npeer_id = 2\n" GCM SALTS
	  "private_address = 10.1.0.100\npeer = 198.51.100.20:40000\n",
	  "[static s1]:domain: ", "no domain" },
	{ GW DOM STAH GCM SALTS "server_id = 0\n", "[static s1]:server_id: ", "twice" },
	{ GW DOM "[static s1]\ndomain = 7\nserver_id = 0\npeer_id = 2\n", "[static s1]:server_id: ",
	  "range" },
	{ GW DOM "[static s1]\ndomain = 7\nserver_id = 0xg\n", "[static s1]:server_id: ",
	  "number" },
	{ GW DOM "[static s1]\ndomain = 7\nserver_id = 0x100000000\n", "[static s1]:server_id: ",
	  "range" },
	{ GW DOM STAH GCM SALTS "[static s2]\ndomain = 7\nserver_id = 256\npeer_id = 3\n" GCM SALTS
	  "private_address = 10.1.0.101\npeer = 198.51.100.21:40000\n",
	  "[static s2]:server_id: ", "also" },
	{ GW DOM STAH "encryption = aes-128-gcm\nintegrity = hmac-sha256\nrx_key = " K16 "\n"
	  "tx_key = " K16 "\n" SALTS, "[static s1]:integrity: ", "not a suite" },
	{ GW DOM STAH "encryption = aes-128-cbc\nintegrity = none\n", "[static s1]:integrity: ",
	  "not a suite" },
	{ GW DOM STAH "encryption = aes-128-gcm, aes-256-gcm\n", "[static s1]:encryption: ",
	  "one name" },
	{ GW DOM STAH "encryption = aes-128-gcm\nintegrity = none\nrx_key = " K16 "\n"
	  "tx_key = 000102030405060708090a0b0c0d0e\n" SALTS, "[static s1]:tx_key: ", "needs 16" },
	{ GW DOM STAH "encryption = aes-128-gcm\nintegrity = none\nrx_key = " K16 "\n" SALTS,
	  "[static s1]:tx_key: ", "missing" },
	{ GW DOM STAH "encryption = aes-128-gcm\nintegrity = none\nrx_key = " K32 "\n"
	  "tx_key = " K16 "\n" SALTS, "[static s1]:rx_key: ", "needs 16" },
	{ GW DOM STAH "rx_key = " K32 "00\n", "[static s1]:rx_key: ", "at most" },
	{ GW DOM STAH GCM "tx_salt = 05060708\n", "[static s1]:rx_salt: ", "missing" },
	{ GW DOM STAH GCM "rx_salt = 01020304\ntx_salt = 050607\n", "[static s1]:tx_salt: ",
	  "needs 4" },
	{ GW DOM STAH GCM SALTS "rx_auth_key = " K32 "\n", "[static s1]:rx_auth_key: ",
	  "not used" },
	{ GW DOM STAH CBC, "[static s1]:rx_auth_key: ", "missing" },
	{ GW DOM STAH CBC "rx_auth_key = " K32 "\ntx_auth_key = " K16 "\n",
	  "[static s1]:tx_auth_key: ", "needs 32" },
	{ GW DOM STAH "encryption = none\nintegrity = hmac-sha256\n" AUTHK,
	  "[static s1]:encryption: ", "allow_unprotected" },
	{ GW DOM STAH "encryption = none\nintegrity = none\nrx_key = 00\n",
	  "[static s1]:rx_key: ", "not used" },
	{ GW DOM "[static s1]\npeer = 198.51.100.20\n", "[static s1]:peer: ", "a.b.c.d:port" },
	{ GW DOM "[static s1]\npeer = 198.51.100.20:0\n", "[static s1]:peer: ", "range" },
	{ GW DOM "[static s1]\npeer = 198.51.100.20:80x\n", "[static s1]:peer: ", "trailing" },
	{ GW DOM STAH GCM SALTS "replay_check = off\n", "[static s1]:replay_check: ", "yes or no" },
	/* sections and syntax */
	{ GW DOM "[frobnicate]\nx = 1\n", "[frobnicate]: ", "unknown section" },
	{ GW DOM "[Domain corp]\n", "[Domain corp]: ", "unknown section" },
	{ "[gateway\naddress = 192.0.2.1\n" DOM, ".conf:1: ", "']'" },
	{ "[gateway] x\naddress = 192.0.2.1\n" DOM, ".conf:1: ", "after" },
	{ "[ ]\n" GW DOM, ".conf:1: ", "empty section" },
	{ "# a comment\n" GW DOM, ".conf:1: ", "use ';'" },
	{ GW "mtu 1400\n" DOM, ".conf:3: ", "expected" },
	{ "mtu = 1400\n" GW DOM, ".conf:1: ", "before any" },
	{ GW " = 1400\n" DOM, ".conf:3: ", "no key" },
	{ GW "mtu =\n" DOM, "[gateway]:mtu: ", "empty" },
	{ GW "mtu = ; comment\n" DOM, "[gateway]:mtu: ", "empty" },
	{ GW DOM "hubs = " X64 X64 X64 X64 "\n", "[domain corp]:hubs: ", "longer" },
	{ GW DOM ";" X64 X64 X64 X64 X64 X64 "\n", ".conf:8: ", "line longer" },
	{ GW "k" X64 "= 1\n" DOM, ".conf:3: ", "key longer" },
};

START_TEST(bad_config)
{
	const struct bad *b = &bad[_i];

	ck_assert_int_eq(load_text(b->text), -1);
	ck_assert_msg(strstr(err, b->where) != NULL, "case %d: \"%s\" does not name \"%s\"", _i,
		      err, b->where);
	ck_assert_msg(strstr(err, b->word) != NULL, "case %d: \"%s\" does not say \"%s\"", _i, err,
		      b->word);
	ck_assert_msg(strncmp(err, tmpdir, strlen(tmpdir)) == 0, "case %d: \"%s\"", _i, err);
	ck_assert_ptr_null(strchr(err, '\n'));
	/* Nothing of a rejected file is kept. */
	ck_assert_ptr_null(cfg.users);
	ck_assert_ptr_null(cfg.statics);
	ck_assert_uint_eq(cfg.n_domains, 0);
	ck_assert_str_eq(cfg.warnings, "");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("config");
	TCase *ok = tcase_create("good");
	TCase *ko = tcase_create("bad");
	SRunner *sr;
	int failed;

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return EXIT_FAILURE;
	}
	tcase_add_checked_fixture(ok, NULL, teardown);
	tcase_add_test(ok, example_loads);
	tcase_add_test(ok, defaults_applied);
	tcase_add_test(ok, every_gateway_key);
	tcase_add_test(ok, every_domain_key);
	tcase_add_test(ok, hubs_only_and_many);
	tcase_add_test(ok, private_in_spokes);
	tcase_add_test(ok, per_address_methods);
	tcase_add_test(ok, psk_forms);
	tcase_add_test(ok, line_limits);
	tcase_add_test(ok, short_psk_warns);
	tcase_add_test(ok, unprotected_warns);
	tcase_add_test(ok, static_sessions);
	tcase_add_test(ok, users_and_radius);
	tcase_add_test(ok, missing_file);
	tcase_add_test(ok, free_is_safe);
	suite_add_tcase(s, ok);
	tcase_add_checked_fixture(ko, NULL, teardown);
	tcase_add_loop_test(ko, bad_config, 0, (int)ARRAY_SIZE(bad));
	suite_add_tcase(s, ko);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	rmdir(tmpdir);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
