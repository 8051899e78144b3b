/*
 * charset.c - UTF-16BE <-> UTF-8 through iconv.
 *
 * SMS text arrives as UCS-2/UTF-16 (libgammu hands GSM-7 over in the same
 * form), and a phone or a bad SMSC can send a lone surrogate.  iconv stops
 * at such a unit; we write U+FFFD for it and go on, so one bad character
 * never loses the rest of a message.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "yordam/charset.h"

char *
charset_utf16be_to_utf8(const unsigned char *in, size_t bytes)
{
	iconv_t cd = iconv_open("UTF-8", "UTF-16BE");
	size_t cap = bytes * 2 + 4, left_out = cap, left_in = bytes & ~(size_t)1;
	char *out, *op, *ip = (char *)in;

	if (cd == (iconv_t)-1)
		return NULL;
	out = malloc(cap);      /* a 16-bit unit gives at most 3 bytes */
	if (!out) {
		iconv_close(cd);
		return NULL;
	}
	op = out;
	while (left_in > 0) {
		if (iconv(cd, &ip, &left_in, &op, &left_out) != (size_t)-1)
			break;
		if (errno == EILSEQ || errno == EINVAL) {
			/* an unpaired surrogate: skip its unit */
			memcpy(op, "\xEF\xBF\xBD", 3);
			op += 3;
			left_out -= 3;
			ip += 2;
			left_in = left_in >= 2 ? left_in - 2 : 0;
			iconv(cd, NULL, NULL, NULL, NULL);
			continue;
		}
		break;          /* E2BIG cannot happen with cap above */
	}
	*op = '\0';
	iconv_close(cd);
	return out;
}

unsigned char *
charset_utf8_to_utf16be(const char *in, size_t *bytes)
{
	iconv_t cd = iconv_open("UTF-16BE", "UTF-8");
	size_t len = strlen(in), cap = len * 2 + 2, left_out = cap;
	char *out, *op, *ip = (char *)in;

	if (cd == (iconv_t)-1)
		return NULL;
	out = malloc(cap);
	if (!out) {
		iconv_close(cd);
		return NULL;
	}
	op = out;
	if (iconv(cd, &ip, &len, &op, &left_out) == (size_t)-1) {
		free(out);
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	*bytes = cap - left_out;
	return (unsigned char *)out;
}
