/*
 * ctl.h - what yordamctl's files share: opening the database the way a
 * command needs it, local times for people, texts made safe for a
 * terminal, secrets read without echo, and the entry points of the desk,
 * backup, content, staff and user commands, and the usage.
 */
#ifndef YORDAM_CTL_H
#define YORDAM_CTL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "yordam/config.h"
#include "yordam/content.h"
#include "yordam/content_edit.h"
#include "yordam/store.h"

/* The usage, one line per command as yordamctl(1) lists them, to f;
 * then exit with status (--help: stdout, 0; bad arguments: stderr, 2). */
_Noreturn void ctl_usage(FILE *f, int status);

/* Exits with a message when the database cannot be opened. */
struct store *ctl_open(const struct yordam_config *cfg, int writable);

/* Who a desk action is by: --as NAME, else $SUDO_USER, else $USER. */
const char *ctl_who_am_i(const char *as);

/* The configured content, or NULL with its errors printed. */
struct content *ctl_load_content(const struct yordam_config *cfg);

/* One line of standard input into buf (n bytes), without its line end:
 * on a terminal after prompt (on stderr), with echo off, restored even
 * on ^C.  A longer line is cut to n - 1 bytes (make n one more than the
 * longest allowed, and refuse that).  0, or -1 at end of input. */
int ctl_read_secret(const char *prompt, char *buf, size_t n);

/* The n words of argv as one text, with spaces, cut to fit out. */
void ctl_join_args(int n, char **argv, char *out, size_t outlen);

/* "2026-11-24 10:00" in local time (with_seconds: ":05" too). */
void ctl_local_time(int64_t t, int with_seconds, char *buf, size_t n);

/* Text outputs: controls, DEL, C1, line separators, bidi overrides and
 * bytes that are not UTF-8 as visible escapes (\x1b, \u009b, \xff; see
 * ctl_escape.c).  CTL_LINES: a block printed on several lines by design
 * keeps its line breaks. */
#define CTL_LINES 1
#define CTL_ESC_MAX 16
/* s to f, escaped; NULL prints nothing. */
void ctl_put(FILE *f, const char *s, int flags);
/* The character at s (not at its end), as shown: into out, terminated;
 * returns the bytes of s it stood for (at least 1). */
size_t ctl_escape_one(const char *s, int flags, char out[CTL_ESC_MAX]);

int ctl_desk(const struct yordam_config *cfg, const char *cmd, int argc,
		char **argv);
/* queue, search and history (ctl_queue.c); 2 means usage. */
int ctl_queue(const struct yordam_config *cfg, const char *cmd, int argc,
		char **argv);
/* backup and restore (ctl_backup.c); 2 means usage. */
int ctl_backup(const struct yordam_config *cfg, const char *cmd, int argc,
		char **argv);
/* content review and map (ctl_content.c); 2 means usage. */
int ctl_content(const struct yordam_config *cfg, int argc, char **argv);
/* ctl_try.c: `try`, a conversation with the content on disk, in-process. */
int ctl_try(const struct yordam_config *cfg, int argc, char **argv);
/* content history, diff and rollback (ctl_history.c); 2 means usage. */
int ctl_content_history(const struct yordam_config *cfg, const char *sub,
		int argc, char **argv);
/* reload [--as NAME]: yordamd loads the content, recorded as by NAME. */
int ctl_reload(const struct yordam_config *cfg, int argc, char **argv);
/* content export and import (ctl_translate.c), content reviewed
 * (ctl_apply.c); 2 means usage. */
int ctl_content_export(const struct yordam_config *cfg, int argc,
		char **argv);
int ctl_content_import(const struct yordam_config *cfg, int argc,
		char **argv);
int ctl_content_reviewed(const struct yordam_config *cfg, int argc,
		char **argv);

/* Readers of translators' files for content import (ctl_import.c):
 * each translation found goes to one(), each problem to error(), with
 * where it is ("line 12"); ctl_translate.c says what to do with them. */
struct ctl_import_sink {
	void (*one)(void *ctx, const char *where, const char *node,
		const char *field, const char *lang, char *text);
	void (*error)(void *ctx, const char *where, const char *why);
	void *ctx;
};
/* 0 when read to the end; -1 when the reading stopped (errors said). */
int ctl_import_csv(const struct ctl_import_sink *s, char *buf);
int ctl_import_po(const struct ctl_import_sink *s, char *buf);

/* The offered languages' locale files, being changed (ctl_apply.c). */
struct ctl_locale_file {
	const struct locale *loc;       /* in the content as it loads now */
	char *write_to;         /* content_site/locales/<its name> */
	struct content_edit *e; /* loc->file's bytes, with the changes */
	int changed;
};
struct ctl_edit {
	const struct yordam_config *cfg;
	struct content *c;
	struct ctl_locale_file *f;      /* one per offered language */
	int nf;
	int src;                /* the source language's (ru) */
};
/* The content and its locale files: 0, or -1 with why printed. */
int ctl_edit_open(struct ctl_edit *x, const struct yordam_config *cfg);
void ctl_edit_close(struct ctl_edit *x);
/* The file of an offered language; NULL with why. */
struct ctl_locale_file *ctl_edit_file(struct ctl_edit *x, const char *code,
		char *why, size_t n);
/* Where (node, field) is in f ("texts.reg_uz.text", "system.hint",
 * "replies.call_back"): 0, or -1 with why.  field is label, text, reply,
 * or a key of node "system" or "conditions". */
int ctl_edit_path(const struct ctl_edit *x, const struct ctl_locale_file *f,
		const char *node, const char *field, char *path, size_t n,
		char *why, size_t wn);
/* The changed files checked by the content loader on a copy, then each
 * replaced atomically: 0; 1 refused with the errors printed, nothing
 * changed. */
int ctl_edit_commit(struct ctl_edit *x);

struct content;
/* For `check`: how many answers, sources, answers and rules to verify. */
void ctl_content_summary(const struct content *c);
/* unmatched and corpus export (ctl_corpus.c); 2 means usage. */
int ctl_corpus(const struct yordam_config *cfg, const char *cmd, int argc,
		char **argv);
/* staff pin (ctl_staff.c), without a configuration; 2 means usage. */
int ctl_staff(int argc, char **argv);
/* user add|passwd|list|remove|unlock|role|lang: the web console's
 * accounts (ctl_user.c); 2 means usage. */
int ctl_user(const struct yordam_config *cfg, int argc, char **argv);

#endif
