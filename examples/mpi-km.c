/* surv-mpi km: examples/km.c with its --stream input read by every rank
 * (examples/mpi.c). */
#define PROG_MAIN km_main
#define STREAM_READ mpi_surv_stream
#include "survmpi.h"

#include "km.c"
