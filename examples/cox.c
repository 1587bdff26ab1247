/* surv-cox: Cox proportional hazards regression of a CSV file, as R's
 * coxph(Surv(time, status) ~ TERM + ...) and summary() print it; see
 * surv-cox(1) for the contract (options, factors, missing values, output,
 * exit status).
 *
 * The input is read and checked completely and the model fitted before
 * anything is printed, so a failure leaves stdout empty. Terms and factors
 * are read by terms.c (shared with surv-survreg): a column given as a TERM
 * whose values are not all numbers (NA and empty cells aside) is a factor,
 * its levels in byte order, the first the reference, one 0/1 column per
 * other level named COLUMN + LEVEL as R names them. Rows with NA or an empty
 * cell in any used column are left out (R's na.omit) and counted. The
 * diagnostics (--residuals, --zph, --zph-svg: R's residuals.coxph and
 * cox.zph) are printed by coxdiag.c. Cost: O(bytes) to read, then
 * surv_cox_fit(3), surv_cox_residuals(3), surv_cox_zph(3). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "coxdiag.h"
#include "csv.h"
#include "opts.h"
#include "terms.h"

#define PROG "surv-cox"

static void usage(FILE *f) {
  fprintf(f,
          "usage: " PROG " [--time=COL] [--status=COL] [--entry=COL] "
          "[--strata=COL] [--cluster=COL]\n"
          "       [--event=VALUE [--censor=VALUE]] [--strict] "
          "       [--weights=COL] [--robust] "
          "[--ties=efron|breslow|exact|exact-marginal]\n"
          "       [--conf-level=P] [--summary | --survival-at=T1,T2,... |\n"
          "       --residuals=TYPE | --zph[=km|rank|identity|log] "
          "[--zph-svg=PREFIX]]\n"
          "       FILE TERM [TERM...]\n"
          "Cox proportional hazards model of the CSV FILE ('-' for standard "
          "input): time and\nstatus (1 = event, 0 = censored) columns, one "
          "TERM per covariate column (a column\nwith non-numeric values is a "
          "factor, its first level in byte order the reference);\nprints one "
          "row per coefficient, or the model's statistics (--summary), or the\n"
          "survival of the mean subject at the given times, or residuals "
          "(TYPE martingale,\ndeviance, score, schoenfeld, scaledsch, dfbeta, "
          "dfbetas), or the test of\nproportional hazards (--zph) and its "
          "plots; see surv-cox(1).\n");
}

/* The model's rows: the columns of a terms_frame as surv_data wants them. */
typedef struct {
  size_t n, p;
  double *time, *entry, *weight, *slabel;
  int *status;
  size_t *terms; /* p: the term of each design column (cox.zph) */
  char **termnames;
  size_t nterm;
} model;

static void model_free(model *m) {
  free(m->time);
  free(m->entry);
  free(m->weight);
  free(m->slabel);
  free(m->status);
  free(m->terms);
  free(m->termnames);
}

/* "FILE:LINE: message" on stderr, fmt taking two strings; returns 1. */
static int row_error(const terms_frame *f, size_t i, const char *fmt,
                     const char *a, const char *b) {
  fprintf(stderr, PROG ": %s:%ld: ", f->file, f->line[i]);
  fprintf(stderr, fmt, a, b);
  fputc('\n', stderr);
  return 1;
}

/* v as "%.15g" in buf (32 bytes). */
static const char *num(char *buf, double v) {
  snprintf(buf, 32, "%.15g", v);
  return buf;
}

/* Reads FILE with terms.c: returns 0, or 1 after printing the one-line
 * message. The response is checked row by row in file order. */
