#!/usr/bin/env bash
# The production rehearsal (docs/rehearsal.md): the prod topology on 127.0.0.1, under steady load, through a release
# and faults, then a results table; exits 1 when a goal is missed. No Docker, no AWS account.
#
#   ./mvnw -B -pl app -am package -DskipTests    # the production jar and S3Mock (./mvnw verify builds them too)
#   scripts/rehearsal.sh
#
# It reads the synthesized prod template (infra/cdk.out/myamazingapp-prod.template.json; synthesized first when it is
# missing or older than the infrastructure's sources). Needs a JDK 25 and nginx, psql, curl, openssl, python3 (as root
# on Debian it installs the packages that are missing). Everything it starts stops when it ends, also on Ctrl-C; logs,
# the request log and the results stay in target/rehearsal/.
#
# Settings (environment): REHEARSAL_RATE (requests per second, default 5), REHEARSAL_DB_OUTAGE (s, 60),
# REHEARSAL_S3_OUTAGE (s, 30), REHEARSAL_DEREGISTRATION_DELAY (s, the template's when at most 10, else 10),
# REHEARSAL_SCENARIOS (which, in this order; default "1 2 6 4 5 3", 2 includes 7).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
HERE="$ROOT/scripts/rehearsal"
# shellcheck source=rehearsal/processes.sh
source "$HERE/processes.sh"
# shellcheck source=rehearsal/topology.sh
source "$HERE/topology.sh"
# shellcheck source=rehearsal/front.sh
source "$HERE/front.sh"
# shellcheck source=rehearsal/scenarios.sh
source "$HERE/scenarios.sh"

RATE=${REHEARSAL_RATE:-5}
SCENARIOS=${REHEARSAL_SCENARIOS:-1 2 6 4 5 3}
DB_OUTAGE=${REHEARSAL_DB_OUTAGE:-60}
S3_OUTAGE=${REHEARSAL_S3_OUTAGE:-30}
RECOVERY_GOAL=10
# A request that needs what is away must answer this fast (the application waits 3 s for a database connection).
FAIL_FAST_MS=5000
# A fault scenario goes on after the fault ends until the load has run clean for this long (at most the recovery goal
# and 2 s more), so that its recovery falls in its own window.
CLEAN_MS=3000
JAR="$ROOT/app/target/myamazingapp.jar"
S3MOCK_JAR="$ROOT/app/target/s3mock/s3mock.jar"
TEMPLATE="$ROOT/infra/cdk.out/myamazingapp-prod.template.json"
RESULTS="$ROOT/target/rehearsal"

java_25() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do
    if [[ -n "$candidate" && -x "$candidate/bin/java" ]] \
      && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "2[5-9]'; then
      echo "$candidate"
      return 0
    fi
  done
  say "no JDK 25: set JAVA_HOME to one"
  return 1
}

