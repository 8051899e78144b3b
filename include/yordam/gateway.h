/*
 * gateway.h - the stages that move messages between tables, each one
 * transaction: inbound -> engine -> outbox, and outbox -> modem.
 *
 * This is the only place where the store meets the engine and the store
 * meets the modem; the engine and the modem never meet.
 */
#ifndef YORDAM_GATEWAY_H
#define YORDAM_GATEWAY_H

#include <stdint.h>

#include "yordam/config.h"
#include "yordam/content.h"
#include "yordam/engine.h"
#include "yordam/modem.h"
#include "yordam/store.h"

/* Answer the oldest new inbound message: 1 done, 0 none, -1 error. */
/* cfg may be NULL (no staff phones). */
int gateway_process_one(struct store *st, const struct yordam_config *cfg,
		const struct content *c, int64_t content_version,
		const struct engine_params *p, int reminder_hour, int64_t now);

/* Send the oldest due outbound message: 1 done, 0 none, -1 store error,
 * -2 modem error (the message is rescheduled). */
int gateway_send_one(struct store *st, struct modem *m,
		const struct yordam_config *cfg, int64_t now);

/* modem_parts_fn: commit the parts of one scan to the store in one
 * transaction (ud = struct store). */
int gateway_store_parts(const struct sms_part_in *parts, int n, int *stored,
		void *ud);

#endif
