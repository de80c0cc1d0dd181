/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "agent.h"
#include "vam_format.h"

static const char *const phase_names[] = { "OFFLINE", "INIT", "REG", "ONLINE", "DUMB", "DONE" };

const char *agent_phase_name(enum agent_phase p)
{
	return phase_names[p];
}

static void logf_(struct agent *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void logf_(struct agent *a, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (a->log)
		a->log(a->ctx, msg);
}

static void phase(struct agent *a, enum agent_phase p, const char *why)
{
	if (a->phase != p)
		logf_(a, "%s -> %s%s%s", agent_phase_name(a->phase), agent_phase_name(p),
		      why ? ": " : "", why ? why : "");
	a->phase = p;
}

void agent_init(struct agent *a)
{
	a->phase = AG_OFFLINE;
	if (a->o.retransmit_ms == 0)
		a->o.retransmit_ms = 5000;
	if (a->o.retries == 0)
		a->o.retries = 3;
	if (a->o.dumb_ms == 0)
		a->o.dumb_ms = 120000;
}

static void send_ctrl(struct agent *a, uint64_t now, const uint8_t *d, long n, bool request)
{
	if (n <= 0)
		return;
	a->send(a->ctx, false, d, (size_t)n);
	if (request) {
		a->left = a->o.retries;
		a->due = now + a->o.retransmit_ms;
	}
}

void agent_start(struct agent *a, uint64_t now)
{
	uint8_t out[VAM_CTRL_MAX];

	a->missed = 0;
	a->ka_outstanding = false;
	phase(a, AG_INIT, NULL);
	send_ctrl(a, now, out, vam_client_start(&a->c, &a->cfg, out, sizeof(out)), true);
}

/* Failure of an attempt: wait (dumb) and start again, or stop in --once mode. */
static void failed(struct agent *a, uint64_t now, uint8_t code, const char *why, uint64_t wait)
{
	a->last_code = code;
	a->last_why = why;
	if (a->o.once) {
		phase(a, AG_DONE, why);
		return;
	}
	phase(a, AG_DUMB, why);
	a->due = now + wait;
}

static void went_online(struct agent *a, uint64_t now)
{
	char ip[16];

	a->nat = a->c.observed_ip != a->cfg.public_ip || a->c.observed_port != a->cfg.public_port;
	logf_(a, "registered as %s, keepalive %us x %u, observed %s:%u%s, %u hubs",
	      a->c.role == VAM_NODE_HUB ? "hub" : "spoke", a->c.keepalive, a->c.retries,
	      vam_format_ipv4(a->c.observed_ip, ip), a->c.observed_port,
	      a->nat ? " (behind NAT)" : "", a->c.n_hubs);
	phase(a, AG_ONLINE, NULL);
	a->missed = 0;
	a->ka_outstanding = false;
	a->due = now + a->c.keepalive * 1000ull;
	if (a->online)
		a->online(a->ctx, a);
	if (a->o.once)
		phase(a, AG_DONE, "registered");
}

void agent_input(struct agent *a, uint64_t now, const uint8_t *dgram, size_t len)
{
	uint8_t out[VAM_CTRL_MAX];
	enum vam_client_state before = a->c.state;
	size_t n = 0;

	if (a->phase == AG_DUMB || a->phase == AG_DONE || a->phase == AG_OFFLINE)
		return;
	if (vam_client_input(&a->c, dgram, len, out, sizeof(out), &n) != VAM_OK)
		return;
	if (a->c.rx_type == VAM_KEEPALIVE_ACK) {
		a->ka_outstanding = false;
		a->missed = 0;
	}
	if (n)	/* a new request: INIT_DONE_C, REG_REQ, AUTH_INFO, KEEPALIVE or HUB_INFO_ACK */
		send_ctrl(a, now, out, (long)n, a->c.rx_type != VAM_HUB_INFO);
	if (a->c.state == before)
		return;
	switch (a->c.state) {
	case VAM_CL_REG:
	case VAM_CL_AUTH:
		phase(a, AG_REG, NULL);
		break;
	case VAM_CL_ONLINE:
		went_online(a, now);
		break;
	case VAM_CL_FAILED:
		failed(a, now, a->c.code,
		       a->c.code ? vam_code_name(a->c.code) : vam_drop_name(a->c.why),
		       a->c.code == VAM_CODE_CAPACITY ? 10000 : a->o.dumb_ms);
		break;
	case VAM_CL_OFFLINE:
		failed(a, now, a->c.code, a->c.rx_type == VAM_LOGOUT_RESP ? "logged out"
					  : vam_code_name(a->c.code),
		       a->c.code == VAM_CODE_SHUTDOWN ? 30000 : 5000);
		break;
	default:
		break;
	}
}

static void keepalive(struct agent *a, uint64_t now)
{
	uint8_t out[VAM_CTRL_MAX];
	long n;

	if (a->ka_outstanding && ++a->missed >= a->c.retries) {
		failed(a, now, 0, "keepalives unanswered", a->o.retransmit_ms);
		return;
	}
	a->ka_outstanding = true;
	n = vam_client_request(&a->c, VAM_KEEPALIVE, NULL, 0, out, sizeof(out));
	if (n > 0)
		a->send(a->ctx, false, out, (size_t)n);
	n = a->nat ? vam_client_data(&a->c, NULL, 0, out, sizeof(out)) : 0;
	if (n > 0)	/* S-46: keep the NAT mapping of the data port open */
		a->send(a->ctx, true, out, (size_t)n);
	a->due = now + a->c.keepalive * 1000ull;
}

void agent_tick(struct agent *a, uint64_t now)
{
	uint8_t out[VAM_CTRL_MAX];

	if (now < a->due)
		return;
	switch (a->phase) {
	case AG_INIT:
	case AG_REG:
		if (a->left == 0) {
			failed(a, now, 0, "no answer from the server", a->o.dumb_ms);
			return;
		}
		a->left--;
		send_ctrl(a, now, out, vam_client_retransmit(&a->c, out, sizeof(out)), false);
		a->due = now + a->o.retransmit_ms;
		break;
	case AG_ONLINE:
		keepalive(a, now);
		break;
	case AG_DUMB:
		agent_start(a, now);
		break;
	default:
		break;
	}
}

void agent_logout(struct agent *a, uint64_t now)
{
	uint8_t out[VAM_CTRL_MAX];
	long n;

	(void)now;
	if (a->c.state != VAM_CL_ONLINE)
		return;
	n = vam_client_request(&a->c, VAM_LOGOUT_REQ, NULL, 0, out, sizeof(out));
	if (n > 0)
		a->send(a->ctx, false, out, (size_t)n);
}
