/* Internal declarations shared by lib/ files. Never installed.
 * Public functions are defined with SURV_EXPORT; file-local helpers are static;
 * helpers shared across lib/ files are named surv__name and stay hidden. */
#ifndef SURV_INTERNAL_H
#define SURV_INTERNAL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "surv.h"

/* The numerics layer: the only GSL caller (z quantile, chi-square tail,
 * Brent, log1pmx, log factorials, generator, table margins, 2 x 2
 * hypergeometric). */
#include "numerics.h"

#if defined(__GNUC__) || defined(__clang__)
#define SURV_EXPORT __attribute__((visibility("default")))
#else
#define SURV_EXPORT
#endif

/* malloc(n * size) with an overflow check; returns NULL on overflow or OOM. */
void *surv__malloc_array(size_t n, size_t size);
/* calloc-like with overflow check. */
void *surv__calloc_array(size_t n, size_t size);

/* The survival-time core (time order, near ties, labels, count table,
 * confidence-limit row) is lib/survtime.h. */

/* LDL' factorisation in place of the symmetric n x n row-major m (upper
 * triangle read), pivots below toler * max|diag| set to zero (survival's
 * cholesky2, a generalised inverse); returns the rank. O(n^3).
 * lib/cholesky.c. */
int surv__cholesky2(double *m, size_t n, double toler);
/* Solve m x = y in place with the factor of surv__cholesky2 (survival's
 * chsolve2). lib/cholesky.c. */
void surv__chsolve2(const double *m, size_t n, double *y);

/* Neumaier compensated summation: error about eps * |sum| whatever the number
 * of terms (R's sum() accumulates in long double; a plain double sum of 10^5
 * terms moves X^2, G or a p-value tail by ~1e-13 relative). */
typedef struct surv__ksum {
  double s, c;
} surv__ksum;

static inline void surv__ksum_add(surv__ksum *k, double x) {
  double t = k->s + x;
  if (fabs(k->s) >= fabs(x))
    k->c += (k->s - t) + x;
  else
    k->c += (x - t) + k->s;
  k->s = t;
}

static inline double surv__ksum_value(const surv__ksum *k) {
  return k->s + k->c;
}

/* ---- the generic result object (lib/result.c) ----------------------------
 * A module builds its result with these, then hands it out whole. Kinds tag
 * which module made a result, so that a function taking "a curve" can refuse
 * a Cox model with SURV_EINVAL. */
enum { SURV__NCOL = 64, SURV__NSTAT = 48, SURV__NTEST = 16 };
enum {
  SURV__KIND_CURVE = 1,  /* a survival / hazard / state-probability curve */
  SURV__KIND_GROUPS = 2, /* a test comparing groups (log-rank, Gray) */
  SURV__KIND_COX = 3,
  SURV__KIND_SURVREG = 4,
  SURV__KIND_CONCORDANCE = 5,
  SURV__KIND_COXDIAG = 6, /* residuals, zph of a Cox model */
  SURV__KIND_IPD = 7,     /* reconstructed patient data */
  SURV__KIND_MH = 8,      /* stratified tables (lib/mh.c) */
  SURV__KIND_BAND = 9     /* simultaneous bands of a curve (surv_curve_band) */
  /* new modules append here */
};
/* NULL on OOM. */
surv_result *surv__result_new(int kind);
int surv__result_kind(const surv_result *r);
/* A zeroed column of len doubles (replacing any previous one), owned by r;
 * NULL on OOM or overflow (r unchanged). */
double *surv__result_column_new(surv_result *r, surv_col col, size_t len);
/* The column becomes a (len >= 1 doubles from malloc or the
 * surv__*_array allocators), which r then owns and frees; returns a, or
 * NULL for a bad column (a is then not taken). */
double *surv__result_column_adopt(surv_result *r, surv_col col, double *a,
                                  size_t len);
/* Writable view of a column, NULL if absent. */
double *surv__result_column_mut(surv_result *r, surv_col col, size_t *len);
void surv__result_set_stat(surv_result *r, surv_stat key, double value);
void surv__result_set_test(surv_result *r, surv_test_kind which,
                           const surv_test *t);
/* Module-private payload, freed with the result by priv_free. */
void surv__result_set_priv(surv_result *r, void *priv,
                           void (*priv_free)(void *));
void *surv__result_priv(const surv_result *r);

/* *out = the caller's surv_data with members beyond in->size zeroed (absent)
 * and out->size = sizeof(surv_data). SURV_ENULL (in or out NULL), SURV_ESIZE
 * (in->size smaller than n, time and status, larger than 4096, or not a
 * multiple of the struct's alignment: the caller did not use SURV_DATA_INIT),
 * SURV_EINVAL (a caller built against a newer libsurv set a member this one
 * does not know: nonzero bytes past sizeof(surv_data)). *out is written only
 * on success. Validation of the arrays is the module's. */
int surv__data_copy(const surv_data *in, surv_data *out);

/* Extensible options structs (first member size_t size): out = defaults
 * overlaid with the caller's first in->size bytes, and out's size = known;
 * in NULL means defaults. known = sizeof the struct this library was built
 * with; out and defaults hold known bytes. SURV_ESIZE when the caller's size
 * is smaller than a size_t, larger than 4096 or not a multiple of a size_t's
 * alignment, SURV_EINVAL when it set bytes beyond known (it was built against
 * a newer libsurv). out is written only on success. A module then reads a
 * zero member as its default (HACKING 1.3). */
int surv__options_copy(const void *in, size_t known, const void *defaults,
                       void *out);

#endif /* SURV_INTERNAL_H */
