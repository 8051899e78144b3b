/*
 * tap.h - run a Check suite and report it as TAP on stdout, so automake's
 * TAP driver counts every test case, not just every test program.
 */
#ifndef YORDAM_TEST_TAP_H
#define YORDAM_TEST_TAP_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "yordam/config.h"

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

/* A configuration with the deployment placeholders the content uses. */
static inline void
test_config_placeholders(struct yordam_config *cfg)
{
	static char *names[] = { "hotline", "emergency", "shelter", "lawyer",
		"consulate_uz", "consulate_kg", "consulate_tj", "office" };
	static char *values[] = { "+70000000001", "112", "+70000000002",
		"+70000000003", "+70000000004", "+70000000005",
		"+70000000006", "Almaty, Abai ave 10, office 5" };
	int i;

	memset(cfg, 0, sizeof *cfg);
	for (i = 0; i < 8; i++) {
		cfg->placeholders[i].name = names[i];
		cfg->placeholders[i].value = values[i];
	}
	cfg->n_placeholders = 8;
}

#endif
