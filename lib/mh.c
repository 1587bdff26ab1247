/* Stratified contingency tables: the Cochran-Mantel-Haenszel family.
 *
 * R's mantelhaen.test (src/library/stats/R/mantelhaen.test.R), whose checks
 * we keep: every dimension >= 2, every stratum total >= 2 (R stops with
 * "sample size in each stratum must be > 1"; we return SURV_ETABLE).
 *
 * 2 x 2 x K, stratum k = [[a, b], [c, d]], n = a + b + c + d, row sums
 * r1 = a + b, r2, column sums c1 = a + c, c2:
 *   DELTA = sum (a - r1 c1 / n), V = sum r1 r2 c1 c2 / (n^2 (n - 1)),
 *   X^2 = (|DELTA| - Y)^2 / V with Y = 0.5 when corrected and |DELTA| >=
 *   0.5, else 0 (R's rule); two-sided p the chi-square(1) tail, one-sided
 *   p = Phi(z) (less) or 1 - Phi(z) (greater) with z = sign(DELTA) sqrt(X^2).
 *   The Mantel-Haenszel odds ratio R = sum(ad/n) / sum(bc/n) with the
 *   Robins-Breslow-Greenland variance of log R (Robins, Breslow and
 *   Greenland, Biometrics 1986; 42:311-323), written as R writes it, and
 *   limits R exp(-+ z sd) (one-sided: one limit at the level, the other 0 or
 *   Inf). Where R's arithmetic gives NaN or Inf (a zero denominator) the
 *   same IEEE arithmetic gives the same here.
 *
 * Exact conditional test (R's exact = TRUE): given every margin, S = sum a
 * is the sum of K independent hypergeometrics; its null distribution is the
 * convolution of theirs. Each stratum's log f is built by the ratio
 * recurrence of surv__hyper2_init (lib/numerics.c); the convolution is done
 * in log space, each output a log-sum-exp over its terms scaled by their
 * maximum, so that far tails keep their relative precision where R's linear
 * convolution (C_d2x2xk in src/library/stats/src/d2x2xk.c) underflows to
 * zero. The p-values (R's rule for two-sided: sum of d <= d(S) (1 + 1e-7)),
 * the conditional MLE of the common odds ratio and its exact limits are
 * those of Fisher's 2 x 2 test on this support (surv__hyper2_p, _cmle and
 * _ci: the convolution of log-concave sequences is log-concave, which they
 * need). Unlike R (uniroot on psi, tolerance ~1.2e-4) the roots are solved
 * to ~1e-14 in log psi. Cost: support S_K = sum (hi_k - lo_k) + 1 values,
 * 2 S_K doubles of memory (SURV_ELIMIT beyond 2^27); each of the S_k
 * outputs of step k sums only the terms within e^-64 of its largest (found
 * by bisection: the terms are log-concave), about sd_k sqrt(128) of them
 * for a stratum whose hypergeometric has standard deviation sd_k, so the
 * convolution costs O(sum_k S_k (log len_k + sd_k)) instead of R's
 * O(sum_k S_(k-1) len_k); away from the far tails the window's terms are
 * products of precomputed exponentials, in them an exp each.
 *
 * Breslow-Day test of homogeneity of the odds ratios, as SAS PROC FREQ
 * computes it (SAS/STAT User's Guide, The FREQ Procedure, "Breslow-Day Test
 * for Homogeneity of the Odds Ratios"; Breslow and Day 1980, Statistical
 * Methods in Cancer Research I, section 4.4): with the Mantel-Haenszel
 * estimate R, the expected a of each stratum under the common odds ratio R,
 * E, is the root in (max(0, r1 + c1 - n), min(r1, c1)) of
 *   E (n - r1 - c1 + E) = R (r1 - E)(c1 - E),
 * Var = 1 / (1/E + 1/(r1 - E) + 1/(c1 - E) + 1/(n - r1 - c1 + E)),
 * BD = sum (a - E)^2 / Var on K - 1 df; Tarone's correction (Tarone,
 * Biometrika 1985; 72:91-95) subtracts (sum a - sum E)^2 / sum Var. A
 * stratum with a zero margin (a fixed: Var 0) adds nothing to the sums; df
 * stays K - 1 as SAS. NaN when R is 0, Inf or NaN.
 *
 * Generalized CMH statistics (Landis, Heyman and Koch, Int Stat Rev 1978;
 * 46:237-254; SAS PROC FREQ's CMH option): for contrasts A (a x I) of the
 * rows and C (c x J) of the columns, G = sum_k (C x A)(n_k - m_k) and its
 * null variance sum_k (C V_c C') x (A V_r A') n_k^2 / (n_k - 1) with V_r,
 * V_c the multinomial variances of the margins' proportions; Q = G' V^-1 G
 * on a c df. General association (R's M^2): A = [I 0], C = [I 0]; row mean
 * scores: A = [I 0], C = column scores; nonzero correlation: A = row
 * scores, C = column scores; table scores 1, 2, ... (SAS's for unformatted
 * levels). R's qr.solve stops on a singular variance; we give NaN
 * (Cholesky with pivots below 1e-9 of the largest diagonal taken as zero).
 * Cost: O(K I J + (I J)^3).
 */
