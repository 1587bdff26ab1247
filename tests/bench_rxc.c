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
  if (!skip_c) {
    bad |= run("C", C, 5, 5, 0.9154322364, 1e-9, print);
    bad |= run("P1", P1, 3, 6, 4.00849628256e-4, 1e-9, print);
  }
  return bad;
}
