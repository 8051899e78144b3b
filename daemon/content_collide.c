/*
 * content_collide.c - keywords that meet everyday words.
 *
 * A keyword reaches its node as a stem (a prefix of a longer word) and,
 * in words of six letters or more, with one typo (match.h).  So a keyword
 * can meet a word that has nothing to do with it: "продле" (to extend a
 * patent) is one letter from "пробле(ма)", which half the stories say;
 * the urgent word "сакрайман" (I jump) is one from "саклайман" (I keep),
 * "қуллик" (slavery) one from "кунлик" (daily).  Each such word pulls
 * calm messages to a wrong topic or to a person as if in danger, and no
 * test of the keyword's own examples shows it.
 *
 * The corpus shows it: it holds what people write, under every label.
 * content_collisions() counts each word of the corpus by the lines and
 * labels it appears under, and notes every single-word keyword of an
 * answer that meets, only by a typo and not in its ending, a word spread
 * over many labels and seldom its own (a menu's words name a whole area
 * and may); and every single-word urgent word that meets, in any way, a
 * word mostly of calm lines.  For `yordamctl check`, which an editor runs
 * after adding words: it reads the corpus again (a few tens of
 * milliseconds), so the daemon's load does not pay for it.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "content_private.h"
#include "yordam/match.h"
#include "yordam/text.h"
#include "yordam/i18n.h"

#define MAX_WORD_LABELS 32      /* labels kept per word (more: "many") */
#define SPREAD_LINES 4          /* a keyword's word: in this many lines */
#define SPREAD_LABELS 3         /* under this many labels */
#define OWN_SHARE 0.25          /* of which its own label at most */
#define URGENT_LINES 2          /* an urgent word's word: this many lines */
#define URGENT_SHARE 0.3        /* of which urgent at most */

struct label_count {
	char *label;
	int lines;
};

struct corpus_word {
	char *word;             /* NULL: an empty slot */
	int lines, urgent_lines;
	struct label_count labels[MAX_WORD_LABELS];
	int n_labels;           /* MAX_WORD_LABELS: that many or more */
};

struct word_table {
	struct corpus_word *slots;
	size_t cap, used;
};

