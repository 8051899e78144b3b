/*
 * content_validate.c - the checks that look across texts: unsafe words,
 * numbers that differ between translations, language words that clash,
 * locales sharing an order, a canned reply missing in a language.
 *
 * Each check only adds errors and never changes the content, so the
 * caller can skip one that would only repeat an earlier error.  The
 * unsafe words check is called by the locale loader, as the list lives
 * in the locale file and is not kept; the per-file checks (a missing
 * key, a wrong type) stay with the loader that reads the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_private.h"
#include "yordam/text.h"
#include "yordam/i18n.h"

/*
 * Words a reply must never contain, because the phone may be read by an
 * employer or the police ("illegal", "undocumented"...).  Listed per
 * language in the locale file as unsafe_words, so NGOs can extend it.
 */
void
content_check_unsafe_words(struct content *c, struct locale *loc,
		config_setting_t *root, const char *path,
		struct content_errors *errs)
{
	char **words;
	int n = 0, i, k;

	if (!config_setting_get_member(root, "unsafe_words"))
		return;
	words = conf_words(root, "unsafe_words", &n, path, errs);
	for (k = 0; k < c->n_nodes; k++) {
		const char *texts[2] = { loc->text[k], loc->label[k] };
		int t;
		for (t = 0; t < 2; t++) {
			char *norm = texts[t] ? text_normalise(texts[t]) : NULL;
			for (i = 0; norm && i < n; i++)
				if (strstr(norm, words[i]))
					add_error(errs, path, loc->line[k],
						_("node '%s': '%s' is not safe to"
						" send (the phone may be read by"
						" others)"), c->nodes[k].id,
						words[i]);
			free(norm);
		}
	}
	for (k = 0; k < loc->n_replies; k++) {
		char *norm = text_normalise(loc->reply_texts[k]);
		for (i = 0; norm && i < n; i++)
			if (strstr(norm, words[i]))
				add_error(errs, path, loc->reply_line[k], _("reply"
					" '%s': '%s' is not safe to send (the"
					" phone may be read by others)"),
					loc->reply_names[k], words[i]);
		free(norm);
	}
	for (i = 0; i < n; i++)
		free(words[i]);
	free(words);
}

/* The numbers in a text, as a sorted, space-separated string. */
static void
numbers_of(const char *s, char *out, size_t size)
{
	char nums[32][16];
	int n = 0, i, j;
	size_t len = 0;

	while (*s && n < 32) {
		if (*s >= '0' && *s <= '9') {
			int k = 0;
			while (*s >= '0' && *s <= '9') {
				if (k < 15)
					nums[n][k++] = *s;
				s++;
			}
			nums[n++][k] = '\0';
		} else {
			s++;
		}
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(nums[j - 1], nums[j]) > 0; j--) {
			char tmp[16];
			memcpy(tmp, nums[j], 16);
			memcpy(nums[j], nums[j - 1], 16);
			memcpy(nums[j - 1], tmp, 16);
		}
	out[0] = '\0';
	for (i = 0; i < n && len + 17 < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s",
			i ? " " : "", nums[i]);
}

/* The same for the canned replies, whose numbers are mostly the
 * placeholders': a translation that lost {emergency} says so here. */
static void
check_reply_numbers(const struct content *c, struct content_errors *errs)
{
	char first[256], other[256];
	int i, l, k;

	for (i = 0; c->n_locales && i < c->locales[0].n_replies; i++) {
		const char *name = c->locales[0].reply_names[i];
		numbers_of(c->locales[0].reply_texts[i], first, sizeof first);
		for (l = 1; l < c->n_offered; l++) {
			const struct locale *loc = &c->locales[l];
			for (k = 0; k < loc->n_replies; k++)
				if (strcmp(loc->reply_names[k], name) == 0)
					break;
			if (k == loc->n_replies)
				continue;
			numbers_of(loc->reply_texts[k], other, sizeof other);
			if (strcmp(first, other) != 0)
				add_error(errs, loc->file, loc->reply_line[k],
					_("reply '%s': the numbers in '%s' (%s)"
					" differ from '%s' (%s), placeholders"
					" expanded"), name, loc->code,
					*other ? other : "none",
					c->locales[0].code,
					*first ? first : "none");
		}
	}
}

/*
 * A translation that says 30 where the others say 5 is a wrong answer in
 * one language: every text of a node must carry the same numbers.
 */
void
content_check_numbers(struct content *c, struct content_errors *errs)
{
	char first[256], other[256];
	int i, l;

	check_reply_numbers(c, errs);

	for (i = 0; i < c->n_nodes; i++) {
		if (!c->n_locales || !c->locales[0].text[i])
			continue;
		numbers_of(c->locales[0].text[i], first, sizeof first);
		for (l = 1; l < c->n_locales; l++) {
			if (!c->locales[l].text[i])
				continue;
			numbers_of(c->locales[l].text[i], other, sizeof other);
			if (strcmp(first, other) != 0)
				add_error(errs, c->locales[l].file,
					c->locales[l].line[i], _("node '%s': the"
					" numbers in '%s' (%s) differ from '%s'"
					" (%s)"), c->nodes[i].id,
					c->locales[l].code, *other ? other : "none",
					c->locales[0].code, *first ? first : "none");
		}
	}
}

