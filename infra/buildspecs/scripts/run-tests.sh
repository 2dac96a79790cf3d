#!/usr/bin/env bash
# Test step, build phase: the repository's CI command (.ci/run = the README's test command, ./mvnw -B verify),
# as root like on the team machines, where the whole suite is proven.
# Environment: CODEBUILD_RESOLVED_SOURCE_VERSION (set by CodeBuild; passed on as APP_COMMIT).
set -euo pipefail
cd "$(dirname "$0")/../../.."
# shellcheck source=lib.sh
source infra/buildspecs/scripts/lib.sh
restore_executable_bits
# The source zip has no .git, so the build's git.properties cannot name the commit: the application (and its info
# test) fall back to APP_COMMIT, as in the image, where the Docker build passes the same commit.
if [[ -n "${CODEBUILD_RESOLVED_SOURCE_VERSION:-}" ]]; then
  export APP_COMMIT="$CODEBUILD_RESOLVED_SOURCE_VERSION"
fi
exec .ci/run
