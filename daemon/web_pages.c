/*
 * web_pages.c - the desk in the browser: the queue (it refreshes itself),
 * a request's thread with the reply box, claim, note, close and reopen,
 * a person's history and search.  Every action goes through desk_act(),
 * audited under the account's name, as yordamctl and staff SMS do.
 *
 * Requests are named by id in URLs, never by phone number; search is a
 * POST, so what staff type (a name, a number) stays out of URLs and logs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"
#include "yordam/desk.h"
#include "yordam/sms.h"
#include "yordam/text.h"
#include "yordam/translit.h"

#define PREVIEW_CHARS 60

static void
request_row(const struct desk_request *q, void *ud)
{
	struct web_req *r = ud;
	char when[32], preview[PREVIEW_CHARS * 4 + 8];
	int64_t since = q->unread && q->last_at ? q->last_at : q->created_at;

	web_local_time(since, when, sizeof when);
	text_preview(q->last_text ? q->last_text : q->text, PREVIEW_CHARS,
		preview, sizeof preview);
	fprintf(r->out, "<tr class=\"%s%s\"><td><a href=\"/r/%lld\">#%lld"
		"</a></td><td>", q->urgent ? "urgent" : "",
		strcmp(q->status, "closed") == 0 ? " closed" : "",
		(long long)q->id, (long long)q->id);
	if (q->urgent) {
		fputs("<span class=\"badge\">", r->out);
		web_html_put(r->out, web_t(r, "URGENT"));
		fputs("</span> ", r->out);
		web_html_put(r->out, q->category);
	}
	fputs("</td><td>", r->out);
	web_html_put(r->out, q->lang ? q->lang : "?");
	fputs("</td><td>", r->out);
	web_html_put(r->out, q->topic ? q->topic : "?");
	fprintf(r->out, "</td><td>%s</td><td>", when);
	web_html_put(r->out, q->claimed_by ? q->claimed_by : "\xE2\x80\x94");
	fprintf(r->out, "</td><td class=\"unread\">%s%d</td><td class="
		"\"preview\">", q->unread ? "" : "<!---->", q->unread);
	web_html_put(r->out, preview);
	fputs("</td></tr>", r->out);
}

static void
table_head(struct web_req *r)
{
	static const char *const cols[] = { "#", "Urgent", "Language",
		"Topic", "Since", "Claimed by", "Unread", "Last message" };
	size_t i;

	fputs("<table class=\"queue\"><thead><tr>", r->out);
	for (i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		fputs("<th>", r->out);
		web_html_put(r->out, web_t(r, cols[i]));
		fputs("</th>", r->out);
	}
	fputs("</tr></thead>", r->out);
}

static void
rows(struct web_req *r, const struct desk_filter *f)
{
	if (desk_list_filtered(r->w->st, f, request_row, r) != 0)
		web_refuse(r, 500, store_error(r->w->st));
}

static void
queue_page(struct web_req *r)
{
	struct desk_filter f = { 0 };
	const char *mine = web_field(r, "mine"), *urgent = web_field(r,
		"urgent");

	f.claimed_by = mine ? r->acct.name : NULL;
	f.urgent_only = urgent != NULL;
	web_page_begin(r, web_t(r, "Queue"));
	fprintf(r->out, "<p class=\"filters\"><a href=\"/\">%s</a> <a href="
		"\"/?mine=1\">%s</a> <a href=\"/?urgent=1\">%s</a></p>",
		web_t(r, "All open"), web_t(r, "Mine"), web_t(r, "Urgent"));
	table_head(r);
	fprintf(r->out, "<tbody id=\"queue-rows\" data-refresh=\"/queue/rows%s"
		"\">", mine ? "?mine=1" : urgent ? "?urgent=1" : "");
	rows(r, &f);
	fputs("</tbody></table>", r->out);
	web_page_end(r);
}

/* The rows alone, for the page's own refresh every few seconds. */
static void
queue_rows(struct web_req *r)
{
	struct desk_filter f = { 0 };

	f.claimed_by = web_field(r, "mine") ? r->acct.name : NULL;
	f.urgent_only = web_field(r, "urgent") != NULL;
	rows(r, &f);
}

/* What the thread page needs of the request, kept past the callback. */
struct head {
	int found;
	char number[32], lang[16], status[16], claimed_by[64];
};

