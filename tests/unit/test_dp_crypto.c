/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The cryptodev data path (lib/dp) against the OpenSSL reference (vam_seal,
 * vam_unseal): every valid suite, on aesni_mb and openssl through queue
 * pairs and on aesni_mb through the synchronous CPU-crypto call, byte for
 * byte.
 * Needs an EAL (no hugepages, vdevs only); it fails, not skips, without one.
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_crypto.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_mbuf.h>

#include "dp_crypto.h"
#include "dp_crypto_priv.h"
#include "testutil.h"
#include "vam_keys.h"
#include "vam_record.h"
#include "vam_suite.h"
#include "vam_wire.h"

#define NDEV	3
#define OFF	42	/* Ethernet + IPv4 + UDP in front of the datagram */
#define PRE	0xee	/* bytes before the datagram */
#define CANARY	0xa5	/* tailroom, which the PMD must not write past the datagram */
#define SPIN	100000000u

static const char *const dev_names[NDEV] = { "crypto_aesni_mb0", "crypto_openssl0",
					     "crypto_aesni_mb_cpu" };
static const enum dp_crypto_mode dev_modes[NDEV] = { DP_CRYPTO_QP, DP_CRYPTO_AUTO,
						     DP_CRYPTO_CPU };
static struct dp_cryptodev *devs[NDEV];
static struct rte_mempool *mbp;
static const uint32_t pt_lens[] = { 0, 1, 15, 16, 17, 64, 512, 1400 };
static unsigned long n_cases, n_skipped, n_records, n_cut;

/* -------------------------------------------------------------------------- */
/* One op through a device, synchronously                                     */
/* -------------------------------------------------------------------------- */

static void run1(struct dp_cryptodev *d, struct rte_crypto_op *op)
{
	struct dp_crypto_qp *qp = dp_crypto_qp(d, 0);
	struct rte_crypto_op *got[DP_CRYPTO_BURST];
	uint16_t n = 0;

	for (uint32_t i = 0; dp_crypto_enqueue(qp, &op, 1) == 0; i++)
		ck_assert_msg(i < SPIN, "%s: enqueue refused", d->name);
	for (uint32_t i = 0; n == 0; i++) {
		ck_assert_msg(i < SPIN, "%s: nothing dequeued", d->name);
		n = dp_crypto_dequeue(qp, got, DP_CRYPTO_BURST);
	}
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_eq(got[0], op);
	ck_assert_uint_eq(qp->inflight, 0);
}

/* An mbuf: PRE bytes, then len bytes of dgram (if any); CANARY in the tailroom. */
static struct rte_mbuf *mk_mbuf(const uint8_t *dgram, uint32_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mbp);
	uint8_t *p;

	ck_assert_ptr_nonnull(m);
	memset(rte_pktmbuf_mtod(m, uint8_t *), CANARY, rte_pktmbuf_tailroom(m));
	p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)(OFF + len));
	ck_assert_ptr_nonnull(p);
	memset(p, PRE, OFF);
	if (dgram && len)
		memcpy(p + OFF, dgram, len);
	return m;
}

/* Nothing written before the datagram, nor in the 64 bytes after it. */
static void check_edges(const struct rte_mbuf *m, uint32_t end, const char *what)
{
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	uint32_t stop = RTE_MIN(end + 64u, (uint32_t)(m->buf_len - m->data_off));

	for (uint32_t i = 0; i < OFF; i++)
		ck_assert_msg(p[i] == PRE, "%s: byte %u before the datagram written", what, i);
	for (uint32_t i = end; i < stop; i++)
		ck_assert_msg(p[i] == CANARY, "%s: byte %u after the datagram written", what,
			      i - end);
}

/*
 * Decrypt a datagram; returns the verdict (0, a vam_drop, or a negative errno
 * from the prep), the plaintext in pt.
 */
static int dec(struct dp_cryptodev *d, void *sess, struct vam_suite s, const uint8_t salt[4],
	       const uint8_t *dgram, uint32_t len, uint8_t *pt, uint32_t *pt_len)
{
	struct rte_crypto_op *op = rte_crypto_op_alloc(d->op_pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC);
	struct rte_mbuf *m = mk_mbuf(dgram, len);
	uint32_t off = 0;
	int rc;

	ck_assert_ptr_nonnull(op);
	if (d->cpu) {		/* CPU mode: a job, not an op */
		struct dp_cjob j;

		rc = dp_cjob_decrypt(&j, m, OFF, len, s, sess, salt);
		if (rc == 0) {
			dp_cjob_run(dp_crypto_qp(d, 0), &j, 1);
			rc = dp_cjob_result(&j, &off, pt_len);
		}
	} else {
		rc = dp_crypto_prep_decrypt(op, m, OFF, len, s, sess, salt);
		if (rc == 0) {
			run1(d, op);
			rc = dp_crypto_result(op, &off, pt_len);
		}
	}
	if (rc == VAM_OK) {
		ck_assert_uint_ge(off, OFF + VAM_HDR_LEN);
		ck_assert_uint_le(off + *pt_len, OFF + len);
		memcpy(pt, rte_pktmbuf_mtod_offset(m, uint8_t *, off), *pt_len);
	}
	check_edges(m, OFF + len, "decrypt");
	rte_crypto_op_free(op);
	rte_pktmbuf_free(m);
	return rc;
}

