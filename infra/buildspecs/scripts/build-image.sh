#!/usr/bin/env bash
# BuildImageQA: build the repository's Dockerfile once, tag it with the first 8 characters of the commit,
# push it to the QA repository, and hand the deploy action its imagedefinitions.json. The image-tag parameter
# is written later, by ReleaseQA (record-release.sh), once the deploy succeeded.
#
# Environment: REPOSITORY_URI, CONTAINER_NAME (default web), IMAGE_PLATFORM (default linux/arm64: the tasks
#              run on Graviton),
#              CODEBUILD_RESOLVED_SOURCE_VERSION (set by CodeBuild).
# Writes: imagedefinitions.json, image.env. Runs from the repository root.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

require_env REPOSITORY_URI CODEBUILD_RESOLVED_SOURCE_VERSION
container="${CONTAINER_NAME:-web}"
platform="${IMAGE_PLATFORM:-linux/arm64}"
tag="$(image_tag "$CODEBUILD_RESOLVED_SOURCE_VERSION")"
image="$REPOSITORY_URI:$tag"

ecr_login "$REPOSITORY_URI"
digest="$(image_digest "$REPOSITORY_URI" "$tag")"
if [[ -n "$digest" ]]; then
  # The repository's tags are immutable: a re-run for the same commit reuses the image built the first time.
  echo "$image already exists ($digest): not building it again"
else
  restore_executable_bits
  docker build --platform "$platform" --build-arg "APP_COMMIT=$CODEBUILD_RESOLVED_SOURCE_VERSION" --tag "$image" .
  docker push "$image"
  digest="$(image_digest "$REPOSITORY_URI" "$tag")"
  [[ -n "$digest" ]] || fail "pushed $image but the repository does not list it"
fi

write_image_definitions "$container" "$image"
write_image_env "$tag" "$digest"
echo "QA image: $image ($digest)"
