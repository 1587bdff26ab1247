/* Simultaneous confidence bands of a survival curve (surv_curve_band):
 * Hall-Wellner and equal precision (Nair) bands on [t_L, t_U] with the
 * linear, log-log and arcsine-square-root transforms, as Klein &
 * Moeschberger (2003, section 4.4, equations 4.4.1-4.4.9), SAS PROC
 * LIFETEST CONFBAND=HW|EP (CONFTYPE=LINEAR|LOGLOG|ASINSQRT) and R package
 * km.ci 0.5-6 (R/hall.wellner.fun.R, R/epband.fun.R: its "linear" and
 * "log" methods are our PLAIN and LOGLOG).
 *
 * Per stratum, with n its number at risk at its first time (its size
 * without delayed entry), s2(t) = sum_{t_i <= t} d_i / (Y_i (Y_i - d_i))
 * (Greenwood's sum: the square of the curve's SURV_COL_STD_ERR_LOG),
 * a = n s2 / (1 + n s2) at t_L and t_U, the critical value k (HW) or c (EP)
 * of lib/curve_band_crit.c, and h(t) = k (1 + n s2(t)) / sqrt(n) (HW) or
 * c sqrt(s2(t)) (EP):
 *   linear    S (1 -+ h), limited to [0, 1] (km.ci does not limit);
 *   log-log   S^(1/theta), S^theta with theta = exp(h / log S);
 *   arcsine   sin^2(asin(sqrt S) -+ h sqrt(S / (1 - S)) / 2), limited to
 *             [0, pi/2] inside.
 * NaN where S is 1 (log-log, arcsine) as R survfit's pointwise limits.
 * Rows: one at t_L (the curve's value there) and one at each curve time in
 * (t_L, t_U]; km.ci starts at the last curve time <= t_L, the same row when
 * t_L is a curve time (its default: the first event time). No monotone
 * adjustment (SAS makes one in its plots only). Cost O(rows) plus the
 * critical value of each stratum. */
#include <math.h>
#include <stdlib.h>

#include "curve_internal.h"
#include "numerics.h"

/* one stratum's range and constants */
typedef struct band_strat {
  size_t first, last; /* rows [first, last) after the row at t_L */
  double tl, s2l, sl; /* t_L, s2 and S at t_L */
  double n, al, au, crit;
} band_strat;

/* the range of one stratum and its a_L, a_U */
static int band_range(const surv__strat *st, double t_lower, double t_upper,
                      int ep, band_strat *b) {
  size_t i, k = st->size, il, iu;
  double tl = t_lower, tu = t_upper, s2u;
  if (k == 0 || !(st->n_risk[0] > 0.0))
    return SURV_ERANGE;
  if (tl == -HUGE_VAL) { /* first event time */
    for (i = 0; i < k && !(st->n_event[i] > 0.0); i++)
      ;
    if (i == k)
      return SURV_ERANGE;
    tl = st->time[i];
  }
  if (tu == HUGE_VAL) { /* last event time with survivors */
    for (i = k; i > 0 && !(st->n_event[i - 1] > 0.0 &&
                           st->n_risk[i - 1] > st->n_event[i - 1]);
         i--)
      ;
    if (i == 0)
      return SURV_ERANGE;
    tu = st->time[i - 1];
  }
  if (!(tl < tu) || tu > st->time[k - 1])
    return SURV_ERANGE;
  il = surv__count_le(st->time, k, tl);
  iu = surv__count_le(st->time, k, tu);
  if (iu == 0 || !(st->surv[iu - 1] > 0.0))
    return SURV_ERANGE;
  b->n = st->n_risk[0];
  b->tl = tl;
  b->s2l = il ? st->std_err_log[il - 1] * st->std_err_log[il - 1] : 0.0;
  b->sl = il ? st->surv[il - 1] : 1.0;
  s2u = st->std_err_log[iu - 1] * st->std_err_log[iu - 1];
  if (!isfinite(s2u) || !(s2u > b->s2l) || (ep && b->s2l == 0.0))
    return SURV_ERANGE;
  b->al = b->n * b->s2l / (1.0 + b->n * b->s2l);
  b->au = b->n * s2u / (1.0 + b->n * s2u);
  if (!(b->al < b->au && b->au < 1.0))
    return SURV_ERANGE;
  /* rows after t_L: curve times in (t_L, t_U] */
  b->first = il;
  b->last = iu;
  return SURV_OK;
}

/* the band at one row */
static void band_row(const surv_curve_band_options *o, const band_strat *b,
                     double s, double s2, double *lower, double *upper) {
  double h = o->method == SURV_CURVE_BAND_EP
                 ? b->crit * sqrt(s2)
                 : b->crit * (1.0 + b->n * s2) / sqrt(b->n);
  double lo, hi;
  switch (o->type) {
  case SURV_CI_LOGLOG:
    if (s == 1.0 || s == 0.0) {
      lo = hi = NAN;
    } else {
      double theta = exp(h / log(s));
      lo = pow(s, 1.0 / theta);
      hi = pow(s, theta);
    }
    break;
  case SURV_CI_ARCSIN:
    if (s == 1.0 || s == 0.0) {
      lo = hi = NAN;
    } else {
      double as = asin(sqrt(s)), d = 0.5 * h * sqrt(s / (1.0 - s));
      double l = as - d < 0.0 ? 0.0 : as - d;
      double u = as + d > M_PI_2 ? M_PI_2 : as + d;
      lo = sin(l) * sin(l);
      hi = sin(u) * sin(u);
    }
    break;
  default:
    lo = surv__clamp01(s * (1.0 - h));
    hi = surv__clamp01(s * (1.0 + h));
  }
  *lower = lo;
  *upper = hi;
}

