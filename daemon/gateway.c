/*
 * gateway.c - one transaction per step between the tables.
 *
 * Processing an inbound message reads it, runs the engine, queues the
 * replies, records a help request, saves the session and marks the
 * message processed, all inside one BEGIN ... COMMIT: after a crash the
 * message is either untouched (and processed again) or fully answered.
 *
 * Sending marks the message 'sending' and commits before the modem is
 * touched, then records the outcome; see store_requeue_interrupted() for
 * what a crash in between means.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "yordam/clock.h"
#include "yordam/gateway.h"
#include "yordam/log.h"
#include "yordam/sms.h"
#include "yordam/staff.h"

int
gateway_store_parts(const struct sms_part_in *parts, int n, int *stored,
		void *ud)
{
	struct store *st = ud;
	int64_t now = clock_now();
	int i, ok = 0;

	if (store_batch_begin(st) != 0) {
		log_error("cannot store %d SMS part(s) (%s); they stay on the"
			" modem", n, store_error(st));
		return -1;
	}
	for (i = 0; i < n; i++) {
		switch (store_part_received(st, &parts[i], now)) {
		case PART_STORED:
			log_debug("stored part %d/%d from %s", parts[i].seq,
				parts[i].total, log_private_str(parts[i].sender));
			stored[i] = 1;
			break;
		case PART_DUPLICATE:
			log_info("a part read again (after a restart or a failed"
				" delete) was already stored; dropped");
			stored[i] = 1;
			break;
		default:
			log_error("cannot store an SMS part (%s); it stays on"
				" the modem", store_error(st));
			stored[i] = 0;
		}
		ok += stored[i];
	}
	if (store_batch_commit(st) != 0) {
		log_error("cannot commit %d SMS part(s) (%s); they stay on"
			" the modem", ok, store_error(st));
		return -1;
	}
	return ok;
}

/*
 * Only people get answers: a sender with letters (a bank, an operator's
 * name), a short code or a service number is stored and left alone, so
 * the helpline never pays to talk to a machine.
 */
static int
replyable(const char *number)
{
	const char *p = number;
	int digits = 0;

	if (*p == '+')
		p++;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		digits++;
	}
	return digits >= 10 && digits <= 15;
}

/* Too many replies to one number, or a loop with another automatic
 * responder (messages coming faster than a person types)? */
static int
over_limit(struct store *st, const struct yordam_config *cfg,
		const char *number, int64_t now)
{
	if (!cfg)
		return 0;
	return store_count(st, number, "out", now - 3600) >=
		cfg->replies_per_hour ||
	    store_count(st, number, "out", now - 86400) >=
		cfg->replies_per_day ||
	    store_count(st, number, "in", now - cfg->loop_seconds) >=
		cfg->loop_messages;
}

