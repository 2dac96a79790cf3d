#!/usr/bin/env bash
# Test step, build phase: the repository's CI command (.ci/run = the README's test command, ./mvnw -B verify).
# CodeBuild runs as root, and the tests' embedded PostgreSQL refuses to run as root ("initdb: cannot be run as
# root"), so as root the tests run as an unprivileged user that owns the checkout.
set -euo pipefail
cd "$(dirname "$0")/../../.."

if (( EUID == 0 )); then
  id builder >/dev/null 2>&1 || useradd --create-home --shell /bin/bash builder
  chown -R builder: .
  exec runuser -u builder -- env HOME=/home/builder .ci/run
fi
exec .ci/run
