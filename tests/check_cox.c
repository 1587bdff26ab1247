/* Cox model: every case of tests/fixtures/cox-fits.tsv (R coxph with
 * eps = 1e-12, iter.max = 50, made by make-cox-fixtures.R on lung, veteran,
 * ovarian, bladder2, heart, rats and edge-case data) at 1e-9 relative:
 * statistics, tests, coefficients, standard errors, z, p, limits, the
 * variance, the linear predictor, R's monotone-likelihood warning, and every
 * row of the predicted curves (survfit.coxph with and without newdata, log,
 * log-log and plain limits). Plus: a zero score at the reported maximum, the
 * edge cases (no events, aliased columns) and every error path with the
 * output untouched. And the exp of the passes' risk scores (lib/surv_exp.h)
 * against long double expl. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "surv_exp.h"
#include "testutil.h"

#define RTOL 1e-9

typedef struct {
  char name[64];
  size_t n;
  tu_table *t;
} dataset;

static dataset sets[16];
static size_t nsets;

static tu_table *data_table(const char *name) {
  for (size_t i = 0; i < nsets; i++)
    if (strcmp(sets[i].name, name) == 0)
      return sets[i].t;
  char file[128];
  snprintf(file, sizeof file, "cox-data-%s.tsv", name);
  ck_assert_uint_lt(nsets, 16);
  snprintf(sets[nsets].name, sizeof sets[nsets].name, "%s", name);
  sets[nsets].t = tu_table_read(file);
  return sets[nsets++].t;
}

static void free_sets(void) {
  for (size_t i = 0; i < nsets; i++)
    tu_table_free(sets[i].t);
  nsets = 0;
}

/* A case's arrays, built from its data file and the fits row. */
typedef struct {
  surv_data d;
  double *time, *entry, *x, *w, *off;
  int *status, *strata, *cluster;
  size_t p;
  surv_cox_options o;
} model;

static double *num_col(tu_table *t, const char *col) {
  if (col[0] == 0)
    return NULL;
  size_t n = tu_table_nrow(t);
  int c = tu_table_col(t, col);
  double *v = malloc(n * sizeof *v);
  for (size_t i = 0; i < n; i++)
    v[i] = tu_table_num(t, i, c);
  return v;
}

static int *int_col(tu_table *t, const char *col) {
  if (col[0] == 0)
    return NULL;
  double *v = num_col(t, col);
  size_t n = tu_table_nrow(t);
  int *r = malloc(n * sizeof *r);
  for (size_t i = 0; i < n; i++)
    r[i] = (int)v[i];
  free(v);
  return r;
}

static void model_make(model *m, const tu_table *fits, size_t row) {
  memset(m, 0, sizeof *m);
  tu_table *t = data_table(tu_table_str(fits, row, tu_table_col(fits, "data")));
  size_t n = tu_table_nrow(t);
  const char *entry = tu_table_str(fits, row, tu_table_col(fits, "entry"));
  m->time = num_col(t, entry[0] ? "stop" : "time");
  m->entry = num_col(t, entry);
  m->status = int_col(t, "status");
  m->strata = int_col(t, tu_table_str(fits, row, tu_table_col(fits, "strata")));
  m->cluster =
      int_col(t, tu_table_str(fits, row, tu_table_col(fits, "cluster")));
  m->w = num_col(t, tu_table_str(fits, row, tu_table_col(fits, "weight")));
  m->off = num_col(t, tu_table_str(fits, row, tu_table_col(fits, "offset")));
  char xs[512];
  snprintf(xs, sizeof xs, "%s",
           tu_table_str(fits, row, tu_table_col(fits, "x")));
  char *cols[32];
  size_t p = 0;
  for (char *tok = strtok(xs, ","); tok; tok = strtok(NULL, ","))
    cols[p++] = tok;
  m->p = p;
  m->x = malloc(n * p * sizeof *m->x);
  for (size_t j = 0; j < p; j++) {
    int c = tu_table_col(t, cols[j]);
    for (size_t i = 0; i < n; i++)
      m->x[i * p + j] = tu_table_num(t, i, c);
  }
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.time = m->time;
  d.status = m->status;
  d.entry = m->entry;
  d.weight = m->w;
  d.strata = m->strata;
  d.cluster = m->cluster;
  d.x = m->x;
  d.p = p;
  d.offset = m->off;
  m->d = d;
  surv_cox_options o = SURV_COX_OPTIONS_INIT;
  const char *ties = tu_table_str(fits, row, tu_table_col(fits, "ties"));
  o.ties = strcmp(ties, "efron") == 0     ? SURV_TIES_EFRON
           : strcmp(ties, "breslow") == 0 ? SURV_TIES_BRESLOW
                                          : SURV_TIES_EXACT;
  o.eps = tu_table_num(fits, row, tu_table_col(fits, "eps"));
  o.iter_max = 50;
  if (tu_table_num(fits, row, tu_table_col(fits, "robust")) == 1)
    o.flags |= SURV_COX_ROBUST;
  m->o = o;
}

static void model_free(model *m) {
  free(m->time);
  free(m->entry);
  free(m->x);
  free(m->w);
  free(m->off);
  free(m->status);
  free(m->strata);
  free(m->cluster);
}

