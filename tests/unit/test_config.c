/* test_config.c - yordam.conf parsing and its file:line errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <unistd.h>
#include <sys/stat.h>

#include "tap.h"
#include "yordam/config.h"

static char dir[] = "/tmp/yordam-config-XXXXXX";
static char path[512];

static const char *
content_dir(void)
{
	static char buf[1024], abs[1024];
	const char *top = getenv("top_srcdir");
	snprintf(buf, sizeof buf, "%s/tests/data/content", top ? top : ".");
	return realpath(buf, abs) ? abs : buf;
}

static void
write_conf(const char *body)
{
	FILE *f;

	strcpy(dir, "/tmp/yordam-config-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof path, "%s/yordam.conf", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(body, f);
	fclose(f);
}

static int
load(const char *body, struct yordam_config *cfg, char *err, size_t n)
{
	char full[4096];

	int rc;

	snprintf(full, sizeof full, body, content_dir());
	write_conf(full);
	rc = config_load(path, cfg, err, n);
	unlink(path);
	rmdir(dir);
	return rc;
}

START_TEST(good_inline_dummy)
{
	struct yordam_config cfg;
	char err[512];
	int rc = load("modem = { model = \"dummy\"; connection = \"none\";"
		" device = \"phone\"; };\n"
		"database = \"y.db\";\ncontent = \"%s\";\n"
		"session_timeout = 60;\n"
		"placeholders = { hotline = \"+7 700\"; };\n", &cfg, err,
		sizeof err);
	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_str_eq(cfg.modem_model, "dummy");
	ck_assert_int_eq(cfg.session_timeout, 60);
	ck_assert_int_eq(cfg.poll_interval_ms, 500);   /* default */
	/* above the 30 s an SMS may take to send, below libgammu's 500 */
	ck_assert_int_eq(cfg.worker_stuck_seconds, 120);
	ck_assert_ptr_nonnull(strstr(cfg.database, "/y.db"));
	ck_assert_int_eq(cfg.database[0], '/');        /* resolved */
	ck_assert_str_eq(config_placeholder(&cfg, "hotline"), "+7 700");
	ck_assert_ptr_null(config_placeholder(&cfg, "nope"));
	config_free(&cfg);
}
END_TEST

START_TEST(unknown_key_names_line)
{
	struct yordam_config cfg;
	char err[512];
	int rc = load("modem = { device = \"phone\"; };\n"
		"database = \"y.db\";\ncontent = \"%s\";\n"
		"sesion_timeout = 60;\n", &cfg, err, sizeof err);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strstr(err, "yordam.conf:4: unknown key 'sesion_timeout'"),
		"%s", err);
}
END_TEST

START_TEST(wrong_type_names_line)
{
	struct yordam_config cfg;
	char err[512];
	int rc = load("modem = { device = \"phone\"; };\n"
		"database = \"y.db\";\ncontent = \"%s\";\n"
		"poll_interval_ms = \"fast\";\n", &cfg, err, sizeof err);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strstr(err, ":4: 'poll_interval_ms' must be a whole number"),
		"%s", err);
}
END_TEST

START_TEST(syntax_error_names_line)
{
	struct yordam_config cfg;
	char err[512];
	int rc = load("modem = { device = \"phone\"; };\n"
		"database = ;\ncontent = \"%s\";\n", &cfg, err,
		sizeof err);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strstr(err, "yordam.conf:2: syntax error"), "%s", err);
}
END_TEST

/* A value pasted with curly quotes: where, and how to write it. */
START_TEST(syntax_error_curly_quotes_explained)
{
	struct yordam_config cfg;
	char err[512];
	int rc = load("modem = { device = \"phone\"; };\n"
		"database = “/tmp/x.db”;\ncontent = \"%s\";\n", &cfg, err,
		sizeof err);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strstr(err, "yordam.conf:2:12: the text starts with a"
		" curly quote “ — write a straight quote \" around texts:"
		" database = \"...\";"), "%s", err);
}
END_TEST

START_TEST(missing_file)
{
	struct yordam_config cfg;
	char err[512];
	ck_assert_int_eq(config_load("/nonexistent/yordam.conf", &cfg, err,
		sizeof err), -1);
	ck_assert_msg(strstr(err, "/nonexistent/yordam.conf:0: cannot read"),
		"%s", err);
}
END_TEST

