/*
 * content_budget.c - why a screen is over its SMS budget, said so that an
 * editor knows what to cut.
 *
 * "needs 3 SMS parts (137 ucs2 units); UCS-2 forced by U+0420" is true
 * and useless to an NGO editor.  What the editor can act on: which
 * letter made the SMS a Cyrillic (UCS-2) one, by itself and its Unicode
 * name (the first Cyrillic letter, else the first sign outside GSM-7: a
 * Latin text with one “ pasted in is a different fix from a
 * Russian text); how much an SMS holds, in characters; how many
 * characters the text has and how many to cut; for a menu, each label
 * with its length and the longest ones to shorten first.  A Latin text
 * made UCS-2 only by signs (“ ” ʻ …) is told the text fits once they are
 * written plainly, when it does.  Everything is counted in characters
 * (libunistring), never in bytes; the messages go through gettext.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <uniname.h>
#include <unistr.h>

#include "content_private.h"
#include "yordam/i18n.h"
#include "yordam/sms.h"

/* Units `parts` SMS hold in a coding (one part 160/70; more, 153/67 each). */
static int
capacity(enum sms_coding coding, int parts)
{
	if (coding == SMS_GSM7)
		return parts <= 1 ? 160 : 153 * parts;
	return parts <= 1 ? 70 : 67 * parts;
}

static size_t
chars(const char *s)
{
	return s ? u8_mbsnlen((const uint8_t *)s, strlen(s)) : 0;
}

/* "Cyrillic Р (CYRILLIC CAPITAL LETTER ER)", or the sign's, in out. */
static void
letter(ucs4_t uc, char *out, size_t len)
{
	char name[UNINAME_MAX] = "?";
	uint8_t utf8[8];
	int n = u8_uctomb(utf8, uc, sizeof utf8 - 1);
	const uc_script_t *sc = uc_script(uc);

	utf8[n > 0 ? n : 0] = '\0';
	unicode_character_name(uc, name);
	if (sc && strcmp(sc->name, "Cyrillic") == 0)
		snprintf(out, len, _("Cyrillic %s (%s)"), utf8, name);
	else if (uc_is_alpha(uc))
		snprintf(out, len, _("the letter %s (%s)"), utf8, name);
	else
		snprintf(out, len, _("the sign %s (%s)"), utf8, name);
}

/*
 * The characters of s outside GSM-7 (up to 4, each once, in list) when
 * none is a Cyrillic letter, and the GSM-7 units s would take with each
 * written plainly (one septet); -1 when a Cyrillic letter is among them.
 */
static int
units_without_signs(const char *s, char *list, size_t len)
{
	const uint8_t *p = (const uint8_t *)s;
	ucs4_t seen[4];
	int units = 0, n_seen = 0, i;
	size_t o = 0;

	list[0] = '\0';
	while (p && *p) {
		ucs4_t uc;
		int n = u8_mbtouc(&uc, p, strlen((const char *)p)), sept;
		p += n > 0 ? n : 1;
		if ((sept = sms_gsm7_septets(uc)) > 0) {
			units += sept;
			continue;
		}
		if (uc_is_script(uc, uc_script_byname("Cyrillic")))
			return -1;
		units++;
		for (i = 0; i < n_seen && seen[i] != uc; i++)
			;
		if (i == n_seen && n_seen < 4) {
			seen[n_seen++] = uc;
			o += (size_t)snprintf(list + o, len - o, "%s%.*s",
				o ? " " : "", n > 0 ? n : 1, (const char *)p -
				(n > 0 ? n : 1));
			if (o >= len)
				o = len - 1;
		}
	}
	return units;
}

/* The text's first Cyrillic letter, or fallback: in a Cyrillic text that
 * letter, not a quote before it, is what cutting cannot change. */
static ucs4_t
first_cyrillic(const char *s, ucs4_t fallback)
{
	const uint8_t *p = (const uint8_t *)s;
	const uc_script_t *cyr = uc_script_byname("Cyrillic");

	while (p && *p) {
		ucs4_t uc;
		int n = u8_mbtouc(&uc, p, strlen((const char *)p));
		if (uc_is_script(uc, cyr) && uc_is_alpha(uc))
			return uc;
		p += n > 0 ? n : 1;
	}
	return fallback;
}

/* "Регистрация (11), Полиция (7)": the k longest labels, longest first. */
static void
longest_labels(const char *const *labels, int n, int k, char *out,
		size_t len)
{
	char *used = calloc((size_t)n + 1, 1);
	size_t o = 0;
	int round, j;

	out[0] = '\0';
	for (round = 0; used && round < k && round < n; round++) {
		int best = -1;
		for (j = 0; j < n; j++)
			if (!used[j] && labels[j] && (best < 0 ||
			    chars(labels[j]) > chars(labels[best])))
				best = j;
		if (best < 0 || o + 8 >= len)
			break;
		used[best] = 1;
		o += (size_t)snprintf(out + o, len - o, "%s%s (%zu)",
			round ? ", " : "", labels[best], chars(labels[best]));
	}
	free(used);
}

/* "; the labels: 1 Регистрация (11), 2 ..." */
static size_t
all_labels(const char *const *labels, int n, char *out, size_t len)
{
	size_t o = (size_t)snprintf(out, len, "%s", _("; the labels:"));
	int j;

	for (j = 0; j < n && o + 8 < len; j++)
		o += (size_t)snprintf(out + o, len - o, "%s %d %s (%zu)",
			j ? "," : "", j + 1, labels[j] ? labels[j] : "?",
			chars(labels[j]));
	return o < len ? o : len - 1;
}

void
content_budget_why(char *out, size_t len, const char *text,
		const struct sms_measure *m, int budget,
		const char *const *labels, int n_labels)
{
	char who[UNINAME_MAX + 64], signs[64], longest[512];
	int cut = m->units - capacity(m->coding, budget), plain;
	size_t o = 0;

	if (m->coding == SMS_UCS2 && m->forced_by) {
		letter(first_cyrillic(text, m->forced_by), who, sizeof who);
		o = (size_t)snprintf(out, len, _("%s makes it a Cyrillic"
			" (UCS-2) SMS; "), who);
	}
	o += (size_t)snprintf(out + o, o < len ? len - o : 0, _("one SMS"
		" holds 160 Latin or 70 Cyrillic characters, two hold 306 or"
		" 134; this text has %zu characters: shorten it by %d"),
		chars(text), cut > 0 ? cut : 1);
	if (labels && n_labels > 0 && o < len) {
		longest_labels(labels, n_labels, 3, longest, sizeof longest);
		o += (size_t)snprintf(out + o, len - o, _(", e.g. the longest"
			" labels: %s"), longest);
	}
	if (m->coding == SMS_UCS2 && o < len &&
	    (plain = units_without_signs(text, signs, sizeof signs)) >= 0 &&
	    plain <= capacity(SMS_GSM7, budget))
		o += (size_t)snprintf(out + o, len - o, _(", or write %s"
			" plainly (\" ' -): then it is a Latin SMS and fits"),
			signs);
	if (labels && n_labels > 0 && o < len)
		all_labels(labels, n_labels, out + o, len - o);
}
