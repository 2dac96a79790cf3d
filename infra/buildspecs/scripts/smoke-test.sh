#!/usr/bin/env bash
# SmokeTestQA: before anyone is asked to approve, check that QA answers the checks of
# infra/lambda/smoke-test/checks.tsv (the readiness endpoint: database and data bucket reachable; the sign-in page),
# the same ones prod's blue/green hook runs on a new version, and, when EXPECTED_COMMIT is set, that
# /actuator/info names the commit that was just deployed (its first 7 characters: git's short id, also a prefix of the full one
# the image gets as APP_COMMIT). Retries until SMOKE_TEST_TIMEOUT_SECONDS, then fails.
#
# Environment: BASE_URL (e.g. https://qa.myamazingapp.example.com), EXPECTED_COMMIT (optional),
#              SMOKE_TEST_TIMEOUT_SECONDS (default 300), SMOKE_TEST_INTERVAL_SECONDS (default 10).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

require_env BASE_URL
base="${BASE_URL%/}"
timeout="${SMOKE_TEST_TIMEOUT_SECONDS:-300}"
interval="${SMOKE_TEST_INTERVAL_SECONDS:-10}"
body="$(mktemp)"
trap 'rm -f "$body"' EXIT

# check NAME PATH [TEXT]: 200 and, when given, TEXT somewhere in the body
check() {
  local name="$1" path="$2" text="${3:-}" status
  status="$(curl --silent --show-error --max-time 10 --output "$body" --write-out '%{http_code}' "$base$path" 2>&1)" \
    || { last="$name: $status"; return 1; }
  if [[ "$status" != 200 ]]; then
    last="$name: $base$path answered HTTP $status"
    return 1
  fi
  if [[ -n "$text" ]] && ! grep -q -- "$text" "$body"; then
    last="$name: $base$path does not contain '$text'"
    return 1
  fi
  echo "ok   $name ($base$path)"
}

checks_file="$(dirname "$0")/../../lambda/smoke-test/checks.tsv"
[[ -r "$checks_file" ]] || fail "no checks in $checks_file"

checks() {
  local name path text
  while IFS=$'\t' read -r name path text; do
    [[ -z "$name" || "$name" == "#"* ]] && continue
    check "$name" "$path" "$text" || return 1
  done < "$checks_file"
  [[ -z "${EXPECTED_COMMIT:-}" ]] || check commit /actuator/info "${EXPECTED_COMMIT:0:7}"
}

deadline=$((SECONDS + timeout))
last=""
until checks; do
  if (( SECONDS >= deadline )); then
    fail "smoke test of $base failed for ${timeout}s; last problem: $last"
  fi
  echo "wait $last"
  sleep "$interval"
done
echo "QA at $base passed the smoke test"
