/* surv_concordance_fit against R survival 3.5-3 concordancefit()
 * (tests/fixtures/concordance.tsv, made by make-concordance-fixtures.R):
 * every time weight on right-censored data with and without strata and
 * weights, clusters, reverse, timefix off, (start, stop] data, more than ten
 * strata, a stratum with one event; then a brute-force O(n^2) count on random
 * data with ties, hand cases, and every error path. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "testutil.h"

#define RTOL 1e-10

typedef struct {
  size_t n;
  double *entry, *time, *x, *weight;
  int *status, *strata, *cluster;
  int has_entry;
} dataset;

static void load(dataset *d, const tu_table *t, const char *name) {
  size_t nr = tu_table_nrow(t), k = 0;
  int cd = tu_table_col(t, "dataset");
  memset(d, 0, sizeof *d);
  for (size_t i = 0; i < nr; i++)
    d->n += strcmp(tu_table_str(t, i, cd), name) == 0;
  ck_assert_uint_gt(d->n, 0);
  d->entry = malloc(d->n * sizeof *d->entry);
  d->time = malloc(d->n * sizeof *d->time);
  d->x = malloc(d->n * sizeof *d->x);
  d->weight = malloc(d->n * sizeof *d->weight);
  d->status = malloc(d->n * sizeof *d->status);
  d->strata = malloc(d->n * sizeof *d->strata);
  d->cluster = malloc(d->n * sizeof *d->cluster);
  for (size_t i = 0; i < nr; i++) {
    if (strcmp(tu_table_str(t, i, cd), name) != 0)
      continue;
    d->entry[k] = tu_table_num(t, i, tu_table_col(t, "entry"));
    d->has_entry = !isnan(d->entry[k]);
    d->time[k] = tu_table_num(t, i, tu_table_col(t, "time"));
    d->status[k] = (int)tu_table_num(t, i, tu_table_col(t, "status"));
    d->x[k] = tu_table_num(t, i, tu_table_col(t, "x"));
    d->weight[k] = tu_table_num(t, i, tu_table_col(t, "weight"));
    d->strata[k] = (int)tu_table_num(t, i, tu_table_col(t, "strata"));
    d->cluster[k] = (int)tu_table_num(t, i, tu_table_col(t, "cluster"));
    k++;
  }
}

static void unload(dataset *d) {
  free(d->entry);
  free(d->time);
  free(d->x);
  free(d->weight);
  free(d->status);
  free(d->strata);
  free(d->cluster);
}

static surv_concordance_timewt timewt_of(const char *s) {
  if (!strcmp(s, "n"))
    return SURV_TIMEWT_N;
  if (!strcmp(s, "S"))
    return SURV_TIMEWT_S;
  if (!strcmp(s, "S/G"))
    return SURV_TIMEWT_S_G;
  if (!strcmp(s, "n/G2"))
    return SURV_TIMEWT_N_G2;
  ck_assert_str_eq(s, "I");
  return SURV_TIMEWT_I;
}

START_TEST(test_r_fixtures) {
  tu_table *data = tu_table_read("concordance-data.tsv");
  tu_table *t = tu_table_read("concordance.tsv");
  size_t nr = tu_table_nrow(t), ncase = 0;
  int cst = tu_table_col(t, "stratum");
  static const char *cnames[5] = {"concordant", "discordant", "tied_x",
                                  "tied_y", "tied_xy"};
  static const surv_stat stats[5] = {SURV_STAT_CONCORDANT, SURV_STAT_DISCORDANT,
                                     SURV_STAT_TIED_X, SURV_STAT_TIED_Y,
                                     SURV_STAT_TIED_XY};
  static const surv_col cols[5] = {SURV_COL_CONCORDANT, SURV_COL_DISCORDANT,
                                   SURV_COL_TIED_X, SURV_COL_TIED_Y,
                                   SURV_COL_TIED_XY};
  for (size_t r = 0; r < nr;) {
    ck_assert_str_eq(tu_table_str(t, r, cst), "ALL");
    dataset ds;
    const char *name = tu_table_str(t, r, tu_table_col(t, "dataset"));
    load(&ds, data, name);
    surv_data d = SURV_DATA_INIT;
    d.n = ds.n;
    d.time = ds.time;
    d.status = ds.status;
    d.entry = ds.has_entry ? ds.entry : NULL;
    if (tu_table_num(t, r, tu_table_col(t, "weight")) != 0)
      d.weight = ds.weight;
    if (tu_table_num(t, r, tu_table_col(t, "strata")) != 0)
      d.strata = ds.strata;
    if (tu_table_num(t, r, tu_table_col(t, "cluster")) != 0)
      d.cluster = ds.cluster;
    surv_concordance_options o = SURV_CONCORDANCE_OPTIONS_INIT;
    o.timewt = timewt_of(tu_table_str(t, r, tu_table_col(t, "timewt")));
    if (tu_table_num(t, r, tu_table_col(t, "reverse")) != 0)
      o.flags |= SURV_CONCORDANCE_REVERSE;
    if (tu_table_num(t, r, tu_table_col(t, "timefix")) == 0)
      o.flags |= SURV_NO_TIMEFIX;
    surv_result *res = NULL;
    char ctx[160];
    snprintf(ctx, sizeof ctx, "case %s %s timewt %s",
             tu_table_str(t, r, tu_table_col(t, "case")), name,
             tu_table_str(t, r, tu_table_col(t, "timewt")));
    ck_assert_int_eq(surv_concordance_fit(&d, ds.x, &o, &res), SURV_OK);
    double v;
    ck_assert_int_eq(surv_result_stat(res, SURV_STAT_CONCORDANCE, &v), 0);
    TU_ASSERT_REL(v, tu_table_num(t, r, tu_table_col(t, "concordance")), RTOL,
                  ctx);
    ck_assert_int_eq(surv_result_stat(res, SURV_STAT_CONCORDANCE_SE, &v), 0);
    TU_ASSERT_REL(v, tu_table_num(t, r, tu_table_col(t, "se")), RTOL, ctx);
    for (int c = 0; c < 5; c++) {
      ck_assert_int_eq(surv_result_stat(res, stats[c], &v), 0);
      TU_ASSERT_REL(v, tu_table_num(t, r, tu_table_col(t, cnames[c])), RTOL,
                    ctx);
    }
    ck_assert_int_eq(surv_result_stat(res, SURV_STAT_N, &v), 0);
    ck_assert_double_eq(v, (double)ds.n);
    size_t ns, len;
    const double *lab = surv_result_column(res, SURV_COL_STRATUM, &ns);
    ck_assert_ptr_nonnull(lab);
    ck_assert_int_eq(surv_result_stat(res, SURV_STAT_N_STRATA, &v), 0);
    ck_assert_double_eq(v, (double)ns);
    r++;
    for (size_t s = 0; s < ns; s++, r++) {
      ck_assert_uint_lt(r, nr);
      ck_assert_double_eq(lab[s], atof(tu_table_str(t, r, cst)));
      for (int c = 0; c < 5; c++) {
        const double *col = surv_result_column(res, cols[c], &len);
        ck_assert_uint_eq(len, ns);
        TU_ASSERT_REL(col[s], tu_table_num(t, r, tu_table_col(t, cnames[c])),
                      RTOL, ctx);
      }
    }
    surv_result_free(res);
    unload(&ds);
    ncase++;
  }
  ck_assert_uint_ge(ncase, 100);
  tu_table_free(t);
  tu_table_free(data);
}
END_TEST

/* coxph(Surv(time, status) ~ age + sex + ph.ecog, lung)$concordance: the
 * linear predictor with reverse and timefix off, as the Cox fit calls it. */
