/*
 * store_log.c - messages as yordamctl lists them: the log of messages in
 * and out, and the replies sent to one number (for the simulated phone).
 *
 * Read-only, so it works on a connection opened with store_open_readonly()
 * while yordamd writes (WAL).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_private.h"

static const char *
col(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

int
store_list_messages(struct store *st, int limit, store_message_fn fn,
		void *ud)
{
	struct message_row m;
	sqlite3_stmt *q;
	int rc;

	if (store_prepare(st, &q, "SELECT * FROM (SELECT id, dir, number,"
	    " text, parts, status, created_at, coding, node, in_reply_to,"
	    " content_version, error FROM messages ORDER BY id DESC LIMIT ?)"
	    " ORDER BY id") != 0)
		return -1;
	sqlite3_bind_int(q, 1, limit > 0 ? limit : -1);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		m.id = sqlite3_column_int64(q, 0);
		m.dir = col(q, 1);
		m.number = col(q, 2);
		m.text = col(q, 3);
		m.parts = sqlite3_column_int(q, 4);
		m.status = col(q, 5);
		m.created_at = sqlite3_column_int64(q, 6);
		m.coding = col(q, 7);
		m.node = col(q, 8);
		m.in_reply_to = sqlite3_column_type(q, 9) == SQLITE_NULL ? -1
			: sqlite3_column_int64(q, 9);
		m.content_version = sqlite3_column_type(q, 10) == SQLITE_NULL
			? -1 : sqlite3_column_int64(q, 10);
		m.error = col(q, 11);
		fn(&m, ud);
	}
	if (rc != SQLITE_DONE) {
		store_set_err(st, "list messages");
		store_release(st, q);
		return -1;
	}
	store_release(st, q);
	return 0;
}

int
store_sent_since(struct store *st, const char *number, int64_t *last_id,
		store_text_fn fn, void *ud)
{
	sqlite3_stmt *q;
	int rc, n = 0;

	if (store_prepare(st, &q, "SELECT id, text FROM messages WHERE"
	    " dir = 'out' AND number = ? AND id > ? AND status = 'sent'"
	    " ORDER BY id") != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, *last_id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		*last_id = sqlite3_column_int64(q, 0);
		fn(col(q, 1), ud);
		n++;
	}
	if (rc != SQLITE_DONE) {
		store_set_err(st, "replies sent");
		store_release(st, q);
		return -1;
	}
	store_release(st, q);
	return n;
}

int64_t
store_last_outbound_id(struct store *st, const char *number)
{
	sqlite3_stmt *q;
	int64_t id = -1;

	if (store_prepare(st, &q, "SELECT coalesce(max(id), 0) FROM messages"
	    " WHERE dir = 'out' AND number = ?") != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		id = sqlite3_column_int64(q, 0);
	else
		store_set_err(st, "last reply");
	store_release(st, q);
	return id;
}

/* How full each queue is, and what was set aside: what an operator (and
 * `yordamctl status`) needs to see at a glance. */
int
store_status(struct store *st, struct store_status *out)
{
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof *out);
	/* The newest SMS in: by messages_created, read from its end ("+dir":
	 * not through messages_queue, where 'in' is half of every message
	 * ever kept: 0.5 s on a year).  The newest reply sent: the one with
	 * the highest id, read back from the newest message (replies leave
	 * about in id order; a retry sent late can be a few minutes off). */
	if (store_prepare(st, &q, "SELECT"
	    " (SELECT count(*) FROM messages WHERE dir = 'in' AND status ="
	    "  'new'),"
	    " (SELECT count(*) FROM messages WHERE dir = 'in' AND status ="
	    "  'failed'),"
	    " (SELECT count(*) FROM messages WHERE dir = 'out' AND status IN"
	    "  ('queued', 'sending')),"
	    " (SELECT count(*) FROM messages WHERE dir = 'out' AND status ="
	    "  'failed'),"
	    " (SELECT count(*) FROM messages WHERE dir = 'out' AND status ="
	    "  'held'),"
	    " (SELECT count(*) FROM help_requests WHERE status IN ('open',"
	    "  'claimed')),"
	    " (SELECT count(*) FROM help_requests WHERE status IN ('open',"
	    "  'claimed') AND urgent),"
	    " (SELECT count(*) FROM help_requests WHERE status IN ('open',"
	    "  'claimed') AND alert_error IS NOT NULL),"
	    " (SELECT count(*) FROM reminders WHERE status = 'scheduled'),"
	    " (SELECT count(*) FROM reminders WHERE status = 'failed'),"
	    " (SELECT coalesce(max(id), 0) FROM content_versions),"
	    " (SELECT coalesce(max(created_at), 0) FROM messages WHERE +dir ="
	    "  'in'),"
	    " (SELECT coalesce(max(done_at), 0) FROM (SELECT done_at FROM"
	    "  messages WHERE +dir = 'out' AND +status = 'sent' ORDER BY id"
	    "  DESC LIMIT 1))") != 0)
		return -1;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		out->inbound_waiting = sqlite3_column_int(q, 0);
		out->inbound_set_aside = sqlite3_column_int(q, 1);
		out->outbound_waiting = sqlite3_column_int(q, 2);
		out->outbound_failed = sqlite3_column_int(q, 3);
		out->outbound_held = sqlite3_column_int(q, 4);
		out->requests_open = sqlite3_column_int(q, 5);
		out->requests_urgent = sqlite3_column_int(q, 6);
		out->alerts_given_up = sqlite3_column_int(q, 7);
		out->reminders_scheduled = sqlite3_column_int(q, 8);
		out->reminders_failed = sqlite3_column_int(q, 9);
		out->content_version = sqlite3_column_int64(q, 10);
		out->last_received_at = sqlite3_column_int64(q, 11);
		out->last_sent_at = sqlite3_column_int64(q, 12);
	} else
		store_set_err(st, "status");
	store_release(st, q);
	return rc == SQLITE_ROW ? 0 : -1;
}
