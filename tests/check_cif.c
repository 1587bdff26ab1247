/* Competing-risks module: Aalen-Johansen CIF with IJ standard errors and CIs
 * against R survfit on a factor status (tests/fixtures/cif.tsv), Gray's test
 * against cmprsk::cuminc (gray.tsv), both made by make-compare-fixtures.R on
 * mgus2; Gray's test against the documented example of cmprsk (gray-doc.tsv,
 * make-gray-doc-fixtures.R); hand-checked small cases; every error path. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "testutil.h"

#define RTOL 1e-10

typedef struct {
  size_t n;
  double *time;
  int *event, *sex, *age70, *age3;
} mgus;

/* sex_keep: -1 all, else only that sex */
static void load_mgus(mgus *d, int sex_keep) {
  tu_table *t = tu_table_read("cmp-mgus2.tsv");
  size_t i, nr = tu_table_nrow(t);
  d->time = malloc(nr * sizeof *d->time);
  d->event = malloc(nr * sizeof *d->event);
  d->sex = malloc(nr * sizeof *d->sex);
  d->age70 = malloc(nr * sizeof *d->age70);
  d->age3 = malloc(nr * sizeof *d->age3);
  d->n = 0;
  for (i = 0; i < nr; i++) {
    int sex = (int)tu_table_num(t, i, tu_table_col(t, "sex"));
    if (sex_keep >= 0 && sex != sex_keep)
      continue;
    d->time[d->n] = tu_table_num(t, i, tu_table_col(t, "time"));
    d->event[d->n] = (int)tu_table_num(t, i, tu_table_col(t, "event"));
    d->sex[d->n] = sex;
    d->age70[d->n] = (int)tu_table_num(t, i, tu_table_col(t, "age70"));
    d->age3[d->n] = (int)tu_table_num(t, i, tu_table_col(t, "age3"));
    d->n++;
  }
  tu_table_free(t);
}

static void free_mgus(mgus *d) {
  free(d->time);
  free(d->event);
  free(d->sex);
  free(d->age70);
  free(d->age3);
}

static const char *const subsets[] = {"all", "F", "M"};
static const char *const ci_names[] = {"plain", "log", "loglog", "logit",
                                       "arcsin"};

/* loop index = subset */
START_TEST(test_cif_fixture) {
  const char *sub = subsets[_i];
  mgus d;
  surv_result *cif = NULL;
  tu_table *t = tu_table_read("cif.tsv");
  size_t m, r, seen = 0, st;
  double *lo, *hi;
  int ty;
  load_mgus(&d, _i == 0 ? -1 : _i - 1);
  ck_assert_int_eq(tu_cif_fit(d.time, d.event, d.n, 0, &cif), SURV_OK);
  ck_assert_uint_eq(tu_ncauses(cif), 2);
  m = tu_rows(cif);
  lo = malloc(15 * m * sizeof *lo);
  hi = malloc(15 * m * sizeof *hi);
  for (st = 0; st < 3; st++)
    for (ty = 0; ty < 5; ty++)
      ck_assert_int_eq(tu_cif_ci(cif, st, (surv_ci_type)ty, 0.95,
                                 lo + (st * 5 + ty) * m, hi + (st * 5 + ty) * m,
                                 m),
                       SURV_OK);
  for (r = 0; r < tu_table_nrow(t); r++) {
    size_t row;
    char ctx[128], name[32];
    if (strcmp(tu_table_str(t, r, 0), sub) != 0)
      continue;
    st = (size_t)tu_table_num(t, r, tu_table_col(t, "state"));
    row = (size_t)tu_table_num(t, r, tu_table_col(t, "row"));
    ck_assert_uint_lt(row, m);
    snprintf(ctx, sizeof ctx, "%s state %zu row %zu", sub, st, row);
#define COL(name) tu_table_num(t, r, tu_table_col(t, name))
    TU_ASSERT_REL(tu_col(cif, SURV_COL_TIME)[row], COL("time"), RTOL, ctx);
    TU_ASSERT_REL(tu_col(cif, SURV_COL_N_RISK)[row], COL("n_risk"), RTOL, ctx);
    TU_ASSERT_REL(tu_col(cif, SURV_COL_N_EVENT)[row], COL("n_event"), RTOL,
                  ctx);
    TU_ASSERT_REL(tu_col(cif, SURV_COL_N_CENSOR)[row], COL("n_censor"), RTOL,
                  ctx);
    TU_ASSERT_REL(tu_pstate(cif, st)[row], COL("pstate"), RTOL, ctx);
    TU_ASSERT_REL(tu_pstate_se(cif, st)[row], COL("std_err"), RTOL, ctx);
    for (ty = 0; ty < 5; ty++) {
      snprintf(name, sizeof name, "lower_%s", ci_names[ty]);
      snprintf(ctx, sizeof ctx, "%s state %zu row %zu %s", sub, st, row,
               ci_names[ty]);
      TU_ASSERT_REL(lo[(st * 5 + ty) * m + row], COL(name), RTOL, ctx);
      snprintf(name, sizeof name, "upper_%s", ci_names[ty]);
      TU_ASSERT_REL(hi[(st * 5 + ty) * m + row], COL(name), RTOL, ctx);
    }
#undef COL
    seen++;
  }
  ck_assert_uint_eq(seen, 3 * m);
  free(lo);
  free(hi);
  surv_result_free(cif);
  tu_table_free(t);
  free_mgus(&d);
}
END_TEST

