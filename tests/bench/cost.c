/*
 * cost.c - `bench cost CONTENTDIR`: what a conversation costs the NGO,
 * in SMS parts the helpline sends until the person's question is
 * resolved, replayed through engine_step() (part of `make bench`).
 *
 * Every SMS part is paid for, so the figure that matters is not the
 * parts of one answer but of the whole way to it: a language choice, a
 * menu, a short choice of topics, then the answer.  The conversations:
 *
 *  - free: every line of the held-out corpus (tests/data/heldout, real-
 *    style messages in eight scripts, never learnt from) whose label is
 *    something to reach (a node, "human", "urgent:<category>"), sent as
 *    the person's first message;
 *  - menu: a greeting in each script, then the menus, to every answer,
 *    the calculator and the person;
 *
 * and in both the person then does what the replies ask, as a careful
 * person would: the digit of their language when asked for one, the
 * digit that leads towards what they want in a menu or a short choice,
 * "00" once when they are somewhere else, the calculator's questions
 * answered (citizenship 1, an entry date, "no" to an earlier stay).  A
 * question is resolved when a reply comes from its node (the
 * calculator's: its dates), when a person is asked for (human) or when
 * the message is taken as urgent (urgent); a conversation that is not
 * resolved in eight messages is counted as such and not in the parts.
 *
 * Printed per script and kind: conversations, resolved, SMS parts per
 * resolved question (median, p90, max) and the person's own SMS
 * (median); then the home menu's parts per language and script.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/corpus_tsv.h"
#include "cost.h"
#include "yordam/content.h"
#include "yordam/engine.h"
#include "yordam/sms.h"

#define MAX_MESSAGES 8

static const char *const scripts[] = { "uz", "uz-Cyrl", "ky", "ky-Latn",
	"tg", "tg-Latn", "ru", "ru-Latn" };
#define N_SCRIPTS ((int)(sizeof scripts / sizeof scripts[0]))

/* How people in each script often open: a greeting. */
static const char *const greetings[] = { "salom", "салом", "салам",
	"salam", "салом алейкум", "salom aleykum", "здравствуйте",
	"zdravstvuyte" };

enum kind { KIND_FREE, KIND_MENU, N_KINDS };
static const char *const kind_names[] = { "free", "menu" };

/* What each (script, kind) cell collected. */
struct cell {
	int n, resolved;
	int *parts, *sent;      /* per resolved conversation */
};

static struct cell cells[N_SCRIPTS][N_KINDS];
static struct cell urgent_cell[N_SCRIPTS];

static void
add(struct cell *cl, int resolved, int parts, int sent)
{
	cl->n++;
	if (!resolved)
		return;
	cl->parts = realloc(cl->parts, (size_t)(cl->resolved + 1) *
		sizeof *cl->parts);
	cl->sent = realloc(cl->sent, (size_t)(cl->resolved + 1) *
		sizeof *cl->sent);
	if (!cl->parts || !cl->sent) {
		perror("bench cost");
		exit(1);
	}
	cl->parts[cl->resolved] = parts;
	cl->sent[cl->resolved++] = sent;
}

/* Does node k lead to node target (itself or below it)? */
static int
leads_to(const struct content *c, int k, int target, int depth)
{
	int i;

	if (k == target)
		return 1;
	if (depth > 6 || c->nodes[k].type != NODE_MENU)
		return 0;
	for (i = 0; i < c->nodes[k].n_options; i++)
		if (leads_to(c, c->nodes[k].options[i], target, depth + 1))
			return 1;
	return 0;
}

/* The node at the end of a '/'-separated path, home when empty. */
static int
node_at(const struct content *c, const char *path)
{
	const char *last = strrchr(path, '/');
	int k;

	if (!path[0])
		return c->home;
	k = content_node_index(c, last ? last + 1 : path);
	return k < 0 ? c->home : k;
}

/* The digit of the script's language in the choice of languages. */
static int
language_digit(const struct content *c, const char *script)
{
	char base[8];
	int i;

	snprintf(base, sizeof base, "%.2s", script);
	for (i = 0; i < c->n_offered; i++)
		if (strcmp(c->locales[i].code, base) == 0)
			return i + 1;
	return 1;
}

