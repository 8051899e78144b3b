/*
 * bench.c - the in-process measurements of `make bench`:
 *
 *   bench engine CONTENTDIR N     engine-only latency (median, p99) over N
 *                                 messages of the held-out corpus
 *   bench load N                  content load time for a generated tree
 *                                 of N nodes in four languages
 *   bench parts CONTENTDIR        SMS parts per answer, mean and max per
 *                                 language, over the shipped content
 *   bench cost CONTENTDIR         SMS parts per resolved question over
 *                                 replayed conversations (cost.c)
 *   bench fill DIR N              put N one-part SMS from N numbers into
 *                                 a dummy phone's inbox (for the path test),
 *                                 waiting for room when it holds 9,999
 *   bench history DB M NUMBERS REQUESTS   write a year of traffic (about
 *                                 M messages) into DB through the store's
 *                                 API (history.c), ending now
 *   bench queries DB              time what the desk, yordamctl and the
 *                                 console ask of DB, the hot per-SMS
 *                                 lookups and one retention purge batch
 *                                 (rolled back)
 *
 * Times come from clock_gettime(CLOCK_MONOTONIC) around the measured call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../unit/corpus_tsv.h"
#include "cost.h"
#include "history.h"
#include "yordam/config.h"
#include "yordam/desk.h"
#include "yordam/store.h"
#include "yordam/content.h"
#include "yordam/dummyphone.h"
#include "yordam/engine.h"
#include "yordam/sms.h"

/* The messages timed: the held-out corpus (real-style, never learnt
 * from), read from CONTENTDIR/tests/data/heldout. */
static char **cases;
static int n_cases;

static void
add_case(void *arg, int script, const char *label, const char *text)
{
	char **grown = realloc(cases, (size_t)(n_cases + 1) * sizeof *cases);

	(void)arg;
	(void)script;
	(void)label;
	if (grown) {
		cases = grown;
		cases[n_cases++] = strdup(text);
	}
}

static void
read_cases(const char *dir)
{
	static const char *const scripts[] = { "ru", "ru-Latn", "uz",
		"uz-Cyrl", "ky", "ky-Latn", "tg", "tg-Latn" };
	char path[1024];

	snprintf(path, sizeof path, "%s/tests/data/heldout", dir);
	corpus_tsv_each(path, scripts, 8, add_case, NULL);
	if (!n_cases) {
		fprintf(stderr, "bench: no messages in %s/tests/data/heldout\n",
			dir);
		exit(1);
	}
}

