/* surv-survreg: parametric survival regression of a CSV file, as R's
 * survreg(Surv(time, status) ~ terms [+ strata(s)], dist = ...) and its
 * summary() print it; --interval=L,R reads interval-censored data as R's
 * Surv(L, R, type = "interval2"). See surv-survreg(1) for the contract.
 *
 * The input is read and checked completely and the model fitted before
 * anything is printed, so a failure leaves stdout empty. Terms and factors
 * are read by terms.c (shared with the other regression programs). Cost:
 * O(bytes) to read, O(n p^2) per Newton-Raphson iteration
 * (surv_survreg_fit(3)). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "csv.h"
#include "opts.h"
#include "terms.h"

#define PROG "surv-survreg"

static void usage(FILE *f) {
  fprintf(f,
          "usage: " PROG " [--dist=weibull|exponential|lognormal|loglogistic|"
          "gaussian|logistic]\n"
          "       [--time=COL] [--status=COL] [--interval=LEFT,RIGHT] "
          "[--strata=COL]\n"
          "       [--weights=COL] [--event=VALUE [--censor=VALUE]] [--strict] "
          "[--summary]\n       FILE TERM [TERM...]\n"
          "Parametric survival regression (R survreg) of the CSV file FILE "
          "('-' = standard\ninput) on the columns TERM (a column of text is a "
          "factor; '1' alone = no\ncovariate); see surv-survreg(1).\n");
}

static const struct {
  const char *name;
  surv_survreg_dist dist;
} dists[] = {{"weibull", SURV_SURVREG_WEIBULL},
             {"exponential", SURV_SURVREG_EXPONENTIAL},
             {"lognormal", SURV_SURVREG_LOGNORMAL},
             {"loglogistic", SURV_SURVREG_LOGLOGISTIC},
             {"gaussian", SURV_SURVREG_GAUSSIAN},
             {"logistic", SURV_SURVREG_LOGISTIC},
             {"extreme", SURV_SURVREG_EXTREME},
             {"rayleigh", SURV_SURVREG_RAYLEIGH}};

static int log_time(surv_survreg_dist d) {
  return d != SURV_SURVREG_GAUSSIAN && d != SURV_SURVREG_LOGISTIC &&
         d != SURV_SURVREG_EXTREME;
}

typedef struct {
  size_t n;
  double *time, *time2, *weight, *x;
  int *status, *strata;
} model_rows;

/* "FILE:LINE: message" on stderr; returns 1. */
static int row_error(const terms_frame *f, size_t i, const char *msg,
                     const char *arg) {
  fprintf(stderr, PROG ": %s:%ld: ", f->file, f->line[i]);
  fprintf(stderr, msg, arg);
  fputc('\n', stderr);
  return 1;
}

/* The response, weights and design of the kept rows; rows whose interval
 * is missing at both ends are left out too (R: an NA Surv value). */
