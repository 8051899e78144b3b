/*
 * ctl_desk.c - yordamctl's desk commands for hotline staff:
 *
 *   show ID [--json]           a request with its whole thread: the
 *                              person's messages, the robot's replies by
 *                              node, staff replies (who, delivery),
 *                              notes, audit, in the helpline's time zone
 *   claim|close|reopen ID      take it (another's only with --force),
 *                              end it, bring it back
 *   reply ID TEXT|--template NAME   an SMS to the person, from the
 *                              helpline; over max_staff_reply_parts only
 *                              with --force; --latin in GSM-7 letters
 *   note ID TEXT               a note for colleagues (never sent)
 *   stats [--csv|--json]       counts per local day for reports, with no
 *                              phone numbers
 *
 * Staff are named by --as NAME, else $SUDO_USER, else $USER: the audit
 * log records who did what.  The queue's lists are ctl_queue.c's.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "ctl.h"
#include "yordam/clock.h"
#include "yordam/config.h"
#include "yordam/desk.h"
#include "yordam/json.h"
#include "yordam/sms.h"
#include "yordam/store.h"
#include "yordam/translit.h"


static void
show_request_json(const struct desk_request *r, void *ud)
{
	(void)ud;
	printf("{\"id\":%lld,\"number\":", (long long)r->id);
	json_string(stdout, r->number);
	printf(",\"lang\":");
	json_string(stdout, r->lang);
	printf(",\"topic\":");
	json_string(stdout, r->topic);
	printf(",\"category\":");
	json_string(stdout, r->category);
	printf(",\"urgent\":%s,\"status\":", r->urgent ? "true" : "false");
	json_string(stdout, r->status);
	printf(",\"claimed_by\":");
	json_string(stdout, r->claimed_by);
	printf(",\"time\":");
	json_time(stdout, r->created_at);
	printf(",\"conversation\":");
	json_string(stdout, r->conversation);
	printf(",\"log\":[");
}

static void
show_request_text(const struct desk_request *r, void *ud)
{
	char t[32];

	(void)ud;
	ctl_local_time(r->created_at, 0, t, sizeof t);
	printf("#%lld %s", (long long)r->id, r->urgent ? "URGENT " : "");
	ctl_put(stdout, r->category, 0);
	fputs(" ", stdout);
	ctl_put(stdout, r->number, 0);
	fputs(" lang=", stdout);
	ctl_put(stdout, r->lang ? r->lang : "?", 0);
	fputs(" topic=", stdout);
	ctl_put(stdout, r->topic ? r->topic : "?", 0);
	fputs(" status=", stdout);
	ctl_put(stdout, r->status, 0);
	if (r->claimed_by) {
		fputs(" by ", stdout);
		ctl_put(stdout, r->claimed_by, 0);
	}
	printf("\nopened %s\n\n", t);
}

/* A line of the log or of the thread as JSON (the log's lines have no
 * delivery status: their field list stays as it was). */
static void
entry_json(const struct desk_thread_entry *e, int *n, int with_status)
{
	printf("%s{\"kind\":", (*n)++ ? "," : "");
	json_string(stdout, e->kind);
	printf(",\"who\":");
	json_string(stdout, e->who);
	printf(",\"text\":");
	json_string(stdout, e->text);
	if (with_status) {
		printf(",\"status\":");
		json_string(stdout, e->status);
	}
	printf(",\"time\":");
	json_time(stdout, e->at);
	printf("}");
}

static void
show_log_json(const struct desk_log_entry *e, void *ud)
{
	struct desk_thread_entry t = { e->kind, e->who, e->text, NULL, e->at };

	entry_json(&t, ud, 0);
}

/* One line of the thread: "> " the person, "< " what was sent to them
 * (a robot reply by its node, a staff reply with who and delivery). */
static void
thread_text(const struct desk_thread_entry *e, void *ud)
{
	char t[32];

	(void)ud;
	ctl_local_time(e->at, 0, t, sizeof t);
	printf("%s ", t);
	if (strcmp(e->kind, "in") == 0) {
		fputs("> ", stdout);
	} else if (strcmp(e->kind, "robot") == 0) {
		fputs("< [", stdout);
		ctl_put(stdout, e->text, 0);
		printf("]%s%s%s\n", e->status && strcmp(e->status, "sent") ?
			" (" : "", e->status && strcmp(e->status, "sent") ?
			e->status : "", e->status && strcmp(e->status, "sent") ?
			")" : "");
		return;
	} else if (strcmp(e->kind, "staff") == 0) {
		fputs("< ", stdout);
		ctl_put(stdout, e->who ? e->who : "staff", 0);
		fputs(": ", stdout);
	} else {
		ctl_put(stdout, e->kind, 0);
		fputs(" ", stdout);
		ctl_put(stdout, e->who, 0);
		fputs(": ", stdout);
	}
	ctl_put(stdout, e->text, 0);       /* one line per entry */
	if (strcmp(e->kind, "staff") == 0)
		printf(" (%s)", e->status ? e->status : "?");
	fputs("\n", stdout);
}

