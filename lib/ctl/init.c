/* SPDX-License-Identifier: BSD-3-Clause */
/* Connection initialization at the server: INIT_REQ and INIT_DONE_C (spec 6.1, S-31..S-37). */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "ctl_priv.h"
#include "vam_handshake.h"
#include "vam_msg.h"
#include "vam_record.h"
#include "vam_rx.h"

/* Seal an INIT_RESP under the domain's boot keys into srv->out; the length or -1. */
static long boot_seal(struct ctl_server *srv, struct ctl_domain_rt *dom, uint32_t to,
		      uint8_t code, const uint8_t *body, size_t len)
{
	struct vam_hdr h = { VAM_VERSION, VAM_INIT_RESP, 0, code, to, 0 };

	return vam_seal(VAM_SUITE_BOOT, &dom->boot, &h, body, len, NULL, srv->out,
			sizeof(srv->out));
}

/* Send what boot_seal left in srv->out, and count it. */
static void boot_send(struct ctl_server *srv, struct ctl_domain_rt *dom, struct ctl_addr dst,
		      uint8_t code, size_t n)
{
	unsigned int di = (unsigned int)(dom - srv->dom);

	srv->stats.dom[di].tx[VAM_INIT_RESP]++;
	if (code)
		srv->stats.dom[di].codes[code & 15]++;
	srv->ops.send(srv->ops.ctx, VAM_CHAN_CTRL, dst, srv->out, n);
}

static void boot_reply(struct ctl_server *srv, struct ctl_domain_rt *dom, struct ctl_addr dst,
		       uint32_t to, uint8_t code, const uint8_t *body, size_t len)
{
	long n = boot_seal(srv, dom, to, code, body, len);

	if (n > 0)
		boot_send(srv, dom, dst, code, (size_t)n);
}

static void boot_refuse(struct ctl_server *srv, struct ctl_domain_rt *dom, struct ctl_addr dst,
			uint32_t to, uint8_t code, const char *reason)
{
	uint8_t body[VAM_REASON_MAX + VAM_TLV_HDR_LEN];
	struct vam_tlv_writer w;

	vam_tlv_init(&w, body, sizeof(body));
	vam_tlv_put(&w, VAM_A_REASON, reason, strnlen(reason, VAM_REASON_MAX));
	boot_reply(srv, dom, dst, to, code, body, w.len);
}

static void sha256(const uint8_t *p, size_t n, uint8_t out[32])
{
	unsigned int len = 32;

	EVP_Digest(p, n, out, &len, EVP_sha256(), NULL);
}

/* A retransmitted INIT_REQ (S-32): the same INIT_RESP bytes, to wherever it came from. */
static bool retransmission(struct ctl_server *srv, struct ctl_domain_rt *dom,
			   struct ctl_addr src, const struct vam_init_req *rq, const uint8_t *body,
			   size_t len)
{
	struct ctl_client *c = ctl_hmap_get(&srv->by_init, ctl_init_key(dom->cfg->id, rq->sender_id,
									 rq->nonce));
	uint8_t digest[32];

	if (c == NULL || c->domain != dom->cfg->id || c->peer_id != rq->sender_id ||
	    memcmp(c->nonce_c, rq->nonce, VAM_NONCE_LEN) != 0)
		return false;
	sha256(body, len, digest);
	if (c->state != CTL_ST_HALF_OPEN || memcmp(digest, c->req_digest, 32) != 0) {
		ctl_drop(srv, c, VAM_DROP_UNEXPECTED_TYPE);	/* S-31, S-32 */
		return true;
	}
	c->ctrl_addr = src;
	srv->stats.dom[c->dom_idx].tx[VAM_INIT_RESP]++;
	srv->ops.send(srv->ops.ctx, VAM_CHAN_CTRL, src, c->init_resp, c->init_resp_len);
	return true;
}

