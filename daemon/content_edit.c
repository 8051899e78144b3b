/*
 * content_edit.c - one quoted text of a content .conf file changed in
 * place, every other byte kept: comments, order, line breaks, spacing.
 *
 * libconfig can read these files but writes them back its own way (no
 * comments, its own layout), and an NGO's locale file is full of notes
 * for the next editor.  So yordamctl's content import and content
 * reviewed edit the bytes: a small scanner of libconfig's syntax finds
 * where each setting's value is ("texts.reg_uz.text" -> the quotes of
 * that text), and only those bytes are replaced; a setting not there yet
 * is added at the end of its group, on its own line when the group is
 * written over several lines.  The file is rescanned after each change:
 * these files are tens of kilobytes, a change is a few microseconds.
 * What is written is escaped as libconfig reads it back (\" \\ \n \xNN),
 * and content_edit_write() replaces the file atomically.  Whether the
 * result is valid content is for the content loader to say, on a copy,
 * before anything is written (ctl_translate.c).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yordam/content_edit.h"

enum { E_STRING, E_GROUP, E_OTHER };

struct entry {
	char *path;
	int kind;
	size_t start, end;      /* the value: quotes to quotes, { to } */
};

struct content_edit {
	char *buf;
	size_t len;
	struct entry *v;        /* as of the last scan */
	int nv;
};

struct scan {
	const char *s;
	size_t n, i;
	int line, depth;
	struct content_edit *e;
	char err[160];
};

static void
scan_fail(struct scan *p, const char *what)
{
	if (!p->err[0])
		snprintf(p->err, sizeof p->err, "line %d: %s", p->line, what);
}

/* Blanks, # and // comments, C comments and @include lines. */
static void
skip_blank(struct scan *p)
{
	for (;;) {
		while (p->i < p->n && isspace((unsigned char)p->s[p->i]))
			p->line += p->s[p->i++] == '\n';
		if (p->i < p->n && (p->s[p->i] == '#' || p->s[p->i] == '@' ||
		    (p->s[p->i] == '/' && p->i + 1 < p->n &&
		    p->s[p->i + 1] == '/'))) {
			while (p->i < p->n && p->s[p->i] != '\n')
				p->i++;
		} else if (p->i + 1 < p->n && p->s[p->i] == '/' &&
		    p->s[p->i + 1] == '*') {
			p->i += 2;
			while (p->i + 1 < p->n && !(p->s[p->i] == '*' &&
			    p->s[p->i + 1] == '/'))
				p->line += p->s[p->i++] == '\n';
			p->i += 2;
			if (p->i > p->n)
				p->i = p->n;
		} else {
			return;
		}
	}
}

/* From an opening quote past its closing one. */
static int
skip_string(struct scan *p)
{
	for (p->i++; p->i < p->n && p->s[p->i] != '"'; p->i++) {
		if (p->s[p->i] == '\\' && p->i + 1 < p->n)
			p->i++;
		p->line += p->s[p->i] == '\n';
	}
	if (p->i >= p->n) {
		scan_fail(p, "a text in quotes has no closing quote");
		return -1;
	}
	p->i++;
	return 0;
}

static void
add_entry(struct scan *p, const char *path, int kind, size_t start)
{
	struct content_edit *e = p->e;
	struct entry *g;

	if (!path)
		return;
	g = realloc(e->v, (size_t)(e->nv + 1) * sizeof *g);
	if (!g || !(g[e->nv].path = strdup(path))) {
		if (g)
			e->v = g;
		scan_fail(p, "out of memory");
		return;
	}
	e->v = g;
	g[e->nv].kind = kind;
	g[e->nv].start = start;
	g[e->nv++].end = p->i;
}

static int parse_settings(struct scan *p, const char *prefix, char closer);

/* One value; path NULL inside lists, whose members have no names. */
static int
parse_value(struct scan *p, const char *path)
{
	size_t start;
	char c;

	skip_blank(p);
	start = p->i;
	if (p->i >= p->n)
		return scan_fail(p, "a value is missing at the end"), -1;
	c = p->s[p->i];
	if (c == '"') {
		size_t end;
		do {            /* "a" "b" is one text */
			if (skip_string(p) != 0)
				return -1;
			end = p->i;
			skip_blank(p);
		} while (p->i < p->n && p->s[p->i] == '"');
		p->i = end;
		add_entry(p, path, E_STRING, start);
		return 0;
	}
	if (c == '{' || c == '[' || c == '(') {
		char closer = c == '{' ? '}' : c == '[' ? ']' : ')';
		if (++p->depth > 32)
			return scan_fail(p, "groups nested too deep"), -1;
		p->i++;
		if (c == '{' ? parse_settings(p, path, closer) != 0 : 0)
			return -1;
		while (c != '{') {
			skip_blank(p);
			if (p->i < p->n && p->s[p->i] == closer)
				break;
			if (parse_value(p, NULL) != 0)
				return -1;
			skip_blank(p);
			if (p->i < p->n && p->s[p->i] == ',')
				p->i++;
			else if (p->i >= p->n || p->s[p->i] != closer)
				return scan_fail(p, "a list's ',' or end is"
					" missing"), -1;
		}
		p->i++;
		p->depth--;
		add_entry(p, path, c == '{' ? E_GROUP : E_OTHER, start);
		return 0;
	}
	while (p->i < p->n && !strchr(";,}])\"", p->s[p->i]) &&
	    !isspace((unsigned char)p->s[p->i]) && p->s[p->i] != '#')
		p->i++;
	if (p->i == start)
		return scan_fail(p, "a value is missing"), -1;
	add_entry(p, path, E_OTHER, start);
	return 0;
}

