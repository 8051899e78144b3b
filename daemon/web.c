/*
 * yordam-web - the staff console in the browser.
 *
 *   yordam-web [-c FILE]
 *
 * Hotline staff are not terminal users: this serves the desk as web
 * pages on the helpline's own box, for a laptop or a phone on the office
 * network, with no internet (every asset is in the program).  It listens
 * on 127.0.0.1 unless web.listen says otherwise, with TLS when web.tls_cert
 * and web.tls_key are set.  It reads and writes the database only through
 * the store's desk and account APIs, beside yordamd and yordamctl (WAL).
 *
 * The main loop only sleeps and looks at flags the signal handlers set:
 * SIGHUP reloads the content (templates, the content map), SIGTERM and
 * SIGINT stop; every minute expired sessions are deleted (and their
 * tries of a conversation, web_try.c).  The requests
 * themselves are served by libmicrohttpd's one internal thread
 * (web_http.c).  Under systemd (Type=notify) it says READY=1 once it
 * listens, RELOADING=1 around a SIGHUP, STOPPING=1, and pings the
 * watchdog from that loop (notify.c).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "web.h"
#include "yordam/clock.h"
#include "yordam/log.h"
#include "yordam/notify.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "?"
#endif
#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

/* The HTTP side (web_http.c). */
void *web_http_start(struct web *w, char *err, size_t n);
void web_http_stop(void *server);
/* Serialises the loop's own store work with the request thread. */
void web_http_lock(void);
void web_http_unlock(void);

static volatile sig_atomic_t stop_flag, reload_flag;

static void
on_stop(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static void
on_reload(int sig)
{
	(void)sig;
	reload_flag = 1;
}

static void
usage(FILE *f, int status)
{
	fprintf(f, "usage: yordam-web [-c FILE]\n"
		"       yordam-web --help | --version\n"
		"  the staff console in the browser; see yordam-web(8)\n");
	exit(status);
}

static void
load_content(struct web *w)
{
	struct content_errors errs;
	struct content *c;
	int shipped_only;

	if (content_load_or_shipped(w->cfg.content, &w->cfg, &c, &errs,
			&shipped_only) != 0) {
		log_error("content not loaded (%d errors; `yordamctl check`"
			" lists them): templates and the content map are off",
			errs.n);
		content_errors_free(&errs);
		return;
	}
	if (shipped_only) {
		log_error("the NGO's content in %s has %d error(s) (`yordamctl"
			" check` lists them): the console shows the shipped"
			" content", w->cfg.content_site, errs.n);
		content_errors_free(&errs);
	}
	web_http_lock();
	content_free(w->content);
	w->content = c;
	content_free(w->drafts);        /* loaded again when a try asks */
	w->drafts = NULL;
	web_http_unlock();
	log_info("content %s loaded", c->hash);
}

static int
set_up(struct web *w, const char *conf)
{
	char err[1024];

	if (config_load(conf, &w->cfg, err, sizeof err) != 0) {
		log_error("%s", err);
		return -1;
	}
	log_setup("yordam-web", w->cfg.log_debug ? LOG_LVL_DEBUG :
		LOG_LVL_INFO, w->cfg.log_private);
	if (clock_set_timezone(w->cfg.timezone) != 0)
		log_warn("timezone %s cannot be set", w->cfg.timezone);
	if ((w->cfg.web_tls_cert == NULL) != (w->cfg.web_tls_key == NULL)) {
		log_error("%s: web needs both tls_cert and tls_key, or neither",
			conf);
		return -1;
	}
	w->tls = w->cfg.web_tls_cert != NULL;
	if (store_open(w->cfg.database, &w->st, err, sizeof err) != 0) {
		log_error("database: %s", err);
		return -1;
	}
	load_content(w);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *conf = SYSCONFDIR "/yordam/yordam.conf";
	struct web w = { 0 };
	struct sigaction sa = { 0 };
	char err[512];
	void *server;
	int opt, ticks = 0;

	for (opt = 1; opt < argc; opt++) {
		if (strcmp(argv[opt], "--help") == 0)
			usage(stdout, 0);
		if (strcmp(argv[opt], "--version") == 0) {
			printf("yordam-web %s\n", PACKAGE_VERSION);
			return 0;
		}
	}
	while ((opt = getopt(argc, argv, "c:h")) != -1) {
		if (opt == 'c')
			conf = optarg;
		else if (opt == 'h')
			usage(stdout, 0);
		else
			usage(stderr, 2);
	}
	log_setup("yordam-web", LOG_LVL_INFO, 0);
	if (set_up(&w, conf) != 0)
		return 1;
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_reload;
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (!(server = web_http_start(&w, err, sizeof err))) {
		log_error("cannot listen: %s", err);
		store_close(w.st);
		return 1;
	}
	log_info("listening on %s port %d%s", w.cfg.web_listen ?
		w.cfg.web_listen : "127.0.0.1", w.cfg.web_port, w.tls ?
		" (TLS)" : "");
	notify_init();
	notify_status("listening on %s port %d%s", w.cfg.web_listen ?
		w.cfg.web_listen : "127.0.0.1", w.cfg.web_port, w.tls ?
		" (TLS)" : "");
	notify_ready();
	while (!stop_flag) {
		usleep(200 * 1000);
		notify_watchdog();
		if (reload_flag) {
			reload_flag = 0;
			notify_reloading();
			load_content(&w);
			notify_ready();
		}
		if (++ticks % 300 == 0) {       /* a minute */
			web_http_lock();
			if (session_purge(w.st, clock_now()) < 0)
				log_error("sessions: %s", store_error(w.st));
			web_try_expire(clock_now(),
				(int64_t)w.cfg.web_session_hours * 3600);
			web_http_unlock();
		}
	}
	log_info("stopping");
	notify_stopping();
	web_http_stop(server);
	web_try_free_all();
	content_free(w.drafts);
	content_free(w.content);
	store_close(w.st);
	config_free(&w.cfg);
	return 0;
}
