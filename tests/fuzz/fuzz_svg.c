/* Fuzz harness: the SVG Kaplan-Meier reader of surv-ipd (examples/svgkm.c).
 * The first byte chooses whether the axes come from the labels or from
 * given tick values; the rest is the file. Invariants: no out-of-bounds
 * access or leak (ASan); a failure leaves a message "fuzz.svg:LINE: ..." or
 * "fuzz.svg: ..." and no result; a success gives at least one curve, each
 * starting at (0, 1) with at least three corners, times >= 0 that never
 * decrease, survival in [0, 1] that never increases, censoring marks in
 * ascending order within the curve's time range, number-at-risk rows in
 * increasing time with whole numbers, and finite precisions. */
#include "fuzzutil.h"

#include "svgkm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  svgkm_axes ax = {0, 0, 0, 0, 0, 0};
  if (data[0] & 1) {
    ax.have_x = 1;
    ax.x_first = 0;
    ax.x_last = 60;
  }
  if (data[0] & 2) {
    ax.have_y = 1;
    ax.y_first = 0;
    ax.y_last = 1;
  }
  char err[SVGKM_ERRLEN];
  svgkm *k = (svgkm *)&ax; /* must stay untouched on failure */
  int rc = svgkm_read_mem((const char *)data + 1, size - 1, "fuzz.svg", &ax, &k,
                          err, sizeof err);
  if (rc != 0) {
    FZ_CHECK(rc == -1, "rc %d", rc);
    FZ_CHECK(k == (svgkm *)&ax, "result written on failure");
    FZ_CHECK(strncmp(err, "fuzz.svg:", 9) == 0 && strlen(err) > 11,
             "message '%s'", err);
    if (err[9] != ' ') {
      char *end;
      long line = strtol(err + 9, &end, 10);
      FZ_CHECK(line >= 1 && *end == ':', "line in '%s'", err);
    }
    return 0;
  }
  FZ_CHECK(k && k->ncurve >= 1, "no curve on success");
  FZ_CHECK(isfinite(k->t_prec) && isfinite(k->s_prec) && k->t_prec >= 0 &&
               k->s_prec >= 0,
           "precision %g %g", k->t_prec, k->s_prec);
  for (size_t c = 0; c < k->ncurve; c++) {
    const svgkm_curve *cv = &k->curve[c];
    FZ_CHECK(cv->m >= 3, "curve %zu has %zu corners", c, cv->m);
    FZ_CHECK(cv->t[0] == 0 && cv->s[0] == 1, "curve %zu starts at (%g, %g)", c,
             cv->t[0], cv->s[0]);
    for (size_t i = 0; i < cv->m; i++) {
      FZ_CHECK(isfinite(cv->t[i]) && cv->t[i] >= 0, "time %g", cv->t[i]);
      FZ_CHECK(cv->s[i] >= 0 && cv->s[i] <= 1, "surv %g", cv->s[i]);
      if (i)
        FZ_CHECK(cv->t[i] >= cv->t[i - 1] && cv->s[i] <= cv->s[i - 1],
                 "corner %zu goes back", i);
    }
    for (size_t i = 0; i < cv->nc; i++) {
      FZ_CHECK(isfinite(cv->cens[i]) && cv->cens[i] >= 0, "mark %g",
               cv->cens[i]);
      if (i)
        FZ_CHECK(cv->cens[i] >= cv->cens[i - 1], "marks unsorted");
    }
    for (size_t i = 0; i < cv->nr; i++) {
      FZ_CHECK(isfinite(cv->risk_t[i]), "risk time %g", cv->risk_t[i]);
      FZ_CHECK(cv->n_risk[i] >= 0 && cv->n_risk[i] == floor(cv->n_risk[i]),
               "n_risk %g", cv->n_risk[i]);
      if (i)
        FZ_CHECK(cv->risk_t[i] > cv->risk_t[i - 1], "risk times unsorted");
    }
  }
  svgkm_free(k);
  return 0;
}
