/*
 * translit.c - Uzbek Latin to Cyrillic.
 *
 * The rules are those of the 1995 Latin alphabet read backwards: digraphs
 * first (sh ch o' g' yo yu ya ye), then single letters; "e" at the start
 * of a word is "э", elsewhere "е"; a lone apostrophe (the tutuq belgisi) is
 * "ъ".  Russian loanwords keep their ц where the Latin spelling shows it
 * unambiguously: "ts" before "i" and a vowel (politsiya, migratsiya:
 * полиция, миграция) and "ks" before "iy" (inspeksiya: инспекция); other
 * loanwords come out readable if not always in dictionary spelling.
 * Words the locale lists (cyrillic_keep: UNHCR, SMS) are Latin in both
 * scripts and are copied as they are.
 */
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "yordam/translit.h"

struct rule {
	const char *latin;      /* lowercase */
	const char *lower;
	const char *upper;
};

/* Longest first: the table is searched in order. */
static const struct rule rules[] = {
	{ "o'", "ў", "Ў" }, { "g'", "ғ", "Ғ" },
	{ "oʻ", "ў", "Ў" }, { "gʻ", "ғ", "Ғ" },
	{ "o‘", "ў", "Ў" }, { "g‘", "ғ", "Ғ" },
	{ "o’", "ў", "Ў" }, { "g’", "ғ", "Ғ" },
	/* y before o' is й: yo'q is йўқ, not ёъқ */
	{ "yo'", "йў", "Йў" }, { "yoʻ", "йў", "Йў" }, { "yo‘", "йў", "Йў" },
	{ "yo’", "йў", "Йў" },
	{ "sh", "ш", "Ш" }, { "ch", "ч", "Ч" },
	{ "yo", "ё", "Ё" }, { "yu", "ю", "Ю" }, { "ya", "я", "Я" },
	{ "ye", "е", "Е" },
	{ "a", "а", "А" }, { "b", "б", "Б" }, { "d", "д", "Д" },
	{ "f", "ф", "Ф" }, { "g", "г", "Г" }, { "h", "ҳ", "Ҳ" },
	{ "i", "и", "И" }, { "j", "ж", "Ж" }, { "k", "к", "К" },
	{ "l", "л", "Л" }, { "m", "м", "М" }, { "n", "н", "Н" },
	{ "o", "о", "О" }, { "p", "п", "П" }, { "q", "қ", "Қ" },
	{ "r", "р", "Р" }, { "s", "с", "С" }, { "t", "т", "Т" },
	{ "u", "у", "У" }, { "v", "в", "В" }, { "x", "х", "Х" },
	{ "y", "й", "Й" }, { "z", "з", "З" }, { "c", "с", "С" },
	{ "w", "в", "В" },
	{ "'", "ъ", "ъ" }, { "ʻ", "ъ", "ъ" }, { "ʼ", "ъ", "ъ" },
	{ "’", "ъ", "ъ" },
	{ NULL, NULL, NULL }
};

static int
is_ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Case-insensitive prefix match for ASCII letters, exact for the rest. */
static int
matches(const char *s, const char *latin)
{
	for (; *latin; s++, latin++) {
		char c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != *latin)
			return 0;
	}
	return 1;
}

static int
is_vowel(char c)
{
	return c && strchr("aeiouAEIOU", c) != NULL;
}

/* The length of the listed word that starts a word at s, or 0; Uzbek
 * endings may follow it (UNHCRga, SMSni), more capitals may not. */
static size_t
kept_word(const char *s, int word_start, const char *const *keep, int n)
{
	int i;

	for (i = 0; word_start && i < n; i++) {
		size_t l = strlen(keep[i]);
		if (l && strncmp(s, keep[i], l) == 0 &&
		    !(s[l] >= 'A' && s[l] <= 'Z'))
			return l;
	}
	return 0;
}

/*
 * The Russian ц of a loanword at s, if the spelling shows one: "ts" before
 * "i" and a vowel, and the "s" of "ks" before "iy".  The number of Latin
 * bytes it stands for (0: none).
 */
static size_t
loanword_ts(const char *s, int word_start, const char **piece)
{
	char c0 = s[0] | 0x20, c1 = s[1] ? (s[1] | 0x20) : 0;

	if (c0 == 't' && c1 == 's' && (s[2] | 0x20) == 'i' &&
	    is_vowel(s[3] == 'y' || s[3] == 'Y' ? s[4] : s[3])) {
		*piece = s[0] == 'T' ? "Ц" : "ц";
		return 2;
	}
	if (!word_start && c0 == 's' && (s[-1] | 0x20) == 'k' &&
	    (s[1] | 0x20) == 'i' && (s[2] | 0x20) == 'y' && is_vowel(s[3])) {
		*piece = s[0] == 'S' ? "Ц" : "ц";
		return 1;
	}
	return 0;
}

