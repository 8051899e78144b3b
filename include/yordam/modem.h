/*
 * modem.h - the GSM modem, through libgammu.  It knows SMS parts and
 * phone numbers, nothing of menus or languages.
 *
 * Reading hands the parts of one scan to a callback; a part is deleted
 * from the modem only when the callback says it is safely stored.  The modem is
 * used from one thread only: a libgammu state machine is not thread-safe.
 */
#ifndef YORDAM_MODEM_H
#define YORDAM_MODEM_H

#include <stddef.h>

#include "yordam/config.h"
#include "yordam/sms.h"
#include "yordam/store.h"

struct modem;

/*
 * Store n parts read in one scan.  Set stored[i] to 1 for each part that
 * is committed (the modem may then delete it), 0 for a part that must stay
 * on the modem.  Return the number committed, or -1 when none is.
 */
typedef int (*modem_parts_fn)(const struct sms_part_in *parts, int n,
		int *stored, void *ud);

struct modem *modem_new(const struct yordam_config *cfg);
void modem_free(struct modem *m);

int modem_connect(struct modem *m, char *err, size_t errlen);
int modem_connected(const struct modem *m);
void modem_disconnect(struct modem *m);

/*
 * Read the inbox parts (at most MODEM_BATCH a call), hand them to fn,
 * delete what fn stored.  Returns the number of parts stored, -1 on a
 * modem error or -2 when some part could not be stored (err set).
 */
#define MODEM_BATCH 256
int modem_poll(struct modem *m, modem_parts_fn fn, void *ud, char *err,
		size_t errlen);

/* Send one text, split as sms_split() splits it.  0 or -1 (err set). */
int modem_send(struct modem *m, const char *number, const char *utf8,
		enum sms_coding coding, char *err, size_t errlen);

#endif
