/* Allocation failure (HACKING 1.5): every allocation the library makes may
 * fail, and the call must then return SURV_ENOMEM, leave its outputs
 * untouched and leak nothing.
 *
 * The test program defines malloc, calloc, realloc and free itself; the
 * library's calls (for the one GSL object it makes too, the Monte Carlo
 * test's generator, built from malloc in lib/numerics.c) resolve to them,
 * since the executable comes first in the dynamic symbol lookup. They
 * forward to the next definition (dlsym(RTLD_NEXT): glibc's, or the
 * sanitizer's in an ASan build, which then still sees every block), count
 * the blocks live while a call is armed, and fail the k-th allocation of the
 * call. Every public entry point is driven with k = 1, 2, ... until a call
 * makes fewer than k allocations (and must then succeed); each time the
 * return code must be SURV_ENOMEM (no failure is swallowed), outputs must be
 * untouched, and the live count must be back where it was once the call's
 * results are freed, so a leak fails here without valgrind. Under
 * LeakSanitizer, or valgrind run with
 * --soname-synonyms=somalloc=nouserintercepts, leaks are reported as well;
 * plain valgrind replaces this program's malloc, and the test then skips
 * itself (exit status 77). Inputs are small: the test takes well under a
 * second. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "testutil.h"

/* ---- the interposed allocator ------------------------------------------ */

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static int (*real_posix_memalign)(void **, size_t, size_t);
static int g_resolving;
/* dlsym may allocate while the real functions are being looked up */
static _Alignas(16) char g_boot[8192];
static size_t g_boot_used;

static int g_armed;          /* counting and failing the current call */
static unsigned long g_seen; /* allocations of the armed call */
static unsigned long g_fail_at;
static int g_injected;
static long g_live; /* blocks allocated minus blocks freed while armed */

static void resolve(void) {
  if (real_malloc || g_resolving)
    return;
  g_resolving = 1;
  real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
  real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
  real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
  real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
  real_posix_memalign =
      (int (*)(void **, size_t, size_t))dlsym(RTLD_NEXT, "posix_memalign");
  g_resolving = 0;
}

static void *boot_alloc(size_t n) {
  void *p;
  n = (n + 15) & ~(size_t)15;
  if (n > sizeof g_boot - g_boot_used)
    return NULL;
  p = g_boot + g_boot_used;
  g_boot_used += n;
  return p;
}

static int is_boot(const void *p) {
  return (const char *)p >= g_boot && (const char *)p < g_boot + sizeof g_boot;
}

/* 1 when this allocation of the armed call is the one to fail. */
static int fail_now(void) {
  if (!g_armed)
    return 0;
  if (++g_seen == g_fail_at) {
    g_injected = 1;
    return 1;
  }
  return 0;
}

void *malloc(size_t n) {
  void *p;
  resolve();
  if (!real_malloc)
    return boot_alloc(n);
  if (fail_now())
    return NULL;
  p = real_malloc(n);
  if (p && g_armed)
    g_live++;
  return p;
}

void *calloc(size_t k, size_t n) {
  void *p;
  resolve();
  if (!real_calloc) {
    if (n && k > SIZE_MAX / n)
      return NULL;
    p = boot_alloc(k * n);
    if (p)
      memset(p, 0, k * n);
    return p;
  }
  if (fail_now())
    return NULL;
  p = real_calloc(k, n);
  if (p && g_armed)
    g_live++;
  return p;
}

void free(void *p) {
  if (p == NULL || is_boot(p))
    return;
  resolve();
  if (g_armed)
    g_live--;
  real_free(p);
}

/* The library's large work arrays (lib/util.c) come from here. */
int posix_memalign(void **out, size_t align, size_t n) {
  int rc;
  resolve();
  if (!real_posix_memalign)
    return ENOMEM;
  if (fail_now())
    return ENOMEM;
  rc = real_posix_memalign(out, align, n);
  if (rc == 0 && g_armed)
    g_live++;
  return rc;
}

void *realloc(void *old, size_t n) {
  void *p;
  if (old == NULL)
    return malloc(n);
  if (is_boot(old)) { /* never grown in practice: copy out */
    p = malloc(n);
    if (p)
      memcpy(p, old, n < sizeof g_boot ? n : sizeof g_boot);
    return p;
  }
  resolve();
  if (n == 0) {
    free(old);
    return NULL;
  }
  if (fail_now())
    return NULL;
  return real_realloc(old, n);
}

