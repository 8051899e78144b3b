/*
 * law.c - load and check law/deadlines.conf.
 *
 * Dates are kept as days since 1970-01-01 so that "which rule holds this
 * entry date" and "30 days after entry" are integer arithmetic.  Two rules
 * for one nationality may not overlap: an entry date must lead to exactly
 * one rule, or the answer would depend on the order of the file.  Rules
 * that hold the same days must differ in a condition ("when = {
 * work_contract = true; }"), which the calculator then asks about.
 *
 * A rule applies from the day it came into force (in_force), not the day
 * it was signed; where the day it came into force is not known, the rule
 * says so (in_force = "unknown" with the day it was signed), and can only
 * be "to verify".
 */
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "yordam/content_errors.h"
#include "yordam/content_source.h"
#include "yordam/dates.h"
#include "yordam/law.h"
#include "yordam/i18n.h"

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
			_("rule: '%s' is missing"), key);
		return -1;
	}
	if (config_setting_type(s) != CONFIG_TYPE_INT ||
	    config_setting_get_int(s) < 0 || config_setting_get_int(s) > 3650) {
		content_add_error(errs, path, config_setting_source_line(s),
			_("rule: '%s' must be a number of days (0..3650)"), key);
		return -1;
	}
	*out = config_setting_get_int(s);
	return 0;
}

/* when = { name = true; ... }: the answers this rule needs. */
static void
get_conditions(config_setting_t *g, struct law_rule *r, const char *id,
		const char *path, struct content_errors *errs)
{
	config_setting_t *w = config_setting_get_member(g, "when");
	int i;

	if (!w)
		return;
	if (config_setting_type(w) != CONFIG_TYPE_GROUP) {
		content_add_error(errs, path, config_setting_source_line(w),
			_("rule '%s': when must be a group { work_contract ="
			" true; }"), id);
		return;
	}
	for (i = 0; i < config_setting_length(w); i++) {
		config_setting_t *e = config_setting_get_elem(w, (unsigned)i);
		if (config_setting_type(e) != CONFIG_TYPE_BOOL) {
			content_add_error(errs, path,
				config_setting_source_line(e), _("rule '%s':"
				" when.%s must be true or false"), id,
				config_setting_name(e));
			continue;
		}
		if (r->n_when == LAW_MAX_CONDITIONS) {
			content_add_error(errs, path,
				config_setting_source_line(e), _("rule '%s': at"
				" most %d conditions"), id, LAW_MAX_CONDITIONS);
			return;
		}
		r->when[r->n_when].name = strdup(config_setting_name(e));
		r->when[r->n_when++].value = config_setting_get_bool(e);
	}
}

/* Do the two rules' conditions contradict (some answer picks one)? */
static int
conditions_differ(const struct law_rule *a, const struct law_rule *b)
{
	int i, j;

	for (i = 0; i < a->n_when; i++)
		for (j = 0; j < b->n_when; j++)
			if (strcmp(a->when[i].name, b->when[j].name) == 0 &&
			    a->when[i].value != b->when[j].value)
				return 1;
	return 0;
}

/* in_force = "YYYY-MM-DD" or "unknown" (signed = "YYYY-MM-DD" if known). */
static void
get_in_force(config_setting_t *g, struct law_rule *r, const char *id,
		int line, const char *path, struct content_errors *errs)
{
	const char *in_force = NULL, *signed_on = NULL;

	config_setting_lookup_string(g, "in_force", &in_force);
	config_setting_lookup_string(g, "signed", &signed_on);
	r->in_force_known = 1;
	if (!in_force)
		return;         /* from is the day it came into force */
	if (strcmp(in_force, "unknown") == 0) {
		r->in_force_known = 0;
		if (!r->to_verify)
			content_add_error(errs, path, line, _("rule '%s': the day"
				" it came into force is unknown, so its status"
				" must be \"to verify\""), id);
		if (signed_on && law_parse_date(signed_on) < 0)
			content_add_error(errs, path, line, _("rule '%s': signed"
				" must be a date YYYY-MM-DD"), id);
		else if (signed_on && r->from < law_parse_date(signed_on))
			content_add_error(errs, path, line, _("rule '%s': from is"
				" before the day it was signed (%s)"), id,
				signed_on);
		return;
	}
	if (law_parse_date(in_force) < 0)
		content_add_error(errs, path, line, _("rule '%s': in_force must"
			" be a date YYYY-MM-DD or \"unknown\""), id);
	else if (r->from < law_parse_date(in_force))
		content_add_error(errs, path, line, _("rule '%s': from (an entry"
			" date) is before the day the rule came into force (%s):"
			" a rule applies from the day it came into force, not"
			" from the day it was signed"), id, in_force);
}

