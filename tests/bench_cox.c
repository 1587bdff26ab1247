/* Benchmark of the Cox fit (built and run by `make bench`; never part of
 * `make check`).
 *
 *   bench_cox                     n = 10^5, 10^6 and 10^7, p = 5, Efron
 *   bench_cox --sizes N[,N...]    other sizes
 *   bench_cox --write-csv FILE N  write the synthetic data set of size N
 *                                 (time,status,x1..x5) for
 *                                 tests/bench/cox-vs-R-statsmodels.sh
 *
 * Synthetic data (fixed seed, splitmix64): x1..x5 standard normal-ish (sum of
 * uniforms) with x5 a 0/1 column, true coefficients (0.5, -0.3, 0.2, 0.1,
 * 0.4), event time exponential with rate 0.1 exp(x'b), censoring time
 * exponential with rate 0.04, observed time rounded to 0.01 (so many tied
 * event times, where Efron's correction matters).
 *
 * What is timed (median of 3 runs, one run at 10^7): surv_cox_fit with
 * Efron ties and R's defaults (coefficients, variance, the three tests and
 * the concordance). Also reported: the peak resident size (getrusage
 * ru_maxrss) against the input arrays (time 8, status 4 and x 40 bytes per
 * row). */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <surv.h>

#define P 5

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double cpu(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double peak_mib(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_maxrss / 1024.0; /* KiB on Linux */
}

static uint64_t splitmix64(uint64_t *s) {
  uint64_t z = (*s += 0x9E3779B97F4A7C15u);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return z ^ (z >> 31);
}

static double unif(uint64_t *s) {
  return ((double)(splitmix64(s) >> 11) + 0.5) * 0x1.0p-53;
}

static void make_data(size_t n, double *time, int *status, double *x) {
  static const double b[P] = {0.5, -0.3, 0.2, 0.1, 0.4};
  uint64_t s = 20261203;
  for (size_t i = 0; i < n; i++) {
    double eta = 0;
    for (int j = 0; j < P; j++) {
      double v;
      if (j == P - 1)
        v = unif(&s) < 0.4;
      else
        v = (unif(&s) + unif(&s) + unif(&s) - 1.5) * 2;
      x[i * P + j] = v;
      eta += b[j] * v;
    }
    double te = -log(unif(&s)) / (0.1 * exp(eta));
    double tc = -log(unif(&s)) / 0.04;
    double t = te < tc ? te : tc;
    t = round(t * 100) / 100;
    if (t <= 0)
      t = 0.01;
    time[i] = t;
    status[i] = te < tc;
  }
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int bench(size_t n) {
  double *time = malloc(n * sizeof *time);
  int *status = malloc(n * sizeof *status);
  double *x = malloc(n * P * sizeof *x);
  if (!time || !status || !x) {
    fprintf(stderr, "bench_cox: out of memory at n = %zu\n", n);
    return 1;
  }
  make_data(n, time, status, x);
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.time = time;
  d.status = status;
  d.x = x;
  d.p = P;
  int reps = n >= 10000000 ? 1 : 3;
  double el[3], ec[3];
  surv_result *fit = NULL;
  for (int r = 0; r < reps; r++) {
    surv_result_free(fit);
    fit = NULL;
    double t0 = now(), c0 = cpu();
    int rc = surv_cox_fit(&d, NULL, &fit);
    el[r] = now() - t0;
    ec[r] = cpu() - c0;
    if (rc != SURV_OK) {
      fprintf(stderr, "bench_cox: %s\n", surv_strerror(rc));
      return 1;
    }
  }
  qsort(el, (size_t)reps, sizeof *el, cmp_double);
  qsort(ec, (size_t)reps, sizeof *ec, cmp_double);
  const double *b = surv_result_column(fit, SURV_COL_COEF, NULL);
  double iter = NAN, ll = NAN, c = NAN;
  surv_result_stat(fit, SURV_STAT_ITER, &iter);
  surv_result_stat(fit, SURV_STAT_LOGLIK, &ll);
  surv_result_stat(fit, SURV_STAT_CONCORDANCE, &c);
  double in_mib = (double)n * (8 + 4 + 8 * P) / 1048576.0;
  printf("n %zu p %d efron: fit %.3f s wall, %.3f s CPU (median of %d), %.1f M "
         "rows/s; iter "
         "%g, loglik %.10g, C %.6f; coef %.6f %.6f %.6f %.6f %.6f; input "
         "%.0f MiB, peak RSS %.0f MiB (%.2fx)\n",
         n, P, el[reps / 2], ec[reps / 2], reps, (double)n / el[reps / 2] / 1e6,
         iter, ll, c, b[0], b[1], b[2], b[3], b[4], in_mib, peak_mib(),
         peak_mib() / in_mib);
  fflush(stdout);
  surv_result_free(fit);
  free(time);
  free(status);
  free(x);
  return 0;
}

static int write_csv(const char *path, size_t n) {
  double *time = malloc(n * sizeof *time);
  int *status = malloc(n * sizeof *status);
  double *x = malloc(n * P * sizeof *x);
  FILE *f = fopen(path, "w");
  if (!time || !status || !x || !f) {
    fprintf(stderr, "bench_cox: cannot write %s\n", path);
    return 1;
  }
  make_data(n, time, status, x);
  fprintf(f, "time,status,x1,x2,x3,x4,x5\n");
  for (size_t i = 0; i < n; i++) {
    fprintf(f, "%.17g,%d", time[i], status[i]);
    for (int j = 0; j < P; j++)
      fprintf(f, ",%.17g", x[i * P + j]);
    fputc('\n', f);
  }
  int bad = fclose(f) != 0;
  free(time);
  free(status);
  free(x);
  return bad;
}

int main(int argc, char **argv) {
  size_t sizes[16] = {100000, 1000000, 10000000};
  int ns = 3;
  if (argc == 4 && strcmp(argv[1], "--write-csv") == 0)
    return write_csv(argv[2], (size_t)strtod(argv[3], NULL));
  if (argc == 3 && strcmp(argv[1], "--sizes") == 0) {
    ns = 0;
    for (char *tok = strtok(argv[2], ","); tok && ns < 16;
         tok = strtok(NULL, ","))
      sizes[ns++] = (size_t)strtod(tok, NULL);
  } else if (argc != 1) {
    fprintf(stderr, "usage: bench_cox [--sizes N[,N...]] | --write-csv FILE "
                    "N\n");
    return 2;
  }
  for (int i = 0; i < ns; i++)
    if (bench(sizes[i]) != 0)
      return 1;
  return 0;
}
