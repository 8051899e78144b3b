/*
 * test_store.c - the schema and the transactions between states:
 * idempotent parts, multipart assembly, one-transaction processing,
 * outbox states, what a locked database does, and what an empty or
 * damaged file does at the door.
 */
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fake_transport.h"
#include "store_private.h"
#include "tap.h"
#include "yordam/clock.h"
#include "yordam/content.h"
#include "yordam/gateway.h"
#include "yordam/store.h"

static char dir[64], db[128];
static struct store *st;

static void
setup(void)
{
	char err[256];

	strcpy(dir, "/tmp/yordam-store-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(db, sizeof db, "%s/y.db", dir);
	if (store_open(db, &st, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		abort();
	}
}

static void
teardown(void)
{
	char cmd[128];
	store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		abort();
}

static long long
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

static char *
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

static struct sms_part_in
part(const char *text, int ref, int total, int seq)
{
	struct sms_part_in p = { "+77010000001", "+70000000000", 1700000000,
		ref, total, seq, text, NULL };
	return p;
}

START_TEST(file_is_private_and_versioned)
{
	struct stat s;
	ck_assert_int_eq(stat(db, &s), 0);
	ck_assert_int_eq(s.st_mode & 0777, 0600);
	ck_assert_int_eq(scalar("PRAGMA user_version"), 18);
	ck_assert_str_eq(text_of("PRAGMA journal_mode"), "wal");
	ck_assert_int_eq(scalar("PRAGMA foreign_keys"), 1);
	ck_assert_int_eq(scalar("PRAGMA secure_delete"), 1);
}
END_TEST

/* yordamd, yordamctl and yordam-web may open a new file at the same
 * moment: each migration is applied once, and every one of them opens
 * it. */
START_TEST(many_open_a_new_file_at_once)
{
	char path[160], err[1024];
	int i, status, failed = 0;
	pid_t kids[6];

	snprintf(path, sizeof path, "%s/new.db", dir);
	for (i = 0; i < 6; i++) {
		if ((kids[i] = fork()) == 0) {
			struct store *mine;
			int rc = store_open(path, &mine, err, sizeof err);
			if (rc != 0)
				fprintf(stderr, "%s\n", err);
			else
				store_close(mine);
			_exit(rc != 0);
		}
		ck_assert_int_gt(kids[i], 0);
	}
	for (i = 0; i < 6; i++) {
		ck_assert_int_eq(waitpid(kids[i], &status, 0), kids[i]);
		failed += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	}
	ck_assert_int_eq(failed, 0);
}
END_TEST

START_TEST(reopen_keeps_data)
{
	char err[256];
	struct sms_part_in p = part("salom", -1, 1, 1);
	ck_assert_int_eq(store_part_received(st, &p, IN_UNTRIAGED, 1), PART_STORED);
	store_close(st);
	ck_assert_int_eq(store_open(db, &st, err, sizeof err), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages"), 1);
}
END_TEST

START_TEST(same_part_twice_is_stored_once)
{
	struct sms_part_in p = part("salom", -1, 1, 1);
	ck_assert_int_eq(store_part_received(st, &p, IN_UNTRIAGED, 1), PART_STORED);
	ck_assert_int_eq(store_part_received(st, &p, IN_UNTRIAGED, 2), PART_DUPLICATE);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE dir='in'"), 1);
	/* Same text at another time is another message. */
	p.sent_time += 60;
	ck_assert_int_eq(store_part_received(st, &p, IN_UNTRIAGED, 3), PART_STORED);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE dir='in'"), 2);
}
END_TEST

START_TEST(multipart_out_of_order)
{
	struct sms_part_in a = part("Здравствуйте, ", 7, 3, 1);
	struct sms_part_in b = part("у меня ", 7, 3, 2);
	struct sms_part_in c = part("забрали паспорт", 7, 3, 3);
	ck_assert_int_eq(store_part_received(st, &c, IN_UNTRIAGED, 1), PART_STORED);
	ck_assert_int_eq(store_part_received(st, &a, IN_UNTRIAGED, 1), PART_STORED);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages"), 0);
	ck_assert_int_eq(store_part_received(st, &a, IN_UNTRIAGED, 1), PART_DUPLICATE);
	ck_assert_int_eq(store_part_received(st, &b, IN_UNTRIAGED, 2), PART_STORED);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages"), 1);
	ck_assert_str_eq(text_of("SELECT text FROM messages"),
		"Здравствуйте, у меня забрали паспорт");
	ck_assert_int_eq(scalar("SELECT parts FROM messages"), 3);
	/* A part re-read after assembly changes nothing. */
	ck_assert_int_eq(store_part_received(st, &b, IN_UNTRIAGED, 5), PART_DUPLICATE);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages"), 1);
}
END_TEST

/*
 * A phone reuses reference 7 for a new long SMS while the last part of
 * the old one never came: the old text is closed with its gap marked and
 * the new one is whole (before: old parts 1-2 + new part 3, and the new
 * parts 1-2 dropped silently).
 */
START_TEST(reused_reference_keeps_both_texts)
{
	struct sms_part_in o1 = part("Eski birinchi ", 7, 3, 1);
	struct sms_part_in o2 = part("eski ikkinchi ", 7, 3, 2);
	struct sms_part_in n1 = part("Yangi birinchi ", 7, 3, 1);
	struct sms_part_in n2 = part("yangi ikkinchi ", 7, 3, 2);
	struct sms_part_in n3 = part("yangi uchinchi", 7, 3, 3);

	n1.sent_time = n2.sent_time = n3.sent_time = o1.sent_time + 300;
	ck_assert_int_eq(store_part_received(st, &o1, IN_UNTRIAGED, 1), PART_STORED);
	ck_assert_int_eq(store_part_received(st, &o2, IN_UNTRIAGED, 2), PART_STORED);
	ck_assert_int_eq(store_part_received(st, &n1, IN_UNTRIAGED, 300), PART_STORED);
	ck_assert_int_eq(store_part_received(st, &n2, IN_UNTRIAGED, 301), PART_STORED);
	ck_assert_int_eq(store_part_received(st, &n3, IN_UNTRIAGED, 302), PART_STORED);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages"), 2);
	ck_assert_str_eq(text_of("SELECT text FROM messages ORDER BY id"),
		"Eski birinchi eski ikkinchi [\xE2\x80\xA6]");
	ck_assert_str_eq(text_of("SELECT text FROM messages ORDER BY id DESC"),
		"Yangi birinchi yangi ikkinchi yangi uchinchi");
	/* A true duplicate of a part is still only a duplicate. */
	ck_assert_int_eq(store_part_received(st, &n2, IN_UNTRIAGED, 303), PART_DUPLICATE);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages"), 2);
}
END_TEST

/* Every foreign key has an index whose first column it is: deleting a
 * message must not scan a table for the rows pointing at it.  (Content
 * versions are never deleted, so messages.content_version needs none.) */
START_TEST(every_foreign_key_has_an_index)
{
	sqlite3_stmt *q;
	int missing = 0;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), "SELECT m.name,"
		" f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name)"
		" f WHERE m.type = 'table' AND NOT EXISTS (SELECT 1 FROM"
		" pragma_index_list(m.name) i, pragma_index_info(i.name) c WHERE"
		" c.seqno = 0 AND c.name = f.\"from\") AND NOT (f.\"from\" ="
		" (SELECT name FROM pragma_table_info(m.name) WHERE pk = 1))"
		" AND f.\"table\" != 'content_versions'",
		-1, &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		fprintf(stderr, "no index on %s.%s\n", sqlite3_column_text(q, 0),
			sqlite3_column_text(q, 1));
		missing++;
	}
	sqlite3_finalize(q);
	ck_assert_int_eq(missing, 0);
}
END_TEST

START_TEST(incomplete_multipart_times_out)
{
	struct sms_part_in a = part("first ", 9, 3, 1);
	struct sms_part_in c = part("third", 9, 3, 3);
	store_part_received(st, &a, IN_UNTRIAGED, 100);
	store_part_received(st, &c, IN_UNTRIAGED, 100);
	ck_assert_int_eq(store_begin(st), 0);
	ck_assert_int_eq(store_assemble_expired(st, 500, 600), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages"), 0);
	ck_assert_int_eq(store_assemble_expired(st, 700, 600), 1);
	ck_assert_int_eq(store_commit(st), 0);
	ck_assert_str_eq(text_of("SELECT text FROM messages"),
		"first [\xE2\x80\xA6]third");
}
END_TEST

START_TEST(binary_is_stored_not_answered)
{
	struct sms_part_in p = part("00FF", -1, 1, 1);
	struct inbound m;
	p.hold = "binary";
	ck_assert_int_eq(store_part_received(st, &p, IN_UNTRIAGED, 1), PART_STORED);
	ck_assert_int_eq(store_next_inbound(st, &m), 0);
	ck_assert_str_eq(text_of("SELECT status FROM messages"), "binary");
}
END_TEST

START_TEST(processing_is_one_transaction)
{
	struct content *c;
	struct content_errors errs;
	struct yordam_config cfg;
	struct gateway gw;
	char path[1024];
	const char *top = getenv("top_srcdir");
	struct sms_part_in p = part("uzbek", -1, 1, 1);
	struct sms_part_in q = part("yordam", -1, 1, 1);

	test_config_placeholders(&cfg);
	snprintf(path, sizeof path, "%s/tests/data/content", top ? top : ".");
	ck_assert_int_eq(content_load(path, &cfg, &c, &errs), 0);
	cfg.session_timeout = 600;
	cfg.reminder_days_before = 3;
	cfg.reminder_from_hour = 9;
	cfg.replies_per_hour = cfg.replies_per_day = cfg.loop_messages = 100;
	cfg.loop_seconds = 60;
	memset(&gw, 0, sizeof gw);
	gw.st = st;
	gw.cfg = &cfg;
	gw.content = c;
	gw.content_version = 1;
	q.sent_time++;
	ck_assert_int_eq(store_content_version(st, c->hash, 1), 1);
	store_part_received(st, &p, IN_UNTRIAGED, 1);
	store_part_received(st, &q, IN_UNTRIAGED, 2);
	ck_assert_int_eq(gateway_answer_one(&gw, 10), STAGE_DONE);
	ck_assert_int_eq(gateway_answer_one(&gw, 11), STAGE_DONE);
	ck_assert_int_eq(gateway_answer_one(&gw, 12), STAGE_IDLE);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE dir='in'"
		" AND status='processed'"), 2);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE dir='out'"
		" AND status='queued' AND in_reply_to IS NOT NULL"), 2);
	ck_assert_str_eq(text_of("SELECT lang FROM contacts"), "uz");
	ck_assert_int_eq(scalar("SELECT count(*) FROM help_requests"), 1);
	ck_assert_msg(strstr(text_of("SELECT conversation FROM"
		" help_requests"), "> uzbek\n> yordam\n< UZ-HOME"), "%s", text_of("SELECT conversation FROM help_requests"));
	ck_assert_str_eq(text_of("SELECT coding FROM messages WHERE dir='out'"
		" ORDER BY id LIMIT 1"), "gsm7");

	/* A locked database: processing fails and nothing moves. */
	{
		sqlite3 *other;
		struct sms_part_in r = part("00", -1, 1, 1);
		r.sent_time += 99;
		store_part_received(st, &r, IN_UNTRIAGED, 3);
		ck_assert_int_eq(sqlite3_open(db, &other), SQLITE_OK);
		sqlite3_busy_timeout(store_db(st), 50);
		ck_assert_int_eq(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL,
			NULL, NULL), SQLITE_OK);
		ck_assert_int_eq(gateway_answer_one(&gw, 13), STAGE_STORE_FAILED);
		r.sent_time += 1;
		ck_assert_int_eq(store_part_received(st, &r, IN_UNTRIAGED, 4), PART_ERROR);
		sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(other);
		ck_assert_int_eq(gateway_answer_one(&gw, 14), STAGE_DONE);
		ck_assert_int_eq(store_part_received(st, &r, IN_UNTRIAGED, 5), PART_STORED);
	}
	content_free(c);
}
END_TEST

