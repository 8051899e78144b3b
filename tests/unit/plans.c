/*
 * plans.c - the query plan of every statement the store compiles, for
 * tests/plans.sh: no statement may read the whole of a table that grows
 * with traffic (a per-SMS count that scans messages costs nothing on a
 * new box and seconds after a year).
 *
 *   plans run DIR            a small database DIR/plans.db written by
 *                            tests/bench/history.c (a few weeks of
 *                            traffic), then every store function the
 *                            daemon, yordamctl and the console call, so
 *                            each statement is compiled once: with
 *                            YORDAM_SQL_TRACE set, the store writes
 *                            each SQL text it compiles to that file
 *   plans check DB TRACE STATIC   TAP: EXPLAIN QUERY PLAN of each
 *                            statement in TRACE against DB, not ok on
 *                            "SCAN <growing table>" without an index, or
 *                            a SEARCH of messages by direction alone;
 *                            then which statements of STATIC (the SQL
 *                            texts in the store's objects) were never
 *                            seen, not ok if any
 *
 * PLANS_VERBOSE=1 prints every plan, not only those that fail.
 * Plans depend on the schema's indexes and on what ANALYZE recorded, not
 * on the size of the data; Yordam never runs ANALYZE, so neither does
 * this, and a small database gives the plans a year-old one gets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../bench/history.h"
#include "store_private.h"
#include "yordam/accounts.h"
#include "yordam/desk.h"
#include "yordam/engine.h"
#include "yordam/store.h"

static const char *growing[] = { "messages", "parts", "contacts",
	"sessions", "help_requests", "reminders", "alerts", "notes", "audit",
	"unmatched", "web_sessions", "tallies", NULL };

/*
 * Full scans known to be bounded, each with why.  A statement matches
 * when its text contains `sql`; only `table` may be scanned in it.
 */
static const struct {
	const char *sql, *table, *why;
} bounded[] = {
	{ "FROM messages ORDER BY id DESC LIMIT ?", "messages",
	  "yordamctl log: the newest N by rowid, read backwards, stops at N" },
	{ "DESC LIMIT 1))", "SCAN messages",
	  "status: the newest reply sent, read back from the newest message;"
	  " stops at the first" },
	{ "ON m.id = h.message_id WHERE 1 AND", "SCAN h",
	  "the queue with closed requests too (--all, a number's history,"
	  " search) reads every request: 45 ms for --all, 1.3 s for a"
	  " search on a year (docs/performance.md, Growth)" },
	{ "FROM help_requests), w AS (SELECT day", "SCAN help_requests",
	  "statistics are over every day: every request is read (about"
	  " 0.15 s on a year)" },
	{ "FROM unmatched u JOIN messages m", "SCAN u",
	  "yordamctl unmatched lists every flagged message: the output is"
	  " the table" },
	{ NULL, NULL, NULL }
};

/* Statements of the store's objects no workload here reaches, each with
 * why (a prefix of the text). */
static const struct {
	const char *sql, *why;
} unreached[] = {
	{ NULL, NULL }
};

static int n_test;

static void
ignore(const void *p, void *ud)
{
	(void)p;
	(void)ud;
}
static void req_fn(const struct desk_request *r, void *ud) { ignore(r, ud); }
static void log_fn(const struct desk_log_entry *e, void *ud) { ignore(e, ud); }
static void thr_fn(const struct desk_thread_entry *e, void *ud)
{ ignore(e, ud); }
static void stat_fn(const struct desk_stats_row *r, void *ud) { ignore(r, ud); }
static void msg_fn(const struct message_row *m, void *ud) { ignore(m, ud); }
static void unm_fn(const struct unmatched_row *u, void *ud) { ignore(u, ud); }
static void txt_fn(const char *t, void *ud) { ignore(t, ud); }
static void mdm_fn(const struct store_modem *m, void *ud) { ignore(m, ud); }
static void acc_fn(const struct account *a, void *ud) { ignore(a, ud); }
static void unrep_fn(void *ud, int64_t id, const char *n, const char *node)
{ (void)id; ignore(n, ud); (void)node; }

