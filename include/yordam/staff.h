/*
 * staff.h - hotline staff on their own phones: who is on call, what an
 * on-call alert says, and SMS commands (PIN NEXT, TAKE n, R n text,
 * NOTE n text, CLOSE n, ACK n), all through the desk API (desk.h).
 * When alerts are sent is the gateway's stage (gateway_alerts()).
 */
#ifndef YORDAM_STAFF_H
#define YORDAM_STAFF_H

#include <stddef.h>
#include <stdint.h>

#include "yordam/config.h"
#include "yordam/store.h"

/* Inside the caller's transaction: act on a staff member's SMS and queue
 * the answer to them.  A wrong PIN is logged and gets no answer.  0, or
 * -1 with the store's error set. */
int staff_handle_sms(struct store *st, const struct yordam_config *cfg,
		const struct staff_member *who, const char *text, int64_t now);

/* The index of the next staff member on call after the one with phone
 * `after` (NULL: the first on call), or -1 when nobody is on call. */
int staff_next_on_call(const struct yordam_config *cfg, const char *after,
		int64_t now);

/* "#12 URGENT violence (ru): <text> | ACK 12"; 0, or -1 (error set). */
int staff_alert_text(struct store *st, const struct yordam_config *cfg,
		int64_t request, char *out, size_t n);

/* The phone to tell of a new message on a request: its claimant's (by
 * name, as the desk records it), else the first on call; NULL if none. */
const char *staff_phone_for(const struct yordam_config *cfg,
		const char *claimed_by, int64_t now);

/* "#12 new message (ru): <text> | R 12 text" for the staff member in a
 * conversation (urgent: "#12 URGENT self_harm ..."). */
void staff_new_message_text(const struct yordam_config *cfg, int64_t request,
		const char *lang, const char *urgent, const char *text,
		char *out, size_t n);

/* What a staff phone's first word was, written in its place as the SMS
 * is read (staff_pin.c): the PIN itself is never stored. */
#define STAFF_PIN_OK "PIN:ok"
#define STAFF_PIN_WRONG "PIN:wrong"

/* Does pin (len bytes, not terminated) match, in constant time? */
int staff_pin_matches(const struct staff_member *who, const char *pin,
		size_t len);
/* text with its first word replaced by the verdict; malloc'd, NULL if
 * out of memory. */
char *staff_seal_pin(const struct staff_member *who, const char *text);
/* An argon2id hash of pin for yordam.conf ("$argon2id$..."); 0 or -1. */
int staff_pin_hash(const char *pin, char *out, size_t n);

#endif