prerequisites() {
  local tool package missing=()
  # tool:Debian package; as root on Debian they are installed (CI, the team machines), else named.
  for tool in nginx:nginx psql:postgresql-client curl:curl openssl:openssl python3:python3 \
    setpriv:util-linux flock:util-linux unzip:unzip xz:xz-utils uptime:procps; do
    package=${tool#*:}
    command -v "${tool%%:*}" >/dev/null || [[ " ${missing[*]} " == *" $package "* ]] || missing+=("$package")
  done
  if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
      say "missing: install ${missing[*]} (Debian packages)"
      return 1
    fi
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
      || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
  fi
  JAVA_HOME=$(java_25)
  export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
  JAVA="$JAVA_HOME/bin/java"
  for file in "$JAR" "$S3MOCK_JAR"; do
    [[ -f "$file" ]] || { say "missing $file: run ./mvnw -B -pl app -am package -DskipTests first"; return 1; }
  done
  # The rehearsal is of the checkout: a jar older than the application's sources is stale.
  if [[ -n "$(find "$ROOT/app/src/main" "$ROOT/app/pom.xml" -newer "$JAR" -type f -print -quit)" ]]; then
    say "$JAR is older than the application's sources: rebuild it"
    return 1
  fi
  # The template: infra/cdk.out's; else the one ./mvnw verify's infra tests synthesized from the whole app with
  # cdk.json's context (the pipeline's template beside it: PipelineWiringTest, TemplatesCostTest), the same app the
  # Maven synth runs; else a synth. Only one newer than the infrastructure's sources.
  local tested
  tested=$(find "$ROOT/infra/target" -maxdepth 2 -path '*/cdk.out-*/myamazingapp-pipeline.template.json' \
    -printf '%T@ %h\n' 2>/dev/null | sort -rn | head -1 | cut -d' ' -f2-)
  if ! template_current "$TEMPLATE"; then
    if [[ -n "$tested" ]] && template_current "$tested/myamazingapp-prod.template.json"; then
      TEMPLATE="$tested/myamazingapp-prod.template.json"
    else
      say "synthesizing the prod template (./mvnw -B -q -pl infra compile exec:java)"
      "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" -pl infra compile exec:java >"$RESULTS/synth.log" 2>&1 \
        || { tail -30 "$RESULTS/synth.log" >&2; return 1; }
    fi
  fi
}

# template_current FILE: it exists and no source of the infrastructure changed after it was written
template_current() {
  [[ -f "$1" ]] && [[ -z "$(find "$ROOT/infra/src/main" "$ROOT/infra/cdk.json" "$ROOT/infra/pom.xml" \
    -newer "$1" -type f -print -quit)" ]]
}

cleanup() {
  local code=$?
  trap - EXIT INT TERM
  if [[ -n "${WORK:-}" && -d "$WORK" ]]; then
    touch "$WORK/checker.stop" "$WORK/load.stop"
    stop_everything
    cp -r "$WORK"/*.log "$WORK"/*.tsv "$WORK"/*.md "$WORK"/*.json "$WORK/nginx/access.log" "$RESULTS/" 2>/dev/null || true
    rm -rf "$WORK"
  fi
  say "logs and results in ${RESULTS#"$ROOT"/}/ (took $((SECONDS - RUN_START)) s)"
  exit "$code"
}

load_start() {
  spawn load "$WORK/load.log" python3 "$HERE/driver.py" load --base "$FRONT_URL" --ca "$WORK/tls/cert.pem" \
    --out "$WORK" --rate "$RATE" --stop-file "$WORK/load.stop" --max-seconds 1800 --run-id "$RUN_ID"
  wait_until 120 "the load's users to sign in" test -e "$WORK/load.ready" \
    || { cat "$WORK/load.log" >&2; return 1; }
  event "load: $RATE requests/s"
}

load_stop() {
  touch "$WORK/load.stop"
  local pid
  pid=$(pid_of load)
  while alive "$pid"; do sleep 0.2; done
  wait "$pid" || { cat "$WORK/load.log" >&2; return 1; }
  rm -f "$WORK/pids/load"
}

main() {
  RUN_START=$SECONDS
  rm -rf "$RESULTS"
  mkdir -p "$RESULTS"
  prerequisites
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/myamazingapp-rehearsal.XXXXXX")
  chmod 755 "$WORK"
  mkdir -p "$WORK/pids" "$WORK/instances"
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  : >"$WORK/facts.tsv"
  : >"$WORK/scenarios.tsv"
  RUN_ID=$(openssl rand -hex 4)
  # The commit the jar says it was built from (what /actuator/info shows and the smoke test expects), else the checkout's
  # (the image's APP_COMMIT, as the pipeline passes it).
  APP_COMMIT=$(unzip -p "$JAR" BOOT-INF/classes/git.properties 2>/dev/null | sed -n 's/^git.commit.id.abbrev=//p')
  APP_COMMIT=${APP_COMMIT:-$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)}

  # What the prod template says: the task's size and variables, the target group's checks, the listeners.
  eval "$(python3 "$HERE/driver.py" task "$TEMPLATE" --env-out "$WORK/task-env.tsv")"
  export WORK HEALTH_PATH HEALTH_INTERVAL HEALTH_TIMEOUT HEALTHY_THRESHOLD UNHEALTHY_THRESHOLD HEALTH_CODES
  DB_NAME=$(awk -F'\t' '$2 == "DATABASE_NAME" {print $4}' "$WORK/task-env.tsv")
  DB_USER=$(awk -F'\t' '$2 == "DATABASE_USER" {print $4}' "$WORK/task-env.tsv")
  DB_OWNER=$(awk -F'\t' '$2 == "FLYWAY_USER" {print $4}' "$WORK/task-env.tsv")
  DB_OWNER=${DB_OWNER:-$DB_USER}
  # A deregistration delay of minutes would make the run as long: short requests need seconds to finish, and the
  # graceful shutdown gives what is still running 20 s more (scenario 7).
  DRAIN_DELAY=${REHEARSAL_DEREGISTRATION_DELAY:-$((DEREGISTRATION_DELAY < 10 ? DEREGISTRATION_DELAY : 10))}
  say "prod template ${TEMPLATE#"$ROOT"/}: task ${TASK_CPU} CPU/${TASK_MEMORY_MIB} MiB; health check $HEALTH_PATH" \
    "every ${HEALTH_INTERVAL}s (${HEALTHY_THRESHOLD} up/${UNHEALTHY_THRESHOLD} down); deregistration" \
    "${DEREGISTRATION_DELAY}s (here ${DRAIN_DELAY}s); stop timeout ${STOP_TIMEOUT}s; $SSL_POLICY; PostgreSQL $ENGINE_VERSION"

  # The image is prepared (a training start of the application) while the servers start.
  S3_PORT=$(free_port)
  image_environment
  # Report slots every 10 s instead of daily (scenario 6).
  REPORT_SLOTS="*/10 * * * * *"
  postgres_binaries
  image_prepare_start
  tls_certificate
  s3_start
  postgres_init
  postgres_start
  postgres_database
  event "PostgreSQL ($PG_FROM) on port $PG_PORT, TLS required, database $DB_NAME of role $DB_OWNER"
  front_start
  spawn checker "$WORK/checker.log" bash "$HERE/front.sh" checker
  event "front on $FRONT_URL (HTTP $FRONT_HTTP_PORT)"
  image_prepare_wait
  event "image prepared as the Dockerfile prepares it (JAVA_OPTS: $TASK_JAVA_OPTS): $IMAGE_FROM"
  s3_wait
  instance_start a1
  instance_start a2
  wait_healthy a1
  wait_healthy a2
  event "topology up after $((SECONDS - RUN_START)) s"

  load_start

  local scenario
  for scenario in $SCENARIOS; do
    case "$scenario" in
      2) scenario_2_and_7 ;;
      3) scenario_3 "$(find "$WORK/targets" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort | head -1)" ;;
      *) "scenario_$scenario" ;;
    esac
  done

  load_stop
  report_runs_judge
  python3 "$HERE/driver.py" verify --out "$WORK" --psql "psql -X -h $WORK/pg/socket -p $PG_PORT -U $PG_ADMIN -d $DB_NAME" \
    --s3 "http://127.0.0.1:$S3_PORT" --bucket "$DATA_BUCKET_NAME"
  uptime | tee "$WORK/uptime.log"
  python3 "$HERE/driver.py" report --out "$WORK" --recovery-goal "$RECOVERY_GOAL" --fail-fast-ms "$FAIL_FAST_MS"
}

main "$@"
