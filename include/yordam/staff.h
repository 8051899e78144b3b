/*
 * staff.h - hotline staff on their own phones: on-call alerts for urgent
 * requests, escalation when nobody acknowledges, and SMS commands
 * (PIN NEXT, TAKE n, R n text, NOTE n text, CLOSE n, ACK n).
 */
#ifndef YORDAM_STAFF_H
#define YORDAM_STAFF_H

#include <stdint.h>

#include "yordam/config.h"
#include "yordam/store.h"

/* Inside the caller's transaction: act on a staff member's SMS and queue
 * the answer to them.  A wrong PIN is logged and gets no answer. */
int staff_handle_sms(struct store *st, const struct yordam_config *cfg,
		const struct staff_member *who, const char *text, int64_t now);

/* Alert the on-call person about urgent requests nobody was told of yet,
 * and escalate unacknowledged alerts.  One transaction; how many alerts
 * were queued, or -1. */
int staff_alerts(struct store *st, const struct yordam_config *cfg,
		int64_t now);

#endif
