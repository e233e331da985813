#!/bin/sh
# A real window: `lafita` under Xvfb with SDL's x11 driver shows the first slide of the
# sample; a screenshot of the X screen equals `lafita snapshot` of the same slide within
# the golden slides' tolerance (8/255 on every channel of every pixel).
# usage: xvfb_window_test.sh path/to/lafita path/to/lafita_image_diff
# Exit 77 (skipped) when Xvfb, xwd or ImageMagick's convert is missing.
set -eu
lafita=$1
image_diff=$2
for tool in Xvfb xwd convert; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed (scripts/install-deps)"; exit 77; }
done

work=$(mktemp -d)
xvfb=
player=
cleanup() {
  [ -z "$player" ] || kill "$player" 2>/dev/null || true  # SIGTERM: it quits cleanly
  [ -z "$xvfb" ] || { kill "$xvfb" 2>/dev/null; wait "$xvfb"; } || true
  rm -rf "$work"
}
trap cleanup EXIT

# Xvfb chooses a free display and writes its number when it accepts clients.
mkfifo "$work/display" "$work/ready"
Xvfb -displayfd 3 -screen 0 1280x720x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb=$!
read -r display <"$work/display"
echo "Xvfb on :$display"

# The player logs one line when its first frame is presented; a reader passes that on
# through a FIFO and keeps reading, so that the player never blocks on its log.
mkfifo "$work/log"
options="--time 2024-10-14T09:30:00Z --time-zone Asia/Ashgabat --transition cut"
# shellcheck disable=SC2086  # the options are words
DISPLAY=":$display" SDL_VIDEODRIVER=x11 "$lafita" --fullscreen $options >/dev/null 2>"$work/log" &
player=$!
while IFS= read -r line; do
  echo "$line" >>"$work/lafita.log"
  case $line in *"first frame"*) echo ready >"$work/ready" ;; esac
done <"$work/log" &
if ! timeout 60 cat "$work/ready" >/dev/null; then
  echo "FAIL: no first frame within 60 s"; cat "$work/lafita.log"; exit 1
fi
cat "$work/lafita.log"
grep -q "first frame after .* (x11, .*1280x720)" "$work/lafita.log" || { echo "FAIL: not a 1280x720 x11 window"; exit 1; }

# shellcheck disable=SC2086
"$lafita" snapshot --size 1280x720 $options --out "$work/snapshot" >/dev/null

# The X server may take the window's last request after the screenshot's: a few tries.
for attempt in 1 2 3 4 5; do
  DISPLAY=":$display" xwd -root -silent >"$work/screen.xwd"
  convert "xwd:$work/screen.xwd" "$work/screen.png"
  if "$image_diff" "$work/screen.png" "$work/snapshot/slide-01.png" --tolerance 8 --diff "$work/difference.png"; then
    echo "PASS: the window shows the snapshot's pixels (attempt $attempt)"
    kill -TERM "$player"
    status=0
    wait "$player" || status=$?
    player=
    [ "$status" -eq 0 ] || { echo "FAIL: lafita ended with status $status on SIGTERM"; exit 1; }
    echo "PASS: SIGTERM ended lafita with status 0"
    exit 0
  fi
done
mkdir -p "${TMPDIR:-/tmp}/lafita-xvfb-failure"
cp "$work/screen.png" "$work/snapshot/slide-01.png" "$work/difference.png" "${TMPDIR:-/tmp}/lafita-xvfb-failure/"
echo "FAIL: the window differs from the snapshot; pictures in ${TMPDIR:-/tmp}/lafita-xvfb-failure"
exit 1