#include <math.h>
#include <stdlib.h>

#include "surv_internal.h"

/* Largest support of the exact distribution: 2^27 doubles (1 GiB), the
 * limit of surv__hyper2_init. */
#define EXACT_SUPPORT_MAX ((size_t)1 << 27)
/* Pivot tolerance of the CMH variance (relative to its largest diagonal). */
#define CMH_TOLER 1e-9

/* chi-square tail with R's pchisq at the ends: Inf gives 0, NaN NaN. */
static double chisq_p(double x, double df) {
  if (isnan(x) || isnan(df))
    return NAN;
  if (isinf(x))
    return 0.0;
  return surv__chisq_q(x, df);
}

static void set_test(surv_result *r, surv_test_kind k, double stat, double df,
                     double p) {
  const surv_test t = {stat, df, p};
  surv__result_set_test(r, k, &t);
}

/* ---- Mantel-Haenszel 2 x 2 x K ---------------------------------------- */

/* The Mantel-Haenszel chi-square (corrected or not) and its p-value. */
static void mh_chisq(double delta, double var, int correct,
                     surv_alternative alt, double *stat, double *p) {
  const double y = correct && fabs(delta) >= 0.5 ? 0.5 : 0.0;
  const double dev = fabs(delta) - y;
  double x2 = dev * dev / var, z;
  *stat = x2;
  if (alt == SURV_TWO_SIDED) {
    *p = chisq_p(x2, 1.0);
    return;
  }
  z = (delta > 0.0 ? 1.0 : delta < 0.0 ? -1.0 : 0.0) * sqrt(x2);
  *p = alt == SURV_LESS ? surv__pnorm(z) : surv__pnorm(-z);
}

/* Expected a of a stratum under odds ratio psi (0 < psi < Inf) given its
 * margins: the root of (1 - psi) E^2 + (n - r1 - c1 + psi (r1 + c1)) E -
 * psi r1 c1 = 0 in [lo, hi], by the cancellation-free quadratic formula. */
static double bd_expected(double r1, double c1, double n, double psi, double lo,
                          double hi) {
  const double q2 = 1.0 - psi, q1 = n - r1 - c1 + psi * (r1 + c1);
  const double q0 = -psi * r1 * c1;
  double disc, q, x1, x2;
  if (q2 == 0.0)
    return -q0 / q1;
  disc = q1 * q1 - 4.0 * q2 * q0;
  q = -0.5 * (q1 + copysign(sqrt(disc > 0.0 ? disc : 0.0), q1));
  x1 = q / q2;
  x2 = q0 / q;
  /* exactly one root lies in [lo, hi]; take the nearer to it */
  {
    const double d1 = x1 < lo ? lo - x1 : x1 > hi ? x1 - hi : 0.0;
    const double d2 = x2 < lo ? lo - x2 : x2 > hi ? x2 - hi : 0.0;
    return d1 <= d2 ? x1 : x2;
  }
}

