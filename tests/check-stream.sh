#!/bin/sh
# surv-km and surv-logrank read through their two routes: the rows kept
# (--no-stream) and the rows counted into a count table as they are read
# (--stream, surv_counts_*), and by default, which counts whenever that
# prints the same bytes: stdout, stderr and exit status compared byte for
# byte, on the programs' CSV fixtures and on generated files: text and
# numeric labels, strata, 1/2 and TRUE/FALSE status codings, --event,
# delayed entry, weights (quarters, and sevenths on chains of near-tied
# times), missing values, near-tied times (differing in the last bits, and
# by 1e-9), one time written several ways, quoted fields, files several
# times the reading window (1 MiB), standard input, a file of distinct times
# that the default route reads again with the rows kept, and bad input.
set -u
bin="${surv_bindir:-$top_builddir/examples}"
fx="$top_srcdir/tests/fixtures"
tmp=${TMPDIR:-/tmp}/surv-stream.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
fail=0; n=0

# run2 PROG OPT TAG ARGS...: PROG OPT ARGS into $tmp/TAG.out, .err, .rc
# (variables r_*: the callers' loops keep theirs)
run2() {
  r_p=$1; r_o=$2; r_t=$3; shift 3
  "$bin/$r_p" $r_o "$@" > "$tmp/$r_t.out" 2> "$tmp/$r_t.err"
  echo $? > "$tmp/$r_t.rc"
}
# samebytes A B: the two runs gave the same bytes and status
samebytes() {
  cmp -s "$tmp/$1.rc" "$tmp/$2.rc" && cmp -s "$tmp/$1.out" "$tmp/$2.out" &&
    cmp -s "$tmp/$1.err" "$tmp/$2.err"
}
# same PROG FILE ARGS...: --no-stream, the default and --stream give the
# same bytes and status
same() {
  p=$1; f=$2; shift 2
  run2 "$p" --no-stream a "$@" "$f"
  run2 "$p" "" b "$@" "$f"
  run2 "$p" --stream c "$@" "$f"
  n=$((n + 1))
  for t in b c; do
    if ! samebytes a $t; then
      if [ $t = b ]; then w=default; else w=--stream; fi
      echo "FAIL: $p $* $f: --no-stream vs $w"
      diff "$tmp/a.out" "$tmp/$t.out" | head -5
      diff "$tmp/a.err" "$tmp/$t.err" | head -5; fail=1
    fi
  done
}
# auto PROG FILE ARGS...: the default gives the bytes of --no-stream (where
# --stream may not)
auto() {
  p=$1; f=$2; shift 2
  run2 "$p" --no-stream a "$@" "$f"
  run2 "$p" "" b "$@" "$f"
  n=$((n + 1))
  samebytes a b || { echo "FAIL: $p $* $f: --no-stream vs default"; fail=1; }
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
same surv-km "$g" --status=st12
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

# near-tied times (last bits, 1e-9) with non-dyadic weights, whose sums
# depend on their order: a chain's cells are summed in ascending time as the
# rows are; delayed entry (with such weights --stream sums differently)
awk -v seed=11 'BEGIN {
  srand(seed); print "time,status,grp,entry,w"
  for (i = 1; i <= 3000; i++) {
    t = int(rand() * 300) / 4 + 0.25; r = rand()
    if (r < 0.15) t = t + 1e-9; else if (r < 0.3) t = t * (1 + 2e-16)
    e = rand() < 0.3 ? int(rand() * 4) / 4 : 0; if (e > t - 0.2) e = 0
    printf "%.17g,%d,%d,%s,%.17g\n", t, rand() < 0.7, int(rand() * 3), e,
      0.1 + int(rand() * 30) / 7
  } }' > "$tmp/near.csv"
h="$tmp/near.csv"
for opt in "" --quantiles "--bands=hw" "--bands=ep --conf-type=plain" \
    "--conf-type=log --conf-level=0.9" --conf-type=logit --conf-type=arcsin; do
  same surv-km "$h" $opt
  same surv-km "$h" $opt --group=grp
  same surv-km "$h" $opt --weights=w
  same surv-km "$h" $opt --weights=w --group=grp
  auto surv-km "$h" $opt --entry=entry --weights=w
