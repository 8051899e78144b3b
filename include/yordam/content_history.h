/*
 * content_history.h - every loaded content version kept beside the
 * database (content_history.c): its files and who loaded it and why,
 * and the reload request yordamctl leaves for yordamd.
 */
#ifndef YORDAM_CONTENT_HISTORY_H
#define YORDAM_CONTENT_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "yordam/config.h"
#include "yordam/content.h"
#include "yordam/store.h"

#define HISTORY_START 1         /* the load at start-up */
#define HISTORY_WORKER 2        /* a modem's worker: only the row's id */

/* <database's directory>/content-history into out. */
void content_history_dir(const char *database, char *out, size_t n);

/* The daemon loaded c: its content_versions row (a new one unless c is
 * what the newest row holds), and, in the main process, the files kept
 * under content-history/<key>/ with who asked (the request yordamctl
 * left, else "signal"); at start also the pid file.  The id, -1. */
int64_t content_history_record(struct store *st,
		const struct yordam_config *cfg, const struct content *c,
		int flags);
/* A reload refused: the request that asked for it is spent. */
void content_history_refused(const struct yordam_config *cfg);

/* What a version's meta file says; kept 0 when its files were not kept
 * (loaded before there was a history, or pruned), -1 when this user
 * may not read them. */
struct content_history_meta {
	char who[64];
	char why[64];
	int files;
	int kept;
};
void content_history_meta(const char *database, const char *key,
		struct content_history_meta *m);

/* The content files of a version's directory (or a content directory),
 * relative ("locales/uz.conf"), sorted; NULL and *n 0 when none. */
char **content_history_files(const char *dir, int *n);

/* Copy src to dst (created with mode), through a temporary file. */
int content_history_copy(const char *src, const char *dst, int mode,
		char *err, size_t n);

/* rm -r path, not following links; 0 or -1 (errno). */
int content_history_remove_tree(const char *path);

/* Ask the running yordamd to reload, recorded as by who, for why.  0
 * asked; 1 yordamd is not running (the request is kept for its next
 * start when keep, else removed); -1 with err. */
int content_history_ask_reload(const char *database, const char *who,
		const char *why, int keep, char *err, size_t n);
/* Did yordamd take the request yet? */
int content_history_request_pending(const char *database);

#endif