static double
now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void
placeholders(struct yordam_config *cfg)
{
	static char *names[] = { "hotline", "emergency", "shelter", "lawyer",
		"consulate_uz", "consulate_kg", "consulate_tj", "office" };
	int i;

	memset(cfg, 0, sizeof *cfg);
	for (i = 0; i < 8; i++) {
		cfg->placeholders[i].name = names[i];
		cfg->placeholders[i].value = strcmp(names[i], "emergency") == 0
			? "112" : "+77000000000";
	}
	cfg->n_placeholders = 8;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static struct content *
load(const char *dir)
{
	struct yordam_config cfg;
	struct content *c;
	struct content_errors errs;

	placeholders(&cfg);
	if (content_load(dir, &cfg, &c, &errs) != 0) {
		fprintf(stderr, "%s\n", errs.n ? errs.msgs[0] : "content?");
		exit(1);
	}
	return c;
}

static int
bench_engine(const char *dir, int n)
{
	struct content *c = load(dir);
	struct engine_params p = { .session_timeout = 1800, .today = 20781,
		.reminder_days_before = 3 };

	read_cases(dir);
	double *t = malloc((size_t)n * sizeof *t), total = 0;
	int i;

	for (i = 0; i < n; i++) {
		struct conv_state st;
		struct engine_result r;
		double t0;
		memset(&st, 0, sizeof st);
		st.entry_day = -1;
		t0 = now_us();
		engine_step(c, &p, &st, cases[i % n_cases], 1000 + i, &r);
		t[i] = now_us() - t0;
		total += t[i];
	}
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	printf("engine: %d messages, median %.1f us, p99 %.1f us, mean %.1f us\n",
		n, t[n / 2], t[n * 99 / 100], total / n);
	free(t);
	content_free(c);
	return 0;
}

/*
 * A tree of n nodes, nine options a menu.  Three digits reach at most
 * 1 + 9 + 81 + 729 nodes, so a 2,000-node tree breaks the depth rule:
 * the load still parses, links, checks, derives the script variants and
 * renders every screen in every language (depth errors stop none of it),
 * then reports those errors; that whole work is what is timed.
 */
static int
bench_load(int n)
{
	static const char *langs[] = { "uz", "ky", "tg", "ru" };
	char dir[] = "/tmp/yordam-bench-XXXXXX", path[256];
	struct yordam_config cfg;
	struct content_errors errs;
	FILE *m, *l[4];
	double t0, t1;
	struct content *c = NULL;
	int i, k, width = 9, rc;

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/menus", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/locales", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/menus/main.conf", dir);
	m = fopen(path, "w");
	for (k = 0; k < 4; k++) {
		snprintf(path, sizeof path, "%s/locales/%s.conf", dir, langs[k]);
		l[k] = fopen(path, "w");
		fprintf(l[k], "language = \"%s\"; name = \"L%d\"; order = %d;\n"
			"texts = {\n  home = { text = \"Home\"; };\n", langs[k], k,
			k + 1);
	}
	fprintf(m, "nodes = (\n");
	for (i = 0; i < n; i++) {
		int first = i * width + 1, j;
		char id[16];
		snprintf(id, sizeof id, i ? "n%d" : "home", i);
		if (first < n) {
			fprintf(m, "%s  { id = \"%s\"; type = \"menu\"; options = [",
				i ? ",\n" : "", id);
			for (j = first; j < first + width && j < n; j++)
				fprintf(m, "%s\"n%d\"", j > first ? ", " : "", j);
			fprintf(m, "]; }");
		} else {
			fprintf(m, ",\n  { id = \"%s\"; type = \"answer\"; source ="
				" \"bench\"; reviewed = \"2026-11-24\"; status ="
				" \"confirmed\"; }", id);
		}
		for (k = 0; k < 4 && i; k++)
			fprintf(l[k], "  n%d = { label = \"Topic %d\"; text ="
				" \"Answer %d, short and plain, as an SMS.\";"
				" keywords = [\"word%d\"]; };\n", i, i, i, i);
	}
	fprintf(m, "\n);\n");
	fclose(m);
	for (k = 0; k < 4; k++) {
		fprintf(l[k], "};\nsystem = { hint = \"h\"; help_queued = \"q\";"
			" check_hotline = \"c\"; language_set = \"s\";"
			" urgent_reply = \"u\"; stopped = \"s\"; started = \"s\";"
			" deleted = \"d\"; ask_nationality = \"a\"; ask_date = \"a\";"
			" bad_date = \"b\"; date_again = \"d\"; deadline_result ="
			" \"r\"; deadline_result_window = \"r\"; reminder_offer ="
			" \"o\"; no_rule = \"n\"; reminder_set = \"s\"; reminder ="
			" \"r\"; };\nurgent = { x = [\"zz%d\"]; };\n"
			"help_words = [\"help%d\"]; language_words = [\"lang%d\"];\n"
			"stop_words = [\"stop\"]; start_words = [\"start\"];"
			" delete_words = [\"delete\"];\n", k, k, k);
		fclose(l[k]);
	}
	placeholders(&cfg);
	t0 = now_us();
	rc = content_load(dir, &cfg, &c, &errs);
	t1 = now_us();
	if (rc == 0)
		printf("content load: %d nodes x 4 languages in %.1f ms (valid)\n",
			n, (t1 - t0) / 1000);
	else
		printf("content load: %d nodes x 4 languages in %.1f ms (all"
			" checked and rendered; %d nodes deeper than 3 digits,"
			" reported)\n", n, (t1 - t0) / 1000, errs.n);
	if (rc == 0)
		content_free(c);
	else
		content_errors_free(&errs);
	snprintf(path, sizeof path, "rm -rf %s", dir);
	return system(path) != 0;
}

static int
bench_parts(const char *dir)
{
	struct content *c = load(dir);
	int l, i;

	for (l = 0; l < c->n_locales; l++) {
		int n = 0, sum = 0, max = 0;
		for (i = 0; i < c->n_nodes; i++) {
			struct sms_measure m;
			if (c->nodes[i].type != NODE_ANSWER)
				continue;
			sms_measure(c->locales[l].screen[i], &m);
			sum += m.parts;
			max = m.parts > max ? m.parts : max;
			n++;
		}
		printf("parts per answer, %-7s: mean %.2f, max %d (%d answers)\n",
			c->locales[l].code, n ? (double)sum / n : 0, max, n);
	}
	content_free(c);
	return 0;
}

static int
bench_fill(const char *dir, int n)
{
	char number[32], err[256];
	int i;

	for (i = 0; i < n; i++) {
		struct dummy_sms sms = { number, "salom", 1700000000 + i, -1, 0 };
		snprintf(number, sizeof number, "+7701%07d", i);
		/* A dummy inbox holds 9,999 SMS: wait for room, as a SIM
		 * that the gateway empties. */
		while (dummyphone_deliver(dir, &sms, err, sizeof err) < 0) {
			struct timespec ts = { 0, 10000000 };
			if (!strstr(err, "full")) {
				fprintf(stderr, "%s\n", err);
				return 1;
			}
			nanosleep(&ts, NULL);
		}
	}
	return 0;
}

static int
bench_history(const char *db, long m, int numbers, int requests)
{
	struct history_params p = { m, numbers, requests, 365,
		(int64_t)time(NULL), 2311, 1 };
	struct history_counts c;
	struct store *st;
	char err[1024];
	double t0;

	if (store_open(db, &st, err, sizeof err) != 0) {
		fprintf(stderr, "bench history: %s\n", err);
		return 1;
	}
	t0 = now_us();
	if (history_build(st, &p, &c, err, sizeof err) != 0) {
		fprintf(stderr, "bench history: %s\n", err);
		store_close(st);
		return 1;
	}
	printf("history: %ld messages (%ld in, %ld out; %ld in several parts),"
		" %d numbers, %ld requests (%ld alerts, %ld staff notes),"
		" %ld messages threaded, %ld reminders, %ld flagged as not"
		" understood; built in %.1f s\n", c.in + c.out, c.in, c.out,
		c.multipart, numbers, c.requests, c.alerts, c.notes, c.threaded,
		c.reminders, c.unmatched, (now_us() - t0) / 1e6);
	store_close(st);
	return 0;
}

static void row_count(const void *r, void *ud) { (void)r; ++*(int *)ud; }
static void msg_count(const struct message_row *r, void *ud)
{ row_count(r, ud); }
static void req_count(const struct desk_request *r, void *ud)
{ row_count(r, ud); }
static void thread_count(const struct desk_thread_entry *e, void *ud)
{ row_count(e, ud); }
static void stats_count(const struct desk_stats_row *r, void *ud)
{ row_count(r, ud); }
static void unmatched_count(const struct unmatched_row *u, void *ud)
{ row_count(u, ud); }

/* The highest request id listed. */
static void
newest_id(const struct desk_request *r, void *ud)
{
	int64_t *id = ud;

	if (r->id > *id)
		*id = r->id;
}

/* One query timed: the first call (the pages it needs may not be in
 * SQLite's cache yet) and the best of three more. */
#define TIME(label, call) do { \
	double t_first, t_best = 1e18, t_; int n_ = 0, k_, rc_; \
	t_ = now_us(); rc_ = (call); t_first = now_us() - t_; \
	for (k_ = 0; k_ < 3; k_++) { n_ = 0; t_ = now_us(); (void)(call); \
		t_ = now_us() - t_; t_best = t_ < t_best ? t_ : t_best; } \
	printf("  %-44s %9.2f ms %9.2f ms %7d%s\n", label, t_first / 1000, \
		t_best / 1000, n_, rc_ < 0 ? "  (failed)" : \
		t_best > 100000 ? "  OVER 100 ms" : ""); \
} while (0)

