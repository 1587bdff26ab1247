/* Left-truncated Kaplan-Meier (surv_km_fit with data.entry): every row and
 * column of R survival 3.5-3 survfit(Surv(entry, time, status) ~ 1) fits
 * (tests/fixtures/km-lt*.tsv, made by make-km-lt-fixtures.R) with log and
 * log-log limits and quantiles; stratified fits with and without entry as
 * one result (km-strata*.tsv, make-km-strata-fixtures.R: every row,
 * summary(times =) and quantile() per stratum); two small examples worked
 * by hand, agreement with the fit without entry when every entry is 0, and
 * every error path with untouched outputs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "testutil.h"

#define RTOL 1e-10
#define NDATA 5

static const char *const names[NDATA] = {"doc1", "doc2", "heart", "lung",
                                         "wties"};

typedef struct lt_data {
  size_t n, k, first; /* inputs, curve rows, first table line */
  double *entry, *time, *weight;
  int *status;
} lt_data;

static void lt_load(const tu_table *t, const char *name, lt_data *d) {
  size_t i, nrow = tu_table_nrow(t);
  int cd = tu_table_col(t, "dataset");
  memset(d, 0, sizeof *d);
  for (i = 0; i < nrow && strcmp(tu_table_str(t, i, cd), name) != 0; i++)
    ;
  ck_assert_msg(i < nrow, "no data set %s", name);
  d->first = i;
  d->n = (size_t)tu_table_num(t, i, tu_table_col(t, "n"));
  d->k = (size_t)tu_table_num(t, i, tu_table_col(t, "k"));
  d->entry = malloc(d->n * sizeof(double));
  d->time = malloc(d->n * sizeof(double));
  d->weight = malloc(d->n * sizeof(double));
  d->status = malloc(d->n * sizeof(int));
  ck_assert(d->entry && d->time && d->weight && d->status);
  for (i = 0; i < d->n; i++) {
    size_t r = d->first + i;
    d->entry[i] = tu_table_num(t, r, tu_table_col(t, "in_entry"));
    d->time[i] = tu_table_num(t, r, tu_table_col(t, "in_time"));
    d->status[i] = (int)tu_table_num(t, r, tu_table_col(t, "in_status"));
    d->weight[i] = tu_table_num(t, r, tu_table_col(t, "in_weight"));
  }
}

static void lt_free(lt_data *d) {
  free(d->entry);
  free(d->time);
  free(d->weight);
  free(d->status);
}

static void check_col(const tu_table *t, const lt_data *d, const char *col,
                      const double *got, const char *name) {
  int c = tu_table_col(t, col);
  size_t r;
  char ctx[96];
  for (r = 0; r < d->k; r++) {
    snprintf(ctx, sizeof ctx, "%s %s row %zu", name, col, r);
    TU_ASSERT_REL(got[r], tu_table_num(t, d->first + r, c), RTOL, ctx);
  }
}

START_TEST(test_r_fixtures) {
  tu_table *t = tu_table_read("km-lt.tsv");
  const char *name = names[_i];
  lt_data d;
  surv_result *km = NULL;
  double *lo, *hi;
  lt_load(t, name, &d);
  ck_assert_int_eq(
      tu_km_fit_entry(d.entry, d.time, d.status, d.weight, d.n, 0, &km),
      SURV_OK);
  ck_assert_uint_eq(tu_rows(km), d.k);
  check_col(t, &d, "time", tu_col(km, SURV_COL_TIME), name);
  check_col(t, &d, "n_risk", tu_col(km, SURV_COL_N_RISK), name);
  check_col(t, &d, "n_event", tu_col(km, SURV_COL_N_EVENT), name);
  check_col(t, &d, "n_censor", tu_col(km, SURV_COL_N_CENSOR), name);
  check_col(t, &d, "surv", tu_col(km, SURV_COL_SURV), name);
  check_col(t, &d, "std_err", tu_col(km, SURV_COL_STD_ERR), name);
  check_col(t, &d, "std_err_log", tu_col(km, SURV_COL_STD_ERR_LOG), name);
  lo = malloc(d.k * sizeof(double));
  hi = malloc(d.k * sizeof(double));
  ck_assert(lo && hi);
  ck_assert_int_eq(surv_curve_ci(km, SURV_CI_LOG, 0.95, lo, hi, d.k), SURV_OK);
  check_col(t, &d, "lower_log", lo, name);
  check_col(t, &d, "upper_log", hi, name);
  ck_assert_int_eq(surv_curve_ci(km, SURV_CI_LOGLOG, 0.95, lo, hi, d.k),
                   SURV_OK);
  check_col(t, &d, "lower_loglog", lo, name);
  check_col(t, &d, "upper_loglog", hi, name);
  free(lo);
  free(hi);
  surv_result_free(km);
  lt_free(&d);
  tu_table_free(t);
}
END_TEST

