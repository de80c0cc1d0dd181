/* SPDX-License-Identifier: BSD-3-Clause */
/* The local AAA backend: PAP and CHAP decisions, domains, the result queue, accounting counts. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "aaa_local.h"
#include "ctl_config.h"
#include "vam_chap.h"

#define DOM_A 10
#define DOM_B 20

static struct ctl_user_cfg users[4];
static struct ctl_config cfg;
static struct ctl_aaa_backend *be;

static void user(struct ctl_user_cfg *u, const char *name, const char *pw, uint16_t domain)
{
	memset(u, 0, sizeof(*u));
	strcpy(u->name, name);
	u->name_len = strlen(name);
	memcpy(u->password, pw, strlen(pw));
	u->password_len = strlen(pw);
	u->domain = domain;
}

static void setup(void)
{
	memset(&cfg, 0, sizeof(cfg));
	user(&users[0], "alice", "wonderland", DOM_A);
	user(&users[1], "root", "any-domain", 0);
	user(&users[2], "carol", "domain-b", DOM_B);
	/* Same name twice: the user of the request's own domain wins over domain 0. */
	user(&users[3], "carol", "everywhere", 0);
	cfg.users = users;
	cfg.n_users = 4;
	be = aaa_local_create(&cfg);
	ck_assert_ptr_nonnull(be);
	/* The backend keeps its own copy. */
	memset(users, 0, sizeof(users));
}

static void teardown(void)
{
	be->destroy(be);
	be = NULL;
}

static struct ctl_aaa_request req(uint64_t cookie, uint16_t domain, const char *name)
{
	struct ctl_aaa_request rq;

	memset(&rq, 0xa5, sizeof(rq));	/* garbage beyond the lengths must not matter */
	rq.cookie = cookie;
	rq.domain = domain;
	rq.username_len = strlen(name);
	memcpy(rq.username, name, rq.username_len);
	rq.framed_ip = 0x0a000002;
	rq.calling_ip = 0xc0000201;
	rq.calling_port = 4500;
	return rq;
}

static struct ctl_aaa_request pap(uint64_t cookie, uint16_t domain, const char *name,
				  const char *pw)
{
	struct ctl_aaa_request rq = req(cookie, domain, name);

	rq.method = VAM_AUTH_PAP;
	rq.password_len = strlen(pw);
	memcpy(rq.password, pw, rq.password_len);
	return rq;
}

static struct ctl_aaa_request chap(uint64_t cookie, uint16_t domain, const char *name,
				   const char *pw, uint8_t id)
{
	struct ctl_aaa_request rq = req(cookie, domain, name);
	unsigned int i;

	rq.method = VAM_AUTH_CHAP;
	for (i = 0; i < VAM_CHAP_CHALLENGE_LEN; i++)
		rq.chap_challenge[i] = (uint8_t)(i * 7 + 1);
	ck_assert_int_eq(vam_chap_response(id, (const uint8_t *)pw, strlen(pw), rq.chap_challenge,
					   rq.chap_response), 0);
	return rq;
}

/* Submit one request and return the status of its result, checking the cookie. */
static enum ctl_aaa_status decide(struct ctl_aaa_request rq)
{
	struct ctl_aaa_result res[2];

	ck_assert_int_eq(be->submit(be, &rq), 0);
	ck_assert_uint_eq(be->poll(be, res, 2), 1);
	ck_assert_uint_eq(res[0].cookie, rq.cookie);
	ck_assert_uint_eq(be->poll(be, res, 2), 0);
	return res[0].status;
}

START_TEST(pap_accept)
{
	ck_assert_int_eq(decide(pap(1, DOM_A, "alice", "wonderland")), CTL_AAA_ACCEPT);
}
END_TEST

START_TEST(pap_wrong_password)
{
	ck_assert_int_eq(decide(pap(1, DOM_A, "alice", "wonderlanD")), CTL_AAA_REJECT);
	/* A prefix, and a longer password, are wrong too. */
	ck_assert_int_eq(decide(pap(2, DOM_A, "alice", "wonder")), CTL_AAA_REJECT);
	ck_assert_int_eq(decide(pap(3, DOM_A, "alice", "wonderland!")), CTL_AAA_REJECT);
	ck_assert_int_eq(decide(pap(4, DOM_A, "alice", "")), CTL_AAA_REJECT);
}
END_TEST

