/* Sample size and power (lib/power.c).
 * - R fixtures (tests/fixtures/make-power-fixtures.R) at 1e-10 relative:
 *   power.prop.test, the corrected z tests, brute-force exact binomial and
 *   Fisher power, Schoenfeld's and Freedman's events, integrated P(event);
 * - published worked examples at their printed precision (each cited):
 *   gsDesign, SAS PROC SEQDESIGN and PROC POWER, Stata stpower logrank and
 *   power twoproportions, Stat Med 2017;36:4121;
 * - round trips (power at the computed size is the target), the exact
 *   searches' minimality;
 * - every error path, with outputs left untouched. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <surv.h>

#include "testutil.h"

static surv_power_options row_options(const tu_table *t, size_t r) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  const char *m = tu_table_str(t, r, tu_table_col(t, "method"));
  o.alpha = tu_table_num(t, r, tu_table_col(t, "alpha"));
  o.ratio = tu_table_num(t, r, tu_table_col(t, "ratio"));
  o.method = strcmp(m, "schoenfeld") == 0            ? SURV_POWER_SCHOENFELD
             : strcmp(m, "freedman") == 0            ? SURV_POWER_FREEDMAN
             : strcmp(m, "exact") == 0               ? SURV_POWER_EXACT
             : strncmp(m, "lachin_foulkes", 14) == 0 ? SURV_POWER_LACHIN_FOULKES
                                                     : SURV_POWER_NORMAL;
  if (strcmp(m, "lachin_foulkes_log") == 0)
    o.flags |= SURV_POWER_LOG_HAZARD;
  if (tu_table_num(t, r, tu_table_col(t, "sided")) == 1)
    o.flags |= SURV_POWER_ONE_SIDED;
  if (tu_table_num(t, r, tu_table_col(t, "strict")) == 1)
    o.flags |= SURV_POWER_STRICT;
  if (tu_table_num(t, r, tu_table_col(t, "cc")) == 1)
    o.flags |= SURV_POWER_CONTINUITY;
  o.accrual = tu_table_num(t, r, tu_table_col(t, "accrual"));
  o.follow_up = tu_table_num(t, r, tu_table_col(t, "follow_up"));
  o.dropout = tu_table_num(t, r, tu_table_col(t, "dropout"));
  return o;
}

START_TEST(test_r_fixture) {
  tu_table *t = tu_table_read("power.tsv");
  int cf = tu_table_col(t, "func"), ca = tu_table_col(t, "a"),
      cb = tu_table_col(t, "b"), cc = tu_table_col(t, "c"),
      cv = tu_table_col(t, "value");
  size_t r, nrow = tu_table_nrow(t), seen = 0;
  char ctx[256];
  ck_assert_uint_ge(nrow, 1300);
  for (r = 0; r < nrow; r++) {
    surv_power_options o = row_options(t, r);
    const char *f = tu_table_str(t, r, cf);
    double a = tu_table_num(t, r, ca), b = tu_table_num(t, r, cb),
           c = tu_table_num(t, r, cc), want = tu_table_num(t, r, cv), got = NAN,
           e = NAN, pe = NAN;
    int rc;
    if (strcmp(f, "prop_power") == 0)
      rc = surv_power_prop(a, b, c, &o, &got);
    else if (strcmp(f, "prop_n") == 0)
      rc = surv_power_prop_n(a, b, c, &o, &got, NULL);
    else if (strcmp(f, "binom_power") == 0)
      rc = surv_power_binom(a, b, c, &o, &got);
    else if (strcmp(f, "binom_n") == 0)
      rc = surv_power_binom_n(a, b, c, &o, &got);
    else if (strcmp(f, "logrank_power") == 0)
      rc = surv_power_logrank(a, b, &o, &got);
    else if (strcmp(f, "logrank_events") == 0)
      rc = surv_power_logrank_events(a, b, &o, &got);
    else if (strcmp(f, "logrank_n") == 0)
      rc = surv_power_logrank_n(a, b, c, &o, &got, &e, &pe);
    else if (strcmp(f, "logrank_pevent") == 0)
      rc = surv_power_logrank_n(a, b, c, &o, &e, NULL, &got);
    else if (strcmp(f, "logrank_total") == 0)
      rc = surv_power_logrank_total(a, b, c, &o, &got, &e);
    else
      ck_abort_msg("unknown func '%s'", f);
    snprintf(ctx, sizeof ctx,
             "row %zu %s %s a %g b %g c %g alpha %g ratio %g flags %#x "
             "design %g %g %g",
             r + 1, f, tu_table_str(t, r, tu_table_col(t, "method")), a, b, c,
             o.alpha, o.ratio, o.flags, o.accrual, o.follow_up, o.dropout);
    ck_assert_msg(rc == SURV_OK, "%s: %s", ctx, surv_strerror(rc));
    TU_ASSERT_REL(got, want, 1e-10, ctx);
    seen++;
  }
  ck_assert_uint_eq(seen, nrow);
  tu_table_free(t);
}
END_TEST

/* ---- published worked examples ------------------------------------------ */

