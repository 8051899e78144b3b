/*
 * content_menu.c - the .conf files of menus/: the nodes of the tree, the
 * options that link them, and whether every node can be reached from home.
 *
 * A menu may name an option defined later or in another file, so options
 * are read as ids first (pending_options) and linked to node indexes only
 * once every menu file is loaded.  A menu's options and an answer's
 * source, date and status each have their own reader, so a new rule for
 * either has one place to go.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_private.h"
#include "yordam/content_source.h"
#include "yordam/i18n.h"

#define MAX_DEPTH 3

/* Raw option ids kept until every node is known. */
struct pending_options {
	char **ids;
	int n;
	int line;
};

static int
valid_id(const char *id)
{
	const char *p;

	if (!id || !(*id >= 'a' && *id <= 'z'))
		return 0;
	for (p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '_'))
			return 0;
	return 1;
}

static int
valid_date(const char *d)
{
	int y, m, day;
	char tail;

	return d && sscanf(d, "%4d-%2d-%2d%c", &y, &m, &day, &tail) == 3 &&
	       y >= 2000 && m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

/*
 * A new node at the end of c->nodes, with its empty pending options at
 * the same index; NULL when memory runs out, which stops the file.
 */
static struct content_node *
add_node(struct content *c, struct pending_options **pend, const char *id,
		const char *path, int line)
{
	struct content_node *node, *grown;
	struct pending_options *pgrown;

	grown = realloc(c->nodes, (size_t)(c->n_nodes + 1) * sizeof *grown);
	pgrown = realloc(*pend, (size_t)(c->n_nodes + 1) * sizeof *pgrown);
	if (pgrown)
		*pend = pgrown;
	if (!grown || !pgrown) {
		if (grown)
			c->nodes = grown;
		return NULL;
	}
	c->nodes = grown;
	node = &c->nodes[c->n_nodes];
	memset(node, 0, sizeof *node);
	memset(&(*pend)[c->n_nodes], 0, sizeof **pend);
	node->id = strdup(id);
	node->file = strdup(path);
	node->line = line;
	c->n_nodes++;
	content_index_node(c, c->n_nodes - 1);
	return node;
}

/* options = ["id", ...] of menu id, kept as ids in p. */
static void
load_options(config_setting_t *g, struct pending_options *p, const char *id,
		const char *path, int line, struct content_errors *errs)
{
	config_setting_t *opts = config_setting_get_member(g, "options");
	int j;

	if (!opts || (config_setting_type(opts) != CONFIG_TYPE_ARRAY
	    && config_setting_type(opts) != CONFIG_TYPE_LIST)) {
		add_error(errs, path, line, _("menu '%s' needs options ="
			" [\"id\", ...]"), id);
		return;
	}
	p->line = config_setting_source_line(opts);
	if (config_setting_length(opts) < 1 ||
	    config_setting_length(opts) > 9) {
		add_error(errs, path, config_setting_source_line(opts),
			_("menu '%s' has %d options; a screen holds 1 to 9"), id,
			config_setting_length(opts));
		return;
	}
	p->ids = calloc((size_t)config_setting_length(opts), sizeof(char *));
	for (j = 0; j < config_setting_length(opts); j++) {
		const char *o = config_setting_get_string_elem(opts,
			(unsigned)j);
		if (!o) {
			add_error(errs, path, config_setting_source_line(opts),
				_("menu '%s': option %d must be a node id in"
				" quotes"), id, j + 1);
			continue;
		}
		p->ids[p->n++] = strdup(o);
	}
}

/* An answer's source, review date and status. */
static void
load_answer(config_setting_t *g, struct content_node *node, const char *id,
		const char *path, int line, struct content_errors *errs)
{
	const char *src, *rev, *status;

	src = conf_string(g, "source", path, errs, 1);
	rev = conf_string(g, "reviewed", path, errs, 1);
	status = conf_string(g, "status", path, errs, 1);
	node->source = src ? strdup(src) : NULL;
	node->reviewed = rev ? strdup(rev) : NULL;
	if (rev && !valid_date(rev))
		add_error(errs, path, line, _("answer '%s': reviewed must be"
			" a date YYYY-MM-DD"), id);
	if (src && !*src)
		add_error(errs, path, line, _("answer '%s': source is empty"),
			id);
	if (status && strcmp(status, "confirmed") != 0 &&
	    strcmp(status, "to verify") != 0 && strcmp(status, "draft") != 0)
		add_error(errs, path, line, _("answer '%s': status must be"
			" \"confirmed\", \"to verify\" or \"draft\""), id);
	node->draft = status && strcmp(status, "draft") == 0;
	/* a draft tried out says to check with the hotline, as one to
	 * verify does */
	node->to_verify = status && (strcmp(status, "to verify") == 0 ||
		node->draft);
	if (status && !node->to_verify && src && *src &&
	    !content_source_has_section(src))
		add_error(errs, path, line, _("answer '%s' is \"confirmed\" but"
			" its source names no section: give the section,"
			" page, paragraph or article (e.g. \"section II.3,"
			" p. 15\", \"Art. 97\") or make it \"to verify\""), id);
	content_check_setting_cites_no_file(g, "source", "answer", id, path,
		line, errs);
	src = conf_string(g, "verify", path, errs, 0);
	node->verify = src && *src ? strdup(src) : NULL;
	content_check_setting_cites_no_file(g, "verify", "answer", id, path,
		line, errs);
}

/*
 * One element of nodes = ( ... ).  A node with a bad id or type is
 * skipped, the others still load; -1 only when memory runs out.
 */
static int
load_node(struct content *c, struct pending_options **pend,
		config_setting_t *g, const char *path,
		struct content_errors *errs)
{
	int line = config_setting_source_line(g);
	const char *id, *type;
	struct content_node *node;

	if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
		add_error(errs, path, line, _("each node must be a group"
			" { id = ...; type = ...; }"));
		return 0;
	}
	id = conf_string(g, "id", path, errs, 1);
	type = conf_string(g, "type", path, errs, 1);
	if (!id || !type)
		return 0;
	if (!valid_id(id)) {
		add_error(errs, path, line, _("node id '%s': use lowercase"
			" letters, digits and _, starting with a letter"), id);
		return 0;
	}
	if (content_node_index(c, id) >= 0) {
		add_error(errs, path, line, _("node '%s' is defined twice"), id);
		return 0;
	}
	node = add_node(c, pend, id, path, line);
	if (!node)
		return -1;
	/* urgent = true, or the urgent category it is (urgent = "violence"),
	 * which a help request reached by its words carries */
	if (config_setting_get_member(g, "urgent")) {
		const char *cat = NULL;
		if (config_setting_lookup_string(g, "urgent", &cat) && *cat) {
			node->urgent = 1;
			node->urgent_category = strdup(cat);
		} else if (!config_setting_lookup_bool(g, "urgent",
		    &node->urgent)) {
			add_error(errs, path, line, _("node '%s': urgent must be"
				" true, false or a category (\"violence\")"),
				id);
		}
	}
	if (strcmp(type, "menu") == 0) {
		node->type = NODE_MENU;
		load_options(g, &(*pend)[c->n_nodes - 1], id, path, line,
			errs);
		/* status = "draft" on a menu: work in progress too */
		{
			const char *st = NULL;
			if (config_setting_lookup_string(g, "status", &st) &&
			    strcmp(st, "draft") == 0)
				node->draft = 1;
			else if (st)
				add_error(errs, path, line, _("menu '%s': the"
					" only status a menu takes is"
					" \"draft\""), id);
		}
	} else if (strcmp(type, "answer") == 0) {
		node->type = NODE_ANSWER;
		load_answer(g, node, id, path, line, errs);
	} else if (strcmp(type, "help") == 0) {
		node->type = NODE_HELP;
		node->urgent = 1;       /* a person asked for a person */
	} else if (strcmp(type, "deadline") == 0) {
		node->type = NODE_DEADLINE;
	} else {
		add_error(errs, path, line, _("node '%s': type must be menu,"
			" answer, help or deadline, not '%s'"), id, type);
	}
	return 0;
}

