/*
 * store_desk.c - help requests, notes, alerts and the audit log: the
 * desk API of desk.h, which every door to the staff desk goes through.
 *
 * A rule of the desk (a closed request takes no reply, an empty note is
 * refused) is checked here, inside the action's transaction, so the
 * daemon, staff SMS, yordamctl and the console cannot disagree on it; and
 * every refusal sets the store's error, so the caller always has a reason
 * to show or log.
 *
 * A staff reply is queued in the outbox like any other message, so it
 * leaves from the helpline's own number and is retried like the rest; the
 * first one stamps first_reply_at, which the statistics report as time to
 * a human answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_private.h"
#include "yordam/desk.h"

static const char *const action_names[] = { "claim", "reply", "note",
	"close", "reopen", "ack", "claim" };

static const char *
col(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

/*
 * Each message is one line of the conversation ("> " theirs, "< " ours):
 * its own line breaks become spaces, so a migrant's text cannot forge a
 * line that looks like the helpline's reply.
 *
 * One open request per person: a new help word, urgent message or limit
 * from a number with a request still open (or claimed) joins it — the
 * message is added to its conversation, urgency can raise it, never lower
 * it — so staff see one case per person and a flood from one number
 * cannot bury other people's cases under its own.
 */
static int
join_open(struct store *st, const char *number, const char *urgent,
		int64_t message_id, int64_t now, int64_t *id)
{
	sqlite3_stmt *q;
	int rc;

	*id = 0;
	if (store_prepare(st, &q, "UPDATE help_requests SET"
	    " urgent = urgent OR ?2 IS NOT NULL,"
	    " category = CASE WHEN urgent THEN category ELSE coalesce(?2,"
	    " category) END,"
	    " conversation = conversation || char(10) || '> ' ||"
	    " coalesce((SELECT replace(replace(text, char(10), ' '), char(13),"
	    " ' ') FROM messages WHERE id = ?3), ''),"
	    " updated_at = ?4, last_in_at = ?4, last_from = 'person'"
	    " WHERE id = (SELECT id FROM help_requests WHERE number = ?1 AND"
	    " status IN ('open', 'claimed') ORDER BY id DESC LIMIT 1)"
	    " RETURNING id") != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, urgent, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, message_id);
	sqlite3_bind_int64(q, 4, now);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(q, 0);
	store_release(st, q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_set_err(st, "join request");
	return 0;
}

int
desk_open(struct store *st, const char *number, const char *lang,
		const char *topic, const char *urgent, int64_t message_id,
		int64_t now)
{
	sqlite3_stmt *q;
	int64_t id;

	if (join_open(st, number, urgent, message_id, now, &id) != 0)
		return -1;
	if (id)
		return 0;
	if (store_prepare(st, &q, "INSERT INTO help_requests (number, lang,"
	    " topic, category, urgent, message_id, conversation, created_at,"
	    " updated_at, last_in_at, first_message_id)"
	    " VALUES (?1, ?2, ?3, ?6, ?6 IS NOT NULL, nullif(?4, 0),"
	    " coalesce((SELECT group_concat(line, char(10)) FROM"
	    " (SELECT (CASE dir WHEN 'in' THEN '> ' ELSE '< ' END) ||"
	    " replace(replace(text, char(10), ' '), char(13), ' ') AS"
	    " line FROM (SELECT * FROM messages WHERE number = ?1"
	    " ORDER BY id DESC LIMIT 20) ORDER BY id)), ''), ?5, ?5, ?5,"
	    " (SELECT min(id) FROM (SELECT id FROM messages WHERE number = ?1"
	    " ORDER BY id DESC LIMIT 20)))") != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, topic, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, message_id);
	sqlite3_bind_int64(q, 5, now);
	sqlite3_bind_text(q, 6, urgent, -1, SQLITE_STATIC);
	return store_step_done(st, q, "help request");
}

void
store_read_request(sqlite3_stmt *q, struct desk_request *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(q, 0);
	r->number = col(q, 1);
	r->lang = col(q, 2);
	r->topic = col(q, 3);
	r->category = col(q, 4);
	r->urgent = sqlite3_column_int(q, 5);
	r->status = col(q, 6);
	r->claimed_by = col(q, 7);
	r->created_at = sqlite3_column_int64(q, 8);
	r->conversation = col(q, 9);
	r->text = col(q, 10);
}

static int
show_log(struct store *st, int64_t id, desk_log_fn log_fn, void *ud)
{
	struct desk_log_entry e;
	sqlite3_stmt *q;
	int rc;

	if (store_prepare(st, &q, "SELECT 'note', who, text, at FROM notes"
	    " WHERE request_id = ?1 UNION ALL SELECT 'audit', who,"
	    " action || coalesce(': ' || detail, ''), at FROM audit WHERE"
	    " request_id = ?1 ORDER BY 4") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		e.kind = col(q, 0);
		e.who = col(q, 1);
		e.text = col(q, 2);
		e.at = sqlite3_column_int64(q, 3);
		log_fn(&e, ud);
	}
	if (rc != SQLITE_DONE) {
		store_set_err(st, "request log");
		store_release(st, q);
		return -1;
	}
	store_release(st, q);
	return 0;
}

int
desk_show(struct store *st, int64_t id, desk_request_fn fn,
		desk_log_fn log_fn, void *ud)
{
	struct desk_request r;
	sqlite3_stmt *q;
	int rc;

	if (store_prepare(st, &q, "SELECT " REQUEST_COLUMNS
	    " WHERE h.id = ?") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		store_read_request(q, &r);
		fn(&r, ud);
	} else if (rc != SQLITE_DONE) {
		store_set_err(st, "show request");
		store_release(st, q);
		return -1;
	}
	store_release(st, q);
	if (rc == SQLITE_DONE) {
		store_fail(st, "no request %lld", (long long)id);
		return 0;
	}
	if (log_fn && show_log(st, id, log_fn, ud) != 0)
		return -1;
	return 1;
}

int
desk_next(struct store *st, int64_t *id)
{
	sqlite3_stmt *q;
	int rc;

	*id = 0;
	if (store_prepare(st, &q, "SELECT id FROM help_requests WHERE"
	    " status = 'open' ORDER BY urgent DESC, created_at, id LIMIT 1")
	    != 0)
		return -1;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(q, 0);
	else if (rc != SQLITE_DONE)
		store_set_err(st, "next request");
	store_release(st, q);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* One statement on a request: ?1 request, ?2 who, ?3 now, ?4 text. */
static int
on_request(struct store *st, const char *sql, int64_t id, const char *who,
		int64_t now, const char *text, const char *what)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, sql) != 0)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, who, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, now);
	sqlite3_bind_text(q, 4, text, -1, SQLITE_STATIC);
	return store_step_done(st, q, what);
}

