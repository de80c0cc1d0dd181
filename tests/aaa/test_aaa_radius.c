/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RADIUS backend against a real FreeRADIUS. Run through
 * tests/aaa/freeradius.sh, which starts the server and exports
 * VAMGW_RADIUS_AUTH_PORT, VAMGW_RADIUS_ACCT_PORT, VAMGW_RADIUS_SECRET and
 * VAMGW_RADIUS_DETAIL (the server's accounting detail file). Users alice
 * ("wonderland") and bob ("builder") are the script's.
 */
#include <arpa/inet.h>
#include <check.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "aaa_radius.h"
#include "ctl_config.h"
#include "vam_chap.h"

#define LOOPBACK	0x7f000001u
#define FRAMED_IP	0x0a000002u	/* 10.0.0.2 */
#define CALLING_IP	0xc0000201u	/* 192.0.2.1 */
#define CALLING_PORT	4500

static uint16_t auth_port, acct_port;
static const char *secret, *detail;
static struct ctl_config cfg;

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* A server entry; port 0 means the FreeRADIUS of the script. */
static void server(struct ctl_radius_cfg *r, const char *name, uint16_t auth, uint16_t acct,
		   uint32_t timeout_ms, uint8_t retries)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->addr = LOOPBACK;
	r->auth_port = auth ? auth : auth_port;
	r->acct_port = acct ? acct : acct_port;
	snprintf(r->secret, sizeof(r->secret), "%s", secret);
	r->timeout_ms = timeout_ms;
	r->retries = retries;
}

static void setup(void)
{
	memset(&cfg, 0, sizeof(cfg));
	cfg.aaa_timeout_ms = 15000;
	server(&cfg.radius[0], "freeradius", 0, 0, 3000, 2);
	cfg.n_radius = 1;
}

static struct ctl_aaa_backend *create(void)
{
	char err[256] = "";
	struct ctl_aaa_backend *be = aaa_radius_create(&cfg, err, sizeof(err));

	ck_assert_msg(be != NULL, "aaa_radius_create: %s", err);
	ck_assert_str_eq(be->name, "radius");
	return be;
}

