/* Shared helpers for libsurv's Check suites: relative-tolerance assertions
 * with R's NA convention, a TSV fixture reader, and the GSL tripwire. */
#ifndef SURV_TESTUTIL_H
#define SURV_TESTUTIL_H

#include <check.h>
#include <stddef.h>

/* ck_assert_msg (and the ck_assert_* built on it) without Check's
 * _mark_point on success: Check writes every passing assertion's location to
 * its message pipe, one write(2) each, which made the grid and loop tests
 * spend most of their time in the kernel. A failing assertion fails exactly
 * as before; a crash is reported at the test's last checkpoint instead of
 * the last passing assertion. */
#undef ck_assert_msg
#define ck_assert_msg(expr, ...)                                               \
  ((expr) ? (void)0                                                            \
          : _ck_assert_failed(__FILE__, __LINE__,                              \
                              "Assertion '" #expr "' failed", ##__VA_ARGS__))

/* Assert |got - want| <= rtol * |want| (absolute rtol when want == 0).
 * want NaN (R's NA or NaN) requires got NaN; want +-Inf requires equality.
 * Prints both values with 17 significant digits and the context string. */
#define TU_ASSERT_REL(got, want, rtol, ctx)                                    \
  tu_assert_rel((got), (want), (rtol), (ctx), __FILE__, __LINE__)
void tu_assert_rel(double got, double want, double rtol, const char *ctx,
                   const char *file, int line);

/* A TSV fixture: '#' lines are comments, the first other line is the header.
 * Cells "NA", "NaN", "Inf", "-Inf" parse to NaN / +-Inf. Files are found under
 * $srcdir/tests/fixtures/ (automake exports srcdir), else ./tests/fixtures/. */
typedef struct tu_table tu_table;
tu_table *tu_table_read(const char *name); /* fails the test if unreadable */
void tu_table_free(tu_table *t);
size_t tu_table_nrow(const tu_table *t);
int tu_table_col(const tu_table *t, const char *name); /* fails if missing */
int tu_table_has_col(const tu_table *t, const char *name);
double tu_table_num(const tu_table *t, size_t row, int col);
const char *tu_table_str(const tu_table *t, size_t row, int col);

/* Full path of a fixture file (static buffer per call site is not used:
 * writes into buf of size len). */
const char *tu_fixture_path(const char *name, char *buf, size_t len);

/* Install a GSL error handler that fails the current test with GSL's reason,
 * file and line: anything that would abort a user's program fails a test. */
void tu_install_gsl_tripwire(void);

/* Install the tripwire, run the suite (CK_NORMAL), return an exit status. */
int tu_run_suite(Suite *s);

/* ---- Kaplan-Meier with plain arrays (tests/testkm.c) ------------------- */
#include <surv.h>

/* R's alternative = "two.sided", "less" or "greater" as a
 * surv_alternative (fails the test on any other string). */
surv_alternative tu_alternative(const char *s);
/* R's uniroot default tolerance, .Machine$double.eps^0.25. */
#define TU_R_UNIROOT_TOL 1.220703125e-4
/* got vs an odds ratio R solved with uniroot's default tolerance, on R's
 * scale (psi or 1/psi; see tests/testutil.c). */
void tu_assert_r_scale(double got, double want, const char *ctx);

/* surv_km_fit with a surv_data of these members (NULL: absent). */
int tu_km_fit(const double *time, const int *status, const double *weight,
              const int *strata, size_t n, unsigned flags, surv_result **out);
int tu_km_fit_entry(const double *entry, const double *time, const int *status,
                    const double *weight, size_t n, unsigned flags,
                    surv_result **out);
int tu_km_followup(const double *time, const int *status, const double *weight,
                   size_t n, unsigned flags, surv_ci_type type, double level,
                   double *median, double *lower, double *upper);
/* A column the result must carry (fails the test otherwise); the number of
 * rows of a curve. */
const double *tu_col(const surv_result *r, surv_col c);
size_t tu_rows(const surv_result *r);

/* Log-rank (entry may be NULL), its main test and trend; Nelson-Aalen; the
 * competing-risks curve with one state's column or limits; Gray's test with
 * its numbers through pointers (tests/testkm.c). cause 0 is passed as is. */
int tu_logrank(const double *entry, const double *time, const int *status,
               const int *group, const int *strata, size_t n, double rho,
               unsigned flags, surv_result **out);
double tu_chisq(const surv_result *r);
size_t tu_df(const surv_result *r);
double tu_p(const surv_result *r);
size_t tu_ngroups(const surv_result *r);
int tu_trend(const surv_result *lr, const double *score, size_t k, double *u,
             double *var, double *chisq, double *p);
int tu_na_fit(const double *time, const int *status, const double *weight,
              size_t n, unsigned flags, surv_result **out);
int tu_cif_fit(const double *time, const int *status, size_t n, unsigned flags,
               surv_result **out);
size_t tu_ncauses(const surv_result *r);
const double *tu_pstate(const surv_result *r, size_t state);
const double *tu_pstate_se(const surv_result *r, size_t state);
int tu_cif_ci(const surv_result *r, size_t state, surv_ci_type type,
              double level, double *lower, double *upper, size_t len);
int tu_cif_gray(const double *time, const int *status, const int *group,
                const int *strata, size_t n, int cause, double rho,
                double *chisq, size_t *df, double *p);

#endif
