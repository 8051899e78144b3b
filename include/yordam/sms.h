/*
 * sms.h - what a text costs as SMS: alphabet, length and parts.
 *
 * One place decides whether a reply can go as GSM-7 (160 characters, 153
 * per part) or needs UCS-2 (70, 67 per part), so the modem, the content
 * validator and the message log all count the same way.
 */
#ifndef YORDAM_SMS_H
#define YORDAM_SMS_H

#include <stddef.h>
#include <stdint.h>

enum sms_coding { SMS_GSM7 = 0, SMS_UCS2 = 1 };

struct sms_measure {
	enum sms_coding coding;
	int units;          /* septets (GSM-7) or 16-bit units (UCS-2) */
	int parts;
	uint32_t forced_by; /* first character that forced UCS-2, or 0 */
};

#define SMS_MAX_PARTS 255

/* Septets for one character in GSM-7: 1, 2 (escape table) or 0 (none). */
int sms_gsm7_septets(uint32_t cp);

/* Measure a UTF-8 text; -1 if it is not valid UTF-8. */
int sms_measure(const char *utf8, struct sms_measure *m);

/*
 * Split a UTF-8 text into parts for the given coding, never cutting a
 * character, an escape pair or a surrogate pair.  offsets[i] is the byte
 * where part i starts; offsets[nparts] is strlen(utf8).  Returns the
 * number of parts (at most max_parts) or -1.
 */
int sms_split(const char *utf8, enum sms_coding coding, size_t *offsets,
		int max_parts);

const char *sms_coding_name(enum sms_coding c);

#endif
