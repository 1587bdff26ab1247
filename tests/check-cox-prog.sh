#!/bin/sh
# surv-cox(1) against R: coefficient tables, --summary and --survival-at of
# tests/fixtures/coxprog-*.tsv (made by make-cox-fixtures.R from R's
# veteran (celltype a text factor, an NA and an empty cell), lung (NA rows,
# cluster, strata, weights) and bladder2 ((start, stop] with cluster)), and
# --residuals (every type) and --zph (every transform) against
# coxprog-resid-*.tsv and coxprog-zph-*.tsv (made by make-coxprog-fixtures.R
# from residuals.coxph and cox.zph on the same files: a factor, strata,
# weights, Breslow ties, clusters collapsed, (start, stop] rows), every
# number within 1e-9 relative (NA must be NA, terms equal); the --zph-svg
# plots hold points, a smooth and the constant line, parse (xmllint) and
# render (rsvg-convert) where those tools are installed; then the error
# paths: bad data exit 1 with one line naming the file and line and an empty
# stdout, misuse exit 2 with the usage line.
set -u
prog="${surv_bindir:-$top_builddir/examples}/surv-cox"
fx="$top_srcdir/tests/fixtures"
tmp=${TMPDIR:-/tmp}/surv-coxprog.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
fail=0; n=0

# compare GOT WANT: same shape, text cells equal, numbers within 1e-9
# relative. With noise=1 (the residual tables) a number may instead be within
# 4 DBL_EPSILON of the largest magnitude of its column in WANT: the rounding
# noise of a difference of numbers of that size that is 0 in exact
# arithmetic (a Schoenfeld residual where every row at risk has the same
# covariate: R 5.6e-17, the program 0).
noise=0
cmp_tsv() {
  grep -v '^#' "$2" > "$tmp/want"
  awk -F'\t' -v rtol=1e-9 -v eps=2.220446049250313e-16 -v noise=$noise '
    NR == FNR { w[FNR] = $0; nw = FNR; next }
    { g[FNR] = $0; ng = FNR }
    END {
      if (ng != nw) { printf "rows: got %d, want %d\n", ng, nw; exit 1 }
      for (i = 2; i <= nw; i++) {
        b = split(w[i], y, "\t")
        for (j = 1; j <= b; j++)
          if (y[j] ~ /^[-+0-9.eE]+$/) {
            s = y[j] < 0 ? -y[j] : y[j] + 0; if (s > cmax[j]) cmax[j] = s }
      }
      for (i = 1; i <= nw; i++) {
        a = split(g[i], x, "\t"); b = split(w[i], y, "\t")
        if (a != b) { printf "line %d: %d fields, want %d\n", i, a, b; exit 1 }
        for (j = 1; j <= a; j++) {
          if (x[j] == y[j]) continue
          if (x[j] == "NA" || y[j] == "NA" || x[j] !~ /^[-+0-9.eE]+$/) {
            printf "line %d field %d: %s, want %s\n", i, j, x[j], y[j]; exit 1 }
          d = x[j] - y[j]; if (d < 0) d = -d
          s = y[j] < 0 ? -y[j] : y[j]
          if (d > rtol * s && !(noise && d <= 4 * eps * cmax[j])) {
            printf "line %d field %d: %s, want %s\n", i, j, x[j], y[j]; exit 1 }
        }
      }
    }' "$tmp/want" "$1"
}

run() { # NAME EXPECTED ARGS...
  name=$1; want=$2; shift 2
  n=$((n + 1))
  if ! "$prog" "$@" > "$tmp/out" 2> "$tmp/err"; then
    echo "FAIL $name: exit status $?:"; cat "$tmp/err"; fail=1; return
  fi
  [ -s "$tmp/err" ] && { echo "FAIL $name: stderr not empty"; fail=1; }
  cmp_tsv "$tmp/out" "$fx/$want" > "$tmp/why" 2>&1 ||
    { echo "FAIL $name: $(cat "$tmp/why")"; fail=1; }
}

