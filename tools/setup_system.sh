#!/usr/bin/env bash
# Install the Debian packages the full test suite and the demo use, when they are missing:
#   postgresql (store tests), chromium (console test via Playwright), fonts-wqy-microhei (CJK text in test
#   images and the visible AIGC label), ffmpeg (MP4 test files, video frames), libgl1/libglib2.0-0 (OpenCV for OCR),
#   openjdk-17-jre-headless (Spark: `qinglang spark scan` and its tests), redis-server (the worker's Redis tests).
# Needs root (CI runs as root); otherwise it only says what is missing, and those tests skip with a reason.
set -euo pipefail
pkgs=(postgresql chromium fonts-wqy-microhei ffmpeg libgl1 libglib2.0-0 openjdk-17-jre-headless redis-server)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "setup_system: missing Debian packages (run as root to install): ${missing[*]}" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup_system: installed ${missing[*]}" >&2
