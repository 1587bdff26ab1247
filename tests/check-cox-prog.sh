#!/bin/sh
# surv-cox(1) against R: coefficient tables, --summary and --survival-at of
# tests/fixtures/coxprog-*.tsv (made by make-cox-fixtures.R from R's
# veteran (celltype a text factor, an NA and an empty cell), lung (NA rows,
# cluster, strata, weights) and bladder2 ((start, stop] with cluster)), every
# number within 1e-9 relative (NA must be NA, terms equal); then the error
# paths: bad data exit 1 with one line naming the file and line and an empty
# stdout, misuse exit 2 with the usage line.
set -u
prog="${surv_bindir:-$top_builddir/examples}/surv-cox"
fx="$top_srcdir/tests/fixtures"
tmp=${TMPDIR:-/tmp}/surv-coxprog.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
fail=0; n=0

# compare GOT WANT: same shape, text cells equal, numbers within 1e-9
cmp_tsv() {
  grep -v '^#' "$2" > "$tmp/want"
  awk -F'\t' -v rtol=1e-9 'NR == FNR { w[FNR] = $0; nw = FNR; next }
    { g[FNR] = $0; ng = FNR }
    END {
      if (ng != nw) { printf "rows: got %d, want %d\n", ng, nw; exit 1 }
      for (i = 1; i <= nw; i++) {
        a = split(g[i], x, "\t"); b = split(w[i], y, "\t")
        if (a != b) { printf "line %d: %d fields, want %d\n", i, a, b; exit 1 }
        for (j = 1; j <= a; j++) {
          if (x[j] == y[j]) continue
          if (x[j] == "NA" || y[j] == "NA" || x[j] !~ /^[-+0-9.eE]+$/) {
            printf "line %d field %d: %s, want %s\n", i, j, x[j], y[j]; exit 1 }
          d = x[j] - y[j]; if (d < 0) d = -d
          s = y[j] < 0 ? -y[j] : y[j]
          if (d > rtol * s) {
            printf "line %d field %d: %s, want %s\n", i, j, x[j], y[j]; exit 1 }
        }
      }
    }' "$1" "$tmp/want"
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
run bladder coxprog-bladder.tsv --entry=start --time=stop --status=event --cluster=id "$bl" rx size number
run bladder-summary coxprog-bladder-summary.tsv --entry=start --time=stop --status=event --cluster=id --summary "$bl" rx size number

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
echo "check-cox-prog: $n runs"
exit $fail
