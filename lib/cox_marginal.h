/* The exact marginal likelihood of a Cox model for tied event times
 * (Kalbfleisch and Prentice 1973; SAS PHREG TIES=EXACT), one tied set at a
 * time. Internal: the Cox fit (lib/cox*.c) calls it for each event time.
 * Never installed. */
#ifndef SURV_COX_MARGINAL_H
#define SURV_COX_MARGINAL_H

#include <stddef.h>

/* One event time with d >= 1 tied events. r[0..d) are their risk scores
 * exp(eta_j) > 0 and xd their covariates (d x p, row-major); the rest of the
 * risk set (at risk, no event at this time) has score sum sc >= 0, first
 * moment s1c[p] = sum r_k x_k and second moment s2c[p x p] = sum r_k x_k x_k'
 * (s1c, s2c may be NULL when p = 0 or only the log likelihood is wanted).
 *
 * The contribution is the probability that the d events come first, in any
 * order, among the risk set:
 *   P = sum over the d! orderings of prod_k r_(k) / (sc + sum_{l >= k} r_(l))
 *     = integral_0^inf prod_j (1 - exp(-r_j t / sc)) exp(-t) dt
 * (DeLong, Guirguis and So 1994, Biometrika 81:607). Adds log P to *loglik,
 * d log P / d beta to u[p] and -d^2 log P / d beta d beta' to imat[p x p]
 * (each may be NULL to skip it). sc = 0 (every subject at risk has the event)
 * gives P = 1.
 *
 * d = 1 is closed form; d >= 2 integrates in s = log(t) by the trapezoidal
 * rule around the mode of the log-concave integrand, with a step of at most
 * 0.05 and a fifth of the integrand's width (the rule converges
 * exponentially for this analytic integrand; about 1e-15 relative), so the
 * cost is O((d p + p^2) m) for m nodes (a few hundred to a few thousand),
 * whatever d. SURV_EINVAL (d = 0, a score not finite and positive, sc not
 * finite and >= 0), SURV_ENOCONV (the integrand is too wide: more than 10^6
 * nodes), SURV_ENOMEM. Outputs are written only on success. */
int surv__cox_marginal_add(size_t d, size_t p, const double *r,
                           const double *xd, double sc, const double *s1c,
                           const double *s2c, double *loglik, double *u,
                           double *imat);

#endif /* SURV_COX_MARGINAL_H */
