/*
 * staff_command.c - reading a staff member's SMS (staff_command.h).
 *
 * Words are separated by ASCII white space only: a PIN or a command word
 * never contains anything else, and a multibyte letter is never split.
 * The request number must be all digits and fit comfortably (nine digits
 * at most), so "TAKE 99999999999999999999" is not read as some other
 * number by an overflow.
 */
#include <string.h>

#include "yordam/staff_command.h"

static const struct {
	const char *word;
	enum staff_verb verb;
} verbs[] = {
	{ "NEXT", STAFF_NEXT }, { "TAKE", STAFF_TAKE }, { "R", STAFF_REPLY },
	{ "NOTE", STAFF_NOTE }, { "CLOSE", STAFF_CLOSE }, { "ACK", STAFF_ACK },
};

static int
space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
		c == '\f';
}

static const char *
skip_space(const char *p)
{
	while (*p && space(*p))
		p++;
	return p;
}

static const char *
word_end(const char *p)
{
	while (*p && !space(*p))
		p++;
	return p;
}

/* Case-insensitive in ASCII only: "take" is TAKE, nothing else is. */
static int
same_word(const char *p, size_t n, const char *word)
{
	size_t i;

	if (n != strlen(word))
		return 0;
	for (i = 0; i < n; i++) {
		char c = p[i];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c != word[i])
			return 0;
	}
	return 1;
}

int
staff_verb_needs_request(enum staff_verb v)
{
	return v == STAFF_TAKE || v == STAFF_REPLY || v == STAFF_NOTE ||
		v == STAFF_CLOSE || v == STAFF_ACK;
}

int
staff_verb_needs_text(enum staff_verb v)
{
	return v == STAFF_REPLY || v == STAFF_NOTE;
}

static void
read_request(const char *p, struct staff_command *out)
{
	const char *end = word_end(p);
	long long n = 0;
	const char *q;

	if (end == p || end - p > 9)
		return;
	for (q = p; q < end; q++) {
		if (*q < '0' || *q > '9')
			return;
		n = n * 10 + (*q - '0');
	}
	out->request = n;
	out->has_request = 1;
	out->text = skip_space(end);
}

void
staff_command_parse(const char *text, struct staff_command *out)
{
	const char *p = skip_space(text ? text : ""), *end, *cmd;
	size_t i;

	memset(out, 0, sizeof *out);
	out->verb = STAFF_NONE;
	out->text = "";
	if (!*p)
		return;
	end = word_end(p);
	out->pin_at = (size_t)(p - (text ? text : p));
	out->pin_len = (size_t)(end - p);
	cmd = skip_space(end);
	if (!*cmd)
		return;
	end = word_end(cmd);
	out->verb = STAFF_UNKNOWN;
	for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (same_word(cmd, (size_t)(end - cmd), verbs[i].word))
			out->verb = verbs[i].verb;
	if (staff_verb_needs_request(out->verb))
		read_request(skip_space(end), out);
}
