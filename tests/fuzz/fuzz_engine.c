/* fuzz_engine.c - one whole engine step on the shipped content: any text
 * against any session state a stored session could hold (and some it
 * could not), then the state it leaves fed back in.  The replies must be
 * sendable: valid UTF-8, measurable as SMS, within the engine's bounds.
 *
 * Input: the first bytes pick the state, in this order: language, path,
 * pending question, flags (awaiting language, opted out, nationality,
 * and bit 7: seen before), entry day, now, and when seen before how
 * long ago; the rest is the SMS.  Six zero bytes: a new contact.
 * The content is the repository's own (menus/, locales/, law/): from
 * $YORDAM_FUZZ_CONTENT, else FUZZ_CONTENT given at build time, else ".". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yordam/config.h"
#include "yordam/content.h"
#include "yordam/engine.h"
#include "yordam/sms.h"
#include "yordam/text.h"

#ifndef FUZZ_CONTENT
#define FUZZ_CONTENT "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct content *content;

struct input {
	const uint8_t *p;
	size_t n;
};

static unsigned
take(struct input *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

/* Up to cap-1 raw bytes of the input (a NUL among them ends it early). */
static void
take_garbage(struct input *in, char *dst, size_t cap)
{
	size_t k = take(in) % cap, i;

	for (i = 0; i < k && in->n; i++)
		dst[i] = (char)take(in);
	dst[i] = '\0';
}

static void
load_content(void)
{
	static struct yordam_config cfg;
	static char *names[] = { "hotline", "emergency", "shelter", "lawyer",
		"consulate_uz", "consulate_kg", "consulate_tj", "office" };
	static char *values[] = { "+70000000001", "112", "+70000000002",
		"+70000000003", "+70000000004", "+70000000005",
		"+70000000006", "Almaty, Abai ave 10, office 5" };
	const char *dir = getenv("YORDAM_FUZZ_CONTENT");
	struct content_errors errs;
	int i;

	for (i = 0; i < 8; i++) {
		cfg.placeholders[i].name = names[i];
		cfg.placeholders[i].value = values[i];
	}
	cfg.n_placeholders = 8;
	if (content_load(dir ? dir : FUZZ_CONTENT, &cfg, &content, &errs)
	    != 0) {
		fprintf(stderr, "fuzz_engine: content in %s: %s\n",
			dir ? dir : FUZZ_CONTENT, errs.n ? errs.msgs[0] : "?");
		abort();
	}
}

/* 0: unknown (""), 1: garbage, else a language the content has. */
static void
pick_lang(struct input *in, struct conv_state *s)
{
	unsigned k = take(in);

	if (k == 1)
		take_garbage(in, s->lang, sizeof s->lang);
	else if (k > 1)
		snprintf(s->lang, sizeof s->lang, "%s", content->locales[(k - 2)
			% (unsigned)content->n_locales].code);
}

/* Up to four node ids from home, any order, or garbage. */
static void
pick_path(struct input *in, struct conv_state *s)
{
	unsigned k = take(in), i;
	size_t len = 0;

	if (k >= 0xF0) {
		take_garbage(in, s->path, sizeof s->path);
		return;
	}
	for (i = 0; i < k % 5; i++) {
		const char *id = content->nodes[take(in) %
			(unsigned)content->n_nodes].id;
		int w = snprintf(s->path + len, sizeof s->path - len, "%s%s",
			len ? "/" : "", id);
		if (w < 0 || (size_t)w >= sizeof s->path - len)
			break;
		len += (size_t)w;
	}
}

/*
 * The question engine_deadline.c left pending, or something else.  The
 * days stop short of INT_MIN and INT_MAX: set_reminder() subtracts from
 * the day unchecked (a stored session only holds days the engine wrote,
 * near today), and with those the fuzzer finds only that again.
 */
