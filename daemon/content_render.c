/*
 * content_render.c - each node's screen in each locale, as it is sent:
 * the text, then for a menu its numbered options, for an answer still to
 * verify the line that says to check with the hotline.
 *
 * Screens are built once per load, not per SMS, so an SMS is answered by
 * a lookup and the size of every screen is known before the content is
 * used: a screen over MAX_ANSWER_PARTS SMS parts is an error the editor
 * sees at load, not a reply that reaches a person in pieces; what to cut
 * is said by content_budget.c.  The
 * language choice is rendered here too, from the offered locales.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_private.h"
#include "yordam/i18n.h"
#include "yordam/sms.h"

#define MAX_ANSWER_PARTS 2

static char *
join3(const char *a, const char *sep, const char *b)
{
	size_t n = strlen(a) + strlen(sep) + strlen(b) + 1;
	char *out = malloc(n);

	if (out)
		snprintf(out, n, "%s%s%s", a, sep, b);
	return out;
}

/*
 * Uzbek Latin is often written with ʻ or ’, which are not in GSM-7 and
 * would make the whole SMS UCS-2 (70 characters a part instead of 160).
 * When swapping them for ' makes the text GSM-7, swap them.
 */
static char *
ascii_apostrophes_if_gsm7(char *s)
{
	static const char *marks[] = { "\xCA\xBB", "\xCA\xBC", "\xE2\x80\x98",
		"\xE2\x80\x99", NULL };
	struct sms_measure m;
	char *t, *p;
	int i;

	if (!s || sms_measure(s, &m) != 0 || m.coding == SMS_GSM7)
		return s;
	t = strdup(s);
	if (!t)
		return s;
	for (i = 0; marks[i]; i++)
		while ((p = strstr(t, marks[i])) != NULL) {
			size_t n = strlen(marks[i]);
			*p = '\'';
			memmove(p + 1, p + n, strlen(p + n) + 1);
		}
	if (sms_measure(t, &m) == 0 && m.coding == SMS_GSM7) {
		free(s);
		return t;
	}
	free(t);
	return s;
}

/* Node i's screen in loc is over MAX_ANSWER_PARTS: say what to cut, for a
 * menu naming its labels (content_budget.c). */
static void
over_budget(const struct content *c, const struct locale *loc, int i,
		const char *screen, const struct sms_measure *m,
		struct content_errors *errs)
{
	const struct content_node *n = &c->nodes[i];
	const char *labels[64];
	char why[2048];
	int j, k = 0;

	for (j = 0; n->type == NODE_MENU && j < n->n_options && k < 64; j++)
		labels[k++] = n->options[j] >= 0 ?
			loc->label[n->options[j]] : NULL;
	content_budget_why(why, sizeof why, screen, m, MAX_ANSWER_PARTS,
		k ? labels : NULL, k);
	add_error(errs, loc->file, loc->line[i], _("node '%s' in '%s' needs"
		" %d SMS, at most %d: %s"), n->id, loc->code, m->parts,
		MAX_ANSWER_PARTS, why);
}

void
content_render(struct content *c, struct content_errors *errs)
{
	int l, i, j;

	for (l = 0; l < c->n_locales; l++) {
		struct locale *loc = &c->locales[l];
		for (i = 0; i < c->n_nodes; i++) {
			struct content_node *n = &c->nodes[i];
			struct sms_measure m;
			char *screen;

			if (!loc->text || !loc->text[i])
				continue;
			screen = strdup(loc->text[i]);
			if (n->type == NODE_MENU) {
				for (j = 0; j < n->n_options && screen; j++) {
					char item[16], *s;
					int k = n->options[j];
					const char *label = k >= 0 ?
						loc->label[k] : NULL;
					snprintf(item, sizeof item, "\n%d ", j + 1);
					s = join3(screen, item, label ? label : "?");
					free(screen);
					screen = s;
				}
			} else if (n->type == NODE_ANSWER && n->to_verify &&
			    loc->check_hotline) {
				char *s = join3(screen, "\n", loc->check_hotline);
				free(screen);
				screen = s;
			}
			screen = ascii_apostrophes_if_gsm7(screen);
			loc->screen[i] = screen;
			if (!screen || sms_measure(screen, &m) != 0) {
				add_error(errs, loc->file, loc->line[i], _("node"
					" '%s': text is not valid UTF-8"), n->id);
				continue;
			}
			if (m.parts > MAX_ANSWER_PARTS)
				over_budget(c, loc, i, screen, &m, errs);
		}
	}
}

