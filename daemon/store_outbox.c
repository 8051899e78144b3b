/*
 * store_outbox.c - outbound messages: queued, sending, sent, failed.
 *
 *   queued --mark_sending--> sending --> sent | queued (retry) | failed
 *
 * 'sending' is committed before the transport is touched; see
 * store_requeue_interrupted() for what a crash in between means.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_private.h"
#include "yordam/sms.h"

static int
update_out(struct store *st, const char *sql, int64_t id, int64_t a,
		const char *text)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, sql) != 0)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, a);
	if (text)
		sqlite3_bind_text(q, 3, text, -1, SQLITE_STATIC);
	return store_step_done(st, q, "update outbound");
}

/*
 * Every outbound text is measured here, where it is queued, so the coding
 * and part count in the row are the ones the transport will use, and a
 * text that cannot be sent fails with its reason instead of silently.
 */
int
store_queue_reply(struct store *st, const char *number, const char *text,
		int64_t in_reply_to, const char *node, int64_t content_version,
		enum out_priority priority, int64_t now)
{
	struct sms_measure m;
	sqlite3_stmt *q;

	if (!text || !*text)
		return store_fail(st, "queue %s: the text is empty",
			node ? node : "reply");
	if (sms_measure(text, &m) != 0)
		return store_fail(st, "queue %s: the text is not valid UTF-8",
			node ? node : "reply");
	/* round: how many replies to this person wait already, so the
	 * outbox serves one reply per person per round (store_next_outbound). */
	if (store_prepare(st, &q, "INSERT INTO messages (dir, number, text,"
	    " parts, coding, status, created_at, in_reply_to, node,"
	    " content_version, next_attempt, priority, round, modem)"
	    " VALUES ('out', ?1, ?2, ?3, ?4, 'queued', ?5, ?6, ?7, ?8, ?9, ?10,"
	    " (SELECT count(*) FROM messages WHERE number = ?1 AND dir = 'out'"
	    " AND status = 'queued'), (SELECT modem FROM messages WHERE id ="
	    " ?6))") != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, text, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 3, m.parts);
	sqlite3_bind_text(q, 4, m.coding == SMS_UCS2 ? "ucs2" : "gsm7", -1,
		SQLITE_STATIC);
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
	sqlite3_bind_int(q, 10, (int)priority);
	return store_step_done(st, q, "queue reply");
}

/* Replies that really left (or are leaving) for a number in the last
 * hour and day: what the reply budget counts, not what was stored or
 * held.  One query for both.  0, or -1. */
int
store_count_sent(struct store *st, const char *number, int64_t now,
		int *hour, int *day)
{
	sqlite3_stmt *q;
	int rc;

	if (store_prepare(st, &q, "SELECT coalesce(sum(created_at >= ?3), 0),"
	    " count(*) FROM messages WHERE number = ?1 AND dir = 'out' AND"
	    " created_at >= ?2 AND status IN ('sent', 'sending')") != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, now - 86400);
	sqlite3_bind_int64(q, 3, now - 3600);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*hour = sqlite3_column_int(q, 0);
		*day = sqlite3_column_int(q, 1);
	} else
		store_set_err(st, "count replies");
	store_release(st, q);
	return rc == SQLITE_ROW ? 0 : -1;
}

/*
 * The network's time stamps say how fast someone wrote, not our store
 * time: after the daemon was down, an hour of one person's messages is
 * stored in one second, and must not look like a machine.
 *
 * Only messages stored since a day before `from` are read (created_at,
 * the third column of messages_number_dir): without that bound every SMS
 * read every message the person ever sent, one table page each, and on a
 * year of history that was most of the disk reads per SMS
 * (docs/performance.md, "Growth").  A message is stored after it was
 * written, unless the network's clock runs ahead of ours: by as much as
 * the person's newest message shows (`to` is its stamp), and a day more
 * of slack; a stamp further out of line than that is not counted.
 */
