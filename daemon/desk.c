/*
 * desk.c - staff actions on help requests, each with its audit line.
 *
 * A reply is queued in the outbox like any other message, so it leaves
 * from the helpline's own number and is retried like the rest; the first
 * one stamps first_reply_at, which the statistics report as time to a
 * human answer.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "yordam/desk.h"
#include "yordam/sms.h"

static const char *action_names[] = { "claim", "reply", "note", "close",
	"reopen", "ack" };

/* One statement with ?1 request, ?2 who, ?3 now, ?4 text. */
static int
run(sqlite3 *db, const char *sql, int64_t id, const char *who, int64_t now,
		const char *text)
{
	sqlite3_stmt *q;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, who, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, now);
	sqlite3_bind_text(q, 4, text, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

int
desk_act(struct store *st, enum desk_action action, int64_t id,
		const char *who, const char *text, int64_t now, char *err,
		size_t errlen)
{
	if (store_begin(st) != 0) {
		snprintf(err, errlen, "database busy: %s", store_error(st));
		return -1;
	}
	if (desk_act_in(st, action, id, who, text, now, err, errlen) != 0) {
		store_rollback(st);
		return -1;
	}
	if (store_commit(st) != 0) {
		snprintf(err, errlen, "%s", store_error(st));
		store_rollback(st);
		return -1;
	}
	return 0;
}

int
desk_act_in(struct store *st, enum desk_action action, int64_t id,
		const char *who, const char *text, int64_t now, char *err,
		size_t errlen)
{
	sqlite3 *db = store_db(st);
	sqlite3_stmt *q;
	char number[64] = "", status[16] = "";
	int rc = -1;

	if (sqlite3_prepare_v2(db, "SELECT number, status FROM help_requests"
	    " WHERE id = ?", -1, &q, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(q, 1, id);
	if (sqlite3_step(q) == SQLITE_ROW) {
		snprintf(number, sizeof number, "%s", sqlite3_column_text(q, 0));
		snprintf(status, sizeof status, "%s", sqlite3_column_text(q, 1));
	}
	sqlite3_finalize(q);
	if (!number[0]) {
		snprintf(err, errlen, "no request %lld", (long long)id);
		goto out;
	}
	if (action != DESK_REOPEN && action != DESK_NOTE &&
	    strcmp(status, "closed") == 0) {
		snprintf(err, errlen, "request %lld is closed (reopen it first)",
			(long long)id);
		goto out;
	}
	switch (action) {
	case DESK_CLAIM:
		rc = run(db, "UPDATE help_requests SET claimed_by = ?2,"
			" status = 'claimed' WHERE id = ?1", id, who, now, NULL);
		break;
	case DESK_REPLY: {
		struct sms_measure m;
		if (!text || !*text || sms_measure(text, &m) != 0) {
			snprintf(err, errlen, "the reply is empty or not UTF-8");
			goto out;
		}
		rc = store_queue_reply(st, number, text, 0, "staff", 0,
			m.coding, m.parts, now);
		if (rc == 0)
			rc = run(db, "UPDATE help_requests SET first_reply_at ="
				" coalesce(first_reply_at, ?3), claimed_by ="
				" coalesce(claimed_by, ?2), status = CASE status"
				" WHEN 'open' THEN 'claimed' ELSE status END"
				" WHERE id = ?1", id, who, now, NULL);
		break;
	}
	case DESK_NOTE:
		if (!text || !*text) {
			snprintf(err, errlen, "the note is empty");
			goto out;
		}
		rc = run(db, "INSERT INTO notes (request_id, who, text, at)"
			" VALUES (?1, ?2, ?4, ?3)", id, who, now, text);
		break;
	case DESK_CLOSE:
		rc = run(db, "UPDATE help_requests SET status = 'closed',"
			" closed_at = ?3 WHERE id = ?1", id, who, now, NULL);
		break;
	case DESK_ACK:
		rc = run(db, "UPDATE alerts SET acked_at = ?3 WHERE request_id"
			" = ?1 AND acked_at IS NULL", id, who, now, NULL);
		break;
	case DESK_REOPEN:
		rc = run(db, "UPDATE help_requests SET status = 'open',"
			" closed_at = NULL WHERE id = ?1", id, who, now, NULL);
		break;
	}
	if (rc != 0) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(db));
		goto out;
	}
	if (sqlite3_prepare_v2(db, "INSERT INTO audit (request_id, who, action,"
	    " detail, at) VALUES (?, ?, ?, ?, ?)", -1, &q, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, who, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, action_names[action], -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 5, now);
	rc = sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(q);
	if (rc == 0 && (action == DESK_CLAIM || action == DESK_CLOSE))
		rc = run(db, "UPDATE alerts SET acked_at = ?3 WHERE request_id"
			" = ?1 AND acked_at IS NULL", id, who, now, NULL);
	if (rc == 0)
		return 0;
	snprintf(err, errlen, "%s", sqlite3_errmsg(db));
out:
	return -1;
}
