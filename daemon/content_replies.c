/*
 * content_replies.c - a locale file's canned replies: the short texts
 * staff send to a person in that person's language ("we will call you
 * back", "which city are you in?") instead of typing them each time.
 *
 *   replies = {
 *     call_back = "...";
 *     documents = { text = "..."; reviewed_by = "native speaker, ky";
 *                   reviewed_on = "2026-11-25"; };
 *   };
 *
 * A reply is a text in quotes, or a group with its text and its review
 * as a node's text has (no review: no native speaker has read it).  Its
 * {placeholders} are expanded like every text's.  What needs all the
 * locales (every reply in every language, the same numbers) is checked in
 * content_validate.c, the SMS budget in content_render.c, and the
 * variants are copied in content_derive.c.  The lookups by name are here:
 * a few replies, picked a few times a day, so a walk of the list will do.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "content_private.h"
#include "yordam/i18n.h"

/* [a-z0-9_]+: a name staff type after --template, the same everywhere. */
static int
reply_name_valid(const char *name)
{
	const char *p;

	if (!name || !*name)
		return 0;
	for (p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '_'))
			return 0;
	return 1;
}

static int
blank(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

/* The text of reply e (a string, or a group's text and its review). */
static const char *
reply_text(config_setting_t *e, const char *what, const struct locale *loc,
		const char *path, struct content_errors *errs,
		const char **by, const char **on)
{
	int line = config_setting_source_line(e);

	*by = *on = NULL;
	if (config_setting_type(e) == CONFIG_TYPE_STRING)
		return config_setting_get_string(e);
	if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
		add_error(errs, path, line, _("%s must be a text in quotes, or"
			" a group { text = \"...\"; reviewed_by = \"...\";"
			" reviewed_on = \"YYYY-MM-DD\"; }"), what);
		return NULL;
	}
	if (!config_setting_get_member(e, "text")) {
		add_error(errs, path, line, _("%s: its 'text' is missing"), what);
		return NULL;
	}
	if (conf_review(e, what, loc->code, path, errs, by, on) != 1)
		*by = *on = NULL;
	return conf_string(e, "text", path, errs, 1);
}

static void
load_reply(struct locale *loc, config_setting_t *e, const char *path,
		const struct yordam_config *cfg, struct content_errors *errs)
{
	const char *name = config_setting_name(e), *text, *by, *on;
	int line = config_setting_source_line(e), i = loc->n_replies;
	char what[96], unset[64];

	snprintf(what, sizeof what, "replies.%s", name ? name : "?");
	if (!reply_name_valid(name)) {
		add_error(errs, path, line, _("%s: a reply's name is small"
			" Latin letters, digits and _ only (like call_back)"),
			what);
		return;
	}
	text = reply_text(e, what, loc, path, errs, &by, &on);
	if (!text)
		return;
	if (blank(text)) {
		add_error(errs, path, line, _("%s is empty: write what staff"
			" send, or remove the reply"), what);
		return;
	}
	/* A canned reply is staff's convenience: one that needs a
	 * placeholder yordam.conf lacks (kept through an upgrade that added
	 * it) is left out with a note, where a text people get would be an
	 * error that stops the helpline. */
	if (cfg && conf_unset_placeholder(text, cfg, unset, sizeof unset)) {
		content_add_note(errs, path, line, _("%s left out: it needs {%s},"
			" which placeholders of yordam.conf does not set"), what,
			unset);
		return;
	}
	loc->reply_names[i] = strdup(name);
	loc->reply_texts[i] = conf_expand(text, cfg, path, line, what, errs);
	loc->reply_reviewed_by[i] = by ? strdup(by) : NULL;
	loc->reply_reviewed_on[i] = on ? strdup(on) : NULL;
	loc->reply_line[i] = line;
	if (loc->reply_names[i] && loc->reply_texts[i]) {
		loc->n_replies++;
		return;
	}
	free(loc->reply_names[i]);      /* out of memory: not kept */
	free(loc->reply_texts[i]);
	free(loc->reply_reviewed_by[i]);
	free(loc->reply_reviewed_on[i]);
	loc->reply_names[i] = loc->reply_texts[i] = NULL;
	loc->reply_reviewed_by[i] = loc->reply_reviewed_on[i] = NULL;
}

void
content_load_replies(struct locale *loc, config_setting_t *root,
		const char *path, const struct yordam_config *cfg,
		struct content_errors *errs)
{
	config_setting_t *g = config_setting_get_member(root, "replies");
	int i, n;

	if (!g)
		return;
	loc->replies_line = config_setting_source_line(g);
	if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
		add_error(errs, path, loc->replies_line, _("'replies' must be a"
			" group { call_back = \"...\"; documents = \"...\"; }"));
		return;
	}
	n = config_setting_length(g);
	loc->reply_names = calloc((size_t)n + 1, sizeof(char *));
	loc->reply_texts = calloc((size_t)n + 1, sizeof(char *));
	loc->reply_reviewed_by = calloc((size_t)n + 1, sizeof(char *));
	loc->reply_reviewed_on = calloc((size_t)n + 1, sizeof(char *));
	loc->reply_line = calloc((size_t)n + 1, sizeof(int));
	if (!loc->reply_names || !loc->reply_texts || !loc->reply_line ||
	    !loc->reply_reviewed_by || !loc->reply_reviewed_on) {
		content_free_replies(loc);
		return;
	}
	for (i = 0; i < n && loc->reply_names; i++)
		load_reply(loc, config_setting_get_elem(g, (unsigned)i), path,
			cfg, errs);
}

void
content_free_replies(struct locale *l)
{
	int i;

	for (i = 0; i < l->n_replies; i++) {
		free(l->reply_names[i]);
		free(l->reply_texts[i]);
		free(l->reply_reviewed_by[i]);
		free(l->reply_reviewed_on[i]);
	}
	free(l->reply_names);
	free(l->reply_texts);
	free(l->reply_reviewed_by);
	free(l->reply_reviewed_on);
	free(l->reply_line);
	l->reply_names = l->reply_texts = NULL;
	l->reply_reviewed_by = l->reply_reviewed_on = NULL;
	l->reply_line = NULL;
	l->n_replies = 0;
}

const char *
content_reply(const struct locale *l, const char *name)
{
	int i;

	if (!l || !name)
		return NULL;
	for (i = 0; i < l->n_replies; i++)
		if (strcasecmp(l->reply_names[i], name) == 0)
			return l->reply_texts[i];
	return NULL;
}

int
content_reply_names(const struct content *c, const char *const **names)
{
	*names = NULL;
	if (!c || !c->n_locales || !c->locales[0].n_replies)
		return 0;
	*names = (const char *const *)c->locales[0].reply_names;
	return c->locales[0].n_replies;
}