/* Seal hdr || pt with the device; returns the datagram length, the datagram in out. */
static uint32_t enc(struct dp_cryptodev *d, void *sess, struct vam_suite s,
		    const struct vam_dir_keys *k, const uint8_t hdr[VAM_HDR_LEN], const uint8_t *pt,
		    uint32_t pt_len, const uint8_t iv[16], uint8_t *out)
{
	struct rte_crypto_op *op = rte_crypto_op_alloc(d->op_pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC);
	uint32_t head = dp_crypto_head_len(s), off = 0, len = 0;
	struct rte_mbuf *m = mk_mbuf(NULL, head + pt_len);
	uint8_t *p = rte_pktmbuf_mtod_offset(m, uint8_t *, OFF);

	ck_assert_ptr_nonnull(op);
	memcpy(p, hdr, VAM_HDR_LEN);
	if (pt_len)
		memcpy(p + head, pt, pt_len);
	if (d->cpu) {		/* CPU mode: a job, the seq already in the header */
		struct dp_cjob j;

		ck_assert_int_eq(dp_cjob_encrypt(&j, m, OFF, pt_len, s, sess, k->salt, iv, NULL), 0);
		ck_assert_uint_eq(m->data_len, OFF + head + pt_len + dp_crypto_tail_len(s, pt_len));
		dp_cjob_run(dp_crypto_qp(d, 0), &j, 1);
		ck_assert_int_eq(dp_cjob_result(&j, &off, &len), VAM_OK);
	} else {
		ck_assert_int_eq(dp_crypto_prep_encrypt(op, m, OFF, pt_len, s, sess, k->salt, iv),
				 0);
		ck_assert_uint_eq(m->data_len, OFF + head + pt_len + dp_crypto_tail_len(s, pt_len));
		run1(d, op);
		ck_assert_int_eq(dp_crypto_result(op, &off, &len), VAM_OK);
	}
	ck_assert_uint_eq(off, OFF);
	ck_assert_uint_eq(OFF + len, m->data_len);
	ck_assert_uint_eq(m->pkt_len, m->data_len);
	memcpy(out, p, len);
	check_edges(m, OFF + len, "encrypt");
	rte_crypto_op_free(op);
	rte_pktmbuf_free(m);
	return len;
}

struct sess_pair {
	void *enc;
	void *dec;
};

static void sess_make(struct dp_cryptodev *d, struct vam_suite s, const struct vam_dir_keys *k,
		      struct sess_pair *sp)
{
	sp->enc = dp_crypto_session(d, s, k, true);
	ck_assert_msg(sp->enc != NULL, "%s %s: encrypt session: %s", d->name, tu_sname(s),
		      rte_strerror(rte_errno));
	sp->dec = dp_crypto_session(d, s, k, false);
	ck_assert_msg(sp->dec != NULL, "%s %s: decrypt session: %s", d->name, tu_sname(s),
		      rte_strerror(rte_errno));
}

static void sess_free(struct dp_cryptodev *d, struct sess_pair *sp)
{
	dp_crypto_session_free(d, sp->enc);
	dp_crypto_session_free(d, sp->dec);
}

/* The crypto suites: the 20 valid ones but none/none. */
static unsigned int crypto_suites(struct vam_suite *v)
{
	struct vam_suite all[64];
	unsigned int n = tu_valid_suites(all), k = 0;

	ck_assert_uint_eq(n, 20);
	for (unsigned int i = 0; i < n; i++)
		if (!tu_is_none(all[i]))
			v[k++] = all[i];
	return k;
}

/* -------------------------------------------------------------------------- */
/* Capabilities and lengths                                                   */
/* -------------------------------------------------------------------------- */

START_TEST(caps)
{
	struct vam_suite v[64];
	unsigned int n = crypto_suites(v);

	ck_assert_uint_eq(n, 19);
	for (int i = 0; i < NDEV; i++) {
		printf("%s:", devs[i]->name);
		for (unsigned int j = 0; j < n; j++)
			printf(" %s%s", dp_crypto_suite_supported(devs[i], v[j]) ? "" : "!",
			       tu_sname(v[j]));
		printf("\n%s: session pool element %u bytes\n", devs[i]->name,
		       devs[i]->sess_pool->elt_size);
		ck_assert(dp_crypto_suite_supported(devs[i], (struct vam_suite){ 0, 0 }));
		ck_assert(!dp_crypto_suite_supported(devs[i], (struct vam_suite){ 3, 0 }));
		ck_assert(!dp_crypto_suite_supported(devs[i], (struct vam_suite){ 9, 3 }));
	}
	/* aesni_mb on ipsec-mb 1.3 has every suite. */
	for (unsigned int j = 0; j < n; j++)
		ck_assert_msg(dp_crypto_suite_supported(devs[0], v[j]), "aesni_mb lacks %s",
			      tu_sname(v[j]));
	ck_assert_uint_eq(dp_crypto_nb_suites(devs[0]), 19);
}
END_TEST

START_TEST(lengths)
{
	static const uint16_t e_ids[] = { 0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 0xffff };
	static const uint16_t i_ids[] = { 0, 1, 2, 3, 4, 5, 6, 0xffff };
	struct vam_dir_keys k;

	memset(&k, 0, sizeof(k));
	for (size_t i = 0; i < ARRAY_SIZE(e_ids); i++)
		for (size_t j = 0; j < ARRAY_SIZE(i_ids); j++) {
			struct vam_suite s = { e_ids[i], i_ids[j] };

			if (!vam_suite_valid(s)) {
				ck_assert_uint_eq(dp_crypto_head_len(s), 0);
				rte_errno = 0;
				ck_assert_ptr_null(dp_crypto_session(devs[0], s, &k, true));
				ck_assert_int_eq(rte_errno, EINVAL);
				continue;
			}
			for (size_t l = 0; l < ARRAY_SIZE(pt_lens); l++)
				ck_assert_uint_eq(dp_crypto_head_len(s) + pt_lens[l] +
							  dp_crypto_tail_len(s, pt_lens[l]),
						  VAM_HDR_LEN + vam_suite_body_len(s, pt_lens[l]));
		}
	/* none/none: no session, no error. */
	rte_errno = 1;
	ck_assert_ptr_null(dp_crypto_session(devs[0], (struct vam_suite){ 0, 0 }, &k, true));
	ck_assert_int_eq(rte_errno, 0);
}
END_TEST

/* -------------------------------------------------------------------------- */
/* Every suite, both PMDs, every length: seal, open, tamper                   */
/* -------------------------------------------------------------------------- */

