/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RADIUS through radcli on one AAA pthread (spec 7, S-40, S-64, S-65).
 *
 * Preallocated objects move over rings that each have one producer and one
 * consumer:
 *
 *   requests  free_q  control -> control   submit() takes, poll() gives back
 *             req_q   control -> thread    submit() queues
 *             done_q  thread  -> control   the thread answers, poll() collects
 *   records   acct_free_q  thread -> control   account() takes, the thread gives back
 *             acct_q       control -> thread   account() queues
 *
 * Every ring holds twice its pool, so an enqueue of a pool object cannot
 * fail. The thread handles one request and one record per turn and sleeps
 * 1 ms when both rings are empty. Requests are answered in submit order.
 *
 * One radcli handle per configured server, each with that server alone:
 * radcli's own failover shares one timeout and one retry count, and matches
 * secrets by host name prefix. The dictionary is compiled in.
 */
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <radcli/radcli.h>
#include <rte_common.h>
#include <rte_ring.h>

#include "aaa_radius.h"

#define RAD_NAS_ID	"vamgw"
#define RAD_BURST	32u
#define RAD_DEFAULT_AAA_TIMEOUT_MS 15000	/* S-65, when the config says 0 */

/*
 * RFC 2865/2866 attributes: those we send, those radcli adds (NAS-IP-Address,
 * NAS-Port, Acct-Delay-Time) and the usual ones of a reply.
 */
static const char rad_dict[] =
	"ATTRIBUTE User-Name 1 string\n"
	"ATTRIBUTE User-Password 2 string\n"
	"ATTRIBUTE CHAP-Password 3 string\n"
	"ATTRIBUTE NAS-IP-Address 4 ipv4addr\n"
	"ATTRIBUTE NAS-Port 5 integer\n"
	"ATTRIBUTE Service-Type 6 integer\n"
	"ATTRIBUTE Framed-Protocol 7 integer\n"
	"ATTRIBUTE Framed-IP-Address 8 ipv4addr\n"
	"ATTRIBUTE Framed-IP-Netmask 9 ipv4addr\n"
	"ATTRIBUTE Filter-Id 11 string\n"
	"ATTRIBUTE Framed-MTU 12 integer\n"
	"ATTRIBUTE Reply-Message 18 string\n"
	"ATTRIBUTE Framed-Route 22 string\n"
	"ATTRIBUTE State 24 string\n"
	"ATTRIBUTE Class 25 string\n"
	"ATTRIBUTE Vendor-Specific 26 string\n"
	"ATTRIBUTE Session-Timeout 27 integer\n"
	"ATTRIBUTE Idle-Timeout 28 integer\n"
	"ATTRIBUTE Termination-Action 29 integer\n"
	"ATTRIBUTE Called-Station-Id 30 string\n"
	"ATTRIBUTE Calling-Station-Id 31 string\n"
	"ATTRIBUTE NAS-Identifier 32 string\n"
	"ATTRIBUTE Proxy-State 33 string\n"
	"ATTRIBUTE Acct-Status-Type 40 integer\n"
	"ATTRIBUTE Acct-Delay-Time 41 integer\n"
	"ATTRIBUTE Acct-Input-Octets 42 integer\n"
	"ATTRIBUTE Acct-Output-Octets 43 integer\n"
	"ATTRIBUTE Acct-Session-Id 44 string\n"
	"ATTRIBUTE Acct-Authentic 45 integer\n"
	"ATTRIBUTE Acct-Session-Time 46 integer\n"
	"ATTRIBUTE Acct-Input-Packets 47 integer\n"
	"ATTRIBUTE Acct-Output-Packets 48 integer\n"
	"ATTRIBUTE Acct-Terminate-Cause 49 integer\n"
	"ATTRIBUTE Acct-Multi-Session-Id 50 string\n"
	"ATTRIBUTE Acct-Link-Count 51 integer\n"
	"ATTRIBUTE Acct-Input-Gigawords 52 integer\n"
	"ATTRIBUTE Acct-Output-Gigawords 53 integer\n"
	"ATTRIBUTE Event-Timestamp 55 date\n"
	"ATTRIBUTE CHAP-Challenge 60 string\n"
	"ATTRIBUTE NAS-Port-Type 61 integer\n"
	"ATTRIBUTE Port-Limit 62 integer\n"
	"ATTRIBUTE Message-Authenticator 80 string\n"
	"ATTRIBUTE Acct-Interim-Interval 85 integer\n"
	"ATTRIBUTE NAS-Port-Id 87 string\n"
	"ATTRIBUTE NAS-IPv6-Address 95 ipv6addr\n";

