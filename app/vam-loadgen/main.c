/* SPDX-License-Identifier: BSD-3-Clause */
/* vam-loadgen: options, EAL, the port, the report. See --help. */
#include <arpa/inet.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>

#include "loadgen.h"
#include "pcapgen.h"
#include "vam_format.h"
#include "vam_suite.h"

static const char usage_text[] =
"Usage: vam-loadgen [EAL options] -- [options]\n"
"\n"
"Emulates N VAM clients on one DPDK port against a gateway: each client\n"
"initializes a connection and registers from its own source address, then\n"
"sends keepalives and, optionally, DATA. It prints progress every second\n"
"and a report at the end: registrations per second, handshake latency\n"
"percentiles, DATA packets per second, and every failure by code.\n"
"\n"
"  -n, --clients N         emulated clients (default 1000, up to 1048576)\n"
"  -r, --rate N            new handshakes per second (default 1000)\n"
"  -s, --server A.B.C.D    the gateway's outside address (required)\n"
"  -d, --domain ID         domain id (required)\n"
"      --psk TEXT          the domain's pre-shared key (required)\n"
"      --src A.B.C.D       first client's outer address (default 198.18.0.1)\n"
"      --private A.B.C.D   first client's private address (default 10.64.0.1)\n"
"  -u, --user NAME / -p, --password SECRET   credentials for PAP/CHAP\n"
"      --data-pps N        DATA packets per second in total (default 0)\n"
"      --data-size N       inner packet size (default 64)\n"
"      --data-dst A.B.C.D  inner destination (default 172.16.5.5)\n"
"      --duration SEC      keep running after every client settled (default 2)\n"
"      --timeout SEC       stop after this long in any case (default 120)\n"
"      --port NAME|ID      the DPDK port (default 0)\n"
"      --pcap-out FILE [vam-pcapgen options]\n"
"                          no EAL, no clients: write pre-protected DATA for two\n"
"                          static sessions to FILE (classic pcap, for pktgen-dpdk\n"
"                          -s P:FILE or tcpreplay) and, with --conf, the matching\n"
"                          [static] sections for vamgw; see vam-pcapgen --help\n"
"  -h, --help\n"
"\n"
"Exit status: 0 if every client reached ONLINE, 1 otherwise, 2 usage.\n"
"Each client uses one source address (--src + i), so the gateway's\n"
"per-source rate limit sees N sources; private addresses are --private + i.\n"
"\n"
"Example (10,000 clients through an af_packet port):\n"
"  vam-loadgen -l 1 --no-huge -m 512 --vdev net_af_packet0,iface=lg0 -- \\\n"
"     -n 10000 -r 4000 -s 203.0.113.1 -d 7 --psk s3cret -u alice -p secret\n";

static bool ip(const char *s, uint32_t *a)
{
	struct in_addr in;

	if (inet_pton(AF_INET, s, &in) != 1)
		return false;
	*a = ntohl(in.s_addr);
	return true;
}

static bool num(const char *s, unsigned long lo, unsigned long hi, uint32_t *v)
{
	char *end;
	unsigned long x;

	if (*s < '0' || *s > '9')
		return false;
	x = strtoul(s, &end, 10);
	if (*end || x < lo || x > hi)
		return false;
	*v = (uint32_t)x;
	return true;
}

