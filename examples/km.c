/* km: Kaplan-Meier table or quantiles of a CSV file, as R's
 * survfit(Surv(time, status) ~ 1, conf.type = ...) prints them.
 * See surv-km(1) for the contract (options, output columns, exit status).
 *
 * The input is read and checked completely, the curve fitted and every
 * output number computed before anything is printed, so a failure leaves
 * stdout empty. Cost: O(bytes) to read, O(n log n) to fit, O(rows) to print;
 * memory: the file plus 12 bytes per subject, the file being released before
 * the fit. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "csv.h"
#include "opts.h"

#define PROG "surv-km"

static void usage(FILE *f) {
  fprintf(
      f,
      "usage: " PROG " [--conf-type=plain|log|log-log|logit|arcsin] "
      "[--conf-level=P] [--quantiles] [FILE]\n"
      "Kaplan-Meier estimate of the CSV columns 'time' and 'status' "
      "(1 = event, 0 = censored)\n"
      "of FILE (standard input if FILE is absent or '-'); see surv-km(1).\n");
}

static int parse_conf_type(const char *s, surv_ci_type *out) {
  static const struct {
    const char *name;
    surv_ci_type type;
  } types[] = {{"plain", SURV_CI_PLAIN},
               {"log", SURV_CI_LOG},
               {"log-log", SURV_CI_LOGLOG},
               {"logit", SURV_CI_LOGIT},
               {"arcsin", SURV_CI_ARCSIN}};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    if (strcmp(s, types[i].name) == 0) {
      *out = types[i].type;
      return 0;
    }
  return -1;
}

/* Read the time and status columns of path into fresh arrays. Returns 0, or
 * 1 after printing the message. */
static int read_input(const char *path, double **time_out, int **status_out,
                      size_t *n_out) {
  char err[CSV_ERRLEN];
  csv *c = csv_open(path, err, sizeof err);
  if (!c) {
    fprintf(stderr, PROG ": %s\n", err);
    return 1;
  }
  int jt = csv_col(c, "time"), js = csv_col(c, "status");
  if (jt < 0 || js < 0) {
    csv_fail(c, "no column named '%s' in the header",
             jt < 0 ? "time" : "status");
    goto fail;
  }
  size_t cap = csv_rows_hint(c), n = 0;
  double *time = malloc(cap * sizeof *time);
  int *status = malloc(cap * sizeof *status);
  if (!time || !status) {
    free(time);
    free(status);
    csv_fail(c, "out of memory");
    goto fail;
  }
  csv_advise_big(time, cap * sizeof *time);
  csv_advise_big(status, cap * sizeof *status);
  int r;
  while ((r = csv_next(c)) > 0) {
    if (csv_get_time(c, (size_t)jt, &time[n]) != CSV_OK ||
        csv_get_01(c, (size_t)js, &status[n]) != CSV_OK) {
      r = -1;
      break;
    }
    n++; /* n < cap: cap counts every line break */
  }
  if (r == 0 && n == 0) {
    csv_fail(c, "no data rows after the header");
    r = -1;
  }
  if (r < 0) {
    free(time);
    free(status);
    goto fail;
  }
  csv_close(c);
  *time_out = time;
  *status_out = status;
  *n_out = n;
  return 0;
fail:
  fprintf(stderr, PROG ": %s\n", csv_errmsg(c));
  csv_close(c);
  return 1;
}

static int print_table(const surv_result *km, surv_ci_type type, double level,
                       const char *name) {
  size_t m;
  const double *t = surv_result_column(km, SURV_COL_TIME, &m);
  double *lower = malloc((m ? m : 1) * sizeof *lower);
  double *upper = malloc((m ? m : 1) * sizeof *upper);
  int rc = !lower || !upper ? SURV_ENOMEM
                            : surv_curve_ci(km, type, level, lower, upper, m);
  if (rc != SURV_OK) {
    fprintf(stderr, PROG ": %s: %s\n", name, surv_strerror(rc));
    free(lower);
    free(upper);
    return 1;
  }
  const double *nr = surv_result_column(km, SURV_COL_N_RISK, NULL),
               *ne = surv_result_column(km, SURV_COL_N_EVENT, NULL),
               *nc = surv_result_column(km, SURV_COL_N_CENSOR, NULL),
               *s = surv_result_column(km, SURV_COL_SURV, NULL),
               *se = surv_result_column(km, SURV_COL_STD_ERR, NULL);
  fputs("time\tn_risk\tn_event\tn_censor\tsurv\tstd_err\tlower\tupper\n",
        stdout);
  for (size_t i = 0; i < m; i++) {
    csv_put_num(t[i], 0);
    csv_put_num(nr[i], 0);
    csv_put_num(ne[i], 0);
    csv_put_num(nc[i], 0);
    csv_put_num(s[i], 0);
    csv_put_num(se[i], 0);
    csv_put_num(lower[i], 0);
    csv_put_num(upper[i], 1);
  }
  free(lower);
  free(upper);
  return 0;
}

static int print_quantiles(const surv_result *km, surv_ci_type type,
                           double level, const char *name) {
  static const double p[3] = {0.25, 0.5, 0.75};
  double est[3], lo[3], hi[3];
  int rc = surv_curve_quantile(km, p, 3, type, level, est, lo, hi, 3);
  if (rc != SURV_OK) {
    fprintf(stderr, PROG ": %s: %s\n", name, surv_strerror(rc));
    return 1;
  }
  fputs("prob\testimate\tlower\tupper\n", stdout);
  for (size_t i = 0; i < 3; i++) {
    csv_put_num(p[i], 0);
    csv_put_num(est[i], 0);
    csv_put_num(lo[i], 0);
    csv_put_num(hi[i], 1);
  }
  return 0;
}

int main(int argc, char **argv) {
  surv_ci_type type = SURV_CI_LOGLOG;
  double level = 0.95;
  int quantiles = 0, k;
  const char *path = NULL;
  opts o;

  opts_init(&o, PROG, usage, argc, argv);
  while ((k = opts_next(&o)) != OPTS_END) {
    if (k == OPTS_OPERAND) {
      path = opts_file(&o, path);
    } else if (opts_flag(&o, "--quantiles"))
      quantiles = 1;
    else if (opts_value(&o, "--conf-type")) {
      if (parse_conf_type(o.value, &type) != 0)
        opts_fail(&o, "unknown confidence interval type '%s'", o.value);
    } else if (opts_value(&o, "--conf-level")) {
      level = opts_level(&o);
    } else
      opts_unknown(&o);
  }
  if (!path)
    path = "-";
  const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;

  double *time;
  int *status;
  size_t n;
  if (read_input(path, &time, &status, &n) != 0)
    return 1;
  surv_result *km = NULL;
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.time = time;
  d.status = status;
  int rc = surv_km_fit(&d, 0, &km);
  free(time);
  free(status);
  if (rc != SURV_OK) {
    fprintf(stderr, PROG ": %s: %s\n", name, surv_strerror(rc));
    return 1;
  }
  static char outbuf[1 << 16];
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
  int bad = quantiles ? print_quantiles(km, type, level, name)
                      : print_table(km, type, level, name);
  surv_result_free(km);
  if (bad)
    return 1;
  return opts_close_stdout(&o);
}
