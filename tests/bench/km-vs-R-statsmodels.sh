#!/bin/sh
# Side-by-side speed of the Kaplan-Meier fit: libsurv vs R survival vs Python
# statsmodels, on the same synthetic data (tests/bench_km --write-csv: times
# exponential with mean 10, ~30% censored, rounded to 0.01, fixed seed).
# NOT run by make check or CI (it needs R, python3 with statsmodels and
# pandas, takes minutes and measures a shared machine).
#
#   tests/bench/km-vs-R-statsmodels.sh [N]     (default N = 1e7)
#
# run from the top of a configured build tree (or set top_builddir).
#  1. Fit only, data already in memory, median of 3 runs each:
#     - R:       survfit(Surv(time, status) ~ 1, conf.type = "log-log") +
#                quantile(fit, 0.5)           (system.time of those calls)
#     - statsmodels: SurvfuncRight + log-log pointwise limits (conf_int(alpha,
#                'cloglog'); statsmodels < 0.14 lacks it, so the same formula
#                is applied to surv_prob and surv_prob_se) + median and its
#                quantile_ci (cloglog)
#     - libsurv: surv_km_fit + surv_curve_ci(log-log) + surv_curve_quantile(0.5)
#                (tests/bench_km --csv, which also gives the fit alone)
#  2. Whole job on the N-row CSV, wall clock and peak RSS (/usr/bin/time),
#     median of 3: `km --quantiles big.csv` and `km big.csv` (full table) vs a
#     Python script doing pandas.read_csv + statsmodels + printing the same.
set -eu
top_builddir=${top_builddir:-.}
N=${1:-1e7}
work=${TMPDIR:-/tmp}/surv-kmbench.$$
mkdir -p "$work"; trap 'rm -rf "$work"' EXIT INT TERM

PY=
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import statsmodels, pandas' 2>/dev/null; then PY=$p; break; fi
done
[ -n "$PY" ] || { echo "no python3 with statsmodels and pandas"; exit 1; }
command -v Rscript >/dev/null || { echo "Rscript not found"; exit 1; }

if [ -f "$top_builddir/Makefile" ]; then
  make -C "$top_builddir" -s tests/bench_km examples/surv-km >/dev/null
fi
bench="$top_builddir/tests/bench_km"
km="$top_builddir/examples/surv-km"
# Time the real binary, not libtool's wrapper script (a shell start-up).
if [ -x "$top_builddir/examples/.libs/surv-km" ]; then
  km="$top_builddir/examples/.libs/surv-km"
  LD_LIBRARY_PATH="$top_builddir/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  export LD_LIBRARY_PATH
fi
csv="$work/big.csv"
res="$work/results"; : > "$res"

echo "== machine: $(nproc) CPUs; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bench" --write-csv "$csv" "$N"
n=$(($(wc -l < "$csv") - 1))
echo "== data: $n subjects, $(du -m "$csv" | cut -f1) MB CSV"

# ---- 1. fit only --------------------------------------------------------
echo "== libsurv (tests/bench_km --csv)"
"$bench" --csv "$csv" | tee "$work/libsurv.txt"
awk '/^csv data/ { for (i = 1; i <= NF; i++) {
       if ($i == "fit" && $(i+1) ~ /^[0-9.]+$/) print "libsurv_fitonly", $(i+1)
       if ($i == "fit+ci+median") print "libsurv_fit", $(i+1) }
     for (i = 1; i <= NF; i++) if ($i == "RSS") print "libsurv_rss", $(i+1) }' \
  "$work/libsurv.txt" >> "$res"

echo "== R survival"
cat > "$work/fit.R" <<'EOF'
suppressMessages(library(survival))
args <- commandArgs(TRUE)
d <- scan(args[1], what = list(time = 0, status = 0L), sep = ",", skip = 1,
          quiet = TRUE)
el <- numeric(3)
for (r in 1:3) {
  gc()
  el[r] <- system.time({
    fit <- survfit(Surv(d$time, d$status) ~ 1, conf.type = "log-log")
    q <- quantile(fit, 0.5, conf.int = TRUE)
  })[["elapsed"]]
}
cat(sprintf("R %s, survival %s: rows %d, median %.15g (%.15g, %.15g); runs %s\n",
            paste(R.version$major, R.version$minor, sep = "."),
            packageDescription("survival")$Version, length(fit$time),
            q$quantile, q$lower, q$upper, paste(round(el, 3), collapse = " ")))
cat("R_fit", median(el), "\n", file = args[2], append = TRUE)
EOF
/usr/bin/time -f "R process peak RSS %M KiB" Rscript "$work/fit.R" "$csv" "$res"

echo "== statsmodels"
cat > "$work/fit.py" <<'EOF'
import sys, time, statistics
import numpy as np, pandas as pd, statsmodels
from scipy.stats import norm
from statsmodels.duration.survfunc import SurvfuncRight

def conf_int_cloglog(sf, alpha=0.05):
    """SurvfuncRight.conf_int(alpha, 'cloglog') (statsmodels >= 0.14)."""
    if hasattr(sf, "conf_int"):
        return sf.conf_int(alpha, "cloglog")
    tr = norm.ppf(1 - alpha / 2)
    s, sd = sf.surv_prob, sf.surv_prob_se
    with np.errstate(divide="ignore", invalid="ignore"):
        g = np.log(-np.log(s))
        gp = np.abs(-1 / (s * np.log(s)))
        lo = np.exp(-np.exp(g + tr * sd * gp))
        hi = np.exp(-np.exp(g - tr * sd * gp))
    return lo, hi

