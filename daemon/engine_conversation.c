/*
 * engine_conversation.c - what a message is to someone talking with
 * staff.
 *
 * Once hotline staff reply to a request, the person's messages are for
 * staff: "Almaty, Stroy LLP" is an answer to "which city?", and "1" may
 * mean "yes" to them, not the first menu option.  Only four things still
 * reach the robot: "00" or "#" (the menus again), STOP and START
 * (reminders), DELETE (erasure); and urgent words still raise the request
 * and give the person the emergency number at once, whoever is typing at
 * the desk.  Pure, like the rest of the engine: the gateway acts on it.
 */
#include <stdlib.h>
#include <string.h>

#include "engine_private.h"
#include "yordam/text.h"

enum conversation_turn
engine_conversation_turn(const struct content *c, const char *lang,
		const char *text, struct engine_result *out)
{
	const struct locale *said = NULL, *loc = content_locale(c, lang);
	const char *category;
	char *norm = text_normalise(text);
	enum conversation_turn turn = TURN_TALK;

	memset(out, 0, sizeof *out);
	if (!norm)
		return TURN_TALK;       /* no text: staff see what came */
	if (strcmp(norm, "00") == 0 || strcmp(norm, "#") == 0) {
		turn = TURN_MENU;
	} else if (engine_exact_word(c, norm, WORDS_DELETE) ||
	    engine_exact_word(c, norm, WORDS_STOP) ||
	    engine_exact_word(c, norm, WORDS_START)) {
		turn = TURN_COMMAND;
	} else if ((category = engine_urgent_category(c, norm, &said, NULL))
	    != NULL) {
		/* the person's own language; else the one their words are */
		if (!loc)
			loc = said ? said : &c->locales[0];
		out->urgent = category;
		out->help_requested = 1;
		engine_reply(out, strcmp(category, "self_harm") == 0 ?
			loc->crisis_reply : loc->urgent_reply, "urgent");
		turn = TURN_URGENT;
	}
	free(norm);
	return turn;
}