/* ---- driving one entry point -------------------------------------------- */

#define SENT (-12345.0)
/* a result pointer the library must not overwrite on failure */
static char g_rsent;
#define RSENT ((surv_result *)(void *)&g_rsent)

static const char
    *g_bad; /* set by a case when an output was written on error */

/* Runs fn with its k-th allocation failing for k = 1, 2, ... */
static void drive(const char *name, int (*fn)(void)) {
  unsigned long k;
  for (k = 1;; k++) {
    long live0 = g_live;
    int rc, injected;
    g_bad = NULL;
    g_seen = 0;
    g_fail_at = k;
    g_injected = 0;
    g_armed = 1;
    rc = fn();
    g_armed = 0;
    injected = g_injected;
    ck_assert_msg(g_bad == NULL, "%s, allocation %lu failing: %s", name, k,
                  g_bad ? g_bad : "");
    ck_assert_msg(g_live == live0,
                  "%s, allocation %lu failing: %ld blocks leaked (%s)", name, k,
                  g_live - live0, surv_errname(rc));
    if (!injected) {
      ck_assert_msg(rc == SURV_OK, "%s without failure: %s", name,
                    surv_errname(rc));
      if (getenv("CHECK_OOM_VERBOSE"))
        printf("%s: %lu allocations, each failed in turn\n", name, k - 1);
      break;
    }
    ck_assert_msg(rc == SURV_ENOMEM,
                  "%s, allocation %lu failing: %s, want SURV_ENOMEM", name, k,
                  surv_errname(rc));
    ck_assert_msg(k < 100000, "%s: too many allocations", name);
  }
}

/* Output checks inside a case (no Check call while armed: it allocates). */
#define UNTOUCHED_D(rc, x)                                                     \
  do {                                                                         \
    if ((rc) != SURV_OK && (x) != SENT)                                        \
      g_bad = #x " written on error";                                          \
  } while (0)
#define UNTOUCHED_R(rc, r)                                                     \
  do {                                                                         \
    if ((rc) != SURV_OK && (r) != RSENT)                                       \
      g_bad = #r " written on error";                                          \
    if ((rc) == SURV_OK && (r) == RSENT)                                       \
      g_bad = "SURV_OK but " #r " not written";                                \
    else if ((rc) == SURV_OK)                                                  \
      surv_result_free(r);                                                     \
  } while (0)

/* ---- data --------------------------------------------------------------- */

#define N 24
static double g_time[N], g_entry[N], g_weight[N], g_x[2 * N];
static int g_status[N], g_group[N], g_strata[N], g_cause[N];
static surv_result *g_km, *g_km2, *g_na, *g_lr3, *g_cox;
/* n large enough for the library's huge-page work arrays (4 MiB and up,
 * posix_memalign in lib/util.c) */
#define NBIG 600000
static double g_big_time[NBIG];
static int g_big_status[NBIG];

static void make_data(void) {
  int i;
  for (i = 0; i < NBIG; i++) {
    g_big_time[i] = 1 + (double)(i / 4);
    g_big_status[i] = i % 3 != 0;
  }
  for (i = 0; i < N; i++) {
    g_time[i] = 1 + (double)((i * 7) % 23) + 0.5 * (i % 3);
    g_entry[i] = (i % 4 == 0) ? 0.5 : 0;
    g_weight[i] = 1 + 0.25 * (i % 4);
    g_status[i] = (i % 5) != 1;
    g_group[i] = i % 3;
    g_strata[i] = i % 2;
    g_cause[i] = i % 5 == 1 ? 0 : 1 + (i % 2);
    g_x[2 * i] = (double)(i % 3);
    g_x[2 * i + 1] = 0.1 * (double)((i * 5) % 11);
  }
}

static surv_data base_data(void) {
  surv_data d = SURV_DATA_INIT;
  d.n = N;
  d.time = g_time;
  d.status = g_status;
  return d;
}

/* ---- the cases ---------------------------------------------------------- */

static int c_km(void) {
  surv_data d = base_data();
  surv_result *r = RSENT;
  int rc;
  d.weight = g_weight;
  d.strata = g_strata;
  rc = surv_km_fit(&d, 0, &r);
  UNTOUCHED_R(rc, r);
  return rc;
}

