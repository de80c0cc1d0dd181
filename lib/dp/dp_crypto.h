/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The cryptodev half of the data path: one crypto device (aesni_mb in
 * production, openssl as the cross-check), sessions per VAM suite and
 * direction, op preparation on mbufs that carry a whole VAM datagram, and
 * the burst helpers a worker polls with.
 *
 * Setup, sessions and teardown run on the control lcore (they allocate and
 * log). The op functions and burst helpers are the per-packet path: no
 * allocation, no lock, no syscall, no logging. Each queue pair belongs to
 * one lcore: queue pair i < nb_workers to worker i, the last one to the
 * control lcore.
 *
 * Scope: single-segment mbufs only (nb_segs == 1); multi-segment mbufs are
 * refused with -EINVAL. Processing is in place (m_dst is NULL).
 */
#ifndef DP_CRYPTO_H
#define DP_CRYPTO_H

#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_crypto.h>
#include <rte_cryptodev.h>
#include <rte_mbuf.h>

#include "vam_drop.h"
#include "vam_keys.h"
#include "vam_suite.h"

#define DP_CRYPTO_BURST		32
#define DP_CRYPTO_DEF_DEVICE	"crypto_aesni_mb0"
#define DP_CRYPTO_DEF_SESSIONS	(1u << 20)
#define DP_CRYPTO_DEF_DESC	2048

/*
 * How a worker runs its ops. Queue pair: enqueue and dequeue bursts on the
 * worker's own queue pair (any device, hardware included). CPU: the
 * synchronous rte_cryptodev_sym_cpu_crypto_process on the worker's core,
 * for software devices that offer it (aesni_mb does), which saves the
 * PMD's rings and the dequeue polling. Auto: CPU where offered.
 */
enum dp_crypto_mode { DP_CRYPTO_AUTO = 0, DP_CRYPTO_QP, DP_CRYPTO_CPU };

struct dp_cryptodev_conf {
	/*
	 * Crypto device name. An already probed device (--vdev on the EAL
	 * command line, or a PCI device) is used as it is; otherwise the name
	 * is created as a vdev (rte_vdev_init, "max_nb_queue_pairs=N"), so it
	 * must start with a driver name: crypto_aesni_mb..., crypto_openssl...
	 * NULL: DP_CRYPTO_DEF_DEVICE.
	 */
	const char *name;
	uint16_t nb_workers;	/* queue pairs: nb_workers + 1 (the last for control) */
	uint32_t nb_sessions;	/* session pool size; 0: DP_CRYPTO_DEF_SESSIONS */
	uint32_t nb_ops;	/* op pool size; 0: enough for every descriptor */
	uint32_t nb_desc;	/* descriptors per queue pair, a power of 2; 0: default */
	int socket_id;		/* SOCKET_ID_ANY: the device's socket */
	enum dp_crypto_mode mode;	/* how workers submit ops; 0: DP_CRYPTO_AUTO */
};

/* Per queue pair counters, written only by the owning lcore. */
struct dp_crypto_stats {
	uint64_t enq;		/* ops taken by the device */
	uint64_t enq_short;	/* enqueue calls that took fewer ops than offered */
	uint64_t deq;		/* ops returned by the device */
};

struct dp_crypto_qp {
	uint8_t dev_id;
	uint16_t qp_id;
	uint32_t inflight;	/* enqueued, not yet dequeued */
	uint32_t max_inflight;	/* below the descriptor count */
	struct dp_crypto_stats st;
} __rte_cache_aligned;

/* Read-only for users after dp_cryptodev_create(). */
struct dp_cryptodev {
	char name[RTE_CRYPTODEV_NAME_MAX_LEN];
	uint8_t dev_id;
	bool created;		/* we made the vdev, and uninit it on destroy */
	bool configured;
	bool started;
	bool cpu;		/* workers use dp_crypto_cpu_run, not enqueue/dequeue */
	uint16_t nb_qps;
	struct rte_mempool *sess_pool;
	struct rte_mempool *op_pool;
	uint8_t suites[VAM_ENC_CHACHA20_POLY1305 + 1];	/* bit integ per enc id */
	struct dp_crypto_qp *qps;	/* nb_qps entries */
	void *warm;		/* CPU mode: a throwaway AES-128-GCM session for dp_cjob_warm */
};

