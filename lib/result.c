/* The generic result object (include/surv/result.h): named columns, scalar
 * statistics and tests, plus an optional module-private payload (for example
 * what a Cox model keeps for prediction). Modules build a result with the
 * surv__result_* helpers of surv_internal.h and hand it to the caller only
 * when it is complete, so a failed call never returns a half-built result.
 * Reading is O(1) and never writes, so a result is safe to share between
 * threads once returned. */
#include <stdlib.h>
#include <string.h>

#include "surv_internal.h"

struct surv_result {
  int kind;
  double *col[SURV__NCOL];
  size_t len[SURV__NCOL];
  double stat[SURV__NSTAT];
  unsigned char has_stat[SURV__NSTAT];
  surv_test test[SURV__NTEST];
  unsigned char has_test[SURV__NTEST];
  void *priv;
  void (*priv_free)(void *);
};

surv_result *surv__result_new(int kind) {
  surv_result *r = calloc(1, sizeof *r);
  if (r)
    r->kind = kind;
  return r;
}

int surv__result_kind(const surv_result *r) { return r ? r->kind : 0; }

double *surv__result_column_new(surv_result *r, surv_col col, size_t len) {
  if ((unsigned)col >= SURV__NCOL)
    return NULL;
  /* calloc of at least one element, so an empty column is still present */
  double *a = surv__calloc_array(len ? len : 1, sizeof(double));
  if (!a)
    return NULL;
  free(r->col[col]);
  r->col[col] = a;
  r->len[col] = len;
  return a;
}

double *surv__result_column_adopt(surv_result *r, surv_col col, double *a,
                                  size_t len) {
  if ((unsigned)col >= SURV__NCOL)
    return NULL;
  free(r->col[col]);
  r->col[col] = a;
  r->len[col] = len;
  return a;
}

double *surv__result_column_mut(surv_result *r, surv_col col, size_t *len) {
  if ((unsigned)col >= SURV__NCOL || !r->col[col]) {
    if (len)
      *len = 0;
    return NULL;
  }
  if (len)
    *len = r->len[col];
  return r->col[col];
}

void surv__result_set_stat(surv_result *r, surv_stat key, double value) {
  if ((unsigned)key < SURV__NSTAT) {
    r->stat[key] = value;
    r->has_stat[key] = 1;
  }
}

void surv__result_set_test(surv_result *r, surv_test_kind which,
                           const surv_test *t) {
  if ((unsigned)which < SURV__NTEST) {
    r->test[which] = *t;
    r->has_test[which] = 1;
  }
}

void surv__result_set_priv(surv_result *r, void *priv,
                           void (*priv_free)(void *)) {
  if (r->priv_free)
    r->priv_free(r->priv);
  r->priv = priv;
  r->priv_free = priv_free;
}

void *surv__result_priv(const surv_result *r) { return r ? r->priv : NULL; }

SURV_EXPORT void surv_result_free(surv_result *r) {
  if (!r)
    return;
  for (size_t i = 0; i < SURV__NCOL; i++)
    free(r->col[i]);
  if (r->priv_free)
    r->priv_free(r->priv);
  free(r);
}

SURV_EXPORT const double *surv_result_column(const surv_result *r, surv_col col,
                                             size_t *len) {
  if (!r || (unsigned)col >= SURV__NCOL || !r->col[col]) {
    if (len)
      *len = 0;
    return NULL;
  }
  if (len)
    *len = r->len[col];
  return r->col[col];
}

SURV_EXPORT int surv_result_stat(const surv_result *r, surv_stat key,
                                 double *value) {
  if (!r || !value)
    return SURV_ENULL;
  if ((unsigned)key >= SURV__NSTAT || !r->has_stat[key])
    return SURV_EINVAL;
  *value = r->stat[key];
  return SURV_OK;
}

SURV_EXPORT int surv_result_test(const surv_result *r, surv_test_kind which,
                                 surv_test *t) {
  if (!r || !t)
    return SURV_ENULL;
  if ((unsigned)which >= SURV__NTEST || !r->has_test[which])
    return SURV_EINVAL;
  *t = r->test[which];
  return SURV_OK;
}

/* Largest size an extensible struct may claim: far beyond any version of
 * surv_data or of an options struct, and small enough that a caller who forgot
 * the _INIT macro (size = stack garbage) gets SURV_ESIZE instead of a read of
 * gigabytes. */
#define SURV__STRUCT_MAX 4096

/* Every real size of an extensible struct is a sizeof, so a multiple of the
 * struct's alignment; a size that is not cuts a member in two. */
struct surv__align_data {
  char c;
  surv_data d;
};
struct surv__align_size {
  char c;
  size_t s;
};
#define SURV__ALIGN_DATA offsetof(struct surv__align_data, d)
#define SURV__ALIGN_SIZE offsetof(struct surv__align_size, s)

/* 1 when bytes [from, to) of p are all zero */
static int all_zero(const void *p, size_t from, size_t to) {
  const unsigned char *b = p;
  for (size_t i = from; i < to; i++)
    if (b[i])
      return 0;
  return 1;
}

int surv__data_copy(const surv_data *in, surv_data *out) {
  if (!in || !out)
    return SURV_ENULL;
  /* n, time and status are in every version */
  if (in->size < offsetof(surv_data, entry) || in->size > SURV__STRUCT_MAX ||
      in->size % SURV__ALIGN_DATA)
    return SURV_ESIZE;
  /* a caller built against a later libsurv: what we do not know must be
   * absent (all zero bytes), or we would silently ignore it */
  if (!all_zero(in, sizeof(surv_data), in->size))
    return SURV_EINVAL;
  surv_data d;
  memset(&d, 0, sizeof d);
  memcpy(&d, in, in->size < sizeof d ? in->size : sizeof d);
  d.size = sizeof d;
  *out = d;
  return SURV_OK;
}

int surv__options_copy(const void *in, size_t known, const void *defaults,
                       void *out) {
  if (!in) {
    memcpy(out, defaults, known);
    return SURV_OK;
  }
  size_t size;
  memcpy(&size, in, sizeof size);
  if (size < sizeof(size_t) || size > SURV__STRUCT_MAX ||
      size % SURV__ALIGN_SIZE)
    return SURV_ESIZE;
  if (!all_zero(in, known, size))
    return SURV_EINVAL;
  memcpy(out, defaults, known);
  memcpy(out, in, size < known ? size : known);
  memcpy(out, &known, sizeof known);
  return SURV_OK;
}