/* Byte positions to flip: header (id, seq), first and last body bytes, middle. */
static void flips(struct dp_cryptodev *d, struct sess_pair *sp, struct vam_suite s,
		  const struct vam_dir_keys *k, const uint8_t *ref, uint32_t len)
{
	const uint32_t pos[] = { 1, 4, 15, VAM_HDR_LEN, VAM_HDR_LEN + (len - VAM_HDR_LEN) / 2,
				 len - 1 };
	uint8_t bad[DG_MAX], pt[DG_MAX];
	uint32_t pt_len;

	for (size_t i = 0; i < ARRAY_SIZE(pos); i++) {
		memcpy(bad, ref, len);
		bad[pos[i]] ^= 0x40;
		ck_assert_msg(dec(d, sp->dec, s, k->salt, bad, len, pt, &pt_len) ==
				      VAM_DROP_INTEGRITY,
			      "%s %s len %u: flipped byte %u accepted", d->name, tu_sname(s), len,
			      pos[i]);
	}
}

static void one_case(struct dp_cryptodev *d, struct sess_pair *sp, struct vam_suite s,
		     const struct vam_dir_keys *k, uint32_t pt_len)
{
	uint8_t pt[DG_MAX], ref[DG_MAX], out[DG_MAX], back[DG_MAX], hb[VAM_HDR_LEN], iv[16];
	struct vam_hdr h;
	uint32_t back_len = 0, n;
	long rn;

	ck_assert_int_eq(vam_random(pt, pt_len + 1), 0);
	ck_assert_int_eq(vam_random(iv, sizeof(iv)), 0);
	tu_mk_hdr(&h, VAM_DATA, 0, 0x1885350e, UINT64_C(0x0102030405060000) + pt_len);
	h.flags = vam_suite_flags(s);
	vam_hdr_encode(&h, hb);
	rn = vam_seal(s, k, &h, pt, pt_len, iv, ref, sizeof(ref));
	ck_assert_int_gt(rn, 0);

	n = enc(d, sp->enc, s, k, hb, pt, pt_len, iv, out);
	ck_assert_uint_eq(n, (uint32_t)rn);
	ck_assert_msg(memcmp(out, ref, n) == 0, "%s %s len %u: sealed datagram differs", d->name,
		      tu_sname(s), pt_len);

	ck_assert_int_eq(dec(d, sp->dec, s, k->salt, ref, n, back, &back_len), VAM_OK);
	ck_assert_uint_eq(back_len, pt_len);
	ck_mem(back, pt, pt_len, "opened plaintext");
	flips(d, sp, s, k, ref, n);
}

START_TEST(grid)
{
	struct vam_suite v[64];
	unsigned int n = crypto_suites(v);

	for (int i = 0; i < NDEV; i++)
		for (unsigned int j = 0; j < n; j++) {
			struct vam_dir_keys k;
			struct sess_pair sp;

			if (!dp_crypto_suite_supported(devs[i], v[j])) {
				printf("skip %s on %s: not in its capabilities\n", tu_sname(v[j]),
				       devs[i]->name);
				n_skipped += ARRAY_SIZE(pt_lens);
				continue;
			}
			tu_rand_keys(&k);
			sess_make(devs[i], v[j], &k, &sp);
			for (size_t l = 0; l < ARRAY_SIZE(pt_lens); l++, n_cases++)
				one_case(devs[i], &sp, v[j], &k, pt_lens[l]);
			sess_free(devs[i], &sp);
		}
}
END_TEST

/* -------------------------------------------------------------------------- */
/* S-26 / S-27: cut datagrams and bad CBC padding                             */
/* -------------------------------------------------------------------------- */

/* Every prefix of a genuine datagram: the device path's verdict is vam_unseal's. */
static void cut_suite(struct dp_cryptodev *d, struct vam_suite s)
{
	uint8_t pt[64], ref[DG_MAX], back[DG_MAX];
	struct vam_dir_keys k;
	struct sess_pair sp;
	struct vam_hdr h;
	uint32_t len, pt_len;
	size_t ref_pt = 0;

	tu_rand_keys(&k);
	sess_make(d, s, &k, &sp);
	ck_assert_int_eq(vam_random(pt, sizeof(pt)), 0);
	tu_mk_hdr(&h, VAM_KEEPALIVE, 0, 7, 99);
	len = (uint32_t)vam_seal(s, &k, &h, pt, 40, NULL, ref, sizeof(ref));
	for (uint32_t cut = 0; cut <= len; cut++) {
		int want = vam_unseal(s, &k, ref, cut, back, sizeof(back), &ref_pt);
		int got = dec(d, sp.dec, s, k.salt, ref, cut, back, &pt_len);

		ck_assert_msg(got == want, "%s %s: %u of %u bytes: %d, want %d", d->name,
			      tu_sname(s), cut, len, got, want);
		n_cut++;
	}
	sess_free(d, &sp);
}

START_TEST(cut)
{
	struct vam_suite v[64];
	unsigned int n = crypto_suites(v);

	for (int i = 0; i < NDEV; i++)
		for (unsigned int j = 0; j < n; j++)
			if (dp_crypto_suite_supported(devs[i], v[j]))
				cut_suite(devs[i], v[j]);
}
END_TEST

/* One CBC datagram forged with OpenSSL around the given last block(s). */
static int forged(struct dp_cryptodev *d, struct sess_pair *sp, struct vam_suite s,
		  const struct vam_dir_keys *k, const uint8_t *blk, size_t n, uint32_t *pt_len)
{
	uint8_t dg[DG_MAX], back[DG_MAX];
	size_t dl = tu_forge_cbc(s, k, VAM_DATA, 0, 5, blk, n, true, dg);

	return dec(d, sp->dec, s, k->salt, dg, (uint32_t)dl, back, pt_len);
}

