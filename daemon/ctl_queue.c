/*
 * ctl_queue.c - yordamctl's lists of help requests, one line each:
 *
 *   queue [--mine] [--urgent] [--lang L] [--status S] [--all] [--json]
 *   search TEXT [--json]              in threads and notes, any script
 *   history NUMBER|ID [--json]        every request of one person
 *
 * A queue of twenty requests must fit a screen: one line per request
 * (id, urgency or category, language, topic, waiting since in local
 * time, who has it, unread messages, the person's last message cut by
 * characters); `show ID` has the whole thread.  The --json lines keep
 * every field they always had (conversation and text too) and add the
 * new ones: scripts rely on them.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "yordam/desk.h"
#include "yordam/json.h"
#include "yordam/text.h"

#define PREVIEW_CHARS 40        /* of the last message, on the line */
#define NAME_CHARS 10           /* of the claimant's name */

/* s cut to width characters and padded to width: columns line up in
 * any script, since a Cyrillic letter is two bytes and one column. */
static void
put_column(const char *s, int width)
{
	char cut[NAME_CHARS * 4 + 8];
	const unsigned char *p;
	int chars = 0;

	text_preview(s ? s : "-", (size_t)width, cut, sizeof cut);
	ctl_put(stdout, cut, 0);
	for (p = (const unsigned char *)cut; *p; p++)
		chars += (*p & 0xC0) != 0x80;
	for (; chars < width; chars++)
		fputc(' ', stdout);
	fputc(' ', stdout);
}

static void header(void);

static void
line_text(const struct desk_request *r, void *ud)
{
	char when[32], kind[48], preview[PREVIEW_CHARS * 4 + 8];
	int64_t since = r->unread && r->last_at ? r->last_at : r->created_at;

	if ((*(int *)ud)++ == 0)
		header();       /* only above lines: an empty queue says so */
	ctl_local_time(since, 0, when, sizeof when);
	if (r->urgent)
		snprintf(kind, sizeof kind, "URGENT %s", r->category ?
			r->category : "");
	else
		snprintf(kind, sizeof kind, "%s", strcmp(r->status, "closed")
			== 0 ? "closed" : "-");
	printf("#%-5lld %-22s %-8s %-14s %s ", (long long)r->id, kind,
		r->lang ? r->lang : "?", r->topic ? r->topic : "?", when);
	put_column(r->claimed_by, NAME_CHARS);
	if (r->unread)
		printf("%2d new ", r->unread);
	else
		printf("       ");
	text_preview(r->last_text ? r->last_text : r->text, PREVIEW_CHARS,
		preview, sizeof preview);
	fputs("\xC2\xAB", stdout);
	ctl_put(stdout, preview, 0);
	fputs("\xC2\xBB\n", stdout);
}

static void
line_json(const struct desk_request *r, void *ud)
{
	(*(int *)ud)++;
	printf("{\"id\":%lld,\"number\":", (long long)r->id);
	json_string(stdout, r->number);
	printf(",\"lang\":");
	json_string(stdout, r->lang);
	printf(",\"topic\":");
	json_string(stdout, r->topic);
	printf(",\"status\":");
	json_string(stdout, r->status);
	printf(",\"time\":");
	json_time(stdout, r->created_at);
	printf(",\"text\":");
	json_string(stdout, r->text);
	printf(",\"conversation\":");
	json_string(stdout, r->conversation);
	printf(",\"urgent\":%s,\"category\":", r->urgent ? "true" : "false");
	json_string(stdout, r->category);
	printf(",\"claimed_by\":");
	json_string(stdout, r->claimed_by);
	printf(",\"unread\":%d,\"conversing\":%s,\"last_text\":", r->unread,
		r->conversing ? "true" : "false");
	json_string(stdout, r->last_text);
	printf(",\"last_time\":");
	json_time(stdout, r->last_at);
	printf("}\n");
}

static void
header(void)
{
	printf("%-6s %-22s %-8s %-14s %-16s %-*s %-6s %s\n", "#", "urgent",
		"lang", "topic", "since", NAME_CHARS, "claimed", "unread",
		"last message");
}

/* The number of request id, for history ID; 0 if none. */
static void
number_of(const struct desk_request *r, void *ud)
{
	snprintf(ud, 64, "%s", r->number ? r->number : "");
}

/* A filter from what history was given: a phone number (six digits or
 * more, + and spaces allowed) or a request's #ID. */
static int
history_filter(struct store *st, const char *arg, char *number,
		struct desk_filter *f)
{
	const char *p = arg[0] == '#' ? arg + 1 : arg;
	int digits = 0;

	for (; *p; p++)
		digits += *p >= '0' && *p <= '9';
	if (arg[0] != '#' && (digits >= 6 || arg[0] == '+')) {
		f->number = arg;
		return 0;
	}
	if (desk_show(st, strtoll(arg[0] == '#' ? arg + 1 : arg, NULL, 10),
	    number_of, NULL, number) != 1 || !number[0]) {
		fprintf(stderr, "yordamctl: '%s' is neither a phone number nor"
			" a request (%s)\n", arg, store_error(st));
		return -1;
	}
	f->number = number;
	return 0;
}

static int
list(struct store *st, const struct desk_filter *f, int json)
{
	int listed = 0;

	if (desk_list_filtered(st, f, json ? line_json : line_text,
	    &listed) != 0) {
		fprintf(stderr, "yordamctl: %s\n", store_error(st));
		return 1;
	}
	if (!json && listed == 0)      /* silence would look broken */
		printf(f->search || f->number ? "no request found\n"
			: "no open requests\n");
	return 0;
}

int
ctl_queue(const struct yordam_config *cfg, const char *cmd, int argc,
		char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "mine", no_argument, NULL, 'm' },
		{ "urgent", no_argument, NULL, 'u' },
		{ "lang", required_argument, NULL, 'l' },
		{ "status", required_argument, NULL, 's' },
		{ "all", no_argument, NULL, 'A' },
		{ "as", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct desk_filter f = { 0 };
	char number[64] = "", text[512] = "";
	const char *as = NULL;
	int json = 0, mine = 0, opt, rc;
	struct store *st;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "jmul:s:Aa:", opts, NULL)) != -1) {
		switch (opt) {
		case 'j': json = 1; break;
		case 'm': mine = 1; break;
		case 'u': f.urgent_only = 1; break;
		case 'l': f.lang = optarg; break;
		case 's': f.status = optarg; break;
		case 'A': f.all = 1; break;
		case 'a': as = optarg; break;
		default: return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (f.status && strcmp(f.status, "open") != 0 &&
	    strcmp(f.status, "claimed") != 0 && strcmp(f.status, "closed")) {
		fprintf(stderr, "yordamctl: --status is open, claimed or"
			" closed, not '%s'\n", f.status);
		return 2;
	}
	if (strcmp(cmd, "queue") != 0 && argc < 1) {
		fprintf(stderr, "yordamctl: %s needs %s\n", cmd, strcmp(cmd,
			"search") == 0 ? "a text to look for" : "a phone number"
			" or a request number");
		return 2;
	}
	if (mine)
		f.claimed_by = ctl_who_am_i(as);
	st = ctl_open(cfg, 0);
	if (strcmp(cmd, "search") == 0) {
		/* search Stroy LLP: the words as one text */
		ctl_join_args(argc, argv, text, sizeof text);
		f.search = text;
	}
	rc = strcmp(cmd, "history") == 0 && history_filter(st, argv[0],
		number, &f) != 0 ? 1 : list(st, &f, json);
	store_close(st);
	return rc;
}
