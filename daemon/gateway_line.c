/*
 * gateway_line.c - the stages about the modem's line rather than a
 * message: calls from people without credit, the line's health and its
 * alarms, the prepaid balance.
 *
 * A person with no credit can still ring.  The call is rejected by the
 * modem (never answered, so it costs them nothing) and they get by SMS
 * what a first message would get (the language choice, or the menu in
 * their language), at most once per missed_call_minutes per number so a
 * redialling phone cannot make the helpline pay for a flood; with
 * missed_call_request, "call me back" also goes to the staff queue.
 *
 * Every minute the line's health is recorded (store_modem.c) for
 * `yordamctl status` and the console, and alarms are raised: out of
 * service or off a network for alarm_no_network_minutes, signal below
 * alarm_signal_below percent, SMS storage at alarm_storage_percent, the
 * balance below balance_below.  An alarm goes to the log and by SMS to
 * the first staff member on call; while it lasts it is said again every
 * six hours, and its end is logged.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yordam/clock.h"
#include "yordam/desk.h"
#include "yordam/engine.h"
#include "yordam/gateway.h"
#include "yordam/log.h"
#include "yordam/staff.h"

#define HEALTH_EVERY 60
#define ALARM_AGAIN (6 * 3600)

enum alarm { ALARM_DOWN, ALARM_SIGNAL, ALARM_STORAGE, ALARM_BALANCE };

static const char *
line_name(const struct gateway *gw)
{
	return gw->cfg->modem_name ? gw->cfg->modem_name : "modem";
}

/* Raise (on) or clear (off) one alarm; what it says goes to the log and
 * the first staff member on call. */
static void
alarm(struct gateway *gw, enum alarm kind, int on, const char *text,
		int64_t now)
{
	int k;

	if (!on) {
		if (gw->alarm_at[kind])
			log_info("%s: alarm over: %s", line_name(gw), text);
		gw->alarm_at[kind] = 0;
		return;
	}
	if (gw->alarm_at[kind] && now - gw->alarm_at[kind] < ALARM_AGAIN)
		return;
	gw->alarm_at[kind] = now;
	log_error("%s: alarm: %s", line_name(gw), text);
	if ((k = staff_next_on_call(gw->cfg, NULL, now)) < 0)
		return;
	if (store_begin(gw->st) != 0 || store_queue_reply(gw->st,
	    gw->cfg->staff[k].phone, text, 0, "staff-alert", 0, OUT_ALERT,
	    now) != 0 || store_commit(gw->st) != 0) {
		log_error("%s: the alarm could not be queued for staff: %s",
			line_name(gw), store_error(gw->st));
		store_rollback(gw->st);
	}
}

static void
alarms(struct gateway *gw, const struct transport_health *h, int64_t now)
{
	const struct yordam_config *cfg = gw->cfg;
	char text[320];
	int down = !h->connected || h->blocked[0] || h->registered == 0;

	if (!down)
		gw->down_since = 0;
	else if (!gw->down_since)
		gw->down_since = now;
	snprintf(text, sizeof text, "Yordam %s: %s", line_name(gw),
		h->blocked[0] ? h->blocked : !h->connected ? "the modem is not"
		" connected" : "no network");
	alarm(gw, ALARM_DOWN, down && now - gw->down_since >=
		(int64_t)cfg->alarm_no_network_minutes * 60, text, now);
	snprintf(text, sizeof text, "Yordam %s: signal %d%% (below %d%%)",
		line_name(gw), h->signal, cfg->alarm_signal_below);
	alarm(gw, ALARM_SIGNAL, h->connected && h->signal >= 0 && h->signal <
		cfg->alarm_signal_below, text, now);
	snprintf(text, sizeof text, "Yordam %s: SMS storage %d of %d full",
		line_name(gw), h->storage_used, h->storage_total);
	alarm(gw, ALARM_STORAGE, h->storage_total > 0 && h->storage_used * 100
		>= h->storage_total * cfg->alarm_storage_percent, text, now);
}

static void
health(struct gateway *gw, int64_t now)
{
	struct transport_health h;
	struct store_modem m;
	char err[256] = "";

	if (!gw->tr->ops->health)       /* Kannel: bearerbox watches its lines */
		return;
	if (transport_health(gw->tr, &h, err, sizeof err) != 0) {
		log_warn("%s: health: %s", line_name(gw), err);
		return;
	}
	/* taken out for its failed sends (several modems): status and the
	 * alarm say so, though the line itself answers */
	if (gw->out_until > now && !h.blocked[0])
		snprintf(h.blocked, sizeof h.blocked, "out of service: %d sends"
			" failed in a row; its replies go through the other"
			" modems for now", gw->send_errors);
	memset(&m, 0, sizeof m);
	snprintf(m.name, sizeof m.name, "%s", line_name(gw));
	m.connected = h.connected;
	memcpy(m.model, h.model, sizeof m.model);
	memcpy(m.sim, h.sim, sizeof m.sim);
	m.registered = h.registered;
	m.roaming = h.roaming;
	memcpy(m.operator_name, h.operator_name, sizeof m.operator_name);
	m.signal = h.signal;
	m.storage_used = h.storage_used;
	m.storage_total = h.storage_total;
	m.last_read_at = gw->last_read_at;
	m.last_send_at = gw->last_send_at;
	m.errors_in_row = gw->errors_in_row;
	memcpy(m.blocked, h.blocked, sizeof m.blocked);
	if (store_begin(gw->st) != 0 || store_modem_save(gw->st, &m, now) != 0
	    || store_commit(gw->st) != 0) {
		log_error("%s: health not recorded: %s", line_name(gw),
			store_error(gw->st));
		store_rollback(gw->st);
	}
	alarms(gw, &h, now);
}

