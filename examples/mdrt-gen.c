/* mdrt-gen: write the SYNTHETIC MDRT cohort (examples/data/mdrt_cohort.csv)
 * to stdout. The patient-level data of LeVee et al. (Cancers 2025;17:2153)
 * are not public; this program makes 52 patients consistent with every
 * figure the paper publishes, and proves it with libsurv.
 *
 * Method (each attempt is deterministic given --seed and its number):
 *  1. Draw: shuffle the 36/10/6 subtypes over 52 ids; per subtype pick the
 *     patients without follow-up (2/1/2) and, among the rest, those who
 *     changed therapy before 6 months (12/4/3); of the 28 who remained,
 *     18 stay past 1 year; 9 of the other 29 die within the first year.
 *     Times are drawn (in hundredths of a month, integer arithmetic only,
 *     so the output is the same on every platform) inside each group's
 *     window: ttnt < 6, 6 <= ttnt < 12, ttnt >= 12; pfs <= ttnt <= followup.
 *  2. Locate: fit both KM curves with libsurv and read the median and its
 *     log-log 95% limits. They are data times; accept the draw only if they
 *     sit in the paper's order relative to each other and to 6 and 12:
 *     PFS lo < TTNT lo < 6 < PFS med < TTNT med < PFS hi < 12 <= TTNT hi.
 *  3. Pin: map every time through one strictly increasing piecewise linear
 *     function with knots (0,0), (PFS lo, 4.1), (TTNT lo, 5.7), (6,6),
 *     (PFS med, 6.2), (TTNT med, 6.9), (PFS hi, 9.7), (12,12), (TTNT hi,
 *     14.7), (24,24), identity beyond. KM estimates, bands and quantile
 *     indices depend only on the order of the times, which the map keeps,
 *     and 6 and 12 are fixed points, so every count keeps its value; the six
 *     quantiles land on the published values. Round to 0.01 month.
 *  4. Verify: run the full analysis of surv-mdrt(1) (mdrt_analyse) on the
 *     rounded cohort and compare all 14 published figures. Rounding may
 *     create ties; any mismatch rejects the attempt and the next is tried.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mdrt.h"
#include "opts.h"

#define NPAT 52
#define DEFAULT_SEED 2153u
#define MAX_ATTEMPTS 100000

/* splitmix64: a tiny, portable generator (the stream is part of the data). */
typedef struct rng {
  unsigned long long s;
} rng;