static void
keep_head(const struct desk_request *q, void *ud)
{
	struct head *h = ud;

	h->found = 1;
	snprintf(h->number, sizeof h->number, "%s", q->number ? q->number : "");
	snprintf(h->lang, sizeof h->lang, "%s", q->lang ? q->lang : "");
	snprintf(h->status, sizeof h->status, "%s", q->status);
	snprintf(h->claimed_by, sizeof h->claimed_by, "%s", q->claimed_by &&
		strcmp(q->status, "claimed") == 0 ? q->claimed_by : "");
}

static void
show_head(const struct desk_request *q, void *ud)
{
	struct web_req *r = ud;
	char when[32];

	web_local_time(q->created_at, when, sizeof when);
	fputs("<dl class=\"head\"><dt>", r->out);
	web_html_put(r->out, web_t(r, "Phone"));
	fputs("</dt><dd>", r->out);
	web_html_put(r->out, q->number);
	fputs("</dd><dt>", r->out);
	web_html_put(r->out, web_t(r, "Language"));
	fputs("</dt><dd>", r->out);
	web_html_put(r->out, q->lang ? q->lang : "?");
	fputs("</dd><dt>", r->out);
	web_html_put(r->out, web_t(r, "Topic"));
	fputs("</dt><dd>", r->out);
	web_html_put(r->out, q->topic ? q->topic : "?");
	if (q->urgent) {
		fputs("</dd><dt>", r->out);
		web_html_put(r->out, web_t(r, "Urgent"));
		fputs("</dt><dd class=\"urgent\">", r->out);
		web_html_put(r->out, q->category);
	}
	fputs("</dd><dt>", r->out);
	web_html_put(r->out, web_t(r, "Status"));
	fprintf(r->out, "</dt><dd id=\"status\">%s", web_t(r, q->status));
	if (q->claimed_by) {
		fputs(" \xC2\xB7 ", r->out);
		web_html_put(r->out, q->claimed_by);
	}
	fputs("</dd><dt>", r->out);
	web_html_put(r->out, web_t(r, "Opened"));
	fprintf(r->out, "</dt><dd>%s</dd></dl>", when);
}

static void
thread_entry(const struct desk_thread_entry *e, void *ud)
{
	struct web_req *r = ud;
	char when[32];

	web_local_time(e->at, when, sizeof when);
	fprintf(r->out, "<li class=\"%s\"><time>%s</time> ", e->kind, when);
	if (strcmp(e->kind, "in") == 0) {
		fputs("<span class=\"text\">", r->out);
		web_html_put(r->out, e->text);
	} else if (strcmp(e->kind, "robot") == 0) {
		fputs("<span class=\"who\">Yordam</span> <span class=\"node\">[",
			r->out);
		web_html_put(r->out, e->text);
		fputs("]", r->out);
	} else {
		fputs("<span class=\"who\">", r->out);
		web_html_put(r->out, strcmp(e->kind, "staff") == 0 ? e->who :
			web_t(r, e->kind));
		if (strcmp(e->kind, "staff") != 0) {
			fputs(" \xC2\xB7 ", r->out);
			web_html_put(r->out, e->who);
		}
		fputs(":</span> <span class=\"text\">", r->out);
		web_html_put(r->out, e->text);
	}
	fputs("</span>", r->out);
	if (strcmp(e->kind, "staff") == 0) {
		fputs(" <span class=\"delivery\">", r->out);
		web_html_put(r->out, web_t(r, e->status ? e->status : "?"));
		fputs("</span>", r->out);
	}
	fputs("</li>", r->out);
}

/* A button that posts an action on request id. */
static void
action_button(struct web_req *r, long long id, const char *action,
		const char *label, const char *extra)
{
	fprintf(r->out, "<form method=\"post\" action=\"/r/%lld/%s\" class="
		"\"inline\">", id, action);
	web_csrf_field(r);
	if (extra)
		fputs(extra, r->out);
	fprintf(r->out, "<button type=\"submit\" id=\"%s\">", action);
	web_html_put(r->out, web_t(r, label));
	fputs("</button></form>", r->out);
}

