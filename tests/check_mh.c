/* Module "mh": surv_mh_test against R 4.2's mantelhaen.test and vcdExtra's
 * CMHtest (fixtures from tests/fixtures/make-mh-fixtures.R), published
 * outputs for the Breslow-Day and Tarone tests and the CMH statistics (SAS
 * PROC FREQ's, R package lumen's; asserted to their printed precision), identities between the tests,
 * edge cases and every error path. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "testutil.h"

static double num(const tu_table *t, size_t i, const char *col) {
  return tu_table_num(t, i, tu_table_col(t, col));
}
static const char *str(const tu_table *t, size_t i, const char *col) {
  return tu_table_str(t, i, tu_table_col(t, col));
}

/* The space-separated counts of a fixture row into a fresh array. */
static long *parse_counts(const char *s, size_t *n) {
  size_t cap = 16, len = 0;
  long *v = malloc(cap * sizeof *v);
  char *end;
  ck_assert_ptr_nonnull(v);
  for (;;) {
    long x = strtol(s, &end, 10);
    if (end == s)
      break;
    if (len == cap) {
      cap *= 2;
      v = realloc(v, cap * sizeof *v);
      ck_assert_ptr_nonnull(v);
    }
    v[len++] = x;
    s = end;
  }
  *n = len;
  return v;
}

static surv_test get_test(const surv_result *r, surv_test_kind k) {
  surv_test t;
  ck_assert_int_eq(surv_result_test(r, k, &t), SURV_OK);
  return t;
}
static double get_stat(const surv_result *r, surv_stat k) {
  double v;
  ck_assert_int_eq(surv_result_stat(r, k, &v), SURV_OK);
  return v;
}

static void assert_test(const surv_test *got, double stat, double p,
                        double rtol, const char *ctx) {
  TU_ASSERT_REL(got->statistic, stat, rtol, ctx);
  TU_ASSERT_REL(got->p_value, p, rtol, ctx);
}

static int run(const long *v, size_t nrow, size_t ncol, size_t k,
               surv_alternative alt, double level, unsigned flags,
               surv_result **out) {
  surv_mh_options o = SURV_MH_OPTIONS_INIT;
  o.alternative = alt;
  o.conf_level = level;
  o.flags = flags;
  return surv_mh_test(v, nrow, ncol, k, &o, out);
}

/* ---- 2 x 2 x K against R ------------------------------------------------ */

