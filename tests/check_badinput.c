/* The library rows of the bad-input catalogue, libsurv-errors(7): each class
 * of bad input gets its exact code, and every output argument still holds
 * its sentinel afterwards. Test names follow the rows of the page. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>
#include <surv/cif.h>
#include <surv/km.h>
#include <surv/logrank.h>
#include <surv/prop.h>
#include <surv/rxc.h>
#include <surv/tables.h>

#include "robust-util.h"
#include "testutil.h"
#include "tu_tables.h"

#define S RU_SENTINEL

START_TEST(row_unknown_code_text) {
  ck_assert_str_eq(surv_errname(SURV_ETIME), "SURV_ETIME");
}
END_TEST

static const double t5[5] = {1, 2, 3, 4, 5};
static const int s5[5] = {1, 0, 1, 1, 0};

/* Fit with one time, status or weight replaced; expect `want`. */
static void km_bad(double t, int st, double w, int want) {
  double tt[5], ww[5];
  int ss[5];
  surv_result *marker = (surv_result *)&marker, *km = marker;
  int i, rc;
  for (i = 0; i < 5; i++) {
    tt[i] = t5[i];
    ss[i] = s5[i];
    ww[i] = 1;
  }
  tt[2] = t;
  ss[3] = st;
  ww[4] = w;
  rc = tu_km_fit(tt, ss, ww, NULL, 5, 0, &km);
  ck_assert_msg(rc == want, "time %g status %d weight %g: got %s, want %s", t,
                st, w, surv_errname(rc), surv_errname(want));
  if (want == SURV_OK) {
    surv_result_free(km);
    km = marker;
  } else
    ck_assert_msg(km == marker, "*out written on error");
  {
    static const int grp[5] = {1, 1, 1, 1, 1};
    rc = tu_km_fit(tt, ss, ww, grp, 5, 0, &km);
    ck_assert_msg(rc == want, "stratum: got %s, want %s", surv_errname(rc),
                  surv_errname(want));
    if (want == SURV_OK)
      surv_result_free(km);
    else
      ck_assert(km == marker);
  }
}

static surv_result *good_fit(void) {
  surv_result *km = NULL;
  ck_assert_int_eq(tu_km_fit(t5, s5, NULL, NULL, 5, 0, &km), SURV_OK);
  return km;
}

START_TEST(row_null_pointers_km) {
  surv_result *marker = (surv_result *)&marker, *km = marker, *fit;
  double lo[8], hi[8], at = 1, p = 0.5, e[1];
  ck_assert_int_eq(tu_km_fit(NULL, s5, NULL, NULL, 5, 0, &km), SURV_ENULL);
  ck_assert_int_eq(tu_km_fit(t5, NULL, NULL, NULL, 5, 0, &km), SURV_ENULL);
  ck_assert_int_eq(tu_km_fit(t5, s5, NULL, NULL, 5, 0, NULL), SURV_ENULL);
  ck_assert(km == marker);
  fit = good_fit();
  ru_fill(lo, 8);
  ru_fill(hi, 8);
  ck_assert_int_eq(surv_curve_ci(NULL, SURV_CI_LOG, 0.95, lo, hi, 8),
                   SURV_ENULL);
  ck_assert_int_eq(surv_curve_ci(fit, SURV_CI_LOG, 0.95, NULL, hi, 8),
                   SURV_ENULL);
  ck_assert_int_eq(surv_curve_ci(fit, SURV_CI_LOG, 0.95, lo, NULL, 8),
                   SURV_ENULL);
  ck_assert(ru_untouched(lo, 8) && ru_untouched(hi, 8));
  ck_assert_int_eq(surv_curve_at(NULL, &at, 1, SURV_CI_LOG, 0.95, lo, NULL,
                                 NULL, NULL, NULL, 1),
                   SURV_ENULL);
  ck_assert_int_eq(surv_curve_at(fit, NULL, 1, SURV_CI_LOG, 0.95, lo, NULL,
                                 NULL, NULL, NULL, 1),
                   SURV_ENULL);
  ck_assert(ru_untouched(lo, 8));
  ru_fill(e, 1);
  ck_assert_int_eq(
      surv_curve_quantile(NULL, &p, 1, SURV_CI_LOG, 0.95, e, NULL, NULL, 1),
      SURV_ENULL);
  ck_assert_int_eq(
      surv_curve_quantile(fit, NULL, 1, SURV_CI_LOG, 0.95, e, NULL, NULL, 1),
      SURV_ENULL);
  ck_assert(ru_untouched(e, 1));
  /* The reader and the destructor take NULL. */
  {
    size_t len = 7;
    ck_assert_ptr_null(surv_result_column(NULL, SURV_COL_SURV, &len));
    ck_assert_uint_eq(len, 0);
  }
  surv_result_free(NULL);
  surv_result_free(fit);
}
END_TEST

START_TEST(row_n_zero_km) {
  surv_result *marker = (surv_result *)&marker, *km = marker;
  ck_assert_int_eq(tu_km_fit(t5, s5, NULL, NULL, 0, 0, &km), SURV_ESIZE);
  ck_assert(km == marker);
}
END_TEST

START_TEST(row_nan_inf_negative_time) {
  km_bad(NAN, 1, 1, SURV_ETIME);
  km_bad(INFINITY, 1, 1, SURV_ETIME);
  km_bad(-INFINITY, 1, 1, SURV_ETIME);
  km_bad(-1, 1, 1, SURV_ETIME);
  km_bad(-DBL_MIN, 1, 1, SURV_ETIME);
}
END_TEST

START_TEST(row_huge_time_is_valid) {
  surv_result *km = NULL;
  static const double t[3] = {1, DBL_MAX, 1e308};
  static const int s[3] = {1, 1, 0};
  ck_assert_int_eq(tu_km_fit(t, s, NULL, NULL, 3, 0, &km), SURV_OK);
  ck_assert_uint_eq(tu_rows(km), 3);
  surv_result_free(km);
  km_bad(-0.0, 1, 1, SURV_OK); /* -0 is zero, not negative */
}
END_TEST

START_TEST(row_status_not_0_1) {
  km_bad(3, 2, 1, SURV_ESTATUS);
  km_bad(3, -1, 1, SURV_ESTATUS);
  km_bad(3, INT_MAX, 1, SURV_ESTATUS);
}
END_TEST