static void padding_suite(struct dp_cryptodev *d, struct vam_suite s)
{
	uint8_t blk[32];
	struct vam_dir_keys k;
	struct sess_pair sp;
	uint32_t pt_len = 99;

	tu_rand_keys(&k);
	sess_make(d, s, &k, &sp);
	memset(blk, 16, 16);	/* a whole block of padding: empty plaintext */
	ck_assert_int_eq(forged(d, &sp, s, &k, blk, 16, &pt_len), VAM_OK);
	ck_assert_uint_eq(pt_len, 0);
	memset(blk, 0x33, 32);	/* 17 bytes, then 15 of padding 15 */
	memset(blk + 17, 15, 15);
	ck_assert_int_eq(forged(d, &sp, s, &k, blk, 32, &pt_len), VAM_OK);
	ck_assert_uint_eq(pt_len, 17);
	blk[31] = 0;		/* pad 0 */
	ck_assert_int_eq(forged(d, &sp, s, &k, blk, 32, &pt_len), VAM_DROP_DECRYPT);
	blk[31] = 17;		/* pad > 16 */
	ck_assert_int_eq(forged(d, &sp, s, &k, blk, 32, &pt_len), VAM_DROP_DECRYPT);
	blk[31] = 15;		/* one pad byte differs */
	blk[17] = 14;
	ck_assert_int_eq(forged(d, &sp, s, &k, blk, 32, &pt_len), VAM_DROP_DECRYPT);
	memset(blk, 16, 16);	/* full-block pad with its first byte wrong */
	blk[0] = 15;
	ck_assert_int_eq(forged(d, &sp, s, &k, blk, 16, &pt_len), VAM_DROP_DECRYPT);
	sess_free(d, &sp);
}

START_TEST(bad_padding)
{
	struct vam_suite v[64];
	unsigned int n = crypto_suites(v);

	for (int i = 0; i < NDEV; i++)
		for (unsigned int j = 0; j < n; j++)
			if (tu_is_cbc(v[j].enc) && dp_crypto_suite_supported(devs[i], v[j]))
				padding_suite(devs[i], v[j]);
}
END_TEST

/* -------------------------------------------------------------------------- */
/* records.json through both PMDs                                             */
/* -------------------------------------------------------------------------- */

static void vec_keys(const cJSON *j, struct vam_dir_keys *k)
{
	memset(k, 0, sizeof(*k));
	tu_hexj(j, "enc_key", k->enc, sizeof(k->enc));
	tu_hexj(j, "salt", k->salt, sizeof(k->salt));
	tu_hexj(j, "int_key", k->integ, sizeof(k->integ));
}

static void vec_case(struct dp_cryptodev *d, struct sess_pair *sp, struct vam_suite s,
		     const struct vam_dir_keys *k, const cJSON *c)
{
	uint8_t hb[VAM_HDR_LEN], iv[16], pt[2048], want[2100], out[2100], back[2100];
	size_t pt_len = tu_hexj(c, "plaintext", pt, sizeof(pt));
	size_t want_len = tu_hexj(c, "datagram", want, sizeof(want));
	bool has_iv = tu_hexj(c, "iv", iv, sizeof(iv)) == 16;
	uint32_t back_len = 0;

	ck_assert_int_eq(tu_hexj(c, "header", hb, sizeof(hb)), VAM_HDR_LEN);
	ck_assert_int_eq(dec(d, sp->dec, s, k->salt, want, (uint32_t)want_len, back, &back_len),
			 VAM_OK);
	ck_assert_uint_eq(back_len, pt_len);
	ck_mem(back, pt, pt_len, "vector plaintext");
	if (tu_is_cbc(s.enc) && !has_iv)
		return;
	hb[2] = vam_suite_flags(s);
	ck_assert_uint_eq(enc(d, sp->enc, s, k, hb, pt, (uint32_t)pt_len, iv, out), want_len);
	ck_mem(out, want, want_len, "vector datagram");
	n_records++;
}

START_TEST(records)
{
	cJSON *j = tu_vectors("records.json"), *s, *c;

	for (int i = 0; i < NDEV; i++)
		cJSON_ArrayForEach(s, cJSON_GetObjectItem(j, "suites"))
		{
			struct vam_suite su = { (uint16_t)tu_num(s, "enc"),
						(uint16_t)tu_num(s, "integ") };
			struct vam_dir_keys k;
			struct sess_pair sp;

			if (tu_is_none(su) || !dp_crypto_suite_supported(devs[i], su))
				continue;
			vec_keys(cJSON_GetObjectItem(s, "keys"), &k);
			sess_make(devs[i], su, &k, &sp);
			cJSON_ArrayForEach(c, cJSON_GetObjectItem(s, "cases"))
				vec_case(devs[i], &sp, su, &k, c);
			sess_free(devs[i], &sp);
		}
	cJSON_Delete(j);
}
END_TEST

/*
 * A device that is not on the EAL command line is created as a vdev with
 * max_nb_queue_pairs from the worker count (10 here, above the PMD's default
 * 8), works on its last (control) queue pair, and is removed on destroy. A
 * pre-probed device with too few queue pairs is refused.
 */
START_TEST(vdev_create)
{
	struct dp_cryptodev_conf c = { .name = "crypto_aesni_mb_vamt", .nb_workers = 9,
				       .nb_sessions = 16, .nb_ops = 64, .nb_desc = 64,
				       .socket_id = SOCKET_ID_ANY };
	const struct vam_suite s = { VAM_ENC_AES128_GCM, 0 };
	struct dp_cryptodev *d;
	struct rte_crypto_op *op;
	struct vam_dir_keys k;
	struct sess_pair sp;
	uint8_t dg[DG_MAX], pt[32] = { 1, 2, 3 };
	struct vam_hdr h;
	uint32_t off, len;
	long n;

	ck_assert_int_lt(rte_cryptodev_get_dev_id(c.name), 0);
	d = dp_cryptodev_create(&c);
	ck_assert_ptr_nonnull(d);
	ck_assert(d->created);
	ck_assert_uint_eq(d->nb_qps, 10);
	ck_assert_uint_eq(dp_crypto_nb_suites(d), 19);
	tu_rand_keys(&k);
	sess_make(d, s, &k, &sp);
	one_case(d, &sp, s, &k, 100);
	tu_mk_hdr(&h, VAM_DATA, 0, 3, 4);
	n = vam_seal(s, &k, &h, pt, sizeof(pt), NULL, dg, sizeof(dg));
	op = rte_crypto_op_alloc(d->op_pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC);
	ck_assert_int_eq(dp_crypto_prep_decrypt(op, mk_mbuf(dg, (uint32_t)n), OFF, (uint32_t)n, s,
						sp.dec, k.salt), 0);
	ck_assert_uint_eq(dp_crypto_enqueue(dp_crypto_qp(d, 9), &op, 1), 1);
	for (uint32_t i = 0; dp_crypto_dequeue(dp_crypto_qp(d, 9), &op, 1) == 0; i++)
		ck_assert_uint_lt(i, SPIN);
	ck_assert_int_eq(dp_crypto_result(op, &off, &len), VAM_OK);
	ck_assert_uint_eq(len, sizeof(pt));
	rte_pktmbuf_free(op->sym->m_src);
	rte_crypto_op_free(op);
	sess_free(d, &sp);
	dp_cryptodev_destroy(d);
	ck_assert_int_lt(rte_cryptodev_get_dev_id(c.name), 0);

	c.name = "crypto_openssl0";	/* probed with the default 8 queue pairs */
	ck_assert_ptr_null(dp_cryptodev_create(&c));
}
END_TEST

