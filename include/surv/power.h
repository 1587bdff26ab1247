/* Sample size and power: the log-rank test (Schoenfeld's and Freedman's
 * numbers of events, the total sample size of a design with uniform accrual,
 * follow-up and exponential survival), one binomial proportion (normal
 * approximation or the exact binomial test) and two proportions (R's
 * power.prop.test, or Fisher's exact test by enumeration). */
#ifndef SURV_POWER_H
#define SURV_POWER_H

#include <stddef.h>

#include "surv/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How power is computed. SURV_POWER_DEFAULT (0) is Schoenfeld's formula for
 * the log-rank functions and the normal approximation for proportions; a
 * function given a method it does not have returns SURV_EINVAL
 * (SURV_POWER_LACHIN_FOULKES needs a design: surv_power_logrank_n and
 * surv_power_logrank_total only). */
typedef enum surv_power_method {
  SURV_POWER_DEFAULT = 0,
  SURV_POWER_SCHOENFELD = 1,    /* log-rank: Schoenfeld (1981) */
  SURV_POWER_FREEDMAN = 2,      /* log-rank: Freedman (1982) */
  SURV_POWER_NORMAL = 3,        /* proportions: normal approximation */
  SURV_POWER_EXACT = 4,         /* proportions: exact binomial / Fisher test */
  SURV_POWER_LACHIN_FOULKES = 5 /* log-rank designs (surv_power_logrank_n,
                                   _total): Lachin and Foulkes (1986) */
} surv_power_method;

/* Flags of surv_power_options.flags. ONE_SIDED: a one-sided test at level
 * alpha in the direction of the effect (default two-sided, alpha/2 in each
 * tail). STRICT: a two-sided normal test's power includes rejections in the
 * wrong direction (R's power.prop.test(strict = TRUE)). CONTINUITY: the
 * normal approximation for proportions with the continuity correction. */
#define SURV_POWER_ONE_SIDED 0x100u
#define SURV_POWER_STRICT 0x200u
#define SURV_POWER_CONTINUITY 0x400u
/* LOG_HAZARD: SURV_POWER_LACHIN_FOULKES on the log hazard ratio (gsDesign's
 * nSurvival type = "rr") instead of the difference of the hazards (type =
 * "rd"); only with that method. */
#define SURV_POWER_LOG_HAZARD 0x800u

/* Options of the power functions. An extensible struct: initialise it with
 * SURV_POWER_OPTIONS_INIT; NULL means every default; a zero member means its
 * default; members are only ever appended. See surv_power_logrank(3). */
typedef struct surv_power_options {
  size_t size;              /* sizeof(surv_power_options) */
  double alpha;             /* significance level in (0, 1); 0 = 0.05 */
  double ratio;             /* allocation n2 / n1 (group 2: experimental);
                               0 = 1 */
  surv_power_method method; /* SURV_POWER_DEFAULT */
  unsigned flags;           /* SURV_POWER_* bits; 0 = two-sided */
  double accrual;           /* surv_power_logrank_n, _total: uniform accrual
                               period */
  double follow_up;         /* follow-up after accrual ends; accrual and
                               follow_up both 0: everybody followed until
                               the event (no administrative censoring) */
  double dropout;           /* exponential loss-to-follow-up hazard; 0 */
  size_t max_n;             /* exact searches for n: largest n1; 0 = 1000 */
} surv_power_options;

#define SURV_POWER_OPTIONS_INIT                                                \
  {                                                                            \
    sizeof(surv_power_options), 0.0, 0.0, SURV_POWER_DEFAULT, 0u, 0.0, 0.0,    \
        0.0, 0                                                                 \
  }

/* Power of the log-rank test (group 2 against group 1, hazard ratio hr)
 * given a number of events. Codes: SURV_ENULL, SURV_EINVAL (hr <= 0, hr = 1,
 * not finite, events <= 0, bad option), SURV_EPROB (alpha), SURV_ESIZE
 * (options struct). See surv_power_logrank(3). */
