/*
 * store.h - SQLite, the spine: every message, part, contact, session and
 * reminder, and the steps that move them between states.  Help requests
 * and the staff desk have their own header (desk.h); both are served by
 * the store's files (daemon/store*.c), the only code that speaks SQL.
 *
 *   parts --assemble--> messages(in, new) --process--> messages(in, processed)
 *                                           + messages(out, queued)
 *   messages(out, queued) --send--> sending --> sent | queued (retry) | failed
 *
 * A function that changes state runs inside the caller's transaction
 * (store_begin ... store_commit), unless it says it is one itself: the
 * gateway decides where each stage begins and ends.  Every failure sets
 * store_error() to a reason, never to an empty string.
 */
#ifndef YORDAM_STORE_H
#define YORDAM_STORE_H

#include <stdint.h>
#include <stddef.h>

struct store;
struct conv_state;      /* engine.h */
struct sms_part_in;     /* transport.h */

enum part_result { PART_STORED, PART_DUPLICATE, PART_ERROR };

/* The order in which the outbox empties: alerts to staff and urgent
 * replies first, reminders last (store_next_outbound()). */
enum out_priority {
	OUT_ALERT = 0,          /* to staff phones: on-call alerts, answers */
	OUT_URGENT = 1,         /* the reply to an urgent message */
	OUT_HELP = 2,           /* help acknowledgements, staff replies,
				 * erase/stop confirmations, limit notices */
	OUT_CONVERSATION = 3,   /* menus and answers */
	OUT_REMINDER = 4,
};

/* Inbound: urgent and help words are answered before a backlog.
 * IN_UNTRIAGED: not looked at yet (gateway_triage() will). */
enum in_priority { IN_UNTRIAGED = -1, IN_URGENT = 0, IN_NORMAL = 1 };

struct inbound {
	int64_t id;
	char *number;
	char *text;
	int parts;
	int64_t written;        /* the network's time stamp, else stored */
};

struct outbound {
	int64_t id;
	char *number;
	char *text;
	int attempts;
	char node[24];          /* what it is ("deleted": an erasure's
				 * confirmation, which must leave no trace) */
};

struct reminder {
	int64_t id;
	char *number;
	char *text;
};

/* One message as yordamctl's log shows it (valid during the callback). */
struct message_row {
	int64_t id;
	const char *dir;        /* "in" or "out" */
	const char *number;
	const char *text;
	int parts;
	const char *status;
	int64_t created_at;
	const char *coding;
	const char *node;
	int64_t in_reply_to;    /* -1 if none */
	int64_t content_version;        /* -1 if none */
	const char *error;
};

typedef void (*store_message_fn)(const struct message_row *m, void *ud);

/* A message the helpline did not understand (valid during the callback). */
struct unmatched_row {
	int64_t message_id;
	const char *text;
	const char *reason;     /* "topic", "language", "menu", "choice" */
	const char *lang;       /* the likely language, "" if none */
	const char *label;      /* what staff said it should reach, or NULL */
	const char *marked_by;
	int64_t created_at;
};
typedef void (*store_unmatched_fn)(const struct unmatched_row *u, void *ud);
typedef void (*store_text_fn)(const char *text, void *ud);

/* Open (creating it if missing) for writing: an existing file is checked
 * first (quick_check) and an empty or damaged one refused, with the
 * reason and the way to recover in err.  Give err 1024 bytes. */
int store_open(const char *path, struct store **out, char *err, size_t errlen);
int store_open_readonly(const char *path, struct store **out, char *err,
		size_t errlen);
void store_close(struct store *st);
const char *store_error(struct store *st);
/* The last failure was the database's state (busy, locked, full, I/O),
 * not the data: it must not count against a message. */
int store_error_is_transient(struct store *st);
/* Check a database file (read-only, PRAGMA quick_check), safe while
 * yordamd runs: 0 sound, 1 damaged or empty, -1 it could not be checked;
 * report is one line that says which, naming the file, and for damage
 * what is wrong and how to recover. */
int store_check(const char *path, char *report, size_t n);

/* Messages not understood (store_unmatched.c): flag one as it is
 * answered; list them (all, or those marked), grouped by language; mark
 * one with its label: 0, 1 when there is no such flagged message. */
int store_flag_unmatched(struct store *st, int64_t message_id,
		const char *reason, const char *lang, int64_t now);
int store_list_unmatched(struct store *st, int marked_only,
		store_unmatched_fn fn, void *ud);
int store_mark_unmatched(struct store *st, int64_t message_id,
		const char *label, const char *lang, const char *by, int64_t now);

int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);   /* keeps the error */
/* One item inside the caller's transaction, undone alone on failure. */
int store_savepoint(struct store *st);
int store_savepoint_release(struct store *st);
void store_savepoint_undo(struct store *st);     /* keeps the error */
int store_in_transaction(struct store *st);

/* Inbox (store_inbox.c) */
/* One part; its own transaction, or a savepoint inside a batch.  A
 * single-part message is stored with its priority (the gateway looks at
 * its words as it reads it); a long one gets IN_UNTRIAGED when joined. */
