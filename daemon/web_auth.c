/*
 * web_auth.c - logging in and out of the console, and the session a
 * request carries.
 *
 * A session is a random token in an HttpOnly, SameSite=Strict cookie
 * (Secure under TLS) that expires after web.session_hours; the store
 * keeps only its keyed hash, and the session's CSRF token that every
 * form must return.  The login form has its own: a random value in a
 * short-lived cookie that the form must repeat (a page elsewhere cannot
 * log a browser in as someone else).  Wrong passwords are counted per
 * account in the database (accounts.h): web.lockout_after in a row lock
 * it for web.lockout_minutes, audited; an unknown name is told exactly
 * what a wrong password is told.
 */
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "web.h"
#include "yordam/log.h"

#define SESSION_COOKIE "yordam_session"
#define LOGIN_COOKIE "yordam_login"

static int
is_hex64(const char *s)
{
	int i;

	for (i = 0; i < 64; i++)
		if (!s || !((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[64] == '\0';
}

static const char *
cookie(const struct web_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

int
web_auth_session(struct web_req *r)
{
	const char *token = cookie(r, SESSION_COOKIE);

	if (!is_hex64(token))
		return 0;
	if (session_get(r->w->st, token, r->now, &r->acct, r->csrf) != 1)
		return 0;
	snprintf(r->token, sizeof r->token, "%s", token);
	r->logged_in = 1;
	r->lang = strcmp(r->acct.lang, "en") == 0 ? "en" : "ru";
	return 1;
}

static void
login_page(struct web_req *r, const char *why)
{
	unsigned char raw[32];
	char token[65];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(token, sizeof token, raw, sizeof raw);
	snprintf(r->set_cookie, sizeof r->set_cookie, LOGIN_COOKIE "=%s;"
		" HttpOnly; SameSite=Strict; Path=/login; Max-Age=1800%s",
		token, r->w->tls ? "; Secure" : "");
	web_page_begin(r, web_t(r, "Log in"));
	fputs("<form class=\"login\" method=\"post\" action=\"/login\">",
		r->out);
	if (why) {
		fputs("<p class=\"refused\" id=\"login-error\">", r->out);
		web_html_put(r->out, why);
		fputs("</p>", r->out);
	}
	fprintf(r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		"<label>%s<input name=\"name\" id=\"name\" autocomplete="
		"\"username\" required maxlength=\"64\"></label><label>%s<input"
		" type=\"password\" name=\"password\" id=\"password\""
		" autocomplete=\"current-password\" required maxlength=\"256\">"
		"</label><button type=\"submit\" id=\"login\">%s</button></form>",
		token, web_t(r, "Name"), web_t(r, "Password"),
		web_t(r, "Log in"));
	web_page_end(r);
}

static void
log_in(struct web_req *r)
{
	const char *name = web_field(r, "name"), *pw = web_field(r, "password");
	const char *form = web_field(r, "csrf"), *jar = cookie(r, LOGIN_COOKIE);
	const struct yordam_config *cfg = &r->w->cfg;
	struct account a;
	char token[65], csrf[65];
	int rc;

	if (!is_hex64(jar) || !form || strlen(form) != 64 ||
	    sodium_memcmp(form, jar, 64) != 0) {
		r->status = 403;
		return login_page(r, web_t(r, "This form is out of date (its"
			" security token does not match): log in again."));
	}
	rc = account_login(r->w->st, name ? name : "", pw ? pw : "",
		cfg->web_lockout_after, cfg->web_lockout_minutes * 60, r->now,
		&a);
	if (rc == 2) {
		r->status = 403;
		return login_page(r, web_t(r, "This account is locked after too"
			" many wrong passwords. Try again later, or ask an"
			" admin to unlock it."));
	}
	if (rc != 1) {
		if (rc < 0)
			log_error("login: %s", store_error(r->w->st));
		r->status = rc < 0 ? 500 : 403;
		return login_page(r, web_t(r, "Wrong name or password."));
	}
	if (session_create(r->w->st, a.name, r->now, r->now +
	    (int64_t)cfg->web_session_hours * 3600, token, csrf) != 0) {
		log_error("session: %s", store_error(r->w->st));
		return web_refuse(r, 500, store_error(r->w->st));
	}
	snprintf(r->set_cookie, sizeof r->set_cookie, SESSION_COOKIE "=%s;"
		" HttpOnly; SameSite=Strict; Path=/; Max-Age=%d%s", token,
		cfg->web_session_hours * 3600, r->w->tls ? "; Secure" : "");
	web_redirect(r, "/");
}

int
web_auth_route(struct web_req *r)
{
	int post = strcmp(r->method, "POST") == 0;

	if (strcmp(r->path, "/login") == 0) {
		if (post)
			log_in(r);
		else if (r->logged_in)
			web_redirect(r, "/");
		else
			login_page(r, NULL);
		return 1;
	}
	if (strcmp(r->path, "/logout") == 0 && post && r->logged_in) {
		const char *csrf = web_field(r, "csrf");
		if (!csrf || strlen(csrf) != 64 ||
		    sodium_memcmp(csrf, r->csrf, 64) != 0) {
			web_refuse(r, 403, web_t(r, "This form is out of date"
				" (its security token does not match): open the"
				" page again and repeat."));
			return 1;
		}
		session_end(r->w->st, r->token);
		web_try_forget(r->token);
		snprintf(r->set_cookie, sizeof r->set_cookie, SESSION_COOKIE
			"=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
		web_redirect(r, "/login");
		return 1;
	}
	return 0;
}
