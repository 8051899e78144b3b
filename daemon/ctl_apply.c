/*
 * ctl_apply.c - yordamctl changing the NGO's locale files safely, for
 * content import (ctl_translate.c) and content reviewed (here):
 *
 *   content reviewed NODE|REPLY --lang L [--as NAME] [--role ROLE]
 *       records in L's locale file that NAME (ROLE) read that text today:
 *       reviewed_by = "NAME, ROLE"; reviewed_on = "YYYY-MM-DD";
 *
 * Where the changes go: the NGO's own files are in content_site (by
 * default content/ beside yordam.conf); the shipped ones (content, under
 * /usr/share) are the package's and an upgrade replaces them.  So a
 * changed locale file is written to content_site/locales/, with the same
 * name as the file it was read from: edited in place when the NGO already
 * has its own copy, copied from the shipped file first when it has not
 * (a site file replaces the shipped one of its name, content_files()).
 *
 * Nothing is written before the whole content loads without an error
 * with the changes: the changed files go into a scratch site (the NGO's
 * other files linked beside them) and the normal content loader reads
 * it, so the refusals are the ones `yordamctl check` prints, named by the
 * real files.  Only then is each file replaced, atomically (a temporary
 * file beside it, renamed over it: content_edit_write()).
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"
#include "yordam/text.h"

/* The language people's texts are translated from: the editors read
 * Russian, and every answer was written in it first. */
#define SOURCE_LANG "ru"

int
ctl_edit_open(struct ctl_edit *x, const struct yordam_config *cfg)
{
	struct content_errors errs;
	char err[512];
	int l;

	memset(x, 0, sizeof *x);
	x->cfg = cfg;
	if (content_load(cfg->content, cfg, &x->c, &errs) != 0) {
		/* A text missing in a language is for translators to fix:
		 * the texts are still there to export and import. */
		content_errors_free(&errs);
		x->c = content_load_texts(cfg->content, cfg, &errs);
		fprintf(stderr, "yordamctl: note: the content does not load"
			" now (%d error(s), `yordamctl check` lists them)%s\n",
			errs.n, x->c ? "; its texts are read as they are" : "");
		if (!x->c) {
			for (l = 0; l < errs.n; l++)
				fprintf(stderr, "%s\n", errs.msgs[l]);
			content_errors_free(&errs);
			return -1;
		}
	}
	content_errors_free(&errs);
	x->nf = x->c->n_offered;
	x->f = calloc((size_t)x->nf + 1, sizeof *x->f);
	for (l = 0; x->f && l < x->nf; l++) {
		struct ctl_locale_file *f = &x->f[l];
		const char *base = strrchr(x->c->locales[l].file, '/');
		f->loc = &x->c->locales[l];
		f->write_to = malloc(strlen(cfg->content_site) + strlen(base
			? base : "") + 16);
		if (f->write_to)
			sprintf(f->write_to, "%s/locales%s", cfg->content_site,
				base ? base : "");
		if (!(f->e = content_edit_open(f->loc->file, err, sizeof err))) {
			fprintf(stderr, "yordamctl: %s\n", err);
			ctl_edit_close(x);
			return -1;
		}
		if (strcmp(f->loc->code, SOURCE_LANG) == 0)
			x->src = l;
	}
	return x->f ? 0 : -1;
}

void
ctl_edit_close(struct ctl_edit *x)
{
	int l;

	for (l = 0; x->f && l < x->nf; l++) {
		content_edit_free(x->f[l].e);
		free(x->f[l].write_to);
	}
	free(x->f);
	content_free(x->c);
	memset(x, 0, sizeof *x);
}