/* Set up, configure and start a device. NULL on error (logged). */
struct dp_cryptodev *dp_cryptodev_create(const struct dp_cryptodev_conf *conf);
/* Stop and close the device; every session must have been freed. NULL is a no-op. */
void dp_cryptodev_destroy(struct dp_cryptodev *d);

/* Queue pair i (0 .. nb_qps - 1). */
static inline struct dp_crypto_qp *dp_crypto_qp(struct dp_cryptodev *d, uint16_t i)
{
	return &d->qps[i];
}

/*
 * Whether the device's capabilities cover the suite (key, IV, digest, AAD
 * sizes). The suite "none" needs no crypto and is reported supported.
 */
bool dp_crypto_suite_supported(const struct dp_cryptodev *d, struct vam_suite s);
/* Number of valid suites the device supports, "none" excluded. */
unsigned int dp_crypto_nb_suites(const struct dp_cryptodev *d);

/*
 * One direction's session: encrypt for the sending direction's keys,
 * decrypt for the receiving one's. AEAD: one AEAD xform (IV 12 at a fixed
 * op offset, AAD 16, tag 16). CBC + HMAC: cipher-encrypt then
 * auth-generate, or auth-verify then cipher-decrypt, ICV truncated to the
 * suite's length (S-25). Integrity only: one auth xform. Returns NULL with
 * rte_errno = 0 for the suite "none" (no crypto), and NULL with rte_errno set
 * on error (ENOTSUP: the device lacks the suite). Control lcore only.
 */
void *dp_crypto_session(struct dp_cryptodev *d, struct vam_suite s, const struct vam_dir_keys *k,
			bool encrypt);
void dp_crypto_session_free(struct dp_cryptodev *d, void *sess);

/* Bytes from the datagram start to the plaintext: header, plus the IV for CBC. */
uint32_t dp_crypto_head_len(struct vam_suite s);
/* Bytes after a plaintext of pt_len bytes: CBC padding, then ICV or tag. */
uint32_t dp_crypto_tail_len(struct vam_suite s, uint32_t pt_len);

/*
 * The op functions return 0 when the op is ready to enqueue, a positive
 * enum vam_drop when the datagram itself must be dropped and counted under
 * that reason, or a negative errno for a caller error that the wire cannot
 * cause (multi-segment mbuf, datagram outside the mbuf, no tailroom, suite
 * "none" or invalid, NULL session). Ops must come from d->op_pool (their
 * private area holds the IV/nonce and what dp_crypto_result needs).
 */

/*
 * Receive: the mbuf holds at data offset off a whole datagram of len bytes
 * (16-byte header + protected body) whose header checks passed. Length
 * checks of S-26 / S-27: VAM_DROP_SHORT, or VAM_DROP_DECRYPT for a CBC
 * ciphertext that is not whole blocks.
 */
int dp_crypto_prep_decrypt(struct rte_crypto_op *op, struct rte_mbuf *m, uint32_t off,
			   uint32_t len, struct vam_suite s, void *sess, const uint8_t salt[4]);

/*
 * Send: at data offset off the mbuf holds the header (flags set, seq set)
 * and, dp_crypto_head_len(s) bytes after off, pt_len bytes of plaintext.
 * The function writes the CBC IV (16 bytes, from the caller) after the
 * header and the PKCS#7 padding after the plaintext, and sets the mbuf's
 * length so that the datagram (dp_crypto_head_len + pt_len +
 * dp_crypto_tail_len bytes) ends the data; the buffer must have room for it
 * (else -ENOSPC). iv is ignored for non-CBC suites, salt for non-AEAD ones.
 */
int dp_crypto_prep_encrypt(struct rte_crypto_op *op, struct rte_mbuf *m, uint32_t off,
			   uint32_t pt_len, struct vam_suite s, void *sess, const uint8_t salt[4],
			   const uint8_t iv[16]);

/*
 * After dequeue. Returns VAM_OK with, for a decrypt, the plaintext's data
 * offset and length in the mbuf (CBC padding checked and excluded), and for
 * an encrypt the datagram's offset and length. VAM_DROP_INTEGRITY for a bad
 * ICV or tag, VAM_DROP_DECRYPT for bad CBC padding. Other op statuses (PMD
 * errors, not the wire's doing) return -EIO: count them apart. pt_off and
 * pt_len are written only on VAM_OK.
 */
int dp_crypto_result(const struct rte_crypto_op *op, uint32_t *pt_off, uint32_t *pt_len);

/*
 * Enqueue ops[0 .. n) on the queue pair, at most up to max_inflight.
 * Returns how many the device took; ops[ret .. n) remain the caller's, to
 * offer again (never dropped here).
 */