START_TEST(test_coxph_lung) {
  tu_table *data = tu_table_read("concordance-data.tsv");
  dataset ds;
  load(&ds, data, "lung_lp");
  surv_data d = SURV_DATA_INIT;
  d.n = ds.n;
  d.time = ds.time;
  d.status = ds.status;
  d.x = ds.x;
  d.p = 1;
  surv_concordance_options o = SURV_CONCORDANCE_OPTIONS_INIT;
  o.flags = SURV_CONCORDANCE_REVERSE | SURV_NO_TIMEFIX;
  surv_result *res = NULL;
  double c, se;
  ck_assert_int_eq(surv_concordance_fit(&d, NULL, &o, &res), SURV_OK);
  surv_result_stat(res, SURV_STAT_CONCORDANCE, &c);
  surv_result_stat(res, SURV_STAT_CONCORDANCE_SE, &se);
  TU_ASSERT_REL(c, 0.63713549300045491, RTOL, "coxph lung concordance");
  TU_ASSERT_REL(se, 0.02506797385307958, RTOL, "coxph lung std");
  surv_result_free(res);
  unload(&ds);
  tu_table_free(data);
}
END_TEST

/* The definition, pair by pair, on random data with ties in time and x,
 * weights, strata and (start, stop] rows (timewt n). */
