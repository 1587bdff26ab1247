/* r x c Fisher-Freeman-Halton test: surv_fisher_rxc against an exact
 * enumeration oracle (integer comparisons, exact integer sums), against R's
 * fisher.test fixtures (tests/fixtures/rxc.tsv) and high-precision reference
 * values (tables B, D: exact network computation, R 4.2.2 with a larger
 * workspace agreeing to 9 digits); the memory cap; surv_fisher_rxc_mc; every
 * error path. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <surv.h>

#include "testutil.h"

#define SENTINEL (-12345.0)
#define RTOL_R 1e-8 /* R's FEXACT moves in the ~10th digit (fexact.c's tol) */

/* ---- the oracle: all tables with the margins of x (n <= 33, so that 33! fits
 * an unsigned 128-bit integer) ----------------------------------------- */

typedef unsigned __int128 u128;

typedef struct {
  int r, c;
  long rs[8], cs[8], colrem[8], n;
  u128 fact[34], obsprod, sum;
  double lfact[34], lobs, tol;
} oracle;

/* Tables are filled row by row, cell by cell; the last row is forced.  A
 * table is extreme when prod x! >= prod obs! (exact, ties included) or, as
 * in R, when log(prod obs!) - log(prod x!) <= tol.  The sum accumulates the
 * integer multinomials n! / prod x!. */
static void oracle_cell(oracle *o, int i, int j, long rowrem, u128 prod,
                        double lprod) {
  long v, hi;
  int k;
  if (i == o->r - 1) {
    for (k = 0; k < o->c; k++) {
      prod *= o->fact[o->colrem[k]];
      lprod += o->lfact[o->colrem[k]];
    }
    if (prod >= o->obsprod || o->lobs - lprod <= o->tol)
      o->sum += o->fact[o->n] / prod;
    return;
  }
  if (j == o->c - 1) {
    if (rowrem > o->colrem[j])
      return;
    o->colrem[j] -= rowrem;
    oracle_cell(o, i + 1, 0, o->rs[i + 1], prod * o->fact[rowrem],
                lprod + o->lfact[rowrem]);
    o->colrem[j] += rowrem;
    return;
  }
  hi = rowrem < o->colrem[j] ? rowrem : o->colrem[j];
  for (v = 0; v <= hi; v++) {
    o->colrem[j] -= v;
    oracle_cell(o, i, j + 1, rowrem - v, prod * o->fact[v],
                lprod + o->lfact[v]);
    o->colrem[j] += v;
  }
}

/* p = sum multinomials * prod r! prod c! / n!^2, in long double logs. */
static double oracle_p(const long *x, int r, int c, double tol) {
  oracle o;
  int i, j;
  long double lsum = 0, lfl[34];
  memset(&o, 0, sizeof o);
  o.r = r;
  o.c = c;
  o.fact[0] = 1;
  lfl[0] = 0;
  for (i = 1; i <= 33; i++) {
    o.fact[i] = o.fact[i - 1] * (u128)i;
    lfl[i] = lfl[i - 1] + logl((long double)i);
    o.lfact[i] = (double)lfl[i];
  }
  o.obsprod = 1;
  for (i = 0; i < r; i++)
    for (j = 0; j < c; j++) {
      long v = x[i * c + j];
      o.rs[i] += v;
      o.cs[j] += v;
      o.n += v;
      o.obsprod *= o.fact[v];
      o.lobs += o.lfact[v];
    }
  for (j = 0; j < c; j++)
    o.colrem[j] = o.cs[j];
  o.tol = tol;
  oracle_cell(&o, 0, 0, o.rs[0], 1, 0);
  lsum = logl((long double)o.sum) - 2 * lfl[o.n];
  for (i = 0; i < r; i++)
    lsum += lfl[o.rs[i]];
  for (j = 0; j < c; j++)
    lsum += lfl[o.cs[j]];
  return (double)expl(lsum);
}

static unsigned long lcg_next(unsigned long *s) {
  *s = *s * 6364136223846793005UL + 1442695040888963407UL;
  return (*s >> 33) & 0x7fffffffUL;
}

