/* fuzz_dates.c - the date parser on whatever people type. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yordam/dates.h"
#include "yordam/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *n;
	int day;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	dates_parse(s, 20781, &day);
	if ((n = text_normalise(s)) != NULL) {
		dates_parse(n, 20781, &day);
		free(n);
	}
	free(s);
	return 0;
}
