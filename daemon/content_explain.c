/*
 * content_explain.c - a syntax error in a .conf file, said so that the
 * editor who made it can mend it.
 *
 * libconfig stops at the first token it cannot parse and says only
 * "syntax error" with a line, often a line after the mistake.  The
 * mistakes an NGO editor makes are few and known: texts pasted from a
 * word processor with curly quotes (“ ” « » „ ‘ ’), a " inside a text
 * that ends it early, a text with no closing quote, a missing , between
 * the entries of a list, a text with no quotes at all, a missing =.  So
 * when libconfig refuses a file, this reads the file's text itself, the
 * way libconfig does (strings, comments, punctuation), and names the
 * first of those mistakes with its line and column (in characters, not
 * bytes: a Cyrillic letter is one column) and how to write it instead.
 * A mistake after the line libconfig stopped at is not the cause, and is
 * not reported; libconfig's own words are kept when none is found.
 *
 * The messages go through gettext (i18n.h), so `yordamctl --lang ru`
 * gives them in Russian.  The over-budget explanations are in
 * content_budget.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "yordam/content_errors.h"
#include "yordam/i18n.h"

/* The last thing seen outside a string: what may come next. */
enum tok { T_START, T_NAME, T_EQ, T_SEP, T_SEMI, T_OPEN, T_CLOSE_GROUP,
	T_CLOSE, T_VALUE };

struct scan {
	const char *s;
	size_t n, i, line_start;
	int line;
	enum tok last;
	char name[64];          /* the last setting name */
	/* the finding */
	int found, f_line, f_col, err_line;
	char *msg;
	size_t msglen;
};

/* A curly or angle quote at s (its bytes in *len), or NULL. */
static const char *
curly_at(const char *s, size_t left, size_t *len)
{
	static const char *q[] = { "\xE2\x80\x9C", "\xE2\x80\x9D",
		"\xE2\x80\x9E", "\xE2\x80\x9F", "\xE2\x80\x98", "\xE2\x80\x99",
		"\xE2\x80\xB9", "\xE2\x80\xBA", "\xC2\xAB", "\xC2\xBB",
		"\xEF\xBC\x82", NULL };
	int k;

	for (k = 0; q[k]; k++) {
		size_t l = strlen(q[k]);
		if (l <= left && memcmp(s, q[k], l) == 0) {
			*len = l;
			return q[k];
		}
	}
	return NULL;
}

/* The column of byte pos on the current line, counted in characters. */
static int
col_at(const struct scan *sc, size_t pos)
{
	size_t k;
	int col = 1;

	for (k = sc->line_start; k < pos; k++)
		col += ((unsigned char)sc->s[k] & 0xC0) != 0x80;
	return col;
}

