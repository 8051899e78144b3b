/*
 * ctl_history.c - yordamctl's content history, for the NGO's editors:
 *
 *   reload [--as NAME]         check the content, then ask yordamd to load
 *                              it, recorded as by NAME
 *   content history [--json]   every version loaded: who, why, replies
 *   content diff A B           what changed in the files between two
 *   content rollback VERSION [--as NAME]   that version's texts again
 *
 * The versions' files are kept by yordamd beside the database
 * (content_history.c); these commands only read them, except rollback,
 * which writes the NGO's directory (content_site), never the shipped
 * one: every file of the version that differs from today's shipped file
 * goes there, so loading gives that version's texts, and the NGO's
 * directory as it was is kept beside it (<site>.before-rollback).  The
 * copy is loaded on the side first, with today's yordam.conf, and
 * refused with the loader's errors; then the directories are swapped in
 * one rename and yordamd reloads: a new version, "rollback to N".
 *
 * The diff is the system's diff -ruN (diffutils is Essential on Debian):
 * a proper shortest diff, files added and removed, no code of ours to get
 * wrong; its output is the NGO's texts and goes through ctl_put().
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"
#include "yordam/content_history.h"
#include "yordam/json.h"

#define RELOAD_WAIT_MS 30000

struct list {
	const char *database;
	int json, n;
};

static int
history_row(const struct store_content_row *v, void *ud)
{
	struct list *l = ud;
	struct content_history_meta m;
	char when[32];

	content_history_meta(l->database, v->key, &m);
	ctl_local_time(v->loaded_at, 0, when, sizeof when);
	if (l->json) {
		printf("%s{\"id\":%lld,\"hash\":\"%s\",\"key\":\"%s\","
			"\"loaded_at\":%lld,\"loaded\":\"%s\",\"who\":",
			l->n ? "," : "", (long long)v->id, v->hash, v->key,
			(long long)v->loaded_at, when);
		json_string(stdout, m.who);
		printf(",\"why\":");
		json_string(stdout, m.why);
		printf(",\"files\":%d,\"kept\":%s,\"replies\":%lld}\n",
			m.files, m.kept > 0 ? "true" : m.kept < 0 ? "null"
			: "false",
			(long long)v->replies);
	} else {
		printf("%7lld  %-16s  %s  %5d  %7lld  ", (long long)v->id,
			v->hash, when, m.files, (long long)v->replies);
		ctl_put(stdout, m.who, 0);
		printf(": ");
		ctl_put(stdout, m.why, 0);
		printf("%s\n", m.kept > 0 ? "" : m.kept < 0 ? " (files not"
			" readable by this user)" : " (files not kept)");
	}
	l->n++;
	return 0;
}

static int
content_history(const struct yordam_config *cfg, int json)
{
	struct store *st = ctl_open(cfg, 0);
	struct list l = { cfg->database, json, 0 };
	int rc;

	if (json)
		printf("[");
	else
		printf("version  hash              loaded            files"
			"  replies  who: why\n");
	rc = store_content_versions(st, history_row, &l);
	if (json)
		printf("]\n");
	if (rc != 0)
		fprintf(stderr, "yordamctl: %s\n", store_error(st));
	store_close(st);
	return rc != 0;
}

/* The version spec names, with its kept files' directory in dir. */
static int
find_kept(struct store *st, const struct yordam_config *cfg,
		const char *spec, struct store_content_row *v, char *dir,
		size_t n)
{
	char top[PATH_MAX];
	struct stat sb;

	if (store_content_find(st, spec, v) != 0) {
		fprintf(stderr, "yordamctl: %s\n", store_error(st));
		return -1;
	}
	content_history_dir(cfg->database, top, sizeof top);
	snprintf(dir, n, "%s/%s", top, v->key);
	if (stat(dir, &sb) != 0 && errno == EACCES) {
		fprintf(stderr, "yordamctl: %s: %s (run it as root or as the"
			" database's owner)\n", dir, strerror(errno));
		return -1;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		fprintf(stderr, "yordamctl: version %lld's files were not"
			" kept (%s: %s): it was loaded before yordamd kept"
			" a history, or its directory was removed\n",
			(long long)v->id, dir, strerror(errno ? errno
			: ENOTDIR));
		return -1;
	}
	return 0;
}

/* A line of diff's output, escaped but for its tabs (the corpus's
 * columns); the copies' times after the names on ---/+++ go. */
