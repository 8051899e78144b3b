/*
 * content_locale.c - the .conf files of locales/: one language's texts for
 * the nodes, its system texts, word lists and urgent words.
 *
 * A locale file names nodes by id, so it is read after every menu file;
 * a text for a node that does not exist is an error, and so is a node
 * left without a text.  {placeholders} are expanded once, at load, from
 * yordam.conf (conf_expand), so each deployment puts its own numbers in
 * the same files.  The locale is freed here too, next to the tables that say
 * which of its fields hold what.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_private.h"
#include "yordam/i18n.h"

#define N_OF(a) (sizeof (a) / sizeof (a)[0])

/*
 * The system texts and word lists of a locale, once: loading, deriving a
 * transliterated variant and freeing all walk these tables, so a new text
 * or list is one line here (and one in content.h).
 */
#define LOC_OFF(f) offsetof(struct locale, f)
const struct locale_text_field content_system_texts[] = {
	{ "hint", LOC_OFF(hint) },
	{ "help_queued", LOC_OFF(help_queued) },
	{ "check_hotline", LOC_OFF(check_hotline) },
	{ "language_set", LOC_OFF(language_set) },
	{ "ask_nationality", LOC_OFF(ask_nationality) },
	{ "ask_date", LOC_OFF(ask_date) },
	{ "bad_date", LOC_OFF(bad_date) },
	{ "date_again", LOC_OFF(date_again) },
	{ "deadline_result", LOC_OFF(deadline_result) },
	{ "no_rule", LOC_OFF(no_rule) },
	{ "deadline_result_window", LOC_OFF(deadline_result_window) },
	{ "reminder_offer", LOC_OFF(reminder_offer) },
	{ "reminder_set", LOC_OFF(reminder_set) },
	{ "reminder", LOC_OFF(reminder) },
	{ "stopped", LOC_OFF(stopped) },
	{ "deleted", LOC_OFF(deleted) },
	{ "urgent_reply", LOC_OFF(urgent_reply) },
	{ "started", LOC_OFF(started) },
	{ "limit_notice", LOC_OFF(limit_notice) },
	{ "deadline_result_contract", LOC_OFF(deadline_result_contract) },
	{ "ask_earlier_stay", LOC_OFF(ask_earlier_stay) },
	{ "earlier_stay_person", LOC_OFF(earlier_stay_person) },
	{ "registration_passed", LOC_OFF(registration_passed) },
	{ "stay_passed", LOC_OFF(stay_passed) },
	{ "crisis_reply", LOC_OFF(crisis_reply) },
	{ "conversation_ack", LOC_OFF(conversation_ack) },
	{ "conversation_closed", LOC_OFF(conversation_closed) },
	{ "conversation_expired", LOC_OFF(conversation_expired) },
};
const struct locale_words_field content_word_lists[] = {
	{ "help_words", LOC_OFF(help_words), LOC_OFF(n_help_words), 1 },
	{ "language_words", LOC_OFF(language_words), LOC_OFF(n_language_words), 1 },
	{ "common_words", LOC_OFF(common_words), LOC_OFF(n_common_words), 0 },
	{ "stop_words", LOC_OFF(stop_words), LOC_OFF(n_stop_words), 1 },
	{ "delete_words", LOC_OFF(delete_words), LOC_OFF(n_delete_words), 1 },
	{ "start_words", LOC_OFF(start_words), LOC_OFF(n_start_words), 1 },
	{ "latin_words", LOC_OFF(latin_words), LOC_OFF(n_latin_words), 0 },
	{ "greeting_words", LOC_OFF(greeting_words), LOC_OFF(n_greeting_words),
		0 },
	{ "not_help_words", LOC_OFF(not_help_words), LOC_OFF(n_not_help_words),
		0 },
};
const int content_n_system_texts = N_OF(content_system_texts);

/* The system texts read by someone who asked for a person or is in
 * danger: each must carry {emergency}. */