/* 1 when every row and column of the r x c table x has a positive total. */
static int margins_positive(const long *x, int r, int c) {
  int i, j, ok = 1;
  for (i = 0; i < r; i++) {
    long s = 0;
    for (j = 0; j < c; j++)
      s += x[i * c + j];
    ok &= s > 0;
  }
  for (j = 0; j < c; j++) {
    long s = 0;
    for (i = 0; i < r; i++)
      s += x[i * c + j];
    ok &= s > 0;
  }
  return ok;
}

/* The oracle's p-value with R's FEXACT tolerance, clamped to 1. */
static double oracle_want(const long *x, int r, int c) {
  double p = oracle_p(x, r, c, 3.45254e-7);
  return p > 1 ? 1 : p;
}

START_TEST(test_oracle_random) {
  unsigned long seed = 20261127UL;
  int done = 0, tries = 0;
  while (done < 200 && tries < 10000) {
    int r = 2 + (int)(lcg_next(&seed) % 3), c = 3 + (int)(lcg_next(&seed) % 2);
    long x[16] = {0}, n = 8 + (long)(lcg_next(&seed) % 18), k;
    double got = SENTINEL, want;
    char ctx[64];
    tries++;
    if (lcg_next(&seed) % 2) { /* also 3 x 2 and 4 x 2 shapes */
      int t = r;
      r = c;
      c = t;
    }
    for (k = 0; k < n; k++)
      x[lcg_next(&seed) % (unsigned long)(r * c)]++;
    if (!margins_positive(x, r, c))
      continue;
    want = oracle_want(x, r, c);
    ck_assert_int_eq(surv_fisher_rxc(x, (size_t)r, (size_t)c, 0, &got),
                     SURV_OK);
    snprintf(ctx, sizeof ctx, "oracle table %d (%dx%d, n=%ld)", done, r, c, n);
    TU_ASSERT_REL(got, want, 1e-12, ctx);
    done++;
  }
  ck_assert_int_eq(done, 200);
}
END_TEST

/* Two-row tables with 5 to 8 columns (either orientation): the network
 * meets completion lists built backwards (the bidirectional search used
 * for two key rows). */
START_TEST(test_oracle_two_rows) {
  unsigned long seed = 2153UL;
  int done = 0, tries = 0;
  while (done < 150 && tries < 10000) {
    int c = 5 + (int)(lcg_next(&seed) % 4), r = 2, tr = lcg_next(&seed) % 2;
    long x[16] = {0}, y[16], n = 10 + (long)(lcg_next(&seed) % 17), k;
    int i, j;
    double got = SENTINEL, want;
    char ctx[64];
    tries++;
    for (k = 0; k < n; k++)
      x[lcg_next(&seed) % (unsigned long)(r * c)]++;
    if (!margins_positive(x, r, c))
      continue;
    want = oracle_want(x, r, c);
    for (i = 0; i < r; i++) /* the transpose, c x 2 */
      for (j = 0; j < c; j++)
        y[j * r + i] = x[i * c + j];
    ck_assert_int_eq(tr ? surv_fisher_rxc(y, (size_t)c, (size_t)r, 0, &got)
                        : surv_fisher_rxc(x, (size_t)r, (size_t)c, 0, &got),
                     SURV_OK);
    snprintf(ctx, sizeof ctx, "oracle table %d (2x%d, n=%ld)", done, c, n);
    TU_ASSERT_REL(got, want, 1e-12, ctx);
    done++;
  }
  ck_assert_int_eq(done, 150);
}
END_TEST

/* 2 x 2 input follows R's 2 x 2 rule, f(y) <= f(a)(1 + 1e-7). */
START_TEST(test_2x2_oracle_and_reference) {
  static const long t[][4] = {
      {8, 2, 1, 5}, {3, 1, 1, 3}, {12, 5, 7, 9}, {0, 5, 6, 4}, {2, 15, 10, 3}};
  static const double want[] = {0.03496503497, 0.4857142857, 0.1663200658,
                                0.04395604396, 0.0005367241191};
  size_t i;
  for (i = 0; i < 5; i++) {
    double p = SENTINEL;
    ck_assert_int_eq(surv_fisher_rxc(t[i], 2, 2, 0, &p), SURV_OK);
    TU_ASSERT_REL(p, want[i], 1e-9, "fisher.test 2 x 2");
    TU_ASSERT_REL(p, oracle_p(t[i], 2, 2, log1p(1e-7)), 1e-12, "2x2 oracle");
  }
  {
    long big[4] = {94, 48, 3577, 16988};
    double p = SENTINEL;
    ck_assert_int_eq(surv_fisher_rxc(big, 2, 2, 0, &p), SURV_OK);
    TU_ASSERT_REL(p, 2.069356341e-37, 1e-9,
                  "fisher.test [[94,48],[3577,16988]]");
  }
}
END_TEST