/* Breslow-Day and Tarone on K - 1 df at the common odds ratio psi. */
static void breslow_day(const long *t, size_t k, double psi, surv_result *r) {
  surv__ksum bd = {0, 0}, sa = {0, 0}, se = {0, 0}, sv = {0, 0};
  const double df = (double)(k - 1);
  double bds, tar;
  size_t s;
  if (!(psi > 0.0 && psi < HUGE_VAL)) {
    set_test(r, SURV_TEST_BRESLOW_DAY, NAN, df, NAN);
    set_test(r, SURV_TEST_TARONE, NAN, df, NAN);
    return;
  }
  for (s = 0; s < k; s++) {
    const double a = (double)t[4 * s], b = (double)t[4 * s + 1];
    const double c = (double)t[4 * s + 2], d = (double)t[4 * s + 3];
    const double n = a + b + c + d, r1 = a + b, c1 = a + c;
    const double lo = r1 + c1 - n > 0.0 ? r1 + c1 - n : 0.0;
    const double hi = r1 < c1 ? r1 : c1;
    double e, v;
    if (lo == hi)
      continue;
    e = bd_expected(r1, c1, n, psi, lo, hi);
    v = 1.0 /
        (1.0 / e + 1.0 / (r1 - e) + 1.0 / (c1 - e) + 1.0 / (n - r1 - c1 + e));
    surv__ksum_add(&bd, (a - e) * (a - e) / v);
    surv__ksum_add(&sa, a);
    surv__ksum_add(&se, e);
    surv__ksum_add(&sv, v);
  }
  bds = surv__ksum_value(&bd);
  {
    const double dd = surv__ksum_value(&sa) - surv__ksum_value(&se);
    tar = bds - dd * dd / surv__ksum_value(&sv);
  }
  set_test(r, SURV_TEST_BRESLOW_DAY, bds, df, chisq_p(bds, df));
  set_test(r, SURV_TEST_TARONE, tar, df, chisq_p(tar, df));
}

/* Everything but the exact test for a 2 x 2 x K table. */
static void mh_2x2(const long *t, size_t k, const surv_mh_options *o,
                   surv_result *r) {
  surv__ksum delta = {0, 0}, var = {0, 0}, sdiag = {0, 0}, soffd = {0, 0};
  surv__ksum v1 = {0, 0}, v2 = {0, 0}, v3 = {0, 0};
  double st, p, est, sd, lower, upper, d, sdg, sof;
  size_t s;
  for (s = 0; s < k; s++) {
    const double a = (double)t[4 * s], b = (double)t[4 * s + 1];
    const double c = (double)t[4 * s + 2], dd = (double)t[4 * s + 3];
    const double n = a + b + c + dd, n2 = n * n;
    surv__ksum_add(&delta, a - (a + b) * (a + c) / n);
    surv__ksum_add(&var,
                   (a + b) * (c + dd) * (a + c) * (b + dd) / (n2 * (n - 1.0)));
    surv__ksum_add(&sdiag, a * dd / n);
    surv__ksum_add(&soffd, b * c / n);
    surv__ksum_add(&v1, (a + dd) * a * dd / n2);
    surv__ksum_add(&v2, ((a + dd) * b * c + (b + c) * a * dd) / n2);
    surv__ksum_add(&v3, (b + c) * b * c / n2);
  }
  d = surv__ksum_value(&delta);
  mh_chisq(d, surv__ksum_value(&var), 1, o->alternative, &st, &p);
  set_test(r, SURV_TEST_MH, st, 1.0, p);
  if (!(o->flags & SURV_MH_NO_CORRECT) && !(o->flags & SURV_MH_EXACT))
    set_test(r, SURV_TEST_MAIN, st, 1.0, p);
  mh_chisq(d, surv__ksum_value(&var), 0, o->alternative, &st, &p);
  set_test(r, SURV_TEST_MH_NO_CORRECT, st, 1.0, p);
  if ((o->flags & SURV_MH_NO_CORRECT) && !(o->flags & SURV_MH_EXACT))
    set_test(r, SURV_TEST_MAIN, st, 1.0, p);
  sdg = surv__ksum_value(&sdiag);
  sof = surv__ksum_value(&soffd);
  est = sdg / sof;
  sd = sqrt(surv__ksum_value(&v1) / (2.0 * sdg * sdg) +
            surv__ksum_value(&v2) / (2.0 * sdg * sof) +
            surv__ksum_value(&v3) / (2.0 * sof * sof));
  if (o->alternative == SURV_TWO_SIDED) {
    const double z = surv__z_two_sided(o->conf_level);
    lower = est * exp(-z * sd);
    upper = est * exp(z * sd);
  } else {
    const double z = surv__qnorm(o->conf_level);
    lower = o->alternative == SURV_LESS ? 0.0 : est * exp(-z * sd);
    upper = o->alternative == SURV_LESS ? est * exp(z * sd) : HUGE_VAL;
  }
  surv__result_set_stat(r, SURV_STAT_ODDS_RATIO, est);
  surv__result_set_stat(r, SURV_STAT_ODDS_RATIO_LOWER, lower);
  surv__result_set_stat(r, SURV_STAT_ODDS_RATIO_UPPER, upper);
  surv__result_set_stat(r, SURV_STAT_LOG_ODDS_RATIO_SE, sd);
  breslow_day(t, k, est, r);
}

