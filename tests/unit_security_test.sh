#!/bin/sh
# The generated systemd unit's exposure by `systemd-analyze security --offline=true`: at
# most 2.0 (the scale is 0 to 10; --threshold takes ten times that). Nothing is started.
# usage: unit_security_test.sh path/to/lafita.service
# Exit 77 (skipped) without systemd-analyze.
set -eu
unit=$1
command -v systemd-analyze >/dev/null || { echo "skipped: systemd-analyze is not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$unit" "$work/lafita.service"
systemd-analyze security --offline=true --threshold=20 --no-pager "$work/lafita.service" >"$work/report" 2>&1 || status=$?
grep -E "Overall exposure level" "$work/report"
if [ "${status:-0}" -ne 0 ]; then
  grep -E "✗" "$work/report" | head -40
  echo "unit exposure above 2.0"
  exit 1
fi