START_TEST(test_2x2xk_fixture) {
  tu_table *t = tu_table_read("mh-2x2xk.tsv");
  size_t i, n = tu_table_nrow(t);
  ck_assert_uint_ge(n, 100);
  for (i = 0; i < n; i++) {
    size_t len, k = (size_t)num(t, i, "k");
    long *v = parse_counts(str(t, i, "counts"), &len);
    const surv_alternative alt = tu_alternative(str(t, i, "alternative"));
    const double level = num(t, i, "level");
    surv_result *r = NULL;
    surv_test main, mh, nc, ex, g;
    char ctx[160];
    snprintf(ctx, sizeof ctx, "%s %s %g", str(t, i, "name"),
             str(t, i, "alternative"), level);
    ck_assert_uint_eq(len, 4 * k);
    /* R's defaults: corrected */
    ck_assert_int_eq(run(v, 2, 2, k, alt, level, 0, &r), SURV_OK);
    main = get_test(r, SURV_TEST_MAIN);
    mh = get_test(r, SURV_TEST_MH);
    nc = get_test(r, SURV_TEST_MH_NO_CORRECT);
    assert_test(&main, num(t, i, "mh_chisq"), num(t, i, "mh_p"), 1e-10, ctx);
    assert_test(&mh, num(t, i, "mh_chisq"), num(t, i, "mh_p"), 1e-10, ctx);
    ck_assert(mh.df == 1.0 && nc.df == 1.0);
    assert_test(&nc, num(t, i, "mh_chisq_nocc"), num(t, i, "mh_p_nocc"), 1e-10,
                ctx);
    TU_ASSERT_REL(get_stat(r, SURV_STAT_ODDS_RATIO), num(t, i, "mh_or"), 1e-10,
                  ctx);
    TU_ASSERT_REL(get_stat(r, SURV_STAT_ODDS_RATIO_LOWER),
                  num(t, i, "mh_or_lower"), 1e-10, ctx);
    TU_ASSERT_REL(get_stat(r, SURV_STAT_ODDS_RATIO_UPPER),
                  num(t, i, "mh_or_upper"), 1e-10, ctx);
    TU_ASSERT_REL(get_stat(r, SURV_STAT_CONF_LEVEL), level, 0.0, ctx);
    TU_ASSERT_REL(get_stat(r, SURV_STAT_N_STRATA), (double)k, 0.0, ctx);
    /* SAS's three (vcdExtra), two-sided whatever the alternative */
    g = get_test(r, SURV_TEST_CMH_CORRELATION);
    assert_test(&g, num(t, i, "cor"), num(t, i, "cor_p"), 1e-10, ctx);
    g = get_test(r, SURV_TEST_CMH_ROW_MEANS);
    assert_test(&g, num(t, i, "rmeans"), num(t, i, "rmeans_p"), 1e-10, ctx);
    g = get_test(r, SURV_TEST_CMH_GENERAL);
    assert_test(&g, num(t, i, "general"), num(t, i, "general_p"), 1e-10, ctx);
    ck_assert_int_eq(surv_result_test(r, SURV_TEST_EXACT, &ex), SURV_EINVAL);
    surv_result_free(r);
    /* correct = FALSE */
    ck_assert_int_eq(run(v, 2, 2, k, alt, level, SURV_MH_NO_CORRECT, &r),
                     SURV_OK);
    main = get_test(r, SURV_TEST_MAIN);
    assert_test(&main, num(t, i, "mh_chisq_nocc"), num(t, i, "mh_p_nocc"),
                1e-10, ctx);
    surv_result_free(r);
    /* exact = TRUE */
    ck_assert_int_eq(run(v, 2, 2, k, alt, level, SURV_MH_EXACT, &r), SURV_OK);
    main = get_test(r, SURV_TEST_MAIN);
    ex = get_test(r, SURV_TEST_EXACT);
    TU_ASSERT_REL(ex.statistic, num(t, i, "exact_s"), 0.0, ctx);
    ck_assert(isnan(ex.df));
    TU_ASSERT_REL(ex.p_value, num(t, i, "exact_p"), 1e-10, ctx);
    TU_ASSERT_REL(main.p_value, ex.p_value, 0.0, ctx);
    TU_ASSERT_REL(get_stat(r, SURV_STAT_CMLE_ODDS_RATIO), num(t, i, "exact_or"),
                  1e-10, ctx);
    TU_ASSERT_REL(get_stat(r, SURV_STAT_CMLE_LOWER), num(t, i, "exact_lower"),
                  1e-10, ctx);
    TU_ASSERT_REL(get_stat(r, SURV_STAT_CMLE_UPPER), num(t, i, "exact_upper"),
                  1e-10, ctx);
    tu_assert_r_scale(get_stat(r, SURV_STAT_CMLE_ODDS_RATIO),
                      num(t, i, "exact_or_r"), ctx);
    tu_assert_r_scale(get_stat(r, SURV_STAT_CMLE_LOWER),
                      num(t, i, "exact_lower_r"), ctx);
    tu_assert_r_scale(get_stat(r, SURV_STAT_CMLE_UPPER),
                      num(t, i, "exact_upper_r"), ctx);
    /* the uncorrected MH chi-square is still there, and equals SAS's
     * general association for a 2 x 2 x K table */
    nc = get_test(r, SURV_TEST_MH_NO_CORRECT);
    g = get_test(r, SURV_TEST_CMH_GENERAL);
    if (alt == SURV_TWO_SIDED)
      assert_test(&g, nc.statistic, nc.p_value, 1e-10, ctx);
    surv_result_free(r);
    free(v);
  }
  tu_table_free(t);
}
END_TEST

/* ---- I x J x K against R ---------------------------------------------- */

