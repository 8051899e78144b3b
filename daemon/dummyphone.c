/*
 * dummyphone.c - write incoming SMS files for Gammu's dummy driver.
 *
 * Each part is written to a temporary file outside sms/1 and then
 * hard-linked to the first free location number: link() fails rather
 * than overwrite, so two writers never clobber each other, and the daemon
 * never sees a half-written file (which the driver would read as an empty
 * message).  Text is UTF-16BE hex for both codings, as the driver expects.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "yordam/charset.h"
#include "yordam/dummyphone.h"
#include "yordam/sms.h"

#define DUMMY_MAX_LOCATION 9999     /* the driver never reads back 10000 */

static int
write_part(FILE *f, const struct dummy_sms *sms, const char *text,
		size_t len, enum sms_coding coding, int ref, int total,
		int seq, time_t when)
{
	struct tm tm;

	gmtime_r(&when, &tm);
	fprintf(f, "[SMSBackup000]\nPDU = Deliver\nSMSC = \"+70000000000\"\n"
		"Number = \"%s\"\nState = UnRead\n"
		"DateTime = %04d%02d%02dT%02d%02d%02d\n", sms->sender,
		tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		tm.tm_min, tm.tm_sec);
	if (total > 1)
		fprintf(f, "UDH = 050003%02X%02X%02X\n", ref & 0xFF, total, seq);
	fprintf(f, "Coding = %s\nText00 = ", coding == SMS_GSM7
		? "Default_No_Compression" : "Unicode_No_Compression");
	{
		char *piece = strndup(text, len);
		size_t n = 0, i;
		unsigned char *u16 = piece ? charset_utf8_to_utf16be(piece, &n)
			: NULL;
		for (i = 0; u16 && i < n; i++)
			fprintf(f, "%02X", u16[i]);
		free(u16);
		free(piece);
		if (!u16 && len)
			return -1;
	}
	fputc('\n', f);
	return ferror(f) ? -1 : 0;
}

static int
place(const char *dir, const char *tmp, char *err, size_t errlen)
{
	char path[4096];
	int loc;

	for (loc = 1; loc <= DUMMY_MAX_LOCATION; loc++) {
		snprintf(path, sizeof path, "%s/sms/1/%d", dir, loc);
		if (link(tmp, path) == 0)
			return 0;
		if (errno != EEXIST) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			return -1;
		}
	}
	snprintf(err, errlen, "%s/sms/1 is full", dir);
	return -1;
}

int
dummyphone_deliver(const char *dir, const struct dummy_sms *sms,
		char *err, size_t errlen)
{
	struct sms_measure m;
	size_t offsets[SMS_MAX_PARTS + 1];
	char tmp[4096], inbox[4096];
	time_t when = sms->sent ? sms->sent : time(NULL);
	int n, i, ref = sms->ref;
	struct stat st;

	snprintf(inbox, sizeof inbox, "%s/sms/1", dir);
	if (stat(inbox, &st) != 0) {
		/* The driver creates it on connect; create it if we are first. */
		snprintf(tmp, sizeof tmp, "%s/sms", dir);
		mkdir(tmp, 0700);
		if (mkdir(inbox, 0700) != 0 && errno != EEXIST) {
			snprintf(err, errlen, "%s: %s", inbox, strerror(errno));
			return -1;
		}
	}
	if (sms_measure(sms->text, &m) != 0) {
		snprintf(err, errlen, "text is not valid UTF-8");
		return -1;
	}
	n = sms->text[0] ? sms_split(sms->text, m.coding, offsets,
		SMS_MAX_PARTS) : 1;
	if (!sms->text[0])
		offsets[0] = offsets[1] = 0;
	if (n < 0) {
		snprintf(err, errlen, "text too long");
		return -1;
	}
	if (ref < 0)
		ref = (int)((unsigned)time(NULL) * 2654435761u >> 24) & 0xFF;
	for (i = 0; i < n; i++) {
		FILE *f;
		int rc;

		if (sms->only_part && sms->only_part != i + 1)
			continue;
		snprintf(tmp, sizeof tmp, "%s/.incoming.%ld.%d", dir,
			(long)getpid(), i);
		f = fopen(tmp, "w");
		if (!f) {
			snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
			return -1;
		}
		rc = write_part(f, sms, sms->text + offsets[i],
			offsets[i + 1] - offsets[i], m.coding, ref, n, i + 1,
			when);
		if (fclose(f) != 0 || rc != 0) {
			snprintf(err, errlen, "%s: write failed", tmp);
			unlink(tmp);
			return -1;
		}
		rc = place(dir, tmp, err, errlen);
		unlink(tmp);
		if (rc != 0)
			return -1;
	}
	return n;
}
