/*
 * gateway_timed.c - the stages that run on the clock rather than on a
 * message: joining long SMS whose parts did not all come, on-call alerts
 * and their escalation, reminders, the retention purge, and what follows
 * an erasure (the confirmation forgotten once sent, the WAL wiped).
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
#define PURGE_EVERY 3600        /* seconds between purges */
#define PURGE_BATCH 500         /* messages a transaction */
#define PURGE_SLICE_MS 200      /* of purging a turn, at most */
#define CONFIRMATION_KEEP 60    /* seconds an erase confirmation is kept
				 * after it was sent: `yordamctl phone`
				 * and `log` see it leave */
#define FORGET_EVERY 10         /* seconds between looks for them */

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
	char text[1024];
	int k = staff_next_on_call(cfg, due->fresh ? NULL : due->last_staff,
		now);

	if (k < 0)
		return 0;
	if (staff_alert_text(gw->st, cfg, due->id, text, sizeof text) != 0 ||
	    store_queue_reply(gw->st, cfg->staff[k].phone, text, 0,
		"staff-alert", 0, OUT_ALERT, now) != 0 ||
	    desk_record_alert(gw->st, due->id, cfg->staff[k].phone,
		cfg->staff[k].name, !due->fresh, now) != 0)
		return -1;
	return 1;
}

/*
 * One item of a batch (an alert, a reminder) failed and was undone alone.
 * The database's own trouble (busy, full) fails the whole stage, to be
 * tried again; trouble with the item is counted against it, and after
 * GATEWAY_MAX_TRIES it is set aside with its reason so the rest go on.
 * 0 the stage goes on, -1 the stage fails.
 */
static int
item_failed(struct gateway *gw, const char *stage, int64_t id,
		int (*count)(struct store *, int64_t, const char *, int))
{
	char reason[256];
	int rc;

	snprintf(reason, sizeof reason, "%s", store_error(gw->st));
	store_savepoint_undo(gw->st);
	if (!store_in_transaction(gw->st) || store_error_is_transient(gw->st))
		return -1;
	log_error("%s: #%lld: %s", stage, (long long)id, reason);
	if ((rc = count(gw->st, id, reason, GATEWAY_MAX_TRIES)) < 0)
		return -1;
	if (rc > 0)
		log_error("%s: #%lld set aside after %d tries: %s", stage,
			(long long)id, GATEWAY_MAX_TRIES, reason);
	return 0;
}

/*
 * Urgent requests nobody was told of yet go to the first person on call;
 * an alert without ACK (or TAKE) within oncall_ack_minutes goes to the
 * next person on call, round the list.  Each alert is a step of its own:
 * one that cannot be sent does not stop the others.
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
		if (store_savepoint(gw->st) != 0)
			return failed(gw, "on-call alerts");
		if ((rc = alert_one(gw, &due[i], now)) < 0) {
			if (item_failed(gw, "on-call alerts", due[i].id,
			    desk_alert_failed) != 0)
				return failed(gw, "on-call alerts");
			continue;
		}
		if (store_savepoint_release(gw->st) != 0)
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
	int hour = clock_local_hour(now), n, i, rc = 0;

	if (hour < gw->cfg->reminder_from_hour ||
	    hour >= gw->cfg->reminder_to_hour)
		return STAGE_IDLE;
	if (store_begin(gw->st) != 0)
		return failed(gw, "reminders");
	if ((n = store_due_reminders(gw->st, now, due, REMINDERS_PER_TURN)) < 0)
		return failed(gw, "reminders");
	for (i = 0; i < n && rc == 0; i++) {
		if (store_savepoint(gw->st) != 0) {
			rc = -1;
			break;
		}
		if (store_queue_reply(gw->st, due[i].number, due[i].text, 0,
		    "reminder", 0, OUT_REMINDER, now) != 0 ||
		    store_mark_reminder_sent(gw->st, due[i].id, now) != 0)
			rc = item_failed(gw, "reminders", due[i].id,
				store_reminder_failed);
		else
			rc = store_savepoint_release(gw->st);
	}
	reminders_free(due, n);
	if (rc != 0 || store_commit(gw->st) != 0)
		return failed(gw, "reminders");
	return n > 0 ? STAGE_DONE : STAGE_IDLE;
}

/*
 * After an erasure: the write-ahead log still holds copies of the erased
 * pages until it is checkpointed and truncated.  Readers (yordamctl) can
 * hold that up; it is then tried again at every turn, and said once.
 */
