/* mh: the Cochran-Mantel-Haenszel analysis of stratified 2 x 2 tables given
 * on the command line, one stratum per argument (its row-major counts
 * a,b,c,d):
 *
 *   surv-mh [--exact] [--alternative=two.sided|less|greater]
 *           [--conf-level=P] [--no-correct] STRATUM STRATUM [STRATUM...]
 *
 * Prints key<TAB>value lines (surv_mh_test): the Mantel-Haenszel chi-square
 * and p-value as R's mantelhaen.test prints them (continuity-corrected
 * unless --no-correct), the same without correction, the Mantel-Haenszel
 * common odds ratio with its Robins-Breslow-Greenland limits, the exact
 * conditional test (p-value, conditional MLE and exact limits: NA unless
 * --exact, whose cost grows with the square of the total count), and the
 * Breslow-Day test with Tarone's correction. Bad data: one line on stderr,
 * "surv-mh: argument K: message", exit 1; usage error: a message and the
 * usage on stderr, exit 2. See surv-mh(1). */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "opts.h"

#define PROG "surv-mh"
/* output lines */
#define NKEYS 16

static void usage(FILE *f) {
  fprintf(f, "usage: " PROG " [--exact] "
             "[--alternative=two.sided|less|greater] [--conf-level=P] "
             "[--no-correct] STRATUM STRATUM [STRATUM...]\n"
             "  each STRATUM is a 2 x 2 table's counts a,b,c,d (row-major), "
             "e.g. " PROG " 16,11,5,20 12,16,7,19\n");
}

/* One stratum argument (argv index k) into out[0..3]; exits on bad input. */
static void parse_stratum(const char *arg, int k, long *out) {
  const char *p = arg;
  size_t j;
  for (j = 0; j < 4; j++) {
    const char *start = p;
    long v = 0;
    if (*p == '-')
      opts_bad_data(PROG, "argument %d: count %zu is negative ('%s')", k, j + 1,
                    arg);
    while (isdigit((unsigned char)*p)) {
      const int dgt = *p - '0';
      if (v > (LONG_MAX - dgt) / 10)
        opts_bad_data(PROG, "argument %d: count %zu is too large", k, j + 1);
      v = v * 10 + dgt;
      p++;
    }
    if (p == start || (j < 3 && *p != ',') || (j == 3 && *p != '\0'))
      opts_bad_data(
          PROG,
          "argument %d: a stratum is four non-negative integer counts "
          "a,b,c,d, not '%s'",
          k, arg);
    out[j] = v;
    if (*p == ',')
      p++;
  }
}

/* A statistic or test of the result, NaN when it does not carry it. */
static double stat_of(const surv_result *r, surv_stat key) {
  double v;
  return surv_result_stat(r, key, &v) == SURV_OK ? v : NAN;
}
static surv_test test_of(const surv_result *r, surv_test_kind which) {
  surv_test t = {NAN, NAN, NAN};
  if (surv_result_test(r, which, &t) != SURV_OK) {
    const surv_test none = {NAN, NAN, NAN};
    return none;
  }
  return t;
}

