/*
 * staff.c - the hotline team's side of the SMS gateway.
 *
 * Staff phones are listed in yordam.conf with a PIN and on-call hours.
 * An urgent request is sent to the first person on call; without an ACK
 * (or TAKE) within oncall_ack_minutes it goes to the next person on call,
 * round the list, and each escalation is written to the audit log.  The
 * migrant's number is left out of alerts unless oncall_show_number is
 * set: a staff phone can be lost or taken too.
 */
#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yordam/clock.h"
#include "yordam/desk.h"
#include "yordam/log.h"
#include "yordam/sms.h"
#include "yordam/staff.h"

#define HELP_TEXT "Yordam: PIN NEXT | PIN TAKE n | PIN R n text |" \
	" PIN NOTE n text | PIN CLOSE n | PIN ACK n"

static int
on_call(const struct staff_member *m, int64_t now)
{
	time_t t = (time_t)now;
	struct tm tm;
	int minute;

	localtime_r(&t, &tm);
	minute = tm.tm_hour * 60 + tm.tm_min;

	if (m->from_minute <= m->to_minute)
		return minute >= m->from_minute && minute < m->to_minute;
	return minute >= m->from_minute || minute < m->to_minute;
}

static int
queue_to(struct store *st, const char *phone, const char *text, int64_t now)
{
	struct sms_measure m;

	if (sms_measure(text, &m) != 0)
		return -1;
	return store_queue_reply(st, phone, text, 0, "staff-alert", 0,
		m.coding, m.parts, now);
}

