/* Survival and cumulative incidence figures as SVG: see kmplot.h. The
 * layout follows survminer's ggsurvplot (curves, bands, '+' marks, the risk
 * table under the axis, the p-value in the plot), drawn directly as SVG
 * elements: a pixel grid of 0.01 px (two decimals), fonts named by family
 * so that any renderer finds one. */
#include "kmplot.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

/* Geometry in px: a panel is meant to be printed at a column's width. */
#define PW 396.0 /* plot width */
#define PH 248.0 /* plot height */
#define PRM 24.0 /* right margin: half a tick label */
#define FONT "DejaVu Sans, Helvetica, Arial, sans-serif"
#define MAX_TICKS 40

/* Okabe-Ito, the darker colours first (apart in grey), yellow left out
 * (unreadable on white); dash patterns cycle with another period, so that
 * curve k and curve k + 7 still differ. */
static const char *const colors[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                     "#E69F00", "#56B4E9", "#000000"};
static const char *const dashes[] = {NULL, "7 3", "2 2.5", "9 3 2 3", "4 4"};
#define NCOLOR (sizeof colors / sizeof colors[0])
#define NDASH (sizeof dashes / sizeof dashes[0])

typedef struct frame {
  double pl, pt, xmax, v0; /* plot left, top; axis end; start of curves */
} frame;

static double sx(const frame *f, double t) {
  return f->pl + PW * (t / f->xmax);
}
static double sy(const frame *f, double s) { return f->pt + PH * (1 - s); }
static const char *color(size_t k) { return colors[k % NCOLOR]; }
static void put_dash(textbuf *b, size_t k) {
  if (dashes[k % NDASH])
    textbuf_printf(b, " stroke-dasharray=\"%s\"", dashes[k % NDASH]);
}
static void put_text(textbuf *b, const char *s) {
  textbuf_xml(b, s, strlen(s));
}

/* A band limit where R gives NA: the estimate itself (a row before the
 * first event has variance zero). */
static double band(double v, double s) { return isnan(v) ? s : v; }

/* Characters of a UTF-8 string (continuation bytes not counted). */
static size_t nchars(const char *s) {
  size_t n = 0;
  for (; *s; s++)
    n += ((unsigned char)*s & 0xc0) != 0x80;
  return n;
}

/* The time axis: a step of 1, 2, 2.5 or 5 times a power of ten giving at
 * most 8 intervals up to tmax. */
static double nice_step(double tmax) {
  static const double mult[] = {1, 2, 2.5, 5, 10};
  if (!(tmax > 0))
    return 1;
  double mag = pow(10, floor(log10(tmax / 8)));
  for (size_t i = 0; i < 5; i++)
    if (mult[i] * mag * 8 >= tmax)
      return mult[i] * mag;
  return 10 * mag;
}

