/* GSL's DEFAULT error handler (it prints and calls abort()) is installed
 * explicitly and every public function is driven with bad and extreme input:
 * levels next to 0 and 1, p next to 0 and 1, x = 0 and x = n, n up to
 * LONG_MAX, tables with counts beyond 2^31 and 2^32, evaluation times far
 * beyond the data, denormal and overflowing weights. The suite runs in
 * process (CK_NOFORK): if any call lets GSL's handler fire, the whole
 * program aborts and the test fails. Every call must return a valid code,
 * and on success p-values lie in [0, 1] and limits are ordered. Each call is
 * recorded first, and a SIGABRT handler prints the last one, so the log names
 * the culprit of an abort. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include <surv.h>
#include <surv/counts.h>
#include <surv/cox.h>
#include <surv/km.h>
#include <surv/logrank.h>
#include <surv/prop.h>
#include <surv/rxc.h>
#include <surv/survreg.h>
#include <surv/tables.h>

#include "robust-util.h"
#include "testutil.h"
#include "tu_tables.h"

#define VALID(rc) ((rc) >= SURV_OK && (rc) <= SURV_EFORMAT)

static int g_calls;
static char g_last[256];

static void announce(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static void announce(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(g_last, sizeof g_last, fmt, ap);
  va_end(ap);
  g_calls++;
}

static void on_abort(int sig) {
  static const char msg[] = "\ncheck_gslabort: aborted during: ";
  ssize_t ignored;
  (void)sig;
  ignored = write(2, msg, sizeof msg - 1);
  ignored = write(2, g_last, strlen(g_last));
  ignored = write(2, "\n", 1);
  (void)ignored;
  signal(SIGABRT, SIG_DFL);
}

static void check_rc(int rc, const char *what) {
  ck_assert_msg(VALID(rc), "%s returned %d (%s)", what, rc, g_last);
}

static void check_p(int rc, double p, const char *what) {
  check_rc(rc, what);
  if (rc == SURV_OK)
    ck_assert_msg(p >= 0 && p <= 1, "%s: p = %.17g (%s)", what, p, g_last);
}

static void check_ci(int rc, double lo, double hi, const char *what) {
  check_rc(rc, what);
  if (rc == SURV_OK && !isnan(lo) && !isnan(hi))
    ck_assert_msg(lo <= hi, "%s: [%.17g, %.17g] (%s)", what, lo, hi, g_last);
}

static const double extreme_levels[] = {
    4.9e-324,
    DBL_MIN,
    1e-300,
    1e-17,
    0.5,
    0.95,
    1 - 1e-12,
    0.99999999999999989 /* nextafter(1, 0) */,
    1 - 1e-17 /* == 1 */,
    0.0,
    1.0,
    -0.0,
    NAN,
    INFINITY};
#define NLEVELS (sizeof extreme_levels / sizeof extreme_levels[0])

START_TEST(test_announce_works) { announce("GSL default handler installed"); }
END_TEST

static const double extreme_p[] = {
    4.9e-324, 1e-300, 1e-17, 0.5, 0.99999999999999989, 1.0, 0.0, NAN};
#define NP (sizeof extreme_p / sizeof extreme_p[0])

static void drive_curve(const surv_result *km, const char *name) {
  static const double at[] = {0, 1e-300, 0.5, 3, 1e6, 1e300, DBL_MAX, 4.9e-324};
  /* room for two strata */
  double lo[64], hi[64], s[16], se[16], l8[16], u8[16], nr[16], e[16], ql[16],
      qu[16];
  size_t k = tu_rows(km), l;
  int type, rc;
  ck_assert_uint_le(k, 64);
  for (type = 0; type <= 5; type++)
    for (l = 0; l < NLEVELS; l++) {
      double lev = extreme_levels[l];
      announce("%s: km_ci type %d level %.17g", name, type, lev);
      rc = surv_curve_ci(km, type, lev, lo, hi, 64);
      check_rc(rc, "km_ci");
      announce("%s: km_at type %d level %.17g", name, type, lev);
      rc = surv_curve_at(km, at, 8, type, lev, s, se, l8, u8, nr, 16);
      check_rc(rc, "km_at");
      announce("%s: km_quantile type %d level %.17g", name, type, lev);
      rc = surv_curve_quantile(km, extreme_p, NP, type, lev, e, ql, qu, 16);
      check_rc(rc, "km_quantile");
      rc = surv_curve_quantile(km, extreme_p, 5, type, lev, e, ql, qu, 16);
      check_rc(rc, "km_quantile");
    }
}

START_TEST(test_km_extremes) {
  static const double t_tied0[] = {0, 0, 0, 0};
  static const int s_all1[] = {1, 1, 1, 1, 1, 1};
  static const int s_all0[] = {0, 0, 0, 0, 0, 0};
  static const int s_mix[] = {1, 0, 1, 1, 0, 1};
  static const double t_huge[] = {1e308, DBL_MAX, 4.9e-324, 0, 1e-300, 1e300};
  static const double w_huge[] = {DBL_MAX, DBL_MAX, 1, 1, 1, 1};
  static const double w_tiny[] = {4.9e-324, 4.9e-324, 1e-310, 1e-300, 1, 1};
  static const double w_zero[] = {0, 0, 0, 0, 0, 0};
  static const double w_some0[] = {0, 1, 0, 1, 0, 1};
  static const double t_near[] = {0.3, 0.1 + 0.2, 0.3 + 1e-9, 1, 1 + 1e-15, 2};
  struct {
    const char *name;
    const double *t;
    const int *s;
    const double *w;
    size_t n;
    unsigned flags;
  } cases[] = {
      {"all tied at 0", t_tied0, s_all1, NULL, 4, 0},
      {"one subject", t_huge, s_all1, NULL, 1, 0},
      {"one censored", t_huge, s_all0, NULL, 1, 0},
      {"huge and denormal times", t_huge, s_mix, NULL, 6, 0},
      {"huge times no timefix", t_huge, s_mix, NULL, 6, SURV_NO_TIMEFIX},
      {"overflowing weights", t_huge, s_mix, w_huge, 6, 0},
      {"denormal weights", t_huge, s_mix, w_tiny, 6, 0},
      {"zero weights", t_near, s_mix, w_zero, 6, 0},
      {"some zero weights", t_near, s_all1, w_some0, 6, 0},
      {"near ties", t_near, s_mix, NULL, 6, 0},
      {"all censored", t_near, s_all0, NULL, 6, 0},
  };
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    surv_result *km = NULL;
    int rc;
    announce("km_fit %s", cases[i].name);
    rc = tu_km_fit(cases[i].t, cases[i].s, cases[i].w, NULL, cases[i].n,
                   cases[i].flags, &km);
    check_rc(rc, cases[i].name);
    if (rc == SURV_OK) {
      drive_curve(km, cases[i].name);
      surv_result_free(km);
    }
    {
      static const int grp[6] = {0, 1, 0, 1, 0, 1};
      announce("km_fit_stratum %s", cases[i].name);
      rc = tu_km_fit(cases[i].t, cases[i].s, cases[i].w, grp, cases[i].n,
                     cases[i].flags, &km);
      check_rc(rc, cases[i].name);
      if (rc == SURV_OK) {
        drive_curve(km, cases[i].name);
        surv_result_free(km);
      }
    }
  }
}
END_TEST

