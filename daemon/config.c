/*
 * config.c - read yordam.conf into struct yordam_config.
 *
 * A table of known keys drives both the type checks and the detection of
 * unknown keys, so adding a key is one line here and one in yordam.conf(5).
 * Relative paths are resolved against the configuration file's directory:
 * an operator moving the whole /etc/yordam tree should not break it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <libconfig.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "yordam/config.h"
#include "yordam/modem.h"
#include "config_private.h"
#include "yordam/i18n.h"


static const struct key_spec top_keys[] = {
	{ "modem", K_GROUP, 0, 0, 0 },
	{ "placeholders", K_GROUP, 0, 0, 0 },
	{ "web", K_GROUP, 0, 0, 0 },
	{ "transport", K_STRING, OFF(transport), 0, 0 },
	{ "kannel", K_GROUP, 0, 0, 0 },
	{ "missed_calls", K_BOOL, OFF(missed_calls), 0, 0 },
	{ "missed_call_request", K_BOOL, OFF(missed_call_request), 0, 0 },
	{ "missed_call_minutes", K_INT, OFF(missed_call_minutes), 1, 1440 },
	{ "alarm_no_network_minutes", K_INT, OFF(alarm_no_network_minutes), 1,
		1440 },
	{ "alarm_signal_below", K_INT, OFF(alarm_signal_below), 0, 100 },
	{ "alarm_storage_percent", K_INT, OFF(alarm_storage_percent), 1, 100 },
	{ "staff", K_LIST, 0, 0, 0 },
	{ "modems", K_LIST, 0, 0, 0 },
	{ "worker_stuck_seconds", K_INT, OFF(worker_stuck_seconds), 2, 3600 },
	{ "oncall_ack_minutes", K_INT, OFF(oncall_ack_minutes), 1, 1440 },
	{ "staff_lockout_after", K_INT, OFF(staff_lockout_after), 2, 20 },
	{ "staff_lockout_minutes", K_INT, OFF(staff_lockout_minutes), 1,
		10080 },
	{ "oncall_show_number", K_BOOL, OFF(oncall_show_number), 0, 0 },
	{ "conversation_wait_minutes", K_INT, OFF(conversation_wait_minutes),
		1, 1440 },
	{ "conversation_idle_hours", K_INT, OFF(conversation_idle_hours), 1,
		24 * 90 },
	{ "conversation_reopen_days", K_INT, OFF(conversation_reopen_days), 0,
		365 },
	{ "max_staff_reply_parts", K_INT, OFF(max_staff_reply_parts), 1, 10 },
	{ "database", K_STRING, OFF(database), 0, 0 },
	{ "content", K_STRING, OFF(content), 0, 0 },
	{ "content_site", K_STRING, OFF(content_site), 0, 0 },
	{ "poll_interval_ms", K_INT, OFF(poll_interval_ms), 10, 60000 },
	{ "session_timeout", K_INT, OFF(session_timeout), 10, 30 * 86400 },
	{ "multipart_timeout", K_INT, OFF(multipart_timeout), 1, 7 * 86400 },
	{ "send_retries", K_INT, OFF(send_retries), 0, 100 },
	{ "send_backoff", K_INT, OFF(send_backoff), 1, 86400 },
	{ "max_reply_parts", K_INT, OFF(max_reply_parts), 1, 10 },
	{ "timezone", K_STRING, OFF(timezone), 0, 0 },
	{ "reminder_days_before", K_INT, OFF(reminder_days_before), 0, 60 },
	{ "reminder_from_hour", K_INT, OFF(reminder_from_hour), 0, 23 },
	{ "reminder_to_hour", K_INT, OFF(reminder_to_hour), 1, 24 },
	{ "retention_days", K_INT, OFF(retention_days), 0, 36500 },
	{ "replies_per_hour", K_INT, OFF(replies_per_hour), 1, 100000 },
	{ "replies_per_day", K_INT, OFF(replies_per_day), 1, 100000 },
	{ "loop_messages", K_INT, OFF(loop_messages), 2, 1000 },
	{ "loop_seconds", K_INT, OFF(loop_seconds), 1, 86400 },
	{ "log_private", K_BOOL, OFF(log_private), 0, 0 },
	{ "log_debug", K_BOOL, OFF(log_debug), 0, 0 },
	{ NULL, 0, 0, 0, 0 }
};

static const struct key_spec modem_keys[] = {
	{ "gammurc", K_STRING, OFF(modem_gammurc), 0, 0 },
	{ "section", K_INT, OFF(modem_section), 0, 99 },
	{ "device", K_STRING, OFF(modem_device), 0, 0 },
	{ "model", K_STRING, OFF(modem_model), 0, 0 },
	{ "connection", K_STRING, OFF(modem_connection), 0, 0 },
	{ "name", K_STRING, OFF(modem_name), 0, 0 },
	{ "pin", K_STRING, OFF(modem_pin), 0, 0 },
	{ "balance_ussd", K_STRING, OFF(modem_balance_ussd), 0, 0 },
	{ "balance_pattern", K_STRING, OFF(modem_balance_pattern), 0, 0 },
	{ "balance_below", K_INT, OFF(modem_balance_below), 0, 100000000 },
	{ "balance_check_hours", K_INT, OFF(modem_balance_hours), 1, 24 * 31 },
	{ NULL, 0, 0, 0, 0 }
};

/* The browser console, yordam-web (yordam.conf(5)). */
static const struct key_spec web_keys[] = {
	{ "listen", K_STRING, OFF(web_listen), 0, 0 },
	{ "port", K_INT, OFF(web_port), 1, 65535 },
	{ "tls_cert", K_STRING, OFF(web_tls_cert), 0, 0 },
	{ "tls_key", K_STRING, OFF(web_tls_key), 0, 0 },
	{ "session_hours", K_INT, OFF(web_session_hours), 1, 24 * 30 },
	{ "lockout_after", K_INT, OFF(web_lockout_after), 2, 50 },
	{ "lockout_minutes", K_INT, OFF(web_lockout_minutes), 1, 10080 },
	{ "max_connections", K_INT, OFF(web_max_connections), 4, 1000 },
	{ NULL, 0, 0, 0, 0 }
};