START_TEST(test_published) {
  double v;
  /* R package factorial2x2 1.0, lgrkPower(hr = 0.5, nevent = 98, alpha =
   * 0.05, rprob = 0.5) documented as $power 0.9293463 (Schoenfeld 1981,
   * two-sided, equal allocation). */
  ck_assert_int_eq(surv_power_logrank(0.5, 98, NULL, &v), SURV_OK);
  ck_assert_msg(fabs(v - 0.9293463) < 0.5e-7, "lgrkPower %.10g", v);
  /* Statistics in Medicine 2017, 36:4121-4140 (PMC6478034), Table 3, "# Events
   * N for PH assumption (80% power, alpha = 0.05 one-sided, r = 1)", N
   * "rounded up to an even number": hazard ratios 0.85 to 0.4. */
  {
    static const double hr[10] = {0.85, 0.8,  0.75, 0.7,  0.65,
                                  0.6,  0.55, 0.5,  0.45, 0.4};
    static const double events[10] = {938, 498, 300, 196, 134,
                                      96,  70,  52,  40,  30};
    surv_power_options o = SURV_POWER_OPTIONS_INIT;
    size_t i;
    o.flags = SURV_POWER_ONE_SIDED;
    for (i = 0; i < 10; i++) {
      ck_assert_int_eq(surv_power_logrank_events(hr[i], 0.8, &o, &v), SURV_OK);
      ck_assert_msg(2.0 * ceil(v / 2.0) == events[i],
                    "hr %g: %.6g events, the table %g", hr[i], v, events[i]);
    }
  }
}
END_TEST

/* Lachin and Foulkes designs (one-sided alpha 0.025, power 0.9, equal
 * allocation; gsDesign's lambda1 is our lambda0, its lambda2 hr * lambda0,
 * its Tr our accrual and Ts - Tr our follow-up, eta our dropout). */
static void lf_case(double hr, double lambda0, double accrual, double follow_up,
                    double dropout, unsigned flags, double *n, double *events) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  o.method = SURV_POWER_LACHIN_FOULKES;
  o.flags = SURV_POWER_ONE_SIDED | flags;
  o.alpha = 0.025;
  o.accrual = accrual;
  o.follow_up = follow_up;
  o.dropout = dropout;
  ck_assert_int_eq(surv_power_logrank_n(hr, lambda0, 0.9, &o, n, events, NULL),
                   SURV_OK);
}

