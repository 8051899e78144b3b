/*
 * web_chart.c - the statistics page's charts, drawn by the server as
 * inline SVG: stacked bars (requests per day by language or category)
 * and horizontal bars (minutes to the first reply per language).
 *
 * Why like this: the console works with no internet, under a
 * Content-Security-Policy with no inline script or style, so a chart is
 * markup only: presentation attributes (fill="", never style=""), no
 * script, no event handler, no link to anything, the browser's own
 * sans-serif.  Classes (chart, bar, tick...) let the console's stylesheet
 * restyle it.  One viewBox 400 units wide scales to its container (width
 * 100%): on a 360-px phone a 14-unit label is about 12 px, so labels are
 * few and large, every k-th x label when they do not all fit, cut by
 * characters (never inside a UTF-8 sequence) with an ellipsis.
 *
 * Every text goes through web_html_put(); every number through fmt_num(),
 * which never prints nan or inf: non-finite and negative values count as
 * 0 in stacked bars, as "no data" in horizontal bars, and values are
 * held to [1e-9, 1e15] so sums and ticks stay finite and exact.  Ticks
 * are round (1, 2 or 5 x 10^k; whole numbers when the data are).  The
 * palette is Okabe-Ito (colour-blind safe); past its eight colours they
 * repeat with white hatching, then dots.  Every bar has a <title>, its
 * exact value as a tooltip; <desc> says the data in words for screen
 * readers.  Empty data draws a chart that says "no data".
 */
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "web.h"

#define VW 400                  /* viewBox width; the height follows */
#define FS 14                   /* labels, legend, ticks */
#define FS_TITLE 17
#define CW (FS * 0.64)          /* a character's width, about (Cyrillic) */
#define VMAX 1e15
#define VMIN 1e-9
#define N_PALETTE 8
#define DESC_ITEMS 30           /* horizontal bars said in <desc> */

/* Okabe & Ito (2008), in an order where neighbours contrast. */
static const char *const palette[N_PALETTE] = {
	"#0072B2", "#E69F00", "#009E73", "#CC79A7",
	"#56B4E9", "#D55E00", "#F0E442", "#000000",
};

struct axis {
	double step, top;       /* ticks 0, step, ... top */
	int n;                  /* intervals */
};

/* Where a chart's parts go, in viewBox units. */
struct plot {
	unsigned id;            /* chart<id>-... for the ids it defines */
	double left, top, w, h; /* the plot area */
	double band;            /* one x value's width (stacked bars) */
	struct axis ax;
	const char *unit;
};

static double
clean(double v)
{
	if (!isfinite(v) || v < VMIN)
		return 0;
	return v > VMAX ? VMAX : v;
}

/* %g with the given digits; never nan or inf. */
static void
fmt_num(char *buf, size_t size, double v, int digits)
{
	if (!isfinite(v))
		v = 0;
	if (v == 0)
		v = 0;          /* no "-0" */
	snprintf(buf, size, "%.*g", digits, v);
}

/* A value exactly (tooltips, <desc>). */
static void
put_exact(FILE *f, double v)
{
	char buf[40];

	fmt_num(buf, sizeof buf, v, 15);
	fputs(buf, f);
}

/* A value shortly, for a label beside a bar: 12.3, 151, 2.5e+07. */
static void
fmt_short(char *buf, size_t size, double v)
{
	if (v < 1e7 && (v == floor(v) || v >= 100))
		snprintf(buf, size, "%.0f", v);
	else
		fmt_num(buf, size, v, 3);
}

static void
put_unit(FILE *f, const char *unit)
{
	if (unit && *unit) {
		fputc(' ', f);
		web_html_put(f, unit);
	}
}

/* Characters, not bytes (a stray byte counts as one). */
static int
n_chars(const char *s)
{
	const uint8_t *p = (const uint8_t *)(s ? s : "");
	int n = 0;

	while (*p) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, strnlen((const char *)p, 4));
		p += k > 0 ? k : 1;
		n++;
	}
	return n;
}

