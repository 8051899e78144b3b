/*
 * content_errors.c - the error list every content loader appends to.
 *
 * Loading goes on after an error, so the list only grows; a message that
 * cannot be stored is dropped rather than stopping the run, as the other
 * errors are still worth showing.  It sits apart from content.c so that
 * law.c, which content.c calls, can report errors without calling back
 * into content.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yordam/content_errors.h"

static void
append(char ***list, int *n, const char *file, int line, const char *fmt,
		va_list ap)
{
	char msg[768], full[1024];
	char **grown;

	vsnprintf(msg, sizeof msg, fmt, ap);
	snprintf(full, sizeof full, "%s:%d: %s", file, line, msg);
	grown = realloc(*list, (size_t)(*n + 1) * sizeof *grown);
	if (!grown)
		return;
	*list = grown;
	(*list)[(*n)++] = strdup(full);
}

void
content_add_error(struct content_errors *errs, const char *file, int line,
		const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	append(&errs->msgs, &errs->n, file, line, fmt, ap);
	va_end(ap);
}

void
content_add_note(struct content_errors *errs, const char *file, int line,
		const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	append(&errs->notes, &errs->n_notes, file, line, fmt, ap);
	va_end(ap);
}

void
content_errors_free(struct content_errors *errs)
{
	int i;

	for (i = 0; i < errs->n; i++)
		free(errs->msgs[i]);
	free(errs->msgs);
	errs->msgs = NULL;
	errs->n = 0;
	for (i = 0; i < errs->n_notes; i++)
		free(errs->notes[i]);
	free(errs->notes);
	errs->notes = NULL;
	errs->n_notes = 0;
}
