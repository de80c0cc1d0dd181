/* SPDX-License-Identifier: BSD-3-Clause */
/* vam-client: sockets, the TUN device, the event loop and signals around the agent. */
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"
#include "options.h"
#include "tun.h"
#include "vam_format.h"
#include "vam_suite.h"

struct vamc {
	struct vamc_opts o;
	struct agent a;
	int ctrl, data, tun;
	struct sockaddr_in srv_ctrl, srv_data;
	uint64_t data_rx, data_tx, drops;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void log_msg(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "vam-client: %s\n", msg);
}

static void send_cb(void *ctx, bool data, const uint8_t *d, size_t len)
{
	struct vamc *v = ctx;
	int fd = data ? v->data : v->ctrl;
	struct sockaddr_in *to = data ? &v->srv_data : &v->srv_ctrl;

	if (sendto(fd, d, len, 0, (struct sockaddr *)to, sizeof(*to)) < 0 && v->o.verbose)
		fprintf(stderr, "vam-client: send: %s\n", strerror(errno));
}

static void online_cb(void *ctx, struct agent *a)
{
	struct vamc *v = ctx;
	char ip[16];

	for (unsigned int i = 0; i < a->c.n_hubs && v->tun >= 0; i++) {
		uint32_t hub = vam_get32(a->c.hubs + i * VAM_HUB_LEN);

		if (tun_route(v->o.tun, hub, 32) != 0)
			fprintf(stderr, "vam-client: route to hub %s: %s\n",
				vam_format_ipv4(hub, ip), strerror(errno));
	}
}

static int udp_socket(uint16_t port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("vam-client: socket");
		return -1;
	}
	return fd;
}

static uint16_t local_port(int fd)
{
	struct sockaddr_in sa;
	socklen_t l = sizeof(sa);

	return getsockname(fd, (struct sockaddr *)&sa, &l) == 0 ? ntohs(sa.sin_port) : 0;
}

/* The local address toward the server, for PUBLIC_ADDR (S-46). */
static uint32_t local_ip(int fd, const struct sockaddr_in *srv)
{
	struct sockaddr_in sa;
	socklen_t l = sizeof(sa);

	if (connect(fd, (const struct sockaddr *)srv, sizeof(*srv)) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &l) != 0)
		return 0;
	return ntohl(sa.sin_addr.s_addr);
}

static int setup(struct vamc *v)
{
	struct vam_client_cfg *k = &v->o.cfg;

	v->srv_ctrl = (struct sockaddr_in){ .sin_family = AF_INET,
					    .sin_port = htons(v->o.server_port),
					    .sin_addr.s_addr = htonl(v->o.server) };
	v->srv_data = v->srv_ctrl;
	v->srv_data.sin_port = htons(v->o.server_data_port);
	v->ctrl = udp_socket(v->o.local_port);
	v->data = udp_socket(v->o.local_data_port);
	v->tun = -1;
	if (v->ctrl < 0 || v->data < 0)
		return 1;
	/* Connected sockets accept only the server's address and port (S-60). */
	k->public_ip = local_ip(v->ctrl, &v->srv_ctrl);
	k->public_port = local_port(v->ctrl);
	if (local_ip(v->data, &v->srv_data) == 0)
		return 1;
	k->data_port = local_port(v->data);
	if (!v->o.no_tun && !v->o.ag.once) {
		v->tun = tun_open(v->o.tun, k->private_addr, v->o.mtu);
		if (v->tun < 0) {
			fprintf(stderr, "vam-client: TUN %s: %s\n", v->o.tun, strerror(errno));
			return 1;
		}
		for (unsigned int i = 0; i < v->o.n_routes; i++)
			if (tun_route(v->o.tun, v->o.routes[i].prefix, v->o.routes[i].len) != 0)
				fprintf(stderr, "vam-client: route: %s\n", strerror(errno));
	}
	v->a.cfg = *k;
	v->a.o = v->o.ag;
	v->a.ctx = v;
	v->a.send = send_cb;
	v->a.online = online_cb;
	v->a.log = log_msg;
	agent_init(&v->a);
	return 0;
}

