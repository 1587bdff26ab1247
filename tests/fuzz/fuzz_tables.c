/* Fuzz harness: contingency tables. The input bytes choose a 2x2 table for
 * surv_fisher_2x2 (every alternative, a level from the input) and an r x c
 * table (0..6 rows and columns; counts mostly small, sometimes negative or
 * beyond 2^31) for surv_chisq_test, surv_gtest, surv_fisher_rxc_limit with a
 * small max_bytes and a 0.1 s limit, and surv_fisher_rxc_mc with few
 * replicates. Invariants: valid
 * codes; outputs untouched on error; on success p-values in [0, 1] and not
 * NaN, statistics >= 0, df = (r-1)(c-1) of the non-empty margins or the full
 * table, expected counts that reproduce the margins, odds-ratio limits
 * ordered and >= 0, and less + greater >= 1 for Fisher 2x2. */
#include "fuzzutil.h"

#include <surv/error.h>
#include <surv/rxc.h>
#include <surv/tables.h>

#define MAXD 6

static void check_p(double p, const char *what) {
  FZ_CHECK(p >= 0.0 && p <= 1.0, "%s p-value %.17g", what, p);
}

/* surv_fisher_2x2 with alt and level as options; *p written on success. */
static int fisher(long a, long b, long c, long d, int alt, double level,
                  double *p, double *est, double *lo, double *hi, double *so) {
  surv_fisher_options o = SURV_FISHER_OPTIONS_INIT;
  surv_test t;
  int rc;
  o.alternative = (surv_alternative)alt;
  o.conf_level = level;
  rc = surv_fisher_2x2(a, b, c, d, &o, &t, est, lo, hi, so);
  if (rc == SURV_OK) {
    FZ_CHECK(isnan(t.statistic) && isnan(t.df), "fisher statistic, df");
    *p = t.p_value;
  }
  return rc;
}

static void fuzz_2x2(fz_reader *r) {
  long a = fz_count(r, 0), b = fz_count(r, 0), c = fz_count(r, 0),
       d = fz_count(r, 0);
  double level = fz_prob(r), pv[3], lo[3], hi[3], est[3], so[3];
  int alt, rc, bad = a < 0 || b < 0 || c < 0 || d < 0;
  bad |= !(level >= 0 && level < 1); /* 0 means the default, 0.95 */
  for (alt = 0; alt < 3; alt++) {
    pv[alt] = lo[alt] = hi[alt] = est[alt] = so[alt] = fz_sentinel;
    rc = fisher(a, b, c, d, alt, level, &pv[alt], &est[alt], &lo[alt], &hi[alt],
                &so[alt]);
    FZ_CHECK(FZ_VALID_CODE(rc), "fisher_2x2 rc %d", rc);
    if (rc != SURV_OK) {
      FZ_CHECK(bad || rc == SURV_ENOCONV || rc == SURV_ELIMIT ||
                   rc == SURV_ESIZE,
               "fisher_2x2 %ld %ld %ld %ld alt %d level %g failed: %d", a, b, c,
               d, alt, level, rc);
      FZ_CHECK(fz_is_sentinel(pv[alt]) && fz_is_sentinel(est[alt]) &&
                   fz_is_sentinel(lo[alt]) && fz_is_sentinel(hi[alt]) &&
                   fz_is_sentinel(so[alt]),
               "fisher_2x2 wrote outputs on error %d", rc);
      return;
    }
    FZ_CHECK(!bad, "fisher_2x2 accepted %ld %ld %ld %ld level %g", a, b, c, d,
             level);
    check_p(pv[alt], "fisher_2x2");
    FZ_CHECK(isnan(est[alt]) || est[alt] >= 0, "cmle %g", est[alt]);
    FZ_CHECK(isnan(so[alt]) || so[alt] >= 0, "sample OR %g", so[alt]);
    FZ_CHECK(isnan(lo[alt]) || lo[alt] >= 0, "OR lower %g", lo[alt]);
    if (!isnan(lo[alt]) && !isnan(hi[alt]))
      FZ_CHECK(lo[alt] <= hi[alt], "OR CI [%g, %g]", lo[alt], hi[alt]);
  }
  /* alt: 0 two-sided, 1 less, 2 greater. */
  FZ_CHECK(pv[1] + pv[2] >= 1.0 - 1e-9, "less %.17g + greater %.17g < 1", pv[1],
           pv[2]);
  FZ_CHECK(pv[0] >= fmin(pv[1], pv[2]) * (1 - 1e-9),
           "two-sided %.17g < min tail", pv[0]);
  FZ_CHECK(est[0] == est[1] && est[1] == est[2], "cmle depends on alt");
  if (!isnan(lo[1]))
    FZ_CHECK(lo[1] == 0.0, "less: lower %g", lo[1]);
  if (!isnan(hi[2]))
    FZ_CHECK(isinf(hi[2]), "greater: upper %g", hi[2]);
  /* Invalid alternative. */
  {
    double p = fz_sentinel;
    rc = fisher(1, 2, 3, 4, 3, 0.95, &p, NULL, NULL, NULL, NULL);
    FZ_CHECK(rc == SURV_EINVAL && fz_is_sentinel(p), "bad alt: %d", rc);
  }
}

