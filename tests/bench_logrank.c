/* Benchmark (make bench, never a test): log-rank test of 3 groups on 10^7
 * subjects, with and without strata, and rho = 1. The data are a fixed
 * arithmetic sequence reproduced by tests/bench/logrank-vs-R.sh in R:
 *   time_i = ((i * 7919) mod 1000003) / 1000 * (1 + 0.1 g_i), i = 1..n,
 *   g_i = i mod 3, status_i = (i mod 5 != 0), stratum_i = i mod 4.
 * Usage: bench_logrank [n]. Prints seconds per call (wall, then CPU:
 * user + system of the process) and the statistic. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <surv.h>

static double clock_s(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double now(void) { return clock_s(CLOCK_MONOTONIC); }
static double cpu(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

static int run(const char *what, const double *t, const int *s, const int *g,
               const int *st, size_t n, double rho) {
  surv_result *lr = NULL;
  surv_data d = SURV_DATA_INIT;
  surv_logrank_options o = SURV_LOGRANK_OPTIONS_INIT;
  surv_test test;
  double c0 = cpu(), t0 = now(), t1, c1;
  int rc;
  d.n = n;
  d.time = t;
  d.status = s;
  d.group = g;
  d.strata = st;
  o.rho = rho;
  rc = surv_logrank_test(&d, &o, &lr);
  t1 = now();
  c1 = cpu();
  if (rc != SURV_OK) {
    fprintf(stderr, "bench_logrank: %s\n", surv_strerror(rc));
    return 1;
  }
  surv_result_test(lr, SURV_TEST_MAIN, &test);
  printf("%-28s n=%zu  %.3f s  (CPU %.3f s)  chisq=%.12g\n", what, n, t1 - t0,
         c1 - c0, test.statistic);
  surv_result_free(lr);
  return 0;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 10000000u, i;
  double *t = malloc(n * sizeof *t);
  int *s = malloc(n * sizeof *s), *g = malloc(n * sizeof *g);
  int *st = malloc(n * sizeof *st), rc = 0;
  if (!t || !s || !g || !st || n == 0)
    return 1;
  for (i = 0; i < n; i++) {
    unsigned long long k = i + 1;
    g[i] = (int)(k % 3);
    s[i] = k % 5 != 0;
    st[i] = (int)(k % 4);
    t[i] = (double)((k * 7919ULL) % 1000003ULL) / 1000 * (1 + 0.1 * g[i]);
  }
  rc |= run("log-rank, 3 groups", t, s, g, NULL, n, 0);
  rc |= run("log-rank, 3 groups, 4 strata", t, s, g, st, n, 0);
  rc |= run("Peto-Peto (rho=1), 3 groups", t, s, g, NULL, n, 1);
  free(t);
  free(s);
  free(g);
  free(st);
  return rc;
}
