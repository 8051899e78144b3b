/*
 * ctl_try.c - `yordamctl try`: a conversation in the terminal with the
 * content as it is on disk, before it is reloaded.
 *
 *   yordamctl try [--content DIR] [--lang L] [--from NUMBER] [--drafts]
 *
 * --content DIR is read as content_site is: its files replace the
 * shipped ones of the same name, so DIR may hold a whole tree or only
 * the one locale file being edited.
 *
 * An editor who changed a text, added a topic or translated one wants to
 * see what a person will receive before every person receives it.  The
 * engine is a pure function, so the conversation runs here, in-process,
 * on the production box: no modem, no daemon, no write to the live
 * database (with --from, the person's session is only read, through a
 * read-only connection, so the try starts where they are).  Each line
 * read is one SMS from the person; each reply is printed as it would be
 * sent, with its SMS parts and coding, and what the helpline would do
 * (a person asked for, urgent, not understood).  "/new" starts again as a
 * new person; end of input ends.  --drafts also offers the nodes still
 * marked status = "draft" (never offered by the daemon), so a new topic
 * can be tried before it is published.
 *
 * Texts are printed through ctl_put(): a reply or a person's text cannot
 * drive the terminal.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"
#include "yordam/clock.h"
#include "yordam/content.h"
#include "yordam/engine.h"
#include "yordam/sms.h"
#include "yordam/store.h"

struct try_session {
	const struct content *c;
	struct engine_params params;
	struct conv_state state;
	int64_t now;
	int prompt;             /* a terminal: prompt for each line */
};

static void
new_person(struct try_session *t, const char *lang)
{
	memset(&t->state, 0, sizeof t->state);
	t->state.entry_day = -1;
	if (lang)
		snprintf(t->state.lang, sizeof t->state.lang, "%s", lang);
	t->now += 100000;       /* long after: a new session */
}

/* With --from: start where that person is, read from the live database
 * through a read-only connection; nothing is written. */
static int
load_person(const struct yordam_config *cfg, const char *number,
		struct conv_state *state)
{
	struct store *st;
	char err[256];
	int rc;

	if (store_open_readonly(cfg->database, &st, err, sizeof err) != 0) {
		fprintf(stderr, "yordamctl: try --from: %s\n", err);
		return -1;
	}
	rc = store_load_state(st, number, state);
	store_close(st);
	if (rc < 0)
		fprintf(stderr, "yordamctl: try --from: the session of that"
			" number cannot be read\n");
	else if (rc == 0)
		fprintf(stderr, "yordamctl: try --from: no session for that"
			" number; starting as a new person\n");
	return rc < 0 ? -1 : 0;
}

/* One reply as sent: the text, then its parts and coding. */
static void
print_reply(const struct engine_reply *r)
{
	struct sms_measure m;

	printf("< ");
	ctl_put(stdout, r->text, CTL_LINES);
	if (sms_measure(r->text, &m) == 0)
		printf("\n    (%s; %d SMS part%s, %d %s)\n", r->node, m.parts,
			m.parts == 1 ? "" : "s", m.units,
			m.coding == SMS_UCS2 ? "ucs2" : "gsm7");
	else
		printf("\n    (%s; not valid UTF-8)\n", r->node);
}

/* What the helpline would do besides replying. */
static void
print_actions(const struct engine_result *r)
{
	if (r->urgent)
		printf("    [urgent: %s; a person is asked for]\n", r->urgent);
	else if (r->help_requested)
		printf("    [a person is asked for: %s]\n",
			r->help_topic ? r->help_topic : "");
	if (r->unmatched)
		printf("    [not understood (%s): flagged for review]\n",
			r->unmatched);
	if (r->reminder_day)
		printf("    [a reminder would be set]\n");
	if (r->erase)
		printf("    [everything about this number would be erased]\n");
	if (r->n_replies == 0)
		printf("    [no reply]\n");
}

static void
say(struct try_session *t, const char *text)
{
	struct engine_result r;
	int i;

	t->now += 60;
	engine_step(t->c, &t->params, &t->state, text, t->now, &r);
	for (i = 0; i < r.n_replies; i++)
		print_reply(&r.replies[i]);
	print_actions(&r);
	printf("    (language %s%s%s)\n", r.state.lang[0] ? r.state.lang :
		"not chosen", r.state.path[0] ? ", at " : "", r.state.path);
	t->state = r.state;
	if (r.erase)
		new_person(t, NULL);
}

static void
converse(struct try_session *t, const char *lang)
{
	char *line = NULL;
	size_t cap = 0;

	if (t->prompt)
		printf("Type what a person would send; /new starts again,"
			" Ctrl-D ends.\n");
	for (;;) {
		if (t->prompt) {
			printf("> ");
			fflush(stdout);
		}
		if (getline(&line, &cap, stdin) < 0)
			break;
		line[strcspn(line, "\r\n")] = '\0';
		if (strcmp(line, "/new") == 0) {
			new_person(t, lang);
			printf("-- a new person\n");
			continue;
		}
		if (!t->prompt) {
			printf("> ");
			ctl_put(stdout, line, 0);
			printf("\n");
		}
		say(t, line);
	}
	if (t->prompt)
		printf("\n");
	free(line);
}

int
ctl_try(const struct yordam_config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "content", required_argument, NULL, 'C' },
		{ "lang", required_argument, NULL, 'l' },
		{ "from", required_argument, NULL, 'f' },
		{ "drafts", no_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	struct yordam_config draft = *cfg;
	struct try_session t;
	const char *lang = NULL, *from = NULL;
	struct content *c;
	int opt;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "C:l:f:d", opts, NULL)) != -1) {
		if (opt == 'C')
			/* the editor's files over the shipped ones, as
			 * content_site is: a whole tree or one file */
			draft.content_site = optarg;
		else if (opt == 'l')
			lang = optarg;
		else if (opt == 'f')
			from = optarg;
		else if (opt == 'd')
			draft.content_drafts = 1;
		else
			return 2;
	}
	if (optind < argc)
		return 2;
	if (!(c = ctl_load_content(&draft)))
		return 1;
	for (opt = 0; opt < c->notes.n_notes; opt++)      /* drafts' work */
		fprintf(stderr, "%s\n", c->notes.notes[opt]);
	if (lang && !content_locale(c, lang)) {
		fprintf(stderr, "yordamctl: try: no language '%s' in this"
			" content\n", lang);
		content_free(c);
		return 1;
	}
	memset(&t, 0, sizeof t);
	t.c = c;
	t.now = clock_now();
	t.params.session_timeout = cfg->session_timeout;
	t.params.today = clock_local_day(t.now);
	t.params.reminder_days_before = cfg->reminder_days_before;
	t.prompt = isatty(STDIN_FILENO);
	new_person(&t, lang);
	t.now = clock_now();
	if (from && load_person(cfg, from, &t.state) != 0) {
		content_free(c);
		return 1;
	}
	printf("content %s (%s%s%s%s), nothing is sent or stored\n",
		c->hash, draft.content, draft.content_site ? " with " : "",
		draft.content_site ? draft.content_site : "",
		draft.content_drafts ? ", drafts offered" : "");
	converse(&t, lang);
	content_free(c);
	return 0;
}