/* Zero rows and columns are dropped; permutations and transposes agree. */
START_TEST(test_zero_margins_and_symmetry) {
  long x[] = {3, 1, 4, 2, 1, 5, 2, 6, 5, 3, 1, 2};
  long z[] = {
      3, 0, 1, 4, 2, 0, 0, 0, 0, 0,
      1, 0, 5, 2, 6, 5, 0, 3, 1, 2}; /* x with a zero row and a zero column */
  long xt[12], xp[12];
  double p1 = SENTINEL, p2 = SENTINEL, p3 = SENTINEL, p4 = SENTINEL;
  int i, j;
  for (i = 0; i < 3; i++)
    for (j = 0; j < 4; j++) {
      xt[j * 3 + i] = x[i * 4 + j];
      xp[(2 - i) * 4 + (3 - j)] = x[i * 4 + j];
    }
  ck_assert_int_eq(surv_fisher_rxc(x, 3, 4, 0, &p1), SURV_OK);
  ck_assert_int_eq(surv_fisher_rxc(z, 4, 5, 0, &p2), SURV_OK);
  ck_assert_int_eq(surv_fisher_rxc(xt, 4, 3, 0, &p3), SURV_OK);
  ck_assert_int_eq(surv_fisher_rxc(xp, 3, 4, 0, &p4), SURV_OK);
  TU_ASSERT_REL(p1, 0.1676861532, 1e-9, "RC3");
  TU_ASSERT_REL(p2, p1, 1e-14, "zero row/column dropped");
  TU_ASSERT_REL(p3, p1, 1e-12, "transpose");
  TU_ASSERT_REL(p4, p1, 1e-12, "permuted");
}
END_TEST

/* Parse "a,b,c" into x (at most cap values); returns the count. */
static size_t parse_cells(const char *s, long *x, size_t cap) {
  size_t k = 0;
  char *end;
  while (*s && k < cap) {
    x[k++] = strtol(s, &end, 10);
    s = *end == ',' ? end + 1 : end;
    if (end == s && *s != ',')
      break;
  }
  return k;
}

/* R fixtures: agreement at 1e-8 with FEXACT where FEXACT is right; where R's
 * FEXACT disagrees with R's own Monte Carlo (fexact_ok = 0) we check the
 * Monte Carlo value within 6 standard errors instead.  Two-row tables with
 * p_dp (the fixture script's exact column-by-column programme) are checked
 * against it at 1e-10: T3a, 20 columns of table T3 of tests/bench_rxc.c,
 * is one where FEXACT is wrong (0.00432 for 0.00526704). */
START_TEST(test_r_fixtures) {
  tu_table *t = tu_table_read("rxc.tsv");
  int cid = tu_table_col(t, "id"), cr = tu_table_col(t, "nrow"),
      cc = tu_table_col(t, "ncol"), ccells = tu_table_col(t, "cells"),
      cp = tu_table_col(t, "p_r"), cmc = tu_table_col(t, "p_mc"),
      cse = tu_table_col(t, "se_mc"), cok = tu_table_col(t, "fexact_ok"),
      cdp = tu_table_col(t, "p_dp");
  size_t i, nbad = 0, ndp = 0;
  for (i = 0; i < tu_table_nrow(t); i++) {
    long x[64];
    size_t r = (size_t)tu_table_num(t, i, cr),
           c = (size_t)tu_table_num(t, i, cc);
    double p = SENTINEL;
    const char *id = tu_table_str(t, i, cid);
    ck_assert_uint_eq(parse_cells(tu_table_str(t, i, ccells), x, 64), r * c);
    ck_assert_int_eq(surv_fisher_rxc(x, r, c, 0, &p), SURV_OK);
    if (!isnan(tu_table_num(t, i, cdp))) {
      TU_ASSERT_REL(p, tu_table_num(t, i, cdp), 1e-10, id);
      ndp++;
    } else if (tu_table_num(t, i, cok) == 1) {
      TU_ASSERT_REL(p, tu_table_num(t, i, cp), RTOL_R, id);
    } else {
      double se = tu_table_num(t, i, cse);
      ck_assert_msg(fabs(p - tu_table_num(t, i, cmc)) <= 6 * se,
                    "%s: exact %.12g vs R Monte Carlo %.12g (se %.3g)", id, p,
                    tu_table_num(t, i, cmc), se);
      nbad++;
    }
  }
  ck_assert_uint_ge(tu_table_nrow(t), 40);
  ck_assert_uint_le(nbad, 3);
  ck_assert_uint_ge(ndp, 2);
  tu_table_free(t);
}
END_TEST