START_TEST(missing_content_dir)
{
	struct yordam_config cfg;
	char err[512];
	int rc = load("modem = { device = \"phone\"; };\n"
		"database = \"y.db\";\ncontent = \"%s/nope\";\n", &cfg, err,
		sizeof err);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strstr(err, ":3: content directory"), "%s", err);
}
END_TEST

START_TEST(modem_needs_one_way)
{
	struct yordam_config cfg;
	char err[512];
	int rc = load("modem = { model = \"at\"; };\n"
		"database = \"y.db\";\ncontent = \"%s\";\n", &cfg, err,
		sizeof err);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strstr(err, ":1: modem needs 'gammurc' or 'device'"),
		"%s", err);
}
END_TEST

START_TEST(out_of_range)
{
	struct yordam_config cfg;
	char err[512];
	int rc = load("modem = { device = \"d\"; };\n"
		"database = \"y.db\";\ncontent = \"%s\";\nsend_retries = -1;\n",
		&cfg, err, sizeof err);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strstr(err, ":4: 'send_retries' must be in 0..100"),
		"%s", err);
}
END_TEST

/* A stuck limit of 0 or 1 s would kill every worker in its first
 * modem call: refused with the range. */
START_TEST(worker_stuck_range)
{
	struct yordam_config cfg;
	char err[512];
	int rc = load("modem = { device = \"d\"; };\n"
		"database = \"y.db\";\ncontent = \"%s\";\n"
		"worker_stuck_seconds = 1;\n", &cfg, err, sizeof err);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strstr(err, ":4: 'worker_stuck_seconds' must be in"
		" 2..3600"), "%s", err);
}
END_TEST

START_TEST(staff_entries)
{
	struct yordam_config cfg;
	char err[512];
	int rc = load("modem = { device = \"d\"; };\n"
		"database = \"y.db\";\ncontent = \"%s\";\n"
		"staff = ( { name = \"A\"; phone = \"+77010000001\"; pin = \"582913\";"
		" on_call = \"22:00-06:00\"; } );\n", &cfg, err, sizeof err);
	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_int_eq(cfg.n_staff, 1);
	ck_assert_int_eq(cfg.staff[0].from_minute, 22 * 60);
	ck_assert_int_eq(cfg.staff[0].to_minute, 6 * 60);
	ck_assert_ptr_nonnull(config_staff_by_phone(&cfg, "+77010000001"));
	config_free(&cfg);
	rc = load("modem = { device = \"d\"; };\n"
		"database = \"y.db\";\ncontent = \"%s\";\n"
		"staff = ( { name = \"A\"; phone = \"+77010000001\"; pin = \"12\"; } );\n",
		&cfg, err, sizeof err);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strstr(err, ":4: staff 'A': the PIN must be at least 6"
		" digits"), "%s", err);
	/* Four digits, letters, a space: refused, with the line. */
	{
		static const char *bad[] = { "1234", "12345a", "123 456", "" };
		size_t i;
		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			char conf[512];
			snprintf(conf, sizeof conf, "modem = { device = \"d\"; };\n"
				"database = \"y.db\";\ncontent = \"%%s\";\n"
				"staff = ( { name = \"A\"; phone = \"+77010000001\";"
				" pin = \"%s\"; } );\n", bad[i]);
			ck_assert_int_eq(load(conf, &cfg, err, sizeof err), -1);
			ck_assert_msg(strstr(err, ":4: staff 'A': the PIN must"),
				"%s: %s", bad[i], err);
		}
	}
	/* A hash loads, and is not plain. */
	rc = load("modem = { device = \"d\"; };\n"
		"database = \"y.db\";\ncontent = \"%s\";\n"
		"staff = ( { name = \"A\"; phone = \"+77010000001\"; pin ="
		" \"$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$aGFzaA\"; } );\n",
		&cfg, err, sizeof err);
	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_int_eq(cfg.staff[0].pin_plain, 0);
	config_free(&cfg);
}
END_TEST

/* The first three lines every test below shares: errors count from 4. */
#define HEAD "modem = { device = \"d\"; };\n" \
	"database = \"y.db\";\ncontent = \"%s\";\n"

/* Load body (after HEAD) and expect it refused with want in the error. */
static void
refused(const char *body, const char *want)
{
	struct yordam_config cfg;
	char conf[2048], err[512];

	snprintf(conf, sizeof conf, "%s%s", HEAD, body);
	ck_assert_msg(load(conf, &cfg, err, sizeof err) == -1,
		"accepted: %s", body);
	ck_assert_msg(strstr(err, want), "want '%s', got '%s'", want, err);
}

