/*
 * dummyphone.h - put an SMS into the inbox of Gammu's dummy phone.
 *
 * The dummy driver reads "SMS backup" files from DIR/sms/1; this writes
 * them the way a real network delivers a message: one file per part, with
 * the concatenation header, each file complete before it appears.  Used by
 * `yordamctl phone` (the demo) and by the end-to-end tests.
 */
#ifndef YORDAM_DUMMYPHONE_H
#define YORDAM_DUMMYPHONE_H

#include <stddef.h>
#include <time.h>

struct dummy_sms {
	const char *sender;
	const char *text;       /* UTF-8 */
	time_t sent;            /* SCTS; 0 = now */
	int ref;                /* concatenation reference; -1 = pick one */
	int only_part;          /* deliver just this part (1-based); 0 = all */
};

/* Number of parts written, or -1 with err set. */
int dummyphone_deliver(const char *device_dir, const struct dummy_sms *sms,
		char *err, size_t errlen);

#endif
