/*
 * text.c - normalisation of typed text.
 *
 * libunistring does the Unicode work (case folding, NFC) because getting
 * Turkic and Cyrillic case rules right by hand is exactly the kind of
 * thing a well-kept library should own.  What is ours is the SMS-specific
 * folding: the six apostrophes Uzbek Latin is typed with, and the
 * whitespace and punctuation people add around a menu digit.
 */
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "yordam/text.h"

static int
is_apostrophe(ucs4_t c)
{
	return c == 0x02BB || c == 0x02BC || c == 0x2018 || c == 0x2019 ||
	       c == 0x0060 || c == 0x00B4 || c == 0x0027 || c == 0x02B9;
}

static int
is_space(ucs4_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == 0x00A0 || c == 0x2007 || c == 0x202F;
}

/* Punctuation trimmed from both ends: "1." "1)" "?" "!!" */
static int
is_edge_punct(ucs4_t c)
{
	return c == '.' || c == ',' || c == '!' || c == '?' || c == ')' ||
	       c == '(' || c == ';' || c == ':' || c == '"' || c == '-' ||
	       c == 0x00AB || c == 0x00BB;
}

/* Digits of other scripts people's phones produce: Arabic-Indic,
 * Persian, fullwidth.  Returns the ASCII digit or 0. */
static char
ascii_digit(ucs4_t c)
{
	if (c >= 0x0660 && c <= 0x0669)
		return (char)('0' + (c - 0x0660));
	if (c >= 0x06F0 && c <= 0x06F9)
		return (char)('0' + (c - 0x06F0));
	if (c >= 0xFF10 && c <= 0xFF19)
		return (char)('0' + (c - 0xFF10));
	return 0;
}

/*
 * Kyrgyz and Tajik letters to the Russian letters their speakers type
 * on a Russian keyboard, so "паспортумду" matches however it was typed.
 */
static ucs4_t
keyboard_fold(ucs4_t c)
{
	switch (c) {
	case 0x04A3: return 0x043D;     /* ң -> н */
	case 0x04E9: return 0x043E;     /* ө -> о */
	case 0x04AF: return 0x0443;     /* ү -> у */
	case 0x0493: return 0x0433;     /* ғ -> г */
	case 0x04E3: return 0x0438;     /* ӣ -> и */
	case 0x049B: return 0x043A;     /* қ -> к */
	case 0x04EF: return 0x0443;     /* ӯ -> у */
	case 0x04B3: return 0x0445;     /* ҳ -> х */
	case 0x04B7: return 0x0447;     /* ҷ -> ч */
	case 0x0451: return 0x0435;     /* ё -> е */
	case 0x045E: return 0x0443;     /* ў -> у */
	default: return c;
	}
}

/* Latin and Cyrillic letters that look alike, lowercase. */
static const struct { ucs4_t latin, cyrillic; } homoglyphs[] = {
	{ 'a', 0x0430 }, { 'e', 0x0435 }, { 'o', 0x043E }, { 'p', 0x0440 },
	{ 'c', 0x0441 }, { 'x', 0x0445 }, { 'y', 0x0443 }, { 'k', 0x043A },
	{ 'm', 0x043C }, { 't', 0x0442 }, { 'b', 0x0432 }, { 'h', 0x043D },
	{ 'i', 0x0456 },
};

static int
is_cyrillic(ucs4_t c)
{
	return c >= 0x0400 && c <= 0x04FF;
}

static int
is_latin(ucs4_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0x24F);
}

/*
 * One script per word: a word typed with a few look-alike letters of the
 * other script ("пaспopт" with Latin a and o) is mapped to the script most
 * of its letters are in.
 */
