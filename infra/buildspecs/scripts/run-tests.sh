#!/usr/bin/env bash
# Test step, build phase: the repository's CI command (.ci/run = the README's test command, ./mvnw -B verify),
# as root like on the team machines, where the whole suite is proven.
set -euo pipefail
cd "$(dirname "$0")/../../.."
# shellcheck source=lib.sh
source infra/buildspecs/scripts/lib.sh
restore_executable_bits
exec .ci/run
