/*
 * heartbeat.h - a modem's worker tells the main process it is alive, and
 * the main process kills a worker that stopped saying so.
 *
 * systemd's watchdog is one per service: a worker stuck in a blocking
 * libgammu call (a silent modem) or frozen (SIGSTOP) would be hidden by
 * the main loop's pings.  So each worker beats between its blocking
 * steps, the main process restarts one silent for worker_stuck_seconds,
 * and pings systemd only while every worker beats or is being restarted
 * (heartbeat.c).  Nothing here talks to systemd; main.c does.
 */
#ifndef YORDAM_HEARTBEAT_H
#define YORDAM_HEARTBEAT_H

#include <sys/types.h>

/* Before the first worker is forked: the shared page for n workers.
 * 0, or -1 with errno. */
int heartbeat_setup(int n);
/* Main process, just after forking worker i as pid: its clock starts. */
void heartbeat_started(int i, pid_t pid);
/* In worker i, after fork: its beats go to slot i. */
void heartbeat_worker(int i);
/* A worker between two blocking steps: "alive".  A no-op elsewhere. */
void heartbeat_beat(void);
/*
 * Main process, every turn: worker i silent for stuck_s seconds gets
 * SIGTERM (and SIGCONT, so a frozen one can act on it), then SIGKILL
 * after a grace; logged with the modem's name.  1 the turn it is found
 * stuck, else 0.
 */
int heartbeat_check(int i, const char *name, int stuck_s);
/* Main process, worker i reaped: 1 if it was killed for being stuck;
 * its slot is free. */
int heartbeat_stopped(int i);
/* Main process: every running worker beat, or is being restarted, within
 * stuck_s plus the kill's grace: systemd may be pinged.  A worker that
 * outlives its SIGKILL (a driver that never returns) is left to systemd. */
int heartbeat_all_alive(int stuck_s);

#endif
