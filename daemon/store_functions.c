/*
 * store_functions.c - the SQL functions every connection of the store
 * has: staff_request() reads a staff SMS with the desk's own parser (so
 * an erasure finds what the desk acted on), casefold() folds any script
 * for the desk's search (SQLite's lower() folds only ASCII).
 */
#include <stdlib.h>

#include "store_private.h"
#include "yordam/staff_command.h"
#include "yordam/text.h"

/*
 * staff_request(text): the request a staff SMS acts on ("PIN:ok R 12 ..."
 * is 12), or NULL.  Read by the desk's own parser, so what an erasure
 * finds is what the desk acted on.
 */
static void
staff_request_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	struct staff_command cmd;

	(void)argc;
	staff_command_parse(text, &cmd);
	if (text && cmd.has_request)
		sqlite3_result_int64(ctx, cmd.request);
	else
		sqlite3_result_null(ctx);
}

/* casefold(text): text_casefold() for search in any script (SQLite's
 * lower() folds only ASCII, and staff search Cyrillic names). */
static void
casefold_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	char *folded = text ? text_casefold(text) : NULL;

	(void)argc;
	if (folded)
		sqlite3_result_text(ctx, folded, -1, free);
	else
		sqlite3_result_null(ctx);
}

int
store_add_functions(sqlite3 *db)
{
	int rc = sqlite3_create_function_v2(db, "staff_request", 1,
		SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
		staff_request_fn, NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_create_function_v2(db, "casefold", 1, SQLITE_UTF8 |
			SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
			casefold_fn, NULL, NULL, NULL);
	return rc;
}
