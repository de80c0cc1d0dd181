/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vam-selftest: run one complete VAM exchange between an in-memory client
 * and server built on the protocol core, printing every datagram decoded.
 * It checks the local crypto stack (OpenSSL) end to end, without network.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vam_format.h"
#include "vam_handshake.h"
#include "vam_keys.h"
#include "vam_msg.h"
#include "vam_record.h"
#include "vam_rx.h"
#include "vam_session.h"
#include "vam_suite.h"
#include "vam_wire.h"

#define DOMAIN 7
#define PSK "vamgw-selftest-psk"

struct party {
	const char *name;
	struct vam_session s;
};

static int fail(const char *what)
{
	fprintf(stderr, "vam-selftest: FAILED: %s\n", what);
	exit(1);
}

/* Print one datagram as the receiver decoded it. */
static void show(const char *dir, const struct vam_hdr *h, size_t len, const uint8_t *pt,
		 size_t pt_len)
{
	struct vam_attrs at;
	char line[1024] = "";

	if (h->type != VAM_DATA && vam_tlv_parse(pt, pt_len, &at, NULL) == VAM_OK)
		vam_format_attrs(&at, line, sizeof(line));
	else if (h->type == VAM_DATA)
		snprintf(line, sizeof(line), "inner IPv4 packet, %zu bytes", pt_len);
	printf("%s %-13s code=%-2u id=0x%08x seq=%-2llu %4zu bytes  %s\n", dir,
	       vam_type_name(h->type), h->code, h->id, (unsigned long long)h->seq, len, line);
}

/* Seal on one side, receive and check on the other, return the plaintext. */
static size_t exchange(struct party *tx, struct party *rx, enum vam_key_chan ch, uint8_t type,
		       const uint8_t *body, size_t len, uint8_t *pt)
{
	uint8_t dg[VAM_DATA_MAX];
	struct vam_hdr h;
	enum vam_replay_res res;
	size_t pt_len = 0;
	long n = vam_session_seal(&tx->s, ch, type, 0, body, len, dg, sizeof(dg));

	if (n < 0)
		fail("seal");
	if (vam_hdr_check(dg, (size_t)n, ch == VAM_KEYS_DATA ? VAM_CHAN_DATA : VAM_CHAN_CTRL,
			  rx->s.side, &h) != VAM_OK ||
	    vam_session_open(&rx->s, ch, &h, dg, (size_t)n, pt, VAM_DATA_MAX, &pt_len, &res) != VAM_OK)
		fail(vam_type_name(type));
	show(tx->s.side == VAM_SIDE_CLIENT ? "C->S" : "S->C", &h, (size_t)n, pt, pt_len);
	return pt_len;
}

static long boot_send(const struct vam_dir_keys *boot, uint8_t type, uint32_t id,
		      const uint8_t *body, size_t len, uint8_t *dg, uint8_t *pt, size_t *pt_len,
		      enum vam_side rx)
{
	struct vam_hdr h = { VAM_VERSION, type, 0, 0, id, 0 };
	long n = vam_seal(VAM_SUITE_BOOT, boot, &h, body, len, NULL, dg, VAM_CTRL_MAX);

	if (n < 0 || vam_hdr_check(dg, (size_t)n, VAM_CHAN_CTRL, rx, &h) != VAM_OK ||
	    vam_rx_boot(boot, &h, dg, (size_t)n, pt, VAM_CTRL_MAX, pt_len) != VAM_OK)
		fail(vam_type_name(type));
	show(rx == VAM_SIDE_SERVER ? "C->S" : "S->C", &h, (size_t)n, pt, *pt_len);
	return n;
}

