/*
 * yordamctl - the desk and authoring tool.
 *
 *   yordamctl [-c FILE] [--lang ru|en] COMMAND ...  (--lang before the
 *       command: the language of yordamctl's own messages, content and
 *       configuration errors; after it, as below, a person's language)
 *   yordamctl [-c FILE] log [--json] [--limit N]
 *   yordamctl [-c FILE] queue|search|history ...   (ctl_queue.c)
 *   yordamctl [-c FILE] status [--json]
 *   yordamctl [-c FILE] check [-v]          (content, and the database)
 *   yordamctl [-c FILE] content review [--json] [--lang L] [--status S]
 *   yordamctl [-c FILE] content reviewed|export|import ...
 *   yordamctl [-c FILE] content map [--lang L] [--format dot|html]
 *   yordamctl [-c FILE] content history|diff|rollback ...  (ctl_history.c)
 *   yordamctl [-c FILE] reload [--as NAME]                 (ctl_history.c)
 *   yordamctl [-c FILE] phone --from NUMBER [--wait SECONDS]
 *   yordamctl [-c FILE] backup [--keep N] FILE|DIR
 *   yordamctl [-c FILE] restore FILE
 *   yordamctl staff pin
 *   yordamctl [-c FILE] user add|passwd|list|remove|unlock|role|lang ...
 *                                           (ctl_user.c)
 *
 * It reads the daemon's database directly (WAL lets it read while yordamd
 * writes) and never talks to the modem: `phone` plays a migrant's phone by
 * writing into the dummy modem's inbox, exactly as the network would.
 * The --json field names are an interface for scripts: add, never rename.
 * Every text a migrant or staff member wrote is printed through
 * ctl_put() (ctl_escape.c), never raw: an SMS must not drive the desk's
 * terminal.  The desk, backup, content and user commands have their own
 * files, and so has the usage (ctl_usage.c, kept to yordamctl(1)).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"
#include "yordam/clock.h"
#include "yordam/config.h"
#include "yordam/content.h"
#include "yordam/desk.h"
#include "yordam/dummyphone.h"
#include "yordam/i18n.h"
#include "yordam/json.h"
#include "yordam/sms.h"
#include "yordam/store.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "?"
#endif
#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

/* Bad arguments: the usage (ctl_usage.c) on stderr, exit 2. */
static _Noreturn void
usage(void)
{
	ctl_usage(stderr, 2);
}

struct log_out {
	struct store *st;
	int json, pseudo;
};

static void
log_json(const struct message_row *m, const char *number)
{
	printf("{\"id\":%lld,\"dir\":", (long long)m->id);
	json_string(stdout, m->dir);
	printf(",\"number\":");
	json_string(stdout, number);
	printf(",\"text\":");
	json_string(stdout, m->text);
	printf(",\"parts\":%d,\"status\":", m->parts);
	json_string(stdout, m->status);
	printf(",\"time\":");
	json_time(stdout, m->created_at);
	printf(",\"coding\":");
	json_string(stdout, m->coding);
	printf(",\"node\":");
	json_string(stdout, m->node);
	printf(",\"in_reply_to\":");
	if (m->in_reply_to < 0)
		printf("null");
	else
		printf("%lld", (long long)m->in_reply_to);
	printf(",\"content_version\":");
	if (m->content_version < 0)
		printf("null");
	else
		printf("%lld", (long long)m->content_version);
	printf(",\"error\":");
	json_string(stdout, m->error);
	printf("}\n");
}

static void
log_row(const struct message_row *m, void *ud)
{
	const struct log_out *o = ud;
	char alias[32], when[32];
	const char *number = m->number;

	if (o->pseudo) {
		store_pseudonym(o->st, m->number, alias, sizeof alias);
		number = alias;
	}
	if (o->json) {
		log_json(m, number);
		return;
	}
	/* One line per message: its line breaks show as \n. */
	ctl_local_time(m->created_at, 1, when, sizeof when);
	printf("%6lld %-3s %s %-9s %dp ", (long long)m->id, m->dir, when,
		m->status, m->parts);
	ctl_put(stdout, number, 0);
	fputs(": ", stdout);
	ctl_put(stdout, m->text, 0);
	if (m->error && (strcmp(m->status, "failed") == 0 ||
	    strcmp(m->status, "expired") == 0)) {
		fputs("  [why: ", stdout);
		ctl_put(stdout, m->error, 0);
		fputs("]", stdout);
	}
	printf("\n");
}

