/*
 * law.c - load and check law/deadlines.conf.
 *
 * Dates are kept as days since 1970-01-01 so that "which rule holds this
 * entry date" and "30 days after entry" are integer arithmetic.  Two rules
 * for one nationality may not overlap: an entry date must lead to exactly
 * one rule, or the answer would depend on the order of the file.
 */
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "yordam/content_errors.h"
#include "yordam/dates.h"
#include "yordam/law.h"

int
law_parse_date(const char *s)
{
	int y, m, d;
	char tail;

	if (!s || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || y < 1970)
		return -1;
	return dates_from_ymd(y, m, d);
}

static int
get_int(config_setting_t *g, const char *key, int *out, const char *path,
		struct content_errors *errs)
{
	config_setting_t *s = config_setting_get_member(g, key);

	if (!s) {
		content_add_error(errs, path, config_setting_source_line(g),
			"rule: '%s' is missing", key);
		return -1;
	}
	if (config_setting_type(s) != CONFIG_TYPE_INT ||
	    config_setting_get_int(s) < 0 || config_setting_get_int(s) > 3650) {
		content_add_error(errs, path, config_setting_source_line(s),
			"rule: '%s' must be a number of days (0..3650)", key);
		return -1;
	}
	*out = config_setting_get_int(s);
	return 0;
}

int
law_load(const char *dir, struct law *law, struct content_errors *errs)
{
	char path[4096];
	config_t lc;
	config_setting_t *rules;
	struct stat st;
	int i, j, n, before = errs->n;

	memset(law, 0, sizeof *law);
	snprintf(path, sizeof path, "%s/law/deadlines.conf", dir);
	if (stat(path, &st) != 0)
		return 0;
	config_init(&lc);
	if (!config_read_file(&lc, path)) {
		content_add_error(errs, path, config_error_line(&lc), "%s",
			config_error_text(&lc));
		config_destroy(&lc);
		return -1;
	}
	rules = config_lookup(&lc, "rules");
	if (!rules || config_setting_type(rules) != CONFIG_TYPE_LIST) {
		content_add_error(errs, path, 1, "'rules' must be a list ( ... )");
		config_destroy(&lc);
		return -1;
	}
	n = config_setting_length(rules);
	law->rules = calloc((size_t)n + 1, sizeof *law->rules);
	for (i = 0; i < n && law->rules; i++) {
		config_setting_t *g = config_setting_get_elem(rules, (unsigned)i);
		struct law_rule *r = &law->rules[law->n_rules];
		const char *id = NULL, *nat = NULL, *from = NULL, *until = NULL,
			*src = NULL, *status = NULL;
		int line = config_setting_source_line(g), wd = 0;

		config_setting_lookup_string(g, "id", &id);
		config_setting_lookup_string(g, "nationality", &nat);
		config_setting_lookup_string(g, "from", &from);
		config_setting_lookup_string(g, "until", &until);
		config_setting_lookup_string(g, "source", &src);
		config_setting_lookup_string(g, "status", &status);
		config_setting_lookup_bool(g, "working_days", &wd);
		if (!id || !nat || !from || !src || !status) {
			content_add_error(errs, path, line, "rule %d needs id,"
				" nationality, from, source and status", i + 1);
			continue;
		}
		if (strcmp(nat, "uz") && strcmp(nat, "kg") && strcmp(nat, "tj"))
			content_add_error(errs, path, line, "rule '%s':"
				" nationality must be uz, kg or tj", id);
		r->from = law_parse_date(from);
		r->until = until ? law_parse_date(until) : 0;
		if (r->from < 0 || r->until < 0)
			content_add_error(errs, path, line, "rule '%s': from and"
				" until must be dates YYYY-MM-DD", id);
		else if (until && r->until < r->from)
			content_add_error(errs, path, line, "rule '%s': until is"
				" before from", id);
		if (strcmp(status, "confirmed") && strcmp(status, "to verify"))
			content_add_error(errs, path, line, "rule '%s': status"
				" must be \"confirmed\" or \"to verify\"", id);
		get_int(g, "register_within_days", &r->register_within_days,
			path, errs);
		get_int(g, "stay_without_registration_days",
			&r->stay_without_registration_days, path, errs);
		get_int(g, "max_stay_days", &r->max_stay_days, path, errs);
		get_int(g, "window_days", &r->window_days, path, errs);
		get_int(g, "window_max_days", &r->window_max_days, path, errs);
		if ((r->window_days == 0) != (r->window_max_days == 0) ||
		    r->window_max_days > r->window_days)
			content_add_error(errs, path, line, "rule '%s': window_days"
				" and window_max_days go together, max <= days", id);
		r->id = strdup(id);
		snprintf(r->nationality, sizeof r->nationality, "%s", nat);
		r->source = strdup(src);
		r->working_days = wd;
		r->to_verify = strcmp(status, "to verify") == 0;
		law->n_rules++;
		for (j = 0; j + 1 < law->n_rules; j++) {
			const struct law_rule *o = &law->rules[j];
			int a_end = r->until ? r->until : 1 << 30;
			int b_end = o->until ? o->until : 1 << 30;
			if (strcmp(o->nationality, r->nationality) == 0 &&
			    r->from <= b_end && o->from <= a_end)
				content_add_error(errs, path, line, "rule '%s'"
					" overlaps rule '%s' for '%s'", id, o->id,
					nat);
		}
	}
	config_destroy(&lc);
	return errs->n > before ? -1 : 0;
}

void
law_free(struct law *law)
{
	int i;

	for (i = 0; i < law->n_rules; i++) {
		free(law->rules[i].id);
		free(law->rules[i].source);
	}
	free(law->rules);
	memset(law, 0, sizeof *law);
}

const struct law_rule *
law_rule_for(const struct law *law, const char *nationality, int day)
{
	int i;

	for (i = 0; i < law->n_rules; i++) {
		const struct law_rule *r = &law->rules[i];
		if (strcmp(r->nationality, nationality) == 0 && day >= r->from &&
		    (r->until == 0 || day <= r->until))
			return r;
	}
	return NULL;
}
