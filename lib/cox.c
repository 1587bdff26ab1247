/* Cox proportional hazards regression: surv_cox_fit (include/surv/cox.h).
 *
 * Matches R survival 3.5-3 coxph(): R/coxph.R, R/coxph.fit.R and
 * src/coxfit6.c (right-censored data), R/agreg.fit.R and src/agfit4.c
 * ((start, stop] data), R/coxexact.fit.R and src/coxexact.c (ties = "exact"),
 * the robust variance of R/coxph.R (dfbeta residuals of
 * R/residuals.coxph.R summed by cluster) and coxph.wtest for the Wald tests.
 * The code is written from the published formulas and R's documented
 * behaviour; R's sources were read to match its rules, never copied.
 *
 * Algorithm. The rows are sorted once by (stratum, stop time) with the O(n)
 * radix sort (near-tied times merged as R's aeqSurv unless SURV_NO_TIMEFIX).
 * The covariates are copied in that order, centred at their weighted mean and
 * scaled by the weighted mean absolute deviation (R's doscale; columns with
 * values in {-1, 0, 1} are left alone). Each Newton-Raphson iteration walks
 * every stratum from the largest time down, adding each row's risk score
 * exp(x'b + offset), its product with x and with x x' to running sums; rows of
 * (start, stop] data leave the sums when the walk passes their start time
 * (a second order by start time), the sums reset to zero whenever the risk
 * set empties, and for (start, stop] data they are rescaled when the mean
 * linear predictor of the risk set drifts by more than 200 (R's agfit4
 * recentering); right-censored fits use exp(eta) as R's coxfit6 does (an
 * overflow makes the log likelihood infinite and step halving backs away,
 * as in R). At each event time the log partial likelihood, score and
 * information take the Breslow term or Efron's d terms. The cost is
 * O((n + d) p^2) per iteration for n rows and d events, O(n p) memory.
 * ties = exact computes the conditional-logistic likelihood at each event
 * time by the recursion over the risk set of Gail, Lubin and Rubinstein
 * (1981): O(m d p^2) for m at risk and d tied events, O(n^2) in the worst
 * case, as R.
 *
 * Newton-Raphson as R: the step solves the information by R's cholesky2
 * (pivots below toler_chol times the largest diagonal are aliased: their
 * coefficients stay at their initial value and are reported NaN, R's NA),
 * convergence when |1 - l_old / l_new| <= eps, step halving when the log
 * likelihood decreases (coxfit6's rule: newbeta moves k/(k+1) of the way back
 * after k failures; agfit4's and coxexact's rules for the other fits).
 *
 * Robust variance: the score residuals at the estimate (Efron's weights for
 * the tied deaths), weighted, summed by cluster, D = U V, V_robust = D'D. The
 * robust score test uses the score residuals at the initial coefficients. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "concordance_internal.h"
#include "cox_internal.h"
#include "cox_marginal.h"
#include "surv_exp.h"
#include "surv_internal.h"
#include "survtime.h"

/* ---- the working layout ------------------------------------------------ */

typedef struct {
  size_t n, p, ns;
  int counting, exact;
  size_t *sstart; /* ns + 1: stratum s holds sorted positions [sstart[s], ..) */
  int *slab;      /* ns stratum labels, NULL when unstratified */
  size_t *src;    /* original row of sorted position k */
  double *x;      /* n x p sorted, centred and scaled */
  double *w;      /* n sorted weights, NULL = all 1 */
  double *off;    /* n sorted offsets, NULL = all 0 */
  double *t;      /* n sorted stop times (after timefix) */
  double *t0;     /* n sorted entry times (counting), else NULL */
  unsigned char *d; /* n sorted status */
  size_t *eord;     /* counting: positions by (stratum, entry) ascending */
  double *centre, *scale; /* p: x_internal = (x - centre) * scale */
  double *eta;            /* n scratch: linear predictor in sorted order */
  double *scr;            /* scratch for the passes */
  /* lean fits: the baseline hazard table's haz, varhaz and xbar (one row a
   * distinct time, in descending time), filled at the event times by every
   * pass at its point (so the last pass leaves the fit's); bes = exp(-mean
   * offset), baseline()'s shift. NULL when baseline() computes them. */
  double *bhaz, *bvarhaz, *bxbar, bes;
} cox_work;

static void work_free(cox_work *W) {
  free(W->sstart);
  free(W->slab);
  free(W->src);
  free(W->x);
  free(W->w);
  free(W->off);
  free(W->t);
  free(W->t0);
  free(W->d);
  free(W->eord);
  free(W->centre);
  free(W->scale);
  free(W->eta);
  free(W->scr);
  memset(W, 0, sizeof *W);
}

/* Stable reorder of positions perm[0..n) by stratum index sidx[perm[k]]
 * (counting sort) into out; start[0..ns] = the stratum boundaries. cur is
 * scratch of ns + 1. */
static void bucket_by_stratum(const size_t *perm, const size_t *sidx, size_t n,
                              size_t ns, size_t *start, size_t *cur,
                              size_t *out) {
  size_t k, s;
  memset(start, 0, (ns + 1) * sizeof *start);
  for (k = 0; k < n; k++)
    start[sidx[perm[k]] + 1]++;
  for (s = 0; s < ns; s++)
    start[s + 1] += start[s];
  memcpy(cur, start, (ns + 1) * sizeof *cur);
  for (k = 0; k < n; k++)
    out[cur[sidx[perm[k]]]++] = perm[k];
}

/* CALL with p a constant for p <= 8: the loops above unroll (a pass at
 * p = 5 takes about 40% fewer instructions); the same arithmetic in the
 * same order, so the same bits. */
#define SMALL_P(p, CALL)                                                       \
  switch (p) {                                                                 \
  case 1:                                                                      \
    CALL(1);                                                                   \
    break;                                                                     \
  case 2:                                                                      \
    CALL(2);                                                                   \
    break;                                                                     \
  case 3:                                                                      \
    CALL(3);                                                                   \
    break;                                                                     \
  case 4:                                                                      \
    CALL(4);                                                                   \
    break;                                                                     \
  case 5:                                                                      \
    CALL(5);                                                                   \
    break;                                                                     \
  case 6:                                                                      \
    CALL(6);                                                                   \
    break;                                                                     \
  case 7:                                                                      \
    CALL(7);                                                                   \
    break;                                                                     \
  case 8:                                                                      \
    CALL(8);                                                                   \
    break;                                                                     \
  default:                                                                     \
    CALL(p);                                                                   \
  }

/* Always inlined where a row loop calls them (a call and a switch a row
 * otherwise: dot alone was 4% of a 10^6-row fit). */
#if defined(__GNUC__) || defined(__clang__)
#define COX_INLINE inline __attribute__((always_inline))
#else
#define COX_INLINE inline
#endif

/* True when every value of column j is -1, 0 or 1 (R's nocenter). */
static int zero_one_col(const double *x, size_t n, size_t p, size_t j) {
  for (size_t i = 0; i < n; i++) {
    double v = x[i * p + j];
    if (v != 0 && v != 1 && v != -1)
      return 0;
  }
  return 1;
}

/* The sums of centre_scale over rows [0, n) of the p columns starting at x,
 * rows ld apart (p <= CENTRE_P): c[j] the weighted sum, one[j] whether
 * every value is -1, 0 or 1 (R's nocenter); returns 0 if some value is not
 * finite. Locals, so that with p a constant the sums stay in registers
 * (SMALL_P); wider x goes through in blocks of CENTRE_P columns. */
#define CENTRE_P 8
static COX_INLINE int centre_sums_n(size_t p, const double *restrict x,
                                    size_t ld, const double *restrict w,
                                    size_t n, double *restrict c,
                                    unsigned char *restrict one, double *wsum) {
  double cs[CENTRE_P], ws = 0;
  unsigned on[CENTRE_P], bad = 0;
  for (size_t j = 0; j < p; j++) {
    cs[j] = 0;
    on[j] = 1;
  }
  for (size_t k = 0; k < n; k++) {
    double wk = w ? w[k] : 1.0;
    const double *xk = x + k * ld;
    ws += wk;
#pragma GCC unroll 8
    for (size_t j = 0; j < p; j++) {
      double v = xk[j];
      bad |= !(fabs(v) <= DBL_MAX);
      cs[j] += wk * v;
      on[j] &= (v == 0) | (fabs(v) == 1);
    }
  }
  for (size_t j = 0; j < p; j++) {
    c[j] = cs[j];
    one[j] = (unsigned char)on[j];
  }
  *wsum = ws;
  return !bad;
}

/* The weighted sums of |x[, j] - c[j]| into a (the same layout). */
static COX_INLINE void mad_sums_n(size_t p, const double *restrict x, size_t ld,
                                  const double *restrict w, size_t n,
                                  const double *restrict c,
                                  double *restrict a) {
  double as[CENTRE_P], cc[CENTRE_P];
  for (size_t j = 0; j < p; j++) {
    as[j] = 0;
    cc[j] = c[j];
  }
  for (size_t k = 0; k < n; k++) {
    double wk = w ? w[k] : 1.0;
    const double *xk = x + k * ld;
#pragma GCC unroll 8
    for (size_t j = 0; j < p; j++)
      as[j] += wk * fabs(xk[j] - cc[j]);
  }
  for (size_t j = 0; j < p; j++)
    a[j] = as[j];
}

/* The reported linear predictor: out[k] = (off[k] - offbar) + sum_j beta[j]
 * (x[k, j] - means[j]) (0 for the offset without one), summed over j in
 * order; the coefficients in locals when p <= CENTRE_P is a constant. */
static COX_INLINE void lp_rows_n(size_t p, const double *restrict x, size_t n,
                                 const double *restrict beta,
                                 const double *restrict means,
                                 const double *restrict off, double offbar,
                                 double *restrict out) {
  if (p > CENTRE_P) {
    for (size_t k = 0; k < n; k++) {
      double e = off ? off[k] - offbar : 0.0;
      for (size_t j = 0; j < p; j++)
        e += beta[j] * (x[k * p + j] - means[j]);
      out[k] = e;
    }
    return;
  }
  double b[CENTRE_P], m[CENTRE_P];
  for (size_t j = 0; j < p; j++) {
    b[j] = beta[j];
    m[j] = means[j];
  }
  for (size_t k = 0; k < n; k++) {
    double e = off ? off[k] - offbar : 0.0;
    const double *xk = x + k * p;
#pragma GCC unroll 8
    for (size_t j = 0; j < p; j++)
      e += b[j] * (xk[j] - m[j]);
    out[k] = e;
  }
}

/* R's doscale: centre[j] and scale[j] (the weighted mean and the weighted
 * mean absolute deviation's inverse; 0 and 1 for a column of -1, 0, 1),
 * summed in row order. SURV_EINVAL when x has a value that is not finite
 * (validate leaves that check to this first pass over x). The sorted copy W->x
 * is then filled with (x - centre) * scale (put_row). */
static int centre_scale(const surv_data *D, cox_work *W) {
  size_t n = W->n, p = W->p, j;
  double wsum = 0;
  int ok = 1;
  unsigned char *skip = malloc(p ? p : 1);
  if (!skip)
    return SURV_ENOMEM;
#define CSUMS(P)                                                               \
  ok = centre_sums_n(P, D->x, p, D->weight, n, W->centre, skip, &wsum)
#define MSUMS(P) mad_sums_n(P, D->x, p, D->weight, n, W->centre, W->scale)
  if (p <= CENTRE_P) {
    SMALL_P(p, CSUMS)
  } else
    for (j = 0; j < p; j += CENTRE_P) {
      size_t pb = p - j < CENTRE_P ? p - j : CENTRE_P;
      ok &= centre_sums_n(pb, D->x + j, p, D->weight, n, W->centre + j,
                          skip + j, &wsum);
    }
  if (!ok) {
    free(skip);
    return SURV_EINVAL;
  }
  for (j = 0; j < p; j++)
    W->centre[j] = skip[j] ? 0.0 : W->centre[j] / wsum;
  /* the sum of |x - m|, then the scale */
  if (p <= CENTRE_P) {
    SMALL_P(p, MSUMS)
  } else
    for (j = 0; j < p; j += CENTRE_P) {
      size_t pb = p - j < CENTRE_P ? p - j : CENTRE_P;
      mad_sums_n(pb, D->x + j, p, D->weight, n, W->centre + j, W->scale + j);
    }
#undef CSUMS
#undef MSUMS
  for (j = 0; j < p; j++) {
    double a = W->scale[j];
    W->scale[j] = skip[j] ? 1.0 : (a > 0 ? wsum / a : 1.0);
  }
  free(skip);
  return SURV_OK;
}

