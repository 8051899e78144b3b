/*
 * test_security.c - staff access that holds against an attacker.
 *
 * An attacker who spoofs a staff number guesses PINs by SMS; text sent by
 * a migrant tries to pass for a staff command inside an alert; a PIN ends
 * up in the database, its write-ahead log or an export.  Each is played
 * here through the gateway's stages, on a real SQLite file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gateway_fixture.h"
#include "yordam/staff_command.h"

/* How many of the staff phone's answers there are (not alerts). */
static long long
answers_to(const char *phone)
{
	char sql[256];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM messages WHERE dir ="
		" 'out' AND number = '%s' AND text NOT LIKE '#%% URGENT%%' AND"
		" text NOT LIKE 'Yordam: %%locked%%'", phone);
	return scalar(sql);
}

/* Thirty guessed PINs, then the right one: the phone locked after five
 * (audited, the other staff told), and the right PIN refused while it
 * is locked; it works again after the lock. */
START_TEST(thirty_wrong_pins_then_the_right_one_is_refused)
{
	int i;
	int64_t t = 10000;

	arrives(MIGRANT, "yordam");
	answer_turn(t);
	for (i = 0; i < 30; i++) {
		char guess[32];
		snprintf(guess, sizeof guess, "%06d NEXT", 100000 + i * 7919);
		arrives(AIGERIM, guess);
		answer_turn(++t);
	}
	arrives(AIGERIM, "482913 NEXT");
	answer_turn(++t);
	ck_assert_int_eq(answers_to(AIGERIM), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM audit WHERE action ="
		" 'lockout' AND who = 'Aigerim'"), 1);
	ck_assert_ptr_nonnull(strstr(last_to(DANIYAR), "Aigerim's phone is"
		" locked for 30 min after 5 wrong PINs"));
	ck_assert_ptr_nonnull(strstr(log_text(), "locked for 30 minutes"));
	/* After the lock: the right PIN works, and the count starts anew. */
	arrives(AIGERIM, "482913 NEXT");
	answer_turn(t + 31 * 60);
	ck_assert_int_eq(answers_to(AIGERIM), 1);
	ck_assert_ptr_nonnull(strstr(last_to(AIGERIM), "#1 help"));
}
END_TEST

/* Four wrong PINs and then the right one do not lock: a person's typos
 * are forgiven once they get it right. */
START_TEST(typos_are_forgiven_by_the_right_pin)
{
	int round, i;
	int64_t t = 20000;

	for (round = 0; round < 3; round++) {
		for (i = 0; i < 4; i++) {
			arrives(AIGERIM, "482914 NEXT");
			answer_turn(++t);
		}
		arrives(AIGERIM, "482913 NEXT");
		answer_turn(++t);
	}
	ck_assert_int_eq(answers_to(AIGERIM), 3);
	ck_assert_int_eq(scalar("SELECT count(*) FROM audit WHERE action ="
		" 'lockout'"), 0);
}
END_TEST

/* No PIN is ever written: not in the database, its WAL or shared
 * memory, not in the log, not in an export of the messages. */
START_TEST(no_pin_bytes_anywhere)
{
	char path[256];

	arrives(MIGRANT, "yordam");
	answer_turn(100);
	arrives(AIGERIM, "482913 TAKE 1");
	arrives(AIGERIM, "482913 R 1 Qaysi shahardasiz?");
	arrives(DANIYAR, "771205 NOTE 1 called back");
	arrives(DANIYAR, "771299 NEXT");
	answer_turn(101);
	ck_assert_int_eq(scalar("SELECT count(*) FROM notes"), 1);
	ck_assert_str_eq(last_to(MIGRANT), "Qaysi shahardasiz?");
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE text LIKE"
		" '%482913%' OR text LIKE '%7712%'"), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE text LIKE"
		" 'PIN:ok %'"), 3);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE text ="
		" 'PIN:wrong NEXT'"), 1);
	snprintf(path, sizeof path, "%s", db);
	ck_assert(!file_has(path, "482913"));
	ck_assert(!file_has(path, "771205"));
	ck_assert(!file_has(path, "771299"));
	snprintf(path, sizeof path, "%s-wal", db);
	ck_assert(!file_has(path, "482913"));
	ck_assert(!file_has(path, "771205"));
	ck_assert(!file_has(path, "771299"));
	ck_assert(!file_has(logfile, "482913"));
}
END_TEST

/* Someone who spoofs a staff number and types the verdict itself gets a
 * wrong PIN: the first word is always replaced as the SMS is read. */
START_TEST(typing_the_verdict_is_a_wrong_pin)
{
	arrives(MIGRANT, "yordam");
	answer_turn(100);
	arrives(AIGERIM, "PIN:ok TAKE 1");
	arrives(AIGERIM, "TAKE 1");
	answer_turn(101);
	ck_assert_int_eq(answers_to(AIGERIM), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM help_requests WHERE"
		" claimed_by IS NOT NULL"), 0);
	ck_assert_int_eq(scalar("SELECT failures FROM staff_lockouts"), 2);
}
END_TEST

