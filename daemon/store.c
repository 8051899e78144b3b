/*
 * store.c - the SQLite connection: opening (file 0600, WAL, migrations),
 * transactions, the statement cache and the error every caller logs.
 *
 * SQLite is the spine of the helpline: every stage is one transaction
 * between two table states, so a crash anywhere leaves rows the next
 * start simply carries on from.  Only the store's files (store*.c) speak
 * SQL; everyone else calls their typed functions (store.h, desk.h).
 *
 * WAL mode lets yordamctl read while yordamd writes.  A new file is
 * created 0600 before SQLite opens it: phone numbers and texts of people
 * at risk live here.  For the same reason what is deleted is overwritten
 * (PRAGMA secure_delete), and after an erasure the write-ahead log, which
 * holds a copy of every page written since the last checkpoint, is
 * checkpointed and truncated (store_wipe_wal()).
 *
 * A damaged file must stop yordamd at the door, not let it start
 * "healthy" and fail every poll while SMS pile up on the modem: an
 * existing file is checked with PRAGMA quick_check when it is opened for
 * writing, and an empty one is refused.  A new database is made under a
 * temporary name and linked into place once SQLite has written its
 * header, so an empty file at the path is never one we are creating.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_private.h"

int
store_set_err(struct store *st, const char *what)
{
	snprintf(st->err, sizeof st->err, "%s: %s", what,
		st->db ? sqlite3_errmsg(st->db) : "no database");
	st->err_code = st->db ? sqlite3_errcode(st->db) : SQLITE_CANTOPEN;
	return -1;
}

int
store_fail(struct store *st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(st->err, sizeof st->err, fmt, ap);
	va_end(ap);
	st->err_code = 0;
	return -1;
}

/*
 * Was the last failure the database's state (busy, locked, full, an I/O
 * error) rather than something about the message?  Such a failure says
 * nothing against the message, so it must not count as one of its tries.
 */
int
store_error_is_transient(struct store *st)
{
	switch (st->err_code & 0xFF) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_NOMEM:
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
	case SQLITE_PROTOCOL:
		return 1;
	}
	return 0;
}

const char *
store_error(struct store *st)
{
	return st->err;
}

sqlite3 *
store_db(struct store *st)
{
	return st->db;
}

int
store_exec(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(st->err, sizeof st->err, "%s", msg ? msg : "?");
		st->err_code = sqlite3_errcode(st->db);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
schema_version(struct store *st)
{
	sqlite3_stmt *q;
	int version = 0;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &q, NULL))
		return store_set_err(st, "schema version");
	if (sqlite3_step(q) == SQLITE_ROW)
		version = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	if (version > store_n_migrations) {
		snprintf(st->err, sizeof st->err,
			"database schema %d is newer than this program (%d)",
			version, store_n_migrations);
		return -1;
	}
	return version;
}

/*
 * Apply the migrations this file has not seen, each in its own
 * transaction.  The version is read again under the write lock: yordamd,
 * yordamctl and yordam-web may open a new or older file at the same
 * moment (systemd starts them together), and only the first may apply
 * each migration.
 */
static int
migrate(struct store *st)
{
	char pragma[64], keep[256];
	int version;

	for (;;) {
		if ((version = schema_version(st)) < 0)
			return -1;
		if (version == store_n_migrations)
			return 0;
		if (store_exec(st, "BEGIN IMMEDIATE") != 0)
			return -1;
		if ((version = schema_version(st)) < 0 ||
		    version == store_n_migrations) {
			memcpy(keep, st->err, sizeof keep);
			store_exec(st, "ROLLBACK");
			memcpy(st->err, keep, sizeof keep);
			if (version < 0)
				return -1;
			continue;
		}
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d",
			version + 1);
		if (store_exec(st, store_migrations[version]) != 0 ||
		    store_exec(st, pragma) != 0) {
			memcpy(keep, st->err, sizeof keep);
			store_exec(st, "ROLLBACK");
			snprintf(st->err, sizeof st->err, "migration %d: %.200s",
				version + 1, keep);
			return -1;
		}
		if (store_exec(st, "COMMIT") != 0)
			return -1;
	}
}

/* Add to a one-line report: lines are joined by "; ", and it stops
 * short of n. */
static void
append_line(char *report, size_t n, size_t *used, const char *line)
{
	if (*used && *used + 2 < n) {
		memcpy(report + *used, "; ", 2);
		*used += 2;
	}
	for (; *line && *used + 1 < n; line++) {
		if (*line != '\n') {
			report[(*used)++] = *line;
		} else if (*used + 3 < n) {
			memcpy(report + *used, "; ", 2);
			*used += 2;
		}
	}
	report[*used] = '\0';
}