START_TEST(row_bad_weight) {
  km_bad(3, 1, -1, SURV_EWEIGHT);
  km_bad(3, 1, NAN, SURV_EWEIGHT);
  km_bad(3, 1, INFINITY, SURV_EWEIGHT);
  km_bad(3, 1, -DBL_MIN, SURV_EWEIGHT);
}
END_TEST

START_TEST(row_conf_level_km) {
  static const double bad[] = {0, 1, NAN, -0.5, 1.5, INFINITY, 1 - 1e-17};
  surv_result *km = good_fit();
  double lo[8], hi[8], at = 2, s1[1], p = 0.5, e[1], ql[1], qu[1];
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    ru_fill(lo, 8);
    ru_fill(hi, 8);
    ru_fill(s1, 1);
    ru_fill(e, 1);
    ru_fill(ql, 1);
    ru_fill(qu, 1);
    ck_assert_int_eq(surv_curve_ci(km, SURV_CI_LOG, bad[i], lo, hi, 8),
                     SURV_ELEVEL);
    ck_assert_int_eq(surv_curve_at(km, &at, 1, SURV_CI_LOG, bad[i], s1, NULL,
                                   lo, hi, NULL, 1),
                     SURV_ELEVEL);
    ck_assert_int_eq(
        surv_curve_quantile(km, &p, 1, SURV_CI_LOG, bad[i], e, ql, qu, 1),
        SURV_ELEVEL);
    ck_assert(ru_untouched(lo, 8) && ru_untouched(hi, 8) &&
              ru_untouched(s1, 1) && ru_untouched(e, 1) &&
              ru_untouched(ql, 1) && ru_untouched(qu, 1));
  }
  surv_result_free(km);
}
END_TEST

START_TEST(row_quantile_p_outside_0_1) {
  static const double bad[] = {0, 1, NAN, -0.1, 1.1, INFINITY, -INFINITY};
  surv_result *km = good_fit();
  double p[2] = {0.5, 0}, e[2], ql[2], qu[2];
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    p[1] = bad[i];
    ru_fill(e, 2);
    ru_fill(ql, 2);
    ru_fill(qu, 2);
    ck_assert_int_eq(
        surv_curve_quantile(km, p, 2, SURV_CI_LOG, 0.95, e, ql, qu, 2),
        SURV_EPROB);
    ck_assert(ru_untouched(e, 2) && ru_untouched(ql, 2) && ru_untouched(qu, 2));
  }
  surv_result_free(km);
}
END_TEST

START_TEST(row_eval_time_bad) {
  static const double bad[] = {NAN, INFINITY, -1};
  surv_result *km = good_fit();
  double at[2] = {1, 0}, sv[2];
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    at[1] = bad[i];
    ru_fill(sv, 2);
    ck_assert_int_eq(surv_curve_at(km, at, 2, SURV_CI_LOG, 0.95, sv, NULL, NULL,
                                   NULL, NULL, 2),
                     SURV_ETIME);
    ck_assert(ru_untouched(sv, 2));
  }
  surv_result_free(km);
}
END_TEST

START_TEST(row_bad_enum_km) {
  surv_result *marker = (surv_result *)&marker, *km = marker, *fit = good_fit();
  double lo[8], hi[8];
  ck_assert_int_eq(tu_km_fit(t5, s5, NULL, NULL, 5, 0x80u, &km), SURV_EINVAL);
  ck_assert(km == marker);
  ru_fill(lo, 8);
  ru_fill(hi, 8);
  ck_assert_int_eq(surv_curve_ci(fit, (surv_ci_type)5, 0.95, lo, hi, 8),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_curve_ci(fit, (surv_ci_type)-1, 0.95, lo, hi, 8),
                   SURV_EINVAL);
  ck_assert(ru_untouched(lo, 8) && ru_untouched(hi, 8));
  surv_result_free(fit);
}
END_TEST

START_TEST(row_short_buffer) {
  surv_result *km = good_fit();
  double lo[8], hi[8];
  ru_fill(lo, 8);
  ru_fill(hi, 8);
  ck_assert_int_eq(
      surv_curve_ci(km, SURV_CI_LOG, 0.95, lo, hi, tu_rows(km) - 1),
      SURV_ESIZE);
  ck_assert(ru_untouched(lo, 8) && ru_untouched(hi, 8));
  surv_result_free(km);
}
END_TEST

/* Catalogue rows: a surv_data without SURV_DATA_INIT, members KM does not
 * support, and a bad entry time. */
START_TEST(row_unsupported_member) {
  static const int grp[5] = {0, 0, 1, 1, 0};
  static const double e5[5] = {0, 0, 3, 0, 0}; /* 3 is not < 3 */
  surv_result *marker = (surv_result *)&marker, *km = marker;
  surv_data d = SURV_DATA_INIT;
  d.n = 5, d.time = t5, d.status = s5;
  d.strata = grp, d.group = grp;
  ck_assert_int_eq(surv_km_fit(&d, 0, &km), SURV_EINVAL);
  d.strata = d.group = NULL, d.time2 = t5;
  ck_assert_int_eq(surv_km_fit(&d, 0, &km), SURV_EINVAL);
  d.time2 = NULL, d.entry = e5;
  ck_assert_int_eq(surv_km_fit(&d, 0, &km), SURV_ETIME);
  d.entry = NULL, d.size = 0;
  ck_assert_int_eq(surv_km_fit(&d, 0, &km), SURV_ESIZE);
  d.size = 3;
  ck_assert_int_eq(surv_km_fit(&d, 0, &km), SURV_ESIZE);
  ck_assert(km == marker);
}
END_TEST

START_TEST(row_negative_count_2x2) {
  double p = S, e = S, lo = S, hi = S, so = S;
  ck_assert_int_eq(
      tu_fisher_2x2(-1, 2, 3, 4, SURV_TWO_SIDED, 0.95, &p, &e, &lo, &hi, &so),
      SURV_ECOUNT);
  ck_assert_int_eq(tu_fisher_2x2(1, 2, 3, LONG_MIN, SURV_TWO_SIDED, 0.95, &p,
                                 &e, &lo, &hi, &so),
                   SURV_ECOUNT);
  ck_assert(p == S && e == S && lo == S && hi == S && so == S);
}
END_TEST

