/*
 * web_try.c - "Try a conversation" on the console's content page: the
 * console's version of `yordamctl try` (ctl_try.c), for editors who
 * changed a text and want to see what a person will receive.
 *
 * The engine is a pure function, so it runs here, in-process, on the
 * content the console loaded (or, with "offer drafts", on the same
 * content loaded once more with content_drafts = 1, cached beside it and
 * freed at reload).  Nothing is sent and nothing is written to the
 * helpline's database: the conversation (struct conv_state, the clock
 * advanced 60 s a turn, the last TRY_TURNS turns) lives in this
 * program's memory, one per web session, at most TRY_SESSIONS of them
 * (the least recently used is dropped), forgotten at logout and after
 * web.session_hours unused.  A session is known here by a hash of its
 * token, never the token itself.
 *
 * A plain POST form with the session's CSRF token (web_http.c checks it
 * for every POST), answered with a redirect back to the page: no script
 * needed.  Every text shown goes through web_html_put(): a person's
 * <script> or a bidi override in a reply is shown as text.  Both roles
 * may try: editors are staff accounts, and a try touches nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "web.h"
#include "yordam/clock.h"
#include "yordam/engine.h"
#include "yordam/log.h"
#include "yordam/sms.h"

#define TRY_TURNS 20            /* turns kept a conversation */
#define TRY_SESSIONS 16         /* conversations kept at once */
#define TRY_TEXT_MAX 1024       /* bytes of what the person sends */

struct try_turn {
	char said[TRY_TEXT_MAX];
	int n_replies;
	char reply[ENGINE_MAX_REPLIES][ENGINE_TEXT_MAX];
	char node[ENGINE_MAX_REPLIES][64];
	char urgent[64];
	int help;
	char help_topic[64];
	char unmatched[16];
	int reminder, erase;
	char lang[8];
};

struct try_conv {
	unsigned char key[crypto_generichash_BYTES];
	int64_t used;
	struct conv_state state;
	int64_t clock;
	int drafts;
	char start_lang[8];
	int n_turns, dropped;
	struct try_turn turns[TRY_TURNS];
};

static struct try_conv *convs[TRY_SESSIONS];

static void
key_of(const char *token, unsigned char *key)
{
	crypto_generichash(key, crypto_generichash_BYTES,
		(const unsigned char *)token, strlen(token), NULL, 0);
}

static int
find_slot(const char *token)
{
	unsigned char key[crypto_generichash_BYTES];
	int i;

	key_of(token, key);
	for (i = 0; i < TRY_SESSIONS; i++)
		if (convs[i] && sodium_memcmp(convs[i]->key, key,
		    sizeof key) == 0)
			return i;
	return -1;
}

static void
new_person(struct try_conv *t, const char *lang, int drafts, int64_t now)
{
	memset(&t->state, 0, sizeof t->state);
	t->state.entry_day = -1;
	snprintf(t->start_lang, sizeof t->start_lang, "%s", lang ? lang : "");
	snprintf(t->state.lang, sizeof t->state.lang, "%s", t->start_lang);
	t->drafts = drafts;
	t->clock = now;
	t->n_turns = 0;
	t->dropped = 0;
}

/* The session's conversation, made (dropping the least recently used
 * when all slots are taken) if create is set. */
static struct try_conv *
conv_of(struct web_req *r, int create)
{
	int i = find_slot(r->token), oldest = 0;

	if (i >= 0 || !create) {
		if (i >= 0)
			convs[i]->used = r->now;
		return i >= 0 ? convs[i] : NULL;
	}
	for (i = 0; i < TRY_SESSIONS && convs[i]; i++)
		if (convs[i]->used < convs[oldest]->used)
			oldest = i;
	if (i == TRY_SESSIONS) {
		free(convs[oldest]);
		convs[oldest] = NULL;
		i = oldest;
	}
	if (!(convs[i] = calloc(1, sizeof *convs[i])))
		return NULL;
	key_of(r->token, convs[i]->key);
	convs[i]->used = r->now;
	new_person(convs[i], NULL, 0, r->now);
	return convs[i];
}

void
web_try_forget(const char *token)
{
	int i = find_slot(token);

	if (i >= 0) {
		free(convs[i]);
		convs[i] = NULL;
	}
}

void
web_try_expire(int64_t now, int64_t max_age)
{
	int i;

	for (i = 0; i < TRY_SESSIONS; i++)
		if (convs[i] && convs[i]->used < now - max_age) {
			free(convs[i]);
			convs[i] = NULL;
		}
}

void
web_try_free_all(void)
{
	int i;

	for (i = 0; i < TRY_SESSIONS; i++) {
		free(convs[i]);
		convs[i] = NULL;
	}
}

/* The content a try runs on: the loaded one, or with drafts offered,
 * the same loaded once more with content_drafts = 1 and kept. */