START_TEST(test_published_lachin_foulkes) {
  double n, e, v;
  /* gsDesign reference manual, nSurv(), Examples (keaven.github.io/gsDesign/
   * reference/nSurv.html; its method is Lachin-Foulkes on the log hazard
   * ratio), printed to 4 decimals as "Expected events (total, H1)" and
   * "Expected sample size (total)":
   *   "vary accrual rate to obtain power": lambdaC = log(2)/6, hr = .5, eta =
   *   log(2)/40, T = 36, minfup = 12 (accrual 24): 86.3258, 119.8184;
   *   "vary accrual duration to obtain power" (accrual 6, minfup 12):
   *   86.8217, 137.2033; "vary follow-up duration to obtain power" (accrual
   *   12, minfup 6): 87.2677, 155.8581. */
  lf_case(0.5, log(2) / 6, 24, 12, log(2) / 40, SURV_POWER_LOG_HAZARD, &n, &e);
  ck_assert_msg(fabs(n - 119.8184) < 0.5e-4 && fabs(e - 86.3258) < 0.5e-4,
                "nSurv T = 36: n %.10g events %.10g", n, e);
  lf_case(0.5, log(2) / 6, 6, 12, log(2) / 40, SURV_POWER_LOG_HAZARD, &n, &e);
  ck_assert_msg(fabs(n - 137.2033) < 0.5e-4 && fabs(e - 86.8217) < 0.5e-4,
                "nSurv accrual 6: n %.10g events %.10g", n, e);
  lf_case(0.5, log(2) / 6, 12, 6, log(2) / 40, SURV_POWER_LOG_HAZARD, &n, &e);
  ck_assert_msg(fabs(n - 155.8581) < 0.5e-4 && fabs(e - 87.2677) < 0.5e-4,
                "nSurv accrual 12: n %.10g events %.10g", n, e);
  /* gsDesign vignette "Survival Overview" (SurvivalOverview), section "Lachin
   * and Foulkes design", "Fixed design": control median 8, hr 0.7, dropout
   * 0.001, enrollment 12, minimum follow-up 16; nSurvival() prints "Sample
   * size (computed): n=422" (n rounded up to an even number) and "Events
   * required (computed): nEvents=330" (rounded up). */
  lf_case(0.7, log(2) / 8, 12, 16, 0.001, SURV_POWER_LOG_HAZARD, &n, &e);
  ck_assert_msg(2.0 * ceil(n / 2.0) == 422 && ceil(e) == 330,
                "SurvivalOverview: n %.10g events %.10g", n, e);
  /* gsDesign tests/testthat/_snaps (the printed nSurvival() objects of its
   * test of nSurvival's arguments): lambda1 = .2, lambda2 = .1, Ts = 2, Tr =
   * .5, one-sided alpha .025, power .9:
   *   eta = .1, type = "rr": "n=430", "nEvents=91";
   *   eta = 0, type = "rd" (the difference of the hazards, variances under
   *   H0 and H1: approx = FALSE): "n=414", "nEvents=94". */
  lf_case(0.5, 0.2, 0.5, 1.5, 0.1, SURV_POWER_LOG_HAZARD, &n, &e);
  ck_assert_msg(2.0 * ceil(n / 2.0) == 430 && ceil(e) == 91,
                "nSurvival rr: n %.10g events %.10g", n, e);
  lf_case(0.5, 0.2, 0.5, 1.5, 0.0, 0u, &n, &e);
  ck_assert_msg(2.0 * ceil(n / 2.0) == 414 && ceil(e) == 94,
                "nSurvival rd: n %.10g events %.10g", n, e);
  /* SAS/STAT PROC SEQDESIGN, one stage, MODEL=TWOSAMPLESURVIVAL(NULLHAZARD=
   * 0.03466 HAZARD=0.01733 ACCRUAL=UNIFORM FOLTIME=12 TOTALTIME=36), alpha
   * 0.05 two-sided, power 0.9 (its defaults): 87.4793 events, 197.1152
   * subjects (Schoenfeld's events over P(event); the SAS 9.4 output is
   * recorded in gsDesign's tests/benchmarks/SAS_nsurv_01.sas and quoted in
   * tests/testthat/test-independent-test-nSurv.R). */
  {
    surv_power_options o = SURV_POWER_OPTIONS_INIT;
    o.accrual = 24;
    o.follow_up = 12;
    ck_assert_int_eq(
        surv_power_logrank_n(0.01733 / 0.03466, 0.03466, 0.9, &o, &n, &e, NULL),
        SURV_OK);
    ck_assert_msg(fabs(n - 197.1152) < 0.5e-4 && fabs(e - 87.4793) < 0.5e-4,
                  "SEQDESIGN: n %.10g events %.10g", n, e);
    /* and its power at that size, the design's 0.9 */
    ck_assert_int_eq(
        surv_power_logrank_total(0.5, 0.03466, 197.1152, &o, &v, &e), SURV_OK);
    ck_assert_msg(fabs(v - 0.9) < 0.5e-6, "SEQDESIGN power %.10g", v);
  }
}
END_TEST

/* SAS PROC POWER and Stata examples. SAS's two-sided Pearson chi-square
 * power adds both tails (SURV_POWER_STRICT); Stata's power twoproportions
 * and stpower logrank print sizes rounded up. */
