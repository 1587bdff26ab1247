/* Nelson-Aalen cumulative hazard and the survival exp(-H) (R survfit with
 * ctype = 1 or 2, stype = 2). See surv_na_fit(3). */
#ifndef SURV_NA_H
#define SURV_NA_H

#include <stddef.h>

#include "surv/common.h"
#include "surv/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Flag of surv_na_fit (with SURV_NO_TIMEFIX): the Fleming-Harrington tie
 * correction (R ctype = 2). */
#define SURV_NA_FH 0x100u

/* Fit the Nelson-Aalen estimate to data (time, status, optional weight).
 * *out: a curve with the columns SURV_COL_TIME, N_RISK, N_EVENT, N_CENSOR,
 * CUMHAZ, STD_CHAZ (R std.chaz), SURV (exp(-H)), STD_ERR (of exp(-H)) and
 * STD_ERR_LOG (= STD_CHAZ), read further with the surv_curve_* functions;
 * free with surv_result_free. Codes: SURV_ENULL, SURV_ESIZE, SURV_ETIME,
 * SURV_ESTATUS, SURV_EWEIGHT, SURV_EINVAL (unknown flag, unsupported
 * member), SURV_ENOMEM. O(n). See surv_na_fit(3). */
int surv_na_fit(const surv_data *data, unsigned flags, surv_result **out);

#ifdef __cplusplus
}
#endif

#endif /* SURV_NA_H */