/* The canned replies in the person's language, for the reply box. */
static void
templates(struct web_req *r, const char *lang)
{
	const struct content *c = r->w->content;
	const struct locale *loc = c ? content_locale(c, lang) : NULL;
	const char *const *names;
	int i, n;

	if (!loc || (n = content_reply_names(c, &names)) <= 0)
		return;
	fputs("<label>", r->out);
	web_html_put(r->out, web_t(r, "Template"));
	fputs("<select id=\"template\"><option value=\"\">\xE2\x80\x94"
		"</option>", r->out);
	for (i = 0; i < n; i++) {
		const char *t = content_reply(loc, names[i]);
		if (!t)
			continue;
		fputs("<option value=\"", r->out);
		web_html_put(r->out, t);
		fputs("\">", r->out);
		web_html_put(r->out, names[i]);
		fputs("</option>", r->out);
	}
	fputs("</select></label>", r->out);
}

static void
reply_box(struct web_req *r, long long id, const struct head *h)
{
	fprintf(r->out, "<form method=\"post\" action=\"/r/%lld/reply\" class="
		"\"reply\">", id);
	web_csrf_field(r);
	templates(r, h->lang);
	fprintf(r->out, "<textarea name=\"text\" id=\"reply-text\" rows=\"4\""
		" maxlength=\"2000\" data-max-parts=\"%d\" required></textarea>"
		"<p class=\"counter\" id=\"reply-count\" aria-live=\"polite\">"
		"</p><label class=\"check\"><input type=\"checkbox\" name="
		"\"latin\" value=\"1\"> %s</label><label class=\"check\"><input"
		" type=\"checkbox\" name=\"force\" value=\"1\"> %s</label>"
		"<button type=\"submit\" id=\"send\">%s</button></form>",
		r->w->cfg.max_staff_reply_parts, web_t(r, "in Latin letters"),
		web_t(r, "send even if long"), web_t(r, "Send SMS"));
	fprintf(r->out, "<form method=\"post\" action=\"/r/%lld/note\" class="
		"\"note\">", id);
	web_csrf_field(r);
	fprintf(r->out, "<textarea name=\"text\" id=\"note-text\" rows=\"2\""
		" maxlength=\"2000\" required></textarea><button type=\"submit\""
		" id=\"add-note\">%s</button></form>", web_t(r, "Add note"));
}

static void
thread_page(struct web_req *r, long long id)
{
	struct head h = { 0 };
	char title[64];
	int closed;

	if (desk_show(r->w->st, id, keep_head, NULL, &h) != 1 || !h.found)
		return web_refuse(r, 404, web_t(r, "No such request."));
	snprintf(title, sizeof title, "#%lld", id);
	web_page_begin(r, title);
	desk_show(r->w->st, id, show_head, NULL, r);
	closed = strcmp(h.status, "closed") == 0;
	fputs("<div class=\"actions\">", r->out);
	if (!closed && strcmp(h.claimed_by, r->acct.name) != 0)
		action_button(r, id, "claim", h.claimed_by[0] ? "Take over" :
			"Claim", h.claimed_by[0] ?
			"<input type=\"hidden\" name=\"force\" value=\"1\">" : NULL);
	action_button(r, id, closed ? "reopen" : "close", closed ? "Reopen" :
		"Close", NULL);
	fprintf(r->out, "<a href=\"/r/%lld/history\">%s</a></div>", id,
		web_t(r, "History of this person"));
	fputs("<ol class=\"thread\" id=\"thread\">", r->out);
	if (desk_thread(r->w->st, id, thread_entry, r) < 0)
		fputs("<li class=\"refused\">?</li>", r->out);
	fputs("</ol>", r->out);
	if (!closed)
		reply_box(r, id, &h);
	web_page_end(r);
}

/* The reply as it will leave: in Latin letters if asked and it fits
 * GSM-7; over max_staff_reply_parts refused unless forced.  NULL when
 * refused (said); else malloc'd. */
static char *
reply_text(struct web_req *r, const struct head *h)
{
	const char *text = web_field(r, "text");
	struct sms_measure m;
	char *out, why[256];

	if (!text || !*text) {
		web_refuse(r, 400, web_t(r, "The reply is empty."));
		return NULL;
	}
	out = strdup(text);
	if (out && web_field(r, "latin") && translit_is_mostly_cyrillic(out)) {
		char *lat = translit_cyrillic_to_latin(out, h->lang);
		if (lat) {
			free(out);
			out = lat;
		}
	}
	if (!out || sms_measure(out, &m) != 0) {
		free(out);
		web_refuse(r, 400, web_t(r, "The reply is not valid text."));
		return NULL;
	}
	if (m.parts > r->w->cfg.max_staff_reply_parts && !web_field(r,
	    "force")) {
		snprintf(why, sizeof why, "%s (%d > %d)", web_t(r, "Not sent:"
			" the reply takes more SMS parts than allowed; shorten"
			" it or tick \"send even if long\"."), m.parts,
			r->w->cfg.max_staff_reply_parts);
		free(out);
		web_refuse(r, 400, why);
		return NULL;
	}
	return out;
}

