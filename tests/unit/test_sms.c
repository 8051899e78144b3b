/* test_sms.c - alphabet choice and part counts, against hand-counted cases. */
#include <string.h>

#include "tap.h"
#include "yordam/sms.h"

static char *
repeat(const char *unit, int n)
{
	static char buf[8192];
	int i;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		strcat(buf, unit);
	return buf;
}

START_TEST(ascii_is_gsm7)
{
	struct sms_measure m;
	ck_assert_int_eq(sms_measure("Pasport: 5 kun ichida ro'yxatdan o'ting", &m), 0);
	ck_assert_int_eq(m.coding, SMS_GSM7);
	ck_assert_int_eq(m.parts, 1);
	ck_assert_int_eq(m.forced_by, 0);
}
END_TEST

START_TEST(cyrillic_forces_ucs2)
{
	struct sms_measure m;
	ck_assert_int_eq(sms_measure("Pasport Ж", &m), 0);
	ck_assert_int_eq(m.coding, SMS_UCS2);
	ck_assert_uint_eq(m.forced_by, 0x0416);
	ck_assert_int_eq(m.units, 9);
}
END_TEST

START_TEST(gsm7_boundaries)
{
	struct sms_measure m;
	sms_measure(repeat("a", 160), &m);
	ck_assert_int_eq(m.parts, 1);
	sms_measure(repeat("a", 161), &m);
	ck_assert_int_eq(m.parts, 2);
	sms_measure(repeat("a", 306), &m);
	ck_assert_int_eq(m.parts, 2);
	sms_measure(repeat("a", 307), &m);
	ck_assert_int_eq(m.parts, 3);
}
END_TEST

START_TEST(ucs2_boundaries)
{
	struct sms_measure m;
	sms_measure(repeat("ж", 70), &m);
	ck_assert_int_eq(m.parts, 1);
	sms_measure(repeat("ж", 71), &m);
	ck_assert_int_eq(m.parts, 2);
	sms_measure(repeat("ж", 134), &m);
	ck_assert_int_eq(m.parts, 2);
	sms_measure(repeat("ж", 135), &m);
	ck_assert_int_eq(m.parts, 3);
	/* The gammu-dummy notes: 300 UCS-2 chars are 67,67,67,67,32. */
	sms_measure(repeat("ж", 300), &m);
	ck_assert_int_eq(m.parts, 5);
}
END_TEST

START_TEST(escape_chars_count_double)
{
	struct sms_measure m;
	sms_measure("{}", &m);
	ck_assert_int_eq(m.coding, SMS_GSM7);
	ck_assert_int_eq(m.units, 4);
	/* 159 'a' + '€' = 161 septets: two parts. */
	char buf[400];
	strcpy(buf, repeat("a", 159));
	strcat(buf, "€");
	sms_measure(buf, &m);
	ck_assert_int_eq(m.units, 161);
	ck_assert_int_eq(m.parts, 2);
}
END_TEST

START_TEST(split_never_cuts_escape_pair)
{
	size_t off[8];
	char buf[400];
	int n;
	/* 152 'a' then '[': the pair does not fit in part 1 (153). */
	strcpy(buf, repeat("a", 152));
	strcat(buf, "[");
	strcat(buf, repeat("b", 20));
	n = sms_split(buf, SMS_GSM7, off, 8);
	ck_assert_int_eq(n, 2);
	ck_assert_uint_eq(off[1], 152);
}
END_TEST

START_TEST(split_offsets_cyrillic)
{
	size_t off[8];
	int n = sms_split(repeat("д", 100), SMS_UCS2, off, 8);
	ck_assert_int_eq(n, 2);
	ck_assert_uint_eq(off[0], 0);
	ck_assert_uint_eq(off[1], 67 * 2);      /* two bytes per letter */
	ck_assert_uint_eq(off[2], 200);
}
END_TEST

START_TEST(invalid_utf8_rejected)
{
	struct sms_measure m;
	ck_assert_int_eq(sms_measure("ab\xC3(", &m), -1);
	ck_assert_int_eq(sms_measure("\xFF", &m), -1);
}
END_TEST

START_TEST(uzbek_modifier_letter_forces_ucs2)
{
	struct sms_measure m;
	sms_measure("oʻzbek", &m);   /* U+02BB */
	ck_assert_int_eq(m.coding, SMS_UCS2);
	ck_assert_uint_eq(m.forced_by, 0x02BB);
}
END_TEST

/* The GSM 03.38 alphabet, by its own table: the fast lookup must agree
 * with it on every code point of the Basic Multilingual Plane. */
START_TEST(gsm7_alphabet)
{
	static const uint32_t basic[] = { '@', 0x00A3, '$', 0x00A5, 0x00E8,
		0x00E9, 0x00F9, 0x00EC, 0x00F2, 0x00C7, '\n', 0x00D8, 0x00F8,
		'\r', 0x00C5, 0x00E5, 0x0394, '_', 0x03A6, 0x0393, 0x039B,
		0x03A9, 0x03A0, 0x03A8, 0x03A3, 0x0398, 0x039E, 0x00C6, 0x00E6,
		0x00DF, 0x00C9, ' ', '!', '"', '#', 0x00A4, '%', '&', '\'',
		'(', ')', '*', '+', ',', '-', '.', '/', ':', ';', '<', '=',
		'>', '?', 0x00A1, 0x00C4, 0x00D6, 0x00D1, 0x00DC, 0x00A7,
		0x00BF, 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0 };
	static const uint32_t escaped[] = { 0x000C, '^', '{', '}', '\\',
		'[', '~', ']', '|', 0x20AC };
	uint32_t cp;
	int n_basic = 0, n_escaped = 0;
	size_t i;

	for (i = 0; i < sizeof basic / sizeof basic[0]; i++)
		ck_assert_int_eq(sms_gsm7_septets(basic[i]), 1);
	for (i = 0; i < sizeof escaped / sizeof escaped[0]; i++)
		ck_assert_int_eq(sms_gsm7_septets(escaped[i]), 2);
	for (cp = 0; cp < 0xFFFF; cp++) {
		int n = sms_gsm7_septets(cp);
		n_basic += n == 1;
		n_escaped += n == 2;
	}
	/* 127 letters (the 128th place is the escape) + A-Z, a-z, 0-9
	 * already counted in the 127. */
	ck_assert_int_eq(n_basic, 127);
	ck_assert_int_eq(n_escaped, 10);
	ck_assert_int_eq(sms_gsm7_septets(0x0451), 0);     /* ё */
	ck_assert_int_eq(sms_gsm7_septets(0x00A0), 0);     /* no-break space */
	ck_assert_int_eq(sms_gsm7_septets('`'), 0);
	ck_assert_int_eq(sms_gsm7_septets(0x1F600), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("sms");
	TCase *t = tcase_create("sms");

	tcase_add_test(t, ascii_is_gsm7);
	tcase_add_test(t, cyrillic_forces_ucs2);
	tcase_add_test(t, gsm7_boundaries);
	tcase_add_test(t, ucs2_boundaries);
	tcase_add_test(t, escape_chars_count_double);
	tcase_add_test(t, gsm7_alphabet);
	tcase_add_test(t, split_never_cuts_escape_pair);
	tcase_add_test(t, split_offsets_cyrillic);
	tcase_add_test(t, invalid_utf8_rejected);
	tcase_add_test(t, uzbek_modifier_letter_forces_ucs2);
	suite_add_tcase(s, t);
	return run_suite(s);
}
