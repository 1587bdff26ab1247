/* mdrt: reproduce LeVee et al., "Efficacy of Metastasis-Directed Radiation
 * Therapy to Prolong Systemic Therapy for Patients with Oligoprogressive
 * Metastatic Breast Cancer", Cancers 2025;17(13):2153, from a cohort CSV.
 * Thin: every statistic comes from libsurv (mdrt-study.c). See surv-mdrt(1). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mdrt.h"
#include "opts.h"

#ifndef MDRT_DATADIR
#define MDRT_DATADIR "/usr/local/share/libsurv"
#endif
#define COHORT_FILE "mdrt_cohort.csv"

static const struct {
  const char *name;
  surv_prop_method method;
  const char *label;
} methods[] = {
    {"wald", SURV_PROP_WALD, "Wald"},
    {"wilson", SURV_PROP_WILSON, "Wilson"},
    {"wilson-cc", SURV_PROP_WILSON_CC, "Wilson with continuity correction"},
    {"agresti-coull", SURV_PROP_AGRESTI_COULL, "Agresti-Coull"},
    {"clopper-pearson", SURV_PROP_CLOPPER_PEARSON, "Clopper-Pearson"},
    {"jeffreys", SURV_PROP_JEFFREYS, "Jeffreys"},
    {"mid-p", SURV_PROP_MIDP, "mid-p"},
    {"logit", SURV_PROP_LOGIT, "logit"},
    {"arcsine", SURV_PROP_ARCSINE, "arcsine"},
    {"likelihood", SURV_PROP_LR, "likelihood ratio"},
    {"blaker", SURV_PROP_BLAKER, "Blaker"},
};
#define NMETHODS (sizeof methods / sizeof methods[0])

static void usage(FILE *f) {
  fprintf(f,
          "usage: surv-mdrt [--ci-method=NAME] [--svg=FILE] [COHORT.csv]\n"
          "Reproduce the MDRT study's figures (see surv-mdrt(1)). NAME is one "
          "of:");
  for (size_t i = 0; i < NMETHODS; i++)
    fprintf(f, " %s", methods[i].name);
  fprintf(f, "\nWithout COHORT.csv it reads $SURV_MDRT_DATA/" COHORT_FILE
             ", else " MDRT_DATADIR "/" COHORT_FILE ".\n");
}

/* The default cohort: $SURV_MDRT_DATA/mdrt_cohort.csv when the variable is
 * set and not empty, else the installed copy in the configured data
 * directory. NULL when the name does not fit in buf. */
static const char *default_cohort(char *buf, size_t size) {
  const char *dir = getenv("SURV_MDRT_DATA");
  if (!dir || !*dir)
    dir = MDRT_DATADIR;
  int k = snprintf(buf, size, "%s/%s", dir, COHORT_FILE);
  return k >= 0 && (size_t)k < size ? buf : NULL;
}

/* A number with 12 significant digits, NA when undefined. */
static const char *num(char *s, double x) {
  if (isnan(x))
    return "NA";
  snprintf(s, 32, "%.12g", x);
  return s;
}

/* A number with 4 decimals, NA when undefined. */
static const char *num4(char *s, double x) {
  if (isnan(x))
    return "NA";
  snprintf(s, 32, "%.4f", x);
  return s;
}

static int prop_line(textbuf *b, const char *label, long x, long n,
                     surv_prop_method method) {
  char s1[32], s2[32], s3[32];
  double lo = NAN, hi = NAN, p = NAN;
  if (n > 0) {
    int rc = surv_prop_ci(x, n, method, 0.95, &lo, &hi);
    if (rc != SURV_OK)
      return rc;
    p = (double)x / (double)n;
  }
  textbuf_printf(b, "  %-11s %3ld/%-3ld %-15s (%s, %s)\n", label, x, n,
                 num(s1, p), num(s2, lo), num(s3, hi));
  return SURV_OK;
}

