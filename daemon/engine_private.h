/*
 * engine_private.h - what the engine's files share and nobody else needs.
 *
 * The public face of the engine is engine_step() (yordam/engine.h).  Its
 * parts are split by what they know: engine.c walks the menus,
 * engine_deadline.c runs the deadline calculator, engine_lang.c tells
 * which language and script to answer in, engine_reply.c builds replies.
 * Calls go one way only: engine.c calls the three others, and
 * engine_deadline.c calls engine_reply.c.
 */
#ifndef YORDAM_ENGINE_PRIVATE_H
#define YORDAM_ENGINE_PRIVATE_H

#include "yordam/engine.h"

/* engine_reply.c: add a reply (text is copied when it is one of
 * out->buf). */
void engine_reply(struct engine_result *out, const char *text,
		const char *node);
/* a and b joined by a line break as one reply of at most max_parts SMS
 * parts (0: no more than b alone); 0 and nothing added when over. */
int engine_reply_joined(struct engine_result *out, const char *a,
		const char *b, const char *node, int max_parts);
/* Compose template with [name] fields into the next free buffer. */
const char *engine_compose(struct engine_result *out, const char *tmpl,
		const char *const *names, const char *const *values, int n);

/* What a message means as a key press.  One meaning per kind: the menus
 * and the calculator read the same keys. */
enum choice_kind {
	CHOICE_NONE,    /* not a key: words, or anything else */
	CHOICE_HOME,    /* "00" or "#" */
	CHOICE_BACK,    /* "0" */
	CHOICE_OPTION,  /* "1".."9" */
};

struct choice {
	enum choice_kind kind;
	int option;     /* 1..9 with CHOICE_OPTION; 0 otherwise */
};

/* Whether the key picks one of n options (1..n). */
static inline int
choice_is_option(struct choice ch, int n)
{
	return ch.kind == CHOICE_OPTION && ch.option <= n;
}

/* The deadline calculator (engine_deadline.c): start it when its node is
 * reached; read the answer to the question it asked (state.pending).
 * engine_deadline_pending returns 1 when it took the message, 0 when the
 * person left the calculator or said no to a reminder (pending is then
 * cleared and the message goes on to the menus). */
void engine_deadline_start(const struct content *c, const struct locale *loc,
		const struct engine_params *p, const char *norm,
		struct engine_result *out);
int engine_deadline_pending(const struct content *c, const struct locale *loc,
		const struct engine_params *p, const char *norm,
		struct choice choice, struct engine_result *out);
/* At the end of every step: citizenship and entry date are dropped from
 * the state unless the open question still needs them. */
void engine_deadline_forget(struct conv_state *state);

/* The words that act whatever the menu (engine_words.c). */
enum word_list {
	WORDS_START,    /* reminders on again */
	WORDS_STOP,     /* no reminders or broadcasts */
	WORDS_DELETE,   /* erase what the helpline holds about me */
};
/* The locale one of whose `which` words the whole message is, or NULL. */
const struct locale *engine_exact_word(const struct content *c,
		const char *norm, enum word_list which);
/* norm without its greetings ("salom", "у меня вопрос"), and with not_help
 * also without the locales' not_help_words, whole words only, into (room
 * for norm) (engine_phrases.c). */
void engine_without_phrases(const struct content *c, const char *norm,
		char *into, size_t size, int not_help);
void engine_without_greetings(const struct content *c, const char *norm,
		char *into, size_t size);
/* The language whose help word the text holds best, once its greetings
 * and not_help_words are taken out, or NULL. */
const struct locale *engine_help_locale(const struct content *c,
		const char *norm);
/* The same, and of languages whose help words fit alike, the one the
 * text is likeliest in ("дайте адвоката" is Russian, though "адвокат" is
 * an Uzbek help word too). */
const struct locale *engine_help_locale_for(const struct content *c,
		const char *light, const char *norm);
int engine_is_help_word(const struct content *c, const char *norm);
/* The urgent category of a text (*from: the locale whose words said so,
 * NULL when the classifier did), or NULL; known: the text's topic if
 * worked out already (engine_topic), else it is. */
struct topic;
const char *engine_urgent_category(const struct content *c, const char *norm,
		const struct locale **from, const struct topic *known);

/* What a free text is about (engine_topic.c). */
enum topic_kind {
	TOPIC_NONE,             /* nothing understood */
	TOPIC_NODE,             /* one clear node: node */
	TOPIC_CHOICE,           /* two or three close ones: choice[] */
	TOPIC_HUMAN,            /* asks for a person in plain words */
	TOPIC_GREETING,         /* hello, thanks, "I have a question" */
};

struct topic {
	enum topic_kind kind;
	int node;               /* TOPIC_NODE: the node; else -1 */
	int choice[3];          /* the best first */
	int n_choice;
	const struct locale *from;      /* whose keywords matched, or NULL */
	const char *urgent;     /* the classifier is sure it is urgent */
};

void engine_topic(const struct content *c, const struct locale *own,
		const char *norm, struct topic *t);

/* The short choice of two or three topics (engine_reply.c); the next
 * digit picks one: state.pending is PICK_PREFIX and their ids. */
#define PICK_PREFIX "pick:"
void engine_offer_choice(const struct content *c, const struct locale *loc,
		const struct topic *t, struct engine_result *out);
void engine_help_requested(const struct content *c, const struct locale *loc,
		int here, const struct topic *t, struct engine_result *out);

/* Which language and script to answer in (engine_lang.c); NULL: no
 * change.  A language word the whole message is: */
const struct locale *engine_language_word(const struct content *c,
		const char *norm);
/* "Latin letters, please": loc's Latin variant (loc itself if none). */
const struct locale *engine_latin_request(const struct content *c,
		const struct locale *loc, const char *norm);
/* loc's other-script variant, when the person writes in that script. */
const struct locale *engine_script_variant(const struct content *c,
		const struct locale *loc, const char *light, const char *norm);
/* Mid-session: another language (not loc's other script), when the text
 * is clearly in it. */
const char *engine_greeting_language(const struct content *c,
		const char *light, const char *norm);
const struct locale *engine_other_language(const struct content *c,
		const struct locale *loc, const char *light, const char *norm);

#endif
