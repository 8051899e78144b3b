/*
 * content_index.c - finding a node by its id and a locale by its code.
 *
 * Node ids are looked up for every option link, every text of every
 * locale file and every SMS (a session keeps its path as ids).  A scan
 * made loading a 2,000-node tree quadratic; an open-addressing hash keeps
 * each lookup constant.  The index is its own file because the menu and
 * locale loaders both use it while content.c calls them: kept in
 * content.c it would make each of them depend on the other.
 */
#include <stdlib.h>
#include <string.h>

#include "content_private.h"

static int
id_slot(const struct content *c, const char *id)
{
	uint64_t h = content_fnv(CONTENT_FNV_OFFSET, id, strlen(id));
	int mask = c->n_slots - 1, s = (int)(h & (uint64_t)mask);

	while (c->id_slots[s] &&
	    strcmp(c->nodes[c->id_slots[s] - 1].id, id) != 0)
		s = (s + 1) & mask;
	return s;
}

void
content_index_node(struct content *c, int i)
{
	if (!c->nodes[i].id)
		return;
	if (2 * c->n_nodes > c->n_slots) {
		int n = c->n_slots ? 2 * c->n_slots : 64, k;
		int *slots = calloc((size_t)n, sizeof *slots);
		if (!slots)
			return;
		free(c->id_slots);
		c->id_slots = slots;
		c->n_slots = n;
		for (k = 0; k < c->n_nodes; k++)
			if (c->nodes[k].id)
				c->id_slots[id_slot(c, c->nodes[k].id)] = k + 1;
		return;
	}
	c->id_slots[id_slot(c, c->nodes[i].id)] = i + 1;
}

int
content_node_index(const struct content *c, const char *id)
{
	int s;

	if (!c->n_slots || !id)
		return -1;
	s = id_slot(c, id);
	return c->id_slots[s] - 1;
}

const struct locale *
content_locale(const struct content *c, const char *code)
{
	int i;

	for (i = 0; i < c->n_locales; i++)
		if (strcmp(c->locales[i].code, code) == 0)
			return &c->locales[i];
	return NULL;
}
