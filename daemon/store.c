/*
 * store.c - the SQLite schema, its migrations, and the transactions
 * between message states.
 *
 * WAL mode lets yordamctl read while yordamd writes.  The schema version
 * is PRAGMA user_version; each migration is one SQL script applied in a
 * transaction, so a half-migrated file cannot exist.  The file is created
 * 0600 before SQLite opens it: phone numbers and texts of people at risk
 * live here.
 *
 * Idempotency: every part carries a key built from what the network gave
 * it (sender, SMSC time, concatenation reference and sequence, a hash of
 * the text).  A part re-read after a crash between commit and delete finds
 * its key taken and is dropped, so it is never answered twice.
 */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yordam/sms.h"
#include "yordam/store.h"

/*
 * Statements are compiled once and kept for the life of the connection:
 * compiling the same SQL again for every SMS cost a tenth of the daemon's
 * CPU time (docs/performance.md).  A statement is found by the address
 * of its SQL text, so only string constants go through prepare(); SQL
 * built at run time uses prepare_once().
 */
#define STMT_CACHE 64

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
};

static const char *migrations[] = {
	/* 1: the gateway core */
	"CREATE TABLE messages ("
	"  id INTEGER PRIMARY KEY,"
	"  dir TEXT NOT NULL CHECK (dir IN ('in','out')),"
	"  number TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  parts INTEGER NOT NULL DEFAULT 1,"
	"  coding TEXT,"
	"  status TEXT NOT NULL,"
	"  idem_key TEXT UNIQUE,"
	"  sent_time INTEGER,"
	"  created_at INTEGER NOT NULL,"
	"  done_at INTEGER,"
	"  in_reply_to INTEGER REFERENCES messages(id) ON DELETE SET NULL,"
	"  node TEXT,"
	"  content_version INTEGER REFERENCES content_versions(id),"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_attempt INTEGER,"
	"  error TEXT);"
	"CREATE INDEX messages_pending ON messages(dir, status, id);"
	"CREATE INDEX messages_number ON messages(number, id);"
	"CREATE TABLE parts ("
	"  id INTEGER PRIMARY KEY,"
	"  idem_key TEXT NOT NULL UNIQUE,"
	"  sender TEXT NOT NULL,"
	"  smsc TEXT,"
	"  sent_time INTEGER,"
	"  ref INTEGER NOT NULL,"
	"  total INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  received_at INTEGER NOT NULL,"
	"  message_id INTEGER REFERENCES messages(id) ON DELETE CASCADE);"
	"CREATE INDEX parts_open ON parts(message_id, sender, ref, total);"
	"CREATE TABLE contacts ("
	"  number TEXT PRIMARY KEY,"
	"  lang TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL);"
	"CREATE TABLE sessions ("
	"  number TEXT PRIMARY KEY REFERENCES contacts(number) ON DELETE CASCADE,"
	"  path TEXT NOT NULL,"
	"  awaiting_language INTEGER NOT NULL DEFAULT 0,"
	"  updated_at INTEGER NOT NULL);"
	"CREATE TABLE help_requests ("
	"  id INTEGER PRIMARY KEY,"
	"  number TEXT NOT NULL,"
	"  lang TEXT,"
	"  topic TEXT,"
	"  message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,"
	"  conversation TEXT NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'open',"
	"  created_at INTEGER NOT NULL,"
	"  closed_at INTEGER);"
	"CREATE INDEX help_open ON help_requests(status, created_at);"
	"CREATE TABLE content_versions ("
	"  id INTEGER PRIMARY KEY,"
	"  hash TEXT NOT NULL UNIQUE,"
	"  loaded_at INTEGER NOT NULL);",
	/* 2: the deadline calculator, reminders, STOP */
	"ALTER TABLE contacts ADD COLUMN nationality TEXT;"
	"ALTER TABLE contacts ADD COLUMN entry_day INTEGER;"
	"ALTER TABLE contacts ADD COLUMN opted_out INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE sessions ADD COLUMN pending TEXT NOT NULL DEFAULT '';"
	"CREATE TABLE reminders ("
	"  id INTEGER PRIMARY KEY,"
	"  number TEXT NOT NULL REFERENCES contacts(number) ON DELETE CASCADE,"
	"  due_at INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,"
	"  status TEXT NOT NULL DEFAULT 'scheduled',"
	"  created_at INTEGER NOT NULL,"
	"  sent_at INTEGER);"
	"CREATE INDEX reminders_due ON reminders(status, due_at);",
	/* 3: triage and the staff desk */
	"ALTER TABLE help_requests ADD COLUMN category TEXT;"
	"ALTER TABLE help_requests ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE help_requests ADD COLUMN claimed_by TEXT;"
	"ALTER TABLE help_requests ADD COLUMN first_reply_at INTEGER;"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  request_id INTEGER REFERENCES help_requests(id) ON DELETE CASCADE,"
	"  who TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  detail TEXT,"
	"  at INTEGER NOT NULL);"
	"CREATE TABLE notes ("
	"  id INTEGER PRIMARY KEY,"
	"  request_id INTEGER NOT NULL REFERENCES help_requests(id)"
	"    ON DELETE CASCADE,"
	"  who TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  at INTEGER NOT NULL);",
	/* 4: on-call alerts and their escalation */
	"CREATE TABLE alerts ("
	"  id INTEGER PRIMARY KEY,"
	"  request_id INTEGER NOT NULL REFERENCES help_requests(id)"
	"    ON DELETE CASCADE,"
	"  staff TEXT NOT NULL,"
	"  sent_at INTEGER NOT NULL,"
	"  acked_at INTEGER,"
	"  escalated INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX alerts_request ON alerts(request_id, id);",
	/* 5: what is kept when messages are erased or purged */
	"CREATE TABLE tallies ("
	"  day TEXT NOT NULL,"
	"  dir TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (day, dir));"
	"CREATE INDEX messages_created ON messages(created_at);",
	/* 6: a secret salt for pseudonyms in exports */
	"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"INSERT INTO settings VALUES ('pseudonym_salt', hex(randomblob(16)));",
};

