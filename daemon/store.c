/*
 * store.c - the SQLite connection: opening (file 0600, WAL, migrations),
 * transactions, the statement cache and the error every caller logs.
 *
 * SQLite is the spine of the helpline: every stage is one transaction
 * between two table states, so a crash anywhere leaves rows the next
 * start simply carries on from.  Only the store's files (store*.c) speak
 * SQL; everyone else calls their typed functions (store.h, desk.h).
 *
 * WAL mode lets yordamctl read while yordamd writes.  The file is created
 * 0600 before SQLite opens it: phone numbers and texts of people at risk
 * live here.
 */
#include <errno.h>
#include <fcntl.h>
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

/* Apply the migrations this file has not seen, each in its own
 * transaction. */
static int
migrate(struct store *st)
{
	sqlite3_stmt *q;
	int version = 0, i;

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
	for (i = version; i < store_n_migrations; i++) {
		char pragma[64];
		if (store_exec(st, "BEGIN IMMEDIATE") != 0)
			return -1;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d",
			i + 1);
		if (store_exec(st, store_migrations[i]) != 0 || store_exec(st, pragma) != 0) {
			char keep[256];
			memcpy(keep, st->err, sizeof keep);
			store_exec(st, "ROLLBACK");
			snprintf(st->err, sizeof st->err, "migration %d: %.200s",
				i + 1, keep);
			return -1;
		}
		if (store_exec(st, "COMMIT") != 0)
			return -1;
	}
	return 0;
}

static int
open_common(const char *path, struct store **out, int readonly, char *err,
		size_t errlen)
{
	struct store *st = calloc(1, sizeof *st);
	int flags = readonly ? SQLITE_OPEN_READONLY
		: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

	if (!st) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (!readonly) {
		/* Create the file 0600 ourselves, before SQLite does it 0644. */
		int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			free(st);
			return -1;
		}
		close(fd);
	}
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(st->db));
		sqlite3_close(st->db);
		free(st);
		return -1;
	}
	sqlite3_busy_timeout(st->db, 5000);
	/* Tests only: a ceiling on the file makes SQLite answer "database or
	 * disk is full", exactly as a full disk does. */
	if (!readonly && getenv("YORDAM_TEST_MAX_PAGES")) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA max_page_count = %d",
			atoi(getenv("YORDAM_TEST_MAX_PAGES")));
		store_exec(st, pragma);
	}
	if (store_exec(st, "PRAGMA foreign_keys = ON") != 0 ||
	    (!readonly && (store_exec(st, "PRAGMA journal_mode = WAL") != 0 ||
			   store_exec(st, "PRAGMA synchronous = FULL") != 0 ||
			   migrate(st) != 0))) {
		snprintf(err, errlen, "%s: %s", path, st->err);
		store_close(st);
		return -1;
	}
	*out = st;
	return 0;
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

	memcpy(keep, st->err, sizeof keep);
	if (!sqlite3_get_autocommit(st->db) &&
	    store_run(st, "ROLLBACK TO item") == 0)
		store_run(st, "RELEASE item");
	memcpy(st->err, keep, sizeof keep);
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

	memcpy(keep, st->err, sizeof keep);
	store_exec(st, "ROLLBACK");
	memcpy(st->err, keep, sizeof keep);
}

