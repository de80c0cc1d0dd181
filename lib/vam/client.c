/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include <openssl/crypto.h>

#include "vam_chap.h"
#include "vam_client.h"
#include "vam_msg.h"
#include "vam_record.h"
#include "vam_rx.h"

static const char *const state_names[] = {
	"offline", "init", "init-done", "registering", "authenticating", "registered",
	"online", "failed",
};

const char *vam_client_state_name(enum vam_client_state st)
{
	return (unsigned int)st <= VAM_CL_FAILED ? state_names[st] : "?";
}

static long seal_boot(struct vam_client *c, uint8_t *out, size_t cap)
{
	struct vam_hdr h = { VAM_VERSION, VAM_INIT_REQ, 0, 0, c->cfg->domain, 0 };

	return vam_seal(VAM_SUITE_BOOT, &c->boot, &h, c->req_body, c->req_len, NULL, out, cap);
}

long vam_client_start(struct vam_client *c, const struct vam_client_cfg *cfg, uint8_t *out,
		      size_t cap)
{
	struct vam_init_req *r = &c->req;
	long n;

	vam_client_free(c);
	memset(c, 0, sizeof(*c));
	c->cfg = cfg;
	r->domain = cfg->domain;
	r->cookie = cfg->cookie;
	r->private_addr = cfg->private_addr;
	memcpy(r->enc, cfg->enc, sizeof(r->enc));
	r->n_enc = cfg->n_enc;
	memcpy(r->integ, cfg->integ, sizeof(r->integ));
	r->n_integ = cfg->n_integ;
	do {
		if (vam_random(&r->sender_id, sizeof(r->sender_id)) != 0)
			return -1;
	} while (r->sender_id == 0);
	c->kx = vam_kx_new(r->pub);
	if (c->kx == NULL || vam_random(r->nonce, VAM_NONCE_LEN) != 0 ||
	    vam_boot_keys(cfg->psk, cfg->psk_len, cfg->domain, &c->boot) != 0)
		return -1;
	n = vam_init_req_encode(r, c->req_body, sizeof(c->req_body));
	if (n < 0)
		return -1;
	c->req_len = (size_t)n;
	c->state = VAM_CL_INIT;
	c->last_type = VAM_INIT_REQ;
	return seal_boot(c, out, cap);
}

void vam_client_free(struct vam_client *c)
{
	vam_kx_free(c->kx);
	c->kx = NULL;
	vam_session_wipe(&c->s);
}

static long send_req(struct vam_client *c, uint8_t type, const uint8_t *body, size_t len,
		     uint8_t *out, size_t cap)
{
	if (len > sizeof(c->last_body))
		return -1;
	c->last_type = type;
	if (body != c->last_body && len)
		memcpy(c->last_body, body, len);
	c->last_len = len;
	return vam_session_seal(&c->s, VAM_KEYS_CTRL, type, 0, body, len, out, cap);
}

long vam_client_retransmit(struct vam_client *c, uint8_t *out, size_t cap)
{
	if (c->state == VAM_CL_INIT)
		return seal_boot(c, out, cap);
	if (c->state == VAM_CL_OFFLINE || c->state == VAM_CL_FAILED)
		return -1;
	return send_req(c, c->last_type, c->last_body, c->last_len, out, cap);
}

long vam_client_request(struct vam_client *c, uint8_t type, const uint8_t *body, size_t len,
			uint8_t *out, size_t cap)
{
	return send_req(c, type, body, len, out, cap);
}

long vam_client_data(struct vam_client *c, const uint8_t *pkt, size_t len, uint8_t *out,
		     size_t cap)
{
	return vam_session_seal(&c->s, VAM_KEYS_DATA, VAM_DATA, 0, pkt, len, out, cap);
}

enum vam_drop vam_client_data_input(struct vam_client *c, const uint8_t *dgram, size_t len,
				    uint8_t *pkt, size_t cap, size_t *pkt_len)
{
	enum vam_replay_res res;
	struct vam_hdr h;
	enum vam_drop d = vam_hdr_check(dgram, len, VAM_CHAN_DATA, VAM_SIDE_CLIENT, &h);

	if (d != VAM_OK)
		return d;
	if (c->state < VAM_CL_REGISTERED || c->state > VAM_CL_ONLINE || h.id != c->req.sender_id)
		return VAM_DROP_UNKNOWN_SESSION;
	return vam_session_open(&c->s, VAM_KEYS_DATA, &h, dgram, len, pkt, cap, pkt_len, &res);
}

static void fail(struct vam_client *c, uint8_t code, enum vam_drop why)
{
	vam_kx_free(c->kx);	/* the attempt is over */
	c->kx = NULL;
	c->state = code == VAM_CODE_OK && why == VAM_OK ? VAM_CL_OFFLINE : VAM_CL_FAILED;
	c->code = code;
	c->why = why;
}