/* s escaped, cut to max characters with an ellipsis. */
static void
put_cut(FILE *f, const char *s, int max)
{
	char buf[4 * 64 + 1];
	const uint8_t *p = (const uint8_t *)(s ? s : "");
	size_t len = 0;
	int i;

	if (max > 64)
		max = 64;
	if (max < 1)
		max = 1;
	if (n_chars(s) <= max) {
		web_html_put(f, s);
		return;
	}
	for (i = 0; i < max - 1; i++) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p + len, strnlen((const char *)p + len, 4));
		len += k > 0 ? (size_t)k : 1;
	}
	memcpy(buf, p, len);
	buf[len] = '\0';
	web_html_put(f, buf);
	fputs("\xE2\x80\xA6", f);       /* U+2026 ... */
}

/* Round ticks from 0 to at least max, about four intervals. */
static struct axis
axis_for(double max, int whole)
{
	struct axis a;
	double raw, mag, r;

	if (!(max > 0))
		max = 1;
	raw = max / 4;
	mag = pow(10, floor(log10(raw)));
	r = raw / mag;
	a.step = (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * mag;
	if (whole && a.step < 1)
		a.step = 1;
	a.n = (int)ceil(max / a.step - 1e-9);
	if (a.n < 1)
		a.n = 1;
	a.top = a.n * a.step;
	return a;
}

/* A tick, short: 0.3 (15 digits hide 0.1 * 3's error), 500, 1500,
 * then 20k, 1.5M, 2G, 1000T. */
static void
fmt_tick(char *buf, size_t size, const struct axis *a, int i)
{
	static const char *const suffix[] = { "", "k", "M", "G", "T" };
	double v = i * a->step;
	int k = 0;

	if (a->top >= 1e4)
		while (k < 4 && a->top >= 1e3 * pow(10, 3 * k))
			k++;
	fmt_num(buf, size, v / pow(10, 3 * k), 15);
	if (v != 0)
		strncat(buf, suffix[k], size - strlen(buf) - 1);
}

static int
tick_chars(const struct axis *a)
{
	char buf[40];
	int i, w = 1;

	for (i = 0; i <= a->n; i++) {
		fmt_tick(buf, sizeof buf, a, i);
		if ((int)strlen(buf) > w)
			w = (int)strlen(buf);
	}
	return w;
}

/* The <svg> element with its <title>, and <desc> opened for the
 * caller's words; returns the chart's number for its ids.  Numbered in
 * the process, so several charts on a page never share an id. */
static unsigned
svg_open(FILE *f, const char *title, double h)
{
	static atomic_uint seq;
	unsigned id = atomic_fetch_add(&seq, 1) + 1;

	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
		"viewBox=\"0 0 %d %.0f\" width=\"100%%\" role=\"img\" "
		"aria-labelledby=\"chart%u-t\" aria-describedby=\"chart%u-d\" "
		"font-family=\"sans-serif\" font-size=\"%d\" fill=\"#222\">\n",
		VW, ceil(h), id, id, FS);
	fprintf(f, "<title id=\"chart%u-t\">", id);
	web_html_put(f, title);
	fprintf(f, "</title>\n<desc id=\"chart%u-d\">", id);
	return id;
}

/* The title as drawn at the top (the <title> is for tools). */
static void
draw_title(FILE *f, const char *title)
{
	fprintf(f, "</desc>\n<text class=\"title\" x=\"0\" y=\"18\" "
		"font-size=\"%d\" font-weight=\"bold\">", FS_TITLE);
	put_cut(f, title, (int)(VW / (FS_TITLE * 0.6)));
	fputs("</text>\n", f);
}

static void
draw_empty(FILE *f, const char *title)
{
	svg_open(f, title, 120);
	web_html_put(f, title);
	fputs(": no data.", f);
	draw_title(f, title);
	fputs("<rect x=\"0.5\" y=\"32.5\" width=\"399\" height=\"80\" "
		"fill=\"none\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>\n"
		"<text class=\"nodata\" x=\"200\" y=\"78\" text-anchor=\"middle\" "
		"fill=\"#555\">no data</text>\n</svg>\n", f);
}