/* The desk as yordamctl, staff SMS and the console use it. */
static void
desk_workload(struct store *st, int64_t now)
{
	struct desk_filter f[] = { { 0 }, { .all = 1, .limit = 50 },
		{ .status = "open" }, { .claimed_by = "aigul" },
		{ .urgent_only = 1 }, { .lang = "ru" },
		{ .all = 1, .number = "0000042" },
		{ .all = 1, .search = "pasport", .limit = 50 } };
	struct desk_conversation dc;
	struct desk_due due[4];
	struct desk_alert_due ad[4];
	int64_t id = 0;
	size_t i;

	for (i = 0; i < sizeof f / sizeof f[0]; i++)
		desk_list_filtered(st, &f[i], req_fn, NULL);
	desk_list(st, req_fn, NULL);
	desk_stats(st, stat_fn, NULL);
	desk_open(st, "+77010000042", "uz", "work", "passport", 0, now);
	desk_next(st, &id);
	desk_show(st, id, req_fn, log_fn, NULL);
	desk_thread(st, id, thr_fn, NULL);
	desk_act(st, DESK_CLAIM, id, "aigul", NULL, now);
	desk_act(st, DESK_TAKE, id, "bolat", NULL, now);
	desk_act(st, DESK_ACK, id, "bolat", NULL, now);
	desk_act(st, DESK_NOTE, id, "bolat", "a note", now);
	desk_act(st, DESK_REPLY, id, "bolat", "Javob", now);
	desk_conversation_of(st, "+77010000042", &dc);
	desk_conversation_notified(st, id, now);
	desk_conversation_pause(st, id, now);
	desk_conversations_due(st, now, now, due, 4);
	due[0] = (struct desk_due){ .id = id, .kind = DESK_DUE_WAIT };
	desk_conversation_done(st, &due[0], now);
	due[0].kind = DESK_DUE_EXPIRE;
	desk_conversation_done(st, &due[0], now);
	desk_act(st, DESK_CLOSE, id, "bolat", NULL, now);
	desk_reopen_recent(st, "+77010000042", now - 86400, now);
	desk_act(st, DESK_REOPEN, id, "bolat", NULL, now);
	desk_alerts_due(st, now, ad, 4);
	desk_record_alert(st, id, "+77000000009", "aigul", 1, now);
	desk_alert_failed(st, id, "the modem refused it", 3);
	desk_staff_locked(st, "+77000000009", now);
	desk_staff_wrong_pin(st, "+77000000009", "aigul", 1, 60, now);
	desk_staff_right_pin(st, "+77000000009");
	store_begin(st);
	desk_act_in(st, DESK_NOTE, id, "bolat", "in a transaction", now);
	desk_thread_in(st, id, 1, NULL, now);
	store_commit(st);
}

static int
version_fn(const struct store_content_row *v, void *ud)
{
	(void)v;
	(void)ud;
	return 0;
}