static int report(textbuf *b, const char *path, const mdrt_results *r,
                  size_t mi, int *mismatches) {
  const int T = MDRT_NSUB;
  char s1[32], s2[32], s3[32], s4[32], s5[32];
  int rc = SURV_OK;
  textbuf_printf(
      b,
      "MDRT for oligoprogressive metastatic breast cancer: a reproduction "
      "of\n"
      "LeVee et al., Cancers 2025;17(13):2153, computed with libsurv %s.\n"
      "Cohort file: %s\n"
      "NOTE: the shipped cohort (mdrt_cohort.csv) is SYNTHETIC: made by "
      "surv-mdrt-gen\n"
      "to agree with every published figure. It is not patient data.\n\n",
      surv_version(), path);

  textbuf_printf(b,
                 "1. Cohort\n"
                 "  %-11s %8s %15s %20s\n",
                 "subtype", "patients", "follow-up data",
                 ">= 1 year follow-up");
  for (int k = 0; k <= T; k++)
    textbuf_printf(b, "  %-11s %8ld %15ld %20ld\n",
                   k < T ? mdrt_subtype_name(k) : "all", r->n[k], r->eval[k],
                   r->oneyear[k]);

  textbuf_printf(b,
                 "\n2. Remained on the same systemic therapy (95%% CI: %s)\n",
                 methods[mi].label);
  static const char *const heading[MDRT_NLAND] = {
      "at 6 months (ttnt >= 6, of patients with follow-up data)",
      "at 1 year (ttnt >= 12, of patients with followup >= 12)"};
  const long *xs[MDRT_NLAND] = {r->rem6, r->rem12};
  const long *ns[MDRT_NLAND] = {r->eval, r->oneyear};
  for (int j = 0; j < MDRT_NLAND; j++) {
    textbuf_printf(b, "  %s\n", heading[j]);
    for (int k = 0; k <= T; k++)
      if ((rc = prop_line(b, k < T ? mdrt_subtype_name(k) : "all", xs[j][k],
                          ns[j][k], methods[mi].method)) != SURV_OK)
        return rc;
  }

  textbuf_printf(b, "\n3. Subtype and remaining at 6 months: 3 x 2 table "
                    "(remained, changed)\n");
  for (int k = 0; k < T; k++)
    textbuf_printf(b, "  %-11s %3ld %3ld   expected %s %s\n",
                   mdrt_subtype_name(k), r->table[2 * k], r->table[2 * k + 1],
                   num(s1, r->expected[2 * k]),
                   num(s2, r->expected[2 * k + 1]));
  textbuf_printf(b, "  Pearson chi-square  X2 = %s, df = %s, p = %s\n",
                 num(s1, r->chisq), num(s2, r->chisq_df), num(s3, r->chisq_p));
  textbuf_printf(b, "  G test              G  = %s, df = %s, p = %s\n",
                 num(s1, r->g), num(s2, r->g_df), num(s3, r->g_p));
  textbuf_printf(b, "  Fisher-Freeman-Halton exact test        p = %s\n",
                 num(s1, r->fisher_p));
  textbuf_printf(b,
                 "  The paper's p = 0.30 is the Pearson chi-square p "
                 "(%s; G test %s).\n",
                 num4(s1, r->chisq_p), num4(s2, r->g_p));
  if (r->n_below5 > 0)
    textbuf_printf(
        b,
        "  WARNING: %zu of %d expected counts are below 5. By Cochran's "
        "rule (no more\n"
        "  than 20%% of expected counts below 5) the chi-square and G "
        "approximations\n"
        "  are doubtful here; the exact test (p = %s) is the sounder one.\n",
        r->n_below5, 2 * T, num4(s1, r->fisher_p));

  textbuf_printf(b,
                 "\n4. Kaplan-Meier, %ld patients with follow-up data "
                 "(log-log 95%% limits)\n",
                 r->eval[T]);
  const mdrt_km_summary *km[2] = {&r->ttnt, &r->pfs};
  static const char *const kmname[2] = {"TTNT", "PFS"};
  const long naive_x[2][MDRT_NLAND] = {{r->rem6[T], r->rem12[T]},
                                       {r->pf6, r->pf12}};
  const long naive_n[MDRT_NLAND] = {r->eval[T], r->oneyear[T]};
  for (int e = 0; e < 2; e++) {
    textbuf_printf(b, "  %s: %ld events; median %s months (95%% CI %s, %s)\n",
                   kmname[e], km[e]->events, num(s1, km[e]->median),
                   num(s2, km[e]->median_lower), num(s3, km[e]->median_upper));
    for (int j = 0; j < MDRT_NLAND; j++) {
      textbuf_printf(b, "    at %2.0f months: KM %s (%s, %s)\n",
                     mdrt_landmarks[j], num(s1, km[e]->surv[j]),
                     num(s2, km[e]->lower[j]), num(s3, km[e]->upper[j]));
      textbuf_printf(b, "                  %s at risk; naive %ld/%ld = %s\n",
                     num(s4, km[e]->n_risk[j]), naive_x[e][j], naive_n[j],
                     naive_n[j] > 0
                         ? num(s5, (double)naive_x[e][j] / (double)naive_n[j])
                         : "NA");
    }
  }
  textbuf_printf(
      b,
      "  naive: share of the landmark's denominator (section 2) still free of "
      "the\n"
      "  event, which leaves out or counts as failures the patients censored "
      "before\n"
      "  the landmark; KM uses their time at risk instead.\n");
  textbuf_printf(b,
                 "  Median follow-up (reverse Kaplan-Meier of "
                 "followup_months): %s months\n"
                 "    (95%% CI %s, %s)\n",
                 num(s1, r->fu_median), num(s2, r->fu_lower),
                 num(s3, r->fu_upper));
  const mdrt_subtype_km *sub[2] = {&r->ttnt_sub, &r->pfs_sub};
  textbuf_printf(b, "  By subtype (not published; log-rank test across the "
                    "subtypes):\n");
  for (int e = 0; e < 2; e++) {
    for (int k = 0; k < T; k++)
      textbuf_printf(b,
                     "  %-4s %-11s %2ld patients, %2ld events; median %s "
                     "(95%% CI %s, %s)\n",
                     kmname[e], mdrt_subtype_name(k), sub[e]->n[k],
                     sub[e]->events[k], num(s1, sub[e]->median[k]),
                     num(s2, sub[e]->lower[k]), num(s3, sub[e]->upper[k]));
    textbuf_printf(b, "  %-4s log-rank chi-square = %s, df = %s, p = %s\n",
                   kmname[e], num(s1, sub[e]->chisq), num(s2, sub[e]->df),
                   num(s3, sub[e]->p));
  }
  textbuf_printf(b,
                 "  Hazard ratios by subtype (not published; Cox model, "
                 "Efron ties,\n  reference %s, Wald p):\n",
                 mdrt_subtype_name(MDRT_HR));
  for (int e = 0; e < 2; e++) {
    for (int k = 1; k < T; k++)
      textbuf_printf(b, "  %-4s %-11s HR %s (95%% CI %s, %s), p = %s\n",
                     kmname[e], mdrt_subtype_name(k), num(s1, sub[e]->hr[k]),
                     num(s2, sub[e]->hr_lower[k]), num(s3, sub[e]->hr_upper[k]),
                     num(s4, sub[e]->hr_p[k]));
    textbuf_printf(b,
                   "  %-4s likelihood-ratio chi-square = %s, df = %s, "
                   "p = %s\n",
                   kmname[e], num(s1, sub[e]->lr), num(s2, sub[e]->lr_df),
                   num(s3, sub[e]->lr_p));
  }

  mdrt_figure fig[MDRT_NFIG];
  *mismatches = mdrt_figures(r, fig);
  textbuf_printf(b,
                 "\n5. Published figures versus this cohort\n"
                 "  %-30s %-16s %s\n",
                 "figure", "published", "reproduced");
  for (int i = 0; i < MDRT_NFIG; i++)
    textbuf_printf(b, "  %-30s %-16s %-16s %s\n", fig[i].label,
                   fig[i].published, fig[i].reproduced,
                   fig[i].match ? "match" : "MISMATCH");
  if (*mismatches == 0)
    textbuf_printf(b, "All %d published figures reproduced.\n", MDRT_NFIG);
  else
    textbuf_printf(b, "%d of %d published figures NOT reproduced.\n",
                   *mismatches, MDRT_NFIG);
  return SURV_OK;
}

