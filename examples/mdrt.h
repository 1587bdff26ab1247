/* The MDRT study (LeVee et al., Cancers 2025;17(13):2153), shared by the
 * example programs mdrt (the report) and mdrt-gen (the SYNTHETIC cohort
 * generator, which uses the analysis to verify its output): the cohort
 * record, every analysis the paper reports, computed with libsurv
 * (mdrt-study.c), the table of published figures with their reproduced
 * values at the paper's rounding, the cohort reader (mdrt-cohort.c) and the
 * figure (mdrt-svg.c). Not installed. See surv-mdrt(1). */
#ifndef MDRT_H
#define MDRT_H

#include <stddef.h>

#include <surv.h>

#include "textbuf.h"

/* Breast cancer subtypes, in the paper's order. */
enum { MDRT_HR = 0, MDRT_HER2 = 1, MDRT_TNBC = 2, MDRT_NSUB = 3 };

/* Subtype label as spelled in the CSV ("HR+/HER2-", "HER2+", "TNBC"). */
const char *mdrt_subtype_name(int subtype);
/* Index of a CSV label, -1 if unknown. */
int mdrt_subtype_parse(const char *s);

/* One patient. Times in months from MDRT; when has_fu is 0 the patient has
 * no follow-up data and the times and events are unused. */
typedef struct mdrt_patient {
  char id[32];
  int subtype;
  int has_fu;
  double followup; /* MDRT to last contact */
  double ttnt;     /* MDRT to next systemic therapy, or censoring */
  int ttnt_event;  /* 1 = next therapy started at ttnt, 0 = censored */
  double pfs;      /* MDRT to progression or death, or censoring */
  int pfs_event;   /* 1 = progression or death, 0 = censored */
} mdrt_patient;

/* Landmarks of the naive and KM analyses: 6 months and 1 year. */
#define MDRT_NLAND 2
extern const double mdrt_landmarks[MDRT_NLAND];

/* One Kaplan-Meier endpoint (TTNT or PFS) on the patients with follow-up. */
typedef struct mdrt_km_summary {
  surv_result *km; /* owned; freed by mdrt_results_free */
  double median, median_lower, median_upper; /* log-log 95% (quantile rule) */
  double surv[MDRT_NLAND], lower[MDRT_NLAND], upper[MDRT_NLAND];
  double n_risk[MDRT_NLAND];
  long events;
} mdrt_km_summary;

/* One endpoint by subtype on the patients with follow-up: KM median with
 * log-log 95% limits per subtype (NA for a subtype without patients) and
 * the log-rank test across the subtypes (R survdiff; NA with fewer than two
 * subtypes). Not published figures: printed, never compared. */
typedef struct mdrt_subtype_km {
  long n[MDRT_NSUB], events[MDRT_NSUB];
  double median[MDRT_NSUB], lower[MDRT_NSUB], upper[MDRT_NSUB];
  double chisq, df, p;
  /* Cox model (R coxph(Surv(t, s) ~ subtype), Efron ties) with HR+/HER2- as
   * the reference: hazard ratio, 95% limits and Wald p of each other
   * subtype (index MDRT_HER2, MDRT_TNBC; NA at MDRT_HR and where a subtype
   * has no patient), and the likelihood-ratio test. */
  double hr[MDRT_NSUB], hr_lower[MDRT_NSUB], hr_upper[MDRT_NSUB];
  double hr_p[MDRT_NSUB];
  double lr, lr_df, lr_p;
} mdrt_subtype_km;

/* Everything the report prints. Index [MDRT_NSUB] of the per-subtype arrays
 * holds the total. */
typedef struct mdrt_results {
  long n[MDRT_NSUB + 1];       /* patients */
  long eval[MDRT_NSUB + 1];    /* with follow-up data (6-month denominator) */
  long rem6[MDRT_NSUB + 1];    /* of those, ttnt >= 6 */
  long oneyear[MDRT_NSUB + 1]; /* followup >= 12 (1-year denominator) */
  long rem12[MDRT_NSUB + 1];   /* of those, ttnt >= 12 */
  long pf6, pf12;              /* naive progression-free: pfs >= 6 of eval,
                                  pfs >= 12 of the 1-year set */
  long table[MDRT_NSUB * 2];   /* subtype x (remained, did not) at 6 months */
  double expected[MDRT_NSUB * 2];
  size_t n_below5;
  double chisq, chisq_df, chisq_p;
  double g, g_df, g_p;
  double fisher_p;
  mdrt_km_summary ttnt, pfs;
  mdrt_subtype_km ttnt_sub, pfs_sub;
  /* Median follow-up by reverse KM of followup_months (every end of
   * follow-up censors death: the cohort has no vital status), log-log 95%. */
  double fu_median, fu_lower, fu_upper;
} mdrt_results;

/* Run every analysis on n patients. Returns a libsurv code (SURV_OK on
 * success); on failure *r holds no owned memory. */
int mdrt_analyse(const mdrt_patient *p, size_t n, mdrt_results *r);
void mdrt_results_free(mdrt_results *r);

/* One published figure next to its reproduced value at the paper's rounding. */
typedef struct mdrt_figure {
  const char *label;
  const char *published;
  char reproduced[64];
  int match;
} mdrt_figure;

#define MDRT_NFIG 14
/* Fill the side-by-side table; returns how many figures do NOT match. */
int mdrt_figures(const mdrt_results *r, mdrt_figure fig[MDRT_NFIG]);

/* Text is built in memory (textbuf.h) and printed only once all of it
 * succeeded. */

/* ---- mdrt-cohort.c: reading a cohort file ---- */
/* Read path into a new array *out of *n patients (free() it). On failure
 * returns -1 and writes one line "FILE:LINE: message" (no newline) to err;
 * *out and *n are then untouched. */
int mdrt_read_cohort(const char *path, mdrt_patient **out, size_t *n, char *err,
                     size_t errsize);

/* ---- mdrt-svg.c: the figure ---- */
/* Append a complete SVG document to b (drawn by kmplot.h). Returns a
 * libsurv code. */
int mdrt_svg(textbuf *b, const mdrt_results *r);

#endif /* MDRT_H */