/* What the gateway's stages, yordamctl and the modems' health ask. */
static void
store_workload(struct store *st, int64_t now)
{
	struct store_status ss;
	struct store_modem m = { .name = "m1", .connected = 1, .signal = 50 };
	struct inbound in[4];
	struct reminder r[4];
	char pseud[24], num[32], node[24];
	int64_t last = 0;
	int a, b, n, i;

	store_status(st, &ss);
	store_content_versions(st, version_fn, NULL);   /* content history */
	store_list_messages(st, 100, msg_fn, NULL);
	store_list_unmatched(st, 0, unm_fn, NULL);
	store_list_unmatched(st, 1, unm_fn, NULL);
	store_sent_since(st, "+77010000042", &last, txt_fn, NULL);
	store_count_sent(st, "+77010000042", now, &a, &b);
	store_recent_inbound(st, "+77010000042", now - 60, now, &a, &b);
	store_limit_notice_since(st, "+77010000042", now - 3600);
	store_last_outbound_id(st, "+77010000042");
	store_node_sent_since(st, "+77010000042", "closed", now - 86400);
	store_pseudonym(st, "+77010000042", pseud, sizeof pseud);
	store_modem_save(st, &m, now);
	store_modem_balance(st, "m1", "Balans 100 tg", 100, now);
	store_modem_stopped(st, "m1", "the worker stopped", now);
	store_modem_list(st, mdm_fn, NULL);
	store_begin(st);
	store_mark_limit_notice(st, "+77010000042", now);
	store_expire_held(st, now - 86400);
	store_assemble_expired(st, now, 600);
	n = store_untriaged(st, in, 4);
	for (i = 0; i < n; i++) {
		store_set_priority(st, in[i].id, IN_NORMAL);
		inbound_free(&in[i]);
	}
	n = store_due_reminders(st, now + 86400 * 90, r, 4);
	if (n > 0)
		store_reminder_failed(st, r[0].id, "the modem refused it", 3);
	reminders_free(r, n > 0 ? n : 0);
	store_queue_reply(st, "+77010000042", "Salom", 0, "home", 0,
		OUT_CONVERSATION, now);
	last = store_last_outbound_id(st, "+77010000042");
	store_hold_replies(st, 1);
	store_mark_sending(st, last, now);
	store_send_postponed(st, last, "no network", now + 60);
	store_mark_sending(st, last, now);
	store_mark_send_failed(st, last, "no network", now + 60, 0, now);
	store_mark_sent(st, last, now);
	store_mark_delivery(st, last, "delivered", now, num, sizeof num, node,
		sizeof node);
	store_resend_unreported(st, now, now, unrep_fn, NULL);
	store_requeue_interrupted(st);
	store_set_modem(st, "m1");
	store_modem_release(st, "m1");
	store_set_modem(st, NULL);
	store_set_priority(st, 1, IN_NORMAL);
	store_forget_confirmations(st, now);
	store_purge(st, now - 7 * 86400, 100);
	store_erase_number(st, "+77010000007");
	store_commit(st);
	store_wipe_wal(st);
	store_inbound_failed(st, 2, "the engine failed", 3, now);
}

/* The console's accounts and sessions (argon2id: a few, slow ones). */
static void
account_workload(struct store *st, int64_t now)
{
	struct account acct;
	char token[65], csrf[65];

	account_add(st, "aigul", "correct horse battery", ROLE_ADMIN, "ru",
		"root", now);
	account_add(st, "bolat", "another long secret", ROLE_STAFF, "en",
		"root", now);
	account_login(st, "aigul", "correct horse battery", 5, 900, now,
		&acct);
	account_login(st, "aigul", "wrong password here", 1, 900, now, &acct);
	account_login(st, "nobody", "wrong password here", 5, 900, now, &acct);
	account_get(st, "AIGUL", &acct);
	account_list(st, acc_fn, NULL);
	account_set_lang(st, "bolat", "ru");
	account_set_role(st, "bolat", ROLE_ADMIN, "aigul", now);
	account_unlock(st, "aigul", "bolat", now);
	session_create(st, "aigul", now, now + 3600, token, csrf);
	session_get(st, token, now + 120, &acct, csrf);
	session_end(st, token);
	session_purge(st, now);
	account_set_password(st, "bolat", "a new long secret", "aigul", now);
	account_remove(st, "bolat", "aigul", now);
}

static int
run(const char *dir)
{
	struct history_params p = { 6000, 300, 60, 60, 0, 17, 0 };
	struct history_counts c;
	struct store *st;
	char path[1024], err[1024];
	int64_t now = (int64_t)time(NULL);

	p.end = now;
	snprintf(path, sizeof path, "%s/plans.db", dir);
	if (store_open(path, &st, err, sizeof err) != 0 ||
	    history_build(st, &p, &c, err, sizeof err) != 0) {
		fprintf(stderr, "plans: %s\n", err);
		return 1;
	}
	desk_workload(st, now);
	store_workload(st, now);
	account_workload(st, now);
	snprintf(path, sizeof path, "%s/backup.db", dir);
	store_backup(st, path);
	store_close(st);
	return 0;
}

