/* The MDRT study's analyses on libsurv: counts by subtype, the 6-month and
 * 1-year "remained on the same systemic therapy" proportions, the subtype
 * tests (Pearson chi-square, G, Fisher-Freeman-Halton) and Kaplan-Meier
 * medians with log-log 95% limits for TTNT and PFS, then the comparison with
 * the published figures. See surv-mdrt(1) for the definitions. */
#include "mdrt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const subtype_names[MDRT_NSUB] = {"HR+/HER2-", "HER2+",
                                                     "TNBC"};

const double mdrt_landmarks[MDRT_NLAND] = {6.0, 12.0};

const char *mdrt_subtype_name(int subtype) {
  return subtype >= 0 && subtype < MDRT_NSUB ? subtype_names[subtype] : "?";
}

int mdrt_subtype_parse(const char *s) {
  for (int k = 0; k < MDRT_NSUB; k++)
    if (strcmp(s, subtype_names[k]) == 0)
      return k;
  return -1;
}

/* KM fit, median with log-log 95% limits, survival at the landmarks. */
static int km_summary(const double *time, const int *status, size_t n,
                      mdrt_km_summary *out) {
  surv_result *km = NULL;
  surv_data d = SURV_DATA_INIT;
  const double half = 0.5;
  d.n = n;
  d.time = time;
  d.status = status;
  int rc = surv_km_fit(&d, 0, &km);
  if (rc == SURV_OK)
    rc = surv_curve_quantile(km, &half, 1, SURV_CI_LOGLOG, 0.95, &out->median,
                             &out->median_lower, &out->median_upper, 1);
  if (rc == SURV_OK)
    rc = surv_curve_at(km, mdrt_landmarks, MDRT_NLAND, SURV_CI_LOGLOG, 0.95,
                       out->surv, NULL, out->lower, out->upper, out->n_risk,
                       MDRT_NLAND);
  if (rc != SURV_OK) {
    surv_result_free(km);
    return rc;
  }
  out->events = 0;
  for (size_t i = 0; i < n; i++)
    out->events += status[i];
  out->km = km;
  return SURV_OK;
}

/* KM median per subtype and the log-rank test across subtypes. */
/* Hazard ratios by subtype, HR+/HER2- the reference (surv_cox_fit(3) on
 * the 0/1 columns HER2+ and TNBC, Efron ties: R's coxph(Surv(t, s) ~
 * subtype)). A subtype without patients gives a constant column: its ratio
 * is NA (R's NA). */
static int subtype_cox(const double *time, const int *status, const int *group,
                       size_t n, mdrt_subtype_km *out) {
  for (int k = 0; k < MDRT_NSUB; k++)
    out->hr[k] = out->hr_lower[k] = out->hr_upper[k] = out->hr_p[k] = NAN;
  out->lr = out->lr_df = out->lr_p = NAN;
  double *x = calloc(n ? 2 * n : 1, sizeof *x);
  if (!x)
    return SURV_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    x[2 * i] = group[i] == MDRT_HER2;
    x[2 * i + 1] = group[i] == MDRT_TNBC;
  }
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.time = time;
  d.status = status;
  d.x = x;
  d.p = 2;
  surv_result *fit = NULL;
  int rc = surv_cox_fit(&d, NULL, &fit);
  free(x);
  if (rc != SURV_OK)
    return rc;
  const double *hr = surv_result_column(fit, SURV_COL_EXP_COEF, NULL);
  const double *lo = surv_result_column(fit, SURV_COL_LOWER, NULL);
  const double *hi = surv_result_column(fit, SURV_COL_UPPER, NULL);
  const double *pv = surv_result_column(fit, SURV_COL_P_VALUE, NULL);
  for (int j = 0; j < 2; j++) {
    out->hr[1 + j] = hr[j];
    out->hr_lower[1 + j] = lo[j];
    out->hr_upper[1 + j] = hi[j];
    out->hr_p[1 + j] = pv[j];
  }
  surv_test t;
  if (surv_result_test(fit, SURV_TEST_LR, &t) == SURV_OK) {
    out->lr = t.statistic;
    out->lr_df = t.df;
    out->lr_p = t.p_value;
  }
  surv_result_free(fit);
  return SURV_OK;
}

