/* Status codes and their text: one X-macro table feeds surv_strerror() and
 * surv_errname(). All strings are static; nothing here allocates. */
#include "surv_internal.h"

#define SURV_ERROR_TABLE(X)                                                    \
  X(SURV_OK, "success")                                                        \
  X(SURV_ENULL, "a required pointer argument is NULL")                         \
  X(SURV_ESIZE,                                                                \
    "invalid size: n is 0, lengths differ, or a size is too large")            \
  X(SURV_ETIME, "invalid time: NaN, infinite or negative")                     \
  X(SURV_ESTATUS, "invalid event status: must be 0 (censored) or 1 (event)")   \
  X(SURV_EWEIGHT, "invalid case weight: negative, NaN or infinite")            \
  X(SURV_ELEVEL,                                                               \
    "invalid confidence level: must lie strictly between 0 and 1")             \
  X(SURV_ECOUNT, "invalid count: negative, or successes exceed trials")        \
  X(SURV_EINVAL, "invalid option or enumeration value")                        \
  X(SURV_ENOMEM, "out of memory")                                              \
  X(SURV_ENOCONV, "an iterative computation did not converge")                 \
  X(SURV_EINTERNAL, "internal error in libsurv")                               \
  X(SURV_EPROB, "invalid probability argument: outside its allowed range")     \
  X(SURV_ELIMIT,                                                               \
    "exact computation exceeds the memory or work limit set by the caller")    \
  X(SURV_ETABLE,                                                               \
    "table needs at least two non-empty rows and two non-empty columns")       \
  X(SURV_EGROUP, "invalid grouping: label absent or too few groups")           \
  X(SURV_ENOEVENT, "no events: every observation is censored")                \
  X(SURV_ERANGE, "time range outside the data of the curve")                \
  X(SURV_EFORMAT,                                                              \
    "invalid serialized count table: truncated, corrupt or unknown version")

SURV_EXPORT const char *surv_strerror(int code) {
  switch (code) {
#define SURV_X_TEXT(name, text)                                                \
  case name:                                                                   \
    return text;
    SURV_ERROR_TABLE(SURV_X_TEXT)
#undef SURV_X_TEXT
  default:
    return "unknown libsurv error code";
  }
}

SURV_EXPORT const char *surv_errname(int code) {
  switch (code) {
#define SURV_X_NAME(name, text)                                                \
  case name:                                                                   \
    return #name;
    SURV_ERROR_TABLE(SURV_X_NAME)
#undef SURV_X_NAME
  default:
    return "SURV_UNKNOWN";
  }
}