/* The number, status and claimant (while claimed, else "") of a
 * request; 0, or -1 with the error set. */
static int
request_state(struct store *st, int64_t id, char *number, size_t nlen,
		char *status, size_t slen, char *owner, size_t olen)
{
	sqlite3_stmt *q;
	int rc;

	if (store_prepare(st, &q, "SELECT number, status, CASE status WHEN"
	    " 'claimed' THEN coalesce(claimed_by, '') ELSE '' END FROM"
	    " help_requests WHERE id = ?") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		snprintf(number, nlen, "%s", col(q, 0));
		snprintf(status, slen, "%s", col(q, 1));
		snprintf(owner, olen, "%s", col(q, 2));
	} else if (rc != SQLITE_DONE) {
		store_set_err(st, "read request");
	}
	store_release(st, q);
	if (rc == SQLITE_DONE)
		return store_fail(st, "no request %lld", (long long)id);
	return rc == SQLITE_ROW ? 0 : -1;
}

int
store_audit(struct store *st, int64_t id, const char *who, const char *action,
		const char *detail, int64_t now)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "INSERT INTO audit (request_id, who, action,"
	    " detail, at) VALUES (?, ?, ?, ?, ?)") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, who, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, detail, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 5, now);
	return store_step_done(st, q, "audit");
}