/* ---- exact conditional test ------------------------------------------- */

/* Terms more than this far below an output's largest term (in log) are
 * left out of its sum: each is below e^-64 (1.6e-28) of the sum, so even
 * 2^27 of them move it by less than 2.2e-20 relative. */
#define CONV_CUT 64.0

/* Below this (in log, relative to the product of the two sequences'
 * maxima) a window's terms are summed with exp each; above, as products of
 * the precomputed exp(cur - max cur) and exp(f - max f), neither of which
 * can underflow there (each factor is at least the term, >= e^-664). */
#define CONV_LINEAR_FLOOR (-600.0)

/* One step of the convolution: cur (len values) with f (flen values), their
 * maxima cmax and fmax, and ecur[j] = exp(cur[j] - cmax), ef[i] = exp(f[i] -
 * fmax). */
typedef struct conv_step {
  const double *cur, *f, *ecur, *ef;
  double cmax, fmax;
} conv_step;

/* log sum_i exp(cur[s - i] + f[i]) over i = i0 .. i1, scaled by the
 * largest term. The terms are log-concave in i (a sum of two concave
 * sequences), so the largest is found by bisection on the slope and only
 * the window within CONV_CUT of it is summed: O(log len + window) instead of
 * O(len); the window grows like the standard deviation of the stratum's
 * hypergeometric. Away from the far tails the window's sum is a plain dot
 * product of the exponentiated sequences (no exp per term). */
static double conv_term(const conv_step *c, size_t s, size_t i0, size_t i1) {
  const double *cur = c->cur, *f = c->f;
  size_t l = i0, r = i1, first, last, i;
  double mx, sum = 0.0;
  while (l < r) {
    const size_t mid = l + (r - l) / 2;
    if (cur[s - mid - 1] + f[mid + 1] > cur[s - mid] + f[mid])
      l = mid + 1;
    else
      r = mid;
  }
  mx = cur[s - l] + f[l];
  for (first = l; first > i0; first--) {
    const double v = cur[s - first + 1] + f[first - 1];
    if (v < mx - CONV_CUT)
      break;
    if (v > mx) /* rounding on a flat top */
      mx = v;
  }
  for (last = l; last < i1; last++) {
    const double v = cur[s - last - 1] + f[last + 1];
    if (v < mx - CONV_CUT)
      break;
    if (v > mx)
      mx = v;
  }
  if (mx - c->cmax - c->fmax > CONV_LINEAR_FLOOR) {
    for (i = first; i <= last; i++)
      sum += c->ecur[s - i] * c->ef[i];
    return c->cmax + c->fmax + log(sum);
  }
  for (i = first; i <= last; i++)
    sum += exp(cur[s - i] + f[i] - mx);
  return mx + log(sum);
}

/* max of v[0 .. n-1] (n >= 1) and e[j] = exp(v[j] - max). */
static double exp_scaled(const double *v, size_t n, double *e) {
  double mx = v[0];
  size_t j;
  for (j = 1; j < n; j++)
    if (v[j] > mx)
      mx = v[j];
  for (j = 0; j < n; j++)
    e[j] = exp(v[j] - mx);
  return mx;
}

/* The null distribution of S = sum a (log, up to a constant) as a
 * surv__hyper2 on its support: SURV_OK, SURV_ELIMIT, SURV_ENOMEM. */
