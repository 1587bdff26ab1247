#!/bin/sh
# examples/surv-propci: exact output for 28 of 47 at the default 95% and at
# --conf-level=0.9 (numbers compared at 1e-10 relative with the R values of
# tests/fixtures/prop_ci.tsv and prop_binom_test.tsv), and every error path:
# bad input exits 1 with one line on stderr, usage errors exit 2, and nothing
# reaches stdout on error.
set -eu
prog="${surv_bindir:-$top_builddir/examples}/surv-propci"
tmp=${TMPDIR:-/tmp}/surv-propci.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
fail=0

# compare NAME: got in $tmp/out, want in $tmp/want (same layout)
compare() {
  if ! awk -F'\t' -v name="$1" '
    NR == FNR { want[FNR] = $0; nw = FNR; next }
    {
      ng = FNR
      split(want[FNR], w, "\t")
      if (NF != length(w) + 0 || $1 != w[1]) { printf "%s line %d: got \"%s\", want \"%s\"\n", name, FNR, $0, want[FNR]; bad = 1; next }
      for (i = 2; i <= NF; i++) {
        if ($i !~ /^-?[0-9]/) { printf "%s line %d: not a number: %s\n", name, FNR, $i; bad = 1; continue }
        d = $i - w[i]; if (d < 0) d = -d
        s = w[i] < 0 ? -w[i] : w[i]
        if (d > 1e-10 * s && d > 0) { printf "%s line %d field %d: got %s, want %s\n", name, FNR, i, $i, w[i]; bad = 1 }
      }
    }
    END { if (ng != nw) { printf "%s: %d lines, want %d\n", name, ng, nw; bad = 1 }; exit bad }
  ' "$tmp/want" "$tmp/out"; then fail=1; fi
}

cat > "$tmp/want" <<'W'
wald	0.45544485877683105	0.73604450292529655
wilson	0.45342122950110958	0.72359965480791233
wilson-cc	0.44309025422199461	0.73287708883260916
agresti-coull	0.45324228131335975	0.72377860299566221
clopper-pearson	0.44266384248957319	0.73630755187495256
jeffreys	0.45319919189480806	0.72689662325154014
mid-p	0.45170317296785223	0.72830916187878281
logit	0.45145460917008545	0.72518452322912919
arcsine	0.45193720316933811	0.72889419060153715
likelihood	0.4531253219321173	0.72818365139850572
blaker	0.44576625139652043	0.72713284035748926
binom_test_p	0.24296021728332595
W
if "$prog" 28 47 > "$tmp/out" 2> "$tmp/err"; then
  compare "propci 28 47"
  [ -s "$tmp/err" ] && { echo "propci 28 47: unexpected stderr"; cat "$tmp/err"; fail=1; }
else
  echo "propci 28 47 failed"; cat "$tmp/err"; fail=1
fi

cat > "$tmp/want" <<'W'
wald	0.47800135851465697	0.71348800318747063
wilson	0.47592059512578316	0.70514572815688592
wilson-cc	0.46543017599755171	0.71472113473530541
agresti-coull	0.47580861334418145	0.7052577099384878
clopper-pearson	0.46537098403269461	0.71668456670671776
jeffreys	0.47598814833537689	0.70702207945888551
mid-p	0.4747194351856846	0.70824014146031933
logit	0.4747378178879389	0.7061308386123144
arcsine	0.47485527147125906	0.70822742719590548
likelihood	0.47603608399144209	0.70823092985901026
blaker	0.46771522392031334	0.71528905678349286
binom_test_p	0.24296021728332595
W
if "$prog" --conf-level=0.9 28 47 > "$tmp/out" 2> "$tmp/err"; then
  compare "propci --conf-level=0.9 28 47"
else
  echo "propci --conf-level=0.9 28 47 failed"; cat "$tmp/err"; fail=1
fi

# expect STATUS ARGS...: exit status, empty stdout, exactly one stderr line
expect() {
  want=$1; shift
  set +e
  "$prog" "$@" > "$tmp/out" 2> "$tmp/err"
  got=$?
  set -e
  if [ "$got" != "$want" ]; then echo "propci $*: exit $got, want $want"; fail=1; fi
  if [ -s "$tmp/out" ]; then echo "propci $*: wrote to stdout on error"; fail=1; fi
  if [ "$want" = 1 ] && [ "$(wc -l < "$tmp/err")" != 1 ]; then
    echo "propci $*: want one stderr line, got:"; cat "$tmp/err"; fail=1
  fi
  if [ ! -s "$tmp/err" ]; then echo "propci $*: no message on stderr"; fail=1; fi
}
expect 1 -1 5
expect 1 3 -5
expect 1 2.5 5
expect 1 2 5.0
expect 1 abc 5
expect 1 2 ''
expect 1 6 5
expect 1 0 0
expect 1 1 99999999999999999999999
expect 1 1 9007199254740993
# A bad option value is a usage error (exit 2), as in every program.
expect 2 --conf-level=1.5 1 2
expect 2 --conf-level=2 1 2
expect 2 --conf-level=0 1 2
expect 2 --conf-level=abc 1 2
expect 2 --conf-level= 1 2
expect 2 --conf-level=nan 1 2
expect 2
expect 2 5
expect 2 1 2 3
expect 2 --bogus 1 2
expect 2 -h
expect 2 --conf-level 1 2

# Bad data names its argument (argv index): "surv-propci: argument K: ...".
msg() {
  want=$1; shift
  "$prog" "$@" > /dev/null 2> "$tmp/err" || :
  if ! grep -Fqx "$want" "$tmp/err"; then
    echo "propci $*: want message '$want', got:"; cat "$tmp/err"; fail=1
  fi
}
msg "surv-propci: argument 1: X must be a non-negative integer, got 'abc'" abc 5
msg "surv-propci: argument 3: N must be a non-negative integer, got '-5'" --conf-level=0.9 1 -5
msg "surv-propci: argument 1: X (6) exceeds N (5)" 6 5
msg "surv-propci: argument 2: N must be at least 1" 0 0
msg "surv-propci: argument 2: N exceeds 2^53 = 9007199254740992: '9007199254740993'" 1 9007199254740993
# Usage errors print the usage line on stderr; --help prints it on stdout.
"$prog" --conf-level=2 1 2 > /dev/null 2> "$tmp/err" || :
grep -q '^usage: surv-propci ' "$tmp/err" || { echo "propci --conf-level=2: no usage line"; fail=1; }
if ! "$prog" --help > "$tmp/out" 2> "$tmp/err" || [ -s "$tmp/err" ] ||
   ! grep -q '^usage: surv-propci ' "$tmp/out"; then
  echo "propci --help: want the usage line on stdout, exit 0"; fail=1
fi
if ! "$prog" --version > "$tmp/out" 2> "$tmp/err" || [ -s "$tmp/err" ] ||
   ! grep -Eq '^surv-propci \(libsurv [0-9]+\.[0-9]+\.[0-9]+\)$' "$tmp/out"; then
  echo "propci --version: want 'surv-propci (libsurv X.Y.Z)', exit 0"; fail=1
fi
[ $fail = 0 ] && echo "check-propci-prog: output and error handling as expected"
exit $fail
