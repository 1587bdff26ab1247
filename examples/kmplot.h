/* Publication figures of survival curves as SVG, in plain C (not installed,
 * not part of libsurv): Kaplan-Meier curves (surv-km --svg, the MDRT
 * report's figure) and cumulative incidence curves (surv-cif --svg), in the
 * layout of survminer's ggsurvplot: step curves with shaded pointwise
 * confidence bands, '+' censoring marks, the number at risk under the time
 * axis, a test's p-value, optional median lines, a legend from the group
 * labels.
 *
 *   - Colours are the Okabe-Ito palette (Okabe and Ito 2008, "Color
 *     universal design"), readable by colour-blind readers, and every curve
 *     after the first has its own dash pattern, so the curves stay apart in
 *     grey print.
 *   - Every text from the user (labels, titles) is escaped for XML (&, <, >,
 *     quotes as entities; control bytes such as tab and newline as spaces;
 *     bytes that are not UTF-8 as '?').
 *   - The curves are stroked step paths starting at (0, 1) (Kaplan-Meier) or
 *     (0, 0), the censoring marks '+' in the curve's colour, the at-risk rows
 *     numbers at the times' x positions named by a label in the curve's
 *     colour: examples/svgkm.h (surv-ipd --svg) reads a Kaplan-Meier figure
 *     back, curves, marks and at-risk rows.
 *
 * Cost: O(rows) per curve. */
#ifndef SURV_EXAMPLES_KMPLOT_H
#define SURV_EXAMPLES_KMPLOT_H

#include <stddef.h>

#include "opts.h"
#include "textbuf.h"

/* One curve: its m rows (times ascending) as a libsurv curve gives them. */
typedef struct kmplot_curve {
  const char *label;           /* legend and at-risk row name, any bytes */
  const char *risk_label;      /* at-risk row name if not label (or NULL) */
  size_t m;                    /* rows, >= 1 */
  const double *t;             /* row times */
  const double *est;           /* estimate after each row */
  const double *lower, *upper; /* pointwise limits (NaN: the estimate); NULL:
                                  no band */
  const double *sim_lower, *sim_upper; /* a simultaneous band (NaN outside
                                          its range), a lighter shade;
                                          NULL: none */
  const double *n_censor;      /* censored at each row (NULL: no marks) */
  const double *n_risk;        /* at risk at each row (the at-risk rule) */
  double median;               /* for the median lines (NaN: none reached) */
} kmplot_curve;

/* One panel: curves on one pair of axes, with their at-risk table. */
typedef struct kmplot_panel {
  const kmplot_curve *curve;
  size_t ncurve;
  const char *title; /* above the panel (NULL: none) */
  const char *ptext; /* a test's p-value, "Log-rank p = 0.013" (NULL: none) */
  /* The number at risk of every curve at the times[0..n), curve-major, into
   * out (ncurve * n values); NULL: at time T the row's n_risk of the first
   * row at or after T, 0 after the last (no delayed entry). Returns a
   * libsurv code. */
  int (*risk_at)(void *ctx, const double *times, size_t n, double *out);
  void *ctx;
} kmplot_panel;

/* The figure options a user chooses (surv-km, surv-cif: kmplot_option). */
typedef struct kmplot_opts {
  const char *svg;                 /* --svg=FILE (NULL: no figure) */
  const char *title, *xlab, *ylab; /* --title, --xlab, --ylab */
  const char *time_unit;           /* --time-unit: "Time (UNIT)" */
  double *risk_t;                  /* --risk-times (owned; NULL: ticks) */
  size_t nrisk;
  int median_lines;      /* --median-lines */
  int side;              /* --svg-layout=side (else stacked) */
  const char *needs_svg; /* the first option given that needs --svg */
} kmplot_opts;

/* The whole figure. */
typedef struct kmplot_spec {
  const kmplot_panel *panel;
  size_t npanel;
  const kmplot_opts *o;
  int rising;               /* cumulative incidence: curves rise from (0, 0) */
  const char *ylab;         /* the default y label (o->ylab overrides it) */
  const char *note;         /* a line under the legend ("Shaded: 95% CI") */
  const char *footer;       /* small print at the bottom right (NULL: none) */
  const char *doc_title;    /* the document's <title> without o->title */
  double xmax, step;        /* the time axis (0: chosen from the data) */
  int legend_inside;        /* legend in the plot's top right corner */
  const char *legend_title; /* the group column: before the legend, and
                               "COLUMN=LABEL" names a numeric label's
                               at-risk row (NULL: none) */
} kmplot_spec;

/* Append the SVG document to b. Returns a libsurv code (SURV_OK, or the
 * code of risk_at). */
int kmplot_svg(textbuf *b, const kmplot_spec *s);

/* "NAME p = 0.013" (two significant digits; "NAME p < 0.0001"), or ""
 * when p is NaN. */
void kmplot_ptext(char *buf, size_t size, const char *name, double p);

/* The figure options of the current argument (opts_value/opts_flag):
 * --svg, --risk-times, --title, --xlab, --ylab, --time-unit, and those of
 * --median-lines and --svg-layout that allowed has (KMPLOT_* bits). Returns
 * 1 when it was one of them (a bad value is a usage error, exit 2), else
 * 0. */
enum { KMPLOT_MEDIAN = 0x1, KMPLOT_LAYOUT = 0x2 };
int kmplot_option(opts *o, kmplot_opts *f, unsigned allowed);

/* After the options: the figure options other than --svg need --svg
 * (usage error, exit 2). */
void kmplot_option_check(const opts *o, const kmplot_opts *f);

/* "Shaded: 95% CI (log-log); + censored" for a band of confidence level
 * level and transformation type (a surv_ci_type). */
void kmplot_band_note(char *buf, size_t size, int type, double level);

/* When rc (the code of the caller's computations) is SURV_OK: draw the
 * figure (kmplot_svg) and write it to s->o->svg through a temporary file
 * renamed into place. Returns 0, or 1 after one line on stderr: "PROG:
 * NAME: libsurv error" (NAME the input; rc's, or the drawing's) or "PROG:
 * FILE: REASON" (FILE the figure). */
int kmplot_file(const char *prog, const char *name, int rc,
                const kmplot_spec *s);

#endif /* SURV_EXAMPLES_KMPLOT_H */