/* "#12 URGENT violence (ru): <text>" for an alert or for NEXT. */
static int
describe(struct store *st, const struct yordam_config *cfg, int64_t id,
		char *out, size_t n)
{
	sqlite3_stmt *q;
	int rc = -1;

	if (sqlite3_prepare_v2(store_db(st), "SELECT h.urgent, h.category,"
	    " h.lang, h.number, coalesce(m.text, '') FROM help_requests h"
	    " LEFT JOIN messages m ON m.id = h.message_id WHERE h.id = ?",
	    -1, &q, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	if (sqlite3_step(q) == SQLITE_ROW) {
		snprintf(out, n, "#%lld %s%s (%s)%s%s: %.200s",
			(long long)id, sqlite3_column_int(q, 0) ? "URGENT " : "",
			sqlite3_column_text(q, 1) ? (const char *)
			sqlite3_column_text(q, 1) : "help",
			sqlite3_column_text(q, 2) ? (const char *)
			sqlite3_column_text(q, 2) : "?",
			cfg->oncall_show_number ? " " : "",
			cfg->oncall_show_number ? (const char *)
			sqlite3_column_text(q, 3) : "",
			sqlite3_column_text(q, 4));
		rc = 0;
	}
	sqlite3_finalize(q);
	return rc;
}

int
staff_handle_sms(struct store *st, const struct yordam_config *cfg,
		const struct staff_member *who, const char *text, int64_t now)
{
	char pin[32] = "", cmd[16] = "", answer[400], err[200];
	const char *rest = text;
	long long id = 0;
	int n = 0, i;

	while (isspace((unsigned char)*rest))
		rest++;
	if (sscanf(rest, "%31s %15s%n", pin, cmd, &n) < 2 ||
	    strcmp(pin, who->pin) != 0) {
		log_warn("staff SMS with a wrong or missing PIN ignored");
		return 0;
	}
	rest += n;
	for (i = 0; cmd[i]; i++)
		cmd[i] = (char)toupper((unsigned char)cmd[i]);
	if (strcmp(cmd, "NEXT") == 0) {
		sqlite3_stmt *q;
		long long next = 0;
		if (sqlite3_prepare_v2(store_db(st), "SELECT id FROM help_requests"
		    " WHERE status = 'open' ORDER BY urgent DESC, created_at, id"
		    " LIMIT 1", -1, &q, NULL) != SQLITE_OK)
			return -1;
		if (sqlite3_step(q) == SQLITE_ROW)
			next = sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
		if (!next || describe(st, cfg, next, answer, sizeof answer) != 0)
			snprintf(answer, sizeof answer, "No open requests.");
		return queue_to(st, who->phone, answer, now);
	}
	if (sscanf(rest, "%lld%n", &id, &n) != 1) {
		return queue_to(st, who->phone, HELP_TEXT, now);
	}
	rest += n;
	while (isspace((unsigned char)*rest))
		rest++;
	{
		static const struct { const char *word; enum desk_action act;
			int text; const char *done; } cmds[] = {
			{ "TAKE", DESK_CLAIM, 0, "is yours" },
			{ "R", DESK_REPLY, 1, "reply sent" },
			{ "NOTE", DESK_NOTE, 1, "note kept" },
			{ "CLOSE", DESK_CLOSE, 0, "closed" },
			{ "ACK", DESK_ACK, 0, "acknowledged" },
		};
		for (i = 0; i < (int)(sizeof cmds / sizeof cmds[0]); i++) {
			if (strcmp(cmd, cmds[i].word) != 0)
				continue;
			if (cmds[i].text && !*rest)
				return queue_to(st, who->phone, HELP_TEXT, now);
			if (desk_act_in(st, cmds[i].act, id, who->name,
			    cmds[i].text ? rest : NULL, now, err,
			    sizeof err) != 0)
				snprintf(answer, sizeof answer, "#%lld: %s", id, err);
			else
				snprintf(answer, sizeof answer, "#%lld %s", id,
					cmds[i].done);
			return queue_to(st, who->phone, answer, now);
		}
	}
	return queue_to(st, who->phone, HELP_TEXT, now);
}

/* Index of the next on-call staff member after `after` (-1: the first). */
static int
next_on_call(const struct yordam_config *cfg, int after, int64_t now)
{
	int i;

	for (i = 1; i <= cfg->n_staff; i++) {
		int k = (after + i + cfg->n_staff) % cfg->n_staff;
		if (after < 0)
			k = i - 1;
		if (on_call(&cfg->staff[k], now))
			return k;
	}
	return -1;
}

static int
staff_index(const struct yordam_config *cfg, const char *phone)
{
	int i;

	for (i = 0; i < cfg->n_staff; i++)
		if (strcmp(cfg->staff[i].phone, phone) == 0)
			return i;
	return -1;
}

static int
alert(struct store *st, const struct yordam_config *cfg, int64_t id, int k,
		int escalated, int64_t now)
{
	char text[400], body[300];
	sqlite3_stmt *q;
	int rc;

	if (describe(st, cfg, id, body, sizeof body) != 0)
		return -1;
	snprintf(text, sizeof text, "%s | ACK %lld", body, (long long)id);
	if (queue_to(st, cfg->staff[k].phone, text, now) != 0)
		return -1;
	if (sqlite3_prepare_v2(store_db(st), "INSERT INTO alerts (request_id,"
	    " staff, sent_at, escalated) VALUES (?, ?, ?, ?)", -1, &q, NULL)
	    != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, cfg->staff[k].phone, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, now);
	sqlite3_bind_int(q, 4, escalated);
	rc = sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(q);
	if (rc == 0 && escalated) {
		if (sqlite3_prepare_v2(store_db(st), "INSERT INTO audit"
		    " (request_id, who, action, detail, at) VALUES (?, 'yordamd',"
		    " 'escalate', ?, ?)", -1, &q, NULL) != SQLITE_OK)
			return -1;
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_text(q, 2, cfg->staff[k].name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 3, now);
		rc = sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
		sqlite3_finalize(q);
	}
	return rc;
}

int
staff_alerts(struct store *st, const struct yordam_config *cfg, int64_t now)
{
	sqlite3_stmt *q;
	int n = 0, rc;
	struct { int64_t id; char last[64]; int fresh; } todo[32];
	int n_todo = 0, i;

	if (cfg->n_staff == 0)
		return 0;
	if (store_begin(st) != 0)
		return -1;
	/* urgent and open, never alerted or alerted long ago without ACK */
	if (sqlite3_prepare_v2(store_db(st), "SELECT h.id, (SELECT staff FROM"
	    " alerts a WHERE a.request_id = h.id ORDER BY a.id DESC LIMIT 1)"
	    " FROM help_requests h WHERE h.urgent AND h.status = 'open' AND"
	    " (NOT EXISTS (SELECT 1 FROM alerts a WHERE a.request_id = h.id)"
	    " OR (NOT EXISTS (SELECT 1 FROM alerts a WHERE a.request_id = h.id"
	    " AND a.acked_at IS NOT NULL) AND (SELECT max(sent_at) FROM alerts"
	    " a WHERE a.request_id = h.id) <= ?)) ORDER BY h.id LIMIT 32",
	    -1, &q, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(q, 1, now - (int64_t)cfg->oncall_ack_minutes * 60);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && n_todo < 32) {
		const char *last = (const char *)sqlite3_column_text(q, 1);
		todo[n_todo].id = sqlite3_column_int64(q, 0);
		todo[n_todo].fresh = last == NULL;
		snprintf(todo[n_todo].last, sizeof todo[n_todo].last, "%s",
			last ? last : "");
		n_todo++;
	}
	sqlite3_finalize(q);
	for (i = 0; i < n_todo; i++) {
		int k = next_on_call(cfg, todo[i].fresh ? -1
			: staff_index(cfg, todo[i].last), now);
		if (k < 0)
			continue;       /* nobody on call: the desk queue has it */
		if (alert(st, cfg, todo[i].id, k, !todo[i].fresh, now) != 0)
			goto fail;
		n++;
	}
	if (store_commit(st) != 0)
		goto fail;
	return n;
fail:
	store_rollback(st);
	return -1;
}
