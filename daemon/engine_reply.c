/*
 * engine_reply.c - how the engine's files add replies to a result.
 *
 * The menus (engine.c) and the deadline calculator (engine_deadline.c)
 * both answer; the helpers they share live here, below both, so neither
 * file has to call into the other to say something.
 */
#include <stdio.h>
#include <string.h>

#include "engine_private.h"
#include "yordam/sms.h"

void
engine_reply(struct engine_result *out, const char *text, const char *node)
{
	if (out->n_replies < ENGINE_MAX_REPLIES && text) {
		out->replies[out->n_replies].text = text;
		out->replies[out->n_replies].node = node;
		out->n_replies++;
	}
}

const char *
engine_compose(struct engine_result *out, const char *tmpl,
		const char *const *names, const char *const *values, int n)
{
	char *buf;
	size_t len = 0;
	const char *p = tmpl;

	if (!tmpl || out->n_replies >= ENGINE_MAX_REPLIES)
		return NULL;
	buf = out->buf[out->n_replies];
	while (*p && len + 1 < ENGINE_TEXT_MAX) {
		const char *close;
		int i, done = 0;
		if (*p == '[' && (close = strchr(p, ']')) != NULL) {
			for (i = 0; i < n; i++)
				if (strlen(names[i]) == (size_t)(close - p - 1) &&
				    strncmp(p + 1, names[i], strlen(names[i])) == 0) {
					size_t vl = strlen(values[i]);
					if (len + vl + 1 < ENGINE_TEXT_MAX) {
						memcpy(buf + len, values[i], vl);
						len += vl;
					}
					p = close + 1;
					done = 1;
					break;
				}
		}
		if (!done)
			buf[len++] = *p++;
	}
	buf[len] = '\0';
	return buf;
}

/*
 * a, a line break and b as one reply when that is at most max_parts SMS
 * parts (0: no more parts than b alone), so a person pays for one SMS
 * where two would say the same; 0 when they do not fit (nothing added).
 */
int
engine_reply_joined(struct engine_result *out, const char *a, const char *b,
		const char *node, int max_parts)
{
	struct sms_measure alone, both;
	char *buf;

	if (!a || !b || out->n_replies >= ENGINE_MAX_REPLIES ||
	    sms_measure(b, &alone) != 0)
		return 0;
	buf = out->buf[out->n_replies];
	if ((size_t)snprintf(buf, ENGINE_TEXT_MAX, "%s\n%s", a, b) >=
	    ENGINE_TEXT_MAX || sms_measure(buf, &both) != 0 ||
	    both.parts > (max_parts ? max_parts : alone.parts))
		return 0;
	engine_reply(out, buf, node);
	return 1;
}

/*
 * Two or three topics were close: a short choice, the main menu's own
 * words first ("Send a digit:"), then the labels; the next digit picks
 * one (state.pending "pick:id,id,id").
 */
void
engine_offer_choice(const struct content *c, const struct locale *loc,
		const struct topic *t, struct engine_result *out)
{
	char *buf;
	size_t len;
	int i;

	if (out->n_replies >= ENGINE_MAX_REPLIES)
		return;
	buf = out->buf[out->n_replies];
	snprintf(buf, ENGINE_TEXT_MAX, "%s", loc->text[c->home]);
	snprintf(out->state.pending, sizeof out->state.pending, "%s",
		PICK_PREFIX);
	for (i = 0; i < t->n_choice; i++) {
		int k = t->choice[i];
		size_t pl = strlen(out->state.pending);
		len = strlen(buf);
		snprintf(buf + len, ENGINE_TEXT_MAX - len, "\n%d %s", i + 1,
			loc->label[k] ? loc->label[k] : c->nodes[k].id);
		snprintf(out->state.pending + pl, sizeof out->state.pending - pl,
			"%s%s", i ? "," : "", c->nodes[k].id);
	}
	engine_reply(out, buf, "choice");
}

/*
 * A call for help ("помогите", "yordam") that also says clearly what it
 * is about gets, besides the notice that a person will answer, that
 * topic's answer, in the same SMS when two parts hold both: someone who
 * waits hours for a person has the rule now, and staff see the topic in
 * the queue instead of where the person was (here).  A menu or a choice
 * of topics is no answer: the notice alone.
 */
void
engine_help_requested(const struct content *c, const struct locale *loc,
		int here, const struct topic *t, struct engine_result *out)
{
	int k = t && t->kind == TOPIC_NODE ? t->node : -1;

	out->help_requested = 1;
	if (k < 0 || c->nodes[k].type != NODE_ANSWER) {
		out->help_topic = c->nodes[here].id;
		engine_reply(out, loc->help_queued, "help");
		return;
	}
	out->help_topic = c->nodes[k].id;
	if (!engine_reply_joined(out, loc->help_queued, loc->screen[k],
	    c->nodes[k].id, 2)) {
		engine_reply(out, loc->help_queued, "help");
		engine_reply(out, loc->screen[k], c->nodes[k].id);
	}
}
