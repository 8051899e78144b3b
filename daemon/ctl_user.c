/*
 * ctl_user.c - `yordamctl user ...`: the accounts staff log in to the web
 * console (yordam-web) with: add, passwd, list, remove, unlock, role and
 * lang.
 *
 * Accounts are made here, on the box, by someone who may open the
 * database for writing, so the console needs no page that could create
 * the first admin for whoever reaches it first.  A password is read twice
 * from the terminal without echo (ctl_read_secret(), ctl.c) or, with
 * --password-stdin, one line from standard input, for scripts and tests;
 * it is wiped from memory once the store has hashed it, and never
 * printed, logged or audited.  The rules (names, password length in
 * characters, the last admin) are the store's (store_accounts.c), so
 * yordamctl and the console cannot disagree; each command says what it
 * did, or the store's reason why not.  Who did it, for the audit, is
 * --as NAME, else $SUDO_USER, else $USER.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"
#include "yordam/accounts.h"
#include "yordam/clock.h"
#include "yordam/json.h"

/* Room for the longest password allowed, and one byte more to see a
 * longer one. */
#define SECRET_BUF (4 * ACCOUNT_MAX_PASSWORD + 2)

struct user_opts {
	const char *as;
	const char *role;
	const char *lang;
	int password_stdin;
	int json;
};

/* Options after the subcommand; the words left in argv from optind.
 * -1 on an unknown option. */
static int
parse_opts(int argc, char **argv, struct user_opts *o)
{
	static const struct option opts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "role", required_argument, NULL, 'r' },
		{ "lang", required_argument, NULL, 'l' },
		{ "password-stdin", no_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	int opt;

	memset(o, 0, sizeof *o);
	optind = 0;     /* glibc: start again, options anywhere */
	while ((opt = getopt_long(argc, argv, "a:r:l:pj", opts, NULL)) != -1) {
		if (opt == 'a')
			o->as = optarg;
		else if (opt == 'r')
			o->role = optarg;
		else if (opt == 'l')
			o->lang = optarg;
		else if (opt == 'p')
			o->password_stdin = 1;
		else if (opt == 'j')
			o->json = 1;
		else
			return -1;
	}
	return 0;
}

/*
 * The new password into pw: one line of standard input with
 * --password-stdin, else twice on the terminal without echo.  0, or 1
 * with the reason printed (never the password).
 */
static int
read_password(const char *cmd, const struct user_opts *o, char *pw,
		char *again)
{
	if (!o->password_stdin && !isatty(STDIN_FILENO)) {
		fprintf(stderr, "yordamctl: user %s: no terminal to ask for the"
			" password on (give it with --password-stdin)\n", cmd);
		return 1;
	}
	if (ctl_read_secret("New password (10 or more characters): ", pw,
	    SECRET_BUF) != 0) {
		fprintf(stderr, "yordamctl: user %s: no password given\n", cmd);
		return 1;
	}
	if (strlen(pw) >= SECRET_BUF - 1) {
		fprintf(stderr, "yordamctl: user %s: the password is too long:"
			" at most %d characters\n", cmd, ACCOUNT_MAX_PASSWORD);
		return 1;
	}
	if (!o->password_stdin) {
		if (ctl_read_secret("The same password again: ", again,
		    SECRET_BUF) != 0 || strcmp(pw, again) != 0) {
			fprintf(stderr, "yordamctl: user %s: the two passwords"
				" differ; nothing was changed\n", cmd);
			return 1;
		}
	}
	return 0;
}

/* The store's reason, after what was being done. */
static int
failed(struct store *st, const char *cmd)
{
	fprintf(stderr, "yordamctl: user %s: %s\n", cmd, store_error(st));
	store_close(st);
	return 1;
}

static int
user_add(const struct yordam_config *cfg, const char *name,
		const struct user_opts *o)
{
	char pw[SECRET_BUF], again[SECRET_BUF];
	enum account_role role = ROLE_STAFF;
	const char *lang = o->lang ? o->lang : "ru";
	struct account a;
	struct store *st;
	int rc;

	if (o->role && account_role_parse(o->role, &role) != 0) {
		fprintf(stderr, "yordamctl: user add: a role is staff or"
			" admin\n");
		return 1;
	}
	if (strcmp(lang, "ru") != 0 && strcmp(lang, "en") != 0) {
		fprintf(stderr, "yordamctl: user add: the console speaks ru or"
			" en (--lang ru|en)\n");
		return 1;
	}
	rc = read_password("add", o, pw, again);
	explicit_bzero(again, sizeof again);
	if (rc != 0) {
		explicit_bzero(pw, sizeof pw);
		return rc;
	}
	st = ctl_open(cfg, 1);
	rc = account_add(st, name, pw, role, lang, ctl_who_am_i(o->as),
		clock_now());
	explicit_bzero(pw, sizeof pw);
	if (rc != 0 || account_get(st, name, &a) != 1)
		return failed(st, "add");
	printf("account %s added (%s, %s)\n", a.name,
		account_role_name(a.role), a.lang);
	store_close(st);
	return 0;
}

