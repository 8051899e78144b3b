/*
 * test_privacy.c - what is left of a person who asked to be erased, what
 * an export's pseudonyms give away, and how long the deadline calculator
 * keeps what it asked.
 *
 * The people who text the helpline may be undocumented or hiding from an
 * employer; a seized or copied database must not name them.  Each case
 * is played through the gateway's stages on a real SQLite file, and the
 * bytes of the file, its write-ahead log and shared memory are read at
 * the end: a row that is gone from the tables but whose bytes are still
 * on disk is not erased.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gateway_fixture.h"
#include "yordam/clock.h"
#include "yordam/engine.h"

static void
send_all(int64_t now)
{
	while (gateway_send_one(&gw, now) == STAGE_DONE)
		;
}

/* Which of the database's files (or the log) still hold needle: "" if
 * none. */
static const char *
traces_of(const char *needle)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	static char where[256];
	char path[256];
	size_t i;

	where[0] = '\0';
	for (i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(path, sizeof path, "%s%s", db, suffix[i]);
		if (file_has(path, needle))
			snprintf(where + strlen(where), sizeof where -
				strlen(where), " y.db%s", suffix[i]);
	}
	if (file_has(logfile, needle))
		snprintf(where + strlen(where), sizeof where - strlen(where),
			" log");
	return where;
}

static long long
count_of(const char *fmt, long long id)
{
	char sql[512];

	snprintf(sql, sizeof sql, fmt, id, id, id);
	return scalar(sql);
}

/* The person's last message, which a reminder answers. */
static long long
last_in(void)
{
	return scalar("SELECT max(id) FROM messages WHERE dir = 'in' AND"
		" number = '" MIGRANT "'");
}

static void
staff_command(const char *phone, const char *pin, const char *verb,
		long long id, const char *text)
{
	char sms[256];

	snprintf(sms, sizeof sms, "%s %s %lld%s%s", pin, verb, id,
		text ? " " : "", text ? text : "");
	arrives(phone, sms);
}

/* The person, their case and every staff SMS about it, before DELETE. */
static long long
a_case_with_staff(long long *other_id)
{
	const char *other = "+77010000009";
	long long id;

	arrives(MIGRANT, "salom, men Zarina Yusupova");
	answer_turn(100);
	arrives(MIGRANT, "Almaty, Stroy LLP: pasportimni olib qoyishdi");
	arrives(other, "urishdi");
	answer_turn(101);
	id = scalar("SELECT id FROM help_requests WHERE number = '" MIGRANT
		"'");
	*other_id = scalar("SELECT id FROM help_requests WHERE number ="
		" '+77010000009'");
	ck_assert_int_eq(count_of("SELECT count(*) FROM messages WHERE node ="
		" 'staff-alert' AND text LIKE '#%lld URGENT%%Stroy%%'", id), 1);
	arrives(AIGERIM, "482913 NEXT");
	staff_command(AIGERIM, "482913", "ACK", id, NULL);
	staff_command(AIGERIM, "482913", "R", id, "Zarina, we call at 5");
	staff_command(AIGERIM, "482913", "NOTE", id, "Zarina, Stroy LLP site");
	staff_command(DANIYAR, "771205", "TAKE", *other_id, NULL);
	staff_command(DANIYAR, "771205", "NOTE", *other_id, "called back");
	answer_turn(102);
	ck_assert_int_eq(count_of("SELECT count(*) FROM notes WHERE request_id"
		" = %lld", id), 1);
	ck_assert_int_eq(store_begin(st), 0);
	ck_assert_int_eq(store_add_reminder(st, MIGRANT, 200000,
		"Eslatma: 20.12.2026", last_in(), 102), 0);
	ck_assert_int_eq(store_commit(st), 0);
	send_all(103);
	return id;
}