static void
thread_json(const struct desk_thread_entry *e, void *ud)
{
	entry_json(e, ud, 1);
}

/* The snapshot kept with a request: all that is left of its messages
 * once they were purged (retention) or never threaded (older versions). */
static void
print_snapshot(const struct desk_request *r, void *ud)
{
	(void)ud;
	printf("(messages no longer kept; as recorded with the request:)\n");
	ctl_put(stdout, r->conversation, CTL_LINES);   /* lines by design */
	fputs("\n", stdout);
}

/* A request with its whole thread: messages, notes and audit in time
 * order, in the helpline's time zone. */
static int
show(struct store *st, int64_t id, int json)
{
	int n = 0, rc;

	rc = desk_show(st, id, json ? show_request_json : show_request_text,
		json ? show_log_json : NULL, &n);
	if (rc != 1)
		goto fail;
	if (json)
		printf("],\"thread\":[");
	n = 0;
	if ((rc = desk_thread(st, id, json ? thread_json : thread_text, &n))
	    < 0)
		goto fail;
	if (json)
		printf("]}\n");
	else if (rc == 0 && desk_show(st, id, print_snapshot, NULL, NULL) != 1)
		goto fail;
	return 0;
fail:
	fprintf(stderr, "yordamctl: %s\n", store_error(st));
	return 1;
}

struct stats_out {
	int csv, json;
};

static void
stats_row(const struct desk_stats_row *r, void *ud)
{
	const struct stats_out *o = ud;
	const char *sep = o->csv ? "," : "\t";
	char median[16] = "", shut[16] = "";

	if (r->median_minutes >= 0)
		snprintf(median, sizeof median, "%d", r->median_minutes);
	if (r->median_close_minutes >= 0)
		snprintf(shut, sizeof shut, "%d", r->median_close_minutes);
	if (o->json) {
		printf("{\"day\":");
		json_string(stdout, r->day);
		printf(",\"lang\":");
		json_string(stdout, r->lang);
		printf(",\"topic\":");
		json_string(stdout, r->topic);
		printf(",\"category\":");
		json_string(stdout, r->category);
		printf(",\"requests\":%d,\"answered\":%d,"
			"\"median_minutes_to_first_reply\":%s,"
			"\"median_minutes_to_close\":%s}\n", r->requests,
			r->answered, median[0] ? median : "null", shut[0] ? shut
			: "null");
	} else
		printf("%s%s%s%s%s%s%s%s%d%s%d%s%s%s%s\n", r->day, sep, r->lang,
			sep, r->topic, sep, r->category, sep, r->requests, sep,
			r->answered, sep, median, sep, shut);
}

/*
 * For donors: requests per local day, language, topic and category, how
 * many got a human reply, the median minutes to it and to the close.  No
 * numbers, no texts.
 */
static int
stats(struct store *st, int csv, int json)
{
	struct stats_out o = { csv, json };
	const char *sep = csv ? "," : "\t";

	if (!json)
		printf("day%slang%stopic%scategory%srequests%sanswered%s"
			"median_minutes_to_first_reply%smedian_minutes_to_close\n",
			sep, sep, sep, sep, sep, sep, sep);
	if (desk_stats(st, stats_row, &o) != 0) {
		fprintf(stderr, "yordamctl: %s\n", store_error(st));
		return 1;
	}
	return 0;
}

/* Who has request id claimed ("" if nobody; NULL if no such request). */
struct claimant {
	char who[128];
	int found;
};

static void
note_claimant(const struct desk_request *r, void *ud)
{
	struct claimant *c = ud;

	c->found = 1;
	snprintf(c->who, sizeof c->who, "%s", r->claimed_by &&
		strcmp(r->status, "claimed") == 0 ? r->claimed_by : "");
}

static const char *
claimed_by(struct store *st, int64_t id, struct claimant *c)
{
	memset(c, 0, sizeof *c);
	if (desk_show(st, id, note_claimant, NULL, c) != 1 || !c->found)
		return NULL;
	return c->who;
}

/* A reply to a request someone else has claimed goes out, with a
 * warning (claims themselves are the store's rule: desk_act_in()). */
static void
reply_warns(struct store *st, long long id, const char *me)
{
	struct claimant cl;
	const char *owner = claimed_by(st, id, &cl);

	if (!owner || !*owner || strcmp(owner, me) == 0)
		return;
	fprintf(stderr, "yordamctl: warning: #%lld is claimed by ", id);
	ctl_put(stderr, owner, 0);
	fputs("\n", stderr);
}

