/* Benchmark for surv_fisher_rxc (make bench): per case the dimensions, n, p,
 * wall seconds and the process's peak resident memory (getrusage ru_maxrss,
 * a high-water mark over the whole run).  Also checks high-precision values
 * for B, C, D and T1 (exit 1 on a mismatch): exact network computations,
 * R 4.2.2 fisher.test agreeing to 9 digits where its workspace suffices.
 * Cases: the brief's small/moderate tables (seeded pseudo-random tables of
 * the given shape and n) and tables B, C, D (on which R 4.2.2's default
 * workspace fails) and T1 (FisherExact issue 8, a 2 x 15 table), and P1, a
 * 3 x 6 table with n = 300 and a small p-value (the hard case, issue 15):
 * R 4.2.2's fisher.test fails on it even with workspace = 2e8 (FEXACT error
 * 7), so its reference is this library's value before the changes of
 * issue 15 (commit fb75c27); R's Monte Carlo p with B = 2e6 is 0.000407
 * (standard error 1.4e-5).  RXC_BENCH_SKIP_C=1 skips the slow C and P1.
 * T3 (FisherExact issue 4, 2 x 113, n = 1024) has no exact answer: the
 * network search stops at the memory cap (SURV_ELIMIT); the case runs it,
 * then the Monte Carlo p (B = 1e6), which must lie within 6 standard errors
 * of the certified bounds [0.00100228313, 0.00101246321] (a forward
 * programme over the 25 distinct column totals keeping past values in
 * cells of width 1e-3 with the exact minimum and maximum of each cell:
 * tables decided whole on either side of the threshold, 1% of the mass
 * undecided; tests/bench/rxc-2xc-bounds.c).
 * Usage: bench_rxc [--print] [CASE...] (no CASE: all). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <surv.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* CPU seconds (user + system) of this process: robust when the machine is
 * shared, unlike wall time. */
static double cpu_now(void) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return (double)u.ru_utime.tv_sec + 1e-6 * (double)u.ru_utime.tv_usec +
         (double)u.ru_stime.tv_sec + 1e-6 * (double)u.ru_stime.tv_usec;
}

static long peak_kb(void) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

/* A table of the given shape with n counts spread uniformly by a fixed LCG
 * (tests/bench/rxc-vs-R.R reads the same tables from this program's --print
 * output). */
static void make_table(long *x, int r, int c, long n, unsigned long seed) {
  long k;
  memset(x, 0, sizeof(long) * (size_t)(r * c));
  for (k = 0; k < n; k++) {
    seed = seed * 6364136223846793005UL + 1442695040888963407UL;
    x[(seed >> 33) % (unsigned long)(r * c)]++;
  }
}

/* Case names given on the command line (none: all cases). */
static int nsel;
static char **sel;

static int selected(const char *name) {
  int i;
  for (i = 0; i < nsel; i++)
    if (!strcmp(sel[i], name))
      return 1;
  return nsel == 0;
}

static int run(const char *name, const long *x, int r, int c, double want,
               double rtol, int print) {
  double p = -1, t0 = now(), c0 = cpu_now(), dt, dc;
  long n = 0;
  int i, rc;
  if (!selected(name))
    return 0;
  for (i = 0; i < r * c; i++)
    n += x[i];
  if (print) {
    printf("%s\t%d\t%d\t", name, r, c);
    for (i = 0; i < r * c; i++)
      printf("%ld%s", x[i], i + 1 < r * c ? "," : "\n");
    return 0;
  }
  rc = surv_fisher_rxc(x, (size_t)r, (size_t)c, 0, &p);
  dt = now() - t0;
  dc = cpu_now() - c0;
  printf("%-6s %2dx%-2d n=%-5ld p=%-16.12g wall %8.3f s  cpu %8.3f s  "
         "peak %7.1f MB %s\n",
         name, r, c, n, p, dt, dc, (double)peak_kb() / 1024.0,
         rc ? surv_errname(rc) : "");
  fflush(stdout);
  if (rc)
    return 1;
  if (want > 0 && fabs(p - want) > rtol * want) {
    printf("  MISMATCH: want %.12g\n", want);
    return 1;
  }
  return 0;
}

/* T3: SURV_ELIMIT from the exact test (or a p inside the bounds), and the
 * Monte Carlo p within 6 standard errors of the bounds. */
