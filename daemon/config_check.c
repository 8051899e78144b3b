/*
 * config_check.c - the rules on single values of yordam.conf.
 *
 * config.c knows the file's shape (keys, types, ranges); the rules here
 * know what a value must mean to work on the day: a staff phone the
 * modem can report as a sender, a time zone the C library will find (or
 * else it runs on UTC without a word).  They are strict because a value that
 * loads but can never work fails silently, on the night it is needed.
 * What works but should not stay (a sample placeholder, a plain PIN, a
 * file others may read) is a warning instead, kept in the struct for
 * yordamd's log and `yordamctl check`.
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdarg.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config_private.h"
#include "yordam/i18n.h"

int
config_e164(const char *s)
{
	size_t digits;

	if (s[0] != '+')
		return 0;
	digits = strspn(s + 1, "0123456789");
	return s[1 + digits] == '\0' && digits >= 8 && digits <= 15;
}

/* POSIX TZ strings, as glibc reads them: std offset [dst [offset]
 * [,rule,rule]], e.g. "<+05>-5" or "CET-1CEST,M3.5.0,M10.5.0/3".  Each
 * step returns where it stopped, or NULL. */
static const char *
tz_name(const char *p)
{
	const char *q = p;

	if (*p == '<') {
		for (q = p + 1; isalnum((unsigned char)*q) || *q == '+' ||
		    *q == '-'; q++)
			;
		return *q == '>' && q - p - 1 >= 3 ? q + 1 : NULL;
	}
	while (isalpha((unsigned char)*q))
		q++;
	return q - p >= 3 ? q : NULL;
}

/* [+-]h[h][:mm[:ss]] with hours at most max_h */
static const char *
tz_offset(const char *p, int max_h)
{
	int i, v;

	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return NULL;
	for (v = 0, i = 0; i < 3 && isdigit((unsigned char)*p); i++)
		v = v * 10 + (*p++ - '0');
	if (v > max_h)
		return NULL;
	for (i = 0; i < 2 && *p == ':'; i++) {
		if (!isdigit((unsigned char)p[1]) ||
		    !isdigit((unsigned char)p[2]) || p[1] > '5')
			return NULL;
		p += 3;
	}
	return p;
}

static const char *
tz_number(const char *p, int lo, int hi)
{
	int v = 0, n = 0;

	while (isdigit((unsigned char)*p) && n < 4) {
		v = v * 10 + (*p++ - '0');
		n++;
	}
	return n && v >= lo && v <= hi ? p : NULL;
}

/* Jn, n or Mm.w.d, then an optional /time */
static const char *
tz_rule(const char *p)
{
	if (*p == 'J')
		p = tz_number(p + 1, 1, 365);
	else if (*p == 'M') {
		if ((p = tz_number(p + 1, 1, 12)) && *p == '.' &&
		    (p = tz_number(p + 1, 1, 5)) && *p == '.')
			p = tz_number(p + 1, 0, 6);
		else
			p = NULL;
	} else
		p = tz_number(p, 0, 365);
	if (p && *p == '/')
		p = tz_offset(p + 1, 167);
	return p;
}

static int
tz_posix(const char *p)
{
	if (!(p = tz_name(p)) || !(p = tz_offset(p, 24)))
		return 0;
	if (*p == '\0')
		return 1;
	if (!(p = tz_name(p)))
		return 0;
	if (*p && *p != ',' && !(p = tz_offset(p, 24)))
		return 0;
	if (*p == '\0')
		return 1;
	return *p == ',' && (p = tz_rule(p + 1)) && *p == ',' &&
		(p = tz_rule(p + 1)) && *p == '\0';
}

/* A file of tzdata: a regular file beginning with the TZif magic. */
static int
tz_file(const char *dir, const char *name)
{
	char path[512], magic[4];
	struct stat st;
	int fd, ok;

	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >=
	    sizeof path || (fd = open(path, O_RDONLY | O_NOFOLLOW)) < 0)
		return 0;
	ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		read(fd, magic, 4) == 4 && memcmp(magic, "TZif", 4) == 0;
	close(fd);
	return ok;
}

int
config_timezone_check(const char *tz, char *why, size_t n)
{
	const char *dir = getenv("TZDIR"), *name = tz;

	if (!dir || !*dir)
		dir = "/usr/share/zoneinfo";
	if (*name == ':')
		name++;
	if (name[0] == '/' || strstr(name, "..")) {
		snprintf(why, n, "a zone name may not contain '..' or start"
			" with '/' (write it as in tzdata: \"Asia/Almaty\")");
		return -1;
	}
	if ((*name && tz_file(dir, name)) || (name == tz && tz_posix(tz)))
		return 0;
	snprintf(why, n, "not a zone of tzdata in %s (e.g. \"Asia/Almaty\";"
		" is the tzdata package installed?), nor a POSIX TZ string"
		" (e.g. \"<+05>-5\"): the C library would run the helpline"
		" on UTC", dir);
	return -1;
}

void
config_warn(struct yordam_config *cfg, int line, const char *fmt, ...)
{
	char msg[512], *w;
	va_list ap;
	int len;

	if (cfg->n_warnings == CONFIG_MAX_WARNINGS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	len = snprintf(NULL, 0, "%s:%d: warning: %s", cfg->path, line, msg);
	if (len < 0 || !(w = malloc((size_t)len + 1)))
		return;
	snprintf(w, (size_t)len + 1, "%s:%d: warning: %s", cfg->path, line,
		msg);
	cfg->warnings[cfg->n_warnings++] = w;
}

void
config_warn_mode(struct yordam_config *cfg, const struct stat *st)
{
	if (st->st_mode & S_IROTH)
		config_warn(cfg, 0, _("every user of this machine may read it"
			" (mode %04o), with the staff's phones and PINs:"
			" chmod 640 (group yordam) or 600"), (unsigned)(st->st_mode
			& 07777));
}

int
config_regex_check(const char *pattern, char *err, size_t errlen,
		const char *file, int line)
{
	regex_t re;
	char why[128];
	int rc = regcomp(&re, pattern, REG_EXTENDED);

	if (rc == 0) {
		regfree(&re);
		return 0;
	}
	regerror(rc, &re, why, sizeof why);
	snprintf(err, errlen, "%s:%d: balance_pattern in modem: %s (a POSIX"
		" extended regular expression, e.g. \"([0-9]+[.,]?[0-9]*)\")",
		file, line, why);
	return -1;
}
