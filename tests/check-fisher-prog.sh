#!/bin/sh
# examples/surv-fisher (surv-fisher(1)): output lines for 2 x 2 and r x c tables
# checked against R 4.2 (fisher.test, chisq.test, G computed directly;
# odds-ratio estimate and limits against the tight references of
# tests/fixtures/tables-fisher2x2.tsv), the Monte Carlo fallback,
# and every bad-input case: exit status 1 (usage error 2), a one-line
# message on stderr and nothing on stdout.
set -eu
prog="${surv_bindir:-$top_builddir/examples}/surv-fisher"
tmp=${TMPDIR:-/tmp}/surv-fisher-prog.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
fail=0; n=0

# expect NAME PTOL ARGS...: runs the program, compares with the expected
# lines on stdin. Same names in the same order; numbers agree to 1e-12
# relative (R and libsurv may differ in the 15th digit), fisher_p to PTOL
# (R's r x c FEXACT moves in the 10th digit with its workspace), other values
# exactly.
expect() {
  name=$1; ptol=$2; shift 2
  cat > "$tmp/want"
  n=$((n+1))
  if ! "$prog" "$@" > "$tmp/got" 2> "$tmp/err"; then
    echo "$name: exit status non-zero:"; cat "$tmp/err"; fail=1; return
  fi
  if [ -s "$tmp/err" ]; then echo "$name: unexpected stderr:"; cat "$tmp/err"; fail=1; fi
  if ! awk -F'\t' -v ptol="$ptol" 'NR == FNR { name[FNR] = $1; val[FNR] = $2; nw = FNR; next }
    { ng = FNR
      if ($1 != name[FNR]) { printf "line %d: got name %s, want %s\n", FNR, $1, name[FNR]; bad = 1; next }
      w = val[FNR]; g = $2
      if (w ~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/ && g ~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/) {
        d = g - w; if (d < 0) d = -d; a = w < 0 ? -w : w
        if (d > ($1 == "fisher_p" ? ptol : 1e-12) * a) { printf "%s: got %s, want %s\n", $1, g, w; bad = 1 }
      } else if (g != w) { printf "%s: got %s, want %s\n", $1, g, w; bad = 1 } }
    END { if (ng != nw) { printf "got %d lines, want %d\n", ng, nw; bad = 1 }; exit bad }' \
    "$tmp/want" "$tmp/got"; then
    echo "$name: output differs (above); got:"; cat "$tmp/got"; fail=1
  fi
}

# bad NAME STATUS ARGS...: must exit with STATUS, print nothing on stdout and
# exactly one line on stderr.
bad() {
  name=$1; want=$2; shift 2
  n=$((n+1))
  set +e; "$prog" "$@" > "$tmp/got" 2> "$tmp/err"; st=$?; set -e
  if [ "$st" != "$want" ]; then echo "$name: exit status $st, want $want"; fail=1; fi
  if [ -s "$tmp/got" ]; then echo "$name: stdout not empty:"; cat "$tmp/got"; fail=1; fi
  if [ "$want" = 1 ] && [ "$(wc -l < "$tmp/err")" != 1 ]; then
    echo "$name: want one line on stderr, got:"; cat "$tmp/err"; fail=1
  fi
}

