/*
 * ctl.c - yordamctl's shared helpers: one way to open the database for
 * every command (read-only where a command only reads, so it never
 * competes with yordamd for the write lock), one way to load the content
 * with its errors reported, times as people read them, and secrets (a
 * PIN, a password) read without echo.
 */
#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"
#include "yordam/i18n.h"

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
		fprintf(stderr, _("%d error(s)\n"), errs.n);
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

static struct termios saved;
static volatile sig_atomic_t echo_off;

static void
restore_echo(int sig)
{
	if (echo_off)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	echo_off = 0;
	if (sig) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
}

int
ctl_read_secret(const char *prompt, char *buf, size_t n)
{
	int tty = isatty(STDIN_FILENO), rc = 0;
	struct termios quiet;
	size_t len = 0;
	char c;

	if (tty && tcgetattr(STDIN_FILENO, &saved) == 0) {
		fputs(prompt, stderr);
		fflush(stderr);
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		signal(SIGINT, restore_echo);
		signal(SIGTERM, restore_echo);
		signal(SIGHUP, restore_echo);
		echo_off = 1;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	for (;;) {
		ssize_t r = read(STDIN_FILENO, &c, 1);
		if (r <= 0) {
			rc = len ? 0 : -1;
			break;
		}
		if (c == '\n')
			break;
		if (len + 1 < n)        /* longer: cut, the caller refuses it */
			buf[len++] = c;
		else
			len = n;
	}
	if (len >= n)
		len = n - 1;
	buf[len] = '\0';
	if (len && buf[len - 1] == '\r')
		buf[len - 1] = '\0';
	if (tty && echo_off) {
		restore_echo(0);
		fputc('\n', stderr);
	}
	return rc;
}
