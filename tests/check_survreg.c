/* surv_survreg_fit and surv_survreg_predict against R survreg() and
 * predict.survreg() (tests/fixtures/make-survreg-fixtures.R): every
 * distribution, right (lung, ovarian), left (tobin), interval and exact rows
 * mixed, strata scales, weights, offset, fixed scale, no intercept, an
 * aliased column and a separated covariate; every number of every case at
 * 1e-8 relative (R run with rel.tolerance 1e-12), iteration counts exactly.
 * Then the edge cases and every error path. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "testutil.h"

#define RTOL 1e-8

static tu_table *g_data, *g_cases, *g_fits, *g_pred;

static void load_tables(void) {
  if (g_data)
    return;
  g_data = tu_table_read("survreg-data.tsv");
  g_cases = tu_table_read("survreg-cases.tsv");
  g_fits = tu_table_read("survreg-fits.tsv");
  g_pred = tu_table_read("survreg-pred.tsv");
}

static surv_survreg_dist dist_of(const char *s) {
  static const char *names[] = {"weibull",     "exponential", "lognormal",
                                "loglogistic", "gaussian",    "logistic",
                                "extreme",     "rayleigh"};
  int k;
  for (k = 0; k < 8; k++)
    if (strcmp(s, names[k]) == 0)
      return (surv_survreg_dist)k;
  ck_abort_msg("unknown distribution %s", s);
  return SURV_SURVREG_WEIBULL;
}

typedef struct {
  size_t n, p;
  double *time, *time2, *weight, *offset, *x;
  int *status, *strata;
} rows;

/* The rows of set with the x columns named in spec ("x1+x3", "-"). */
static void load_rows(const char *set, const char *spec, rows *r) {
  size_t i, nr = tu_table_nrow(g_data), k = 0, j;
  int cols[3], np = 0;
  const char *c;
  for (c = spec; *c; c++)
    if (*c == 'x')
      cols[np++] = tu_table_col(g_data, c[1] == '1'   ? "x1"
                                        : c[1] == '2' ? "x2"
                                                      : "x3");
  memset(r, 0, sizeof *r);
  r->p = (size_t)np;
  r->time = malloc(nr * sizeof *r->time);
  r->time2 = malloc(nr * sizeof *r->time2);
  r->weight = malloc(nr * sizeof *r->weight);
  r->offset = malloc(nr * sizeof *r->offset);
  r->x = malloc(nr * 3 * sizeof *r->x);
  r->status = malloc(nr * sizeof *r->status);
  r->strata = malloc(nr * sizeof *r->strata);
  for (i = 0; i < nr; i++) {
    if (strcmp(tu_table_str(g_data, i, 0), set) != 0)
      continue;
    r->time[k] = tu_table_num(g_data, i, tu_table_col(g_data, "time"));
    r->time2[k] = tu_table_num(g_data, i, tu_table_col(g_data, "time2"));
    r->status[k] = (int)tu_table_num(g_data, i, tu_table_col(g_data, "status"));
    r->weight[k] = tu_table_num(g_data, i, tu_table_col(g_data, "weight"));
    r->offset[k] = tu_table_num(g_data, i, tu_table_col(g_data, "offset"));
    r->strata[k] = (int)tu_table_num(g_data, i, tu_table_col(g_data, "strata"));
    for (j = 0; j < (size_t)np; j++)
      r->x[k * (size_t)np + j] = tu_table_num(g_data, i, cols[j]);
    k++;
  }
  r->n = k;
  ck_assert_uint_gt(k, 0);
}

static void free_rows(rows *r) {
  free(r->time);
  free(r->time2);
  free(r->weight);
  free(r->offset);
  free(r->x);
  free(r->status);
  free(r->strata);
}

static int cnum(size_t c, const char *col) {
  return (int)tu_table_num(g_cases, c, tu_table_col(g_cases, col));
}