/* level 0 is the default (0.95): a zero member of surv_fisher_options. */
START_TEST(row_conf_level_2x2) {
  static const double bad[] = {1, NAN, -0.5, 1.5, -0.0 - 1e-300};
  double p = S, lo = S, hi = S;
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    ck_assert_int_eq(tu_fisher_2x2(1, 2, 3, 4, SURV_TWO_SIDED, bad[i], &p, NULL,
                                   &lo, &hi, NULL),
                     SURV_ELEVEL);
    ck_assert(p == S && lo == S && hi == S);
  }
  ck_assert_int_eq(tu_fisher_2x2(1, 2, 3, 4, (surv_alternative)3, 0.95, &p,
                                 NULL, &lo, &hi, NULL),
                   SURV_EINVAL);
  ck_assert(p == S && lo == S && hi == S);
}
END_TEST

/* chisq and G on one table; expect `want` from both, outputs untouched. */
static void tables_bad(const long *x, size_t nr, size_t nc, int want) {
  double st = S, df = S, p = S, e[16];
  size_t nb = 777;
  ru_fill(e, 16);
  ck_assert_msg(tu_chisq_test(x, nr, nc, 0, &st, &df, &p, e) == want,
                "chisq %zux%zu: want %s", nr, nc, surv_errname(want));
  ck_assert(st == S && df == S && p == S && nb == 777 && ru_untouched(e, 16));
  ck_assert_msg(tu_gtest(x, nr, nc, 0, &st, &df, &p) == want,
                "gtest %zux%zu: want %s", nr, nc, surv_errname(want));
  ck_assert(st == S && df == S && p == S);
  ck_assert_msg(surv_fisher_rxc(x, nr, nc, 0, &p) == want,
                "fisher_rxc %zux%zu: want %s", nr, nc, surv_errname(want));
  ck_assert(p == S);
  ck_assert_msg(surv_fisher_rxc_mc(x, nr, nc, 100, 1, &p, &st) == want,
                "fisher_rxc_mc %zux%zu: want %s", nr, nc, surv_errname(want));
  ck_assert(p == S && st == S);
}

START_TEST(row_null_table) {
  static const long x[4] = {1, 2, 3, 4};
  tables_bad(NULL, 2, 2, SURV_ENULL);
  /* Every output of chisq and G may be NULL (their man pages). */
  ck_assert_int_eq(tu_chisq_test(x, 2, 2, 0, NULL, NULL, NULL, NULL), SURV_OK);
  ck_assert_int_eq(tu_gtest(x, 2, 2, 0, NULL, NULL, NULL), SURV_OK);
}
END_TEST

START_TEST(row_empty_table) {
  static const long x[4] = {1, 2, 3, 4};
  tables_bad(x, 0, 2, SURV_ESIZE);
  tables_bad(x, 2, 0, SURV_ESIZE);
}
END_TEST

START_TEST(row_negative_count_table) {
  static const long x[6] = {1, 2, 3, 4, -5, 6};
  static const long y[4] = {LONG_MIN, 2, 3, 4};
  tables_bad(x, 2, 3, SURV_ECOUNT);
  tables_bad(y, 2, 2, SURV_ECOUNT);
}
END_TEST

START_TEST(row_degenerate_table) {
  static const long one_row[3] = {1, 2, 3};
  static const long zero_row[6] = {1, 2, 3, 0, 0, 0};
  static const long zero[4] = {0, 0, 0, 0};
  tables_bad(one_row, 1, 3, SURV_ETABLE);
  tables_bad(one_row, 3, 1, SURV_ETABLE);
  tables_bad(zero_row, 2, 3, SURV_ETABLE);
  tables_bad(zero, 2, 2, SURV_ETABLE);
}
END_TEST

START_TEST(row_size_overflow_table) {
  static const long x[4] = {1, 2, 3, 4};
  tables_bad(x, SIZE_MAX / 2, 3, SURV_ESIZE);
}
END_TEST

START_TEST(row_overflow_counts_table) {
  /* A total beyond UINT_MAX (the limit of GSL's counts) is refused with
   * SURV_ESIZE, including totals that would overflow a long. */
  static const long x[4] = {LONG_MAX, LONG_MAX, 1, 1};
  static const long y[4] = {2147483648L, 2147483648L, 0, 1};
  double p = S, e = S, lo = S, hi = S, so = S;
  tables_bad(x, 2, 2, SURV_ESIZE);
  tables_bad(y, 2, 2, SURV_ESIZE);
  ck_assert_int_eq(tu_fisher_2x2(LONG_MAX, LONG_MAX, 1, 1, SURV_TWO_SIDED, 0.95,
                                 &p, &e, &lo, &hi, &so),
                   SURV_ESIZE);
  ck_assert(p == S && e == S && lo == S && hi == S && so == S);
}
END_TEST

START_TEST(row_rxc_memory_cap) {
  static const long x[12] = {3, 1, 4, 2, 1, 5, 2, 6, 5, 3, 1, 2};
  double p = S;
  ck_assert_int_eq(surv_fisher_rxc(x, 3, 4, 1, &p), SURV_ELIMIT);
  ck_assert(p == S);
}
END_TEST

START_TEST(row_rxc_time_limit) {
  /* 3 x 3, n ~ 4600: of order n^4 steps in little memory */
  static const long x[9] = {765, 765, 765, 765, 765, 765, 363, 11, 11};
  double p = S;
  ck_assert_int_eq(surv_fisher_rxc_limit(x, 3, 3, 0, 1e-3, &p), SURV_ELIMIT);
  ck_assert_int_eq(surv_fisher_rxc_limit(x, 3, 3, 0, -1, &p), SURV_EINVAL);
  ck_assert_int_eq(surv_fisher_rxc_limit(x, 3, 3, 0, NAN, &p), SURV_EINVAL);
  ck_assert(p == S);
}
END_TEST

START_TEST(row_rho_weights_overflow) {
  static const double t[6] = {1, 2, 3, 4, 5, 6};
  static const int s[6] = {1, 1, 2, 1, 0, 1}, g[6] = {0, 1, 0, 1, 0, 1};
  static const int s01[6] = {1, 1, 1, 1, 0, 1};
  surv_result *sentinel = (surv_result *)&t, *lr = sentinel;
  double c = S, p = S;
  size_t df = 77;
  ck_assert_int_eq(tu_logrank(NULL, t, s01, g, NULL, 6, -1000, 0, &lr),
                   SURV_EINVAL);
  ck_assert_int_eq(tu_logrank(NULL, t, s01, g, NULL, 6, NAN, 0, &lr),
                   SURV_EINVAL);
  ck_assert_ptr_eq(lr, sentinel);
  ck_assert_int_eq(tu_cif_gray(t, s, g, NULL, 6, 1, -1e300, &c, &df, &p),
                   SURV_EINVAL);
  ck_assert(c == S && p == S && df == 77);
}
END_TEST