#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

static int
set_err(struct store *st, const char *what)
{
	snprintf(st->err, sizeof st->err, "%s: %s", what,
		st->db ? sqlite3_errmsg(st->db) : "no database");
	return -1;
}

const char *
store_error(struct store *st)
{
	return st->err;
}

void *
store_db(struct store *st)
{
	return st->db;
}

static int
exec(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(st->err, sizeof st->err, "%s", msg ? msg : "?");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
migrate(struct store *st)
{
	sqlite3_stmt *q;
	int version = 0, i;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &q, NULL))
		return set_err(st, "schema version");
	if (sqlite3_step(q) == SQLITE_ROW)
		version = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	if (version > N_MIGRATIONS) {
		snprintf(st->err, sizeof st->err,
			"database schema %d is newer than this program (%d)",
			version, N_MIGRATIONS);
		return -1;
	}
	for (i = version; i < N_MIGRATIONS; i++) {
		char pragma[64];
		if (exec(st, "BEGIN IMMEDIATE") != 0)
			return -1;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d",
			i + 1);
		if (exec(st, migrations[i]) != 0 || exec(st, pragma) != 0) {
			char keep[256];
			memcpy(keep, st->err, sizeof keep);
			exec(st, "ROLLBACK");
			snprintf(st->err, sizeof st->err, "migration %d: %.200s",
				i + 1, keep);
			return -1;
		}
		if (exec(st, "COMMIT") != 0)
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
		exec(st, pragma);
	}
	if (exec(st, "PRAGMA foreign_keys = ON") != 0 ||
	    (!readonly && (exec(st, "PRAGMA journal_mode = WAL") != 0 ||
			   exec(st, "PRAGMA synchronous = FULL") != 0 ||
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

static int prepare(struct store *st, sqlite3_stmt **q, const char *sql);
static int step_done(struct store *st, sqlite3_stmt *q, const char *what);

/* A kept statement, run once for its effect. */
static int
run(struct store *st, const char *sql)
{
	sqlite3_stmt *q;

	if (prepare(st, &q, sql) != 0)
		return -1;
	return step_done(st, q, sql);
}

int
store_begin(struct store *st)
{
	return run(st, "BEGIN IMMEDIATE");
}

int
store_commit(struct store *st)
{
	return run(st, "COMMIT");
}

void
store_rollback(struct store *st)
{
	char keep[256];

	memcpy(keep, st->err, sizeof keep);
	exec(st, "ROLLBACK");
	memcpy(st->err, keep, sizeof keep);
}

/* FNV-1a: a key component, not a security measure. */
static uint64_t
text_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static int
prepare(struct store *st, sqlite3_stmt **q, const char *sql)
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
		return set_err(st, "prepare");
	if (st->n_cached < STMT_CACHE) {
		st->cache[st->n_cached].sql = sql;
		st->cache[st->n_cached++].q = *q;
	}
	return 0;
}

static int
prepare_once(struct store *st, sqlite3_stmt **q, const char *sql)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, q, NULL) != SQLITE_OK)
		return set_err(st, "prepare");
	return 0;
}

