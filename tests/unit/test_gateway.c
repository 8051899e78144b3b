/*
 * test_gateway.c - the gateway's stages, staff SMS commands and the desk
 * API, through the store on a real SQLite file and a test transport:
 * what only the end-to-end scripts reached before.
 *
 * Attacks and careless use first (wrong PIN, a closed request, a request
 * that does not exist, an empty note, a transport that refuses, a fault
 * inside the desk's own SQL), then the happy paths.  Every failure must
 * come with its reason: the log lines are captured and read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gateway_fixture.h"

static void
count_request(const struct desk_request *r, void *ud)
{
	(void)r;
	++*(int *)ud;
}

struct shown {
	char status[16], claimed_by[32], text[128];
	int log_lines;
	char last_log[256];
};

static void
shown_request(const struct desk_request *r, void *ud)
{
	struct shown *s = ud;

	snprintf(s->status, sizeof s->status, "%s", r->status);
	snprintf(s->claimed_by, sizeof s->claimed_by, "%s",
		r->claimed_by ? r->claimed_by : "");
	snprintf(s->text, sizeof s->text, "%s", r->text ? r->text : "");
}

static void
shown_log(const struct desk_log_entry *e, void *ud)
{
	struct shown *s = ud;

	s->log_lines++;
	snprintf(s->last_log, sizeof s->last_log, "%s %s %s", e->kind, e->who,
		e->text);
}

/* --- the desk API ------------------------------------------------- */

START_TEST(desk_refuses_with_reasons)
{
	int n = 0;

	/* A request that does not exist, and one that is closed. */
	ck_assert_int_eq(desk_act(st, DESK_CLAIM, 99, "Aigerim", NULL, 10), -1);
	ck_assert_str_eq(store_error(st), "no request 99");
	sms(MIGRANT, "yordam", 100);
	ck_assert_int_eq(scalar("SELECT count(*) FROM help_requests"), 1);
	ck_assert_int_eq(desk_act(st, DESK_NOTE, 1, "Aigerim", "", 101), -1);
	ck_assert_str_eq(store_error(st), "the note is empty");
	ck_assert_int_eq(desk_act(st, DESK_REPLY, 1, "Aigerim", "", 101), -1);
	ck_assert_str_eq(store_error(st), "the reply is empty");
	ck_assert_int_eq(desk_act(st, DESK_CLOSE, 1, "Aigerim", NULL, 102), 0);
	ck_assert_int_eq(desk_act(st, DESK_REPLY, 1, "Aigerim", "salom", 103),
		-1);
	ck_assert_str_eq(store_error(st),
		"request 1 is closed (reopen it first)");
	/* Nothing half-done: no reply queued, the list is empty. */
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE"
		" node = 'staff'"), 0);
	ck_assert_int_eq(desk_list(st, count_request, &n), 0);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(desk_act(st, DESK_REOPEN, 1, "Aigerim", NULL, 104), 0);
	ck_assert_int_eq(desk_list(st, count_request, &n), 0);
	ck_assert_int_eq(n, 1);
}
END_TEST

START_TEST(desk_actions_are_audited)
{
	struct shown s = { 0 };
	int64_t next;

	sms(MIGRANT, "yordam", 100);
	ck_assert_int_eq(desk_next(st, &next), 1);
	ck_assert_int_eq(next, 1);
	ck_assert_int_eq(desk_act(st, DESK_CLAIM, 1, "Aigerim", NULL, 101), 0);
	ck_assert_int_eq(desk_act(st, DESK_REPLY, 1, "Aigerim",
		"Qaysi shahardasiz?", 102), 0);
	ck_assert_int_eq(desk_act(st, DESK_NOTE, 1, "Aigerim", "called back",
		103), 0);
	ck_assert_int_eq(desk_show(st, 1, shown_request, shown_log, &s), 1);
	ck_assert_str_eq(s.status, "claimed");
	ck_assert_str_eq(s.claimed_by, "Aigerim");
	ck_assert_str_eq(s.text, "yordam");
	/* claim, reply, note (audit) + the note itself */
	ck_assert_int_eq(s.log_lines, 4);
	ck_assert_str_eq(last_to(MIGRANT), "Qaysi shahardasiz?");
	ck_assert_int_eq(scalar("SELECT first_reply_at FROM help_requests"),
		102);
	ck_assert_int_eq(desk_act(st, DESK_CLOSE, 1, "Aigerim", NULL, 104), 0);
	ck_assert_int_eq(desk_next(st, &next), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM audit WHERE"
		" who = 'Aigerim'"), 4);
	/* desk_show of a missing request: 0 and a reason. */
	ck_assert_int_eq(desk_show(st, 7, shown_request, NULL, &s), 0);
	ck_assert_str_eq(store_error(st), "no request 7");
}
END_TEST

