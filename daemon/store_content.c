/*
 * store_content.c - the content versions each reply points at
 * (content_versions: id, hash, loaded_at; messages.content_version).
 *
 * A row is one load that changed what the helpline says, not one hash:
 * going back to texts seen before (a rollback, or an editor undoing an
 * edit by hand) is a new row, so the history reads in the order things
 * happened and a reply points at the load that produced it.  The hash
 * column is UNIQUE (schema 1), so a second load of the same content is
 * keyed "<hash>-2", "<hash>-3"...; the content hash is the part before
 * the dash.  A load of the content already running (a reload with
 * nothing changed, a restart) keeps its row.  The files of each version
 * are kept beside the database by content_history.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_private.h"

/* The content hash of a row's key: the part before any "-n". */
#define KEY_HASH "CASE WHEN instr(hash, '-') > 0 THEN substr(hash, 1," \
	" instr(hash, '-') - 1) ELSE hash END"

int64_t
store_content_version(struct store *st, const char *hash, int64_t now)
{
	sqlite3_stmt *q;
	int64_t id = -1;

	/* One statement: a modem's worker may record the same load. */
	if (store_prepare(st, &q, "INSERT INTO content_versions (hash,"
	    " loaded_at) SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM"
	    " content_versions WHERE hash = ?1) THEN ?1 ELSE ?1 || '-' ||"
	    " (2 + (SELECT count(*) FROM content_versions WHERE hash LIKE"
	    " ?1 || '-%'))  END, ?2 WHERE coalesce((SELECT " KEY_HASH
	    " FROM content_versions ORDER BY id DESC LIMIT 1), '') != ?1") != 0)
		return -1;
	sqlite3_bind_text(q, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, now);
	if (store_step_done(st, q, "content version") != 0)
		return -1;
	if (store_prepare(st, &q, "SELECT id FROM content_versions WHERE"
	    " hash = ?1 OR hash LIKE ?1 || '-%' ORDER BY id DESC LIMIT 1"))
		return -1;
	sqlite3_bind_text(q, 1, hash, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		id = sqlite3_column_int64(q, 0);
	else
		store_set_err(st, "content version");
	store_release(st, q);
	return id;
}

static void
read_version(sqlite3_stmt *q, struct store_content_row *v)
{
	const char *key = (const char *)sqlite3_column_text(q, 1);

	memset(v, 0, sizeof *v);
	v->id = sqlite3_column_int64(q, 0);
	snprintf(v->key, sizeof v->key, "%s", key ? key : "");
	snprintf(v->hash, sizeof v->hash, "%.*s",
		(int)strcspn(v->key, "-"), v->key);
	v->loaded_at = sqlite3_column_int64(q, 2);
	v->replies = sqlite3_column_int64(q, 3);
}

/* the replies of each version counted in messages_version, one range a
 * version */
#define VERSION_SELECT "SELECT v.id, v.hash, v.loaded_at, (SELECT count(*)" \
	" FROM messages WHERE content_version = v.id AND dir = 'out')" \
	" FROM content_versions v"

int
store_content_versions(struct store *st,
		int (*fn)(const struct store_content_row *v, void *ud),
		void *ud)
{
	struct store_content_row v;
	sqlite3_stmt *q;
	int rc;

	if (store_prepare(st, &q, VERSION_SELECT " ORDER BY v.id") != 0)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		read_version(q, &v);
		if (fn(&v, ud) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc != SQLITE_DONE)
		store_set_err(st, "content versions");
	store_release(st, q);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The rows of content_versions that sql (VERSION_SELECT's, with ?1 the
 * id and ?2 the spec) finds: the first into out; 2 if some hold other
 * content than the first. */
static int
find_rows(struct store *st, const char *sql, int64_t id, const char *spec,
		struct store_content_row *out, int *n)
{
	struct store_content_row v;
	sqlite3_stmt *q;
	int rc, other = 0;

	*n = 0;
	if (store_prepare(st, &q, sql) != 0)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, spec, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		read_version(q, &v);
		if ((*n)++ == 0)
			*out = v;
		else if (strcmp(v.hash, out->hash) != 0 && !other)
			other = (int)v.id;
	}
	store_release(st, q);
	if (rc != SQLITE_DONE)
		return store_set_err(st, "content version");
	if (other)
		return store_fail(st, "'%s' is the start of the hash of more"
			" than one version (%lld and %d): give more of it",
			spec, (long long)out->id, other);
	return 0;
}

/*
 * A version as people name it: its number ("2"), or the start of its
 * hash ("3fa9", at least 4 characters).  Several rows of the same
 * content (a load and a rollback to it) hold the same files: the newest
 * is taken.  0, or -1 with why in the store's error.
 */
int
store_content_find(struct store *st, const char *spec,
		struct store_content_row *out)
{
	size_t len = strlen(spec);
	int n = 0;

	if (!len || strspn(spec, "0123456789abcdef") != len)
		return store_fail(st, "'%s' is neither a version number nor"
			" the start of a hash", spec);
	if (strspn(spec, "0123456789") == len && len < 10 &&
	    find_rows(st, VERSION_SELECT " WHERE v.id = ?1 AND ?2 IS NOT NULL",
	    strtoll(spec, NULL, 10), spec, out, &n) != 0)
		return -1;
	if (n)
		return 0;
	if (len < 4)
		return store_fail(st, "no content version %s (yordamctl content"
			" history lists them; a hash needs 4 characters)", spec);
	if (find_rows(st, VERSION_SELECT " WHERE ?1 IS NOT NULL AND v.hash"
	    " LIKE ?2 || '%' ORDER BY v.id DESC", 0, spec, out, &n) != 0)
		return -1;
	if (!n)
		return store_fail(st, "no content version %s (yordamctl content"
			" history lists them)", spec);
	return 0;
}