START_TEST(test_ijk_fixture) {
  tu_table *t = tu_table_read("mh-ijk.tsv");
  size_t i, n = tu_table_nrow(t);
  ck_assert_uint_ge(n, 9);
  for (i = 0; i < n; i++) {
    const size_t nr = (size_t)num(t, i, "nrow"), nc = (size_t)num(t, i, "ncol");
    const size_t k = (size_t)num(t, i, "k");
    size_t len;
    long *v = parse_counts(str(t, i, "counts"), &len);
    surv_result *r = NULL;
    surv_test g;
    const char *ctx = str(t, i, "name");
    ck_assert_uint_eq(len, nr * nc * k);
    ck_assert_int_eq(surv_mh_test(v, nr, nc, k, NULL, &r), SURV_OK);
    g = get_test(r, SURV_TEST_MAIN);
    assert_test(&g, num(t, i, "statistic"), num(t, i, "p"), 1e-10, ctx);
    TU_ASSERT_REL(g.df, num(t, i, "df"), 0.0, ctx);
    g = get_test(r, SURV_TEST_CMH_GENERAL);
    assert_test(&g, num(t, i, "general"), num(t, i, "general_p"), 1e-10, ctx);
    TU_ASSERT_REL(g.df, num(t, i, "general_df"), 0.0, ctx);
    g = get_test(r, SURV_TEST_CMH_ROW_MEANS);
    assert_test(&g, num(t, i, "rmeans"), num(t, i, "rmeans_p"), 1e-10, ctx);
    TU_ASSERT_REL(g.df, num(t, i, "rmeans_df"), 0.0, ctx);
    g = get_test(r, SURV_TEST_CMH_CORRELATION);
    assert_test(&g, num(t, i, "cor"), num(t, i, "cor_p"), 1e-10, ctx);
    TU_ASSERT_REL(g.df, num(t, i, "cor_df"), 0.0, ctx);
    /* no 2 x 2 items on a larger table */
    ck_assert_int_eq(surv_result_test(r, SURV_TEST_MH, &g), SURV_EINVAL);
    ck_assert_int_eq(surv_result_test(r, SURV_TEST_BRESLOW_DAY, &g),
                     SURV_EINVAL);
    surv_result_free(r);
    free(v);
  }
  tu_table_free(t);
}
END_TEST

/* ---- SAS's published outputs -------------------------------------------- */

/* |got - want| within half a unit of the last printed digit. */
static void assert_printed(double got, double want, double unit,
                           const char *ctx) {
  ck_assert_msg(fabs(got - want) <= 0.5 * unit + 1e-12,
                "%s: got %.10g, printed %.*f", ctx, got, 6, want);
}

/* SAS/STAT User's Guide, The FREQ Procedure, Example "Cochran-Mantel-
 * Haenszel Statistics" (Migraine data, Output "Cochran-Mantel-Haenszel
 * Statistics (Based on Table Scores)"): nonzero correlation, row mean
 * scores and general association 8.3052 on 1 df, p 0.0040. */
START_TEST(test_sas_migraine) {
  static const long v[] = {16, 11, 5, 20, 12, 16, 7, 19};
  surv_result *r = NULL;
  surv_test_kind k[3] = {SURV_TEST_CMH_CORRELATION, SURV_TEST_CMH_ROW_MEANS,
                         SURV_TEST_CMH_GENERAL};
  size_t i;
  surv_test t;
  ck_assert_int_eq(surv_mh_test(v, 2, 2, 2, NULL, &r), SURV_OK);
  for (i = 0; i < 3; i++) {
    t = get_test(r, k[i]);
    assert_printed(t.statistic, 8.3052, 1e-4, "migraine CMH");
    assert_printed(t.p_value, 0.0040, 1e-4, "migraine CMH p");
    ck_assert(t.df == 1.0);
  }
  /* The same data in the example of breslowDayTest of A. Signorell's R
   * package lumen (its reference page, "Breslow-Day Test for Comparing Odds
   * Ratios Across Strata"): X-squared = 1.4929, df = 1, p-value = 0.2218;
   * Tarone corrected 1.4905, p-value = 0.2221. */
  t = get_test(r, SURV_TEST_BRESLOW_DAY);
  assert_printed(t.statistic, 1.4929, 1e-4, "migraine Breslow-Day");
  assert_printed(t.p_value, 0.2218, 1e-4, "migraine Breslow-Day p");
  ck_assert(t.df == 1.0);
  t = get_test(r, SURV_TEST_TARONE);
  assert_printed(t.statistic, 1.4905, 1e-4, "migraine Tarone");
  assert_printed(t.p_value, 0.2221, 1e-4, "migraine Tarone p");
  surv_result_free(r);
}
END_TEST