static double stat(const surv_result *r, surv_stat k) {
  double v = NAN;
  ck_assert_int_eq(surv_result_stat(r, k, &v), SURV_OK);
  return v;
}

static surv_test test_of(const surv_result *r, surv_test_kind k) {
  surv_test t;
  ck_assert_int_eq(surv_result_test(r, k, &t), SURV_OK);
  return t;
}

START_TEST(test_fixtures) {
  tu_table *fits = tu_table_read("cox-fits.tsv");
  tu_table *coef = tu_table_read("cox-coef.tsv");
  size_t nf = tu_table_nrow(fits), nc = tu_table_nrow(coef), row, k;
  int ccase = tu_table_col(coef, "case");
  size_t checked = 0;
  for (row = 0; row < nf; row++) {
    const char *name = tu_table_str(fits, row, tu_table_col(fits, "case"));
    char ctx[160];
    model m;
    model_make(&m, fits, row);
    surv_result *r = NULL;
    ck_assert_msg(surv_cox_fit(&m.d, &m.o, &r) == SURV_OK, "%s", name);
#define F(col) tu_table_num(fits, row, tu_table_col(fits, col))
    snprintf(ctx, sizeof ctx, "%s n", name);
    TU_ASSERT_REL(stat(r, SURV_STAT_N), F("n"), 0, ctx);
    TU_ASSERT_REL(stat(r, SURV_STAT_N_EVENT), F("nevent"), 0, ctx);
    snprintf(ctx, sizeof ctx, "%s loglik", name);
    TU_ASSERT_REL(stat(r, SURV_STAT_LOGLIK_NULL), F("loglik0"), RTOL, ctx);
    /* relative to the scale of the likelihood: at a monotone maximum the
     * log likelihood is 0 up to rounding (R: -5.7e-14 in mono2) */
    if (fabs(F("loglik")) > 1e-6)
      TU_ASSERT_REL(stat(r, SURV_STAT_LOGLIK), F("loglik"), RTOL, ctx);
    else
      ck_assert_msg(fabs(stat(r, SURV_STAT_LOGLIK) - F("loglik")) <=
                        RTOL * fabs(F("loglik0")),
                    "%s", ctx);
    snprintf(ctx, sizeof ctx, "%s concordance", name);
    TU_ASSERT_REL(stat(r, SURV_STAT_CONCORDANCE), F("concordance"), RTOL, ctx);
    TU_ASSERT_REL(stat(r, SURV_STAT_CONCORDANCE_SE), F("concordance_se"), RTOL,
                  ctx);
    snprintf(ctx, sizeof ctx, "%s iter", name);
    TU_ASSERT_REL(stat(r, SURV_STAT_ITER), F("iter"), 0, ctx);
    surv_test t = test_of(r, SURV_TEST_LR);
    snprintf(ctx, sizeof ctx, "%s LR", name);
    TU_ASSERT_REL(t.statistic, F("lr"), RTOL, ctx);
    TU_ASSERT_REL(t.df, F("lr_df"), 0, ctx);
    TU_ASSERT_REL(t.p_value, F("lr_p"), RTOL, ctx);
    t = test_of(r, SURV_TEST_WALD);
    snprintf(ctx, sizeof ctx, "%s Wald", name);
    TU_ASSERT_REL(t.statistic, F("wald"), RTOL, ctx);
    TU_ASSERT_REL(t.p_value, F("wald_p"), RTOL, ctx);
    t = test_of(r, SURV_TEST_SCORE);
    snprintf(ctx, sizeof ctx, "%s score", name);
    TU_ASSERT_REL(t.statistic, F("score"), RTOL, ctx);
    TU_ASSERT_REL(t.p_value, F("score_p"), RTOL, ctx);
    if (F("robust") == 1) {
      t = test_of(r, SURV_TEST_ROBUST_SCORE);
      snprintf(ctx, sizeof ctx, "%s robust score", name);
      TU_ASSERT_REL(t.statistic, F("rscore"), RTOL, ctx);
      TU_ASSERT_REL(t.p_value, F("rscore_p"), RTOL, ctx);
    } else
      ck_assert_int_eq(surv_result_test(r, SURV_TEST_ROBUST_SCORE, &t),
                       SURV_EINVAL);
    size_t p = m.p, len;
    const double *cc = surv_result_column(r, SURV_COL_COEF, &len);
    ck_assert_uint_eq(len, p);
    const double *cse = surv_result_column(r, SURV_COL_SE, NULL);
    const double *crs = surv_result_column(r, SURV_COL_ROBUST_SE, NULL);
    const double *cz = surv_result_column(r, SURV_COL_Z, NULL);
    const double *cp = surv_result_column(r, SURV_COL_P_VALUE, NULL);
    const double *clo = surv_result_column(r, SURV_COL_LOWER, NULL);
    const double *cup = surv_result_column(r, SURV_COL_UPPER, NULL);
    const double *cinf = surv_result_column(r, SURV_COL_INFINITE, NULL);
    const double *cv = surv_result_column(r, SURV_COL_VAR, NULL);
    const double *clp = surv_result_column(r, SURV_COL_LINEAR_PREDICTOR, NULL);
    const double *cex = surv_result_column(r, SURV_COL_EXP_COEF, NULL);
    ck_assert_ptr_nonnull(cse);
    ck_assert(F("robust") == 1 ? crs != NULL : crs == NULL);
    size_t j = 0;
    for (k = 0; k < nc; k++) {
      if (strcmp(tu_table_str(coef, k, ccase), name) != 0)
        continue;
#define C(col) tu_table_num(coef, k, tu_table_col(coef, col))
      snprintf(ctx, sizeof ctx, "%s coef %zu", name, j);
      TU_ASSERT_REL(cc[j], C("coef"), RTOL, ctx);
      TU_ASSERT_REL(cex[j], exp(C("coef")), RTOL, ctx);
      snprintf(ctx, sizeof ctx, "%s se %zu", name, j);
      TU_ASSERT_REL(cse[j], C("se"), RTOL, ctx);
      if (crs) {
        snprintf(ctx, sizeof ctx, "%s robust se %zu", name, j);
        TU_ASSERT_REL(crs[j], C("robust_se"), RTOL, ctx);
      }
      snprintf(ctx, sizeof ctx, "%s z p limits %zu", name, j);
      TU_ASSERT_REL(cz[j], C("z"), RTOL, ctx);
      TU_ASSERT_REL(cp[j], C("p"), RTOL, ctx);
      TU_ASSERT_REL(clo[j], C("lower"), RTOL, ctx);
      TU_ASSERT_REL(cup[j], C("upper"), RTOL, ctx);
      snprintf(ctx, sizeof ctx, "%s infinite %zu", name, j);
      TU_ASSERT_REL(cinf[j], C("infinite"), 0, ctx);
      snprintf(ctx, sizeof ctx, "%s lp row %zu", name, j);
      TU_ASSERT_REL(clp[j], C("lp_first"), RTOL, ctx);
      char vr[1024];
      snprintf(vr, sizeof vr, "%s",
               tu_table_str(coef, k, tu_table_col(coef, "var_row")));
      size_t q = 0;
      for (char *tok = strtok(vr, ","); tok; tok = strtok(NULL, ","), q++) {
        snprintf(ctx, sizeof ctx, "%s var[%zu][%zu]", name, j, q);
        double want = strcmp(tok, "NA") == 0 ? NAN : strtod(tok, NULL);
        /* R's var has 0 where aliased; a zero is compared absolutely */
        TU_ASSERT_REL(cv[j * p + q], want, want == 0 ? 1e-300 : RTOL, ctx);
      }
      ck_assert_uint_eq(q, p);
      j++;
      checked++;
#undef C
    }
    ck_assert_uint_eq(j, p);
#undef F
    surv_result_free(r);
    model_free(&m);
  }
  ck_assert_uint_ge(checked, 70);
  tu_table_free(coef);
  tu_table_free(fits);
  free_sets();
}
END_TEST

