/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers shared by the unit tests: hex, JSON vector files, addresses. */
#ifndef VAM_TESTUTIL_H
#define VAM_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

/* Decode lowercase/uppercase hex into out (cap bytes); returns the length, aborts the test on bad input. */
size_t tu_hex(const char *hex, uint8_t *out, size_t cap);
/* Hex of a JSON string member; "" and null give 0 bytes. */
size_t tu_hexj(const cJSON *obj, const char *key, uint8_t *out, size_t cap);
/* Load tests/vectors/<name> (directory from $VAM_VECTORS or the build-time default). */
cJSON *tu_vectors(const char *name);
/* A JSON number member as u64 (aborts the test if missing). */
uint64_t tu_num(const cJSON *obj, const char *key);
/* "a.b.c.d" or "a.b.c.d:port" to host-order address (and port). */
uint32_t tu_ipv4(const char *s, uint16_t *port);
/* A JSON array of numbers into u16s; returns the count. */
unsigned int tu_u16s(const cJSON *arr, uint16_t *out, unsigned int cap);

#endif
