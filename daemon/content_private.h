/*
 * content_private.h - what the content loader's files share, and nothing
 * the rest of the daemon needs (that is include/yordam/content.h).
 *
 * The loader is split by subject, one file each, and content.c runs them
 * in order.  The sections below go from the files that call nothing of the
 * loader to those that call the ones above them, never back up, so no two
 * of these files depend on each other.
 */
#ifndef YORDAM_CONTENT_PRIVATE_H
#define YORDAM_CONTENT_PRIVATE_H

#include <libconfig.h>
#include <stddef.h>
#include <stdint.h>

#include "yordam/content.h"

#define add_error content_add_error

/* content_file.c: reading .conf files ---------------------------------- */

#define CONTENT_FNV_OFFSET 1469598103934665603ULL

/* Sorted *.conf paths of dir/sub; count in *n. */
struct dirent;
/* The files of sub in dir and site (the NGO's own: a name there replaces
 * the shipped one), as content_file.c says. */
char **content_files(const char *dir, const char *site, const char *sub,
		int (*filter)(const struct dirent *), int *n);
char **conf_list(const char *dir, const char *site, const char *sub, int *n);
const char *content_dir_of(const char *dir, const char *site,
		const char *rel);
void conf_list_free(char **l, int n);

/* FNV-1a of n bytes, and of a file's path and contents (h if unreadable). */
uint64_t content_fnv(uint64_t h, const char *s, size_t n);
uint64_t content_hash_file(uint64_t h, const char *path);

/* 0 with *lc to destroy, or -1 with the parse error added. */
int conf_read(config_t *lc, const char *path, struct content_errors *errs);

/* g.key as a string; NULL (and an error if required) when missing. */
const char *conf_string(config_setting_t *g, const char *key,
		const char *file, struct content_errors *errs, int required);

/* root.key as normalised words; an error when missing or not a list. */
char **conf_words(config_setting_t *root, const char *key, int *n,
		const char *path, struct content_errors *errs);

/* s with each {name} replaced by the deployment's placeholder (yordam.conf);
 * an unknown name is an error at file:line, "what: unknown placeholder
 * {name}", and expands to nothing.  malloc'd; NULL if memory runs out. */
char *conf_expand(const char *s, const struct yordam_config *cfg,
		const char *file, int line, const char *what,
		struct content_errors *errs);
/* 1 with the name in out when s has a {placeholder} cfg does not set (what
 * conf_expand would report), else 0. */
int conf_unset_placeholder(const char *s, const struct yordam_config *cfg,
		char *out, size_t outlen);

/* g's reviewed_by and reviewed_on (what names the text in the error, code
 * its language): 1 with *by and *on set; 0 when both are absent (nobody has
 * reviewed it); -1 with an error when one is missing or the date is not
 * YYYY-MM-DD. */
int conf_review(config_setting_t *g, const char *what, const char *code,
		const char *path, struct content_errors *errs, const char **by,
		const char **on);

/* content_index.c: the node id index ----------------------------------- */

/* Adds node i to the index (content_node_index finds it from then on). */
void content_index_node(struct content *c, int i);

/* content_replies.c: a locale's canned replies ------------------------ */

/* replies = { name = "..."; } of a locale file into loc (names, empty
 * texts, placeholders and reviews checked); nothing when absent. */
void content_load_replies(struct locale *loc, config_setting_t *root,
		const char *path, const struct yordam_config *cfg,
		struct content_errors *errs);
/* Frees loc's replies and leaves it with none. */
void content_free_replies(struct locale *loc);

/* content_validate.c: checks across texts, errors only ----------------- */

/* The unsafe_words of a locale file (if any) against its texts. */
void content_check_unsafe_words(struct content *c, struct locale *loc,
		config_setting_t *root, const char *path,
		struct content_errors *errs);
/* Every text of a node, and every canned reply, carries the same numbers
 * in every locale. */
void content_check_numbers(struct content *c, struct content_errors *errs);
/* No language word of one offered locale is a language word of another. */
void content_check_word_clashes(struct content *c,
		struct content_errors *errs);
/* Every question law/deadlines.conf's rules depend on (when = {...}) is
 * asked in every offered locale (conditions = {...}). */