/* Hatching and dots that tell apart series sharing a colour. */
static void
draw_patterns(FILE *f, unsigned id)
{
	fprintf(f, "<defs><pattern id=\"chart%u-p1\" width=\"6\" height=\"6\" "
		"patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
		"<rect width=\"2.5\" height=\"6\" fill=\"#fff\"/></pattern>"
		"<pattern id=\"chart%u-p2\" width=\"6\" height=\"6\" "
		"patternUnits=\"userSpaceOnUse\"><circle cx=\"3\" cy=\"3\" "
		"r=\"1.5\" fill=\"#fff\"/></pattern></defs>\n", id, id);
}

/* A rectangle in series i's colour, left open for a <title> or "/>";
 * then swatch_pattern() lays its pattern over it, past the palette
 * (letting the pointer through to the rectangle and its tooltip). */
static void
swatch_open(FILE *f, int i, double x, double y, double w, double h,
		const char *cls)
{
	fprintf(f, "<rect class=\"%s s%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.2f\" "
		"height=\"%.2f\" fill=\"%s\"", cls, i, x, y, w, h,
		palette[i % N_PALETTE]);
}

static void
swatch_pattern(FILE *f, unsigned id, int i, double x, double y, double w,
		double h)
{
	int pat = (i / N_PALETTE) % 3;

	if (pat)
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.2f\" "
			"height=\"%.2f\" fill=\"url(#chart%u-p%d)\" "
			"pointer-events=\"none\"/>", x, y, w, h, id, pat);
}

/* The legend from y down: series' swatches and names, wrapped into
 * rows; with nodata, also the sign for "no data".  With f NULL only
 * measures.  Returns its height. */
static double
legend(FILE *f, unsigned id, const char *const *names, int n, int nodata,
		double y)
{
	double x = 0, row = 0;
	int i;

	for (i = 0; i < n + (nodata ? 1 : 0); i++) {
		const char *name = i < n ? names[i] : "no data";
		int c = n_chars(name) < 16 ? n_chars(name) : 16;
		double w = 20 + (c ? c : 1) * CW + 14;

		if (x > 0 && x + w > VW) {
			x = 0;
			row++;
		}
		if (f) {
			double ty = y + row * 22;
			if (i < n) {
				swatch_open(f, i, x, ty, 14, 14, "key");
				fputs("/>", f);
				swatch_pattern(f, id, i, x, ty, 14, 14);
			} else {
				fprintf(f, "<rect class=\"key\" x=\"%.1f\" "
					"y=\"%.1f\" width=\"14\" height=\"14\" "
					"fill=\"none\" stroke=\"#888\" "
					"stroke-dasharray=\"3 2\"/>", x + .5, ty + .5);
			}
			fprintf(f, "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">",
				x + 20, ty + 12);
			put_cut(f, name, 16);
			fputs("</text>\n", f);
		}
		x += w;
	}
	return (row + 1) * 22;
}

/* Grid lines and round ticks: up the left of stacked bars (with the
 * unit over them), or along the bottom of horizontal bars (across). */
static void
draw_axis(FILE *f, const struct plot *p, int across)
{
	char buf[40];
	int i;

	for (i = 0; i <= p->ax.n; i++) {
		double x = p->left + p->w * i / p->ax.n;
		double y = p->top + p->h - p->h * i / p->ax.n;
		fmt_tick(buf, sizeof buf, &p->ax, i);
		fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
			"y2=\"%.1f\" stroke=\"%s\"/>", across ? x : p->left,
			across ? x : p->left + p->w, across ? p->top : y,
			across ? p->top + p->h : y, i ? "#ddd" : "#555");
		fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" "
			"text-anchor=\"%s\">%s</text>\n", across ? x : p->left - 6,
			across ? p->top + p->h + 18 : y + 5,
			across ? "middle" : "end", buf);
	}
	if (!across && p->unit && *p->unit) {
		fprintf(f, "<text class=\"unit\" x=\"0\" y=\"%.1f\" "
			"fill=\"#555\" font-size=\"13\">", p->top - 12);
		put_cut(f, p->unit, 40);
		fputs("</text>\n", f);
	}
}