/* A typo in a staff entry must not leave someone on call around the
 * clock, nor a PIN written as a number pass as "missing". */
START_TEST(staff_unknown_keys)
{
	refused("staff = (\n"
		"  { name = \"Aigerim\"; phone = \"+77001234567\"; pin = \"482913\";\n"
		"    on_cal = \"09:00-18:00\"; }\n);\n",
		"yordam.conf:6: unknown key 'on_cal' in staff entry 'Aigerim'");
	refused("staff = ( { name = \"Timur\"; phone = \"+77001234567\";\n"
		"  pin = \"482913\"; oncall = \"always\"; } );\n",
		"yordam.conf:5: unknown key 'oncall' in staff entry 'Timur'");
	/* Without a name, the entry's number in the list. */
	refused("staff = ( { name = \"A\"; phone = \"+77001234567\"; pin = \"482913\"; },\n"
		"  { nmae = \"B\"; phone = \"+77001234568\"; pin = \"482913\"; } );\n",
		"yordam.conf:5: unknown key 'nmae' in staff entry 2");
	refused("staff = ( { name = \"A\";\n phone = \"+77001234567\";\n"
		" pin = 482913; } );\n",
		"yordam.conf:6: 'pin' in staff entry 'A' must be a string");
	refused("staff = ( { name = \"A\"; phone = \"+77001234567\"; pin = \"482913\";"
		" on_call = { from = \"09:00\"; }; } );\n",
		"yordam.conf:4: 'on_call' in staff entry 'A' must be a string");
	refused("staff = ( { name = \"A\"; pin = \"482913\"; } );\n",
		"yordam.conf:4: staff entry 'A' needs name, phone and pin");
	/* The other groups. */
	refused("placeholders = { hotline = \"+77001234567\"; x = { y = 1; }; };\n",
		"yordam.conf:4: placeholder 'x' must be a string");
	refused("staff = ( \"Aigerim\" );\n",
		"yordam.conf:4: each staff entry must be a group");
}
END_TEST

/* A number the modem will never report as a sender can never log in:
 * staff phones are E.164, + and 8 to 15 digits, as written nowhere else. */
START_TEST(staff_phone_e164)
{
	static const char *bad[] = { "+7 700 123 45 67", "87001234567",
		"+7701", "+1234567890123456", "+7700abc4567", "+77001234567 ",
		"+7-700-123-45-67", "", "++77001234567" };
	struct yordam_config cfg;
	char body[512], want[256], err[512], conf[1024];
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(body, sizeof body, "staff = (\n"
			"  { name = \"Aigerim\"; pin = \"482913\";\n"
			"    phone = \"%s\"; }\n);\n", bad[i]);
		snprintf(want, sizeof want, "yordam.conf:6: staff 'Aigerim':"
			" phone '%s' must be + and 8 to 15 digits", bad[i]);
		refused(body, want);
	}
	/* The shortest and the longest E.164 numbers load. */
	snprintf(conf, sizeof conf, "%s%s", HEAD, "staff = (\n"
		"  { name = \"A\"; pin = \"482913\"; phone = \"+99612345\"; },\n"
		"  { name = \"B\"; pin = \"482913\"; phone = \"+123456789012345\"; }\n);\n");
	ck_assert_msg(load(conf, &cfg, err, sizeof err) == 0, "%s", err);
	ck_assert_ptr_nonnull(config_staff_by_phone(&cfg, "+123456789012345"));
	config_free(&cfg);
	/* Two entries with one phone: the second could never log in. */
	refused("staff = (\n"
		"  { name = \"Aigerim\"; pin = \"482913\"; phone = \"+77001234567\"; },\n"
		"  { name = \"Timur\"; pin = \"771205\"; phone = \"+77001234567\"; }\n);\n",
		"yordam.conf:6: staff 'Timur': phone +77001234567 is Aigerim's too"
		" (line 5)");
}
END_TEST

/* A fake tzdata: the check must follow TZDIR, as the C library does. */
static char tzdir[] = "/tmp/yordam-tz-XXXXXX";

