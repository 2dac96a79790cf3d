#!/usr/bin/env bash
# How fast the files page answers for a user with 10,000 files: starts the application on its embedded defaults
# (./mvnw spring-boot:run in a temporary folder: the embedded PostgreSQL and the local object folder), seeds 10,000
# rows for one user straight into stored_files with psql (the list reads rows only; the objects are not needed and not
# written), signs in through the login form, and times each page variant (newest, by name, by size, a search, the last page) 20 times with curl. The
# reference, measured in the same run: the same page for a user with one file. Prints medians and the machine's load,
# then stops everything it started.
#
#   scripts/files-page-10k.sh [rows, default 10000]     # needs curl, psql (postgresql-client) and python3
set -euo pipefail

cd "$(dirname "$0")/.."
ROWS=${1:-10000}
for tool in curl psql python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (apt-get install -y curl postgresql-client python3)" >&2; exit 2; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/myamazingapp-files-page.XXXXXX")
APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ]; then # its own process group: Maven and the application it forked
    kill -- "-$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 -- "-$APP_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { # url seconds
  for _ in $(seq 1 "$2"); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 1; done
  echo "timed out waiting for $1" >&2; return 1
}

APP_PORT=$(free_port)
PORT="$APP_PORT" APP_COMMIT=files-page setsid ./mvnw -B -q -pl app spring-boot:run \
  -Dspring-boot.run.workingDirectory="$WORK" >"$WORK/app.log" 2>&1 &
APP_PID=$!
wait_for "http://127.0.0.1:$APP_PORT/actuator/health/readiness" 600
BASE="http://127.0.0.1:$APP_PORT"
PASSWORD="correct horse battery"
for who in many one; do
  curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$who@example.com\",\"password\":\"$PASSWORD\"}" \
    "$BASE/api/accounts" >/dev/null
done
curl -fsS -u "one@example.com:$PASSWORD" -H 'Content-Type: text/plain' --data-binary 'one file' \
  -X PUT "$BASE/api/files?name=only.txt" >/dev/null

# The embedded PostgreSQL's port is in its postmaster.pid (4th line).
DB_PORT=$(sed -n 4p "$WORK/.data/postgres/postmaster.pid")
export PGPASSWORD=postgres
psql -q -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -v rows="$ROWS" <<'SQL'
INSERT INTO stored_files (id, owner_id, original_name, content_type, size_bytes, sha256, storage_key, created_at)
SELECT gen_random_uuid(), a.id, 'file ' || n || ' of the big folder.txt', 'text/plain', 1 + (n * 7919) % 5000000,
       repeat('0', 64), 'files/' || gen_random_uuid(), now() - make_interval(secs => n)
FROM accounts a, generate_series(1, :rows) AS n
WHERE a.email = 'many@example.com';
ANALYZE stored_files;
SQL

# Signs in through the form (session cookie and CSRF cookie in a jar) and prints the jar's path.
sign_in() { # email
  local jar="$WORK/$1.cookies" token
  token=$(curl -fsS -c "$jar" -b "$jar" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "email=$1" --data-urlencode "password=$PASSWORD" \
    --data-urlencode "_csrf=$token" "$BASE/login"
  echo "$jar"
}

median_ms() { # cookie-jar path
  local times=()
  for _ in $(seq 1 20); do
    times+=("$(curl -fsS -o /dev/null -b "$1" -w '%{time_total}' "$BASE$2")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", 1000 * (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'
}

MANY=$(sign_in many@example.com)
ONE=$(sign_in one@example.com)
LAST_PAGE=$(( (ROWS - 1) / 20 ))
echo "files page, median of 20 requests each (ms), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-44s %8s\n' "reference: /files, a user with 1 file" "$(median_ms "$ONE" /files)"
for path in /files "/files?sort=name" "/files?sort=largest" "/files?q=file+9999+" "/files?page=$LAST_PAGE"; do
  printf '%-44s %8s\n' "$path, a user with $ROWS files" "$(median_ms "$MANY" "$path")"
done
echo "plans (EXPLAIN ANALYZE) of the name order and the search, $ROWS rows:"
psql -q -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres -At <<'SQL'
EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM stored_files
WHERE owner_id = (SELECT id FROM accounts WHERE email = 'many@example.com')
ORDER BY lower(original_name), id OFFSET 0 LIMIT 20;
EXPLAIN (ANALYZE, COSTS OFF) SELECT count(*) FROM stored_files
WHERE owner_id = (SELECT id FROM accounts WHERE email = 'many@example.com') AND original_name ILIKE '%file 9999 %';
SQL
