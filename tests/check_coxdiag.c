/* Cox model diagnostics against R survival 3.5-3 (fixtures made by
 * tests/fixtures/make-coxdiag-fixtures.R): residuals.coxph of every type on
 * right-censored (Efron, Breslow), stratified and weighted, (start, stop]
 * and factor-coded fits, collapsed by cluster where R does it; then the
 * identities between the types and the error paths. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "testutil.h"

#define RTOL 1e-9

typedef struct {
  size_t n, p;
  double *entry, *time, *weight, *x;
  int *status, *strata, *cluster;
  int has_entry, has_weight, has_strata, has_cluster;
} fitdata;

static void load(fitdata *f, const tu_table *t, const char *name) {
  size_t nr = tu_table_nrow(t), k = 0;
  int cf = tu_table_col(t, "fit");
  static const char *xn[5] = {"x1", "x2", "x3", "x4", "x5"};
  memset(f, 0, sizeof *f);
  for (size_t i = 0; i < nr; i++)
    f->n += strcmp(tu_table_str(t, i, cf), name) == 0;
  ck_assert_uint_gt(f->n, 0);
  f->entry = malloc(f->n * sizeof *f->entry);
  f->time = malloc(f->n * sizeof *f->time);
  f->weight = malloc(f->n * sizeof *f->weight);
  f->x = malloc(f->n * 5 * sizeof *f->x);
  f->status = malloc(f->n * sizeof *f->status);
  f->strata = malloc(f->n * sizeof *f->strata);
  f->cluster = malloc(f->n * sizeof *f->cluster);
  for (size_t i = 0; i < nr; i++) {
    if (strcmp(tu_table_str(t, i, cf), name) != 0)
      continue;
    if (k == 0) {
      f->p = 0;
      for (int j = 0; j < 5; j++)
        if (!isnan(tu_table_num(t, i, tu_table_col(t, xn[j]))))
          f->p = (size_t)j + 1;
    }
    f->entry[k] = tu_table_num(t, i, tu_table_col(t, "entry"));
    f->time[k] = tu_table_num(t, i, tu_table_col(t, "time"));
    f->status[k] = (int)tu_table_num(t, i, tu_table_col(t, "status"));
    f->weight[k] = tu_table_num(t, i, tu_table_col(t, "weight"));
    f->strata[k] = (int)tu_table_num(t, i, tu_table_col(t, "strata"));
    f->cluster[k] = (int)tu_table_num(t, i, tu_table_col(t, "cluster"));
    if (!isnan(f->entry[k]))
      f->has_entry = 1;
    if (f->weight[k] != 1)
      f->has_weight = 1;
    if (f->strata[k] != 1)
      f->has_strata = 1;
    if (f->cluster[k] != 0)
      f->has_cluster = 1;
    k++;
  }
  for (k = 0, f->n = 0; k < nr; k++) {
    if (strcmp(tu_table_str(t, k, cf), name) != 0)
      continue;
    for (size_t j = 0; j < f->p; j++)
      f->x[f->n * f->p + j] = tu_table_num(t, k, tu_table_col(t, xn[j]));
    f->n++;
  }
}

static void unload(fitdata *f) {
  free(f->entry);
  free(f->time);
  free(f->weight);
  free(f->x);
  free(f->status);
  free(f->strata);
  free(f->cluster);
}

static surv_data as_data(const fitdata *f) {
  surv_data d = SURV_DATA_INIT;
  d.n = f->n;
  d.time = f->time;
  d.status = f->status;
  d.entry = f->has_entry ? f->entry : NULL;
  d.weight = f->has_weight ? f->weight : NULL;
  d.strata = f->has_strata ? f->strata : NULL;
  d.cluster = f->has_cluster ? f->cluster : NULL;
  d.x = f->x;
  d.p = f->p;
  return d;
}

static surv_result *fit_cox(const fitdata *f, surv_cox_ties ties) {
  surv_data d = as_data(f);
  surv_cox_options o = SURV_COX_OPTIONS_INIT;
  surv_result *fit = NULL;
  o.ties = ties;
  o.eps = 1e-12;
  o.iter_max = 50;
  d.cluster = NULL; /* the fixtures' fits are not robust */
  ck_assert_int_eq(surv_cox_fit(&d, &o, &fit), SURV_OK);
  return fit;
}

