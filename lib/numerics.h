/* The numerics layer (lib/numerics.c): the one place in lib/ that calls GSL,
 * and the one copy of each numerical routine the modules share (root
 * finding, log1pmx, the chi-square tail, the normal quantile, log
 * factorials, the random generator, contingency-table validation and the
 * 2 x 2 hypergeometric distribution). Every function states the
 * precondition its caller must establish; none calls GSL's error handler
 * when it holds. Never installed. */
#ifndef SURV_NUMERICS_H
#define SURV_NUMERICS_H

#include <stddef.h>

#include "surv.h"

/* v clamped to [0, 1] (NaN stays NaN). */
static inline double surv__clamp01(double v) {
  return v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v;
}

/* z = Phi^{-1}(1 - (1 - level)/2). Precondition: 0 < level < 1. */
double surv__z_two_sided(double level);

/* log(1 + u) - u for u > -1, to ~1.3e-15 relative (a series where log1p(u)
 * - u would cancel, |u| < 0.5). */
double surv__log1pmx(double u);

/* Upper chi-square tail, R's pchisq(x, df, lower.tail = FALSE), in [0, 1].
 * NaN unless df >= 1 and x >= 0 are finite. df < 1000: GSL; above, an
 * incomplete gamma function of our own (GSL loses digits there). */
double surv__chisq_q(double x, double df);

/* Standard normal distribution function and quantile (0 and 1 give the
 * infinities, NaN gives NaN); never call GSL's handler. */
double surv__pnorm(double x);
double surv__qnorm(double p);

/* A function whose root surv__brent finds. */
typedef double (*surv__fn)(double x, const void *ctx);

/* Brent's method (Brent 1973, "zeroin") on [a, b] with fa = f(a), fb = f(b)
 * of opposite signs (or one of them 0): *root to within 2 eps |root| +
 * tol_abs. SURV_OK; SURV_ENOCONV when the signs do not bracket a root, f
 * returns NaN or 400 steps do not converge (*root untouched). */
int surv__brent(surv__fn f, const void *ctx, double a, double b, double fa,
                double fb, double tol_abs, double *root);

/* log k!. Precondition: 0 <= k <= UINT_MAX. O(1), about 10-100 ns. */
double surv__lnfact(long k);

/* A Mersenne Twister (MT19937) generator, GSL's, seeded explicitly (never
 * from the environment). NULL on OOM. */
typedef struct surv__rng surv__rng;
surv__rng *surv__rng_new(unsigned long seed);
/* Uniform on [0, 1). */
double surv__rng_uniform(surv__rng *r);
/* NULL is a no-op. */
void surv__rng_free(surv__rng *r);

/* ---- contingency tables ------------------------------------------------ */

/* Margins of a row-major nrow x ncol table of counts. */
typedef struct surv__margins {
  long *row, *col; /* nrow and ncol margins (one block: surv__margins_free) */
  long n;          /* total */
  size_t nr, nc;   /* non-empty rows and columns */
} surv__margins;

/* Validates a table and computes its margins: SURV_ENULL (table NULL),
 * SURV_ESIZE (a zero or overflowing dimension, or a total above max_total),
 * SURV_ECOUNT (a negative count), SURV_ETABLE (fewer than two non-empty rows
 * or columns), SURV_ENOMEM; mg is filled only on success. O(nrow * ncol). */
int surv__margins_init(surv__margins *mg, const long *table, size_t nrow,
                       size_t ncol, long max_total);
void surv__margins_free(surv__margins *mg);

/* The null distribution of cell a of the 2 x 2 table [[a, b], [c, d]] given
 * its margins (hypergeometric): logd[x - lo] = log f(x) + const on the
 * support lo..hi, built by the ratio recurrence outward from the mode, so
 * that tails keep near-full relative precision. */
typedef struct surv__hyper2 {
  long lo, hi, a;
  size_t len;
  double *logd;
} surv__hyper2;

/* Largest total of a 2 x 2 table (R stores counts as int; we accept up to
 * UINT_MAX, exact in double). */
#define SURV__HYPER2_TOTAL_MAX 4294967295.0

/* Precondition: counts >= 0 with a total <= SURV__HYPER2_TOTAL_MAX.
 * SURV_OK, SURV_ELIMIT (support above 2^27 values: 1 GiB), SURV_ENOMEM. */
int surv__hyper2_init(surv__hyper2 *h, long a, long b, long c, long d);
void surv__hyper2_free(surv__hyper2 *h);

/* p-value of Fisher's exact test of odds ratio 1 (R fisher.test): less =
 * P(X <= a), greater = P(X >= a), each tail scaled by its own maximum;
 * two-sided = the sum of f(y) <= f(a)(1 + 1e-7) (R's relErr). */
double surv__hyper2_p(const surv__hyper2 *h, surv_alternative alt);

/* The noncentral distribution on h's support with odds ratio psi: weights
 * f(x) psi^(x - a). h->logd must be log-concave (a hypergeometric, or a
 * convolution of hypergeometrics: the 2 x 2 x K exact test). Roots are
 * solved in t = log(psi) by bracket expansion and Brent to ~1e-14.
 * surv__hyper2_cmle: the conditional MLE of psi (E_psi[X] = a; 0 when a ==
 * lo, Inf when a == hi). surv__hyper2_ci: exact limits at level for alt (R's
 * ncp.L and ncp.U: P_psi(X >= a) = alpha, P_psi(X <= a) = alpha; lower 0
 * when a == lo, upper Inf when a == hi). SURV_OK or SURV_ENOCONV. Cost
 * O(log len + sqrt(variance)) per evaluation, about 100 evaluations. */
int surv__hyper2_cmle(const surv__hyper2 *h, double *psi);
int surv__hyper2_ci(const surv__hyper2 *h, surv_alternative alt, double level,
                    double *lower, double *upper);

/* A work counter: called with a number of units of work done, returns
 * nonzero to stop the computation (a deadline passed). */
typedef int (*surv__work_fn)(void *ctx, unsigned long units);

/* The two-sided 2 x 2 p-value above in one call, for the r x c test's
 * 2 x 2 case (preconditions and errors of surv__hyper2_init), with a cap
 * on the support's memory (SURV_ELIMIT beyond max_bytes) and a work check:
 * tick (may be NULL) is called every 4096 support values and a nonzero
 * return gives SURV_ELIMIT, nothing left allocated. */
int surv__fisher_2x2_p(long a, long b, long c, long d, size_t max_bytes,
                       surv__work_fn tick, void *ctx, double *p_value);

#endif /* SURV_NUMERICS_H */
