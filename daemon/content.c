/*
 * content.c - load and validate menus/ and locales/.
 *
 * The editors of these files are NGO staff, not programmers, so every rule
 * is checked here and every error names the file and line to fix.  Loading
 * goes on after an error to report as many as possible in one run; only a
 * snapshot with no error at all is handed out.
 *
 * Menus hold the structure (which node leads where, and for answers their
 * source, review date and status); locales hold the words.  Splitting them
 * lets a translator work on one language without touching the tree.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_private.h"
#include "yordam/law.h"
#include "yordam/sms.h"
#include "yordam/text.h"
#include "yordam/translit.h"

#define MAX_ANSWER_PARTS 2

static char *
join3(const char *a, const char *sep, const char *b)
{
	size_t n = strlen(a) + strlen(sep) + strlen(b) + 1;
	char *out = malloc(n);

	if (out)
		snprintf(out, n, "%s%s%s", a, sep, b);
	return out;
}

/*
 * Uzbek Latin is often written with ʻ or ’, which are not in GSM-7 and
 * would make the whole SMS UCS-2 (70 characters a part instead of 160).
 * When swapping them for ' makes the text GSM-7, swap them.
 */
static char *
ascii_apostrophes_if_gsm7(char *s)
{
	static const char *marks[] = { "\xCA\xBB", "\xCA\xBC", "\xE2\x80\x98",
		"\xE2\x80\x99", NULL };
	struct sms_measure m;
	char *t, *p;
	int i;

	if (!s || sms_measure(s, &m) != 0 || m.coding == SMS_GSM7)
		return s;
	t = strdup(s);
	if (!t)
		return s;
	for (i = 0; marks[i]; i++)
		while ((p = strstr(t, marks[i])) != NULL) {
			size_t n = strlen(marks[i]);
			*p = '\'';
			memmove(p + 1, p + n, strlen(p + n) + 1);
		}
	if (sms_measure(t, &m) == 0 && m.coding == SMS_GSM7) {
		free(s);
		return t;
	}
	free(t);
	return s;
}

static void
render(struct content *c, struct content_errors *errs)
{
	int l, i, j;

	for (l = 0; l < c->n_locales; l++) {
		struct locale *loc = &c->locales[l];
		for (i = 0; i < c->n_nodes; i++) {
			struct content_node *n = &c->nodes[i];
			struct sms_measure m;
			char *screen;

			if (!loc->text || !loc->text[i])
				continue;
			screen = strdup(loc->text[i]);
			if (n->type == NODE_MENU) {
				for (j = 0; j < n->n_options && screen; j++) {
					char item[16], *s;
					int k = n->options[j];
					const char *label = k >= 0 ?
						loc->label[k] : NULL;
					snprintf(item, sizeof item, "\n%d ", j + 1);
					s = join3(screen, item, label ? label : "?");
					free(screen);
					screen = s;
				}
			} else if (n->type == NODE_ANSWER && n->to_verify &&
			    loc->check_hotline) {
				char *s = join3(screen, "\n", loc->check_hotline);
				free(screen);
				screen = s;
			}
			screen = ascii_apostrophes_if_gsm7(screen);
			loc->screen[i] = screen;
			if (!screen || sms_measure(screen, &m) != 0) {
				add_error(errs, loc->file, loc->line[i], "node"
					" '%s': text is not valid UTF-8", n->id);
				continue;
			}
			if (m.parts > MAX_ANSWER_PARTS) {
				char forced[48] = "";
				if (m.forced_by)
					snprintf(forced, sizeof forced, "; UCS-2"
						" forced by U+%04X",
						(unsigned)m.forced_by);
				add_error(errs, loc->file, loc->line[i],
					"node '%s' in '%s' needs %d SMS parts"
					" (%d %s units); at most %d%s", n->id,
					loc->code, m.parts, m.units,
					sms_coding_name(m.coding),
					MAX_ANSWER_PARTS, forced);
			}
		}
	}
}

