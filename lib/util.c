/* Small shared helpers: overflow-checked allocation, the version string. */
#include <stdlib.h>

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

SURV_EXPORT const char *surv_version(void) { return SURV_VERSION; }
