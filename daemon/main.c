/*
 * main.c - yordamd: start-up, signals, and the loop that drives the stages.
 *
 * One thread, one loop, in the manner of OpenBSD's small daemons: every
 * turn reads the modem, assembles what timed out, answers what was
 * stored, sends what is due, then sleeps.  With several modems (modems =
 * ( ... )), each modem gets a worker process of its own that reads, sends
 * and minds its line (libgammu calls block for seconds), and this process
 * keeps the rest (answers, the clock) and restarts a worker that stops;
 * they share the database (WAL), and a reply goes back through the modem
 * its message came through unless that modem is out of service.  Signals only set flags; the
 * loop acts on them between transactions, so SIGTERM never interrupts a
 * step half-way and SIGHUP swaps content only between messages.
 *
 * The modem may come and go.  A failed connect or too many errors in a row
 * lead to a reconnect with a doubling back-off; the daemon goes on
 * answering what is already stored in the meantime and never exits for a
 * modem problem.
 *
 * Under systemd (Type=notify) the main process says READY=1 once the
 * store is open and the content loaded, RELOADING=1 around a SIGHUP,
 * STOPPING=1, a STATUS line for the modem's state, and pings the
 * watchdog between blocking steps; the loop never sleeps past a ping.
 * Modem workers never talk to systemd (NotifyAccess=main): they beat for
 * this process instead (heartbeat.c), which restarts one gone silent and
 * pings only while all of them beat.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "yordam/clock.h"
#include "yordam/config.h"
#include "yordam/content.h"
#include "yordam/content_history.h"
#include "yordam/gateway.h"
#include "yordam/heartbeat.h"
#include "yordam/log.h"
#include "yordam/kannel.h"
#include "yordam/modem.h"
#include "yordam/notify.h"
#include "yordam/store.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "?"
#endif

#define MAX_BACKOFF 60          /* seconds between reconnect attempts */
#define ERRORS_BEFORE_RECONNECT 3
/* Answered in a turn: as many as one scan reads, so a surge is read no
 * faster than it is answered and the scans between find SMS waiting. */
#define STEPS_PER_TURN TRANSPORT_BATCH
/* Sending stops for a scan after this long (or poll_interval_ms, if
 * longer): a real modem takes seconds per SMS, and a surge must still be
 * read while the replies go out. */
#define SEND_SLICE 1.0
#define OUT_AFTER 3             /* errors in a row take a modem out ... */
#define OUT_FOR 600             /* ... for this many seconds */

static volatile sig_atomic_t want_stop, want_reload;

static void
on_signal(int sig)
{
	if (sig == SIGHUP)
		want_reload = 1;
	else
		want_stop = 1;
}

/* The usage to f, then exit with status (--help: stdout, 0). */
static void
usage_to(FILE *f, int status)
{
	fprintf(f, "usage: yordamd [-c FILE] [-d]\n"
		"  -c FILE    configuration (default %s/yordam/yordam.conf)\n"
		"  -d         debug logging\n"
		"  --help     this, and --version the version\n"
		"see yordamd(8), yordam.conf(5)\n", SYSCONFDIR);
	exit(status);
}

static void
usage(void)
{
	usage_to(stderr, 2);
}

/* At start-up the NGO's stale or broken files give way to the shipped
 * content (content_load_or_shipped), loudly; a reload keeps what runs. */
static struct content *
load_content(const struct yordam_config *cfg, int at_start)
{
	struct content *c = NULL;
	struct content_errors errs;
	int i, shipped_only = 0, rc;

	rc = at_start ? content_load_or_shipped(cfg->content, cfg, &c, &errs,
		&shipped_only) : content_load(cfg->content, cfg, &c, &errs);
	if (rc != 0 || shipped_only) {
		for (i = 0; i < errs.n; i++)
			log_error("%s", errs.msgs[i]);
		if (rc != 0)
			log_error("content in %s has %d error(s)",
				cfg->content, errs.n);
		else
			log_error("the NGO's content in %s has %d error(s):"
				" answering with the shipped content until"
				" they are fixed (`yordamctl check`, then"
				" restart)", cfg->content_site, errs.n);
		content_errors_free(&errs);
	}
	for (i = 0; c && i < c->notes.n_notes; i++)
		log_warn("%s", c->notes.notes[i]);
	return c;
}