/* Row k of the sorted copy from the caller's row i. */
static void put_row(cox_work *W, const surv_data *D, size_t k, size_t i) {
  size_t p = W->p;
  const double *src = D->x + i * p;
  double *dst = W->x + k * p;
  for (size_t j = 0; j < p; j++)
    dst[j] = (src[j] - W->centre[j]) * W->scale[j];
}

/* The work layout of a right-censored fit without strata (Efron or
 * Breslow, no robust variance) in less memory: 49 bytes a row at p = 5
 * besides the optional weights and offset (the sorted copy of the
 * covariates, the time and the status), no row map (W->src and W->eta are
 * NULL). The time order comes from an in-place radix sort of the time bits
 * (times are >= 0: the top bit is free) and the status below them, so that
 * within a time the censored rows come first and the events last, and a
 * branch on the status in the passes and the concordance changes once a
 * time instead of at random; the row numbers are kept, until the copy is
 * filled, in the copy's own
 * memory: the copy is filled from the last sorted position down, and row
 * k's values (bytes [8pk, 8p(k+1)) of the copy) cover only row numbers
 * 2pk .. 2pk + 2p - 1 >= k, read already (k itself just before). After
 * the fit the copy's memory holds the concordance's linear predictor in
 * the same order (sorted_lp). n < 2^32, p >= 1. */
/* The same order when the data have few distinct times (at most n / 16
 * and TIME_HASH_MAX: times in days, or rounded): the distinct times are
 * found by hashing their bits (a table in cache), sorted alone, and the
 * rows placed by a counting sort on (time, status), two sequential passes
 * and a scatter instead of a byte-by-byte sort of every row. Rows of one
 * time and status keep their input order. Returns 0 (nothing written to
 * idx, key as lean_order leaves it, to be used) when the times are too
 * many or memory is short. */
#define TIME_HASH_MAX ((size_t)1 << 16)
static int lean_order_few(const surv_data *D, uint64_t *key, uint32_t *idx) {
  size_t n = D->n, lim = n / 16 < TIME_HASH_MAX ? n / 16 : TIME_HASH_MAX;
  size_t cap = 128, m = 0, i, b;
  unsigned bits = 7;
  int ok = 0;
  if (lim < 64)
    return 0;
  while (cap < 2 * lim) {
    cap <<= 1;
    bits++;
  }
  uint64_t *hk = malloc(cap * sizeof *hk), *dk = malloc(lim * sizeof *dk);
  uint32_t *hv = malloc(cap * sizeof *hv), *di = malloc(lim * sizeof *di);
  uint32_t *rk = malloc(lim * sizeof *rk);
  size_t *cnt = calloc(2 * lim + 1, sizeof *cnt);
  if (!hk || !dk || !hv || !di || !rk || !cnt)
    goto out;
  memset(hk, 0xff, cap * sizeof *hk); /* no time's bits are all ones */
  for (i = 0; i < n; i++) { /* key[i] = distinct number * 2 + status */
    uint64_t t = surv__time_bits(D->time[i]);
    size_t h = (size_t)((t * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - bits));
    while (hk[h] != t && hk[h] != UINT64_MAX)
      h = (h + 1) & (cap - 1);
    if (hk[h] == UINT64_MAX) {
      if (m == lim)
        goto out; /* too many: the radix sort */
      hk[h] = t;
      hv[h] = (uint32_t)m;
      dk[m] = t;
      di[m] = (uint32_t)m;
      m++;
    }
    key[i] = (uint64_t)hv[h] << 1 | (uint64_t)(D->status[i] != 0);
  }
  surv__flag_sort(dk, di, m); /* dk ascending, di their distinct numbers */
  for (b = 0; b < m; b++)
    rk[di[b]] = (uint32_t)b;
  for (i = 0; i < n; i++) { /* key[i] = bucket (rank * 2 + status) */
    uint64_t q = (uint64_t)rk[key[i] >> 1] << 1 | (key[i] & 1);
    key[i] = q;
    cnt[q + 1]++;
  }
  for (b = 0; b < 2 * m; b++)
    cnt[b + 1] += cnt[b];
  for (i = 0; i < n; i++) /* cnt[b]: the next place of bucket b */
    idx[cnt[key[i]]++] = (uint32_t)i;
  for (b = 0, i = 0; b < 2 * m; b++) /* now cnt[b] = the end of bucket b */
    for (; i < cnt[b]; i++)
      key[i] = dk[b >> 1] << 1 | (uint64_t)(b & 1);
  ok = 1;
out:
  free(hk);
  free(dk);
  free(hv);
  free(di);
  free(rk);
  free(cnt);
  return ok;
}

static void lean_order(const surv_data *D, uint64_t *key, uint32_t *idx) {
  if (lean_order_few(D, key, idx))
    return;
  for (size_t k = 0; k < D->n; k++) {
    key[k] = surv__time_bits(D->time[k]) << 1 | (uint64_t)(D->status[k] != 0);
    idx[k] = (uint32_t)k;
  }
  surv__flag_sort(key, idx, D->n);
}

/* Rows ahead whose caller's covariates are prefetched while gathering. */
#define GATHER_AHEAD 16

static int work_make_lean(const surv_data *D, unsigned flags, cox_work *W) {
  size_t n = D->n, p = D->p, k;
  int rc = SURV_ENOMEM;
  memset(W, 0, sizeof *W);
  W->n = n;
  W->p = p;
  W->ns = 1;
  uint64_t *key = surv__malloc_array(n, sizeof *key);
  W->x = surv__malloc_array(n, p * sizeof(double));
  W->sstart = surv__malloc_array(2, sizeof *W->sstart);
  W->d = malloc(n ? n : 1);
  W->centre = surv__calloc_array(p, sizeof(double));
  W->scale = surv__malloc_array(p, sizeof(double));
  W->scr = surv__malloc_array(4 * p + 4 * p * p + 8, sizeof(double));
  if (D->weight)
    W->w = surv__malloc_array(n, sizeof(double));
  if (D->offset)
    W->off = surv__malloc_array(n, sizeof(double));
  if (!key || !W->x || !W->sstart || !W->d || !W->centre || !W->scale ||
      !W->scr || (D->weight && !W->w) || (D->offset && !W->off)) {
    free(key);
    work_free(W);
    return rc;
  }
  W->sstart[0] = 0;
  W->sstart[1] = n;
  if ((rc = centre_scale(D, W)) != SURV_OK) {
    free(key);
    work_free(W);
    return rc;
  }
  uint32_t *idx = (uint32_t *)(void *)W->x;
  lean_order(D, key, idx);
  for (k = n; k-- > 0;) {
    size_t i = idx[k];
    if (k >= GATHER_AHEAD) { /* the rows gathered a few steps later */
      size_t ia = idx[k - GATHER_AHEAD];
      __builtin_prefetch(D->x + ia * p);
      __builtin_prefetch(D->x + ia * p + p - 1); /* a row over two lines */
      __builtin_prefetch(D->status + ia);
    }
    W->d[k] = (unsigned char)D->status[i];
    if (W->w)
      W->w[k] = D->weight[i];
    if (W->off)
      W->off[k] = D->offset[i];
    put_row(W, D, k, i); /* row k's slots hold row numbers >= k, read */
  }
  /* the sorted time bits become the times */
  W->t = (double *)(void *)key;
  for (k = 0; k < n; k++) {
    double tk;
    uint64_t b = key[k] >> 1;
    memcpy(&tk, &b, sizeof tk);
    W->t[k] = tk;
  }
  if (!(flags & SURV_NO_TIMEFIX))
    surv__timefix_sorted(W->t, n, W->t);
  return SURV_OK;
}

static int work_make(const surv_data *D, unsigned flags, int ties,
                     cox_work *W) {
  size_t n = D->n, p = D->p, k;
  size_t *order = NULL, *sidx = NULL;
  double *ts = NULL, *te = NULL, *tt = NULL;
  int rc = SURV_ENOMEM;
  memset(W, 0, sizeof *W);
  W->n = n;
  W->p = p;
  W->ns = 1;
  W->counting = D->entry != NULL;
  W->exact = ties == SURV_TIES_EXACT;
  order = surv__malloc_array(n, sizeof *order);
  W->src = surv__malloc_array(n, sizeof *W->src);
  W->t = surv__malloc_array(n, sizeof *W->t);
  if (!order || !W->src || !W->t)
    goto done;
  /* times after timefix, in input order for counting data */
  const double *stop = D->time;
  if (W->counting) {
    te = surv__malloc_array(n, sizeof *te);
    tt = surv__malloc_array(n, sizeof *tt);
    if (!te || !tt)
      goto done;
    if (flags & SURV_NO_TIMEFIX) {
      memcpy(te, D->entry, n * sizeof *te);
      memcpy(tt, D->time, n * sizeof *tt);
    } else if ((rc = surv__timefix_counting(D->entry, D->time, n, te, tt)) !=
               SURV_OK)
      goto done;
    rc = SURV_ENOMEM;
    stop = tt;
  }
  ts = surv__malloc_array(n, sizeof *ts);
  if (!ts)
    goto done;
  if (surv__sort_times(stop, n, W->counting || (flags & SURV_NO_TIMEFIX) != 0,
                       order, ts) != SURV_OK)
    goto done;
  /* ts[k] = time of order[k]; store per-row fixed time for the bucket pass */
  W->sstart = surv__malloc_array(2, sizeof *W->sstart);
  if (!W->sstart)
    goto done;
  if (D->strata != NULL) {
    sidx = surv__malloc_array(n, sizeof *sidx);
    if (!sidx)
      goto done;
    if (surv__labels(D->strata, n, &W->slab, &W->ns, sidx) != SURV_OK)
      goto done;
    free(W->sstart);
    W->sstart = surv__malloc_array(W->ns + 1, sizeof *W->sstart);
    if (!W->sstart)
      goto done;
    /* ts is in sorted order; remember each row's fixed time by row */
    double *byrow = surv__malloc_array(n, sizeof *byrow);
    size_t *cur = surv__malloc_array(W->ns + 1, sizeof *cur);
    if (!byrow || !cur) {
      free(byrow);
      free(cur);
      goto done;
    }
    for (k = 0; k < n; k++)
      byrow[order[k]] = ts[k];
    bucket_by_stratum(order, sidx, n, W->ns, W->sstart, cur, W->src);
    for (k = 0; k < n; k++)
      W->t[k] = byrow[W->src[k]];
    free(byrow);
    free(cur);
  } else {
    W->sstart[0] = 0;
    W->sstart[1] = n;
    memcpy(W->src, order, n * sizeof *order);
    memcpy(W->t, ts, n * sizeof *ts);
  }
  /* sorted copies */
  W->x = surv__malloc_array(n, p * sizeof(double));
  W->d = malloc(n ? n : 1);
  W->eta = surv__malloc_array(n, sizeof(double));
  W->centre = surv__calloc_array(p, sizeof(double));
  W->scale = surv__malloc_array(p, sizeof(double));
  if (!W->x || !W->d || !W->eta || !W->centre || !W->scale)
    goto done;
  if (D->weight) {
    if (!(W->w = surv__malloc_array(n, sizeof(double))))
      goto done;
    for (k = 0; k < n; k++)
      W->w[k] = D->weight[W->src[k]];
  }
  if (D->offset) {
    if (!(W->off = surv__malloc_array(n, sizeof(double))))
      goto done;
    for (k = 0; k < n; k++)
      W->off[k] = D->offset[W->src[k]];
  }
  if ((rc = centre_scale(D, W)) != SURV_OK)
    goto done;
  rc = SURV_ENOMEM;
  for (k = 0; k < n; k++) {
    W->d[k] = (unsigned char)D->status[W->src[k]];
    put_row(W, D, k, W->src[k]);
  }
  if (W->counting) {
    if (!(W->t0 = surv__malloc_array(n, sizeof(double))))
      goto done;
    for (k = 0; k < n; k++)
      W->t0[k] = te[W->src[k]];
    /* order by (stratum, entry): radix on entry of sorted positions, then
     * stable by stratum index of the position */
    W->eord = surv__malloc_array(n, sizeof(size_t));
    if (!W->eord)
      goto done;
    if (surv__time_order(W->t0, n, order) != SURV_OK)
      goto done;
    if (W->ns > 1) {
      size_t *ps = surv__malloc_array(n, sizeof *ps), s;
      size_t *st2 = surv__malloc_array(2 * (W->ns + 1), sizeof *st2);
      if (!ps || !st2) {
        free(ps);
        free(st2);
        goto done;
      }
      for (s = 0; s < W->ns; s++)
        for (k = W->sstart[s]; k < W->sstart[s + 1]; k++)
          ps[k] = s;
      bucket_by_stratum(order, ps, n, W->ns, st2, st2 + W->ns + 1, W->eord);
      free(ps);
      free(st2);
    } else
      memcpy(W->eord, order, n * sizeof *order);
  }
  W->scr = surv__malloc_array(4 * p + 4 * p * p + 8, sizeof(double));
  if (!W->scr)
    goto done;
  rc = SURV_OK;
done:
  free(order);
  free(sidx);
  free(ts);
  free(te);
  free(tt);
  if (rc != SURV_OK)
    work_free(W);
  return rc;
}

