/* SPDX-License-Identifier: BSD-3-Clause */
#include <arpa/inet.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "options.h"
#include "vam_suite.h"

static const char usage_text[] =
"Usage: vam-client [options]\n"
"\n"
"A VAM spoke or hub for an ordinary Linux host: it initializes a\n"
"connection with the VAM server, registers, keeps the registration alive,\n"
"and carries the traffic of a TUN device through the server (the hub).\n"
"\n"
"  -s, --server ADDR[:PORT]   the server (VAM port 18000 unless given)\n"
"      --server-data-port N   the server's data port (default 18001)\n"
"  -d, --domain ID            domain id, 1..65535\n"
"      --psk TEXT | --psk-hex HEX   the domain's pre-shared key\n"
"  -a, --address A.B.C.D      this client's private (tunnel) address\n"
"  -n, --name NAME            a name for the server's logs (default: hostname)\n"
"  -u, --user NAME            user name for PAP/CHAP\n"
"  -p, --password SECRET      password for PAP/CHAP\n"
"      --network P/L[,PREF]   a network behind this client (repeatable)\n"
"      --route P/L            also route P/L through the tunnel (repeatable)\n"
"      --enc LIST             encryption offered, e.g. aes-256-gcm,aes-128-cbc\n"
"      --integ LIST           integrity offered, e.g. hmac-sha256,hmac-sha1\n"
"      --local-port N         control source port (default: any)\n"
"      --local-data-port N    data source port (default: any)\n"
"      --tun NAME             TUN device (default vam0); --no-tun: none\n"
"      --mtu N                TUN MTU (default 1400)\n"
"      --retransmit SEC       request retransmission period (default 5)\n"
"      --retries N            retransmissions, and keepalives missed (default 3)\n"
"      --dumb SEC             wait after a failure before starting again (120)\n"
"  -c, --config FILE          read KEY = VALUE lines, KEY being a long option\n"
"      --once                 initialize, register, print the result and exit\n"
"      --resolve A.B.C.D      with --once: also resolve an address (repeatable)\n"
"  -v, --verbose              log every datagram's type\n"
"  -h, --help                 this text\n"
"\n"
"Exit status with --once: 0 registered; 1..11 the server's refusal code\n"
"(1 NO_PROPOSAL, 2 AUTH_FAILED, 3 AUTH_METHOD, 4 NOT_IN_DOMAIN, 5 CAPACITY,\n"
"6 AAA_UNAVAILABLE, 7 INVALID, 9 CONFLICT); 20 no answer; 21 the server's\n"
"answer failed a local check (proposal, transcript); 2 usage; 1 other errors.\n"
"\n"
"Example:\n"
"  vam-client -s 192.0.2.1 -d 7 --psk s3cret -a 10.1.0.10 -u alice -p secret \\\n"
"             --route 10.1.0.0/24 --route 172.16.0.0/16\n";

