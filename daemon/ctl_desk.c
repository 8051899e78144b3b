/*
 * ctl_desk.c - yordamctl's desk commands for hotline staff:
 *
 *   show ID [--json]           a request with the conversation, notes, audit
 *   claim|close|reopen ID      take it, end it, bring it back
 *   reply ID TEXT              an SMS to the person, from the helpline
 *   note ID TEXT               a note for colleagues (never sent)
 *   stats [--csv]              counts for reports, with no phone numbers
 *
 * Staff are named by --as NAME, else $SUDO_USER, else $USER: the audit
 * log records who did what.
 */
#include <getopt.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctl.h"
#include "yordam/clock.h"
#include "yordam/config.h"
#include "yordam/desk.h"
#include "yordam/json.h"
#include "yordam/store.h"

static const char *
who_am_i(const char *as)
{
	const char *w = as ? as : getenv("SUDO_USER");

	if (!w || !*w)
		w = getenv("USER");
	return w && *w ? w : "desk";
}

static const char *
col(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

static void
when(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	strftime(buf, n, "%Y-%m-%d %H:%M", localtime(&tt));
}

static int
show(struct store *st, int64_t id, int json)
{
	sqlite3 *db = store_db(st);
	sqlite3_stmt *q;
	char t[32];
	int found = 0;

	if (sqlite3_prepare_v2(db, "SELECT id, number, lang, topic, category,"
	    " urgent, status, claimed_by, created_at, conversation FROM"
	    " help_requests WHERE id = ?", -1, &q, NULL) != SQLITE_OK)
		return 1;
	sqlite3_bind_int64(q, 1, id);
	if (sqlite3_step(q) == SQLITE_ROW) {
		found = 1;
		if (json) {
			printf("{\"id\":%lld,\"number\":", sqlite3_column_int64(q, 0));
			json_string(stdout, col(q, 1));
			printf(",\"lang\":");
			json_string(stdout, col(q, 2));
			printf(",\"topic\":");
			json_string(stdout, col(q, 3));
			printf(",\"category\":");
			json_string(stdout, col(q, 4));
			printf(",\"urgent\":%s,\"status\":",
				sqlite3_column_int(q, 5) ? "true" : "false");
			json_string(stdout, col(q, 6));
			printf(",\"claimed_by\":");
			json_string(stdout, col(q, 7));
			printf(",\"time\":");
			json_time(stdout, sqlite3_column_int64(q, 8));
			printf(",\"conversation\":");
			json_string(stdout, col(q, 9));
		} else {
			when(sqlite3_column_int64(q, 8), t, sizeof t);
			printf("#%lld %s%s %s lang=%s topic=%s status=%s%s%s\n",
				sqlite3_column_int64(q, 0),
				sqlite3_column_int(q, 5) ? "URGENT " : "",
				col(q, 4) ? col(q, 4) : "", col(q, 1),
				col(q, 2) ? col(q, 2) : "?",
				col(q, 3) ? col(q, 3) : "?", col(q, 6),
				col(q, 7) ? " by " : "", col(q, 7) ? col(q, 7) : "");
			printf("opened %s\n\n%s\n", t, col(q, 9));
		}
	}
	sqlite3_finalize(q);
	if (!found) {
		fprintf(stderr, "yordamctl: no request %lld\n", (long long)id);
		return 1;
	}
	/* messages since the request, notes and audit */
	if (sqlite3_prepare_v2(db, "SELECT 'note', who, text, at FROM notes"
	    " WHERE request_id = ?1 UNION ALL SELECT 'audit', who,"
	    " action || coalesce(': ' || detail, ''), at FROM audit WHERE"
	    " request_id = ?1 ORDER BY 4", -1, &q, NULL) != SQLITE_OK)
		return 1;
	sqlite3_bind_int64(q, 1, id);
	if (json)
		printf(",\"log\":[");
	for (found = 0; sqlite3_step(q) == SQLITE_ROW; found++) {
		if (json) {
			printf("%s{\"kind\":", found ? "," : "");
			json_string(stdout, col(q, 0));
			printf(",\"who\":");
			json_string(stdout, col(q, 1));
			printf(",\"text\":");
			json_string(stdout, col(q, 2));
			printf(",\"time\":");
			json_time(stdout, sqlite3_column_int64(q, 3));
			printf("}");
		} else {
			when(sqlite3_column_int64(q, 3), t, sizeof t);
			printf("%s %s %s: %s\n", t, col(q, 0), col(q, 1),
				col(q, 2));
		}
	}
	if (json)
		printf("]}\n");
	sqlite3_finalize(q);
	return 0;
}

/*
 * For donors: requests per day, language, topic and category, how many
 * got a human reply and the median minutes to it.  No numbers, no texts.
 */
static int
stats(struct store *st, int csv, int json)
{
	sqlite3_stmt *q;
	const char *sep = csv ? "," : "\t";

	if (sqlite3_prepare_v2(store_db(st), "WITH r AS (SELECT date(created_at,"
	    " 'unixepoch') AS day, coalesce(lang, '?') AS lang,"
	    " coalesce(topic, '?') AS topic, coalesce(category, '-') AS cat,"
	    " CASE WHEN first_reply_at IS NULL THEN NULL ELSE"
	    " (first_reply_at - created_at) / 60 END AS wait FROM help_requests),"
	    " g AS (SELECT day, lang, topic, cat, count(*) AS n, count(wait) AS"
	    " answered FROM r GROUP BY 1, 2, 3, 4),"
	    " k AS (SELECT day, lang, topic, cat, wait, row_number() OVER"
	    " (PARTITION BY day, lang, topic, cat ORDER BY wait) AS rn,"
	    " count(*) OVER (PARTITION BY day, lang, topic, cat) AS cnt"
	    " FROM r WHERE wait IS NOT NULL)"
	    " SELECT g.day, g.lang, g.topic, g.cat, g.n, g.answered,"
	    " (SELECT wait FROM k WHERE k.day = g.day AND k.lang = g.lang AND"
	    " k.topic = g.topic AND k.cat = g.cat AND k.rn = (k.cnt + 1) / 2)"
	    " FROM g ORDER BY 1, 2, 3, 4", -1, &q, NULL) != SQLITE_OK) {
		fprintf(stderr, "yordamctl: %s\n", sqlite3_errmsg(store_db(st)));
		return 1;
	}
	if (!json)
		printf("day%slang%stopic%scategory%srequests%sanswered%s"
			"median_minutes_to_first_reply\n", sep, sep, sep, sep, sep,
			sep);
	while (sqlite3_step(q) == SQLITE_ROW)
		if (json)
			printf("{\"day\":\"%s\",\"lang\":\"%s\",\"topic\":"
				"\"%s\",\"category\":\"%s\",\"requests\":%d,"
				"\"answered\":%d,\"median_minutes_to_first_reply\":"
				"%s}\n", col(q, 0), col(q, 1), col(q, 2), col(q, 3),
				sqlite3_column_int(q, 4), sqlite3_column_int(q, 5),
				col(q, 6) ? col(q, 6) : "null");
		else
			printf("%s%s%s%s%s%s%s%s%d%s%d%s%s\n", col(q, 0), sep, col(q, 1),
			sep, col(q, 2), sep, col(q, 3), sep,
			sqlite3_column_int(q, 4), sep, sqlite3_column_int(q, 5),
			sep, col(q, 6) ? col(q, 6) : "");
	sqlite3_finalize(q);
	return 0;
}

int
ctl_desk(const struct yordam_config *cfg, const char *cmd, int argc,
		char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'c' },
		{ "as", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct { const char *name; enum desk_action act;
		int takes_text; } acts[] = {
		{ "claim", DESK_CLAIM, 0 }, { "reply", DESK_REPLY, 1 },
		{ "note", DESK_NOTE, 1 }, { "close", DESK_CLOSE, 0 },
		{ "reopen", DESK_REOPEN, 0 },
	};
	const char *as = NULL;
	int json = 0, csv = 0, opt, rc = 1;
	size_t i;
	struct store *st;
	char err[256];

	optind = 0;     /* a fresh scan: main() already used getopt */
	while ((opt = getopt_long(argc, argv, "jca:", opts, NULL)) != -1) {
		if (opt == 'j')
			json = 1;
		else if (opt == 'c')
			csv = 1;
		else if (opt == 'a')
			as = optarg;
		else
			return 2;
	}
	argc -= optind;
	argv += optind;
	st = ctl_open(cfg, 1);
	if (strcmp(cmd, "stats") == 0) {
		rc = stats(st, csv, json);
	} else if (argc < 1) {
		fprintf(stderr, "yordamctl: %s needs a request number\n", cmd);
		rc = 2;
	} else if (strcmp(cmd, "show") == 0) {
		rc = show(st, atoll(argv[0]), json);
	} else {
		for (i = 0; i < sizeof acts / sizeof acts[0]; i++) {
			char text[2048] = "";
			int a;
			if (strcmp(cmd, acts[i].name) != 0)
				continue;
			for (a = 1; acts[i].takes_text && a < argc; a++) {
				strncat(text, a > 1 ? " " : "",
					sizeof text - strlen(text) - 1);
				strncat(text, argv[a], sizeof text - strlen(text) - 1);
			}
			if (acts[i].takes_text && !text[0]) {
				fprintf(stderr, "yordamctl: %s needs a text\n", cmd);
				rc = 2;
				break;
			}
			rc = desk_act(st, acts[i].act, atoll(argv[0]), who_am_i(as),
				acts[i].takes_text ? text : NULL, clock_now(),
				err, sizeof err) == 0 ? 0 : 1;
			if (rc)
				fprintf(stderr, "yordamctl: %s\n", err);
			else if (json)
				printf("{\"id\":%lld,\"action\":\"%s\",\"ok\":true}\n",
					atoll(argv[0]), cmd);
			break;
		}
	}
	store_close(st);
	return rc;
}
