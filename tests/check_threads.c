/* Thread safety: 8 threads at once, 16 iterations each, run a KM fit with
 * CIs, surv_curve_at and quantiles, Fisher 2x2 and r x c (exact and Monte
 * Carlo with a fixed seed), chi-square, G, every proportion CI method and the
 * binomial test, the log-rank test (plain, G-rho with strata, delayed entry)
 * and its trend test, Nelson-Aalen, cumulative incidence with Gray's test,
 * RMST and reverse-KM follow-up, concordance under four option sets,
 * survreg fits and predictions, patient data reconstruction (Guyot and
 * exact), the power functions (exact and normal, a log-rank design),
 * simultaneous bands (HW, EP) with their critical values; every result must
 * equal the serial result bit for bit.
 * The static side of "no global mutable state" is tests/check-hygiene.sh
 * (nm on lib objects: no data/bss symbols, no TLS; grep for initialised
 * non-const static locals and for non-reentrant libc calls). This test is the
 * dynamic side; it also runs under helgrind/TSan if the build asks for it. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>
#include <surv/cox.h>
#include <surv/km.h>
#include <surv/logrank.h>
#include <surv/prop.h>
#include <surv/rxc.h>
#include <surv/survreg.h>
#include <surv/tables.h>

#include "robust-util.h"
#include "testutil.h"
#include "tu_tables.h"

#define NTHREADS 8
/* Every entry point runs 8 x 16 times, each time while the 7 other threads
 * run the rest of the list (50 iterations took 13 s of CPU for the same
 * interleavings, repeated; the static side is check-hygiene). */
#define NITER 16
#define NSUBJ 2000
#define MAXROWS 256

typedef struct results {
  int rc[24];
  size_t km_size;
  double km[7][MAXROWS];
  double ci[5][2][MAXROWS];
  double at[5][6];
  double q[3][3];
  double f22[3][5];
  double rxc[3];
  double chisq[2][3 + 12];
  double g[2][3];
  double prop[11][2];
  double binom[3];
  double lr[3][4];       /* chisq, p, O and E of group 0 */
  double trend[4];       /* u, var, chisq, p */
  double na[3][MAXROWS]; /* cumhaz, std, lower limit */
  double cif[3][MAXROWS];
  double gray[3];
  double rmst[4], followup[3];
  double conc[4][8]; /* C, se, 5 counts; 4 option sets */
  double cox[4][3], cox_test[4], cox_surv[2][MAXROWS];
  double diag[2][4][MAXROWS]; /* score, deviance, zph chisq, zph resid */
  int sr_rc;                  /* survreg fit + predict */
  double sr[6 + 9 + 4];       /* coef, se, var (3 x 3), loglik, quantiles */
  int ipd_rc;                 /* surv_ipd_reconstruct, both routes */
  int mh_rc;                  /* surv_mh_test, three alternatives, exact */
  double mh[3][10];
  int counts_rc;    /* count tables: two halves merged */
  double counts[3]; /* log-rank chisq, KM sum of S, its rows */
  double ipd[2]
            [5]; /* patients, events, RMSE, largest deviation, sum of times */
  int power_rc;  /* the surv_power_* functions */
  double power[14];  /* exact and normal powers and sizes, log-rank designs */
  int band_rc;       /* surv_curve_band HW and EP */
  double band[2][3]; /* critical value, sums of the lower and upper limits */
} results;

/* Hall-Wellner (log-log) and equal-precision (arcsine) bands of a curve:
 * their critical values and the sums of their limits. */
static void band_sums(const surv_result *km, results *r) {
  int m;
  for (m = 0; m < 2; m++) {
    surv_curve_band_options o = SURV_CURVE_BAND_OPTIONS_INIT;
    surv_result *b = NULL;
    size_t i, n = 0;
    const double *lo, *hi;
    o.method = m ? SURV_CURVE_BAND_EP : SURV_CURVE_BAND_HW;
    o.type = m ? SURV_CI_ARCSIN : SURV_CI_LOGLOG;
    r->band_rc |= surv_curve_band(km, -HUGE_VAL, HUGE_VAL, &o, &b);
    if (!b)
      continue;
    lo = surv_result_column(b, SURV_COL_LOWER, &n);
    hi = surv_result_column(b, SURV_COL_UPPER, NULL);
    r->band[m][0] = surv_result_column(b, SURV_COL_BAND_CRITICAL, NULL)[0];
    for (i = 0; i < n; i++) {
      r->band[m][1] += lo[i];
      r->band[m][2] += hi[i];
    }
    surv_result_free(b);
  }
}

