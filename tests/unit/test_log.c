/*
 * test_log.c - journald priorities: with JOURNAL_STREAM naming the file
 * that stderr is (as systemd sets it for a service), each line starts
 * with <3> error, <4> warning, <6> info or <7> debug; with it unset, or
 * naming another stream, the lines are plain, as on a terminal.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "yordam/log.h"

static char path[] = "/tmp/yordam-test-log.XXXXXX";
static char out[4096];

/* Log one line of each level with stderr on a fresh file, JOURNAL_STREAM
 * set to js (its own dev:ino for "self", unset for NULL); what was
 * written ends up in out. */
static void
log_all(const char *js)
{
	int fd = mkstemp(path), saved = dup(STDERR_FILENO);
	struct stat sb;
	char buf[64];
	FILE *f;
	size_t n;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fstat(fd, &sb), 0);
	fflush(stderr);
	dup2(fd, STDERR_FILENO);
	if (js && strcmp(js, "self") == 0) {
		snprintf(buf, sizeof buf, "%llu:%llu",
			(unsigned long long)sb.st_dev,
			(unsigned long long)sb.st_ino);
		setenv("JOURNAL_STREAM", buf, 1);
	} else if (js) {
		setenv("JOURNAL_STREAM", js, 1);
	} else {
		unsetenv("JOURNAL_STREAM");
	}
	log_setup("test", LOG_LVL_DEBUG, 0);
	log_error("e %d", 1);
	log_warn("w");
	log_info("i");
	log_debug("d");
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	f = fdopen(fd, "r");
	rewind(f);
	n = fread(out, 1, sizeof out - 1, f);
	out[n] = '\0';
	fclose(f);
	unlink(path);
	strcpy(path + strlen(path) - 6, "XXXXXX");
	unsetenv("JOURNAL_STREAM");
}

START_TEST(journal_prefixes)
{
	log_all("self");
	ck_assert_str_eq(out, "<3>test: error: e 1\n<4>test: warning: w\n"
		"<6>test: info: i\n<7>test: debug: d\n");
}
END_TEST

START_TEST(plain_without_journal)
{
	log_all(NULL);
	ck_assert_str_eq(out, "test: error: e 1\ntest: warning: w\n"
		"test: info: i\ntest: debug: d\n");
}
END_TEST

/* Inherited by a process whose stderr is something else: plain. */
START_TEST(plain_on_another_stream)
{
	log_all("1:1");
	ck_assert_ptr_null(strchr(out, '<'));
	log_all("garbage");
	ck_assert_ptr_null(strchr(out, '<'));
	log_all("");
	ck_assert_ptr_null(strchr(out, '<'));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("log");
	TCase *t = tcase_create("log");

	tcase_add_test(t, journal_prefixes);
	tcase_add_test(t, plain_without_journal);
	tcase_add_test(t, plain_on_another_stream);
	suite_add_tcase(s, t);
	return run_suite(s);
}
