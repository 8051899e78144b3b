/*
 * dates.h - dates as people write them in an SMS, in four languages.
 *
 * "12.03", "12/3/26", "12-mart", "12 марта", "3 kun oldin", "3 дня назад",
 * "bugun", "сегодня", "имрӯз", "бүгүн", "kecha", "вчера", "кечээ",
 * "2 hafta oldin", "неделю назад", "3 oy oldin", "3 месяца назад" (calendar
 * months; a day the shorter month lacks is its last).  Days are counted
 * since 1970-01-01 (the deployment's local calendar), so deadlines are
 * integer arithmetic.
 */
#ifndef YORDAM_DATES_H
#define YORDAM_DATES_H

enum date_result {
	DATE_OK,
	DATE_UNKNOWN,           /* not a date we can read */
	DATE_FUTURE,            /* after today */
	DATE_TOO_OLD,           /* more than a year ago */
};

/*
 * Parse text (already text_normalise()d) relative to today.  A date
 * without a year is the most recent such date that is not in the future.
 */
enum date_result dates_parse(const char *norm, int today, int *day);

int dates_from_ymd(int y, int m, int d);        /* -1 if not a date */
void dates_to_ymd(int day, int *y, int *m, int *d);
int dates_weekday(int day);                     /* 0 = Monday */
/* "DD.MM.YYYY" into buf (11 bytes). */
void dates_format(int day, char *buf);

#endif