static double g_time[NSUBJ];
static int g_status[NSUBJ];
static double g_weight[NSUBJ];
static double g_entry[NSUBJ];
static int g_group[NSUBJ], g_strata[NSUBJ], g_cause[NSUBJ];

static void copy_head(double *dst, const double *src, size_t k) {
  memcpy(dst, src, (k < MAXROWS ? k : MAXROWS) * sizeof *dst);
}

static void compute(results *r) {
  int m;
  memset(r, 0, sizeof *r);
  {
    surv_result *km = NULL;
    static const double p[3] = {0.25, 0.5, 0.75};
    static const double at[6] = {0, 3.5, 10, 50, 149, 1000};
    int type;
    size_t k, j;
    r->rc[0] = tu_km_fit(g_time, g_status, g_weight, NULL, NSUBJ, 0, &km);
    if (r->rc[0] == SURV_OK) {
      const double *cols[7];
      k = tu_rows(km);
      r->km_size = k;
      if (k > MAXROWS)
        k = MAXROWS;
      cols[0] = tu_col(km, SURV_COL_TIME);
      cols[1] = tu_col(km, SURV_COL_N_RISK);
      cols[2] = tu_col(km, SURV_COL_N_EVENT);
      cols[3] = tu_col(km, SURV_COL_N_CENSOR);
      cols[4] = tu_col(km, SURV_COL_SURV);
      cols[5] = tu_col(km, SURV_COL_STD_ERR);
      cols[6] = tu_col(km, SURV_COL_STD_ERR_LOG);
      for (j = 0; j < 7; j++)
        memcpy(r->km[j], cols[j], k * sizeof(double));
      for (type = 0; type < 5; type++)
        r->rc[1] |= surv_curve_ci(km, type, 0.9, r->ci[type][0], r->ci[type][1],
                                  MAXROWS);
      r->rc[2] = surv_curve_at(km, at, 6, SURV_CI_LOGLOG, 0.95, r->at[0],
                               r->at[1], r->at[2], r->at[3], r->at[4], 6);
      r->rc[3] = surv_curve_quantile(km, p, 3, SURV_CI_LOG, 0.95, r->q[0],
                                     r->q[1], r->q[2], 3);
      surv_result_free(km);
    }
  }
  for (m = 0; m < 3; m++)
    r->rc[4] |=
        tu_fisher_2x2(12, 5, 7, 9, m, 0.95, &r->f22[m][0], &r->f22[m][1],
                      &r->f22[m][2], &r->f22[m][3], &r->f22[m][4]);
  {
    static const long rc3[12] = {3, 1, 4, 2, 1, 5, 2, 6, 5, 3, 1, 2};
    r->rc[5] = surv_fisher_rxc(rc3, 3, 4, 0, &r->rxc[0]);
    r->rc[6] = surv_fisher_rxc_mc(rc3, 3, 4, 2000, 42, &r->rxc[1], &r->rxc[2]);
    for (m = 0; m < 2; m++)
      r->rc[7] |=
          tu_chisq_test(rc3, 3, 4, m ? SURV_CHISQ_YATES : 0u, &r->chisq[m][0],
                        &r->chisq[m][1], &r->chisq[m][2], &r->chisq[m][3]);
    for (m = 0; m < 2; m++)
      r->rc[8] |= tu_gtest(rc3, 3, 4, m ? SURV_GTEST_WILLIAMS : 0u, &r->g[m][0],
                           &r->g[m][1], &r->g[m][2]);
  }
  for (m = 0; m < 11; m++)
    r->rc[9] |= surv_prop_ci(18, 38, m, 0.95, &r->prop[m][0], &r->prop[m][1]);
  for (m = 0; m < 3; m++)
    r->rc[10] |= tu_binom(18, 38, 0.3, m, &r->binom[m]);
  {
    static const double sc[3] = {1, 2, 4};
    surv_result *lr = NULL;
    for (m = 0; m < 3; m++) {
      int rc = m == 2 ? tu_logrank(g_entry, g_time, g_status, g_group, NULL,
                                   NSUBJ, 0, 0, &lr)
                      : tu_logrank(NULL, g_time, g_status, g_group,
                                   m ? g_strata : NULL, NSUBJ, m, 0, &lr);
      r->rc[11] |= rc;
      if (rc != SURV_OK)
        continue;
      r->lr[m][0] = tu_chisq(lr);
      r->lr[m][1] = tu_p(lr);
      r->lr[m][2] = tu_col(lr, SURV_COL_OBSERVED)[0];
      r->lr[m][3] = tu_col(lr, SURV_COL_EXPECTED)[0];
      if (m == 0)
        r->rc[11] |= tu_trend(lr, sc, 3, &r->trend[0], &r->trend[1],
                              &r->trend[2], &r->trend[3]);
      surv_result_free(lr);
    }
  }
  {
    /* count tables: each half counted apart, the halves merged */
    surv_counts *a = NULL, *b = NULL;
    surv_result *res = NULL;
    surv_data d = SURV_DATA_INIT;
    size_t k = 0, i;
    int rc;
    d.n = NSUBJ / 2;
    d.time = g_time;
    d.status = g_status;
    d.group = g_group;
    d.strata = g_strata;
    rc = surv_counts_new(&a);
    if (rc == SURV_OK)
      rc = surv_counts_new(&b);
    if (rc == SURV_OK)
      rc = surv_counts_add(a, &d);
    d.n = NSUBJ - NSUBJ / 2;
    d.time += NSUBJ / 2;
    d.status += NSUBJ / 2;
    d.group += NSUBJ / 2;
    d.strata += NSUBJ / 2;
    if (rc == SURV_OK)
      rc = surv_counts_add(b, &d);
    if (rc == SURV_OK)
      rc = surv_counts_merge(a, b);
    if (rc == SURV_OK)
      rc = surv_counts_logrank_test(a, NULL, &res);
    if (rc == SURV_OK) {
      r->counts[0] = tu_chisq(res);
      surv_result_free(res);
      surv_counts_free(a);
      surv_counts_free(b);
      a = b = NULL;
      d = (surv_data)SURV_DATA_INIT;
      d.n = NSUBJ;
      d.time = g_time;
      d.status = g_status;
      d.weight = g_weight;
      d.entry = g_entry;
      rc = surv_counts_new(&a);
      if (rc == SURV_OK)
        rc = surv_counts_add(a, &d);
      if (rc == SURV_OK)
        rc = surv_counts_km_fit(a, 0, &res);
      if (rc == SURV_OK) {
        const double *sv = surv_result_column(res, SURV_COL_SURV, &k);
        for (i = 0; i < k; i++)
          r->counts[1] += sv[i];
        r->counts[2] = (double)k;
        surv_result_free(res);
      }
    }
    surv_counts_free(a);
    surv_counts_free(b);
    r->counts_rc = rc;
  }
  {
    surv_result *na = NULL;
    r->rc[12] = tu_na_fit(g_time, g_status, NULL, NSUBJ, SURV_NA_FH, &na);
    if (r->rc[12] == SURV_OK) {
      size_t k = tu_rows(na);
      double *lo = malloc(k * sizeof *lo), *hi = malloc(k * sizeof *hi);
      copy_head(r->na[0], tu_col(na, SURV_COL_CUMHAZ), k);
      copy_head(r->na[1], tu_col(na, SURV_COL_STD_CHAZ), k);
      r->rc[12] = lo && hi ? surv_curve_ci(na, SURV_CI_LOG, 0.95, lo, hi, k)
                           : SURV_ENOMEM;
      if (r->rc[12] == SURV_OK)
        copy_head(r->na[2], lo, k);
      free(lo);
      free(hi);
      surv_result_free(na);
    }
  }
  {
    surv_result *cif = NULL;
    size_t df = 0;
    r->rc[13] = tu_cif_fit(g_time, g_cause, NSUBJ, 0, &cif);
    if (r->rc[13] == SURV_OK) {
      size_t k = tu_rows(cif);
      copy_head(r->cif[0], tu_pstate(cif, 1), k);
      copy_head(r->cif[1], tu_pstate_se(cif, 1), k);
      copy_head(r->cif[2], tu_pstate(cif, 2), k);
      surv_result_free(cif);
    }
    r->rc[13] |= tu_cif_gray(g_time, g_cause, g_group, NULL, NSUBJ, 1, 0,
                             &r->gray[0], &df, &r->gray[1]);
    r->gray[2] = (double)df;
  }
  {
    surv_result *km = NULL;
    r->rc[14] = tu_km_fit(g_time, g_status, NULL, NULL, NSUBJ, 0, &km);
    if (r->rc[14] == SURV_OK) {
      r->rc[14] = surv_curve_rmst(km, 100, 0.95, &r->rmst[0], &r->rmst[1],
                                  &r->rmst[2], &r->rmst[3], 1);
      band_sums(km, r);
      surv_result_free(km);
    }
    r->rc[15] =
        tu_km_followup(g_time, g_status, NULL, NSUBJ, 0, SURV_CI_LOGLOG, 0.95,
                       &r->followup[0], &r->followup[1], &r->followup[2]);
  }
  {
    /* the KM corners of the first 300 subjects as clicks (Guyot) and as a
     * vector figure's steps (exact route, marks at the censored times) */
    enum { NI = 300 };
    double ct[2 * NI + 2], cs[2 * NI + 2], mk[NI], rt[4], nr[4];
    size_t np = 0, nm = 0, ord[NI];
    for (size_t i = 0; i < NI; i++)
      ord[i] = i;
    for (size_t i = 1; i < NI; i++) /* by time, events first */
      for (size_t j = i; j > 0 && (g_time[ord[j]] < g_time[ord[j - 1]] ||
                                   (g_time[ord[j]] == g_time[ord[j - 1]] &&
                                    g_status[ord[j]] > g_status[ord[j - 1]]));
           j--) {
        size_t z = ord[j];
        ord[j] = ord[j - 1];
        ord[j - 1] = z;
      }
    double km = 1, atrisk = NI;
    ct[np] = 0;
    cs[np++] = 1;
    for (size_t i = 0; i < NI;) {
      double ti = g_time[ord[i]], d = 0, c = 0;
      size_t j = i;
      for (; j < NI && g_time[ord[j]] == ti; j++)
        g_status[ord[j]] ? d++ : c++;
      if (d) {
        ct[np] = ti;
        cs[np++] = km;
        km *= 1 - d / atrisk;
        ct[np] = ti;
        cs[np++] = km;
      }
      if (c)
        mk[nm++] = ti;
      atrisk -= d + c;
      i = j;
    }
    for (size_t q = 0; q < 4; q++) {
      rt[q] = 20.0 * (double)q;
      nr[q] = 0;
      for (size_t i = 0; i < NI; i++)
        nr[q] += g_time[i] >= rt[q];
    }
    for (int route = 0; route < 2; route++) {
      surv_ipd_options o = SURV_IPD_OPTIONS_INIT;
      surv_result *res = NULL;
      if (route) {
        o.flags = SURV_IPD_EXACT;
        o.censor_t = mk;
        o.n_censor = nm;
      }
      int rc = surv_ipd_reconstruct(ct, cs, np, rt, nr, 4, &o, &res);
      if (rc != SURV_OK) {
        r->ipd_rc = rc;
        continue;
      }
      size_t n = 0;
      const double *tt = surv_result_column(res, SURV_COL_TIME, &n);
      surv_result_stat(res, SURV_STAT_N, &r->ipd[route][0]);
      surv_result_stat(res, SURV_STAT_N_EVENT, &r->ipd[route][1]);
      surv_result_stat(res, SURV_STAT_RMSE, &r->ipd[route][2]);
      surv_result_stat(res, SURV_STAT_MAX_DEVIATION, &r->ipd[route][3]);
      for (size_t i = 0; i < n; i++)
        r->ipd[route][4] += tt[i];
      surv_result_free(res);
    }
  }
  {
    /* R's penicillin and rabbits table, exact test and Breslow-Day */
    static const long rab[20] = {0, 6, 0, 5, 3, 3, 0, 6, 6, 0,
                                 2, 4, 5, 1, 6, 0, 2, 0, 5, 0};
    static const surv_stat st[6] = {
        SURV_STAT_ODDS_RATIO,       SURV_STAT_ODDS_RATIO_LOWER,
        SURV_STAT_ODDS_RATIO_UPPER, SURV_STAT_CMLE_ODDS_RATIO,
        SURV_STAT_CMLE_LOWER,       SURV_STAT_CMLE_UPPER};
    for (m = 0; m < 3; m++) {
      surv_mh_options o = SURV_MH_OPTIONS_INIT;
      surv_result *res = NULL;
      surv_test t;
      int rc;
      o.alternative = (surv_alternative)m;
      o.flags = SURV_MH_EXACT;
      rc = surv_mh_test(rab, 2, 2, 5, &o, &res);
      if (rc != SURV_OK) {
        r->mh_rc = rc;
        continue;
      }
      for (int j = 0; j < 6; j++)
        surv_result_stat(res, st[j], &r->mh[m][j]);
      surv_result_test(res, SURV_TEST_MH, &t);
      r->mh[m][6] = t.p_value;
      surv_result_test(res, SURV_TEST_EXACT, &t);
      r->mh[m][7] = t.p_value;
      surv_result_test(res, SURV_TEST_BRESLOW_DAY, &t);
      r->mh[m][8] = t.statistic;
      surv_result_test(res, SURV_TEST_CMH_GENERAL, &t);
      r->mh[m][9] = t.statistic;
      surv_result_free(res);
    }
  }
  {
    static const surv_stat st[7] = {
        SURV_STAT_CONCORDANCE, SURV_STAT_CONCORDANCE_SE, SURV_STAT_CONCORDANT,
        SURV_STAT_DISCORDANT,  SURV_STAT_TIED_X,         SURV_STAT_TIED_Y,
        SURV_STAT_TIED_XY};
    for (int v = 0; v < 4; v++) {
      surv_data d = SURV_DATA_INIT;
      surv_concordance_options o = SURV_CONCORDANCE_OPTIONS_INIT;
      surv_result *res = NULL;
      d.n = NSUBJ;
      d.time = g_time;
      d.status = g_status;
      d.weight = v & 1 ? g_weight : NULL;
      d.strata = v >= 2 ? g_strata : NULL;
      d.cluster = v == 3 ? g_group : NULL;
      d.entry = v == 3 ? g_entry : NULL;
      o.timewt = v == 3 ? SURV_TIMEWT_N : (surv_concordance_timewt)(v + 1);
      o.flags = v == 1 ? SURV_CONCORDANCE_REVERSE : 0;
      r->rc[16 + v] = surv_concordance_fit(&d, g_weight, &o, &res);
      if (r->rc[16 + v] == SURV_OK) {
        for (int k = 0; k < 7; k++)
          surv_result_stat(res, st[k], &r->conc[v][k]);
        surv_result_free(res);
      }
    }
  }
  {
    /* Efron with strata, weights and cluster; then (start, stop] Breslow */
    double *x = malloc(NSUBJ * 3 * sizeof *x);
    if (x == NULL) {
      r->rc[20] = SURV_ENOMEM;
      return;
    }
    for (size_t i = 0; i < NSUBJ; i++) {
      x[i * 3] = (double)g_group[i];
      x[i * 3 + 1] = g_weight[i] * 3 - (double)(i % 7);
      x[i * 3 + 2] = (double)g_cause[i];
    }
    for (int v = 0; v < 2; v++) {
      surv_data d = SURV_DATA_INIT;
      surv_cox_options o = SURV_COX_OPTIONS_INIT;
      surv_result *fit = NULL, *c = NULL;
      d.n = NSUBJ;
      d.time = g_time;
      d.status = g_status;
      d.x = x;
      d.p = 2;
      if (v == 0) {
        d.strata = g_strata;
        d.weight = g_weight;
        d.cluster = g_group;
      } else {
        d.entry = g_entry;
        o.ties = SURV_TIES_BRESLOW;
      }
      r->rc[20 + v] = surv_cox_fit(&d, &o, &fit);
      if (r->rc[20 + v] != SURV_OK)
        continue;
      size_t len;
      const double *col[3] = {surv_result_column(fit, SURV_COL_COEF, NULL),
                              surv_result_column(fit, SURV_COL_SE, NULL),
                              surv_result_column(fit, SURV_COL_P_VALUE, NULL)};
      for (int k = 0; k < 3; k++)
        for (int j = 0; j < 2; j++)
          r->cox[v * 2 + j][k] = col[k][j];
      surv_test t;
      surv_result_test(fit, SURV_TEST_LR, &t);
      r->cox_test[v * 2] = t.statistic;
      surv_result_test(fit, SURV_TEST_WALD, &t);
      r->cox_test[v * 2 + 1] = t.statistic;
      r->rc[20 + v] = surv_cox_survfit(fit, x, NULL, &c);
      if (r->rc[20 + v] == SURV_OK) {
        const double *sv = surv_result_column(c, SURV_COL_SURV, &len);
        copy_head(r->cox_surv[v], sv, len);
        surv_result_free(c);
      }
      /* residuals (score, collapsed deviance) and the zph test */
      d.cluster = g_group;
      surv_result *rs = NULL;
      r->rc[22 + v] = surv_cox_residuals(fit, &d, SURV_RESID_SCORE, 0, &rs);
      if (r->rc[22 + v] == SURV_OK) {
        const double *rv = surv_result_column(rs, SURV_COL_RESIDUAL, &len);
        copy_head(r->diag[v][0], rv, len);
        surv_result_free(rs);
      }
      rs = NULL;
      if (surv_cox_residuals(fit, &d, SURV_RESID_DEVIANCE,
                             SURV_COX_RESID_COLLAPSE, &rs) == SURV_OK) {
        const double *rv = surv_result_column(rs, SURV_COL_RESIDUAL, &len);
        copy_head(r->diag[v][1], rv, len);
        surv_result_free(rs);
      }
      rs = NULL;
      if (surv_cox_zph(fit, &d, NULL, &rs) == SURV_OK) {
        const double *rv = surv_result_column(rs, SURV_COL_CHISQ, &len);
        copy_head(r->diag[v][2], rv, len);
        rv = surv_result_column(rs, SURV_COL_RESIDUAL, &len);
        copy_head(r->diag[v][3], rv, len);
        surv_result_free(rs);
      }
      surv_result_free(fit);
    }
    free(x);
  }
  {
    /* Weibull with the group as covariate, strata scales, then a
     * lognormal fit with weights and its median predictions */
    static const double qp[2] = {0.5, 0.9};
    surv_survreg_options o = SURV_SURVREG_OPTIONS_INIT;
    surv_data d = SURV_DATA_INIT;
    surv_result *fit = NULL;
    double x[NSUBJ];
    size_t i;
    for (i = 0; i < NSUBJ; i++)
      x[i] = g_group[i];
    d.n = NSUBJ;
    d.time = g_time;
    d.status = g_status;
    d.x = x;
    d.p = 1;
    d.strata = g_strata;
    r->sr_rc = surv_survreg_fit(&d, NULL, &fit);
    if (r->sr_rc == SURV_OK) {
      memcpy(r->sr, surv_result_column(fit, SURV_COL_COEF, NULL),
             3 * sizeof(double));
      memcpy(r->sr + 3, surv_result_column(fit, SURV_COL_SE, NULL),
             3 * sizeof(double));
      surv_result_free(fit);
      fit = NULL;
    }
    d.strata = NULL;
    d.weight = g_weight;
    o.dist = SURV_SURVREG_LOGNORMAL;
    r->sr_rc |= surv_survreg_fit(&d, &o, &fit);
    if (fit) {
      double f[2 * NSUBJ];
      memcpy(r->sr + 6, surv_result_column(fit, SURV_COL_VAR, NULL),
             9 * sizeof(double));
      r->sr_rc |= surv_survreg_predict(fit, &d, SURV_SURVREG_PRED_QUANTILE, qp,
                                       2, f, NULL, 2 * NSUBJ);
      memcpy(r->sr + 15, f, 4 * sizeof(double));
      surv_result_free(fit);
    }
  }
  {
    surv_power_options o = SURV_POWER_OPTIONS_INIT;
    double *pw = r->power;
    o.method = SURV_POWER_EXACT;
    r->power_rc = surv_power_prop(0.2, 0.6, 25, &o, &pw[0]);
    r->power_rc |= surv_power_prop_n(0.2, 0.7, 0.8, &o, &pw[1], &pw[2]);
    r->power_rc |= surv_power_binom(0.3, 0.5, 40, &o, &pw[3]);
    r->power_rc |= surv_power_binom_n(0.3, 0.5, 0.8, &o, &pw[4]);
    o = (surv_power_options)SURV_POWER_OPTIONS_INIT;
    o.flags = SURV_POWER_STRICT | SURV_POWER_CONTINUITY;
    r->power_rc |= surv_power_prop_n(0.2, 0.3, 0.9, &o, &pw[5], NULL);
    o = (surv_power_options)SURV_POWER_OPTIONS_INIT;
    o.accrual = 2;
    o.follow_up = 3;
    o.method = SURV_POWER_FREEDMAN;
    r->power_rc |=
        surv_power_logrank_n(0.7, 0.3, 0.85, &o, &pw[6], &pw[7], &pw[8]);
    r->power_rc |= surv_power_logrank(0.6, 120, &o, &pw[9]);
    o.method = SURV_POWER_LACHIN_FOULKES;
    o.dropout = 0.05;
    r->power_rc |=
        surv_power_logrank_n(0.7, 0.3, 0.85, &o, &pw[10], &pw[11], NULL);
    o.flags = SURV_POWER_LOG_HAZARD;
    r->power_rc |=
        surv_power_logrank_total(0.7, 0.3, 200, &o, &pw[12], &pw[13]);
  }
}

