/* surv_ipd_reconstruct: the Guyot steps on hand-made cases worked out by hand
 * in the comments (with and without the at-risk table, with the total number
 * of events), the pre-processing of clicks, the exact route on hand-made and
 * simulated data (the counts must come back exactly), the accuracy
 * statistics, and every error path. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "testutil.h"

static const double *col(const surv_result *r, surv_col c, size_t want) {
  size_t len = 999;
  const double *v = surv_result_column(r, c, &len);
  ck_assert_ptr_nonnull(v);
  ck_assert_uint_eq(len, want);
  return v;
}

static double stat(const surv_result *r, surv_stat k) {
  double v = NAN;
  ck_assert_int_eq(surv_result_stat(r, k, &v), SURV_OK);
  return v;
}

/* Expect patients (time, status) in order. */
static void expect_ipd(const surv_result *r, const double *t, const int *st,
                       size_t n) {
  const double *ct = col(r, SURV_COL_TIME, n);
  const double *cs = col(r, SURV_COL_STATUS, n);
  for (size_t i = 0; i < n; i++) {
    ck_assert_msg(ct[i] == t[i] && cs[i] == st[i],
                  "patient %zu: (%.17g, %g), want (%.17g, %d)", i, ct[i], cs[i],
                  t[i], st[i]);
  }
}

/* Clicks (0,1) (1,.9) (2,.8) (3,.6); at risk 10 at 0, 7 at 2.5.
 * Interval [0, 2.5): first guess round(10 * .6 / 1 - 7) = -1 -> 0 censored;
 *   deaths round(10 * .1) = 1 at t = 1, round(9 * (1 - .8/.9)) = 1 at t = 2,
 *   8 left, 7 printed: 1 censored, at 0 + 2.5/2 = 1.25 (after the point
 *   t = 1): deaths 1 at t = 1 (KM .9), 8 at risk at t = 2, round(8 * 1/9)
 *   = 1 death (KM .9 * 7/8 = .7875), 7 left = printed.
 * Last interval: censoring rate 1 per 2.5 months, over 3 - 2.5: round(0.2)
 *   = 0; deaths round(7 * (1 - .6/.7875)) = round(1.667) = 2 at t = 3 (KM
 *   .5625), 5 left, censored at t = 3.
 * Deviations: 0, 0, .8 - .7875, .6 - .5625 -> RMSE sqrt((.0125^2 +
 * .0375^2)/4), largest .0375. */
START_TEST(test_guyot_hand_with_table) {
  const double t[] = {0, 1, 2, 3}, s[] = {1, .9, .8, .6};
  const double rt[] = {0, 2.5}, nr[] = {10, 7};
  surv_result *r = NULL;
  ck_assert_int_eq(surv_ipd_reconstruct(t, s, 4, rt, nr, 2, NULL, &r), SURV_OK);
  const double et[] = {1, 1.25, 2, 3, 3, 3, 3, 3, 3, 3};
  const int es[] = {1, 0, 1, 1, 1, 0, 0, 0, 0, 0};
  expect_ipd(r, et, es, 10);
  const double *risk = col(r, SURV_COL_N_RISK, 2);
  ck_assert(risk[0] == 10 && risk[1] == 7);
  ck_assert(stat(r, SURV_STAT_N) == 10);
  ck_assert(stat(r, SURV_STAT_N_EVENT) == 4);
  ck_assert(stat(r, SURV_STAT_N_POINTS) == 4);
  ck_assert(stat(r, SURV_STAT_EXACT) == 0);
  TU_ASSERT_REL(stat(r, SURV_STAT_MAX_DEVIATION), 0.0375, 1e-12, "max");
  TU_ASSERT_REL(stat(r, SURV_STAT_RMSE),
                sqrt((0.0125 * 0.0125 + 0.0375 * 0.0375) / 4), 1e-12, "rmse");
  surv_result_free(r);
}
END_TEST

/* No table, 10 patients. Without events: no censoring; deaths 1, 1, 2 (KM
 * .9, .8, .6), 6 censored at t = 3. With 3 events: 0 censored gives 4
 * deaths; 1 censored (t = 1.5) still 4 (1; round(8/9) = 1; round(7 (1 -
 * .6/.7875)) = 2); 2 censored (t = 1 and 2): 1; round(8/9) = 1, KM .7875;
 * 6 at risk at t = 3, round(6 * .2381) = 1: 3 deaths, 5 left at t = 3. */