/* name = value; ... up to closer ('\0': the end of the file). */
static int
parse_settings(struct scan *p, const char *prefix, char closer)
{
	char path[512];

	for (;;) {
		size_t name;
		skip_blank(p);
		if (p->i >= p->n)
			return closer ? (scan_fail(p, "a group's '}' is"
				" missing"), -1) : 0;
		if (p->s[p->i] == closer)
			return 0;
		name = p->i;
		while (p->i < p->n && (isalnum((unsigned char)p->s[p->i]) ||
		    strchr("_*-", p->s[p->i])))
			p->i++;
		if (p->i == name)
			return scan_fail(p, "a setting's name is expected"), -1;
		if (prefix)
			snprintf(path, sizeof path, "%s%s%.*s", prefix,
				*prefix ? "." : "", (int)(p->i - name),
				p->s + name);
		skip_blank(p);
		if (p->i >= p->n || (p->s[p->i] != '=' && p->s[p->i] != ':'))
			return scan_fail(p, "'=' is expected after a name"), -1;
		p->i++;
		if (parse_value(p, prefix ? path : NULL) != 0)
			return -1;
		skip_blank(p);
		if (p->i < p->n && (p->s[p->i] == ';' || p->s[p->i] == ','))
			p->i++;
	}
}

static void
clear_entries(struct content_edit *e)
{
	int i;

	for (i = 0; i < e->nv; i++)
		free(e->v[i].path);
	free(e->v);
	e->v = NULL;
	e->nv = 0;
}

static int
rescan(struct content_edit *e, char *err, size_t errlen)
{
	struct scan p = { e->buf, e->len, 0, 1, 0, e, "" };

	clear_entries(e);
	if (parse_settings(&p, "", '\0') == 0 && !p.err[0])
		return 0;
	snprintf(err, errlen, "%s", p.err);
	return -1;
}

static const struct entry *
find(const struct content_edit *e, const char *path)
{
	int i;

	for (i = 0; i < e->nv; i++)
		if (strcmp(e->v[i].path, path) == 0)
			return &e->v[i];
	return NULL;
}

struct content_edit *
content_edit_from(const char *bytes, size_t len, char *err, size_t errlen)
{
	struct content_edit *e = calloc(1, sizeof *e);

	if (!e || !(e->buf = malloc(len + 1))) {
		snprintf(err, errlen, "out of memory");
		free(e);
		return NULL;
	}
	memcpy(e->buf, bytes, len);
	e->buf[len] = '\0';
	e->len = len;
	if (rescan(e, err, errlen) != 0) {
		content_edit_free(e);
		return NULL;
	}
	return e;
}

struct content_edit *
content_edit_open(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	struct content_edit *e;
	char *b = NULL, why[160];
	size_t len = 0, cap = 0, got;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	do {
		char *g = len + 4096 > cap ? realloc(b, cap = cap * 2 + 8192)
			: b;
		if (!g) {
			free(b);
			fclose(f);
			snprintf(err, errlen, "%s: out of memory", path);
			return NULL;
		}
		b = g;
		len += got = fread(b + len, 1, cap - len, f);
	} while (got > 0);
	fclose(f);
	e = content_edit_from(b ? b : "", len, why, sizeof why);
	if (!e)
		snprintf(err, errlen, "%s: %s", path, why);
	free(b);
	return e;
}

void
content_edit_free(struct content_edit *e)
{
	if (!e)
		return;
	clear_entries(e);
	free(e->buf);
	free(e);
}

const char *
content_edit_bytes(const struct content_edit *e, size_t *len)
{
	*len = e->len;
	return e->buf;
}

