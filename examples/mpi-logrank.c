/* surv-mpi logrank: examples/logrank.c with its --stream input read by
 * every rank (examples/mpi.c). */
#define PROG_MAIN logrank_main
#define STREAM_READ mpi_surv_stream
#include "survmpi.h"

#include "logrank.c"
