/* Binomial proportions: surv_prop_ci (11 methods) and surv_binom_test.
 * - R fixtures (tests/fixtures/make-prop-fixtures.R) at 1e-10 relative;
 * - worked values (10 significant digits: R 4.2.2 binom.test, prop.test and
 *   the methods' published definitions, Brown, Cai and DasGupta 2001) at
 *   5e-10 relative;
 * - Newcombe (1998) Table I worked examples at the published 4 decimals;
 * - properties on a grid (n = 1..60, every x, four levels);
 * - Jeffreys (own incomplete beta) over n up to 10^4, extreme levels;
 * - every error path, with outputs left untouched. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <surv.h>

#include "testutil.h"
#include "tu_tables.h"

#define NMETH 11
static const char *const meth_name[NMETH] = {
    "wald",     "wilson", "wilson-cc", "agresti-coull", "clopper-pearson",
    "jeffreys", "mid-p",  "logit",     "arcsine",       "likelihood",
    "blaker"};

static surv_prop_method method_by_name(const char *s) {
  int i;
  for (i = 0; i < NMETH; i++)
    if (strcmp(s, meth_name[i]) == 0)
      return (surv_prop_method)i;
  ck_abort_msg("unknown method '%s' in fixture", s);
  return SURV_PROP_WALD;
}

static void ci(long x, long n, surv_prop_method m, double level, double *lo,
               double *up) {
  int rc = surv_prop_ci(x, n, m, level, lo, up);
  ck_assert_msg(rc == SURV_OK, "%s %ld/%ld level %g: %s", meth_name[m], x, n,
                level, surv_strerror(rc));
}

/* ---- R fixtures ------------------------------------------------------- */

START_TEST(test_r_ci_fixture) {
  tu_table *t = tu_table_read("prop_ci.tsv");
  int cm = tu_table_col(t, "method"), cx = tu_table_col(t, "x"),
      cn = tu_table_col(t, "n"), cl = tu_table_col(t, "level"),
      clo = tu_table_col(t, "lower"), cup = tu_table_col(t, "upper");
  size_t r, nrow = tu_table_nrow(t);
  char ctx[160];
  ck_assert_uint_ge(nrow, 1500);
  for (r = 0; r < nrow; r++) {
    surv_prop_method m = method_by_name(tu_table_str(t, r, cm));
    long x = (long)tu_table_num(t, r, cx), n = (long)tu_table_num(t, r, cn);
    double level = tu_table_num(t, r, cl), lo, up;
    ci(x, n, m, level, &lo, &up);
    snprintf(ctx, sizeof ctx, "%s %ld/%ld level %g lower", meth_name[m], x, n,
             level);
    TU_ASSERT_REL(lo, tu_table_num(t, r, clo), 1e-10, ctx);
    snprintf(ctx, sizeof ctx, "%s %ld/%ld level %g upper", meth_name[m], x, n,
             level);
    TU_ASSERT_REL(up, tu_table_num(t, r, cup), 1e-10, ctx);
  }
  tu_table_free(t);
}
END_TEST

START_TEST(test_r_binom_test_fixture) {
  tu_table *t = tu_table_read("prop_binom_test.tsv");
  int cx = tu_table_col(t, "x"), cn = tu_table_col(t, "n"),
      cp = tu_table_col(t, "p0"), ca = tu_table_col(t, "alternative"),
      cv = tu_table_col(t, "p");
  size_t r, nrow = tu_table_nrow(t);
  char ctx[160];
  ck_assert_uint_ge(nrow, 1000);
  for (r = 0; r < nrow; r++) {
    long x = (long)tu_table_num(t, r, cx), n = (long)tu_table_num(t, r, cn);
    double p0 = tu_table_num(t, r, cp), pv = -1.0;
    const char *alt = tu_table_str(t, r, ca);
    int rc = tu_binom(x, n, p0, tu_alternative(alt), &pv);
    ck_assert_int_eq(rc, SURV_OK);
    snprintf(ctx, sizeof ctx, "binom.test(%ld, %ld, %.17g, %s)", x, n, p0, alt);
    TU_ASSERT_REL(pv, tu_table_num(t, r, cv), 1e-10, ctx);
  }
  tu_table_free(t);
}
END_TEST

