/* fuzz_text.c - normalisation, keyword matching and transliteration on
 * arbitrary bytes: what any phone can send. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yordam/match.h"
#include "yordam/text.h"
#include "yordam/translit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *n, *r;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	r = text_repair_utf8(s, strlen(s));
	if ((n = text_normalise(r)) != NULL) {
		char *a = translit_uz_latin_to_cyrillic(n);
		char *b = translit_cyrillic_to_latin(n, "ru");
		match_keyword(n, "pasport");
		match_keyword(n, "забрали паспорт");
		match_keyword("pasportimni olib qo'yishdi", n);
		translit_is_mostly_cyrillic(n);
		free(a);
		free(b);
		free(n);
	}
	free(text_casefold(r));
	free(r);
	free(s);
	return 0;
}
