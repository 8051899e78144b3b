/*
 * web.h - what the files of yordam-web, the staff console in the
 * browser, share.  The console talks to the database only through the
 * store's desk and account APIs, like yordamctl and staff SMS, so all
 * doors share one set of rules and one audit log.
 *
 * One thread serves every request (libmicrohttpd's internal polling
 * thread): the store's single connection is never shared between
 * threads, and a page is a few milliseconds of SQLite.
 */
#ifndef YORDAM_WEB_H
#define YORDAM_WEB_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "yordam/accounts.h"
#include "yordam/config.h"
#include "yordam/content.h"
#include "yordam/store.h"

#define WEB_MAX_BODY 16384      /* bytes of a form; more is refused (413) */
#define WEB_MAX_FIELDS 16

/* The program's state, owned by web.c. */
struct web {
	struct yordam_config cfg;
	struct store *st;
	struct content *content;        /* NULL if the content failed */
	struct content *drafts;         /* the same with drafts offered, for
	                                   a try; loaded when first asked
	                                   for, freed at reload (web_try.c) */
	int tls;
};

struct web_field {
	char *name;
	char *value;
};

/* One request and its answer, as the pages see them (web_http.c). */
struct web_req {
	struct web *w;
	const char *method;             /* "GET", "POST", ... */
	const char *path;               /* the URL's path, as sent */
	void *conn;                     /* the MHD connection */
	struct web_field fields[WEB_MAX_FIELDS];
	int n_fields;
	int logged_in;
	struct account acct;
	char token[65];                 /* the session cookie's value */
	char csrf[65];                  /* the session's form token */
	const char *lang;               /* "ru" or "en" */
	int64_t now;
	/* the answer */
	int status;
	const char *content_type;
	FILE *out;                      /* the page, built in memory */
	char *page;
	size_t page_len;
	char location[256];             /* a redirect (303) when set */
	char set_cookie[256];
	int cacheable;                  /* static assets only */
};

/* Escaping (web_html.c): a value into HTML or SVG: < > & " ' as
 * entities, invalid UTF-8 as U+FFFD, controls and bidi overrides as
 * visible \uXXXX. */
void web_html_put(FILE *f, const char *s);
/* The page's own markup, written as is: never a value. */
void web_html_raw(FILE *f, const char *markup);

/* Requests (web_req.c). */
/* A form field (POST) or query argument (GET), or NULL. */
const char *web_field(const struct web_req *r, const char *name);
/* The page's text in the account's language (web_i18n.c). */
const char *web_t(const struct web_req *r, const char *english);
/* The word counted n times ("SMS part", "SMS parts"), in the account's
 * language with its plural forms. */
const char *web_t_n(const struct web_req *r, long n, const char *one,
		const char *many);
/* A redirect after a POST (303 See Other). */
void web_redirect(struct web_req *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A page saying why something was refused, with its status. */
void web_refuse(struct web_req *r, int status, const char *why);

/* The frame of every page: head, the navigation, then the caller's body;
 * web_page_end() closes it. */
void web_page_begin(struct web_req *r, const char *title);
void web_page_end(struct web_req *r);
/* <input type="hidden" name="csrf" ...> for a form. */
void web_csrf_field(struct web_req *r);
/* "2026-11-24 10:00" in the helpline's local time. */
void web_local_time(int64_t t, char *buf, size_t n);

/* Pages (web_pages.c: the desk; web_admin.c: the rest). 1 handled,
 * 0 not theirs. */
int web_desk_route(struct web_req *r);
int web_admin_route(struct web_req *r);

/* "Try a conversation" on the content page (web_try.c): the panel, its
 * form's route (1 handled, 0 not), a session's try forgotten (logout),
 * those unused for max_age seconds forgotten, all of them at exit. */
void web_try_panel(struct web_req *r);
int web_try_route(struct web_req *r);
void web_try_forget(const char *token);
void web_try_expire(int64_t now, int64_t max_age);
void web_try_free_all(void);

/* Login, logout, sessions (web_auth.c). */
int web_auth_route(struct web_req *r);
/* Fills r->acct etc. from the session cookie: 1 logged in, 0 not. */
int web_auth_session(struct web_req *r);

/* Static assets (web_assets.c): 1 served, 0 not one. */
int web_asset(struct web_req *r);

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