/* The alias a growing table has in sql ("messages m"), or "". */
static int
is_growing(const char *sql, const char *name)
{
	char pat[96];
	int i;

	for (i = 0; growing[i]; i++) {
		const char *at = sql;
		if (strcmp(name, growing[i]) == 0)
			return 1;
		snprintf(pat, sizeof pat, "%s %s", growing[i], name);
		while ((at = strstr(at, pat)) != NULL) {
			char end = at[strlen(pat)];
			if ((at == sql || at[-1] == ' ') && (end == ' ' ||
			    end == ',' || end == ')' || end == '\0'))
				return 1;
			at++;
		}
	}
	return 0;
}

/* Does sql pick messages by a status every finished one has ("status =
 * 'sent'", "status IN ('sent', ...)"; "+status" reads no index)? */
static int
done_status(const char *sql)
{
	static const char *const pats[] = { " status = 'sent'",
		" status = 'processed'", " status IN ('sent'",
		" status IN ('processed'", NULL };
	int i;

	for (i = 0; pats[i]; i++) {
		const char *at = sql;
		while ((at = strstr(at, pats[i])) != NULL) {
			/* not a SET (status = 'sent' after SET or a comma) */
			const char *w = at;
			while (w > sql && w[-1] == ' ')
				w--;
			if (!(w - sql >= 3 && strncmp(w - 3, "SET", 3) == 0) &&
			    !(w > sql && w[-1] == ','))
				return 1;
			at++;
		}
	}
	return 0;
}

static const char *
bounded_why(const char *sql, const char *table)
{
	int i;

	for (i = 0; bounded[i].sql; i++)
		if (strstr(sql, bounded[i].sql) && strstr(table,
		    bounded[i].table))
			return bounded[i].why;
	return NULL;
}

/* One statement's plan: 0 fine, 1 a full scan of a growing table. */
static int
check_one(struct store *st, const char *sql)
{
	char *explain, plan[4096] = "", scans[1024] = "";
	sqlite3_stmt *q;
	size_t len = 0;
	int rc, bad = 0;

	if (!(explain = malloc(strlen(sql) + 32)))
		return 1;
	sprintf(explain, "EXPLAIN QUERY PLAN %s", sql);
	rc = sqlite3_prepare_v2(store_db(st), explain, -1, &q, NULL);
	free(explain);
	n_test++;
	if (rc != SQLITE_OK) {
		printf("not ok %d - %.70s\n# cannot explain it: %s\n", n_test,
			sql, sqlite3_errmsg(store_db(st)));
		return 1;
	}
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(q, 3);
		char name[64] = "";
		len += (size_t)snprintf(plan + len, len < sizeof plan ?
			sizeof plan - len : 0, "#   %s\n", d ? d : "?");
		if (len >= sizeof plan)
			len = sizeof plan - 1;
		/* "SEARCH messages USING INDEX messages_queue (dir=?)": half
		 * of every message kept, a scan by another name; and so is
		 * the status 'sent' or 'processed' in that index: every
		 * reply sent, every SMS answered (the erase confirmations'
		 * old plan read the whole file every ten seconds). */
		if (d && sscanf(d, "SEARCH %63s", name) == 1 &&
		    is_growing(sql, name) && (strstr(d, " (dir=?)") ||
		    (strstr(d, "INDEX messages_queue (dir=? AND status=?)") &&
		    done_status(sql)))) {
			bad = 1;
			continue;
		}
		if (!d || sscanf(d, "SCAN %63s", name) != 1 || strstr(d,
		    " USING ") || !is_growing(sql, name))
			continue;
		if (bounded_why(sql, d)) {
			snprintf(scans, sizeof scans, "# bounded: %s\n",
				bounded_why(sql, d));
			continue;
		}
		bad = 1;
	}
	sqlite3_finalize(q);
	printf("%s %d - %.70s%s\n", bad ? "not ok" : "ok", n_test, sql,
		strlen(sql) > 70 ? "..." : "");
	if (!bad && getenv("PLANS_VERBOSE"))
		printf("# %s\n%s", sql, plan);
	if (bad)
		printf("# a full scan of a table that grows with traffic (or"
			" of all its rows of one direction):\n"
			"# %s\n%s", sql, plan);
	else
		fputs(scans, stdout);
	return bad;
}