struct daemon_state {
	struct yordam_config cfg;
	struct store *st;
	struct transport transport;
	struct content *content;
	struct gateway gw;
	int transport_errors;
	int backoff;
	time_t next_connect;
	double last_poll;       /* monotonic seconds */
	int inbox_full;         /* the last read filled a whole batch */
	int blocked_said;       /* the modem's block was logged */
	/* Several modems: one process each ("modem" role: read, send, the
	 * line) beside the "brain" (answers, the clock); one modem: "all". */
	enum { ROLE_ALL, ROLE_BRAIN, ROLE_MODEM } role;
	pid_t workers[CONFIG_MAX_MODEMS];
	int64_t respawn_at[CONFIG_MAX_MODEMS];
};

#define SWAP(a, b) do { __typeof__(a) t_ = (a); (a) = (b); (b) = t_; } \
	while (0)

/*
 * SIGHUP re-reads yordam.conf too: placeholders (in the content loaded
 * next), staff and on-call hours, limits and timings take effect at once.
 * What a running daemon cannot change under its feet (the database, the
 * modems, the time zone, the console's address) keeps its old value, and
 * a change of it is logged as needing a restart.  A configuration with
 * an error is refused whole, with its file:line.
 */
static void
reload_config(struct daemon_state *d)
{
	struct yordam_config fresh, *old = &d->cfg;
	char err[1024];
	int i;

	if (config_load(old->path, &fresh, err, sizeof err) != 0) {
		log_error("%s; the configuration is not reloaded", err);
		return;
	}
	if (strcmp(fresh.database, old->database) != 0 || (fresh.timezone &&
	    (!old->timezone || strcmp(fresh.timezone, old->timezone))) ||
	    fresh.n_modems != old->n_modems || (fresh.modem_device &&
	    old->modem_device && strcmp(fresh.modem_device,
	    old->modem_device)) || (fresh.modem_pin && (!old->modem_pin ||
	    strcmp(fresh.modem_pin, old->modem_pin))) ||
	    fresh.kannel.on != old->kannel.on)
		log_warn("yordam.conf: the database, modem, PIN, transport or"
			" time zone changed: that needs a restart (systemctl"
			" restart yordam); the rest is reloaded");
	SWAP(fresh.database, old->database);
	SWAP(fresh.timezone, old->timezone);
	SWAP(fresh.modem_gammurc, old->modem_gammurc);
	SWAP(fresh.modem_device, old->modem_device);
	SWAP(fresh.modem_model, old->modem_model);
	SWAP(fresh.modem_connection, old->modem_connection);
	SWAP(fresh.modem_name, old->modem_name);
	SWAP(fresh.modem_pin, old->modem_pin);
	SWAP(fresh.modem_section, old->modem_section);
	SWAP(fresh.n_modems, old->n_modems);
	for (i = 0; i < CONFIG_MAX_MODEMS; i++)
		SWAP(fresh.modems[i], old->modems[i]);
	SWAP(fresh.web_listen, old->web_listen);
	SWAP(fresh.web_port, old->web_port);
	SWAP(fresh.web_tls_cert, old->web_tls_cert);
	SWAP(fresh.web_tls_key, old->web_tls_key);
	SWAP(fresh.transport, old->transport);  /* and Kannel's keys */
	SWAP(fresh.kannel, old->kannel);
	SWAP(fresh, *old);      /* fresh now holds the old to free */
	config_free(&fresh);
	log_info("yordam.conf reloaded: %d staff, %d placeholders",
		old->n_staff, old->n_placeholders);
}

static void
reload(struct daemon_state *d)
{
	struct content *fresh;
	int64_t v;

	reload_config(d);
	if (!(fresh = load_content(&d->cfg, 0))) {
		log_error("reload refused; the previous content keeps serving");
		content_history_refused(&d->cfg);
		return;
	}
	v = content_history_record(d->st, &d->cfg, fresh, d->role ==
		ROLE_MODEM ? HISTORY_WORKER : 0);
	content_free(d->content);
	d->content = fresh;
	d->gw.content = fresh;
	d->gw.content_version = v;
	log_info("content %s loaded (version %lld)", fresh->hash,
		(long long)v);
}