int
content_system_text_is_urgent(const char *key)
{
	static const char *const urgent[] = { "help_queued", "urgent_reply",
		"limit_notice", "earlier_stay_person", "registration_passed",
		"stay_passed", "crisis_reply", "conversation_ack" };
	size_t i;

	for (i = 0; i < N_OF(urgent); i++)
		if (strcmp(key, urgent[i]) == 0)
			return 1;
	return 0;
}
const int content_n_word_lists = N_OF(content_word_lists);

/*
 * urgent = { passport = [...]; violence = [...]; };  Category names are
 * the NGO's; they go with the help request so staff see why it is urgent.
 */
static void
load_urgent(struct locale *loc, config_setting_t *root, const char *path,
		struct content_errors *errs)
{
	config_setting_t *g = config_setting_get_member(root, "urgent");
	int i, n;

	if (!g) {
		content_add_error(errs, path, 1, _("'urgent' group is missing"));
		return;
	}
	if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
		content_add_error(errs, path, config_setting_source_line(g),
			_("'urgent' must be a group { category = [\"word\", ...]; }"));
		return;
	}
	n = config_setting_length(g);
	loc->urgent = calloc((size_t)n + 1, sizeof *loc->urgent);
	for (i = 0; loc->urgent && i < n; i++) {
		config_setting_t *e = config_setting_get_elem(g, (unsigned)i);
		struct urgent_list *u = &loc->urgent[loc->n_urgent++];
		u->category = strdup(config_setting_name(e));
		u->words = conf_words(g, u->category, &u->n_words, path, errs);
	}
}

static char *
system_text(config_setting_t *sys, const char *key, const char *path,
		const struct yordam_config *cfg, struct content_errors *errs)
{
	const char *s;
	char what[64];

	if (!sys)
		return NULL;
	s = conf_string(sys, key, path, errs, 1);
	if (!s)
		return NULL;
	snprintf(what, sizeof what, "system.%s", key);
	return conf_expand(s, cfg, path, config_setting_source_line(sys), what,
		errs);
}

/*
 * A new locale at the end of c->locales, with its per-node arrays empty;
 * NULL when memory runs out.
 */
static struct locale *
add_locale(struct content *c, const char *code, const char *name,
		const char *path)
{
	struct locale *loc, *grown;

	grown = realloc(c->locales, (size_t)(c->n_locales + 1) * sizeof *grown);
	if (!grown)
		return NULL;
	c->locales = grown;
	loc = &c->locales[c->n_locales++];
	memset(loc, 0, sizeof *loc);
	loc->code = strdup(code);
	loc->name = strdup(name);
	loc->file = strdup(path);
	loc->label = calloc((size_t)c->n_nodes + 1, sizeof(char *));
	loc->text = calloc((size_t)c->n_nodes + 1, sizeof(char *));
	loc->screen = calloc((size_t)c->n_nodes + 1, sizeof(char *));
	loc->line = calloc((size_t)c->n_nodes + 1, sizeof(int));
	loc->keywords = calloc((size_t)c->n_nodes + 1, sizeof(char **));
	loc->n_keywords = calloc((size_t)c->n_nodes + 1, sizeof(int));
	loc->reviewed_by = calloc((size_t)c->n_nodes + 1, sizeof(char *));
	loc->reviewed_on = calloc((size_t)c->n_nodes + 1, sizeof(char *));
	return loc;
}

/* Who read this language's text of node k, and when (conf_review). */
static void
load_review(struct locale *loc, int k, config_setting_t *t, const char *id,
		const char *path, struct content_errors *errs)
{
	const char *by, *on;

	if (conf_review(t, id, loc->code, path, errs, &by, &on) == 1 &&
	    loc->reviewed_by && loc->reviewed_on) {
		loc->reviewed_by[k] = strdup(by);
		loc->reviewed_on[k] = strdup(on);
	}
}