static void handshake(struct vam_suite want, struct party *c, struct party *s)
{
	struct vam_init_req rq = { .n_enc = 1, .n_integ = 2, .integ = { 3, 2 }, .cookie = 0x01020304,
				   .domain = DOMAIN, .private_addr = 0x0a01000a };
	struct vam_init_resp rs = { .suite = want };
	struct vam_alg_list se = { { want.enc }, 1 }, si = { { 3, 2 }, 2 };
	uint8_t cpriv[32], spriv[32], req[512], resp[512], dg[VAM_CTRL_MAX], pt[VAM_CTRL_MAX];
	uint8_t t_c[32], t_s[32];
	struct vam_dir_keys boot;
	struct vam_chan_keys ck[2], sk[2];
	struct vam_attrs at;
	struct vam_tlv_writer w;
	size_t pt_len, req_len, resp_len;
	struct vam_suite got;

	rq.enc[0] = want.enc;
	if (vam_boot_keys((const uint8_t *)PSK, strlen(PSK), DOMAIN, &boot) ||
	    vam_x25519_keygen(cpriv, rq.pub) || vam_random(rq.nonce, 32) ||
	    vam_random(&rq.sender_id, 4) || vam_x25519_keygen(spriv, rs.pub) ||
	    vam_random(rs.nonce, 32) || vam_random(&rs.sender_id, 4))
		fail("key generation");
	rq.sender_id |= 1;
	rs.sender_id |= 1;
	req_len = (size_t)vam_init_req_encode(&rq, req, sizeof(req));
	boot_send(&boot, VAM_INIT_REQ, DOMAIN, req, req_len, dg, pt, &pt_len, VAM_SIDE_SERVER);
	if (vam_msg_parse(VAM_INIT_REQ, 0, pt, pt_len, &at, NULL) != VAM_OK ||
	    !vam_negotiate(&se, &si, rq.enc, rq.n_enc, rq.integ, rq.n_integ, &got))
		fail("negotiation");
	resp_len = (size_t)vam_init_resp_encode(&rs, resp, sizeof(resp));
	boot_send(&boot, VAM_INIT_RESP, rq.sender_id, resp, resp_len, dg, pt, &pt_len,
		  VAM_SIDE_CLIENT);
	if (vam_handshake_keys(cpriv, rs.pub, rq.nonce, rs.nonce, (const uint8_t *)PSK, strlen(PSK),
			       rq.sender_id, rs.sender_id, got, ck) ||
	    vam_handshake_keys(spriv, rq.pub, rq.nonce, rs.nonce, (const uint8_t *)PSK, strlen(PSK),
			       rq.sender_id, rs.sender_id, got, sk) ||
	    memcmp(ck, sk, sizeof(ck)) != 0)
		fail("key agreement");
	vam_session_init(&c->s, VAM_SIDE_CLIENT, got, rs.sender_id, ck);
	vam_session_init(&s->s, VAM_SIDE_SERVER, got, rq.sender_id, sk);
	vam_transcript(req, req_len, resp, resp_len, t_c);
	vam_tlv_init(&w, dg, sizeof(dg));
	vam_tlv_put(&w, VAM_A_TRANSCRIPT, t_c, 32);
	pt_len = exchange(c, s, VAM_KEYS_CTRL, VAM_INIT_DONE_C, dg, w.len, pt);
	vam_transcript(req, req_len, resp, resp_len, t_s);
	if (vam_tlv_parse(pt, pt_len, &at, NULL) != VAM_OK ||
	    memcmp(at.a[VAM_A_TRANSCRIPT].val, t_s, 32) != 0)
		fail("transcript");
	exchange(s, c, VAM_KEYS_CTRL, VAM_INIT_DONE_S, dg, w.len, pt);
}