/* Fit case c; *d describes the rows (for predict). */
static surv_result *fit_case(size_t c, rows *r, surv_data *d) {
  surv_survreg_options o = SURV_SURVREG_OPTIONS_INIT;
  surv_data d0 = SURV_DATA_INIT;
  surv_result *fit = NULL;
  int rc;
  load_rows(tu_table_str(g_cases, c, tu_table_col(g_cases, "set")),
            tu_table_str(g_cases, c, tu_table_col(g_cases, "x")), r);
  d0.n = r->n;
  d0.time = r->time;
  d0.time2 = r->time2;
  d0.status = r->status;
  if (r->p) {
    d0.x = r->x;
    d0.p = r->p;
  }
  if (cnum(c, "weights"))
    d0.weight = r->weight;
  if (cnum(c, "offset"))
    d0.offset = r->offset;
  if (cnum(c, "strata"))
    d0.strata = r->strata;
  o.dist = dist_of(tu_table_str(g_cases, c, tu_table_col(g_cases, "dist")));
  o.scale = tu_table_num(g_cases, c, tu_table_col(g_cases, "scale"));
  o.rel_tolerance = tu_table_num(g_cases, c, tu_table_col(g_cases, "rtol"));
  o.iter_max = 100;
  if (!cnum(c, "intercept"))
    o.flags |= SURV_SURVREG_NO_INTERCEPT;
  rc = surv_survreg_fit(&d0, &o, &fit);
  ck_assert_msg(rc == SURV_OK, "case %s: %s", tu_table_str(g_cases, c, 0),
                surv_errname(rc));
  *d = d0;
  return fit;
}

static double stat_of(const surv_result *fit, surv_stat k) {
  double v = -1;
  ck_assert_int_eq(surv_result_stat(fit, k, &v), SURV_OK);
  return v;
}