static int read_model(const char *path, const char *tcol,
                      const terms_surv_spec *st, const char *ecol,
                      const char *stcol, const char *clcol, const char *wcol,
                      const char *const *terms, size_t nterms, terms_frame *f,
                      model *m) {
  char err[CSV_ERRLEN];
  const char *scol = st->status;
  terms_col cols[4] = {
      {tcol, 0, NULL}, {scol, 0, st}, {ecol, 0, NULL}, {wcol, 0, NULL}};
  size_t i, nc = 2, ie = 0, iw = 0;
  memset(m, 0, sizeof *m);
  if (ecol)
    ie = nc++;
  if (wcol)
    cols[iw = nc++] = cols[3];
  if (terms_read_cluster(path, cols, nc, stcol, clcol, terms, nterms, f, err,
                         sizeof err) != 0) {
    fprintf(stderr, PROG ": %s\n", err);
    return 1;
  }
  size_t n = f->n;
  for (i = 0; i < n; i++) {
    double t = f->num[0][i], s = f->num[1][i];
    char b1[32], b2[32];
    if (t < 0)
      return row_error(f, i, "column '%s': negative value %s", tcol,
                       num(b1, t));
    if (s != 0 && s != 1)
      return row_error(f, i, "column '%s': '%s' is not 0 or 1", scol,
                       num(b1, s));
    if (ecol && f->num[ie][i] < 0)
      return row_error(f, i, "column '%s': negative value %s", ecol,
                       num(b1, f->num[ie][i]));
    if (ecol && !(f->num[ie][i] < t))
      return row_error(f, i, "entry time %s is not below the time %s",
                       num(b1, f->num[ie][i]), num(b2, t));
    if (wcol && !(f->num[iw][i] > 0))
      return row_error(f, i, "weight %s in column '%s' is not positive",
                       num(b1, f->num[iw][i]), wcol);
  }
  m->n = n;
  m->p = f->p;
  m->time = malloc(n * sizeof *m->time);
  m->status = malloc(n * sizeof *m->status);
  m->terms = malloc((f->p + 1) * sizeof *m->terms);
  m->termnames = calloc(nterms + 1, sizeof *m->termnames);
  if (ecol)
    m->entry = malloc(n * sizeof *m->entry);
  if (wcol)
    m->weight = malloc(n * sizeof *m->weight);
  if (stcol)
    m->slabel = malloc(f->nstrata * sizeof *m->slabel);
  if (!m->time || !m->status || !m->terms || !m->termnames ||
      (ecol && !m->entry) || (wcol && !m->weight) || (stcol && !m->slabel)) {
    fprintf(stderr, PROG ": %s: out of memory\n", f->file);
    return 1;
  }
  for (i = 0; i < n; i++) {
    m->time[i] = f->num[0][i] + 0.0; /* -0 becomes +0 */
    m->status[i] = f->num[1][i] == 1;
    if (ecol)
      m->entry[i] = f->num[ie][i] + 0.0;
    if (wcol)
      m->weight[i] = f->num[iw][i];
  }
  /* the stratum column of --survival-at: integer labels as they are, other
   * labels by their 0-based rank (R's order of the levels) */
  if (stcol) {
    int integers = 1;
    for (i = 0; i < f->nstrata && integers; i++) {
      double v;
      const char *l = f->stratum_label[i];
      integers = csv_parse_double(l, strlen(l), &v) == 0 && v == floor(v) &&
                 fabs(v) <= 2147483647.0;
      m->slabel[i] = v;
    }
    for (i = 0; i < f->nstrata && !integers; i++)
      m->slabel[i] = (double)i;
  }
  return 0;
}

/* The terms of the fitted (not aliased) columns and their names, as
 * cox.zph numbers them; 0, or -1 if every column is aliased. */
static int zph_terms(const surv_result *fit, const terms_frame *f,
                     const char *const *terms, model *m) {
  const double *coef = surv_result_column(fit, SURV_COL_COEF, NULL);
  size_t j, last = (size_t)-1;
  m->nterm = 0;
  for (j = 0; j < f->p; j++) {
    m->terms[j] = f->term_of[j];
    if (!isnan(coef[j]) && f->term_of[j] != last) {
      m->termnames[m->nterm++] = (char *)terms[f->term_of[j]];
      last = f->term_of[j];
    }
  }
  return m->nterm ? 0 : -1;
}

static void put_test(const char *key, const surv_result *fit, surv_test_kind k,
                     int with_df) {
  surv_test t = {NAN, NAN, NAN};
  surv_result_test(fit, k, &t);
  printf("%s_test\t", key);
  csv_put_num(t.statistic, 1);
  if (with_df) {
    printf("%s_df\t", key);
    csv_put_num(t.df, 1);
  }
  printf("%s_p\t", key);
  csv_put_num(t.p_value, 1);
}