/* hand-checked values at 120 and 240 months. */
START_TEST(test_cif_reference) {
  mgus d;
  surv_result *cif = NULL;
  size_t j, m, j120 = 0, j240 = 0;
  load_mgus(&d, -1);
  ck_assert_int_eq(tu_cif_fit(d.time, d.event, d.n, 0, &cif), SURV_OK);
  m = tu_rows(cif);
  for (j = 0; j < m; j++) {
    if (tu_col(cif, SURV_COL_TIME)[j] <= 120)
      j120 = j;
    if (tu_col(cif, SURV_COL_TIME)[j] <= 240)
      j240 = j;
  }
  TU_ASSERT_REL(tu_pstate(cif, 0)[j120], .404460127907, 1e-11, "S120");
  TU_ASSERT_REL(tu_pstate_se(cif, 0)[j120], .0139022743130, 1e-11, "se");
  TU_ASSERT_REL(tu_pstate(cif, 1)[j120], .0637221680131, 1e-11, "pcm");
  TU_ASSERT_REL(tu_pstate_se(cif, 1)[j120], .00679684842396, 1e-11, "se");
  TU_ASSERT_REL(tu_pstate(cif, 2)[j120], .531817704080, 1e-11, "death");
  TU_ASSERT_REL(tu_pstate_se(cif, 2)[j120], .0140596451620, 1e-11, "se");
  TU_ASSERT_REL(tu_pstate(cif, 1)[j240], .0998137159355, 1e-11, "pcm");
  TU_ASSERT_REL(tu_pstate_se(cif, 1)[j240], .00978484679339, 1e-11, "se");
  TU_ASSERT_REL(tu_pstate(cif, 2)[j240], .724027976143, 1e-11, "death");
  /* the states add up to 1 */
  for (j = 0; j < m; j++)
    TU_ASSERT_REL(tu_pstate(cif, 0)[j] + tu_pstate(cif, 1)[j] +
                      tu_pstate(cif, 2)[j],
                  1.0, 1e-13, "sum");
  surv_result_free(cif);
  free_mgus(&d);
}
END_TEST

/* One cause only: the CIF is 1 - KM and its IJ se equals Greenwood's se(S).
 * Times 1..5, status 1,0,1,1,0: S = 4/5, 4/5, 8/15, 4/15, 4/15. */