static int c_km_big(void) {
  surv_data d = SURV_DATA_INIT;
  surv_result *r = RSENT;
  int rc;
  d.n = NBIG;
  d.time = g_big_time;
  d.status = g_big_status;
  rc = surv_km_fit(&d, 0, &r);
  UNTOUCHED_R(rc, r);
  return rc;
}

static int c_km_entry(void) {
  surv_data d = base_data();
  surv_result *r = RSENT;
  int rc;
  d.entry = g_entry;
  rc = surv_km_fit(&d, 0, &r);
  UNTOUCHED_R(rc, r);
  return rc;
}

static int c_curve_ci(void) {
  double lo[2 * N], hi[2 * N];
  int rc;
  lo[0] = hi[0] = SENT;
  rc = surv_curve_ci(g_km, SURV_CI_LOGLOG, 0.9, lo, hi, 2 * N);
  UNTOUCHED_D(rc, lo[0]);
  UNTOUCHED_D(rc, hi[0]);
  return rc;
}

static int c_curve_at(void) {
  static const double at[3] = {2, 9, 40};
  double s[6], se[6], lo[6], hi[6], nr[6];
  int rc;
  s[0] = se[0] = lo[0] = hi[0] = nr[0] = SENT;
  rc = surv_curve_at(g_km, at, 3, SURV_CI_LOG, 0.95, s, se, lo, hi, nr, 6);
  UNTOUCHED_D(rc, s[0]);
  UNTOUCHED_D(rc, nr[0]);
  return rc;
}

static int c_curve_quantile(void) {
  static const double p[2] = {0.25, 0.5};
  double e[4], lo[4], hi[4];
  int rc;
  e[0] = lo[0] = hi[0] = SENT;
  rc = surv_curve_quantile(g_km, p, 2, SURV_CI_LOG, 0.95, e, lo, hi, 4);
  UNTOUCHED_D(rc, e[0]);
  UNTOUCHED_D(rc, lo[0]);
  return rc;
}

static int c_curve_rmst(void) {
  double m[2] = {SENT, SENT}, se[2], lo[2], hi[2];
  int rc = surv_curve_rmst(g_km, 15, 0.95, m, se, lo, hi, 2);
  UNTOUCHED_D(rc, m[0]);
  return rc;
}

static int c_curve_band(void) {
  surv_curve_band_options o = SURV_CURVE_BAND_OPTIONS_INIT;
  surv_result *r = RSENT;
  double k = SENT;
  int rc;
  o.method = SURV_CURVE_BAND_EP;
  o.type = SURV_CI_LOGLOG;
  rc = surv_curve_band(g_km, -HUGE_VAL, HUGE_VAL, &o, &r);
  UNTOUCHED_R(rc, r);
  if (rc == SURV_OK) /* allocates nothing: never fails */
    rc = surv_curve_band_critical(SURV_CURVE_BAND_HW, 0.1, 0.6, 0.95, &k);
  return rc;
}

static int c_curve_rmst_diff(void) {
  double df = SENT, se = SENT, lo = SENT, hi = SENT, p = SENT;
  int rc =
      surv_curve_rmst_diff(g_km, 0, g_km2, 0, 15, 0.95, &df, &se, &lo, &hi, &p);
  UNTOUCHED_D(rc, df);
  UNTOUCHED_D(rc, p);
  return rc;
}

static int c_km_followup(void) {
  surv_data d = base_data();
  double m = SENT, lo = SENT, hi = SENT;
  int rc = surv_km_followup(&d, 0, SURV_CI_LOGLOG, 0.95, &m, &lo, &hi);
  UNTOUCHED_D(rc, m);
  UNTOUCHED_D(rc, hi);
  return rc;
}

static int c_logrank(void) {
  surv_data d = base_data();
  surv_logrank_options o = SURV_LOGRANK_OPTIONS_INIT;
  surv_result *r = RSENT;
  int rc;
  d.group = g_group;
  d.strata = g_strata;
  o.rho = 1;
  rc = surv_logrank_test(&d, &o, &r);
  UNTOUCHED_R(rc, r);
  return rc;
}

static int c_logrank_entry(void) {
  surv_data d = base_data();
  surv_result *r = RSENT;
  int rc;
  d.group = g_group;
  d.entry = g_entry;
  rc = surv_logrank_test(&d, NULL, &r);
  UNTOUCHED_R(rc, r);
  return rc;
}