static int
count_commit(void *n)
{
	++*(int *)n;
	return 0;
}

/*
 * One transport read, one transaction: three parts, one commit; a part
 * that cannot be stored stays out (and so on the modem: never deleted)
 * while the others go in and are deleted; a locked database stores none,
 * so the transport deletes none.
 */
START_TEST(scan_is_one_transaction)
{
	struct fake_transport f;
	struct transport t;
	struct gateway gw = { 0 };
	struct yordam_config cfg;
	int commits = 0, n;
	sqlite3 *other;

	struct content_errors errs;
	struct content *c;
	char path[1024];
	const char *top = getenv("top_srcdir");

	test_config_placeholders(&cfg);
	snprintf(path, sizeof path, "%s/tests/data/content", top ? top : ".");
	ck_assert_int_eq(content_load(path, &cfg, &c, &errs), 0);
	gw.content = c;
	gw.st = st;
	gw.tr = &t;
	gw.cfg = &cfg;
	fake_transport_init(&f, &t);
	fake_transport_add(&f, part("bir", -1, 1, 1));
	fake_transport_add(&f, part("ikki", -1, 1, 1));
	fake_transport_add(&f, part("uch", -1, 1, 1));
	f.inbox[2].sent_time++;
	/* The middle part is refused, as a full disk or a broken page
	 * would refuse it. */
	ck_assert_int_eq(sqlite3_exec(store_db(st), "CREATE TEMP TRIGGER"
		" refuse BEFORE INSERT ON messages WHEN NEW.text = 'ikki'"
		" BEGIN SELECT RAISE(ABORT, 'refused'); END", NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_commit_hook(store_db(st), count_commit, &commits);
	ck_assert_int_eq(gateway_receive(&gw, 1, &n), STAGE_DONE);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(commits, 1);
	ck_assert_int_eq(f.deleted[0], 1);
	ck_assert_int_eq(f.deleted[1], 0);
	ck_assert_int_eq(f.deleted[2], 1);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages"), 2);

	/* Read again after a crash before the deletes: duplicates, stored,
	 * and deleted this time. */
	sqlite3_exec(store_db(st), "DROP TRIGGER refuse", NULL, NULL, NULL);
	memset(f.deleted, 0, sizeof f.deleted);
	commits = 0;
	ck_assert_int_eq(gateway_receive(&gw, 2, &n), STAGE_DONE);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages"), 3);
	ck_assert_int_eq(commits, 1);
	ck_assert_int_eq(f.deleted[0] + f.deleted[1] + f.deleted[2], 3);

	/* A locked database: nothing stored, nothing deleted. */
	fake_transport_add(&f, part("tort", -1, 1, 1));
	ck_assert_int_eq(sqlite3_open(db, &other), SQLITE_OK);
	sqlite3_busy_timeout(store_db(st), 50);
	ck_assert_int_eq(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL,
		NULL), SQLITE_OK);
	ck_assert_int_eq(gateway_receive(&gw, 3, &n), STAGE_STORE_FAILED);
	ck_assert_int_eq(f.deleted[3], 0);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages"), 3);
	sqlite3_commit_hook(store_db(st), NULL, NULL);

	/* A read that fails half-way: what was read is stored and deleted,
	 * and the transport is reported for a reconnect. */
	fake_transport_add(&f, part("besh", -1, 1, 1));
	f.fail_read_after = 1;
	ck_assert_int_eq(gateway_receive(&gw, 4, &n), STAGE_TRANSPORT_FAILED);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(f.deleted[3], 1);
	ck_assert_int_eq(f.deleted[4], 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages"), 4);

	/* A full disk: SQLite rolls the whole batch back, so none of it may
	 * be deleted, not even the parts stored before the failure. */
	{
		static char big[3][4000];
		char pragma[64];
		int i;
		f.fail_read_after = -1;
		for (i = 0; i < 3; i++) {
			memset(big[i], 'a' + i, sizeof big[i] - 1);
			fake_transport_add(&f, part(big[i], -1, 1, 1));
		}
		snprintf(pragma, sizeof pragma, "PRAGMA max_page_count = %lld",
			scalar("PRAGMA page_count") + 1);
		sqlite3_exec(store_db(st), pragma, NULL, NULL, NULL);
		ck_assert_int_eq(gateway_receive(&gw, 5, &n),
			STAGE_STORE_FAILED);
		ck_assert_int_eq(n, 4);
		for (i = 4; i < 8; i++)
			ck_assert_int_eq(f.deleted[i], 0);
		ck_assert_int_eq(scalar("SELECT count(*) FROM messages"), 4);
	}
	fake_transport_clear(&f);
	content_free(c);
}
END_TEST

START_TEST(outbox_states)
{
	struct outbound m;
	ck_assert_int_eq(store_queue_reply(st, "+7701", "hi", 0, "home", 0,
		OUT_CONVERSATION, 100), 0);
	ck_assert_int_eq(store_next_outbound(st, 99, &m), 0);
	ck_assert_int_eq(store_next_outbound(st, 100, &m), 1);
	ck_assert_int_eq(store_mark_sending(st, m.id, 100), 0);
	ck_assert_int_eq(store_mark_send_failed(st, m.id, "timeout", 130, 0,
		100), 0);
	outbound_free(&m);
	ck_assert_int_eq(store_next_outbound(st, 120, &m), 0);
	ck_assert_int_eq(store_next_outbound(st, 130, &m), 1);
	ck_assert_int_eq(m.attempts, 1);
	store_mark_sending(st, m.id, 130);
	/* A crash now: the message is queued again at the next start. */
	ck_assert_int_eq(store_requeue_interrupted(st), 1);
	outbound_free(&m);
	ck_assert_int_eq(store_next_outbound(st, 131, &m), 1);
	store_mark_sending(st, m.id, 131);
	ck_assert_int_eq(store_mark_sent(st, m.id, 132), 0);
	outbound_free(&m);
	ck_assert_str_eq(text_of("SELECT status FROM messages"), "sent");
	ck_assert_int_eq(scalar("SELECT attempts FROM messages"), 3);
}
END_TEST

START_TEST(content_versions_recorded_once)
{
	int64_t a = store_content_version(st, "abc", 1);
	int64_t b = store_content_version(st, "abc", 2);
	int64_t c = store_content_version(st, "def", 3);
	ck_assert_int_eq(a, b);
	ck_assert_int_ne(a, c);
}
END_TEST

/* Going back to earlier texts is a new load, in order; a restart on
 * them keeps it; a version is found by number or hash prefix. */
START_TEST(content_versions_back_to_earlier_texts)
{
	struct store_content_row v;
	int64_t a = store_content_version(st, "abcd1111", 1);
	int64_t b = store_content_version(st, "bcde2222", 2);
	int64_t c = store_content_version(st, "abcd1111", 3);

	ck_assert_int_ne(c, a);
	ck_assert_int_gt(c, b);
	ck_assert_int_eq(store_content_version(st, "abcd1111", 4), c);
	ck_assert_int_eq(store_content_find(st, "3", &v), 0);
	ck_assert_str_eq(v.key, "abcd1111-2");
	ck_assert_str_eq(v.hash, "abcd1111");
	ck_assert_int_eq(store_content_find(st, "abcd", &v), 0);
	ck_assert_int_eq(v.id, c);      /* the newest of the same texts */
	ck_assert_int_eq(store_content_find(st, "9", &v), -1);
	ck_assert_ptr_nonnull(strstr(store_error(st), "no content version 9"));
	ck_assert_int_eq(store_content_find(st, "zz", &v), -1);
	ck_assert_int_eq(store_content_version(st, "bcde2222", 5), c + 1);
	ck_assert_int_eq(store_content_find(st, "b", &v), -1);
}
END_TEST

START_TEST(new_file_leaves_no_temporary)
{
	char report[1024];
	struct dirent *e;
	DIR *d = opendir(dir);

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)))
		ck_assert_msg(strstr(e->d_name, ".new-") == NULL,
			"a temporary file is left: %s", e->d_name);
	closedir(d);
	ck_assert_int_eq(store_check(db, report, sizeof report), 0);
	ck_assert_ptr_nonnull(strstr(report, "OK"));
}
END_TEST

