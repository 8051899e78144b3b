/*
 * ctl_translate.c - translators' files: the helpline's texts out to a
 * spreadsheet or a PO file and back into the locale files.
 *
 *   content export [--format csv|po] [--lang L] [--source L]
 *       to stdout, one row per text and language: node, field (label,
 *       text, reply, or a system/conditions key), the language, the text
 *       in the source language (Russian unless --source: the editors read
 *       it, and every answer was written in it first), the translation,
 *       the answer's
 *       legal status ("confirmed", "to verify"; "missing" where the
 *       language has no text yet) and who reviewed it, when.  CSV as RFC
 *       4180 has it (header row, CRLF, quotes doubled); PO as gettext has
 *       it (msgctxt node.field, msgid the Russian, msgstr the translation,
 *       status and review as comments), one language per file.
 *   content import FILE [--format csv|po]
 *       the translations put into the locale files: only the texts that
 *       differ change, the rest of each file stays byte for byte; an
 *       empty translation is left alone (not translated yet).  Unknown
 *       nodes, fields or languages, and malformed lines, are errors
 *       naming the CSV line or the PO entry; then the content loader
 *       checks the result on a copy (ctl_apply.c) before any file is
 *       replaced.  A file exported and imported unchanged changes nothing.
 *
 * Texts are written raw, as in the files: {placeholders} unexpanded.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctl.h"
#include "yordam/text.h"

/* --- rows: every text a language has -------------------------------- */

typedef void (*row_fn)(struct ctl_edit *x, const char *node,
		const char *field, void *ctx);

static void
each_member(struct ctl_edit *x, const char *group, int as_field, row_fn fn,
		void *ctx)
{
	char **m;
	int n = content_edit_members(x->f[x->src].e, group, &m), i;

	for (i = 0; i < n; i++) {
		if (as_field)
			fn(x, group, m[i], ctx);
		else
			fn(x, m[i], "reply", ctx);
		free(m[i]);
	}
	free(m);
}

static void
each_row(struct ctl_edit *x, row_fn fn, void *ctx)
{
	int k;

	for (k = 0; k < x->c->n_nodes; k++) {
		if (k != x->c->home)
			fn(x, x->c->nodes[k].id, "label", ctx);
		fn(x, x->c->nodes[k].id, "text", ctx);
	}
	each_member(x, "system", 1, fn, ctx);
	each_member(x, "conditions", 1, fn, ctx);
	each_member(x, "replies", 0, fn, ctx);
}

/* --- export ---------------------------------------------------------- */

struct out {
	int po;
	const char *only;       /* one language, or NULL */
};

static void
csv_field(const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n")) {
		putchar('"');
		for (; *s; s++) {
			if (*s == '"')
				putchar('"');
			putchar(*s);
		}
		putchar('"');
	} else {
		fputs(s, stdout);
	}
	fputs(last ? "\r\n" : ",", stdout);
}

