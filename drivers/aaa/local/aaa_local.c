/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Local users (spec 7, S-12, S-40). PAP compares username and password
 * byte for byte, the password in constant time; CHAP recomputes
 * id || MD5(id || password || challenge) with the id of the response (the
 * caller has checked it equals the id of the challenge it sent, S-40).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "aaa_local.h"

struct aaa_local {
	struct ctl_aaa_backend be;	/* first: the handle the caller holds */
	struct ctl_user_cfg *users;
	unsigned int n_users;
	/* results not yet polled: a circular queue */
	struct ctl_aaa_result q[AAA_LOCAL_QUEUE];
	unsigned int q_head, q_len;
	struct aaa_local_stats stats;
};

static struct aaa_local *local_of(struct ctl_aaa_backend *be)
{
	return (struct aaa_local *)be;
}

/* The user of this name for the domain: its own domain first, then domain 0. */
static const struct ctl_user_cfg *find_user(const struct aaa_local *l,
					    const struct ctl_aaa_request *rq)
{
	const struct ctl_user_cfg *any = NULL;
	unsigned int i;

	for (i = 0; i < l->n_users; i++) {
		const struct ctl_user_cfg *u = &l->users[i];

		if (u->name_len != rq->username_len ||
		    memcmp(u->name, rq->username, rq->username_len) != 0)
			continue;
		if (u->domain == rq->domain)
			return u;
		if (u->domain == 0 && any == NULL)
			any = u;
	}
	return any;
}

/* Constant time in the password bytes: both sides padded to the maximum. */
static bool pap_ok(const struct ctl_user_cfg *u, const struct ctl_aaa_request *rq)
{
	uint8_t have[VAM_PASSWORD_MAX] = { 0 }, want[VAM_PASSWORD_MAX] = { 0 };
	size_t rlen = rq->password_len;
	int diff;

	if (rlen > VAM_PASSWORD_MAX || u->password_len > VAM_PASSWORD_MAX)
		return false;
	memcpy(have, rq->password, rlen);
	memcpy(want, u->password, u->password_len);
	diff = CRYPTO_memcmp(have, want, sizeof(want));
	OPENSSL_cleanse(have, sizeof(have));
	OPENSSL_cleanse(want, sizeof(want));
	return diff == 0 && rlen == u->password_len;
}

static enum ctl_aaa_status decide(const struct aaa_local *l, const struct ctl_aaa_request *rq)
{
	const struct ctl_user_cfg *u;

	if (rq->username_len == 0 || rq->username_len > VAM_USERNAME_MAX)
		return CTL_AAA_REJECT;
	u = find_user(l, rq);
	if (u == NULL)
		return CTL_AAA_REJECT;
	switch (rq->method) {
	case VAM_AUTH_PAP:
		return pap_ok(u, rq) ? CTL_AAA_ACCEPT : CTL_AAA_REJECT;
	case VAM_AUTH_CHAP:
		return vam_chap_verify(rq->chap_response[0], u->password, u->password_len,
				       rq->chap_challenge, rq->chap_response) ?
			       CTL_AAA_ACCEPT : CTL_AAA_REJECT;
	default:
		return CTL_AAA_REJECT;
	}
}

static int local_submit(struct ctl_aaa_backend *be, const struct ctl_aaa_request *rq)
{
	struct aaa_local *l = local_of(be);
	struct ctl_aaa_result *r;

	if (l->q_len == AAA_LOCAL_QUEUE)
		return -1;
	r = &l->q[(l->q_head + l->q_len) % AAA_LOCAL_QUEUE];
	r->cookie = rq->cookie;
	r->status = decide(l, rq);
	if (r->status == CTL_AAA_ACCEPT)
		l->stats.accepted++;
	else
		l->stats.rejected++;
	l->q_len++;
	return 0;
}

static unsigned int local_poll(struct ctl_aaa_backend *be, struct ctl_aaa_result *out,
			       unsigned int max)
{
	struct aaa_local *l = local_of(be);
	unsigned int n = 0;

	while (n < max && l->q_len > 0) {
		out[n++] = l->q[l->q_head];
		l->q_head = (l->q_head + 1) % AAA_LOCAL_QUEUE;
		l->q_len--;
	}
	return n;
}

static int local_account(struct ctl_aaa_backend *be, const struct ctl_acct_record *rec)
{
	struct aaa_local *l = local_of(be);

	if (rec->type == CTL_ACCT_START)
		l->stats.acct_start++;
	else
		l->stats.acct_stop++;
	return 0;
}

static void local_destroy(struct ctl_aaa_backend *be)
{
	struct aaa_local *l = local_of(be);

	if (l == NULL)
		return;
	if (l->users) {
		OPENSSL_cleanse(l->users, l->n_users * sizeof(*l->users));
		free(l->users);
	}
	free(l);
}

struct ctl_aaa_backend *aaa_local_create(const struct ctl_config *cfg)
{
	struct aaa_local *l = calloc(1, sizeof(*l));

	if (l == NULL)
		return NULL;
	l->be.name = "local";
	l->be.submit = local_submit;
	l->be.poll = local_poll;
	l->be.account = local_account;
	l->be.destroy = local_destroy;
	if (cfg->n_users > 0) {
		l->users = calloc(cfg->n_users, sizeof(*l->users));
		if (l->users == NULL) {
			free(l);
			return NULL;
		}
		memcpy(l->users, cfg->users, cfg->n_users * sizeof(*l->users));
		l->n_users = cfg->n_users;
	}
	return &l->be;
}

void aaa_local_stats(const struct ctl_aaa_backend *be, struct aaa_local_stats *out)
{
	*out = ((const struct aaa_local *)be)->stats;
}
