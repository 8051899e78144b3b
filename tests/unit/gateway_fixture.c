/*
 * gateway_fixture.c - what the gateway's unit tests share: a store on a
 * real SQLite file, the test content, a configuration with two staff
 * members on call, the test transport, and the log captured to a file
 * the tests read (every failure must come with its reason).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gateway_fixture.h"

char dir[64], db[128], logfile[160];
struct store *st;
struct content *c;
struct yordam_config cfg;
struct fake_transport fake;
struct transport tr;
struct gateway gw;
static int saved_stderr = -1;
static int64_t sms_time = 1700000000;

void
setup(void)
{
	char err[256], path[1024];
	const char *top = getenv("top_srcdir");
	struct content_errors errs;
	int fd;

	setenv("TZ", "UTC", 1);
	strcpy(dir, "/tmp/yordam-gw-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(db, sizeof db, "%s/y.db", dir);
	snprintf(logfile, sizeof logfile, "%s/log", dir);
	if (store_open(db, &st, err, sizeof err) != 0)
		abort();
	test_config_placeholders(&cfg);
	snprintf(path, sizeof path, "%s/tests/data/content", top ? top : ".");
	if (content_load(path, &cfg, &c, &errs) != 0)
		abort();
	cfg.session_timeout = 600;
	cfg.reminder_days_before = 3;
	cfg.reminder_from_hour = 0;
	cfg.reminder_to_hour = 24;
	cfg.replies_per_hour = cfg.replies_per_day = cfg.loop_messages = 100;
	cfg.loop_seconds = 60;
	cfg.send_retries = 2;
	cfg.send_backoff = 10;
	cfg.oncall_ack_minutes = 10;
	cfg.multipart_timeout = 600;
	cfg.staff[0] = (struct staff_member){ .name = "Aigerim",
		.phone = AIGERIM, .pin = "482913", .pin_plain = 1,
		.from_minute = 0, .to_minute = 1440 };
	cfg.staff[1] = (struct staff_member){ .name = "Daniyar",
		.phone = DANIYAR, .pin = "771205", .pin_plain = 1,
		.from_minute = 0, .to_minute = 1440 };
	cfg.staff_lockout_after = 5;
	cfg.staff_lockout_minutes = 30;
	cfg.n_staff = 2;
	fake_transport_init(&fake, &tr);
	memset(&gw, 0, sizeof gw);
	gw.st = st;
	gw.tr = &tr;
	gw.cfg = &cfg;
	gw.content = c;
	gw.content_version = store_content_version(st, c->hash, 1);
	/* The log goes to a file the tests read. */
	fflush(stderr);
	saved_stderr = dup(2);
	fd = open(logfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
	log_setup("test", LOG_LVL_INFO, 0);
}

void
teardown(void)
{
	char cmd[128];

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	fake_transport_clear(&fake);
	store_close(st);
	content_free(c);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		abort();
}

long long
scalar(const char *sql)
{
	sqlite3_stmt *q;
	long long v = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL),
		SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

const char *
text_of(const char *sql)
{
	static char buf[1024];
	sqlite3_stmt *q;

	buf[0] = '\0';
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL),
		SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
		snprintf(buf, sizeof buf, "%s", sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	return buf;
}

/* What the log holds so far. */
const char *
log_text(void)
{
	static char buf[8192];
	FILE *f;
	size_t n;

	fflush(stderr);
	buf[0] = '\0';
	if ((f = fopen(logfile, "r")) != NULL) {
		n = fread(buf, 1, sizeof buf - 1, f);
		buf[n] = '\0';
		fclose(f);
	}
	return buf;
}

/* An SMS from number arrives and is answered (each its own second). */
void
sms(const char *number, const char *text, int64_t now)
{
	struct sms_part_in p = { number, "", ++sms_time, -1, 1, 1, text, NULL };
	int n;

	fake_transport_add(&fake, p);
	ck_assert_int_eq(gateway_receive(&gw, now, &n), STAGE_DONE);
	ck_assert_int_eq(gateway_answer_one(&gw, now), STAGE_DONE);
}

/* The newest queued outbound text to number. */
const char *
last_to(const char *number)
{
	static char sql[256];

	snprintf(sql, sizeof sql, "SELECT text FROM messages WHERE dir = 'out'"
		" AND number = '%s' ORDER BY id DESC LIMIT 1", number);
	return text_of(sql);
}


static int64_t arrival = 1950000000;

void
arrives(const char *number, const char *text)
{
	struct sms_part_in p = { number, "", ++arrival, -1, 1, 1, text, NULL };

	fake_transport_add(&fake, p);
}

void
answer_turn(int64_t now)
{
	int n, i;

	gateway_receive(&gw, now, &n);
	gateway_triage(&gw);
	for (i = 0; i < 1000; i++)
		if (gateway_answer_one(&gw, now) != STAGE_DONE)
			break;
	gateway_alerts(&gw, now);
}

/* Does the file hold these bytes anywhere? */
int
file_has(const char *path, const char *needle)
{
	static char buf[8 << 20];
	FILE *f = fopen(path, "rb");
	size_t n, k = strlen(needle), i;

	if (!f)
		return 0;
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	for (i = 0; i + k <= n; i++)
		if (memcmp(buf + i, needle, k) == 0)
			return 1;
	return 0;
}
