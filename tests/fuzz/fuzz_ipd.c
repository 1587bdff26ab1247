/* Fuzz harness: surv_ipd_reconstruct (Guyot and exact routes). The bytes
 * give up to 64 points, an at-risk table of up to 8 rows, censoring marks,
 * the options (total, events, flags, tolerance) and a size field. Invariants:
 * a valid status code; on error *out untouched; on success one row per
 * patient (the table's first number or the total), times finite, >= 0 and
 * ascending, status 0 or 1, N_EVENT equal to the sum of status, the
 * reconstructed number at risk at the first table time equal to the printed
 * one, RMSE <= largest deviation <= 1. */
#include "fuzzutil.h"

#include <surv.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_reader r = {data, size};
  size_t m = fz_u8(&r) % 65, k = fz_u8(&r) % 9, nc = fz_u8(&r) % 9;
  double t[64], s[64], rt[8], nr[8], ct[8];
  for (size_t i = 0; i < m; i++) {
    t[i] = (fz_u8(&r) & 7) == 0 ? fz_double(&r) : fz_u8(&r) / 8.0;
    s[i] = (fz_u8(&r) & 7) == 0 ? fz_double(&r) : fz_u8(&r) / 200.0;
  }
  double n0 = 1 + fz_u8(&r) % 200;
  for (size_t j = 0; j < k; j++) {
    rt[j] = (fz_u8(&r) & 15) == 0 ? fz_double(&r) : (double)j * 4;
    n0 = (fz_u8(&r) & 15) == 0 ? fz_double(&r) : n0 - fz_u8(&r) % 20;
    if (n0 < 0 && (fz_u8(&r) & 1))
      n0 = 0;
    nr[j] = n0;
  }
  for (size_t j = 0; j < nc; j++)
    ct[j] = (fz_u8(&r) & 7) == 0 ? fz_double(&r) : fz_u8(&r) / 8.0;
  surv_ipd_options o = SURV_IPD_OPTIONS_INIT;
  unsigned c = fz_u8(&r);
  o.total = c & 1 ? (double)(fz_u8(&r) % 250) : 0;
  o.events = c & 2 ? (double)(fz_u8(&r) % 100) : 0;
  o.flags = c & 4 ? SURV_IPD_EXACT : 0;
  if (c & 8) {
    o.censor_t = ct;
    o.n_censor = nc;
  }
  o.tol = c & 16 ? fz_u8(&r) / 1000.0 : 0;
  if (c & 32)
    o.flags |= 0x80u;
  if (c & 64)
    o.size = fz_u8(&r);
  surv_result *res = (surv_result *)&o;
  int rc = surv_ipd_reconstruct(t, s, m, rt, nr, k, &o, &res);
  FZ_CHECK(FZ_VALID_CODE(rc), "rc %d", rc);
  if (rc != SURV_OK) {
    FZ_CHECK(res == (surv_result *)&o, "output written on error %d", rc);
    return 0;
  }
  size_t n = 0, n2 = 0, nrk = 0;
  const double *tt = surv_result_column(res, SURV_COL_TIME, &n);
  const double *st = surv_result_column(res, SURV_COL_STATUS, &n2);
  const double *rk = surv_result_column(res, SURV_COL_N_RISK, &nrk);
  double want = k ? nr[0] : o.total, ev = -1, rmse = -1, mx = -1;
  FZ_CHECK(n == (size_t)want && n2 == n, "%zu patients, want %g", n, want);
  FZ_CHECK(nrk == k, "n_risk length %zu", nrk);
  double sum = 0;
  for (size_t i = 0; i < n; i++) {
    FZ_CHECK(isfinite(tt[i]) && tt[i] >= 0, "time %g", tt[i]);
    FZ_CHECK(i == 0 || tt[i] >= tt[i - 1], "times not ascending");
    FZ_CHECK(st[i] == 0 || st[i] == 1, "status %g", st[i]);
    sum += st[i];
  }
  FZ_CHECK(surv_result_stat(res, SURV_STAT_N_EVENT, &ev) == SURV_OK &&
               ev == sum,
           "events %g vs %g", ev, sum);
  if (k)
    FZ_CHECK(rk[0] == nr[0], "n_risk at 0: %g vs %g", rk[0], nr[0]);
  FZ_CHECK(surv_result_stat(res, SURV_STAT_RMSE, &rmse) == SURV_OK &&
               surv_result_stat(res, SURV_STAT_MAX_DEVIATION, &mx) == SURV_OK &&
               rmse >= 0 && rmse <= mx + 1e-15 && mx <= 1,
           "rmse %g max %g", rmse, mx);
  surv_result_free(res);
  return 0;
}
