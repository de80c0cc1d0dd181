/* SPDX-License-Identifier: BSD-3-Clause */
#include "vam_drop.h"

static const char *const drop_names[VAM_DROP_MAX] = {
	[VAM_OK] = "ok",
	[VAM_DROP_TOO_LONG] = "too long",
	[VAM_DROP_SHORT] = "short",
	[VAM_DROP_BAD_VERSION] = "bad version",
	[VAM_DROP_BAD_FLAGS] = "bad flags",
	[VAM_DROP_UNEXPECTED_TYPE] = "unexpected type",
	[VAM_DROP_UNKNOWN_SESSION] = "unknown session",
	[VAM_DROP_RATE_LIMITED] = "rate limited",
	[VAM_DROP_REPLAY] = "replay",
	[VAM_DROP_INTEGRITY] = "integrity",
	[VAM_DROP_DECRYPT] = "decrypt/padding",
	[VAM_DROP_MALFORMED] = "malformed TLV",
	[VAM_DROP_NO_ROUTE] = "no route",
	[VAM_DROP_SPOOFED] = "spoofed source",
	[VAM_DROP_TRANSCRIPT] = "transcript",
	[VAM_DROP_BAD_PROPOSAL] = "bad proposal",
};

const char *vam_drop_name(enum vam_drop d)
{
	if ((unsigned int)d >= VAM_DROP_MAX)
		return "?";
	return drop_names[d];
}