/* Tables B and D of tests/bench_rxc.c: high-precision values (D and B are quick
 * enough here; C and T1 are checked by tests/bench_rxc). */
START_TEST(test_reference_D_B) {
  long D[] = {20, 15, 12, 18, 10, 14, 14, 18, 16,
              11, 17, 13, 12, 16, 19, 15, 14, 18};
  long B[] = {8, 5, 3, 6, 2, 4, 7, 4, 6, 7, 3, 5, 6, 2,
              5, 4, 6, 7, 3, 2, 5, 3, 7, 2, 4, 6, 5, 4};
  double p = SENTINEL;
  ck_assert_int_eq(surv_fisher_rxc(D, 3, 6, 0, &p), SURV_OK);
  TU_ASSERT_REL(p, 0.6060977981, 1e-9, "D");
  ck_assert_int_eq(surv_fisher_rxc(B, 4, 7, 0, &p), SURV_OK);
  TU_ASSERT_REL(p, 0.5725264436, 1e-9, "B");
}
END_TEST

/* T1 of tests/bench_rxc.c (2 x 15, n = 4749, FisherExact issue 8; R's FEXACT
 * needs workspace 2e8): the bidirectional search on a large table, against R's
 * 0.363338322808 (tol 3.45254e-7; R's own last digits move with its workspace),
 * and the transpose giving the same answer. */
START_TEST(test_reference_T1) {
  long T1[] = {1088, 126, 342, 516, 594, 578, 528, 378, 272, 160,
               68,   40,  22,  4,   2,   12,  1,   5,   4,   5,
               1,    2,   1,   0,   0,   0,   0,   0,   0,   0};
  long T1t[30];
  double p = SENTINEL, pt = SENTINEL;
  int i, j;
  for (i = 0; i < 2; i++)
    for (j = 0; j < 15; j++)
      T1t[j * 2 + i] = T1[i * 15 + j];
  ck_assert_int_eq(surv_fisher_rxc(T1, 2, 15, 0, &p), SURV_OK);
  TU_ASSERT_REL(p, 0.363338322808, 1e-10, "T1");
  ck_assert_int_eq(surv_fisher_rxc(T1t, 15, 2, 0, &pt), SURV_OK);
  TU_ASSERT_REL(pt, p, 1e-12, "T1 transposed");
}
END_TEST

/* The memory cap: SURV_ELIMIT, output untouched (tiny cap, and a cap that
 * fails midway through the network). */
START_TEST(test_memory_cap) {
  long B[] = {8, 5, 3, 6, 2, 4, 7, 4, 6, 7, 3, 5, 6, 2,
              5, 4, 6, 7, 3, 2, 5, 3, 7, 2, 4, 6, 5, 4};
  size_t caps[] = {16, 4096, 200000, 2000000};
  size_t i;
  for (i = 0; i < 4; i++) {
    double p = SENTINEL;
    ck_assert_int_eq(surv_fisher_rxc(B, 4, 7, caps[i], &p), SURV_ELIMIT);
    ck_assert(p == SENTINEL);
  }
}
END_TEST

