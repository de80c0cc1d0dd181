/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A whole gateway in one process, for tests: EAL, two ring-backed ports
 * the test owns both ends of, a configuration file, gw_setup and the real
 * control loop; emulated clients (lib/vam's client side) and LAN hosts
 * that talk to it in Ethernet frames; counter snapshots.
 */
#ifndef VAM_GWTEST_H
#define VAM_GWTEST_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>
#include <rte_ring.h>

#include "gw.h"
#include "vam_client.h"

enum { GT_OUT = 0, GT_LAN = 1 };

#define GT_NB_RXQ	2
#define GT_NB_TXQ	3
#define GT_FRAME_MAX	(RTE_ETHER_HDR_LEN + 20 + 8 + VAM_DATA_MAX + 64)
#define GT_KEEP		64	/* frames kept per queue */

#define GT_GW_OUT	0xc0000201u	/* 192.0.2.1 */
#define GT_GW_PRIV	0x0a010001u	/* 10.1.0.1 */
#define GT_LAN_ADDR	0xac100001u	/* 172.16.0.1 */
#define GT_CLIENT_NET	0xcb007100u	/* 203.0.113.0/24 */
#define GT_CTRL_PORT	61000
#define GT_DATA_PORT	61001
#define GT_PSK_HEX	"76616d67772d746573742d70736b2d31"	/* tests/vectors' PSK */
#define GT_PSK8		"aging-domain-psk-8"	/* domain 8: keepalive 1 s, retries 1 */

struct gt_frame {
	uint32_t len;
	uint8_t d[GT_FRAME_MAX];
};

/* Frames the gateway sent, in order; taken out by the tests. */
struct gt_queue {
	struct gt_frame f[GT_KEEP];
	unsigned int n;
	unsigned int lost;	/* arrived while full */
};

struct gt_spoke {
	struct vam_client c;
	struct vam_client_cfg cfg;
	uint32_t ip;			/* outside address, control and data */
	struct rte_ether_addr mac;
	uint16_t nat_port;		/* its data source port as the gateway sees it */
	unsigned int rx_types[VAM_CTRL_TYPE_MAX + 1];	/* control messages taken, by type */
	unsigned int rx_refused;	/* control datagrams vam_client_input dropped */
	struct gt_queue data;		/* UDP payloads sent to its data address */
};

struct gt_world {
	struct gw g;
	uint16_t port[2];
	struct rte_ether_addr mac[2];		/* the gateway's, per port */
	struct rte_ring *rx[2][GT_NB_RXQ], *tx[2][GT_NB_TXQ];
	struct rte_mempool *mp;			/* what the test injects */
	struct gt_spoke *spokes[4];
	unsigned int n_spokes;
	struct gt_queue other[2];		/* gateway output not for a spoke, per port */
	unsigned int bad_frames;		/* gateway output with broken outer headers */
	unsigned long injected, taken;
	char dir[64], conf[96];
	_Atomic bool loop_done;			/* gw_control_loop returned */
};

extern struct gt_world gt;

/* Counters summed over the workers, and the control plane's. */
struct gt_snap {
	uint64_t vam[VAM_DROP_MAX], dp[DP_D_MAX];
	uint64_t rx[2], tx[2], to_ctl, data_rx, data_tx, to_lan, from_lan, local, arp, icmp;
	uint64_t ctl_rx, ctl_drops[VAM_DROP_MAX];
};

/*
 * main(): EAL, rings, ports, configuration, gw_setup with workers in the
 * given crypto mode. 0 or -1 with a message printed.
 */
int gt_start(const char *prog, enum dp_crypto_mode mode);
/* main(), after the control loop returned: teardown; -1 if mbufs leaked. */
int gt_finish(void);
/* rte_eal_cleanup, and the EAL's runtime directory removed. */
void gt_eal_cleanup(void);

/* Frames in, frames out. */
void gt_inject(int port, const uint8_t *frame, uint32_t len);
void gt_inject2(int port, const uint8_t *frame, uint32_t len);	/* twice, one burst */
/* Take every frame the gateway sent; hand each to its spoke. Returns how many. */
unsigned int gt_pump(void);
/* Pump every millisecond until cond(arg) or ms milliseconds passed; returns cond(arg). */
bool gt_wait(bool (*cond)(void *arg), void *arg, unsigned int ms);
/* Pump for ms milliseconds. */
void gt_idle(unsigned int ms);
/* Take the first frame of q that match accepts (NULL: any) into out; false if none. */
bool gt_take(struct gt_queue *q, bool (*match)(const uint8_t *f, uint32_t len, const void *arg),
	     const void *arg, struct gt_frame *out);
/* gt_take, pumping until it succeeds or ms passed. */
bool gt_wait_take(struct gt_queue *q,
		  bool (*match)(const uint8_t *f, uint32_t len, const void *arg),
		  const void *arg, struct gt_frame *out, unsigned int ms);

/* Frame building (addresses in host order); each returns the frame's length. */
uint32_t gt_udp_frame(uint8_t *f, const struct rte_ether_addr *src_mac, int port, uint32_t src,
		      uint16_t sport, uint32_t dst, uint16_t dport, const uint8_t *pl,
		      uint32_t len);
uint32_t gt_ipv4_frame(uint8_t *f, const struct rte_ether_addr *src,
		       const struct rte_ether_addr *dst, const uint8_t *pkt, uint32_t len);
uint32_t gt_arp_frame(uint8_t *f, uint16_t op, const struct rte_ether_addr *sha, uint32_t sip,
		      const struct rte_ether_addr *tha, uint32_t tip,
		      const struct rte_ether_addr *eth_dst);
/* An IPv4 ICMP echo request src -> dst with a payload of n bytes (no Ethernet). */
uint32_t gt_ping(uint8_t *p, uint32_t src, uint32_t dst, uint16_t id, uint16_t seq, uint32_t n);
/* Whether the IPv4 packet p is an echo reply dst <- src answering gt_ping(id, seq, n). */
bool gt_is_pong(const uint8_t *p, uint32_t len, uint32_t src, uint32_t dst, uint16_t id,
		uint16_t seq, uint32_t n);

/* Spokes: 10.1.0.<host> at 203.0.113.<host>, CHAP user and password, one cipher offered. */
void gt_spoke_init(struct gt_spoke *s, uint8_t host, const char *user, const char *pw,
		   uint16_t enc, uint16_t integ);
void gt_spoke_ctrl(struct gt_spoke *s, const uint8_t *dgram, long len);
void gt_spoke_data(struct gt_spoke *s, const uint8_t *dgram, long len);
/* DATA carrying pkt, sealed by the spoke, sent from its data port. */
void gt_spoke_send(struct gt_spoke *s, const uint8_t *pkt, uint32_t len);
/* The next DATA the gateway sent the spoke, opened; false if none came within ms. */
bool gt_spoke_recv(struct gt_spoke *s, uint8_t *pkt, size_t cap, size_t *len, unsigned int ms);

void gt_snap(struct gt_snap *s);
/*
 * After one hostile frame: wait until a worker accounted for it (a drop,
 * or a hand-over to the control lcore and the control lcore took it), then
 * snapshot into after.
 */
void gt_settle(const struct gt_snap *before, struct gt_snap *after);
/* Exactly one drop between a and b: d on the workers, or on the control lcore. */
void gt_expect_drop(const char *what, const struct gt_snap *a, const struct gt_snap *b,
		    enum vam_drop d, bool on_ctl);

#endif