static int c_logrank_trend(void) {
  static const double sc[3] = {1, 2, 4};
  surv_test t = {SENT, SENT, SENT};
  double u = SENT, v = SENT;
  int rc = surv_logrank_trend(g_lr3, sc, 3, &t, &u, &v);
  UNTOUCHED_D(rc, t.p_value);
  UNTOUCHED_D(rc, u);
  return rc;
}

static int c_na(void) {
  surv_data d = base_data();
  surv_result *r = RSENT;
  int rc;
  d.weight = g_weight;
  rc = surv_na_fit(&d, SURV_NA_FH, &r);
  UNTOUCHED_R(rc, r);
  return rc;
}

static int c_na_ci(void) {
  double lo[N], hi[N];
  int rc;
  lo[0] = SENT;
  rc = surv_curve_ci(g_na, SURV_CI_LOG, 0.95, lo, hi, N);
  UNTOUCHED_D(rc, lo[0]);
  return rc;
}

static int c_cif(void) {
  surv_data d = base_data();
  surv_result *r = RSENT;
  int rc;
  d.status = g_cause;
  rc = surv_cif_fit(&d, 0, &r);
  UNTOUCHED_R(rc, r);
  return rc;
}

static int c_gray(void) {
  surv_data d = base_data();
  surv_test t = {SENT, SENT, SENT};
  int rc;
  d.status = g_cause;
  d.group = g_group;
  d.strata = g_strata;
  rc = surv_cif_gray(&d, NULL, &t);
  UNTOUCHED_D(rc, t.statistic);
  return rc;
}

static int c_concordance(void) {
  surv_data d = base_data();
  surv_concordance_options o = SURV_CONCORDANCE_OPTIONS_INIT;
  surv_result *r = RSENT;
  int rc;
  d.weight = g_weight;
  d.strata = g_strata;
  d.cluster = g_group;
  rc = surv_concordance_fit(&d, g_x + N / 2, &o, &r);
  UNTOUCHED_R(rc, r);
  return rc;
}

static surv_data cox_data(void) {
  surv_data d = base_data();
  d.x = g_x;
  d.p = 2;
  d.strata = g_strata;
  d.weight = g_weight;
  d.cluster = g_group;
  return d;
}

static int c_cox(void) {
  surv_data d = cox_data();
  surv_result *r = RSENT;
  int rc = surv_cox_fit(&d, NULL, &r);
  UNTOUCHED_R(rc, r);
  return rc;
}

static int c_cox_entry(void) {
  surv_data d = base_data();
  surv_cox_options o = SURV_COX_OPTIONS_INIT;
  surv_result *r = RSENT;
  int rc;
  d.x = g_x;
  d.p = 2;
  d.entry = g_entry;
  o.ties = SURV_TIES_BRESLOW;
  rc = surv_cox_fit(&d, &o, &r);
  UNTOUCHED_R(rc, r);
  return rc;
}

static int c_cox_survfit(void) {
  surv_result *r = RSENT;
  int rc = surv_cox_survfit(g_cox, g_x, NULL, &r);
  UNTOUCHED_R(rc, r);
  return rc;
}

static int c_cox_resid(void) {
  static const surv_cox_residual_type types[4] = {
      SURV_RESID_SCORE, SURV_RESID_DEVIANCE, SURV_RESID_SCALEDSCH,
      SURV_RESID_DFBETAS};
  surv_data d = cox_data();
  int k, rc = SURV_OK;
  for (k = 0; k < 4 && rc == SURV_OK; k++) {
    surv_result *r = RSENT;
    rc = surv_cox_residuals(g_cox, &d, types[k],
                            k == 1 ? SURV_COX_RESID_COLLAPSE : 0u, &r);
    UNTOUCHED_R(rc, r);
  }
  return rc;
}

static int c_cox_zph(void) {
  surv_data d = cox_data();
  surv_result *r = RSENT;
  int rc = surv_cox_zph(g_cox, &d, NULL, &r);
  UNTOUCHED_R(rc, r);
  return rc;
}

static int c_survreg(void) {
  surv_data d = base_data();
  surv_result *r = RSENT;
  int rc;
  d.x = g_x;
  d.p = 2;
  d.strata = g_strata;
  rc = surv_survreg_fit(&d, NULL, &r);
  UNTOUCHED_R(rc, r);
  return rc;
}

