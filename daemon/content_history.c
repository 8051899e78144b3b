/*
 * content_history.c - every content version yordamd loads, kept beside
 * the database so an editor can see what changed and go back.
 *
 *   <database dir>/content-history/<key>/   0700, as the database
 *       menus/, locales/ (.conf), law/deadlines.conf, corpus/ (.tsv)
 *                      the files that made the version, from the shipped
 *                      and the NGO's directories as loaded, 0600
 *       placeholders   yordam.conf's, as the texts were expanded
 *       meta           id, hash, loaded_at, who, why
 *   <database>.reload  yordamctl's request: who asks, and why
 *   <database>.pid     the running yordamd, for yordamctl to signal
 *
 * <key> is the content_versions row's (store_content.c): the hash, or
 * "<hash>-2" for a second load of the same texts.  A version's copy is
 * written once, into a temporary directory renamed into place, so a
 * directory that exists is whole.  The history is the NGO's public texts
 * (no message, no number), private all the same like the database.
 *
 * SIGHUP carries no sender, so yordamctl writes who asks into the request
 * file before it signals; the signal handler only sets its flag, and the
 * load reads and removes the request.  A bare SIGHUP (systemctl reload)
 * is recorded as "signal".  A failure to keep the files is logged and the
 * helpline goes on answering with the new content: the history is for
 * the editors, the answers are for the people.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content_private.h"
#include "yordam/clock.h"
#include "yordam/content_history.h"
#include "yordam/log.h"

static const char *const subs[] = { "menus", "locales", "law", "corpus" };

void
content_history_dir(const char *database, char *out, size_t n)
{
	char d[PATH_MAX];

	snprintf(d, sizeof d, "%s", database);
	snprintf(out, n, "%s/content-history", dirname(d));
}

/* Is name a content file of sub (what the loader reads there)? */
static int
content_name(const char *sub, const char *name)
{
	size_t n = strlen(name);
	const char *ext = strcmp(sub, "corpus") == 0 ? ".tsv" : ".conf";

	if (name[0] == '.')
		return 0;
	if (strcmp(sub, "law") == 0)
		return strcmp(name, "deadlines.conf") == 0;
	return n > strlen(ext) && strcmp(name + n - strlen(ext), ext) == 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
content_history_files(const char *dir, int *n)
{
	char path[PATH_MAX], **out = NULL, **grown;
	struct dirent *e;
	size_t k;
	DIR *d;

	*n = 0;
	for (k = 0; k < sizeof subs / sizeof *subs; k++) {
		snprintf(path, sizeof path, "%s/%s", dir, subs[k]);
		if (!(d = opendir(path)))
			continue;
		while ((e = readdir(d)) != NULL) {
			if (!content_name(subs[k], e->d_name) ||
			    !(grown = realloc(out, (size_t)(*n + 2) *
			    sizeof *out)))
				continue;
			out = grown;
			snprintf(path, sizeof path, "%s/%s", subs[k],
				e->d_name);
			if ((out[*n] = strdup(path)) != NULL)
				out[++*n] = NULL;
		}
		closedir(d);
	}
	if (*n)
		qsort(out, (size_t)*n, sizeof *out, by_name);
	return out;
}

int
content_history_copy(const char *src, const char *dst, int mode, char *err,
		size_t n)
{
	char tmp[PATH_MAX + 8], buf[8192];
	ssize_t got = 0;
	int in, out, bad = 0;

	snprintf(tmp, sizeof tmp, "%s.new", dst);
	if ((in = open(src, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(err, n, "%s: %s", src, strerror(errno));
		return -1;
	}
	unlink(tmp);
	if ((out = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode))
	    < 0) {
		snprintf(err, n, "%s: %s", tmp, strerror(errno));
		close(in);
		return -1;
	}
	while (!bad && (got = read(in, buf, sizeof buf)) > 0)
		bad = write(out, buf, (size_t)got) != got;
	bad = bad || got < 0 || fchmod(out, (mode_t)mode) != 0;
	if (bad)
		snprintf(err, n, "%s: %s", tmp, strerror(errno ? errno : EIO));
	close(in);
	if (close(out) != 0 && !bad) {
		snprintf(err, n, "%s: %s", tmp, strerror(errno));
		bad = 1;
	}
	if (!bad && rename(tmp, dst) != 0) {
		snprintf(err, n, "%s: %s", dst, strerror(errno));
		bad = 1;
	}
	if (bad)
		unlink(tmp);
	return bad ? -1 : 0;
}

static int
remove_one(const char *path, const struct stat *sb, int type,
		struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	return type == FTW_DP ? rmdir(path) : unlink(path);
}

int
content_history_remove_tree(const char *path)
{
	return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* root making files for the database's owner gives them to that owner. */
static void
own_like(const char *path, const char *database)
{
	struct stat sb;

	if (geteuid() == 0 && stat(database, &sb) == 0 &&
	    chown(path, sb.st_uid, sb.st_gid) != 0)
		log_warn("%s: cannot give it to user %ld: %s", path,
			(long)sb.st_uid, strerror(errno));
}

/* Printable words only, cut to fit: the request file is anyone's. */
static void
clean_line(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = *s == '\n' ? '\0' : '?';
}

/* who and why from the request beside the database, which is removed;
 * 0 if there was one. */
static int
take_request(const char *database, char *who, size_t nwho, char *why,
		size_t nwhy)
{
	char path[PATH_MAX + 16], line[256];
	FILE *f;
	int got = 0;

	snprintf(path, sizeof path, "%s.reload", database);
	if (!(f = fopen(path, "r")))
		return -1;
	if (fgets(line, sizeof line, f)) {
		clean_line(line);
		snprintf(who, nwho, "%.63s", *line ? line : "?");
		got = 1;
		if (fgets(line, sizeof line, f)) {
			clean_line(line);
			snprintf(why, nwhy, "%.63s", *line ? line : "reload");
		}
	}
	fclose(f);
	unlink(path);
	return got ? 0 : -1;
}

void
content_history_refused(const struct yordam_config *cfg)
{
	char who[64], why[64];

	if (take_request(cfg->database, who, sizeof who, why, sizeof why) == 0)
		log_info("the reload %s asked for (%s) is refused", who, why);
}

static int
tsv_file(const struct dirent *d)
{
	return content_name("corpus", d->d_name);
}

static int
conf_file(const struct dirent *d)
{
	return content_name("menus", d->d_name);
}

/* The files that made the version c, as content_load() read them. */
static int
list_loaded(const struct yordam_config *cfg, char ***abs, int *n)
{
	const char *site = cfg->content_site;
	char **part, path[PATH_MAX], **all = NULL, **grown;
	size_t k;
	int m, i;

	*n = 0;
	for (k = 0; k < sizeof subs / sizeof *subs; k++) {
		if (strcmp(subs[k], "law") == 0) {
			snprintf(path, sizeof path, "%s/law/deadlines.conf",
				content_dir_of(cfg->content, site,
				"law/deadlines.conf"));
			part = access(path, R_OK) == 0 ? calloc(2,
				sizeof *part) : NULL;
			if ((m = part != NULL) != 0)
				part[0] = strdup(path);
		} else
			part = content_files(cfg->content, site, subs[k],
				strcmp(subs[k], "corpus") == 0 ? tsv_file
				: conf_file, &m);
		for (i = 0; i < m; i++) {
			const char *name = strrchr(part[i], '/') + 1;
			if (!content_name(subs[k], name) || !(grown =
			    realloc(all, (size_t)(*n + 1) * sizeof *all)))
				continue;
			all = grown;
			all[(*n)++] = strdup(part[i]);
		}
		conf_list_free(part, m);
	}
	*abs = all;
	return 0;
}

/* The relative path of a loaded file: its last two components. */
static const char *
relative(const char *abs)
{
	const char *p = abs + strlen(abs);
	int slashes = 0;

	while (p > abs && (*--p != '/' || ++slashes < 2))
		;
	return *p == '/' ? p + 1 : p;
}

static int
write_meta(const char *dir, const struct store_content_row *v,
		const char *who, const char *why)
{
	char path[PATH_MAX * 2];
	FILE *f;
	int fd;

	snprintf(path, sizeof path, "%s/meta", dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600))
	    < 0 || !(f = fdopen(fd, "w"))) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	fprintf(f, "# yordam content version (content_history.c)\n"
		"id %lld\nhash %s\nkey %s\nloaded_at %lld\nwho %s\nwhy %s\n",
		(long long)v->id, v->hash, v->key, (long long)v->loaded_at,
		who, why);
	return fclose(f);
}

/* The placeholders the texts were expanded with (yordam.conf's, part of
 * the version's hash), "name = value" a line: content diff shows them. */
static int
write_placeholders(const char *dir, const struct yordam_config *cfg)
{
	char path[PATH_MAX * 2];
	FILE *f;
	int fd, i;

	snprintf(path, sizeof path, "%s/placeholders", dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600))
	    < 0 || !(f = fdopen(fd, "w"))) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	for (i = 0; i < cfg->n_placeholders; i++)
		fprintf(f, "%s = %s\n", cfg->placeholders[i].name,
			cfg->placeholders[i].value);
	own_like(path, cfg->database);
	return fclose(f);
}

