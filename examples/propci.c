/* propci: every binomial confidence interval libsurv computes for x
 * successes in n trials, plus the exact two-sided test of p = 0.5.
 *
 *   propci [--conf-level=P] X N
 *
 * Prints "method<TAB>lower<TAB>upper" for the eleven methods of
 * surv_prop_ci(3), then "binom_test_p<TAB>value" (surv_binom_test(3), R's
 * binom.test(X, N)$p.value). Numbers use %.15g. Bad input: one line on
 * stderr, exit 1; usage errors exit 2; nothing reaches stdout on error. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#define PROG "propci"
#define LEVEL_OPT "--conf-level="

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

static int usage(void) {
  fprintf(stderr, "usage: %s [--conf-level=P] X N\n", PROG);
  return 2;
}

/* A non-negative decimal integer, nothing else (no sign, no fraction). */
static int parse_count(const char *what, const char *s, long *out) {
  char *end;
  long v;
  const char *c;
  for (c = s; *c; c++)
    if (*c < '0' || *c > '9')
      break;
  if (*s == '\0' || *c != '\0') {
    fprintf(stderr, "%s: %s must be a non-negative integer, got '%s'\n", PROG,
            what, s);
    return 0;
  }
  errno = 0;
  v = strtol(s, &end, 10);
  if (errno == ERANGE) {
    fprintf(stderr, "%s: %s is too large: '%s'\n", PROG, what, s);
    return 0;
  }
  *out = v;
  return 1;
}

static int parse_level(const char *s, double *out) {
  char *end;
  double v;
  errno = 0;
  v = strtod(s, &end);
  if (*s == '\0' || *end != '\0' || errno == ERANGE || !(v > 0.0 && v < 1.0)) {
    fprintf(stderr,
            "%s: confidence level must be a number strictly between 0 and "
            "1, got '%s'\n",
            PROG, s);
    return 0;
  }
  *out = v;
  return 1;
}

int main(int argc, char **argv) {
  const char *pos[2];
  char out[NMETHODS + 1][128];
  double level = 0.95, lo, up, pv;
  long x, n;
  int i, npos = 0, rc;
  size_t k;

  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strncmp(a, LEVEL_OPT, strlen(LEVEL_OPT)) == 0) {
      if (!parse_level(a + strlen(LEVEL_OPT), &level))
        return 1;
    } else if (a[0] == '-' && !(a[1] >= '0' && a[1] <= '9')) {
      fprintf(stderr, "%s: unknown option '%s'\n", PROG, a);
      return usage();
    } else if (npos < 2) {
      pos[npos++] = a;
    } else {
      fprintf(stderr, "%s: too many arguments\n", PROG);
      return usage();
    }
  }
  if (npos != 2)
    return usage();
  if (!parse_count("X", pos[0], &x) || !parse_count("N", pos[1], &n))
    return 1;
  if (n == 0) {
    fprintf(stderr, "%s: N must be at least 1\n", PROG);
    return 1;
  }
  if (x > n) {
    fprintf(stderr, "%s: X (%ld) exceeds N (%ld)\n", PROG, x, n);
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
  rc = surv_binom_test(x, n, 0.5, SURV_TWO_SIDED, &pv);
  if (rc != SURV_OK) {
    fprintf(stderr, "%s: binomial test: %s\n", PROG, surv_strerror(rc));
    return 1;
  }
  snprintf(out[NMETHODS], sizeof out[NMETHODS], "binom_test_p\t%.15g\n", pv);
  for (k = 0; k <= NMETHODS; k++)
    fputs(out[k], stdout);
  return fflush(stdout) == 0 ? 0 : 1;
}