static int c_survreg_predict(void) {
  static const double qp[2] = {0.5, 0.9};
  surv_data d = base_data();
  surv_survreg_options o = SURV_SURVREG_OPTIONS_INIT;
  surv_result *fit = NULL;
  double f[2 * N], se[2 * N];
  int rc;
  d.x = g_x;
  d.p = 2;
  d.weight = g_weight;
  o.dist = SURV_SURVREG_LOGNORMAL;
  rc = surv_survreg_fit(&d, &o, &fit);
  if (rc != SURV_OK)
    return rc;
  f[0] = se[0] = SENT;
  rc = surv_survreg_predict(fit, &d, SURV_SURVREG_PRED_QUANTILE, qp, 2, f, se,
                            2 * N);
  UNTOUCHED_D(rc, f[0]);
  UNTOUCHED_D(rc, se[0]);
  surv_result_free(fit);
  return rc;
}

static int c_ipd(void) {
  /* Guyot: clicks on a curve (the page's example); exact: the corners of
   * 10 patients' steps, deaths at 1, 2, 3, censored at 1.5 and 4 */
  static const double ct[] = {0, 1, 2, 3}, cs[] = {1, 0.9, 0.8, 0.6};
  static const double et[] = {0, 1, 1, 2, 2, 3, 3, 5},
                      es[] = {1, 1, 0.9, 0.9, 0.7875, 0.7875, 0.675, 0.675};
  static const double rt[] = {0, 2.5}, nr[] = {10, 7}, marks[] = {1.5, 4};
  int route, rc = SURV_OK;
  for (route = 0; route < 2 && rc == SURV_OK; route++) {
    surv_ipd_options o = SURV_IPD_OPTIONS_INIT;
    surv_result *r = RSENT;
    if (route) {
      o.flags = SURV_IPD_EXACT;
      o.censor_t = marks;
      o.n_censor = 2;
      rc = surv_ipd_reconstruct(et, es, 8, rt, nr, 2, &o, &r);
    } else {
      rc = surv_ipd_reconstruct(ct, cs, 4, rt, nr, 2, &o, &r);
    }
    UNTOUCHED_R(rc, r);
  }
  return rc;
}

/* Count tables: two shards (entry, weights, strata for KM; groups for
 * log-rank; weights for NA), bytes and back, merge, fit. */
static int counts_case(unsigned what) {
  surv_data d = base_data();
  surv_counts *a = NULL, *b = NULL, *back = NULL;
  surv_result *r = RSENT;
  unsigned char *buf = NULL;
  size_t len = 0;
  int rc;
  if (what == 0) {
    d.entry = g_entry;
    d.weight = g_weight;
    d.strata = g_strata;
  } else if (what == 1)
    d.group = g_group;
  else if (what == 2)
    d.weight = g_weight;
  else
    d.status = g_cause;
  rc = surv_counts_new(&a);
  if (rc == SURV_OK)
    rc = surv_counts_new(&b);
  d.n = N / 2;
  if (rc == SURV_OK)
    rc = surv_counts_add(a, &d);
  d.time += N / 2;
  d.status += N / 2;
  d.entry = d.entry ? d.entry + N / 2 : NULL;
  d.weight = d.weight ? d.weight + N / 2 : NULL;
  d.strata = d.strata ? d.strata + N / 2 : NULL;
  d.group = d.group ? d.group + N / 2 : NULL;
  if (rc == SURV_OK)
    rc = surv_counts_add(b, &d);
  if (rc == SURV_OK)
    rc = surv_counts_size(b, &len);
  if (rc == SURV_OK && (buf = malloc(len)) == NULL)
    rc = SURV_ENOMEM;
  if (rc == SURV_OK)
    rc = surv_counts_write(b, buf, len);
  if (rc == SURV_OK)
    rc = surv_counts_read(buf, len, &back);
  if (rc == SURV_OK)
    rc = surv_counts_merge(a, back);
  if (rc == SURV_OK && what == 0) {
    static const int swap[2] = {1, 0};
    rc = surv_counts_relabel(a, SURV_COUNTS_STRATA, swap, 2);
  }
  if (rc == SURV_OK) {
    if (what == 0)
      rc = surv_counts_km_fit(a, 0, &r);
    else if (what == 1)
      rc = surv_counts_logrank_test(a, NULL, &r);
    else if (what == 2)
      rc = surv_counts_na_fit(a, SURV_NA_FH, &r);
    else
      rc = surv_counts_cif_fit(a, 0, &r);
    UNTOUCHED_R(rc, r);
  }
  free(buf);
  surv_counts_free(a);
  surv_counts_free(b);
  surv_counts_free(back);
  return rc;
}
static int c_counts_km(void) { return counts_case(0); }
static int c_counts_logrank(void) { return counts_case(1); }
static int c_counts_na(void) { return counts_case(2); }
static int c_counts_cif(void) { return counts_case(3); }