static int
cmd_log(const struct yordam_config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "limit", required_argument, NULL, 'n' },
		{ "pseudonyms", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct log_out o = { NULL, 0, 0 };
	int limit = 100, opt, rc;

	while ((opt = getopt_long(argc, argv, "jn:", opts, NULL)) != -1) {
		if (opt == 'j')
			o.json = 1;
		else if (opt == 'n')
			limit = atoi(optarg);
		else if (opt == 'p')
			o.pseudo = 1;
		else
			usage();
	}
	o.st = ctl_open(cfg, 0);
	if ((rc = store_list_messages(o.st, limit, log_row, &o)) != 0)
		fprintf(stderr, "yordamctl: %s\n", store_error(o.st));
	store_close(o.st);
	return rc ? 1 : 0;
}

/* A modem's health, as `status` prints it. */
static void
modem_text(const struct store_modem *m, void *ud)
{
	char t[32], r[32], sn[32], b[32];

	(void)ud;
	ctl_local_time(m->updated_at, 0, t, sizeof t);
	ctl_local_time(m->last_read_at, 0, r, sizeof r);
	ctl_local_time(m->last_send_at, 0, sn, sizeof sn);
	printf("modem     ");
	ctl_put(stdout, m->name, 0);
	printf(": %s, SIM %s", m->connected ? "connected" : "NOT connected",
		m->sim[0] ? m->sim : "?");
	if (m->model[0]) {
		fputs(", ", stdout);
		ctl_put(stdout, m->model, 0);
	}
	printf("\n          network: %s", m->registered == 1 ? (m->roaming == 1
		? "roaming" : "registered") : m->registered == 0 ? "NONE" :
		"?");
	if (m->operator_name[0]) {
		fputs(" (", stdout);
		ctl_put(stdout, m->operator_name, 0);
		fputs(")", stdout);
	}
	if (m->signal >= 0)
		printf(", signal %d%%", m->signal);
	if (m->storage_total > 0)
		printf(", SMS storage %d/%d", m->storage_used, m->storage_total);
	printf("\n          last read %s, last send %s, %d errors in a row;"
		" as of %s\n", m->last_read_at ? r : "never", m->last_send_at ?
		sn : "never", m->errors_in_row, t);
	if (m->blocked[0]) {
		fputs("          OUT OF SERVICE: ", stdout);
		ctl_put(stdout, m->blocked, 0);
		fputs("\n", stdout);
	}
	if (m->balance_at) {
		ctl_local_time(m->balance_at, 0, b, sizeof b);
		if (m->balance >= 0)
			printf("          balance %.2f (%s)\n", m->balance, b);
		else
			printf("          balance not understood (%s)\n", b);
	}
}

static void
modem_json(const struct store_modem *m, void *ud)
{
	int *n = ud;

	printf("%s{\"name\":", (*n)++ ? "," : "");
	json_string(stdout, m->name);
	printf(",\"connected\":%s,\"sim\":", m->connected ? "true" :
		"false");
	json_string(stdout, m->sim);
	printf(",\"model\":");
	json_string(stdout, m->model);
	printf(",\"registered\":%s,\"roaming\":%s,\"operator\":",
		m->registered == 1 ? "true" : m->registered == 0 ? "false" :
		"null", m->roaming == 1 ? "true" : "false");
	json_string(stdout, m->operator_name);
	printf(",\"signal\":%d,\"storage_used\":%d,\"storage_total\":%d,"
		"\"errors_in_row\":%d,\"last_read\":", m->signal,
		m->storage_used, m->storage_total, m->errors_in_row);
	if (m->last_read_at)
		json_time(stdout, m->last_read_at);
	else
		fputs("null", stdout);
	printf(",\"last_send\":");
	if (m->last_send_at)
		json_time(stdout, m->last_send_at);
	else
		fputs("null", stdout);
	printf(",\"blocked\":");
	json_string(stdout, m->blocked[0] ? m->blocked : NULL);
	if (m->balance >= 0)
		printf(",\"balance\":%.2f", m->balance);
	else
		printf(",\"balance\":null");
	printf(",\"updated\":");
	json_time(stdout, m->updated_at);
	printf("}");
}

