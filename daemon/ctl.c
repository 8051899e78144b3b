/*
 * ctl.c - yordamctl's shared helpers: one way to open the database for
 * every command (read-only where a command only reads, so it never
 * competes with yordamd for the write lock), one way to load the content
 * with its errors reported, and times as people read them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <errno.h>
#include <grp.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctl.h"

/*
 * The database (or its directory) may not be read by this user: say so,
 * and which group the helpline's staff are in, instead of SQLite's
 * "unable to open database file".  1 when it said so.
 */
static int
explain_permission(const char *path, int writable)
{
	char dir[4096];
	const char *what = path;
	struct stat st;
	struct group *g;
	char *slash;

	snprintf(dir, sizeof dir, "%s", path);
	if ((slash = strrchr(dir, '/')) != NULL && slash != dir)
		*slash = '\0';
	if (access(dir, X_OK) != 0 && errno == EACCES)
		what = dir;
	else if (access(path, writable ? R_OK | W_OK : R_OK) != 0 &&
	    errno == EACCES)
		what = path;
	else
		return 0;
	g = stat(what == dir ? dir : path, &st) == 0 ? getgrgid(st.st_gid)
		: NULL;
	if (g)
		fprintf(stderr, "yordamctl: %s: permission denied; the"
			" helpline's staff are in group %s (sudo adduser $USER"
			" %s, then log in again)\n", what, g->gr_name,
			g->gr_name);
	else
		fprintf(stderr, "yordamctl: %s: permission denied\n", what);
	return 1;
}

struct store *
ctl_open(const struct yordam_config *cfg, int writable)
{
	struct store *st;
	char err[1024];

	if (explain_permission(cfg->database, writable))
		exit(1);
	if ((writable ? store_open(cfg->database, &st, err, sizeof err)
	    : store_open_readonly(cfg->database, &st, err, sizeof err)) != 0) {
		fprintf(stderr, "yordamctl: %s\n", err);
		exit(1);
	}
	return st;
}

struct content *
ctl_load_content(const struct yordam_config *cfg)
{
	struct content *c;
	struct content_errors errs;
	int i;

	if (content_load(cfg->content, cfg, &c, &errs) != 0) {
		for (i = 0; i < errs.n; i++)
			fprintf(stderr, "%s\n", errs.msgs[i]);
		fprintf(stderr, "%d error(s)\n", errs.n);
		content_errors_free(&errs);
		return NULL;
	}
	return c;
}

void
ctl_join_args(int n, char **argv, char *out, size_t outlen)
{
	int a;

	if (outlen == 0)
		return;
	out[0] = '\0';
	for (a = 0; a < n; a++) {
		strncat(out, a ? " " : "", outlen - strlen(out) - 1);
		strncat(out, argv[a], outlen - strlen(out) - 1);
	}
}

void
ctl_local_time(int64_t t, int with_seconds, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(buf, n, with_seconds ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M",
		&tm);
}

const char *
ctl_who_am_i(const char *as)
{
	const char *w = as ? as : getenv("SUDO_USER");

	if (!w || !*w)
		w = getenv("USER");
	return w && *w ? w : "desk";
}