START_TEST(test_curves) {
  tu_table *fits = tu_table_read("cox-fits.tsv");
  tu_table *cur = tu_table_read("cox-curves.tsv");
  size_t nf = tu_table_nrow(fits), nr = tu_table_nrow(cur), row, k = 0;
  size_t ncurves = 0;
  int ccase = tu_table_col(cur, "case"), ctarget = tu_table_col(cur, "target");
  while (k < nr) {
    const char *name = tu_table_str(cur, k, ccase);
    const char *target = tu_table_str(cur, k, ctarget);
    size_t end = k;
    while (end < nr && strcmp(tu_table_str(cur, end, ccase), name) == 0 &&
           strcmp(tu_table_str(cur, end, ctarget), target) == 0)
      end++;
    for (row = 0; row < nf; row++)
      if (strcmp(tu_table_str(fits, row, tu_table_col(fits, "case")), name) ==
          0)
        break;
    ck_assert_uint_lt(row, nf);
    model m;
    model_make(&m, fits, row);
    surv_result *r = NULL;
    ck_assert_int_eq(surv_cox_fit(&m.d, &m.o, &r), SURV_OK);
    double xnew[32];
    const char *nx = tu_table_str(cur, k, tu_table_col(cur, "newx"));
    int have_x = nx[0] != 0;
    if (have_x) {
      char buf[512];
      snprintf(buf, sizeof buf, "%s", nx);
      size_t q = 0;
      for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ","))
        xnew[q++] = strtod(tok, NULL);
      ck_assert_uint_eq(q, m.p);
    }
    static const surv_ci_type types[3] = {SURV_CI_LOG, SURV_CI_LOGLOG,
                                          SURV_CI_PLAIN};
    static const char *lo[3] = {"lower", "lower_loglog", "lower_plain"};
    static const char *up[3] = {"upper", "upper_loglog", "upper_plain"};
    for (int ty = 0; ty < 3; ty++) {
      surv_cox_survfit_options so = SURV_COX_SURVFIT_OPTIONS_INIT;
      so.conf_type = types[ty];
      so.offset = tu_table_num(cur, k, tu_table_col(cur, "newoff"));
      surv_result *c = NULL;
      ck_assert_int_eq(surv_cox_survfit(r, have_x ? xnew : NULL, &so, &c),
                       SURV_OK);
      size_t len;
      const double *tt = surv_result_column(c, SURV_COL_TIME, &len);
      ck_assert_msg(len == end - k, "%s %s rows %zu vs %zu", name, target, len,
                    end - k);
      const double *cr = surv_result_column(c, SURV_COL_N_RISK, NULL);
      const double *ce = surv_result_column(c, SURV_COL_N_EVENT, NULL);
      const double *cc = surv_result_column(c, SURV_COL_N_CENSOR, NULL);
      const double *cs = surv_result_column(c, SURV_COL_SURV, NULL);
      const double *csl = surv_result_column(c, SURV_COL_STD_ERR_LOG, NULL);
      const double *cse = surv_result_column(c, SURV_COL_STD_ERR, NULL);
      const double *csh = surv_result_column(c, SURV_COL_STD_CHAZ, NULL);
      const double *ch = surv_result_column(c, SURV_COL_CUMHAZ, NULL);
      const double *cl = surv_result_column(c, SURV_COL_LOWER, NULL);
      const double *cu = surv_result_column(c, SURV_COL_UPPER, NULL);
      const double *cst = surv_result_column(c, SURV_COL_STRATUM, NULL);
      for (size_t i = k; i < end; i++) {
        size_t q = i - k;
        char ctx[160];
#define V(col) tu_table_num(cur, i, tu_table_col(cur, col))
        snprintf(ctx, sizeof ctx, "%s %s row %zu", name, target, q);
        TU_ASSERT_REL(tt[q], V("time"), 0, ctx);
        TU_ASSERT_REL(cr[q], V("n_risk"), 1e-12, ctx);
        TU_ASSERT_REL(ce[q], V("n_event"), 1e-12, ctx);
        TU_ASSERT_REL(cc[q], V("n_censor"), 1e-12, ctx);
        TU_ASSERT_REL(cs[q], V("surv"), RTOL, ctx);
        TU_ASSERT_REL(ch[q], V("cumhaz"), RTOL, ctx);
        TU_ASSERT_REL(csl[q], V("std_err_log"), RTOL, ctx);
        TU_ASSERT_REL(csh[q], V("std_err_log"), RTOL, ctx);
        TU_ASSERT_REL(cse[q], V("std_err_log") * V("surv"), RTOL, ctx);
        TU_ASSERT_REL(cl[q], V(lo[ty]), RTOL, ctx);
        TU_ASSERT_REL(cu[q], V(up[ty]), RTOL, ctx);
        if (!isnan(V("stratum"))) {
          ck_assert_ptr_nonnull(cst);
          TU_ASSERT_REL(cst[q], V("stratum"), 0, ctx);
        }
#undef V
      }
      surv_result_free(c);
      ncurves++;
    }
    surv_result_free(r);
    model_free(&m);
    k = end;
  }
  ck_assert_uint_ge(ncurves, 60);
  tu_table_free(cur);
  tu_table_free(fits);
  free_sets();
}
END_TEST