/* -------------------------------------------------------------------------- */
/* Caller errors and bursts                                                   */
/* -------------------------------------------------------------------------- */

START_TEST(caller_errors)
{
	const struct vam_suite gcm = { VAM_ENC_AES128_GCM, 0 }, none = { 0, 0 };
	struct rte_crypto_op *op = rte_crypto_op_alloc(devs[0]->op_pool,
						       RTE_CRYPTO_OP_TYPE_SYMMETRIC);
	struct rte_mbuf *m = mk_mbuf(NULL, 64), *m2 = mk_mbuf(NULL, 16);
	uint32_t room = (uint32_t)(m->buf_len - m->data_off), big = room - OFF - VAM_HDR_LEN - 8;
	struct vam_dir_keys k;
	uint8_t iv[16] = { 0 };
	void *sess;

	tu_rand_keys(&k);
	sess = dp_crypto_session(devs[0], gcm, &k, true);
	ck_assert_ptr_nonnull(sess);
	ck_assert_int_eq(dp_crypto_prep_decrypt(op, m, OFF, 64, gcm, NULL, k.salt), -EINVAL);
	ck_assert_int_eq(dp_crypto_prep_decrypt(op, m, OFF, 64, none, sess, k.salt), -EINVAL);
	ck_assert_int_eq(dp_crypto_prep_decrypt(op, m, OFF, 65, gcm, sess, k.salt), -EINVAL);
	ck_assert_int_eq(dp_crypto_prep_decrypt(op, m, OFF + 65, 0, gcm, sess, k.salt), -EINVAL);
	ck_assert_int_eq(dp_crypto_prep_decrypt(op, m, OFF, 64, gcm, sess, k.salt), 0);
	ck_assert_int_eq(dp_crypto_prep_encrypt(op, m, OFF, 49, gcm, sess, k.salt, iv), -EINVAL);
	ck_assert_int_eq(rte_pktmbuf_chain(m, m2), 0);
	ck_assert_int_eq(dp_crypto_prep_decrypt(op, m, OFF, 64, gcm, sess, k.salt), -EINVAL);
	ck_assert_int_eq(dp_crypto_prep_encrypt(op, m, OFF, 48, gcm, sess, k.salt, iv), -EINVAL);
	rte_pktmbuf_free(m);
	/* The plaintext fits, the tag does not. */
	m = mk_mbuf(NULL, VAM_HDR_LEN + big);
	ck_assert_int_eq(dp_crypto_prep_encrypt(op, m, OFF, big, gcm, sess, k.salt, iv), -ENOSPC);
	ck_assert_int_eq(dp_crypto_prep_encrypt(op, m, OFF, big - 8, gcm, sess, k.salt, iv), 0);
	rte_pktmbuf_free(m);
	rte_crypto_op_free(op);
	dp_crypto_session_free(devs[0], sess);
}
END_TEST

/* The same caller errors through the CPU-mode jobs (shared rules, checked anyway). */
START_TEST(caller_errors_jobs)
{
	const struct vam_suite gcm = { VAM_ENC_AES128_GCM, 0 }, none = { 0, 0 };
	struct rte_mbuf *m = mk_mbuf(NULL, 64), *m2 = mk_mbuf(NULL, 16);
	uint32_t room = (uint32_t)(m->buf_len - m->data_off), big = room - OFF - VAM_HDR_LEN - 8;
	struct vam_dir_keys k;
	uint8_t iv[16] = { 0 };
	struct dp_cjob j;
	void *sess;

	tu_rand_keys(&k);
	sess = dp_crypto_session(devs[2], gcm, &k, true);
	ck_assert_ptr_nonnull(sess);
	ck_assert_int_eq(dp_cjob_decrypt(&j, m, OFF, 64, gcm, NULL, k.salt), -EINVAL);
	ck_assert_int_eq(dp_cjob_decrypt(&j, m, OFF, 64, none, sess, k.salt), -EINVAL);
	ck_assert_int_eq(dp_cjob_decrypt(&j, m, OFF, 65, gcm, sess, k.salt), -EINVAL);
	ck_assert_int_eq(dp_cjob_decrypt(&j, m, OFF + 65, 0, gcm, sess, k.salt), -EINVAL);
	ck_assert_int_eq(dp_cjob_decrypt(&j, m, OFF, 15, gcm, sess, k.salt), VAM_DROP_SHORT);
	ck_assert_int_eq(dp_cjob_decrypt(&j, m, OFF, 64, gcm, sess, k.salt), 0);
	ck_assert_int_eq(dp_cjob_encrypt(&j, m, OFF, 49, gcm, sess, k.salt, iv, NULL), -EINVAL);
	ck_assert_int_eq(rte_pktmbuf_chain(m, m2), 0);
	ck_assert_int_eq(dp_cjob_decrypt(&j, m, OFF, 64, gcm, sess, k.salt), -EINVAL);
	ck_assert_int_eq(dp_cjob_encrypt(&j, m, OFF, 48, gcm, sess, k.salt, iv, NULL), -EINVAL);
	rte_pktmbuf_free(m);
	m = mk_mbuf(NULL, VAM_HDR_LEN + big);
	ck_assert_int_eq(dp_cjob_encrypt(&j, m, OFF, big, gcm, sess, k.salt, iv, NULL), -ENOSPC);
	ck_assert_int_eq(dp_cjob_encrypt(&j, m, OFF, big - 8, gcm, sess, k.salt, iv, NULL), 0);
	rte_pktmbuf_free(m);
	dp_crypto_session_free(devs[2], sess);
}
END_TEST