int main(int argc, char **argv) {
  const char *path = NULL, *svg = NULL;
  size_t mi = 4; /* clopper-pearson */
  char defpath[4096];
  opts o;
  int k;
  opts_init(&o, "surv-mdrt", usage, argc, argv);
  while ((k = opts_next(&o)) != OPTS_END) {
    if (k == OPTS_OPERAND) {
      path = opts_file(&o, path);
    } else if (opts_value(&o, "--ci-method")) {
      /* The names of surv-propci(1); "midp" and "lr" are accepted too. */
      const char *name = strcmp(o.value, "midp") == 0 ? "mid-p"
                         : strcmp(o.value, "lr") == 0 ? "likelihood"
                                                      : o.value;
      for (mi = 0; mi < NMETHODS; mi++)
        if (strcmp(name, methods[mi].name) == 0)
          break;
      if (mi == NMETHODS)
        opts_fail(&o, "unknown CI method '%s'", o.value);
    } else if (opts_value(&o, "--svg")) {
      svg = o.value;
    } else
      opts_unknown(&o);
  }
  if (!path && !(path = default_cohort(defpath, sizeof defpath))) {
    fprintf(stderr, "surv-mdrt: SURV_MDRT_DATA: name too long\n");
    return 1;
  }

  char err[512];
  mdrt_patient *p = NULL;
  size_t n = 0;
  if (mdrt_read_cohort(path, &p, &n, err, sizeof err) != 0) {
    fprintf(stderr, "surv-mdrt: %s\n", err);
    return 1;
  }
  mdrt_results r;
  int rc = mdrt_analyse(p, n, &r);
  free(p);
  if (rc != SURV_OK) {
    fprintf(stderr, "surv-mdrt: %s: analysis failed: %s\n", path,
            rc == SURV_ESIZE ? "no patient with follow-up data"
                             : surv_strerror(rc));
    return 1;
  }
  textbuf out = {0}, fig = {0};
  int mismatches = 0;
  rc = report(&out, path, &r, mi, &mismatches);
  if (rc == SURV_OK && svg)
    rc = mdrt_svg(&fig, &r);
  mdrt_results_free(&r);
  if (rc == SURV_OK && (out.failed || fig.failed))
    rc = SURV_ENOMEM;
  if (rc != SURV_OK) {
    fprintf(stderr, "surv-mdrt: %s: %s\n", path, surv_strerror(rc));
    textbuf_free(&out);
    textbuf_free(&fig);
    return 1;
  }
  if (svg && textbuf_write_file(svg, &fig) != 0) {
    fprintf(stderr, "surv-mdrt: %s: %s\n", svg, strerror(errno));
    textbuf_free(&out);
    textbuf_free(&fig);
    return 1;
  }
  textbuf_free(&fig);
  fwrite(out.s, 1, out.len, stdout);
  textbuf_free(&out);
  /* Status 0 says every figure matches: only once the report is written. */
  if (opts_close_stdout(&o) != 0)
    return 1;
  return mismatches ? 3 : 0;
}