/* Keys, INIT_RESP and the half-open session; false if it could not be made. */
static bool half_open(struct ctl_server *srv, struct ctl_client *c, struct ctl_addr src,
		      const struct vam_init_req *rq, const uint8_t *body, size_t len)
{
	const struct ctl_domain_cfg *d = srv->dom[c->dom_idx].cfg;
	struct vam_init_resp rs = { .sender_id = c->id, .suite = c->suite };
	struct vam_kx *kx = vam_kx_new(rs.pub);
	uint8_t resp[256];
	long n, rl;
	int rc = kx == NULL || vam_random(rs.nonce, VAM_NONCE_LEN) != 0 ||
		 vam_handshake_keys_kx(kx, rq->pub, rq->nonce, rs.nonce, d->psk, d->psk_len,
				       rq->sender_id, c->id, c->suite, c->keys) != 0;

	vam_kx_free(kx);
	if (rc)
		return false;
	rl = vam_init_resp_encode(&rs, resp, sizeof(resp));
	if (rl <= 0)
		return false;
	c->ctrl_addr = src;
	/* Keep a copy for resends (S-32) before anything is sent. */
	n = boot_seal(srv, &srv->dom[c->dom_idx], rq->sender_id, VAM_CODE_OK, resp, (size_t)rl);
	if (n < 0 || (c->init_resp = malloc((size_t)n)) == NULL)
		return false;
	memcpy(c->init_resp, srv->out, (size_t)n);
	c->init_resp_len = (uint16_t)n;
	boot_send(srv, &srv->dom[c->dom_idx], src, VAM_CODE_OK, (size_t)n);
	vam_transcript(body, len, resp, (size_t)rl, c->transcript);
	sha256(body, len, c->req_digest);
	return true;
}

static void new_handshake(struct ctl_server *srv, struct ctl_domain_rt *dom, struct ctl_addr src,
			  const struct vam_init_req *rq, const uint8_t *body, size_t len)
{
	const struct ctl_domain_cfg *d = dom->cfg;
	struct vam_suite suite;
	struct ctl_client *c;

	if (!vam_negotiate(&d->enc, &d->integ, rq->enc, rq->n_enc, rq->integ, rq->n_integ,
			   &suite)) {
		boot_refuse(srv, dom, src, rq->sender_id, VAM_CODE_NO_PROPOSAL,
			    "no common encryption and integrity algorithms");
		return;
	}
	if (dom->half_open >= d->max_half_open || srv->half_open_total >= srv->cfg->max_half_open ||
	    (c = ctl_client_new(srv, d->id)) == NULL) {
		boot_refuse(srv, dom, src, rq->sender_id, VAM_CODE_CAPACITY,
			    "too many handshakes in progress");
		return;
	}
	c->dom_idx = (uint8_t)(dom - srv->dom);
	c->peer_id = rq->sender_id;
	c->suite = suite;
	c->cookie = rq->cookie;
	c->conn_addr = rq->private_addr;
	c->private_addr = rq->private_addr;
	memcpy(c->nonce_c, rq->nonce, VAM_NONCE_LEN);
	if (!half_open(srv, c, src, rq, body, len)) {
		/* S-20: an all-zero shared secret (or no memory): INVALID, no state. */
		ctl_client_free(srv, c);
		boot_refuse(srv, dom, src, rq->sender_id, VAM_CODE_INVALID, "key agreement failed");
		return;
	}
	c->state = CTL_ST_HALF_OPEN;
	dom->half_open++;
	srv->half_open_total++;
	ctl_hmap_put(&srv->by_init, ctl_init_key(d->id, rq->sender_id, rq->nonce), c);
	ctl_arm(srv, c, srv->now + srv->cfg->half_open_timeout_ms);
}

