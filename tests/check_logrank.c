/* Log-rank module: survdiff fixtures from R (tests/fixtures/logrank.tsv made
 * by make-compare-fixtures.R) on lung, aml, veteran and ovarian with rho 0,
 * 0.5, 1 and strata, also through the delayed-entry form with every entry 0;
 * the trend test; near-tie merging; delayed entry (logrank-lt.tsv made by
 * make-logrank-lt-fixtures.R); every error path. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "testutil.h"

#define RTOL 1e-10

typedef struct {
  size_t n;
  double *entry, *time;
  int *status, *group, *strata;
} dataset;

/* Rows of a data set (cmp-*.tsv, lt-*.tsv) with gcol (and scol unless NULL)
 * present; other rows are dropped as R's na.omit. entry is 0 when the file
 * has no entry column. */
static void load(dataset *d, const char *file, const char *gcol,
                 const char *scol) {
  tu_table *t = tu_table_read(file);
  size_t i, nr = tu_table_nrow(t);
  int ce = tu_table_has_col(t, "entry") ? tu_table_col(t, "entry") : -1;
  int ct = tu_table_col(t, "time"), cs = tu_table_col(t, "status");
  int cg = tu_table_col(t, gcol), cst = scol ? tu_table_col(t, scol) : -1;
  d->entry = malloc(nr * sizeof *d->entry);
  d->time = malloc(nr * sizeof *d->time);
  d->status = malloc(nr * sizeof *d->status);
  d->group = malloc(nr * sizeof *d->group);
  d->strata = malloc(nr * sizeof *d->strata);
  d->n = 0;
  for (i = 0; i < nr; i++) {
    double g = tu_table_num(t, i, cg), s = scol ? tu_table_num(t, i, cst) : 0;
    if (isnan(g) || isnan(s))
      continue;
    d->entry[d->n] = ce >= 0 ? tu_table_num(t, i, ce) : 0;
    d->time[d->n] = tu_table_num(t, i, ct);
    d->status[d->n] = (int)tu_table_num(t, i, cs);
    d->group[d->n] = (int)g;
    d->strata[d->n] = (int)s;
    d->n++;
  }
  tu_table_free(t);
}

static void unload(dataset *d) {
  free(d->entry);
  free(d->time);
  free(d->status);
  free(d->group);
  free(d->strata);
}

/* Compare lr with every row of `fixture` (columns case, rho, what, i, j,
 * value) for (name, rho); trend_* rows use the labels as scores. Returns the
 * number of rows compared. */
static size_t compare(const surv_result *lr, const char *fixture,
                      const char *name, double rho) {
  tu_table *t = tu_table_read(fixture);
  int ccase = tu_table_col(t, "case"), crho = tu_table_col(t, "rho");
  int cwhat = tu_table_col(t, "what"), ci = tu_table_col(t, "i");
  int cj = tu_table_col(t, "j"), cv = tu_table_col(t, "value");
  size_t k = tu_ngroups(lr), r, seen = 0;
  double tr[4];
  ck_assert_int_eq(tu_trend(lr, NULL, k, &tr[0], &tr[1], &tr[2], &tr[3]),
                   SURV_OK);
  for (r = 0; r < tu_table_nrow(t); r++) {
    const char *what = tu_table_str(t, r, cwhat);
    size_t i = (size_t)tu_table_num(t, r, ci),
           j = (size_t)tu_table_num(t, r, cj);
    double want = tu_table_num(t, r, cv), got;
    char ctx[160];
    if (strcmp(tu_table_str(t, r, ccase), name) != 0 ||
        tu_table_num(t, r, crho) != rho)
      continue;
    seen++;
    ck_assert_uint_lt(i, k);
    ck_assert_uint_lt(j, k);
    if (strcmp(what, "n") == 0)
      got = tu_col(lr, SURV_COL_N)[i];
    else if (strcmp(what, "obs") == 0)
      got = tu_col(lr, SURV_COL_OBSERVED)[i];
    else if (strcmp(what, "exp") == 0)
      got = tu_col(lr, SURV_COL_EXPECTED)[i];
    else if (strcmp(what, "var") == 0)
      got = tu_col(lr, SURV_COL_VAR)[i * k + j];
    else if (strcmp(what, "chisq") == 0)
      got = tu_chisq(lr);
    else if (strcmp(what, "df") == 0)
      got = (double)tu_df(lr);
    else if (strcmp(what, "p") == 0)
      got = tu_p(lr);
    else if (strcmp(what, "trend_u") == 0)
      got = tr[0];
    else if (strcmp(what, "trend_var") == 0)
      got = tr[1];
    else if (strcmp(what, "trend_chisq") == 0)
      got = tr[2];
    else {
      ck_assert_str_eq(what, "trend_p");
      got = tr[3];
    }
    snprintf(ctx, sizeof ctx, "%s %s rho=%g %s[%zu,%zu]", fixture, name, rho,
             what, i, j);
    TU_ASSERT_REL(got, want, RTOL, ctx);
  }
  tu_table_free(t);
  return seen;
}