/* Done with a statement: a kept one is reset (which also ends the read
 * it may hold), any other finalized. */
static void
release(struct store *st, sqlite3_stmt *q)
{
	int i;

	for (i = 0; i < st->n_cached; i++)
		if (st->cache[i].q == q) {
			sqlite3_reset(q);
			return;
		}
	sqlite3_finalize(q);
}

static int
step_done(struct store *st, sqlite3_stmt *q, const char *what)
{
	int rc = sqlite3_step(q);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		set_err(st, what);
		release(st, q);
		return -1;
	}
	release(st, q);
	return 0;
}

static int64_t
insert_inbound(struct store *st, const char *number, const char *text,
		int parts, const char *status, const char *key,
		int64_t sent_time, int64_t now)
{
	sqlite3_stmt *q;

	if (prepare(st, &q, "INSERT INTO messages (dir, number, text, parts,"
	    " status, idem_key, sent_time, created_at)"
	    " VALUES ('in', ?, ?, ?, ?, ?, ?, ?)") != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, text, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 3, parts);
	sqlite3_bind_text(q, 4, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 6, sent_time);
	sqlite3_bind_int64(q, 7, now);
	if (step_done(st, q, "store message") != 0)
		return -1;
	return sqlite3_last_insert_rowid(st->db);
}

/*
 * Join the parts of one open group (sender, ref, total) into a message.
 * Missing parts (after the timeout) are marked with "[…]" so staff can
 * see that something did not arrive.
 */
static int
assemble(struct store *st, const char *sender, int ref, int total,
		int64_t now)
{
	sqlite3_stmt *q;
	char *text = NULL, key[200];
	size_t len = 0;
	int expect = 1, count = 0, rc;
	int64_t first_id = 0, sent_time = 0, msg_id;

	if (prepare(st, &q, "SELECT id, seq, text, sent_time FROM parts"
	    " WHERE message_id IS NULL AND sender = ? AND ref = ? AND total = ?"
	    " ORDER BY seq, id") != 0)
		return -1;
	sqlite3_bind_text(q, 1, sender, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, ref);
	sqlite3_bind_int(q, 3, total);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int seq = sqlite3_column_int(q, 1);
		const char *t = (const char *)sqlite3_column_text(q, 2);
		size_t tl = strlen(t);
		char *grown;

		if (seq < expect)
			continue;       /* a duplicate sequence number */
		if (!first_id) {
			first_id = sqlite3_column_int64(q, 0);
			sent_time = sqlite3_column_int64(q, 3);
		}
		grown = realloc(text, len + tl + 8);
		if (!grown) {
			rc = SQLITE_NOMEM;
			break;
		}
		text = grown;
		if (seq > expect) {
			memcpy(text + len, "[\xE2\x80\xA6]", 5);
			len += 5;
		}
		memcpy(text + len, t, tl);
		len += tl;
		expect = seq + 1;
		count++;
	}
	release(st, q);
	if (rc != SQLITE_DONE) {
		free(text);
		return set_err(st, "read parts");
	}
	if (!count)
		return 0;
	if (expect <= total) {
		char *grown = realloc(text, len + 6);
		if (!grown) {
			free(text);
			return -1;
		}
		text = grown;
		memcpy(text + len, "[\xE2\x80\xA6]", 5);
		len += 5;
	}
	text[len] = '\0';
	snprintf(key, sizeof key, "multi|%lld", (long long)first_id);
	msg_id = insert_inbound(st, sender, text, total, "new", key,
		sent_time, now);
	free(text);
	if (msg_id < 0)
		return -1;
	if (prepare(st, &q, "UPDATE parts SET message_id = ? WHERE message_id"
	    " IS NULL AND sender = ? AND ref = ? AND total = ?") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, msg_id);
	sqlite3_bind_text(q, 2, sender, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 3, ref);
	sqlite3_bind_int(q, 4, total);
	return step_done(st, q, "link parts");
}

