/*
 * test_reliability.c - never wedged, never silent: each way the review
 * stopped the helpline or left a person in silence, replayed through the
 * gateway's stages on a real SQLite file and the test transport.
 *
 *   - one long Cyrillic urgent SMS stopped every on-call alert, then a
 *     staff NEXT stopped all answering;
 *   - one message, reply, alert or staff command failing for ever held
 *     up everything behind it;
 *   - limits meant for machines silenced people, urgent ones included;
 *   - a flood of urgent words from one number buried other people;
 *   - a person writing again opened a second request;
 *   - replies left in strict id order: an urgent reply waited behind a
 *     whole surge.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gateway_fixture.h"
#include "yordam/clock.h"

/* One turn of the daemon's loop, without main.c: read, triage, answer,
 * alert, send (the transport as fast as the test likes). */
static void
turn(int64_t now)
{
	int n, i;

	gateway_receive(&gw, now, &n);
	gateway_assemble_expired(&gw, now);
	gateway_triage(&gw);
	for (i = 0; i < 1000; i++)
		if (gateway_answer_one(&gw, now) != STAGE_DONE)
			break;
	gateway_purge(&gw, now);
	gateway_alerts(&gw, now);
	gateway_reminders(&gw, now);
	for (i = 0; i < 1000; i++)
		if (gateway_send_one(&gw, now) == STAGE_IDLE)
			break;
}

static long long
count_where(const char *fmt, const char *arg)
{
	char sql[512];

	snprintf(sql, sizeof sql, fmt, arg);
	return scalar(sql);
}

/* Repro 1: a 176-character Russian urgent SMS.  The alert cut it at 200
 * bytes, in the middle of a letter; the alert could not be measured,
 * failed without a reason, and rolled back every alert of the batch. */
START_TEST(long_cyrillic_urgent_alerts_and_nothing_stops)
{
	static const char *long_ru = "Помогите, забрали паспорт, работодатель"
		" не платит уже три месяца, живём в вагончике на стройке,"
		" выходить не дают, телефон отбирают на ночь, нас здесь"
		" двенадцать человек";
	int i;

	ck_assert_int_ge(strlen(long_ru), 200);
	arrives("+77010000011", long_ru);
	turn(1000);
	arrives("+77010000012", "urishdi");
	turn(1001);
	arrives(AIGERIM, "482913 NEXT");
	turn(1002);
	for (i = 0; i < 3; i++) {
		char number[32];
		snprintf(number, sizeof number, "+7701000002%d", i);
		arrives(number, "salom");
	}
	turn(1003);
	turn(1004);
	ck_assert_int_eq(scalar("SELECT count(*) FROM alerts"), 2);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE dir ="
		" 'in' AND status != 'processed' AND status != 'staff'"), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE dir ="
		" 'out' AND status != 'sent'"), 0);
	ck_assert_int_eq(scalar("SELECT count(DISTINCT number) FROM messages"
		" WHERE dir = 'out' AND number LIKE '+7701000002%'"), 3);
	/* The alert quotes the text cut by characters, on one line. */
	ck_assert_ptr_nonnull(strstr(text_of("SELECT text FROM messages WHERE"
		" node = 'staff-alert' ORDER BY id LIMIT 1"), "Помогите"));
	ck_assert_ptr_null(strstr(log_text(), "alerts: \n"));
}
END_TEST

/*
 * One inbound message, one reply, one alert and one staff command that
 * fail for ever: each is set aside with its reason after its tries, and
 * every other message is still answered.
 */