/*
 * DELETE: nothing of the person is left in any table, nor in the bytes
 * of the database, its WAL or shared memory, nor in the log; the staff
 * SMS about their case go too (they quote the person); another person's
 * case and its staff SMS stay.  The confirmation still reaches them, and
 * is removed a minute after it was sent.
 */
START_TEST(erase_leaves_no_trace)
{
	long long id, other_id;
	int i;

	id = a_case_with_staff(&other_id);
	arrives(MIGRANT, "o'chir");
	answer_turn(104);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE number ="
		" '" MIGRANT "' AND node IS NOT 'deleted'"), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE text LIKE"
		" '%Zarina%' OR text LIKE '%Stroy%'"), 0);
	ck_assert_int_eq(count_of("SELECT count(*) FROM messages WHERE number"
		" IN ('" AIGERIM "', '" DANIYAR "') AND (text GLOB '#%lld[ :]*'"
		" OR (dir = 'in' AND ' ' || text || ' ' GLOB '* %lld *'))", id),
		0);
	ck_assert_int_eq(scalar("SELECT (SELECT count(*) FROM help_requests"
		" WHERE number = '" MIGRANT "') + (SELECT count(*) FROM contacts"
		" WHERE number = '" MIGRANT "') + (SELECT count(*) FROM sessions"
		" WHERE number = '" MIGRANT "')"
		" + (SELECT count(*) FROM reminders) + (SELECT count(*) FROM"
		" parts WHERE sender = '" MIGRANT "')"), 0);
	ck_assert_int_eq(count_of("SELECT (SELECT count(*) FROM notes WHERE"
		" request_id = %lld) + (SELECT count(*) FROM audit WHERE"
		" request_id = %lld) + (SELECT count(*) FROM alerts WHERE"
		" request_id = %lld)", id), 0);
	/* The other person's case is untouched, with its staff SMS. */
	ck_assert_int_eq(count_of("SELECT count(*) FROM notes WHERE request_id"
		" = %lld", other_id), 1);
	ck_assert_int_eq(count_of("SELECT count(*) FROM messages WHERE number"
		" = '" AIGERIM "' AND text GLOB '#%lld URGENT*'", other_id), 1);
	ck_assert_int_eq(count_of("SELECT count(*) FROM messages WHERE number"
		" = '" DANIYAR "' AND dir = 'in' AND text GLOB '*NOTE %lld *'",
		other_id), 1);
	/* The confirmation leaves, and is kept only a minute after. */
	ck_assert_str_eq(last_to(MIGRANT), "UZ-DELETED");
	send_all(105);
	for (i = fake.n_sent - 1; i >= 0; i--)
		if (strcmp(fake.sent_to[i], MIGRANT) == 0)
			break;
	ck_assert_int_ge(i, 0);
	ck_assert_str_eq(fake.sent_text[i], "UZ-DELETED");
	/* (sent is stamped with the real clock) */
	gateway_purge(&gw, clock_now() + 30);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE number ="
		" '" MIGRANT "'"), 1);
	gateway_purge(&gw, clock_now() + 120);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE number ="
		" '" MIGRANT "'"), 0);
	ck_assert_int_gt(scalar("SELECT sum(n) FROM tallies"), 10);
	/* And no bytes of it anywhere. */
	ck_assert_str_eq(traces_of(MIGRANT), "");
	ck_assert_str_eq(traces_of(MIGRANT + 1), "");
	ck_assert_str_eq(traces_of("Zarina"), "");
	ck_assert_str_eq(traces_of("Yusupova"), "");
	ck_assert_str_eq(traces_of("Stroy"), "");
	ck_assert_str_eq(traces_of("Eslatma"), "");
	ck_assert_int_eq(scalar("PRAGMA secure_delete"), 1);
}
END_TEST