static int
open_group_count(struct store *st, const char *sender, int ref, int total)
{
	sqlite3_stmt *q;
	int n = -1;

	if (prepare(st, &q, "SELECT count(DISTINCT seq) FROM parts WHERE"
	    " message_id IS NULL AND sender = ? AND ref = ? AND total = ?") != 0)
		return -1;
	sqlite3_bind_text(q, 1, sender, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, ref);
	sqlite3_bind_int(q, 3, total);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	release(st, q);
	return n;
}

enum part_result
store_part_received(struct store *st, const struct sms_part_in *p,
		int64_t now)
{
	char key[256];
	sqlite3_stmt *q;
	const char *status;
	int multipart = p->ref >= 0 && p->total > 1 && !p->hold, changed;

	snprintf(key, sizeof key, "%s|%lld|%d|%d|%d|%016llx", p->sender,
		(long long)p->sent_time, p->ref, p->total, p->seq,
		(unsigned long long)text_hash(p->text));
	if ((st->in_batch ? run(st, "SAVEPOINT part") : store_begin(st)) != 0)
		return PART_ERROR;
	if (!multipart) {
		status = p->hold ? p->hold : "new";
		if (prepare(st, &q, "INSERT OR IGNORE INTO messages (dir, number,"
		    " text, parts, status, idem_key, sent_time, created_at)"
		    " VALUES ('in', ?, ?, 1, ?, ?, ?, ?)") != 0)
			goto fail;
		sqlite3_bind_text(q, 1, p->sender, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, p->text, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, status, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 5, p->sent_time);
		sqlite3_bind_int64(q, 6, now);
		if (step_done(st, q, "store message") != 0)
			goto fail;
		changed = sqlite3_changes(st->db);
	} else {
		if (prepare(st, &q, "INSERT OR IGNORE INTO parts (idem_key, sender,"
		    " smsc, sent_time, ref, total, seq, text, received_at)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)") != 0)
			goto fail;
		sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, p->sender, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, p->smsc, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 4, p->sent_time);
		sqlite3_bind_int(q, 5, p->ref);
		sqlite3_bind_int(q, 6, p->total);
		sqlite3_bind_int(q, 7, p->seq);
		sqlite3_bind_text(q, 8, p->text, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 9, now);
		if (step_done(st, q, "store part") != 0)
			goto fail;
		changed = sqlite3_changes(st->db);
		if (changed && open_group_count(st, p->sender, p->ref,
		    p->total) >= p->total &&
		    assemble(st, p->sender, p->ref, p->total, now) != 0)
			goto fail;
	}
	if ((st->in_batch ? run(st, "RELEASE part") : store_commit(st)) != 0)
		goto fail;
	return changed ? PART_STORED : PART_DUPLICATE;
fail:
	if (st->in_batch) {
		/* Only this part is undone; the batch goes on, unless SQLite
		 * has already rolled the whole transaction back. */
		char keep[256];
		memcpy(keep, st->err, sizeof keep);
		if (!sqlite3_get_autocommit(st->db) &&
		    run(st, "ROLLBACK TO part") == 0)
			run(st, "RELEASE part");
		memcpy(st->err, keep, sizeof keep);
	} else
		store_rollback(st);
	return PART_ERROR;
}

/*
 * The parts of one modem scan are stored under one transaction: one
 * commit, one fsync, however many SMS a surge brings.  Nothing of it is
 * durable, so nothing may be deleted from the modem, before
 * store_batch_commit() returns 0.
 */
int
store_batch_begin(struct store *st)
{
	if (store_begin(st) != 0)
		return -1;
	st->in_batch = 1;
	return 0;
}

