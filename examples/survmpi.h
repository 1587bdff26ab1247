/* surv-mpi (examples/mpi.c): the programs' --stream reading spread over
 * the MPI ranks. Not installed. */
#ifndef SURV_EXAMPLES_SURVMPI_H
#define SURV_EXAMPLES_SURVMPI_H

#include <stddef.h>

#include "terms.h"

/* terms_surv_stream over the input files of surv-mpi (path is the first,
 * for messages): each rank counts its byte range of the one file or its
 * share of the files, the parts are merged by a tree reduction and rank 0
 * finishes them (terms_surv_stream_end). Every other rank exits 0 once its
 * part is sent. */
int mpi_surv_stream(const char *path, const terms_surv_spec *sp,
                    terms_surv_counts *out, char *err, size_t errlen);

int km_main(int argc, char **argv);
int logrank_main(int argc, char **argv);

#endif /* SURV_EXAMPLES_SURVMPI_H */