START_TEST(test_cif_single_cause) {
  const double t[] = {1, 2, 3, 4, 5};
  const int s[] = {1, 0, 1, 1, 0};
  surv_result *cif = NULL;
  double g = 0, sv;
  ck_assert_int_eq(tu_cif_fit(t, s, 5, 0, &cif), SURV_OK);
  ck_assert_uint_eq(tu_ncauses(cif), 1);
  ck_assert_uint_eq(tu_rows(cif), 5);
  TU_ASSERT_REL(tu_pstate(cif, 1)[3], 1 - 4.0 / 15, 1e-15, "F(4)");
  TU_ASSERT_REL(tu_pstate(cif, 0)[2], 8.0 / 15, 1e-15, "S(3)");
  g = 1.0 / (5 * 4) + 1.0 / (3 * 2) + 1.0 / (2 * 1); /* Greenwood at 4 */
  sv = 4.0 / 15 * sqrt(g);
  TU_ASSERT_REL(tu_pstate_se(cif, 1)[3], sv, 1e-13, "se F");
  TU_ASSERT_REL(tu_pstate_se(cif, 0)[3], sv, 1e-13, "se S");
  TU_ASSERT_REL(tu_pstate_se(cif, 0)[4], sv, 1e-13, "censor row");
  surv_result_free(cif);
}
END_TEST

/* All censored: K = 0, S = 1 with se 0; near ties merge unless turned off. */
START_TEST(test_cif_edge) {
  const double t[] = {0.1 + 0.2, 0.3, 2};
  const int z[] = {0, 0, 0}, s[] = {1, 2, 0};
  surv_result *a = NULL, *b = NULL;
  ck_assert_int_eq(tu_cif_fit(t, z, 3, 0, &a), SURV_OK);
  ck_assert_uint_eq(tu_ncauses(a), 0);
  ck_assert(tu_pstate(a, 0)[1] == 1 && tu_pstate_se(a, 0)[1] == 0);
  ck_assert_ptr_null(tu_pstate(a, 1));
  surv_result_free(a);
  ck_assert_int_eq(tu_cif_fit(t, s, 3, 0, &a), SURV_OK);
  ck_assert_int_eq(tu_cif_fit(t, s, 3, SURV_NO_TIMEFIX, &b), SURV_OK);
  ck_assert_uint_eq(tu_rows(a), 2);
  ck_assert_uint_eq(tu_rows(b), 3);
  TU_ASSERT_REL(tu_pstate(a, 1)[0], 1.0 / 3, 1e-15, "merged");
  TU_ASSERT_REL(tu_pstate(b, 2)[1], 1.0 / 3, 1e-15, "separate");
  surv_result_free(a);
  surv_result_free(b);
}
END_TEST

/* loop index = row of gray.tsv */
START_TEST(test_gray_fixture) {
  tu_table *t = tu_table_read("gray.tsv");
  mgus d;
  size_t r = (size_t)_i, df = 0;
  double rho, chisq = 0, p = 0;
  int strata, cause;
  char ctx[96];
  ck_assert_uint_lt(r, tu_table_nrow(t));
  rho = tu_table_num(t, r, tu_table_col(t, "rho"));
  strata = (int)tu_table_num(t, r, tu_table_col(t, "strata"));
  cause = (int)tu_table_num(t, r, tu_table_col(t, "cause"));
  load_mgus(&d, -1);
  ck_assert_int_eq(tu_cif_gray(d.time, d.event, strata == 2 ? d.age3 : d.sex,
                               strata == 1 ? d.age70 : NULL, d.n, cause, rho,
                               &chisq, &df, &p),
                   SURV_OK);
  snprintf(ctx, sizeof ctx, "gray rho %g strata %d cause %d", rho, strata,
           cause);
  TU_ASSERT_REL(chisq, tu_table_num(t, r, tu_table_col(t, "stat")), RTOL, ctx);
  /* cmprsk reports 1 - pchisq(): equal to the upper tail within 2^-53 */
  ck_assert(fabs(p - tu_table_num(t, r, tu_table_col(t, "p"))) <= 1e-15);
  ck_assert_uint_eq(df, (size_t)tu_table_num(t, r, tu_table_col(t, "df")));
  free_mgus(&d);
  tu_table_free(t);
}
END_TEST

START_TEST(test_gray_reference) {
  mgus d;
  double chisq = 0, p = 0;
  load_mgus(&d, -1);
  ck_assert_int_eq(
      tu_cif_gray(d.time, d.event, d.sex, NULL, d.n, 1, 0, &chisq, NULL, &p),
      SURV_OK);
  TU_ASSERT_REL(chisq, 1.19450782508, 1e-11, "pcm");
  TU_ASSERT_REL(p, 0.274422156788, 1e-11, "pcm p");
  ck_assert_int_eq(
      tu_cif_gray(d.time, d.event, d.sex, NULL, d.n, 2, 0, &chisq, NULL, &p),
      SURV_OK);
  TU_ASSERT_REL(chisq, 11.65125901213, 1e-11, "death");
  TU_ASSERT_REL(p, 0.000641590976408, 1e-11, "death p");
  free_mgus(&d);
}
END_TEST

