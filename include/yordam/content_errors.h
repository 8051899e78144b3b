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
void content_add_note(struct content_errors *errs, const char *file,
		int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
