/*
 * inject - test helper: deliver an SMS into the dummy modem's inbox.
 *   inject DIR NUMBER TEXT [--date YYYYMMDDTHHMMSS | --time SECONDS]
 *          [--ref N] [--part K]
 * The same code as `yordamctl phone`, with the knobs tests need: a fixed
 * SMSC time (to send "the same SMS twice"), as a UTC date or as seconds
 * since the epoch (a base plus a counter: valid for any number of SMS),
 * and single parts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yordam/dummyphone.h"

int
main(int argc, char **argv)
{
	struct dummy_sms sms = { NULL, NULL, 0, -1, 0 };
	char err[512];
	int i;

	if (argc < 4) {
		fprintf(stderr, "usage: inject DIR NUMBER TEXT [--date D |"
			" --time S] [--ref N] [--part K]\n");
		return 2;
	}
	sms.sender = argv[2];
	sms.text = argv[3];
	for (i = 4; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--date") == 0) {
			struct tm tm;
			memset(&tm, 0, sizeof tm);
			if (!strptime(argv[i + 1], "%Y%m%dT%H%M%S", &tm))
				return 2;
			sms.sent = timegm(&tm);
		} else if (strcmp(argv[i], "--time") == 0) {
			char *end;
			long long t = strtoll(argv[i + 1], &end, 10);
			if (*end || end == argv[i + 1] || t <= 0)
				return 2;
			sms.sent = (time_t)t;
		} else if (strcmp(argv[i], "--ref") == 0) {
			sms.ref = atoi(argv[i + 1]);
		} else if (strcmp(argv[i], "--part") == 0) {
			sms.only_part = atoi(argv[i + 1]);
		} else {
			return 2;
		}
	}
	if (dummyphone_deliver(argv[1], &sms, err, sizeof err) < 0) {
		fprintf(stderr, "inject: %s\n", err);
		return 1;
	}
	return 0;
}