/* --- staff by SMS -------------------------------------------------- */

START_TEST(staff_sms_wrong_pin_gets_nothing)
{
	sms(MIGRANT, "yordam", 100);
	sms(AIGERIM, "123456 TAKE 1", 101);
	sms(AIGERIM, "TAKE 1", 102);
	sms(AIGERIM, "482913", 103);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE dir ="
		" 'out' AND number = '" AIGERIM "' AND node != 'staff-alert'"),
		0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE dir ="
		" 'out' AND number = '" AIGERIM "' AND text LIKE '%is yours%'"),
		0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM help_requests WHERE"
		" claimed_by IS NOT NULL"), 0);
	ck_assert_ptr_nonnull(strstr(log_text(), "wrong or missing PIN"));
	/* Staff messages are never answered by the menus. */
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE dir ="
		" 'in' AND number = '" AIGERIM "' AND status = 'staff'"), 3);
}
END_TEST

START_TEST(staff_sms_commands)
{
	sms(MIGRANT, "yordam", 100);
	sms(AIGERIM, "482913 next", 101);
	ck_assert_str_eq(last_to(AIGERIM), "#1 help (uz): \xC2\xAByordam\xC2\xBB");
	sms(AIGERIM, "482913 TAKE 1", 102);
	ck_assert_str_eq(last_to(AIGERIM), "#1 is yours");
	sms(AIGERIM, "482913 R 1 Qaysi shahardasiz?", 103);
	ck_assert_str_eq(last_to(AIGERIM), "#1 reply sent");
	ck_assert_str_eq(last_to(MIGRANT), "Qaysi shahardasiz?");
	sms(AIGERIM, "482913 R 1", 104);
	ck_assert_ptr_nonnull(strstr(last_to(AIGERIM), "PIN R n text"));
	sms(AIGERIM, "482913 CLOSE 1", 105);
	sms(AIGERIM, "482913 R 1 again", 106);
	ck_assert_str_eq(last_to(AIGERIM),
		"#1: request 1 is closed (reopen it first)");
	sms(AIGERIM, "482913 TAKE 42", 107);
	ck_assert_str_eq(last_to(AIGERIM), "#42: no request 42");
	sms(AIGERIM, "482913 next", 108);
	ck_assert_str_eq(last_to(AIGERIM), "No open requests.");
	ck_assert_int_eq(scalar("SELECT count(*) FROM audit WHERE"
		" who = 'Aigerim'"), 3);
}
END_TEST

/* --- on-call alerts ------------------------------------------------ */

START_TEST(alerts_escalate_until_acknowledged)
{
	sms(MIGRANT, "pasportimni olib qoyishdi", 1000);
	ck_assert_int_eq(scalar("SELECT urgent FROM help_requests"), 1);
	ck_assert_int_eq(gateway_alerts(&gw, 1000), STAGE_DONE);
	ck_assert_str_eq(last_to(AIGERIM),
		"#1 URGENT passport (uz): \xC2\xABpasportimni olib qoyishdi\xC2\xBB | ACK 1");
	/* Not yet time to escalate; then no ACK in 10 minutes: Daniyar. */
	ck_assert_int_eq(gateway_alerts(&gw, 1300), STAGE_IDLE);
	ck_assert_int_eq(gateway_alerts(&gw, 1600), STAGE_DONE);
	ck_assert_ptr_nonnull(strstr(last_to(DANIYAR), "#1 URGENT"));
	ck_assert_int_eq(scalar("SELECT count(*) FROM audit WHERE action ="
		" 'escalate' AND detail = 'Daniyar'"), 1);
	/* Round the list, then an ACK by SMS ends it. */
	ck_assert_int_eq(gateway_alerts(&gw, 2200), STAGE_DONE);
	ck_assert_int_eq(scalar("SELECT count(*) FROM alerts WHERE staff = '"
		AIGERIM "'"), 2);
	sms(AIGERIM, "482913 ACK 1", 2300);
	ck_assert_int_eq(gateway_alerts(&gw, 9000), STAGE_IDLE);
	ck_assert_int_eq(scalar("SELECT count(*) FROM alerts"), 3);
	/* The number is not in the alert unless configured. */
	ck_assert_ptr_null(strstr(last_to(AIGERIM), MIGRANT));
}
END_TEST

