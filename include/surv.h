/* libsurv: survival analysis and small-sample statistics that agree with R.
 * Include this header only; it pulls in every module. See libsurv(3). */
#ifndef SURV_H
#define SURV_H

#include "surv/version.h"
#include "surv/error.h"
#include "surv/common.h"
#include "surv/result.h"
#include "surv/prop.h"
#include "surv/tables.h"
#include "surv/km.h"
#include "surv/curve.h"
#include "surv/logrank.h"
#include "surv/na.h"
#include "surv/cif.h"
#include "surv/rmst.h"
#include "surv/rxc.h"
#include "surv/concordance.h"
#include "surv/cox.h"
#include "surv/coxdiag.h"
#include "surv/survreg.h"
#include "surv/ipd.h"
#include "surv/power.h"
#include "surv/mh.h"
#include "surv/counts.h"

#endif /* SURV_H */