/* ---- one pass: log partial likelihood, score, information --------------- */

/* add (sign = +1) or remove (-1) risk r at covariates xk to denom, a, cmat
 * (lower triangle) */
static inline void acc_n(size_t p, double r, const double *restrict xk,
                         double *restrict a, double *restrict cmat) {
#pragma GCC unroll 8
  for (size_t i = 0; i < p; i++) {
    double rx = r * xk[i];
    a[i] += rx;
    double *ci = cmat + i * p;
#pragma GCC unroll 8
    for (size_t j = 0; j <= i; j++)
      ci[j] += rx * xk[j];
  }
}

/* e + beta'x and u += w x, the other per-row loops of a pass. */
static inline double dot_n(size_t p, const double *beta, const double *xm,
                           double e) {
#pragma GCC unroll 8
  for (size_t j = 0; j < p; j++)
    e += beta[j] * xm[j];
  return e;
}

static inline void axpy_n(size_t p, double w, const double *restrict xm,
                          double *restrict u) {
#pragma GCC unroll 8
  for (size_t i = 0; i < p; i++)
    u[i] += w * xm[i];
}

static COX_INLINE void acc(size_t p, double r, const double *xk, double *a,
                           double *cmat) {
#define ACC(P) acc_n(P, r, xk, a, cmat)
  SMALL_P(p, ACC)
#undef ACC
}

static COX_INLINE double dot(size_t p, const double *beta, const double *xm,
                             double e) {
#define DOT(P) e = dot_n(P, beta, xm, e)
  SMALL_P(p, DOT)
#undef DOT
  return e;
}

static COX_INLINE void axpy(size_t p, double w, const double *xm, double *u) {
#define AXPY(P) axpy_n(P, w, xm, u)
  SMALL_P(p, AXPY)
#undef AXPY
}

static void fill_eta(const cox_work *W, const double *beta) {
  for (size_t k = 0; k < W->n; k++)
    W->eta[k] = dot(W->p, beta, W->x + k * W->p, W->off ? W->off[k] : 0.0);
}

/* The baseline hazard table's row brow at an event time (R's agsurv, as
 * baseline() computes it) from a pass's sums over the risk set: denom and
 * a (sum of risk x, internal scale) with the time's nev weighted events
 * included; the risk scores are baseline()'s divided by W->bes. Breslow, or
 * a single event. */
static void bl_breslow(const cox_work *W, size_t brow, double nev, double denom,
                       const double *a) {
  size_t p = W->p;
  double wrisk = denom * W->bes, haz = nev / wrisk, *xb = W->bxbar + brow * p;
  W->bhaz[brow] = haz;
  W->bvarhaz[brow] = nev / (wrisk * wrisk);
  for (size_t i = 0; i < p; i++) /* x - means = x_int / scale (lean) */
    xb[i] = a[i] * W->bes / W->scale[i] / wrisk * haz;
}

/* Efron with nd >= 2 tied events of weight nev: the j-th (j = 0..nd-1)
 * sees wrisk - c_j erisk, c_j = j / nd, that is denom + (1 - c_j) denom2 of
 * the pass (times W->bes); the pass's sums over its d terms give
 * s0 = sum 1 / dn, q0 = sum 1 / dn^2 and q3 = sum j / dn^2. a: the
 * earlier risk set's sums, a2: the events'. */
static void bl_efron(const cox_work *W, size_t brow, double nev, size_t nd,
                     double s0, double q0, double q3, const double *a,
                     const double *a2) {
  size_t p = W->p;
  double es = W->bes, dd = (double)nd, *xb = W->bxbar + brow * p;
  double s1 = s0 / es / dd, s2 = q0 / (es * es) / dd,
         s3 = q3 / dd / (es * es) / dd;
  W->bhaz[brow] = nev * s1;
  W->bvarhaz[brow] = nev * s2;
  for (size_t i = 0; i < p; i++) {
    double xs1 = (a[i] + a2[i]) * es / W->scale[i];
    double xs2 = a2[i] * es / W->scale[i];
    xb[i] = nev * (xs1 * s2 - xs2 * s3);
  }
}

/* Breslow / Efron pass (coxfit6 and agfit4 arithmetic). Returns the log
 * partial likelihood; u (p) and imat (p x p, full) are overwritten. */
static double pass_be(const cox_work *W, int efron, const double *beta,
                      double *u, double *imat) {
  size_t p = W->p, s, i, j;
  double *a = W->scr, *a2 = a + p, *cmat = a2 + p, *cmat2 = cmat + p * p;
  double ll = 0;
  memset(u, 0, p * sizeof *u);
  memset(imat, 0, p * p * sizeof *imat);
  if (W->counting) /* rows leaving the risk set need eta in entry order */
    fill_eta(W, beta);
  /* at beta = 0 without an offset (iteration 0) every eta is exactly 0 and
   * every exp(eta) exactly 1 */
  int zero = !W->counting && !W->off;
  for (j = 0; j < p && zero; j++)
    zero = beta[j] == 0.0;
  for (s = 0; s < W->ns; s++) {
    size_t lo = W->sstart[s], hi = W->sstart[s + 1];
    size_t k = hi, r = hi, nrisk = 0, grp = 0;
    double denom = 0, recenter = 0, etasum = 0;
    memset(a, 0, p * sizeof *a);
    memset(cmat, 0, p * p * sizeof *cmat);
    memset(a2, 0, p * sizeof *a2);
    memset(cmat2, 0, p * p * sizeof *cmat2);
    while (k > lo) {
      double dtime = W->t[k - 1], denom2 = 0, deadwt = 0;
      size_t deaths = 0, g = k;
      while (g > lo && W->t[g - 1] == dtime)
        g--;
      for (size_t m = g; m < k; m++) {
        const double *xm = W->x + m * p;
        double wm = W->w ? W->w[m] : 1.0, em;
        if (W->counting) {
          em = W->eta[m];
        } else { /* fill_eta's arithmetic while the row is in cache */
          em = zero ? 0.0 : dot(p, beta, xm, W->off ? W->off[m] : 0.0);
          if (W->eta) /* else a lean fit: baseline recomputes it */
            W->eta[m] = em;
        }
        nrisk++;
        etasum += em;
        if (W->counting && fabs(etasum / (double)nrisk - recenter) > 200) {
          double shift = etasum / (double)nrisk - recenter;
          recenter += shift;
          if (denom > 0) {
            double f = exp(-shift);
            denom *= f;
            for (i = 0; i < p; i++) {
              a[i] *= f;
              for (j = 0; j <= i; j++)
                cmat[i * p + j] *= f;
            }
          }
          if (denom2 > 0) {
            double f = exp(-shift);
            denom2 *= f;
            ll -= deadwt * shift; /* earlier events' eta - recenter */
            for (i = 0; i < p; i++) {
              a2[i] *= f;
              for (j = 0; j <= i; j++)
                cmat2[i * p + j] *= f;
            }
          }
        }
        double risk = zero ? wm : surv__exp(em - recenter) * wm;
        if (W->d[m]) {
          deaths++;
          deadwt += wm;
          denom2 += risk;
          ll += wm * (em - recenter);
          axpy(p, wm, xm, u);
          acc(p, risk, xm, a2, cmat2);
        } else {
          denom += risk;
          acc(p, risk, xm, a, cmat);
        }
      }
      k = g;
      size_t brow = grp++; /* this time's row of the baseline table */
      if (deaths == 0)
        continue;
      if (W->counting) { /* rows whose entry is at or after dtime leave */
        while (r > lo && W->t0[W->eord[r - 1]] >= dtime) {
          size_t q = W->eord[--r];
          nrisk--;
          if (nrisk == 0) {
            etasum = 0;
            denom = 0;
            memset(a, 0, p * sizeof *a);
            memset(cmat, 0, p * p * sizeof *cmat);
          } else {
            etasum -= W->eta[q];
            double risk =
                surv__exp(W->eta[q] - recenter) * (W->w ? W->w[q] : 1.0);
            denom -= risk;
            acc(p, -risk, W->x + q * p, a, cmat);
          }
        }
      }
      if (!efron || deaths == 1) {
        denom += denom2;
        ll -= deadwt * log(denom);
        for (i = 0; i < p; i++) {
          a[i] += a2[i];
          double mi = a[i] / denom;
          u[i] -= deadwt * mi;
          for (j = 0; j <= i; j++) {
            cmat[i * p + j] += cmat2[i * p + j];
            imat[i * p + j] += deadwt * (cmat[i * p + j] - mi * a[j]) / denom;
          }
        }
        if (W->bhaz)
          bl_breslow(W, brow, deadwt, denom, a);
      } else {
        /* Efron: the j-th of the d tied deaths (j = 1..d) sees
         * denom + c_j denom2, a + c_j a2 and cmat + c_j cmat2 with
         * c_j = j / d (the order of the terms does not matter). Their sums
         * need only the scalar sums S0..Q2 below, so a tie group costs
         * O(d + p^2), not O(d p^2). */
        double meanwt = deadwt / (double)deaths, dd = (double)deaths;
        double s0 = 0, s1 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        /* sum log dn = log prod dn: one log per run of factors in
         * [2^-100, 2^100] while the product stays in [2^-900, 2^900] */
        double prod = 1.0;
        for (size_t kk = 1; kk <= deaths; kk++) {
          double c = (double)kk / dd, dn = denom + c * denom2, inv = 1 / dn;
          if (dn < 0x1p100 && dn > 0x1p-100 && prod < 0x1p900 &&
              prod > 0x1p-900)
            prod *= dn;
          else {
            ll -= meanwt * log(prod);
            prod = 1.0;
            ll -= meanwt * log(dn);
          }
          s0 += inv;
          s1 += c * inv;
          q0 += inv * inv;
          q1 += c * inv * inv;
          q2 += c * c * inv * inv;
          q3 += (double)(deaths - kk) * inv * inv; /* bl_efron */
        }
        ll -= meanwt * log(prod);
        if (W->bhaz)
          bl_efron(W, brow, deadwt, deaths, s0, q0, q3, a, a2);
        for (i = 0; i < p; i++) {
          u[i] -= meanwt * (a[i] * s0 + a2[i] * s1);
          for (j = 0; j <= i; j++)
            imat[i * p + j] +=
                meanwt *
                (cmat[i * p + j] * s0 + cmat2[i * p + j] * s1 -
                 (a[i] * a[j] * q0 + (a[i] * a2[j] + a2[i] * a[j]) * q1 +
                  a2[i] * a2[j] * q2));
        }
        denom += denom2;
        for (i = 0; i < p; i++) {
          a[i] += a2[i];
          for (j = 0; j <= i; j++)
            cmat[i * p + j] += cmat2[i * p + j];
        }
      }
      memset(a2, 0, p * sizeof *a2);
      memset(cmat2, 0, p * p * sizeof *cmat2);
    }
  }
  for (i = 0; i < p; i++)
    for (j = 0; j < i; j++)
      imat[j * p + i] = imat[i * p + j];
  return ll;
}

