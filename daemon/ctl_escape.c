/*
 * ctl_escape.c - text from migrants and staff, made safe for a terminal.
 *
 * An SMS can carry terminal escape sequences (ESC [2J clears the screen,
 * ESC ]0;... BEL retitles the window, U+009B is a one-character CSI) and
 * a staff member's terminal would obey them when yordamctl printed the
 * text raw.  Every text output of yordamctl that can carry such a text
 * goes through here.  Controls are shown as C-style escapes, in ASCII:
 * readable in any font, surviving a copy into a ticket or an e-mail, and
 * saying exactly what was sent:
 *
 *   \n \r \t            line feed, carriage return, tab
 *   \x1b \x7f           other C0 controls and DEL, by byte
 *   \u009b \u2028 \u202e  C1 controls, the line and paragraph separators
 *                       and the bidirectional embeddings, overrides and
 *                       isolates (they reorder what follows on the line)
 *   \xff                a byte that is not UTF-8 (never a character)
 *
 * A backslash stays as it is: the text output is for people, and --json
 * is the exact, reversible form.  Where the output is several lines by
 * design (a conversation, a reply), CTL_LINES keeps line breaks ("\r\n"
 * as one), so staff read a conversation as lines.
 */
#include <stdio.h>
#include <string.h>
#include <unistr.h>

#include "ctl.h"

/* Shown as an escape, not as itself. */
static int
hidden(ucs4_t c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) ||
		c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) ||
		(c >= 0x2066 && c <= 0x2069);
}

size_t
ctl_escape_one(const char *s, int flags, char out[CTL_ESC_MAX])
{
	const uint8_t *p = (const uint8_t *)s;
	ucs4_t c;
	int n = u8_mbtoucr(&c, p, strnlen(s, 4));

	if (n < 0) {
		snprintf(out, CTL_ESC_MAX, "\\x%02x", p[0]);
		return 1;
	}
	if ((flags & CTL_LINES) && (c == '\n' || (c == '\r' && p[1] == '\n'))) {
		strcpy(out, "\n");
		return c == '\r' ? 2 : 1;
	}
	if (!hidden(c)) {
		memcpy(out, s, (size_t)n);
		out[n] = '\0';
	} else if (c == '\n' || c == '\r' || c == '\t')
		strcpy(out, c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t");
	else if (c < 0x80)
		snprintf(out, CTL_ESC_MAX, "\\x%02x", (unsigned)c);
	else
		snprintf(out, CTL_ESC_MAX, "\\u%04x", (unsigned)c);
	return (size_t)n;
}

void
ctl_put(FILE *f, const char *s, int flags)
{
	char buf[CTL_ESC_MAX];

	if (!s)
		return;
	while (*s) {
		/* Runs of plain ASCII, the usual case, go out as they are. */
		size_t plain = 0;
		while ((unsigned char)s[plain] >= 0x20 &&
		    (unsigned char)s[plain] < 0x7F)
			plain++;
		if (plain) {
			fwrite(s, 1, plain, f);
			s += plain;
			continue;
		}
		s += ctl_escape_one(s, flags, buf);
		fputs(buf, f);
	}
}
