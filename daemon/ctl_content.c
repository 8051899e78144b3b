/*
 * ctl_content.c - yordamctl's content commands, for authors and lawyers:
 *
 *   content review [--json] [--lang L] [--status S]   what a lawyer
 *                              or a native speaker must still read, with
 *                              the texts (answers, law rules, canned
 *                              replies); --status to-verify, unreviewed,
 *                              reviewed or all picks the texts shown,
 *                              each with the Russian it was translated
 *                              from and who reviewed it
 *   content export|import|reviewed   ctl_translate.c and ctl_apply.c
 *   content map [--lang L] [--format dot|html]   the tree, to print
 *   content history|diff|rollback   the versions loaded (ctl_history.c)
 *
 * Kept apart from yordamctl.c so that file stays small; content texts are
 * printed through ctl_escape.c like every text output.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "yordam/content.h"
#include "yordam/content_source.h"
#include "yordam/json.h"
#include "yordam/sms.h"

/* Has anyone reviewed node k's text in locale loc? */
static int
reviewed_in(const struct locale *loc, int k)
{
	return loc->reviewed_by && loc->reviewed_by[k];
}

/*
 * Does --status show a text reviewed or not, of an answer to verify or
 * not?  NULL, the default, shows every text of what is listed.
 */
static int
status_shows(const char *status, int reviewed, int to_verify)
{
	if (!status || strcmp(status, "all") == 0)
		return 1;
	if (strcmp(status, "to-verify") == 0)
		return to_verify;
	if (strcmp(status, "reviewed") == 0)
		return reviewed;
	return !reviewed;
}

/* The text of node k the others were translated from (Russian). */
static const char *
source_text(const struct content *c, int k)
{
	const struct locale *ru = content_locale(c, "ru");

	return ru ? ru->text[k] : c->locales[0].text[k];
}

/* Is node k listed: by default when its facts are to verify or a
 * language lacks a review; with --status when a text of it is shown. */
static int
node_listed(const struct content *c, int k, const char *only,
		const char *status)
{
	int l;

	for (l = 0; l < c->n_offered; l++)
		if ((!only || strcmp(only, c->locales[l].code) == 0) &&
		    (status ? status_shows(status, reviewed_in(&c->locales[l],
		    k), c->nodes[k].to_verify) : !reviewed_in(&c->locales[l],
		    k) || c->nodes[k].to_verify))
			return 1;
	return 0;
}

static void
review_node_json(const struct content *c, int k, const char *only,
		const char *status)
{
	const struct content_node *n = &c->nodes[k];
	int l, first = 1;

	printf("{\"node\":");
	json_string(stdout, n->id);
	printf(",\"status\":\"%s\",\"source\":", n->to_verify ? "to verify"
		: "confirmed");
	json_string(stdout, n->source);
	printf(",\"reviewed\":");
	json_string(stdout, n->reviewed);
	printf(",\"file\":");
	json_string(stdout, n->file);
	printf(",\"line\":%d,\"verify\":", n->line);
	if (n->verify)
		json_string(stdout, n->verify);
	else
		fputs("null", stdout);
	printf(",\"urgent\":%s,\"unreviewed\":[", n->urgent ? "true"
		: "false");
	for (l = 0; l < c->n_offered; l++)
		if ((!only || strcmp(only, c->locales[l].code) == 0) &&
		    !reviewed_in(&c->locales[l], k)) {
			printf("%s", first ? "" : ",");
			json_string(stdout, c->locales[l].code);
			first = 0;
		}
	printf("],\"source_text\":");
	json_string(stdout, source_text(c, k));
	printf(",\"texts\":{");
	first = 1;
	for (l = 0; l < c->n_locales; l++) {
		const struct locale *loc = &c->locales[l];
		if ((only && strcmp(only, loc->code) != 0) ||
		    !status_shows(status, reviewed_in(loc, k), n->to_verify))
			continue;
		printf("%s", first ? "" : ",");
		first = 0;
		json_string(stdout, loc->code);
		printf(":{\"text\":");
		json_string(stdout, loc->text[k]);
		printf(",\"label\":");
		if (loc->label[k])
			json_string(stdout, loc->label[k]);
		else
			fputs("null", stdout);
		printf(",\"reviewed_by\":");
		if (reviewed_in(loc, k))
			json_string(stdout, loc->reviewed_by[k]);
		else
			fputs("null", stdout);
		printf(",\"reviewed_on\":");
		if (reviewed_in(loc, k))
			json_string(stdout, loc->reviewed_on[k]);
		else
			fputs("null", stdout);
		printf("}");
	}
	printf("}}\n");
}