/* INIT_RESP code 0: check the choice (S-16), agree on keys, confirm (INIT_DONE_C). */
static long init_resp(struct vam_client *c, uint8_t *out, size_t cap)
{
	const struct vam_client_cfg *k = c->cfg;
	struct vam_init_resp rs;
	struct vam_chan_keys keys[2];
	struct vam_tlv_writer w;
	uint8_t body[VAM_TLV_HDR_LEN + VAM_TRANSCRIPT_LEN];

	vam_init_resp_decode(&c->rx_at, &rs);
	if (!vam_client_accepts(k->enc, k->n_enc, k->integ, k->n_integ, rs.suite)) {
		fail(c, VAM_CODE_OK, VAM_DROP_BAD_PROPOSAL);
		return 0;
	}
	if (vam_handshake_keys_kx(c->kx, rs.pub, c->req.nonce, rs.nonce, k->psk, k->psk_len,
				  c->req.sender_id, rs.sender_id, rs.suite, keys) != 0) {
		fail(c, VAM_CODE_OK, VAM_DROP_INTEGRITY);
		return 0;
	}
	vam_session_init(&c->s, VAM_SIDE_CLIENT, rs.suite, rs.sender_id, keys);
	vam_wipe(keys, sizeof(keys));
	vam_kx_free(c->kx);
	c->kx = NULL;
	vam_transcript(c->req_body, c->req_len, c->rx, c->rx_len, c->transcript);
	vam_tlv_init(&w, body, sizeof(body));
	vam_tlv_put(&w, VAM_A_TRANSCRIPT, c->transcript, VAM_TRANSCRIPT_LEN);
	c->state = VAM_CL_INIT_DONE;
	return send_req(c, VAM_INIT_DONE_C, body, w.len, out, cap);
}

static long reg_req(struct vam_client *c, uint8_t *out, size_t cap)
{
	const struct vam_client_cfg *k = c->cfg;
	uint8_t body[512], pub[6];
	struct vam_tlv_writer w;

	vam_put32(pub, k->public_ip);
	vam_put16(pub + 4, k->public_port);
	vam_tlv_init(&w, body, sizeof(body));
	vam_tlv_put(&w, VAM_A_CLIENT_NAME, k->name, strnlen(k->name, VAM_NAME_MAX));
	vam_tlv_put_u32(&w, VAM_A_PRIVATE_ADDR, k->private_addr);
	vam_tlv_put(&w, VAM_A_PUBLIC_ADDR, pub, sizeof(pub));
	vam_tlv_put_u16(&w, VAM_A_DATA_PORT, k->data_port);
	if (k->networks_len)
		vam_tlv_put(&w, VAM_A_NETWORKS, k->networks, k->networks_len);
	if (vam_tlv_done(&w) < 0)
		return -1;
	c->state = VAM_CL_REG;
	return send_req(c, VAM_REG_REQ, body, w.len, out, cap);
}

/* AUTH_REQ: answer the method, or say we cannot with an empty body (S-39). */
static long auth_info(struct vam_client *c, uint8_t *out, size_t cap)
{
	const struct vam_client_cfg *k = c->cfg;
	uint8_t method = vam_attr_u8(&c->rx_at, VAM_A_AUTH_METHOD), body[512], resp[VAM_CHAP_LEN];
	const struct vam_attr *ch = &c->rx_at.a[VAM_A_CHAP_CHALLENGE];
	struct vam_tlv_writer w;

	vam_tlv_init(&w, body, sizeof(body));
	if (k->username_len && method == VAM_AUTH_PAP && c->s.suite.enc != VAM_ENC_NONE) {
		vam_tlv_put(&w, VAM_A_USERNAME, k->username, k->username_len);
		vam_tlv_put(&w, VAM_A_PASSWORD, k->password, k->password_len);
	} else if (k->username_len && method == VAM_AUTH_CHAP &&
		   vam_chap_response(ch->val[0], k->password, k->password_len, ch->val + 1,
				     resp) == 0) {
		vam_tlv_put(&w, VAM_A_USERNAME, k->username, k->username_len);
		vam_tlv_put(&w, VAM_A_CHAP_RESPONSE, resp, sizeof(resp));
	}
	c->state = VAM_CL_AUTH;
	return send_req(c, VAM_AUTH_INFO, body, w.len, out, cap);
}

static long reg_resp(struct vam_client *c, uint8_t *out, size_t cap)
{
	const struct vam_attrs *at = &c->rx_at;

	if (c->rx_code != VAM_CODE_OK) {
		fail(c, c->rx_code, VAM_OK);
		return 0;
	}
	c->role = vam_attr_u8(at, VAM_A_ROLE);
	c->keepalive = vam_attr_u16(at, VAM_A_KEEPALIVE);
	c->retries = at->a[VAM_A_KEEPALIVE].val[2];
	c->observed_ip = vam_get32(at->a[VAM_A_OBSERVED_ADDR].val);
	c->observed_port = vam_get16(at->a[VAM_A_OBSERVED_ADDR].val + 4);
	c->n_hubs = at->nhubs;
	for (unsigned int i = 0; i < at->nhubs; i++)
		memcpy(c->hubs + i * VAM_HUB_LEN, at->hub[i], VAM_HUB_LEN);
	c->state = VAM_CL_REGISTERED;
	return send_req(c, VAM_KEEPALIVE, NULL, 0, out, cap);	/* at once (S-47) */
}