/* texts.<id> = { label = ...; text = ...; keywords = [...]; } */
static void
load_node_texts(struct content *c, struct locale *loc, config_setting_t *t,
		const char *path, const struct yordam_config *cfg,
		struct content_errors *errs)
{
	const char *id = config_setting_name(t);
	int k = content_node_index(c, id), line =
		config_setting_source_line(t);
	const char *label, *text;
	char what[128];

	if (k < 0) {
		add_error(errs, path, line, _("texts for '%s', which is not a"
			" node in menus/"), id);
		return;
	}
	if (config_setting_type(t) != CONFIG_TYPE_GROUP) {
		add_error(errs, path, line, _("'%s' must be a group { label ="
			" ...; text = ...; }"), id);
		return;
	}
	label = conf_string(t, "label", path, errs, k != c->home);
	text = conf_string(t, "text", path, errs, 1);
	snprintf(what, sizeof what, "'%s'", id);
	loc->line[k] = line;
	if (label)
		loc->label[k] = conf_expand(label, cfg, path, line, what, errs);
	if (config_setting_get_member(t, "keywords") && loc->keywords)
		loc->keywords[k] = conf_words(t, "keywords",
			&loc->n_keywords[k], path, errs);
	if (text)
		loc->text[k] = conf_expand(text, cfg, path, line, what, errs);
	load_review(loc, k, t, id, path, errs);
	/* Someone in danger reads this: the emergency number, always. */
	if (text && c->nodes[k].urgent && !strstr(text, "{emergency}"))
		add_error(errs, path, line, _("'%s' is for someone in danger"
			" (urgent = true in %s): its text must give"
			" {emergency}"), id, c->nodes[k].file);
}

/* A draft without this language yet: work to do, not an error; tried
 * with --drafts, it says so in the place of its text. */
static void
draft_untranslated(struct content *c, struct locale *loc, int k,
		const char *path, int line, const struct yordam_config *cfg,
		struct content_errors *errs)
{
	char said[160];

	c->nodes[k].untranslated++;
	content_add_note(errs, path, line, _("draft '%s': no text in '%s' yet"
		" (work to do; the draft is offered to no one until every"
		" language has it and its status is \"confirmed\" or \"to"
		" verify\")"), c->nodes[k].id, loc->code);
	if (!cfg || !cfg->content_drafts)
		return;
	snprintf(said, sizeof said, "[draft %s: no %s text yet]",
		c->nodes[k].id, loc->code);
	loc->text[k] = strdup(said);
	if (!loc->label[k] && k != c->home)
		loc->label[k] = strdup("[draft]");
}

static void
load_texts(struct content *c, struct locale *loc, config_setting_t *root,
		const char *path, const char *code,
		const struct yordam_config *cfg, struct content_errors *errs)
{
	config_setting_t *texts = config_setting_get_member(root, "texts");
	int i;

	if (!texts || config_setting_type(texts) != CONFIG_TYPE_GROUP) {
		add_error(errs, path, 1, _("'texts' group is missing"));
		return;
	}
	for (i = 0; i < config_setting_length(texts); i++)
		load_node_texts(c, loc, config_setting_get_elem(texts,
			(unsigned)i), path, cfg, errs);
	for (i = 0; i < c->n_nodes; i++)
		if (!loc->text[i] && c->nodes[i].draft)
			draft_untranslated(c, loc, i, path,
				config_setting_source_line(texts), cfg, errs);
		else if (!loc->text[i])
			add_error(errs, path, config_setting_source_line(texts),
				_("no text for node '%s' in language '%s'"),
				c->nodes[i].id, code);
}

static void
load_system_texts(struct locale *loc, config_setting_t *root,
		const char *path, const struct yordam_config *cfg,
		struct content_errors *errs)
{
	config_setting_t *sys = config_setting_get_member(root, "system");
	int i;

