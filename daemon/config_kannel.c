/*
 * config_kannel.c - transport = "kannel" and its group:
 *
 *   transport = "kannel";
 *   kannel = {
 *     sendsms_url = "http://127.0.0.1:13013/cgi-bin/sendsms";
 *     username = "yordam"; password = "...";
 *     secret = "...";                  # smsbox sends it as key=
 *     listen = "127.0.0.1"; port = 13080;
 *   };
 *
 * Checked here, apart from config.c, because a mistake in it is not a
 * modem that fails to open but a helpline that takes calls from anyone
 * (no secret, an open address) or never reaches Kannel: each is refused
 * at file:line with what to write instead.
 */
#include <stdlib.h>
#include <string.h>

#include "config_private.h"
#include "yordam/i18n.h"

static const struct key_spec kannel_keys[] = {
	{ "sendsms_url", K_STRING, OFF(kannel.sendsms_url), 0, 0 },
	{ "username", K_STRING, OFF(kannel.username), 0, 0 },
	{ "password", K_STRING, OFF(kannel.password), 0, 0 },
	{ "smsc", K_STRING, OFF(kannel.smsc), 0, 0 },
	{ "sender", K_STRING, OFF(kannel.sender), 0, 0 },
	{ "listen", K_STRING, OFF(kannel.listen), 0, 0 },
	{ "port", K_INT, OFF(kannel.port), 1, 65535 },
	{ "callback_url", K_STRING, OFF(kannel.callback_url), 0, 0 },
	{ "secret", K_STRING, OFF(kannel.secret), 0, 0 },
	{ "timeout_seconds", K_INT, OFF(kannel.timeout_seconds), 1, 600 },
	{ "max_pending", K_INT, OFF(kannel.max_pending), 1, 4096 },
	{ "report_seconds", K_INT, OFF(kannel.report_seconds), 0, 86400 },
	{ NULL, 0, 0, 0, 0 }
};

/* A secret smsbox sends in the URL: long enough not to be guessed, and
 * only characters that need no escaping there. */
#define SECRET_MIN 16

static int
url_ok(const char *u)
{
	return u && (strncmp(u, "http://", 7) == 0 ||
		strncmp(u, "https://", 8) == 0) && !strpbrk(u, " \t\r\n");
}

static int
secret_ok(const char *s)
{
	size_t i, n = s ? strlen(s) : 0;

	if (n < SECRET_MIN)
		return 0;
	for (i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789-_.~", s[i]))
			return 0;
	return 1;
}

static int
check(struct yordam_config *cfg, const char *path, int line, char *err,
		size_t errlen)
{
	struct kannel_conf *k = &cfg->kannel;
	char url[512];

	if (!url_ok(k->sendsms_url))
		return config_fail(err, errlen, path, line, _("kannel: sendsms_url must"
			" be smsbox's sendsms address, http://HOST:PORT/cgi-bin/"
			"sendsms (its sendsms-port)"));
	if (!k->username || !*k->username || !k->password || !*k->password)
		return config_fail(err, errlen, path, line, _("kannel: username and"
			" password are required: those of a sendsms-user group"
			" in kannel.conf"));
	if (!secret_ok(k->secret))
		return config_fail(err, errlen, path, line, _("kannel: secret is"
			" required, at least 16 letters, digits or -_.~ (put the"
			" same in the sms-service's get-url as key=...): without"
			" it anyone who reaches the port could make up SMS"));
	if (!k->listen && !(k->listen = strdup("127.0.0.1")))
		return config_fail(err, errlen, path, line, _("out of memory"));
	if (!k->callback_url) {
		if (strcmp(k->listen, "0.0.0.0") == 0 ||
		    strcmp(k->listen, "::") == 0)
			return config_fail(err, errlen, path, line, _("kannel: listening"
				" on every address, callback_url must say how"
				" Kannel reaches Yordam (http://HOST:PORT)"));
		snprintf(url, sizeof url, strchr(k->listen, ':') ?
			"http://[%s]:%d" : "http://%s:%d", k->listen, k->port);
		if (!(k->callback_url = strdup(url)))
			return config_fail(err, errlen, path, line, _("out of memory"));
	} else if (!url_ok(k->callback_url))
		return config_fail(err, errlen, path, line, _("kannel: callback_url must"
			" be http://HOST:PORT, how Kannel reaches this address"));
	return 0;
}

int
config_read_kannel(config_t *lc, struct yordam_config *cfg, const char *path,
		char *err, size_t errlen)
{
	config_setting_t *g = config_lookup(lc, "kannel");
	config_setting_t *t = config_lookup(lc, "transport");
	int line = g ? config_setting_source_line(g) : 0;

	cfg->kannel.port = 13080;
	cfg->kannel.timeout_seconds = 20;
	cfg->kannel.max_pending = 256;
	if (g && config_read_keys(g, kannel_keys, cfg, _(" in kannel"), path, err,
	    errlen) != 0)
		return -1;
	if (cfg->transport && strcmp(cfg->transport, "kannel") == 0)
		cfg->kannel.on = 1;
	else if (cfg->transport && strcmp(cfg->transport, "modem") != 0)
		return config_fail(err, errlen, path, t ? config_setting_source_line(t)
			: 0, _("transport must be \"modem\" (this box's modems,"
			" the default) or \"kannel\" (the service behind"
			" Kannel's smsbox)"));
	if (!cfg->kannel.on) {
		if (g)
			config_warn(cfg, line, _("kannel = { ... } is not used"
				" unless transport = \"kannel\""));
		return 0;
	}
	if (!g)
		return config_fail(err, errlen, path, t ? config_setting_source_line(t)
			: 0, _("transport = \"kannel\" needs a kannel = { ... }"
			" group (sendsms_url, username, password, secret)"));
	if (config_lookup(lc, "modem") || config_lookup(lc, "modems"))
		config_warn(cfg, line, _("transport = \"kannel\": the modem"
			" groups are not used (Kannel holds the lines)"));
	return check(cfg, path, line, err, errlen);
}

void
config_free_kannel(struct yordam_config *cfg)
{
	struct kannel_conf *k = &cfg->kannel;

	free(cfg->transport);
	free(k->sendsms_url);
	free(k->username);
	free(k->password);
	free(k->smsc);
	free(k->sender);
	free(k->listen);
	free(k->callback_url);
	free(k->secret);
	cfg->transport = NULL;
	memset(k, 0, sizeof *k);
}
