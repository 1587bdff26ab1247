#!/bin/sh
# lib/ never prints, aborts, exits, asserts on input or touches GSL's global
# error handler; it has no mutable static state (checked with nm on the
# objects: no writable data or bss symbols).
set -eu
cd "$top_srcdir"
fail=0
if grep -nE '\b(printf|fprintf|puts|fputs|perror|abort|exit|_Exit|gsl_set_error_handler|gsl_set_error_handler_off|signgam|lgamma|strtok|rand|srand|setlocale)[[:space:]]*\(' lib/*.c lib/*.h; then
  echo "forbidden call in lib/ (see STYLE.md: the library never prints, aborts, exits or changes GSL's handler)"; fail=1
fi
cd "$OLDPWD"
for o in "$top_builddir"/lib/.libs/*.o "$top_builddir"/lib/*.o; do
  [ -f "$o" ] || continue
  # d/D = initialised writable data, b/B = bss: mutable static or global state.
  if nm "$o" | awk '$(NF-1) ~ /^[dDbB]$/ {print; found=1} END {exit !found}'; then
    echo "mutable static/global data in $o (the library must have no hidden state)"; fail=1
  fi
done
[ $fail = 0 ] && echo "check-hygiene: lib/ clean"
exit $fail
