/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vam-pcapgen: traffic for data-plane benchmarks. It writes a classic pcap
 * file (microsecond timestamps, magic a1b2c3d4, linktype 1: Ethernet
 * frames without FCS) that net_pcap replays with infinite_rx=1, and the
 * [static NAME] sections that make a gateway accept what is in it. DATA is
 * sealed with lib/vam's OpenSSL record path: no EAL, no DPDK.
 *
 * Two spokes, A (10.1.0.10) and B (10.1.0.11), in domain 7, behind
 * 203.0.113.10:61001 and 203.0.113.11:61001; the gateway is 192.0.2.1:18001
 * and the LAN host 172.16.5.5. Keys are derived from the spoke and the
 * direction only, so every run of the tool agrees with every other.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcapgen.h"
#include "vam_keys.h"
#include "vam_record.h"
#include "vam_suite.h"
#include "vam_wire.h"

#define ETH_LEN		14
#define IP_LEN		20
#define UDP_LEN		8
#define OUTER_LEN	(ETH_LEN + IP_LEN + UDP_LEN)
#define INNER_MIN	(IP_LEN + UDP_LEN)
#define INNER_MAX	9000		/* the gateway's largest tunnel MTU */
#define COUNT_MAX	(1u << 24)
#define FRAME_MAX	(OUTER_LEN + VAM_DATA_MAX)

#define DOMAIN		7
#define GW_ADDR		0xc0000201u	/* 192.0.2.1 */
#define LAN_HOST	0xac100505u	/* 172.16.5.5 */
#define SPOKE_PORT	61001
#define INNER_SPORT	40000
#define INNER_DPORT	9		/* discard */

/* The gateway runs its ports promiscuous: the destination MAC is not checked. */
static const uint8_t gw_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t lan_host_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x05, 0x05 };
static const uint8_t bcast_mac[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

struct spoke {
	const char *name;
	uint32_t server_id;	/* the gateway's id: header id of DATA from the spoke */
	uint32_t peer_id;	/* the spoke's id */
	uint32_t private_addr;
	uint32_t outside_addr;
	uint8_t mac[6];
};

static const struct spoke spokes[2] = {
	{ "spoke_a", 0x10000001, 0x20000001, 0x0a01000a, 0xcb00710a,
	  { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0a } },
	{ "spoke_b", 0x10000002, 0x20000002, 0x0a01000b, 0xcb00710b,
	  { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0b } },
};

enum mode { M_SPOKE_LAN, M_LAN_SPOKE, M_SPOKE_SPOKE, M_LAN_ARP };

static const char *const mode_names[] = {
	[M_SPOKE_LAN] = "spoke-lan", [M_LAN_SPOKE] = "lan-spoke",
	[M_SPOKE_SPOKE] = "spoke-spoke", [M_LAN_ARP] = "lan-arp",
};

struct opts {
	struct vam_suite suite;
	const char *suite_name;
	unsigned long size, count;
	enum mode mode;
	const char *out, *conf;
	bool replay_check;
};

static const char usage_text[] =
"Usage: vam-pcapgen --suite NAME [options]\n"
"\n"
"Writes traffic for vamgw's data-plane benchmark: a classic pcap file\n"
"(microsecond, magic a1b2c3d4, linktype 1, Ethernet frames without FCS)\n"
"for net_pcap's rx_pcap=FILE,infinite_rx=1, and a configuration fragment\n"
"with the two static sessions the traffic belongs to.\n"
"\n"
"Options:\n"
"      --suite NAME    ENC or ENC+INTEG: aes-128-gcm, aes-256-gcm,\n"
"                      chacha20-poly1305, aes-128-cbc+hmac-sha256,\n"
"                      aes-256-cbc+hmac-sha1, ... Required.\n"
"      --size N        inner IPv4 packet size in bytes, %d..%d. Default: 64.\n"
"      --count N       distinct packets (DATA seqs 1..N), 1..%u. Default: 1024.\n"
"      --mode MODE     what the frames are (default spoke-lan):\n"
"                        spoke-lan    DATA from spoke A (203.0.113.10:61001 ->\n"
"                                     192.0.2.1:18001) carrying IPv4/UDP\n"
"                                     10.1.0.10 -> 172.16.5.5, for the outside port\n"
"                        lan-spoke    plain IPv4/UDP 172.16.5.5 -> 10.1.0.10,\n"
"                                     for the protected port\n"
"                        spoke-spoke  DATA from spoke A to 10.1.0.11 (spoke B)\n"
"                        lan-arp      one gratuitous ARP reply from 172.16.5.5,\n"
"                                     for the protected port: the gateway learns\n"
"                                     LAN neighbours only from ARP\n"
"      --out FILE      the pcap file to write.\n"
"      --conf FILE     write [static spoke_a] and [static spoke_b] for the\n"
"                      suite (domain 7, deterministic keys, peers\n"
"                      203.0.113.10:61001 and 203.0.113.11:61001).\n"
"      --replay-check  replay_check = yes in the fragment. Default: no, since\n"
"                      a looping pcap repeats its seqs.\n"
"  -h, --help          this text.\n"
"\n"
"At least one of --out and --conf is needed. Exit status: 0, 1 on an I/O\n"
"error, 2 on a usage error.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "vam-pcapgen: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (see --help)\n");
	return 2;
}