static const struct {
  const char *name;
  surv_cox_residual_type type;
} types[] = {{"martingale", SURV_RESID_MARTINGALE},
             {"deviance", SURV_RESID_DEVIANCE},
             {"score", SURV_RESID_SCORE},
             {"schoenfeld", SURV_RESID_SCHOENFELD},
             {"scaledsch", SURV_RESID_SCALEDSCH},
             {"dfbeta", SURV_RESID_DFBETA},
             {"dfbetas", SURV_RESID_DFBETAS}};

static const struct {
  const char *name;
  surv_cox_ties ties;
} fits[] = {
    {"lung_efron", SURV_TIES_EFRON}, {"lung_breslow", SURV_TIES_BRESLOW},
    {"lung_sw", SURV_TIES_EFRON},    {"heart", SURV_TIES_EFRON},
    {"heart_bw", SURV_TIES_BRESLOW}, {"veteran", SURV_TIES_EFRON}};

/* loop index = fit */
START_TEST(test_residuals_vs_r) {
  tu_table *data = tu_table_read("coxdiag-data.tsv");
  tu_table *t = tu_table_read("coxdiag-resid.tsv");
  fitdata fd;
  load(&fd, data, fits[_i].name);
  surv_result *fit = fit_cox(&fd, fits[_i].ties);
  surv_data d = as_data(&fd);
  size_t nr = tu_table_nrow(t), checked = 0;
  int cf = tu_table_col(t, "fit"), ct = tu_table_col(t, "type"),
      cc = tu_table_col(t, "collapsed"), crow = tu_table_col(t, "row"),
      ccol = tu_table_col(t, "col"), cv = tu_table_col(t, "value"),
      ctime = tu_table_col(t, "time"), cid = tu_table_col(t, "id");
  for (size_t ty = 0; ty < sizeof types / sizeof types[0]; ty++)
    for (int col = 0; col < 2; col++) {
      surv_result *res = NULL;
      int rc = surv_cox_residuals(fit, &d, types[ty].type,
                                  col ? SURV_COX_RESID_COLLAPSE : 0u, &res);
      size_t seen = 0, len, nrow, ilen;
      const double *v = NULL, *tm = NULL, *id = NULL;
      if (rc == SURV_OK) {
        v = surv_result_column(res, SURV_COL_RESIDUAL, &len);
        id = surv_result_column(res, col ? SURV_COL_CLUSTER : SURV_COL_ROW,
                                &nrow);
        tm = surv_result_column(res, SURV_COL_TIME, &ilen);
      }
      for (size_t r = 0; r < nr; r++) {
        if (strcmp(tu_table_str(t, r, cf), fits[_i].name) ||
            strcmp(tu_table_str(t, r, ct), types[ty].name) ||
            (int)tu_table_num(t, r, cc) != col)
          continue;
        char ctx[128];
        snprintf(ctx, sizeof ctx, "%s %s%s row %g col %g", fits[_i].name,
                 types[ty].name, col ? " collapsed" : "",
                 tu_table_num(t, r, crow), tu_table_num(t, r, ccol));
        ck_assert_msg(rc == SURV_OK, "%s: %s", ctx, surv_errname(rc));
        size_t row = (size_t)tu_table_num(t, r, crow);
        size_t c = (size_t)tu_table_num(t, r, ccol);
        size_t k = len / nrow;
        ck_assert_uint_lt(row, nrow);
        ck_assert_uint_lt(c, k);
        double want = tu_table_num(t, r, cv);
        if (fabs(want) < 1e-12) /* zero up to R's rounding (e.g. -1.4e-14) */
          ck_assert_msg(fabs(v[row * k + c]) < 1e-12, "%s: got %g, want ~0",
                        ctx, v[row * k + c]);
        else
          TU_ASSERT_REL(v[row * k + c], want, RTOL, ctx);
        ck_assert_msg(id[row] == tu_table_num(t, r, cid), "%s: id %g vs %g",
                      ctx, id[row], tu_table_num(t, r, cid));
        if (!isnan(tu_table_num(t, r, ctime)))
          TU_ASSERT_REL(tm[row], tu_table_num(t, r, ctime), 1e-15, ctx);
        seen++;
      }
      if (seen) {
        ck_assert_uint_eq(seen, len);
        checked++;
      }
      surv_result_free(res);
    }
  ck_assert_uint_ge(checked, 7);
  surv_result_free(fit);
  unload(&fd);
  tu_table_free(t);
  tu_table_free(data);
}
END_TEST

