/*
 * test_accounts.c - the staff console's accounts and sessions, as an
 * attacker would try them: short or guessable passwords, names that are
 * SQL, quotes or controls, a second account under another case, password
 * guessing (counted, locked, timed), unknown names, what the database
 * file holds (no password, no token in clear), stolen or expired
 * sessions, and the last admin.  Then what staff rely on: the audit
 * says who did what and never holds a secret, and erasing a migrant or
 * the retention purge leaves the accounts alone.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "store_private.h"
#include "tap.h"
#include "yordam/accounts.h"
#include "yordam/store.h"

#define NOW 1800000000
#define PW "correct horse battery"
#define PW_RU "правильный конь"     /* 15 Cyrillic characters */

static char dir[64], db[128];
static struct store *st;

static void
setup(void)
{
	char err[1024];

	strcpy(dir, "/tmp/yordam-accounts-XXXXXX");
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

static void
add_ok(const char *name, const char *pw, enum account_role role)
{
	if (account_add(st, name, pw, role, "ru", "admin0", NOW) != 0)
		ck_abort_msg("adding %s: %s", name, store_error(st));
}

/* Refused, with a reason that holds `why`. */
static void
add_refused(const char *name, const char *pw, const char *why)
{
	ck_assert_int_eq(account_add(st, name, pw, ROLE_STAFF, "ru", "admin0",
		NOW), -1);
	ck_assert_msg(strlen(store_error(st)) > 0, "no reason");
	ck_assert_msg(strstr(store_error(st), why) != NULL, "reason '%s' has"
		" no '%s'", store_error(st), why);
}

/* Does the file (or its WAL) hold these bytes anywhere? */
static int
file_holds(const char *path, const char *needle)
{
	size_t n = strlen(needle), len = 0, cap = 0, i;
	char *buf = NULL, chunk[65536];
	FILE *f = fopen(path, "rb");
	int found = 0;

	if (!f)
		return 0;
	while ((i = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (len + i > cap) {
			cap = 2 * (len + i);
			buf = realloc(buf, cap);
			ck_assert_ptr_nonnull(buf);
		}
		memcpy(buf + len, chunk, i);
		len += i;
	}
	fclose(f);
	for (i = 0; i + n <= len && !found; i++)
		found = memcmp(buf + i, needle, n) == 0;
	free(buf);
	return found;
}

static int
db_holds(const char *needle)
{
	char wal[160];

	snprintf(wal, sizeof wal, "%s-wal", db);
	return file_holds(db, needle) || file_holds(wal, needle);
}

START_TEST(short_password_refused_in_characters)
{
	/* 9 Cyrillic letters are 18 bytes: counted as bytes they would
	 * pass. */
	add_refused("aigerim", "абвгдежзи", "too short");
	add_refused("aigerim", "123456789", "too short");
	add_refused("aigerim", "", "no password");
	add_refused("aigerim", NULL, "no password");
	add_refused("aigerim", "abc\xff\xfe" "defghij", "UTF-8");
	ck_assert_int_eq(scalar("SELECT count(*) FROM accounts"), 0);
	add_ok("aigerim", "абвгдежзий", ROLE_STAFF);
	add_ok("bolat", "1234567890", ROLE_STAFF);
	ck_assert_int_eq(scalar("SELECT count(*) FROM accounts"), 2);
}
END_TEST

START_TEST(password_is_not_the_name)
{
	add_refused("aigerim12345", "aigerim12345", "name");
	add_refused("aigerim12345", "AIGERIM12345", "name");
	add_refused("Айгерим-2024", "айгерим-2024", "name");
	ck_assert_int_eq(scalar("SELECT count(*) FROM accounts"), 0);
}
END_TEST

START_TEST(bad_names_refused_with_reasons)
{
	char long_name[40], long_ru[80];

	memset(long_name, 'a', 33);
	long_name[33] = '\0';
	strcpy(long_ru, "");
	for (int i = 0; i < 33; i++)
		strcat(long_ru, "ж");
	add_refused("", PW, "needs a name");
	add_refused(NULL, PW, "needs a name");
	add_refused(long_name, PW, "33 characters; at most 32");
	add_refused(long_ru, PW, "33 characters; at most 32");
	add_refused("ai gerim", PW, "a space");
	add_refused("ai'gerim", PW, "a quote");
	add_refused("ai\"gerim", PW, "a quote");
	add_refused("ai\x01gerim", PW, "control character");
	add_refused("ai\ngerim", PW, "control character");
	add_refused("ai\x1b[31mgerim", PW, "control character");
	add_refused("x'; DROP TABLE accounts;--", PW, "a quote");
	add_refused("<script>", PW, "'<'");
	add_refused("ai\xe2\x80\xaegerim", PW, "U+202E");   /* bidi */
	add_refused("ai\xe2\x80\x8bgerim", PW, "U+200B");   /* zero width */
	add_refused("ai\xffgerim", PW, "UTF-8");
	ck_assert_int_eq(scalar("SELECT count(*) FROM accounts"), 0);
}
END_TEST

START_TEST(good_names_of_any_script)
{
	char ru32[80] = "";
	struct account a;

	for (int i = 0; i < 32; i++)
		strcat(ru32, "ж");
	add_ok("aigerim", PW, ROLE_STAFF);
	add_ok("Айгерим", PW, ROLE_STAFF);
	add_ok("o.rahimov_2-b", PW, ROLE_STAFF);
	add_ok("Ғайрат", PW, ROLE_STAFF);
	add_ok("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", PW, ROLE_STAFF);
	add_ok(ru32, PW, ROLE_STAFF);
	ck_assert_int_eq(account_get(st, ru32, &a), 1);
	ck_assert_str_eq(a.name, ru32);
	ck_assert_int_eq(scalar("SELECT count(*) FROM accounts"), 6);
	/* the table is still there after all the names tried */
	ck_assert_int_eq(account_get(st, "АЙГЕРИМ", &a), 1);
	ck_assert_str_eq(a.name, "Айгерим");
	ck_assert_int_eq(account_get(st, "nobody", &a), 0);
	ck_assert_str_eq(store_error(st), "no account nobody");
	ck_assert_int_eq(account_get(st, "x'; --", &a), 0);
	ck_assert_str_eq(store_error(st), "no such account");
}
END_TEST

START_TEST(duplicate_names_refused_in_any_case)
{
	add_ok("Aigerim", PW, ROLE_STAFF);
	add_refused("aigerim", PW, "there is an account Aigerim already");
	add_refused("AIGERIM", PW, "already");
	add_ok("Айгерим", PW, ROLE_STAFF);
	add_refused("АЙГЕРИМ", PW, "there is an account Айгерим already");
	/* the same name decomposed (и + combining breve): one account */
	add_ok("Йулдуз", PW, ROLE_STAFF);
	add_refused("\xd0\x98\xcc\x86улдуз", PW, "already");
	ck_assert_int_eq(scalar("SELECT count(*) FROM accounts"), 3);
}
END_TEST

START_TEST(wrong_passwords_lock_the_account)
{
	struct account a;
	int i;

	add_ok("aigerim", PW, ROLE_STAFF);
	for (i = 1; i < 5; i++) {
		ck_assert_int_eq(account_login(st, "aigerim", "wrong password",
			5, 900, NOW + i, &a), 0);
		ck_assert_str_eq(store_error(st), "wrong name or password");
		ck_assert_int_eq(scalar("SELECT failures FROM accounts"), i);
	}
	ck_assert_int_eq(scalar("SELECT count(*) FROM audit WHERE action ="
		" 'lockout'"), 0);
	ck_assert_int_eq(account_login(st, "aigerim", "wrong again!", 5, 900,
		NOW + 5, &a), 0);
	ck_assert_int_eq(scalar("SELECT locked_until FROM accounts"),
		NOW + 5 + 900);
	ck_assert_int_eq(scalar("SELECT count(*) FROM audit WHERE action ="
		" 'lockout' AND detail = 'aigerim' AND request_id IS NULL"), 1);
	/* Locked: even the right password is refused. */
	ck_assert_int_eq(account_login(st, "aigerim", PW, 5, 900, NOW + 6, &a),
		2);
	ck_assert_int_eq(account_login(st, "AIGERIM", PW, 5, 900,
		NOW + 5 + 899, &a), 2);
	ck_assert_int_eq(account_get(st, "aigerim", &a), 1);
	ck_assert_int_eq(a.locked_until, NOW + 5 + 900);
	/* After the lock, the right password works and the count is reset. */
	memset(&a, 0, sizeof a);
	ck_assert_int_eq(account_login(st, "Aigerim", PW, 5, 900,
		NOW + 5 + 900, &a), 1);
	ck_assert_str_eq(a.name, "aigerim");
	ck_assert_int_eq(a.role, ROLE_STAFF);
	ck_assert_str_eq(a.lang, "ru");
	ck_assert_int_eq(a.failures, 0);
	ck_assert_int_eq(scalar("SELECT failures + locked_until FROM"
		" accounts"), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM audit WHERE action ="
		" 'login' AND who = 'aigerim'"), 1);
}
END_TEST

START_TEST(unlock_lifts_the_lock)
{
	struct account a;
	int i;

	add_ok("aigerim", PW, ROLE_STAFF);
	for (i = 0; i < 3; i++)
		account_login(st, "aigerim", "wrong password", 3, 900, NOW, &a);
	ck_assert_int_eq(account_login(st, "aigerim", PW, 3, 900, NOW, &a), 2);
	ck_assert_int_eq(account_unlock(st, "AIGERIM", "boss", NOW), 0);
	ck_assert_int_eq(account_login(st, "aigerim", PW, 3, 900, NOW, &a), 1);
	ck_assert_int_eq(scalar("SELECT count(*) FROM audit WHERE action ="
		" 'account-unlock' AND who = 'boss' AND detail = 'aigerim'"), 1);
	ck_assert_int_eq(account_unlock(st, "nobody", "boss", NOW), -1);
	ck_assert_str_eq(store_error(st), "no account nobody");
}
END_TEST

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One login, timed. */
static double
login_time(const char *name, const char *pw, int want)
{
	struct account a;
	double t0 = seconds();

	ck_assert_int_eq(account_login(st, name, pw, 100, 900, NOW, &a), want);
	return seconds() - t0;
}

START_TEST(unknown_name_counts_nothing_and_takes_as_long)
{
	struct account a;
	double known, unknown, locked;
	int i;

	add_ok("aigerim", PW, ROLE_STAFF);
	add_ok("bolat", PW, ROLE_STAFF);
	ck_assert_int_eq(scalar("UPDATE accounts SET locked_until = 2000000000"
		" WHERE name = 'bolat' RETURNING 1"), 1);
	/* the first login makes the dummy hash: not timed */
	ck_assert_int_eq(account_login(st, "nobody", PW, 5, 900, NOW, &a), 0);
	ck_assert_str_eq(store_error(st), "wrong name or password");
	ck_assert_int_eq(account_login(st, "x'; DROP TABLE accounts;--", PW, 5,
		900, NOW, &a), 0);
	ck_assert_int_eq(account_login(st, "", "", 5, 900, NOW, &a), 0);
	ck_assert_int_eq(account_login(st, NULL, NULL, 5, 900, NOW, &a), 0);
	ck_assert_int_eq(scalar("SELECT sum(failures) FROM accounts"), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM audit"), 2);  /* adds */
	/* The quickest of five of each, taken in turns: the least disturbed
	 * by the rest of a parallel `make check`. */
	known = unknown = locked = 1e9;
	for (i = 0; i < 5; i++) {
		unknown = fmin(unknown, login_time("nobody", PW, 0));
		known = fmin(known, login_time("aigerim", "wrong password", 0));
		locked = fmin(locked, login_time("bolat", PW, 2));
	}
	ck_assert_int_eq(scalar("SELECT failures FROM accounts WHERE name ="
		" 'aigerim'"), 5);
	ck_assert_int_eq(scalar("SELECT failures FROM accounts WHERE name ="
		" 'bolat'"), 0);
	ck_assert_int_eq(scalar("SELECT value FROM settings WHERE key ="
		" 'login_refusals'"), 4 + 5 + 5);
	/* argon2id and one commit are the cost, and each pays them once.
	 * Without the dummy hash an unknown name took a hundredth of the
	 * time; the bounds are loose for a loaded machine. */
	ck_assert_msg(unknown > known / 4 && unknown < known * 4, "unknown"
		" %.3f s, known %.3f s", unknown, known);
	ck_assert_msg(locked > known / 4 && locked < known * 4, "locked"
		" %.3f s, known %.3f s", locked, known);
}
END_TEST

START_TEST(database_holds_no_password)
{
	char token[65], csrf[65];

	add_ok("aigerim", PW, ROLE_STAFF);
	add_ok("Айгерим", PW_RU, ROLE_ADMIN);
	ck_assert_int_eq(account_set_password(st, "aigerim", "another secret",
		"admin0", NOW), 0);
	ck_assert_int_eq(session_create(st, "aigerim", NOW, NOW + 3600, token,
		csrf), 0);
	ck_assert_str_eq(text_of("SELECT substr(hash, 1, 10) FROM accounts"
		" WHERE name = 'aigerim'"), "$argon2id$");
	ck_assert_int_eq(scalar("SELECT count(*) FROM accounts WHERE hash NOT"
		" LIKE '$argon2id$v=19$m=65536,t=2,p=1$%'"), 0);
	ck_assert(!db_holds(PW));
	ck_assert(!db_holds(PW_RU));
	ck_assert(!db_holds("another secret"));
	ck_assert(!db_holds(token));
	store_close(st);        /* checkpointed into the file */
	st = NULL;
	ck_assert(!db_holds(PW));
	ck_assert(!db_holds(PW_RU));
	ck_assert(!db_holds("another secret"));
	ck_assert(!db_holds(token));
	ck_assert(file_holds(db, "$argon2id$"));        /* the test sees */
	{
		char err[1024];
		ck_assert_int_eq(store_open(db, &st, err, sizeof err), 0);
	}
}
END_TEST

START_TEST(session_token_is_kept_as_a_keyed_hash)
{
	char token[65], csrf[65], got[65], sql[256];
	struct account a;

	add_ok("aigerim", PW, ROLE_STAFF);
	ck_assert_int_eq(session_create(st, "AIGERIM", NOW, NOW + 3600, token,
		csrf), 0);
	ck_assert_uint_eq(strlen(token), 64);
	ck_assert_uint_eq(strspn(token, "0123456789abcdef"), 64);
	ck_assert_uint_eq(strlen(csrf), 64);
	ck_assert_str_ne(token, csrf);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM web_sessions WHERE"
		" token_hash = '%s' OR csrf = '%s' OR instr(token_hash, '%.16s')",
		token, token, token);
	ck_assert_int_eq(scalar(sql), 0);
	ck_assert_int_eq(scalar("SELECT length(token_hash) FROM web_sessions"),
		64);
	ck_assert_str_eq(text_of("SELECT name FROM web_sessions"), "aigerim");
	ck_assert_int_eq(session_get(st, token, NOW + 10, &a, got), 1);
	ck_assert_str_eq(a.name, "aigerim");
	ck_assert_str_eq(got, csrf);
	/* A token that is not the one given: unknown. */
	token[0] = token[0] == 'a' ? 'b' : 'a';
	ck_assert_int_eq(session_get(st, token, NOW + 10, &a, got), 0);
	ck_assert_int_eq(session_get(st, "", NOW, &a, got), 0);
	ck_assert_int_eq(session_get(st, NULL, NOW, &a, got), 0);
	ck_assert_int_eq(session_get(st, "x' OR 1=1 --", NOW, &a, got), 0);
	/* The stored hash itself is no token either. */
	ck_assert_int_eq(session_get(st, text_of("SELECT token_hash FROM"
		" web_sessions"), NOW, &a, got), 0);
	/* Two sessions never share a token. */
	ck_assert_int_eq(session_create(st, "aigerim", NOW, NOW + 3600, got,
		csrf), 0);
	ck_assert_str_ne(got, token);
	ck_assert_int_eq(session_create(st, "nobody", NOW, NOW + 3600, got,
		csrf), -1);
	ck_assert_str_eq(store_error(st), "no account nobody");
	ck_assert_int_eq(session_create(st, "aigerim", NOW, NOW, got, csrf), -1);
}
END_TEST

START_TEST(expired_session_refused_and_deleted)
{
	char token[65], csrf[65], other[65];
	struct account a;

	add_ok("aigerim", PW, ROLE_STAFF);
	ck_assert_int_eq(session_create(st, "aigerim", NOW, NOW + 60, token,
		csrf), 0);
	ck_assert_int_eq(session_create(st, "aigerim", NOW, NOW + 600, other,
		csrf), 0);
	ck_assert_int_eq(session_get(st, token, NOW + 59, &a, NULL), 1);
	ck_assert_int_eq(session_get(st, token, NOW + 60, &a, csrf), 0);
	ck_assert_str_eq(csrf, "");
	ck_assert_str_eq(store_error(st), "the session has expired");
	ck_assert_int_eq(scalar("SELECT count(*) FROM web_sessions"), 1);
	ck_assert_int_eq(session_get(st, token, NOW + 59, &a, NULL), 0);
	ck_assert_int_eq(session_get(st, other, NOW + 59, NULL, NULL), 1);
	ck_assert_int_eq(session_purge(st, NOW + 599), 0);
	ck_assert_int_eq(session_purge(st, NOW + 600), 1);
	ck_assert_int_eq(scalar("SELECT count(*) FROM web_sessions"), 0);
}
END_TEST

START_TEST(seen_at_written_at_most_once_a_minute)
{
	char token[65], csrf[65];

	add_ok("aigerim", PW, ROLE_STAFF);
	ck_assert_int_eq(session_create(st, "aigerim", NOW, NOW + 3600, token,
		csrf), 0);
	ck_assert_int_eq(session_get(st, token, NOW + 59, NULL, NULL), 1);
	ck_assert_int_eq(scalar("SELECT seen_at FROM web_sessions"), NOW);
	ck_assert_int_eq(session_get(st, token, NOW + 60, NULL, NULL), 1);
	ck_assert_int_eq(scalar("SELECT seen_at FROM web_sessions"), NOW + 60);
	ck_assert_int_eq(session_get(st, token, NOW + 100, NULL, NULL), 1);
	ck_assert_int_eq(scalar("SELECT seen_at FROM web_sessions"), NOW + 60);
}
END_TEST

START_TEST(session_end_logs_out)
{
	char token[65], csrf[65];

	add_ok("aigerim", PW, ROLE_STAFF);
	ck_assert_int_eq(session_create(st, "aigerim", NOW, NOW + 3600, token,
		csrf), 0);
	ck_assert_int_eq(session_end(st, token), 0);
	ck_assert_int_eq(session_get(st, token, NOW, NULL, NULL), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM web_sessions"), 0);
	ck_assert_int_eq(session_end(st, token), 0);
	ck_assert_int_eq(session_end(st, "garbage"), 0);
}
END_TEST

START_TEST(new_password_ends_sessions)
{
	char t1[65], t2[65], t3[65], csrf[65];
	struct account a;

	add_ok("aigerim", PW, ROLE_STAFF);
	add_ok("bolat", PW, ROLE_ADMIN);
	ck_assert_int_eq(session_create(st, "aigerim", NOW, NOW + 3600, t1,
		csrf), 0);
	ck_assert_int_eq(session_create(st, "aigerim", NOW, NOW + 3600, t2,
		csrf), 0);
	ck_assert_int_eq(session_create(st, "bolat", NOW, NOW + 3600, t3,
		csrf), 0);
	/* the rules hold for a new password too */
	ck_assert_int_eq(account_set_password(st, "aigerim", "short", "bolat",
		NOW), -1);
	ck_assert_ptr_nonnull(strstr(store_error(st), "too short"));
	ck_assert_int_eq(account_set_password(st, "aigerim", "AIGERIM", "bolat",
		NOW), -1);
	ck_assert_int_eq(session_get(st, t1, NOW, NULL, NULL), 1);
	ck_assert_int_eq(account_set_password(st, "Aigerim", "a new secret!",
		"bolat", NOW + 1), 0);
	ck_assert_int_eq(session_get(st, t1, NOW + 2, NULL, NULL), 0);
	ck_assert_int_eq(session_get(st, t2, NOW + 2, NULL, NULL), 0);
	ck_assert_int_eq(session_get(st, t3, NOW + 2, &a, NULL), 1);
	ck_assert_int_eq(account_login(st, "aigerim", PW, 5, 900, NOW + 3, &a),
		0);
	ck_assert_int_eq(account_login(st, "aigerim", "a new secret!", 5, 900,
		NOW + 3, &a), 1);
	ck_assert_int_eq(scalar("SELECT password_at FROM accounts WHERE name ="
		" 'aigerim'"), NOW + 1);
	ck_assert_int_eq(account_set_password(st, "nobody", "a new secret!",
		"bolat", NOW), -1);
}
END_TEST

START_TEST(last_admin_stays)
{
	char token[65], csrf[65];
	struct account a;

	add_ok("boss", PW, ROLE_ADMIN);
	add_ok("aigerim", PW, ROLE_STAFF);
	ck_assert_int_eq(account_remove(st, "boss", "boss", NOW), -1);
	ck_assert_str_eq(store_error(st), "boss is the last admin: make another"
		" admin first");
	ck_assert_int_eq(account_set_role(st, "boss", ROLE_STAFF, "boss", NOW),
		-1);
	ck_assert_ptr_nonnull(strstr(store_error(st), "last admin"));
	ck_assert_int_eq(account_set_role(st, "aigerim", ROLE_ADMIN, "boss",
		NOW), 0);
	ck_assert_int_eq(account_set_role(st, "aigerim", ROLE_ADMIN, "boss",
		NOW), -1);
	ck_assert_str_eq(store_error(st), "aigerim is admin already");
	ck_assert_int_eq(session_create(st, "boss", NOW, NOW + 3600, token,
		csrf), 0);
	ck_assert_int_eq(session_get(st, token, NOW, &a, NULL), 1);
	ck_assert_int_eq(a.role, ROLE_ADMIN);
	/* a role taken away applies to the session at once */
	ck_assert_int_eq(account_set_role(st, "boss", ROLE_STAFF, "aigerim",
		NOW), 0);
	ck_assert_int_eq(session_get(st, token, NOW, &a, NULL), 1);
	ck_assert_int_eq(a.role, ROLE_STAFF);
	ck_assert_int_eq(account_remove(st, "aigerim", "boss", NOW), -1);
	ck_assert_int_eq(account_remove(st, "BOSS", "aigerim", NOW), 0);
	ck_assert_int_eq(session_get(st, token, NOW, &a, NULL), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM web_sessions"), 0);
	ck_assert_int_eq(account_get(st, "boss", &a), 0);
	ck_assert_int_eq(account_remove(st, "boss", "aigerim", NOW), -1);
	ck_assert_str_eq(store_error(st), "no account boss");
}
END_TEST

START_TEST(language_and_role_checked)
{
	struct account a;

	ck_assert_int_eq(account_add(st, "aigerim", PW, ROLE_STAFF, "uz",
		"boss", NOW), -1);
	ck_assert_ptr_nonnull(strstr(store_error(st), "ru or en"));
	ck_assert_int_eq(account_add(st, "aigerim", PW, (enum account_role)7,
		"en", "boss", NOW), -1);
	ck_assert_int_eq(account_add(st, "aigerim", PW, ROLE_STAFF, "en", "",
		NOW), -1);
	ck_assert_int_eq(account_add(st, "aigerim", PW, ROLE_STAFF, NULL,
		"boss", NOW), 0);
	ck_assert_int_eq(account_get(st, "aigerim", &a), 1);
	ck_assert_str_eq(a.lang, "ru");
	ck_assert_int_eq(account_set_lang(st, "aigerim", "en"), 0);
	ck_assert_int_eq(account_set_lang(st, "aigerim", "de"), -1);
	ck_assert_int_eq(account_get(st, "aigerim", &a), 1);
	ck_assert_str_eq(a.lang, "en");
	ck_assert_int_eq(a.created_at, NOW);
	ck_assert_str_eq(account_role_name(ROLE_ADMIN), "admin");
	ck_assert_int_eq(account_role_parse("root", &a.role), -1);
}
END_TEST

static void
count_accounts(const struct account *a, void *ud)
{
	int *n = ud;

	ck_assert(a->name[0] != '\0');
	(*n)++;
}

START_TEST(audit_names_who_and_no_secret)
{
	struct account a;
	int n = 0;

	add_ok("boss", PW, ROLE_ADMIN);
	ck_assert_int_eq(account_add(st, "aigerim", PW_RU, ROLE_STAFF, "en",
		"boss", NOW), 0);
	ck_assert_int_eq(account_set_password(st, "aigerim", "new password 1",
		"boss", NOW), 0);
	ck_assert_int_eq(account_set_role(st, "aigerim", ROLE_ADMIN, "boss",
		NOW), 0);
	ck_assert_int_eq(account_unlock(st, "aigerim", "boss", NOW), 0);
	ck_assert_int_eq(account_login(st, "aigerim", "new password 1", 5, 60,
		NOW, &a), 1);
	ck_assert_int_eq(account_remove(st, "aigerim", "boss", NOW), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM audit WHERE request_id"
		" IS NULL AND detail = 'aigerim' AND at = " "1800000000 AND"
		" ((who = 'boss' AND action IN ('account-add', 'account-password',"
		" 'account-role-admin', 'account-unlock', 'account-remove')) OR"
		" (who = 'aigerim' AND action = 'login'))"), 6);
	ck_assert_int_eq(scalar("SELECT count(*) FROM audit WHERE who ="
		" 'admin0' AND action = 'account-add' AND detail = 'boss'"), 1);
	ck_assert_int_eq(scalar("SELECT count(*) FROM audit WHERE detail LIKE"
		" '%argon%' OR detail LIKE '%password%' OR detail LIKE '%конь%'"
		" OR action LIKE '%$%'"), 0);
	ck_assert_int_eq(account_list(st, count_accounts, &n), 0);
	ck_assert_int_eq(n, 1);
}
END_TEST

START_TEST(erasure_and_retention_leave_accounts)
{
	char token[65], csrf[65];

	add_ok("aigerim", PW, ROLE_ADMIN);
	ck_assert_int_eq(session_create(st, "aigerim", NOW, NOW + 3600, token,
		csrf), 0);
	ck_assert_int_eq(store_begin(st), 0);
	ck_assert_int_eq(store_erase_number(st, "aigerim"), 0);
	ck_assert_int_eq(store_commit(st), 0);
	ck_assert_int_eq(store_purge(st, NOW + 10 * 86400, 1000), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM accounts"), 1);
	ck_assert_int_eq(scalar("SELECT count(*) FROM web_sessions"), 1);
	ck_assert_int_eq(scalar("SELECT count(*) FROM audit"), 1);
	ck_assert_int_eq(session_get(st, token, NOW, NULL, NULL), 1);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("accounts");
	TCase *t = tcase_create("accounts");

	tcase_set_timeout(t, 120);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, short_password_refused_in_characters);
	tcase_add_test(t, password_is_not_the_name);
	tcase_add_test(t, bad_names_refused_with_reasons);
	tcase_add_test(t, good_names_of_any_script);
	tcase_add_test(t, duplicate_names_refused_in_any_case);
	tcase_add_test(t, wrong_passwords_lock_the_account);
	tcase_add_test(t, unlock_lifts_the_lock);
	tcase_add_test(t, unknown_name_counts_nothing_and_takes_as_long);
	tcase_add_test(t, database_holds_no_password);
	tcase_add_test(t, session_token_is_kept_as_a_keyed_hash);
	tcase_add_test(t, expired_session_refused_and_deleted);
	tcase_add_test(t, seen_at_written_at_most_once_a_minute);
	tcase_add_test(t, session_end_logs_out);
	tcase_add_test(t, new_password_ends_sessions);
	tcase_add_test(t, last_admin_stays);
	tcase_add_test(t, language_and_role_checked);
	tcase_add_test(t, audit_names_who_and_no_secret);
	tcase_add_test(t, erasure_and_retention_leave_accounts);
	suite_add_tcase(s, t);
	return run_suite(s);
}