	if (!sys || config_setting_type(sys) != CONFIG_TYPE_GROUP) {
		add_error(errs, path, 1, _("'system' group is missing"));
		sys = NULL;
	} else {
		loc->system_line = config_setting_source_line(sys);
	}
	for (i = 0; i < content_n_system_texts; i++)
		LOC_TEXT(loc, i) = system_text(sys, content_system_texts[i].key,
			path, cfg, errs);
	/* A person asking for help hears the emergency number. */
	for (i = 0; sys && i < content_n_system_texts; i++) {
		const char *key = content_system_texts[i].key, *raw = NULL;
		if (content_system_text_is_urgent(key) &&
		    config_setting_lookup_string(sys, key, &raw) && raw &&
		    !strstr(raw, "{emergency}"))
			add_error(errs, path, config_setting_source_line(sys),
				_("system.%s is read by someone who asked for a"
				" person: it must give {emergency}"), key);
	}
}

/* conditions = { work_contract = "..? 1 yes 2 no"; }: the calculator's
 * questions before it can pick a rule (law/deadlines.conf, when). */
static void
load_conditions(struct locale *loc, config_setting_t *root,
		const char *path, const struct yordam_config *cfg,
		struct content_errors *errs)
{
	config_setting_t *g = config_setting_get_member(root, "conditions");
	int i, n;

	if (!g)
		return;
	if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
		add_error(errs, path, config_setting_source_line(g),
			_("'conditions' must be a group { work_contract ="
			" \"question? 1 yes 2 no\"; }"));
		return;
	}
	n = config_setting_length(g);
	loc->condition_names = calloc((size_t)n + 1, sizeof(char *));
	loc->condition_texts = calloc((size_t)n + 1, sizeof(char *));
	for (i = 0; loc->condition_names && loc->condition_texts && i < n;
	    i++) {
		config_setting_t *e = config_setting_get_elem(g, (unsigned)i);
		const char *q = config_setting_get_string(e);
		char what[80];
		if (!q) {
			add_error(errs, path, config_setting_source_line(e),
				_("conditions.%s must be a text in quotes"),
				config_setting_name(e));
			continue;
		}
		snprintf(what, sizeof what, "conditions.%s",
			config_setting_name(e));
		loc->condition_names[loc->n_conditions] =
			strdup(config_setting_name(e));
		loc->condition_texts[loc->n_conditions++] = conf_expand(q, cfg,
			path, config_setting_source_line(e), what, errs);
	}
}

/* The lists that are optional are read only when present. */
static void
load_word_lists(struct locale *loc, config_setting_t *root,
		const char *path, struct content_errors *errs)
{
	int i;

	for (i = 0; i < content_n_word_lists; i++)
		if (content_word_lists[i].required ||
		    config_setting_get_member(root, content_word_lists[i].key))
			LOC_WORDS(loc, i) = conf_words(root,
				content_word_lists[i].key, &LOC_NWORDS(loc, i),
				path, errs);
}

/* cyrillic_keep = ["UNHCR", "SMS"]: Latin in both scripts, kept as
 * written (not normalised: they are copied, not matched).  The values of
 * the deployment's placeholders are kept too: texts are expanded before
 * the variant is made, and an address ({office}) is written one way. */