void content_check_conditions(const struct content *c,
		struct content_errors *errs);
/* No two offered locales share an order (locales sorted by order). */
void content_check_orders(const struct content *c,
		struct content_errors *errs);
/* Every canned reply of an offered locale is in every offered locale. */
void content_check_replies(const struct content *c,
		struct content_errors *errs);

/* content_menu.c: the files of menus/ ---------------------------------- */

/*
 * Loads the menu files (paths, n of them), links the options and finds
 * home; the number of errors that only say a node is out of reach or too
 * deep, which leave the later checks worth running.
 */
int content_load_menus(struct content *c, char **paths, int n,
		struct content_errors *errs);


/* content_locale.c: the files of locales/ ------------------------------ */

/*
 * Where a locale keeps each system text and word list, by key, so that
 * loading, deriving a variant and freeing walk one table.
 */
/* Is system text `key` read by someone asking for a person (so it must
 * carry {emergency})? */
int content_system_text_is_urgent(const char *key);

struct locale_text_field {
	const char *key;
	size_t off;             /* of a char * in struct locale */
};
struct locale_words_field {
	const char *key;
	size_t words, n;        /* of a char ** and its int count */
	int required;
};
extern const struct locale_text_field content_system_texts[];
extern const int content_n_system_texts;
extern const struct locale_words_field content_word_lists[];
extern const int content_n_word_lists;
#define LOC_TEXT(l, i) \
	(*(char **)((char *)(l) + content_system_texts[i].off))
#define LOC_WORDS(l, i) \
	(*(char ***)((char *)(l) + content_word_lists[i].words))
#define LOC_NWORDS(l, i) \
	(*(int *)((char *)(l) + content_word_lists[i].n))

/* Loads one locale file into a new locale of c (after the menus). */
void content_load_locale(struct content *c, const char *path,
		const struct yordam_config *cfg, struct content_errors *errs);
/* Frees what l holds (for n_nodes nodes), not l itself. */
void content_free_locale(struct locale *l, int n_nodes);

/* content_derive.c: locales made by transliteration -------------------- */

/* Adds the cyrillic_variant and latin_variant of every loaded locale. */
void content_derive_variants(struct content *c);

/* content_corpus.c: the models learnt from examples -------------------- */

/* Trains c->lid and c->topics from the corpus files (dir/corpus/NAME.tsv) and the locales'
 * words; errors at the corpus lines it cannot use. */
/* The corpus files' filter for content_files(): *.tsv, not hidden. */
int content_tsv_filter(const struct dirent *d);
void content_learn(struct content *c, const char *dir, const char *site,
		struct content_errors *errs);

/* content_keywords.c: the keywords by first letter -------------------- */

/* Files every locale's keywords and urgent words (c->topic_words,
 * c->urgent_words); after the variants are derived. */
void content_file_keywords(struct content *c);
void content_free_keywords(struct content *c);

/* content_budget.c: what to cut from a screen over budget ------------ */

struct sms_measure;
/* Why text (measured m) is over `budget` SMS, for an editor, in out: the
 * letter that made it UCS-2 by its Unicode name, what an SMS holds, how
 * many characters to cut and, for a menu (labels, n_labels; else NULL,
 * 0), its longest labels and every label with its length. */
void content_budget_why(char *out, size_t len, const char *text,
		const struct sms_measure *m, int budget,
		const char *const *labels, int n_labels);

/* content_render.c: the screens, as sent ------------------------------- */

/* Every node's screen in every locale; an error for one too long. */
void content_render(struct content *c, struct content_errors *errs);
/* Every system text fits MAX_ANSWER_PARTS with its [fields] filled, and
 * so does every condition question and canned reply. */
void content_check_system_budget(const struct content *c,
		struct content_errors *errs);
/* content_menu.c: drafts out of the menus unless show. */
void content_hide_drafts(struct content *c, int show);
/* A note for each draft that has every language: ready to publish. */
void content_note_drafts(const struct content *c,
		struct content_errors *errs);

/* content_home.c: the home menu within home_parts (in Latin letters
 * when its own script is over), the language confirmation with it. */
void content_fit_home(struct content *c, struct content_errors *errs);
/* "1 <name>" per offered locale, one a line. */
void content_build_language_prompt(struct content *c);

#endif