static void
fake_tzdata(void)
{
	char p[256];
	FILE *f;

	strcpy(tzdir, "/tmp/yordam-tz-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tzdir));
	snprintf(p, sizeof p, "%s/Asia", tzdir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	snprintf(p, sizeof p, "%s/Asia/Almaty", tzdir);
	ck_assert_ptr_nonnull(f = fopen(p, "w"));
	fputs("TZif2\n", f);
	fclose(f);
	snprintf(p, sizeof p, "%s/zone.tab", tzdir);
	ck_assert_ptr_nonnull(f = fopen(p, "w"));
	fputs("KZ\t+4315+07657\tAsia/Almaty\n", f);
	fclose(f);
	setenv("TZDIR", tzdir, 1);
}

static void
tz_refused(const char *tz, int line, const char *why)
{
	char body[256], want[256];

	snprintf(body, sizeof body, "# a comment\ntimezone = \"%s\";\n", tz);
	snprintf(want, sizeof want, "yordam.conf:%d: timezone '%s': %s", line,
		tz, why);
	refused(body, want);
}

/* A zone the C library does not know runs the helpline on UTC: deadlines
 * and reminder hours hours off, silently. */
START_TEST(timezone_checked)
{
	static const char *good[] = { "Asia/Almaty", ":Asia/Almaty", "<+05>-5",
		"UTC0", "EST5EDT", "EST5EDT,M3.2.0,M11.1.0",
		"<+0330>-3:30", "CET-1CEST,M3.5.0,M10.5.0/3", "XYZ-5:45:10" };
	struct yordam_config cfg;
	char conf[512], err[512];
	size_t i;

	fake_tzdata();
	tz_refused("Mars/Olympus_Mons", 5, "not a zone of tzdata in ");
	tz_refused("Asia/Almaty ", 5, "not a zone of tzdata");
	tz_refused("Asia/Almati", 5, "not a zone of tzdata");
	tz_refused("Asia", 5, "not a zone of tzdata");
	tz_refused("zone.tab", 5, "not a zone of tzdata");
	tz_refused("../../../etc/passwd", 5, "a zone name may not contain '..'");
	tz_refused("Asia/../Asia/Almaty", 5, "a zone name may not contain '..'");
	tz_refused("/etc/localtime", 5, "a zone name may not contain '..' or"
		" start with '/'");
	tz_refused("", 5, "not a zone of tzdata");
	tz_refused("UTC+", 5, "not a zone of tzdata");
	tz_refused("<+05>-5,M3", 5, "not a zone of tzdata");
	tz_refused("EST25", 5, "not a zone of tzdata");
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		snprintf(conf, sizeof conf, "%stimezone = \"%s\";\n", HEAD,
			good[i]);
		ck_assert_msg(load(conf, &cfg, err, sizeof err) == 0, "%s: %s",
			good[i], err);
		config_free(&cfg);
	}
	unsetenv("TZDIR");
	snprintf(conf, sizeof conf, "%s/Asia/Almaty", tzdir);
	unlink(conf);
	snprintf(conf, sizeof conf, "%s/Asia", tzdir);
	rmdir(conf);
	snprintf(conf, sizeof conf, "%s/zone.tab", tzdir);
	unlink(conf);
	rmdir(tzdir);
}
END_TEST

/* connection = "att" loaded, and the modem never connected: only
 * libgammu's error at start-up, in a loop, said why. */
START_TEST(modem_connection_checked)
{
	static const char *bad[] = { "att", "at1234", "at115200x", "",
		"usb", "at 115200", "serial", "none-nodtrx", "-nodtr", "at--nodtr" };
	static const char *good[] = { "at", "AT", "at115200", "at19200",
		"none", "fbus", "dlr3", "blueat", "at-nodtr", "fbus-nopower",
		"dku2at", "irdaat", "at-nodtr-nopower" };
	struct yordam_config cfg;
	char conf[512], err[512], want[256];
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(conf, sizeof conf, "database = \"y.db\";\n"
			"content = \"%%s\";\nmodem = {\n"
			"  device = \"/dev/ttyUSB0\";\n  model = \"at\";\n"
			"  connection = \"%s\";\n};\n", bad[i]);
		snprintf(want, sizeof want, "yordam.conf:6: connection '%s' in"
			" modem is not one Gammu knows", bad[i]);
		ck_assert_msg(load(conf, &cfg, err, sizeof err) == -1,
			"accepted: %s", bad[i]);
		ck_assert_msg(strstr(err, want), "%s", err);
	}
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		snprintf(conf, sizeof conf, "database = \"y.db\";\n"
			"content = \"%%s\";\nmodem = { device = \"/dev/ttyUSB0\";"
			" connection = \"%s\"; };\n", good[i]);
		ck_assert_msg(load(conf, &cfg, err, sizeof err) == 0, "%s: %s",
			good[i], err);
		config_free(&cfg);
	}
}
END_TEST