static void
review_node_text(const struct content *c, int k, const char *only,
		const char *status)
{
	const struct content_node *n = &c->nodes[k];
	int l;

	ctl_put(stdout, n->file, 0);
	printf(":%d: ", n->line);
	ctl_put(stdout, n->id, 0);
	printf(" - %s%s (facts reviewed ", n->to_verify ? "TO VERIFY"
		: "confirmed", n->urgent ? ", urgent" : "");
	ctl_put(stdout, n->reviewed ? n->reviewed : "never", 0);
	fputs(")\n  source: ", stdout);
	ctl_put(stdout, n->source ? n->source : "(none)", 0);
	if (n->verify) {
		fputs("\n  to verify: ", stdout);
		ctl_put(stdout, n->verify, 0);
	}
	fputs("\n", stdout);
	for (l = 0; l < c->n_offered; l++) {
		const struct locale *loc = &c->locales[l];
		if ((only && strcmp(only, loc->code) != 0) ||
		    !status_shows(status, reviewed_in(loc, k), n->to_verify))
			continue;
		printf("  %-3s ", loc->code);
		if (reviewed_in(loc, k)) {
			fputs("[reviewed by ", stdout);
			ctl_put(stdout, loc->reviewed_by[k], 0);
			fputs(", ", stdout);
			ctl_put(stdout, loc->reviewed_on[k], 0);
			fputs("] ", stdout);
		} else {
			fputs("[NOT REVIEWED by a native speaker] ", stdout);
		}
		if (loc->label[k]) {
			fputs("(", stdout);
			ctl_put(stdout, loc->label[k], 0);
			fputs(") ", stdout);
		}
		ctl_put(stdout, loc->text[k], 0);
		fputs("\n", stdout);
		if (only && loc->text[k] != source_text(c, k) &&
		    strcmp(loc->code, "ru") != 0) {
			fputs("      from ru: ", stdout);
			ctl_put(stdout, source_text(c, k), 0);
			fputs("\n", stdout);
		}
	}
}

/* Reply `name` in loc: its index, or -1. */
static int
reply_index(const struct locale *loc, const char *name)
{
	int i;

	for (i = 0; i < loc->n_replies; i++)
		if (strcmp(loc->reply_names[i], name) == 0)
			return i;
	return -1;
}

/* One canned reply: its texts that --status shows (by default the ones
 * no native speaker has read); 1 when printed. */
static int
review_reply(const struct content *c, const char *name, int json,
		const char *only, const char *status, int *unreviewed)
{
	int l, k, first = 1, rev;

	for (l = 0; l < c->n_offered && l < 16; l++) {
		const struct locale *loc = &c->locales[l];
		if ((only && strcmp(only, loc->code) != 0) ||
		    (k = reply_index(loc, name)) < 0)
			continue;
		rev = loc->reply_reviewed_by[k] != NULL;
		unreviewed[l] += !rev;
		if (status ? !status_shows(status, rev, 0) : rev)
			continue;
		if (first && json) {
			printf("{\"node\":null,\"reply\":");
			json_string(stdout, name);
			printf(",\"texts\":{");
		} else if (first) {
			ctl_put(stdout, loc->file, 0);
			printf(":%d: reply ", loc->reply_line[k]);
			ctl_put(stdout, name, 0);
			fputs(" - canned reply for staff\n", stdout);
		}
		if (json) {
			printf("%s", first ? "" : ",");
			json_string(stdout, loc->code);
			printf(":{\"text\":");
			json_string(stdout, loc->reply_texts[k]);
			printf(",\"reviewed_by\":");
			json_string(stdout, rev ? loc->reply_reviewed_by[k] : NULL);
			printf(",\"reviewed_on\":");
			json_string(stdout, rev ? loc->reply_reviewed_on[k] : NULL);
			printf("}");
		} else {
			printf("  %-3s ", loc->code);
			if (rev) {
				fputs("[reviewed by ", stdout);
				ctl_put(stdout, loc->reply_reviewed_by[k], 0);
				fputs(", ", stdout);
				ctl_put(stdout, loc->reply_reviewed_on[k], 0);
				fputs("] ", stdout);
			} else {
				fputs("[NOT REVIEWED by a native speaker] ",
					stdout);
			}
			ctl_put(stdout, loc->reply_texts[k], 0);
			fputs("\n", stdout);
		}
		first = 0;
	}
	if (!first && json)
		printf("}}\n");
	return !first;
}

