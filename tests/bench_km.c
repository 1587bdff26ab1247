/* Benchmark of the Kaplan-Meier fit (built and run by `make bench`; never
 * part of `make check`).
 *
 *   bench_km                      10^6 and 10^7 synthetic subjects in memory
 *   bench_km --sizes N[,N...]     other sizes
 *   bench_km --csv FILE           time,status columns of FILE (reading timed
 *                                 separately from the fit)
 *   bench_km --write-csv FILE N [K]  write the synthetic data set of size N
 *                                 (with K > 0 a third column group: row i
 *                                 in group i mod K, for surv-logrank and
 *                                 surv-mpi at scale)
 *
 * Synthetic data: event time ~ exponential (mean 10), independent censoring
 * time ~ exponential with rate 0.3/0.7 of the event rate (so ~30% censored),
 * observed time rounded to 0.01, random order, fixed seed (splitmix64), so
 * every tool in tests/bench/km-vs-R-statsmodels.sh sees the same numbers.
 *
 * What is timed (median of 3 runs): surv_km_fit + surv_curve_ci (log-log,
 * 95%) + surv_curve_quantile (median with its log-log limits). Also reported:
 * subjects per second and the peak resident size (getrusage ru_maxrss)
 * against the size of the input arrays (time: 8 bytes, status: 4 bytes per
 * subject). */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <surv.h>

#include "../examples/csv.h"

#define NREP 3

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
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

/* uniform on (0, 1): 53 random bits, never 0 */
static double unif(uint64_t *s) {
  return ((double)(splitmix64(s) >> 11) + 0.5) * 0x1p-53;
}

