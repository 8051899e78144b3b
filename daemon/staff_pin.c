/*
 * staff_pin.c - staff PINs: checked in constant time, hashed with
 * argon2id, and never stored.
 *
 * The PIN is the first word of every SMS from a staff phone.  The gateway
 * seals it as the SMS is read, before anything is written: the word is
 * replaced by the verdict (STAFF_PIN_OK or STAFF_PIN_WRONG), so the
 * database, its backups, the logs and every export hold no PIN, and a
 * command is judged later by the verdict alone.  A text that merely
 * looks like a verdict is a wrong PIN, since the first word is always
 * replaced.
 *
 * libsodium does the cryptography: crypto_pwhash_str (argon2id) for the
 * hashes in yordam.conf, its verifier, and sodium_memcmp on BLAKE2b
 * digests for a plain PIN left in an old configuration, so neither the
 * length nor the first wrong digit shows in the time taken.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yordam/staff.h"
#include "yordam/staff_command.h"

static int
ready(void)
{
	static int done;

	if (!done && sodium_init() < 0)
		return -1;
	done = 1;
	return 0;
}

int
staff_pin_matches(const struct staff_member *who, const char *pin,
		size_t len)
{
	unsigned char a[32], b[32];
	char *copy;
	int ok;

	if (ready() != 0 || !who->pin)
		return 0;
	if (!who->pin_plain) {
		if (!(copy = malloc(len + 1)))
			return 0;
		memcpy(copy, pin, len);
		copy[len] = '\0';
		ok = crypto_pwhash_str_verify(who->pin, copy, len) == 0;
		sodium_memzero(copy, len);
		free(copy);
		return ok;
	}
	crypto_generichash(a, sizeof a, (const unsigned char *)pin, len, NULL,
		0);
	crypto_generichash(b, sizeof b, (const unsigned char *)who->pin,
		strlen(who->pin), NULL, 0);
	return sodium_memcmp(a, b, sizeof a) == 0;
}

char *
staff_seal_pin(const struct staff_member *who, const char *text)
{
	struct staff_command cmd;
	const char *verdict;
	size_t head, rest_at, len;
	char *out;

	staff_command_parse(text, &cmd);
	if (cmd.pin_len == 0)
		return strdup(STAFF_PIN_WRONG);
	verdict = staff_pin_matches(who, text + cmd.pin_at, cmd.pin_len)
		? STAFF_PIN_OK : STAFF_PIN_WRONG;
	head = strlen(verdict);
	rest_at = cmd.pin_at + cmd.pin_len;
	len = head + strlen(text + rest_at);
	if (!(out = malloc(len + 1)))
		return NULL;
	memcpy(out, verdict, head);
	strcpy(out + head, text + rest_at);
	return out;
}

int
staff_pin_hash(const char *pin, char *out, size_t n)
{
	if (ready() != 0 || n < crypto_pwhash_STRBYTES)
		return -1;
	return crypto_pwhash_str(out, pin, strlen(pin),
		crypto_pwhash_OPSLIMIT_INTERACTIVE,
		crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0 ? 0 : -1;
}
