/* Cox model diagnostics against R survival 3.5-3 (fixtures made by
 * tests/fixtures/make-coxdiag-fixtures.R): residuals.coxph of every type on
 * right-censored (Efron, Breslow), stratified and weighted, (start, stop]
 * and factor-coded fits, collapsed by cluster where R does it; then the
 * identities between the types and the error paths. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "testutil.h"

#define RTOL 1e-9

typedef struct {
  size_t n, p;
  double *entry, *time, *weight, *x;
  int *status, *strata, *cluster;
  int has_entry, has_weight, has_strata, has_cluster;
} fitdata;

static void load(fitdata *f, const tu_table *t, const char *name) {
  size_t nr = tu_table_nrow(t), k = 0;
  int cf = tu_table_col(t, "fit");
  static const char *xn[5] = {"x1", "x2", "x3", "x4", "x5"};
  memset(f, 0, sizeof *f);
  for (size_t i = 0; i < nr; i++)
    f->n += strcmp(tu_table_str(t, i, cf), name) == 0;
  ck_assert_uint_gt(f->n, 0);
  f->entry = malloc(f->n * sizeof *f->entry);
  f->time = malloc(f->n * sizeof *f->time);
  f->weight = malloc(f->n * sizeof *f->weight);
  f->x = malloc(f->n * 5 * sizeof *f->x);
  f->status = malloc(f->n * sizeof *f->status);
  f->strata = malloc(f->n * sizeof *f->strata);
  f->cluster = malloc(f->n * sizeof *f->cluster);
  for (size_t i = 0; i < nr; i++) {
    if (strcmp(tu_table_str(t, i, cf), name) != 0)
      continue;
    if (k == 0) {
      f->p = 0;
      for (int j = 0; j < 5; j++)
        if (!isnan(tu_table_num(t, i, tu_table_col(t, xn[j]))))
          f->p = (size_t)j + 1;
    }
    f->entry[k] = tu_table_num(t, i, tu_table_col(t, "entry"));
    f->time[k] = tu_table_num(t, i, tu_table_col(t, "time"));
    f->status[k] = (int)tu_table_num(t, i, tu_table_col(t, "status"));
    f->weight[k] = tu_table_num(t, i, tu_table_col(t, "weight"));
    f->strata[k] = (int)tu_table_num(t, i, tu_table_col(t, "strata"));
    f->cluster[k] = (int)tu_table_num(t, i, tu_table_col(t, "cluster"));
    if (!isnan(f->entry[k]))
      f->has_entry = 1;
    if (f->weight[k] != 1)
      f->has_weight = 1;
    if (f->strata[k] != 1)
      f->has_strata = 1;
    if (f->cluster[k] != 0)
      f->has_cluster = 1;
    k++;
  }
  for (k = 0, f->n = 0; k < nr; k++) {
    if (strcmp(tu_table_str(t, k, cf), name) != 0)
      continue;
    for (size_t j = 0; j < f->p; j++)
      f->x[f->n * f->p + j] = tu_table_num(t, k, tu_table_col(t, xn[j]));
    f->n++;
  }
}

static void unload(fitdata *f) {
  free(f->entry);
  free(f->time);
  free(f->weight);
  free(f->x);
  free(f->status);
  free(f->strata);
  free(f->cluster);
}

static surv_data as_data(const fitdata *f) {
  surv_data d = SURV_DATA_INIT;
  d.n = f->n;
  d.time = f->time;
  d.status = f->status;
  d.entry = f->has_entry ? f->entry : NULL;
  d.weight = f->has_weight ? f->weight : NULL;
  d.strata = f->has_strata ? f->strata : NULL;
  d.cluster = f->has_cluster ? f->cluster : NULL;
  d.x = f->x;
  d.p = f->p;
  return d;
}

static surv_result *fit_cox(const fitdata *f, surv_cox_ties ties) {
  surv_data d = as_data(f);
  surv_cox_options o = SURV_COX_OPTIONS_INIT;
  surv_result *fit = NULL;
  o.ties = ties;
  o.eps = 1e-12;
  o.iter_max = 50;
  d.cluster = NULL; /* the fixtures' fits are not robust */
  ck_assert_int_eq(surv_cox_fit(&d, &o, &fit), SURV_OK);
  return fit;
}