START_TEST(test_r_quantiles) {
  tu_table *t = tu_table_read("km-lt.tsv");
  tu_table *q = tu_table_read("km-lt-quant.tsv");
  const char *name = names[_i];
  static const char *const cols[2][3] = {
      {"q_log", "lo_log", "hi_log"}, {"q_loglog", "lo_loglog", "hi_loglog"}};
  const surv_ci_type types[2] = {SURV_CI_LOG, SURV_CI_LOGLOG};
  lt_data d;
  surv_result *km = NULL;
  size_t i, m = 0, nq = tu_table_nrow(q);
  int cd = tu_table_col(q, "dataset"), cp = tu_table_col(q, "p"), j;
  lt_load(t, name, &d);
  ck_assert_int_eq(
      tu_km_fit_entry(d.entry, d.time, d.status, d.weight, d.n, 0, &km),
      SURV_OK);
  for (i = 0; i < nq; i++) {
    double p, est, lo, hi;
    char ctx[96];
    if (strcmp(tu_table_str(q, i, cd), name) != 0)
      continue;
    p = tu_table_num(q, i, cp);
    for (j = 0; j < 2; j++) {
      ck_assert_int_eq(
          surv_curve_quantile(km, &p, 1, types[j], 0.95, &est, &lo, &hi, 1),
          SURV_OK);
      snprintf(ctx, sizeof ctx, "%s p=%g %s", name, p, cols[j][0]);
      TU_ASSERT_REL(est, tu_table_num(q, i, tu_table_col(q, cols[j][0])), RTOL,
                    ctx);
      TU_ASSERT_REL(lo, tu_table_num(q, i, tu_table_col(q, cols[j][1])), RTOL,
                    ctx);
      TU_ASSERT_REL(hi, tu_table_num(q, i, tu_table_col(q, cols[j][2])), RTOL,
                    ctx);
    }
    m++;
  }
  ck_assert_uint_eq(m, 5);
  surv_result_free(km);
  lt_free(&d);
  tu_table_free(t);
  tu_table_free(q);
}
END_TEST

/* Two small data sets whose risk sets were worked by hand. */
START_TEST(test_doc_examples) {
  const double e1[] = {0, 2, 5, 0, 1, 3, 4}, t1[] = {5, 6, 7, 3, 5, 8, 9};
  const int s1[] = {1, 0, 1, 1, 0, 1, 0};
  const double times1[] = {3, 5, 6, 7, 8, 9}, risk1[] = {4, 5, 4, 3, 2, 1};
  const double surv1[] = {0.75, 0.6, 0.6, 0.4, 0.2, 0.2};
  const double e2[] = {0, 0, 5, 5, 6}, t2[] = {2, 3, 8, 9, 10};
  const int s2[] = {1, 1, 1, 0, 1};
  surv_result *km = NULL;
  size_t i;
  ck_assert_int_eq(tu_km_fit_entry(e1, t1, s1, NULL, 7, 0, &km), SURV_OK);
  ck_assert_uint_eq(tu_rows(km), 6);
  for (i = 0; i < 6; i++) {
    ck_assert(tu_col(km, SURV_COL_TIME)[i] == times1[i]);
    ck_assert(tu_col(km, SURV_COL_N_RISK)[i] == risk1[i]);
    TU_ASSERT_REL(tu_col(km, SURV_COL_SURV)[i], surv1[i], 1e-15, "doc1 surv");
  }
  surv_result_free(km);
  ck_assert_int_eq(tu_km_fit_entry(e2, t2, s2, NULL, 5, 0, &km), SURV_OK);
  ck_assert_uint_eq(tu_rows(km), 5);
  ck_assert(tu_col(km, SURV_COL_SURV)[0] == 0.5);
  for (i = 1; i < 5; i++) {
    ck_assert(tu_col(km, SURV_COL_SURV)[i] == 0.0);
    ck_assert(isinf(tu_col(km, SURV_COL_STD_ERR_LOG)[i]));
    ck_assert(isnan(tu_col(km, SURV_COL_STD_ERR)[i]));
  }
  surv_result_free(km);
}
END_TEST