done
auto surv-km "$h" --summary --group=grp
auto surv-km "$h" --summary --weights=w
same surv-logrank "$h" --group=grp --rho=-1
# an (entry, time] interval collapsed by the near-tie merge: an error the
# count table cannot see (--stream prints a curve); the default keeps rows
printf 'time,status,entry,g\n1,1,0,a\n2,1,1.9999999999,a\n3,0,0,b\n4,1,1,b\n' \
  > "$tmp/collapse.csv"
auto surv-km "$tmp/collapse.csv" --entry=entry
auto surv-logrank "$tmp/collapse.csv" --entry=entry --group=g

# distinct times: the default's table outgrows terms_surv_auto_cells
# (65,536 cells) and the file is read again with the rows kept; a bad row
# before that point and one after it
awk 'BEGIN { srand(5); print "time,status,g"
  for (i = 0; i < 80000; i++)
    printf "%.9f,%d,%d\n", rand() * 100, rand() < 0.6, int(rand() * 3) }' \
  > "$tmp/dist.csv"
same surv-km "$tmp/dist.csv" --quantiles
same surv-km "$tmp/dist.csv" --group=g
same surv-logrank "$tmp/dist.csv" --group=g
sed '2000s/,[01],/,x,/' "$tmp/dist.csv" > "$tmp/dist1.csv"
sed '75000s/,[01],/,7,/' "$tmp/dist.csv" > "$tmp/dist2.csv"
for f in "$tmp/dist1.csv" "$tmp/dist2.csv"; do
  same surv-km "$f" --quantiles
  same surv-logrank "$f" --group=g
done

# one time written several ways ("1.5", "1.5000", "01.50", quoted, with an
# exponent), CRLF rows and blank lines among plain ones: one cell a time
awk 'BEGIN { srand(9); print "time,status"
  for (i = 0; i < 20000; i++) {
    k = int(rand() * 300); f = int(rand() * 6); s = rand() < 0.6
    if (f == 0) t = sprintf("%.2f", k / 4)
    else if (f == 1) t = sprintf("%.4f", k / 4)
    else if (f == 2) t = sprintf("0%.2f", k / 4)
    else if (f == 3) t = sprintf("\"%g\"", k / 4)
    else if (f == 4) t = sprintf("%de-2", k * 25)
    else t = sprintf("%d", k)
    printf "%s,%d%s", t, s, rand() < 0.05 ? "\r\n" : "\n"
    if (rand() < 0.01) print ""
  } }' > "$tmp/ways.csv"
same surv-km "$tmp/ways.csv"
same surv-km "$tmp/ways.csv" --quantiles

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

# a file of ~6 MiB (six reading windows and more), with quoted labels, by
# stdin
awk 'BEGIN { srand(3); print "time,status,g"
  for (i = 0; i < 300000; i++)
    printf "%.2f,%d,\"g,%d\"\n", int(rand() * 50000) / 100, rand() < 0.6, int(rand() * 3) }' > "$tmp/big.csv"
same surv-logrank "$tmp/big.csv" --group=g
same surv-km "$tmp/big.csv" --group=g --quantiles
"$bin/surv-km" --group=g < "$tmp/big.csv" > "$tmp/a.out" 2>&1
"$bin/surv-km" --stream --group=g - < "$tmp/big.csv" > "$tmp/b.out" 2>&1
"$bin/surv-km" --no-stream --group=g - < "$tmp/big.csv" > "$tmp/c.out" 2>&1
n=$((n + 1)); cmp -s "$tmp/a.out" "$tmp/b.out" &&
  cmp -s "$tmp/a.out" "$tmp/c.out" || { echo "FAIL: stdin"; fail=1; }
# its times and statuses alone (~2.5 MiB: rows counted by their text
# across windows)
cut -d, -f1,2 "$tmp/big.csv" > "$tmp/big2.csv"
same surv-km "$tmp/big2.csv"

# usage: --stream with --summary, --svg, --no-stream
for u in "surv-km --stream --summary" "surv-km --stream --svg=$tmp/x.svg" \
    "surv-km --stream --no-stream" "surv-logrank --no-stream --stream"; do
  $bin/$u "$g" > "$tmp/a.out" 2>/dev/null; r=$?
  n=$((n + 1)); [ $r = 2 ] && [ ! -s "$tmp/a.out" ] || { echo "FAIL: $u exit $r"; fail=1; }
done

echo "check-stream: $n cases"
exit $fail
