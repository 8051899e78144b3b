/*
 * heartbeat.c - modem workers' signs of life, and what the main process
 * does about a worker that gives none.
 *
 * A shared page (mmap MAP_SHARED|MAP_ANONYMOUS before the first fork)
 * holds one word per worker: the monotonic clock, in milliseconds, of its
 * last beat.  Rather than a pipe: a beat is one store, never blocks and
 * never fills up while the main process is busy; a frozen or stuck worker
 * simply stops changing its word; there is no descriptor to drain, to
 * make non-blocking or to keep from leaking into the next worker forked;
 * and a worker started again reuses its slot.  The word is 32 bits, so it
 * is lock-free (shared between processes) on every board Debian runs on,
 * armhf included; it wraps after 49 days, and differences of unsigned
 * words stay right across the wrap.
 *
 * The main process finds a worker silent for worker_stuck_seconds, sends
 * it SIGTERM (and SIGCONT: a stopped process acts on nothing else) so it
 * can let go of its modem, and SIGKILL after KILL_GRACE; main.c reaps it
 * and starts it again.  systemd's watchdog, one for the whole service,
 * is the last resort: the main process stops pinging only when a worker
 * is still there AFTER_KILL after its SIGKILL (a driver that never
 * returns), so a stuck worker is restarted alone and the other modems
 * keep serving.
 */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>

#include "yordam/config.h"
#include "yordam/heartbeat.h"
#include "yordam/log.h"

#define KILL_GRACE 5000u        /* ms from SIGTERM to SIGKILL */
#define AFTER_KILL 5000u        /* ms a killed worker may take to go */

_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "a beat must be lock-free to be"
	" shared between processes");

static _Atomic uint32_t *beats;         /* shared: one per worker */
static int my_slot = -1;                /* in a worker: its own */
/* The main process's view of each worker. */
static struct {
	pid_t pid;              /* 0: none running */
	uint32_t term_at;       /* SIGTERM sent at (ms); 0: not yet */
	int killed;             /* SIGKILL sent */
} w[CONFIG_MAX_MODEMS];

static uint32_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint32_t)((uint64_t)ts.tv_sec * 1000u +
		(uint64_t)ts.tv_nsec / 1000000u);
}

int
heartbeat_setup(int n)
{
	void *p;

	if (n < 1 || n > CONFIG_MAX_MODEMS) {
		errno = EINVAL;
		return -1;
	}
	p = mmap(NULL, sizeof *beats * (size_t)n, PROT_READ | PROT_WRITE,
		MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	beats = p;
	memset(w, 0, sizeof w);
	return 0;
}

void
heartbeat_started(int i, pid_t pid)
{
	/* The worker's start (its database, its modem's first connect) is
	 * counted from now, whatever it inherited in the slot. */
	atomic_store(&beats[i], now_ms());
	w[i].pid = pid;
	w[i].term_at = 0;
	w[i].killed = 0;
}

void
heartbeat_worker(int i)
{
	my_slot = i;
	heartbeat_beat();
}

void
heartbeat_beat(void)
{
	if (beats && my_slot >= 0)
		atomic_store_explicit(&beats[my_slot], now_ms(),
			memory_order_relaxed);
}

int
heartbeat_check(int i, const char *name, int stuck_s)
{
	uint32_t now = now_ms(), silent;

	if (!beats || !w[i].pid)
		return 0;
	silent = now - atomic_load(&beats[i]);
	if (!w[i].term_at) {
		if (silent < (uint32_t)stuck_s * 1000u)
			return 0;
		log_error("modem %s: its worker gave no sign of life for %u s"
			" (stuck in a modem call, or stopped): it is killed and"
			" started again", name, silent / 1000u);
		kill(w[i].pid, SIGTERM);
		kill(w[i].pid, SIGCONT);
		w[i].term_at = now ? now : 1;
		return 1;
	}
	if (!w[i].killed && now - w[i].term_at >= KILL_GRACE) {
		log_warn("modem %s: its worker did not stop in %u s after"
			" SIGTERM: SIGKILL", name, KILL_GRACE / 1000u);
		kill(w[i].pid, SIGKILL);
		w[i].killed = 1;
	}
	return 0;
}

int
heartbeat_stopped(int i)
{
	int stuck = w[i].term_at != 0;

	w[i].pid = 0;
	w[i].term_at = 0;
	w[i].killed = 0;
	return stuck;
}

int
heartbeat_all_alive(int stuck_s)
{
	uint32_t now = now_ms(), bound = (uint32_t)stuck_s * 1000u +
		KILL_GRACE + AFTER_KILL;
	int i;

	for (i = 0; beats && i < CONFIG_MAX_MODEMS; i++)
		if (w[i].pid && now - atomic_load(&beats[i]) > bound)
			return 0;
	return 1;
}
