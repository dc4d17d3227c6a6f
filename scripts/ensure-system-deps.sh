#!/usr/bin/env bash
# Checks for the system packages the project needs and installs the missing ones with apt
# (when run as root, as on CI): Java 17+ for DynamoDB Local, Chromium for browser tests and the
# PDF benchmark. Usage: scripts/ensure-system-deps.sh [java] [chromium]
set -euo pipefail
want=("$@"); [ ${#want[@]} -eq 0 ] && want=(java chromium)
missing=()
for dep in "${want[@]}"; do
  case "$dep" in
    java)
      major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1 || true)
      if [ -z "${major:-}" ] || [ "$major" -lt 17 ]; then missing+=(openjdk-17-jre-headless); fi ;;
    chromium)
      if ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi ;;
    fonts)
      if [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then missing+=(fonts-dejavu-core); fi ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