/* ---- worked values (10 significant digits) ------------------------------ */

typedef struct {
  long x, n;
  double v[NMETH][2];
} pub_row;

/* 95% intervals, methods in surv_prop_method order. */
static const pub_row table55[] = {
    {28,
     47,
     {{0.4554448588, 0.7360445029},
      {0.4534212295, 0.7235996548},
      {0.4430902542, 0.7328770888},
      {0.4532422813, 0.7237786030},
      {0.4426638425, 0.7363075519},
      {0.4531991919, 0.7268966233},
      {0.4517031730, 0.7283091619},
      {0.4514546092, 0.7251845232},
      {0.4519372032, 0.7288941906},
      {0.4531253219, 0.7281836514},
      {0.4457662514, 0.7271328404}}},
    {18,
     38,
     {{0.3149304774, 0.6324379436},
      {0.3247902332, 0.6274102862},
      {0.3130790639, 0.6395031962},
      {0.3247727160, 0.6274278034},
      {0.3098073016, 0.6418165637},
      {0.3217464436, 0.6294646564},
      {0.3198230335, 0.6314218135},
      {0.3225364979, 0.6298138581},
      {0.3193862289, 0.6315877651},
      {0.3205751700, 0.6302345661},
      {0.3111104438, 0.6345484268}}},
    {22,
     34,
     {{0.4864269670, 0.8076906801},
      {0.4791396312, 0.7851207941},
      {0.4647066311, 0.7969739982},
      {0.4784866070, 0.7857738182},
      {0.4648863709, 0.8025413521},
      {0.4797334188, 0.7905146165},
      {0.4772447016, 0.7927472182},
      {0.4757098799, 0.7874309203},
      {0.4778903359, 0.7937752328},
      {0.4799677479, 0.7927426236},
      {0.4697989378, 0.8001279702}}},
    {5,
     9,
     {{0.2309175776, 0.8801935335},
      {0.2666512935, 0.8112214789},
      {0.2265292299, 0.8465694425},
      {0.2662960634, 0.8115767090},
      {0.2120085068, 0.8630043377},
      {0.2540938679, 0.8270322433},
      {0.2404239845, 0.8395369376},
      {0.2513095327, 0.8231632226},
      {0.2384106673, 0.8430323469},
      {0.2485618335, 0.8346997805},
      {0.2513676274, 0.8312495040}}},
    {1,
     4,
     {{0, 0.6743446503},
      {0.04558726081, 0.6993581574},
      {0.01319116182, 0.7805734799},
      {0.03408607876, 0.7108593395},
      {0.006309463210, 0.8058795503},
      {0.02847089509, 0.7162483204},
      {0.01250194182, 0.7577126674},
      {0.03351140218, 0.7621601542},
      {0.006087903536, 0.7593699903},
      {0.01622852061, 0.7224182066},
      {0.01274145510, 0.7513953743}}},
    {0,
     10,
     {{0, 0},
      {0, 0.2775327999},
      {0, 0.3445372183},
      {0, 0.3208873058},
      {0, 0.3084971078},
      {0, 0.2171962675},
      {0, 0.2588655509},
      {0, 0.3084971078},
      {0, 0.2279772827},
      {0, 0.1747533280},
      {0, 0.2829347078}}},
    {10,
     10,
     {{1, 1},
      {0.7224672001, 1},
      {0.6554627817, 1},
      {0.6791126942, 1},
      {0.6915028922, 1},
      {0.7828037325, 1},
      {0.7411344491, 1},
      {0.6915028922, 1},
      {0.7720227173, 1},
      {0.8252466720, 1},
      {0.7170652922, 1}}},
    {1,
     100,
     {{0, 0.02950139542},
      {0.001767432064, 0.05448619618},
      {0.0005222226127, 0.06241198061},
      {0, 0.05992686188},
      {0.0002531460330, 0.05445938539},
      {0.001081101709, 0.04577889660},
      {0.0005001975253, 0.04831984861},
      {0.001406901285, 0.06752893624},
      {0.0003644715710, 0.04555410746},
      {0.0005732948626, 0.04328760903},
      {0.0005128014163, 0.05134532863}}},
};

