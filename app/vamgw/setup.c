/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * From a loaded configuration to a running gateway: mbufs, ports, the
 * crypto device, the control plane, the data-path tables, static sessions
 * and the workers. Everything here runs once, on the control lcore.
 */
#include <stdio.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_malloc.h>

#include "aaa_local.h"
#include "aaa_radius.h"
#include "ctl_telemetry.h"
#include "gw.h"

static int port_by_arg(const char *arg, uint16_t *id)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 10);

	if (*arg && *end == 0)
		return v < RTE_MAX_ETHPORTS && rte_eth_dev_is_valid_port((uint16_t)v) ?
			       (*id = (uint16_t)v, 0) : -1;
	return rte_eth_dev_get_port_by_name(arg, id);
}

static int ports(struct gw *g, char *err, size_t errlen)
{
	struct dp_gw *dp = &g->dp;
	uint16_t out, lan = RTE_MAX_ETHPORTS;
	const char *p = g->opt.protected_port;

	if (port_by_arg(g->opt.outside, &out) != 0) {
		snprintf(err, errlen, "--outside %s: no such port (%u ports probed)", g->opt.outside,
			 rte_eth_dev_count_avail());
		return -1;
	}
	if (p == NULL && rte_eth_dev_count_avail() > 1)
		p = out == 0 ? "1" : "0";
	if (p != NULL && strcmp(p, "none") != 0 && port_by_arg(p, &lan) != 0) {
		snprintf(err, errlen, "--protected %s: no such port", p);
		return -1;
	}
	if (dp_port_init(&dp->out, out, dp->nb_workers, g->opt.queues, g->opt.rx_desc, dp->mp,
			 err, errlen))
		return -1;
	if (lan != RTE_MAX_ETHPORTS) {
		if (lan == out) {
			snprintf(err, errlen, "the outside and protected ports are the same (%u)", out);
			return -1;
		}
		if (dp_port_init(&dp->lan, lan, dp->nb_workers, g->opt.queues, g->opt.rx_desc,
				 dp->mp, err, errlen))
			return -1;
		dp->has_lan = true;
	}
	return 0;
}

static int crypto(struct gw *g, char *err, size_t errlen)
{
	char name[64];
	const char *dev = g->opt.crypto;
	struct dp_cryptodev_conf cc = { .nb_workers = g->dp.nb_workers,
					.socket_id = (int)rte_socket_id(),
					.mode = g->opt.crypto_mode };
	uint64_t clients = g->cfg.n_statics;

	/* Two sessions (one per direction) per client that can exist, one per domain. */
	for (unsigned int i = 0; i < g->cfg.n_domains; i++)
		clients += g->cfg.domains[i].max_clients;
	cc.nb_sessions = (uint32_t)RTE_MIN(2 * clients, 2ull * g->cfg.max_sessions) +
			 g->cfg.n_domains + 64;

	if (strcmp(dev, "aesni_mb") == 0 || strcmp(dev, "openssl") == 0) {
		snprintf(name, sizeof(name), "crypto_%s_vamgw", dev);
		dev = name;
	}
	cc.name = dev;
	g->dp.cdev = dp_cryptodev_create(&cc);
	if (g->dp.cdev == NULL) {
		snprintf(err, errlen, "crypto device %s could not be set up (see the log)", dev);
		return -1;
	}
	return 0;
}

static void release_session(struct dp_session *s, void *arg)
{
	struct dp_cryptodev *cdev = arg;

	if (s->rx_cs)
		dp_crypto_session_free(cdev, s->rx_cs);
	if (s->tx_cs)
		dp_crypto_session_free(cdev, s->tx_cs);
}

static int domains(struct gw *g, char *err, size_t errlen)
{
	struct dp_gw *dp = &g->dp;
	uint16_t ids[CTL_MAX_DOMAINS];
	uint32_t own[CTL_MAX_DOMAINS];

	for (unsigned int i = 0; i < g->cfg.n_domains; i++) {
		const struct ctl_domain_cfg *d = &g->cfg.domains[i];
		struct vam_dir_keys boot;

		ids[i] = d->id;
		own[i] = d->private_addr;
		dp->dom[i] = (struct dp_domain){ .id = d->id, .own = d->private_addr,
						 .route_idx = (int)i };
		if (vam_boot_keys(d->psk, d->psk_len, d->id, &boot) != 0)
			return snprintf(err, errlen, "domain %u: boot keys", d->id), -1;
		dp->dom[i].boot_cs = dp_crypto_session(dp->cdev, (struct vam_suite){ 0, 3 }, &boot,
						       false);
		vam_wipe(&boot, sizeof(boot));
		if (dp->dom[i].boot_cs == NULL)
			return snprintf(err, errlen, "domain %u: crypto session", d->id), -1;
		if (d->id == g->cfg.lan_domain)
			dp->lan_dom = (int)i;
	}
	dp->n_dom = g->cfg.n_domains;
	if (dp_routes_init(&dp->routes, ids, own, dp->n_dom, 1u << 20, dp->sessions.qs) != 0)
		return snprintf(err, errlen, "cannot create the routing tables"), -1;
	for (unsigned int r = 0; dp->lan_dom >= 0 && r < g->cfg.n_lan_routes; r++)
		dp_route_add(&dp->routes, g->cfg.lan_domain, g->cfg.lan_routes[r].addr,
			     g->cfg.lan_routes[r].len, DP_NH_LAN);
	return 0;
}