static int
cmd_status(const struct yordam_config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_status s;
	struct store *st;
	int json = 0, opt, rc, n = 0;

	while ((opt = getopt_long(argc, argv, "j", opts, NULL)) != -1) {
		if (opt == 'j')
			json = 1;
		else
			usage();
	}
	st = ctl_open(cfg, 0);
	rc = store_status(st, &s);
	if (rc != 0)
		fprintf(stderr, "yordamctl: %s\n", store_error(st));
	else if (json) {
		printf("{\"inbound_waiting\":%d,\"inbound_set_aside\":%d,"
			"\"outbound_waiting\":%d,\"outbound_failed\":%d,"
			"\"outbound_held\":%d,\"requests_open\":%d,"
			"\"requests_urgent\":%d,\"alerts_given_up\":%d,"
			"\"reminders_scheduled\":%d,\"reminders_failed\":%d,"
			"\"content_version\":%lld,\"modems\":[",
			s.inbound_waiting, s.inbound_set_aside,
			s.outbound_waiting, s.outbound_failed, s.outbound_held,
			s.requests_open, s.requests_urgent, s.alerts_given_up,
			s.reminders_scheduled, s.reminders_failed,
			(long long)s.content_version);
		rc = store_modem_list(st, modem_json, &n);
		printf("]}\n");
	} else {
		rc = store_modem_list(st, modem_text, NULL);
		printf("inbound   %d waiting, %d set aside (see log: status"
			" failed)\noutbound  %d waiting, %d failed, %d held\n"
			"requests  %d open, %d urgent, %d whose alert could not"
			" be sent\nreminders %d scheduled, %d failed\ncontent"
			"   version %lld\n", s.inbound_waiting,
			s.inbound_set_aside, s.outbound_waiting,
			s.outbound_failed, s.outbound_held, s.requests_open,
			s.requests_urgent, s.alerts_given_up,
			s.reminders_scheduled, s.reminders_failed,
			(long long)s.content_version);
	}
	if (rc != 0)
		fprintf(stderr, "yordamctl: %s\n", store_error(st));
	store_close(st);
	return rc ? 1 : 0;
}

/* The database, once yordamd has made it: PRAGMA quick_check, read-only,
 * safe while yordamd runs.  Damage fails the check; a file this user
 * may not read is only noted, as authors check content without it. */
static int
check_database(const struct yordam_config *cfg)
{
	char report[1024];
	int rc;

	if (access(cfg->database, F_OK) != 0 && errno == ENOENT) {
		printf("%s: no database yet (yordamd creates it)\n",
			cfg->database);
		return 0;
	}
	rc = store_check(cfg->database, report, sizeof report);
	if (rc == 0)
		printf("%s\n", report);
	else if (rc < 0)
		printf("database not checked: %s\n", report);
	else
		fprintf(stderr, "%s\n", report);
	return rc > 0;
}

static int
cmd_check(const struct yordam_config *cfg, int argc, char **argv)
{
	struct content *c;
	int i, l, verbose = argc > 1 && strcmp(argv[1], "-v") == 0;

	for (i = 0; i < cfg->n_warnings; i++)     /* not errors: exit 0 */
		fprintf(stderr, "%s\n", cfg->warnings[i]);
	if (!(c = ctl_load_content(cfg))) {
		check_database(cfg);
		return 1;
	}
	content_collisions(c, cfg->content, cfg->content_site, &c->notes);
	for (i = 0; i < c->notes.n_notes; i++)  /* left out: exit 0 */
		fprintf(stderr, "%s\n", c->notes.notes[i]);
	printf("%s: configuration OK\n", cfg->path);
	printf("%s: content OK: %d nodes, %d languages, version %s\n",
		cfg->content, c->n_nodes, c->n_locales, c->hash);
	ctl_content_summary(c);
	if (verbose) {
		printf("%-24s", "node");
		for (l = 0; l < c->n_locales; l++)
			printf(" %10s", c->locales[l].code);
		printf("\n");
		for (i = 0; i < c->n_nodes; i++) {
			printf("%-24s", c->nodes[i].id);
			for (l = 0; l < c->n_locales; l++) {
				struct sms_measure m;
				if (!c->locales[l].screen[i]) {
					printf(" %10s", "(draft)");
					continue;
				}
				sms_measure(c->locales[l].screen[i], &m);
				printf(" %3d%s %dp", m.units,
					m.coding == SMS_UCS2 ? "u" : "g", m.parts);
			}
			printf("\n");
		}
	}
	content_free(c);
	return check_database(cfg);
}

static void
print_reply(const char *text, void *ud)
{
	(void)ud;
	ctl_put(stdout, text, CTL_LINES);
	fputs("\n\n", stdout);
}

/* Print replies to number newer than *last_id; returns how many. */
static int
print_replies(struct store *st, const char *number, int64_t *last_id)
{
	int n = store_sent_since(st, number, last_id, print_reply, NULL);

	fflush(stdout);
	return n > 0 ? n : 0;
}