START_TEST(test_worked_ci) {
  size_t r;
  int m;
  char ctx[128];
  for (r = 0; r < sizeof table55 / sizeof table55[0]; r++)
    for (m = 0; m < NMETH; m++) {
      double lo, up;
      ci(table55[r].x, table55[r].n, (surv_prop_method)m, 0.95, &lo, &up);
      snprintf(ctx, sizeof ctx, "95%% CI %s %ld/%ld lower", meth_name[m],
               table55[r].x, table55[r].n);
      TU_ASSERT_REL(lo, table55[r].v[m][0], 5e-10, ctx);
      snprintf(ctx, sizeof ctx, "95%% CI %s %ld/%ld upper", meth_name[m],
               table55[r].x, table55[r].n);
      TU_ASSERT_REL(up, table55[r].v[m][1], 5e-10, ctx);
    }
}
END_TEST

START_TEST(test_worked_binom_test) {
  static const struct {
    long x, n;
    double p0, two, less, greater;
  } t54[] = {
      {28, 47, 0.5, 0.2429602173, 0.9280674558, 0.1214801086},
      {18, 38, 0.3, 0.03171323345, 0.9923851666, 0.01799485406},
      {22, 34, 0.7, 0.5744987305, 0.3068320287, 0.8071071237},
      {5, 9, 0.5, 1, 0.74609375, 0.5},
      {1, 100, 0.05, 0.06526950349, 0.03708120933, 0.9940794708},
      {0, 10, 0.2, 0.228248064, 0.1073741824, 1},
      {10, 10, 0.9, 0.612579511, 1, 0.3486784401},
      {7, 20, 0.35, 1, 0.6010266046, 0.5833745818},
  };
  size_t i;
  for (i = 0; i < sizeof t54 / sizeof t54[0]; i++) {
    double p;
    ck_assert_int_eq(
        tu_binom(t54[i].x, t54[i].n, t54[i].p0, SURV_TWO_SIDED, &p), 0);
    TU_ASSERT_REL(p, t54[i].two, 5e-10, "binom.test two-sided");
    ck_assert_int_eq(tu_binom(t54[i].x, t54[i].n, t54[i].p0, SURV_LESS, &p), 0);
    TU_ASSERT_REL(p, t54[i].less, 5e-10, "binom.test less");
    ck_assert_int_eq(tu_binom(t54[i].x, t54[i].n, t54[i].p0, SURV_GREATER, &p),
                     0);
    TU_ASSERT_REL(p, t54[i].greater, 5e-10, "binom.test greater");
  }
}
END_TEST

/* Newcombe (1998), Stat. Med. 17:857-872, Table I: 95% intervals for
 * 81/263, 15/148, 0/20 and 1/29 by his methods 1 (Wald), 3 (score), 4
 * (score, continuity corrected), 5 (exact), 6 (mid-p), 7 (likelihood),
 * published to 4 decimals. The Wald 0/20 and 1/29 rows are omitted (the
 * paper prints the unclipped aberrant limits). */
