/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdio.h>
#include <stdlib.h>

#include "vec.h"

unsigned long vec_checked;

int main(void)
{
	Suite *s = suite_create("vectors");
	SRunner *sr;
	int failed;

	suite_add_tcase(s, vec_basic_tcase());
	suite_add_tcase(s, vec_handshake_tcase());
	suite_add_tcase(s, vec_invalid_tcase());
	sr = srunner_create(s);
	/* No fork: the count of checked vectors accumulates in this process. */
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	printf("vectors checked: %lu\n", vec_checked);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