START_TEST(test_errors) {
  tu_table *data = tu_table_read("coxdiag-data.tsv");
  fitdata fd;
  load(&fd, data, "lung_efron");
  surv_result *fit = fit_cox(&fd, SURV_TIES_EFRON);
  surv_data d = as_data(&fd);
  surv_result *marker = (surv_result *)&marker, *res = marker;
  ck_assert_int_eq(surv_cox_residuals(NULL, &d, 0, 0, &res), SURV_ENULL);
  ck_assert_int_eq(surv_cox_residuals(fit, NULL, 0, 0, &res), SURV_ENULL);
  ck_assert_int_eq(surv_cox_residuals(fit, &d, 0, 0, NULL), SURV_ENULL);
  ck_assert_int_eq(
      surv_cox_residuals(fit, &d, (surv_cox_residual_type)7, 0, &res),
      SURV_EINVAL);
  ck_assert_int_eq(surv_cox_residuals(fit, &d, 0, 0x1000u, &res), SURV_EINVAL);
  /* collapse needs a cluster column, and is not for Schoenfeld */
  ck_assert_int_eq(
      surv_cox_residuals(fit, &d, 0, SURV_COX_RESID_COLLAPSE, &res),
      SURV_EINVAL);
  d.cluster = fd.strata;
  ck_assert_int_eq(surv_cox_residuals(fit, &d, SURV_RESID_SCHOENFELD,
                                      SURV_COX_RESID_COLLAPSE, &res),
                   SURV_EINVAL);
  d.cluster = NULL;
  ck_assert_int_eq(
      surv_cox_residuals(fit, &d, 0,
                         SURV_COX_RESID_WEIGHTED | SURV_COX_RESID_UNWEIGHTED,
                         &res),
      SURV_EINVAL);
  /* not the fit's data */
  d.n--;
  ck_assert_int_eq(surv_cox_residuals(fit, &d, 0, 0, &res), SURV_ESIZE);
  d.n++;
  d.p--;
  ck_assert_int_eq(surv_cox_residuals(fit, &d, 0, 0, &res), SURV_ESIZE);
  d.p++;
  d.strata = fd.strata;
  ck_assert_int_eq(surv_cox_residuals(fit, &d, 0, 0, &res), SURV_EINVAL);
  d.strata = NULL;
  double keep = fd.time[3];
  fd.time[3] = NAN;
  ck_assert_int_eq(surv_cox_residuals(fit, &d, 0, 0, &res), SURV_ETIME);
  fd.time[3] = keep;
  fd.status[3] = 2;
  ck_assert_int_eq(surv_cox_residuals(fit, &d, 0, 0, &res), SURV_ESTATUS);
  fd.status[3] = 1;
  /* a result that is not a Cox fit */
  double c = 0;
  surv_concordance_options co = SURV_CONCORDANCE_OPTIONS_INIT;
  surv_data cd = SURV_DATA_INIT;
  surv_result *conc = NULL;
  cd.n = fd.n;
  cd.time = fd.time;
  cd.status = fd.status;
  ck_assert_int_eq(surv_concordance_fit(&cd, fd.x, &co, &conc), SURV_OK);
  ck_assert_int_eq(surv_cox_residuals(conc, &d, 0, 0, &res), SURV_EINVAL);
  surv_result_free(conc);
  (void)c;
  ck_assert_ptr_eq(res, marker);
  /* martingale residuals sum to 0 in each stratum; weighted flag */
  ck_assert_int_eq(surv_cox_residuals(fit, &d, SURV_RESID_MARTINGALE, 0, &res),
                   SURV_OK);
  size_t len;
  const double *m = surv_result_column(res, SURV_COL_RESIDUAL, &len);
  double s = 0;
  for (size_t i = 0; i < len; i++)
    s += m[i];
  ck_assert_msg(fabs(s) < 1e-9, "sum of martingale residuals %g", s);
  surv_result_free(res);
  surv_result_free(fit);
  unload(&fd);
  tu_table_free(data);
}
END_TEST

/* ---- ties = exact marginal (SAS TIES=EXACT; R has no reference) -------- */

/* Log marginal likelihood by the sum over every ordering of each tied set
 * (a DP over the subsets already failed), at beta; (start, stop] rows when
 * entry != NULL. */