vet="$fx/coxprog-veteran.csv"; lung="$fx/coxprog-lung.csv"
bl="$fx/coxprog-bladder.csv"
run vet coxprog-vet.tsv "$vet" trt karno celltype
run vet-summary coxprog-vet-summary.tsv --summary "$vet" trt karno celltype
run vet-at coxprog-vet-at.tsv --survival-at=0,30,100,250.5,400,1e6 "$vet" trt karno celltype
run vet-exact coxprog-vet_exact.tsv --ties=exact "$vet" trt celltype
run vet-exact-summary coxprog-vet_exact-summary.tsv --ties=exact --summary "$vet" trt celltype
run lung-br coxprog-lung_breslow.tsv --ties=breslow "$lung" age sex ph.ecog
run lung-br-summary coxprog-lung_breslow-summary.tsv --ties=breslow --summary "$lung" age sex ph.ecog
run lung-br-at coxprog-lung_breslow-at.tsv --ties=breslow --survival-at=0,30,100,250.5,400,1e6 "$lung" age sex ph.ecog
run lung-cl coxprog-lung_cluster.tsv --cluster=inst "$lung" age sex
run lung-cl-summary coxprog-lung_cluster-summary.tsv --cluster=inst --summary "$lung" age sex
run lung-sw coxprog-lung_strata_w.tsv --strata=ph.ecog --weights=meal.cal "$lung" age sex
run lung-sw-summary coxprog-lung_strata_w-summary.tsv --strata=ph.ecog --weights=meal.cal --summary "$lung" age sex
# issue 18: 1/2, TRUE/FALSE and --event status codings give the same model
awk -F, 'BEGIN { OFS = "," } NR > 1 { $4 = $4 + 1 } 1' "$vet" > "$tmp/vet12.csv"
awk -F, 'BEGIN { OFS = "," } NR > 1 { $4 = ($4 == 1 ? "TRUE" : "FALSE") } 1' "$vet" > "$tmp/vettf.csv"
awk -F, 'BEGIN { OFS = "," } NR > 1 { $4 = ($4 == 1 ? "died" : "alive") } 1' "$vet" > "$tmp/vetw.csv"
run vet-status-1-2 coxprog-vet.tsv "$tmp/vet12.csv" trt karno celltype
run vet-status-true-false coxprog-vet.tsv "$tmp/vettf.csv" trt karno celltype
run vet-event coxprog-vet.tsv --event=died --censor=alive "$tmp/vetw.csv" trt karno celltype
run bladder coxprog-bladder.tsv --entry=start --time=stop --status=event --cluster=id "$bl" rx size number
run bladder-summary coxprog-bladder-summary.tsv --entry=start --time=stop --status=event --cluster=id --summary "$bl" rx size number

# residuals and cox.zph: CASE, then the arguments of its model
while read -r case args; do
  noise=1
  for ty in martingale deviance score schoenfeld scaledsch dfbeta dfbetas; do
    eval "run resid-$case-$ty coxprog-resid-$case-$ty.tsv --residuals=$ty $args"
  done
  noise=0
  for tr in km rank identity log; do
    eval "run zph-$case-$tr coxprog-zph-$case-$tr.tsv --zph=$tr $args"
  done
done <<CASES
vet "\$vet" trt karno celltype
lung_sw --strata=ph.ecog --weights=meal.cal "\$lung" age sex
lung_br --ties=breslow "\$lung" age sex ph.ecog
lung_cl --cluster=inst "\$lung" age sex
bladder --entry=start --time=stop --status=event --cluster=id "\$bl" rx size number
vet_st --ties=breslow --strata=prior "\$vet" trt celltype
CASES
run zph-default coxprog-zph-vet-km.tsv --zph "$vet" trt karno celltype
# exact-marginal (not in R) is the partial likelihood when no times tie
run marginal-noties coxprog-vet-noties.tsv --ties=exact-marginal \
  "$fx/coxprog-vet-noties.csv" trt karno celltype
run exact-noties coxprog-vet-noties.tsv --ties=exact \
  "$fx/coxprog-vet-noties.csv" trt karno celltype

# the plots: one per term, beside the table of --zph (km by default)
mkdir "$tmp/svg"
run zph-svg coxprog-zph-vet-km.tsv --zph-svg="$tmp/svg/vet-" "$vet" trt karno celltype
n=$((n + 1))
[ "$(cd "$tmp/svg" && echo *)" = "vet-celltype.svg vet-karno.svg vet-trt.svg" ] ||
  { echo "FAIL zph-svg files: $(ls "$tmp/svg")"; fail=1; }