static int
staff_reply(struct store *st, const char *number, int64_t id,
		const char *who, const char *text, int64_t now)
{
	if (!text || !*text)
		return store_fail(st, "the reply is empty");
	if (store_queue_reply(st, number, text, 0, "staff", 0, OUT_HELP, now)
	    != 0 || on_request(st, "UPDATE messages SET staff = ?2 WHERE id ="
	    " last_insert_rowid()", id, who, now, NULL, "reply's sender") != 0)
		return -1;
	/* From now on the person's messages are the conversation's. */
	return on_request(st, "UPDATE help_requests SET first_reply_at ="
		" coalesce(first_reply_at, ?3), claimed_by ="
		" coalesce(claimed_by, ?2), status = CASE status"
		" WHEN 'open' THEN 'claimed' ELSE status END, conversing = 1,"
		" last_staff_at = ?3, last_from = 'staff', updated_at = ?3,"
		" notified_at = NULL,"
		" told_wait_at = NULL"
		" WHERE id = ?1", id, who, now, NULL, "reply");
}

static int
apply(struct store *st, enum desk_action action, int64_t id,
		const char *number, const char *who, const char *text,
		int64_t now)
{
	switch (action) {
	case DESK_CLAIM:
	case DESK_TAKE:         /* made a claim by desk_act_in() */
		return on_request(st, "UPDATE help_requests SET claimed_by ="
			" ?2, status = 'claimed' WHERE id = ?1", id, who, now,
			NULL, "claim");
	case DESK_REPLY:
		return staff_reply(st, number, id, who, text, now);
	case DESK_NOTE:
		if (!text || !*text)
			return store_fail(st, "the note is empty");
		return on_request(st, "INSERT INTO notes (request_id, who,"
			" text, at) VALUES (?1, ?2, ?4, ?3)", id, who, now,
			text, "note");
	case DESK_CLOSE:
		/* A person staff talked with is told it ended
		 * (gateway_conversations(), in their language). */
		return on_request(st, "UPDATE help_requests SET status ="
			" 'closed', closed_at = ?3, conversing = 0, notice_due ="
			" CASE WHEN first_reply_at IS NOT NULL THEN 'closed' END"
			" WHERE id = ?1", id, who, now, NULL, "close");
	case DESK_ACK:
		return on_request(st, "UPDATE alerts SET acked_at = ?3 WHERE"
			" request_id = ?1 AND acked_at IS NULL", id, who, now,
			NULL, "acknowledge");
	case DESK_REOPEN:
		return on_request(st, "UPDATE help_requests SET status ="
			" 'open', closed_at = NULL, notice_due = NULL WHERE id ="
			" ?1", id, who, now, NULL, "reopen");
	}
	return store_fail(st, "unknown desk action %d", (int)action);
}

int
desk_act_in(struct store *st, enum desk_action action, int64_t id,
		const char *who, const char *text, int64_t now)
{
	char number[64] = "", status[16] = "", owner[160] = "", taken[200];

	if (request_state(st, id, number, sizeof number, status,
	    sizeof status, owner, sizeof owner) != 0)
		return -1;
	if (action != DESK_REOPEN && action != DESK_NOTE &&
	    strcmp(status, "closed") == 0)
		return store_fail(st, "request %lld is closed (reopen it"
			" first)", (long long)id);
	/* Claims that hold, at every door: another's claim is refused;
	 * taken over only by DESK_TAKE, and the audit says from whom. */
	if (action == DESK_CLAIM && owner[0] && strcmp(owner, who) != 0)
		return store_fail(st, "#%lld is claimed by %s; --force takes it"
			" (the console: Take over)", (long long)id, owner);
	if (action == DESK_TAKE) {
		action = DESK_CLAIM;
		if (owner[0] && strcmp(owner, who) != 0) {
			snprintf(taken, sizeof taken, "taken from %s", owner);
			text = taken;
		}
	}
	if (apply(st, action, id, number, who, text, now) != 0 ||
	    store_audit(st, id, who, action_names[action], text, now) != 0)
		return -1;
	/* Taking or closing a request answers its alert too. */
	if (action == DESK_CLAIM || action == DESK_CLOSE)
		return on_request(st, "UPDATE alerts SET acked_at = ?3 WHERE"
			" request_id = ?1 AND acked_at IS NULL", id, who, now,
			NULL, "acknowledge");
	return 0;
}

