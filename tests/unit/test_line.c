/*
 * test_line.c - the modem's line, on the test transport (issue 20): a
 * missed call answered by SMS once per missed_call_minutes (and never to
 * a service number or a flood), "call me back" for staff when asked; the
 * line's health recorded; alarms for no network, a weak signal, full
 * storage, a blocked SIM and a low balance, to the log and the first
 * staff member on call, said again only after six hours.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "gateway_fixture.h"

static void
line_setup(void)
{
	setup();
	cfg.missed_calls = 1;
	cfg.missed_call_minutes = 10;
	cfg.alarm_no_network_minutes = 10;
	cfg.alarm_signal_below = 10;
	cfg.alarm_storage_percent = 90;
	cfg.modem_balance_hours = 12;
}

static long long
alarms_to(const char *phone)
{
	char q[256];

	snprintf(q, sizeof q, "SELECT count(*) FROM messages WHERE number ="
		" '%s' AND node = 'staff-alert' AND text LIKE 'Yordam %%'",
		phone);
	return scalar(q);
}

START_TEST(missed_call_gets_the_menu_once)
{
	fake_transport_ring(&fake, MIGRANT);
	ck_assert_int_eq(gateway_line(&gw, 1000), STAGE_DONE);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE number ="
		" '" MIGRANT "' AND node = 'missed_call'"), 1);
	/* a new number: the language choice, and the next digit picks it */
	ck_assert_ptr_nonnull(strstr(last_to(MIGRANT), "1"));
	sms(MIGRANT, "1", 1010);
	ck_assert_str_ne(last_to(MIGRANT), "");
	ck_assert_int_eq(scalar("SELECT lang IS NOT NULL FROM contacts WHERE"
		" number = '" MIGRANT "'"), 1);
	/* rings again within missed_call_minutes: nothing more */
	fake_transport_ring(&fake, MIGRANT);
	gateway_line(&gw, 1300);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE node ="
		" 'missed_call'"), 1);
	/* later: the menu again, in the language they chose */
	fake_transport_ring(&fake, MIGRANT);
	gateway_line(&gw, 1000 + 11 * 60);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE node ="
		" 'missed_call'"), 2);
}
END_TEST

START_TEST(missed_calls_from_machines_and_floods)
{
	int i;
	char n[32];

	fake_transport_ring(&fake, "Beeline");
	fake_transport_ring(&fake, "0707");
	gateway_line(&gw, 1000);
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE node ="
		" 'missed_call'"), 0);
	/* one phone redialling twenty times in a minute: one SMS */
	for (i = 0; i < 20; i++) {
		fake_transport_ring(&fake, MIGRANT);
		gateway_line(&gw, 2000 + i * 3);
	}
	ck_assert_int_eq(scalar("SELECT count(*) FROM messages WHERE node ="
		" 'missed_call'"), 1);
	/* many people at once: each answered */
	for (i = 0; i < TRANSPORT_MAX_CALLS; i++) {
		snprintf(n, sizeof n, "+7701555%04d", i);
		fake_transport_ring(&fake, n);
	}
	gateway_line(&gw, 3000);
	ck_assert_int_eq(scalar("SELECT count(DISTINCT number) FROM messages"
		" WHERE node = 'missed_call'"), 1 + TRANSPORT_MAX_CALLS);
}
END_TEST

START_TEST(missed_call_request_for_staff)
{
	cfg.missed_call_request = 1;
	fake_transport_ring(&fake, MIGRANT);
	gateway_line(&gw, 1000);
	ck_assert_str_eq(text_of("SELECT topic FROM help_requests WHERE number"
		" = '" MIGRANT "'"), "missed call");
}
END_TEST

START_TEST(health_is_recorded)
{
	struct store_modem m;

	cfg.modem_name = "beeline";
	gw.last_read_at = 990;
	gateway_line(&gw, 1000);
	ck_assert_str_eq(text_of("SELECT name || ' ' || sim || ' ' || operator"
		" || ' ' || signal || ' ' || storage_total FROM modem_health"),
		"beeline ready Beeline KZ 70 30");
	ck_assert_int_eq(scalar("SELECT last_read_at FROM modem_health"), 990);
	(void)m;
	/* recorded once a minute, not at every turn */
	fake.health.signal = 50;
	gateway_line(&gw, 1030);
	ck_assert_int_eq(scalar("SELECT signal FROM modem_health"), 70);
	gateway_line(&gw, 1060);
	ck_assert_int_eq(scalar("SELECT signal FROM modem_health"), 50);
	cfg.modem_name = NULL;
}
END_TEST

