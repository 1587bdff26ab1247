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
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#define PROG "surv-propci"
#define LEVEL_OPT "--conf-level="
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

/* A usage error: the message, then the usage line, on stderr; status 2. */
static int usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "%s: ", PROG);
  fprintf(stderr, fmt, arg);
  fputc('\n', stderr);
  usage(stderr);
  return 2;
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

static int parse_level(const char *s, double *out) {
  char *end;
  double v;
  errno = 0;
  v = strtod(s, &end);
  if (*s == '\0' || *end != '\0' || errno == ERANGE || !(v > 0.0 && v < 1.0))
    return 0;
  *out = v;
  return 1;
}

int main(int argc, char **argv) {
  const char *pos[2];
  int argi[2];
  char out[NMETHODS + 1][128];
  double level = 0.95, lo, up, pv;
  long x, n;
  int i, npos = 0, rc;
  size_t k;

  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0) {
      usage(stdout);
      return 0;
    } else if (strcmp(a, "--version") == 0) {
      printf("%s (libsurv %s)\n", PROG, surv_version());
      return 0;
    } else if (strncmp(a, LEVEL_OPT, strlen(LEVEL_OPT)) == 0) {
      if (!parse_level(a + strlen(LEVEL_OPT), &level))
        return usage_error("--conf-level must be a number strictly between 0 "
                           "and 1, not '%s'",
                           a + strlen(LEVEL_OPT));
    } else if (a[0] == '-' && !(a[1] >= '0' && a[1] <= '9')) {
      return usage_error("unknown option '%s'", a);
    } else if (npos < 2) {
      argi[npos] = i;
      pos[npos++] = a;
    } else {
      return usage_error("too many arguments ('%s')", a);
    }
  }
  if (npos != 2) {
    fprintf(stderr, "%s: %s\n", PROG,
            npos ? "N is missing" : "X and N are missing");
    usage(stderr);
    return 2;
  }
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