/* A confirmation that cannot be sent is not kept either once given up. */
START_TEST(failed_confirmation_is_not_kept)
{
	arrives(MIGRANT, "salom");
	answer_turn(100);
	send_all(100);
	arrives(MIGRANT, "o'chir");
	answer_turn(101);
	snprintf(fake.fail_number, sizeof fake.fail_number, "%s", MIGRANT);
	send_all(101);
	send_all(200);
	send_all(400);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE status ="
		" 'failed' AND number = '" MIGRANT "'"), 1);
	gateway_purge(&gw, 1000);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages"), 0);
	ck_assert_str_eq(traces_of(MIGRANT), "");
}
END_TEST

/* A reader (yordamctl) holding a read transaction holds up the WAL's
 * wipe: the loop goes on, it is said once, and the next turns try again
 * until it goes through. */
START_TEST(wipe_waits_for_readers)
{
	sqlite3 *reader;
	char path[256];

	arrives(MIGRANT, "salom, men Zarina");
	answer_turn(100);
	send_all(100);
	ck_assert_int_eq(sqlite3_open_v2(db, &reader, SQLITE_OPEN_READONLY,
		NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(reader, "BEGIN; SELECT count(*) FROM"
		" messages;", NULL, NULL, NULL), SQLITE_OK);
	arrives(MIGRANT, "o'chir");
	answer_turn(101);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE text LIKE"
		" '%Zarina%'"), 0);
	snprintf(path, sizeof path, "%s-wal", db);
	ck_assert(file_has(path, "Zarina"));
	ck_assert_ptr_nonnull(strstr(log_text(), "stays in the write-ahead"
		" log"));
	gateway_purge(&gw, 102);
	gateway_purge(&gw, 103);
	ck_assert_ptr_null(strstr(strstr(log_text(), "stays in the") + 1,
		"stays in the"));                       /* said once */
	sqlite3_exec(reader, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(reader);
	gateway_purge(&gw, 104);
	ck_assert_ptr_nonnull(strstr(log_text(), "is wiped from the"
		" write-ahead log"));
	ck_assert_str_eq(traces_of("Zarina"), "");
}
END_TEST

