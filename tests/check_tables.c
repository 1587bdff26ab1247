/* Module "tables": surv_fisher_2x2, surv_chisq_test and surv_gtest against
 * R 4.2 (fixtures from tests/fixtures/make-tables-fixtures.R), the checked
 * worked examples below (R 4.2.2 values to 10 digits, the odds-ratio MLE and
 * limits solved to 1e-13; Agresti 2002, Categorical Data Analysis, 2nd ed.,
 * section 3.5), edge cases and every error path. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include <surv.h>

#include "testutil.h"
#include "tu_tables.h"

#define SENTINEL (-12345.0)
/* ---- Fisher 2 x 2 against R ------------------------------------------- */

/* Cell of fixture row i in the named column. */
static double num(const tu_table *t, size_t i, const char *col) {
  return tu_table_num(t, i, tu_table_col(t, col));
}
static const char *str(const tu_table *t, size_t i, const char *col) {
  return tu_table_str(t, i, tu_table_col(t, col));
}

START_TEST(test_fisher_fixture) {
  tu_table *t = tu_table_read("tables-fisher2x2.tsv");
  size_t i, n = tu_table_nrow(t);
  ck_assert_uint_ge(n, 360);
  for (i = 0; i < n; i++) {
    long a = (long)num(t, i, "a"), b = (long)num(t, i, "b");
    long c = (long)num(t, i, "c"), d = (long)num(t, i, "d");
    surv_alternative alt = tu_alternative(str(t, i, "alternative"));
    double level = num(t, i, "level");
    double p, est, lo, up, s;
    char ctx[128];
    snprintf(ctx, sizeof ctx, "[[%ld,%ld],[%ld,%ld]] %s %g", a, b, c, d,
             str(t, i, "alternative"), level);
    ck_assert_int_eq(
        tu_fisher_2x2(a, b, c, d, alt, level, &p, &est, &lo, &up, &s), SURV_OK);
    TU_ASSERT_REL(p, num(t, i, "p"), 1e-12, ctx);
    /* tight references (uniroot tol 1e-14 in log psi) */
    TU_ASSERT_REL(est, num(t, i, "est"), 1e-9, ctx);
    TU_ASSERT_REL(lo, num(t, i, "lower"), 1e-9, ctx);
    TU_ASSERT_REL(up, num(t, i, "upper"), 1e-9, ctx);
    /* R's own loosely solved values */
    tu_assert_r_scale(est, num(t, i, "est_r"), ctx);
    tu_assert_r_scale(lo, num(t, i, "lower_r"), ctx);
    tu_assert_r_scale(up, num(t, i, "upper_r"), ctx);
    TU_ASSERT_REL(s, num(t, i, "or_sample"), 1e-15, ctx);
  }
  tu_table_free(t);
}
END_TEST

/* R 4.2.2 fisher.test p-values (10 significant digits) with the MLE and CI
 * solved to 1e-13 in log psi; [[3,1],[1,3]] is Fisher's tea-tasting table
 * (Agresti 2002, section 3.5.2). */
static const struct {
  long a, b, c, d;
  double two, less, greater, mle, lower, upper, sample;
} ref51[] = {
    {8, 2, 1, 5, 0.03496503497, 0.9991258741, 0.02447552448, 15.46581972,
     1.008849208, 1059.639495, 20},
    {3, 1, 1, 3, 0.4857142857, 0.9857142857, 0.2428571429, 6.408319658,
     0.2117355954, 626.2435306, 9},
    {12, 5, 7, 9, 0.1663200658, 0.9727818886, 0.1136738083, 2.976780524,
     0.5992659658, 16.64737227, 3.085714286},
    {0, 5, 6, 4, 0.04395604396, 0.04195804196, 1, 0, 0, 1.278737524, 0},
    {94, 48, 3577, 16988, 2.069356341e-37, 1, 2.069356341e-37, 9.299058137,
     6.487208074, 13.48150209, 9.300577765},
    {2, 15, 10, 3, 0.0005367241191, 0.0004651809434, 0.999984519, 0.04693663905,
     0.003317163951, 0.3631896024, 0.04},
};

