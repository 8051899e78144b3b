/*
 * store_accounts.c - the staff console's accounts and sessions
 * (accounts.h): the rules for names and passwords, argon2id hashes,
 * wrong passwords counted per account with a lockout.  Their sessions
 * are in store_sessions.c.
 *
 * Why it is here and not in yordam-web: the console and yordamctl must
 * agree on every rule (what a name may hold, how short a password may
 * be, that the last admin stays), and both reach the database only
 * through the store.  The slow part, argon2id (64 MiB, a fraction of a
 * second), runs before a transaction begins, so a login or a new
 * password never holds the write lock the daemon needs for SMS.
 *
 * Names are NFC and compared with casefold() (store_functions.c), so
 * "Айгерим" and "айгерим" are one account: SQLite's NOCASE folds ASCII
 * only.  Audit lines go in the desk's audit table with no request and
 * name the account, never a password or a hash.
 */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "store_private.h"
#include "yordam/accounts.h"
#include "yordam/text.h"

#define HASH_MAX crypto_pwhash_STRBYTES

const char *
account_role_name(enum account_role role)
{
	return role == ROLE_ADMIN ? "admin" : "staff";
}

int
account_role_parse(const char *s, enum account_role *out)
{
	if (s && strcmp(s, "admin") == 0)
		*out = ROLE_ADMIN;
	else if (s && strcmp(s, "staff") == 0)
		*out = ROLE_STAFF;
	else
		return -1;
	return 0;
}

static int
lang_ok(const char *lang)
{
	return lang && (strcmp(lang, "ru") == 0 || strcmp(lang, "en") == 0);
}

/* What a character that may not be in a name is, for the reason. */
static void
describe_char(ucs4_t c, char *out, size_t n)
{
	if (c == ' ')
		snprintf(out, n, "a space");
	else if (c < 0x20 || (c >= 0x7f && c < 0xa0))
		snprintf(out, n, "a control character (U+%04X)", (unsigned)c);
	else if (c == '\'' || c == '"' || c == '`')
		snprintf(out, n, "a quote (%c)", (char)c);
	else if (c < 0x7f)
		snprintf(out, n, "'%c'", (char)c);
	else
		snprintf(out, n, "U+%04X", (unsigned)c);
}

/*
 * A name as accounts.h allows it, NFC, into out (4 * ACCOUNT_MAX_NAME + 1
 * bytes); -1 with the reason.  Letters of any script (so Cyrillic names
 * are names), ASCII digits, '.', '_', '-': nothing a terminal, a log
 * line, HTML or a shell could read as more than a name.
 */
static int
name_check(struct store *st, const char *name, char *out, size_t n)
{
	uint8_t *nfc;
	size_t len = n - 1, i, chars = 0;
	char what[64];
	ucs4_t c;

	if (!name || !*name)
		return store_fail(st, "an account needs a name");
	if (!text_valid_utf8(name, strlen(name)))
		return store_fail(st, "the name is not valid UTF-8");
	if (u8_mbsnlen((const uint8_t *)name, strlen(name)) > ACCOUNT_MAX_NAME)
		return store_fail(st, "the name has %zu characters; at most %d",
			u8_mbsnlen((const uint8_t *)name, strlen(name)),
			ACCOUNT_MAX_NAME);
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)name, strlen(name),
		(uint8_t *)out, &len);
	if (!nfc)
		return store_fail(st, "the name cannot be normalised");
	if (nfc != (uint8_t *)out || len >= n) {
		if (nfc != (uint8_t *)out)
			free(nfc);
		return store_fail(st, "the name is too long");
	}
	out[len] = '\0';
	for (i = 0; i < len; chars++) {
		i += (size_t)u8_mbtouc(&c, (const uint8_t *)out + i, len - i);
		if (uc_is_general_category(c, UC_CATEGORY_L) ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')
			continue;
		describe_char(c, what, sizeof what);
		return store_fail(st, "a name holds only letters, digits 0-9,"
			" '.', '_' and '-': character %zu is %s", chars + 1,
			what);
	}
	return 0;
}