/* PRAGMA quick_check: the b-trees and pages, without the slower index
 * cross-checks of integrity_check.  A header that is not SQLite's, or a
 * page that cannot be read, is damage too. */
int
store_quick_check(sqlite3 *db, char *report, size_t n)
{
	sqlite3_stmt *q = NULL;
	size_t used = 0;
	int rc, code, bad = 0;

	report[0] = '\0';
	if ((rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(5)", -1, &q,
	    NULL)) == SQLITE_OK)
		rc = SQLITE_ROW;
	while (rc == SQLITE_ROW && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(q, 0);
		if (line && strcmp(line, "ok") == 0)
			continue;
		bad++;
		/* "*** in database main ***\nPage 2: ...": the heading goes,
		 * the lines are joined. */
		if (line && strncmp(line, "*** in database", 15) == 0 &&
		    strchr(line, '\n'))
			line = strchr(line, '\n') + 1;
		append_line(report, n, &used, line ? line : "?");
	}
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(q);
		return bad ? 1 : 0;
	}
	/* It stopped part-way: what it said so far, then why. */
	code = sqlite3_errcode(db) & 0xff;
	append_line(report, n, &used, sqlite3_errmsg(db));
	sqlite3_finalize(q);
	return code == SQLITE_CORRUPT || code == SQLITE_NOTADB ? 1 : -1;
}

/* What a damaged or empty file means, and what to do about it. */
static void
say_damaged(char *err, size_t errlen, const char *path, const char *what)
{
	snprintf(err, errlen, "%s is damaged (quick_check: %s). Nothing can"
		" use it until it is repaired; SMS wait on the modem meanwhile."
		" To recover: stop yordamd; restore the last backup with"
		" `yordamctl restore BACKUP` (see yordamctl(1)), or salvage"
		" what is readable with `sqlite3 %s .recover | sqlite3 NEW.db`"
		" and put NEW.db in its place", path, what, path);
}

static void
say_empty(char *err, size_t errlen, const char *path)
{
	snprintf(err, errlen, "%s is empty: not a Yordam database (yordamd"
		" never leaves its database empty; was it truncated?); restore"
		" a backup with `yordamctl restore BACKUP`, or remove the file"
		" only if you mean to start afresh", path);
}

/* The directory of path, synced so a rename into it survives a power
 * cut. */
static void
sync_dir_of(const char *path)
{
	char copy[PATH_MAX];
	int fd;

	snprintf(copy, sizeof copy, "%s", path);
	if ((fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Put the finished new file in place without replacing one another
 * process (a second yordamd, a yordamctl desk command) put there first:
 * a hard link fails if the path exists.  Where links are not supported,
 * a rename.  1 placed, 0 someone else's is there, -1 error (errno). */
static int
place_new(const char *tmp, const char *path)
{
	if (link(tmp, path) == 0) {
		unlink(tmp);
		return 1;
	}
	if (errno == EEXIST) {
		unlink(tmp);
		return 0;
	}
	if (errno != EPERM && errno != EOPNOTSUPP && errno != ENOSYS)
		return -1;
	return rename(tmp, path) == 0 ? 1 : -1;
}

/* A new database: made 0600 under a temporary name, given its header
 * (WAL mode), and put in place, so the path never holds an empty file
 * that a crash could leave behind.  *fresh: 1 made, 0 another process
 * made it meanwhile. */
static int
create_new(const char *path, int *fresh, char *err, size_t errlen)
{
	char tmp[PATH_MAX + 16], msg[2 * PATH_MAX] = "";
	sqlite3 *db = NULL;
	int fd;

	snprintf(tmp, sizeof tmp, "%s.new-XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		snprintf(err, errlen, "%s: cannot create it: %s", path,
			strerror(errno));
		return -1;
	}
	close(fd);
	if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK
	    || sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL)
	    != SQLITE_OK)
		snprintf(msg, sizeof msg, "%s", sqlite3_errmsg(db));
	sqlite3_close(db);
	if (!msg[0] && (*fresh = place_new(tmp, path)) < 0)
		snprintf(msg, sizeof msg, "putting %s in its place: %s", tmp,
			strerror(errno));
	if (msg[0]) {
		unlink(tmp);
		snprintf(err, errlen, "%s: cannot create it: %s", path, msg);
		return -1;
	}
	sync_dir_of(path);
	return 0;
}

/* Before SQLite opens path: a missing file is created (for writing) or an
 * error; an empty one is always an error.  *fresh says it was just made. */
static int
prepare_file(const char *path, int readonly, int *fresh, char *err,
		size_t errlen)
{
	struct stat sb;

	*fresh = 0;
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT || readonly) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			return -1;
		}
		return create_new(path, fresh, err, errlen);
	}
	if (S_ISREG(sb.st_mode) && sb.st_size == 0) {
		say_empty(err, errlen, path);
		return -1;
	}
	return 0;
}