START_TEST(test_fisher_worked) {
  size_t i;
  for (i = 0; i < sizeof ref51 / sizeof ref51[0]; i++) {
    double p2, pl, pg, mle, lo, up, s;
    ck_assert_int_eq(tu_fisher_2x2(ref51[i].a, ref51[i].b, ref51[i].c,
                                   ref51[i].d, SURV_TWO_SIDED, 0.95, &p2, &mle,
                                   &lo, &up, &s),
                     SURV_OK);
    ck_assert_int_eq(tu_fisher_2x2(ref51[i].a, ref51[i].b, ref51[i].c,
                                   ref51[i].d, SURV_LESS, 0.95, &pl, NULL, NULL,
                                   NULL, NULL),
                     SURV_OK);
    ck_assert_int_eq(tu_fisher_2x2(ref51[i].a, ref51[i].b, ref51[i].c,
                                   ref51[i].d, SURV_GREATER, 0.95, &pg, NULL,
                                   NULL, NULL, NULL),
                     SURV_OK);
    TU_ASSERT_REL(p2, ref51[i].two, 1e-9, "5.1 two-sided");
    TU_ASSERT_REL(pl, ref51[i].less, 1e-9, "5.1 less");
    TU_ASSERT_REL(pg, ref51[i].greater, 1e-9, "5.1 greater");
    TU_ASSERT_REL(mle, ref51[i].mle, 1e-9, "5.1 MLE");
    TU_ASSERT_REL(lo, ref51[i].lower, 1e-9, "5.1 lower");
    TU_ASSERT_REL(up, ref51[i].upper, 1e-9, "5.1 upper");
    TU_ASSERT_REL(s, ref51[i].sample, 1e-9, "5.1 sample OR");
  }
}
END_TEST

/* Zero margins (R's fisher.test: a one-point support): p = 1, MLE 0, CI [0,
 * Inf], sample OR NaN; the all-zero table behaves the same (R agrees). */
START_TEST(test_fisher_degenerate) {
  static const long tabs[][4] = {{0, 0, 3, 4}, {3, 4, 0, 0}, {0, 3, 0, 4},
                                 {3, 0, 4, 0}, {0, 0, 0, 0}, {0, 0, 0, 7}};
  size_t i;
  int alt;
  for (i = 0; i < sizeof tabs / sizeof tabs[0]; i++)
    for (alt = 0; alt < 3; alt++) {
      double p, m, lo, up, s;
      ck_assert_int_eq(tu_fisher_2x2(tabs[i][0], tabs[i][1], tabs[i][2],
                                     tabs[i][3], (surv_alternative)alt, 0.9, &p,
                                     &m, &lo, &up, &s),
                       SURV_OK);
      ck_assert(p == 1.0);
      ck_assert(m == 0.0);
      ck_assert(lo == 0.0);
      ck_assert(isinf(up) && up > 0);
      ck_assert(isnan(s));
    }
}
END_TEST

/* Invariants over every 2 x 2 table with n <= 14: p in [0, 1], lower <=
 * MLE <= upper, the 90% interval inside the 95% one, one-sided intervals
 * open on the right side, and less + greater = 1 + P(X = a) >= 1. */
