# shellcheck shell=bash
# Shared by the image scripts of MyAmazingPipeline; sourced, not run.
# Needs: aws (CLI v2) and docker on PATH.

fail() {
  echo "ERROR: $*" >&2
  exit 1
}

require_env() {
  local name
  for name in "$@"; do
    [[ -n "${!name:-}" ]] || fail "environment variable $name is not set (the CodeBuild project sets it)"
  done
}

# CodePipeline's source artifact (a zip) loses the executable bits git keeps: the Dockerfile and .ci/run run
# ./mvnw directly, and tests run the repository's scripts. Run from the repository root.
restore_executable_bits() {
  local file
  for file in mvnw .ci/run infra/buildspecs/scripts/*.sh scripts/*.sh; do
    if [[ -f "$file" ]]; then chmod +x "$file"; fi
  done
}

# The document's rule: the image tag is the first 8 characters of the commit CodeBuild built.
image_tag() {
  local commit="$1"
  [[ "$commit" =~ ^[0-9a-f]{8,40}$ ]] \
    || fail "CODEBUILD_RESOLVED_SOURCE_VERSION '$commit' is not a git commit id, cannot derive an image tag"
  printf '%s' "${commit:0:8}"
}

# 123456789012.dkr.ecr.eu-west-1.amazonaws.com/myamazingapp-qa -> myamazingapp-qa
repository_name() {
  printf '%s' "${1#*/}"
}

registry_of() {
  printf '%s' "${1%%/*}"
}

ecr_login() {
  local registry
  registry="$(registry_of "$1")"
  aws ecr get-login-password | docker login --username AWS --password-stdin "$registry"
}

# Prints the digest the tag points to in the repository, nothing when the tag does not exist; other errors fail.
image_digest() {
  local uri="$1" tag="$2" out err
  err="$(mktemp)"
  if out="$(aws ecr describe-images --repository-name "$(repository_name "$uri")" \
      --image-ids "imageTag=$tag" --query 'imageDetails[0].imageDigest' --output text 2>"$err")"; then
    rm -f "$err"
    [[ "$out" == sha256:* ]] || fail "unexpected answer from ecr describe-images for $uri:$tag: $out"
    printf '%s' "$out"
  elif grep -q ImageNotFoundException "$err"; then
    rm -f "$err"
  else
    out="$(cat "$err")"
    rm -f "$err"
    fail "ecr describe-images for $uri:$tag failed: $out"
  fi
}

# What CodePipeline's ECS deploy action reads: the container to update and its new image.
write_image_definitions() {
  local container="$1" image="$2"
  printf '[{"name":"%s","imageUri":"%s"}]\n' "$container" "$image" > imagedefinitions.json
}

# The task definition resolves its image tag from this parameter at deploy time, so a later `cdk deploy`
# of the environment keeps the image the pipeline shipped instead of rolling the service back.
record_image_tag() {
  local parameter="$1" tag="$2"
  aws ssm put-parameter --name "$parameter" --value "$tag" --type String --overwrite
}

# Variables the next pipeline steps read (exported by the buildspec: IMAGE_TAG, IMAGE_DIGEST).
write_image_env() {
  printf 'export IMAGE_TAG=%s\nexport IMAGE_DIGEST=%s\n' "$1" "$2" > image.env
}
