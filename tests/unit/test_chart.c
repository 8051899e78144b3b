/* test_chart.c - the console's charts (web_chart.c): whatever the labels
 * and values, one well-formed <svg> with nothing that runs or loads
 * (no script, no on...= handler, no style="", no href), no nan or inf,
 * every text escaped, round ticks; then the ordinary charts.  Attacks
 * first, then the happy path. */
#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "tap.h"
#include "web.h"

#define SCRIPT "<script>alert(1)</script>"
#define ATTR "\" onload=\"alert(1)"

static char *
stacked(const char *title, const char *const *x, int n_x,
		const struct chart_series *s, int n_s, const char *unit)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	chart_stacked_bars(f, title, x, n_x, s, n_s, unit);
	fclose(f);
	return buf;
}

static char *
hbars(const char *title, const char *const *labels, const double *v, int n,
		const char *unit)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	chart_hbars(f, title, labels, v, n, unit);
	fclose(f);
	return buf;
}

static int
count(const char *s, const char *needle)
{
	int n = 0;

	while ((s = strstr(s, needle))) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* Well-formed XML, as a parser sees it (python3's minidom). */
static void
check_xml(const char *svg)
{
	FILE *p = popen("python3 -c 'import sys, xml.dom.minidom; "
		"xml.dom.minidom.parseString(sys.stdin.buffer.read())'", "w");

	ck_assert_ptr_nonnull(p);
	fputs(svg, p);
	ck_assert_msg(pclose(p) == 0, "not well-formed XML:\n%s", svg);
}

/* Inside the tags (a value is escaped, so no raw < or > in it): no
 * on...= handler, no style="", no href of any kind. */
static void
check_tags(const char *svg)
{
	const char *p = svg;

	while ((p = strchr(p, '<'))) {
		const char *end = strchr(p, '>'), *q;
		ck_assert_ptr_nonnull(end);
		for (q = p; q < end; q++) {
			if (q[0] == ' ' && tolower((unsigned char)q[1]) == 'o' &&
			    tolower((unsigned char)q[2]) == 'n') {
				const char *a = q + 3;
				while (isalpha((unsigned char)*a))
					a++;
				ck_assert_msg(*a != '=', "handler in %.60s", p);
			}
			ck_assert_msg(strncasecmp(q, "style=", 6) != 0,
				"style= in %.60s", p);
			ck_assert_msg(strncasecmp(q, "href", 4) != 0,
				"href in %.60s", p);
		}
		p = end;
	}
}

/* What every chart must be, whatever it was given. */
static void
check_svg(const char *svg)
{
	ck_assert_ptr_nonnull(svg);
	ck_assert_msg(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" ",
		40) == 0, "starts %.60s", svg);
	ck_assert_int_eq(count(svg, "<svg"), 1);
	ck_assert_int_eq(count(svg, "</svg>\n"), 1);
	ck_assert_str_eq(svg + strlen(svg) - 7, "</svg>\n");
	ck_assert_ptr_null(strcasestr(svg, "<script"));
	ck_assert_ptr_null(strcasestr(svg, "nan"));
	ck_assert_ptr_null(strcasestr(svg, "inf"));
	ck_assert_ptr_nonnull(strstr(svg, " role=\"img\""));
	ck_assert_ptr_nonnull(strstr(svg, " width=\"100%\""));
	ck_assert_ptr_nonnull(strstr(svg, " viewBox=\"0 0 400 "));
	ck_assert_ptr_nonnull(strstr(svg, " aria-labelledby=\"chart"));
	ck_assert_int_eq(count(svg, "<title id=\"chart"), 1);
	ck_assert_int_eq(count(svg, "<desc id=\"chart"), 1);
	ck_assert_ptr_null(u8_check((const uint8_t *)svg, strlen(svg)));
	check_tags(svg);
	check_xml(svg);
}

/* The axis's tick labels (class="tick"), in order; 20k is 20000. */
static int
ticks(const char *svg, double *v, int max)
{
	const char *p = svg;
	int n = 0;

	while (n < max && (p = strstr(p, "class=\"tick\""))) {
		char *end;
		const char *k;
		p = strchr(p, '>') + 1;
		v[n] = strtod(p, &end);
		if (*end != '<' && (k = strchr("kMGT", *end)) && end[1] == '<')
			v[n] *= pow(10, 3 * (k - "kMGT" + 1));
		else
			ck_assert_msg(*end == '<', "tick %.20s", p);
		n++;
	}
	return n;
}

/* Round ticks: from 0, even steps of 1, 2 or 5 x 10^k, a few of them,
 * reaching at least the largest value and not twice past it. */
static void
check_ticks(const char *svg, double max)
{
	double v[32], step, m;
	int i, n = ticks(svg, v, 32);

	ck_assert_msg(n >= 2 && n <= 7, "%d ticks", n);
	ck_assert(v[0] == 0);
	step = v[1] - v[0];
	ck_assert(step > 0);
	for (i = 2; i < n; i++)
		ck_assert_msg(fabs(v[i] - v[i - 1] - step) <= step * 1e-6,
			"uneven ticks %g %g %g", v[i - 2], v[i - 1], v[i]);
	m = step / pow(10, floor(log10(step) + 1e-9));
	ck_assert_msg(fabs(m - 1) < 1e-6 || fabs(m - 2) < 1e-6 ||
		fabs(m - 5) < 1e-6, "step %g is not 1, 2 or 5 x 10^k", step);
	ck_assert_msg(v[n - 1] >= max * (1 - 1e-9), "top %g < %g", v[n - 1], max);
	if (max > 0)
		ck_assert_msg(v[n - 1] < max * 2.5 + 1, "top %g for %g",
			v[n - 1], max);
}

/* --- attacks ---------------------------------------------------------- */

START_TEST(script_in_every_text_is_text)
{
	const char *x[] = { SCRIPT, ATTR, "a&b" };
	const double a[] = { 1, 2, 3 }, b[] = { 4, 5, 6 };
	struct chart_series s[] = { { SCRIPT, a }, { ATTR, b } };
	const double h[] = { 1, -1, 2 };
	char *svg = stacked(SCRIPT, x, 3, s, 2, SCRIPT);

	check_svg(svg);
	ck_assert_ptr_nonnull(strstr(svg, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	ck_assert_ptr_nonnull(strstr(svg, "&quot; onload=&quot;alert(1)"));
	ck_assert_ptr_nonnull(strstr(svg, "a&amp;b"));
	free(svg);
	svg = hbars(SCRIPT, x, h, 3, ATTR);
	check_svg(svg);
	ck_assert_ptr_nonnull(strstr(svg, "&lt;script&gt;"));
	free(svg);
	svg = hbars(ATTR, x, h, 0, SCRIPT);
	check_svg(svg);
	free(svg);
}
END_TEST

START_TEST(controls_bidi_and_bad_bytes)
{
	const char *x[] = { "\x1b[2J\x07", "\xE2\x80\xAE" "evil", "\xff\xfe", "" };
	const double a[] = { 1, 2, 3, 4 };
	struct chart_series s[] = { { "\xc3", a } };
	char *svg = stacked("\x01title", x, 4, s, 1, "\xed\xa0\x80");

	check_svg(svg);
	ck_assert_ptr_nonnull(strstr(svg, "\\u001b[2J"));
	ck_assert_ptr_nonnull(strstr(svg, "\\u202eevil"));
	free(svg);
	svg = hbars("\x01", x, a, 4, NULL);
	check_svg(svg);
	free(svg);
}
END_TEST

START_TEST(non_finite_and_negative_values)
{
	const char *x[] = { "a", "b", "c", "d", "e", "f", "g" };
	const double a[] = { NAN, INFINITY, -INFINITY, -5, -0.0, 3, DBL_MIN };
	const double b[] = { DBL_MAX, 1e308, 2, NAN, 0, 1, 4.9e-324 };
	struct chart_series s[] = { { "a", a }, { "b", b }, { "none", NULL } };
	char *svg = stacked("t", x, 7, s, 3, "u");

	check_svg(svg);
	check_ticks(svg, 1e15);
	free(svg);
	svg = stacked("t", x, 7, s, 1, "u");    /* only a: 3 is the most */
	check_svg(svg);
	check_ticks(svg, 3);
	free(svg);
	svg = hbars("t", x, a, 7, "min");
	check_svg(svg);
	/* NaN, inf, -inf and -5: "no data", drawn as an empty bar and a dash */
	ck_assert_int_eq(count(svg, "class=\"nodata\""), 4);
	ck_assert_int_eq(count(svg, "\xE2\x80\x94</text>"), 4);
	ck_assert_int_eq(count(svg, ": no data</title>"), 4);
	ck_assert_ptr_nonnull(strstr(svg, "<title>f: 3 min</title>"));
	check_ticks(svg, 3);
	free(svg);
	svg = hbars("all missing", x, a, 4, "min");
	check_svg(svg);
	ck_assert_int_eq(count(svg, "class=\"nodata\""), 4);
	free(svg);
}
END_TEST

START_TEST(empty_data_says_so)
{
	const char *x[] = { "a" };
	const double a[] = { 1 };
	struct chart_series s[] = { { "a", a } };
	char *svgs[] = {
		stacked("t", x, 0, s, 1, "u"),
		stacked("t", x, 1, s, 0, "u"),
		stacked("t", NULL, -3, NULL, -1, NULL),
		stacked(NULL, x, 1, NULL, 1, NULL),
		hbars("t", x, a, 0, "u"),
		hbars(NULL, NULL, NULL, 5, NULL),
	};
	size_t i;

	for (i = 0; i < sizeof svgs / sizeof *svgs; i++) {
		check_svg(svgs[i]);
		ck_assert_ptr_nonnull(strstr(svgs[i], ">no data</text>"));
		free(svgs[i]);
	}
	chart_stacked_bars(NULL, "t", x, 1, s, 1, "u");  /* no file: nothing */
	chart_hbars(NULL, "t", x, a, 1, "u");
}
END_TEST

START_TEST(labels_cut_by_characters)
{
	const char *x[] = {
		"Кыргызча",
		"Очень длинное название категории обращения",
		"\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80"
		"\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80"
		"\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80"
		"\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80",
	};
	const double a[] = { 1, 2, 3 };
	struct chart_series s[] = { { "Тоҷикӣ (кириллица) и ещё очень много", a } };
	char *svg = stacked("Обращения по дням, длинный заголовок на русском "
		"языке без конца", x, 3, s, 1, "обращений");

	check_svg(svg);             /* u8_check: never cut inside a character */
	ck_assert_ptr_nonnull(strstr(svg, ">Кыргызча</text>"));
	ck_assert_ptr_nonnull(strstr(svg, "\xE2\x80\xA6</text>"));
	/* the tooltip keeps the whole label */
	ck_assert_ptr_nonnull(strstr(svg,
		"<title>Очень длинное название категории обращения: 2 обращений"));
	free(svg);
	svg = hbars("Время до первого ответа", x, a, 3, "минут");
	check_svg(svg);
	ck_assert_ptr_nonnull(strstr(svg, ">Кыргызча</text>"));
	ck_assert_ptr_nonnull(strstr(svg, "Очень длинное\xE2\x80\xA6</text>"));
	free(svg);
}
END_TEST

/* --- sizes ------------------------------------------------------------ */

START_TEST(one_label)
{
	const char *x[] = { "2024-03-01" };
	const double a[] = { 7 };
	struct chart_series s[] = { { "uz", a } };
	char *svg = stacked("One day", x, 1, s, 1, "requests");

	check_svg(svg);
	ck_assert_int_eq(count(svg, "class=\"xlabel\""), 1);
	ck_assert_ptr_nonnull(strstr(svg, ">2024-03-01</text>"));
	ck_assert_ptr_nonnull(strstr(svg, "<title>2024-03-01: 7 requests</title>"));
	check_ticks(svg, 7);
	free(svg);
	svg = hbars("One", x, a, 1, "min");
	check_svg(svg);
	check_ticks(svg, 7);
	free(svg);
}
END_TEST

START_TEST(hundred_labels_every_kth)
{
	char names[100][16];
	const char *x[100];
	double a[100], b[100];
	struct chart_series s[] = { { "uz", a }, { "ru", b } };
	char *svg;
	double max = 0;
	int i, shown;

	for (i = 0; i < 100; i++) {
		snprintf(names[i], sizeof names[i], "03-%02d", i + 1);
		x[i] = names[i];
		a[i] = i % 7;
		b[i] = (i * 37) % 11;
		max = fmax(max, a[i] + b[i]);
	}
	svg = stacked("Requests per day", x, 100, s, 2, "requests");
	check_svg(svg);
	shown = count(svg, "class=\"xlabel\"");
	ck_assert_msg(shown >= 3 && shown <= 10, "%d x labels", shown);
	ck_assert_ptr_nonnull(strstr(svg, ">03-01</text>"));
	/* a tooltip on every day, the empty ones too */
	ck_assert_int_eq(count(svg, "<g class=\"bar\"><title>"), 100);
	check_ticks(svg, max);
	free(svg);
	svg = hbars("Per day", x, a, 100, "min");
	check_svg(svg);
	ck_assert_int_eq(count(svg, "<g class=\"bar\"><title>"), 100);
	ck_assert_ptr_nonnull(strstr(svg, "; and 70 more."));
	free(svg);
}
END_TEST

START_TEST(twelve_series_repeat_with_patterns)
{
	const char *x[] = { "Mon", "Tue", "Wed" };
	const double a[] = { 1, 2, 3 };
	struct chart_series s[12];
	char names[12][8], *svg;
	int i;

	for (i = 0; i < 12; i++) {
		snprintf(names[i], sizeof names[i], "s%d", i + 1);
		s[i].name = names[i];
		s[i].values = a;
	}
	svg = stacked("Twelve", x, 3, s, 12, "requests");
	check_svg(svg);
	ck_assert_int_eq(count(svg, "class=\"key "), 12);
	/* series 9 to 12 share colours 1 to 4, hatched: 4 keys, 12 parts */
	ck_assert_int_eq(count(svg, "fill=\"url(#chart"), 16);
	ck_assert_int_eq(count(svg, "<pattern id=\"chart"), 2);
	/* the tooltip on the part itself, not on the hatching over it */
	ck_assert_ptr_nonnull(strstr(svg, "<title>Wed, s12: 3 requests</title>"
		"</rect><rect "));
	ck_assert_ptr_null(strstr(svg, "pointer-events=\"none\"><title>"));
	check_ticks(svg, 36);
	free(svg);
}
END_TEST

START_TEST(one_huge_many_small)
{
	const char *x[] = { "a", "b", "c", "d", "e", "f" };
	const double a[] = { 1234567.5, 1, 2, 0.5, 1, 0 };
	const double big[] = { 1e15, 1e15, 1e14, 1, 2, 3 };
	struct chart_series s[] = { { "a", a } }, t[] = { { "a", a }, { "big", big } };
	char *svg = stacked("Huge", x, 6, s, 1, "");

	check_svg(svg);
	ck_assert_ptr_nonnull(strstr(svg, "<title>a: 1234567.5</title>"));
	ck_assert_ptr_nonnull(strstr(svg, ">1.5M</text>"));
	check_ticks(svg, 1234567.5);
	free(svg);
	svg = stacked("Huger", x, 6, t, 2, "");
	check_svg(svg);
	check_ticks(svg, 1e15 + 1234567.5);
	ck_assert_ptr_nonnull(strstr(svg, ">1500T</text>"));
	free(svg);
	svg = hbars("Huge", x, a, 6, "min");
	check_svg(svg);
	ck_assert_ptr_nonnull(strstr(svg, "<title>a: 1234567.5 min</title>"));
	check_ticks(svg, 1234567.5);
	free(svg);
}
END_TEST

/* --- the happy path ----------------------------------------------------- */

START_TEST(requests_per_day_by_language)
{
	const char *x[] = { "03-01", "03-02", "03-03", "03-04", "03-05",
		"03-06", "03-07" };
	const double uz[] = { 5, 7, 3, 0, 8, 6, 4 }, ky[] = { 2, 1, 0, 3, 2, 2, 1 },
		tg[] = { 1, 0, 2, 1, 1, 0, 3 }, ru[] = { 3, 2, 2, 1, 4, 2, 1 };
	struct chart_series s[] = { { "Oʻzbek", uz }, { "Кыргызча", ky },
		{ "Тоҷикӣ", tg }, { "Русский", ru } };
	char *svg = stacked("Requests per day", x, 7, s, 4, "requests");
	double v[8];

	check_svg(svg);
	ck_assert_int_eq(count(svg, "class=\"xlabel\""), 7);
	ck_assert_int_eq(count(svg, "class=\"key "), 4);
	ck_assert_ptr_null(strstr(svg, "<pattern"));
	ck_assert_ptr_nonnull(strstr(svg, "<title>03-05: 15 requests</title>"));
	ck_assert_ptr_nonnull(strstr(svg, "<title>03-05, Кыргызча: 2 requests</title>"));
	ck_assert_ptr_nonnull(strstr(svg, ">Requests per day: stacked bars, "
		"7 values from 03-01 to 03-07, by Oʻzbek, Кыргызча, Тоҷикӣ, "
		"Русский. Total 67 requests; highest 03-05, 15 requests.</desc>"));
	ck_assert_int_eq(ticks(svg, v, 8), 4);  /* 0 5 10 15 */
	ck_assert(v[1] == 5 && v[3] == 15);
	free(svg);
}
END_TEST

START_TEST(minutes_to_first_reply)
{
	const char *l[] = { "Oʻzbek", "Кыргызча", "Тоҷикӣ", "Русский" };
	const double m[] = { 12.5, 47, -1, 3.25 };
	char *svg = hbars("Minutes to the first reply", l, m, 4, "min");
	double v[8];

	check_svg(svg);
	ck_assert_ptr_nonnull(strstr(svg, "<title>Oʻzbek: 12.5 min</title>"));
	ck_assert_ptr_nonnull(strstr(svg, "<title>Тоҷикӣ: no data</title>"));
	ck_assert_ptr_nonnull(strstr(svg, ">12.5</text>"));
	ck_assert_ptr_nonnull(strstr(svg, ">no data</text>"));   /* legend */
	ck_assert_ptr_nonnull(strstr(svg, ": Oʻzbek 12.5 min; Кыргызча 47 min; "
		"Тоҷикӣ no data; Русский 3.25 min.</desc>"));
	ck_assert_int_eq(ticks(svg, v, 8), 4);  /* 0 20 40 60 */
	ck_assert(v[1] == 20 && v[3] == 60);
	free(svg);
}
END_TEST

START_TEST(ids_differ_between_charts)
{
	const char *x[] = { "a" };
	const double a[] = { 1 };
	char *one = hbars("t", x, a, 1, "u"), *two = hbars("t", x, a, 1, "u");
	char *p = strstr(one, "<title id=\""), *q = strstr(two, "<title id=\"");

	ck_assert(p && q);
	ck_assert(strncmp(p, q, 24) != 0);
	free(one);
	free(two);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("chart");
	TCase *t = tcase_create("chart");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, script_in_every_text_is_text);
	tcase_add_test(t, controls_bidi_and_bad_bytes);
	tcase_add_test(t, non_finite_and_negative_values);
	tcase_add_test(t, empty_data_says_so);
	tcase_add_test(t, labels_cut_by_characters);
	tcase_add_test(t, one_label);
	tcase_add_test(t, hundred_labels_every_kth);
	tcase_add_test(t, twelve_series_repeat_with_patterns);
	tcase_add_test(t, one_huge_many_small);
	tcase_add_test(t, requests_per_day_by_language);
	tcase_add_test(t, minutes_to_first_reply);
	tcase_add_test(t, ids_differ_between_charts);
	suite_add_tcase(s, t);
	return run_suite(s);
}
