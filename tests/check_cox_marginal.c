/* The exact marginal likelihood kernel (lib/cox_marginal.c) against the sum
 * over every ordering of the tied events (with its exact derivatives) for
 * d = 2..7, against the closed form for equal scores (d up to 500), against
 * the one-event (Breslow = Efron = discrete) terms, and its error paths.
 * Built with lib/cox_marginal.c itself: surv__ helpers are hidden. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cox_marginal.h"
#include "surv_internal.h"
#include "testutil.h"

#define P 2
#define MAXD 7
#define MAXO 9

/* Sum over the orderings of the d tied events of
 * prod_k r_(k) / (sc + sum_{l >= k} r_(l)), with d log and d^2 log of each
 * term: each ordering's log term is sum_k eta_(k) - log D_k with D_k the
 * score sum still at risk, so its derivatives are sums of Cox moments. */
static void brute(size_t d, const double *r, const double *x, double sc,
                  const double *s1c, const double *s2c, double *ll, double *u,
                  double *im) {
  size_t perm[MAXD], c[MAXD] = {0};
  double tot = 0, g1[P] = {0}, g2[P * P] = {0};
  for (size_t j = 0; j < d; j++)
    perm[j] = j;
  size_t i = 0;
  int first = 1;
  for (;;) {
    if (!first) { /* Heap's algorithm: next permutation */
      while (i < d && c[i] >= i) {
        c[i] = 0;
        i++;
      }
      if (i >= d)
        break;
      size_t k = (i % 2 == 0) ? 0 : c[i];
      size_t t = perm[k];
      perm[k] = perm[i];
      perm[i] = t;
      c[i]++;
      i = 0;
    }
    first = 0;
    double lt = 0, g[P] = {0}, h[P * P] = {0};
    for (size_t k = 0; k < d; k++) {
      double dk = sc, d1[P], d2[P * P];
      for (size_t a = 0; a < P; a++) {
        d1[a] = s1c[a];
        for (size_t b = 0; b < P; b++)
          d2[a * P + b] = s2c[a * P + b];
      }
      for (size_t l = k; l < d; l++) {
        size_t j = perm[l];
        dk += r[j];
        for (size_t a = 0; a < P; a++) {
          d1[a] += r[j] * x[j * P + a];
          for (size_t b = 0; b < P; b++)
            d2[a * P + b] += r[j] * x[j * P + a] * x[j * P + b];
        }
      }
      size_t j = perm[k];
      lt += log(r[j]) - log(dk);
      for (size_t a = 0; a < P; a++) {
        g[a] += x[j * P + a] - d1[a] / dk;
        for (size_t b = 0; b < P; b++)
          h[a * P + b] -= d2[a * P + b] / dk - d1[a] * d1[b] / (dk * dk);
      }
    }
    double w = exp(lt);
    tot += w;
    for (size_t a = 0; a < P; a++) {
      g1[a] += w * g[a];
      for (size_t b = 0; b < P; b++)
        g2[a * P + b] += w * (h[a * P + b] + g[a] * g[b]);
    }
  }
  *ll = log(tot);
  for (size_t a = 0; a < P; a++)
    u[a] = g1[a] / tot;
  for (size_t a = 0; a < P; a++)
    for (size_t b = 0; b < P; b++)
      im[a * P + b] = -(g2[a * P + b] / tot - u[a] * u[b]);
}

static double unif(unsigned *s) {
  *s = *s * 1103515245u + 12345u;
  return ((*s >> 8) & 0xffffff) / 16777216.0;
}

