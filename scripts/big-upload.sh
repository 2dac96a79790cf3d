#!/usr/bin/env bash
# The streaming proof: a 1 GiB upload through the JSON API into the production jar (java $JAVA_OPTS -jar
# myamazingapp.jar) with JAVA_OPTS=-Xmx256m, against S3Mock and PostgreSQL 17 (the servers
# of scripts/bench-servers.sh: the production jar carries no embedded PostgreSQL).
# Checks the HTTP status and the SHA-256 the application reports (and of the download), prints the time and the
# JVM's peak resident memory, then stops everything it started.
#
#   ./mvnw -B -pl app -am package -DskipTests   # builds app/target/myamazingapp.jar and app/target/s3mock/s3mock.jar
#   scripts/big-upload.sh [size-in-MiB, default 1024]
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
# shellcheck source=scripts/bench-servers.sh
source "$ROOT/scripts/bench-servers.sh"
SIZE_MIB=${1:-1024}
JAR=app/target/myamazingapp.jar
S3MOCK=app/target/s3mock/s3mock.jar
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
for f in "$JAR" "$S3MOCK"; do
  [ -f "$f" ] || { echo "missing $f: run ./mvnw -B -pl app -am package -DskipTests first" >&2; exit 2; }
done
command -v curl >/dev/null || { echo "curl is needed (apt-get install -y curl)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/myamazingapp-big-upload.XXXXXX")
APP_PID=""
cleanup() {
  [[ -n $APP_PID ]] && stop_pid "$APP_PID"
  servers_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

postgres_start
s3mock_start

APP_PORT=$(free_port)
JAR_ABS=$(realpath "$JAR")
# From a fresh folder, the former image start command (scripts/bench measures the image's own start, with its AOT cache).
# shellcheck disable=SC2016 # $JAVA_OPTS is for the inner sh to split, as the image's CMD does
(cd "$WORK" && exec env JAVA_OPTS="-Xmx256m" PORT="$APP_PORT" DATABASE_HOST=127.0.0.1 DATABASE_PORT="$PG_PORT" \
  DATABASE_NAME=myamazingapp DATABASE_USER=postgres DATA_BUCKET=data S3_ENDPOINT="http://127.0.0.1:$S3_PORT" \
  AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test MAX_UPLOAD_SIZE=2GB APP_COMMIT=big-upload \
  sh -c 'exec '"$JAVA"' $JAVA_OPTS -jar '"$JAR_ABS" >"$WORK/app.log" 2>&1) &
APP_PID=$!
wait_http "http://127.0.0.1:$APP_PORT/actuator/health/readiness" 600 || { tail -40 "$WORK/app.log" >&2; exit 1; }

BASE="http://127.0.0.1:$APP_PORT"
curl -fsS -H 'Content-Type: application/json' -d '{"email":"big@example.com","password":"correct horse battery"}' \
  "$BASE/api/accounts" >/dev/null

echo "Writing a ${SIZE_MIB} MiB file of random bytes..."
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$WORK/big.bin"
EXPECTED=$(sha256sum "$WORK/big.bin" | cut -d' ' -f1)

echo "Uploading with curl (PUT /api/files, Content-Length ${SIZE_MIB} MiB)..."
RESULT=$(curl -sS --max-time 900 -u 'big@example.com:correct horse battery' -H 'Content-Type: application/octet-stream' \
  -T "$WORK/big.bin" -o "$WORK/response.json" -w '%{http_code} %{time_total}' "$BASE/api/files?name=big.bin")
STATUS=${RESULT% *}; SECONDS_TAKEN=${RESULT#* }
REPORTED=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("sha256",""))' "$WORK/response.json")
ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("id",""))' "$WORK/response.json")

echo "Downloading it back..."
DOWNLOAD_START=$(date +%s.%N)
DOWNLOADED=$(curl -sS --max-time 900 -u 'big@example.com:correct horse battery' "$BASE/api/files/$ID/content" | sha256sum | cut -d' ' -f1)
DOWNLOAD_SECONDS=$(python3 -c "import sys; print(round($(date +%s.%N) - $DOWNLOAD_START, 2))")
PEAK_RSS_KB=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
HEAP=$(tr '\0' ' ' <"/proc/$APP_PID/cmdline" | grep -o -- '-Xmx[0-9a-zA-Z]*' | head -1 || true)

echo
echo "size:            ${SIZE_MIB} MiB"
echo "java heap flag:  ${HEAP:-?} (from the running process's command line)"
echo "upload status:   $STATUS (expected 201)"
echo "upload time:     ${SECONDS_TAKEN} s (curl time_total)"
echo "download time:   ${DOWNLOAD_SECONDS} s (including sha256sum)"
echo "sha256 expected: $EXPECTED"
echo "sha256 reported: $REPORTED"
echo "sha256 download: $DOWNLOADED"
echo "JVM peak RSS:    $((PEAK_RSS_KB / 1024)) MiB (VmHWM of the application process)"

if [ "$STATUS" != 201 ] || [ "$REPORTED" != "$EXPECTED" ] || [ "$DOWNLOADED" != "$EXPECTED" ]; then
  echo "FAILED: see the logs below" >&2
  tail -50 "$WORK/app.log" >&2
  exit 1
fi
echo "OK"