/* The numbers of days a rule gives, and whether they go together. */
static void
get_days(config_setting_t *g, struct law_rule *r, const char *id, int line,
		int contract, const char *path, struct content_errors *errs)
{
	get_int(g, "register_within_days", &r->register_within_days,
		path, errs);
	get_int(g, "stay_without_registration_days",
		&r->stay_without_registration_days, path, errs);
	get_int(g, "max_stay_days", &r->max_stay_days, path, errs);
	get_int(g, "window_days", &r->window_days, path, errs);
	get_int(g, "window_max_days", &r->window_max_days, path, errs);
	if ((r->window_days == 0) != (r->window_max_days == 0) ||
	    r->window_max_days > r->window_days)
		content_add_error(errs, path, line, _("rule '%s': window_days"
			" and window_max_days go together, max <= days"), id);
	if (contract && (r->max_stay_days || r->window_days))
		content_add_error(errs, path, line, _("rule '%s': a stay"
			" that lasts with the contract has no"
			" max_stay_days or window_days"), id);
}

/* Rule i of the file into r; 0, or -1 when it lacks what names it. */
static int
load_rule(config_setting_t *g, int i, struct law_rule *r, const char *path,
		struct content_errors *errs)
{
	const char *id = NULL, *nat = NULL, *from = NULL, *until = NULL,
		*src = NULL, *status = NULL, *verify = NULL;
	int line = config_setting_source_line(g), wd = 0, contract = 0;

	config_setting_lookup_string(g, "id", &id);
	config_setting_lookup_string(g, "nationality", &nat);
	config_setting_lookup_string(g, "from", &from);
	config_setting_lookup_string(g, "until", &until);
	config_setting_lookup_string(g, "source", &src);
	config_setting_lookup_string(g, "status", &status);
	config_setting_lookup_bool(g, "working_days", &wd);
	config_setting_lookup_bool(g, "stay_with_contract", &contract);
	config_setting_lookup_string(g, "verify", &verify);
	if (!id || !nat || !from || !src || !status) {
		content_add_error(errs, path, line, _("rule %d needs id,"
			" nationality, from, source and status"), i + 1);
		return -1;
	}
	if (strcmp(nat, "uz") && strcmp(nat, "kg") && strcmp(nat, "tj"))
		content_add_error(errs, path, line, _("rule '%s':"
			" nationality must be uz, kg or tj"), id);
	r->from = law_parse_date(from);
	r->until = until ? law_parse_date(until) : 0;
	if (r->from < 0 || r->until < 0)
		content_add_error(errs, path, line, _("rule '%s': from and"
			" until must be dates YYYY-MM-DD"), id);
	else if (until && r->until < r->from)
		content_add_error(errs, path, line, _("rule '%s': until is"
			" before from"), id);
	if (strcmp(status, "confirmed") && strcmp(status, "to verify"))
		content_add_error(errs, path, line, _("rule '%s': status"
			" must be \"confirmed\" or \"to verify\""), id);
	get_days(g, r, id, line, contract, path, errs);
	r->id = strdup(id);
	snprintf(r->nationality, sizeof r->nationality, "%s", nat);
	r->source = strdup(src);
	r->verify = verify ? strdup(verify) : NULL;
	r->working_days = wd;
	r->stay_with_contract = contract;
	r->to_verify = strcmp(status, "to verify") == 0;
	if (r->to_verify && !verify)
		content_add_error(errs, path, line, _("rule '%s' is \"to"
			" verify\": say what a lawyer must check (verify ="
			" \"...\")"), id);
	content_check_setting_cites_no_file(g, "source", "rule", id, path,
		line, errs);
	content_check_setting_cites_no_file(g, "verify", "rule", id, path,
		line, errs);
	get_in_force(g, r, id, line, path, errs);
	get_conditions(g, r, id, path, errs);
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
		content_add_error(errs, path, 1, _("'rules' must be a list ( ... )"));
		config_destroy(&lc);
		return -1;
	}
	n = config_setting_length(rules);
	law->rules = calloc((size_t)n + 1, sizeof *law->rules);
	for (i = 0; i < n && law->rules; i++) {
		config_setting_t *g = config_setting_get_elem(rules, (unsigned)i);
		struct law_rule *r = &law->rules[law->n_rules];

		if (load_rule(g, i, r, path, errs) != 0)
			continue;
		law->n_rules++;
		/* Two rules for the same days must differ in a condition. */
		for (j = 0; j + 1 < law->n_rules; j++) {
			const struct law_rule *o = &law->rules[j];
			int a_end = r->until ? r->until : 1 << 30;
			int b_end = o->until ? o->until : 1 << 30;
			if (strcmp(o->nationality, r->nationality) == 0 &&
			    r->from <= b_end && o->from <= a_end &&
			    !conditions_differ(r, o))
				content_add_error(errs, path,
					config_setting_source_line(g), _("rule"
					" '%s' overlaps rule '%s' for '%s'"),
					r->id, o->id, r->nationality);
		}
	}
	config_destroy(&lc);
	return errs->n > before ? -1 : 0;
}

