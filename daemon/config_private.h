/*
 * config_private.h - what the configuration's files share: config.c
 * reads yordam.conf, config_check.c judges single values (phone numbers,
 * time zones) and keeps the warnings, so the reader stays a reader and
 * the rules can be read in one place.
 */
#ifndef YORDAM_CONFIG_PRIVATE_H
#define YORDAM_CONFIG_PRIVATE_H

#include <stddef.h>
#include <sys/stat.h>

#include <libconfig.h>

#include "yordam/config.h"

/* One key a group may hold: its kind, where it goes (an offset into the
 * struct being filled) and, for numbers, the range. */
enum key_kind { K_STRING, K_INT, K_BOOL, K_GROUP, K_LIST };

struct key_spec {
	const char *name;
	enum key_kind kind;
	size_t offset;
	int min, max;
};

#define OFF(f) offsetof(struct yordam_config, f)

/* -1, with err as "file:line: " and the message. */
int config_fail(char *err, size_t errlen, const char *file, int line,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* err as "file:line:column: why" for libconfig's syntax error, explained
 * (conf_explain_syntax), or libconfig's "file:line: syntax error". */
void config_syntax_error(config_t *lc, const char *path, char *err,
		size_t errlen);

/* "a string in double quotes": what a key of kind k is written as. */
const char *config_kind_name(enum key_kind k);

/* Check every setting of group against spec and store it at base + its
 * offset.  where names the group in messages (" in modem").  0, or -1
 * with err as "file:line: why". */
int config_read_keys(config_setting_t *group, const struct key_spec *spec,
		void *base, const char *where, const char *file, char *err,
		size_t errlen);

/* transport and the kannel = { ... } group, checked (config_kannel.c);
 * 0, or -1 with err. */
int config_read_kannel(config_t *lc, struct yordam_config *cfg,
		const char *path, char *err, size_t errlen);
void config_free_kannel(struct yordam_config *cfg);

/* Is s an E.164 number as the modem reports senders: '+' then 8 to 15
 * digits, nothing else? */
int config_e164(const char *s);

/* Will the C library find this time zone: a zone of tzdata (under TZDIR
 * or /usr/share/zoneinfo) or a POSIX TZ string?  0, or -1 and why. */
int config_timezone_check(const char *tz, char *why, size_t n);

/* Add "file:line: warning: ..." to cfg->warnings (beyond
 * CONFIG_MAX_WARNINGS, dropped). */
void config_warn(struct yordam_config *cfg, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The warnings on the file itself: mode st. */
void config_warn_mode(struct yordam_config *cfg, const struct stat *st);

/* A balance pattern compiles (POSIX extended): 0, or -1 with err as
 * "file:line: why". */
int config_regex_check(const char *pattern, char *err, size_t errlen,
		const char *file, int line);

/* The modem_* fields of cfg moved into m, cfg's left NULL
 * (config_modems.c). */
void config_take_modem(struct yordam_config *cfg, struct modem_conf *m);

#endif