/*
 * Between two blocking steps: the one process of a one-modem helpline
 * pings systemd's watchdog; a modem's worker beats for the main process
 * instead (heartbeat.c); and the main process pings only while every
 * worker beats or is being restarted, so systemd restarts the whole
 * service for a stuck worker only when killing it did not work.
 */
static void
alive(const struct daemon_state *d)
{
	if (d->role == ROLE_MODEM)
		heartbeat_beat();
	else if (d->role == ROLE_ALL ||
	    heartbeat_all_alive(d->cfg.worker_stuck_seconds))
		notify_watchdog();
}

/* Too many transport errors in a row: reconnect, after the back-off. */
static void
transport_trouble(struct daemon_state *d)
{
	if (++d->transport_errors >= ERRORS_BEFORE_RECONNECT) {
		log_warn("modem: %d errors in a row; reconnecting",
			d->transport_errors);
		notify_status("answering; modem reconnecting after %d"
			" errors in a row", d->transport_errors);
		transport_disconnect(&d->transport);
		d->transport_errors = 0;
		d->next_connect = time(NULL) + d->backoff;
	}
}

static void
try_connect(struct daemon_state *d)
{
	struct transport_status ts;
	char err[256] = "";

	if (time(NULL) < d->next_connect)
		return;
	/* A refused PIN, a PUK: said once; retrying could block the SIM.
	 * The daemon runs on without the modem (the desk, the queue). */
	d->transport.ops->status(d->transport.self, &ts);
	if (ts.blocked) {
		if (!d->blocked_said)
			log_error("modem out of service: %s", ts.blocked);
		notify_status("answering; modem out of service: %s",
			ts.blocked);
		d->blocked_said = 1;
		return;
	}
	if (transport_connect(&d->transport, err, sizeof err) == 0) {
		log_info("%s connected", ts.kind);
		notify_status("answering; %s connected", ts.kind);
		d->backoff = 1;
		d->transport_errors = 0;
		return;
	}
	log_warn("%s; next try in %d s", err[0] ? err : "cannot connect",
		d->backoff);
	notify_status("answering; no modem: %s",
		err[0] ? err : "cannot connect");
	d->next_connect = time(NULL) + d->backoff;
	d->backoff = d->backoff * 2 > MAX_BACKOFF ? MAX_BACKOFF : d->backoff * 2;
}

/*
 * The transport is read again at once only while it had more than one
 * batch; otherwise every poll_interval_ms, also while a backlog is being
 * answered: a scan costs the modem (and the dummy driver) the same
 * whether it finds something or not.
 */
static int
receive(struct daemon_state *d)
{
	int n = 0;

	if (!transport_connected(&d->transport))
		try_connect(d);
	if (!transport_connected(&d->transport) || (!d->inbox_full &&
	    clock_monotonic() - d->last_poll < d->cfg.poll_interval_ms / 1000.0))
		return 0;
	d->last_poll = clock_monotonic();
	switch (gateway_receive(&d->gw, clock_now(), &n)) {
	case STAGE_TRANSPORT_FAILED:
		transport_trouble(d);
		break;
	case STAGE_DONE:
	case STAGE_IDLE:
		d->transport_errors = 0;
		break;
	case STAGE_STORE_FAILED:
		break;
	}
	d->inbox_full = n >= TRANSPORT_BATCH;
	return n;
}

static int
send_due(struct daemon_state *d)
{
	int i, work = 0;

	for (i = 0; i < STEPS_PER_TURN && !want_stop &&
	    transport_connected(&d->transport); i++) {
		if (i > 0 && clock_monotonic() - d->last_poll >= SEND_SLICE &&
		    clock_monotonic() - d->last_poll >= d->cfg.poll_interval_ms / 1000.0)
			break;
		alive(d);
		switch (gateway_send_one(&d->gw, clock_now())) {
		case STAGE_DONE:
			work++;
			continue;
		case STAGE_TRANSPORT_FAILED:
			work++;
			transport_trouble(d);
			return work;
		case STAGE_IDLE:
		case STAGE_STORE_FAILED:
			return work;
		}
	}
	return work;
}