for f in "$tmp"/svg/*.svg; do
  grep -q '<circle ' "$f" && grep -q '<polyline ' "$f" &&
    grep -q 'stroke-dasharray' "$f" ||
    { echo "FAIL zph-svg $f: points, smooth or constant line missing"; fail=1; }
  if command -v xmllint > /dev/null 2>&1; then
    xmllint --noout "$f" || { echo "FAIL zph-svg $f: not XML"; fail=1; }
  fi
  if command -v rsvg-convert > /dev/null 2>&1; then
    rsvg-convert "$f" -o "$tmp/plot.png" && [ -s "$tmp/plot.png" ] ||
      { echo "FAIL zph-svg $f: does not render"; fail=1; }
  fi
done
run zph-svg-rank coxprog-zph-lung_br-rank.tsv --zph=rank \
  --zph-svg="$tmp/svg/br-" --ties=breslow "$lung" age sex ph.ecog
[ -s "$tmp/svg/br-ph.ecog.svg" ] || { echo "FAIL zph-svg-rank: no plot"; fail=1; }
# a column name is not a path: '/' and ' ' become '_' in the file name
mkdir "$tmp/svg2"
printf 'time,status,a/b,c d\n1,1,0.5,1\n2,0,1.5,2\n3,1,0.2,1\n4,1,2.5,3\n5,0,1.1,1\n6,1,0.7,2\n7,1,1.9,1\n8,0,0.3,3\n' > "$tmp/slash.csv"
n=$((n + 1))
"$prog" --zph-svg="$tmp/svg2/p-" "$tmp/slash.csv" 'a/b' 'c d' > /dev/null &&
  [ "$(cd "$tmp/svg2" && echo *)" = "p-a_b.svg p-c_d.svg" ] ||
  { echo "FAIL zph-svg names: $(ls "$tmp/svg2")"; fail=1; }

# errors: exit status, one stderr line naming the file (and line), no stdout
err() { # NAME STATUS PATTERN ARGS...
  name=$1; st=$2; pat=$3; shift 3
  n=$((n + 1))
  "$prog" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null; got=$?
  if [ "$got" != "$st" ]; then echo "FAIL $name: exit $got, want $st"; fail=1; fi
  [ -s "$tmp/out" ] && { echo "FAIL $name: stdout not empty"; fail=1; }
  grep -q -- "$pat" "$tmp/err" || { echo "FAIL $name: stderr:"; cat "$tmp/err"; fail=1; }
  if [ "$st" = 1 ] && [ "$(wc -l < "$tmp/err")" != 1 ]; then
    echo "FAIL $name: more than one line on stderr"; fail=1; fi
}
printf 'time,status,x\n1,1,0.5\n2,0,1\n3,2,0\n' > "$tmp/badstatus.csv"
printf 'time,status,x\n1,1,0.5\n-2,0,1\n' > "$tmp/negtime.csv"
printf 'time,status,x,w\n1,1,0.5,1\n2,0,1,0\n3,1,2,1\n' > "$tmp/zerow.csv"
printf 'time,status,x\n1,1,0.5\n2,0,1\n' > "$tmp/ok.csv"
err status 1 "badstatus.csv:4:" "$tmp/badstatus.csv" x
err negtime 1 "negtime.csv:3:" "$tmp/negtime.csv" x
err zeroweight 1 "zerow.csv:3:" --weights=w "$tmp/zerow.csv" x
err nocolumn 1 "ok.csv: no column named 'y'" "$tmp/ok.csv" y
err nofile 1 "missing.csv" "$tmp/missing.csv" x
err noterm 2 "usage: surv-cox" "$tmp/ok.csv"
err nofilearg 2 "usage: surv-cox"
err badties 2 "usage: surv-cox" --ties=cox "$tmp/ok.csv" x
err badlevel 2 "usage: surv-cox" --conf-level=1 "$tmp/ok.csv" x
err badat 2 "usage: surv-cox" --survival-at=1,,2 "$tmp/ok.csv" x
err both 2 "usage: surv-cox" --summary --survival-at=1 "$tmp/ok.csv" x
err unknown 2 "usage: surv-cox" --frobnicate "$tmp/ok.csv" x
err badresid 2 "usage: surv-cox" --residuals=pearson "$tmp/ok.csv" x
err badzph 2 "usage: surv-cox" --zph=sqrt "$tmp/ok.csv" x
err residzph 2 "usage: surv-cox" --residuals=score --zph "$tmp/ok.csv" x
err residsummary 2 "usage: surv-cox" --residuals=score --summary "$tmp/ok.csv" x
err svgat 2 "usage: surv-cox" --zph-svg=p --survival-at=1 "$tmp/ok.csv" x
err residexact 2 "usage: surv-cox" --residuals=score --ties=exact "$tmp/ok.csv" x
err zphmarginal 2 "usage: surv-cox" --zph --ties=exact-marginal "$tmp/ok.csv" x
err intercept 2 "usage: surv-cox" "$tmp/ok.csv" 1
printf 'time,status,x\n0,1,0.5\n2,0,1\n3,1,0\n4,1,1\n' > "$tmp/zero.csv"
err zphlog 1 "zero.csv: --zph=log needs event times above 0" --zph=log "$tmp/zero.csv" x
err svgdir 1 "no/such/dir/p" --zph-svg="$tmp/no/such/dir/p" "$vet" trt karno
printf 'time,status,x,w\n1,1,0.5,1\n2,0,1,2\n3,1,2,1\n' > "$tmp/w.csv"
err marginalw 1 "w.csv: case weights are not supported" --ties=exact-marginal --weights=w "$tmp/w.csv" x
printf 'time,status,x\n1,1,a\n2,0,a\n' > "$tmp/onelevel.csv"
err onelevel 1 "onelevel.csv: column 'x' has a single level" "$tmp/onelevel.csv" x
echo "check-cox-prog: $n runs"
exit $fail
