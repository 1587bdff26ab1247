/* Kaplan-Meier module: every row and column of R survival 3.5-3 fits
 * (tests/fixtures/km_*.tsv, made by make-km-fixtures.R) under the five
 * conf.types and two levels, summary(times=, extend=TRUE), quantiles with
 * their CIs (surv_curve_ci, surv_curve_at, surv_curve_quantile), stratified
 * cases read as one stratum of a stratified result, hand-derived exact
 * values, agreement of the sorted, hashing and radix routes, and every error
 * path with untouched outputs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "testutil.h"

#define RTOL 1e-10
#define RTOL_EXACT 1e-12
#define NCOMBO 10 /* 5 conf.types x 2 levels */

static surv_ci_type combo_type(int i) { return (surv_ci_type)(i / 2); }
static double combo_level(int i) { return i % 2 ? 0.90 : 0.95; }

/* ---- fixture data sets ---------------------------------------------- */

typedef struct dataset {
  size_t n;
  double *time, *weight; /* weight NULL when all weights are 1 */
  int *status, *group;
} dataset;

static void dataset_free(dataset *d) {
  free(d->time);
  free(d->weight);
  free(d->status);
  free(d->group);
}

static void dataset_load(const tu_table *t, const char *name, dataset *d) {
  size_t i, k = 0, nrow = tu_table_nrow(t);
  int cd = tu_table_col(t, "dataset"), ct = tu_table_col(t, "time");
  int cs = tu_table_col(t, "status"), cw = tu_table_col(t, "weight");
  int cg = tu_table_col(t, "group"), unit = 1;
  memset(d, 0, sizeof *d);
  for (i = 0; i < nrow; i++)
    d->n += strcmp(tu_table_str(t, i, cd), name) == 0;
  ck_assert_msg(d->n > 0, "no data set %s", name);
  d->time = malloc(d->n * sizeof(double));
  d->weight = malloc(d->n * sizeof(double));
  d->status = malloc(d->n * sizeof(int));
  d->group = malloc(d->n * sizeof(int));
  for (i = 0; i < nrow; i++) {
    if (strcmp(tu_table_str(t, i, cd), name) != 0)
      continue;
    d->time[k] = tu_table_num(t, i, ct);
    d->status[k] = (int)tu_table_num(t, i, cs);
    d->weight[k] = tu_table_num(t, i, cw);
    d->group[k] = (int)tu_table_num(t, i, cg);
    unit &= d->weight[k] == 1.0;
    k++;
  }
  if (unit) { /* exercise the unweighted route */
    free(d->weight);
    d->weight = NULL;
  }
}

/* One stratum of a curve result: its rows [off, off + size) and its index si
 * among the k strata. */
typedef struct kmv {
  surv_result *r;
  size_t off, size, si, k;
} kmv;

static const double *kcol(const kmv *v, surv_col c) {
  const double *x = surv_result_column(v->r, c, NULL);
  ck_assert_ptr_nonnull(x);
  return x + v->off;
}

/* The view of stratum `label` (every row when label is 0 and the curve has
 * no strata). */
static kmv view_of(surv_result *r, int label) {
  kmv v = {r, 0, 0, 0, 1};
  size_t rows, i;
  const double *lab = surv_result_column(r, SURV_COL_STRATUM, &rows);
  double ns;
  ck_assert_int_eq(surv_result_stat(r, SURV_STAT_N_STRATA, &ns), SURV_OK);
  v.k = (size_t)ns;
  if (!lab) {
    ck_assert_uint_eq(v.k, 1);
    surv_result_column(r, SURV_COL_TIME, &v.size);
    return v;
  }
  for (i = 0; i < rows && lab[i] != label; i++)
    v.si += i == 0 || lab[i] != lab[i - 1];
  ck_assert_msg(i < rows, "no stratum %d", label);
  v.off = i;
  while (i < rows && lab[i] == label)
    i++;
  v.size = i - v.off;
  return v;
}

/* Fit case row `ci` of km_cases.tsv; returns the stratum, sets *rtol. */
static kmv fit_case(const tu_table *cases, const tu_table *data, size_t ci,
                    double *rtol) {
  dataset d;
  surv_result *km = NULL;
  int label = (int)tu_table_num(cases, ci, tu_table_col(cases, "label"));
  unsigned flags =
      tu_table_num(cases, ci, tu_table_col(cases, "timefix")) != 0.0
          ? 0u
          : SURV_NO_TIMEFIX;
  kmv v;
  dataset_load(data, tu_table_str(cases, ci, tu_table_col(cases, "dataset")),
               &d);
  ck_assert_int_eq(tu_km_fit(d.time, d.status, d.weight,
                             label == 0 ? NULL : d.group, d.n, flags, &km),
                   SURV_OK);
  v = view_of(km, label);
  dataset_free(&d);
  *rtol = tu_table_num(cases, ci, tu_table_col(cases, "exact")) != 0.0
              ? RTOL_EXACT
              : RTOL;
  return v;
}

