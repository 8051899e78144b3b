/*
 * store_thread.c - staff and the person in one conversation: the desk
 * API's thread, queue filters, search and history, and conversation mode
 * (desk.h).
 *
 * A request's thread is not copied anywhere: it is the person's messages
 * from the first of those that came with the help word (first_message_id)
 * until the request was closed, with the notes and audit beside them.  So
 * an erasure or the retention purge, which delete messages, take the
 * thread with them, and there is no second copy to forget.
 *
 * Once staff reply (desk_act, any door), the request is "conversing": the
 * gateway asks desk_conversation_of() for every message of that number
 * and threads it instead of running the menus.  The clock's side (an
 * acknowledgement when staff are slow, the end after a long silence, the
 * notice when staff close it) is read with desk_conversations_due() and
 * done by gateway_conversations(), which has the texts in every language.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_private.h"
#include "yordam/desk.h"
#include "yordam/text.h"

static const char *
col(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

/* The person's messages of request h, in SQL: from the first that came
 * with the help word until it was closed. */
#define IN_THREAD(m) m ".number = h.number AND " m ".id >= coalesce(" \
	"h.first_message_id, h.message_id, 0) AND (h.closed_at IS NULL OR " \
	m ".created_at <= h.closed_at)"

/* The last 10 digits of a number as staff type it (+7 701..., 8701...):
 * how a person's history is found whatever the prefix.  "" if none. */
static void
number_tail(const char *typed, char *out, size_t n)
{
	char digits[64];
	size_t k = 0;

	for (; typed && *typed && k + 1 < sizeof digits; typed++)
		if (*typed >= '0' && *typed <= '9')
			digits[k++] = *typed;
	digits[k] = '\0';
	snprintf(out, n, "%s", k > 10 ? digits + k - 10 : digits);
}

static void
bind_filter(sqlite3_stmt *q, const struct desk_filter *f, char *tail,
		size_t tail_n, char **folded)
{
	sqlite3_bind_text(q, 2, f->status, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, f->claimed_by, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 4, f->urgent_only);
	sqlite3_bind_text(q, 5, f->lang, -1, SQLITE_STATIC);
	if (f->number) {
		number_tail(f->number, tail, tail_n);
		sqlite3_bind_text(q, 6, tail, -1, SQLITE_STATIC);
	}
	if (f->search && (*folded = text_casefold(f->search)) != NULL)
		sqlite3_bind_text(q, 7, *folded, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 8, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int(q, 9, f->number != NULL);
}

/*
 * The queue and its filters.  unread: the person's messages after the
 * last staff reply.  Two statements: the open queue (what the console
 * polls) is read through help_open, not by reading every request of the
 * year; the others (closed ones too) read them all (docs/performance.md,
 * "Growth").
 */
#define QUEUE_SQL(status) "SELECT " REQUEST_FIELDS "," \
	" (SELECT count(*) FROM messages u WHERE u.dir = 'in' AND " \
	IN_THREAD("u") " AND u.id > coalesce((SELECT max(s.id) FROM" \
	" messages s WHERE s.number = h.number AND s.node = 'staff'), 0))," \
	" h.conversing, (SELECT l.text FROM messages l WHERE l.dir = 'in'" \
	" AND " IN_THREAD("l") " ORDER BY l.id DESC LIMIT 1)," \
	" coalesce(h.last_in_at, h.created_at), coalesce(h.closed_at, 0)" \
	REQUEST_FROM " WHERE " status " AND" \
	" (?2 IS NULL OR h.status = ?2) AND (?3 IS NULL OR h.claimed_by =" \
	" ?3) AND (NOT ?4 OR h.urgent) AND (?5 IS NULL OR h.lang = ?5 OR" \
	" h.lang GLOB ?5 || '-*') AND (?6 IS NULL OR" \
	" substr(replace(h.number, '+', ''), -10) = ?6) AND (?7 IS NULL OR" \
	" instr(casefold(h.conversation), ?7) OR EXISTS (SELECT 1 FROM" \
	" messages x WHERE " IN_THREAD("x") " AND (x.dir = 'in' OR x.node" \
	" = 'staff') AND instr(casefold(x.text), ?7)) OR EXISTS (SELECT 1" \
	" FROM notes n WHERE n.request_id = h.id AND" \
	" instr(casefold(n.text), ?7)))" \
	" ORDER BY CASE WHEN ?9 THEN h.id END, h.status = 'closed'," \
	" h.urgent DESC, h.created_at, h.id LIMIT ?8"

/* Only open and claimed requests (closed ones are left out)? */
static int
open_only(const struct desk_filter *f)
{
	return !(f->all || f->status || f->number || f->search);
}

int
desk_list_filtered(struct store *st, const struct desk_filter *f,
		desk_request_fn fn, void *ud)
{
	struct desk_request r;
	sqlite3_stmt *q;
	char tail[16] = "", *folded = NULL;
	int rc;

	if (f->search && !*f->search)
		return store_fail(st, "search for what? (the text is empty)");
	if (f->number && (number_tail(f->number, tail, sizeof tail),
	    strlen(tail) < 6))
		return store_fail(st, "'%s' is not a phone number (six digits"
			" at least)", f->number);
	if (store_prepare(st, &q, open_only(f) ? QUEUE_SQL("h.status IN"
	    " ('open', 'claimed')") : QUEUE_SQL("1")) != 0)
		return -1;
	bind_filter(q, f, tail, sizeof tail, &folded);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		store_read_request(q, &r);
		r.unread = sqlite3_column_int(q, 11);
		r.conversing = sqlite3_column_int(q, 12);
		r.last_text = col(q, 13);
		r.last_at = sqlite3_column_int64(q, 14);
		r.closed_at = sqlite3_column_int64(q, 15);
		fn(&r, ud);
	}
	free(folded);
	if (rc != SQLITE_DONE) {
		store_set_err(st, "list requests");
		store_release(st, q);
		return -1;
	}
	store_release(st, q);
	return 0;
}

