#!/bin/bash
# Runs every example program (examples/surv-km, surv-fisher, surv-propci,
# surv-mdrt, surv-logrank, ...) on the valid and invalid inputs of the bad-input
# catalogue (tests/badinput-cases.sh) under valgrind; any valgrind error
# (invalid access, uninitialised value, definite or indirect leak) fails.
# Run by .ci/run from the top of a built tree, not by make check:
#   top_srcdir=. top_builddir=. bash tests/valgrind-examples.sh
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
command -v valgrind >/dev/null 2>&1 || { echo "valgrind-examples: valgrind not found"; exit 1; }
tmp=${TMPDIR:-/tmp}/surv-valgrind.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/badinput-cases.sh"
libtool="$top_builddir/libtool"
fail=0; n=0; progs=

bi_run() {
  id=$1; prog=surv-$2; want=$3; in=$4; shift 4
  exe="$top_builddir/examples/$prog"
  if [ ! -x "$exe" ]; then echo "FAIL: $id: $exe not built"; fail=1; return; fi
  case " $progs " in *" $prog "*) ;; *) progs="$progs $prog" ;; esac
  n=$((n + 1))
  [ "$in" = - ] && in=/dev/null
  "$libtool" --mode=execute valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --log-file="$tmp/vg" \
    "$exe" "$@" < "$in" > /dev/null 2> "$tmp/err"
  st=$?
  if [ "$st" = 99 ] || [ -s "$tmp/vg" ]; then
    echo "FAIL: $id: valgrind reported errors:"; head -30 "$tmp/vg"; fail=1
  elif [ "$st" != "$want" ]; then
    echo "FAIL: $id: exit status $st, want $want"; head -3 "$tmp/err"; fail=1
  fi
}

bi_make_inputs
bi_cases
echo "valgrind-examples: $n runs of${progs:- no programs} under valgrind, $([ $fail = 0 ] && echo 'no errors' || echo 'ERRORS')"
exit $fail
