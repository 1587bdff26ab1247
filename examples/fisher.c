/* fisher: tests of independence for a contingency table given on the command
 * line, one comma-separated row per argument:
 *
 *   fisher [--alternative=two-sided|less|greater] [--max-seconds=S]
 *          ROW ROW [ROW...]
 *
 * Prints name<TAB>value lines: Fisher's exact p-value (surv_fisher_2x2 for
 * 2 x 2, else surv_fisher_rxc with a Monte Carlo fallback), for 2 x 2 the
 * conditional MLE of the odds ratio, its exact 95% CI and the sample odds
 * ratio, then Pearson's chi-square (Yates for 2 x 2, as R's chisq.test
 * default), the G test and the number of expected counts below 5. The
 * environment variables FISHER_MAX_BYTES and FISHER_MAX_SECONDS cap the
 * exact r x c computation's memory (default: the library's 1 GiB) and time
 * (default: 10 s, surv_fisher_rxc_limit; --max-seconds overrides the
 * variable, 0 means no limit); past a cap the p-value is a Monte Carlo
 * estimate (fisher_method monte-carlo). Bad data: one line on stderr,
 * "fisher: argument K: message" when one row argument is at fault, exit 1;
 * usage error (unknown option or alternative, no rows): a message and the
 * usage line on stderr, exit 2. --help and --version print on stdout. See
 * surv-fisher(1). */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "opts.h"

#define PROG "surv-fisher"
#define LEVEL 0.95
/* Monte Carlo fallback when the exact r x c test exceeds its memory cap or
 * its time limit (default DEFAULT_MAX_SECONDS: a user waits seconds, not
 * minutes; a 3 x 3 table with n = 3300 ran for minutes without it). */
#define DEFAULT_MAX_SECONDS 10.0
#define MC_REPLICATES 100000
#define MC_SEED 20261127UL

static void usage(FILE *f) {
  fprintf(f, "usage: " PROG " [--alternative=two-sided|less|greater] "
             "[--max-seconds=S] ROW ROW [ROW...]\n"
             "  each ROW is comma-separated non-negative integer counts, "
             "e.g. " PROG " 22,12 5,4 1,3\n");
}

/* Number of comma-separated fields in s (1 for a string without commas). */
static size_t count_fields(const char *s) {
  size_t n = 1;
  for (; *s; s++)
    n += *s == ',';
  return n;
}

/* Parses one row argument (argv index k) into out[0 .. ncol-1]; exits on
 * bad input. */
static void parse_row(const char *arg, int k, long *out, size_t ncol) {
  const char *p = arg;
  size_t j;
  for (j = 0; j < ncol; j++) {
    const char *start = p;
    long v = 0;
    if (*p == '-' && isdigit((unsigned char)p[1]))
      opts_bad_data(PROG, "argument %d: count %zu is negative ('%s')", k, j + 1,
                    arg);
    while (isdigit((unsigned char)*p)) {
      int dgt = *p - '0';
      if (v > (LONG_MAX - dgt) / 10)
        opts_bad_data(PROG, "argument %d: count %zu is too large", k, j + 1);
      v = v * 10 + dgt;
      p++;
    }
    if (p == start || (*p != ',' && *p != '\0'))
      opts_bad_data(
          PROG, "argument %d: count %zu is not a non-negative integer ('%s')",
          k, j + 1, arg);
    out[j] = v;
    if (*p == ',')
      p++;
  }
}

/* Parses a time limit in seconds: a non-negative finite decimal number
 * (starting with a digit). Returns 0 and *out, or -1. */
static int parse_seconds(const char *s, double *out) {
  char *end;
  double v;
  errno = 0;
  v = strtod(s, &end);
  if (!isdigit((unsigned char)*s) || *end != '\0' || errno != 0 || !(v >= 0) ||
      isinf(v))
    return -1;
  *out = v;
  return 0;
}

