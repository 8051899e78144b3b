/*
 * web_admin.c - the console's pages beside the desk: statistics with
 * charts drawn by the server (admin), queue and modem status, the
 * content map with what is still to review (and a try of a conversation
 * on it, web_try.c), accounts (admin), and an
 * account's own settings (language, password).
 *
 * Accounts are changed only through accounts.h, audited under the admin's
 * name; a password is never shown, logged or put in a URL.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"
#include "yordam/desk.h"

#define MAX_DAYS 31
#define MAX_SERIES 12

/* The statistics, folded for the charts: requests per day per language
 * and per category, and the typical minutes to a first reply per
 * language (the medians of the rows, weighted by how many were answered). */
struct fold {
	char days[MAX_DAYS][11];
	int n_days;
	char langs[MAX_SERIES][32], cats[MAX_SERIES][32];
	int n_langs, n_cats;
	double by_lang[MAX_SERIES][MAX_DAYS], by_cat[MAX_SERIES][MAX_DAYS];
	double wait_sum[MAX_SERIES], wait_n[MAX_SERIES];
};

static int
slot(char (*names)[32], int *n, const char *name)
{
	int i;

	for (i = 0; i < *n; i++)
		if (strncmp(names[i], name, 31) == 0)
			return i;
	if (*n >= MAX_SERIES)
		return MAX_SERIES - 1;  /* the rest share the last series */
	snprintf(names[*n], 32, "%s", name);
	return (*n)++;
}

static void
fold_row(const struct desk_stats_row *row, void *ud)
{
	struct fold *f = ud;
	int d, l, c;

	for (d = 0; d < f->n_days && strcmp(f->days[d], row->day) != 0; d++)
		;
	if (d == f->n_days) {
		if (f->n_days == MAX_DAYS) {    /* keep the latest days */
			memmove(f->days[0], f->days[1], sizeof f->days[0] *
				(MAX_DAYS - 1));
			for (l = 0; l < MAX_SERIES; l++) {
				memmove(f->by_lang[l], f->by_lang[l] + 1,
					sizeof(double) * (MAX_DAYS - 1));
				memmove(f->by_cat[l], f->by_cat[l] + 1,
					sizeof(double) * (MAX_DAYS - 1));
				f->by_lang[l][MAX_DAYS - 1] = 0;
				f->by_cat[l][MAX_DAYS - 1] = 0;
			}
			d = MAX_DAYS - 1;
		} else {
			f->n_days++;
		}
		snprintf(f->days[d], sizeof f->days[d], "%s", row->day);
	}
	l = slot(f->langs, &f->n_langs, row->lang);
	c = slot(f->cats, &f->n_cats, row->category);
	f->by_lang[l][d] += row->requests;
	f->by_cat[c][d] += row->requests;
	if (row->median_minutes >= 0 && row->answered > 0) {
		f->wait_sum[l] += (double)row->median_minutes * row->answered;
		f->wait_n[l] += row->answered;
	}
}

static void
stats_page(struct web_req *r)
{
	struct fold *f = calloc(1, sizeof *f);
	struct chart_series s[MAX_SERIES];
	const char *x[MAX_DAYS], *names[MAX_SERIES];
	double wait[MAX_SERIES];
	int i;

	if (!f)
		return web_refuse(r, 500, "out of memory");
	if (desk_stats(r->w->st, fold_row, f) != 0) {
		free(f);
		return web_refuse(r, 500, store_error(r->w->st));
	}
	web_page_begin(r, web_t(r, "Statistics"));
	for (i = 0; i < f->n_days; i++)
		x[i] = f->days[i];
	for (i = 0; i < f->n_langs; i++) {
		s[i].name = f->langs[i];
		s[i].values = f->by_lang[i];
		names[i] = f->langs[i];
		wait[i] = f->wait_n[i] > 0 ? f->wait_sum[i] / f->wait_n[i] : -1;
	}
	fputs("<section class=\"chart\">", r->out);
	chart_stacked_bars(r->out, web_t(r, "Requests per day, by language"),
		x, f->n_days, s, f->n_langs, web_t(r, "requests"));
	for (i = 0; i < f->n_cats; i++) {
		s[i].name = f->cats[i];
		s[i].values = f->by_cat[i];
	}
	chart_stacked_bars(r->out, web_t(r, "Requests per day, by urgent"
		" category (- = not urgent)"), x, f->n_days, s, f->n_cats,
		web_t(r, "requests"));
	chart_hbars(r->out, web_t(r, "Minutes to the first staff reply, by"
		" language"), names, wait, f->n_langs, web_t(r, "minutes"));
	fputs("</section>", r->out);
	web_page_end(r);
	free(f);
}

static void
status_row(struct web_req *r, const char *label, long long value)
{
	fputs("<tr><th>", r->out);
	web_html_put(r->out, web_t(r, label));
	fprintf(r->out, "</th><td>%lld</td></tr>", value);
}

/* The modem's pulse until it reports its own health: when an SMS last
 * came in and went out. */
static void
time_row(struct web_req *r, const char *label, int64_t at)
{
	char when[32] = "\xE2\x80\x94";

	if (at > 0)
		web_local_time(at, when, sizeof when);
	fputs("<tr><th>", r->out);
	web_html_put(r->out, web_t(r, label));
	fprintf(r->out, "</th><td>%s</td></tr>", when);
}