static int build_rows(terms_frame *f, int interval, int has_weights,
                      surv_survreg_dist dist, const char *tname,
                      const char *sname, const char *wname, model_rows *m,
                      size_t *dropped) {
  size_t i, k = 0, j, n = f->n, p = f->p;
  int one_two = 0, lt = log_time(dist);
  const char *dn = "";
  for (j = 0; j < sizeof dists / sizeof dists[0]; j++)
    if (dists[j].dist == dist)
      dn = dists[j].name;
  m->time = malloc(n * sizeof *m->time);
  m->time2 = malloc(n * sizeof *m->time2);
  m->status = malloc(n * sizeof *m->status);
  m->weight = has_weights ? malloc(n * sizeof *m->weight) : NULL;
  m->strata = f->stratum ? malloc(n * sizeof *m->strata) : NULL;
  m->x = malloc((n * p + 1) * sizeof *m->x);
  if (!m->time || !m->time2 || !m->status || (has_weights && !m->weight) ||
      (f->stratum && !m->strata) || !m->x) {
    fprintf(stderr, PROG ": out of memory\n");
    return 1;
  }
  if (!interval) {
    /* R's Surv(): 0/1, or 1/2 with 2 = event */
    size_t bad = n, first2 = n;
    int has0 = 0;
    for (i = 0; i < n; i++) {
      double s = f->num[1][i];
      if (s != 0 && s != 1 && s != 2 && bad == n)
        bad = i;
      if (s == 2 && first2 == n)
        first2 = i;
      has0 |= s == 0;
    }
    if (bad == n && has0)
      bad = first2;
    if (bad < n)
      return row_error(f, bad,
                       "column '%s' must hold 0/1 (or 1/2: 2 = event) values",
                       sname);
    one_two = !has0 && first2 < n; /* all 1: events, as R */
  }
  for (i = 0; i < n; i++) {
    double t, t2 = 0;
    int st;
    if (interval) {
      double l = f->num[0][i], r = f->num[1][i];
      if (isnan(l) && isnan(r)) {
        (*dropped)++;
        continue;
      }
      if (isnan(l))
        st = 2, t = r;
      else if (isnan(r))
        st = 0, t = l;
      else if (l == r)
        st = 1, t = l;
      else if (l < r)
        st = 3, t = l, t2 = r;
      else
        return row_error(f, i, "the left bound is above the right bound%s", "");
    } else {
      double s = f->num[1][i];
      t = f->num[0][i];
      st = one_two ? (int)s - 1 : (int)s;
      if (t < 0)
        return row_error(f, i, "column '%s' must not be negative", tname);
    }
    if (lt && !(t > 0))
      return row_error(f, i, "times must be > 0 for the %s distribution", dn);
    m->time[k] = t;
    m->time2[k] = t2;
    m->status[k] = st;
    if (has_weights) {
      double w = f->num[2][i];
      if (!(w > 0))
        return row_error(f, i, "weights (column '%s') must be > 0", wname);
      m->weight[k] = w;
    }
    if (m->strata)
      m->strata[k] = f->stratum[i];
    memcpy(m->x + k * p, f->x + i * p, p * sizeof *m->x);
    k++;
  }
  m->n = k;
  if (k == 0) {
    fprintf(stderr,
            PROG ": %s: no rows left after leaving out missing "
                 "values\n",
            f->file);
    return 1;
  }
  return 0;
}

static void free_rows(model_rows *m) {
  free(m->time);
  free(m->time2);
  free(m->status);
  free(m->weight);
  free(m->strata);
  free(m->x);
}

static void put_kv(const char *key, double v) {
  printf("%s\t", key);
  csv_put_num(v, 1);
}

