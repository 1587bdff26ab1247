#!/bin/sh
# surv-km --stream and surv-logrank --stream (rows counted into a count table
# as they are read, surv_counts_*) against the same programs reading the
# whole file: stdout, stderr and exit status byte for byte, on the programs'
# CSV fixtures and on generated files: text and numeric labels, strata, 1/2
# and TRUE/FALSE status codings, --event, delayed entry, weights, missing
# values, near-tied times, quoted fields, a file several times the reading
# window (8 MiB), standard input, and bad input.
set -u
bin="${surv_bindir:-$top_builddir/examples}"
fx="$top_srcdir/tests/fixtures"
tmp=${TMPDIR:-/tmp}/surv-stream.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
fail=0; n=0

# same PROG FILE ARGS...: the two modes give the same bytes and status
same() {
  p=$1; f=$2; shift 2
  "$bin/$p" "$@" "$f" > "$tmp/a.out" 2> "$tmp/a.err"; ra=$?
  "$bin/$p" --stream "$@" "$f" > "$tmp/b.out" 2> "$tmp/b.err"; rb=$?
  n=$((n + 1))
  if [ $ra != $rb ] || ! cmp -s "$tmp/a.out" "$tmp/b.out" ||
     ! cmp -s "$tmp/a.err" "$tmp/b.err"; then
    echo "FAIL: $p $* $f: exit $ra vs $rb"; diff "$tmp/a.out" "$tmp/b.out" | head -5
    diff "$tmp/a.err" "$tmp/b.err" | head -5; fail=1
  fi
}

for f in "$fx"/kmprog-*.csv; do
  same surv-km "$f"
  same surv-km "$f" --quantiles --conf-type=log
done
same surv-km "$fx/kmprog-lung.csv" --group=sex
same surv-logrank "$fx/kmprog-lung.csv" --group=sex
same surv-logrank "$fx/kmprog-lung.csv" --group=sex --rho=1

# generated: id,time,status,st12,tf,grp,txt,strat,entry,w
awk -v seed=7 'BEGIN {
  srand(seed); print "id,time,status,st12,tf,grp,txt,strat,entry,w"
  for (i = 1; i <= 3000; i++) {
    t = int(rand() * 400) / 4 + 0.25; if (rand() < 0.1) t = t + 1e-9
    s = rand() < 0.7 ? 1 : 0; g = int(rand() * 3) * 5 - 2
    e = rand() < 0.3 ? int(rand() * 4) / 4 : 0; if (e > t - 0.2) e = 0
    txt = g == -2 ? "\"arm, A\"" : g == 3 ? "arm B" : "ctl"
    st = rand() < 0.5 ? "a" : "b"; w = (1 + int(rand() * 8)) / 4
    tt = t; ss = s; if (rand() < 0.02) tt = "NA"; if (rand() < 0.02) ss = ""
    printf "%d,%s,%s,%d,%s,%d,%s,%s,%s,%s\n", i, tt, ss, s + 1, s ? "TRUE" : "FALSE", g, txt, st, e, w
  } }' > "$tmp/gen.csv"
g="$tmp/gen.csv"
same surv-km "$g"
same surv-km "$g" --group=txt --entry=entry
same surv-km "$g" --group=grp --weights=w --quantiles
same surv-km "$g" --status=st12 --group=strat
same surv-km "$g" --status=tf
same surv-km "$g" --status=grp --event=3
same surv-km "$g" --status=grp --event=3 --censor=-2
same surv-km "$g" --strict
same surv-logrank "$g" --group=txt
same surv-logrank "$g" --group=grp --strata=strat --rho=0.5
same surv-logrank "$g" --group=txt --strata=strat --entry=entry
same surv-logrank "$g" --group=strat --status=st12
same surv-logrank "$g" --group=grp --weights=w
# one group per subject (K = 300: the K x K variance costs O(K^3))
head -n 301 "$g" > "$tmp/gen300.csv"
same surv-logrank "$tmp/gen300.csv" --group=id

# bad input: the same message
printf 'time,status\n1,1\n2,5\n3,x\n' > "$tmp/bad1.csv"
printf 'time,status\n1,0\n2,2\n3,1\n' > "$tmp/bad2.csv"
printf 'time,status\n1,1\n2,1\n-3,0\n' > "$tmp/bad3.csv"
printf 'time,status,g\n1,1,a\n2,1,"b\n' > "$tmp/bad4.csv"
printf 'time,status\n' > "$tmp/bad5.csv"
printf 'time,status\n1,2\n2,x\n3,1\n4,abc\n' > "$tmp/bad6.csv"
printf 'time,status,g\n1,TRUE,a\n2,1,b\n' > "$tmp/bad7.csv"
printf 'time,status,g\n1,,a\n2,NA,b\n' > "$tmp/bad8.csv"
for f in "$tmp"/bad*.csv; do
  same surv-km "$f"
  same surv-logrank "$f" --group=g
done

# a file of ~25 MiB (three windows and more), with quoted labels, by stdin
awk 'BEGIN { srand(3); print "time,status,g"
  for (i = 0; i < 1200000; i++)
    printf "%.2f,%d,\"g,%d\"\n", int(rand() * 50000) / 100, rand() < 0.6, int(rand() * 3) }' > "$tmp/big.csv"
same surv-logrank "$tmp/big.csv" --group=g
same surv-km "$tmp/big.csv" --group=g --quantiles
"$bin/surv-km" --group=g < "$tmp/big.csv" > "$tmp/a.out" 2>&1
"$bin/surv-km" --stream --group=g - < "$tmp/big.csv" > "$tmp/b.out" 2>&1
n=$((n + 1)); cmp -s "$tmp/a.out" "$tmp/b.out" || { echo "FAIL: stdin"; fail=1; }

# usage: --stream with --summary
"$bin/surv-km" --stream --summary "$g" > "$tmp/a.out" 2>/dev/null; r=$?
n=$((n + 1)); [ $r = 2 ] && [ ! -s "$tmp/a.out" ] || { echo "FAIL: --stream --summary exit $r"; fail=1; }

echo "check-stream: $n cases"
exit $fail
