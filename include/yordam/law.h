/*
 * law.h - stay and registration rules as dated data (law/deadlines.conf).
 *
 * The C code knows how to pick and apply a rule, never what the rule says:
 * when the law changes, an NGO lawyer adds a rule to the file.
 */
#ifndef YORDAM_LAW_H
#define YORDAM_LAW_H

struct content_errors;

/* A question the calculator asks before it can pick a rule ("do you have
 * a written work contract?"), and the answer this rule needs. */
#define LAW_MAX_CONDITIONS 4
struct law_condition {
	char *name;             /* the locale's conditions.<name> asks it */
	int value;              /* 1 yes, 0 no */
};

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
	int stay_with_contract; /* the stay lasts as long as the contract */
	int in_force_known;     /* 0: only the signing date is known */
	int to_verify;
	char *source;
	char *verify;           /* what a lawyer must check, or NULL */
	struct law_condition when[LAW_MAX_CONDITIONS];
	int n_when;
};

struct law {
	struct law_rule *rules;
	int n_rules;
};

/* Load dir/law/deadlines.conf if it exists (0 rules otherwise). */
int law_load(const char *dir, struct law *law, struct content_errors *errs);
void law_free(struct law *law);

/* The rule for an entry on `day` (days since the epoch), or NULL.  With
 * conditions, the first rule whose answers do not contradict `answers`
 * ("work_contract=1;..." as law_answer_of() reads it). */
const struct law_rule *law_rule_for(const struct law *law,
		const char *nationality, int day);
const struct law_rule *law_rule_answered(const struct law *law,
		const char *nationality, int day, const char *answers);

/* The rule that ended the day before r began (for the same answers), or
 * NULL: while r's day in force is unknown, that one may still hold. */
const struct law_rule *law_rule_before(const struct law *law,
		const struct law_rule *r, const char *answers);

/*
 * The condition still to ask before one rule is left for this entry, or
 * NULL when the answers so far leave one rule (or none).
 */
const char *law_next_question(const struct law *law, const char *nationality,
		int day, const char *answers);

/* The answer to condition `name` in `answers`: 1, 0, or -1 if not given. */
int law_answer_of(const char *answers, const char *name);

/* YYYY-MM-DD to days since the epoch; -1 if not a date. */
int law_parse_date(const char *s);

#endif