int
store_recent_inbound(struct store *st, const char *number, int64_t from,
		int64_t to, int *distinct, int *shortest)
{
	sqlite3_stmt *q;
	int n = -1;

	if (store_prepare(st, &q, "SELECT count(*), count(DISTINCT text),"
	    " coalesce(min(length(text)), 0) FROM messages WHERE number = ?1"
	    " AND dir = 'in' AND coalesce(nullif(sent_time, 0), created_at)"
	    " BETWEEN ?2 AND ?3 AND created_at >= ?2 - 86400 - max(0, ?3 -"
	    " coalesce((SELECT max(created_at) FROM messages WHERE number = ?1"
	    " AND dir = 'in'), ?3))") != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, from);
	sqlite3_bind_int64(q, 3, to);
	if (sqlite3_step(q) == SQLITE_ROW) {
		n = sqlite3_column_int(q, 0);
		*distinct = sqlite3_column_int(q, 1);
		*shortest = sqlite3_column_int(q, 2);
	} else
		store_set_err(st, "count messages");
	store_release(st, q);
	return n;
}

/*
 * A held reply is never sent later: by the time a limit's window passes
 * it answers a question long gone, and the person was told that a human
 * reads their messages.  After `before` it is marked expired, with why.
 */
int
store_expire_held(struct store *st, int64_t before)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "UPDATE messages SET status = 'expired',"
	    " error = 'held back by a reply limit; not sent' WHERE dir = 'out'"
	    " AND status = 'held' AND created_at < ?") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, before);
	if (store_step_done(st, q, "expire held") != 0)
		return -1;
	return sqlite3_changes(st->db);
}

int
store_hold_replies(struct store *st, int64_t in_reply_to)
{
	return update_out(st, "UPDATE messages SET status = 'held' WHERE"
		" dir = 'out' AND in_reply_to = ?1 AND status = 'queued'"
		" AND ?2 = ?2", in_reply_to, 0, NULL);
}

int
store_next_outbound(struct store *st, int64_t now, struct outbound *msg)
{
	sqlite3_stmt *q;
	int rc;

	memset(msg, 0, sizeof *msg);
	/* Staff alerts and urgent replies first, reminders last; within a
	 * priority one reply per person per round, then the oldest. */
	if (store_prepare(st, &q, "SELECT id, number, text, attempts,"
	    " coalesce(node, '') FROM messages WHERE dir = 'out' AND"
	    " status = 'queued' AND"
	    " next_attempt <= ?1 AND (?2 = '' OR modem IS NULL OR modem = ?2)"
	    " ORDER BY priority, round, id LIMIT 1") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, now);
	sqlite3_bind_text(q, 2, st->modem, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		msg->id = sqlite3_column_int64(q, 0);
		msg->number = strdup((const char *)sqlite3_column_text(q, 1));
		msg->text = strdup((const char *)sqlite3_column_text(q, 2));
		msg->attempts = sqlite3_column_int(q, 3);
		snprintf(msg->node, sizeof msg->node, "%s",
			(const char *)sqlite3_column_text(q, 4));
	}
	store_release(st, q);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_set_err(st, "next outbound");
}

void
outbound_free(struct outbound *msg)
{
	free(msg->number);
	free(msg->text);
	memset(msg, 0, sizeof *msg);
}

/* Taken only while still queued: with several modems' workers, another
 * may have taken it since it was read.  0 taken, 1 someone else has it,
 * -1 error. */
int
store_mark_sending(struct store *st, int64_t id, int64_t now)
{
	if (update_out(st, "UPDATE messages SET status = 'sending',"
	    " attempts = attempts + 1, done_at = ?2, modem = coalesce(nullif(?3,"
	    " ''), modem) WHERE id = ?1 AND status = 'queued'", id, now,
	    st->modem) != 0)
		return -1;
	return sqlite3_changes(st->db) == 1 ? 0 : 1;
}

/* A modem out of service lets go of the replies waiting for it, so the
 * other modems send them.  How many, or -1. */
int
store_modem_release(struct store *st, const char *name)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "UPDATE messages SET modem = NULL WHERE"
	    " dir = 'out' AND status = 'queued' AND modem = ?") != 0)
		return -1;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	if (store_step_done(st, q, "release a modem's replies") != 0)
		return -1;
	return sqlite3_changes(st->db);
}

