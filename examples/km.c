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
#include "terms.h"

#define PROG "surv-km"

static void usage(FILE *f) {
  fprintf(f,
          "usage: " PROG " [--conf-type=plain|log|log-log|logit|arcsin] "
          "[--conf-level=P] [--quantiles | --summary]\n"
          "       [--time=COL] [--status=COL] [--event=VALUE [--censor=VALUE]] "
          "[--group=COL]\n"
          "       [--entry=COL] [--weights=COL] [--strict] [--stream] [FILE]\n"
          "Kaplan-Meier estimate of the CSV columns 'time' and 'status' "
          "(1 = event, 0 = censored)\n"
          "of FILE (standard input if FILE is absent or '-'), one curve per "
          "group; see surv-km(1).\n");
}

/* The group label of curve row i (g NULL: no group column). */
static void put_group(const terms_labels *g, const double *stratum, size_t i) {
  if (g)
    terms_put_label(g, (size_t)stratum[i]);
}

static int print_table(const surv_result *km, surv_ci_type type, double level,
                       const char *name, const terms_labels *g) {
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
               *se = surv_result_column(km, SURV_COL_STD_ERR, NULL),
               *st = surv_result_column(km, SURV_COL_STRATUM, NULL);
  if (g)
    fputs("group\t", stdout);
  fputs("time\tn_risk\tn_event\tn_censor\tsurv\tstd_err\tlower\tupper\n",
        stdout);
  for (size_t i = 0; i < m; i++) {
    put_group(g, st, i);
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
                           double level, const char *name,
                           const terms_labels *g) {
  static const double p[3] = {0.25, 0.5, 0.75};
  size_t k = g ? g->k : 1;
  double *v = malloc(9 * k * sizeof *v);
  int rc = v ? surv_curve_quantile(km, p, 3, type, level, v, v + 3 * k,
                                   v + 6 * k, 3 * k)
             : SURV_ENOMEM;
  if (rc != SURV_OK) {
    fprintf(stderr, PROG ": %s: %s\n", name, surv_strerror(rc));
    free(v);
    return 1;
  }
  if (g)
    fputs("group\t", stdout);
  fputs("prob\testimate\tlower\tupper\n", stdout);
  for (size_t j = 0; j < k; j++)
    for (size_t i = 0; i < 3; i++) {
      if (g)
        terms_put_label(g, j);
      csv_put_num(p[i], 0);
      csv_put_num(v[j * 3 + i], 0);
      csv_put_num(v[3 * k + j * 3 + i], 0);
      csv_put_num(v[6 * k + j * 3 + i], 1);
    }
  free(v);
  return 0;
}

/* R's print(survfit, rmean = "common"): per group n, events, the restricted
 * mean up to the largest time of all groups and its se, the median and its
 * limits; then survdiff's log-rank test across the groups (not with case
 * weights, which survdiff does not take). */
static int print_summary(const surv_result *km, const surv_data *d,
                         surv_ci_type type, double level, const char *name,
                         const terms_labels *g) {
  static const double half = 0.5;
  size_t k = g ? g->k : 1, m, i;
  const double *t = surv_result_column(km, SURV_COL_TIME, &m),
               *ne = surv_result_column(km, SURV_COL_N_EVENT, NULL),
               *st = surv_result_column(km, SURV_COL_STRATUM, NULL);
  double *v = calloc(7 * k, sizeof *v), tau = 0;
  surv_result *lr = NULL;
  surv_test test = {NAN, NAN, NAN};
  int rc = v ? SURV_OK : SURV_ENOMEM;
  for (i = 0; i < m; i++)
    if (t[i] > tau)
      tau = t[i];
  if (rc == SURV_OK)
    rc = surv_curve_rmst(km, tau, level, v + 2 * k, v + 3 * k, NULL, NULL, k);
  if (rc == SURV_OK)
    rc = surv_curve_quantile(km, &half, 1, type, level, v + 4 * k, v + 5 * k,
                             v + 6 * k, k);
  if (rc == SURV_OK && g && !d->weight) {
    rc = surv_logrank_test(d, NULL, &lr);
    if (rc == SURV_OK)
      rc = surv_result_test(lr, SURV_TEST_MAIN, &test);
    surv_result_free(lr);
  }
  if (rc != SURV_OK) {
    fprintf(stderr, PROG ": %s: %s\n", name, surv_strerror(rc));
    free(v);
    return 1;
  }
  for (i = 0; i < d->n; i++)
    v[g ? (size_t)d->group[i] : 0] += 1;
  for (i = 0; i < m; i++)
    v[k + (g ? (size_t)st[i] : 0)] += ne[i];
  if (g)
    fputs("group\t", stdout);
  fputs("n\tevents\trmean\tse_rmean\tmedian\tlower\tupper\n", stdout);
  for (size_t j = 0; j < k; j++) {
    if (g)
      terms_put_label(g, j);
    for (i = 0; i < 7; i++)
      csv_put_num(v[i * k + j], i == 6);
  }
  if (g && !d->weight) {
    fputs("chisq\t", stdout);
    csv_put_num(test.statistic, 1);
    printf("df\t%zu\n", (size_t)test.df);
    fputs("p\t", stdout);
    csv_put_num(test.p_value, 1);
  }
  free(v);
  return 0;
}

/* surv-mpi (examples/mpi.c) builds this file again as its PROG_MAIN, with
 * the reading of --stream spread over the MPI ranks (STREAM_READ). */
#ifndef PROG_MAIN
#define PROG_MAIN main
#define STREAM_READ terms_surv_stream
#endif

int PROG_MAIN(int argc, char **argv) {
  surv_ci_type type = SURV_CI_LOGLOG;
  double level = 0.95;
  int quantiles = 0, summary = 0, stream = 0, k;
  const char *path = NULL;
  terms_surv_spec spec = {0};
  opts o;

  opts_init(&o, PROG, usage, argc, argv);
  while ((k = opts_next(&o)) != OPTS_END) {
    if (k == OPTS_OPERAND) {
      path = opts_file(&o, path);
    } else if (opts_flag(&o, "--quantiles"))
      quantiles = 1;
    else if (opts_flag(&o, "--summary"))
      summary = 1;
    else if (opts_flag(&o, "--strict"))
      spec.strict = 1;
    else if (opts_flag(&o, "--stream"))
      stream = 1;
    else if (opts_value(&o, "--conf-type"))
      type = (surv_ci_type)opts_conf_type(&o);
    else if (opts_value(&o, "--conf-level")) {
      level = opts_level(&o);
    } else if (!opts_surv_column(&o, &spec,
                                 OPTS_SURV_EVENT | OPTS_SURV_GROUP |
                                     OPTS_SURV_ENTRY | OPTS_SURV_WEIGHTS))
      opts_unknown(&o);
  }
  opts_surv_check(&o, &spec);
  if (quantiles && summary)
    opts_fail(&o, "%s: choose one of --quantiles and --summary",
              "--quantiles --summary");
  if (stream && summary)
    opts_fail(&o, "%s: --summary needs the rows; not with --stream",
              "--stream --summary");
  if (!path)
    path = "-";
  const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;

  char err[CSV_ERRLEN];
  terms_surv in;
  terms_surv_counts cin; /* --stream: rows counted as they are read */
  surv_result *km = NULL;
  surv_data d = SURV_DATA_INIT;
  int rc;
  memset(&in, 0, sizeof in);
  memset(&cin, 0, sizeof cin);
  if (stream ? STREAM_READ(path, &spec, &cin, err, sizeof err) != 0
             : terms_surv_read(path, &spec, &in, err, sizeof err) != 0) {
    fprintf(stderr, PROG ": %s\n", err);
    return 1;
  }
  d.n = in.n;
  d.time = in.time;
  d.status = in.status;
  d.entry = in.entry;
  d.weight = in.weight;
  d.group = in.group.code;
  rc =
      stream ? surv_counts_km_fit(cin.counts, 0, &km) : surv_km_fit(&d, 0, &km);
  if (rc != SURV_OK) {
    fprintf(stderr, PROG ": %s: %s\n", name, surv_strerror(rc));
    terms_surv_free(&in);
    terms_surv_counts_free(&cin);
    return 1;
  }
  static char outbuf[1 << 16];
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
  const terms_labels *g = !spec.group ? NULL : stream ? &cin.group : &in.group;
  int bad = quantiles ? print_quantiles(km, type, level, name, g)
            : summary ? print_summary(km, &d, type, level, name, g)
                      : print_table(km, type, level, name, g);
  surv_result_free(km);
  size_t dropped = stream ? cin.n_dropped : in.n_dropped;
  terms_surv_free(&in);
  terms_surv_counts_free(&cin);
  if (bad)
    return 1;
  terms_report_dropped(PROG, dropped);
  return opts_close_stdout(&o);
}