static void
unify_word_script(ucs4_t *w, size_t n)
{
	size_t i, j;
	int cyr = 0, lat = 0;

	for (i = 0; i < n; i++) {
		cyr += is_cyrillic(w[i]);
		lat += is_latin(w[i]);
	}
	if (!cyr || !lat)
		return;
	for (i = 0; i < n; i++)
		for (j = 0; j < sizeof homoglyphs / sizeof homoglyphs[0]; j++) {
			if (cyr >= lat && w[i] == homoglyphs[j].latin)
				w[i] = homoglyphs[j].cyrillic;
			else if (lat > cyr && w[i] == homoglyphs[j].cyrillic)
				w[i] = homoglyphs[j].latin;
		}
}

static int
is_word_char(ucs4_t c)
{
	return is_cyrillic(c) || is_latin(c) || c == '\'';
}

/*
 * The deeper folding for matching: keyboard stand-ins, one script per
 * word, digits of other scripts, runs of three or more equal letters cut
 * to one ("pomoooshch") and repeated punctuation to one.  Digits are left
 * alone: "00" is a command.
 */
static char *
fold_for_matching(const char *in)
{
	size_t len = strlen(in), n = 0, i, o = 0, start;
	ucs4_t *u = malloc((len + 1) * sizeof *u);
	uint8_t *out;

	if (!u)
		return NULL;
	for (i = 0; i < len;) {
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)in + i, len - i);
		char d = ascii_digit(c);
		u[n++] = d ? (ucs4_t)d : keyboard_fold(c);
		i += (size_t)(k > 0 ? k : 1);
	}
	for (start = 0; start < n;) {
		size_t end = start;
		while (end < n && is_word_char(u[end]))
			end++;
		unify_word_script(u + start, end - start);
		start = end + 1;
	}
	/* Cut runs. */
	for (i = 0; i < n; i++) {
		size_t run = 1;
		while (i + run < n && u[i + run] == u[i])
			run++;
		if ((is_word_char(u[i]) && u[i] != '\'' && run >= 3) ||
		    (!is_word_char(u[i]) && !(u[i] >= '0' && u[i] <= '9') &&
		     u[i] != ' ' && run >= 2)) {
			u[o++] = u[i];
			i += run - 1;
			continue;
		}
		u[o++] = u[i];
	}
	out = malloc(o * 4 + 1);
	if (out) {
		size_t pos = 0;
		for (i = 0; i < o; i++) {
			int k = u8_uctomb(out + pos, u[i], 4);
			pos += (size_t)(k > 0 ? k : 0);
		}
		out[pos] = '\0';
	}
	free(u);
	return (char *)out;
}

char *
text_normalise(const char *s)
{
	char *light = text_casefold(s), *deep;

	if (!light)
		return NULL;
	deep = fold_for_matching(light);
	free(light);
	return deep;
}

char *
text_casefold(const char *s)
{
	size_t flen = 0, i, n;
	uint8_t *folded, *out;
	size_t o = 0;
	int pending_space = 0;

	if (u8_check((const uint8_t *)s, strlen(s)) != NULL)
		return NULL;
	folded = u8_casefold((const uint8_t *)s, strlen(s), NULL, UNINORM_NFC,
		NULL, &flen);
	if (!folded)
		return NULL;
	out = malloc(flen + 1);
	if (!out) {
		free(folded);
		return NULL;
	}
	for (i = 0; i < flen; i += n) {
		ucs4_t c;
		n = (size_t)u8_mbtouc(&c, folded + i, flen - i);
		if (is_space(c)) {
			pending_space = o > 0;
			continue;
		}
		if (pending_space) {
			out[o++] = ' ';
			pending_space = 0;
		}
		if (is_apostrophe(c)) {
			out[o++] = '\'';
			continue;
		}
		memcpy(out + o, folded + i, n);
		o += n;
	}
	free(folded);
	out[o] = '\0';
	/* Trim edge punctuation (ASCII or guillemets) and spaces. */
	{
		size_t start = 0, end = o;
		for (;;) {
			ucs4_t c;
			int k;
			if (start >= end)
				break;
			k = u8_mbtouc(&c, out + start, end - start);
			if (!is_edge_punct(c) && c != ' ')
				break;
			start += (size_t)k;
		}
		while (end > start) {
			ucs4_t c;
			const uint8_t *prev = u8_prev(&c, out + end,
				out + start);
			if (!prev || (!is_edge_punct(c) && c != ' '))
				break;
			end = (size_t)(prev - out);
		}
		memmove(out, out + start, end - start);
		out[end - start] = '\0';
	}
	return (char *)out;
}