/* SAS PROC FREQ CMH output for the Chinese smoking and lung cancer data of
 * Agresti (2002, Table 6.9), eight cities (Stanford ED257 course handout
 * "SAS file for CMH analysis of Chinese smoking data in Table 3.3"):
 * CMH 280.138 on 1 df, Mantel-Haenszel odds ratio 2.174, Breslow-Day
 * chi-square 5.200 on 7 df, p 0.636. */
START_TEST(test_sas_china) {
  static const long v[] = {126, 100, 35,  61, 908, 688, 497, 807, 913, 747, 336,
                           598, 235, 172, 58, 121, 402, 308, 121, 215, 182, 156,
                           72,  98,  60,  99, 11,  43,  104, 89,  21,  36};
  surv_result *r = NULL;
  surv_test t;
  ck_assert_int_eq(surv_mh_test(v, 2, 2, 8, NULL, &r), SURV_OK);
  t = get_test(r, SURV_TEST_CMH_GENERAL);
  assert_printed(t.statistic, 280.138, 1e-3, "china CMH");
  t = get_test(r, SURV_TEST_MH_NO_CORRECT);
  assert_printed(t.statistic, 280.138, 1e-3, "china MH uncorrected");
  assert_printed(get_stat(r, SURV_STAT_ODDS_RATIO), 2.174, 1e-3, "china OR");
  t = get_test(r, SURV_TEST_BRESLOW_DAY);
  assert_printed(t.statistic, 5.200, 1e-3, "china Breslow-Day");
  ck_assert(t.df == 7.0);
  assert_printed(t.p_value, 0.636, 1e-3, "china Breslow-Day p");
  /* Tarone's correction only lowers the statistic */
  {
    surv_test ta = get_test(r, SURV_TEST_TARONE);
    ck_assert(ta.statistic <= t.statistic && ta.statistic >= 0.0);
    ck_assert(ta.df == 7.0);
  }
  surv_result_free(r);
}
END_TEST

/* ---- properties ---------------------------------------------------------- */

/* Breslow-Day at a common odds ratio: strata that are multiples of one
 * table have the same odds ratio, the Mantel-Haenszel estimate is it, every
 * expected count equals the observed one and BD = Tarone = 0, p = 1. */
START_TEST(test_bd_homogeneous) {
  static const long v[] = {6, 4, 3, 9, 12, 8, 6, 18, 18, 12, 9, 27};
  surv_result *r = NULL;
  surv_test t;
  ck_assert_int_eq(surv_mh_test(v, 2, 2, 3, NULL, &r), SURV_OK);
  TU_ASSERT_REL(get_stat(r, SURV_STAT_ODDS_RATIO), 54.0 / 12.0, 1e-14, "or");
  t = get_test(r, SURV_TEST_BRESLOW_DAY);
  ck_assert_msg(fabs(t.statistic) < 1e-20, "BD %.17g", t.statistic);
  TU_ASSERT_REL(t.p_value, 1.0, 1e-14, "BD p");
  t = get_test(r, SURV_TEST_TARONE);
  ck_assert_msg(fabs(t.statistic) < 1e-20, "Tarone %.17g", t.statistic);
  surv_result_free(r);
}
END_TEST

/* A zero-odds-ratio or undefined estimate: Breslow-Day NaN (R would give
 * NA: no estimate to test at). */
START_TEST(test_bd_undefined) {
  static const long v[] = {0, 3, 4, 0, 0, 2, 2, 0};
  surv_result *r = NULL;
  surv_test t;
  ck_assert_int_eq(surv_mh_test(v, 2, 2, 2, NULL, &r), SURV_OK);
  ck_assert(get_stat(r, SURV_STAT_ODDS_RATIO) == 0.0);
  t = get_test(r, SURV_TEST_BRESLOW_DAY);
  ck_assert(isnan(t.statistic) && isnan(t.p_value) && t.df == 1.0);
  surv_result_free(r);
}
END_TEST

/* The exact test of one stratum per 2 x 2 table... of two strata where one
 * is degenerate equals Fisher's test of the other (the convolution with a
 * point mass shifts the support). */
