/*
 * staff.c - the hotline team's side of the SMS gateway: who is on call,
 * what an alert says, and the commands staff send by SMS.
 *
 * Staff phones are listed in yordam.conf with a PIN and on-call hours.
 * The migrant's number is left out of alerts unless oncall_show_number is
 * set: a staff phone can be lost or taken too.  Every command goes
 * through the desk API, so an SMS "R 12 text" obeys the same rules and
 * leaves the same audit line as `yordamctl reply 12 text`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "yordam/desk.h"
#include "yordam/log.h"
#include "yordam/staff.h"
#include "yordam/staff_command.h"
#include "yordam/text.h"

#define HELP_TEXT "Yordam: PIN NEXT | PIN TAKE n | PIN R n text |" \
	" PIN NOTE n text | PIN CLOSE n | PIN ACK n"

static int
on_call(const struct staff_member *m, int64_t now)
{
	time_t t = (time_t)now;
	struct tm tm;
	int minute;

	localtime_r(&t, &tm);
	minute = tm.tm_hour * 60 + tm.tm_min;

	if (m->from_minute <= m->to_minute)
		return minute >= m->from_minute && minute < m->to_minute;
	return minute >= m->from_minute || minute < m->to_minute;
}

static int
staff_index(const struct yordam_config *cfg, const char *phone)
{
	int i;

	for (i = 0; i < cfg->n_staff; i++)
		if (strcmp(cfg->staff[i].phone, phone) == 0)
			return i;
	return -1;
}

int
staff_next_on_call(const struct yordam_config *cfg, const char *after,
		int64_t now)
{
	int i, from = after ? staff_index(cfg, after) : -1;

	for (i = 1; i <= cfg->n_staff; i++) {
		int k = from < 0 ? i - 1 : (from + i) % cfg->n_staff;
		if (on_call(&cfg->staff[k], now))
			return k;
	}
	return -1;
}

struct describe {
	const struct yordam_config *cfg;
	char *out;
	size_t n;
};

/* Of the migrant's text, this many characters go into an alert: the
 * alert stays within three SMS parts in any script. */
#define ALERT_QUOTE_CHARS 120

static void
describe_request(const struct desk_request *r, void *ud)
{
	struct describe *d = ud;
	int show = d->cfg->oncall_show_number && r->number;
	char quote[ALERT_QUOTE_CHARS * 4 + 8];

	/* Quoted on one line and cut by characters: nothing in a migrant's
	 * text can pass for a line of the alert, or split a letter. */
	text_preview(r->text, ALERT_QUOTE_CHARS, quote, sizeof quote);
	snprintf(d->out, d->n, "#%lld %s%s (%s)%s%s: \xC2\xAB%s\xC2\xBB",
		(long long)r->id, r->urgent ? "URGENT " : "",
		r->category ? r->category : "help", r->lang ? r->lang : "?",
		show ? " " : "", show ? r->number : "", quote);
}

/* "#12 URGENT violence (ru): <text>" for an alert or for NEXT. */
static int
describe(struct store *st, const struct yordam_config *cfg, int64_t id,
		char *out, size_t n)
{
	struct describe d = { cfg, out, n };

	return desk_show(st, id, describe_request, NULL, &d) == 1 ? 0 : -1;
}

int
staff_alert_text(struct store *st, const struct yordam_config *cfg,
		int64_t id, char *out, size_t n)
{
	char body[ALERT_QUOTE_CHARS * 4 + 200];

	if (describe(st, cfg, id, body, sizeof body) != 0)
		return -1;
	snprintf(out, n, "%s | ACK %lld", body, (long long)id);
	return 0;
}

const char *
staff_phone_for(const struct yordam_config *cfg, const char *claimed_by,
		int64_t now)
{
	int i, k;

	for (i = 0; claimed_by && i < cfg->n_staff; i++)
		if (strcasecmp(cfg->staff[i].name, claimed_by) == 0)
			return cfg->staff[i].phone;
	k = staff_next_on_call(cfg, NULL, now);
	return k >= 0 ? cfg->staff[k].phone : NULL;
}

/* Like an alert: the text on one line, cut by characters, the number
 * only with oncall_show_number (a staff phone can be lost too). */
void
staff_new_message_text(const struct yordam_config *cfg, int64_t request,
		const char *lang, const char *urgent, const char *text,
		char *out, size_t n)
{
	char quote[ALERT_QUOTE_CHARS * 4 + 8];

	(void)cfg;
	text_preview(text, ALERT_QUOTE_CHARS, quote, sizeof quote);
	snprintf(out, n, "#%lld %s%s%snew message (%s): \xC2\xAB%s\xC2\xBB |"
		" R %lld text", (long long)request, urgent ? "URGENT " : "",
		urgent ? urgent : "", urgent ? ", " : "", lang && *lang ? lang
		: "?", quote, (long long)request);
}

static int
answer(struct store *st, const struct staff_member *who, const char *text,
		int64_t now)
{
	return store_queue_reply(st, who->phone, text, 0, "staff-alert", 0,
		OUT_ALERT, now);
}

