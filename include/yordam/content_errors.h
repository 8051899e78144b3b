/*
 * content_errors.h - the list of errors found while loading content.
 *
 * Every loader (menus, locales, law) appends to one list so that an editor
 * sees all problems of a run at once, each as "file:line: message".  It is
 * its own header so that law.c can report errors without depending on the
 * whole content snapshot.
 */
#ifndef YORDAM_CONTENT_ERRORS_H
#define YORDAM_CONTENT_ERRORS_H

#include <stddef.h>

struct content_errors {
	char **msgs;
	int n;
	/* Not errors: what was left out and why (a canned reply whose
	 * placeholder yordam.conf does not set).  Kept with the content. */
	char **notes;
	int n_notes;
};

void content_errors_free(struct content_errors *errs);
void content_add_error(struct content_errors *errs, const char *file,
		int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same at a column of the line, counted in characters. */
void content_add_error_at(struct content_errors *errs, const char *file,
		int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void content_add_note(struct content_errors *errs, const char *file,
		int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * libconfig's syntax error in path at err_line, explained for an editor
 * (content_explain.c): 1 with the line and column (in characters) of the
 * mistake and what to write instead in msg; 0 when it is none of the
 * mistakes known there, and libconfig's words are all there is.
 */
int conf_explain_syntax(const char *path, int err_line, int *line, int *col,
		char *msg, size_t msglen);

#endif
