/*
 * store_private.h - what the store's own files share, and nothing else
 * may see: the connection, the statement cache and the error buffer.
 *
 * The store is split by concern (store.c the connection and
 * transactions, store_schema.c the migrations, store_inbox.c and
 * store_outbox.c the message states, store_people.c contacts and
 * retention, store_desk.c help requests and the staff desk, store_log.c
 * what yordamctl lists, store_accounts.c and store_sessions.c the
 * console's accounts and sessions); this header is how they reach one connection.
 * It is not installed and not included outside daemon/store*.c, except
 * by the store's own unit tests.
 */
#ifndef YORDAM_STORE_PRIVATE_H
#define YORDAM_STORE_PRIVATE_H

#include <sqlite3.h>

#include "yordam/store.h"

/*
 * Statements are compiled once and kept for the life of the connection:
 * compiling the same SQL again for every SMS cost a tenth of the daemon's
 * CPU time (docs/performance.md).  A statement is found by the address
 * of its SQL text, so only string constants go through store_prepare();
 * SQL built at run time uses store_prepare_once().
 */
#define STMT_CACHE 96

struct cached_stmt {
	const char *sql;
	sqlite3_stmt *q;
};

struct store {
	sqlite3 *db;
	char err[256];
	struct cached_stmt cache[STMT_CACHE];
	int n_cached;
	int in_batch;           /* parts are stored under one transaction */
	int err_code;           /* SQLite's code for err, 0 for our rules */
	int wipe_due;           /* erased rows may be in the WAL still */
	char modem[32];         /* a modem's worker: its name ("" in one-
				 * modem mode: no filtering) */
};

/* The error: "what: SQLite's message"; always returns -1. */
int store_set_err(struct store *st, const char *what);
/* The error in our own words (a rule, not SQLite); always returns -1. */
int store_fail(struct store *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int store_exec(struct store *st, const char *sql);
int store_prepare(struct store *st, sqlite3_stmt **q, const char *sql);
int store_prepare_once(struct store *st, sqlite3_stmt **q, const char *sql);
void store_release(struct store *st, sqlite3_stmt *q);
/* Step once; 0 on a row or done, else -1 with the error set. */
int store_step_done(struct store *st, sqlite3_stmt *q, const char *what);
/* A kept statement, run once for its effect. */
int store_run(struct store *st, const char *sql);
/* One failed try: sql is an UPDATE ... RETURNING the new count (?1 id,
 * ?2 reason, ?3 most tries, ?4 now).  1 used up, 0 not yet, -1 error. */
int store_count_try(struct store *st, const char *sql, int64_t id,
		const char *reason, int max_tries, int64_t now);
/* One small number (never -1) from one row; ?1 = a, ?2 = b; no row:
 * dflt; -1 on error. */
int store_query_int(struct store *st, const char *sql, int64_t a,
		const char *b, int dflt, const char *what);
/* The columns of a request, in the order store_read_request() reads them. */
#define REQUEST_FIELDS "h.id, h.number, h.lang, h.topic, h.category," \
	" h.urgent, h.status, h.claimed_by, h.created_at, h.conversation," \
	" m.text"
#define REQUEST_FROM " FROM help_requests h LEFT JOIN messages m" \
	" ON m.id = h.message_id"
#define REQUEST_COLUMNS REQUEST_FIELDS REQUEST_FROM

struct desk_request;
/* A row of REQUEST_COLUMNS (then any more columns) into r. */
void store_read_request(sqlite3_stmt *q, struct desk_request *r);
/* An audit line of request id (0: of no request). */
int store_audit(struct store *st, int64_t id, const char *who,
		const char *action, const char *detail, int64_t now);
/* staff_request() and casefold() on a connection (store_functions.c):
 * SQLITE_OK or SQLite's code. */
int store_add_functions(sqlite3 *db);
/* The schema, one SQL script per version (store_schema.c). */
extern const char *const store_migrations[];
extern const int store_n_migrations;
/* PRAGMA quick_check on a connection: 0 sound; 1 damaged (report holds
 * the first lines of what is wrong); -1 it could not run (report says
 * why). */
int store_quick_check(sqlite3 *db, char *report, size_t n);
/* The staff console's accounts (store_accounts.c), for its sessions
 * (store_sessions.c): the columns store_read_account() reads, and an
 * account by its name in any case: 1 (*a filled, and its argon2id hash
 * into hash, crypto_pwhash_STRBYTES bytes, unless NULL), 0 none (the
 * error says so), -1 error. */
#define ACCOUNT_FIELDS "name, role, lang, failures, locked_until, created_at"
struct account;
void store_read_account(sqlite3_stmt *q, int at, struct account *a);
int store_find_account(struct store *st, const char *name,
		struct account *a, char *hash);
/* Tests only: a statement just compiled, appended to the file named by
 * YORDAM_SQL_TRACE once per process (store_trace.c); nothing if unset. */
void store_trace_sql(const char *sql);
/* For the store's own tests: the connection. */
sqlite3 *store_db(struct store *st);

/* FNV-1a of a text: a key component (idempotency keys, statements
 * already traced), not a security measure. */
static inline uint64_t
store_text_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

#endif
