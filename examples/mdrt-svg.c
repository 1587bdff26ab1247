/* The MDRT figure as SVG, in plain C: Kaplan-Meier curves of TTNT and PFS
 * with shaded log-log 95% pointwise bands (steps), censoring marks, a number
 * at risk table every 6 months under the time axis, and a legend. */
#include "mdrt.h"

#include <math.h>
#include <stdlib.h>

/* Geometry in px: the figure is meant to be printed at a column's width. */
#define W 480.0
#define PL 70.0  /* plot left */
#define PR 466.0 /* plot right */
#define PT 14.0  /* plot top */
#define PB 262.0 /* plot bottom */
#define FONT "DejaVu Sans, Helvetica, Arial, sans-serif"

typedef struct curve {
  const surv_result *km;
  const char *name, *color;
} curve;

static double sx(double t, double xmax) { return PL + (PR - PL) * t / xmax; }
static double sy(double s) { return PB - (PB - PT) * s; }

/* A band limit where R gives NA: S itself (a censor-only row before the
 * first event has S = 1 and zero variance). */
static double band(double v, double s) { return isnan(v) ? s : v; }

static int draw_curve(mdrt_buf *b, const curve *c, double xmax) {
  size_t m;
  const double *t = surv_result_column(c->km, SURV_COL_TIME, &m);
  const double *s = surv_result_column(c->km, SURV_COL_SURV, NULL);
  const double *nc = surv_result_column(c->km, SURV_COL_N_CENSOR, NULL);
  double *lo = malloc(2 * (m ? m : 1) * sizeof *lo);
  if (!lo)
    return SURV_ENOMEM;
  double *hi = lo + m;
  int rc = surv_curve_ci(c->km, SURV_CI_LOGLOG, 0.95, lo, hi, m);
  if (rc != SURV_OK) {
    free(lo);
    return rc;
  }
  double tend = t[m - 1] < xmax ? t[m - 1] : xmax;
  /* Band: upper edge left to right, lower edge right to left. */
  mdrt_buf_printf(b,
                  "<path fill=\"%s\" fill-opacity=\"0.16\" stroke=\"none\" "
                  "d=\"M%.2f %.2f",
                  c->color, sx(0, xmax), sy(1));
  for (size_t i = 0; i < m && t[i] <= tend; i++) {
    double next = i + 1 < m && t[i + 1] < tend ? t[i + 1] : tend;
    mdrt_buf_printf(b, "H%.2f V%.2f H%.2f", sx(t[i], xmax),
                    sy(band(hi[i], s[i])), sx(next, xmax));
  }
  for (size_t i = m; i-- > 0;) {
    if (t[i] > tend)
      continue;
    double next = i + 1 < m && t[i + 1] < tend ? t[i + 1] : tend;
    mdrt_buf_printf(b, " H%.2f V%.2f H%.2f", sx(next, xmax),
                    sy(band(lo[i], s[i])), sx(t[i], xmax));
  }
  mdrt_buf_printf(b, " V%.2f H%.2f Z\"/>\n", sy(1), sx(0, xmax));
  /* The step curve. */
  mdrt_buf_printf(b,
                  "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                  "d=\"M%.2f %.2f",
                  c->color, sx(0, xmax), sy(1));
  for (size_t i = 0; i < m && t[i] <= tend; i++)
    mdrt_buf_printf(b, " H%.2f V%.2f", sx(t[i], xmax), sy(s[i]));
  mdrt_buf_printf(b, " H%.2f\"/>\n", sx(tend, xmax));
  /* Censoring marks. */
  mdrt_buf_printf(b,
                  "<path fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" "
                  "d=\"",
                  c->color);
  for (size_t i = 0; i < m && t[i] <= tend; i++)
    if (nc[i] > 0)
      mdrt_buf_printf(b, "M%.2f %.2fv9M%.2f %.2fh9", sx(t[i], xmax),
                      sy(s[i]) - 4.5, sx(t[i], xmax) - 4.5, sy(s[i]));
  mdrt_buf_printf(b, "\"/>\n");
  free(lo);
  return SURV_OK;
}

