/*
 * tap.h - run a Check suite and report it as TAP on stdout, so automake's
 * TAP driver counts every test case, not just every test program.
 */
#ifndef YORDAM_TEST_TAP_H
#define YORDAM_TEST_TAP_H

#include <check.h>
#include <stdlib.h>

static inline int
run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