static int run_t3(int print) {
  static const long t3[2][113] = {
      {89, 66, 33, 32, 28, 15, 16, 21, 12, 20, 17, 0, 3,  6, 3, 1, 7, 7, 10,
       7,  6,  6,  5,  3,  2,  1,  0,  13, 7,  5,  0, 11, 3, 3, 1, 1, 0, 0,
       0,  6,  5,  3,  3,  2,  2,  2,  2,  1,  1,  1, 1,  1, 1, 1, 1, 1, 1,
       1,  1,  1,  1,  0,  0,  0,  0,  0,  0,  0,  0, 0,  0, 0, 0, 0, 0, 0,
       0,  0,  0,  10, 4,  3,  3,  3,  2,  2,  2,  2, 2,  1, 1, 1, 1, 1, 1,
       1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1, 1,  1, 1, 1, 1, 1},
      {90, 58, 44, 22, 18, 17, 15, 14, 13, 12, 12, 10, 9, 8, 6, 6, 5, 5, 4,
       4,  4,  4,  4,  4,  4,  4,  4,  3,  3,  3,  3,  2, 2, 2, 2, 2, 2, 2,
       2,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1, 1, 1, 1, 1, 1, 1,
       1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1, 1, 1, 1, 1, 1, 1,
       1,  1,  1,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, 0, 0, 0, 0, 0, 0,
       0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, 0, 0, 0, 0, 0}};
  const double lo = 0.00100228313, hi = 0.00101246321;
  double p = -1, se = -1, t0 = now(), c0 = cpu_now();
  int rc;
  if (!selected("T3"))
    return 0;
  if (print) {
    int i;
    printf("T3\t2\t113\t");
    for (i = 0; i < 226; i++)
      printf("%ld%s", t3[i / 113][i % 113], i + 1 < 226 ? "," : "\n");
    return 0;
  }
  rc = surv_fisher_rxc(&t3[0][0], 2, 113, 0, &p);
  printf("%-6s %2dx%-2d n=%-5d p=%-16.12g wall %8.3f s  cpu %8.3f s  "
         "peak %7.1f MB %s\n",
         "T3", 2, 113, 1024, p, now() - t0, cpu_now() - c0,
         (double)peak_kb() / 1024.0, rc ? surv_errname(rc) : "");
  if (rc != SURV_ELIMIT && (rc || p < lo || p > hi)) {
    printf("  MISMATCH: want SURV_ELIMIT or p in [%.11g, %.11g]\n", lo, hi);
    return 1;
  }
  t0 = now();
  c0 = cpu_now();
  rc = surv_fisher_rxc_mc(&t3[0][0], 2, 113, 1000000, 20261204, &p, &se);
  printf("T3 mc  B=1e6 p=%-12.8g se %.3g wall %8.3f s  cpu %8.3f s %s\n", p, se,
         now() - t0, cpu_now() - c0, rc ? surv_errname(rc) : "");
  fflush(stdout);
  if (rc || p < lo - 6 * se || p > hi + 6 * se) {
    printf("  MISMATCH: want the Monte Carlo p within 6 se of [%.11g, %.11g]\n",
           lo, hi);
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  static const struct {
    const char *name;
    int r, c;
    long n;
  } small[] = {{"s2x3", 2, 3, 47},    {"s2x5", 2, 5, 200}, {"s3x4", 3, 4, 100},
               {"s3x5", 3, 5, 150},   {"s4x4", 4, 4, 80},  {"s5x5", 5, 5, 60},
               {"s2x10", 2, 10, 300}, {"s3x6", 3, 6, 300}};
  long B[] = {8, 5, 3, 6, 2, 4, 7, 4, 6, 7, 3, 5, 6, 2,
              5, 4, 6, 7, 3, 2, 5, 3, 7, 2, 4, 6, 5, 4};
  long C[] = {12, 8,  10, 6, 9, 7,  11, 9, 10, 8, 9, 7, 12,
              8,  11, 10, 9, 6, 12, 7,  8, 10, 9, 7, 12};
  long D[] = {20, 15, 12, 18, 10, 14, 14, 18, 16,
              11, 17, 13, 12, 16, 19, 15, 14, 18};
  long T1[] = {1088, 126, 342, 516, 594, 578, 528, 378, 272, 160,
               68,   40,  22,  4,   2,   12,  1,   5,   4,   5,
               1,    2,   1,   0,   0,   0,   0,   0,   0,   0};
  long P1[] = {11, 26, 7,  24, 8,  21, 10, 13, 24,
               21, 18, 21, 21, 14, 22, 15, 14, 10};
  long x[64];
  int print = argc > 1 && !strcmp(argv[1], "--print"), bad = 0;
  size_t i;
  int skip_c = getenv("RXC_BENCH_SKIP_C") != NULL;
  nsel = argc - 1 - print;
  sel = argv + 1 + print;
  for (i = 0; i < sizeof small / sizeof small[0]; i++) {
    make_table(x, small[i].r, small[i].c, small[i].n, 1000 + i);
    bad |= run(small[i].name, x, small[i].r, small[i].c, 0, 0, print);
  }
  bad |= run("D", D, 3, 6, 0.6060977981, 1e-9, print);
  bad |= run("B", B, 4, 7, 0.5725264436, 1e-9, print);
  bad |= run("T1", T1, 2, 15, 0.3633383228, 1e-9, print);
  bad |= run_t3(print);
  if (!skip_c) {
    bad |= run("C", C, 5, 5, 0.9154322364, 1e-9, print);
    bad |= run("P1", P1, 3, 6, 4.00849628256e-4, 1e-9, print);
  }
  return bad;
}