static bool number(const char *s, unsigned long lo, unsigned long hi, unsigned long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return errno == 0 && *end == 0 && *out >= lo && *out <= hi;
}

/* "aes-128-gcm" or "aes-128-cbc+hmac-sha256"; false if that is not a valid suite. */
static bool parse_suite(const char *name, struct vam_suite *s)
{
	char enc[32];
	const char *plus = strchr(name, '+');
	const struct vam_enc_info *e;
	const struct vam_integ_info *i = vam_integ_by_name(plus ? plus + 1 : "none");
	size_t n = plus ? (size_t)(plus - name) : strlen(name);

	if (n >= sizeof(enc))
		return false;
	memcpy(enc, name, n);
	enc[n] = 0;
	e = vam_enc_by_name(enc);
	if (e == NULL || i == NULL)
		return false;
	*s = (struct vam_suite){ e->id, i->id };
	return vam_suite_valid(*s) && (s->enc != VAM_ENC_NONE || s->integ != VAM_INTEG_NONE);
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option lopts[] = {
		{ "suite", required_argument, NULL, 's' },
		{ "size", required_argument, NULL, 'z' },
		{ "count", required_argument, NULL, 'n' },
		{ "mode", required_argument, NULL, 'm' },
		{ "out", required_argument, NULL, 'o' },
		{ "conf", required_argument, NULL, 'c' },
		{ "replay-check", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool have_mode;
	int c;

	*o = (struct opts){ .size = 64, .count = 1024, .mode = M_SPOKE_LAN };
	while ((c = getopt_long(argc, argv, "h", lopts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (!parse_suite(optarg, &o->suite))
				return usage_error("unknown or invalid suite '%s'", optarg);
			o->suite_name = optarg;
			break;
		case 'z':
			if (!number(optarg, INNER_MIN, INNER_MAX, &o->size))
				return usage_error("invalid --size '%s'", optarg);
			break;
		case 'n':
			if (!number(optarg, 1, COUNT_MAX, &o->count))
				return usage_error("invalid --count '%s'", optarg);
			break;
		case 'm':
			have_mode = false;
			for (size_t i = 0; i < sizeof(mode_names) / sizeof(mode_names[0]); i++)
				if (strcmp(optarg, mode_names[i]) == 0) {
					o->mode = (enum mode)i;
					have_mode = true;
				}
			if (!have_mode)
				return usage_error("unknown --mode '%s'", optarg);
			break;
		case 'o': o->out = optarg; break;
		case 'c': o->conf = optarg; break;
		case 'r': o->replay_check = true; break;
		case 'h':
			printf(usage_text, INNER_MIN, INNER_MAX, COUNT_MAX);
			return 1;
		default:
			fprintf(stderr, "vam-pcapgen: see --help\n");
			return 2;
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (o->suite_name == NULL && o->mode != M_LAN_ARP)
		return usage_error("%s", "--suite is required");
	if (o->out == NULL && o->conf == NULL)
		return usage_error("%s", "nothing to do: give --out and/or --conf");
	if (o->conf && o->suite_name == NULL)
		return usage_error("%s", "--conf needs --suite");
	return 0;
}

/* ---- keys ---- */

/* Deterministic, distinct keys per spoke and direction (0: rx = c2s, 1: tx = s2c). */
static void dir_keys(unsigned int spoke, unsigned int dir, struct vam_dir_keys *k)
{
	uint8_t tag = (uint8_t)(0x10 * (spoke + 1) + dir);

	for (size_t i = 0; i < sizeof(k->enc); i++)
		k->enc[i] = (uint8_t)(tag ^ (i * 0x1d + 0x41));
	for (size_t i = 0; i < sizeof(k->salt); i++)
		k->salt[i] = (uint8_t)(tag ^ (i * 0x33 + 0x5a));
	for (size_t i = 0; i < sizeof(k->integ); i++)
		k->integ[i] = (uint8_t)(tag ^ (i * 0x17 + 0x99));
}

/* ---- frames ---- */

static uint16_t ip_cksum(const uint8_t *h, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += vam_get16(h + i);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static size_t put_eth(uint8_t *p, const uint8_t dst[6], const uint8_t src[6], uint16_t type)
{
	memcpy(p, dst, 6);
	memcpy(p + 6, src, 6);
	vam_put16(p + 12, type);
	return ETH_LEN;
}

/* IPv4 + UDP headers for a UDP payload of len bytes; returns the header length. */
static size_t put_ip_udp(uint8_t *p, uint32_t src, uint32_t dst, uint16_t sport, uint16_t dport,
			 size_t len, uint16_t ip_id)
{
	memset(p, 0, IP_LEN + UDP_LEN);
	p[0] = 0x45;
	vam_put16(p + 2, (uint16_t)(IP_LEN + UDP_LEN + len));
	vam_put16(p + 4, ip_id);
	vam_put16(p + 6, 0x4000);	/* DF */
	p[8] = 64;
	p[9] = 17;
	vam_put32(p + 12, src);
	vam_put32(p + 16, dst);
	vam_put16(p + 10, ip_cksum(p, IP_LEN));
	vam_put16(p + IP_LEN, sport);
	vam_put16(p + IP_LEN + 2, dport);
	vam_put16(p + IP_LEN + 4, (uint16_t)(UDP_LEN + len));
	return IP_LEN + UDP_LEN;	/* UDP checksum 0: none (IPv4) */
}

/* The inner packet number i: IPv4/UDP of exactly size bytes, payload varying with i. */
static void inner_packet(uint8_t *p, size_t size, uint32_t src, uint32_t dst, unsigned long i)
{
	size_t h = put_ip_udp(p, src, dst, INNER_SPORT, INNER_DPORT, size - INNER_MIN,
			      (uint16_t)i);

	for (size_t j = h; j < size; j++)
		p[j] = (uint8_t)(i + j);
}

/* A DATA frame from spoke A carrying inner packet i (seq i + 1); returns its length or -1. */
static long data_frame(const struct opts *o, uint32_t inner_dst, unsigned long i, uint8_t *frame)
{
	static uint8_t pt[INNER_MAX];
	const struct spoke *a = &spokes[0];
	struct vam_hdr h = { VAM_VERSION, VAM_DATA, 0, 0, a->server_id, (uint64_t)i + 1 };
	struct vam_dir_keys c2s;
	long n;

	inner_packet(pt, o->size, a->private_addr, inner_dst, i);
	dir_keys(0, 0, &c2s);
	n = vam_seal(o->suite, &c2s, &h, pt, o->size, NULL, frame + OUTER_LEN,
		     FRAME_MAX - OUTER_LEN);
	vam_wipe(&c2s, sizeof(c2s));
	if (n < 0)
		return -1;
	put_eth(frame, gw_mac, a->mac, 0x0800);
	put_ip_udp(frame + ETH_LEN, a->outside_addr, GW_ADDR, SPOKE_PORT, VAM_PORT_DATA,
		   (size_t)n, (uint16_t)i);
	return OUTER_LEN + n;
}

static long lan_frame(const struct opts *o, unsigned long i, uint8_t *frame)
{
	put_eth(frame, gw_mac, lan_host_mac, 0x0800);
	inner_packet(frame + ETH_LEN, o->size, LAN_HOST, spokes[0].private_addr, i);
	return (long)(ETH_LEN + o->size);
}

/* "172.16.5.5 is at 02:00:00:00:05:05", to everyone. */
static long arp_frame(uint8_t *frame)
{
	uint8_t *a = frame + put_eth(frame, bcast_mac, lan_host_mac, 0x0806);

	vam_put16(a, 1);		/* Ethernet */
	vam_put16(a + 2, 0x0800);	/* IPv4 */
	a[4] = 6;
	a[5] = 4;
	vam_put16(a + 6, 2);		/* reply */
	memcpy(a + 8, lan_host_mac, 6);
	vam_put32(a + 14, LAN_HOST);
	memcpy(a + 18, bcast_mac, 6);
	vam_put32(a + 24, LAN_HOST);
	memset(a + 28, 0, 60 - ETH_LEN - 28);	/* pad to the Ethernet minimum */
	return 60;
}

/* ---- pcap ---- */

static void le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static bool pcap_header(FILE *f)
{
	uint8_t h[24];

	le32(h, 0xa1b2c3d4);		/* microsecond timestamps */
	h[4] = 2;			/* version 2.4, little-endian */
	h[5] = 0;
	h[6] = 4;
	h[7] = 0;
	le32(h + 8, 0);			/* thiszone */
	le32(h + 12, 0);		/* sigfigs */
	le32(h + 16, 65535);		/* snaplen */
	le32(h + 20, 1);		/* LINKTYPE_ETHERNET */
	return fwrite(h, sizeof(h), 1, f) == 1;
}

static bool pcap_record(FILE *f, unsigned long i, const uint8_t *frame, size_t len)
{
	uint8_t r[16];

	le32(r, (uint32_t)(i / 1000000));
	le32(r + 4, (uint32_t)(i % 1000000));
	le32(r + 8, (uint32_t)len);
	le32(r + 12, (uint32_t)len);
	return fwrite(r, sizeof(r), 1, f) == 1 && fwrite(frame, len, 1, f) == 1;
}

static int write_pcap(const struct opts *o)
{
	static uint8_t frame[FRAME_MAX];
	unsigned long n = o->mode == M_LAN_ARP ? 1 : o->count;
	FILE *f = fopen(o->out, "wb");
	long len = 0;

	if (f == NULL || !pcap_header(f))
		goto io_error;
	for (unsigned long i = 0; i < n; i++) {
		switch (o->mode) {
		case M_SPOKE_LAN:
			len = data_frame(o, LAN_HOST, i, frame);
			break;
		case M_SPOKE_SPOKE:
			len = data_frame(o, spokes[1].private_addr, i, frame);
			break;
		case M_LAN_SPOKE:
			len = lan_frame(o, i, frame);
			break;
		case M_LAN_ARP:
			len = arp_frame(frame);
			break;
		}
		if (len < 0) {
			fprintf(stderr, "vam-pcapgen: sealing packet %lu failed\n", i + 1);
			fclose(f);
			return 1;
		}
		if (!pcap_record(f, i, frame, (size_t)len))
			goto io_error;
	}
	if (fclose(f) == 0)
		return 0;
	f = NULL;
io_error:
	fprintf(stderr, "vam-pcapgen: %s: %s\n", o->out, strerror(errno));
	if (f)
		fclose(f);
	return 1;
}

/* ---- configuration fragment ---- */

static void put_hex(FILE *f, const char *key, const uint8_t *b, size_t n)
{
	if (n == 0)
		return;
	fprintf(f, "%s = ", key);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%02x", b[i]);
	fprintf(f, "\n");
}

/* key = a.b.c.d, or a.b.c.d:port when port is not 0. */
static void put_ip(FILE *f, const char *key, uint32_t a, uint16_t port)
{
	fprintf(f, "%s = %u.%u.%u.%u", key, a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
	if (port)
		fprintf(f, ":%u", port);
	fprintf(f, "\n");
}

static int write_conf(const struct opts *o)
{
	const struct vam_enc_info *e = vam_enc_info(o->suite.enc);
	const struct vam_integ_info *g = vam_integ_info(o->suite.integ);
	bool aead = e->kind == VAM_KIND_AEAD;
	FILE *f = fopen(o->conf, "w");
	size_t k, ik;

	if (f == NULL) {
		fprintf(stderr, "vam-pcapgen: %s: %s\n", o->conf, strerror(errno));
		return 1;
	}
	vam_suite_key_lens(o->suite, &k, &ik);
	fprintf(f, "; vam-pcapgen --suite %s: the benchmark's two spokes\n", o->suite_name);
	for (unsigned int s = 0; s < 2; s++) {
		const struct spoke *sp = &spokes[s];
		struct vam_dir_keys rx, tx;

		dir_keys(s, 0, &rx);
		dir_keys(s, 1, &tx);
		fprintf(f, "\n[static %s]\ndomain = %d\n", sp->name, DOMAIN);
		fprintf(f, "server_id = 0x%08x\npeer_id = 0x%08x\n", sp->server_id, sp->peer_id);
		fprintf(f, "encryption = %s\nintegrity = %s\n", e->name, g->name);
		put_hex(f, "rx_key", rx.enc, k);
		put_hex(f, "tx_key", tx.enc, k);
		put_hex(f, "rx_salt", rx.salt, aead ? VAM_SALT_LEN : 0);
		put_hex(f, "tx_salt", tx.salt, aead ? VAM_SALT_LEN : 0);
		put_hex(f, "rx_auth_key", rx.integ, ik);
		put_hex(f, "tx_auth_key", tx.integ, ik);
		put_ip(f, "private_address", sp->private_addr, 0);
		put_ip(f, "peer", sp->outside_addr, SPOKE_PORT);
		fprintf(f, "replay_check = %s\n", o->replay_check ? "yes" : "no");
		vam_wipe(&rx, sizeof(rx));
		vam_wipe(&tx, sizeof(tx));
	}
	if (ferror(f) | fclose(f)) {
		fprintf(stderr, "vam-pcapgen: %s: write failed\n", o->conf);
		return 1;
	}
	return 0;
}

int vam_pcapgen_run(int argc, char **argv)
{
	struct opts o;
	int rc = parse_args(argc, argv, &o);

	if (rc != 0)
		return rc == 1 ? 0 : rc;
	if (o.out && (rc = write_pcap(&o)) != 0)
		return rc;
	if (o.conf && (rc = write_conf(&o)) != 0)
		return rc;
	return 0;
}
