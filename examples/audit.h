/* Published figures (published.h) checked against what libsurv computes
 * from a data set of one row per patient with a time, a status and an arm
 * (not installed, not part of libsurv). See surv-audit(1). */
#ifndef SURV_EXAMPLES_AUDIT_H
#define SURV_EXAMPLES_AUDIT_H

#include <stddef.h>

#include "published.h"

/* The data: n rows, arm[i] indexes names[0 .. narm-1] (in order of first
 * appearance). */
typedef struct audit_data {
  size_t n, narm;
  double *time;
  int *status;
  size_t *arm;
  char **names;
} audit_data;

/* Read the CSV path ("-" = standard input) with the columns time, status
 * (1 event, 0 censored) and arm (any non-empty text). Returns 0, or -1 with
 * "FILE:LINE: message" in err[errlen] and *d untouched. */
int audit_read(const char *path, audit_data *d, char *err, size_t errlen);
void audit_free(audit_data *d);

/* A figure's value as computed from the data, in the figure's printed
 * scale: the estimate and, where the figure prints them, its limits (NaN
 * where undefined, as R's NA), and whether each printed number agrees. */
typedef struct audit_value {
  double est, lower, upper;
  int match; /* 1: every printed number agrees */
} audit_value;

/* Compute figure f from d. Returns 0, or -1 with "FIGURES:LINE: message"
 * in err[errlen] (an arm the data lack, a libsurv error) where FIGURES is
 * the figures file's name for messages. */
int audit_compute(const audit_data *d, const pub_figure *f, const char *figures,
                  audit_value *v, char *err, size_t errlen);

#endif /* SURV_EXAMPLES_AUDIT_H */
