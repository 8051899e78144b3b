/*
 * gateway.c - the message stages: receive from the transport, answer with
 * the engine, send through the transport.  Each is one transaction
 * between two table states (the timed stages are in gateway_timed.c).
 *
 * Receiving commits a scan's parts before any is deleted from the
 * transport: a crash in between leaves them on the modem, and the next
 * read is recognised by the store as a duplicate.
 *
 * Answering reads the message, runs the engine, queues the replies,
 * records a help request, saves the session and marks the message
 * processed, all inside one BEGIN ... COMMIT: after a crash the message
 * is either untouched (and processed again) or fully answered.
 *
 * Sending marks the message 'sending' and commits before the transport is
 * touched, then records the outcome; see store_requeue_interrupted() for
 * what a crash in between means.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yordam/clock.h"
#include "yordam/content.h"
#include "yordam/desk.h"
#include "yordam/engine.h"
#include "yordam/gateway.h"
#include "yordam/log.h"
#include "yordam/sms.h"
#include "yordam/staff.h"

/* Store one batch in one transaction: stored[i] says which parts are
 * committed (and so may be deleted).  How many, or -1. */
/*
 * The first word of a staff phone's SMS is its PIN: replaced by the
 * verdict before anything is stored (staff_pin.c), so no PIN is ever
 * written.  NULL when the part is not a staff command's first part.
 */
static char *
seal_staff_pin(const struct yordam_config *cfg, const struct sms_part_in *p)
{
	const struct staff_member *who = config_staff_by_phone(cfg, p->sender);

	if (!who || p->hold || (p->ref >= 0 && p->total > 1 && p->seq != 1))
		return NULL;
	return staff_seal_pin(who, p->text);
}

/*
 * How soon a part's message is answered, decided as it is read, in the
 * same transaction that stores it: urgent and help words first.  A part
 * of a long SMS waits for the whole text (gateway_triage() looks at it
 * once joined).
 */
static enum in_priority
priority_of(const struct gateway *gw, const struct sms_part_in *p,
		int staff)
{
	if (p->ref >= 0 && p->total > 1 && !p->hold)
		return IN_UNTRIAGED;
	if (staff || p->hold)
		return IN_NORMAL;
	return engine_is_pressing(gw->content, p->text) ? IN_URGENT
		: IN_NORMAL;
}