/* The score (gradient of the log partial likelihood) at the reported
 * coefficients is zero: refit with iter_max = 1 from the estimate and read
 * the score test, u' I^-1 u, which is the squared gradient in the metric of
 * the information. Also a direct central difference of the log likelihood. */
/* surv__exp within 0.52 ulp of expl on 2 * 10^5 points of [-700, 700] and
 * of [-0.01, 0.01] (1 ulp of exp() where long double is no wider, or under
 * valgrind), exact
 * at 0, and the C library's exp() outside |x| <= 700. */
START_TEST(test_exp) {
  /* long double wider than double, at run time too (valgrind computes it
   * in double precision) */
  volatile long double one_plus = 1.0L;
  one_plus += 0x1p-60L;
  int wide = LDBL_MANT_DIG > DBL_MANT_DIG && one_plus != 1.0L;
  double bound = wide ? 0.52 : 1.0, worst = 0;
  for (int part = 0; part < 2; part++) {
    double lo = part ? -0.01 : -700.0, step = part ? 1e-7 : 0.007;
    for (int i = 0; i <= 200000; i++) {
      double x = lo + step * i + 1e-9 * (i % 7); /* off the grid a little */
      double a = surv__exp(x);
      long double t = wide ? expl((long double)x) : (long double)exp(x);
      int e;
      frexpl(t, &e);
      double u = (double)(fabsl((long double)a - t) / ldexpl(1.0L, e - 53));
      if (u > worst)
        worst = u;
    }
  }
  ck_assert_msg(worst <= bound, "surv__exp: %.3f ulp", worst);
  ck_assert(surv__exp(0.0) == 1.0);
  const double out[] = {700.5, -700.5, 709.7, -745.0, 800.0, -800.0};
  for (size_t i = 0; i < sizeof out / sizeof out[0]; i++)
    ck_assert(surv__exp(out[i]) == exp(out[i]));
  ck_assert(isnan(surv__exp(NAN)));
  ck_assert(surv__exp(INFINITY) == INFINITY);
  ck_assert(surv__exp(-INFINITY) == 0.0);
}
END_TEST

