/*
 * content_file.c - reading the content's .conf files: which files there
 * are, their hash, and the typed values an editor writes in them.
 *
 * Every getter here reports a wrong or missing value with the file and
 * line and returns nothing, so the loaders can go on and report the next
 * problem too.  The hash covers each file's path and bytes; it is the
 * snapshot's version, which yordamctl check shows and the store records.
 * The two rules every text shares live here too, for the locale and the
 * replies loaders alike: {placeholders} expanded from yordam.conf, and a
 * review that names both who and when.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content_private.h"
#include "yordam/text.h"
#include "yordam/i18n.h"

static int
conf_filter(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return d->d_name[0] != '.' && n > 5 &&
	       strcmp(d->d_name + n - 5, ".conf") == 0;
}

/*
 * The files of sub in dir (shipped) and in site (the NGO's own, may be
 * NULL) that filter keeps, in name order: a file in site replaces the
 * shipped file of the same name, so an upgrade of the shipped content
 * never touches what the NGO edited.  Full paths; NULL and *n 0 when
 * neither directory has any.
 */
char **
content_files(const char *dir, const char *site, const char *sub,
		int (*filter)(const struct dirent *), int *n)
{
	struct dirent **a = NULL, **b = NULL;
	char path[4096], **out;
	int na, nb = 0, i = 0, j = 0, k = 0;

	snprintf(path, sizeof path, "%s/%s", dir, sub);
	na = scandir(path, &a, filter, alphasort);
	if (site) {
		snprintf(path, sizeof path, "%s/%s", site, sub);
		nb = scandir(path, &b, filter, alphasort);
	}
	na = na < 0 ? 0 : na;
	nb = nb < 0 ? 0 : nb;
	*n = 0;
	out = na + nb ? calloc((size_t)(na + nb) + 1, sizeof *out) : NULL;
	while (out && (i < na || j < nb)) {
		int c = i >= na ? 1 : j >= nb ? -1 : strcoll(a[i]->d_name,
			b[j]->d_name);
		if (c < 0)
			snprintf(path, sizeof path, "%s/%s/%s", dir, sub,
				a[i++]->d_name);
		else {
			snprintf(path, sizeof path, "%s/%s/%s", site, sub,
				b[j++]->d_name);
			i += c == 0;    /* the NGO's replaces the shipped */
		}
		out[k++] = strdup(path);
	}
	for (i = 0; i < na; i++)
		free(a[i]);
	for (j = 0; j < nb; j++)
		free(b[j]);
	free(a);
	free(b);
	*n = k;
	return out;
}

char **
conf_list(const char *dir, const char *site, const char *sub, int *n)
{
	return content_files(dir, site, sub, conf_filter, n);
}

/* dir, or site when site has rel: where one file of the content is. */
const char *
content_dir_of(const char *dir, const char *site, const char *rel)
{
	char path[4096];
	struct stat st;

	if (!site)
		return dir;
	snprintf(path, sizeof path, "%s/%s", site, rel);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) ? site : dir;
}

