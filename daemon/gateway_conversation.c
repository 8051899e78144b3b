/*
 * gateway_conversation.c - staff and the person in one conversation.
 *
 * Staff asked "which city are you in?", the person answered "Almaty,
 * Stroy LLP", and the robot answered with its menu hint: a helpline
 * cannot help anyone that way.  So once staff have replied to a request
 * (desk, staff SMS, console), the person's messages belong to it: each is
 * stored in its thread with no robot reply (status 'thread'), and the staff member who
 * claimed it (else the one on call) is told "#12 new message" by SMS, once
 * per staff reply so a talkative person does not cost a message each (and
 * once more when the request becomes urgent).
 * What still reaches the robot is engine_conversation_turn()'s to say:
 * "00" (the menus again, until staff write), STOP/START, DELETE; urgent
 * words raise the request, tell staff at once and give the person the
 * emergency number.
 *
 * The clock's side, gateway_conversations(): "staff will answer" once if
 * staff are slow, the end of a conversation after a long silence from the
 * person (never while the person waits for staff), and the notice when
 * staff close it, each in the person's language.
 */
#include <stdio.h>
#include <string.h>

#include "yordam/clock.h"
#include "yordam/content.h"
#include "yordam/desk.h"
#include "yordam/engine.h"
#include "yordam/gateway.h"
#include "yordam/log.h"
#include "yordam/staff.h"

#define DUE_PER_TURN 32

/* "#12 new message" to the claimant or the one on call; nobody on call:
 * the desk's queue shows it unread. */
static int
tell_staff(struct gateway *gw, const struct desk_conversation *cv,
		const struct inbound *msg, const char *urgent, int64_t now)
{
	const char *phone = staff_phone_for(gw->cfg, cv->claimed_by, now);
	char text[1024];

	if (!phone)
		return 0;
	staff_new_message_text(gw->cfg, cv->id, cv->lang, urgent, msg->text,
		text, sizeof text);
	if (store_queue_reply(gw->st, phone, text, 0, "staff-alert", 0,
	    urgent ? OUT_ALERT : OUT_HELP, now) != 0)
		return -1;
	return desk_conversation_notified(gw->st, cv->id, now);
}

int
gateway_converse(struct gateway *gw, const struct inbound *msg, int64_t now)
{
	struct desk_conversation cv;
	struct engine_result res;
	int rc = desk_conversation_of(gw->st, msg->number, &cv);

	if (rc <= 0)
		return rc;
	switch (engine_conversation_turn(gw->content, cv.lang, msg->text,
	    &res)) {
	case TURN_MENU:
		return desk_conversation_pause(gw->st, cv.id, now) != 0 ? -1
			: 0;
	case TURN_COMMAND:
		return 0;
	case TURN_URGENT:
		if (store_queue_reply(gw->st, msg->number, res.replies[0].text,
		    msg->id, res.replies[0].node, gw->content_version,
		    OUT_URGENT, now) != 0)
			return -1;
		break;
	case TURN_TALK:
		break;
	}
	/* staff hear once per reply of theirs, and when it turns urgent */
	if (desk_thread_in(gw->st, cv.id, msg->id, res.urgent, now) != 0 ||
	    ((cv.notify || (res.urgent && !cv.urgent)) && tell_staff(gw,
	    &cv, msg, res.urgent, now) != 0) ||
	    store_mark_processed(gw->st, msg->id, "thread", now) != 0)
		return -1;
	log_debug("message %lld joined the conversation of #%lld%s",
		(long long)msg->id, (long long)cv.id, res.urgent ?
		" (urgent)" : "");
	return 1;
}

static const char *
notice_of(const struct locale *loc, enum desk_due_kind kind,
		const char **node)
{
	switch (kind) {
	case DESK_DUE_WAIT:
		*node = "conversation_ack";
		return loc->conversation_ack;
	case DESK_DUE_EXPIRE:
		*node = "conversation_expired";
		return loc->conversation_expired;
	case DESK_DUE_CLOSED:
		*node = "conversation_closed";
		return loc->conversation_closed;
	}
	*node = "conversation";
	return NULL;
}

/* One item: its notice queued and the item recorded, together. */
static int
do_due(struct gateway *gw, const struct desk_due *due, int64_t now)
{
	const struct locale *loc = content_locale(gw->content, due->lang);
	const char *node, *text;

	if (!loc)
		loc = &gw->content->locales[0];
	text = notice_of(loc, due->kind, &node);
	if (!text || !*text) {
		/* the loader requires it; recorded so it cannot loop */
		log_error("#%lld: no %s text in %s; the person is not told",
			(long long)due->id, node, loc->code);
		return desk_conversation_done(gw->st, due, now);
	}
	if (store_queue_reply(gw->st, due->number, text, 0, node,
	    gw->content_version, OUT_HELP, now) != 0 ||
	    desk_conversation_done(gw->st, due, now) != 0)
		return -1;
	if (due->kind == DESK_DUE_EXPIRE)
		log_info("#%lld: the conversation ended after %d hours without"
			" news from the person", (long long)due->id,
			gw->cfg->conversation_idle_hours);
	return 0;
}

/*
 * Each item is a step of its own under a savepoint: one that cannot be
 * done is undone alone and logged with its reason, and the others go on.
 * It is tried again next turn; what fails is a store error (a full disk)
 * that fails everything else too, not the item.
 */
enum stage_result
gateway_conversations(struct gateway *gw, int64_t now)
{
	const struct yordam_config *cfg = gw->cfg;
	struct desk_due due[DUE_PER_TURN];
	int n, i, done = 0;

	/* a look every second of real time (the test clock may stand) */
	if (clock_monotonic() < gw->next_conversations)
		return STAGE_IDLE;
	gw->next_conversations = clock_monotonic() + 1;
	if (store_begin(gw->st) != 0)
		goto fail;
	n = desk_conversations_due(gw->st, now - (int64_t)
		cfg->conversation_wait_minutes * 60, now - (int64_t)
		cfg->conversation_idle_hours * 3600, due, DUE_PER_TURN);
	if (n < 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if (store_savepoint(gw->st) != 0)
			goto fail;
		if (do_due(gw, &due[i], now) != 0) {
			log_error("conversation #%lld: %s", (long long)due[i].id,
				store_error(gw->st));
			store_savepoint_undo(gw->st);
			if (!store_in_transaction(gw->st))
				goto fail;
			continue;
		}
		if (store_savepoint_release(gw->st) != 0)
			goto fail;
		done++;
	}
	if (store_commit(gw->st) != 0)
		goto fail;
	return done > 0 ? STAGE_DONE : STAGE_IDLE;
fail:
	log_error("conversations: %s", store_error(gw->st));
	store_rollback(gw->st);
	return STAGE_STORE_FAILED;
}
