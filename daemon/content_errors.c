/*
 * content_errors.c - the error list every content loader appends to.
 *
 * Loading goes on after an error, so the list only grows; a message that
 * cannot be stored is dropped rather than stopping the run, as the other
 * errors are still worth showing.  Each is "file:line: message", or
 * "file:line:column: message" where the column is known (a syntax
 * error, content_explain.c), as compilers write them.  It sits apart from content.c so that
 * law.c, which content.c calls, can report errors without calling back
 * into content.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yordam/content_errors.h"

static void
append(char ***list, int *n, const char *file, int line, int col,
		const char *fmt, va_list ap)
{
	char msg[1536], full[2048];
	char **grown;

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (col > 0)
		snprintf(full, sizeof full, "%s:%d:%d: %s", file, line, col,
			msg);
	else
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
	append(&errs->msgs, &errs->n, file, line, 0, fmt, ap);
	va_end(ap);
}

void
content_add_error_at(struct content_errors *errs, const char *file, int line,
		int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	append(&errs->msgs, &errs->n, file, line, col, fmt, ap);
	va_end(ap);
}

void
content_add_note(struct content_errors *errs, const char *file, int line,
		const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	append(&errs->notes, &errs->n_notes, file, line, 0, fmt, ap);
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