START_TEST(test_exact_vs_fisher) {
  static const long v[] = {8, 2, 1, 5, 3, 0, 0, 0};
  surv_mh_options o = SURV_MH_OPTIONS_INIT;
  surv_fisher_options fo = SURV_FISHER_OPTIONS_INIT;
  surv_alternative alts[3] = {SURV_TWO_SIDED, SURV_LESS, SURV_GREATER};
  size_t a;
  for (a = 0; a < 3; a++) {
    surv_result *r = NULL;
    surv_test ft, ex;
    double est, lo, up;
    o.flags = SURV_MH_EXACT;
    o.alternative = alts[a];
    fo.alternative = alts[a];
    ck_assert_int_eq(surv_mh_test(v, 2, 2, 2, &o, &r), SURV_OK);
    ck_assert_int_eq(
        surv_fisher_2x2(8, 2, 1, 5, &fo, &ft, &est, &lo, &up, NULL), SURV_OK);
    ex = get_test(r, SURV_TEST_EXACT);
    TU_ASSERT_REL(ex.p_value, ft.p_value, 1e-13, "p");
    TU_ASSERT_REL(get_stat(r, SURV_STAT_CMLE_ODDS_RATIO), est, 1e-12, "cmle");
    TU_ASSERT_REL(get_stat(r, SURV_STAT_CMLE_LOWER), lo, 1e-12, "lower");
    TU_ASSERT_REL(get_stat(r, SURV_STAT_CMLE_UPPER), up, 1e-12, "upper");
    ck_assert(ex.statistic == 11.0);
    surv_result_free(r);
  }
}
END_TEST

/* Far tails: three strata [[100, 0], [0, 100]] put S at the top of its
 * support, P(S >= s) = C(200, 100)^-3 (about 1.3e-177), kept to full
 * relative precision by the log-space convolution; P(S <= s) = 1. */
START_TEST(test_exact_far_tail) {
  long v[12];
  surv_mh_options o = SURV_MH_OPTIONS_INIT;
  surv_result *r = NULL;
  double pl, pg;
  const double want = exp(-3.0 * (lgamma(201.0) - 2.0 * lgamma(101.0)));
  size_t s;
  for (s = 0; s < 3; s++) {
    v[4 * s] = 100;
    v[4 * s + 1] = 0;
    v[4 * s + 2] = 0;
    v[4 * s + 3] = 100;
  }
  o.flags = SURV_MH_EXACT;
  o.alternative = SURV_LESS;
  ck_assert_int_eq(surv_mh_test(v, 2, 2, 3, &o, &r), SURV_OK);
  pl = get_test(r, SURV_TEST_EXACT).p_value;
  ck_assert(get_stat(r, SURV_STAT_CMLE_ODDS_RATIO) == HUGE_VAL);
  ck_assert(get_stat(r, SURV_STAT_CMLE_UPPER) == HUGE_VAL);
  surv_result_free(r);
  o.alternative = SURV_GREATER;
  ck_assert_int_eq(surv_mh_test(v, 2, 2, 3, &o, &r), SURV_OK);
  pg = get_test(r, SURV_TEST_EXACT).p_value;
  surv_result_free(r);
  TU_ASSERT_REL(pl, 1.0, 1e-15, "less");
  TU_ASSERT_REL(pg, want, 1e-10, "greater");
}
END_TEST

/* All-zero margins: every stratum has an empty row, the variance is 0:
 * R's X-squared NaN for DELTA = 0 (0/0), p NaN. */
START_TEST(test_zero_variance) {
  static const long v[] = {2, 3, 0, 0, 0, 0, 4, 1};
  surv_result *r = NULL;
  surv_test t;
  ck_assert_int_eq(surv_mh_test(v, 2, 2, 2, NULL, &r), SURV_OK);
  t = get_test(r, SURV_TEST_MH_NO_CORRECT);
  ck_assert(isnan(t.statistic) && isnan(t.p_value));
  t = get_test(r, SURV_TEST_CMH_GENERAL); /* singular: R stops; NaN here */
  ck_assert(isnan(t.statistic) && isnan(t.p_value));
  surv_result_free(r);
}
END_TEST

/* ---- errors ------------------------------------------------------------ */