static void draw_curve(textbuf *b, const frame *f, const kmplot_curve *c,
                       size_t k, int median_lines) {
  size_t m = c->m, i;
  const double *t = c->t, *s = c->est;
  if (m == 0)
    return;
  double tend = t[m - 1] < f->xmax ? t[m - 1] : f->xmax;
  if (c->sim_lower && c->sim_upper) {
    /* The simultaneous band: a lighter, wider shade over each run of rows
     * inside its range (upper edge left to right, lower edge back). */
    for (i = 0; i < m && t[i] <= tend;) {
      if (isnan(c->sim_lower[i]) || isnan(c->sim_upper[i])) {
        i++;
        continue;
      }
      size_t i0 = i, i1;
      while (i < m && t[i] <= tend && !isnan(c->sim_lower[i]) &&
             !isnan(c->sim_upper[i]))
        i++;
      i1 = i; /* rows i0 .. i1 - 1 */
      double end = i1 < m && t[i1] < tend ? t[i1] : tend;
      textbuf_printf(b,
                     "<path class=\"simband\" fill=\"%s\" "
                     "fill-opacity=\"0.08\" stroke=\"none\" d=\"M%.2f %.2f",
                     color(k), sx(f, t[i0]), sy(f, c->sim_lower[i0]));
      for (size_t q = i0; q < i1; q++) {
        double next = q + 1 < i1 ? t[q + 1] : end;
        textbuf_printf(b, " V%.2f H%.2f", sy(f, c->sim_upper[q]), sx(f, next));
      }
      for (size_t q = i1; q-- > i0;)
        textbuf_printf(b, " V%.2f H%.2f", sy(f, c->sim_lower[q]), sx(f, t[q]));
      textbuf_printf(b, " Z\"/>\n");
    }
  }
  if (c->lower && c->upper) {
    /* Band: upper edge left to right, lower edge right to left. */
    textbuf_printf(b,
                   "<path fill=\"%s\" fill-opacity=\"0.16\" stroke=\"none\" "
                   "d=\"M%.2f %.2f",
                   color(k), sx(f, 0), sy(f, f->v0));
    for (i = 0; i < m && t[i] <= tend; i++) {
      double next = i + 1 < m && t[i + 1] < tend ? t[i + 1] : tend;
      textbuf_printf(b, "H%.2f V%.2f H%.2f", sx(f, t[i]),
                     sy(f, band(c->upper[i], s[i])), sx(f, next));
    }
    for (i = m; i-- > 0;) {
      if (t[i] > tend)
        continue;
      double next = i + 1 < m && t[i + 1] < tend ? t[i + 1] : tend;
      textbuf_printf(b, " H%.2f V%.2f H%.2f", sx(f, next),
                     sy(f, band(c->lower[i], s[i])), sx(f, t[i]));
    }
    textbuf_printf(b, " V%.2f H%.2f Z\"/>\n", sy(f, f->v0), sx(f, 0));
  }
  if (median_lines && f->v0 == 1 && isfinite(c->median) && c->median <= f->xmax)
    textbuf_printf(b,
                   "<path class=\"median\" fill=\"none\" stroke=\"#505050\" "
                   "stroke-width=\"1\" stroke-dasharray=\"4 3\" "
                   "d=\"M%.2f %.2fH%.2fV%.2f\"/>\n",
                   sx(f, 0), sy(f, 0.5), sx(f, c->median), sy(f, 0));
  /* The step curve. */
  textbuf_printf(b,
                 "<path class=\"curve\" fill=\"none\" stroke=\"%s\" "
                 "stroke-width=\"2\"",
                 color(k));
  put_dash(b, k);
  textbuf_printf(b, " d=\"M%.2f %.2f", sx(f, 0), sy(f, f->v0));
  for (i = 0; i < m && t[i] <= tend; i++)
    textbuf_printf(b, " H%.2f V%.2f", sx(f, t[i]), sy(f, s[i]));
  textbuf_printf(b, " H%.2f\"/>\n", sx(f, tend));
  /* Censoring marks. */
  if (!c->n_censor)
    return;
  textbuf_printf(b,
                 "<path class=\"censor\" fill=\"none\" stroke=\"%s\" "
                 "stroke-width=\"1.5\" d=\"",
                 color(k));
  for (i = 0; i < m && t[i] <= tend; i++)
    if (c->n_censor[i] > 0)
      textbuf_printf(b, "M%.2f %.2fv9M%.2f %.2fh9", sx(f, t[i]),
                     sy(f, s[i]) - 4.5, sx(f, t[i]) - 4.5, sy(f, s[i]));
  textbuf_printf(b, "\"/>\n");
}

/* The default at-risk rule: n_risk of the first row at or after each time. */
static void risk_rows(const kmplot_panel *p, const double *times, size_t n,
                      double *out) {
  for (size_t k = 0; k < p->ncurve; k++) {
    const kmplot_curve *c = &p->curve[k];
    size_t i = 0;
    for (size_t j = 0; j < n; j++) {
      while (i < c->m && c->t[i] < times[j])
        i++;
      out[k * n + j] = i < c->m ? c->n_risk[i] : 0;
    }
  }
}