START_TEST(test_fisher_2x2_extremes) {
  static const long tabs[][4] = {
      {0, 0, 0, 0},
      {0, 5, 0, 7},
      {5, 0, 0, 5},
      {0, 5, 5, 0},
      {1000000, 1000000, 1000000, 1000000},
      {1, 2147483647L, 2147483647L, 1},
      {2147483648L, 1, 1, 2147483648L},
      {4294967296L, 0, 0, 1},
      {LONG_MAX, 0, 0, 0},
      {LONG_MAX, LONG_MAX, LONG_MAX, LONG_MAX},
      {-1, 2, 3, 4},
      {LONG_MIN, 2, 3, 4},
  };
  size_t i, l;
  int alt;
  for (i = 0; i < sizeof tabs / sizeof tabs[0]; i++)
    for (alt = 0; alt <= 3; alt++)
      for (l = 0; l < NLEVELS; l++) {
        double p = NAN, est, lo = NAN, hi = NAN, so;
        int rc;
        announce("fisher_2x2 %ld %ld %ld %ld alt %d level %.17g", tabs[i][0],
                 tabs[i][1], tabs[i][2], tabs[i][3], alt, extreme_levels[l]);
        rc = tu_fisher_2x2(tabs[i][0], tabs[i][1], tabs[i][2], tabs[i][3], alt,
                           extreme_levels[l], &p, &est, &lo, &hi, &so);
        check_p(rc, p, "fisher_2x2");
        check_ci(rc, lo, hi, "fisher_2x2 CI");
        /* The huge tables cost O(n) per level: one level is enough. */
        if (i >= 4 && l > 0)
          break;
      }
}
END_TEST

/* surv_mh_test on extreme stratified tables, every alternative and level,
 * with and without the exact test: a valid code, p-values in [0, 1] or NaN
 * (R's NaN for a zero variance), ordered limits. */
START_TEST(test_mh_extremes) {
  static const long tabs[][8] = {
      {2, 3, 0, 0, 0, 0, 4, 1},           /* zero variance */
      {1, 0, 0, 1, 1, 0, 0, 1},           /* S at its maximum */
      {0, 1, 1, 0, 0, 1, 1, 0},           /* S at its minimum */
      {100000, 0, 0, 100000, 1, 1, 1, 1}, /* p near 1e-60000: 0 */
      {500000000, 500000000, 500000000, 500000000, 1, 2, 3, 4}, /* ELIMIT */
      {2000000000, 2000000000, 1, 1, 1, 1, 1, 1},               /* ESIZE */
      {LONG_MAX, LONG_MAX, LONG_MAX, LONG_MAX, 1, 1, 1, 1},
      {1, 1, 1, -1, 1, 1, 1, 1},
      {LONG_MIN, 1, 1, 1, 1, 1, 1, 1},
  };
  static const surv_test_kind kinds[] = {
      SURV_TEST_MAIN,       SURV_TEST_MH,     SURV_TEST_MH_NO_CORRECT,
      SURV_TEST_EXACT,      SURV_TEST_TARONE, SURV_TEST_BRESLOW_DAY,
      SURV_TEST_CMH_GENERAL};
  size_t i, l, j;
  int alt, flags;
  for (i = 0; i < sizeof tabs / sizeof tabs[0]; i++)
    for (flags = 0; flags < 2; flags++)
      for (alt = 0; alt <= 3; alt++)
        for (l = 0; l < NLEVELS; l++) {
          surv_mh_options o = SURV_MH_OPTIONS_INIT;
          surv_result *r = NULL;
          double lo, hi;
          int rc;
          o.alternative = (surv_alternative)alt;
          o.conf_level = extreme_levels[l];
          o.flags = flags ? SURV_MH_EXACT : 0u;
          announce("mh_test table %zu exact %d alt %d level %.17g", i, flags,
                   alt, extreme_levels[l]);
          rc = surv_mh_test(tabs[i], 2, 2, 2, &o, &r);
          check_rc(rc, "mh_test");
          if (rc != SURV_OK)
            continue;
          for (j = 0; j < sizeof kinds / sizeof kinds[0]; j++) {
            surv_test t;
            if (surv_result_test(r, kinds[j], &t) == SURV_OK)
              ck_assert_msg(isnan(t.p_value) ||
                                (t.p_value >= 0 && t.p_value <= 1),
                            "mh_test p = %.17g (%s)", t.p_value, g_last);
          }
          if (surv_result_stat(r, SURV_STAT_ODDS_RATIO_LOWER, &lo) == 0 &&
              surv_result_stat(r, SURV_STAT_ODDS_RATIO_UPPER, &hi) == 0)
            check_ci(rc, lo, hi, "mh_test CI");
          if (surv_result_stat(r, SURV_STAT_CMLE_LOWER, &lo) == 0 &&
              surv_result_stat(r, SURV_STAT_CMLE_UPPER, &hi) == 0)
            check_ci(rc, lo, hi, "mh_test exact CI");
          surv_result_free(r);
          /* the large tables cost O(n) or more per call: one level */
          if (i >= 3 && l > 0)
            break;
        }
}
END_TEST