static int
by_order(const void *a, const void *b)
{
	const struct locale *x = a, *y = b;
	if (x->derived != y->derived)
		return x->derived - y->derived;
	return (x->order > y->order) - (x->order < y->order);
}

static void
build_language_prompt(struct content *c)
{
	size_t cap = 16;
	int l;

	for (l = 0; l < c->n_offered; l++)
		cap += strlen(c->locales[l].name) + 8;
	c->language_prompt = malloc(cap);
	if (!c->language_prompt)
		return;
	c->language_prompt[0] = '\0';
	for (l = 0; l < c->n_offered; l++) {
		size_t len = strlen(c->language_prompt);
		snprintf(c->language_prompt + len, cap - len, "%s%d %s",
			l ? "\n" : "", l + 1, c->locales[l].name);
	}
}

int
content_load(const char *dir, const struct yordam_config *cfg,
		struct content **out, struct content_errors *errs)
{
	struct content *c = calloc(1, sizeof *c);
	char **menus, **locales;
	int n_menus, n_locales, i, reach_errs;
	uint64_t h = CONTENT_FNV_OFFSET;

	memset(errs, 0, sizeof *errs);
	if (!c)
		return -1;
	c->home = -1;
	menus = conf_list(dir, "menus", &n_menus);
	locales = conf_list(dir, "locales", &n_locales);
	if (!n_menus)
		add_error(errs, dir, 0, "no menus/*.conf files");
	if (!n_locales)
		add_error(errs, dir, 0, "no locales/*.conf files");
	reach_errs = content_load_menus(c, menus, n_menus, errs);
	for (i = 0; i < n_menus; i++)
		h = content_hash_file(h, menus[i]);
	for (i = 0; i < n_locales; i++) {
		content_load_locale(c, locales[i], cfg, errs);
		h = content_hash_file(h, locales[i]);
	}
	if (cfg)
		for (i = 0; i < cfg->n_placeholders; i++) {
			h = content_fnv(h, cfg->placeholders[i].name,
				strlen(cfg->placeholders[i].name) + 1);
			h = content_fnv(h, cfg->placeholders[i].value,
				strlen(cfg->placeholders[i].value) + 1);
		}
	snprintf(c->hash, sizeof c->hash, "%016llx", (unsigned long long)h);
	conf_list_free(menus, n_menus);
	conf_list_free(locales, n_locales);
	law_load(dir, &c->law, errs);
	{
		char law_path[4096];
		snprintf(law_path, sizeof law_path, "%s/law/deadlines.conf", dir);
		h = content_hash_file(h, law_path);
	}
	if (errs->n == reach_errs)
		content_derive_variants(c);
	if (c->n_locales)
		qsort(c->locales, (size_t)c->n_locales, sizeof *c->locales,
			by_order);
	for (i = 0; i < c->n_locales; i++)
		if (!c->locales[i].derived)
			c->n_offered = i + 1;
	content_check_orders(c, errs);
	content_check_word_clashes(c, errs);
	if (errs->n == reach_errs)
		content_check_numbers(c, errs);
	if (errs->n == reach_errs)
		render(c, errs);
	build_language_prompt(c);
	if (errs->n) {
		content_free(c);
		return -1;
	}
	*out = c;
	return 0;
}

void
content_free(struct content *c)
{
	int i;

	if (!c)
		return;
	free(c->id_slots);
	for (i = 0; i < c->n_locales; i++)
		content_free_locale(&c->locales[i], c->n_nodes);
	free(c->locales);
	for (i = 0; i < c->n_nodes; i++) {
		free(c->nodes[i].id);
		free(c->nodes[i].options);
		free(c->nodes[i].source);
		free(c->nodes[i].reviewed);
		free(c->nodes[i].file);
	}
	free(c->nodes);
	free(c->language_prompt);
	law_free(&c->law);
	free(c);
}
