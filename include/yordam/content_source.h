/*
 * content_source.h - what a `source` (an answer's, a law rule's) cites.
 *
 * A source must let a lawyer or an NGO editor open the document at the
 * place the fact comes from: a public report by its title, year and
 * section, or a law by its name, number, date and article.  A file that
 * is not shipped with the content (a working note, the text conversion
 * of a report) cannot be opened by anyone who checks the answer, so the
 * loaders refuse it.  Its own header so that law.c and yordamctl can
 * use it without the whole content snapshot.
 */
#ifndef YORDAM_CONTENT_SOURCE_H
#define YORDAM_CONTENT_SOURCE_H

#include <stddef.h>

#include "yordam/content_errors.h"

/* The five reports the content is built on, as a source names them. */
#define CONTENT_N_REPORTS 5
struct content_report {
	const char *name;	/* short, for yordamctl: "FIDH 2016" */
	const char *title;	/* words of its title a citation carries */
	const char *year;	/* and its year, as the citation writes it */
};
extern const struct content_report content_reports[CONTENT_N_REPORTS];

/* Does src cite report r (its title words and its year)? */
int content_source_cites_report(const char *src, int r);

/*
 * Does a source name where in it the fact is: a section, a paragraph, an
 * article, a page or a footnote?
 */
int content_source_has_section(const char *src);

/*
 * Does src cite a file outside the content ("seed 000", knowledge/...,
 * a path, a .md or .txt file name)?  1 with the first such reference in
 * what (cut to size), 0 if none.
 */
int content_source_cites_file(const char *src, char *what, size_t size);

/*
 * The error for a `field` ("source", "verify") of owner ("answer 'x'",
 * "rule 'y'") at path:line that cites a file: what it cites, why that
 * will not do and how to cite instead.  Nothing when it cites none.
 */
void content_check_cites_no_file(const char *src, const char *field,
		const char *owner, const char *path, int line,
		struct content_errors *errs);

/*
 * The same for the setting key of group g (a node, a rule) of `kind`
 * ("answer", "rule") id, at the setting's own line (else line).
 */
struct config_setting_t;
void content_check_setting_cites_no_file(struct config_setting_t *g,
		const char *key, const char *kind, const char *id,
		const char *path, int line, struct content_errors *errs);

#endif