static void
sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static int
cmd_phone(const struct yordam_config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "wait", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	const char *from = NULL;
	double wait = 10;
	int opt, tty = isatty(0);
	struct store *st = NULL;
	char line[2048], err[512];
	int64_t last = 0;
	time_t last_sent = 0;

	while ((opt = getopt_long(argc, argv, "f:w:", opts, NULL)) != -1) {
		if (opt == 'f')
			from = optarg;
		else if (opt == 'w')
			wait = atof(optarg);
		else
			usage();
	}
	if (!from)
		usage();
	if (!cfg->modem_device || !cfg->modem_model ||
	    strcmp(cfg->modem_model, "dummy") != 0) {
		fprintf(stderr, "yordamctl: phone needs the simulated modem"
			" (modem: model = \"dummy\"; device = DIR)\n");
		return 1;
	}
	if (tty)
		printf("You are %s. Type an SMS and press Enter (Ctrl-D to"
			" quit).\n", from);
	for (;;) {
		struct dummy_sms sms = { from, line, 0, -1, 0 };
		size_t len;
		int waited = 0, got = 0;

		if (tty) {
			printf("sms> ");
			fflush(stdout);
		}
		if (!fgets(line, sizeof line, stdin))
			break;
		len = strlen(line);
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!st) {
			/* The daemon creates the database; wait for it. */
			while (store_open_readonly(cfg->database, &st, err,
			    sizeof err) != 0 && waited < wait * 1000) {
				sleep_ms(200);
				waited += 200;
			}
			if (!st) {
				fprintf(stderr, "yordamctl: %s\n", err);
				return 1;
			}
			last = store_last_outbound_id(st, from);
			if (last < 0)
				last = 0;
			waited = 0;
		}
		/* The network stamps SMS to the second, and the same text at
		 * the same second is taken for a re-read; a phone cannot send
		 * that fast, but a pasted script can. */
		sms.sent = time(NULL) > last_sent ? time(NULL) : last_sent + 1;
		last_sent = sms.sent;
		if (dummyphone_deliver(cfg->modem_device, &sms, err,
		    sizeof err) < 0) {
			fprintf(stderr, "yordamctl: %s\n", err);
			continue;
		}
		/* Print replies as they are sent; stop shortly after the
		 * last one, or when the wait runs out. */
		while (waited < wait * 1000) {
			int n = print_replies(st, from, &last);
			got += n;
			if (got && !n && waited > 0)
				break;
			sleep_ms(n || !got ? 100 : 400);
			waited += n || !got ? 100 : 400;
		}
		if (!got)
			printf("(no reply within %.0f s: is yordamd running?)\n",
				wait);
	}
	store_close(st);
	return 0;
}

/*
 * send NUMBER TEXT: an SMS to any phone through the helpline's modem, to
 * try a real phone with the encoding and limits replies have.  Queued
 * like a reply (yordamd sends it, retries it), recorded as node "manual".
 */
static int
cmd_send(const struct yordam_config *cfg, int argc, char **argv)
{
	struct sms_measure m;
	struct store *st;
	char text[1024];
	const char *p;
	int digits = 0, rc;

	if (argc < 3) {
		fprintf(stderr, "yordamctl: send needs a number and a text\n");
		return 2;
	}
	for (p = argv[1][0] == '+' ? argv[1] + 1 : argv[1]; *p; p++)
		digits += *p >= '0' && *p <= '9' ? 1 : 1000;
	if (argv[1][0] != '+' || digits < 8 || digits > 15) {
		fprintf(stderr, "yordamctl: '%s' is not a number in E.164 form"
			" (+ and 8 to 15 digits, e.g. +77011234567)\n", argv[1]);
		return 1;
	}
	ctl_join_args(argc - 2, argv + 2, text, sizeof text);
	if (sms_measure(text, &m) != 0 || m.parts > cfg->max_staff_reply_parts) {
		fprintf(stderr, "yordamctl: not sent: %s\n", sms_measure(text,
			&m) != 0 ? "the text is not valid UTF-8" : "longer than"
			" max_staff_reply_parts SMS parts");
		return 1;
	}
	st = ctl_open(cfg, 1);
	rc = store_queue_reply(st, argv[1], text, 0, "manual", 0, OUT_HELP,
		clock_now());
	if (rc != 0)
		fprintf(stderr, "yordamctl: %s\n", store_error(st));
	else
		printf("queued to %s: %d SMS part%s, %s; yordamd sends it\n",
			argv[1], m.parts, m.parts == 1 ? "" : "s",
			sms_coding_name(m.coding));
	store_close(st);
	return rc ? 1 : 0;
}