bool ctl_init_req(struct ctl_server *srv, struct ctl_addr src, const struct vam_hdr *h,
		  const uint8_t *dgram, size_t len)
{
	struct ctl_domain_rt *dom = h->id <= VAM_DOMAIN_MAX ? ctl_domain(srv, (uint16_t)h->id) : NULL;
	struct ctl_client dummy = { .dom_idx = dom ? (uint8_t)(dom - srv->dom) : 0 };
	struct vam_init_req rq;
	struct vam_attrs at;
	const char *why = NULL;
	size_t pt_len = 0;
	enum vam_drop d;

	bool authentic;

	if (dom == NULL || h->id == 0) {
		ctl_drop(srv, NULL, VAM_DROP_UNKNOWN_SESSION);
		return false;
	}
	if (!ctl_ratelimit_allow(&srv->rl, srv->now, src.ip)) {
		ctl_drop(srv, &dummy, VAM_DROP_RATE_LIMITED);	/* before any crypto (S-35) */
		return false;
	}
	d = vam_rx_boot(&dom->boot, h, dgram, len, srv->buf, sizeof(srv->buf), &pt_len);
	/* Past the ICV: only length, integrity and padding failures are not authentic. */
	authentic = d == VAM_OK || d == VAM_DROP_MALFORMED;
	if (d == VAM_OK)
		d = vam_msg_parse(VAM_INIT_REQ, h->code, srv->buf, pt_len, &at, &why);
	if (d == VAM_OK) {
		vam_init_req_decode(&at, &rq);
		if (rq.domain != h->id) {	/* S-33 */
			d = VAM_DROP_MALFORMED;
			why = "CONNECTION_ID names another domain";
		}
	}
	if (d != VAM_OK) {
		uint32_t to = vam_tlv_find_sender_id(srv->buf, pt_len);

		ctl_drop(srv, &dummy, d);
		/* S-34: answer INVALID only what was authentic and names a sender. */
		if (d == VAM_DROP_MALFORMED && why != NULL && to != 0)
			boot_refuse(srv, dom, src, to, VAM_CODE_INVALID, why);
		return authentic;
	}
	srv->stats.dom[dummy.dom_idx].rx[VAM_INIT_REQ]++;
	if (!retransmission(srv, dom, src, &rq, srv->buf, pt_len))
		new_handshake(srv, dom, src, &rq, srv->buf, pt_len);
	return true;
}

void ctl_init_done(struct ctl_server *srv, struct ctl_client *c, const uint8_t *body, size_t len)
{
	uint8_t ans[VAM_TLV_HDR_LEN + VAM_TRANSCRIPT_LEN];
	struct ctl_domain_rt *dom = &srv->dom[c->dom_idx];
	struct vam_tlv_writer w;
	struct vam_attrs at;

	if (vam_msg_parse(VAM_INIT_DONE_C, 0, body, len, &at, NULL) != VAM_OK) {
		ctl_drop(srv, c, VAM_DROP_MALFORMED);	/* no answer (S-05) */
		return;
	}
	if (CRYPTO_memcmp(at.a[VAM_A_TRANSCRIPT].val, c->transcript, VAM_TRANSCRIPT_LEN) != 0) {
		ctl_drop(srv, c, VAM_DROP_TRANSCRIPT);	/* S-23: the attempt fails */
		ctl_remove(srv, c, CTL_CAUSE_IDLE_TIMEOUT, NULL);
		return;
	}
	c->state = CTL_ST_READY;
	dom->half_open--;
	srv->half_open_total--;
	free(c->init_resp);
	c->init_resp = NULL;
	vam_tlv_init(&w, ans, sizeof(ans));
	vam_tlv_put(&w, VAM_A_TRANSCRIPT, c->transcript, VAM_TRANSCRIPT_LEN);
	ctl_cache_set(&c->cache[CTL_C_INIT_DONE], body, len, VAM_INIT_DONE_S, 0, ans, w.len);
	ctl_send_ctrl(srv, c, VAM_INIT_DONE_S, 0, ans, w.len);
	ctl_arm(srv, c, srv->now + srv->cfg->half_open_timeout_ms);
}