START_TEST(test_chisq_gtest_extremes) {
  static const long t1[] = {LONG_MAX, LONG_MAX, LONG_MAX, LONG_MAX};
  static const long t2[] = {4294967296L, 1, 1, 4294967296L};
  static const long t3[] = {0, 0, 0, 0};
  static const long t4[] = {1, 0, 0, 0, 0, 0, 0, 0, 1};
  static const long t5[] = {1000000000000L, 1, 1, 1000000000000L};
  static const long t6[] = {LONG_MIN, 1, 1, 1};
  static const long t7[] = {0, 7, 0, 9};
  const long *tabs[] = {t1, t2, t3, t4, t5, t6, t7};
  static const size_t dims[][2] = {{2, 2}, {2, 2}, {2, 2}, {3, 3},
                                   {2, 2}, {2, 2}, {2, 2}};
  size_t i;
  int opt;
  for (i = 0; i < sizeof tabs / sizeof tabs[0]; i++)
    for (opt = 0; opt < 2; opt++) {
      double st, df, p = NAN, e[9];
      int rc;
      announce("chisq table %zu yates %d", i, opt);
      rc = tu_chisq_test(tabs[i], dims[i][0], dims[i][1],
                         opt ? SURV_CHISQ_YATES : 0u, &st, &df, &p, e);
      check_p(rc, p, "chisq");
      announce("gtest table %zu williams %d", i, opt);
      rc = tu_gtest(tabs[i], dims[i][0], dims[i][1],
                    opt ? SURV_GTEST_WILLIAMS : 0u, &st, &df, &p);
      check_p(rc, p, "gtest");
    }
  {
    double st, df, p;
    announce("chisq with nrow * ncol overflowing size_t");
    check_rc(tu_chisq_test(t1, SIZE_MAX / 2, 3, 0, &st, &df, &p, NULL),
             "chisq huge dims");
    check_rc(tu_gtest(t1, SIZE_MAX / 2, 3, 0, &st, &df, &p), "gtest dims");
  }
}
END_TEST

START_TEST(test_rxc_extremes) {
  static const long t1[] = {2147483648L, 1, 1, 1, 1, 1};
  static const long t2[] = {LONG_MAX, 1, 1, 1, 1, 1};
  static const long t3[] = {0, 0, 0, 0, 0, 0};
  static const long t4[] = {1000, 1000, 1000, 1000, 1000, 1000};
  static const long t5[] = {1, 2, 3, 0, 0, 0};
  const long *tabs[] = {t1, t2, t3, t4, t5};
  static const size_t caps[] = {1, 1024, 65536};
  size_t i, c;
  for (i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
    for (c = 0; c < sizeof caps / sizeof caps[0]; c++) {
      double p = NAN;
      announce("fisher_rxc table %zu cap %zu", i, caps[c]);
      int rc = surv_fisher_rxc(tabs[i], 2, 3, caps[c], &p);
      check_p(rc, p, "fisher_rxc");
      {
        static const double secs[] = {0, 1e-9, 0.05, INFINITY, -1, NAN};
        size_t k;
        for (k = 0; k < sizeof secs / sizeof secs[0]; k++) {
          p = NAN;
          announce("fisher_rxc_limit table %zu cap %zu seconds %g", i, caps[c],
                   secs[k]);
          rc = surv_fisher_rxc_limit(tabs[i], 2, 3, caps[c], secs[k], &p);
          check_p(rc, p, "fisher_rxc_limit");
        }
      }
    }
    {
      double p = NAN, se;
      int rc;
      announce("fisher_rxc_mc table %zu", i);
      rc = surv_fisher_rxc_mc(tabs[i], 2, 3, 10, 1, &p, &se);
      check_p(rc, p, "fisher_rxc_mc");
      announce("fisher_rxc_mc table %zu replicates 0", i);
      rc = surv_fisher_rxc_mc(tabs[i], 2, 3, 0, 1, &p, &se);
      check_p(rc, p, "fisher_rxc_mc");
    }
  }
}
END_TEST

static const long extreme_n[] = {1,           2,           1000,    2147483647L,
#if LONG_MAX > 2147483647L
                                 3000000000L, 4294967297L, LONG_MAX
#endif
};
#define NN (sizeof extreme_n / sizeof extreme_n[0])

START_TEST(test_prop_extremes) {
  size_t i, l, k;
  int m;
  for (i = 0; i < NN; i++) {
    long n = extreme_n[i];
    long xs[5] = {0, 1, n / 2, n - 1, n};
    for (k = 0; k < 5; k++)
      for (m = -1; m <= SURV_PROP_BLAKER + 1; m++)
        for (l = 0; l < NLEVELS; l++) {
          double lo = NAN, hi = NAN;
          int rc;
          announce("prop_ci x %ld n %ld method %d level %.17g", xs[k], n, m,
                   extreme_levels[l]);
          rc = surv_prop_ci(xs[k], n, m, extreme_levels[l], &lo, &hi);
          check_ci(rc, lo, hi, "prop_ci");
          if (rc == SURV_OK)
            ck_assert_msg(lo >= 0 && hi <= 1, "prop_ci [%.17g, %.17g] (%s)", lo,
                          hi, g_last);
        }
  }
}
END_TEST

/* The power functions at extreme hazard ratios, levels, targets and
 * proportions: a code or a result in range, never GSL's handler. */
