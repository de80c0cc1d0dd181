/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fuzz the parsers that see hostile bytes first: the header checks of every
 * port and side, and TLV decoding with every message schema.
 * Input: type (1 byte) || code (1 byte) || body; the whole input is also
 * tried as a datagram.
 */
#include <stdint.h>
#include <stdlib.h>

#include "vam_msg.h"
#include "vam_tlv.h"
#include "vam_wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_views(const uint8_t *body, size_t len, const struct vam_attrs *at)
{
	/* Every view must lie inside the body. */
	for (unsigned int t = 0; t <= VAM_A_MAX; t++) {
		if (!vam_has(at, t))
			continue;
		if (at->a[t].val < body || at->a[t].val + at->a[t].len > body + len)
			abort();
	}
	for (unsigned int i = 0; i < at->nhubs; i++)
		if (at->hub[i] < body || at->hub[i] + VAM_HUB_LEN > body + len)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vam_attrs at;
	struct vam_hdr h;
	uint16_t ids[VAM_ALGS_MAX];

	for (int chan = 0; chan < 2; chan++)
		for (int side = 0; side < 2; side++)
			(void)vam_hdr_check(data, size, chan, side, &h);
	if (size < 2)
		return 0;
	(void)vam_tlv_find_sender_id(data + 2, size - 2);
	if (vam_msg_parse(data[0], data[1], data + 2, size - 2, &at, NULL) == VAM_OK ||
	    vam_tlv_parse(data + 2, size - 2, &at, NULL) == VAM_OK) {
		check_views(data + 2, size - 2, &at);
		(void)vam_attr_algs(&at, VAM_A_ENC_ALGS, ids);
		(void)vam_attr_u32(&at, VAM_A_SENDER_ID);
	}
	return 0;
}