START_TEST(test_fisher_invariants) {
  long n, a, b, c;
  for (n = 0; n <= 14; n++)
    for (a = 0; a <= n; a++)
      for (b = 0; a + b <= n; b++)
        for (c = 0; a + b + c <= n; c++) {
          const long d = n - a - b - c;
          double p2, pl, pg, m, lo95, up95, lo90, up90, lol, upl, log_, upg;
          ck_assert_int_eq(tu_fisher_2x2(a, b, c, d, SURV_TWO_SIDED, 0.95, &p2,
                                         &m, &lo95, &up95, NULL),
                           SURV_OK);
          ck_assert_int_eq(tu_fisher_2x2(a, b, c, d, SURV_TWO_SIDED, 0.9, NULL,
                                         NULL, &lo90, &up90, NULL),
                           SURV_OK);
          ck_assert_int_eq(tu_fisher_2x2(a, b, c, d, SURV_LESS, 0.95, &pl, NULL,
                                         &lol, &upl, NULL),
                           SURV_OK);
          ck_assert_int_eq(tu_fisher_2x2(a, b, c, d, SURV_GREATER, 0.95, &pg,
                                         NULL, &log_, &upg, NULL),
                           SURV_OK);
          ck_assert(p2 >= 0.0 && p2 <= 1.0 && pl > 0.0 && pl <= 1.0 &&
                    pg > 0.0 && pg <= 1.0);
          ck_assert(pl + pg >= 1.0 - 1e-12);
          ck_assert(lo95 <= m && m <= up95);
          ck_assert(lo95 <= lo90 && up90 <= up95);
          ck_assert(lol == 0.0 && isinf(upg));
          ck_assert(upl <= up95 && log_ >= lo95);
        }
}
END_TEST

/* The odds-ratio outputs may be NULL, the test may not; a partial request
 * gives the same numbers. */
START_TEST(test_fisher_null_outputs) {
  double p, m, lo, up, s, p2 = SENTINEL, up2 = SENTINEL;
  surv_test t = {SENTINEL, SENTINEL, SENTINEL};
  ck_assert_int_eq(
      surv_fisher_2x2(8, 2, 1, 5, NULL, &t, NULL, NULL, NULL, NULL), SURV_OK);
  ck_assert(isnan(t.statistic) && isnan(t.df));
  TU_ASSERT_REL(t.p_value, 0.03496503497, 1e-9, "NULL odds-ratio outputs");
  m = SENTINEL;
  ck_assert_int_eq(
      surv_fisher_2x2(8, 2, 1, 5, NULL, NULL, &m, NULL, NULL, NULL),
      SURV_ENULL);
  ck_assert(m == SENTINEL);
  ck_assert_int_eq(
      tu_fisher_2x2(8, 2, 1, 5, SURV_TWO_SIDED, 0.95, &p, &m, &lo, &up, &s),
      SURV_OK);
  ck_assert_int_eq(tu_fisher_2x2(8, 2, 1, 5, SURV_TWO_SIDED, 0.95, &p2, NULL,
                                 NULL, &up2, NULL),
                   SURV_OK);
  ck_assert(p2 == p);
  ck_assert(up2 == up);
}
END_TEST

/* Counts near the total limit: UINT_MAX is accepted (a degenerate support
 * keeps it cheap), one more is SURV_ESIZE; a support beyond 2^27 values is
 * SURV_ELIMIT. */
START_TEST(test_fisher_limits) {
  double p = SENTINEL, m = SENTINEL;
  ck_assert_int_eq(tu_fisher_2x2((long)UINT_MAX - 1, 1, 0, 0, SURV_TWO_SIDED,
                                 0.95, &p, &m, NULL, NULL, NULL),
                   SURV_OK);
  ck_assert(p == 1.0 && m == 0.0);
  p = m = SENTINEL;
  ck_assert_int_eq(tu_fisher_2x2((long)UINT_MAX, 1, 0, 0, SURV_TWO_SIDED, 0.95,
                                 &p, &m, NULL, NULL, NULL),
                   SURV_ESIZE);
  ck_assert(p == SENTINEL && m == SENTINEL);
  /* support of 2^27 + 1 values: more than the 1 GiB cap */
  ck_assert_int_eq(tu_fisher_2x2(1L << 27, 1L << 27, 1L << 27, 1L << 27,
                                 SURV_TWO_SIDED, 0.95, &p, &m, NULL, NULL,
                                 NULL),
                   SURV_ELIMIT);
  ck_assert(p == SENTINEL && m == SENTINEL);
  ck_assert_int_eq(tu_fisher_2x2(LONG_MAX, LONG_MAX, LONG_MAX, LONG_MAX,
                                 SURV_TWO_SIDED, 0.95, &p, &m, NULL, NULL,
                                 NULL),
                   SURV_ESIZE);
  ck_assert(p == SENTINEL && m == SENTINEL);
}
END_TEST

