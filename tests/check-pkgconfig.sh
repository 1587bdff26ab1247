#!/bin/sh
# A program links against the build tree through the uninstalled libsurv.pc
# (with its prefix pointed at a staged install of this build).
set -eu
tmp=${TMPDIR:-/tmp}/surv-pc.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
make -C "$top_builddir" install DESTDIR="$tmp/root" prefix=/usr/local >/dev/null
pcdir="$tmp/root/usr/local/lib/pkgconfig"
sed -i "s|^prefix=.*|prefix=$tmp/root/usr/local|" "$pcdir/libsurv.pc"
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
$CC "$tmp/t.c" -o "$tmp/t" $flags
LD_LIBRARY_PATH="$tmp/root/usr/local/lib" "$tmp/t"
# The installed tree has the headers and man pages.
test -f "$tmp/root/usr/local/include/surv.h"
test -f "$tmp/root/usr/local/include/surv/version.h"
test -f "$tmp/root/usr/local/share/man/man3/libsurv.3"
echo "check-pkgconfig: linked with: $flags"
