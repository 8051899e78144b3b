/*
 * content_derive.c - locales made by transliterating another locale
 * rather than written by a translator (uz-Cyrl from uz, ru-Latn from ru).
 *
 * A variant copies every field of its base through one transliteration
 * function and walks the same field tables as loading and freeing
 * (content_locale.c), so a new system text or word list needs nothing
 * here.  Variants come after the offered locales and are not in the
 * language choice: the engine moves to one when a person writes in the
 * other script or asks for Latin letters.
 */
#include <stdlib.h>
#include <string.h>

#include "content_private.h"
#include "yordam/text.h"
#include "yordam/translit.h"

/* A transliteration: text in one script to another, for one language. */
/* A transliteration: text in one script to another, for the base locale
 * (its language, and the words it keeps as they are). */
typedef char *(*translit_fn)(const char *s, const struct locale *base);

static char *
uz_to_cyrillic(const char *s, const struct locale *base)
{
	return translit_uz_latin_to_cyrillic_keep(s,
		(const char *const *)base->cyrillic_keep, base->n_cyrillic_keep);
}

static char *
to_latin(const char *s, const struct locale *base)
{
	return translit_cyrillic_to_latin(s, base->code);
}

/* The identity "transliteration", for what is copied as it is. */
static char *
copy_text(const char *s, const struct locale *base)
{
	(void)base;
	return strdup(s);
}

static char *
tr(translit_fn f, const char *s, const struct locale *lang)
{
	return s ? f(s, lang) : NULL;
}

static char **
tr_all(translit_fn f, char **v, int n, const struct locale *lang)
{
	char **out = calloc((size_t)n + 1, sizeof *out);
	int i;

	for (i = 0; out && v && i < n; i++)
		out[i] = tr(f, v[i], lang);
	return out;
}

/* Transliterated words must meet messages folded the same way. */
static char **
tr_words(translit_fn f, char **v, int n, const struct locale *lang)
{
	char **out = tr_all(f, v, n, lang);
	int i;

	for (i = 0; out && i < n; i++) {
		char *norm = out[i] ? text_normalise(out[i]) : NULL;
		if (norm) {
			free(out[i]);
			out[i] = norm;
		}
	}
	return out;
}

/* The canned replies: the texts transliterated, names and reviews kept. */
static void
derive_replies(struct locale *d, const struct locale *base, translit_fn f)
{
	int n = base->n_replies;

	d->replies_line = base->replies_line;
	d->reply_names = tr_all(copy_text, base->reply_names, n, base);
	d->reply_texts = tr_all(f, base->reply_texts, n, base);
	d->reply_reviewed_by = tr_all(copy_text, base->reply_reviewed_by, n,
		base);
	d->reply_reviewed_on = tr_all(copy_text, base->reply_reviewed_on, n,
		base);
	d->reply_line = calloc((size_t)n + 1, sizeof(int));
	if (d->reply_line && n)
		memcpy(d->reply_line, base->reply_line, (size_t)n * sizeof(int));
	if (d->reply_names && d->reply_texts && d->reply_reviewed_by &&
	    d->reply_reviewed_on && d->reply_line)
		d->n_replies = n;
}

/*
 * A second locale made from locale l by transliterating every text: Uzbek
 * Cyrillic from Uzbek Latin (cyrillic_variant), and Latin letters for
 * phones that cannot show Cyrillic (latin_variant).  No translation to
 * keep in step: the variant follows its base on every reload.
 */
static void
derive_one(struct content *c, int l, const char *code, translit_fn f,
		int follows_script)
{
	struct locale *base, *d, *grown;
	int k;

	grown = realloc(c->locales, (size_t)(c->n_locales + 1) * sizeof *grown);
	if (!grown)
		return;
	c->locales = grown;
	base = &c->locales[l];
	d = &c->locales[c->n_locales++];
	memset(d, 0, sizeof *d);
	d->code = strdup(code);
	d->name = tr(f, base->name, base);
	d->order = base->order;
	d->file = strdup(base->file);
	d->derived = 1;
	d->script_variant = follows_script ? strdup(base->code) : NULL;
	d->latin_base = follows_script ? NULL : strdup(base->code);
	d->label = tr_all(f, base->label, c->n_nodes, base);
	d->text = tr_all(f, base->text, c->n_nodes, base);
	d->screen = calloc((size_t)c->n_nodes + 1, sizeof(char *));
	d->system_line = base->system_line;
	d->line = calloc((size_t)c->n_nodes + 1, sizeof(int));
	if (d->line)
		memcpy(d->line, base->line, (size_t)c->n_nodes * sizeof(int));
	d->keywords = calloc((size_t)c->n_nodes + 1, sizeof(char **));
	d->n_keywords = calloc((size_t)c->n_nodes + 1, sizeof(int));
	for (k = 0; d->keywords && d->n_keywords && k < c->n_nodes; k++) {
		d->keywords[k] = tr_words(f, base->keywords[k],
			base->n_keywords[k], base);
		d->n_keywords[k] = base->n_keywords[k];
	}
	for (k = 0; k < content_n_system_texts; k++)
		LOC_TEXT(d, k) = tr(f, LOC_TEXT(base, k), base);
	for (k = 0; k < content_n_word_lists; k++) {
		LOC_WORDS(d, k) = tr_words(f, LOC_WORDS(base, k),
			LOC_NWORDS(base, k), base);
		LOC_NWORDS(d, k) = LOC_NWORDS(base, k);
	}
	d->urgent = calloc((size_t)base->n_urgent + 1, sizeof *d->urgent);
	for (k = 0; d->urgent && k < base->n_urgent; k++) {
		d->urgent[k].category = strdup(base->urgent[k].category);
		d->urgent[k].words = tr_words(f, base->urgent[k].words,
			base->urgent[k].n_words, base);
		d->urgent[k].n_words = base->urgent[k].n_words;
	}
	d->n_urgent = d->urgent ? base->n_urgent : 0;
	/* A transliteration keeps the words a reviewer read: their review. */
	d->reviewed_by = tr_all(copy_text, base->reviewed_by, c->n_nodes, base);
	d->reviewed_on = tr_all(copy_text, base->reviewed_on, c->n_nodes, base);
	d->condition_names = tr_all(copy_text, base->condition_names,
		base->n_conditions, base);
	d->condition_texts = tr_all(f, base->condition_texts,
		base->n_conditions, base);
	d->n_conditions = d->condition_names && d->condition_texts
		? base->n_conditions : 0;
	derive_replies(d, base, f);
}

void
content_derive_variants(struct content *c)
{
	int l, n = c->n_locales;

	for (l = 0; l < n; l++) {
		char *cyr = c->locales[l].script_variant
			? strdup(c->locales[l].script_variant) : NULL;
		char *lat = c->locales[l].latin_variant
			? strdup(c->locales[l].latin_variant) : NULL;
		if (cyr)
			derive_one(c, l, cyr, uz_to_cyrillic, 1);
		if (lat)
			derive_one(c, l, lat, to_latin, 0);
		free(cyr);
		free(lat);
	}
}