static int subtype_km(const double *time, const int *status, const int *group,
                      size_t n, mdrt_subtype_km *out) {
  const double half = 0.5;
  double q[MDRT_NSUB], lo[MDRT_NSUB], hi[MDRT_NSUB];
  surv_result *km = NULL;
  surv_data d = SURV_DATA_INIT;
  for (int k = 0; k < MDRT_NSUB; k++) {
    out->n[k] = out->events[k] = 0;
    for (size_t i = 0; i < n; i++)
      if (group[i] == k) {
        out->n[k]++;
        out->events[k] += status[i];
      }
    out->median[k] = out->lower[k] = out->upper[k] = NAN; /* NA if absent */
  }
  /* one stratified fit; its strata are the subtypes present, ascending */
  d.n = n;
  d.time = time;
  d.status = status;
  d.strata = group;
  int rc = surv_km_fit(&d, 0, &km);
  if (rc == SURV_OK)
    rc = surv_curve_quantile(km, &half, 1, SURV_CI_LOGLOG, 0.95, q, lo, hi,
                             MDRT_NSUB);
  if (rc == SURV_OK) {
    size_t rows, si = 0;
    const double *lab = surv_result_column(km, SURV_COL_STRATUM, &rows);
    for (size_t i = 0; i < rows; i++)
      if (i == 0 || lab[i] != lab[i - 1]) {
        int k = (int)lab[i]; /* subtypes are 0 .. MDRT_NSUB - 1 */
        out->median[k] = q[si];
        out->lower[k] = lo[si];
        out->upper[k] = hi[si];
        si++;
      }
  }
  surv_result_free(km);
  if (rc != SURV_OK)
    return rc;
  surv_result *lr = NULL;
  surv_test t;
  out->chisq = out->df = out->p = NAN;
  d.group = group; /* same data, groups compared instead of strata */
  d.strata = NULL;
  rc = surv_logrank_test(&d, NULL, &lr);
  if (rc == SURV_EGROUP) /* a single subtype: no test; ratios NA */
    return subtype_cox(time, status, group, n, out);
  if (rc != SURV_OK)
    return rc;
  surv_result_test(lr, SURV_TEST_MAIN, &t);
  out->chisq = t.statistic;
  out->df = t.df;
  out->p = t.p_value;
  surv_result_free(lr);
  return subtype_cox(time, status, group, n, out);
}

/* A test that cannot be computed on this table (a subtype with no evaluable
 * patient, nobody remaining) is reported as NA, not as a failure. */
static int table_test_rc(int rc, double *a, double *b, double *c) {
  if (rc == SURV_ETABLE || rc == SURV_ECOUNT || rc == SURV_ESIZE) {
    *a = *b = *c = NAN;
    return SURV_OK;
  }
  return rc;
}

int mdrt_analyse(const mdrt_patient *p, size_t n, mdrt_results *r) {
  memset(r, 0, sizeof *r);
  for (size_t i = 0; i < n; i++) {
    int k = p[i].subtype;
    r->n[k]++;
    if (!p[i].has_fu)
      continue;
    r->eval[k]++;
    if (p[i].ttnt >= mdrt_landmarks[0])
      r->rem6[k]++;
    r->pf6 += p[i].pfs >= mdrt_landmarks[0];
    if (p[i].followup >= mdrt_landmarks[1]) {
      r->oneyear[k]++;
      if (p[i].ttnt >= mdrt_landmarks[1])
        r->rem12[k]++;
      r->pf12 += p[i].pfs >= mdrt_landmarks[1];
    }
  }
  for (int k = 0; k < MDRT_NSUB; k++) {
    r->n[MDRT_NSUB] += r->n[k];
    r->eval[MDRT_NSUB] += r->eval[k];
    r->rem6[MDRT_NSUB] += r->rem6[k];
    r->oneyear[MDRT_NSUB] += r->oneyear[k];
    r->rem12[MDRT_NSUB] += r->rem12[k];
    r->table[2 * k] = r->rem6[k];
    r->table[2 * k + 1] = r->eval[k] - r->rem6[k];
  }

  surv_test t;
  int rc = surv_chisq_test(r->table, MDRT_NSUB, 2, 0, r->expected, &t);
  r->n_below5 = 0;
  if (rc == SURV_OK) {
    r->chisq = t.statistic;
    r->chisq_df = t.df;
    r->chisq_p = t.p_value;
    for (int j = 0; j < 2 * MDRT_NSUB; j++) /* E = 0 in an empty row */
      r->n_below5 += r->expected[j] > 0 && r->expected[j] < 5;
  } else {
    for (int j = 0; j < 2 * MDRT_NSUB; j++)
      r->expected[j] = NAN;
  }
  rc = table_test_rc(rc, &r->chisq, &r->chisq_df, &r->chisq_p);
  if (rc == SURV_OK) {
    rc = surv_gtest(r->table, MDRT_NSUB, 2, 0, &t);
    if (rc == SURV_OK) {
      r->g = t.statistic;
      r->g_df = t.df;
      r->g_p = t.p_value;
    }
    rc = table_test_rc(rc, &r->g, &r->g_df, &r->g_p);
  }
  if (rc == SURV_OK) {
    double unused1, unused2;
    rc = table_test_rc(surv_fisher_rxc(r->table, MDRT_NSUB, 2, 0, &r->fisher_p),
                       &r->fisher_p, &unused1, &unused2);
  }
  if (rc != SURV_OK)
    return rc;

  size_t m = (size_t)r->eval[MDRT_NSUB];
  double *t1 = malloc((m ? m : 1) * 3 * sizeof *t1);
  int *s1 = malloc((m ? m : 1) * 4 * sizeof *s1);
  if (!t1 || !s1) {
    free(t1);
    free(s1);
    return SURV_ENOMEM;
  }
  double *t2 = t1 + m, *t3 = t1 + 2 * m;
  int *s2 = s1 + m, *sub = s1 + 2 * m, *alive = s1 + 3 * m;
  size_t j = 0;
  for (size_t i = 0; i < n; i++) {
    if (!p[i].has_fu)
      continue;
    t1[j] = p[i].ttnt;
    s1[j] = p[i].ttnt_event;
    t2[j] = p[i].pfs;
    s2[j] = p[i].pfs_event;
    t3[j] = p[i].followup;
    sub[j] = p[i].subtype;
    alive[j] = 0; /* no vital status: every end of follow-up censors death */
    j++;
  }
  rc = subtype_km(t1, s1, sub, m, &r->ttnt_sub);
  if (rc == SURV_OK)
    rc = subtype_km(t2, s2, sub, m, &r->pfs_sub);
  if (rc == SURV_OK) {
    surv_data d = SURV_DATA_INIT;
    d.n = m;
    d.time = t3;
    d.status = alive;
    rc = surv_km_followup(&d, 0, SURV_CI_LOGLOG, 0.95, &r->fu_median,
                          &r->fu_lower, &r->fu_upper);
  }
  if (rc == SURV_OK)
    rc = km_summary(t1, s1, m, &r->ttnt);
  if (rc == SURV_OK) {
    rc = km_summary(t2, s2, m, &r->pfs);
    if (rc != SURV_OK) {
      surv_result_free(r->ttnt.km);
      r->ttnt.km = NULL;
    }
  }
  free(t1);
  free(s1);
  return rc;
}

