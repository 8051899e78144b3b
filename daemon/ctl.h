/*
 * ctl.h - what yordamctl's files share: opening the database the way a
 * command needs it, local times for people, and the entry points of the
 * desk, backup and staff commands.
 */
#ifndef YORDAM_CTL_H
#define YORDAM_CTL_H

#include <stddef.h>
#include <stdint.h>

#include "yordam/config.h"
#include "yordam/store.h"

/* Exits with a message when the database cannot be opened. */
struct store *ctl_open(const struct yordam_config *cfg, int writable);

/* "2026-11-24 10:00" in local time (with_seconds: ":05" too). */
void ctl_local_time(int64_t t, int with_seconds, char *buf, size_t n);

int ctl_desk(const struct yordam_config *cfg, const char *cmd, int argc,
		char **argv);
/* backup and restore (ctl_backup.c); 2 means usage. */
int ctl_backup(const struct yordam_config *cfg, const char *cmd, int argc,
		char **argv);
/* staff pin (ctl_staff.c), without a configuration; 2 means usage. */
int ctl_staff(int argc, char **argv);

#endif
