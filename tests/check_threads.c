/* Thread safety: 8 threads at once, 50 iterations each, run a KM fit with
 * CIs, surv_km_at and quantiles, Fisher 2x2 and r x c (exact and Monte
 * Carlo with a fixed seed), chi-square, G, every proportion CI method and the
 * binomial test; every result must equal the serial result bit for bit.
 * The static side of "no global mutable state" is tests/check-hygiene.sh
 * (nm on lib objects: no data/bss symbols, no TLS; grep for initialised
 * non-const static locals and for non-reentrant libc calls). This test is the
 * dynamic side; it also runs under helgrind/TSan if the build asks for it. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>
#include <surv/km.h>
#include <surv/prop.h>
#include <surv/rxc.h>
#include <surv/tables.h>

#include "robust-util.h"
#include "testutil.h"

#define NTHREADS 8
#define NITER 50
#define NSUBJ 2000
#define MAXROWS 256

typedef struct results {
  int rc[16];
  size_t km_size;
  double km[7][MAXROWS];
  double ci[5][2][MAXROWS];
  double at[5][6];
  double q[3][3];
  double f22[3][5];
  double rxc[3];
  double chisq[2][3 + 12];
  double g[2][3];
  double prop[11][2];
  double binom[3];
} results;

static double g_time[NSUBJ];
static int g_status[NSUBJ];
static double g_weight[NSUBJ];

static void compute(results *r) {
  int m;
  memset(r, 0, sizeof *r);
#ifdef HAVE_SURV_KM_FIT
  {
    surv_km *km = NULL;
    static const double p[3] = {0.25, 0.5, 0.75};
    static const double at[6] = {0, 3.5, 10, 50, 149, 1000};
    int type;
    size_t k, j;
    r->rc[0] = surv_km_fit(g_time, g_status, g_weight, NSUBJ, 0, &km);
    if (r->rc[0] == SURV_OK) {
      const double *cols[7];
      k = surv_km_size(km);
      r->km_size = k;
      if (k > MAXROWS)
        k = MAXROWS;
      cols[0] = surv_km_time(km);
      cols[1] = surv_km_n_risk(km);
      cols[2] = surv_km_n_event(km);
      cols[3] = surv_km_n_censor(km);
      cols[4] = surv_km_surv(km);
      cols[5] = surv_km_std_err(km);
      cols[6] = surv_km_std_err_log(km);
      for (j = 0; j < 7; j++)
        memcpy(r->km[j], cols[j], k * sizeof(double));
      for (type = 0; type < 5; type++)
        r->rc[1] |=
            surv_km_ci(km, type, 0.9, r->ci[type][0], r->ci[type][1], MAXROWS);
      r->rc[2] = surv_km_at(km, at, 6, SURV_CI_LOGLOG, 0.95, r->at[0], r->at[1],
                            r->at[2], r->at[3], r->at[4]);
      r->rc[3] = surv_km_quantile(km, p, 3, SURV_CI_LOG, 0.95, r->q[0], r->q[1],
                                  r->q[2]);
      surv_km_free(km);
    }
  }
#endif
#ifdef HAVE_SURV_FISHER_2X2
  for (m = 0; m < 3; m++)
    r->rc[4] |=
        surv_fisher_2x2(12, 5, 7, 9, m, 0.95, &r->f22[m][0], &r->f22[m][1],
                        &r->f22[m][2], &r->f22[m][3], &r->f22[m][4]);
#endif
  {
    static const long rc3[12] = {3, 1, 4, 2, 1, 5, 2, 6, 5, 3, 1, 2};
#ifdef HAVE_SURV_FISHER_RXC
    r->rc[5] = surv_fisher_rxc(rc3, 3, 4, 0, &r->rxc[0]);
#endif
#ifdef HAVE_SURV_FISHER_RXC_MC
    r->rc[6] = surv_fisher_rxc_mc(rc3, 3, 4, 2000, 42, &r->rxc[1], &r->rxc[2]);
#endif
#ifdef HAVE_SURV_CHISQ_TEST
    for (m = 0; m < 2; m++)
      r->rc[7] |=
          surv_chisq_test(rc3, 3, 4, m, &r->chisq[m][0], &r->chisq[m][1],
                          &r->chisq[m][2], &r->chisq[m][3], NULL);
#endif
#ifdef HAVE_SURV_GTEST
    for (m = 0; m < 2; m++)
      r->rc[8] |=
          surv_gtest(rc3, 3, 4, m, &r->g[m][0], &r->g[m][1], &r->g[m][2]);
#endif
    (void)rc3;
  }
#ifdef HAVE_SURV_PROP_CI
  for (m = 0; m < 11; m++)
    r->rc[9] |= surv_prop_ci(18, 38, m, 0.95, &r->prop[m][0], &r->prop[m][1]);
#endif
#ifdef HAVE_SURV_BINOM_TEST
  for (m = 0; m < 3; m++)
    r->rc[10] |= surv_binom_test(18, 38, 0.3, m, &r->binom[m]);
#endif
  (void)m;
}

static results g_serial;

typedef struct worker {
  pthread_t id;
  int mismatches;
} worker;

static void *work(void *arg) {
  worker *w = arg;
  results *r = malloc(sizeof *r);
  int i;
  if (!r) {
    w->mismatches = -1;
    return NULL;
  }
  for (i = 0; i < NITER; i++) {
    compute(r);
    if (memcmp(r, &g_serial, sizeof *r) != 0)
      w->mismatches++;
  }
  free(r);
  return NULL;
}

START_TEST(test_parallel_equals_serial) {
  worker w[NTHREADS];
  size_t i;
  uint64_t seed = 99;
  ru_surv_data(5, NSUBJ, 150, g_time, g_status);
  for (i = 0; i < NSUBJ; i++)
    g_weight[i] = (double)(1 + ru_below(&seed, 4)) / 2.0;
  compute(&g_serial);
  for (i = 0; i < 16; i++)
    ck_assert_msg(g_serial.rc[i] == 0, "serial call %zu failed: %s", i,
                  surv_strerror(g_serial.rc[i]));
  memset(w, 0, sizeof w);
  for (i = 0; i < NTHREADS; i++)
    ck_assert_int_eq(pthread_create(&w[i].id, NULL, work, &w[i]), 0);
  for (i = 0; i < NTHREADS; i++)
    ck_assert_int_eq(pthread_join(w[i].id, NULL), 0);
  for (i = 0; i < NTHREADS; i++)
    ck_assert_msg(w[i].mismatches == 0,
                  "thread %zu: %d of %d results differ from the serial run", i,
                  w[i].mismatches, NITER);
}
END_TEST

int main(void) {
  Suite *s = suite_create("threads");
  TCase *tc = tcase_create("threads");
  tcase_set_timeout(tc, 600);
  tcase_add_test(tc, test_parallel_equals_serial);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
