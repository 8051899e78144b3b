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

/* DESK_CLAIM is refused while someone else has the request; DESK_TAKE
 * takes it over (audited as a claim "taken from NAME"). */
enum desk_action { DESK_CLAIM, DESK_REPLY, DESK_NOTE, DESK_CLOSE, DESK_REOPEN,
	DESK_ACK, DESK_TAKE };

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
	/* Filled by desk_list_filtered() (0 / NULL elsewhere): */
	int unread;             /* the person's messages since staff wrote */
	int conversing;         /* staff replied: their messages join it */
	const char *last_text;  /* the person's last message */
	int64_t last_at;        /* when the person last wrote */
	int64_t closed_at;      /* 0 while open */
};

/* Which requests desk_list_filtered() gives: every field optional. */
struct desk_filter {
	int all;                /* closed ones too */
	const char *status;     /* "open", "claimed" or "closed" */
	const char *claimed_by; /* --mine */
	int urgent_only;
	const char *lang;       /* "ru" matches ru and ru-Latn */
	const char *number;     /* digits: the last 10 must match */
	const char *search;     /* in the thread, notes and snapshot, any
				 * script, case folded */
	int limit;              /* 0: all */
};

/* One line of a request's thread, in time order. */
struct desk_thread_entry {
	const char *kind;       /* "in" (the person), "robot" (a menu or an
				 * answer: text is its node), "staff",
				 * "note" or "audit" */
	const char *who;        /* staff name, or NULL */
	const char *text;
	const char *status;     /* an SMS we sent: queued, sent, failed... */
	int64_t at;
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
	const char *day;        /* YYYY-MM-DD, the helpline's local day */
	const char *lang;
	const char *topic;
	const char *category;
	int requests;
	int answered;
	int median_minutes;     /* to the first staff reply; -1 if none */
	int median_close_minutes;       /* to the close; -1 if none closed */
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

/* Requests as a filter picks them, urgent first, then oldest; with
 * unread counts and the person's last message.  0 or -1. */
int desk_list_filtered(struct store *st, const struct desk_filter *f,
		desk_request_fn fn, void *ud);

typedef void (*desk_thread_fn)(const struct desk_thread_entry *e, void *ud);

/* The whole conversation of a request: the person's messages, the
 * robot's replies (by node), staff replies (who, delivery), notes and
 * audit.  How many message lines were given (0: purged or erased; the
 * request's snapshot is what is left), or -1. */
int desk_thread(struct store *st, int64_t id, desk_thread_fn fn, void *ud);

/* Conversation mode (store_thread.c).  Once staff reply, the person's
 * messages belong to the request, not to the menus. */
struct desk_conversation {
	int64_t id;
	char lang[16];
	char claimed_by[64];
	int notify;             /* staff not yet told of a message since
				 * they last wrote */
	int urgent;             /* the request is urgent already */
};

/* 1 (*out set) when number talks with staff now, 0 not, -1 error. */
int desk_conversation_of(struct store *st, const char *number,
		struct desk_conversation *out);

/* The person's message joins the thread of request id (urgent: raises
 * it); no robot reply.  Inside the caller's transaction. */
int desk_thread_in(struct store *st, int64_t id, int64_t message_id,
		const char *urgent, int64_t now);

/* The person asked for the menu ("00"): the robot answers them again
 * until staff write. */
int desk_conversation_pause(struct store *st, int64_t id, int64_t now);

/* Staff were told "new message on #id" at now. */
int desk_conversation_notified(struct store *st, int64_t id, int64_t now);

/* A closed request of number, closed at or after `since`, taken up again
 * by a new help word (audited; desk_open() then joins it with the
 * message): 1 reopened, 0 none, -1 error. */
int desk_reopen_recent(struct store *st, const char *number, int64_t since,
		int64_t now);

/* What the clock owes a conversation. */
enum desk_due_kind {
	DESK_DUE_WAIT,          /* the person wrote, no staff reply for a
				 * while: "staff will answer" once */
	DESK_DUE_EXPIRE,        /* staff wrote last, the person was silent
				 * too long: closed, with a notice */
	DESK_DUE_CLOSED,        /* staff closed it: the person is told */
};

struct desk_due {
	int64_t id;
	enum desk_due_kind kind;
	char number[32];
	char lang[16];
};

/* At most max items due: waits told before wait_before, silences since
 * idle_before.  How many, or -1. */
int desk_conversations_due(struct store *st, int64_t wait_before,
		int64_t idle_before, struct desk_due *out, int max);

/* Record that an item was done (the notice is queued by the caller in
 * the same transaction); an expiry closes the request, audited. */
int desk_conversation_done(struct store *st, const struct desk_due *due,
		int64_t now);

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
