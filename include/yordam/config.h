/*
 * config.h - yordam.conf as a typed struct.
 *
 * The file is libconfig syntax; every key is listed in yordam.conf(5).
 * Loading is strict: an unknown key, a wrong type or a missing file is an
 * error of the form "file:line: what is wrong", because a typo in a
 * helpline's configuration should stop start-up, not be ignored.
 */
#ifndef YORDAM_CONFIG_H
#define YORDAM_CONFIG_H

#include <stddef.h>

#define CONFIG_MAX_PLACEHOLDERS 16
#define CONFIG_MAX_STAFF 32
#define CONFIG_MAX_MODEMS 8

/* One modem of a `modems = ( ... )` list: the modem group's keys. */
struct modem_conf {
	char *name, *gammurc, *device, *model, *connection, *pin;
	char *balance_ussd, *balance_pattern;
	int section, balance_below, balance_hours;
	int line;               /* where its entry is, for errors */
};
#define CONFIG_MAX_WARNINGS 64

/* A hotline worker who can be alerted and can work by SMS. */
struct staff_member {
	char *name;
	char *phone;
	char *pin;              /* an argon2id hash, or (warned) plain digits */
	int pin_plain;
	int from_minute;        /* on call from this minute of the day ... */
	int to_minute;          /* ... to this one (may wrap past midnight) */
};

struct placeholder {
	char *name;
	char *value;
};

struct yordam_config {
	char *path;             /* the file this came from */

	/* modem: either a Gammu configuration file ... */
	char *modem_gammurc;
	int modem_section;
	/* ... or the three keys inline */
	char *modem_device;
	char *modem_model;
	char *modem_connection;
	char *modem_name;       /* in status and alarms; "modem" if unset */
	char *modem_pin;        /* the SIM's PIN, entered when it asks */
	char *modem_balance_ussd;       /* e.g. "*102#": the prepaid balance */
	char *modem_balance_pattern;    /* a regex; its first group (or the
					 * whole match) is the amount */
	int modem_balance_below;        /* staff are told below this */
	int modem_balance_hours;        /* checked this often */

	/* Several modems (one SIM per operator): each gets a worker process
	 * of its own; config_use_modem() makes one the modem_* above. */
	struct modem_conf modems[CONFIG_MAX_MODEMS];
	int n_modems;
	/* A modem's worker silent this long (seconds) is stuck in a modem
	 * call or frozen: the main process kills and restarts it. */
	int worker_stuck_seconds;

	/* A person without credit rings: the call is rejected (free for
	 * them) and they get the menu by SMS, at most once per
	 * missed_call_minutes; missed_call_request also queues "call me
	 * back" for staff. */
	int missed_calls;
	int missed_call_request;
	int missed_call_minutes;
	/* Modem alarms, to the log and staff on call. */
	int alarm_no_network_minutes;
	int alarm_signal_below; /* percent */
	int alarm_storage_percent;

	char *database;
	char *content;          /* directory holding menus/ and locales/ */
	char *content_site;     /* the NGO's own files: one here replaces the
				 * shipped one of the same name (menus/,
				 * locales/, law/, corpus/); NULL: none */
	int content_drafts;     /* not a key: offer nodes still marked
				 * status = "draft" (yordamctl try --drafts) */

	int poll_interval_ms;
	int session_timeout;    /* seconds of silence before a session restarts */
	int multipart_timeout;  /* seconds to wait for missing parts */
	int send_retries;
	int send_backoff;       /* seconds before the first retry; doubles */
	int max_reply_parts;
	char *timezone;         /* e.g. "Asia/Almaty"; NULL = the system's */
	int reminder_days_before;
	int reminder_from_hour; /* reminders go out between these hours */
	int reminder_to_hour;
	int retention_days;     /* message texts older than this go; 0 = keep */
	int replies_per_hour;   /* to one number; more are held, not sent */
	int replies_per_day;
	int loop_messages;      /* this many messages from one number ... */
	int loop_seconds;       /* ... within this time: an auto-responder */
	int log_private;        /* numbers and bodies in logs (debugging only) */
	int log_debug;

	struct placeholder placeholders[CONFIG_MAX_PLACEHOLDERS];
	int n_placeholders;

	struct staff_member staff[CONFIG_MAX_STAFF];
	int n_staff;
	int oncall_ack_minutes; /* no ACK in this time: the next person */
	int staff_lockout_after;        /* wrong PINs in a row ... */
	int staff_lockout_minutes;      /* ... lock a staff phone this long */
	int oncall_show_number; /* alerts carry the migrant's number */
	/* Staff and the person in one conversation (issue 18). */
	int conversation_wait_minutes;  /* the person wrote, no staff reply
					 * this long: "staff will answer" */
	int conversation_idle_hours;    /* staff wrote last, the person
					 * silent this long: it ends */
	int conversation_reopen_days;   /* a help word this soon after a
					 * close reopens it (0: never) */
	int max_staff_reply_parts;      /* more needs --force */

	/* transport = "kannel": Yordam as the service behind Kannel's
	 * smsbox instead of its own modems (kannel.c, yordam.conf(5)). */
	char *transport;        /* "modem" (NULL too) or "kannel" */
	struct kannel_conf {
		int on;                 /* transport = "kannel" */
		char *sendsms_url;      /* smsbox's sendsms, for replies */
		char *username;         /* its sendsms-user */
		char *password;
		char *smsc;             /* the smsc-id replies go through */
		char *sender;           /* the helpline's number, as from= */
		char *listen;           /* where smsbox calls Yordam */
		int port;
		char *callback_url;     /* how Kannel reaches that (DLRs) */
		char *secret;           /* in every call from smsbox: key= */
		int timeout_seconds;    /* an HTTP call, either way */
		int max_pending;        /* MO calls waiting to be stored */
		int report_seconds;     /* a reply with no delivery report
					 * this long is sent again (0: off) */
	} kannel;

	/* The browser console (yordam-web). */
	char *web_listen;       /* an address; NULL: 127.0.0.1 */
	int web_port;
	char *web_tls_cert;     /* PEM paths: both, or neither (plain HTTP) */
	char *web_tls_key;
	int web_session_hours;
	int web_lockout_after;  /* wrong passwords in a row lock an account */
	int web_lockout_minutes;
	int web_max_connections;

	/* What loads but should not stay (a sample placeholder, a PIN in
	 * plain digits, a file others may read): "file:line: warning: ...",
	 * for yordamd's log and `yordamctl check`. */
	char *warnings[CONFIG_MAX_WARNINGS];
	int n_warnings;
};

/* The staff member with this phone, or NULL. */
const struct staff_member *config_staff_by_phone(
		const struct yordam_config *cfg, const char *phone);

/* 0 on success (cfg->warnings may say what to fix); on failure -1 and
 * err holds "file:line: message". */
int config_load(const char *path, struct yordam_config *cfg,
		char *err, size_t errlen);
void config_free(struct yordam_config *cfg);
/* Make modems[i] the configuration's modem (modem_* keys), moving its
 * strings: in a modem's worker, before its transport is made. */
void config_use_modem(struct yordam_config *cfg, int i);
const char *config_placeholder(const struct yordam_config *cfg,
		const char *name);

#endif
