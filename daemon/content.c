/*
 * content.c - load and validate menus/ and locales/: the order of the
 * steps, and freeing the snapshot.
 *
 * The editors of these files are NGO staff, not programmers, so every rule
 * is checked and every error names the file and line to fix.  Loading
 * goes on after an error to report as many as possible in one run; only a
 * snapshot with no error at all is handed out.
 *
 * Menus hold the structure (which node leads where, and for answers their
 * source, review date and status); locales hold the words.  Splitting them
 * lets a translator work on one language without touching the tree.
 *
 * Each step is in its own file (see content_private.h); this one decides
 * their order and which later steps an error makes pointless: variants,
 * numbers and screens are only built from content that loaded cleanly,
 * apart from nodes out of reach, whose texts are still sound.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_private.h"
#include "yordam/classify.h"
#include "yordam/law.h"
#include "yordam/lid.h"
#include "yordam/i18n.h"

static int
by_order(const void *a, const void *b)
{
	const struct locale *x = a, *y = b;
	if (x->derived != y->derived)
		return x->derived - y->derived;
	return (x->order > y->order) - (x->order < y->order);
}

/* Offered locales by order, then the derived ones; counts the offered. */
static void
order_locales(struct content *c)
{
	int i;

	if (c->n_locales)
		qsort(c->locales, (size_t)c->n_locales, sizeof *c->locales,
			by_order);
	for (i = 0; i < c->n_locales; i++)
		if (!c->locales[i].derived)
			c->n_offered = i + 1;
}

/* A new value for a placeholder changes the texts, so it is a new version. */
static uint64_t
hash_placeholders(uint64_t h, const struct yordam_config *cfg)
{
	int i;

	if (cfg)
		for (i = 0; i < cfg->n_placeholders; i++) {
			h = content_fnv(h, cfg->placeholders[i].name,
				strlen(cfg->placeholders[i].name) + 1);
			h = content_fnv(h, cfg->placeholders[i].value,
				strlen(cfg->placeholders[i].value) + 1);
		}
	return h;
}

int
content_load(const char *dir, const struct yordam_config *cfg,
		struct content **out, struct content_errors *errs)
{
	struct content *c = calloc(1, sizeof *c);
	const char *site = cfg ? cfg->content_site : NULL;
	char **menus, **locales;
	int n_menus, n_locales, i, reach_errs;
	uint64_t h = CONTENT_FNV_OFFSET;

	memset(errs, 0, sizeof *errs);
	if (!c)
		return -1;
	c->home = -1;
	menus = conf_list(dir, site, "menus", &n_menus);
	locales = conf_list(dir, site, "locales", &n_locales);
	if (!n_menus)
		add_error(errs, dir, 0, _("no menus/*.conf files"));
	if (!n_locales)
		add_error(errs, dir, 0, _("no locales/*.conf files"));
	reach_errs = content_load_menus(c, menus, n_menus, errs);
	content_hide_drafts(c, cfg && cfg->content_drafts);
	for (i = 0; i < n_menus; i++)
		h = content_hash_file(h, menus[i]);
	for (i = 0; i < n_locales; i++) {
		content_load_locale(c, locales[i], cfg, errs);
		h = content_hash_file(h, locales[i]);
	}
	conf_list_free(menus, n_menus);
	conf_list_free(locales, n_locales);
	content_note_drafts(c, errs);
	law_load(content_dir_of(dir, site, "law/deadlines.conf"),
		&c->law, errs);
	{
		/* The law table is content too: a changed rule is a new
		 * version, so replies point at the rules that made them. */
		char law_path[4096];
		snprintf(law_path, sizeof law_path, "%s/law/deadlines.conf",
			content_dir_of(dir, site,
			"law/deadlines.conf"));
		h = content_hash_file(h, law_path);
	}
	h = hash_placeholders(h, cfg);
	snprintf(c->hash, sizeof c->hash, "%016llx", (unsigned long long)h);
	if (errs->n == reach_errs)
		content_derive_variants(c);
	order_locales(c);
	if (errs->n == reach_errs) {
		content_file_keywords(c);
		content_learn(c, dir, site, errs);
		h ^= c->hash_corpus;
		snprintf(c->hash, sizeof c->hash, "%016llx",
			(unsigned long long)h);
	}
	content_check_orders(c, errs);
	content_check_word_clashes(c, errs);
	content_check_conditions(c, errs);
	content_check_replies(c, errs);
	if (errs->n == reach_errs)
		content_check_numbers(c, errs);
	if (errs->n == reach_errs)
		content_render(c, errs);
	if (errs->n == reach_errs)
		content_fit_home(c, errs);
	if (errs->n == reach_errs)
		content_check_system_budget(c, errs);
	content_build_language_prompt(c);
	if (errs->n) {
		content_free(c);
		return -1;
	}
	c->notes.notes = errs->notes;   /* they stay with the content */
	c->notes.n_notes = errs->n_notes;
	errs->notes = NULL;
	errs->n_notes = 0;
	*out = c;
	return 0;
}

