/*
 * content_source.c - what a `source` cites: which of the five reports,
 * whether it names a section, and whether it points at a file that is
 * not shipped with the content.
 *
 * The content is checked by people who have the public documents, not
 * our working files: a source that says "seed 000" or
 * "knowledge/facts-000-fidh-2016.md" sends a lawyer to a file they
 * cannot open, so every loader refuses it and says how to cite instead.
 * The five reports are known here by their titles and years, so that
 * `yordamctl check` can count them without file names.
 */
#include <ctype.h>
#include <libconfig.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "yordam/content_source.h"

const struct content_report content_reports[CONTENT_N_REPORTS] = {
	{ "FIDH 2016", "No status, no rights", "(2016)" },
	{ "FIDH 2010 UPR", "Key recommendations concerning the rights of"
		" migrant workers", "2010)" },
	{ "FIDH 2009", "Exploitation of migrant workers, protection denied",
		"(2009)" },
	{ "FIDH 2010 list of issues", "List of issues", "(2010)" },
	{ "UN SR slavery 2014", "contemporary forms of slavery", "(2014)" },
};

int
content_source_cites_report(const char *src, int r)
{
	if (!src || r < 0 || r >= CONTENT_N_REPORTS)
		return 0;
	return strstr(src, content_reports[r].title) &&
		strstr(src, content_reports[r].year);
}

/*
 * A section ("section 8", "II.3", "2.1"), a paragraph (¶44, §1.7), an
 * article (Art. 97), a page or a footnote.  "Confirmed" means a lawyer
 * can open the source at that place; a report's title alone is not
 * enough.
 */
int
content_source_has_section(const char *src)
{
	static const char *const marks[] = { "section", "Section", "§", "¶",
		"Art.", "art.", "Article", "article", "p.", "fn ", "para" };
	const char *p;
	size_t i;

	for (i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (strstr(src, marks[i]))
			return 1;
	/* I.2, II.3, III.1 or 2.1: a dotted section number. */
	for (p = src; *p; p++) {
		const char *q = p;
		if (p != src && (isalnum((unsigned char)p[-1])))
			continue;
		while (*q == 'I' || *q == 'V' || *q == 'X')
			q++;
		if (q == p)
			while (isdigit((unsigned char)*q))
				q++;
		if (q != p && *q == '.' && isdigit((unsigned char)q[1]))
			return 1;
	}
	return 0;
}

static void
copy_out(const char *b, size_t len, char *what, size_t size)
{
	if (size)
		snprintf(what, size, "%.*s", (int)len, b);
}

/* "seed 000", "Seed_2", "seed-004": a report named by its file. */
static int
seed_number(const char *src, char *what, size_t size)
{
	const char *p, *q;

	for (p = src; *p; p++) {
		if (strncasecmp(p, "seed", 4) != 0 ||
		    (p != src && isalpha((unsigned char)p[-1])))
			continue;
		q = p + 4;
		if (*q == ' ' || *q == '_' || *q == '-')
			q++;
		if (!isdigit((unsigned char)*q))
			continue;
		while (isdigit((unsigned char)*q))
			q++;
		copy_out(p, (size_t)(q - p), what, size);
		return 1;
	}
	return 0;
}

static int
ends_with(const char *b, size_t len, const char *ext)
{
	size_t n = strlen(ext);

	return len > n && strncasecmp(b + len - n, ext, n) == 0 &&
		isalnum((unsigned char)b[len - n - 1]);
}

/* 000_785194198ab51df0: a seed file's name without its .txt. */
static int
seed_stem(const char *b, size_t len)
{
	size_t i, j;

	for (i = 0; i + 20 <= len; i++) {
		for (j = 0; j < 3 && isdigit((unsigned char)b[i + j]); j++)
			;
		if (j < 3 || b[i + 3] != '_')
			continue;
		for (j = 4; j < 20 && isxdigit((unsigned char)b[i + j]); j++)
			;
		if (j == 20)
			return 1;
	}
	return 0;
}

/* One word of a source (between spaces, brackets, quotes, commas). */
static int
file_word(const char *b, size_t len)
{
	static const char *const dirs[] = { "knowledge/", "seeds/" };
	size_t i, k;

	while (len && (b[len - 1] == '.' || b[len - 1] == ':'))
		len--;
	if (!len)
		return 0;
	for (k = 0; k < sizeof dirs / sizeof *dirs; k++)
		for (i = 0; i + strlen(dirs[k]) <= len; i++)
			if (strncasecmp(b + i, dirs[k], strlen(dirs[k])) == 0)
				return 1;
	if ((b[0] == '/' && len > 1 && isalpha((unsigned char)b[1])) ||
	    (len > 2 && strncmp(b, "./", 2) == 0) ||
	    (len > 3 && strncmp(b, "../", 3) == 0) ||
	    (len > 2 && strncmp(b, "~/", 2) == 0))
		return 1;
	return ends_with(b, len, ".md") || ends_with(b, len, ".txt") ||
		seed_stem(b, len);
}

int
content_source_cites_file(const char *src, char *what, size_t size)
{
	static const char delims[] = " \t\r\n()[]<>,;\"'`";
	const char *p = src;

	if (!src)
		return 0;
	if (seed_number(src, what, size))
		return 1;
	while (*p) {
		size_t len = strcspn(p, delims);
		if (len && file_word(p, len)) {
			copy_out(p, len, what, size);
			return 1;
		}
		p += len;
		p += strspn(p, delims);
	}
	return 0;
}

void
content_check_cites_no_file(const char *src, const char *field,
		const char *owner, const char *path, int line,
		struct content_errors *errs)
{
	char what[80];

	if (!content_source_cites_file(src, what, sizeof what))
		return;
	content_add_error(errs, path, line, "%s: %s cites \"%s\", a file"
		" that is not shipped with the content, so no one checking"
		" the answer can open it: name the public document instead"
		" (publisher, \"title\" (year), section, page, e.g. FIDH,"
		" \"Migrant Workers in Kazakhstan: No status, no rights\""
		" (2016), section I.2, pp. 8-9) or the law (name, number,"
		" date, article, e.g. Treaty on the Eurasian Economic Union"
		" (29 May 2014), Art. 97)", owner, field, what);
}

void
content_check_setting_cites_no_file(config_setting_t *g, const char *key,
		const char *kind, const char *id, const char *path, int line,
		struct content_errors *errs)
{
	config_setting_t *s = config_setting_get_member(g, key);
	const char *v = s ? config_setting_get_string(s) : NULL;
	char owner[96];

	if (!v)
		return;
	if (config_setting_source_line(s))
		line = (int)config_setting_source_line(s);
	snprintf(owner, sizeof owner, "%s '%s'", kind, id ? id : "?");
	content_check_cites_no_file(v, key, owner, path, line, errs);
}