static void
put_diff_line(char *line)
{
	char *tab;

	if (strncmp(line, "--- ", 4) == 0 || strncmp(line, "+++ ", 4) == 0)
		if ((tab = strchr(line, '\t')) != NULL)
			strcpy(tab, "\n");
	while ((tab = strchr(line, '\t')) != NULL) {
		*tab = '\0';
		ctl_put(stdout, line, CTL_LINES);
		putchar('\t');
		line = tab + 1;
	}
	ctl_put(stdout, line, CTL_LINES);
}

/* diff -ruN between two kept versions' directories, through ctl_put. */
static int
run_diff(const char *top, const char *a, const char *b)
{
	char line[4096];
	int fds[2], status = 0;
	pid_t pid;
	FILE *f;

	if (pipe(fds) != 0 || (pid = fork()) < 0) {
		fprintf(stderr, "yordamctl: cannot run diff: %s\n",
			strerror(errno));
		return 1;
	}
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		if (chdir(top) == 0)
			execlp("diff", "diff", "-ruN", "-x", "meta", a, b,
				(char *)NULL);
		fprintf(stderr, "yordamctl: cannot run diff (diffutils) in"
			" %s: %s\n", top, strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	if ((f = fdopen(fds[0], "r")) != NULL) {
		while (fgets(line, sizeof line, f))
			put_diff_line(line);
		fclose(f);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
		fprintf(stderr, "yordamctl: diff failed (status %d)\n",
			WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return 1;
	}
	if (WEXITSTATUS(status) == 0)
		printf("the files and placeholders are the same\n");
	return 0;
}

static int
content_diff(const struct yordam_config *cfg, const char *a, const char *b)
{
	struct store *st = ctl_open(cfg, 0);
	struct store_content_row va, vb;
	char da[PATH_MAX + 64], db[PATH_MAX + 64], top[PATH_MAX];
	int bad;

	bad = find_kept(st, cfg, a, &va, da, sizeof da) != 0 ||
		find_kept(st, cfg, b, &vb, db, sizeof db) != 0;
	store_close(st);
	if (bad)
		return 1;
	printf("version %lld (%s) -> version %lld (%s)\n", (long long)va.id,
		va.key, (long long)vb.id, vb.key);
	fflush(stdout);
	content_history_dir(cfg->database, top, sizeof top);
	return run_diff(top, va.key, vb.key);
}

/* The newest content version (0 if none or unreadable). */
static int64_t
newest_version(const struct yordam_config *cfg)
{
	struct store *st = ctl_open(cfg, 0);
	struct store_status s;

	if (store_status(st, &s) != 0)
		s.content_version = 0;
	store_close(st);
	return s.content_version;
}

/* Wait for yordamd to take the request; the version it runs now. */
static int64_t
wait_taken(const struct yordam_config *cfg)
{
	int ms;

	for (ms = 0; ms < RELOAD_WAIT_MS &&
	    content_history_request_pending(cfg->database); ms += 100) {
		struct timespec t = { 0, 100 * 1000000L };
		nanosleep(&t, NULL);
	}
	if (content_history_request_pending(cfg->database))
		return -1;
	return newest_version(cfg);
}

/* Ask yordamd to reload; what happened, said; the exit status. */
static int
ask_reload(const struct yordam_config *cfg, const char *who, const char *why,
		int keep)
{
	char err[PATH_MAX + 256];
	int64_t v, before = newest_version(cfg);
	int rc = content_history_ask_reload(cfg->database, who, why, keep,
		err, sizeof err);

	if (rc < 0) {
		fprintf(stderr, "yordamctl: cannot ask yordamd to reload: %s\n",
			err);
		return 1;
	}
	if (rc == 1) {
		fprintf(stderr, "yordamctl: yordamd is not running (no live"
			" pid in %s.pid)%s\n", cfg->database, keep ? ": it"
			" loads the content at its next start" : "");
		return keep ? 0 : 1;
	}
	if ((v = wait_taken(cfg)) < 0) {
		fprintf(stderr, "yordamctl: yordamd did not take the reload"
			" within %d s: see its log\n", RELOAD_WAIT_MS / 1000);
		return 1;
	}
	if (v == before) {
		printf("yordamd took the request; content version %lld still"
			" runs: the texts are the same, or it refused them"
			" (see its log)\n", (long long)v);
		return 0;
	}
	printf("yordamd reloaded (%s, %s): content version %lld\n", who, why,
		(long long)v);
	return 0;
}

int
ctl_reload(const struct yordam_config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	const char *as = NULL;
	struct content *c;
	int opt;

	optind = 0;     /* options anywhere: main() parsed with "+" */
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 'a')
			return 2;
		as = optarg;
	}
	if (optind != argc)
		return 2;
	if (!(c = ctl_load_content(cfg))) {
		fprintf(stderr, "yordamctl: the content has errors: yordamd"
			" is not asked to reload (it would refuse and keep"
			" what it runs)\n");
		return 1;
	}
	content_free(c);
	return ask_reload(cfg, ctl_who_am_i(as), "reload", 0);
}