static int exact_support(const long *t, size_t k, surv__hyper2 *out) {
  double *cur = NULL, *next = NULL, *ecur = NULL;
  size_t len = 0, total = 1, s;
  long lo = 0, hi = 0, a = 0;
  int rc = SURV_OK;
  /* the support's size first, from the margins (no allocation) */
  for (s = 0; s < k; s++) {
    const long *c = t + 4 * s;
    const long m = c[0] + c[2], n = c[1] + c[3], r1 = c[0] + c[1];
    const long l = r1 - n > 0 ? r1 - n : 0, h = r1 < m ? r1 : m;
    lo += l;
    hi += h;
    a += c[0];
    total += (size_t)(h - l);
    if (total > EXACT_SUPPORT_MAX)
      return SURV_ELIMIT;
  }
  cur = surv__malloc_array(total, sizeof(double));
  next = surv__malloc_array(total, sizeof(double));
  ecur = surv__malloc_array(total, sizeof(double));
  if (cur == NULL || next == NULL || ecur == NULL) {
    free(cur);
    free(next);
    free(ecur);
    return SURV_ENOMEM;
  }
  cur[0] = 0.0; /* the distribution of an empty sum: 0 with probability 1 */
  len = 1;
  for (s = 0; s < k && rc == SURV_OK; s++) {
    const long *c = t + 4 * s;
    surv__hyper2 h;
    conv_step cs;
    size_t j, nlen;
    double *tmp, *ef;
    rc = surv__hyper2_init(&h, c[0], c[1], c[2], c[3]);
    if (rc != SURV_OK)
      break;
    ef = surv__malloc_array(h.len, sizeof(double));
    if (ef == NULL) {
      surv__hyper2_free(&h);
      rc = SURV_ENOMEM;
      break;
    }
    cs.cur = cur;
    cs.f = h.logd;
    cs.ecur = ecur;
    cs.ef = ef;
    cs.cmax = exp_scaled(cur, len, ecur);
    cs.fmax = exp_scaled(h.logd, h.len, ef);
    nlen = len + h.len - 1;
    for (j = 0; j < nlen; j++) {
      const size_t i0 = j + 1 > len ? j + 1 - len : 0;
      const size_t i1 = j < h.len - 1 ? j : h.len - 1;
      next[j] = conv_term(&cs, j, i0, i1);
    }
    free(ef);
    surv__hyper2_free(&h);
    tmp = cur;
    cur = next;
    next = tmp;
    len = nlen;
  }
  free(next);
  free(ecur);
  if (rc != SURV_OK) {
    free(cur);
    return rc;
  }
  out->lo = lo;
  out->hi = hi;
  out->a = a;
  out->len = len;
  out->logd = cur;
  return SURV_OK;
}

static int mh_exact(const long *t, size_t k, const surv_mh_options *o,
                    surv_result *r) {
  surv__hyper2 h;
  double p, mle = 0.0, lo = 0.0, up = 0.0;
  int rc = exact_support(t, k, &h);
  if (rc != SURV_OK)
    return rc;
  p = surv__hyper2_p(&h, o->alternative);
  rc = surv__hyper2_cmle(&h, &mle);
  if (rc == SURV_OK)
    rc = surv__hyper2_ci(&h, o->alternative, o->conf_level, &lo, &up);
  if (rc == SURV_OK) {
    set_test(r, SURV_TEST_EXACT, (double)h.a, NAN, p);
    set_test(r, SURV_TEST_MAIN, (double)h.a, NAN, p);
    surv__result_set_stat(r, SURV_STAT_CMLE_ODDS_RATIO, mle);
    surv__result_set_stat(r, SURV_STAT_CMLE_LOWER, lo);
    surv__result_set_stat(r, SURV_STAT_CMLE_UPPER, up);
  }
  surv__hyper2_free(&h);
  return rc;
}

/* ---- generalized CMH ----------------------------------------------------- */

/* Contrast matrices: kind 0 = [I 0] (dim - 1 rows), 1 = scores 1..dim (one
 * row). Row u of the contrast at column i. */
static double contrast(int scores, size_t u, size_t i) {
  if (scores)
    return (double)(i + 1);
  return u == i ? 1.0 : 0.0;
}

/* m x m matrix out = K (n D - s s') K' for the contrast K of kind scores
 * (m rows) and the margin s (len sums, total n); ks is scratch of m. */
