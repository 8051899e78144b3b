/*
 * test_corpus.c - how well the helpline understands messages it has not
 * seen, measured on the corpus.
 *
 * Every line of corpus/<script>.tsv (the tune part: the matcher learns
 * from it) and of tests/data/heldout/<script>.tsv (the held-out part:
 * written apart, never learnt from) is sent as the first SMS of a new
 * number, as the shipped content answers it.  A message is understood
 * when it is answered in its language and script and reaches its label:
 * the answer or menu it names, the calculator (reg_calc), a person
 * (human), the main menu and nothing else (greeting), or a person as
 * urgent (urgent:<category>).  The tables, per script and per kind of
 * label, are printed for both parts; the held-out part is the measure,
 * with a floor per cell, urgent recall and greeting precision.
 */
#include <dirent.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus_tsv.h"
#include "tap.h"
#include "yordam/content.h"
#include "yordam/engine.h"

#define MAX_SCRIPTS 8
#define N_KINDS 5

static const char *const scripts[MAX_SCRIPTS] = { "ru", "ru-Latn", "uz",
	"uz-Cyrl", "ky", "ky-Latn", "tg", "tg-Latn" };
static const char *const kinds[N_KINDS] = { "topic", "calculator", "human",
	"greeting", "urgent" };

enum { K_TOPIC, K_CALC, K_HUMAN, K_GREETING, K_URGENT };

struct tally {
	int n, lang, right, both;
};

struct measure {
	struct tally script[MAX_SCRIPTS], kind[N_KINDS], all;
	int urgent_n, urgent_hit, urgent_cat;   /* recall */
	int not_urgent_n, false_urgent;         /* precision's other side */
	int calm_n, calm_urgent;        /* of them, topics not for danger */
	int greeting_answers, greeting_right;   /* greeting precision */
	int choices, choice_right;      /* a short choice, with the label */
	int missed_shown;
};

static struct content *c;
static struct yordam_config cfg;
static const struct engine_params params = { .session_timeout = 1800,
	.today = 20781, .reminder_days_before = 3 };

static void
setup(void)
{
	const char *top = getenv("top_srcdir");
	struct content_errors errs;

	test_config_placeholders(&cfg);
	if (content_load(top ? top : ".", &cfg, &c, &errs) != 0) {
		fprintf(stderr, "%s\n", errs.n ? errs.msgs[0] : "?");
		abort();
	}
}

static void
teardown(void)
{
	content_free(c);
}

static int
kind_of(const char *label)
{
	if (strncmp(label, "urgent:", 7) == 0)
		return K_URGENT;
	if (strcmp(label, "human") == 0)
		return K_HUMAN;
	if (strcmp(label, "greeting") == 0)
		return K_GREETING;
	if (strcmp(label, "reg_calc") == 0)
		return K_CALC;
	return K_TOPIC;
}

/* Did a reply come from node id, or (for a menu) from one of its options? */
static int
reached(const struct engine_result *r, const char *id)
{
	int i, j, k = content_node_index(c, id);

	for (i = 0; i < r->n_replies; i++) {
		if (strcmp(r->replies[i].node, id) == 0)
			return 1;
		if (k >= 0 && c->nodes[k].type == NODE_MENU)
			for (j = 0; j < c->nodes[k].n_options; j++)
				if (strcmp(r->replies[i].node,
				    c->nodes[c->nodes[k].options[j]].id) == 0)
					return 1;
	}
	return 0;
}

/* Is label a topic whose answer is for someone in danger (urgent on
 * the node: reaching it is urgent by design)? */
static int
urgent_node(const char *label)
{
	int k = content_node_index(c, label);

	return k >= 0 && c->nodes[k].urgent;
}

/* Is the message understood as its label says? */
static int
right(const struct engine_result *r, const char *label)
{
	switch (kind_of(label)) {
	case K_URGENT:
		return r->urgent != NULL;
	case K_HUMAN:
		return r->help_requested;
	case K_GREETING:
		return !r->help_requested && !r->urgent && r->n_replies > 0 &&
			(strcmp(r->replies[r->n_replies - 1].node, "home") == 0
			|| strcmp(r->replies[r->n_replies - 1].node,
			"language") == 0);
	case K_CALC:
		return reached(r, "deadline") || reached(r, label);
	default:
		return reached(r, label);
	}
}

static void
add(struct tally *t, int lang_ok, int ok)
{
	t->n++;
	t->lang += lang_ok;
	t->right += ok;
	t->both += lang_ok && ok;
}