uint16_t dp_crypto_enqueue(struct dp_crypto_qp *qp, struct rte_crypto_op **ops, uint16_t n);
/* Dequeue at most cap ops (the size of the caller's array). */
uint16_t dp_crypto_dequeue(struct dp_crypto_qp *qp, struct rte_crypto_op **ops, uint16_t cap);

/* A per-lcore, per-queue-pair staging array: fill, then flush once per pass. */
struct dp_crypto_stage {
	uint16_t n;
	struct rte_crypto_op *ops[DP_CRYPTO_BURST];
};

/* Stage an op; -ENOSPC when the stage is full (flush first). Flushes nothing itself. */
static inline int dp_crypto_stage_add(struct dp_crypto_stage *st, struct rte_crypto_op *op)
{
	if (st->n >= DP_CRYPTO_BURST)
		return -ENOSPC;
	st->ops[st->n++] = op;
	return 0;
}

/* Enqueue what is staged; the remainder moves to the front. Returns the number enqueued. */
uint16_t dp_crypto_flush(struct dp_crypto_qp *qp, struct dp_crypto_stage *st);

/*
 * CPU mode: jobs instead of ops. A job holds what one datagram needs from
 * the device, laid out as rte_cryptodev_sym_cpu_crypto_process reads it;
 * the caller keeps jobs in its own arrays (no pool, no op to reset or
 * attach). The length rules, layouts, return values and verdicts are the
 * op functions' own (shared code).
 */
struct dp_cjob {
	struct rte_mbuf *m;
	void *sess;
	_Atomic uint64_t *seq_ctr;	/* encrypt: draw the seq when run; NULL: it is in the header */
	uint8_t *buf;			/* where the device starts: AEAD payload, else the header */
	uint8_t *digest;
	uint32_t buf_len;
	uint32_t off, len;		/* the datagram: data offset and length (output for encrypt) */
	uint16_t cipher_head;		/* CBC: from buf to the ciphertext */
	uint8_t kind, encrypt, icv;
	uint8_t tag;			/* the caller's (what the packet waits for) */
	int32_t status;			/* 0, EBADMSG (ICV/tag), other errno; ERANGE: seq exhausted */
	uint8_t iv[VAM_IV_LEN];		/* CBC IV or AEAD nonce */
};

#define DP_CJOB_BATCH	64	/* most jobs one dp_cjob_run call takes */

/* As dp_crypto_prep_decrypt, into a job. */
int dp_cjob_decrypt(struct dp_cjob *j, struct rte_mbuf *m, uint32_t off, uint32_t len,
		    struct vam_suite s, void *sess, const uint8_t salt[4]);

/*
 * As dp_crypto_prep_encrypt, into a job. seq_ctr non-NULL: the header's seq
 * is left to dp_cjob_run, which draws the seqs of all the batch's jobs of
 * one session with a single atomic add on *seq_ctr (the session's last sent
 * seq), in batch order, and writes each into its header and AEAD nonce.
 * That is one locked instruction per session and batch instead of one per
 * packet; seqs stay unique under the key whichever cores send. A seq at or
 * past 2^63 (S-04) is never used: that job does not run, and
 * dp_cjob_result says -ERANGE.
 */
int dp_cjob_encrypt(struct dp_cjob *j, struct rte_mbuf *m, uint32_t off, uint32_t pt_len,
		    struct vam_suite s, void *sess, const uint8_t salt[4], const uint8_t iv[16],
		    _Atomic uint64_t *seq_ctr);

/*
 * Run jobs[0 .. n) (n <= DP_CJOB_BATCH) on this core, one device call per
 * session among them. The queue pair names the device and keeps counters.
 */
void dp_cjob_run(struct dp_crypto_qp *qp, struct dp_cjob *jobs, uint16_t n);

/*
 * A worker's first CPU-crypto call, before any traffic: the PMD builds its
 * per-lcore state then (aesni_mb allocates its multi-buffer manager), so no
 * packet pays for it or meets its failure. 0, or -EIO (logged): the device
 * cannot run jobs on this lcore, and every job will fail (closed).
 */
int dp_cjob_warm(const struct dp_cryptodev *d);

/* As dp_crypto_result, for a job that ran; -ERANGE for an exhausted seq. */
int dp_cjob_result(const struct dp_cjob *j, uint32_t *pt_off, uint32_t *pt_len);

#endif