/* The bytes between quotes (of each of "a" "b"), escapes undone. */
static char *
unquote(const char *s, size_t n)
{
	char *out = malloc(n + 1), *o = out;
	size_t i = 0;
	int in = 0;

	if (!out)
		return NULL;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == '"') {
			in = !in;
			continue;
		}
		if (!in)
			continue;       /* blanks, comments between parts */
		if (c == '\\' && i + 1 < n) {
			c = s[++i];
			if (c == 'n') c = '\n';
			else if (c == 't') c = '\t';
			else if (c == 'r') c = '\r';
			else if (c == 'f') c = '\f';
			else if (c == 'x' && i + 2 < n &&
			    isxdigit((unsigned char)s[i + 1]) &&
			    isxdigit((unsigned char)s[i + 2])) {
				char hex[3] = { s[i + 1], s[i + 2], 0 };
				c = (char)strtol(hex, NULL, 16);
				i += 2;
			}
		}
		*o++ = c;
	}
	*o = '\0';
	return out;
}

char *
content_edit_get(const struct content_edit *e, const char *path)
{
	const struct entry *g = find(e, path);

	if (!g || g->kind != E_STRING)
		return NULL;
	return unquote(e->buf + g->start, g->end - g->start);
}

int
content_edit_has_group(const struct content_edit *e, const char *path)
{
	const struct entry *g = find(e, path);

	return g && g->kind == E_GROUP;
}

static int
by_start(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;

	return (x->start > y->start) - (x->start < y->start);
}

int
content_edit_members(const struct content_edit *e, const char *group,
		char ***names)
{
	size_t gl = strlen(group);
	const struct entry **m = calloc((size_t)e->nv + 1, sizeof *m);
	int i, n = 0;

	*names = NULL;
	for (i = 0; m && i < e->nv; i++)
		if (strncmp(e->v[i].path, group, gl) == 0 &&
		    e->v[i].path[gl] == '.' &&
		    !strchr(e->v[i].path + gl + 1, '.'))
			m[n++] = &e->v[i];
	if (n)
		qsort(m, (size_t)n, sizeof *m, by_start);
	*names = n ? calloc((size_t)n + 1, sizeof **names) : NULL;
	for (i = 0; *names && i < n; i++)
		(*names)[i] = strdup(m[i]->path + gl + 1);
	free(m);
	return *names ? n : 0;
}

/* value in quotes, as libconfig reads it back; a new string. */
static char *
quote(const char *value)
{
	size_t n = strlen(value);
	char *out = malloc(4 * n + 3), *o = out;
	const unsigned char *s = (const unsigned char *)value;

	if (!out)
		return NULL;
	*o++ = '"';
	for (; *s; s++) {
		if (*s == '"' || *s == '\\') {
			*o++ = '\\';
			*o++ = (char)*s;
		} else if (*s == '\n') {
			*o++ = '\\';
			*o++ = 'n';
		} else if (*s == '\t') {
			*o++ = '\\';
			*o++ = 't';
		} else if (*s < 0x20 || *s == 0x7f) {
			o += sprintf(o, "\\x%02x", *s);
		} else {
			*o++ = (char)*s;
		}
	}
	*o++ = '"';
	*o = '\0';
	return out;
}

/* Bytes [start, end) become text; 0, or -1 out of memory. */
static int
replace_bytes(struct content_edit *e, size_t start, size_t end, const char *text)
{
	size_t tn = strlen(text), n = e->len - (end - start) + tn;
	char *b = malloc(n + 1);

	if (!b)
		return -1;
	memcpy(b, e->buf, start);
	memcpy(b + start, text, tn);
	memcpy(b + start + tn, e->buf + end, e->len - end + 1);
	free(e->buf);
	e->buf = b;
	e->len = n;
	return 0;
}

/* The blanks that begin the line holding pos. */
static size_t
indent_at(const char *b, size_t pos, size_t *line_start)
{
	size_t s = pos, k;

	while (s > 0 && b[s - 1] != '\n')
		s--;
	for (k = s; b[k] == ' ' || b[k] == '\t'; k++)
		;
	*line_start = s;
	return k - s;
}

/* setting ("key = \"v\";") at the end of group g, in its layout. */
static int
insert_into(struct content_edit *e, const struct entry *g,
		const char *setting)
{
	size_t close = g->end - 1, k = close, line, ind, first, fl;
	char *text;
	int rc;

	while (k > g->start && (e->buf[k - 1] == ' ' || e->buf[k - 1] == '\t'))
		k--;
	if (k > g->start && e->buf[k - 1] == '\n') {
		/* "}" on its own line: a line of its own, indented as the
		 * group's first member when that is on a line of its own,
		 * else two more than the brace. */
		int own_line = 0;
		first = g->start + 1;
		while (first < close && isspace((unsigned char)e->buf[first]))
			own_line |= e->buf[first++] == '\n';
		ind = own_line && first < close ? indent_at(e->buf, first, &fl)
			: indent_at(e->buf, close, &fl) + 2;
		indent_at(e->buf, close, &line);
		if (!(text = malloc(ind + strlen(setting) + 2)))
			return -1;
		memset(text, ' ', ind);
		sprintf(text + ind, "%s\n", setting);
		rc = replace_bytes(e, line, line, text);
	} else {
		int spaced = close > g->start && e->buf[close - 1] == ' ';
		if (!(text = malloc(strlen(setting) + 3)))
			return -1;
		sprintf(text, "%s%s ", spaced ? "" : " ", setting);
		rc = replace_bytes(e, close, close, text);
	}
	free(text);
	return rc;
}

