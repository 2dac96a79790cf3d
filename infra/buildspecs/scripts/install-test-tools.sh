#!/usr/bin/env bash
# Test step, install phase (root, Debian): what `.ci/run` needs on a bare Debian image.
# JDK 25 comes from Adoptium's signed apt repository (the team machines' /usr/lib/jvm/temurin-25-jdk-amd64);
# Chromium + chromium-driver (browser tests) and Node.js (CDK synth in the infra tests) come from Debian.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

# Adoptium's published signing key; a different key stops the build instead of trusting it.
readonly ADOPTIUM_KEY_FINGERPRINT=3B04D753C9050D9A5D343F39843C48A565F8F04B

apt-get update -qq
apt-get install -y -qq --no-install-recommends ca-certificates curl gnupg chromium chromium-driver nodejs >/dev/null

install -d -m 0755 /etc/apt/keyrings
curl -fsSL https://packages.adoptium.net/artifactory/api/gpg/key/public | gpg --dearmor > /etc/apt/keyrings/adoptium.gpg
fingerprint="$(gpg --show-keys --with-colons /etc/apt/keyrings/adoptium.gpg | awk -F: '/^fpr:/ {print $10; exit}')"
if [[ "$fingerprint" != "$ADOPTIUM_KEY_FINGERPRINT" ]]; then
  echo "ERROR: Adoptium apt key has fingerprint '$fingerprint', expected $ADOPTIUM_KEY_FINGERPRINT" >&2
  exit 1
fi
. /etc/os-release
echo "deb [signed-by=/etc/apt/keyrings/adoptium.gpg] https://packages.adoptium.net/artifactory/deb $VERSION_CODENAME main" \
  > /etc/apt/sources.list.d/adoptium.list
apt-get update -qq
apt-get install -y -qq --no-install-recommends temurin-25-jdk >/dev/null

java -version
node --version
chromium --version