/* The language of request id into lang ("" if unknown). */
static void
lang_of(const struct desk_request *r, void *ud)
{
	snprintf(ud, 16, "%s", r->lang ? r->lang : "");
}

/*
 * Replies that fit: a staff reply says its SMS parts and coding before it
 * is queued; over max_staff_reply_parts it needs --force (a long Cyrillic
 * reply is 6 paid parts, and a basic phone may show them out of order);
 * when Latin letters would save parts it says so, and --latin sends it
 * so.  0 when refused (said why); text may be replaced by its Latin form.
 */
static int
reply_fits(const struct yordam_config *cfg, struct store *st, long long id,
		char *text, size_t n, int force, int latin, FILE *out)
{
	char lang[16] = "";
	struct sms_measure m, ml;
	char *lat;

	if (sms_measure(text, &m) != 0) {
		fprintf(stderr, "yordamctl: the reply is not valid UTF-8\n");
		return 0;
	}
	desk_show(st, id, lang_of, NULL, lang);
	lat = m.coding == SMS_UCS2 ? translit_cyrillic_to_latin(text, lang)
		: NULL;
	/* asked for, a GSM-7 form is sent; offered only when it saves */
	if (lat && (sms_measure(lat, &ml) != 0 || ml.coding == SMS_UCS2 ||
	    (!latin && ml.parts >= m.parts))) {
		free(lat);
		lat = NULL;
	}
	if (latin && !lat && m.coding == SMS_UCS2)
		fprintf(out, "#%lld: no Latin-letters form of this reply fits"
			" GSM-7; it goes as written\n", id);
	if (lat && !latin)
		fprintf(out, "#%lld: in Latin letters this reply is %d SMS"
			" part%s instead of %d: --latin sends it so\n", id,
			ml.parts, ml.parts == 1 ? "" : "s", m.parts);
	if (latin && lat) {
		snprintf(text, n, "%s", lat);
		m = ml;
	}
	free(lat);
	if (m.parts > cfg->max_staff_reply_parts && !force) {
		uint8_t c[8] = { 0 };
		fprintf(stderr, "yordamctl: #%lld: not sent: %d SMS parts (%s",
			id, m.parts, sms_coding_name(m.coding));
		if (m.coding == SMS_UCS2 && m.forced_by &&
		    u8_uctomb(c, m.forced_by, 6) > 0)
			fprintf(stderr, ", because of \"%s\"", c);
		fprintf(stderr, ") is more than %d (max_staff_reply_parts);"
			" shorten it, or send it anyway with --force\n",
			cfg->max_staff_reply_parts);
		return 0;
	}
	return 1;
}

/* A request number as typed: digits only, above 0; else 0. */
static long long
request_number(const char *s)
{
	char *end;
	long long v;

	if (!s || *s < '0' || *s > '9')
		return 0;
	v = strtoll(s, &end, 10);
	return *end ? 0 : v;
}

/* What a command did, said: "#12 claimed by aigerim"; a reply with its
 * SMS parts and coding. */
static void
say_done(long long id, const char *done, const char *who, const char *text,
		int is_reply)
{
	struct sms_measure m;

	printf("#%lld %s ", id, done);
	ctl_put(stdout, who, 0);
	if (is_reply && sms_measure(text, &m) == 0)
		printf(" (%d SMS part%s, %s)", m.parts, m.parts == 1 ? "" : "s",
			sms_coding_name(m.coding));
	fputs("\n", stdout);
}

/* What a desk command was given. */
struct desk_args {
	int json, csv, force, latin;
	const char *as;
	const char *template_name;      /* reply --template NAME */
	const char *lang;               /* ... in this language, not theirs */
};

/*
 * A canned reply (the content's `replies`) in the person's language, its
 * placeholders filled: "reply 12 --template call_back".  --lang picks
 * another.  0 and text set, or -1 (said why: what names exist).
 */
static int
template_text(const struct yordam_config *cfg, struct store *st,
		long long id, const struct desk_args *o, char *text, size_t n)
{
	struct content *c = ctl_load_content(cfg);
	const char *const *names;
	const struct locale *loc;
	char lang[16] = "";
	const char *t;
	int k, count, rc = -1;

	if (!c)
		return -1;
	if (o->lang)
		snprintf(lang, sizeof lang, "%s", o->lang);
	else
		desk_show(st, id, lang_of, NULL, lang);
	if (!(loc = content_locale(c, lang))) {
		fprintf(stderr, "yordamctl: #%lld: %s; say which with --lang"
			" (ru, uz, uz-Cyrl, ky, tg, ...)\n", id, lang[0] ?
			"no texts in the person's language" :
			"the person's language is not known");
	} else if (!(t = content_reply(loc, o->template_name))) {
		fprintf(stderr, "yordamctl: no reply template '%s'; there are:",
			o->template_name);
		count = content_reply_names(c, &names);
		for (k = 0; k < count; k++)
			fprintf(stderr, " %s", names[k]);
		fputs("\n", stderr);
	} else {
		snprintf(text, n, "%s", t);
		rc = 0;
	}
	content_free(c);
	return rc;
}