static const struct content *
try_content(struct web_req *r, int drafts, const char **why)
{
	struct web *w = r->w;
	struct yordam_config cfg = w->cfg;
	struct content_errors errs;
	int shipped_only;

	*why = "The content did not load; `yordamctl check` says why.";
	if (!drafts || !w->content)
		return w->content;
	if (w->drafts)
		return w->drafts;
	cfg.content_drafts = 1;
	if (content_load_or_shipped(w->cfg.content, &cfg, &w->drafts, &errs,
			&shipped_only) != 0) {
		log_error("content with drafts not loaded (%d errors;"
			" `yordamctl check` lists them)", errs.n);
		content_errors_free(&errs);
		*why = "The content with drafts did not load; `yordamctl check`"
			" says why.";
		w->drafts = NULL;
		return NULL;
	}
	if (shipped_only)
		content_errors_free(&errs);
	return w->drafts;
}

/* One turn: the engine's step, kept as text (nothing points into a
 * content that a reload may free). */
static void
take_turn(struct web_req *r, struct try_conv *t, const struct content *c,
		const char *text)
{
	struct engine_params p = { 0 };
	struct engine_result res;
	struct try_turn *u;
	int i;

	if (t->n_turns == TRY_TURNS) {          /* the oldest goes */
		memmove(&t->turns[0], &t->turns[1], sizeof t->turns[0] *
			(TRY_TURNS - 1));
		t->n_turns--;
		t->dropped++;
	}
	u = &t->turns[t->n_turns++];
	memset(u, 0, sizeof *u);
	t->clock += 60;
	p.session_timeout = r->w->cfg.session_timeout;
	p.today = clock_local_day(t->clock);
	p.reminder_days_before = r->w->cfg.reminder_days_before;
	engine_step(c, &p, &t->state, text, t->clock, &res);
	snprintf(u->said, sizeof u->said, "%s", text);
	u->n_replies = res.n_replies;
	for (i = 0; i < res.n_replies; i++) {
		snprintf(u->reply[i], sizeof u->reply[i], "%s",
			res.replies[i].text ? res.replies[i].text : "");
		snprintf(u->node[i], sizeof u->node[i], "%s",
			res.replies[i].node ? res.replies[i].node : "");
	}
	snprintf(u->urgent, sizeof u->urgent, "%s", res.urgent ?
		res.urgent : "");
	u->help = res.help_requested;
	snprintf(u->help_topic, sizeof u->help_topic, "%s", res.help_topic ?
		res.help_topic : "");
	snprintf(u->unmatched, sizeof u->unmatched, "%s", res.unmatched ?
		res.unmatched : "");
	u->reminder = res.reminder_day != 0;
	u->erase = res.erase;
	snprintf(u->lang, sizeof u->lang, "%s", res.state.lang);
	t->state = res.state;
	if (res.erase) {                        /* DELETE: a new person */
		memset(&t->state, 0, sizeof t->state);
		t->state.entry_day = -1;
	}
}

static void
try_post(struct web_req *r)
{
	const char *what = web_field(r, "do"), *text = web_field(r, "text");
	const char *lang = web_field(r, "lang"), *why;
	int drafts = web_field(r, "drafts") != NULL;
	const struct content *c = try_content(r, drafts, &why);
	struct try_conv *t;

	if (!c)
		return web_refuse(r, 503, web_t(r, why));
	if (lang && *lang && !content_locale(c, lang))
		return web_refuse(r, 400, web_t(r, "No such language in this"
			" content."));
	if (!(t = conv_of(r, 1)))
		return web_refuse(r, 500, "out of memory");
	if (what && strcmp(what, "new") == 0) {
		new_person(t, lang, drafts, r->now);
		return web_redirect(r, "/content#try");
	}
	if (!text || !*text)
		return web_refuse(r, 400, web_t(r, "The message is empty."));
	if (strlen(text) >= TRY_TEXT_MAX)
		return web_refuse(r, 400, web_t(r, "The message is too long"
			" for a try (over 1000 bytes)."));
	if (t->n_turns == 0 && t->dropped == 0)  /* not started: as chosen */
		new_person(t, lang, drafts, r->now);
	t->drafts = drafts;
	take_turn(r, t, c, text);
	web_redirect(r, "/content#try");
}

int
web_try_route(struct web_req *r)
{
	if (strcmp(r->path, "/content/try") != 0)
		return 0;
	if (strcmp(r->method, "POST") != 0)
		return web_redirect(r, "/content#try"), 1;
	try_post(r);
	return 1;
}