int surv_power_logrank(double hr, double events, const surv_power_options *opt,
                       double *power);

/* Number of events (unrounded) the log-rank test needs for power. Codes: as
 * surv_power_logrank, SURV_EPROB (power outside (alpha, 1)), SURV_ENOCONV.
 * See surv_power_logrank_events(3). */
int surv_power_logrank_events(double hr, double power,
                              const surv_power_options *opt, double *events);

/* Total sample size (unrounded) of a log-rank design: exponential survival
 * with hazard lambda0 in group 1 and hr * lambda0 in group 2, uniform
 * accrual over opt->accrual, further follow-up opt->follow_up, exponential
 * dropout at opt->dropout; *events the events needed and *p_event the
 * probability that a subject's event is observed (either may be NULL).
 * Methods: Schoenfeld's or Freedman's events over P(event), or
 * SURV_POWER_LACHIN_FOULKES (the exponential test's variances under H0 and
 * H1; *events then the events expected).
 * Codes: as surv_power_logrank_events, SURV_EINVAL (lambda0 <= 0 or a
 * negative dropout), SURV_ETIME (a negative or non-finite period), SURV_ESIZE
 * (no event can be observed). See surv_power_logrank_n(3). */
int surv_power_logrank_n(double hr, double lambda0, double power,
                         const surv_power_options *opt, double *n,
                         double *events, double *p_event);

/* Power of a log-rank design (as surv_power_logrank_n) with n subjects in
 * all; *events (may be NULL) the events expected. Codes: SURV_ENULL,
 * SURV_EINVAL (hr, lambda0, n <= 0 or not finite, bad option), SURV_EPROB
 * (alpha), SURV_ETIME, SURV_ESIZE (options struct; no event can be
 * observed). See surv_power_logrank_total(3). */
int surv_power_logrank_total(double hr, double lambda0, double n,
                             const surv_power_options *opt, double *power,
                             double *events);

/* Power of the test of one proportion p = p0 when the truth is p1, n
 * trials: the normal approximation (SURV_POWER_NORMAL, with or without the
 * continuity correction) or the exact binomial test (SURV_POWER_EXACT, R's
 * binom.test rejecting at p-value <= alpha). Codes: SURV_ENULL, SURV_EPROB,
 * SURV_EINVAL, SURV_ESIZE. See surv_power_binom(3). */
int surv_power_binom(double p0, double p1, double n,
                     const surv_power_options *opt, double *power);

/* Trials needed for power (normal: unrounded; exact: the smallest integer n
 * <= opt->max_n whose power reaches it, else SURV_ELIMIT). See
 * surv_power_binom_n(3). */
int surv_power_binom_n(double p0, double p1, double power,
                       const surv_power_options *opt, double *n);

/* Power of the comparison of two proportions p1 (group 1, n1 subjects) and
 * p2 (group 2, ratio * n1 subjects): normal approximation (R's
 * power.prop.test, extended to unequal groups and the continuity
 * correction) or Fisher's exact test (SURV_POWER_EXACT: every table
 * enumerated; n1 and ratio * n1 integers). Codes: SURV_ENULL, SURV_EPROB,
 * SURV_EINVAL, SURV_ESIZE, SURV_ELIMIT, SURV_ENOMEM. See surv_power_prop(3). */
int surv_power_prop(double p1, double p2, double n1,
                    const surv_power_options *opt, double *power);

/* Group sizes needed for power: *n1 and *n2 = ratio * *n1 (normal:
 * unrounded; exact: the smallest integer n1 <= opt->max_n, n2 =
 * ceil(ratio * n1)). *n2 may be NULL. See surv_power_prop_n(3). */
int surv_power_prop_n(double p1, double p2, double power,
                      const surv_power_options *opt, double *n1, double *n2);

#ifdef __cplusplus
}
#endif

#endif /* SURV_POWER_H */
