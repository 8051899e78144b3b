/*
 * store_backup.c - copies of the database taken while yordamd runs, and
 * putting one back.
 *
 * The database holds every conversation and help request; a disk that
 * goes bad or a file that gets damaged must not take them all.  A plain
 * `cp` of a live WAL database can copy the main file and its -wal from
 * different moments, so the copy is made through SQLite's online backup
 * API instead: on a connection that holds one read transaction (one
 * snapshot, which in WAL mode does not stop yordamd writing), page by
 * page, waiting out a busy or locked database.  The copy is written 0600
 * under a temporary name next to its destination, set to a plain
 * rollback journal (one self-contained file), checked with quick_check,
 * synced, and only then renamed into place: a backup file is complete
 * and sound, or it is not there.
 *
 * Restoring is the same copy in the other direction, into a temporary
 * file beside the database, renamed over it only when yordamd does not
 * have the database open.  The file it replaces is kept, with its -wal,
 * under a dated name: it may hold messages newer than the backup that
 * `sqlite3 .recover` can still salvage.  Its -shm goes: a stale -wal or
 * -shm next to a restored file would be read as part of it.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store_private.h"

#define STEP_PAGES 256          /* pages copied per backup step */
#define BUSY_WAIT_MS 100
#define BUSY_GIVE_UP_MS 60000   /* a minute of busy in a row: give up */

/* SQLite's lock bytes (its file format, section 1.3 "The Lock-Byte
 * Page"): the pending byte, the reserved byte and 510 shared bytes. */
#define SQLITE_LOCK_FIRST 0x40000000
#define SQLITE_LOCK_BYTES 512

long
store_user_pid(const char *path, char *err, size_t n)
{
	struct flock fl;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, n, "%s: %s", path, strerror(errno));
		return -1;
	}
	/* In WAL mode every open connection keeps a shared lock on these
	 * bytes for as long as it is open; a writer takes them all. */
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = SQLITE_LOCK_FIRST;
	fl.l_len = SQLITE_LOCK_BYTES;
	if (fcntl(fd, F_GETLK, &fl) != 0) {
		snprintf(err, n, "%s: cannot see its locks: %s", path,
			strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return fl.l_type == F_UNLCK ? 0 : (fl.l_pid > 0 ? fl.l_pid : 1);
}

static void
sync_path(const char *path, int directory)
{
	int fd = open(path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR)
		| O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

static void
sync_dir_of(const char *path)
{
	char copy[PATH_MAX];

	snprintf(copy, sizeof copy, "%s", path);
	sync_path(dirname(copy), 1);
}

static void
remove_tmp(const char *tmp)
{
	char side[PATH_MAX + 32];

	unlink(tmp);
	snprintf(side, sizeof side, "%s-journal", tmp);
	unlink(side);
}

/* Copy every page of src's main database into dst, retrying while the
 * source is busy or locked. */
static int
copy_pages(sqlite3 *src, sqlite3 *dst, char *err, size_t n)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	int rc, waited = 0;

	if (!b) {
		snprintf(err, n, "cannot start the copy: %s",
			sqlite3_errmsg(dst));
		return -1;
	}
	for (;;) {
		rc = sqlite3_backup_step(b, STEP_PAGES);
		if (rc == SQLITE_OK) {
			waited = 0;
			continue;
		}
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
		    waited < BUSY_GIVE_UP_MS) {
			sqlite3_sleep(BUSY_WAIT_MS);
			waited += BUSY_WAIT_MS;
			continue;
		}
		break;
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(err, n, "copying: %s%s", sqlite3_errstr(rc),
			rc == SQLITE_BUSY || rc == SQLITE_LOCKED
			? " for a minute; try again" : "");
		return -1;
	}
	return 0;
}

/* The copy as one file, checked. */
static int
finish_copy(sqlite3 *dst, char *err, size_t n)
{
	char report[256];
	int rc;

	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL,
	    NULL) != SQLITE_OK) {
		snprintf(err, n, "setting the copy's journal: %s",
			sqlite3_errmsg(dst));
		return -1;
	}
	if ((rc = store_quick_check(dst, report, sizeof report)) != 0) {
		snprintf(err, n, "the copy %s quick_check (%s)%s",
			rc > 0 ? "fails" : "could not be checked by", report,
			rc > 0 ? ": is the database itself damaged? see"
			" `yordamctl check`" : "");
		return -1;
	}
	return 0;
}

/*
 * A checked copy of src's main database in a new temporary file beside
 * dest (its name in tmp): 0600, synced.  src holds one read transaction
 * for the whole copy, so the pages all come from one moment even while
 * yordamd commits: without it every commit between two steps would
 * start the copy over.
 */
static int
copy_beside(sqlite3 *src, const char *dest, char *tmp, size_t tmpn,
		char *err, size_t n)
{
	char dir[PATH_MAX];
	sqlite3 *dst = NULL;
	int fd, rc = -1;

	snprintf(tmp, tmpn, "%s.tmp-XXXXXX", dest);
	if ((fd = mkstemp(tmp)) < 0) {
		snprintf(dir, sizeof dir, "%s", dest);
		snprintf(err, n, "cannot create a file in %s: %s",
			dirname(dir), strerror(errno));
		return -1;
	}
	close(fd);
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL)
	    != SQLITE_OK) {
		snprintf(err, n, "%s: %s", tmp, sqlite3_errmsg(dst));
	} else if (sqlite3_exec(src, "BEGIN; SELECT count(*) FROM"
	    " sqlite_master", NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, n, "reading the database: %s",
			sqlite3_errmsg(src));
	} else {
		rc = copy_pages(src, dst, err, n);
		sqlite3_exec(src, "COMMIT", NULL, NULL, NULL);
		if (rc == 0)
			rc = finish_copy(dst, err, n);
	}
	sqlite3_close(dst);
	if (rc == 0)
		sync_path(tmp, 0);
	else
		remove_tmp(tmp);
	return rc;
}