struct ctl_locale_file *
ctl_edit_file(struct ctl_edit *x, const char *code, char *why, size_t n)
{
	const struct locale *loc = content_locale(x->c, code);
	int l;

	for (l = 0; l < x->nf; l++)
		if (strcmp(x->f[l].loc->code, code) == 0)
			return &x->f[l];
	for (l = 0; loc && loc->derived && l < x->nf; l++)
		if ((x->f[l].loc->script_variant && strcmp(code,
		    x->f[l].loc->script_variant) == 0) ||
		    (x->f[l].loc->latin_variant && strcmp(code,
		    x->f[l].loc->latin_variant) == 0)) {
			snprintf(why, n, "language '%s' is made from '%s' by"
				" transliteration, not written: edit '%s'",
				code, x->f[l].loc->code, x->f[l].loc->code);
			return NULL;
		}
	snprintf(why, n, "no language '%s' in the content", code);
	return NULL;
}

/* Is name a canned reply's, exactly as written in the files? */
static int
is_reply(const struct content *c, const char *name)
{
	const char *const *names;
	int n = content_reply_names(c, &names), i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

/* Is name a setting of the source language's group ("system")? */
static int
source_has(const struct ctl_edit *x, const char *group, const char *name)
{
	char **m;
	int n = content_edit_members(x->f[x->src].e, group, &m), i, found = 0;

	for (i = 0; i < n; i++) {
		found |= strcmp(m[i], name) == 0;
		free(m[i]);
	}
	free(m);
	return found;
}

int
ctl_edit_path(const struct ctl_edit *x, const struct ctl_locale_file *f,
		const char *node, const char *field, char *path, size_t n,
		char *why, size_t wn)
{
	int k = content_node_index(x->c, node);
	char *t;

	if (strcmp(field, "label") == 0 || strcmp(field, "text") == 0) {
		if (k < 0)
			return snprintf(why, wn, "no node '%s' in menus/",
				node), -1;
		if (k == x->c->home && strcmp(field, "label") == 0)
			return snprintf(why, wn, "'%s' is the main menu: it has"
				" a text, no label", node), -1;
		snprintf(path, n, "texts.%s.%s", node, field);
		return 0;
	}
	if (strcmp(field, "reply") == 0) {
		if (!is_reply(x->c, node))
			return snprintf(why, wn, "no canned reply '%s'", node),
				-1;
		snprintf(path, n, "replies.%s", node);
		if ((t = content_edit_get(f->e, path)) == NULL)
			snprintf(path, n, "replies.%s.text", node);
		free(t);
		return 0;
	}
	if ((strcmp(node, "system") == 0 || strcmp(node, "conditions") == 0)
	    && source_has(x, node, field)) {
		snprintf(path, n, "%s.%s", node, field);
		return 0;
	}
	if (strcmp(node, "system") == 0 || strcmp(node, "conditions") == 0)
		return snprintf(why, wn, "no %s text '%s'", node, field), -1;
	return snprintf(why, wn, "unknown field '%s' of '%s' (label, text,"
		" reply, or a system text with node \"system\")", field, node),
		-1;
}

/* The scratch site taken apart: its files and links, then the dirs. */
static void
remove_tree(const char *dir)
{
	static const char *const subs[] = { "locales", "menus", "law",
		"corpus" };
	char p[4096];
	struct dirent *d;
	DIR *dp;
	size_t i;

	snprintf(p, sizeof p, "%s/locales", dir);
	if ((dp = opendir(p)) != NULL) {
		while ((d = readdir(dp)) != NULL)
			if (d->d_name[0] != '.') {
				snprintf(p, sizeof p, "%s/locales/%s", dir,
					d->d_name);
				unlink(p);
			}
		closedir(dp);
	}
	for (i = 0; i < sizeof subs / sizeof *subs; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, subs[i]);
		if (unlink(p) != 0)
			rmdir(p);
	}
	rmdir(dir);
}

/* The NGO's site as it would be: the changed files, and links to the
 * rest.  0, or -1 with why printed. */
