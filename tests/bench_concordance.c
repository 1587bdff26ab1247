/* Benchmark (make bench, never a test): surv_concordance_fit on 10^6
 * subjects, timewt n and S/G, with 4 strata, and on (start, stop] rows. The
 * data are a fixed arithmetic sequence reproduced in R by
 * tests/bench/concordance-vs-R.sh:
 *   time_i = ((i * 7919) mod 1000003) / 1000,  status_i = (i mod 5 != 0),
 *   x_i = ((i * 104729) mod 99991) / 100 (ties), stratum_i = i mod 4,
 *   entry_i = time_i * ((i mod 3) / 4),  i = 1..n.
 * Usage: bench_concordance [n]. Prints wall and CPU seconds per call, C and
 * its se. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <surv.h>

static double now(clockid_t c) {
  struct timespec ts;
  clock_gettime(c, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int run(const char *what, const surv_data *d, const double *x,
               surv_concordance_timewt tw) {
  surv_concordance_options o = SURV_CONCORDANCE_OPTIONS_INIT;
  surv_result *r = NULL;
  double c = 0, se = 0;
  o.timewt = tw;
  double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
  int rc = surv_concordance_fit(d, x, &o, &r);
  double t1 = now(CLOCK_MONOTONIC), c1 = now(CLOCK_PROCESS_CPUTIME_ID);
  if (rc != SURV_OK) {
    fprintf(stderr, "bench_concordance: %s\n", surv_strerror(rc));
    return 1;
  }
  surv_result_stat(r, SURV_STAT_CONCORDANCE, &c);
  surv_result_stat(r, SURV_STAT_CONCORDANCE_SE, &se);
  printf("%-28s n=%zu  %.3f s (cpu %.3f s)  C=%.12g  se=%.12g\n", what, d->n,
         t1 - t0, c1 - c0, c, se);
  surv_result_free(r);
  return 0;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 1000000u;
  double *t = malloc(n * sizeof *t), *x = malloc(n * sizeof *x);
  double *e = malloc(n * sizeof *e);
  int *s = malloc(n * sizeof *s), *st = malloc(n * sizeof *st), rc = 0;
  if (!t || !x || !e || !s || !st || n == 0)
    return 1;
  for (size_t i = 0; i < n; i++) {
    unsigned long long k = i + 1;
    t[i] = (double)((k * 7919ULL) % 1000003ULL) / 1000;
    s[i] = k % 5 != 0;
    x[i] = (double)((k * 104729ULL) % 99991ULL) / 100;
    st[i] = (int)(k % 4);
    e[i] = t[i] * (double)(k % 3) / 4;
  }
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.time = t;
  d.status = s;
  rc |= run("concordance, timewt n", &d, x, SURV_TIMEWT_N);
  rc |= run("concordance, timewt S/G", &d, x, SURV_TIMEWT_S_G);
  d.strata = st;
  rc |= run("concordance, 4 strata", &d, x, SURV_TIMEWT_N);
  d.strata = NULL;
  d.entry = e;
  rc |= run("concordance, (start, stop]", &d, x, SURV_TIMEWT_N);
  free(t);
  free(x);
  free(e);
  free(s);
  free(st);
  return rc;
}