static int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
		sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int
store_backup(struct store *st, const char *dest)
{
	const char *live = sqlite3_db_filename(st->db, "main");
	char tmp[PATH_MAX + 16], err[512];
	struct stat sb;

	if (stat(dest, &sb) == 0 && S_ISDIR(sb.st_mode))
		return store_fail(st, "%s is a directory", dest);
	if (live && same_file(live, dest))
		return store_fail(st, "backup to %s: that is the database itself",
			dest);
	if (copy_beside(st->db, dest, tmp, sizeof tmp, err, sizeof err) != 0)
		return store_fail(st, "backup to %s: %s", dest, err);
	if (rename(tmp, dest) != 0) {
		int e = errno;
		remove_tmp(tmp);
		return store_fail(st, "backup to %s: renaming %s into place:"
			" %s", dest, tmp, strerror(e));
	}
	sync_dir_of(dest);
	return 0;
}

/* The file being replaced, and its -wal, under a dated name beside it;
 * its -shm goes. */
static int
keep_old(const char *path, char *kept, size_t keptn, char *err, size_t n)
{
	char from[PATH_MAX + 16], to[PATH_MAX + 64];
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	snprintf(kept, keptn, "%s.before-restore-", path);
	strftime(kept + strlen(kept), keptn - strlen(kept), "%Y%m%d-%H%M%S",
		&tm);
	if (rename(path, kept) != 0) {
		snprintf(err, n, "moving %s aside to %s: %s", path, kept,
			strerror(errno));
		return -1;
	}
	snprintf(from, sizeof from, "%s-wal", path);
	snprintf(to, sizeof to, "%s-wal", kept);
	if (rename(from, to) != 0 && errno != ENOENT) {
		snprintf(err, n, "moving %s aside to %s: %s", from, to,
			strerror(errno));
		rename(kept, path);
		return -1;
	}
	snprintf(from, sizeof from, "%s-shm", path);
	unlink(from);
	return 0;
}

/* The restored file belongs to whoever owned the one it replaces (or the
 * directory): root restoring for the yordam user must not leave yordamd
 * a file it cannot open. */
static int
give_owner(const char *tmp, const char *path, char *err, size_t n)
{
	char dir[PATH_MAX];
	struct stat sb;

	snprintf(dir, sizeof dir, "%s", path);
	if (geteuid() != 0 || (stat(path, &sb) != 0 &&
	    stat(dirname(dir), &sb) != 0))
		return 0;
	if (chown(tmp, sb.st_uid, sb.st_gid) != 0) {
		snprintf(err, n, "%s: cannot give it to user %ld: %s", tmp,
			(long)sb.st_uid, strerror(errno));
		return -1;
	}
	return 0;
}

/* Undo keep_old(), when the restored file cannot be put in place. */
static void
unkeep(const char *path, const char *kept)
{
	char from[PATH_MAX + 64], to[PATH_MAX + 16];

	rename(kept, path);
	snprintf(from, sizeof from, "%s-wal", kept);
	snprintf(to, sizeof to, "%s-wal", path);
	rename(from, to);
}

/* The backup, checked, copied beside the database. */
static int
copy_backup(const char *from, const char *path, char *tmp, size_t tmpn,
		char *err, size_t n)
{
	char report[256];
	struct stat sb;
	sqlite3 *src = NULL;
	int rc;

	if (stat(from, &sb) != 0) {
		snprintf(err, n, "%s: %s", from, strerror(errno));
		return -1;
	}
	if (S_ISREG(sb.st_mode) && sb.st_size == 0) {
		snprintf(err, n, "%s is empty: not a backup", from);
		return -1;
	}
	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL)
	    != SQLITE_OK) {
		snprintf(err, n, "%s: %s", from, sqlite3_errmsg(src));
		sqlite3_close(src);
		return -1;
	}
	sqlite3_busy_timeout(src, 5000);
	if ((rc = store_quick_check(src, report, sizeof report)) != 0)
		snprintf(err, n, "the backup %s %s (quick_check: %s)%s", from,
			rc > 0 ? "is damaged" : "cannot be checked", report,
			rc > 0 ? "; choose another" : "");
	else
		rc = copy_beside(src, path, tmp, tmpn, err, n);
	sqlite3_close(src);
	return rc ? -1 : 0;
}

int
store_restore(const char *from, const char *path, char *kept, size_t keptn,
		char *err, size_t n)
{
	char tmp[PATH_MAX + 16];
	long pid;

	kept[0] = '\0';
	if ((pid = store_user_pid(path, err, n)) < 0)
		return -1;
	if (pid > 0) {
		snprintf(err, n, "%s is open in process %ld (yordamd?): stop"
			" yordamd first (systemctl stop yordam), and any"
			" yordamctl using it", path, pid);
		return -1;
	}
	if (same_file(from, path)) {
		snprintf(err, n, "%s is the database itself", from);
		return -1;
	}
	if (copy_backup(from, path, tmp, sizeof tmp, err, n) != 0)
		return -1;
	if (give_owner(tmp, path, err, n) != 0 || (access(path, F_OK) == 0 &&
	    keep_old(path, kept, keptn, err, n) != 0)) {
		remove_tmp(tmp);
		kept[0] = '\0';
		return -1;
	}
	if (rename(tmp, path) != 0) {
		snprintf(err, n, "renaming %s to %s: %s", tmp, path,
			strerror(errno));
		remove_tmp(tmp);
		if (kept[0])
			unkeep(path, kept);
		kept[0] = '\0';
		return -1;
	}
	sync_dir_of(path);
	return 0;
}