START_TEST(nobody_on_call_leaves_it_to_the_desk)
{
	cfg.staff[0].from_minute = cfg.staff[0].to_minute = 0;
	cfg.staff[1].from_minute = cfg.staff[1].to_minute = 0;
	sms(MIGRANT, "urishdi", 1000);
	ck_assert_int_eq(gateway_alerts(&gw, 1000), STAGE_IDLE);
	ck_assert_int_eq(scalar("SELECT count(*) FROM alerts"), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM help_requests WHERE"
		" status = 'open' AND urgent"), 1);
}
END_TEST

/* A fault inside the desk's SQL (here a trigger, as a broken page would
 * refuse): the failing step is undone alone, the log says why, never an
 * empty reason, and the other requests' alerts still go. */
START_TEST(desk_fault_logs_its_reason)
{
	int i;

	sms(MIGRANT, "urishdi", 1000);
	sms("+77010000002", "urishdi", 1000);
	ck_assert_int_eq(sqlite3_exec(store_db(st), "CREATE TEMP TRIGGER"
		" refuse BEFORE INSERT ON alerts WHEN NEW.request_id = 1 BEGIN"
		" SELECT RAISE(ABORT, 'alerts refused for the test'); END",
		NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(gateway_alerts(&gw, 1000), STAGE_DONE);
	ck_assert_ptr_nonnull(strstr(log_text(), "error: on-call alerts: #1:"
		" record alert: alerts refused for the test"));
	/* Request 1's alert undone whole: no alert SMS without its row. */
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE node ="
		" 'staff-alert'"), 1);
	ck_assert_int_eq(scalar("SELECT count(*) FROM alerts WHERE"
		" request_id = 2"), 1);
	/* Tried again, then set aside with its reason for the desk. */
	for (i = 0; i < 3; i++)
		gateway_alerts(&gw, 1001 + i);
	ck_assert_str_eq(text_of("SELECT alert_error FROM help_requests WHERE"
		" id = 1"), "record alert: alerts refused for the test");
	ck_assert_ptr_nonnull(strstr(log_text(), "#1 set aside after 3 tries"));
	ck_assert_int_eq(gateway_alerts(&gw, 1010), STAGE_IDLE);

	ck_assert_int_eq(sqlite3_exec(store_db(st), "CREATE TEMP TRIGGER"
		" no_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT,"
		" 'audit refused for the test'); END", NULL, NULL, NULL),
		SQLITE_OK);
	ck_assert_int_eq(desk_act(st, DESK_CLAIM, 1, "Aigerim", NULL, 1011),
		-1);
	ck_assert_str_eq(store_error(st),
		"audit: audit refused for the test");
	ck_assert_int_eq(scalar("SELECT count(*) FROM help_requests WHERE"
		" claimed_by IS NOT NULL"), 0);
	/* By SMS the staff member is told the reason. */
	sms(AIGERIM, "482913 TAKE 1", 1012);
	ck_assert_str_eq(last_to(AIGERIM),
		"#1: audit: audit refused for the test");
}
END_TEST

/* --- sending ------------------------------------------------------- */

START_TEST(send_retries_then_gives_up_with_reason)
{
	sms(MIGRANT, "salom", 100);
	fake.fail_send = 3;
	ck_assert_int_eq(gateway_send_one(&gw, 100), STAGE_TRANSPORT_FAILED);
	ck_assert_int_eq(gateway_send_one(&gw, 105), STAGE_IDLE);  /* backoff */
	ck_assert_int_eq(gateway_send_one(&gw, 110), STAGE_TRANSPORT_FAILED);
	ck_assert_int_eq(gateway_send_one(&gw, 200), STAGE_TRANSPORT_FAILED);
	ck_assert_str_eq(text_of("SELECT status FROM messages WHERE dir ="
		" 'out'"), "failed");
	ck_assert_str_eq(text_of("SELECT error FROM messages WHERE dir ="
		" 'out'"), "part 1/1: refused by the network");
	ck_assert_ptr_nonnull(strstr(log_text(), "giving up"));
	ck_assert_int_eq(fake.n_sent, 0);
	/* never silence: staff see a request for the person */
	ck_assert_str_eq(text_of("SELECT topic FROM help_requests WHERE"
		" number = '" MIGRANT "'"), "undelivered");
	/* The next one goes. */
	sms(MIGRANT, "1", 300);
	ck_assert_int_eq(gateway_send_one(&gw, 300), STAGE_DONE);
	while (gateway_send_one(&gw, 301) == STAGE_DONE)
		;
	ck_assert_int_eq(fake.n_sent, scalar("SELECT count(*) FROM messages"
		" WHERE dir = 'out' AND status = 'sent'"));
	ck_assert_str_eq(fake.sent_to[0], MIGRANT);
	ck_assert_int_eq(gateway_send_one(&gw, 302), STAGE_IDLE);
}
END_TEST