void
conf_list_free(char **l, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

uint64_t
content_fnv(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

uint64_t
content_hash_file(uint64_t h, const char *path)
{
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return h;
	h = content_fnv(h, path, strlen(path));
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		h = content_fnv(h, buf, n);
	fclose(f);
	return h;
}

int
conf_read(config_t *lc, const char *path, struct content_errors *errs)
{
	int line, col;
	char why[512];

	config_init(lc);
	if (!config_read_file(lc, path)) {
		if (config_error_type(lc) == CONFIG_ERR_PARSE &&
		    conf_explain_syntax(path, config_error_line(lc), &line,
		    &col, why, sizeof why))
			content_add_error_at(errs, path, line, col, "%s", why);
		else
			add_error(errs, path, config_error_line(lc), "%s",
				config_error_text(lc));
		config_destroy(lc);
		return -1;
	}
	return 0;
}

const char *
conf_string(config_setting_t *g, const char *key, const char *file,
		struct content_errors *errs, int required)
{
	config_setting_t *s = config_setting_get_member(g, key);

	if (!s) {
		if (required)
			add_error(errs, file, config_setting_source_line(g),
				_("'%s' is missing"), key);
		return NULL;
	}
	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		add_error(errs, file, config_setting_source_line(s),
			_("'%s' must be a string in double quotes"), key);
		return NULL;
	}
	return config_setting_get_string(s);
}

char **
conf_words(config_setting_t *root, const char *key, int *n,
		const char *path, struct content_errors *errs)
{
	config_setting_t *a = config_setting_get_member(root, key);
	char **out;
	int i, len;

	*n = 0;
	if (!a) {
		add_error(errs, path, 1, _("'%s' is missing"), key);
		return NULL;
	}
	if (config_setting_type(a) != CONFIG_TYPE_ARRAY &&
	    config_setting_type(a) != CONFIG_TYPE_LIST) {
		add_error(errs, path, config_setting_source_line(a),
			_("'%s' must be a list of words [\"...\", ...]"), key);
		return NULL;
	}
	len = config_setting_length(a);
	out = calloc((size_t)len + 1, sizeof *out);
	for (i = 0; i < len && out; i++) {
		const char *w = config_setting_get_string_elem(a, (unsigned)i);
		char *norm = w ? text_normalise(w) : NULL;
		if (!norm || !*norm) {
			add_error(errs, path, config_setting_source_line(a),
				_("'%s': word %d is empty or not text"), key,
				i + 1);
			free(norm);
			continue;
		}
		out[(*n)++] = norm;
	}
	return out;
}

int
conf_unset_placeholder(const char *s, const struct yordam_config *cfg,
		char *out, size_t outlen)
{
	const char *p = s, *close;

	while ((p = strchr(p, '{')) != NULL && (close = strchr(p, '}'))) {
		snprintf(out, outlen, "%.*s", (int)(close - p - 1), p + 1);
		if (!config_placeholder(cfg, out))
			return 1;
		p = close + 1;
	}
	return 0;
}

char *
conf_expand(const char *s, const struct yordam_config *cfg, const char *file,
		int line, const char *what, struct content_errors *errs)
{
	size_t cap = strlen(s) + 1, len = 0;
	char *out = malloc(cap);
	const char *p = s;

	if (!out)
		return NULL;
	while (*p) {
		const char *close;
		if (*p == '{' && (close = strchr(p, '}')) != NULL) {
			char name[64];
			const char *val;
			size_t nl = (size_t)(close - p - 1), vl;
			snprintf(name, sizeof name, "%.*s", (int)nl, p + 1);
			val = cfg ? config_placeholder(cfg, name) : NULL;
			if (!val) {
				add_error(errs, file, line, _("%s: unknown"
					" placeholder {%s} (set it in"
					" placeholders of yordam.conf)"), what,
					name);
				val = "";
			}
			vl = strlen(val);
			if (len + vl + 1 > cap) {
				char *g = realloc(out, cap = len + vl + strlen(p) + 1);
				if (!g) {
					free(out);
					return NULL;
				}
				out = g;
			}
			memcpy(out + len, val, vl);
			len += vl;
			p = close + 1;
			continue;
		}
		if (len + 2 > cap) {
			char *g = realloc(out, cap *= 2);
			if (!g) {
				free(out);
				return NULL;
			}
			out = g;
		}
		out[len++] = *p++;
	}
	out[len] = '\0';
	return out;
}

/*
 * reviewed_by = "native speaker, ky"; reviewed_on = "2026-11-25";  Who
 * read this language's text, and when: absent means nobody has, which
 * `yordamctl content review` lists.
 */
int
conf_review(config_setting_t *g, const char *what, const char *code,
		const char *path, struct content_errors *errs, const char **by,
		const char **on)
{
	int y, m, d;
	char tail;

	*by = conf_string(g, "reviewed_by", path, errs, 0);
	*on = conf_string(g, "reviewed_on", path, errs, 0);
	if (!*by && !*on)
		return 0;
	if (!*by || !**by || !*on || sscanf(*on, "%4d-%2d-%2d%c", &y, &m, &d,
	    &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31) {
		add_error(errs, path, config_setting_source_line(g), _("'%s':"
			" a review needs both reviewed_by (a role, e.g."
			" \"native speaker, %s\" or \"lawyer\") and"
			" reviewed_on (YYYY-MM-DD)"), what, code);
		return -1;
	}
	return 1;
}