static void registration(struct party *c, struct party *s)
{
	uint8_t body[512], pt[VAM_DATA_MAX];
	struct vam_tlv_writer w;
	uint8_t pub[6] = { 192, 168, 1, 10, 0x9c, 0x40 }, obs[6] = { 203, 0, 113, 10, 0xee, 0x48 };
	uint8_t hub[10] = { 10, 1, 0, 1, 192, 0, 2, 1, 0x46, 0x51 }, ka[3] = { 0, 10, 3 };
	/* ICMP echo request 10.1.0.10 -> 10.1.0.1, checksums not needed by the core. */
	uint8_t ping[28] = { 0x45, 0, 0, 28, 0, 1, 0, 0, 64, 1, 0, 0, 10, 1, 0, 10, 10, 1, 0, 1, 8 };

	vam_tlv_init(&w, body, sizeof(body));
	vam_tlv_put(&w, VAM_A_CLIENT_NAME, "spoke-1", 7);
	vam_tlv_put_u32(&w, VAM_A_PRIVATE_ADDR, 0x0a01000a);
	vam_tlv_put(&w, VAM_A_PUBLIC_ADDR, pub, sizeof(pub));
	vam_tlv_put_u16(&w, VAM_A_DATA_PORT, 40001);
	exchange(c, s, VAM_KEYS_CTRL, VAM_REG_REQ, body, w.len, pt);
	vam_tlv_init(&w, body, sizeof(body));
	vam_tlv_put_u8(&w, VAM_A_ROLE, VAM_NODE_SPOKE);
	vam_tlv_put(&w, VAM_A_KEEPALIVE, ka, sizeof(ka));
	vam_tlv_put(&w, VAM_A_OBSERVED_ADDR, obs, sizeof(obs));
	vam_tlv_put(&w, VAM_A_HUB, hub, sizeof(hub));
	exchange(s, c, VAM_KEYS_CTRL, VAM_REG_RESP, body, w.len, pt);
	exchange(c, s, VAM_KEYS_CTRL, VAM_KEEPALIVE, NULL, 0, pt);
	exchange(s, c, VAM_KEYS_CTRL, VAM_KEEPALIVE_ACK, NULL, 0, pt);
	if (exchange(c, s, VAM_KEYS_DATA, VAM_DATA, ping, sizeof(ping), pt) != sizeof(ping) ||
	    memcmp(pt, ping, sizeof(ping)) != 0)
		fail("DATA round trip");
}

static void usage(FILE *f)
{
	fprintf(f, "usage: vam-selftest [--suite ENC] [--help]\n"
		   "Run one VAM connection initialization and registration between an in-memory\n"
		   "client and server, printing every datagram as its receiver decoded it.\n"
		   "  -s, --suite ENC  encryption to negotiate: aes-128-cbc (with hmac-sha256),\n"
		   "                   aes-192-cbc, aes-256-cbc, aes-128-gcm, aes-256-gcm,\n"
		   "                   chacha20-poly1305 (default aes-256-gcm)\n"
		   "Exit status: 0 when every step checked out, 1 otherwise.\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = { { "suite", required_argument, NULL, 's' },
					      { "help", no_argument, NULL, 'h' },
					      { NULL, 0, NULL, 0 } };
	const struct vam_enc_info *e = vam_enc_by_name("aes-256-gcm");
	struct party c = { "client" }, s = { "server" };
	struct vam_suite suite;
	int o;

	while ((o = getopt_long(argc, argv, "s:h", opts, NULL)) != -1) {
		if (o == 's' && (e = vam_enc_by_name(optarg)) != NULL && e->id != VAM_ENC_NONE)
			continue;
		usage(o == 'h' ? stdout : stderr);
		return o == 'h' ? 0 : 2;
	}
	suite = (struct vam_suite){ e->id, e->kind == VAM_KIND_AEAD ? 0 : VAM_INTEG_HMAC_SHA256 };
	printf("vam-selftest: domain %u, suite %s%s%s\n", DOMAIN, e->name,
	       suite.integ ? "+" : "", suite.integ ? vam_integ_info(suite.integ)->name : "");
	handshake(suite, &c, &s);
	registration(&c, &s);
	vam_session_wipe(&c.s);
	vam_session_wipe(&s.s);
	printf("vam-selftest: OK: initialization, registration, keepalive and DATA checked\n");
	return 0;
}