START_TEST(test_published_sas_stata) {
  double n, n2, e, pe, v;
  /* SAS/STAT User's Guide, PROC POWER, Example "The Sawtooth Power Function
   * in Proportion Analyses" (SAS sample library pwrex02.sas,
   * support.sas.com/documentation/onlinedoc/stat/ex_code/131/pwrex02.html):
   * ONESAMPLEFREQ, one-sided alpha 0.05, null proportion 0.3, proportion
   * 0.2, power 0.8: TEST=Z gives N Total 119 and TEST=ADJZ (continuity-
   * adjusted) 129, the two sizes its plots mark (XOPTS=(REF=119 129)). */
  {
    surv_power_options o = SURV_POWER_OPTIONS_INIT;
    double v119, v129;
    o.flags = SURV_POWER_ONE_SIDED;
    ck_assert_int_eq(surv_power_binom_n(0.3, 0.2, 0.8, &o, &n), SURV_OK);
    ck_assert_msg(ceil(n) == 119, "ONESAMPLEFREQ z: %.10g", n);
    o.flags = SURV_POWER_ONE_SIDED | SURV_POWER_CONTINUITY;
    ck_assert_int_eq(surv_power_binom_n(0.3, 0.2, 0.8, &o, &n), SURV_OK);
    ck_assert_msg(ceil(n) == 129, "ONESAMPLEFREQ adjz: %.10g", n);
    /* the example's point: the exact test's power is not monotone in N;
     * 119 subjects reach 0.8, the adjusted z test's 129 do not */
    o.flags = SURV_POWER_ONE_SIDED;
    o.method = SURV_POWER_EXACT;
    ck_assert_int_eq(surv_power_binom(0.3, 0.2, 119, &o, &v119), SURV_OK);
    ck_assert_int_eq(surv_power_binom(0.3, 0.2, 129, &o, &v129), SURV_OK);
    ck_assert_msg(v119 >= 0.8 && v129 < 0.8, "sawtooth %.6g %.6g", v119, v129);
  }
  /* SAS PROC POWER output (SAS 9.4) printed in rogerjdeangelis/utl-closed-
   * form-solution-for-sample-size-in-a-clinical-equlivalence-trial-using-r-
   * and-sas-and-sympy (the .sas file, section "sas proc power"):
   * TWOSAMPLEFREQ TEST=PCHI GROUPPS=(0.97 0.95) ALPHA=0.05 SIDES=2
   * POWER=0.9: "Computed N per Group", actual power 0.900, N per group
   * 2016. */
  {
    surv_power_options o = SURV_POWER_OPTIONS_INIT;
    o.flags = SURV_POWER_STRICT;
    ck_assert_int_eq(surv_power_prop_n(0.97, 0.95, 0.9, &o, &n, &n2), SURV_OK);
    ck_assert_msg(ceil(n) == 2016 && ceil(n2) == 2016, "PCHI: %.10g", n);
    ck_assert_int_eq(surv_power_prop(0.97, 0.95, 2016, &o, &v), SURV_OK);
    ck_assert_msg(fabs(v - 0.900) < 0.5e-3 && v >= 0.9, "PCHI power %.10g", v);
  }
  /* Stata 13, power twoproportions 0.5 0.8, power(0.95) (default test(chi2),
   * two-sided alpha 0.05): N per group 63, as reported in C. Lalanne,
   * "Bayesian power analysis and confidence intervals" (aliquote.org,
   * 2023-08-30), next to its printed test(lrchi2) output (65 per group, a
   * test libsurv does not plan). */
  ck_assert_int_eq(surv_power_prop_n(0.5, 0.8, 0.95, NULL, &n, &n2), SURV_OK);
  ck_assert_msg(ceil(n) == 63 && ceil(n2) == 63, "twoproportions: %.10g", n);
  /* Stata output transcribed in public analysis scripts (GitHub; found
   * through the search index, each printed by Stata itself):
   *   Stata 15.1, power oneproportion 0.3 0.5 and 0.5 0.7, alpha(0.05)
   *   power(0.8) (score z test, two-sided): N = 44 and 47; power
   *   twoproportions 0.3 0.5, 0.5 0.7 and 0.025 0.0125, power(0.8)
   *   (Pearson's chi-squared test): N per group 93, 93 and 1,848 (an R
   *   script "Sample size for diagnostic test.r" run through RStata);
   *   power twoproportions 0.90 0.75, n1(140) n2(461): power = 0.9872 (a
   *   Stata do-file);
   *   power twoproportions .5 .667, test(chi2) n(360): power = 0.8983
   *   (comments of an R simulation of group-sequential designs, "From
   *   STATA"). */
  {
    static const double one[2][3] = {{0.3, 0.5, 44}, {0.5, 0.7, 47}};
    static const double two[3][3] = {
        {0.3, 0.5, 93}, {0.5, 0.7, 93}, {0.025, 0.0125, 1848}};
    surv_power_options o = SURV_POWER_OPTIONS_INIT;
    size_t i;
    for (i = 0; i < 2; i++) {
      ck_assert_int_eq(surv_power_binom_n(one[i][0], one[i][1], 0.8, NULL, &n),
                       SURV_OK);
      ck_assert_msg(ceil(n) == one[i][2], "oneproportion %g %g: %.10g",
                    one[i][0], one[i][1], n);
    }
    for (i = 0; i < 3; i++) {
      ck_assert_int_eq(
          surv_power_prop_n(two[i][0], two[i][1], 0.8, NULL, &n, &n2), SURV_OK);
      ck_assert_msg(ceil(n) == two[i][2] && ceil(n2) == two[i][2],
                    "twoproportions %g %g: %.10g", two[i][0], two[i][1], n);
    }
    o.ratio = 461.0 / 140.0;
    ck_assert_int_eq(surv_power_prop(0.90, 0.75, 140, &o, &v), SURV_OK);
    ck_assert_msg(fabs(v - 0.9872) < 0.5e-4, "n1(140) n2(461): %.10g", v);
    ck_assert_int_eq(surv_power_prop(0.5, 0.667, 180, NULL, &v), SURV_OK);
    ck_assert_msg(fabs(v - 0.8983) < 0.5e-4, "n(360): %.10g", v);
  }
  /* Stata stpower logrank 0.62 0.75, nratio(1.5) wdprob(0.01): Freedman's
   * method, two-sided alpha 0.05, power 0.8, survival 0.62 (control) and
   * 0.75 at the end of the study; Stata prints hratio = 0.6018, E = 120,
   * N = 400, N1 = 160, N2 = 240 (AMATERASU trial statistical analysis plan,
   * JAMA 2019;321:1361-1369, Supplement, p. 30, as transcribed in a public
   * protocol inventory). Survival at the end of the study is our design with
   * no accrual and a follow-up of 1 at the control hazard -log(0.62); Stata
   * divides N by 1 - wdprob for withdrawal (not an exponential dropout
   * hazard: see surv_power_logrank_n(3)). */
  {
    surv_power_options o = SURV_POWER_OPTIONS_INIT;
    double hr = log(0.75) / log(0.62), total;
    o.method = SURV_POWER_FREEDMAN;
    o.ratio = 1.5;
    o.follow_up = 1.0;
    ck_assert_msg(fabs(hr - 0.6018) < 0.5e-4, "hratio %.10g", hr);
    ck_assert_int_eq(surv_power_logrank_n(hr, -log(0.62), 0.8, &o, &n, &e, &pe),
                     SURV_OK);
    total = ceil(n / (1.0 - 0.01));
    ck_assert_msg(ceil(e) == 120 && total == 400 && total / 2.5 == 160 &&
                      total - total / 2.5 == 240,
                  "stpower logrank: E %.10g N %.10g", e, n / 0.99);
    /* its events alone: the same 120 from surv_power_logrank_events */
    o.follow_up = 0.0;
    ck_assert_int_eq(surv_power_logrank_events(hr, 0.8, &o, &v), SURV_OK);
    ck_assert_msg(ceil(v) == 120 && fabs(v - e) < 1e-9 * e, "E %.10g", v);
  }
}
END_TEST