/* The same name in any case and any script's case. */
static int
same_name(const char *a, const char *b)
{
	char *fa = text_casefold(a), *fb = text_casefold(b);
	int same = fa && fb && strcmp(fa, fb) == 0;

	free(fa);
	free(fb);
	return same;
}

/* The rules for a password; -1 with the reason, which never holds the
 * password or its length. */
static int
password_check(struct store *st, const char *name, const char *password)
{
	size_t chars;

	if (!password || !*password)
		return store_fail(st, "no password given");
	if (!text_valid_utf8(password, strlen(password)))
		return store_fail(st, "the password is not valid UTF-8");
	chars = u8_mbsnlen((const uint8_t *)password, strlen(password));
	if (chars < ACCOUNT_MIN_PASSWORD)
		return store_fail(st, "the password is too short: at least %d"
			" characters", ACCOUNT_MIN_PASSWORD);
	if (chars > ACCOUNT_MAX_PASSWORD)
		return store_fail(st, "the password is too long: at most %d"
			" characters", ACCOUNT_MAX_PASSWORD);
	if (same_name(password, name))
		return store_fail(st, "the password must not be the account's"
			" name");
	return 0;
}

static int
hash_password(struct store *st, const char *password, char hash[HASH_MAX])
{
	if (sodium_init() < 0)
		return store_fail(st, "libsodium cannot start");
	if (crypto_pwhash_str_alg(hash, password, strlen(password),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		return store_fail(st, "the password could not be hashed (out"
			" of memory? argon2id needs 64 MiB)");
	return 0;
}

static int
audit(struct store *st, const char *who, const char *action,
		const char *name, int64_t now)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, "INSERT INTO audit (request_id, who, action,"
	    " detail, at) VALUES (NULL, ?1, ?2, ?3, ?4)") != 0)
		return -1;
	sqlite3_bind_text(q, 1, who, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, now);
	return store_step_done(st, q, "audit an account");
}

void
store_read_account(sqlite3_stmt *q, int at, struct account *a)
{
	const char *s;

	memset(a, 0, sizeof *a);
	if ((s = (const char *)sqlite3_column_text(q, at)))
		snprintf(a->name, sizeof a->name, "%s", s);
	s = (const char *)sqlite3_column_text(q, at + 1);
	a->role = s && strcmp(s, "admin") == 0 ? ROLE_ADMIN : ROLE_STAFF;
	if ((s = (const char *)sqlite3_column_text(q, at + 2)))
		snprintf(a->lang, sizeof a->lang, "%s", s);
	a->failures = sqlite3_column_int(q, at + 3);
	a->locked_until = sqlite3_column_int64(q, at + 4);
	a->created_at = sqlite3_column_int64(q, at + 5);
}

int
store_find_account(struct store *st, const char *name, struct account *a,
		char *hash)
{
	char shown[4 * ACCOUNT_MAX_NAME + 1];
	sqlite3_stmt *q;
	int rc;

	if (store_prepare(st, &q, "SELECT " ACCOUNT_FIELDS ", hash FROM"
	    " accounts WHERE casefold(name) = casefold(?1)") != 0)
		return -1;
	sqlite3_bind_text(q, 1, name ? name : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		store_read_account(q, 0, a);
		if (hash)
			snprintf(hash, HASH_MAX, "%s",
				(const char *)sqlite3_column_text(q, 6));
	}
	store_release(st, q);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		return store_set_err(st, "find an account");
	/* Only a name that could be one is repeated in the reason. */
	if (name_check(st, name, shown, sizeof shown) != 0)
		store_fail(st, "no such account");
	else
		store_fail(st, "no account %s", shown);
	return 0;
}

static int
admins(struct store *st)
{
	return store_query_int(st, "SELECT count(*) FROM accounts WHERE role ="
	    " 'admin'", 0, NULL, 0, "count admins");
}