/* The canned replies --status shows, then their count. */
static void
review_replies(const struct content *c, int json, const char *only,
		const char *status)
{
	const char *const *names;
	int n = content_reply_names(c, &names), i, l;
	int unreviewed[16] = { 0 };

	for (i = 0; i < n; i++)
		review_reply(c, names[i], json, only, status, unreviewed);
	if (json || !n)
		return;
	printf("%d canned replies; not reviewed by a native speaker:", n);
	for (l = 0; l < c->n_offered && l < 16; l++)
		if (!only || strcmp(only, c->locales[l].code) == 0)
			printf(" %s %d", c->locales[l].code, unreviewed[l]);
	printf("\n");
}

/*
 * What a lawyer and the native speakers must look at: every answer whose
 * facts are "to verify" or whose text nobody has reviewed in some
 * language, with the text itself, what is to verify, the law rules to
 * verify and the canned replies nobody has reviewed; then the counts.
 * --lang limits it to one language's texts.
 */
static int
content_review(const struct content *c, int json, const char *only,
		const char *status)
{
	int i, l, answers = 0, to_verify = 0, rules_to_verify = 0;
	int unreviewed[16] = { 0 };

	if (only && !content_locale(c, only)) {
		fprintf(stderr, "yordamctl: no language '%s'\n", only);
		return 1;
	}
	for (i = 0; i < c->n_nodes; i++) {
		const struct content_node *n = &c->nodes[i];
		if (n->type != NODE_ANSWER && n->type != NODE_HELP)
			continue;
		answers += n->type == NODE_ANSWER;
		to_verify += n->to_verify;
		for (l = 0; l < c->n_offered && l < 16; l++)
			unreviewed[l] += !reviewed_in(&c->locales[l], i);
		if (!node_listed(c, i, only, status))
			continue;
		if (json)
			review_node_json(c, i, only, status);
		else
			review_node_text(c, i, only, status);
	}
	for (i = 0; i < c->law.n_rules; i++) {
		const struct law_rule *r = &c->law.rules[i];
		if (!r->to_verify)
			continue;
		if (rules_to_verify++, status && strcmp(status, "all") &&
		    strcmp(status, "to-verify"))
			continue;
		if (json) {
			printf("{\"node\":null,\"rule\":");
			json_string(stdout, r->id);
			printf(",\"status\":\"to verify\",\"source\":");
			json_string(stdout, r->source);
			printf(",\"verify\":");
			json_string(stdout, r->verify ? r->verify : "");
			printf(",\"in_force_known\":%s}\n", r->in_force_known
				? "true" : "false");
		} else {
			fputs("law/deadlines.conf: rule ", stdout);
			ctl_put(stdout, r->id, 0);
			printf(" - TO VERIFY%s\n  source: ", r->in_force_known
				? "" : " (day in force unknown)");
			ctl_put(stdout, r->source, 0);
			fputs("\n  to verify: ", stdout);
			ctl_put(stdout, r->verify ? r->verify : "", 0);
			fputs("\n", stdout);
		}
	}
	review_replies(c, json, only, status);
	if (json)
		return 0;
	printf("%d answers, %d to verify; %d law rules to verify;"
		" not reviewed by a native speaker:", answers, to_verify,
		rules_to_verify);
	for (l = 0; l < c->n_offered && l < 16; l++)
		if (!only || strcmp(only, c->locales[l].code) == 0)
			printf(" %s %d", c->locales[l].code, unreviewed[l]);
	printf("\n");
	return 0;
}

/* The home menu's SMS parts per language and script, against its
 * budget: the SMS people get most. */