/* Fixture rows of one case and (type, level): [first, last). */
static int combo_rows(const tu_table *t, size_t *start, const char *c,
                      int combo, size_t *first, size_t *last) {
  size_t i = *start, nrow = tu_table_nrow(t);
  int cc = tu_table_col(t, "case"), ct = tu_table_col(t, "type");
  int cl = tu_table_col(t, "level");
  while (i < nrow && !(strcmp(tu_table_str(t, i, cc), c) == 0 &&
                       (int)tu_table_num(t, i, ct) == (int)combo_type(combo) &&
                       tu_table_num(t, i, cl) == combo_level(combo)))
    i++;
  *first = i;
  while (i < nrow && strcmp(tu_table_str(t, i, cc), c) == 0 &&
         (int)tu_table_num(t, i, ct) == (int)combo_type(combo) &&
         tu_table_num(t, i, cl) == combo_level(combo))
    i++;
  *last = i;
  *start = i;
  return *last > *first;
}

typedef struct fixtures {
  tu_table *data, *cases, *rows, *at, *quant, *quant2;
} fixtures;

/* Loaded once in the parent (unchecked fixture); forked tests only read. */
static fixtures fx;

static void fixtures_load(fixtures *f) {
  f->data = tu_table_read("km_data.tsv");
  f->cases = tu_table_read("km_cases.tsv");
  f->rows = tu_table_read("km_rows.tsv");
  f->at = tu_table_read("km_at.tsv");
  f->quant = tu_table_read("km_quant.tsv");
  f->quant2 = tu_table_read("km_quant2.tsv");
}

static void fixtures_free(fixtures *f) {
  tu_table_free(f->data);
  tu_table_free(f->cases);
  tu_table_free(f->rows);
  tu_table_free(f->at);
  tu_table_free(f->quant);
  tu_table_free(f->quant2);
}

static void check_rows(const tu_table *t, const kmv *km, size_t first,
                       size_t last, surv_ci_type type, double level,
                       double rtol, const char *c) {
  static const char *names[] = {"time", "n_risk",  "n_event",    "n_censor",
                                "surv", "std_err", "std_err_log"};
  static const surv_col names_col[] = {
      SURV_COL_TIME, SURV_COL_N_RISK,  SURV_COL_N_EVENT,    SURV_COL_N_CENSOR,
      SURV_COL_SURV, SURV_COL_STD_ERR, SURV_COL_STD_ERR_LOG};
  const double *cols[7];
  size_t k = km->size, i, rows;
  double *lo, *hi;
  char ctx[160];
  int j;
  surv_result_column(km->r, SURV_COL_TIME, &rows);
  lo = malloc(rows * sizeof(double));
  hi = malloc(rows * sizeof(double));
  for (j = 0; j < 7; j++)
    cols[j] = kcol(km, names_col[j]);
  ck_assert_uint_eq(k, last - first);
  ck_assert_int_eq(surv_curve_ci(km->r, type, level, lo, hi, rows), SURV_OK);
  lo += km->off;
  hi += km->off;
  for (i = 0; i < k; i++) {
    for (j = 0; j < 7; j++) {
      snprintf(ctx, sizeof ctx, "%s row %zu %s", c, i, names[j]);
      TU_ASSERT_REL(cols[j][i],
                    tu_table_num(t, first + i, tu_table_col(t, names[j])), rtol,
                    ctx);
    }
    snprintf(ctx, sizeof ctx, "%s row %zu lower (type %d, %.2f)", c, i,
             (int)type, level);
    TU_ASSERT_REL(lo[i], tu_table_num(t, first + i, tu_table_col(t, "lower")),
                  rtol, ctx);
    snprintf(ctx, sizeof ctx, "%s row %zu upper (type %d, %.2f)", c, i,
             (int)type, level);
    TU_ASSERT_REL(hi[i], tu_table_num(t, first + i, tu_table_col(t, "upper")),
                  rtol, ctx);
  }
  free(lo - km->off);
  free(hi - km->off);
}

/* A function of the curve at m inputs with up to 5 outputs of len each. */
typedef int (*eval_fn)(const surv_result *km, const double *in, size_t m,
                       surv_ci_type type, double level, double **out,
                       size_t len);

static int eval_at(const surv_result *km, const double *in, size_t m,
                   surv_ci_type type, double level, double **out, size_t len) {
  return surv_curve_at(km, in, m, type, level, out[0], out[1], out[2], out[3],
                       out[4], len);
}

static int eval_quantile(const surv_result *km, const double *in, size_t m,
                         surv_ci_type type, double level, double **out,
                         size_t len) {
  return surv_curve_quantile(km, in, m, type, level, out[0], out[1], out[2],
                             len);
}

/* Evaluate fn at the fixture's `incol` values of rows [first, last) and
 * compare its outputs with the columns `names`. */