static void ctrl_in(struct vamc *v, uint64_t now)
{
	uint8_t buf[VAM_CTRL_MAX + 1];
	ssize_t n;

	while ((n = recv(v->ctrl, buf, sizeof(buf), 0)) > 0) {
		if (v->o.verbose && n >= VAM_HDR_LEN)
			fprintf(stderr, "vam-client: <- %s code %u (%zd bytes)\n",
				vam_type_name(buf[1]), buf[3], n);
		agent_input(&v->a, now, buf, (size_t)n);
	}
}

static void data_in(struct vamc *v)
{
	uint8_t buf[VAM_DATA_MAX + 1], pkt[VAM_DATA_MAX];
	size_t len = 0;
	ssize_t n;

	while ((n = recv(v->data, buf, sizeof(buf), 0)) > 0) {
		if (v->a.phase != AG_ONLINE ||
		    vam_client_data_input(&v->a.c, buf, (size_t)n, pkt, sizeof(pkt), &len) != VAM_OK) {
			v->drops++;
			continue;
		}
		v->data_rx++;
		if (len && v->tun >= 0 && write(v->tun, pkt, len) < 0)
			v->drops++;
	}
}

static void tun_in(struct vamc *v)
{
	uint8_t pkt[VAM_DATA_MAX], out[VAM_DATA_MAX + 128];
	ssize_t n;

	while ((n = read(v->tun, pkt, sizeof(pkt))) > 0) {
		long m;

		if (v->a.phase != AG_ONLINE || (pkt[0] >> 4) != 4) {
			v->drops++;
			continue;
		}
		m = vam_client_data(&v->a.c, pkt, (size_t)n, out, sizeof(out));
		if (m > 0) {
			send_cb(v, true, out, (size_t)m);
			v->data_tx++;
		}
	}
}

static void print_result(const struct vamc *v)
{
	const struct vam_client *c = &v->a.c;
	const struct vam_enc_info *e = vam_enc_info(c->s.suite.enc);
	const struct vam_integ_info *g = vam_integ_info(c->s.suite.integ);
	char ip[16], pub[16];

	printf("registered: role %s, suite %s%s%s, keepalive %us x %u\n",
	       c->role == VAM_NODE_HUB ? "hub" : "spoke", e ? e->name : "?",
	       c->s.suite.integ ? "+" : "", c->s.suite.integ && g ? g->name : "", c->keepalive,
	       c->retries);
	printf("observed: %s:%u%s\n", vam_format_ipv4(c->observed_ip, ip), c->observed_port,
	       v->a.nat ? " (behind NAT)" : "");
	for (unsigned int i = 0; i < c->n_hubs; i++) {
		const uint8_t *h = c->hubs + i * VAM_HUB_LEN;

		printf("hub: %s at %s:%u\n", vam_format_ipv4(vam_get32(h), ip),
		       vam_format_ipv4(vam_get32(h + 4), pub), vam_get16(h + 8));
	}
}

/* Wait up to 1 s for a control message of type; true if it came. */
static bool await(struct vamc *v, uint8_t type)
{
	for (uint64_t end = now_ms() + 1000; now_ms() < end;) {
		struct pollfd p = { v->ctrl, POLLIN, 0 };
		uint8_t buf[VAM_CTRL_MAX], out[VAM_CTRL_MAX];
		size_t n = 0;
		ssize_t r;

		if (poll(&p, 1, 100) <= 0 || (r = recv(v->ctrl, buf, sizeof(buf), 0)) <= 0)
			continue;
		if (vam_client_input(&v->a.c, buf, (size_t)r, out, sizeof(out), &n) == VAM_OK &&
		    v->a.c.rx_type == type)
			return true;
	}
	return false;
}