static void
one_message(struct measure *m, int s, const char *label, const char *text,
		int show_misses)
{
	struct conv_state st;
	struct engine_result r;
	int lang_ok, ok, kind = kind_of(label);

	memset(&st, 0, sizeof st);
	st.entry_day = -1;
	engine_step(c, &params, &st, text, 1000000, &r);
	lang_ok = strcmp(r.state.lang, scripts[s]) == 0;
	ok = right(&r, label);
	add(&m->script[s], lang_ok, ok);
	add(&m->kind[kind], lang_ok, ok);
	add(&m->all, lang_ok, ok);
	if (kind == K_URGENT) {
		m->urgent_n++;
		m->urgent_hit += r.urgent != NULL;
		m->urgent_cat += r.urgent && strcmp(r.urgent, label + 7) == 0;
	} else {
		m->not_urgent_n++;
		m->false_urgent += r.urgent != NULL;
		if (kind != K_TOPIC || !urgent_node(label)) {
			m->calm_n++;
			m->calm_urgent += r.urgent != NULL;
		}
	}
	/* a short choice of topics instead of an answer (counted wrong
	 * above): how often, and how often the label was among them */
	if (r.n_replies && strcmp(r.replies[r.n_replies - 1].node,
	    "choice") == 0) {
		const char *p = strstr(r.state.pending, label);
		size_t n = strlen(label);
		m->choices++;
		m->choice_right += p && (p[n] == ',' || p[n] == '\0') &&
			(p[-1] == ':' || p[-1] == ',');
	}
	/* greeting precision: of the messages answered as greetings (the
	 * main menu, nothing else), how many were greetings */
	if (!r.help_requested && !r.urgent && r.n_replies == 1 &&
	    strcmp(r.replies[0].node, "home") == 0) {
		m->greeting_answers++;
		m->greeting_right += kind == K_GREETING;
	}
	if ((!ok || !lang_ok) && show_misses && m->missed_shown++ < 400)
		printf("# miss %-7s %-22s -> %-7s %-12s%s: %s\n", scripts[s],
			label, r.state.lang, r.n_replies ?
			r.replies[r.n_replies - 1].node : "-", r.urgent
			? " (urgent)" : r.help_requested ? " (human)" : "",
			text);
	fflush(stdout);         /* before Check's TAP lines */
}

struct measure_arg {
	struct measure *m;
	int show_misses;
};

static void
measure_line(void *arg, int script, const char *label, const char *text)
{
	struct measure_arg *a = arg;

	one_message(a->m, script, label, text, a->show_misses);
}

/* Each line of dir/<script>.tsv; the number of messages read. */
static int
measure_dir(const char *dir, struct measure *m, int show_misses)
{
	struct measure_arg a = { m, show_misses };

	return corpus_tsv_each(dir, scripts, MAX_SCRIPTS, measure_line, &a);
}

static int
pct(int a, int n)
{
	return n ? (a * 100 + n / 2) / n : 100;
}

static void
print_table(const char *title, const struct measure *m)
{
	int i;

	printf("# %s: %d messages; language right %d%%, label right %d%%,"
		" both %d%% (%d, %d, %d)\n", title, m->all.n,
		pct(m->all.lang, m->all.n), pct(m->all.right, m->all.n),
		pct(m->all.both, m->all.n), m->all.lang, m->all.right,
		m->all.both);
	printf("#   %-10s %5s %7s %7s %7s\n", "script", "n", "lang", "label",
		"both");
	for (i = 0; i < MAX_SCRIPTS; i++)
		printf("#   %-10s %5d %6d%% %6d%% %6d%%\n", scripts[i],
			m->script[i].n, pct(m->script[i].lang, m->script[i].n),
			pct(m->script[i].right, m->script[i].n),
			pct(m->script[i].both, m->script[i].n));
	for (i = 0; i < N_KINDS; i++)
		printf("#   %-10s %5d %6d%% %6d%% %6d%%\n", kinds[i],
			m->kind[i].n, pct(m->kind[i].lang, m->kind[i].n),
			pct(m->kind[i].right, m->kind[i].n),
			pct(m->kind[i].both, m->kind[i].n));
	printf("#   urgent recall %d%% (%d of %d; category right %d), urgent"
		" raised on %d of %d others (%d of %d calm ones, danger topics"
		" left out); greeting precision %d%% (%d of %d main-menu"
		" answers)\n", pct(m->urgent_hit, m->urgent_n),
		m->urgent_hit, m->urgent_n, m->urgent_cat, m->false_urgent,
		m->not_urgent_n, m->calm_urgent, m->calm_n, pct(m->greeting_right, m->greeting_answers),
		m->greeting_right, m->greeting_answers);
	printf("#   a short choice instead of an answer: %d (the label among"
		" them: %d)\n", m->choices, m->choice_right);
	fflush(stdout);
}

