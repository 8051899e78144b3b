/*
 * config_keys.c - one group of yordam.conf checked against its table of
 * keys (name, kind, range) and stored into the struct it fills.  Apart
 * from config.c so that the files reading groups of their own
 * (config_kannel.c) use it without calling back into the reader.  A
 * syntax error is said here too, explained as for content files.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_private.h"
#include "yordam/content_errors.h"
#include "yordam/i18n.h"

int
config_fail(char *err, size_t errlen, const char *file, int line,
		const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "%s:%d: %s", file, line, msg);
	return -1;
}

/* libconfig could not parse the file: where and why, explained for whoever
 * edits it (content_explain.c) when it is a mistake known there. */
void
config_syntax_error(config_t *lc, const char *path, char *err, size_t errlen)
{
	const char *file = config_error_file(lc) ? config_error_file(lc)
		: path;
	char why[512];
	int line, col;

	if (config_error_type(lc) == CONFIG_ERR_PARSE &&
	    conf_explain_syntax(file, config_error_line(lc), &line, &col,
	    why, sizeof why))
		snprintf(err, errlen, "%s:%d:%d: %s", file, line, col, why);
	else
		snprintf(err, errlen, "%s:%d: %s", file, config_error_line(lc),
			config_error_text(lc));
}

const char *
config_kind_name(enum key_kind k)
{
	switch (k) {
	case K_STRING: return _("a string in double quotes");
	case K_INT: return _("a whole number");
	case K_BOOL: return _("true or false");
	case K_GROUP: return _("a group { ... }");
	case K_LIST: return _("a list ( { ... }, ... )");
	}
	return "?";
}


/* Check every setting of group against spec and store it at base + its
 * offset.  where names the group in messages (" in modem"). */
int
config_read_keys(config_setting_t *group, const struct key_spec *spec,
		void *base, const char *where, const char *file, char *err,
		size_t errlen)
{
	int i, n = config_setting_length(group);

	for (i = 0; i < n; i++) {
		config_setting_t *s = config_setting_get_elem(group, i);
		const char *name = config_setting_name(s);
		int line = config_setting_source_line(s);
		const struct key_spec *k;
		int type = config_setting_type(s), ok;

		for (k = spec; k->name; k++)
			if (strcmp(k->name, name) == 0)
				break;
		if (!k->name)
			return config_fail(err, errlen, file, line,
				_("unknown key '%s'%s"), name, where);
		switch (k->kind) {
		case K_STRING: ok = type == CONFIG_TYPE_STRING; break;
		case K_INT: ok = type == CONFIG_TYPE_INT; break;
		case K_BOOL: ok = type == CONFIG_TYPE_BOOL; break;
		case K_LIST: ok = type == CONFIG_TYPE_LIST; break;
		default: ok = type == CONFIG_TYPE_GROUP; break;
		}
		if (!ok)
			return config_fail(err, errlen, file, line, _("'%s'%s must be %s"),
				name, where, config_kind_name(k->kind));
		if (k->kind == K_STRING) {
			char **dst = (char **)((char *)base + k->offset);
			free(*dst);
			*dst = strdup(config_setting_get_string(s));
		} else if (k->kind == K_INT || k->kind == K_BOOL) {
			int v = k->kind == K_INT ? config_setting_get_int(s)
				: config_setting_get_bool(s);
			if (k->kind == K_INT && (v < k->min || v > k->max))
				return config_fail(err, errlen, file, line,
					_("'%s'%s must be in %d..%d"), name, where,
					k->min, k->max);
			*(int *)((char *)base + k->offset) = v;
		}
	}
	return 0;
}