/* The old pseudonym: FNV-1a, unkeyed, 40 bits. */
static void
old_pseudonym(const char *number, char *out, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	const char *p;

	for (p = number; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	snprintf(out, n, "p%010llx", (unsigned long long)(h >> 24));
}

static struct store *
another_store(char *path, size_t n)
{
	struct store *other;
	char err[1024];

	snprintf(path, n, "%s/other.db", dir);
	ck_assert_int_eq(store_open(path, &other, err, sizeof err), 0);
	return other;
}

#define N_NUMBERS 1000

/*
 * Pseudonyms are keyed BLAKE2b with the database's 32-byte secret: the
 * same number gets the same name in one database, an unrelated one in
 * another; 64 bits, so not one of a thousand collides; not the old
 * FNV-1a values, which anyone could compute for every number.
 */
START_TEST(pseudonyms_are_keyed)
{
	static char mine[N_NUMBERS][32], theirs[N_NUMBERS][32];
	char path[256], number[32], again[32], old[32], want[32];
	unsigned char key[32], h[16];
	struct store *other = another_store(path, sizeof path);
	int i, j;

	for (i = 0; i < N_NUMBERS; i++) {
		snprintf(number, sizeof number, "+7701%07d", i);
		ck_assert_int_eq(store_pseudonym(st, number, mine[i],
			sizeof mine[i]), 0);
		ck_assert_int_eq(store_pseudonym(other, number, theirs[i],
			sizeof theirs[i]), 0);
		store_pseudonym(st, number, again, sizeof again);
		ck_assert_str_eq(mine[i], again);
		ck_assert_uint_eq(strlen(mine[i]), 17);    /* p + 64 bits */
		ck_assert_uint_eq(strspn(mine[i] + 1, "0123456789abcdef"), 16);
		old_pseudonym(number, old, sizeof old);
		ck_assert(strncmp(mine[i], old, strlen(old)) != 0);
		ck_assert(strstr(mine[i], number + 1) == NULL);
	}
	for (i = 0; i < N_NUMBERS; i++)
		for (j = 0; j < N_NUMBERS; j++) {
			ck_assert_str_ne(mine[i], theirs[j]);
			if (i != j)
				ck_assert_str_ne(mine[i], mine[j]);
		}
	/* Exactly BLAKE2b keyed with the secret in settings. */
	ck_assert_int_eq(sodium_hex2bin(key, sizeof key, text_of("SELECT value"
		" FROM settings WHERE key = 'pseudonym_key'"), 64, NULL, NULL,
		NULL), 0);
	crypto_generichash(h, sizeof h, (const unsigned char *)MIGRANT,
		strlen(MIGRANT), key, sizeof key);
	snprintf(want, sizeof want, "p");
	for (i = 0; i < 8; i++)
		snprintf(want + 1 + 2 * i, 3, "%02x", h[i]);
	store_pseudonym(st, MIGRANT, again, sizeof again);
	ck_assert_str_eq(again, want);
	store_close(other);
}
END_TEST

/* Without its key a database gives no pseudonym at all, never an
 * unkeyed one. */
START_TEST(no_key_no_pseudonym)
{
	char out[32];

	sqlite3_exec(store_db(st), "DELETE FROM settings WHERE key ="
		" 'pseudonym_key'", NULL, NULL, NULL);
	ck_assert_int_eq(store_pseudonym(st, MIGRANT, out, sizeof out), -1);
	ck_assert_str_eq(out, "p?");
}
END_TEST

/*
 * A reminder that has left keeps nothing of the calculation behind: the
 * contact's citizenship and entry date are cleared and the reminder's
 * text (its dates) emptied.  A seized database is not a list of who may
 * be overstaying.
 */
START_TEST(sent_reminder_forgets_the_dates)
{
	struct conv_state state;

	arrives(MIGRANT, "salom");
	answer_turn(1000);
	ck_assert_int_eq(store_load_state(st, MIGRANT, &state), 1);
	snprintf(state.nationality, sizeof state.nationality, "kg");
	state.entry_day = 20400;
	ck_assert_int_eq(store_begin(st), 0);
	ck_assert_int_eq(store_save_state(st, MIGRANT, &state, 1000), 0);
	ck_assert_int_eq(store_add_reminder(st, MIGRANT, 5000,
		"Eslatma: 20.12.2026", last_in(), 1000), 0);
	ck_assert_int_eq(store_commit(st), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM contacts WHERE"
		" nationality = 'kg' AND entry_day = 20400"), 1);
	ck_assert_int_eq(gateway_reminders(&gw, 6000), STAGE_DONE);
	ck_assert_str_eq(last_to(MIGRANT), "Eslatma: 20.12.2026");
	ck_assert_int_eq(scalar("SELECT count(*) FROM contacts WHERE"
		" nationality IS NULL AND entry_day IS NULL"), 1);
	ck_assert_str_eq(text_of("SELECT status || '/' || text FROM"
		" reminders"), "sent/");
	ck_assert_int_eq(store_load_state(st, MIGRANT, &state), 1);
	ck_assert_str_eq(state.nationality, "");
	ck_assert_int_eq(state.entry_day, -1);
}
END_TEST

static void
exec_ok(const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(store_db(st), sql, NULL, NULL, &msg) != SQLITE_OK)
		ck_abort_msg("%s: %s", sql, msg ? msg : "?");
}

/*
 * A database from before version 9 is cleaned as it is opened: the staff
 * SMS about requests erased earlier, the calculator's answers kept
 * against numbers, the texts of sent reminders; a live request's staff
 * SMS stay.
 */
