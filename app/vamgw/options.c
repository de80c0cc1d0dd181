/* SPDX-License-Identifier: BSD-3-Clause */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

static const char usage_text[] =
"Usage: vamgw [EAL options] -- [options]\n"
"\n"
"A VAM gateway: the VAM server (connection initialization, registration,\n"
"PAP/CHAP with local users or RADIUS) on the main lcore, and poll-mode\n"
"workers on every other lcore that decrypt, route and re-encrypt tunnelled\n"
"DATA through the DPDK cryptodev API.\n"
"\n"
"EAL options pass through unchanged, for example:\n"
"  -l 0-2              lcores: the first is the control lcore, the rest workers\n"
"  -a 0000:3b:00.0     allow a NIC; repeat for the protected port\n"
"  --vdev net_tap0     virtual ports: net_tap, net_af_packet, net_memif,\n"
"                      net_ring, net_pcap\n"
"  --no-huge -m 1024   run without hugepages (tests, laptops)\n"
"  --file-prefix gw1   run several instances side by side\n"
"  --log-level vamgw.ctl:debug   control-plane events in detail\n"
"\n"
"Options:\n"
"  -c, --config FILE     configuration (INI; see config/vamgw.conf). Required.\n"
"      --outside PORT    the outside port (VAM control and data), by port id\n"
"                        or device name. Default: 0.\n"
"      --protected PORT  the protected (LAN) port, by id or name, or \"none\".\n"
"                        Default: 1 if there is a second port, else none.\n"
"      --queues N        RX queues per port (RSS), at most one per worker;\n"
"                        workers beyond N have nothing to poll. Default: one per\n"
"                        worker.\n"
"      --burst N         packets per RX burst, 1..64. Default: 32. With\n"
"                        aesni_mb in cpu mode, CBC+HMAC suites gain from 64\n"
"                        (intel-ipsec-mb's lanes are flushed once per call);\n"
"                        AES-GCM loses a little (a larger working set).\n"
"      --rx-desc N       descriptors per RX/TX queue. Default: 1024.\n"
"      --mbufs N         mbufs in the pool. Default: 16384 per worker + 8192.\n"
"      --crypto DEV      crypto device: aesni_mb (default), openssl, or the\n"
"                        name of a cryptodev already probed by the EAL.\n"
"      --crypto-mode MODE  how workers run crypto: \"cpu\" (the synchronous\n"
"                        rte_cryptodev_sym_cpu_crypto_process on the worker's\n"
"                        core; software devices such as aesni_mb), \"qp\"\n"
"                        (enqueue/dequeue bursts on the worker's queue pair;\n"
"                        any device, hardware included) or \"auto\" (cpu where\n"
"                        the device offers it). Default: auto.\n"
"      --no-telemetry    do not register the /vam/* telemetry commands.\n"
"      --stats SEC       log worker and control counters every SEC seconds.\n"
"      --check-config    load and check the configuration, then exit.\n"
"  -h, --help            this text.\n"
"\n"
"Queues: each port gets one RX queue per worker (RSS on the UDP/IPv4\n"
"5-tuple when the PMD has it) and one TX queue per worker plus one for the\n"
"control lcore; ports with fewer queues still work.\n"
"\n"
"Telemetry (dpdk-telemetry.py): /vam/domains, /vam/clients,<domain>,\n"
"/vam/client,<domain>,<address>, /vam/stats, /vam/workers, /vam/ports.\n"
"\n"
"Signals: SIGINT and SIGTERM stop the gateway gracefully: ERROR_NOTIFY\n"
"SHUTDOWN to every client, accounting Stop, queues drained, exit 0.\n"
"\n"
"Exit status: 0 after a clean stop, 1 on a start-up failure, 2 on a usage\n"
"or configuration error.\n"
"\n"
"Example, two virtual ports on tap devices, no hugepages, two workers:\n"
"  vamgw -l 0-2 --no-huge -m 1024 --vdev net_tap0,iface=vam-out \\\n"
"        --vdev net_tap1,iface=vam-lan -- -c /etc/vamgw/vamgw.conf\n";

static int bad(const char *opt, const char *val)
{
	fprintf(stderr, "vamgw: invalid value for --%s: '%s' (see --help)\n", opt, val);
	return 2;
}

static bool number(const char *s, unsigned long lo, unsigned long hi, unsigned long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	*out = strtoul(s, &end, 10);
	return *end == 0 && *out >= lo && *out <= hi;
}

int gw_options_parse(int argc, char **argv, struct gw_options *o)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "outside", required_argument, NULL, 'o' },
		{ "protected", required_argument, NULL, 'p' },
		{ "burst", required_argument, NULL, 'b' },
		{ "queues", required_argument, NULL, 'q' },
		{ "rx-desc", required_argument, NULL, 'd' },
		{ "mbufs", required_argument, NULL, 'm' },
		{ "crypto", required_argument, NULL, 'x' },
		{ "crypto-mode", required_argument, NULL, 'X' },
		{ "no-telemetry", no_argument, NULL, 'T' },
		{ "stats", required_argument, NULL, 's' },
		{ "check-config", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long v;
	int c;

	*o = (struct gw_options){ .outside = "0", .burst = 32, .rx_desc = 1024,
				  .crypto = "aesni_mb", .telemetry = true };
	optind = 1;
	while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': o->config = optarg; break;
		case 'o': o->outside = optarg; break;
		case 'p': o->protected_port = optarg; break;
		case 'x': o->crypto = optarg; break;
		case 'X':
			if (strcmp(optarg, "auto") == 0)
				o->crypto_mode = DP_CRYPTO_AUTO;
			else if (strcmp(optarg, "cpu") == 0)
				o->crypto_mode = DP_CRYPTO_CPU;
			else if (strcmp(optarg, "qp") == 0)
				o->crypto_mode = DP_CRYPTO_QP;
			else
				return bad("crypto-mode", optarg);
			break;
		case 'T': o->telemetry = false; break;
		case 'C': o->check_only = true; break;
		case 'b':
			if (!number(optarg, 1, 64, &v))
				return bad("burst", optarg);
			o->burst = (uint16_t)v;
			break;
		case 'q':
			if (!number(optarg, 1, 1024, &v))
				return bad("queues", optarg);
			o->queues = (uint16_t)v;
			break;
		case 'd':
			if (!number(optarg, 64, 16384, &v))
				return bad("rx-desc", optarg);
			o->rx_desc = (uint16_t)v;
			break;
		case 'm':
			if (!number(optarg, 1024, 1u << 24, &v))
				return bad("mbufs", optarg);
			o->mbufs = (uint32_t)v;
			break;
		case 's':
			if (!number(optarg, 0, 86400, &v))
				return bad("stats", optarg);
			o->stats_interval = (unsigned int)v;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 1;
		default:
			fprintf(stderr, "vamgw: see --help\n");
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "vamgw: unexpected argument '%s' (see --help)\n", argv[optind]);
		return 2;
	}
	if (o->config == NULL) {
		fprintf(stderr, "vamgw: -c FILE is required (see --help)\n");
		return 2;
	}
	return 0;
}
