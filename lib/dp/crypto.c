/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Crypto device setup, capability probing and sessions. Control lcore only:
 * these functions allocate and log.
 *
 * rte_cryptodev_sym_session_pool_create is still experimental in 22.11 and
 * the 22.11 session API has no stable alternative: this file, and only this
 * one, opts in. The per-packet file crypto_op.c stays on stable API.
 */
#define ALLOW_EXPERIMENTAL_API 1

#include <stdio.h>
#include <string.h>

#include <rte_bus_vdev.h>
#include <rte_cryptodev.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_string_fns.h>

#include "dp_crypto.h"
#include "dp_crypto_priv.h"

RTE_LOG_REGISTER(dp_crypto_logtype, vamgw.dp, INFO);

struct dp_shape dp_shape_tab[DP_SHAPE_ENC][DP_SHAPE_INTEG];

/* The per-packet code looks shapes up instead of deciding them (dp_shape_of). */
RTE_INIT(dp_shape_init)
{
	for (uint16_t e = 0; e < DP_SHAPE_ENC; e++)
		for (uint16_t i = 0; i < DP_SHAPE_INTEG; i++) {
			struct dp_shape *sh = &dp_shape_tab[e][i];

			if (dp_shape_compute((struct vam_suite){ e, i }, sh) < 0)
				sh->kind = (enum dp_kind)DP_K_INVALID;
		}
}

static const uint16_t enc_ids[] = { 0, 3, 4, 5, 9, 10, 11 };
static const uint16_t integ_ids[] = { 0, 2, 3, 4, 5 };

static enum rte_crypto_auth_algorithm auth_algo(uint16_t integ)
{
	switch (integ) {
	case VAM_INTEG_HMAC_SHA1:
		return RTE_CRYPTO_AUTH_SHA1_HMAC;
	case VAM_INTEG_HMAC_SHA256:
		return RTE_CRYPTO_AUTH_SHA256_HMAC;
	case VAM_INTEG_HMAC_SHA384:
		return RTE_CRYPTO_AUTH_SHA384_HMAC;
	default:
		return RTE_CRYPTO_AUTH_SHA512_HMAC;
	}
}

static enum rte_crypto_aead_algorithm aead_algo(uint16_t enc)
{
	return enc == VAM_ENC_CHACHA20_POLY1305 ? RTE_CRYPTO_AEAD_CHACHA20_POLY1305 :
						  RTE_CRYPTO_AEAD_AES_GCM;
}

static bool cap_cipher(uint8_t dev, uint16_t key_len)
{
	struct rte_cryptodev_sym_capability_idx idx = {
		.type = RTE_CRYPTO_SYM_XFORM_CIPHER,
		.algo.cipher = RTE_CRYPTO_CIPHER_AES_CBC,
	};
	const struct rte_cryptodev_symmetric_capability *c =
		rte_cryptodev_sym_capability_get(dev, &idx);

	return c && rte_cryptodev_sym_capability_check_cipher(c, key_len, VAM_IV_LEN) == 0;
}

static bool cap_auth(uint8_t dev, uint16_t integ, uint16_t key_len, uint16_t icv)
{
	struct rte_cryptodev_sym_capability_idx idx = {
		.type = RTE_CRYPTO_SYM_XFORM_AUTH,
		.algo.auth = auth_algo(integ),
	};
	const struct rte_cryptodev_symmetric_capability *c =
		rte_cryptodev_sym_capability_get(dev, &idx);

	return c && rte_cryptodev_sym_capability_check_auth(c, key_len, icv, 0) == 0;
}

static bool cap_aead(uint8_t dev, uint16_t enc, uint16_t key_len)
{
	struct rte_cryptodev_sym_capability_idx idx = {
		.type = RTE_CRYPTO_SYM_XFORM_AEAD,
		.algo.aead = aead_algo(enc),
	};
	const struct rte_cryptodev_symmetric_capability *c =
		rte_cryptodev_sym_capability_get(dev, &idx);

	return c && rte_cryptodev_sym_capability_check_aead(c, key_len, VAM_TAG_LEN, DP_AAD_LEN,
							    DP_AEAD_IV_LEN) == 0;
}

