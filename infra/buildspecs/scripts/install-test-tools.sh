#!/usr/bin/env bash
# Test step, install phase (root, Debian): what `.ci/run` needs on a bare Debian image.
# JDK 25 comes from Adoptium's signed apt repository (the team machines' /usr/lib/jvm/temurin-25-jdk-amd64);
# Chromium + chromium-driver (browser tests), Node.js (CDK synth in the infra tests) and Python 3 (the blue/green
# smoke test hook's handler, run by an infra test) come from Debian.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
# Overridable only so the test can run this script without touching the machine's apt configuration.
apt_dir="${APT_DIR:-/etc/apt}"
os_release="${OS_RELEASE:-/etc/os-release}"

# Adoptium's published signing key; a different key stops the build instead of trusting it.
readonly ADOPTIUM_KEY_FINGERPRINT=3B04D753C9050D9A5D343F39843C48A565F8F04B

apt-get update -qq
apt-get install -y -qq --no-install-recommends ca-certificates curl gnupg chromium chromium-driver nodejs python3 >/dev/null

keyring="$apt_dir/keyrings/adoptium.gpg"
install -d -m 0755 "$apt_dir/keyrings" "$apt_dir/sources.list.d"
curl -fsSL https://packages.adoptium.net/artifactory/api/gpg/key/public | gpg --dearmor > "$keyring.new"
fingerprint="$(gpg --show-keys --with-colons "$keyring.new" | awk -F: '/^fpr:/ {print $10; exit}')"
if [[ "$fingerprint" != "$ADOPTIUM_KEY_FINGERPRINT" ]]; then
  rm -f "$keyring.new"
  echo "ERROR: Adoptium apt key has fingerprint '$fingerprint', expected $ADOPTIUM_KEY_FINGERPRINT" >&2
  exit 1
fi
mv "$keyring.new" "$keyring"
# shellcheck source=/dev/null
. "$os_release"
echo "deb [signed-by=$keyring] https://packages.adoptium.net/artifactory/deb $VERSION_CODENAME main" \
  > "$apt_dir/sources.list.d/adoptium.list"
apt-get update -qq
apt-get install -y -qq --no-install-recommends temurin-25-jdk >/dev/null

java -version
node --version
chromium --version
python3 --version
