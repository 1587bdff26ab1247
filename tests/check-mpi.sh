#!/bin/sh
# surv-mpi (mpirun --oversubscribe; --allow-run-as-root as CI runs as root)
# against surv-km and surv-logrank on the whole data, byte for byte (output,
# first line of the messages, exit status): a file split in parts, each
# with the header row (the files dealt to the ranks), and one file read in
# byte ranges by 2 and 3 ranks, with quoted labels holding line feeds across
# the middle of the file and bad rows in later ranges (line numbers by the
# prefix scan, the first error in row order). The mpiruns go three at a
# time: most of their time is Open MPI's start-up.
set -u
bin="${surv_bindir:-$top_builddir/examples}"
fx="$top_srcdir/tests/fixtures"
tmp=${TMPDIR:-/tmp}/surv-mpi.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
# Open MPI's own start-up allocations are not ours to free (the sanitizer
# build of CI): no leak report for the MPI runs
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
n=0

# split FILE K OUT: K parts OUT1.csv ... of FILE's data rows, each with the header
split_csv() {
  awk -v k="$2" -v out="$3" 'NR == 1 { h = $0; next }
    { rows[++n] = $0 }
    END { for (p = 1; p <= k; p++) { f = out p ".csv"; print h > f
            for (i = int((p - 1) * n / k) + 1; i <= int(p * n / k); i++) print rows[i] > f
            close(f) } }' "$1"
}

# same NAME NP K FILE PROG ARGS...: surv-PROG on FILE vs surv-mpi with NP
# ranks on K parts of FILE (K = 0: FILE itself, in byte ranges); in the
# background, the verdict in $tmp/NAME.res
same() {
  c=$1; np=$2; k=$3; f=$4; p=$5; shift 5
  n=$((n + 1))
  (
    if [ "$k" = 0 ]; then in=$f; else split_csv "$f" "$k" "$tmp/$c-part"; in=$(ls "$tmp/$c"-part*.csv); fi
    "$bin/surv-$p" "$@" "$f" > "$tmp/$c.a" 2> "$tmp/$c.ae"; ra=$?
    # shellcheck disable=SC2086
    mpirun --allow-run-as-root --oversubscribe -np "$np" "$bin/surv-mpi" "$p" "$@" $in \
      > "$tmp/$c.b" 2> "$tmp/$c.be"; rb=$?
    [ $k = 0 ] || : > "$tmp/$c.ae" > "$tmp/$c.be" # messages name the parts
    if [ $ra = $rb ] && cmp -s "$tmp/$c.a" "$tmp/$c.b" &&
       [ "$(head -1 "$tmp/$c.ae")" = "$(head -1 "$tmp/$c.be")" ]; then
      echo ok > "$tmp/$c.res"
    else
      { echo "FAIL: $c: surv-mpi -np $np $p $* ($k parts of $f): exit $ra vs $rb"
        diff "$tmp/$c.a" "$tmp/$c.b" | head -5 | cut -c1-200; head -3 "$tmp/$c.ae" "$tmp/$c.be"; } > "$tmp/$c.res"
    fi
  ) &
}

# gen0.csv: 20000 rows, quoted labels with a comma; gen.csv: the same with
# labels holding a line feed, and a row whose group label is 600 bytes of
# "q" and line feeds across the middle of the file (where 2 ranks split it)
for nl in 0 1; do
  awk -v nl=$nl 'BEGIN { srand(5); print "time,status,g,s,e"
    for (i = 0; i < 20000; i++) { t = int(rand() * 3000) / 10 + 0.1
      printf "%s,%d,%s,%s,%s\n", t, rand() < 0.6 ? 2 : 1,
        rand() < 0.5 ? "\"x, y\"" : (rand() < 0.5 ? (nl ? "\"b\nc\"" : "b") : "a10"),
        int(rand() * 3), rand() < 0.2 ? int(rand() * t * 5) / 10 : 0 } }' > "$tmp/gen$nl.csv"
done
half=$(($(wc -c < "$tmp/gen1.csv") / 2))
awk -v half="$half" '{ b += length($0) + 1; print }
  NR > 1 && !done && b > half - 150 { printf "7.5,2,\""; for (i = 0; i < 300; i++) printf "q\n"; print "\",1,0"; done = 1 }' \
  "$tmp/gen1.csv" > "$tmp/gen.csv"
# bad rows in the second half: the first (in row order) is reported
awk '{ print } END { print "1,2,\"u\nv\",0,0"; print "2,5,a10,0,0"; print "x,1,a10,0,0" }' "$tmp/gen.csv" > "$tmp/bad.csv"
# a bad row in the second of two files: that file's name and line
printf 'time,status\n1,1\n2,1\n3,0\n4,x\n' > "$tmp/bad0.csv"
# TRUE/FALSE statuses in the first half, 0/1 in the second: the first 0/1
# is the error, whichever rank reads it
awk 'BEGIN { print "time,status"; for (i = 1; i <= 600; i++) print i "," (i % 2 ? "TRUE" : "FALSE")
  for (i = 1; i <= 600; i++) print i "," i % 2 }' > "$tmp/flip.csv"

same f2 3 5 "$fx/kmprog-lung.csv" logrank --group=ph.ecog --rho=1
same f3 2 2 "$tmp/gen0.csv" logrank --group=g --strata=s
same f4 3 4 "$tmp/gen0.csv" km --group=g --entry=e --quantiles
wait
n=$((n + 1)); (
  split_csv "$tmp/bad0.csv" 2 "$tmp/f5-part"
  mpirun --allow-run-as-root --oversubscribe -np 2 "$bin/surv-mpi" km "$tmp"/f5-part*.csv > "$tmp/f5.b" 2> "$tmp/f5.be"; r=$?
  if [ $r = 1 ] && [ ! -s "$tmp/f5.b" ] && [ "$(head -1 "$tmp/f5.be")" = \
      "surv-km: $tmp/f5-part2.csv:3: column 'status': 'x' is not 0 or 1" ]; then echo ok; else
    echo "FAIL: f5: a bad row in the second of two files: exit $r"; head -1 "$tmp/f5.be"; fi > "$tmp/f5.res" ) &
same r1 2 0 "$tmp/gen.csv" logrank --group=g --strata=s
same r2 3 0 "$tmp/gen.csv" km --group=g --entry=e --quantiles
wait
same r4 2 0 "$tmp/bad.csv" logrank --group=g
same r5 3 0 "$tmp/flip.csv" km
wait
fail=0
for r in "$tmp"/*.res; do
  [ "$(cat "$r")" = ok ] || { cat "$r"; fail=1; }
done
[ "$(cat "$tmp"/*.res | grep -c '^ok$')" = $n ] || { echo "FAIL: $n cases, not all ok"; fail=1; }
echo "check-mpi: $n cases"
exit $fail
