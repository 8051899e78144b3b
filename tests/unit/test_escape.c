/* test_escape.c - what yordamctl prints of a text: every control a
 * terminal could obey as a visible escape (ctl_escape.c), and JSON that
 * stays valid and encodes the same controls (json.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "tap.h"
#include "yordam/json.h"

/* What ctl_put() (json: json_string()) writes for s. */
static char *
shown(const char *s, int flags, int json)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	if (json)
		json_string(f, s);
	else
		ctl_put(f, s, flags);
	fclose(f);
	return buf;
}

static void
expect(const char *in, int flags, const char *want)
{
	char *got = shown(in, flags, 0);
	ck_assert_str_eq(got, want);
	free(got);
}

static void
expect_json(const char *in, const char *want)
{
	char *got = shown(in, 0, 1);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(plain_text_unchanged)
{
	expect("", 0, "");
	expect(NULL, 0, "");
	expect("pasport zabrali: 1-2 (ok) \\ \"q\"", 0,
		"pasport zabrali: 1-2 (ok) \\ \"q\"");
	expect("Паспорт ёрдам жардам ҳ ң ӯ «»…€", 0,
		"Паспорт ёрдам жардам ҳ ң ӯ «»…€");
	expect("\xC2\xA0nbsp \xF0\x9F\x98\x80", 0, "\xC2\xA0nbsp \xF0\x9F\x98\x80");
}
END_TEST

START_TEST(terminal_escapes_visible)
{
	expect("\x1b[2J\x1b]0;pwned\x07", 0, "\\x1b[2J\\x1b]0;pwned\\x07");
	expect("a\x01" "b\x7f" "c\x1f", 0, "a\\x01b\\x7fc\\x1f");
	expect("csi\xC2\x9B" "1m nel\xC2\x85 pad\xC2\x80", 0,
		"csi\\u009b1m nel\\u0085 pad\\u0080");
	expect("rlo\xE2\x80\xAE" "x lsep\xE2\x80\xA8 psep\xE2\x80\xA9 "
		"fsi\xE2\x81\xA8", 0,
		"rlo\\u202ex lsep\\u2028 psep\\u2029 fsi\\u2068");
}
END_TEST

START_TEST(line_breaks_by_mode)
{
	expect("one\ntwo\r\nthree\rfour\tfive", 0,
		"one\\ntwo\\r\\nthree\\rfour\\tfive");
	expect("one\ntwo\r\nthree\rfour\tfive", CTL_LINES,
		"one\ntwo\nthree\\rfour\\tfive");
	expect("end\r", CTL_LINES, "end\\r");
}
END_TEST

START_TEST(bytes_not_utf8)
{
	expect("bad \xFF byte", 0, "bad \\xff byte");
	expect("cut \xD0", 0, "cut \\xd0");
	expect("overlong \xC0\xAF", 0, "overlong \\xc0\\xaf");
	expect("surrogate \xED\xA0\x80", 0, "surrogate \\xed\\xa0\\x80");
	expect("lone \x9B", 0, "lone \\x9b");
}
END_TEST

START_TEST(one_character_at_a_time)
{
	char out[CTL_ESC_MAX];

	ck_assert_uint_eq(ctl_escape_one("\xD0\x96x", 0, out), 2);
	ck_assert_str_eq(out, "\xD0\x96");
	ck_assert_uint_eq(ctl_escape_one("\r\nx", CTL_LINES, out), 2);
	ck_assert_str_eq(out, "\n");
	ck_assert_uint_eq(ctl_escape_one("\r\nx", 0, out), 1);
	ck_assert_str_eq(out, "\\r");
	ck_assert_uint_eq(ctl_escape_one("\xF0\x9F", 0, out), 1);
	ck_assert_str_eq(out, "\\xf0");
}
END_TEST

START_TEST(json_encodes_controls)
{
	expect_json(NULL, "null");
	expect_json("q\"b\\/", "\"q\\\"b\\\\/\"");
	expect_json("\x1b[2J\x07\x7f\n\r\t", "\"\\u001b[2J\\u0007\\u007f\\n\\r\\t\"");
	expect_json("csi\xC2\x9B ls\xE2\x80\xA8 ps\xE2\x80\xA9",
		"\"csi\\u009b ls\\u2028 ps\\u2029\"");
	expect_json("Ёрдам \xC2\xA0 \xF0\x9F\x98\x80",
		"\"Ёрдам \xC2\xA0 \xF0\x9F\x98\x80\"");
	expect_json("bad \xFF\xD0", "\"bad \\ufffd\\ufffd\"");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("escape");
	TCase *t = tcase_create("escape");

	tcase_add_test(t, plain_text_unchanged);
	tcase_add_test(t, terminal_escapes_visible);
	tcase_add_test(t, line_breaks_by_mode);
	tcase_add_test(t, bytes_not_utf8);
	tcase_add_test(t, one_character_at_a_time);
	tcase_add_test(t, json_encodes_controls);
	suite_add_tcase(s, t);
	return run_suite(s);
}
