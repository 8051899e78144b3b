/*
 * ctl_import.c - reading the translators' files that content import
 * takes (ctl_translate.c): CSV as RFC 4180 has it, as spreadsheets write
 * it (a header row naming the columns node, field, lang and translation,
 * in any order; quoted fields with doubled quotes and line breaks; CRLF
 * or LF; a byte order mark), and gettext PO files (the header's
 * Language, msgctxt "node.field", msgstr; fuzzy entries left out, as
 * gettext leaves them).  Each translation goes to the sink's one() with
 * where it was ("line 12", "entry at line 40 (msgctxt ...)"), so every
 * error names the line to fix.  A malformed CSV line stops the reading:
 * where the next record starts is not known.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

static void
say(const struct ctl_import_sink *im, const char *where, const char *fmt,
		...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	im->error(im->ctx, where, why);
}

/* --- CSV (RFC 4180) -------------------------------------------------- */

/*
 * One record at *p, its fields unquoted in place into f (at most max):
 * their number, 0 at the end, -1 when malformed (why).  *line counts the
 * line breaks read, those inside quoted fields too.
 */
static int
csv_record(char **p, int *line, char **f, int max, const char **why)
{
	char *r = *p, *w, end;
	int n = 0;

	if (!*r)
		return 0;
	for (;;) {
		f[n] = w = r;
		if (*r == '"') {
			for (r++;; ) {
				if (!*r)
					return *why = "a quoted field has no"
						" closing quote", -1;
				if (*r == '"' && r[1] != '"')
					break;
				r += *r == '"';
				*line += *r == '\n';
				*w++ = *r++;
			}
			r++;
			if (*r && !strchr(",\r\n", *r))
				return *why = "text after a closing quote (a"
					" quote in a field is written twice)",
					-1;
		} else {
			for (; *r && !strchr(",\r\n", *r); *w++ = *r++)
				if (*r == '"')
					return *why = "a quote in a field that"
						" is not in quotes", -1;
		}
		end = *r;
		*w = '\0';
		if (++n >= max && end == ',')
			return *why = "too many fields", -1;
		r += end != '\0';
		if (end == ',')
			continue;
		if (end == '\r' && *r == '\n')
			r++;
		(*line)++;
		*p = r;
		return n;
	}
}

int
ctl_import_csv(const struct ctl_import_sink *im, char *buf)
{
	static const char *const names[] = { "node", "field", "lang",
		"translation" };
	char *p = buf, *f[16], where[32];
	const char *why = "the file is empty";
	int line = 1, start, n, cols, col[4] = { -1, -1, -1, -1 }, i, j;

	if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;         /* a spreadsheet's byte order mark */
	if ((cols = csv_record(&p, &line, f, 16, &why)) <= 0) {
		say(im, "line 1", "%s", why);
		return -1;
	}
	for (i = 0; i < cols; i++)
		for (j = 0; j < 4; j++)
			if (strcmp(f[i], names[j]) == 0)
				col[j] = i;
	if (col[0] < 0 || col[1] < 0 || col[2] < 0 || col[3] < 0) {
		say(im, "line 1", "the header must name the columns"
			" node, field, lang and translation (as yordamctl"
			" content export writes it)");
		return -1;
	}
	for (;;) {
		start = line;
		snprintf(where, sizeof where, "line %d", start);
		if ((n = csv_record(&p, &line, f, 16, &why)) == 0)
			return 0;
		if (n < 0) {
			say(im, where, "%s", why);
			return -1;      /* where the next record starts is lost */
		}
		if (n == 1 && !*f[0])
			continue;       /* a blank line */
		if (n != cols)
			say(im, where, "%d fields, where the header"
				" has %d", n, cols);
		else
			im->one(im->ctx, where, f[col[0]], f[col[1]], f[col[2]],
				f[col[3]]);
	}
}

/* --- PO (gettext) ---------------------------------------------------- */

struct po_entry {
	char *ctxt, *id, *str;
	char **last;            /* where a "continued" line goes */
	int line, fuzzy, any;
	char *lang;
};