static void generate(size_t n, double *time, int *status) {
  uint64_t seed = 20261127;
  const double rate_event = 0.1, rate_cens = 0.1 * 0.3 / 0.7;
  for (size_t i = 0; i < n; i++) {
    double t = -log(unif(&seed)) / rate_event;
    double c = -log(unif(&seed)) / rate_cens;
    time[i] = round(100 * (t < c ? t : c)) / 100;
    status[i] = t <= c;
  }
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* One timed run: fit, log-log limits, median with limits. Returns seconds
 * or a negative value on failure. */
static double run_once(const double *time, const int *status, size_t n,
                       double *fit_s, size_t *rows, double med[3]) {
  double t0 = now();
  surv_result *km = NULL;
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.time = time;
  d.status = status;
  int rc = surv_km_fit(&d, 0, &km);
  double t1 = now();
  if (rc != SURV_OK) {
    fprintf(stderr, "bench_km: surv_km_fit: %s\n", surv_strerror(rc));
    return -1;
  }
  size_t m;
  surv_result_column(km, SURV_COL_TIME, &m);
  double *lo = malloc(m * sizeof *lo), *hi = malloc(m * sizeof *hi);
  const double half = 0.5;
  rc = !lo || !hi ? SURV_ENOMEM
                  : surv_curve_ci(km, SURV_CI_LOGLOG, 0.95, lo, hi, m);
  if (rc == SURV_OK)
    rc = surv_curve_quantile(km, &half, 1, SURV_CI_LOGLOG, 0.95, &med[0],
                             &med[1], &med[2], 1);
  double t2 = now();
  free(lo);
  free(hi);
  surv_result_free(km);
  if (rc != SURV_OK) {
    fprintf(stderr, "bench_km: %s\n", surv_strerror(rc));
    return -1;
  }
  *fit_s = t1 - t0;
  *rows = m;
  return t2 - t0;
}

static int bench(const double *time, const int *status, size_t n,
                 const char *label) {
  double tot[NREP], fit[NREP], med[3] = {0, 0, 0};
  size_t rows = 0;
  for (int r = 0; r < NREP; r++)
    if ((tot[r] = run_once(time, status, n, &fit[r], &rows, med)) < 0)
      return 1;
  qsort(tot, NREP, sizeof tot[0], cmp_double);
  qsort(fit, NREP, sizeof fit[0], cmp_double);
  double in_mib = (double)n * (sizeof *time + sizeof *status) / 1048576.0;
  double peak = peak_mib();
  printf("%-10s n=%-9zu rows=%-7zu fit %.4f s, fit+ci+median %.4f s "
         "(median of %d), %.3g subjects/s; median %.15g (%.15g, %.15g); "
         "peak RSS %.1f MiB, input arrays %.1f MiB, (peak - input)/input "
         "%.2f\n",
         label, n, rows, fit[NREP / 2], tot[NREP / 2], NREP,
         (double)n / tot[NREP / 2], med[0], med[1], med[2], peak, in_mib,
         (peak - in_mib) / in_mib);
  return 0;
}

static int bench_sizes(const char *list) {
  while (*list) {
    char *end;
    double v = strtod(list, &end);
    if (end == list || !(v >= 1) || v > 1e10) {
      fprintf(stderr, "bench_km: bad size list\n");
      return 2;
    }
    size_t n = (size_t)v;
    double *time = malloc(n * sizeof *time);
    int *status = malloc(n * sizeof *status);
    if (!time || !status) {
      fprintf(stderr, "bench_km: out of memory\n");
      return 1;
    }
    generate(n, time, status);
    int rc = bench(time, status, n, "synthetic");
    free(time);
    free(status);
    if (rc)
      return rc;
    fflush(stdout);
    list = *end == ',' ? end + 1 : end;
  }
  return 0;
}

static int write_csv(const char *path, const char *nstr, const char *kstr) {
  size_t n = (size_t)strtod(nstr, NULL),
         k = kstr ? (size_t)strtod(kstr, NULL) : 0;
  double *time = malloc((n ? n : 1) * sizeof *time);
  int *status = malloc((n ? n : 1) * sizeof *status);
  FILE *f = fopen(path, "w");
  if (!time || !status || !f) {
    fprintf(stderr, "bench_km: cannot write %s\n", path);
    return 1;
  }
  generate(n, time, status);
  fputs(k ? "time,status,group\n" : "time,status\n", f);
  for (size_t i = 0; i < n; i++)
    if (k)
      fprintf(f, "%.2f,%d,%zu\n", time[i], status[i], i % k);
    else
      fprintf(f, "%.2f,%d\n", time[i], status[i]);
  free(time);
  free(status);
  return fclose(f) != 0;
}

static int bench_csv(const char *path) {
  char err[CSV_ERRLEN];
  double t0 = now();
  csv *c = csv_open(path, err, sizeof err);
  if (!c) {
    fprintf(stderr, "bench_km: %s\n", err);
    return 1;
  }
  int jt = csv_col(c, "time"), js = csv_col(c, "status");
  size_t cap = csv_rows_hint(c), n = 0;
  double *time = malloc(cap * sizeof *time);
  int *status = malloc(cap * sizeof *status);
  int r = jt < 0 || js < 0 || !time || !status ? -1 : 0;
  while (r == 0 && (r = csv_next(c)) > 0) {
    if (csv_get_time(c, (size_t)jt, &time[n]) != CSV_OK ||
        csv_get_01(c, (size_t)js, &status[n]) != CSV_OK)
      r = -1;
    else
      r = 0, n++;
  }
  double t1 = now();
  if (r < 0 || n == 0) {
    fprintf(stderr, "bench_km: %s: %s\n", path, csv_errmsg(c));
    return 1;
  }
  csv_close(c);
  printf("csv read   n=%zu: %.4f s (%.3g rows/s)\n", n, t1 - t0,
         (double)n / (t1 - t0));
  int rc = bench(time, status, n, "csv data");
  free(time);
  free(status);
  return rc;
}

int main(int argc, char **argv) {
  if (argc == 1)
    return bench_sizes("1e6,1e7");
  if (argc == 3 && strcmp(argv[1], "--sizes") == 0)
    return bench_sizes(argv[2]);
  if (argc == 3 && strcmp(argv[1], "--csv") == 0)
    return bench_csv(argv[2]);
  if ((argc == 4 || argc == 5) && strcmp(argv[1], "--write-csv") == 0)
    return write_csv(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
  fprintf(stderr, "usage: bench_km [--sizes N,N | --csv FILE | --write-csv "
                  "FILE N [K]]\n");
  return 2;
}