static void fisher_expect_error(long a, long b, long c, long d, int alt,
                                double level, int code) {
  double p = SENTINEL, m = SENTINEL, lo = SENTINEL, up = SENTINEL, s = SENTINEL;
  ck_assert_int_eq(tu_fisher_2x2(a, b, c, d, (surv_alternative)alt, level, &p,
                                 &m, &lo, &up, &s),
                   code);
  ck_assert(p == SENTINEL && m == SENTINEL && lo == SENTINEL &&
            up == SENTINEL && s == SENTINEL);
}

START_TEST(test_fisher_errors) {
  fisher_expect_error(-1, 2, 3, 4, SURV_TWO_SIDED, 0.95, SURV_ECOUNT);
  fisher_expect_error(1, -2, 3, 4, SURV_LESS, 0.95, SURV_ECOUNT);
  fisher_expect_error(1, 2, -3, 4, SURV_GREATER, 0.95, SURV_ECOUNT);
  fisher_expect_error(1, 2, 3, LONG_MIN, SURV_TWO_SIDED, 0.95, SURV_ECOUNT);
  fisher_expect_error(1, 2, 3, 4, 3, 0.95, SURV_EINVAL);
  fisher_expect_error(1, 2, 3, 4, -1, 0.95, SURV_EINVAL);
  fisher_expect_error(1, 2, 3, 4, SURV_TWO_SIDED, 1.0, SURV_ELEVEL);
  fisher_expect_error(1, 2, 3, 4, SURV_LESS, -0.5, SURV_ELEVEL);
  fisher_expect_error(1, 2, 3, 4, SURV_GREATER, NAN, SURV_ELEVEL);
  fisher_expect_error(1, 2, 3, 4, SURV_GREATER, INFINITY, SURV_ELEVEL);
  fisher_expect_error(LONG_MAX / 2, LONG_MAX / 2, 3, 4, SURV_GREATER, 0.95,
                      SURV_ESIZE);
}
END_TEST

/* surv_fisher_options: NULL and a zero member mean R's defaults
 * (two-sided, 0.95; the r x c members are not read); a size smaller than a
 * size_t is SURV_ESIZE, a struct from a newer libsurv with a member we do not
 * know set is SURV_EINVAL; outputs untouched on error. */
START_TEST(test_fisher_options) {
  struct {
    surv_fisher_options o;
    double newer; /* a member a later libsurv might append */
  } big;
  surv_fisher_options o = SURV_FISHER_OPTIONS_INIT, z;
  surv_test t0, t = {SENTINEL, SENTINEL, SENTINEL};
  double lo0, up0, lo = SENTINEL, up = SENTINEL;
  ck_assert_int_eq(
      surv_fisher_2x2(8, 2, 1, 5, NULL, &t0, NULL, &lo0, &up0, NULL), SURV_OK);
  TU_ASSERT_REL(lo0, 1.008849208, 1e-9, "defaults: 95% lower");
  ck_assert(o.alternative == SURV_TWO_SIDED && o.conf_level == 0.0);
  memset(&z, 0, sizeof z);
  z.size = sizeof z;
  ck_assert_int_eq(surv_fisher_2x2(8, 2, 1, 5, &z, &t, NULL, &lo, &up, NULL),
                   SURV_OK);
  ck_assert(t.p_value == t0.p_value && lo == lo0 && up == up0);
  t.p_value = lo = up = SENTINEL;
  z.size = 4;
  ck_assert_int_eq(surv_fisher_2x2(8, 2, 1, 5, &z, &t, NULL, &lo, &up, NULL),
                   SURV_ESIZE);
  memset(&big, 0, sizeof big);
  big.o.size = sizeof big;
  big.newer = 1.0;
  ck_assert_int_eq(
      surv_fisher_2x2(8, 2, 1, 5, &big.o, &t, NULL, &lo, &up, NULL),
      SURV_EINVAL);
  ck_assert(t.p_value == SENTINEL && lo == SENTINEL && up == SENTINEL);
  big.newer = 0.0; /* the same struct with the new member absent is fine */
  ck_assert_int_eq(
      surv_fisher_2x2(8, 2, 1, 5, &big.o, &t, NULL, &lo, &up, NULL), SURV_OK);
  ck_assert(t.p_value == t0.p_value && lo == lo0 && up == up0);
}
END_TEST

