/* The surv-cox diagnostics outputs (examples/coxdiag.c): the residual and
 * cox.zph tables follow the TSV contracts and carry the library's
 * numbers, and the SVG plots are complete files, one per term, none left
 * behind on failure. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <surv.h>

#include "coxdiag.h"
#include "testutil.h"

enum { N = 40 };
static double t[N], x[N * 2];
static int s[N];

static surv_result *fit_it(surv_data *d) {
  for (size_t i = 0; i < N; i++) {
    t[i] = 1 + (double)((i * 17) % 23);
    s[i] = i % 4 != 0;
    x[i * 2] = (double)(i % 2);
    x[i * 2 + 1] = cos((double)i);
  }
  surv_data d0 = SURV_DATA_INIT;
  d0.n = N;
  d0.time = t;
  d0.status = s;
  d0.x = x;
  d0.p = 2;
  *d = d0;
  surv_result *fit = NULL;
  ck_assert_int_eq(surv_cox_fit(d, NULL, &fit), SURV_OK);
  return fit;
}

static char *slurp(FILE *f) {
  long n;
  fflush(f);
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  rewind(f);
  char *b = calloc((size_t)n + 1, 1);
  ck_assert_uint_eq(fread(b, 1, (size_t)n, f), (size_t)n);
  return b;
}

/* A Schoenfeld type: the header, then one row per event (30), with or
 * without cluster labels. */
static void check_per_event(const surv_result *fit, const surv_data *d,
                            int type, char *const *labels) {
  char *names[2] = {"sex", "score"};
  FILE *f = tmpfile();
  ck_assert_int_eq(
      coxdiag_print_residuals(f, fit, d, type, names, NULL, labels), SURV_OK);
  char *b = slurp(f);
  ck_assert(strncmp(b, "row\ttime\tsex\tscore\n", 19) == 0);
  size_t lines = 0;
  for (char *c = b; *c; c++)
    lines += *c == '\n';
  ck_assert_uint_eq(lines, 1 + 30);
  free(b);
  fclose(f);
}

START_TEST(test_tables) {
  surv_data d;
  surv_result *fit = fit_it(&d);
  char *names[2] = {"sex", "score"};
  FILE *f = tmpfile();
  ck_assert_int_eq(coxdiag_residual_type("dfbetas"), SURV_RESID_DFBETAS);
  ck_assert_int_eq(coxdiag_residual_type("bogus"), -1);
  ck_assert_int_eq(coxdiag_zph_transform("log"), SURV_ZPH_LOG);
  ck_assert_int_eq(coxdiag_print_residuals(f, fit, &d, SURV_RESID_MARTINGALE,
                                           names, NULL, NULL),
                   SURV_OK);
  char *b = slurp(f);
  ck_assert(strncmp(b, "row\tmartingale\n1\t", 17) == 0);
  surv_result *r = NULL;
  ck_assert_int_eq(surv_cox_residuals(fit, &d, SURV_RESID_MARTINGALE, 0, &r),
                   SURV_OK);
  const double *m = surv_result_column(r, SURV_COL_RESIDUAL, NULL);
  TU_ASSERT_REL(strtod(b + 17, NULL), m[0], 1e-14, "first residual");
  surv_result_free(r);
  free(b);
  fclose(f);
  check_per_event(fit, &d, SURV_RESID_SCHOENFELD, NULL);
  f = tmpfile();
  surv_result *z = NULL;
  char *tn[2] = {"sex", "score"};
  ck_assert_int_eq(coxdiag_print_zph(f, fit, &d, SURV_ZPH_KM, NULL, tn, 2, &z),
                   SURV_OK);
  b = slurp(f);
  ck_assert(strncmp(b, "term\tchisq\tdf\tp\nsex\t", 20) == 0);
  ck_assert_ptr_nonnull(strstr(b, "\nGLOBAL\t"));
  free(b);
  fclose(f);
  /* the plots */
  char dir[] = "/tmp/coxdiag-svgXXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(dir));
  char prefix[64], path[96];
  snprintf(prefix, sizeof prefix, "%s/zph-", dir);
  ck_assert_int_eq(coxdiag_write_zph_svg(prefix, z, tn, 2, "km"), 0);
  for (int k = 0; k < 2; k++) {
    snprintf(path, sizeof path, "%s%s.svg", prefix, tn[k]);
    FILE *g = fopen(path, "r");
    ck_assert_ptr_nonnull(g);
    b = slurp(g);
    fclose(g);
    ck_assert_ptr_nonnull(strstr(b, "<svg "));
    ck_assert_ptr_nonnull(strstr(b, "<polyline"));
    ck_assert_ptr_nonnull(strstr(b, "stroke-dasharray"));
    ck_assert_ptr_nonnull(strstr(b, "</svg>\n"));
    free(b);
    remove(path);
  }
  /* an unwritable prefix: -1, no file left */
  snprintf(prefix, sizeof prefix, "%s/no/such/dir/", dir);
  ck_assert_int_eq(coxdiag_write_zph_svg(prefix, z, tn, 2, "km"), -1);
  ck_assert_int_eq(rmdir(dir), 0); /* empty */
  surv_result_free(z);
  surv_result_free(fit);
}
END_TEST

/* clusters: the rows of each cluster summed, labelled; Schoenfeld per event */
START_TEST(test_collapse) {
  surv_data d;
  surv_result *fit = fit_it(&d);
  int cl[N];
  for (size_t i = 0; i < N; i++)
    cl[i] = (int)(i % 3);
  d.cluster = cl;
  char *names[2] = {"sex", "score"}, *labels[3] = {"a", "b&c", "d"};
  FILE *f = tmpfile();
  ck_assert_int_eq(coxdiag_print_residuals(f, fit, &d, SURV_RESID_DFBETA, names,
                                           NULL, labels),
                   SURV_OK);
  char *b = slurp(f);
  ck_assert(strncmp(b, "cluster\tsex\tscore\na\t", 20) == 0);
  ck_assert_ptr_nonnull(strstr(b, "\nb&c\t"));
  ck_assert_ptr_nonnull(strstr(b, "\nd\t"));
  surv_result *r = NULL;
  ck_assert_int_eq(surv_cox_residuals(fit, &d, SURV_RESID_DFBETA, 0, &r),
                   SURV_OK);
  const double *v = surv_result_column(r, SURV_COL_RESIDUAL, NULL);
  double sum = 0; /* cluster "a": rows 0, 3, 6, ... */
  for (size_t i = 0; i < N; i += 3)
    sum += v[i * 2];
  TU_ASSERT_REL(strtod(b + 20, NULL), sum, 1e-13, "collapsed dfbeta");
  surv_result_free(r);
  free(b);
  fclose(f);
  check_per_event(fit, &d, SURV_RESID_SCALEDSCH, labels);
  surv_result_free(fit);
}
END_TEST

int main(void) {
  Suite *su = suite_create("coxdiag_out");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_tables);
  tcase_add_test(tc, test_collapse);
  suite_add_tcase(su, tc);
  return tu_run_suite(su);
}