static void
act(struct web_req *r, long long id, const char *what)
{
	static const struct { const char *name; enum desk_action act; } acts[]
		= { { "claim", DESK_CLAIM }, { "reply", DESK_REPLY },
		{ "note", DESK_NOTE }, { "close", DESK_CLOSE },
		{ "reopen", DESK_REOPEN } };
	struct head h = { 0 };
	char *reply = NULL;
	const char *body = NULL;
	size_t i;
	int rc;

	for (i = 0; i < sizeof acts / sizeof acts[0]; i++)
		if (strcmp(acts[i].name, what) == 0)
			break;
	if (i == sizeof acts / sizeof acts[0])
		return web_refuse(r, 404, web_t(r, "No such page."));
	if (desk_show(r->w->st, id, keep_head, NULL, &h) != 1 || !h.found)
		return web_refuse(r, 404, web_t(r, "No such request."));

	if (acts[i].act == DESK_REPLY && !(body = reply = reply_text(r, &h)))
		return;
	if (acts[i].act == DESK_NOTE)
		body = web_field(r, "text");
	/* Take over: another's claim, audited by the store ("taken from") */
	rc = desk_act(r->w->st, acts[i].act == DESK_CLAIM && web_field(r,
		"force") ? DESK_TAKE : acts[i].act, id, r->acct.name, body,
		r->now);
	free(reply);
	if (rc != 0)
		return web_refuse(r, acts[i].act == DESK_CLAIM ? 409 : 400,
			store_error(r->w->st));
	web_redirect(r, "/r/%lld", id);
}

static void
list_page(struct web_req *r, const char *title, const struct desk_filter *f)
{
	web_page_begin(r, title);
	table_head(r);
	fputs("<tbody>", r->out);
	rows(r, f);
	fputs("</tbody></table>", r->out);
	web_page_end(r);
}

static void
search_page(struct web_req *r)
{
	struct desk_filter f = { 0 };
	const char *q = web_field(r, "q");

	if (strcmp(r->method, "POST") == 0 && q && *q) {
		f.search = q;
		return list_page(r, web_t(r, "Search"), &f);
	}
	web_page_begin(r, web_t(r, "Search"));
	fputs("<form method=\"post\" action=\"/search\" class=\"search\">",
		r->out);
	web_csrf_field(r);
	fprintf(r->out, "<input name=\"q\" id=\"q\" required maxlength=\"200\">"
		"<button type=\"submit\" id=\"search\">%s</button></form>",
		web_t(r, "Search"));
	web_page_end(r);
}

int
web_desk_route(struct web_req *r)
{
	long long id;
	char what[16] = "";
	int n = 0;

	if (strcmp(r->path, "/") == 0)
		return queue_page(r), 1;
	if (strcmp(r->path, "/queue/rows") == 0)
		return queue_rows(r), 1;
	if (strcmp(r->path, "/search") == 0)
		return search_page(r), 1;
	if (sscanf(r->path, "/r/%lld%n/%15[a-z]%n", &id, &n, what, &n) < 1 ||
	    id <= 0 || r->path[n] != '\0')
		return 0;
	if (!what[0] && strcmp(r->method, "GET") == 0)
		thread_page(r, id);
	else if (strcmp(what, "history") == 0) {
		struct desk_filter f = { 0 };
		struct head h = { 0 };
		if (desk_show(r->w->st, id, keep_head, NULL, &h) != 1 ||
		    !h.found)
			return web_refuse(r, 404, web_t(r, "No such request.")),
				1;
		f.number = h.number;
		list_page(r, web_t(r, "History of this person"), &f);
	} else if (what[0] && strcmp(r->method, "POST") == 0)
		act(r, id, what);
	else
		web_refuse(r, 405, "method not allowed");
	return 1;
}