/* Read a file of one statement a line into a sorted, unique list. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **
read_lines(const char *path, int *n)
{
	static char line[65536];
	char **v = NULL;
	FILE *f = fopen(path, "r");
	int k = 0, i, out = 0;

	*n = 0;
	if (!f) {
		perror(path);
		return NULL;
	}
	while (fgets(line, sizeof line, f)) {
		char **g;
		line[strcspn(line, "\n")] = '\0';
		if (!*line || !(g = realloc(v, (size_t)(k + 1) * sizeof *v)))
			continue;
		v = g;
		v[k++] = strdup(line);
	}
	fclose(f);
	if (k)
		qsort(v, (size_t)k, sizeof *v, cmp_str);
	for (i = 0; i < k; i++)
		if (out == 0 || strcmp(v[out - 1], v[i]) != 0)
			v[out++] = v[i];
		else
			free(v[i]);
	*n = out;
	return v;
}

/* Was a statement of the objects seen?  A format ("... WHERE %s ...")
 * is, when a seen text begins as it does up to its first '%'. */
static int
seen(char **trace, int n, const char *s)
{
	size_t pre = strcspn(s, "%");
	int i;

	for (i = 0; i < n; i++)
		if (s[pre] ? strncmp(trace[i], s, pre) == 0
		    : strcmp(trace[i], s) == 0)
			return 1;
	return 0;
}

static int
coverage(char **trace, int nt, const char *static_path)
{
	char **all;
	int n, i, j, unseen = 0, excused = 0;

	if (!(all = read_lines(static_path, &n)) || !n) {
		printf("not ok %d - no statements found in %s\n", ++n_test,
			static_path);
		return 1;
	}
	for (i = 0; i < n; i++) {
		const char *why = NULL;
		if (seen(trace, nt, all[i]))
			continue;
		for (j = 0; unreached[j].sql; j++)
			if (strncmp(all[i], unreached[j].sql,
			    strlen(unreached[j].sql)) == 0)
				why = unreached[j].why;
		if (why) {
			excused++;
			printf("# not reached (%s): %.100s\n", why, all[i]);
		} else {
			unseen++;
			printf("# never compiled here: %s\n", all[i]);
		}
	}
	printf("%s %d - coverage: %d of the %d statements in the store's"
		" objects had their plan checked (%d excused, %d never"
		" compiled)\n", unseen ? "not ok" : "ok", ++n_test,
		n - unseen - excused, n, excused, unseen);
	return unseen != 0;
}

static int
check(const char *db, const char *trace_path, const char *static_path)
{
	struct store *st;
	char err[1024], **trace;
	int n, i, bad = 0;

	if (store_open(db, &st, err, sizeof err) != 0) {
		fprintf(stderr, "plans: %s\n", err);
		return 1;
	}
	if (!(trace = read_lines(trace_path, &n)) || !n) {
		printf("1..1\nnot ok 1 - no statement in the trace %s (was"
			" YORDAM_SQL_TRACE set?)\n", trace_path);
		return 1;
	}
	for (i = 0; i < n; i++)
		bad += check_one(st, trace[i]);
	bad += coverage(trace, n, static_path);
	printf("1..%d\n", n_test);
	printf("# %d distinct statements explained, %d not ok\n", n, bad);
	store_close(st);
	return bad ? 1 : 0;
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "run") == 0)
		return run(argv[2]);
	if (argc == 5 && strcmp(argv[1], "check") == 0)
		return check(argv[2], argv[3], argv[4]);
	fprintf(stderr, "usage: plans run DIR | plans check DB TRACE STATIC\n");
	return 2;
}
