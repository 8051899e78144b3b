/*
 * web_http.c - yordam-web's HTTP side: libmicrohttpd, the limits and
 * headers every answer gets, forms, and the order in which a request
 * meets the rules.
 *
 * Every request, in order: a method other than GET, HEAD or POST is
 * refused (405); a path with "..", a backslash or a control character
 * (400) - nothing is ever read from disk, but such a path is an attack
 * and is said to be one; a form over WEB_MAX_BODY bytes (413); then the
 * static assets (no session needed); then the session cookie; the login
 * page; anything else needs a session (a page redirects to /login, a form
 * is refused 403); every POST must carry its session's CSRF token (403);
 * then the desk's pages, then the rest.
 *
 * Every answer carries the same security headers: a Content-Security-
 * Policy that allows scripts and styles only from the program itself (no
 * inline script, no inline style), no framing, no sniffing, no referrer,
 * no caching of pages.  Nothing about a person (a number, a text) goes
 * into a URL or a log line: requests are named by id, searches are POSTs.
 */
#include <microhttpd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "web.h"
#include "yordam/clock.h"
#include "yordam/log.h"

#define CSP "default-src 'none'; script-src 'self'; style-src 'self';" \
	" img-src 'self'; connect-src 'self'; form-action 'self';" \
	" frame-ancestors 'none'; base-uri 'none'"

static pthread_mutex_t web_mutex = PTHREAD_MUTEX_INITIALIZER;

void
web_http_lock(void)
{
	pthread_mutex_lock(&web_mutex);
}

void
web_http_unlock(void)
{
	pthread_mutex_unlock(&web_mutex);
}

/* A connection's body as it comes in pieces. */
struct upload {
	char *body;
	size_t len;
	int too_big;
};

static int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* application/x-www-form-urlencoded, in place: + as space, %XX, and a
 * textarea's CR LF as LF (an SMS counts one character for a line). */
static void
url_decode(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (*s == '+') {
			*out++ = ' ';
		} else if (*s == '%' && hex_value(s[1]) >= 0 &&
		    hex_value(s[2]) >= 0) {
			char c = (char)(hex_value(s[1]) * 16 + hex_value(s[2]));
			s += 2;
			if (c != '\r')
				*out++ = c;
		} else if (*s != '\r') {
			*out++ = *s;
		}
	}
	*out = '\0';
}

static void
add_field(struct web_req *r, const char *name, const char *value)
{
	if (r->n_fields >= WEB_MAX_FIELDS || web_field(r, name))
		return;         /* the first of a name counts */
	r->fields[r->n_fields].name = strdup(name);
	r->fields[r->n_fields].value = strdup(value ? value : "");
	if (r->fields[r->n_fields].name && r->fields[r->n_fields].value)
		r->n_fields++;
	else {
		free(r->fields[r->n_fields].name);
		free(r->fields[r->n_fields].value);
	}
}

static void
parse_form(struct web_req *r, char *body)
{
	char *save = NULL, *pair;

	for (pair = strtok_r(body, "&", &save); pair;
	    pair = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(pair, '=');
		if (!eq)
			continue;
		*eq = '\0';
		url_decode(pair);
		url_decode(eq + 1);
		add_field(r, pair, eq + 1);
	}
}

static enum MHD_Result
query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
		const char *value)
{
	(void)kind;
	add_field(cls, key, value);
	return MHD_YES;
}

/* A path that tries to leave where it should be: refused as such. */
static int
path_is_bad(const char *p)
{
	if (p[0] != '/' || strstr(p, "..") || strchr(p, '\\'))
		return 1;
	for (; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			return 1;
	return 0;
}

/* The rules of the top comment, in order. */
static void
serve(struct web_req *r)
{
	const char *csrf;

	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0 &&
	    strcmp(r->method, "POST") != 0)
		return web_refuse(r, 405, "method not allowed");
	if (path_is_bad(r->path))
		return web_refuse(r, 400, "bad path");
	if (web_asset(r))
		return;
	web_auth_session(r);
	if (web_auth_route(r))
		return;
	if (!r->logged_in) {
		if (strcmp(r->method, "POST") == 0)
			return web_refuse(r, 403, web_t(r, "Log in first."));
		web_redirect(r, "/login");
		return;
	}
	if (strcmp(r->method, "POST") == 0 && (!(csrf = web_field(r, "csrf"))
	    || strlen(csrf) != strlen(r->csrf) || sodium_memcmp(csrf, r->csrf,
	    strlen(r->csrf)) != 0))
		return web_refuse(r, 403, web_t(r, "This form is out of date"
			" (its security token does not match): open the page"
			" again and repeat."));
	if (web_desk_route(r) || web_admin_route(r))
		return;
	web_refuse(r, 404, web_t(r, "No such page."));
}

static void
add_headers(struct MHD_Response *resp, const struct web_req *r)
{
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy",
		"same-origin");
	MHD_add_response_header(resp, "Cache-Control", r->cacheable ?
		"max-age=3600" : "no-store");
	if (r->w->tls)
		MHD_add_response_header(resp, "Strict-Transport-Security",
			"max-age=31536000");
	if (r->content_type)
		MHD_add_response_header(resp, "Content-Type", r->content_type);
	if (r->location[0])
		MHD_add_response_header(resp, "Location", r->location);
	if (r->set_cookie[0])
		MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
}