static bool suite_probe(uint8_t dev, uint64_t ff, struct vam_suite s)
{
	struct dp_shape sh;

	if (dp_shape_of(s, &sh) < 0)
		return false;
	switch (sh.kind) {
	case DP_K_NONE:
		return true;
	case DP_K_AUTH:
		return cap_auth(dev, s.integ, sh.ikey, sh.icv);
	case DP_K_CBC:
		return (ff & RTE_CRYPTODEV_FF_SYM_OPERATION_CHAINING) && cap_cipher(dev, sh.key) &&
		       cap_auth(dev, s.integ, sh.ikey, sh.icv);
	default:
		return cap_aead(dev, s.enc, sh.key);
	}
}

/* Fill d->suites and log the verdict per suite. */
static void probe_suites(struct dp_cryptodev *d, uint64_t ff)
{
	char yes[1024] = "", no[1024] = "";
	size_t ny = 0, nn = 0;

	for (size_t i = 0; i < RTE_DIM(enc_ids); i++)
		for (size_t j = 0; j < RTE_DIM(integ_ids); j++) {
			struct vam_suite s = { enc_ids[i], integ_ids[j] };
			bool ok;

			if (!vam_suite_valid(s) || (s.enc == 0 && s.integ == 0))
				continue;
			ok = suite_probe(d->dev_id, ff, s);
			if (ok)
				d->suites[s.enc] |= (uint8_t)(1u << s.integ);
			if (ok && ny < sizeof(yes))
				ny += (size_t)snprintf(yes + ny, sizeof(yes) - ny, " %s/%s",
						       vam_enc_info(s.enc)->name,
						       vam_integ_info(s.integ)->name);
			else if (!ok && nn < sizeof(no))
				nn += (size_t)snprintf(no + nn, sizeof(no) - nn, " %s/%s",
						       vam_enc_info(s.enc)->name,
						       vam_integ_info(s.integ)->name);
		}
	d->suites[0] |= 1;	/* none/none: no crypto */
	DP_LOG(INFO, "%s: %u suites supported:%s", d->name, dp_crypto_nb_suites(d), yes);
	if (nn)
		DP_LOG(WARNING, "%s: suites NOT supported:%s", d->name, no);
}

bool dp_crypto_suite_supported(const struct dp_cryptodev *d, struct vam_suite s)
{
	if (!vam_suite_valid(s) || s.enc >= RTE_DIM(d->suites) || s.integ >= 8)
		return false;
	return d->suites[s.enc] & (1u << s.integ);
}

unsigned int dp_crypto_nb_suites(const struct dp_cryptodev *d)
{
	unsigned int n = 0;

	for (size_t i = 0; i < RTE_DIM(enc_ids); i++)
		for (size_t j = 0; j < RTE_DIM(integ_ids); j++) {
			struct vam_suite s = { enc_ids[i], integ_ids[j] };

			if ((s.enc || s.integ) && dp_crypto_suite_supported(d, s))
				n++;
		}
	return n;
}