START_TEST(poison_is_set_aside_and_the_queue_goes_on)
{
	int i;

	ck_assert_int_eq(sqlite3_exec(store_db(st),
		"CREATE TEMP TRIGGER poison_in BEFORE UPDATE OF status ON"
		" messages WHEN NEW.text IN ('zaharli', 'PIN:ok NOTE 1 zaharli')"
		" AND NEW.status IN ('processed', 'staff') BEGIN SELECT"
		" RAISE(ABORT, 'poison for the test'); END;"
		"CREATE TEMP TRIGGER poison_alert BEFORE INSERT ON alerts WHEN"
		" (SELECT number FROM help_requests WHERE id = NEW.request_id)"
		" = '+77010000031' BEGIN SELECT RAISE(ABORT, 'alert poison for"
		" the test'); END;", NULL, NULL, NULL), SQLITE_OK);
	snprintf(fake.fail_number, sizeof fake.fail_number, "+77010000032");
	arrives("+77010000030", "zaharli");             /* inbound */
	arrives("+77010000031", "urishdi");             /* its alert */
	arrives("+77010000032", "salom");               /* its reply */
	arrives(AIGERIM, "482913 NOTE 1 zaharli");      /* staff command */
	for (i = 0; i < 20; i++) {
		char number[32];
		snprintf(number, sizeof number, "+770100001%02d", i);
		arrives(number, i % 5 ? "salom" : "urishdi");
	}
	for (i = 0; i < 8; i++)
		turn(2000 + i * 400);
	/* Set aside, with the reason, for staff to see. */
	ck_assert_str_eq(text_of("SELECT status || ': ' || error FROM"
		" messages WHERE text = 'zaharli'"),
		"failed: mark processed: poison for the test");
	/* The staff command is stored without its PIN. */
	ck_assert_str_eq(text_of("SELECT status FROM messages WHERE text ="
		" 'PIN:ok NOTE 1 zaharli'"), "failed");
	ck_assert_int_eq(count_where("SELECT count(*) FROM help_requests"
		" WHERE number = '%s' AND topic = 'set aside'",
		"+77010000030"), 1);
	ck_assert_ptr_nonnull(strstr(text_of("SELECT alert_error FROM"
		" help_requests WHERE number = '+77010000031'"),
		"alert poison for the test"));
	ck_assert_str_eq(text_of("SELECT status || ': ' || error FROM messages"
		" WHERE number = '+77010000032' AND dir = 'out'"),
		"failed: part 1/1: refused by the network");
	ck_assert_ptr_nonnull(strstr(log_text(), "set aside after 3 tries"));
	/* Everyone else: answered, replies sent, alerts out. */
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE dir ="
		" 'in' AND number LIKE '+770100001%' AND status = 'processed'"),
		20);
	ck_assert_int_eq(scalar("SELECT count(DISTINCT number) FROM messages"
		" WHERE dir = 'out' AND status = 'sent' AND number LIKE"
		" '+770100001%'"), 20);
	ck_assert_int_eq(scalar("SELECT count(DISTINCT request_id) FROM"
		" alerts a JOIN help_requests h ON h.id = a.request_id WHERE"
		" h.number LIKE '+770100001%'"), 4);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE dir ="
		" 'in' AND status = 'new'"), 0);
}
END_TEST

/* Nothing counts a database's own trouble against a message: a locked
 * database holds everything back, and sets nothing aside. */
START_TEST(locked_database_sets_nothing_aside)
{
	sqlite3 *other;
	int i;

	arrives("+77010000040", "salom");
	turn(3000);
	arrives("+77010000041", "salom");
	gateway_receive(&gw, 3001, &i);
	gateway_triage(&gw);
	ck_assert_int_eq(sqlite3_open(db, &other), SQLITE_OK);
	sqlite3_busy_timeout(store_db(st), 20);
	ck_assert_int_eq(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL,
		NULL), SQLITE_OK);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(gateway_answer_one(&gw, 3002 + i),
			STAGE_STORE_FAILED);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	ck_assert_int_eq(gateway_answer_one(&gw, 3010), STAGE_DONE);
	ck_assert_int_eq(scalar("SELECT attempts FROM messages WHERE number"
		" = '+77010000041' AND dir = 'in'"), 0);
}
END_TEST