/* The copy of the version's files into tmp; the number copied, -1. */
static int
copy_loaded(const struct yordam_config *cfg, const char *tmp)
{
	char **abs, dst[PATH_MAX * 2], err[PATH_MAX * 3];
	int n, i, bad = 0;
	size_t k;

	for (k = 0; k < sizeof subs / sizeof *subs; k++) {
		snprintf(dst, sizeof dst, "%s/%s", tmp, subs[k]);
		if (mkdir(dst, 0700) != 0)
			bad = 1;
		own_like(dst, cfg->database);
	}
	list_loaded(cfg, &abs, &n);
	for (i = 0; i < n; i++) {
		snprintf(dst, sizeof dst, "%s/%s", tmp, relative(abs[i]));
		if (!bad && content_history_copy(abs[i], dst, 0600, err,
		    sizeof err) != 0) {
			log_warn("content history: %s", err);
			bad = 1;
		}
		own_like(dst, cfg->database);
	}
	conf_list_free(abs, n);
	return bad ? -1 : n;
}

/* The files of version v under content-history/<key>/, once. */
static void
keep_files(const struct yordam_config *cfg, const struct store_content_row *v,
		const char *who, const char *why)
{
	char top[PATH_MAX], dir[PATH_MAX + 48], tmp[PATH_MAX + 16];
	int n;

	content_history_dir(cfg->database, top, sizeof top);
	snprintf(dir, sizeof dir, "%s/%s", top, v->key);
	if (access(dir, F_OK) == 0)
		return;
	if (mkdir(top, 0700) != 0 && errno != EEXIST) {
		log_warn("content history: %s: %s; version %lld's files are"
			" not kept", top, strerror(errno), (long long)v->id);
		return;
	}
	own_like(top, cfg->database);
	chmod(top, 0700);       /* private like the database, whatever umask */
	snprintf(tmp, sizeof tmp, "%s/.new-XXXXXX", top);
	if (!mkdtemp(tmp)) {
		log_warn("content history: %s: %s; version %lld's files are"
			" not kept", tmp, strerror(errno), (long long)v->id);
		return;
	}
	n = copy_loaded(cfg, tmp);
	if (n >= 0 && (write_placeholders(tmp, cfg) != 0 ||
	    write_meta(tmp, v, who, why) != 0 ||
	    rename(tmp, dir) != 0))
		n = -1;
	if (n < 0) {
		log_warn("content history: version %lld's files cannot be"
			" kept in %s: %s", (long long)v->id, top,
			strerror(errno ? errno : EIO));
		content_history_remove_tree(tmp);
		return;
	}
	own_like(dir, cfg->database);
	log_info("content version %lld (%s) kept in %s: %d files; %s, %s",
		(long long)v->id, v->hash, dir, n, who, why);
}