START_TEST(test_power_extremes) {
  static const double hrs[] = {4.9e-324,  1e-300,  1e-12,     0.5,
                               1 - 1e-16, 1,       1 + 1e-15, 2,
                               1e300,     DBL_MAX, INFINITY,  NAN};
  static const double ps[] = {0, 4.9e-324, 1e-300, 0.3, 0.5, 1 - 1e-16, 1, NAN};
  static const unsigned fl[] = {0, SURV_POWER_ONE_SIDED,
                                SURV_POWER_STRICT | SURV_POWER_CONTINUITY};
  size_t i, j, k, f;
  for (f = 0; f < 3; f++)
    for (j = 0; j < NLEVELS; j++)
      for (k = 0; k < NLEVELS; k++) {
        surv_power_options o = SURV_POWER_OPTIONS_INIT;
        double a = extreme_levels[j], pw = extreme_levels[k];
        o.alpha = a;
        o.flags = fl[f] & ~SURV_POWER_CONTINUITY;
        for (i = 0; i < sizeof hrs / sizeof hrs[0]; i++) {
          double v = NAN, e = NAN, pe = NAN;
          int rc;
          announce("power logrank hr %.17g alpha %.17g power %.17g flags %#x",
                   hrs[i], a, pw, o.flags);
          rc = surv_power_logrank(hrs[i], 1e6 * pw, &o, &v);
          check_p(rc, v, "power_logrank");
          rc = surv_power_logrank_events(hrs[i], pw, &o, &v);
          check_rc(rc, "power_logrank_events");
          if (rc == SURV_OK)
            ck_assert_msg(v > 0 && isfinite(v), "events %.17g (%s)", v, g_last);
          o.accrual = 1e300 * pw;
          o.follow_up = a;
          rc = surv_power_logrank_n(hrs[i], a, pw, &o, &v, &e, &pe);
          check_rc(rc, "power_logrank_n");
          if (rc == SURV_OK)
            ck_assert_msg(v > 0 && isfinite(v) && pe > 0 && pe <= 1,
                          "n %.17g P(event) %.17g (%s)", v, pe, g_last);
          rc = surv_power_logrank_total(hrs[i], a, 1e6 * pw, &o, &v, &e);
          check_p(rc, v, "power_logrank_total");
          o.method = SURV_POWER_LACHIN_FOULKES;
          o.dropout = pw;
          rc = surv_power_logrank_n(hrs[i], a, pw, &o, &v, &e, &pe);
          check_rc(rc, "power_logrank_n lachin-foulkes");
          if (rc == SURV_OK)
            ck_assert_msg(v > 0 && isfinite(v) && pe > 0 && pe <= 1,
                          "n %.17g P(event) %.17g (%s)", v, pe, g_last);
          o.flags ^= SURV_POWER_LOG_HAZARD;
          rc = surv_power_logrank_total(hrs[i], a, 1e6 * pw, &o, &v, &e);
          check_p(rc, v, "power_logrank_total lachin-foulkes");
          o.flags ^= SURV_POWER_LOG_HAZARD;
          o.method = SURV_POWER_DEFAULT;
          o.dropout = 0;
          o.accrual = o.follow_up = 0;
        }
        o.flags = fl[f];
        for (i = 0; i < sizeof ps / sizeof ps[0]; i++) {
          double v = NAN, n2 = NAN;
          int rc;
          announce("power prop p %.17g alpha %.17g power %.17g flags %#x",
                   ps[i], a, pw, o.flags);
          rc = surv_power_prop(ps[i], 0.4, 1e9 * pw, &o, &v);
          check_p(rc, v, "power_prop");
          rc = surv_power_prop_n(0.4, ps[i], pw, &o, &v, &n2);
          check_rc(rc, "power_prop_n");
          rc = surv_power_binom(ps[i], 0.2, 3 / pw, &o, &v);
          check_p(rc, v, "power_binom");
          rc = surv_power_binom_n(0.2, ps[i], pw, &o, &v);
          check_rc(rc, "power_binom_n");
        }
        if (f == 2)
          continue;
        o.method = SURV_POWER_EXACT;
        o.max_n = 30;
        for (i = 0; i < sizeof ps / sizeof ps[0]; i++) {
          double v = NAN, n2 = NAN;
          int rc;
          announce("power exact p %.17g alpha %.17g power %.17g flags %#x",
                   ps[i], a, pw, o.flags);
          rc = surv_power_prop(ps[i], 0.4, 7, &o, &v);
          check_p(rc, v, "power_prop exact");
          rc = surv_power_binom(0.3, ps[i], 9, &o, &v);
          check_p(rc, v, "power_binom exact");
          if (k % 4 == 0) {
            rc = surv_power_prop_n(0.4, ps[i], pw, &o, &v, &n2);
            check_rc(rc, "power_prop_n exact");
            rc = surv_power_binom_n(0.6, ps[i], pw, &o, &v);
            check_rc(rc, "power_binom_n exact");
          }
        }
      }
}
END_TEST

START_TEST(test_binom_extremes) {
  static const double p0s[] = {0, 4.9e-324, 1e-300, 0.5, 0.99999999999999989,
                               1, -0.0,     NAN,    1.5};
  size_t i, k, j;
  int alt;
  for (i = 0; i < NN; i++) {
    long n = extreme_n[i];
    long xs[4] = {0, 1, n - 1, n};
    for (k = 0; k < 4; k++)
      for (j = 0; j < sizeof p0s / sizeof p0s[0]; j++)
        for (alt = 0; alt <= 3; alt++) {
          double p = NAN;
          /* The two-sided test is O(n) (reported): minutes at 2^31. */
          if (alt == SURV_TWO_SIDED && n > 1000000)
            continue;
          announce("binom_test x %ld n %ld p0 %.17g alt %d", xs[k], n, p0s[j],
                   alt);
          int rc = tu_binom(xs[k], n, p0s[j], alt, &p);
          check_p(rc, p, "binom_test");
        }
  }
}
END_TEST

/* The comparison modules (log-rank with and without delayed entry, trend,
 * Nelson-Aalen, cumulative incidence and Gray's test, RMST, reverse-KM
 * follow-up) on the same extreme data: times from denormal to DBL_MAX, all
 * tied, all censored, one group, a group that is never at risk, levels and
 * horizons at and beyond their limits. */
