/* A file of published survival figures, as a paper prints them, for
 * surv-audit(1) (not installed, not part of libsurv). The format (described
 * in full in surv-audit(1), section FIGURES FILE) is line based: '#' starts
 * a comment, blank lines are skipped, and every other line is one figure,
 * its words separated by blanks:
 *
 *   count    ARM patients N
 *   count    ARM events N
 *   median   ARM VALUE [(LOWER-UPPER)] [OPTION...]
 *   survival ARM at TIME VALUE[%] [(LOWER-UPPER)] [OPTION...]
 *   hr       ARM vs REF VALUE [(LOWER-UPPER)] [OPTION...]
 *   p-value  ARM vs REF [<|>]VALUE [OPTION...]
 *
 * VALUE is a printed decimal (digits, optionally a point and digits) or NR
 * (not reached, an undefined value); OPTION is ci=plain|log|log-log|logit|
 * arcsin, level=P, ties=efron|breslow|exact, test=logrank|wald|lr|score or
 * tol=X. Unless tol= is given, each printed number's tolerance is half a
 * unit of its last printed digit (0.05 for 69.2, 0.5 for 127). */
#ifndef SURV_EXAMPLES_PUBLISHED_H
#define SURV_EXAMPLES_PUBLISHED_H

#include <stddef.h>

#include <surv.h>

/* What a figure is. */
typedef enum pub_kind {
  PUB_PATIENTS = 0, /* count ARM patients N: rows of the arm */
  PUB_EVENTS = 1,   /* count ARM events N: rows of the arm with status 1 */
  PUB_MEDIAN = 2,   /* Kaplan-Meier median of the arm with its limits */
  PUB_SURVIVAL = 3, /* Kaplan-Meier survival of the arm at a time */
  PUB_HR = 4,       /* Cox hazard ratio of ARM against REF with limits */
  PUB_PVALUE = 5    /* p-value of a test of ARM against REF */
} pub_kind;

/* The test of a p-value figure (test=). */
typedef enum pub_test {
  PUB_TEST_LOGRANK = 0, /* log-rank (R survdiff), the default */
  PUB_TEST_WALD = 1,    /* Wald test of the Cox model */
  PUB_TEST_LR = 2,      /* likelihood-ratio test of the Cox model */
  PUB_TEST_SCORE = 3    /* score test of the Cox model */
} pub_test;

/* A printed number. */
typedef struct pub_number {
  int present;  /* 0: not printed (a figure without limits) */
  int nr;       /* 1: printed NR, an undefined value (R's NA) */
  int relation; /* '=', or '<' / '>' for a bound ("<0.001") */
  double value; /* in the printed scale (69.2 for 69.2%) */
  double tol;   /* tolerance, in the printed scale */
} pub_number;

#define PUB_NAMELEN 64
#define PUB_TEXTLEN 160

typedef struct pub_figure {
  long line; /* line of the figures file */
  pub_kind kind;
  char label[PUB_TEXTLEN]; /* the words naming it: "median placebo" */
  char text[PUB_TEXTLEN];  /* its printed value: "11.3 (8.7-15.1)" */
  char arm[PUB_NAMELEN];   /* the arm (a value of the data's arm column) */
  char ref[PUB_NAMELEN];   /* the reference arm (hr, p-value), else "" */
  double at;               /* survival: the landmark time */
  double scale;            /* 100 when printed in percent, else 1 */
  pub_number est, lower, upper;
  int tol_given;      /* tol= set every tolerance */
  surv_ci_type ci;    /* ci= (default SURV_CI_LOG, R's) */
  double level;       /* level= (default 0.95) */
  surv_cox_ties ties; /* ties= (default Efron, R's) */
  pub_test test;      /* test= (default log-rank) */
} pub_figure;

/* Read the figures file path ("-" = standard input) into a new array *out
 * of *n figures (free() it); a file without figures is an error. On failure
 * returns -1 and writes "FILE:LINE: message" (or "FILE: message") to
 * err[errlen]; *out and *n are then untouched. */
int pub_read(const char *path, pub_figure **out, size_t *n, char *err,
             size_t errlen);

/* Whether a computed value agrees with a printed number: NR with NaN; a
 * bound ('<', '>') strictly; otherwise |computed - value| <= tol (up to
 * 1e-9 of tol, for binary rounding). computed is in the printed scale. */
int pub_number_match(const pub_number *p, double computed);

#endif /* SURV_EXAMPLES_PUBLISHED_H */
