/* logrank: K-sample log-rank / Harrington-Fleming test of a CSV file, as R's
 * survdiff(Surv(time, status) ~ group [+ strata(s)], rho = R) prints it;
 * with --entry=COLUMN the delayed-entry (left-truncated) version,
 * surv_logrank_test_counting(3).
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
  const char *path = NULL, *scol = NULL, *ecol = NULL;
  double rho = 0;
  input in = {0, NULL, NULL, NULL, NULL, NULL};
  surv_logrank *lr = NULL;
  int i, rc, status = 1;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      usage(stdout);
      return 0;
    } else if (strcmp(a, "--version") == 0) {
      printf(PROG " (libsurv %s)\n", surv_version());
      return 0;
    } else if (strncmp(a, "--rho=", 6) == 0) {
      if (csv_parse_double(a + 6, strlen(a + 6), &rho) != 0)
        return csv_usage_error(
            PROG, usage, "--rho must be a finite number, not '%s'", a + 6);
    } else if (strncmp(a, "--strata=", 9) == 0 && a[9] != '\0') {
      scol = a + 9;
    } else if (strncmp(a, "--entry=", 8) == 0 && a[8] != '\0') {
      ecol = a + 8;
    } else if (a[0] == '-' && a[1] != '\0') {
      return csv_usage_error(PROG, usage, "unknown option '%s'", a);
    } else if (path) {
      return csv_usage_error(PROG, usage, "more than one input file ('%s')", a);
    } else {
      path = a;
    }
  }
  if (!path)
    path = "-";
  if (read_input(path, scol, ecol, &in) != 0)
    goto done;
  rc = ecol ? surv_logrank_test_counting(in.entry, in.time, in.status, in.group,
                                         in.strata, in.n, rho, 0, &lr)
            : surv_logrank_test(in.time, in.status, in.group, in.strata, in.n,
                                rho, 0, &lr);
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
    size_t j, k = surv_logrank_ngroups(lr);
    const double *n = surv_logrank_n(lr), *o = surv_logrank_observed(lr);
    const double *e = surv_logrank_expected(lr), *v = surv_logrank_var(lr);
    printf("group\tn\tobserved\texpected\t(O-E)^2/E\t(O-E)^2/V\n");
    for (j = 0; j < k; j++) {
      double d = o[j] - e[j];
      printf("%d\t", surv_logrank_groups(lr)[j]);
      csv_put_num(n[j], 0);
      csv_put_num(o[j], 0);
      csv_put_num(e[j], 0);
      csv_put_num(e[j] > 0 ? d * d / e[j] : NAN, 0);
      csv_put_num(v[j * k + j] > 0 ? d * d / v[j * k + j] : NAN, 1);
    }
    fputs("chisq\t", stdout);
    csv_put_num(surv_logrank_chisq(lr), 1);
    printf("df\t%zu\n", surv_logrank_df(lr));
    fputs("p\t", stdout);
    csv_put_num(surv_logrank_p(lr), 1);
  }
  status = fflush(stdout) == 0 ? 0 : 1;
done:
  surv_logrank_free(lr);
  free(in.time);
  free(in.status);
  free(in.group);
  free(in.strata);
  free(in.entry);
  return status;
}
