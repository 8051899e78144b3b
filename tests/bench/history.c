/*
 * history.c - a helpline's past traffic written through the store's own
 * API, as the gateway and the desk write it, so that a benchmark (`bench
 * history`, make bench-history) and the query-plan test (tests/plans.sh)
 * run on a database shaped like a real one: no SQL here.
 *
 * Per SMS in: its part(s) stored (one in 25 in two or three parts,
 * joined by the store), the session loaded and saved, a reply queued and
 * sent (one in 100 fails for good, one in 100 is a machine loop's and
 * gets none, one in 30 gets two replies), one in 20 flagged as not
 * understood (a third of those marked by staff), one in 200 asks for a
 * reminder (sent when it falls due).  About p->requests help requests
 * (one in ten urgent, with an alert acknowledged): claimed after 10
 * minutes, answered by staff with a note after 30, closed after a day
 * (the person told); the person's messages meanwhile join the thread.
 * People are skewed (a few write much, most a few times) and scattered
 * over the numbers.  Times run evenly over p->days before p->end; each
 * 2,000 SMS are one transaction (store_batch_begin/commit: the parts'
 * own batch, which every other call here joins).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "yordam/desk.h"
#include "yordam/engine.h"
#include "yordam/store.h"
#include "yordam/transport.h"

#define PENDING_MAX 4096
#define CHUNK 2000

/* A request staff work on later: what is next, and when. */
struct pending {
	int64_t id, due;
	int stage;              /* 0 claim, 1 reply and note, 2 close */
	int urgent;
};

struct hist {
	struct store *st;
	const struct history_params *p;
	struct history_counts *c;
	struct pending pend[PENDING_MAX];
	int n_pend;
	int64_t cv;
	unsigned rng;
};

static const char *texts_in[] = {
	"salom", "1", "2", "3", "0", "00", "pasport", "ish haqi berilmadi",
	"registratsiya qancha kun", "помогите пожалуйста", "здравствуйте",
	"патент сколько стоит", "keldim 12.03", "yordam", "саламатсызбы",
	"салом", "ёрдам лозим", "kak prodlit registraciyu", "rahmat", "5",
};
static const char *nodes[] = { "home", "stay", "permit", "work", "docs",
	"police", "danger", "health", "phone" };
static const char *langs[] = { "uz", "ky", "tg", "ru", "uz-Cyrl", "ru-Latn" };

static unsigned
rnd(struct hist *h, unsigned n)
{
	h->rng = h->rng * 1103515245u + 12345u;
	return ((h->rng >> 8) & 0xffffff) % (n ? n : 1);
}

/* A person, skewed (density ~ 1/sqrt: the first ranks write most) and
 * scattered over the numbers by a multiplier prime to the count. */
static void
pick_number(struct hist *h, char *out, size_t n)
{
	double r = rnd(h, 1000000) / 1e6;
	long rank = (long)(h->p->numbers * r * r), k;

	k = (rank * 7919L) % h->p->numbers;
	snprintf(out, n, "+7701%07ld", k);
}

static int
fail(struct hist *h, char *err, size_t errlen, const char *what)
{
	snprintf(err, errlen, "history: %s: %s", what, store_error(h->st));
	return -1;
}

/* Every queued reply leaves (or fails for good), as the send stage does. */
static int
drain(struct hist *h, int64_t t)
{
	struct outbound o;
	int rc;

	while ((rc = store_next_outbound(h->st, t, &o)) == 1) {
		int failed = rnd(h, 100) == 0;
		if (store_mark_sending(h->st, o.id, t) != 0 ||
		    (failed ? store_mark_send_failed(h->st, o.id,
		    "the network refused it", 0, 1, t)
		    : store_mark_sent(h->st, o.id, t)) != 0) {
			outbound_free(&o);
			return -1;
		}
		h->c->out++;
		outbound_free(&o);
	}
	return rc;
}

/* The request just opened: its alert (urgent) and staff's later steps. */
static int
opened(struct hist *h, int urgent, int64_t t)
{
	int64_t id;
	int rc;

	/* Every request is claimed as it opens, so the one open is the new
	 * one; none: the message joined the person's open request. */
	if ((rc = desk_next(h->st, &id)) != 1)
		return rc;
	if (urgent && desk_record_alert(h->st, id, "+77000000009", "aigul",
	    0, t) != 0)
		return -1;
	h->c->alerts += urgent;
	h->c->requests++;
	if (h->n_pend < PENDING_MAX)
		h->pend[h->n_pend++] = (struct pending){ id, t + 600, 0,
			urgent };
	/* Claimed at once here (the desk would in ten minutes; audited
	 * then): so desk_next() finds only the next new one. */
	return desk_act_in(h->st, DESK_CLAIM, id, "aigul", NULL, t);
}

