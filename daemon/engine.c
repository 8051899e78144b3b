/*
 * engine.c - menus, language choice and help requests.
 *
 * The session is a path of node ids from home ("home/wages").  A digit
 * picks an option of the node at the end of the path; a menu is pushed, an
 * answer is sent while the path stays, so the next digit picks a sibling.
 * "0" pops, "00" or "#" goes home.  A help word in any language goes to a
 * human from anywhere, and a language word switches language from
 * anywhere: a person in trouble should never have to find the right menu.
 *
 * A message is offered to a list of handlers, in order, until one takes
 * it; the order is the precedence (see the tables above engine_step).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_private.h"
#include "yordam/match.h"
#include "yordam/text.h"

/* state.pending while a short choice of topics waits for its digit. */

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

/* The path starts again from home. */
static void
path_reset(struct engine_result *out)
{
	snprintf(out->state.path, sizeof out->state.path, "home");
}

static void
set_lang(struct engine_result *out, const char *code)
{
	snprintf(out->state.lang, sizeof out->state.lang, "%s", code);
}

static void
show_node(const struct content *c, const struct locale *loc, int k,
		struct engine_result *out)
{
	engine_reply(out, loc->screen[k], c->nodes[k].id);
}

/*
 * "Language: Kyrgyz" and node k (where the person is) in one SMS: the
 * home menu's is ready (content_home.c); another menu's is joined when
 * that is no more parts than the menu alone; else both go.
 */
static void
confirm_language(const struct content *c, const struct locale *loc, int k,
		struct engine_result *out)
{
	if (k == c->home && loc->home_set)
		engine_reply(out, loc->home_set, c->nodes[k].id);
	else if (!engine_reply_joined(out, loc->language_set, loc->screen[k],
	    c->nodes[k].id, 0)) {
		engine_reply(out, loc->language_set, "language");
		show_node(c, loc, k, out);
	}
}