/* Legend entries flow left to right, wrapping at the plot's width. */
static double entry_width(const kmplot_curve *c) {
  return 44 + 7.5 * (double)nchars(c->label ? c->label : "");
}

/* Width of the legend's title (the group column's name) before the
 * entries. */
static double title_width(const kmplot_spec *s) {
  return s->legend_title ? 14 + 8 * (double)nchars(s->legend_title) : 0;
}

static int legend_rows(const kmplot_panel *p, double width, double x) {
  int rows = 1;
  for (size_t k = 0; k < p->ncurve; k++) {
    double w = entry_width(&p->curve[k]);
    if (x > 0 && x + w > width) {
      rows++;
      x = 0;
    }
    x += w;
  }
  return rows;
}

static void legend_entry(textbuf *b, const kmplot_curve *c, size_t k, double x,
                         double y) {
  if (c->lower && c->upper)
    textbuf_printf(b,
                   "<rect x=\"%.2f\" y=\"%.2f\" width=\"28\" height=\"12\" "
                   "fill=\"%s\" fill-opacity=\"0.16\"/>",
                   x, y - 6, color(k));
  textbuf_printf(b,
                 "<path d=\"M%.2f %.2fh28\" stroke=\"%s\" stroke-width=\"2\"",
                 x, y, color(k));
  put_dash(b, k);
  textbuf_printf(b, "/><text x=\"%.2f\" y=\"%.2f\">", x + 36, y + 5);
  put_text(b, c->label ? c->label : "");
  textbuf_printf(b, "</text>\n");
}

/* Whether a label is a number (strtod reads all of it). */
static int numeric(const char *s) {
  char *end;
  if (!*s)
    return 0;
  strtod(s, &end);
  return *end == '\0';
}

/* The name of curve c's at-risk row: its label, or "COLUMN=LABEL" when the
 * label is a number (so that it is not read as a count); *n its length. */
static const char *risk_name(const kmplot_spec *s, const kmplot_curve *c,
                             size_t *n, int *prefix) {
  const char *name = c->risk_label ? c->risk_label : c->label;
  *prefix = name && s->legend_title && numeric(name);
  if (!name)
    name = "All";
  *n = nchars(name) + (*prefix ? nchars(s->legend_title) + 1 : 0);
  return name;
}

/* At-risk row names: at most 24 characters (the legend has the whole). */
static void put_short(textbuf *b, const char *s) {
  size_t n = 0, i;
  if (nchars(s) <= 24) {
    put_text(b, s);
    return;
  }
  for (i = 0; s[i]; i++) {
    n += ((unsigned char)s[i] & 0xc0) != 0x80;
    if (n > 22)
      break;
  }
  textbuf_xml(b, s, i);
  textbuf_printf(b, "...");
}

typedef struct layout {
  double pl, w, xmax, step;
  double *ticks, *rt; /* axis ticks, at-risk times */
  size_t nt, nr;
} layout;

/* Height of panel p from its top to below its at-risk table. */
static double panel_height(const kmplot_spec *s, const kmplot_panel *p,
                           double pl) {
  double h = 8 + (p->title ? 22 : 0);
  if (!s->legend_inside && (p->ncurve > 1 || p->curve[0].label))
    h += 20.0 * legend_rows(p, PW + pl - 16, title_width(s));
  if (!s->legend_inside && s->note)
    h += 16;
  return h + PH + 70 + 20 + 19.0 * (double)(p->ncurve - 1) + 16;
}