/*
 * Limits count replies really sent.  A person over the budget hears once
 * that a person will read on, and their messages join the staff queue;
 * an urgent message is never held; a machine repeating itself is held
 * without a word; held replies expire after their hour.
 */
START_TEST(limits_hold_machines_not_people)
{
	int i;
	long long held;
	int64_t t = 10000;

	cfg.replies_per_hour = 5;
	cfg.loop_messages = 4;
	cfg.loop_seconds = 60;
	for (i = 0; i < 8; i++) {
		arrives(MIGRANT, i % 2 ? "1" : "0");
		turn(t += 30);
	}
	ck_assert_int_eq(count_where("SELECT count(*) FROM messages WHERE"
		" number = '%s' AND dir = 'out' AND node = 'limit'", MIGRANT), 1);
	ck_assert_str_eq(text_of("SELECT text FROM messages WHERE node ="
		" 'limit'"), "UZ-LIMIT 112");
	ck_assert_int_ge(count_where("SELECT count(*) FROM messages WHERE"
		" number = '%s' AND dir = 'out' AND status = 'held'", MIGRANT),
		2);
	/* Nothing after the notice went out but the notice itself. */
	ck_assert_int_eq(count_where("SELECT count(*) FROM messages WHERE"
		" number = '%s' AND dir = 'out' AND status = 'sent' AND id >"
		" (SELECT id FROM messages WHERE node = 'limit')", MIGRANT), 0);
	ck_assert_int_eq(count_where("SELECT count(*) FROM help_requests"
		" WHERE number = '%s' AND topic = 'limit'", MIGRANT), 1);
	/* the last two, held, joined the request without a reply between
	 * (the language's confirmation and menu are one reply, so the
	 * budget of five lasted until the seventh message) */
	ck_assert_ptr_nonnull(strstr(text_of("SELECT conversation FROM"
		" help_requests"), "< UZ-REG 1 O'zbekiston 2 Qirg'iziston\n> 0\n> 1"));
	/* Urgent and help are never held, even now. */
	arrives(MIGRANT, "pasportimni olib qoyishdi");
	turn(t += 30);
	ck_assert_int_eq(count_where("SELECT count(*) FROM messages WHERE"
		" number = '%s' AND text LIKE 'UZ-URGENT%%' AND status ="
		" 'sent'",
		MIGRANT), 1);
	ck_assert_int_eq(scalar("SELECT urgent FROM help_requests"), 1);
	ck_assert_int_eq(scalar("SELECT count(*) FROM help_requests"), 1);

	/* A machine: the same text, faster than a person types. */
	for (i = 0; i < 6; i++) {
		arrives("+77010000050", "AVTOJAVOB: abonent band");
		turn(t += 5);
	}
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE number ="
		" '+77010000050' AND dir = 'out' AND status = 'held'"), 3);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE number ="
		" '+77010000050' AND node = 'limit'"), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM help_requests WHERE"
		" number = '+77010000050'"), 0);
	/* A person typing menu digits fast is not a machine: answered
	 * until the budget, then told, like any person. */
	for (i = 0; i < 6; i++) {
		arrives("+77010000051", i % 2 ? "1" : "0");
		turn(t += 2);
	}
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE number ="
		" '+77010000051' AND node = 'limit'"), 1);
	ck_assert_int_eq(scalar("SELECT count(*) FROM help_requests WHERE"
		" number = '+77010000051'"), 1);
	/* Held replies are never sent later: after their hour, expired. */
	held = scalar("SELECT count(*) FROM messages WHERE status = 'held'");
	turn(t += 3700);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE status ="
		" 'held'"), 0);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE status ="
		" 'expired' AND error LIKE 'held back by a reply limit%'"), held);
}
END_TEST

/* "yordam" then "помогите": one request, and its conversation grows;
 * urgency raises it and never lowers it. */
