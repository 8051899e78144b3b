/*
 * web_req.c - what a page does with its request: read a form field, send
 * the browser on after a POST (303), or refuse with a reason on a page of
 * its own.  Below the pages and web_http.c's dispatcher, so neither calls
 * back into the other.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"

const char *
web_field(const struct web_req *r, const char *name)
{
	int i;

	for (i = 0; i < r->n_fields; i++)
		if (strcmp(r->fields[i].name, name) == 0)
			return r->fields[i].value;
	return NULL;
}

void
web_redirect(struct web_req *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->location, sizeof r->location, fmt, ap);
	va_end(ap);
	r->status = 303;
}

void
web_refuse(struct web_req *r, int status, const char *why)
{
	r->status = status;
	if (r->out) {
		fclose(r->out);
		free(r->page);
		r->page = NULL;
		r->page_len = 0;
	}
	r->out = open_memstream(&r->page, &r->page_len);
	r->content_type = "text/html; charset=utf-8";
	web_page_begin(r, web_t(r, "Refused"));
	fputs("<p class=\"refused\">", r->out);
	web_html_put(r->out, why);
	fputs("</p><p><a href=\"/\">", r->out);
	web_html_put(r->out, web_t(r, "Back to the queue"));
	fputs("</a></p>", r->out);
	web_page_end(r);
}

