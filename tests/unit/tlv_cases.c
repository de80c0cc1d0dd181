/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The attribute case table of the TLV tests (spec 4, S-10, S-12): valid and
 * invalid values of every known attribute, and the helpers that read it.
 */
#include <check.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "testutil.h"
#include "tlv_cases.h"
#include "vam_tlv.h"

#define X(n, t, h, ok) { n, t, h, 0, ok }
#define F(n, t, len, ok) { n, t, NULL, len, ok }

const struct acase acases[] = {
	X("SENDER_ID", VAM_A_SENDER_ID, "11a45d03", true),
	X("SENDER_ID max", VAM_A_SENDER_ID, "ffffffff", true),
	X("SENDER_ID 0", VAM_A_SENDER_ID, "00000000", false),
	X("SENDER_ID len 3", VAM_A_SENDER_ID, "11a45d", false),
	X("SENDER_ID len 5", VAM_A_SENDER_ID, "11a45d0300", false),
	X("SENDER_ID empty", VAM_A_SENDER_ID, "", false),
	F("NONCE", VAM_A_NONCE, 32, true),
	F("NONCE len 31", VAM_A_NONCE, 31, false),
	F("NONCE len 33", VAM_A_NONCE, 33, false),
	F("NONCE empty", VAM_A_NONCE, 0, false),
	X("KEX", VAM_A_KEX, "001d" H32, true),
	X("KEX group 31", VAM_A_KEX, "001f" H32, false),
	X("KEX group 0", VAM_A_KEX, "0000" H32, false),
	X("KEX len 33", VAM_A_KEX, "001d" H16 "00112233445566778899aabbccddee", false),
	X("KEX len 35", VAM_A_KEX, "001d" H32 "00", false),
	X("KEX group only", VAM_A_KEX, "001d", false),
	X("ENC_ALGS one", VAM_A_ENC_ALGS, "000a", true),
	X("ENC_ALGS several", VAM_A_ENC_ALGS, "000a00090005", true),
	X("ENC_ALGS odd ids", VAM_A_ENC_ALGS, "00010007ffff", true),
	F("ENC_ALGS 32 bytes", VAM_A_ENC_ALGS, 32, true),
	F("ENC_ALGS 34 bytes", VAM_A_ENC_ALGS, 34, false),
	X("ENC_ALGS odd length", VAM_A_ENC_ALGS, "000a00", false),
	X("ENC_ALGS 1 byte", VAM_A_ENC_ALGS, "0a", false),
	F("ENC_ALGS empty", VAM_A_ENC_ALGS, 0, false),
	X("INTEG_ALGS one", VAM_A_INTEG_ALGS, "0003", true),
	X("INTEG_ALGS [0]", VAM_A_INTEG_ALGS, "0000", true),
	F("INTEG_ALGS 32 bytes", VAM_A_INTEG_ALGS, 32, true),
	F("INTEG_ALGS 34 bytes", VAM_A_INTEG_ALGS, 34, false),
	X("INTEG_ALGS odd length", VAM_A_INTEG_ALGS, "00030002ff", false),
	F("INTEG_ALGS empty", VAM_A_INTEG_ALGS, 0, false),
	X("ENC_ALG", VAM_A_ENC_ALG, "0009", true),
	X("ENC_ALG 0", VAM_A_ENC_ALG, "0000", true),
	X("ENC_ALG len 1", VAM_A_ENC_ALG, "09", false),
	X("ENC_ALG len 3", VAM_A_ENC_ALG, "000900", false),
	X("ENC_ALG empty", VAM_A_ENC_ALG, "", false),
	X("INTEG_ALG", VAM_A_INTEG_ALG, "0003", true),
	X("INTEG_ALG len 1", VAM_A_INTEG_ALG, "03", false),
	X("INTEG_ALG len 4", VAM_A_INTEG_ALG, "00030000", false),
	X("TRANSCRIPT", VAM_A_TRANSCRIPT, H32, true),
	F("TRANSCRIPT len 31", VAM_A_TRANSCRIPT, 31, false),
	F("TRANSCRIPT len 33", VAM_A_TRANSCRIPT, 33, false),
	X("CLIENT_NAME", VAM_A_CLIENT_NAME, "73706f6b652d31", true),
	X("CLIENT_NAME 1 byte", VAM_A_CLIENT_NAME, "61", true),
	F("CLIENT_NAME 64 bytes", VAM_A_CLIENT_NAME, 64, true),
	X("CLIENT_NAME utf-8", VAM_A_CLIENT_NAME, "68c3a96ce282acf09f9880dfbfefbfbdf48fbfbf", true),
	X("CLIENT_NAME 2-byte", VAM_A_CLIENT_NAME, "c2a9", true),
	X("CLIENT_NAME U+D7FF", VAM_A_CLIENT_NAME, "ed9fbf", true),
	X("CLIENT_NAME U+E000", VAM_A_CLIENT_NAME, "ee8080", true),
	F("CLIENT_NAME empty", VAM_A_CLIENT_NAME, 0, false),
	F("CLIENT_NAME 65 bytes", VAM_A_CLIENT_NAME, 65, false),
	X("CLIENT_NAME NUL", VAM_A_CLIENT_NAME, "610062", false),
	X("CLIENT_NAME only NUL", VAM_A_CLIENT_NAME, "00", false),
	X("CLIENT_NAME overlong c0 80", VAM_A_CLIENT_NAME, "61c080", false),
	X("CLIENT_NAME overlong c1 bf", VAM_A_CLIENT_NAME, "c1bf", false),
	X("CLIENT_NAME overlong e0 80 80", VAM_A_CLIENT_NAME, "e08080", false),
	X("CLIENT_NAME overlong f0 80 80 80", VAM_A_CLIENT_NAME, "f0808080", false),
	X("CLIENT_NAME surrogate ed a0 80", VAM_A_CLIENT_NAME, "eda080", false),
	X("CLIENT_NAME surrogate ed bf bf", VAM_A_CLIENT_NAME, "edbfbf", false),
	X("CLIENT_NAME above U+10FFFF", VAM_A_CLIENT_NAME, "f4908080", false),
	X("CLIENT_NAME f5 lead", VAM_A_CLIENT_NAME, "f5808080", false),
	X("CLIENT_NAME lone continuation", VAM_A_CLIENT_NAME, "6180", false),
	X("CLIENT_NAME truncated 2-byte", VAM_A_CLIENT_NAME, "61c3", false),
	X("CLIENT_NAME truncated 3-byte", VAM_A_CLIENT_NAME, "e282", false),
	X("CLIENT_NAME bad continuation", VAM_A_CLIENT_NAME, "c341", false),
	X("CLIENT_NAME ff", VAM_A_CLIENT_NAME, "ff", false),
	X("PRIVATE_ADDR", VAM_A_PRIVATE_ADDR, "0a000001", true),
	X("PRIVATE_ADDR len 3", VAM_A_PRIVATE_ADDR, "0a0000", false),
	X("PRIVATE_ADDR len 5", VAM_A_PRIVATE_ADDR, "0a00000100", false),
	X("PUBLIC_ADDR", VAM_A_PUBLIC_ADDR, "c63364014650", true),
	X("PUBLIC_ADDR port 0", VAM_A_PUBLIC_ADDR, "000000000000", true),
	X("PUBLIC_ADDR len 5", VAM_A_PUBLIC_ADDR, "c633640146", false),
	X("PUBLIC_ADDR len 7", VAM_A_PUBLIC_ADDR, "c6336401465000", false),
	X("AUTH_METHOD PAP", VAM_A_AUTH_METHOD, "02", true),
	X("AUTH_METHOD none", VAM_A_AUTH_METHOD, "01", true),
	X("AUTH_METHOD CHAP", VAM_A_AUTH_METHOD, "03", true),
	X("AUTH_METHOD 0", VAM_A_AUTH_METHOD, "00", false),
	X("AUTH_METHOD 4", VAM_A_AUTH_METHOD, "04", false),
	X("AUTH_METHOD len 2", VAM_A_AUTH_METHOD, "0002", false),
	X("AUTH_METHOD empty", VAM_A_AUTH_METHOD, "", false),
	X("CHAP_CHALLENGE", VAM_A_CHAP_CHALLENGE, H17, true),
	X("CHAP_CHALLENGE len 16", VAM_A_CHAP_CHALLENGE, H16, false),
	X("CHAP_CHALLENGE len 18", VAM_A_CHAP_CHALLENGE, H17 "00", false),
	X("NETWORKS one", VAM_A_NETWORKS, "0a000000" "08" "00", true),
	X("NETWORKS empty", VAM_A_NETWORKS, "", true),
	X("NETWORKS two", VAM_A_NETWORKS, "c0a80100" "18" "05" "ac100000" "0c" "ff", true),
	X("NETWORKS /32", VAM_A_NETWORKS, "0a000001" "20" "00", true),
	X("NETWORKS /0", VAM_A_NETWORKS, "00000000" "00" "00", true),
	X("NETWORKS same address, two lengths", VAM_A_NETWORKS,
	  "0a000000" "08" "00" "0a000000" "10" "00", true),
	X("NETWORKS host bits", VAM_A_NETWORKS, "0a000001" "08" "00", false),
	X("NETWORKS host bits /31", VAM_A_NETWORKS, "0a000001" "1f" "00", false),
	X("NETWORKS host bits /0", VAM_A_NETWORKS, "80000000" "00" "00", false),
	X("NETWORKS prefix length 33", VAM_A_NETWORKS, "0a000000" "21" "00", false),
	X("NETWORKS prefix length 255", VAM_A_NETWORKS, "00000000" "ff" "00", false),
	X("NETWORKS same prefix twice", VAM_A_NETWORKS, "0a000000" "08" "00" "0a000000" "08" "00",
	  false),
	X("NETWORKS same prefix, other preference", VAM_A_NETWORKS,
	  "c0a80100" "18" "01" "0a000000" "08" "00" "c0a80100" "18" "02", false),
	X("NETWORKS len 5", VAM_A_NETWORKS, "0a000000" "08", false),
	X("NETWORKS len 7", VAM_A_NETWORKS, "0a000000" "08" "00" "00", false),
	X("NETWORKS len 11", VAM_A_NETWORKS, "0a000000" "08" "00" "0b000000" "08", false),
	X("USERNAME", VAM_A_USERNAME, "616c696365", true),
	F("USERNAME 1", VAM_A_USERNAME, 1, true),
	F("USERNAME 253", VAM_A_USERNAME, 253, true),
	X("USERNAME octets", VAM_A_USERNAME, "00ff80", true),
	F("USERNAME empty", VAM_A_USERNAME, 0, false),
	F("USERNAME 254", VAM_A_USERNAME, 254, false),
	X("PASSWORD", VAM_A_PASSWORD, "736563726574", true),
	F("PASSWORD 1", VAM_A_PASSWORD, 1, true),
	F("PASSWORD 63", VAM_A_PASSWORD, 63, true),
	F("PASSWORD empty", VAM_A_PASSWORD, 0, false),
	F("PASSWORD 64", VAM_A_PASSWORD, 64, false),
	X("CHAP_RESPONSE", VAM_A_CHAP_RESPONSE, H17, true),
	X("CHAP_RESPONSE len 16", VAM_A_CHAP_RESPONSE, H16, false),
	X("CHAP_RESPONSE len 18", VAM_A_CHAP_RESPONSE, H17 "07", false),
	X("KEEPALIVE", VAM_A_KEEPALIVE, "000a03", true),
	X("KEEPALIVE 1/1", VAM_A_KEEPALIVE, "000101", true),
	X("KEEPALIVE 65535/6", VAM_A_KEEPALIVE, "ffff06", true),
	X("KEEPALIVE interval 0", VAM_A_KEEPALIVE, "000003", false),
	X("KEEPALIVE retries 0", VAM_A_KEEPALIVE, "000a00", false),
	X("KEEPALIVE retries 7", VAM_A_KEEPALIVE, "000a07", false),
	X("KEEPALIVE retries 255", VAM_A_KEEPALIVE, "000aff", false),
	X("KEEPALIVE len 2", VAM_A_KEEPALIVE, "000a", false),
	X("KEEPALIVE len 4", VAM_A_KEEPALIVE, "000a0300", false),
	X("CONNECTION_ID", VAM_A_CONNECTION_ID, "12345678" "0007" "0001" "0a000002", true),
	X("CONNECTION_ID cookie 0", VAM_A_CONNECTION_ID, "00000000" "ffff" "0001" "00000000",
	  true),
	X("CONNECTION_ID domain 0", VAM_A_CONNECTION_ID, "12345678" "0000" "0001" "0a000002",
	  false),
	X("CONNECTION_ID address type 2", VAM_A_CONNECTION_ID,
	  "12345678" "0007" "0002" "0a000002", false),
	X("CONNECTION_ID address type 0", VAM_A_CONNECTION_ID,
	  "12345678" "0007" "0000" "0a000002", false),
	X("CONNECTION_ID len 11", VAM_A_CONNECTION_ID, "12345678" "0007" "0001" "0a0000", false),
	X("CONNECTION_ID len 13", VAM_A_CONNECTION_ID, "12345678" "0007" "0001" "0a00000200",
	  false),
	X("ROLE hub", VAM_A_ROLE, "01", true),
	X("ROLE spoke", VAM_A_ROLE, "02", true),
	X("ROLE 0", VAM_A_ROLE, "00", false),
	X("ROLE 3", VAM_A_ROLE, "03", false),
	X("ROLE len 2", VAM_A_ROLE, "0001", false),
	X("HUB", VAM_A_HUB, "0a000001" "c6336401" "4651", true),
	X("HUB len 9", VAM_A_HUB, "0a000001" "c6336401" "46", false),
	X("HUB len 11", VAM_A_HUB, "0a000001" "c6336401" "465100", false),
	X("HUB empty", VAM_A_HUB, "", false),
	X("TARGET", VAM_A_TARGET, "0a000005", true),
	X("TARGET len 3", VAM_A_TARGET, "0a0000", false),
	X("TARGET len 5", VAM_A_TARGET, "0a00000500", false),
	X("NODE", VAM_A_NODE, "0a000005" "cb007105" "4651" "02" "01", true),
	X("NODE hub no nat", VAM_A_NODE, "0a000001" "c6336401" "4651" "01" "00", true),
	X("NODE role 3", VAM_A_NODE, "0a000005" "cb007105" "4651" "03" "00", false),
	X("NODE role 0", VAM_A_NODE, "0a000005" "cb007105" "4651" "00" "00", false),
	X("NODE nat 2", VAM_A_NODE, "0a000005" "cb007105" "4651" "02" "02", false),
	X("NODE len 11", VAM_A_NODE, "0a000005" "cb007105" "4651" "02", false),
	X("NODE len 13", VAM_A_NODE, "0a000005" "cb007105" "4651" "02" "00" "00", false),
	X("REASON", VAM_A_REASON, "7265706c61636564", true),
	X("REASON empty", VAM_A_REASON, "", true),
	X("REASON invalid utf-8", VAM_A_REASON, "ffc08000", true),
	F("REASON 128", VAM_A_REASON, 128, true),
	F("REASON 129", VAM_A_REASON, 129, false),
	X("OBSERVED_ADDR", VAM_A_OBSERVED_ADDR, "cb0071059c40", true),
	X("OBSERVED_ADDR len 5", VAM_A_OBSERVED_ADDR, "cb0071059c", false),
	X("OBSERVED_ADDR len 7", VAM_A_OBSERVED_ADDR, "cb0071059c4000", false),
	X("DATA_PORT", VAM_A_DATA_PORT, "4651", true),
	X("DATA_PORT 1", VAM_A_DATA_PORT, "0001", true),
	X("DATA_PORT 0", VAM_A_DATA_PORT, "0000", false),
	X("DATA_PORT len 1", VAM_A_DATA_PORT, "46", false),
	X("DATA_PORT len 3", VAM_A_DATA_PORT, "465100", false),
};

const size_t nacases = ARRAY_SIZE(acases);

bool known_attr(unsigned int t)
{
	return t >= 1 && t <= 28 && t != 8 && t != 23;
}

/* The value of a case into v; returns its length. */
size_t case_value(const struct acase *c, uint8_t *v, size_t cap)
{
	if (c->hex != NULL)
		return tu_hex(c->hex, v, cap);
	ck_assert_uint_le(c->fill, cap);
	memset(v, 'a', c->fill);
	return c->fill;
}

/* The first valid value of the table for type t. */
size_t good_value(unsigned int t, uint8_t *v, size_t cap)
{
	for (size_t i = 0; i < nacases; i++)
		if (acases[i].type == t && acases[i].ok)
			return case_value(&acases[i], v, cap);
	ck_abort_msg("no valid value for attribute %u", t);
	return 0;
}
