/*
 * engine_reply.c - how the engine's files add replies to a result.
 *
 * The menus (engine.c) and the deadline calculator (engine_deadline.c)
 * both answer; the helpers they share live here, below both, so neither
 * file has to call into the other to say something.
 */
#include <string.h>

#include "engine_private.h"

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