static const struct {
  const char *name, *file, *gcol, *scol;
} cases[] = {
    {"lung_sex", "cmp-lung.tsv", "sex", NULL},
    {"lung_ecog", "cmp-lung.tsv", "ph_ecog", NULL},
    {"lung_sex_str_ecog", "cmp-lung.tsv", "sex", "ph_ecog"},
    {"aml_x", "cmp-aml.tsv", "x", NULL},
    {"vet_trt", "cmp-veteran.tsv", "trt", NULL},
    {"vet_trt_str_cell", "cmp-veteran.tsv", "trt", "celltype"},
    {"ovarian_rx", "cmp-ovarian.tsv", "rx", NULL},
};
#define NCASES (sizeof cases / sizeof cases[0])
static const double rhos[] = {0, 0.5, 1};

/* loop index = case * 3 + rho index; counting form with every entry 0 too */
START_TEST(test_survdiff_fixture) {
  size_t c = (size_t)_i / 3, k;
  double rho = rhos[_i % 3];
  dataset d;
  surv_result *lr = NULL, *lr0 = NULL;
  load(&d, cases[c].file, cases[c].gcol, cases[c].scol);
  ck_assert_int_eq(tu_logrank(NULL, d.time, d.status, d.group,
                              cases[c].scol ? d.strata : NULL, d.n, rho, 0,
                              &lr),
                   SURV_OK);
  k = tu_ngroups(lr);
  ck_assert_uint_eq(compare(lr, "logrank.tsv", cases[c].name, rho),
                    3 + k * (3 + k));
  ck_assert_int_eq(tu_logrank(d.entry, d.time, d.status, d.group,
                              cases[c].scol ? d.strata : NULL, d.n, rho, 0,
                              &lr0),
                   SURV_OK);
  ck_assert_uint_eq(compare(lr0, "logrank.tsv", cases[c].name, rho),
                    3 + k * (3 + k));
  surv_result_free(lr);
  surv_result_free(lr0);
  unload(&d);
}
END_TEST

START_TEST(test_reference_numbers) {
  dataset d;
  surv_result *lr = NULL;
  load(&d, "cmp-lung.tsv", "sex", NULL);
  ck_assert_int_eq(
      tu_logrank(NULL, d.time, d.status, d.group, NULL, d.n, 0, 0, &lr),
      SURV_OK);
  ck_assert_uint_eq(tu_ngroups(lr), 2);
  ck_assert_int_eq(tu_col(lr, SURV_COL_GROUP)[0], 1);
  ck_assert_int_eq(tu_col(lr, SURV_COL_GROUP)[1], 2);
  TU_ASSERT_REL(tu_chisq(lr), 10.3267419549, 1e-11, "lung sex");
  TU_ASSERT_REL(tu_col(lr, SURV_COL_EXPECTED)[0], 91.5817390296, 1e-11, "E1");
  TU_ASSERT_REL(tu_col(lr, SURV_COL_VAR)[0], 40.3714339796, 1e-11, "V11");
  ck_assert_uint_eq(tu_df(lr), 1);
  surv_result_free(lr);
  unload(&d);
}
END_TEST

