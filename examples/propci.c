/* propci: every binomial confidence interval libsurv computes for x
 * successes in n trials, plus the exact two-sided test of p = 0.5.
 *
 *   propci [--conf-level=P] X N
 *   propci --help | --version
 *
 * Prints "method<TAB>lower<TAB>upper" for the eleven methods of
 * surv_prop_ci(3), then "binom_test_p<TAB>value" (surv_binom_test(3), R's
 * binom.test(X, N)$p.value). Numbers use %.15g. Bad data (X or N): one line
 * "propci: argument K: message" on stderr, exit 1; usage errors (unknown
 * option, bad --conf-level, wrong number of arguments): a message and the
 * usage line on stderr, exit 2; nothing reaches stdout on error. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "opts.h"

#define PROG "surv-propci"
#define PROP_MAX_N 9007199254740992L /* 2^53 */

static const struct {
  const char *name;
  surv_prop_method method;
} methods[] = {
    {"wald", SURV_PROP_WALD},
    {"wilson", SURV_PROP_WILSON},
    {"wilson-cc", SURV_PROP_WILSON_CC},
    {"agresti-coull", SURV_PROP_AGRESTI_COULL},
    {"clopper-pearson", SURV_PROP_CLOPPER_PEARSON},
    {"jeffreys", SURV_PROP_JEFFREYS},
    {"mid-p", SURV_PROP_MIDP},
    {"logit", SURV_PROP_LOGIT},
    {"arcsine", SURV_PROP_ARCSINE},
    {"likelihood", SURV_PROP_LR},
    {"blaker", SURV_PROP_BLAKER},
};
#define NMETHODS (sizeof methods / sizeof methods[0])

static void usage(FILE *f) {
  fprintf(f, "usage: %s [--conf-level=P] X N\n", PROG);
}

/* Bad data in command-line argument k (its index in argv). */
static int bad_arg(int k, const char *what, const char *msg, const char *s) {
  fprintf(stderr, "%s: argument %d: %s %s '%s'\n", PROG, k, what, msg, s);
  return 0;
}

/* A non-negative decimal integer, nothing else (no sign, no fraction), at
 * most 2^53 (surv_prop_ci's limit). */
static int parse_count(int k, const char *what, const char *s, long *out) {
  const char *c;
  long v = 0;
  for (c = s; *c; c++)
    if (*c < '0' || *c > '9')
      break;
  if (*s == '\0' || *c != '\0')
    return bad_arg(k, what, "must be a non-negative integer, got", s);
  for (c = s; *c; c++) {
    if (v > (PROP_MAX_N - (*c - '0')) / 10)
      return bad_arg(k, what, "exceeds 2^53 = 9007199254740992:", s);
    v = v * 10 + (*c - '0');
  }
  *out = v;
  return 1;
}

int main(int argc, char **argv) {
  const char *pos[2];
  int argi[2];
  char out[NMETHODS + 1][128];
  double level = 0.95, lo, up;
  surv_test bt;
  long x, n;
  int npos = 0, rc, kind;
  size_t k;
  opts o;

  opts_init(&o, PROG, usage, argc, argv);
  while ((kind = opts_next(&o)) != OPTS_END) {
    if (kind == OPTS_OPERAND) {
      if (npos == 2)
        opts_fail(&o, "too many arguments ('%s')", o.arg);
      argi[npos] = o.index;
      pos[npos++] = o.arg;
    } else if (opts_value(&o, "--conf-level")) {
      level = opts_level(&o);
    } else
      opts_unknown(&o);
  }
  if (npos != 2)
    opts_fail(&o, "%s", npos ? "N is missing" : "X and N are missing");
  if (!parse_count(argi[0], "X", pos[0], &x) ||
      !parse_count(argi[1], "N", pos[1], &n))
    return 1;
  if (n == 0) {
    fprintf(stderr, "%s: argument %d: N must be at least 1\n", PROG, argi[1]);
    return 1;
  }
  if (x > n) {
    fprintf(stderr, "%s: argument %d: X (%ld) exceeds N (%ld)\n", PROG, argi[0],
            x, n);
    return 1;
  }

  for (k = 0; k < NMETHODS; k++) {
    rc = surv_prop_ci(x, n, methods[k].method, level, &lo, &up);
    if (rc != SURV_OK) {
      fprintf(stderr, "%s: %s interval: %s\n", PROG, methods[k].name,
              surv_strerror(rc));
      return 1;
    }
    snprintf(out[k], sizeof out[k], "%s\t%.15g\t%.15g\n", methods[k].name, lo,
             up);
  }
  rc = surv_binom_test(x, n, 0.5, SURV_TWO_SIDED, &bt);
  if (rc != SURV_OK) {
    fprintf(stderr, "%s: binomial test: %s\n", PROG, surv_strerror(rc));
    return 1;
  }
  snprintf(out[NMETHODS], sizeof out[NMETHODS], "binom_test_p\t%.15g\n",
           bt.p_value);
  for (k = 0; k <= NMETHODS; k++)
    fputs(out[k], stdout);
  return opts_close_stdout(&o);
}