static int
bench_queries(const char *db)
{
	struct desk_filter newest = { .all = 1 },
		open_ = { 0 }, all50 = { .all = 1, .limit = 50 },
		urgent = { .urgent_only = 1 }, ru = { .lang = "ru" },
		num = { .all = 1, .number = "0012345" },
		search = { .all = 1, .search = "pasport", .limit = 50 };
	struct store_status ss;
	struct conv_state cs;
	struct desk_conversation dc;
	struct store *st;
	char err[1024];
	int64_t now = (int64_t)time(NULL), id = 0;
	int h, d, a, b, purged = 0;
	double t0;

	/* Read-only first, as yordamctl and the console open it: a
	 * read-write open runs quick_check, which reads the whole file (and
	 * so brings it into the page cache). */
	if (store_open_readonly(db, &st, err, sizeof err) != 0) {
		fprintf(stderr, "bench queries: %s\n", err);
		return 1;
	}
	/* The thread timed: of a request from the middle of the year (ids
	 * run with time: the newest halved). */
	desk_list_filtered(st, &newest, newest_id, &id);
	printf("  %-44s %12s %12s %7s\n", "query", "first", "best of 3",
		"rows");
	TIME("queue: open and claimed (console, yordamctl)",
		desk_list_filtered(st, &open_, req_count, &n_));
	TIME("queue: all, newest 50", desk_list_filtered(st, &all50,
		req_count, &n_));
	TIME("queue: urgent only", desk_list_filtered(st, &urgent,
		req_count, &n_));
	TIME("queue: language ru", desk_list_filtered(st, &ru, req_count,
		&n_));
	TIME("queue: a number's requests", desk_list_filtered(st, &num,
		req_count, &n_));
	TIME("search \"pasport\" (console, yordamctl)",
		desk_list_filtered(st, &search, req_count, &n_));
	TIME("thread of a request (console, show)", desk_thread(st, id / 2 +
		1, thread_count, &n_));
	TIME("show a request", desk_show(st, id / 2 + 1, req_count, NULL,
		&n_));
	TIME("statistics (console, yordamctl stats)", desk_stats(st,
		stats_count, &n_));
	TIME("status (console, yordamctl status)", store_status(st, &ss));
	TIME("log, newest 100 (yordamctl log)", store_list_messages(st, 100,
		msg_count, &n_));
	TIME("unmatched (yordamctl unmatched)", store_list_unmatched(st, 0,
		unmatched_count, &n_));
	TIME("per SMS: replies sent to a number",
		store_count_sent(st, "+77010000001", now, &h, &d));
	TIME("per SMS: a number's recent messages", store_recent_inbound(st,
		"+77010000001", now - 86400, now, &a, &b));
	TIME("per SMS: in a conversation with staff?",
		desk_conversation_of(st, "+77010000001", &dc));
	TIME("per SMS: session", store_load_state(st, "+77010000001", &cs));
	TIME("per SMS: last reply id", (int)store_last_outbound_id(st,
		"+77010000001"));
	store_close(st);
	t0 = now_us();
	if (store_open(db, &st, err, sizeof err) != 0) {
		fprintf(stderr, "bench queries: %s\n", err);
		return 1;
	}
	printf("  %-44s %9.2f ms   (quick_check: the whole file read)\n",
		"open for writing, as yordamd starts", (now_us() - t0) / 1000);
	if (store_begin(st) == 0) {
		t0 = now_us();
		purged = store_purge(st, now - 90 * 86400, 500);
		printf("  %-44s %9.2f ms %12s %7d (rolled back)\n",
			"retention purge: one batch, 90 days", (now_us() - t0)
			/ 1000, "", purged);
		store_rollback(st);
	}
	if (store_begin(st) == 0) {
		int rc;
		t0 = now_us();
		rc = store_erase_number(st, "+77010000001");
		printf("  %-44s %9.2f ms %12s %7s (rolled back)%s\n",
			"erase one number", (now_us() - t0) / 1000, "", "",
			rc != 0 ? "  (failed)" : "");
		store_rollback(st);
	}
	store_close(st);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc >= 4 && strcmp(argv[1], "engine") == 0)
		return bench_engine(argv[2], atoi(argv[3]));
	if (argc >= 3 && strcmp(argv[1], "load") == 0)
		return bench_load(atoi(argv[2]));
	if (argc >= 3 && strcmp(argv[1], "parts") == 0)
		return bench_parts(argv[2]);
	if (argc >= 3 && strcmp(argv[1], "cost") == 0) {
		struct content *c = load(argv[2]);
		int rc = bench_cost(c, argv[2]);
		content_free(c);
		return rc;
	}
	if (argc >= 4 && strcmp(argv[1], "fill") == 0)
		return bench_fill(argv[2], atoi(argv[3]));
	if (argc >= 6 && strcmp(argv[1], "history") == 0)
		return bench_history(argv[2], atol(argv[3]), atoi(argv[4]),
			atoi(argv[5]));
	if (argc >= 3 && strcmp(argv[1], "queries") == 0)
		return bench_queries(argv[2]);
	fprintf(stderr, "usage: bench engine DIR N | load N | parts DIR |"
		" cost DIR | fill DIR N | history DB M NUMBERS REQUESTS |"
		" queries DB\n");
	return 2;
}