START_TEST(test_guyot_hand_no_table) {
  const double t[] = {0, 1, 2, 3}, s[] = {1, .9, .8, .6};
  surv_ipd_options o = SURV_IPD_OPTIONS_INIT;
  o.total = 10;
  surv_result *r = NULL;
  ck_assert_int_eq(surv_ipd_reconstruct(t, s, 4, NULL, NULL, 0, &o, &r),
                   SURV_OK);
  const double e1[] = {1, 2, 3, 3, 3, 3, 3, 3, 3, 3};
  const int s1[] = {1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
  expect_ipd(r, e1, s1, 10);
  ck_assert(stat(r, SURV_STAT_N_EVENT) == 4);
  col(r, SURV_COL_N_RISK, 0); /* no table: an empty column */
  surv_result_free(r);
  o.events = 3;
  ck_assert_int_eq(surv_ipd_reconstruct(t, s, 4, NULL, NULL, 0, &o, &r),
                   SURV_OK);
  const double e2[] = {1, 1, 2, 2, 3, 3, 3, 3, 3, 3};
  const int s2[] = {1, 0, 1, 0, 1, 0, 0, 0, 0, 0};
  expect_ipd(r, e2, s2, 10);
  ck_assert(stat(r, SURV_STAT_N_EVENT) == 3);
  surv_result_free(r);
}
END_TEST

/* Clicks with reading error: 1.02 at 0.5 (clamped to 1), unsorted, a
 * duplicate at t = 1, a rise from .81 to .83 (pooled to .82), no (0, 1).
 * Cleaned: (0,1) (.5,1) (1,.9) (2,.82) (3,.82): 5 points. 100 patients, no
 * table: deaths round(100 * .1) = 10 at t = 1, round(90 * (1 - .82/.9)) = 8
 * at t = 2, 82 censored at t = 3. */
START_TEST(test_preprocessing) {
  const double t[] = {2, 1, 1, 0.5, 3}, s[] = {0.81, 0.9, 0.9, 1.02, 0.83};
  surv_ipd_options o = SURV_IPD_OPTIONS_INIT;
  o.total = 100;
  surv_result *r = NULL;
  ck_assert_int_eq(surv_ipd_reconstruct(t, s, 5, NULL, NULL, 0, &o, &r),
                   SURV_OK);
  ck_assert(stat(r, SURV_STAT_N_POINTS) == 5);
  ck_assert(stat(r, SURV_STAT_N_EVENT) == 18);
  const double *ct = col(r, SURV_COL_TIME, 100);
  const double *cs = col(r, SURV_COL_STATUS, 100);
  for (int i = 0; i < 100; i++) {
    double want_t = i < 10 ? 1 : i < 18 ? 2 : 3;
    ck_assert(ct[i] == want_t && cs[i] == (i < 18));
  }
  ck_assert(stat(r, SURV_STAT_MAX_DEVIATION) <= 1e-15); /* 0.9 * 82/90 */
  surv_result_free(r);
  /* percentages are the caller's business: s = 90 clamps to 1 */
  const double t2[] = {1, 2}, s2[] = {90, 80};
  ck_assert_int_eq(surv_ipd_reconstruct(t2, s2, 2, NULL, NULL, 0, &o, &r),
                   SURV_OK);
  ck_assert(stat(r, SURV_STAT_N_EVENT) == 0);
  surv_result_free(r);
}
END_TEST

/* Exact route. Patients 1 (event), 2 (censored), 3, 3 (events), 4
 * (censored), 5 (event): KM 5/6 at 1, 5/12 at 3, 0 at 5; marks at 2 and 4;
 * at risk 6 at 0, 4 at 2.5. The step corners as a vector figure has them. */
START_TEST(test_exact_hand) {
  const double t[] = {0, 1, 1, 3, 3, 5, 5};
  const double s[] = {1, 1, 5.0 / 6, 5.0 / 6, 5.0 / 12, 5.0 / 12, 0};
  const double marks[] = {4, 2};
  const double rt[] = {0, 2.5}, nr[] = {6, 4};
  surv_ipd_options o = SURV_IPD_OPTIONS_INIT;
  o.flags = SURV_IPD_EXACT;
  o.censor_t = marks;
  o.n_censor = 2;
  surv_result *r = NULL;
  ck_assert_int_eq(surv_ipd_reconstruct(t, s, 7, rt, nr, 2, &o, &r), SURV_OK);
  const double et[] = {1, 2, 3, 3, 4, 5};
  const int es[] = {1, 0, 1, 1, 0, 1};
  expect_ipd(r, et, es, 6);
  ck_assert(stat(r, SURV_STAT_EXACT) == 1);
  ck_assert(stat(r, SURV_STAT_MAX_DEVIATION) == 0);
  surv_result_free(r);
  /* Without the table the mark at 2 may hold 1 or 2 censorings only if a
   * later drop allows it: 2 would leave 3 at risk at t = 3, where 2 deaths
   * give 5/6 * 1/3 != 5/12, so the answer is still unique. */
  o.total = 6;
  ck_assert_int_eq(surv_ipd_reconstruct(t, s, 7, NULL, NULL, 0, &o, &r),
                   SURV_OK);
  expect_ipd(r, et, es, 6);
  ck_assert(stat(r, SURV_STAT_EXACT) == 1);
  surv_result_free(r);
  /* A mark after the last drop, end unknown: one censoring there, the rest
   * at the curve's end (the rule that makes the answer unique). */
  const double t3[] = {0, 1, 1, 6}, s3[] = {1, 1, 0.75, 0.75};
  const double m3[] = {2};
  o.censor_t = m3;
  o.n_censor = 1;
  o.total = 4;
  ck_assert_int_eq(surv_ipd_reconstruct(t3, s3, 4, NULL, NULL, 0, &o, &r),
                   SURV_OK);
  const double e3[] = {1, 2, 6, 6};
  const int s3s[] = {1, 0, 0, 0};
  expect_ipd(r, e3, s3s, 4);
  ck_assert(stat(r, SURV_STAT_EXACT) == 1);
  surv_result_free(r);
  /* Steps that no integer count gives: SURV_ENOCONV, *out untouched. */
  const double s4[] = {1, 1, 0.7, 0.7};
  surv_result *keep = (surv_result *)&o;
  ck_assert_int_eq(surv_ipd_reconstruct(t3, s4, 4, NULL, NULL, 0, &o, &keep),
                   SURV_ENOCONV);
  ck_assert_ptr_eq(keep, (surv_result *)&o);
}
END_TEST

/* Simulated trials: draw data on a grid of times (ties and censoring at
 * event times included), write its KM corners, censoring marks and at-risk
 * table as a vector figure would, reconstruct exactly, and get back the
 * same patients whenever the result says it is the only solution (always
 * with distinct censoring times), else a solution with the same curve and
 * table. 200 trials of 5 to 300 patients. */
static uint64_t rng_state = 88172645463325252ULL;
static double unif(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (double)(rng_state >> 11) / 9007199254740992.0;
}

static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

START_TEST(test_exact_simulated) {
  int unique_trials = 0;
  for (int trial = 0; trial < 200; trial++) {
    size_t n = 5 + (size_t)(unif() * 296);
    double *tt = malloc(n * sizeof *tt), *key = malloc(n * sizeof *key);
    int *st = malloc(n * sizeof *st);
    for (size_t i = 0; i < n; i++) {
      double ev = -log(1 - unif()) * 12, ce = unif() * 40;
      double x = ev < ce ? ev : ce;
      /* events on a grid of quarter months (ties); censoring on a grid of
       * 2^-20 (distinct, one per mark) in odd trials, of quarters (several
       * per mark, some at event times) in even ones */
      double g = ev < ce || trial % 2 == 0 ? 4 : 1048576;
      tt[i] = floor(x * g) / g;
      st[i] = ev < ce;
      key[i] = tt[i];
    }
    /* sort patients by key */
    size_t *ord = malloc(n * sizeof *ord);
    for (size_t i = 0; i < n; i++)
      ord[i] = i;
    for (size_t i = 1; i < n; i++)
      for (size_t j = i; j > 0 && (key[ord[j]] < key[ord[j - 1]] ||
                                   (key[ord[j]] == key[ord[j - 1]] &&
                                    st[ord[j]] > st[ord[j - 1]]));
           j--) { /* by time, events first */
        size_t z = ord[j];
        ord[j] = ord[j - 1];
        ord[j - 1] = z;
      }
    double *pt = malloc((2 * n + 2) * sizeof *pt),
           *ps = malloc((2 * n + 2) * sizeof *ps);
    double *mk = malloc(n * sizeof *mk);
    size_t np = 0, nm = 0;
    double km = 1;
    long atrisk = (long)n;
    pt[np] = 0;
    ps[np++] = 1;
    for (size_t i = 0; i < n;) {
      double ti = tt[ord[i]];
      long d = 0, c = 0;
      size_t j = i;
      for (; j < n && tt[ord[j]] == ti; j++)
        st[ord[j]] ? d++ : c++;
      if (d) {
        pt[np] = ti;
        ps[np++] = km;
        km *= 1 - (double)d / (double)atrisk;
        pt[np] = ti;
        ps[np++] = km;
      }
      if (c)
        mk[nm++] = ti; /* one mark per time, whatever the count */
      atrisk -= d + c;
      i = j;
    }
    pt[np] = tt[ord[n - 1]];
    ps[np++] = km;
    double rt[12], nr[12];
    size_t k = 0;
    for (double x = 0; x < 48; x += 4) {
      long c = 0;
      for (size_t i = 0; i < n; i++)
        c += tt[i] >= x;
      rt[k] = x;
      nr[k++] = (double)c;
    }
    surv_ipd_options o = SURV_IPD_OPTIONS_INIT;
    o.flags = SURV_IPD_EXACT;
    o.censor_t = mk;
    o.n_censor = nm;
    o.tol = 1e-12;
    surv_result *r = NULL;
    int rc = surv_ipd_reconstruct(pt, ps, np, rt, nr, k, &o, &r);
    if (getenv("IPD_DEBUG") && atoi(getenv("IPD_DEBUG")) == trial) {
      for (size_t i = 0; i < n; i++)
        fprintf(stderr, "pat %.17g %d\n", tt[ord[i]], st[ord[i]]);
      for (size_t i = 0; i < np; i++)
        fprintf(stderr, "pt %.17g %.17g\n", pt[i], ps[i]);
      for (size_t i = 0; i < nm; i++)
        fprintf(stderr, "mk %.17g\n", mk[i]);
      for (size_t i = 0; i < k; i++)
        fprintf(stderr, "risk %g %g\n", rt[i], nr[i]);
    }
    ck_assert_msg(rc == SURV_OK, "trial %d: %s", trial, surv_strerror(rc));
    const double *ct = col(r, SURV_COL_TIME, n);
    const double *cs = col(r, SURV_COL_STATUS, n);
    /* one censoring per mark: the counts are identified */
    if (trial % 2)
      ck_assert_msg(stat(r, SURV_STAT_EXACT) == 1, "trial %d not unique",
                    trial);
    if (stat(r, SURV_STAT_EXACT) == 1) {
      unique_trials++;
      for (size_t i = 0; i < n; i++)
        ck_assert_msg(ct[i] == tt[ord[i]] && cs[i] == st[ord[i]],
                      "trial %d patient %zu: (%g, %g) want (%g, %d)", trial, i,
                      ct[i], cs[i], tt[ord[i]], st[ord[i]]);
    } else {
      /* several solutions: the one given reproduces the curve and table */
      const double *cr = col(r, SURV_COL_N_RISK, k);
      for (size_t j = 0; j < k; j++)
        ck_assert(cr[j] == nr[j]);
      ck_assert(stat(r, SURV_STAT_MAX_DEVIATION) <= 1e-12);
      double *sorted = malloc(n * sizeof *sorted);
      memcpy(sorted, ct, n * sizeof *sorted);
      qsort(sorted, n, sizeof *sorted, cmp_d);
      ck_assert(memcmp(sorted, ct, n * sizeof *ct) == 0);
      free(sorted);
    }
    surv_result_free(r);
    free(tt);
    free(key);
    free(st);
    free(ord);
    free(pt);
    free(ps);
    free(mk);
  }
  /* ties of censorings on the quarter grid (even trials): a mark holds an
   * unknown count, and only some trials are identified by their drops */
  ck_assert_int_ge(unique_trials, 100);
}
END_TEST

START_TEST(test_errors) {
  const double t[] = {0, 1, 2}, s[] = {1, 0.8, 0.5};
  const double rt[] = {0, 1.5}, nr[] = {10, 5};
  surv_ipd_options o = SURV_IPD_OPTIONS_INIT;
  surv_result *r = (surv_result *)&o, *keep = r;
#define E(code, call)                                                          \
  do {                                                                         \
    ck_assert_int_eq((call), (code));                                          \
    ck_assert_ptr_eq(r, keep);                                                 \
  } while (0)
  E(SURV_ENULL, surv_ipd_reconstruct(NULL, s, 3, rt, nr, 2, NULL, &r));
  E(SURV_ENULL, surv_ipd_reconstruct(t, NULL, 3, rt, nr, 2, NULL, &r));
  E(SURV_ENULL, surv_ipd_reconstruct(t, s, 3, NULL, nr, 2, NULL, &r));
  E(SURV_ENULL, surv_ipd_reconstruct(t, s, 3, rt, NULL, 2, NULL, &r));
  ck_assert_int_eq(surv_ipd_reconstruct(t, s, 3, rt, nr, 2, NULL, NULL),
                   SURV_ENULL);
  E(SURV_ESIZE, surv_ipd_reconstruct(t, s, 0, rt, nr, 2, NULL, &r));
  double bt[] = {0, NAN, 2};
  E(SURV_ETIME, surv_ipd_reconstruct(bt, s, 3, rt, nr, 2, NULL, &r));
  bt[1] = -1;
  E(SURV_ETIME, surv_ipd_reconstruct(bt, s, 3, rt, nr, 2, NULL, &r));
  bt[1] = INFINITY;
  E(SURV_ETIME, surv_ipd_reconstruct(bt, s, 3, rt, nr, 2, NULL, &r));
  double bs[] = {1, NAN, 0.5};
  E(SURV_EINVAL, surv_ipd_reconstruct(t, bs, 3, rt, nr, 2, NULL, &r));
  const double rt1[] = {1, 2}, rt2[] = {0, 0}, nr1[] = {10, 11},
               nr2[] = {10, 4.5}, nr3[] = {0, 0}, nr4[] = {10, -1};
  E(SURV_ETIME, surv_ipd_reconstruct(t, s, 3, rt1, nr, 2, NULL, &r));
  E(SURV_ETIME, surv_ipd_reconstruct(t, s, 3, rt2, nr, 2, NULL, &r));
  E(SURV_ECOUNT, surv_ipd_reconstruct(t, s, 3, rt, nr1, 2, NULL, &r));
  E(SURV_ECOUNT, surv_ipd_reconstruct(t, s, 3, rt, nr2, 2, NULL, &r));
  E(SURV_ECOUNT, surv_ipd_reconstruct(t, s, 3, rt, nr3, 2, NULL, &r));
  E(SURV_ECOUNT, surv_ipd_reconstruct(t, s, 3, rt, nr4, 2, NULL, &r));
  /* no table and no total; total not the table's; events > patients */
  E(SURV_EINVAL, surv_ipd_reconstruct(t, s, 3, NULL, NULL, 0, NULL, &r));
  o.total = 9;
  E(SURV_EINVAL, surv_ipd_reconstruct(t, s, 3, rt, nr, 2, &o, &r));
  o.total = 2.5;
  E(SURV_ECOUNT, surv_ipd_reconstruct(t, s, 3, NULL, NULL, 0, &o, &r));
  o.total = -3;
  E(SURV_ECOUNT, surv_ipd_reconstruct(t, s, 3, NULL, NULL, 0, &o, &r));
  o.total = 1e12;
  E(SURV_ESIZE, surv_ipd_reconstruct(t, s, 3, NULL, NULL, 0, &o, &r));
  o.total = 0;
  o.events = 11;
  E(SURV_ECOUNT, surv_ipd_reconstruct(t, s, 3, rt, nr, 2, &o, &r));
  o.events = NAN;
  E(SURV_ECOUNT, surv_ipd_reconstruct(t, s, 3, rt, nr, 2, &o, &r));
  o.events = 0;
  o.flags = 0x2u;
  E(SURV_EINVAL, surv_ipd_reconstruct(t, s, 3, rt, nr, 2, &o, &r));
  o.flags = 0;
  const double mk[] = {1.5};
  o.censor_t = mk;
  o.n_censor = 1;
  E(SURV_EINVAL, surv_ipd_reconstruct(t, s, 3, rt, nr, 2, &o, &r));
  o.flags = SURV_IPD_EXACT;
  o.censor_t = NULL;
  E(SURV_ENULL, surv_ipd_reconstruct(t, s, 3, rt, nr, 2, &o, &r));
  const double mk2[] = {-1};
  o.censor_t = mk2;
  E(SURV_ETIME, surv_ipd_reconstruct(t, s, 3, rt, nr, 2, &o, &r));
  o.censor_t = mk;
  o.tol = -1;
  E(SURV_EINVAL, surv_ipd_reconstruct(t, s, 3, rt, nr, 2, &o, &r));
  o.tol = NAN;
  E(SURV_EINVAL, surv_ipd_reconstruct(t, s, 3, rt, nr, 2, &o, &r));
  o.tol = 0;
  o.size = 3;
  E(SURV_ESIZE, surv_ipd_reconstruct(t, s, 3, rt, nr, 2, &o, &r));
#undef E
}
END_TEST

/* Edge cases: one point; a curve that falls to 0; an at-risk table that
 * runs past the last point (its last row is the end count); an interval of
 * the table without points (all censoring). */
START_TEST(test_edges) {
  surv_result *r = NULL;
  surv_ipd_options o = SURV_IPD_OPTIONS_INIT;
  o.total = 3;
  const double t1[] = {0}, s1[] = {1};
  ck_assert_int_eq(surv_ipd_reconstruct(t1, s1, 1, NULL, NULL, 0, &o, &r),
                   SURV_OK);
  const double e1[] = {0, 0, 0};
  const int z[] = {0, 0, 0};
  expect_ipd(r, e1, z, 3);
  surv_result_free(r);
  /* falls to zero: 3 deaths (1 at t = 1 from 3: 2/3; 2 at t = 2) */
  const double t2[] = {0, 1, 2}, s2[] = {1, 2.0 / 3, 0};
  ck_assert_int_eq(surv_ipd_reconstruct(t2, s2, 3, NULL, NULL, 0, &o, &r),
                   SURV_OK);
  const double e2[] = {1, 2, 2};
  const int st2[] = {1, 1, 1};
  expect_ipd(r, e2, st2, 3);
  surv_result_free(r);
  /* table past the end: 10 at 0, 4 at 5 (the curve ends at 2): the first
   * guess round(10 * .5 - 4) = 1 censored at 1 (0 + 2/2)... deaths
   * round(10 * .2) = 2 at 1, round(7 * (1 - .5/.8)) = round(2.625) = 3 at 2,
   * 4 left = printed; they are at risk at 5: censored there. */
  const double t3[] = {0, 1, 2}, s3[] = {1, 0.8, 0.5};
  const double rt3[] = {0, 5}, nr3[] = {10, 4};
  ck_assert_int_eq(surv_ipd_reconstruct(t3, s3, 3, rt3, nr3, 2, NULL, &r),
                   SURV_OK);
  const double e3[] = {1, 1, 1, 2, 2, 2, 5, 5, 5, 5};
  const int st3[] = {1, 1, 0, 1, 1, 1, 0, 0, 0, 0};
  expect_ipd(r, e3, st3, 10);
  const double *cr = col(r, SURV_COL_N_RISK, 2);
  ck_assert(cr[0] == 10 && cr[1] == 4);
  surv_result_free(r);
  /* an interval without points: 10 at 0, 8 at 1, 5 at 2; points at 0, 2.5:
   * [0, 1) and [1, 2) have none: 2 and 3 censored evenly inside them */
  const double t4[] = {0, 2.5}, s4[] = {1, 0.8};
  const double rt4[] = {0, 1, 2}, nr4[] = {10, 8, 5};
  ck_assert_int_eq(surv_ipd_reconstruct(t4, s4, 2, rt4, nr4, 3, NULL, &r),
                   SURV_OK);
  const double e4[] = {1.0 / 3, 2.0 / 3, 1.25, 1.5, 1.75,
                       2.5,     2.5,     2.5,  2.5, 2.5};
  const int st4[] = {0, 0, 0, 0, 0, 1, 0, 0, 0, 0};
  expect_ipd(r, e4, st4, 10);
  surv_result_free(r);
}
END_TEST

int main(void) {
  Suite *s = suite_create("ipd");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_guyot_hand_with_table);
  tcase_add_test(tc, test_guyot_hand_no_table);
  tcase_add_test(tc, test_preprocessing);
  tcase_add_test(tc, test_exact_hand);
  tcase_add_test(tc, test_exact_simulated);
  tcase_add_test(tc, test_errors);
  tcase_add_test(tc, test_edges);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
