/*
 * config_check.c - the rules on single values of yordam.conf.
 *
 * config.c knows the file's shape (keys, types, ranges); the rules here
 * know what a value must mean to work on the day: a staff phone the
 * modem can report as a sender.  They are strict because a value that
 * loads but can never work fails silently, on the night it is needed.
 */
#include <string.h>

#include "config_private.h"

int
config_e164(const char *s)
{
	size_t digits;

	if (s[0] != '+')
		return 0;
	digits = strspn(s + 1, "0123456789");
	return s[1 + digits] == '\0' && digits >= 8 && digits <= 15;
}