static void check_eval(const tu_table *t, const kmv *km, size_t first,
                       size_t last, surv_ci_type type, double level,
                       double rtol, const char *c, eval_fn fn,
                       const char *incol, const char *const *names, int nout) {
  size_t m = last - first, i, len = m * km->k;
  double *buf = malloc((m + 5 * len) * sizeof(double)), *out[5];
  char ctx[160];
  int j;
  for (i = 0; i < m; i++)
    buf[i] = tu_table_num(t, first + i, tu_table_col(t, incol));
  for (j = 0; j < 5; j++)
    out[j] = buf + m + (size_t)j * len;
  /* one short of the strata's total is refused */
  ck_assert_int_eq(fn(km->r, buf, m, type, level, out, len - 1), SURV_ESIZE);
  ck_assert_int_eq(fn(km->r, buf, m, type, level, out, len), SURV_OK);
  for (j = 0; j < 5; j++)
    out[j] += km->si * m; /* this stratum's block */
  for (i = 0; i < m; i++)
    for (j = 0; j < nout; j++) {
      snprintf(ctx, sizeof ctx, "%s %s=%g %s (type %d, %.2f)", c, incol, buf[i],
               names[j], (int)type, level);
      TU_ASSERT_REL(out[j][i],
                    tu_table_num(t, first + i, tu_table_col(t, names[j])), rtol,
                    ctx);
    }
  free(buf);
}

static const char *const at_cols[] = {"surv", "std_err", "lower", "upper",
                                      "n_risk"};
static const char *const quant_cols[] = {"q", "lower", "upper"};

static void fixtures_setup(void) { fixtures_load(&fx); }
static void fixtures_teardown(void) { fixtures_free(&fx); }

/* One loop iteration: every case under conf.type/level combination _i. */
START_TEST(test_r_fixtures) {
  const fixtures f = fx;
  size_t ci, r0 = 0, a0 = 0, q0 = 0, q2 = 0, first, last;
  surv_ci_type type = combo_type(_i);
  double level = combo_level(_i);
  for (ci = 0; ci < tu_table_nrow(f.cases); ci++) {
    const char *c = tu_table_str(f.cases, ci, tu_table_col(f.cases, "case"));
    double rtol;
    kmv v = fit_case(f.cases, f.data, ci, &rtol), *km = &v;
    r0 = a0 = q0 = q2 = 0;
    ck_assert_msg(combo_rows(f.rows, &r0, c, _i, &first, &last),
                  "no rows for %s", c);
    check_rows(f.rows, km, first, last, type, level, rtol, c);
    ck_assert_msg(combo_rows(f.at, &a0, c, _i, &first, &last),
                  "no summary rows for %s", c);
    check_eval(f.at, km, first, last, type, level, rtol, c, eval_at, "t",
               at_cols, 5);
    ck_assert_msg(combo_rows(f.quant, &q0, c, _i, &first, &last),
                  "no quantiles for %s", c);
    check_eval(f.quant, km, first, last, type, level, rtol, c, eval_quantile,
               "p", quant_cols, 3);
    ck_assert_msg(combo_rows(f.quant2, &q2, c, _i, &first, &last),
                  "no extreme quantiles for %s", c);
    check_eval(f.quant2, km, first, last, type, level, rtol, c, eval_quantile,
               "p", quant_cols, 3);
    surv_result_free(v.r);
  }
}
END_TEST

/* ---- exact values by hand (toy data, exact fractions) --------------------- */

static const double toy_t[] = {1, 2, 2, 2, 3, 4, 4, 5, 6, 6};
static const int toy_s[] = {0, 1, 1, 0, 1, 0, 1, 1, 1, 1};

START_TEST(test_toy_exact) {
  /* S = 7/9, 7/9 * 5/6, * 4/5, * 2/3, * 0; Greenwood sums by hand */
  const double time[] = {1, 2, 3, 4, 5, 6}, nrisk[] = {10, 9, 6, 5, 3, 2};
  const double nev[] = {0, 2, 1, 1, 1, 2}, ncen[] = {1, 1, 0, 1, 0, 0};
  const double surv[] = {1, 7.0 / 9, 35.0 / 54, 14.0 / 27, 28.0 / 81, 0};
  const double v[] = {0,
                      2.0 / 63,
                      2.0 / 63 + 1.0 / 30,
                      2.0 / 63 + 1.0 / 30 + 1.0 / 20,
                      2.0 / 63 + 1.0 / 30 + 1.0 / 20 + 1.0 / 6,
                      INFINITY};
  surv_result *r;
  size_t i, len;
  double x;
  ck_assert_int_eq(tu_km_fit(toy_t, toy_s, NULL, NULL, 10, 0, &r), SURV_OK);
  kmv view = view_of(r, 0), *km = &view;
  ck_assert_uint_eq(km->size, 6);
  ck_assert_ptr_null(surv_result_column(r, SURV_COL_STRATUM, &len));
  ck_assert_int_eq(surv_result_stat(r, SURV_STAT_N, &x), SURV_OK);
  ck_assert(x == 10);
  for (i = 0; i < 6; i++) {
    TU_ASSERT_REL(kcol(km, SURV_COL_TIME)[i], time[i], 0, "time");
    TU_ASSERT_REL(kcol(km, SURV_COL_N_RISK)[i], nrisk[i], 0, "n_risk");
    TU_ASSERT_REL(kcol(km, SURV_COL_N_EVENT)[i], nev[i], 0, "n_event");
    TU_ASSERT_REL(kcol(km, SURV_COL_N_CENSOR)[i], ncen[i], 0, "n_censor");
    TU_ASSERT_REL(kcol(km, SURV_COL_SURV)[i], surv[i], RTOL_EXACT, "surv");
    TU_ASSERT_REL(kcol(km, SURV_COL_STD_ERR_LOG)[i], sqrt(v[i]), RTOL_EXACT,
                  "se");
    TU_ASSERT_REL(kcol(km, SURV_COL_STD_ERR)[i],
                  i == 5 ? NAN : surv[i] * sqrt(v[i]), RTOL_EXACT, "se(S)");
  }
  surv_result_free(r);
}
END_TEST