/* Margins of a table; returns the number of non-empty rows and columns and
 * whether any count is negative. */
static void margins(const long *x, size_t nr, size_t nc, size_t *nzr,
                    size_t *nzc, int *neg, int *huge) {
  size_t i, j;
  *nzr = *nzc = 0;
  *neg = *huge = 0;
  for (i = 0; i < nr; i++) {
    double s = 0;
    for (j = 0; j < nc; j++) {
      s += (double)x[i * nc + j];
      *neg |= x[i * nc + j] < 0;
      *huge |= x[i * nc + j] > 1000;
    }
    *nzr += s > 0;
  }
  for (j = 0; j < nc; j++) {
    double s = 0;
    for (i = 0; i < nr; i++)
      s += (double)x[i * nc + j];
    *nzc += s > 0;
  }
}

static void fuzz_rxc(fz_reader *r) {
  long x[MAXD * MAXD];
  double exp_[MAXD * MAXD];
  size_t nr = fz_u8(r) % (MAXD + 1), nc = fz_u8(r) % (MAXD + 1), i, j;
  size_t nzr, nzc;
  unsigned opt = fz_u8(r);
  int neg, huge, rc, bad, zm;
  double st, df, p, se;
  surv_test t;
  for (i = 0; i < nr * nc; i++)
    x[i] = fz_count(r, (opt & 1u) != 0);
  margins(x, nr, nc, &nzr, &nzc, &neg, &huge);
  bad = neg || nr == 0 || nc == 0 || nzr < 2 || nzc < 2;
  /* A zero row or column may be dropped or refused with SURV_ETABLE. */
  zm = nzr < nr || nzc < nc;

  for (i = 0; i < MAXD * MAXD; i++)
    exp_[i] = fz_sentinel;
  st = df = p = fz_sentinel;
  t.statistic = t.df = t.p_value = fz_sentinel;
  rc = surv_chisq_test(x, nr, nc, (opt >> 1) & 1u ? SURV_CHISQ_YATES : 0u, exp_,
                       &t);
  if (rc == SURV_OK) {
    st = t.statistic;
    df = t.df;
    p = t.p_value;
  }
  FZ_CHECK(FZ_VALID_CODE(rc), "chisq rc %d", rc);
  if (rc != SURV_OK) {
    FZ_CHECK(bad || huge || (zm && rc == SURV_ETABLE),
             "chisq failed (%d) on a valid %zux%zu table", rc, nr, nc);
    FZ_CHECK(fz_is_sentinel(t.statistic) && fz_is_sentinel(t.df) &&
                 fz_is_sentinel(t.p_value),
             "chisq wrote outputs on error %d", rc);
    for (i = 0; i < MAXD * MAXD; i++)
      FZ_CHECK(fz_is_sentinel(exp_[i]), "chisq wrote expected on error");
  } else {
    FZ_CHECK(!neg && nzr >= 2 && nzc >= 2, "chisq accepted a bad table");
    check_p(p, "chisq");
    FZ_CHECK(st >= 0, "chisq statistic %.17g", st);
    FZ_CHECK(df == (double)((nr - 1) * (nc - 1)) ||
                 df == (double)((nzr - 1) * (nzc - 1)),
             "chisq df %g for %zux%zu", df, nr, nc);
    for (i = nr * nc; i < MAXD * MAXD; i++)
      FZ_CHECK(fz_is_sentinel(exp_[i]), "chisq wrote past expected");
    if (!huge)
      for (i = 0; i < nr; i++) {
        double so = 0, se_ = 0;
        for (j = 0; j < nc; j++) {
          so += (double)x[i * nc + j];
          se_ += exp_[i * nc + j];
        }
        FZ_CHECK(fabs(so - se_) <= 1e-9 * (so + 1), "row %zu margin %g vs %g",
                 i, so, se_);
      }
  }

  st = df = p = fz_sentinel;
  t.statistic = t.df = t.p_value = fz_sentinel;
  rc = surv_gtest(x, nr, nc, (opt >> 2) & 1u ? SURV_GTEST_WILLIAMS : 0u, &t);
  if (rc == SURV_OK) {
    st = t.statistic;
    df = t.df;
    p = t.p_value;
  } else
    FZ_CHECK(fz_is_sentinel(t.statistic) && fz_is_sentinel(t.df) &&
                 fz_is_sentinel(t.p_value),
             "gtest wrote outputs on error %d", rc);
  FZ_CHECK(FZ_VALID_CODE(rc), "gtest rc %d", rc);
  if (rc != SURV_OK) {
    FZ_CHECK(bad || huge || (zm && rc == SURV_ETABLE),
             "gtest failed (%d) on a valid table", rc);
    FZ_CHECK(fz_is_sentinel(st) && fz_is_sentinel(df) && fz_is_sentinel(p),
             "gtest wrote outputs on error %d", rc);
  } else {
    FZ_CHECK(!neg && nzr >= 2 && nzc >= 2, "gtest accepted a bad table");
    check_p(p, "gtest");
    FZ_CHECK(st >= 0, "G statistic %.17g", st);
  }

  if (!huge) {
    size_t cap = (size_t)1 << (8 + fz_u8(r) % 13); /* 256 B .. 1 MiB */
    p = fz_sentinel;
    /* a time limit too: the memory cap alone let 3 x 3 tables with n ~ 4600
     * run seconds (findings of session 2, now regressions/tables/) */
    rc = surv_fisher_rxc_limit(x, nr, nc, cap, 0.1, &p);
    FZ_CHECK(FZ_VALID_CODE(rc), "fisher_rxc rc %d", rc);
    if (rc != SURV_OK) {
      FZ_CHECK(bad || rc == SURV_ELIMIT || rc == SURV_ENOMEM ||
                   (zm && rc == SURV_ETABLE),
               "fisher_rxc failed (%d) on a valid table", rc);
      FZ_CHECK(fz_is_sentinel(p), "fisher_rxc wrote p on error %d", rc);
    } else {
      FZ_CHECK(!neg, "fisher_rxc accepted a negative count");
      check_p(p, "fisher_rxc");
    }
  }

  if (!huge) {
    size_t b = fz_u8(r) % 64;
    unsigned long seed = fz_u8(r);
    p = se = fz_sentinel;
    rc = surv_fisher_rxc_mc(x, nr, nc, b, seed, &p, &se);
    FZ_CHECK(FZ_VALID_CODE(rc), "fisher_rxc_mc rc %d", rc);
    if (rc != SURV_OK) {
      FZ_CHECK(bad || b == 0 || (zm && rc == SURV_ETABLE),
               "fisher_rxc_mc failed (%d) on a valid table", rc);
      FZ_CHECK(fz_is_sentinel(p) && fz_is_sentinel(se),
               "fisher_rxc_mc wrote outputs on error %d", rc);
    } else {
      FZ_CHECK(!neg && b > 0, "fisher_rxc_mc accepted bad input");
      check_p(p, "fisher_rxc_mc");
      FZ_CHECK(p >= 1.0 / (double)(b + 1) - 1e-15, "MC p %g below 1/(B+1)", p);
      FZ_CHECK(se >= 0 && se <= 0.5, "MC se %g", se);
    }
  }
  (void)exp_;

  (void)st;
  (void)df;
  (void)p;
  (void)se;
  (void)rc;
  (void)j;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_reader r = {data, size};
  unsigned which = fz_u8(&r);
  if (which & 1u)
    fuzz_2x2(&r);
  if (which & 2u)
    fuzz_rxc(&r);
  return 0;
}
