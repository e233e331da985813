#!/bin/bash
# QR codes read back the way a phone would: `lafita snapshot` (the real program) of the items
# in tests/data/qr/linked-items.json, each PNG decoded with zbarimg (zbar-tools), and the
# text it finds compared with the item's link, byte for byte:
#  1. 1920x1080: an Arabic item, an English item and a 480-byte link (smaller modules), each
#     read exactly; the javascript: link's slide has no code, and one warning names it.
#  2. 1280x720, and a screen on its side (--rotation 90, the picture turned), read the same.
#  3. --qr off: no code on any slide.
# usage: qr_scan_test.sh path/to/lafita path/to/tests/data
# Exit 77 (skipped) when zbarimg is missing. (zbarimg's own complaint that it finds no D-Bus
# goes to a file, shown when a check fails.)
set -eu
lafita=$1
data=$2
emulator=${LAFITA_EMULATOR:-}  # cross builds run the target's program through qemu
command -v zbarimg >/dev/null || { echo "skipped: zbarimg is not installed (zbar-tools, scripts/install-deps)"; exit 77; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feed=$data/qr/linked-items.json
: >"$work/empty.toml"  # keeps /etc/lafita/lafita.toml out
# The links as the fixture states them, in the order the items play (their priorities).
mapfile -t links < <(sed -n 's/^ *"url": "\(.*\)",$/\1/p' "$feed")
[ "${#links[@]}" -eq 4 ] || { echo "FAIL: expected 4 links in $feed, read ${#links[@]}"; exit 1; }
failures=0

# snapshot NAME OPTIONS...: the slides in $work/NAME, what lafita said in $work/NAME.err.
snapshot() {
  local name=$1
  shift
  $emulator "$lafita" snapshot --config "$work/empty.toml" --feed "$feed" --time 2024-10-14T09:30:00Z \
    --out "$work/$name" "$@" >"$work/$name.out" 2>"$work/$name.err" ||
    { echo "FAIL: lafita snapshot $* exited $?:"; cat "$work/$name.err"; exit 1; }
}

# expect_code FILE LINK: zbarimg finds exactly one code in FILE and it says LINK.
expect_code() {
  local found status=0
  found=$(zbarimg --raw -q "$1" 2>"$work/zbarimg.err") || status=$?
  if [ "$status" -ne 0 ] || [ "$found" != "$2" ]; then
    echo "FAIL: $1: expected the code to say '$2', zbarimg (status $status) read '$found'"
    cat "$work/zbarimg.err"
    failures=$((failures + 1))
  else
    echo "ok: $1 reads ${2:0:60}"
  fi
}

# expect_no_code FILE: zbarimg finds nothing (its status 4).
expect_no_code() {
  local found status=0
  found=$(zbarimg --raw -q "$1" 2>"$work/zbarimg.err") || status=$?
  if [ "$status" -ne 4 ]; then
    echo "FAIL: $1: expected no code, zbarimg (status $status) read '$found'"
    cat "$work/zbarimg.err"
    failures=$((failures + 1))
  else
    echo "ok: $1 has no code"
  fi
}

snapshot landscape --size 1920x1080
for i in 0 1 2; do expect_code "$work/landscape/slide-0$((i + 1)).png" "${links[$i]}"; done
expect_no_code "$work/landscape/slide-04.png"
[ -f "$work/landscape/slide-05.png" ] && { echo "FAIL: more than 4 slides"; failures=$((failures + 1)); }
warnings=$(grep -c "no QR code for its link" "$work/landscape.err" || true)
if [ "$warnings" -ne 1 ] || ! grep -q "item 'qr-hostile-link': no QR code for its link: not an http:// or https:// link" "$work/landscape.err"; then
  echo "FAIL: expected one warning about the javascript: link, got:"
  cat "$work/landscape.err"
  failures=$((failures + 1))
fi

snapshot small --size 1280x720
expect_code "$work/small/slide-01.png" "${links[0]}"
expect_code "$work/small/slide-02.png" "${links[1]}"

snapshot turned --size 1920x1080 --rotation 90
expect_code "$work/turned/slide-01.png" "${links[0]}"
expect_code "$work/turned/slide-02.png" "${links[1]}"

snapshot off --size 1920x1080 --qr off
for slide in "$work"/off/slide-0[1-4].png; do expect_no_code "$slide"; done

[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "all codes read back as their links"