enum part_result store_part_received(struct store *st,
		const struct sms_part_in *p, enum in_priority priority,
		int64_t now);
/* Store several parts under one transaction; inside it,
 * store_part_received() undoes only its own part when that part fails. */
int store_batch_begin(struct store *st);
int store_batch_commit(struct store *st);
/* Join the groups whose first part is older than timeout; how many. */
int store_assemble_expired(struct store *st, int64_t now, int timeout);
/* The next new inbound message (urgent first, then oldest): 1, 0, -1. */
int store_next_inbound(struct store *st, struct inbound *msg);
void inbound_free(struct inbound *msg);
/* New messages without a priority yet (at most max): how many, or -1. */
int store_untriaged(struct store *st, struct inbound *out, int max);
int store_set_priority(struct store *st, int64_t id, int priority);
/* A failed try to answer a message, counted in its own transaction;
 * after max_tries it is set aside ('failed', with the reason).
 * 1 set aside, 0 tried again later, -1 error. */
int store_inbound_failed(struct store *st, int64_t id, const char *reason,
		int max_tries, int64_t now);
int store_mark_processed(struct store *st, int64_t id, const char *status,
		int64_t now);

/* People (store_people.c) */
/* 1 known, 0 new (state zeroed, entry_day -1), -1 error. */
int store_load_state(struct store *st, const char *number,
		struct conv_state *state);
int store_save_state(struct store *st, const char *number,
		const struct conv_state *state, int64_t now);
int store_add_reminder(struct store *st, const char *number,
		int64_t due_at, const char *text, int64_t message_id,
		int64_t now);
/* Due reminders of people who did not say STOP: how many (<= max), -1. */
int store_due_reminders(struct store *st, int64_t now, struct reminder *out,
		int max);
void reminders_free(struct reminder *r, int n);
int store_mark_reminder_sent(struct store *st, int64_t id, int64_t now);
/* 1 set aside after max_tries ('failed', with the reason), 0, -1. */
int store_reminder_failed(struct store *st, int64_t id, const char *reason,
		int max_tries);
/* Was the person told of a reply limit since `since`?  1, 0, -1. */
int store_limit_notice_since(struct store *st, const char *number,
		int64_t since);
int store_mark_limit_notice(struct store *st, const char *number,
		int64_t now);
/* Everything about a number goes, and the staff SMS about its requests;
 * only per-day counts stay.  Then store_wipe_wal(), after the commit. */
int store_erase_number(struct store *st, const char *number);
/* Erase confirmations sent (or given up) before `before` go too: the
 * number was the last thing kept.  How many, or -1. */
int store_forget_confirmations(struct store *st, int64_t before);
/* After an erasure committed: the WAL checkpointed and truncated, so no
 * copy of the erased pages is left in it.  Outside a transaction.  0 done
 * (or nothing to do), 1 readers held it up (call again later), -1. */
int store_wipe_wal(struct store *st);
/* Delete up to max_rows finished messages created before `before`, the
 * oldest first; how many (fewer than max_rows: nothing is left), or -1. */
int store_purge(struct store *st, int64_t before, int max_rows);
/* "p0123456789abcdef": the number as it may appear in exports, keyed
 * BLAKE2b with the database's secret (64 bits).  -1 (and "p?") if the
 * database has no key: never an unkeyed name.  Give out 18 bytes. */
int store_pseudonym(struct store *st, const char *number, char *out,
		size_t n);
/* Content versions (store_content.c): the id of the load of (hash), a
 * new row unless it is the content the newest row holds already. */
int64_t store_content_version(struct store *st, const char *hash,
		int64_t now);
/* A row of content_versions: key is the hash column ("<hash>" or
 * "<hash>-2" for a second load of the same content), hash the content's. */
struct store_content_row {
	int64_t id;
	char key[40];
	char hash[24];
	int64_t loaded_at;
	int64_t replies;        /* messages sent with it */
};
/* Every version, oldest first, until fn returns non-zero. */
int store_content_versions(struct store *st,
		int (*fn)(const struct store_content_row *v, void *ud),
		void *ud);
/* A version by number or hash prefix; -1 with why in the store's error. */
int store_content_find(struct store *st, const char *spec,
		struct store_content_row *out);

/* Outbox (store_outbox.c) */
/* Queue a text (measured here: coding and parts recorded). */
int store_queue_reply(struct store *st, const char *number, const char *text,
		int64_t in_reply_to, const char *node, int64_t content_version,
		enum out_priority priority, int64_t now);
/* Replies sent (or being sent) to a number in the hour and the day
 * before now.  0, or -1. */
int store_count_sent(struct store *st, const char *number, int64_t now,
		int *hour, int *day);
/* Messages from a number written (by the network's time stamp) between
 * two times, how many distinct texts, and the length in characters of
 * the shortest. */
int store_recent_inbound(struct store *st, const char *number, int64_t from,
		int64_t to, int *distinct, int *shortest);
