#!/bin/sh
# A program whose output cannot be written says so and fails: with standard
# output on /dev/full (disk full) or on a pipe whose reader has gone (the
# programs ignore SIGPIPE and report EPIPE), every program run on valid
# input, and with --help and --version, exits 1 with one line on stderr,
# "surv-PROG: cannot write standard output: REASON". mdrt's exit 0 means
# "every published figure matches", so it must never be 0 here.
set -u
tmp=${TMPDIR:-/tmp}/surv-writefail.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
ex="${surv_bindir:-$top_builddir/examples}"
data="$top_srcdir/examples/data"
fail=0
n=0
bad() {
  echo "FAIL: $*"
  fail=1
}

printf 'time,status,group,x\n1,1,1,0.5\n2,0,2,1.5\n3,1,1,0.2\n4,1,2,2.5\n5,0,1,1.1\n6,1,2,0.7\n7,1,1,1.9\n8,0,2,0.3\n' >"$tmp/d.csv"
# an IPD click file: time, survival
printf 'time,surv\n0,1\n1,0.9\n2,0.8\n3,0.6\n4,0.5\n' >"$tmp/clicks.csv"
# an audit: arms, and figures that all match (exit 0 when written)
printf 'time,status,arm\n1,1,a\n2,0,a\n3,1,b\n4,1,b\n' >"$tmp/arms.csv"
printf 'count a patients 2\nmedian b 3.5\np-value a vs b >0.01\n' >"$tmp/figs.txt"

# The runs: PROG ARGS... (each writes at least one line on valid input);
# "runs data-only" leaves out --help and --version.
runs() {
  run km "$tmp/d.csv"
  run km --quantiles "$tmp/d.csv"
  run logrank "$tmp/d.csv"
  run km --summary --group=group "$tmp/d.csv"
  run cif --group=group "$tmp/d.csv"
  run cif --test --group=group "$tmp/d.csv"
  run cif --at=1,5 "$tmp/d.csv"
  run km --svg="$tmp/km.svg" --group=group "$tmp/d.csv"
  run cif --svg="$tmp/cif.svg" --group=group "$tmp/d.csv"
  run propci 3 10
  run fisher 3,1 1,3
  run fisher 3,1,2 1,3,4
  run power logrank --hr=0.7 --power=0.8
  run mh 16,11,5,20 12,16,7,19
  run mh --exact 0,6,0,5 3,3,0,6
  run mdrt "$data/mdrt_cohort.csv"
  run mdrt-gen
  run survreg "$tmp/d.csv" x
  run cox "$tmp/d.csv" x
  run cox --summary "$tmp/d.csv" x
  run cox --residuals=martingale "$tmp/d.csv" x
  run cox --zph "$tmp/d.csv" x
  run ipd --total=20 "$tmp/clicks.csv"
  run audit "$tmp/arms.csv" "$tmp/figs.txt"
  [ "${1-}" = data-only ] && return
  for p in km logrank cif propci fisher mh power mdrt mdrt-gen survreg cox ipd audit; do
    run "$p" --help
    run "$p" --version
  done
}

# check ID REASON: the run's status file and stderr.
check() {
  st=$(cat "$tmp/st")
  n=$((n + 1))
  if [ "$st" != 1 ]; then
    bad "$1: exit status $st, want 1"
  elif [ "$(wc -l <"$tmp/err")" != 1 ] ||
    ! grep -q "^surv-[a-z-]*: cannot write standard output: $2\$" "$tmp/err"; then
    bad "$1: stderr is not one 'cannot write standard output: $2' line:"
    head -n 3 "$tmp/err"
  fi
}

if [ -w /dev/full ]; then
  run() {
    p=$1
    shift
    "$ex/surv-$p" "$@" >/dev/full 2>"$tmp/err"
    echo $? >"$tmp/st"
    check "$p $* >/dev/full" 'No space left on device'
  }
  runs
else
  echo "check-writefail: no /dev/full, disk-full runs skipped"
fi

# A closed pipe, made without a race: open a FIFO for reading and writing,
# open it again for writing only, close the reader (opening a FIFO read-write
# is Linux behaviour; elsewhere these runs are skipped).
mkfifo "$tmp/fifo" 2>/dev/null && (exec 3<>"$tmp/fifo") 2>/dev/null &&
  pipe_ok=1 || pipe_ok=0
if [ $pipe_ok = 1 ]; then
  run() {
    p=$1
    shift
    (
      exec 3<>"$tmp/fifo" 4>"$tmp/fifo" 3<&-
      "$ex/surv-$p" "$@" >&4 2>"$tmp/err"
      echo $? >"$tmp/st"
    )
    check "$p $* | (closed)" 'Broken pipe'
  }
  runs data-only
else
  echo "check-writefail: no read-write FIFO, closed-pipe runs skipped"
fi

[ $fail = 0 ] && echo "check-writefail: $n runs failed cleanly"
exit $fail
