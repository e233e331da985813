#!/bin/bash
# A real window: `lafita` under Xvfb with SDL's x11 driver.
#  1. Fullscreen, with the renderer lafita chooses (SDL's software renderer when there is
#     no GPU, as under Xvfb), it shows the first slide of the sample: a screenshot of the X
#     screen equals `lafita snapshot` of that slide within the golden slides' tolerance
#     (8/255 on every channel of every pixel). SIGTERM then ends it with status 0.
#  2. With SDL's OpenGL renderer (Mesa) in a 640x360 window resized to 800x450 (xdotool),
#     it lays the slides out again: a screenshot of the window equals the 800x450 snapshot.
#  3. With a safe area of 20 px top and bottom and 40 px left and right (configuration
#     file), the screen inside the margins equals the 1200x680 snapshot; the margins are black.
#  4. Turned by 90 degrees (--rotation 90, a screen on its side), drawn with OpenGL, the
#     screen equals `lafita snapshot --rotation 90` of the same size, whose pixels the
#     golden slides test holds to an upright portrait slide turned clockwise.
# usage: xvfb_window_test.sh path/to/lafita path/to/lafita_image_diff
# Exit 77 (skipped) when Xvfb, xwd, xdotool or ImageMagick's convert is missing.
set -eu
lafita=$1
image_diff=$2
# Cross builds run the target's programs through qemu (CMAKE_CROSSCOMPILING_EMULATOR).
emulator=${LAFITA_EMULATOR:-}
for tool in Xvfb xwd xdotool convert; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed (scripts/install-deps)"; exit 77; }
done

work=$(mktemp -d)
xvfb=
player=
cleanup() {
  [ -z "$player" ] || { kill "$player" 2>/dev/null; wait "$player"; } || true
  [ -z "$xvfb" ] || { kill "$xvfb" 2>/dev/null; wait "$xvfb"; } || true
  rm -rf "$work"
}
trap cleanup EXIT

# Xvfb chooses a free display and writes its number when it accepts clients.
mkfifo "$work/display"
Xvfb -displayfd 3 -screen 0 1280x720x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb=$!
read -r display <"$work/display"
export DISPLAY=":$display" SDL_VIDEODRIVER=x11
echo "Xvfb on :$display"
options="--time 2024-10-14T09:30:00Z --time-zone Asia/Ashgabat --transition cut --dwell 3600"

# Starts the player with the given options. A reader copies its log to lafita.log and to
# the FIFO "lines", which this script holds open for reading and writing (fd 5): the
# reader never blocks, and the test waits for lines, not for time.
mkfifo "$work/lines"
exec 5<>"$work/lines"
start_player() {
  rm -f "$work/log"
  mkfifo "$work/log"
  # shellcheck disable=SC2086  # the options are words
  $emulator "$lafita" $options "$@" >/dev/null 2>"$work/log" &
  player=$!
  while IFS= read -r line; do
    echo "$line" >>"$work/lafita.log"
    echo "$line" >&5
  done <"$work/log" &
}

# Waits (60 s at most) for a log line containing $1.
wait_for_line() {
  while IFS= read -t 60 -r line <&5; do
    echo "  lafita: ${line#lafita: }"
    case $line in *"$1"*) return 0 ;; esac
  done
  echo "FAIL: no line with '$1' within 60 s"
  cat "$work/lafita.log"
  exit 1
}

# Compares a screenshot (xwd arguments $1), or its part $3 (ImageMagick geometry, like
# 1200x680+40+20) when not empty, with slide 1 of a snapshot of size $2 made with the
# further options $4... The X server may take the window's last request after the
# screenshot's: a few tries.
compare_with_snapshot() {
  # shellcheck disable=SC2086
  $emulator "$lafita" snapshot --size "$2" $options "${@:4}" --out "$work/snapshot-$2" >/dev/null
  for attempt in 1 2 3 4 5; do
    # shellcheck disable=SC2086
    xwd $1 -silent >"$work/screen.xwd"
    convert "xwd:$work/screen.xwd" ${3:+-crop "$3" +repage} "$work/screen-$2.png"
    if $emulator "$image_diff" "$work/screen-$2.png" "$work/snapshot-$2/slide-01.png" --tolerance 8 --diff "$work/difference.png"; then
      echo "PASS: the window shows the $2 snapshot's pixels (attempt $attempt)"
      return 0
    fi
  done
  failed="${TMPDIR:-/tmp}/lafita-xvfb-failure"
  mkdir -p "$failed"
  cp "$work/screen-$2.png" "$work/snapshot-$2/slide-01.png" "$work/difference.png" "$failed/"
  echo "FAIL: the window differs from the $2 snapshot; pictures in $failed"
  exit 1
}

stop_player() {
  kill -TERM "$player"
  status=0
  wait "$player" || status=$?
  player=
  [ "$status" -eq 0 ] || { echo "FAIL: lafita ended with status $status on SIGTERM"; exit 1; }
  echo "PASS: SIGTERM ended lafita with status 0"
}

echo "1. fullscreen"
start_player --fullscreen
wait_for_line "first frame"
grep -q "first frame after .* (x11, .*1280x720)" "$work/lafita.log" || { echo "FAIL: not a 1280x720 x11 window"; exit 1; }
compare_with_snapshot "-root" 1280x720
stop_player

echo "2. a window, resized, drawn with OpenGL"
SDL_RENDER_DRIVER=opengl start_player --size 640x360
wait_for_line "first frame"
compare_with_snapshot "-name Lafita" 640x360
grep -q "(x11, opengl, .*640x360)" "$work/lafita.log" || echo "note: SDL has no OpenGL renderer here; the window used another"
xdotool search --name '^Lafita$' windowsize --sync 800 450
wait_for_line "laid out again for 800x450"
compare_with_snapshot "-name Lafita" 800x450
stop_player

echo "3. a safe area: margins black, the slides inside them"
printf '[display]\nsafe_area = [20, 40, 20, 40]\n' >"$work/safe-area.toml"
start_player --fullscreen --config "$work/safe-area.toml"
wait_for_line "first frame"
compare_with_snapshot "-root" 1200x680 1200x680+40+20
for margin in 1280x20+0+0 1280x20+0+700 40x720+0+0 40x720+1240+0; do
  lightest=$(convert "xwd:$work/screen.xwd" -crop "$margin" +repage -format "%[fx:maxima*255]" info:)
  [ "$lightest" = 0 ] || { echo "FAIL: the margin $margin is not black (lightest $lightest/255)"; exit 1; }
done
echo "PASS: the four margins are black"
stop_player

echo "4. turned by 90 degrees, drawn with OpenGL"
SDL_RENDER_DRIVER=opengl start_player --fullscreen --rotation 90
wait_for_line "first frame"
compare_with_snapshot "-root" 1280x720 "" --rotation 90
grep -q "(x11, opengl, " "$work/lafita.log" || echo "note: SDL has no OpenGL renderer here; the window used another"
stop_player