/* ---- chi-square and G against R ---------------------------------------- */

/* Parses "n1,n2,..." (row-major) or "gen:K:q:q2" (see the R script) into a
 * new array of nrow * ncol counts. */
static long *parse_cells(const char *s, size_t nrow, size_t ncol) {
  long *cells = malloc(nrow * ncol * sizeof *cells);
  size_t i;
  ck_assert_ptr_nonnull(cells);
  if (strncmp(s, "gen:", 4) == 0) {
    long k, q, q2, j;
    ck_assert_int_eq(sscanf(s, "gen:%ld:%ld:%ld", &k, &q, &q2), 3);
    ck_assert_uint_eq(nrow, 2);
    ck_assert_uint_eq(ncol, (size_t)k);
    for (j = 0; j < k; j++) {
      cells[j] = j % 7 + (j % q == 0);
      cells[k + j] = (3 * j) % 5 + 1 + (q2 > 0 && j % q2 == 0);
    }
    return cells;
  }
  for (i = 0; i < nrow * ncol; i++) {
    char *end;
    cells[i] = strtol(s, &end, 10);
    ck_assert_ptr_ne(end, s);
    s = *end == ',' ? end + 1 : end;
  }
  ck_assert_int_eq(*s, '\0');
  return cells;
}

/* Expected counts in (0, 5): R's "Chi-squared approximation may be
 * incorrect" count (an empty row or column has E = 0 and is not counted). */
static size_t count_below5(const double *e, size_t n) {
  size_t k, below = 0;
  for (k = 0; k < n; k++)
    below += e[k] > 0 && e[k] < 5;
  return below;
}

