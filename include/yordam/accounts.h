/*
 * accounts.h - the staff console's accounts and sessions: who may log in
 * to yordam-web, with which role and language, and the sessions their
 * browsers hold.  Served by the store (daemon/store_accounts.c), so
 * yordamctl (which manages accounts) and yordam-web (which logs people
 * in) share one set of rules and one audit log.
 *
 * What the database keeps is only what cannot be turned back into a
 * secret: a password as its argon2id hash (libsodium's crypto_pwhash_str),
 * a session token as its keyed BLAKE2b hash (the key, settings
 * 'session_key', never leaves the database).  A password or a token is
 * never stored, logged or audited; audit lines name the account only.
 *
 * Names are compared without case in any script ("Айгерим" is
 * "айгерим"), and each call that changes something is one transaction of
 * its own.  Every failure, a broken rule ("the password has 7
 * characters; at least 10") as much as a database error, sets the
 * store's error (store_error()) to a reason a person can read.
 */
#ifndef YORDAM_ACCOUNTS_H
#define YORDAM_ACCOUNTS_H

#include <stdint.h>

#include "yordam/store.h"

enum account_role { ROLE_STAFF, ROLE_ADMIN };

#define ACCOUNT_MAX_NAME 32       /* characters */

struct account {
	char name[4 * ACCOUNT_MAX_NAME + 1];    /* as added (NFC); 32
				 * Cyrillic letters are 64 bytes */
	enum account_role role;
	char lang[8];           /* "ru" or "en": the console's language */
	int failures;           /* wrong passwords in a row */
	int64_t locked_until;   /* 0 if not locked */
	int64_t created_at;
};

#define ACCOUNT_MIN_PASSWORD 10   /* characters, not bytes */
#define ACCOUNT_MAX_PASSWORD 256  /* characters: beyond, only a cost */

/* "staff" or "admin". */
const char *account_role_name(enum account_role role);
/* "staff" or "admin" to *out: 0, or -1 for anything else. */
int account_role_parse(const char *s, enum account_role *out);

/*
 * A new account.  name: 1-32 characters, each a letter of any script, a
 * digit 0-9, '.', '_' or '-' (no spaces, quotes or controls), not the
 * name of another account in any case.  password: valid UTF-8, at least
 * ACCOUNT_MIN_PASSWORD characters (not bytes) and at most
 * ACCOUNT_MAX_PASSWORD, and not the name in any case.  lang: "ru" or
 * "en" (NULL: "ru").  Hashed with argon2id (OPSLIMIT_INTERACTIVE,
 * MEMLIMIT_INTERACTIVE) before the write lock is taken; audited
 * ("account-add", who = by, detail = the name).  0 or -1.
 */
int account_add(struct store *st, const char *name, const char *password,
		enum account_role role, const char *lang, const char *by,
		int64_t now);

/* A new password (the same rules as account_add): the account's
 * sessions end (every browser logged in as it must log in again);
 * audited "account-password".  The lock, if any, stays: account_unlock()
 * lifts it.  0 or -1. */
int account_set_password(struct store *st, const char *name,
		const char *password, const char *by, int64_t now);

/* A new role, audited "account-role-admin" or "account-role-staff".
 * The last admin cannot become staff (no one could manage accounts
 * then).  0 or -1. */
int account_set_role(struct store *st, const char *name,
		enum account_role role, const char *by, int64_t now);

/* The console's language ("ru" or "en"), the account's own choice: not
 * audited.  0 or -1. */
int account_set_lang(struct store *st, const char *name, const char *lang);

/* The account and its sessions go; audited "account-remove".  The last
 * admin cannot be removed.  0 or -1. */
int account_remove(struct store *st, const char *name, const char *by,
		int64_t now);

/* Wrong passwords forgiven and the lock lifted; audited
 * "account-unlock".  0 or -1. */
int account_unlock(struct store *st, const char *name, const char *by,
		int64_t now);

typedef void (*account_fn)(const struct account *a, void *ud);

/* Every account, by name.  0 or -1. */
int account_list(struct store *st, account_fn fn, void *ud);

/* One account, by name in any case.  1 found (*out filled), 0 not (the
 * error says so), -1 error. */
int account_get(struct store *st, const char *name, struct account *out);

/*
 * A login.  1 right (*out filled, wrong passwords forgotten, audited
 * "login"); 0 wrong name or password (wrong passwords counted for an
 * existing name; at `after` in a row the account is locked until now +
 * lock_seconds, audited "lockout", and the count starts again); 2 locked
 * now (the password is not even checked, but the same work is done so
 * the time taken does not tell); -1 error.  An unknown name costs the
 * same time as a known one (the password is verified against a dummy
 * hash, and the write a wrong password's count makes is made too: the
 * refusal is counted in settings 'login_refusals') and counts nothing
 * against any account.  On 0 and 2 the error holds the reason for
 * logs ("wrong name or password", "account x is locked"); a console
 * should tell the person no more than that the login failed.
 */
int account_login(struct store *st, const char *name, const char *password,
		int after, int lock_seconds, int64_t now, struct account *out);

/*
 * A session for an existing account, valid until expires_at (> now).
 * token: 64 hex characters from 32 random bytes (randombytes_buf), for
 * the browser's cookie; only its keyed hash is stored.  csrf: 64 hex
 * random characters, the session's token for forms.  0 or -1.
 */
int session_create(struct store *st, const char *name, int64_t now,
		int64_t expires_at, char token[65], char csrf[65]);

/* The session of a browser's token: 1 valid (acct, with the account's
 * role and language as they are now, and csrf filled; seen_at updated at
 * most once a minute), 0 unknown, malformed or expired (an expired one
 * is deleted), -1 error.  acct and csrf may be NULL. */
int session_get(struct store *st, const char *token, int64_t now,
		struct account *acct, char csrf[65]);

/* Log out: the session goes.  0 (also when there was none) or -1. */
int session_end(struct store *st, const char *token);

/* Expired sessions go: how many, or -1. */
int session_purge(struct store *st, int64_t now);

#endif