static void
print_home_parts(const struct content *c)
{
	int l;

	printf("home menu (home_parts = %d):", c->home_parts > 0 ?
		c->home_parts : 1);
	for (l = 0; l < c->n_locales; l++) {
		const struct locale *loc = &c->locales[l];
		struct sms_measure m;
		if (sms_measure(loc->screen[c->home], &m) != 0)
			continue;
		printf("%s %s %d part%s", l ? ";" : "", loc->code, m.parts,
			m.parts == 1 ? "" : "s");
		if (loc->home_from)
			printf(" in Latin letters (as %s; %d in its own"
				" script)", loc->home_from, loc->home_own_parts);
	}
	printf("\n");
}

/*
 * Each of the five reports, by its title and year: how many answers and
 * law rules cite it, so an editor sees which reports the content rests
 * on (and that a citation spelt differently is not counted).
 */
static void
print_reports_cited(const struct content *c)
{
	int r, i;

	printf("seed reports cited, by title and year:");
	for (r = 0; r < CONTENT_N_REPORTS; r++) {
		int answers = 0, rules = 0;
		for (i = 0; i < c->n_nodes; i++)
			answers += c->nodes[i].type == NODE_ANSWER &&
				content_source_cites_report(c->nodes[i].source,
				r);
		for (i = 0; i < c->law.n_rules; i++)
			rules += content_source_cites_report(
				c->law.rules[i].source, r);
		printf("%s %s (%s): %d answer%s, %d law rule%s",
			r ? ";" : "", content_reports[r].name,
			content_reports[r].title, answers,
			answers == 1 ? "" : "s", rules, rules == 1 ? "" : "s");
	}
	printf("\n");
}

void
ctl_content_summary(const struct content *c)
{
	int i, j, answers = 0, to_verify = 0, urgent = 0, distinct = 0;
	int rules_to_verify = 0, seeds_cited = 0;

	for (i = 0; i < c->n_nodes; i++) {
		const struct content_node *n = &c->nodes[i];
		if (n->type != NODE_ANSWER)
			continue;
		answers++;
		to_verify += n->to_verify;
		urgent += n->urgent;
		for (j = 0; j < i; j++)
			if (c->nodes[j].source && n->source &&
			    strcmp(c->nodes[j].source, n->source) == 0)
				break;
		distinct += j == i;
	}
	for (j = 0; j < CONTENT_N_REPORTS; j++)
		for (i = 0; i < c->n_nodes; i++)
			if (c->nodes[i].type == NODE_ANSWER &&
			    content_source_cites_report(c->nodes[i].source,
			    j)) {
				seeds_cited++;
				break;
			}
	for (i = 0; i < c->law.n_rules; i++)
		rules_to_verify += c->law.rules[i].to_verify;
	printf("answers: %d (%d confirmed, %d to verify, %d for someone in"
		" danger); %d distinct sources citing %d of the 5 seed reports;"
		" law rules: %d (%d to verify)\n", answers, answers - to_verify,
		to_verify, urgent, distinct, seeds_cited, c->law.n_rules,
		rules_to_verify);
	print_reports_cited(c);
	print_home_parts(c);
}

/* HTML for a text; controls as ctl_put() shows them, line breaks as
 * <br>. */
static void
html_escape(const char *s)
{
	char buf[CTL_ESC_MAX];

	while (*s) {
		switch (*s) {
		case '<': fputs("&lt;", stdout); s++; break;
		case '>': fputs("&gt;", stdout); s++; break;
		case '&': fputs("&amp;", stdout); s++; break;
		case '"': fputs("&quot;", stdout); s++; break;
		case '\n': fputs("<br>", stdout); s++; break;
		default:
			s += ctl_escape_one(s, 0, buf);
			fputs(buf, stdout);
		}
	}
}

static void
html_node(const struct content *c, const struct locale *loc, int k,
		const char *digits, int depth)
{
	const struct content_node *n = &c->nodes[k];
	int j;

	printf("<li class=\"%s%s\"><b>%s</b> ", n->type == NODE_MENU ? "menu"
		: n->type == NODE_HELP ? "help" : "answer",
		n->to_verify ? " verify" : "", digits);
	html_escape(k == c->home ? "" : loc->label[k]);
	printf(" <small>[%s]</small>", n->id);
	if (n->type != NODE_MENU) {
		printf("<div class=\"text\">");
		html_escape(loc->screen[k]);
		printf("</div>");
		if (n->type == NODE_ANSWER) {
			printf("<div class=\"src\">source: ");
			html_escape(n->source);
			printf("; reviewed %s; %s</div>", n->reviewed,
				n->to_verify ? "TO VERIFY" : "confirmed");
		}
	}
	if (n->type == NODE_MENU && depth < 8) {
		printf("\n<ul>\n");
		for (j = 0; j < n->n_options; j++) {
			char d[32];
			snprintf(d, sizeof d, "%s%d", digits, j + 1);
			html_node(c, loc, n->options[j], d, depth + 1);
		}
		printf("</ul>");
	}
	printf("</li>\n");
}