static int
build_scratch(struct ctl_edit *x, const char *t)
{
	static const char *const subs[] = { "menus", "law", "corpus" };
	char site[PATH_MAX], p[PATH_MAX + 512], q[PATH_MAX + 512], err[512];
	struct dirent *d;
	DIR *dp;
	size_t i;
	int l;

	snprintf(p, sizeof p, "%s/locales", t);
	if (mkdir(p, 0700) != 0)
		return fprintf(stderr, "yordamctl: %s: %s\n", p,
			strerror(errno)), -1;
	if (!realpath(x->cfg->content_site, site))
		return 0;       /* no site yet: only the changed files */
	for (i = 0; i < sizeof subs / sizeof *subs; i++) {
		snprintf(p, sizeof p, "%s/%s", site, subs[i]);
		snprintf(q, sizeof q, "%s/%s", t, subs[i]);
		if (access(p, F_OK) == 0 && symlink(p, q) != 0)
			return fprintf(stderr, "yordamctl: %s: %s\n", q,
				strerror(errno)), -1;
	}
	snprintf(p, sizeof p, "%s/locales", site);
	if ((dp = opendir(p)) != NULL) {
		while ((d = readdir(dp)) != NULL) {
			if (d->d_name[0] == '.')
				continue;
			snprintf(p, sizeof p, "%s/locales/%s", site, d->d_name);
			snprintf(q, sizeof q, "%s/locales/%s", t, d->d_name);
			if (symlink(p, q) != 0)
				fprintf(stderr, "yordamctl: %s: %s\n", q,
					strerror(errno));
		}
		closedir(dp);
	}
	for (l = 0; l < x->nf; l++) {
		const char *base = strrchr(x->f[l].write_to, '/');
		if (!x->f[l].changed)
			continue;
		snprintf(q, sizeof q, "%s/locales%s", t, base);
		unlink(q);
		if (content_edit_write(x->f[l].e, q, 0644, err, sizeof err))
			return fprintf(stderr, "yordamctl: %s\n", err), -1;
	}
	return 0;
}

/* An error of the scratch site, named by the NGO's real file. */
static void
print_error(const char *msg, const char *t, const char *site)
{
	const char *at = strstr(msg, t);

	if (!at) {
		fprintf(stderr, "%s\n", msg);
		return;
	}
	fprintf(stderr, "%.*s%s%s\n", (int)(at - msg), msg, site,
		at + strlen(t));
}

/* The content as it would be with the changes: 0 when it loads. */
static int
validate(struct ctl_edit *x)
{
	const char *tmp = getenv("TMPDIR");
	char t[4096];
	struct yordam_config scratch = *x->cfg;  /* read only */
	struct content_errors errs;
	struct content *c;
	int i, rc;

	snprintf(t, sizeof t, "%s/yordam-edit.XXXXXX", tmp && *tmp ? tmp
		: "/tmp");
	if (!mkdtemp(t))
		return fprintf(stderr, "yordamctl: %s: %s\n", t,
			strerror(errno)), -1;
	if (build_scratch(x, t) != 0) {
		remove_tree(t);
		return -1;
	}
	scratch.content_site = t;
	rc = content_load(x->cfg->content, &scratch, &c, &errs);
	if (rc == 0)
		content_free(c);
	for (i = 0; i < errs.n; i++)
		print_error(errs.msgs[i], t, x->cfg->content_site);
	if (errs.n)
		fprintf(stderr, "%d error(s)\n", errs.n);
	content_errors_free(&errs);
	remove_tree(t);
	return rc;
}

int
ctl_edit_commit(struct ctl_edit *x)
{
	char dir[4096], err[512];
	int l, failed = 0;

	if (validate(x) != 0) {
		fprintf(stderr, "yordamctl: refused, nothing changed: the"
			" content would not load with these changes\n");
		return 1;
	}
	snprintf(dir, sizeof dir, "%s", x->cfg->content_site);
	mkdir(dir, 0755);
	snprintf(dir, sizeof dir, "%s/locales", x->cfg->content_site);
	mkdir(dir, 0755);
	for (l = 0; l < x->nf; l++)
		if (x->f[l].changed && content_edit_write(x->f[l].e,
		    x->f[l].write_to, 0644, err, sizeof err) != 0) {
			fprintf(stderr, "yordamctl: %s\n", err);
			failed = 1;
		}
	return failed;
}