/* One turn of the loop; returns how much work it did. */
/*
 * A modem's worker failing OUT_AFTER times in a row (sends refused, a
 * dead line) is out of service for OUT_FOR seconds: it lets go of the
 * replies waiting for it, so the other modems send them, and tries again
 * after.
 */
static void
failover(struct daemon_state *d, int64_t now)
{
	const char *me = d->cfg.modem_name;
	int n;

	if (d->gw.send_errors >= OUT_AFTER && !d->gw.out_until) {
		d->gw.out_until = now + OUT_FOR;
		log_error("modem %s: %d sends failed in a row: out of service"
			" for %d minutes; its replies go through the other"
			" modems", me, d->gw.send_errors, OUT_FOR / 60);
	} else if (d->gw.out_until && now >= d->gw.out_until) {
		d->gw.out_until = 0;
		d->gw.send_errors = 0;
		log_info("modem %s: back in service", me);
	}
	if (d->gw.out_until && (n = store_modem_release(d->st, me)) > 0)
		log_info("modem %s: %d replies left to the other modems", me, n);
}

/* The brain answers and keeps the clock's stages; a modem's worker (or
 * the one process of a one-modem helpline) reads, sends, and minds its
 * line. */
static int
turn(struct daemon_state *d)
{
	int64_t now = clock_now();
	int work = d->role != ROLE_BRAIN ? receive(d) : 0, i;

	alive(d);

	if (d->role != ROLE_MODEM) {
		gateway_assemble_expired(&d->gw, clock_now());
		gateway_triage(&d->gw);
		for (i = 0; i < STEPS_PER_TURN && !want_stop; i++) {
			if (gateway_answer_one(&d->gw, clock_now()) !=
			    STAGE_DONE)
				break;
			work++;
		}
		work += gateway_purge(&d->gw, now) == STAGE_DONE;
		work += gateway_alerts(&d->gw, now) == STAGE_DONE;
		work += gateway_conversations(&d->gw, now) == STAGE_DONE;
		work += gateway_reminders(&d->gw, now) == STAGE_DONE;
	}
	if (d->role == ROLE_BRAIN)
		return work;
	alive(d);
	work += gateway_line(&d->gw, now) == STAGE_DONE;
	alive(d);
	if (d->role == ROLE_MODEM)
		failover(d, now);
	return d->gw.out_until ? work : work + send_due(d);
}

static int serve(struct daemon_state *d);
static struct store *volatile inherited_store;

/* A modem's worker: a process of its own (libgammu calls block for
 * seconds), which dies with the brain.  0, or -1 if fork failed. */
static int
spawn_worker(struct daemon_state *d, int i)
{
	pid_t pid = fork();

	if (pid < 0) {
		log_error("cannot start the worker of modem %s: %s",
			d->cfg.modems[i].name, strerror(errno));
		return -1;
	}
	if (pid > 0) {
		d->workers[i] = pid;
		heartbeat_started(i, pid);
		return 0;
	}
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	notify_forget();
	heartbeat_worker(i);
	config_use_modem(&d->cfg, i);
	d->role = ROLE_MODEM;
	/* A worker started again is forked after the brain opened its
	 * database: that connection is the brain's, never used or closed
	 * here (SQLite's rule across fork), only kept reachable. */
	inherited_store = d->st;
	d->st = NULL;
	exit(serve(d));
}

/*
 * Worker i was reaped: said in the log and, for `yordamctl status` and
 * the console, as its modem out of service (the worker's next health
 * record, once it is back on its line, replaces that).  One that crashed
 * starts again after five seconds, so a crash at start cannot spin; one
 * killed for being stuck at once: it was silent long enough already.
 */
