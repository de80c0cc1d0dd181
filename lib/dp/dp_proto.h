/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Ethernet, ARP, IPv4, UDP and ICMP as the data path needs them: parsing
 * with every length bounded, in-place ARP and ICMP echo replies, and
 * UDP/IPv4/Ethernet encapsulation. Per-packet code: no allocation, no log.
 */
#ifndef DP_PROTO_H
#define DP_PROTO_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <rte_arp.h>
#include <rte_byteorder.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_mbuf.h>
#include <rte_udp.h>

enum dp_pkt_kind {
	DP_PKT_BAD = 0,		/* truncated or malformed headers */
	DP_PKT_ARP,
	DP_PKT_UDP,
	DP_PKT_ICMP,
	DP_PKT_IPV4,		/* any other IPv4 */
	DP_PKT_FRAG,		/* an IPv4 fragment: not reassembled */
	DP_PKT_OTHER,		/* another ethertype */
};

/* What the parser found; addresses and ports in host order. */
struct dp_pkt {
	uint16_t l3;		/* offset of the IPv4 (or ARP) header */
	uint16_t l4;		/* offset of UDP/ICMP */
	uint16_t payload;	/* offset of the UDP payload */
	uint16_t payload_len;
	uint32_t src, dst;
	uint16_t sport, dport;
	uint8_t proto;
};

#define DP_OUTER_LEN (RTE_ETHER_HDR_LEN + 20 + 8)	/* Ethernet + IPv4 + UDP */

/* Every frame of both ports passes here first: inline, whatever the inliner's budget says. */
static inline enum dp_pkt_kind dp_parse(const struct rte_mbuf *m, struct dp_pkt *p)
{
	const struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, const struct rte_ether_hdr *);
	const struct rte_ipv4_hdr *ip;
	uint32_t len = rte_pktmbuf_data_len(m), ihl, tot;
	uint16_t type;

	if (len < RTE_ETHER_HDR_LEN)
		return DP_PKT_BAD;
	type = rte_be_to_cpu_16(eth->ether_type);
	p->l3 = RTE_ETHER_HDR_LEN;
	if (type == RTE_ETHER_TYPE_ARP)
		return len >= RTE_ETHER_HDR_LEN + sizeof(struct rte_arp_hdr) ? DP_PKT_ARP : DP_PKT_BAD;
	if (type != RTE_ETHER_TYPE_IPV4)
		return DP_PKT_OTHER;
	ip = (const struct rte_ipv4_hdr *)(eth + 1);
	if (len < RTE_ETHER_HDR_LEN + sizeof(*ip) || (ip->version_ihl >> 4) != 4)
		return DP_PKT_BAD;
	ihl = (ip->version_ihl & 0xf) * 4u;
	tot = rte_be_to_cpu_16(ip->total_length);
	if (ihl < 20 || tot < ihl || RTE_ETHER_HDR_LEN + tot > len)
		return DP_PKT_BAD;
	p->src = rte_be_to_cpu_32(ip->src_addr);
	p->dst = rte_be_to_cpu_32(ip->dst_addr);
	p->proto = ip->next_proto_id;
	p->l4 = (uint16_t)(RTE_ETHER_HDR_LEN + ihl);
	if (rte_be_to_cpu_16(ip->fragment_offset) & (RTE_IPV4_HDR_MF_FLAG | RTE_IPV4_HDR_OFFSET_MASK))
		return DP_PKT_FRAG;
	if (p->proto == IPPROTO_ICMP)
		return DP_PKT_ICMP;
	if (p->proto != IPPROTO_UDP)
		return DP_PKT_IPV4;
	{
		const struct rte_udp_hdr *u = (const void *)((const uint8_t *)ip + ihl);
		uint32_t ulen;

		if (tot - ihl < sizeof(*u))
			return DP_PKT_BAD;
		ulen = rte_be_to_cpu_16(u->dgram_len);
		if (ulen < sizeof(*u) || ulen > tot - ihl)
			return DP_PKT_BAD;
		p->sport = rte_be_to_cpu_16(u->src_port);
		p->dport = rte_be_to_cpu_16(u->dst_port);
		p->payload = (uint16_t)(p->l4 + sizeof(*u));
		p->payload_len = (uint16_t)(ulen - sizeof(*u));
	}
	return DP_PKT_UDP;
}

/* Parse an IPv4 packet starting at data offset off (an inner packet); false if malformed. */
bool dp_parse_ipv4(const struct rte_mbuf *m, uint16_t off, uint16_t len, uint32_t *src,
		   uint32_t *dst, uint8_t *proto);

/* Turn an ARP request for ip into the reply, in place. False: not a request for ip. */
bool dp_arp_answer(struct rte_mbuf *m, uint32_t ip, const struct rte_ether_addr *mac);
/* Sender of an ARP packet (request or reply), for neighbour learning. */
bool dp_arp_sender(const struct rte_mbuf *m, uint32_t *ip, struct rte_ether_addr *mac);
/* Build an ARP request for ip from (my_ip, my_mac) into an empty mbuf. */
void dp_arp_request(struct rte_mbuf *m, uint32_t ip, uint32_t my_ip,
		    const struct rte_ether_addr *my_mac);

