/* Benchmark (make bench, never a test): wall time of surv_mh_test on
 * stratified 2 x 2 tables, without and with the exact conditional test, as
 * the number of strata K and the stratum size grow (the exact test's
 * convolution costs about S^2 / K log-sum-exp terms for a support of S
 * values), and on I x J x K tables. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <surv.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* K strata of about 4 m observations each, deterministic counts. */
static long *strata(size_t k, long m) {
  long *t = malloc(4 * k * sizeof *t);
  size_t s;
  if (t == NULL)
    return NULL;
  for (s = 0; s < k; s++) {
    t[4 * s] = m + (long)(s % 7);
    t[4 * s + 1] = m - (long)(s % 5);
    t[4 * s + 2] = m - (long)(s % 3);
    t[4 * s + 3] = m + (long)(s % 11);
  }
  return t;
}

static int bench(size_t k, long m, unsigned flags, size_t reps) {
  surv_mh_options o = SURV_MH_OPTIONS_INIT;
  long *t = strata(k, m);
  surv_result *r = NULL;
  surv_test x;
  double t0, dt;
  size_t i;
  if (t == NULL)
    return 1;
  o.flags = flags;
  t0 = now();
  for (i = 0; i < reps; i++) {
    if (surv_mh_test(t, 2, 2, k, &o, &r) != SURV_OK)
      return 1;
    if (i + 1 < reps)
      surv_result_free(r);
  }
  dt = (now() - t0) / (double)reps;
  surv_result_test(r, SURV_TEST_MAIN, &x);
  printf("mh_test %s K = %zu, n = %ld per stratum: %.3g ms (p %.6g)\n",
         flags ? "exact" : "asymptotic", k, 4 * m, 1e3 * dt, x.p_value);
  surv_result_free(r);
  free(t);
  return 0;
}

int main(void) {
  size_t k;
  long *t;
  for (k = 10; k <= 1000000; k *= 10)
    if (bench(k, 25, 0, k < 100000 ? 100 : 3))
      return 1;
  for (k = 2; k <= 200; k *= 10)
    if (bench(k, 25, SURV_MH_EXACT, 5) || bench(k, 250, SURV_MH_EXACT, 1))
      return 1;
  if (bench(20, 2500, SURV_MH_EXACT, 1))
    return 1;
  /* 5 x 6 x 1000 */
  t = malloc(30 * 1000 * sizeof *t);
  if (t != NULL) {
    surv_result *r = NULL;
    double t0;
    for (k = 0; k < 30000; k++)
      t[k] = (long)(k % 13) + 1;
    t0 = now();
    if (surv_mh_test(t, 5, 6, 1000, NULL, &r) != SURV_OK)
      return 1;
    printf("mh_test 5 x 6 x 1000: %.3g ms\n", 1e3 * (now() - t0));
    surv_result_free(r);
    free(t);
  }
  return 0;
}
