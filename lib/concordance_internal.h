/* The concordance of a Cox fit's linear predictor computed on the fit's own
 * time order (lib/concordance.c), so that the fit needs neither a second
 * time sort nor per-row influence arrays. Never installed. */
#ifndef SURV_CONCORDANCE_INTERNAL_H
#define SURV_CONCORDANCE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Ranks of lp[k] within each stratum (positions sstart[s] ..
 * sstart[s+1]-1 of the sorted order), 0 for the smallest value of the
 * stratum, equal values equal ranks; written to rank[k]. n < 2^32. SURV_OK
 * or SURV_ENOMEM. */
int surv__concordance_ranks(size_t n, size_t ns, const size_t *sstart,
                            const double *lp, uint32_t *rank);

/* Harrell's concordance of right-censored data already sorted by ascending
 * time within strata (t, d, optional w in that order, rank from
 * surv__concordance_ranks), with R's default time weight (n) and no
 * clusters: cnt = concordant, discordant, tied.x, tied.y, tied.xy (a larger
 * rank with the longer time is concordant) and the infinitesimal-jackknife
 * variance of the concordance (*var, as surv_concordance_fit). */
int surv__concordance_ranked(size_t n, size_t ns, const size_t *sstart,
                             const double *t, const unsigned char *d,
                             const double *w, const uint32_t *rank,
                             double cnt[5], double *var);

#endif /* SURV_CONCORDANCE_INTERNAL_H */
