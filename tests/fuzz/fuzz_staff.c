/* fuzz_staff.c - what a staff phone can send: staff_command_parse() on
 * any bytes, with what it promises checked (the PIN's place, the text and
 * the request number all inside the input; a verb it knows), and
 * text_preview(), which puts such texts on one line for alerts and
 * listings, at several sizes: valid UTF-8, no control characters, never
 * more characters than asked. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yordam/staff_command.h"
#include "yordam/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
		c == '\f';
}

/* Word i (from 0) of s by ASCII white space: *at and its length. */
static size_t
word(const char *s, int i, const char **at)
{
	const char *p = s, *w;

	for (;;) {
		while (*p && is_space(*p))
			p++;
		w = p;
		while (*p && !is_space(*p))
			p++;
		if (i-- == 0 || !*w) {
			*at = w;
			return (size_t)(p - w);
		}
	}
}

static void
check_command(const char *s, size_t len)
{
	struct staff_command c;
	const char *pin, *verb, *num;
	size_t pin_len = word(s, 0, &pin), num_len = word(s, 2, &num), i;
	size_t verb_len = word(s, 1, &verb);
	int digits = num_len > 0 && num_len <= 9;

	for (i = 0; i < num_len; i++)
		digits = digits && num[i] >= '0' && num[i] <= '9';
	staff_command_parse(s, &c);
	if (c.verb < STAFF_NONE || c.verb > STAFF_ACK)
		abort();
	if (c.pin_at > len || c.pin_len > len - c.pin_at)
		abort();
	if (pin_len && (s + c.pin_at != pin || c.pin_len != pin_len))
		abort();
	if ((c.verb == STAFF_NONE) != (verb_len == 0))
		abort();
	if (!c.text || (*c.text && (c.text < s || c.text >= s + len)))
		abort();
	if (*c.text && !staff_verb_needs_request(c.verb))
		abort();
	/* A request number only where the verb takes one and the third word
	 * is all digits, nine at most; then it is that number. */
	if (c.has_request != (staff_verb_needs_request(c.verb) && digits))
		abort();
	if (c.has_request ? c.request != strtoll(num, NULL, 10)
	    : c.request != 0)
		abort();
	staff_command_parse(NULL, &c);
	if (c.verb != STAFF_NONE || !c.text || *c.text)
		abort();
}

/* Characters in valid UTF-8 (continuation bytes not counted). */
static size_t
chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static void
check_preview(const char *s, size_t max_chars, size_t outlen)
{
	char out[256];
	size_t n, i;

	memset(out, 'X', sizeof out);
	n = text_preview(s, max_chars, out, outlen);
	if (outlen == 0) {
		if (n != 0)
			abort();
		return;
	}
	if (n >= outlen || out[n] != '\0' || strlen(out) != n)
		abort();
	if (!text_valid_utf8(out, n) || chars(out, n) > max_chars)
		abort();
	for (i = 0; i < n; i++) {
		unsigned char b = (unsigned char)out[i];
		if (b < 0x20 || b == 0x7F)
			abort();
		/* C1 (U+0080-U+009F) and U+2028/2029 flatten too */
		if (b == 0xC2 && i + 1 < n &&
		    (unsigned char)out[i + 1] >= 0x80 &&
		    (unsigned char)out[i + 1] <= 0x9F)
			abort();
		if (b == 0xE2 && i + 2 < n && (unsigned char)out[i + 1] == 0x80
		    && ((unsigned char)out[i + 2] == 0xA8 ||
		    (unsigned char)out[i + 2] == 0xA9))
			abort();
	}
	if (n && (out[0] == ' ' || out[n - 1] == ' '))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t sizes[][2] = { { 0, 16 }, { 1, 16 }, { 1, 4 },
		{ 5, 8 }, { 20, 64 }, { 40, 41 }, { 60, 256 }, { 160, 200 },
		{ 200, 256 }, { 10, 0 }, { 10, 1 }, { 3, 3 } };
	char *s = malloc(size + 1);
	size_t i, len;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	len = strlen(s);
	check_command(s, len);
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		check_preview(s, sizes[i][0], sizes[i][1]);
	free(s);
	return 0;
}