struct rad_req {
	struct ctl_aaa_request rq;
	uint64_t deadline_ns;		/* CLOCK_MONOTONIC: submit + aaa_timeout_ms */
	enum ctl_aaa_status status;
};

struct rad_acct {
	struct ctl_acct_record rec;
	uint64_t queued_ns;		/* CLOCK_MONOTONIC at account() */
};

struct rad_counters {
	_Atomic uint64_t accepted, rejected, unavailable, expired;
	_Atomic uint64_t acct_sent, acct_failed, acct_dropped, acct_abandoned;
};

struct aaa_radius {
	struct ctl_aaa_backend be;	/* first: the handle the caller holds */
	rc_handle *rh[CTL_MAX_RADIUS];	/* used by the AAA thread only, after create */
	unsigned int n_srv;
	uint64_t aaa_timeout_ns;
	struct rte_ring *free_q, *req_q, *done_q, *acct_free_q, *acct_q;
	struct rad_req *reqs;		/* AAA_RADIUS_REQS */
	struct rad_acct *accts;		/* AAA_RADIUS_ACCTS */
	pthread_t thread;
	bool running;
	atomic_bool stop;
	struct rad_counters cnt;
};

static struct aaa_radius *radius_of(struct ctl_aaa_backend *be)
{
	return (struct aaa_radius *)be;
}

