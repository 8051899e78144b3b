/*
 * content_home.c - the home menu fitted to its budget of SMS parts
 * (home_parts in menus/NAME.conf, 1 when unset), and the language
 * confirmation sent with it as one SMS.
 *
 * The home menu is the SMS a person gets most: after choosing a
 * language, after a greeting, after "00".  Nine options in Cyrillic are
 * two UCS-2 parts (70 characters each), and no honest labels bring nine
 * options and their digits under 70 characters; in Latin letters the
 * same menu is one GSM-7 part of 160.  So a locale whose home does not
 * fit sends the home of its Latin variant (ky -> ky-Latn, ru -> ru-Latn,
 * uz-Cyrl -> uz): the same digits and words, in the letters many people
 * already type them in, while every answer stays in the person's own
 * script.  Shorter labels could not fit nine Cyrillic options, and a
 * two-level home would cost the person one SMS more on every path and
 * change the digits that cards and staff already give out ("00, then
 * 4"); the Latin home keeps them.  A locale whose home fits in neither
 * script is an error naming every label with its length.
 *
 * The language confirmation ("Til: o'zbekcha") goes on top of the home
 * menu in one SMS, in the same script as the menu, when that fits the
 * budget too (locale.home_set); otherwise the engine sends the two.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_private.h"
#include "yordam/i18n.h"
#include "yordam/sms.h"

static int
parts_of(const char *s, struct sms_measure *m)
{
	if (!s || sms_measure(s, m) != 0)
		return SMS_MAX_PARTS;
	return m->parts;
}

/* The locale's variant in Latin letters whose home fits the budget. */
static const struct locale *
latin_home(const struct content *c, const struct locale *loc, int budget)
{
	const char *codes[2] = { loc->latin_variant, loc->script_variant };
	int i;

	for (i = 0; i < 2; i++) {
		const struct locale *v = codes[i] ?
			content_locale(c, codes[i]) : NULL;
		struct sms_measure m;
		if (v && v != loc && v->screen &&
		    parts_of(v->screen[c->home], &m) <= budget &&
		    m.coding == SMS_GSM7)
			return v;
	}
	return NULL;
}

/* "Тил: кыргызча\n<home>", or NULL when it is over `budget` parts. */
static char *
confirmed_home(const struct locale *loc, const char *home, int budget)
{
	struct sms_measure m;
	size_t n;
	char *s;

	if (!loc->language_set || !home)
		return NULL;
	n = strlen(loc->language_set) + strlen(home) + 2;
	if (!(s = malloc(n)))
		return NULL;
	snprintf(s, n, "%s\n%s", loc->language_set, home);
	if (parts_of(s, &m) > budget) {
		free(s);
		return NULL;
	}
	return s;
}

/* The home is over budget in every script: say which labels make it,
 * and what to cut (content_budget.c). */
static void
home_too_long(const struct content *c, const struct locale *loc,
		const char *own, const struct sms_measure *m, int budget,
		struct content_errors *errs)
{
	const struct content_node *home = &c->nodes[c->home];
	const char *labels[64];
	char why[2048];
	int j;

	for (j = 0; j < home->n_options && j < 64; j++)
		labels[j] = loc->label[home->options[j]];
	content_budget_why(why, sizeof why, own, m, budget, labels, j);
	add_error(errs, loc->file, loc->line[c->home], _("the home menu in"
		" '%s' needs %d SMS and home_parts allows %d; no variant in"
		" Latin letters fits either: %s"), loc->code, m->parts,
		budget, why);
}

void
content_fit_home(struct content *c, struct content_errors *errs)
{
	int budget = c->home_parts > 0 ? c->home_parts : 1, l;

	if (c->home < 0)
		return;
	for (l = 0; l < c->n_locales; l++) {
		struct locale *loc = &c->locales[l];
		const struct locale *latin;
		struct sms_measure m;
		char *own = loc->screen ? loc->screen[c->home] : NULL;

		if (!own)
			continue;
		loc->home_own_parts = parts_of(own, &m);
		loc->home_set = confirmed_home(loc, own, budget);
		if (loc->home_own_parts <= budget)
			continue;
		if (!(latin = latin_home(c, loc, budget))) {
			home_too_long(c, loc, own, &m, budget, errs);
			continue;
		}
		loc->screen[c->home] = strdup(latin->screen[c->home]);
		loc->home_from = latin->code;
		if (!loc->screen[c->home]) {
			loc->screen[c->home] = own;
			continue;
		}
		free(own);
		free(loc->home_set);
		loc->home_set = confirmed_home(latin,
			latin->screen[c->home], budget);
	}
}