/* Words are separated by spaces and ASCII punctuation. */
static int
is_separator(char c)
{
	return c != '\0' && strchr(" .,!?;:()\"-", c) != NULL;
}

int
text_has_word(const char *normalised, const char *word)
{
	size_t wl = strlen(word);
	const char *p = normalised;

	if (wl == 0)
		return 0;
	while ((p = strstr(p, word)) != NULL) {
		int left = p == normalised || is_separator(p[-1]);
		int right = p[wl] == '\0' || is_separator(p[wl]);
		if (left && right)
			return 1;
		p++;
	}
	return 0;
}

int
text_valid_utf8(const char *s, size_t len)
{
	return u8_check((const uint8_t *)s, len) == NULL;
}

char *
text_repair_utf8(const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	uint8_t *out = malloc(len * 3 + 1), *o = out;

	if (!out)
		return NULL;
	while (p < end) {
		ucs4_t c;
		int n = u8_mbtoucr(&c, p, (size_t)(end - p));
		if (n < 0 || (n == 1 && *p == 0)) {
			/* Invalid byte: one replacement character. */
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
			p++;
			continue;
		}
		memcpy(o, p, (size_t)n);
		o += n;
		p += n;
	}
	*o = '\0';
	return (char *)out;
}

/*
 * A line of someone's text to show elsewhere (an alert SMS, a queue line,
 * a log preview): control characters and line breaks become one space, so
 * nothing in it can pass for a line of its own, and it is cut at
 * max_chars characters, counting characters and never bytes, with "…" as
 * the last of them when it was cut.  Invalid UTF-8 becomes U+FFFD.
 */
size_t
text_preview(const char *s, size_t max_chars, char *out, size_t outlen)
{
	const uint8_t *p = (const uint8_t *)(s ? s : "");
	const uint8_t *end = p + strlen((const char *)p);
	size_t chars = 0, len = 0, total = 0;
	size_t cut_len = 0;         /* bytes before the last char that fits */
	int space = 0;

	if (outlen == 0)
		return 0;
	/* Count the flattened characters first, to know if a cut is due. */
	while (p < end) {
		ucs4_t c;
		int n = u8_mbtoucr(&c, p, (size_t)(end - p));
		int ctl;
		if (n < 0) {
			c = 0xFFFD;
			n = 1;
		}
		ctl = c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 ||
			c == 0x2029;
		p += n;
		if (ctl || c == ' ') {
			if (space || total == 0)
				continue;
			space = 1;
			c = ' ';
		} else
			space = 0;
		{
			uint8_t buf[6];
			int k = u8_uctomb(buf, c, sizeof buf);
			if (k < 0)
				continue;
			total++;
			if (chars < max_chars && len + (size_t)k + 3 < outlen) {
				memcpy(out + len, buf, (size_t)k);
				len += (size_t)k;
				chars++;
				if (chars < max_chars)
					cut_len = len;
			}
		}
	}
	/* A trailing space says nothing. */
	if (total > chars || (len && out[len - 1] == ' ')) {
		if (total > chars) {
			/* Cut: the last character that fitted makes room for
			 * the ellipsis, when there is room in bytes. */
			len = max_chars > 0 ? cut_len : 0;
			while (len && out[len - 1] == ' ')
				len--;
			if (max_chars > 0 && len + 3 < outlen) {
				memcpy(out + len, "\xE2\x80\xA6", 3);
				len += 3;
			}
		} else {
			while (len && out[len - 1] == ' ')
				len--;
		}
	}
	out[len] = '\0';
	return len;
}