# [[8,2],[1,5]]: R fisher.test(matrix(c(8, 1, 2, 5), 2)) p; chisq.test (Yates); G.
expect "2x2 [[8,2],[1,5]]" 1e-12 8,2 1,5 <<'END'
fisher_p	0.034965034965035
fisher_method	exact
or_cmle	15.465819716921
or_lower	1.00884920794769
or_upper	1059.63949508628
or_sample	20
chisq	3.80952380952381
chisq_df	1
chisq_p	0.0509619369677633
g	6.51527165568725
g_p	0.0106951983023874
cells_expected_below_5	3
END
# [[12,5],[7,9]], one-sided: CI [0, upper] at 95%.
expect "2x2 [[12,5],[7,9]] less" 1e-12 --alternative=less 12,5 7,9 <<'END'
fisher_p	0.97278188862558
fisher_method	exact
or_cmle	2.97678052390209
or_lower	0
or_upper	12.984290697292
or_sample	3.08571428571429
chisq	1.45599637881468
chisq_df	1
chisq_p	0.22756821457581
g	2.46004300773072
g_p	0.116775584678495
cells_expected_below_5	0
END
# [[5,0],[0,5]] greater: MLE and sample OR infinite.
expect "2x2 [[5,0],[0,5]] greater" 1e-12 --alternative=greater -- 5,0 0,5 <<'END'
fisher_p	0.00396825396825397
fisher_method	exact
or_cmle	Inf
or_lower	3.37326653563772
or_upper	Inf
or_sample	Inf
chisq	6.4
chisq_df	1
chisq_p	0.0114120363860017
g	13.8629436111989
g_p	0.000196637655602098
cells_expected_below_5	4
END
# The MDRT table rbind(c(22, 12), c(5, 4), c(1, 3)): fisher.test(workspace =
# 2e8), chisq.test, G.
expect "MDRT 3x2" 1e-10 22,12 5,4 1,3 <<'END'
fisher_p	0.334510146013741
fisher_method	exact
chisq	2.41752973119072
chisq_df	2
chisq_p	0.29856582070123
g	2.40886311568599
g_p	0.299862405508274
cells_expected_below_5	3
END
# rbind(c(3, 1, 4, 2), c(1, 5, 2, 6), c(5, 3, 1, 2)), 3 x 4: fisher.test,
# chisq.test, G.
expect "RC3 3x4" 1e-10 3,1,4,2 1,5,2,6 5,3,1,2 <<'END'
fisher_p	0.167686153249214
fisher_method	exact
chisq	9.68715728715729
chisq_df	6
chisq_p	0.138459854578878
g	10.0621728819419
g_p	0.122058084127451
cells_expected_below_5	12
END

# Monte Carlo fallback: a 1-byte cap makes the exact r x c test give up.
n=$((n+1))
if ! FISHER_MAX_BYTES=1 "$prog" 22,12 5,4 1,3 > "$tmp/got" 2> "$tmp/err"; then
  echo "monte carlo: failed:"; cat "$tmp/err"; fail=1
elif ! grep -qx 'fisher_method	monte-carlo' "$tmp/got" ||
     ! awk -F'\t' '$1 == "fisher_p" { d = $2 - 0.334510146; ok = d < 0.01 && d > -0.01 }
       END { exit !ok }' "$tmp/got"; then
  echo "monte carlo: want fisher_method monte-carlo and p within 0.01 of 0.3345:"
  cat "$tmp/got"; fail=1
fi
n=$((n+1))
set +e; FISHER_MAX_BYTES=lots "$prog" 22,12 5,4 1,3 > "$tmp/got" 2> "$tmp/err"; st=$?; set -e
if [ "$st" != 1 ] || [ -s "$tmp/got" ]; then
  echo "bad FISHER_MAX_BYTES: exit status $st (want 1), stdout:"; cat "$tmp/got"; fail=1
fi

# A time limit: the 3 x 3 table with n = 4975 needs far more than 1 ms exact,
# so the p-value is a Monte Carlo estimate; bad values are bad input.
n=$((n+1))
if ! FISHER_MAX_SECONDS=0.001 "$prog" 765,765,765 765,765,765 363,11,11 \
     > "$tmp/got" 2> "$tmp/err"; then
  echo "time limit: failed:"; cat "$tmp/err"; fail=1
elif ! grep -qx 'fisher_method	monte-carlo' "$tmp/got"; then
  echo "time limit: want fisher_method monte-carlo:"; cat "$tmp/got"; fail=1
fi
for v in abc -1 nan inf 1e999; do
  n=$((n+1))
  set +e; FISHER_MAX_SECONDS=$v "$prog" 22,12 5,4 1,3 > "$tmp/got" 2> "$tmp/err"
  st=$?; set -e
  if [ "$st" != 1 ] || [ -s "$tmp/got" ]; then
    echo "bad FISHER_MAX_SECONDS=$v: exit status $st (want 1), stdout:"
    cat "$tmp/got"; fail=1
  fi
done

# --max-seconds overrides the variable (even a bad one); a bad value is a
# usage error.
n=$((n+1))
if ! FISHER_MAX_SECONDS=abc "$prog" --max-seconds=0.001 765,765,765 765,765,765 \
     363,11,11 > "$tmp/got" 2> "$tmp/err"; then
  echo "--max-seconds: failed:"; cat "$tmp/err"; fail=1
elif ! grep -qx 'fisher_method	monte-carlo' "$tmp/got"; then
  echo "--max-seconds: want fisher_method monte-carlo:"; cat "$tmp/got"; fail=1
fi
bad "bad --max-seconds" 2 --max-seconds=-1 1,2,3 4,5,6
bad "empty --max-seconds" 2 --max-seconds= 1,2,3 4,5,6

