# shellcheck shell=bash
# The scenarios. Each records its window (scenarios.tsv) and what it saw (facts.tsv); driver.py report judges them
# against the request log, so every scenario runs under the same steady load.

begin() { SCENARIO_START=$(now_ms); event "scenario $1: $2"; }
end() { scenario_window "$1" "$2" "$SCENARIO_START" "$(now_ms)"; }

# instances that ended without being asked to (the ECS service would have replaced them) since the start of the run
unexpected_exits() { grep -c 'ended by itself' "$WORK/events.log" || true; }
unhealthy_since() { awk -v since="$1" '$1 >= since' "$WORK/unhealthy.log" 2>/dev/null | wc -l; }

# clean_since MS: since the last failed request that ended after MS, the load has run clean for CLEAN_MS, with at least
# ten requests answered
clean_since() {
  awk -F'\t' -v since="$1" -v now="$(now_ms)" -v clean="$CLEAN_MS" '
    { failed = $3 == "dropped" || $4 < 200 || $4 >= 400 || $6 == "signed-out" }
    failed && $2 > last { last = $2 }
    !failed { ok[NR] = $1 }
    END {
      if (last < since) last = since
      for (i in ok) if (ok[i] > last) n++
      exit !(now - last >= clean && n >= 10)
    }' "$WORK/requests.tsv"
}

# settle FAULT_END_MS: the rest of a fault scenario's window, until its recovery is over (at most the goal and 2 s)
settle() {
  local deadline=$((SECONDS + RECOVERY_GOAL + 2))
  until clean_since "$1" || ((SECONDS >= deadline)); do sleep 0.5; done
}

wait_healthy() {
  local name="$1" limit="${2:-180}" deadline=$((SECONDS + ${2:-180}))
  until [[ "$(target_state "$name")" == healthy ]]; do
    if ! alive "$(pid_of "$name")"; then
      say "instance $name ended while starting; its last lines:"
      tail -20 "$WORK/$name.log" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      say "instance $name not healthy after ${limit}s"
      return 1
    fi
    sleep 0.5
  done
}

# release_old NAME: what ECS does to a task it replaces: deregister, wait the deregistration delay, SIGTERM, and
# SIGKILL when the container has not stopped within the stop timeout. RELEASED says how it ended.
release_old() {
  local name="$1" pid started code
  pid=$(pid_of "$name")
  touch "$WORK/instances/$name/stopping"
  target_drain "$name" "replaced by the release"
  sleep "$DRAIN_DELAY"
  started=$(now_ms)
  kill -TERM "$pid"
  event "instance $name: SIGTERM"
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
  if alive "$pid"; then
    kill -KILL "$pid"
    event "instance $name: SIGKILL after the stop timeout of ${STOP_TIMEOUT}s"
    RELEASED="$name killed after the stop timeout"
  else
    RELEASED="$name stopped $(($(now_ms) - started)) ms after SIGTERM"
  fi
  code=0
  wait "$pid" || code=$?
  rm -f "$WORK/pids/$name"
  target_remove "$name"
  event "instance $name exited with $code"
}

