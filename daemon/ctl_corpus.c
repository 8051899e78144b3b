/*
 * ctl_corpus.c - yordamctl's commands that teach the helpline what its
 * own people type:
 *
 *   unmatched [--json]                 messages not understood, by language
 *   unmatched mark ID LABEL [--lang L] [--as NAME]
 *                                      what one should have reached
 *   corpus export                      the marked ones, as corpus lines
 *
 * No phone numbers are shown: staff read the words, not who wrote them.
 * The export is for a corpus/<script>.tsv file of the content: after a
 * reload the helpline learns from it (content_corpus.c).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctl.h"
#include "yordam/json.h"


struct listing {
	int json;
	char lang[16];          /* the group being printed */
	int n;
};

static void
print_unmatched(const struct unmatched_row *u, void *ud)
{
	struct listing *l = ud;
	char when[32];

	l->n++;
	if (l->json) {
		printf("{\"id\":%lld,\"lang\":", (long long)u->message_id);
		json_string(stdout, u->lang);
		printf(",\"reason\":");
		json_string(stdout, u->reason);
		printf(",\"label\":");
		if (u->label)
			json_string(stdout, u->label);
		else
			fputs("null", stdout);
		printf(",\"marked_by\":");
		if (u->marked_by)
			json_string(stdout, u->marked_by);
		else
			fputs("null", stdout);
		printf(",\"created_at\":%lld,\"text\":", (long long)u->created_at);
		json_string(stdout, u->text);
		printf("}\n");
		return;
	}
	if (l->n == 1 || strcmp(l->lang, u->lang) != 0) {
		snprintf(l->lang, sizeof l->lang, "%s", u->lang);
		printf("%s%s\n", l->n == 1 ? "" : "\n",
			u->lang[0] ? u->lang : "(language unsure)");
	}
	ctl_local_time(u->created_at, 0, when, sizeof when);
	printf("  #%lld  %s  %-9s  ", (long long)u->message_id, when,
		strcmp(u->reason, "language") == 0 ? "language?"
		: strcmp(u->reason, "topic") == 0 ? "no topic"
		: strcmp(u->reason, "menu") == 0 ? "a menu" : "a choice");
	if (u->label) {
		fputs("-> ", stdout);
		ctl_put(stdout, u->label, 0);
		fputs("  ", stdout);
	}
	ctl_put(stdout, u->text, 0);
	fputs("\n", stdout);
}

static int
mark(const struct yordam_config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	const char *as = NULL, *lang = NULL;
	struct content *c;
	struct store *st;
	char *end;
	long long id;
	int opt, rc;

	optind = 0;     /* a fresh scan: main() already used getopt */
	while ((opt = getopt_long(argc, argv, "a:l:", opts, NULL)) != -1) {
		if (opt == 'a')
			as = optarg;
		else if (opt == 'l')
			lang = optarg;
		else
			return 2;
	}
	/* the words left: mark ID LABEL */
	if (argc - optind != 3)
		return 2;
	optind++;
	id = strtoll(argv[optind], &end, 10);
	if (*argv[optind] == '\0' || *end || id <= 0) {
		fprintf(stderr, "yordamctl: '%s' is not a message number (the"
			" #NUMBER that unmatched lists)\n", argv[optind]);
		return 1;
	}
	if (!(c = ctl_load_content(cfg)))
		return 1;
	if (!content_label_valid(c, argv[optind + 1])) {
		fprintf(stderr, "yordamctl: '%s' is no label: a node of the"
			" menus (wages, passport, ...), human, greeting, or"
			" urgent:<category> of the locales\n", argv[optind + 1]);
		content_free(c);
		return 1;
	}
	if (lang && !content_locale(c, lang)) {
		fprintf(stderr, "yordamctl: no language or script '%s'\n",
			lang);
		content_free(c);
		return 1;
	}
	content_free(c);
	st = ctl_open(cfg, 1);
	rc = store_mark_unmatched(st, id, argv[optind + 1], lang,
		ctl_who_am_i(as), (int64_t)time(NULL));
	if (rc < 0)
		fprintf(stderr, "yordamctl: %s\n", store_error(st));
	else if (rc > 0)
		fprintf(stderr, "yordamctl: no unmatched message #%lld (see"
			" yordamctl unmatched)\n", id);
	else
		printf("#%lld marked %s\n", id, argv[optind + 1]);
	store_close(st);
	return rc != 0;
}

/* One corpus line: the text on one line, no tab, no control. */
static void
print_corpus_text(const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		/* C0, DEL and the C1 controls (U+0080..U+009F: C2 80..9F) */
		if (ch < 0x20 || ch == 0x7f) {
			putchar(' ');
		} else if (ch == 0xc2 && (unsigned char)s[1] >= 0x80 &&
		    (unsigned char)s[1] <= 0x9f) {
			putchar(' ');
			s++;
		} else {
			putchar(ch);
		}
	}
}

static void
print_export(const struct unmatched_row *u, void *ud)
{
	struct listing *l = ud;

	if (!u->lang[0])
		return;         /* a corpus line needs its script */
	if (l->n++ == 0 || strcmp(l->lang, u->lang) != 0) {
		snprintf(l->lang, sizeof l->lang, "%s", u->lang);
		printf("# script: %s   (append to corpus/%s.tsv)\n", u->lang,
			u->lang);
	}
	printf("%s\t", u->label);
	print_corpus_text(u->text);
	putchar('\n');
}

int
ctl_corpus(const struct yordam_config *cfg, const char *cmd, int argc,
		char **argv)
{
	struct listing l = { 0 };
	struct store *st;
	int rc;

	if (strcmp(cmd, "corpus") == 0) {
		if (argc != 2 || strcmp(argv[1], "export") != 0)
			return 2;
		st = ctl_open(cfg, 0);
		rc = store_list_unmatched(st, 1, print_export, &l);
		if (rc == 0 && l.n == 0)
			fprintf(stderr, "yordamctl: no message is marked yet"
				" (yordamctl unmatched mark ID LABEL)\n");
	} else {
		if (argc >= 2 && strcmp(argv[1], "mark") == 0)
			return mark(cfg, argc, argv);
		if (argc > 2 || (argc == 2 && strcmp(argv[1], "--json")))
			return 2;
		l.json = argc == 2;
		st = ctl_open(cfg, 0);
		rc = store_list_unmatched(st, 0, print_unmatched, &l);
		if (rc == 0 && !l.json)
			printf(l.n ? "\n%d message%s not understood\n"
				: "every message was understood\n", l.n,
				l.n == 1 ? "" : "s");
	}
	if (rc != 0)
		fprintf(stderr, "yordamctl: %s\n", store_error(st));
	store_close(st);
	return rc != 0;
}