static char *
path_in(const char *sub)
{
	static char buf[2][1024];
	static int k;
	const char *top = getenv("top_srcdir");

	k ^= 1;
	snprintf(buf[k], sizeof buf[k], "%s/%s", top ? top : ".", sub);
	return buf[k];
}

/*
 * Cross-validation on the tune part, for whoever tunes the matcher's
 * weights without looking at the held-out part: the tune lines are cut
 * into n folds; each fold is measured on a content that learnt from the
 * other folds only (a copy of the content directory with the corpus
 * files filtered).  CV_FOLDS=5 runs it.  With CV_GROUPED=1 a line's fold
 * is its rank among the lines of its label in its file, not its rank in
 * the file: the tune part holds one message in several languages and
 * scripts, mostly in the same order within a label, so its translations
 * tend to fall in one fold rather than teach the fold that tests it (not
 * always: a file with one more line of the label before shifts them).
 */
/* The how-manieth line of its label this is in its file (from 0). */
static int
label_rank(const char *line, char labels[][64], int *counts, int *n_labels)
{
	const char *tab = strchr(line, '\t');
	int len = (int)(tab - line), l;

	for (l = 0; l < *n_labels; l++)
		if ((int)strlen(labels[l]) == len &&
		    strncmp(labels[l], line, (size_t)len) == 0)
			return counts[l]++;
	if (*n_labels == 512 || len >= 64)
		return 0;
	snprintf(labels[*n_labels], 64, "%.*s", len, line);
	counts[*n_labels] = 1;
	return counts[(*n_labels)++] - 1;
}

static void
copy_filtered(const char *from, const char *to, int fold, int n, int keep)
{
	FILE *in = fopen(from, "r"), *out = fopen(to, "w");
	char line[4096];
	static char labels[512][64];
	int counts[512], n_labels = 0, i = 0;
	int grouped = getenv("CV_GROUPED") != NULL;

	while (in && out && fgets(line, sizeof line, in)) {
		int at;
		if (line[0] == '#' || !strchr(line, '\t')) {
			fputs(line, out);
			continue;
		}
		at = grouped ? label_rank(line, labels, counts, &n_labels) : i;
		i++;
		if (((at % n) == fold) == keep)
			fputs(line, out);
	}
	if (in)
		fclose(in);
	if (out)
		fclose(out);
}

START_TEST(tune_part_cross_validated)
{
	const char *env = getenv("CV_FOLDS");
	const char *top = getenv("top_srcdir");
	int n = env ? atoi(env) : 0, fold, s;
	struct measure m;
	char dir[] = "/tmp/yordam-cv-XXXXXX", path[1024], src[4096];

	if (n < 2)
		return;
	memset(&m, 0, sizeof m);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	for (fold = 0; fold < n; fold++) {
		struct content *cv;
		struct content_errors errs;
		const char *sub[] = { "menus", "locales", "law" };
		size_t i;
		char cmd[4096];
		snprintf(cmd, sizeof cmd, "rm -rf %s/* && mkdir -p %s/corpus"
			" %s/test", dir, dir, dir);
		ck_assert_int_eq(system(cmd), 0);
		for (i = 0; i < 3; i++) {
			snprintf(src, sizeof src, "%s/%s", top ? top : ".",
				sub[i]);
			snprintf(path, sizeof path, "%s/%s", dir, sub[i]);
			if (src[0] != '/') {
				char cwd[512];
				ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
				ck_assert_int_lt(snprintf(cmd, sizeof cmd,
					"%s/%s", cwd, src), (int)sizeof cmd);
				snprintf(src, sizeof src, "%s", cmd);
			}
			ck_assert_int_eq(symlink(src, path), 0);
		}
		for (s = 0; s < MAX_SCRIPTS; s++) {
			snprintf(src, sizeof src, "%s/corpus/%s.tsv",
				top ? top : ".", scripts[s]);
			snprintf(path, sizeof path, "%s/corpus/%s.tsv", dir,
				scripts[s]);
			copy_filtered(src, path, fold, n, 0);
			snprintf(path, sizeof path, "%s/test/%s.tsv", dir,
				scripts[s]);
			copy_filtered(src, path, fold, n, 1);
		}
		ck_assert_int_eq(content_load(dir, &cfg, &cv, &errs), 0);
		{
			struct content *keep = c;
			c = cv;
			snprintf(path, sizeof path, "%s/test", dir);
			measure_dir(path, &m, getenv("SHOW_CV_MISSES")
				!= NULL);
			c = keep;
		}
		content_free(cv);
	}
	snprintf(path, sizeof path, "rm -rf %s", dir);
	ck_assert_int_eq(system(path), 0);
	print_table("tune part, cross-validated (each fold learnt from the"
		" others)", &m);
}
END_TEST

