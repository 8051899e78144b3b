/*
 * web_accounts.c - accounts in the console: an admin lists, adds,
 * unlocks, re-roles, resets and removes them; everyone sets their own
 * language and password.  All through accounts.h (argon2id hashes,
 * audited under the admin's name); the rules (password length, the last
 * admin) are the store's, so the console and `yordamctl user` agree.
 */
#include <stdio.h>
#include <string.h>

#include "web.h"

static void
account_row(const struct account *a, void *ud)
{
	struct web_req *r = ud;
	static const char *const actions[] = { "unlock", "remove" };
	size_t i;

	fputs("<tr><td class=\"name\">", r->out);
	web_html_put(r->out, a->name);
	fprintf(r->out, "</td><td>%s</td><td>%s</td><td>", a->role ==
		ROLE_ADMIN ? "admin" : "staff", a->lang);
	if (a->locked_until > r->now)
		web_html_put(r->out, web_t(r, "locked"));
	fputs("</td><td>", r->out);
	for (i = 0; i < sizeof actions / sizeof actions[0]; i++) {
		fprintf(r->out, "<form method=\"post\" action=\"/accounts/%s\""
			" class=\"inline\">", actions[i]);
		web_csrf_field(r);
		fputs("<input type=\"hidden\" name=\"name\" value=\"", r->out);
		web_html_put(r->out, a->name);
		fputs("\"><button type=\"submit\">", r->out);
		web_html_put(r->out, web_t(r, actions[i]));
		fputs("</button></form>", r->out);
	}
	fputs("</td></tr>", r->out);
}

/* The form of one account field set: name, password, role, language. */
static void
add_form(struct web_req *r)
{
	fputs("<h2>", r->out);
	web_html_put(r->out, web_t(r, "Add an account, or set a new"
		" password"));
	fputs("</h2><form method=\"post\" action=\"/accounts/add\" class="
		"\"account\">", r->out);
	web_csrf_field(r);
	fprintf(r->out, "<label>%s<input name=\"name\" required maxlength="
		"\"32\"></label><label>%s<input type=\"password\" name="
		"\"password\" required minlength=\"%d\" autocomplete="
		"\"new-password\"></label><label>%s<select name=\"role\">"
		"<option>staff</option><option>admin</option></select></label>"
		"<label>%s<select name=\"lang\"><option>ru</option><option>en"
		"</option></select></label><button type=\"submit\" name="
		"\"what\" value=\"add\">%s</button><button type=\"submit\" name="
		"\"what\" value=\"password\">%s</button></form>",
		web_t(r, "Name"), web_t(r, "Password"), ACCOUNT_MIN_PASSWORD,
		web_t(r, "Role"), web_t(r, "Language"), web_t(r, "Add"),
		web_t(r, "Set password"));
}

static void
accounts_page(struct web_req *r)
{
	web_page_begin(r, web_t(r, "Accounts"));
	fputs("<table class=\"accounts\"><tbody>", r->out);
	if (account_list(r->w->st, account_row, r) != 0)
		fputs("<tr><td>?</td></tr>", r->out);
	fputs("</tbody></table>", r->out);
	add_form(r);
	web_page_end(r);
}

static int
admin_action(struct web_req *r, const char *what)
{
	const char *name = web_field(r, "name"), *pw = web_field(r,
		"password"), *role = web_field(r, "role"), *lang = web_field(r,
		"lang"), *sub = web_field(r, "what");
	struct store *st = r->w->st;

	if (!name)
		return -1;
	if (strcmp(what, "unlock") == 0)
		return account_unlock(st, name, r->acct.name, r->now);
	if (strcmp(what, "remove") == 0)
		return account_remove(st, name, r->acct.name, r->now);
	if (strcmp(what, "add") != 0)
		return -1;
	if (sub && strcmp(sub, "password") == 0)
		return account_set_password(st, name, pw ? pw : "",
			r->acct.name, r->now);
	return account_add(st, name, pw ? pw : "", role && strcmp(role,
		"admin") == 0 ? ROLE_ADMIN : ROLE_STAFF, lang && strcmp(lang,
		"en") == 0 ? "en" : "ru", r->acct.name, r->now);
}

static void
settings_page(struct web_req *r)
{
	web_page_begin(r, web_t(r, "Settings"));
	fputs("<form method=\"post\" action=\"/settings\" class=\"account\">",
		r->out);
	web_csrf_field(r);
	fprintf(r->out, "<label>%s<select name=\"lang\" id=\"lang\">"
		"<option value=\"ru\"%s>Русский</option><option value=\"en\"%s>"
		"English</option></select></label><label>%s<input type="
		"\"password\" name=\"current\" autocomplete=\"current-password\">"
		"</label><label>%s<input type=\"password\" name=\"password\""
		" autocomplete=\"new-password\"></label><button type=\"submit\""
		" id=\"save\">%s</button></form>", web_t(r, "Language"),
		strcmp(r->lang, "ru") == 0 ? " selected" : "",
		strcmp(r->lang, "en") == 0 ? " selected" : "",
		web_t(r, "Current password"), web_t(r, "New password (or"
		" empty)"), web_t(r, "Save"));
	web_page_end(r);
}

/* One's own language, and password (the current one checked first:
 * a session left open is not enough to change it). */
static void
save_settings(struct web_req *r)
{
	const char *lang = web_field(r, "lang"), *pw = web_field(r,
		"password"), *cur = web_field(r, "current");
	const struct yordam_config *cfg = &r->w->cfg;
	struct account a;

	if (lang && account_set_lang(r->w->st, r->acct.name, lang) != 0)
		return web_refuse(r, 400, store_error(r->w->st));
	if (pw && *pw) {
		if (account_login(r->w->st, r->acct.name, cur ? cur : "",
		    cfg->web_lockout_after, cfg->web_lockout_minutes * 60,
		    r->now, &a) != 1)
			return web_refuse(r, 403, web_t(r, "The current password"
				" is wrong."));
		if (account_set_password(r->w->st, r->acct.name, pw,
		    r->acct.name, r->now) != 0)
			return web_refuse(r, 400, store_error(r->w->st));
		return web_redirect(r, "/login");       /* sessions ended */
	}
	web_redirect(r, "/settings");
}

int
web_accounts_route(struct web_req *r)
{
	int post = strcmp(r->method, "POST") == 0;

	if (strcmp(r->path, "/settings") == 0) {
		if (post)
			save_settings(r);
		else
			settings_page(r);
		return 1;
	}
	if (strcmp(r->path, "/accounts") != 0 &&
	    strncmp(r->path, "/accounts/", 10) != 0)
		return 0;
	if (r->acct.role != ROLE_ADMIN) {
		web_refuse(r, 403, web_t(r, "Only an admin may see this."));
		return 1;
	}
	if (strcmp(r->path, "/accounts") == 0 && !post)
		accounts_page(r);
	else if (!post)
		web_refuse(r, 405, "method not allowed");
	else if (admin_action(r, r->path + 10) != 0)
		web_refuse(r, 400, store_error(r->w->st)[0] ?
			store_error(r->w->st) : web_t(r, "No such action."));
	else
		web_redirect(r, "/accounts");
	return 1;
}
