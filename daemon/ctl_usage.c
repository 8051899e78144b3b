/*
 * ctl_usage.c - yordamctl's usage: one line per command, the synopsis
 * exactly as the COMMANDS section of yordamctl(1) gives it, in the same
 * order (tests/e2e/manual.sh compares them both ways), and a few words of
 * what it does.  The man page is the whole reference; this is what an
 * operator sees after a mistyped command.  A synopsis ends at two
 * spaces; what follows, or a line indented further, is its description.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ctl.h"

_Noreturn void
ctl_usage(FILE *f, int status)
{
	fputs("usage: yordamctl [-c FILE] [--lang ru|en] COMMAND [options]\n"
		"       yordamctl --help | --version\n"
		"  log [--json] [--limit N] [--pseudonyms]\n"
		"                                messages in and out, newest last\n"
		"  queue [--mine] [--urgent] [--lang L] [--status S] [--all] [--json] [--as NAME]\n"
		"                                help requests, one line each,\n"
		"                                urgent first\n"
		"  search TEXT [--json]          requests whose thread or notes\n"
		"                                have TEXT (any script, any case)\n"
		"  history NUMBER|ID [--json]    every request of one person\n"
		"  status [--json]               queue depths, what was set aside\n"
		"  show ID [--json]              a request: conversation, notes, log\n"
		"  claim|close|reopen ID [--as NAME] [--force]\n"
		"                                take a request, end it, bring it\n"
		"                                back (--force: take another's)\n"
		"  reply ID TEXT|--template NAME [--lang L] [--latin] [--force] [--as NAME]\n"
		"                                an SMS to the person (a canned\n"
		"                                reply in their language)\n"
		"  note ID TEXT [--as NAME]      a note for colleagues\n"
		"  stats [--csv|--json]          counts per local day, times to the\n"
		"                                first reply and to the close\n"
		"  check [-v]                    validate configuration and content,\n"
		"                                and check the database for damage\n"
		"  content review [--json] [--lang L]\n"
		"                                answers awaiting legal review\n"
		"  content map [--lang L] [--format dot|html]\n"
		"                                the menu tree, to print\n"
		"  unmatched [--json]            messages not understood, by\n"
		"                                language, without numbers\n"
		"  unmatched mark ID LABEL [--lang L] [--as NAME]\n"
		"                                what one should have reached\n"
		"  corpus export                 the marked ones as corpus lines\n"
		"  send NUMBER TEXT              an SMS to any phone through the\n"
		"                                modem (to try a real phone)\n"
		"  phone --from NUMBER [--wait S]\n"
		"                                text the helpline through the\n"
		"                                simulated modem (dummy driver)\n"
		"  backup FILE                   a copy of the database, safe while\n"
		"                                yordamd runs\n"
		"  backup [--keep N] DIR         ... as DIR/yordam-DATE-TIME.db,\n"
		"                                keeping the newest N there\n"
		"  restore FILE                  put a backup in place of the\n"
		"                                database (stop yordamd first)\n"
		"  staff pin                     the hash of a staff PIN (read\n"
		"                                twice, unechoed) for yordam.conf\n"
		"  user add NAME [--role staff|admin] [--lang ru|en] [--password-stdin] [--as NAME]\n"
		"                                a web console account; the\n"
		"                                password is asked twice, unechoed\n"
		"                                (or one line: --password-stdin)\n"
		"  user passwd NAME [--password-stdin] [--as NAME]\n"
		"                                a new password (ends the\n"
		"                                account's console sessions)\n"
		"  user list [--json]            accounts, roles, locks\n"
		"  user remove NAME [--as NAME]  the account goes\n"
		"  user unlock NAME [--as NAME]  its lock is lifted\n"
		"  user role NAME staff|admin [--as NAME]\n"
		"                                admins manage accounts, see stats\n"
		"  user lang NAME ru|en          the console's language\n"
		"--lang ru|en before the command: yordamctl's own messages (content and\n"
		"configuration errors) in Russian or English, as LANGUAGE=ru does.\n"
		"--help (also after a command) prints this; see yordamctl(1).\n",
		f);
	exit(status);
}
