/* SPDX-License-Identifier: BSD-3-Clause */
/* The attribute case table of the TLV tests, and the helpers that read it. */
#ifndef VAM_TLV_CASES_H
#define VAM_TLV_CASES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define H16 "00112233445566778899aabbccddeeff"
#define H32 H16 H16
#define H17 "07" H16

struct acase {
	const char *name;
	uint16_t type;
	const char *hex;	/* the value; NULL: `fill` bytes of 'a' */
	size_t fill;
	bool ok;
};

/* The cases (nacases of them): a valid and an invalid value of every known attribute. */
extern const struct acase acases[];
extern const size_t nacases;

/* Whether t is a known attribute type: 1..28 but 8 and 23. */
bool known_attr(unsigned int t);
/* The value of a case into v; returns its length. */
size_t case_value(const struct acase *c, uint8_t *v, size_t cap);
/* The first valid value of the table for type t. */
size_t good_value(unsigned int t, uint8_t *v, size_t cap);

#endif