static enum MHD_Result
answer(struct MHD_Connection *c, struct web_req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	if (r->out)
		fclose(r->out);
	r->out = NULL;
	if (!r->page) {
		r->page = strdup("");
		r->page_len = 0;
	}
	resp = MHD_create_response_from_buffer(r->page_len, r->page,
		MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(r->page);
		return MHD_NO;
	}
	r->page = NULL;
	add_headers(resp, r);
	ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void
req_free(struct web_req *r)
{
	int i;

	for (i = 0; i < r->n_fields; i++) {
		free(r->fields[i].name);
		free(r->fields[i].value);
	}
	if (r->out)
		fclose(r->out);
	free(r->page);
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
		const char *method, const char *version, const char *data,
		size_t *data_size, void **con_cls)
{
	struct upload *up = *con_cls;
	struct web_req r = { 0 };
	enum MHD_Result ret;

	(void)version;
	if (!up) {
		if (!(up = calloc(1, sizeof *up)))
			return MHD_NO;
		*con_cls = up;
		return MHD_YES;
	}
	if (*data_size) {       /* a piece of the body */
		if (up->len + *data_size > WEB_MAX_BODY) {
			up->too_big = 1;
		} else {
			char *b = realloc(up->body, up->len + *data_size + 1);
			if (!b)
				return MHD_NO;
			memcpy(b + up->len, data, *data_size);
			up->body = b;
			up->len += *data_size;
			up->body[up->len] = '\0';
		}
		*data_size = 0;
		return MHD_YES;
	}
	r.w = cls;
	r.method = method;
	r.path = url;
	r.conn = c;
	r.status = 200;
	r.lang = "ru";
	r.now = clock_now();
	r.content_type = "text/html; charset=utf-8";
	r.out = open_memstream(&r.page, &r.page_len);
	if (!r.out)
		return MHD_NO;
	web_http_lock();
	if (up->too_big) {
		web_refuse(&r, 413, "the form is too large");
	} else {
		if (up->body)
			parse_form(&r, up->body);
		MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, query_arg,
			&r);
		serve(&r);
	}
	web_http_unlock();
	if (r.status >= 500)
		log_error("%s: answered %d", method, r.status);
	ret = answer(c, &r);
	req_free(&r);
	return ret;
}

static void
completed(void *cls, struct MHD_Connection *c, void **con_cls,
		enum MHD_RequestTerminationCode toe)
{
	struct upload *up = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (up) {
		free(up->body);
		free(up);
	}
	*con_cls = NULL;
}

static char *
read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t n = 0;
	FILE *m;

	if (!f)
		return NULL;
	m = open_memstream(&buf, &n);
	if (m) {
		char chunk[4096];
		size_t k;
		while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
			fwrite(chunk, 1, k, m);
		fclose(m);
	}
	fclose(f);
	return buf;
}

void *
web_http_start(struct web *w, char *err, size_t n)
{
	static struct sockaddr_in6 a6;
	static struct sockaddr_in a4;
	const char *addr = w->cfg.web_listen ? w->cfg.web_listen : "127.0.0.1";
	const struct sockaddr *sa;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL |
		MHD_USE_ERROR_LOG;
	char *cert = NULL, *key = NULL;
	struct MHD_Daemon *d;

	if (inet_pton(AF_INET, addr, &a4.sin_addr) == 1) {
		a4.sin_family = AF_INET;
		a4.sin_port = htons((uint16_t)w->cfg.web_port);
		sa = (const struct sockaddr *)&a4;
	} else if (inet_pton(AF_INET6, addr, &a6.sin6_addr) == 1) {
		a6.sin6_family = AF_INET6;
		a6.sin6_port = htons((uint16_t)w->cfg.web_port);
		sa = (const struct sockaddr *)&a6;
		flags |= MHD_USE_IPv6;
	} else {
		snprintf(err, n, "web.listen '%s' is not an IPv4 or IPv6"
			" address", addr);
		return NULL;
	}
	if (sodium_init() < 0) {
		snprintf(err, n, "libsodium cannot start");
		return NULL;
	}
	if (w->tls) {
		cert = read_file(w->cfg.web_tls_cert);
		key = read_file(w->cfg.web_tls_key);
		if (!cert || !key) {
			snprintf(err, n, "cannot read %s", !cert ?
				w->cfg.web_tls_cert : w->cfg.web_tls_key);
			free(cert);
			free(key);
			return NULL;
		}
		flags |= MHD_USE_TLS;
	}
	d = MHD_start_daemon(flags, 0, NULL, NULL, handle, w,
		MHD_OPTION_SOCK_ADDR, sa,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)w->cfg.web_max_connections,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
		MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
		w->tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert,
		MHD_OPTION_HTTPS_MEM_KEY, key,
		MHD_OPTION_END);
	if (!d)
		snprintf(err, n, "%s port %d: in use, not allowed, or TLS"
			" refused", addr, w->cfg.web_port);
	/* libmicrohttpd copies neither: they stay for the daemon's life */
	return d;
}

void
web_http_stop(void *server)
{
	MHD_stop_daemon(server);
}