/* Exact (discrete) likelihood pass: at each event time with d tied events and
 * m rows at risk, the elementary symmetric polynomial e_d of the risk scores
 * and its first and second derivatives by the recursion over the risk set. */
static double pass_exact(const cox_work *W, const double *beta, double *u,
                         double *imat, double *dp, size_t dmax) {
  size_t p = W->p, s, i, j;
  size_t stride = 1 + p + p * p; /* per order: e0, e1[p], e2[p*p] */
  double ll = 0;
  memset(u, 0, p * sizeof *u);
  memset(imat, 0, p * p * sizeof *imat);
  fill_eta(W, beta);
  for (s = 0; s < W->ns; s++) {
    size_t lo = W->sstart[s], hi = W->sstart[s + 1];
    size_t k = lo;
    while (k < hi) {
      double dtime = W->t[k];
      size_t g = k, deaths = 0;
      while (g < hi && W->t[g] == dtime) {
        deaths += W->d[g];
        g++;
      }
      if (deaths > 0) {
        /* centre the exponent at the largest linear predictor at risk */
        double c = -INFINITY;
        for (size_t m = k; m < hi; m++)
          if (!W->counting || W->t0[m] < dtime)
            if (W->eta[m] > c)
              c = W->eta[m];
        memset(dp, 0, (deaths + 1) * stride * sizeof *dp);
        dp[0] = 1;
        for (size_t m = k; m < hi; m++) {
          if (W->counting && !(W->t0[m] < dtime))
            continue;
          const double *xm = W->x + m * p;
          double r = exp(W->eta[m] - c);
          for (size_t q = deaths; q >= 1; q--) {
            double *cur = dp + q * stride, *prev = dp + (q - 1) * stride;
            for (i = 0; i < p; i++)
              for (j = 0; j <= i; j++)
                cur[1 + p + i * p + j] +=
                    r * (prev[1 + p + i * p + j] + xm[i] * prev[1 + j] +
                         xm[j] * prev[1 + i] + xm[i] * xm[j] * prev[0]);
            for (i = 0; i < p; i++)
              cur[1 + i] += r * (prev[1 + i] + xm[i] * prev[0]);
            cur[0] += r * prev[0];
          }
        }
        const double *e = dp + deaths * stride;
        double e0 = e[0];
        ll -= log(e0) + (double)deaths * c;
        for (size_t m = k; m < g; m++)
          if (W->d[m]) {
            ll += W->eta[m];
            for (i = 0; i < p; i++)
              u[i] += W->x[m * p + i];
          }
        for (i = 0; i < p; i++) {
          double d1i = e[1 + i] / e0;
          u[i] -= d1i;
          for (j = 0; j <= i; j++)
            imat[i * p + j] += e[1 + p + i * p + j] / e0 - d1i * e[1 + j] / e0;
        }
      }
      k = g;
    }
  }
  (void)dmax;
  for (i = 0; i < p; i++)
    for (j = 0; j < i; j++)
      imat[j * p + i] = imat[i * p + j];
  return ll;
}

/* ---- linear algebra (survival's cholesky2 / chsolve2 / chinv2) ---------- */

/* v = generalised inverse of the factor f (from surv__cholesky2); aliased
 * pivots give zero rows and columns. */
static void chinv(const double *f, size_t p, double *v, double *col) {
  for (size_t j = 0; j < p; j++) {
    memset(col, 0, p * sizeof *col);
    col[j] = 1;
    surv__chsolve2(f, p, col);
    for (size_t i = 0; i < p; i++)
      v[i * p + j] = col[i];
  }
  for (size_t i = 0; i < p; i++)
    for (size_t j = 0; j < i; j++) {
      double m = 0.5 * (v[i * p + j] + v[j * p + i]);
      v[i * p + j] = v[j * p + i] = m;
    }
}

/* b' V^- b with V factored at toler (R's coxph.wtest); *rank set. */
static double wtest(const double *V, const double *b, size_t p, double toler,
                    double *work, int *rank) {
  double *f = work, *y = work + p * p;
  memcpy(f, V, p * p * sizeof *f);
  *rank = surv__cholesky2(f, p, toler);
  memcpy(y, b, p * sizeof *y);
  surv__chsolve2(f, p, y);
  double t = 0;
  for (size_t i = 0; i < p; i++)
    t += b[i] * y[i];
  return t;
}

/* ---- Newton-Raphson ----------------------------------------------------- */

typedef struct {
  double ll0, ll, sctest;
  int iter, converged, rank;
  double *beta, *u, *imat, *var; /* internal scale */
} nr_out;

/* Exact marginal likelihood pass (SAS TIES=EXACT): at each event time the
 * tied events and the rest of the risk set go to the kernel of
 * lib/cox_marginal.c. O(m) per event time for m at risk, as pass_exact.
 * NaN when the kernel fails (its quadrature or memory). */
static double pass_marginal(const cox_work *W, const double *beta, double *u,
                            double *imat) {
  size_t p = W->p, n = W->n;
  double ll = 0;
  double *r = surv__malloc_array(n, sizeof *r);
  double *xd = surv__malloc_array(n, p * sizeof *xd);
  double *s1 = surv__malloc_array(p + p * p, sizeof *s1), *s2 = s1 + p;
  memset(u, 0, p * sizeof *u);
  memset(imat, 0, p * p * sizeof *imat);
  if (!r || !xd || !s1) {
    ll = NAN;
    goto out;
  }
  fill_eta(W, beta);
  for (size_t s = 0; s < W->ns; s++) {
    size_t lo = W->sstart[s], hi = W->sstart[s + 1], k = lo;
    while (k < hi) {
      double dtime = W->t[k];
      size_t g = k, deaths = 0;
      while (g < hi && W->t[g] == dtime)
        deaths += W->d[g++];
      if (deaths > 0) {
        double c = -INFINITY, sc = 0;
        size_t nd = 0;
        for (size_t m = k; m < hi; m++)
          if ((!W->counting || W->t0[m] < dtime) && W->eta[m] > c)
            c = W->eta[m];
        memset(s1, 0, (p + p * p) * sizeof *s1);
        for (size_t m = k; m < hi; m++) {
          if (W->counting && !(W->t0[m] < dtime))
            continue;
          const double *xm = W->x + m * p;
          double rm = exp(W->eta[m] - c);
          if (m < g && W->d[m]) {
            r[nd] = rm;
            memcpy(xd + nd * p, xm, p * sizeof *xd);
            nd++;
          } else {
            sc += rm;
            for (size_t i = 0; i < p; i++) {
              s1[i] += rm * xm[i];
              for (size_t j = 0; j < p; j++)
                s2[i * p + j] += rm * xm[i] * xm[j];
            }
          }
        }
        if (surv__cox_marginal_add(nd, p, r, xd, sc, s1, s2, &ll, u, imat)) {
          ll = NAN;
          goto out;
        }
      }
      k = g;
    }
  }
out:
  free(r);
  free(xd);
  free(s1);
  return ll;
}

static double do_pass(const cox_work *W, int ties, const double *beta,
                      double *u, double *imat, double *dp, size_t dmax) {
  if (ties == SURV_TIES_EXACT)
    return pass_exact(W, beta, u, imat, dp, dmax);
  if (ties == SURV_TIES_EXACT_MARGINAL)
    return pass_marginal(W, beta, u, imat);
  return pass_be(W, ties == SURV_TIES_EFRON, beta, u, imat);
}

static int all_finite(const double *v, size_t m) {
  for (size_t i = 0; i < m; i++)
    if (!isfinite(v[i]))
      return 0;
  return 1;
}

/* Runs the iterations; nr->beta holds the initial values on entry. The
 * policy is coxfit6's for right-censored Breslow/Efron, agfit4's for
 * (start, stop] data and coxexact's for ties = exact. */
static int newton(const cox_work *W, int ties, unsigned maxiter, double eps,
                  double toler, nr_out *nr, double *dp, size_t dmax) {
  size_t p = W->p;
  double *newbeta = malloc(p * sizeof *newbeta);
  double *oldbeta = malloc(p * sizeof *oldbeta);
  double *a = malloc(p * sizeof *a);
  double *fac = malloc(p * p * sizeof *fac);
  double *col = malloc(p * sizeof *col);
  if (!newbeta || !oldbeta || !a || !fac || !col) {
    free(newbeta);
    free(oldbeta);
    free(a);
    free(fac);
    free(col);
    return SURV_ENOMEM;
  }
  double *beta = nr->beta, *u = nr->u, *imat = nr->imat;
  double newlk, best;
  int halving = 0, done = 0;
  unsigned it;
  nr->converged = 0;
  /* iteration 0 */
  newlk = do_pass(W, ties, beta, u, imat, dp, dmax);
  nr->ll0 = best = newlk;
  memcpy(fac, imat, p * p * sizeof *fac);
  nr->rank = surv__cholesky2(fac, p, toler);
  memcpy(a, u, p * sizeof *a);
  surv__chsolve2(fac, p, a);
  nr->sctest = 0;
  for (size_t i = 0; i < p; i++)
    nr->sctest += u[i] * a[i];
  nr->iter = 0;
  if (!isfinite(newlk)) {
    nr->ll = newlk;
    chinv(fac, p, nr->var, col);
    goto out;
  }
  if (ties != SURV_TIES_EXACT && !W->counting) {
    /* coxfit6 */
    for (size_t i = 0; i < p; i++)
      newbeta[i] = beta[i] + a[i];
    halving = 0;
    for (it = 1; it <= maxiter; it++) {
      nr->iter = (int)it;
      newlk = do_pass(W, ties, newbeta, u, imat, dp, dmax);
      memcpy(fac, imat, p * p * sizeof *fac);
      nr->rank = surv__cholesky2(fac, p, toler);
      int notfinite =
          !all_finite(u, p) || !all_finite(imat, p * p) || !isfinite(newlk);
      if (!notfinite && fabs(1 - best / newlk) <= eps) {
        nr->ll = newlk;
        memcpy(beta, newbeta, p * sizeof *beta);
        chinv(fac, p, nr->var, col);
        nr->converged = 1;
        done = 1;
        break;
      }
      if (notfinite || newlk < best) {
        halving++;
        for (size_t i = 0; i < p; i++)
          newbeta[i] = (newbeta[i] + halving * beta[i]) / (halving + 1.0);
      } else {
        halving = 0;
        best = newlk;
        memcpy(a, u, p * sizeof *a);
        surv__chsolve2(fac, p, a);
        for (size_t i = 0; i < p; i++) {
          beta[i] = newbeta[i];
          newbeta[i] += a[i];
        }
      }
    }
    if (!done) { /* ran out: report the best point */
      nr->iter = (int)maxiter;
      nr->ll = do_pass(W, ties, beta, u, imat, dp, dmax);
      memcpy(fac, imat, p * p * sizeof *fac);
      nr->rank = surv__cholesky2(fac, p, toler);
      chinv(fac, p, nr->var, col);
    }
    goto out;
  }
  /* agfit4 (and coxexact: halving always to the midpoint, no finiteness
   * checks) */
  {
    int rank0 = nr->rank;
    memcpy(oldbeta, beta, p * sizeof *beta);
    for (size_t i = 0; i < p; i++)
      beta[i] += a[i];
    for (it = 1; it <= maxiter; it++) {
      nr->iter = (int)it;
      newlk = do_pass(W, ties, beta, u, imat, dp, dmax);
      memcpy(fac, imat, p * p * sizeof *fac);
      int fail = 0, rank2;
      if (ties != SURV_TIES_EXACT)
        for (size_t i = 0; i < p; i++)
          if (!isfinite(imat[i * p + i]))
            fail++;
      rank2 = surv__cholesky2(fac, p, toler);
      if (ties != SURV_TIES_EXACT)
        fail += !isfinite(newlk) + abs(rank0 - rank2);
      else
        nr->rank = rank2;
      if (fail == 0 && halving == 0 && fabs(1 - best / newlk) <= eps) {
        nr->converged = 1;
        break;
      }
      if (it == maxiter) {
        if (ties != SURV_TIES_EXACT && maxiter > 1 &&
            (newlk - best) / fabs(best) < -eps) {
          memcpy(beta, oldbeta, p * sizeof *beta);
          newlk = do_pass(W, ties, beta, u, imat, dp, dmax);
          memcpy(fac, imat, p * p * sizeof *fac);
          surv__cholesky2(fac, p, toler);
        }
        break;
      }
      if (fail > 0 || newlk < best) {
        halving++;
        for (size_t i = 0; i < p; i++) {
          if (ties == SURV_TIES_EXACT)
            beta[i] = (oldbeta[i] + beta[i]) / 2;
          else
            beta[i] = (oldbeta[i] * halving + beta[i]) / (halving + 1.0);
        }
      } else {
        halving = 0;
        best = newlk;
        memcpy(a, u, p * sizeof *a);
        surv__chsolve2(fac, p, a);
        for (size_t i = 0; i < p; i++) {
          oldbeta[i] = beta[i];
          beta[i] += a[i];
        }
      }
    }
    if (maxiter == 0)
      memcpy(fac, imat, p * p * sizeof *fac), surv__cholesky2(fac, p, toler);
    if (ties != SURV_TIES_EXACT)
      nr->rank = rank0;
    nr->ll = newlk;
    chinv(fac, p, nr->var, col);
  }
out:
  free(newbeta);
  free(oldbeta);
  free(a);
  free(fac);
  free(col);
  return SURV_OK;
}