static unsigned long long rng_next(rng *g) {
  unsigned long long z = (g->s += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/* Uniform integer in [lo, hi] (hi >= lo); the modulo bias is irrelevant. */
static long rng_int(rng *g, long lo, long hi) {
  return lo + (long)(rng_next(g) % (unsigned long long)(hi - lo + 1));
}

/* Uniform in [0, 1) on a grid of 2^-20: exact in binary on every platform. */
static double rng_unif(rng *g) {
  return (double)(rng_next(g) >> 44) / 1048576.0;
}

static void shuffle(rng *g, int *a, int n) {
  for (int i = n - 1; i > 0; i--) {
    int j = (int)rng_int(g, 0, i);
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/* Group of an evaluable patient by time to next therapy. */
enum { G_NONE = 0, G_EARLY = 1, G_MID = 2, G_LATE = 3 };

typedef struct draft {
  int subtype, group, dies_year1;
  long fu, ttnt, pfs; /* hundredths of a month */
  int te, pe;
} draft;

/* Pick k of the n indices idx[] (in place: the first k after the call). */
static void pick(rng *g, int *idx, int n, int k) {
  for (int i = 0; i < k; i++) {
    int j = (int)rng_int(g, i, n - 1);
    int t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
}

static void draw(rng *g, draft d[NPAT]) {
  static const int n_sub[MDRT_NSUB] = {36, 10, 6};
  static const int no_fu[MDRT_NSUB] = {2, 1, 2};
  static const int early[MDRT_NSUB] = {12, 4, 3};
  int sub[NPAT], idx[NPAT], m = 0;
  for (int k = 0; k < MDRT_NSUB; k++)
    for (int i = 0; i < n_sub[k]; i++)
      sub[m++] = k;
  shuffle(g, sub, NPAT);
  memset(d, 0, NPAT * sizeof *d);
  for (int i = 0; i < NPAT; i++) {
    d[i].subtype = sub[i];
    d[i].group = G_LATE; /* provisional: evaluable, remained */
  }
  for (int k = 0; k < MDRT_NSUB; k++) {
    m = 0;
    for (int i = 0; i < NPAT; i++)
      if (d[i].subtype == k)
        idx[m++] = i;
    pick(g, idx, m, no_fu[k] + early[k]);
    for (int i = 0; i < no_fu[k]; i++)
      d[idx[i]].group = G_NONE;
    for (int i = no_fu[k]; i < no_fu[k] + early[k]; i++)
      d[idx[i]].group = G_EARLY;
  }
  /* Of the 28 who remained at 6 months, 10 change therapy (or die) before
   * 1 year: the rest are the 18 still on it at 1 year. */
  m = 0;
  for (int i = 0; i < NPAT; i++)
    if (d[i].group == G_LATE)
      idx[m++] = i;
  pick(g, idx, m, 10);
  for (int i = 0; i < 10; i++)
    d[idx[i]].group = G_MID;
  /* 9 of the 29 who left before 1 year die within it (followup < 12). */
  m = 0;
  for (int i = 0; i < NPAT; i++)
    if (d[i].group == G_EARLY || d[i].group == G_MID)
      idx[m++] = i;
  pick(g, idx, m, 9);
  for (int i = 0; i < 9; i++)
    d[idx[i]].dies_year1 = 1;

  for (int i = 0; i < NPAT; i++) {
    draft *p = &d[i];
    if (p->group == G_NONE)
      continue;
    p->te = p->pe = 1;
    if (p->group == G_EARLY) {
      p->ttnt = rng_int(g, 80, 599);
      p->pfs = (long)(p->ttnt * (0.6 + 0.4 * rng_unif(g)));
    } else if (p->group == G_MID) {
      p->ttnt = 600 + (long)(599 * rng_unif(g) * rng_unif(g));
      p->pfs = (long)(p->ttnt * (0.8 + 0.2 * rng_unif(g)));
    } else {
      p->ttnt = 1200 + (long)(3600 * rng_unif(g) * rng_unif(g));
      p->te = rng_unif(g) < 0.6;
      double u = rng_unif(g);
      if (u < 0.1)
        p->pfs = rng_int(g, 200, 599);
      else if (u < 0.6)
        p->pfs = rng_int(g, 600, 1199);
      else
        p->pfs = rng_int(g, 1200, p->ttnt);
    }
    if (p->pfs < 10)
      p->pfs = 10;
    if (p->dies_year1) {
      p->fu = rng_int(g, p->ttnt > p->pfs ? p->ttnt : p->pfs, 1199);
      if (p->group == G_MID && rng_unif(g) < 0.5) {
        p->te = 0; /* died on the same therapy: TTNT censored at death */
        p->ttnt = p->fu;
      }
    } else {
      /* Alive at the data cut (16 to 60 months after MDRT), and seen at
       * least a few weeks after the last recorded change. */
      long fu = rng_int(g, 1600, 6000), after = p->ttnt + rng_int(g, 30, 900);
      p->fu = fu > after ? fu : after;
    }
    if (!p->te) {
      p->ttnt = p->fu;
      if (p->pfs >= 1200) { /* no progression: PFS censored as well */
        p->pe = 0;
        p->pfs = p->fu;
      }
    }
  }
}

static void to_patients(const draft d[NPAT], mdrt_patient p[NPAT]) {
  for (int i = 0; i < NPAT; i++) {
    memset(&p[i], 0, sizeof p[i]);
    snprintf(p[i].id, sizeof p[i].id, "P%02d", i + 1);
    p[i].subtype = d[i].subtype;
    p[i].has_fu = d[i].group != G_NONE;
    p[i].followup = (double)d[i].fu / 100.0;
    p[i].ttnt = (double)d[i].ttnt / 100.0;
    p[i].pfs = (double)d[i].pfs / 100.0;
    p[i].ttnt_event = d[i].te;
    p[i].pfs_event = d[i].pe;
  }
}

#define NKNOT 10

/* Strictly increasing piecewise linear map through the knots, identity past
 * the last one; rounded to an integer number of hundredths. */
static long pin(long t, const long *x, const long *y) {
  if (t >= x[NKNOT - 1])
    return t - x[NKNOT - 1] + y[NKNOT - 1];
  int k = 1;
  while (t > x[k])
    k++;
  if (t == x[k])
    return y[k];
  double f = (double)(t - x[k - 1]) / (double)(x[k] - x[k - 1]);
  double v = (double)y[k - 1] + f * (double)(y[k] - y[k - 1]);
  long h = (long)(v + 0.5);
  /* Strictly inside the knots' images, so no time lands on 6 or 12. */
  if (h <= y[k - 1])
    h = y[k - 1] + 1;
  if (h >= y[k])
    h = y[k] - 1;
  return h;
}

/* One attempt: 1 when d[] now holds a verified cohort. */
static int attempt(rng *g, draft d[NPAT]) {
  mdrt_patient p[NPAT];
  mdrt_results r;
  draw(g, d);
  to_patients(d, p);
  if (mdrt_analyse(p, NPAT, &r) != SURV_OK)
    return 0;
  double q[6] = {r.pfs.median_lower, r.ttnt.median_lower, r.pfs.median,
                 r.ttnt.median,      r.pfs.median_upper,  r.ttnt.median_upper};
  mdrt_results_free(&r);
  long a[6];
  for (int i = 0; i < 6; i++) {
    if (!(q[i] >= 0 && q[i] < 1e6))
      return 0; /* NA */
    a[i] = (long)(q[i] * 100.0 + 0.5);
  }
  const long x[NKNOT] = {0,    a[0], a[1], 600,  a[2],
                         a[3], a[4], 1200, a[5], 2400};
  const long y[NKNOT] = {0, 410, 570, 600, 620, 690, 970, 1200, 1470, 2400};
  for (int k = 1; k < NKNOT; k++)
    if (x[k] <= x[k - 1])
      return 0;
  for (int i = 0; i < NPAT; i++) {
    d[i].fu = pin(d[i].fu, x, y);
    d[i].ttnt = pin(d[i].ttnt, x, y);
    d[i].pfs = pin(d[i].pfs, x, y);
  }
  for (int i = 0; i < NPAT; i++) /* the documented invariants of a row */
    if (d[i].group != G_NONE &&
        (d[i].pfs < 1 || d[i].pfs > d[i].ttnt || d[i].ttnt > d[i].fu ||
         (!d[i].te && d[i].ttnt != d[i].fu) ||
         (!d[i].pe && d[i].pfs != d[i].fu)))
      return 0;
  to_patients(d, p);
  if (mdrt_analyse(p, NPAT, &r) != SURV_OK)
    return 0;
  mdrt_figure fig[MDRT_NFIG];
  int bad = mdrt_figures(&r, fig);
  mdrt_results_free(&r);
  return bad == 0;
}

/* Hundredths of a month with 1 or 2 decimals: 690 -> "6.9", 685 -> "6.85". */
static void put_time(textbuf *b, long h) {
  if (h % 10 == 0)
    textbuf_printf(b, "%ld.%ld", h / 100, (h % 100) / 10);
  else
    textbuf_printf(b, "%ld.%02ld", h / 100, h % 100);
}

static void usage(FILE *f) {
  fprintf(f, "usage: surv-mdrt-gen [--seed=N]\n"
             "Write the SYNTHETIC MDRT cohort CSV to stdout (see "
             "surv-mdrt-gen(1)).\n");
}

int main(int argc, char **argv) {
  unsigned long seed = DEFAULT_SEED;
  opts o;
  int k;
  opts_init(&o, "surv-mdrt-gen", usage, argc, argv);
  while ((k = opts_next(&o)) != OPTS_END) {
    double v;
    if (k == OPTS_OPTION && opts_value(&o, "--seed")) {
      /* A whole number from 0 to 2^53 (exact as a double), within
       * unsigned long. */
      if (opts_number(o.value, &v) != 0 || v != floor(v) || v < 0 ||
          v > 9007199254740992.0 || v > (double)ULONG_MAX)
        opts_fail(&o, "--seed must be a whole number from 0 to 2^53, not '%s'",
                  o.value);
      seed = (unsigned long)v;
    } else if (k == OPTS_OPTION)
      opts_unknown(&o);
    else
      opts_fail(&o, "unexpected argument '%s'", o.arg);
  }
  draft d[NPAT];
  long n;
  for (n = 0; n < MAX_ATTEMPTS; n++) {
    rng g = {(unsigned long long)seed * 0x100000001B3ULL +
             (unsigned long long)n};
    if (attempt(&g, d))
      break;
  }
  if (n == MAX_ATTEMPTS) {
    fprintf(stderr, "surv-mdrt-gen: no cohort matched after %d attempts\n",
            MAX_ATTEMPTS);
    return 1;
  }
  textbuf b = {0};
  textbuf_printf(&b, "id,subtype,followup_months,ttnt_months,ttnt_event,"
                     "pfs_months,pfs_event\n");
  for (int i = 0; i < NPAT; i++) {
    textbuf_printf(&b, "P%02d,%s,", i + 1, mdrt_subtype_name(d[i].subtype));
    if (d[i].group == G_NONE) {
      textbuf_printf(&b, ",,,,\n");
      continue;
    }
    put_time(&b, d[i].fu);
    textbuf_printf(&b, ",");
    put_time(&b, d[i].ttnt);
    textbuf_printf(&b, ",%d,", d[i].te);
    put_time(&b, d[i].pfs);
    textbuf_printf(&b, ",%d\n", d[i].pe);
  }
  if (b.failed) {
    fprintf(stderr, "surv-mdrt-gen: out of memory\n");
    return 1;
  }
  fwrite(b.s, 1, b.len, stdout);
  textbuf_free(&b);
  if (opts_close_stdout(&o) != 0)
    return 1;
  fprintf(
      stderr,
      "surv-mdrt-gen: SYNTHETIC cohort (not patient data): seed %lu, attempt "
      "%ld; all %d published figures reproduced (verified with "
      "libsurv)\n",
      seed, n + 1, MDRT_NFIG);
  return 0;
}