/*
 * A system text as it is sent: each [field] filled with the longest it
 * can be (a date, DD.MM.YYYY; [offer] with the reminder offer), and the
 * calculator's results with the "check with the hotline" line that a
 * rule to verify adds.  NULL if memory runs out.
 */
static char *
system_text_filled(const struct locale *loc, const char *key, const char *t)
{
	size_t cap = strlen(t) + 64 + (loc->reminder_offer ?
		strlen(loc->reminder_offer) : 0) + (loc->check_hotline ?
		strlen(loc->check_hotline) : 0) * 2, o = 0;
	char *out = malloc(cap * 2);

	if (!out)
		return NULL;
	cap *= 2;
	while (*t && o + 40 < cap) {
		const char *close;
		if (*t == '[' && (close = strchr(t, ']')) != NULL) {
			const char *v = strncmp(t, "[offer]", 7) == 0 &&
				loc->reminder_offer ? loc->reminder_offer
				: "00.00.0000";
			o += (size_t)snprintf(out + o, cap - o, "%.*s",
				(int)(cap - o - 40), v);
			t = close + 1;
			continue;
		}
		out[o++] = *t++;
	}
	out[o] = '\0';
	if (strncmp(key, "deadline_result", 15) == 0 && loc->check_hotline)
		snprintf(out + o, cap - o, "\n%s", loc->check_hotline);
	return out;
}

static void
check_system_text(const struct locale *loc, const char *key, const char *t,
		int line, struct content_errors *errs)
{
	struct sms_measure m;
	char *filled;

	if (!t)
		return;
	filled = system_text_filled(loc, key, t);
	if (filled && sms_measure(filled, &m) == 0 &&
	    m.parts > MAX_ANSWER_PARTS) {
		char why[2048];
		content_budget_why(why, sizeof why, filled, &m,
			MAX_ANSWER_PARTS, NULL, 0);
		add_error(errs, loc->file, line, _("%s in '%s' needs %d SMS"
			" with its [fields] filled in (a date is 10"
			" characters) and placeholders expanded, at most %d:"
			" %s"), key, loc->code, m.parts, MAX_ANSWER_PARTS,
			why);
	}
	free(filled);
}

void
content_check_system_budget(const struct content *c,
		struct content_errors *errs)
{
	int l, i;

	for (l = 0; l < c->n_locales; l++) {
		const struct locale *loc = &c->locales[l];
		char key[80];
		for (i = 0; i < content_n_system_texts; i++)
			check_system_text(loc, content_system_texts[i].key,
				LOC_TEXT(loc, i), loc->system_line, errs);
		for (i = 0; i < loc->n_conditions; i++) {
			snprintf(key, sizeof key, "conditions.%s",
				loc->condition_names[i]);
			check_system_text(loc, key, loc->condition_texts[i],
				loc->system_line, errs);
		}
		for (i = 0; i < loc->n_replies; i++) {
			snprintf(key, sizeof key, "replies.%s",
				loc->reply_names[i]);
			check_system_text(loc, key, loc->reply_texts[i],
				loc->reply_line[i], errs);
		}
	}
}

void
content_build_language_prompt(struct content *c)
{
	size_t cap = 16;
	int l;

	for (l = 0; l < c->n_offered; l++)
		cap += strlen(c->locales[l].name) + 8;
	c->language_prompt = malloc(cap);
	if (!c->language_prompt)
		return;
	c->language_prompt[0] = '\0';
	for (l = 0; l < c->n_offered; l++) {
		size_t len = strlen(c->language_prompt);
		snprintf(c->language_prompt + len, cap - len, "%s%d %s",
			l ? "\n" : "", l + 1, c->locales[l].name);
	}
}
