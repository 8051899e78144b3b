/*
 * staff_command.h - what a staff member's SMS says, read without
 * touching anything: "PIN NEXT", "PIN TAKE 12", "PIN R 12 text",
 * "PIN NOTE 12 text", "PIN CLOSE 12", "PIN ACK 12".
 *
 * A pure function, so the reading can be fuzzed and tested apart from
 * the desk it drives, and so the PIN's place in the text is known and it
 * can be cut out before the message is stored.
 */
#ifndef YORDAM_STAFF_COMMAND_H
#define YORDAM_STAFF_COMMAND_H

#include <stddef.h>

enum staff_verb {
	STAFF_NONE,             /* no PIN and command at all */
	STAFF_UNKNOWN,          /* a PIN, then a word we do not know */
	STAFF_NEXT, STAFF_TAKE, STAFF_REPLY, STAFF_NOTE, STAFF_CLOSE,
	STAFF_ACK,
};

struct staff_command {
	enum staff_verb verb;
	size_t pin_at, pin_len; /* the first word: where, how long (bytes) */
	long long request;      /* the request number, or 0 */
	int has_request;
	const char *text;       /* into the input: the rest, for R and NOTE;
				 * "" if none */
};

/* Read text (UTF-8) into *out.  Never fails: what it cannot read is
 * STAFF_NONE or STAFF_UNKNOWN. */
void staff_command_parse(const char *text, struct staff_command *out);

/* Does the verb act on a request (and so need its number)? */
int staff_verb_needs_request(enum staff_verb v);
/* Does it need a text after the number (R, NOTE)? */
int staff_verb_needs_text(enum staff_verb v);

#endif