# 1: the pipeline's smoke test, unchanged, against the front; and the front itself against what the ALB does.
scenario_1() {
  begin 1 "smoke test"
  local code=0 problems=() answer
  CURL_CA_BUNDLE="$WORK/tls/cert.pem" BASE_URL="$FRONT_URL" EXPECTED_COMMIT="$APP_COMMIT" \
    SMOKE_TEST_TIMEOUT_SECONDS=60 SMOKE_TEST_INTERVAL_SECONDS=2 \
    bash "$ROOT/infra/buildspecs/scripts/smoke-test.sh" >"$WORK/smoke-test.log" 2>&1 || code=$?
  fact 1 smoke "$code"
  answer=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$FRONT_HTTP_PORT/login?x=1")
  [[ "$answer" == "$REDIRECT_STATUS https://127.0.0.1:$FRONT_HTTPS_PORT/login?x=1" ]] \
    || problems+=("HTTP answered '$answer', not a $REDIRECT_STATUS to HTTPS")
  for version in tls1 tls1_1 tls1_2 tls1_3; do
    local allowed=no
    case " $TLS_PROTOCOLS " in *" TLSv${version#tls}"* | *" TLSv1.${version#tls1_} "*) allowed=yes ;; esac
    [[ "$version" == tls1 && " $TLS_PROTOCOLS " != *" TLSv1 "* ]] && allowed=no
    if openssl s_client "-$version" -connect "127.0.0.1:$FRONT_HTTPS_PORT" </dev/null >/dev/null 2>&1; then
      [[ "$allowed" == yes ]] || problems+=("the front accepts $version")
    else
      [[ "$allowed" == no ]] || problems+=("the front refuses $version")
    fi
  done
  # The trace id the front made reached the application (it answers it as X-Request-Id); behind the front the
  # application sees https (Spring Security sends HSTS on secure requests only).
  answer=$(curl -s -o /dev/null -D - --cacert "$WORK/tls/cert.pem" "$FRONT_URL/login" | tr -d '\r')
  grep -qiE '^x-request-id: Root=1-[0-9a-f]{8}-[0-9a-f]{24}$' <<<"$answer" \
    || problems+=("no ALB-style trace id came back as X-Request-Id")
  grep -qi '^strict-transport-security: ' <<<"$answer" \
    || problems+=("the application did not see https (no Strict-Transport-Security)")
  answer=$(postgres_connections_encrypted)
  [[ "$answer" =~ ^0\|[1-9] ]] || problems+=("connections without TLS|all: $answer")
  fact 1 note "smoke test passed; HTTP $REDIRECT_STATUS to HTTPS; TLS ${TLS_PROTOCOLS// /, } only; trace id and \
X-Forwarded-Proto reach the app; ${answer#*|} database connections, all TLS"
  if ((${#problems[@]})); then fact 1 problem "$(IFS=';'; echo "${problems[*]}")"; fi
  end 1 "smoke test"
}

# 2: two rolling steps; 7: large uploads in flight on the instance the second step stops.
scenario_2_and_7() {
  begin 2 "rolling release x2"
  local start2=$SCENARIO_START exits_before first
  exits_before=$(unexpected_exits)
  instance_start b1
  wait_healthy b1
  SLOT_6=$((($(date +%s) / 10 + 1) * 10))
  instance_start b2 # the second new task starts while the first old one drains
  release_old a1
  first=$RELEASED
  if [[ "$first" == *killed* ]]; then fact 2 problem "$first"; fi
  wait_healthy b2

  SCENARIO_START=$(now_ms)
  event "scenario 7: large uploads while their instance is drained and stopped"
  big_uploads_start
  sleep 2
  release_old a2
  if [[ "$RELEASED" == *killed* ]]; then fact 7 problem "$RELEASED: it did not close by itself"; fi
  big_uploads_wait
  fact 7 note "$RELEASED; $(big_uploads_judge)"
  end 7 "uploads in flight on a stopped instance"

  SCENARIO_START=$start2
  fact 2 restarts $(($(unexpected_exits) - exits_before))
  fact 2 note "a1 and a2 replaced by b1 and b2; $first; $RELEASED"
  end 2 "rolling release x2"
}

# 32 MiB uploads at three speeds, three of each (the front spreads them over the targets). With the default
# deregistration delay of 10 s the SIGTERM comes 12 s after they start, and the graceful shutdown ends 20 s later: done
# before the SIGTERM (8 s), done within the graceful shutdown (16 s), still running when it ends (34 s).
BIG_MIB=32
big_uploads_start() {
  local i rate
  head -c $((BIG_MIB * 1024 * 1024)) /dev/urandom >"$WORK/big.bin"
  BIG_SHA=$(sha256sum "$WORK/big.bin" | cut -d' ' -f1)
  mkdir -p "$WORK/big"
  i=0
  for rate in 4M 2M 960K 4M 2M 960K 4M 2M 960K; do
    i=$((i + 1))
    (
      curl -s --cacert "$WORK/tls/cert.pem" --limit-rate "$rate" -H @"$WORK/big.auth" \
        -H 'Content-Type: application/octet-stream' -T "$WORK/big.bin" --max-time 180 \
        -o "$WORK/big/$i.body" -w '%{http_code}' "$FRONT_URL/api/files?name=big-$i-$RUN_ID.bin" \
        >"$WORK/big/$i.status" 2>/dev/null || true
    ) &
    echo "$!" >>"$WORK/big/pids"
  done
}

big_uploads_wait() {
  local pid
  while read -r pid; do wait "$pid" 2>/dev/null || true; done <"$WORK/big/pids"
}

# Each large upload is either acknowledged and complete (row and object, same checksum) or refused with nothing stored.
big_uploads_judge() {
  local i status row complete=0 refused=0 bad=0 on_stopped=0 a2_port
  a2_port=$(cat "$WORK/instances/a2/port")
  on_stopped=$(grep -c "127.0.0.1:$a2_port .*\"PUT /api/files?name=big-" "$WORK/nginx/access.log" || true)
  for ((i = 1; i <= 9; i++)); do
    status=$(cat "$WORK/big/$i.status" 2>/dev/null || echo 000)
    row=$(psql_admin -d "$DB_NAME" -At -c \
      "select sha256 || ' ' || size_bytes from stored_files where original_name = 'big-$i-$RUN_ID.bin'")
    if [[ "$status" == 201 && "$row" == "$BIG_SHA $((BIG_MIB * 1024 * 1024))" ]]; then
      complete=$((complete + 1))
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$SCENARIO_START" "$(now_ms)" \
        "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/big/$i.body")" \
        "big-$i-$RUN_ID.bin" "$BIG_SHA" $((BIG_MIB * 1024 * 1024)) >>"$WORK/acked.tsv"
    elif [[ "$status" != 201 && -z "$row" ]]; then
      refused=$((refused + 1))
    else
      bad=$((bad + 1))
      event "large upload $i: answered $status, stored '$row'"
    fi
  done
  fact 7 incomplete "$bad"
  echo "$complete acknowledged and complete, $refused refused with no row, $on_stopped PUTs went to a2"
}

# 6: every instance fires each slot of the schedule (every 10 s here); exactly one run claims a slot, and a report
# date is published once. This scenario watches one slot; report_runs_judge looks at every slot of the run.
# When scenario 2 ran first, the slot watched is the first one after its first new instance became healthy: three
# instances fire it.
scenario_6() {
  event "scenario 6: report slot on every instance"
  local slot="${SLOT_6:-$((($(date +%s) / 10 + 1) * 10))}" slot_iso outcomes claims taken rows
  SCENARIO_START=$((slot * 1000 - 1000))
  slot_iso=$(date -u -d "@$slot" +%Y-%m-%dT%H:%M:%SZ)
  while (($(date +%s) < slot + 8)); do sleep 1; done
  outcomes=$(report_outcomes | awk -v slot="$slot_iso" '$1 == slot {print $2}')
  claims=$(grep -cE '^(PUBLISHED|ALREADY_PUBLISHED)$' <<<"$outcomes" || true)
  taken=$(grep -c '^SLOT_ALREADY_RUN$' <<<"$outcomes" || true)
  rows=$(psql_admin -d "$DB_NAME" -At -c "select count(*) from report_runs where slot = '$slot_iso'")
  fact 6 note "slot $slot_iso: $((claims + taken)) instances ran it, $claims claimed it, $taken found it taken"
  if ((claims + taken < 2)); then fact 6 problem "only $((claims + taken)) instances ran slot $slot_iso"; fi
  if ((claims != 1)) || [[ "$rows" != 1 ]]; then
    fact 6 problem "slot $slot_iso: $claims claims, $rows rows in report_runs"
  fi
  scenario_window 6 "report slot on every instance" "$SCENARIO_START" $(((slot + 8) * 1000))
}

# "SLOT OUTCOME" for every report run any instance logged
report_outcomes() {
  cat "$WORK"/[ab][0-9].log | grep -o 'report run schedule for slot [^ ]*: [A-Z_]*' \
    | sed 's/report run schedule for slot \([^ ]*\): \(.*\)/\1 \2/' || true
}

# Over the whole run: no slot claimed twice, each report date published once (in the logs and in report_runs).
report_runs_judge() {
  local twice published dates
  twice=$(report_outcomes | awk '$2 == "PUBLISHED" || $2 == "ALREADY_PUBLISHED" {n[$1]++} END {for (s in n) if (n[s] > 1) c++; print c + 0}')
  published=$(report_outcomes | grep -c ' PUBLISHED$' || true)
  dates=$(psql_admin -d "$DB_NAME" -At -c "select count(distinct report_date) || ' ' || count(*)
    from report_runs where outcome = 'published'")
  fact 6 note "$(report_outcomes | wc -l) runs of $(report_outcomes | cut -d' ' -f1 | sort -u | wc -l) slots in the run: \
$twice claimed twice, $published published (report dates, publishes: $dates)"
  if ((twice)) || [[ "$dates" != "$published $published" ]] || ((published < 1)); then
    fact 6 problem "report runs: $twice slots claimed twice; $published publishes for report dates/publishes $dates"
  fi
}

# 3: kill -9 of one instance. Only what was on its way to it may fail; its signed-in users go on on the other one.
scenario_3() {
  begin 3 "kill -9 of an instance"
  local victim="$1" pid killed gone
  sleep 1
  pid=$(pid_of "$victim")
  touch "$WORK/instances/$victim/stopping"
  killed=$(now_ms)
  kill -KILL "$pid"
  event "instance $victim: kill -9"
  fact 3 fault_start "$killed"
  fact 3 fault_end "$killed"
  wait_until 15 "the front to stop sending to $victim" target_applied "$victim" draining
  gone=$(now_ms)
  fact 3 deregistered "$gone"
  wait "$pid" 2>/dev/null || true
  rm -f "$WORK/pids/$victim"
  # Long enough for each signed-in user to be served again, by the other instance.
  sleep 5
  target_remove "$victim"
  fact 3 note "$victim out of the front $((gone - killed)) ms after the kill; its users went on on the other one"
  end 3 "kill -9 of an instance"
}

# 4: PostgreSQL stopped for 60 s, as a failover looks from the tasks.
scenario_4() {
  begin 4 "PostgreSQL stopped ${DB_OUTAGE}s"
  local exits_before since pids_before back
  exits_before=$(unexpected_exits)
  pids_before=$(cat "$WORK"/pids/[ab]* | sort | tr '\n' ' ')
  since=$(now_ms)
  sleep 2
  fact 4 fault_start "$(now_ms)"
  postgres_stop
  event "PostgreSQL stopped"
  sleep "$DB_OUTAGE"
  postgres_start
  back=$(now_ms)
  fact 4 fault_end "$back"
  event "PostgreSQL accepts connections again"
  settle "$back"
  fact 4 restarts $(($(unexpected_exits) - exits_before))
  fact 4 unhealthy "$(unhealthy_since "$since")"
  [[ "$(cat "$WORK"/pids/[ab]* | sort | tr '\n' ' ')" == "$pids_before" ]] || fact 4 problem "instances changed"
  fact 4 note "the instances kept their processes and stayed in the front"
  end 4 "PostgreSQL stopped ${DB_OUTAGE}s"
}

# 5: the S3 server stopped for 30 s, then started again: away 30 s plus its restart (a guess of the restart's length
# made it answer again after only 20 s in one run).
scenario_5() {
  begin 5 "S3 stopped ${S3_OUTAGE}s"
  local exits_before since stopped back
  exits_before=$(unexpected_exits)
  since=$(now_ms)
  sleep 2
  stopped=$(now_ms)
  fact 5 fault_start "$stopped"
  s3_stop
  event "S3 server stopped"
  sleep "$S3_OUTAGE"
  s3_start
  s3_wait
  back=$(now_ms)
  fact 5 fault_end "$back"
  event "S3 server answers again, $(((back - stopped) / 1000)) s after it stopped"
  settle "$back"
  fact 5 restarts $(($(unexpected_exits) - exits_before))
  fact 5 unhealthy "$(unhealthy_since "$since")"
  fact 5 note "away $(((back - stopped) / 1000)) s; uploads and downloads answered 503 while it was away"
  end 5 "S3 stopped ${S3_OUTAGE}s"
}
