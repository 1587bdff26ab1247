/* Fuzz harness: Kaplan-Meier fit (plain and stratified), pointwise CIs,
 * surv_curve_at and quantiles. The input bytes become n, times, statuses,
 * weights (or NULL), groups, flags, CI types, levels, evaluation times and
 * probabilities, with NaN, +-Inf, negative, zero, denormal and huge values.
 * Invariants: the status is a valid code; on error every output still holds
 * its sentinel; on success times increase, counts are >= 0, S is
 * non-increasing in [0, 1], limits are ordered, in [0, 1] and bracket S,
 * surv_curve_at reproduces the curve at its own times, and quantile limits
 * bracket the estimate; a stratified fit has its strata in ascending label
 * order, contiguous, with every subject counted once. Build: `make fuzz`;
 * replayed by tests/fuzz/replay. */
#include "fuzzutil.h"

#include <surv/curve.h>
#include <surv/error.h>
#include <surv/km.h>

#define MAXN 48
#define MAXM 6

static int tu_km_fit(const double *t, const int *s, const double *w,
                     const int *strata, size_t n, unsigned flags,
                     surv_result **out) {
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.time = t;
  d.status = s;
  d.weight = w;
  d.strata = strata;
  return surv_km_fit(&d, flags, out);
}

static const double *tu_col(const surv_result *r, surv_col c) {
  return surv_result_column(r, c, NULL);
}

static size_t tu_rows(const surv_result *r) {
  size_t n = 0;
  surv_result_column(r, SURV_COL_TIME, &n);
  return n;
}

static void check_ci_pair(double s, double lo, double hi, const char *what) {
  if (!isnan(lo))
    FZ_CHECK(lo >= 0.0 && lo <= 1.0 && lo <= s + 1e-12,
             "%s lower %.17g S %.17g", what, lo, s);
  if (!isnan(hi))
    FZ_CHECK(hi >= 0.0 && hi <= 1.0 && hi >= s - 1e-12,
             "%s upper %.17g S %.17g", what, hi, s);
  if (!isnan(lo) && !isnan(hi))
    FZ_CHECK(lo <= hi, "%s lower %.17g > upper %.17g", what, lo, hi);
}