START_TEST(test_trend) {
  dataset d, e;
  surv_result *lr = NULL;
  tu_table *t = tu_table_read("logrank.tsv");
  const double score[] = {0, 1, 2};
  double u = 0, v = 0, chi = 0, p = 0, u2 = 0;
  size_t i, r;
  int cc = tu_table_col(t, "case"), cw = tu_table_col(t, "what");
  int cv = tu_table_col(t, "value");
  load(&d, "cmp-lung.tsv", "ph_ecog", NULL);
  e = d; /* keep ph.ecog 0-2 only */
  for (i = 0, e.n = 0; i < d.n; i++)
    if (d.group[i] <= 2) {
      e.time[e.n] = d.time[i];
      e.status[e.n] = d.status[i];
      e.group[e.n] = d.group[i];
      e.n++;
    }
  ck_assert_int_eq(
      tu_logrank(NULL, e.time, e.status, e.group, NULL, e.n, 0, 0, &lr),
      SURV_OK);
  ck_assert_int_eq(tu_trend(lr, score, 3, &u, &v, &chi, &p), SURV_OK);
  for (r = 0; r < tu_table_nrow(t); r++) {
    const char *w = tu_table_str(t, r, cw);
    double want = tu_table_num(t, r, cv);
    if (strcmp(tu_table_str(t, r, cc), "lung_ecog_trend") != 0)
      continue;
    TU_ASSERT_REL(strcmp(w, "u") == 0       ? u
                  : strcmp(w, "var") == 0   ? v
                  : strcmp(w, "chisq") == 0 ? chi
                                            : p,
                  want, RTOL, w);
  }
  TU_ASSERT_REL(chi, 16.4465432272, 1e-11, "trend chisq");
  /* NULL scores = the labels 0, 1, 2; NULL outputs are skipped */
  ck_assert_int_eq(tu_trend(lr, NULL, 3, &u2, NULL, NULL, NULL), SURV_OK);
  TU_ASSERT_REL(u2, u, 1e-15, "label scores");
  surv_result_free(lr);
  tu_table_free(t);
  unload(&d);
}
END_TEST

/* Hand-computed: two groups, times 1..4, all deaths, group 0 = {1, 3}, group 1
 * = {2, 4}. Death at t: E0 = n0/n. E0 = 2/4 + 1/3 + 1/2 + 0 = 4/3, O0 = 2;
 * V = sum n0 n1 (n - 1) / (n^2 (n - 1)) = 4/16 + 2/9 + 1/4 = 13/18. */
START_TEST(test_exact_small) {
  const double t[] = {1, 2, 3, 4};
  const int s[] = {1, 1, 1, 1}, g[] = {0, 1, 0, 1};
  surv_result *lr = NULL;
  ck_assert_int_eq(tu_logrank(NULL, t, s, g, NULL, 4, 0, 0, &lr), SURV_OK);
  TU_ASSERT_REL(tu_col(lr, SURV_COL_EXPECTED)[0], 4.0 / 3, 1e-14, "E0");
  TU_ASSERT_REL(tu_col(lr, SURV_COL_EXPECTED)[1], 8.0 / 3, 1e-14, "E1");
  TU_ASSERT_REL(tu_col(lr, SURV_COL_VAR)[0], 13.0 / 18, 1e-14, "V00");
  TU_ASSERT_REL(tu_col(lr, SURV_COL_VAR)[1], -13.0 / 18, 1e-14, "V01");
  TU_ASSERT_REL(tu_chisq(lr), (4.0 / 9) / (13.0 / 18), 1e-14, "chi");
  surv_result_free(lr);
}
END_TEST