# The default time limit (10 s): the 3 x 3 table below (n = 9900) runs for
# minutes exact; unlimited before, it must now fall back to Monte Carlo. Only
# checked when CHECK_SLOW is set (it takes about 11 s).
if [ -n "${CHECK_SLOW:-}" ]; then
  n=$((n+1))
  if ! "$prog" 1100,1100,1100 1100,1100,1100 300,1500,1300 > "$tmp/got" 2> "$tmp/err" ||
     ! grep -qx 'fisher_method	monte-carlo' "$tmp/got"; then
    echo "default limit: want monte-carlo:"; cat "$tmp/got" "$tmp/err"; fail=1
  fi
fi

# A 2 x 2 table too large for the exact test: the message names the table,
# not a limit the user never set.
n=$((n+1))
set +e; "$prog" 1000000000,1000000000 1000000000,1000000000 > "$tmp/got" 2> "$tmp/err"
st=$?; set -e
if [ "$st" != 1 ] || [ -s "$tmp/got" ] || grep -q 'caller' "$tmp/err" ||
   ! grep -q '2 x 2 table is too large' "$tmp/err"; then
  echo "huge 2 x 2: exit status $st (want 1), stderr:"; cat "$tmp/err"; fail=1
fi

# An empty row in a larger table is dropped, not an error.
n=$((n+1))
if ! "$prog" 1,2,3 0,0,0 4,5,6 > "$tmp/got" 2> "$tmp/err" ||
   ! grep -qx 'chisq_df	2' "$tmp/got" || [ -s "$tmp/err" ]; then
  echo "zero row in 3 x 3: want success with chisq_df 2, got:"; cat "$tmp/got" "$tmp/err"; fail=1
fi

bad "no rows" 2
bad "only options" 2 --alternative=less
bad "one row" 1 1,2
bad "empty row" 1 "" 1,2
bad "unequal rows" 1 1,2 3
bad "negative count" 1 1,-2 3,4
bad "negative first count" 1 -1,2 3,4
bad "non-integer count" 1 1,2.5 3,4
bad "letters" 1 1,x 3,4
bad "empty field" 1 1,,2 3,4,5
bad "trailing comma" 1 1,2, 3,4,5
bad "plus sign" 1 +1,2 3,4
bad "space" 1 "1, 2" 3,4
bad "count too large" 1 99999999999999999999,1 2,3
bad "total too large" 1 4294967295,1 1,1
bad "zero row" 1 0,0 3,4
bad "zero column" 1 1,0 3,0
bad "all zero" 1 0,0 0,0
bad "unknown option" 2 --foo 1,2 3,4
bad "unknown short option" 2 -x 1,2 3,4
bad "bad alternative" 2 --alternative=up 1,2 3,4
bad "one-sided r x c" 1 --alternative=less 1,2 3,4 5,6
bad "negative count in r x c" 1 1,2,3 4,-5,6
bad "unequal rows in r x c" 1 1,2,3 4,5,6 7,8
# Bad data in one row names its argument (argv index).
for c in "argument 2: count 2 is negative ('1,-2')|--alternative=less 1,-2 3,4" \
         "argument 1: count 2 is not a non-negative integer ('1,2.5')|1,2.5 3,4" \
         "argument 2: row 2 has 1 counts, row 1 has 2|1,2 3" \
         "argument 3: row 2 is empty|-- 1,2 ''"; do
  n=$((n+1))
  want="surv-fisher: ${c%%|*}"
  eval "set -- ${c#*|}"
  "$prog" "$@" > /dev/null 2> "$tmp/err" || :
  grep -Fqx "$want" "$tmp/err" || { echo "fisher $*: want '$want', got:"; cat "$tmp/err"; fail=1; }
done
# Usage errors: message and usage line on stderr; --help and --version on
# stdout with exit 0.
n=$((n+1))
"$prog" --foo 1,2 3,4 > /dev/null 2> "$tmp/err" || :
grep -q '^usage: surv-fisher ' "$tmp/err" || { echo "fisher --foo: no usage line"; fail=1; }
n=$((n+1))
if ! "$prog" --version > "$tmp/got" 2> "$tmp/err" || [ -s "$tmp/err" ] ||
   ! grep -Eq '^surv-fisher \(libsurv [0-9]+\.[0-9]+\.[0-9]+\)$' "$tmp/got"; then
  echo "fisher --version: want 'surv-fisher (libsurv X.Y.Z)', exit 0"; fail=1
fi
[ $fail = 0 ] && echo "check-fisher-prog: $n cases pass"
exit $fail
