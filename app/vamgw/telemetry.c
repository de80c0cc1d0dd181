/* SPDX-License-Identifier: BSD-3-Clause */
/* /vam/workers and /vam/ports: the data plane's counters for dpdk-telemetry.py. */
#include <stdio.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_telemetry.h>

#include "gw.h"

static struct gw *tel_gw;

/* Telemetry keys take letters, digits, '_' and '/': "decrypt/padding" -> "decrypt_padding". */
static void key_of(const char *name, char *out, size_t cap)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < cap; i++)
		out[i] = (name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
				 (name[i] >= '0' && name[i] <= '9') ? name[i] : '_';
	out[i] = 0;
}

static void worker_dict(struct rte_tel_data *d, const struct dp_worker *w)
{
	const struct dp_wstats *s = &w->st;
	char key[48];

	rte_tel_data_add_dict_u64(d, "lcore", w->lcore);
	rte_tel_data_add_dict_u64(d, "rx_outside", s->rx[0]);
	rte_tel_data_add_dict_u64(d, "rx_lan", s->rx[1]);
	rte_tel_data_add_dict_u64(d, "tx_outside", s->tx[0]);
	rte_tel_data_add_dict_u64(d, "tx_lan", s->tx[1]);
	rte_tel_data_add_dict_u64(d, "data_rx", s->data_rx);
	rte_tel_data_add_dict_u64(d, "data_tx", s->data_tx);
	rte_tel_data_add_dict_u64(d, "to_lan", s->to_lan);
	rte_tel_data_add_dict_u64(d, "from_lan", s->from_lan);
	rte_tel_data_add_dict_u64(d, "to_control", s->to_ctl);
	rte_tel_data_add_dict_u64(d, "local", s->local);
	rte_tel_data_add_dict_u64(d, "arp", s->arp);
	rte_tel_data_add_dict_u64(d, "icmp", s->icmp);
	rte_tel_data_add_dict_u64(d, "busy_cycles", s->cycles_busy);
	rte_tel_data_add_dict_u64(d, "busy_loops", s->busy_loops);
	rte_tel_data_add_dict_string(d, "crypto_mode", w->cpu ? "cpu" : "qp");
	rte_tel_data_add_dict_u64(d, "crypto_enq", w->qp->st.enq);
	rte_tel_data_add_dict_u64(d, "crypto_deq", w->qp->st.deq);
	for (int i = 1; i < VAM_DROP_MAX; i++) {
		snprintf(key, sizeof(key), "drop_");
		key_of(vam_drop_name((enum vam_drop)i), key + 5, sizeof(key) - 5);
		rte_tel_data_add_dict_u64(d, key, s->vam[i]);
	}
	for (int i = 0; i < DP_D_MAX; i++) {
		snprintf(key, sizeof(key), "drop_");
		key_of(dp_drop_name((enum dp_drop)i), key + 5, sizeof(key) - 5);
		rte_tel_data_add_dict_u64(d, key, s->dp[i]);
	}
}

static int cmd_workers(const char *cmd, const char *params, struct rte_tel_data *d)
{
	(void)cmd;
	(void)params;
	if (tel_gw == NULL)
		return -EINVAL;
	rte_tel_data_start_dict(d);
	for (unsigned int i = 0; i < tel_gw->dp.nb_workers; i++) {
		struct rte_tel_data *w = rte_tel_data_alloc();
		char name[16];

		if (w == NULL)
			return -ENOMEM;
		rte_tel_data_start_dict(w);
		worker_dict(w, tel_gw->dp.w[i]);
		snprintf(name, sizeof(name), "worker%u", i);
		rte_tel_data_add_dict_container(d, name, w, 0);
	}
	return 0;
}

static void port_dict(struct rte_tel_data *d, const struct dp_port *p, const char *role)
{
	struct rte_eth_stats st;

	rte_tel_data_add_dict_string(d, "role", role);
	rte_tel_data_add_dict_string(d, "name", p->name);
	rte_tel_data_add_dict_u64(d, "port_id", p->id);
	rte_tel_data_add_dict_u64(d, "rx_queues", p->nb_rxq);
	rte_tel_data_add_dict_u64(d, "tx_queues", p->nb_txq);
	rte_tel_data_add_dict_u64(d, "rss", p->rss);
	if (rte_eth_stats_get(p->id, &st) == 0) {
		rte_tel_data_add_dict_u64(d, "ipackets", st.ipackets);
		rte_tel_data_add_dict_u64(d, "opackets", st.opackets);
		rte_tel_data_add_dict_u64(d, "ibytes", st.ibytes);
		rte_tel_data_add_dict_u64(d, "obytes", st.obytes);
		rte_tel_data_add_dict_u64(d, "imissed", st.imissed);
		rte_tel_data_add_dict_u64(d, "ierrors", st.ierrors);
		rte_tel_data_add_dict_u64(d, "oerrors", st.oerrors);
		rte_tel_data_add_dict_u64(d, "rx_nombuf", st.rx_nombuf);
	}
}

static int cmd_ports(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct rte_tel_data *o, *l;

	(void)cmd;
	(void)params;
	if (tel_gw == NULL || (o = rte_tel_data_alloc()) == NULL)
		return -EINVAL;
	rte_tel_data_start_dict(d);
	rte_tel_data_start_dict(o);
	port_dict(o, &tel_gw->dp.out, "outside");
	rte_tel_data_add_dict_container(d, "outside", o, 0);
	if (tel_gw->dp.has_lan && (l = rte_tel_data_alloc()) != NULL) {
		rte_tel_data_start_dict(l);
		port_dict(l, &tel_gw->dp.lan, "protected");
		rte_tel_data_add_dict_container(d, "protected", l, 0);
	}
	return 0;
}

int gw_telemetry_register(struct gw *g)
{
	tel_gw = g;
	if (rte_telemetry_register_cmd("/vam/workers", cmd_workers,
				       "Per-worker packet, crypto and drop counters. No parameters") ||
	    rte_telemetry_register_cmd("/vam/ports", cmd_ports,
				       "Outside and protected ports: queues and ethdev counters. "
				       "No parameters"))
		return -1;
	return 0;
}
