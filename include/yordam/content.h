/*
 * content.h - the menus and texts an NGO edits, as one immutable snapshot.
 *
 * content_load() reads the .conf files in menus/ and locales/, checks every rule
 * an editor can break, expands the deployment's placeholders and renders
 * each screen once.  A snapshot that loaded without errors never changes;
 * a reload builds a new one and the daemon swaps it in only when whole.
 */
#ifndef YORDAM_CONTENT_H
#define YORDAM_CONTENT_H

#include "yordam/config.h"
#include "yordam/content_errors.h"
#include "yordam/law.h"

#include <stdint.h>

struct lid;
struct classifier;

enum node_type { NODE_MENU, NODE_ANSWER, NODE_HELP, NODE_DEADLINE };

struct content_node {
	char *id;
	enum node_type type;
	int *options;           /* node indexes, digit i+1 picks options[i] */
	int n_options;
	char *source;
	char *reviewed;
	int to_verify;
	char *verify;           /* what a lawyer must check, or NULL */
	int urgent;             /* for someone in danger: every language's
				 * text carries {emergency} */
	char *urgent_category;  /* reached by words: urgent as this, or
				 * NULL (urgent as the node's id) */
	int draft;              /* status = "draft": work in progress; a
				 * missing translation is work to do */
	int hidden;             /* a draft offered to no one: in no menu,
				 * no keyword, nothing learnt from it */
	int untranslated;       /* a draft: languages without its text */
	char *file;
	int line;
};

/* Words that make a message urgent, for one category ("passport"...). */
struct urgent_list {
	char *category;
	char **words;           /* normalised */
	int n_words;
};

struct locale {
	char *code;
	char *name;
	int order;
	char *file;
	char **label;           /* per node; NULL for home */
	char **text;            /* per node, placeholders expanded */
	char **screen;          /* per node: what is sent when it is reached */
	int *line;              /* per node: where its texts are, for errors */
	int system_line;        /* where its system = { ... } group is */
	char ***keywords;       /* per node: normalised words that reach it */
	int *n_keywords;
	char **reviewed_by;     /* per node: who reviewed this language's
				 * text ("native speaker, ky"), or NULL */
	char **reviewed_on;     /* per node: when, YYYY-MM-DD */
	char *hint;
	char *help_queued;
	char *check_hotline;
	char *language_set;
	char *home_set;         /* language_set and the home menu in one SMS
				 * (content_home.c), or NULL: send both */
	const char *home_from;  /* the home menu is this Latin variant's, as
				 * its own is over home_parts; or NULL */
	int home_own_parts;     /* the home menu's parts in its own script */
	char *ask_nationality;  /* the deadline calculator's texts */
	char *ask_date;
	char *bad_date;
	char *date_again;
	char *deadline_result;  /* with [entry] [register_by] [leave_by]
				 * [rule_date] [offer] */
	char *deadline_result_window;   /* the same for "90 in any 180" rules */
	char *deadline_result_contract; /* ... for a stay as long as a contract */
	char *ask_earlier_stay; /* "were you here in the 6 months before?" */
	char *earlier_stay_person;      /* yes: a person counts with them */
	char *registration_passed;      /* a date passed: a person answers */
	char *stay_passed;
	char **condition_names; /* conditions = { work_contract = "..."; } */
	char **condition_texts; /* the question, "1 yes 2 no" */
	int n_conditions;
	char *reminder_offer;   /* [offer] when a date is still ahead */
	char *no_rule;
	char *reminder_set;     /* with [date] */
	char *reminder;         /* the reminder itself, with [date] */
	char **help_words;      /* normalised */
	int n_help_words;
	char **language_words;  /* normalised */
	int n_language_words;
	char **common_words;    /* normalised; evidence of the language */
	int n_common_words;
	char **latin_words;     /* normalised; "answer me in Latin letters" */
	int n_latin_words;
	char **greeting_words;  /* normalised; hello, thanks, "a question":
				 * the main menu, never a topic */
	int n_greeting_words;
	char **not_help_words;  /* normalised; phrases whose help word asks
				 * for no one ("does the consulate help?") */
	int n_not_help_words;
	char **stop_words;      /* STOP: no reminders or broadcasts */
	int n_stop_words;
	char **start_words;
	int n_start_words;
	char **delete_words;    /* DELETE: erase what we hold about me */
	int n_delete_words;
	char *deleted;
	char *stopped;          /* replies to them */
	char *started;
	struct urgent_list *urgent;
	int n_urgent;
	char *urgent_reply;     /* a person will contact you; {emergency} */
	char *crisis_reply;     /* to someone who may hurt themselves */
	char *limit_notice;     /* over a reply limit: a person reads on */
	char *conversation_ack; /* the person wrote in a conversation with
				 * staff and no staff reply came for a while:
				 * received, a person answers here, 00 is the
				 * menu; {emergency} (sent at most once) */
	char *conversation_closed;      /* staff closed the conversation: the
					 * help word, 00 */
	char *conversation_expired;     /* it ended after a long silence */
	char **reply_names;     /* replies = { call_back = "..."; }: what
				 * staff send with --template, [a-z0-9_]+ */
	char **reply_texts;     /* per reply, placeholders expanded */
	char **reply_reviewed_by;       /* per reply: who reviewed this
					 * language's text, or NULL */
	char **reply_reviewed_on;       /* per reply: when, YYYY-MM-DD */
	int *reply_line;        /* per reply: where it is, for errors */
	int n_replies;
	int replies_line;       /* where replies = { ... } is, 0 if absent */
	int derived;            /* made by transliteration, not offered */
	char *script_variant;   /* the other-script variant that follows the
				 * person's own script (uz <-> uz-Cyrl) */
	char *latin_variant;    /* the Latin-letters variant (ru -> ru-Latn) */
	char *latin_base;       /* in a Latin variant: the locale it came from */
	char **cyrillic_keep;   /* words copied as they are into the Cyrillic
				 * variant (UNHCR, SMS, the placeholders'
				 * values), as written */
	int n_cyrillic_keep;
};