struct dp_session *gw_session_new(struct gw *g, uint32_t id, uint32_t peer_id, uint16_t domain,
				  uint32_t private_addr, struct vam_suite suite,
				  const struct vam_dir_keys *rx, const struct vam_dir_keys *tx)
{
	int di = dp_gw_domain(&g->dp, domain);
	struct dp_session *s = di < 0 ? NULL : rte_zmalloc("vamgw_session", sizeof(*s),
							   RTE_CACHE_LINE_SIZE);

	if (s == NULL)
		return NULL;
	s->dom_idx = (uint8_t)di;	/* looked up once, not per packet */
	s->id = id;
	s->peer_id = peer_id;
	s->domain = domain;
	s->suite = suite;
	s->flags = vam_suite_flags(suite);
	s->private_addr = private_addr;
	s->replay_check = true;
	s->rx = *rx;
	s->tx = *tx;
	vam_replay_init(&s->win);
	if (suite.enc != VAM_ENC_NONE || suite.integ != VAM_INTEG_NONE) {
		s->rx_cs = dp_crypto_session(g->dp.cdev, suite, rx, false);
		s->tx_cs = dp_crypto_session(g->dp.cdev, suite, tx, true);
		if (s->rx_cs == NULL || s->tx_cs == NULL) {
			if (s->rx_cs)
				dp_crypto_session_free(g->dp.cdev, s->rx_cs);
			if (s->tx_cs)
				dp_crypto_session_free(g->dp.cdev, s->tx_cs);
			vam_wipe(s, sizeof(*s));
			rte_free(s);
			return NULL;
		}
	}
	return s;
}

/* Sessions that exist from start-up, for load tests with replayed traffic. */
static int statics(struct gw *g, char *err, size_t errlen)
{
	for (unsigned int i = 0; i < g->cfg.n_statics; i++) {
		const struct ctl_static_cfg *c = &g->cfg.statics[i];
		struct dp_session *s;

		if (ctl_server_reserve_id(g->srv, c->server_id) != 0)
			return snprintf(err, errlen, "static %s: server_id 0x%08x is taken", c->name,
					c->server_id), -1;
		s = gw_session_new(g, c->server_id, c->peer_id, c->domain, c->private_addr,
				   c->suite, &c->rx, &c->tx);
		if (s == NULL)
			return snprintf(err, errlen, "static %s: cannot create its crypto sessions",
					c->name), -1;
		s->replay_check = c->replay_check;
		atomic_store(&s->peer, dp_addr_pack(c->peer_addr, c->peer_port));
		/* Until the peer's first packet teaches its MAC, send to broadcast. */
		atomic_store(&s->peer_mac, UINT64_C(1) << 63 | UINT64_C(0xffffffffffff));
		dp_session_publish(&g->dp.sessions, s);
		dp_route_add(&g->dp.routes, c->domain, c->private_addr, 32,
			     c->server_id & g->dp.sessions.mask);
		if (!c->replay_check)
			RTE_LOG(WARNING, USER1, "vamgw: static session %s has the replay check off\n",
				c->name);
	}
	return 0;
}

static int control_plane(struct gw *g, char *err, size_t errlen)
{
	struct ctl_ops ops = gw_ctl_ops;
	bool radius = false;

	for (unsigned int i = 0; i < g->cfg.n_domains; i++)
		radius |= g->cfg.domains[i].aaa == CTL_AAA_RADIUS &&
			  (g->cfg.domains[i].auth != VAM_AUTH_NONE || g->cfg.domains[i].n_pap ||
			   g->cfg.domains[i].n_chap);
	g->aaa[CTL_AAA_LOCAL] = aaa_local_create(&g->cfg);
	if (radius && (g->aaa[CTL_AAA_RADIUS] = aaa_radius_create(&g->cfg, err, errlen)) == NULL)
		return -1;
	ops.ctx = g;
	g->srv = ctl_server_create(&g->cfg, &ops, g->aaa, err, errlen);
	if (g->srv == NULL)
		return -1;
	if (ctl_hmap_init(&g->macs, 1024) || ctl_hmap_init(&g->arp_sent, 64))
		return snprintf(err, errlen, "out of memory"), -1;
	if (g->opt.telemetry && (ctl_telemetry_register(g->srv) != 0 ||
				 gw_telemetry_register(g) != 0))
		return snprintf(err, errlen, "cannot register the telemetry commands"), -1;
	return 0;
}