/* The "..." at s unescaped, appended to *to; -1 when not a PO string. */
static int
po_append(char **to, const char *s)
{
	size_t have = *to ? strlen(*to) : 0;
	char *g, *w;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s++ != '"' || !(g = realloc(*to, have + strlen(s) + 1)))
		return -1;
	*to = g;
	for (w = g + have; *s && *s != '"'; s++) {
		if (*s != '\\' || !s[1]) {
			*w++ = *s;
			continue;
		}
		switch (*++s) {
		case 'n': *w++ = '\n'; break;
		case 't': *w++ = '\t'; break;
		case 'r': *w++ = '\r'; break;
		default:
			if (*s >= '0' && *s <= '7') {
				int v = 0, k;
				for (k = 0; k < 3 && *s >= '0' && *s <= '7'; k++)
					v = v * 8 + *s++ - '0';
				*w++ = (char)v;
				s--;
			} else {
				*w++ = *s;      /* \" \\ */
			}
		}
	}
	*w = '\0';
	return *s == '"' ? 0 : -1;
}

/* The entry read so far: the header's Language, or a translation. */
static void
po_flush(const struct ctl_import_sink *im, struct po_entry *e)
{
	char where[300], *dot;

	if (e->any && e->id && !*e->id && !e->ctxt) {
		char *l = e->str ? strstr(e->str, "Language: ") : NULL;
		if (l)
			e->lang = strndup(l + 10, strcspn(l + 10, "\n"));
	} else if (e->any) {
		snprintf(where, sizeof where, "entry at line %d (msgctxt"
			" \"%.200s\")", e->line, e->ctxt ? e->ctxt : "");
		if (!e->lang)
			say(im, where, "the header names no Language"
				" (\"Language: ky\\n\")");
		else if (!e->ctxt || !(dot = strchr(e->ctxt, '.')) || !e->str)
			say(im, where, "an entry needs msgctxt"
				" \"node.field\", msgid and msgstr");
		else if (!e->fuzzy) {   /* fuzzy: not translated yet */
			*dot = '\0';
			im->one(im->ctx, where, e->ctxt, dot + 1, e->lang, e->str);
		}
	}
	free(e->ctxt);
	free(e->id);
	free(e->str);
	e->ctxt = e->id = e->str = NULL;
	e->last = NULL;
	e->fuzzy = e->any = 0;
}

int
ctl_import_po(const struct ctl_import_sink *im, char *buf)
{
	struct po_entry e = { NULL, NULL, NULL, NULL, 0, 0, 0, NULL };
	char *p = buf, *nl, where[32];
	int line = 0, bad;

	for (; *p; p = nl ? nl + 1 : p + strlen(p)) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		line++;
		snprintf(where, sizeof where, "line %d", line);
		if ((*p == '#' || strncmp(p, "msgctxt", 7) == 0 ||
		    strncmp(p, "msgid ", 6) == 0) && e.str)
			po_flush(im, &e);
		if (!e.any)
			e.line = line;
		bad = 0;
		if (*p == '#') {
			e.fuzzy |= p[1] == ',' && strstr(p, "fuzzy") != NULL;
		} else if (strncmp(p, "msgctxt ", 8) == 0) {
			bad = po_append((e.last = &e.ctxt), p + 8);
		} else if (strncmp(p, "msgid ", 6) == 0) {
			bad = po_append((e.last = &e.id), p + 6);
		} else if (strncmp(p, "msgstr ", 7) == 0) {
			bad = po_append((e.last = &e.str), p + 7);
		} else if (*p == '"' && e.last) {
			bad = po_append(e.last, p);
		} else if (strspn(p, " \t\r") != strlen(p)) {
			say(im, where, "not PO: a line is a comment,"
				" msgctxt, msgid, msgstr or \"...\" (plural"
				" forms are not used)");
		} else if (e.any) {
			po_flush(im, &e);
		}
		e.any |= *p == 'm';
		if (bad)
			say(im, where, "a text in quotes is not closed");
	}
	po_flush(im, &e);
	free(e.lang);
	return 0;
}
