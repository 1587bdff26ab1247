/* Small enums shared by several libsurv modules. */
#ifndef SURV_COMMON_H
#define SURV_COMMON_H

#ifdef __cplusplus
extern "C" {
#endif

/* Alternative hypothesis of a test. */
typedef enum surv_alternative {
  SURV_TWO_SIDED = 0,
  SURV_LESS = 1,
  SURV_GREATER = 2
} surv_alternative;

/* Transformation used for pointwise confidence limits of a survival curve
 * (R survfit's conf.type): "plain", "log", "log-log", "logit", "arcsin". */
typedef enum surv_ci_type {
  SURV_CI_PLAIN = 0,
  SURV_CI_LOG = 1,
  SURV_CI_LOGLOG = 2,
  SURV_CI_LOGIT = 3,
  SURV_CI_ARCSIN = 4
} surv_ci_type;

#ifdef __cplusplus
}
#endif

#endif /* SURV_COMMON_H */