START_TEST(test_chisq_fixture) {
  tu_table *t = tu_table_read("tables-chisq.tsv");
  size_t i, k, n = tu_table_nrow(t);
  ck_assert_uint_ge(n, 60);
  for (i = 0; i < n; i++) {
    size_t nr = (size_t)num(t, i, "nrow");
    size_t nc = (size_t)num(t, i, "ncol");
    long *cells = parse_cells(str(t, i, "cells"), nr, nc);
    double *e = malloc(nr * nc * sizeof *e);
    double x2, df, p, g, gdf, gp;
    const char *es = str(t, i, "expected");
    char ctx[96];
    int yates = (int)num(t, i, "yates");
    snprintf(ctx, sizeof ctx, "%s yates=%d", str(t, i, "id"), yates);
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(tu_chisq_test(cells, nr, nc, yates ? SURV_CHISQ_YATES : 0u,
                                   &x2, &df, &p, e),
                     SURV_OK);
    TU_ASSERT_REL(x2, num(t, i, "x2"), 1e-12, ctx);
    TU_ASSERT_REL(df, num(t, i, "df"), 0.0, ctx);
    TU_ASSERT_REL(p, num(t, i, "p"), 1e-10, ctx);
    ck_assert_uint_eq(count_below5(e, nr * nc), (size_t)num(t, i, "below5"));
    if (strcmp(es, "-") != 0)
      for (k = 0; k < nr * nc; k++) {
        char *end;
        double want = strtod(es, &end);
        ck_assert_ptr_ne(end, es);
        TU_ASSERT_REL(e[k], want, 1e-13, ctx);
        es = *end == ',' ? end + 1 : end;
      }
    ck_assert_int_eq(tu_gtest(cells, nr, nc, 0, &g, &gdf, &gp), SURV_OK);
    TU_ASSERT_REL(g, num(t, i, "g"), 1e-12, ctx);
    TU_ASSERT_REL(gdf, df, 0.0, ctx);
    TU_ASSERT_REL(gp, num(t, i, "g_p"), 1e-10, ctx);
    ck_assert_int_eq(
        tu_gtest(cells, nr, nc, SURV_GTEST_WILLIAMS, &g, &gdf, &gp), SURV_OK);
    TU_ASSERT_REL(g, num(t, i, "gw"), 1e-12, ctx);
    TU_ASSERT_REL(gp, num(t, i, "gw_p"), 1e-10, ctx);
    free(e);
    free(cells);
  }
  tu_table_free(t);
}
END_TEST

/* R 4.2.2 chisq.test (10 significant digits; G and Williams' G computed
 * directly in R, Williams 1976, J. Appl. Stat. 3:91-101), including the MDRT
 * table R1. */
static const long r1[] = {22, 12, 5, 4, 1, 3};
static const long t22[] = {12, 5, 7, 9};
enum { CHISQ_YATES, CHISQ_PLAIN, G_PLAIN, G_WILLIAMS };
static const struct {
  const long *tab;
  size_t nr, nc;
  int kind;
  double stat, df, p;
} ref53[] = {
    {r1, 3, 2, CHISQ_YATES, 2.417529731, 2, 0.2985658207},
    {r1, 3, 2, G_PLAIN, 2.408863116, 2, 0.2998624055},
    {r1, 3, 2, G_WILLIAMS, 2.195871175, 2, 0.3335589767},
    {t22, 2, 2, CHISQ_YATES, 1.455996379, 1, 0.2275682146},
    {t22, 2, 2, CHISQ_PLAIN, 2.430575520, 1, 0.1189892055},
    {t22, 2, 2, G_PLAIN, 2.460043008, 1, 0.1167755847},
    {t22, 2, 2, G_WILLIAMS, 2.349754890, 1, 0.1253027079},
};

START_TEST(test_chisq_worked) {
  static const double e1[] = {20.255319, 13.744681, 5.361702,
                              3.638298,  2.382979,  1.617021};
  double stat, df, p, e[6];
  size_t k;
  for (k = 0; k < sizeof ref53 / sizeof ref53[0]; k++) {
    int kind = ref53[k].kind;
    if (kind == CHISQ_YATES || kind == CHISQ_PLAIN)
      ck_assert_int_eq(
          tu_chisq_test(ref53[k].tab, ref53[k].nr, ref53[k].nc,
                        (kind == CHISQ_YATES) ? SURV_CHISQ_YATES : 0u, &stat,
                        &df, &p, NULL),
          SURV_OK);
    else
      ck_assert_int_eq(tu_gtest(ref53[k].tab, ref53[k].nr, ref53[k].nc,
                                (kind == G_WILLIAMS) ? SURV_GTEST_WILLIAMS : 0u,
                                &stat, &df, &p),
                       SURV_OK);
    TU_ASSERT_REL(stat, ref53[k].stat, 1e-9, "5.3 statistic");
    TU_ASSERT_REL(df, ref53[k].df, 0.0, "5.3 df");
    TU_ASSERT_REL(p, ref53[k].p, 1e-9, "5.3 p");
  }
  ck_assert_int_eq(
      tu_chisq_test(r1, 3, 2, SURV_CHISQ_YATES, NULL, NULL, NULL, e), SURV_OK);
  ck_assert_uint_eq(count_below5(e, 6), 3);
  for (k = 0; k < 6; k++)
    TU_ASSERT_REL(e[k], e1[k], 1e-6, "R1 expected");
}
END_TEST