int
desk_list(struct store *st, desk_request_fn fn, void *ud)
{
	struct desk_filter all_open = { 0 };

	return desk_list_filtered(st, &all_open, fn, ud);
}

int
desk_thread(struct store *st, int64_t id, desk_thread_fn fn, void *ud)
{
	struct desk_thread_entry e;
	sqlite3_stmt *q;
	int rc, messages = 0;

	/* A staff reply's audit line repeats the reply: the reply is shown
	 * (with who and its delivery) and its audit line is not. */
	if (store_prepare(st, &q, "WITH h AS (SELECT * FROM help_requests"
	    " WHERE id = ?1)"
	    " SELECT CASE WHEN m.dir = 'in' THEN 'in' WHEN m.node = 'staff'"
	    " THEN 'staff' ELSE 'robot' END, m.staff, CASE WHEN m.dir = 'out'"
	    " AND m.node IS NOT 'staff' THEN coalesce(m.node, 'reply') ELSE"
	    " m.text END, CASE m.dir WHEN 'out' THEN m.status END,"
	    " m.created_at AS at, 0 AS rank, m.id FROM messages m, h WHERE "
	    IN_THREAD("m") " AND m.node IS NOT 'staff-alert'"
	    " UNION ALL SELECT 'note', who, text, NULL, at, 1, id FROM notes"
	    " WHERE request_id = ?1"
	    " UNION ALL SELECT 'audit', who, action || coalesce(': ' ||"
	    " detail, ''), NULL, at, 2, id FROM audit WHERE request_id = ?1"
	    " AND action != 'reply'"
	    " ORDER BY at, rank, 7") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		e.kind = col(q, 0);
		e.who = col(q, 1);
		e.text = col(q, 2);
		e.status = col(q, 3);
		e.at = sqlite3_column_int64(q, 4);
		messages += sqlite3_column_int(q, 5) == 0;
		fn(&e, ud);
	}
	if (rc != SQLITE_DONE) {
		store_set_err(st, "request thread");
		store_release(st, q);
		return -1;
	}
	store_release(st, q);
	return messages;
}

int
desk_conversation_of(struct store *st, const char *number,
		struct desk_conversation *out)
{
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof *out);
	if (store_prepare(st, &q, "SELECT id, coalesce(lang, (SELECT lang"
	    " FROM contacts WHERE number = ?1), ''), coalesce(claimed_by, ''),"
	    " notified_at IS NULL, urgent FROM help_requests WHERE number = ?1 AND status IN ('open',"
	    " 'claimed') AND conversing ORDER BY id DESC LIMIT 1") != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(q, 0);
		snprintf(out->lang, sizeof out->lang, "%s", col(q, 1));
		snprintf(out->claimed_by, sizeof out->claimed_by, "%s",
			col(q, 2));
		out->notify = sqlite3_column_int(q, 3);
		out->urgent = sqlite3_column_int(q, 4);
	} else if (rc != SQLITE_DONE) {
		store_set_err(st, "conversation");
	}
	store_release(st, q);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* One UPDATE of request ?1 with ?2 a time and ?3 a text or NULL. */
static int
update_request(struct store *st, const char *sql, int64_t id, int64_t now,
		const char *text, const char *what)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, sql) != 0)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, now);
	sqlite3_bind_text(q, 3, text, -1, SQLITE_STATIC);
	return store_step_done(st, q, what);
}

int
desk_thread_in(struct store *st, int64_t id, int64_t message_id,
		const char *urgent, int64_t now)
{
	sqlite3_stmt *q;

	/* The snapshot gets the line too: what an old console reads, and
	 * what is left when the messages are purged. */
	if (store_prepare(st, &q, "UPDATE help_requests SET"
	    " urgent = urgent OR ?3 IS NOT NULL,"
	    " category = CASE WHEN urgent THEN category ELSE coalesce(?3,"
	    " category) END,"
	    " conversation = conversation || char(10) || '> ' ||"
	    " coalesce((SELECT replace(replace(text, char(10), ' '), char(13),"
	    " ' ') FROM messages WHERE id = ?4), ''),"
	    " last_in_at = ?2, last_from = 'person', updated_at = ?2"
	    " WHERE id = ?1") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, now);
	sqlite3_bind_text(q, 3, urgent, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, message_id);
	return store_step_done(st, q, "thread a message");
}