/* Label every k-th x value: the smallest k whose room takes the
 * longest label (at most 12 characters), or 6 of its characters. */
static int
x_label_step(const char *const *labels, int n, double band, int *maxc)
{
	int i, k, longest = 1;

	for (i = 0; i < n; i++) {
		int c = n_chars(labels ? labels[i] : "");
		if (c > longest)
			longest = c;
	}
	if (longest > 12)
		longest = 12;
	for (k = 1; ; k++) {
		int fit = (int)((band * k - 4) / CW);
		if (fit >= longest || fit >= 6 || k >= n) {
			*maxc = fit < longest ? fit : longest;
			if (*maxc < 1)
				*maxc = 1;
			return k;
		}
	}
}

static void
draw_x_labels(FILE *f, const struct plot *p, const char *const *labels,
		int n)
{
	int i, maxc, k = x_label_step(labels, n, p->band, &maxc);
	double base = p->top + p->h;

	for (i = 0; i < n; i += k) {
		const char *s = labels ? labels[i] : "";
		int c = n_chars(s) < maxc ? n_chars(s) : maxc;
		double x = p->left + (i + .5) * p->band, half = c * CW / 2;

		if (x - half < 2)
			x = half + 2;
		if (x + half > VW - 2)
			x = VW - 2 - half;
		fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"#555\"/>", p->left + (i + .5) * p->band,
			p->left + (i + .5) * p->band, base, base + 4);
		fprintf(f, "<text class=\"xlabel\" x=\"%.1f\" y=\"%.1f\" "
			"text-anchor=\"middle\">", x, base + 20);
		put_cut(f, s, maxc);
		fputs("</text>\n", f);
	}
}

/* One x value's stack: a group whose <title> gives the total (over a
 * clear rectangle the column's height, so even an empty day has a
 * tooltip), each series' part with its own <title>. */
static void
draw_column(FILE *f, const struct plot *p, int i, const char *label,
		const struct chart_series *series, int n_series)
{
	double total = 0, y = p->top + p->h;
	double bw = p->band >= 4 ? fmin(p->band * 0.75, 48) : p->band;
	double x = p->left + i * p->band + (p->band - bw) / 2;
	int s;

	for (s = 0; s < n_series; s++)
		total += series[s].values ? clean(series[s].values[i]) : 0;
	fputs("<g class=\"bar\"><title>", f);
	web_html_put(f, label);
	fputs(": ", f);
	put_exact(f, total);
	put_unit(f, p->unit);
	fprintf(f, "</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.2f\" "
		"height=\"%.1f\" fill=\"#000\" fill-opacity=\"0\"/>\n",
		p->left + i * p->band, p->top, p->band, p->h);
	for (s = 0; s < n_series; s++) {
		double v = series[s].values ? clean(series[s].values[i]) : 0;
		double h = v / p->ax.top * p->h;
		if (v <= 0)
			continue;
		y -= h;
		swatch_open(f, s, x, y, bw, h, "part");
		fputs("><title>", f);
		web_html_put(f, label);
		fputs(", ", f);
		web_html_put(f, series[s].name);
		fputs(": ", f);
		put_exact(f, v);
		put_unit(f, p->unit);
		fputs("</title></rect>", f);
		swatch_pattern(f, p->id, s, x, y, bw, h);
		fputc('\n', f);
	}
	fputs("</g>\n", f);
}

/* <desc> of stacked bars: what is counted, over what, the total and the
 * highest. */
