#!/bin/sh
# Program rows of the bad-input catalogue (libsurv-errors(7)), from
# tests/badinput-cases.sh: each row's exit status; on exit 1 exactly one line
# on stderr, "PROG: FILE:LINE: message" (or "PROG: FILE: message" when no
# line applies, "PROG: argument K: message" for bad command-line data) and
# nothing on stdout; on exit 2 a message and the usage line ("usage: PROG")
# on stderr and nothing on stdout; on exit 0 output and an empty stderr
# (--help: the usage line on stdout; --version: "PROG (libsurv VERSION)").
# A crash (signal) always fails, and so does a row whose program is missing.
set -u
tmp=${TMPDIR:-/tmp}/surv-badinput.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/badinput-cases.sh"
fail=0; n=0

bi_run() {
  id=$1; prog=surv-$2; want=$3; in=$4; shift 4
  exe="${surv_bindir:-$top_builddir/examples}/$prog"
  n=$((n + 1))
  if [ ! -x "$exe" ]; then echo "FAIL: $id: $exe not built"; fail=1; return; fi
  if [ "$in" = - ]; then
    "$exe" "$@" < /dev/null > "$tmp/out" 2> "$tmp/err"; st=$?
  else
    "$exe" "$@" < "$in" > "$tmp/out" 2> "$tmp/err"; st=$?
  fi
  why=
  if [ "$st" != "$want" ]; then why="exit status $st, want $want"
  else
    case $want in
    0) [ -s "$tmp/err" ] && why="stderr not empty"
       [ -s "$tmp/out" ] || why="no output"
       case " $* " in
       *" --help "*) grep -q "^usage: $prog " "$tmp/out" ||
                       why="--help: no 'usage: $prog' line on stdout" ;;
       *" --version "*) grep -Eq "^$prog \(libsurv [0-9]" "$tmp/out" ||
                          why="--version: want '$prog (libsurv VERSION)'" ;;
       esac ;;
    1) [ -s "$tmp/out" ] && why="output on stdout despite the error"
       lines=$(wc -l < "$tmp/err")
       [ "$lines" = 1 ] || why="$lines lines on stderr, want 1"
       grep -Eq "^$prog: [^ ]" "$tmp/err" || why="message not '$prog: ...'"
       # Programs reading a file name it: "prog: FILE:LINE: message" (a
       # program reading two, as surv-audit, names the one at fault; a figure
       # that cannot be written is named too).
       files=
       for a in "$@"; do case $a in
         --svg=*) files="$files ${a#--svg=}" ;; # a figure that cannot be written
         *.csv|*.txt) files="$files $a" ;; esac; done
       [ "$in" != - ] && files='<stdin>'
       named=
       for f in $files; do grep -Fq "$prog: $f:" "$tmp/err" && named=1; done
       if [ -n "$files" ] && [ -z "$named" ]; then
         why="message not '$prog: FILE:LINE: message' (FILE one of:$files)"
       fi ;;
    2) [ -s "$tmp/out" ] && why="output on stdout despite a usage error"
       grep -q "^usage: $prog " "$tmp/err" || why="no 'usage: $prog' line"
       grep -q "^$prog: " "$tmp/err" || why="no '$prog: message' line" ;;
    esac
  fi
  if [ -n "$why" ]; then
    echo "FAIL: $id: $why"; head -3 "$tmp/err"; fail=1
  fi
}

bi_make_inputs
bi_cases
echo "check-badinput: $n program rows checked"
exit $fail