START_TEST(test_newcombe_table1) {
  static const struct {
    long x, n;
    surv_prop_method m;
    double lo, up;
  } t1[] = {
      {81, 263, SURV_PROP_WALD, 0.2522, 0.3638},
      {81, 263, SURV_PROP_WILSON, 0.2553, 0.3662},
      {81, 263, SURV_PROP_WILSON_CC, 0.2535, 0.3682},
      {81, 263, SURV_PROP_CLOPPER_PEARSON, 0.2527, 0.3676},
      {81, 263, SURV_PROP_MIDP, 0.2544, 0.3658},
      {81, 263, SURV_PROP_LR, 0.2542, 0.3655},
      {15, 148, SURV_PROP_WALD, 0.0527, 0.1500},
      {15, 148, SURV_PROP_WILSON, 0.0624, 0.1605},
      {15, 148, SURV_PROP_WILSON_CC, 0.0598, 0.1644},
      {15, 148, SURV_PROP_CLOPPER_PEARSON, 0.0578, 0.1617},
      {15, 148, SURV_PROP_MIDP, 0.0601, 0.1581},
      {15, 148, SURV_PROP_LR, 0.0596, 0.1567},
      {0, 20, SURV_PROP_WILSON, 0.0, 0.1611},
      {0, 20, SURV_PROP_WILSON_CC, 0.0, 0.2005},
      {0, 20, SURV_PROP_CLOPPER_PEARSON, 0.0, 0.1684},
      {0, 20, SURV_PROP_MIDP, 0.0, 0.1391},
      {0, 20, SURV_PROP_LR, 0.0, 0.0916},
      {1, 29, SURV_PROP_WILSON, 0.0061, 0.1718},
      {1, 29, SURV_PROP_WILSON_CC, 0.0018, 0.1963},
      {1, 29, SURV_PROP_CLOPPER_PEARSON, 0.0009, 0.1776},
      {1, 29, SURV_PROP_MIDP, 0.0017, 0.1585},
      {1, 29, SURV_PROP_LR, 0.0020, 0.1432},
  };
  size_t i;
  for (i = 0; i < sizeof t1 / sizeof t1[0]; i++) {
    double lo, up;
    ci(t1[i].x, t1[i].n, t1[i].m, 0.95, &lo, &up);
    ck_assert_msg(fabs(lo - t1[i].lo) <= 0.5e-4 + 1e-12 &&
                      fabs(up - t1[i].up) <= 0.5e-4 + 1e-12,
                  "Newcombe Table I %s %ld/%ld: got %.6f %.6f, want %.4f %.4f",
                  meth_name[t1[i].m], t1[i].x, t1[i].n, lo, up, t1[i].lo,
                  t1[i].up);
  }
}
END_TEST

/* ---- properties on a grid ------------------------------------------- */

static const double grid_levels[] = {0.8, 0.9, 0.95, 0.99};

/* Methods whose interval always contains phat = x/n (arcsine, centred at
 * Anscombe's p~, need not). */
static int contains_phat(int m) { return m != SURV_PROP_ARCSINE; }

