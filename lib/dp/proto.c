/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include <rte_arp.h>
#include <rte_byteorder.h>
#include <rte_icmp.h>
#include <rte_ip.h>
#include <rte_udp.h>

#include "dp_proto.h"

bool dp_parse_ipv4(const struct rte_mbuf *m, uint16_t off, uint16_t len, uint32_t *src,
		   uint32_t *dst, uint8_t *proto)
{
	const struct rte_ipv4_hdr *ip = rte_pktmbuf_mtod_offset(m, const struct rte_ipv4_hdr *, off);
	uint32_t ihl;

	/* S-55: version 4, IHL >= 5, total length = the whole plaintext. */
	if (len < sizeof(*ip) || (ip->version_ihl >> 4) != 4)
		return false;
	ihl = (ip->version_ihl & 0xf) * 4u;
	if (ihl < 20 || ihl > len || rte_be_to_cpu_16(ip->total_length) != len)
		return false;
	*src = rte_be_to_cpu_32(ip->src_addr);
	*dst = rte_be_to_cpu_32(ip->dst_addr);
	*proto = ip->next_proto_id;
	return true;
}

bool dp_arp_answer(struct rte_mbuf *m, uint32_t ip, const struct rte_ether_addr *mac)
{
	struct rte_arp_hdr *a = rte_pktmbuf_mtod_offset(m, struct rte_arp_hdr *, RTE_ETHER_HDR_LEN);
	struct rte_arp_ipv4 *d = &a->arp_data;

	if (a->arp_hardware != rte_cpu_to_be_16(RTE_ARP_HRD_ETHER) ||
	    a->arp_protocol != rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4) ||
	    a->arp_opcode != rte_cpu_to_be_16(RTE_ARP_OP_REQUEST) ||
	    rte_be_to_cpu_32(d->arp_tip) != ip)
		return false;
	a->arp_opcode = rte_cpu_to_be_16(RTE_ARP_OP_REPLY);
	d->arp_tha = d->arp_sha;
	d->arp_tip = d->arp_sip;
	d->arp_sha = *mac;
	d->arp_sip = rte_cpu_to_be_32(ip);
	dp_eth_reply(m, mac);
	return true;
}

bool dp_arp_sender(const struct rte_mbuf *m, uint32_t *ip, struct rte_ether_addr *mac)
{
	const struct rte_arp_hdr *a =
		rte_pktmbuf_mtod_offset(m, const struct rte_arp_hdr *, RTE_ETHER_HDR_LEN);

	if (a->arp_hardware != rte_cpu_to_be_16(RTE_ARP_HRD_ETHER) ||
	    a->arp_protocol != rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4))
		return false;
	*ip = rte_be_to_cpu_32(a->arp_data.arp_sip);
	*mac = a->arp_data.arp_sha;
	return *ip != 0;
}

void dp_arp_request(struct rte_mbuf *m, uint32_t ip, uint32_t my_ip,
		    const struct rte_ether_addr *my_mac)
{
	static const struct rte_ether_addr bcast = { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };
	struct rte_arp_hdr *a;

	rte_pktmbuf_reset(m);
	rte_pktmbuf_append(m, RTE_ETHER_HDR_LEN + sizeof(*a));
	dp_eth_set(m, my_mac, &bcast, RTE_ETHER_TYPE_ARP);
	a = rte_pktmbuf_mtod_offset(m, struct rte_arp_hdr *, RTE_ETHER_HDR_LEN);
	a->arp_hardware = rte_cpu_to_be_16(RTE_ARP_HRD_ETHER);
	a->arp_protocol = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	a->arp_hlen = RTE_ETHER_ADDR_LEN;
	a->arp_plen = 4;
	a->arp_opcode = rte_cpu_to_be_16(RTE_ARP_OP_REQUEST);
	a->arp_data.arp_sha = *my_mac;
	a->arp_data.arp_sip = rte_cpu_to_be_32(my_ip);
	memset(&a->arp_data.arp_tha, 0, sizeof(a->arp_data.arp_tha));
	a->arp_data.arp_tip = rte_cpu_to_be_32(ip);
}

bool dp_icmp_echo_reply(struct rte_mbuf *m, uint16_t l3)
{
	struct rte_ipv4_hdr *ip = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *, l3);
	uint32_t ihl = (ip->version_ihl & 0xf) * 4u, tot = rte_be_to_cpu_16(ip->total_length);
	struct rte_icmp_hdr *ic = (struct rte_icmp_hdr *)((uint8_t *)ip + ihl);
	rte_be32_t a;

	if (ip->next_proto_id != IPPROTO_ICMP || tot < ihl + sizeof(*ic) ||
	    ic->icmp_type != RTE_IP_ICMP_ECHO_REQUEST || ic->icmp_code != 0)
		return false;
	ic->icmp_type = RTE_IP_ICMP_ECHO_REPLY;
	ic->icmp_cksum = 0;
	ic->icmp_cksum = (uint16_t)~rte_raw_cksum(ic, tot - ihl);
	a = ip->src_addr;
	ip->src_addr = ip->dst_addr;
	ip->dst_addr = a;
	ip->time_to_live = 64;
	ip->hdr_checksum = 0;
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	return true;
}

void dp_eth_set(struct rte_mbuf *m, const struct rte_ether_addr *src,
		const struct rte_ether_addr *dst, uint16_t type)
{
	struct rte_ether_hdr *e = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);

	e->src_addr = *src;
	e->dst_addr = *dst;
	e->ether_type = rte_cpu_to_be_16(type);
}

void dp_eth_reply(struct rte_mbuf *m, const struct rte_ether_addr *mac)
{
	struct rte_ether_hdr *e = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);

	e->dst_addr = e->src_addr;
	e->src_addr = *mac;
}

void dp_outer_init(struct dp_outer *o, const struct rte_ether_addr *smac, uint32_t src,
		   uint16_t sport)
{
	struct rte_ether_hdr *e = (struct rte_ether_hdr *)o->hdr;
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(e + 1);
	struct rte_udp_hdr *u = (struct rte_udp_hdr *)(ip + 1);

	memset(o, 0, sizeof(*o));
	e->src_addr = *smac;
	e->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->fragment_offset = rte_cpu_to_be_16(RTE_IPV4_HDR_DF_FLAG);
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_UDP;
	ip->src_addr = rte_cpu_to_be_32(src);
	u->src_port = rte_cpu_to_be_16(sport);
	/* The fixed words as written above (length, checksum, destination still zero). */
	o->sum = rte_be_to_cpu_16(rte_raw_cksum(ip, sizeof(*ip)));
}

/* Not on the data path (the control lcore's replies, the load generator): built each time. */
void dp_udp_encap(struct rte_mbuf *m, uint16_t len, const struct rte_ether_addr *smac,
		  const struct rte_ether_addr *dmac, uint32_t src, uint16_t sport, uint32_t dst,
		  uint16_t dport)
{
	struct dp_outer o;

	dp_outer_init(&o, smac, src, sport);
	dp_outer_write(m, &o, len, dp_mac_pack(dmac), dst, dport);
}
