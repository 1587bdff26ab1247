/* The MDRT figure: Kaplan-Meier curves of TTNT and PFS with shaded log-log
 * 95% pointwise bands, censoring marks, a number at risk table every 6
 * months under the time axis, and a legend, drawn by examples/kmplot.c (the
 * figures of surv-km and surv-cif). */
#include "mdrt.h"

#include <math.h>
#include <stdlib.h>

#include "kmplot.h"

/* The number at risk of each curve at the times (surv_curve_at). */
static int risk_at(void *ctx, const double *times, size_t n, double *out) {
  const surv_result *const *km = ctx;
  for (size_t k = 0; k < 2; k++) {
    int rc = surv_curve_at(km[k], times, n, SURV_CI_LOGLOG, 0.95, NULL, NULL,
                           NULL, NULL, out + k * n, n);
    if (rc != SURV_OK)
      return rc;
  }
  return SURV_OK;
}

int mdrt_svg(textbuf *b, const mdrt_results *r) {
  const surv_result *km[2] = {r->ttnt.km, r->pfs.km};
  static const char *const names[2] = {"Time to next systemic therapy",
                                       "Progression-free survival"};
  kmplot_curve cv[2] = {{0}, {0}};
  double *lim[2] = {NULL, NULL};
  int rc = SURV_OK;
  /* Time axis: whole 6-month steps covering both curves, at most 60. */
  double tmax = 0;
  for (int k = 0; k < 2 && rc == SURV_OK; k++) {
    size_t m;
    kmplot_curve *c = &cv[k];
    c->t = surv_result_column(km[k], SURV_COL_TIME, &m);
    c->m = m;
    c->est = surv_result_column(km[k], SURV_COL_SURV, NULL);
    c->n_censor = surv_result_column(km[k], SURV_COL_N_CENSOR, NULL);
    c->n_risk = surv_result_column(km[k], SURV_COL_N_RISK, NULL);
    c->label = names[k];
    c->risk_label = k == 0 ? "TTNT" : "PFS";
    c->median = k == 0 ? r->ttnt.median : r->pfs.median;
    if (m && c->t[m - 1] > tmax)
      tmax = c->t[m - 1];
    lim[k] = malloc(2 * (m ? m : 1) * sizeof *lim[k]);
    rc = lim[k]
             ? surv_curve_ci(km[k], SURV_CI_LOGLOG, 0.95, lim[k], lim[k] + m, m)
             : SURV_ENOMEM;
    c->lower = lim[k];
    c->upper = lim[k] ? lim[k] + m : NULL;
  }
  double xmax = 6.0 * ceil(tmax / 6.0);
  if (xmax < 12)
    xmax = 12;
  if (xmax > 60)
    xmax = 60;
  kmplot_opts o = {0};
  o.xlab = "Months since MDRT";
  kmplot_panel p = {cv, 2, NULL, NULL, risk_at, (void *)km};
  kmplot_spec s = {0};
  s.panel = &p;
  s.npanel = 1;
  s.o = &o;
  s.ylab = "Probability event-free";
  s.note = "Shaded: 95% CI (log-log); + censored";
  s.footer = "SYNTHETIC data (mdrt-gen), not patient records";
  s.doc_title = "MDRT cohort (SYNTHETIC data): Kaplan-Meier estimates of "
                "TTNT and PFS";
  s.xmax = xmax;
  s.step = 6;
  s.legend_inside = 1;
  if (rc == SURV_OK)
    rc = kmplot_svg(b, &s);
  free(lim[0]);
  free(lim[1]);
  return rc;
}