static double brute_marginal(size_t n, size_t p, const double *t,
                             const double *entry, const int *st,
                             const int *strata, const double *x,
                             const double *beta) {
  double ll = 0;
  for (size_t i = 0; i < n; i++) {
    if (!st[i])
      continue;
    int first = 1; /* handle each (stratum, time) once */
    for (size_t j = 0; j < i; j++)
      if (st[j] && t[j] == t[i] && strata[j] == strata[i])
        first = 0;
    if (!first)
      continue;
    double sc = 0, rd[16];
    size_t d = 0;
    for (size_t m = 0; m < n; m++) {
      if (strata[m] != strata[i] || t[m] < t[i] ||
          (entry && !(entry[m] < t[i])))
        continue;
      double eta = 0;
      for (size_t l = 0; l < p; l++)
        eta += beta[l] * x[m * p + l];
      if (st[m] && t[m] == t[i]) {
        ck_assert_uint_lt(d, 16);
        rd[d++] = exp(eta);
      } else {
        sc += exp(eta);
      }
    }
    size_t ns = (size_t)1 << d;
    double *f = calloc(ns, sizeof *f);
    f[0] = 1;
    for (size_t S = 0; S < ns; S++) {
      if (f[S] == 0)
        continue;
      double rest = sc;
      for (size_t j = 0; j < d; j++)
        if (!(S >> j & 1))
          rest += rd[j];
      for (size_t j = 0; j < d; j++)
        if (!(S >> j & 1))
          f[S | ((size_t)1 << j)] += f[S] * rd[j] / rest;
    }
    ll += log(f[ns - 1]);
    free(f);
  }
  return ll;
}

/* loop: 0 right-censored, 1 stratified, 2 (start, stop] */
START_TEST(test_marginal_ties) {
  enum { N = 60, P = 2 };
  double t[N], e[N], x[N * P];
  int st[N], sv[N];
  unsigned seed = 4242u + (unsigned)_i;
  for (size_t i = 0; i < N; i++) {
    seed = seed * 1103515245u + 12345u;
    x[i * P] = (double)((seed >> 16) % 3);
    seed = seed * 1103515245u + 12345u;
    x[i * P + 1] = ((seed >> 16) % 1000) / 250.0 - 2;
    seed = seed * 1103515245u + 12345u;
    t[i] = 1 + (double)((seed >> 16) % 9); /* heavy ties */
    seed = seed * 1103515245u + 12345u;
    st[i] = (seed >> 16) % 4 != 0;
    sv[i] = _i == 1 ? (int)(i % 2) : 0;
    seed = seed * 1103515245u + 12345u;
    e[i] = _i == 2 ? (double)((seed >> 16) % (unsigned)t[i]) : 0;
  }
  surv_data d = SURV_DATA_INIT;
  d.n = N;
  d.time = t;
  d.status = st;
  d.x = x;
  d.p = P;
  d.strata = _i == 1 ? sv : NULL;
  d.entry = _i == 2 ? e : NULL;
  surv_cox_options o = SURV_COX_OPTIONS_INIT;
  double b0[P] = {0.3, -0.2}, ll0, ll;
  o.ties = SURV_TIES_EXACT_MARGINAL;
  o.init = b0;
  o.eps = 1e-12;
  o.iter_max = 50;
  surv_result *fit = NULL;
  ck_assert_int_eq(surv_cox_fit(&d, &o, &fit), SURV_OK);
  /* the log likelihood at the initial values and at the estimate */
  ck_assert_int_eq(surv_result_stat(fit, SURV_STAT_LOGLIK_NULL, &ll0), 0);
  TU_ASSERT_REL(ll0, brute_marginal(N, P, t, d.entry, st, sv, x, b0), 1e-12,
                "marginal loglik at init");
  size_t len;
  const double *b = surv_result_column(fit, SURV_COL_COEF, &len);
  ck_assert_uint_eq(len, P);
  ck_assert_int_eq(surv_result_stat(fit, SURV_STAT_LOGLIK, &ll), 0);
  TU_ASSERT_REL(ll, brute_marginal(N, P, t, d.entry, st, sv, x, b), 1e-12,
                "marginal loglik at the estimate");
  /* the estimate maximises the brute-force likelihood: central differences */
  for (size_t l = 0; l < P; l++) {
    double bp[P], bm[P], h = 1e-5;
    memcpy(bp, b, sizeof bp);
    memcpy(bm, b, sizeof bm);
    bp[l] += h;
    bm[l] -= h;
    double g = (brute_marginal(N, P, t, d.entry, st, sv, x, bp) -
                brute_marginal(N, P, t, d.entry, st, sv, x, bm)) /
               (2 * h);
    ck_assert_msg(fabs(g) < 1e-6, "gradient %zu at the estimate: %g", l, g);
  }
  /* the variance is the inverse of the brute-force curvature (p = 2) */
  const double *v = surv_result_column(fit, SURV_COL_VAR, &len);
  ck_assert_uint_eq(len, P * P);
  double h = 1e-4, H[P][P];
  for (size_t a = 0; a < P; a++)
    for (size_t c = 0; c < P; c++) {
      double bb[P], s = 0;
      for (int sa = -1; sa <= 1; sa += 2)
        for (int sc2 = -1; sc2 <= 1; sc2 += 2) {
          memcpy(bb, b, sizeof bb);
          bb[a] += sa * h;
          bb[c] += sc2 * h;
          s += sa * sc2 * brute_marginal(N, P, t, d.entry, st, sv, x, bb);
        }
      H[a][c] = -s / (4 * h * h);
    }
  double det = H[0][0] * H[1][1] - H[0][1] * H[1][0];
  TU_ASSERT_REL(v[0], H[1][1] / det, 1e-5, "var[0][0] vs curvature");
  TU_ASSERT_REL(v[3], H[0][0] / det, 1e-5, "var[1][1] vs curvature");
  TU_ASSERT_REL(v[1], -H[0][1] / det, 1e-4, "var[0][1] vs curvature");
  /* residuals are not defined for it */
  surv_result *res = NULL;
  ck_assert_int_eq(surv_cox_residuals(fit, &d, SURV_RESID_MARTINGALE, 0, &res),
                   SURV_EINVAL);
  surv_result_free(fit);
}
END_TEST