/* 0.1 + 0.2 and 0.3 are one time for R (timefix) unless turned off. */
START_TEST(test_timefix) {
  const double t[] = {0.1 + 0.2, 0.3, 0.5, 0.7};
  const int s[] = {1, 1, 1, 0}, g[] = {0, 1, 0, 1};
  surv_result *a = NULL, *b = NULL;
  ck_assert_int_eq(tu_logrank(NULL, t, s, g, NULL, 4, 0, 0, &a), SURV_OK);
  ck_assert_int_eq(tu_logrank(NULL, t, s, g, NULL, 4, 0, SURV_NO_TIMEFIX, &b),
                   SURV_OK);
  /* merged: t=.3 n=4 d=2 (E0 = 1), t=.5 n=2 d=1 (E0 = 1/2) */
  TU_ASSERT_REL(tu_col(a, SURV_COL_EXPECTED)[0], 1.5, 1e-14, "fix");
  /* separate: 0.3 (n 4, E0 2/4), 0.30000000000000004 (n 3, E0 2/3), 0.5
   * (n 2, E0 1/2) */
  TU_ASSERT_REL(tu_col(b, SURV_COL_EXPECTED)[0], 5.0 / 3, 1e-14, "nofix");
  surv_result_free(a);
  surv_result_free(b);
}
END_TEST

/* A group whose subjects all leave before the first death has E = 0: it is
 * dropped from the test, df = 0, chisq 0 and p 1 (as R survdiff). */
START_TEST(test_df_zero) {
  const double t[] = {1, 2, 5, 6};
  const int s[] = {0, 0, 1, 1}, g[] = {7, 7, 9, 9};
  surv_result *lr = NULL;
  ck_assert_int_eq(tu_logrank(NULL, t, s, g, NULL, 4, 0, 0, &lr), SURV_OK);
  ck_assert_uint_eq(tu_df(lr), 0);
  ck_assert(tu_chisq(lr) == 0);
  ck_assert(tu_p(lr) == 1);
  surv_result_free(lr);
}
END_TEST

/* Strata given as all-equal labels reproduce the unstratified test. */
START_TEST(test_single_stratum) {
  dataset d;
  surv_result *a = NULL, *b = NULL;
  size_t i;
  load(&d, "cmp-veteran.tsv", "trt", NULL);
  for (i = 0; i < d.n; i++)
    d.strata[i] = -5;
  ck_assert_int_eq(
      tu_logrank(NULL, d.time, d.status, d.group, NULL, d.n, 1, 0, &a),
      SURV_OK);
  ck_assert_int_eq(
      tu_logrank(NULL, d.time, d.status, d.group, d.strata, d.n, 1, 0, &b),
      SURV_OK);
  TU_ASSERT_REL(tu_chisq(b), tu_chisq(a), 1e-15, "chi");
  surv_result_free(a);
  surv_result_free(b);
  unload(&d);
}
END_TEST

/* Widely spread labels take the sorting path of the label indexer. */
START_TEST(test_sparse_labels) {
  const double t[] = {1, 2, 3, 4};
  const int s[] = {1, 1, 1, 1},
            g[] = {-2000000000, 2000000000, -2000000000, 2000000000};
  surv_result *lr = NULL;
  ck_assert_int_eq(tu_logrank(NULL, t, s, g, NULL, 4, 0, 0, &lr), SURV_OK);
  ck_assert_int_eq(tu_col(lr, SURV_COL_GROUP)[0], -2000000000);
  TU_ASSERT_REL(tu_col(lr, SURV_COL_EXPECTED)[0], 4.0 / 3, 1e-14, "E0");
  surv_result_free(lr);
}
END_TEST

