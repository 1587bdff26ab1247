/* The concordance of a Cox fit's linear predictor computed on the fit's own
 * time order (lib/concordance.c), so that the fit needs neither a second
 * time sort nor per-row influence arrays. Never installed. */
#ifndef SURV_CONCORDANCE_INTERNAL_H
#define SURV_CONCORDANCE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Ranks of lp[k] within each stratum (positions sstart[s] ..
 * sstart[s+1]-1 of the sorted order). hi NULL: dense ranks, 0 for the
 * smallest value of the stratum, equal values equal ranks. hi given:
 * slots, the positions in the stratum's order of lp: the rows of a group of
 * equal values at positions [g, e) get rank[k] = g and hi[k] = e. n < 2^32.
 * ws: work space of twice the largest stratum's rows, or NULL (allocated
 * here). SURV_OK or SURV_ENOMEM. */
int surv__concordance_ranks(size_t ns, const size_t *sstart, const double *lp,
                            uint32_t *rank, uint32_t *hi, uint64_t *ws);

/* Harrell's concordance of right-censored data already sorted by ascending
 * time within strata (t, d, optional w in that order), with R's default time
 * weight (n) and no clusters: cnt = concordant, discordant, tied.x, tied.y,
 * tied.xy (a larger rank with the longer time is concordant) and the
 * infinitesimal-jackknife variance of the concordance (*var, as
 * surv_concordance_fit). With weights, rank holds the dense ranks of
 * surv__concordance_ranks (rend NULL); without, its slots (rank and rend =
 * its hi). */
int surv__concordance_ranked(size_t ns, const size_t *sstart, const double *t,
                             const unsigned char *d, const double *w,
                             const uint32_t *rank, const uint32_t *rend,
                             double cnt[5], double *var);

#endif /* SURV_CONCORDANCE_INTERNAL_H */
