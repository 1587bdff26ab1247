#!/bin/sh
# surv-km --bands (simultaneous confidence bands): the table with the columns
# band_lower and band_upper against tests/fixtures/kmbands-*.tsv (made by
# make-bands-fixtures.R: km.ci's band functions given the exact critical value
# from an independent spectral computation) at 1e-10 relative, NA outside the
# band's range; a range outside the data fails with exit 1 and an empty
# stdout; misuse exits 2.
set -u
km="${surv_bindir:-$top_builddir/examples}/surv-km"
fx="$top_srcdir/tests/fixtures"
tmp=${TMPDIR:-/tmp}/surv-kmbands.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
fail=0; n=0

. "$top_srcdir/tests/compare-tsv.sh"

ok() { n=$((n + 1)); }
ko() { echo "FAIL: $*"; fail=1; n=$((n + 1)); }

run_ok() {
  name=$1; want=$2; shift 2
  if "$km" "$@" > "$tmp/out" 2> "$tmp/err" && [ ! -s "$tmp/err" ] &&
     compare "$tmp/out" "$want" > "$tmp/cmp" 2>&1; then ok
  else ko "$name"; cat "$tmp/err" "$tmp/cmp" 2>/dev/null | head -5; fi
}

run_ok "lung ep plain" "$fx/kmbands-lung-ep-plain.tsv" \
  --bands=ep --conf-type=plain "$fx/kmprog-lung.csv"
run_ok "lung ep log-log 90%" "$fx/kmbands-lung-ep-loglog-90.tsv" \
  --bands=ep --conf-level=0.9 "$fx/kmprog-lung.csv"
run_ok "aml ep arcsin" "$fx/kmbands-aml-ep-arcsin.tsv" \
  --bands=ep --conf-type=arcsin "$fx/kmprog-aml.csv"

# A given range: band columns exactly on the rows with times in [TL, TU].
if "$km" --bands=hw --band-range=11,300 "$fx/kmprog-lung.csv" > "$tmp/out" &&
   awk -F'\t' 'NR > 1 { inb = ($1 >= 11 && $1 <= 300)
                        if (inb != ($9 != "NA") || inb != ($10 != "NA")) bad = 1 }
               END { exit bad }' "$tmp/out"; then ok
else ko "lung hw --band-range rows"; fi

# Data errors: exit 1, one line naming the file, nothing on stdout.
data_err() {
  name=$1; shift
  "$km" "$@" > "$tmp/out" 2> "$tmp/err"; rc=$?
  if [ $rc -eq 1 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] &&
     grep -q '^surv-km: .*kmprog-aml.csv: ' "$tmp/err"; then ok
  else ko "data error: $name (exit $rc)"; cat "$tmp/err"; fi
}
data_err "range past the data" --bands=hw --band-range=200,300 "$fx/kmprog-aml.csv"
data_err "ep from time 0" --bands=ep --band-range=0,30 "$fx/kmprog-aml.csv"

# Usage errors: exit 2, usage on stderr, nothing on stdout.
usage_err() {
  name=$1; shift
  "$km" "$@" > "$tmp/out" 2> "$tmp/err"; rc=$?
  if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q '^usage: surv-km ' "$tmp/err"; then ok
  else ko "usage: $name (exit $rc)"; cat "$tmp/err"; fi
}
aml="$fx/kmprog-aml.csv"
usage_err "bands value" --bands=nair "$aml"
usage_err "band-range without bands" --band-range=1,2 "$aml"
usage_err "band-range reversed" --bands=hw --band-range=30,10 "$aml"
usage_err "band-range one time" --bands=hw --band-range=10 "$aml"
usage_err "band-range NaN" --bands=hw --band-range=NaN,10 "$aml"
usage_err "bands with log" --bands=hw --conf-type=log "$aml"
usage_err "bands with quantiles" --bands=hw --quantiles "$aml"

[ $fail = 0 ] && echo "check-km-bands: all $n cases passed"
exit $fail