/* claim, reply, note, close or reopen request id, said when done. */
static int
act(const struct yordam_config *cfg, struct store *st, const char *cmd,
		long long id, int argc, char **argv, const struct desk_args *o)
{
	static const struct { const char *name; enum desk_action act;
		int takes_text; const char *done; } acts[] = {
		{ "claim", DESK_CLAIM, 0, "claimed by" },
		{ "reply", DESK_REPLY, 1, "reply queued to the person by" },
		{ "note", DESK_NOTE, 1, "note added by" },
		{ "close", DESK_CLOSE, 0, "closed by" },
		{ "reopen", DESK_REOPEN, 0, "reopened by" },
	};
	const char *me = ctl_who_am_i(o->as);
	char text[2048] = "";
	size_t i;

	for (i = 0; strcmp(cmd, acts[i].name) != 0; i++)
		if (i + 1 == sizeof acts / sizeof acts[0])
			return 2;
	if (acts[i].takes_text)
		ctl_join_args(argc - 1, argv + 1, text, sizeof text);
	if (o->template_name && (acts[i].act != DESK_REPLY || text[0])) {
		fprintf(stderr, "yordamctl: --template goes with reply, in"
			" place of a text\n");
		return 2;
	}
	if (o->template_name && template_text(cfg, st, id, o, text,
	    sizeof text) != 0)
		return 1;
	if (acts[i].takes_text && !text[0]) {
		fprintf(stderr, "yordamctl: %s needs a text\n", cmd);
		return 2;
	}
	if (acts[i].act == DESK_REPLY) {
		reply_warns(st, id, me);
		if (!reply_fits(cfg, st, id, text, sizeof text, o->force,
		    o->latin, o->json ? stderr : stdout))
			return 1;
	}
	/* claim --force takes another's claim over (audited) */
	if (desk_act(st, acts[i].act == DESK_CLAIM && o->force ? DESK_TAKE :
	    acts[i].act, id, me, acts[i].takes_text ? text : NULL,
	    clock_now()) != 0) {
		fprintf(stderr, "yordamctl: %s\n", store_error(st));
		return 1;
	}
	if (o->json)
		printf("{\"id\":%lld,\"action\":\"%s\",\"ok\":true}\n", id, cmd);
	else
		say_done(id, acts[i].done, me, text, acts[i].act == DESK_REPLY);
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
		{ "force", no_argument, NULL, 'f' },
		{ "latin", no_argument, NULL, 'L' },
		{ "template", required_argument, NULL, 't' },
		{ "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	struct desk_args o = { 0 };
	int opt, rc;
	struct store *st;

	optind = 0;     /* a fresh scan: main() already used getopt */
	while ((opt = getopt_long(argc, argv, "jca:fLt:l:", opts, NULL))
	    != -1) {
		switch (opt) {
		case 'j': o.json = 1; break;
		case 'c': o.csv = 1; break;
		case 'a': o.as = optarg; break;
		case 'f': o.force = 1; break;
		case 'L': o.latin = 1; break;
		case 't': o.template_name = optarg; break;
		case 'l': o.lang = optarg; break;
		default: return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (strcmp(cmd, "stats") != 0 && argc >= 1 &&
	    request_number(argv[0]) <= 0) {
		fprintf(stderr, "yordamctl: '%s' is not a request number (the"
			" #NUMBER that yordamctl queue lists)\n", argv[0]);
		return 1;
	}
	if (strcmp(cmd, "stats") != 0 && argc < 1) {
		fprintf(stderr, "yordamctl: %s needs a request number\n", cmd);
		return 2;
	}
	/* stats and show only read: opened read-only, as queue is (an open
	 * for writing checks the whole file first, 1.7 s on a year of
	 * history: docs/performance.md, "Growth"). */
	st = ctl_open(cfg, strcmp(cmd, "stats") != 0 && strcmp(cmd, "show")
		!= 0);
	if (strcmp(cmd, "stats") == 0)
		rc = stats(st, o.csv, o.json);
	else if (strcmp(cmd, "show") == 0)
		rc = show(st, request_number(argv[0]), o.json);
	else
		rc = act(cfg, st, cmd, request_number(argv[0]), argc, argv, &o);
	store_close(st);
	return rc;
}