/* ---- score residuals (R's coxscore2 / agscore3 with Efron's weights) ---- */

/* res[k * p + j] = weighted score residual of sorted row k (internal scale)
 * for linear predictor eta (sorted order, W->eta). O((n + d) p) time,
 * O(G p) memory for G event times. Breslow's or Efron's hazard pieces; the
 * exact method uses Breslow's (as R's residuals.coxph does). */
static int score_resid(const cox_work *W, int efron, double *res) {
  size_t p = W->p, s, i;
  size_t n = W->n;
  /* per event time of each stratum, in descending walk order: H, HX (p),
   * and the death-row variants Hd, HXd (p), the time. */
  size_t ng = 0;
  for (size_t k = 0; k < n; k++)
    if (W->d[k] && (k + 1 == n || W->t[k + 1] != W->t[k] || 1))
      ng++; /* upper bound: one per event row */
  size_t gs = 2 + 2 * p;
  double *G = surv__malloc_array(ng ? ng : 1, (gs + 1) * sizeof(double));
  double *a = W->scr, *a2 = a + p, *xb = a2 + p;
  if (!G)
    return SURV_ENOMEM;
  memset(res, 0, n * p * sizeof *res);
  for (s = 0; s < W->ns; s++) {
    size_t lo = W->sstart[s], hi = W->sstart[s + 1];
    size_t k = hi, r = hi, nrisk = 0, gcount = 0;
    double denom = 0, recenter = 0, etasum = 0;
    memset(a, 0, p * sizeof *a);
    /* pass 1 (descending): hazard pieces per event time */
    while (k > lo) {
      double dtime = W->t[k - 1], denom2 = 0, deadwt = 0;
      size_t deaths = 0, g = k;
      while (g > lo && W->t[g - 1] == dtime)
        g--;
      memset(a2, 0, p * sizeof *a2);
      for (size_t m = g; m < k; m++) {
        double wm = W->w ? W->w[m] : 1.0;
        nrisk++;
        etasum += W->eta[m];
        if (fabs(etasum / (double)nrisk - recenter) > 200) {
          double shift = etasum / (double)nrisk - recenter, f = exp(-shift);
          recenter += shift;
          denom *= f;
          denom2 *= f;
          for (i = 0; i < p; i++) {
            a[i] *= f;
            a2[i] *= f;
          }
        }
        double risk = exp(W->eta[m] - recenter) * wm;
        if (W->d[m]) {
          deaths++;
          deadwt += wm;
          denom2 += risk;
          for (i = 0; i < p; i++)
            a2[i] += risk * W->x[m * p + i];
        } else {
          denom += risk;
          for (i = 0; i < p; i++)
            a[i] += risk * W->x[m * p + i];
        }
      }
      k = g;
      if (deaths == 0)
        continue;
      if (W->counting)
        while (r > lo && W->t0[W->eord[r - 1]] >= dtime) {
          size_t q = W->eord[--r];
          nrisk--;
          if (nrisk == 0) {
            etasum = 0;
            denom = 0;
            memset(a, 0, p * sizeof *a);
          } else {
            etasum -= W->eta[q];
            double risk = exp(W->eta[q] - recenter) * (W->w ? W->w[q] : 1.0);
            denom -= risk;
            for (i = 0; i < p; i++)
              a[i] -= risk * W->x[q * p + i];
          }
        }
      /* hazard pieces are relative to exp(recenter): a row's share is
       * exp(eta - recenter) times them */
      double *gr = G + (gcount++) * (gs + 1);
      memset(gr, 0, (gs + 1) * sizeof *gr);
      gr[gs] = dtime;
      double *H = gr, *HX = gr + 1, *Hd = gr + 1 + p, *HXd = gr + 2 + p;
      (void)recenter;
      if (!efron || deaths == 1) {
        denom += denom2;
        for (i = 0; i < p; i++)
          a[i] += a2[i];
        double dl = deadwt / denom;
        *H = dl;
        *Hd = dl;
        for (i = 0; i < p; i++) {
          xb[i] = a[i] / denom;
          HX[i] = xb[i] * dl;
          HXd[i] = HX[i];
        }
        /* event part uses xbar itself: store it after the block (reuse
         * HXd with Hd to derive: xbar = HX / H) */
      } else {
        double meanwt = deadwt / (double)deaths, dd = (double)deaths;
        for (size_t kk = 0; kk < deaths; kk++) {
          denom += denom2 / dd;
          for (i = 0; i < p; i++)
            a[i] += a2[i] / dd;
          double dl = meanwt / denom, frac = (kk + 1) / dd;
          *H += dl;
          *Hd += frac * dl;
          for (i = 0; i < p; i++) {
            double xbi = a[i] / denom;
            HX[i] += xbi * dl;
            HXd[i] += frac * xbi * dl;
          }
        }
      }
      /* rescale the pieces to absolute units: multiply by exp(-recenter) so
       * that a row's share is exp(eta) * piece */
      double f = exp(-recenter);
      *H *= f;
      *Hd *= f;
      for (i = 0; i < p; i++) {
        HX[i] *= f;
        HXd[i] *= f;
      }
    }
    /* Event part needs the mean of xbar over Efron's pieces: for a death at
     * time g, (1/d) sum_j xbar_j. Computed in pass 2 from a second walk; here
     * we store per event time the average xbar in an extra sweep below. */
    /* pass 2: cumulative sums ascending in time, then each row */
    /* G rows are in descending time; build ascending cumulative arrays */
    size_t ng_s = gcount;
    double *cum = surv__malloc_array(ng_s + 1, (1 + p) * sizeof(double));
    if (!cum) {
      free(G);
      return SURV_ENOMEM;
    }
    /* cum[q] = sum of (H, HX) over event times with index < q ascending */
    memset(cum, 0, (1 + p) * sizeof(double));
    for (size_t q = 0; q < ng_s; q++) {
      const double *gr = G + (ng_s - 1 - q) * (gs + 1);
      double *c0 = cum + q * (1 + p), *c1 = cum + (q + 1) * (1 + p);
      c1[0] = c0[0] + gr[0];
      for (i = 0; i < p; i++)
        c1[1 + i] = c0[1 + i] + gr[1 + i];
    }
    /* for each row: risk part over event times in (entry, stop] */
    size_t q = 0; /* number of event times <= t[m], walking ascending */
    for (size_t m = lo; m < hi; m++) {
      double tm = W->t[m];
      while (q < ng_s && G[(ng_s - 1 - q) * (gs + 1) + gs] <= tm)
        q++;
      size_t q0 = 0;
      if (W->counting) { /* event times <= entry: binary search */
        size_t blo = 0, bhi = ng_s;
        while (blo < bhi) {
          size_t mid = blo + (bhi - blo) / 2;
          if (G[(ng_s - 1 - mid) * (gs + 1) + gs] <= W->t0[m])
            blo = mid + 1;
          else
            bhi = mid;
        }
        q0 = blo;
      }
      const double *xm = W->x + m * p;
      double rm = exp(W->eta[m]), wm = W->w ? W->w[m] : 1.0;
      double Hs = cum[q * (1 + p)] - cum[q0 * (1 + p)];
      double *rs = res + m * p;
      for (i = 0; i < p; i++)
        rs[i] = -rm * (xm[i] * Hs -
                       (cum[q * (1 + p) + 1 + i] - cum[q0 * (1 + p) + 1 + i]));
      if (W->d[m] && q > 0) {
        const double *gr = G + (ng_s - q) * (gs + 1); /* this row's time */
        double H = gr[0], Hd = gr[1 + p];
        const double *HX = gr + 1, *HXd = gr + 2 + p;
        /* replace the full piece by the death-row piece, add event part */
        for (i = 0; i < p; i++) {
          rs[i] += rm * (xm[i] * H - HX[i]);
          rs[i] -= rm * (xm[i] * Hd - HXd[i]);
        }
      }
      for (i = 0; i < p; i++)
        rs[i] *= wm;
    }
    free(cum);
  }
  /* event part: x_i - mean over Efron pieces of xbar; one more walk that
   * recomputes the pieces' xbar average per event time */
  free(G);
  return SURV_OK;
}

/* The event part of the score residuals (x_i minus the average over Efron's
 * pieces of the mean covariate, or the mean covariate for Breslow), added to
 * res for each event row, weighted. A separate walk keeps score_resid's
 * cumulative sums simple. */
static void score_event_part(const cox_work *W, int efron, double *res) {
  size_t p = W->p, s, i;
  double *a = W->scr, *a2 = a + p, *xb = a2 + p;
  for (s = 0; s < W->ns; s++) {
    size_t lo = W->sstart[s], hi = W->sstart[s + 1];
    size_t k = hi, r = hi, nrisk = 0;
    double denom = 0, recenter = 0, etasum = 0;
    memset(a, 0, p * sizeof *a);
    while (k > lo) {
      double dtime = W->t[k - 1], denom2 = 0;
      size_t deaths = 0, g = k;
      while (g > lo && W->t[g - 1] == dtime)
        g--;
      memset(a2, 0, p * sizeof *a2);
      for (size_t m = g; m < k; m++) {
        double wm = W->w ? W->w[m] : 1.0;
        nrisk++;
        etasum += W->eta[m];
        if (fabs(etasum / (double)nrisk - recenter) > 200) {
          double shift = etasum / (double)nrisk - recenter, f = exp(-shift);
          recenter += shift;
          denom *= f;
          denom2 *= f;
          for (i = 0; i < p; i++) {
            a[i] *= f;
            a2[i] *= f;
          }
        }
        double risk = exp(W->eta[m] - recenter) * wm;
        if (W->d[m]) {
          deaths++;
          denom2 += risk;
          for (i = 0; i < p; i++)
            a2[i] += risk * W->x[m * p + i];
        } else {
          denom += risk;
          for (i = 0; i < p; i++)
            a[i] += risk * W->x[m * p + i];
        }
      }
      if (deaths > 0) {
        if (W->counting)
          while (r > lo && W->t0[W->eord[r - 1]] >= dtime) {
            size_t q = W->eord[--r];
            nrisk--;
            if (nrisk == 0) {
              etasum = 0;
              denom = 0;
              memset(a, 0, p * sizeof *a);
            } else {
              etasum -= W->eta[q];
              double risk = exp(W->eta[q] - recenter) * (W->w ? W->w[q] : 1.0);
              denom -= risk;
              for (i = 0; i < p; i++)
                a[i] -= risk * W->x[q * p + i];
            }
          }
        memset(xb, 0, p * sizeof *xb);
        if (!efron || deaths == 1) {
          denom += denom2;
          for (i = 0; i < p; i++) {
            a[i] += a2[i];
            xb[i] = a[i] / denom;
          }
        } else {
          double dd = (double)deaths;
          for (size_t kk = 0; kk < deaths; kk++) {
            denom += denom2 / dd;
            for (i = 0; i < p; i++) {
              a[i] += a2[i] / dd;
              xb[i] += a[i] / denom / dd;
            }
          }
        }
        for (size_t m = g; m < k; m++)
          if (W->d[m]) {
            double wm = W->w ? W->w[m] : 1.0;
            for (i = 0; i < p; i++)
              res[m * p + i] += wm * (W->x[m * p + i] - xb[i]);
          }
      }
      k = g;
    }
  }
}