static void
stacked_desc(FILE *f, const char *title, const char *const *x_labels,
		int n_x, const struct chart_series *series, int n_series,
		const double *totals, const char *unit)
{
	double sum = 0;
	int i, best = 0;

	for (i = 0; i < n_x; i++) {
		sum += totals[i];
		if (totals[i] > totals[best])
			best = i;
	}
	web_html_put(f, title);
	fprintf(f, ": stacked bars, %d values from ", n_x);
	web_html_put(f, x_labels ? x_labels[0] : "");
	fputs(" to ", f);
	web_html_put(f, x_labels ? x_labels[n_x - 1] : "");
	fputs(", by ", f);
	for (i = 0; i < n_series; i++) {
		if (i)
			fputs(", ", f);
		web_html_put(f, series[i].name);
	}
	fputs(". Total ", f);
	put_exact(f, sum);
	put_unit(f, unit);
	fputs("; highest ", f);
	web_html_put(f, x_labels ? x_labels[best] : "");
	fputs(", ", f);
	put_exact(f, totals[best]);
	put_unit(f, unit);
	fputs(".", f);
}

/* Whether every value is a whole number (counts: whole ticks only). */
static int
all_whole(const double *v, int n)
{
	int i;

	for (i = 0; v && i < n; i++)
		if (clean(v[i]) != floor(clean(v[i])))
			return 0;
	return 1;
}

void
chart_stacked_bars(FILE *f, const char *title, const char *const *x_labels,
		int n_x, const struct chart_series *series, int n_series,
		const char *y_unit)
{
	struct plot p = { .unit = y_unit };
	const char **names;
	double *totals, max = 0, leg_h;
	int i, s, whole = 1;

	if (!f)
		return;
	if (n_x <= 0 || n_series <= 0 || !series) {
		draw_empty(f, title);
		return;
	}
	totals = calloc((size_t)n_x, sizeof *totals);
	names = calloc((size_t)n_series, sizeof *names);
	if (!totals || !names) {
		free(totals);
		free(names);
		draw_empty(f, title);
		return;
	}
	for (s = 0; s < n_series; s++) {
		names[s] = series[s].name;
		whole = whole && all_whole(series[s].values, n_x);
		for (i = 0; series[s].values && i < n_x; i++)
			totals[i] += clean(series[s].values[i]);
	}
	for (i = 0; i < n_x; i++)
		max = totals[i] > max ? totals[i] : max;
	p.ax = axis_for(max, whole);
	leg_h = legend(NULL, 0, names, n_series, 0, 0);
	p.left = tick_chars(&p.ax) * CW + 10;
	p.top = 32 + leg_h + 28;
	p.w = VW - p.left - 4;
	p.h = 200;
	p.band = p.w / n_x;
	p.id = svg_open(f, title, p.top + p.h + 30);
	stacked_desc(f, title, x_labels, n_x, series, n_series, totals, y_unit);
	draw_title(f, title);
	if (n_series > N_PALETTE)
		draw_patterns(f, p.id);
	legend(f, p.id, names, n_series, 0, 32);
	draw_axis(f, &p, 0);
	for (i = 0; i < n_x; i++)
		draw_column(f, &p, i, x_labels ? x_labels[i] : "", series,
			n_series);
	draw_x_labels(f, &p, x_labels, n_x);
	fputs("</svg>\n", f);
	free(totals);
	free(names);
}

/* --- horizontal bars ------------------------------------------------ */

static int
has_data(double v)
{
	return isfinite(v) && v >= 0;
}

/* One row: the label, then the bar and its value, or for no data an
 * empty dashed bar with a dash. */