static void
ask_for_help(const struct content *c, int topic, const char *text,
		struct engine_result *out)
{
	out->help_requested = 1;
	out->help_topic = c->nodes[topic].id;
	engine_reply(out, text, "help");
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
			path_reset(out);
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

/*
 * One message: what every handler reads, worked out once.  loc starts as
 * the session's language (in->lang), looked up once by engine_step, or
 * NULL before there is one; resume_session may replace it with the
 * variant in the person's script, and sets here.
 */
struct step {
	const struct content *c;
	const struct engine_params *p;
	const struct conv_state *in;
	const char *norm;               /* text_normalise()d */
	const char *light;              /* text_casefold()ed */
	struct choice choice;           /* the key the message is, if any */
	const struct locale *loc;       /* the language to answer in */
	int paused;                     /* back after the session timeout */
	int here;                       /* in a session: the current menu */
	struct topic topic;             /* what the text is about, once */
	int topic_known;
};

/* What the text is about, worked out on first use (the urgency check
 * and the topic handlers both read it). */
static const struct topic *
step_topic(struct step *s)
{
	if (!s->topic_known) {
		/* before a session, the language the text is obviously in
		 * gets the own-language bonus, as the session's would */
		const struct locale *own = s->loc;
		const char *lang;
		if (!own && (lang = engine_obvious_language(s->c, s->light,
		    s->norm)) != NULL)
			own = content_locale(s->c, lang);
		engine_topic(s->c, own, s->norm, &s->topic);
		s->topic_known = 1;
	}
	return &s->topic;
}

/* A handler takes the message (answers it and returns 1) or leaves it to
 * the next one (returns 0; only the calculator then changes anything: it
 * forgets its question when the person leaves it). */
typedef int step_handler(struct step *s, struct engine_result *out);

/* DELETE erases what the helpline holds about the sender (done by the
 * caller in the same transaction) and confirms it. */
static int
handle_delete(struct step *s, struct engine_result *out)
{
	const struct locale *said = engine_exact_word(s->c, s->norm,
		WORDS_DELETE);

	if (!said)
		return 0;
	out->erase = 1;
	engine_reply(out, (s->loc ? s->loc : said)->deleted, "deleted");
	return 1;
}

/* STOP and START only switch reminders off and on; they are never a menu
 * answer, and help stays open to whoever said STOP. */
static int
handle_stop_start(struct step *s, struct engine_result *out)
{
	const struct locale *said, *loc;
	int stop = 0;

	if ((said = engine_exact_word(s->c, s->norm, WORDS_STOP)) != NULL)
		stop = 1;
	else
		said = engine_exact_word(s->c, s->norm, WORDS_START);
	if (!said)
		return 0;
	loc = s->loc ? s->loc : said;
	out->state.opted_out = stop;
	out->state.pending[0] = '\0';
	if (!s->in->lang[0] && !said->derived)
		set_lang(out, said->code);
	engine_reply(out, stop ? loc->stopped : loc->started,
		stop ? "stop" : "start");
	return 1;
}

/* The language to answer urgent words in: the session's (or the one the
 * person now clearly writes in, or its other script), the obvious one,
 * or else the one whose words they were. */
static const struct locale *
urgent_locale(const struct step *s, const struct locale *said)
{
	const struct locale *loc = s->loc, *now;
	const char *lang;

	if (loc && ((now = engine_other_language(s->c, loc, s->light,
	    s->norm)) != NULL || (now = engine_script_variant(s->c, loc,
	    s->light, s->norm)) != NULL))
		loc = now;
	if (!loc && (lang = engine_obvious_language(s->c, s->light,
	    s->norm)) != NULL)
		loc = content_locale(s->c, lang);
	if (!loc && said)       /* in the script the text is in */
		loc = (now = engine_script_variant(s->c, said, s->light,
			s->norm)) != NULL ? now : said;
	return loc ? loc : &s->c->locales[0];
}

/* Urgent words go to a human first, in any language, at any point: a
 * short reply that a person will contact them, the emergency number, and
 * the answer for the topic if there is one. */
static int
handle_urgent(struct step *s, struct engine_result *out)
{
	const struct content *c = s->c;
	const struct locale *said, *loc;
	const char *category = engine_urgent_category(c, s->norm, &said,
		step_topic(s));
	const char *said_urgent;
	const struct topic *t;
	int crisis;

	if (!category)
		return 0;
	loc = urgent_locale(s, said);
	set_lang(out, loc->code);
	out->state.awaiting_language = 0;
	out->state.pending[0] = '\0';
	if (!out->state.path[0])
		path_reset(out);
	out->help_requested = 1;
	out->urgent = category;
	out->help_topic = c->nodes[current_node(c, out->state.path)].id;
	/* someone who may hurt themselves: words for them, not a procedure */
	crisis = strcmp(category, "self_harm") == 0;
	said_urgent = crisis ? loc->crisis_reply : loc->urgent_reply;
	t = step_topic(s);
	if (t->node < 0 || c->nodes[t->node].type != NODE_ANSWER)
		engine_reply(out, said_urgent, "urgent");
	else if (c->nodes[t->node].urgent && !crisis)
		/* its text gives {emergency} and says a person answers (the
		 * content's rule): the notice would say it twice */
		show_node(c, loc, t->node, out);
	else if (!engine_reply_joined(out, said_urgent, loc->screen[t->node],
	    c->nodes[t->node].id, 2)) {
		/* the answer with the notice, in one SMS if two parts hold it */
		engine_reply(out, said_urgent, "urgent");
		show_node(c, loc, t->node, out);
	}
	return 1;
}

/*
 * Answer what engine_topic() understood, in s->loc, from s->here: its
 * node, a short choice, a person, or the main menu for a greeting.  0
 * when nothing was understood.
 */
static int
answer_topic(struct step *s, const struct topic *t, struct engine_result *out)
{
	const struct content *c = s->c;

	switch (t->kind) {
	case TOPIC_NODE:
		reach_node(c, s->loc, t->node, s->here, BY_KEYWORD, s->p,
			s->norm, out);
		/* a menu instead of an answer: staff may say which */
		if (c->nodes[t->node].type == NODE_MENU)
			out->unmatched = "menu";
		return 1;
	case TOPIC_CHOICE:
		path_reset(out);
		engine_offer_choice(c, s->loc, t, out);
		out->unmatched = "choice";
		return 1;
	case TOPIC_HUMAN:
		ask_for_help(c, s->here, s->loc->help_queued, out);
		return 1;
	case TOPIC_GREETING:
		path_reset(out);
		show_node(c, s->loc, c->home, out);
		return 1;
	case TOPIC_NONE:
		break;
	}
	return 0;
}

/* A first message's language: an obvious one, a digit after the choice
 * was shown (*by_digit set), or the language of the keywords it used. */
static const char *
first_language(const struct step *s, int *by_digit)
{
	const struct content *c = s->c;
	struct topic t;
	const struct locale *named = engine_language_word(c, s->norm);
	const char *lang = named ? named->code
		: engine_obvious_language(c, s->light, s->norm);

	*by_digit = 0;
	if (lang)
		return lang;
	if (s->in->awaiting_language &&
	    choice_is_option(s->choice, c->n_offered)) {
		*by_digit = 1;
		return c->locales[s->choice.option - 1].code;
	}
	engine_topic(c, NULL, s->norm, &t);
	if (t.kind == TOPIC_GREETING && (lang = engine_greeting_language(c,
	    s->light, s->norm)) != NULL)
		return lang;
	if (t.from) {
		/* the keywords' language, in the script of the text */
		const struct locale *v = engine_script_variant(c, t.from,
			s->light, s->norm);
		return v ? v->code : t.from->code;
	}
	return NULL;
}

/*
 * No language told: show the choice.  A help word ("ёрдам", "помощ")
 * reaches a human at once and is acknowledged, with the emergency
 * number, in the language of that word: someone in trouble is not sent a
 * list of languages first.
 */
static void
show_language_choice(struct step *s, struct engine_result *out)
{
	const struct locale *help = engine_help_locale_for(s->c, s->light,
		s->norm);

	path_reset(out);
	if (help) {
		set_lang(out, help->code);
		out->state.awaiting_language = 0;
		engine_help_requested(s->c, help, s->c->home, step_topic(s),
			out);
		return;
	}
	out->state.awaiting_language = 1;
	engine_reply(out, s->c->language_prompt, "language");
	if (s->norm[0] && s->choice.kind == CHOICE_NONE)
		out->unmatched = "language";
}

/*
 * No language yet: find one (first_language) or show the choice.  The
 * help word is heard here, after the language, so that help is asked for
 * in it: it wins over the digit and over the keywords' topic.
 */
static int
handle_first_contact(struct step *s, struct engine_result *out)
{
	const struct content *c = s->c;
	const struct locale *loc;
	const char *lang;
	int by_digit;

	if (s->loc)
		return 0;
	if ((lang = first_language(s, &by_digit)) == NULL) {
		show_language_choice(s, out);
		return 1;
	}
	set_lang(out, lang);
	out->state.awaiting_language = 0;
	path_reset(out);
	loc = content_locale(c, lang);
	s->loc = loc;
	if (engine_is_help_word(c, s->norm)) {
		engine_help_requested(c, loc, c->home, step_topic(s), out);
	} else if (by_digit) {
		confirm_language(c, loc, c->home, out);
	} else if (engine_language_word(c, s->norm)) {
		show_node(c, loc, c->home, out);        /* "o'zbekcha" */
	} else {
		/* the topic worked out for the urgency check serves */
		if (!answer_topic(s, step_topic(s), out)) {
			show_node(c, loc, c->home, out);
			out->unmatched = "topic";
		}
	}
	return 1;
}

/*
 * In a session, before the handlers: answer in the script the person
 * writes in (Uzbek Latin/Cyrillic); start again from home after a pause
 * or from a broken path; forget the calculator's question after a pause,
 * or when help is asked for (a help word leaves the calculator).
 */
static void
resume_session(struct step *s, struct engine_result *out)
{
	const struct content *c = s->c;
	/* Clearly another language now: answer in it (no language word
	 * needed); else in the person's script. */
	const struct locale *variant = engine_other_language(c, s->loc,
		s->light, s->norm);

	if (!variant)
		variant = engine_script_variant(c, s->loc, s->light, s->norm);
	if (variant) {
		s->loc = variant;
		set_lang(out, variant->code);
	}
	if (!s->in->path[0] || s->paused)
		path_reset(out);
	s->here = current_node(c, out->state.path);
	if (s->here == c->home)
		path_reset(out);
	if (s->paused)
		out->state.pending[0] = '\0';
	if (out->state.pending[0] && engine_is_help_word(c, s->norm))
		out->state.pending[0] = '\0';
}

/* The deadline calculator asked a question: it reads the answer first. */
static int
handle_calculator(struct step *s, struct engine_result *out)
{
	return out->state.pending[0] && engine_deadline_pending(s->c, s->loc,
		s->p, s->norm, s->choice, out);
}

/* Answer in another locale from now on, and show where the person is. */
static void
switch_language(struct step *s, const struct locale *to,
		struct engine_result *out)
{
	set_lang(out, to->code);
	s->loc = to;
	confirm_language(s->c, to, s->here, out);
}

/* "Latin letters, please". */
static int
handle_latin_request(struct step *s, struct engine_result *out)
{
	const struct locale *to = engine_latin_request(s->c, s->loc, s->norm);

	if (!to)
		return 0;
	switch_language(s, to, out);
	return 1;
}

/* A language word, from anywhere. */
static int
handle_language_word(struct step *s, struct engine_result *out)
{
	const struct locale *to = engine_language_word(s->c, s->norm);

	if (!to)
		return 0;
	switch_language(s, to, out);
	return 1;
}

/* A help word, from anywhere: a human, told where the person was. */
static int
handle_help_word(struct step *s, struct engine_result *out)
{
	if (!engine_is_help_word(s->c, s->norm))
		return 0;
	engine_help_requested(s->c, s->loc, s->here, step_topic(s), out);
	return 1;
}

/* "00" or "#": home. */
static int
handle_home_key(struct step *s, struct engine_result *out)
{
	if (s->choice.kind != CHOICE_HOME)
		return 0;
	path_reset(out);
	show_node(s->c, s->loc, s->c->home, out);
	return 1;
}

/* "0": one menu up. */
static int
handle_back_key(struct step *s, struct engine_result *out)
{
	if (s->choice.kind != CHOICE_BACK)
		return 0;
	path_pop(out->state.path);
	if (!out->state.path[0])
		path_reset(out);
	show_node(s->c, s->loc, current_node(s->c, out->state.path), out);
	return 1;
}

/* A digit of the current menu's options. */
static int
handle_option_key(struct step *s, struct engine_result *out)
{
	const struct content_node *menu = &s->c->nodes[s->here];

	if (!choice_is_option(s->choice, menu->n_options))
		return 0;
	reach_node(s->c, s->loc, menu->options[s->choice.option - 1],
		s->here, BY_DIGIT, s->p, s->norm, out);
	return 1;
}

/* Words that name a topic, from anywhere.  Only words: a digit this
 * menu has no option for gets the hint. */
static int
handle_topic_words(struct step *s, struct engine_result *out)
{
	if (s->choice.kind != CHOICE_NONE)
		return 0;
	return answer_topic(s, step_topic(s), out);
}

/* The short choice offered (engine_offer_choice): a digit picks a topic;
 * anything else goes on as usual. */
static int
handle_pick(struct step *s, struct engine_result *out)
{
	char ids[sizeof out->state.pending], *p, *save = NULL;
	int i = 0, k;

	if (strncmp(out->state.pending, PICK_PREFIX, strlen(PICK_PREFIX)))
		return 0;
	snprintf(ids, sizeof ids, "%s", out->state.pending +
		strlen(PICK_PREFIX));
	out->state.pending[0] = '\0';
	if (s->choice.kind != CHOICE_OPTION)
		return 0;
	for (p = strtok_r(ids, ",", &save); p; p = strtok_r(NULL, ",", &save))
		if (++i == s->choice.option &&
		    (k = content_node_index(s->c, p)) >= 0) {
			reach_node(s->c, s->loc, k, s->here, BY_KEYWORD, s->p,
				s->norm, out);
			return 1;
		}
	return 0;
}

/* Back after a long pause with something we do not know: the menu is
 * more useful than a hint. */
static int
handle_after_pause(struct step *s, struct engine_result *out)
{
	if (!s->paused)
		return 0;
	show_node(s->c, s->loc, s->c->home, out);
	if (s->choice.kind == CHOICE_NONE)
		out->unmatched = "topic";
	return 1;
}

/* Anything else: how to use the menu. */
static int
handle_hint(struct step *s, struct engine_result *out)
{
	engine_reply(out, s->loc->hint, "hint");
	if (s->choice.kind == CHOICE_NONE)
		out->unmatched = "topic";
	return 1;
}

/*
 * The precedence.  Before a session: DELETE, then STOP/START, then urgent
 * words, in any language and whatever the state; then, with no language
 * yet, the first contact (which hears a help word itself).
 */
static step_handler *const before_session[] = {
	handle_delete,
	handle_stop_start,
	handle_urgent,
	handle_first_contact,
};

/*
 * In a session (after resume_session): an open calculator question reads
 * the answer first; then a request for Latin letters and a language word,
 * before a help word; then the keys, then words naming a topic; the hint
 * last, as it takes everything.
 */
static step_handler *const in_session[] = {
	handle_pick,
	handle_calculator,
	handle_latin_request,
	handle_language_word,
	handle_help_word,
	handle_home_key,
	handle_back_key,
	handle_option_key,
	handle_topic_words,
	handle_after_pause,
	handle_hint,
};

#define N_HANDLERS(t) (sizeof (t) / sizeof (t)[0])

/* Offer the message to each handler in turn; 1 once one took it. */
static int
first_to_take(step_handler *const *handlers, size_t n, struct step *s,
		struct engine_result *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (handlers[i](s, out))
			return 1;
	return 0;
}

void
engine_step(const struct content *c, const struct engine_params *p,
		const struct conv_state *in, const char *text, int64_t now,
		struct engine_result *out)
{
	char *norm = text_normalise(text), *light = text_casefold(text);

	memset(out, 0, sizeof *out);
	out->state = *in;
	out->state.last_seen = now;
	if (!norm)
		norm = strdup("");
	if (!light)
		light = strdup("");
	if (norm && light) {
		struct step s = {
			.c = c, .p = p, .in = in, .norm = norm, .light = light,
			.choice = parse_choice(norm),
			.loc = in->lang[0] ? content_locale(c, in->lang) : NULL,
			.paused = now - in->last_seen > p->session_timeout,
			.here = c->home,
		};
		if (!first_to_take(before_session,
		    N_HANDLERS(before_session), &s, out)) {
			resume_session(&s, out);
			first_to_take(in_session, N_HANDLERS(in_session), &s,
				out);
		}
	}
	engine_deadline_forget(&out->state);
	free(norm);
	free(light);
}
