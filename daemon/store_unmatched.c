/*
 * store_unmatched.c - the messages the helpline did not understand, for
 * staff to teach it: flagged as they are answered (no topic, the
 * language unsure), listed without numbers (yordamctl unmatched), marked
 * with what they should have reached, and exported as corpus lines
 * (yordamctl corpus export) for the next content version.
 *
 * A flag belongs to its message (ON DELETE CASCADE): an erasure or the
 * retention purge takes it too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_private.h"

int
store_flag_unmatched(struct store *st, int64_t message_id, const char *reason,
		const char *lang, int64_t now)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "INSERT OR REPLACE INTO unmatched"
	    " (message_id, reason, lang, created_at) VALUES (?, ?, nullif(?,"
	    " ''), ?)") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, message_id);
	sqlite3_bind_text(q, 2, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, lang ? lang : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, now);
	return store_step_done(st, q, "flag an unmatched message");
}

int
store_list_unmatched(struct store *st, int marked_only, store_unmatched_fn fn,
		void *ud)
{
	struct unmatched_row u;
	sqlite3_stmt *q;
	int rc;

	if (store_prepare(st, &q, "SELECT u.message_id, m.text, u.reason,"
	    " coalesce(u.lang, ''), u.label, u.marked_by, u.created_at"
	    " FROM unmatched u JOIN messages m ON m.id = u.message_id"
	    " WHERE ?1 = 0 OR u.label IS NOT NULL"
	    " ORDER BY coalesce(u.lang, ''), u.message_id") != 0)
		return -1;
	sqlite3_bind_int(q, 1, marked_only);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		u.message_id = sqlite3_column_int64(q, 0);
		u.text = (const char *)sqlite3_column_text(q, 1);
		u.reason = (const char *)sqlite3_column_text(q, 2);
		u.lang = (const char *)sqlite3_column_text(q, 3);
		u.label = (const char *)sqlite3_column_text(q, 4);
		u.marked_by = (const char *)sqlite3_column_text(q, 5);
		u.created_at = sqlite3_column_int64(q, 6);
		fn(&u, ud);
	}
	store_release(st, q);
	if (rc != SQLITE_DONE)
		return store_set_err(st, "list unmatched messages");
	return 0;
}

int
store_mark_unmatched(struct store *st, int64_t message_id, const char *label,
		const char *lang, const char *by, int64_t now)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "UPDATE unmatched SET label = ?2,"
	    " lang = coalesce(nullif(?3, ''), lang), marked_by = ?4,"
	    " marked_at = ?5 WHERE message_id = ?1") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, message_id);
	sqlite3_bind_text(q, 2, label, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, lang ? lang : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, by, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 5, now);
	if (store_step_done(st, q, "mark an unmatched message") != 0)
		return -1;
	return sqlite3_changes(st->db) == 1 ? 0 : 1;
}