static void
draw_hbar(FILE *f, const struct plot *p, double y, const char *label,
		double v, int label_chars)
{
	char buf[40];

	fputs("<g class=\"bar\"><title>", f);
	web_html_put(f, label);
	fputs(": ", f);
	if (has_data(v)) {
		put_exact(f, clean(v));
		put_unit(f, p->unit);
	} else {
		fputs("no data", f);
	}
	fprintf(f, "</title><text class=\"label\" x=\"%.1f\" y=\"%.1f\" "
		"text-anchor=\"end\">", p->left - 8, y + 14);
	put_cut(f, label, label_chars);
	fputs("</text>", f);
	if (has_data(v)) {
		double w = clean(v) / p->ax.top * p->w;
		fmt_short(buf, sizeof buf, clean(v));
		fprintf(f, "<rect class=\"part s0\" x=\"%.1f\" y=\"%.1f\" "
			"width=\"%.2f\" height=\"18\" fill=\"%s\"/><text "
			"class=\"value\" x=\"%.1f\" y=\"%.1f\">%s</text>",
			p->left, y + 1, w, palette[0], p->left + w + 4,
			y + 15, buf);
	} else {
		fprintf(f, "<rect class=\"nodata\" x=\"%.1f\" y=\"%.1f\" "
			"width=\"%.2f\" height=\"17\" fill=\"#fff\" "
			"fill-opacity=\"0\" stroke=\"#888\" stroke-dasharray=\"3 2\"/>"
			"<text class=\"value\" x=\"%.1f\" y=\"%.1f\" fill=\"#555\">"
			"\xE2\x80\x94</text>", p->left + .5, y + 1.5, p->w - 1,
			p->left + 6, y + 15);
	}
	fputs("</g>\n", f);
}

static void
hbars_desc(FILE *f, const char *title, const char *const *labels,
		const double *values, int n, const char *unit)
{
	int i;

	web_html_put(f, title);
	fputs(":", f);
	for (i = 0; i < n && i < DESC_ITEMS; i++) {
		fputs(i ? "; " : " ", f);
		web_html_put(f, labels ? labels[i] : "");
		fputs(" ", f);
		if (has_data(values[i])) {
			put_exact(f, clean(values[i]));
			put_unit(f, unit);
		} else {
			fputs("no data", f);
		}
	}
	if (n > DESC_ITEMS)
		fprintf(f, "; and %d more", n - DESC_ITEMS);
	fputs(".", f);
}

void
chart_hbars(FILE *f, const char *title, const char *const *labels,
		const double *values, int n, const char *unit)
{
	struct plot p = { .unit = unit };
	const char *key[1] = { unit && *unit ? unit : "value" };
	double max = 0, vw = 1, leg_h;
	int i, whole = 1, nodata = 0, lc = 1;
	char buf[40];

	if (!f)
		return;
	if (n <= 0 || !values) {
		draw_empty(f, title);
		return;
	}
	for (i = 0; i < n; i++) {
		int c = n_chars(labels ? labels[i] : "");
		lc = c > lc ? c : lc;
		if (!has_data(values[i])) {
			nodata = 1;
			continue;
		}
		max = clean(values[i]) > max ? clean(values[i]) : max;
		whole = whole && clean(values[i]) == floor(clean(values[i]));
		fmt_short(buf, sizeof buf, clean(values[i]));
		vw = strlen(buf) > vw ? strlen(buf) : vw;
	}
	lc = lc < 14 ? lc : 14;
	p.ax = axis_for(max, whole);
	fmt_tick(buf, sizeof buf, &p.ax, p.ax.n);
	leg_h = legend(NULL, 0, key, 1, nodata, 0);
	p.left = lc * CW + 12;
	p.top = 32 + leg_h + 6;
	/* room on the right for the longest value, and half the last tick */
	p.w = VW - p.left - fmax(vw * CW + 8, strlen(buf) * CW / 2 + 2);
	p.h = n * 26;
	p.id = svg_open(f, title, p.top + p.h + 26);
	hbars_desc(f, title, labels, values, n, unit);
	draw_title(f, title);
	legend(f, p.id, key, 1, nodata, 32);
	draw_axis(f, &p, 1);
	for (i = 0; i < n; i++)
		draw_hbar(f, &p, p.top + i * 26 + 3, labels ? labels[i] : "",
			values[i], lc);
	fputs("</svg>\n", f);
}