START_TEST(test_errors) {
  const double t[] = {1, 2, 3, 4};
  const int s[] = {1, 0, 1, 1}, g[] = {1, 2, 1, 2};
  double bad[] = {1, 2, 3, 4};
  int bs[] = {1, 0, 1, 1}, one[] = {3, 3, 3, 3};
  surv_result *sentinel = (surv_result *)&bad, *lr = sentinel;
  ck_assert_int_eq(tu_logrank(NULL, NULL, s, g, NULL, 4, 0, 0, &lr),
                   SURV_ENULL);
  ck_assert_int_eq(tu_logrank(NULL, t, NULL, g, NULL, 4, 0, 0, &lr),
                   SURV_ENULL);
  ck_assert_int_eq(tu_logrank(NULL, t, s, NULL, NULL, 4, 0, 0, &lr),
                   SURV_ENULL);
  ck_assert_int_eq(tu_logrank(NULL, t, s, g, NULL, 4, 0, 0, NULL), SURV_ENULL);
  ck_assert_int_eq(tu_logrank(NULL, t, s, g, NULL, 0, 0, 0, &lr), SURV_ESIZE);
  ck_assert_int_eq(tu_logrank(NULL, t, s, g, NULL, 4, NAN, 0, &lr),
                   SURV_EINVAL);
  ck_assert_int_eq(tu_logrank(NULL, t, s, g, NULL, 4, INFINITY, 0, &lr),
                   SURV_EINVAL);
  ck_assert_int_eq(tu_logrank(NULL, t, s, g, NULL, 4, 0, 0x10u, &lr),
                   SURV_EINVAL);
  /* weights S(t-)^rho overflow (S(3-) = 0.75): refused, not NaN or 0 */
  ck_assert_int_eq(tu_logrank(NULL, t, s, g, NULL, 4, -1000, 0, &lr),
                   SURV_EINVAL);
  ck_assert_int_eq(tu_logrank(NULL, t, s, g, NULL, 4, -1e300, 0, &lr),
                   SURV_EINVAL);
  bad[2] = NAN;
  ck_assert_int_eq(tu_logrank(NULL, bad, s, g, NULL, 4, 0, 0, &lr), SURV_ETIME);
  bad[2] = -1;
  ck_assert_int_eq(tu_logrank(NULL, bad, s, g, NULL, 4, 0, 0, &lr), SURV_ETIME);
  bad[2] = INFINITY;
  ck_assert_int_eq(tu_logrank(NULL, bad, s, g, NULL, 4, 0, 0, &lr), SURV_ETIME);
  bs[1] = 2;
  ck_assert_int_eq(tu_logrank(NULL, t, bs, g, NULL, 4, 0, 0, &lr),
                   SURV_ESTATUS);
  bs[1] = -1;
  ck_assert_int_eq(tu_logrank(NULL, t, bs, g, NULL, 4, 0, 0, &lr),
                   SURV_ESTATUS);
  ck_assert_int_eq(tu_logrank(NULL, t, s, one, NULL, 4, 0, 0, &lr),
                   SURV_EGROUP);
  ck_assert_int_eq(tu_logrank(NULL, t, s, one, g, 4, 0, 0, &lr), SURV_EGROUP);
  ck_assert_ptr_eq(lr, sentinel);
}
END_TEST

