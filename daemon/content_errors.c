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

void
content_add_error(struct content_errors *errs, const char *file, int line,
		const char *fmt, ...)
{
	char msg[768], full[1024];
	char **grown;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(full, sizeof full, "%s:%d: %s", file, line, msg);
	grown = realloc(errs->msgs, (size_t)(errs->n + 1) * sizeof *grown);
	if (!grown)
		return;
	errs->msgs = grown;
	errs->msgs[errs->n++] = strdup(full);
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
}