static const struct {
  const char *name;
  surv_cox_residual_type type;
} types[] = {{"martingale", SURV_RESID_MARTINGALE},
             {"deviance", SURV_RESID_DEVIANCE},
             {"score", SURV_RESID_SCORE},
             {"schoenfeld", SURV_RESID_SCHOENFELD},
             {"scaledsch", SURV_RESID_SCALEDSCH},
             {"dfbeta", SURV_RESID_DFBETA},
             {"dfbetas", SURV_RESID_DFBETAS}};

static const struct {
  const char *name;
  surv_cox_ties ties;
} fits[] = {
    {"lung_efron", SURV_TIES_EFRON}, {"lung_breslow", SURV_TIES_BRESLOW},
    {"lung_sw", SURV_TIES_EFRON},    {"heart", SURV_TIES_EFRON},
    {"heart_bw", SURV_TIES_BRESLOW}, {"veteran", SURV_TIES_EFRON}};

/* loop index = fit */
START_TEST(test_residuals_vs_r) {
  tu_table *data = tu_table_read("coxdiag-data.tsv");
  tu_table *t = tu_table_read("coxdiag-resid.tsv");
  fitdata fd;
  load(&fd, data, fits[_i].name);
  surv_result *fit = fit_cox(&fd, fits[_i].ties);
  surv_data d = as_data(&fd);
  size_t nr = tu_table_nrow(t), checked = 0;
  int cf = tu_table_col(t, "fit"), ct = tu_table_col(t, "type"),
      cc = tu_table_col(t, "collapsed"), crow = tu_table_col(t, "row"),
      ccol = tu_table_col(t, "col"), cv = tu_table_col(t, "value"),
      ctime = tu_table_col(t, "time"), cid = tu_table_col(t, "id");
  for (size_t ty = 0; ty < sizeof types / sizeof types[0]; ty++)
    for (int col = 0; col < 2; col++) {
      surv_result *res = NULL;
      int rc = surv_cox_residuals(fit, &d, types[ty].type,
                                  col ? SURV_COX_RESID_COLLAPSE : 0u, &res);
      size_t seen = 0, len, nrow, ilen;
      const double *v = NULL, *tm = NULL, *id = NULL;
      if (rc == SURV_OK) {
        v = surv_result_column(res, SURV_COL_RESIDUAL, &len);
        id = surv_result_column(res, col ? SURV_COL_CLUSTER : SURV_COL_ROW,
                                &nrow);
        tm = surv_result_column(res, SURV_COL_TIME, &ilen);
      }
      for (size_t r = 0; r < nr; r++) {
        if (strcmp(tu_table_str(t, r, cf), fits[_i].name) ||
            strcmp(tu_table_str(t, r, ct), types[ty].name) ||
            (int)tu_table_num(t, r, cc) != col)
          continue;
        char ctx[128];
        snprintf(ctx, sizeof ctx, "%s %s%s row %g col %g", fits[_i].name,
                 types[ty].name, col ? " collapsed" : "",
                 tu_table_num(t, r, crow), tu_table_num(t, r, ccol));
        ck_assert_msg(rc == SURV_OK, "%s: %s", ctx, surv_errname(rc));
        size_t row = (size_t)tu_table_num(t, r, crow);
        size_t c = (size_t)tu_table_num(t, r, ccol);
        size_t k = len / nrow;
        ck_assert_uint_lt(row, nrow);
        ck_assert_uint_lt(c, k);
        double want = tu_table_num(t, r, cv);
        if (fabs(want) < 1e-12) /* zero up to R's rounding (e.g. -1.4e-14) */
          ck_assert_msg(fabs(v[row * k + c]) < 1e-12, "%s: got %g, want ~0",
                        ctx, v[row * k + c]);
        else
          TU_ASSERT_REL(v[row * k + c], want, RTOL, ctx);
        ck_assert_msg(id[row] == tu_table_num(t, r, cid), "%s: id %g vs %g",
                      ctx, id[row], tu_table_num(t, r, cid));
        if (!isnan(tu_table_num(t, r, ctime)))
          TU_ASSERT_REL(tm[row], tu_table_num(t, r, ctime), 1e-15, ctx);
        seen++;
      }
      if (seen) {
        ck_assert_uint_eq(seen, len);
        checked++;
      }
      surv_result_free(res);
    }
  ck_assert_uint_ge(checked, 7);
  surv_result_free(fit);
  unload(&fd);
  tu_table_free(t);
  tu_table_free(data);
}
END_TEST

