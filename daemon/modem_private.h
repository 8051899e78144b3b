/*
 * modem_private.h - what the modem transport's files share: the state of
 * one libgammu connection.  modem.c reads and sends SMS; modem_line.c is
 * the rest of the line (the SIM's PIN, the network, signal and storage,
 * calls, USSD).  Only these files call libgammu.
 */
#ifndef YORDAM_MODEM_PRIVATE_H
#define YORDAM_MODEM_PRIVATE_H

#include <gammu.h>

#include "yordam/config.h"
#include "yordam/transport.h"

/* Decoded copy of one part, owned by the modem until the next scan.  The whole raw
 * message is kept for deleting: drivers differ in which fields they read
 * (AT checks the memory too). */
struct read_part {
	GSM_SMSMessage raw;
	struct sms_part_in in;
	char sender[GSM_MAX_NUMBER_LENGTH * 4 + 1];
	char smsc[GSM_MAX_NUMBER_LENGTH * 4 + 1];
	char *text;
};

struct modem {
	GSM_StateMachine *sm;
	const struct yordam_config *cfg;
	int connected;
	volatile int send_status;   /* -1 waiting, 0 ok, >0 error */
	struct read_part batch[TRANSPORT_BATCH];   /* the last scan */
	int n_batch;
	char blocked[256];      /* never tried again: a refused PIN, a PUK */
	char sim[24];           /* the SIM's state as last seen */
	/* calls that rang (modem_line.c): rejected as they come */
	char calls[TRANSPORT_MAX_CALLS][32];
	int n_calls;
	int reject;             /* a call rang: hang up after the callback */
	/* the network's answer to a USSD code, while one is awaited */
	volatile int ussd_done;
	char ussd_reply[256];
};

/* modem_line.c */
int modem_unlock_sim(struct modem *m, char *err, size_t errlen);
void modem_listen(struct modem *m);
int modem_health(void *self, struct transport_health *out, char *err,
		size_t errlen);
int modem_calls(void *self, char (*numbers)[32], int max);
int modem_ussd(void *self, const char *code, char *reply, size_t n,
		char *err, size_t errlen);

#endif