/* A UDP socket bound on loopback that never reads: a server that never answers. */
static int silent_server(uint16_t *port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	ck_assert_int_ge(fd, 0);
	sa.sin_addr.s_addr = htonl(LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	*port = ntohs(sa.sin_port);
	return fd;
}

static struct ctl_aaa_request req(uint64_t cookie, const char *name)
{
	struct ctl_aaa_request rq;

	memset(&rq, 0, sizeof(rq));
	rq.cookie = cookie;
	rq.domain = 1;
	rq.username_len = strlen(name);
	memcpy(rq.username, name, rq.username_len);
	rq.framed_ip = FRAMED_IP;
	rq.calling_ip = CALLING_IP;
	rq.calling_port = CALLING_PORT;
	return rq;
}

static struct ctl_aaa_request pap(uint64_t cookie, const char *name, const char *pw)
{
	struct ctl_aaa_request rq = req(cookie, name);

	rq.method = VAM_AUTH_PAP;
	rq.password_len = strlen(pw);
	memcpy(rq.password, pw, rq.password_len);
	return rq;
}

static struct ctl_aaa_request chap(uint64_t cookie, const char *name, const char *pw, uint8_t id)
{
	struct ctl_aaa_request rq = req(cookie, name);
	unsigned int i;

	rq.method = VAM_AUTH_CHAP;
	for (i = 0; i < VAM_CHAP_CHALLENGE_LEN; i++)
		rq.chap_challenge[i] = (uint8_t)(0x30 + i * 11);
	ck_assert_int_eq(vam_chap_response(id, (const uint8_t *)pw, strlen(pw), rq.chap_challenge,
					   rq.chap_response), 0);
	return rq;
}

/* Poll until n results arrived (in submit order), failing after limit_ms. */
static void wait_results(struct ctl_aaa_backend *be, struct ctl_aaa_result *out, unsigned int n,
			 unsigned int limit_ms)
{
	uint64_t end = now_ms() + limit_ms;
	unsigned int got = 0;

	while (got < n) {
		got += be->poll(be, out + got, n - got);
		if (got < n) {
			ck_assert_msg(now_ms() < end, "%u of %u results after %u ms", got, n,
				      limit_ms);
			sleep_ms(2);
		}
	}
}

static enum ctl_aaa_status decide(struct ctl_aaa_backend *be, struct ctl_aaa_request rq)
{
	struct ctl_aaa_result r;

	ck_assert_int_eq(be->submit(be, &rq), 0);
	wait_results(be, &r, 1, 20000);
	ck_assert_uint_eq(r.cookie, rq.cookie);
	return r.status;
}

START_TEST(pap_accept)
{
	struct ctl_aaa_backend *be = create();
	struct aaa_radius_stats st;

	ck_assert_int_eq(decide(be, pap(0x1111222233334444, "alice", "wonderland")),
			 CTL_AAA_ACCEPT);
	ck_assert_int_eq(decide(be, pap(2, "bob", "builder")), CTL_AAA_ACCEPT);
	aaa_radius_stats(be, &st);
	ck_assert_uint_eq(st.accepted, 2);
	be->destroy(be);
}
END_TEST

START_TEST(pap_reject)
{
	struct ctl_aaa_backend *be = create();

	ck_assert_int_eq(decide(be, pap(1, "alice", "wonderlanD")), CTL_AAA_REJECT);
	ck_assert_int_eq(decide(be, pap(2, "alice", "builder")), CTL_AAA_REJECT);
	ck_assert_int_eq(decide(be, pap(3, "mallory", "wonderland")), CTL_AAA_REJECT);
	/* Empty password: refused without asking. */
	ck_assert_int_eq(decide(be, pap(4, "alice", "")), CTL_AAA_REJECT);
	be->destroy(be);
}
END_TEST

START_TEST(chap_accept)
{
	struct ctl_aaa_backend *be = create();

	ck_assert_int_eq(decide(be, chap(1, "alice", "wonderland", 0x17)), CTL_AAA_ACCEPT);
	ck_assert_int_eq(decide(be, chap(2, "bob", "builder", 0)), CTL_AAA_ACCEPT);
	be->destroy(be);
}
END_TEST

START_TEST(chap_reject)
{
	struct ctl_aaa_backend *be = create();
	struct ctl_aaa_request rq;

	ck_assert_int_eq(decide(be, chap(1, "alice", "wonderlanD", 0x17)), CTL_AAA_REJECT);
	ck_assert_int_eq(decide(be, chap(2, "mallory", "wonderland", 0x17)), CTL_AAA_REJECT);
	rq = chap(3, "alice", "wonderland", 0x17);
	rq.chap_response[9] ^= 0x04;
	ck_assert_int_eq(decide(be, rq), CTL_AAA_REJECT);
	/* Another id than the hash was made with. */
	rq = chap(4, "alice", "wonderland", 0x17);
	rq.chap_response[0] = 0x18;
	ck_assert_int_eq(decide(be, rq), CTL_AAA_REJECT);
	be->destroy(be);
}
END_TEST

START_TEST(many_in_flight)
{
	static struct ctl_aaa_result res[64];
	struct ctl_aaa_backend *be = create();
	struct ctl_aaa_request rq;
	unsigned int i;

	for (i = 0; i < 64; i++) {
		rq = (i & 1) ? pap(1000 + i, "bob", "builder") :
			       chap(1000 + i, "alice", (i % 4) ? "wonderland" : "x", (uint8_t)i);
		ck_assert_int_eq(be->submit(be, &rq), 0);
	}
	wait_results(be, res, 64, 30000);
	for (i = 0; i < 64; i++) {
		ck_assert_uint_eq(res[i].cookie, 1000 + i);
		ck_assert_int_eq(res[i].status,
				 (i & 1) || (i % 4) ? CTL_AAA_ACCEPT : CTL_AAA_REJECT);
	}
	be->destroy(be);
}
END_TEST

/* ---- accounting ---------------------------------------------------- */

static void wait_acct(struct ctl_aaa_backend *be, uint64_t sent, unsigned int limit_ms)
{
	uint64_t end = now_ms() + limit_ms;
	struct aaa_radius_stats st;

	for (;;) {
		aaa_radius_stats(be, &st);
		if (st.acct_sent >= sent)
			break;
		ck_assert_msg(now_ms() < end, "%" PRIu64 " of %" PRIu64 " records acknowledged",
			      st.acct_sent, sent);
		sleep_ms(5);
	}
	ck_assert_uint_eq(st.acct_sent, sent);
	ck_assert_uint_eq(st.acct_failed, 0);
}

/* How many records of the detail file (blank-line separated) contain every needle. */
static unsigned int detail_count(const char *const *needles)
{
	static char buf[1 << 20];
	unsigned int found = 0, i;
	char *rec, *next;
	FILE *f = fopen(detail, "r");
	size_t len;

	if (f == NULL)
		return 0;
	len = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[len] = '\0';
	for (rec = buf; rec != NULL && *rec; rec = next) {
		next = strstr(rec, "\n\n");
		if (next) {
			next[1] = '\0';
			next += 2;
		}
		for (i = 0; needles[i] && strstr(rec, needles[i]); i++)
			;
		if (needles[i] == NULL)
			found++;
	}
	return found;
}

static struct ctl_acct_record record(enum ctl_acct_type type, uint32_t sid, const char *name)
{
	struct ctl_acct_record r;

	memset(&r, 0, sizeof(r));
	r.type = type;
	r.domain = 1;
	r.session_id = sid;
	r.username_len = strlen(name);
	memcpy(r.username, name, r.username_len);
	r.framed_ip = FRAMED_IP;
	r.calling_ip = CALLING_IP;
	r.calling_port = CALLING_PORT;
	if (type == CTL_ACCT_STOP) {
		r.session_time = 42;
		r.in_octets = (UINT64_C(5) << 32) + 1234;
		r.out_octets = 987654;
		r.in_packets = 77;
		r.out_packets = 88;
		r.cause = CTL_CAUSE_USER_REQUEST;
	}
	return r;
}

START_TEST(accounting_start_stop)
{
	static const char *const start[] = {
		"\tAcct-Session-Id = \"0abcdef1\"\n", "\tAcct-Status-Type = Start\n",
		"\tUser-Name = \"alice\"\n", "\tFramed-IP-Address = 10.0.0.2\n",
		"\tCalling-Station-Id = \"192.0.2.1:4500\"\n", "\tNAS-Identifier = \"vamgw\"\n",
		NULL,
	};
	static const char *const stop[] = {
		"\tAcct-Session-Id = \"0abcdef1\"\n", "\tAcct-Status-Type = Stop\n",
		"\tUser-Name = \"alice\"\n", "\tFramed-IP-Address = 10.0.0.2\n",
		"\tCalling-Station-Id = \"192.0.2.1:4500\"\n", "\tAcct-Session-Time = 42\n",
		"\tAcct-Input-Octets = 1234\n", "\tAcct-Input-Gigawords = 5\n",
		"\tAcct-Output-Octets = 987654\n", "\tAcct-Output-Gigawords = 0\n",
		"\tAcct-Input-Packets = 77\n", "\tAcct-Output-Packets = 88\n",
		"\tAcct-Terminate-Cause = User-Request\n", NULL,
	};
	struct ctl_aaa_backend *be = create();
	struct ctl_acct_record r;

	r = record(CTL_ACCT_START, 0x0abcdef1, "alice");
	ck_assert_int_eq(be->account(be, &r), 0);
	wait_acct(be, 1, 20000);
	ck_assert_uint_eq(detail_count(start), 1);
	ck_assert_uint_eq(detail_count(stop), 0);
	r = record(CTL_ACCT_STOP, 0x0abcdef1, "alice");
	ck_assert_int_eq(be->account(be, &r), 0);
	wait_acct(be, 2, 20000);
	ck_assert_uint_eq(detail_count(start), 1);
	ck_assert_uint_eq(detail_count(stop), 1);
	be->destroy(be);
}
END_TEST

START_TEST(destroy_sends_queued_records)
{
	static const char *const start[] = {
		"\tAcct-Session-Id = \"00000bb1\"\n", "\tAcct-Status-Type = Start\n",
		"\tUser-Name = \"bob\"\n", NULL,
	};
	static const char *const stop[] = {
		"\tAcct-Session-Id = \"00000bb1\"\n", "\tAcct-Status-Type = Stop\n",
		"\tUser-Name = \"bob\"\n", "\tAcct-Terminate-Cause = Admin-Reboot\n", NULL,
	};
	struct ctl_aaa_backend *be = create();
	struct ctl_acct_record r;

	r = record(CTL_ACCT_START, 0xbb1, "bob");
	ck_assert_int_eq(be->account(be, &r), 0);
	r = record(CTL_ACCT_STOP, 0xbb1, "bob");
	r.cause = CTL_CAUSE_ADMIN_REBOOT;
	ck_assert_int_eq(be->account(be, &r), 0);
	be->destroy(be);
	ck_assert_uint_eq(detail_count(start), 1);
	ck_assert_uint_eq(detail_count(stop), 1);
}
END_TEST

/* ---- servers that do not answer ------------------------------------------------ */

START_TEST(server_down_unavailable)
{
	uint16_t dead;
	int fd = silent_server(&dead);
	struct ctl_aaa_backend *be;
	struct ctl_aaa_result r;
	struct ctl_aaa_request rq = pap(77, "alice", "wonderland");
	struct ctl_acct_record rec = record(CTL_ACCT_START, 0x77, "alice");
	struct aaa_radius_stats st;
	uint64_t t0;

	server(&cfg.radius[0], "down", dead, dead, 1000, 1);
	be = create();
	t0 = now_ms();
	ck_assert_int_eq(be->submit(be, &rq), 0);
	wait_results(be, &r, 1, 10000);
	ck_assert_uint_eq(r.cookie, 77);
	ck_assert_int_eq(r.status, CTL_AAA_UNAVAILABLE);
	/* Two tries of one second each. */
	ck_assert_uint_ge(now_ms() - t0, 1900);
	ck_assert_int_eq(be->account(be, &rec), 0);
	for (t0 = now_ms(); now_ms() - t0 < 10000; sleep_ms(5)) {
		aaa_radius_stats(be, &st);
		if (st.acct_failed == 1)
			break;
	}
	ck_assert_uint_eq(st.acct_failed, 1);
	ck_assert_uint_eq(st.acct_sent, 0);
	ck_assert_uint_eq(st.unavailable, 1);
	be->destroy(be);
	close(fd);
}
END_TEST

START_TEST(failover_to_second_server)
{
	uint16_t dead;
	int fd = silent_server(&dead);
	struct ctl_aaa_backend *be;

	server(&cfg.radius[0], "down", dead, dead, 1000, 0);
	server(&cfg.radius[1], "freeradius", 0, 0, 3000, 1);
	cfg.n_radius = 2;
	static const char *const any[] = { "\tAcct-Session-Id = \"0000fa11\"\n", NULL };
	static const char *const undelayed[] = {
		"\tAcct-Session-Id = \"0000fa11\"\n", "\tAcct-Delay-Time = 0\n", NULL,
	};
	struct ctl_acct_record rec = record(CTL_ACCT_START, 0xfa11, "alice");

	be = create();
	ck_assert_int_eq(decide(be, pap(1, "alice", "wonderland")), CTL_AAA_ACCEPT);
	ck_assert_int_eq(decide(be, chap(2, "alice", "wonderlanD", 1)), CTL_AAA_REJECT);
	/* The record reaches the second server a second late, and says so. */
	ck_assert_int_eq(be->account(be, &rec), 0);
	wait_acct(be, 1, 10000);
	ck_assert_uint_eq(detail_count(any), 1);
	ck_assert_uint_eq(detail_count(undelayed), 0);
	be->destroy(be);
	close(fd);
}
END_TEST

START_TEST(expired_in_queue_not_sent)
{
	uint16_t dead;
	int fd = silent_server(&dead);
	struct ctl_aaa_backend *be;
	struct ctl_aaa_result r[3];
	struct ctl_aaa_request rq;
	struct aaa_radius_stats st;
	unsigned int i;

	/* The first request holds the thread for 1 s; the others wait past 500 ms. */
	server(&cfg.radius[0], "down", dead, dead, 1000, 0);
	cfg.aaa_timeout_ms = 500;
	be = create();
	for (i = 0; i < 3; i++) {
		rq = pap(10 + i, "alice", "wonderland");
		ck_assert_int_eq(be->submit(be, &rq), 0);
	}
	wait_results(be, r, 3, 10000);
	for (i = 0; i < 3; i++) {
		ck_assert_uint_eq(r[i].cookie, 10 + i);
		ck_assert_int_eq(r[i].status, CTL_AAA_UNAVAILABLE);
	}
	aaa_radius_stats(be, &st);
	ck_assert_uint_eq(st.expired, 2);
	ck_assert_uint_eq(st.unavailable, 3);
	be->destroy(be);
	close(fd);
}
END_TEST

START_TEST(queues_full)
{
	uint16_t dead;
	int fd = silent_server(&dead);
	struct ctl_aaa_backend *be;
	struct ctl_aaa_request rq = pap(0, "alice", "wonderland");
	struct ctl_acct_record rec = record(CTL_ACCT_STOP, 1, "alice");
	struct aaa_radius_stats st;
	unsigned int i, refused = 0, dropped = 0;

	server(&cfg.radius[0], "down", dead, dead, 1000, 0);
	be = create();
	/* The thread is stuck on the silent server for a second at a time. */
	for (i = 0; i < AAA_RADIUS_REQS + 8; i++) {
		rq.cookie = i;
		refused += be->submit(be, &rq) != 0;
	}
	for (i = 0; i < AAA_RADIUS_ACCTS + 8; i++)
		dropped += be->account(be, &rec) != 0;
	ck_assert_uint_ge(refused, 8);
	ck_assert_uint_le(refused, 10);
	ck_assert_uint_ge(dropped, 8);
	ck_assert_uint_le(dropped, 10);
	aaa_radius_stats(be, &st);
	ck_assert_uint_eq(st.acct_dropped, dropped);
	/* Destroy gives up on queued records after the first failure: about 1 s, not hours. */
	be->destroy(be);
	close(fd);
}
END_TEST

START_TEST(bad_configuration)
{
	char err[256] = "";

	cfg.n_radius = 0;
	ck_assert_ptr_null(aaa_radius_create(&cfg, err, sizeof(err)));
	ck_assert_msg(strstr(err, "radius") != NULL, "err: %s", err);
	cfg.n_radius = 1;
	snprintf(cfg.radius[0].secret, sizeof(cfg.radius[0].secret), "two words");
	err[0] = '\0';
	ck_assert_ptr_null(aaa_radius_create(&cfg, err, sizeof(err)));
	ck_assert_msg(strstr(err, "secret") != NULL, "err: %s", err);
	cfg.radius[0].secret[0] = '\0';
	ck_assert_ptr_null(aaa_radius_create(&cfg, err, sizeof(err)));
}
END_TEST

static int env_port(const char *name, uint16_t *port)
{
	const char *v = getenv(name);
	char *end;
	long p;

	if (v == NULL)
		return -1;
	p = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || p <= 0 || p > 65535)
		return -1;
	*port = (uint16_t)p;
	return 0;
}