START_TEST(test_toy_quantile_exact) {
  /* S: 1 (t<2), 7/9, 35/54, 14/27, 28/81, 0 -> q(.1)=2, q(.25)=3, q(.5)=5 */
  const double p[] = {0.1, 0.25, 0.5, 0.75, 0.9}, want[] = {2, 3, 5, 6, 6};
  double q[5];
  surv_result *km;
  size_t i;
  ck_assert_int_eq(tu_km_fit(toy_t, toy_s, NULL, NULL, 10, 0, &km), SURV_OK);
  ck_assert_int_eq(
      surv_curve_quantile(km, p, 5, SURV_CI_LOG, 0.95, q, NULL, NULL, 5),
      SURV_OK);
  for (i = 0; i < 5; i++)
    TU_ASSERT_REL(q[i], want[i], 0, "toy quantile");
  surv_result_free(km);
}
END_TEST

/* ---- the three input routes agree ------------------------------------ */

/* Every column of two curves is the same. */
static void assert_same_curve(const surv_result *a, const surv_result *b) {
  const surv_col acc[] = {
      SURV_COL_TIME, SURV_COL_N_RISK,  SURV_COL_N_EVENT,     SURV_COL_N_CENSOR,
      SURV_COL_SURV, SURV_COL_STD_ERR, SURV_COL_STD_ERR_LOG, SURV_COL_STRATUM};
  size_t k, kb, i, j;
  for (j = 0; j < sizeof acc / sizeof acc[0]; j++) {
    const double *x = surv_result_column(a, acc[j], &k);
    const double *y = surv_result_column(b, acc[j], &kb);
    ck_assert_uint_eq(k, kb);
    ck_assert((x == NULL) == (y == NULL));
    for (i = 0; i < k; i++)
      TU_ASSERT_REL(x[i], y[i], 0, "route");
  }
}

typedef struct keyed {
  double t;
  size_t i;
} keyed;

static int cmp_keyed(const void *a, const void *b) {
  const keyed *u = a, *w = b;
  if (u->t != w->t)
    return u->t < w->t ? -1 : 1;
  return (u->i > w->i) - (u->i < w->i);
}

/* Route: 0 = many ties (hash), 1 = mostly distinct (radix fallback),
 * 2 = a long sorted prefix, then disorder (the hash pass restarts). */
START_TEST(test_routes_agree) {
  const size_t n = 20000;
  int route = _i % 3, weighted = (_i / 3) % 2, strat = _i / 6;
  double *t = malloc(n * sizeof(double)), *ts = malloc(n * sizeof(double));
  double *w = malloc(n * sizeof(double)), *ws = malloc(n * sizeof(double));
  int *s = malloc(n * sizeof(int)), *ss = malloc(n * sizeof(int));
  int *g = malloc(n * sizeof(int)), *gs = malloc(n * sizeof(int));
  keyed *ix = malloc(n * sizeof(keyed));
  size_t i;
  unsigned long x = 12345;
  surv_result *a, *b;
  for (i = 0; i < n; i++) {
    x = x * 6364136223846793005UL + 1442695040888963407UL;
    t[i] = route == 1                ? (double)(x >> 20) * 1e-9
           : route == 2 && i < n / 2 ? (double)i / 100
                                     : (double)((x >> 33) % 500) / 4;
    s[i] = (int)((x >> 13) & 1);
    w[i] = (double)((x >> 17) % 3); /* integer weights: sums exact */
    g[i] = (int)((x >> 23) % 3);
    ix[i].t = t[i];
    ix[i].i = i;
  }
  /* a sorted copy (ties keep their order) */
  qsort(ix, n, sizeof *ix, cmp_keyed);
  for (i = 0; i < n; i++) {
    ts[i] = t[ix[i].i];
    ss[i] = s[ix[i].i];
    ws[i] = w[ix[i].i];
    gs[i] = g[ix[i].i];
  }
  ck_assert_int_eq(
      tu_km_fit(t, s, weighted ? w : NULL, strat ? g : NULL, n, 0, &a),
      SURV_OK);
  ck_assert_int_eq(
      tu_km_fit(ts, ss, weighted ? ws : NULL, strat ? gs : NULL, n, 0, &b),
      SURV_OK);
  assert_same_curve(a, b);
  surv_result_free(a);
  surv_result_free(b);
  free(t);
  free(ts);
  free(w);
  free(ws);
  free(s);
  free(ss);
  free(g);
  free(gs);
  free(ix);
}
END_TEST

