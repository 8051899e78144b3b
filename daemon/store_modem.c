/*
 * store_modem.c - the modems' health in the database: what the gateway
 * records every minute (gateway_line.c), what `yordamctl status` and the
 * console's status page read, and since when a modem has been off a
 * network (for the alarm).  Also one small question the missed-call
 * stage asks: was this number texted for a ring lately?
 */
#include <stdio.h>
#include <string.h>

#include "store_private.h"

int
store_modem_save(struct store *st, const struct store_modem *m, int64_t now)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "INSERT INTO modem_health (name, connected,"
	    " model, sim, registered, roaming, operator, signal, storage_used,"
	    " storage_total, last_read_at, last_send_at, errors_in_row,"
	    " blocked, unregistered_since, updated_at) VALUES (?1, ?2, ?3, ?4,"
	    " ?5, ?6, ?7, ?8, ?9, ?10, nullif(?11, 0), nullif(?12, 0), ?13,"
	    " nullif(?14, ''), CASE WHEN ?5 = 1 THEN NULL ELSE ?15 END, ?15)"
	    " ON CONFLICT(name) DO UPDATE SET connected = ?2, model ="
	    " coalesce(nullif(?3, ''), model), sim = ?4, registered = ?5,"
	    " roaming = ?6, operator = ?7, signal = ?8, storage_used = ?9,"
	    " storage_total = ?10, last_read_at = coalesce(nullif(?11, 0),"
	    " last_read_at), last_send_at = coalesce(nullif(?12, 0),"
	    " last_send_at), errors_in_row = ?13, blocked = nullif(?14, ''),"
	    " unregistered_since = CASE WHEN ?5 = 1 THEN NULL ELSE"
	    " coalesce(unregistered_since, ?15) END, updated_at = ?15") != 0)
		return -1;
	sqlite3_bind_text(q, 1, m->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, m->connected);
	sqlite3_bind_text(q, 3, m->model, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, m->sim, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 5, m->registered);
	sqlite3_bind_int(q, 6, m->roaming);
	sqlite3_bind_text(q, 7, m->operator_name, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 8, m->signal);
	sqlite3_bind_int(q, 9, m->storage_used);
	sqlite3_bind_int(q, 10, m->storage_total);
	sqlite3_bind_int64(q, 11, m->last_read_at);
	sqlite3_bind_int64(q, 12, m->last_send_at);
	sqlite3_bind_int(q, 13, m->errors_in_row);
	sqlite3_bind_text(q, 14, m->blocked, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 15, now);
	return store_step_done(st, q, "modem health");
}

/* The main process, when a modem's worker stopped: the modem shows out of
 * service (why) and not connected until the worker records its health
 * again. */
int
store_modem_stopped(struct store *st, const char *name, const char *why,
		int64_t now)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "INSERT INTO modem_health (name, connected,"
	    " blocked, updated_at) VALUES (?1, 0, ?2, ?3) ON CONFLICT(name)"
	    " DO UPDATE SET connected = 0, blocked = ?2, updated_at = ?3") != 0)
		return -1;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, why, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, now);
	return store_step_done(st, q, "modem stopped");
}

int
store_modem_balance(struct store *st, const char *name, const char *text,
		double amount, int64_t now)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "INSERT INTO modem_health (name, connected,"
	    " balance_text, balance, balance_at, updated_at) VALUES (?1, 1,"
	    " ?2, ?3, ?4, ?4) ON CONFLICT(name) DO UPDATE SET balance_text ="
	    " ?2, balance = ?3, balance_at = ?4") != 0)
		return -1;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, text, -1, SQLITE_STATIC);
	if (amount >= 0)
		sqlite3_bind_double(q, 3, amount);
	else
		sqlite3_bind_null(q, 3);
	sqlite3_bind_int64(q, 4, now);
	return store_step_done(st, q, "modem balance");
}

static void
copy_text(sqlite3_stmt *q, int i, char *out, size_t n)
{
	const char *s = (const char *)sqlite3_column_text(q, i);

	snprintf(out, n, "%s", s ? s : "");
}

int
store_modem_list(struct store *st, store_modem_fn fn, void *ud)
{
	struct store_modem m;
	sqlite3_stmt *q;
	int rc;

	if (store_prepare(st, &q, "SELECT name, connected, model, sim,"
	    " coalesce(registered, -1), coalesce(roaming, -1), operator,"
	    " coalesce(signal, -1), coalesce(storage_used, -1),"
	    " coalesce(storage_total, -1), coalesce(last_read_at, 0),"
	    " coalesce(last_send_at, 0), errors_in_row, blocked,"
	    " coalesce(unregistered_since, 0), balance_text,"
	    " coalesce(balance, -1), coalesce(balance_at, 0), updated_at"
	    " FROM modem_health ORDER BY name") != 0)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		memset(&m, 0, sizeof m);
		copy_text(q, 0, m.name, sizeof m.name);
		m.connected = sqlite3_column_int(q, 1);
		copy_text(q, 2, m.model, sizeof m.model);
		copy_text(q, 3, m.sim, sizeof m.sim);
		m.registered = sqlite3_column_int(q, 4);
		m.roaming = sqlite3_column_int(q, 5);
		copy_text(q, 6, m.operator_name, sizeof m.operator_name);
		m.signal = sqlite3_column_int(q, 7);
		m.storage_used = sqlite3_column_int(q, 8);
		m.storage_total = sqlite3_column_int(q, 9);
		m.last_read_at = sqlite3_column_int64(q, 10);
		m.last_send_at = sqlite3_column_int64(q, 11);
		m.errors_in_row = sqlite3_column_int(q, 12);
		copy_text(q, 13, m.blocked, sizeof m.blocked);
		m.unregistered_since = sqlite3_column_int64(q, 14);
		copy_text(q, 15, m.balance_text, sizeof m.balance_text);
		m.balance = sqlite3_column_double(q, 16);
		m.balance_at = sqlite3_column_int64(q, 17);
		m.updated_at = sqlite3_column_int64(q, 18);
		fn(&m, ud);
	}
	if (rc != SQLITE_DONE) {
		store_set_err(st, "modems");
		store_release(st, q);
		return -1;
	}
	store_release(st, q);
	return 0;
}

int
store_node_sent_since(struct store *st, const char *number, const char *node,
		int64_t since)
{
	sqlite3_stmt *q;
	int n = -1;

	if (store_prepare(st, &q, "SELECT count(*) FROM messages WHERE"
	    " number = ?1 AND dir = 'out' AND node = ?2 AND created_at >= ?3")
	    != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, node, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, since);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	store_release(st, q);
	return n < 0 ? store_set_err(st, "replies sent") : n;
}