/* ---- the public function --------------------------------------------------
 */

static void priv_free(void *v) {
  surv__cox_fit *f = v;
  if (!f)
    return;
  free(f->beta);
  free(f->var);
  free(f->robust_var);
  free(f->means);
  free(f->strata_label);
  free(f->row_start);
  free(f->time);
  free(f->n_risk);
  free(f->n_event);
  free(f->n_censor);
  free(f->haz);
  free(f->varhaz);
  free(f->xbar);
  free(f);
}

const surv__cox_fit *surv__cox_priv(const surv_result *r) {
  if (surv__result_kind(r) != SURV__KIND_COX)
    return NULL;
  return surv__result_priv(r);
}

static int validate(const surv_data *D, const surv_cox_options *o) {
  size_t n = D->n, p = D->p, i;
  if (D->time == NULL || D->status == NULL || D->x == NULL)
    return SURV_ENULL;
  if (n == 0 || p == 0 || p > 4096)
    return SURV_ESIZE;
  if (D->time2 != NULL || D->group != NULL)
    return SURV_EINVAL;
  if ((unsigned)o->ties > SURV_TIES_EXACT_MARGINAL)
    return SURV_EINVAL;
  if (o->flags & ~(SURV_NO_TIMEFIX | SURV_COX_ROBUST))
    return SURV_EINVAL;
  if (!(o->conf_level >= 0) || o->conf_level >= 1)
    return SURV_ELEVEL;
  if (!(o->eps >= 0) || !isfinite(o->eps) || !(o->toler_chol >= 0) ||
      !isfinite(o->toler_chol) || o->iter_max > 100000)
    return SURV_EINVAL;
  for (i = 0; i < n; i++)
    if (!isfinite(D->time[i]) || D->time[i] < 0)
      return SURV_ETIME;
  if (D->entry)
    for (i = 0; i < n; i++)
      if (!isfinite(D->entry[i]) || D->entry[i] < 0 ||
          !(D->entry[i] < D->time[i]))
        return SURV_ETIME;
  for (i = 0; i < n; i++)
    if (D->status[i] != 0 && D->status[i] != 1)
      return SURV_ESTATUS;
  if (D->weight)
    for (i = 0; i < n; i++)
      if (!isfinite(D->weight[i]) || !(D->weight[i] > 0))
        return SURV_EWEIGHT;
  if (n > SIZE_MAX / sizeof(double) / p)
    return SURV_ESIZE;
  /* x finite: checked by centre_scale in its first pass over x (SURV_EINVAL,
   * as every check after this one) */
  if (D->offset)
    for (i = 0; i < n; i++)
      if (!isfinite(D->offset[i]) || !isfinite(exp(D->offset[i])))
        return SURV_EINVAL; /* R: offsets must give a finite risk score */
  if (o->init)
    for (i = 0; i < p; i++)
      if (!isfinite(o->init[i]))
        return SURV_EINVAL;
  if ((o->ties == SURV_TIES_EXACT || o->ties == SURV_TIES_EXACT_MARGINAL) &&
      D->weight)
    for (i = 0; i < n; i++)
      if (D->weight[i] != 1)
        return SURV_EINVAL; /* R: weights not supported for exact */
  return SURV_OK;
}

static double chisq_p(double x, double df) {
  if (df == 0)
    return x > 0 ? 0.0 : 1.0;
  return surv__chisq_q(x, df);
}

static void set_test(surv_result *r, surv_test_kind k, double stat, double df) {
  surv_test t = {stat, df,
                 isfinite(stat) && stat >= 0 ? chisq_p(stat, df) : NAN};
  surv__result_set_test(r, k, &t);
}

/* Storage for the baseline tables of f: a row per distinct time of each
 * stratum. */
static int baseline_alloc(const cox_work *W, surv__cox_fit *f) {
  size_t p = W->p, s, k;
  size_t m = 0;
  for (s = 0; s < W->ns; s++)
    for (k = W->sstart[s]; k < W->sstart[s + 1]; k++)
      if (k == W->sstart[s] || W->t[k] != W->t[k - 1])
        m++;
  f->row_start = surv__malloc_array(W->ns + 1, sizeof(size_t));
  f->time = surv__malloc_array(m, sizeof(double));
  f->n_risk = surv__malloc_array(m, sizeof(double));
  f->n_event = surv__malloc_array(m, sizeof(double));
  f->n_censor = surv__malloc_array(m, sizeof(double));
  f->haz = surv__malloc_array(m, sizeof(double));
  f->varhaz = surv__malloc_array(m, sizeof(double));
  f->xbar = surv__malloc_array(m, p * sizeof(double));
  if (!f->row_start || !f->time || !f->n_risk || !f->n_event || !f->n_censor ||
      !f->haz || !f->varhaz || !f->xbar)
    return SURV_ENOMEM;
  return SURV_OK;
}

/* Baseline tables for prediction (R's agsurv at the fit) into f (allocated
 * here unless baseline_alloc did it). Where the passes filled haz, varhaz
 * and xbar (W->bhaz), only the counts and the rows without events are
 * made here. */
static int baseline(const cox_work *W, int ties, const double *bint,
                    const double *beta, surv__cox_fit *f) {
  size_t p = W->p, s, i;
  int efron = ties == SURV_TIES_EFRON, rc;
  int risk = W->bhaz == NULL; /* the sums of the risk scores made here */
  /* shift: (x - means)'beta = eta_int - off + (centre - means)'beta */
  double shift = -f->offset_mean;
  for (i = 0; i < p; i++)
    shift += (W->centre[i] - f->means[i]) * beta[i];
  if (W->eta && risk)
    fill_eta(W, bint);
  if (!f->time && (rc = baseline_alloc(W, f)) != SURV_OK)
    return rc;
  double *xs = surv__malloc_array(3 * p + 1, sizeof(double));
  if (!xs)
    return SURV_ENOMEM;
  /* sums over the risk set (xi) and its events (xi2) of risk x on the
   * internal scale, turned into "x - means" units once a time:
   * x - means = x_int / scale + (centre - means) */
  double *xi = xs, *xi2 = xs + p, *xo = xs + 2 * p;
  for (i = 0; i < p; i++)
    xo[i] = W->centre[i] - f->means[i];
  size_t row = 0;
  for (s = 0; s < W->ns; s++) {
    size_t lo = W->sstart[s], hi = W->sstart[s + 1];
    f->row_start[s] = row;
    /* rows of this stratum in descending time; then reversed */
    size_t first = row;
    size_t kk = hi, r = hi;
    double nrisk = 0, wrisk = 0;
    memset(xi, 0, p * sizeof *xi);
    while (kk > lo) {
      double dtime = W->t[kk - 1], nev = 0, ncen = 0, erisk = 0;
      size_t g = kk, nd = 0;
      while (g > lo && W->t[g - 1] == dtime)
        g--;
      memset(xi2, 0, p * sizeof *xi2);
      for (size_t q = g; q < kk; q++) {
        double wq = W->w ? W->w[q] : 1.0;
        nrisk += wq;
        if (W->d[q]) {
          nev += wq;
          nd++;
        } else
          ncen += wq;
        if (!risk) /* the counts alone */
          continue;
        const double *xq = W->x + q * p;
        double eq;
        if (W->eta)
          eq = W->eta[q];
        else /* fill_eta's arithmetic */
          eq = dot(p, bint, xq, W->off ? W->off[q] : 0.0);
        double rq = wq * exp(eq + shift);
        wrisk += rq;
        axpy(p, rq, xq, xi);
        if (W->d[q]) {
          axpy(p, rq, xq, xi2);
          erisk += rq;
        }
      }
      kk = g;
      if (W->counting)
        while (r > lo && W->t0[W->eord[r - 1]] >= dtime) {
          size_t q = W->eord[--r];
          double wq = W->w ? W->w[q] : 1.0;
          double rq = wq * exp(W->eta[q] + shift);
          nrisk -= wq;
          wrisk -= rq;
          axpy(p, -rq, W->x + q * p, xi);
        }
      f->time[row] = dtime;
      f->n_risk[row] = nrisk;
      f->n_event[row] = nev;
      f->n_censor[row] = ncen;
      double *xb = f->xbar + row * p;
      if (nd == 0) {
        f->haz[row] = 0;
        f->varhaz[row] = 0;
        memset(xb, 0, p * sizeof *xb);
      } else if (!risk) {
        /* filled by the last pass */
      } else if (!efron || nd == 1) {
        f->haz[row] = nev / wrisk;
        f->varhaz[row] = nev / (wrisk * wrisk);
        for (i = 0; i < p; i++)
          xb[i] = (xi[i] / W->scale[i] + xo[i] * wrisk) / wrisk * f->haz[row];
      } else {
        /* the j-th of the nd tied events (j = 0..nd-1) sees wrisk - c_j
         * erisk and xsum - c_j xsum2 (c_j = j / nd): the sums over j need
         * only s1, s2 and s3 below */
        double s1 = 0, s2 = 0, s3 = 0, dd = (double)nd;
        for (size_t j = 0; j < nd; j++) {
          double c = (double)j / dd, tmp = 1 / (wrisk - erisk * c);
          s1 += tmp / dd;
          s2 += tmp * tmp / dd;
          s3 += c * tmp * tmp / dd;
        }
        f->haz[row] = nev * s1;
        f->varhaz[row] = nev * s2;
        for (i = 0; i < p; i++) {
          double xs1 = xi[i] / W->scale[i] + xo[i] * wrisk;
          double xs2 = xi2[i] / W->scale[i] + xo[i] * erisk;
          xb[i] = nev * (xs1 * s2 - xs2 * s3);
        }
      }
      row++;
    }
    /* reverse this stratum's rows to ascending time */
    for (size_t a = first, b = row; a + 1 < b; a++, b--) {
      size_t bb = b - 1;
#define SWAPD(arr)                                                             \
  do {                                                                         \
    double tmp_ = arr[a];                                                      \
    arr[a] = arr[bb];                                                          \
    arr[bb] = tmp_;                                                            \
  } while (0)
      SWAPD(f->time);
      SWAPD(f->n_risk);
      SWAPD(f->n_event);
      SWAPD(f->n_censor);
      SWAPD(f->haz);
      SWAPD(f->varhaz);
#undef SWAPD
      for (i = 0; i < p; i++) {
        double tmp = f->xbar[a * p + i];
        f->xbar[a * p + i] = f->xbar[bb * p + i];
        f->xbar[bb * p + i] = tmp;
      }
    }
  }
  f->row_start[W->ns] = row;
  f->nrow = row;
  free(xs);
  return SURV_OK;
}