int main(int argc, char **argv) {
  surv_alternative alt = SURV_TWO_SIDED;
  const char **rows;
  int *rowarg; /* argv index of each row */
  long *table, nrows = 0;
  size_t ncol = 0, nr_ne = 0, nc_ne = 0, i, j, below = 0;
  int k, rc, monte_carlo = 0, is2x2;
  opts o;
  double p, est = 0, lower = 0, upper = 0, sample = 0, *expected;
  surv_test ft, x2, g;
  char b[8][40], out[1024];
  const char *env;
  size_t max_bytes = 0; /* surv_fisher_rxc's default cap */
  double max_seconds = DEFAULT_MAX_SECONDS;
  double opt_seconds = 0; /* --max-seconds, over the environment */
  int have_opt_seconds = 0;
  int n;

  rows = malloc((size_t)(argc > 0 ? argc : 1) * sizeof *rows);
  rowarg = malloc((size_t)(argc > 0 ? argc : 1) * sizeof *rowarg);
  if (rows == NULL || rowarg == NULL)
    opts_bad_data(PROG, "out of memory");
  opts_init(&o, PROG, usage, argc, argv);
  while ((k = opts_next(&o)) != OPTS_END) {
    if (k == OPTS_OPERAND) {
      rowarg[nrows] = o.index;
      rows[nrows++] = o.arg;
    } else if (opts_value(&o, "--alternative")) {
      const char *v = o.value;
      if (strcmp(v, "two-sided") == 0)
        alt = SURV_TWO_SIDED;
      else if (strcmp(v, "less") == 0)
        alt = SURV_LESS;
      else if (strcmp(v, "greater") == 0)
        alt = SURV_GREATER;
      else
        opts_fail(&o, "unknown alternative (two-sided, less or greater): '%s'",
                  v);
    } else if (opts_value(&o, "--max-seconds")) {
      double v;
      if (opts_number(o.value, &v) != 0 || !(v >= 0))
        opts_fail(&o,
                  "--max-seconds needs a non-negative number of seconds, "
                  "not '%s'",
                  o.value);
      opt_seconds = v;
      have_opt_seconds = 1;
    } else
      opts_unknown(&o);
  }
  if (nrows == 0) {
    fprintf(stderr, PROG ": no rows given\n");
    usage(stderr);
    free(rows);
    free(rowarg);
    return 2;
  }
  env = getenv("FISHER_MAX_BYTES");
  if (env != NULL && *env != '\0') {
    char *end;
    unsigned long long v;
    errno = 0;
    v = strtoull(env, &end, 10);
    if (!isdigit((unsigned char)*env) || *end != '\0' || errno != 0 ||
        v > (size_t)-1)
      opts_bad_data(PROG, "FISHER_MAX_BYTES='%s' is not a byte count", env);
    max_bytes = (size_t)v;
  }
  env = getenv("FISHER_MAX_SECONDS");
  if (have_opt_seconds)
    max_seconds = opt_seconds;
  else if (env != NULL && *env != '\0' && parse_seconds(env, &max_seconds) != 0)
    opts_bad_data(PROG, "FISHER_MAX_SECONDS='%s' is not a number of seconds",
                  env);
  for (i = 0; i < (size_t)nrows; i++) {
    size_t nf;
    if (rows[i][0] == '\0')
      opts_bad_data(PROG, "argument %d: row %zu is empty", rowarg[i], i + 1);
    nf = count_fields(rows[i]);
    if (i == 0)
      ncol = nf;
    else if (nf != ncol)
      opts_bad_data(PROG, "argument %d: row %zu has %zu counts, row 1 has %zu",
                    rowarg[i], i + 1, nf, ncol);
  }
  if ((size_t)nrows > ((size_t)-1) / sizeof *expected / ncol ||
      (table = malloc((size_t)nrows * ncol * sizeof *table)) == NULL ||
      (expected = malloc((size_t)nrows * ncol * sizeof *expected)) == NULL)
    opts_bad_data(PROG, "table too large");
  for (i = 0; i < (size_t)nrows; i++)
    parse_row(rows[i], rowarg[i], table + i * ncol, ncol);
  for (i = 0; i < (size_t)nrows; i++) {
    long s = 0;
    for (j = 0; j < ncol; j++)
      s |= table[i * ncol + j];
    nr_ne += s != 0;
  }
  for (j = 0; j < ncol; j++) {
    long s = 0;
    for (i = 0; i < (size_t)nrows; i++)
      s |= table[i * ncol + j];
    nc_ne += s != 0;
  }
  if (nr_ne < 2 || nc_ne < 2)
    opts_bad_data(PROG,
                  "the table needs at least two non-empty rows and columns");
  is2x2 = nrows == 2 && ncol == 2;
  if (!is2x2 && alt != SURV_TWO_SIDED)
    opts_bad_data(PROG, "--alternative=less or greater needs a 2 x 2 table");

  if (is2x2) {
    surv_fisher_options fo = SURV_FISHER_OPTIONS_INIT;
    fo.alternative = alt;
    fo.conf_level = LEVEL;
    rc = surv_fisher_2x2(table[0], table[1], table[2], table[3], &fo, &ft, &est,
                         &lower, &upper, &sample);
    p = ft.p_value;
  } else {
    rc = surv_fisher_rxc_limit(table, (size_t)nrows, ncol, max_bytes,
                               max_seconds, &p);
    if (rc == SURV_ELIMIT) {
      double se;
      monte_carlo = 1;
      rc = surv_fisher_rxc_mc(table, (size_t)nrows, ncol, MC_REPLICATES,
                              MC_SEED, &p, &se);
    }
  }
  if (rc == SURV_ESIZE)
    opts_bad_data(PROG, "the total count is too large for Fisher's exact test");
  if (rc == SURV_ELIMIT && is2x2) /* no cap of the user's: the support */
    opts_bad_data(
        PROG, "the 2 x 2 table is too large for Fisher's exact test (its first "
              "cell could take more than 2^27 values)");
  if (rc != SURV_OK)
    opts_bad_data(PROG, "Fisher's exact test: %s", surv_strerror(rc));
  rc = surv_chisq_test(table, (size_t)nrows, ncol, SURV_CHISQ_YATES, expected,
                       &x2);
  if (rc == SURV_OK)
    rc = surv_gtest(table, (size_t)nrows, ncol, 0, &g);
  if (rc != SURV_OK)
    opts_bad_data(PROG, "chi-square test: %s", surv_strerror(rc));
  for (i = 0; i < (size_t)nrows * ncol; i++) /* empty rows, columns: E = 0 */
    below += expected[i] > 0 && expected[i] < 5;

  /* Everything succeeded: format all lines, then write them at once. */
  n = snprintf(out, sizeof out, "fisher_p\t%s\nfisher_method\t%s\n",
               opts_format_number(b[0], sizeof b[0], p),
               monte_carlo ? "monte-carlo" : "exact");
  if (is2x2)
    n += snprintf(out + n, sizeof out - (size_t)n,
                  "or_cmle\t%s\nor_lower\t%s\nor_upper\t%s\nor_sample\t%s\n",
                  opts_format_number(b[1], sizeof b[1], est),
                  opts_format_number(b[2], sizeof b[2], lower),
                  opts_format_number(b[3], sizeof b[3], upper),
                  opts_format_number(b[4], sizeof b[4], sample));
  snprintf(out + n, sizeof out - (size_t)n,
           "chisq\t%s\nchisq_df\t%s\nchisq_p\t%s\ng\t%s\ng_p\t%s\n"
           "cells_expected_below_5\t%zu\n",
           opts_format_number(b[5], sizeof b[5], x2.statistic),
           opts_format_number(b[6], sizeof b[6], x2.df),
           opts_format_number(b[7], sizeof b[7], x2.p_value),
           opts_format_number(b[0], sizeof b[0], g.statistic),
           opts_format_number(b[1], sizeof b[1], g.p_value), below);
  fputs(out, stdout);
  free(table);
  free(expected);
  free(rows);
  free(rowarg);
  return opts_close_stdout(&o);
}
