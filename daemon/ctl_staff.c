/*
 * ctl_staff.c - `yordamctl staff pin`: the argon2id hash of a staff PIN,
 * printed as the line to put in yordam.conf, so that no PIN need be
 * written there in plain digits (config.c warns about those).
 *
 * On a terminal the PIN is read twice with echo off (ctl_read_secret(),
 * ctl.c), restored even on ^C; otherwise one line is read from standard
 * input, for scripts and tests.  It needs no working configuration: making one is
 * what it is for.  The PIN is wiped from memory once hashed, and only
 * the hash is printed.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"
#include "yordam/staff.h"

#define PIN_MIN 6
#define PIN_MAX 64

static int
pin_ok(const char *pin)
{
	size_t len = strlen(pin);

	return len >= PIN_MIN && len <= PIN_MAX &&
		strspn(pin, "0123456789") == len;
}

static int
staff_pin(void)
{
	char pin[PIN_MAX + 2], again[PIN_MAX + 2], hash[256];
	int rc = 1;

	if (ctl_read_secret("New staff PIN (6 or more digits): ", pin,
	    sizeof pin) != 0) {
		fprintf(stderr, "yordamctl: staff pin: no PIN given\n");
		return 1;
	}
	if (!pin_ok(pin)) {
		fprintf(stderr, "yordamctl: staff pin: a PIN is 6 or more digits"
			" (at most %d), nothing else: staff type it first in"
			" every SMS\n", PIN_MAX);
		goto out;
	}
	if (isatty(STDIN_FILENO)) {
		if (ctl_read_secret("The same PIN again: ", again, sizeof again) != 0 ||
		    strcmp(pin, again) != 0) {
			fprintf(stderr, "yordamctl: staff pin: the two PINs"
				" differ; nothing was hashed\n");
			goto out;
		}
	}
	if (staff_pin_hash(pin, hash, sizeof hash) != 0) {
		fprintf(stderr, "yordamctl: staff pin: hashing failed (out of"
			" memory? argon2id needs 64 MiB)\n");
		goto out;
	}
	if (isatty(STDOUT_FILENO))
		fprintf(stderr, "Put this line in the staff entry in"
			" yordam.conf, in place of the old pin:\n");
	printf("pin = \"%s\";\n", hash);
	rc = 0;
out:
	explicit_bzero(pin, sizeof pin);
	explicit_bzero(again, sizeof again);
	return rc;
}

int
ctl_staff(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "pin") == 0)
		return staff_pin();
	return 2;
}