/* The tree as a picture an NGO can print: Graphviz dot, or HTML. */
static int
content_map(const struct content *c, const char *lang, const char *format)
{
	const struct locale *loc = lang ? content_locale(c, lang)
		: &c->locales[0];
	int i, j;

	if (!loc) {
		fprintf(stderr, "yordamctl: no language '%s'\n", lang);
		return 1;
	}
	if (strcmp(format, "html") == 0) {
		printf("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
			"<title>Yordam menu (%s)</title><style>"
			"body{font-family:sans-serif}li{margin:4px 0}"
			".text{border-left:3px solid #888;padding-left:6px;"
			"margin:2px 0;white-space:normal}.verify .text{"
			"border-color:#d80}.src{color:#555;font-size:smaller}"
			".help>b{color:#a00}</style></head><body>\n"
			"<h1>Yordam menu: %s</h1><p>Digits to send from the main"
			" menu. Orange: to verify with a lawyer.</p><ul>\n",
			loc->code, loc->name);
		html_node(c, loc, c->home, "", 0);
		printf("</ul></body></html>\n");
		return 0;
	}
	if (strcmp(format, "dot") != 0) {
		fprintf(stderr, "yordamctl: --format dot or html\n");
		return 1;
	}
	printf("digraph yordam {\n  rankdir=LR;\n  node [shape=box,"
		" fontname=\"sans\"];\n");
	for (i = 0; i < c->n_nodes; i++) {
		const struct content_node *n = &c->nodes[i];
		printf("  %s [label=", n->id);
		json_string(stdout, i == c->home ? loc->text[i] : loc->label[i]);
		printf("%s];\n", n->type == NODE_MENU ? ""
			: n->type == NODE_HELP ? ", style=filled, fillcolor=pink"
			: n->to_verify ? ", style=filled, fillcolor=orange"
			: ", style=filled, fillcolor=palegreen");
		for (j = 0; j < n->n_options; j++)
			printf("  %s -> %s [label=\"%d\"];\n", n->id,
				c->nodes[n->options[j]].id, j + 1);
	}
	printf("}\n");
	return 0;
}

int
ctl_content(const struct yordam_config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "lang", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'f' },
		{ "status", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	const char *lang = NULL, *format = "dot", *sub, *status = NULL;
	struct content *c;
	int json = 0, opt, rc;

	if (argc < 2)
		return 2;
	sub = argv[1];
	if (strcmp(sub, "history") == 0 || strcmp(sub, "diff") == 0 ||
	    strcmp(sub, "rollback") == 0)
		return ctl_content_history(cfg, sub, argc, argv);
	if (!strcmp(sub, "export")) return ctl_content_export(cfg, argc, argv);
	if (!strcmp(sub, "import")) return ctl_content_import(cfg, argc, argv);
	if (!strcmp(sub, "reviewed")) return ctl_content_reviewed(cfg, argc, argv);
	optind = 2;
	while ((opt = getopt_long(argc, argv, "jl:f:s:", opts, NULL)) != -1) {
		if (opt == 's')
			status = optarg;
		else if (opt == 'j')
			json = 1;
		else if (opt == 'l')
			lang = optarg;
		else if (opt == 'f')
			format = optarg;
		else
			return 2;
	}
	if (strcmp(sub, "review") != 0 && strcmp(sub, "map") != 0)
		return 2;
	if (status && strcmp(status, "to-verify") && strcmp(status, "all") &&
	    strcmp(status, "unreviewed") && strcmp(status, "reviewed")) {
		fprintf(stderr, "yordamctl: --status to-verify, unreviewed,"
			" reviewed or all\n");
		return 1;
	}
	if (!(c = ctl_load_content(cfg)))
		return 1;
	if (strcmp(sub, "review") == 0)
		rc = content_review(c, json, lang, status);
	else
		rc = content_map(c, lang, format);
	content_free(c);
	return rc;
}
