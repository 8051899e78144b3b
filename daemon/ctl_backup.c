/*
 * ctl_backup.c - yordamctl's backup and restore commands:
 *
 *   backup FILE               a copy of the database, safe while yordamd
 *                             runs (the store's online backup)
 *   backup [--keep N] DIR     the copy as DIR/yordam-YYYYMMDD-HHMMSS.db;
 *                             with --keep, only the newest N such files
 *                             stay
 *   restore FILE              a backup back in place of the database,
 *                             with yordamd stopped
 *
 * Rotation is here, not in a shell script beside the systemd timer: the
 * service is one ExecStart line with nothing more to install, the e2e
 * tests run the same code, and it only ever removes files whose whole
 * name is one this command writes, and only after a backup succeeded,
 * so a failing backup never eats the good old ones.
 */
#include <ctype.h>
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
#include "yordam/store.h"

#define BACKUP_NAME "yordam-########-######.db"    /* # a digit */

static int
is_backup_name(const struct dirent *e)
{
	const char *s = e->d_name;
	size_t i;

	if (strlen(s) != sizeof BACKUP_NAME - 1)
		return 0;
	for (i = 0; BACKUP_NAME[i]; i++)
		if (BACKUP_NAME[i] == '#' ? !isdigit((unsigned char)s[i])
		    : s[i] != BACKUP_NAME[i])
			return 0;
	return 1;
}

/* Keep the newest `keep` backups in dir (the names sort by time). */
static int
rotate(const char *dir, int keep)
{
	struct dirent **list;
	char path[PATH_MAX];
	int n, i, rc = 0;

	if ((n = scandir(dir, &list, is_backup_name, alphasort)) < 0) {
		fprintf(stderr, "yordamctl: listing %s to remove old backups:"
			" %s\n", dir, strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
		if (i < n - keep) {
			if (unlink(path) == 0) {
				printf("removed old backup %s\n", path);
			} else {
				fprintf(stderr, "yordamctl: removing old"
					" backup %s: %s\n", path,
					strerror(errno));
				rc = 1;
			}
		}
		free(list[i]);
	}
	free(list);
	return rc;
}

static int
is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int
cmd_backup(const struct yordam_config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "keep", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	char dest[PATH_MAX], name[64];
	const char *target;
	struct store *st;
	int keep = 0, opt, rc;
	time_t now = time(NULL);
	struct tm tm;

	while ((opt = getopt_long(argc, argv, "k:", opts, NULL)) != -1) {
		if (opt != 'k' || (keep = atoi(optarg)) < 1)
			return 2;
	}
	if (optind != argc - 1)
		return 2;
	target = argv[optind];
	if (keep && !is_dir(target)) {
		fprintf(stderr, "yordamctl: backup --keep needs a directory:"
			" %s is not one\n", target);
		return 1;
	}
	if (is_dir(target)) {
		localtime_r(&now, &tm);
		strftime(name, sizeof name, "yordam-%Y%m%d-%H%M%S.db", &tm);
		snprintf(dest, sizeof dest, "%s/%s", target, name);
	} else {
		snprintf(dest, sizeof dest, "%s", target);
	}
	st = ctl_open(cfg, 0);
	rc = store_backup(st, dest);
	if (rc != 0)
		fprintf(stderr, "yordamctl: %s\n", store_error(st));
	store_close(st);
	if (rc != 0)
		return 1;
	printf("%s: backup written to %s\n", cfg->database, dest);
	return keep ? rotate(target, keep) : 0;
}

static int
cmd_restore(const struct yordam_config *cfg, int argc, char **argv)
{
	char kept[PATH_MAX + 64], err[1024];

	if (argc != 2)
		return 2;
	if (store_restore(argv[1], cfg->database, kept, sizeof kept, err,
	    sizeof err) != 0) {
		fprintf(stderr, "yordamctl: restore: %s\n", err);
		return 1;
	}
	printf("%s: restored from %s\n", cfg->database, argv[1]);
	if (kept[0])
		printf("the database it replaced is kept as %s (with its -wal"
			" if it had one): it may hold messages newer than the"
			" backup (`sqlite3 %s .recover`); remove it when it is"
			" no longer needed\n", kept, kept);
	printf("start yordamd again: systemctl start yordam\n");
	return 0;
}

int
ctl_backup(const struct yordam_config *cfg, const char *cmd, int argc,
		char **argv)
{
	if (strcmp(cmd, "backup") == 0)
		return cmd_backup(cfg, argc, argv);
	return cmd_restore(cfg, argc, argv);
}
