/*
 * engine.h - the conversation, as a pure function.
 *
 * (content, state, text, now) -> (replies, new state, help request?).
 * No I/O and no clock of its own: the caller passes time in and writes
 * the result to the store in one transaction.  That is what lets the
 * engine be tested by the thousand, and a crash never half-apply a step.
 */
#ifndef YORDAM_ENGINE_H
#define YORDAM_ENGINE_H

#include <stdint.h>

#include "yordam/content.h"

/* What the engine remembers of one person between messages; the store
 * keeps it, the engine alone gives it meaning. */
struct conv_state {
	char lang[8];           /* "" while unknown */
	char path[256];         /* node ids from home, '/'-separated */
	int awaiting_language;
	int64_t last_seen;      /* 0 for a new contact */
	char pending[64];       /* the question the person was asked, or "" */
	char nationality[4];    /* "uz", "kg", "tj" or "" */
	int entry_day;          /* days since 1970-01-01; -1 unknown */
	char answers[48];       /* the calculator's questions answered:
	                           "work_contract=1;" (law_answer_of()) */
	int opted_out;          /* said STOP: no reminders or broadcasts */
};

#define ENGINE_MAX_REPLIES 3

#define ENGINE_TEXT_MAX 700

struct engine_reply {
	const char *text;       /* into the content snapshot, or into buf */
	const char *node;       /* node id that produced it, or a system name */
};

struct engine_result {
	struct engine_reply replies[ENGINE_MAX_REPLIES];
	int n_replies;
	struct conv_state state;
	int help_requested;
	const char *help_topic; /* node id where the person asked */
	const char *urgent;     /* urgent category, or NULL */
	int erase;              /* DELETE: erase all about this number */
	const char *unmatched;  /* not understood: "language" (not sure of
				 * it), "topic" (no topic: the menu or the
				 * hint instead), "menu" (a menu instead of
				 * an answer), "choice" (two or three topics
				 * offered); NULL when understood */
	int reminder_day;       /* a reminder to send on this day, or 0 */
	char reminder_text[ENGINE_TEXT_MAX];
	char buf[ENGINE_MAX_REPLIES][ENGINE_TEXT_MAX];  /* composed replies */
};

struct engine_params {
	int session_timeout;    /* seconds */
	int today;              /* the deployment's calendar day (dates.h) */
	int reminder_days_before;
};

void engine_step(const struct content *c, const struct engine_params *p,
		const struct conv_state *in, const char *text, int64_t now,
		struct engine_result *out);

/* Does the text ask for a person now (urgent or help words, any
 * language)?  Cheap enough to run on every message of a surge, so those
 * are answered before the backlog. */
int engine_is_pressing(const struct content *c, const char *text);

/* What a message is to someone talking with staff
 * (engine_conversation.c): for staff (TALK); urgent and for staff
 * (URGENT: out holds the urgent reply in lang and out->urgent its
 * category); the menus again (MENU: "00", "#"); or STOP, START, DELETE
 * (COMMAND: engine_step() acts on it as always). */
enum conversation_turn { TURN_TALK, TURN_URGENT, TURN_MENU, TURN_COMMAND };
enum conversation_turn engine_conversation_turn(const struct content *c,
		const char *lang, const char *text, struct engine_result *out);

/* The language a text is obviously written in, or NULL: light is the
 * text_casefold()ed text, norm the text_normalise()d one. */
const char *engine_obvious_language(const struct content *c,
		const char *light, const char *norm);

#endif