START_TEST(test_brute_force) {
  unsigned seed = 12345u + (unsigned)_i;
  size_t n = 60 + (size_t)_i * 7;
  double *t = malloc(n * sizeof *t), *e = malloc(n * sizeof *e),
         *x = malloc(n * sizeof *x), *w = malloc(n * sizeof *w);
  int *s = malloc(n * sizeof *s), *st = malloc(n * sizeof *st);
  int counting = _i % 2;
  for (size_t i = 0; i < n; i++) {
    seed = seed * 1103515245u + 12345u;
    t[i] = 1 + (seed >> 16) % 15;
    seed = seed * 1103515245u + 12345u;
    s[i] = (seed >> 16) % 3 != 0;
    seed = seed * 1103515245u + 12345u;
    x[i] = (double)((seed >> 16) % 9);
    seed = seed * 1103515245u + 12345u;
    w[i] = 0.5 + (seed >> 16) % 4;
    seed = seed * 1103515245u + 12345u;
    st[i] = (seed >> 16) % 2;
    seed = seed * 1103515245u + 12345u;
    e[i] = counting ? (double)((seed >> 16) % (unsigned)t[i]) : 0.0;
  }
  double cnt[5] = {0, 0, 0, 0, 0};
  for (size_t j = 0; j < n; j++) {
    if (!s[j])
      continue;
    for (size_t i = 0; i < n; i++) {
      if (i == j || st[i] != st[j] || !(e[i] < t[j]))
        continue;
      double pw = w[i] * w[j];
      if (t[i] > t[j] || (t[i] == t[j] && !s[i])) {
        if (x[i] > x[j])
          cnt[0] += pw;
        else if (x[i] < x[j])
          cnt[1] += pw;
        else
          cnt[2] += pw;
      } else if (t[i] == t[j] && s[i] && i < j) {
        cnt[x[i] == x[j] ? 4 : 3] += pw;
      }
    }
  }
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.time = t;
  d.status = s;
  d.weight = w;
  d.strata = st;
  d.entry = counting ? e : NULL;
  surv_result *res = NULL;
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, &res), SURV_OK);
  static const surv_stat stats[5] = {SURV_STAT_CONCORDANT, SURV_STAT_DISCORDANT,
                                     SURV_STAT_TIED_X, SURV_STAT_TIED_Y,
                                     SURV_STAT_TIED_XY};
  for (int c = 0; c < 5; c++) {
    double v;
    ck_assert_int_eq(surv_result_stat(res, stats[c], &v), 0);
    TU_ASSERT_REL(v, cnt[c], 1e-14, "brute force count");
  }
  double cc;
  surv_result_stat(res, SURV_STAT_CONCORDANCE, &cc);
  TU_ASSERT_REL(cc, (cnt[0] + cnt[2] / 2) / (cnt[0] + cnt[1] + cnt[2]), 1e-14,
                "brute force C");
  surv_result_free(res);
  free(t);
  free(e);
  free(x);
  free(w);
  free(s);
  free(st);
}
END_TEST

START_TEST(test_edges) {
  double t[4] = {1, 2, 3, 4}, x[4] = {1, 2, 3, 4};
  int s[4] = {0, 0, 0, 0};
  surv_data d = SURV_DATA_INIT;
  d.n = 4;
  d.time = t;
  d.status = s;
  surv_result *res = NULL;
  double v;
  /* no events: no pairs, R's NaN */
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, &res), SURV_OK);
  surv_result_stat(res, SURV_STAT_CONCORDANCE, &v);
  ck_assert(isnan(v));
  surv_result_stat(res, SURV_STAT_CONCORDANT, &v);
  ck_assert_double_eq(v, 0);
  surv_result_free(res);
  /* perfectly concordant, perfectly discordant with reverse */
  int s1[4] = {1, 1, 1, 1};
  d.status = s1;
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, &res), SURV_OK);
  surv_result_stat(res, SURV_STAT_CONCORDANCE, &v);
  ck_assert_double_eq(v, 1.0);
  surv_result_stat(res, SURV_STAT_CONCORDANT, &v);
  ck_assert_double_eq(v, 6.0);
  surv_result_free(res);
  surv_concordance_options o = SURV_CONCORDANCE_OPTIONS_INIT;
  o.flags = SURV_CONCORDANCE_REVERSE;
  ck_assert_int_eq(surv_concordance_fit(&d, x, &o, &res), SURV_OK);
  surv_result_stat(res, SURV_STAT_CONCORDANCE, &v);
  ck_assert_double_eq(v, 0.0);
  surv_result_stat(res, SURV_STAT_DISCORDANT, &v);
  ck_assert_double_eq(v, 6.0);
  surv_result_free(res);
  /* n = 1 */
  d.n = 1;
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, &res), SURV_OK);
  surv_result_stat(res, SURV_STAT_CONCORDANCE, &v);
  ck_assert(isnan(v));
  surv_result_free(res);
}
END_TEST

