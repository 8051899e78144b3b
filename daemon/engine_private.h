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

#endif
