/*
 * store_inbox.c - SMS parts and inbound messages: storing what the
 * transport read, joining long SMS, and handing messages to be answered.
 *
 * Idempotency: every part carries a key built from what the network gave
 * it (sender, SMSC time, concatenation reference and sequence, a hash of
 * the text).  A part re-read after a crash between commit and delete finds
 * its key taken and is dropped, so it is never answered twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_private.h"
#include "yordam/transport.h"

static int64_t
insert_inbound(struct store *st, const char *number, const char *text,
		int parts, const char *status, const char *key,
		int64_t sent_time, int64_t now)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "INSERT INTO messages (dir, number, text, parts,"
	    " status, idem_key, sent_time, created_at, modem)"
	    " VALUES ('in', ?, ?, ?, ?, ?, ?, ?, nullif(?8, ''))") != 0)
		return -1;
	sqlite3_bind_text(q, 8, st->modem, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, text, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 3, parts);
	sqlite3_bind_text(q, 4, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 6, sent_time);
	sqlite3_bind_int64(q, 7, now);
	if (store_step_done(st, q, "store message") != 0)
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

	if (store_prepare(st, &q, "SELECT id, seq, text, sent_time FROM parts"
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
	store_release(st, q);
	if (rc != SQLITE_DONE) {
		free(text);
		return store_set_err(st, "read parts");
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
	if (store_prepare(st, &q, "UPDATE parts SET message_id = ? WHERE message_id"
	    " IS NULL AND sender = ? AND ref = ? AND total = ?") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, msg_id);
	sqlite3_bind_text(q, 2, sender, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 3, ref);
	sqlite3_bind_int(q, 4, total);
	return store_step_done(st, q, "link parts");
}

static int
open_group_count(struct store *st, const char *sender, int ref, int total)
{
	sqlite3_stmt *q;
	int n = -1;

	if (store_prepare(st, &q, "SELECT count(DISTINCT seq) FROM parts WHERE"
	    " message_id IS NULL AND sender = ? AND ref = ? AND total = ?") != 0)
		return -1;
	sqlite3_bind_text(q, 1, sender, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, ref);
	sqlite3_bind_int(q, 3, total);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	store_release(st, q);
	return n;
}

/*
 * A phone reuses its concatenation references (8 bits: 256 of them).  A
 * part whose sequence number the open group of (sender, ref, total)
 * already holds, under another key, belongs to a new message: the old
 * group is closed as it is (its missing parts marked) before the new part
 * starts a group of its own, so neither text swallows the other.
 */