/* loop: case index; varies d, the spread of the scores and the others */
START_TEST(test_vs_orderings) {
  unsigned seed = 777u + 31u * (unsigned)_i;
  size_t d = 2 + (size_t)_i % (MAXD - 1);
  double spread = _i < 12 ? 1.0 : (_i < 24 ? 4.0 : 12.0);
  double x[MAXD * P], r[MAXD], beta[P] = {0.7, -0.4};
  double sc = 0, s1c[P] = {0}, s2c[P * P] = {0};
  size_t no = 1 + (size_t)(unif(&seed) * MAXO);
  for (size_t j = 0; j < d; j++) {
    double eta = 0;
    for (size_t a = 0; a < P; a++) {
      x[j * P + a] = spread * (unif(&seed) - 0.5);
      eta += beta[a] * x[j * P + a];
    }
    r[j] = exp(eta);
  }
  for (size_t k = 0; k < no; k++) {
    double xo[P], eta = 0;
    for (size_t a = 0; a < P; a++) {
      xo[a] = spread * (unif(&seed) - 0.5);
      eta += beta[a] * xo[a];
    }
    double rk = exp(eta);
    sc += rk;
    for (size_t a = 0; a < P; a++) {
      s1c[a] += rk * xo[a];
      for (size_t b = 0; b < P; b++)
        s2c[a * P + b] += rk * xo[a] * xo[b];
    }
  }
  double ll0, u0[P], im0[P * P];
  brute(d, r, x, sc, s1c, s2c, &ll0, u0, im0);
  double ll = 1.5, u[P] = {0.25, -0.5}, im[P * P] = {1, 2, 3, 4};
  ck_assert_int_eq(surv__cox_marginal_add(d, P, r, x, sc, s1c, s2c, &ll, u, im),
                   SURV_OK);
  char ctx[96];
  snprintf(ctx, sizeof ctx, "d %zu spread %g others %zu", d, spread, no);
  TU_ASSERT_REL(ll - 1.5, ll0, 1e-12, ctx);
  double scale = fabs(im0[0]) + fabs(im0[3]);
  for (size_t a = 0; a < P; a++) {
    ck_assert_msg(fabs((u[a] - (a ? -0.5 : 0.25)) - u0[a]) <=
                      1e-12 * (fabs(u0[a]) + sqrt(scale)),
                  "%s: u[%zu] %.17g vs %.17g", ctx, a, u[a], u0[a]);
    static const double im_init[P * P] = {1, 2, 3, 4};
    for (size_t b = 0; b < P; b++)
      ck_assert_msg(fabs((im[a * P + b] - im_init[a * P + b]) -
                         im0[a * P + b]) <= 1e-12 * scale,
                    "%s: imat[%zu][%zu] %.17g vs %.17g", ctx, a, b,
                    im[a * P + b] - im_init[a * P + b], im0[a * P + b]);
  }
}
END_TEST

/* Equal scores: P = d! prod_{i=1..d} r / (sc + i r), and the derivatives
 * are those of that product (x the same for all tied events). */
START_TEST(test_equal_scores) {
  static const size_t ds[] = {2, 3, 10, 40, 100, 500};
  size_t d = ds[_i % 6];
  double beta = _i < 6 ? 0.3 : -1.1, x0 = 0.8;
  double xo[5] = {-1, 0.5, 2, 0, 1.3};
  double sc = 0, s1 = 0, s2 = 0;
  for (int k = 0; k < 5; k++) {
    double rk = exp(beta * xo[k]) * (_i < 6 ? 1.0 : 40.0);
    sc += rk;
    s1 += rk * xo[k];
    s2 += rk * xo[k] * xo[k];
  }
  double r0 = exp(beta * x0);
  double *r = malloc(d * sizeof *r), *x = malloc(d * sizeof *x);
  for (size_t j = 0; j < d; j++) {
    r[j] = r0;
    x[j] = x0;
  }
  double ll0 = lgamma((double)d + 1), u0 = 0, i0 = 0;
  for (size_t i = 1; i <= d; i++) {
    double D = sc + (double)i * r0, D1 = s1 + (double)i * r0 * x0,
           D2 = s2 + (double)i * r0 * x0 * x0;
    ll0 += log(r0) - log(D);
    u0 += x0 - D1 / D;
    i0 += D2 / D - (D1 / D) * (D1 / D);
  }
  double ll = 0, u = 0, im = 0;
  ck_assert_int_eq(
      surv__cox_marginal_add(d, 1, r, x, sc, &s1, &s2, &ll, &u, &im), SURV_OK);
  char ctx[64];
  snprintf(ctx, sizeof ctx, "equal scores d %zu", d);
  TU_ASSERT_REL(ll, ll0, 1e-12, ctx);
  TU_ASSERT_REL(u, u0, 1e-11, ctx);
  TU_ASSERT_REL(im, i0, 1e-11, ctx);
  free(r);
  free(x);
}
END_TEST

/* One event: r / (sc + r), the term of Breslow, Efron and the discrete
 * likelihood alike; sc = 0: P = 1. */
