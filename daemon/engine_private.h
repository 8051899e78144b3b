/*
 * engine_private.h - what the engine's files share and nobody else needs.
 *
 * The public face of the engine is engine_step() (yordam/engine.h).  Its
 * parts are split by what they know: engine.c walks the menus,
 * engine_deadline.c runs the deadline calculator, engine_reply.c builds
 * replies for both.  Calls go one way only:
 *   engine.c -> engine_deadline.c -> engine_reply.c, and engine.c ->
 *   engine_reply.c.
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

/* The deadline calculator's steps (engine_deadline.c). */
void engine_deadline_start(const struct content *c, const struct locale *loc,
		const struct engine_params *p, const char *norm,
		struct engine_result *out);
int engine_deadline_pending(const struct content *c, const struct locale *loc,
		const struct engine_params *p, const char *norm, int choice,
		struct engine_result *out);

#endif