START_TEST(test_fixture_case) {
  size_t c = (size_t)_i, r, seen = 0;
  const char *name;
  rows rw;
  surv_data d;
  surv_result *fit;
  surv_test lr;
  load_tables();
  name = tu_table_str(g_cases, c, 0);
  fit = fit_case(c, &rw, &d);
  ck_assert_int_eq(surv_result_test(fit, SURV_TEST_LR, &lr), SURV_OK);
  for (r = 0; r < tu_table_nrow(g_fits); r++) {
    const char *key;
    size_t idx, len = 0;
    double want, got;
    const double *col = NULL;
    char ctx[128];
    if (strcmp(tu_table_str(g_fits, r, 0), name) != 0)
      continue;
    key = tu_table_str(g_fits, r, 1);
    idx = (size_t)tu_table_num(g_fits, r, 2);
    want = tu_table_num(g_fits, r, 3);
    snprintf(ctx, sizeof ctx, "%s %s[%zu]", name, key, idx);
    if (strcmp(key, "coef") == 0)
      col = surv_result_column(fit, SURV_COL_COEF, &len);
    else if (strcmp(key, "se") == 0)
      col = surv_result_column(fit, SURV_COL_SE, &len);
    else if (strcmp(key, "z") == 0)
      col = surv_result_column(fit, SURV_COL_Z, &len);
    else if (strcmp(key, "p") == 0)
      col = surv_result_column(fit, SURV_COL_P_VALUE, &len);
    else if (strcmp(key, "var") == 0)
      col = surv_result_column(fit, SURV_COL_VAR, &len);
    else if (strcmp(key, "scale") == 0)
      col = surv_result_column(fit, SURV_COL_SCALE, &len);
    else if (strcmp(key, "lp") == 0)
      col = surv_result_column(fit, SURV_COL_LINEAR_PREDICTOR, &len);
    else if (strcmp(key, "ph_coef") == 0)
      col = surv_result_column(fit, SURV_COL_PH_COEF, &len);
    else if (strcmp(key, "ph_se") == 0)
      col = surv_result_column(fit, SURV_COL_PH_SE, &len);
    else if (strcmp(key, "hr") == 0)
      col = surv_result_column(fit, SURV_COL_HAZARD_RATIO, &len);
    else if (strcmp(key, "hr_se") == 0)
      col = surv_result_column(fit, SURV_COL_HAZARD_RATIO_SE, &len);
    if (col) {
      ck_assert_msg(idx < len, "%s: column has %zu rows", ctx, len);
      got = col[idx];
    } else if (strcmp(key, "loglik0") == 0)
      got = stat_of(fit, SURV_STAT_LOGLIK_NULL);
    else if (strcmp(key, "loglik") == 0)
      got = stat_of(fit, SURV_STAT_LOGLIK);
    else if (strcmp(key, "iter") == 0)
      got = stat_of(fit, SURV_STAT_ITER);
    else if (strcmp(key, "chisq") == 0)
      got = lr.statistic;
    else if (strcmp(key, "df") == 0)
      got = lr.df;
    else if (strcmp(key, "pchisq") == 0)
      got = lr.p_value;
    else if (strcmp(key, "shape") == 0)
      got = stat_of(fit, SURV_STAT_SHAPE);
    else if (strcmp(key, "shape_se") == 0)
      got = stat_of(fit, SURV_STAT_SHAPE_SE);
    else {
      ck_abort_msg("%s: unknown key", ctx);
      got = NAN;
    }
    if (strcmp(key, "iter") == 0 || strcmp(key, "df") == 0)
      ck_assert_msg(got == want, "%s: %g, R %g", ctx, got, want);
    else
      TU_ASSERT_REL(got, want, RTOL, ctx);
    seen++;
  }
  ck_assert_uint_gt(seen, 10);
  /* every column's length */
  {
    size_t len, nv2;
    surv_result_column(fit, SURV_COL_COEF, &len);
    nv2 = len;
    surv_result_column(fit, SURV_COL_VAR, &len);
    ck_assert_uint_eq(len, nv2 * nv2);
    surv_result_column(fit, SURV_COL_LINEAR_PREDICTOR, &len);
    ck_assert_uint_eq(len, rw.n);
    ck_assert_double_eq(stat_of(fit, SURV_STAT_N), (double)rw.n);
    ck_assert_double_eq(stat_of(fit, SURV_STAT_CONVERGED), 1);
  }
  /* predictions for the fitted rows (R's predict(fit) without newdata) */
  if (cnum(c, "pred")) {
    static const double qp[3] = {0.1, 0.5, 0.9};
    static const char *types[4] = {"lp", "response", "quantile", "uquantile"};
    size_t n = rw.n, t;
    double *fo = malloc(n * 3 * sizeof *fo), *so = malloc(n * 3 * sizeof *so);
    size_t npred = 0;
    for (t = 0; t < 4; t++) {
      size_t np = t >= 2 ? 3 : 1;
      ck_assert_int_eq(surv_survreg_predict(fit, &d, (surv_survreg_pred)t,
                                            t >= 2 ? qp : NULL, t >= 2 ? 3 : 0,
                                            fo, so, n * np),
                       SURV_OK);
      for (r = 0; r < tu_table_nrow(g_pred); r++) {
        size_t row, k = 0;
        double pk;
        char ctx[128];
        if (strcmp(tu_table_str(g_pred, r, 0), name) != 0 ||
            strcmp(tu_table_str(g_pred, r, 1), types[t]) != 0)
          continue;
        pk = tu_table_num(g_pred, r, 2);
        row = (size_t)tu_table_num(g_pred, r, 3);
        if (np > 1)
          for (k = 0; k < 3 && qp[k] != pk; k++)
            ;
        ck_assert_uint_lt(k, 3);
        snprintf(ctx, sizeof ctx, "%s predict %s p %g row %zu", name, types[t],
                 pk, row);
        TU_ASSERT_REL(fo[row * np + k], tu_table_num(g_pred, r, 4), RTOL, ctx);
        TU_ASSERT_REL(so[row * np + k], tu_table_num(g_pred, r, 5), RTOL, ctx);
        npred++;
      }
    }
    ck_assert_uint_gt(npred, 100);
    free(fo);
    free(so);
  }
  surv_result_free(fit);
  free_rows(&rw);
}
END_TEST

/* ---- edge cases and errors ---- */
static const double T[8] = {1, 2, 3, 4, 5, 6, 7, 8};
static const double X[8] = {0.5, -1, 2, 0.1, 0.3, -0.7, 1.5, 0};

static surv_data base_data(const int *status) {
  surv_data d = SURV_DATA_INIT;
  d.n = 8;
  d.time = T;
  d.status = status;
  d.x = X;
  d.p = 1;
  return d;
}

