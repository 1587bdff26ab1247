/* Fuzz harness: binomial proportions. The input bytes choose x, n (small,
 * negative, x > n, or beyond 2^31 and 2^32), a method (all eleven and
 * invalid values), a level and p0, and run surv_prop_ci and
 * surv_binom_test. Invariants: valid codes; outputs untouched on error; on
 * success 0 <= lower <= upper <= 1 with no NaN, lower = 0 at x = 0 and
 * upper = 1 at x = n, the interval for n - x mirrors the one for x, Wilson
 * and Clopper-Pearson contain x/n, Blaker and mid-p lie inside
 * Clopper-Pearson; binomial p-values in [0, 1] with less + greater >= 1. */
#include "fuzzutil.h"

#include <surv/error.h>
#include <surv/prop.h>

#define NMETHOD 11

static long prop_count(fz_reader *r) {
  unsigned sel = fz_u8(r);
  if (sel < 200)
    return (long)fz_u8(r) % 64;
  switch (sel % 8) {
  case 0:
    return -1;
  case 1:
    return 2147483647L;
  case 2:
    return 2147483648L;
  case 3:
    return 3000000000L;
  case 4:
    return 4294967296L;
  case 5:
    return (long)(fz_u64(r) % 100000000000L);
  case 6:
    return LONG_MAX;
  default:
    return (long)fz_u8(r) * 1000;
  }
}

static int ci(long x, long n, int m, double level, double *lo, double *hi) {
  int rc;
  *lo = *hi = fz_sentinel;
  rc = surv_prop_ci(x, n, (surv_prop_method)m, level, lo, hi);
  FZ_CHECK(FZ_VALID_CODE(rc), "prop_ci rc %d", rc);
  if (rc != SURV_OK)
    FZ_CHECK(fz_is_sentinel(*lo) && fz_is_sentinel(*hi),
             "prop_ci wrote outputs on error %d", rc);
  return rc;
}

static void fuzz_ci(long x, long n, double level, unsigned msel) {
  int bad = x < 0 || n < 1 || x > n || !(level > 0 && level < 1);
  double lo[NMETHOD], hi[NMETHOD];
  int ok[NMETHOD], m, rc;
  for (m = 0; m < NMETHOD; m++) {
    ok[m] = 0;
    if (!(msel & (1u << m)) && m != SURV_PROP_CLOPPER_PEARSON)
      continue;
    rc = ci(x, n, m, level, &lo[m], &hi[m]);
    if (rc != SURV_OK) {
      FZ_CHECK(bad || rc == SURV_ENOCONV || rc == SURV_ESIZE,
               "prop_ci(%ld, %ld, %d, %.17g) failed: %d", x, n, m, level, rc);
      continue;
    }
    FZ_CHECK(!bad, "prop_ci accepted x %ld n %ld level %g", x, n, level);
    ok[m] = 1;
    FZ_CHECK(lo[m] >= 0 && lo[m] <= hi[m] && hi[m] <= 1,
             "prop_ci(%ld, %ld, %d, %.17g) = [%.17g, %.17g]", x, n, m, level,
             lo[m], hi[m]);
    if (x == 0)
      FZ_CHECK(lo[m] == 0, "method %d: x = 0 but lower %.17g", m, lo[m]);
    if (x == n)
      FZ_CHECK(hi[m] == 1, "method %d: x = n but upper %.17g", m, hi[m]);
    {
      double mlo, mhi;
      rc = ci(n - x, n, m, level, &mlo, &mhi);
      FZ_CHECK(rc == SURV_OK, "prop_ci mirror failed: %d", rc);
      FZ_CHECK(fabs(mlo - (1 - hi[m])) <= 1e-8 &&
                   fabs(mhi - (1 - lo[m])) <= 1e-8,
               "method %d: CI(%ld/%ld) = [%.17g, %.17g] but CI(%ld/%ld) = "
               "[%.17g, %.17g]",
               m, x, n, lo[m], hi[m], n - x, n, mlo, mhi);
    }
  }
  {
    double ph = (double)x / (double)n;
    if (ok[SURV_PROP_WILSON])
      FZ_CHECK(lo[SURV_PROP_WILSON] <= ph * (1 + 1e-12) &&
                   hi[SURV_PROP_WILSON] >= ph * (1 - 1e-12),
               "Wilson excludes x/n");
    if (ok[SURV_PROP_CLOPPER_PEARSON]) {
      double cl = lo[SURV_PROP_CLOPPER_PEARSON],
             cu = hi[SURV_PROP_CLOPPER_PEARSON];
      FZ_CHECK(cl <= ph * (1 + 1e-12) && cu >= ph * (1 - 1e-12),
               "Clopper-Pearson excludes x/n");
      if (ok[SURV_PROP_BLAKER])
        FZ_CHECK(lo[SURV_PROP_BLAKER] >= cl - 1e-9 &&
                     hi[SURV_PROP_BLAKER] <= cu + 1e-9,
                 "Blaker [%.17g, %.17g] not inside CP [%.17g, %.17g]",
                 lo[SURV_PROP_BLAKER], hi[SURV_PROP_BLAKER], cl, cu);
      if (ok[SURV_PROP_MIDP])
        FZ_CHECK(lo[SURV_PROP_MIDP] >= cl - 1e-9 &&
                     hi[SURV_PROP_MIDP] <= cu + 1e-9,
                 "mid-p [%.17g, %.17g] not inside CP [%.17g, %.17g]",
                 lo[SURV_PROP_MIDP], hi[SURV_PROP_MIDP], cl, cu);
    }
  }
  /* Invalid methods. */
  {
    double l, h;
    rc = ci(1, 2, (msel & 0x800u) ? -1 : NMETHOD, 0.95, &l, &h);
    FZ_CHECK(rc == SURV_EINVAL, "invalid method accepted: %d", rc);
  }
}