/* home_parts = N;  the home menu's budget of SMS parts (content_home.c) */
static void
load_home_parts(struct content *c, config_t *lc, const char *path,
		struct content_errors *errs)
{
	config_setting_t *s = config_lookup(lc, "home_parts");

	if (!s)
		return;
	if (config_setting_type(s) != CONFIG_TYPE_INT ||
	    config_setting_get_int(s) < 1 || config_setting_get_int(s) > 2)
		add_error(errs, path, config_setting_source_line(s),
			_("home_parts must be 1 or 2 (SMS parts the home menu may"
			" take)"));
	else
		c->home_parts = config_setting_get_int(s);
}

static void
load_menu_file(struct content *c, struct pending_options **pend,
		const char *path, struct content_errors *errs)
{
	config_t lc;
	config_setting_t *nodes;
	int i, n;

	if (conf_read(&lc, path, errs) != 0)
		return;
	nodes = config_lookup(&lc, "nodes");
	if (!nodes || config_setting_type(nodes) != CONFIG_TYPE_LIST) {
		add_error(errs, path, nodes ? config_setting_source_line(nodes)
			: 1, _("'nodes' must be a list ( ... )"));
		config_destroy(&lc);
		return;
	}
	load_home_parts(c, &lc, path, errs);
	n = config_setting_length(nodes);
	for (i = 0; i < n; i++)
		if (load_node(c, pend, config_setting_get_elem(nodes,
		    (unsigned)i), path, errs) != 0)
			break;
	config_destroy(&lc);
}