START_TEST(test_compare_extremes) {
  static const double t_huge[] = {1e308, DBL_MAX, 4.9e-324, 1, 1e-300, 1e300};
  static const double t_tied[] = {2, 2, 2, 2, 2, 2};
  static const double t_near[] = {0.3, 0.1 + 0.2, 0.3 + 1e-9, 1, 1 + 1e-15, 2};
  static const double e_zero[] = {0, 0, 0, 0, 0, 0};
  static const double e_late[] = {0, 1e-300, 0, 0.5, 1e-310, 1.5};
  static const int s_mix[] = {1, 0, 1, 1, 0, 1};
  static const int s_all0[] = {0, 0, 0, 0, 0, 0};
  static const int s_all1[] = {1, 1, 1, 1, 1, 1};
  static const int s_cr[] = {1, 2, 0, 2, 1, 1};
  static const int g_two[] = {0, 1, 0, 1, 0, 1};
  static const int g_one[] = {3, 3, 3, 3, 3, 3};
  static const int g_many[] = {0, 1, 2, 3, 4, 5};
  static const double rhos[] = {0, 1, -1, 1e300, -1e300, NAN, INFINITY};
  static const double taus[] = {0,       4.9e-324, 1,   2,       1e300,
                                DBL_MAX, -1,       NAN, INFINITY};
  const double *ts[] = {t_huge, t_tied, t_near};
  const int *ss[] = {s_mix, s_all0, s_all1};
  const int *gs[] = {g_two, g_one, g_many};
  double lo[16], hi[16];
  size_t it, is, ig, r, l, k;
  for (it = 0; it < 3; it++)
    for (is = 0; is < 3; is++) {
      const double *t = ts[it];
      const int *st = ss[is];
      for (ig = 0; ig < 3; ig++)
        for (r = 0; r < sizeof rhos / sizeof rhos[0]; r++) {
          surv_result *lr = NULL;
          int rc;
          announce("logrank t %zu s %zu g %zu rho %g", it, is, ig, rhos[r]);
          rc = tu_logrank(NULL, t, st, gs[ig], g_two, 6, rhos[r], 0, &lr);
          check_rc(rc, "logrank_test");
          if (rc == SURV_OK) {
            static const double sc[] = {1, 2, 3, 4, 5, 6};
            double u, v, c, p;
            check_p(rc, tu_p(lr), "logrank_test");
            announce("logrank_trend t %zu s %zu g %zu", it, is, ig);
            rc = tu_trend(lr, sc, tu_ngroups(lr), &u, &v, &c, &p);
            check_rc(rc, "logrank_trend");
            surv_result_free(lr);
          }
          {
            surv_counts *c = NULL;
            surv_logrank_options o = SURV_LOGRANK_OPTIONS_INIT;
            surv_data d = SURV_DATA_INIT;
            announce("counts_logrank t %zu s %zu g %zu rho %g", it, is, ig,
                     rhos[r]);
            d.n = 6;
            d.time = t;
            d.status = st;
            d.group = gs[ig];
            d.strata = g_two;
            o.rho = rhos[r];
            rc = surv_counts_new(&c);
            if (rc == SURV_OK)
              rc = surv_counts_add(c, &d);
            if (rc == SURV_OK)
              rc = surv_counts_logrank_test(c, &o, &lr);
            check_rc(rc, "counts_logrank_test");
            if (rc == SURV_OK) {
              check_p(rc, tu_p(lr), "counts_logrank_test");
              surv_result_free(lr);
            }
            surv_counts_free(c);
          }
          announce("logrank_counting t %zu s %zu g %zu rho %g", it, is, ig,
                   rhos[r]);
          rc = tu_logrank(it == 2 ? e_late : e_zero, t, st, gs[ig], NULL, 6,
                          rhos[r], 0, &lr);
          check_rc(rc, "logrank_test_counting");
          if (rc == SURV_OK) {
            check_p(rc, tu_p(lr), "logrank_test_counting");
            surv_result_free(lr);
          }
        }
      {
        surv_result *na = NULL;
        int rc;
        announce("na_fit t %zu s %zu", it, is);
        rc = tu_na_fit(t, st, NULL, 6, SURV_NA_FH, &na);
        check_rc(rc, "na_fit");
        if (rc == SURV_OK) {
          for (k = 0; k <= 5; k++)
            for (l = 0; l < NLEVELS; l++) {
              announce("na_ci t %zu s %zu type %zu level %.17g", it, is, k,
                       extreme_levels[l]);
              rc = surv_curve_ci(na, (surv_ci_type)k, extreme_levels[l], lo, hi,
                                 tu_rows(na));
              check_rc(rc, "na_ci");
            }
          surv_result_free(na);
        }
      }
      {
        surv_result *cif = NULL;
        int rc;
        announce("cif_fit t %zu", it);
        rc = tu_cif_fit(t, s_cr, 6, 0, &cif);
        check_rc(rc, "cif_fit");
        if (rc == SURV_OK) {
          for (k = 0; k <= 5; k++)
            for (l = 0; l < NLEVELS; l++) {
              announce("cif_ci t %zu type %zu level %.17g", it, k,
                       extreme_levels[l]);
              rc = tu_cif_ci(cif, 1, (surv_ci_type)k, extreme_levels[l], lo, hi,
                             tu_rows(cif));
              check_rc(rc, "cif_ci");
            }
          surv_result_free(cif);
        }
        for (ig = 0; ig < 3; ig++)
          for (r = 0; r < sizeof rhos / sizeof rhos[0]; r++) {
            double c, p;
            size_t df;
            announce("cif_gray t %zu g %zu rho %g", it, ig, rhos[r]);
            rc = tu_cif_gray(t, s_cr, gs[ig], NULL, 6, 1, rhos[r], &c, &df, &p);
            /* NaN only as cmprsk's NA: a singular variance, no statistic */
            if (rc == SURV_OK && isnan(c))
              ck_assert_msg(isnan(p), "cif_gray: p %.17g (%s)", p, g_last);
            else
              check_p(rc, p, "cif_gray");
          }
      }
      {
        surv_result *a = NULL, *b = NULL;
        int rc = tu_km_fit(t, st, NULL, NULL, 6, 0, &a);
        check_rc(rc, "km_fit");
        if (rc == SURV_OK)
          rc = tu_km_fit(t, s_mix, NULL, NULL, 3, 0, &b);
        for (k = 0; rc == SURV_OK && k < sizeof taus / sizeof taus[0]; k++)
          for (l = 0; l < NLEVELS; l++) {
            double m, se, ml, mu, d, p;
            int rc2;
            announce("km_rmst t %zu s %zu tau %g level %.17g", it, is, taus[k],
                     extreme_levels[l]);
            rc2 = surv_curve_rmst(a, taus[k], extreme_levels[l], &m, &se, &ml,
                                  &mu, 1);
            check_ci(rc2, ml, mu, "km_rmst");
            announce("km_rmst_diff t %zu s %zu tau %g level %.17g", it, is,
                     taus[k], extreme_levels[l]);
            rc2 = surv_curve_rmst_diff(a, 0, b, 0, taus[k], extreme_levels[l],
                                       &d, &se, &ml, &mu, &p);
            check_ci(rc2, ml, mu, "km_rmst_diff");
            if (rc2 == SURV_OK && !isnan(p))
              check_p(rc2, p, "km_rmst_diff");
          }
        surv_result_free(a);
        surv_result_free(b);
      }
      for (k = 0; k <= 5; k++)
        for (l = 0; l < NLEVELS; l++) {
          double m, ml, mu;
          int rc;
          announce("km_followup t %zu s %zu type %zu level %.17g", it, is, k,
                   extreme_levels[l]);
          rc = tu_km_followup(t, st, NULL, 6, 0, (surv_ci_type)k,
                              extreme_levels[l], &m, &ml, &mu);
          check_ci(rc, ml, mu, "km_followup");
        }
    }
}
END_TEST

/* Reconstruction with extreme points, tables and options: survival values
 * at +-DBL_MAX and denormals, times near DBL_MAX, a table of 10^5 patients
 * with one point, tolerances from 0 to 1, both routes. */
