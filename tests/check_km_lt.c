/* Left-truncated Kaplan-Meier (surv_km_fit_counting): every row and column of
 * R survival 3.5-3 survfit(Surv(entry, time, status) ~ 1) fits
 * (tests/fixtures/km-lt*.tsv, made by make-km-lt-fixtures.R) with log and
 * log-log limits and quantiles, the two checked examples of survival.md,
 * agreement with surv_km_fit when every entry is 0, and every error path
 * with untouched outputs. */
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
  surv_km *km = NULL;
  double *lo, *hi;
  lt_load(t, name, &d);
  ck_assert_int_eq(
      surv_km_fit_counting(d.entry, d.time, d.status, d.weight, d.n, 0, &km),
      SURV_OK);
  ck_assert_uint_eq(surv_km_size(km), d.k);
  check_col(t, &d, "time", surv_km_time(km), name);
  check_col(t, &d, "n_risk", surv_km_n_risk(km), name);
  check_col(t, &d, "n_event", surv_km_n_event(km), name);
  check_col(t, &d, "n_censor", surv_km_n_censor(km), name);
  check_col(t, &d, "surv", surv_km_surv(km), name);
  check_col(t, &d, "std_err", surv_km_std_err(km), name);
  check_col(t, &d, "std_err_log", surv_km_std_err_log(km), name);
  lo = malloc(d.k * sizeof(double));
  hi = malloc(d.k * sizeof(double));
  ck_assert(lo && hi);
  ck_assert_int_eq(surv_km_ci(km, SURV_CI_LOG, 0.95, lo, hi, d.k), SURV_OK);
  check_col(t, &d, "lower_log", lo, name);
  check_col(t, &d, "upper_log", hi, name);
  ck_assert_int_eq(surv_km_ci(km, SURV_CI_LOGLOG, 0.95, lo, hi, d.k), SURV_OK);
  check_col(t, &d, "lower_loglog", lo, name);
  check_col(t, &d, "upper_loglog", hi, name);
  free(lo);
  free(hi);
  surv_km_free(km);
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
  surv_km *km = NULL;
  size_t i, m = 0, nq = tu_table_nrow(q);
  int cd = tu_table_col(q, "dataset"), cp = tu_table_col(q, "p"), j;
  lt_load(t, name, &d);
  ck_assert_int_eq(
      surv_km_fit_counting(d.entry, d.time, d.status, d.weight, d.n, 0, &km),
      SURV_OK);
  for (i = 0; i < nq; i++) {
    double p, est, lo, hi;
    char ctx[96];
    if (strcmp(tu_table_str(q, i, cd), name) != 0)
      continue;
    p = tu_table_num(q, i, cp);
    for (j = 0; j < 2; j++) {
      ck_assert_int_eq(
          surv_km_quantile(km, &p, 1, types[j], 0.95, &est, &lo, &hi), SURV_OK);
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
  surv_km_free(km);
  lt_free(&d);
  tu_table_free(t);
  tu_table_free(q);
}
END_TEST

/* survival.md section 1, checked by hand. */
START_TEST(test_doc_examples) {
  const double e1[] = {0, 2, 5, 0, 1, 3, 4}, t1[] = {5, 6, 7, 3, 5, 8, 9};
  const int s1[] = {1, 0, 1, 1, 0, 1, 0};
  const double times1[] = {3, 5, 6, 7, 8, 9}, risk1[] = {4, 5, 4, 3, 2, 1};
  const double surv1[] = {0.75, 0.6, 0.6, 0.4, 0.2, 0.2};
  const double e2[] = {0, 0, 5, 5, 6}, t2[] = {2, 3, 8, 9, 10};
  const int s2[] = {1, 1, 1, 0, 1};
  surv_km *km = NULL;
  size_t i;
  ck_assert_int_eq(surv_km_fit_counting(e1, t1, s1, NULL, 7, 0, &km), SURV_OK);
  ck_assert_uint_eq(surv_km_size(km), 6);
  for (i = 0; i < 6; i++) {
    ck_assert(surv_km_time(km)[i] == times1[i]);
    ck_assert(surv_km_n_risk(km)[i] == risk1[i]);
    TU_ASSERT_REL(surv_km_surv(km)[i], surv1[i], 1e-15, "doc1 surv");
  }
  surv_km_free(km);
  ck_assert_int_eq(surv_km_fit_counting(e2, t2, s2, NULL, 5, 0, &km), SURV_OK);
  ck_assert_uint_eq(surv_km_size(km), 5);
  ck_assert(surv_km_surv(km)[0] == 0.5);
  for (i = 1; i < 5; i++) {
    ck_assert(surv_km_surv(km)[i] == 0.0);
    ck_assert(isinf(surv_km_std_err_log(km)[i]));
    ck_assert(isnan(surv_km_std_err(km)[i]));
  }
  surv_km_free(km);
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
  surv_km *km = NULL;
  size_t i;
  ck_assert_int_eq(surv_km_fit_counting(e, t, s, NULL, 7, 0, &km), SURV_OK);
  ck_assert_int_eq(
      surv_km_at(km, at, 5, SURV_CI_LOG, 0.95, sv, NULL, NULL, NULL, nr),
      SURV_OK);
  for (i = 0; i < 5; i++) {
    ck_assert(nr[i] == risk[i]);
    TU_ASSERT_REL(sv[i], want[i], 1e-15, "doc1 at");
  }
  surv_km_free(km);
}
END_TEST

/* With every entry 0 the curve is surv_km_fit's, bit for bit. */
START_TEST(test_zero_entry_is_km) {
  tu_table *t = tu_table_read("km-lt.tsv");
  lt_data d;
  surv_km *a = NULL, *b = NULL;
  double *zero;
  size_t i, k;
  unsigned flags = _i % 2 ? SURV_KM_NO_TIMEFIX : 0;
  lt_load(t, names[_i / 2], &d);
  zero = calloc(d.n, sizeof(double));
  ck_assert(zero);
  ck_assert_int_eq(
      surv_km_fit_counting(zero, d.time, d.status, d.weight, d.n, flags, &a),
      SURV_OK);
  ck_assert_int_eq(surv_km_fit(d.time, d.status, d.weight, d.n, flags, &b),
                   SURV_OK);
  k = surv_km_size(a);
  ck_assert_uint_eq(k, surv_km_size(b));
#define SAME(f)                                                                \
  ck_assert_msg(memcmp(f(a), f(b), k * sizeof(double)) == 0, #f " differs")
  SAME(surv_km_time);
  SAME(surv_km_n_risk);
  SAME(surv_km_n_event);
  SAME(surv_km_n_censor);
  SAME(surv_km_surv);
  SAME(surv_km_std_err_log);
  for (i = 0; i < k; i++) /* NaN != NaN: compare the finite ones */
    ck_assert(surv_km_std_err(a)[i] == surv_km_std_err(b)[i] ||
              (isnan(surv_km_std_err(a)[i]) && isnan(surv_km_std_err(b)[i])));
#undef SAME
  surv_km_free(a);
  surv_km_free(b);
  free(zero);
  lt_free(&d);
  tu_table_free(t);
}
END_TEST

/* Near ties: entry 0.3 and a stop at 0.1 + 0.2 are merged by default (the
 * subject is not at risk there), distinct with SURV_KM_NO_TIMEFIX. */
START_TEST(test_timefix) {
  const double e[] = {0.3, 0.0}, t[] = {4.0, 0.1 + 0.2};
  const int s[] = {1, 1};
  surv_km *km = NULL;
  ck_assert_int_eq(surv_km_fit_counting(e, t, s, NULL, 2, 0, &km), SURV_OK);
  ck_assert(surv_km_n_risk(km)[0] == 1.0);
  surv_km_free(km);
  ck_assert_int_eq(
      surv_km_fit_counting(e, t, s, NULL, 2, SURV_KM_NO_TIMEFIX, &km), SURV_OK);
  ck_assert(surv_km_n_risk(km)[0] == 2.0);
  surv_km_free(km);
}
END_TEST

static void expect_error(const double *e, const double *t, const int *s,
                         const double *w, size_t n, unsigned flags, int code,
                         const char *what) {
  surv_km *sentinel = (surv_km *)(void *)&sentinel, *km = sentinel;
  int rc = surv_km_fit_counting(e, t, s, w, n, flags, &km);
  ck_assert_msg(rc == code, "%s: got %s, want %s", what, surv_errname(rc),
                surv_errname(code));
  ck_assert_msg(km == sentinel, "%s: output written", what);
}

START_TEST(test_errors) {
  const double e[] = {0, 1, 2}, t[] = {3, 4, 5}, w[] = {1, 1, 1};
  const int s[] = {1, 0, 1};
  double bad[3];
  int bs[3];
  surv_km *km = NULL;
  expect_error(NULL, t, s, w, 3, 0, SURV_ENULL, "entry NULL");
  expect_error(e, NULL, s, w, 3, 0, SURV_ENULL, "time NULL");
  expect_error(e, t, NULL, w, 3, 0, SURV_ENULL, "status NULL");
  ck_assert_int_eq(surv_km_fit_counting(e, t, s, w, 3, 0, NULL), SURV_ENULL);
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
    ck_assert_int_eq(
        surv_km_fit_counting(e2, t2, s2, NULL, 2, SURV_KM_NO_TIMEFIX, &km),
        SURV_OK);
    surv_km_free(km);
  }
}
END_TEST

static Suite *km_lt_suite(void) {
  Suite *s = suite_create("km_lt");
  TCase *tc = tcase_create("core");
  tcase_add_loop_test(tc, test_r_fixtures, 0, NDATA);
  tcase_add_loop_test(tc, test_r_quantiles, 0, NDATA);
  tcase_add_test(tc, test_doc_examples);
  tcase_add_test(tc, test_at_doc1);
  tcase_add_loop_test(tc, test_zero_entry_is_km, 0, 2 * NDATA);
  tcase_add_test(tc, test_timefix);
  tcase_add_test(tc, test_errors);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return tu_run_suite(km_lt_suite()); }
