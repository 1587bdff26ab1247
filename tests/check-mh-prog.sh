#!/bin/sh
# examples/surv-mh (surv-mh(1)): every table of tests/fixtures/mh-2x2xk.tsv
# (R 4.2's mantelhaen.test, corrected, uncorrected and exact; exact estimate
# and limits against the tightly solved references), each with one of its
# six alternative x level rows in turn (every combination about four
# times; tests/check_mh asserts every row through the library), run
# through the program with and without --exact and with --no-correct,
# numbers within 1e-10 relative; the Breslow-Day lines
# against SAS's published output (to its printed precision); NA lines; and
# a failing run prints nothing on stdout.
set -eu
prog="${surv_bindir:-$top_builddir/examples}/surv-mh"
fix="$top_srcdir/tests/fixtures/mh-2x2xk.tsv"
tmp=${TMPDIR:-/tmp}/surv-mh-prog.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
fail=0; n=0

# check NAME: compares $tmp/got with $tmp/want (key<TAB>value lines, same
# keys in the same order; numbers within 1e-10 relative, other text equal).
check() {
  n=$((n+1))
  if ! awk -F'\t' 'NR == FNR { key[FNR] = $1; val[FNR] = $2; nw = FNR; next }
    { ng = FNR
      if ($1 != key[FNR]) { printf "line %d: got key %s, want %s\n", FNR, $1, key[FNR]; bad = 1; next }
      w = val[FNR]; g = $2
      if (w == "SKIP") next
      if (w ~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/ && g ~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/) {
        d = g - w; if (d < 0) d = -d; a = w < 0 ? -w : w
        if (a == 0 ? d > 1e-10 : d > 1e-10 * a) { printf "%s: got %s, want %s\n", $1, g, w; bad = 1 }
      } else if (g != w) { printf "%s: got %s, want %s\n", $1, g, w; bad = 1 } }
    END { if (ng != nw) { printf "got %d lines, want %d\n", ng, nw; bad = 1 }; exit bad }' \
    "$tmp/want" "$tmp/got"; then
    echo "$1: output differs (above)"; fail=1
  fi
}

# The fixture's rows as: name alt level "a,b,c,d a,b,c,d ..." and the
# expected values, one line each (tab-separated; R's NaN is the program's
# NA).
awk -F'\t' '/^#/ { next }
  !h { for (i = 1; i <= NF; i++) c[$i] = i; h = 1; next }
  $c["name"] != last { last = $c["name"]; nt++; r = 0 }
  r++ % 6 != nt % 6 { next } # one row of each table, the combinations in turn
  { v = $c["counts"]; k = split(v, x, " "); s = ""
    for (i = 1; i <= k; i += 4) s = s (i > 1 ? " " : "") x[i] "," x[i+1] "," x[i+2] "," x[i+3]
    lev = sprintf("%.2f", $c["level"])
    printf "%s\t%s\t%s\t%s", $c["name"], $c["alternative"], lev, s
    split("mh_chisq mh_p mh_chisq_nocc mh_p_nocc mh_or mh_or_lower mh_or_upper exact_p exact_or exact_lower exact_upper", f, " ")
    for (i = 1; i <= 11; i++) printf "\t%s", ($c[f[i]] == "NaN" ? "NA" : $c[f[i]])
    printf "\n" }' "$fix" > "$tmp/rows"
[ "$(wc -l < "$tmp/rows")" -ge 20 ] || { echo "too few fixture rows"; exit 1; }

while IFS='	' read -r name alt lev strata chi p chin pn or orl oru ep eor elo eup; do
  # shellcheck disable=SC2086 # the strata are separate arguments
  for mode in plain exact nocc; do
    case $mode in
      plain) set -- ;;
      exact) set -- --exact ;;
      nocc) set -- --no-correct ;;
    esac
    if ! "$prog" "$@" --alternative="$alt" --conf-level="$lev" $strata > "$tmp/got" 2> "$tmp/err"; then
      echo "$name $alt $lev $mode: exit status non-zero:"; cat "$tmp/err"; fail=1; continue
    fi
    if [ $mode = nocc ]; then c1=$chin; c2=$pn; else c1=$chi; c2=$p; fi
    if [ $mode = exact ]; then e1=$ep; e2=$eor; e3=$elo; e4=$eup; else e1=NA; e2=NA; e3=NA; e4=NA; fi
    printf 'mh_chisq\t%s\nmh_p\t%s\nmh_chisq_nocc\t%s\nmh_p_nocc\t%s\nmh_or\t%s\nmh_or_lower\t%s\nmh_or_upper\t%s\nexact_p\t%s\nexact_or\t%s\nexact_lower\t%s\nexact_upper\t%s\nbreslow_day\tSKIP\nbreslow_day_df\tSKIP\nbreslow_day_p\tSKIP\ntarone\tSKIP\ntarone_p\tSKIP\n' \
      "$c1" "$c2" "$chin" "$pn" "$or" "$orl" "$oru" "$e1" "$e2" "$e3" "$e4" > "$tmp/want"
    check "$name $alt $lev $mode"
  done
done < "$tmp/rows"

# SAS PROC FREQ CMH output for the Chinese smoking data (Agresti 2002, Table
# 6.9; see tests/check_mh.c): Breslow-Day 5.200 on 7 df, p 0.636.
n=$((n+1))
"$prog" 126,100,35,61 908,688,497,807 913,747,336,598 235,172,58,121 \
  402,308,121,215 182,156,72,98 60,99,11,43 104,89,21,36 > "$tmp/got"
awk -F'\t' '$1 == "breslow_day" { bd = $2 } $1 == "breslow_day_df" { df = $2 }
  $1 == "breslow_day_p" { p = $2 }
  END { d1 = bd - 5.200; d2 = p - 0.636
        if (d1 < -0.0005 || d1 > 0.0005 || df != 7 || d2 < -0.0005 || d2 > 0.0005) {
          printf "china Breslow-Day: %s on %s df, p %s\n", bd, df, p; exit 1 } }' \
  "$tmp/got" || fail=1

# A failing run writes nothing on stdout.
n=$((n+1))
if "$prog" 1,2,3,4 1,0,0,0 > "$tmp/got" 2> /dev/null || [ -s "$tmp/got" ]; then
  echo "stratum of one: want exit 1 and nothing on stdout"; fail=1
fi

[ $fail = 0 ] && echo "check-mh-prog: $n cases passed"
exit $fail
