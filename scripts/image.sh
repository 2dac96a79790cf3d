#!/bin/sh
# How the image lays out, trains and starts the application; the Dockerfile runs these three steps, and
# scripts/bench runs the very same ones here (no Docker engine needed), so what the image does is tested.
#
#   scripts/image.sh extract <jar> <dir>   the jar's classes and libraries as plain files (what an AOT cache needs)
#   scripts/image.sh train <dir>           a start of <dir>/myamazingapp.jar against a throwaway PostgreSQL, with a few
#                                          requests, recording <dir>/app.aot (needs PostgreSQL's server binaries:
#                                          PG_BIN, else the newest /usr/lib/postgresql/*/bin)
#   scripts/image.sh start <dir>           exec java $JAVA_OPTS with the AOT cache (the image's CMD)
#
# JAVA_OPTS holds the JVM sizing flags (the Dockerfile sets them, docs/performance.md says why); JAVA names the java
# binary (default: java on PATH).
set -eu

JAVA=${JAVA:-java}
# glibc gives every thread that allocates its own malloc arena (64 MiB of address space each, partly resident): two
# are plenty for a JVM, whose own heap is not malloc'ed.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# Word splitting of JAVA_OPTS is wanted: it holds several flags, as in the image's former `sh -c 'java $JAVA_OPTS'`.
# shellcheck disable=SC2086
run_java() { exec "$JAVA" ${JAVA_OPTS:-} "$@"; }

# train DIR: the application started as on ECS (aws profile, JAVA_OPTS) with -XX:AOTCacheOutput, against a throwaway
# PostgreSQL, until it has migrated its schema, started its web server and answered a few requests; then stopped, and
# the JVM writes DIR/app.aot: the classes that whole start loaded, linked, and the profiles of its hot methods. Trained
# only up to the context's refresh (no database, no web server), the cache held 80 % of the classes and a start took
# 6.0 s; trained this way, 3.3 s (docs/performance.md). S3 points at a closed local port: its client's classes load
# as it fails, and nothing leaves the machine.
train() {
  dir=$1
  pg_bin=${PG_BIN:-$(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
  [ -x "$pg_bin/initdb" ] || { echo "image.sh train: no PostgreSQL server binaries (set PG_BIN)" >&2; exit 2; }
  scratch=$(mktemp -d)
  as_pg=""
  if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root.
    pg_user=postgres
    id "$pg_user" >/dev/null 2>&1 || pg_user=nobody
    chmod 755 "$scratch"
    mkdir "$scratch/data"
    chown "$pg_user" "$scratch/data"
    as_pg="runuser -u $pg_user --"
  fi
  # Ports derived from this PID, so that two trainings on one machine (the benchmark's, the rehearsal's) do not meet.
  port=$((20000 + $$ % 20000))
  app_port=$((port + 1))
  $as_pg "$pg_bin/initdb" -D "$scratch/data" -U postgres -A trust -E UTF8 --no-sync >"$scratch/initdb.log" 2>&1 \
    || { cat "$scratch/initdb.log" >&2; exit 1; }
  $as_pg "$pg_bin/pg_ctl" -D "$scratch/data" -l "$scratch/data/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $scratch/data" start >/dev/null \
    || { cat "$scratch/data/server.log" >&2; exit 1; }
  (
    cd "$dir"
    # shellcheck disable=SC2086
    exec env SPRING_PROFILES_ACTIVE=aws PORT="$app_port" DATABASE_HOST=127.0.0.1 DATABASE_PORT="$port" \
      DATABASE_NAME=postgres DATABASE_USER=postgres DATABASE_PASSWORD=training DATABASE_SSLMODE=disable \
      DATA_BUCKET=training REPORTS_BUCKET=training AWS_REGION=us-east-1 S3_ENDPOINT=http://127.0.0.1:9 \
      AWS_ACCESS_KEY_ID=training AWS_SECRET_ACCESS_KEY=training REPORT_SCHEDULE=- APP_COMMIT=training \
      "$JAVA" ${JAVA_OPTS:-} -XX:AOTCacheOutput=app.aot -jar myamazingapp.jar
  ) >"$scratch/app.log" 2>&1 &
  app=$!
  status=0
  deadline=$(($(date +%s) + 300))
  until [ "$(http_status "$app_port" /actuator/health/liveness)" = 200 ]; do
    if ! kill -0 "$app" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      tail -n 30 "$scratch/app.log" >&2
      status=1
      break
    fi
    sleep 0.2
  done
  if [ "$status" -eq 0 ]; then
    # What a task answers first: the load balancer's probes, then the sign-in page and its style sheet.
    for _ in 1 2 3; do
      http_status "$app_port" /actuator/health/readiness >/dev/null
      http_status "$app_port" /login >/dev/null
    done
  fi
  kill -TERM "$app" 2>/dev/null || true
  wait "$app" || true
  $as_pg "$pg_bin/pg_ctl" -D "$scratch/data" -m fast -w stop >/dev/null || true
  rm -rf "$scratch"
  [ "$status" -eq 0 ] && test -s "$dir/app.aot"
}

# http_status PORT PATH: the status code of a GET to 127.0.0.1 (bash's /dev/tcp: the image has no curl).
http_status() {
  bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 0
    printf "GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n" "$2" >&3
    read -r _ code _ <&3 && echo "$code"' http_status "$1" "$2" 2>/dev/null || true
}

case "${1:-}" in
  extract)
    mkdir -p "$3"
    rm -rf "${3:?}/lib" "$3/myamazingapp.jar" "$3/app.aot"
    # --force: the folder may hold more than an earlier extraction (the image's /app has .data).
    "$JAVA" -Djarmode=tools -jar "$2" extract --force --destination "$3" --application-filename myamazingapp.jar
    ;;
  train)
    train "$2"
    ;;
  start)
    cd "$2"
    run_java -XX:AOTCache=app.aot -jar myamazingapp.jar
    ;;
  *)
    echo "usage: $0 extract <jar> <dir> | train <dir> | start <dir>" >&2
    exit 2
    ;;
esac