START_TEST(row_prop_counts) {
  static const long bad[][2] = {{-1, 10}, {11, 10},       {0, 0},
                                {1, -5},  {LONG_MIN, 10}, {LONG_MAX, 10}};
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    double lo = S, hi = S, p = S;
    ck_assert_int_eq(
        surv_prop_ci(bad[i][0], bad[i][1], SURV_PROP_WILSON, 0.95, &lo, &hi),
        SURV_ECOUNT);
    ck_assert(lo == S && hi == S);
    ck_assert_int_eq(tu_binom(bad[i][0], bad[i][1], 0.5, SURV_TWO_SIDED, &p),
                     SURV_ECOUNT);
    ck_assert(p == S);
  }
}
END_TEST

/* n > 2^53: SURV_ESIZE, decided on the integer (2^53 + 1 rounds to 2^53 as
 * a double); every method, n = 2^53 itself valid. */
START_TEST(row_prop_n_over_2_53) {
#if LONG_MAX > 9007199254740992L
  static const long big[] = {9007199254740993L, 9007199254740994L, LONG_MAX};
  size_t i;
  int m;
  for (i = 0; i < sizeof big / sizeof big[0]; i++)
    for (m = SURV_PROP_WALD; m <= SURV_PROP_BLAKER; m++) {
      double lo = S, hi = S, p = S;
      ck_assert_int_eq(
          surv_prop_ci(1, big[i], (surv_prop_method)m, 0.95, &lo, &hi),
          SURV_ESIZE);
      ck_assert(lo == S && hi == S);
      ck_assert_int_eq(tu_binom(1, big[i], 0.5, SURV_LESS, &p), SURV_ESIZE);
      ck_assert(p == S);
      ck_assert_int_eq(surv_prop_ci(1, 9007199254740992L, (surv_prop_method)m,
                                    0.95, &lo, &hi),
                       SURV_OK);
    }
#endif
}
END_TEST

START_TEST(row_prop_level_method_null) {
  static const double bad[] = {0, 1, NAN, -0.5, 1.5, 1 - 1e-17};
  double lo = S, hi = S;
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
    ck_assert_int_eq(surv_prop_ci(3, 10, SURV_PROP_WILSON, bad[i], &lo, &hi),
                     SURV_ELEVEL);
  ck_assert_int_eq(surv_prop_ci(3, 10, (surv_prop_method)11, 0.95, &lo, &hi),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_prop_ci(3, 10, (surv_prop_method)-1, 0.95, &lo, &hi),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_prop_ci(3, 10, SURV_PROP_WILSON, 0.95, NULL, &hi),
                   SURV_ENULL);
  ck_assert_int_eq(surv_prop_ci(3, 10, SURV_PROP_WILSON, 0.95, &lo, NULL),
                   SURV_ENULL);
  ck_assert(lo == S && hi == S);
}
END_TEST

START_TEST(row_binom_p0_alt_null) {
  static const double bad[] = {-0.1, 1.1, NAN, INFINITY};
  double p = S;
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
    ck_assert_int_eq(tu_binom(3, 10, bad[i], SURV_TWO_SIDED, &p), SURV_EPROB);
  ck_assert_int_eq(tu_binom(3, 10, 0.5, (surv_alternative)3, &p), SURV_EINVAL);
  ck_assert_int_eq(surv_binom_test(3, 10, 0.5, SURV_TWO_SIDED, NULL),
                   SURV_ENULL);
  ck_assert(p == S);
}
END_TEST

/* surv_concordance_fit: a NaN predictor, two predictors, members it does not
 * take, a time weight (start, stop] rows do not take: SURV_EINVAL. */
START_TEST(row_concordance_predictor) {
  double t[4] = {1, 2, 3, 4}, x[4] = {1, NAN, 2, 3}, e[4] = {0, 0, 0, 0};
  int s[4] = {1, 0, 1, 1};
  surv_data d = SURV_DATA_INIT;
  surv_result *marker = (surv_result *)&marker, *r = marker;
  surv_concordance_options o = SURV_CONCORDANCE_OPTIONS_INIT;
  d.n = 4;
  d.time = t;
  d.status = s;
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, &r), SURV_EINVAL);
  x[1] = 5;
  d.x = x;
  d.p = 1;
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, &r), SURV_EINVAL);
  d.x = NULL;
  d.p = 0;
  d.offset = t;
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, &r), SURV_EINVAL);
  d.offset = NULL;
  d.entry = e;
  o.timewt = SURV_TIMEWT_S_G;
  ck_assert_int_eq(surv_concordance_fit(&d, x, &o, &r), SURV_EINVAL);
  ck_assert(r == marker);
}
END_TEST

/* Residuals and zph of something that is not a Cox fit, on data of another
 * size, collapsed without clusters. */
START_TEST(row_cox_diag) {
  double t[6] = {1, 2, 3, 4, 5, 6}, x[6] = {0, 1, 0, 1, 1, 0};
  int s[6] = {1, 0, 1, 1, 0, 1};
  surv_data d = SURV_DATA_INIT;
  surv_result *marker = (surv_result *)&marker, *r = marker, *fit = NULL;
  d.n = 6;
  d.time = t;
  d.status = s;
  d.x = x;
  d.p = 1;
  ck_assert_int_eq(surv_cox_fit(&d, NULL, &fit), SURV_OK);
  ck_assert_int_eq(surv_cox_residuals(fit, &d, SURV_RESID_MARTINGALE,
                                      SURV_COX_RESID_COLLAPSE, &r),
                   SURV_EINVAL);
  d.n = 5;
  ck_assert_int_eq(surv_cox_zph(fit, &d, NULL, &r), SURV_ESIZE);
  d.n = 6;
  surv_result *conc = NULL;
  ck_assert_int_eq(
      surv_concordance_fit(&(surv_data){sizeof(surv_data), 6, t, s, NULL, NULL,
                                        NULL, NULL, NULL, NULL, NULL, 0, NULL},
                           x, NULL, &conc),
      SURV_OK);
  ck_assert_int_eq(surv_cox_zph(conc, &d, NULL, &r), SURV_EINVAL);
  ck_assert(r == marker);
  surv_result_free(conc);
  surv_result_free(fit);
}
END_TEST

