/*
 * engine.c - menus, language choice and help requests.
 *
 * The session is a path of node ids from home ("home/wages").  A digit
 * picks an option of the node at the end of the path; a menu is pushed, an
 * answer is sent while the path stays, so the next digit picks a sibling.
 * "0" pops, "00" or "#" goes home.  A help word in any language goes to a
 * human from anywhere, and a language word switches language from
 * anywhere: a person in trouble should never have to find the right menu.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_private.h"
#include "yordam/match.h"
#include "yordam/text.h"

static void show_node(const struct content *c, const struct locale *loc,
		int k, struct engine_result *out);
static void ask_for_help(const struct content *c, int topic,
		const char *text, struct engine_result *out);
static void path_push(char *path, size_t size, const char *id);

/* Index of the node at the end of the path; home if the path is broken. */
static int
current_node(const struct content *c, const char *path)
{
	const char *last = strrchr(path, '/');
	int k = content_node_index(c, last ? last + 1 : path);

	return k >= 0 && c->nodes[k].type == NODE_MENU ? k : c->home;
}

static void
path_push(char *path, size_t size, const char *id)
{
	size_t len = strlen(path);

	if (len + strlen(id) + 2 <= size)
		snprintf(path + len, size - len, "/%s", id);
}

static void
path_pop(char *path)
{
	char *last = strrchr(path, '/');

	if (last)
		*last = '\0';
}

/* The first urgent category any language's words match, or NULL. */
static const char *
urgent_category(const struct content *c, const char *norm,
		const struct locale **from)
{
	int i, j;

	for (i = 0; i < c->n_locales; i++)
		for (j = 0; j < c->locales[i].n_urgent; j++) {
			const struct urgent_list *u = &c->locales[i].urgent[j];
			if (match_keywords(norm, u->words, u->n_words) > 0) {
				*from = &c->locales[i];
				return u->category;
			}
		}
	return NULL;
}

/* The word lists that act only when they are the whole message. */
enum word_list {
	WORDS_START,    /* reminders on again */
	WORDS_STOP,     /* no reminders or broadcasts */
	WORDS_DELETE,   /* erase what the helpline holds about me */
};

static char **
word_list(const struct locale *l, enum word_list which, int *n)
{
	switch (which) {
	case WORDS_DELETE:
		*n = l->n_delete_words;
		return l->delete_words;
	case WORDS_STOP:
		*n = l->n_stop_words;
		return l->stop_words;
	case WORDS_START:
		break;
	}
	*n = l->n_start_words;
	return l->start_words;
}

/* The locale one of whose `which` words the whole message is, or NULL. */
static const struct locale *
exact_list(const struct content *c, const char *norm, enum word_list which)
{
	int i, j, n;

	for (i = 0; i < c->n_locales; i++) {
		const struct locale *l = &c->locales[i];
		char **w = word_list(l, which, &n);
		for (j = 0; j < n; j++)
			if (strcmp(norm, w[j]) == 0)
				return l;
	}
	return NULL;
}

/* Help words forgive a typo too: a person in trouble types fast. */
static int
is_help_word(const struct content *c, const char *norm)
{
	int i;

	for (i = 0; i < c->n_locales; i++)
		if (match_keywords(norm, c->locales[i].help_words,
		    c->locales[i].n_help_words) > 0)
			return 1;
	return 0;
}

/*
 * Free text to a topic: the node whose keywords the message matches best,
 * in any language (people mix them), the person's own language winning
 * ties.  *from is set to the locale whose keywords matched.
 */
static int
route_by_keywords(const struct content *c, const struct locale *own,
		const char *norm, const struct locale **from)
{
	int best = -1, best_score = 0, l, k;

	*from = NULL;
	for (l = 0; l < c->n_locales; l++) {
		const struct locale *loc = &c->locales[l];
		if (!loc->keywords || loc->latin_base)
			continue;
		for (k = 0; k < c->n_nodes; k++) {
			int score = match_keywords(norm, loc->keywords[k],
				loc->n_keywords[k]) * 2 + (loc == own);
			if (score > 1 && score > best_score) {
				best_score = score;
				best = k;
				*from = loc;
			}
		}
	}
	return best;
}

/* How a node was reached: a menu reached by keyword starts its path
 * again from home. */
enum reached_by {
	BY_DIGIT,       /* an option of the node at the end of the path */
	BY_KEYWORD,     /* from anywhere */
};