enum stage_result
gateway_wipe(struct gateway *gw)
{
	int rc = store_wipe_wal(gw->st);

	if (rc < 0 && !gw->wipe_held)
		log_error("wiping erased data from the write-ahead log: %s;"
			" trying again", store_error(gw->st));
	else if (rc > 0 && !gw->wipe_held)
		log_warn("erased data stays in the write-ahead log until"
			" readers let it be checkpointed (%s); trying again",
			store_error(gw->st));
	else if (rc == 0 && gw->wipe_held)
		log_info("erased data is wiped from the write-ahead log");
	gw->wipe_held = rc != 0;
	return rc == 0 ? STAGE_IDLE : STAGE_STORE_FAILED;
}

/* Erase confirmations, the last rows with an erased number, go a minute
 * after they were sent; then the WAL is wiped of them.  1 some went. */
static int
forget_confirmations(struct gateway *gw, int64_t now)
{
	int n = 0;

	if (now >= gw->next_forget) {
		gw->next_forget = now + FORGET_EVERY;
		if (store_begin(gw->st) != 0 || (n = store_forget_confirmations(
		    gw->st, now - CONFIRMATION_KEEP)) < 0 ||
		    store_commit(gw->st) != 0) {
			failed(gw, "forgetting erase confirmations");
			return 0;
		}
	}
	gateway_wipe(gw);
	return n > 0;
}

/*
 * Retention: texts older than retention_days are deleted, the counts
 * kept.  A year of backlog must not hold the loop (one transaction over
 * two million rows froze the daemon for hours), so the purge goes in
 * batches, each its own short transaction, for at most PURGE_SLICE_MS a
 * turn, and goes on at the next turn until nothing is left; then it
 * waits an hour.  SIGTERM is seen between turns, so within a slice.
 */
enum stage_result
gateway_purge(struct gateway *gw, int64_t now)
{
	double start = clock_monotonic(), longest = 0;
	int n = PURGE_BATCH, total = 0, forgot = forget_confirmations(gw, now);

	if (now >= gw->next_expire) {
		/* Held replies past their hour are never sent (see
		 * store_expire_held()); looked at every ten minutes. */
		gw->next_expire = now + 600;
		if (store_begin(gw->st) != 0 ||
		    store_expire_held(gw->st, now - 3600) < 0 ||
		    store_commit(gw->st) != 0)
			return failed(gw, "expiring held replies");
	}
	if (gw->cfg->retention_days <= 0 || now < gw->next_purge)
		return forgot ? STAGE_DONE : STAGE_IDLE;
	while (n == PURGE_BATCH &&
	    (clock_monotonic() - start) * 1000 < PURGE_SLICE_MS) {
		double t0 = clock_monotonic();
		if (store_begin(gw->st) != 0)
			return failed(gw, "retention");
		n = store_purge(gw->st, now - (int64_t)gw->cfg->retention_days
			* 86400, PURGE_BATCH);
		if (n < 0 || store_commit(gw->st) != 0) {
			gw->next_purge = now + 60;      /* not at every turn */
			return failed(gw, "retention");
		}
		if (clock_monotonic() - t0 > longest)
			longest = clock_monotonic() - t0;
		total += n;
	}
	if (total > 0)
		log_info("retention: %d old messages deleted (longest"
			" transaction %.0f ms)", total, longest * 1000);
	if (n == PURGE_BATCH)
		return STAGE_DONE;      /* more next turn */
	gw->next_purge = now + PURGE_EVERY;
	return total > 0 || forgot ? STAGE_DONE : STAGE_IDLE;
}