START_TEST(one_open_request_per_person)
{
	arrives(MIGRANT, "yordam");
	turn(4000);
	arrives(MIGRANT, "помогите");
	turn(4010);
	ck_assert_int_eq(scalar("SELECT count(*) FROM help_requests"), 1);
	arrives(MIGRANT, "urishdi");
	turn(4020);
	ck_assert_int_eq(scalar("SELECT count(*) FROM help_requests"), 1);
	ck_assert_str_eq(text_of("SELECT urgent || category FROM"
		" help_requests"), "1violence");
	arrives(MIGRANT, "odam");
	turn(4030);
	ck_assert_str_eq(text_of("SELECT urgent || category FROM"
		" help_requests"), "1violence");
	ck_assert_ptr_nonnull(strstr(text_of("SELECT conversation FROM"
		" help_requests"), "> помогите\n> urishdi\n> odam"));
	ck_assert_int_eq(scalar("SELECT count(*) FROM alerts"), 1);
	/* Closed, a new help word opens a new one. */
	ck_assert_int_eq(desk_act(st, DESK_CLOSE, 1, "Aigerim", NULL, 4040), 0);
	arrives(MIGRANT, "yordam");
	turn(4050);
	ck_assert_int_eq(scalar("SELECT count(*) FROM help_requests"), 2);
}
END_TEST

/* 100 urgent SMS from one number: one request, one alert; the real
 * victim who writes after them is second in the queue, not 101st. */
START_TEST(urgent_flood_cannot_bury_a_victim)
{
	int i;
	int64_t next;

	for (i = 0; i < 100; i++)
		arrives("+77010000060", "urishdi");
	arrives("+77010000061", "pasportimni olib qoyishdi");
	turn(5000);
	turn(5001);
	ck_assert_int_eq(scalar("SELECT count(*) FROM help_requests"), 2);
	ck_assert_int_eq(scalar("SELECT count(*) FROM alerts"), 2);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE node ="
		" 'staff-alert'"), 2);
	ck_assert_int_eq(desk_act(st, DESK_CLAIM, 1, "Aigerim", NULL, 5002), 0);
	ck_assert_int_eq(desk_next(st, &next), 1);
	ck_assert_str_eq(text_of("SELECT number FROM help_requests WHERE"
		" status = 'open'"), "+77010000061");
}
END_TEST

/* Staff alerts and urgent replies leave first, then one reply per person
 * per round, reminders last. */
START_TEST(outbox_urgent_first_then_each_person_in_turn)
{
	int i;

	ck_assert_int_eq(store_begin(st), 0);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(store_queue_reply(st, "+77010000070", "menu",
			0, "home", 0, OUT_CONVERSATION, 6000), 0);
	ck_assert_int_eq(store_queue_reply(st, "+77010000071", "menu", 0,
		"home", 0, OUT_CONVERSATION, 6000), 0);
	ck_assert_int_eq(store_queue_reply(st, "+77010000072", "remind", 0,
		"reminder", 0, OUT_REMINDER, 6000), 0);
	ck_assert_int_eq(store_queue_reply(st, "+77010000073", "urgent", 0,
		"urgent", 0, OUT_URGENT, 6000), 0);
	ck_assert_int_eq(store_queue_reply(st, AIGERIM, "#1 URGENT", 0,
		"staff-alert", 0, OUT_ALERT, 6000), 0);
	ck_assert_int_eq(store_commit(st), 0);
	while (gateway_send_one(&gw, 6000) == STAGE_DONE)
		;
	ck_assert_int_eq(fake.n_sent, 8);
	ck_assert_str_eq(fake.sent_to[0], AIGERIM);
	ck_assert_str_eq(fake.sent_to[1], "+77010000073");
	ck_assert_str_eq(fake.sent_to[2], "+77010000070");
	ck_assert_str_eq(fake.sent_to[3], "+77010000071");
	ck_assert_str_eq(fake.sent_to[4], "+77010000070");
	ck_assert_str_eq(fake.sent_to[7], "+77010000072");
}
END_TEST

