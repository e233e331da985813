#!/bin/sh
# The Debian package CPack makes from this build: its control fields and its files.
# usage: package_test.sh BUILD_DIR
# Exit 77 (skipped) without dpkg-deb.
set -eu
build=$1
command -v dpkg-deb >/dev/null || { echo "skipped: dpkg-deb is not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build" && cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/lafita_*.deb)
echo "package: $(basename "$deb")"
dpkg-deb --info "$deb" >"$work/info"
dpkg-deb --contents "$deb" >"$work/contents"
dpkg-deb --ctrl-tarfile "$deb" | tar -x -O ./conffiles >"$work/conffiles"
failed=0
expect() {  # expect FILE PATTERN WHAT
  if grep -qE "$2" "$1"; then echo "ok: $3"; else echo "FAILED: $3 (no /$2/ in $(basename "$1"))"; failed=1; fi
}
arch=${LAFITA_DEB_ARCHITECTURE:-$(dpkg --print-architecture)}
expect "$work/info" "^ Package: lafita$" "named lafita"
expect "$work/info" "^ Architecture: $arch$" "architecture $arch"
for dep in libsdl2-2.0-0 libharfbuzz0b libfribidi0 'libicu72' libfreetype6 libfontconfig1 libpng16-16 libqrencode4 \
           libcurl4 libxml2 'libical3' libtomlplusplus3 fonts-noto-core fonts-dejavu-core systemd; do
  expect "$work/info" "^ Depends:.*$dep" "depends on $dep"
done
expect "$work/contents" " \./usr/bin/lafita$" "the program in /usr/bin"
expect "$work/contents" " \./usr/lib/systemd/system/lafita\.service$" "the systemd unit"
expect "$work/contents" " \./usr/lib/sysusers\.d/lafita\.conf$" "the sysusers file"
expect "$work/contents" " \./etc/lafita/lafita\.toml$" "the example configuration"
expect "$work/conffiles" "^/etc/lafita/lafita\.toml$" "the configuration is a conffile"
dpkg-deb --fsys-tarfile "$deb" | tar -x -O ./usr/lib/systemd/system/lafita.service >"$work/unit"
expect "$work/unit" "^ExecStart=/usr/bin/lafita --config /etc/lafita/lafita.toml" "the unit starts /usr/bin/lafita"
exit $failed