START_TEST(test_negative_zero_time) {
  const double t1[] = {-0.0, 0.0, 1, 2}, t2[] = {0.0, 0.0, 1, 2};
  const double t3[] = {2, -0.0, 1, 0.0};
  const int s[] = {1, 0, 1, 0}, s3[] = {0, 1, 1, 0};
  const int g[] = {1, 1, 1, 1};
  surv_result *a, *b, *c;
  int strat;
  for (strat = 0; strat < 2; strat++) {
    ck_assert_int_eq(tu_km_fit(t1, s, NULL, strat ? g : NULL, 4, 0, &a),
                     SURV_OK);
    ck_assert_int_eq(tu_km_fit(t2, s, NULL, strat ? g : NULL, 4, 0, &b),
                     SURV_OK);
    ck_assert_int_eq(tu_km_fit(t3, s3, NULL, strat ? g : NULL, 4, 0, &c),
                     SURV_OK);
    assert_same_curve(a, b);
    assert_same_curve(a, c);
    ck_assert(!signbit(surv_result_column(a, SURV_COL_TIME, NULL)[0]));
    surv_result_free(a);
    surv_result_free(b);
    surv_result_free(c);
  }
}
END_TEST

/* ---- error paths: exact code, outputs untouched ----------------------- */

/* A bad subject found after the pass has switched to hashing. */
START_TEST(test_errors_after_disorder) {
  double t[] = {1, 2, 3, 0.5, 4, 4, 2};
  int s[] = {1, 0, 1, 1, 0, 1, 0}, g[] = {1, 2, 1, 2, 1, 2, 1};
  double w[] = {1, 1, 1, 1, 1, 1, 1};
  surv_result *out = (surv_result *)&t;
  t[6] = NAN;
  ck_assert_int_eq(tu_km_fit(t, s, NULL, NULL, 7, 0, &out), SURV_ETIME);
  ck_assert_int_eq(tu_km_fit(t, s, NULL, g, 7, 0, &out), SURV_ETIME);
  t[6] = 2;
  s[5] = 2;
  ck_assert_int_eq(tu_km_fit(t, s, w, NULL, 7, 0, &out), SURV_ESTATUS);
  ck_assert_int_eq(tu_km_fit(t, s, w, g, 7, 0, &out), SURV_ESTATUS);
  s[5] = 1;
  w[4] = -1;
  ck_assert_int_eq(tu_km_fit(t, s, w, g, 7, 0, &out), SURV_EWEIGHT);
  w[4] = 1;
  ck_assert_ptr_eq(out, (surv_result *)&t);
  ck_assert_int_eq(tu_km_fit(t, s, w, g, 7, 0, &out), SURV_OK);
  kmv v = view_of(out, 2);
  ck_assert_uint_eq(v.size, 3); /* 0.5, 2, 4 */
  ck_assert_uint_eq(v.si, 1);
  ck_assert_uint_eq(v.k, 2);
  surv_result_free(out);
}
END_TEST

#define SENTINEL 12345.0

static surv_result *const KM_SENTINEL = (surv_result *)&toy_t;