/* The amount in the network's answer: the pattern's first group, or its
 * whole match; a decimal comma read as a point.  -1 when none. */
static double
amount_in(const char *pattern, const char *text)
{
	regex_t re;
	regmatch_t mt[2];
	char num[64];
	int g;
	size_t len;
	char *p;

	if (regcomp(&re, pattern, REG_EXTENDED) != 0)
		return -1;
	if (regexec(&re, text, 2, mt, 0) != 0) {
		regfree(&re);
		return -1;
	}
	g = mt[1].rm_so >= 0 ? 1 : 0;
	regfree(&re);
	len = (size_t)(mt[g].rm_eo - mt[g].rm_so);
	if (len == 0 || len >= sizeof num)
		return -1;
	memcpy(num, text + mt[g].rm_so, len);
	num[len] = '\0';
	for (p = num; *p; p++)
		if (*p == ',')
			*p = '.';
	return strtod(num, &p) >= 0 && p != num ? strtod(num, NULL) : -1;
}

static void
balance(struct gateway *gw, int64_t now)
{
	const struct yordam_config *cfg = gw->cfg;
	char reply[256], err[256] = "", text[320];
	double amount;

	if (transport_ussd(gw->tr, cfg->modem_balance_ussd, reply,
	    sizeof reply, err, sizeof err) != 0) {
		log_warn("%s: balance: %s", line_name(gw), err);
		return;
	}
	amount = amount_in(cfg->modem_balance_pattern ?
		cfg->modem_balance_pattern : "([0-9]+([.,][0-9]+)?)", reply);
	if (amount < 0)
		log_warn("%s: balance: no amount in the network's answer; check"
			" balance_pattern", line_name(gw));
	if (store_begin(gw->st) != 0 || store_modem_balance(gw->st,
	    line_name(gw), reply, amount, now) != 0 ||
	    store_commit(gw->st) != 0) {
		log_error("%s: balance not recorded: %s", line_name(gw),
			store_error(gw->st));
		store_rollback(gw->st);
	}
	snprintf(text, sizeof text, "Yordam %s: balance %.2f is below %d."
		" Top up the SIM or replies will stop", line_name(gw), amount,
		cfg->modem_balance_below);
	alarm(gw, ALARM_BALANCE, amount >= 0 && amount <
		cfg->modem_balance_below, text, now);
}

/* One missed call answered by SMS, in its own transaction. */
static int
answer_call(struct gateway *gw, const char *number, int64_t now)
{
	const struct yordam_config *cfg = gw->cfg;
	struct engine_params params = { cfg->session_timeout,
		clock_local_day(now), cfg->reminder_days_before };
	struct conv_state state;
	struct engine_result res;
	int i, recent;

	if (!gateway_replyable(number))
		return 0;       /* a hidden or service number */
	recent = store_node_sent_since(gw->st, number, "missed_call", now -
		(int64_t)cfg->missed_call_minutes * 60);
	if (recent != 0)
		return recent < 0 ? -1 : 0;
	if (store_load_state(gw->st, number, &state) < 0)
		return -1;
	/* what "00" would get: the language choice, or the menu */
	engine_step(gw->content, &params, &state, "00", now, &res);
	for (i = 0; i < res.n_replies; i++)
		if (store_queue_reply(gw->st, number, res.replies[i].text, 0,
		    "missed_call", gw->content_version, OUT_HELP, now) != 0)
			return -1;
	if (store_save_state(gw->st, number, &res.state, now) != 0)
		return -1;
	if (cfg->missed_call_request && desk_open(gw->st, number,
	    res.state.lang, "missed call", NULL, 0, now) != 0)
		return -1;
	log_info("a missed call was answered by SMS");
	return 1;
}

static int
calls(struct gateway *gw, int64_t now)
{
	char numbers[TRANSPORT_MAX_CALLS][32];
	int n = transport_calls(gw->tr, numbers, TRANSPORT_MAX_CALLS), i;
	int done = 0, rc;

	for (i = 0; i < n; i++) {
		if (store_begin(gw->st) != 0 || (rc = answer_call(gw,
		    numbers[i], now)) < 0 || store_commit(gw->st) != 0) {
			log_error("a missed call could not be answered: %s",
				store_error(gw->st));
			store_rollback(gw->st);
			continue;
		}
		done += rc;
	}
	return done;
}

enum stage_result
gateway_line(struct gateway *gw, int64_t now)
{
	int work = 0;

	if (!gw->tr)
		return STAGE_IDLE;
	if (gw->cfg->missed_calls && transport_connected(gw->tr))
		work += calls(gw, now);
	if (now >= gw->next_health) {
		gw->next_health = now + HEALTH_EVERY;
		health(gw, now);
	}
	if (gw->cfg->modem_balance_ussd && transport_connected(gw->tr) &&
	    now >= gw->next_balance) {
		gw->next_balance = now + (int64_t)gw->cfg->modem_balance_hours *
			3600;
		balance(gw, now);
	}
	return work ? STAGE_DONE : STAGE_IDLE;
}
