/* SPDX-License-Identifier: BSD-3-Clause */
/* vamgw: EAL, options, configuration, lcores, signals. See --help. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_lcore.h>

#include "gw.h"

static struct gw *the_gw;

static void on_signal(int sig)
{
	(void)sig;
	if (the_gw)
		atomic_store(&the_gw->stop, true);
}

static int load_config(struct gw *g)
{
	char err[512];

	if (ctl_config_load(g->opt.config, &g->cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "vamgw: %s\n", err);
		return 2;
	}
	if (g->cfg.warnings[0])
		fprintf(stderr, "%s", g->cfg.warnings);
	return 0;
}

int main(int argc, char **argv)
{
	static struct gw g;
	char *none[] = { argv[0], NULL };
	char err[512] = "";
	int n, rc;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		gw_options_parse(2, (char *[]){ argv[0], (char *)"--help", NULL }, &g.opt);
		return 0;
	}
	/* Our options come after "--": check them and the configuration before the EAL. */
	for (n = 1; n < argc && strcmp(argv[n], "--") != 0; n++)
		;
	rc = n < argc ? gw_options_parse(argc - n, argv + n, &g.opt)
		      : gw_options_parse(1, none, &g.opt);
	if (rc != 0)
		return rc == 1 ? 0 : 2;
	if ((rc = load_config(&g)) != 0)
		return rc;
	if (g.opt.check_only) {
		printf("vamgw: %s: OK (%u domains, %u users, %u static sessions)\n", g.opt.config,
		       g.cfg.n_domains, g.cfg.n_users, g.cfg.n_statics);
		ctl_config_free(&g.cfg);
		return 0;
	}
	if (rte_eal_init(n, argv) < 0) {
		fprintf(stderr, "vamgw: EAL initialisation failed: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	the_gw = &g;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (gw_setup(&g, err, sizeof(err)) != 0) {
		fprintf(stderr, "vamgw: %s\n", err);
		atomic_store(&g.dp.stop, true);
		rte_eal_mp_wait_lcore();
		rte_eal_cleanup();
		return 1;
	}
	RTE_LOG(NOTICE, USER1, "vamgw: running: %u workers, outside port %s, protected port %s\n",
		g.dp.nb_workers, g.dp.out.name, g.dp.has_lan ? g.dp.lan.name : "none");
	gw_control_loop(&g);
	gw_teardown(&g);
	rte_eal_cleanup();
	RTE_LOG(NOTICE, USER1, "vamgw: stopped\n");
	return 0;
}