/* A word that means two different languages cannot switch to either. */
void
content_check_word_clashes(struct content *c, struct content_errors *errs)
{
	int a, b, i, j;

	for (a = 0; a < c->n_offered; a++)
		for (b = a + 1; b < c->n_offered; b++)
			for (i = 0; i < c->locales[a].n_language_words; i++)
				for (j = 0; j < c->locales[b].n_language_words; j++)
					if (strcmp(c->locales[a].language_words[i],
					    c->locales[b].language_words[j]) == 0)
						add_error(errs, c->locales[b].file, 1,
							_("language word '%s' also"
							" means '%s'"),
							c->locales[b].language_words[j],
							c->locales[a].code);
}

/*
 * The language choice lists the offered locales by order; two with one
 * order would be listed in whichever way qsort left them.
 */
void
content_check_orders(const struct content *c, struct content_errors *errs)
{
	int i;

	for (i = 1; i < c->n_offered; i++)
		if (c->locales[i].order == c->locales[i - 1].order)
			add_error(errs, c->locales[i].file, 1, _("order %d is"
				" also used by '%s'"), c->locales[i].order,
				c->locales[i - 1].code);
}

void
content_check_conditions(const struct content *c, struct content_errors *errs)
{
	int r, k, l, i;

	for (r = 0; r < c->law.n_rules; r++)
		for (k = 0; k < c->law.rules[r].n_when; k++) {
			const char *name = c->law.rules[r].when[k].name;
			for (l = 0; l < c->n_locales; l++) {
				const struct locale *loc = &c->locales[l];
				int found = 0;
				if (loc->derived)
					continue;
				for (i = 0; i < loc->n_conditions; i++)
					found |= strcmp(loc->condition_names[i],
						name) == 0;
				if (!found)
					add_error(errs, loc->file, 1, _("rule '%s'"
						" of law/deadlines.conf asks"
						" '%s': add conditions = { %s ="
						" \"... 1 yes 2 no\"; } to this"
						" file"), c->law.rules[r].id,
						name, name);
			}
		}
}

/* The first offered locale with reply `name`, or -1. */
static int
first_with_reply(const struct content *c, const char *name)
{
	int l;

	for (l = 0; l < c->n_offered; l++)
		if (content_reply(&c->locales[l], name))
			return l;
	return -1;
}

/* The note that left reply name out of file, from its line number on
 * ("46: replies.office left out: ..."): the reply used a {placeholder}
 * yordam.conf does not set. */
static const char *
note_of(const struct content_errors *errs, const char *file,
		const char *name)
{
	size_t fl = strlen(file), nl = strlen(name);
	const char *m;
	int i;

	for (i = 0; i < errs->n_notes; i++) {
		m = errs->notes[i];
		if (strncmp(m, file, fl) != 0 || m[fl] != ':')
			continue;
		if ((m = strstr(m + fl, ": replies.")) && strncmp(m + 10,
				name, nl) == 0 && strncmp(m + 10 + nl,
				" left out", 9) == 0)
			return errs->notes[i] + fl + 1;
	}
	return NULL;
}

/*
 * Staff pick a reply by name whatever the person's language, so a reply
 * written in one language must be in all of them: each one missing is an
 * error at the file that lacks it, once, with where the reply is.
 */
void
content_check_replies(const struct content *c, struct content_errors *errs)
{
	int a, b, i;

	for (a = 0; a < c->n_offered; a++)
		for (i = 0; i < c->locales[a].n_replies; i++) {
			const struct locale *has = &c->locales[a];
			const char *name = has->reply_names[i];
			if (first_with_reply(c, name) != a)
				continue;
			for (b = 0; b < c->n_offered; b++) {
				const struct locale *loc = &c->locales[b];
				const char *note;
				if (content_reply(loc, name))
					continue;
				/* left out here for a {placeholder} the others
				 * do without: a typo, so an error after all */
				if ((note = note_of(errs, loc->file, name))) {
					add_error(errs, loc->file, atoi(note),
						_("%s (the other languages do"
						" without it: a typo?)"),
						strchr(note, ' ') + 1);
					continue;
				}
				add_error(errs, loc->file, loc->replies_line ?
					loc->replies_line : 1, _("reply '%s' (%s:%d)"
					" is missing in language '%s': add"
					" %s = \"...\"; to replies = { ... }"),
					name, has->file, has->reply_line[i],
					loc->code, name);
			}
		}
}