static void
worker_stopped(struct daemon_state *d, int i, int status, int64_t now)
{
	const char *name = d->cfg.modems[i].name;
	int stuck = heartbeat_stopped(i);
	char why[160];

	snprintf(why, sizeof why, "out of service: its worker %s (%s %d);"
		" it starts again", stuck ? "was stuck and was killed" :
		"stopped", WIFSIGNALED(status) ? "signal" : "exit",
		WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	log_error("the worker of modem %s stopped (%s %d); it starts again"
		" %s", name, WIFSIGNALED(status) ? "signal" : "exit",
		WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status),
		stuck ? "now" : "in 5 s");
	if (store_modem_stopped(d->st, name, why, now) != 0)
		log_error("modem %s: its state not recorded: %s", name,
			store_error(d->st));
	d->workers[i] = 0;
	d->respawn_at[i] = stuck ? now : now + 5;
}

/* A worker that stopped, or that stopped beating, is started again: one
 * modem failing never stops the others. */
static void
supervise(struct daemon_state *d)
{
	int64_t now = clock_now();
	int status, i;
	pid_t pid;

	for (i = 0; i < d->cfg.n_modems; i++)
		if (d->workers[i] > 0 && heartbeat_check(i,
		    d->cfg.modems[i].name, d->cfg.worker_stuck_seconds))
			notify_status("answering; %d modems; the worker of"
				" modem %s was stuck (no sign of life for %d s)"
				" and is restarted", d->cfg.n_modems,
				d->cfg.modems[i].name,
				d->cfg.worker_stuck_seconds);
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		for (i = 0; i < d->cfg.n_modems; i++)
			if (d->workers[i] == pid)
				worker_stopped(d, i, status, now);
	for (i = 0; i < d->cfg.n_modems && !want_stop; i++)
		if (d->workers[i] == 0 && now >= d->respawn_at[i])
			spawn_worker(d, i);
}

/* Stopping: each worker is told (SIGCONT too, in case it is stopped),
 * and one still stuck in a modem call after ten seconds is killed, so
 * yordamd stops well inside systemd's TimeoutStopSec. */
static void
stop_workers(struct daemon_state *d)
{
	double until = clock_monotonic() + 10;
	struct timespec tick = { 0, 50000000L };
	int i, left;

	for (i = 0; i < d->cfg.n_modems; i++)
		if (d->workers[i] > 0) {
			kill(d->workers[i], SIGTERM);
			kill(d->workers[i], SIGCONT);
		}
	do {
		for (i = left = 0; i < d->cfg.n_modems; i++)
			if (d->workers[i] > 0 && waitpid(d->workers[i], NULL,
			    WNOHANG) == 0)
				left++;
			else
				d->workers[i] = 0;
	} while (left && clock_monotonic() < until &&
	    (nanosleep(&tick, NULL), 1));
	for (i = 0; i < d->cfg.n_modems; i++)
		if (d->workers[i] > 0) {
			log_warn("modem %s: its worker did not stop in 10 s:"
				" SIGKILL", d->cfg.modems[i].name);
			kill(d->workers[i], SIGKILL);
			waitpid(d->workers[i], NULL, 0);
		}
}