int
gateway_process_one(struct store *st, const struct yordam_config *cfg,
		const struct content *c, int64_t content_version,
		const struct engine_params *p, int reminder_hour, int64_t now)
{
	struct inbound msg;
	struct conv_state state;
	struct engine_result res;
	const struct staff_member *staff;
	int rc, i, held;

	if (store_begin(st) != 0)
		return -1;
	rc = store_next_inbound(st, &msg);
	if (rc <= 0) {
		store_rollback(st);
		return rc;
	}
	/* A staff phone talks to the desk, not to the menus. */
	if (cfg && (staff = config_staff_by_phone(cfg, msg.number)) != NULL) {
		if (staff_handle_sms(st, cfg, staff, msg.text, now) != 0 ||
		    store_mark_processed(st, msg.id, "staff", now) != 0 ||
		    store_commit(st) != 0)
			goto fail;
		inbound_free(&msg);
		return 1;
	}
	if (!replyable(msg.number)) {
		if (store_mark_processed(st, msg.id, "no-reply", now) != 0 ||
		    store_commit(st) != 0)
			goto fail;
		log_info("a message from a service sender (a name or a short"
			" code) is stored, not answered");
		inbound_free(&msg);
		return 1;
	}
	held = over_limit(st, cfg, msg.number, now);
	if (store_load_state(st, msg.number, &state) < 0)
		goto fail;
	engine_step(c, p, &state, msg.text, now, &res);
	if (res.erase) {
		/* Everything goes, this message too; only the confirmation
		 * is queued, and retention removes it once sent. */
		struct sms_measure m;
		if (store_erase_number(st, msg.number) != 0 ||
		    sms_measure(res.replies[0].text, &m) != 0 ||
		    store_queue_reply(st, msg.number, res.replies[0].text, 0,
			"deleted", content_version, m.coding, m.parts, now) != 0 ||
		    store_commit(st) != 0)
			goto fail;
		log_info("a person's data was erased on their request");
		inbound_free(&msg);
		return 1;
	}
	for (i = 0; i < res.n_replies; i++) {
		struct sms_measure m;
		if (sms_measure(res.replies[i].text, &m) != 0)
			continue;
		if (store_queue_reply(st, msg.number, res.replies[i].text,
		    msg.id, res.replies[i].node, content_version, m.coding,
		    m.parts, now) != 0)
			goto fail;
	}
	if (held) {
		if (store_hold_replies(st, msg.id) != 0)
			goto fail;
		log_warn("replies to one number held back: over its limit, or a"
			" loop with another automatic responder");
	}
	if (res.help_requested &&
	    store_add_help_request(st, msg.number, res.state.lang,
		res.help_topic, res.urgent, msg.id, now) != 0)
		goto fail;
	if (res.reminder_day && store_add_reminder(st, msg.number,
	    clock_at(res.reminder_day, reminder_hour), res.reminder_text,
	    msg.id, now) != 0)
		goto fail;
	if (store_save_state(st, msg.number, &res.state, now) != 0 ||
	    store_mark_processed(st, msg.id, "processed", now) != 0)
		goto fail;
	if (store_commit(st) != 0)
		goto fail;
	log_debug("message %lld answered with %d replies%s",
		(long long)msg.id, res.n_replies,
		res.help_requested ? ", help requested" : "");
	inbound_free(&msg);
	return 1;
fail:
	log_error("processing message %lld: %s", (long long)msg.id,
		store_error(st));
	store_rollback(st);
	inbound_free(&msg);
	return -1;
}

int
gateway_send_one(struct store *st, struct modem *m,
		const struct yordam_config *cfg, int64_t now)
{
	struct outbound msg;
	struct sms_measure meas;
	char err[256];
	int rc;

	rc = store_next_outbound(st, now, &msg);
	if (rc <= 0)
		return rc;
	if (store_mark_sending(st, msg.id, now) != 0) {
		outbound_free(&msg);
		return -1;
	}
	if (sms_measure(msg.text, &meas) != 0) {
		store_mark_send_failed(st, msg.id, "text is not valid UTF-8", 0,
			1, now);
		outbound_free(&msg);
		return 1;
	}
	if (modem_send(m, msg.number, msg.text, meas.coding, err,
	    sizeof err) == 0) {
		rc = store_mark_sent(st, msg.id, clock_now());
		if (rc != 0)
			log_error("message %lld sent but not recorded: %s",
				(long long)msg.id, store_error(st));
		outbound_free(&msg);
		return rc == 0 ? 1 : -1;
	} else {
		int attempts = msg.attempts + 1;
		int final = attempts > cfg->send_retries;
		int64_t delay = (int64_t)cfg->send_backoff << (attempts < 10
			? attempts - 1 : 9);
		log_warn("sending message %lld failed (attempt %d): %s%s",
			(long long)msg.id, attempts, err,
			final ? "; giving up" : "");
		store_mark_send_failed(st, msg.id, err, now + delay, final,
			now);
		outbound_free(&msg);
		return -2;
	}
}