/* An existing file opened for writing is checked first: better to refuse
 * at the start than to fail on every poll. */
static int
check_on_open(struct store *st, const char *path, char *err, size_t errlen)
{
	char report[256];

	switch (store_quick_check(st->db, report, sizeof report)) {
	case 0:
		return 0;
	case 1:
		say_damaged(err, errlen, path, report);
		return -1;
	default:
		snprintf(err, errlen, "%s: cannot check it: %s", path, report);
		return -1;
	}
}

/* What every connection has before it reads or writes anything: foreign
 * keys, deleted content overwritten with zeros, our SQL functions. */
static int
set_up_connection(struct store *st)
{
	if (store_add_functions(st->db) != SQLITE_OK)
		return store_set_err(st, "our SQL functions");
	return store_exec(st, "PRAGMA foreign_keys = ON; PRAGMA secure_delete"
		" = ON");
}

static int
open_common(const char *path, struct store **out, int readonly, char *err,
		size_t errlen)
{
	struct store *st;
	int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	int fresh;

	if (prepare_file(path, readonly, &fresh, err, errlen) != 0)
		return -1;
	if (!(st = calloc(1, sizeof *st))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(st->db));
		sqlite3_close(st->db);
		free(st);
		return -1;
	}
	sqlite3_busy_timeout(st->db, 5000);
	if (!readonly && !fresh && check_on_open(st, path, err, errlen) != 0) {
		store_close(st);
		return -1;
	}
	/* Tests only: a ceiling on the file makes SQLite answer "database or
	 * disk is full", exactly as a full disk does. */
	if (!readonly && getenv("YORDAM_TEST_MAX_PAGES")) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA max_page_count = %d",
			atoi(getenv("YORDAM_TEST_MAX_PAGES")));
		store_exec(st, pragma);
	}
	if (set_up_connection(st) != 0 ||
	    (!readonly && (store_exec(st, "PRAGMA journal_mode = WAL") != 0 ||
			   store_exec(st, "PRAGMA synchronous = FULL") != 0 ||
			   migrate(st) != 0))) {
		snprintf(err, errlen, "%s: %s", path, st->err);
		store_close(st);
		return -1;
	}
	/* A crash may have come between an erasure and its wipe. */
	st->wipe_due = !readonly;
	*out = st;
	return 0;
}

int
store_check(const char *path, char *report, size_t n)
{
	char what[256];
	struct stat sb;
	sqlite3 *db = NULL;
	int rc;

	if (stat(path, &sb) != 0) {
		snprintf(report, n, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISREG(sb.st_mode) && sb.st_size == 0) {
		say_empty(report, n, path);
		return 1;
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		snprintf(report, n, "%s: %s", path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 5000);
	rc = store_quick_check(db, what, sizeof what);
	sqlite3_close(db);
	if (rc == 1)
		say_damaged(report, n, path, what);
	else if (rc < 0)
		snprintf(report, n, "%s: cannot check it: %s", path, what);
	else
		snprintf(report, n, "%s: database OK (quick_check)", path);
	return rc;
}

int
store_open(const char *path, struct store **out, char *err, size_t errlen)
{
	mode_t old = umask(077);    /* also for the -wal and -shm files */
	int rc = open_common(path, out, 0, err, errlen);
	umask(old);
	return rc;
}

int
store_open_readonly(const char *path, struct store **out, char *err,
		size_t errlen)
{
	return open_common(path, out, 1, err, errlen);
}

void
store_close(struct store *st)
{
	int i;

	if (!st)
		return;
	for (i = 0; i < st->n_cached; i++)
		sqlite3_finalize(st->cache[i].q);
	sqlite3_close(st->db);
	free(st);
}


int
store_prepare(struct store *st, sqlite3_stmt **q, const char *sql)
{
	int i;

	for (i = 0; i < st->n_cached; i++)
		if (st->cache[i].sql == sql) {
			*q = st->cache[i].q;
			sqlite3_reset(*q);
			sqlite3_clear_bindings(*q);
			return 0;
		}
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, q,
	    NULL) != SQLITE_OK)
		return store_set_err(st, "prepare");
	store_trace_sql(sql);
	if (st->n_cached < STMT_CACHE) {
		st->cache[st->n_cached].sql = sql;
		st->cache[st->n_cached++].q = *q;
	}
	return 0;
}

int
store_prepare_once(struct store *st, sqlite3_stmt **q, const char *sql)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, q, NULL) != SQLITE_OK)
		return store_set_err(st, "prepare");
	store_trace_sql(sql);
	return 0;
}

/* Done with a statement: a kept one is reset (which also ends the read
 * it may hold), any other finalized. */

