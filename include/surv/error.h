/* libsurv status codes. Every function that can fail returns one of these:
 * 0 (SURV_OK) on success, a positive code otherwise. The numbers are part of
 * the ABI: they are append-only and never renumbered. See surv_errors(3). */
#ifndef SURV_ERROR_H
#define SURV_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

enum {
  SURV_OK = 0,         /* success */
  SURV_ENULL = 1,      /* a required pointer argument is NULL */
  SURV_ESIZE = 2,      /* n = 0, a length mismatch, or a size too large */
  SURV_ETIME = 3,      /* a time is NaN, infinite or negative */
  SURV_ESTATUS = 4,    /* an event indicator is not 0 or 1 */
  SURV_EWEIGHT = 5,    /* a case weight is negative, NaN or infinite */
  SURV_ELEVEL = 6,     /* a confidence level is not strictly inside (0, 1) */
  SURV_ECOUNT = 7,     /* a count is negative, or x > n */
  SURV_EINVAL = 8,     /* an invalid enum or option value */
  SURV_ENOMEM = 9,     /* memory allocation failed */
  SURV_ENOCONV = 10,   /* an iterative computation did not converge */
  SURV_EINTERNAL = 11, /* an internal error (please report it) */
  SURV_EPROB = 12,     /* a probability argument outside its allowed range */
  SURV_ELIMIT = 13,    /* an exact computation would exceed the caller's cap */
  SURV_ETABLE = 14,    /* a table with fewer than 2 non-empty rows or columns */
  SURV_EGROUP = 15,  /* a group label absent from the data, or too few groups */
  SURV_ENOEVENT = 16, /* no events: every observation censored (no estimate) */
  SURV_ERANGE = 17, /* a time range outside the data (curve bands) */
  SURV_EFORMAT = 18 /* count tables: a serialized table is truncated, corrupt
                        or of an unknown version */
};

/* Static, never-NULL English text for any int, known or not. */
const char *surv_strerror(int code);

/* Static symbolic name ("SURV_ENULL"), or "SURV_UNKNOWN" for unknown codes. */
const char *surv_errname(int code);

#ifdef __cplusplus
}
#endif

#endif /* SURV_ERROR_H */