static int draw_panel(textbuf *b, const kmplot_spec *s, const kmplot_panel *p,
                      const layout *L, double *risk) {
  const kmplot_opts *o = s->o;
  frame f = {L->pl, 8, L->xmax, s->rising ? 0 : 1};
  size_t k, j;
  int legend = p->ncurve > 1 || p->curve[0].label;
  if (p->title) {
    textbuf_printf(b, "<text x=\"%.2f\" y=\"%.2f\" font-weight=\"bold\">", 8.0,
                   f.pt + 12);
    put_text(b, p->title);
    textbuf_printf(b, "</text>\n");
    f.pt += 22;
  }
  if (!s->legend_inside && legend) {
    double x = title_width(s), y = f.pt + 8;
    if (s->legend_title) {
      textbuf_printf(b, "<text x=\"8\" y=\"%.2f\" font-weight=\"bold\">",
                     y + 5);
      put_text(b, s->legend_title);
      textbuf_printf(b, "</text>\n");
    }
    for (k = 0; k < p->ncurve; k++) {
      double w = entry_width(&p->curve[k]);
      if (x > 0 && x + w > PW + L->pl - 16) {
        x = 0;
        y += 20;
      }
      legend_entry(b, &p->curve[k], k, 8 + x, y);
      x += w;
    }
    f.pt = y + 12;
  }
  if (!s->legend_inside && s->note) {
    textbuf_printf(b,
                   "<text x=\"8\" y=\"%.2f\" font-size=\"11\" "
                   "fill=\"#404040\">",
                   f.pt + 8);
    put_text(b, s->note);
    textbuf_printf(b, "</text>\n");
    f.pt += 16;
  }
  f.pt += 6;
  double pb = sy(&f, 0), pr = L->pl + PW;
  /* Grid: the quarters, the half dashed on a survival plot. */
  textbuf_printf(b, "<g stroke=\"#d9d9d9\" stroke-width=\"1\">\n");
  for (j = 1; j <= 4; j++)
    textbuf_printf(
        b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"%s/>\n", L->pl,
        sy(&f, 0.25 * (double)j), pr, sy(&f, 0.25 * (double)j),
        j == 2 && !s->rising ? " stroke-dasharray=\"5 4\" stroke=\"#9a9a9a\""
                             : "");
  textbuf_printf(b, "</g>\n");
  for (k = 0; k < p->ncurve; k++)
    draw_curve(b, &f, &p->curve[k], k, o && o->median_lines);
  /* Axes and ticks. */
  textbuf_printf(b,
                 "<g stroke=\"black\" stroke-width=\"1.2\" fill=\"none\">"
                 "<path d=\"M%.2f %.2fV%.2fH%.2f\"/>",
                 L->pl, f.pt, pb, pr);
  for (j = 0; j < L->nt; j++)
    textbuf_printf(b, "<path d=\"M%.2f %.2fv5\"/>", sx(&f, L->ticks[j]), pb);
  for (j = 0; j <= 4; j++)
    textbuf_printf(b, "<path d=\"M%.2f %.2fh-5\"/>", L->pl,
                   sy(&f, 0.25 * (double)j));
  textbuf_printf(b, "</g>\n<g class=\"x-labels\" text-anchor=\"middle\">");
  for (j = 0; j < L->nt; j++)
    textbuf_printf(b, "<text x=\"%.2f\" y=\"%.2f\">%.10g</text>",
                   sx(&f, L->ticks[j]), pb + 19, L->ticks[j]);
  textbuf_printf(b,
                 "</g>\n<text x=\"%.2f\" y=\"%.2f\" font-size=\"14\" "
                 "text-anchor=\"middle\">",
                 (L->pl + pr) / 2, pb + 40);
  put_text(b, o && o->xlab ? o->xlab : "Time");
  if (o && o->time_unit) {
    textbuf_printf(b, " (");
    put_text(b, o->time_unit);
    textbuf_printf(b, ")");
  }
  textbuf_printf(b, "</text>\n<g text-anchor=\"end\">\n");
  for (j = 0; j <= 4; j++)
    textbuf_printf(b, "<text x=\"%.2f\" y=\"%.2f\">%.2f</text>\n", L->pl - 8,
                   sy(&f, 0.25 * (double)j) + 5, 0.25 * (double)j);
  textbuf_printf(b, "</g>\n");
  textbuf_printf(b,
                 "<text transform=\"translate(%.2f %.2f) rotate(-90)\" "
                 "text-anchor=\"middle\" font-size=\"14\">",
                 L->pl - 50, (f.pt + pb) / 2);
  put_text(b, o && o->ylab ? o->ylab : s->ylab);
  textbuf_printf(b, "</text>\n");
  /* The p-value where the curves usually are not. */
  if (p->ptext && p->ptext[0]) {
    textbuf_printf(b,
                   "<text class=\"p-value\" x=\"%.2f\" y=\"%.2f\" "
                   "stroke=\"white\" stroke-width=\"4\" "
                   "paint-order=\"stroke\">",
                   L->pl + 10, s->rising ? f.pt + 18 : pb - 12);
    put_text(b, p->ptext);
    textbuf_printf(b, "</text>\n");
  }
  if (s->legend_inside && legend) {
    /* The MDRT figure: a box in the plot's top right corner. */
    double wl = 0, lx, ly = f.pt + 8;
    for (k = 0; k < p->ncurve; k++)
      if (entry_width(&p->curve[k]) + 16 > wl)
        wl = entry_width(&p->curve[k]) + 16;
    if (s->note && 16 + 6.3 * (double)nchars(s->note) > wl)
      wl = 16 + 6.3 * (double)nchars(s->note);
    lx = pr - wl - 4;
    textbuf_printf(b,
                   "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                   "height=\"%.2f\" fill=\"white\" fill-opacity=\"0.9\" "
                   "stroke=\"#bdbdbd\"/>\n",
                   lx, ly, wl, 20.0 * (double)p->ncurve + (s->note ? 38 : 18));
    for (k = 0; k < p->ncurve; k++)
      legend_entry(b, &p->curve[k], k, lx + 8, ly + 18 + 20 * (double)k);
    if (s->note) {
      textbuf_printf(b,
                     "<text x=\"%.2f\" y=\"%.2f\" font-size=\"12\" "
                     "fill=\"#404040\">",
                     lx + 8, ly + 28 + 20 * (double)p->ncurve);
      put_text(b, s->note);
      textbuf_printf(b, "</text>\n");
    }
  }
  /* Number at risk. */
  double ry = pb + 70;
  if (p->risk_at) {
    int rc = p->risk_at(p->ctx, L->rt, L->nr, risk);
    if (rc != SURV_OK)
      return rc;
  } else
    risk_rows(p, L->rt, L->nr, risk);
  textbuf_printf(b,
                 "<text x=\"8\" y=\"%.2f\" font-weight=\"bold\">Number at "
                 "risk</text>\n",
                 ry);
  for (k = 0; k < p->ncurve; k++) {
    double y = ry + 20 + 19 * (double)k;
    textbuf_printf(b,
                   "<text x=\"8\" y=\"%.2f\" fill=\"%s\" "
                   "font-weight=\"bold\">",
                   y, color(k));
    const kmplot_curve *c = &p->curve[k];
    size_t len;
    int prefix;
    const char *rn = risk_name(s, c, &len, &prefix);
    if (prefix) {
      put_text(b, s->legend_title);
      textbuf_printf(b, "=");
    }
    put_short(b, rn);
    textbuf_printf(b, "</text>\n<g class=\"at-risk\" text-anchor=\"middle\">");
    for (j = 0; j < L->nr; j++) {
      double v = risk[k * L->nr + j];
      textbuf_printf(b, "<text x=\"%.2f\" y=\"%.2f\">%.*f</text>",
                     sx(&f, L->rt[j]), y, v == floor(v) ? 0 : 1, v);
    }
    textbuf_printf(b, "</g>\n");
  }
  return SURV_OK;
}