static void
load_kept_words(struct locale *loc, config_setting_t *root, const char *path,
		const struct yordam_config *cfg, struct content_errors *errs)
{
	config_setting_t *g = config_setting_get_member(root, "cyrillic_keep");
	int i, n = 0, n_cfg = cfg ? cfg->n_placeholders : 0;

	if (g && config_setting_type(g) != CONFIG_TYPE_ARRAY &&
	    config_setting_type(g) != CONFIG_TYPE_LIST) {
		add_error(errs, path, config_setting_source_line(g),
			_("cyrillic_keep must be a list [\"UNHCR\", ...]"));
		g = NULL;
	}
	if (g)
		n = config_setting_length(g);
	loc->cyrillic_keep = calloc((size_t)(n + n_cfg) + 1, sizeof(char *));
	for (i = 0; loc->cyrillic_keep && i < n; i++) {
		const char *w = config_setting_get_string_elem(g, i);
		if (!w || !*w) {
			add_error(errs, path, config_setting_source_line(g),
				_("cyrillic_keep: item %d must be a word in"
				" quotes"), i + 1);
			continue;
		}
		loc->cyrillic_keep[loc->n_cyrillic_keep++] = strdup(w);
	}
	for (i = 0; loc->cyrillic_keep && i < n_cfg; i++)
		if (*cfg->placeholders[i].value)
			loc->cyrillic_keep[loc->n_cyrillic_keep++] =
				strdup(cfg->placeholders[i].value);
}

void
content_load_locale(struct content *c, const char *path,
		const struct yordam_config *cfg, struct content_errors *errs)
{
	config_t lc;
	config_setting_t *root;
	struct locale *loc;
	const char *code, *name, *v;

	if (conf_read(&lc, path, errs) != 0)
		return;
	root = config_root_setting(&lc);
	code = conf_string(root, "language", path, errs, 1);
	name = conf_string(root, "name", path, errs, 1);
	if (!code || !name) {
		config_destroy(&lc);
		return;
	}
	if (content_locale(c, code)) {
		add_error(errs, path, 1, _("language '%s' is defined twice"), code);
		config_destroy(&lc);
		return;
	}
	loc = add_locale(c, code, name, path);
	if (!loc) {
		config_destroy(&lc);
		return;
	}
	if (!config_setting_lookup_int(root, "order", &loc->order))
		add_error(errs, path, 1, _("'order' (a whole number) is missing"));
	load_texts(c, loc, root, path, code, cfg, errs);
	load_system_texts(loc, root, path, cfg, errs);
	load_conditions(loc, root, path, cfg, errs);
	content_load_replies(loc, root, path, cfg, errs);
	v = conf_string(root, "cyrillic_variant", path, errs, 0);
	loc->script_variant = v ? strdup(v) : NULL;
	v = conf_string(root, "latin_variant", path, errs, 0);
	loc->latin_variant = v ? strdup(v) : NULL;
	load_word_lists(loc, root, path, errs);
	load_kept_words(loc, root, path, cfg, errs);
	load_urgent(loc, root, path, errs);
	content_check_unsafe_words(c, loc, root, path, errs);
	config_destroy(&lc);
}

static void
free_strings(char **v, int n)
{
	int i;

	if (!v)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
content_free_locale(struct locale *l, int n_nodes)
{
	int k;

	free(l->code);
	free(l->name);
	free(l->file);
	free_strings(l->label, n_nodes);
	free_strings(l->text, n_nodes);
	free_strings(l->screen, n_nodes);
	free(l->home_set);
	free(l->line);
	free_strings(l->reviewed_by, n_nodes);
	free_strings(l->reviewed_on, n_nodes);
	free_strings(l->condition_names, l->n_conditions);
	free_strings(l->cyrillic_keep, l->n_cyrillic_keep);
	free_strings(l->condition_texts, l->n_conditions);
	if (l->keywords)
		for (k = 0; k < n_nodes; k++)
			free_strings(l->keywords[k], l->n_keywords[k]);
	free(l->keywords);
	free(l->n_keywords);
	for (k = 0; k < content_n_system_texts; k++)
		free(LOC_TEXT(l, k));
	for (k = 0; k < content_n_word_lists; k++)
		free_strings(LOC_WORDS(l, k), LOC_NWORDS(l, k));
	for (k = 0; k < l->n_urgent; k++) {
		free(l->urgent[k].category);
		free_strings(l->urgent[k].words, l->urgent[k].n_words);
	}
	free(l->urgent);
	content_free_replies(l);
	free(l->script_variant);
	free(l->latin_variant);
	free(l->latin_base);
}
