/*
 * gateway.h - every stage that moves messages between tables, each one
 * transaction between two table states:
 *
 *   receive     transport -> parts/messages(in, new), then delete on it
 *   assemble    parts older than multipart_timeout -> messages(in, new)
 *   triage      messages(in, new) get a priority: urgent and help first
 *   answer      messages(in, new) -> engine -> outbox, request, reminder
 *   send        messages(out, queued) -> transport -> sent | retry | failed
 *   alerts      urgent requests -> on-call staff SMS, escalation
 *   reminders   reminders due -> outbox (in the day's allowed hours)
 *   purge       texts older than retention_days -> gone (counts kept);
 *               erase confirmations a minute after they left -> gone
 *   wipe        after an erasure: the WAL checkpointed and truncated
 *
 * This is the only place where the store meets the engine and the store
 * meets the transport; the engine and the transport never meet.  main.c
 * only loops, handles signals and calls these.  Every stage logs its
 * failures with their reason and rolls back what it had begun.
 */
#ifndef YORDAM_GATEWAY_H
#define YORDAM_GATEWAY_H

#include <stdint.h>

#include "yordam/config.h"
#include "yordam/content.h"
#include "yordam/store.h"
#include "yordam/transport.h"

struct gateway {
	struct store *st;
	struct transport *tr;   /* may be NULL where nothing is sent */
	const struct yordam_config *cfg;
	const struct content *content;
	int64_t content_version;
	int64_t next_purge;     /* when the retention purge runs next */
	int64_t next_expire;    /* when held replies are looked at next */
	int64_t next_forget;    /* when erase confirmations are looked at */
	int wipe_held;          /* readers held up the WAL's wipe */
	double next_conversations;      /* clock_monotonic() of the next look */
	/* the line (gateway_line.c) */
	int64_t last_read_at, last_send_at;     /* the last that worked */
	int64_t unreported_at;  /* replies without a report, checked */
	int errors_in_row;      /* reads and sends that failed since */
	int send_errors;        /* sends that failed since one worked */
	int64_t out_until;      /* out of service for its failed sends (a
				 * modem's worker): its replies go elsewhere */
	int64_t next_health, next_balance;
	int64_t down_since;     /* off a network or out of service, or 0 */
	int64_t alarm_at[5];    /* when each alarm was last raised, or 0 */
};

/* Tries of one message (or alert, or reminder) before it is set aside
 * with its reason, so the queue behind it goes on. */
#define GATEWAY_MAX_TRIES 3

enum stage_result {
	STAGE_IDLE = 0,                 /* nothing to do */
	STAGE_DONE = 1,                 /* work done and committed */
	STAGE_STORE_FAILED = -1,        /* logged and rolled back */
	STAGE_TRANSPORT_FAILED = -2,    /* logged; the transport may need a
					 * reconnect (the message is kept) */
};

/* Read what the transport holds (*n_read parts), store it in one
 * transaction, then delete from the transport what was committed. */
enum stage_result gateway_receive(struct gateway *gw, int64_t now,
		int *n_read);
enum stage_result gateway_assemble_expired(struct gateway *gw, int64_t now);
enum stage_result gateway_triage(struct gateway *gw);
/* Answer the next new inbound message (urgent first, then oldest). */
enum stage_result gateway_answer_one(struct gateway *gw, int64_t now);
/* Send the oldest due outbound message. */
enum stage_result gateway_send_one(struct gateway *gw, int64_t now);
enum stage_result gateway_alerts(struct gateway *gw, int64_t now);
/* Someone talking with staff (gateway_conversation.c): their message
 * joins the request's thread.  1 done, 0 not talking with staff (the
 * engine answers), -1 error (store's error set). */
int gateway_converse(struct gateway *gw, const struct inbound *msg,
		int64_t now);
/* A number a person could have (+ and 10-15 digits), not a bank's name
 * or a short code: only people get answers. */
int gateway_replyable(const char *number);
/* The line (gateway_line.c): calls from people without credit answered
 * by SMS; every minute the modem's health recorded and its alarms
 * raised; the prepaid balance read by USSD on a schedule. */
enum stage_result gateway_line(struct gateway *gw, int64_t now);
/* "Staff will answer" when staff are slow, the end of a silent
 * conversation, the notice of a close: each in the person's language. */
enum stage_result gateway_conversations(struct gateway *gw, int64_t now);
enum stage_result gateway_reminders(struct gateway *gw, int64_t now);
/* Retention (with retention_days set), in batches of bounded time: a
 * year of backlog drains over many turns without holding the loop; and
 * held replies past their hour expire.  STAGE_DONE while more is left. */
enum stage_result gateway_purge(struct gateway *gw, int64_t now);
/* After an erasure committed (else nothing): no copy of what was erased
 * is left in the write-ahead log.  Called after an erase and at every
 * purge turn, until readers let it through.  STAGE_IDLE when done. */
enum stage_result gateway_wipe(struct gateway *gw);

#endif