/* Enter node k, from `here` (where help is asked for) by `how`. */
static void
reach_node(const struct content *c, const struct locale *loc, int k,
		int here, enum reached_by how, const struct engine_params *p,
		const char *norm, struct engine_result *out)
{
	switch (c->nodes[k].type) {
	case NODE_MENU:
		if (how == BY_KEYWORD)
			snprintf(out->state.path, sizeof out->state.path,
				"home");
		if (k != c->home)
			path_push(out->state.path, sizeof out->state.path,
				c->nodes[k].id);
		show_node(c, loc, k, out);
		break;
	case NODE_ANSWER:
		show_node(c, loc, k, out);
		break;
	case NODE_HELP:
		ask_for_help(c, here, loc->screen[k], out);
		out->replies[out->n_replies - 1].node = c->nodes[k].id;
		break;
	case NODE_DEADLINE:
		engine_deadline_start(c, loc, p, norm, out);
		break;
	}
}

/* The key a message is: "1".."9", "0", "00" or "#", or none. */
static struct choice
parse_choice(const char *norm)
{
	struct choice ch = { CHOICE_NONE, 0 };

	if (strcmp(norm, "00") == 0 || strcmp(norm, "#") == 0) {
		ch.kind = CHOICE_HOME;
	} else if (norm[0] == '0' && norm[1] == '\0') {
		ch.kind = CHOICE_BACK;
	} else if (norm[0] >= '1' && norm[0] <= '9' && norm[1] == '\0') {
		ch.kind = CHOICE_OPTION;
		ch.option = norm[0] - '0';
	}
	return ch;
}

static void
show_node(const struct content *c, const struct locale *loc, int k,
		struct engine_result *out)
{
	engine_reply(out, loc->screen[k], c->nodes[k].id);
}

static void
ask_for_help(const struct content *c, int topic, const char *text,
		struct engine_result *out)
{
	out->help_requested = 1;
	out->help_topic = c->nodes[topic].id;
	engine_reply(out, text, "help");
}

void
engine_step(const struct content *c, const struct engine_params *p,
		const struct conv_state *in, const char *text, int64_t now,
		struct engine_result *out)
{
	const struct locale *loc, *switched;
	char *norm = text_normalise(text), *light = text_casefold(text);
	const char *lang;
	struct choice choice;
	int chosen_by_digit = 0, k, here;

	memset(out, 0, sizeof *out);
	out->state = *in;
	out->state.last_seen = now;
	if (!norm)
		norm = strdup("");
	if (!light)
		light = strdup("");
	if (!norm || !light) {
		free(norm);
		free(light);
		return;
	}
	choice = parse_choice(norm);

	/* DELETE erases what the helpline holds about the sender (done by
	 * the caller in the same transaction) and confirms it. */
	{
		const struct locale *said = exact_list(c, norm, WORDS_DELETE);
		if (said) {
			const struct locale *loc = in->lang[0]
				? content_locale(c, in->lang) : NULL;
			out->erase = 1;
			engine_reply(out, (loc ? loc : said)->deleted,
				"deleted");
			free(norm);
			free(light);
			return;
		}
	}

	/* STOP and START only switch reminders off and on; they are never
	 * a menu answer, and help stays open to whoever said STOP. */
	{
		const struct locale *said, *cur = in->lang[0]
			? content_locale(c, in->lang) : NULL;
		int stop = 0;
		if ((said = exact_list(c, norm, WORDS_STOP)) != NULL)
			stop = 1;
		else
			said = exact_list(c, norm, WORDS_START);
		if (said) {
			const struct locale *loc = cur ? cur : said;
			out->state.opted_out = stop;
			out->state.pending[0] = '\0';
			if (!in->lang[0] && !said->derived)
				snprintf(out->state.lang, sizeof out->state.lang,
					"%s", said->code);
			engine_reply(out, stop ? loc->stopped : loc->started,
				stop ? "stop" : "start");
			free(norm);
			free(light);
			return;
		}
	}

	/* Urgent words go to a human first, in any language, at any point:
	 * a short reply that a person will contact them, the emergency
	 * number, and the answer for the topic if there is one. */
	{
		const struct locale *said;
		const char *category = urgent_category(c, norm, &said);
		if (category) {
			const struct locale *loc = in->lang[0]
				? content_locale(c, in->lang) : NULL;
			const struct locale *from;
			int k;
			if (!loc && (lang = engine_obvious_language(c, light,
			    norm)) != NULL)
				loc = content_locale(c, lang);
			if (!loc)
				loc = content_locale(c, said->latin_base
					? said->latin_base : said->code);
			snprintf(out->state.lang, sizeof out->state.lang, "%s",
				loc->code);
			out->state.awaiting_language = 0;
			out->state.pending[0] = '\0';
			if (!out->state.path[0])
				snprintf(out->state.path, sizeof out->state.path,
					"home");
			out->help_requested = 1;
			out->urgent = category;
			out->help_topic = c->nodes[current_node(c,
				out->state.path)].id;
			engine_reply(out, loc->urgent_reply, "urgent");
			k = route_by_keywords(c, loc, norm, &from);
			if (k >= 0 && c->nodes[k].type == NODE_ANSWER)
				engine_reply(out, loc->screen[k],
					c->nodes[k].id);
			free(norm);
			free(light);
			return;
		}
	}

