/*
 * store_sessions.c - the staff console's sessions (accounts.h): a token
 * for the browser's cookie, of which the database keeps only a keyed
 * hash, a CSRF token per session, expiry.
 *
 * Why a keyed hash: whoever reads the database (a backup, a stolen disk)
 * must not be able to act as a logged-in staff member.  The token is 32
 * random bytes, so a plain hash would do against guessing; the key
 * (settings 'session_key', migration 14) makes the stored value useless
 * without the same database, like the pseudonyms of exports.  A session
 * carries the account's role and language as they are now, so a role
 * taken away applies at the next page; a new password or a removed
 * account ends the account's sessions (store_accounts.c, the foreign
 * key's cascade).
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "store_private.h"
#include "yordam/accounts.h"

#define TOKEN_BYTES 32

/* One statement on a session by its stored hash (?1), with ?2 a time
 * where it uses one. */
static int
on_session(struct store *st, const char *sql, const char *hash,
		int64_t t, const char *what)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, sql) != 0)
		return -1;
	sqlite3_bind_text(q, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, t);
	return store_step_done(st, q, what);
}

/* The session key of migration 14, into key; -1 without one. */
static int
session_key(struct store *st, unsigned char key[32])
{
	const char *hex = NULL;
	sqlite3_stmt *q;
	int ok;

	if (sodium_init() < 0)
		return store_fail(st, "libsodium cannot start");
	if (store_prepare(st, &q, "SELECT value FROM settings WHERE key ="
	    " 'session_key'") != 0)
		return -1;
	if (sqlite3_step(q) == SQLITE_ROW)
		hex = (const char *)sqlite3_column_text(q, 0);
	ok = hex && strlen(hex) == 64 && sodium_hex2bin(key, 32, hex, 64,
		NULL, NULL, NULL) == 0;
	store_release(st, q);
	if (!ok) {
		sodium_memzero(key, 32);
		return store_fail(st, "the database has no session key");
	}
	return 0;
}

/* A token as session_create() makes them: 64 lowercase hex digits. */
static int
token_ok(const char *token)
{
	return token && strlen(token) == 2 * TOKEN_BYTES &&
		strspn(token, "0123456789abcdef") == 2 * TOKEN_BYTES;
}

/* What is stored for a token: its BLAKE2b keyed with the session key,
 * in hex. */
static int
token_hash(struct store *st, const char *token, char out[65])
{
	unsigned char key[32], h[32];

	if (session_key(st, key) != 0)
		return -1;
	crypto_generichash(h, sizeof h, (const unsigned char *)token,
		strlen(token), key, sizeof key);
	sodium_memzero(key, sizeof key);
	sodium_bin2hex(out, 65, h, sizeof h);
	return 0;
}

static void
random_hex(char out[65])
{
	unsigned char b[TOKEN_BYTES];

	randombytes_buf(b, sizeof b);
	sodium_bin2hex(out, 2 * TOKEN_BYTES + 1, b, sizeof b);
	sodium_memzero(b, sizeof b);
}

int
session_create(struct store *st, const char *name, int64_t now,
		int64_t expires_at, char token[65], char csrf[65])
{
	char hash[65];
	struct account a;
	sqlite3_stmt *q;

	token[0] = csrf[0] = '\0';
	if (expires_at <= now)
		return store_fail(st, "a session must end after it begins");
	if (sodium_init() < 0)
		return store_fail(st, "libsodium cannot start");
	random_hex(token);
	random_hex(csrf);
	if (token_hash(st, token, hash) != 0 || store_begin(st) != 0)
		goto fail;
	if (store_find_account(st, name, &a, NULL) != 1 ||
	    store_prepare(st, &q, "INSERT INTO web_sessions (token_hash, name,"
	    " csrf, created_at, expires_at, seen_at) VALUES (?1, ?2, ?3, ?4,"
	    " ?5, ?4)") != 0)
		goto undo;
	sqlite3_bind_text(q, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, a.name, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, csrf, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, now);
	sqlite3_bind_int64(q, 5, expires_at);
	if (store_step_done(st, q, "start a session") != 0 ||
	    store_commit(st) != 0)
		goto undo;
	return 0;
undo:
	store_rollback(st);
fail:
	sodium_memzero(token, 65);
	sodium_memzero(csrf, 65);
	return -1;
}

int
session_get(struct store *st, const char *token, int64_t now,
		struct account *acct, char csrf[65])
{
	int64_t expires_at = 0, seen_at = 0;
	struct account a;
	char hash[65];
	sqlite3_stmt *q;
	int rc;

	if (!token_ok(token))
		return store_fail(st, "no such session"), 0;
	if (token_hash(st, token, hash) != 0 ||
	    store_prepare(st, &q, "SELECT s.expires_at, s.seen_at, s.csrf,"
	    " a.name, a.role, a.lang, a.failures, a.locked_until,"
	    " a.created_at FROM web_sessions s JOIN accounts a ON a.name ="
	    " s.name WHERE s.token_hash = ?1") != 0)
		return -1;
	sqlite3_bind_text(q, 1, hash, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		expires_at = sqlite3_column_int64(q, 0);
		seen_at = sqlite3_column_int64(q, 1);
		if (csrf)
			snprintf(csrf, 65, "%s", sqlite3_column_text(q, 2));
		store_read_account(q, 3, &a);
	}
	store_release(st, q);
	if (rc == SQLITE_DONE)
		return store_fail(st, "no such session"), 0;
	if (rc != SQLITE_ROW)
		return store_set_err(st, "find a session");
	if (expires_at <= now) {
		if (csrf)
			csrf[0] = '\0';
		if (on_session(st, "DELETE FROM web_sessions WHERE token_hash ="
		    " ?1", hash, now, "end an expired session") != 0)
			return -1;
		return store_fail(st, "the session has expired"), 0;
	}
	if (now - seen_at >= 60 && on_session(st, "UPDATE web_sessions SET"
	    " seen_at = ?2 WHERE token_hash = ?1", hash, now,
	    "note a session seen") != 0)
		return -1;
	if (acct)
		*acct = a;
	return 1;
}

int
session_end(struct store *st, const char *token)
{
	char hash[65];

	if (!token_ok(token))
		return 0;
	if (token_hash(st, token, hash) != 0)
		return -1;
	return on_session(st, "DELETE FROM web_sessions WHERE token_hash = ?1",
		hash, 0, "end a session");
}

int
session_purge(struct store *st, int64_t now)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "DELETE FROM web_sessions WHERE expires_at"
	    " <= ?1") != 0)
		return -1;
	sqlite3_bind_int64(q, 1, now);
	if (store_step_done(st, q, "purge sessions") != 0)
		return -1;
	return sqlite3_changes(st->db);
}