/* A surge waits on the modem; an urgent message read with it is answered
 * first, whatever its place. */
START_TEST(urgent_inbound_answered_before_the_backlog)
{
	int i, n;

	for (i = 0; i < 60; i++) {
		char number[32];
		snprintf(number, sizeof number, "+770100008%02d", i);
		arrives(number, "salom");
	}
	arrives("+77010000900", "urishdi");
	gateway_receive(&gw, 7000, &n);
	ck_assert_int_eq(n, 61);
	/* Looked at as it was read: urgent already, nothing left to triage. */
	ck_assert_int_eq(scalar("SELECT priority FROM messages WHERE number ="
		" '+77010000900'"), IN_URGENT);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE dir ="
		" 'in' AND priority = 1"), 60);
	ck_assert_int_eq(gateway_triage(&gw), STAGE_IDLE);
	ck_assert_int_eq(gateway_answer_one(&gw, 7001), STAGE_DONE);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE dir ="
		" 'in' AND status = 'processed'"), 1);
	ck_assert_str_eq(text_of("SELECT number FROM messages WHERE dir ="
		" 'in' AND status = 'processed'"), "+77010000900");
}
END_TEST

/* The retention purge goes in short batches: a call returns after its
 * slice with more left, answers go on between, and the backlog drains. */
START_TEST(purge_in_batches_never_holds_the_loop)
{
	int calls = 0, rc;
	double worst = 0;

	ck_assert_int_eq(sqlite3_exec(store_db(st), "WITH RECURSIVE n(i) AS"
		" (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)"
		" INSERT INTO messages (dir, number, text, status, created_at)"
		" SELECT CASE i % 2 WHEN 0 THEN 'in' ELSE 'out' END,"
		" '+7701' || (i % 500), 'old text ' || i, CASE i % 2 WHEN 0"
		" THEN 'processed' ELSE 'sent' END, 1000 + i FROM n",
		NULL, NULL, NULL), SQLITE_OK);
	cfg.retention_days = 1;
	do {
		double t0 = clock_monotonic(), dt;
		rc = gateway_purge(&gw, 200000);
		dt = clock_monotonic() - t0;
		if (dt > worst)
			worst = dt;
		calls++;
		/* A person is answered between two slices. */
		if (calls == 2) {
			arrives(MIGRANT, "salom");
			turn(200000);
		}
	} while (rc == STAGE_DONE && calls < 1000);
	/* Printed, not asserted: time is for make bench, and this runs
	 * under valgrind and sanitizers too. */
	fprintf(stdout, "# purge of 100,000 messages: %d calls, longest %.0f"
		" ms\n", calls, worst * 1000);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE"
		" created_at < 100000"), 0);
	ck_assert_int_eq(scalar("SELECT sum(n) FROM tallies"), 100000);
	/* Drained over several calls, not in one: each call is a slice. */
	ck_assert_int_ge(calls, 2);
	ck_assert_int_eq(count_where("SELECT count(*) FROM messages WHERE"
		" number = '%s' AND dir = 'out' AND status = 'sent'", MIGRANT),
		1);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("reliability");
	TCase *t = tcase_create("reliability");

	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, long_cyrillic_urgent_alerts_and_nothing_stops);
	tcase_add_test(t, poison_is_set_aside_and_the_queue_goes_on);
	tcase_add_test(t, locked_database_sets_nothing_aside);
	tcase_add_test(t, limits_hold_machines_not_people);
	tcase_add_test(t, one_open_request_per_person);
	tcase_add_test(t, urgent_flood_cannot_bury_a_victim);
	tcase_add_test(t, outbox_urgent_first_then_each_person_in_turn);
	tcase_add_test(t, urgent_inbound_answered_before_the_backlog);
	tcase_add_test(t, purge_in_batches_never_holds_the_loop);
	suite_add_tcase(s, t);
	return run_suite(s);
}