/* Is the file at a the same as the one at b (which may be missing)? */
static int
same_file(const char *a, const char *b)
{
	char x[8192], y[8192];
	size_t nx, ny;
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	int same = fa && fb;

	while (same) {
		nx = fread(x, 1, sizeof x, fa);
		ny = fread(y, 1, sizeof y, fb);
		same = nx == ny && memcmp(x, y, nx) == 0;
		if (nx == 0)
			break;
	}
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return same;
}

/* Into tmp (the NGO's directory to be), every file of the version in
 * vdir that differs from the shipped one; 0 or -1, said. */
static int
stage_files(const struct yordam_config *cfg, const char *vdir,
		const char *tmp, int64_t id)
{
	char **files, **now, src[PATH_MAX * 2], dst[PATH_MAX * 2], err[PATH_MAX * 3];
	int n, n_now, i, j, bad = 0;

	files = content_history_files(vdir, &n);
	for (i = 0; i < n && !bad; i++) {
		snprintf(src, sizeof src, "%s/%s", vdir, files[i]);
		snprintf(dst, sizeof dst, "%s/%s", cfg->content, files[i]);
		if (same_file(src, dst))
			continue;       /* the shipped file says the same */
		snprintf(dst, sizeof dst, "%s/%.*s", tmp,
			(int)strcspn(files[i], "/"), files[i]);
		mkdir(dst, 0755);
		snprintf(dst, sizeof dst, "%s/%s", tmp, files[i]);
		if (content_history_copy(src, dst, 0644, err, sizeof err)) {
			fprintf(stderr, "yordamctl: %s\n", err);
			bad = 1;
		}
	}
	now = content_history_files(cfg->content, &n_now);
	for (j = 0; j < n_now; j++) {
		for (i = 0; i < n && strcmp(files[i], now[j]) != 0; i++)
			;
		if (i == n)
			fprintf(stderr, "yordamctl: note: %s/%s is shipped now"
				" and was not in version %lld: it is loaded"
				" too\n", cfg->content, now[j], (long long)id);
	}
	for (i = 0; i < n; i++)
		free(files[i]);
	for (j = 0; j < n_now; j++)
		free(now[j]);
	free(files);
	free(now);
	return bad ? -1 : 0;
}

/* Version vdir's placeholders that yordam.conf no longer has as they
 * were: said, for the texts use today's (yordam.conf is not rolled back). */
static void
note_placeholders(const struct yordam_config *cfg, const char *vdir,
		int64_t id)
{
	char path[PATH_MAX * 2], line[1024];
	FILE *f;
	int i, n = 0;

	snprintf(path, sizeof path, "%s/placeholders", vdir);
	if (!(f = fopen(path, "r")))
		return;
	while (fgets(line, sizeof line, f)) {
		char *eq = strstr(line, " = ");
		line[strcspn(line, "\n")] = '\0';
		if (!eq)
			continue;
		*eq = '\0';
		for (i = 0; i < cfg->n_placeholders; i++)
			if (strcmp(cfg->placeholders[i].name, line) == 0)
				break;
		if (i < cfg->n_placeholders &&
		    strcmp(cfg->placeholders[i].value, eq + 3) == 0)
			continue;
		if (n++ == 0)
			fprintf(stderr, "yordamctl: note: yordam.conf's"
				" placeholders differ from version %lld's (its"
				" texts are expanded with today's): ",
				(long long)id);
		fprintf(stderr, "%s{", n > 1 ? ", " : "");
		ctl_put(stderr, line, 0);
		fprintf(stderr, "}");
	}
	if (n)
		fprintf(stderr, "\n");
	fclose(f);
}

/* Does the content load with tmp as the NGO's directory?  Errors said
 * with "version N:" in place of the temporary directory. */