int main(int argc, char **argv) {
  surv_mh_options mo = SURV_MH_OPTIONS_INIT;
  /* static: still reachable when a usage error exits (leak checkers) */
  static long *table;
  static int *strarg; /* argv index of each stratum */
  size_t k = 0, s;
  int opt, rc;
  opts o;
  surv_result *r = NULL;
  surv_test cc, nc, ex, bd, ta;

  table = malloc((size_t)(argc > 0 ? argc : 1) * 4 * sizeof *table);
  strarg = malloc((size_t)(argc > 0 ? argc : 1) * sizeof *strarg);
  if (table == NULL || strarg == NULL)
    opts_bad_data(PROG, "out of memory");
  opts_init(&o, PROG, usage, argc, argv);
  while ((opt = opts_next(&o)) != OPTS_END) {
    if (opt == OPTS_OPERAND) {
      strarg[k] = o.index;
      parse_stratum(o.arg, o.index, table + 4 * k);
      k++;
    } else if (opts_flag(&o, "--exact"))
      mo.flags |= SURV_MH_EXACT;
    else if (opts_flag(&o, "--no-correct"))
      mo.flags |= SURV_MH_NO_CORRECT;
    else if (opts_value(&o, "--conf-level"))
      mo.conf_level = opts_level(&o);
    else if (opts_value(&o, "--alternative")) {
      const char *v = o.value;
      if (strcmp(v, "two.sided") == 0 || strcmp(v, "two-sided") == 0)
        mo.alternative = SURV_TWO_SIDED;
      else if (strcmp(v, "less") == 0)
        mo.alternative = SURV_LESS;
      else if (strcmp(v, "greater") == 0)
        mo.alternative = SURV_GREATER;
      else
        opts_fail(&o, "unknown alternative (two.sided, less or greater): '%s'",
                  v);
    } else
      opts_unknown(&o);
  }
  if (k == 0) {
    fprintf(stderr, PROG ": no strata given\n");
    usage(stderr);
    return 2;
  }
  if (k == 1)
    opts_bad_data(PROG,
                  "argument %d: one stratum given; the test needs at least two "
                  "(R's mantelhaen.test)",
                  strarg[0]);
  for (s = 0; s < k; s++) {
    const long *c = table + 4 * s;
    /* R: "sample size in each stratum must be > 1" (the sum cannot
     * overflow a double's exact range: counts below LONG_MAX) */
    if ((double)c[0] + (double)c[1] + (double)c[2] + (double)c[3] < 2.0)
      opts_bad_data(PROG,
                    "argument %d: stratum %zu has fewer than 2 observations",
                    strarg[s], s + 1);
  }
  rc = surv_mh_test(table, 2, 2, k, &mo, &r);
  if (rc == SURV_ESIZE)
    opts_bad_data(PROG, "the total count is too large (more than 4294967295)");
  if (rc == SURV_ELIMIT)
    opts_bad_data(
        PROG, "the exact test's support is too large (more than 2^27 values)");
  if (rc != SURV_OK)
    opts_bad_data(PROG, "%s", surv_strerror(rc));
  cc = test_of(r, (mo.flags & SURV_MH_NO_CORRECT) ? SURV_TEST_MH_NO_CORRECT
                                                  : SURV_TEST_MH);
  nc = test_of(r, SURV_TEST_MH_NO_CORRECT);
  ex = test_of(r, SURV_TEST_EXACT);
  bd = test_of(r, SURV_TEST_BRESLOW_DAY);
  ta = test_of(r, SURV_TEST_TARONE);
  {
    static const char *const keys[NKEYS] = {
        "mh_chisq",       "mh_p",          "mh_chisq_nocc", "mh_p_nocc",
        "mh_or",          "mh_or_lower",   "mh_or_upper",   "exact_p",
        "exact_or",       "exact_lower",   "exact_upper",   "breslow_day",
        "breslow_day_df", "breslow_day_p", "tarone",        "tarone_p"};
    const double v[NKEYS] = {cc.statistic,
                             cc.p_value,
                             nc.statistic,
                             nc.p_value,
                             stat_of(r, SURV_STAT_ODDS_RATIO),
                             stat_of(r, SURV_STAT_ODDS_RATIO_LOWER),
                             stat_of(r, SURV_STAT_ODDS_RATIO_UPPER),
                             ex.p_value,
                             stat_of(r, SURV_STAT_CMLE_ODDS_RATIO),
                             stat_of(r, SURV_STAT_CMLE_LOWER),
                             stat_of(r, SURV_STAT_CMLE_UPPER),
                             bd.statistic,
                             bd.df,
                             bd.p_value,
                             ta.statistic,
                             ta.p_value};
    char b[40];
    size_t i;
    /* all lines in one buffered write after everything succeeded */
    for (i = 0; i < NKEYS; i++)
      printf("%s\t%s\n", keys[i], opts_format_number(b, sizeof b, v[i]));
  }
  surv_result_free(r);
  free(table);
  free(strarg);
  return opts_close_stdout(&o);
}
