/* Small shared helpers: overflow-checked allocation, normal quantile. */
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "surv_internal.h"

void *surv__malloc_array(size_t n, size_t size) {
  if (size != 0 && n > SIZE_MAX / size)
    return NULL;
  return malloc(n * size != 0 ? n * size : 1);
}

void *surv__calloc_array(size_t n, size_t size) {
  if (size != 0 && n > SIZE_MAX / size)
    return NULL;
  return calloc(n ? n : 1, size ? size : 1);
}

/* Precondition (checked by every caller): 0 < level < 1, so the argument of
 * gsl_cdf_ugaussian_Qinv lies in (0, 0.5] and GSL cannot fail.
 * The upper tail (1 - level)/2 is exact for level >= 0.5 and is passed to
 * Qinv directly: forming 1 - (1 - level)/2 first rounds to exactly 1 for
 * level = 1 - 2^-53 (the largest double below 1), where Pinv returns +Inf
 * and every interval built from z became NaN. Here z <= 8.3 always. */
double surv__z_two_sided(double level) {
  return gsl_cdf_ugaussian_Qinv((1.0 - level) / 2.0);
}

SURV_EXPORT const char *surv_version(void) { return SURV_VERSION; }
