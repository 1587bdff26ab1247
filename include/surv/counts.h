/* Count tables: the weighted events, censorings and entries of survival data
 * per distinct time, group and stratum, built from the data in pieces,
 * merged exactly, written to and read from bytes, and fitted (Kaplan-Meier,
 * log-rank family, Nelson-Aalen, cumulative incidence) with the numbers of
 * the fits to the data themselves. See surv_counts_new(3). */
#ifndef SURV_COUNTS_H
#define SURV_COUNTS_H

#include <stddef.h>

#include "surv/common.h"
#include "surv/logrank.h"
#include "surv/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An opaque count table. */
typedef struct surv_counts surv_counts;

/* A new empty table into *out (free with surv_counts_free). SURV_ENULL,
 * SURV_ENOMEM. See surv_counts_new(3). */
int surv_counts_new(surv_counts **out);

/* Destroy a table (NULL is fine). See surv_counts_new(3). */
void surv_counts_free(surv_counts *c);

/* Count the rows of data into c: time, status (0 censored, k >= 1 event of
 * cause k) and the optional entry, weight, group and strata; every call on
 * a table gives the same optional members. On failure c is unchanged.
 * Codes: SURV_ENULL, SURV_ESIZE (n = 0), SURV_ETIME, SURV_ESTATUS,
 * SURV_EWEIGHT, SURV_EINVAL (other members, or not the members of the
 * table's earlier rows), SURV_ENOMEM. O(n) expected. See
 * surv_counts_add(3). */
int surv_counts_add(surv_counts *c, const surv_data *data);

/* Add the counts of from into into (exactly: the result does not depend on
 * the order of merges or of the rows). SURV_ENULL, SURV_EINVAL (tables of
 * different members), SURV_ENOMEM; into unchanged on failure. See
 * surv_counts_merge(3). */
int surv_counts_merge(surv_counts *into, const surv_counts *from);

/* Which labels surv_counts_relabel changes. */
#define SURV_COUNTS_GROUP 0x1u
#define SURV_COUNTS_STRATA 0x2u
#define SURV_COUNTS_STATUS 0x4u

/* Replace every group label (which = SURV_COUNTS_GROUP), stratum label
 * (SURV_COUNTS_STRATA) or status (SURV_COUNTS_STATUS; entries keep theirs)
 * l of c by map[l]: labels numbered 0..k-1 while counting (say in the order
 * first seen) become the final ones; cells that meet are added. Codes:
 * SURV_ENULL, SURV_EINVAL (another which, a label outside [0, k)),
 * SURV_ESTATUS (a negative status in map), SURV_ENOMEM; c unchanged on
 * failure. See surv_counts_relabel(3). */
int surv_counts_relabel(surv_counts *c, unsigned which, const int *map,
                        size_t k);

/* The bytes of c written by surv_counts_write into *len. See
 * surv_counts_write(3). */
int surv_counts_size(const surv_counts *c, size_t *len);

/* Write c into buf[0..len) in the format of surv_counts_write(3) (equal
 * tables give equal bytes). SURV_ENULL, SURV_ESIZE (len too short). */
int surv_counts_write(const surv_counts *c, void *buf, size_t len);

/* Read a table written by surv_counts_write from buf[0..len) into a new
 * table *out. SURV_ENULL, SURV_EFORMAT (truncated, corrupt, unknown
 * version), SURV_ENOMEM. See surv_counts_write(3). */
int surv_counts_read(const void *buf, size_t len, surv_counts **out);

/* surv_km_fit of the rows counted in c (flags 0 or SURV_NO_TIMEFIX): the
 * same curve, bit for bit when the weighted sums are exact (see
 * surv_counts_km_fit(3)). */
int surv_counts_km_fit(const surv_counts *c, unsigned flags, surv_result **out);

/* surv_logrank_test of the rows counted in c. See
 * surv_counts_logrank_test(3). */
int surv_counts_logrank_test(const surv_counts *c,
                             const surv_logrank_options *opt,
                             surv_result **out);

/* surv_na_fit of the rows counted in c (flags as surv_na_fit). See
 * surv_counts_na_fit(3). */
int surv_counts_na_fit(const surv_counts *c, unsigned flags, surv_result **out);

/* surv_cif_fit of the rows counted in c (status 0 censored, k cause k; no
 * entry, weights, groups or strata; flags 0 or SURV_NO_TIMEFIX). See
 * surv_counts_cif_fit(3). */
int surv_counts_cif_fit(const surv_counts *c, unsigned flags,
                        surv_result **out);

#ifdef __cplusplus
}
#endif

#endif /* SURV_COUNTS_H */
