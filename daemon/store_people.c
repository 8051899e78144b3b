/*
 * store_people.c - what the helpline keeps about a person (contact,
 * session, reminders), and how it lets go of it: erasure on request,
 * retention, pseudonyms for exports.  Functions here run inside the
 * caller's transaction: the gateway decides where a stage begins and
 * ends.  (The content versions each reply points at: store_content.c.)
 *
 * The people who text the helpline may be undocumented or hiding from an
 * employer, so letting go is thorough: an erasure takes the staff SMS
 * that quote the person too, the confirmation goes a minute after it was
 * sent, a sent reminder keeps no dates, and a pseudonym cannot be turned
 * back into the number without the database's key.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_private.h"
#include "yordam/engine.h"

int
store_load_state(struct store *st, const char *number,
		struct conv_state *state)
{
	sqlite3_stmt *q;
	int rc;

	memset(state, 0, sizeof *state);
	state->entry_day = -1;
	if (store_prepare(st, &q, "SELECT c.lang, s.path, s.awaiting_language,"
	    " s.updated_at, s.pending, c.nationality, c.entry_day, c.opted_out,"
	    " s.answers FROM contacts c LEFT JOIN sessions s"
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
		snprintf(state->answers, sizeof state->answers, "%s",
			sqlite3_column_text(q, 8) ? (const char *)
			sqlite3_column_text(q, 8) : "");
	}
	store_release(st, q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_set_err(st, "load contact");
	return rc == SQLITE_ROW;
}

int
store_save_state(struct store *st, const char *number,
		const struct conv_state *state, int64_t now)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "INSERT INTO contacts (number, lang, created_at,"
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
	if (store_step_done(st, q, "save contact") != 0)
		return -1;
	if (store_prepare(st, &q, "INSERT INTO sessions (number, path,"
	    " awaiting_language, updated_at, pending, answers)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
	    " ON CONFLICT(number) DO UPDATE SET path = excluded.path,"
	    " awaiting_language = excluded.awaiting_language,"
	    " updated_at = excluded.updated_at, pending = excluded.pending,"
	    " answers = excluded.answers")
	    != 0)
		return -1;
	sqlite3_bind_text(q, 5, state->pending, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, state->answers, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, state->path, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 3, state->awaiting_language);
	sqlite3_bind_int64(q, 4, now);
	return store_step_done(st, q, "save session");
}

int
store_add_reminder(struct store *st, const char *number, int64_t due_at,
		const char *text, int64_t message_id, int64_t now)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "INSERT INTO reminders (number, due_at, text,"
	    " message_id, created_at) VALUES (?, ?, ?, ?, ?)") != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, due_at);
	sqlite3_bind_text(q, 3, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, message_id);
	sqlite3_bind_int64(q, 5, now);
	return store_step_done(st, q, "add reminder");
}

/*
 * The reminders due at `now` for people who did not say STOP (kept, not
 * sent, for those who did), oldest first, at most max.  The caller queues
 * each and marks it sent in the same transaction, so a crash can neither
 * lose nor double one.
 */
int
store_due_reminders(struct store *st, int64_t now, struct reminder *out,
		int max)
{
	sqlite3_stmt *q;
	int n = 0, rc = SQLITE_DONE;

	if (store_prepare(st, &q, "SELECT r.id, r.number, r.text FROM"
	    " reminders r JOIN contacts c ON c.number = r.number WHERE"
	    " r.status = 'scheduled' AND r.due_at <= ? AND c.opted_out = 0"
	    " ORDER BY r.id LIMIT ?") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, now);
	sqlite3_bind_int(q, 2, max);
	while (n < max && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		out[n].id = sqlite3_column_int64(q, 0);
		out[n].number = strdup((const char *)sqlite3_column_text(q, 1));
		out[n].text = strdup((const char *)sqlite3_column_text(q, 2));
		n++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_err(st, "due reminders");
		store_release(st, q);
		reminders_free(out, n);
		return -1;
	}
	store_release(st, q);
	return n;
}

void
reminders_free(struct reminder *r, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(r[i].number);
		free(r[i].text);
	}
}

/* A reminder that could not be queued: counted, and after max_tries set
 * aside as 'failed' with the reason.  1 set aside, 0 again later, -1. */
int
store_reminder_failed(struct store *st, int64_t id, const char *reason,
		int max_tries)
{
	return store_count_try(st, "UPDATE reminders SET attempts = attempts"
	    " + 1, error = ?2, status = CASE WHEN attempts + 1 >= ?3 THEN"
	    " 'failed' ELSE status END WHERE id = ?1 RETURNING attempts", id,
	    reason, max_tries, 0);
}