/* Held replies older than `before` become 'expired'; how many, or -1. */
int store_expire_held(struct store *st, int64_t before);
/* The replies to an inbound message are held back (kept, not sent). */
int store_hold_replies(struct store *st, int64_t in_reply_to);
int store_next_outbound(struct store *st, int64_t now, struct outbound *msg);
void outbound_free(struct outbound *msg);
int store_mark_sending(struct store *st, int64_t id, int64_t now);
int store_mark_sent(struct store *st, int64_t id, int64_t now);
int store_mark_send_failed(struct store *st, int64_t id, const char *error,
		int64_t retry_at, int final, int64_t now);
int store_requeue_interrupted(struct store *st);
/* Not sent through no fault of its own (the line is down): queued again
 * for retry_at, the try not counted.  0 or -1. */
/* Replies with no delivery report since before: sent once, queued again
 * (how many, or -1); sent twice, given up and passed to fn. */
typedef void (*store_unreported_fn)(void *ud, int64_t id, const char *number,
		const char *node);
int store_resend_unreported(struct store *st, int64_t before, int64_t now,
		store_unreported_fn fn, void *ud);
int store_send_postponed(struct store *st, int64_t id, const char *why,
		int64_t retry_at);
/* A delivery report on reply id ("delivered", "failed", ...): 1 with
 * the reply's number and node, 0 if there is no such reply, -1 error. */
int store_mark_delivery(struct store *st, int64_t id, const char *delivery,
		int64_t now, char *number, size_t cap, char *node, size_t ncap);
/* This connection is modem name's worker: inbound messages are marked as
 * having come through it, outbound ones it may take are its own and
 * those for any modem (NULL / "": one-modem mode, no filtering). */
void store_set_modem(struct store *st, const char *name);
int store_modem_release(struct store *st, const char *name);

/* Backups (store_backup.c) */
/* A copy of the open database at dest, through SQLite's online backup:
 * safe while yordamd runs, one consistent moment, 0600, written under a
 * temporary name, checked with quick_check and renamed into place only
 * then.  dest is a file (replaced if it exists), not the database. */
int store_backup(struct store *st, const char *dest);
/* A process that has the database file at path open (by SQLite's locks):
 * its pid, 0 if none or there is no file, -1 on error (err says why). */
long store_user_pid(const char *path, char *err, size_t n);
/* Put the backup `from` (checked first) in place of the database at
 * path; refused while a process has it open.  The file it replaces is
 * kept, with its -wal, as *kept ("" if there was none).  -1 with err. */
int store_restore(const char *from, const char *path, char *kept,
		size_t keptn, char *err, size_t n);

/* What yordamctl lists (store_log.c) */
int store_list_messages(struct store *st, int limit, store_message_fn fn,
		void *ud);
/* Replies sent to number with an id above *last_id (which is advanced);
 * how many, or -1. */
int store_sent_since(struct store *st, const char *number, int64_t *last_id,
		store_text_fn fn, void *ud);
/* Queue depths and what was set aside, for `yordamctl status`. */
struct store_status {
	int inbound_waiting, inbound_set_aside;
	int outbound_waiting, outbound_failed, outbound_held;
	int requests_open, requests_urgent, alerts_given_up;
	int reminders_scheduled, reminders_failed;
	int64_t content_version;        /* the newest loaded */
	int64_t last_received_at;       /* the newest SMS in, 0 if none: is
					 * the modem reading? */
	int64_t last_sent_at;           /* the newest reply sent, 0 if none */
};
int store_status(struct store *st, struct store_status *out);

/* A modem's health as recorded every minute (store_modem.c); unknown
 * numbers are -1, unknown texts "". */
struct store_modem {
	char name[32];
	int connected;
	char model[64];
	char sim[24];
	int registered, roaming;
	char operator_name[48];
	int signal;                     /* percent */
	int storage_used, storage_total;
	int64_t last_read_at, last_send_at;     /* 0: never */
	int errors_in_row;
	char blocked[256];
	int64_t unregistered_since;     /* 0 while on a network */
	char balance_text[128];         /* the network's USSD answer */
	double balance;                 /* -1: none read */
	int64_t balance_at;
	int64_t updated_at;
};

/* Record a modem's health (not its balance); unregistered_since is kept
 * from the first minute off a network.  0 or -1. */
int store_modem_save(struct store *st, const struct store_modem *m,
		int64_t now);
/* A modem whose worker stopped: not connected, out of service (why). */
int store_modem_stopped(struct store *st, const char *name, const char *why,
		int64_t now);
/* Record the balance read by USSD (amount -1 when the pattern found
 * none). */
int store_modem_balance(struct store *st, const char *name, const char *text,
		double amount, int64_t now);
typedef void (*store_modem_fn)(const struct store_modem *m, void *ud);
int store_modem_list(struct store *st, store_modem_fn fn, void *ud);
/* Replies to number with this node queued since `since`: how many, -1. */
int store_node_sent_since(struct store *st, const char *number, const char *node,
		int64_t since);

/* The newest outbound id to a number, 0 if none, -1 on error. */
int64_t store_last_outbound_id(struct store *st, const char *number);

#endif