#define NB	100

/* Check a dequeued decrypt: the header's seq says which plaintext it carries. */
static void burst_check(struct rte_crypto_op *op, uint8_t pts[NB][64], unsigned int *seen)
{
	struct rte_mbuf *m = op->sym->m_src;
	uint32_t off = 0, len = 0;
	uint64_t seq = vam_get64(rte_pktmbuf_mtod_offset(m, uint8_t *, OFF + 8));

	ck_assert_int_eq(dp_crypto_result(op, &off, &len), VAM_OK);
	ck_assert_uint_lt(seq, NB);
	ck_assert_uint_eq(len, 64);
	ck_mem(rte_pktmbuf_mtod_offset(m, uint8_t *, off), pts[seq], 64, "burst plaintext");
	seen[seq]++;
	rte_pktmbuf_free(m);
	rte_crypto_op_free(op);
}

static void burst_prep(struct dp_cryptodev *d, struct vam_suite s, const struct vam_dir_keys *k,
		       void *sess, struct rte_crypto_op **ops, uint8_t pts[NB][64])
{
	ck_assert_int_eq(rte_crypto_op_bulk_alloc(d->op_pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC, ops,
						  NB), NB);
	for (unsigned int i = 0; i < NB; i++) {
		uint8_t dg[DG_MAX];
		struct vam_hdr h;
		long n;

		ck_assert_int_eq(vam_random(pts[i], 64), 0);
		tu_mk_hdr(&h, VAM_DATA, 0, 1, i);
		n = vam_seal(s, k, &h, pts[i], 64, NULL, dg, sizeof(dg));
		ck_assert_int_eq(dp_crypto_prep_decrypt(ops[i], mk_mbuf(dg, (uint32_t)n), OFF,
							(uint32_t)n, s, sess, k->salt), 0);
	}
}

/*
 * 100 ops on a queue pair that holds 63: a partial enqueue leaves the rest
 * with the caller, the stage keeps its remainder at the front, nothing is
 * lost or duplicated.
 */
START_TEST(burst)
{
	const struct vam_suite s = { VAM_ENC_AES256_CBC, VAM_INTEG_HMAC_SHA256 };
	struct dp_cryptodev *d = devs[0];
	struct dp_crypto_qp *qp = dp_crypto_qp(d, d->nb_qps - 1);
	static uint8_t pts[NB][64];
	struct rte_crypto_op *ops[NB], *got[DP_CRYPTO_BURST];
	struct dp_crypto_stage st = { .n = 0 };
	unsigned int seen[NB] = { 0 }, next, done = 0;
	struct vam_dir_keys k;
	void *sess;

	tu_rand_keys(&k);
	sess = dp_crypto_session(d, s, &k, false);
	ck_assert_ptr_nonnull(sess);
	burst_prep(d, s, &k, sess, ops, pts);
	ck_assert_uint_eq(qp->max_inflight, 63);
	ck_assert_uint_eq(dp_crypto_enqueue(qp, ops, 50), 50);
	for (next = 50; next < 50 + DP_CRYPTO_BURST; next++)
		ck_assert_int_eq(dp_crypto_stage_add(&st, ops[next]), 0);
	ck_assert_int_eq(dp_crypto_stage_add(&st, ops[next]), -ENOSPC);
	ck_assert_uint_eq(dp_crypto_flush(qp, &st), 13);
	ck_assert_uint_eq(st.n, DP_CRYPTO_BURST - 13);
	ck_assert_ptr_eq(st.ops[0], ops[63]);
	ck_assert_uint_eq(qp->st.enq_short, 1);
	while (done < NB) {
		uint16_t n = dp_crypto_dequeue(qp, got, DP_CRYPTO_BURST);

		for (uint16_t i = 0; i < n; i++)
			burst_check(got[i], pts, seen);
		done += n;
		dp_crypto_flush(qp, &st);
		if (st.n == 0 && next < NB)
			next += dp_crypto_enqueue(qp, ops + next, (uint16_t)(NB - next));
	}
	for (unsigned int i = 0; i < NB; i++)
		ck_assert_uint_eq(seen[i], 1);
	ck_assert_uint_eq(qp->inflight, 0);
	ck_assert_uint_eq(qp->st.deq, qp->st.enq);
	dp_crypto_session_free(d, sess);
}
END_TEST

/*
 * CPU mode: one run over jobs of three sessions, interleaved, two of them
 * forged. Each job gets its own verdict and plaintext, whatever call its
 * session made; a forged job fails alone.
 */
#define NCPU	30

START_TEST(cpu_batch)
{
	static const struct vam_suite su[3] = {
		{ VAM_ENC_AES128_GCM, 0 },
		{ VAM_ENC_AES256_CBC, VAM_INTEG_HMAC_SHA256 },
		{ VAM_ENC_CHACHA20_POLY1305, 0 },
	};
	struct dp_cryptodev *d = devs[2];
	struct dp_crypto_qp *qp = dp_crypto_qp(d, 0);
	struct dp_cjob jobs[NCPU];
	struct vam_dir_keys k[3];
	uint8_t pts[NCPU][64];
	uint64_t enq0 = qp->st.enq;
	void *sess[3];

	for (int j = 0; j < 3; j++) {
		tu_rand_keys(&k[j]);
		sess[j] = dp_crypto_session(d, su[j], &k[j], false);
		ck_assert_ptr_nonnull(sess[j]);
	}
	for (unsigned int i = 0; i < NCPU; i++) {
		uint8_t dg[DG_MAX];
		struct vam_hdr h;
		long n;

		ck_assert_int_eq(vam_random(pts[i], 64), 0);
		tu_mk_hdr(&h, VAM_DATA, 0, 1, i);
		n = vam_seal(su[i % 3], &k[i % 3], &h, pts[i], 64, NULL, dg, sizeof(dg));
		ck_assert_int_gt(n, 0);
		if (i == 7 || i == 20)
			dg[n - 20] ^= 1;	/* ciphertext for GCM, ICV for CBC */
		ck_assert_int_eq(dp_cjob_decrypt(&jobs[i], mk_mbuf(dg, (uint32_t)n), OFF, (uint32_t)n,
						 su[i % 3], sess[i % 3], k[i % 3].salt), 0);
	}
	dp_cjob_run(qp, jobs, NCPU);
	ck_assert_uint_eq(qp->st.enq - enq0, NCPU);
	for (unsigned int i = 0; i < NCPU; i++) {
		struct rte_mbuf *m = jobs[i].m;
		uint32_t off = 0, len = 0;
		int rc = dp_cjob_result(&jobs[i], &off, &len);

		if (i == 7 || i == 20) {
			ck_assert_msg(rc == VAM_DROP_INTEGRITY, "job %u: forged, verdict %d", i, rc);
		} else {
			ck_assert_msg(rc == VAM_OK, "job %u: verdict %d", i, rc);
			ck_assert_uint_eq(len, 64);
			ck_mem(rte_pktmbuf_mtod_offset(m, uint8_t *, off), pts[i], 64, "cpu plaintext");
		}
		rte_pktmbuf_free(m);
	}
	for (int j = 0; j < 3; j++)
		dp_crypto_session_free(d, sess[j]);
}
END_TEST