/* The command, with the configuration loaded; 2 from most means their
 * usage was wrong. */
static int
run_command(const struct yordam_config *cfg, const char *cmd, int argc,
		char **argv)
{
	int rc = 0;

	if (strcmp(cmd, "log") == 0)
		rc = cmd_log(cfg, argc, argv);
	else if (strcmp(cmd, "queue") == 0 || strcmp(cmd, "search") == 0 ||
	    strcmp(cmd, "history") == 0) {
		rc = ctl_queue(cfg, cmd, argc, argv);
		if (rc == 2)
			usage();
	}
	else if (strcmp(cmd, "status") == 0)
		rc = cmd_status(cfg, argc, argv);
	else if (strcmp(cmd, "check") == 0)
		rc = cmd_check(cfg, argc, argv);
	else if (strcmp(cmd, "show") == 0 || strcmp(cmd, "claim") == 0 ||
	    strcmp(cmd, "reply") == 0 || strcmp(cmd, "note") == 0 ||
	    strcmp(cmd, "close") == 0 || strcmp(cmd, "reopen") == 0 ||
	    strcmp(cmd, "stats") == 0) {
		rc = ctl_desk(cfg, cmd, argc, argv);
		if (rc == 2)
			usage();
	} else if (strcmp(cmd, "backup") == 0 || strcmp(cmd, "restore") == 0) {
		rc = ctl_backup(cfg, cmd, argc, argv);
		if (rc == 2)
			usage();
	} else if (strcmp(cmd, "content") == 0 || strcmp(cmd, "reload") == 0) {
		rc = cmd[0] == 'r' ? ctl_reload(cfg, argc, argv)
			: ctl_content(cfg, argc, argv);
		if (rc == 2)
			usage();
	} else if (strcmp(cmd, "unmatched") == 0 ||
	    strcmp(cmd, "corpus") == 0) {
		rc = ctl_corpus(cfg, cmd, argc, argv);
		if (rc == 2)
			usage();
	} else if (strcmp(cmd, "user") == 0) {
		rc = ctl_user(cfg, argc, argv);
		if (rc == 2)
			usage();
	} else if (strcmp(cmd, "send") == 0) {
		rc = cmd_send(cfg, argc, argv);
		if (rc == 2)
			usage();
	} else if (strcmp(cmd, "try") == 0) {
		rc = ctl_try(cfg, argc, argv);
		if (rc == 2)
			usage();
	} else if (strcmp(cmd, "phone") == 0)
		rc = cmd_phone(cfg, argc, argv);
	else
		usage();
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option lang_opt[] = {
		{ "lang", required_argument, NULL, 'L' }, { NULL, 0, NULL, 0 } };
	const char *conf = SYSCONFDIR "/yordam/yordam.conf", *lang = NULL;
	struct yordam_config cfg;
	char err[1024];
	const char *cmd;
	int opt, rc;

	/* --help anywhere (yordamctl queue --help too): the usage, on
	 * stdout; --version: the version */
	for (opt = 1; opt < argc; opt++) {
		if (strcmp(argv[opt], "--help") == 0 ||
		    (opt == 1 && strcmp(argv[opt], "-h") == 0))
			ctl_usage(stdout, 0);
		if (strcmp(argv[opt], "--version") == 0) {
			printf("yordamctl %s\n", PACKAGE_VERSION);
			return 0;
		}
	}
	while ((opt = getopt_long(argc, argv, "+c:h", lang_opt, NULL)) != -1) {
		if (opt == 'c')
			conf = optarg;
		else if (opt == 'L')
			lang = optarg;
		else
			usage();
	}
	i18n_init(lang);        /* the editor's language: LANGUAGE, LANG */
	if (optind >= argc)
		usage();
	cmd = argv[optind];
	if (strcmp(cmd, "staff") == 0) {        /* makes a configuration */
		rc = ctl_staff(argc - optind, argv + optind);
		if (rc == 2)
			usage();
		return rc;
	}
	if (config_load(conf, &cfg, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	/* times for staff in the helpline's own zone, as yordamd keeps it */
	if (clock_set_timezone(cfg.timezone) != 0)
		fprintf(stderr, "yordamctl: warning: timezone %s cannot be set;"
			" times are shown in the system's zone\n", cfg.timezone);
	argc -= optind;
	argv += optind;
	optind = 1;
	rc = run_command(&cfg, cmd, argc, argv);
	config_free(&cfg);
	return rc;
}