static int c_fisher_2x2(void) {
  surv_fisher_options o = SURV_FISHER_OPTIONS_INIT;
  surv_test t = {SENT, SENT, SENT};
  double est = SENT, lo = SENT, hi = SENT, so = SENT;
  int rc = surv_fisher_2x2(120, 50, 70, 90, &o, &t, &est, &lo, &hi, &so);
  UNTOUCHED_D(rc, t.p_value);
  UNTOUCHED_D(rc, est);
  return rc;
}

static int c_mh(void) {
  /* a 2 x 2 x 3 table with the exact test (the convolution's buffers and
   * every stratum's support), then a 3 x 2 x 2 table */
  static const long t2[12] = {0, 6, 0, 5, 3, 3, 0, 6, 6, 0, 2, 4};
  static const long t3[12] = {3, 1, 4, 2, 1, 5, 2, 6, 5, 3, 1, 2};
  surv_mh_options o = SURV_MH_OPTIONS_INIT;
  surv_result *r = RSENT;
  int rc;
  o.flags = SURV_MH_EXACT;
  rc = surv_mh_test(t2, 2, 2, 3, &o, &r);
  UNTOUCHED_R(rc, r);
  if (rc == SURV_OK) {
    r = RSENT;
    rc = surv_mh_test(t3, 3, 2, 2, NULL, &r);
    UNTOUCHED_R(rc, r);
  }
  return rc;
}

static int c_fisher_rxc(void) {
  static const long x[12] = {3, 1, 4, 2, 1, 5, 2, 6, 5, 3, 1, 2};
  static const long two[12] = {3, 1, 4, 2, 1, 5, 2, 6, 5, 3, 1, 2};
  static const long c22[6] = {30, 0, 20, 10, 0, 40};
  double p = SENT, q = SENT, r = SENT;
  int rc = surv_fisher_rxc(x, 3, 4, 0, &p);
  UNTOUCHED_D(rc, p);
  if (rc == SURV_OK) {
    rc = surv_fisher_rxc_limit(two, 2, 6, 0, 60, &q); /* two key rows */
    UNTOUCHED_D(rc, q);
  }
  if (rc == SURV_OK) {
    rc = surv_fisher_rxc_limit(c22, 2, 3, 0, 60, &r); /* collapses to 2 x 2 */
    UNTOUCHED_D(rc, r);
  }
  return rc;
}

static int c_fisher_mc(void) {
  static const long x[12] = {3, 1, 4, 2, 1, 5, 2, 6, 5, 3, 1, 2};
  double p = SENT, se = SENT;
  int rc = surv_fisher_rxc_mc(x, 3, 4, 50, 42, &p, &se);
  UNTOUCHED_D(rc, p);
  UNTOUCHED_D(rc, se);
  return rc;
}

static int c_chisq_g(void) {
  static const long x[12] = {3, 1, 4, 2, 1, 5, 2, 6, 5, 3, 1, 2};
  double e[12];
  surv_test t = {SENT, SENT, SENT}, g = {SENT, SENT, SENT};
  int rc;
  e[0] = SENT;
  rc = surv_chisq_test(x, 3, 4, 0, e, &t);
  UNTOUCHED_D(rc, t.statistic);
  UNTOUCHED_D(rc, e[0]);
  if (rc == SURV_OK) {
    rc = surv_gtest(x, 3, 4, SURV_GTEST_WILLIAMS, &g);
    UNTOUCHED_D(rc, g.statistic);
  }
  return rc;
}

static int c_prop(void) {
  int m, rc = SURV_OK;
  for (m = 0; m <= (int)SURV_PROP_BLAKER && rc == SURV_OK; m++) {
    double lo = SENT, hi = SENT;
    rc = surv_prop_ci(18, 38, (surv_prop_method)m, 0.95, &lo, &hi);
    UNTOUCHED_D(rc, lo);
  }
  for (m = 0; m < 3 && rc == SURV_OK; m++) {
    surv_test t = {SENT, SENT, SENT};
    rc = surv_binom_test(18, 38, 0.3, (surv_alternative)m, &t);
    UNTOUCHED_D(rc, t.p_value);
  }
  return rc;
}