/* ---- properties --------------------------------------------------------- */

START_TEST(test_round_trips) {
  static const unsigned flagsets[] = {
      0, SURV_POWER_ONE_SIDED, SURV_POWER_STRICT, SURV_POWER_CONTINUITY,
      SURV_POWER_STRICT | SURV_POWER_CONTINUITY};
  static const double ratios[] = {1, 0.4, 2.5};
  size_t i, j;
  for (i = 0; i < sizeof flagsets / sizeof flagsets[0]; i++)
    for (j = 0; j < 3; j++) {
      surv_power_options o = SURV_POWER_OPTIONS_INIT;
      double n, pw, e;
      char ctx[96];
      o.flags = flagsets[i];
      o.ratio = ratios[j];
      snprintf(ctx, sizeof ctx, "flags %#x ratio %g", o.flags, o.ratio);
      ck_assert_int_eq(surv_power_prop_n(0.3, 0.45, 0.85, &o, &n, NULL),
                       SURV_OK);
      ck_assert_int_eq(surv_power_prop(0.3, 0.45, n, &o, &pw), SURV_OK);
      TU_ASSERT_REL(pw, 0.85, 1e-12, ctx);
      ck_assert_int_eq(surv_power_binom_n(0.3, 0.4, 0.85, &o, &n), SURV_OK);
      ck_assert_int_eq(surv_power_binom(0.3, 0.4, n, &o, &pw), SURV_OK);
      TU_ASSERT_REL(pw, 0.85, 1e-12, ctx);
      if (o.flags & SURV_POWER_CONTINUITY)
        continue;
      o.method = SURV_POWER_FREEDMAN;
      ck_assert_int_eq(surv_power_logrank_events(0.75, 0.85, &o, &e), SURV_OK);
      ck_assert_int_eq(surv_power_logrank(0.75, e, &o, &pw), SURV_OK);
      TU_ASSERT_REL(pw, 0.85, 1e-12, ctx);
    }
}
END_TEST