void
law_free(struct law *law)
{
	int i;

	int k;

	for (i = 0; i < law->n_rules; i++) {
		free(law->rules[i].id);
		free(law->rules[i].source);
		free(law->rules[i].verify);
		for (k = 0; k < law->rules[i].n_when; k++)
			free(law->rules[i].when[k].name);
	}
	free(law->rules);
	memset(law, 0, sizeof *law);
}

int
law_answer_of(const char *answers, const char *name)
{
	size_t n = strlen(name);
	const char *p = answers;

	while (p && *p) {
		if (strncmp(p, name, n) == 0 && p[n] == '=' &&
		    (p[n + 1] == '0' || p[n + 1] == '1'))
			return p[n + 1] - '0';
		p = strchr(p, ';');
		if (p)
			p++;
	}
	return -1;
}

static int
holds(const struct law_rule *r, const char *nationality, int day)
{
	return strcmp(r->nationality, nationality) == 0 && day >= r->from &&
		(r->until == 0 || day <= r->until);
}

/* No answer given contradicts what the rule needs. */
static int
agrees(const struct law_rule *r, const char *answers)
{
	int k;

	for (k = 0; k < r->n_when; k++) {
		int a = law_answer_of(answers, r->when[k].name);
		if (a >= 0 && a != r->when[k].value)
			return 0;
	}
	return 1;
}

const struct law_rule *
law_rule_answered(const struct law *law, const char *nationality, int day,
		const char *answers)
{
	int i;

	for (i = 0; i < law->n_rules; i++)
		if (holds(&law->rules[i], nationality, day) &&
		    agrees(&law->rules[i], answers ? answers : ""))
			return &law->rules[i];
	return NULL;
}

const struct law_rule *
law_rule_before(const struct law *law, const struct law_rule *r,
		const char *answers)
{
	int i;

	for (i = 0; i < law->n_rules; i++) {
		const struct law_rule *o = &law->rules[i];
		if (o != r && o->until == r->from - 1 &&
		    strcmp(o->nationality, r->nationality) == 0 &&
		    agrees(o, answers ? answers : ""))
			return o;
	}
	return NULL;
}

const struct law_rule *
law_rule_for(const struct law *law, const char *nationality, int day)
{
	return law_rule_answered(law, nationality, day, "");
}

const char *
law_next_question(const struct law *law, const char *nationality, int day,
		const char *answers)
{
	int i, k, n = 0;
	const struct law_rule *left[16];

	for (i = 0; i < law->n_rules && n < 16; i++)
		if (holds(&law->rules[i], nationality, day) &&
		    agrees(&law->rules[i], answers))
			left[n++] = &law->rules[i];
	if (n < 2)
		return NULL;
	/* The first condition not yet answered that some rule left needs. */
	for (i = 0; i < n; i++)
		for (k = 0; k < left[i]->n_when; k++)
			if (law_answer_of(answers, left[i]->when[k].name) < 0)
				return left[i]->when[k].name;
	return NULL;
}