static void
pick_pending(struct input *in, struct conv_state *s)
{
	static const int days[] = { 0, -1, 20781, 20800, 30000, 99999999,
		-2000000000, 2000000000 };

	switch (take(in) % 6) {
	case 1: strcpy(s->pending, "nationality"); break;
	case 2: strcpy(s->pending, "entry_date"); break;
	case 3:
		snprintf(s->pending, sizeof s->pending, "reminder:%d",
			days[take(in) % 8]);
		break;
	case 4:
		take_garbage(in, s->pending, sizeof s->pending);
		if (strncmp(s->pending, "reminder:", 9) == 0)
			s->pending[16] = '\0';
		break;
	case 5:         /* at most 7 bytes: no day beyond +-9999999 */
		strcpy(s->pending, "reminder:");
		take_garbage(in, s->pending + 9, 8);
		break;
	default: break;
	}
}

static void
pick_state(struct input *in, struct conv_state *s, int64_t *now)
{
	static const char *const nat[] = { "", "uz", "kg", "tj", "ru", "x" };
	static const int entry[] = { -1, 20781, 20700, 20000, 0, 40000,
		-100000, 1000000 };
	static const int64_t ago[] = { 0, 10, 599, 601, 86400, -50,
		INT64_MAX / 4, 1 };
	unsigned flags;

	memset(s, 0, sizeof *s);
	pick_lang(in, s);
	pick_path(in, s);
	pick_pending(in, s);
	flags = take(in);
	s->awaiting_language = flags & 1;
	s->opted_out = (flags >> 1) & 1;
	snprintf(s->nationality, sizeof s->nationality, "%s",
		nat[((flags >> 2) & 7) % 6]);
	s->entry_day = entry[take(in) % 8];
	*now = 1795500000 + (int64_t)take(in) * 3600;
	s->last_seen = (flags & 0x80) ? *now - ago[take(in) % 8] : 0;
}

static int
terminated(const char *s, size_t cap)
{
	return memchr(s, '\0', cap) != NULL;
}

static void
check_text(const char *t)
{
	struct sms_measure m;
	size_t len;

	if (!t)
		abort();
	len = strlen(t);
	if (!text_valid_utf8(t, len) || sms_measure(t, &m) != 0 ||
	    m.parts < 1 || m.parts > SMS_MAX_PARTS)
		abort();
}

/* The invariants of one step's result. */
static void
check_result(const struct engine_result *r)
{
	int i;

	if (r->n_replies < 0 || r->n_replies > ENGINE_MAX_REPLIES)
		abort();
	for (i = 0; i < r->n_replies; i++) {
		const char *t = r->replies[i].text;
		check_text(t);
		if (strlen(t) >= ENGINE_TEXT_MAX)
			abort();
	}
	if (!terminated(r->state.lang, sizeof r->state.lang) ||
	    !terminated(r->state.path, sizeof r->state.path) ||
	    !terminated(r->state.pending, sizeof r->state.pending) ||
	    !terminated(r->state.nationality, sizeof r->state.nationality) ||
	    !terminated(r->reminder_text, sizeof r->reminder_text))
		abort();
	if (r->reminder_day)
		check_text(r->reminder_text);
	if (r->help_requested && !r->help_topic)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct engine_result r1, r2;
	struct engine_params p = { 600, 0, 3 };
	struct input in = { data, size };
	struct conv_state s;
	int64_t now;
	char *text;

	if (!content)
		load_content();
	pick_state(&in, &s, &now);
	p.today = (int)(now / 86400);
	if (!(text = malloc(in.n + 1)))
		return 0;
	memcpy(text, in.p, in.n);
	text[in.n] = '\0';
	engine_step(content, &p, &s, text, now, &r1);
	check_result(&r1);
	/* The state it leaves, as the store would give it back next time. */
	engine_step(content, &p, &r1.state, text, now + 60, &r2);
	check_result(&r2);
	engine_step(content, &p, &r2.state, "0", now + 7200, &r1);
	check_result(&r1);
	free(text);
	return 0;
}