/* What staff do next on a request whose time has come. */
static int
staff_step(struct hist *h, struct pending *r, int64_t t)
{
	struct desk_due due[8];
	int i, n;

	switch (r->stage++) {
	case 0:
		r->due = t + 1200;
		return r->urgent ? desk_act_in(h->st, DESK_ACK, r->id, "aigul",
			NULL, t) : 0;
	case 1:
		r->due = t + 86400;
		h->c->notes++;
		if (desk_act_in(h->st, DESK_REPLY, r->id, "aigul",
		    "Assalomu alaykum, biz sizga qo'ng'iroq qilamiz.", t) != 0
		    || desk_act_in(h->st, DESK_NOTE, r->id, "aigul",
		    "called back, employer keeps the passport", t) != 0)
			return -1;
		return drain(h, t) < 0 ? -1 : 0;
	default:
		r->due = 0;
		if (desk_act_in(h->st, DESK_CLOSE, r->id, "aigul", NULL, t) != 0
		    || (n = desk_conversations_due(h->st, t - 900, t - 259200,
		    due, 8)) < 0)
			return -1;
		for (i = 0; i < n; i++)
			if (store_queue_reply(h->st, due[i].number,
			    "Murojaatingiz yopildi.", 0, "closed", h->cv,
			    OUT_HELP, t) != 0 ||
			    desk_conversation_done(h->st, &due[i], t) != 0)
				return -1;
		return drain(h, t) < 0 ? -1 : 0;
	}
}

static int
staff_work(struct hist *h, int64_t t)
{
	int i;

	for (i = 0; i < h->n_pend; i++) {
		while (h->pend[i].due && h->pend[i].due <= t)
			if (staff_step(h, &h->pend[i], t) != 0)
				return -1;
		if (!h->pend[i].due)
			h->pend[i--] = h->pend[--h->n_pend];
	}
	return 0;
}