/* Printable, and nothing that would end or bend the text it goes in. */
static int
name_ok(const char *s, const char *what)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!*s || !text_valid_utf8(s, strlen(s))) {
		fprintf(stderr, "yordamctl: %s is empty or not UTF-8 text\n",
			what);
		return 0;
	}
	for (; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\' ||
		    (*p == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0) ||
		    (*p == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] ==
		    0xa9 || (p[2] >= 0xaa && p[2] <= 0xae)))) {
			fprintf(stderr, "yordamctl: %s may not hold control"
				" characters, quotes or backslashes\n", what);
			return 0;
		}
	return 1;
}

/* reviewed_by and reviewed_on of node or reply `what` in f. */
static int
record_review(struct ctl_edit *x, struct ctl_locale_file *f,
		const char *what, const char *by, const char *on)
{
	char group[256], path[300], err[512];
	int a, b;

	if (content_node_index(x->c, what) >= 0)
		snprintf(group, sizeof group, "texts.%s", what);
	else if (is_reply(x->c, what))
		snprintf(group, sizeof group, "replies.%s", what);
	else
		return fprintf(stderr, "yordamctl: no node or canned reply"
			" '%s'\n", what), -1;
	snprintf(path, sizeof path, "%s.reviewed_by", group);
	a = content_edit_set(f->e, path, by, err, sizeof err);
	snprintf(path, sizeof path, "%s.reviewed_on", group);
	b = a < 0 ? -1 : content_edit_set(f->e, path, on, err, sizeof err);
	if (a < 0 || b < 0)
		return fprintf(stderr, "yordamctl: %s: %s\n", f->loc->file,
			err), -1;
	f->changed |= a | b;
	return 0;
}

int
ctl_content_reviewed(const struct yordam_config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "as", required_argument, NULL, 'a' },
		{ "role", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *lang = NULL, *as = NULL, *role = "native speaker";
	char by[512], on[16], why[256];
	struct ctl_locale_file *f;
	struct ctl_edit x;
	time_t now = time(NULL);
	int opt, rc;

	optind = 0;     /* a fresh scan: main() already used getopt */
	while ((opt = getopt_long(argc, argv, "l:a:r:", opts, NULL)) != -1) {
		if (opt == 'l')
			lang = optarg;
		else if (opt == 'a')
			as = optarg;
		else if (opt == 'r')
			role = optarg;
		else
			return 2;
	}
	if (argc - optind != 2 || !lang)       /* reviewed NODE */
		return 2;
	optind++;
	as = ctl_who_am_i(as);
	if (!name_ok(as, "the name (--as)") || !name_ok(role, "--role"))
		return 1;
	snprintf(by, sizeof by, "%s, %s", as, role);
	strftime(on, sizeof on, "%Y-%m-%d", localtime(&now));
	if (ctl_edit_open(&x, cfg) != 0)
		return 1;
	if (!(f = ctl_edit_file(&x, lang, why, sizeof why))) {
		fprintf(stderr, "yordamctl: %s\n", why);
		ctl_edit_close(&x);
		return 1;
	}
	rc = record_review(&x, f, argv[optind], by, on) != 0 ? 1
		: f->changed ? ctl_edit_commit(&x) : 0;
	if (rc == 0) {
		ctl_put(stdout, argv[optind], 0);
		printf(" %s: reviewed by ", lang);
		ctl_put(stdout, by, 0);
		printf(" on %s%s (%s)\n", on, f->changed ? "" : ", already so",
			f->changed ? f->write_to : f->loc->file);
	}
	ctl_edit_close(&x);
	return rc;
}
