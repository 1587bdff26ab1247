/* surv-audit: a paper's published survival figures (a figures file, see
 * published.h) checked against what libsurv computes from a data set (CSV
 * time,status,arm): one line per figure, match or MISMATCH. See
 * surv-audit(1).
 *
 * Both files are read and checked and every figure computed before the
 * first line is printed, so an error leaves stdout empty. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "csv.h"
#include "opts.h"
#include "published.h"

#define PROG "surv-audit"

static void usage(FILE *f) {
  fprintf(f, "usage: " PROG " DATA.csv FIGURES\n"
             "Published figures (FIGURES) checked against the CSV columns "
             "'time', 'status'\n(1 = event, 0 = censored) and 'arm' of DATA "
             "('-' for standard input): one line\nper figure, match or "
             "MISMATCH; exit 1 on a mismatch; see surv-audit(1).\n");
}

/* The printed tolerance: one number when every printed number shares it,
 * else each (estimate, lower, upper) separated by commas; NA when none
 * applies (NR, bounds). */
static void put_tolerance(const pub_figure *f) {
  const pub_number *p[3] = {&f->est, &f->lower, &f->upper};
  double t[3];
  int k = 0;
  for (int i = 0; i < 3; i++)
    if (p[i]->present && !p[i]->nr && p[i]->relation == '=')
      t[k++] = p[i]->tol;
  int same = 1;
  for (int i = 1; i < k; i++)
    same = same && t[i] == t[0];
  if (k == 0)
    fputs("NA", stdout);
  for (int i = 0; i < (same && k ? 1 : k); i++)
    printf(i ? ",%.15g" : "%.15g", t[i]);
  putchar('\t');
}

int main(int argc, char **argv) {
  opts o;
  const char *paths[2] = {NULL, NULL};
  int np = 0, k;
  opts_init(&o, PROG, usage, argc, argv);
  while ((k = opts_next(&o)) != OPTS_END) {
    if (k != OPTS_OPERAND)
      opts_unknown(&o);
    if (np == 2)
      opts_fail(&o, "one data file and one figures file, not also '%s'", o.arg);
    paths[np++] = o.arg;
  }
  if (np < 2)
    opts_fail(&o, "%s", "give DATA.csv and FIGURES");
  if (strcmp(paths[0], "-") == 0 && strcmp(paths[1], "-") == 0)
    opts_fail(&o, "%s", "only one of the files can be standard input");
  const char *figname = strcmp(paths[1], "-") == 0 ? "<stdin>" : paths[1];

  char err[CSV_ERRLEN];
  pub_figure *fig;
  size_t nfig;
  if (pub_read(paths[1], &fig, &nfig, err, sizeof err) != 0) {
    fprintf(stderr, PROG ": %s\n", err);
    return 1;
  }
  audit_data d;
  if (audit_read(paths[0], &d, err, sizeof err) != 0) {
    fprintf(stderr, PROG ": %s\n", err);
    free(fig);
    return 1;
  }
  audit_value *v = malloc(nfig * sizeof *v);
  int rc = 0;
  if (!v) {
    snprintf(err, sizeof err, "out of memory");
    rc = -1;
  }
  for (size_t i = 0; rc == 0 && i < nfig; i++)
    rc = audit_compute(&d, &fig[i], figname, &v[i], err, sizeof err);
  audit_free(&d);
  if (rc != 0) {
    fprintf(stderr, PROG ": %s\n", err);
    free(v);
    free(fig);
    return 1;
  }

  size_t bad = 0;
  printf("line\tfigure\tpublished\testimate\tlower\tupper\ttolerance\t"
         "result\n");
  for (size_t i = 0; i < nfig; i++) {
    const pub_figure *f = &fig[i];
    printf("%ld\t%s\t%s\t", f->line, f->label, f->text);
    csv_put_num(v[i].est, 0);
    csv_put_num(f->lower.present ? v[i].lower : NAN, 0);
    csv_put_num(f->upper.present ? v[i].upper : NAN, 0);
    put_tolerance(f);
    puts(v[i].match ? "match" : "MISMATCH");
    bad += !v[i].match;
  }
  free(v);
  free(fig);
  if (opts_close_stdout(&o) != 0)
    return 1;
  if (bad) {
    fprintf(stderr, PROG ": %s: %zu of %zu published figures do not match\n",
            figname, bad, nfig);
    return 1;
  }
  return 0;
}