/* summary(fit, times = c(1, 2.5, 4, 5.5, 6.5), extend = TRUE) of doc1 in
 * R 3.5-3: n.risk is that of the next row (4 4 5 4 3), S 1 1 .75 .6 .6. */
START_TEST(test_at_doc1) {
  const double e[] = {0, 2, 5, 0, 1, 3, 4}, t[] = {5, 6, 7, 3, 5, 8, 9};
  const int s[] = {1, 0, 1, 1, 0, 1, 0};
  const double at[] = {1, 2.5, 4, 5.5, 6.5}, risk[] = {4, 4, 5, 4, 3};
  const double want[] = {1, 1, 0.75, 0.6, 0.6};
  double sv[5], nr[5];
  surv_result *km = NULL;
  size_t i;
  ck_assert_int_eq(tu_km_fit_entry(e, t, s, NULL, 7, 0, &km), SURV_OK);
  ck_assert_int_eq(
      surv_curve_at(km, at, 5, SURV_CI_LOG, 0.95, sv, NULL, NULL, NULL, nr, 5),
      SURV_OK);
  for (i = 0; i < 5; i++) {
    ck_assert(nr[i] == risk[i]);
    TU_ASSERT_REL(sv[i], want[i], 1e-15, "doc1 at");
  }
  surv_result_free(km);
}
END_TEST