/* Printed precision of a figure printed with `dec` digits after the point:
 * half a unit of its last digit. */
static double printed_tol(const char *s) {
  const char *dot = strchr(s, '.');
  size_t dec = dot ? strlen(dot + 1) : 0;
  return 0.5 * pow(10, -(double)dec) + 1e-15;
}

/* The documented example of cmprsk itself: tests/test.R of R. Gray's package,
 * whose expected output (tests/test.Rout.save, cmprsk under R 1.2.1, 2001)
 * prints Gray's test for five calls on 100 simulated subjects with 3 groups
 * and 2 strata. gray-doc.tsv holds the printed figures (pub_*) and current
 * cmprsk's (stat, p); loop index = row (case x cause). */
START_TEST(test_gray_documented) {
  tu_table *t = tu_table_read("gray-doc.tsv"),
           *dt = tu_table_read("gray-doc-data.tsv");
  size_t r = (size_t)_i, i, nr = tu_table_nrow(dt), n = 0, df = 0;
  const char *name, *ps, *pp;
  char col[32], ctx[96];
  double *time = malloc(nr * sizeof *time), chisq = 0, p = 0;
  int *status = malloc(nr * sizeof *status),
      *group = malloc(nr * sizeof *group);
  int *strata = malloc(nr * sizeof *strata), cause, ct, cg, cu;
  ck_assert_uint_lt(r, tu_table_nrow(t));
  name = tu_table_str(t, r, tu_table_col(t, "case"));
  cause = (int)tu_table_num(t, r, tu_table_col(t, "cause"));
  /* doc1, doc3: time dd$ss; doc3-5: group gg2 (3 missing) */
  ct = tu_table_col(dt, strcmp(name, "doc1") == 0 || strcmp(name, "doc3") == 0
                            ? "dd_ss"
                            : "ss");
  cg = tu_table_col(dt, strcmp(name, "doc1") == 0 || strcmp(name, "doc2") == 0
                            ? "gg"
                            : "gg2");
  snprintf(col, sizeof col, "use_%s", name);
  cu = tu_table_col(dt, col);
  for (i = 0; i < nr; i++) {
    if (tu_table_num(dt, i, cu) != 1)
      continue;
    time[n] = tu_table_num(dt, i, ct);
    status[n] = (int)tu_table_num(dt, i, tu_table_col(dt, "cc"));
    group[n] = (int)tu_table_num(dt, i, cg);
    strata[n] = (int)tu_table_num(dt, i, tu_table_col(dt, "strt"));
    n++;
  }
  ck_assert_int_eq(
      tu_cif_gray(time, status, group, strata, n, cause, 0, &chisq, &df, &p),
      SURV_OK);
  ps = tu_table_str(t, r, tu_table_col(t, "pub_stat"));
  pp = tu_table_str(t, r, tu_table_col(t, "pub_p"));
  snprintf(ctx, sizeof ctx, "%s cause %d: printed stat %s p %s", name, cause,
           ps, pp);
  /* the 2001 figures at their printed precision */
  ck_assert_msg(fabs(chisq - atof(ps)) <= printed_tol(ps), "%s: got %.10g", ctx,
                chisq);
  ck_assert_msg(fabs(p - atof(pp)) <= printed_tol(pp), "%s: got p %.10g", ctx,
                p);
  ck_assert_uint_eq(df, (size_t)tu_table_num(t, r, tu_table_col(t, "pub_df")));
  /* current cmprsk at full precision */
  TU_ASSERT_REL(chisq, tu_table_num(t, r, tu_table_col(t, "stat")), RTOL, ctx);
  ck_assert(fabs(p - tu_table_num(t, r, tu_table_col(t, "p"))) <= 1e-15);
  free(time);
  free(status);
  free(group);
  free(strata);
  tu_table_free(t);
  tu_table_free(dt);
}
END_TEST

