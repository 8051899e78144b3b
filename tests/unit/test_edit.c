/*
 * test_edit.c - the in-place editor of content files (content_edit.c):
 * a file read and written back unchanged is the same bytes; a text with a
 * quote, a backslash, a line break and Cyrillic is written so libconfig
 * reads back exactly that text; a setting absent is added in the group's
 * layout; comments and every other text stay as they were; a canned
 * reply in quotes becomes a group when its review is recorded; every
 * text of the shipped files is read as libconfig reads it.  Each
 * result is read again with libconfig, as the content loader reads it.
 */
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "yordam/content_edit.h"

static const char sample[] =
	"# locales/xx.conf - a test file.  Comments stay.\n"
	"language = \"ky\";\n"
	"texts = {\n"
	"  home = { text = \"Бир сан жазыңыз:\"; };\n"
	"  reg = { label = \"Каттоо\"; text = \"Тандаңыз:\";  # a note\n"
	"    keywords = [\"каттоо\", \"регистрация\"]; };\n"
	"  split = { text = \"one \" \"two\"; };\n"
	"};\n"
	"system = {\n"
	"  hint = \"Бир сан\";\n"
	"  /* a C comment */\n"
	"};\n"
	"replies = {\n"
	"  call_back = \"Чалабыз.\";\n"
	"};\n";

static struct content_edit *
open_sample(void)
{
	char err[200] = "";
	struct content_edit *e = content_edit_from(sample, strlen(sample),
		err, sizeof err);

	ck_assert_msg(e != NULL, "%s", err);
	return e;
}

/* The edited bytes as libconfig reads them: path's string. */
static char *
libconfig_reads(struct content_edit *e, const char *path)
{
	config_t lc;
	const char *s = NULL;
	size_t len;
	const char *b = content_edit_bytes(e, &len);
	char *copy = strndup(b, len), *out;

	config_init(&lc);
	ck_assert_msg(config_read_string(&lc, copy), "libconfig: line %d: %s",
		config_error_line(&lc), config_error_text(&lc));
	out = config_lookup_string(&lc, path, &s) ? strdup(s) : NULL;
	config_destroy(&lc);
	free(copy);
	return out;
}

START_TEST(round_trip_identical)
{
	struct content_edit *e = open_sample();
	char err[200] = "", *t;
	size_t len;

	/* Setting every text to what it is changes nothing. */
	ck_assert_int_eq(content_edit_set(e, "texts.reg.text", "Тандаңыз:",
		err, sizeof err), 0);
	t = content_edit_get(e, "texts.split.text");
	ck_assert_str_eq(t, "one two");
	ck_assert_int_eq(content_edit_set(e, "texts.split.text", t, err,
		sizeof err), 0);
	free(t);
	ck_assert_int_eq(content_edit_set(e, "system.hint", "Бир сан", err,
		sizeof err), 0);
	ck_assert_int_eq(memcmp(content_edit_bytes(e, &len), sample,
		sizeof sample - 1), 0);
	ck_assert_uint_eq(len, sizeof sample - 1);
	content_edit_free(e);
}
END_TEST

START_TEST(escapes_read_back)
{
	static const char *hard = "Он сказал: \"уйди\" \\ C:\\path\nвторая"
		" строка\tтаб";
	struct content_edit *e = open_sample();
	char err[200] = "", *t;
	size_t len;
	const char *b;

	ck_assert_int_eq(content_edit_set(e, "texts.reg.text", hard, err,
		sizeof err), 1);
	t = libconfig_reads(e, "texts.reg.text");
	ck_assert_str_eq(t, hard);
	free(t);
	t = content_edit_get(e, "texts.reg.text");
	ck_assert_str_eq(t, hard);
	free(t);
	b = content_edit_bytes(e, &len);
	ck_assert_ptr_nonnull(strstr(b, "\\\"уйди\\\" \\\\ C:\\\\path\\n"));
	/* Only that text changed: the label, keywords, comment are there. */
	ck_assert_ptr_nonnull(strstr(b, "label = \"Каттоо\"; text = \"Он"));
	ck_assert_ptr_nonnull(strstr(b, "  # a note\n    keywords = [\"каттоо\""));
	ck_assert_ptr_nonnull(strstr(b, "# locales/xx.conf - a test file."));
	ck_assert_ptr_nonnull(strstr(b, "/* a C comment */"));
	t = libconfig_reads(e, "texts.split.text");
	ck_assert_str_eq(t, "one two");
	free(t);
	/* A second change of the same text, and back: the file again. */
	ck_assert_int_eq(content_edit_set(e, "texts.reg.text", "Тандаңыз:",
		err, sizeof err), 1);
	b = content_edit_bytes(e, &len);
	ck_assert_uint_eq(len, sizeof sample - 1);
	ck_assert_int_eq(memcmp(b, sample, len), 0);
	content_edit_free(e);
}
END_TEST

