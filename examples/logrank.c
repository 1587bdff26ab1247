/* logrank: K-sample log-rank / Harrington-Fleming test of a CSV file, as R's
 * survdiff(Surv(time, status) ~ group [+ strata(s)], rho = R) prints it;
 * with --entry=COLUMN the delayed-entry (left-truncated) version,
 * surv_logrank_test(3) with data.entry.
 * See surv-logrank(1) for the contract (options, output, exit status).
 *
 * The input is read and checked completely and the test computed before
 * anything is printed, so a failure leaves stdout empty. Cost: O(bytes) to
 * read, O(n + D k^2) for the test (surv_logrank_test(3)). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "csv.h"
#include "opts.h"
#include "terms.h"

#define PROG "surv-logrank"

static void usage(FILE *f) {
  fprintf(f,
          "usage: " PROG " [--rho=R] [--group=COL] [--strata=COL] "
          "[--entry=COL] [--time=COL]\n"
          "       [--status=COL] [--event=VALUE [--censor=VALUE]] [--strict] "
          "[--stream | --no-stream] [FILE]\n"
          "Log-rank (rho = 0) or Harrington-Fleming G-rho test comparing the "
          "groups of the CSV\ncolumn 'group' (numbers or text), with columns "
          "'time' and 'status' (1 = event, 0 = censored),\nof FILE (standard "
          "input if FILE is absent or '-'); --entry names a column of\n"
          "delayed-entry times (at risk on (entry, time]); see "
          "surv-logrank(1).\n");
}

/* surv-mpi (examples/mpi.c) builds this file again as its PROG_MAIN, with
 * the reading of --stream spread over the MPI ranks (STREAM_READ). */
#ifndef PROG_MAIN
#define PROG_MAIN main
#define STREAM_READ terms_surv_stream
#endif