START_TEST(test_zero_gradient) {
  tu_table *fits = tu_table_read("cox-fits.tsv");
  size_t nf = tu_table_nrow(fits);
  static const char *names[] = {"lung_efron",    "lung_breslow", "vet_exact",
                                "bladder_efron", "lung_weights", "lung_strata",
                                "lung_offset"};
  for (size_t a = 0; a < sizeof names / sizeof *names; a++) {
    size_t row;
    for (row = 0; row < nf; row++)
      if (strcmp(tu_table_str(fits, row, tu_table_col(fits, "case")),
                 names[a]) == 0)
        break;
    ck_assert_uint_lt(row, nf);
    model m;
    model_make(&m, fits, row);
    surv_result *r = NULL, *r2 = NULL;
    ck_assert_int_eq(surv_cox_fit(&m.d, &m.o, &r), SURV_OK);
    const double *b = surv_result_column(r, SURV_COL_COEF, NULL);
    double ll = stat(r, SURV_STAT_LOGLIK);
    surv_cox_options o = m.o;
    o.init = b;
    o.iter_max = 1;
    o.flags &= ~SURV_COX_ROBUST;
    ck_assert_int_eq(surv_cox_fit(&m.d, &o, &r2), SURV_OK);
    surv_test sc = test_of(r2, SURV_TEST_SCORE);
    ck_assert_msg(sc.statistic >= 0 && sc.statistic < 1e-20,
                  "%s: score test at the maximum %g", names[a], sc.statistic);
    TU_ASSERT_REL(stat(r2, SURV_STAT_LOGLIK_NULL), ll, 1e-13, names[a]);
    /* central differences of the log likelihood in each coordinate */
    double bb[32];
    for (size_t j = 0; j < m.p; j++) {
      double h = 1e-4 * (fabs(b[j]) + 1e-3), lp, lm;
      surv_result *rp = NULL;
      memcpy(bb, b, m.p * sizeof *bb);
      bb[j] = b[j] + h;
      o.init = bb;
      ck_assert_int_eq(surv_cox_fit(&m.d, &o, &rp), SURV_OK);
      lp = stat(rp, SURV_STAT_LOGLIK_NULL);
      surv_result_free(rp);
      bb[j] = b[j] - h;
      ck_assert_int_eq(surv_cox_fit(&m.d, &o, &rp), SURV_OK);
      lm = stat(rp, SURV_STAT_LOGLIK_NULL);
      surv_result_free(rp);
      double g = (lp - lm) / (2 * h);
      /* truncation error ~ h^2 l''' and rounding ~ eps |l| / h */
      ck_assert_msg(fabs(g) < 1e-10 * fabs(ll) / h + 1e-6,
                    "%s: gradient %zu = %g", names[a], j, g);
    }
    surv_result_free(r2);
    surv_result_free(r);
    model_free(&m);
  }
  tu_table_free(fits);
  free_sets();
}
END_TEST

START_TEST(test_no_events) {
  double t[] = {1, 2, 3, 4, 5}, x[] = {0.3, -1, 2, 0.5, 1.5};
  int s[] = {0, 0, 0, 0, 0};
  surv_data d = SURV_DATA_INIT;
  d.n = 5;
  d.time = t;
  d.status = s;
  d.x = x;
  d.p = 1;
  surv_result *r = NULL;
  ck_assert_int_eq(surv_cox_fit(&d, NULL, &r), SURV_OK);
  const double *c = surv_result_column(r, SURV_COL_COEF, NULL);
  ck_assert(isnan(c[0]));
  ck_assert(stat(r, SURV_STAT_LOGLIK) == 0 &&
            stat(r, SURV_STAT_LOGLIK_NULL) == 0);
  surv_test lr = test_of(r, SURV_TEST_LR);
  /* R: Likelihood ratio test = 0 on 0 df, p = 1 */
  ck_assert(lr.statistic == 0 && lr.df == 0 && lr.p_value == 1);
  ck_assert(stat(r, SURV_STAT_N_EVENT) == 0);
  ck_assert(isnan(stat(r, SURV_STAT_CONCORDANCE))); /* R: NA */
  surv_result *c2 = NULL;
  ck_assert_int_eq(surv_cox_survfit(r, NULL, NULL, &c2), SURV_OK);
  const double *sv = surv_result_column(c2, SURV_COL_SURV, NULL);
  ck_assert(sv[4] == 1);
  surv_result_free(c2);
  surv_result_free(r);
}
END_TEST

/* The concordance on the fit's own order (surv__concordance_ranked: tied
 * times of up to 64 rows scanned, of up to 32768 events in a small hash
 * table, larger ones in a by-rank array) against surv_concordance_fit's
 * separate algorithm on the fit's linear predictor, as coxph calls
 * concordancefit (reverse, no timefix): strata of 100 rows with a tie of 70
 * events, 3000 rows in ties of about 200, and one tie of 40000 events;
 * with and without weights. Integer covariates: ties in the predictor. */