int
account_add(struct store *st, const char *name, const char *password,
		enum account_role role, const char *lang, const char *by,
		int64_t now)
{
	char nfc[4 * ACCOUNT_MAX_NAME + 1], hash[HASH_MAX];
	struct account old;
	sqlite3_stmt *q;
	int rc;

	if (!lang)
		lang = "ru";
	if (!by || !*by)
		return store_fail(st, "who adds the account is not known");
	if (name_check(st, name, nfc, sizeof nfc) != 0 ||
	    password_check(st, nfc, password) != 0)
		return -1;
	if (!lang_ok(lang))
		return store_fail(st, "the console speaks ru or en, not that");
	if (role != ROLE_STAFF && role != ROLE_ADMIN)
		return store_fail(st, "a role is staff or admin");
	if (hash_password(st, password, hash) != 0 || store_begin(st) != 0)
		return -1;
	if ((rc = store_find_account(st, nfc, &old, NULL)) != 0) {
		if (rc == 1)
			store_fail(st, "there is an account %s already", old.name);
		goto fail;
	}
	if (store_prepare(st, &q, "INSERT INTO accounts (name, hash, role,"
	    " lang, created_at, password_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)")
	    != 0)
		goto fail;
	sqlite3_bind_text(q, 1, nfc, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, account_role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, lang, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 5, now);
	if (store_step_done(st, q, "add an account") != 0 ||
	    audit(st, by, "account-add", nfc, now) != 0 ||
	    store_commit(st) != 0)
		goto fail;
	sodium_memzero(hash, sizeof hash);
	return 0;
fail:
	sodium_memzero(hash, sizeof hash);
	store_rollback(st);
	return -1;
}

/* One statement on an account by its stored name (?1), with ?2 a text
 * and ?3 a time where it uses them (a parameter a statement does not
 * have is not bound). */
static int
on_account(struct store *st, const char *sql, const char *name,
		const char *text, int64_t t, const char *what)
{
	sqlite3_stmt *q;

	if (store_prepare(st, &q, sql) != 0)
		return -1;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, t);
	return store_step_done(st, q, what);
}

/* What one of the changes below does, inside its transaction. */
struct change {
	const char *by;
	int64_t now;
	const char *hash;       /* a new password's */
	enum account_role role;
	const char *lang;
};

typedef int (*change_fn)(struct store *st, const struct account *a,
		const struct change *c);

