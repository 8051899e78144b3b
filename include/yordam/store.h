/*
 * store.h - SQLite, the spine: every message, part, contact, session and
 * help request, and the transactions that move them between states.
 *
 * Each function that changes state is one transaction.  A crash between two
 * calls leaves the tables in a state the next start carries on from:
 *   parts --assemble--> messages(in, new) --process--> messages(in, processed)
 *                                           + messages(out, queued)
 *   messages(out, queued) --send--> sending --> sent | queued (retry) | failed
 */
#ifndef YORDAM_STORE_H
#define YORDAM_STORE_H

#include <stdint.h>
#include <stddef.h>

struct store;

/* One SMS part as read from the modem, already decoded to UTF-8. */
struct sms_part_in {
	const char *sender;
	const char *smsc;
	int64_t sent_time;      /* SCTS as Unix time */
	int ref;                /* concatenation reference, -1 if none */
	int total;              /* parts in the message, 1 if single */
	int seq;                /* 1-based */
	const char *text;       /* UTF-8 */
	const char *hold;       /* NULL, or why it is stored but never
				 * answered: "binary", "report", "no-sender" */
};

enum part_result { PART_STORED, PART_DUPLICATE, PART_ERROR };

struct conv_state {
	char lang[8];           /* "" while unknown */
	char path[256];         /* node ids from home, '/'-separated */
	int awaiting_language;
	int64_t last_seen;      /* 0 for a new contact */
	char pending[24];       /* the question the person was asked, or "" */
	char nationality[4];    /* "uz", "kg", "tj" or "" */
	int entry_day;          /* days since 1970-01-01; -1 unknown */
	int opted_out;          /* said STOP: no reminders or broadcasts */
};

struct inbound {
	int64_t id;
	char *number;
	char *text;
	int parts;
};

struct outbound {
	int64_t id;
	char *number;
	char *text;
	int attempts;
};

int store_open(const char *path, struct store **out, char *err, size_t errlen);
int store_open_readonly(const char *path, struct store **out, char *err,
		size_t errlen);
void store_close(struct store *st);
void *store_db(struct store *st);       /* the sqlite3 handle, for tools */
const char *store_error(struct store *st);

/* Modem side */
enum part_result store_part_received(struct store *st,
		const struct sms_part_in *p, int64_t now);

/* Store several parts under one transaction (see store.c); inside it,
 * store_part_received() undoes only its own part when that part fails. */
int store_batch_begin(struct store *st);
int store_batch_commit(struct store *st);
int store_assemble_expired(struct store *st, int64_t now, int timeout);

/* Engine side: one inbound message at a time, in one transaction. */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);
int store_next_inbound(struct store *st, struct inbound *msg);
void inbound_free(struct inbound *msg);
int store_load_state(struct store *st, const char *number,
		struct conv_state *state);
int store_save_state(struct store *st, const char *number,
		const struct conv_state *state, int64_t now);
int store_queue_reply(struct store *st, const char *number, const char *text,
		int64_t in_reply_to, const char *node, int64_t content_version,
		int coding, int parts, int64_t now);
int store_add_help_request(struct store *st, const char *number,
		const char *lang, const char *topic, const char *urgent,
		int64_t message_id, int64_t now);
int store_add_reminder(struct store *st, const char *number,
		int64_t due_at, const char *text, int64_t message_id,
		int64_t now);
/* Queue the reminders due at `now` for people who did not say STOP;
 * returns how many, or -1. */
int store_send_due_reminders(struct store *st, int64_t now);
/* Messages to (dir "out") or from ("in") a number since a time. */
int store_count(struct store *st, const char *number, const char *dir,
		int64_t since);
/* The replies to an inbound message are held back (kept, not sent). */
int store_hold_replies(struct store *st, int64_t in_reply_to);
int store_erase_number(struct store *st, const char *number);
/* Delete finished messages created before `before`; how many, or -1. */
int store_purge(struct store *st, int64_t before);
/* "p0123456789": the number as it may appear in exports. */
void store_pseudonym(struct store *st, const char *number, char *out,
		size_t n);
int store_mark_processed(struct store *st, int64_t id, const char *status,
		int64_t now);

/* Content versions: the id of (hash), recorded on first sight. */
int64_t store_content_version(struct store *st, const char *hash,
		int64_t now);

/* Sender side */
int store_next_outbound(struct store *st, int64_t now, struct outbound *msg);
void outbound_free(struct outbound *msg);
int store_mark_sending(struct store *st, int64_t id, int64_t now);
int store_mark_sent(struct store *st, int64_t id, int64_t now);
int store_mark_send_failed(struct store *st, int64_t id, const char *error,
		int64_t retry_at, int final, int64_t now);
int store_requeue_interrupted(struct store *st);

#endif
