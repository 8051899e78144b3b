/*
 * web.h - what the files of yordam-web, the staff console in the
 * browser, share.  The console talks to the database only through the
 * store's desk and account APIs, like yordamctl and staff SMS, so all
 * doors share one set of rules and one audit log.
 */
#ifndef YORDAM_WEB_H
#define YORDAM_WEB_H

#include <stdio.h>

/* A value into HTML or SVG, escaped (web_html.c): < > & " ' as
 * entities, invalid UTF-8 as U+FFFD, controls and bidi overrides as
 * visible \uXXXX. */
void web_html_put(FILE *f, const char *s);
/* The page's own markup, written as is: never a value. */
void web_html_raw(FILE *f, const char *markup);

/* Charts drawn by the server as inline SVG (web_chart.c): no script, no
 * external asset.  One series is one colour; values >= 0. */
struct chart_series {
	const char *name;
	const double *values;   /* n_x of them */
};

/* Bars stacked per x label (e.g. requests per day, by language). */
void chart_stacked_bars(FILE *f, const char *title,
		const char *const *x_labels, int n_x,
		const struct chart_series *series, int n_series,
		const char *y_unit);

/* One bar per label, horizontal (e.g. median minutes to the first reply
 * per language); a negative value is "no data" and drawn as such. */
void chart_hbars(FILE *f, const char *title, const char *const *labels,
		const double *values, int n, const char *unit);

#endif