static void fuzz_binom(long x, long n, double p0) {
  int bad = x < 0 || n < 1 || x > n || !(p0 >= 0 && p0 <= 1);
  double pv[3];
  int alt, rc;
  for (alt = 0; alt < 3; alt++) {
    surv_test t = {fz_sentinel, fz_sentinel, fz_sentinel};
    rc = surv_binom_test(x, n, p0, (surv_alternative)alt, &t);
    pv[alt] = t.p_value;
    FZ_CHECK(FZ_VALID_CODE(rc), "binom_test rc %d", rc);
    if (rc != SURV_OK) {
      FZ_CHECK(bad || rc == SURV_ESIZE,
               "binom_test(%ld, %ld, %.17g, %d) failed: %d", x, n, p0, alt, rc);
      FZ_CHECK(fz_is_sentinel(t.statistic) && fz_is_sentinel(t.df) &&
                   fz_is_sentinel(t.p_value),
               "binom_test wrote its result on error");
      return;
    }
    FZ_CHECK(!bad, "binom_test accepted x %ld n %ld p0 %g", x, n, p0);
    FZ_CHECK(t.statistic == (double)x && isnan(t.df),
             "binom_test statistic %.17g df %g", t.statistic, t.df);
    FZ_CHECK(pv[alt] >= 0 && pv[alt] <= 1,
             "binom_test(%ld, %ld, %.17g, %d) = %.17g", x, n, p0, alt, pv[alt]);
  }
  FZ_CHECK(pv[1] + pv[2] >= 1 - 1e-9, "less %.17g + greater %.17g < 1", pv[1],
           pv[2]);
  FZ_CHECK(pv[0] >= fmin(pv[1], pv[2]) * (1 - 1e-9),
           "two-sided %.17g below a tail", pv[0]);
  {
    surv_test t = {fz_sentinel, fz_sentinel, fz_sentinel};
    rc = surv_binom_test(1, 2, 0.5, (surv_alternative)7, &t);
    FZ_CHECK(rc == SURV_EINVAL && fz_is_sentinel(t.p_value), "bad alt: %d", rc);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_reader r = {data, size};
  long n = prop_count(&r), x;
  unsigned xs = fz_u8(&r), msel;
  double level, p0;
  /* x relative to n most of the time, so that x <= n is common. */
  if (xs < 64 && n > 0)
    x = (long)(fz_u64(&r) % (unsigned long)n + (xs & 1u));
  else if (xs < 96)
    x = 0;
  else if (xs < 128)
    x = n;
  else
    x = prop_count(&r);
  level = fz_prob(&r);
  p0 = fz_prob(&r);
  msel = fz_u8(&r) | (fz_u8(&r) << 8);
  fuzz_ci(x, n, level, msel);
  fuzz_binom(x, n, p0);
  return 0;
}