static int
memchr_int(const int *v, int n, int x)
{
	int i;

	for (i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

static void
link_options(struct content *c, struct pending_options *pend,
		struct content_errors *errs)
{
	int i, j;

	for (i = 0; i < c->n_nodes; i++) {
		struct content_node *node = &c->nodes[i];
		if (!pend[i].n)
			continue;
		node->options = calloc((size_t)pend[i].n, sizeof(int));
		for (j = 0; j < pend[i].n && node->options; j++) {
			int k = content_node_index(c, pend[i].ids[j]);
			if (k < 0)
				add_error(errs, node->file, pend[i].line,
					_("menu '%s': option %d points to '%s',"
					" which is not a node"), node->id, j + 1,
					pend[i].ids[j]);
			else if (j > 0 && memchr_int(node->options,
			    node->n_options, k))
				add_error(errs, node->file, pend[i].line,
					_("menu '%s': '%s' is offered twice"),
					node->id, pend[i].ids[j]);
			else if (k == i || k == c->home)
				add_error(errs, node->file, pend[i].line,
					_("menu '%s': option %d leads back to"
					" '%s' (0 and 00 already do that)"),
					node->id, j + 1, pend[i].ids[j]);
			node->options[node->n_options++] = k;
		}
	}
}

static void
check_reachable(struct content *c, struct content_errors *errs)
{
	int *depth = malloc((size_t)c->n_nodes * sizeof *depth);
	int *queue = malloc((size_t)c->n_nodes * sizeof *queue);
	int head = 0, tail = 0, i, j;

	if (!depth || !queue)
		goto out;
	for (i = 0; i < c->n_nodes; i++)
		depth[i] = -1;
	depth[c->home] = 0;
	queue[tail++] = c->home;
	while (head < tail) {
		struct content_node *n = &c->nodes[queue[head++]];
		for (j = 0; j < n->n_options; j++) {
			int k = n->options[j];
			if (k >= 0 && depth[k] < 0) {
				depth[k] = depth[n - c->nodes] + 1;
				queue[tail++] = k;
			}
		}
	}
	for (i = 0; i < c->n_nodes; i++) {
		if (depth[i] < 0)
			add_error(errs, c->nodes[i].file, c->nodes[i].line,
				_("node '%s' cannot be reached from home"),
				c->nodes[i].id);
		else if (depth[i] > MAX_DEPTH)
			add_error(errs, c->nodes[i].file, c->nodes[i].line,
				_("node '%s' needs %d digits from home; at most"
				" %d"), c->nodes[i].id, depth[i], MAX_DEPTH);
	}
out:
	free(depth);
	free(queue);
}

static void
free_pending(struct pending_options *pend, int n)
{
	int i, j;

	for (i = 0; i < n && pend; i++) {
		for (j = 0; j < pend[i].n; j++)
			free(pend[i].ids[j]);
		free(pend[i].ids);
	}
	free(pend);
}

/*
 * Drafts are offered to no one: out of every menu's options (the digits
 * after them move up, as they will not once it is published), and
 * marked hidden so no keyword or corpus line leads to them.  With
 * show (yordamctl try --drafts) they stay where the menus put them.
 */
void
content_hide_drafts(struct content *c, int show)
{
	int i, j, n;

	for (i = 0; i < c->n_nodes; i++)
		c->nodes[i].hidden = c->nodes[i].draft && !show;
	for (i = 0; i < c->n_nodes; i++) {
		struct content_node *m = &c->nodes[i];
		for (j = n = 0; j < m->n_options; j++)
			if (m->options[j] < 0 || !c->nodes[m->options[j]].hidden)
				m->options[n++] = m->options[j];
		m->n_options = n;
	}
}

void
content_note_drafts(const struct content *c, struct content_errors *errs)
{
	int i;

	for (i = 0; i < c->n_nodes; i++)
		if (c->nodes[i].draft && !c->nodes[i].untranslated &&
		    c->n_locales)
			content_add_note(errs, c->nodes[i].file,
				c->nodes[i].line, _("draft '%s' has a text in"
				" every language: to offer it, set its status"
				" to \"to verify\" or \"confirmed\"%s"),
				c->nodes[i].id, c->nodes[i].type == NODE_MENU
				? _(" (a menu: remove status)") : "");
}

int
content_load_menus(struct content *c, char **paths, int n,
		struct content_errors *errs)
{
	struct pending_options *pend = NULL;
	int i, reach_errs = 0;

	for (i = 0; i < n; i++)
		load_menu_file(c, &pend, paths[i], errs);
	c->home = content_node_index(c, "home");
	if (n && c->home < 0)
		add_error(errs, paths[0], 1, _("there is no node with id"
			" \"home\" (the first screen)"));
	else if (c->home >= 0 && c->nodes[c->home].type != NODE_MENU)
		add_error(errs, c->nodes[c->home].file, c->nodes[c->home].line,
			_("node 'home' must be a menu"));
	if (pend)
		link_options(c, pend, errs);
	free_pending(pend, c->n_nodes);
	/* A node out of reach or too deep leaves every text usable, so the
	 * later checks still run and an editor sees all problems at once. */
	if (c->home >= 0 && !errs->n) {
		reach_errs = errs->n;
		check_reachable(c, errs);
		reach_errs = errs->n - reach_errs;
	}
	return reach_errs;
}