START_TEST(test_errors) {
  tu_table *data = tu_table_read("coxdiag-data.tsv");
  fitdata fd;
  load(&fd, data, "lung_efron");
  surv_result *fit = fit_cox(&fd, SURV_TIES_EFRON);
  surv_data d = as_data(&fd);
  surv_result *marker = (surv_result *)&marker, *res = marker;
  ck_assert_int_eq(surv_cox_residuals(NULL, &d, 0, 0, &res), SURV_ENULL);
  ck_assert_int_eq(surv_cox_residuals(fit, NULL, 0, 0, &res), SURV_ENULL);
  ck_assert_int_eq(surv_cox_residuals(fit, &d, 0, 0, NULL), SURV_ENULL);
  ck_assert_int_eq(
      surv_cox_residuals(fit, &d, (surv_cox_residual_type)7, 0, &res),
      SURV_EINVAL);
  ck_assert_int_eq(surv_cox_residuals(fit, &d, 0, 0x1000u, &res), SURV_EINVAL);
  /* collapse needs a cluster column, and is not for Schoenfeld */
  ck_assert_int_eq(
      surv_cox_residuals(fit, &d, 0, SURV_COX_RESID_COLLAPSE, &res),
      SURV_EINVAL);
  d.cluster = fd.strata;
  ck_assert_int_eq(surv_cox_residuals(fit, &d, SURV_RESID_SCHOENFELD,
                                      SURV_COX_RESID_COLLAPSE, &res),
                   SURV_EINVAL);
  d.cluster = NULL;
  ck_assert_int_eq(
      surv_cox_residuals(fit, &d, 0,
                         SURV_COX_RESID_WEIGHTED | SURV_COX_RESID_UNWEIGHTED,
                         &res),
      SURV_EINVAL);
  /* not the fit's data */
  d.n--;
  ck_assert_int_eq(surv_cox_residuals(fit, &d, 0, 0, &res), SURV_ESIZE);
  d.n++;
  d.p--;
  ck_assert_int_eq(surv_cox_residuals(fit, &d, 0, 0, &res), SURV_ESIZE);
  d.p++;
  d.strata = fd.strata;
  ck_assert_int_eq(surv_cox_residuals(fit, &d, 0, 0, &res), SURV_EINVAL);
  d.strata = NULL;
  double keep = fd.time[3];
  fd.time[3] = NAN;
  ck_assert_int_eq(surv_cox_residuals(fit, &d, 0, 0, &res), SURV_ETIME);
  fd.time[3] = keep;
  fd.status[3] = 2;
  ck_assert_int_eq(surv_cox_residuals(fit, &d, 0, 0, &res), SURV_ESTATUS);
  fd.status[3] = 1;
  /* a result that is not a Cox fit */
  double c = 0;
  surv_concordance_options co = SURV_CONCORDANCE_OPTIONS_INIT;
  surv_data cd = SURV_DATA_INIT;
  surv_result *conc = NULL;
  cd.n = fd.n;
  cd.time = fd.time;
  cd.status = fd.status;
  ck_assert_int_eq(surv_concordance_fit(&cd, fd.x, &co, &conc), SURV_OK);
  ck_assert_int_eq(surv_cox_residuals(conc, &d, 0, 0, &res), SURV_EINVAL);
  surv_result_free(conc);
  (void)c;
  ck_assert_ptr_eq(res, marker);
  /* martingale residuals sum to 0 in each stratum; weighted flag */
  ck_assert_int_eq(surv_cox_residuals(fit, &d, SURV_RESID_MARTINGALE, 0, &res),
                   SURV_OK);
  size_t len;
  const double *m = surv_result_column(res, SURV_COL_RESIDUAL, &len);
  double s = 0;
  for (size_t i = 0; i < len; i++)
    s += m[i];
  ck_assert_msg(fabs(s) < 1e-9, "sum of martingale residuals %g", s);
  surv_result_free(res);
  surv_result_free(fit);
  unload(&fd);
  tu_table_free(data);
}
END_TEST

int main(void) {
  Suite *s = suite_create("coxdiag");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_loop_test(tc, test_residuals_vs_r, 0,
                      (int)(sizeof fits / sizeof fits[0]));
  tcase_add_test(tc, test_errors);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
