/* Benchmark (make bench, never a test): Cox diagnostics on n subjects (10^6
 * by default) with 3 covariates: every residual type and cox.zph (km) of an
 * Efron fit. Data: time_i = ((i * 7919) mod 1000003) / 1000 rounded to 0.1
 * (many ties), status_i = (i mod 5 != 0), x = (i mod 2, ((i * 104729) mod
 * 99991) / 99991, (i mod 7) / 7). Usage: bench_coxdiag [n]. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <surv.h>

static double now(clockid_t c) {
  struct timespec ts;
  clock_gettime(c, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 1000000u;
  double *t = malloc(n * sizeof *t), *x = malloc(3 * n * sizeof *x);
  int *s = malloc(n * sizeof *s);
  if (!t || !x || !s || n == 0)
    return 1;
  for (size_t i = 0; i < n; i++) {
    unsigned long long k = i + 1;
    t[i] = (double)((k * 7919ULL) % 1000003ULL / 100) / 10;
    s[i] = k % 5 != 0;
    x[3 * i] = (double)(k % 2);
    x[3 * i + 1] = (double)((k * 104729ULL) % 99991ULL) / 99991;
    x[3 * i + 2] = (double)(k % 7) / 7;
  }
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.time = t;
  d.status = s;
  d.x = x;
  d.p = 3;
  surv_result *fit = NULL;
  double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
  if (surv_cox_fit(&d, NULL, &fit) != SURV_OK)
    return 1;
  printf("%-26s n=%zu  %.3f s (cpu %.3f s)\n", "surv_cox_fit (Efron)", n,
         now(CLOCK_MONOTONIC) - w0, now(CLOCK_PROCESS_CPUTIME_ID) - c0);
  static const char *names[] = {"martingale", "deviance",  "score",
                                "schoenfeld", "scaledsch", "dfbeta",
                                "dfbetas"};
  for (int ty = 0; ty < 7; ty++) {
    surv_result *r = NULL;
    w0 = now(CLOCK_MONOTONIC);
    c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    int rc = surv_cox_residuals(fit, &d, (surv_cox_residual_type)ty, 0, &r);
    if (rc != SURV_OK)
      return 1;
    printf("residuals %-16s n=%zu  %.3f s (cpu %.3f s)\n", names[ty], n,
           now(CLOCK_MONOTONIC) - w0, now(CLOCK_PROCESS_CPUTIME_ID) - c0);
    surv_result_free(r);
  }
  surv_result *z = NULL;
  w0 = now(CLOCK_MONOTONIC);
  c0 = now(CLOCK_PROCESS_CPUTIME_ID);
  if (surv_cox_zph(fit, &d, NULL, &z) != SURV_OK)
    return 1;
  surv_test g;
  surv_result_test(z, SURV_TEST_MAIN, &g);
  printf("%-26s n=%zu  %.3f s (cpu %.3f s)  GLOBAL chisq=%.10g\n",
         "cox.zph (km)", n, now(CLOCK_MONOTONIC) - w0,
         now(CLOCK_PROCESS_CPUTIME_ID) - c0, g.statistic);
  surv_result_free(z);
  surv_result_free(fit);
  free(t);
  free(x);
  free(s);
  return 0;
}