/* Power: the exact tests allocate (binomial pmfs, the hypergeometric
 * support of every total); the closed forms allocate nothing. */
static int c_power(void) {
  surv_power_options o = SURV_POWER_OPTIONS_INIT;
  double v = SENT, n2 = SENT, e = SENT, pe = SENT;
  int rc;
  o.method = SURV_POWER_EXACT;
  rc = surv_power_prop(0.2, 0.6, 6, &o, &v);
  UNTOUCHED_D(rc, v);
  if (rc == SURV_OK) {
    v = SENT;
    rc = surv_power_prop_n(0.1, 0.9, 0.8, &o, &v, &n2);
    UNTOUCHED_D(rc, v);
  }
  if (rc == SURV_OK) {
    v = SENT;
    rc = surv_power_binom(0.5, 0.8, 12, &o, &v);
    UNTOUCHED_D(rc, v);
  }
  if (rc == SURV_OK) {
    v = SENT;
    rc = surv_power_binom_n(0.5, 0.9, 0.8, &o, &v);
    UNTOUCHED_D(rc, v);
  }
  if (rc == SURV_OK) {
    o = (surv_power_options)SURV_POWER_OPTIONS_INIT;
    o.accrual = 2;
    o.follow_up = 1;
    o.flags = SURV_POWER_STRICT;
    v = SENT;
    rc = surv_power_logrank_n(0.7, 0.3, 0.8, &o, &v, &e, &pe);
    UNTOUCHED_D(rc, v);
  }
  if (rc == SURV_OK) {
    o.method = SURV_POWER_LACHIN_FOULKES;
    o.dropout = 0.1;
    v = SENT;
    rc = surv_power_logrank_n(0.7, 0.3, 0.8, &o, &v, &e, &pe);
    UNTOUCHED_D(rc, v);
  }
  if (rc == SURV_OK) {
    o.flags = SURV_POWER_LOG_HAZARD;
    v = SENT;
    rc = surv_power_logrank_total(0.7, 0.3, 250, &o, &v, &e);
    UNTOUCHED_D(rc, v);
  }
  if (rc == SURV_OK) {
    v = SENT;
    rc = surv_power_logrank(0.7, 100, NULL, &v);
    UNTOUCHED_D(rc, v);
  }
  if (rc == SURV_OK) {
    v = SENT;
    rc = surv_power_logrank_events(0.7, 0.8, NULL, &v);
    UNTOUCHED_D(rc, v);
  }
  if (rc == SURV_OK) {
    v = SENT;
    rc = surv_power_prop(0.2, 0.6, 30, NULL, &v);
    UNTOUCHED_D(rc, v);
  }
  return rc;
}

/* The result accessors and error strings allocate nothing; driven too. */
static int c_accessors(void) {
  size_t len = 0;
  double v = SENT;
  surv_test t;
  const double *col = surv_result_column(g_km, SURV_COL_SURV, &len);
  int rc = col && len > 0 ? SURV_OK : SURV_EINVAL;
  surv_result_stat(g_cox, SURV_STAT_N, &v);
  surv_result_test(g_cox, SURV_TEST_LR, &t);
  if (surv_strerror(SURV_ENOMEM) == NULL || surv_errname(SURV_ENOMEM) == NULL ||
      surv_version() == NULL)
    rc = SURV_EINVAL;
  return rc;
}