/* coxph's concordance (reverse = TRUE, time weight n) of right-censored
 * data without clusters on the fit's time order: the linear predictor lps
 * already in that order, in the memory of the sorted copy, its ranks, one
 * pass (lib/concordance.c). The ranks and their sort's work space (24
 * bytes a row) are carved from the copy's memory after lps when it held at
 * least 4 doubles a row (sorted_lp keeps 4 n doubles of it), so that they
 * touch no fresh pages; the work space is given back before the pass. The
 * memory, at least n doubles, is left in *lps (moved when realloc moves
 * it) for the caller to reuse. */
#define COX_CONC_CARVE(p) ((p) >= 4)
static int cox_concordance(cox_work *W, double **lpsp, double *conc,
                           double *se) {
  size_t n = W->n;
  double *lps = *lpsp;
  free(W->src); /* no longer needed: peak memory */
  W->src = NULL;
  /* without weights the slots (rank, end of its group), else dense ranks */
  uint32_t *rk, *re = NULL;
  uint64_t *ws = NULL;
  int carve = COX_CONC_CARVE(W->p);
  if (carve) { /* lps, rk, re, ws: 8, 4, 4 and 16 bytes a row */
    rk = (uint32_t *)(void *)(lps + n);
    re = W->w ? NULL : rk + n;
    ws = (uint64_t *)(void *)(lps + 2 * n);
  } else {
    rk = surv__malloc_array(n, sizeof *rk);
    re = W->w ? NULL : surv__malloc_array(n, sizeof *re);
  }
  int rc = rk && (W->w || re)
               ? surv__concordance_ranks(W->ns, W->sstart, lps, rk, re, ws)
               : SURV_ENOMEM;
  if (carve && rc == SURV_OK) { /* ws done with: shrunk in place */
    double *q = realloc(lps, 2 * n * sizeof *lps);
    if (q) {
      *lpsp = lps = q;
      rk = (uint32_t *)(void *)(lps + n);
      re = W->w ? NULL : rk + n;
    }
  }
  double cnt[5], var;
  if (rc == SURV_OK)
    rc = surv__concordance_ranked(W->ns, W->sstart, W->t, W->d, W->w, rk, re,
                                  cnt, &var);
  if (!carve) {
    free(rk);
    free(re);
  }
  if (rc != SURV_OK)
    return rc;
  /* reverse = TRUE: a larger risk with the shorter time is concordant */
  double npair = cnt[0] + cnt[1] + cnt[2];
  *conc = 1.0 - ((cnt[0] - cnt[1]) / npair + 1.0) / 2.0;
  *se = sqrt(var);
  return SURV_OK;
}

/* The linear predictor in the fit's time order, sum beta_j x_j + offset on
 * the centred and scaled sorted copy (so it differs from the reported
 * linear predictor by a constant, up to rounding; equal covariate rows give
 * equal values), written over the copy's own memory: row k's values are
 * read before slot k <= kp is written. The copy (the first n doubles now
 * the predictor; 4 n doubles kept when COX_CONC_CARVE, else n) leaves W. */
static double *sorted_lp(cox_work *W, const double *beta, int has_beta) {
  size_t n = W->n, p = W->p;
  double *x = W->x; /* p >= 1 (validate) */
  W->x = NULL;
  for (size_t k = 0; k < n; k++) {
    double e = W->off ? W->off[k] : 0.0;
    if (has_beta)
      e = dot(p, beta, x + k * p, e);
    x[k] = e;
  }
  /* shrunk to what cox_concordance uses of it (pages already touched stay
   * the same pages: realloc shrinks in place) */
  size_t keep = COX_CONC_CARVE(p) ? 4 * n : n;
  double *q = realloc(x, (keep ? keep : 1) * sizeof *x);
  return q ? q : x;
}