int main(void)
{
	Suite *s = suite_create("aaa_radius");
	TCase *tc = tcase_create("radius");
	SRunner *sr;
	int failed;

	secret = getenv("VAMGW_RADIUS_SECRET");
	detail = getenv("VAMGW_RADIUS_DETAIL");
	if (env_port("VAMGW_RADIUS_AUTH_PORT", &auth_port) != 0 ||
	    env_port("VAMGW_RADIUS_ACCT_PORT", &acct_port) != 0 || secret == NULL ||
	    detail == NULL) {
		fprintf(stderr, "test_aaa_radius: no FreeRADIUS: run it as "
				"tests/aaa/freeradius.sh test_aaa_radius\n");
		return EXIT_FAILURE;
	}
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, pap_accept);
	tcase_add_test(tc, pap_reject);
	tcase_add_test(tc, chap_accept);
	tcase_add_test(tc, chap_reject);
	tcase_add_test(tc, many_in_flight);
	tcase_add_test(tc, accounting_start_stop);
	tcase_add_test(tc, destroy_sends_queued_records);
	tcase_add_test(tc, server_down_unavailable);
	tcase_add_test(tc, failover_to_second_server);
	tcase_add_test(tc, expired_in_queue_not_sent);
	tcase_add_test(tc, queues_full);
	tcase_add_test(tc, bad_configuration);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