/* A staff entry as written, before its checks. */
struct staff_entry {
	char *name, *phone, *pin, *on_call;
};

#define SOFF(f) offsetof(struct staff_entry, f)

static const struct key_spec staff_keys[] = {
	{ "name", K_STRING, SOFF(name), 0, 0 },
	{ "phone", K_STRING, SOFF(phone), 0, 0 },
	{ "pin", K_STRING, SOFF(pin), 0, 0 },
	{ "on_call", K_STRING, SOFF(on_call), 0, 0 },
	{ NULL, 0, 0, 0, 0 }
};

/* -1, with err as "file:line: why" (config_keys.c). */
#define fail config_fail

/* Resolve p relative to the directory of the configuration file. */
static char *
resolve_path(const char *confpath, const char *p)
{
	const char *slash;
	char *out;
	size_t dirlen;

	if (p[0] == '/' || (slash = strrchr(confpath, '/')) == NULL)
		return strdup(p);
	dirlen = (size_t)(slash - confpath);
	out = malloc(dirlen + strlen(p) + 2);
	if (out)
		sprintf(out, "%.*s/%s", (int)dirlen, confpath, p);
	return out;
}

static int check_modem(config_setting_t *g, const struct yordam_config *cfg,
		const char *file, char *err, size_t errlen);

/*
 * modems = ( { name = "beeline"; device = ...; }, ... ): each entry is a
 * modem group with a name of its own, checked as one (read into the
 * modem_* fields, then moved into modems[]).
 */
static int
read_modems(config_setting_t *list, struct yordam_config *cfg,
		const char *file, char *err, size_t errlen)
{
	int i, j, n = config_setting_length(list);

	if (n > CONFIG_MAX_MODEMS)
		return fail(err, errlen, file, config_setting_source_line(list),
			_("at most %d modems"), CONFIG_MAX_MODEMS);
	for (i = 0; i < n; i++) {
		config_setting_t *g = config_setting_get_elem(list, i);
		int line = config_setting_source_line(g);
		if (config_setting_type(g) != CONFIG_TYPE_GROUP)
			return fail(err, errlen, file, line, _("each of modems"
				" must be a group { ... }"));
		cfg->modem_balance_hours = 12;
		if (config_read_keys(g, modem_keys, cfg, _(" in modems"), file, err,
		    errlen) != 0 || check_modem(g, cfg, file, err, errlen) != 0)
			return -1;
		if (!cfg->modem_name)
			return fail(err, errlen, file, line, _("each of modems"
				" needs a name (it is how status, alarms and"
				" replies name it)"));
		config_take_modem(cfg, &cfg->modems[i]);
		cfg->modems[i].line = line;
		cfg->n_modems = i + 1;
		for (j = 0; j < i; j++)
			if (strcmp(cfg->modems[j].name, cfg->modems[i].name) == 0)
				return fail(err, errlen, file, line, _("two modems"
					" are named '%s'"), cfg->modems[i].name);
	}
	return 0;
}