static int
chars_of(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void
show_reply(struct web_req *r, const char *text, const char *node)
{
	struct sms_measure m;
	int n = chars_of(text);

	fputs("<li class=\"robot try-reply\"><span class=\"text\">", r->out);
	web_html_put(r->out, text);
	fputs("</span><br><span class=\"delivery\">", r->out);
	web_html_put(r->out, node);
	if (sms_measure(text, &m) == 0)
		fprintf(r->out, " \xC2\xB7 %d %s \xC2\xB7 %s \xC2\xB7 %d %s",
			m.parts, web_t_n(r, m.parts, "SMS part", "SMS parts"),
			m.coding == SMS_UCS2 ? "UCS-2" : "GSM-7", n,
			web_t_n(r, n, "character", "characters"));
	else
		fprintf(r->out, " \xC2\xB7 %s", web_t(r, "not valid UTF-8"));
	fputs("</span></li>", r->out);
}

static void
badge(struct web_req *r, const char *cls, const char *label,
		const char *detail)
{
	fprintf(r->out, " <span class=\"badge %s\">", cls);
	web_html_put(r->out, web_t(r, label));
	if (detail && *detail) {
		fputs(": ", r->out);
		web_html_put(r->out, detail);
	}
	fputs("</span>", r->out);
}

static void
show_turn(struct web_req *r, const struct try_turn *u)
{
	int i;

	fputs("<li class=\"in try-said\">", r->out);
	web_html_put(r->out, u->said);
	fputs("</li>", r->out);
	for (i = 0; i < u->n_replies; i++)
		show_reply(r, u->reply[i], u->node[i]);
	fputs("<li class=\"audit try-actions\">", r->out);
	if (u->urgent[0])
		badge(r, "urgent", "urgent", u->urgent);
	if (u->urgent[0] || u->help)
		badge(r, "person", "a person is asked for", u->help_topic);
	if (u->unmatched[0])
		badge(r, "review", "not understood", u->unmatched);
	if (u->reminder)
		badge(r, "review", "a reminder would be set", NULL);
	if (u->erase)
		badge(r, "urgent", "everything about this number would be"
			" erased", NULL);
	if (u->n_replies == 0)
		badge(r, "review", "no reply", NULL);
	fputs(" ", r->out);
	web_html_put(r->out, web_t(r, "language"));
	fputs(" ", r->out);
	web_html_put(r->out, u->lang[0] ? u->lang : web_t(r, "not chosen"));
	fputs("</li>", r->out);
}

static void
lang_choice(struct web_req *r, const struct content *c, const char *chosen)
{
	int i;

	fprintf(r->out, "<label>%s<select name=\"lang\" id=\"try-lang\">"
		"<option value=\"\">", web_t(r, "Start in"));
	web_html_put(r->out, web_t(r, "the language the engine chooses"));
	fputs("</option>", r->out);
	for (i = 0; i < c->n_offered; i++) {
		fputs("<option value=\"", r->out);
		web_html_put(r->out, c->locales[i].code);
		fprintf(r->out, "\"%s>", strcmp(chosen, c->locales[i].code) ==
			0 ? " selected" : "");
		web_html_put(r->out, c->locales[i].name);
		fputs("</option>", r->out);
	}
	fputs("</select></label>", r->out);
}

void
web_try_panel(struct web_req *r)
{
	const struct content *c = r->w->content;
	struct try_conv *t = conv_of(r, 0);
	int i;

	fputs("<section class=\"try\" id=\"try\"><h2>", r->out);
	web_html_put(r->out, web_t(r, "Try a conversation"));
	fputs("</h2><p class=\"delivery\">", r->out);
	web_html_put(r->out, web_t(r, "Type what a person would send: the"
		" replies are those of the content loaded now. Nothing is sent"
		" and nothing is stored."));
	fputs(" (", r->out);
	/* drafts are read when first asked for: their files may be newer */
	web_html_put(r->out, t && t->drafts && r->w->drafts ?
		r->w->drafts->hash : c->hash);
	if (t && t->drafts) {
		fputs(", ", r->out);
		web_html_put(r->out, web_t(r, "drafts offered"));
	}
	fputs(")</p><ol class=\"thread try-chat\" id=\"try-chat\">", r->out);
	if (t && t->dropped)
		fprintf(r->out, "<li class=\"audit\">%d %s</li>", t->dropped,
			web_t(r, "earlier turns not shown"));
	for (i = 0; t && i < t->n_turns; i++)
		show_turn(r, &t->turns[i]);
	fputs("</ol><form method=\"post\" action=\"/content/try\" class="
		"\"try-form\">", r->out);
	web_csrf_field(r);
	fprintf(r->out, "<label>%s<textarea name=\"text\" id=\"try-text\""
		" rows=\"2\" maxlength=\"1000\"></textarea></label>",
		web_t(r, "The person's message"));
	lang_choice(r, c, t ? t->start_lang : "");
	fprintf(r->out, "<label class=\"check\"><input type=\"checkbox\""
		" name=\"drafts\" value=\"1\" id=\"try-drafts\"%s>%s</label>"
		"<p class=\"actions\"><button type=\"submit\" name=\"do\""
		" value=\"send\" id=\"try-send\">%s</button><button type="
		"\"submit\" name=\"do\" value=\"new\" id=\"try-new\" class="
		"\"secondary\">%s</button></p></form></section>",
		t && t->drafts ? " checked" : "", web_t(r, "offer drafts"),
		web_t(r, "Send"), web_t(r, "New person"));
}