static int
user_passwd(const struct yordam_config *cfg, const char *name,
		const struct user_opts *o)
{
	char pw[SECRET_BUF], again[SECRET_BUF];
	struct account a;
	struct store *st;
	int rc;

	/* No account, no question for a password. */
	st = ctl_open(cfg, 1);
	if (account_get(st, name, &a) != 1)
		return failed(st, "passwd");
	rc = read_password("passwd", o, pw, again);
	explicit_bzero(again, sizeof again);
	if (rc == 0)
		rc = account_set_password(st, a.name, pw, ctl_who_am_i(o->as),
			clock_now()) != 0 ? -1 : 0;
	explicit_bzero(pw, sizeof pw);
	if (rc < 0)
		return failed(st, "passwd");
	if (rc == 0) {
		printf("password of %s changed; its console sessions ended\n",
			a.name);
		if (a.locked_until > clock_now())
			printf("%s is still locked: yordamctl user unlock %s\n",
				a.name, a.name);
	}
	store_close(st);
	return rc;
}

/* Spaces after name to fill width columns: characters, not bytes. */
static int
pad(const char *name, int width)
{
	int chars = 0;

	for (; *name; name++)
		chars += ((unsigned char)*name & 0xC0) != 0x80;
	return chars < width ? width - chars : 0;
}

static void
list_row(const struct account *a, void *ud)
{
	const int *json = ud;
	char when[32];
	int locked = a->locked_until > clock_now();

	if (*json) {
		printf("{\"name\":");
		json_string(stdout, a->name);
		printf(",\"role\":\"%s\",\"lang\":", account_role_name(a->role));
		json_string(stdout, a->lang);
		printf(",\"failures\":%d,\"locked_until\":", a->failures);
		if (locked)
			json_time(stdout, a->locked_until);
		else
			printf("null");
		printf(",\"created_at\":");
		json_time(stdout, a->created_at);
		printf("}\n");
		return;
	}
	ctl_put(stdout, a->name, 0);
	printf("%*s %-5s %-2s ", pad(a->name, 20), "",
		account_role_name(a->role), a->lang);
	ctl_local_time(a->created_at, 0, when, sizeof when);
	printf("added %s", when);
	if (locked) {
		ctl_local_time(a->locked_until, 0, when, sizeof when);
		printf("  LOCKED until %s", when);
	} else if (a->failures)
		printf("  %d wrong password%s", a->failures,
			a->failures == 1 ? "" : "s");
	printf("\n");
}

static int
user_list(const struct yordam_config *cfg, const struct user_opts *o)
{
	struct store *st = ctl_open(cfg, 0);
	int json = o->json;

	if (account_list(st, list_row, &json) != 0)
		return failed(st, "list");
	store_close(st);
	return 0;
}

/* remove, unlock, role and lang: one account, one change. */
static int
user_change(const struct yordam_config *cfg, const char *cmd,
		const char *name, const char *value, const struct user_opts *o)
{
	const char *me = ctl_who_am_i(o->as);
	enum account_role role = ROLE_STAFF;
	int64_t now = clock_now();
	struct store *st;
	struct account a;
	int rc;

	if (strcmp(cmd, "role") == 0 && account_role_parse(value, &role) != 0) {
		fprintf(stderr, "yordamctl: user role: a role is staff or"
			" admin\n");
		return 1;
	}
	st = ctl_open(cfg, 1);
	if (account_get(st, name, &a) != 1)
		return failed(st, cmd);
	if (strcmp(cmd, "remove") == 0)
		rc = account_remove(st, a.name, me, now);
	else if (strcmp(cmd, "unlock") == 0)
		rc = account_unlock(st, a.name, me, now);
	else if (strcmp(cmd, "role") == 0)
		rc = account_set_role(st, a.name, role, me, now);
	else
		rc = account_set_lang(st, a.name, value);
	if (rc != 0)
		return failed(st, cmd);
	if (strcmp(cmd, "remove") == 0)
		printf("account %s removed; its console sessions ended\n",
			a.name);
	else if (strcmp(cmd, "unlock") == 0 && a.locked_until > now)
		printf("account %s unlocked\n", a.name);
	else if (strcmp(cmd, "unlock") == 0)
		printf("account %s was not locked; its wrong passwords are"
			" forgotten\n", a.name);
	else if (strcmp(cmd, "role") == 0)
		printf("account %s is now %s\n", a.name,
			account_role_name(role));
	else
		printf("account %s now has the console in %s\n", a.name,
			value);
	store_close(st);
	return 0;
}

int
ctl_user(const struct yordam_config *cfg, int argc, char **argv)
{
	struct user_opts o;
	const char *sub;
	int words;

	if (argc < 2)
		return 2;
	sub = argv[1];
	if (parse_opts(argc - 1, argv + 1, &o) != 0)
		return 2;
	argv += 1 + optind;
	words = argc - 1 - optind;
	if (strcmp(sub, "list") == 0 && words == 0)
		return user_list(cfg, &o);
	if (strcmp(sub, "add") == 0 && words == 1)
		return user_add(cfg, argv[0], &o);
	if (strcmp(sub, "passwd") == 0 && words == 1)
		return user_passwd(cfg, argv[0], &o);
	if ((strcmp(sub, "remove") == 0 || strcmp(sub, "unlock") == 0) &&
	    words == 1)
		return user_change(cfg, sub, argv[0], NULL, &o);
	if ((strcmp(sub, "role") == 0 || strcmp(sub, "lang") == 0) &&
	    words == 2)
		return user_change(cfg, sub, argv[0], argv[1], &o);
	return 2;
}