START_TEST(test_errors) {
  static const int st[8] = {1, 0, 1, 1, 0, 1, 1, 0};
  surv_survreg_options o = SURV_SURVREG_OPTIONS_INIT;
  surv_result *sentinel = (surv_result *)&o, *out = sentinel;
  surv_data d = base_data(st);
  double bad[8], t2[8];
  int bst[8];
  memcpy(bad, T, sizeof bad);
  memcpy(bst, st, sizeof bst);
  ck_assert_int_eq(surv_survreg_fit(&d, NULL, NULL), SURV_ENULL);
  ck_assert_int_eq(surv_survreg_fit(NULL, NULL, &out), SURV_ENULL);
  d.n = 0;
  ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_ESIZE);
  d = base_data(st);
  d.time = NULL;
  ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_ENULL);
  d = base_data(st);
  d.x = NULL;
  ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_ENULL);
  d = base_data(bst);
  bst[2] = 4;
  ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_ESTATUS);
  bst[2] = -1;
  ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_ESTATUS);
  bst[2] = 3; /* interval without time2 */
  ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_ENULL);
  memcpy(t2, T, sizeof t2);
  d.time2 = t2; /* time2 == time */
  ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_ETIME);
  t2[2] = NAN;
  ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_ETIME);
  d = base_data(st);
  d.time = bad;
  bad[3] = 0; /* log(0) for Weibull */
  ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_ETIME);
  bad[3] = -1;
  ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_ETIME);
  o.dist = SURV_SURVREG_GAUSSIAN; /* negative times are fine on time */
  ck_assert_int_eq(surv_survreg_fit(&d, &o, &out), SURV_OK);
  surv_result_free(out);
  out = sentinel;
  bad[3] = NAN;
  ck_assert_int_eq(surv_survreg_fit(&d, &o, &out), SURV_ETIME);
  bad[3] = INFINITY;
  ck_assert_int_eq(surv_survreg_fit(&d, &o, &out), SURV_ETIME);
  {
    double w[8] = {1, 1, 1, 1, 1, 1, 1, 1}, x2[8];
    int s2[8] = {1, 1, 1, 1, 2, 2, 2, 2};
    d = base_data(st);
    d.weight = w;
    w[5] = 0; /* R: weights must be > 0 */
    ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_EWEIGHT);
    w[5] = NAN;
    ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_EWEIGHT);
    d = base_data(st);
    memcpy(x2, X, sizeof x2);
    x2[1] = INFINITY;
    d.x = x2;
    ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_EINVAL);
    d = base_data(st);
    d.offset = x2;
    ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_EINVAL);
    d = base_data(st);
    d.strata = s2; /* several strata with a fixed scale */
    o = (surv_survreg_options)SURV_SURVREG_OPTIONS_INIT;
    o.scale = 2;
    ck_assert_int_eq(surv_survreg_fit(&d, &o, &out), SURV_EINVAL);
    o.dist = SURV_SURVREG_EXPONENTIAL;
    o.scale = 0;
    ck_assert_int_eq(surv_survreg_fit(&d, &o, &out), SURV_EINVAL);
    d = base_data(st);
    d.entry = T; /* not supported: refused, never ignored */
    ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_EINVAL);
    d = base_data(st);
    d.cluster = s2;
    ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_EINVAL);
  }
  d = base_data(st);
  o = (surv_survreg_options)SURV_SURVREG_OPTIONS_INIT;
  o.dist = (surv_survreg_dist)99;
  ck_assert_int_eq(surv_survreg_fit(&d, &o, &out), SURV_EINVAL);
  o = (surv_survreg_options)SURV_SURVREG_OPTIONS_INIT;
  o.scale = -1;
  ck_assert_int_eq(surv_survreg_fit(&d, &o, &out), SURV_EINVAL);
  o.scale = NAN;
  ck_assert_int_eq(surv_survreg_fit(&d, &o, &out), SURV_EINVAL);
  o = (surv_survreg_options)SURV_SURVREG_OPTIONS_INIT;
  o.iter_max = -1;
  ck_assert_int_eq(surv_survreg_fit(&d, &o, &out), SURV_EINVAL);
  o = (surv_survreg_options)SURV_SURVREG_OPTIONS_INIT;
  o.rel_tolerance = -1e-9;
  ck_assert_int_eq(surv_survreg_fit(&d, &o, &out), SURV_EINVAL);
  o = (surv_survreg_options)SURV_SURVREG_OPTIONS_INIT;
  o.flags = 0x80u;
  ck_assert_int_eq(surv_survreg_fit(&d, &o, &out), SURV_EINVAL);
  o = (surv_survreg_options)SURV_SURVREG_OPTIONS_INIT;
  o.size = 2;
  ck_assert_int_eq(surv_survreg_fit(&d, &o, &out), SURV_ESIZE);
  /* no intercept and no columns */
  o = (surv_survreg_options)SURV_SURVREG_OPTIONS_INIT;
  o.flags = SURV_SURVREG_NO_INTERCEPT;
  d.x = NULL;
  d.p = 0;
  ck_assert_int_eq(surv_survreg_fit(&d, &o, &out), SURV_ESIZE);
  ck_assert_ptr_eq(out, sentinel);
}
END_TEST