START_TEST(test_errors) {
  long x[] = {1, 2, 3, 4, 5, 6};
  long neg[] = {1, 2, -3, 4, 5, 6};
  long onerow[] = {1, 2, 3, 0, 0, 0};
  long onecol[] = {1, 0, 2, 0, 3, 0};
  double p = SENTINEL, se = SENTINEL;
  ck_assert_int_eq(surv_fisher_rxc(NULL, 2, 3, 0, &p), SURV_ENULL);
  ck_assert_int_eq(surv_fisher_rxc(x, 2, 3, 0, NULL), SURV_ENULL);
  ck_assert_int_eq(surv_fisher_rxc(x, 0, 3, 0, &p), SURV_ESIZE);
  ck_assert_int_eq(surv_fisher_rxc(x, 2, 0, 0, &p), SURV_ESIZE);
  ck_assert_int_eq(surv_fisher_rxc(x, SIZE_MAX / 2, 3, 0, &p), SURV_ESIZE);
  ck_assert_int_eq(surv_fisher_rxc(neg, 2, 3, 0, &p), SURV_ECOUNT);
  ck_assert_int_eq(surv_fisher_rxc(x, 1, 6, 0, &p), SURV_ETABLE);
  ck_assert_int_eq(surv_fisher_rxc(onerow, 2, 3, 0, &p), SURV_ETABLE);
  ck_assert_int_eq(surv_fisher_rxc(onecol, 3, 2, 0, &p), SURV_ETABLE);
  ck_assert(p == SENTINEL);
  ck_assert_int_eq(surv_fisher_rxc_mc(NULL, 2, 3, 10, 1, &p, &se), SURV_ENULL);
  ck_assert_int_eq(surv_fisher_rxc_mc(x, 2, 3, 10, 1, NULL, &se), SURV_ENULL);
  ck_assert_int_eq(surv_fisher_rxc_mc(x, 2, 3, 10, 1, &p, NULL), SURV_ENULL);
  ck_assert_int_eq(surv_fisher_rxc_mc(x, 2, 3, 0, 1, &p, &se), SURV_ESIZE);
  ck_assert_int_eq(surv_fisher_rxc_mc(x, 0, 3, 10, 1, &p, &se), SURV_ESIZE);
  ck_assert_int_eq(surv_fisher_rxc_mc(x, SIZE_MAX / 2, 3, 10, 1, &p, &se),
                   SURV_ESIZE);
  ck_assert_int_eq(surv_fisher_rxc_mc(neg, 2, 3, 10, 1, &p, &se), SURV_ECOUNT);
  ck_assert_int_eq(surv_fisher_rxc_mc(onerow, 2, 3, 10, 1, &p, &se),
                   SURV_ETABLE);
  ck_assert(p == SENTINEL && se == SENTINEL);
  ck_assert_int_eq(surv_fisher_rxc_limit(NULL, 2, 3, 0, 1, &p), SURV_ENULL);
  ck_assert_int_eq(surv_fisher_rxc_limit(x, 2, 3, 0, 1, NULL), SURV_ENULL);
  ck_assert_int_eq(surv_fisher_rxc_limit(x, 2, 3, 0, -1, &p), SURV_EINVAL);
  ck_assert_int_eq(surv_fisher_rxc_limit(x, 2, 3, 0, NAN, &p), SURV_EINVAL);
  ck_assert_int_eq(surv_fisher_rxc_limit(neg, 2, 3, 0, 1, &p), SURV_ECOUNT);
  ck_assert_int_eq(surv_fisher_rxc_limit(x, 0, 3, 0, 1, &p), SURV_ESIZE);
  ck_assert(p == SENTINEL);
}
END_TEST

/* The time limit: no limit (0, +Inf, 1e300) is surv_fisher_rxc bit for bit;
 * a generous limit still gives the exact answer; a tiny one stops table C
 * of tests/bench_rxc.c (about 10^8 steps) with SURV_ELIMIT, p untouched. */
START_TEST(test_time_limit) {
  const long job[16] = {1, 3, 10, 6, 2, 3, 10, 7, 1, 6, 14, 12, 0, 1, 9, 11};
  const long C[] = {12, 8,  10, 6, 9, 7,  11, 9, 10, 8, 9, 7, 12,
                    8,  11, 10, 9, 6, 12, 7,  8, 10, 9, 7, 12};
  const double none[] = {0, INFINITY, 1e300, 3600};
  double p0 = SENTINEL, p = SENTINEL;
  size_t i;
  ck_assert_int_eq(surv_fisher_rxc(job, 4, 4, 0, &p0), SURV_OK);
  for (i = 0; i < sizeof none / sizeof none[0]; i++) {
    p = SENTINEL;
    ck_assert_int_eq(surv_fisher_rxc_limit(job, 4, 4, 0, none[i], &p), SURV_OK);
    ck_assert(p == p0);
  }
  p = SENTINEL;
  ck_assert_int_eq(surv_fisher_rxc_limit(C, 5, 5, 0, 1e-3, &p), SURV_ELIMIT);
  ck_assert(p == SENTINEL);
}
END_TEST