/* Was this person told of a reply limit since `since`?  1, 0, or -1. */
int
store_limit_notice_since(struct store *st, const char *number, int64_t since)
{
	return store_query_int(st, "SELECT limit_notice_at >= ?1 FROM contacts"
	    " WHERE number = ?2", since, number, 0, "limit notice");
}

int
store_mark_limit_notice(struct store *st, const char *number, int64_t now)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "UPDATE contacts SET limit_notice_at = ?"
	    " WHERE number = ?") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, now);
	sqlite3_bind_text(q, 2, number, -1, SQLITE_STATIC);
	return store_step_done(st, q, "limit notice");
}

/*
 * A reminder that has left needs nothing more: its text (the person's
 * dates; the queued SMS has its own copy, under retention) is emptied,
 * and the contact's citizenship and entry date are cleared, so the
 * database is not a list of who may be overstaying.
 */
int
store_mark_reminder_sent(struct store *st, int64_t id, int64_t now)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "UPDATE contacts SET nationality = NULL,"
	    " entry_day = NULL WHERE number = (SELECT number FROM reminders"
	    " WHERE id = ?)") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	if (store_step_done(st, q, "forget the dates") != 0)
		return -1;
	if (store_prepare(st, &q, "UPDATE reminders SET status = 'sent',"
	    " sent_at = ?, text = '' WHERE id = ?") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, now);
	sqlite3_bind_int64(q, 2, id);
	return store_step_done(st, q, "mark reminder");
}

/* Count what is about to go (the messages matching `where`, with ?1 the
 * number or the time before which), by day and direction, so reports
 * survive. */
static int
tally(struct store *st, const char *where, const char *number, int64_t before)
{
	char sql[1024];
	sqlite3_stmt *q;

	snprintf(sql, sizeof sql, "INSERT INTO tallies (day, dir, n) SELECT"
		" date(created_at, 'unixepoch'), dir, count(*) FROM messages"
		" WHERE %s GROUP BY 1, 2 ON CONFLICT(day, dir) DO UPDATE SET"
		" n = n + excluded.n", where);
	if (store_prepare_once(st, &q, sql) != 0)
		return -1;
	if (number)
		sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(q, 1, before);
	return store_step_done(st, q, "tally");
}

static int
run_with_text(struct store *st, const char *sql, const char *text)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, sql) != 0)
		return -1;
	sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
	return store_step_done(st, q, "erase");
}

/*
 * The staff SMS about the requests of number ?1.  They are kept under the
 * staff phone's number, and they quote the person: an alert or the
 * answer to NEXT is "#12 URGENT passport (uz): «text»", a command is
 * "PIN:ok R 12 text" or "NOTE 12 text".  Every staff text about a request
 * starts "#id" (staff.c), and staff_request() reads a command with the
 * desk's own parser, so both are found by the request's number.  They
 * are deleted rather than rewritten: the request, its alerts and audit
 * go too, so an alert left behind would point at nothing, and one still
 * queued must not go out.  The staff SMS are read through their partial
 * index, named: left to itself SQLite read every reply ever sent
 * (messages_queue, dir = 'out': 0.9 s an erasure on a year).
 */
#define STAFF_ROWS "id IN (SELECT m.id FROM help_requests h JOIN messages m" \
	" INDEXED BY messages_staff_alert ON m.node = 'staff-alert' AND m.dir = 'out' AND (m.text GLOB" \
	" '#' || h.id || ' *' OR m.text GLOB '#' || h.id || ':*')" \
	" WHERE h.number = ?1 UNION SELECT id FROM messages WHERE dir = 'in'" \
	" AND status = 'staff' AND staff_request(text) IN (SELECT id FROM" \
	" help_requests WHERE number = ?1))"

/*
 * DELETE: everything the helpline holds about a number goes, in the
 * caller's transaction: messages, parts, the staff SMS about its
 * requests, help requests (with their notes, alerts and audit), the
 * contact, its session and reminders.  Only the per-day counts stay.
 * Nothing is left in the file (secure_delete zeroes it); the caller
 * calls store_wipe_wal() once this has committed.
 */
