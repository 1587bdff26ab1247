#!/bin/sh
# examples/surv-power: results against the R values of
# tests/fixtures/power.tsv (make-power-fixtures.R) at 1e-10 relative, the
# output's keys, and every error path: bad input exits 1 with one line on
# stderr, usage errors exit 2 with the usage, nothing reaches stdout on error.
set -eu
prog="${surv_bindir:-$top_builddir/examples}/surv-power"
fix="$top_srcdir/tests/fixtures/power.tsv"
tmp=${TMPDIR:-/tmp}/surv-power.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
fail=0

# R's value: the fixture row with func, method, sided, alpha, ratio, a, b, c,
# accrual, follow_up, dropout (strict and cc 0).
r_value() {
  awk -F'\t' -v f="$1" -v m="$2" -v s="$3" -v al="$4" -v r="$5" -v a="$6" \
    -v b="$7" -v c="$8" -v ac="$9" -v fu="${10}" -v dr="${11}" '
    $1 == f && $2 == m && $3 == s && $4 == 0 && $5 == 0 && $6 + 0 == al + 0 &&
    $7 + 0 == r + 0 && $8 + 0 == a + 0 && $9 + 0 == b + 0 && $10 + 0 == c + 0 &&
    $11 + 0 == ac + 0 && $12 + 0 == fu + 0 && $13 + 0 == dr + 0 { print $14; n++ }
    END { if (n != 1) exit 1 }' "$fix"
}

# check NAME KEY WANT ARGS...: run, then compare the value of KEY
check() {
  name=$1 key=$2 want=$3; shift 3
  if ! "$prog" "$@" > "$tmp/out" 2> "$tmp/err"; then
    echo "$name: failed"; cat "$tmp/err"; fail=1; return
  fi
  [ -s "$tmp/err" ] && { echo "$name: unexpected stderr"; cat "$tmp/err"; fail=1; }
  awk -F'\t' -v k="$key" -v w="$want" -v name="$name" '
    $1 == k { got = $2; seen++ }
    NF != 2 { printf "%s: line %d is not key<TAB>value: %s\n", name, NR, $0; bad = 1 }
    END {
      if (seen != 1) { printf "%s: key %s seen %d times\n", name, k, seen; exit 1 }
      d = got - w; if (d < 0) d = -d; s = w < 0 ? -w : w
      if (d > 1e-10 * s) { printf "%s: %s = %s, want %s\n", name, k, got, w; exit 1 }
      exit bad }' "$tmp/out" || fail=1
}

w=$(r_value prop_n normal 2 0.01 1 0.5 0.75 0.8 0 0 0)
check prop-n n1 "$w" prop --p1=0.5 --p2=0.75 --power=0.8 --alpha=0.01
check prop-n-ceiling n_ceiling 174 prop --p1=0.5 --p2=0.75 --power=0.8 --alpha=0.01
w=$(r_value prop_power exact 2 0.05 2 0.2 0.6 15 0 0 0)
check fisher-power power "$w" fisher --p1=0.2 --p2=0.6 --n=15 --ratio=2
w=$(r_value binom_n exact 1 0.05 1 0.2 0.05 0.8 0 0 0)
check binom-exact-n n "$w" binom --p0=0.2 --p1=0.05 --power=0.8 --exact --one-sided
w=$(r_value logrank_events schoenfeld 1 0.05 2 0.7 0.9 0 0 0 0)
check logrank-events events "$w" logrank --hr=0.7 --power=0.9 --ratio=2 --one-sided
w=$(r_value logrank_n freedman 2 0.05 3 0.6 0.2772588722239781 0.85 3 2 0.05)
check logrank-n n "$w" logrank --hr=0.6 --power=0.85 --ratio=3 --method=freedman \
  --lambda0=0.2772588722239781 --accrual=3 --follow-up=2 --dropout=0.05
w=$(r_value logrank_pevent freedman 2 0.05 3 0.6 0.2772588722239781 0.85 3 2 0.05)
check logrank-pevent p_event "$w" logrank --hr=0.6 --power=0.85 --ratio=3 \
  --method=freedman --median0=2.5 --accrual=3 --follow-up=2 --dropout=0.05
