/* SPDX-License-Identifier: BSD-3-Clause */
#include "vam_record.h"
#include "vam_rx.h"

enum vam_drop vam_rx_session(const struct vam_rx_keys *rk, const struct vam_hdr *h,
			     const uint8_t *dgram, size_t len, uint8_t *pt, size_t cap,
			     size_t *pt_len, enum vam_replay_res *res)
{
	enum vam_drop d;

	if (h->flags != vam_suite_flags(rk->suite))
		return VAM_DROP_BAD_FLAGS;
	if (!vam_replay_check(rk->win, h->seq))
		return VAM_DROP_REPLAY;
	d = vam_unseal(rk->suite, rk->keys, dgram, len, pt, cap, pt_len);
	if (d != VAM_OK)
		return d;
	*res = vam_replay_update(rk->win, h->seq);
	if (*res == VAM_REPLAY_REJECT)
		return VAM_DROP_REPLAY;
	if (vam_type_is_request(h->type) && h->code != VAM_CODE_OK)
		return VAM_DROP_MALFORMED;
	return VAM_OK;
}

enum vam_drop vam_rx_boot(const struct vam_dir_keys *boot, const struct vam_hdr *h,
			  const uint8_t *dgram, size_t len, uint8_t *pt, size_t cap,
			  size_t *pt_len)
{
	enum vam_drop d;

	if (h->flags != (VAM_F_E | VAM_F_A))
		return VAM_DROP_BAD_FLAGS;
	d = vam_unseal(VAM_SUITE_BOOT, boot, dgram, len, pt, cap, pt_len);
	if (d != VAM_OK)
		return d;
	if (h->seq != 0 || (h->type == VAM_INIT_REQ && h->code != VAM_CODE_OK))
		return VAM_DROP_MALFORMED;
	return VAM_OK;
}