/* ---- the catalogue against the code ---------------------------------------
 * Each library row of libsurv-errors(7) carries a comment line
 *   .\" check: ID CODE
 * (one per code the row names). Below, a probe per ID calls the function
 * with that row's bad input; test_catalogue_matches_page reads the page and
 * asserts that every tagged row's probe returns exactly the row's code and
 * that every probe is tagged, so the page and the code cannot drift apart
 * (they did: the page said SURV_ECOUNT for two LONG_MAX cells where every
 * function returns SURV_ESIZE). */
static const double pt[6] = {1, 2, 3, 4, 5, 6};
static const int pst[6] = {1, 0, 1, 1, 0, 1};
static const int pgrp[6] = {0, 1, 0, 1, 0, 1};

static surv_data pdata(void) {
  surv_data d = SURV_DATA_INIT;
  d.n = 6;
  d.time = pt;
  d.status = pst;
  return d;
}

/* surv_km_fit on the probe data with one time, status or weight changed */
static int p_km(double t, int st, double w, double entry) {
  double tt[6], ww[6], ee[6];
  int ss[6], i, rc;
  surv_data d = pdata();
  surv_result *r = NULL;
  for (i = 0; i < 6; i++) {
    tt[i] = pt[i];
    ss[i] = pst[i];
    ww[i] = 1;
    ee[i] = 0;
  }
  tt[2] = t;
  ss[3] = st;
  ww[4] = w;
  ee[5] = entry;
  d.time = tt;
  d.status = ss;
  d.weight = ww;
  d.entry = ee;
  rc = surv_km_fit(&d, 0, &r);
  surv_result_free(r);
  return rc;
}

static int p_null(void) { return surv_km_fit(NULL, 0, NULL); }
static int p_data_size(void) {
  surv_data d = pdata();
  surv_result *r = NULL;
  d.size = 0;
  return surv_km_fit(&d, 0, &r);
}
static int p_member(void) {
  surv_data d = pdata();
  surv_result *r = NULL;
  d.x = pt;
  d.p = 1;
  return surv_km_fit(&d, 0, &r);
}
static int p_n_zero(void) {
  surv_data d = pdata();
  surv_result *r = NULL;
  d.n = 0;
  return surv_km_fit(&d, 0, &r);
}
static int p_table_zero(void) {
  static const long x[4] = {1, 2, 3, 4};
  surv_test t;
  return surv_chisq_test(x, 0, 2, 0, NULL, &t);
}
/* a curve-taking function on the KM fit of the probe data */
static int p_curve(int what) {
  surv_data d = pdata();
  surv_result *km = NULL, *lr = NULL;
  double a[8], b[8], c[8], e[8], f[8], at = NAN, pr = 0.5;
  int rc = surv_km_fit(&d, 0, &km);
  if (rc)
    return rc;
  switch (what) {
  case 0: /* buffer shorter than the curve */
    rc = surv_curve_ci(km, SURV_CI_LOG, 0.95, a, b, 1);
    break;
  case 1: /* NaN evaluation time */
    rc = surv_curve_at(km, &at, 1, SURV_CI_LOG, 0.95, a, b, c, e, f, 8);
    break;
  case 2: /* level 1 */
    rc = surv_curve_ci(km, SURV_CI_LOG, 1.0, a, b, 8);
    break;
  case 3: /* quantile probability 1 */
    pr = 1;
    rc = surv_curve_quantile(km, &pr, 1, SURV_CI_LOG, 0.95, a, b, c, 8);
    break;
  default: /* a result that is not a curve */
    d.group = pgrp;
    rc = surv_logrank_test(&d, NULL, &lr);
    if (rc == SURV_OK)
      rc = surv_curve_ci(lr, SURV_CI_LOG, 0.95, a, b, 8);
    surv_result_free(lr);
  }
  surv_result_free(km);
  return rc;
}
static int p_enum(void) {
  double lo, hi;
  return surv_prop_ci(3, 10, (surv_prop_method)99, 0.95, &lo, &hi);
}
static int p_time(void) { return p_km(NAN, 1, 1, 0); }
static int p_status(void) { return p_km(3, 2, 1, 0); }
static int p_weight(void) { return p_km(3, 1, -1, 0); }
static int p_entry(void) { return p_km(3, 1, 1, 6); }
static int p_buffer(void) { return p_curve(0); }
static int p_eval_time(void) { return p_curve(1); }
static int p_level(void) { return p_curve(2); }
static int p_quantile(void) { return p_curve(3); }
static int p_not_curve(void) { return p_curve(4); }
/* surv_curve_band on the probe curve (events at 1, 3, 4, 6): 0 a NaN
 * t_lower, 1 a range past the last time, 2 equal precision from 0, 3 a level
 * of 1, 4 a critical value for the interval (0.5, 0.4) */