/* HUB_INFO: keep the list, acknowledge by echoing it (S-49). */
static long hub_info(struct vam_client *c, uint8_t *out, size_t cap)
{
	uint8_t body[VAM_HUBS_MAX * (VAM_TLV_HDR_LEN + VAM_HUB_LEN)];
	struct vam_tlv_writer w;

	vam_tlv_init(&w, body, sizeof(body));
	c->n_hubs = c->rx_at.nhubs;
	for (unsigned int i = 0; i < c->rx_at.nhubs; i++) {
		memcpy(c->hubs + i * VAM_HUB_LEN, c->rx_at.hub[i], VAM_HUB_LEN);
		vam_tlv_put(&w, VAM_A_HUB, c->rx_at.hub[i], VAM_HUB_LEN);
	}
	/* The ACK is not a request the client retransmits: keep last_* as it was. */
	return vam_session_seal(&c->s, VAM_KEYS_CTRL, VAM_HUB_INFO_ACK, 0, body, w.len, out, cap);
}

static enum vam_drop open_ctrl(struct vam_client *c, const struct vam_hdr *h, const uint8_t *dgram,
			       size_t len)
{
	enum vam_replay_res res;

	if (h->id != c->req.sender_id || c->state == VAM_CL_OFFLINE)
		return VAM_DROP_UNKNOWN_SESSION;
	if (h->type == VAM_INIT_RESP) {
		if (c->state != VAM_CL_INIT)
			return VAM_DROP_UNEXPECTED_TYPE;
		return vam_rx_boot(&c->boot, h, dgram, len, c->rx, sizeof(c->rx), &c->rx_len);
	}
	if (c->state <= VAM_CL_INIT || c->state == VAM_CL_FAILED)
		return VAM_DROP_UNKNOWN_SESSION;
	return vam_session_open(&c->s, VAM_KEYS_CTRL, h, dgram, len, c->rx, sizeof(c->rx),
				&c->rx_len, &res);
}

/* What a message does in the client's state; returns the length of the answer or -1. */
static long handle(struct vam_client *c, uint8_t *out, size_t cap, enum vam_drop *d)
{
	switch (c->rx_type) {
	case VAM_INIT_RESP:
		if (c->rx_code == VAM_CODE_OK)
			return init_resp(c, out, cap);
		fail(c, c->rx_code, VAM_OK);
		return 0;
	case VAM_INIT_DONE_S:
		if (c->state != VAM_CL_INIT_DONE)
			break;
		if (CRYPTO_memcmp(c->rx_at.a[VAM_A_TRANSCRIPT].val, c->transcript,
				  VAM_TRANSCRIPT_LEN) != 0) {
			fail(c, VAM_CODE_OK, VAM_DROP_TRANSCRIPT);
			return 0;
		}
		return reg_req(c, out, cap);
	case VAM_AUTH_REQ:
		if (c->state != VAM_CL_REG)
			break;
		return auth_info(c, out, cap);
	case VAM_REG_RESP:
		if (c->state != VAM_CL_REG && c->state != VAM_CL_AUTH)
			break;
		return reg_resp(c, out, cap);
	case VAM_KEEPALIVE_ACK:
		if (c->state == VAM_CL_REGISTERED)
			c->state = VAM_CL_ONLINE;
		return 0;
	case VAM_HUB_INFO:
		if (c->state != VAM_CL_REGISTERED && c->state != VAM_CL_ONLINE)
			break;
		return hub_info(c, out, cap);
	case VAM_ERROR_NOTIFY:
	case VAM_LOGOUT_RESP:
		c->state = VAM_CL_OFFLINE;	/* S-52, S-54 */
		c->code = c->rx_code;
		return 0;
	default:
		return 0;	/* RESOLVE_RESP, NET_REG_RESP: the caller reads rx_* */
	}
	*d = VAM_DROP_UNEXPECTED_TYPE;
	return 0;
}

enum vam_drop vam_client_input(struct vam_client *c, const uint8_t *dgram, size_t len,
			       uint8_t *out, size_t cap, size_t *out_len)
{
	enum vam_drop d;
	struct vam_hdr h;
	long n;

	*out_len = 0;
	d = vam_hdr_check(dgram, len, VAM_CHAN_CTRL, VAM_SIDE_CLIENT, &h);
	if (d == VAM_OK)
		d = open_ctrl(c, &h, dgram, len);
	if (d == VAM_OK)
		d = vam_msg_parse(h.type, h.code, c->rx, c->rx_len, &c->rx_at, NULL);
	if (d != VAM_OK)
		return d;
	c->rx_type = h.type;
	c->rx_code = h.code;
	n = handle(c, out, cap, &d);
	if (n < 0)
		return VAM_DROP_MALFORMED;
	*out_len = (size_t)n;
	return d;
}