static void count(_Atomic uint64_t *c)
{
	atomic_fetch_add_explicit(c, 1, memory_order_relaxed);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void errf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static void ipv4_str(uint32_t a, char *buf, size_t len)
{
	snprintf(buf, len, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
}

/* ---- attributes ---------------------------------------------------- */

/* Append one attribute; false if radcli refused it (the caller frees the list). */
static bool add(rc_handle *rh, VALUE_PAIR **vp, int attr, const void *val, int len)
{
	return rc_avpair_add(rh, vp, attr, val, len, 0) != NULL;
}

static bool add_u32(rc_handle *rh, VALUE_PAIR **vp, int attr, uint32_t v)
{
	return add(rh, vp, attr, &v, 0);
}

/* What Access- and Accounting-Requests share (S-64). */
static bool add_common(rc_handle *rh, VALUE_PAIR **vp, const uint8_t *user, uint8_t user_len,
		       uint32_t framed_ip, uint32_t calling_ip, uint16_t calling_port)
{
	char station[32], ip[16];

	ipv4_str(calling_ip, ip, sizeof(ip));
	snprintf(station, sizeof(station), "%s:%u", ip, calling_port);
	return add(rh, vp, PW_USER_NAME, user, user_len) &&
	       add(rh, vp, PW_NAS_IDENTIFIER, RAD_NAS_ID, -1) &&
	       add_u32(rh, vp, PW_SERVICE_TYPE, PW_FRAMED) &&
	       add_u32(rh, vp, PW_NAS_PORT_TYPE, PW_VIRTUAL) &&
	       add_u32(rh, vp, PW_FRAMED_IP_ADDRESS, framed_ip) &&
	       add(rh, vp, PW_CALLING_STATION_ID, station, -1);
}

/* PAP: User-Password; CHAP: CHAP-Password = id || hash, CHAP-Challenge (S-40). */
static bool build_auth(rc_handle *rh, const struct ctl_aaa_request *rq, VALUE_PAIR **vp)
{
	if (!add_common(rh, vp, rq->username, rq->username_len, rq->framed_ip, rq->calling_ip,
			rq->calling_port))
		return false;
	if (rq->method == VAM_AUTH_PAP)
		return add(rh, vp, PW_USER_PASSWORD, rq->password, rq->password_len);
	return add(rh, vp, PW_CHAP_PASSWORD, rq->chap_response, VAM_CHAP_LEN) &&
	       add(rh, vp, PW_CHAP_CHALLENGE, rq->chap_challenge, VAM_CHAP_CHALLENGE_LEN);
}

/*
 * Start: Acct-Status-Type, Acct-Session-Id = %08x, the common attributes and
 * Acct-Delay-Time: the seconds the record waited in our queue (radcli adds
 * its own retrying time to it). Stop adds time, octets (low 32 bits,
 * Gigawords the high 32), packets (32-bit counters, they wrap) and
 * Acct-Terminate-Cause.
 */
static bool build_acct(rc_handle *rh, const struct rad_acct *a, VALUE_PAIR **vp)
{
	const struct ctl_acct_record *r = &a->rec;
	uint64_t now = now_ns();
	char sid[9];

	snprintf(sid, sizeof(sid), "%08" PRIx32, r->session_id);
	if (!add_u32(rh, vp, PW_ACCT_STATUS_TYPE,
		     r->type == CTL_ACCT_START ? PW_STATUS_START : PW_STATUS_STOP) ||
	    !add(rh, vp, PW_ACCT_SESSION_ID, sid, -1) ||
	    !add_u32(rh, vp, PW_ACCT_DELAY_TIME,
		     now > a->queued_ns ? (uint32_t)((now - a->queued_ns) / 1000000000u) : 0) ||
	    !add_common(rh, vp, r->username, r->username_len, r->framed_ip, r->calling_ip,
			r->calling_port))
		return false;
	if (r->type != CTL_ACCT_STOP)
		return true;
	return add_u32(rh, vp, PW_ACCT_SESSION_TIME, r->session_time) &&
	       add_u32(rh, vp, PW_ACCT_INPUT_OCTETS, (uint32_t)r->in_octets) &&
	       add_u32(rh, vp, PW_ACCT_INPUT_GIGAWORDS, (uint32_t)(r->in_octets >> 32)) &&
	       add_u32(rh, vp, PW_ACCT_OUTPUT_OCTETS, (uint32_t)r->out_octets) &&
	       add_u32(rh, vp, PW_ACCT_OUTPUT_GIGAWORDS, (uint32_t)(r->out_octets >> 32)) &&
	       add_u32(rh, vp, PW_ACCT_INPUT_PACKETS, (uint32_t)r->in_packets) &&
	       add_u32(rh, vp, PW_ACCT_OUTPUT_PACKETS, (uint32_t)r->out_packets) &&
	       add_u32(rh, vp, PW_ACCT_TERMINATE_CAUSE, (uint32_t)r->cause);
}

/* ---- the AAA thread ------------------------------------------------ */

/* What can be sent at all; anything else is rejected unsent. */
static bool request_valid(const struct ctl_aaa_request *rq)
{
	if (rq->username_len == 0 || rq->username_len > VAM_USERNAME_MAX)
		return false;
	if (rq->method == VAM_AUTH_PAP)
		return rq->password_len >= 1 && rq->password_len <= VAM_PASSWORD_MAX;
	return rq->method == VAM_AUTH_CHAP;
}

/* Ask the servers in order until one answers; none before the deadline: UNAVAILABLE. */
static enum ctl_aaa_status auth_servers(struct aaa_radius *ar, const struct rad_req *o)
{
	unsigned int i;

	for (i = 0; i < ar->n_srv; i++) {
		VALUE_PAIR *send = NULL, *recv = NULL;
		int rc = ERROR_RC;

		if (i > 0 && now_ns() >= o->deadline_ns)
			break;
		if (build_auth(ar->rh[i], &o->rq, &send))
			rc = rc_aaa(ar->rh[i], 0, send, &recv, NULL, 0, PW_ACCESS_REQUEST);
		rc_avpair_free(send);
		rc_avpair_free(recv);
		if (rc == OK_RC)
			return CTL_AAA_ACCEPT;
		/* We cannot continue an Access-Challenge: a refusal. */
		if (rc == REJECT_RC || rc == CHALLENGE_RC)
			return CTL_AAA_REJECT;
	}
	return CTL_AAA_UNAVAILABLE;
}

static void do_request(struct aaa_radius *ar, struct rad_req *o)
{
	if (now_ns() >= o->deadline_ns) {
		/* The control plane has given up on it already (S-65). */
		o->status = CTL_AAA_UNAVAILABLE;
		count(&ar->cnt.expired);
	} else if (!request_valid(&o->rq)) {
		o->status = CTL_AAA_REJECT;
	} else {
		o->status = auth_servers(ar, o);
	}
	explicit_bzero(o->rq.password, sizeof(o->rq.password));
	if (o->status == CTL_AAA_ACCEPT)
		count(&ar->cnt.accepted);
	else if (o->status == CTL_AAA_REJECT)
		count(&ar->cnt.rejected);
	else
		count(&ar->cnt.unavailable);
	/* Cannot fail: the ring holds every request object. */
	rte_ring_sp_enqueue(ar->done_q, o);
}

/* True once a server acknowledged the record. */
static bool acct_send(struct aaa_radius *ar, const struct rad_acct *a)
{
	unsigned int i;

	for (i = 0; i < ar->n_srv; i++) {
		VALUE_PAIR *send = NULL;
		int rc = ERROR_RC;

		if (build_acct(ar->rh[i], a, &send))
			rc = rc_aaa(ar->rh[i], 0, send, NULL, NULL, 0, PW_ACCOUNTING_REQUEST);
		rc_avpair_free(send);
		if (rc == OK_RC) {
			count(&ar->cnt.acct_sent);
			return true;
		}
	}
	count(&ar->cnt.acct_failed);
	return false;
}

/* At stop: send what is queued, but give up on the rest after a failure. */
static void acct_flush(struct aaa_radius *ar)
{
	bool give_up = false;
	void *obj;

	while (rte_ring_sc_dequeue(ar->acct_q, &obj) == 0) {
		struct rad_acct *a = obj;

		if (give_up)
			count(&ar->cnt.acct_abandoned);
		else if (!acct_send(ar, a))
			give_up = true;
	}
}

static void *aaa_thread(void *arg)
{
	const struct timespec idle = { .tv_sec = 0, .tv_nsec = 1000000 };
	struct aaa_radius *ar = arg;
	void *obj;

	while (!atomic_load_explicit(&ar->stop, memory_order_acquire)) {
		bool busy = false;

		if (rte_ring_sc_dequeue(ar->req_q, &obj) == 0) {
			do_request(ar, obj);
			busy = true;
		}
		if (rte_ring_sc_dequeue(ar->acct_q, &obj) == 0) {
			acct_send(ar, obj);
			/* Cannot fail: the ring holds every record object. */
			rte_ring_sp_enqueue(ar->acct_free_q, obj);
			busy = true;
		}
		if (!busy)
			nanosleep(&idle, NULL);
	}
	acct_flush(ar);
	return NULL;
}

/* ---- the control lcore's side ---------------------------------------- */

static int radius_submit(struct ctl_aaa_backend *be, const struct ctl_aaa_request *rq)
{
	struct aaa_radius *ar = radius_of(be);
	struct rad_req *o;
	void *obj;

	if (rte_ring_sc_dequeue(ar->free_q, &obj) != 0)
		return -1;
	o = obj;
	o->rq = *rq;
	o->deadline_ns = now_ns() + ar->aaa_timeout_ns;
	o->status = CTL_AAA_UNAVAILABLE;
	if (rte_ring_sp_enqueue(ar->req_q, o) != 0) {
		rte_ring_sp_enqueue(ar->free_q, o);
		return -1;
	}
	return 0;
}

static unsigned int radius_poll(struct ctl_aaa_backend *be, struct ctl_aaa_result *out,
				unsigned int max)
{
	struct aaa_radius *ar = radius_of(be);
	void *objs[RAD_BURST];
	unsigned int total = 0, n, i;

	while (total < max) {
		n = rte_ring_sc_dequeue_burst(ar->done_q, objs, RTE_MIN(max - total, RAD_BURST),
					      NULL);
		if (n == 0)
			break;
		for (i = 0; i < n; i++) {
			const struct rad_req *o = objs[i];

			out[total + i].cookie = o->rq.cookie;
			out[total + i].status = o->status;
		}
		rte_ring_sp_enqueue_bulk(ar->free_q, objs, n, NULL);
		total += n;
	}
	return total;
}

static int radius_account(struct ctl_aaa_backend *be, const struct ctl_acct_record *rec)
{
	struct aaa_radius *ar = radius_of(be);
	struct rad_acct *a;
	void *obj;

	if (rte_ring_sc_dequeue(ar->acct_free_q, &obj) != 0) {
		count(&ar->cnt.acct_dropped);
		return -1;
	}
	a = obj;
	a->rec = *rec;
	a->queued_ns = now_ns();
	if (rte_ring_sp_enqueue(ar->acct_q, a) != 0) {
		/* Cannot happen (the ring holds every record); the object is lost until destroy. */
		count(&ar->cnt.acct_dropped);
		return -1;
	}
	return 0;
}

/* ---- set-up and tear-down ---------------------------------------------- */

static void radius_free(struct aaa_radius *ar)
{
	unsigned int i;

	for (i = 0; i < CTL_MAX_RADIUS; i++)
		if (ar->rh[i])
			rc_destroy(ar->rh[i]);
	free(ar->free_q);
	free(ar->req_q);
	free(ar->done_q);
	free(ar->acct_free_q);
	free(ar->acct_q);
	if (ar->reqs)
		explicit_bzero(ar->reqs, AAA_RADIUS_REQS * sizeof(*ar->reqs));
	free(ar->reqs);
	free(ar->accts);
	free(ar);
}

static void radius_destroy(struct ctl_aaa_backend *be)
{
	struct aaa_radius *ar = radius_of(be);

	if (ar == NULL)
		return;
	atomic_store_explicit(&ar->stop, true, memory_order_release);
	if (ar->running)
		pthread_join(ar->thread, NULL);
	radius_free(ar);
}

/* An SP/SC ring on plain memory: no EAL, no memzone, no name registry. */
static struct rte_ring *ring_new(const char *name, unsigned int count)
{
	ssize_t size = rte_ring_get_memsize(count);
	struct rte_ring *r;

	if (size < 0)
		return NULL;
	r = aligned_alloc(RTE_CACHE_LINE_SIZE, RTE_ALIGN_CEIL((size_t)size, RTE_CACHE_LINE_SIZE));
	if (r == NULL)
		return NULL;
	if (rte_ring_init(r, name, count, RING_F_SP_ENQ | RING_F_SC_DEQ) != 0) {
		free(r);
		return NULL;
	}
	return r;
}

/* Pools and rings; every object starts on its free ring. */
static int pools_init(struct aaa_radius *ar)
{
	unsigned int i;

	ar->reqs = calloc(AAA_RADIUS_REQS, sizeof(*ar->reqs));
	ar->accts = calloc(AAA_RADIUS_ACCTS, sizeof(*ar->accts));
	ar->free_q = ring_new("aaa_rad_free", 2 * AAA_RADIUS_REQS);
	ar->req_q = ring_new("aaa_rad_req", 2 * AAA_RADIUS_REQS);
	ar->done_q = ring_new("aaa_rad_done", 2 * AAA_RADIUS_REQS);
	ar->acct_free_q = ring_new("aaa_rad_acct_free", 2 * AAA_RADIUS_ACCTS);
	ar->acct_q = ring_new("aaa_rad_acct", 2 * AAA_RADIUS_ACCTS);
	if (!ar->reqs || !ar->accts || !ar->free_q || !ar->req_q || !ar->done_q ||
	    !ar->acct_free_q || !ar->acct_q)
		return -1;
	for (i = 0; i < AAA_RADIUS_REQS; i++)
		rte_ring_sp_enqueue(ar->free_q, &ar->reqs[i]);
	for (i = 0; i < AAA_RADIUS_ACCTS; i++)
		rte_ring_sp_enqueue(ar->acct_free_q, &ar->accts[i]);
	return 0;
}

static int rc_opt(rc_handle *rh, const char *name, const char *val)
{
	return rc_add_config(rh, name, val, __FILE__, __LINE__);
}

/* One radcli handle for one server: "addr:port:secret", timeout, retries, dictionary. */
static rc_handle *server_handle(const struct ctl_radius_cfg *c)
{
	unsigned int tmo = (c->timeout_ms + 999) / 1000;
	char ip[16], auth[192], acct[192], num[16], retr[16];
	rc_handle *rh = rc_new();
	int bad;

	if (rh == NULL || rc_config_init(rh) == NULL)	/* frees rh on failure */
		return NULL;
	ipv4_str(c->addr, ip, sizeof(ip));
	snprintf(auth, sizeof(auth), "%s:%u:%s", ip, c->auth_port ? c->auth_port : 1812,
		 c->secret);
	snprintf(acct, sizeof(acct), "%s:%u:%s", ip, c->acct_port ? c->acct_port : 1813,
		 c->secret);
	snprintf(num, sizeof(num), "%u", tmo ? tmo : 1);
	snprintf(retr, sizeof(retr), "%u", c->retries);
	bad = rc_opt(rh, "authserver", auth) || rc_opt(rh, "acctserver", acct) ||
	      rc_opt(rh, "radius_timeout", num) || rc_opt(rh, "radius_retries", retr) ||
	      rc_apply_config(rh) != 0 ||
	      rc_read_dictionary_from_buffer(rh, rad_dict, sizeof(rad_dict) - 1) != 0;
	explicit_bzero(auth, sizeof(auth));
	explicit_bzero(acct, sizeof(acct));
	if (bad) {
		rc_destroy(rh);
		return NULL;
	}
	return rh;
}

static int servers_init(struct aaa_radius *ar, const struct ctl_config *cfg, char *err,
			size_t errlen)
{
	unsigned int i;

	if (cfg->n_radius == 0 || cfg->n_radius > CTL_MAX_RADIUS) {
		errf(err, errlen, "radius: %u servers configured, want 1..%u", cfg->n_radius,
		     CTL_MAX_RADIUS);
		return -1;
	}
	for (i = 0; i < cfg->n_radius; i++) {
		const struct ctl_radius_cfg *c = &cfg->radius[i];
		size_t slen = strnlen(c->secret, sizeof(c->secret));

		/* radcli splits its server list at commas and blanks. */
		if (slen == 0 || slen >= MAX_SECRET_LENGTH || slen == sizeof(c->secret) ||
		    strpbrk(c->secret, ", \t\r\n") != NULL) {
			errf(err, errlen,
			     "radius %s: secret must be 1..%d characters without commas or blanks",
			     c->name, MAX_SECRET_LENGTH - 1);
			return -1;
		}
		ar->rh[i] = server_handle(c);
		if (ar->rh[i] == NULL) {
			errf(err, errlen, "radius %s: radcli refused the configuration", c->name);
			return -1;
		}
	}
	ar->n_srv = cfg->n_radius;
	return 0;
}

/* The AAA thread with every signal blocked: signals stay with the application's threads. */
static int thread_start(struct aaa_radius *ar)
{
	sigset_t all, old;
	int rc;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&ar->thread, NULL, aaa_thread, ar);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc == 0) {
		pthread_setname_np(ar->thread, "vamgw-aaa");
		ar->running = true;
	}
	return rc;
}