static size_t
hash_word(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static struct corpus_word *
slot_of(struct word_table *t, const char *word)
{
	size_t i = hash_word(word) & (t->cap - 1);

	while (t->slots[i].word && strcmp(t->slots[i].word, word) != 0)
		i = (i + 1) & (t->cap - 1);
	return &t->slots[i];
}

static int
grow(struct word_table *t)
{
	struct word_table bigger = { NULL, t->cap ? t->cap * 2 : 4096, 0 };
	size_t i;

	if (!(bigger.slots = calloc(bigger.cap, sizeof *bigger.slots)))
		return -1;
	for (i = 0; i < t->cap; i++)
		if (t->slots[i].word)
			*slot_of(&bigger, t->slots[i].word) = t->slots[i];
	free(t->slots);
	bigger.used = t->used;
	*t = bigger;
	return 0;
}

/* Is a corpus label a message for someone in danger? */
static int
urgent_label(const struct content *c, const char *label)
{
	int k;

	if (strncmp(label, "urgent:", 7) == 0)
		return 1;
	k = content_node_index(c, label);
	return k >= 0 && c->nodes[k].urgent;
}

static void
count_word(struct word_table *t, const char *word, const char *label,
		int urgent)
{
	struct corpus_word *w;
	int i;

	if ((t->used + 1) * 2 > t->cap && grow(t) != 0)
		return;
	w = slot_of(t, word);
	if (!w->word) {
		if (!(w->word = strdup(word)))
			return;
		t->used++;
	}
	w->lines++;
	w->urgent_lines += urgent;
	for (i = 0; i < w->n_labels; i++)
		if (strcmp(w->labels[i].label, label) == 0)
			break;
	if (i == w->n_labels) {
		if (i == MAX_WORD_LABELS || !(w->labels[i].label =
		    strdup(label)))
			return;
		w->n_labels++;
	}
	w->labels[i].lines++;
}

/* Each word of one corpus line, once a line. */
static void
count_line(struct word_table *t, const struct content *c, char *line)
{
	char *tab = strchr(line, '\t'), *norm, *word, *save;
	char seen[2048] = " ";
	int urgent;

	if (line[0] == '#' || !tab)
		return;
	*tab = '\0';
	urgent = urgent_label(c, line);
	if (!(norm = text_normalise(tab + 1)))
		return;
	for (word = strtok_r(norm, " ", &save); word;
	    word = strtok_r(NULL, " ", &save)) {
		char key[256];
		snprintf(key, sizeof key, " %s ", word);
		if (strstr(seen, key) || strlen(seen) + strlen(key) >=
		    sizeof seen)
			continue;
		strcat(seen, word);
		strcat(seen, " ");
		count_word(t, word, line, urgent);
	}
	free(norm);
}

static void
count_corpus(struct word_table *t, const struct content *c, const char *dir,
		const char *site)
{
	int i, n;
	char **paths = content_files(dir, site, "corpus", content_tsv_filter, &n);
	char line[4096];

	for (i = 0; i < n; i++) {
		FILE *f = fopen(paths[i], "r");
		while (f && fgets(line, sizeof line, f)) {
			line[strcspn(line, "\n")] = '\0';
			count_line(t, c, line);
		}
		if (f)
			fclose(f);
	}
	conf_list_free(paths, n);
}

static int
label_lines(const struct corpus_word *w, const char *label)
{
	int i;

	for (i = 0; i < w->n_labels; i++)
		if (strcmp(w->labels[i].label, label) == 0)
			return w->labels[i].lines;
	return 0;
}

/*
 * Where kw is written: the first line of a locale file with it quoted, in
 * path (0 when it is not written as it is: a derived locale's
 * transliteration, or a word written with capitals).
 */
static int
where_written(const char *dir, const char *site, const char *kw,
		const char *code, char *path, size_t pathlen)
{
	int i, n, line = 0;
	char **paths = conf_list(dir, site, "locales", &n);
	char quoted[512], buf[8192];

	snprintf(path, pathlen, "locales/%s.conf", code);
	snprintf(quoted, sizeof quoted, "\"%s\"", kw);
	for (i = 0; i < n && !line; i++) {
		FILE *f = fopen(paths[i], "r");
		int at = 0;
		while (f && !line && fgets(buf, sizeof buf, f)) {
			at++;
			if (strstr(buf, quoted)) {
				line = at;
				snprintf(path, pathlen, "%s", paths[i]);
			}
		}
		if (f)
			fclose(f);
	}
	conf_list_free(paths, n);
	return line;
}

struct collide_arg {
	const struct content *c;
	const char *dir, *site;
	struct content_errors *notes;
};

/* A note once: the same keyword is in several locales' lists (a list
 * and its transliteration); the first locale is named. */
static void
note_once(const struct collide_arg *a, const char *kw, int locale,
		const char *text)
{
	char path[4096];
	int i, line;

	for (i = 0; i < a->notes->n_notes; i++)
		if (strstr(a->notes->notes[i], text))
			return;
	line = where_written(a->dir, a->site, kw,
		a->c->locales[locale].code, path, sizeof path);
	content_add_note(a->notes, path, line, "%s", text);
}

/*
 * Does the typo fall in the keyword's last two letters?  Then the word is
 * the keyword with another ending (полиции, полиция; patentu, patent):
 * what stems and typos are for.
 */
static int
another_ending(const char *kw, const char *word)
{
	size_t p = 0;

	while (kw[p] && kw[p] == word[p])
		p++;
	while (p > 0 && ((unsigned char)kw[p] & 0xC0) == 0x80)
		p--;            /* back to the start of a letter */
	return u8_mbsnlen((const uint8_t *)kw, p) + 2 >=
		u8_mbsnlen((const uint8_t *)kw, strlen(kw));
}

static void
check_word(const struct collide_arg *a, const struct corpus_word *w,
		const struct match_text *t)
{
	const struct content *c = a->c;
	int f, i;
	char text[1024];

	for (f = 0; f < t->n_firsts; f++) {
		const struct keyword_ref *r;
		int n = content_keywords_of(&c->topic_words, t->firsts[f], &r);
		for (i = 0; i < n && w->lines >= SPREAD_LINES &&
		    w->n_labels >= SPREAD_LABELS; i++) {
			const char *id = c->nodes[r[i].list].id;
			if (c->nodes[r[i].list].type != NODE_ANSWER ||
			    strchr(r[i].kw, ' ') || label_lines(w, id) >
			    OWN_SHARE * w->lines ||
			    another_ending(r[i].kw, w->word) ||
			    match_keyword_in(t, r[i].kw) != 1)
				continue;
			snprintf(text, sizeof text, _("keyword '%s' of %s also"
				" meets '%s' by one letter, a word of %d corpus"
				" lines under %d%s labels (%d of them %s's):"
				" a longer stem or the whole word would not"),
				r[i].kw, id, w->word, w->lines, w->n_labels,
				w->n_labels == MAX_WORD_LABELS ? "+" : "",
				label_lines(w, id), id);
			note_once(a, r[i].kw, r[i].locale, text);
		}
		n = content_keywords_of(&c->urgent_words, t->firsts[f], &r);
		for (i = 0; i < n && w->lines >= URGENT_LINES &&
		    w->urgent_lines <= URGENT_SHARE * w->lines; i++) {
			const struct locale *loc = &c->locales[r[i].locale];
			if (strchr(r[i].kw, ' ') ||
			    match_keyword_in(t, r[i].kw) == 0)
				continue;
			snprintf(text, sizeof text, _("urgent word '%s' (%s)"
				" also meets '%s', a word of %d corpus lines,"
				" %d of them urgent: calm messages with it would"
				" go to a person as if in danger; a phrase or a"
				" longer word would not"), r[i].kw,
				loc->urgent[r[i].list].category, w->word,
				w->lines, w->urgent_lines);
			note_once(a, r[i].kw, r[i].locale, text);
		}
	}
}

int
content_collisions(const struct content *c, const char *dir,
		const char *site, struct content_errors *notes)
{
	struct word_table t = { NULL, 0, 0 };
	struct collide_arg a = { c, dir, site, notes };
	struct match_text *words = malloc(sizeof *words);
	size_t i;
	int j, before = notes->n_notes;

	if (!words || grow(&t) != 0) {
		free(words);
		return -1;
	}
	count_corpus(&t, c, dir, site);
	for (i = 0; i < t.cap; i++) {
		struct corpus_word *w = &t.slots[i];
		if (!w->word)
			continue;
		if (w->lines >= URGENT_LINES) {
			match_prepare(w->word, words);
			check_word(&a, w, words);
		}
		for (j = 0; j < w->n_labels; j++)
			free(w->labels[j].label);
		free(w->word);
	}
	free(t.slots);
	free(words);
	return notes->n_notes - before;
}