static const struct option long_opts[] = {
	{ "server", required_argument, NULL, 's' },
	{ "server-data-port", required_argument, NULL, 'D' },
	{ "domain", required_argument, NULL, 'd' },
	{ "psk", required_argument, NULL, 'k' },
	{ "psk-hex", required_argument, NULL, 'K' },
	{ "address", required_argument, NULL, 'a' },
	{ "name", required_argument, NULL, 'n' },
	{ "user", required_argument, NULL, 'u' },
	{ "password", required_argument, NULL, 'p' },
	{ "network", required_argument, NULL, 'N' },
	{ "route", required_argument, NULL, 'r' },
	{ "enc", required_argument, NULL, 'e' },
	{ "integ", required_argument, NULL, 'i' },
	{ "local-port", required_argument, NULL, 'l' },
	{ "local-data-port", required_argument, NULL, 'L' },
	{ "tun", required_argument, NULL, 't' },
	{ "no-tun", no_argument, NULL, 'T' },
	{ "mtu", required_argument, NULL, 'm' },
	{ "retransmit", required_argument, NULL, 'R' },
	{ "retries", required_argument, NULL, 'y' },
	{ "dumb", required_argument, NULL, 'B' },
	{ "config", required_argument, NULL, 'c' },
	{ "once", no_argument, NULL, 'o' },
	{ "resolve", required_argument, NULL, 'Q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static bool num(const char *s, unsigned long lo, unsigned long hi, unsigned long *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	*v = strtoul(s, &end, 10);
	return *end == 0 && *v >= lo && *v <= hi;
}

static bool ipv4(const char *s, uint32_t *a)
{
	struct in_addr in;

	if (inet_pton(AF_INET, s, &in) != 1)
		return false;
	*a = ntohl(in.s_addr);
	return true;
}

/* "P/L[,PREF]" with zero host bits. */
static bool prefix(const char *s, uint32_t *p, uint8_t *len, uint8_t *pref)
{
	char buf[64], *slash, *comma;
	unsigned long l, f = 0;

	if (strlen(s) >= sizeof(buf))
		return false;
	strcpy(buf, s);
	comma = strchr(buf, ',');
	if (comma) {
		*comma++ = 0;
		if (pref == NULL || !num(comma, 0, 255, &f))
			return false;
	}
	slash = strchr(buf, '/');
	if (slash == NULL)
		return false;
	*slash++ = 0;
	if (!ipv4(buf, p) || !num(slash, 0, 32, &l) || (l < 32 && (*p & (0xffffffffu >> l))))
		return false;
	*len = (uint8_t)l;
	if (pref)
		*pref = (uint8_t)f;
	return true;
}

static bool algs(const char *s, bool enc, uint16_t *ids, uint8_t *n)
{
	char buf[256], *save = NULL, *tok;

	if (strlen(s) >= sizeof(buf))
		return false;
	strcpy(buf, s);
	*n = 0;
	for (tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		const struct vam_enc_info *e = enc ? vam_enc_by_name(tok) : NULL;
		const struct vam_integ_info *g = enc ? NULL : vam_integ_by_name(tok);

		if ((enc && !e) || (!enc && !g) || *n == VAM_ALGS_MAX)
			return false;
		ids[(*n)++] = enc ? e->id : g->id;
	}
	return *n > 0;
}

static bool hexbytes(const char *s, uint8_t *out, size_t cap, size_t *len)
{
	size_t n = strlen(s);

	if (n == 0 || n % 2 || n / 2 > cap)
		return false;
	for (size_t i = 0; i < n / 2; i++) {
		unsigned int b;

		if (sscanf(s + 2 * i, "%2x", &b) != 1)
			return false;
		out[i] = (uint8_t)b;
	}
	*len = n / 2;
	return true;
}

static bool bytes(const char *s, uint8_t *out, size_t cap, size_t *len)
{
	size_t n = strlen(s);

	if (n == 0 || n > cap)
		return false;
	memcpy(out, s, n);
	*len = n;
	return true;
}

static int apply(struct vamc_opts *o, int c, const char *v);

/* KEY = VALUE lines; '#' or ';' starts a comment. */
static int config_file(struct vamc_opts *o, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int lineno = 0;

	if (f == NULL) {
		perror(path);
		return 2;
	}
	while (fgets(line, sizeof(line), f)) {
		char *k = line, *eq, *v, *end;
		const struct option *opt;

		lineno++;
		k += strspn(k, " \t");
		if (*k == '#' || *k == ';' || *k == '\n' || *k == 0)
			continue;
		eq = strchr(k, '=');
		for (end = eq ? eq : k + strlen(k); end > k && strchr(" \t\n", end[-1]); end--)
			;
		*end = 0;
		v = eq ? eq + 1 + strspn(eq + 1, " \t") : NULL;
		if (v)
			v[strcspn(v, "\n")] = 0;
		for (opt = long_opts; opt->name && strcmp(opt->name, k); opt++)
			;
		if (opt->name == NULL || opt->val == 'c' || (opt->has_arg && v == NULL)) {
			fprintf(stderr, "%s:%d: unknown or incomplete setting '%s'\n", path, lineno, k);
			fclose(f);
			return 2;
		}
		if (apply(o, opt->val, v) != 0) {
			fprintf(stderr, "%s:%d: bad value for %s\n", path, lineno, k);
			fclose(f);
			return 2;
		}
	}
	fclose(f);
	return 0;
}

static int apply(struct vamc_opts *o, int c, const char *v)
{
	struct vam_client_cfg *k = &o->cfg;
	unsigned long n;
	uint8_t len, pref;
	uint32_t p;

	switch (c) {
	case 's': {
		char host[64];
		const char *colon = strchr(v, ':');
		size_t hl = colon ? (size_t)(colon - v) : strlen(v);

		if (hl >= sizeof(host))
			return 2;
		memcpy(host, v, hl);
		host[hl] = 0;
		if (!ipv4(host, &o->server) || (colon && !num(colon + 1, 1, 65535, &n)))
			return 2;
		if (colon)
			o->server_port = (uint16_t)n;
		return 0;
	}
	case 'D': return num(v, 1, 65535, &n) ? (o->server_data_port = (uint16_t)n, 0) : 2;
	case 'd': return num(v, 1, 65535, &n) ? (k->domain = (uint16_t)n, 0) : 2;
	case 'k': return bytes(v, k->psk, sizeof(k->psk), &k->psk_len) ? 0 : 2;
	case 'K': return hexbytes(v, k->psk, sizeof(k->psk), &k->psk_len) ? 0 : 2;
	case 'a': return ipv4(v, &k->private_addr) ? 0 : 2;
	case 'n': return strlen(v) <= VAM_NAME_MAX && *v ? (strcpy(k->name, v), 0) : 2;
	case 'u': return bytes(v, k->username, sizeof(k->username), &k->username_len) ? 0 : 2;
	case 'p': return bytes(v, k->password, sizeof(k->password), &k->password_len) ? 0 : 2;
	case 'N':
		if (!prefix(v, &p, &len, &pref) || k->networks_len + 6 > sizeof(k->networks))
			return 2;
		vam_put32(k->networks + k->networks_len, p);
		k->networks[k->networks_len + 4] = len;
		k->networks[k->networks_len + 5] = pref;
		k->networks_len += 6;
		return 0;
	case 'r':
		if (!prefix(v, &p, &len, NULL) || o->n_routes == VAMC_MAX_ROUTES)
			return 2;
		o->routes[o->n_routes].prefix = p;
		o->routes[o->n_routes++].len = len;
		return 0;
	case 'e': return algs(v, true, k->enc, &k->n_enc) ? 0 : 2;
	case 'i': return algs(v, false, k->integ, &k->n_integ) ? 0 : 2;
	case 'l': return num(v, 1, 65535, &n) ? (o->local_port = (uint16_t)n, 0) : 2;
	case 'L': return num(v, 1, 65535, &n) ? (o->local_data_port = (uint16_t)n, 0) : 2;
	case 't': return strlen(v) < sizeof(o->tun) ? (strcpy(o->tun, v), 0) : 2;
	case 'T': o->no_tun = true; return 0;
	case 'm': return num(v, 576, 9000, &n) ? (o->mtu = (unsigned int)n, 0) : 2;
	case 'R': return num(v, 1, 3600, &n) ? (o->ag.retransmit_ms = (unsigned int)n * 1000, 0) : 2;
	case 'y': return num(v, 1, 10, &n) ? (o->ag.retries = (unsigned int)n, 0) : 2;
	case 'B': return num(v, 1, 86400, &n) ? (o->ag.dumb_ms = (unsigned int)n * 1000, 0) : 2;
	case 'c': return config_file(o, v);
	case 'o': o->ag.once = true; return 0;
	case 'Q':
		if (o->n_resolve == 8 || !ipv4(v, &o->resolve[o->n_resolve]))
			return 2;
		o->n_resolve++;
		return 0;
	case 'v': o->verbose = true; return 0;
	default: return 2;
	}
}

static void defaults(struct vamc_opts *o)
{
	static const uint16_t enc[] = { VAM_ENC_AES256_GCM, VAM_ENC_AES128_GCM,
					VAM_ENC_CHACHA20_POLY1305, VAM_ENC_AES256_CBC,
					VAM_ENC_AES128_CBC };

	memset(o, 0, sizeof(*o));
	o->server_port = 18000;
	o->server_data_port = 18001;
	o->mtu = 1400;
	strcpy(o->tun, "vam0");
	memcpy(o->cfg.enc, enc, sizeof(enc));
	o->cfg.n_enc = sizeof(enc) / sizeof(enc[0]);
	o->cfg.integ[0] = VAM_INTEG_HMAC_SHA256;
	o->cfg.integ[1] = VAM_INTEG_HMAC_SHA1;
	o->cfg.n_integ = 2;
}

int vamc_options(int argc, char **argv, struct vamc_opts *o)
{
	int c;

	defaults(o);
	while ((c = getopt_long(argc, argv, "s:d:a:n:u:p:c:vh", long_opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage_text, stdout);
			return 1;
		}
		if (c == '?' || apply(o, c, optarg) != 0) {
			if (c != '?')
				fprintf(stderr, "vam-client: bad value '%s' (see --help)\n", optarg);
			return 2;
		}
	}
	if (optind < argc || o->server == 0 || o->cfg.domain == 0 || o->cfg.psk_len == 0 ||
	    o->cfg.private_addr == 0) {
		fprintf(stderr, "vam-client: --server, --domain, --psk and --address are required "
				"(see --help)\n");
		return 2;
	}
	if (o->cfg.name[0] == 0 && gethostname(o->cfg.name, VAM_NAME_MAX) != 0)
		strcpy(o->cfg.name, "vam-client");
	o->cfg.name[VAM_NAME_MAX] = 0;
	return 0;
}
