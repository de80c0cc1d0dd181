/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Ports: the outside port (VAM control and data) and the protected (LAN)
 * port. RSS on the UDP/IPv4 5-tuple spreads one RX queue per worker; each
 * worker and the control lcore have their own TX queue. A PMD with fewer
 * queues still works: extra workers do not poll RX, and lcores without a
 * TX queue of their own hand packets to a ring that the owner of TX queue
 * 0 drains.
 */
#ifndef DP_PORT_H
#define DP_PORT_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_mempool.h>
#include <rte_ring.h>

struct dp_port {
	uint16_t id;
	uint16_t nb_rxq;		/* workers 0 .. nb_rxq-1 poll RX */
	uint16_t nb_txq;		/* lcore slot i uses queue i if i < nb_txq */
	bool rss;
	struct rte_ether_addr mac;
	struct rte_ring *tx_ring;	/* for lcore slots without a TX queue (MP/SC) */
	char name[RTE_ETH_NAME_MAX_LEN];
};

/*
 * Configure and start port_id for nb_workers workers plus the control
 * lcore (TX slot nb_workers), with at most max_rxq RX queues (0: one per
 * worker). Returns 0, or -1 with err written.
 */
int dp_port_init(struct dp_port *p, uint16_t port_id, uint16_t nb_workers, uint16_t max_rxq,
		 uint16_t nb_desc, struct rte_mempool *mp, char *err, size_t errlen);
void dp_port_fini(struct dp_port *p);

/*
 * Send from lcore slot (0 .. nb_workers-1 workers, nb_workers control).
 * Returns how many were taken; the caller frees the rest and counts them.
 */
uint16_t dp_port_tx(struct dp_port *p, uint16_t slot, struct rte_mbuf **pkts, uint16_t n);
/* A burst being gathered for one port from one lcore slot (control lcore, loadgen). */
struct dp_txbuf {
	uint16_t n;
	struct rte_mbuf *pkts[64];
	uint64_t sent, dropped;		/* what the port took, what it refused (freed) */
};

/* Send what is gathered; frees what the port refuses. */
void dp_txbuf_flush(struct dp_port *p, uint16_t slot, struct dp_txbuf *b);
/* Gather one frame, sending the burst first when it is full. */
static inline void dp_txbuf_add(struct dp_port *p, uint16_t slot, struct dp_txbuf *b,
				struct rte_mbuf *m)
{
	if (b->n == RTE_DIM(b->pkts))
		dp_txbuf_flush(p, slot, b);
	b->pkts[b->n++] = m;
}

/* Called by the owner of TX queue 0: drain the shared ring. */
void dp_port_tx_flush(struct dp_port *p);

#endif