static char pid_path[PATH_MAX + 8];
static pid_t pid_owner;

/* At exit, the pid file goes (not in a worker forked later). */
static void
remove_pid(void)
{
	if (pid_owner == getpid())
		unlink(pid_path);
}

static void
write_pid(const char *database)
{
	char tmp[PATH_MAX + 16];
	FILE *f;

	snprintf(pid_path, sizeof pid_path, "%s.pid", database);
	snprintf(tmp, sizeof tmp, "%s.new", pid_path);
	if (!(f = fopen(tmp, "w")) || fprintf(f, "%ld\n", (long)getpid()) < 0
	    || fclose(f) != 0 || rename(tmp, pid_path) != 0) {
		log_warn("%s: %s: `yordamctl reload` cannot find this"
			" yordamd", pid_path, strerror(errno));
		return;
	}
	pid_owner = getpid();
	atexit(remove_pid);
}

int64_t
content_history_record(struct store *st, const struct yordam_config *cfg,
		const struct content *c, int flags)
{
	struct store_content_row v;
	char who[64] = "signal", why[64] = "reload (SIGHUP)", spec[24];
	int64_t id;

	if (!(flags & HISTORY_WORKER) && take_request(cfg->database, who,
	    sizeof who, why, sizeof why) != 0 && (flags & HISTORY_START)) {
		snprintf(who, sizeof who, "yordamd");
		snprintf(why, sizeof why, "start");
	}
	if ((id = store_content_version(st, c->hash, clock_now())) < 0) {
		log_error("content version: %s", store_error(st));
		return -1;
	}
	if (flags & HISTORY_WORKER)
		return id;
	if (flags & HISTORY_START)
		write_pid(cfg->database);
	snprintf(spec, sizeof spec, "%lld", (long long)id);
	if (store_content_find(st, spec, &v) != 0)
		log_warn("content history: %s", store_error(st));
	else
		keep_files(cfg, &v, who, why);
	return id;
}