static int p_band(int what) {
  surv_data d = pdata();
  surv_result *km = NULL, *r = NULL;
  surv_curve_band_options o = SURV_CURVE_BAND_OPTIONS_INIT;
  double c;
  int rc;
  if (what == 4)
    return surv_curve_band_critical(SURV_CURVE_BAND_HW, 0.5, 0.4, 0.95, &c);
  if ((rc = surv_km_fit(&d, 0, &km)) != SURV_OK)
    return rc;
  o.method = what == 2 ? SURV_CURVE_BAND_EP : SURV_CURVE_BAND_HW;
  o.level = what == 3 ? 1.0 : 0.0;
  rc = surv_curve_band(km,
                       what == 0   ? NAN
                       : what == 2 ? 0
                                   : 1,
                       what == 1 ? 60 : 4, &o, &r);
  surv_result_free(r);
  surv_result_free(km);
  return rc;
}
static int p_band_time(void) { return p_band(0); }
static int p_band_range(void) { return p_band(1); }
static int p_band_ep_zero(void) { return p_band(2); }
static int p_band_level(void) { return p_band(3); }
static int p_band_interval(void) { return p_band(4); }
static int p_concordance(void) {
  surv_data d = pdata();
  const double pred[6] = {1, 2, NAN, 4, 5, 6};
  surv_result *r = NULL;
  return surv_concordance_fit(&d, pred, NULL, &r);
}
/* surv_cox_fit on the probe data, one covariate */
static int p_cox(int what) {
  surv_data d = pdata();
  double x[6] = {1, 0, 2, 1, 3, 0}, w[6] = {1, 1, 1, 1, 1, 1};
  double e[6] = {0, 0, 0, 0, 0, 0};
  surv_result *r = NULL, *c = NULL;
  int rc;
  d.x = x;
  d.p = 1;
  if (what == 0)
    w[2] = 0, d.weight = w;
  else if (what == 1)
    x[2] = NAN;
  else if (what == 2)
    d.p = 0;
  else if (what == 3)
    e[1] = 2, d.entry = e;
  rc = surv_cox_fit(&d, NULL, &r);
  if (what >= 4 && rc == SURV_OK) { /* results that are not Cox fits */
    surv_result *km = NULL;
    d.x = NULL;
    d.p = 0;
    rc = surv_km_fit(&d, 0, &km);
    if (rc == SURV_OK)
      rc = what == 4 ? surv_cox_survfit(km, x, NULL, &c)
                     : surv_cox_zph(km, &d, NULL, &c);
    surv_result_free(km);
  }
  surv_result_free(r);
  surv_result_free(c);
  return rc;
}
static int p_cox_weight(void) { return p_cox(0); }
static int p_cox_covariate(void) { return p_cox(1); }
static int p_cox_p_zero(void) { return p_cox(2); }
static int p_cox_entry(void) { return p_cox(3); }
static int p_cox_survfit(void) { return p_cox(4); }
static int p_cox_diag(void) { return p_cox(5); }
/* surv_survreg_fit on the probe data */
static int p_survreg(int what) {
  surv_data d = pdata();
  int st[6] = {1, 0, 1, 1, 0, 1};
  double w[6] = {1, 1, 1, 1, 1, 1};
  surv_result *r = NULL;
  int rc;
  double tt[6] = {1, 2, 3, 4, 5, 6}, x[6] = {1, 0, 2, 1, 3, 0};
  d.status = st;
  d.time = tt;
  if (what == 4)
    tt[2] = 0; /* a time <= 0 for the Weibull */
  else if (what == 5)
    st[2] = 3; /* an interval row without time2 */
  else if (what == 6)
    x[2] = NAN, d.x = x, d.p = 1;
  else if (what == 7)
    tt[0] = tt[1] = tt[2] = tt[3] = tt[4] = tt[5] = 2; /* all the same */
  if (what == 0)
    st[1] = 5;
  else if (what == 1)
    w[1] = 0, d.weight = w;
  else if (what == 2)
    memset(st, 0, sizeof st);
  rc = surv_survreg_fit(&d, NULL, &r);
  if (what == 3 && rc == SURV_OK) {
    double pr = 0, f[6];
    rc = surv_survreg_predict(r, &d, SURV_SURVREG_PRED_QUANTILE, &pr, 1, f,
                              NULL, 6);
  }
  surv_result_free(r);
  return rc;
}
static int p_survreg_status(void) { return p_survreg(0); }
static int p_survreg_weight(void) { return p_survreg(1); }
static int p_survreg_censored(void) { return p_survreg(2); }
static int p_survreg_p(void) { return p_survreg(3); }
static int p_survreg_time(void) { return p_survreg(4); }
static int p_survreg_time2(void) { return p_survreg(5); }
static int p_survreg_covariate(void) { return p_survreg(6); }
static int p_survreg_same_time(void) { return p_survreg(7); }
static int p_flag(void) {
  static const long x[4] = {3, 1, 1, 3};
  surv_test t;
  return surv_chisq_test(x, 2, 2, SURV_NO_TIMEFIX, NULL, &t);
}
static int p_options_size(void) {
  surv_fisher_options o = SURV_FISHER_OPTIONS_INIT;
  surv_test t;
  o.size = 1;
  return surv_fisher_2x2(3, 1, 1, 3, &o, &t, NULL, NULL, NULL, NULL);
}
static int p_p0(void) {
  surv_test t;
  return surv_binom_test(3, 10, 1.5, SURV_TWO_SIDED, &t);
}
static int p_power_hr(void) {
  double v;
  return surv_power_logrank(1.0, 50, NULL, &v);
}
static int p_power_target(void) {
  double v;
  return surv_power_logrank_events(0.5, 1.0, NULL, &v);
}
static int p_power_alpha(void) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  double v;
  o.alpha = 1.5;
  return surv_power_prop(0.2, 0.3, 50, &o, &v);
}
static int p_power_period(void) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  double v;
  o.accrual = -1;
  return surv_power_logrank_n(0.5, 0.1, 0.8, &o, &v, NULL, NULL);
}
static int p_power_equal(void) {
  double v;
  return surv_power_prop_n(0.3, 0.3, 0.8, NULL, &v, NULL);
}
static int p_power_exact_n(void) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  double v;
  o.method = SURV_POWER_EXACT;
  return surv_power_binom(0.3, 0.5, 10.5, &o, &v);
}
static int p_power_exact_limit(void) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  double v;
  o.method = SURV_POWER_EXACT;
  o.max_n = 10;
  return surv_power_prop_n(0.3, 0.35, 0.9, &o, &v, NULL);
}
static int p_power_method(void) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  double v;
  o.method = SURV_POWER_LACHIN_FOULKES; /* a design's method, not for events */
  return surv_power_logrank(0.5, 50, &o, &v);
}
static int p_power_log_hazard(void) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  double v;
  o.flags = SURV_POWER_LOG_HAZARD; /* only with Lachin-Foulkes */
  return surv_power_logrank_total(0.5, 0.1, 100, &o, &v, NULL);
}
static int p_power_no_events(void) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  double v;
  o.method = SURV_POWER_LACHIN_FOULKES;
  o.accrual = 1e-300;
  return surv_power_logrank_n(0.5, 1e-10, 0.8, &o, &v, NULL, NULL);
}
static int p_rho(void) {
  surv_data d = pdata();
  surv_logrank_options o = SURV_LOGRANK_OPTIONS_INIT;
  surv_result *r = NULL;
  d.group = pgrp;
  o.rho = NAN;
  return surv_logrank_test(&d, &o, &r);
}
static int p_table(const long *x, size_t nr, size_t nc) {
  surv_test t;
  return surv_chisq_test(x, nr, nc, 0, NULL, &t);
}
static int p_count_negative(void) {
  static const long x[4] = {3, -1, 1, 3};
  return p_table(x, 2, 2);
}
static int p_prop_count(void) {
  double lo, hi;
  return surv_prop_ci(11, 10, SURV_PROP_WILSON, 0.95, &lo, &hi);
}
static int p_prop_n(void) {
  double lo, hi;
  return surv_prop_ci(1, (long)(9007199254740992.0 * 2), SURV_PROP_WILSON, 0.95,
                      &lo, &hi);
}
static int p_total_overflow(void) {
  static const long x[4] = {LONG_MAX, LONG_MAX, 1, 1};
  return p_table(x, 2, 2);
}
static int p_total_over_uint(void) {
  static const long x[4] = {2147483648L, 2147483648L, 0, 1};
  return p_table(x, 2, 2);
}
static int p_total_3e9(void) { /* within UINT_MAX: valid */
  static const long x[4] = {1000000000L, 500000000L, 700000000L, 800000000L};
  double lo, hi;
  surv_test g;
  int rc = p_table(x, 2, 2);
  if (rc == SURV_OK)
    rc = surv_gtest(x, 2, 2, 0, &g);
  if (rc == SURV_OK)
    rc = surv_prop_ci(1000000000L, 3000000000L, SURV_PROP_WILSON, 0.95, &lo,
                      &hi);
  return rc;
}
static int p_degenerate(void) {
  static const long x[4] = {3, 1, 0, 0};
  return p_table(x, 2, 2);
}
/* surv_mh_test on a 2 x 2 x 2 (or given) table with options */
static int p_mh(const long *x, size_t nr, size_t nc, size_t k, unsigned flags) {
  surv_mh_options o = SURV_MH_OPTIONS_INIT;
  surv_result *r = NULL;
  int rc;
  o.flags = flags;
  rc = surv_mh_test(x, nr, nc, k, &o, &r);
  surv_result_free(r);
  return rc;
}
static int p_mh_stratum(void) {
  static const long x[8] = {1, 2, 3, 4, 0, 1, 0, 0};
  return p_mh(x, 2, 2, 2, 0);
}
static int p_mh_dims(void) {
  static const long x[4] = {1, 2, 3, 4};
  return p_mh(x, 2, 2, 1, 0);
}
static int p_mh_support(void) {
  static const long x[8] = {100000000, 100000000, 100000000, 100000000,
                            1,         1,         1,         1};
  return p_mh(x, 2, 2, 2, SURV_MH_EXACT);
}
static int p_mh_exact_rxc(void) {
  static const long x[12] = {3, 1, 4, 2, 1, 5, 2, 6, 5, 3, 1, 2};
  return p_mh(x, 3, 2, 2, SURV_MH_EXACT);
}
static int p_rxc_memory(void) {
  static const long x[12] = {3, 1, 4, 2, 1, 5, 2, 6, 5, 3, 1, 2};
  double p;
  return surv_fisher_rxc(x, 3, 4, 1, &p);
}
static int p_rxc_time(void) {
  static const long x[9] = {765, 765, 765, 765, 765, 765, 363, 11, 11};
  double p;
  return surv_fisher_rxc_limit(x, 3, 3, 0, 1e-3, &p);
}
static int p_rxc_seconds(void) {
  static const long x[4] = {3, 1, 1, 3};
  double p;
  return surv_fisher_rxc_limit(x, 2, 2, 0, -1, &p);
}
/* surv_ipd_reconstruct on the page's example with one thing broken */
static int p_ipd(int what) {
  double t[4] = {0, 1, 2, 3}, sv[4] = {1, 0.9, 0.8, 0.6};
  double rt[2] = {0, 2.5}, nr[2] = {10, 7};
  surv_result *r = NULL;
  int rc;
  if (what == 0)
    t[2] = NAN;
  else if (what == 1)
    sv[2] = NAN;
  else if (what == 2)
    nr[1] = 12;
  rc = surv_ipd_reconstruct(t, sv, 4, rt, nr, what == 3 ? 0 : 2, NULL, &r);
  surv_result_free(r);
  return rc;
}
static int p_ipd_time(void) { return p_ipd(0); }
static int p_ipd_surv(void) { return p_ipd(1); }
static int p_ipd_risk(void) { return p_ipd(2); }
static int p_ipd_no_table(void) { return p_ipd(3); }
/* exact route: a drop of 0.9 to 0.85 from 10 at risk is no whole count */
static int p_ipd_exact(void) {
  const double t[4] = {0, 1, 1, 2}, sv[4] = {1, 1, 0.85, 0.85};
  const double rt[1] = {0}, nr[1] = {10};
  surv_ipd_options o = SURV_IPD_OPTIONS_INIT;
  surv_result *r = NULL;
  o.flags = SURV_IPD_EXACT;
  return surv_ipd_reconstruct(t, sv, 4, rt, nr, 1, &o, &r);
}

