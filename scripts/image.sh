#!/bin/sh
# How the image lays out, trains and starts the application; the Dockerfile runs these three steps, and
# scripts/bench runs the very same ones here (no Docker engine needed), so what the image does is tested.
#
#   scripts/image.sh extract <jar> <dir>   the jar's classes and libraries as plain files (what an AOT cache needs)
#   scripts/image.sh train <dir>           a short start of <dir>/myamazingapp.jar recording <dir>/app.aot
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

case "${1:-}" in
  extract)
    mkdir -p "$3"
    rm -rf "${3:?}/lib" "$3/myamazingapp.jar" "$3/app.aot"
    # --force: the folder may hold more than an earlier extraction (the image's /app has .data).
    "$JAVA" -Djarmode=tools -jar "$2" extract --force --destination "$3" --application-filename myamazingapp.jar
    ;;
  train)
    cd "$2"
    # The aws profile as on ECS, so that the same classes load (JSON logging, the S3 store), but nothing is contacted:
    # the context is refreshed (every singleton built) and the JVM exits before the web server starts. Flyway is the
    # one bean that would talk to the database while refreshing, so it stays off for this run only. The values are
    # placeholders the profile requires; no network call is made with them.
    # shellcheck disable=SC2086
    env SPRING_PROFILES_ACTIVE=aws DATABASE_HOST=127.0.0.1 DATABASE_PORT=9 DATABASE_NAME=training \
      DATABASE_USER=training DATABASE_PASSWORD=training DATA_BUCKET=training REPORTS_BUCKET=training \
      AWS_REGION=us-east-1 REPORT_SCHEDULE=- \
      "$JAVA" ${JAVA_OPTS:-} -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh \
      -Dspring.flyway.enabled=false -jar myamazingapp.jar
    test -s app.aot
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
