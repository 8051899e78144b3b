/*
 * ctl.h - what yordamctl's files share: opening the database the way a
 * command needs it, and the desk commands' entry point.
 */
#ifndef YORDAM_CTL_H
#define YORDAM_CTL_H

#include "yordam/config.h"
#include "yordam/store.h"

/* Exits with a message when the database cannot be opened. */
struct store *ctl_open(const struct yordam_config *cfg, int writable);

int ctl_desk(const struct yordam_config *cfg, const char *cmd, int argc,
		char **argv);

#endif