/* Sleeps poll_interval_ms, but never past the watchdog's next ping. */
static void
idle(const struct daemon_state *d)
{
	int ms = d->cfg.poll_interval_ms, max = notify_sleep_max_ms();
	struct timespec ts;

	if (max > 0 && ms > max)
		ms = max;
	/* a worker beats, and the main process looks at the beats, at
	 * least four times within the stuck limit, whatever
	 * poll_interval_ms (up to a minute) says */
	if (d->role != ROLE_ALL && ms > d->cfg.worker_stuck_seconds * 250)
		ms = d->cfg.worker_stuck_seconds * 250;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

/* The loop, until told to stop.  A reload tells systemd RELOADING=1,
 * then READY=1 again, whether the new content was taken or refused. */
static void
run(struct daemon_state *d)
{
	int i;

	while (!want_stop) {
		alive(d);
		if (want_reload) {
			want_reload = 0;
			notify_reloading();
			reload(d);
			for (i = 0; d->role == ROLE_BRAIN && i < d->cfg.n_modems;
			    i++)
				if (d->workers[i] > 0)
					kill(d->workers[i], SIGHUP);
			notify_ready();
		}
		if (d->role == ROLE_BRAIN)
			supervise(d);
		if (turn(d) == 0 && !want_stop && !want_reload)
			idle(d);
	}
}

/* Open what this role needs and loop until told to stop; the exit
 * status. */
static int
serve(struct daemon_state *d)
{
	struct sigaction sa;
	char err[1024];
	int n;

	if (store_open(d->cfg.database, &d->st, err, sizeof err) != 0) {
		log_error("database %s", err);
		return 1;
	}
	if (d->role == ROLE_MODEM)
		store_set_modem(d->st, d->cfg.modem_name);
	if (d->role != ROLE_BRAIN && (n = store_requeue_interrupted(d->st))
	    > 0)
		log_warn("%d message(s) interrupted while sending are queued"
			" again", n);
	if (d->role != ROLE_BRAIN && (d->cfg.kannel.on ?
	    kannel_transport(&d->cfg, &d->transport) :
	    modem_transport(&d->cfg, &d->transport)) != 0) {
		log_error("cannot set up the %s: out of memory",
			d->cfg.kannel.on ? "Kannel transport" : "modem");
		return 1;
	}
	d->gw.st = d->st;
	d->gw.tr = d->role != ROLE_BRAIN ? &d->transport : NULL;
	d->gw.cfg = &d->cfg;
	d->gw.content = d->content;
	d->gw.content_version = content_history_record(d->st, &d->cfg,
		d->content, d->role == ROLE_MODEM ? HISTORY_WORKER
		: HISTORY_START);
	d->backoff = 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (d->role == ROLE_MODEM)
		log_info("modem %s: its worker started (pid %ld)",
			d->cfg.modem_name, (long)getpid());
	else
		log_info("started; content %s, %d nodes, %d languages",
			d->content->hash, d->content->n_nodes,
			d->content->n_locales);
	if (d->role != ROLE_MODEM) {
		notify_status(d->role == ROLE_BRAIN ? "answering; %d modems,"
			" a worker each" : "answering; connecting to the modem",
			d->cfg.n_modems);
		notify_ready();
	}
	run(d);
	log_info("stopping");
	notify_stopping();
	if (d->role == ROLE_BRAIN)
		stop_workers(d);
	else
		transport_free(&d->transport);
	store_close(d->st);
	content_free(d->content);
	config_free(&d->cfg);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *conf = SYSCONFDIR "/yordam/yordam.conf";
	struct daemon_state d;
	char err[1024];
	int opt, debug = 0, n;

	for (opt = 1; opt < argc; opt++) {
		if (strcmp(argv[opt], "--help") == 0)
			usage_to(stdout, 0);
		if (strcmp(argv[opt], "--version") == 0) {
			printf("yordamd %s\n", PACKAGE_VERSION);
			return 0;
		}
	}
	while ((opt = getopt(argc, argv, "c:dh")) != -1) {
		switch (opt) {
		case 'c': conf = optarg; break;
		case 'd': debug = 1; break;
		case 'h': usage_to(stdout, 0); break;
		default: usage();
		}
	}
	memset(&d, 0, sizeof d);
	log_setup("yordamd", LOG_LVL_INFO, 0);
	if (config_load(conf, &d.cfg, err, sizeof err) != 0) {
		log_error("%s", err);
		return 1;
	}
	log_setup("yordamd", debug || d.cfg.log_debug ? LOG_LVL_DEBUG
		: LOG_LVL_INFO, d.cfg.log_private);
	for (n = 0; n < d.cfg.n_warnings; n++)
		log_warn("%s", d.cfg.warnings[n]);
	if (clock_set_timezone(d.cfg.timezone) != 0) {
		log_error("timezone %s cannot be set", d.cfg.timezone);
		return 1;
	}
	if (!(d.content = load_content(&d.cfg, 1)))
		return 1;
	notify_init();
	if (d.cfg.n_modems == 0)
		return serve(&d);
	if (heartbeat_setup(d.cfg.n_modems) != 0) {
		log_error("cannot share a page with the modems' workers: %s",
			strerror(errno));
		return 1;
	}
	for (n = 0; n < d.cfg.n_modems; n++)
		if (spawn_worker(&d, n) != 0)
			return 1;
	d.role = ROLE_BRAIN;
	return serve(&d);
}
