#!/bin/sh
# Side-by-side speed of the Cox fit (Efron ties, p = 5): libsurv vs R
# survival coxph vs Python statsmodels PHReg(ties = "efron"), on the same
# synthetic data (tests/bench_cox --write-csv: see tests/bench_cox.c; times
# rounded to 0.01, fixed seed). NOT run by make check or CI (it needs R and
# python3 with statsmodels, takes minutes and measures a shared machine).
#
#   tests/bench/cox-vs-R-statsmodels.sh [N]     (default N = 1e6)
#
# Run from the top of a configured build tree (or set top_builddir). Each
# tool fits the data already in memory, median of 3 runs (1 run for R and
# statsmodels when N >= 1e7), wall clock; the coefficients are printed so
# that the three fits can be seen to agree. libsurv and R each run in
# PROCS processes (default 3 below 1e7, else 1), alternately, and the
# ratio uses each one's best process: the virtual machines this was
# written on run identical processes at two speeds (about 1.45x apart), so
# that one process of each gave any ratio between the two.
set -eu
top_builddir=${top_builddir:-.}
N=${1:-1e6}
work=${TMPDIR:-/tmp}/surv-coxbench.$$
mkdir -p "$work"; trap 'rm -rf "$work"' EXIT INT TERM
if [ -f "$top_builddir/Makefile" ]; then
  make -C "$top_builddir" -s tests/bench_cox >/dev/null
fi
bench="$top_builddir/tests/bench_cox"
echo "== machine: $(nproc) CPUs; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bench" --write-csv "$work/big.csv" "$N"
n=$(($(wc -l < "$work/big.csv") - 1))
echo "== data: $n rows, p = 5"

PROCS=${PROCS:-$(if [ "$n" -ge 10000000 ]; then echo 1; else echo 3; fi)}
cat > "$work/fit.R" <<'REOF'
suppressMessages(library(survival))
args <- commandArgs(TRUE)
d <- read.csv(args[1])
reps <- if (nrow(d) >= 1e7) 1 else 3
el <- numeric(reps)
for (r in seq_len(reps)) {
  gc()
  el[r] <- system.time(fit <- coxph(Surv(time, status) ~ x1 + x2 + x3 + x4 + x5,
                                    data = d, ties = "efron"))[["elapsed"]]
}
cat(sprintf("R %s.%s, survival %s: fit %.2f s (median of %d); iter %d; coef %s\n",
  R.version$major, R.version$minor, packageDescription("survival")$Version,
  median(el), reps, fit$iter, paste(sprintf("%.6f", coef(fit)), collapse = " ")))
REOF
: > "$work/lib.txt"
: > "$work/r.txt"
i=0
while [ "$i" -lt "$PROCS" ]; do
  echo "== libsurv (tests/bench_cox), process $((i + 1)) of $PROCS"
  "$bench" --sizes "$n" | tee -a "$work/lib.txt"
  echo "== R survival coxph(ties = \"efron\"), process $((i + 1)) of $PROCS"
  Rscript "$work/fit.R" "$work/big.csv" | tee -a "$work/r.txt"
  i=$((i + 1))
done
lib=$(sed -n 's/.*fit \([0-9.]*\) s wall.*/\1/p' "$work/lib.txt" | sort -n | head -1)
rfit=$(sed -n 's/.*: fit \([0-9.]*\) s (median.*/\1/p' "$work/r.txt" | sort -n | head -1)
echo "== best process: libsurv $lib s, R $rfit s: R / libsurv = $(awk -v a="$rfit" -v b="$lib" 'BEGIN { printf "%.1f", a / b }')x"

echo "== statsmodels PHReg(ties = \"efron\")"
PY=
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import statsmodels, numpy' 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ]; then
  echo "statsmodels not available (apt-get install python3-statsmodels)"
else
  "$PY" - "$work/big.csv" <<'PEOF'
import sys, time, numpy as np, statsmodels
from statsmodels.duration.hazard_regression import PHReg
d = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
reps = 1 if d.shape[0] >= 10**7 else 3
el = []
for r in range(reps):
    t0 = time.perf_counter()
    m = PHReg(d[:, 0], d[:, 2:7], status=d[:, 1], ties="efron")
    res = m.fit()
    el.append(time.perf_counter() - t0)
print("statsmodels %s: fit %.2f s (median of %d); coef %s" % (
    statsmodels.__version__, sorted(el)[len(el) // 2], reps,
    " ".join("%.6f" % b for b in res.params)))
PEOF
fi
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