int PROG_MAIN(int argc, char **argv) {
  const char *path = NULL, *rho_text = "0";
  double rho = 0;
  terms_surv in;
  terms_surv_spec spec = {0};
  char err[CSV_ERRLEN];
  surv_result *lr = NULL;
  int kind, rc, status = 1, stream = 0, rows = 0;
  terms_surv_counts cin;
  opts op;
  memset(&in, 0, sizeof in);
  memset(&cin, 0, sizeof cin);
  spec.group = "group";
  opts_init(&op, PROG, usage, argc, argv);
  while ((kind = opts_next(&op)) != OPTS_END) {
    if (kind == OPTS_OPERAND) {
      path = opts_file(&op, path);
    } else if (opts_flag(&op, "-h")) {
      usage(stdout);
      return opts_close_stdout(&op);
    } else if (opts_flag(&op, "--strict")) {
      spec.strict = 1;
    } else if (opts_flag(&op, "--stream")) {
      stream = 1;
    } else if (opts_flag(&op, "--no-stream")) {
      rows = 1;
    } else if (opts_value(&op, "--rho")) {
      if (opts_number(op.value, &rho) != 0)
        opts_fail(&op, "--rho must be a finite number, not '%s'", op.value);
      rho_text = op.value;
    } else if (!opts_surv_column(&op, &spec,
                                 OPTS_SURV_EVENT | OPTS_SURV_GROUP |
                                     OPTS_SURV_STRATA | OPTS_SURV_ENTRY))
      opts_unknown(&op);
  }
  opts_surv_check(&op, &spec);
  if (stream && rows)
    opts_fail(&op, "%s: choose one", "--stream --no-stream");
  if (!path)
    path = "-";
  /* By default the rows are counted as they are read (--stream) whenever
   * that prints the same bytes: not with --entry (an (entry, time]
   * interval that the near-tie merge collapses is an error only the rows
   * show), nor when the input cannot be read again should the table
   * outgrow terms_surv_auto_cells. */
  if (!stream && !rows && !spec.entry &&
      (spec.max_cells = terms_surv_auto_cells(path)) > 0)
    stream = 1;
  int got = stream ? STREAM_READ(path, &spec, &cin, err, sizeof err) : 0;
  if (got == -2) /* mostly distinct times: read again, keeping the rows */
    stream = 0;
  if (got == -1 ||
      (!stream && terms_surv_read(path, &spec, &in, err, sizeof err) != 0)) {
    fprintf(stderr, PROG ": %s\n", err);
    goto done;
  }
  if (stream) { /* one pass, memory of the distinct times x groups */
    surv_logrank_options o = SURV_LOGRANK_OPTIONS_INIT;
    o.rho = rho;
    rc = surv_counts_logrank_test(cin.counts, &o, &lr);
    in.group = cin.group; /* labels only, for printing */
    in.n_dropped = cin.n_dropped;
  } else {
    surv_data d = SURV_DATA_INIT;
    surv_logrank_options o = SURV_LOGRANK_OPTIONS_INIT;
    d.n = in.n;
    d.entry = in.entry;
    d.time = in.time;
    d.status = in.status;
    d.group = in.group.code;
    d.strata = in.strata.code;
    o.rho = rho;
    rc = surv_logrank_test(&d, &o, &lr);
  }
  if (rc == SURV_EINVAL && rho != 0) {
    /* The data are valid (terms_surv_read checked them): only the weights
     * S(t-)^rho can overflow, for a rho far from 0. */
    if (stream)
      memset(&in.group, 0, sizeof in.group); /* cin owns them */
    terms_surv_free(&in);
    terms_surv_counts_free(&cin);
    opts_fail(&op,
              "--rho=%s is too far from 0 for this data: the weights "
              "S(t-)^rho overflow",
              rho_text);
  }
  if (rc != SURV_OK) {
    fprintf(stderr, PROG ": %s: %s\n",
            strcmp(path, "-") == 0 ? "<stdin>" : path,
            rc == SURV_EGROUP ? "all subjects are in one group"
            : rc == SURV_ETIME && spec.entry
                ? "an (entry, time] interval collapses when near-tied times "
                  "are merged"
                : surv_strerror(rc));
    goto done;
  }
  {
    size_t j, k;
    const double *g = surv_result_column(lr, SURV_COL_GROUP, &k);
    const double *n = surv_result_column(lr, SURV_COL_N, NULL);
    const double *o = surv_result_column(lr, SURV_COL_OBSERVED, NULL);
    const double *e = surv_result_column(lr, SURV_COL_EXPECTED, NULL);
    const double *v = surv_result_column(lr, SURV_COL_VAR, NULL);
    surv_test t;
    surv_result_test(lr, SURV_TEST_MAIN, &t);
    printf("group\tn\tobserved\texpected\t(O-E)^2/E\t(O-E)^2/V\n");
    for (j = 0; j < k; j++) {
      double d = o[j] - e[j];
      terms_put_label(&in.group, (size_t)g[j]);
      csv_put_num(n[j], 0);
      csv_put_num(o[j], 0);
      csv_put_num(e[j], 0);
      csv_put_num(e[j] > 0 ? d * d / e[j] : NAN, 0);
      csv_put_num(v[j * k + j] > 0 ? d * d / v[j * k + j] : NAN, 1);
    }
    fputs("chisq\t", stdout);
    csv_put_num(t.statistic, 1);
    printf("df\t%zu\n", (size_t)t.df);
    fputs("p\t", stdout);
    csv_put_num(t.p_value, 1);
  }
  surv_result_free(lr);
  terms_report_dropped(PROG, in.n_dropped);
  if (stream)
    memset(&in.group, 0, sizeof in.group); /* cin owns them */
  terms_surv_free(&in);
  terms_surv_counts_free(&cin);
  return opts_close_stdout(&op);
done:
  surv_result_free(lr);
  if (stream)
    memset(&in.group, 0, sizeof in.group);
  terms_surv_free(&in);
  terms_surv_counts_free(&cin);
  return status;
}