/* --- timed stages -------------------------------------------------- */

START_TEST(multipart_expires_into_a_message)
{
	struct sms_part_in a = { MIGRANT, "", 1700000000, 5, 2, 1, "birinchi ",
		NULL };
	int n;

	fake_transport_add(&fake, a);
	ck_assert_int_eq(gateway_receive(&gw, 100, &n), STAGE_DONE);
	ck_assert_int_eq(gateway_assemble_expired(&gw, 600), STAGE_IDLE);
	ck_assert_int_eq(gateway_assemble_expired(&gw, 800), STAGE_DONE);
	ck_assert_str_eq(text_of("SELECT text FROM messages"),
		"birinchi [\xE2\x80\xA6]");
}
END_TEST

START_TEST(reminders_only_in_allowed_hours_and_not_after_stop)
{
	const int64_t day = 20000LL * 86400;    /* midnight UTC */
	int64_t msg;

	sms(MIGRANT, "salom", day);
	sms("+77010000002", "salom", day);
	msg = scalar("SELECT max(id) FROM messages WHERE dir = 'in'");
	ck_assert_int_eq(store_begin(st), 0);
	ck_assert_int_eq(store_add_reminder(st, MIGRANT, day + 3600,
		"Eslatma: 3 kun qoldi", msg, day), 0);
	ck_assert_int_eq(store_add_reminder(st, "+77010000002", day + 3600,
		"Eslatma", msg, day), 0);
	ck_assert_int_eq(store_commit(st), 0);
	sqlite3_exec(store_db(st), "UPDATE contacts SET opted_out = 1 WHERE"
		" number = '+77010000002'", NULL, NULL, NULL);
	cfg.reminder_from_hour = 9;
	cfg.reminder_to_hour = 20;
	ck_assert_int_eq(gateway_reminders(&gw, day + 7200), STAGE_IDLE);
	ck_assert_int_eq(gateway_reminders(&gw, day + 10 * 3600), STAGE_DONE);
	ck_assert_str_eq(last_to(MIGRANT), "Eslatma: 3 kun qoldi");
	ck_assert_int_eq(gateway_reminders(&gw, day + 11 * 3600), STAGE_IDLE);
	ck_assert_int_eq(scalar("SELECT count(*) FROM reminders WHERE status"
		" = 'scheduled'"), 1);
}
END_TEST

START_TEST(purge_runs_hourly_and_keeps_counts)
{
	sms(MIGRANT, "salom", 1000);
	while (gateway_send_one(&gw, 1000) == STAGE_DONE)
		;
	cfg.retention_days = 1;
	gw.next_purge = 0;
	ck_assert_int_eq(gateway_purge(&gw, 1000 + 3 * 86400 - 3000),
		STAGE_DONE);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages"), 0);
	ck_assert_int_eq(scalar("SELECT sum(n) FROM tallies"), 2);
	/* Once an hour at most. */
	sms(MIGRANT, "salom", 2000);
	while (gateway_send_one(&gw, 2000) == STAGE_DONE)
		;
	ck_assert_int_eq(gateway_purge(&gw, 1000 + 3 * 86400), STAGE_IDLE);
	ck_assert_int_eq(gateway_purge(&gw, 1000 + 3 * 86400 + 3600),
		STAGE_DONE);
	cfg.retention_days = 0;
	ck_assert_int_eq(gateway_purge(&gw, 1000 + 9 * 86400), STAGE_IDLE);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("gateway");
	TCase *t = tcase_create("gateway");

	tcase_set_timeout(t, 30);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, desk_refuses_with_reasons);
	tcase_add_test(t, desk_actions_are_audited);
	tcase_add_test(t, staff_sms_wrong_pin_gets_nothing);
	tcase_add_test(t, staff_sms_commands);
	tcase_add_test(t, alerts_escalate_until_acknowledged);
	tcase_add_test(t, nobody_on_call_leaves_it_to_the_desk);
	tcase_add_test(t, desk_fault_logs_its_reason);
	tcase_add_test(t, send_retries_then_gives_up_with_reason);
	tcase_add_test(t, multipart_expires_into_a_message);
	tcase_add_test(t, reminders_only_in_allowed_hours_and_not_after_stop);
	tcase_add_test(t, purge_runs_hourly_and_keeps_counts);
	suite_add_tcase(s, t);
	return run_suite(s);
}
