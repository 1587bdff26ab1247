/* Benchmark (make bench, never a test): count tables on n = 10^7 subjects
 * (times on a 0.01 grid below 1000, 3 groups): counting the rows in 4 shards
 * of 2.5 * 10^6, merging, writing and reading the bytes, and the log-rank
 * and Kaplan-Meier fits of the table, against surv_logrank_test and
 * surv_km_fit on the rows. Usage: bench_counts [n]. Prints wall seconds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <surv.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

#define SHARDS 4

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 10000000, i;
  double *t = malloc(n * sizeof *t), t0, tc, tm, tw, tf, tr, len_mb;
  int *s = malloc(n * sizeof *s), *g = malloc(n * sizeof *g), rc = 0;
  uint64_t x = 88172645463325252u;
  surv_counts *sh[SHARDS], *all = NULL, *back = NULL;
  surv_result *a = NULL, *b = NULL;
  surv_data d = SURV_DATA_INIT;
  size_t len = 0;
  void *buf = NULL;
  if (!t || !s || !g || n < SHARDS)
    return 1;
  for (i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    t[i] = (double)(x % 100000) / 100;
    s[i] = (int)((x >> 20) % 10 < 6);
    g[i] = (int)((x >> 30) % 3);
  }
  t0 = now();
  for (i = 0; i < SHARDS && rc == 0; i++) {
    d.n = n / SHARDS + (i == SHARDS - 1 ? n % SHARDS : 0);
    d.time = t + i * (n / SHARDS);
    d.status = s + i * (n / SHARDS);
    d.group = g + i * (n / SHARDS);
    rc = surv_counts_new(&sh[i]) || surv_counts_add(sh[i], &d);
  }
  tc = now();
  rc = rc || surv_counts_new(&all);
  for (i = 0; i < SHARDS && rc == 0; i++)
    rc = surv_counts_merge(all, sh[i]);
  tm = now();
  rc = rc || surv_counts_size(all, &len) || !(buf = malloc(len)) ||
       surv_counts_write(all, buf, len) || surv_counts_read(buf, len, &back);
  tw = now();
  rc = rc || surv_counts_logrank_test(back, NULL, &a) ||
       surv_counts_km_fit(back, 0, &b);
  tf = now();
  surv_result_free(a);
  surv_result_free(b);
  d.n = n;
  d.time = t;
  d.status = s;
  d.group = g;
  a = b = NULL;
  rc = rc || surv_logrank_test(&d, NULL, &a) || surv_km_fit(&d, 0, &b);
  tr = now();
  if (rc) {
    fprintf(stderr, "bench_counts: failed\n");
    return 1;
  }
  len_mb = (double)len / 1e6;
  printf("n = %zu: count %.3f s, merge %.3f s, bytes (%.1f MB) %.3f s, "
         "log-rank + KM from counts %.3f s; from the rows %.3f s\n",
         n, tc - t0, tm - tc, len_mb, tw - tm, tf - tw, tr - tf);
  for (i = 0; i < SHARDS; i++)
    surv_counts_free(sh[i]);
  surv_counts_free(all);
  surv_counts_free(back);
  surv_result_free(a);
  surv_result_free(b);
  free(buf);
  free(t);
  free(s);
  free(g);
  return 0;
}