START_TEST(test_one_event) {
  double x[2] = {0.5, -1}, r = exp(0.2 * 0.5 + 0.1 * -1);
  double sc = 3.7, s1[2] = {1.1, -0.4}, s2[4] = {2, 0.3, 0.3, 1.5};
  double ll = 0, u[2] = {0, 0}, im[4] = {0, 0, 0, 0};
  ck_assert_int_eq(surv__cox_marginal_add(1, 2, &r, x, sc, s1, s2, &ll, u, im),
                   SURV_OK);
  double S = sc + r, m0 = (s1[0] + r * x[0]) / S, m1 = (s1[1] + r * x[1]) / S;
  TU_ASSERT_REL(ll, log(r) - log(S), 1e-15, "one event loglik");
  TU_ASSERT_REL(u[0], x[0] - m0, 1e-14, "one event u0");
  TU_ASSERT_REL(u[1], x[1] - m1, 1e-14, "one event u1");
  TU_ASSERT_REL(im[0], (s2[0] + r * x[0] * x[0]) / S - m0 * m0, 1e-14, "i00");
  TU_ASSERT_REL(im[1], (s2[1] + r * x[0] * x[1]) / S - m0 * m1, 1e-14, "i01");
  TU_ASSERT_REL(im[3], (s2[3] + r * x[1] * x[1]) / S - m1 * m1, 1e-14, "i11");
  double r3[3] = {1, 2, 3}, x3[6] = {0};
  ll = 0.5;
  ck_assert_int_eq(surv__cox_marginal_add(3, 2, r3, x3, 0, s1, s2, &ll, u, im),
                   SURV_OK);
  ck_assert_double_eq(ll, 0.5);
  /* loglik only */
  ll = 0;
  ck_assert_int_eq(
      surv__cox_marginal_add(3, 2, r3, NULL, 2.0, NULL, NULL, &ll, NULL, NULL),
      SURV_OK);
  double llb, ub[2], ib[4], s0[2] = {0, 0}, s00[4] = {0, 0, 0, 0};
  brute(3, r3, x3, 2.0, s0, s00, &llb, ub, ib);
  TU_ASSERT_REL(ll, llb, 1e-12, "loglik only");
}
END_TEST

START_TEST(test_errors) {
  double r[2] = {1, 2}, x[4] = {0, 0, 0, 0}, s1[2] = {0, 0}, s2[4] = {0};
  double ll = 7, u[2] = {7, 7}, im[4] = {7, 7, 7, 7};
  ck_assert_int_eq(surv__cox_marginal_add(0, 2, r, x, 1, s1, s2, &ll, u, im),
                   SURV_EINVAL);
  r[1] = 0;
  ck_assert_int_eq(surv__cox_marginal_add(2, 2, r, x, 1, s1, s2, &ll, u, im),
                   SURV_EINVAL);
  r[1] = NAN;
  ck_assert_int_eq(surv__cox_marginal_add(2, 2, r, x, 1, s1, s2, &ll, u, im),
                   SURV_EINVAL);
  r[1] = 2;
  ck_assert_int_eq(surv__cox_marginal_add(2, 2, r, x, -1, s1, s2, &ll, u, im),
                   SURV_EINVAL);
  ck_assert_int_eq(
      surv__cox_marginal_add(2, 2, r, x, INFINITY, s1, s2, &ll, u, im),
      SURV_EINVAL);
  ck_assert_int_eq(surv__cox_marginal_add(2, 2, r, x, 1, NULL, s2, &ll, u, im),
                   SURV_EINVAL);
  ck_assert_int_eq(surv__cox_marginal_add(2, 2, r, x, 1, s1, NULL, &ll, u, im),
                   SURV_EINVAL);
  ck_assert_double_eq(ll, 7);
  ck_assert_double_eq(u[0], 7);
  ck_assert_double_eq(im[3], 7);
}
END_TEST

int main(void) {
  Suite *s = suite_create("cox_marginal");
  TCase *tc = tcase_create("core");
  tcase_add_loop_test(tc, test_vs_orderings, 0, 36);
  tcase_add_loop_test(tc, test_equal_scores, 0, 12);
  tcase_add_test(tc, test_one_event);
  tcase_add_test(tc, test_errors);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