/* A design's power at the size it needs is the target, every method. */
START_TEST(test_design_round_trips) {
  static const unsigned flagsets[] = {0, SURV_POWER_ONE_SIDED,
                                      SURV_POWER_STRICT};
  static const surv_power_method methods[] = {
      SURV_POWER_SCHOENFELD, SURV_POWER_FREEDMAN, SURV_POWER_LACHIN_FOULKES};
  size_t i, j, k;
  for (i = 0; i < 3; i++)
    for (j = 0; j < 3; j++)
      for (k = 0; k < 2; k++) {
        surv_power_options o = SURV_POWER_OPTIONS_INIT;
        double n, e, pe, pw, e2;
        char ctx[96];
        o.flags = flagsets[i];
        o.method = methods[j];
        if (k && o.method == SURV_POWER_LACHIN_FOULKES)
          o.flags |= SURV_POWER_LOG_HAZARD;
        o.ratio = k ? 2.5 : 0.6;
        o.accrual = 2;
        o.follow_up = 1.5;
        o.dropout = k ? 0.05 : 0.0;
        snprintf(ctx, sizeof ctx, "method %d flags %#x ratio %g", o.method,
                 o.flags, o.ratio);
        ck_assert_int_eq(surv_power_logrank_n(1.6, 0.4, 0.85, &o, &n, &e, &pe),
                         SURV_OK);
        TU_ASSERT_REL(e, n * pe, 1e-14, ctx);
        ck_assert_int_eq(surv_power_logrank_total(1.6, 0.4, n, &o, &pw, &e2),
                         SURV_OK);
        TU_ASSERT_REL(pw, 0.85, 1e-12, ctx);
        TU_ASSERT_REL(e2, e, 1e-14, ctx);
      }
}
END_TEST

START_TEST(test_exact_minimal) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  double n, n2, pw;
  o.method = SURV_POWER_EXACT;
  o.ratio = 1.5;
  ck_assert_int_eq(surv_power_prop_n(0.2, 0.65, 0.8, &o, &n, &n2), SURV_OK);
  ck_assert(n2 == ceil(1.5 * n));
  /* the size found reaches the power (n2 = ceil(1.5 n1)) */
  o.ratio = n2 / n;
  ck_assert_int_eq(surv_power_prop(0.2, 0.65, n, &o, &pw), SURV_OK);
  ck_assert(pw >= 0.8);
  o.ratio = 1.0;
  ck_assert_int_eq(surv_power_binom_n(0.5, 0.75, 0.9, &o, &n), SURV_OK);
  ck_assert_int_eq(surv_power_binom(0.5, 0.75, n, &o, &pw), SURV_OK);
  ck_assert(pw >= 0.9);
  ck_assert_int_eq(surv_power_binom(0.5, 0.75, n - 1, &o, &pw), SURV_OK);
  ck_assert(pw < 0.9);
  /* equal proportions: the exact test's power is its size, <= alpha */
  ck_assert_int_eq(surv_power_prop(0.3, 0.3, 40, &o, &pw), SURV_OK);
  ck_assert(pw > 0.0 && pw <= 0.05);
  /* the cap */
  o.max_n = 5;
  ck_assert_int_eq(surv_power_binom_n(0.5, 0.55, 0.9, &o, &n), SURV_ELIMIT);
}
END_TEST

/* ---- errors -------------------------------------------------------------- */