START_TEST(alarms_reach_staff_and_are_not_repeated)
{
	/* a weak signal: at once, to the first on call */
	fake.health.signal = 5;
	gateway_line(&gw, 1000);
	ck_assert_int_eq(alarms_to(AIGERIM), 1);
	ck_assert_ptr_nonnull(strstr(last_to(AIGERIM), "signal 5%"));
	ck_assert_ptr_nonnull(strstr(log_text(), "alarm: Yordam modem: signal"));
	/* still weak an hour later: not said again; after six hours: again */
	gateway_line(&gw, 1000 + 3600);
	ck_assert_int_eq(alarms_to(AIGERIM), 1);
	gateway_line(&gw, 1000 + 6 * 3600 + 60);
	ck_assert_int_eq(alarms_to(AIGERIM), 2);
	/* better: logged as over */
	fake.health.signal = 60;
	gateway_line(&gw, 1000 + 7 * 3600);
	ck_assert_ptr_nonnull(strstr(log_text(), "alarm over"));
	/* storage nearly full */
	fake.health.storage_used = 28;
	gateway_line(&gw, 1000 + 8 * 3600);
	ck_assert_ptr_nonnull(strstr(last_to(AIGERIM), "SMS storage 28 of 30"));
}
END_TEST

START_TEST(no_network_only_after_its_minutes)
{
	fake.health.registered = 0;
	gateway_line(&gw, 1000);
	gateway_line(&gw, 1000 + 5 * 60);
	ck_assert_int_eq(alarms_to(AIGERIM), 0);
	gateway_line(&gw, 1000 + 11 * 60);
	ck_assert_int_eq(alarms_to(AIGERIM), 1);
	ck_assert_ptr_nonnull(strstr(last_to(AIGERIM), "no network"));
	ck_assert_int_gt(scalar("SELECT unregistered_since FROM"
		" modem_health"), 0);
	/* a SIM that refused its PIN is out of service, said why */
	fake.health.registered = 1;
	snprintf(fake.health.blocked, sizeof fake.health.blocked, "the SIM"
		" refused the PIN in yordam.conf");
	gateway_line(&gw, 1000 + 7 * 3600);
	gateway_line(&gw, 1000 + 7 * 3600 + 11 * 60);
	ck_assert_ptr_nonnull(strstr(last_to(AIGERIM), "refused the PIN"));
	ck_assert_str_eq(text_of("SELECT blocked FROM modem_health"),
		"the SIM refused the PIN in yordam.conf");
}
END_TEST

START_TEST(low_balance_alarm)
{
	cfg.modem_balance_ussd = "*102#";
	cfg.modem_balance_below = 500;
	snprintf(fake.ussd_reply, sizeof fake.ussd_reply,
		"Balans: 120,50 tg. Bonus 3 GB");
	gateway_line(&gw, 1000);
	ck_assert_str_eq(fake.ussd_code, "*102#");
	ck_assert_int_eq(scalar("SELECT CAST(balance * 100 AS INTEGER) FROM"
		" modem_health"), 12050);
	ck_assert_ptr_nonnull(strstr(last_to(AIGERIM), "balance 120.50 is"
		" below 500"));
	/* checked again only after balance_check_hours */
	fake.ussd_code[0] = '\0';
	gateway_line(&gw, 1000 + 3600);
	ck_assert_str_eq(fake.ussd_code, "");
	/* an operator's pattern; an answer without a number: no alarm */
	cfg.modem_balance_pattern = "Ostatok ([0-9]+)";
	snprintf(fake.ussd_reply, sizeof fake.ussd_reply, "Zaprosite pozzhe");
	gateway_line(&gw, 1000 + 13 * 3600);
	ck_assert_int_eq(scalar("SELECT balance IS NULL FROM modem_health"), 1);
	ck_assert_ptr_nonnull(strstr(log_text(), "no amount"));
	snprintf(fake.ussd_reply, sizeof fake.ussd_reply, "Ostatok 2000 tg");
	gateway_line(&gw, 1000 + 26 * 3600);
	ck_assert_int_eq(scalar("SELECT balance FROM modem_health"), 2000);
	cfg.modem_balance_ussd = cfg.modem_balance_pattern = NULL;
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("line");
	TCase *t = tcase_create("line");

	tcase_set_timeout(t, 30);
	tcase_add_checked_fixture(t, line_setup, teardown);
	tcase_add_test(t, missed_call_gets_the_menu_once);
	tcase_add_test(t, missed_calls_from_machines_and_floods);
	tcase_add_test(t, missed_call_request_for_staff);
	tcase_add_test(t, health_is_recorded);
	tcase_add_test(t, alarms_reach_staff_and_are_not_repeated);
	tcase_add_test(t, no_network_only_after_its_minutes);
	tcase_add_test(t, low_balance_alarm);
	suite_add_tcase(s, t);
	return run_suite(s);
}
