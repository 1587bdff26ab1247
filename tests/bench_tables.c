/* Benchmark (make bench, never a test): wall time of surv_fisher_2x2 with
 * p-value, conditional MLE and 95% CI as the support hi - lo grows, and of
 * surv_chisq_test / surv_gtest on large tables. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <surv.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(void) {
  static const long t2[][4] = {{8, 2, 1, 5},
                               {94, 48, 3577, 16988},
                               {500, 420, 460, 510},
                               {5000, 4200, 4600, 5100},
                               {50000, 42000, 46000, 51000},
                               {500000, 420000, 460000, 510000}};
  size_t i, k, reps;
  for (i = 0; i < sizeof t2 / sizeof t2[0]; i++) {
    double m, lo, up, s, t0, dt;
    surv_test t;
    reps = i < 3 ? 200 : (i < 5 ? 20 : 2);
    t0 = now();
    for (k = 0; k < reps; k++)
      if (surv_fisher_2x2(t2[i][0], t2[i][1], t2[i][2], t2[i][3], NULL, &t, &m,
                          &lo, &up, &s) != 0)
        return 1;
    dt = (now() - t0) / (double)reps;
    printf("fisher_2x2 [[%ld,%ld],[%ld,%ld]]: %.3g ms (p %.6g, OR %.6g)\n",
           t2[i][0], t2[i][1], t2[i][2], t2[i][3], 1e3 * dt, t.p_value, m);
  }
  for (k = 1000; k <= 1000000; k *= 10) {
    long *tab = malloc(2 * k * sizeof *tab);
    surv_test x2, g;
    double t0;
    if (tab == NULL)
      return 1;
    for (i = 0; i < k; i++) {
      tab[i] = (long)(i % 7) + 1;
      tab[k + i] = (long)((3 * i) % 5) + 1;
    }
    t0 = now();
    if (surv_chisq_test(tab, 2, k, SURV_CHISQ_YATES, NULL, &x2) != 0 ||
        surv_gtest(tab, 2, k, SURV_GTEST_WILLIAMS, &g) != 0)
      return 1;
    printf("chisq + gtest 2 x %zu: %.3g ms (df %.0f, p %.6g)\n", k,
           1e3 * (now() - t0), g.df, g.p_value);
    free(tab);
  }
  return 0;
}
