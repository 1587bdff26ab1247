/* Test helpers that call the Kaplan-Meier API with plain arrays (see
 * testutil.h); a file of its own so that suites which do not link libsurv
 * (check_result) never pull it from libtestutil. */
#include <surv.h>

#include "testutil.h"

int tu_km_fit(const double *time, const int *status, const double *weight,
              const int *strata, size_t n, unsigned flags, surv_result **out) {
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.time = time;
  d.status = status;
  d.weight = weight;
  d.strata = strata;
  return surv_km_fit(&d, flags, out);
}

int tu_km_fit_entry(const double *entry, const double *time, const int *status,
                    const double *weight, size_t n, unsigned flags,
                    surv_result **out) {
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.entry = entry;
  d.time = time;
  d.status = status;
  d.weight = weight;
  return surv_km_fit(&d, flags, out);
}

int tu_km_followup(const double *time, const int *status, const double *weight,
                   size_t n, unsigned flags, surv_ci_type type, double level,
                   double *median, double *lower, double *upper) {
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.time = time;
  d.status = status;
  d.weight = weight;
  return surv_km_followup(&d, flags, type, level, median, lower, upper);
}

const double *tu_col(const surv_result *r, surv_col c) {
  const double *x = surv_result_column(r, c, NULL);
  ck_assert_msg(x != NULL, "result has no column %d", (int)c);
  return x;
}

size_t tu_rows(const surv_result *r) {
  size_t n = 0;
  ck_assert_msg(surv_result_column(r, SURV_COL_TIME, &n) != NULL,
                "result has no time column");
  return n;
}