START_TEST(test_trend_errors_and_null) {
  const double t[] = {1, 2, 3, 4}, sc[] = {0, 1}, nan_sc[] = {0, NAN};
  const int s[] = {1, 0, 1, 1}, g[] = {1, 2, 1, 2};
  double u = -7, v = -7, chi = -7, p = -7;
  surv_result *lr = NULL;
  ck_assert_int_eq(tu_logrank(NULL, t, s, g, NULL, 4, 0, 0, &lr), SURV_OK);
  ck_assert_int_eq(tu_trend(NULL, sc, 2, &u, &v, &chi, &p), SURV_ENULL);
  ck_assert_int_eq(tu_trend(lr, sc, 3, &u, &v, &chi, &p), SURV_ESIZE);
  ck_assert_int_eq(tu_trend(lr, nan_sc, 2, &u, &v, &chi, &p), SURV_EINVAL);
  ck_assert(u == -7 && v == -7 && chi == -7 && p == -7);
  /* two groups: trend = the log-rank test itself */
  ck_assert_int_eq(tu_trend(lr, sc, 2, &u, &v, &chi, &p), SURV_OK);
  TU_ASSERT_REL(chi, tu_chisq(lr), 1e-13, "2-group trend");
  TU_ASSERT_REL(p, tu_p(lr), 1e-13, "2-group trend p");
  surv_result_free(lr);
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

/* Large input exercises the radix sort (n >= 48) against a sorted copy. */
START_TEST(test_order_invariance) {
  enum { N = 500 };
  double t[N], t2[N];
  int s[N], g[N], s2[N], g2[N];
  size_t i;
  surv_result *a = NULL, *b = NULL;
  for (i = 0; i < N; i++) {
    t[i] = (double)((i * 7919u) % 211u) / 7.0 + 0.25;
    s[i] = (int)(i % 3 != 0);
    g[i] = (int)(i % 3);
    t2[N - 1 - i] = t[i];
    s2[N - 1 - i] = s[i];
    g2[N - 1 - i] = g[i];
  }
  ck_assert_int_eq(tu_logrank(NULL, t, s, g, NULL, N, 0.5, 0, &a), SURV_OK);
  ck_assert_int_eq(tu_logrank(NULL, t2, s2, g2, NULL, N, 0.5, 0, &b), SURV_OK);
  TU_ASSERT_REL(tu_chisq(b), tu_chisq(a), 1e-12, "order");
  TU_ASSERT_REL(tu_col(b, SURV_COL_EXPECTED)[2],
                tu_col(a, SURV_COL_EXPECTED)[2], 1e-12, "E2");
  surv_result_free(a);
  surv_result_free(b);
}
END_TEST

/* ---- delayed entry: surv_logrank_test with data.entry
 * --------------------------- Fixtures computed by hand in R from the risk sets
 * {entry < t <= stop} and cross-checked there against survdiff (entries 0) and
 * the exact-ties Cox score test (make-logrank-lt-fixtures.R): heart
 * (transplant, strata surgery, age tertiles), lung with a synthetic entry, edge
 * cases (entry ties, entry at an event time, a group not at risk, a group never
 * at risk, near ties with and without timefix). */
static const struct {
  const char *name, *file, *gcol, *scol;
  unsigned flags;
} lt_cases[] = {
    {"heart_tx", "lt-heart.tsv", "transplant", NULL, 0},
    {"heart_tx_str_surgery", "lt-heart.tsv", "transplant", "surgery", 0},
    {"heart_age3", "lt-heart.tsv", "age3", NULL, 0},
    {"lung_sex", "lt-lung.tsv", "sex", NULL, 0},
    {"lung_ecog", "lt-lung.tsv", "ph_ecog", NULL, 0},
    {"lung_sex_str_ecog", "lt-lung.tsv", "sex", "ph_ecog", 0},
    {"edge1", "lt-edge1.tsv", "g", NULL, 0},
    {"edge1_str", "lt-edge1.tsv", "g", "s", 0},
    {"edge2", "lt-edge2.tsv", "g", NULL, 0},
    {"edge3", "lt-edge3.tsv", "g", NULL, 0},
    {"edge3_notimefix", "lt-edge3.tsv", "g", NULL, SURV_NO_TIMEFIX},
};
#define NLT (sizeof lt_cases / sizeof lt_cases[0])

/* loop index = case * 3 + rho index */
START_TEST(test_counting_fixture) {
  size_t c = (size_t)_i / 3, k;
  double rho = rhos[_i % 3];
  dataset d;
  surv_result *lr = NULL;
  load(&d, lt_cases[c].file, lt_cases[c].gcol, lt_cases[c].scol);
  ck_assert_int_eq(tu_logrank(d.entry, d.time, d.status, d.group,
                              lt_cases[c].scol ? d.strata : NULL, d.n, rho,
                              lt_cases[c].flags, &lr),
                   SURV_OK);
  k = tu_ngroups(lr);
  ck_assert_uint_eq(compare(lr, "logrank-lt.tsv", lt_cases[c].name, rho),
                    3 + k * (3 + k) + 4);
  surv_result_free(lr);
  unload(&d);
}
END_TEST

/* By hand: (entry, stop, status, group) A (0,2,1,0), B (0,3,1,1),
 * C (2,4,1,0), D (1,5,0,1). t=2: A B D at risk (C enters at 2: not yet),
 * E0 += 1/3, V += (1/3)(2/3) = 2/9; t=3: B C D, E0 += 1/3, V += 2/9; t=4:
 * C D, E0 += 1/2, V += 1/4. O0 = 2, E0 = 7/6, V = 25/36, chisq = 1. */
START_TEST(test_counting_exact_small) {
  const double e[] = {0, 0, 2, 1}, t[] = {2, 3, 4, 5};
  const int s[] = {1, 1, 1, 0}, g[] = {0, 1, 0, 1};
  surv_result *lr = NULL;
  ck_assert_int_eq(tu_logrank(e, t, s, g, NULL, 4, 0, 0, &lr), SURV_OK);
  TU_ASSERT_REL(tu_col(lr, SURV_COL_OBSERVED)[0], 2, 1e-15, "O0");
  TU_ASSERT_REL(tu_col(lr, SURV_COL_EXPECTED)[0], 7.0 / 6, 1e-14, "E0");
  TU_ASSERT_REL(tu_col(lr, SURV_COL_EXPECTED)[1], 11.0 / 6, 1e-14, "E1");
  TU_ASSERT_REL(tu_col(lr, SURV_COL_VAR)[0], 25.0 / 36, 1e-14, "V00");
  TU_ASSERT_REL(tu_col(lr, SURV_COL_VAR)[1], -25.0 / 36, 1e-14, "V01");
  TU_ASSERT_REL(tu_chisq(lr), 1, 1e-14, "chisq");
  ck_assert_uint_eq(tu_df(lr), 1);
  surv_result_free(lr);
}
END_TEST

/* Reversed input order gives the same test (radix sort path, n >= 48). */
START_TEST(test_counting_order) {
  enum { N = 600 };
  static double e[N], t[N], e2[N], t2[N];
  static int s[N], g[N], st[N], s2[N], g2[N], st2[N];
  size_t i;
  surv_result *a = NULL, *b = NULL;
  for (i = 0; i < N; i++) {
    t[i] = (double)((i * 7919u) % 211u) / 7.0 + 0.5;
    e[i] = (double)((i * 104729u) % 5u) / 10.0 * floor(t[i]);
    s[i] = (int)(i % 3 != 0);
    g[i] = (int)(i % 3);
    st[i] = (int)(i % 2);
    e2[N - 1 - i] = e[i];
    t2[N - 1 - i] = t[i];
    s2[N - 1 - i] = s[i];
    g2[N - 1 - i] = g[i];
    st2[N - 1 - i] = st[i];
  }
  ck_assert_int_eq(tu_logrank(e, t, s, g, st, N, 0.5, 0, &a), SURV_OK);
  ck_assert_int_eq(tu_logrank(e2, t2, s2, g2, st2, N, 0.5, 0, &b), SURV_OK);
  TU_ASSERT_REL(tu_chisq(b), tu_chisq(a), 1e-12, "order");
  TU_ASSERT_REL(tu_col(b, SURV_COL_EXPECTED)[2],
                tu_col(a, SURV_COL_EXPECTED)[2], 1e-12, "E2");
  TU_ASSERT_REL(tu_col(b, SURV_COL_VAR)[4], tu_col(a, SURV_COL_VAR)[4], 1e-12,
                "V11");
  surv_result_free(a);
  surv_result_free(b);
}
END_TEST

START_TEST(test_counting_errors) {
  const double e[] = {0, 1, 0, 2}, t[] = {1, 2, 3, 4};
  const int s[] = {1, 0, 1, 1}, g[] = {1, 2, 1, 2};
  double be[] = {0, 1, 0, 2}, bt[] = {1, 2, 3, 4};
  int bs[] = {1, 0, 1, 1}, one[] = {3, 3, 3, 3};
  /* 0.3 and 0.1 + 0.2 merge (timefix): the interval collapses */
  const double ce[] = {0.3, 0}, ct[] = {0.1 + 0.2, 1};
  const int cs[] = {1, 1}, cg[] = {0, 1};
  surv_result *sentinel = (surv_result *)&be, *lr = sentinel;
  ck_assert_int_eq(tu_logrank(e, NULL, s, g, NULL, 4, 0, 0, &lr), SURV_ENULL);
  ck_assert_int_eq(tu_logrank(e, t, NULL, g, NULL, 4, 0, 0, &lr), SURV_ENULL);
  ck_assert_int_eq(tu_logrank(e, t, s, NULL, NULL, 4, 0, 0, &lr), SURV_ENULL);
  ck_assert_int_eq(tu_logrank(e, t, s, g, NULL, 4, 0, 0, NULL), SURV_ENULL);
  ck_assert_int_eq(tu_logrank(e, t, s, g, NULL, 0, 0, 0, &lr), SURV_ESIZE);
  ck_assert_int_eq(tu_logrank(e, t, s, g, NULL, 4, NAN, 0, &lr), SURV_EINVAL);
  ck_assert_int_eq(tu_logrank(e, t, s, g, NULL, 4, -INFINITY, 0, &lr),
                   SURV_EINVAL);
  ck_assert_int_eq(tu_logrank(e, t, s, g, NULL, 4, 0, 0x4u, &lr), SURV_EINVAL);
  ck_assert_int_eq(tu_logrank(e, t, s, g, NULL, 4, -1e300, 0, &lr),
                   SURV_EINVAL);
  be[1] = 2.5; /* entry > stop */
  ck_assert_int_eq(tu_logrank(be, t, s, g, NULL, 4, 0, 0, &lr), SURV_ETIME);
  be[1] = 2; /* entry == stop */
  ck_assert_int_eq(tu_logrank(be, t, s, g, NULL, 4, 0, 0, &lr), SURV_ETIME);
  be[1] = NAN;
  ck_assert_int_eq(tu_logrank(be, t, s, g, NULL, 4, 0, 0, &lr), SURV_ETIME);
  be[1] = -1;
  ck_assert_int_eq(tu_logrank(be, t, s, g, NULL, 4, 0, 0, &lr), SURV_ETIME);
  be[1] = -INFINITY;
  ck_assert_int_eq(tu_logrank(be, t, s, g, NULL, 4, 0, 0, &lr), SURV_ETIME);
  bt[2] = NAN;
  ck_assert_int_eq(tu_logrank(e, bt, s, g, NULL, 4, 0, 0, &lr), SURV_ETIME);
  bt[2] = INFINITY;
  ck_assert_int_eq(tu_logrank(e, bt, s, g, NULL, 4, 0, 0, &lr), SURV_ETIME);
  bs[1] = 2;
  ck_assert_int_eq(tu_logrank(e, t, bs, g, NULL, 4, 0, 0, &lr), SURV_ESTATUS);
  ck_assert_int_eq(tu_logrank(e, t, s, one, NULL, 4, 0, 0, &lr), SURV_EGROUP);
  ck_assert_int_eq(tu_logrank(e, t, s, one, g, 4, 0, 0, &lr), SURV_EGROUP);
  ck_assert_int_eq(tu_logrank(ce, ct, cs, cg, NULL, 2, 0, 0, &lr), SURV_ETIME);
  ck_assert_ptr_eq(lr, sentinel);
  /* without the merge 0.3 < 0.30000000000000004: a valid interval */
  ck_assert_int_eq(tu_logrank(ce, ct, cs, cg, NULL, 2, 0, SURV_NO_TIMEFIX, &lr),
                   SURV_OK);
  ck_assert_ptr_ne(lr, sentinel);
  surv_result_free(lr);
}
END_TEST

int main(void) {
  Suite *s = suite_create("logrank");
  TCase *tc = tcase_create("survdiff");
  tcase_add_loop_test(tc, test_survdiff_fixture, 0, (int)(NCASES * 3));
  tcase_add_test(tc, test_reference_numbers);
  tcase_add_test(tc, test_trend);
  tcase_add_test(tc, test_exact_small);
  tcase_add_test(tc, test_timefix);
  tcase_add_test(tc, test_df_zero);
  tcase_add_test(tc, test_single_stratum);
  tcase_add_test(tc, test_sparse_labels);
  tcase_add_test(tc, test_order_invariance);
  suite_add_tcase(s, tc);
  tc = tcase_create("errors");
  tcase_add_test(tc, test_errors);
  tcase_add_test(tc, test_trend_errors_and_null);
  suite_add_tcase(s, tc);
  tc = tcase_create("counting");
  tcase_add_loop_test(tc, test_counting_fixture, 0, (int)(NLT * 3));
  tcase_add_test(tc, test_counting_exact_small);
  tcase_add_test(tc, test_counting_order);
  tcase_add_test(tc, test_counting_errors);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