static int workers(struct gw *g, char *err, size_t errlen)
{
	struct dp_gw *dp = &g->dp;
	unsigned int lcore, i = 0;

	RTE_LCORE_FOREACH_WORKER(lcore) {
		struct dp_worker *w = rte_zmalloc_socket("vamgw_worker", sizeof(*w),
							 RTE_CACHE_LINE_SIZE,
							 (int)rte_lcore_to_socket_id(lcore));

		if (w == NULL)
			return snprintf(err, errlen, "out of memory"), -1;
		dp_worker_init(w, dp, (uint16_t)i, lcore);
		dp->w[i++] = w;
	}
	for (i = 0; i < dp->nb_workers; i++)
		rte_eal_remote_launch(dp_worker_main, dp->w[i], dp->w[i]->lcore);
	return 0;
}

int gw_setup(struct gw *g, char *err, size_t errlen)
{
	struct dp_gw *dp = &g->dp;
	uint32_t nmbuf;
	int socket = (int)rte_socket_id();

	dp->nb_workers = (uint16_t)(rte_lcore_count() - 1);
	if (dp->nb_workers == 0)
		return snprintf(err, errlen, "need at least two lcores (-l 0-1): one control, "
				"one worker"), -1;
	g->ctl_slot = dp->nb_workers;
	dp->out_addr = g->cfg.outside_addr;
	dp->lan_addr = g->cfg.lan_addr;
	dp->vam_port = g->cfg.vam_port;
	dp->data_port = g->cfg.data_port;
	dp->mtu = g->cfg.mtu;
	dp->burst = g->opt.burst;
	dp->lan_dom = -1;
	nmbuf = g->opt.mbufs ? g->opt.mbufs : 16384u * dp->nb_workers + 8192;
	/* Room for the MTU plus outer headers and trailer, and never less than the default. */
	dp->mp = rte_pktmbuf_pool_create("vamgw_mbufs", nmbuf, 256, DP_MBUF_PRIV,
					 (uint16_t)RTE_MAX(RTE_MBUF_DEFAULT_BUF_SIZE,
							   RTE_PKTMBUF_HEADROOM + g->cfg.mtu + 512),
					 socket);
	dp->to_ctl = rte_ring_create("vamgw_to_ctl", 4096, socket, RING_F_SC_DEQ);
	dp->events = rte_ring_create_elem("vamgw_events", sizeof(struct dp_event), 4096, socket,
					  RING_F_SC_DEQ);
	if (dp->mp == NULL || dp->to_ctl == NULL || dp->events == NULL)
		return snprintf(err, errlen, "cannot allocate mbufs and rings (%u mbufs): %s",
				nmbuf, rte_strerror(rte_errno)), -1;
	if (ports(g, err, errlen) || crypto(g, err, errlen) || control_plane(g, err, errlen))
		return -1;
	if (dp_sessions_init(&dp->sessions, ctl_server_id_space(g->srv), dp->nb_workers,
			     release_session, dp->cdev) != 0)
		return snprintf(err, errlen, "cannot allocate the session table"), -1;
	dp_neigh_init(&dp->neigh, 0);
	if (domains(g, err, errlen) || statics(g, err, errlen))
		return -1;
	return workers(g, err, errlen);
}

void gw_teardown(struct gw *g)
{
	struct dp_gw *dp = &g->dp;
	struct rte_mbuf *m;

	if (g->opt.telemetry)
		ctl_telemetry_register(NULL);
	ctl_server_destroy(g->srv);
	for (int b = 0; b < 2; b++)
		if (g->aaa[b])
			g->aaa[b]->destroy(g->aaa[b]);
	while (dp->to_ctl && rte_ring_sc_dequeue(dp->to_ctl, (void **)&m) == 0)
		rte_pktmbuf_free(m);
	dp_sessions_fini(&dp->sessions);
	for (unsigned int i = 0; i < dp->n_dom; i++)
		if (dp->dom[i].boot_cs)
			dp_crypto_session_free(dp->cdev, dp->dom[i].boot_cs);
	dp_routes_fini(&dp->routes);
	dp_cryptodev_destroy(dp->cdev);
	dp_port_fini(&dp->out);
	if (dp->has_lan)
		dp_port_fini(&dp->lan);
	for (unsigned int i = 0; i < dp->nb_workers; i++)
		rte_free(dp->w[i]);
	ctl_hmap_free(&g->macs);
	ctl_hmap_free(&g->arp_sent);
	rte_ring_free(dp->to_ctl);
	rte_ring_free(dp->events);
	ctl_config_free(&g->cfg);
}