void mdrt_results_free(mdrt_results *r) {
  surv_result_free(r->ttnt.km);
  surv_result_free(r->pfs.km);
  r->ttnt.km = r->pfs.km = NULL;
}

/* "x (p%)" or "x/n (p%)" with the percentage rounded to an integer. */
static void fmt_prop(char *s, size_t size, long x, long n, int show_n) {
  if (n <= 0) {
    snprintf(s, size, "%ld/%ld (NA)", x, n);
    return;
  }
  double pct = 100.0 * (double)x / (double)n;
  if (show_n)
    snprintf(s, size, "%ld/%ld (%.0f%%)", x, n, pct);
  else
    snprintf(s, size, "%ld (%.0f%%)", x, pct);
}

/* A number at one decimal, NA when undefined. */
static const char *fmt1(char *s, size_t size, double x) {
  if (isnan(x))
    snprintf(s, size, "NA");
  else
    snprintf(s, size, "%.1f", x);
  return s;
}

static void fmt_median(char *s, size_t size, const mdrt_km_summary *k) {
  char a[20], b[20], c[20];
  snprintf(s, size, "%s (%s-%s)", fmt1(a, sizeof a, k->median),
           fmt1(b, sizeof b, k->median_lower),
           fmt1(c, sizeof c, k->median_upper));
}

int mdrt_figures(const mdrt_results *r, mdrt_figure fig[MDRT_NFIG]) {
  static const struct {
    const char *label, *published;
  } pub[MDRT_NFIG] = {
      {"Patients", "52"},
      {"HR+/HER2-", "36"},
      {"HER2+", "10"},
      {"TNBC", "6"},
      {"With follow-up data", "47"},
      {"Same therapy at 6 months", "28 (60%)"},
      {"  HR+/HER2-", "22/34 (65%)"},
      {"  HER2+", "5/9 (56%)"},
      {"  TNBC", "1/4 (25%)"},
      {"Subtype difference, p", "0.30"},
      {"At least 1 year of follow-up", "38"},
      {"Same therapy at 1 year", "18 (47%)"},
      {"Median TTNT, months (95% CI)", "6.9 (5.7-14.7)"},
      {"Median PFS, months (95% CI)", "6.2 (4.1-9.7)"},
  };
  const int T = MDRT_NSUB;
  for (int i = 0; i < MDRT_NFIG; i++) {
    fig[i].label = pub[i].label;
    fig[i].published = pub[i].published;
  }
  char *v[MDRT_NFIG];
  size_t z = sizeof fig[0].reproduced;
  for (int i = 0; i < MDRT_NFIG; i++)
    v[i] = fig[i].reproduced;
  snprintf(v[0], z, "%ld", r->n[T]);
  for (int k = 0; k < MDRT_NSUB; k++)
    snprintf(v[1 + k], z, "%ld", r->n[k]);
  snprintf(v[4], z, "%ld", r->eval[T]);
  fmt_prop(v[5], z, r->rem6[T], r->eval[T], 0);
  for (int k = 0; k < MDRT_NSUB; k++)
    fmt_prop(v[6 + k], z, r->rem6[k], r->eval[k], 1);
  if (isnan(r->chisq_p))
    snprintf(v[9], z, "NA");
  else
    snprintf(v[9], z, "%.2f", r->chisq_p);
  snprintf(v[10], z, "%ld", r->oneyear[T]);
  fmt_prop(v[11], z, r->rem12[T], r->oneyear[T], 0);
  fmt_median(v[12], z, &r->ttnt);
  fmt_median(v[13], z, &r->pfs);

  int bad = 0;
  for (int i = 0; i < MDRT_NFIG; i++) {
    fig[i].match = strcmp(fig[i].published, fig[i].reproduced) == 0;
    bad += !fig[i].match;
  }
  return bad;
}
