#!/bin/bash
# The .deb and the Ansible playbook on a fresh Debian 12, made with mmdebstrap from this
# machine's Debian mirror (the test needs it, and root for chroot):
#  1. The package installs with apt, which brings what it depends on: the lafita user is
#     in the DRM and input groups, the unit is enabled, the installed example passes
#     check-config, and the installed program, as configured, draws the sample's slides
#     (its libraries and fonts are all there; a fresh install plays the sample). Purged, its program, configuration and enablement go.
#  2. deploy/ansible/site.yml, over Ansible's chroot connection, installs it again and
#     writes the configuration from variables (Arabic text, a rotation, a schedule with a
#     power command, a feed with a token kept readable by root and lafita only); lafita
#     accepts the file; the service is enabled. A second run changes nothing. A run with
#     a rotation of 45 fails at the check, and the screen keeps its configuration.
# usage: chroot_install_test.sh BUILD_DIR SOURCE_DIR
# Exit 77 (skipped) when not root or without mmdebstrap, ansible-playbook or dpkg-deb.
set -eu
build=$1
source_dir=$2
[ "$(id -u)" -eq 0 ] || { echo "skipped: chroot needs root"; exit 77; }
for tool in mmdebstrap ansible-playbook dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed (scripts/install-deps)"; exit 77; }
done

work=$(mktemp -d)
root=$work/screen
cleanup() {
  # apt and ansible may leave these mounted; never delete through a mount.
  for mount in proc sys dev; do umount -l "$root/$mount" 2>/dev/null || true; done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
failed=0
check() {  # check WHAT COMMAND...
  local what=$1
  shift
  if "$@" >/dev/null 2>&1; then echo "ok: $what"; else echo "FAILED: $what"; failed=1; fi
}

(cd "$build" && cpack -G DEB -B "$work/packages" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/packages/lafita_*.deb)
rm -rf "$work/packages/_CPack_Packages"
echo "package: $(basename "$deb")"

# The machine's own mirror and suites (bookworm, its updates and security), so the
# versions match those the package was built against.
sources=/etc/apt/sources.list.d/debian.sources
[ -f "$sources" ] || sources=/etc/apt/sources.list
mmdebstrap --quiet --variant=apt --include=python3,python3-apt,systemd bookworm "$root" "$sources" \
  || { echo "FAILED: mmdebstrap could not make a Debian 12 tree from $sources"; exit 1; }
echo "a Debian 12 tree: $(du -sh "$root" | cut -f1)"

echo "1. apt installs the package"
cp "$deb" "$root/tmp/"
in_root apt-get update -q >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; echo "FAILED: apt-get update"; exit 1; }
in_root apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" >"$work/apt.log" 2>&1 \
  || { tail -n 30 "$work/apt.log"; echo "FAILED: apt-get install"; exit 1; }
check "dpkg says lafita is installed" sh -c "chroot '$root' dpkg-query -W -f='\${Status}' lafita | grep -qx 'install ok installed'"
check "the lafita user is in video, render and input" \
  sh -c "chroot '$root' id -nG lafita | tr ' ' '\n' | sort | tr '\n' ' ' | grep -qx 'input lafita render video '"
check "the unit is enabled" test -L "$root/etc/systemd/system/multi-user.target.wants/lafita.service"
check "the installed example passes check-config" in_root /usr/bin/lafita check-config /etc/lafita/lafita.toml
# A fresh install plays the sample: the installed configuration names no feed.
in_root /usr/bin/lafita snapshot --size 640x360 --out /tmp/slides >"$work/snapshot.log" 2>&1 || true
check "the installed program, as configured, draws the sample's 8 slides" \
  test "$(ls "$root"/tmp/slides/slide-*.png 2>/dev/null | wc -l)" -eq 8