static int
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* Makes room for path's setting: its group there (made, or a text in
 * quotes turned into { text = ...; }).  The group's entry, or NULL. */
static const struct entry *
group_for(struct content_edit *e, const char *parent, char *err,
		size_t errlen)
{
	const struct entry *g = find(e, parent);
	char *t;
	int rc;

	if (g && g->kind == E_GROUP)
		return g;
	if (g && g->kind == E_STRING) {
		size_t n = g->end - g->start;
		if (!(t = malloc(n + 20)))
			return fail(err, errlen, "out of memory"), NULL;
		snprintf(t, n + 20, "{ text = %.*s; }", (int)n,
			e->buf + g->start);
		rc = replace_bytes(e, g->start, g->end, t);
	} else if (g) {
		return fail(err, errlen, "%s is not a group", parent), NULL;
	} else {
		const char *dot = strrchr(parent, '.');
		char up[512];
		if (!dot)
			return fail(err, errlen, "there is no group '%s'",
				parent), NULL;
		snprintf(up, sizeof up, "%.*s", (int)(dot - parent), parent);
		if (!(g = group_for(e, up, err, errlen)))
			return NULL;
		if (!(t = malloc(strlen(dot) + 8)))
			return fail(err, errlen, "out of memory"), NULL;
		sprintf(t, "%s = { };", dot + 1);
		rc = insert_into(e, g, t);
	}
	free(t);
	if (rc != 0 || rescan(e, err, errlen) != 0)
		return rc ? fail(err, errlen, "out of memory"), NULL : NULL;
	return find(e, parent);
}

int
content_edit_set(struct content_edit *e, const char *path,
		const char *value, char *err, size_t errlen)
{
	const struct entry *g = find(e, path), *grp;
	const char *dot = strrchr(path, '.');
	char *q, *old, parent[512];
	int rc;

	if (g && g->kind != E_STRING)
		return fail(err, errlen, "%s is not a text in quotes", path);
	if (!(q = quote(value)))
		return fail(err, errlen, "out of memory");
	if (g) {
		old = unquote(e->buf + g->start, g->end - g->start);
		rc = old && strcmp(old, value) == 0 ? 0 : replace_bytes(e, g->start,
			g->end, q) == 0 ? 1 : -1;
		free(old);
	} else if (!dot) {
		rc = fail(err, errlen, "%s: only a setting inside a group can"
			" be added", path);
	} else {
		snprintf(parent, sizeof parent, "%.*s", (int)(dot - path),
			path);
		rc = -1;
		if ((grp = group_for(e, parent, err, errlen)) != NULL) {
			char *s = malloc(strlen(dot) + strlen(q) + 8);
			if (s) {
				sprintf(s, "%s = %s;", dot + 1, q);
				rc = insert_into(e, grp, s) == 0 ? 1 : -1;
				free(s);
			}
		} else {
			free(q);
			return -1;
		}
	}
	free(q);
	if (rc == 1 && rescan(e, err, errlen) != 0)
		return -1;
	if (rc < 0 && !*err)
		fail(err, errlen, "out of memory");
	return rc;
}

int
content_edit_write(const struct content_edit *e, const char *path,
		int mode, char *err, size_t errlen)
{
	char tmp[4096];
	const char *slash = strrchr(path, '/');
	struct stat st;
	int fd, ok;

	if (stat(path, &st) == 0)
		mode = (int)(st.st_mode & 07777);
	snprintf(tmp, sizeof tmp, "%.*s.%s.XXXXXX", slash ? (int)(slash -
		path + 1) : 0, path, slash ? slash + 1 : path);
	if ((fd = mkstemp(tmp)) < 0)
		return fail(err, errlen, "%s: cannot write beside it: %s", path,
			strerror(errno));
	ok = write(fd, e->buf, e->len) == (ssize_t)e->len &&
		fchmod(fd, (mode_t)mode) == 0 && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		int why = errno;
		unlink(tmp);
		return fail(err, errlen, "%s: not replaced: %s", path,
			strerror(why));
	}
	return 0;
}