int
store_batch_commit(struct store *st)
{
	st->in_batch = 0;
	if (sqlite3_get_autocommit(st->db)) {
		snprintf(st->err, sizeof st->err, "the batch transaction was"
			" rolled back by SQLite");
		return -1;
	}
	if (store_commit(st) != 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

int
store_assemble_expired(struct store *st, int64_t now, int timeout)
{
	sqlite3_stmt *q;
	int rc, n = 0;

	if (store_begin(st) != 0)
		return -1;
	if (prepare(st, &q, "SELECT sender, ref, total FROM parts"
	    " WHERE message_id IS NULL GROUP BY sender, ref, total"
	    " HAVING min(received_at) <= ?") != 0)
		goto fail;
	sqlite3_bind_int64(q, 1, now - timeout);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		char *sender = strdup((const char *)sqlite3_column_text(q, 0));
		int r = assemble(st, sender, sqlite3_column_int(q, 1),
			sqlite3_column_int(q, 2), now);
		free(sender);
		if (r != 0) {
			release(st, q);
			goto fail;
		}
		n++;
	}
	release(st, q);
	if (rc != SQLITE_DONE) {
		set_err(st, "expired parts");
		goto fail;
	}
	if (store_commit(st) != 0)
		goto fail;
	return n;
fail:
	store_rollback(st);
	return -1;
}

int
store_next_inbound(struct store *st, struct inbound *msg)
{
	sqlite3_stmt *q;
	int rc;

	memset(msg, 0, sizeof *msg);
	if (prepare(st, &q, "SELECT id, number, text, parts FROM messages"
	    " WHERE dir = 'in' AND status = 'new' ORDER BY id LIMIT 1") != 0)
		return -1;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		msg->id = sqlite3_column_int64(q, 0);
		msg->number = strdup((const char *)sqlite3_column_text(q, 1));
		msg->text = strdup((const char *)sqlite3_column_text(q, 2));
		msg->parts = sqlite3_column_int(q, 3);
	}
	release(st, q);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return set_err(st, "next inbound");
}

void
inbound_free(struct inbound *msg)
{
	free(msg->number);
	free(msg->text);
	memset(msg, 0, sizeof *msg);
}

int
store_load_state(struct store *st, const char *number,
		struct conv_state *state)
{
	sqlite3_stmt *q;
	int rc;

