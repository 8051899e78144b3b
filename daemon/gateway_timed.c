/*
 * gateway_timed.c - the stages that run on the clock rather than on a
 * message: joining long SMS whose parts did not all come, on-call alerts
 * and their escalation, reminders, and the retention purge.
 *
 * Each is one transaction, like the message stages in gateway.c, and
 * each logs its own failure with the store's reason: main.c only calls.
 */
#include <stdio.h>
#include <string.h>

#include "yordam/clock.h"
#include "yordam/desk.h"
#include "yordam/gateway.h"
#include "yordam/log.h"
#include "yordam/staff.h"

#define ALERTS_PER_TURN 32
#define REMINDERS_PER_TURN 64
#define PURGE_EVERY 3600        /* seconds */

static enum stage_result
failed(struct gateway *gw, const char *stage)
{
	log_error("%s: %s", stage, store_error(gw->st));
	store_rollback(gw->st);
	return STAGE_STORE_FAILED;
}

enum stage_result
gateway_assemble_expired(struct gateway *gw, int64_t now)
{
	int n;

	if (store_begin(gw->st) != 0)
		return failed(gw, "assembling timed-out parts");
	if ((n = store_assemble_expired(gw->st, now,
	    gw->cfg->multipart_timeout)) < 0 || store_commit(gw->st) != 0)
		return failed(gw, "assembling timed-out parts");
	return n > 0 ? STAGE_DONE : STAGE_IDLE;
}

/* Alert the next person on call about one request; 1 sent, 0 nobody on
 * call (the desk queue has it), -1 error. */
static int
alert_one(struct gateway *gw, const struct desk_alert_due *due, int64_t now)
{
	const struct yordam_config *cfg = gw->cfg;
	char text[400];
	int k = staff_next_on_call(cfg, due->fresh ? NULL : due->last_staff,
		now);

	if (k < 0)
		return 0;
	if (staff_alert_text(gw->st, cfg, due->id, text, sizeof text) != 0 ||
	    store_queue_reply(gw->st, cfg->staff[k].phone, text, 0,
		"staff-alert", 0, now) != 0 ||
	    desk_record_alert(gw->st, due->id, cfg->staff[k].phone,
		cfg->staff[k].name, !due->fresh, now) != 0)
		return -1;
	return 1;
}

/*
 * Urgent requests nobody was told of yet go to the first person on call;
 * an alert without ACK (or TAKE) within oncall_ack_minutes goes to the
 * next person on call, round the list.
 */
enum stage_result
gateway_alerts(struct gateway *gw, int64_t now)
{
	struct desk_alert_due due[ALERTS_PER_TURN];
	int n, i, sent = 0, rc;

	if (gw->cfg->n_staff == 0)
		return STAGE_IDLE;
	if (store_begin(gw->st) != 0)
		return failed(gw, "on-call alerts");
	n = desk_alerts_due(gw->st, now - (int64_t)gw->cfg->oncall_ack_minutes
		* 60, due, ALERTS_PER_TURN);
	if (n < 0)
		return failed(gw, "on-call alerts");
	for (i = 0; i < n; i++) {
		if ((rc = alert_one(gw, &due[i], now)) < 0)
			return failed(gw, "on-call alerts");
		sent += rc;
	}
	if (store_commit(gw->st) != 0)
		return failed(gw, "on-call alerts");
	return sent > 0 ? STAGE_DONE : STAGE_IDLE;
}

/*
 * Due reminders become queued messages and are marked sent in the same
 * transaction, so a crash can neither lose nor double one; only in the
 * day's allowed hours.
 */
enum stage_result
gateway_reminders(struct gateway *gw, int64_t now)
{
	struct reminder due[REMINDERS_PER_TURN];
	int hour = clock_local_hour(now), n, i;

	if (hour < gw->cfg->reminder_from_hour ||
	    hour >= gw->cfg->reminder_to_hour)
		return STAGE_IDLE;
	if (store_begin(gw->st) != 0)
		return failed(gw, "reminders");
	if ((n = store_due_reminders(gw->st, now, due, REMINDERS_PER_TURN)) < 0)
		return failed(gw, "reminders");
	for (i = 0; i < n; i++)
		if (store_queue_reply(gw->st, due[i].number, due[i].text, 0,
		    "reminder", 0, now) != 0 ||
		    store_mark_reminder_sent(gw->st, due[i].id, now) != 0)
			break;
	reminders_free(due, n);
	if (i < n || store_commit(gw->st) != 0)
		return failed(gw, "reminders");
	return n > 0 ? STAGE_DONE : STAGE_IDLE;
}

/* Retention, at most once an hour: texts older than retention_days are
 * deleted, the counts kept. */
enum stage_result
gateway_purge(struct gateway *gw, int64_t now)
{
	int n;

	if (gw->cfg->retention_days <= 0 || now - gw->last_purge < PURGE_EVERY)
		return STAGE_IDLE;
	gw->last_purge = now;
	if (store_begin(gw->st) != 0)
		return failed(gw, "retention");
	if ((n = store_purge(gw->st, now - (int64_t)gw->cfg->retention_days
	    * 86400)) < 0 || store_commit(gw->st) != 0)
		return failed(gw, "retention");
	if (n > 0)
		log_info("retention: %d old messages deleted", n);
	return n > 0 ? STAGE_DONE : STAGE_IDLE;
}