int
desk_act(struct store *st, enum desk_action action, int64_t id,
		const char *who, const char *text, int64_t now)
{
	if (store_begin(st) != 0)
		return -1;
	if (desk_act_in(st, action, id, who, text, now) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

/*
 * For donors: requests per day, language, topic and category, how many
 * got a human reply and the median minutes to it.  No numbers, no texts.
 */
int
desk_stats(struct store *st, desk_stats_fn fn, void *ud)
{
	struct desk_stats_row r;
	sqlite3_stmt *q;
	int rc;

	/* local days: the process's TZ, which both programs set from the
	 * configured timezone; medians by the row in the middle, all in
	 * one pass of window functions over the requests (NULLs sort
	 * first, so the middle of the n - nw known waits is row n - nw +
	 * (nw + 1) / 2): a subquery per group made it 0.23 s on a year,
	 * this about 0.14 s (docs/performance.md, "Growth") */
	if (store_prepare(st, &q, "WITH r AS (SELECT date(created_at,"
	    " 'unixepoch', 'localtime') AS day, coalesce(lang, '?') AS lang,"
	    " coalesce(topic, '?') AS topic, coalesce(category, '-') AS cat,"
	    " CASE WHEN first_reply_at IS NULL THEN NULL ELSE"
	    " (first_reply_at - created_at) / 60 END AS wait,"
	    " CASE WHEN status = 'closed' AND closed_at IS NOT NULL THEN"
	    " (closed_at - created_at) / 60 END AS shut FROM help_requests),"
	    " w AS (SELECT day, lang, topic, cat, wait, shut, count(*) OVER p"
	    " AS n, count(wait) OVER p AS nw, row_number() OVER (p ORDER BY"
	    " wait) AS rw, count(shut) OVER p AS ns, row_number() OVER (p"
	    " ORDER BY shut) AS rs FROM r WINDOW p AS (PARTITION BY day, lang,"
	    " topic, cat))"
	    " SELECT day, lang, topic, cat, max(n), max(nw), max(CASE WHEN"
	    " wait IS NOT NULL AND rw = n - nw + (nw + 1) / 2 THEN wait END),"
	    " max(CASE WHEN shut IS NOT NULL AND rs = n - ns + (ns + 1) / 2"
	    " THEN shut END) FROM w GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4")
	    != 0)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		r.day = col(q, 0);
		r.lang = col(q, 1);
		r.topic = col(q, 2);
		r.category = col(q, 3);
		r.requests = sqlite3_column_int(q, 4);
		r.answered = sqlite3_column_int(q, 5);
		r.median_minutes = sqlite3_column_type(q, 6) == SQLITE_NULL
			? -1 : sqlite3_column_int(q, 6);
		r.median_close_minutes = sqlite3_column_type(q, 7) ==
			SQLITE_NULL ? -1 : sqlite3_column_int(q, 7);
		fn(&r, ud);
	}
	if (rc != SQLITE_DONE) {
		store_set_err(st, "statistics");
		store_release(st, q);
		return -1;
	}
	store_release(st, q);
	return 0;
}

int
desk_alerts_due(struct store *st, int64_t ack_before,
		struct desk_alert_due *out, int max)
{
	sqlite3_stmt *q;
	int n = 0, rc = SQLITE_DONE;

	/* urgent and open, never alerted or alerted long ago without ACK */
	if (store_prepare(st, &q, "SELECT h.id, (SELECT staff FROM alerts a"
	    " WHERE a.request_id = h.id ORDER BY a.id DESC LIMIT 1)"
	    " FROM help_requests h WHERE h.urgent AND h.status = 'open' AND"
	    " h.alert_error IS NULL AND"
	    " (NOT EXISTS (SELECT 1 FROM alerts a WHERE a.request_id = h.id)"
	    " OR (NOT EXISTS (SELECT 1 FROM alerts a WHERE a.request_id = h.id"
	    " AND a.acked_at IS NOT NULL) AND (SELECT max(sent_at) FROM alerts"
	    " a WHERE a.request_id = h.id) <= ?)) ORDER BY h.id LIMIT ?") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, ack_before);
	sqlite3_bind_int(q, 2, max);
	while (n < max && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *last = col(q, 1);
		out[n].id = sqlite3_column_int64(q, 0);
		out[n].fresh = last == NULL;
		snprintf(out[n].last_staff, sizeof out[n].last_staff, "%s",
			last ? last : "");
		n++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_err(st, "due alerts");
		store_release(st, q);
		return -1;
	}
	store_release(st, q);
	return n;
}

int
desk_record_alert(struct store *st, int64_t id, const char *phone,
		const char *staff_name, int escalated, int64_t now)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "INSERT INTO alerts (request_id, staff,"
	    " sent_at, escalated) VALUES (?, ?, ?, ?)") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, phone, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, now);
	sqlite3_bind_int(q, 4, escalated);
	if (store_step_done(st, q, "record alert") != 0)
		return -1;
	return escalated ? store_audit(st, id, "yordamd", "escalate", staff_name,
		now) : 0;
}