void
content_history_meta(const char *database, const char *key,
		struct content_history_meta *m)
{
	char path[PATH_MAX + 64], line[256], **files;
	FILE *f;

	memset(m, 0, sizeof *m);
	snprintf(m->who, sizeof m->who, "-");
	snprintf(m->why, sizeof m->why, "-");
	content_history_dir(database, path, sizeof path);
	snprintf(path + strlen(path), sizeof path - strlen(path), "/%s/meta",
		key);
	if (!(f = fopen(path, "r"))) {
		m->kept = errno == EACCES ? -1 : 0;
		return;
	}
	m->kept = 1;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "who ", 4) == 0)
			snprintf(m->who, sizeof m->who, "%.63s", line + 4);
		else if (strncmp(line, "why ", 4) == 0)
			snprintf(m->why, sizeof m->why, "%.63s", line + 4);
	}
	fclose(f);
	*strrchr(path, '/') = '\0';
	files = content_history_files(path, &m->files);
	conf_list_free(files, m->files);
}

/* The pid in <database>.pid, if that process is a yordamd; else 0. */
static pid_t
running_pid(const char *database)
{
	char path[PATH_MAX + 16], cmd[4096], *p;
	long pid = 0;
	size_t got;
	FILE *f;

	snprintf(path, sizeof path, "%s.pid", database);
	if (!(f = fopen(path, "r")))
		return 0;
	if (fscanf(f, "%ld", &pid) != 1)
		pid = 0;
	fclose(f);
	snprintf(path, sizeof path, "/proc/%ld/cmdline", pid);
	if (pid <= 1 || !(f = fopen(path, "r")))
		return 0;
	got = fread(cmd, 1, sizeof cmd - 1, f);
	fclose(f);
	cmd[got] = '\0';
	/* A word of its command line (a wrapper's, valgrind's, too) is a
	 * program named yordamd: not another process given the stale pid. */
	for (p = cmd; p < cmd + got; p += strlen(p) + 1) {
		const char *base = strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
		if (strcmp(base, "yordamd") == 0 ||
		    strcmp(base, "lt-yordamd") == 0)
			return (pid_t)pid;
	}
	return 0;
}

int
content_history_request_pending(const char *database)
{
	char path[PATH_MAX + 16];

	snprintf(path, sizeof path, "%s.reload", database);
	return access(path, F_OK) == 0;
}

int
content_history_ask_reload(const char *database, const char *who,
		const char *why, int keep, char *err, size_t n)
{
	char path[PATH_MAX + 16], tmp[PATH_MAX + 24];
	pid_t pid = running_pid(database);
	FILE *f;
	int fd;

	snprintf(path, sizeof path, "%s.reload", database);
	snprintf(tmp, sizeof tmp, "%s.new", path);
	unlink(tmp);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0
	    || !(f = fdopen(fd, "w"))) {
		snprintf(err, n, "%s: %s (run it as the database's owner or"
			" root)", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	fprintf(f, "%.63s\n%.63s\n", who, why);
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		snprintf(err, n, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	own_like(path, database);
	if (!pid) {
		if (!keep)
			unlink(path);
		return 1;
	}
	if (kill(pid, SIGHUP) != 0) {
		snprintf(err, n, "yordamd (pid %ld): %s", (long)pid,
			strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}
