/*
 * desk.h - help requests and what hotline staff do with them: the one
 * typed API that the daemon (opening requests, on-call alerts), staff SMS
 * commands, yordamctl and the web console all call, so they share one
 * set of rules and one audit log.
 *
 * Every action is audited (who, what, when).  Every failure, a broken
 * rule ("request 12 is closed") as much as a database error, sets the
 * store's error (store_error()) to a reason a person can read.
 */
#ifndef YORDAM_DESK_H
#define YORDAM_DESK_H

#include <stddef.h>
#include <stdint.h>

#include "yordam/store.h"

enum desk_action { DESK_CLAIM, DESK_REPLY, DESK_NOTE, DESK_CLOSE, DESK_REOPEN,
	DESK_ACK };

/* One help request as staff see it.  Strings may be NULL where unknown
 * and are valid only during the callback that receives them. */
struct desk_request {
	int64_t id;
	const char *number;
	const char *lang;
	const char *topic;
	const char *category;   /* urgent category, or NULL */
	int urgent;
	const char *status;     /* "open", "claimed", "closed" */
	const char *claimed_by;
	int64_t created_at;
	const char *conversation;       /* the messages before it, "> in" */
	const char *text;       /* the message that asked for help */
};

/* A note or an audit line of a request, in time order. */
struct desk_log_entry {
	const char *kind;       /* "note" or "audit" */
	const char *who;
	const char *text;
	int64_t at;
};

/* One row of the statistics: per day, language, topic and category. */
struct desk_stats_row {
	const char *day;        /* YYYY-MM-DD, UTC */
	const char *lang;
	const char *topic;
	const char *category;
	int requests;
	int answered;
	int median_minutes;     /* to the first staff reply; -1 if none */
};

typedef void (*desk_request_fn)(const struct desk_request *r, void *ud);
typedef void (*desk_log_fn)(const struct desk_log_entry *e, void *ud);
typedef void (*desk_stats_fn)(const struct desk_stats_row *r, void *ud);

/* Open a request for a person, inside the caller's transaction; the last
 * 20 messages with them go with it.  urgent: a category, or NULL.  A
 * person with a request still open joins it instead (one open request
 * per person; urgency raises it, never lowers it). */
int desk_open(struct store *st, const char *number, const char *lang,
		const char *topic, const char *urgent, int64_t message_id,
		int64_t now);

/* Open and claimed requests, urgent first, then oldest.  0 or -1. */
int desk_list(struct store *st, desk_request_fn fn, void *ud);

/* One request, then its notes and audit (log_fn may be NULL).
 * 1 shown, 0 no such request (error set), -1 database error. */
int desk_show(struct store *st, int64_t id, desk_request_fn fn,
		desk_log_fn log_fn, void *ud);

/* The request a staff member should take next: 1 (*id set), 0 none, -1. */
int desk_next(struct store *st, int64_t *id);

/* Claim, reply, note, close, reopen or acknowledge, with its audit line,
 * as one transaction.  0, or -1 with the store's error set. */
int desk_act(struct store *st, enum desk_action action, int64_t request,
		const char *who, const char *text, int64_t now);

/* The same inside a transaction the caller holds. */
int desk_act_in(struct store *st, enum desk_action action, int64_t request,
		const char *who, const char *text, int64_t now);

int desk_stats(struct store *st, desk_stats_fn fn, void *ud);

/* An urgent request to alert someone about: never alerted (fresh), or
 * alerted before `ack_before` without an acknowledgement. */
struct desk_alert_due {
	int64_t id;
	int fresh;
	char last_staff[64];    /* the phone alerted last, or "" */
};

/* At most max due alerts, oldest request first; how many, or -1. */
int desk_alerts_due(struct store *st, int64_t ack_before,
		struct desk_alert_due *out, int max);

/* Record an alert sent to a staff phone (and, when escalated, audit it
 * under the staff member's name), inside the caller's transaction. */
int desk_record_alert(struct store *st, int64_t request, const char *phone,
		const char *staff_name, int escalated, int64_t now);

/* An alert could not be sent (the caller undid its step): counted, and
 * after max_tries the request is left to the desk with the reason.
 * 1 given up, 0 to be tried again, -1 error. */
int desk_alert_failed(struct store *st, int64_t request, const char *reason,
		int max_tries);

/* Staff phones and their PINs: wrong PINs counted per phone, in the
 * database.  locked: 1 locked now, 0 not, -1.  wrong_pin: 1 locked just
 * now (audited), 0 not yet, -1. */
int desk_staff_locked(struct store *st, const char *phone, int64_t now);
int desk_staff_wrong_pin(struct store *st, const char *phone,
		const char *name, int after, int lock_seconds, int64_t now);
int desk_staff_right_pin(struct store *st, const char *phone);

#endif