SURV_EXPORT int surv_curve_band(const surv_result *curve, double t_lower,
                                double t_upper,
                                const surv_curve_band_options *opt,
                                surv_result **out) {
  static const surv_curve_band_options defaults = SURV_CURVE_BAND_OPTIONS_INIT;
  surv_curve_band_options o;
  surv__strat *st = NULL;
  band_strat *bs = NULL;
  surv_result *r = NULL;
  const double *lab;
  double *time, *surv, *lower, *upper, *stratum = NULL, *crit, *al, *au;
  size_t i, j, k, rows = 0, row;
  int rc, ep;
  if (!curve || !out)
    return SURV_ENULL;
  if ((rc = surv__options_copy(opt, sizeof o, &defaults, &o)) != SURV_OK)
    return rc;
  if (o.level == 0.0)
    o.level = 0.95;
  if ((unsigned)o.method > (unsigned)SURV_CURVE_BAND_EP ||
      (o.type != SURV_CI_PLAIN && o.type != SURV_CI_LOGLOG &&
       o.type != SURV_CI_ARCSIN) ||
      !(o.critical >= 0.0 && o.critical < HUGE_VAL))
    return SURV_EINVAL;
  if (!(o.level > 0.0 && o.level < 1.0))
    return SURV_ELEVEL;
  if (isnan(t_lower) || isnan(t_upper) || t_lower == HUGE_VAL ||
      t_upper == -HUGE_VAL || (isfinite(t_lower) && t_lower < 0.0) ||
      (isfinite(t_upper) && t_upper < 0.0))
    return SURV_ETIME;
  ep = o.method == SURV_CURVE_BAND_EP;
  if ((rc = surv__curve_strata(curve, &st, &k)) != SURV_OK)
    return rc;
  if (!(bs = surv__malloc_array(k, sizeof *bs))) {
    rc = SURV_ENOMEM;
    goto done;
  }
  for (i = 0; i < k; i++) {
    if ((rc = band_range(&st[i], t_lower, t_upper, ep, &bs[i])) != SURV_OK)
      goto done;
    rows += 1 + bs[i].last - bs[i].first;
  }
  for (i = 0; i < k; i++) {
    if (o.critical > 0.0)
      bs[i].crit = o.critical;
    else if ((rc = surv__band_critical(ep, bs[i].al, bs[i].au, o.level,
                                       &bs[i].crit)) != SURV_OK)
      goto done;
  }
  lab = surv_result_column(curve, SURV_COL_STRATUM, NULL);
  if (!(r = surv__result_new(SURV__KIND_BAND)) ||
      !(time = surv__result_column_new(r, SURV_COL_TIME, rows)) ||
      !(surv = surv__result_column_new(r, SURV_COL_SURV, rows)) ||
      !(lower = surv__result_column_new(r, SURV_COL_LOWER, rows)) ||
      !(upper = surv__result_column_new(r, SURV_COL_UPPER, rows)) ||
      (lab &&
       !(stratum = surv__result_column_new(r, SURV_COL_STRATUM, rows))) ||
      !(crit = surv__result_column_new(r, SURV_COL_BAND_CRITICAL, k)) ||
      !(al = surv__result_column_new(r, SURV_COL_BAND_A_LOWER, k)) ||
      !(au = surv__result_column_new(r, SURV_COL_BAND_A_UPPER, k))) {
    rc = SURV_ENOMEM;
    goto done;
  }
  for (i = row = 0; i < k; i++) {
    const surv__strat *s = &st[i];
    const band_strat *b = &bs[i];
    double label = lab ? lab[s->time - st[0].time] : 0.0;
    time[row] = b->tl;
    surv[row] = b->sl;
    band_row(&o, b, b->sl, b->s2l, &lower[row], &upper[row]);
    if (stratum)
      stratum[row] = label;
    row++;
    for (j = b->first; j < b->last; j++, row++) {
      double se = s->std_err_log[j];
      time[row] = s->time[j];
      surv[row] = s->surv[j];
      band_row(&o, b, s->surv[j], se * se, &lower[row], &upper[row]);
      if (stratum)
        stratum[row] = label;
    }
    crit[i] = b->crit;
    al[i] = b->al;
    au[i] = b->au;
  }
  surv__result_set_stat(r, SURV_STAT_CONF_LEVEL, o.level);
  surv__result_set_stat(r, SURV_STAT_N_STRATA, (double)k);
  *out = r;
  r = NULL;
done:
  surv_result_free(r);
  free(bs);
  free(st);
  return rc;
}