START_TEST(test_grid_properties) {
  long n, x;
  int m;
  size_t li;
  for (li = 0; li < sizeof grid_levels / sizeof grid_levels[0]; li++) {
    double level = grid_levels[li], alpha = 1.0 - level;
    for (n = 1; n <= 60; n++)
      for (x = 0; x <= n; x++) {
        double phat = (double)x / (double)n, lo[NMETH], up[NMETH];
        for (m = 0; m < NMETH; m++) {
          ci(x, n, (surv_prop_method)m, level, &lo[m], &up[m]);
          ck_assert_msg(0.0 <= lo[m] && lo[m] <= up[m] && up[m] <= 1.0,
                        "%s %ld/%ld level %g: [%.17g, %.17g]", meth_name[m], x,
                        n, level, lo[m], up[m]);
          if (contains_phat(m))
            ck_assert_msg(lo[m] <= phat && phat <= up[m],
                          "%s %ld/%ld level %g: [%.17g, %.17g] misses phat",
                          meth_name[m], x, n, level, lo[m], up[m]);
          if (x == 0)
            ck_assert_msg(lo[m] == 0.0, "%s: lower %.17g at x = 0",
                          meth_name[m], lo[m]);
          if (x == n)
            ck_assert_msg(up[m] == 1.0, "%s: upper %.17g at x = n",
                          meth_name[m], up[m]);
        }
        /* Blaker and mid-p lie inside Clopper-Pearson. */
        ck_assert(lo[SURV_PROP_BLAKER] >= lo[SURV_PROP_CLOPPER_PEARSON]);
        ck_assert(up[SURV_PROP_BLAKER] <= up[SURV_PROP_CLOPPER_PEARSON]);
        ck_assert(lo[SURV_PROP_MIDP] >= lo[SURV_PROP_CLOPPER_PEARSON]);
        ck_assert(up[SURV_PROP_MIDP] <= up[SURV_PROP_CLOPPER_PEARSON]);
        /* Rules at the ends. */
        if (x == 0) {
          double cpu = -expm1(log(alpha / 2.0) / (double)n);
          TU_ASSERT_REL(up[SURV_PROP_WALD], 0.0, 0.0, "wald 0/n");
          TU_ASSERT_REL(up[SURV_PROP_CLOPPER_PEARSON], cpu, 1e-15, "cp 0/n");
          TU_ASSERT_REL(up[SURV_PROP_LOGIT], cpu, 1e-15, "logit 0/n");
        }
        if (x == n) {
          double cpl = exp(log(alpha / 2.0) / (double)n);
          TU_ASSERT_REL(lo[SURV_PROP_WALD], 1.0, 0.0, "wald n/n");
          TU_ASSERT_REL(lo[SURV_PROP_CLOPPER_PEARSON], cpl, 1e-15, "cp n/n");
          TU_ASSERT_REL(lo[SURV_PROP_LOGIT], cpl, 1e-15, "logit n/n");
        }
      }
  }
}
END_TEST

/* Symmetry: the interval for n - x is the mirror image of that for x, and
 * intervals are nested in the level. */
START_TEST(test_grid_symmetry_nesting) {
  long n, x;
  int m;
  char ctx[96];
  for (n = 1; n <= 40; n++)
    for (x = 0; x <= n; x++)
      for (m = 0; m < NMETH; m++) {
        double lo, up, lo2, up2, lo9, up9;
        ci(x, n, (surv_prop_method)m, 0.95, &lo, &up);
        ci(n - x, n, (surv_prop_method)m, 0.95, &lo2, &up2);
        snprintf(ctx, sizeof ctx, "%s %ld/%ld mirror", meth_name[m], x, n);
        ck_assert_msg(fabs(lo - (1.0 - up2)) <= 1e-12 &&
                          fabs(up - (1.0 - lo2)) <= 1e-12,
                      "%s: [%.17g, %.17g] vs [%.17g, %.17g]", ctx, lo, up,
                      1.0 - up2, 1.0 - lo2);
        ci(x, n, (surv_prop_method)m, 0.9, &lo9, &up9);
        ck_assert_msg(lo <= lo9 && up9 <= up, "%s %ld/%ld not nested",
                      meth_name[m], x, n);
      }
}
END_TEST

/* Blaker's acceptability, computed independently in long double from the
 * definition (Blaker 2000, Canad. J. Statist. 28:783-798): a(p) = min(G(x) +
 * F(x1), F(x) + G(x2)), capped at 1, F/G the lower/upper tails, x1 = max{k :
 * F(k) <= G(x)}, x2 = min{k : G(k) <= F(x)}. */