START_TEST(test_ipd_extremes) {
  static const double sv[] = {0, 1e-308, 4.9e-324, 0.5,      1 - 1e-16,
                              1, 1.0001, -1e-300,  -DBL_MAX, DBL_MAX};
  static const double tv[] = {0, 1e-300, 1, 1e300, DBL_MAX};
  static const double totals[] = {1, 2, 1000, 1e5};
  static const double tols[] = {0, 1e-300, 1e-9, 0.5, 1};
  size_t nsv = sizeof sv / sizeof sv[0], ntv = sizeof tv / sizeof tv[0];
  for (size_t a = 0; a < nsv; a++)
    for (size_t b = 0; b < ntv; b++)
      for (size_t c = 0; c < sizeof totals / sizeof totals[0]; c++)
        for (int route = 0; route < 2; route++) {
          double t[3] = {0, tv[b] / 2, tv[b]}, s[3] = {1, sv[a], sv[a] / 2};
          double rt[2] = {0, tv[b] / 4}, nr[2] = {totals[c], totals[c] / 2};
          double mk[1] = {tv[b] / 3};
          surv_ipd_options o = SURV_IPD_OPTIONS_INIT;
          o.total = totals[c];
          o.events = c % 2 ? 1 : 0;
          if (route) {
            o.flags = SURV_IPD_EXACT;
            o.censor_t = mk;
            o.n_censor = 1;
            o.tol = tols[(a + b) % 5];
          }
          nr[1] = floor(nr[1]);
          surv_result *r = NULL;
          announce("ipd s %.17g t %.17g total %.17g route %d", sv[a], tv[b],
                   totals[c], route);
          int rc = surv_ipd_reconstruct(t, s, 3, rt, nr, b % 2 ? 2 : 0, &o, &r);
          ck_assert_msg(rc >= 0 && rc <= 15, "rc %d", rc);
          surv_result_free(r);
        }
}
END_TEST

/* Cox fits on extreme data and options: every call returns a code, every
 * p-value of a fit is in [0, 1] or NaN, and the predicted curve is built at
 * every extreme confidence level. */
/* Every residual type (collapsed by a cluster column too) and the zph test
 * under every transform on the fit: codes only, p-values in [0, 1] or NaN. */
static void drive_coxdiag(const surv_result *fit, const surv_data *d0) {
  static const int cl[64] = {0};
  surv_data d = *d0;
  if (d.n <= 64 && !d.cluster)
    d.cluster = cl;
  for (int ty = 0; ty <= SURV_RESID_DFBETAS + 1; ty++)
    for (unsigned fl = 0; fl < 2; fl++) {
      surv_result *r = NULL;
      announce("cox_residuals type %d flags %u", ty, fl);
      int rc = surv_cox_residuals(fit, &d, (surv_cox_residual_type)ty,
                                  fl ? SURV_COX_RESID_COLLAPSE : 0u, &r);
      check_rc(rc, "cox_residuals");
      surv_result_free(r);
    }
  for (int tr = 0; tr <= SURV_ZPH_LOG + 1; tr++) {
    surv_cox_zph_options o = SURV_COX_ZPH_OPTIONS_INIT;
    surv_result *z = NULL;
    size_t len;
    o.transform = (surv_cox_zph_transform)tr;
    announce("cox_zph transform %d", tr);
    int rc = surv_cox_zph(fit, &d, &o, &z);
    check_rc(rc, "cox_zph");
    if (rc == SURV_OK) {
      const double *p = surv_result_column(z, SURV_COL_P_VALUE, &len);
      for (size_t j = 0; j < len; j++)
        ck_assert_msg(isnan(p[j]) || (p[j] >= 0 && p[j] <= 1), "zph p %g (%s)",
                      p[j], g_last);
    }
    surv_result_free(z);
  }
}

static void drive_cox(const surv_result *fit, const char *what) {
  static const surv_test_kind kinds[] = {
      SURV_TEST_LR, SURV_TEST_WALD, SURV_TEST_SCORE, SURV_TEST_ROBUST_SCORE};
  size_t len, j, l;
  surv_test t;
  for (j = 0; j < 4; j++)
    if (surv_result_test(fit, kinds[j], &t) == SURV_OK)
      ck_assert_msg(isnan(t.p_value) || (t.p_value >= 0 && t.p_value <= 1),
                    "%s: test %zu p = %g (%s)", what, j, t.p_value, g_last);
  const double *p = surv_result_column(fit, SURV_COL_P_VALUE, &len);
  for (j = 0; j < len; j++)
    ck_assert_msg(isnan(p[j]) || (p[j] >= 0 && p[j] <= 1), "%s: p %g (%s)",
                  what, p[j], g_last);
  for (l = 0; l < NLEVELS; l++)
    for (int ty = 0; ty <= SURV_CI_ARCSIN + 1; ty++) {
      surv_cox_survfit_options so = SURV_COX_SURVFIT_OPTIONS_INIT;
      surv_result *c = NULL;
      so.conf_level = extreme_levels[l];
      so.conf_type = (surv_ci_type)ty;
      announce("%s survfit level %g type %d", what, extreme_levels[l], ty);
      check_rc(surv_cox_survfit(fit, NULL, &so, &c), "cox_survfit");
      surv_result_free(c);
    }
}

