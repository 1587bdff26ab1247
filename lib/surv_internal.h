/* Internal declarations shared by lib/ files. Never installed.
 * Public functions are defined with SURV_EXPORT; file-local helpers are static;
 * helpers shared across lib/ files are named surv__name and stay hidden. */
#ifndef SURV_INTERNAL_H
#define SURV_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "surv.h"

#if defined(__GNUC__) || defined(__clang__)
#define SURV_EXPORT __attribute__((visibility("default")))
#else
#define SURV_EXPORT
#endif

/* malloc(n * size) with an overflow check; returns NULL on overflow or OOM. */
void *surv__malloc_array(size_t n, size_t size);
/* calloc-like with overflow check. */
void *surv__calloc_array(size_t n, size_t size);

/* z = Phi^{-1}(1 - (1 - level)/2) for 0 < level < 1 (checked by caller). */
double surv__z_two_sided(double level);

#endif /* SURV_INTERNAL_H */