START_TEST(test_fit_errors) {
  const double t[] = {1, 2, 3}, w[] = {1, 1, 1};
  const int s[] = {1, 0, 1}, g[] = {1, 1, 2};
  const double bad_t[] = {NAN, INFINITY, -1.0, -INFINITY};
  const double bad_w[] = {-1.0, NAN, INFINITY, -0.5};
  const int bad_s[] = {2, -1, 3};
  double tt[3], ww[3];
  int ss[3];
  const double x[3] = {0, 1, 2};
  const int cl[3] = {1, 2, 3};
  surv_result *out = KM_SENTINEL;
  surv_data d = SURV_DATA_INIT;
  size_t i;
  ck_assert_int_eq(tu_km_fit(NULL, s, w, NULL, 3, 0, &out), SURV_ENULL);
  ck_assert_int_eq(tu_km_fit(t, NULL, w, NULL, 3, 0, &out), SURV_ENULL);
  ck_assert_int_eq(tu_km_fit(t, s, w, NULL, 3, 0, NULL), SURV_ENULL);
  ck_assert_int_eq(surv_km_fit(NULL, 0, &out), SURV_ENULL);
  ck_assert_int_eq(tu_km_fit(t, s, w, NULL, 0, 0, &out), SURV_ESIZE);
  ck_assert_int_eq(tu_km_fit(t, s, w, g, 0, 0, &out), SURV_ESIZE);
  ck_assert_int_eq(tu_km_fit(t, s, w, NULL, 3, 0x2u, &out), SURV_EINVAL);
  ck_assert_int_eq(tu_km_fit(t, s, w, NULL, 3, ~0u, &out), SURV_EINVAL);
  ck_assert_int_eq(tu_km_fit(t, s, w, g, 3, 0x100u, &out), SURV_EINVAL);
  for (i = 0; i < 4; i++) {
    memcpy(tt, t, sizeof tt);
    tt[i % 3] = bad_t[i];
    ck_assert_int_eq(tu_km_fit(tt, s, w, NULL, 3, 0, &out), SURV_ETIME);
    ck_assert_int_eq(tu_km_fit(tt, s, w, g, 3, 0, &out), SURV_ETIME);
  }
  for (i = 0; i < 3; i++) {
    memcpy(ss, s, sizeof ss);
    ss[i] = bad_s[i];
    ck_assert_int_eq(tu_km_fit(t, ss, NULL, NULL, 3, 0, &out), SURV_ESTATUS);
    ck_assert_int_eq(tu_km_fit(t, ss, NULL, g, 3, 0, &out), SURV_ESTATUS);
  }
  for (i = 0; i < 4; i++) {
    memcpy(ww, w, sizeof ww);
    ww[i % 3] = bad_w[i];
    ck_assert_int_eq(tu_km_fit(t, s, ww, NULL, 3, 0, &out), SURV_EWEIGHT);
    ck_assert_int_eq(tu_km_fit(t, s, ww, g, 3, 0, &out), SURV_EWEIGHT);
  }
  /* members KM does not support are refused, never ignored */
  d.n = 3, d.time = t, d.status = s;
  d.time2 = t;
  ck_assert_int_eq(surv_km_fit(&d, 0, &out), SURV_EINVAL);
  d.time2 = NULL, d.cluster = cl;
  ck_assert_int_eq(surv_km_fit(&d, 0, &out), SURV_EINVAL);
  d.cluster = NULL, d.x = x, d.p = 1;
  ck_assert_int_eq(surv_km_fit(&d, 0, &out), SURV_EINVAL);
  d.x = NULL, d.p = 0, d.offset = x;
  ck_assert_int_eq(surv_km_fit(&d, 0, &out), SURV_EINVAL);
  d.offset = NULL, d.strata = g, d.group = g; /* both: ambiguous */
  ck_assert_int_eq(surv_km_fit(&d, 0, &out), SURV_EINVAL);
  d.strata = NULL, d.group = NULL, d.size = 0; /* no SURV_DATA_INIT */
  ck_assert_int_eq(surv_km_fit(&d, 0, &out), SURV_ESIZE);
  ck_assert_ptr_eq(out, KM_SENTINEL);
  /* group alone is a stratified fit too */
  d.size = sizeof d, d.group = g;
  ck_assert_int_eq(surv_km_fit(&d, 0, &out), SURV_OK);
  ck_assert_ptr_nonnull(surv_result_column(out, SURV_COL_STRATUM, NULL));
  surv_result_free(out);
}
END_TEST

static void fill(double *x, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    x[i] = SENTINEL;
}

static void assert_untouched(const double *x, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    ck_assert_msg(x[i] == SENTINEL, "output %zu written on failure", i);
}

START_TEST(test_ci_errors) {
  surv_result *km;
  double lo[6], hi[6];
  const double bad_level[] = {0.0, 1.0, NAN, -0.5, 1.5, INFINITY};
  size_t i;
  ck_assert_int_eq(tu_km_fit(toy_t, toy_s, NULL, NULL, 10, 0, &km), SURV_OK);
  fill(lo, 6);
  fill(hi, 6);
  ck_assert_int_eq(surv_curve_ci(NULL, SURV_CI_LOG, 0.95, lo, hi, 6),
                   SURV_ENULL);
  ck_assert_int_eq(surv_curve_ci(km, SURV_CI_LOG, 0.95, NULL, hi, 6),
                   SURV_ENULL);
  ck_assert_int_eq(surv_curve_ci(km, SURV_CI_LOG, 0.95, lo, NULL, 6),
                   SURV_ENULL);
  ck_assert_int_eq(surv_curve_ci(km, SURV_CI_LOG, 0.95, lo, hi, 5), SURV_ESIZE);
  ck_assert_int_eq(surv_curve_ci(km, (surv_ci_type)5, 0.95, lo, hi, 6),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_curve_ci(km, (surv_ci_type)-1, 0.95, lo, hi, 6),
                   SURV_EINVAL);
  for (i = 0; i < 6; i++)
    ck_assert_int_eq(surv_curve_ci(km, SURV_CI_PLAIN, bad_level[i], lo, hi, 6),
                     SURV_ELEVEL);
  assert_untouched(lo, 6);
  assert_untouched(hi, 6);
  ck_assert_int_eq(surv_curve_ci(km, SURV_CI_LOG, 0.95, lo, hi, 7), SURV_OK);
  surv_result_free(km);
}
END_TEST