START_TEST(test_errors) {
  double t[3] = {1, 2, 3}, x[3] = {1, 2, 3}, e[3] = {0, 0, 0};
  int s[3] = {1, 0, 1};
  surv_data d = SURV_DATA_INIT;
  d.n = 3;
  d.time = t;
  d.status = s;
  surv_result *res = (surv_result *)&d; /* must stay untouched */
  surv_result *keep = res;
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, NULL), SURV_ENULL);
  ck_assert_int_eq(surv_concordance_fit(NULL, x, NULL, &res), SURV_ENULL);
  ck_assert_int_eq(surv_concordance_fit(&d, NULL, NULL, &res), SURV_ENULL);
  d.n = 0;
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, &res), SURV_ESIZE);
  d.n = 3;
  t[1] = NAN;
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, &res), SURV_ETIME);
  t[1] = -1;
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, &res), SURV_ETIME);
  t[1] = INFINITY;
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, &res), SURV_ETIME);
  t[1] = 2;
  s[1] = 2;
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, &res), SURV_ESTATUS);
  s[1] = 0;
  double w[3] = {1, -1, 1};
  d.weight = w;
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, &res), SURV_EWEIGHT);
  w[1] = NAN;
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, &res), SURV_EWEIGHT);
  d.weight = NULL;
  x[0] = NAN;
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, &res), SURV_EINVAL);
  x[0] = 1;
  d.x = x; /* two predictors */
  d.p = 1;
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, &res), SURV_EINVAL);
  d.p = 2;
  ck_assert_int_eq(surv_concordance_fit(&d, NULL, NULL, &res), SURV_EINVAL);
  d.x = NULL;
  d.p = 0;
  d.time2 = t;
  ck_assert_int_eq(surv_concordance_fit(&d, x, NULL, &res), SURV_EINVAL);
  d.time2 = NULL;
  surv_concordance_options o = SURV_CONCORDANCE_OPTIONS_INIT;
  o.timewt = (surv_concordance_timewt)5;
  ck_assert_int_eq(surv_concordance_fit(&d, x, &o, &res), SURV_EINVAL);
  o.timewt = SURV_TIMEWT_S;
  o.flags = 0x200u;
  ck_assert_int_eq(surv_concordance_fit(&d, x, &o, &res), SURV_EINVAL);
  o.flags = 0;
  o.size = 1;
  ck_assert_int_eq(surv_concordance_fit(&d, x, &o, &res), SURV_ESIZE);
  o.size = sizeof o;
  /* (start, stop]: only timewt n; entry must be below the stop time */
  d.entry = e;
  ck_assert_int_eq(surv_concordance_fit(&d, x, &o, &res), SURV_EINVAL);
  o.timewt = SURV_TIMEWT_N;
  e[2] = 3;
  ck_assert_int_eq(surv_concordance_fit(&d, x, &o, &res), SURV_ETIME);
  e[2] = NAN;
  ck_assert_int_eq(surv_concordance_fit(&d, x, &o, &res), SURV_ETIME);
  e[2] = 0;
  ck_assert_ptr_eq(res, keep);
  ck_assert_int_eq(surv_concordance_fit(&d, x, &o, &res), SURV_OK);
  ck_assert_ptr_ne(res, keep);
  surv_result_free(res);
}
END_TEST

int main(void) {
  Suite *s = suite_create("concordance");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_r_fixtures);
  tcase_add_test(tc, test_coxph_lung);
  tcase_add_loop_test(tc, test_brute_force, 0, 8);
  tcase_add_test(tc, test_edges);
  tcase_add_test(tc, test_errors);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