static double mono_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Slack allowed past a time limit: 0.3 s, times CK_TIMEOUT_MULTIPLIER when
 * the suite runs slowed down (the sanitizer build sets it). */
static double limit_slack(void) {
  const char *m = getenv("CK_TIMEOUT_MULTIPLIER");
  double f = m ? atof(m) : 1;
  return 0.3 * (f >= 1 ? f : 1);
}

/* Tables of issue 17 that ran 20-160x past their limit (each step of the
 * search could do unbounded work, and the O(n) log-factorial table was
 * filled before the clock was read): each must return within limit +
 * slack, SURV_ELIMIT with p untouched (or, on a machine fast enough, the
 * exact p-value). */
/* AddressSanitizer's allocator writes the shadow of every block it hands
 * out and takes back (100 MB of shadow for the 800 MB log-factorial table of
 * n = 10^8): O(n) outside the library's clock, about a second on a loaded
 * machine. In that build the huge-n cases still run (for memory errors) but
 * their time is not asserted. */
#if defined(__SANITIZE_ADDRESS__)
#define ASAN_BUILD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ASAN_BUILD 1
#endif
#endif
#ifndef ASAN_BUILD
#define ASAN_BUILD 0
#endif

static void check_returns_in_time(const long *x, size_t r, size_t c,
                                  double limit, const char *what) {
  double p = SENTINEL, t0 = mono_now(), dt, n = 0;
  int rc = surv_fisher_rxc_limit(x, r, c, 0, limit, &p);
  dt = mono_now() - t0;
  for (size_t i = 0; i < r * c; i++)
    n += (double)x[i];
  if (!(ASAN_BUILD && n > 1e7))
    ck_assert_msg(dt <= limit + limit_slack(), "%s: %.3f s for a %.3g s limit",
                  what, dt, limit);
  ck_assert_msg(rc == SURV_ELIMIT || rc == SURV_OK, "%s: %s", what,
                surv_errname(rc));
  if (rc == SURV_ELIMIT)
    ck_assert(p == SENTINEL);
  else
    ck_assert(p >= 0 && p <= 1);
}

START_TEST(test_time_limit_bounded) {
  /* 2 x 30 and 2 x 35, counts 5..40 (a fixed generator): 7.5 s for a
   * 0.5 s limit and 6.9 s for 0.1 s before */
  long t30[60], t35[70];
  unsigned long seed = 1;
  size_t i;
  /* 2 x 3 with n = 10^8: 8.8 s and 790 MB for a 0.1 s limit before */
  const long big[6] = {16666000, 16667000, 16666500,
                       16667100, 16666600, 16666800};
  /* collapses to 2 x 2 with a support of 5 x 10^7: 7.2 s before */
  const long big22[6] = {50000000, 0, 50000000, 50000000, 0, 50000000};
  for (i = 0; i < 60; i++)
    t30[i] = 5 + (long)(lcg_next(&seed) % 36);
  for (i = 0; i < 70; i++)
    t35[i] = 5 + (long)(lcg_next(&seed) % 36);
  check_returns_in_time(t30, 2, 30, 0.5, "2 x 30");
  check_returns_in_time(t35, 2, 35, 0.1, "2 x 35");
  check_returns_in_time(big, 2, 3, 0.1, "2 x 3, n = 1e8");
  check_returns_in_time(big22, 2, 3, 0.1, "2 x 2, n = 2e8");
}
END_TEST

/* Monte Carlo draws tables cell by cell (no O(n) table): n = 4e8 (3.1 GB
 * peak before) with 200 replicates stays within a few MB and is fast. */
START_TEST(test_mc_memory) {
  const long x[6] = {66666000, 66667000, 66666500,
                     66667100, 66666600, 66666800};
  struct rusage ru0, ru1;
  double p = SENTINEL, se = SENTINEL, t0;
  getrusage(RUSAGE_SELF, &ru0);
  t0 = mono_now();
  ck_assert_int_eq(surv_fisher_rxc_mc(x, 2, 3, 200, 11, &p, &se), SURV_OK);
  ck_assert_msg(mono_now() - t0 <= 0.5 + limit_slack(), "MC took %.3f s",
                mono_now() - t0);
  getrusage(RUSAGE_SELF, &ru1);
  ck_assert_msg(ru1.ru_maxrss - ru0.ru_maxrss < 64 * 1024,
                "MC peak grew by %ld KB", ru1.ru_maxrss - ru0.ru_maxrss);
  ck_assert(p > 1.0 / 201 && p <= 1);
}
END_TEST