	memset(state, 0, sizeof *state);
	state->entry_day = -1;
	if (prepare(st, &q, "SELECT c.lang, s.path, s.awaiting_language,"
	    " s.updated_at, s.pending, c.nationality, c.entry_day, c.opted_out"
	    " FROM contacts c LEFT JOIN sessions s"
	    " ON s.number = c.number WHERE c.number = ?") != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const char *lang = (const char *)sqlite3_column_text(q, 0);
		const char *path = (const char *)sqlite3_column_text(q, 1);
		snprintf(state->lang, sizeof state->lang, "%s", lang ? lang : "");
		snprintf(state->path, sizeof state->path, "%s", path ? path : "");
		const char *pending = (const char *)sqlite3_column_text(q, 4);
		const char *nat = (const char *)sqlite3_column_text(q, 5);
		state->awaiting_language = sqlite3_column_int(q, 2);
		state->last_seen = sqlite3_column_int64(q, 3);
		snprintf(state->pending, sizeof state->pending, "%s",
			pending ? pending : "");
		snprintf(state->nationality, sizeof state->nationality, "%s",
			nat ? nat : "");
		if (sqlite3_column_type(q, 6) != SQLITE_NULL)
			state->entry_day = sqlite3_column_int(q, 6);
		state->opted_out = sqlite3_column_int(q, 7);
	}
	release(st, q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return set_err(st, "load contact");
	return rc == SQLITE_ROW;
}

int
store_save_state(struct store *st, const char *number,
		const struct conv_state *state, int64_t now)
{
	sqlite3_stmt *q;

	if (prepare(st, &q, "INSERT INTO contacts (number, lang, created_at,"
	    " updated_at, nationality, entry_day, opted_out)"
	    " VALUES (?1, nullif(?2, ''), ?3, ?3, nullif(?4, ''), ?5, ?6)"
	    " ON CONFLICT(number) DO UPDATE SET lang = excluded.lang,"
	    " updated_at = excluded.updated_at,"
	    " nationality = excluded.nationality,"
	    " entry_day = excluded.entry_day, opted_out = excluded.opted_out")
	    != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, state->lang, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, now);
	sqlite3_bind_text(q, 4, state->nationality, -1, SQLITE_STATIC);
	if (state->entry_day >= 0)
		sqlite3_bind_int(q, 5, state->entry_day);
	else
		sqlite3_bind_null(q, 5);
	sqlite3_bind_int(q, 6, state->opted_out);
	if (step_done(st, q, "save contact") != 0)
		return -1;
	if (prepare(st, &q, "INSERT INTO sessions (number, path,"
	    " awaiting_language, updated_at, pending) VALUES (?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT(number) DO UPDATE SET path = excluded.path,"
	    " awaiting_language = excluded.awaiting_language,"
	    " updated_at = excluded.updated_at, pending = excluded.pending")
	    != 0)
		return -1;
	sqlite3_bind_text(q, 5, state->pending, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, state->path, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 3, state->awaiting_language);
	sqlite3_bind_int64(q, 4, now);
	return step_done(st, q, "save session");
}

int
store_queue_reply(struct store *st, const char *number, const char *text,
		int64_t in_reply_to, const char *node, int64_t content_version,
		int coding, int parts, int64_t now)
{
	sqlite3_stmt *q;

	if (prepare(st, &q, "INSERT INTO messages (dir, number, text, parts,"
	    " coding, status, created_at, in_reply_to, node, content_version,"
	    " next_attempt) VALUES ('out', ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)")
	    != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, text, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 3, parts);
	sqlite3_bind_text(q, 4, coding ? "ucs2" : "gsm7", -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 5, now);
	if (in_reply_to > 0)
		sqlite3_bind_int64(q, 6, in_reply_to);
	else
		sqlite3_bind_null(q, 6);
	sqlite3_bind_text(q, 7, node, -1, SQLITE_STATIC);
	if (content_version > 0)
		sqlite3_bind_int64(q, 8, content_version);
	else
		sqlite3_bind_null(q, 8);
	sqlite3_bind_int64(q, 9, now);
	return step_done(st, q, "queue reply");
}

/*
 * The conversation so far goes with the request, so staff can read what
 * the person asked without digging: the last 20 messages either way.
 */
int
store_add_help_request(struct store *st, const char *number,
		const char *lang, const char *topic, const char *urgent,
		int64_t message_id, int64_t now)
{
	sqlite3_stmt *q;

	if (prepare(st, &q, "INSERT INTO help_requests (number, lang, topic,"
	    " category, urgent,"
	    " message_id, conversation, created_at) VALUES (?1, ?2, ?3, ?6,"
	    " ?6 IS NOT NULL, ?4,"
	    " coalesce((SELECT group_concat(line, char(10)) FROM"
	    " (SELECT (CASE dir WHEN 'in' THEN '> ' ELSE '< ' END) || text AS"
	    " line FROM (SELECT * FROM messages WHERE number = ?1"
	    " ORDER BY id DESC LIMIT 20) ORDER BY id)), ''), ?5)") != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, topic, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, message_id);
	sqlite3_bind_int64(q, 5, now);
	sqlite3_bind_text(q, 6, urgent, -1, SQLITE_STATIC);
	return step_done(st, q, "help request");
}

int
store_add_reminder(struct store *st, const char *number, int64_t due_at,
		const char *text, int64_t message_id, int64_t now)
{
	sqlite3_stmt *q;

	if (prepare(st, &q, "INSERT INTO reminders (number, due_at, text,"
	    " message_id, created_at) VALUES (?, ?, ?, ?, ?)") != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, due_at);
	sqlite3_bind_text(q, 3, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, message_id);
	sqlite3_bind_int64(q, 5, now);
	return step_done(st, q, "add reminder");
}

/*
 * One transaction: the due reminders become queued messages and are
 * marked sent together, so a crash can neither lose nor double one.
 * Reminders of people who said STOP are skipped (kept, not sent).
 */
int
store_send_due_reminders(struct store *st, int64_t now)
{
	sqlite3_stmt *q, *u;
	int n = 0, rc;

	if (store_begin(st) != 0)
		return -1;
	if (prepare(st, &q, "SELECT r.id, r.number, r.text FROM reminders r"
	    " JOIN contacts c ON c.number = r.number WHERE r.status ="
	    " 'scheduled' AND r.due_at <= ? AND c.opted_out = 0 ORDER BY r.id")
	    != 0)
		goto fail;
	sqlite3_bind_int64(q, 1, now);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *number = (const char *)sqlite3_column_text(q, 1);
		const char *text = (const char *)sqlite3_column_text(q, 2);
		struct sms_measure m;

		if (sms_measure(text, &m) != 0)
			m.coding = SMS_UCS2, m.parts = 1;
		if (store_queue_reply(st, number, text, 0, "reminder", 0,
		    m.coding, m.parts, now) != 0 ||
		    prepare(st, &u, "UPDATE reminders SET status = 'sent',"
		    " sent_at = ? WHERE id = ?") != 0) {
			release(st, q);
			goto fail;
		}
		sqlite3_bind_int64(u, 1, now);
		sqlite3_bind_int64(u, 2, sqlite3_column_int64(q, 0));
		if (step_done(st, u, "mark reminder") != 0) {
			release(st, q);
			goto fail;
		}
		n++;
	}
	release(st, q);
	if (rc != SQLITE_DONE || store_commit(st) != 0)
		goto fail;
	return n;
fail:
	store_rollback(st);
	return -1;
}

