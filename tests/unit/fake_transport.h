/*
 * fake_transport.h - a transport for unit tests (tests only): an inbox of
 * parts the test puts in, a record of what was deleted and sent, and
 * faults to switch on (read fails after some parts, send or delete
 * fails).  The gateway cannot tell it from the modem, which is the point
 * of the port.
 */
#ifndef YORDAM_TEST_FAKE_TRANSPORT_H
#define YORDAM_TEST_FAKE_TRANSPORT_H

#include "yordam/transport.h"

#define FAKE_MAX 1024

struct fake_transport {
	struct sms_part_in inbox[FAKE_MAX];   /* copies: the test's strings */
	char senders[FAKE_MAX][32];
	char *texts[FAKE_MAX];
	int n_inbox;
	int deleted[FAKE_MAX];          /* inbox index: deleted? */
	int read_map[FAKE_MAX];         /* last read: i -> inbox index */
	int n_read;
	char sent_to[FAKE_MAX][32];
	char sent_text[FAKE_MAX][320];
	int n_sent;
	int connected;
	int fail_read_after;            /* -1: never; n: fail after n parts */
	int fail_send;                  /* sends to refuse from now on */
	int fail_remove;
	char fail_number[32];           /* sends to it always fail */
	/* the line: what health() reports, who rings, the USSD answer */
	struct transport_health health;
	char rings[TRANSPORT_MAX_CALLS][32];
	int n_rings;
	char ussd_code[32];             /* the last code dialled */
	char ussd_reply[256];           /* "" : no answer (an error) */
};

/* Someone rings the fake modem (rejected at once, like the modem). */
void fake_transport_ring(struct fake_transport *f, const char *number);

/* A transport whose self is f (zeroed and connected). */
void fake_transport_init(struct fake_transport *f, struct transport *t);
/* A copy of p waits on the fake modem. */
void fake_transport_add(struct fake_transport *f, struct sms_part_in p);
/* Free what fake_transport_add() copied. */
void fake_transport_clear(struct fake_transport *f);

#endif