int
desk_conversation_pause(struct store *st, int64_t id, int64_t now)
{
	if (update_request(st, "UPDATE help_requests SET conversing = 0,"
	    " updated_at = ?2 WHERE id = ?1", id, now, NULL,
	    "pause a conversation") != 0)
		return -1;
	return store_audit(st, id, "yordamd", "menu", "the person asked for"
		" the menu: the robot answers them until staff write", now);
}

int
desk_conversation_notified(struct store *st, int64_t id, int64_t now)
{
	return update_request(st, "UPDATE help_requests SET notified_at = ?2"
		" WHERE id = ?1", id, now, NULL, "staff told");
}

int
desk_reopen_recent(struct store *st, const char *number, int64_t since,
		int64_t now)
{
	sqlite3_stmt *q;
	int64_t id = 0;
	int rc;

	/* desk_open() then joins it with the message */
	if (store_prepare(st, &q, "UPDATE help_requests SET status = 'open',"
	    " closed_at = NULL, notice_due = NULL, conversing = 0,"
	    " updated_at = ?3 WHERE id = (SELECT id FROM help_requests WHERE"
	    " number = ?1 AND status = 'closed' AND closed_at >= ?2 ORDER BY"
	    " id DESC LIMIT 1) AND NOT EXISTS (SELECT 1 FROM help_requests"
	    " WHERE number = ?1 AND status IN ('open', 'claimed'))"
	    " RETURNING id") != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, since);
	sqlite3_bind_int64(q, 3, now);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(q, 0);
	store_release(st, q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_set_err(st, "reopen a request");
	if (!id)
		return 0;
	return store_audit(st, id, "yordamd", "reopen", "the person asked"
		" for help again", now) != 0 ? -1 : 1;
}

int
desk_conversations_due(struct store *st, int64_t wait_before,
		int64_t idle_before, struct desk_due *out, int max)
{
	sqlite3_stmt *q;
	int n = 0, rc = SQLITE_DONE;

	/* Only requests in the partial index help_conversing are looked at
	 * (named: without statistics SQLite read every request in id order
	 * for the ORDER BY, at every turn of the loop). */
	if (store_prepare(st, &q, "SELECT h.id, CASE"
	    " WHEN h.notice_due = 'closed' THEN 2"
	    " WHEN h.last_from = 'staff' THEN 1 ELSE 0 END, h.number,"
	    " coalesce(h.lang, (SELECT lang FROM contacts c WHERE c.number ="
	    " h.number), '') FROM help_requests h INDEXED BY help_conversing"
	    " WHERE (h.conversing OR"
	    " h.notice_due IS NOT NULL) AND (h.notice_due = 'closed' OR"
	    " (h.status != 'closed' AND h.conversing AND"
	    " ((h.last_from = 'staff' AND h.last_staff_at <= ?2) OR"
	    " (h.last_from = 'person' AND h.last_in_at <= ?1 AND"
	    " h.told_wait_at IS NULL))))"
	    " ORDER BY h.id LIMIT ?3") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, wait_before);
	sqlite3_bind_int64(q, 2, idle_before);
	sqlite3_bind_int(q, 3, max);
	while (n < max && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		out[n].id = sqlite3_column_int64(q, 0);
		out[n].kind = (enum desk_due_kind)sqlite3_column_int(q, 1);
		snprintf(out[n].number, sizeof out[n].number, "%s", col(q, 2));
		snprintf(out[n].lang, sizeof out[n].lang, "%s", col(q, 3));
		n++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_err(st, "conversations due");
		store_release(st, q);
		return -1;
	}
	store_release(st, q);
	return n;
}

int
desk_conversation_done(struct store *st, const struct desk_due *due,
		int64_t now)
{
	switch (due->kind) {
	case DESK_DUE_WAIT:
		return update_request(st, "UPDATE help_requests SET"
			" told_wait_at = ?2 WHERE id = ?1", due->id, now, NULL,
			"told to wait");
	case DESK_DUE_CLOSED:
		return update_request(st, "UPDATE help_requests SET notice_due"
			" = NULL WHERE id = ?1", due->id, now, NULL,
			"told it is closed");
	case DESK_DUE_EXPIRE:
		if (update_request(st, "UPDATE help_requests SET status ="
		    " 'closed', closed_at = ?2, conversing = 0, notice_due ="
		    " NULL, updated_at = ?2 WHERE id = ?1", due->id, now, NULL,
		    "close a silent conversation") != 0 ||
		    update_request(st, "UPDATE alerts SET acked_at = ?2 WHERE"
		    " request_id = ?1 AND acked_at IS NULL", due->id, now,
		    NULL, "acknowledge") != 0)
			return -1;
		return store_audit(st, due->id, "yordamd", "close", "no news"
			" from the person: the conversation ended", now);
	}
	return store_fail(st, "unknown conversation item %d",
		(int)due->kind);
}