static void
po_string(const char *key, const char *s)
{
	printf("%s \"", key);
	for (; *s; s++) {
		switch (*s) {
		case '"': fputs("\\\"", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		case '\n':
			fputs(s[1] ? "\\n\"\n\"" : "\\n", stdout);
			break;
		default:
			if ((unsigned char)*s < 0x20)
				printf("\\%03o", (unsigned char)*s);
			else
				putchar(*s);
		}
	}
	printf("\"\n");
}

/* Its legal status, or "missing"; who reviewed it and when. */
static const char *
row_status(struct ctl_edit *x, struct ctl_locale_file *f, const char *node,
		const char *field, const char *target, char **by, char **on)
{
	int k = content_node_index(x->c, node);
	char path[256];

	*by = *on = NULL;
	if (strcmp(field, "label") == 0 || strcmp(field, "text") == 0 ||
	    strcmp(field, "reply") == 0) {
		snprintf(path, sizeof path, "%s.%s.reviewed_by", strcmp(field,
			"reply") == 0 ? "replies" : "texts", node);
		*by = content_edit_get(f->e, path);
		strcpy(path + strlen(path) - 2, "on");
		*on = content_edit_get(f->e, path);
	}
	if (!target)
		return "missing";
	if (k >= 0 && strcmp(field, "reply") != 0 &&
	    x->c->nodes[k].type == NODE_ANSWER)
		return x->c->nodes[k].to_verify ? "to verify" : "confirmed";
	return "";
}

static void
export_row(struct ctl_edit *x, const char *node, const char *field,
		void *ctx)
{
	const struct out *o = ctx;
	char path[256], why[256], ctxt[256];
	int l;

	for (l = 0; l < x->nf; l++) {
		struct ctl_locale_file *f = &x->f[l];
		char *src = NULL, *tgt = NULL, *by, *on;
		const char *st;
		if (o->only && strcmp(o->only, f->loc->code) != 0)
			continue;
		if (ctl_edit_path(x, &x->f[x->src], node, field, path,
		    sizeof path, why, sizeof why) == 0)
			src = content_edit_get(x->f[x->src].e, path);
		if (ctl_edit_path(x, f, node, field, path, sizeof path, why,
		    sizeof why) == 0)
			tgt = content_edit_get(f->e, path);
		st = row_status(x, f, node, field, tgt, &by, &on);
		if (!o->po) {
			csv_field(node, 0);
			csv_field(field, 0);
			csv_field(f->loc->code, 0);
			csv_field(src ? src : "", 0);
			csv_field(tgt ? tgt : "", 0);
			csv_field(st, 0);
			csv_field(by ? by : "", 0);
			csv_field(on ? on : "", 1);
		} else if (src && *src) {       /* msgid "" is the header */
			printf("\n# status: %s\n", *st ? st : "-");
			if (by)
				printf("# reviewed: %s, %s\n", by, on ? on
					: "");
			snprintf(ctxt, sizeof ctxt, "%s.%s", node, field);
			po_string("msgctxt", ctxt);
			po_string("msgid", src);
			po_string("msgstr", tgt ? tgt : "");
		}
		free(src);
		free(tgt);
		free(by);
		free(on);
	}
}

int
ctl_content_export(const struct yordam_config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'f' },
		{ "source", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct out o = { 0, NULL };
	const char *format = "csv", *source = NULL;
	struct ctl_locale_file *sf = NULL;
	struct ctl_edit x;
	char why[256], now[32];
	time_t t;
	int opt;

	optind = 0;     /* a fresh scan: main() already used getopt */
	while ((opt = getopt_long(argc, argv, "l:f:s:", opts, NULL)) != -1) {
		if (opt == 's')
			source = optarg;
		else if (opt == 'l')
			o.only = optarg;
		else if (opt == 'f')
			format = optarg;
		else
			return 2;
	}
	if (argc - optind != 1 || (strcmp(format, "csv") &&
	    strcmp(format, "po")))
		return 2;
	o.po = strcmp(format, "po") == 0;
	if (o.po && !o.only) {
		fprintf(stderr, "yordamctl: a PO file is one language: give"
			" --lang (e.g. --lang ky)\n");
		return 1;
	}
	if (ctl_edit_open(&x, cfg) != 0)
		return 1;
	if ((o.only && !ctl_edit_file(&x, o.only, why, sizeof why)) ||
	    (source && !(sf = ctl_edit_file(&x, source, why, sizeof why)))) {
		fprintf(stderr, "yordamctl: %s\n", why);
		ctl_edit_close(&x);
		return 1;
	}
	if (source)
		x.src = (int)(sf - x.f);
	t = time(NULL);
	strftime(now, sizeof now, "%Y-%m-%d %H:%M%z", localtime(&t));
	if (o.po)
		printf("# Yordam: the helpline's texts, %s from %s.\n"
			"# msgctxt is node.field; leave msgstr \"\" for a text"
			" not translated yet.\n"
			"msgid \"\"\nmsgstr \"\"\n"
			"\"Project-Id-Version: yordam content %s\\n\"\n"
			"\"PO-Revision-Date: %s\\n\"\n"
			"\"Last-Translator: \\n\"\n"
			"\"Language-Team: \\n\"\n"
			"\"Language: %s\\n\"\n"
			"\"MIME-Version: 1.0\\n\"\n"
			"\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
			"\"Content-Transfer-Encoding: 8bit\\n\"\n", o.only,
			x.f[x.src].loc->code, x.c->hash, now, o.only);
	else
		printf("node,field,lang,source_%s,translation,status,"
			"reviewed_by,reviewed_on\r\n", x.f[x.src].loc->code);
	each_row(&x, export_row, &o);
	ctl_edit_close(&x);
	return 0;
}

/* --- import ---------------------------------------------------------- */

struct change {
	char *what;             /* "reg_uz.text ky" */
	char *old, *new;
};

struct ctl_import {
	struct ctl_edit *x;
	const char *file;
	int errors;
	struct change *ch;
	int n_ch;
	char **seen;            /* "reg_uz.text ky\tline 12" per text read */
	int n_seen;
};

static void
import_error(struct ctl_import *im, const char *where, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s: ", im->file, where);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	im->errors++;
}

/* Is the text `what` given twice?  Said, naming where it was first. */
static int
given_twice(struct ctl_import *im, const char *where, const char *what)
{
	size_t n = strlen(what);
	char *e, **g;
	int i;

	for (i = 0; i < im->n_seen; i++)
		if (strncmp(im->seen[i], what, n) == 0 &&
		    im->seen[i][n] == '\t') {
			import_error(im, where, "%s is given twice (also %s)",
				what, im->seen[i] + n + 1);
			return 1;
		}
	if ((g = realloc(im->seen, (size_t)(im->n_seen + 1) * sizeof *g)) &&
	    (e = malloc(n + strlen(where) + 2))) {
		sprintf(e, "%s\t%s", what, where);
		im->seen = g;
		g[im->n_seen++] = e;
	} else if (g) {
		im->seen = g;
	}
	return 0;
}

/* A translation fit for a locale file: UTF-8, no controls but line
 * breaks (a spreadsheet's CRLF in a cell made LF).  In place. */
static int
clean_text(char *s)
{
	char *r = s, *w = s;

	if (!text_valid_utf8(s, strlen(s)))
		return -1;
	for (; *r; r++) {
		if (*r == '\r' && r[1] == '\n')
			continue;
		if (((unsigned char)*r < 0x20 && *r != '\n') || *r == 0x7f)
			return -1;
		*w++ = *r;
	}
	*w = '\0';
	return 0;
}

/* One translation: checked, and set in its file when it differs. */
static void
import_one(void *ctx, const char *where, const char *node,
		const char *field, const char *lang, char *text)
{
	struct ctl_import *im = ctx;
	struct ctl_locale_file *f;
	char path[256], why[512], what[300], *old;
	struct change *g;

	if (!(f = ctl_edit_file(im->x, lang, why, sizeof why)) ||
	    ctl_edit_path(im->x, f, node, field, path, sizeof path, why,
	    sizeof why) != 0) {
		import_error(im, where, "%s", why);
		return;
	}
	if (clean_text(text) != 0) {
		import_error(im, where, "%s.%s: the text is not UTF-8 or holds"
			" control characters", node, field);
		return;
	}
	snprintf(what, sizeof what, "%s.%s %s", node, field, lang);
	if (!*text || given_twice(im, where, what))
		return;         /* empty: not translated yet */
	old = content_edit_get(f->e, path);
	if (old && strcmp(old, text) == 0) {
		free(old);
		return;
	}
	if (content_edit_set(f->e, path, text, why, sizeof why) < 0) {
		free(old);
		import_error(im, where, "%s", why);
		return;
	}
	f->changed = 1;
	g = realloc(im->ch, (size_t)(im->n_ch + 1) * sizeof *g);
	if (!g) {
		free(old);
		import_error(im, where, "out of memory");
		return;
	}
	im->ch = g;
	g[im->n_ch].what = strdup(what);
	g[im->n_ch].old = old;
	g[im->n_ch++].new = strdup(text);
}

static void
import_why(void *ctx, const char *where, const char *why)
{
	import_error(ctx, where, "%s", why);
}

/* At most n characters of s (not bytes), escaped for the terminal. */
static void
put_cut(const char *s, int n)
{
	const char *p = s;
	char *cut;
	int k = 0;

	if (!s) {
		fputs("(none)", stdout);
		return;
	}
	while (*p && k < n)
		k += (*(const unsigned char *)p++ & 0xc0) != 0x80;
	while (*p && (*(const unsigned char *)p & 0xc0) == 0x80)
		p++;
	if (!(cut = strndup(s, (size_t)(p - s))))
		return;
	ctl_put(stdout, cut, 0);
	fputs(*p ? "…" : "", stdout);
	free(cut);
}

/* The whole file, NUL-terminated; NULL with why printed. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *b = NULL, *g;
	size_t len = 0, cap = 0, got;

	if (!f) {
		perror(path);
		return NULL;
	}
	do {
		if (len + 4096 >= cap) {
			if (!(g = realloc(b, cap = cap * 2 + 8192))) {
				free(b);
				fclose(f);
				fprintf(stderr, "yordamctl: %s: out of memory\n",
					path);
				return NULL;
			}
			b = g;
		}
		len += got = fread(b + len, 1, cap - len - 1, f);
	} while (got > 0);
	fclose(f);
	b[len] = '\0';
	if (strlen(b) != len) {
		fprintf(stderr, "yordamctl: %s: not a text file (it holds NUL"
			" bytes)\n", path);
		free(b);
		return NULL;
	}
	return b;
}

/* By its extension, or by what it begins with. */
static int
is_po(const char *path, const char *buf, const char *format)
{
	size_t n = strlen(path);

	if (format)
		return strcmp(format, "po") == 0;
	if (n > 4 && strcmp(path + n - 4, ".csv") == 0)
		return 0;
	if ((n > 3 && strcmp(path + n - 3, ".po") == 0) ||
	    (n > 4 && strcmp(path + n - 4, ".pot") == 0))
		return 1;
	return strncmp(buf, "msg", 3) == 0 || buf[0] == '#' ||
		strstr(buf, "\nmsgid \"") != NULL;
}

static void
report(struct ctl_import *im)
{
	int i, l, files = 0;

	for (i = 0; i < im->n_ch; i++) {
		ctl_put(stdout, im->ch[i].what, 0);
		fputs(": ", stdout);
		put_cut(im->ch[i].old, 60);
		fputs(" → ", stdout);
		put_cut(im->ch[i].new, 60);
		fputs("\n", stdout);
	}
	for (l = 0; l < im->x->nf; l++)
		files += im->x->f[l].changed;
	printf("%d text%s changed in %d file%s", im->n_ch, im->n_ch == 1 ? ""
		: "s", files, files == 1 ? "" : "s");
	for (l = 0; l < im->x->nf; l++)
		if (im->x->f[l].changed)
			printf(" %s", im->x->f[l].write_to);
	printf("%s\n", files ? "; reload to use them (systemctl reload"
		" yordam)" : ": every text is as in the files");
}

int
ctl_content_import(const struct yordam_config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char *format = NULL;
	struct ctl_import im = { NULL, NULL, 0, NULL, 0, NULL, 0 };
	struct ctl_import_sink sink = { import_one, import_why, NULL };
	struct ctl_edit x;
	char *buf;
	int opt, rc, i;

	optind = 0;     /* a fresh scan: main() already used getopt */
	while ((opt = getopt_long(argc, argv, "f:", opts, NULL)) != -1) {
		if (opt != 'f' || (strcmp(optarg, "csv") && strcmp(optarg,
		    "po")))
			return 2;
		format = optarg;
	}
	if (argc - optind != 2)        /* import FILE */
		return 2;
	im.file = argv[optind + 1];
	if (!(buf = slurp(im.file)))
		return 1;
	if (ctl_edit_open(&x, cfg) != 0) {
		free(buf);
		return 1;
	}
	im.x = &x;
	sink.ctx = &im;
	rc = is_po(im.file, buf, format) ? ctl_import_po(&sink, buf)
		: ctl_import_csv(&sink, buf);
	if (rc != 0 || im.errors) {
		fprintf(stderr, "yordamctl: %s: refused, nothing changed: %d"
			" error(s)\n", im.file, im.errors + (rc != 0 &&
			!im.errors));
		rc = 1;
	} else if (im.n_ch) {
		rc = ctl_edit_commit(&x);
	}
	if (rc == 0)
		report(&im);
	for (i = 0; i < im.n_ch; i++) {
		free(im.ch[i].what);
		free(im.ch[i].old);
		free(im.ch[i].new);
	}
	free(im.ch);
	for (i = 0; i < im.n_seen; i++)
		free(im.seen[i]);
	free(im.seen);
	free(buf);
	ctl_edit_close(&x);
	return rc;
}
