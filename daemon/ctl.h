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
