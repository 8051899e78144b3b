/*
 * json.c - JSON string escaping and timestamps for yordamctl.
 * Texts are UTF-8 already; only what JSON forbids raw, or what would act
 * on a terminal or a JavaScript parser reading the output, is escaped:
 * C0 controls, DEL, C1 controls (U+0080-U+009F: U+009B is a CSI to some
 * terminals) and U+2028/U+2029, as \uXXXX.  A byte that is not UTF-8 is
 * written as U+FFFD, so the line stays valid JSON whatever was stored.
 * Cyrillic stays readable in the output.
 */
#include <string.h>
#include <time.h>
#include <unistr.h>

#include "yordam/json.h"

void
json_string(FILE *f, const char *s)
{
	const uint8_t *p = (const uint8_t *)s;

	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	while (*p) {
		ucs4_t c;
		int n = u8_mbtoucr(&c, p, strnlen((const char *)p, 4));
		if (n < 0) {
			fputs("\\ufffd", f);
			p++;
			continue;
		}
		switch (c) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 ||
			    c == 0x2029)
				fprintf(f, "\\u%04x", (unsigned)c);
			else
				fwrite(p, 1, (size_t)n, f);
		}
		p += n;
	}
	fputc('"', f);
}

void
json_time(FILE *f, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];

	gmtime_r(&tt, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(f, "\"%s\"", buf);
}