int main(int argc, char **argv) {
  const char *path = NULL, *tcol = "time", *scol = "status", *stcol = NULL;
  const char *wcol = NULL, *ival = NULL;
  const char **terms = NULL;
  char *lcol = NULL, *rcol = NULL;
  size_t nterms = 0;
  int summary = 0, k, status = 1, rc;
  opts op;
  surv_survreg_options o = SURV_SURVREG_OPTIONS_INIT;
  terms_frame f;
  model_rows m;
  surv_result *fit = NULL;
  char err[CSV_ERRLEN];
  terms_surv_spec spec = {0};
  memset(&f, 0, sizeof f);
  memset(&m, 0, sizeof m);
  terms = malloc((size_t)argc * sizeof *terms);
  if (!terms) {
    fprintf(stderr, PROG ": out of memory\n");
    return 1;
  }
  opts_init(&op, PROG, usage, argc, argv);
  while ((k = opts_next(&op)) != OPTS_END) {
    if (k == OPTS_OPERAND) {
      if (!path)
        path = op.arg;
      else
        terms[nterms++] = op.arg;
    } else if (opts_flag(&op, "-h")) {
      usage(stdout);
      free(terms);
      return opts_close_stdout(&op);
    } else if (opts_value(&op, "--dist")) {
      size_t k2;
      for (k2 = 0; k2 < sizeof dists / sizeof dists[0]; k2++)
        if (strcmp(op.value, dists[k2].name) == 0)
          break;
      if (k2 == sizeof dists / sizeof dists[0])
        opts_fail(&op, "unknown distribution '%s'", op.value);
      o.dist = dists[k2].dist;
    } else if (opts_surv_column(&op, &spec, OPTS_SURV_EVENT)) {
      tcol = spec.time ? spec.time : tcol;
      scol = spec.status ? spec.status : scol;
    } else if (opts_flag(&op, "--strict")) {
      spec.strict = 1;
    } else if (opts_value(&op, "--strata")) {
      stcol = op.value;
    } else if (opts_value(&op, "--weights")) {
      wcol = op.value;
    } else if (opts_value(&op, "--interval")) {
      const char *v = op.value, *comma = strchr(v, ',');
      if (!comma || comma == v || !comma[1] || strchr(comma + 1, ','))
        opts_fail(&op, "--interval needs two column names LEFT,RIGHT, not '%s'",
                  v);
      ival = v;
    } else if (opts_flag(&op, "--summary")) {
      summary = 1;
    } else
      opts_unknown(&op);
  }
  opts_surv_check(&op, &spec);
  if (!path || nterms == 0) {
    free(terms);
    return csv_usage_error(PROG, usage, "%s",
                           !path ? "missing FILE and TERM"
                                 : "missing TERM (a column name, or 1)");
  }
  if (nterms > 1)
    for (size_t t = 0; t < nterms; t++)
      if (strcmp(terms[t], "1") == 0) {
        free(terms);
        return csv_usage_error(PROG, usage, "%s",
                               "the term 1 (intercept only) stands alone");
      }
  if (stcol &&
      (o.dist == SURV_SURVREG_EXPONENTIAL || o.dist == SURV_SURVREG_RAYLEIGH)) {
    free(terms);
    return csv_usage_error(PROG, usage,
                           "--strata needs an estimated scale; the %s "
                           "distribution fixes it",
                           o.dist == SURV_SURVREG_EXPONENTIAL ? "exponential"
                                                              : "rayleigh");
  }
  {
    terms_col cols[3] = {{NULL, 0, NULL}, {NULL, 0, NULL}, {NULL, 0, NULL}};
    size_t nc = 0;
    if (ival) {
      const char *comma = strchr(ival, ',');
      lcol = malloc((size_t)(comma - ival) + 1);
      rcol = malloc(strlen(comma + 1) + 1);
      if (!lcol || !rcol) {
        fprintf(stderr, PROG ": out of memory\n");
        goto done;
      }
      memcpy(lcol, ival, (size_t)(comma - ival));
      lcol[comma - ival] = '\0';
      strcpy(rcol, comma + 1);
      cols[nc].name = lcol;
      cols[nc++].keep_na = 1;
      cols[nc].name = rcol;
      cols[nc++].keep_na = 1;
    } else {
      cols[nc].name = tcol;
      cols[nc++].keep_na = 0;
      cols[nc].name = scol;
      /* its own 0/1, 1/2 check below; the shared decoder for --event
       * (TRUE/FALSE and text) and --strict */
      spec.status = scol;
      cols[nc].status = spec.event || spec.strict ? &spec : NULL;
      cols[nc++].keep_na = 0;
    }
    if (wcol) {
      cols[nc].name = wcol;
      cols[nc++].keep_na = 0;
    }
    if (terms_read(path, cols, nc, stcol, terms, nterms, &f, err, sizeof err) !=
        0) {
      fprintf(stderr, PROG ": %s\n", err);
      goto done;
    }
  }
  {
    size_t dropped = f.n_dropped;
    if (build_rows(&f, ival != NULL, wcol != NULL, o.dist, tcol, scol, wcol, &m,
                   &dropped) != 0)
      goto done;
    if (dropped)
      fprintf(stderr, PROG ": %zu row%s with missing values left out\n",
              dropped, dropped == 1 ? "" : "s");
  }
  {
    surv_data d = SURV_DATA_INIT;
    d.n = m.n;
    d.time = m.time;
    d.time2 = m.time2;
    d.status = m.status;
    d.weight = m.weight;
    d.strata = m.strata;
    if (f.p) {
      d.x = m.x;
      d.p = f.p;
    }
    rc = surv_survreg_fit(&d, &o, &fit);
    if (rc != SURV_OK) {
      fprintf(stderr, PROG ": %s: %s\n", f.file,
              rc == SURV_ENOEVENT
                  ? "no events: every row is censored the same way, the "
                    "model has no estimate"
              : rc == SURV_ENOCONV
                  ? "the fit failed: the log-likelihood or an estimate is "
                    "not finite (or every time is the same)"
                  : surv_strerror(rc));
      goto done;
    }
  }
  {
    size_t len, j, nvar = f.p + 1;
    const double *b = surv_result_column(fit, SURV_COL_COEF, &len);
    const double *se = surv_result_column(fit, SURV_COL_SE, NULL);
    const double *z = surv_result_column(fit, SURV_COL_Z, NULL);
    const double *pv = surv_result_column(fit, SURV_COL_P_VALUE, NULL);
    double conv = 0, v;
    surv_result_stat(fit, SURV_STAT_CONVERGED, &conv);
    if (conv == 0)
      fprintf(stderr, PROG ": warning: ran out of iterations and did not "
                           "converge\n");
    if (!summary) {
      printf("term\tcoef\tse\tz\tp\n");
      for (j = 0; j < len; j++) {
        if (j == 0)
          fputs("(Intercept)", stdout);
        else if (j < nvar)
          fputs(f.name[j - 1], stdout);
        else if (len - nvar > 1)
          printf("Log(scale):%s", f.stratum_label[j - nvar]);
        else
          fputs("Log(scale)", stdout);
        putchar('\t');
        csv_put_num(b[j], 0);
        csv_put_num(se[j], 0);
        csv_put_num(z[j], 0);
        csv_put_num(pv[j], 1);
      }
    } else {
      surv_test lr;
      const double *sc = surv_result_column(fit, SURV_COL_SCALE, &len);
      surv_data nd = SURV_DATA_INIT;
      static const double half = 0.5;
      double med = NAN;
      surv_result_test(fit, SURV_TEST_LR, &lr);
      surv_result_stat(fit, SURV_STAT_N, &v);
      put_kv("n", v);
      surv_result_stat(fit, SURV_STAT_LOGLIK_NULL, &v);
      put_kv("loglik_null", v);
      surv_result_stat(fit, SURV_STAT_LOGLIK, &v);
      put_kv("loglik", v);
      put_kv("chisq", lr.statistic);
      put_kv("df", lr.df);
      put_kv("p", lr.p_value);
      put_kv("scale", len == 1 ? sc[0] : NAN);
      for (j = 0; len > 1 && j < len; j++) {
        printf("scale:%s\t", f.stratum_label[j]);
        csv_put_num(sc[j], 1);
      }
      surv_result_stat(fit, SURV_STAT_ITER, &v);
      put_kv("iter", v);
      put_kv("converged", conv);
      nd.n = 1;
      nd.x = f.p ? m.x : NULL;
      nd.p = f.p;
      nd.strata = m.strata;
      if (surv_survreg_predict(fit, &nd, SURV_SURVREG_PRED_QUANTILE, &half, 1,
                               &med, NULL, 1) != SURV_OK)
        med = NAN;
      put_kv("median_first", med);
    }
  }
  status = opts_close_stdout(&op);
done:
  surv_result_free(fit);
  free_rows(&m);
  terms_free(&f);
  free(lcol);
  free(rcol);
  free(terms);
  return status;
}
