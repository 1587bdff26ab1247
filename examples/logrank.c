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

#define PROG "surv-logrank"

static void usage(FILE *f) {
  fprintf(f,
          "usage: " PROG " [--rho=R] [--strata=COLUMN] [--entry=COLUMN] "
          "[FILE]\n"
          "Log-rank (rho = 0) or Harrington-Fleming G-rho test comparing the "
          "groups of the CSV\ncolumn 'group' (integers), with columns 'time' "
          "and 'status' (1 = event, 0 = censored),\nof FILE (standard input "
          "if FILE is absent or '-'); --entry names a column of\ndelayed-entry "
          "times (at risk on (entry, time]); see surv-logrank(1).\n");
}

/* Field j as an int label (a number with no fractional part in int range). */
static int get_label(csv *c, int j, const char *name, int *out) {
  double v;
  int rc = csv_get_double(c, (size_t)j, &v);
  if (rc == CSV_MISSING)
    return csv_fail(c, "missing value in column '%s'", name);
  if (rc != CSV_OK)
    return rc;
  if (v != floor(v) || v < -2147483647.0 || v > 2147483647.0)
    return csv_fail(c, "column '%s' must hold integer labels", name);
  *out = (int)v;
  return CSV_OK;
}

typedef struct {
  size_t n;
  double *time, *entry;
  int *status, *group, *strata;
} input;

static void free_input(input *in) {
  free(in->time);
  free(in->status);
  free(in->group);
  free(in->strata);
  free(in->entry);
}

static int read_input(const char *path, const char *scol, const char *ecol,
                      input *in) {
  char err[CSV_ERRLEN];
  csv *c = csv_open(path, err, sizeof err);
  int jt, js, jg, jst = -1, je = -1, r;
  size_t cap;
  if (!c) {
    fprintf(stderr, PROG ": %s\n", err);
    return 1;
  }
  jt = csv_col(c, "time");
  js = csv_col(c, "status");
  jg = csv_col(c, "group");
  if (scol)
    jst = csv_col(c, scol);
  if (ecol)
    je = csv_col(c, ecol);
  if (jt < 0 || js < 0 || jg < 0 || (scol && jst < 0) || (ecol && je < 0)) {
    csv_fail(c, "no column named '%s' in the header",
             jt < 0              ? "time"
             : js < 0            ? "status"
             : jg < 0            ? "group"
             : (scol && jst < 0) ? scol
                                 : ecol);
    goto fail;
  }
  cap = csv_rows_hint(c) + 1;
  in->n = 0;
  in->time = malloc(cap * sizeof *in->time);
  in->status = malloc(cap * sizeof *in->status);
  in->group = malloc(cap * sizeof *in->group);
  in->strata = scol ? malloc(cap * sizeof *in->strata) : NULL;
  in->entry = ecol ? malloc(cap * sizeof *in->entry) : NULL;
  if (!in->time || !in->status || !in->group || (scol && !in->strata) ||
      (ecol && !in->entry)) {
    csv_fail(c, "out of memory");
    goto fail;
  }
  while ((r = csv_next(c)) > 0) {
    size_t i = in->n;
    if (csv_get_time(c, (size_t)jt, &in->time[i]) != CSV_OK ||
        csv_get_01(c, (size_t)js, &in->status[i]) != CSV_OK ||
        get_label(c, jg, "group", &in->group[i]) != CSV_OK ||
        (scol && get_label(c, jst, scol, &in->strata[i]) != CSV_OK) ||
        (ecol && csv_get_time(c, (size_t)je, &in->entry[i]) != CSV_OK)) {
      r = -1;
      break;
    }
    if (ecol && !(in->entry[i] < in->time[i])) {
      csv_fail(c, "entry (column '%s') must be less than time", ecol);
      r = -1;
      break;
    }
    in->n++;
  }
  if (r == 0 && in->n == 0) {
    csv_fail(c, "no data rows after the header");
    r = -1;
  }
  if (r < 0)
    goto fail;
  csv_close(c);
  return 0;
fail:
  fprintf(stderr, PROG ": %s\n", csv_errmsg(c));
  csv_close(c);
  return 1;
}

int main(int argc, char **argv) {
  const char *path = NULL, *scol = NULL, *ecol = NULL, *rho_text = "0";
  double rho = 0;
  input in = {0, NULL, NULL, NULL, NULL, NULL};
  surv_result *lr = NULL;
  int kind, rc, status = 1;
  opts op;
  opts_init(&op, PROG, usage, argc, argv);
  while ((kind = opts_next(&op)) != OPTS_END) {
    if (kind == OPTS_OPERAND) {
      path = opts_file(&op, path);
    } else if (opts_flag(&op, "-h")) {
      usage(stdout);
      return opts_close_stdout(&op);
    } else if (opts_value(&op, "--rho")) {
      if (opts_number(op.value, &rho) != 0)
        opts_fail(&op, "--rho must be a finite number, not '%s'", op.value);
      rho_text = op.value;
    } else if (opts_value(&op, "--strata")) {
      scol = op.value;
    } else if (opts_value(&op, "--entry")) {
      ecol = op.value;
    } else
      opts_unknown(&op);
  }
  if (!path)
    path = "-";
  if (read_input(path, scol, ecol, &in) != 0)
    goto done;
  {
    surv_data d = SURV_DATA_INIT;
    surv_logrank_options o = SURV_LOGRANK_OPTIONS_INIT;
    d.n = in.n;
    d.entry = ecol ? in.entry : NULL;
    d.time = in.time;
    d.status = in.status;
    d.group = in.group;
    d.strata = in.strata;
    o.rho = rho;
    rc = surv_logrank_test(&d, &o, &lr);
  }
  if (rc == SURV_EINVAL && rho != 0) {
    /* The data are valid (read_input checked them): only the weights
     * S(t-)^rho can overflow, for a rho far from 0. */
    free_input(&in);
    opts_fail(&op,
              "--rho=%s is too far from 0 for this data: the weights "
              "S(t-)^rho overflow",
              rho_text);
  }
  if (rc != SURV_OK) {
    fprintf(stderr, PROG ": %s: %s\n",
            strcmp(path, "-") == 0 ? "<stdin>" : path,
            rc == SURV_EGROUP ? "all subjects are in one group"
            : rc == SURV_ETIME && ecol
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
      printf("%d\t", (int)g[j]);
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
  free_input(&in);
  return opts_close_stdout(&op);
done:
  surv_result_free(lr);
  free_input(&in);
  return status;
}
