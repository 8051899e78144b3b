/*
 * content_corpus.c - what the helpline learns from examples: the corpus
 * files (corpus/<language or script>.tsv, "label<TAB>message" a line) and
 * the content's own words.
 *
 * Two models are trained, once per content load (a few milliseconds),
 * so a deployment that adds the messages its own people typed (yordamctl
 * corpus export) teaches the helpline by a reload:
 *  - the language and script of a text (lid.h), per locale, from the
 *    corpus lines of that script and the locale's texts and word lists
 *    (the transliterated variants' too: Kyrgyz typed in Latin is learnt
 *    from ky-Latn lines and from the ky texts in Latin letters);
 *  - what a text is about (classify.h), per label: a node id, "human",
 *    "greeting" or "urgent:<category>", from the corpus lines and from
 *    the keywords, labels, help words and urgent words of every locale.
 * A corpus line with a label that is no node, no urgent category of the
 * content and neither "human" nor "greeting" is an error at its line.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_private.h"
#include "yordam/classify.h"
#include "yordam/lid.h"
#include "yordam/text.h"
#include "yordam/i18n.h"

/* Is category one of the urgent categories of some locale? */
static int
is_urgent_category(const struct content *c, const char *category)
{
	int l, j;

	for (l = 0; l < c->n_locales; l++)
		for (j = 0; j < c->locales[l].n_urgent; j++)
			if (strcmp(c->locales[l].urgent[j].category,
			    category) == 0)
				return 1;
	return 0;
}

int
content_label_valid(const struct content *c, const char *label)
{
	if (strcmp(label, "human") == 0 || strcmp(label, "greeting") == 0)
		return 1;
	if (strncmp(label, "urgent:", 7) == 0)
		return is_urgent_category(c, label + 7);
	return content_node_index(c, label) >= 0;
}

static void
learn_topic(struct content *c, const char *label, const char *text)
{
	int node = content_node_index(c, label);
	char *norm;
	int k;

	if (node >= 0 && c->nodes[node].hidden)
		return;         /* a draft offered to no one: nothing leads there */
	norm = text_normalise(text);
	k = classify_label(c->topics, label);
	if (norm && k >= 0)
		classify_learn(c->topics, k, norm);
	free(norm);
}

/* One corpus file: each line learnt for its script and its label. */
static void
learn_file(struct content *c, int l, const char *path,
		struct content_errors *errs)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	int n = 0;

	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		char *tab, *nl;
		n++;
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (!text_valid_utf8(line, strlen(line))) {
			add_error(errs, path, n, _("not valid UTF-8"));
			continue;
		}
		if (!(tab = strchr(line, '\t')) || strchr(tab + 1, '\t')) {
			add_error(errs, path, n, _("a line is a label, one tab,"
				" and the message (wages<TAB>the text)"));
			continue;
		}
		*tab = '\0';
		if (!content_label_valid(c, line)) {
			add_error(errs, path, n, _("label '%s' is no node of"
				" menus/, no urgent:<category> of locales/,"
				" and neither human nor greeting"), line);
			continue;
		}
		lid_learn(c->lid, l, tab + 1);
		learn_topic(c, line, tab + 1);
		c->n_corpus++;
	}
	fclose(f);
	c->hash_corpus = content_hash_file(c->hash_corpus, path);
}

int
content_tsv_filter(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 4 && strcmp(d->d_name + n - 4, ".tsv") == 0 &&
		d->d_name[0] != '.';
}

/* The corpus files, each named after a locale (ru.tsv, ky-Latn.tsv). */
static void
learn_corpus(struct content *c, const char *dir, const char *site,
		struct content_errors *errs)
{
	int i, n;
	char **paths = content_files(dir, site, "corpus", content_tsv_filter, &n);

	for (i = 0; i < n; i++) {
		const char *name = strrchr(paths[i], '/') + 1;
		char code[64];
		int l;
		snprintf(code, sizeof code, "%.*s", (int)strlen(name) - 4, name);
		for (l = 0; l < c->n_locales; l++)
			if (strcmp(c->locales[l].code, code) == 0)
				break;
		if (l == c->n_locales)
			add_error(errs, paths[i], 0, _("no language or script"
				" '%s': name a corpus file after one (ru.tsv,"
				" ky-Latn.tsv, uz-Cyrl.tsv ...)"), code);
		else
			learn_file(c, l, paths[i], errs);
	}
	conf_list_free(paths, n);
}

static void
learn_words(struct content *c, int l, const char *label, char **w, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		lid_learn(c->lid, l, w[i]);
		if (label)
			learn_topic(c, label, w[i]);
	}
}

/* A locale's own words: its texts and lists are examples too. */
static void
learn_locale(struct content *c, int l)
{
	const struct locale *loc = &c->locales[l];
	char label[80];
	int k, j;

	for (k = 0; k < c->n_nodes; k++) {
		const char *id = c->nodes[k].type == NODE_DEADLINE ?
			"reg_calc" : c->nodes[k].id;
		if (loc->text[k]) {
			lid_learn(c->lid, l, loc->text[k]);
			/* an answer's words say what it is about */
			if (c->nodes[k].type == NODE_ANSWER)
				learn_topic(c, id, loc->text[k]);
		}
		if (loc->label[k]) {
			lid_learn(c->lid, l, loc->label[k]);
			if (k != c->home && c->nodes[k].type != NODE_HELP)
				learn_topic(c, c->nodes[k].id, loc->label[k]);
		}
		if (loc->keywords && loc->keywords[k])
			learn_words(c, l, c->nodes[k].type == NODE_HELP ?
				"human" : id, loc->keywords[k],
				loc->n_keywords[k]);
	}
	learn_words(c, l, NULL, loc->common_words, loc->n_common_words);
	learn_words(c, l, "human", loc->help_words, loc->n_help_words);
	for (j = 0; j < loc->n_urgent; j++) {
		snprintf(label, sizeof label, "urgent:%s",
			loc->urgent[j].category);
		learn_words(c, l, label, loc->urgent[j].words,
			loc->urgent[j].n_words);
	}
}

void
content_learn(struct content *c, const char *dir, const char *site,
		struct content_errors *errs)
{
	int l;

	c->lid = lid_new(c->n_locales);
	c->topics = classify_new();
	if (!c->lid || !c->topics)
		return;
	c->hash_corpus = CONTENT_FNV_OFFSET;
	learn_corpus(c, dir, site, errs);
	for (l = 0; l < c->n_locales; l++)
		learn_locale(c, l);
	lid_finish(c->lid);
	classify_finish(c->topics);
}