START_TEST(added_where_absent)
{
	struct content_edit *e = open_sample();
	char err[200] = "", *t;
	size_t len;
	const char *b;

	ck_assert_int_eq(content_edit_set(e, "texts.home.reviewed_by",
		"Айгүл, native speaker", err, sizeof err), 1);
	ck_assert_int_eq(content_edit_set(e, "texts.home.reviewed_on",
		"2026-11-26", err, sizeof err), 1);
	b = content_edit_bytes(e, &len);
	ck_assert_ptr_nonnull(strstr(b, "  home = { text = \"Бир сан"
		" жазыңыз:\"; reviewed_by = \"Айгүл, native speaker\";"
		" reviewed_on = \"2026-11-26\"; };\n"));
	/* A group over several lines gets a line of its own. */
	ck_assert_int_eq(content_edit_set(e, "system.stopped", "Токтотулду.",
		err, sizeof err), 1);
	b = content_edit_bytes(e, &len);
	ck_assert_ptr_nonnull(strstr(b, "  /* a C comment */\n  stopped ="
		" \"Токтотулду.\";\n};\n"));
	/* A reply in quotes becomes a group with its review. */
	ck_assert_int_eq(content_edit_set(e, "replies.call_back.reviewed_by",
		"Бакыт, lawyer", err, sizeof err), 1);
	t = libconfig_reads(e, "replies.call_back.text");
	ck_assert_str_eq(t, "Чалабыз.");
	free(t);
	t = libconfig_reads(e, "replies.call_back.reviewed_by");
	ck_assert_str_eq(t, "Бакыт, lawyer");
	free(t);
	/* A node with no texts yet gets its group. */
	ck_assert_int_eq(content_edit_set(e, "texts.fresh.text", "Жаңы", err,
		sizeof err), 1);
	t = libconfig_reads(e, "texts.fresh.text");
	ck_assert_str_eq(t, "Жаңы");
	free(t);
	t = libconfig_reads(e, "texts.reg.label");
	ck_assert_str_eq(t, "Каттоо");
	free(t);
	/* A group is not a text. */
	ck_assert_int_eq(content_edit_set(e, "texts.reg", "x", err,
		sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "not a text"));
	content_edit_free(e);
}
END_TEST

START_TEST(written_atomically)
{
	char dir[] = "/tmp/yordam-test-edit.XXXXXX", path[256], err[200] = "";
	struct content_edit *e, *back;
	size_t len, blen;
	const char *b;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/ky.conf", dir);
	e = open_sample();
	ck_assert_int_eq(content_edit_set(e, "system.hint", "Жаңы \"сан\"",
		err, sizeof err), 1);
	ck_assert_msg(content_edit_write(e, path, 0644, err, sizeof err) == 0,
		"%s", err);
	back = content_edit_open(path, err, sizeof err);
	ck_assert_msg(back != NULL, "%s", err);
	b = content_edit_bytes(e, &len);
	ck_assert_int_eq(memcmp(content_edit_bytes(back, &blen), b, len), 0);
	ck_assert_uint_eq(blen, len);
	content_edit_free(back);
	content_edit_free(e);
	unlink(path);
	ck_assert_int_eq(rmdir(dir), 0);        /* no temporary left */
	/* A file the scanner cannot follow is refused with its line. */
	e = content_edit_from("a = {\n b = \"open;\n", 17, err, sizeof err);
	ck_assert_ptr_null(e);
	ck_assert_ptr_nonnull(strstr(err, "line"));
}
END_TEST

/* Every text libconfig reads under g is what the editor reads at the
 * same path; each set to itself changes nothing.  The count checked. */
static int
same_as_libconfig(struct content_edit *e, config_setting_t *g,
		const char *prefix)
{
	int i, n = 0;

	for (i = 0; i < config_setting_length(g); i++) {
		config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
		const char *name = config_setting_name(m);
		char path[512], err[200] = "", *got;
		if (!name)
			continue;       /* a list's member */
		snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "",
			name);
		if (config_setting_type(m) == CONFIG_TYPE_GROUP) {
			n += same_as_libconfig(e, m, path);
		} else if (config_setting_type(m) == CONFIG_TYPE_STRING) {
			got = content_edit_get(e, path);
			ck_assert_msg(got && strcmp(got, config_setting_get_string(
				m)) == 0, "%s: editor reads '%s'", path, got);
			ck_assert_int_eq(content_edit_set(e, path, got, err,
				sizeof err), 0);
			free(got);
			n++;
		}
	}
	return n;
}

START_TEST(shipped_files_read_as_libconfig_reads_them)
{
	static const char *const files[] = { "locales/ru.conf",
		"locales/uz.conf", "locales/ky.conf", "locales/tg.conf",
		"menus/main.conf", "law/deadlines.conf" };
	const char *top = getenv("top_srcdir");
	char path[4096], err[300] = "";
	size_t i;

	for (i = 0; i < sizeof files / sizeof *files; i++) {
		struct content_edit *e;
		config_t lc;
		size_t len;
		FILE *f;
		char *orig;
		long fl;
		int texts, want = i < 4 ? 100 : 0;
		snprintf(path, sizeof path, "%s/%s", top ? top : ".", files[i]);
		e = content_edit_open(path, err, sizeof err);
		ck_assert_msg(e != NULL, "%s", err);
		config_init(&lc);
		ck_assert_msg(config_read_file(&lc, path), "%s", path);
		/* menus/ and law/ hold lists of groups, whose members
		 * have no path: few named texts there. */
		texts = same_as_libconfig(e, config_root_setting(&lc), "");
		ck_assert_int_ge(texts, want);
		config_destroy(&lc);
		f = fopen(path, "rb");
		ck_assert_ptr_nonnull(f);
		fseek(f, 0, SEEK_END);
		fl = ftell(f);
		rewind(f);
		orig = malloc((size_t)fl + 1);
		ck_assert_uint_eq(fread(orig, 1, (size_t)fl, f), (size_t)fl);
		fclose(f);
		ck_assert_int_eq(memcmp(content_edit_bytes(e, &len), orig,
			(size_t)fl), 0);
		ck_assert_uint_eq(len, (size_t)fl);
		free(orig);
		content_edit_free(e);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("edit");
	TCase *tc = tcase_create("edit");

	tcase_add_test(tc, round_trip_identical);
	tcase_add_test(tc, escapes_read_back);
	tcase_add_test(tc, added_where_absent);
	tcase_add_test(tc, written_atomically);
	tcase_add_test(tc, shipped_files_read_as_libconfig_reads_them);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