int kmplot_svg(textbuf *b, const kmplot_spec *s) {
  const kmplot_opts *o = s->o;
  layout L = {70, 0, s->xmax, s->step, NULL, NULL, 0, 0};
  size_t maxc = 1, q, k, j;
  double tmax = 0, *risk = NULL;
  int rc = SURV_OK;
  /* The left margin holds the at-risk row names. */
  for (q = 0; q < s->npanel; q++) {
    const kmplot_panel *p = &s->panel[q];
    if (p->ncurve > maxc)
      maxc = p->ncurve;
    for (k = 0; k < p->ncurve; k++) {
      const kmplot_curve *c = &p->curve[k];
      size_t n;
      int prefix;
      risk_name(s, c, &n, &prefix);
      double need = 36 + 9 * (double)(n > 24 ? 24 : n);
      if (need > L.pl)
        L.pl = need;
      if (c->m && c->t[c->m - 1] > tmax)
        tmax = c->t[c->m - 1];
    }
  }
  if (o && o->nrisk && o->risk_t[o->nrisk - 1] > tmax)
    tmax = o->risk_t[o->nrisk - 1];
  if (!(L.step > 0))
    L.step = nice_step(L.xmax > 0 ? L.xmax : tmax);
  if (!(L.xmax > 0))
    L.xmax = L.step * ceil(tmax / L.step - 1e-9);
  if (!(L.xmax > 0))
    L.xmax = L.step;
  if (o && o->nrisk && o->risk_t[o->nrisk - 1] > L.xmax)
    L.xmax = L.step * ceil(o->risk_t[o->nrisk - 1] / L.step - 1e-9);
  if (!isfinite(L.xmax)) { /* times near DBL_MAX: four steps to tmax */
    L.xmax = tmax;
    L.step = tmax / 4;
  }
  double ticks[MAX_TICKS + 1];
  for (j = 0; j <= MAX_TICKS && (double)j <= L.xmax / L.step * (1 + 1e-9); j++)
    ticks[j] = L.step * (double)j;
  L.nt = j;
  L.ticks = ticks;
  L.rt = o && o->nrisk ? o->risk_t : ticks;
  L.nr = o && o->nrisk ? o->nrisk : L.nt;
  risk = malloc(maxc * L.nr * sizeof *risk);
  if (!risk)
    return SURV_ENOMEM;

  /* Panels stacked or side by side, under the title. */
  double pw = L.pl + PW + PRM, top = o && o->title ? 30 : 0, w, h = 0;
  double *ph = malloc(s->npanel * sizeof *ph);
  if (!ph) {
    free(risk);
    return SURV_ENOMEM;
  }
  for (q = 0; q < s->npanel; q++) {
    ph[q] = panel_height(s, &s->panel[q], L.pl);
    if (o && o->side)
      h = ph[q] > h ? ph[q] : h;
    else
      h += ph[q];
  }
  w = o && o->side ? pw * (double)s->npanel : pw;
  h += top + (s->footer ? 14 : 0);
  textbuf_printf(b,
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
                 "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                 "font-family=\"%s\" font-size=\"13\">\n",
                 ceil(w), ceil(h), ceil(w), ceil(h), FONT);
  textbuf_printf(b, "<title>");
  put_text(b, o && o->title  ? o->title
              : s->doc_title ? s->doc_title
              : s->rising    ? "Cumulative incidence"
                             : "Kaplan-Meier estimate");
  textbuf_printf(b, "</title>\n<rect width=\"100%%\" height=\"100%%\" "
                    "fill=\"white\"/>\n");
  if (o && o->title) {
    textbuf_printf(b, "<text x=\"8\" y=\"22\" font-size=\"16\" "
                      "font-weight=\"bold\">");
    put_text(b, o->title);
    textbuf_printf(b, "</text>\n");
  }
  double y0 = top;
  for (q = 0; rc == SURV_OK && q < s->npanel; q++) {
    double dx = o && o->side ? pw * (double)q : 0;
    textbuf_printf(b, "<g transform=\"translate(%.2f %.2f)\">\n", dx, y0);
    rc = draw_panel(b, s, &s->panel[q], &L, risk);
    textbuf_printf(b, "</g>\n");
    if (!(o && o->side))
      y0 += ph[q];
  }
  if (s->footer) {
    textbuf_printf(b,
                   "<text x=\"%.2f\" y=\"%.2f\" font-size=\"11\" "
                   "fill=\"#606060\" text-anchor=\"end\">",
                   w - PRM, h - 6);
    put_text(b, s->footer);
    textbuf_printf(b, "</text>\n");
  }
  textbuf_printf(b, "</svg>\n");
  free(ph);
  free(risk);
  if (rc == SURV_OK && b->failed)
    rc = SURV_ENOMEM;
  return rc;
}

