/*
 * modem.h - the GSM modem through libgammu, as a transport (transport.h).
 * It knows SMS parts and phone numbers, nothing of menus or languages.
 *
 * The modem is used from one thread only: a libgammu state machine is
 * not thread-safe.
 */
#ifndef YORDAM_MODEM_H
#define YORDAM_MODEM_H

#include "yordam/config.h"
#include "yordam/transport.h"

/* Fill *out with a modem transport for the configured modem (not yet
 * connected).  0, or -1 when out of memory. */
int modem_transport(const struct yordam_config *cfg, struct transport *out);

/* Is name a connection type libgammu accepts ("at", "at115200", "none",
 * "fbus", "blueat", ... with an optional -nodtr or -nopower)?  For
 * checking yordam.conf without opening the device. */
int modem_connection_known(const char *name);

#endif