START_TEST(test_cox_extremes) {
  static const double t_huge[] = {1e308, DBL_MAX, 4.9e-324, 1, 1e-300, 1e300};
  static const double t_tied[] = {2, 2, 2, 2, 2, 2};
  static const double t_near[] = {0.3, 0.1 + 0.2, 0.3 + 1e-9, 1, 1 + 1e-15, 2};
  static const double e_late[] = {0, 1e-310, 0, 0.5, 1e-310, 1.5};
  static const int s_mix[] = {1, 0, 1, 1, 0, 1};
  static const int s_all0[] = {0, 0, 0, 0, 0, 0};
  static const int s_all1[] = {1, 1, 1, 1, 1, 1};
  static const double x_plain[] = {0.5, 1, -1, 2, 0, 3};
  static const double x_huge[] = {1e300, -1e300, DBL_MAX, 0, 1, -DBL_MAX};
  static const double x_tiny[] = {4.9e-324, 0, -4.9e-324, 1e-310, 0, 1e-300};
  static const double x_sep[] = {100, 90, 80, 70, 60, 50};
  static const double x_const[] = {7, 7, 7, 7, 7, 7};
  static const double w_odd[] = {1e-300, 1e300, 1, 4.9e-324, 2, 1};
  static const double o_big[] = {700, -700, 0, 1e-300, 709, -745};
  static const int strata[] = {1, 1, 2, 2, 3, 3};
  static const double levels[] = {0, 1e-300, 0.5, 1 - 1e-16, NAN};
  static const double epss[] = {0, 4.9e-324, 1e-300, 1e300, NAN, INFINITY};
  const double *ts[] = {t_huge, t_tied, t_near};
  const int *ss[] = {s_mix, s_all0, s_all1};
  const double *xs[] = {x_plain, x_huge, x_tiny, x_sep, x_const};
  for (size_t it = 0; it < 3; it++)
    for (size_t is = 0; is < 3; is++)
      for (size_t ix = 0; ix < 5; ix++)
        for (int ties = 0; ties <= 3; ties++)
          for (size_t v = 0; v < 6; v++) {
            surv_data d = SURV_DATA_INIT;
            surv_cox_options o = SURV_COX_OPTIONS_INIT;
            surv_result *fit = NULL;
            d.n = 6;
            d.time = ts[it];
            d.status = ss[is];
            d.x = xs[ix];
            d.p = 1;
            o.ties = (surv_cox_ties)ties;
            if (v == 1)
              d.weight = w_odd;
            if (v == 2)
              d.offset = o_big;
            if (v == 3) {
              d.strata = strata;
              d.cluster = strata;
            }
            if (v == 4 && it != 0)
              d.entry = e_late;
            if (v == 5) {
              o.flags = SURV_COX_ROBUST;
              o.iter_max = 1;
              o.conf_level = levels[(it + is + ix) % 5];
              o.eps = epss[(it + ix) % 6];
              o.toler_chol = epss[(is + ix + 1) % 6];
            }
            announce("cox t %zu s %zu x %zu ties %d v %zu", it, is, ix, ties,
                     v);
            int rc = surv_cox_fit(&d, &o, &fit);
            check_rc(rc, "cox_fit");
            if (rc == SURV_OK) {
              drive_cox(fit, "cox_fit");
              drive_coxdiag(fit, &d);
              surv_result_free(fit);
            }
          }
}
END_TEST

/* Concordance under every time weight, flag combination, strata and
 * (start, stop] rows, with extreme times, predictors and weights. */
START_TEST(test_concordance_extremes) {
  static const double t_huge[] = {1e308, DBL_MAX, 4.9e-324, 1, 1e-300, 1e300};
  static const double t_tied[] = {2, 2, 2, 2, 2, 2};
  static const double t_near[] = {0.3, 0.1 + 0.2, 0.3 + 1e-9, 1, 1 + 1e-15, 2};
  static const double x_ext[] = {-INFINITY, DBL_MAX, -0.0,
                                 0.0,       1e-300,  INFINITY};
  static const double x_same[] = {1, 1, 1, 1, 1, 1};
  static const double w_ext[] = {0, 1e300, 4.9e-324, 1, 0, 1e-300};
  static const double w_zero[] = {0, 0, 0, 0, 0, 0};
  static const int s_mix[] = {1, 0, 1, 1, 0, 1};
  static const int s_all1[] = {1, 1, 1, 1, 1, 1};
  static const int g_two[] = {0, 1, 0, 1, 0, 1};
  static const int cl[] = {INT_MIN, INT_MAX, 0, INT_MIN, 5, 5};
  static const double e_half[] = {0, 0, 0, 0.5, 0, 0};
  const double *ts[] = {t_huge, t_tied, t_near};
  const double *xs[] = {x_ext, x_same};
  const double *ws[] = {NULL, w_ext, w_zero};
  const int *ss[] = {s_mix, s_all1};
  for (size_t it = 0; it < 3; it++)
    for (size_t ix = 0; ix < 2; ix++)
      for (size_t iw = 0; iw < 3; iw++)
        for (size_t is = 0; is < 2; is++)
          for (int tw = 0; tw <= 5; tw++)
            for (unsigned fl = 0; fl < 4; fl++)
              for (int v = 0; v < 3; v++) {
                surv_data d = SURV_DATA_INIT;
                surv_concordance_options o = SURV_CONCORDANCE_OPTIONS_INIT;
                surv_result *r = NULL;
                double c = 0, se = 0;
                int rc;
                d.n = 6;
                d.time = ts[it];
                d.status = ss[is];
                d.weight = ws[iw];
                d.strata = v == 1 ? g_two : NULL;
                d.cluster = v == 2 ? cl : NULL;
                d.entry = v == 2 ? e_half : NULL;
                o.timewt = (surv_concordance_timewt)tw;
                o.flags = (fl & 1u ? SURV_NO_TIMEFIX : 0u) |
                          (fl & 2u ? SURV_CONCORDANCE_REVERSE : 0u);
                announce("concordance t %zu x %zu w %zu s %zu tw %d fl %u v %d",
                         it, ix, iw, is, tw, fl, v);
                rc = surv_concordance_fit(&d, xs[ix], &o, &r);
                if (rc == SURV_OK) {
                  ck_assert_int_eq(
                      surv_result_stat(r, SURV_STAT_CONCORDANCE, &c), 0);
                  ck_assert_int_eq(
                      surv_result_stat(r, SURV_STAT_CONCORDANCE_SE, &se), 0);
                  ck_assert(isnan(c) || (c >= 0 && c <= 1));
                  surv_result_free(r);
                }
              }
}
END_TEST

/* Parametric regression: every distribution on extreme data (times from
 * denormal to 1e300, all tied, all censored, left- and interval-censored
 * rows, covariates of 1e300, a fixed scale, strata), then predictions at
 * extreme probabilities. */