/* Find the device, or create it as a vdev; check it can take nb_qps queue pairs. */
static int dev_open(struct dp_cryptodev *d, int socket_id, enum dp_crypto_mode mode)
{
	struct rte_cryptodev_info info;
	char args[64];
	int id = rte_cryptodev_get_dev_id(d->name);

	if (id < 0) {
		if (socket_id >= 0)
			snprintf(args, sizeof(args), "max_nb_queue_pairs=%u,socket_id=%d",
				 d->nb_qps, socket_id);
		else
			snprintf(args, sizeof(args), "max_nb_queue_pairs=%u", d->nb_qps);
		if (rte_vdev_init(d->name, args) != 0) {
			DP_LOG(ERR, "%s: cannot create the vdev (%s)", d->name, args);
			return -ENODEV;
		}
		d->created = true;
		id = rte_cryptodev_get_dev_id(d->name);
		if (id < 0) {
			DP_LOG(ERR, "%s: vdev created but no crypto device of that name", d->name);
			return -ENODEV;
		}
	}
	d->dev_id = (uint8_t)id;
	rte_cryptodev_info_get(d->dev_id, &info);
	if (!(info.feature_flags & RTE_CRYPTODEV_FF_SYMMETRIC_CRYPTO)) {
		DP_LOG(ERR, "%s: no symmetric crypto", d->name);
		return -ENOTSUP;
	}
	if (info.max_nb_queue_pairs < d->nb_qps) {
		DP_LOG(ERR, "%s: %u queue pairs needed, the device has %u (devargs "
		       "max_nb_queue_pairs)", d->name, d->nb_qps, info.max_nb_queue_pairs);
		return -ENOSPC;
	}
	probe_suites(d, info.feature_flags);
	d->cpu = mode != DP_CRYPTO_QP && (info.feature_flags & RTE_CRYPTODEV_FF_SYM_CPU_CRYPTO);
	if (mode == DP_CRYPTO_CPU && !d->cpu) {
		DP_LOG(ERR, "%s: no synchronous CPU crypto (use the queue-pair mode)", d->name);
		return -ENOTSUP;
	}
	DP_LOG(INFO, "%s: workers use %s", d->name,
	       d->cpu ? "synchronous CPU crypto" : "queue-pair enqueue/dequeue");
	return 0;
}

static int make_pools(struct dp_cryptodev *d, const struct dp_cryptodev_conf *conf,
		      uint32_t nb_desc, int socket)
{
	/* One more: the warm-up session. */
	uint32_t nb_sess = (conf->nb_sessions ? conf->nb_sessions : DP_CRYPTO_DEF_SESSIONS) + 1;
	uint32_t nb_ops = conf->nb_ops;
	unsigned int priv = rte_cryptodev_sym_get_private_session_size(d->dev_id);
	char name[RTE_MEMPOOL_NAMESIZE];

	if (nb_ops == 0)
		nb_ops = d->nb_qps * (nb_desc + 2 * DP_CRYPTO_BURST) + 1024;
	snprintf(name, sizeof(name), "dp_sess_%u", d->dev_id);
	d->sess_pool = rte_cryptodev_sym_session_pool_create(name, nb_sess, priv, 0, 0, socket);
	if (d->sess_pool == NULL) {
		DP_LOG(ERR, "%s: session pool of %u x %u bytes: %s", d->name, nb_sess, priv,
		       rte_strerror(rte_errno));
		return -ENOMEM;
	}
	snprintf(name, sizeof(name), "dp_op_%u", d->dev_id);
	d->op_pool = rte_crypto_op_pool_create(name, RTE_CRYPTO_OP_TYPE_SYMMETRIC, nb_ops,
					       nb_ops >= 4096 ? 128 : 0, DP_OP_PRIV_SIZE, socket);
	if (d->op_pool == NULL) {
		DP_LOG(ERR, "%s: op pool of %u: %s", d->name, nb_ops, rte_strerror(rte_errno));
		return -ENOMEM;
	}
	DP_LOG(INFO, "%s: %u sessions of %u bytes, %u ops, %u queue pairs of %u descriptors",
	       d->name, nb_sess, priv, nb_ops, d->nb_qps, nb_desc);
	return 0;
}