START_TEST(pap_unknown_user)
{
	ck_assert_int_eq(decide(pap(1, DOM_A, "mallory", "wonderland")), CTL_AAA_REJECT);
	/* Byte-exact names: no case folding, no prefix match. */
	ck_assert_int_eq(decide(pap(2, DOM_A, "Alice", "wonderland")), CTL_AAA_REJECT);
	ck_assert_int_eq(decide(pap(3, DOM_A, "alic", "wonderland")), CTL_AAA_REJECT);
	ck_assert_int_eq(decide(pap(4, DOM_A, "alicee", "wonderland")), CTL_AAA_REJECT);
}
END_TEST

START_TEST(pap_other_domain)
{
	ck_assert_int_eq(decide(pap(1, DOM_B, "alice", "wonderland")), CTL_AAA_REJECT);
	ck_assert_int_eq(decide(pap(2, 0, "alice", "wonderland")), CTL_AAA_REJECT);
}
END_TEST

START_TEST(pap_domain0_user_everywhere)
{
	ck_assert_int_eq(decide(pap(1, DOM_A, "root", "any-domain")), CTL_AAA_ACCEPT);
	ck_assert_int_eq(decide(pap(2, DOM_B, "root", "any-domain")), CTL_AAA_ACCEPT);
	ck_assert_int_eq(decide(pap(3, 65535, "root", "any-domain")), CTL_AAA_ACCEPT);
	ck_assert_int_eq(decide(pap(4, DOM_B, "root", "wrong")), CTL_AAA_REJECT);
}
END_TEST

START_TEST(own_domain_wins_over_domain0)
{
	ck_assert_int_eq(decide(pap(1, DOM_B, "carol", "domain-b")), CTL_AAA_ACCEPT);
	ck_assert_int_eq(decide(pap(2, DOM_B, "carol", "everywhere")), CTL_AAA_REJECT);
	ck_assert_int_eq(decide(pap(3, DOM_A, "carol", "everywhere")), CTL_AAA_ACCEPT);
	ck_assert_int_eq(decide(pap(4, DOM_A, "carol", "domain-b")), CTL_AAA_REJECT);
}
END_TEST

START_TEST(chap_accept)
{
	ck_assert_int_eq(decide(chap(1, DOM_A, "alice", "wonderland", 0x42)), CTL_AAA_ACCEPT);
	ck_assert_int_eq(decide(chap(2, DOM_B, "root", "any-domain", 0)), CTL_AAA_ACCEPT);
	ck_assert_int_eq(decide(chap(3, DOM_A, "root", "any-domain", 255)), CTL_AAA_ACCEPT);
}
END_TEST

START_TEST(chap_reject)
{
	struct ctl_aaa_request rq;
	unsigned int i;

	ck_assert_int_eq(decide(chap(1, DOM_A, "alice", "wonderlanD", 7)), CTL_AAA_REJECT);
	ck_assert_int_eq(decide(chap(2, DOM_A, "mallory", "wonderland", 7)), CTL_AAA_REJECT);
	ck_assert_int_eq(decide(chap(3, DOM_B, "alice", "wonderland", 7)), CTL_AAA_REJECT);
	/* Any changed byte of the hash. */
	for (i = 1; i < VAM_CHAP_LEN; i++) {
		rq = chap(10 + i, DOM_A, "alice", "wonderland", 7);
		rq.chap_response[i] ^= 0x01;
		ck_assert_int_eq(decide(rq), CTL_AAA_REJECT);
	}
	/* A changed challenge. */
	rq = chap(40, DOM_A, "alice", "wonderland", 7);
	rq.chap_challenge[15] ^= 0x80;
	ck_assert_int_eq(decide(rq), CTL_AAA_REJECT);
}
END_TEST

START_TEST(chap_wrong_id)
{
	struct ctl_aaa_request rq = chap(1, DOM_A, "alice", "wonderland", 7);

	/* The hash was made with id 7: another id octet does not verify. */
	rq.chap_response[0] = 8;
	ck_assert_int_eq(decide(rq), CTL_AAA_REJECT);
	rq.chap_response[0] = 7;
	ck_assert_int_eq(decide(rq), CTL_AAA_ACCEPT);
}
END_TEST

START_TEST(unknown_method_rejected)
{
	struct ctl_aaa_request rq = pap(1, DOM_A, "alice", "wonderland");

	rq.method = VAM_AUTH_NONE;
	ck_assert_int_eq(decide(rq), CTL_AAA_REJECT);
	rq.method = 0;
	ck_assert_int_eq(decide(rq), CTL_AAA_REJECT);
}
END_TEST

