/*
 * law.h - stay and registration rules as dated data (law/deadlines.conf).
 *
 * The C code knows how to pick and apply a rule, never what the rule says:
 * when the law changes, an NGO lawyer adds a rule to the file.
 */
#ifndef YORDAM_LAW_H
#define YORDAM_LAW_H

struct content_errors;

struct law_rule {
	char *id;
	char nationality[8];
	int from;               /* days since 1970-01-01 */
	int until;              /* inclusive; 0 = open */
	int register_within_days;
	int stay_without_registration_days;
	int max_stay_days;
	int window_days;
	int window_max_days;
	int working_days;
	int to_verify;
	char *source;
};

struct law {
	struct law_rule *rules;
	int n_rules;
};

/* Load dir/law/deadlines.conf if it exists (0 rules otherwise). */
int law_load(const char *dir, struct law *law, struct content_errors *errs);
void law_free(struct law *law);

/* The rule for an entry on `day` (days since the epoch), or NULL. */
const struct law_rule *law_rule_for(const struct law *law,
		const char *nationality, int day);

/* YYYY-MM-DD to days since the epoch; -1 if not a date. */
int law_parse_date(const char *s);

#endif