static int
read_placeholders(config_setting_t *group, struct yordam_config *cfg,
		const char *file, char *err, size_t errlen)
{
	int i, n = config_setting_length(group);

	for (i = 0; i < n; i++) {
		config_setting_t *s = config_setting_get_elem(group, i);
		int line = config_setting_source_line(s);

		if (config_setting_type(s) != CONFIG_TYPE_STRING)
			return fail(err, errlen, file, line,
				_("placeholder '%s' must be %s"),
				config_setting_name(s), config_kind_name(K_STRING));
		if (cfg->n_placeholders == CONFIG_MAX_PLACEHOLDERS)
			return fail(err, errlen, file, line,
				_("too many placeholders (at most 16)"));
		cfg->placeholders[cfg->n_placeholders].name =
			strdup(config_setting_name(s));
		cfg->placeholders[cfg->n_placeholders].value =
			strdup(config_setting_get_string(s));
		cfg->n_placeholders++;
		if (strstr(config_setting_get_string(s), "XXX"))
			config_warn(cfg, line, _("placeholder '%s' is still the"
				" sample's \"%s\": the texts would give people"
				" this number; put the real one"),
				config_setting_name(s),
				config_setting_get_string(s));
	}
	return 0;
}

/* "09:00-18:00" or "always" */
static int
parse_hours(const char *s, int *from, int *to)
{
	int h1, m1, h2, m2;
	char tail;

	if (strcmp(s, "always") == 0) {
		*from = 0;
		*to = 24 * 60;
		return 0;
	}
	if (sscanf(s, "%d:%d-%d:%d%c", &h1, &m1, &h2, &m2, &tail) != 4 ||
	    h1 < 0 || h1 > 24 || h2 < 0 || h2 > 24 || m1 < 0 || m1 > 59 ||
	    m2 < 0 || m2 > 59)
		return -1;
	*from = h1 * 60 + m1;
	*to = h2 * 60 + m2;
	return 0;
}

static void
staff_entry_free(struct staff_entry *e)
{
	free(e->name);
	free(e->phone);
	free(e->pin);
	free(e->on_call);
	memset(e, 0, sizeof *e);
}

/* One entry { name; phone; pin; on_call; }: its keys checked against
 * staff_keys, so a typo such as on_cal is an error, not a person on call
 * around the clock.  On success the strings move into m. */
static int
read_staff_entry(config_setting_t *g, int index, struct yordam_config *cfg,
		int *phone_line, const char *file, char *err, size_t errlen)
{
	struct staff_member *m = &cfg->staff[cfg->n_staff];
	struct staff_entry e = { 0 };
	const char *name = NULL;
	char where[160], who[80];
	int line = config_setting_source_line(g), rc = -1;

	if (config_setting_lookup_string(g, "name", &name))
		snprintf(who, sizeof who, " '%.64s'", name);
	else
		snprintf(who, sizeof who, " %d", index + 1);
	snprintf(where, sizeof where, _(" in staff entry%s"), who);
	if (config_read_keys(g, staff_keys, &e, where, file, err, errlen) != 0)
		goto out;
	if (!e.name || !e.phone || !e.pin) {
		fail(err, errlen, file, line, _("staff entry%s needs name, phone"
			" and pin"), who);
		goto out;
	}
	*phone_line = config_setting_source_line(
		config_setting_lookup(g, "phone"));
	if (!config_e164(e.phone)) {
		fail(err, errlen, file, *phone_line, _("staff '%s': phone '%s'"
			" must be + and 8 to 15 digits, without spaces (E.164,"
			" e.g. +77001234567): it is compared with the sender"
			" of each SMS as the network gives it"), e.name, e.phone);
		goto out;
	}
	if (strncmp(e.pin, "$argon2id$", 10) != 0 &&
	    (strlen(e.pin) < 6 || strspn(e.pin, "0123456789") != strlen(e.pin))) {
		fail(err, errlen, file, line, _("staff '%s': the PIN must be at"
			" least 6 digits, or a hash from `yordamctl staff pin`"),
			e.name);
		goto out;
	}
	if (parse_hours(e.on_call ? e.on_call : "always", &m->from_minute,
	    &m->to_minute) != 0) {
		fail(err, errlen, file, line, _("staff '%s': on_call must be"
			" \"HH:MM-HH:MM\" or \"always\", not '%s'"), e.name,
			e.on_call);
		goto out;
	}
	m->pin_plain = strncmp(e.pin, "$argon2id$", 10) != 0;
	if (m->pin_plain)
		config_warn(cfg, config_setting_source_line(
			config_setting_lookup(g, "pin")), _("staff '%s': the PIN"
			" is written in plain digits: whoever reads this file or"
			" a copy of it can work as them; put the hash from"
			" `yordamctl staff pin` in its place"), e.name);
	m->name = e.name;
	m->phone = e.phone;
	m->pin = e.pin;
	e.name = e.phone = e.pin = NULL;
	rc = 0;
out:
	staff_entry_free(&e);
	return rc;
}

