/* Benchmark for surv_prop_ci and surv_binom_test (run by `make bench`):
 * mean time per call for each method at several n up to the limit 2^53,
 * x = 1 and x = 0.3 n. */
#include <limits.h>
#include <stdio.h>
#include <time.h>

#include <surv.h>

static const char *const names[] = {
    "wald",     "wilson", "wilson-cc", "agresti-coull", "clopper-pearson",
    "jeffreys", "mid-p",  "logit",     "arcsine",       "likelihood",
    "blaker"};

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(void) {
  static const long ns[] = {
    50,
    1000,
    100000,
    10000000,
#if LONG_MAX > 2147483647L
    3000000000L,
    9007199254740992L
#endif
  };
  size_t i;
  int m;
  printf("%-16s %10s %10s %14s\n", "method", "n", "x", "us/call");
  for (i = 0; i < sizeof ns / sizeof ns[0]; i++) {
    long n = ns[i], xs[2], j;
    xs[0] = 1;
    xs[1] = (long)(0.3 * (double)n);
    for (j = 0; j < 2; j++)
      for (m = 0; m <= SURV_PROP_BLAKER; m++) {
        double t0, t, lo, up;
        long reps = 0;
        t0 = now();
        do {
          if (surv_prop_ci(xs[j], n, (surv_prop_method)m, 0.95, &lo, &up)) {
            fprintf(stderr, "bench_prop: %s failed\n", names[m]);
            return 1;
          }
          reps++;
          t = now() - t0;
        } while (t < 0.05);
        printf("%-16s %10ld %10ld %14.2f\n", names[m], n, xs[j],
               1e6 * t / (double)reps);
      }
    {
      double t0 = now(), t;
      surv_test bt;
      long reps = 0;
      do {
        if (surv_binom_test((long)(0.3 * (double)n), n, 0.5 * 0.7,
                            SURV_TWO_SIDED, &bt))
          return 1;
        reps++;
        t = now() - t0;
      } while (t < 0.05);
      printf("%-16s %10ld %10ld %14.2f\n", "binom_test", n,
             (long)(0.3 * (double)n), 1e6 * t / (double)reps);
    }
  }
  return 0;
}