SURV_EXPORT int surv_cox_fit(const surv_data *data, const surv_cox_options *opt,
                             surv_result **out) {
  surv_data D;
  surv_cox_options o;
  static const surv_cox_options defaults = SURV_COX_OPTIONS_INIT;
  int rc;
  if (data == NULL || out == NULL)
    return SURV_ENULL;
  if ((rc = surv__data_copy(data, &D)) != SURV_OK)
    return rc;
  if ((rc = surv__options_copy(opt, sizeof o, &defaults, &o)) != SURV_OK)
    return rc;
  if ((rc = validate(&D, &o)) != SURV_OK)
    return rc;
  unsigned maxiter = o.iter_max ? o.iter_max : 20;
  double eps = o.eps > 0 ? o.eps : 1e-9;
  double toler = o.toler_chol > 0 ? o.toler_chol : pow(DBL_EPSILON, 0.75);
  double level = o.conf_level > 0 ? o.conf_level : 0.95;
  int robust = (o.flags & SURV_COX_ROBUST) || D.cluster != NULL;
  size_t n = D.n, p = D.p, i, j, k;

  cox_work W;
  /* right-censored, unstratified Efron or Breslow without the robust
   * variance: the layout in less memory (work_make_lean) */
  int lean = !D.entry && !D.strata && !robust && p > 0 && n <= UINT32_MAX &&
             (o.ties == SURV_TIES_EFRON || o.ties == SURV_TIES_BRESLOW);
  if ((rc = lean ? work_make_lean(&D, o.flags, &W)
                 : work_make(&D, o.flags, o.ties, &W)) != SURV_OK)
    return rc;
  rc = SURV_ENOMEM;
  surv_result *res = NULL;
  surv__cox_fit *f = NULL;
  double *dp = NULL, *sres = NULL, *csum = NULL, *tmpm = NULL;
  size_t *cidx = NULL;
  int *clab = NULL;
  nr_out nr;
  memset(&nr, 0, sizeof nr);
  nr.beta = malloc(p * sizeof(double));
  nr.u = malloc(p * sizeof(double));
  nr.imat = malloc(p * p * sizeof(double));
  nr.var = calloc(p * p, sizeof(double));
  tmpm = malloc((2 * p * p + 2 * p) * sizeof(double));
  if (!nr.beta || !nr.u || !nr.imat || !nr.var || !tmpm)
    goto fail;
  size_t dmax = 0;
  if (o.ties == SURV_TIES_EXACT) {
    for (k = 0; k < n;) {
      size_t g = k, d = 0;
      while (g < n && W.t[g] == W.t[k]) {
        d += W.d[g];
        g++;
      }
      if (d > dmax)
        dmax = d;
      k = g;
    }
    dp = surv__malloc_array(dmax + 1, (1 + p + p * p) * sizeof(double));
    if (!dp)
      goto fail;
  }
  for (j = 0; j < p; j++)
    nr.beta[j] = o.init ? o.init[j] / W.scale[j] : 0.0;
  size_t nevent = 0;
  for (k = 0; k < n; k++)
    nevent += W.d[k];
  if (!(f = calloc(1, sizeof *f)))
    goto fail;
  f->offset_mean = 0;
  if (D.offset) {
    double ws = 0, m = 0;
    for (k = 0; k < n; k++) {
      double wk = D.weight ? D.weight[k] : 1.0;
      ws += wk;
      m += wk * D.offset[k];
    }
    f->offset_mean = m / ws;
  }
  if (lean && nevent > 0) { /* the passes fill the baseline hazard */
    if (baseline_alloc(&W, f) != SURV_OK)
      goto fail;
    W.bhaz = f->haz;
    W.bvarhaz = f->varhaz;
    W.bxbar = f->xbar;
    W.bes = exp(-f->offset_mean);
  }

  if (nevent > 0) {
    if ((rc = newton(&W, o.ties, maxiter, eps, toler, &nr, dp, dmax)) !=
        SURV_OK)
      goto fail;
  } else { /* R: no events, coefficients NA, log likelihoods 0, no iteration */
    nr.ll0 = nr.ll = 0;
    nr.iter = 0;
    nr.converged = 1;
    nr.rank = 0;
    memset(nr.u, 0, p * sizeof(double));
  }
  rc = SURV_ENOMEM;

  /* back to the caller's scale */
  double *beta = tmpm, *V = tmpm + p;
  for (j = 0; j < p; j++)
    beta[j] = nr.beta[j] * W.scale[j];
  for (i = 0; i < p; i++)
    for (j = 0; j < p; j++)
      V[i * p + j] = nr.var[i * p + j] * W.scale[i] * W.scale[j];
  int rank = nr.rank;
  unsigned char *alias = calloc(p, 1);
  if (!alias)
    goto fail;
  if (rank < (int)p)
    for (j = 0; j < p; j++)
      alias[j] = V[j * p + j] == 0;
  if (nevent == 0)
    for (j = 0; j < p; j++)
      alias[j] = 1;

  res = surv__result_new(SURV__KIND_COX);
  if (!res) {
    free(alias);
    goto fail;
  }
  /* R's means */
  f->means = calloc(p, sizeof(double));
  f->beta = malloc(p * sizeof(double));
  f->var = malloc(p * p * sizeof(double));
  if (!f->means || !f->beta || !f->var) {
    free(alias);
    goto fail;
  }
  {
    double wsum = 0;
    int wmean = !W.counting && o.ties != SURV_TIES_EXACT;
    if (wmean) { /* the weighted means: the centring's, same sums */
      memcpy(f->means, W.centre, p * sizeof(double));
    } else {
      for (k = 0; k < n; k++)
        wsum += 1.0;
      for (j = 0; j < p; j++) {
        if (zero_one_col(D.x, n, p, j))
          continue;
        double m = 0;
        for (k = 0; k < n; k++)
          m += D.x[k * p + j];
        f->means[j] = m / wsum;
      }
    }
  }
  /* the coefficient used for prediction: 0 where aliased as R */
  for (j = 0; j < p; j++)
    f->beta[j] = alias[j] ? 0.0 : beta[j];
  memcpy(f->var, V, p * p * sizeof(double));
  f->n = n;
  f->p = p;
  f->nstrata = W.ns;
  f->ties = o.ties;
  f->flags = o.flags | (robust ? SURV_COX_ROBUST : 0);
  f->counting = W.counting;
  f->conf_level = level;
  if (W.slab) {
    f->strata_label = malloc(W.ns * sizeof(int));
    if (!f->strata_label) {
      free(alias);
      goto fail;
    }
    memcpy(f->strata_label, W.slab, W.ns * sizeof(int));
  }

  /* robust variance */
  double *RV = NULL;
  double rscore = NAN;
  if (robust && nevent > 0) {
    size_t nc;
    sres = surv__malloc_array(n, p * sizeof(double));
    cidx = surv__malloc_array(n, sizeof(size_t));
    if (!sres || !cidx) {
      free(alias);
      goto fail;
    }
    if (D.cluster) {
      int *cl = malloc(n * sizeof(int));
      if (!cl) {
        free(alias);
        goto fail;
      }
      for (k = 0; k < n; k++)
        cl[k] = D.cluster[W.src[k]];
      rc = surv__labels(cl, n, &clab, &nc, cidx);
      free(cl);
      if (rc != SURV_OK) {
        free(alias);
        goto fail;
      }
      rc = SURV_ENOMEM;
    } else {
      nc = n;
      for (k = 0; k < n; k++)
        cidx[k] = k;
    }
    csum = surv__calloc_array(nc, p * sizeof(double));
    f->robust_var = calloc(p * p, sizeof(double));
    if (!csum || !f->robust_var) {
      free(alias);
      goto fail;
    }
    int efr = o.ties == SURV_TIES_EFRON;
    for (int pass = 0; pass < 2; pass++) {
      /* pass 0: at the estimate; pass 1: at the initial values, no offset
       * (R computes the robust score test with linear.predictors = X init) */
      if (pass == 0)
        fill_eta(&W, nr.beta);
      else {
        for (k = 0; k < n; k++) {
          double e = 0;
          for (j = 0; j < p; j++)
            e += (o.init ? o.init[j] / W.scale[j] : 0.0) * W.x[k * p + j];
          W.eta[k] = e;
        }
      }
      if ((rc = score_resid(&W, efr, sres)) != SURV_OK) {
        free(alias);
        goto fail;
      }
      rc = SURV_ENOMEM;
      score_event_part(&W, efr, sres);
      memset(csum, 0, nc * p * sizeof(double));
      for (k = 0; k < n; k++)
        for (j = 0; j < p; j++)
          csum[cidx[k] * p + j] += sres[k * p + j] / W.scale[j];
      if (pass == 0) {
        /* dfbeta by cluster: csum V; robust var = sum over clusters */
        double *db = tmpm + p + p * p; /* p */
        for (size_t c = 0; c < nc; c++) {
          for (j = 0; j < p; j++) {
            double v = 0;
            for (i = 0; i < p; i++)
              v += csum[c * p + i] * V[i * p + j];
            db[j] = v;
          }
          for (i = 0; i < p; i++)
            for (j = 0; j < p; j++)
              f->robust_var[i * p + j] += db[i] * db[j];
        }
      } else {
        double *M = calloc(p * p, sizeof(double));
        double *uu = calloc(p, sizeof(double));
        double *wk = malloc((p * p + p) * sizeof(double));
        if (!M || !uu || !wk) {
          free(M);
          free(uu);
          free(wk);
          free(alias);
          goto fail;
        }
        for (size_t c = 0; c < nc; c++)
          for (i = 0; i < p; i++) {
            uu[i] += csum[c * p + i];
            for (j = 0; j < p; j++)
              M[i * p + j] += csum[c * p + i] * csum[c * p + j];
          }
        int rk;
        rscore = wtest(M, uu, p, toler, wk, &rk);
        free(M);
        free(uu);
        free(wk);
      }
    }
    RV = f->robust_var;
  }

  /* columns */
  double *cc = surv__result_column_new(res, SURV_COL_COEF, p);
  double *ce = surv__result_column_new(res, SURV_COL_EXP_COEF, p);
  double *cs = surv__result_column_new(res, SURV_COL_SE, p);
  double *cz = surv__result_column_new(res, SURV_COL_Z, p);
  double *cp = surv__result_column_new(res, SURV_COL_P_VALUE, p);
  double *cl = surv__result_column_new(res, SURV_COL_LOWER, p);
  double *cu = surv__result_column_new(res, SURV_COL_UPPER, p);
  double *cv = surv__result_column_new(res, SURV_COL_VAR, p * p);
  double *cinf = surv__result_column_new(res, SURV_COL_INFINITE, p);
  double *crs = NULL, *crv = NULL;
  if (RV) {
    crs = surv__result_column_new(res, SURV_COL_ROBUST_SE, p);
    crv = surv__result_column_new(res, SURV_COL_ROBUST_VAR, p * p);
  }
  if (!cc || !ce || !cs || !cz || !cp || !cl || !cu || !cv || !cinf ||
      (RV && (!crs || !crv))) {
    free(alias);
    goto fail;
  }
  memcpy(cv, V, p * p * sizeof(double));
  if (RV)
    memcpy(crv, RV, p * p * sizeof(double));
  double zq = surv__z_two_sided(level);
  size_t nok = 0;
  for (j = 0; j < p; j++) {
    if (alias[j]) {
      cc[j] = ce[j] = cs[j] = cz[j] = cp[j] = cl[j] = cu[j] = NAN;
      if (crs)
        crs[j] = NAN;
      continue;
    }
    nok++;
    cc[j] = beta[j];
    ce[j] = exp(beta[j]);
    cs[j] = sqrt(V[j * p + j]);
    double se = cs[j];
    if (crs) {
      crs[j] = sqrt(RV[j * p + j]);
      se = crs[j];
    }
    cz[j] = beta[j] / se;
    cp[j] = erfc(fabs(cz[j]) / sqrt(2.0));
    cl[j] = exp(beta[j] - zq * se);
    cu[j] = exp(beta[j] + zq * se);
  }
  /* monotone likelihood (R's "Loglik converged before variable k") */
  for (j = 0; j < p; j++) {
    double inf = 0;
    for (i = 0; i < p; i++)
      inf += nr.u[i] * nr.var[i * p + j];
    inf = fabs(inf) * W.scale[j]; /* |u V| on the caller's scale */
    double uj = nr.u[j];
    int flag = 0;
    if (nr.converged && maxiter > 1 && !alias[j]) {
      double tinf = sqrt(eps);
      if (W.counting && o.ties != SURV_TIES_EXACT)
        flag = !isfinite(uj) || inf > tinf * (1 + fabs(beta[j]));
      else
        flag = !isfinite(uj) || (inf > eps && inf > tinf * fabs(beta[j]));
    }
    cinf[j] = flag;
  }
  /* prediction tables */
  if ((rc = baseline(&W, o.ties, nr.beta, f->beta, f)) != SURV_OK) {
    free(alias);
    goto fail;
  }
  rc = SURV_ENOMEM;
  /* the sorted covariates are done with: the concordance's linear
   * predictor takes their memory, or they go (peak memory) */
  int conc_sorted = !W.counting && !D.cluster && n <= UINT32_MAX;
  double *lps = conc_sorted ? sorted_lp(&W, nr.beta, nevent > 0) : NULL;
  free(W.x);
  W.x = NULL;
  free(W.eta);
  W.eta = NULL;
  if (conc_sorted && !lps) {
    free(alias);
    goto fail;
  }
  /* Harrell's C of the linear predictor as coxph reports it: R's
   * concordancefit(Y, lp, strata, weights, cluster, reverse = TRUE,
   * timefix = FALSE) on the times after timefix (lib/concordance.c) */
  double cidx_c = NAN, cidx_se = NAN;
  if (conc_sorted) {
    /* right-censored without clusters: on the fit's own time order
     * (lib/concordance.c, surv__concordance_ranked) */
    int finite = 1;
    for (k = 0; k < n && finite; k++)
      finite = !isnan(lps[k]);
    if (finite &&
        (rc = cox_concordance(&W, &lps, &cidx_c, &cidx_se)) != SURV_OK) {
      free(lps);
      free(alias);
      goto fail;
    }
    rc = SURV_ENOMEM;
  }
  /* the linear predictor: in the memory the concordance is done with (no
   * fresh pages), or new (after the copy is gone: peak memory) */
  double *clp;
  if (lps) {
    double *q = realloc(lps, n * sizeof *lps); /* shrinks in place */
    clp = surv__result_column_adopt(res, SURV_COL_LINEAR_PREDICTOR, q ? q : lps,
                                    n);
  } else
    clp = surv__result_column_new(res, SURV_COL_LINEAR_PREDICTOR, n);
  if (!clp) {
    free(alias);
    goto fail;
  }
  double offbar = 0; /* R centres the offset at its plain mean */
  if (D.offset) {
    for (k = 0; k < n; k++)
      offbar += D.offset[k];
    offbar /= (double)n;
  }
  /* R: beta is the value the iteration reached, also where aliased */
#define LPROWS(P) lp_rows_n(P, D.x, n, beta, f->means, D.offset, offbar, clp)
  if (p <= CENTRE_P) {
    SMALL_P(p, LPROWS)
  } else
    lp_rows_n(p, D.x, n, beta, f->means, D.offset, offbar, clp);
#undef LPROWS
  if (nevent == 0)
    for (k = 0; k < n; k++)
      clp[k] = D.offset ? D.offset[k] - offbar : 0.0;

  if (conc_sorted) {
    for (k = 0; k < n; k++) /* no C where the reported predictor is NaN */
      if (isnan(clp[k])) {
        cidx_c = cidx_se = NAN;
        break;
      }
    surv__result_set_stat(res, SURV_STAT_CONCORDANCE, cidx_c);
    surv__result_set_stat(res, SURV_STAT_CONCORDANCE_SE, cidx_se);
  } else {
    int *stv = malloc(n * sizeof(int)), *sst = NULL, *scl = NULL;
    double *lpr = malloc(n * sizeof(double));
    if (W.ns > 1)
      sst = malloc(n * sizeof(int));
    if (D.cluster)
      scl = malloc(n * sizeof(int));
    if (!stv || !lpr || (W.ns > 1 && !sst) || (D.cluster && !scl)) {
      free(stv);
      free(lpr);
      free(sst);
      free(scl);
      free(alias);
      goto fail;
    }
    for (k = 0; k < n; k++) {
      stv[k] = W.d[k];
      lpr[k] = clp[W.src[k]];
      if (scl)
        scl[k] = D.cluster[W.src[k]];
    }
    if (sst)
      for (size_t s = 0; s < W.ns; s++)
        for (k = W.sstart[s]; k < W.sstart[s + 1]; k++)
          sst[k] = (int)s;
    surv_data cd = SURV_DATA_INIT;
    cd.n = n;
    cd.time = W.t;
    cd.status = stv;
    cd.entry = W.t0;
    cd.weight = W.w;
    cd.strata = sst;
    cd.cluster = scl;
    surv_concordance_options co = SURV_CONCORDANCE_OPTIONS_INIT;
    co.flags = SURV_CONCORDANCE_REVERSE | SURV_NO_TIMEFIX;
    surv_result *cr = NULL;
    int crc = surv_concordance_fit(&cd, lpr, &co, &cr);
    if (crc == SURV_OK) {
      surv_result_stat(cr, SURV_STAT_CONCORDANCE, &cidx_c);
      surv_result_stat(cr, SURV_STAT_CONCORDANCE_SE, &cidx_se);
      surv_result_free(cr);
    }
    free(stv);
    free(lpr);
    free(sst);
    free(scl);
    if (crc == SURV_ENOMEM) {
      free(alias);
      goto fail;
    }
    surv__result_set_stat(res, SURV_STAT_CONCORDANCE, cidx_c);
    surv__result_set_stat(res, SURV_STAT_CONCORDANCE_SE, cidx_se);
  }
  surv__result_set_stat(res, SURV_STAT_N, (double)n);
  surv__result_set_stat(res, SURV_STAT_N_EVENT, (double)nevent);
  surv__result_set_stat(res, SURV_STAT_LOGLIK_NULL, nr.ll0);
  surv__result_set_stat(res, SURV_STAT_LOGLIK, nevent ? nr.ll : nr.ll0);
  surv__result_set_stat(res, SURV_STAT_ITER, (double)nr.iter);
  surv__result_set_stat(res, SURV_STAT_CONVERGED, nr.converged ? 1.0 : 0.0);
  surv__result_set_stat(res, SURV_STAT_CONF_LEVEL, level);
  surv__result_set_stat(res, SURV_STAT_RANK, (double)nok);
  surv__result_set_stat(res, SURV_STAT_N_STRATA, (double)W.ns);
  {
    double df = (double)nok;
    double lr = nevent ? 2 * (nr.ll - nr.ll0) : 0.0;
    set_test(res, SURV_TEST_LR, lr, df);
    set_test(res, SURV_TEST_SCORE, nevent ? nr.sctest : 0.0, df);
    /* Wald: (coef - init)' V^- (coef - init) over the non-aliased */
    double *b = tmpm + p + p * p, *Vs = malloc(p * p * sizeof(double)),
           *wk = malloc((p * p + p) * sizeof(double));
    if (!Vs || !wk) {
      free(Vs);
      free(wk);
      free(alias);
      goto fail;
    }
    size_t q = 0;
    const double *VV = RV ? RV : V;
    for (i = 0; i < p; i++) {
      if (alias[i])
        continue;
      b[q] = beta[i] - (o.init ? o.init[i] : 0.0);
      size_t q2 = 0;
      for (j = 0; j < p; j++)
        if (!alias[j])
          Vs[q * nok + q2++] = VV[i * p + j];
      q++;
    }
    int rk;
    double wald = nok ? wtest(Vs, b, nok, toler, wk, &rk) : 0.0;
    set_test(res, SURV_TEST_WALD, wald, df);
    if (RV)
      set_test(res, SURV_TEST_ROBUST_SCORE, rscore, df);
    free(Vs);
    free(wk);
  }
  free(alias);
  surv__result_set_priv(res, f, priv_free);
  f = NULL;
  *out = res;
  res = NULL;
  rc = SURV_OK;
fail:
  priv_free(f);
  surv_result_free(res);
  free(nr.beta);
  free(nr.u);
  free(nr.imat);
  free(nr.var);
  free(tmpm);
  free(dp);
  free(sres);
  free(csum);
  free(cidx);
  free(clab);
  work_free(&W);
  return rc;
}
