#!/usr/bin/env bash
# Every shell script in the repository passes shellcheck: run by the build's validate phase (./mvnw verify).
# Installs Debian's shellcheck when it is missing and we are root (CI, the team machines); otherwise says how.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v shellcheck >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "check-shell: installing shellcheck"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends shellcheck >/dev/null 2>&1 \
      || { apt-get update -qq && apt-get install -y -qq --no-install-recommends shellcheck >/dev/null; }
  else
    echo "check-shell: shellcheck is missing: install it (Debian/Ubuntu: apt-get install shellcheck)" >&2
    exit 1
  fi
fi

# Tracked and new files alike: *.sh, and extension-less scripts whose first line names bash or sh.
mapfile -t scripts < <(
  git ls-files --cached --others --exclude-standard 2>/dev/null | while read -r file; do
    [[ -f "$file" && "$file" != mvnw ]] || continue
    case "$file" in
      *.sh) echo "$file" ;;
      *.*) ;;
      *) head -n 1 "$file" | grep -qE '^#!.*\b(ba)?sh\b' && echo "$file" ;;
    esac
  done
)
shellcheck -x -P SCRIPTDIR "${scripts[@]}"
echo "check-shell: ${#scripts[@]} scripts clean"