static double blaker_acc(long x, long n, double pd) {
  long double f[64], F[64], G[65], lc = 0.0L, p = pd, t1, t2;
  long k, x1 = -1, x2 = n + 1;
  ck_assert_int_le(n, 62);
  for (k = 0; k <= n; k++) {
    if (k > 0)
      lc += logl((long double)(n - k + 1) / (long double)k);
    f[k] = expl(lc + k * logl(p) + (n - k) * log1pl(-p));
  }
  for (k = 0; k <= n; k++)
    F[k] = (k ? F[k - 1] : 0.0L) + f[k];
  G[n + 1] = 0.0L;
  for (k = n; k >= 0; k--)
    G[k] = G[k + 1] + f[k];
  for (k = 0; k <= n; k++)
    if (F[k] <= G[x])
      x1 = k;
  for (k = n; k >= 0; k--)
    if (G[k] <= F[x])
      x2 = k;
  t1 = G[x] + (x1 >= 0 ? F[x1] : 0.0L);
  t2 = F[x] + (x2 <= n ? G[x2] : 0.0L);
  t1 = t1 < t2 ? t1 : t2;
  return (double)(t1 < 1.0L ? t1 : 1.0L);
}

/* The Blaker interval is the hull of {p : a(p) > alpha}: a(p) <= alpha on a
 * 150-point grid between each Clopper-Pearson end and the Blaker end, a(p) <=
 * alpha just outside each end and a(p) > alpha just inside it. */
START_TEST(test_blaker_hull) {
  long n, x;
  size_t li;
  int g;
  for (li = 0; li < sizeof grid_levels / sizeof grid_levels[0]; li++) {
    double level = grid_levels[li], alpha = 1.0 - level;
    for (n = 1; n <= 30; n++)
      for (x = 0; x <= n; x++) {
        double lo, up, cl, cu, p;
        ci(x, n, SURV_PROP_BLAKER, level, &lo, &up);
        ci(x, n, SURV_PROP_CLOPPER_PEARSON, level, &cl, &cu);
        if (x > 0) {
          for (g = 0; g < 150; g++) {
            p = cl + (lo - cl) * g / 150.0;
            ck_assert_msg(blaker_acc(x, n, p) <= alpha,
                          "blaker %ld/%ld level %g: a(%.17g) > alpha below "
                          "lower %.17g",
                          x, n, level, p, lo);
          }
          ck_assert_msg(blaker_acc(x, n, lo * (1 - 1e-9)) <= alpha &&
                            blaker_acc(x, n, lo * (1 + 1e-9)) > alpha,
                        "blaker %ld/%ld level %g: lower %.17g not an edge", x,
                        n, level, lo);
        }
        if (x < n) {
          for (g = 0; g < 150; g++) {
            p = cu - (cu - up) * g / 150.0;
            ck_assert_msg(blaker_acc(x, n, p) <= alpha,
                          "blaker %ld/%ld level %g: a(%.17g) > alpha above "
                          "upper %.17g",
                          x, n, level, p, up);
          }
          ck_assert_msg(blaker_acc(x, n, 1 - (1 - up) * (1 - 1e-9)) <= alpha &&
                            blaker_acc(x, n, 1 - (1 - up) * (1 + 1e-9)) > alpha,
                        "blaker %ld/%ld level %g: upper %.17g not an edge", x,
                        n, level, up);
        }
      }
  }
}
END_TEST

/* Jeffreys inverts libsurv's own incomplete beta (continued fraction, or
 * the gamma limit for n > 10^6): it must converge and stay ordered for every
 * x over n up to 10^4 and at two extreme levels. */
START_TEST(test_jeffreys_large_n) {
  static const long ns[] = {61, 97, 150, 333, 1000, 2500, 5000, 9999, 10000};
  size_t i;
  long x, step;
  for (i = 0; i < sizeof ns / sizeof ns[0]; i++) {
    long n = ns[i];
    step = n <= 1000 ? 1 : n / 400;
    for (x = 0; x <= n; x += (x < 20 || x > n - 20) ? 1 : step) {
      double lo, up;
      ci(x, n, SURV_PROP_JEFFREYS, 0.95, &lo, &up);
      ck_assert(0.0 <= lo && lo <= up && up <= 1.0);
      ci(x, n, SURV_PROP_JEFFREYS, 0.999, &lo, &up);
      ck_assert(0.0 <= lo && lo <= up && up <= 1.0);
    }
  }
}
END_TEST