int lg_options(int argc, char **argv, struct lg_opts *o)
{
	static const struct option opts[] = {
		{ "clients", 1, NULL, 'n' }, { "rate", 1, NULL, 'r' }, { "server", 1, NULL, 's' },
		{ "domain", 1, NULL, 'd' }, { "psk", 1, NULL, 'k' }, { "src", 1, NULL, 'S' },
		{ "private", 1, NULL, 'P' }, { "user", 1, NULL, 'u' }, { "password", 1, NULL, 'p' },
		{ "data-pps", 1, NULL, 'D' }, { "data-size", 1, NULL, 'z' },
		{ "data-dst", 1, NULL, 't' }, { "duration", 1, NULL, 'T' },
		{ "timeout", 1, NULL, 'O' }, { "port", 1, NULL, 'o' }, { "help", 0, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint32_t v = 0;
	int c;
	bool ok = true;

	*o = (struct lg_opts){ .clients = 1000, .rate = 1000, .src_base = 0xc6120001,
			       .priv_base = 0x0a400001, .server_port = 18000,
			       .server_data_port = 18001, .data_size = 64, .dst_addr = 0xac100505,
			       .duration = 2, .timeout = 120, .port = "0" };
	optind = 1;
	while ((c = getopt_long(argc, argv, "n:r:s:d:u:p:h", opts, NULL)) != -1 && ok) {
		switch (c) {
		case 'n': ok = num(optarg, 1, 1u << 20, &o->clients); break;
		case 'r': ok = num(optarg, 1, 10000000, &o->rate); break;
		case 's': ok = ip(optarg, &o->server); break;
		case 'd': ok = num(optarg, 1, 65535, &v); o->domain = (uint16_t)v; break;
		case 'k':
			o->psk_len = strlen(optarg);
			ok = o->psk_len && o->psk_len <= VAM_PSK_MAX;
			if (ok)
				memcpy(o->psk, optarg, o->psk_len);
			break;
		case 'S': ok = ip(optarg, &o->src_base); break;
		case 'P': ok = ip(optarg, &o->priv_base); break;
		case 'u':
			ok = strlen(optarg) < sizeof(o->user);
			if (ok)
				strcpy(o->user, optarg);
			break;
		case 'p':
			ok = strlen(optarg) < sizeof(o->password);
			if (ok)
				strcpy(o->password, optarg);
			break;
		case 'D': ok = num(optarg, 0, 100000000, &o->data_pps); break;
		case 'z': ok = num(optarg, 28, 1500, &o->data_size); break;
		case 't': ok = ip(optarg, &o->dst_addr); break;
		case 'T': ok = num(optarg, 0, 86400, &o->duration); break;
		case 'O': ok = num(optarg, 1, 86400, &o->timeout); break;
		case 'o': o->port = optarg; break;
		case 'h': fputs(usage_text, stdout); return 1;
		default: ok = false; break;
		}
	}
	if (!ok || o->server == 0 || o->domain == 0 || o->psk_len == 0) {
		fprintf(stderr, "vam-loadgen: bad or missing options (see --help)\n");
		return 2;
	}
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

void lg_report(const struct lg *g, double secs)
{
	printf("%6.1fs  started %u  online %u  failed %u  rx %llu tx %llu  data tx %llu rx %llu\n",
	       secs, g->started, g->online, g->failed, (unsigned long long)g->rx,
	       (unsigned long long)g->tx.sent, (unsigned long long)g->data_tx,
	       (unsigned long long)g->data_rx);
	fflush(stdout);
}

static void final_report(const struct lg *g, double secs)
{
	uint32_t *lat = malloc(sizeof(*lat) * (g->online + 1)), n = 0;
	uint64_t first = UINT64_MAX, last = 0;

	for (uint32_t i = 0; lat && i < g->o.clients; i++) {
		const struct lg_client *k = &g->cl[i];

		if (k->st != LG_ONLINE)
			continue;
		lat[n++] = k->latency_us;
		first = RTE_MIN(first, k->started);
		last = RTE_MAX(last, k->started + k->latency_us * g->hz / 1000000);
	}
	printf("\nvam-loadgen: %u of %u clients online, %u failed, in %.1f s\n", g->online,
	       g->o.clients, g->failed, secs);
	if (n) {
		qsort(lat, n, sizeof(*lat), cmp_u32);
		printf("registrations: %.0f per second (first start to last online)\n",
		       last > first ? n / ((double)(last - first) / g->hz) : 0.0);
		printf("handshake latency (INIT_REQ to KEEPALIVE_ACK): p50 %.2f ms, p99 %.2f ms, "
		       "max %.2f ms\n", lat[n / 2] / 1000.0, lat[(n * 99) / 100] / 1000.0,
		       lat[n - 1] / 1000.0);
	}
	if (g->data_tx)
		printf("DATA: %.0f packets per second sent, %llu received back\n",
		       g->data_tx / secs, (unsigned long long)g->data_rx);
	for (int c = 1; c < 16; c++)
		if (g->codes[c])
			printf("failures: %s: %llu\n", vam_code_name((uint8_t)c),
			       (unsigned long long)g->codes[c]);
	if (g->timeouts)
		printf("failures: no answer: %llu\n", (unsigned long long)g->timeouts);
	if (g->local_fail)
		printf("failures: local check (proposal, transcript): %llu\n",
		       (unsigned long long)g->local_fail);
	free(lat);
}

static int setup(struct lg *g)
{
	char err[256];
	uint16_t port;
	char *end;
	unsigned long id = strtoul(g->o.port, &end, 10);

	if (*end == 0 && *g->o.port)
		port = (uint16_t)id;
	else if (rte_eth_dev_get_port_by_name(g->o.port, &port) != 0)
		return fprintf(stderr, "vam-loadgen: no port %s\n", g->o.port), -1;
	g->mp = rte_pktmbuf_pool_create("lg_mbufs", 16383, 256, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
					(int)rte_socket_id());
	g->cl = rte_zmalloc("lg_clients", sizeof(*g->cl) * g->o.clients, 64);
	if (g->mp == NULL || g->cl == NULL)
		return fprintf(stderr, "vam-loadgen: out of memory (%u clients: %zu MB)\n",
			       g->o.clients, sizeof(*g->cl) * g->o.clients >> 20), -1;
	if (dp_port_init(&g->port, port, 1, 1, 1024, g->mp, err, sizeof(err)) != 0)
		return fprintf(stderr, "vam-loadgen: %s\n", err), -1;
	for (uint32_t i = 0; i < g->o.clients; i++) {
		struct vam_client_cfg *c = &g->cl[i].cfg;

		c->domain = g->o.domain;
		memcpy(c->psk, g->o.psk, g->o.psk_len);
		c->psk_len = g->o.psk_len;
		c->enc[0] = VAM_ENC_AES128_GCM;
		c->n_enc = 1;
		c->integ[0] = VAM_INTEG_HMAC_SHA256;
		c->n_integ = 1;
		snprintf(c->name, sizeof(c->name), "lg-%u", i);
		c->private_addr = g->o.priv_base + i;
		c->public_ip = g->o.src_base + i;
		c->public_port = 61000;
		c->data_port = 61001;
		c->cookie = i;
		c->username_len = strlen(g->o.user);
		memcpy(c->username, g->o.user, c->username_len);
		c->password_len = strlen(g->o.password);
		memcpy(c->password, g->o.password, c->password_len);
	}
	g->hz = rte_get_tsc_hz();
	return 0;
}

int main(int argc, char **argv)
{
	static struct lg g;
	uint64_t t0;
	int n, rc;

	for (n = 1; n < argc && strcmp(argv[n], "--") != 0; n++)
		;
	for (int i = n + 1; i < argc; i++)
		if (strcmp(argv[i], "--pcap-out") == 0) {
			argv[i] = (char *)"--out";	/* the generator's own spelling */
			argv[n] = argv[0];
			return vam_pcapgen_run(argc - n, argv + n);
		}
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0))
		return lg_options(2, (char *[]){ argv[0], (char *)"--help", NULL }, &g.o) == 1 ? 0
											     : 2;
	rc = lg_options(n < argc ? argc - n : 1, n < argc ? argv + n : argv, &g.o);
	if (rc != 0)
		return rc == 1 ? 0 : 2;
	if (rte_eal_init(n, argv) < 0) {
		fprintf(stderr, "vam-loadgen: EAL initialisation failed\n");
		return 1;
	}
	if (setup(&g) != 0) {
		rte_eal_cleanup();
		return 1;
	}
	t0 = rte_rdtsc();
	lg_run(&g);
	final_report(&g, (double)(rte_rdtsc() - t0) / g.hz);
	rc = g.online == g.o.clients ? 0 : 1;
	dp_port_fini(&g.port);
	rte_eal_cleanup();
	return rc;
}