static int
next_request(struct store *st, const struct yordam_config *cfg,
		const struct staff_member *who, int64_t now)
{
	char text[ALERT_QUOTE_CHARS * 4 + 200];
	int64_t next;
	int rc = desk_next(st, &next);

	if (rc < 0)
		return -1;
	if (rc == 0 || describe(st, cfg, next, text, sizeof text) != 0)
		snprintf(text, sizeof text, "No open requests.");
	return answer(st, who, text, now);
}

static const struct {
	enum staff_verb verb;
	enum desk_action act;
	const char *done;
} commands[] = {
	{ STAFF_TAKE, DESK_TAKE, "is yours" },
	{ STAFF_REPLY, DESK_REPLY, "reply sent" },
	{ STAFF_NOTE, DESK_NOTE, "note kept" },
	{ STAFF_CLOSE, DESK_CLOSE, "closed" },
	{ STAFF_ACK, DESK_ACK, "acknowledged" },
};

/* A command on a request.  A refusal by the desk's rules ("request 12 is
 * closed") is told to the staff member, and does not undo their SMS. */
static int
request_command(struct store *st, const struct staff_member *who,
		const struct staff_command *cmd, int64_t now)
{
	char text[400];
	size_t i;

	for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (cmd->verb != commands[i].verb)
			continue;
		if (desk_act_in(st, commands[i].act, cmd->request, who->name,
		    staff_verb_needs_text(cmd->verb) ? cmd->text : NULL,
		    now) != 0)
			snprintf(text, sizeof text, "#%lld: %s", cmd->request,
				store_error(st));
		else
			snprintf(text, sizeof text, "#%lld %s", cmd->request,
				commands[i].done);
		return answer(st, who, text, now);
	}
	return answer(st, who, HELP_TEXT, now);
}

/* The other staff are told that a phone was locked: it may be lost, or
 * someone may be guessing its PIN. */
static int
tell_lockout(struct store *st, const struct yordam_config *cfg,
		const struct staff_member *who, int64_t now)
{
	char text[200];
	int i;

	snprintf(text, sizeof text, "Yordam: %s's phone is locked for %d min"
		" after %d wrong PINs. If it is lost, tell the coordinator.",
		who->name, cfg->staff_lockout_minutes, cfg->staff_lockout_after);
	for (i = 0; i < cfg->n_staff; i++)
		if (&cfg->staff[i] != who && store_queue_reply(st,
		    cfg->staff[i].phone, text, 0, "staff-alert", 0, OUT_ALERT,
		    now) != 0)
			return -1;
	return 0;
}

/* The PIN was right (the verdict sealed in as the SMS was read), or is
 * checked now for a message stored before PINs were sealed. */
static int
pin_was_right(const struct staff_member *who, const char *text,
		const struct staff_command *cmd)
{
	if (cmd->pin_len == strlen(STAFF_PIN_OK) &&
	    memcmp(text + cmd->pin_at, STAFF_PIN_OK, cmd->pin_len) == 0)
		return 1;
	if (cmd->pin_len == strlen(STAFF_PIN_WRONG) &&
	    memcmp(text + cmd->pin_at, STAFF_PIN_WRONG, cmd->pin_len) == 0)
		return 0;
	return staff_pin_matches(who, text + cmd->pin_at, cmd->pin_len);
}

/*
 * A wrong PIN gets no answer and is counted; staff_lockout_after in a row
 * lock the phone for staff_lockout_minutes (audited, other staff told).
 * A locked phone is ignored, right PIN or not: guessing gets nowhere.
 */
int
staff_handle_sms(struct store *st, const struct yordam_config *cfg,
		const struct staff_member *who, const char *text, int64_t now)
{
	struct staff_command cmd;
	int locked = desk_staff_locked(st, who->phone, now), rc;

	if (locked < 0)
		return -1;
	if (locked) {
		log_warn("staff SMS from a locked staff phone ignored");
		return 0;
	}
	staff_command_parse(text, &cmd);
	if (cmd.pin_len == 0 || !pin_was_right(who, text, &cmd)) {
		log_warn("staff SMS with a wrong or missing PIN ignored");
		rc = desk_staff_wrong_pin(st, who->phone, who->name,
			cfg->staff_lockout_after,
			cfg->staff_lockout_minutes * 60, now);
		if (rc > 0) {
			log_warn("a staff phone is locked for %d minutes after"
				" %d wrong PINs", cfg->staff_lockout_minutes,
				cfg->staff_lockout_after);
			return tell_lockout(st, cfg, who, now);
		}
		return rc < 0 ? -1 : 0;
	}
	if (desk_staff_right_pin(st, who->phone) != 0)
		return -1;
	if (cmd.verb == STAFF_NEXT)
		return next_request(st, cfg, who, now);
	if (!staff_verb_needs_request(cmd.verb) || !cmd.has_request ||
	    (staff_verb_needs_text(cmd.verb) && !*cmd.text))
		return answer(st, who, HELP_TEXT, now);
	return request_command(st, who, &cmd, now);
}