/* staff = ( { name = "..."; phone = "+7..."; pin = "$argon2id$...";
 *             on_call = "09:00-18:00"; }, ... ); */
static int
read_staff(config_setting_t *list, struct yordam_config *cfg,
		const char *file, char *err, size_t errlen)
{
	int i, j, n = config_setting_length(list);
	int phone_line[CONFIG_MAX_STAFF];

	for (i = 0; i < n; i++) {
		config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
		int line = config_setting_source_line(g);
		struct staff_member *m = &cfg->staff[cfg->n_staff];

		if (config_setting_type(g) != CONFIG_TYPE_GROUP)
			return fail(err, errlen, file, line, _("each staff entry"
				" must be a group { name; phone; pin; on_call; }"));
		if (cfg->n_staff == CONFIG_MAX_STAFF)
			return fail(err, errlen, file, line, _("at most %d staff"),
				CONFIG_MAX_STAFF);
		if (read_staff_entry(g, i, cfg, &phone_line[cfg->n_staff], file,
		    err, errlen) != 0)
			return -1;
		cfg->n_staff++;
		for (j = 0; j < cfg->n_staff - 1; j++)
			if (strcmp(cfg->staff[j].phone, m->phone) == 0)
				return fail(err, errlen, file,
					phone_line[cfg->n_staff - 1], _("staff '%s':"
					" phone %s is %s's too (line %d)"), m->name,
					m->phone, cfg->staff[j].name, phone_line[j]);
	}
	return 0;
}

const struct staff_member *
config_staff_by_phone(const struct yordam_config *cfg, const char *phone)
{
	int i;

	for (i = 0; i < cfg->n_staff; i++)
		if (strcmp(cfg->staff[i].phone, phone) == 0)
			return &cfg->staff[i];
	return NULL;
}

static void
set_defaults(struct yordam_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->poll_interval_ms = 500;
	cfg->session_timeout = 1800;
	cfg->multipart_timeout = 600;
	cfg->send_retries = 5;
	cfg->send_backoff = 30;
	cfg->max_reply_parts = 4;
	cfg->reminder_days_before = 3;
	cfg->reminder_from_hour = 9;
	cfg->reminder_to_hour = 20;
	cfg->oncall_ack_minutes = 10;
	cfg->conversation_wait_minutes = 15;
	cfg->conversation_idle_hours = 72;
	cfg->conversation_reopen_days = 7;
	cfg->max_staff_reply_parts = 3;
	cfg->staff_lockout_after = 5;
	cfg->staff_lockout_minutes = 30;
	cfg->replies_per_hour = 20;
	cfg->replies_per_day = 60;
	cfg->loop_messages = 8;
	cfg->loop_seconds = 60;
	cfg->missed_calls = 1;
	cfg->missed_call_minutes = 10;
	cfg->alarm_no_network_minutes = 10;
	cfg->alarm_signal_below = 10;
	cfg->alarm_storage_percent = 90;
	/* Longer than a modem's longest legitimate step (sending an SMS on
	 * a slow network: 30 s, libgammu's own limit for AT+CMGS), so only
	 * a modem that stopped answering (libgammu then waits up to 500 s)
	 * or a frozen worker reaches it. */
	cfg->worker_stuck_seconds = 120;
	cfg->modem_balance_hours = 12;
	cfg->web_port = 8080;
	cfg->web_session_hours = 12;
	cfg->web_lockout_after = 5;
	cfg->web_lockout_minutes = 15;
	cfg->web_max_connections = 200;
}