char *
translit_uz_latin_to_cyrillic(const char *s)
{
	return translit_uz_latin_to_cyrillic_keep(s, NULL, 0);
}

char *
translit_uz_latin_to_cyrillic_keep(const char *s, const char *const *keep,
		int n_keep)
{
	/* Every Latin byte becomes at most one two-byte Cyrillic letter,
	 * except 'e' at a word start (э, also two bytes). */
	size_t len = 0;
	char *out = malloc(strlen(s) * 2 + 1);
	const char *start = s;

	if (!out)
		return NULL;
	while (*s) {
		const struct rule *r;
		int word_start = s == start || !is_ascii_letter(s[-1]);
		const char *piece;
		size_t n;

		if ((n = kept_word(s, word_start, keep, n_keep)) > 0 ||
		    (n = loanword_ts(s, word_start, &piece)) > 0) {
			if (kept_word(s, word_start, keep, n_keep)) {
				memcpy(out + len, s, n);
				len += n;
			} else {
				memcpy(out + len, piece, strlen(piece));
				len += strlen(piece);
			}
			s += n;
			continue;
		}

		if (*s == '{' || *s == '[') {   /* a field: copy as it is */
			const char *close = strchr(s, *s == '{' ? '}' : ']');
			n = close ? (size_t)(close - s + 1) : strlen(s);
			memcpy(out + len, s, n);
			len += n;
			s += n;
			continue;
		}
		if (*s == 'e' || *s == 'E') {
			piece = word_start ? (*s == 'e' ? "э" : "Э")
				: (*s == 'e' ? "е" : "Е");
			n = strlen(piece);
			memcpy(out + len, piece, n);
			len += n;
			s++;
			continue;
		}
		for (r = rules; r->latin; r++)
			if (matches(s, r->latin))
				break;
		/* An apostrophe is a tutuq only inside a word; elsewhere it
		 * is a quotation mark and stays. */
		if (r->latin && strcmp(r->lower, "ъ") == 0 &&
		    (word_start || !is_ascii_letter(s[strlen(r->latin)])))
			r = NULL;
		if (!r || !r->latin) {
			out[len++] = *s++;
			continue;
		}
		piece = (*s >= 'A' && *s <= 'Z') ? r->upper : r->lower;
		n = strlen(piece);
		memcpy(out + len, piece, n);
		len += n;
		s += strlen(r->latin);
	}
	out[len] = '\0';
	return out;
}

int
translit_is_mostly_cyrillic(const char *utf8)
{
	const uint8_t *p = (const uint8_t *)utf8;
	size_t len = strlen(utf8), i = 0;
	int cyr = 0, lat = 0;

	while (i < len) {
		ucs4_t c;
		int n = u8_mbtouc(&c, p + i, len - i);
		if (c >= 0x0400 && c <= 0x04FF)
			cyr++;
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			lat++;
		i += (size_t)(n > 0 ? n : 1);
	}
	return cyr > lat;
}

/*
 * Cyrillic to readable Latin that fits GSM-7, per language: Russian by
 * the usual passport-style table (zh, kh, ts, ch, sh, shch, yu, ya), and
 * Kyrgyz and Tajik letters by the Latin spellings their speakers use in
 * SMS (ng, o, u; gh, q, h, j).  Used when a phone cannot show Cyrillic.
 */
struct cyr_rule {
	ucs4_t cyr;
	const char *lower;
	const char *upper;
};

