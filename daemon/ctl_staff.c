/*
 * ctl_staff.c - `yordamctl staff pin`: the argon2id hash of a staff PIN,
 * printed as the line to put in yordam.conf, so that no PIN need be
 * written there in plain digits (config.c warns about those).
 *
 * On a terminal the PIN is read twice with echo off (termios), restored
 * even on ^C; otherwise one line is read from standard input, for
 * scripts and tests.  It needs no working configuration: making one is
 * what it is for.  The PIN is wiped from memory once hashed, and only
 * the hash is printed.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ctl.h"
#include "yordam/staff.h"

#define PIN_MIN 6
#define PIN_MAX 64

static struct termios saved;
static volatile sig_atomic_t echo_off;

static void
restore_echo(int sig)
{
	if (echo_off)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	echo_off = 0;
	if (sig) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
}

/* One line of standard input into buf, without its line end; on a
 * terminal after prompt, with echo off.  0, or -1 at end of input. */
static int
read_pin(const char *prompt, char *buf, size_t n)
{
	int tty = isatty(STDIN_FILENO), rc = 0;
	struct termios quiet;
	size_t len = 0;
	char c;

	if (tty && tcgetattr(STDIN_FILENO, &saved) == 0) {
		fputs(prompt, stderr);
		fflush(stderr);
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		signal(SIGINT, restore_echo);
		signal(SIGTERM, restore_echo);
		signal(SIGHUP, restore_echo);
		echo_off = 1;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	for (;;) {
		ssize_t r = read(STDIN_FILENO, &c, 1);
		if (r <= 0) {
			rc = len ? 0 : -1;
			break;
		}
		if (c == '\n')
			break;
		if (len + 1 < n)        /* longer than PIN_MAX: refused later */
			buf[len++] = c;
		else
			len = n;
	}
	if (len >= n)
		len = n - 1;
	buf[len] = '\0';
	if (len && buf[len - 1] == '\r')
		buf[len - 1] = '\0';
	if (tty && echo_off) {
		restore_echo(0);
		fputc('\n', stderr);
	}
	return rc;
}

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

	if (read_pin("New staff PIN (6 or more digits): ", pin,
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
		if (read_pin("The same PIN again: ", again, sizeof again) != 0 ||
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