START_TEST(test_errors) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT, bad;
  double v = 42.0, e = 43.0, pe = 44.0;
  ck_assert_int_eq(surv_power_logrank(0.5, 10, NULL, NULL), SURV_ENULL);
  ck_assert_int_eq(surv_power_logrank_events(0.5, 0.8, NULL, NULL), SURV_ENULL);
  ck_assert_int_eq(surv_power_logrank_n(0.5, 1, 0.8, NULL, NULL, &e, &pe),
                   SURV_ENULL);
  ck_assert_int_eq(surv_power_binom(0.5, 0.6, 10, NULL, NULL), SURV_ENULL);
  ck_assert_int_eq(surv_power_binom_n(0.5, 0.6, 0.8, NULL, NULL), SURV_ENULL);
  ck_assert_int_eq(surv_power_prop(0.5, 0.6, 10, NULL, NULL), SURV_ENULL);
  ck_assert_int_eq(surv_power_prop_n(0.5, 0.6, 0.8, NULL, NULL, NULL),
                   SURV_ENULL);
  /* hazard ratios */
  ck_assert_int_eq(surv_power_logrank(1.0, 10, NULL, &v), SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank(0.0, 10, NULL, &v), SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank(-2, 10, NULL, &v), SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank(NAN, 10, NULL, &v), SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank(INFINITY, 10, NULL, &v), SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank(0.5, 0, NULL, &v), SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank(0.5, NAN, NULL, &v), SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank_events(1.0, 0.8, NULL, &v), SURV_EINVAL);
  /* power targets */
  ck_assert_int_eq(surv_power_logrank_events(0.5, 1.0, NULL, &v), SURV_EPROB);
  ck_assert_int_eq(surv_power_logrank_events(0.5, 0.0, NULL, &v), SURV_EPROB);
  ck_assert_int_eq(surv_power_logrank_events(0.5, NAN, NULL, &v), SURV_EPROB);
  ck_assert_int_eq(surv_power_logrank_events(0.5, 0.01, NULL, &v), SURV_EPROB);
  ck_assert_int_eq(surv_power_prop_n(0.5, 0.6, 1.5, NULL, &v, NULL),
                   SURV_EPROB);
  /* alpha and the other options */
  bad = o;
  bad.alpha = 1.0;
  ck_assert_int_eq(surv_power_logrank(0.5, 10, &bad, &v), SURV_EPROB);
  bad.alpha = -0.1;
  ck_assert_int_eq(surv_power_prop(0.5, 0.6, 10, &bad, &v), SURV_EPROB);
  bad.alpha = NAN;
  ck_assert_int_eq(surv_power_binom(0.5, 0.6, 10, &bad, &v), SURV_EPROB);
  bad = o;
  bad.ratio = -1;
  ck_assert_int_eq(surv_power_prop(0.5, 0.6, 10, &bad, &v), SURV_EINVAL);
  bad.ratio = INFINITY;
  ck_assert_int_eq(surv_power_logrank(0.5, 10, &bad, &v), SURV_EINVAL);
  bad = o;
  bad.flags = 0x1u;
  ck_assert_int_eq(surv_power_logrank(0.5, 10, &bad, &v), SURV_EINVAL);
  bad.flags = SURV_POWER_CONTINUITY;
  ck_assert_int_eq(surv_power_logrank(0.5, 10, &bad, &v), SURV_EINVAL);
  bad = o;
  bad.method = SURV_POWER_EXACT;
  ck_assert_int_eq(surv_power_logrank(0.5, 10, &bad, &v), SURV_EINVAL);
  bad.method = (surv_power_method)99;
  ck_assert_int_eq(surv_power_prop(0.5, 0.6, 10, &bad, &v), SURV_EINVAL);
  bad.method = SURV_POWER_FREEDMAN;
  ck_assert_int_eq(surv_power_prop(0.5, 0.6, 10, &bad, &v), SURV_EINVAL);
  ck_assert_int_eq(surv_power_binom(0.5, 0.6, 10, &bad, &v), SURV_EINVAL);
  bad = o;
  bad.accrual = -1;
  ck_assert_int_eq(surv_power_logrank_n(0.5, 1, 0.8, &bad, &v, &e, &pe),
                   SURV_ETIME);
  bad.accrual = 1;
  bad.follow_up = INFINITY;
  ck_assert_int_eq(surv_power_logrank_n(0.5, 1, 0.8, &bad, &v, &e, &pe),
                   SURV_ETIME);
  bad.follow_up = 1;
  bad.dropout = -0.1;
  ck_assert_int_eq(surv_power_logrank_n(0.5, 1, 0.8, &bad, &v, &e, &pe),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank_n(0.5, 0, 0.8, NULL, &v, &e, &pe),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank_n(0.5, -1, 0.8, NULL, &v, &e, &pe),
                   SURV_EINVAL);
  bad = o;
  bad.size = 3;
  ck_assert_int_eq(surv_power_logrank(0.5, 10, &bad, &v), SURV_ESIZE);
  /* proportions */
  ck_assert_int_eq(surv_power_prop(0.0, 0.6, 10, NULL, &v), SURV_EPROB);
  ck_assert_int_eq(surv_power_prop(0.5, 1.0, 10, NULL, &v), SURV_EPROB);
  ck_assert_int_eq(surv_power_prop(0.5, 0.6, 0, NULL, &v), SURV_EINVAL);
  ck_assert_int_eq(surv_power_prop_n(0.5, 0.5, 0.8, NULL, &v, NULL),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_power_binom(NAN, 0.6, 10, NULL, &v), SURV_EPROB);
  ck_assert_int_eq(surv_power_binom(0.5, 0.6, -3, NULL, &v), SURV_EINVAL);
  bad = o;
  bad.method = SURV_POWER_EXACT;
  ck_assert_int_eq(surv_power_binom(0.5, 0.6, 10.5, &bad, &v), SURV_EINVAL);
  ck_assert_int_eq(surv_power_binom(0.5, 1.5, 10, &bad, &v), SURV_EPROB);
  ck_assert_int_eq(surv_power_prop(0.5, 0.6, 0, &bad, &v), SURV_EINVAL);
  bad.ratio = 0.35;
  ck_assert_int_eq(surv_power_prop(0.5, 0.6, 10, &bad, &v), SURV_EINVAL);
  bad.ratio = 1;
  bad.flags = SURV_POWER_STRICT;
  ck_assert_int_eq(surv_power_prop(0.5, 0.6, 10, &bad, &v), SURV_EINVAL);
  /* Lachin-Foulkes and the design's power */
  ck_assert_int_eq(surv_power_logrank_total(0.5, 1, 100, NULL, NULL, &e),
                   SURV_ENULL);
  ck_assert_int_eq(surv_power_logrank_total(0.5, 1, 0, NULL, &v, &e),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank_total(0.5, 1, NAN, NULL, &v, &e),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank_total(0.5, 1, INFINITY, NULL, &v, &e),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank_total(1.0, 1, 100, NULL, &v, &e),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank_total(0.5, 0, 100, NULL, &v, &e),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank_total(0.5, 4.9e-324, 100, NULL, &v, &e),
                   SURV_EINVAL);
  bad = o;
  bad.method = SURV_POWER_LACHIN_FOULKES;
  ck_assert_int_eq(surv_power_logrank(0.5, 10, &bad, &v), SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank_events(0.5, 0.8, &bad, &v), SURV_EINVAL);
  ck_assert_int_eq(surv_power_prop(0.5, 0.6, 10, &bad, &v), SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank_n(1.0, 1, 0.8, &bad, &v, &e, &pe),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank_n(0.5, -1, 0.8, &bad, &v, &e, &pe),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank_n(0.5, 1, 0.01, &bad, &v, &e, &pe),
                   SURV_EPROB);
  ck_assert_int_eq(surv_power_logrank_n(0.5, 1, 1.0, &bad, &v, &e, &pe),
                   SURV_EPROB);
  bad.flags = SURV_POWER_CONTINUITY;
  ck_assert_int_eq(surv_power_logrank_n(0.5, 1, 0.8, &bad, &v, &e, &pe),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank_total(0.5, 1, 100, &bad, &v, &e),
                   SURV_EINVAL);
  /* no event observable: the hazards underflow over the design's time */
  bad.flags = 0;
  bad.accrual = 1e-300;
  bad.follow_up = 0;
  ck_assert_int_eq(surv_power_logrank_n(0.5, 1e-10, 0.8, &bad, &v, &e, &pe),
                   SURV_ESIZE);
  ck_assert_int_eq(surv_power_logrank_total(0.5, 1e-10, 100, &bad, &v, &e),
                   SURV_ESIZE);
  bad = o;
  bad.flags = SURV_POWER_LOG_HAZARD; /* only with Lachin-Foulkes */
  ck_assert_int_eq(surv_power_logrank_n(0.5, 1, 0.8, &bad, &v, &e, &pe),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_power_logrank_total(0.5, 1, 100, &bad, &v, &e),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_power_binom(0.5, 0.6, 10, &bad, &v), SURV_EINVAL);
  bad = o;
  bad.size = 3;
  ck_assert_int_eq(surv_power_logrank_total(0.5, 1, 100, &bad, &v, &e),
                   SURV_ESIZE);
  ck_assert(v == 42.0 && e == 43.0 && pe == 44.0);
}
END_TEST

static Suite *power_suite(void) {
  Suite *s = suite_create("power");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_r_fixture);
  tcase_add_test(tc, test_published);
  tcase_add_test(tc, test_published_lachin_foulkes);
  tcase_add_test(tc, test_published_sas_stata);
  tcase_add_test(tc, test_round_trips);
  tcase_add_test(tc, test_design_round_trips);
  tcase_add_test(tc, test_exact_minimal);
  tcase_add_test(tc, test_errors);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return tu_run_suite(power_suite()); }