void
store_release(struct store *st, sqlite3_stmt *q)
{
	int i;

	for (i = 0; i < st->n_cached; i++)
		if (st->cache[i].q == q) {
			sqlite3_reset(q);
			return;
		}
	sqlite3_finalize(q);
}

int
store_step_done(struct store *st, sqlite3_stmt *q, const char *what)
{
	int rc = sqlite3_step(q);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_set_err(st, what);
		store_release(st, q);
		return -1;
	}
	store_release(st, q);
	return 0;
}

/* A kept statement, run once for its effect. */
int
store_run(struct store *st, const char *sql)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, sql) != 0)
		return -1;
	return store_step_done(st, q, sql);
}

int
store_begin(struct store *st)
{
	return store_run(st, "BEGIN IMMEDIATE");
}

int
store_commit(struct store *st)
{
	return store_run(st, "COMMIT");
}

/*
 * A savepoint inside the caller's transaction, so one item of a batch
 * (an alert, a reminder) can fail and be undone alone while the rest
 * goes on.
 */
int
store_savepoint(struct store *st)
{
	return store_run(st, "SAVEPOINT item");
}

int
store_savepoint_release(struct store *st)
{
	return store_run(st, "RELEASE item");
}

void
store_savepoint_undo(struct store *st)
{
	char keep[256];
	int code = st->err_code;

	memcpy(keep, st->err, sizeof keep);
	if (!sqlite3_get_autocommit(st->db) &&
	    store_run(st, "ROLLBACK TO item") == 0)
		store_run(st, "RELEASE item");
	memcpy(st->err, keep, sizeof keep);
	st->err_code = code;
}

/*
 * One failed try of something (a message, an alert, a reminder): sql is
 * an UPDATE ... RETURNING the new count, with ?1 the id, ?2 the reason,
 * ?3 the most tries, ?4 now.  1 the tries are used up, 0 not yet, -1.
 */
int
store_count_try(struct store *st, const char *sql, int64_t id,
		const char *reason, int max_tries, int64_t now)
{
	sqlite3_stmt *q;
	int tries = -1;

	if (store_prepare(st, &q, sql) != 0)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, reason && *reason ? reason : "unknown", -1,
		SQLITE_STATIC);
	sqlite3_bind_int(q, 3, max_tries);
	sqlite3_bind_int64(q, 4, now);
	if (sqlite3_step(q) == SQLITE_ROW)
		tries = sqlite3_column_int(q, 0);
	store_release(st, q);
	if (tries < 0)
		return store_set_err(st, "count a failed try");
	return tries >= max_tries;
}

/*
 * After an erasure has committed: the write-ahead log still holds the
 * pages as they were before (the number, the texts), so it is
 * checkpointed into the file, where secure_delete has zeroed them, and
 * truncated to nothing.  Readers (yordamctl) can hold it up: then it is
 * left for a later call, without waiting long, as the loop must go on.
 */
int
store_wipe_wal(struct store *st)
{
	int rc;

	if (!st->wipe_due)
		return 0;
	sqlite3_busy_timeout(st->db, 100);
	rc = sqlite3_wal_checkpoint_v2(st->db, NULL,
		SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	sqlite3_busy_timeout(st->db, 5000);
	if (rc == SQLITE_OK) {
		st->wipe_due = 0;
		return 0;
	}
	store_set_err(st, "checkpoint");
	return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED
		? 1 : -1;
}

/*
 * One small number from one row: sql selects it with ?1 a number and ?2
 * a text (a time and a phone, say).  No row: dflt.  -1 with the error
 * set when the query fails, so only for values that cannot be -1.
 */
int
store_query_int(struct store *st, const char *sql, int64_t a, const char *b,
		int dflt, const char *what)
{
	sqlite3_stmt *q;
	int rc, v = dflt;

	if (store_prepare(st, &q, sql) != 0)
		return -1;
	sqlite3_bind_int64(q, 1, a);
	sqlite3_bind_text(q, 2, b, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int(q, 0);
	else if (rc != SQLITE_DONE)
		store_set_err(st, what);
	store_release(st, q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? v : -1;
}

/* Still inside a transaction (SQLite rolls back on its own after some
 * errors, a full disk among them)? */
int
store_in_transaction(struct store *st)
{
	return !sqlite3_get_autocommit(st->db);
}

void
store_rollback(struct store *st)
{
	char keep[256];
	int code = st->err_code;

	/* The error that made the caller roll back is the one to report
	 * (and to judge as transient or not), not the rollback's own. */
	memcpy(keep, st->err, sizeof keep);
	store_exec(st, "ROLLBACK");
	memcpy(st->err, keep, sizeof keep);
	st->err_code = code;
}