/* Has this step resolved what the person wants? */
static int
resolved(const struct content *c, const char *label, int target,
		const struct engine_result *r)
{
	int i;

	if (strcmp(label, "human") == 0)
		return r->help_requested;
	if (strncmp(label, "urgent:", 7) == 0)
		return r->urgent != NULL;
	if (target < 0)
		return 0;
	if (c->nodes[target].type == NODE_DEADLINE) {
		for (i = 0; i < r->n_replies; i++)
			if (strcmp(r->replies[i].node, "deadline") == 0 &&
			    (!r->state.pending[0] ||
			    strncmp(r->state.pending, "reminder:", 9) == 0))
				return 1;
		return r->help_requested;
	}
	if (c->nodes[target].type == NODE_HELP && r->help_requested)
		return 1;
	for (i = 0; i < r->n_replies; i++)
		if (strcmp(r->replies[i].node, c->nodes[target].id) == 0)
			return 1;
	return 0;
}

/* The digit in a short choice ("pick:a,b,c") that leads to target. */
static int
pick_digit(const struct content *c, const char *pending, int target)
{
	char ids[64], *id, *save;
	int i = 0;

	snprintf(ids, sizeof ids, "%s", strchr(pending, ':') + 1);
	for (id = strtok_r(ids, ",", &save); id;
	    id = strtok_r(NULL, ",", &save)) {
		int k = content_node_index(c, id);
		i++;
		if (k >= 0 && target >= 0 && leads_to(c, k, target, 0))
			return i;
	}
	return 0;
}

/* What the person sends next, into buf; 0 when they would give up. */
static int
next_message(const struct content *c, const char *script, int target,
		const struct engine_result *r, int *went_home, char *buf,
		size_t size)
{
	const char *pending = r->state.pending;
	int here, i, d;

	if (r->state.awaiting_language) {
		snprintf(buf, size, "%d", language_digit(c, script));
		return 1;
	}
	if (strncmp(pending, "pick:", 5) == 0 &&
	    (d = pick_digit(c, pending, target)) > 0) {
		snprintf(buf, size, "%d", d);
		return 1;
	}
	if (strcmp(pending, "nationality") == 0 ||
	    strncmp(pending, "if:", 3) == 0) {
		snprintf(buf, size, "1");
		return 1;
	}
	if (strcmp(pending, "entry_date") == 0) {
		snprintf(buf, size, "20.11");
		return 1;
	}
	if (strcmp(pending, "earlier_stay") == 0) {
		snprintf(buf, size, "2");
		return 1;
	}
	here = node_at(c, r->state.path);
	if (target >= 0 && c->nodes[here].type == NODE_MENU &&
	    strncmp(pending, "pick:", 5) != 0)
		for (i = 0; i < c->nodes[here].n_options; i++)
			if (leads_to(c, c->nodes[here].options[i], target, 0)) {
				snprintf(buf, size, "%d", i + 1);
				return 1;
			}
	if (*went_home || target < 0)
		return 0;
	*went_home = 1;
	snprintf(buf, size, "00");
	return 1;
}

/* One conversation: the first message, then as the replies ask. */
static void
converse(const struct content *c, const char *script, enum kind kind,
		const char *label, const char *first)
{
	static const struct engine_params p = { .session_timeout = 1800,
		.today = 20781, .reminder_days_before = 3 };
	static int64_t clock = 1700000000;
	struct conv_state st;
	struct engine_result r;
	char text[128];
	const char *msg = first;
	int target = -1, parts = 0, sent = 0, went_home = 0, done = 0, s, i;

	for (s = 0; s < N_SCRIPTS; s++)
		if (strcmp(scripts[s], script) == 0)
			break;
	if (strcmp(label, "human") == 0)
		target = -1;
	else if (strncmp(label, "urgent:", 7) != 0 &&
	    (target = content_node_index(c, label)) < 0)
		return;
	memset(&st, 0, sizeof st);
	st.entry_day = -1;
	clock += 100000;        /* a new person, long after the last */
	while (sent < MAX_MESSAGES) {
		engine_step(c, &p, &st, msg, clock += 60, &r);
		sent++;
		for (i = 0; i < r.n_replies; i++) {
			struct sms_measure m;
			sms_measure(r.replies[i].text, &m);
			parts += m.parts;
		}
		if ((done = resolved(c, label, target, &r)) != 0)
			break;
		st = r.state;
		if (!next_message(c, script, target, &r, &went_home, text,
		    sizeof text))
			break;
		msg = text;
	}
	add(&cells[s][kind], done, parts, sent);
	if (strncmp(label, "urgent:", 7) == 0)
		add(&urgent_cell[s], done, parts, sent);
}

