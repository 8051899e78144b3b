/*
 * modem.h - the GSM modem, through libgammu.  It knows SMS parts and
 * phone numbers, nothing of menus or languages.
 *
 * Reading hands each part to a callback; the part is deleted from the
 * modem only when the callback says it is safely stored.  The modem is
 * used from one thread only: a libgammu state machine is not thread-safe.
 */
#ifndef YORDAM_MODEM_H
#define YORDAM_MODEM_H

#include <stddef.h>

#include "yordam/config.h"
#include "yordam/sms.h"
#include "yordam/store.h"

struct modem;

/* Return 0 when the part is committed (the modem may delete it). */
typedef int (*modem_part_fn)(const struct sms_part_in *part, void *ud);

struct modem *modem_new(const struct yordam_config *cfg);
void modem_free(struct modem *m);

int modem_connect(struct modem *m, char *err, size_t errlen);
int modem_connected(const struct modem *m);
void modem_disconnect(struct modem *m);

/*
 * Read every inbox part, hand it to fn, delete what fn accepted.
 * Returns the number of parts stored, or -1 on a modem error (err set).
 */
int modem_poll(struct modem *m, modem_part_fn fn, void *ud, char *err,
		size_t errlen);

/* Send one text, split as sms_split() splits it.  0 or -1 (err set). */
int modem_send(struct modem *m, const char *number, const char *utf8,
		enum sms_coding coding, char *err, size_t errlen);

#endif
