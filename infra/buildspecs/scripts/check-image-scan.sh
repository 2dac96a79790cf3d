#!/usr/bin/env bash
# PromoteImageProd, before the copy: Prod never receives an image whose ECR scan (scan on push of the QA repository)
# found a vulnerability at or above SCAN_BLOCK_SEVERITY (default CRITICAL). Waits for the scan to finish; a scan that
# failed or does not support the image blocks too (nothing was checked, so nothing is shipped).
#
# Environment: SOURCE_REPOSITORY_URI (QA), IMAGE_DIGEST (from BuildImageQA), SCAN_BLOCK_SEVERITY (CRITICAL, HIGH,
#              MEDIUM, LOW or INFORMATIONAL; default CRITICAL) (project).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

require_env SOURCE_REPOSITORY_URI IMAGE_DIGEST
[[ "$IMAGE_DIGEST" =~ ^sha256:[0-9a-f]{64}$ ]] || fail "IMAGE_DIGEST '$IMAGE_DIGEST' is not an image digest"
threshold="${SCAN_BLOCK_SEVERITY:-CRITICAL}"
severities=(CRITICAL HIGH MEDIUM LOW INFORMATIONAL)
blocking=()
for severity in "${severities[@]}"; do
  blocking+=("$severity")
  [[ "$severity" != "$threshold" ]] || break
done
[[ "${blocking[-1]}" == "$threshold" ]] \
  || fail "SCAN_BLOCK_SEVERITY '$threshold' is not one of ${severities[*]}"

repository="$(repository_name "$SOURCE_REPOSITORY_URI")"
image="$repository@$IMAGE_DIGEST"
aws ecr wait image-scan-complete --repository-name "$repository" --image-id "imageDigest=$IMAGE_DIGEST" \
  || fail "the ECR scan of $image did not complete: not promoting it to Prod"
# The CLI's text output: the status on one line, the five counts on the next ("None" for a severity without findings).
scan="$(aws ecr describe-image-scan-findings --repository-name "$repository" --image-id "imageDigest=$IMAGE_DIGEST" \
  --query '[imageScanStatus.status, imageScanFindings.findingSeverityCounts.[CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL]]' \
  --output text)"
read -r status "${severities[@]}" <<< "${scan//$'\n'/ }"
[[ "$status" == COMPLETE ]] || fail "the ECR scan of $image ended '$status', nothing was checked: not promoting it to Prod"

found=() blocked=()
for severity in "${severities[@]}"; do
  count="${!severity}"
  [[ "$count" =~ ^[0-9]+$ ]] || count=0
  (( count == 0 )) || found+=("$count $severity")
  if (( count > 0 )) && [[ " ${blocking[*]} " == *" $severity "* ]]; then blocked+=("$count $severity"); fi
done
summary="$(IFS=,; echo "${found[*]:-none}")"
summary="${summary//,/, }"
if (( ${#blocked[@]} > 0 )); then
  fail "the ECR scan of $image found vulnerabilities at or above $threshold ($summary): not promoting it to Prod. Details: aws ecr describe-image-scan-findings --repository-name $repository --image-id imageDigest=$IMAGE_DIGEST"
fi
echo "ECR scan of $image: nothing at or above $threshold (findings: $summary)"