static int
has_warning(const struct yordam_config *cfg, const char *want)
{
	int i;

	for (i = 0; i < cfg->n_warnings; i++)
		if (strstr(cfg->warnings[i], want))
			return 1;
	return 0;
}

static void
list_warnings(const struct yordam_config *cfg, char *out, size_t n)
{
	int i;

	out[0] = '\0';
	for (i = 0; i < cfg->n_warnings; i++)
		snprintf(out + strlen(out), n - strlen(out), "[%s]",
			cfg->warnings[i]);
}

/* What loads but should not stay: the sample's +7XXXXXXXXXX, PINs in
 * plain digits, a file every user may read.  Warnings, not errors. */
START_TEST(warnings_listed)
{
	struct yordam_config cfg;
	char conf[2048], err[512], all[4096];
	FILE *f;

	snprintf(conf, sizeof conf, HEAD, content_dir());
	strcat(conf, "placeholders = {\n"
		"  hotline = \"+7XXXXXXXXXX\";\n"
		"  emergency = \"112\";\n"
		"  shelter = \"+7 700 XXX XX XX\";\n};\n"
		"staff = (\n"
		"  { name = \"Aigerim\"; phone = \"+77001234567\";\n"
		"    pin = \"482913\"; },\n"
		"  { name = \"Timur\"; phone = \"+77001234568\"; pin ="
		" \"$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$aGFzaA\"; }\n);\n");
	write_conf(conf);
	chmod(path, 0644);
	ck_assert_msg(config_load(path, &cfg, err, sizeof err) == 0, "%s", err);
	list_warnings(&cfg, all, sizeof all);
	ck_assert_msg(has_warning(&cfg, "yordam.conf:5: warning: placeholder"
		" 'hotline' is still the sample's \"+7XXXXXXXXXX\""), "%s", all);
	ck_assert_msg(has_warning(&cfg, "yordam.conf:7: warning: placeholder"
		" 'shelter' is still the sample's"), "%s", all);
	ck_assert_msg(has_warning(&cfg, "yordam.conf:11: warning: staff"
		" 'Aigerim': the PIN is written in plain digits"), "%s", all);
	ck_assert_msg(has_warning(&cfg, "`yordamctl staff pin`"), "%s", all);
	ck_assert_msg(has_warning(&cfg, "yordam.conf:0: warning: every user"
		" of this machine may read it (mode 0644)"), "%s", all);
	ck_assert_msg(!has_warning(&cfg, "'Timur'"), "%s", all);
	ck_assert_msg(!has_warning(&cfg, "'emergency'"), "%s", all);
	ck_assert_int_eq(cfg.n_warnings, 4);
	config_free(&cfg);
	ck_assert_int_eq(cfg.n_warnings, 0);

	/* Mode 0640 and a clean file: no warning at all. */
	f = fopen(path, "w");
	snprintf(conf, sizeof conf, HEAD, content_dir());
	fputs(conf, f);
	fclose(f);
	chmod(path, 0640);
	ck_assert_msg(config_load(path, &cfg, err, sizeof err) == 0, "%s", err);
	list_warnings(&cfg, all, sizeof all);
	ck_assert_msg(cfg.n_warnings == 0, "%s", all);
	config_free(&cfg);
	unlink(path);
	rmdir(dir);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("config");
	TCase *t = tcase_create("config");

	tcase_add_test(t, good_inline_dummy);
	tcase_add_test(t, unknown_key_names_line);
	tcase_add_test(t, wrong_type_names_line);
	tcase_add_test(t, syntax_error_names_line);
	tcase_add_test(t, syntax_error_curly_quotes_explained);
	tcase_add_test(t, missing_file);
	tcase_add_test(t, missing_content_dir);
	tcase_add_test(t, modem_needs_one_way);
	tcase_add_test(t, out_of_range);
	tcase_add_test(t, worker_stuck_range);
	tcase_add_test(t, staff_entries);
	tcase_add_test(t, staff_unknown_keys);
	tcase_add_test(t, staff_phone_e164);
	tcase_add_test(t, timezone_checked);
	tcase_add_test(t, modem_connection_checked);
	tcase_add_test(t, warnings_listed);
	suite_add_tcase(s, t);
	return run_suite(s);
}