/* The expected counts are optional, the test's result is not; a flag bit
 * the function does not know is SURV_EINVAL (SURV_NO_TIMEFIX included),
 * outputs untouched. */
START_TEST(test_chisq_outputs_and_flags) {
  surv_test t = {SENTINEL, SENTINEL, SENTINEL};
  double e[6] = {SENTINEL, SENTINEL, SENTINEL, SENTINEL, SENTINEL, SENTINEL};
  size_t k;
  ck_assert_int_eq(surv_chisq_test(r1, 3, 2, SURV_CHISQ_YATES, NULL, &t),
                   SURV_OK);
  TU_ASSERT_REL(t.statistic, 2.417529731, 1e-9, "chisq, expected NULL");
  ck_assert_int_eq(surv_chisq_test(r1, 3, 2, 0, e, NULL), SURV_ENULL);
  ck_assert_int_eq(surv_gtest(r1, 3, 2, 0, NULL), SURV_ENULL);
  t.statistic = t.df = t.p_value = SENTINEL;
  ck_assert_int_eq(surv_chisq_test(r1, 3, 2, SURV_GTEST_WILLIAMS << 1, e, &t),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_chisq_test(r1, 3, 2, SURV_NO_TIMEFIX, e, &t),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_gtest(r1, 3, 2, SURV_CHISQ_YATES << 1, &t),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_gtest(r1, 3, 2, SURV_NO_TIMEFIX, &t), SURV_EINVAL);
  ck_assert(t.statistic == SENTINEL && t.df == SENTINEL &&
            t.p_value == SENTINEL);
  for (k = 0; k < 6; k++)
    ck_assert(e[k] == SENTINEL);
}
END_TEST

/* One case per error class; all outputs must stay untouched. */
static void table_expect_error(const long *tab, size_t nr, size_t nc,
                               int code) {
  double x2 = SENTINEL, df = SENTINEL, p = SENTINEL, e[8];
  size_t k;
  for (k = 0; k < 8; k++)
    e[k] = SENTINEL;
  ck_assert_int_eq(tu_chisq_test(tab, nr, nc, SURV_CHISQ_YATES, &x2, &df, &p,
                                 nr * nc <= 8 ? e : NULL),
                   code);
  ck_assert(x2 == SENTINEL && df == SENTINEL && p == SENTINEL);
  for (k = 0; k < 8; k++)
    ck_assert(e[k] == SENTINEL);
  ck_assert_int_eq(tu_gtest(tab, nr, nc, SURV_GTEST_WILLIAMS, &x2, &df, &p),
                   code);
  ck_assert(x2 == SENTINEL && df == SENTINEL && p == SENTINEL);
}

START_TEST(test_table_errors) {
  static const long ok[] = {1, 2, 3, 4, 5, 6};
  static const long neg[] = {1, 2, 3, -4, 5, 6};
  static const long zero_rows[] = {0, 0, 3, 4, 0, 0};
  static const long one_col[] = {1, 0, 3, 0, 5, 0};
  static const long zeros[] = {0, 0, 0, 0};
  const long big[] = {LONG_MAX, LONG_MAX, 1, 1};
  const long over[] = {(long)UINT_MAX, 1, 1, 1};
  table_expect_error(NULL, 3, 2, SURV_ENULL);
  table_expect_error(ok, 0, 2, SURV_ESIZE);
  table_expect_error(ok, 3, 0, SURV_ESIZE);
  table_expect_error(ok, SIZE_MAX / 2, 3, SURV_ESIZE);
  table_expect_error(ok, SIZE_MAX / 16, 3, SURV_ESIZE); /* cells * 8 */
  table_expect_error(neg, 3, 2, SURV_ECOUNT);
  table_expect_error(neg, 2, 3, SURV_ECOUNT);
  table_expect_error(big, 2, 2, SURV_ESIZE);
  table_expect_error(over, 2, 2, SURV_ESIZE);
  table_expect_error(zero_rows, 3, 2, SURV_ETABLE);
  table_expect_error(one_col, 3, 2, SURV_ETABLE);
  table_expect_error(zeros, 2, 2, SURV_ETABLE);
  table_expect_error(ok, 1, 6, SURV_ETABLE);
  table_expect_error(ok, 6, 1, SURV_ETABLE);
}
END_TEST

