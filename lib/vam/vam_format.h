/* SPDX-License-Identifier: BSD-3-Clause */
/* Human-readable messages for logs, --once output and the self-test. */
#ifndef VAM_FORMAT_H
#define VAM_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "vam_tlv.h"

/* "SENDER_ID", ... or "ATTR_<n>" for unknown types (a static string or buf). */
const char *vam_attr_name(unsigned int type);

/*
 * One line describing a decoded body, e.g.
 * "SENDER_ID=0x11a45d03 ENC_ALGS=[aes-128-cbc] CLIENT_NAME=\"spoke-1\"".
 * Text is escaped; binary values are shortened. Always NUL-terminated;
 * returns the length written.
 */
size_t vam_format_attrs(const struct vam_attrs *at, char *buf, size_t cap);

/* "a.b.c.d" into buf (>= 16 bytes) from a host-order address. */
const char *vam_format_ipv4(uint32_t addr, char *buf);

#endif