/* count tables */
static int p_counts(int what) {
  const int st2[6] = {1, 0, 2, 1, 0, 1};
  surv_counts *c = NULL, *e = NULL;
  surv_result *r = NULL;
  surv_data d = pdata(), w = pdata();
  unsigned char buf[32];
  size_t len = 0;
  int rc;
  if (surv_counts_new(&c) != SURV_OK || surv_counts_new(&e) != SURV_OK) {
    surv_counts_free(c);
    return SURV_ENOMEM;
  }
  w.group = pgrp;
  switch (what) {
  case 0:
    rc = surv_counts_add(c, &d);
    if (rc == SURV_OK)
      rc = surv_counts_add(c, &w);
    break;
  case 1:
    d.status = st2;
    rc = surv_counts_add(c, &d);
    if (rc == SURV_OK)
      rc = surv_counts_km_fit(c, 0, &r);
    break;
  case 2:
    rc = surv_counts_km_fit(c, 0, &r);
    break;
  default:
    rc = surv_counts_size(e, &len);
    if (rc == SURV_OK && len == sizeof buf)
      rc = surv_counts_write(e, buf, len);
    if (rc == SURV_OK) {
      surv_counts *got = NULL;
      buf[8] = 2; /* version 2 */
      rc = surv_counts_read(buf, len, &got);
      surv_counts_free(got);
    }
    break;
  }
  surv_result_free(r);
  surv_counts_free(c);
  surv_counts_free(e);
  return rc;
}
static int p_counts_members(void) { return p_counts(0); }
static int p_counts_status(void) { return p_counts(1); }
static int p_counts_empty(void) { return p_counts(2); }
static int p_counts_format(void) { return p_counts(3); }