START_TEST(test_concordance_tied_groups) {
  static const size_t sizes[] = {100, 3000, 70000};
  for (size_t si = 0; si < 3; si++) {
    size_t n = sizes[si];
    double *t = malloc(n * sizeof *t), *x = malloc(n * sizeof *x);
    double *w = malloc(n * sizeof *w);
    int *s = malloc(n * sizeof *s);
    ck_assert(t && x && w && s);
    uint32_t u = 12345u;
    for (size_t i = 0; i < n; i++) {
      u = u * 1664525u + 1013904223u;
      x[i] = (double)(u >> 29); /* 0..7 */
      u = u * 1664525u + 1013904223u;
      if (n == 100)
        t[i] = i < 70 ? 5.0 : (double)(u >> 28);
      else if (n == 3000)
        t[i] = (double)(u >> 28); /* 16 times */
      else
        t[i] = i < 40000 ? 3.0 : (double)(u >> 27);
      s[i] =
          n == 100 ? i < 70 || (u & 1) : (n == 70000 && i < 40000) || (u & 3);
      w[i] = 0.5 + (double)((u >> 8) & 3);
    }
    for (int weighted = 0; weighted < 2; weighted++) {
      surv_data d = SURV_DATA_INIT;
      d.n = n;
      d.time = t;
      d.status = s;
      d.x = x;
      d.p = 1;
      d.weight = weighted ? w : NULL;
      surv_result *r = NULL, *cr = NULL;
      ck_assert_int_eq(surv_cox_fit(&d, NULL, &r), SURV_OK);
      const double *lp = surv_result_column(r, SURV_COL_LINEAR_PREDICTOR, NULL);
      surv_data cd = SURV_DATA_INIT;
      cd.n = n;
      cd.time = t;
      cd.status = s;
      cd.weight = d.weight;
      surv_concordance_options co = SURV_CONCORDANCE_OPTIONS_INIT;
      co.flags = SURV_CONCORDANCE_REVERSE | SURV_NO_TIMEFIX;
      ck_assert_int_eq(surv_concordance_fit(&cd, lp, &co, &cr), SURV_OK);
      char ctx[64];
      snprintf(ctx, sizeof ctx, "n %zu weighted %d concordance", n, weighted);
      TU_ASSERT_REL(stat(r, SURV_STAT_CONCORDANCE),
                    stat(cr, SURV_STAT_CONCORDANCE), 1e-12, ctx);
      snprintf(ctx, sizeof ctx, "n %zu weighted %d se", n, weighted);
      TU_ASSERT_REL(stat(r, SURV_STAT_CONCORDANCE_SE),
                    stat(cr, SURV_STAT_CONCORDANCE_SE), 1e-12, ctx);
      surv_result_free(cr);
      surv_result_free(r);
    }
    free(t);
    free(x);
    free(w);
    free(s);
  }
}
END_TEST

/* The layout in less memory (right-censored, unstratified Efron or
 * Breslow: times ordered by hashing when they are few, else by the radix
 * sort; the baseline hazard filled by the Newton passes) against the
 * general layout on the same data (a single stratum label forces it):
 * 4000 rows, 3 covariates, with 50 distinct times or all distinct, both
 * tie methods, with and without weights and an offset. Coefficients,
 * standard errors, log likelihoods, the three tests, the concordance and
 * the predicted curve at the means and at a new subject, at 1e-10. */