/* Find the account, change it, commit; 0 or -1. */
static int
change(struct store *st, const char *name, change_fn fn,
		const struct change *c)
{
	struct account a;

	if (c->by && !*c->by)
		return store_fail(st, "who changes the account is not known");
	if (store_begin(st) != 0)
		return -1;
	if (store_find_account(st, name, &a, NULL) != 1 || fn(st, &a, c) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

static int
new_password(struct store *st, const struct account *a,
		const struct change *c)
{
	if (on_account(st, "UPDATE accounts SET hash = ?2, password_at = ?3"
	    " WHERE name = ?1", a->name, c->hash, c->now, "set a password")
	    != 0 || on_account(st, "DELETE FROM web_sessions WHERE name = ?1",
	    a->name, NULL, 0, "end sessions")
	    != 0)
		return -1;
	return audit(st, c->by, "account-password", a->name, c->now);
}

int
account_set_password(struct store *st, const char *name,
		const char *password, const char *by, int64_t now)
{
	struct change c = { by, now, NULL, ROLE_STAFF, NULL };
	char hash[HASH_MAX];
	struct account a;
	int rc;

	if (!by || !*by)
		return store_fail(st, "who sets the password is not known");
	/* The rules are judged against the stored name, before the cost
	 * of hashing; the name is looked up again under the lock. */
	if ((rc = store_find_account(st, name, &a, NULL)) != 1)
		return -1;
	if (password_check(st, a.name, password) != 0 ||
	    hash_password(st, password, hash) != 0)
		return -1;
	c.hash = hash;
	rc = change(st, name, new_password, &c);
	sodium_memzero(hash, sizeof hash);
	return rc;
}

static int
new_role(struct store *st, const struct account *a, const struct change *c)
{
	int n;

	if (a->role == c->role)
		return store_fail(st, "%s is %s already", a->name,
			account_role_name(c->role));
	if (a->role == ROLE_ADMIN && (n = admins(st)) <= 1)
		return n < 0 ? -1 : store_fail(st, "%s is the last admin: make"
			" another admin first", a->name);
	if (on_account(st, "UPDATE accounts SET role = ?2 WHERE name = ?1",
	    a->name, account_role_name(c->role), 0,
	    "set a role") != 0)
		return -1;
	return audit(st, c->by, c->role == ROLE_ADMIN ? "account-role-admin"
		: "account-role-staff", a->name, c->now);
}

int
account_set_role(struct store *st, const char *name, enum account_role role,
		const char *by, int64_t now)
{
	struct change c = { by, now, NULL, role, NULL };

	if (!by)
		return store_fail(st, "who sets the role is not known");
	if (role != ROLE_STAFF && role != ROLE_ADMIN)
		return store_fail(st, "a role is staff or admin");
	return change(st, name, new_role, &c);
}

static int
new_lang(struct store *st, const struct account *a, const struct change *c)
{
	return on_account(st, "UPDATE accounts SET lang = ?2 WHERE name = ?1",
	    a->name, c->lang, 0, "set a language");
}

int
account_set_lang(struct store *st, const char *name, const char *lang)
{
	struct change c = { NULL, 0, NULL, ROLE_STAFF, lang };

	if (!lang_ok(lang))
		return store_fail(st, "the console speaks ru or en, not that");
	return change(st, name, new_lang, &c);
}

static int
gone(struct store *st, const struct account *a, const struct change *c)
{
	int n;

	if (a->role == ROLE_ADMIN && (n = admins(st)) <= 1)
		return n < 0 ? -1 : store_fail(st, "%s is the last admin: make"
			" another admin first", a->name);
	/* The sessions go by the foreign key's cascade. */
	if (on_account(st, "DELETE FROM accounts WHERE name = ?1",
	    a->name, NULL, 0, "remove an account") != 0)
		return -1;
	return audit(st, c->by, "account-remove", a->name, c->now);
}

int
account_remove(struct store *st, const char *name, const char *by,
		int64_t now)
{
	struct change c = { by, now, NULL, ROLE_STAFF, NULL };

	if (!by)
		return store_fail(st, "who removes the account is not known");
	return change(st, name, gone, &c);
}

static int
unlocked(struct store *st, const struct account *a, const struct change *c)
{
	if (on_account(st, "UPDATE accounts SET failures = 0, locked_until = 0"
	    " WHERE name = ?1", a->name, NULL, 0,
	    "unlock an account") != 0)
		return -1;
	return audit(st, c->by, "account-unlock", a->name, c->now);
}

int
account_unlock(struct store *st, const char *name, const char *by,
		int64_t now)
{
	struct change c = { by, now, NULL, ROLE_STAFF, NULL };

	if (!by)
		return store_fail(st, "who unlocks the account is not known");
	return change(st, name, unlocked, &c);
}

int
account_list(struct store *st, account_fn fn, void *ud)
{
	struct account a;
	sqlite3_stmt *q;
	int rc;

	if (store_prepare(st, &q, "SELECT " ACCOUNT_FIELDS " FROM accounts"
	    " ORDER BY casefold(name), name") != 0)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		store_read_account(q, 0, &a);
		fn(&a, ud);
	}
	store_release(st, q);
	return rc == SQLITE_DONE ? 0 : store_set_err(st, "list accounts");
}

int
account_get(struct store *st, const char *name, struct account *out)
{
	return store_find_account(st, name, out, NULL);
}

/* The hash an unknown name or a locked account is checked against, so
 * that they take the time a real check takes.  Made once per process,
 * from a password no one knows; yordam-web may log in on many threads. */
static char dummy_hash[HASH_MAX];
static int dummy_ok;
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void
make_dummy(void)
{
	unsigned char secret[16];
	char hex[2 * sizeof secret + 1];

	if (sodium_init() < 0)
		return;
	randombytes_buf(secret, sizeof secret);
	sodium_bin2hex(hex, sizeof hex, secret, sizeof secret);
	dummy_ok = crypto_pwhash_str_alg(dummy_hash, hex, strlen(hex),
		crypto_pwhash_OPSLIMIT_INTERACTIVE,
		crypto_pwhash_MEMLIMIT_INTERACTIVE,
		crypto_pwhash_ALG_ARGON2ID13) == 0;
	sodium_memzero(hex, sizeof hex);
	sodium_memzero(secret, sizeof secret);
}

/* A wrong password for an existing account: counted; at `after` in a row
 * the account is locked (audited) and the count starts again. */
static int
count_failure(struct store *st, const char *name, int after,
		int lock_seconds, int64_t now)
{
	int n;

	if (store_begin(st) != 0)
		return -1;
	n = store_query_int(st, "UPDATE accounts SET failures = failures + 1"
	    " WHERE name = ?2 RETURNING failures", 0, name, 0,
	    "count a wrong password");
	if (n < 0)
		goto fail;
	if (after > 0 && n >= after && (on_account(st, "UPDATE accounts SET"
	    " failures = 0, locked_until = ?3 WHERE name = ?1", name, NULL,
	    now + lock_seconds, "lock an account") != 0 ||
	    audit(st, name, "lockout", name, now) != 0))
		goto fail;
	if (store_commit(st) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

/*
 * An unknown name or a locked account: the refusal is counted (settings
 * 'login_refusals'), which is also the write a wrong password's count
 * makes.  With synchronous = FULL a commit is a flush to the disk; a
 * refusal without one would tell, by its speed, that a name is unknown.
 */
static int
count_refusal(struct store *st)
{
	if (store_begin(st) != 0)
		return -1;
	if (store_run(st, "INSERT INTO settings VALUES ('login_refusals', '1')"
	    " ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER)"
	    " + 1") != 0 || store_commit(st) != 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

/* The right password: the count starts again, the login is audited. */
static int
logged_in(struct store *st, struct account *a, int64_t now)
{
	if (store_begin(st) != 0)
		return -1;
	if (on_account(st, "UPDATE accounts SET failures = 0, locked_until = 0"
	    " WHERE name = ?1", a->name, NULL, 0, "reset wrong passwords")
	    != 0 || audit(st, a->name, "login", a->name, now) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		return -1;
	}
	a->failures = 0;
	a->locked_until = 0;
	return 0;
}

int
account_login(struct store *st, const char *name, const char *password,
		int after, int lock_seconds, int64_t now, struct account *out)
{
	char hash[HASH_MAX];
	struct account a;
	int found, right;
	size_t len = password ? strlen(password) : 0;

	pthread_once(&dummy_once, make_dummy);
	if (!dummy_ok)
		return store_fail(st, "libsodium cannot start, or argon2id"
			" has no memory (64 MiB)");
	found = store_find_account(st, name, &a, hash);
	if (found < 0)
		return -1;
	if (found == 0 || a.locked_until > now) {
		/* The same work, against a hash no password matches. */
		if (crypto_pwhash_str_verify(dummy_hash, password ? password
		    : "", len) == 0)
			return store_fail(st, "the dummy hash matched");
		if (count_refusal(st) != 0)
			return -1;
		if (found == 0)
			return store_fail(st, "wrong name or password"), 0;
		return store_fail(st, "account %s is locked", a.name), 2;
	}
	right = crypto_pwhash_str_verify(hash, password ? password : "",
		len) == 0;
	sodium_memzero(hash, sizeof hash);
	if (!right) {
		if (count_failure(st, a.name, after, lock_seconds, now) != 0)
			return -1;
		return store_fail(st, "wrong name or password"), 0;
	}
	if (logged_in(st, &a, now) != 0)
		return -1;
	if (out)
		*out = a;
	return 1;
}