START_TEST(test_survreg_extremes) {
  static const double t_huge[] = {1e300, 4.9e-324, 1, 1e-300, 1e150, 2};
  static const double t_tied[] = {2, 2, 2, 2, 2, 2};
  static const double t_plain[] = {1, 2, 3, 4, 5, 6};
  static const double t2[] = {3, 1e300, 4, 5, DBL_MAX, 7};
  static const int s_mix[] = {1, 0, 1, 2, 3, 1};
  static const int s_all0[] = {0, 0, 0, 0, 0, 0};
  static const int s_all1[] = {1, 1, 1, 1, 1, 1};
  static const int s_int[] = {3, 3, 2, 3, 0, 3};
  static const double x_huge[] = {1e300, -1e300, 0, 1, 1e-300, 2};
  static const double x_sep[] = {0, 0, 0, 1, 1, 1};
  static const double x_one[] = {1, 1, 1, 1, 1, 1};
  static const int strata[] = {1, 2, 1, 2, 1, 2};
  static const double ps[] = {4.9e-324, 1e-300, 0.5, 1 - 1e-16, 0, 1, NAN};
  const double *ts[] = {t_huge, t_tied, t_plain};
  const int *ss[] = {s_mix, s_all0, s_all1, s_int};
  const double *xs[] = {x_huge, x_sep, x_one, NULL};
  size_t it, is, ix, k, m, q;
  for (k = 0; k < 8; k++)
    for (it = 0; it < 3; it++)
      for (is = 0; is < 4; is++)
        for (ix = 0; ix < 4; ix++)
          for (m = 0; m < 3; m++) {
            surv_survreg_options o = SURV_SURVREG_OPTIONS_INIT;
            surv_data d = SURV_DATA_INIT;
            surv_result *fit = NULL;
            int rc;
            d.n = 6;
            d.time = ts[it];
            d.time2 = t2;
            d.status = ss[is];
            d.x = xs[ix];
            d.p = xs[ix] ? 1 : 0;
            o.dist = (surv_survreg_dist)k;
            if (m == 1)
              o.scale = 1e-300;
            if (m == 2)
              d.strata = strata;
            announce("survreg_fit dist %zu t %zu s %zu x %zu mode %zu", k, it,
                     is, ix, m);
            rc = surv_survreg_fit(&d, &o, &fit);
            check_rc(rc, "survreg_fit");
            if (rc != SURV_OK)
              continue;
            for (q = 0; q < 4; q++) {
              size_t j;
              double f[6 * 7], se[6 * 7];
              announce("survreg_predict dist %zu t %zu s %zu x %zu type %zu", k,
                       it, is, ix, q);
              rc = surv_survreg_predict(fit, &d, (surv_survreg_pred)q, ps, 7, f,
                                        se, q >= 2 ? 42 : 6);
              check_rc(rc, "survreg_predict");
              for (j = 0; q >= 2 && j < 4; j++) {
                rc = surv_survreg_predict(fit, &d, (surv_survreg_pred)q, ps + j,
                                          1, f, se, 6);
                check_rc(rc, "survreg_predict");
              }
            }
            surv_result_free(fit);
          }
}
END_TEST

/* Simultaneous bands: every level, ranges at the ends of (0, 1), a curve
 * with huge and denormal times. */
START_TEST(test_band_extremes) {
  static const double ab[][2] = {{0, 1e-300},        {0, 1 - 1e-16},
                                 {1e-300, 0.5},      {0.5, 0.5 + 1e-15},
                                 {1e-12, 1 - 1e-12}, {0.3, 0.9}};
  static const double t[] = {1e-300, 1, 2, 3, 1e300, DBL_MAX};
  static const int st[] = {1, 1, 0, 1, 1, 0};
  surv_data d = SURV_DATA_INIT;
  surv_result *km = NULL;
  size_t i, j, m;
  for (m = 0; m < 2; m++)
    for (i = 0; i < sizeof ab / sizeof ab[0]; i++)
      for (j = 0; j < NLEVELS; j++) {
        double c = NAN;
        int rc;
        announce("surv_curve_band_critical(%zu, %g, %g, %g)", m, ab[i][0],
                 ab[i][1], extreme_levels[j]);
        rc = surv_curve_band_critical((surv_curve_band_method)m, ab[i][0],
                                      ab[i][1], extreme_levels[j], &c);
        check_rc(rc, "surv_curve_band_critical");
        if (rc == SURV_OK)
          ck_assert_msg(c > 0 && isfinite(c), "critical %g (%s)", c, g_last);
      }
  d.n = 6;
  d.time = t;
  d.status = st;
  ck_assert_int_eq(surv_km_fit(&d, SURV_NO_TIMEFIX, &km), SURV_OK);
  for (m = 0; m < 2; m++)
    for (j = 0; j < NLEVELS; j++) {
      surv_curve_band_options o = SURV_CURVE_BAND_OPTIONS_INIT;
      surv_result *b = NULL;
      int rc;
      o.method = (surv_curve_band_method)m;
      o.type = j % 2 ? SURV_CI_ARCSIN : SURV_CI_LOGLOG;
      o.level = extreme_levels[j];
      announce("surv_curve_band(method %zu, level %g)", m, o.level);
      rc = surv_curve_band(km, -HUGE_VAL, HUGE_VAL, &o, &b);
      check_rc(rc, "surv_curve_band");
      surv_result_free(b);
      b = NULL;
      rc = surv_curve_band(km, 0, 1e300, &o, &b);
      check_rc(rc, "surv_curve_band");
      surv_result_free(b);
    }
  surv_result_free(km);
}
END_TEST

int main(void) {
  Suite *s = suite_create("gslabort");
  TCase *tc = tcase_create("default handler");
  SRunner *sr;
  int nfailed;
  tcase_set_timeout(tc, 600);
  tcase_add_test(tc, test_announce_works);
  tcase_add_test(tc, test_km_extremes);
  tcase_add_test(tc, test_fisher_2x2_extremes);
  tcase_add_test(tc, test_mh_extremes);
  tcase_add_test(tc, test_chisq_gtest_extremes);
  tcase_add_test(tc, test_rxc_extremes);
  tcase_add_test(tc, test_prop_extremes);
  tcase_add_test(tc, test_binom_extremes);
  tcase_add_test(tc, test_compare_extremes);
  tcase_add_test(tc, test_ipd_extremes);
  tcase_add_test(tc, test_cox_extremes);
  tcase_add_test(tc, test_concordance_extremes);
  tcase_add_test(tc, test_survreg_extremes);
  tcase_add_test(tc, test_power_extremes);
  tcase_add_test(tc, test_band_extremes);
  suite_add_tcase(s, tc);
  /* GSL's own default: print and abort(). Not the test tripwire. */
  gsl_set_error_handler(NULL);
  signal(SIGABRT, on_abort);
  sr = srunner_create(s);
  srunner_set_fork_status(sr, CK_NOFORK);
  srunner_run_all(sr, CK_NORMAL);
  nfailed = srunner_ntests_failed(sr);
  srunner_free(sr);
  printf("check_gslabort: %d calls survived GSL's default handler\n", g_calls);
  return nfailed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
