/* SPDX-License-Identifier: BSD-3-Clause */
#include <arpa/inet.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static int nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t tu_hex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = strlen(hex);

	ck_assert_msg(n % 2 == 0 && n / 2 <= cap, "bad hex length %zu (cap %zu)", n, cap);
	for (size_t i = 0; i < n / 2; i++) {
		int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);

		ck_assert_msg(hi >= 0 && lo >= 0, "bad hex digit");
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return n / 2;
}

size_t tu_hexj(const cJSON *obj, const char *key, uint8_t *out, size_t cap)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (v == NULL || cJSON_IsNull(v))
		return 0;
	ck_assert_msg(cJSON_IsString(v), "member %s is not a string", key);
	return tu_hex(v->valuestring, out, cap);
}

cJSON *tu_vectors(const char *name)
{
	const char *dir = getenv("VAM_VECTORS");
	char path[512];
	FILE *f;
	long n;
	char *buf;
	cJSON *j;

	if (dir == NULL)
		dir = VAM_VECTORS_DIR;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert(buf != NULL);
	ck_assert_int_eq(fread(buf, 1, (size_t)n, f), n);
	buf[n] = 0;
	fclose(f);
	j = cJSON_Parse(buf);
	free(buf);
	ck_assert_msg(j != NULL, "cannot parse %s", path);
	return j;
}

uint64_t tu_num(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	ck_assert_msg(cJSON_IsNumber(v), "member %s is not a number", key);
	return (uint64_t)v->valuedouble;
}

uint32_t tu_ipv4(const char *s, uint16_t *port)
{
	char host[64];
	const char *colon = strchr(s, ':');
	size_t n = colon ? (size_t)(colon - s) : strlen(s);
	struct in_addr a;

	ck_assert(n < sizeof(host));
	memcpy(host, s, n);
	host[n] = 0;
	ck_assert_int_eq(inet_pton(AF_INET, host, &a), 1);
	if (port)
		*port = colon ? (uint16_t)atoi(colon + 1) : 0;
	return ntohl(a.s_addr);
}

unsigned int tu_u16s(const cJSON *arr, uint16_t *out, unsigned int cap)
{
	unsigned int n = 0;
	const cJSON *e;

	cJSON_ArrayForEach(e, arr)
	{
		ck_assert(n < cap);
		out[n++] = (uint16_t)e->valuedouble;
	}
	return n;
}