static int dev_start(struct dp_cryptodev *d, uint32_t nb_desc, int socket)
{
	struct rte_cryptodev_config cfg = {
		.socket_id = socket,
		.nb_queue_pairs = d->nb_qps,
		.ff_disable = RTE_CRYPTODEV_FF_ASYMMETRIC_CRYPTO | RTE_CRYPTODEV_FF_SECURITY,
	};
	struct rte_cryptodev_qp_conf qc = { .nb_descriptors = nb_desc, .mp_session = d->sess_pool };
	int rc = rte_cryptodev_configure(d->dev_id, &cfg);

	if (rc < 0) {
		DP_LOG(ERR, "%s: configure: %s", d->name, rte_strerror(-rc));
		return rc;
	}
	d->configured = true;
	for (uint16_t q = 0; q < d->nb_qps; q++) {
		rc = rte_cryptodev_queue_pair_setup(d->dev_id, q, &qc, socket);
		if (rc < 0) {
			DP_LOG(ERR, "%s: queue pair %u: %s", d->name, q, rte_strerror(-rc));
			return rc;
		}
		d->qps[q].dev_id = d->dev_id;
		d->qps[q].qp_id = q;
		d->qps[q].max_inflight = nb_desc - 1;
	}
	rc = rte_cryptodev_start(d->dev_id);
	if (rc < 0) {
		DP_LOG(ERR, "%s: start: %s", d->name, rte_strerror(-rc));
		return rc;
	}
	d->started = true;
	return 0;
}

/* CPU mode: the session dp_cjob_warm runs on (all-zero key; nothing it makes leaves). */
static void make_warm(struct dp_cryptodev *d)
{
	static const struct vam_dir_keys zero;
	const struct vam_suite s = { VAM_ENC_AES128_GCM, VAM_INTEG_NONE };

	if (!d->cpu || !dp_crypto_suite_supported(d, s))
		return;
	d->warm = dp_crypto_session(d, s, &zero, true);
	if (d->warm == NULL)
		DP_LOG(WARNING, "%s: no warm-up session (%s): workers start cold", d->name,
		       rte_strerror(rte_errno));
}

struct dp_cryptodev *dp_cryptodev_create(const struct dp_cryptodev_conf *conf)
{
	const char *name = conf->name ? conf->name : DP_CRYPTO_DEF_DEVICE;
	uint32_t nb_desc = conf->nb_desc ? conf->nb_desc : DP_CRYPTO_DEF_DESC;
	struct dp_cryptodev *d;
	int socket;

	if (!rte_is_power_of_2(nb_desc) || nb_desc < 2 * DP_CRYPTO_BURST ||
	    conf->nb_workers >= UINT8_MAX || strlen(name) >= sizeof(d->name)) {
		DP_LOG(ERR, "%s: bad configuration (descriptors %u, workers %u)", name, nb_desc,
		       conf->nb_workers);
		return NULL;
	}
	d = rte_zmalloc("dp_cryptodev", sizeof(*d), RTE_CACHE_LINE_SIZE);
	if (d == NULL)
		return NULL;
	rte_strlcpy(d->name, name, sizeof(d->name));
	d->nb_qps = (uint16_t)(conf->nb_workers + 1);
	d->qps = rte_zmalloc("dp_crypto_qps", d->nb_qps * sizeof(*d->qps), RTE_CACHE_LINE_SIZE);
	if (d->qps == NULL || dev_open(d, conf->socket_id, conf->mode) < 0)
		goto fail;
	socket = conf->socket_id >= 0 ? conf->socket_id : rte_cryptodev_socket_id(d->dev_id);
	if (socket < 0)
		socket = SOCKET_ID_ANY;
	if (make_pools(d, conf, nb_desc, socket) < 0 || dev_start(d, nb_desc, socket) < 0)
		goto fail;
	make_warm(d);
	return d;
fail:
	dp_cryptodev_destroy(d);
	return NULL;
}

void dp_cryptodev_destroy(struct dp_cryptodev *d)
{
	if (d == NULL)
		return;
	dp_crypto_session_free(d, d->warm);
	if (d->started)
		rte_cryptodev_stop(d->dev_id);
	if (d->configured && rte_cryptodev_close(d->dev_id) < 0)
		DP_LOG(ERR, "%s: close failed (sessions still in use?)", d->name);
	if (d->created && rte_vdev_uninit(d->name) < 0)
		DP_LOG(ERR, "%s: vdev uninit failed", d->name);
	rte_mempool_free(d->op_pool);
	rte_mempool_free(d->sess_pool);
	rte_free(d->qps);
	rte_free(d);
}

