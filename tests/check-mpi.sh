#!/bin/sh
# surv-mpi with 2 ranks (mpirun --oversubscribe; --allow-run-as-root as CI
# runs as root) against surv-km and surv-logrank on the whole data: the
# files split in parts, each with the header row, give the output of the
# whole file byte for byte; bad input, the same message and exit status.
set -u
bin="${surv_bindir:-$top_builddir/examples}"
fx="$top_srcdir/tests/fixtures"
tmp=${TMPDIR:-/tmp}/surv-mpi.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
run="mpirun --allow-run-as-root --oversubscribe -np 2"
# Open MPI's own start-up allocations are not ours to free (the sanitizer
# build of CI): no leak report for the MPI runs
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
fail=0; n=0

# split FILE K: K parts of FILE's data rows, each with the header
split_csv() {
  awk -v k="$2" -v out="$tmp/part" 'NR == 1 { h = $0; next }
    { rows[++n] = $0 }
    END { for (p = 1; p <= k; p++) { f = out p ".csv"; print h > f
            for (i = int((p - 1) * n / k) + 1; i <= int(p * n / k); i++) print rows[i] > f
            close(f) } }' "$1"
}

# same PROG K FILE ARGS...: surv-PROG on FILE vs surv-mpi PROG on K parts
same() {
  p=$1; k=$2; f=$3; shift 3
  rm -f "$tmp"/part*.csv; split_csv "$f" "$k"
  "$bin/surv-$p" "$@" "$f" > "$tmp/a.out" 2> "$tmp/a.err"; ra=$?
  $run "$bin/surv-mpi" "$p" "$@" "$tmp"/part*.csv > "$tmp/b.out" 2> "$tmp/b.err"; rb=$?
  n=$((n + 1))
  if [ $ra != $rb ] || ! cmp -s "$tmp/a.out" "$tmp/b.out"; then
    echo "FAIL: surv-mpi $p $* ($k parts of $f): exit $ra vs $rb"
    diff "$tmp/a.out" "$tmp/b.out" | head -5; head -5 "$tmp/b.err"; fail=1
  fi
}

same km 2 "$fx/kmprog-lung.csv"
same km 3 "$fx/kmprog-lung.csv" --group=sex --quantiles
same km 4 "$fx/kmprog-aml.csv" --conf-type=plain
same logrank 2 "$fx/kmprog-lung.csv" --group=sex
same logrank 5 "$fx/kmprog-lung.csv" --group=ph.ecog --rho=1
awk 'BEGIN { srand(5); print "time,status,g,s,e"
  for (i = 0; i < 20000; i++) { t = int(rand() * 3000) / 10 + 0.1
    printf "%s,%d,%s,%s,%s\n", t, rand() < 0.6 ? 2 : 1, rand() < 0.5 ? "\"x, y\"" : (rand() < 0.5 ? "b" : "a10"),
      int(rand() * 3), rand() < 0.2 ? int(rand() * t * 5) / 10 : 0 } }' > "$tmp/gen.csv"
same logrank 2 "$tmp/gen.csv" --group=g --strata=s
same logrank 3 "$tmp/gen.csv" --group=g --entry=e
same km 2 "$tmp/gen.csv" --group=s
same km 3 "$tmp/gen.csv" --group=g --entry=e --quantiles
# bad input in the second part: the message of the part's file and line
printf 'time,status\n1,1\n2,1\n3,0\n4,x\n' > "$tmp/bad.csv"
rm -f "$tmp"/part*.csv; split_csv "$tmp/bad.csv" 2
$run "$bin/surv-mpi" km "$tmp"/part*.csv > "$tmp/b.out" 2> "$tmp/b.err"; r=$?
n=$((n + 1))
grep -q "part2.csv:3: column 'status': 'x' is not 0 or 1" "$tmp/b.err" && [ $r = 1 ] && [ ! -s "$tmp/b.out" ] ||
  { echo "FAIL: bad input: exit $r"; cat "$tmp/b.err"; fail=1; }
echo "check-mpi: $n cases"
exit $fail
