/* Helpers shared by the libFuzzer harnesses in tests/fuzz/: a byte reader
 * that turns fuzz input into sizes, counts, doubles (with a bias towards NaN,
 * +-Inf, negatives, zero and huge values) and small choices, and FZ_CHECK,
 * which reports a broken invariant and aborts (a crash for libFuzzer, a
 * failed test for the replay driver). Harnesses use only the public API. */
#ifndef SURV_FUZZUTIL_H
#define SURV_FUZZUTIL_H

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#define FZ_CHECK(cond, ...)                                                    \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: invariant failed: %s: ", __FILE__, __LINE__,     \
              #cond);                                                          \
      fprintf(stderr, __VA_ARGS__);                                            \
      fputc('\n', stderr);                                                     \
      abort();                                                                 \
    }                                                                          \
  } while (0)

/* A status is 0 or one of the codes in surv/error.h. */
#define FZ_VALID_CODE(rc) ((rc) >= 0 && (rc) <= SURV_EFORMAT)

/* A sentinel no function computes: outputs must still hold it after an
 * error. Compared bit for bit. */
static const double fz_sentinel = -123456.75;

static inline int fz_is_sentinel(double x) {
  return memcmp(&x, &fz_sentinel, sizeof x) == 0;
}

typedef struct fz_reader {
  const uint8_t *p;
  size_t left;
} fz_reader;

static inline unsigned fz_u8(fz_reader *r) {
  if (r->left == 0)
    return 0;
  r->left--;
  return *r->p++;
}

static inline uint64_t fz_u64(fz_reader *r) {
  uint64_t v = 0;
  int i;
  for (i = 0; i < 8; i++)
    v = (v << 8) | fz_u8(r);
  return v;
}

static inline double fz_raw_double(fz_reader *r) {
  uint64_t v = fz_u64(r);
  double d;
  memcpy(&d, &v, sizeof d);
  return d;
}

/* A double: mostly small non-negative values with ties (k/4 for k < 64),
 * sometimes a special value, sometimes raw bits. */
static inline double fz_double(fz_reader *r) {
  unsigned sel = fz_u8(r);
  if (sel < 192)
    return (sel % 64) / 4.0;
  switch (sel % 16) {
  case 0:
    return NAN;
  case 1:
    return INFINITY;
  case 2:
    return -INFINITY;
  case 3:
    return -1.0;
  case 4:
    return 0.0;
  case 5:
    return DBL_MAX;
  case 6:
    return 1e300;
  case 7:
    return DBL_MIN;
  case 8:
    return 4.9e-324;
  case 9:
    return -0.0;
  case 10:
    return 1e-300;
  case 11:
    return 1.0 + DBL_EPSILON;
  case 12:
    return 0.1 + 0.2; /* near-tie with 0.3 */
  case 13:
    return 0.3;
  default:
    return fz_raw_double(r);
  }
}

/* A probability-like double: mostly k/256, sometimes special or raw. */
static inline double fz_prob(fz_reader *r) {
  unsigned sel = fz_u8(r);
  if (sel < 200)
    return fz_u8(r) / 256.0;
  switch (sel % 12) {
  case 0:
    return NAN;
  case 1:
    return 0.0;
  case 2:
    return 1.0;
  case 3:
    return -0.5;
  case 4:
    return 1.0 - 1e-17;
  case 5:
    return 1e-17;
  case 6:
    return 1.0 - DBL_EPSILON / 2;
  case 7:
    return 4.9e-324;
  case 8:
    return INFINITY;
  case 9:
    return 0.95;
  default:
    return fz_raw_double(r);
  }
}

/* A count: mostly 0..15, sometimes negative or huge. `big` allows values that
 * make exact computations expensive (2^31 and beyond). */
static inline long fz_count(fz_reader *r, int big) {
  unsigned sel = fz_u8(r);
  if (sel < 224)
    return (long)(sel % 16);
  switch (sel % 8) {
  case 0:
    return -1;
  case 1:
    return LONG_MIN;
  case 2:
    return big ? LONG_MAX : 40;
  case 3:
    return big ? 2147483648L : 100;
  case 4:
    return big ? 4294967297L : 1000;
  case 5:
    return big ? (long)(fz_u64(r) >> 1) : (long)fz_u8(r);
  default:
    return (long)fz_u8(r) * 3;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