/*
 * An alert for a request could not be queued (its transaction step was
 * undone).  After max_tries the request is left to the desk queue with
 * the reason, so one request's alert cannot stop everyone else's.
 * 1 given up, 0 will be tried again, -1 error.
 */
int
desk_alert_failed(struct store *st, int64_t id, const char *reason,
		int max_tries)
{
	return store_count_try(st, "UPDATE help_requests SET alert_tries ="
	    " alert_tries + 1, alert_error = CASE WHEN alert_tries + 1 >= ?3"
	    " THEN ?2 ELSE NULL END WHERE id = ?1 RETURNING alert_tries", id,
	    reason, max_tries, 0);
}

/*
 * Wrong staff PINs, counted per phone in the database (so a restart does
 * not forgive them).  1 the phone is locked until a later time, 0 not.
 */
int
desk_staff_locked(struct store *st, const char *phone, int64_t now)
{
	return store_query_int(st, "SELECT locked_until > ?1 FROM"
	    " staff_lockouts WHERE phone = ?2", now, phone, 0, "staff lockout");
}

/* A wrong PIN: counted; at `after` in a row the phone is locked until
 * now + lock_seconds, audited under the staff member's name.  1 it was
 * locked just now, 0 not (yet), -1 error. */
int
desk_staff_wrong_pin(struct store *st, const char *phone, const char *name,
		int after, int lock_seconds, int64_t now)
{
	sqlite3_stmt *q;
	int failures = -1;

	if (store_prepare(st, &q, "INSERT INTO staff_lockouts (phone, failures)"
	    " VALUES (?1, 1) ON CONFLICT(phone) DO UPDATE SET failures ="
	    " failures + 1 RETURNING failures") != 0)
		return -1;
	sqlite3_bind_text(q, 1, phone, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		failures = sqlite3_column_int(q, 0);
	store_release(st, q);
	if (failures < 0)
		return store_set_err(st, "count a wrong PIN");
	if (failures < after)
		return 0;
	if (store_prepare(st, &q, "UPDATE staff_lockouts SET failures = 0,"
	    " locked_until = ?2 WHERE phone = ?1") != 0)
		return -1;
	sqlite3_bind_text(q, 1, phone, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, now + lock_seconds);
	if (store_step_done(st, q, "lock a staff phone") != 0)
		return -1;
	if (store_prepare(st, &q, "INSERT INTO audit (request_id, who, action,"
	    " detail, at) VALUES (NULL, ?, 'lockout', ?, ?)") != 0)
		return -1;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, after);
	sqlite3_bind_int64(q, 3, now);
	if (store_step_done(st, q, "audit a lockout") != 0)
		return -1;
	return 1;
}

/* The right PIN: the count of wrong ones starts again. */
int
desk_staff_right_pin(struct store *st, const char *phone)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "UPDATE staff_lockouts SET failures = 0"
	    " WHERE phone = ? AND failures > 0") != 0)
		return -1;
	sqlite3_bind_text(q, 1, phone, -1, SQLITE_STATIC);
	return store_step_done(st, q, "reset wrong PINs");
}