static int
validate(const struct yordam_config *cfg, const char *tmp, int64_t id)
{
	struct yordam_config trial = *cfg;      /* read only */
	struct content_errors errs;
	struct content *c;
	size_t lt = strlen(tmp);
	int i;

	trial.content_site = (char *)tmp;
	if (content_load(cfg->content, &trial, &c, &errs) == 0) {
		content_free(c);
		return 0;
	}
	for (i = 0; i < errs.n; i++) {
		const char *m = errs.msgs[i], *at = strstr(m, tmp);
		if (at) {
			fprintf(stderr, "%.*s", (int)(at - m), m);
			fprintf(stderr, "version %lld: ", (long long)id);
			m = at + lt + (at[lt] == '/');
		}
		fprintf(stderr, "%s\n", m);
	}
	fprintf(stderr, "yordamctl: rollback to version %lld refused: its"
		" files do not load with today's yordam.conf and shipped"
		" content (%d error(s) above); nothing changed\n",
		(long long)id, errs.n);
	content_errors_free(&errs);
	return -1;
}

/* tmp becomes the NGO's directory; the old one goes beside it. */
static int
swap_site(const char *site, const char *tmp)
{
	char old[PATH_MAX + 32];
	struct stat sb;

	if (stat(site, &sb) == 0) {
		chmod(tmp, sb.st_mode & 07777);
		if (geteuid() == 0 && chown(tmp, sb.st_uid, sb.st_gid) != 0)
			fprintf(stderr, "yordamctl: %s: cannot give it to"
				" user %ld: %s\n", tmp, (long)sb.st_uid,
				strerror(errno));
	} else
		chmod(tmp, 0755);
	if (stat(site, &sb) != 0)
		return rename(tmp, site);
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, site, RENAME_EXCHANGE) != 0)
		return -1;
	snprintf(old, sizeof old, "%s.before-rollback", site);
	if (access(old, F_OK) == 0)
		content_history_remove_tree(old);
	if (rename(tmp, old) != 0)
		fprintf(stderr, "yordamctl: the NGO's files as they were are"
			" left in %s: %s\n", tmp, strerror(errno));
	return 0;
}

/* Are a and b one directory? */
static int
same_dir(const char *a, const char *b)
{
	struct stat x, y;

	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev
		&& x.st_ino == y.st_ino;
}

static int
content_rollback(const struct yordam_config *cfg, const char *spec,
		const char *as)
{
	struct store *st = ctl_open(cfg, 0);
	struct store_content_row v;
	char vdir[PATH_MAX + 64], tmp[PATH_MAX + 32], why[64];
	int bad;

	bad = find_kept(st, cfg, spec, &v, vdir, sizeof vdir) != 0;
	store_close(st);
	if (bad)
		return 1;
	if (!cfg->content_site || same_dir(cfg->content, cfg->content_site)) {
		fprintf(stderr, "yordamctl: rollback writes only the NGO's"
			" directory (content_site), and here it is %s: give"
			" the NGO's files a directory of their own\n",
			cfg->content_site ? "the shipped one" : "unset");
		return 1;
	}
	snprintf(tmp, sizeof tmp, "%s.rollback-XXXXXX", cfg->content_site);
	if (!mkdtemp(tmp)) {
		fprintf(stderr, "yordamctl: %s: %s\n", tmp, strerror(errno));
		return 1;
	}
	note_placeholders(cfg, vdir, v.id);
	if (stage_files(cfg, vdir, tmp, v.id) != 0 ||
	    validate(cfg, tmp, v.id) != 0) {
		content_history_remove_tree(tmp);
		return 1;
	}
	if (swap_site(cfg->content_site, tmp) != 0) {
		fprintf(stderr, "yordamctl: cannot put version %lld's files in"
			" %s: %s; nothing changed\n", (long long)v.id,
			cfg->content_site, strerror(errno));
		content_history_remove_tree(tmp);
		return 1;
	}
	printf("version %lld's files are in %s (the NGO's files before are in"
		" %s.before-rollback)\n", (long long)v.id, cfg->content_site,
		cfg->content_site);
	snprintf(why, sizeof why, "rollback to %lld", (long long)v.id);
	return ask_reload(cfg, ctl_who_am_i(as), why, 1);
}

int
ctl_content_history(const struct yordam_config *cfg, const char *sub,
		int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "as", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	const char *as = NULL;
	int json = 0, opt, want = strcmp(sub, "history") == 0 ? 0
		: strcmp(sub, "diff") == 0 ? 2 : 1;

	optind = 0;     /* options anywhere: main() parsed with "+" */
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'j' && want == 0)
			json = 1;
		else if (opt == 'a' && strcmp(sub, "rollback") == 0)
			as = optarg;
		else
			return 2;
	}
	if (argc - optind != want + 1)  /* the subcommand, then these */
		return 2;
	if (want == 0)
		return content_history(cfg, json);
	if (want == 2)
		return content_diff(cfg, argv[optind + 1], argv[optind + 2]);
	return content_rollback(cfg, argv[optind + 1], as);
}