static void margin_var(int scores, size_t m, const double *s, size_t len,
                       double n, double *ks, double *out) {
  size_t u, u2, i;
  for (u = 0; u < m; u++) {
    ks[u] = 0.0;
    for (i = 0; i < len; i++)
      ks[u] += contrast(scores, u, i) * s[i];
  }
  for (u = 0; u < m; u++)
    for (u2 = 0; u2 < m; u2++) {
      double sum = 0.0;
      for (i = 0; i < len; i++)
        sum += contrast(scores, u, i) * contrast(scores, u2, i) * s[i];
      out[u * m + u2] = n * sum - ks[u] * ks[u2];
    }
}

/* Scratch doubles cmh_q needs for an ni x nj table (its largest case, the
 * general association, dim = (ni - 1)(nj - 1)). */
static size_t cmh_scratch(size_t ni, size_t nj) {
  const size_t dim = (ni - 1) * (nj - 1);
  return 2 * dim + dim * dim + ni * ni + nj * nj + 2 * (ni + nj);
}

/* Q = G' V^-1 G for row contrasts of kind ra and column contrasts of kind
 * ca (see contrast), on *df = a c df; w is scratch of cmh_scratch(ni, nj)
 * doubles. NaN when V is singular. */
static double cmh_q(const long *t, size_t ni, size_t nj, size_t k, int ra,
                    int ca, double *w, double *df) {
  const size_t a = ra ? 1 : ni - 1, c = ca ? 1 : nj - 1, dim = a * c;
  double *g = w, *y = g + dim, *v = y + dim, *sr = v + dim * dim;
  double *sc = sr + a * a, *rs = sc + c * c, *cs = rs + ni, *ar = cs + nj;
  double *cc = ar + a;
  surv__ksum q = {0, 0};
  size_t s, i, j, u, u2, x, x2;
  for (i = 0; i < dim + dim + dim * dim; i++)
    w[i] = 0.0;
  for (s = 0; s < k; s++) {
    const long *f = t + s * ni * nj;
    double n = 0.0, fac;
    for (i = 0; i < ni; i++)
      rs[i] = 0.0;
    for (j = 0; j < nj; j++)
      cs[j] = 0.0;
    for (i = 0; i < ni; i++)
      for (j = 0; j < nj; j++) {
        rs[i] += (double)f[i * nj + j];
        cs[j] += (double)f[i * nj + j];
      }
    for (i = 0; i < ni; i++)
      n += rs[i];
    /* G += sum_ij A_ui C_xj (n_ij - r_i c_j / n) */
    for (u = 0; u < a; u++)
      for (x = 0; x < c; x++) {
        double sum = 0.0;
        for (i = 0; i < ni; i++)
          for (j = 0; j < nj; j++) {
            const double wt = contrast(ra, u, i) * contrast(ca, x, j);
            if (wt != 0.0)
              sum += wt * ((double)f[i * nj + j] - rs[i] * cs[j] / n);
          }
        g[u * c + x] += sum;
      }
    /* A (n D_r - r r') A' and C (n D_c - c c') C', over n^2 (n - 1) */
    margin_var(ra, a, rs, ni, n, ar, sr);
    margin_var(ca, c, cs, nj, n, cc, sc);
    fac = n * n * (n - 1.0);
    for (u = 0; u < a; u++)
      for (x = 0; x < c; x++)
        for (u2 = 0; u2 < a; u2++)
          for (x2 = 0; x2 < c; x2++)
            v[(u * c + x) * dim + u2 * c + x2] +=
                sr[u * a + u2] * sc[x * c + x2] / fac;
  }
  *df = (double)dim;
  if ((size_t)surv__cholesky2(v, dim, CMH_TOLER) < dim)
    return NAN;
  for (i = 0; i < dim; i++)
    y[i] = g[i];
  surv__chsolve2(v, dim, y);
  for (i = 0; i < dim; i++)
    surv__ksum_add(&q, g[i] * y[i]);
  return surv__ksum_value(&q);
}