/* Due reminders go out as the reminder stage sends them. */
static int
reminders(struct hist *h, int64_t t)
{
	struct reminder r[16];
	int i, n;

	if ((n = store_due_reminders(h->st, t, r, 16)) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (store_queue_reply(h->st, r[i].number, r[i].text, 0,
		    "reminder", h->cv, OUT_REMINDER, t) != 0 ||
		    store_mark_reminder_sent(h->st, r[i].id, t) != 0) {
			reminders_free(r, n);
			return -1;
		}
	reminders_free(r, n);
	return n ? drain(h, t) : 0;
}

/* One SMS in: its part(s), stored as the receive stage stores them. */
static int
receive(struct hist *h, const char *number, long i, int64_t t)
{
	char text[3][200];
	int total = rnd(h, 25) == 0 ? 2 + (int)rnd(h, 2) : 1, k;

	h->c->multipart += total > 1;
	for (k = 0; k < total; k++) {
		struct sms_part_in part = { number, "+77010000000",
			t - 5 - (int64_t)rnd(h, 60), total > 1 ? (int)(i & 0xff)
			: -1, total, k + 1, NULL, NULL, NULL };
		if (total > 1)
			snprintf(text[k], sizeof text[k], "%s %ld/%d: menga "
				"yordam kerak, ish beruvchi pasportimni olib "
				"qo'ydi va ish haqini bermayapti, nima qilay, "
				"qayerga borishim kerak, iltimos ayting", number
				+ 9, i, k + 1);
		else
			snprintf(text[k], sizeof text[k], "%s",
				texts_in[rnd(h, sizeof texts_in /
				sizeof texts_in[0])]);
		part.text = text[k];
		if (store_part_received(h->st, &part, IN_NORMAL, t) ==
		    PART_ERROR)
			return -1;
	}
	return 0;
}

/* The answer stage on it: the thread, or a reply (or none), the session,
 * a request, a reminder, a flag. */
static int
answer(struct hist *h, const struct inbound *m, int64_t t, int help)
{
	struct desk_conversation dc;
	struct conv_state s;
	const char *lang = langs[rnd(h, 6)], *node = nodes[rnd(h, 9)];
	int rc, urgent = help && rnd(h, 10) == 0, loop = rnd(h, 100) == 0;

	if ((rc = desk_conversation_of(h->st, m->number, &dc)) < 0)
		return -1;
	if (rc == 1) {
		h->c->threaded++;
		return desk_thread_in(h->st, dc.id, m->id, NULL, t) != 0 ? -1
			: store_mark_processed(h->st, m->id, "thread", t);
	}
	if (store_load_state(h->st, m->number, &s) < 0)
		return -1;
	snprintf(s.lang, sizeof s.lang, "%s", lang);
	snprintf(s.path, sizeof s.path, "home/%s", node);
	s.last_seen = t;
	if (!loop && (store_queue_reply(h->st, m->number, "1 Ro'yxatdan "
	    "o'tish\n2 Ishlash uchun ruxsat\n3 Ish va maosh\n0 Orqaga", m->id,
	    node, h->cv, urgent ? OUT_URGENT : OUT_CONVERSATION, t) != 0 ||
	    (rnd(h, 30) == 0 && store_queue_reply(h->st, m->number, "Manba: "
	    "Migratsiya qonuni, 12-modda (2026-01-01).", m->id, node, h->cv,
	    OUT_CONVERSATION, t) != 0)))
		return -1;
	if (store_save_state(h->st, m->number, &s, t) != 0)
		return -1;
	if (help && (desk_open(h->st, m->number, lang, node, urgent ?
	    "passport" : NULL, m->id, t) != 0 || opened(h, urgent, t) != 0))
		return -1;
	if (rnd(h, 200) == 0) {
		h->c->reminders++;
		if (store_add_reminder(h->st, m->number, t + 86400 * (5 +
		    (int64_t)rnd(h, 50)), "Eslatma: ro'yxatdan o'tish muddati"
		    " 3 kundan keyin tugaydi.", m->id, t) != 0)
			return -1;
	}
	if (rnd(h, 20) == 0) {
		h->c->unmatched++;
		if (store_flag_unmatched(h->st, m->id, "topic", lang, t) != 0 ||
		    (rnd(h, 3) == 0 && store_mark_unmatched(h->st, m->id,
		    "work", lang, "aigul", t + 3600) < 0))
			return -1;
	}
	return store_mark_processed(h->st, m->id, loop ? "no-reply" :
		"processed", t);
}

/* One SMS in, answered, its replies sent. */
static int
one(struct hist *h, long i, int64_t t, int help)
{
	struct inbound m;
	char number[24];
	int rc;

	pick_number(h, number, sizeof number);
	if (receive(h, number, i, t) != 0)
		return -1;
	while ((rc = store_next_inbound(h->st, &m)) == 1) {
		h->c->in++;
		rc = answer(h, &m, t, help);
		inbound_free(&m);
		help = 0;
		if (rc != 0)
			return -1;
	}
	return rc < 0 || drain(h, t) < 0 ? -1 : 0;
}

int
history_build(struct store *st, const struct history_params *p,
		struct history_counts *c, char *err, size_t errlen)
{
	struct hist *h = calloc(1, sizeof *h);
	/* Rows per SMS in: itself, about 1.04 replies, a little staff. */
	long n_in = (long)(p->messages / 2.06), i;
	int64_t span = (int64_t)p->days * 86400, start = p->end - span;
	double step = (double)span / (n_in ? n_in : 1);
	int rc = 0;

	if (!h)
		return snprintf(err, errlen, "history: out of memory"), -1;
	memset(c, 0, sizeof *c);
	h->st = st, h->p = p, h->c = c, h->rng = p->seed;
	if ((h->cv = store_content_version(st, "bench-history", start)) <= 0)
		rc = fail(h, err, errlen, "content version");
	for (i = 0; rc == 0 && c->in + c->out < p->messages; i++) {
		int64_t t = start + (int64_t)(i * step) + (int64_t)rnd(h, 30);
		int help = rnd(h, (unsigned)(n_in / (p->requests ? p->requests
			: 1) + 1)) == 0;
		if (t > p->end - 600)
			t = p->end - 600;
		if (i % CHUNK == 0 && store_batch_begin(st) != 0)
			rc = fail(h, err, errlen, "begin");
		else if (one(h, i, t, help) != 0 || staff_work(h, t) != 0 ||
		    (i % 97 == 0 && reminders(h, t) != 0))
			rc = fail(h, err, errlen, "a message");
		else if ((i + 1) % CHUNK == 0 && store_batch_commit(st) != 0)
			rc = fail(h, err, errlen, "commit");
		if (rc == 0 && p->progress && i % (n_in / 10 + 1) == 0)
			fprintf(stderr, "history: %ld of %ld messages\n",
				c->in + c->out, p->messages);
	}
	if (rc != 0) {
		if (store_in_transaction(st))
			store_rollback(st);
	} else if (i % CHUNK != 0 && store_batch_commit(st) != 0) {
		rc = fail(h, err, errlen, "commit");
	}
	free(h);
	return rc;
}
