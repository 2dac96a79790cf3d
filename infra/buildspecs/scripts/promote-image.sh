#!/usr/bin/env bash
# PromoteImageProd: copy the image QA ran and the approvers approved into the Prod repository, by digest:
# the same bytes, never rebuilt. Fails when the Prod repository would end up with a different digest.
# Prod's image-tag parameter is written later, by ReleaseProd (record-release.sh), once the deploy succeeded.
#
# Environment: SOURCE_REPOSITORY_URI (QA), REPOSITORY_URI (Prod),
#              CONTAINER_NAME (default web), IMAGE_TAG and IMAGE_DIGEST (from the BuildImageQA step).
# Writes: imagedefinitions.json, image.env. Runs from the repository root.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

require_env SOURCE_REPOSITORY_URI REPOSITORY_URI IMAGE_TAG IMAGE_DIGEST
[[ "$IMAGE_DIGEST" =~ ^sha256:[0-9a-f]{64}$ ]] || fail "IMAGE_DIGEST '$IMAGE_DIGEST' is not an image digest"
container="${CONTAINER_NAME:-web}"
approved="$SOURCE_REPOSITORY_URI@$IMAGE_DIGEST"
target="$REPOSITORY_URI:$IMAGE_TAG"

ecr_login "$SOURCE_REPOSITORY_URI"
if [[ "$(registry_of "$REPOSITORY_URI")" != "$(registry_of "$SOURCE_REPOSITORY_URI")" ]]; then
  ecr_login "$REPOSITORY_URI"
fi

digest="$(image_digest "$REPOSITORY_URI" "$IMAGE_TAG")"
if [[ -z "$digest" ]]; then
  docker pull "$approved"
  docker tag "$approved" "$target"
  docker push "$target"
  digest="$(image_digest "$REPOSITORY_URI" "$IMAGE_TAG")"
fi
[[ "$digest" == "$IMAGE_DIGEST" ]] \
  || fail "Prod image $target has digest '${digest:-none}', but QA approved $IMAGE_DIGEST: not deploying it"

write_image_definitions "$container" "$target"
write_image_env "$IMAGE_TAG" "$digest"
echo "Prod image: $target ($digest), the digest QA approved"