void
store_set_modem(struct store *st, const char *name)
{
	snprintf(st->modem, sizeof st->modem, "%s", name ? name : "");
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

/* Not sent, through no fault of its own (the line was down): queued
 * again for retry_at without counting a try. */
int
store_send_postponed(struct store *st, int64_t id, const char *why,
		int64_t retry_at)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "UPDATE messages SET status = 'queued',"
	    " attempts = max(attempts - 1, 0), next_attempt = ?2, error = ?3"
	    " WHERE id = ?1 AND status = 'sending'") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, retry_at);
	sqlite3_bind_text(q, 3, why, -1, SQLITE_STATIC);
	return store_step_done(st, q, "postpone a reply");
}

/* What a delivery report says of reply id.  1 and its number (of cap
 * bytes) and node when it is a reply we know, 0 when not, -1 error. */
int
store_mark_delivery(struct store *st, int64_t id, const char *delivery,
		int64_t now, char *number, size_t cap, char *node, size_t ncap)
{
	sqlite3_stmt *q;
	int rc;

	if (store_prepare(st, &q, "UPDATE messages SET delivery = ?2,"
	    " delivery_at = ?3 WHERE id = ?1 AND dir = 'out'"
	    " RETURNING number, coalesce(node, '')") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, delivery, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, now);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		snprintf(number, cap, "%s", (const char *)sqlite3_column_text(q,
			0));
		snprintf(node, ncap, "%s", (const char *)sqlite3_column_text(q,
			1));
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		return rc == SQLITE_DONE ? 1 : store_fail(st, "delivery report:"
			" %s", sqlite3_errmsg(st->db));
	}
	sqlite3_reset(q);
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(st, "delivery report: %s", sqlite3_errmsg(st->db));
}

/*
 * Replies that left through a transport with delivery reports and have
 * heard nothing since before (Kannel took them, then lost them: bearerbox
 * killed with them in memory).  Sent once: queued again, a second try.
 * Sent twice or more: given up, delivery 'none', and each is passed to
 * fn for staff.  How many were queued again, or -1.
 */
int
store_resend_unreported(struct store *st, int64_t before, int64_t now,
		store_unreported_fn fn, void *ud)
{
	sqlite3_stmt *q;
	int n, rc;

	/* Through messages_unreported, named: left to itself SQLite read
	 * every reply ever sent (messages_queue, dir and status 'sent'). */
	if (store_prepare(st, &q, "UPDATE messages INDEXED BY"
	    " messages_unreported SET status = 'queued',"
	    " next_attempt = ?2 WHERE dir = 'out' AND status = 'sent' AND"
	    " delivery IS NULL AND done_at < ?1 AND attempts < 2") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, before);
	sqlite3_bind_int64(q, 2, now);
	if (store_step_done(st, q, "resend unreported replies") != 0)
		return -1;
	n = sqlite3_changes(st->db);
	if (store_prepare(st, &q, "UPDATE messages INDEXED BY"
	    " messages_unreported SET delivery = 'none',"
	    " delivery_at = ?2 WHERE dir = 'out' AND status = 'sent' AND"
	    " delivery IS NULL AND done_at < ?1 RETURNING id, number,"
	    " coalesce(node, '')") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, before);
	sqlite3_bind_int64(q, 2, now);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		fn(ud, sqlite3_column_int64(q, 0),
			(const char *)sqlite3_column_text(q, 1),
			(const char *)sqlite3_column_text(q, 2));
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, "unreported replies: %s",
			sqlite3_errmsg(st->db));
	return n;
}

/*
 * A message left 'sending' by a crash may or may not have left the modem.
 * Sending it again risks a duplicate; not sending it risks leaving someone
 * without an answer.  For a helpline the second is worse.
 */
int
store_requeue_interrupted(struct store *st)
{
	sqlite3_stmt *q;

	/* a modem's worker: only what it was sending */
	if (store_prepare(st, &q, "UPDATE messages SET status = 'queued' WHERE"
	    " dir = 'out' AND status = 'sending' AND (?1 = '' OR modem = ?1)")
	    != 0)
		return -1;
	sqlite3_bind_text(q, 1, st->modem, -1, SQLITE_STATIC);
	if (store_step_done(st, q, "requeue interrupted") != 0)
		return -1;
	return sqlite3_changes(st->db);
}