/* A keyword or urgent word filed by its first letter (content_keywords.c). */
struct keyword_ref {
	uint32_t letter;        /* the first code point of its first word */
	const char *kw;         /* normalised, in the locale's list */
	int locale;             /* index in content.locales */
	int list;               /* node index (keywords) or urgent list */
};

struct keyword_file {
	struct keyword_ref *refs;       /* by letter, then locale, list */
	int n;
};

struct content {
	struct content_node *nodes;
	int n_nodes;
	int *id_slots;          /* hash of node ids: index + 1, 0 = empty */
	int n_slots;            /* a power of two, or 0 */
	int home;
	int home_parts;         /* the home menu's budget of SMS parts */
	struct locale *locales; /* offered ones by order, then derived ones */
	int n_locales;
	int n_offered;          /* the first n_offered are in the choice */
	char *language_prompt;
	struct law law;
	struct keyword_file topic_words;        /* every locale's keywords */
	struct keyword_file urgent_words;       /* every locale's urgent words */
	struct lid *lid;        /* language and script, learnt (lid.h) */
	struct classifier *topics;      /* what a text is about (classify.h) */
	int n_corpus;           /* corpus lines learnt from */
	struct content_errors notes;    /* left out, and why (notes only) */
	uint64_t hash_corpus;   /* of the corpus files, for the version */
	char hash[17];
};

/* 0 and *out set when the content is valid; otherwise -1 and errs. */
int content_load(const char *dir, const struct yordam_config *cfg,
		struct content **out, struct content_errors *errs);
/* For the daemons at start-up: as content_load, but when the NGO's own
 * files (content_site) make the content invalid and the shipped files
 * alone are valid, those are loaded, *shipped_only is 1 and errs holds
 * the NGO's errors for the log. */
int content_load_or_shipped(const char *dir, const struct yordam_config *cfg,
		struct content **out, struct content_errors *errs,
		int *shipped_only);
void content_free(struct content *c);
/* For tools that edit the texts of content that does not load (a text
 * missing in a language): the nodes and each locale's texts as far as
 * they read, errs holding every error; nothing derived or rendered.
 * NULL when the menus have errors. */
struct content *content_load_texts(const char *dir,
		const struct yordam_config *cfg, struct content_errors *errs);

int content_node_index(const struct content *c, const char *id);

/* Keywords that meet by one typo a word the corpus has under many labels,
 * and urgent words that meet a word mostly of calm lines: a note each
 * into notes (content_collide.c, for yordamctl check); their number, or
 * -1 when memory ran out. */
int content_collisions(const struct content *c, const char *dir,
		const char *site, struct content_errors *notes);

/* A label a corpus line (or a message marked by staff) may carry: a
 * node id, "human", "greeting" or "urgent:<category of a locale>". */
int content_label_valid(const struct content *c, const char *label);

/* The refs of a file whose keywords begin with letter: their number, and
 * *first set to the first (0 and any pointer when none). */
int content_keywords_of(const struct keyword_file *f, uint32_t letter,
		const struct keyword_ref **first);
const struct locale *content_locale(const struct content *c,
		const char *code);

/* The canned reply `name` ("call_back", any case) in locale l, as sent:
 * placeholders expanded, within two SMS; NULL when l has no such reply.
 * Every locale of a loaded snapshot, derived ones too, has the same. */
const char *content_reply(const struct locale *l, const char *name);

/* The names of the canned replies (the same in every locale), in the
 * order of the first language's file: their number, and *names set to
 * the snapshot's array (NULL when there are none).  Valid as long as c. */
int content_reply_names(const struct content *c, const char *const **names);

#endif
