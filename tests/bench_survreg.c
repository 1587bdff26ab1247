/* Benchmark (make bench, never a test): surv_survreg_fit on n = 10^6 rows
 * with 3 covariates (Weibull, log-normal, Weibull with 4 strata scales).
 * The data are a fixed arithmetic sequence reproduced in R by
 * tests/bench/survreg-vs-R.sh: for i = 1..n,
 *   u_i = ((i * 7919) mod 1000003 + 0.5) / 1000003,
 *   x1_i = ((i * 104729) mod 1000) / 1000 - 0.5, x2_i = i mod 2,
 *   x3_i = ((i * 31) mod 97) / 97, stratum_i = i mod 4,
 *   time_i = exp(1 + 0.8 x1 - 0.5 x2 + 0.3 x3 + 0.7 log(-log u)),
 *   censored (status 0, time * 0.6) when i mod 4 = 0, else status 1.
 * Usage: bench_survreg [n]. Prints seconds per fit, iterations, loglik. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <surv.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int run(const char *what, const surv_data *d, surv_survreg_dist dist) {
  surv_survreg_options o = SURV_SURVREG_OPTIONS_INIT;
  surv_result *fit = NULL;
  double t0, t1, ll = NAN, it = NAN;
  int rc;
  o.dist = dist;
  t0 = now();
  rc = surv_survreg_fit(d, &o, &fit);
  t1 = now();
  if (rc != SURV_OK) {
    fprintf(stderr, "bench_survreg: %s\n", surv_strerror(rc));
    return 1;
  }
  surv_result_stat(fit, SURV_STAT_LOGLIK, &ll);
  surv_result_stat(fit, SURV_STAT_ITER, &it);
  printf("%-26s n=%zu  %.3f s  iter=%g  loglik=%.12g\n", what, d->n, t1 - t0,
         it, ll);
  surv_result_free(fit);
  return 0;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 1000000u, i;
  double *t = malloc(n * sizeof *t), *x = malloc(3 * n * sizeof *x);
  int *s = malloc(n * sizeof *s), *st = malloc(n * sizeof *st), rc = 0;
  surv_data d = SURV_DATA_INIT;
  if (!t || !x || !s || !st || n == 0)
    return 1;
  for (i = 0; i < n; i++) {
    unsigned long long k = i + 1;
    double u = ((double)((k * 7919ULL) % 1000003ULL) + 0.5) / 1000003;
    double x1 = (double)((k * 104729ULL) % 1000ULL) / 1000 - 0.5;
    double x2 = (double)(k % 2), x3 = (double)((k * 31ULL) % 97ULL) / 97;
    t[i] = exp(1 + 0.8 * x1 - 0.5 * x2 + 0.3 * x3 + 0.7 * log(-log(u)));
    s[i] = k % 4 != 0;
    if (!s[i])
      t[i] *= 0.6;
    st[i] = (int)(k % 4);
    x[3 * i] = x1;
    x[3 * i + 1] = x2;
    x[3 * i + 2] = x3;
  }
  d.n = n;
  d.time = t;
  d.status = s;
  d.x = x;
  d.p = 3;
  rc |= run("weibull, p=3", &d, SURV_SURVREG_WEIBULL);
  rc |= run("lognormal, p=3", &d, SURV_SURVREG_LOGNORMAL);
  d.strata = st;
  rc |= run("weibull, p=3, 4 strata", &d, SURV_SURVREG_WEIBULL);
  free(t);
  free(x);
  free(s);
  free(st);
  return rc;
}