/*
 * Turn the ICMP echo request of the IPv4 packet at offset l3 into the echo
 * reply, in place (addresses swapped, TTL 64, checksums redone). False:
 * not an echo request or malformed.
 */
bool dp_icmp_echo_reply(struct rte_mbuf *m, uint16_t l3);

/* Ethernet header at the start of the mbuf's data. */
void dp_eth_set(struct rte_mbuf *m, const struct rte_ether_addr *src,
		const struct rte_ether_addr *dst, uint16_t type);
/* Swap the Ethernet addresses, source becoming mac. */
void dp_eth_reply(struct rte_mbuf *m, const struct rte_ether_addr *mac);

/*
 * The data starts with DP_OUTER_LEN bytes of room followed by a UDP
 * payload of len bytes: write Ethernet, IPv4 (DF, TTL 64, checksum) and
 * UDP (checksum 0, allowed over IPv4) headers and set the mbuf lengths.
 */
void dp_udp_encap(struct rte_mbuf *m, uint16_t len, const struct rte_ether_addr *smac,
		  const struct rte_ether_addr *dmac, uint32_t src, uint16_t sport, uint32_t dst,
		  uint16_t dport);

/*
 * A MAC in a 64-bit word (byte i in bits 8i..8i+7), never 0. Two loads
 * combined in registers: building it through a stack word (6-byte memcpy)
 * stalls the 8-byte reload on store forwarding (about 12 cycles per
 * packet in learn() on an AMD EPYC, perf-measured).
 */
static inline uint64_t dp_mac_pack(const struct rte_ether_addr *a)
{
	uint32_t lo;
	uint16_t hi;

	memcpy(&lo, a->addr_bytes, sizeof(lo));
	memcpy(&hi, a->addr_bytes + sizeof(lo), sizeof(hi));
	return (uint64_t)rte_le_to_cpu_32(lo) | (uint64_t)rte_le_to_cpu_16(hi) << 32 |
	       UINT64_C(1) << 63;	/* non-zero even for 00:00:00:00:00:00 */
}

static inline void dp_mac_unpack(uint64_t v, struct rte_ether_addr *a)
{
	uint32_t lo = rte_cpu_to_le_32((uint32_t)v);
	uint16_t hi = rte_cpu_to_le_16((uint16_t)(v >> 32));

	memcpy(a->addr_bytes, &lo, sizeof(lo));
	memcpy(a->addr_bytes + sizeof(lo), &hi, sizeof(hi));
}

/*
 * dp_udp_encap's headers for one source (MAC, address, port), built once:
 * per packet they are copied whole and the five fields that depend on the
 * destination and length are stored over them (a third of the
 * instructions of building every field).
 */
struct dp_outer {
	uint8_t hdr[DP_OUTER_LEN];	/* destination, lengths and checksum zero */
	uint32_t sum;			/* the IPv4 header's fixed 16-bit words, summed */
};

void dp_outer_init(struct dp_outer *o, const struct rte_ether_addr *smac, uint32_t src,
		   uint16_t sport);

/* A 32-bit sum of 16-bit words folded into the IPv4 header checksum (network order). */
static inline rte_be16_t dp_ipv4_cksum_fold(uint32_t sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return rte_cpu_to_be_16((uint16_t)~sum);
}

/* As dp_udp_encap with o's source; dmac packed (dp_mac_pack). Never reads what it writes. */
static inline void dp_outer_write(struct rte_mbuf *m, const struct dp_outer *o, uint16_t len,
				  uint64_t dmac, uint32_t dst, uint16_t dport)
{
	uint8_t *h = rte_pktmbuf_mtod(m, uint8_t *);
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(h + RTE_ETHER_HDR_LEN);
	struct rte_udp_hdr *u = (struct rte_udp_hdr *)(ip + 1);
	uint16_t tot = (uint16_t)(sizeof(*ip) + sizeof(*u) + len);

	memcpy(h, o->hdr, DP_OUTER_LEN);
	dp_mac_unpack(dmac, (struct rte_ether_addr *)h);
	ip->total_length = rte_cpu_to_be_16(tot);
	ip->hdr_checksum = dp_ipv4_cksum_fold(o->sum + tot + (dst >> 16) + (dst & 0xffff));
	ip->dst_addr = rte_cpu_to_be_32(dst);
	u->dst_port = rte_cpu_to_be_16(dport);
	u->dgram_len = rte_cpu_to_be_16((uint16_t)(sizeof(*u) + len));
	m->data_len = (uint16_t)(DP_OUTER_LEN + len);
	m->pkt_len = m->data_len;
	m->tx_offload = rte_mbuf_tx_offload(RTE_ETHER_HDR_LEN, sizeof(*ip), 0, 0, 0, 0, 0);
}

#endif