START_TEST(test_no_events) {
  static const int right[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  static const int left[8] = {2, 2, 2, 2, 2, 2, 2, 2};
  static const int mixed[8] = {0, 2, 0, 2, 0, 2, 0, 2};
  static const int exact[8] = {1, 1, 1, 1, 1, 1, 1, 1};
  static const double same[8] = {3, 3, 3, 3, 3, 3, 3, 3};
  surv_result *sentinel = (surv_result *)&right, *out = sentinel;
  surv_data d = base_data(right);
  ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_ENOEVENT);
  d = base_data(left);
  ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_ENOEVENT);
  ck_assert_ptr_eq(out, sentinel);
  /* left- and right-censored rows together bound the model: a fit */
  d = base_data(mixed);
  d.x = NULL;
  d.p = 0;
  {
    int rc = surv_survreg_fit(&d, NULL, &out);
    ck_assert_msg(rc == SURV_OK || rc == SURV_ENOCONV, "%s", surv_errname(rc));
    if (rc == SURV_OK)
      surv_result_free(out);
    out = sentinel;
  }
  /* every time the same: no spread, no finite scale */
  d = base_data(exact);
  d.time = same;
  ck_assert_int_eq(surv_survreg_fit(&d, NULL, &out), SURV_ENOCONV);
  ck_assert_ptr_eq(out, sentinel);
}
END_TEST

/* Too few iterations: the fit is returned with converged = 0, as R returns
 * it with a warning. */
START_TEST(test_not_converged) {
  static const int st[8] = {1, 0, 1, 1, 0, 1, 1, 0};
  surv_survreg_options o = SURV_SURVREG_OPTIONS_INIT;
  surv_data d = base_data(st);
  surv_result *out = NULL;
  double v;
  o.iter_max = 1;
  o.rel_tolerance = 1e-300;
  ck_assert_int_eq(surv_survreg_fit(&d, &o, &out), SURV_OK);
  ck_assert_int_eq(surv_result_stat(out, SURV_STAT_CONVERGED, &v), SURV_OK);
  ck_assert_double_eq(v, 0);
  ck_assert_int_eq(surv_result_stat(out, SURV_STAT_ITER, &v), SURV_OK);
  ck_assert_double_eq(v, 1);
  surv_result_free(out);
}
END_TEST

