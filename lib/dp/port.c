/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdio.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_lcore.h>

#include "dp_port.h"

static int configure(struct dp_port *p, uint16_t nb_workers, uint16_t max_rxq,
		     const struct rte_eth_dev_info *di, char *err, size_t errlen)
{
	struct rte_eth_conf conf = { 0 };
	uint16_t want_tx = nb_workers + 1;
	uint16_t want_rx = max_rxq && max_rxq < nb_workers ? max_rxq : nb_workers;
	int rc;

	p->nb_rxq = RTE_MIN(want_rx, di->max_rx_queues);
	p->nb_txq = RTE_MIN(want_tx, di->max_tx_queues);
	p->rss = p->nb_rxq > 1 && (di->flow_type_rss_offloads & RTE_ETH_RSS_NONFRAG_IPV4_UDP);
	if (p->nb_rxq > 1 && !p->rss)
		p->nb_rxq = 1;	/* without RSS, extra queues would get nothing */
	if (p->rss) {
		conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
		conf.rx_adv_conf.rss_conf.rss_hf =
			(RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_NONFRAG_IPV4_UDP) & di->flow_type_rss_offloads;
	}
	rc = rte_eth_dev_configure(p->id, p->nb_rxq, p->nb_txq, &conf);
	if (rc != 0)
		snprintf(err, errlen, "port %s: configure %u rx / %u tx queues: %s", p->name,
			 p->nb_rxq, p->nb_txq, rte_strerror(-rc));
	return rc;
}

int dp_port_init(struct dp_port *p, uint16_t port_id, uint16_t nb_workers, uint16_t max_rxq,
		 uint16_t nb_desc, struct rte_mempool *mp, char *err, size_t errlen)
{
	struct rte_eth_dev_info di;
	int socket = rte_eth_dev_socket_id(port_id);
	uint16_t nrx = nb_desc, ntx = nb_desc;
	char rname[RTE_RING_NAMESIZE];

	memset(p, 0, sizeof(*p));
	p->id = port_id;
	rte_eth_dev_get_name_by_port(port_id, p->name);
	if (rte_eth_dev_info_get(port_id, &di) != 0 || configure(p, nb_workers, max_rxq, &di, err, errlen))
		return -1;
	if (rte_eth_dev_adjust_nb_rx_tx_desc(port_id, &nrx, &ntx) != 0)
		nrx = ntx = nb_desc;
	for (uint16_t q = 0; q < p->nb_rxq; q++)
		if (rte_eth_rx_queue_setup(port_id, q, nrx, socket, NULL, mp) != 0) {
			snprintf(err, errlen, "port %s: rx queue %u setup failed", p->name, q);
			return -1;
		}
	for (uint16_t q = 0; q < p->nb_txq; q++)
		if (rte_eth_tx_queue_setup(port_id, q, ntx, socket, NULL) != 0) {
			snprintf(err, errlen, "port %s: tx queue %u setup failed", p->name, q);
			return -1;
		}
	if (p->nb_txq < nb_workers + 1) {
		snprintf(rname, sizeof(rname), "vamgw_tx_%u", port_id);
		p->tx_ring = rte_ring_create(rname, 4096, socket, RING_F_SC_DEQ);
		if (p->tx_ring == NULL) {
			snprintf(err, errlen, "port %s: cannot create the shared tx ring", p->name);
			return -1;
		}
	}
	rte_eth_macaddr_get(port_id, &p->mac);
	rte_eth_promiscuous_enable(port_id);
	if (rte_eth_dev_start(port_id) != 0) {
		snprintf(err, errlen, "port %s: start failed", p->name);
		return -1;
	}
	return 0;
}

void dp_port_fini(struct dp_port *p)
{
	struct rte_mbuf *m;

	rte_eth_dev_stop(p->id);
	while (p->tx_ring && rte_ring_sc_dequeue(p->tx_ring, (void **)&m) == 0)
		rte_pktmbuf_free(m);
	rte_ring_free(p->tx_ring);
	p->tx_ring = NULL;
}

uint16_t dp_port_tx(struct dp_port *p, uint16_t slot, struct rte_mbuf **pkts, uint16_t n)
{
	if (slot < p->nb_txq)
		return rte_eth_tx_burst(p->id, slot, pkts, n);
	return (uint16_t)rte_ring_mp_enqueue_burst(p->tx_ring, (void **)pkts, n, NULL);
}

void dp_txbuf_flush(struct dp_port *p, uint16_t slot, struct dp_txbuf *b)
{
	uint16_t sent = b->n ? dp_port_tx(p, slot, b->pkts, b->n) : 0;

	for (uint16_t i = sent; i < b->n; i++)
		rte_pktmbuf_free(b->pkts[i]);
	b->sent += sent;
	b->dropped += b->n - sent;
	b->n = 0;
}

void dp_port_tx_flush(struct dp_port *p)
{
	struct rte_mbuf *pkts[32];
	unsigned int n;
	uint16_t sent;

	if (p->tx_ring == NULL)
		return;
	n = rte_ring_sc_dequeue_burst(p->tx_ring, (void **)pkts, 32, NULL);
	sent = n ? rte_eth_tx_burst(p->id, 0, pkts, (uint16_t)n) : 0;
	for (unsigned int i = sent; i < n; i++)
		rte_pktmbuf_free(pkts[i]);
}