START_TEST(test_at_errors) {
  surv_result *km;
  double out[5][2], t[2] = {1, 2};
  const double bad_t[] = {NAN, INFINITY, -1.0, -INFINITY};
  size_t i;
  ck_assert_int_eq(tu_km_fit(toy_t, toy_s, NULL, NULL, 10, 0, &km), SURV_OK);
  for (i = 0; i < 5; i++)
    fill(out[i], 2);
#define AT(km, t, m, ty, lv)                                                   \
  surv_curve_at(km, t, m, ty, lv, out[0], out[1], out[2], out[3], out[4], 2)
  ck_assert_int_eq(AT(NULL, t, 2, SURV_CI_LOG, 0.95), SURV_ENULL);
  ck_assert_int_eq(AT(km, NULL, 2, SURV_CI_LOG, 0.95), SURV_ENULL);
  ck_assert_int_eq(AT(km, t, 0, SURV_CI_LOG, 0.95), SURV_ESIZE);
  ck_assert_int_eq(AT(km, t, 2, (surv_ci_type)7, 0.95), SURV_EINVAL);
  ck_assert_int_eq(AT(km, t, 2, SURV_CI_LOG, 1.0), SURV_ELEVEL);
  ck_assert_int_eq(AT(km, t, 2, SURV_CI_LOG, NAN), SURV_ELEVEL);
  ck_assert_int_eq(surv_curve_at(km, t, 2, SURV_CI_LOG, 0.95, out[0], out[1],
                                 out[2], out[3], out[4], 1),
                   SURV_ESIZE);
  for (i = 0; i < 4; i++) {
    t[1] = bad_t[i];
    ck_assert_int_eq(AT(km, t, 2, SURV_CI_LOG, 0.95), SURV_ETIME);
  }
#undef AT
  for (i = 0; i < 5; i++)
    assert_untouched(out[i], 2);
  /* every output may be NULL */
  t[1] = 2;
  ck_assert_int_eq(surv_curve_at(km, t, 2, SURV_CI_LOG, 0.95, NULL, NULL, NULL,
                                 NULL, NULL, 2),
                   SURV_OK);
  surv_result_free(km);
}
END_TEST

START_TEST(test_quantile_errors) {
  surv_result *km;
  double q[3][2], p[2] = {0.5, 0.25};
  const double bad_p[] = {0.0, 1.0, NAN, -0.1, 1.1, INFINITY};
  size_t i;
  ck_assert_int_eq(tu_km_fit(toy_t, toy_s, NULL, NULL, 10, 0, &km), SURV_OK);
  for (i = 0; i < 3; i++)
    fill(q[i], 2);
  ck_assert_int_eq(
      surv_curve_quantile(NULL, p, 2, SURV_CI_LOG, 0.95, q[0], q[1], q[2], 2),
      SURV_ENULL);
  ck_assert_int_eq(
      surv_curve_quantile(km, NULL, 2, SURV_CI_LOG, 0.95, q[0], q[1], q[2], 2),
      SURV_ENULL);
  ck_assert_int_eq(
      surv_curve_quantile(km, p, 0, SURV_CI_LOG, 0.95, q[0], q[1], q[2], 2),
      SURV_ESIZE);
  ck_assert_int_eq(
      surv_curve_quantile(km, p, 2, (surv_ci_type)5, 0.95, q[0], q[1], q[2], 2),
      SURV_EINVAL);
  ck_assert_int_eq(
      surv_curve_quantile(km, p, 2, SURV_CI_LOG, 0.0, q[0], q[1], q[2], 2),
      SURV_ELEVEL);
  for (i = 0; i < 6; i++) {
    p[1] = bad_p[i];
    ck_assert_int_eq(
        surv_curve_quantile(km, p, 2, SURV_CI_LOG, 0.95, q[0], q[1], q[2], 2),
        SURV_EPROB);
  }
  for (i = 0; i < 3; i++)
    assert_untouched(q[i], 2);
  p[1] = 0.25;
  ck_assert_int_eq(
      surv_curve_quantile(km, p, 2, SURV_CI_LOG, 0.95, q[0], q[1], q[2], 1),
      SURV_ESIZE);
  ck_assert_int_eq(
      surv_curve_quantile(km, p, 2, SURV_CI_LOG, 0.95, NULL, NULL, NULL, 2),
      SURV_OK);
  surv_result_free(km);
}
END_TEST

/* Strata in ascending label order whatever the input order, negative labels
 * included; each stratum equals the fit of its subset when no near ties
 * cross strata; curve_at and curve_quantile give stratum-major blocks. */