START_TEST(empty_file_is_refused)
{
	char path[192], err[1024], report[1024];
	struct store *other = NULL;
	struct stat s;
	FILE *f;

	snprintf(path, sizeof path, "%s/empty.db", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fclose(f);
	ck_assert_int_eq(store_open(path, &other, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, path));
	ck_assert_ptr_nonnull(strstr(err, "is empty"));
	ck_assert_int_eq(store_open_readonly(path, &other, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "is empty"));
	ck_assert_int_eq(stat(path, &s), 0);
	ck_assert_int_eq(s.st_size, 0);         /* left as it was */
	ck_assert_int_eq(store_check(path, report, sizeof report), 1);
	ck_assert_ptr_nonnull(strstr(report, "is empty"));
	snprintf(path, sizeof path, "%s/missing.db", dir);
	ck_assert_int_eq(store_check(path, report, sizeof report), -1);
	ck_assert_ptr_nonnull(strstr(report, "missing.db"));
}
END_TEST

START_TEST(damaged_file_is_refused)
{
	struct sms_part_in p = part("salom", -1, 1, 1);
	char err[1024], report[1024], junk[65536];
	long long root, size;
	FILE *f;

	ck_assert_int_eq(store_part_received(st, &p, IN_UNTRIAGED, 1), PART_STORED);
	root = scalar("SELECT rootpage FROM sqlite_master WHERE name='messages'");
	size = scalar("PRAGMA page_size");
	ck_assert_int_gt(root, 1);
	ck_assert_int_le(size, (long long)sizeof junk);
	store_close(st);        /* the last connection: WAL checkpointed */
	st = NULL;
	/* Garbage over the messages table's root page. */
	memset(junk, 0xa5, sizeof junk);
	ck_assert_ptr_nonnull(f = fopen(db, "r+b"));
	ck_assert_int_eq(fseek(f, (root - 1) * size, SEEK_SET), 0);
	ck_assert_int_eq(fwrite(junk, 1, size, f), (size_t)size);
	fclose(f);

	ck_assert_int_eq(store_open(db, &st, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, db));
	ck_assert_ptr_nonnull(strstr(err, "damaged"));
	ck_assert_ptr_nonnull(strstr(err, "yordamctl restore"));
	ck_assert_ptr_nonnull(strstr(err, ".recover"));
	st = NULL;
	ck_assert_int_eq(store_check(db, report, sizeof report), 1);
	ck_assert_ptr_nonnull(strstr(report, "damaged"));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("store");
	TCase *t = tcase_create("store");

	tcase_set_timeout(t, 30);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, file_is_private_and_versioned);
	tcase_add_test(t, many_open_a_new_file_at_once);
	tcase_add_test(t, reopen_keeps_data);
	tcase_add_test(t, same_part_twice_is_stored_once);
	tcase_add_test(t, multipart_out_of_order);
	tcase_add_test(t, incomplete_multipart_times_out);
	tcase_add_test(t, reused_reference_keeps_both_texts);
	tcase_add_test(t, every_foreign_key_has_an_index);
	tcase_add_test(t, binary_is_stored_not_answered);
	tcase_add_test(t, processing_is_one_transaction);
	tcase_add_test(t, scan_is_one_transaction);
	tcase_add_test(t, outbox_states);
	tcase_add_test(t, content_versions_recorded_once);
	tcase_add_test(t, content_versions_back_to_earlier_texts);
	tcase_add_test(t, new_file_leaves_no_temporary);
	tcase_add_test(t, empty_file_is_refused);
	tcase_add_test(t, damaged_file_is_refused);
	suite_add_tcase(s, t);
	return run_suite(s);
}