START_TEST(test_errors) {
  static const long ok[] = {1, 2, 3, 4, 5, 6, 7, 8};
  long bad[8];
  surv_result *r = (surv_result *)&r, *const sentinel = r;
  surv_mh_options o = SURV_MH_OPTIONS_INIT;
  ck_assert_int_eq(surv_mh_test(NULL, 2, 2, 2, NULL, &r), SURV_ENULL);
  ck_assert_int_eq(surv_mh_test(ok, 2, 2, 2, NULL, NULL), SURV_ENULL);
  ck_assert_int_eq(surv_mh_test(ok, 1, 4, 2, NULL, &r), SURV_ESIZE);
  ck_assert_int_eq(surv_mh_test(ok, 4, 1, 2, NULL, &r), SURV_ESIZE);
  ck_assert_int_eq(surv_mh_test(ok, 2, 2, 1, NULL, &r), SURV_ESIZE);
  ck_assert_int_eq(surv_mh_test(ok, 2, 2, 0, NULL, &r), SURV_ESIZE);
  ck_assert_int_eq(surv_mh_test(ok, (size_t)1 << 62, 4, 2, NULL, &r),
                   SURV_ESIZE);
  memcpy(bad, ok, sizeof bad);
  bad[5] = -1;
  ck_assert_int_eq(surv_mh_test(bad, 2, 2, 2, NULL, &r), SURV_ECOUNT);
  memcpy(bad, ok, sizeof bad);
  bad[4] = bad[5] = bad[6] = 0;
  bad[7] = 1; /* a stratum of one observation: R stops */
  ck_assert_int_eq(surv_mh_test(bad, 2, 2, 2, NULL, &r), SURV_ETABLE);
  bad[7] = 0;
  ck_assert_int_eq(surv_mh_test(bad, 2, 2, 2, NULL, &r), SURV_ETABLE);
  memcpy(bad, ok, sizeof bad);
  bad[0] = 4294967295L;
  ck_assert_int_eq(surv_mh_test(bad, 2, 2, 2, NULL, &r), SURV_ESIZE);
  o.flags = 0x1u;
  ck_assert_int_eq(surv_mh_test(ok, 2, 2, 2, &o, &r), SURV_EINVAL);
  o.flags = 0;
  o.alternative = (surv_alternative)3;
  ck_assert_int_eq(surv_mh_test(ok, 2, 2, 2, &o, &r), SURV_EINVAL);
  o.alternative = SURV_TWO_SIDED;
  o.conf_level = 1.0;
  ck_assert_int_eq(surv_mh_test(ok, 2, 2, 2, &o, &r), SURV_ELEVEL);
  o.conf_level = -0.5;
  ck_assert_int_eq(surv_mh_test(ok, 2, 2, 2, &o, &r), SURV_ELEVEL);
  o.conf_level = NAN;
  ck_assert_int_eq(surv_mh_test(ok, 2, 2, 2, &o, &r), SURV_ELEVEL);
  o.conf_level = 0.0;
  o.size = 3;
  ck_assert_int_eq(surv_mh_test(ok, 2, 2, 2, &o, &r), SURV_ESIZE);
  o.size = sizeof o;
  /* exact, an alternative or no correction on a larger table: R has none */
  {
    static const long t3[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3};
    o.flags = SURV_MH_EXACT;
    ck_assert_int_eq(surv_mh_test(t3, 3, 2, 2, &o, &r), SURV_EINVAL);
    o.flags = SURV_MH_NO_CORRECT;
    ck_assert_int_eq(surv_mh_test(t3, 3, 2, 2, &o, &r), SURV_EINVAL);
    o.flags = 0;
    o.alternative = SURV_LESS;
    ck_assert_int_eq(surv_mh_test(t3, 3, 2, 2, &o, &r), SURV_EINVAL);
  }
  ck_assert_ptr_eq(r, sentinel);
}
END_TEST

int main(void) {
  Suite *s = suite_create("mh");
  TCase *tr = tcase_create("r");
  TCase *tp = tcase_create("published");
  TCase *te = tcase_create("edges");
  tcase_set_timeout(tr, 120);
  tcase_set_timeout(tp, 60);
  tcase_set_timeout(te, 60);
  tcase_add_test(tr, test_2x2xk_fixture);
  tcase_add_test(tr, test_ijk_fixture);
  tcase_add_test(tp, test_sas_migraine);
  tcase_add_test(tp, test_sas_china);
  tcase_add_test(te, test_bd_homogeneous);
  tcase_add_test(te, test_bd_undefined);
  tcase_add_test(te, test_exact_vs_fisher);
  tcase_add_test(te, test_exact_far_tail);
  tcase_add_test(te, test_zero_variance);
  tcase_add_test(te, test_errors);
  suite_add_tcase(s, tr);
  suite_add_tcase(s, tp);
  suite_add_tcase(s, te);
  return tu_run_suite(s);
}