/* The held-out corpus: every line with something to reach. */
struct free_arg {
	const struct content *c;
};

static void
free_line(void *arg, int script, const char *label, const char *text)
{
	struct free_arg *a = arg;

	if (strcmp(label, "greeting") != 0)
		converse(a->c, scripts[script], KIND_FREE, label, text);
}

static int
free_conversations(const struct content *c, const char *dir)
{
	char path[1024];
	struct free_arg a = { c };

	snprintf(path, sizeof path, "%s/tests/data/heldout", dir);
	return corpus_tsv_each(path, scripts, N_SCRIPTS, free_line, &a);
}

/* A greeting, then the menus, to every answer, calculator and person. */
static void
menu_conversations(const struct content *c)
{
	int s, k;

	for (s = 0; s < N_SCRIPTS; s++)
		for (k = 0; k < c->n_nodes; k++)
			if (c->nodes[k].type != NODE_MENU &&
			    leads_to(c, c->home, k, 0))
				converse(c, scripts[s], KIND_MENU,
					c->nodes[k].id, greetings[s]);
}

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void
print_cell(const char *script, const char *kind, struct cell *cl)
{
	int n = cl->resolved, i;
	double sum = 0;

	if (!cl->n)
		return;
	printf("%-8s %-7s %5d %9d", script, kind, cl->n, n);
	if (!n) {
		printf("\n");
		return;
	}
	qsort(cl->parts, (size_t)n, sizeof *cl->parts, cmp_int);
	qsort(cl->sent, (size_t)n, sizeof *cl->sent, cmp_int);
	for (i = 0; i < n; i++)
		sum += cl->parts[i];
	printf(" %7d %4d %4d %7.2f %9d\n", cl->parts[n / 2],
		cl->parts[(n * 9) / 10], cl->parts[n - 1], sum / n,
		cl->sent[n / 2]);
}

/* The whole table, then every cell's lists freed. */
static void
print_table(void)
{
	struct cell all[N_KINDS] = { { 0 } };
	int s, k, i;

	printf("cost per conversation: SMS parts the helpline sends until "
		"the question is resolved\n");
	printf("%-8s %-7s %5s %9s %7s %4s %4s %7s %9s\n", "script", "kind",
		"convs", "resolved", "median", "p90", "max", "mean",
		"person");
	for (s = 0; s < N_SCRIPTS; s++) {
		for (k = 0; k < N_KINDS; k++) {
			struct cell *cl = &cells[s][k];
			for (i = 0; i < cl->resolved; i++)
				add(&all[k], 1, cl->parts[i], cl->sent[i]);
			all[k].n += cl->n - cl->resolved;
			print_cell(scripts[s], kind_names[k], cl);
		}
		print_cell(scripts[s], "urgent", &urgent_cell[s]);
	}
	for (k = 0; k < N_KINDS; k++)
		print_cell("all", kind_names[k], &all[k]);
}

/* The home menu as sent, per language and script. */
static void
print_home(const struct content *c)
{
	int l;

	printf("home menu: ");
	for (l = 0; l < c->n_locales; l++) {
		struct sms_measure m;
		sms_measure(c->locales[l].screen[c->home], &m);
		printf("%s%s %d part%s (%d %s)", l ? ", " : "",
			c->locales[l].code, m.parts, m.parts == 1 ? "" : "s",
			m.units, m.coding == SMS_UCS2 ? "ucs2" : "gsm7");
	}
	printf("\n");
}

int
bench_cost(const struct content *c, const char *dir)
{
	if (free_conversations(c, dir) == 0) {
		fprintf(stderr, "bench: no messages in %s/tests/data/heldout\n",
			dir);
		return 1;
	}
	menu_conversations(c);
	print_table();
	print_home(c);
	return 0;
}
