/*
 * web_frame.c - the frame every console page shares: the document head
 * (the program's own style sheet and script, nothing from outside), the
 * navigation for the account's role, the form token, local times.
 *
 * Readable on a 360-px-wide phone: the viewport is the device's, the
 * style sheet (web_assets.c) lays the navigation and tables out for it.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "web.h"

void
web_local_time(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

void
web_csrf_field(struct web_req *r)
{
	fprintf(r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
		r->csrf);
}

static void
nav_link(struct web_req *r, const char *href, const char *label)
{
	int here = strcmp(r->path, href) == 0;

	fprintf(r->out, "<a href=\"%s\"%s>", href, here ?
		" aria-current=\"page\"" : "");
	web_html_put(r->out, web_t(r, label));
	fputs("</a>", r->out);
}

void
web_page_begin(struct web_req *r, const char *title)
{
	fprintf(r->out, "<!doctype html><html lang=\"%s\"><head>"
		"<meta charset=\"utf-8\"><meta name=\"viewport\" content="
		"\"width=device-width, initial-scale=1\"><title>", r->lang);
	web_html_put(r->out, title);
	fputs(" \xC2\xB7 Yordam</title><link rel=\"stylesheet\" href="
		"\"/static/style.css\"><script src=\"/static/app.js\" defer>"
		"</script></head><body><header><strong class=\"brand\">Yordam"
		"</strong>", r->out);
	if (r->logged_in) {
		fputs("<nav>", r->out);
		nav_link(r, "/", "Queue");
		nav_link(r, "/search", "Search");
		nav_link(r, "/status", "Status");
		nav_link(r, "/content", "Content");
		if (r->acct.role == ROLE_ADMIN) {
			nav_link(r, "/stats", "Statistics");
			nav_link(r, "/accounts", "Accounts");
		}
		nav_link(r, "/settings", "Settings");
		fputs("</nav><form method=\"post\" action=\"/logout\" class="
			"\"logout\">", r->out);
		web_csrf_field(r);
		fputs("<span class=\"who\">", r->out);
		web_html_put(r->out, r->acct.name);
		fputs("</span><button type=\"submit\" id=\"logout\">", r->out);
		web_html_put(r->out, web_t(r, "Log out"));
		fputs("</button></form>", r->out);
	}
	fputs("</header><main><h1>", r->out);
	web_html_put(r->out, title);
	fputs("</h1>", r->out);
}

void
web_page_end(struct web_req *r)
{
	fputs("</main></body></html>\n", r->out);
}