static const struct cyr_rule cyr_common[] = {
	{ 0x0430, "a", "A" }, { 0x0431, "b", "B" }, { 0x0432, "v", "V" },
	{ 0x0433, "g", "G" }, { 0x0434, "d", "D" }, { 0x0435, "e", "E" },
	{ 0x0451, "yo", "Yo" }, { 0x0436, "zh", "Zh" }, { 0x0437, "z", "Z" },
	{ 0x0438, "i", "I" }, { 0x0439, "y", "Y" }, { 0x043A, "k", "K" },
	{ 0x043B, "l", "L" }, { 0x043C, "m", "M" }, { 0x043D, "n", "N" },
	{ 0x043E, "o", "O" }, { 0x043F, "p", "P" }, { 0x0440, "r", "R" },
	{ 0x0441, "s", "S" }, { 0x0442, "t", "T" }, { 0x0443, "u", "U" },
	{ 0x0444, "f", "F" }, { 0x0445, "kh", "Kh" }, { 0x0446, "ts", "Ts" },
	{ 0x0447, "ch", "Ch" }, { 0x0448, "sh", "Sh" },
	{ 0x0449, "shch", "Shch" }, { 0x044A, "", "" }, { 0x044B, "y", "Y" },
	{ 0x044C, "", "" }, { 0x044D, "e", "E" }, { 0x044E, "yu", "Yu" },
	{ 0x044F, "ya", "Ya" },
	/* Kyrgyz */
	{ 0x04A3, "ng", "Ng" }, { 0x04E9, "o", "O" }, { 0x04AF, "u", "U" },
	/* Tajik (and Uzbek Cyrillic) */
	{ 0x0493, "gh", "Gh" }, { 0x04E3, "i", "I" }, { 0x049B, "q", "Q" },
	{ 0x04EF, "u", "U" }, { 0x04B3, "h", "H" }, { 0x04B7, "j", "J" },
	{ 0x045E, "o'", "O'" },
	/* punctuation outside GSM-7 */
	{ 0x00AB, "\"", "\"" }, { 0x00BB, "\"", "\"" }, { 0x2116, "No", "No" },
	{ 0x2014, "-", "-" }, { 0x2013, "-", "-" },
	{ 0, NULL, NULL }
};

/* Uzbek's own Latin alphabet where it differs, so a round trip through
 * Cyrillic gives the Latin text back. */
static const struct cyr_rule cyr_uzbek[] = {
	{ 0x0493, "g'", "G'" }, { 0x0445, "x", "X" }, { 0x044A, "'", "'" },
	{ 0x0446, "ts", "Ts" },
	{ 0, NULL, NULL }
};

/* Kyrgyz speakers write ж as j ("jardam", "jok"), not zh. */
static const struct cyr_rule cyr_kyrgyz[] = {
	{ 0x0436, "j", "J" },
	{ 0, NULL, NULL }
};

char *
translit_cyrillic_to_latin(const char *s, const char *lang)
{
	size_t len = strlen(s), i = 0, o = 0;
	char *out = malloc(len * 2 + 1);       /* shch: 4 bytes for 2 */
	int prev_upper = 0;

	if (!out)
		return NULL;
	while (i < len) {
		ucs4_t c, lc, next = 0;
		int n = u8_mbtouc(&c, (const uint8_t *)s + i, len - i);
		const struct cyr_rule *r;
		int upper, caps;

		lc = c;
		upper = (c >= 0x0410 && c <= 0x042F) || (c >= 0x0400 && c <= 0x040F);
		if (c >= 0x0410 && c <= 0x042F)
			lc = c + 0x20;
		else if (c >= 0x0400 && c <= 0x040F)
			lc = c + 0x50;
		else if (c >= 0x0490 && c <= 0x04FF && !(c & 1)) {
			lc = c + 1;
			upper = 1;
		}
		r = NULL;
		if (lang && strncmp(lang, "uz", 2) == 0)
			for (r = cyr_uzbek; r->lower && r->cyr != lc; r++)
				;
		else if (lang && strncmp(lang, "ky", 2) == 0)
			for (r = cyr_kyrgyz; r->lower && r->cyr != lc; r++)
				;
		if (!r || !r->lower)
			for (r = cyr_common; r->lower; r++)
			if (r->cyr == lc)
				break;
		/* A word in capitals (ПОМОЩЬ) stays in capitals: POMOSHCH,
		 * not POMOShCh. */
		if (i + (size_t)(n > 0 ? n : 1) < len)
			u8_mbtouc(&next, (const uint8_t *)s + i +
				(n > 0 ? n : 1), len - i - (size_t)(n > 0 ? n : 1));
		caps = upper && (prev_upper || (next >= 0x0400 &&
			next <= 0x042F) || (next >= 0x0490 && next <= 0x04FF &&
			!(next & 1)));
		prev_upper = upper;
		if (r->lower) {
			const char *piece = upper ? r->upper : r->lower;
			size_t pl = strlen(piece), k;
			memcpy(out + o, piece, pl);
			for (k = 0; caps && k < pl; k++)
				if (out[o + k] >= 'a' && out[o + k] <= 'z')
					out[o + k] = (char)(out[o + k] - 32);
			o += pl;
		} else {
			memcpy(out + o, s + i, (size_t)(n > 0 ? n : 1));
			o += (size_t)(n > 0 ? n : 1);
		}
		i += (size_t)(n > 0 ? n : 1);
	}
	out[o] = '\0';
	return out;
}