/*
 * The NGO's copy of a shipped file goes stale when an upgrade adds texts
 * it lacks (a locale copied from the version before), and a helpline
 * that refuses to start after `apt upgrade` answers nobody.  So at
 * start-up the shipped content alone stands in, and the NGO's errors are
 * logged; `yordamctl check` and a reload stay strict (a reload keeps the
 * content already running).
 */
int
content_load_or_shipped(const char *dir, const struct yordam_config *cfg,
		struct content **out, struct content_errors *errs,
		int *shipped_only)
{
	struct yordam_config shipped;
	struct content_errors none;

	*shipped_only = 0;
	if (content_load(dir, cfg, out, errs) == 0)
		return 0;
	if (!cfg || !cfg->content_site)
		return -1;
	shipped = *cfg;         /* read only: nothing in it is freed */
	shipped.content_site = NULL;
	if (content_load(dir, &shipped, out, &none) != 0) {
		content_errors_free(&none);
		return -1;
	}
	*shipped_only = 1;
	return 0;
}

/*
 * What yordamctl's content export and import need when the content does
 * not load: a node added to menus/ with no text yet in some language is
 * what translators are for.  The menus and each locale file as far as
 * they read; nothing derived, rendered or learnt.  NULL when the menus
 * themselves have errors (then there is no list of nodes to trust).
 */
struct content *
content_load_texts(const char *dir, const struct yordam_config *cfg,
		struct content_errors *errs)
{
	struct content *c = calloc(1, sizeof *c);
	const char *site = cfg ? cfg->content_site : NULL;
	char **menus, **locales;
	int n_menus, n_locales, i;

	memset(errs, 0, sizeof *errs);
	if (!c)
		return NULL;
	c->home = -1;
	menus = conf_list(dir, site, "menus", &n_menus);
	locales = conf_list(dir, site, "locales", &n_locales);
	if (content_load_menus(c, menus, n_menus, errs) != errs->n ||
	    c->home < 0) {
		content_free(c);
		c = NULL;
	}
	for (i = 0; c && i < n_locales; i++)
		content_load_locale(c, locales[i], cfg, errs);
	conf_list_free(menus, n_menus);
	conf_list_free(locales, n_locales);
	if (c)
		order_locales(c);
	return c;
}

void
content_free(struct content *c)
{
	int i;

	if (!c)
		return;
	content_errors_free(&c->notes);
	free(c->id_slots);
	for (i = 0; i < c->n_locales; i++)
		content_free_locale(&c->locales[i], c->n_nodes);
	free(c->locales);
	for (i = 0; i < c->n_nodes; i++) {
		free(c->nodes[i].id);
		free(c->nodes[i].options);
		free(c->nodes[i].source);
		free(c->nodes[i].reviewed);
		free(c->nodes[i].verify);
		free(c->nodes[i].urgent_category);
		free(c->nodes[i].file);
	}
	free(c->nodes);
	free(c->language_prompt);
	law_free(&c->law);
	lid_free(c->lid);
	classify_free(c->topics);
	content_free_keywords(c);
	free(c);
}