/* With every entry 0 the curve is surv_km_fit's, bit for bit. */
START_TEST(test_zero_entry_is_km) {
  tu_table *t = tu_table_read("km-lt.tsv");
  lt_data d;
  surv_result *a = NULL, *b = NULL;
  double *zero;
  size_t i, k;
  unsigned flags = _i % 2 ? SURV_NO_TIMEFIX : 0;
  lt_load(t, names[_i / 2], &d);
  zero = calloc(d.n, sizeof(double));
  ck_assert(zero);
  ck_assert_int_eq(
      tu_km_fit_entry(zero, d.time, d.status, d.weight, d.n, flags, &a),
      SURV_OK);
  ck_assert_int_eq(
      tu_km_fit_entry(NULL, d.time, d.status, d.weight, d.n, flags, &b),
      SURV_OK);
  k = tu_rows(a);
  ck_assert_uint_eq(k, tu_rows(b));
#define SAME(c)                                                                \
  ck_assert_msg(memcmp(tu_col(a, c), tu_col(b, c), k * sizeof(double)) == 0,   \
                #c " differs")
  SAME(SURV_COL_TIME);
  SAME(SURV_COL_N_RISK);
  SAME(SURV_COL_N_EVENT);
  SAME(SURV_COL_N_CENSOR);
  SAME(SURV_COL_SURV);
  SAME(SURV_COL_STD_ERR_LOG);
  for (i = 0; i < k; i++) /* NaN != NaN: compare the finite ones */
    ck_assert(tu_col(a, SURV_COL_STD_ERR)[i] ==
                  tu_col(b, SURV_COL_STD_ERR)[i] ||
              (isnan(tu_col(a, SURV_COL_STD_ERR)[i]) &&
               isnan(tu_col(b, SURV_COL_STD_ERR)[i])));
#undef SAME
  surv_result_free(a);
  surv_result_free(b);
  free(zero);
  lt_free(&d);
  tu_table_free(t);
}
END_TEST

/* Near ties: entry 0.3 and a stop at 0.1 + 0.2 are merged by default (the
 * subject is not at risk there), distinct with SURV_NO_TIMEFIX. */
START_TEST(test_timefix) {
  const double e[] = {0.3, 0.0}, t[] = {4.0, 0.1 + 0.2};
  const int s[] = {1, 1};
  surv_result *km = NULL;
  ck_assert_int_eq(tu_km_fit_entry(e, t, s, NULL, 2, 0, &km), SURV_OK);
  ck_assert(tu_col(km, SURV_COL_N_RISK)[0] == 1.0);
  surv_result_free(km);
  ck_assert_int_eq(tu_km_fit_entry(e, t, s, NULL, 2, SURV_NO_TIMEFIX, &km),
                   SURV_OK);
  ck_assert(tu_col(km, SURV_COL_N_RISK)[0] == 2.0);
  surv_result_free(km);
}
END_TEST

static void expect_error(const double *e, const double *t, const int *s,
                         const double *w, size_t n, unsigned flags, int code,
                         const char *what) {
  surv_result *sentinel = (surv_result *)(void *)&sentinel, *km = sentinel;
  int rc = tu_km_fit_entry(e, t, s, w, n, flags, &km);
  ck_assert_msg(rc == code, "%s: got %s, want %s", what, surv_errname(rc),
                surv_errname(code));
  ck_assert_msg(km == sentinel, "%s: output written", what);
}

START_TEST(test_errors) {
  const double e[] = {0, 1, 2}, t[] = {3, 4, 5}, w[] = {1, 1, 1};
  const int s[] = {1, 0, 1};
  double bad[3];
  int bs[3];
  surv_result *km = NULL;
  expect_error(e, NULL, s, w, 3, 0, SURV_ENULL, "time NULL");
  expect_error(e, t, NULL, w, 3, 0, SURV_ENULL, "status NULL");
  ck_assert_int_eq(tu_km_fit_entry(e, t, s, w, 3, 0, NULL), SURV_ENULL);
  expect_error(e, t, s, w, 0, 0, SURV_ESIZE, "n 0");
  expect_error(e, t, s, w, 3, 0x100, SURV_EINVAL, "flags");
  memcpy(bad, e, sizeof bad);
  bad[1] = NAN;
  expect_error(bad, t, s, w, 3, 0, SURV_ETIME, "entry NaN");
  bad[1] = -1.0;
  expect_error(bad, t, s, w, 3, 0, SURV_ETIME, "entry negative");
  bad[1] = 4.0;
  expect_error(bad, t, s, w, 3, 0, SURV_ETIME, "entry == time");
  bad[1] = 4.5;
  expect_error(bad, t, s, w, 3, 0, SURV_ETIME, "entry > time");
  bad[1] = -INFINITY;
  expect_error(bad, t, s, w, 3, 0, SURV_ETIME, "entry -Inf");
  memcpy(bad, t, sizeof bad);
  bad[2] = INFINITY;
  expect_error(e, bad, s, w, 3, 0, SURV_ETIME, "time Inf");
  bad[2] = NAN;
  expect_error(e, bad, s, w, 3, 0, SURV_ETIME, "time NaN");
  memcpy(bs, s, sizeof bs);
  bs[0] = 2;
  expect_error(e, t, bs, w, 3, 0, SURV_ESTATUS, "status 2");
  bs[0] = -1;
  expect_error(e, t, bs, w, 3, 0, SURV_ESTATUS, "status -1");
  memcpy(bad, w, sizeof bad);
  bad[0] = -0.5;
  expect_error(e, t, s, bad, 3, 0, SURV_EWEIGHT, "weight negative");
  bad[0] = NAN;
  expect_error(e, t, s, bad, 3, 0, SURV_EWEIGHT, "weight NaN");
  /* an interval that near-tie merging collapses (R: aeqSurv exception) */
  {
    const double e2[] = {0.3, 0.0}, t2[] = {0.1 + 0.2, 1.0};
    const int s2[] = {1, 1};
    expect_error(e2, t2, s2, NULL, 2, 0, SURV_ETIME, "collapsed interval");
    ck_assert_int_eq(tu_km_fit_entry(e2, t2, s2, NULL, 2, SURV_NO_TIMEFIX, &km),
                     SURV_OK);
    surv_result_free(km);
  }
}
END_TEST

/* ---- stratified fits (km-strata*.tsv) ---------------------------------- */

#define NSTRATA_SETS 3
static const char *const strata_sets[NSTRATA_SETS] = {"heart", "lung", "ties"};

/* Rows of table t with dataset == name and (entry < 0, or column entry ==
 * entry): [first, last). */
static void strata_rows(const tu_table *t, const char *name, int entry,
                        size_t *first, size_t *last) {
  size_t i = 0, n = tu_table_nrow(t);
  int cd = tu_table_col(t, "dataset"), ce = tu_table_col(t, "entry");
#define STRATA_ROW_OK(i)                                                       \
  (strcmp(tu_table_str(t, i, cd), name) == 0 &&                                \
   (entry < 0 || (int)tu_table_num(t, i, ce) == entry))
  while (i < n && !STRATA_ROW_OK(i))
    i++;
  *first = i;
  while (i < n && STRATA_ROW_OK(i))
    i++;
#undef STRATA_ROW_OK
  *last = i;
  ck_assert_msg(*last > *first, "no rows %s entry %d", name, entry);
}

/* Loop index: data set _i / 2, delayed entry _i % 2. */
START_TEST(test_r_strata) {
  const char *name = strata_sets[_i / 2];
  int entry = _i % 2;
  tu_table *dt = tu_table_read("km-strata-data.tsv");
  tu_table *rt = tu_table_read("km-strata.tsv");
  tu_table *at = tu_table_read("km-strata-at.tsv");
  tu_table *qt = tu_table_read("km-strata-quant.tsv");
  static const char *const cols[] = {"stratum", "time",       "n_risk",
                                     "n_event", "n_censor",   "surv",
                                     "std_err", "std_err_log"};
  static const surv_col ccol[] = {
      SURV_COL_STRATUM,  SURV_COL_TIME, SURV_COL_N_RISK,  SURV_COL_N_EVENT,
      SURV_COL_N_CENSOR, SURV_COL_SURV, SURV_COL_STD_ERR, SURV_COL_STD_ERR_LOG};
  size_t first, last, n = 0, i, j, k, m, len;
  double *e, *t, *w, *lo, *hi, ns, *labels;
  int *s, *g;
  char ctx[128];
  surv_data d = SURV_DATA_INIT;
  surv_result *km;
  strata_rows(dt, name, -1, &first, &last);
  n = last - first;
  e = malloc(n * sizeof *e);
  t = malloc(n * sizeof *t);
  w = malloc(n * sizeof *w);
  s = malloc(n * sizeof *s);
  g = malloc(n * sizeof *g);
  for (i = 0; i < n; i++) {
    size_t r = first + i;
    e[i] = tu_table_num(dt, r, tu_table_col(dt, "entry"));
    t[i] = tu_table_num(dt, r, tu_table_col(dt, "time"));
    s[i] = (int)tu_table_num(dt, r, tu_table_col(dt, "status"));
    g[i] = (int)tu_table_num(dt, r, tu_table_col(dt, "g"));
    w[i] = tu_table_num(dt, r, tu_table_col(dt, "weight"));
  }
  d.n = n, d.time = t, d.status = s, d.weight = w, d.strata = g;
  d.entry = entry ? e : NULL;
  ck_assert_int_eq(surv_km_fit(&d, 0, &km), SURV_OK);
  /* every row of every stratum, in R's order */
  strata_rows(rt, name, entry, &first, &last);
  m = tu_rows(km);
  ck_assert_uint_eq(m, last - first);
  lo = malloc(m * sizeof *lo);
  hi = malloc(m * sizeof *hi);
  ck_assert_int_eq(surv_curve_ci(km, SURV_CI_LOGLOG, 0.95, lo, hi, m), SURV_OK);
  for (i = 0; i < m; i++) {
    for (j = 0; j < sizeof ccol / sizeof ccol[0]; j++) {
      snprintf(ctx, sizeof ctx, "%s entry %d row %zu %s", name, entry, i,
               cols[j]);
      TU_ASSERT_REL(tu_col(km, ccol[j])[i],
                    tu_table_num(rt, first + i, tu_table_col(rt, cols[j])),
                    RTOL, ctx);
    }
    snprintf(ctx, sizeof ctx, "%s entry %d row %zu log-log", name, entry, i);
    TU_ASSERT_REL(lo[i], tu_table_num(rt, first + i, tu_table_col(rt, "lower")),
                  RTOL, ctx);
    TU_ASSERT_REL(hi[i], tu_table_num(rt, first + i, tu_table_col(rt, "upper")),
                  RTOL, ctx);
  }
  ck_assert_int_eq(surv_result_stat(km, SURV_STAT_N_STRATA, &ns), SURV_OK);
  k = (size_t)ns;
  labels = malloc(k * sizeof *labels);
  for (i = j = 0; i < m; i++)
    if (i == 0 ||
        tu_col(km, SURV_COL_STRATUM)[i] != tu_col(km, SURV_COL_STRATUM)[i - 1])
      labels[j++] = tu_col(km, SURV_COL_STRATUM)[i];
  ck_assert_uint_eq(j, k);
  /* summary(times =): R lists each stratum's times, strata in order */
  strata_rows(at, name, entry, &first, &last);
  {
    double tt[64], out[5][64 * 4];
    static const char *const ac[] = {"surv", "std_err", "lower", "upper",
                                     "n_risk"};
    size_t nt = 0, r;
    for (r = first;
         r < last && tu_table_num(at, r, tu_table_col(at, "stratum")) ==
                         tu_table_num(at, first, tu_table_col(at, "stratum"));
         r++)
      tt[nt++] = tu_table_num(at, r, tu_table_col(at, "t"));
    ck_assert_uint_eq(nt * k, last - first);
    len = nt * k;
    ck_assert_int_eq(surv_curve_at(km, tt, nt, SURV_CI_LOGLOG, 0.95, out[0],
                                   out[1], out[2], out[3], out[4], len),
                     SURV_OK);
    for (r = 0; r < len; r++) {
      ck_assert(tu_table_num(at, first + r, tu_table_col(at, "stratum")) ==
                labels[r / nt]);
      for (j = 0; j < 5; j++) {
        snprintf(ctx, sizeof ctx, "%s entry %d at row %zu %s", name, entry, r,
                 ac[j]);
        TU_ASSERT_REL(out[j][r],
                      tu_table_num(at, first + r, tu_table_col(at, ac[j])),
                      RTOL, ctx);
      }
    }
  }
  /* quantile(): R gives strata x probs, column-major in the fixture */
  strata_rows(qt, name, entry, &first, &last);
  {
    const double p[5] = {0.1, 0.25, 0.5, 0.75, 0.9};
    double q[3][5 * 4];
    static const char *const qc[] = {"q", "lower", "upper"};
    size_t r;
    ck_assert_uint_eq(last - first, 5 * k);
    ck_assert_int_eq(surv_curve_quantile(km, p, 5, SURV_CI_LOGLOG, 0.95, q[0],
                                         q[1], q[2], 5 * k),
                     SURV_OK);
    for (r = first; r < last; r++) {
      size_t si = (r - first) % k, pi = (r - first) / k;
      ck_assert(tu_table_num(qt, r, tu_table_col(qt, "stratum")) == labels[si]);
      for (j = 0; j < 3; j++) {
        snprintf(ctx, sizeof ctx, "%s entry %d quantile %zu/%zu %s", name,
                 entry, si, pi, qc[j]);
        TU_ASSERT_REL(q[j][si * 5 + pi],
                      tu_table_num(qt, r, tu_table_col(qt, qc[j])), RTOL, ctx);
      }
    }
  }
  surv_result_free(km);
  free(labels);
  free(lo);
  free(hi);
  free(e);
  free(t);
  free(w);
  free(s);
  free(g);
  tu_table_free(dt);
  tu_table_free(rt);
  tu_table_free(at);
  tu_table_free(qt);
}
END_TEST

static Suite *km_entry_suite(void) {
  Suite *s = suite_create("km_entry");
  TCase *tc = tcase_create("core");
  tcase_add_loop_test(tc, test_r_fixtures, 0, NDATA);
  tcase_add_loop_test(tc, test_r_quantiles, 0, NDATA);
  tcase_add_test(tc, test_doc_examples);
  tcase_add_test(tc, test_at_doc1);
  tcase_add_loop_test(tc, test_zero_entry_is_km, 0, 2 * NDATA);
  tcase_add_test(tc, test_timefix);
  tcase_add_test(tc, test_errors);
  tcase_add_loop_test(tc, test_r_strata, 0, 2 * NSTRATA_SETS);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return tu_run_suite(km_entry_suite()); }