static int update_out(struct store *st, const char *sql, int64_t id,
		int64_t a, const char *text);

int
store_count(struct store *st, const char *number, const char *dir,
		int64_t since)
{
	sqlite3_stmt *q;
	int n = -1;

	if (prepare(st, &q, "SELECT count(*) FROM messages WHERE number = ?"
	    " AND dir = ? AND created_at >= ? AND status != 'held'") != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, dir, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, since);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	release(st, q);
	return n;
}

int
store_hold_replies(struct store *st, int64_t in_reply_to)
{
	return update_out(st, "UPDATE messages SET status = 'held' WHERE"
		" dir = 'out' AND in_reply_to = ?1 AND status = 'queued'"
		" AND ?2 = ?2", in_reply_to, 0, NULL);
}

/* Count what is about to go, by day and direction, so reports survive. */
static int
tally(struct store *st, const char *where, const char *number, int64_t before)
{
	char sql[512];
	sqlite3_stmt *q;

	snprintf(sql, sizeof sql, "INSERT INTO tallies (day, dir, n) SELECT"
		" date(created_at, 'unixepoch'), dir, count(*) FROM messages"
		" WHERE %s GROUP BY 1, 2 ON CONFLICT(day, dir) DO UPDATE SET"
		" n = n + excluded.n", where);
	if (prepare_once(st, &q, sql) != 0)
		return -1;
	if (number)
		sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(q, 1, before);
	return step_done(st, q, "tally");
}

static int
run_with_text(struct store *st, const char *sql, const char *text)
{
	sqlite3_stmt *q;

	if (prepare(st, &q, sql) != 0)
		return -1;
	sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
	return step_done(st, q, "erase");
}

/*
 * DELETE: everything the helpline holds about a number goes, in the
 * caller's transaction: messages, parts, help requests (with their notes,
 * alerts and audit), the contact, its session and reminders.  Only the
 * per-day counts stay.
 */
int
store_erase_number(struct store *st, const char *number)
{
	if (tally(st, "number = ?1", number, 0) != 0 ||
	    run_with_text(st, "DELETE FROM messages WHERE number = ?1",
		number) != 0 ||
	    run_with_text(st, "DELETE FROM parts WHERE sender = ?1",
		number) != 0 ||
	    run_with_text(st, "DELETE FROM help_requests WHERE number = ?1",
		number) != 0 ||
	    run_with_text(st, "DELETE FROM contacts WHERE number = ?1",
		number) != 0)
		return -1;
	return 0;
}

/*
 * Retention: message texts older than `before` are deleted (counted
 * first), and old help requests lose the number and the conversation but
 * keep what the statistics need.  Messages still waiting to be answered
 * or sent are never purged.
 */
int
store_purge(struct store *st, int64_t before)
{
	sqlite3_stmt *q;
	int n;

	if (store_begin(st) != 0)
		return -1;
	if (tally(st, "created_at < ?1 AND status NOT IN ('new', 'queued',"
	    " 'sending')", NULL, before) != 0 ||
	    prepare(st, &q, "DELETE FROM messages WHERE created_at < ? AND"
	    " status NOT IN ('new', 'queued', 'sending')") != 0)
		goto fail;
	sqlite3_bind_int64(q, 1, before);
	if (step_done(st, q, "purge") != 0)
		goto fail;
	n = sqlite3_changes(st->db);
	if (prepare(st, &q, "DELETE FROM parts WHERE received_at < ? AND"
	    " message_id IS NOT NULL") != 0)
		goto fail;
	sqlite3_bind_int64(q, 1, before);
	if (step_done(st, q, "purge parts") != 0)
		goto fail;
	if (prepare(st, &q, "UPDATE help_requests SET number = 'purged',"
	    " conversation = '' WHERE created_at < ? AND status = 'closed'")
	    != 0)
		goto fail;
	sqlite3_bind_int64(q, 1, before);
	if (step_done(st, q, "purge requests") != 0 || store_commit(st) != 0)
		goto fail;
	return n;
fail:
	store_rollback(st);
	return -1;
}

/*
 * A stable pseudonym for a number: the same person gets the same name
 * across exports of one database, and without the database's salt the
 * name cannot be turned back into the number by trying them all.
 */