/* Without tied events the marginal likelihood is Breslow's (and Efron's). */
START_TEST(test_marginal_no_ties) {
  enum { N = 80, P = 2 };
  double t[N], x[N * P];
  int st[N];
  for (size_t i = 0; i < N; i++) {
    t[i] = (double)((i * 37) % N) + 0.5;
    st[i] = i % 5 != 0;
    x[i * P] = (double)(i % 3);
    x[i * P + 1] = sin((double)i);
  }
  surv_data d = SURV_DATA_INIT;
  d.n = N;
  d.time = t;
  d.status = st;
  d.x = x;
  d.p = P;
  surv_cox_options o = SURV_COX_OPTIONS_INIT;
  o.eps = 1e-12;
  o.iter_max = 50;
  surv_result *fb = NULL, *fm = NULL;
  o.ties = SURV_TIES_BRESLOW;
  ck_assert_int_eq(surv_cox_fit(&d, &o, &fb), SURV_OK);
  o.ties = SURV_TIES_EXACT_MARGINAL;
  ck_assert_int_eq(surv_cox_fit(&d, &o, &fm), SURV_OK);
  static const surv_col cols[] = {SURV_COL_COEF, SURV_COL_SE, SURV_COL_VAR};
  for (size_t c = 0; c < 3; c++) {
    size_t lb, lm;
    const double *vb = surv_result_column(fb, cols[c], &lb);
    const double *vm = surv_result_column(fm, cols[c], &lm);
    ck_assert_uint_eq(lb, lm);
    for (size_t i = 0; i < lb; i++)
      TU_ASSERT_REL(vm[i], vb[i], 1e-10, "marginal = Breslow without ties");
  }
  double a, b;
  surv_result_stat(fb, SURV_STAT_LOGLIK, &a);
  surv_result_stat(fm, SURV_STAT_LOGLIK, &b);
  TU_ASSERT_REL(b, a, 1e-12, "loglik without ties");
  surv_result_free(fb);
  surv_result_free(fm);
}
END_TEST

static const struct {
  const char *name;
  surv_cox_zph_transform tr;
} transforms[] = {{"km", SURV_ZPH_KM},
                  {"rank", SURV_ZPH_RANK},
                  {"identity", SURV_ZPH_IDENTITY},
                  {"log", SURV_ZPH_LOG}};

/* loop index = fit: cox.zph tables and scaled Schoenfeld residuals under the
 * four transforms */