	/* No language yet: take an obvious one, a digit after the choice
	 * was shown, or show the choice. */
	if (!in->lang[0] || !content_locale(c, in->lang)) {
		lang = engine_obvious_language(c, light, norm);
		if (!lang && in->awaiting_language &&
		    choice_is_option(choice, c->n_offered)) {
			lang = c->locales[choice.option - 1].code;
			chosen_by_digit = 1;
		}
		if (!lang) {
			const struct locale *from;
			int k = route_by_keywords(c, NULL, norm, &from);
			if (k >= 0 && from)
				lang = from->code;
		}
		if (!lang) {
			out->state.awaiting_language = 1;
			snprintf(out->state.path, sizeof out->state.path, "home");
			engine_reply(out, c->language_prompt, "language");
			if (is_help_word(c, norm)) {
				out->help_requested = 1;
				out->help_topic = "home";
			}
			free(norm);
			free(light);
			return;
		}
		snprintf(out->state.lang, sizeof out->state.lang, "%s", lang);
		out->state.awaiting_language = 0;
		snprintf(out->state.path, sizeof out->state.path, "home");
		loc = content_locale(c, lang);
		if (is_help_word(c, norm)) {
			ask_for_help(c, c->home, loc->help_queued, out);
		} else if (chosen_by_digit) {
			engine_reply(out, loc->language_set, "language");
			show_node(c, loc, c->home, out);
		} else {
			const struct locale *from;
			int k = route_by_keywords(c, loc, norm, &from);
			reach_node(c, loc, k >= 0 ? k : c->home, c->home,
				BY_KEYWORD, p, norm, out);
		}
		free(norm);
		free(light);
		return;
	}

	loc = content_locale(c, in->lang);
	if ((switched = engine_script_variant(c, loc, light, norm)) != NULL) {
		loc = switched;
		snprintf(out->state.lang, sizeof out->state.lang, "%s",
			loc->code);
	}
	if (!in->path[0] || now - in->last_seen > p->session_timeout)
		snprintf(out->state.path, sizeof out->state.path, "home");
	here = current_node(c, out->state.path);
	if (here == c->home)
		snprintf(out->state.path, sizeof out->state.path, "home");

	if (now - in->last_seen > p->session_timeout)
		out->state.pending[0] = '\0';
	if (out->state.pending[0] && is_help_word(c, norm))
		out->state.pending[0] = '\0';
	if (out->state.pending[0] &&
	    engine_deadline_pending(c, loc, p, norm, choice, out)) {
		/* the calculator took the message */
	} else if ((switched = engine_latin_request(c, loc, norm)) != NULL) {
		snprintf(out->state.lang, sizeof out->state.lang, "%s",
			switched->code);
		loc = switched;
		engine_reply(out, loc->language_set, "language");
		show_node(c, loc, here, out);
	} else if ((switched = engine_language_word(c, norm)) != NULL) {
		snprintf(out->state.lang, sizeof out->state.lang, "%s",
			switched->code);
		loc = switched;
		engine_reply(out, switched->language_set, "language");
		show_node(c, switched, here, out);
	} else if (is_help_word(c, norm)) {
		ask_for_help(c, here, loc->help_queued, out);
	} else if (choice.kind == CHOICE_HOME) {
		snprintf(out->state.path, sizeof out->state.path, "home");
		show_node(c, loc, c->home, out);
	} else if (choice.kind == CHOICE_BACK) {
		path_pop(out->state.path);
		if (!out->state.path[0])
			snprintf(out->state.path, sizeof out->state.path,
				"home");
		show_node(c, loc, current_node(c, out->state.path), out);
	} else if (choice_is_option(choice, c->nodes[here].n_options)) {
		reach_node(c, loc, c->nodes[here].options[choice.option - 1],
			here, BY_DIGIT, p, norm, out);
	} else if (choice.kind == CHOICE_NONE &&
	    (k = route_by_keywords(c, loc, norm, &switched)) >= 0) {
		reach_node(c, loc, k, here, BY_KEYWORD, p, norm, out);
	} else if (now - in->last_seen > p->session_timeout) {
		/* Back after a long pause with something we do not know:
		 * the menu is more useful than a hint. */
		show_node(c, loc, c->home, out);
	} else {
		engine_reply(out, loc->hint, "hint");
	}
	free(norm);
	free(light);
}