static int
store_batch(struct gateway *gw, const struct sms_part_in *parts, int n,
		int *stored, int64_t now)
{
	struct store *st = gw->st;
	int i, ok = 0;

	if (store_batch_begin(st) != 0) {
		log_error("cannot store %d SMS part(s) (%s); they stay on the"
			" modem", n, store_error(st));
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct sms_part_in part = parts[i];
		char *sealed = NULL;
		enum part_result r;

		if ((sealed = seal_staff_pin(gw->cfg, &part)) != NULL)
			part.text = sealed;
		r = store_part_received(st, &part, priority_of(gw, &part,
			sealed != NULL), now);
		free(sealed);
		switch (r) {
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
		case PART_ERROR:
			log_error("cannot store an SMS part (%s); it stays on"
				" the modem", store_error(st));
			stored[i] = 0;
			break;
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

static void apply_reports(struct gateway *gw, int64_t now);
static void resend_unreported(struct gateway *gw, int64_t now);

enum stage_result
gateway_receive(struct gateway *gw, int64_t now, int *n_read)
{
	static struct sms_part_in parts[TRANSPORT_BATCH];
	static int stored[TRANSPORT_BATCH];
	enum stage_result result = STAGE_IDLE;
	char err[256] = "";
	int n = 0, i, read_rc;

	read_rc = transport_read(gw->tr, parts, TRANSPORT_BATCH, &n, err,
		sizeof err);
	*n_read = n;
	if (read_rc != 0)
		log_warn("modem: %s", err[0] ? err : "read failed");
	/* Store and delete what was read, even when the scan then failed. */
	memset(stored, 0, sizeof stored);
	if (n > 0 && store_batch(gw, parts, n, stored, now) < 0) {
		/* Nothing of a batch that did not commit is stored. */
		memset(stored, 0, sizeof stored);
		result = STAGE_STORE_FAILED;
	}
	for (i = 0; i < n; i++) {
		if (!stored[i])
			continue;
		if (result == STAGE_IDLE)
			result = STAGE_DONE;
		if (transport_remove(gw->tr, i, err, sizeof err) != 0) {
			/* Stored already: a later re-read is a duplicate. */
			log_warn("modem: %s", err);
			read_rc = -1;
		}
	}
	if (read_rc != 0) {
		gw->errors_in_row++;
		return STAGE_TRANSPORT_FAILED;
	}
	apply_reports(gw, now);
	resend_unreported(gw, now);
	gw->errors_in_row = 0;
	gw->last_read_at = now;
	return result;
}

/*
 * Only people get answers: a sender with letters (a bank, an operator's
 * name), a short code or a service number is stored and left alone, so
 * the helpline never pays to talk to a machine.
 */
int
gateway_replyable(const char *number)
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

/*
 * Limits protect the budget from machines without silencing people.
 *  - A machine loop: messages faster than a person types, none of them
 *    a menu choice (an auto-responder answering us; a person pressing 1
 *    and 0 fast is a person).  Its replies are held, and it is told
 *    nothing.
 *  - A person over the reply budget (replies actually sent in the last
 *    hour or day): replies are held, the person is told once per hour
 *    that a person will read their messages, and every message they send
 *    joins their request in the staff queue.
 * Urgent and help replies, the erase and stop confirmations are never
 * held: a limit must never stand between a person and help.
 */
enum limit { LIMIT_NONE, LIMIT_MACHINE, LIMIT_BUDGET };

static int
check_limit(struct store *st, const struct yordam_config *cfg,
		const struct inbound *msg, int64_t now, enum limit *out)
{
	int distinct, shortest = 0, recent, hour, day;

	*out = LIMIT_NONE;
	recent = store_recent_inbound(st, msg->number, msg->written -
		cfg->loop_seconds, msg->written, &distinct, &shortest);
	if (recent < 0 || store_count_sent(st, msg->number, now, &hour,
	    &day) != 0)
		return -1;
	if (recent >= cfg->loop_messages && shortest > 3)
		*out = LIMIT_MACHINE;
	else if (hour >= cfg->replies_per_hour || day >= cfg->replies_per_day)
		*out = LIMIT_BUDGET;
	return 0;
}

/* Replies that no limit may hold. */
static int
pressing(const struct engine_result *res)
{
	int i;

	if (res->urgent || res->help_requested || res->erase)
		return 1;
	for (i = 0; i < res->n_replies; i++)
		if (strcmp(res->replies[i].node, "stop") == 0 ||
		    strcmp(res->replies[i].node, "start") == 0)
			return 1;
	return 0;
}

/* The order a reply leaves in, by what it answers. */
static enum out_priority
reply_priority(const struct engine_result *res, const char *node)
{
	if (res->urgent)
		return OUT_URGENT;
	if (res->help_requested || strcmp(node, "stop") == 0 ||
	    strcmp(node, "start") == 0 || strcmp(node, "deleted") == 0)
		return OUT_HELP;
	return OUT_CONVERSATION;
}

/* DELETE: everything goes, this message too; only the confirmation is
 * queued, and it goes a minute after it was sent (gateway_purge()).  The
 * WAL is wiped once this has committed (gateway_answer_one()). */
static int
erase(struct gateway *gw, const struct inbound *msg,
		const struct engine_result *res, int64_t now)
{
	if (store_erase_number(gw->st, msg->number) != 0 ||
	    store_queue_reply(gw->st, msg->number, res->replies[0].text, 0,
		"deleted", gw->content_version, OUT_HELP, now) != 0)
		return -1;
	log_info("a person's data was erased on their request");
	return 0;
}

/* Over the reply budget: the message goes to the staff queue, and the
 * person hears once an hour that a person reads on. */
static int
over_budget(struct gateway *gw, const struct inbound *msg,
		const struct engine_result *res, int64_t now)
{
	const struct locale *loc = content_locale(gw->content,
		res->state.lang);
	int told = store_limit_notice_since(gw->st, msg->number, now - 3600);

	if (told < 0 || desk_open(gw->st, msg->number, res->state.lang,
	    "limit", NULL, msg->id, now) != 0)
		return -1;
	if (told)
		return 0;
	if (!loc)
		loc = &gw->content->locales[0];
	log_warn("a person reached the reply limit: told once, their"
		" messages go to the staff queue");
	if (store_queue_reply(gw->st, msg->number, loc->limit_notice, msg->id,
	    "limit", gw->content_version, OUT_HELP, now) != 0)
		return -1;
	return store_mark_limit_notice(gw->st, msg->number, now);
}

/* What the engine decided, written down for one message. */
static int
record(struct gateway *gw, const struct inbound *msg,
		const struct engine_result *res, enum limit limit, int64_t now)
{
	struct store *st = gw->st;
	int i, held = limit != LIMIT_NONE && !pressing(res);

	for (i = 0; i < res->n_replies; i++) {
		struct sms_measure m;
		if (sms_measure(res->replies[i].text, &m) != 0) {
			/* The content is validated at load; a text that still
			 * cannot be sent must not block the others. */
			log_error("message %lld: reply from %s is not valid"
				" UTF-8; left out", (long long)msg->id,
				res->replies[i].node);
			continue;
		}
		if (store_queue_reply(st, msg->number, res->replies[i].text,
		    msg->id, res->replies[i].node, gw->content_version,
		    reply_priority(res, res->replies[i].node), now) != 0)
			return -1;
	}
	if (held) {
		if (store_hold_replies(st, msg->id) != 0)
			return -1;
		if (limit == LIMIT_MACHINE)
			log_warn("replies to one number held back: a loop with"
				" another automatic responder");
		else if (over_budget(gw, msg, res, now) != 0)
			return -1;
	}
	/* A help word soon after a close takes that request up again. */
	if (res->help_requested && gw->cfg->conversation_reopen_days > 0 &&
	    desk_reopen_recent(st, msg->number, now - (int64_t)
	    gw->cfg->conversation_reopen_days * 86400, now) < 0)
		return -1;
	if (res->help_requested && desk_open(st, msg->number, res->state.lang,
	    res->help_topic, res->urgent, msg->id, now) != 0)
		return -1;
	if (res->reminder_day && store_add_reminder(st, msg->number,
	    clock_at(res->reminder_day, gw->cfg->reminder_from_hour),
	    res->reminder_text, msg->id, now) != 0)
		return -1;
	if (store_save_state(st, msg->number, &res->state, now) != 0)
		return -1;
	/* Not understood: staff may teach the helpline (yordamctl unmatched) */
	if (res->unmatched && store_flag_unmatched(st, msg->id, res->unmatched,
	    res->state.lang, now) != 0)
		return -1;
	log_debug("message %lld answered with %d replies%s",
		(long long)msg->id, res->n_replies,
		res->help_requested ? ", help requested" : "");
	return store_mark_processed(st, msg->id, "processed", now);
}

/* A person's message: the engine's step, then its effects. */
static int
answer(struct gateway *gw, const struct inbound *msg, int64_t now)
{
	const struct yordam_config *cfg = gw->cfg;
	struct engine_params params = {
		.session_timeout = cfg->session_timeout,
		.today = clock_local_day(now),
		.reminder_days_before = cfg->reminder_days_before,
	};
	struct conv_state state;
	struct engine_result res;
	enum limit limit;
	int rc;

	/* Talking with staff: their message is for staff, not the menus. */
	if ((rc = gateway_converse(gw, msg, now)) != 0)
		return rc < 0 ? -1 : 0;
	if (check_limit(gw->st, cfg, msg, now, &limit) != 0 ||
	    store_load_state(gw->st, msg->number, &state) < 0)
		return -1;
	engine_step(gw->content, &params, &state, msg->text, now, &res);
	if (res.erase)
		return erase(gw, msg, &res, now);
	return record(gw, msg, &res, limit, now);
}

/* Who sent it decides who handles it: staff, a machine, or a person. */
static int
dispatch(struct gateway *gw, const struct inbound *msg, int64_t now)
{
	const struct staff_member *staff;

	/* A staff phone talks to the desk, not to the menus. */
	if ((staff = config_staff_by_phone(gw->cfg, msg->number)) != NULL)
		return staff_handle_sms(gw->st, gw->cfg, staff, msg->text,
			now) != 0 ? -1 : store_mark_processed(gw->st, msg->id,
			"staff", now);
	if (!gateway_replyable(msg->number)) {
		log_info("a message from a service sender (a name or a short"
			" code) is stored, not answered");
		return store_mark_processed(gw->st, msg->id, "no-reply", now);
	}
	return answer(gw, msg, now);
}

/*
 * A message that failed: its try is counted (unless the database itself
 * was the trouble: busy, locked, full), and after GATEWAY_MAX_TRIES it is
 * set aside with its reason so the queue behind it goes on.  A person's
 * message set aside is not left in silence: it goes to the staff queue.
 */
static void
answer_failed(struct gateway *gw, const struct inbound *msg, int64_t now)
{
	char reason[256];
	int rc;
	int rolled_back = !store_in_transaction(gw->st);

	snprintf(reason, sizeof reason, "%s", store_error(gw->st));
	log_error("processing message %lld: %s", (long long)msg->id,
		reason[0] ? reason : "unknown");
	store_rollback(gw->st);
	/* The database's own trouble, or SQLite rolling back on its own
	 * (a full disk does), says nothing against this message. */
	if (store_error_is_transient(gw->st) || rolled_back)
		return;
	rc = store_inbound_failed(gw->st, msg->id, reason, GATEWAY_MAX_TRIES,
		now);
	if (rc < 0) {
		log_error("message %lld: its failed try is not counted: %s",
			(long long)msg->id, store_error(gw->st));
		return;
	}
	if (rc == 0)
		return;
	log_error("message %lld set aside after %d tries: %s",
		(long long)msg->id, GATEWAY_MAX_TRIES, reason);
	if (config_staff_by_phone(gw->cfg, msg->number) ||
	    !gateway_replyable(msg->number))
		return;
	if (store_begin(gw->st) != 0 || desk_open(gw->st, msg->number, NULL,
	    "set aside", NULL, msg->id, now) != 0 ||
	    store_commit(gw->st) != 0) {
		log_error("message %lld: no request for staff either: %s",
			(long long)msg->id, store_error(gw->st));
		store_rollback(gw->st);
	}
}

/*
 * Urgent and help messages are answered before a backlog.  A message read
 * in one part got its priority as it was stored (priority_of()); this
 * looks at the rest (long SMS once joined, and messages stored before
 * priorities existed) before anything is answered.
 */
enum stage_result
gateway_triage(struct gateway *gw)
{
	struct inbound batch[TRANSPORT_BATCH];
	int n, i, rc = 0;

	if (store_begin(gw->st) != 0)
		goto fail;
	if ((n = store_untriaged(gw->st, batch, TRANSPORT_BATCH)) < 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if (rc == 0 && store_set_priority(gw->st, batch[i].id,
		    engine_is_pressing(gw->content, batch[i].text) ? IN_URGENT
		    : IN_NORMAL) != 0)
			rc = -1;
		inbound_free(&batch[i]);
	}
	if (rc != 0 || store_commit(gw->st) != 0)
		goto fail;
	return n > 0 ? STAGE_DONE : STAGE_IDLE;
fail:
	log_error("triage: %s", store_error(gw->st));
	store_rollback(gw->st);
	return STAGE_STORE_FAILED;
}

enum stage_result
gateway_answer_one(struct gateway *gw, int64_t now)
{
	struct inbound msg;
	int rc;

	if (store_begin(gw->st) != 0) {
		log_error("answering: %s", store_error(gw->st));
		return STAGE_STORE_FAILED;
	}
	rc = store_next_inbound(gw->st, &msg);
	if (rc <= 0) {
		if (rc < 0)
			log_error("answering: %s", store_error(gw->st));
		store_rollback(gw->st);
		return rc == 0 ? STAGE_IDLE : STAGE_STORE_FAILED;
	}
	if (dispatch(gw, &msg, now) != 0 || store_commit(gw->st) != 0) {
		answer_failed(gw, &msg, now);
		inbound_free(&msg);
		return STAGE_STORE_FAILED;
	}
	inbound_free(&msg);
	/* After an erasure (else there is nothing to do); if readers held
	 * it up, the purge stage tries again once a turn, not here. */
	if (!gw->wipe_held)
		gateway_wipe(gw);
	return STAGE_DONE;
}

/* A reply that never reached the person is silence for them: staff see
 * it (a help request "undelivered"; not for staff phones' own SMS, and
 * never for an erasure's confirmation: nothing of them may stay). */
static void
undelivered(struct gateway *gw, int64_t id, const char *number,
		const char *node, int64_t now)
{
	if (gateway_replyable(number) && strcmp(node, "deleted") != 0 &&
	    !config_staff_by_phone(gw->cfg, number) &&
	    (store_begin(gw->st) != 0 || desk_open(gw->st, number, NULL,
	    "undelivered", NULL, 0, now) != 0 || store_commit(gw->st) != 0)) {
		log_error("message %lld: no request for staff either: %s",
			(long long)id, store_error(gw->st));
		store_rollback(gw->st);
	}
}

static const char *const delivery_words[] = {
	[DELIVERY_UNKNOWN] = "unknown", [DELIVERY_DELIVERED] = "delivered",
	[DELIVERY_FAILED] = "failed", [DELIVERY_BUFFERED] = "buffered",
	[DELIVERY_ACCEPTED] = "accepted", [DELIVERY_REJECTED] = "rejected"
};

/* Delivery reports the transport holds (Kannel's): each stored, then
 * acknowledged; a reply the network gave up on goes to staff. */
static void
apply_reports(struct gateway *gw, int64_t now)
{
	struct transport_report r[64];
	char number[64], node[64];
	int n, i, rc;

	if (!gw->tr->ops->reports)
		return;
	n = gw->tr->ops->reports(gw->tr->self, r, 64);
	for (i = 0; i < n; i++) {
		rc = store_mark_delivery(gw->st, r[i].msg_id,
			delivery_words[r[i].status], now, number,
			sizeof number, node, sizeof node);
		if (rc < 0) {
			log_error("delivery report on message %lld: %s",
				(long long)r[i].msg_id, store_error(gw->st));
			continue;       /* not acknowledged: sent again */
		}
		if (rc == 1 && (r[i].status == DELIVERY_FAILED ||
		    r[i].status == DELIVERY_REJECTED)) {
			log_warn("message %lld: the network says %s",
				(long long)r[i].msg_id,
				delivery_words[r[i].status]);
			undelivered(gw, r[i].msg_id, number, node, now);
		}
		gw->tr->ops->report_done(gw->tr->self, r[i].token);
	}
}

/* Replies given up in one check, for staff once it is committed. */
struct given_up {
	int n;
	struct { int64_t id; char number[64], node[64]; } r[32];
};

static void
gave_up(void *ud, int64_t id, const char *number, const char *node)
{
	struct given_up *g = ud;

	if (g->n == 32)         /* the rest: delivery 'none', in the log */
		return;
	g->r[g->n].id = id;
	snprintf(g->r[g->n].number, sizeof g->r[g->n].number, "%s", number);
	snprintf(g->r[g->n].node, sizeof g->r[g->n].node, "%s", node);
	g->n++;
}

/*
 * Kannel answered 202 for a reply and then lost it (bearerbox killed
 * with it in memory): no report ever comes.  With report_seconds set (an
 * SMSC that gives reports), a reply silent that long is sent once more,
 * and a second silence goes to staff.  Checked twice per period.
 */
static void
resend_unreported(struct gateway *gw, int64_t now)
{
	int period = gw->cfg->kannel.report_seconds, n, i;
	struct given_up g = { 0 };

	if (!gw->tr->ops->reports || period <= 0 ||
	    now - gw->unreported_at < (period + 1) / 2)
		return;
	gw->unreported_at = now;
	if (store_begin(gw->st) != 0 || (n = store_resend_unreported(gw->st,
	    now - period, now, gave_up, &g)) < 0 || store_commit(gw->st) != 0) {
		log_error("replies without a report: %s", store_error(gw->st));
		store_rollback(gw->st);
		return;
	}
	for (i = 0; i < g.n; i++) {
		log_warn("message %lld: no delivery report after two tries",
			(long long)g.r[i].id);
		undelivered(gw, g.r[i].id, g.r[i].number, g.r[i].node, now);
	}
	if (n > 0)
		log_warn("%d repl%s without a delivery report for %d s: sent"
			" again", n, n == 1 ? "y" : "ies", period);
}

static enum stage_result
send_failed(struct gateway *gw, const struct outbound *msg, const char *err,
		int64_t now)
{
	int attempts = msg->attempts + 1;
	int final = attempts > gw->cfg->send_retries;
	int64_t delay = (int64_t)gw->cfg->send_backoff << (attempts < 10
		? attempts - 1 : 9);

	gw->errors_in_row++;
	gw->send_errors++;
	log_warn("sending message %lld failed (attempt %d): %s%s",
		(long long)msg->id, attempts, err, final ? "; giving up" : "");
	if (store_mark_send_failed(gw->st, msg->id, err, now + delay, final,
	    now) != 0)
		log_error("message %lld: the failure is not recorded: %s",
			(long long)msg->id, store_error(gw->st));
	if (final)
		undelivered(gw, msg->id, msg->number, msg->node, now);
	return STAGE_TRANSPORT_FAILED;
}

static enum stage_result
postponed(struct gateway *gw, const struct outbound *msg, const char *err,
		int64_t now)
{
	gw->errors_in_row++;
	log_warn("message %lld waits for the line: %s", (long long)msg->id,
		err);
	if (store_send_postponed(gw->st, msg->id, err, now +
	    gw->cfg->send_backoff) != 0)
		log_error("message %lld: not queued again: %s",
			(long long)msg->id, store_error(gw->st));
	return STAGE_TRANSPORT_FAILED;
}

enum stage_result
gateway_send_one(struct gateway *gw, int64_t now)
{
	struct outbound msg;
	struct sms_measure meas;
	char err[256] = "";
	int rc;

	rc = store_next_outbound(gw->st, now, &msg);
	if (rc <= 0) {
		if (rc < 0)
			log_error("sending: %s", store_error(gw->st));
		return rc == 0 ? STAGE_IDLE : STAGE_STORE_FAILED;
	}
	if ((rc = store_mark_sending(gw->st, msg.id, now)) != 0) {
		if (rc < 0)
			log_error("sending message %lld: %s", (long long)msg.id,
				store_error(gw->st));
		outbound_free(&msg);    /* else another modem took it */
		return rc < 0 ? STAGE_STORE_FAILED : STAGE_IDLE;
	}
	if (sms_measure(msg.text, &meas) != 0) {
		store_mark_send_failed(gw->st, msg.id, "text is not valid UTF-8",
			0, 1, now);
		outbound_free(&msg);
		return STAGE_DONE;
	}
	if (transport_send_for(gw->tr, msg.id, msg.number, msg.text,
	    meas.coding, err, sizeof err) != 0) {
		enum stage_result r;
		if (!err[0])
			snprintf(err, sizeof err, "the transport gave no reason");
		/* the line went down (Kannel unreachable): the reply waits
		 * for it, its tries untouched */
		r = transport_connected(gw->tr) ? send_failed(gw, &msg, err,
			now) : postponed(gw, &msg, err, now);
		outbound_free(&msg);
		return r;
	}
	gw->errors_in_row = gw->send_errors = 0;
	gw->last_send_at = clock_now();
	rc = store_mark_sent(gw->st, msg.id, clock_now());
	if (rc != 0)
		log_error("message %lld sent but not recorded: %s",
			(long long)msg.id, store_error(gw->st));
	outbound_free(&msg);
	return rc == 0 ? STAGE_DONE : STAGE_STORE_FAILED;
}