START_TEST(test_strata_layout) {
  const double t[] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
  const int s[] = {1, 0, 1, 1, 1, 0, 1, 1, 0, 1};
  const int g[] = {7, -2, 7, 0, -2, 7, 0, -2, 0, 7};
  const int want_lab[] = {-2, 0, 7};
  surv_result *all, *sub;
  size_t rows, i, j, k;
  double x, at[3 * 2], q[3 * 2], rm[3];
  const double tt[] = {2.5, 4}, pp[] = {0.5, 0.25};
  ck_assert_int_eq(tu_km_fit(t, s, NULL, g, 10, 0, &all), SURV_OK);
  ck_assert_int_eq(surv_result_stat(all, SURV_STAT_N_STRATA, &x), SURV_OK);
  ck_assert(x == 3);
  const double *lab = surv_result_column(all, SURV_COL_STRATUM, &rows);
  ck_assert_ptr_nonnull(lab);
  for (i = 1; i < rows; i++)
    ck_assert(lab[i] >= lab[i - 1]);
  ck_assert_int_eq(surv_curve_at(all, tt, 2, SURV_CI_LOG, 0.95, at, NULL, NULL,
                                 NULL, NULL, 6),
                   SURV_OK);
  ck_assert_int_eq(
      surv_curve_quantile(all, pp, 2, SURV_CI_LOG, 0.95, q, NULL, NULL, 6),
      SURV_OK);
  ck_assert_int_eq(surv_curve_rmst(all, 6, 0.95, rm, NULL, NULL, NULL, 2),
                   SURV_ESIZE);
  ck_assert_int_eq(surv_curve_rmst(all, 6, 0.95, rm, NULL, NULL, NULL, 3),
                   SURV_OK);
  for (k = 0; k < 3; k++) {
    double ts[10], sat[2], sq[2], srm;
    int ss[10];
    size_t n = 0;
    kmv v = view_of(all, want_lab[k]), vs;
    ck_assert_uint_eq(v.si, k);
    for (i = 0; i < 10; i++)
      if (g[i] == want_lab[k]) {
        ts[n] = t[i];
        ss[n++] = s[i];
      }
    ck_assert_int_eq(tu_km_fit(ts, ss, NULL, NULL, n, 0, &sub), SURV_OK);
    vs = view_of(sub, 0);
    ck_assert_uint_eq(v.size, vs.size);
    for (i = 0; i < v.size; i++)
      for (j = SURV_COL_TIME; j <= SURV_COL_STD_ERR_LOG; j++) {
        if (j == SURV_COL_N_ENTER)
          continue;
        TU_ASSERT_REL(kcol(&v, (surv_col)j)[i], kcol(&vs, (surv_col)j)[i], 0,
                      "stratum = subset");
      }
    ck_assert_int_eq(surv_curve_at(sub, tt, 2, SURV_CI_LOG, 0.95, sat, NULL,
                                   NULL, NULL, NULL, 2),
                     SURV_OK);
    ck_assert_int_eq(
        surv_curve_quantile(sub, pp, 2, SURV_CI_LOG, 0.95, sq, NULL, NULL, 2),
        SURV_OK);
    ck_assert_int_eq(surv_curve_rmst(sub, 6, 0.95, &srm, NULL, NULL, NULL, 1),
                     SURV_OK);
    for (i = 0; i < 2; i++) {
      TU_ASSERT_REL(at[k * 2 + i], sat[i], 0, "curve_at block");
      TU_ASSERT_REL(q[k * 2 + i], sq[i], 0, "quantile block");
    }
    TU_ASSERT_REL(rm[k], srm, 0, "rmst per stratum");
    surv_result_free(sub);
  }
  surv_result_free(all);
}
END_TEST

/* NULL and results that are not curves */
START_TEST(test_null_curve) {
  double lo[1] = {SENTINEL}, hi[1] = {SENTINEL}, t = 1, p = 0.5;
  surv_result *km;
  ck_assert_int_eq(surv_curve_ci(NULL, SURV_CI_LOG, 0.95, lo, hi, 1),
                   SURV_ENULL);
  ck_assert_int_eq(surv_curve_at(NULL, &t, 1, SURV_CI_LOG, 0.95, lo, NULL, NULL,
                                 NULL, NULL, 1),
                   SURV_ENULL);
  ck_assert_int_eq(
      surv_curve_quantile(NULL, &p, 1, SURV_CI_LOG, 0.95, lo, NULL, NULL, 1),
      SURV_ENULL);
  assert_untouched(lo, 1);
  assert_untouched(hi, 1);
  /* a curve with no rows is still a curve: a curve of one row is the least
   * a fit gives; check the stratified layout instead */
  ck_assert_int_eq(tu_km_fit(toy_t, toy_s, NULL, NULL, 10, 0, &km), SURV_OK);
  ck_assert_int_eq(surv_curve_ci(km, SURV_CI_LOG, 0.95, lo, hi, 0), SURV_ESIZE);
  surv_result_free(km);
  surv_result_free(NULL);
}
END_TEST

int main(void) {
  Suite *s = suite_create("km");
  TCase *tc;
  tc = tcase_create("r_fixtures");
  tcase_set_timeout(tc, 60);
  tcase_add_unchecked_fixture(tc, fixtures_setup, fixtures_teardown);
  tcase_add_loop_test(tc, test_r_fixtures, 0, NCOMBO);
  suite_add_tcase(s, tc);
  tc = tcase_create("exact");
  tcase_add_test(tc, test_toy_exact);
  tcase_add_test(tc, test_toy_quantile_exact);
  suite_add_tcase(s, tc);
  tc = tcase_create("routes");
  tcase_set_timeout(tc, 30);
  tcase_add_loop_test(tc, test_routes_agree, 0, 12);
  tcase_add_test(tc, test_errors_after_disorder);
  tcase_add_test(tc, test_negative_zero_time);
  tcase_add_test(tc, test_strata_layout);
  suite_add_tcase(s, tc);
  tc = tcase_create("errors");
  tcase_add_test(tc, test_fit_errors);
  tcase_add_test(tc, test_ci_errors);
  tcase_add_test(tc, test_at_errors);
  tcase_add_test(tc, test_quantile_errors);
  tcase_add_test(tc, test_null_curve);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
