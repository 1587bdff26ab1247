#!/bin/sh
# lib/ never prints, aborts, exits, asserts on input or touches GSL's global
# error handler; it has no mutable static, global or thread-local state.
# How "no global mutable state" is checked (tests/check_threads.c is the
# dynamic counterpart: 8 threads must reproduce the serial results bit for
# bit):
#  1. nm on every library object: no writable data (d/D), bss (b/B), common
#     (C), small data/bss (g/G/s/S) or GNU unique (u) symbols. This catches
#     globals, file-scope statics, static locals with or without initialiser
#     (they become symbols like "count.0") and arrays of non-const pointers.
#  2. No thread-local storage: no .tdata/.tbss sections in the objects and no
#     _Thread_local/__thread/thread_local in the sources (TLS would hide
#     per-thread state such as a "last error").
#  3. grep: no calls that print, abort or exit, change GSL's handler, or rely
#     on hidden global state in libc or GSL (lgamma's signgam, strtok, rand,
#     setlocale, strerror, localtime, getenv/setenv, fesetround, the GSL
#     generator defaults read from the environment).
#  4. GSL is reached through one file: lib/numerics.c is the only lib/ file
#     that includes a GSL header or calls a gsl_ function (each wrapper there
#     states the precondition that keeps GSL off its aborting error handler).
set -eu
cd "$top_srcdir"
fail=0
if grep -nE '\b(printf|fprintf|puts|fputs|perror|abort|exit|_Exit|gsl_set_error_handler|gsl_set_error_handler_off|signgam|lgamma|gamma|strtok|rand|srand|random|srandom|drand48|srand48|lrand48|setlocale|strerror|localtime|gmtime|ctime|asctime|getenv|setenv|putenv|fesetround|fesetenv|feupdateenv|signal|gsl_rng_env_setup|tmpnam|ecvt|fcvt|gcvt)[[:space:]]*\(' lib/*.c lib/*.h; then
  echo "forbidden call in lib/ (HACKING 1.5: the library never prints, aborts, exits, changes GSL's handler or uses hidden global state)"; fail=1
fi
if grep -nE '\bgsl_rng_default\b' lib/*.c lib/*.h; then
  echo "gsl_rng_default is a process-wide global: name the generator type explicitly"; fail=1
fi
if grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]gsl/' lib/*.c lib/*.h | grep -v '^lib/numerics\.c:'; then
  echo "a GSL header included outside lib/numerics.c (GSL is called only from the numerics layer)"; fail=1
fi
if grep -nE '\bgsl_[a-z0-9_]+[[:space:]]*\(' lib/*.c lib/*.h | grep -v '^lib/numerics\.c:' | grep -vE ':[0-9]+:[[:space:]]*(/\*|\*)'; then
  echo "a gsl_ call outside lib/numerics.c (GSL is called only from the numerics layer)"; fail=1
fi
if grep -nE '\b(_Thread_local|__thread|thread_local)\b' lib/*.c lib/*.h; then
  echo "thread-local storage in lib/ (hidden per-thread state)"; fail=1
fi
cd "$OLDPWD"
# every object in one nm and one readelf run (nm -A and readelf's "File:"
# lines name the object of each finding)
nobj=0
set --
for o in "$top_builddir"/lib/.libs/*.o "$top_builddir"/lib/*.o; do
  [ -f "$o" ] || continue
  nobj=$((nobj + 1))
  set -- "$@" "$o"
done
if [ $nobj = 0 ]; then
  echo "no library objects found under $top_builddir/lib: build first"; fail=1
else
  if nm -A "$@" | awk '$(NF-1) ~ /^[dDbBCgGsSu]$/ {print; found=1} END {exit !found}'; then
    echo "mutable static/global data in the objects above (the library must have no hidden state)"; fail=1
  fi
  if command -v readelf >/dev/null 2>&1 &&
     readelf -SW "$@" | awk '/^File: / {f = $2} /\.t(data|bss)/ {print f ": " $0; found=1} END {exit !found}'; then
    echo "thread-local storage in the objects above"; fail=1
  fi
fi
[ $fail = 0 ] && echo "check-hygiene: lib/ clean ($nobj objects)"
exit $fail