/* The precondition chisq_upper relies on: gsl_cdf_chisq_Q never reaches
 * GSL's error handler (the tripwire would fail this test) and stays in
 * [0, 1] for integer df < 1000 and any x >= 0. */
START_TEST(test_gsl_chisq_domain) {
  int df;
  for (df = 1; df < 1000; df++) {
    double sd = sqrt(2.0 * df), z;
    for (z = -30.0; z <= 60.0; z += 0.25) {
      double x = df + z * sd, q;
      if (x < 0.0)
        x = 0.0;
      q = gsl_cdf_chisq_Q(x, (double)df);
      ck_assert(q >= 0.0 && q <= 1.0);
    }
  }
}
END_TEST

/* Counts near 2^31: [[L + 1, 1], [1, 1]] with L = 2147482999 has a
 * three-point support (a = L, L + 1, L + 2) with conditional weights
 * (L+2)(L+1)/2, 2 (L+2) psi, psi^2 (times psi^L), so the conditional MLE
 * solves psi^2 = (L+1)(L+2)/2 in closed form. R 4.2.2's fisher.test
 * reports 8192.02 here, outside its own interval (8402, 4.5e15). */
START_TEST(test_fisher_near_2_31) {
  const double L = 2147482999.0;
  double m = 0, lo = 0, up = 0;
  surv_test t;
  ck_assert_int_eq(
      surv_fisher_2x2(2147483000L, 1, 1, 1, NULL, &t, &m, &lo, &up, NULL),
      SURV_OK);
  double want = sqrt((L + 1.0) * (L + 2.0) / 2.0);
  ck_assert_msg(fabs(m - want) <= 1e-12 * want, "cmle %.17g want %.17g", m,
                want);
  ck_assert(lo < m && m < up);
}
END_TEST

int main(void) {
  Suite *s = suite_create("tables");
  TCase *tf = tcase_create("fisher2x2");
  TCase *tc = tcase_create("chisq_gtest");
  TCase *te = tcase_create("errors");
  tcase_set_timeout(tf, 60);
  tcase_set_timeout(tc, 60);
  tcase_set_timeout(te, 60);
  tcase_add_test(tf, test_fisher_fixture);
  tcase_add_test(tf, test_fisher_worked);
  tcase_add_test(tf, test_fisher_degenerate);
  tcase_add_test(tf, test_fisher_invariants);
  tcase_add_test(tf, test_fisher_null_outputs);
  tcase_add_test(tf, test_fisher_limits);
  tcase_add_test(tf, test_fisher_near_2_31);
  tcase_add_test(tc, test_chisq_fixture);
  tcase_add_test(tc, test_chisq_worked);
  tcase_add_test(tc, test_chisq_outputs_and_flags);
  tcase_add_test(tc, test_gsl_chisq_domain);
  tcase_add_test(te, test_fisher_errors);
  tcase_add_test(te, test_fisher_options);
  tcase_add_test(te, test_table_errors);
  suite_add_tcase(s, tf);
  suite_add_tcase(s, tc);
  suite_add_tcase(s, te);
  return tu_run_suite(s);
}
