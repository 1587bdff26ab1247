#!/bin/sh
# A program links against a staged install of this build through its
# installed libsurv.pc, whatever the configured directories are (the Debian
# build uses a multiarch libdir such as /usr/lib/x86_64-linux-gnu): the .pc
# file is found in the stage and its directories are moved under it.
set -eu
tmp=${TMPDIR:-/tmp}/surv-pc.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
root="$tmp/root"
# what a program linking libsurv needs (the whole install, programs
# included, is exercised by .ci/run and make distcheck)
make -C "$top_builddir" install-libLTLIBRARIES install-includeHEADERS \
  install-survincludeHEADERS install-nodist_survincludeHEADERS \
  install-pkgconfigDATA install-man3 DESTDIR="$root" >/dev/null
pc=$(find "$root" -name libsurv.pc -type f | head -n 1)
[ -n "$pc" ] || { echo "check-pkgconfig: no libsurv.pc installed under $root" >&2; exit 1; }
# prefix=/usr/local -> prefix=$root/usr/local; an absolute libdir or
# includedir (not written in terms of ${prefix}) is moved the same way.
sed -i -e "s|^prefix=|prefix=$root|" \
  -e "s|^exec_prefix=/|exec_prefix=$root/|" \
  -e "s|^libdir=/|libdir=$root/|" \
  -e "s|^includedir=/|includedir=$root/|" "$pc"
pcdir=$(dirname "$pc")
cat > "$tmp/t.c" <<'C'
#include <stdio.h>
#include <surv.h>
int main(void) {
  if (surv_strerror(SURV_ENULL)[0] == '\0') return 1;
  printf("libsurv %s\n", surv_version());
  return 0;
}
C
flags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs libsurv)
libdir=$(PKG_CONFIG_PATH="$pcdir" pkg-config --variable=libdir libsurv)
incdir=$(PKG_CONFIG_PATH="$pcdir" pkg-config --variable=includedir libsurv)
$CC "$tmp/t.c" -o "$tmp/t" $flags
LD_LIBRARY_PATH="$libdir" "$tmp/t"
# The installed tree has the headers and man pages.
test -f "$incdir/surv.h"
test -f "$incdir/surv/version.h"
test -n "$(find "$root" -path '*/man3/libsurv.3' -type f)"
echo "check-pkgconfig: linked with: $flags"