int
store_erase_number(struct store *st, const char *number)
{
	st->wipe_due = 1;
	if (tally(st, STAFF_ROWS, number, 0) != 0 ||
	    run_with_text(st, "DELETE FROM messages WHERE " STAFF_ROWS,
		number) != 0 ||
	    tally(st, "number = ?1", number, 0) != 0 ||
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

/* The confirmation of an erasure, once sent or given up: ?1 before.
 * Read through the partial index messages_confirmation ("+dir",
 * "+status": through messages_queue, SQLite read every reply ever sent,
 * every ten seconds: the whole of a year's file, 0.6 s). */
#define CONFIRMATIONS "node = 'deleted' AND done_at < ?1 AND +dir = 'out'" \
	" AND +status IN ('sent', 'failed')"

/*
 * After an erasure only its confirmation keeps the number.  Once it has
 * left (or was given up) it goes as well, a little later, so `yordamctl
 * log` and `phone` still see it leave; the caller wipes the WAL after.
 */
int
store_forget_confirmations(struct store *st, int64_t before)
{
	sqlite3_stmt *q;
	int n;

	if (tally(st, CONFIRMATIONS, NULL, before) != 0 ||
	    store_prepare(st, &q, "DELETE FROM messages WHERE "
	    CONFIRMATIONS) != 0)
		return -1;
	sqlite3_bind_int64(q, 1, before);
	if (store_step_done(st, q, "forget confirmations") != 0)
		return -1;
	if ((n = sqlite3_changes(st->db)) > 0)
		st->wipe_due = 1;
	return n;
}

/*
 * Retention: message texts older than `before` are deleted (counted
 * first), and old help requests lose the number and the conversation but
 * keep what the statistics need.  Messages still waiting to be answered
 * or sent are never purged.
 */
/* The oldest finished messages, by the created_at index: one batch. */
#define PURGE_BATCH "SELECT id FROM messages WHERE created_at < ?1 AND" \
	" status NOT IN ('new', 'queued', 'sending', 'held')" \
	" ORDER BY created_at, id LIMIT ?2"

static int
purge_step(struct store *st, const char *sql, int64_t before, int max_rows,
		const char *what)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, sql) != 0)
		return -1;
	sqlite3_bind_int64(q, 1, before);
	sqlite3_bind_int(q, 2, max_rows);
	return store_step_done(st, q, what);
}

int
store_purge(struct store *st, int64_t before, int max_rows)
{
	sqlite3_stmt *q;
	int n;

	/* Counted first, then their parts; what points at them follows by
	 * the foreign keys, each through its index. */
	if (purge_step(st, "INSERT INTO tallies (day, dir, n) SELECT"
	    " date(created_at, 'unixepoch'), dir, count(*) FROM messages"
	    " WHERE id IN (" PURGE_BATCH ") GROUP BY 1, 2"
	    " ON CONFLICT(day, dir) DO UPDATE SET n = n + excluded.n",
	    before, max_rows, "tally") != 0 ||
	    purge_step(st, "DELETE FROM parts WHERE message_id IN ("
	    PURGE_BATCH ")", before, max_rows, "purge parts") != 0 ||
	    purge_step(st, "DELETE FROM messages WHERE id IN (" PURGE_BATCH ")",
	    before, max_rows, "purge") != 0)
		return -1;
	n = sqlite3_changes(st->db);
	if (n < max_rows) {
		/* The messages are done: old closed requests lose the number
		 * and the conversation, keeping what statistics need. */
		if (store_prepare(st, &q, "UPDATE help_requests SET number ="
		    " 'purged', conversation = '' WHERE created_at < ? AND"
		    " status = 'closed' AND number != 'purged'") != 0)
			return -1;
		sqlite3_bind_int64(q, 1, before);
		if (store_step_done(st, q, "purge requests") != 0)
			return -1;
	}
	return n;
}

/*
 * A stable pseudonym for a number: the same person gets the same name
 * across exports of one database.  Keyed BLAKE2b with the 32-byte secret
 * that migration 8 put in settings and that never leaves the database:
 * without it the name cannot be turned back into the number by trying
 * every number (which an unkeyed hash allowed), and 64 bits keep names
 * apart.  -1 without a key: "p?", never a name anyone could compute.
 */
int
store_pseudonym(struct store *st, const char *number, char *out, size_t n)
{
	unsigned char key[32], h[16];
	const char *hex = NULL;
	sqlite3_stmt *q;
	int ok = 0, i;

	snprintf(out, n, "p?");
	if (sodium_init() < 0 || store_prepare(st, &q, "SELECT value FROM"
	    " settings WHERE key = 'pseudonym_key'") != 0)
		return -1;
	if (sqlite3_step(q) == SQLITE_ROW)
		hex = (const char *)sqlite3_column_text(q, 0);
	ok = hex && sodium_hex2bin(key, sizeof key, hex, strlen(hex), NULL,
		NULL, NULL) == 0 && strlen(hex) == 2 * sizeof key;
	store_release(st, q);
	if (!ok) {
		sodium_memzero(key, sizeof key);
		return store_fail(st, "the database has no pseudonym key");
	}
	crypto_generichash(h, sizeof h, (const unsigned char *)number,
		strlen(number), key, sizeof key);
	sodium_memzero(key, sizeof key);
	if (n < 18)
		return store_fail(st, "no room for a pseudonym");
	out[0] = 'p';
	for (i = 0; i < 8; i++)
		snprintf(out + 1 + 2 * i, 3, "%02x", h[i]);
	return 0;
}
