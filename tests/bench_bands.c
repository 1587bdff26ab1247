/* Benchmark for surv_curve_band_critical and surv_curve_band (run by `make
 * bench`): milliseconds per critical value over (a_L, a_U) from short to
 * wide ranges, and per band of a KM curve of n exponential subjects (about
 * 30% censored) with its computed critical value. */
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

int main(void) {
  static const double ab[][2] = {{0.0, 0.3},  {0.05, 0.6},  {0.1, 0.9},
                                 {0.3, 0.32}, {0.5, 0.505}, {0.02, 0.98}};
  static const size_t ns[] = {100, 10000, 1000000};
  size_t i, m;
  printf("%-4s %8s %8s %14s %10s\n", "", "a_L", "a_U", "critical", "ms");
  for (m = 0; m < 2; m++)
    for (i = 0; i < sizeof ab / sizeof ab[0]; i++) {
      double c = NAN, t0 = now(), t;
      long reps = 0;
      if (m == SURV_CURVE_BAND_EP && ab[i][0] == 0.0)
        continue;
      do {
        if (surv_curve_band_critical((surv_curve_band_method)m, ab[i][0],
                                     ab[i][1], 0.95, &c) != SURV_OK) {
          fprintf(stderr, "bench_bands: critical (%g, %g) failed\n", ab[i][0],
                  ab[i][1]);
          return 1;
        }
        reps++;
        t = now() - t0;
      } while (t < 0.2);
      printf("%-4s %8g %8g %14.10f %10.3f\n", m ? "EP" : "HW", ab[i][0],
             ab[i][1], c, 1e3 * t / (double)reps);
    }
  printf("\n%-4s %10s %10s %10s\n", "", "n", "rows", "ms");
  for (i = 0; i < sizeof ns / sizeof ns[0]; i++) {
    size_t n = ns[i], j;
    double *time = malloc(n * sizeof *time);
    int *status = malloc(n * sizeof *status);
    unsigned long s = 12345;
    surv_data d = SURV_DATA_INIT;
    surv_result *km = NULL;
    if (!time || !status)
      return 1;
    for (j = 0; j < n; j++) { /* a small LCG: reproducible, no libc rand */
      s = s * 6364136223846793005UL + 1442695040888963407UL;
      time[j] = ceil(-100.0 * log(((s >> 11) + 0.5) / 9007199254740992.0));
      status[j] = (s >> 7) % 10 < 7;
    }
    d.n = n;
    d.time = time;
    d.status = status;
    if (surv_km_fit(&d, 0, &km) != SURV_OK)
      return 1;
    for (m = 0; m < 2; m++) {
      surv_curve_band_options o = SURV_CURVE_BAND_OPTIONS_INIT;
      surv_result *b = NULL;
      size_t rows = 0;
      double t0 = now();
      o.method = (surv_curve_band_method)m;
      o.type = SURV_CI_LOGLOG;
      if (surv_curve_band(km, -HUGE_VAL, HUGE_VAL, &o, &b) != SURV_OK) {
        fprintf(stderr, "bench_bands: band n = %zu failed\n", n);
        return 1;
      }
      surv_result_column(b, SURV_COL_TIME, &rows);
      printf("%-4s %10zu %10zu %10.3f\n", m ? "EP" : "HW", n, rows,
             1e3 * (now() - t0));
      surv_result_free(b);
    }
    surv_result_free(km);
    free(time);
    free(status);
  }
  return 0;
}
