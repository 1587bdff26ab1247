/* Benchmark for the power functions (run by `make bench`): mean time per
 * call of Fisher's exact power (every table enumerated) at n1 = n2 from 10
 * to 2000, the exact binomial power up to n = 10^6, the exact searches for
 * a size, and the closed forms. */
#include <stdio.h>
#include <time.h>

#include <surv.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef int (*call_fn)(double n, double *out);

static int fisher(double n, double *out) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  o.method = SURV_POWER_EXACT;
  return surv_power_prop(0.3, 0.4, n, &o, out);
}
static int binom_exact(double n, double *out) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  o.method = SURV_POWER_EXACT;
  return surv_power_binom(0.3, 0.32, n, &o, out);
}
static int fisher_n(double p2, double *out) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  o.method = SURV_POWER_EXACT;
  return surv_power_prop_n(0.3, p2, 0.8, &o, out, NULL);
}
static int binom_n(double p1, double *out) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  o.method = SURV_POWER_EXACT;
  return surv_power_binom_n(0.3, p1, 0.8, &o, out);
}
static int prop_strict_n(double p2, double *out) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  o.flags = SURV_POWER_STRICT | SURV_POWER_CONTINUITY;
  return surv_power_prop_n(0.3, p2, 0.8, &o, out, NULL);
}
static int logrank_n(double hr, double *out) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  double e, pe;
  o.accrual = 2;
  o.follow_up = 3;
  o.dropout = 0.05;
  return surv_power_logrank_n(hr, 0.3, 0.8, &o, out, &e, &pe);
}

static int logrank_lf_n(double hr, double *out) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  o.method = SURV_POWER_LACHIN_FOULKES;
  o.flags = SURV_POWER_STRICT;
  o.accrual = 2;
  o.follow_up = 3;
  o.dropout = 0.05;
  return surv_power_logrank_n(hr, 0.3, 0.8, &o, out, NULL, NULL);
}
static int logrank_total(double n, double *out) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  o.method = SURV_POWER_LACHIN_FOULKES;
  o.accrual = 2;
  o.follow_up = 3;
  return surv_power_logrank_total(0.7, 0.3, n, &o, out, NULL);
}

static int run(const char *name, call_fn f, double arg) {
  double t0 = now(), t, v = 0;
  long reps = 0;
  do {
    if (f(arg, &v) != SURV_OK) {
      fprintf(stderr, "bench_power: %s %g failed\n", name, arg);
      return 1;
    }
    reps++;
    t = now() - t0;
  } while (t < 0.2);
  printf("%-22s %10g %14.2f %16.10g\n", name, arg, 1e6 * t / (double)reps, v);
  return 0;
}

int main(void) {
  static const double fn[] = {10, 100, 500, 1000, 2000};
  static const double bn[] = {100, 10000, 1000000};
  size_t i;
  printf("%-22s %10s %14s %16s\n", "function", "argument", "us/call", "result");
  for (i = 0; i < sizeof fn / sizeof fn[0]; i++)
    if (run("fisher power, n1=n2", fisher, fn[i]))
      return 1;
  for (i = 0; i < sizeof bn / sizeof bn[0]; i++)
    if (run("binom exact power, n", binom_exact, bn[i]))
      return 1;
  if (run("fisher n, p2", fisher_n, 0.6) ||
      run("fisher n, p2", fisher_n, 0.5) ||
      run("binom exact n, p1", binom_n, 0.5) ||
      run("binom exact n, p1", binom_n, 0.4) ||
      run("prop strict cc n, p2", prop_strict_n, 0.4) ||
      run("logrank n, hr", logrank_n, 0.7) ||
      run("logrank LF strict n, hr", logrank_lf_n, 0.7) ||
      run("logrank LF power, n", logrank_total, 500))
    return 1;
  return 0;
}