/* The three CMH statistics (and R's as the main test of an I x J table). */
static int cmh_all(const long *t, size_t ni, size_t nj, size_t k,
                   surv_result *r) {
  double *w = surv__malloc_array(cmh_scratch(ni, nj), sizeof(double));
  double q, df;
  if (w == NULL)
    return SURV_ENOMEM;
  q = cmh_q(t, ni, nj, k, 1, 1, w, &df);
  set_test(r, SURV_TEST_CMH_CORRELATION, q, df, chisq_p(q, df));
  q = cmh_q(t, ni, nj, k, 0, 1, w, &df);
  set_test(r, SURV_TEST_CMH_ROW_MEANS, q, df, chisq_p(q, df));
  q = cmh_q(t, ni, nj, k, 0, 0, w, &df);
  set_test(r, SURV_TEST_CMH_GENERAL, q, df, chisq_p(q, df));
  if (ni != 2 || nj != 2)
    set_test(r, SURV_TEST_MAIN, q, df, chisq_p(q, df));
  free(w);
  return SURV_OK;
}

/* ---- entry point ----------------------------------------------------------
 */

/* Validates the table: SURV_ESIZE (a dimension < 2, an overflowing size, a
 * total above 2^32 - 1), SURV_ECOUNT, SURV_ETABLE (a stratum total < 2);
 * *total the grand total. */
static int check_table(const long *t, size_t ni, size_t nj, size_t k,
                       double *total) {
  size_t cells, s, i;
  double tot = 0.0;
  if (ni < 2 || nj < 2 || k < 2)
    return SURV_ESIZE;
  if (ni > SIZE_MAX / nj || ni * nj > SIZE_MAX / k / sizeof(long))
    return SURV_ESIZE;
  cells = ni * nj;
  for (i = 0; i < cells * k; i++)
    if (t[i] < 0)
      return SURV_ECOUNT;
  for (s = 0; s < k; s++) {
    double n = 0.0;
    for (i = 0; i < cells; i++)
      n += (double)t[s * cells + i];
    tot += n;
    if (tot > SURV__HYPER2_TOTAL_MAX)
      return SURV_ESIZE;
  }
  for (s = 0; s < k; s++) {
    double n = 0.0;
    for (i = 0; i < cells; i++)
      n += (double)t[s * cells + i];
    if (n < 2.0)
      return SURV_ETABLE;
  }
  *total = tot;
  return SURV_OK;
}

SURV_EXPORT int surv_mh_test(const long *table, size_t nrow, size_t ncol,
                             size_t nstrata, const surv_mh_options *opt,
                             surv_result **out) {
  static const surv_mh_options defaults = SURV_MH_OPTIONS_INIT;
  surv_mh_options o;
  surv_result *r;
  double total = 0.0;
  int rc;
  const int is2x2 = nrow == 2 && ncol == 2;
  if (table == NULL || out == NULL)
    return SURV_ENULL;
  rc = surv__options_copy(opt, sizeof o, &defaults, &o);
  if (rc != SURV_OK)
    return rc;
  if (o.conf_level == 0.0)
    o.conf_level = 0.95;
  if (o.flags & ~(SURV_MH_EXACT | SURV_MH_NO_CORRECT))
    return SURV_EINVAL;
  if (o.alternative != SURV_TWO_SIDED && o.alternative != SURV_LESS &&
      o.alternative != SURV_GREATER)
    return SURV_EINVAL;
  if (!(o.conf_level > 0.0 && o.conf_level < 1.0))
    return SURV_ELEVEL;
  rc = check_table(table, nrow, ncol, nstrata, &total);
  if (rc != SURV_OK)
    return rc;
  /* R's mantelhaen.test has no alternative, interval or exact test for a
   * larger table: asking for them is an error, not ignored. */
  if (!is2x2 && (o.alternative != SURV_TWO_SIDED ||
                 (o.flags & (SURV_MH_EXACT | SURV_MH_NO_CORRECT))))
    return SURV_EINVAL;
  r = surv__result_new(SURV__KIND_MH);
  if (r == NULL)
    return SURV_ENOMEM;
  surv__result_set_stat(r, SURV_STAT_N, total);
  surv__result_set_stat(r, SURV_STAT_N_STRATA, (double)nstrata);
  surv__result_set_stat(r, SURV_STAT_CONF_LEVEL, o.conf_level);
  rc = cmh_all(table, nrow, ncol, nstrata, r);
  if (rc == SURV_OK && is2x2) {
    mh_2x2(table, nstrata, &o, r);
    if (o.flags & SURV_MH_EXACT)
      rc = mh_exact(table, nstrata, &o, r);
  }
  if (rc != SURV_OK) {
    surv_result_free(r);
    return rc;
  }
  *out = r;
  return SURV_OK;
}