START_TEST(test_lean_vs_general) {
  enum { N = 4000, NP = 3 };
  double *t = malloc(N * sizeof *t), *x = malloc(N * NP * sizeof *x);
  double *w = malloc(N * sizeof *w), *off = malloc(N * sizeof *off);
  int *s = malloc(N * sizeof *s), *st = calloc(N, sizeof *st);
  ck_assert(t && x && w && off && s && st);
  const double xnew[NP] = {0.3, 1.0, 2.0};
  for (int few = 0; few < 2; few++)
    for (int v = 0; v < 8; v++) {
      int ties = v & 1 ? SURV_TIES_BRESLOW : SURV_TIES_EFRON;
      int weighted = (v >> 1) & 1, offs = (v >> 2) & 1;
      uint32_t u = 777u + (uint32_t)v;
      for (size_t i = 0; i < N; i++) {
        double z[4];
        for (int j = 0; j < 4; j++) {
          u = u * 1664525u + 1013904223u;
          z[j] = ((double)(u >> 8) + 0.5) / 16777216.0; /* (0, 1) */
        }
        x[i * NP] = z[0] * 4 - 2;
        x[i * NP + 1] = z[1] < 0.4;
        x[i * NP + 2] = floor(z[2] * 5);
        double eta =
            0.5 * x[i * NP] - 0.7 * x[i * NP + 1] + 0.2 * x[i * NP + 2];
        double te = -log(z[3]) * exp(-eta);
        t[i] = few ? ceil(te * 10) : te;
        if (few && t[i] > 50)
          t[i] = 50;
        s[i] = (u & 7) != 0;
        w[i] = 0.5 + (double)((u >> 4) & 3);
        off[i] = 0.1 * (double)((u >> 12) & 7) - 0.3;
      }
      surv_data d = SURV_DATA_INIT;
      d.n = N;
      d.time = t;
      d.status = s;
      d.x = x;
      d.p = NP;
      d.weight = weighted ? w : NULL;
      d.offset = offs ? off : NULL;
      surv_data g = d;
      g.strata = st;
      surv_cox_options o = SURV_COX_OPTIONS_INIT;
      o.ties = (surv_cox_ties)ties;
      surv_result *rl = NULL, *rg = NULL;
      ck_assert_int_eq(surv_cox_fit(&d, &o, &rl), SURV_OK);
      ck_assert_int_eq(surv_cox_fit(&g, &o, &rg), SURV_OK);
      char ctx[96];
      static const surv_col cols[] = {SURV_COL_COEF, SURV_COL_SE};
      for (size_t c = 0; c < 2; c++)
        for (size_t j = 0; j < NP; j++) {
          snprintf(ctx, sizeof ctx, "few %d v %d col %d [%zu]", few, v,
                   (int)cols[c], j);
          TU_ASSERT_REL(surv_result_column(rl, cols[c], NULL)[j],
                        surv_result_column(rg, cols[c], NULL)[j], 1e-10, ctx);
        }
      static const surv_stat stats[] = {SURV_STAT_LOGLIK, SURV_STAT_LOGLIK_NULL,
                                        SURV_STAT_CONCORDANCE,
                                        SURV_STAT_CONCORDANCE_SE};
      for (size_t k = 0; k < 4; k++) {
        snprintf(ctx, sizeof ctx, "few %d v %d stat %d", few, v, (int)stats[k]);
        TU_ASSERT_REL(stat(rl, stats[k]), stat(rg, stats[k]), 1e-10, ctx);
      }
      static const surv_test_kind tests[] = {SURV_TEST_LR, SURV_TEST_WALD,
                                             SURV_TEST_SCORE};
      for (size_t k = 0; k < 3; k++) {
        snprintf(ctx, sizeof ctx, "few %d v %d test %d", few, v, (int)tests[k]);
        TU_ASSERT_REL(test_of(rl, tests[k]).statistic,
                      test_of(rg, tests[k]).statistic, 1e-10, ctx);
      }
      for (int at = 0; at < 2; at++) {
        surv_result *cl = NULL, *cg = NULL;
        ck_assert_int_eq(surv_cox_survfit(rl, at ? xnew : NULL, NULL, &cl),
                         SURV_OK);
        ck_assert_int_eq(surv_cox_survfit(rg, at ? xnew : NULL, NULL, &cg),
                         SURV_OK);
        static const surv_col cc[] = {SURV_COL_TIME, SURV_COL_SURV,
                                      SURV_COL_STD_ERR, SURV_COL_CUMHAZ};
        for (size_t c = 0; c < 4; c++) {
          size_t nl = 0, ng = 0;
          const double *a = surv_result_column(cl, cc[c], &nl);
          const double *b = surv_result_column(cg, cc[c], &ng);
          ck_assert(a && b && nl == ng && nl > 0);
          for (size_t i = 0; i < nl; i++) {
            snprintf(ctx, sizeof ctx, "few %d v %d at %d curve col %d row %zu",
                     few, v, at, (int)cc[c], i);
            TU_ASSERT_REL(a[i], b[i], 1e-10, ctx);
          }
        }
        surv_result_free(cl);
        surv_result_free(cg);
      }
      surv_result_free(rl);
      surv_result_free(rg);
    }
  free(t);
  free(x);
  free(w);
  free(off);
  free(s);
  free(st);
}
END_TEST