[ "$failed" -eq 0 ] || cat "$work/snapshot.log"
in_root apt-get purge -y -q lafita >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; echo "FAILED: apt-get purge"; exit 1; }
check "purged: no program" test ! -e "$root/usr/bin/lafita"
check "purged: no configuration" test ! -e "$root/etc/lafita/lafita.toml"
check "purged: not enabled" test ! -e "$root/etc/systemd/system/multi-user.target.wants/lafita.service"

echo "2. the playbook"
playbook=$source_dir/deploy/ansible/site.yml
cat >"$work/vars.yml" <<'EOF'
lafita_display: {rotation: 90, safe_area: [0, 24, 0, 24]}
lafita_locale: {organization: "بلدية المدينة \"الكبرى\"", time_zone: Asia/Riyadh, numerals: arabic-indic}
lafita_slides: {min_dwell: 6, transition: crossfade}
lafita_schedule: {sunday: "off", monday: "07:30-19:00", power_off: ["/usr/bin/true"]}
lafita_feeds:
  news: {url: "https://baladiya.example/feed/", refresh: 120, language: ar}
  council: {url: "https://baladiya.example/council.ics", priority: 1, token: s3cret-token}
EOF
printf '[screens]\nscreen ansible_host=%s ansible_connection=community.general.chroot\n' "$root" >"$work/inventory.ini"
# play LOG [EXTRA ARGUMENTS]: the playbook on the chroot, with the variables above.
play() {
  local log=$1
  shift
  # The chroot connection passes the environment in: a TMPDIR the tree has (ctest's is not).
  TMPDIR=/tmp ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ansible-playbook -i "$work/inventory.ini" \
    -e "lafita_package_dir=$work/packages" -e "@$work/vars.yml" "$@" "$playbook" >"$log" 2>&1
}
play "$work/play1.log" || { cat "$work/play1.log"; echo "FAILED: the playbook"; exit 1; }
config=$root/etc/lafita/lafita.toml
check "the playbook installed the package" test -x "$root/usr/bin/lafita"
check "lafita accepts the written configuration, with both feeds" \
  sh -c "chroot '$root' /usr/bin/lafita check-config /etc/lafita/lafita.toml | grep -q 'valid: 2 feeds'"
check "the rotation is written" grep -qx 'rotation = 90' "$config"
check "Arabic and quotes are written as TOML strings" grep -qxF 'organization = "بلدية المدينة \"الكبرى\""' "$config"
check "the power command is written as an array" grep -qxF 'power_off = ["/usr/bin/true"]' "$config"
check "the token is not in the configuration" sh -c "test -f '$config' && ! grep -q s3cret-token '$config'"
check "the configuration names the token's file" grep -qxF 'token_file = "/etc/lafita/tokens/council"' "$config"
check "the token file holds the token" grep -qx 's3cret-token' "$root/etc/lafita/tokens/council"
check "the token file is root:lafita 640" \
  sh -c "[ \"\$(chroot '$root' stat -c '%U:%G %a' /etc/lafita/tokens/council)\" = 'root:lafita 640' ]"
check "the configuration is root:lafita 640" \
  sh -c "[ \"\$(chroot '$root' stat -c '%U:%G %a' /etc/lafita/lafita.toml)\" = 'root:lafita 640' ]"
check "the service is enabled" test -L "$root/etc/systemd/system/multi-user.target.wants/lafita.service"

play "$work/play2.log" || { cat "$work/play2.log"; echo "FAILED: the playbook's second run"; exit 1; }
check "a second run changes nothing" grep -qE 'changed=0 .*failed=0' "$work/play2.log"
[ "$failed" -eq 0 ] || cat "$work/play2.log"

before=$(sha256sum "$config")
if play "$work/play3.log" -e '{"lafita_display": {"rotation": 45}}'; then
  echo "FAILED: a rotation of 45 was accepted"
  failed=1
else
  check "a rotation of 45 stops at lafita's check, which names the key" \
    grep -q 'display.rotation: expected 0, 90, 180 or 270 (degrees clockwise), got 45' "$work/play3.log"
fi
check "the screen keeps its configuration" test "$(sha256sum "$config")" = "$before"
exit $failed