static void check_curve(const surv_result *km, double total_w, fz_reader *r) {
  size_t k = tu_rows(km), j, i;
  const double *t = tu_col(km, SURV_COL_TIME),
               *nr = tu_col(km, SURV_COL_N_RISK);
  const double *ne = tu_col(km, SURV_COL_N_EVENT),
               *nc = tu_col(km, SURV_COL_N_CENSOR);
  const double *s = tu_col(km, SURV_COL_SURV),
               *se = tu_col(km, SURV_COL_STD_ERR);
  const double *sel = tu_col(km, SURV_COL_STD_ERR_LOG);
  double lo[MAXN], hi[MAXN], sum = 0.0;
  FZ_CHECK(k >= 1 && k <= MAXN, "size %zu", k);
  FZ_CHECK(t && nr && ne && nc && s && se && sel, "NULL accessor");
  for (j = 0; j < k; j++) {
    FZ_CHECK(isfinite(t[j]) && t[j] >= 0.0, "time[%zu] = %g", j, t[j]);
    if (j > 0) {
      FZ_CHECK(t[j] > t[j - 1], "times not increasing at %zu", j);
      FZ_CHECK(s[j] <= s[j - 1], "S increases at %zu: %.17g > %.17g", j, s[j],
               s[j - 1]);
      FZ_CHECK(nr[j] <= nr[j - 1], "n.risk increases at %zu", j);
    }
    FZ_CHECK(s[j] >= 0.0 && s[j] <= 1.0, "S[%zu] = %.17g", j, s[j]);
    FZ_CHECK(nr[j] >= 0.0 && ne[j] >= 0.0 && nc[j] >= 0.0,
             "negative count at %zu", j);
    FZ_CHECK(isnan(se[j]) || se[j] >= 0.0, "se[%zu] = %g", j, se[j]);
    FZ_CHECK(isnan(sel[j]) || sel[j] >= 0.0, "se log[%zu] = %g", j, sel[j]);
    sum += ne[j] + nc[j];
  }
  FZ_CHECK(fabs(sum - total_w) <= 1e-9 * total_w + 1e-300,
           "events+censored %.17g != total weight %.17g", sum, total_w);
  FZ_CHECK(fabs(nr[0] - total_w) <= 1e-9 * total_w + 1e-300,
           "n.risk[0] %.17g != total weight %.17g", nr[0], total_w);

  /* Pointwise limits for every type, one level from the input. */
  {
    double level = fz_prob(r);
    int type, rc;
    for (type = -1; type <= 5; type++) {
      for (j = 0; j < MAXN; j++)
        lo[j] = hi[j] = fz_sentinel;
      rc = surv_curve_ci(km, (surv_ci_type)type, level, lo, hi, k);
      FZ_CHECK(FZ_VALID_CODE(rc), "km_ci rc %d", rc);
      if (rc != SURV_OK) {
        for (j = 0; j < k; j++)
          FZ_CHECK(fz_is_sentinel(lo[j]) && fz_is_sentinel(hi[j]),
                   "km_ci wrote outputs on error %d", rc);
        FZ_CHECK(type < 0 || type > 4 || !(level > 0 && level < 1),
                 "km_ci failed (%d) on valid input", rc);
        continue;
      }
      FZ_CHECK(type >= 0 && type <= 4 && level > 0 && level < 1,
               "km_ci accepted type %d level %g", type, level);
      for (j = 0; j < k; j++)
        check_ci_pair(s[j], lo[j], hi[j], "km_ci");
      FZ_CHECK(fz_is_sentinel(lo[k]) || k == MAXN, "km_ci wrote past len");
    }
    rc = surv_curve_ci(km, SURV_CI_LOG, 0.95, lo, hi, k - 1);
    FZ_CHECK(rc == SURV_ESIZE, "km_ci short buffer: %d", rc);
  }

  /* surv_curve_at: at the curve's own times it reproduces the curve. */
  {
    double at[MAXN], sv[MAXN], sev[MAXN], l2[MAXN], u2[MAXN], nrv[MAXN];
    size_t m = k < MAXN ? k : MAXN;
    int rc;
    for (j = 0; j < m; j++)
      sv[j] = sev[j] = l2[j] = u2[j] = nrv[j] = fz_sentinel;
    rc = surv_curve_at(km, t, m, SURV_CI_LOG, 0.95, sv, sev, l2, u2, nrv, m);
    FZ_CHECK(rc == SURV_OK, "km_at at curve times: %d", rc);
    for (j = 0; j < m; j++) {
      FZ_CHECK(sv[j] == s[j], "km_at S(%g) = %.17g, curve %.17g", t[j], sv[j],
               s[j]);
      FZ_CHECK(nrv[j] == nr[j], "km_at n.risk(%g) = %.17g, curve %.17g", t[j],
               nrv[j], nr[j]);
      check_ci_pair(sv[j], l2[j], u2[j], "km_at");
    }

    /* Arbitrary times from the input. */
    m = 1 + fz_u8(r) % MAXM;
    for (i = 0; i < m; i++)
      at[i] = fz_double(r);
    {
      double level = fz_prob(r);
      int type = (int)(fz_u8(r) % 6);
      int bad = !(level > 0 && level < 1) || type > 4;
      for (i = 0; i < m; i++) {
        bad |= !isfinite(at[i]) || at[i] < 0;
        sv[i] = sev[i] = l2[i] = u2[i] = nrv[i] = fz_sentinel;
      }
      rc = surv_curve_at(km, at, m, (surv_ci_type)type, level, sv, sev, l2, u2,
                         nrv, m);
      FZ_CHECK(FZ_VALID_CODE(rc), "km_at rc %d", rc);
      if (rc != SURV_OK) {
        FZ_CHECK(bad, "km_at failed (%d) on valid input", rc);
        for (i = 0; i < m; i++)
          FZ_CHECK(fz_is_sentinel(sv[i]) && fz_is_sentinel(sev[i]) &&
                       fz_is_sentinel(l2[i]) && fz_is_sentinel(u2[i]) &&
                       fz_is_sentinel(nrv[i]),
                   "km_at wrote outputs on error %d", rc);
      } else {
        FZ_CHECK(!bad, "km_at accepted bad input");
        for (i = 0; i < m; i++) {
          FZ_CHECK(sv[i] >= 0 && sv[i] <= 1, "km_at S = %g", sv[i]);
          FZ_CHECK(nrv[i] >= 0, "km_at n.risk = %g", nrv[i]);
          check_ci_pair(sv[i], l2[i], u2[i], "km_at");
          for (j = 0; j < m; j++)
            if (at[j] > at[i])
              FZ_CHECK(sv[j] <= sv[i], "km_at S not monotone");
          if (at[i] < t[0])
            FZ_CHECK(sv[i] == 1.0, "km_at S before first time = %g", sv[i]);
        }
      }
    }
  }

  /* Quantiles. */
  {
    double p[MAXM], est[MAXM], ql[MAXM], qu[MAXM];
    size_t m = 1 + fz_u8(r) % MAXM;
    int type = (int)(fz_u8(r) % 6), bad = type > 4, rc;
    double level = fz_prob(r);
    bad |= !(level > 0 && level < 1);
    for (i = 0; i < m; i++) {
      p[i] = fz_prob(r);
      bad |= !(p[i] > 0 && p[i] < 1);
      est[i] = ql[i] = qu[i] = fz_sentinel;
    }
    rc = surv_curve_quantile(km, p, m, (surv_ci_type)type, level, est, ql, qu,
                             m);
    FZ_CHECK(FZ_VALID_CODE(rc), "quantile rc %d", rc);
    if (rc != SURV_OK) {
      FZ_CHECK(bad, "quantile failed (%d) on valid input", rc);
      for (i = 0; i < m; i++)
        FZ_CHECK(fz_is_sentinel(est[i]) && fz_is_sentinel(ql[i]) &&
                     fz_is_sentinel(qu[i]),
                 "quantile wrote outputs on error %d", rc);
      return;
    }
    FZ_CHECK(!bad, "quantile accepted bad input");
    for (i = 0; i < m; i++) {
      double q[3] = {est[i], ql[i], qu[i]};
      int c;
      for (c = 0; c < 3; c++)
        FZ_CHECK(isnan(q[c]) || (q[c] >= 0 && q[c] <= t[k - 1]),
                 "quantile %g outside [0, %g]", q[c], t[k - 1]);
      /* No order between the estimate and its limits: R's rule runs on
       * each band separately, and logit or log-log bands of small risk sets
       * are not monotone. R 4.2.2, survival 3.5-3, times 0+ x4, 1e-300+, 2,
       * 6 x3, 6.75 x27, conf.type "logit", conf.int 0.999, timefix FALSE:
       * quantile(fit, 1/64) = 2 with lower limit 6
       * (tests/fixtures/robust_km_small_p.tsv, curve nonmono). */
      /* R's rule (survival:::findq, tol = sqrt(DBL_EPSILON) = 2^-26): p
       * is looked up among 1 - S + tol with the point 1 - S = 0 prepended,
       * so every 0 < p < tol gives NA, even where a larger p has an
       * estimate. R 4.2.2, survival 3.5-3, times 1+, 14.25, 14.25:
       * quantile(fit, c(1e-17, 2^-26, 0.2578125)) = NA, 7.125, 14.25
       * (tests/fixtures/robust_km_small_p.tsv). Monotone for p >= tol. */
      if (p[i] < sqrt(DBL_EPSILON)) {
        FZ_CHECK(isnan(est[i]) && isnan(ql[i]) && isnan(qu[i]),
                 "p %.17g < 2^-26 but quantile %.17g [%.17g, %.17g]", p[i],
                 est[i], ql[i], qu[i]);
        continue;
      }
      for (j = 0; j < m; j++)
        if (p[j] > p[i] && !isnan(est[j]))
          FZ_CHECK(!isnan(est[i]) && est[i] <= est[j],
                   "quantile not monotone in p: q(%.17g) = %.17g, q(%.17g) = "
                   "%.17g",
                   p[i], est[i], p[j], est[j]);
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_reader r = {data, size};
  double time[MAXN], weight[MAXN], total_w = 0.0;
  int status[MAXN], group[MAXN];
  size_t n = fz_u8(&r) % (MAXN + 1), i;
  unsigned ctl = fz_u8(&r);
  unsigned flags = (ctl & 1u) | ((ctl & 0x80u) ? 0x10u : 0u);
  int use_w = (ctl & 2u) != 0, strat = (ctl & 4u) != 0;
  int label = (int)((ctl >> 3) & 3u), bad = 0, rc;
  surv_result *marker = (surv_result *)&marker, *km = marker;

  for (i = 0; i < n; i++) {
    unsigned st = fz_u8(&r);
    time[i] = fz_double(&r);
    status[i] = st < 240 ? (int)(st & 1u) : (int)st - 250;
    weight[i] = use_w ? fz_double(&r) : 1.0;
    group[i] = (int)(fz_u8(&r) % 3);
  }
  for (i = 0; i < n; i++) {
    bad |= !isfinite(time[i]) || time[i] < 0;
    bad |= status[i] != 0 && status[i] != 1;
    bad |= !isfinite(weight[i]) || weight[i] < 0;
  }
  bad |= n == 0 || (flags & ~SURV_NO_TIMEFIX) != 0;
  for (i = 0; i < n; i++)
    total_w += weight[i];

  rc = tu_km_fit(time, status, use_w ? weight : NULL, strat ? group : NULL, n,
                 flags, &km);
  FZ_CHECK(FZ_VALID_CODE(rc), "fit rc %d", rc);
  if (rc != SURV_OK) {
    FZ_CHECK(km == marker, "fit wrote *out on error %d", rc);
    /* All-zero weights may legitimately be refused; anything else valid
     * must fit. */
    FZ_CHECK(bad || total_w == 0.0 || rc == SURV_ENOMEM,
             "fit failed (%d) on valid input", rc);
    return 0;
  }
  FZ_CHECK(!bad, "fit accepted bad input (n %zu flags %#x)", n, flags);
  FZ_CHECK(km != marker && km != NULL, "fit returned no curve");
  if (strat) {
    /* strata ascending and contiguous, every subject counted once; then the
     * invariants on the subset of one label fitted alone */
    size_t k = tu_rows(km), j, m = 0;
    const double *lab = tu_col(km, SURV_COL_STRATUM);
    const double *ne = tu_col(km, SURV_COL_N_EVENT);
    const double *nc = tu_col(km, SURV_COL_N_CENSOR);
    double sum = 0.0, sub_w = 0.0, st[MAXN], sw[MAXN];
    int ss[MAXN];
    FZ_CHECK(lab != NULL && ne != NULL && nc != NULL, "no stratum column");
    for (j = 0; j < k; j++) {
      FZ_CHECK(j == 0 || lab[j] >= lab[j - 1], "strata out of order");
      sum += ne[j] + nc[j];
    }
    if (isfinite(total_w))
      FZ_CHECK(fabs(sum - total_w) <= 1e-9 * total_w, "strata sum %.17g, %.17g",
               sum, total_w);
    surv_result_free(km);
    for (i = 0; i < n; i++)
      if (group[i] == label) {
        st[m] = time[i];
        ss[m] = status[i];
        sw[m] = weight[i];
        sub_w += weight[i];
        m++;
      }
    km = marker;
    if (m == 0)
      return 0;
    rc = tu_km_fit(st, ss, use_w ? sw : NULL, NULL, m, flags, &km);
    FZ_CHECK(rc == SURV_OK || (rc == SURV_ENOMEM && km == marker),
             "subset fit rc %d", rc);
    if (rc != SURV_OK)
      return 0;
    total_w = sub_w;
  }
  if (total_w > 0.0 && isfinite(total_w))
    check_curve(km, total_w, &r);
  surv_result_free(km);
  return 0;
}