START_TEST(test_every_entry_point) {
  static const struct {
    const char *name;
    int (*fn)(void);
  } cases[] = {{"surv_km_fit", c_km},
               {"surv_km_fit (entry)", c_km_entry},
               {"surv_km_fit (large arrays)", c_km_big},
               {"surv_curve_ci", c_curve_ci},
               {"surv_curve_at", c_curve_at},
               {"surv_curve_quantile", c_curve_quantile},
               {"surv_curve_rmst", c_curve_rmst},
               {"surv_curve_rmst_diff", c_curve_rmst_diff},
               {"surv_curve_band, surv_curve_band_critical", c_curve_band},
               {"surv_km_followup", c_km_followup},
               {"surv_logrank_test", c_logrank},
               {"surv_logrank_test (entry)", c_logrank_entry},
               {"surv_logrank_trend", c_logrank_trend},
               {"surv_na_fit", c_na},
               {"surv_curve_ci (Nelson-Aalen)", c_na_ci},
               {"surv_cif_fit", c_cif},
               {"surv_cif_gray", c_gray},
               {"surv_concordance_fit", c_concordance},
               {"surv_cox_fit", c_cox},
               {"surv_cox_fit (entry, Breslow)", c_cox_entry},
               {"surv_cox_survfit", c_cox_survfit},
               {"surv_cox_residuals", c_cox_resid},
               {"surv_cox_zph", c_cox_zph},
               {"surv_survreg_fit", c_survreg},
               {"surv_survreg_predict", c_survreg_predict},
               {"surv_ipd_reconstruct", c_ipd},
               {"surv_counts_* (Kaplan-Meier)", c_counts_km},
               {"surv_counts_* (log-rank)", c_counts_logrank},
               {"surv_counts_* (Nelson-Aalen)", c_counts_na},
               {"surv_counts_* (cumulative incidence)", c_counts_cif},
               {"surv_fisher_2x2", c_fisher_2x2},
               {"surv_fisher_rxc", c_fisher_rxc},
               {"surv_mh_test", c_mh},
               {"surv_fisher_rxc_mc", c_fisher_mc},
               {"surv_chisq_test, surv_gtest", c_chisq_g},
               {"surv_prop_ci, surv_binom_test", c_prop},
               {"surv_power_*", c_power},
               {"accessors", c_accessors}};
  size_t i;
  surv_data d = base_data();
  surv_logrank_options lo = SURV_LOGRANK_OPTIONS_INIT;
  make_data();
  d = base_data();
  d.strata = g_strata;
  ck_assert_int_eq(surv_km_fit(&d, 0, &g_km), SURV_OK);
  d.strata = NULL;
  d.weight = g_weight;
  ck_assert_int_eq(surv_km_fit(&d, 0, &g_km2), SURV_OK);
  ck_assert_int_eq(surv_na_fit(&d, 0, &g_na), SURV_OK);
  d.weight = NULL;
  d.group = g_group;
  ck_assert_int_eq(surv_logrank_test(&d, &lo, &g_lr3), SURV_OK);
  d = cox_data();
  ck_assert_int_eq(surv_cox_fit(&d, NULL, &g_cox), SURV_OK);
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    drive(cases[i].name, cases[i].fn);
  surv_result_free(g_km);
  surv_result_free(g_km2);
  surv_result_free(g_na);
  surv_result_free(g_lr3);
  surv_result_free(g_cox);
}
END_TEST

/* The interposition itself works: a failing allocation is seen. */
START_TEST(test_interposed) {
  surv_data d;
  surv_result *r = RSENT;
  int rc;
  make_data();
  d = base_data();
  g_seen = 0;
  g_fail_at = 1;
  g_injected = 0;
  g_armed = 1;
  rc = surv_km_fit(&d, 0, &r);
  g_armed = 0;
  ck_assert_msg(g_injected, "the library's malloc is not the test's");
  ck_assert_int_eq(rc, SURV_ENOMEM);
  ck_assert(r == RSENT);
}
END_TEST

/* 1 when the program's malloc is the one called (fails when armed). */
static int interposition_works(void) {
  void *(*volatile m)(size_t) = malloc;
  void *p;
  g_seen = 0;
  g_fail_at = 1;
  g_injected = 0;
  g_armed = 1;
  p = m(16);
  g_armed = 0;
  if (p != NULL) {
    free(p);
    g_live++; /* allocated while armed, freed after */
  }
  return g_injected;
}

/* A tool that replaces malloc in the executable itself: valgrind does
 * unless run with --soname-synonyms=somalloc=nouserintercepts (then this
 * test runs under it and valgrind sees every block). */
static const char *malloc_replaced_by(void) {
  const char *pre = getenv("LD_PRELOAD");
  if (pre && strstr(pre, "vgpreload"))
    return "valgrind (run it with --soname-synonyms=somalloc=nouserintercepts)";
#if defined(__SANITIZE_ADDRESS__)
  return "AddressSanitizer";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return "AddressSanitizer";
#endif
#endif
  return NULL;
}

int main(void) {
  Suite *s;
  TCase *tc;
  if (!interposition_works()) {
    const char *tool = malloc_replaced_by();
    if (tool) {
      printf("check_oom: SKIP: %s replaces malloc in the program, so "
             "allocation failures cannot be injected\n",
             tool);
      return 77;
    }
    printf("check_oom: the program's malloc is not called\n");
    return 1;
  }
  s = suite_create("oom");
  tc = tcase_create("oom");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_interposed);
  tcase_add_test(tc, test_every_entry_point);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