/* The modem group: one way to reach it, by a connection Gammu knows. */
static int
check_modem(config_setting_t *g, const struct yordam_config *cfg,
		const char *file, char *err, size_t errlen)
{
	int line = config_setting_source_line(g);

	if (!cfg->modem_gammurc && !cfg->modem_device)
		return fail(err, errlen, file, line,
			_("modem needs 'gammurc' or 'device'"));
	if (cfg->modem_gammurc && cfg->modem_device)
		return fail(err, errlen, file, line,
			_("modem takes 'gammurc' or 'device', not both"));
	if (cfg->modem_pin && (strlen(cfg->modem_pin) < 4 ||
	    strlen(cfg->modem_pin) > 8 || strspn(cfg->modem_pin,
	    "0123456789") != strlen(cfg->modem_pin)))
		return fail(err, errlen, file, config_setting_source_line(
			config_setting_lookup(g, "pin")), _("pin in modem must be"
			" the SIM's PIN, 4 to 8 digits (a wrong PIN is never"
			" tried twice: a SIM blocks after three)"));
	if (cfg->modem_balance_pattern && config_regex_check(
	    cfg->modem_balance_pattern, err, errlen, file,
	    config_setting_source_line(config_setting_lookup(g,
	    "balance_pattern"))) != 0)
		return -1;
	if (cfg->modem_connection &&
	    !modem_connection_known(cfg->modem_connection))
		return fail(err, errlen, file, config_setting_source_line(
			config_setting_lookup(g, "connection")), _("connection"
			" '%s' in modem is not one Gammu knows (\"at\" for a USB"
			" or serial modem, \"at115200\" to set its speed, \"none\""
			" for the simulated phone; see gammurc(5))"),
			cfg->modem_connection);
	return 0;
}

/* modem = { ... } (one), or modems = ( { ... }, ... ), never both. */
static int
modem_groups(config_t *lc, struct yordam_config *cfg, const char *path,
		char *err, size_t errlen)
{
	config_setting_t *g = config_lookup(lc, "modems");

	if (g && config_lookup(lc, "modem"))
		return fail(err, errlen, path, config_setting_source_line(g),
			_("either modem = { ... } or modems = ( ... ), not both"));
	if (g)
		return read_modems(g, cfg, path, err, errlen);
	if (!(g = config_lookup(lc, "modem")))
		return fail(err, errlen, path, 0, _("'modem' group is required"));
	return check_modem(g, cfg, path, err, errlen);
}

/* Kannel (transport = "kannel") or this box's modems. */
static int
line_groups(config_t *lc, struct yordam_config *cfg, const char *path,
		char *err, size_t errlen)
{
	if (config_read_kannel(lc, cfg, path, err, errlen) != 0)
		return -1;
	return cfg->kannel.on ? 0 : modem_groups(lc, cfg, path, err, errlen);
}

