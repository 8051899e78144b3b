/*
 * corpus_tsv.h - every "label<TAB>message" line of a directory's
 * <script>.tsv files, for the tests and benchmarks that replay the corpus
 * or the held-out part (test_corpus, bench's engine latency, cost per
 * conversation): one reader, so they read the same lines the same way.
 * The daemon learns from the same files in daemon/content_corpus.c,
 * which also checks each line's label.
 */
#ifndef YORDAM_TESTS_CORPUS_TSV_H
#define YORDAM_TESTS_CORPUS_TSV_H

#include <stdio.h>
#include <string.h>

typedef void corpus_line_fn(void *arg, int script, const char *label,
		const char *text);

/* fn for each line of dir/<scripts[s]>.tsv (comments and lines without
 * a tab skipped); the number of lines given to fn.  A missing file is
 * no line. */
static inline int
corpus_tsv_each(const char *dir, const char *const *scripts, int n_scripts,
		corpus_line_fn *fn, void *arg)
{
	char path[1280], line[4096];
	int s, n = 0;

	for (s = 0; s < n_scripts; s++) {
		FILE *f;
		snprintf(path, sizeof path, "%s/%s.tsv", dir, scripts[s]);
		if (!(f = fopen(path, "r")))
			continue;
		while (fgets(line, sizeof line, f)) {
			char *tab = strchr(line, '\t');
			if (line[0] == '#' || !tab)
				continue;
			*tab = '\0';
			tab[1 + strcspn(tab + 1, "\n")] = '\0';
			fn(arg, s, line, tab + 1);
			n++;
		}
		fclose(f);
	}
	return n;
}

#endif