static double stat_of(const surv_result *r, surv_stat k) {
  double v = NAN;
  surv_result_stat(r, k, &v);
  return v;
}

int main(int argc, char **argv) {
  const char *tcol = "time", *scol = "status", *ecol = NULL, *stcol = NULL,
             *clcol = NULL, *wcol = NULL, *path = NULL, *at = NULL, *svg = NULL,
             *ztrans = "km";
  const char **terms = calloc((size_t)argc, sizeof *terms);
  size_t nterms = 0;
  int summary = 0, status = 1, resid = -1, zph = 0, zt = SURV_ZPH_KM;
  surv_cox_options o = SURV_COX_OPTIONS_INIT;
  double level = 0.95;
  terms_surv_spec spec = {0};
  if (!terms)
    return 1;
  opts op;
  int kind;
  opts_init(&op, PROG, usage, argc, argv);
  while ((kind = opts_next(&op)) != OPTS_END) {
    const char *v;
    if (kind == OPTS_OPERAND) {
      if (!path)
        path = op.arg;
      else
        terms[nterms++] = op.arg;
    } else if (opts_surv_column(&op, &spec, OPTS_SURV_EVENT)) {
      tcol = spec.time ? spec.time : tcol;
      scol = spec.status ? spec.status : scol;
    } else if (opts_flag(&op, "--strict")) {
      spec.strict = 1;
    } else if (opts_value(&op, "--entry")) {
      ecol = op.value;
    } else if (opts_value(&op, "--strata")) {
      stcol = op.value;
    } else if (opts_value(&op, "--cluster")) {
      clcol = op.value;
    } else if (opts_value(&op, "--weights")) {
      wcol = op.value;
    } else if (opts_flag(&op, "--robust")) {
      o.flags |= SURV_COX_ROBUST;
    } else if (opts_value(&op, "--ties")) {
      v = op.value;
      if (strcmp(v, "efron") == 0)
        o.ties = SURV_TIES_EFRON;
      else if (strcmp(v, "breslow") == 0)
        o.ties = SURV_TIES_BRESLOW;
      else if (strcmp(v, "exact") == 0)
        o.ties = SURV_TIES_EXACT;
      else if (strcmp(v, "exact-marginal") == 0)
        o.ties = SURV_TIES_EXACT_MARGINAL;
      else
        opts_fail(&op,
                  "--ties must be efron, breslow, exact or exact-marginal, "
                  "not '%s'",
                  v);
    } else if (opts_value(&op, "--conf-level")) {
      level = opts_level(&op);
    } else if (opts_flag(&op, "--summary")) {
      summary = 1;
    } else if (opts_value(&op, "--survival-at")) {
      at = op.value;
    } else if (opts_value(&op, "--residuals")) {
      if ((resid = coxdiag_residual_type(op.value)) < 0)
        opts_fail(&op,
                  "--residuals must be martingale, deviance, score, "
                  "schoenfeld, scaledsch, dfbeta or dfbetas, not '%s'",
                  op.value);
    } else if (opts_value(&op, "--zph")) {
      zph = 1;
      if ((zt = coxdiag_zph_transform(ztrans = op.value)) < 0)
        opts_fail(&op, "--zph must be km, rank, identity or log, not '%s'",
                  op.value);
    } else if (opts_flag(&op, "--zph")) {
      zph = 1;
    } else if (opts_value(&op, "--zph-svg")) {
      svg = op.value;
      zph = 1;
    } else {
      opts_unknown(&op);
    }
  }
  if (summary + (at != NULL) + (resid >= 0) + zph > 1) {
    free(terms);
    return csv_usage_error(PROG, usage, "%s",
                           "--summary, --survival-at, --residuals and --zph "
                           "(--zph-svg) exclude each other");
  }
  opts_surv_check(&op, &spec);
  if ((resid >= 0 || zph) &&
      (o.ties == SURV_TIES_EXACT || o.ties == SURV_TIES_EXACT_MARGINAL)) {
    free(terms);
    return csv_usage_error(PROG, usage, "%s",
                           "--residuals and --zph need --ties=efron or "
                           "breslow (R has no residuals for the exact "
                           "methods)");
  }
  if (!path || nterms == 0) {
    free(terms);
    return csv_usage_error(PROG, usage, "%s",
                           path ? "no TERM given" : "no FILE given");
  }
  for (size_t k = 0; k < nterms; k++)
    if (strcmp(terms[k], "1") == 0) {
      free(terms);
      return csv_usage_error(PROG, usage, "%s",
                             "the Cox model needs a covariate TERM, not 1");
    }
  double *times = NULL;
  size_t ntimes = 0;
  if (at && (ntimes = opts_times(at, &times)) == 0) {
    free(terms);
    return csv_usage_error(
        PROG, usage,
        "--survival-at must be times >= 0 separated by commas, "
        "not '%s'",
        at);
  }
  o.conf_level = level;
  model m;
  terms_frame f;
  surv_result *fit = NULL, *curve = NULL, *z = NULL;
  memset(&f, 0, sizeof f);
  spec.status = scol;
  if (read_model(path, tcol, &spec, ecol, stcol, clcol, wcol, terms, nterms, &f,
                 &m) != 0)
    goto done;
  const char *fname = f.file;
  surv_data d = SURV_DATA_INIT;
  d.n = m.n;
  d.time = m.time;
  d.status = m.status;
  d.entry = m.entry;
  d.weight = m.weight;
  d.strata = f.stratum;
  d.cluster = f.cluster;
  d.x = f.x;
  d.p = f.p;
  int rc = surv_cox_fit(&d, &o, &fit);
  if (rc == SURV_OK && at) {
    surv_cox_survfit_options so = SURV_COX_SURVFIT_OPTIONS_INIT;
    rc = surv_cox_survfit(fit, NULL, &so, &curve);
  }
  if (rc == SURV_OK && zph) {
    if (zph_terms(fit, &f, terms, &m) != 0)
      rc = SURV_EINVAL;
    else
      rc = coxdiag_print_zph(NULL, fit, &d, zt, m.terms, m.termnames, m.nterm,
                             &z);
  }
  if (rc != SURV_OK) {
    fprintf(stderr, PROG ": %s: %s\n", fname,
            rc == SURV_EINVAL && o.ties >= SURV_TIES_EXACT && wcol
                ? "case weights are not supported with --ties=exact or "
                  "exact-marginal"
            : rc == SURV_ETIME && zph && zt == SURV_ZPH_LOG
                ? "--zph=log needs event times above 0"
            : rc == SURV_ETIME && ecol
                ? "an (entry, time] interval collapses when near-tied times "
                  "are merged"
                : surv_strerror(rc));
    goto done;
  }
  if (svg && coxdiag_write_zph_svg(svg, z, m.termnames, m.nterm, ztrans) != 0) {
    fprintf(stderr, PROG ": %sTERM.svg: cannot write the plots: %s\n", svg,
            strerror(errno));
    goto done;
  }
  if (resid >= 0) {
    rc = coxdiag_print_residuals(stdout, fit, &d, resid, f.name, f.row,
                                 clcol ? f.cluster_label : NULL);
    if (rc != SURV_OK) {
      fprintf(stderr, PROG ": %s: %s\n", fname, surv_strerror(rc));
      goto done;
    }
  } else if (zph) {
    coxdiag_put_zph(stdout, z, m.termnames, m.nterm);
  } else if (summary) {
    printf("n\t");
    csv_put_num(stat_of(fit, SURV_STAT_N), 1);
    printf("nevent\t");
    csv_put_num(stat_of(fit, SURV_STAT_N_EVENT), 1);
    printf("n_dropped\t");
    csv_put_num((double)f.n_dropped, 1);
    printf("loglik_null\t");
    csv_put_num(stat_of(fit, SURV_STAT_LOGLIK_NULL), 1);
    printf("loglik\t");
    csv_put_num(stat_of(fit, SURV_STAT_LOGLIK), 1);
    put_test("lr", fit, SURV_TEST_LR, 1);
    put_test("wald", fit, SURV_TEST_WALD, 0);
    put_test("score", fit, SURV_TEST_SCORE, 0);
    surv_test t = {NAN, NAN, NAN};
    surv_result_test(fit, SURV_TEST_ROBUST_SCORE, &t);
    printf("robust_score\t");
    csv_put_num(t.statistic, 1);
    printf("concordance\t");
    csv_put_num(stat_of(fit, SURV_STAT_CONCORDANCE), 1);
    printf("concordance_se\t");
    csv_put_num(stat_of(fit, SURV_STAT_CONCORDANCE_SE), 1);
    printf("iter\t");
    csv_put_num(stat_of(fit, SURV_STAT_ITER), 1);
    printf("converged\t");
    csv_put_num(stat_of(fit, SURV_STAT_CONVERGED), 1);
  } else if (at) {
    /* R summary(survfit(fit), times =): the step function at each time;
     * before the first row S = 1 with no error; past the last row of a
     * curve the time is left out (R's extend = FALSE) */
    size_t nrow;
    const double *ct = surv_result_column(curve, SURV_COL_TIME, &nrow);
    const double *cs = surv_result_column(curve, SURV_COL_SURV, NULL);
    const double *ce = surv_result_column(curve, SURV_COL_STD_ERR, NULL);
    const double *cl = surv_result_column(curve, SURV_COL_LOWER, NULL);
    const double *cu = surv_result_column(curve, SURV_COL_UPPER, NULL);
    const double *cst = surv_result_column(curve, SURV_COL_STRATUM, NULL);
    printf("%stime\tsurv\tstd_err\tlower\tupper\n", cst ? "stratum\t" : "");
    size_t a = 0;
    while (a < nrow) {
      size_t b = a;
      while (b < nrow && (!cst || cst[b] == cst[a]))
        b++;
      for (size_t q = 0; q < ntimes; q++) {
        if (times[q] > ct[b - 1])
          continue;
        size_t lo = a, hi = b; /* rows a .. lo-1 have time <= T */
        while (lo < hi) {
          size_t mid = lo + (hi - lo) / 2;
          if (ct[mid] <= times[q])
            lo = mid + 1;
          else
            hi = mid;
        }
        if (cst)
          csv_put_num(m.slabel[(size_t)cst[a]], 0);
        csv_put_num(times[q], 0);
        if (lo == a) {
          csv_put_num(1, 0);
          csv_put_num(0, 0);
          csv_put_num(1, 0);
          csv_put_num(1, 1);
        } else {
          csv_put_num(cs[lo - 1], 0);
          csv_put_num(ce[lo - 1], 0);
          csv_put_num(cl[lo - 1], 0);
          csv_put_num(cu[lo - 1], 1);
        }
      }
      a = b;
    }
  } else {
    size_t p;
    const double *cc = surv_result_column(fit, SURV_COL_COEF, &p);
    const double *ce = surv_result_column(fit, SURV_COL_EXP_COEF, NULL);
    const double *cse = surv_result_column(fit, SURV_COL_SE, NULL);
    const double *crs = surv_result_column(fit, SURV_COL_ROBUST_SE, NULL);
    const double *cz = surv_result_column(fit, SURV_COL_Z, NULL);
    const double *cp = surv_result_column(fit, SURV_COL_P_VALUE, NULL);
    const double *cl = surv_result_column(fit, SURV_COL_LOWER, NULL);
    const double *cu = surv_result_column(fit, SURV_COL_UPPER, NULL);
    printf("term\tcoef\texp_coef\tse_coef\trobust_se\tz\tp\tlower\tupper\n");
    for (size_t j = 0; j < p; j++) {
      printf("%s\t", f.name[j]);
      csv_put_num(cc[j], 0);
      csv_put_num(ce[j], 0);
      csv_put_num(cse[j], 0);
      csv_put_num(crs ? crs[j] : NAN, 0);
      csv_put_num(cz[j], 0);
      csv_put_num(cp[j], 0);
      csv_put_num(cl[j], 0);
      csv_put_num(cu[j], 1);
    }
  }
  status = opts_close_stdout(&op);
done:
  surv_result_free(z);
  surv_result_free(curve);
  surv_result_free(fit);
  model_free(&m);
  terms_free(&f);
  free(times);
  free(terms);
  return status;
}