int
config_load(const char *path, struct yordam_config *cfg, char *err,
		size_t errlen)
{
	config_t lc;
	config_setting_t *root, *g;
	struct stat st;
	int rc = -1, n;
	char *p, why[256];

	set_defaults(cfg);
	cfg->path = strdup(path);
	if (stat(path, &st) != 0) {
		snprintf(err, errlen, "%s:0: cannot read: %s", path,
			strerror(errno));
		config_free(cfg);
		return -1;
	}
	config_warn_mode(cfg, &st);
	config_init(&lc);
	if (!config_read_file(&lc, path)) {
		config_syntax_error(&lc, path, err, errlen);
		goto out;
	}
	root = config_root_setting(&lc);
	if (config_read_keys(root, top_keys, cfg, "", path, err, errlen) != 0)
		goto out;
	if ((g = config_lookup(&lc, "modem")) != NULL &&
	    config_read_keys(g, modem_keys, cfg, _(" in modem"), path, err, errlen) != 0)
		goto out;
	if ((g = config_lookup(&lc, "web")) != NULL &&
	    config_read_keys(g, web_keys, cfg, _(" in web"), path, err, errlen) != 0)
		goto out;
	if ((g = config_lookup(&lc, "placeholders")) != NULL &&
	    read_placeholders(g, cfg, path, err, errlen) != 0)
		goto out;
	if ((g = config_lookup(&lc, "staff")) != NULL &&
	    read_staff(g, cfg, path, err, errlen) != 0)
		goto out;

	if (!cfg->database) {
		fail(err, errlen, path, 0, _("'database' is required"));
		goto out;
	}
	if (!cfg->content) {
		fail(err, errlen, path, 0, _("'content' is required"));
		goto out;
	}
	if (line_groups(&lc, cfg, path, err, errlen) != 0)
		goto out;
	g = config_lookup(&lc, "modem");
	if (cfg->timezone &&
	    config_timezone_check(cfg->timezone, why, sizeof why) != 0) {
		fail(err, errlen, path, config_setting_source_line(
			config_lookup(&lc, "timezone")), _("timezone '%s': %s"),
			cfg->timezone, why);
		goto out;
	}
	p = resolve_path(path, cfg->database); free(cfg->database); cfg->database = p;
	p = resolve_path(path, cfg->content); free(cfg->content); cfg->content = p;
	/* Unset, the NGO's files are in content/ beside this file
	 * (/etc/yordam/content): a yordam.conf kept through an upgrade
	 * from before the key still finds them. */
	p = resolve_path(path, cfg->content_site ? cfg->content_site : "content");
	free(cfg->content_site); cfg->content_site = p;
	if (cfg->modem_device) {
		p = resolve_path(path, cfg->modem_device);
		free(cfg->modem_device); cfg->modem_device = p;
	}
	for (n = 0; n < cfg->n_modems; n++)     /* gammurc as given */
		if ((p = cfg->modems[n].device) != NULL) {
			cfg->modems[n].device = resolve_path(path, p); free(p);
		}
	if (cfg->modem_gammurc) {
		p = resolve_path(path, cfg->modem_gammurc);
		free(cfg->modem_gammurc); cfg->modem_gammurc = p;
		if (stat(cfg->modem_gammurc, &st) != 0) {
			fail(err, errlen, path, config_setting_source_line(g),
				_("gammurc '%s': %s"), cfg->modem_gammurc,
				strerror(errno));
			goto out;
		}
	}
	if (stat(cfg->content, &st) != 0 || !S_ISDIR(st.st_mode)) {
		g = config_lookup(&lc, "content");
		fail(err, errlen, path, config_setting_source_line(g),
			_("content directory '%s' not found"), cfg->content);
		goto out;
	}
	rc = 0;
out:
	config_destroy(&lc);
	if (rc != 0) {
		config_free(cfg);
	}
	return rc;
}

void
config_free(struct yordam_config *cfg)
{
	int i;

	free(cfg->path);
	free(cfg->modem_gammurc);
	free(cfg->modem_device);
	free(cfg->modem_model);
	free(cfg->modem_connection);
	free(cfg->modem_name);
	free(cfg->modem_pin);
	free(cfg->modem_balance_ussd);
	free(cfg->modem_balance_pattern);
	for (i = 0; i < cfg->n_modems; i++) {
		struct modem_conf *m = &cfg->modems[i];
		free(m->name); free(m->gammurc); free(m->device);
		free(m->model); free(m->connection); free(m->pin);
		free(m->balance_ussd); free(m->balance_pattern);
	}
	free(cfg->database);
	free(cfg->content);
	free(cfg->content_site);
	free(cfg->timezone);
	free(cfg->web_listen);
	free(cfg->web_tls_cert);
	free(cfg->web_tls_key);
	config_free_kannel(cfg);
	for (i = 0; i < cfg->n_placeholders; i++) {
		free(cfg->placeholders[i].name);
		free(cfg->placeholders[i].value);
	}
	for (i = 0; i < cfg->n_staff; i++) {
		free(cfg->staff[i].name);
		free(cfg->staff[i].phone);
		free(cfg->staff[i].pin);
	}
	for (i = 0; i < cfg->n_warnings; i++)
		free(cfg->warnings[i]);
	memset(cfg, 0, sizeof *cfg);
}

const char *
config_placeholder(const struct yordam_config *cfg, const char *name)
{
	int i;

	for (i = 0; i < cfg->n_placeholders; i++)
		if (strcmp(cfg->placeholders[i].name, name) == 0)
			return cfg->placeholders[i].value;
	return NULL;
}
