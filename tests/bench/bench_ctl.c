/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * How many connection initializations + registrations one control lcore
 * sustains: N clients (lib/vam's client engine) run the whole exchange,
 * INIT_REQ to the first KEEPALIVE_ACK, against the real VAM server; only
 * the time spent inside the server (ctl_server_input / poll) is counted,
 * so the clients' own crypto does not pollute the figure.
 * usage: bench_ctl N [none|chap]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aaa_local.h"
#include "ctl_server.h"
#include "vam_client.h"

struct box {
	uint8_t d[VAM_CTRL_MAX];
	size_t len;
	bool full;
};

static struct box *boxes;
static uint32_t n_clients;

static void sink(void *ctx, enum vam_chan chan, struct ctl_addr dst, const uint8_t *dg, size_t len)
{
	uint32_t i = dst.ip - 0xc6120001u;

	(void)ctx;
	(void)chan;
	if (i < n_clients && len <= VAM_CTRL_MAX) {
		memcpy(boxes[i].d, dg, len);
		boxes[i].len = len;
		boxes[i].full = true;
	}
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void config(struct ctl_config *cfg, uint8_t auth)
{
	struct ctl_domain_cfg *d = &cfg->domains[0];

	ctl_config_defaults(cfg);
	cfg->users = calloc(CTL_MAX_USERS, sizeof(*cfg->users));
	cfg->outside_addr = 0xc0000201;
	cfg->max_sessions = n_clients + 16;
	cfg->init_rate = cfg->init_rate_per_source = 100000000;
	cfg->n_domains = 1;
	ctl_domain_defaults(d);
	d->id = 7;
	d->psk_len = 16;
	memcpy(d->psk, "bench-psk-012345", 16);
	d->auth = auth;
	d->private_addr = 0x0a000001;
	d->spokes[0] = (struct ctl_range){ 0x0a000002, 0x0affffff };
	d->n_spokes = 1;
	d->max_clients = d->max_half_open = n_clients + 16;
	strcpy(cfg->users[0].name, "alice");
	cfg->users[0].name_len = 5;
	memcpy(cfg->users[0].password, "secret", 6);
	cfg->users[0].password_len = 6;
	cfg->n_users = 1;
}

int main(int argc, char **argv)
{
	struct ctl_ops ops = { .send = sink };
	static struct ctl_config cfg;
	struct ctl_aaa_backend *aaa[2] = { NULL, NULL };
	struct ctl_server *srv;
	struct vam_client *cl;
	struct vam_client_cfg *cc;
	uint8_t auth, out[VAM_CTRL_MAX];
	double in_server = 0, t, wall = now_s();
	uint64_t ms = 1;
	uint32_t online = 0;
	char err[256];

	n_clients = argc > 1 ? (uint32_t)atoi(argv[1]) : 10000;
	auth = argc > 2 && strcmp(argv[2], "chap") == 0 ? VAM_AUTH_CHAP : VAM_AUTH_NONE;
	boxes = calloc(n_clients, sizeof(*boxes));
	cl = calloc(n_clients, sizeof(*cl));
	cc = calloc(n_clients, sizeof(*cc));
	config(&cfg, auth);
	aaa[CTL_AAA_LOCAL] = aaa_local_create(&cfg);
	srv = ctl_server_create(&cfg, &ops, aaa, err, sizeof(err));
	if (!boxes || !cl || !cc || !srv) {
		fprintf(stderr, "bench_ctl: setup: %s\n", err);
		return 1;
	}
	for (uint32_t i = 0; i < n_clients; i++) {
		cc[i] = (struct vam_client_cfg){ .domain = 7, .psk_len = 16, .n_enc = 1, .n_integ = 1,
						 .private_addr = 0x0a000002 + i, .data_port = 1,
						 .username_len = 5, .password_len = 6 };
		memcpy(cc[i].psk, "bench-psk-012345", 16);
		cc[i].enc[0] = VAM_ENC_AES128_GCM;
		cc[i].integ[0] = VAM_INTEG_HMAC_SHA256;
		strcpy(cc[i].name, "bench");
		memcpy(cc[i].username, "alice", 5);
		memcpy(cc[i].password, "secret", 6);
		long n = vam_client_start(&cl[i], &cc[i], out, sizeof(out));
		struct ctl_addr src = { 0xc6120001u + i, 61000 };

		t = now_s();
		ctl_server_input(srv, ms, src, out, (size_t)n);
		in_server += now_s() - t;
		/* Answer until this client is online (AAA results come back on poll). */
		for (int step = 0; step < 16 && cl[i].state != VAM_CL_ONLINE; step++) {
			size_t m = 0;

			if (!boxes[i].full) {
				t = now_s();
				ctl_server_poll(srv, ++ms);
				in_server += now_s() - t;
				continue;
			}
			boxes[i].full = false;
			vam_client_input(&cl[i], boxes[i].d, boxes[i].len, out, sizeof(out), &m);
			if (m) {
				t = now_s();
				ctl_server_input(srv, ms, src, out, m);
				in_server += now_s() - t;
			}
		}
		online += cl[i].state == VAM_CL_ONLINE;
	}
	printf("bench_ctl: auth %s: %u of %u online; server time %.3f s: %.0f registrations/s "
	       "per control lcore (%.1f us each); wall %.2f s with the clients' own work\n",
	       auth == VAM_AUTH_CHAP ? "chap (local users)" : "none", online, n_clients,
	       in_server, online / in_server, in_server / online * 1e6, now_s() - wall);
	ctl_server_destroy(srv);
	aaa[CTL_AAA_LOCAL]->destroy(aaa[CTL_AAA_LOCAL]);
	return online == n_clients ? 0 : 1;
}
