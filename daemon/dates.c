/*
 * dates.c - reading the dates people text, and calendar arithmetic.
 *
 * Month names are matched by their stem after normalisation, so "марта",
 * "март", "mart", "martda" and "Мартта" all read as March; Kyrgyz and
 * Tajik use the Russian month names, Uzbek its own Latin ones.  Relative
 * dates ("3 days ago") use the number before a word for "day" and a word
 * for "ago" in any of the four languages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yordam/dates.h"

/* Howard Hinnant's days_from_civil / civil_from_days: exact, proleptic. */
int
dates_from_ymd(int y, int m, int d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	int era, yoe, doy, doe;

	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 || y % 400 == 0))))
		return -1;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
dates_to_ymd(int z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int
dates_weekday(int day)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0). */
	return ((day % 7) + 7 + 3) % 7;
}

void
dates_format(int day, char *buf)
{
	int y, m, d;

	dates_to_ymd(day, &y, &m, &d);
	snprintf(buf, 11, "%02u.%02u.%04u", (unsigned)d % 100u, (unsigned)m % 100u,
		(unsigned)y % 10000u);
}

/* Month stems after normalisation (ё->е, Tajik/Kyrgyz letters folded). */
static const char *const month_stems[12][6] = {
	{ "янв", "yanv", "yan", NULL },
	{ "фев", "fev", NULL },
	{ "мар", "mar", NULL },
	{ "апр", "apr", NULL },
	{ "мая", "май", "may", "mai", NULL },
	{ "июн", "iyun", "iun", NULL },
	{ "июл", "iyul", "iul", NULL },
	{ "авг", "avg", NULL },
	{ "сен", "sen", NULL },
	{ "окт", "okt", NULL },
	{ "ноя", "noy", "noya", NULL },
	{ "дек", "dek", NULL },
};

static int
month_of(const char *w)
{
	int m, i;

	for (m = 0; m < 12; m++)
		for (i = 0; month_stems[m][i]; i++)
			if (strncmp(w, month_stems[m][i],
			    strlen(month_stems[m][i])) == 0)
				return m + 1;
	return 0;
}

static int
has_any(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strstr(s, *words))
			return 1;
	return 0;
}

static const char *const today_words[] = { "bugun", "сегодня", "бугун",
	"имруз", "segodnya", "imruz", NULL };
static const char *const yesterday_words[] = { "kecha", "вчера", "кеча",
	"кечээ", "кече", "kechee", "дируз", "vchera", "diruz", NULL };
static const char *const two_days_ago_words[] = { "позавчера", "pozavchera",
	"бурун куни", "o'tgan kuni", "огон куни", NULL };
static const char *const ago_words[] = { "oldin", "avval", "назад",
	"мурун", "мурда", "пеш", "nazad", "murun", "pesh", NULL };
static const char *const day_words[] = { "kun", "дн", "ден", "день",
	"кун", "руз", "dn", "den", "ruz", NULL };

/* "2 hafta oldin", "неделю назад": weeks; "3 oy oldin": months. */
static const char *const week_words[] = { "hafta", "недел", "апта", "хафта",
	"nedel", "apta", "xafta", NULL };
static const char *const month_words[] = { "oy", "месяц", "мес", "ай",
	"мох", "mesyac", "mesyats", "mes", "ay", "moh", "oi", NULL };

/* Is w (a word) one of the words, as a stem? */
static int
is_unit(const char *w, const char *const *words)
{
	for (; *words; words++)
		if (strncmp(w, *words, strlen(*words)) == 0 &&
		    strlen(w) <= strlen(*words) + (strlen(*words) <= 2 ? 1
		    : 3))
			return 1;
	return 0;
}

/* Does the text hold one of the words as a whole word's start? */
static int
has_unit_word(const char *s, const char *const *words)
{
	const char *p = s;

	while (*p) {
		char w[32];
		int n = 0;
		while (*p == ' ')
			p++;
		if (sscanf(p, "%31s%n", w, &n) != 1)
			break;
		if (is_unit(w, words))
			return 1;
		p += n;
	}
	return 0;
}

/* n calendar months before day (the day of the month kept, or the last
 * of a shorter month: the earlier date, where a month is unclear). */
static int
months_before(int day, int n)
{
	int y, m, d, back;

	dates_to_ymd(day, &y, &m, &d);
	m -= n;
	while (m < 1) {
		m += 12;
		y--;
	}
	while ((back = dates_from_ymd(y, m, d)) < 0 && d > 28)
		d--;
	return back;
}

/* Most recent (d, m) not after today, with y if given (2- or 4-digit). */
static int
resolve(int d, int m, int y, int today)
{
	int ty, tm, td, day;

	dates_to_ymd(today, &ty, &tm, &td);
	if (y >= 0) {
		if (y < 100)
			y += 2000;
		return dates_from_ymd(y, m, d);
	}
	day = dates_from_ymd(ty, m, d);
	if (day > today || day < 0)
		day = dates_from_ymd(ty - 1, m, d);
	return day;
}

enum date_result
dates_parse(const char *s, int today, int *out)
{
	int a = -1, b = -1, c = -1, n = 0, day = -1;
	const char *p = s;
	char word[64] = "";

	if (has_any(s, today_words))
		day = today;
	else if (has_any(s, two_days_ago_words))
		day = today - 2;
	else if (has_any(s, yesterday_words))
		day = today - 1;
	else if (!strpbrk(s, "0123456789") && has_any(s, ago_words) &&
	    has_unit_word(s, week_words))
		day = today - 7;        /* "неделю назад": a week ago */
	else if (!strpbrk(s, "0123456789") && has_any(s, ago_words) &&
	    has_unit_word(s, month_words))
		day = months_before(today, 1);
	else {
		/* Numbers and the first word after the first number. */
		while (*p && n < 3) {
			if (*p >= '0' && *p <= '9') {
				long lv = strtol(p, (char **)&p, 10);
				/* no date needs more; keeps the sums small */
				int v = lv > 100000 || lv < 0 ? 100000 : (int)lv;
				if (n == 0)
					a = v;
				else if (n == 1)
					b = v;
				else
					c = v;
				n++;
				if (n == 1) {
					while (*p == ' ' || *p == '-')
						p++;
					sscanf(p, "%63[^ 0-9./-]", word);
				}
				continue;
			}
			p++;
		}
		if (n == 1 && has_any(s, ago_words) && word[0] &&
		    is_unit(word, week_words)) {
			day = a > 60 ? -1 : today - 7 * a;
		} else if (n == 1 && has_any(s, ago_words) && word[0] &&
		    is_unit(word, month_words)) {
			day = a > 24 ? -1 : months_before(today, a);
		} else if (n == 1 && has_any(s, ago_words) &&
		    (has_any(s, day_words) || !word[0])) {
			day = today - a;
		} else if (n >= 1 && word[0] && month_of(word)) {
			day = resolve(a, month_of(word), n >= 2 ? b : -1, today);
		} else if (n >= 2) {
			day = resolve(a, b, n >= 3 ? c : -1, today);
		}
	}
	if (day < 0)
		return DATE_UNKNOWN;
	*out = day;
	if (day > today)
		return DATE_FUTURE;
	if (today - day > 366)
		return DATE_TOO_OLD;
	return DATE_OK;
}