struct ctl_aaa_backend *aaa_radius_create(const struct ctl_config *cfg, char *err, size_t errlen)
{
	struct aaa_radius *ar = calloc(1, sizeof(*ar));
	uint32_t tmo_ms;
	int rc;

	if (ar == NULL) {
		errf(err, errlen, "radius: out of memory");
		return NULL;
	}
	ar->be.name = "radius";
	ar->be.submit = radius_submit;
	ar->be.poll = radius_poll;
	ar->be.account = radius_account;
	ar->be.destroy = radius_destroy;
	atomic_init(&ar->stop, false);
	tmo_ms = cfg->aaa_timeout_ms ? cfg->aaa_timeout_ms : RAD_DEFAULT_AAA_TIMEOUT_MS;
	ar->aaa_timeout_ns = (uint64_t)tmo_ms * 1000000u;
	if (servers_init(ar, cfg, err, errlen) != 0)
		goto fail;
	if (pools_init(ar) != 0) {
		errf(err, errlen, "radius: out of memory");
		goto fail;
	}
	rc = thread_start(ar);
	if (rc != 0) {
		errf(err, errlen, "radius: cannot start the AAA thread: %s", strerror(rc));
		goto fail;
	}
	return &ar->be;
fail:
	radius_free(ar);
	return NULL;
}

void aaa_radius_stats(const struct ctl_aaa_backend *be, struct aaa_radius_stats *out)
{
	struct aaa_radius *ar = (struct aaa_radius *)be;
	struct rad_counters *c = &ar->cnt;

	out->accepted = atomic_load_explicit(&c->accepted, memory_order_relaxed);
	out->rejected = atomic_load_explicit(&c->rejected, memory_order_relaxed);
	out->unavailable = atomic_load_explicit(&c->unavailable, memory_order_relaxed);
	out->expired = atomic_load_explicit(&c->expired, memory_order_relaxed);
	out->acct_sent = atomic_load_explicit(&c->acct_sent, memory_order_relaxed);
	out->acct_failed = atomic_load_explicit(&c->acct_failed, memory_order_relaxed);
	out->acct_dropped = atomic_load_explicit(&c->acct_dropped, memory_order_relaxed);
	out->acct_abandoned = atomic_load_explicit(&c->acct_abandoned, memory_order_relaxed);
}
