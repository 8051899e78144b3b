/*
 * i18n.c - which language the messages of a run are in (i18n.h).
 *
 * Plain gettext would do, but for two things an editor meets: LANGUAGE
 * is ignored while no locale is set (LANG unset, or the "C" of a
 * service), and a locale the machine has not generated (LANG=ru_RU.UTF-8
 * on a server with only C.UTF-8) makes setlocale fail and every message
 * English.  Both still mean "Russian, please": then LC_MESSAGES becomes
 * C.UTF-8, which gettext does not treat as "C", and LANGUAGE says the
 * language the environment asked for.  Only LC_MESSAGES is set: sorting
 * (the order of content files) and character classes stay as they were.
 * The translations come out in UTF-8 whatever the locale, like the
 * content they speak of.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yordam/i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/share/locale"
#endif

#if defined(ENABLE_NLS) && ENABLE_NLS
static int
is_c(const char *l)
{
	return !l || !*l || strcmp(l, "C") == 0 || strcmp(l, "POSIX") == 0;
}

/* The language the environment asks for ("ru_RU" of LANG=ru_RU.UTF-8),
 * as gettext would read it, in buf; NULL when none or C. */
static const char *
env_language(char *buf, size_t len)
{
	static const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	size_t i;

	for (i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v) {
			if (is_c(v) || strncmp(v, "C.", 2) == 0)
				return NULL;
			snprintf(buf, len, "%.*s", (int)strcspn(v, ".@"), v);
			return buf;
		}
	}
	return NULL;
}
#endif

void
i18n_init(const char *lang)
{
#if defined(ENABLE_NLS) && ENABLE_NLS
	const char *dir = getenv("TEXTDOMAINDIR"), *set, *want;
	char buf[64];

	if (lang && *lang)
		setenv("LANGUAGE", lang, 1);
	set = setlocale(LC_MESSAGES, "");
	want = getenv("LANGUAGE");
	if (!want || !*want)
		want = env_language(buf, sizeof buf);
	if ((!set || is_c(set)) && want) {
		setenv("LANGUAGE", want, 1);
		setlocale(LC_MESSAGES, "C.UTF-8");
	}
	bindtextdomain("yordam", dir && *dir ? dir : LOCALEDIR);
	bind_textdomain_codeset("yordam", "UTF-8");
#else
	(void)lang;
#endif
}