/* Extreme levels and large n stay finite and ordered. */
START_TEST(test_extremes) {
  static const double levels[] = {1e-9, 0.5, 0.999999, 1.0 - 1e-12};
  static const long xs[][2] = {{0, 1},      {1, 1},          {3, 7},
                               {1, 100000}, {50000, 100000}, {0, 1000000}};
  size_t i, j;
  int m;
  for (i = 0; i < sizeof levels / sizeof levels[0]; i++)
    for (j = 0; j < sizeof xs / sizeof xs[0]; j++)
      for (m = 0; m < NMETH; m++) {
        double lo = -1, up = -1;
        ci(xs[j][0], xs[j][1], (surv_prop_method)m, levels[i], &lo, &up);
        ck_assert_msg(0.0 <= lo && lo <= up && up <= 1.0,
                      "%s %ld/%ld level %g: [%.17g, %.17g]", meth_name[m],
                      xs[j][0], xs[j][1], levels[i], lo, up);
      }
}
END_TEST

/* binom.test corner cases: p0 = 0 and 1, n = 1. */
START_TEST(test_binom_test_corners) {
  double p;
  ck_assert_int_eq(tu_binom(0, 5, 0.0, SURV_TWO_SIDED, &p), 0);
  ck_assert(p == 1.0);
  ck_assert_int_eq(tu_binom(1, 5, 0.0, SURV_TWO_SIDED, &p), 0);
  ck_assert(p == 0.0);
  ck_assert_int_eq(tu_binom(5, 5, 1.0, SURV_TWO_SIDED, &p), 0);
  ck_assert(p == 1.0);
  ck_assert_int_eq(tu_binom(4, 5, 1.0, SURV_TWO_SIDED, &p), 0);
  ck_assert(p == 0.0);
  ck_assert_int_eq(tu_binom(1, 5, 0.0, SURV_GREATER, &p), 0);
  ck_assert(p == 0.0);
  ck_assert_int_eq(tu_binom(1, 5, 0.0, SURV_LESS, &p), 0);
  ck_assert(p == 1.0);
  ck_assert_int_eq(tu_binom(1, 1, 0.5, SURV_TWO_SIDED, &p), 0);
  TU_ASSERT_REL(p, 1.0, 1e-15, "1/1 p0 = 0.5");
  ck_assert_int_eq(tu_binom(0, 1, 0.25, SURV_GREATER, &p), 0);
  ck_assert(p == 1.0);
}
END_TEST

/* ---- error paths ------------------------------------------------------ */

#define SENT 12345.0

static void expect_ci_error(long x, long n, int m, double level, int code) {
  double lo = SENT, up = SENT;
  int rc = surv_prop_ci(x, n, (surv_prop_method)m, level, &lo, &up);
  ck_assert_msg(rc == code, "x=%ld n=%ld m=%d level=%g: got %s want %s", x, n,
                m, level, surv_errname(rc), surv_errname(code));
  ck_assert(lo == SENT && up == SENT);
}

