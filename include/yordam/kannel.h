/*
 * kannel.h - the Kannel transport (kannel.c): Yordam as the service
 * behind Kannel's smsbox (transport = "kannel" in yordam.conf).
 */
#ifndef YORDAM_KANNEL_H
#define YORDAM_KANNEL_H

#include "yordam/config.h"
#include "yordam/transport.h"

/* out made from cfg->kannel; nothing is opened until connect.  0, or -1
 * when memory runs out. */
int kannel_transport(const struct yordam_config *cfg, struct transport *out);

#endif