/*
 * CPU mode, deferred seqs: two sessions interleaved in one batch, each job
 * drawing its seq from its session's counter at run time. Session A's jobs
 * get consecutive seqs in batch order, with one add of 6 on its counter;
 * session B's counter is 3 short of 2^63, so its first two jobs take the
 * last seqs and the other four never run (-ERANGE). Every datagram that
 * ran opens with the OpenSSL reference and carries the seq it was given. * Loop 1: every job of session A (the one-session path of dp_cjob_run):
 * seqs 101 .. 112 in batch order, one add of 12.
 */
#define NSEQ	12

START_TEST(cpu_deferred_seq)
{
	static const struct vam_suite su[2] = {
		{ VAM_ENC_AES128_GCM, 0 },
		{ VAM_ENC_AES128_CBC, VAM_INTEG_HMAC_SHA1 },
	};
	struct dp_cryptodev *d = devs[2];
	struct dp_crypto_qp *qp = dp_crypto_qp(d, 0);
	_Atomic uint64_t ctr[2] = { 100, (UINT64_C(1) << 63) - 3 };
	struct dp_cjob jobs[NSEQ];
	struct vam_dir_keys k[2];
	uint8_t pts[NSEQ][40], iv[16] = { 7 };
	bool one = _i == 1;
	void *sess[2];

	for (int j = 0; j < 2; j++) {
		tu_rand_keys(&k[j]);
		sess[j] = dp_crypto_session(d, su[j], &k[j], true);
		ck_assert_ptr_nonnull(sess[j]);
	}
	for (unsigned int i = 0; i < NSEQ; i++) {
		unsigned int x = one ? 0 : i % 2;	/* the job's session */
		struct vam_suite s = su[x];
		uint32_t head = dp_crypto_head_len(s);
		struct rte_mbuf *m = mk_mbuf(NULL, head + sizeof(pts[i]));
		uint8_t *p = rte_pktmbuf_mtod_offset(m, uint8_t *, OFF);
		struct vam_hdr h;

		ck_assert_int_eq(vam_random(pts[i], sizeof(pts[i])), 0);
		tu_mk_hdr(&h, VAM_DATA, 0, 1, 0);
		h.flags = vam_suite_flags(s);
		vam_hdr_encode(&h, p);
		memcpy(p + head, pts[i], sizeof(pts[i]));
		ck_assert_int_eq(dp_cjob_encrypt(&jobs[i], m, OFF, sizeof(pts[i]), s, sess[x],
						 k[x].salt, iv, &ctr[x]), 0);
	}
	dp_cjob_run(qp, jobs, NSEQ);
	ck_assert_uint_eq(atomic_load(&ctr[0]), one ? 100 + NSEQ : 106);
	ck_assert_uint_eq(atomic_load(&ctr[1]), one ? (UINT64_C(1) << 63) - 3 :
							(UINT64_C(1) << 63) + 3);
	for (unsigned int i = 0; i < NSEQ; i++) {
		struct rte_mbuf *m = jobs[i].m;
		uint32_t off = 0, len = 0;
		int rc = dp_cjob_result(&jobs[i], &off, &len);
		unsigned int x = one ? 0 : i % 2;
		uint64_t want = one ? 101 + i : x == 0 ? 101 + i / 2 : (UINT64_C(1) << 63) - 2 + i / 2;

		if (x == 1 && i / 2 >= 2) {
			ck_assert_msg(rc == -ERANGE, "op %u: verdict %d, not -ERANGE", i, rc);
		} else {
			const uint8_t *dg = rte_pktmbuf_mtod_offset(m, const uint8_t *, off);
			uint8_t back[64];
			size_t n = 0;

			ck_assert_msg(rc == VAM_OK, "op %u: verdict %d", i, rc);
			ck_assert_uint_eq(vam_get64(dg + 8), want);
			ck_assert_int_eq(vam_unseal(su[x], &k[x], dg, len, back, sizeof(back), &n),
					 VAM_OK);
			ck_assert_uint_eq(n, sizeof(pts[i]));
			ck_mem(back, pts[i], n, "deferred-seq plaintext");
		}
		rte_pktmbuf_free(m);
	}
	for (int j = 0; j < 2; j++)
		dp_crypto_session_free(d, sess[j]);
}
END_TEST

/* -------------------------------------------------------------------------- */

