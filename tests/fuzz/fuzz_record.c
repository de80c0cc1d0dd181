/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fuzz record unprotection. Input: selector (1 byte) || payload.
 * Selector bits 0-4 pick one of the 20 suites; bit 7 picks the mode:
 *  0: payload is a received datagram: header checks, then the session
 *     receive path (flags, replay, length/ICV/tag/padding, window), then
 *     the TLV step, as the server runs them;
 *  1: payload is a plaintext: seal it, unseal it, and abort unless the
 *     round trip gives the same bytes (reaches the padding and parse code
 *     that a forged ICV never reaches).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vam_msg.h"
#include "vam_record.h"
#include "vam_rx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct vam_suite suites[] = {
	{ 0, 0 },  { 0, 2 },  { 0, 3 },	 { 0, 4 },  { 0, 5 },  { 3, 2 },  { 3, 3 },
	{ 3, 4 },  { 3, 5 },  { 4, 2 },	 { 4, 3 },  { 4, 4 },  { 4, 5 },  { 5, 2 },
	{ 5, 3 },  { 5, 4 },  { 5, 5 },	 { 9, 0 },  { 10, 0 }, { 11, 0 },
};

static struct vam_dir_keys keys(void)
{
	struct vam_dir_keys k;

	for (size_t i = 0; i < sizeof(k.enc); i++)
		k.enc[i] = (uint8_t)(0x10 + i);
	memcpy(k.salt, "\x01\x02\x03\x04", 4);
	for (size_t i = 0; i < sizeof(k.integ); i++)
		k.integ[i] = (uint8_t)(0x80 + i);
	return k;
}

static void receive(struct vam_suite s, const struct vam_dir_keys *k, const uint8_t *dg,
		    size_t len)
{
	static uint8_t pt[VAM_DATA_MAX];
	struct vam_replay win;
	struct vam_hdr h;
	struct vam_attrs at;
	enum vam_replay_res res;
	size_t pt_len = 0;

	vam_replay_init(&win);
	(void)vam_replay_update(&win, 1000);
	if (vam_hdr_check(dg, len, VAM_CHAN_CTRL, VAM_SIDE_SERVER, &h) != VAM_OK)
		return;
	if (h.type == VAM_INIT_REQ) {
		if (vam_rx_boot(k, &h, dg, len, pt, sizeof(pt), &pt_len) != VAM_OK)
			return;
	} else if (vam_rx_session(&(struct vam_rx_keys){ s, k, &win }, &h, dg, len, pt, sizeof(pt),
				  &pt_len, &res) != VAM_OK) {
		return;
	}
	if (pt_len > len)
		abort();
	(void)vam_msg_parse(h.type, h.code, pt, pt_len, &at, NULL);
}

static void round_trip(struct vam_suite s, const struct vam_dir_keys *k, const uint8_t *pt,
		       size_t len)
{
	static uint8_t dg[VAM_DATA_MAX + 128], back[VAM_DATA_MAX + 128];
	struct vam_hdr h = { VAM_VERSION, VAM_KEEPALIVE, 0, 0, 0x01020304, 7 };
	size_t back_len = 0;
	long n;

	if (len > VAM_DATA_MAX - 128)
		return;
	n = vam_seal(s, k, &h, pt, len, NULL, dg, sizeof(dg));
	if (n < 0 || (size_t)n != VAM_HDR_LEN + vam_suite_body_len(s, len))
		abort();
	if (vam_unseal(s, k, dg, (size_t)n, back, sizeof(back), &back_len) != VAM_OK)
		abort();
	if (back_len != len || (len && memcmp(back, pt, len) != 0))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vam_dir_keys k;
	static int init;
	struct vam_suite s;

	if (size < 1)
		return 0;
	if (!init) {
		k = keys();
		init = 1;
	}
	s = suites[(data[0] & 0x1f) % (sizeof(suites) / sizeof(suites[0]))];
	if (data[0] & 0x80)
		round_trip(s, &k, data + 1, size - 1);
	else
		receive(s, &k, data + 1, size - 1);
	return 0;
}