void
store_pseudonym(struct store *st, const char *number, char *out, size_t n)
{
	sqlite3_stmt *q;
	uint64_t h = 1469598103934665603ULL;
	const char *p;

	if (prepare(st, &q, "SELECT value FROM settings WHERE key ="
	    " 'pseudonym_salt'") == 0) {
		if (sqlite3_step(q) == SQLITE_ROW)
			for (p = (const char *)sqlite3_column_text(q, 0); *p; p++)
				h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		release(st, q);
	}
	for (p = number; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	snprintf(out, n, "p%010llx", (unsigned long long)(h >> 24));
}

int
store_mark_processed(struct store *st, int64_t id, const char *status,
		int64_t now)
{
	sqlite3_stmt *q;

	if (prepare(st, &q, "UPDATE messages SET status = ?, done_at = ?"
	    " WHERE id = ?") != 0)
		return -1;
	sqlite3_bind_text(q, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, now);
	sqlite3_bind_int64(q, 3, id);
	return step_done(st, q, "mark processed");
}

int64_t
store_content_version(struct store *st, const char *hash, int64_t now)
{
	sqlite3_stmt *q;
	int64_t id = -1;

	if (prepare(st, &q, "INSERT OR IGNORE INTO content_versions (hash,"
	    " loaded_at) VALUES (?, ?)") != 0)
		return -1;
	sqlite3_bind_text(q, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, now);
	if (step_done(st, q, "content version") != 0)
		return -1;
	if (prepare(st, &q, "SELECT id FROM content_versions WHERE hash = ?"))
		return -1;
	sqlite3_bind_text(q, 1, hash, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		id = sqlite3_column_int64(q, 0);
	release(st, q);
	return id;
}

int
store_next_outbound(struct store *st, int64_t now, struct outbound *msg)
{
	sqlite3_stmt *q;
	int rc;

	memset(msg, 0, sizeof *msg);
	if (prepare(st, &q, "SELECT id, number, text, attempts FROM messages"
	    " WHERE dir = 'out' AND status = 'queued' AND next_attempt <= ?"
	    " ORDER BY id LIMIT 1") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, now);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		msg->id = sqlite3_column_int64(q, 0);
		msg->number = strdup((const char *)sqlite3_column_text(q, 1));
		msg->text = strdup((const char *)sqlite3_column_text(q, 2));
		msg->attempts = sqlite3_column_int(q, 3);
	}
	release(st, q);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return set_err(st, "next outbound");
}

void
outbound_free(struct outbound *msg)
{
	free(msg->number);
	free(msg->text);
	memset(msg, 0, sizeof *msg);
}

static int
update_out(struct store *st, const char *sql, int64_t id, int64_t a,
		const char *text)
{
	sqlite3_stmt *q;

	if (prepare(st, &q, sql) != 0)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, a);
	if (text)
		sqlite3_bind_text(q, 3, text, -1, SQLITE_STATIC);
	return step_done(st, q, "update outbound");
}

int
store_mark_sending(struct store *st, int64_t id, int64_t now)
{
	return update_out(st, "UPDATE messages SET status = 'sending',"
		" attempts = attempts + 1, done_at = ?2 WHERE id = ?1", id, now,
		NULL);
}

int
store_mark_sent(struct store *st, int64_t id, int64_t now)
{
	return update_out(st, "UPDATE messages SET status = 'sent',"
		" done_at = ?2, error = NULL WHERE id = ?1", id, now, NULL);
}

int
store_mark_send_failed(struct store *st, int64_t id, const char *error,
		int64_t retry_at, int final, int64_t now)
{
	(void)now;
	if (final)
		return update_out(st, "UPDATE messages SET status = 'failed',"
			" done_at = ?2, error = ?3 WHERE id = ?1", id, now,
			error);
	return update_out(st, "UPDATE messages SET status = 'queued',"
		" next_attempt = ?2, error = ?3 WHERE id = ?1", id, retry_at,
		error);
}

/*
 * A message left 'sending' by a crash may or may not have left the modem.
 * Sending it again risks a duplicate; not sending it risks leaving someone
 * without an answer.  For a helpline the second is worse.
 */
int
store_requeue_interrupted(struct store *st)
{
	if (exec(st, "UPDATE messages SET status = 'queued' WHERE dir = 'out'"
	    " AND status = 'sending'") != 0)
		return -1;
	return sqlite3_changes(st->db);
}