static int
close_reused_group(struct store *st, const struct sms_part_in *p,
		const char *key, int64_t now)
{
	sqlite3_stmt *q;
	int rc;

	if (store_prepare(st, &q, "SELECT 1 FROM parts WHERE message_id IS NULL"
	    " AND sender = ? AND ref = ? AND total = ? AND seq = ? AND"
	    " idem_key != ? LIMIT 1") != 0)
		return -1;
	sqlite3_bind_text(q, 1, p->sender, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, p->ref);
	sqlite3_bind_int(q, 3, p->total);
	sqlite3_bind_int(q, 4, p->seq);
	sqlite3_bind_text(q, 5, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	store_release(st, q);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return store_set_err(st, "reused reference");
	return assemble(st, p->sender, p->ref, p->total, now);
}

enum part_result
store_part_received(struct store *st, const struct sms_part_in *p,
		enum in_priority priority, int64_t now)
{
	char key[256];
	sqlite3_stmt *q;
	const char *status;
	int multipart = p->ref >= 0 && p->total > 1 && !p->hold, changed;

	snprintf(key, sizeof key, "%s|%lld|%d|%d|%d|%016llx%s%.64s", p->sender,
		(long long)p->sent_time, p->ref, p->total, p->seq,
		(unsigned long long)store_text_hash(p->text), p->id ? "|" : "",
		p->id ? p->id : "");
	/* A batch SQLite already rolled back (a full disk does that) takes
	 * no more parts: outside a transaction, the savepoint would commit
	 * each on its own, behind the batch's back. */
	if (st->in_batch && sqlite3_get_autocommit(st->db)) {
		store_fail(st, "the batch transaction was rolled back by"
			" SQLite");
		return PART_ERROR;
	}
	if ((st->in_batch ? store_run(st, "SAVEPOINT part") : store_begin(st)) != 0)
		return PART_ERROR;
	if (!multipart) {
		status = p->hold ? p->hold : "new";
		if (store_prepare(st, &q, "INSERT OR IGNORE INTO messages (dir, number,"
		    " text, parts, status, idem_key, sent_time, created_at,"
		    " priority, modem) VALUES ('in', ?, ?, 1, ?, ?, ?, ?, ?,"
		    " nullif(?8, ''))") != 0)
			goto fail;
		sqlite3_bind_text(q, 8, st->modem, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 1, p->sender, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, p->text, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, status, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 5, p->sent_time);
		sqlite3_bind_int64(q, 6, now);
		if (priority != IN_UNTRIAGED)
			sqlite3_bind_int(q, 7, (int)priority);
		if (store_step_done(st, q, "store message") != 0)
			goto fail;
		changed = sqlite3_changes(st->db);
	} else {
		if (close_reused_group(st, p, key, now) != 0)
			goto fail;
		if (store_prepare(st, &q, "INSERT OR IGNORE INTO parts (idem_key, sender,"
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
		if (store_step_done(st, q, "store part") != 0)
			goto fail;
		changed = sqlite3_changes(st->db);
		if (changed && open_group_count(st, p->sender, p->ref,
		    p->total) >= p->total &&
		    assemble(st, p->sender, p->ref, p->total, now) != 0)
			goto fail;
	}
	if ((st->in_batch ? store_run(st, "RELEASE part") : store_commit(st)) != 0)
		goto fail;
	return changed ? PART_STORED : PART_DUPLICATE;
fail:
	if (st->in_batch) {
		/* Only this part is undone; the batch goes on, unless SQLite
		 * has already rolled the whole transaction back. */
		char keep[256];
		memcpy(keep, st->err, sizeof keep);
		if (!sqlite3_get_autocommit(st->db) &&
		    store_run(st, "ROLLBACK TO part") == 0)
			store_run(st, "RELEASE part");
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

/*
 * Inside the caller's transaction: join every group whose first part came
 * more than `timeout` seconds ago, with "[…]" where parts are missing.
 */
int
store_assemble_expired(struct store *st, int64_t now, int timeout)
{
	sqlite3_stmt *q;
	int rc, n = 0;

	if (store_prepare(st, &q, "SELECT sender, ref, total FROM parts"
	    " WHERE message_id IS NULL GROUP BY sender, ref, total"
	    " HAVING min(received_at) <= ?") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, now - timeout);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		char *sender = strdup((const char *)sqlite3_column_text(q, 0));
		int r = sender ? assemble(st, sender, sqlite3_column_int(q, 1),
			sqlite3_column_int(q, 2), now) : -1;
		free(sender);
		if (r != 0) {
			store_release(st, q);
			return -1;
		}
		n++;
	}
	store_release(st, q);
	if (rc != SQLITE_DONE)
		return store_set_err(st, "expired parts");
	return n;
}

int
store_next_inbound(struct store *st, struct inbound *msg)
{
	sqlite3_stmt *q;
	int rc;

	memset(msg, 0, sizeof *msg);
	/* Urgent and help first (gateway_triage() sets the priority), then
	 * the oldest. */
	if (store_prepare(st, &q, "SELECT id, number, text, parts,"
	    " coalesce(nullif(sent_time, 0), created_at) FROM messages"
	    " WHERE dir = 'in' AND status = 'new' ORDER BY priority, round, id"
	    " LIMIT 1") != 0)
		return -1;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		msg->id = sqlite3_column_int64(q, 0);
		msg->number = strdup((const char *)sqlite3_column_text(q, 1));
		msg->text = strdup((const char *)sqlite3_column_text(q, 2));
		msg->parts = sqlite3_column_int(q, 3);
		msg->written = sqlite3_column_int64(q, 4);
	}
	store_release(st, q);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_set_err(st, "next inbound");
}

void
inbound_free(struct inbound *msg)
{
	free(msg->number);
	free(msg->text);
	memset(msg, 0, sizeof *msg);
}

int
store_mark_processed(struct store *st, int64_t id, const char *status,
		int64_t now)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "UPDATE messages SET status = ?, done_at = ?"
	    " WHERE id = ?") != 0)
		return -1;
	sqlite3_bind_text(q, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, now);
	sqlite3_bind_int64(q, 3, id);
	return store_step_done(st, q, "mark processed");
}

/* New inbound messages not yet given a priority, oldest first. */
int
store_untriaged(struct store *st, struct inbound *out, int max)
{
	sqlite3_stmt *q;
	int n = 0, rc = SQLITE_DONE;

	if (store_prepare(st, &q, "SELECT id, number, text, parts FROM messages"
	    " WHERE dir = 'in' AND status = 'new' AND priority IS NULL"
	    " ORDER BY id LIMIT ?") != 0)
		return -1;
	sqlite3_bind_int(q, 1, max);
	while (n < max && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		memset(&out[n], 0, sizeof out[n]);
		out[n].id = sqlite3_column_int64(q, 0);
		out[n].number = strdup((const char *)sqlite3_column_text(q, 1));
		out[n].text = strdup((const char *)sqlite3_column_text(q, 2));
		out[n].parts = sqlite3_column_int(q, 3);
		n++;
	}
	store_release(st, q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		while (n > 0)
			inbound_free(&out[--n]);
		return store_set_err(st, "untriaged messages");
	}
	return n;
}

int
store_set_priority(struct store *st, int64_t id, int priority)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "UPDATE messages SET priority = ? WHERE id"
	    " = ?") != 0)
		return -1;
	sqlite3_bind_int(q, 1, priority);
	sqlite3_bind_int64(q, 2, id);
	return store_step_done(st, q, "set priority");
}

/*
 * One failed try to answer an inbound message, in its own transaction
 * (the one that failed was rolled back).  After max_tries the message is
 * set aside: status 'failed' with the reason, out of the queue, so the
 * messages behind it are answered.  1 set aside, 0 will be tried again,
 * -1 error.
 */
int
store_inbound_failed(struct store *st, int64_t id, const char *reason,
		int max_tries, int64_t now)
{
	int rc;

	if (store_begin(st) != 0)
		return -1;
	rc = store_count_try(st, "UPDATE messages SET attempts = attempts + 1,"
	    " error = ?2, status = CASE WHEN attempts + 1 >= ?3 THEN 'failed'"
	    " ELSE status END, done_at = CASE WHEN attempts + 1 >= ?3 THEN ?4"
	    " ELSE done_at END WHERE id = ?1 RETURNING attempts", id, reason,
	    max_tries, now);
	if (rc < 0 || store_commit(st) != 0) {
		store_rollback(st);
		return -1;
	}
	return rc;
}