int mdrt_svg(mdrt_buf *b, const mdrt_results *r) {
  const curve cv[2] = {
      {r->ttnt.km, "TTNT", "#1f5fa8"},
      {r->pfs.km, "PFS", "#c8461b"},
  };
  /* Time axis: whole 6-month steps covering both curves, at most 60. */
  double tmax = 0;
  for (int k = 0; k < 2; k++) {
    size_t m;
    const double *t = surv_result_column(cv[k].km, SURV_COL_TIME, &m);
    if (m && t[m - 1] > tmax)
      tmax = t[m - 1];
  }
  double xmax = 6.0 * ceil(tmax / 6.0);
  if (xmax < 12)
    xmax = 12;
  if (xmax > 60)
    xmax = 60;
  int nt = (int)(xmax / 6.0) + 1;
  double ticks[11], risk[2][11];
  for (int j = 0; j < nt; j++)
    ticks[j] = 6.0 * j;
  for (int k = 0; k < 2; k++) {
    int rc = surv_curve_at(cv[k].km, ticks, (size_t)nt, SURV_CI_LOGLOG, 0.95,
                           NULL, NULL, NULL, NULL, risk[k], (size_t)nt);
    if (rc != SURV_OK)
      return rc;
  }

  double h = PB + 138;
  mdrt_buf_printf(
      b,
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
      "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"%s\" "
      "font-size=\"13\">\n",
      W, h, W, h, FONT);
  mdrt_buf_printf(b, "<title>MDRT cohort (SYNTHETIC data): Kaplan-Meier "
                     "estimates of TTNT and PFS</title>\n");
  mdrt_buf_printf(b,
                  "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
  /* Grid and axes. */
  mdrt_buf_printf(b, "<g stroke=\"#d9d9d9\" stroke-width=\"1\">\n");
  for (int j = 1; j <= 4; j++)
    mdrt_buf_printf(
        b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"%s/>\n", PL,
        sy(0.25 * j), PR, sy(0.25 * j),
        j == 2 ? " stroke-dasharray=\"5 4\" stroke=\"#9a9a9a\"" : "");
  mdrt_buf_printf(b, "</g>\n");
  for (int k = 0; k < 2; k++) {
    int rc = draw_curve(b, &cv[k], xmax);
    if (rc != SURV_OK)
      return rc;
  }
  mdrt_buf_printf(b,
                  "<g stroke=\"black\" stroke-width=\"1.2\" fill=\"none\">"
                  "<path d=\"M%.2f %.2fV%.2fH%.2f\"/>",
                  PL, PT, PB, PR);
  for (int j = 0; j < nt; j++)
    mdrt_buf_printf(b, "<path d=\"M%.2f %.2fv5\"/>", sx(ticks[j], xmax), PB);
  for (int j = 0; j <= 4; j++)
    mdrt_buf_printf(b, "<path d=\"M%.2f %.2fh-5\"/>", PL, sy(0.25 * j));
  mdrt_buf_printf(b, "</g>\n");
  mdrt_buf_printf(b, "<g text-anchor=\"middle\">\n");
  for (int j = 0; j < nt; j++)
    mdrt_buf_printf(b, "<text x=\"%.2f\" y=\"%.2f\">%.0f</text>\n",
                    sx(ticks[j], xmax), PB + 19, ticks[j]);
  mdrt_buf_printf(b,
                  "<text x=\"%.2f\" y=\"%.2f\" font-size=\"14\">Months since "
                  "MDRT</text>\n",
                  (PL + PR) / 2, PB + 40);
  mdrt_buf_printf(b, "</g>\n<g text-anchor=\"end\">\n");
  for (int j = 0; j <= 4; j++)
    mdrt_buf_printf(b, "<text x=\"%.2f\" y=\"%.2f\">%.2f</text>\n", PL - 8,
                    sy(0.25 * j) + 5, 0.25 * j);
  mdrt_buf_printf(b, "</g>\n");
  mdrt_buf_printf(b,
                  "<text transform=\"translate(20 %.2f) rotate(-90)\" "
                  "text-anchor=\"middle\" font-size=\"14\">Probability "
                  "event-free</text>\n",
                  (PT + PB) / 2);
  /* Legend, top right inside the plot. */
  double lx = PR - 254, ly = PT + 8;
  mdrt_buf_printf(b,
                  "<rect x=\"%.2f\" y=\"%.2f\" width=\"250\" height=\"78\" "
                  "fill=\"white\" fill-opacity=\"0.9\" stroke=\"#bdbdbd\"/>\n",
                  lx, ly);
  static const char *const names[2] = {"Time to next systemic therapy",
                                       "Progression-free survival"};
  for (int k = 0; k < 2; k++) {
    double y = ly + 18 + 20 * k;
    mdrt_buf_printf(b,
                    "<rect x=\"%.2f\" y=\"%.2f\" width=\"26\" height=\"12\" "
                    "fill=\"%s\" fill-opacity=\"0.16\"/><path d=\"M%.2f "
                    "%.2fh26\" stroke=\"%s\" stroke-width=\"2\"/>"
                    "<text x=\"%.2f\" y=\"%.2f\">%s</text>\n",
                    lx + 8, y - 6, cv[k].color, lx + 8, y, cv[k].color, lx + 40,
                    y + 5, names[k]);
  }
  mdrt_buf_printf(
      b,
      "<text x=\"%.2f\" y=\"%.2f\" font-size=\"12\" "
      "fill=\"#404040\">Shaded: 95%% CI (log-log); + censored</text>\n",
      lx + 8, ly + 68);
  /* Number at risk. */
  double ry = PB + 70;
  mdrt_buf_printf(b,
                  "<text x=\"%.2f\" y=\"%.2f\" font-weight=\"bold\">Number "
                  "at risk</text>\n",
                  8.0, ry);
  for (int k = 0; k < 2; k++) {
    double y = ry + 20 + 19 * k;
    mdrt_buf_printf(b,
                    "<text x=\"%.2f\" y=\"%.2f\" fill=\"%s\" "
                    "font-weight=\"bold\">%s</text>\n",
                    8.0, y, cv[k].color, cv[k].name);
    mdrt_buf_printf(b, "<g text-anchor=\"middle\">");
    for (int j = 0; j < nt; j++)
      mdrt_buf_printf(b, "<text x=\"%.2f\" y=\"%.2f\">%.0f</text>",
                      sx(ticks[j], xmax), y, risk[k][j]);
    mdrt_buf_printf(b, "</g>\n");
  }
  mdrt_buf_printf(b,
                  "<text x=\"%.2f\" y=\"%.2f\" font-size=\"11\" "
                  "fill=\"#606060\" text-anchor=\"end\">SYNTHETIC data "
                  "(mdrt-gen), not patient records</text>\n",
                  PR, h - 6);
  mdrt_buf_printf(b, "</svg>\n");
  return SURV_OK;
}
