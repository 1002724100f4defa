#!/usr/bin/env bash
# The Debian package: cpack builds it from BUILD_DIR; it holds the stripped binary, the
# manual and the completions where Debian's tools look; lintian finds no error in it.
# Usage: test_package.sh BUILD_DIR
set -u
BUILD_DIR=$1
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
failed=0
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

cpack -G DEB --config "$BUILD_DIR/CPackConfig.cmake" -B "$SCRATCH" >"$SCRATCH/cpack.log" 2>&1 ||
  { cat "$SCRATCH/cpack.log"; echo "FAIL: cpack"; exit 1; }
deb=$(ls "$SCRATCH"/showup_*.deb)
echo "package: $(basename "$deb"), $(du -k "$deb" | cut -f1) kB"
dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$SCRATCH/files"
for f in /usr/bin/showup /usr/share/man/man1/showup.1.gz \
         /usr/share/bash-completion/completions/showup /usr/share/zsh/vendor-completions/_showup \
         /usr/share/fish/vendor_completions.d/showup.fish /usr/share/doc/showup/copyright \
         /usr/share/doc/showup/changelog.gz; do
  grep -qxF "$f" "$SCRATCH/files" || bad "the package lacks $f"
done
dpkg-deb -x "$deb" "$SCRATCH/root"
readelf -S "$SCRATCH/root/usr/bin/showup" | grep -q '\.symtab' && bad "the packaged binary is not stripped"
"$SCRATCH/root/usr/bin/showup" --version | grep -q "^showup " || bad "the packaged binary does not run"
depends=$(dpkg-deb --field "$deb" Depends)
if readelf -l "$SCRATCH/root/usr/bin/showup" | grep -q 'INTERP'; then
  # Linked with shared libraries (SHOWUP_STATIC_RUNTIME off): dpkg-shlibdeps names them.
  echo "$depends" | grep -q 'libc6' || bad "Depends lacks libc6: $depends"
else
  # One static PIE (the default): it needs the zones' files and nothing else.
  [ "$depends" = tzdata ] || bad "Depends of a static binary is not tzdata alone: $depends"
fi

if command -v lintian >/dev/null; then
  # Errors fail; warnings and notes are shown.
  lintian --fail-on error --tag-display-limit 0 --display-info "$deb" >"$SCRATCH/lintian" 2>&1 ||
    bad "lintian: $(grep -c '^E:' "$SCRATCH/lintian") errors"
  cat "$SCRATCH/lintian"
elif [ "${CI:-}" = true ]; then
  bad "lintian is not installed (the test command installs it)"
else
  echo "skipped: lintian is not installed"
  [ "$failed" -eq 0 ] && exit 77
fi
echo "package: $failed failed"
[ "$failed" -eq 0 ]