/*
 * The floors, per cell of the held-out table: a little under what this
 * version reaches, so a change that understands less fails.  The goal is
 * 95 % everywhere; this version is short of it (docs/understanding.md).
 */
#define FLOOR_SCRIPT 85         /* language and label, per script */
/* the label right, per kind: topic, calculator, human, greeting, urgent */
static const int floor_kind[N_KINDS] = { 88, 95, 97, 88, 98 };
#define FLOOR_ALL 89
#define FLOOR_URGENT_RECALL 97

START_TEST(tune_part)
{
	struct measure m;

	memset(&m, 0, sizeof m);
	ck_assert_int_ge(measure_dir(path_in("corpus"), &m, getenv("SHOW_TUNE_MISSES") != NULL), 400);
	print_table("tune part (corpus/, the matcher learns from it)", &m);
}
END_TEST

START_TEST(held_out_part)
{
	struct measure m;
	int i;

	/* TUNE_ONLY=1: for whoever tunes the words; they must not see it */
	if (getenv("TUNE_ONLY"))
		return;
	memset(&m, 0, sizeof m);
	ck_assert_int_ge(measure_dir(path_in("tests/data/heldout"), &m, 1),
		250);
	print_table("held-out part (tests/data/heldout/, never learnt from)",
		&m);
	for (i = 0; i < MAX_SCRIPTS; i++)
		ck_assert_msg(pct(m.script[i].both, m.script[i].n) >=
			FLOOR_SCRIPT, "%s: %d%% under the floor", scripts[i],
			pct(m.script[i].both, m.script[i].n));
	for (i = 0; i < N_KINDS; i++)
		ck_assert_msg(pct(m.kind[i].right, m.kind[i].n) >=
			floor_kind[i], "%s: %d%% under the floor", kinds[i],
			pct(m.kind[i].right, m.kind[i].n));
	ck_assert_int_ge(pct(m.all.both, m.all.n), FLOOR_ALL);
	ck_assert_int_ge(pct(m.urgent_hit, m.urgent_n), FLOOR_URGENT_RECALL);
}
END_TEST

/*
 * The blind part (tests/data/blind/): written from the list of labels
 * alone, apart from the corpus and the held-out part, and measured
 * without showing its misses, so that no one tunes on it either: the
 * figure nearest to what an outside check of unseen messages will find.
 * Its floor is a little under what this version reaches (97 %).
 */
#define FLOOR_BLIND 94

START_TEST(blind_part)
{
	struct measure m;

	if (getenv("TUNE_ONLY"))
		return;
	memset(&m, 0, sizeof m);
	ck_assert_int_ge(measure_dir(path_in("tests/data/blind"), &m, 0),
		300);
	print_table("blind part (tests/data/blind/, written from the labels"
		" alone, misses never shown)", &m);
	ck_assert_int_ge(pct(m.all.both, m.all.n), FLOOR_BLIND);
	ck_assert_int_ge(pct(m.urgent_hit, m.urgent_n), FLOOR_URGENT_RECALL);
}
END_TEST

/*
 * MEASURE_DIR=dir: lines of dir/<script>.tsv measured as unseen, with
 * their misses, for whoever writes new lines and wants to know how the
 * helpline meets them before they join the corpus.
 */
START_TEST(measure_other_dir)
{
	const char *dir = getenv("MEASURE_DIR");
	struct measure m;

	if (!dir)
		return;
	memset(&m, 0, sizeof m);
	ck_assert_int_gt(measure_dir(dir, &m, 1), 0);
	print_table(dir, &m);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("corpus");
	TCase *t = tcase_create("corpus");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 120);
	tcase_add_test(t, tune_part);
	tcase_add_test(t, tune_part_cross_validated);
	tcase_add_test(t, held_out_part);
	tcase_add_test(t, blind_part);
	tcase_add_test(t, measure_other_dir);
	suite_add_tcase(s, t);
	return run_suite(s);
}