START_TEST(test_cif_errors) {
  const double t[] = {1, 2, 3};
  const int s[] = {1, 0, 2}, g[] = {1, 2, 1}, one[] = {4, 4, 4};
  double bad[] = {1, 2, 3}, lo[3] = {-7, -7, -7}, hi[3] = {-7, -7, -7};
  double chi = -7, p = -7;
  size_t df = 77;
  int bs[] = {1, 0, 2};
  surv_result *sentinel = (surv_result *)&bad, *cif = sentinel, *ok = NULL;
  ck_assert_int_eq(tu_cif_fit(NULL, s, 3, 0, &cif), SURV_ENULL);
  ck_assert_int_eq(tu_cif_fit(t, NULL, 3, 0, &cif), SURV_ENULL);
  ck_assert_int_eq(tu_cif_fit(t, s, 3, 0, NULL), SURV_ENULL);
  ck_assert_int_eq(tu_cif_fit(t, s, 0, 0, &cif), SURV_ESIZE);
  ck_assert_int_eq(tu_cif_fit(t, s, 3, 0x4u, &cif), SURV_EINVAL);
  bad[0] = NAN;
  ck_assert_int_eq(tu_cif_fit(bad, s, 3, 0, &cif), SURV_ETIME);
  bad[0] = -1;
  ck_assert_int_eq(tu_cif_fit(bad, s, 3, 0, &cif), SURV_ETIME);
  bs[1] = -1;
  ck_assert_int_eq(tu_cif_fit(t, bs, 3, 0, &cif), SURV_ESTATUS);
  ck_assert_ptr_eq(cif, sentinel);

  ck_assert_int_eq(tu_cif_fit(t, s, 3, 0, &ok), SURV_OK);
  /* surv_curve_ci on a competing-risks curve: every state, rows x states
   * (3 x 3 here) */
  {
    double l9[9], h9[9];
    size_t i;
    for (i = 0; i < 9; i++)
      l9[i] = h9[i] = -7;
    ck_assert_int_eq(surv_curve_ci(NULL, SURV_CI_LOG, 0.95, l9, h9, 9),
                     SURV_ENULL);
    ck_assert_int_eq(surv_curve_ci(ok, SURV_CI_LOG, 0.95, NULL, h9, 9),
                     SURV_ENULL);
    ck_assert_int_eq(surv_curve_ci(ok, SURV_CI_LOG, 0.95, l9, NULL, 9),
                     SURV_ENULL);
    ck_assert_int_eq(surv_curve_ci(ok, SURV_CI_LOG, 0.95, l9, h9, 8),
                     SURV_ESIZE);
    ck_assert_int_eq(surv_curve_ci(ok, SURV_CI_LOG, 1, l9, h9, 9), SURV_ELEVEL);
    ck_assert_int_eq(surv_curve_ci(ok, SURV_CI_LOG, NAN, l9, h9, 9),
                     SURV_ELEVEL);
    ck_assert_int_eq(surv_curve_ci(ok, (surv_ci_type)7, 0.95, l9, h9, 9),
                     SURV_EINVAL);
    for (i = 0; i < 9; i++)
      ck_assert(l9[i] == -7 && h9[i] == -7);
    /* the other curve operations need a survival curve */
    ck_assert_int_eq(surv_curve_at(ok, t, 1, SURV_CI_LOG, 0.95, l9, NULL, NULL,
                                   NULL, NULL, 9),
                     SURV_EINVAL);
    ck_assert_int_eq(surv_curve_rmst(ok, 2, 0.95, l9, NULL, NULL, NULL, 9),
                     SURV_EINVAL);
    ck_assert_int_eq(surv_curve_ci(ok, SURV_CI_LOG, 0.95, l9, h9, 9), SURV_OK);
  }
  ck_assert_int_eq(tu_cif_ci(ok, 3, SURV_CI_LOG, 0.95, lo, hi, 3), SURV_EINVAL);
  ck_assert(lo[0] == -7 && hi[2] == -7);
  ck_assert_ptr_null(tu_pstate(ok, 3));
  ck_assert_ptr_null(tu_pstate_se(ok, 3));
  surv_result_free(ok);

  ck_assert_int_eq(tu_cif_gray(NULL, s, g, NULL, 3, 1, 0, &chi, &df, &p),
                   SURV_ENULL);
  ck_assert_int_eq(tu_cif_gray(t, NULL, g, NULL, 3, 1, 0, &chi, &df, &p),
                   SURV_ENULL);
  ck_assert_int_eq(tu_cif_gray(t, s, NULL, NULL, 3, 1, 0, &chi, &df, &p),
                   SURV_ENULL);
  ck_assert_int_eq(tu_cif_gray(t, s, g, NULL, 0, 1, 0, &chi, &df, &p),
                   SURV_ESIZE);
  ck_assert_int_eq(tu_cif_gray(t, s, g, NULL, 3, -1, 0, &chi, &df, &p),
                   SURV_EINVAL);
  {
    /* cause 0 is the default, cause 1; NULL options too */
    surv_data d = SURV_DATA_INIT;
    surv_test t0, t1;
    d.n = 3, d.time = t, d.status = s, d.group = g;
    ck_assert_int_eq(surv_cif_gray(&d, NULL, &t0), SURV_OK);
    ck_assert_int_eq(tu_cif_gray(t, s, g, NULL, 3, 1, 0, &chi, &df, &p),
                     SURV_OK);
    ck_assert(memcmp(&t0.statistic, &chi, sizeof chi) == 0);
    ck_assert_int_eq(
        tu_cif_gray(t, s, g, NULL, 3, 0, 0, &t1.statistic, &df, &t1.p_value),
        SURV_OK);
    ck_assert(memcmp(&t1.statistic, &chi, sizeof chi) == 0);
    ck_assert_int_eq(surv_cif_gray(&d, NULL, NULL), SURV_ENULL);
    d.weight = t; /* cmprsk has no weights: refused, not ignored */
    ck_assert_int_eq(surv_cif_gray(&d, NULL, &t0), SURV_EINVAL);
    chi = p = -7;
    df = 77;
  }
  ck_assert_int_eq(tu_cif_gray(t, s, g, NULL, 3, 1, NAN, &chi, &df, &p),
                   SURV_EINVAL);
  /* weights (1 - F(t-))^rho overflow (F(3-) = 1/3): refused, not NaN */
  ck_assert_int_eq(tu_cif_gray(t, s, g, NULL, 3, 1, -1e300, &chi, &df, &p),
                   SURV_EINVAL);
  ck_assert_int_eq(tu_cif_gray(bad, s, g, NULL, 3, 1, 0, &chi, &df, &p),
                   SURV_ETIME);
  ck_assert_int_eq(tu_cif_gray(t, bs, g, NULL, 3, 1, 0, &chi, &df, &p),
                   SURV_ESTATUS);
  ck_assert_int_eq(tu_cif_gray(t, s, one, NULL, 3, 1, 0, &chi, &df, &p),
                   SURV_EGROUP);
  ck_assert(chi == -7 && p == -7 && df == 77);

  surv_result_free(NULL);
  {
    surv_test t0;
    size_t len0 = 7;
    ck_assert_ptr_null(surv_result_column(NULL, SURV_COL_TIME, &len0));
    ck_assert_uint_eq(len0, 0);
    ck_assert_int_eq(surv_result_test(NULL, SURV_TEST_MAIN, &t0), SURV_ENULL);
  }
}
END_TEST

int main(void) {
  Suite *s = suite_create("cif");
  TCase *tc = tcase_create("aalen-johansen");
  tcase_add_loop_test(tc, test_cif_fixture, 0, 3);
  tcase_add_test(tc, test_cif_reference);
  tcase_add_test(tc, test_cif_single_cause);
  tcase_add_test(tc, test_cif_edge);
  suite_add_tcase(s, tc);
  tc = tcase_create("gray");
  tcase_add_loop_test(tc, test_gray_fixture, 0, 10);
  tcase_add_test(tc, test_gray_reference);
  tcase_add_loop_test(tc, test_gray_documented, 0, 10);
  suite_add_tcase(s, tc);
  tc = tcase_create("errors");
  tcase_add_test(tc, test_cif_errors);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