START_TEST(test_bad_input) {
  double t[] = {1, 2, 3, 4}, x[] = {0.5, 1, -1, 2}, w[] = {1, 1, 1, 1};
  int s[] = {1, 0, 1, 1};
  surv_data d = SURV_DATA_INIT;
  d.n = 4;
  d.time = t;
  d.status = s;
  d.x = x;
  d.p = 1;
  surv_result *sentinel = (surv_result *)&d, *r = sentinel;
  surv_cox_options o = SURV_COX_OPTIONS_INIT;
  ck_assert_int_eq(surv_cox_fit(NULL, NULL, &r), SURV_ENULL);
  ck_assert_int_eq(surv_cox_fit(&d, NULL, NULL), SURV_ENULL);
  surv_data e = d;
  e.x = NULL;
  ck_assert_int_eq(surv_cox_fit(&e, NULL, &r), SURV_ENULL);
  e = d;
  e.n = 0;
  ck_assert_int_eq(surv_cox_fit(&e, NULL, &r), SURV_ESIZE);
  e = d;
  e.p = 0;
  ck_assert_int_eq(surv_cox_fit(&e, NULL, &r), SURV_ESIZE);
  double tb[] = {1, NAN, 3, 4};
  e = d;
  e.time = tb;
  ck_assert_int_eq(surv_cox_fit(&e, NULL, &r), SURV_ETIME);
  tb[1] = -1;
  ck_assert_int_eq(surv_cox_fit(&e, NULL, &r), SURV_ETIME);
  double en[] = {0, 2, 0, 0};
  e = d;
  e.entry = en; /* entry == time */
  ck_assert_int_eq(surv_cox_fit(&e, NULL, &r), SURV_ETIME);
  int sb[] = {1, 2, 0, 1};
  e = d;
  e.status = sb;
  ck_assert_int_eq(surv_cox_fit(&e, NULL, &r), SURV_ESTATUS);
  double wb[] = {1, 0, 1, 1};
  e = d;
  e.weight = wb;
  ck_assert_int_eq(surv_cox_fit(&e, NULL, &r), SURV_EWEIGHT);
  wb[1] = NAN;
  ck_assert_int_eq(surv_cox_fit(&e, NULL, &r), SURV_EWEIGHT);
  double xb[] = {0.5, INFINITY, -1, 2};
  e = d;
  e.x = xb;
  ck_assert_int_eq(surv_cox_fit(&e, NULL, &r), SURV_EINVAL);
  /* the same check on the other layouts: strata, the exact likelihood, a
   * NaN in the last row */
  int sx[] = {1, 1, 2, 2};
  e.strata = sx;
  ck_assert_int_eq(surv_cox_fit(&e, NULL, &r), SURV_EINVAL);
  e.strata = NULL;
  surv_cox_options ox = SURV_COX_OPTIONS_INIT;
  ox.ties = SURV_TIES_EXACT;
  ck_assert_int_eq(surv_cox_fit(&e, &ox, &r), SURV_EINVAL);
  xb[1] = 0.25;
  xb[3] = NAN;
  ck_assert_int_eq(surv_cox_fit(&e, NULL, &r), SURV_EINVAL);
  ck_assert_int_eq(surv_cox_fit(&e, &ox, &r), SURV_EINVAL);
  double ob[] = {0, NAN, 0, 0};
  e = d;
  e.offset = ob;
  ck_assert_int_eq(surv_cox_fit(&e, NULL, &r), SURV_EINVAL);
  int g[] = {1, 1, 2, 2};
  e = d;
  e.group = g; /* not a Cox model member */
  ck_assert_int_eq(surv_cox_fit(&e, NULL, &r), SURV_EINVAL);
  o.ties = (surv_cox_ties)7;
  ck_assert_int_eq(surv_cox_fit(&d, &o, &r), SURV_EINVAL);
  o = (surv_cox_options)SURV_COX_OPTIONS_INIT;
  o.conf_level = 1;
  ck_assert_int_eq(surv_cox_fit(&d, &o, &r), SURV_ELEVEL);
  o.conf_level = NAN;
  ck_assert_int_eq(surv_cox_fit(&d, &o, &r), SURV_ELEVEL);
  o = (surv_cox_options)SURV_COX_OPTIONS_INIT;
  o.eps = -1;
  ck_assert_int_eq(surv_cox_fit(&d, &o, &r), SURV_EINVAL);
  o = (surv_cox_options)SURV_COX_OPTIONS_INIT;
  o.flags = 0x4000u;
  ck_assert_int_eq(surv_cox_fit(&d, &o, &r), SURV_EINVAL);
  o = (surv_cox_options)SURV_COX_OPTIONS_INIT;
  o.size = 1;
  ck_assert_int_eq(surv_cox_fit(&d, &o, &r), SURV_ESIZE);
  o = (surv_cox_options)SURV_COX_OPTIONS_INIT;
  double ib[] = {NAN};
  o.init = ib;
  ck_assert_int_eq(surv_cox_fit(&d, &o, &r), SURV_EINVAL);
  o = (surv_cox_options)SURV_COX_OPTIONS_INIT;
  o.ties = SURV_TIES_EXACT;
  w[2] = 2; /* R: case weights are not supported for the exact method */
  e = d;
  e.weight = w;
  ck_assert_int_eq(surv_cox_fit(&e, &o, &r), SURV_EINVAL);
  ck_assert_ptr_eq(r, sentinel);
  /* survfit */
  surv_result *fit = NULL, *c = sentinel;
  ck_assert_int_eq(surv_cox_fit(&d, NULL, &fit), SURV_OK);
  ck_assert_int_eq(surv_cox_survfit(NULL, NULL, NULL, &c), SURV_ENULL);
  ck_assert_int_eq(surv_cox_survfit(fit, NULL, NULL, NULL), SURV_ENULL);
  double xn[] = {NAN};
  ck_assert_int_eq(surv_cox_survfit(fit, xn, NULL, &c), SURV_EINVAL);
  surv_cox_survfit_options so = SURV_COX_SURVFIT_OPTIONS_INIT;
  so.conf_type = (surv_ci_type)9;
  ck_assert_int_eq(surv_cox_survfit(fit, NULL, &so, &c), SURV_EINVAL);
  so = (surv_cox_survfit_options)SURV_COX_SURVFIT_OPTIONS_INIT;
  so.conf_level = 2;
  ck_assert_int_eq(surv_cox_survfit(fit, NULL, &so, &c), SURV_ELEVEL);
  ck_assert_ptr_eq(c, sentinel);
  /* a curve given where a Cox fit is expected */
  surv_result *curve = NULL;
  ck_assert_int_eq(surv_cox_survfit(fit, NULL, NULL, &curve), SURV_OK);
  ck_assert_int_eq(surv_cox_survfit(curve, NULL, NULL, &c), SURV_EINVAL);
  ck_assert_ptr_eq(c, sentinel);
  surv_result_free(curve);
  surv_result_free(fit);
}
END_TEST

int main(void) {
  Suite *s = suite_create("cox");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_fixtures);
  tcase_add_test(tc, test_curves);
  tcase_add_test(tc, test_zero_gradient);
  tcase_add_test(tc, test_exp);
  tcase_add_test(tc, test_lean_vs_general);
  tcase_add_test(tc, test_no_events);
  tcase_add_test(tc, test_concordance_tied_groups);
  tcase_add_test(tc, test_bad_input);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