START_TEST(queue_full_and_cookies)
{
	static struct ctl_aaa_result res[AAA_LOCAL_QUEUE + 1];
	struct ctl_aaa_request ok = pap(0, DOM_A, "alice", "wonderland");
	struct ctl_aaa_request bad = pap(0, DOM_A, "alice", "nope");
	struct aaa_local_stats st;
	unsigned int i, n, got;

	for (i = 0; i < AAA_LOCAL_QUEUE; i++) {
		struct ctl_aaa_request *rq = (i % 3) ? &ok : &bad;

		rq->cookie = UINT64_C(0xfeed000000000000) | ((uint64_t)i << 20) | 0xbeef;
		ck_assert_int_eq(be->submit(be, rq), 0);
	}
	ck_assert_int_eq(be->submit(be, &ok), -1);
	ck_assert_int_eq(be->submit(be, &bad), -1);
	/* Results come back in order, with the cookies as given, in pieces. */
	got = 0;
	while ((n = be->poll(be, res + got, 100)) > 0)
		got += n;
	ck_assert_uint_eq(got, AAA_LOCAL_QUEUE);
	for (i = 0; i < AAA_LOCAL_QUEUE; i++) {
		ck_assert_uint_eq(res[i].cookie,
				  UINT64_C(0xfeed000000000000) | ((uint64_t)i << 20) | 0xbeef);
		ck_assert_int_eq(res[i].status, (i % 3) ? CTL_AAA_ACCEPT : CTL_AAA_REJECT);
	}
	/* Room again; poll(max 0) takes nothing. */
	ok.cookie = UINT64_MAX;
	ck_assert_int_eq(be->submit(be, &ok), 0);
	ck_assert_uint_eq(be->poll(be, res, 0), 0);
	ck_assert_uint_eq(be->poll(be, res, 1), 1);
	ck_assert_uint_eq(res[0].cookie, UINT64_MAX);
	aaa_local_stats(be, &st);
	ck_assert_uint_eq(st.accepted + st.rejected, AAA_LOCAL_QUEUE + 1);
	ck_assert_uint_eq(st.rejected, (AAA_LOCAL_QUEUE + 2) / 3);
}
END_TEST

START_TEST(accounting_counted)
{
	struct ctl_acct_record rec;
	struct aaa_local_stats st;

	memset(&rec, 0, sizeof(rec));
	rec.type = CTL_ACCT_START;
	ck_assert_int_eq(be->account(be, &rec), 0);
	ck_assert_int_eq(be->account(be, &rec), 0);
	rec.type = CTL_ACCT_STOP;
	rec.cause = CTL_CAUSE_USER_REQUEST;
	ck_assert_int_eq(be->account(be, &rec), 0);
	aaa_local_stats(be, &st);
	ck_assert_uint_eq(st.acct_start, 2);
	ck_assert_uint_eq(st.acct_stop, 1);
}
END_TEST

START_TEST(no_users)
{
	struct ctl_config empty;
	struct ctl_aaa_backend *b;
	struct ctl_aaa_request rq = pap(9, DOM_A, "alice", "wonderland");
	struct ctl_aaa_result r;

	memset(&empty, 0, sizeof(empty));
	b = aaa_local_create(&empty);
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(b->name, "local");
	ck_assert_int_eq(b->submit(b, &rq), 0);
	ck_assert_uint_eq(b->poll(b, &r, 1), 1);
	ck_assert_uint_eq(r.cookie, 9);
	ck_assert_int_eq(r.status, CTL_AAA_REJECT);
	b->destroy(b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("aaa_local");
	TCase *tc = tcase_create("local");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, pap_accept);
	tcase_add_test(tc, pap_wrong_password);
	tcase_add_test(tc, pap_unknown_user);
	tcase_add_test(tc, pap_other_domain);
	tcase_add_test(tc, pap_domain0_user_everywhere);
	tcase_add_test(tc, own_domain_wins_over_domain0);
	tcase_add_test(tc, chap_accept);
	tcase_add_test(tc, chap_reject);
	tcase_add_test(tc, chap_wrong_id);
	tcase_add_test(tc, unknown_method_rejected);
	tcase_add_test(tc, queue_full_and_cookies);
	tcase_add_test(tc, accounting_counted);
	tcase_add_test(tc, no_users);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