static results g_serial;

typedef struct worker {
  pthread_t id;
  int mismatches;
} worker;

static void *work(void *arg) {
  worker *w = arg;
  results *r = malloc(sizeof *r);
  int i;
  if (!r) {
    w->mismatches = -1;
    return NULL;
  }
  for (i = 0; i < NITER; i++) {
    compute(r);
    if (memcmp(r, &g_serial, sizeof *r) != 0)
      w->mismatches++;
  }
  free(r);
  return NULL;
}

START_TEST(test_parallel_equals_serial) {
  worker w[NTHREADS];
  size_t i;
  uint64_t seed = 99;
  ru_surv_data(5, NSUBJ, 150, g_time, g_status);
  for (i = 0; i < NSUBJ; i++) {
    g_weight[i] = (double)(1 + ru_below(&seed, 4)) / 2.0;
    g_group[i] = (int)ru_below(&seed, 3);
    g_strata[i] = (int)ru_below(&seed, 2);
    g_cause[i] = g_status[i] ? 1 + (int)ru_below(&seed, 2) : 0;
    /* entry strictly before the stop time */
    g_entry[i] = g_time[i] * (double)ru_below(&seed, 4) / 8.0;
  }
  compute(&g_serial);
  ck_assert_msg(g_serial.sr_rc == 0, "serial survreg failed");
  ck_assert_msg(g_serial.power_rc == 0, "serial power calls failed");
  for (i = 0; i < sizeof g_serial.rc / sizeof g_serial.rc[0]; i++)
    ck_assert_msg(g_serial.rc[i] == 0, "serial call %zu failed: %s", i,
                  surv_strerror(g_serial.rc[i]));
  ck_assert_msg(g_serial.ipd_rc == 0, "serial ipd failed: %s",
                surv_strerror(g_serial.ipd_rc));
  ck_assert_msg(g_serial.mh_rc == 0, "serial mh failed: %s",
                surv_strerror(g_serial.mh_rc));
  ck_assert_msg(g_serial.band_rc == 0 && g_serial.band[1][0] > 1.96,
                "serial bands failed: %s", surv_strerror(g_serial.band_rc));
  ck_assert_msg(g_serial.counts_rc == 0, "serial count tables failed: %s",
                surv_strerror(g_serial.counts_rc));
  memset(w, 0, sizeof w);
  for (i = 0; i < NTHREADS; i++)
    ck_assert_int_eq(pthread_create(&w[i].id, NULL, work, &w[i]), 0);
  for (i = 0; i < NTHREADS; i++)
    ck_assert_int_eq(pthread_join(w[i].id, NULL), 0);
  for (i = 0; i < NTHREADS; i++)
    ck_assert_msg(w[i].mismatches == 0,
                  "thread %zu: %d of %d results differ from the serial run", i,
                  w[i].mismatches, NITER);
}
END_TEST

int main(void) {
  Suite *s = suite_create("threads");
  TCase *tc = tcase_create("threads");
  tcase_set_timeout(tc, 600);
  tcase_add_test(tc, test_parallel_equals_serial);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
