/* Kaplan-Meier estimation: right-censored, delayed-entry, weighted and
 * stratified data. The fit is a curve result (surv/result.h) read with
 * surv_result_column and the surv_curve_* functions (surv/curve.h). See
 * surv_km_fit(3). */
#ifndef SURV_KM_H
#define SURV_KM_H

#include <stddef.h>

#include "surv/common.h"
#include "surv/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Fit the Kaplan-Meier curve of data (R survfit(Surv(time, status) ~ 1)):
 * data->entry gives delayed entry (Surv(entry, time, status)), data->weight
 * case weights, data->strata (or data->group, not both) one curve per
 * stratum in one result with a SURV_COL_STRATUM column, strata in ascending
 * label order. flags: 0 or SURV_NO_TIMEFIX. *out: a curve with the columns
 * SURV_COL_TIME, N_RISK, N_EVENT, N_CENSOR, SURV, STD_ERR, STD_ERR_LOG
 * [, STRATUM] and the statistics SURV_STAT_N, SURV_STAT_N_STRATA (free with
 * surv_result_free). Codes: SURV_ENULL, SURV_ESIZE, SURV_ETIME, SURV_ESTATUS,
 * SURV_EWEIGHT, SURV_EINVAL, SURV_ENOMEM. O(n) expected without entry or
 * strata, O(n log n) with entry. See surv_km_fit(3). */
int surv_km_fit(const surv_data *data, unsigned flags, surv_result **out);

#ifdef __cplusplus
}
#endif

#endif /* SURV_KM_H */
