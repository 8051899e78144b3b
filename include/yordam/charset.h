/*
 * charset.h - UTF-16 (what SMS carry) to and from UTF-8 (what we store).
 *
 * Done with glibc's iconv, in one place, so that a broken sequence from a
 * phone becomes U+FFFD here and never reaches the database as bad UTF-8.
 */
#ifndef YORDAM_CHARSET_H
#define YORDAM_CHARSET_H

#include <stddef.h>

/* UTF-16BE bytes to UTF-8 (malloc'd); invalid units become U+FFFD. */
char *charset_utf16be_to_utf8(const unsigned char *in, size_t bytes);

/* UTF-8 to UTF-16BE (malloc'd, *bytes set); NULL if in is not UTF-8. */
unsigned char *charset_utf8_to_utf16be(const char *in, size_t *bytes);

#endif