w=$(r_value logrank_n lachin_foulkes 2 0.05 3 0.6 0.2772588722239781 0.8 3 2 0.05)
check logrank-lf-n n "$w" logrank --hr=0.6 --power=0.8 --ratio=3 \
  --method=lachin-foulkes --median0=2.5 --accrual=3 --follow-up=2 --dropout=0.05
w=$(r_value logrank_total lachin_foulkes_log 1 0.05 1 1.4 0.2772588722239781 333.3 2 3 0)
check logrank-lf-total power "$w" logrank --hr=1.4 --n=333.3 --one-sided \
  --method=lachin-foulkes --log-hazard --median0=2.5 --accrual=2 --follow-up=3
w=$(r_value logrank_total schoenfeld 2 0.05 3 0.6 0.2772588722239781 40 1.5 0 0)
check logrank-total power "$w" logrank --hr=0.6 --n=40 --ratio=3 \
  --median0=2.5 --accrual=1.5
# factorial2x2's documented lgrkPower(0.5, 98) = 0.9293463 (7 digits)
check logrank-power power 0.929346262798 logrank --hr=0.5 --events=98

# bad input: exit 1, one line, nothing on stdout
bad() {
  st=$1; name=$2; shift 2
  set +e; "$prog" "$@" > "$tmp/out" 2> "$tmp/err"; rc=$?; set -e
  [ "$rc" = "$st" ] || { echo "$name: exit $rc, want $st"; cat "$tmp/err"; fail=1; }
  [ -s "$tmp/out" ] && { echo "$name: output on failure"; fail=1; }
  grep -q '^surv-power: ' "$tmp/err" || { echo "$name: no message"; fail=1; }
  if [ "$st" = 1 ] && [ "$(wc -l < "$tmp/err")" != 1 ]; then
    echo "$name: want one line on stderr"; cat "$tmp/err"; fail=1
  fi
  if [ "$st" = 2 ] && ! grep -q '^usage: ' "$tmp/err"; then
    echo "$name: no usage"; fail=1
  fi
}
bad 1 hr-one logrank --hr=1 --power=0.8
bad 1 hr-negative logrank --hr=-0.5 --power=0.8
bad 1 power-one logrank --hr=0.5 --power=1
bad 1 alpha-zero prop --p1=0.2 --p2=0.3 --power=0.8 --alpha=0
bad 1 p-one prop --p1=1 --p2=0.3 --n=10
bad 1 equal-p prop --p1=0.3 --p2=0.3 --power=0.8
bad 1 accrual-negative logrank --hr=0.5 --power=0.8 --lambda0=1 --accrual=-1
bad 1 fisher-fraction fisher --p1=0.2 --p2=0.3 --n=10.5
bad 1 fisher-limit fisher --p1=0.2 --p2=0.25 --power=0.9 --max-n=20
bad 1 power-too-low logrank --hr=0.5 --power=0.01
bad 2 no-command --hr=0.5
bad 2 unknown-command cox --hr=0.5 --power=0.8
bad 2 both-power logrank --hr=0.5 --power=0.8 --events=40
bad 2 neither prop --p1=0.2 --p2=0.3
bad 2 not-a-number logrank --hr=half --power=0.8
bad 2 design-without-hazard logrank --hr=0.5 --power=0.8 --accrual=2
bad 2 n-without-design logrank --hr=0.5 --n=100
bad 2 lf-without-design logrank --hr=0.5 --power=0.8 --method=lachin-foulkes
bad 2 log-hazard-without-lf logrank --hr=0.5 --power=0.8 --lambda0=1 --log-hazard
bad 2 lf-events logrank --hr=0.5 --events=40 --lambda0=1 --method=lachin-foulkes
bad 1 total-n-zero logrank --hr=0.5 --n=0 --lambda0=1
bad 1 total-no-events logrank --hr=0.5 --n=100 --lambda0=1e-300 --accrual=1e-300 --method=lachin-foulkes
bad 2 method logrank --hr=0.5 --power=0.8 --method=lakatos
bad 2 wrong-option binom --p1=0.2 --p2=0.3 --n=10
bad 2 unknown-option prop --p1=0.2 --p2=0.3 --n=10 --yates
exit $fail
