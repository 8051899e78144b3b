/*
 * desk.h - what hotline staff do with help requests: claim, reply, note,
 * close, reopen.  Each action is one transaction that also writes the
 * audit log (who, what, when), whether it comes from yordamctl at the desk
 * or, later, from a staff phone.
 */
#ifndef YORDAM_DESK_H
#define YORDAM_DESK_H

#include <stddef.h>
#include <stdint.h>

#include "yordam/store.h"

enum desk_action { DESK_CLAIM, DESK_REPLY, DESK_NOTE, DESK_CLOSE, DESK_REOPEN,
	DESK_ACK };

/* 0, or -1 with err set ("no request 12", "request 12 is closed"...). */
int desk_act(struct store *st, enum desk_action action, int64_t request,
		const char *who, const char *text, int64_t now, char *err,
		size_t errlen);

/* The same inside a transaction the caller holds. */
int desk_act_in(struct store *st, enum desk_action action, int64_t request,
		const char *who, const char *text, int64_t now, char *err,
		size_t errlen);

#endif
