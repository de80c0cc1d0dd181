/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The data path's header code (lib/dp/proto.c) without an EAL: mbufs laid
 * over static buffers. The outer headers dp_udp_encap writes must parse
 * back (dp_parse) to what was asked, with a checksum that DPDK's own
 * rte_ipv4_cksum agrees with, for any addresses and lengths. A MAC packed
 * into a word (neighbour table, learnt peer) unpacks to itself.
 */
#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <rte_ip.h>
#include <rte_mbuf.h>

#include "dp_proto.h"
#include "testutil.h"
#include "vam_keys.h"

#define BUF	2048
#define HEAD	128

static uint8_t buf[BUF];

/* An mbuf over buf whose data (len bytes of 0x5a) starts at DP_OUTER_LEN room. */
static void fake_mbuf(struct rte_mbuf *m, uint16_t len)
{
	memset(m, 0, sizeof(*m));
	memset(buf, 0xee, sizeof(buf));
	m->buf_addr = buf;
	m->buf_len = BUF;
	m->data_off = HEAD;
	m->nb_segs = 1;
	memset(buf + HEAD + DP_OUTER_LEN, 0x5a, len);
	m->data_len = (uint16_t)(DP_OUTER_LEN + len);
	m->pkt_len = m->data_len;
}

static bool untouched(const uint8_t *p, size_t n, uint8_t v)
{
	for (size_t j = 0; j < n; j++)
		if (p[j] != v)
			return false;
	return true;
}

START_TEST(udp_encap_parses_back)
{
	const struct rte_ether_addr smac = { { 2, 0, 0, 0, 0, 1 } };
	const struct rte_ether_addr dmac = { { 2, 0, 0, 0, 0, 2 } };
	/* Edge sums; the last carries twice when folded (with a 100-byte payload). */
	const uint32_t fixed[][2] = { { 0xffffffff, 0xffffffff }, { 0, 0 }, { 0xc0000201, 0x0a010002 },
				      { 0xffff0000, 0x0000ffff }, { 0xffffffff, 0xffff3a6f } };
	struct rte_mbuf m;

	for (unsigned int i = 0; i < 5000; i++) {
		uint32_t r[4], src, dst;
		uint16_t len, sport, dport;
		struct rte_ipv4_hdr h;
		const struct rte_ipv4_hdr *ip;
		struct dp_pkt p;

		ck_assert_int_eq(vam_random(r, sizeof(r)), 0);
		src = i < RTE_DIM(fixed) ? fixed[i][0] : r[0];
		dst = i < RTE_DIM(fixed) ? fixed[i][1] : r[1];
		len = i < RTE_DIM(fixed) ? 100 : (uint16_t)(r[2] % (BUF - HEAD - DP_OUTER_LEN));
		sport = (uint16_t)r[3];
		dport = (uint16_t)(r[3] >> 16);
		fake_mbuf(&m, len);
		dp_udp_encap(&m, len, &smac, &dmac, src, sport, dst, dport);
		ck_assert_uint_eq(m.data_len, DP_OUTER_LEN + len);
		ck_assert_uint_eq(m.pkt_len, DP_OUTER_LEN + len);
		ck_assert_int_eq(dp_parse(&m, &p), DP_PKT_UDP);
		ck_assert_uint_eq(p.src, src);
		ck_assert_uint_eq(p.dst, dst);
		ck_assert_uint_eq(p.sport, sport);
		ck_assert_uint_eq(p.dport, dport);
		ck_assert_uint_eq(p.payload, DP_OUTER_LEN);
		ck_assert_uint_eq(p.payload_len, len);
		ip = rte_pktmbuf_mtod_offset(&m, const struct rte_ipv4_hdr *, RTE_ETHER_HDR_LEN);
		h = *ip;
		h.hdr_checksum = 0;
		ck_assert_msg(rte_ipv4_cksum(&h) == ip->hdr_checksum,
			      "checksum %04x, DPDK says %04x (src %08x dst %08x len %u)",
			      ip->hdr_checksum, rte_ipv4_cksum(&h), src, dst, len);
		ck_assert_uint_eq(ip->version_ihl, 0x45);
		ck_assert_uint_eq(ip->time_to_live, 64);
		ck_assert_uint_eq(rte_be_to_cpu_16(ip->fragment_offset), RTE_IPV4_HDR_DF_FLAG);
		ck_assert(memcmp(buf + HEAD, &dmac, 6) == 0 && memcmp(buf + HEAD + 6, &smac, 6) == 0);
		/* Nothing before the frame, nor in the payload, was touched
		 * (one assertion per packet: each one costs Check a write). */
		ck_assert_msg(untouched(buf, HEAD, 0xee), "headroom written (packet %u)", i);
		ck_assert_msg(untouched(buf + HEAD + DP_OUTER_LEN, len, 0x5a), "payload written (packet %u)", i);
	}
}
END_TEST

/* Byte i in bits 8i..8i+7 and bit 63 set; every MAC, the all-zero one too, round-trips. */
START_TEST(mac_pack_round_trips)
{
	static const struct rte_ether_addr cases[] = {
		{ { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 } },
		{ { 0, 0, 0, 0, 0, 0 } },
		{ { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } },
	};
	struct rte_ether_addr out;

	ck_assert(dp_mac_pack(&cases[0]) == UINT64_C(0x8000554433221102));
	ck_assert(dp_mac_pack(&cases[1]) == UINT64_C(1) << 63);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&out, 0xaa, sizeof(out));
		dp_mac_unpack(dp_mac_pack(&cases[i]), &out);
		ck_assert_msg(memcmp(&out, &cases[i], sizeof(out)) == 0, "MAC %zu", i);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("dp_proto");
	TCase *tc = tcase_create("headers");

	tcase_add_test(tc, udp_encap_parses_back);
	tcase_add_test(tc, mac_pack_round_trips);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