static void
found(struct scan *sc, size_t pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
found(struct scan *sc, size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (sc->found)
		return;
	sc->found = 1;
	sc->f_line = sc->line;
	sc->f_col = col_at(sc, pos);
	va_start(ap, fmt);
	vsnprintf(sc->msg, sc->msglen, fmt, ap);
	va_end(ap);
}

static const char *
value_name(const struct scan *sc)
{
	return sc->name[0] ? sc->name : "text";
}

/*
 * A string that runs past the end of its line (texts in content never
 * hold a raw line break): it either ends in a curly quote or is not
 * closed at all.  open is the byte of its opening quote, eol its line's
 * end.
 */
static void
unclosed(struct scan *sc, size_t open, size_t eol)
{
	size_t e = eol, len, k;
	const char *q;

	while (e > open + 1 && strchr(" \t\r;,}", sc->s[e - 1]))
		e--;
	for (k = e > open + 4 ? e - 4 : open + 1; k < e; k++)
		if ((q = curly_at(sc->s + k, e - k, &len)) && k + len == e) {
			found(sc, k, _("the text ends with a curly quote %s"
				" \xE2\x80\x94 write a straight quote \" around"
				" texts: %s = \"...\";"), q, value_name(sc));
			return;
		}
	found(sc, open, _("this text has no closing quote \xE2\x80\x94 end"
		" it with a straight quote: %s = \"...\";"), value_name(sc));
}

/*
 * The string opened at open was closed at close by a " that text follows:
 * a curly quote then ; inside it was meant to close it (text = "...”;
 * ... "), a ; then name = inside it means it was never closed (text =
 * "...; label = "), else that " was meant inside the text.
 */
static void
closed_early(struct scan *sc, size_t open, size_t close)
{
	const char *q;
	size_t k, len, e;

	for (k = open + 1; k < close; k++) {
		if (!(q = curly_at(sc->s + k, close - k, &len)))
			continue;
		for (e = k + len; e < close && sc->s[e] == ' '; e++)
			;
		if (e < close && strchr(";,}", sc->s[e])) {
			found(sc, k, _("the text ends with a curly quote %s"
				" \xE2\x80\x94 write a straight quote \" around"
				" texts: %s = \"...\";"), q, value_name(sc));
			return;
		}
	}
	for (k = open + 1; k < close; k++) {
		if (sc->s[k] != ';')
			continue;
		for (e = k + 1; e < close && sc->s[e] == ' '; e++)
			;
		while (e < close && (sc->s[e] == '_' || ((sc->s[e] | 0x20) >=
		    'a' && (sc->s[e] | 0x20) <= 'z')))
			e++;
		while (e < close && sc->s[e] == ' ')
			e++;
		if (e < close && sc->s[e] == '=') {
			found(sc, open, _("this text has no closing quote"
				" \xE2\x80\x94 end it with a straight quote:"
				" %s = \"...\";"), value_name(sc));
			return;
		}
	}
	found(sc, close, _("a \" inside a text ends it early \xE2\x80\x94"
		" write \\\" for a quote inside a text, or use \xC2\xAB"
		" \xC2\xBB"));
}

/* The string whose opening quote is at sc->i; sc->i after it. */
static void
string(struct scan *sc)
{
	size_t open = sc->i, k;

	if (sc->last == T_NAME)
		found(sc, open, _("an = is missing after '%s' \xE2\x80\x94"
			" write %s = \"...\";"), sc->name, sc->name);
	for (sc->i++; sc->i < sc->n; sc->i++) {
		char ch = sc->s[sc->i];
		if (ch == '\\') {
			sc->i++;
			continue;
		}
		if (ch == '\n') {
			unclosed(sc, open, sc->i);
			return;
		}
		if (ch != '"')
			continue;
		for (k = sc->i + 1; k < sc->n && (sc->s[k] == ' ' ||
		    sc->s[k] == '\t'); k++)
			;
		if (k < sc->n && !strchr(";,})]\"#/\r\n", sc->s[k]))
			closed_early(sc, open, sc->i);
		sc->i++;
		sc->last = T_VALUE;
		return;
	}
	unclosed(sc, open, sc->n);
}

/* A name, number or true/false at sc->i; sc->i after it. */
static void
word(struct scan *sc)
{
	size_t start = sc->i;
	unsigned char b;

	while (sc->i < sc->n && ((b = (unsigned char)sc->s[sc->i]) >= 0x80 ||
	    b == '_' || b == '-' || b == '+' || b == '.' || b == '*' ||
	    (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z'))) {
		size_t len;
		if (curly_at(sc->s + sc->i, sc->n - sc->i, &len))
			break;
		sc->i++;
	}
	if (sc->i == start) {           /* a character libconfig refuses */
		sc->i++;
		return;
	}
	b = (unsigned char)sc->s[start];
	if (sc->last == T_EQ) {
		int number = (b >= '0' && b <= '9') || b == '-' || b == '+' ||
			b == '.';
		int boolean = (sc->i - start == 4 &&
			strncasecmp(sc->s + start, "true", 4) == 0) ||
			(sc->i - start == 5 &&
			strncasecmp(sc->s + start, "false", 5) == 0);
		if (!number && !boolean)
			found(sc, start, _("the value of '%s' is not in quotes"
				" \xE2\x80\x94 write a text between straight"
				" quotes: %s = \"...\";"), value_name(sc),
				value_name(sc));
		sc->last = T_VALUE;
		return;
	}
	if (sc->last == T_NAME)
		found(sc, start, _("an = is missing after '%s' \xE2\x80\x94"
			" write %s = \"...\";"), sc->name, sc->name);
	snprintf(sc->name, sizeof sc->name, "%.*s", (int)(sc->i - start),
		sc->s + start);
	sc->last = T_NAME;
}

/* A comment at sc->i, if one starts there: skipped, 1. */
static int
comment(struct scan *sc)
{
	const char *s = sc->s + sc->i, *end;

	if (*s == '#' || (s[0] == '/' && s[1] == '/')) {
		end = memchr(s, '\n', sc->n - sc->i);
		sc->i = end ? (size_t)(end - sc->s) : sc->n;
		return 1;
	}
	if (s[0] == '/' && s[1] == '*') {
		for (sc->i += 2; sc->i + 1 < sc->n && !(sc->s[sc->i] == '*' &&
		    sc->s[sc->i + 1] == '/'); sc->i++)
			if (sc->s[sc->i] == '\n') {
				sc->line++;
				sc->line_start = sc->i + 1;
			}
		sc->i += 2;
		return 1;
	}
	return 0;
}

/* One punctuation mark at sc->i (1), or 0 when it is none. */
static int
punctuation(struct scan *sc)
{
	char ch = sc->s[sc->i];

	switch (ch) {
	case '=': case ':':
		sc->last = T_EQ;
		break;
	case ';':
		if (sc->last == T_SEMI)
			found(sc, sc->i, _("two ; in a row \xE2\x80\x94 remove"
				" one"));
		sc->last = T_SEMI;
		break;
	case ',':
		sc->last = T_SEP;
		break;
	case '{': case '(': case '[':
		if (ch == '{' && sc->last == T_CLOSE_GROUP)
			found(sc, sc->i, _("a , is missing between two entries"
				" of the list \xE2\x80\x94 write }, { between"
				" them"));
		sc->last = T_OPEN;
		break;
	case '}':
		sc->last = T_CLOSE_GROUP;
		break;
	case ')': case ']':
		sc->last = T_CLOSE;
		break;
	default:
		return 0;
	}
	sc->i++;
	return 1;
}

static void
step(struct scan *sc)
{
	const char *q;
	size_t len;
	char ch = sc->s[sc->i];

	if (ch == '\n') {
		sc->line++;
		sc->line_start = ++sc->i;
	} else if (ch == ' ' || ch == '\t' || ch == '\r') {
		sc->i++;
	} else if (comment(sc) || punctuation(sc)) {
		;
	} else if (ch == '"') {
		string(sc);
	} else if ((q = curly_at(sc->s + sc->i, sc->n - sc->i, &len))) {
		if (sc->last == T_EQ || sc->last == T_SEP ||
		    sc->last == T_OPEN)
			found(sc, sc->i, _("the text starts with a curly quote"
				" %s \xE2\x80\x94 write a straight quote \""
				" around texts: %s = \"...\";"), q,
				value_name(sc));
		else
			found(sc, sc->i, _("a curly quote %s outside a text"
				" \xE2\x80\x94 write a straight quote \" around"
				" texts: %s = \"...\";"), q, value_name(sc));
		sc->i += len;
	} else {
		word(sc);
	}
}

int
conf_explain_syntax(const char *path, int err_line, int *line, int *col,
		char *msg, size_t msglen)
{
	struct scan sc = { 0 };
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t cap = 0, got;

	if (!f)
		return 0;
	do {
		char *g = realloc(text, cap + 4096 + 1);
		if (!g)
			break;
		text = g;
		got = fread(text + cap, 1, 4096, f);
		cap += got;
	} while (got == 4096);
	fclose(f);
	if (!text)
		return 0;
	text[cap] = '\0';
	sc.s = text;
	sc.n = cap;
	sc.line = 1;
	sc.err_line = err_line;
	sc.msg = msg;
	sc.msglen = msglen;
	while (sc.i < sc.n && !sc.found && sc.line <= err_line)
		step(&sc);
	free(text);
	if (!sc.found || sc.f_line > err_line)
		return 0;
	*line = sc.f_line;
	*col = sc.f_col;
	return 1;
}