START_TEST(older_database_is_cleaned)
{
	char err[1024];

	arrives(MIGRANT, "yordam");
	answer_turn(100);
	exec_ok("INSERT INTO messages (dir, number, text, status, created_at,"
		" node) VALUES ('out', '" AIGERIM "', '#77 URGENT passport (uz):"
		" Zarina', 'sent', 100, 'staff-alert'), ('in', '" AIGERIM "',"
		" 'PIN:ok R 77 Zarina, call us', 'staff', 100, NULL), ('in', '"
		AIGERIM "', 'PIN:ok NOTE 1 called', 'staff', 100, NULL),"
		" ('out', '" AIGERIM "', '#1 is yours', 'sent', 100,"
		" 'staff-alert');"
		"UPDATE contacts SET nationality = 'kg', entry_day = 20400;"
		"INSERT INTO reminders (number, due_at, text, status, created_at)"
		" VALUES ('" MIGRANT "', 1, 'Eslatma 20.12.2026', 'sent', 1);"
		"DROP INDEX messages_staff_alert;"
		"DROP INDEX messages_confirmation;"
		"INSERT INTO settings VALUES ('pseudonym_salt', '00');"
		"ALTER TABLE sessions DROP COLUMN answers;"
		"DROP TABLE unmatched;"
		"DROP INDEX help_conversing;"
		"ALTER TABLE messages DROP COLUMN staff;"
		"ALTER TABLE help_requests DROP COLUMN first_message_id;"
		"ALTER TABLE help_requests DROP COLUMN conversing;"
		"ALTER TABLE help_requests DROP COLUMN last_in_at;"
		"ALTER TABLE help_requests DROP COLUMN last_staff_at;"
		"ALTER TABLE help_requests DROP COLUMN last_from;"
		"ALTER TABLE help_requests DROP COLUMN told_wait_at;"
		"ALTER TABLE help_requests DROP COLUMN notified_at;"
		"ALTER TABLE help_requests DROP COLUMN notice_due;"
		"ALTER TABLE messages DROP COLUMN modem;"
		"DROP INDEX messages_version;"
		"DROP INDEX messages_unreported;"
		"ALTER TABLE messages DROP COLUMN delivery;"
		"ALTER TABLE messages DROP COLUMN delivery_at;"
		"DROP TABLE modem_health;"
		"DROP TABLE web_sessions;"
		"DROP TABLE accounts;"
		"DELETE FROM settings WHERE key = 'session_key';"
		"PRAGMA user_version = 8;");
	store_close(st);
	ck_assert_int_eq(store_open(db, &st, err, sizeof err), 0);
	gw.st = st;
	ck_assert_int_eq(scalar("PRAGMA user_version"), 18);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE text LIKE"
		" '%Zarina%'"), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE number ="
		" '" AIGERIM "'"), 2);
	ck_assert_int_eq(scalar("SELECT count(*) FROM contacts WHERE"
		" nationality IS NOT NULL OR entry_day IS NOT NULL"), 0);
	ck_assert_str_eq(text_of("SELECT text FROM reminders"), "");
	ck_assert_int_eq(scalar("SELECT count(*) FROM settings WHERE key ="
		" 'pseudonym_salt'"), 0);
	ck_assert_int_eq(scalar("SELECT sum(n) FROM tallies"), 2);
	ck_assert_int_eq(scalar("SELECT count(*) FROM accounts"), 0);
	ck_assert_int_eq(scalar("SELECT length(value) FROM settings WHERE"
		" key = 'session_key'"), 64);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("privacy");
	TCase *t = tcase_create("privacy");

	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, erase_leaves_no_trace);
	tcase_add_test(t, failed_confirmation_is_not_kept);
	tcase_add_test(t, wipe_waits_for_readers);
	tcase_add_test(t, pseudonyms_are_keyed);
	tcase_add_test(t, no_key_no_pseudonym);
	tcase_add_test(t, sent_reminder_forgets_the_dates);
	tcase_add_test(t, older_database_is_cleaned);
	suite_add_tcase(s, t);
	return run_suite(s);
}
