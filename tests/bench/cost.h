/*
 * cost.h - the cost-per-conversation bench (cost.c), called by bench.c.
 */
#ifndef YORDAM_BENCH_COST_H
#define YORDAM_BENCH_COST_H

struct content;

/* Replay the conversations over content c (dir: the source tree, for
 * tests/data/heldout) and print the table; 0 on success. */
int bench_cost(const struct content *c, const char *dir);

#endif