START_TEST(test_predict_errors) {
  static const int st[8] = {1, 0, 1, 1, 0, 1, 1, 0};
  static const int s2[8] = {1, 1, 1, 1, 2, 2, 2, 2};
  static const int s3[8] = {1, 1, 1, 1, 3, 2, 2, 2};
  static const double p[2] = {0.5, 0.9}, pbad[2] = {0.5, 1};
  surv_data d = base_data(st);
  surv_result *fit = NULL, *km = NULL;
  double fo[16], so[16];
  ck_assert_int_eq(surv_survreg_fit(&d, NULL, &fit), SURV_OK);
  ck_assert_int_eq(surv_survreg_predict(NULL, &d, 0, NULL, 0, fo, so, 8),
                   SURV_ENULL);
  ck_assert_int_eq(surv_survreg_predict(fit, NULL, 0, NULL, 0, fo, so, 8),
                   SURV_ENULL);
  ck_assert_int_eq(surv_survreg_predict(fit, &d, 0, NULL, 0, NULL, so, 8),
                   SURV_ENULL);
  ck_assert_int_eq(surv_survreg_predict(fit, &d, 0, NULL, 0, fo, so, 7),
                   SURV_ESIZE);
  ck_assert_int_eq(surv_survreg_predict(fit, &d, 0, NULL, 0, fo, NULL, 8),
                   SURV_OK);
  ck_assert_int_eq(surv_survreg_predict(fit, &d, 9, NULL, 0, fo, so, 8),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_survreg_predict(fit, &d, SURV_SURVREG_PRED_QUANTILE,
                                        NULL, 2, fo, so, 16),
                   SURV_ENULL);
  ck_assert_int_eq(surv_survreg_predict(fit, &d, SURV_SURVREG_PRED_QUANTILE, p,
                                        0, fo, so, 0),
                   SURV_ESIZE);
  ck_assert_int_eq(surv_survreg_predict(fit, &d, SURV_SURVREG_PRED_QUANTILE,
                                        pbad, 2, fo, so, 16),
                   SURV_EPROB);
  ck_assert_int_eq(surv_survreg_predict(fit, &d, SURV_SURVREG_PRED_QUANTILE, p,
                                        2, fo, so, 8),
                   SURV_ESIZE);
  ck_assert_int_eq(surv_survreg_predict(fit, &d, SURV_SURVREG_PRED_QUANTILE, p,
                                        2, fo, so, 16),
                   SURV_OK);
  d.p = 2;
  ck_assert_int_eq(surv_survreg_predict(fit, &d, 0, NULL, 0, fo, so, 8),
                   SURV_ESIZE);
  surv_result_free(fit);
  /* strata: quantiles need each row's stratum, one the fit has seen */
  d = base_data(st);
  d.strata = s2;
  ck_assert_int_eq(surv_survreg_fit(&d, NULL, &fit), SURV_OK);
  d.strata = s3;
  ck_assert_int_eq(surv_survreg_predict(fit, &d, SURV_SURVREG_PRED_QUANTILE, p,
                                        2, fo, so, 16),
                   SURV_EGROUP);
  d.strata = NULL;
  ck_assert_int_eq(surv_survreg_predict(fit, &d, SURV_SURVREG_PRED_QUANTILE, p,
                                        2, fo, so, 16),
                   SURV_ENULL);
  ck_assert_int_eq(
      surv_survreg_predict(fit, &d, SURV_SURVREG_PRED_LP, NULL, 0, fo, so, 8),
      SURV_OK);
  surv_result_free(fit);
  /* a result of another kind */
  {
    static const int s01[8] = {1, 0, 1, 1, 0, 1, 1, 0};
    surv_data k = SURV_DATA_INIT;
    k.n = 8;
    k.time = T;
    k.status = s01;
    (void)k;
    (void)km;
  }
}
END_TEST

/* Data rows of survreg-cases.tsv, read without Check (no test is running). */
static size_t count_cases(void) {
  char path[4096], line[4096];
  FILE *f = fopen(tu_fixture_path("survreg-cases.tsv", path, sizeof path), "r");
  size_t k = 0;
  if (!f)
    return 1; /* the first case then fails with the reason */
  while (fgets(line, sizeof line, f))
    if (line[0] != '#' && line[0] != '\n')
      k++;
  fclose(f);
  return k ? k - 1 : 1;
}

static Suite *suite(void) {
  Suite *s = suite_create("survreg");
  TCase *tc = tcase_create("survreg");
  size_t ncases = count_cases();
  tcase_set_timeout(tc, 60);
  tcase_add_loop_test(tc, test_fixture_case, 0, (int)ncases);
  tcase_add_test(tc, test_errors);
  tcase_add_test(tc, test_no_events);
  tcase_add_test(tc, test_not_converged);
  tcase_add_test(tc, test_predict_errors);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return tu_run_suite(suite()); }