START_TEST(test_ci_errors) {
  double lo = SENT, up = SENT;
  int m;
  ck_assert_int_eq(surv_prop_ci(1, 2, SURV_PROP_WILSON, 0.95, NULL, &up),
                   SURV_ENULL);
  ck_assert(up == SENT);
  ck_assert_int_eq(surv_prop_ci(1, 2, SURV_PROP_WILSON, 0.95, &lo, NULL),
                   SURV_ENULL);
  ck_assert(lo == SENT);
  for (m = 0; m < NMETH; m++) {
    expect_ci_error(0, 0, m, 0.95, SURV_ECOUNT);
    expect_ci_error(0, -3, m, 0.95, SURV_ECOUNT);
    expect_ci_error(-1, 5, m, 0.95, SURV_ECOUNT);
    expect_ci_error(6, 5, m, 0.95, SURV_ECOUNT);
    expect_ci_error(1, 5, m, 0.0, SURV_ELEVEL);
    expect_ci_error(1, 5, m, 1.0, SURV_ELEVEL);
    expect_ci_error(1, 5, m, -0.5, SURV_ELEVEL);
    expect_ci_error(1, 5, m, 95.0, SURV_ELEVEL);
    expect_ci_error(1, 5, m, NAN, SURV_ELEVEL);
    expect_ci_error(1, 5, m, INFINITY, SURV_ELEVEL);
  }
  expect_ci_error(1, 5, -1, 0.95, SURV_EINVAL);
  expect_ci_error(1, 5, NMETH, 0.95, SURV_EINVAL);
  expect_ci_error(1, 5, 1000, 0.95, SURV_EINVAL);
  /* n beyond 2^53 (not exact as a double), where long is that wide. */
#if LONG_MAX > 9007199254740992
  expect_ci_error(1, LONG_MAX, SURV_PROP_WILSON, 0.95, SURV_ESIZE);
#endif
  /* NULL is reported before any other fault. */
  ck_assert_int_eq(surv_prop_ci(9, 5, (surv_prop_method)99, NAN, NULL, NULL),
                   SURV_ENULL);
}
END_TEST

static void expect_bt_error(long x, long n, double p0, int alt, int code) {
  double p = SENT;
  int rc = tu_binom(x, n, p0, (surv_alternative)alt, &p);
  ck_assert_msg(rc == code, "x=%ld n=%ld p0=%g alt=%d: got %s want %s", x, n,
                p0, alt, surv_errname(rc), surv_errname(code));
  ck_assert(p == SENT);
}

START_TEST(test_binom_test_errors) {
  ck_assert_int_eq(surv_binom_test(1, 2, 0.5, SURV_TWO_SIDED, NULL),
                   SURV_ENULL);
  expect_bt_error(0, 0, 0.5, SURV_TWO_SIDED, SURV_ECOUNT);
  expect_bt_error(-1, 3, 0.5, SURV_LESS, SURV_ECOUNT);
  expect_bt_error(4, 3, 0.5, SURV_GREATER, SURV_ECOUNT);
  expect_bt_error(1, 3, -0.1, SURV_TWO_SIDED, SURV_EPROB);
  expect_bt_error(1, 3, 1.5, SURV_TWO_SIDED, SURV_EPROB);
  expect_bt_error(1, 3, NAN, SURV_TWO_SIDED, SURV_EPROB);
  expect_bt_error(1, 3, INFINITY, SURV_LESS, SURV_EPROB);
  expect_bt_error(1, 3, 0.5, 3, SURV_EINVAL);
#if LONG_MAX > 9007199254740992
  expect_bt_error(1, LONG_MAX, 0.5, SURV_LESS, SURV_ESIZE);
#endif
  expect_bt_error(1, 3, 0.5, -1, SURV_EINVAL);
}
END_TEST

int main(void) {
  Suite *s = suite_create("prop");
  TCase *tc;

  tc = tcase_create("r_fixtures");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_r_ci_fixture);
  tcase_add_test(tc, test_r_binom_test_fixture);
  suite_add_tcase(s, tc);

  tc = tcase_create("published");
  tcase_add_test(tc, test_worked_ci);
  tcase_add_test(tc, test_worked_binom_test);
  tcase_add_test(tc, test_newcombe_table1);
  tcase_add_test(tc, test_binom_test_corners);
  suite_add_tcase(s, tc);

  tc = tcase_create("properties");
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, test_grid_properties);
  tcase_add_test(tc, test_grid_symmetry_nesting);
  tcase_add_test(tc, test_blaker_hull);
  tcase_add_test(tc, test_jeffreys_large_n);
  tcase_add_test(tc, test_extremes);
  suite_add_tcase(s, tc);

  tc = tcase_create("errors");
  tcase_add_test(tc, test_ci_errors);
  tcase_add_test(tc, test_binom_test_errors);
  suite_add_tcase(s, tc);

  return tu_run_suite(s);
}