/* --resolve: RESOLVE_REQ for each target, print what the server says. */
static void resolve_all(struct vamc *v)
{
	for (unsigned int i = 0; i < v->o.n_resolve; i++) {
		uint8_t body[8], out[VAM_CTRL_MAX];
		const struct vam_attrs *at = &v->a.c.rx_at;
		char t[16], a[16], b[16];
		long n;

		vam_put16(body, VAM_A_TARGET);
		vam_put16(body + 2, 4);
		vam_put32(body + 4, v->o.resolve[i]);
		n = vam_client_request(&v->a.c, VAM_RESOLVE_REQ, body, sizeof(body), out, sizeof(out));
		if (n > 0)
			send_cb(v, false, out, (size_t)n);
		vam_format_ipv4(v->o.resolve[i], t);
		if (!await(v, VAM_RESOLVE_RESP))
			printf("resolve: %s: no answer\n", t);
		else if (v->a.c.rx_code != VAM_CODE_OK)
			printf("resolve: %s: %s\n", t, vam_code_name(v->a.c.rx_code));
		else
			printf("resolve: %s: node %s at %s:%u, %s%s\n", t,
			       vam_format_ipv4(vam_get32(at->a[VAM_A_NODE].val), a),
			       vam_format_ipv4(vam_get32(at->a[VAM_A_NODE].val + 4), b),
			       vam_get16(at->a[VAM_A_NODE].val + 8),
			       at->a[VAM_A_NODE].val[10] == VAM_NODE_HUB ? "hub" : "spoke",
			       at->a[VAM_A_NODE].val[11] ? ", behind NAT" : "");
	}
}

/* The exit status of --once (see --help). */
static int once_status(const struct vamc *v)
{
	if (v->a.c.state == VAM_CL_ONLINE)
		return 0;
	if (v->a.last_code)
		return v->a.last_code;
	return v->a.c.why != VAM_OK ? 21 : 20;
}

static void loop(struct vamc *v)
{
	struct pollfd p[3] = { { v->ctrl, POLLIN, 0 }, { v->data, POLLIN, 0 }, { v->tun, POLLIN, 0 } };
	uint64_t now = now_ms(), bye = 0;

	agent_start(&v->a, now);
	while (v->a.phase != AG_DONE) {
		int wait = v->a.due > now ? (int)(v->a.due - now) : 0;

		poll(p, v->tun >= 0 ? 3 : 2, wait > 200 ? 200 : wait);
		now = now_ms();
		ctrl_in(v, now);
		data_in(v);
		if (v->tun >= 0)
			tun_in(v);
		agent_tick(&v->a, now);
		if (stop && bye == 0) {
			agent_logout(&v->a, now);	/* then wait up to 1 s for LOGOUT_RESP */
			bye = now + 1000;
		}
		if (bye && (now >= bye || v->a.phase != AG_ONLINE))
			break;
	}
}

int main(int argc, char **argv)
{
	static struct vamc v;
	int rc = vamc_options(argc, argv, &v.o);

	if (rc != 0)
		return rc == 1 ? 0 : 2;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	if (setup(&v) != 0)
		return 1;
	loop(&v);
	if (!v.o.ag.once) {
		fprintf(stderr, "vam-client: stopped: data rx %llu tx %llu dropped %llu\n",
			(unsigned long long)v.data_rx, (unsigned long long)v.data_tx,
			(unsigned long long)v.drops);
		return 0;
	}
	rc = once_status(&v);
	if (rc == 0) {
		print_result(&v);
		resolve_all(&v);
		agent_logout(&v.a, now_ms());	/* leave no state behind */
		await(&v, VAM_LOGOUT_RESP);
	} else {
		fprintf(stderr, "vam-client: failed: %s\n",
			v.a.last_why ? v.a.last_why : "no answer from the server");
	}
	return rc;
}
