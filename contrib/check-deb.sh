#!/usr/bin/env bash
# Builds the .deb of a build folder with CPack and checks it: it installs with dpkg, `man -w`
# finds mgr(1), the completions are where the shells look, `mgr --version` runs, and removing
# it leaves none of its files behind.
#
#   contrib/check-deb.sh BUILD_DIR            into a private dpkg root inside BUILD_DIR (no root
#                                             needed; the system is not touched)
#   contrib/check-deb.sh BUILD_DIR --system   into the system itself, as root (CI's throwaway
#                                             machine): `dpkg -i`, then `dpkg -r`
set -euo pipefail
build=$(cd "${1:?usage: check-deb.sh BUILD_DIR [--system]}" && pwd)
mode=${2:-private}

rm -f "$build"/mgr_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/mgr_*.deb)
echo "built $(basename "$deb")"
dpkg-deb --field "$deb" Package Version Depends

expected=(usr/bin/mgr usr/share/man/man1/mgr.1 usr/share/bash-completion/completions/mgr
          usr/share/zsh/vendor-completions/_mgr usr/share/fish/vendor_completions.d/mgr.fish)
listing=$(dpkg-deb --contents "$deb")
for path in "${expected[@]}"; do
  grep -q " \./$path\$" <<<"$listing" || { echo "the package lacks /$path" >&2; exit 1; }
done

if [ "$mode" = "--system" ]; then
  root=/
  dpkg_run=(dpkg)
  # Minimal Debian images may exclude manual pages from installs; this one is the point.
  dpkg -i --path-include='/usr/share/man/man1/mgr.1*' "$deb"
  man_path=()
else
  root="$build/deb-root"
  rm -rf "$root"
  mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
  touch "$root/var/lib/dpkg/status"
  # An empty dpkg database knows none of the libraries, which the real system provides.
  dpkg_run=(dpkg --root="$root" --force-not-root --force-depends --log=/dev/null)
  if ! "${dpkg_run[@]}" -i "$deb" >"$build/deb-root.log" 2>&1; then
    cat "$build/deb-root.log" >&2
    exit 1
  fi
  man_path=(-M "$root/usr/share/man")
fi

prefix=${root%/}  # "" for the system, so that paths below read "$prefix/usr/..."
page=$(man -w "${man_path[@]}" mgr)
case "$page" in
  "$prefix"/usr/share/man/man1/mgr.1*) echo "man -w mgr: $page" ;;
  *) echo "man -w mgr found $page, not the installed page" >&2; exit 1 ;;
esac
version=$("$prefix/usr/bin/mgr" --version)
echo "$version"
grep -q "^mgr " <<<"$version" || { echo "mgr --version printed: $version" >&2; exit 1; }
installed=$("${dpkg_run[@]}" -L mgr)
for path in "${expected[@]}"; do
  [ -f "$prefix/$path" ] || { echo "/$path was not installed" >&2; exit 1; }
done

"${dpkg_run[@]}" -r mgr >/dev/null
left=()
while IFS= read -r path; do
  if [ -f "$prefix$path" ] || [ -L "$prefix$path" ]; then left+=("$path"); fi
done <<<"$installed"
if [ "${#left[@]}" -gt 0 ]; then
  echo "left behind after dpkg -r: ${left[*]}" >&2
  exit 1
fi
if "${dpkg_run[@]}" -s mgr 2>/dev/null | grep -q '^Status: install ok installed'; then
  echo "dpkg still lists mgr as installed" >&2
  exit 1
fi
echo "installed and removed cleanly ($mode)"