void kmplot_ptext(char *buf, size_t size, const char *name, double p) {
  if (isnan(p))
    snprintf(buf, size, "%s", "");
  else if (p < 0.0001)
    snprintf(buf, size, "%s p < 0.0001", name);
  else
    snprintf(buf, size, "%s p = %.2g", name, p);
}

int kmplot_option(opts *o, kmplot_opts *f, unsigned allowed) {
  const char **text = NULL;
  if (opts_value(o, "--svg")) {
    f->svg = o->value;
    return 1;
  }
  if ((allowed & KMPLOT_MEDIAN) && opts_flag(o, "--median-lines"))
    f->median_lines = 1;
  else if (opts_value(o, "--title"))
    text = &f->title;
  else if (opts_value(o, "--xlab"))
    text = &f->xlab;
  else if (opts_value(o, "--ylab"))
    text = &f->ylab;
  else if (opts_value(o, "--time-unit"))
    text = &f->time_unit;
  else if (opts_value(o, "--risk-times")) {
    size_t n;
    double *t = NULL;
    if ((n = opts_times(o->value, &t)) == 0)
      opts_fail(o,
                "--risk-times must be increasing times >= 0 separated by "
                "commas, not '%s'",
                o->value);
    for (size_t i = 1; i < n; i++)
      if (!(t[i] > t[i - 1])) {
        free(t);
        opts_fail(o,
                  "--risk-times must be increasing times >= 0 separated by "
                  "commas, not '%s'",
                  o->value);
      }
    free(f->risk_t);
    f->risk_t = t;
    f->nrisk = n;
  } else if ((allowed & KMPLOT_LAYOUT) && opts_value(o, "--svg-layout")) {
    if (strcmp(o->value, "stacked") == 0)
      f->side = 0;
    else if (strcmp(o->value, "side") == 0)
      f->side = 1;
    else
      opts_fail(o, "--svg-layout must be stacked or side, not '%s'", o->value);
  } else
    return 0;
  if (text)
    *text = o->value;
  if (!f->needs_svg)
    f->needs_svg = o->arg;
  return 1;
}

void kmplot_option_check(const opts *o, const kmplot_opts *f) {
  if (f->needs_svg && !f->svg)
    opts_fail(o, "'%s' goes with --svg=FILE", f->needs_svg);
}

void kmplot_band_note(char *buf, size_t size, int type, double level) {
  static const char *const name[] = {"plain", "log", "log-log", "logit",
                                     "arcsin"};
  snprintf(buf, size, "Shaded: %.10g%% CI (%s); + censored", 100 * level,
           type >= 0 && type < 5 ? name[type] : "?");
}

int kmplot_file(const char *prog, const char *name, int rc,
                const kmplot_spec *s) {
  textbuf b = {0};
  int bad = 0;
  if (rc == SURV_OK)
    rc = kmplot_svg(&b, s);
  if (rc != SURV_OK) {
    fprintf(stderr, "%s: %s: %s\n", prog, name, surv_strerror(rc));
    bad = 1;
  } else if (textbuf_write_file(s->o->svg, &b) != 0) {
    fprintf(stderr, "%s: %s: %s\n", prog, s->o->svg, strerror(errno));
    bad = 1;
  }
  textbuf_free(&b);
  return bad;
}