/* Monte Carlo against the exact p-value (the oracle) on small tables, fixed
 * seeds: within 5 binomial standard errors plus one replicate (the
 * (1 + hits) / (B + 1) rule). */
START_TEST(test_mc_vs_exact) {
  static const long t1[6] = {3, 1, 4, 1, 5, 9};
  static const long t2[9] = {2, 1, 1, 0, 2, 3, 1, 0, 4};
  static const long t3[8] = {5, 0, 2, 3, 1, 4, 4, 1};
  static const long t4[6] = {6, 1, 0, 0, 3, 7};
  const long *tabs[4] = {t1, t2, t3, t4};
  const int rr[4] = {2, 3, 2, 3}, cc[4] = {3, 3, 4, 2};
  const size_t B = 20000;
  int k;
  for (k = 0; k < 4; k++) {
    double want = oracle_want(tabs[k], rr[k], cc[k]), p, se, sd;
    ck_assert_int_eq(surv_fisher_rxc_mc(tabs[k], (size_t)rr[k], (size_t)cc[k],
                                        B, 1000 + (unsigned long)k, &p, &se),
                     SURV_OK);
    sd = sqrt(want * (1 - want) / (double)B);
    ck_assert_msg(fabs(p - want) <= 5 * sd + 1.0 / (double)(B + 1),
                  "table %d: MC %.6g vs exact %.6g (sd %.3g)", k, p, want, sd);
  }
}
END_TEST

START_TEST(test_mc) {
  long rc1[] = {22, 12, 5, 4, 1, 3};
  double p1 = SENTINEL, se1 = SENTINEL, p2 = SENTINEL, se2 = SENTINEL;
  double exact = 0.3345101460;
  ck_assert_int_eq(surv_fisher_rxc_mc(rc1, 3, 2, 2000, 42, &p1, &se1), SURV_OK);
  ck_assert_int_eq(surv_fisher_rxc_mc(rc1, 3, 2, 2000, 42, &p2, &se2), SURV_OK);
  ck_assert(p1 == p2 && se1 == se2);
  ck_assert_int_eq(surv_fisher_rxc_mc(rc1, 3, 2, 100000, 7, &p1, &se1),
                   SURV_OK);
  TU_ASSERT_REL(se1, sqrt(p1 * (1 - p1) / 100000), 1e-12, "se formula");
  ck_assert_msg(fabs(p1 - exact) <= 4 * se1, "MC %.6g vs exact %.6g (se %.3g)",
                p1, exact, se1);
  /* p = (1 + hits) / (B + 1): never below 1 / (B + 1) */
  {
    long ext[] = {10, 0, 0, 10};
    ck_assert_int_eq(surv_fisher_rxc_mc(ext, 2, 2, 999, 3, &p2, &se2), SURV_OK);
    ck_assert(p2 >= 1.0 / 1000 && p2 < 0.01);
    ck_assert(fabs(p2 * 1000 - floor(p2 * 1000 + 0.5)) < 1e-9);
  }
}
END_TEST

int main(void) {
  Suite *s = suite_create("rxc");
  TCase *tc = tcase_create("exact");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_oracle_random);
  tcase_add_test(tc, test_oracle_two_rows);
  tcase_add_test(tc, test_time_limit);
  tcase_add_test(tc, test_time_limit_bounded);
  tcase_add_test(tc, test_reference_T1);
  tcase_add_test(tc, test_2x2_oracle_and_reference);
  tcase_add_test(tc, test_zero_margins_and_symmetry);
  tcase_add_test(tc, test_r_fixtures);
  tcase_add_test(tc, test_reference_D_B);
  tcase_add_test(tc, test_memory_cap);
  suite_add_tcase(s, tc);
  tc = tcase_create("mc_and_errors");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_errors);
  tcase_add_test(tc, test_mc);
  tcase_add_test(tc, test_mc_memory);
  tcase_add_test(tc, test_mc_vs_exact);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