d = pd.read_csv(sys.argv[1])
t, s = d["time"].to_numpy(), d["status"].to_numpy()
el = []
for r in range(3):
    t0 = time.perf_counter()
    sf = SurvfuncRight(t, s)
    lo, hi = conf_int_cloglog(sf, 0.05)
    med = sf.quantile(0.5)
    mlo, mhi = sf.quantile_ci(0.5, 0.05, "cloglog")
    el.append(time.perf_counter() - t0)
print("statsmodels %s: rows %d, median %.15g (%.15g, %.15g); runs %s"
      % (statsmodels.__version__, len(sf.surv_times), med, mlo, mhi,
         " ".join("%.3f" % e for e in el)))
with open(sys.argv[2], "a") as f:
    print("statsmodels_fit", statistics.median(el), file=f)
EOF
/usr/bin/time -f "python process peak RSS %M KiB" "$PY" "$work/fit.py" "$csv" "$res"

# ---- 2. whole job ------------------------------------------------------
cat > "$work/job.py" <<'EOF'
# pandas.read_csv + statsmodels + the same output as km (quantiles, or the
# table at statsmodels' rows: event times; n_censor is not available there).
import sys
import numpy as np, pandas as pd
from scipy.stats import norm
from statsmodels.duration.survfunc import SurvfuncRight
z = norm.ppf(0.975)
d = pd.read_csv(sys.argv[2])
sf = SurvfuncRight(d["time"].to_numpy(), d["status"].to_numpy())
def band(s, sd):
    with np.errstate(divide="ignore", invalid="ignore"):
        g, gp = np.log(-np.log(s)), np.abs(1 / (s * np.log(s)))
        return np.exp(-np.exp(g + z * sd * gp)), np.exp(-np.exp(g - z * sd * gp))
out = sys.stdout
if sys.argv[1] == "quantiles":
    out.write("prob\testimate\tlower\tupper\n")
    for p in (0.25, 0.5, 0.75):
        lo, hi = sf.quantile_ci(p, 0.05, "cloglog")
        out.write("%.15g\t%.15g\t%.15g\t%.15g\n" % (p, sf.quantile(p), lo, hi))
else:
    lo, hi = band(sf.surv_prob, sf.surv_prob_se)
    tab = pd.DataFrame({"time": sf.surv_times, "n_risk": sf.n_risk,
                        "n_event": sf.n_events, "surv": sf.surv_prob,
                        "std_err": sf.surv_prob_se, "lower": lo, "upper": hi})
    tab.to_csv(out, sep="\t", index=False, float_format="%.15g", na_rep="NA")
EOF

# whole NAME CMD...: median of 3 runs by wall clock; that run's peak RSS
# (MiB) and CPU seconds (user + system, less sensitive to a loaded machine)
whole() {
  name=$1; shift
  for r in 1 2 3; do
    /usr/bin/time -f "%e %M %U %S" -o "$work/t.$r" "$@" > "$work/out.$name" 2> "$work/err.$name" ||
      { echo "$name failed:"; cat "$work/err.$name"; exit 1; }
  done
  set -- $(cat "$work/t.1" "$work/t.2" "$work/t.3" | sort -n | sed -n 2p)
  mib=$(awk -v k="$2" 'BEGIN { printf "%.1f", k / 1024 }')
  cpu=$(awk -v u="$3" -v s="$4" 'BEGIN { printf "%.2f", u + s }')
  echo "$name $1 $mib $cpu" >> "$res"
  echo "$name: median $1 s wall, $cpu s CPU, peak RSS $mib MiB; $(wc -l < "$work/out.$name") lines"
}
echo "== whole job (read CSV, fit, print)"
whole km_quantiles "$km" --quantiles "$csv"
cat "$work/out.km_quantiles"
whole py_quantiles "$PY" "$work/job.py" quantiles "$csv"
cat "$work/out.py_quantiles"
whole km_table "$km" "$csv"
whole py_table "$PY" "$work/job.py" table "$csv"

# ---- summary -------------------------------------------------------------
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$n" '
  { v[$1] = $2; m[$1] = $3; c[$1] = $4 }
  END {
    printf "\n%-36s %10s %14s %10s %10s\n", "task (n = " n ")", "seconds", "subjects/s", "peak MiB", "ratio"
    L = v["libsurv_fit"]
    row("fit+CI+median  libsurv", L, v["libsurv_rss"], 1)
    row("fit+CI+median  R survival", v["R_fit"], "", v["R_fit"] / L)
    row("fit+CI+median  statsmodels", v["statsmodels_fit"], "", v["statsmodels_fit"] / L)
    row("fit only       libsurv", v["libsurv_fitonly"], "", "")
    K = v["km_quantiles"]; T = v["km_table"]
    row("whole job --quantiles  km", K, m["km_quantiles"], 1)
    row("whole job quantiles pandas+sm", v["py_quantiles"], m["py_quantiles"], v["py_quantiles"] / K)
    row("whole job table  km", T, m["km_table"], 1)
    row("whole job table  pandas+sm", v["py_table"], m["py_table"], v["py_table"] / T)
    printf "whole job CPU seconds (user+sys): km --quantiles %s, pandas+sm %s (%sx); km table %s, pandas+sm %s (%sx)\n", c["km_quantiles"], c["py_quantiles"], rat(c["py_quantiles"], c["km_quantiles"]), c["km_table"], c["py_table"], rat(c["py_table"], c["km_table"])
    printf "(ratio = other tool time / libsurv time; targets: statsmodels >= 5, R >= 30, whole job >= 2)\n"
  }
  function rat(a, b) { return b > 0 ? sprintf("%.1f", a / b) : "-" }
  function row(name, s, mib, ratio) {
    printf "%-36s %10.3f %14.3g %10s %10s\n", name, s, n / s, mib, (ratio == "" ? "" : sprintf("%.1fx", ratio))
  }' "$res"
