/* The library rows of the bad-input catalogue, libsurv-errors(7): each class
 * of bad input gets its exact code, and every output argument still holds
 * its sentinel afterwards. Test names follow the rows of the page. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>

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
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