/* One modem's line as recorded every minute by yordamd. */
static void
modem_row(const struct store_modem *m, void *ud)
{
	struct web_req *r = ud;
	char when[32];

	web_local_time(m->updated_at, when, sizeof when);
	fputs("<tr><th>", r->out);
	web_html_put(r->out, m->name);
	fputs("</th><td>", r->out);
	web_html_put(r->out, web_t(r, m->connected ? "connected" :
		"not connected"));
	fputs(" \xC2\xB7 SIM ", r->out);
	web_html_put(r->out, m->sim);
	fputs(" \xC2\xB7 ", r->out);
	web_html_put(r->out, m->operator_name[0] ? m->operator_name :
		web_t(r, m->registered == 0 ? "no network" : "network ?"));
	if (m->signal >= 0)
		fprintf(r->out, " \xC2\xB7 %d%%", m->signal);
	if (m->storage_total > 0)
		fprintf(r->out, " \xC2\xB7 SMS %d/%d", m->storage_used,
			m->storage_total);
	if (m->balance >= 0)
		fprintf(r->out, " \xC2\xB7 %.2f", m->balance);
	if (m->blocked[0]) {
		fputs("<br><span class=\"refused\">", r->out);
		web_html_put(r->out, m->blocked);
		fputs("</span>", r->out);
	}
	fprintf(r->out, " <small>(%s)</small></td></tr>", when);
}

static void
status_page(struct web_req *r)
{
	struct store_status s;

	if (store_status(r->w->st, &s) != 0)
		return web_refuse(r, 500, store_error(r->w->st));
	web_page_begin(r, web_t(r, "Status"));
	fputs("<table class=\"status\" id=\"modems\">", r->out);
	if (store_modem_list(r->w->st, modem_row, r) != 0)
		fputs("<tr><td>?</td></tr>", r->out);
	fputs("</table><table class=\"status\" id=\"status-table\">", r->out);
	status_row(r, "Incoming, waiting", s.inbound_waiting);
	status_row(r, "Incoming, set aside after failing", s.inbound_set_aside);
	status_row(r, "Outgoing, waiting", s.outbound_waiting);
	status_row(r, "Outgoing, failed", s.outbound_failed);
	status_row(r, "Outgoing, held by limits", s.outbound_held);
	status_row(r, "Requests open", s.requests_open);
	status_row(r, "Requests urgent", s.requests_urgent);
	status_row(r, "Alerts that could not be sent", s.alerts_given_up);
	status_row(r, "Reminders scheduled", s.reminders_scheduled);
	status_row(r, "Reminders failed", s.reminders_failed);
	status_row(r, "Content version", (long long)s.content_version);
	time_row(r, "Last SMS received", s.last_received_at);
	time_row(r, "Last SMS sent", s.last_sent_at);
	fputs("</table>", r->out);
	web_page_end(r);
}

/* One node of the content map, with its children. */
static void
map_node(struct web_req *r, const struct content *c, const struct locale *loc,
		int k, int depth)
{
	const struct content_node *n = &c->nodes[k];
	int j, l, unreviewed = 0;

	for (l = 0; l < c->n_offered; l++)
		unreviewed += !c->locales[l].reviewed_by[k];
	fputs("<li><span class=\"node\">", r->out);
	web_html_put(r->out, n->id);
	fputs("</span> ", r->out);
	web_html_put(r->out, k == c->home ? "" : loc->label[k]);
	if (n->to_verify || unreviewed) {
		fputs(" <span class=\"badge review\">", r->out);
		web_html_put(r->out, web_t(r, n->to_verify ? "to verify" :
			"not reviewed"));
		fputs("</span>", r->out);
	}
	if (n->source) {
		fputs(" <small>", r->out);
		web_html_put(r->out, n->source);
		fputs("</small>", r->out);
	}
	if (n->type == NODE_ANSWER) {
		fputs("<p class=\"answer\">", r->out);
		web_html_put(r->out, loc->text[k]);
		fputs("</p>", r->out);
	}
	if (n->n_options && depth < 8) {
		fputs("<ul>", r->out);
		for (j = 0; j < n->n_options; j++)
			map_node(r, c, loc, n->options[j], depth + 1);
		fputs("</ul>", r->out);
	}
	fputs("</li>", r->out);
}

static void
content_page(struct web_req *r)
{
	const struct content *c = r->w->content;
	const char *lang = web_field(r, "lang");
	const struct locale *loc;
	int i;

	if (!c)
		return web_refuse(r, 503, web_t(r, "The content did not load;"
			" `yordamctl check` says why."));
	loc = content_locale(c, lang ? lang : r->lang);
	if (!loc)
		loc = &c->locales[0];
	web_page_begin(r, web_t(r, "Content"));
	fputs("<p class=\"filters\">", r->out);
	for (i = 0; i < c->n_offered; i++) {
		fprintf(r->out, "<a href=\"/content?lang=");
		web_html_put(r->out, c->locales[i].code);
		fputs("\">", r->out);
		web_html_put(r->out, c->locales[i].name);
		fputs("</a> ", r->out);
	}
	fputs("</p>", r->out);
	web_try_panel(r);
	fputs("<ul class=\"map\">", r->out);
	map_node(r, c, loc, c->home, 0);
	fputs("</ul>", r->out);
	web_page_end(r);
}

int web_accounts_route(struct web_req *r);

int
web_admin_route(struct web_req *r)
{
	int admin = r->acct.role == ROLE_ADMIN;

	if (strcmp(r->path, "/status") == 0)
		return status_page(r), 1;
	if (strcmp(r->path, "/content") == 0)
		return content_page(r), 1;
	if (web_try_route(r))           /* staff and admins: editors */
		return 1;
	if (strcmp(r->path, "/stats") == 0) {
		if (!admin)
			return web_refuse(r, 403, web_t(r, "Only an admin may"
				" see this.")), 1;
		return stats_page(r), 1;
	}
	return web_accounts_route(r);
}
