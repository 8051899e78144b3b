/*
 * web_html.c - text into HTML, safely: the one way the console writes a
 * value into a page.
 *
 * Everything a migrant or a staff member wrote, and every name, goes
 * through web_html_put(): < > & " ' become entities (so "<script>" is
 * shown, never run, in an element or in an attribute), bytes that are not
 * UTF-8 become U+FFFD, and control characters (an SMS may carry terminal
 * escapes) are shown as visible \xNN, never passed on.  Pages are built in
 * a FILE (open_memstream), so the same function serves HTML and SVG.
 */
#include <stdio.h>
#include <string.h>
#include <unistr.h>

#include "web.h"

void
web_html_put(FILE *f, const char *s)
{
	const uint8_t *p = (const uint8_t *)(s ? s : "");

	while (*p) {
		ucs4_t c;
		int n = u8_mbtoucr(&c, p, strnlen((const char *)p, 4));
		if (n < 0) {
			fputs("\xEF\xBF\xBD", f);       /* U+FFFD */
			p++;
			continue;
		}
		switch (c) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		case '\n': fputc('\n', f); break;       /* pre-wrap shows it */
		default:
			if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 ||
			    c == 0x2029 || (c >= 0x202A && c <= 0x202E) ||
			    (c >= 0x2066 && c <= 0x2069))
				fprintf(f, "\\u%04x", (unsigned)c);
			else
				fwrite(p, 1, (size_t)n, f);
		}
		p += n;
	}
}

/* printf that escapes nothing: for the page's own markup only, never for
 * a value (those go through web_html_put()). */
void
web_html_raw(FILE *f, const char *markup)
{
	fputs(markup, f);
}
