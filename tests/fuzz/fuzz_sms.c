/* fuzz_sms.c - SMS decoding and reassembly: UTF-16 from the network,
 * part counting and splitting, and parts stored and joined in SQLite in
 * any order, with gaps, duplicates and absurd headers. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yordam/charset.h"
#include "yordam/sms.h"
#include "yordam/store.h"
#include "yordam/transport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *st;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = charset_utf16be_to_utf8(data, size);
	size_t offsets[SMS_MAX_PARTS + 1];
	struct sms_measure m;
	char err[256];
	size_t i;

	if (!st) {
		char path[64];
		snprintf(path, sizeof path, "/tmp/yordam-fuzz-%d.db", getpid());
		unlink(path);
		if (store_open(path, &st, err, sizeof err) != 0)
			abort();
	}
	if (!text)
		return 0;
	if (sms_measure(text, &m) == 0)
		sms_split(text, m.coding, offsets, SMS_MAX_PARTS);
	/* The first bytes drive a multipart message of up to 255 parts. */
	for (i = 0; i + 3 < size && i < 48; i += 4) {
		struct sms_part_in p = { "+77000000000", "", 1700000000,
			data[i], data[i + 1], data[i + 2], text, NULL };
		if (data[i + 3] & 1)
			p.hold = "binary";
		store_part_received(st, &p, IN_UNTRIAGED, 1000 + (int64_t)i);
	}
	if (store_begin(st) == 0) {
		if (store_assemble_expired(st, 100000, 600) >= 0)
			store_commit(st);
		else
			store_rollback(st);
	}
	free(text);
	return 0;
}