static void auth_xform(struct rte_crypto_sym_xform *x, struct vam_suite s,
		       const struct vam_dir_keys *k, size_t ikey, bool encrypt)
{
	x->type = RTE_CRYPTO_SYM_XFORM_AUTH;
	x->auth.op = encrypt ? RTE_CRYPTO_AUTH_OP_GENERATE : RTE_CRYPTO_AUTH_OP_VERIFY;
	x->auth.algo = auth_algo(s.integ);
	x->auth.key.data = k->integ;
	x->auth.key.length = (uint16_t)ikey;
	x->auth.digest_length = vam_integ_info(s.integ)->icv_len;
}

static void cipher_xform(struct rte_crypto_sym_xform *x, const struct vam_dir_keys *k,
			 size_t key, bool encrypt)
{
	x->type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	x->cipher.op = encrypt ? RTE_CRYPTO_CIPHER_OP_ENCRYPT : RTE_CRYPTO_CIPHER_OP_DECRYPT;
	x->cipher.algo = RTE_CRYPTO_CIPHER_AES_CBC;
	x->cipher.key.data = k->enc;
	x->cipher.key.length = (uint16_t)key;
	x->cipher.iv.offset = DP_IV_OFFSET;
	x->cipher.iv.length = VAM_IV_LEN;
}

static void aead_xform(struct rte_crypto_sym_xform *x, struct vam_suite s,
		       const struct vam_dir_keys *k, size_t key, bool encrypt)
{
	x->type = RTE_CRYPTO_SYM_XFORM_AEAD;
	x->aead.op = encrypt ? RTE_CRYPTO_AEAD_OP_ENCRYPT : RTE_CRYPTO_AEAD_OP_DECRYPT;
	x->aead.algo = aead_algo(s.enc);
	x->aead.key.data = k->enc;
	x->aead.key.length = (uint16_t)key;
	x->aead.iv.offset = DP_IV_OFFSET;
	x->aead.iv.length = DP_AEAD_IV_LEN;
	x->aead.digest_length = VAM_TAG_LEN;
	x->aead.aad_length = DP_AAD_LEN;
}

void *dp_crypto_session(struct dp_cryptodev *d, struct vam_suite s, const struct vam_dir_keys *k,
			bool encrypt)
{
	struct rte_crypto_sym_xform x[2], *first = &x[0];
	struct dp_shape sh;
	size_t key, ikey;
	void *sess;

	rte_errno = 0;
	if (dp_shape_of(s, &sh) < 0 || !vam_suite_valid(s)) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (sh.kind == DP_K_NONE)
		return NULL;
	if (!dp_crypto_suite_supported(d, s)) {
		rte_errno = ENOTSUP;
		return NULL;
	}
	memset(x, 0, sizeof(x));
	vam_suite_key_lens(s, &key, &ikey);
	switch (sh.kind) {
	case DP_K_AEAD:
		aead_xform(&x[0], s, k, key, encrypt);
		break;
	case DP_K_AUTH:
		auth_xform(&x[0], s, k, ikey, encrypt);
		break;
	default:
		/* Encrypt then MAC on send; verify the MAC, then decrypt, on receive. */
		cipher_xform(&x[encrypt ? 0 : 1], k, key, encrypt);
		auth_xform(&x[encrypt ? 1 : 0], s, k, ikey, encrypt);
		x[0].next = &x[1];
		break;
	}
	sess = rte_cryptodev_sym_session_create(d->dev_id, first, d->sess_pool);
	if (sess == NULL && rte_errno == 0)
		rte_errno = ENOMEM;
	return sess;
}

void dp_crypto_session_free(struct dp_cryptodev *d, void *sess)
{
	if (sess != NULL)
		rte_cryptodev_sym_session_free(d->dev_id, sess);
}
