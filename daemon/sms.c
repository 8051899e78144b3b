/*
 * sms.c - GSM 03.38 alphabet and concatenated-SMS arithmetic.
 *
 * The tables are the GSM 7-bit default alphabet and its extension table,
 * written as Unicode code points.  Splitting is greedy and fills each part
 * to its limit, which is what the modem side does too, so the part count
 * recorded for a message is the part count the operator pays for.
 */
#include <string.h>
#include <unistr.h>

#include "yordam/sms.h"

static const uint16_t gsm7_basic[128] = {
	'@', 0x00A3, '$', 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC,
	0x00F2, 0x00C7, '\n', 0x00D8, 0x00F8, '\r', 0x00C5, 0x00E5,
	0x0394, '_', 0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8,
	0x03A3, 0x0398, 0x039E, 0xFFFF, 0x00C6, 0x00E6, 0x00DF, 0x00C9,
	' ', '!', '"', '#', 0x00A4, '%', '&', '\'',
	'(', ')', '*', '+', ',', '-', '.', '/',
	'0', '1', '2', '3', '4', '5', '6', '7',
	'8', '9', ':', ';', '<', '=', '>', '?',
	0x00A1, 'A', 'B', 'C', 'D', 'E', 'F', 'G',
	'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
	'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W',
	'X', 'Y', 'Z', 0x00C4, 0x00D6, 0x00D1, 0x00DC, 0x00A7,
	0x00BF, 'a', 'b', 'c', 'd', 'e', 'f', 'g',
	'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
	'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
	'x', 'y', 'z', 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0,
};

static const uint16_t gsm7_extension[] = {
	0x000C, '^', '{', '}', '\\', '[', '~', ']', '|', 0x20AC, 0
};

/*
 * Septets for a code point: 1 in the basic table, 2 through the escape,
 * 0 when GSM-7 cannot carry it.  Every character of every reply and
 * every rendered screen comes through here, and scanning both tables for
 * each one was most of the time spent measuring; the code points below
 * U+0100 are looked up in a table filled once.
 */
static int
gsm7_scan(uint32_t cp)
{
	int i;

	for (i = 0; i < 128; i++)
		if (gsm7_basic[i] == cp)
			return 1;
	for (i = 0; gsm7_extension[i]; i++)
		if (gsm7_extension[i] == cp)
			return 2;
	return 0;
}

int
sms_gsm7_septets(uint32_t cp)
{
	static signed char latin1[256];
	static int filled;
	int i;

	if (cp > 0xFFFF)
		return 0;
	if (cp >= 256)
		return gsm7_scan(cp);
	if (!filled) {
		for (i = 0; i < 256; i++)
			latin1[i] = (signed char)gsm7_scan((uint32_t)i);
		filled = 1;
	}
	return latin1[cp];
}

static int
units_of(uint32_t cp, enum sms_coding coding)
{
	if (coding == SMS_GSM7)
		return sms_gsm7_septets(cp);
	return cp > 0xFFFF ? 2 : 1;
}

int
sms_split(const char *utf8, enum sms_coding coding, size_t *offsets,
		int max_parts)
{
	const uint8_t *s = (const uint8_t *)utf8;
	size_t len = strlen(utf8), pos = 0;
	int single = coding == SMS_GSM7 ? 160 : 70;
	int per_part = coding == SMS_GSM7 ? 153 : 67;
	int total = 0, nparts = 0, used = 0;

	/* First pass: does it fit in one part without a header? */
	while (pos < len) {
		ucs4_t cp;
		int n = u8_mbtoucr(&cp, s + pos, len - pos);
		if (n <= 0)
			return -1;
		total += units_of(cp, coding);
		pos += (size_t)n;
	}
	offsets[0] = 0;
	if (total <= single) {
		offsets[1] = len;
		return 1;
	}
	for (pos = 0; pos < len;) {
		ucs4_t cp;
		int n = u8_mbtoucr(&cp, s + pos, len - pos);
		int u = units_of(cp, coding);
		if (used + u > per_part) {
			if (++nparts >= max_parts)
				return -1;
			offsets[nparts] = pos;
			used = 0;
		}
		used += u;
		pos += (size_t)n;
	}
	offsets[++nparts] = len;
	return nparts;
}

int
sms_measure(const char *utf8, struct sms_measure *m)
{
	const uint8_t *s = (const uint8_t *)utf8;
	size_t len = strlen(utf8), pos = 0;
	size_t offsets[SMS_MAX_PARTS + 1];

	memset(m, 0, sizeof *m);
	m->coding = SMS_GSM7;
	while (pos < len) {
		ucs4_t cp;
		int n = u8_mbtoucr(&cp, s + pos, len - pos);
		if (n <= 0)
			return -1;
		if (m->coding == SMS_GSM7 && sms_gsm7_septets(cp) == 0) {
			m->coding = SMS_UCS2;
			m->forced_by = cp;
		}
		pos += (size_t)n;
	}
	pos = 0;
	while (pos < len) {
		ucs4_t cp;
		int n = u8_mbtoucr(&cp, s + pos, len - pos);
		m->units += units_of(cp, m->coding);
		pos += (size_t)n;
	}
	m->parts = len == 0 ? 1
		: sms_split(utf8, m->coding, offsets, SMS_MAX_PARTS);
	return m->parts < 0 ? -1 : 0;
}

const char *
sms_coding_name(enum sms_coding c)
{
	return c == SMS_GSM7 ? "gsm7" : "ucs2";
}