static const struct {
  const char *id;
  int (*fn)(void);
} probes[] = {{"null-pointer", p_null},
              {"data-size", p_data_size},
              {"data-member", p_member},
              {"n-zero", p_n_zero},
              {"table-zero-dim", p_table_zero},
              {"buffer-short", p_buffer},
              {"enum-bad", p_enum},
              {"time-bad", p_time},
              {"status-bad", p_status},
              {"weight-bad", p_weight},
              {"entry-bad", p_entry},
              {"eval-time-bad", p_eval_time},
              {"not-a-curve", p_not_curve},
              {"band-time", p_band_time},
              {"band-range", p_band_range},
              {"band-ep-from-zero", p_band_ep_zero},
              {"band-level", p_band_level},
              {"band-interval", p_band_interval},
              {"concordance-nan", p_concordance},
              {"cox-weight-zero", p_cox_weight},
              {"cox-covariate-nan", p_cox_covariate},
              {"cox-entry", p_cox_entry},
              {"cox-p-zero", p_cox_p_zero},
              {"cox-survfit-not-fit", p_cox_survfit},
              {"cox-diag-not-fit", p_cox_diag},
              {"survreg-status", p_survreg_status},
              {"survreg-weight", p_survreg_weight},
              {"survreg-censored", p_survreg_censored},
              {"counts-members", p_counts_members},
              {"counts-status", p_counts_status},
              {"counts-empty", p_counts_empty},
              {"counts-format", p_counts_format},
              {"survreg-predict-p", p_survreg_p},
              {"survreg-time", p_survreg_time},
              {"survreg-time2", p_survreg_time2},
              {"survreg-covariate", p_survreg_covariate},
              {"survreg-same-time", p_survreg_same_time},
              {"level-bad", p_level},
              {"quantile-p-bad", p_quantile},
              {"flag-unknown", p_flag},
              {"options-size", p_options_size},
              {"binom-p0", p_p0},
              {"rho-bad", p_rho},
              {"power-hr", p_power_hr},
              {"power-target", p_power_target},
              {"power-alpha", p_power_alpha},
              {"power-period", p_power_period},
              {"power-equal", p_power_equal},
              {"power-exact-n", p_power_exact_n},
              {"power-exact-limit", p_power_exact_limit},
              {"power-method", p_power_method},
              {"power-log-hazard", p_power_log_hazard},
              {"power-no-events", p_power_no_events},
              {"count-negative", p_count_negative},
              {"prop-x-above-n", p_prop_count},
              {"prop-n-above-2-53", p_prop_n},
              {"total-overflow", p_total_overflow},
              {"total-above-uint", p_total_over_uint},
              {"total-3e9-valid", p_total_3e9},
              {"table-degenerate", p_degenerate},
              {"rxc-memory", p_rxc_memory},
              {"rxc-time", p_rxc_time},
              {"rxc-seconds-negative", p_rxc_seconds},
              {"mh-stratum-small", p_mh_stratum},
              {"mh-dimension", p_mh_dims},
              {"mh-exact-support", p_mh_support},
              {"mh-exact-larger-table", p_mh_exact_rxc},
              {"ipd-time", p_ipd_time},
              {"ipd-survival-nan", p_ipd_surv},
              {"ipd-risk-increasing", p_ipd_risk},
              {"ipd-no-table", p_ipd_no_table},
              {"ipd-exact-no-counts", p_ipd_exact}};
#define NPROBES (sizeof probes / sizeof probes[0])

START_TEST(test_catalogue_matches_page) {
  char path[4096], line[1024];
  const char *top = getenv("top_srcdir");
  int seen[NPROBES] = {0};
  size_t i, tags = 0;
  FILE *f;
  snprintf(path, sizeof path, "%s/man/man7/libsurv-errors.7", top ? top : ".");
  f = fopen(path, "r");
  ck_assert_msg(f != NULL, "cannot open %s", path);
  while (fgets(line, sizeof line, f)) {
    char id[128], code[64];
    int rc;
    if (sscanf(line, ".\\\" check: %127s %63s", id, code) != 2)
      continue;
    tags++;
    for (i = 0; i < NPROBES && strcmp(probes[i].id, id) != 0; i++)
      ;
    ck_assert_msg(i < NPROBES, "row tagged %s: no probe in this test", id);
    seen[i] = 1;
    rc = probes[i].fn();
    ck_assert_msg(strcmp(surv_errname(rc), code) == 0,
                  "row %s of libsurv-errors(7) says %s, the code returns %s",
                  id, code, surv_errname(rc));
  }
  fclose(f);
  for (i = 0; i < NPROBES; i++)
    ck_assert_msg(seen[i], "probe %s: no row of libsurv-errors(7) tagged",
                  probes[i].id);
  ck_assert_uint_eq(tags, NPROBES);
}
END_TEST

int main(void) {
  Suite *s = suite_create("badinput");
  TCase *tc = tcase_create("catalogue");
  tcase_add_test(tc, row_unknown_code_text);
  tcase_add_test(tc, row_concordance_predictor);
  tcase_add_test(tc, row_cox_diag);
  tcase_add_test(tc, row_null_pointers_km);
  tcase_add_test(tc, row_n_zero_km);
  tcase_add_test(tc, row_nan_inf_negative_time);
  tcase_add_test(tc, row_huge_time_is_valid);
  tcase_add_test(tc, row_status_not_0_1);
  tcase_add_test(tc, row_bad_weight);
  tcase_add_test(tc, row_conf_level_km);
  tcase_add_test(tc, row_quantile_p_outside_0_1);
  tcase_add_test(tc, row_eval_time_bad);
  tcase_add_test(tc, row_bad_enum_km);
  tcase_add_test(tc, row_short_buffer);
  tcase_add_test(tc, row_unsupported_member);
  tcase_add_test(tc, row_negative_count_2x2);
  tcase_add_test(tc, row_conf_level_2x2);
  tcase_add_test(tc, row_null_table);
  tcase_add_test(tc, row_empty_table);
  tcase_add_test(tc, row_negative_count_table);
  tcase_add_test(tc, row_degenerate_table);
  tcase_add_test(tc, row_size_overflow_table);
  tcase_add_test(tc, row_overflow_counts_table);
  tcase_add_test(tc, row_rxc_memory_cap);
  tcase_add_test(tc, row_rxc_time_limit);
  tcase_add_test(tc, row_rho_weights_overflow);
  tcase_add_test(tc, row_prop_counts);
  tcase_add_test(tc, row_prop_n_over_2_53);
  tcase_add_test(tc, row_prop_level_method_null);
  tcase_add_test(tc, row_binom_p0_alt_null);
  tcase_add_test(tc, test_catalogue_matches_page);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