START_TEST(test_zph_vs_r) {
  tu_table *data = tu_table_read("coxdiag-data.tsv");
  tu_table *zt = tu_table_read("coxdiag-zph.tsv");
  tu_table *zr = tu_table_read("coxdiag-zphres.tsv");
  fitdata fd;
  load(&fd, data, fits[_i].name);
  surv_result *fit = fit_cox(&fd, fits[_i].ties);
  surv_data d = as_data(&fd);
  size_t checked = 0;
  for (size_t tr = 0; tr < 4; tr++) {
    size_t terms[5] = {0, 0, 0, 0, 0}, k = 0, len, nt = 0;
    surv_cox_zph_options o = SURV_COX_ZPH_OPTIONS_INIT;
    o.transform = transforms[tr].tr;
    for (size_t r = 0; r < tu_table_nrow(zt); r++) {
      if (strcmp(tu_table_str(zt, r, 0), fits[_i].name) ||
          strcmp(tu_table_str(zt, r, 1), transforms[tr].name))
        continue;
      if (k == 0) { /* the term map, "0,1,2,2,2" */
        const char *m = tu_table_str(zt, r, tu_table_col(zt, "terms"));
        for (; *m && k < 5; m++)
          if (*m >= '0' && *m <= '9')
            terms[k++] = (size_t)(*m - '0');
        ck_assert_uint_eq(k, fd.p);
        o.terms = terms;
      }
    }
    surv_result *z = NULL;
    ck_assert_int_eq(surv_cox_zph(fit, &d, &o, &z), SURV_OK);
    const double *chi = surv_result_column(z, SURV_COL_CHISQ, &nt);
    const double *df = surv_result_column(z, SURV_COL_DF, NULL);
    const double *pv = surv_result_column(z, SURV_COL_P_VALUE, NULL);
    for (size_t r = 0; r < tu_table_nrow(zt); r++) {
      if (strcmp(tu_table_str(zt, r, 0), fits[_i].name) ||
          strcmp(tu_table_str(zt, r, 1), transforms[tr].name))
        continue;
      size_t t = (size_t)tu_table_num(zt, r, tu_table_col(zt, "term"));
      char ctx[96];
      snprintf(ctx, sizeof ctx, "%s zph %s term %zu", fits[_i].name,
               transforms[tr].name, t);
      ck_assert_uint_lt(t, nt);
      TU_ASSERT_REL(chi[t], tu_table_num(zt, r, tu_table_col(zt, "chisq")),
                    RTOL, ctx);
      TU_ASSERT_REL(df[t], tu_table_num(zt, r, tu_table_col(zt, "df")), 0, ctx);
      TU_ASSERT_REL(pv[t], tu_table_num(zt, r, tu_table_col(zt, "p")), RTOL,
                    ctx);
      checked++;
    }
    const double *y = surv_result_column(z, SURV_COL_RESIDUAL, &len);
    const double *x = surv_result_column(z, SURV_COL_TRANSFORMED_TIME, NULL);
    const double *tm = surv_result_column(z, SURV_COL_TIME, NULL);
    size_t seen = 0, nterm = nt - 1;
    for (size_t r = 0; r < tu_table_nrow(zr); r++) {
      if (strcmp(tu_table_str(zr, r, 0), fits[_i].name) ||
          strcmp(tu_table_str(zr, r, 1), transforms[tr].name))
        continue;
      size_t row = (size_t)tu_table_num(zr, r, tu_table_col(zr, "row"));
      size_t c = (size_t)tu_table_num(zr, r, tu_table_col(zr, "col"));
      char ctx[96];
      snprintf(ctx, sizeof ctx, "%s zph %s resid row %zu col %zu",
               fits[_i].name, transforms[tr].name, row, c);
      ck_assert_uint_lt(row * nterm + c, len);
      TU_ASSERT_REL(y[row * nterm + c],
                    tu_table_num(zr, r, tu_table_col(zr, "y")), RTOL, ctx);
      TU_ASSERT_REL(x[row], tu_table_num(zr, r, tu_table_col(zr, "x")), RTOL,
                    ctx);
      TU_ASSERT_REL(tm[row], tu_table_num(zr, r, tu_table_col(zr, "time")),
                    1e-15, ctx);
      seen++;
    }
    ck_assert_uint_eq(seen, len);
    surv_result_free(z);
  }
  ck_assert_uint_ge(checked, 8);
  surv_result_free(fit);
  unload(&fd);
  tu_table_free(zt);
  tu_table_free(zr);
  tu_table_free(data);
}
END_TEST

int main(void) {
  Suite *s = suite_create("coxdiag");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_loop_test(tc, test_residuals_vs_r, 0,
                      (int)(sizeof fits / sizeof fits[0]));
  tcase_add_loop_test(tc, test_zph_vs_r, 0,
                      (int)(sizeof fits / sizeof fits[0]));
  tcase_add_test(tc, test_errors);
  tcase_add_loop_test(tc, test_marginal_ties, 0, 3);
  tcase_add_test(tc, test_marginal_no_ties);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