static int eal_up(void)
{
	char prefix[64];
	char *argv[] = { "test_dp_crypto", "--no-huge", "-m", "512", "--no-pci",
			 "--no-telemetry", "--file-prefix", prefix, "--log-level=lib.eal:error",
			 "--vdev", "crypto_aesni_mb0", "--vdev", "crypto_openssl0" };

	snprintf(prefix, sizeof(prefix), "vamcry%d", (int)getpid());
	if (rte_eal_init((int)ARRAY_SIZE(argv), argv) < 0) {
		fprintf(stderr, "test_dp_crypto: FAIL: rte_eal_init: %s\n",
			rte_strerror(rte_errno));
		return -1;
	}
	mbp = rte_pktmbuf_pool_create("dpt_mbuf", 1023, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				      SOCKET_ID_ANY);
	for (int i = 0; i < NDEV; i++) {
		struct dp_cryptodev_conf c = { .name = dev_names[i], .nb_workers = 1,
					       .nb_sessions = 128, .nb_ops = 512, .nb_desc = 64,
					       .socket_id = SOCKET_ID_ANY, .mode = dev_modes[i] };

		devs[i] = dp_cryptodev_create(&c);
		if (devs[i] == NULL) {
			fprintf(stderr, "test_dp_crypto: FAIL: cannot set up %s\n", dev_names[i]);
			return -1;
		}
	}
	if (devs[0]->cpu || devs[1]->cpu || !devs[2]->cpu) {
		fprintf(stderr, "test_dp_crypto: FAIL: crypto modes not as asked\n");
		return -1;
	}
	if (mbp == NULL) {
		fprintf(stderr, "test_dp_crypto: FAIL: mbuf pool: %s\n", rte_strerror(rte_errno));
		return -1;
	}
	return 0;
}

static void eal_down(void)
{
	for (int i = 0; i < NDEV; i++)
		dp_cryptodev_destroy(devs[i]);
	rte_mempool_free(mbp);
	rte_eal_cleanup();
}

/*
 * A CPU-crypto call's statuses are believed only when they agree with the
 * count the device returned; otherwise no job passes (fail closed).
 */
START_TEST(cpu_verdicts_fail_closed)
{
	int32_t agree[3] = { 0, EBADMSG, 0 };
	int32_t early[3] = { 0, 0, 0 };		/* the PMD returned without a look */
	int32_t odd[3] = { 0, EBADMSG, 0 };

	dp_cpu_verdicts(agree, 3, 2);
	ck_assert(agree[0] == 0 && agree[1] == EBADMSG && agree[2] == 0);
	dp_cpu_verdicts(early, 3, 0);
	ck_assert(early[0] == EIO && early[1] == EIO && early[2] == EIO);
	dp_cpu_verdicts(odd, 3, 1);
	ck_assert(odd[0] == EIO && odd[1] == EBADMSG && odd[2] == EIO);
}
END_TEST

/*
 * The word-wise padding check against the protocol core's byte loop
 * (vam_cbc_unpad, the reference path's own rule): every last-byte
 * value, with no wrong byte and with one at each other place of the last
 * block, on one, two and three blocks.
 */
START_TEST(cbc_unpad_words)
{
	uint8_t pt[48];
	unsigned int checked = 0;

	for (uint32_t ct = VAM_BLOCK; ct <= sizeof(pt); ct += VAM_BLOCK) {
		for (unsigned int last = 0; last < 256; last++) {
			for (int bad = -1; bad < VAM_BLOCK - 1; bad++) {
				uint32_t got = UINT32_MAX;
				size_t want = UINT32_MAX;
				int rg, rw;

				for (uint32_t i = 0; i < ct; i++)
					pt[i] = (uint8_t)(i * 7 + 1);
				if (last >= 1 && last <= VAM_BLOCK)
					memset(pt + ct - last, (int)last, last);
				pt[ct - 1] = (uint8_t)last;
				if (bad >= 0)
					pt[ct - VAM_BLOCK + bad] ^= 0x40;
				rg = dp_cbc_unpad(pt, ct, &got);
				rw = (int)vam_cbc_unpad(pt, ct, &want);
				ck_assert_msg(rg == rw && got == want,
					      "ct %u last %u bad %d: %d/%u, want %d/%zu", ct, last, bad,
					      rg, got, rw, want);
				checked += rw == VAM_OK;
			}
		}
	}
	/* Per ct and pad, 17 - pad cases pass: no wrong byte, or one of the 16 - pad outside. */
	ck_assert_uint_eq(checked, 3 * (16 * 17 - 136));
	/* Under a block, even one ending in good padding: refused; nothing before pt is read. */
	memset(pt + 8, 8, 8);
	ck_assert_int_eq(dp_cbc_unpad(pt + 16, 0, &(uint32_t){ 0 }), VAM_DROP_DECRYPT);
	ck_assert_int_eq(dp_cbc_unpad(pt + 8, 8, &(uint32_t){ 0 }), VAM_DROP_DECRYPT);
	ck_assert_int_eq(vam_cbc_unpad(pt + 8, 8, &(size_t){ 0 }), VAM_DROP_DECRYPT);
}
END_TEST

/* CPU mode warms the PMD up with a real job that succeeds; queue-pair mode has nothing to warm. */
START_TEST(cpu_warm)
{
	for (int i = 0; i < 3; i++) {
		ck_assert_msg((devs[i]->warm != NULL) == devs[i]->cpu, "device %d", i);
		ck_assert_int_eq(dp_cjob_warm(devs[i]), 0);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("dp_crypto");
	TCase *tc = tcase_create("cryptodev");
	struct timespec t0, t1;
	SRunner *sr;
	int failed;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (eal_up() < 0)
		return EXIT_FAILURE;
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, caps);
	tcase_add_test(tc, lengths);
	tcase_add_test(tc, grid);
	tcase_add_test(tc, cut);
	tcase_add_test(tc, bad_padding);
	tcase_add_test(tc, records);
	tcase_add_test(tc, vdev_create);
	tcase_add_test(tc, caller_errors);
	tcase_add_test(tc, caller_errors_jobs);
	tcase_add_test(tc, burst);
	tcase_add_test(tc, cpu_batch);
	tcase_add_loop_test(tc, cpu_deferred_seq, 0, 2);
	tcase_add_test(tc, cpu_verdicts_fail_closed);
	tcase_add_test(tc, cpu_warm);
	tcase_add_test(tc, cbc_unpad_words);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("test_dp_crypto: %lu (suite, PMD, length) cases ran, %lu skipped by capabilities; "
	       "%lu cut lengths, %lu vector datagrams both ways; %.2f s\n", n_cases, n_skipped,
	       n_cut, n_records, (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	eal_down();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