/* A PIN kept as an argon2id hash works; the old plain PIN does not. */
START_TEST(hashed_pin)
{
	static char hash[256];

	ck_assert_int_eq(staff_pin_hash("918273", hash, sizeof hash), 0);
	ck_assert_int_eq(strncmp(hash, "$argon2id$", 10), 0);
	ck_assert_ptr_null(strstr(hash, "918273"));
	cfg.staff[0].pin = hash;
	cfg.staff[0].pin_plain = 0;
	arrives(MIGRANT, "yordam");
	answer_turn(100);
	arrives(AIGERIM, "482913 NEXT");
	answer_turn(101);
	ck_assert_int_eq(answers_to(AIGERIM), 0);
	arrives(AIGERIM, "918273 NEXT");
	answer_turn(102);
	ck_assert_int_eq(answers_to(AIGERIM), 1);
}
END_TEST

/* A migrant's text with a line break and something shaped like a staff
 * command stays inside the quotes of the alert, on one line. */
START_TEST(migrant_text_cannot_forge_an_alert_line)
{
	const char *alert;

	arrives(MIGRANT, "urishdi\nSTAFF: reply 4821 CLOSE 3\r\n| ACK 9");
	answer_turn(100);
	alert = text_of("SELECT text FROM messages WHERE node = 'staff-alert'"
		" ORDER BY id LIMIT 1");
	ck_assert_ptr_null(strchr(alert, '\n'));
	ck_assert_ptr_null(strchr(alert, '\r'));
	ck_assert_str_eq(alert, "#1 URGENT violence (uz): \xC2\xABurishdi STAFF:"
		" reply 4821 CLOSE 3 | ACK 9\xC2\xBB | ACK 1");
}
END_TEST

/* A line break in a migrant's text cannot forge a line of the
 * conversation that staff read as the helpline's own reply. */
START_TEST(migrant_text_cannot_forge_a_conversation_line)
{
	arrives(MIGRANT, "salom\n< Yordam: come alone to Abay 12 at 21:00");
	answer_turn(100);
	arrives(MIGRANT, "yordam\r\n< Yordam: bring your passport");
	answer_turn(101);
	ck_assert_ptr_null(strstr(text_of("SELECT conversation FROM"
		" help_requests"), "\n< Yordam: come"));
	ck_assert_ptr_null(strstr(text_of("SELECT conversation FROM"
		" help_requests"), "\n< Yordam: bring"));
	ck_assert_ptr_nonnull(strstr(text_of("SELECT conversation FROM"
		" help_requests"), "> salom < Yordam: come alone"));
}
END_TEST

/* Reading staff SMS as an attacker writes them. */
START_TEST(staff_command_parser)
{
	struct staff_command c;

	staff_command_parse("  482913   take   12  ", &c);
	ck_assert_int_eq(c.verb, STAFF_TAKE);
	ck_assert_int_eq(c.request, 12);
	ck_assert_int_eq(c.pin_at, 2);
	ck_assert_int_eq(c.pin_len, 6);
	staff_command_parse("482913 R 12 Salom,\nqayerdasiz?", &c);
	ck_assert_int_eq(c.verb, STAFF_REPLY);
	ck_assert_str_eq(c.text, "Salom,\nqayerdasiz?");
	staff_command_parse("482913 TAKE 99999999999999999999", &c);
	ck_assert_int_eq(c.has_request, 0);
	staff_command_parse("482913 TAKE -1", &c);
	ck_assert_int_eq(c.has_request, 0);
	staff_command_parse("482913 TAKE 12abc", &c);
	ck_assert_int_eq(c.has_request, 0);
	staff_command_parse("482913 ТАКЕ 12", &c);     /* Cyrillic look-alike */
	ck_assert_int_eq(c.verb, STAFF_UNKNOWN);
	staff_command_parse("482913", &c);
	ck_assert_int_eq(c.verb, STAFF_NONE);
	staff_command_parse("", &c);
	ck_assert_int_eq(c.verb, STAFF_NONE);
	ck_assert_int_eq(c.pin_len, 0);
	staff_command_parse(NULL, &c);
	ck_assert_int_eq(c.verb, STAFF_NONE);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("security");
	TCase *t = tcase_create("security");

	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, thirty_wrong_pins_then_the_right_one_is_refused);
	tcase_add_test(t, typos_are_forgiven_by_the_right_pin);
	tcase_add_test(t, no_pin_bytes_anywhere);
	tcase_add_test(t, typing_the_verdict_is_a_wrong_pin);
	tcase_add_test(t, hashed_pin);
	tcase_add_test(t, migrant_text_cannot_forge_an_alert_line);
	tcase_add_test(t, staff_command_parser);
	tcase_add_test(t, migrant_text_cannot_forge_a_conversation_line);
	suite_add_tcase(s, t);
	return run_suite(s);
}
