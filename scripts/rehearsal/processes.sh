# shellcheck shell=bash
# The rehearsal's bookkeeping: clocks, the event log, the facts the judge reads, and every process it starts (each in
# a session of its own, so that it and its children stop together; the trap of scripts/rehearsal.sh stops them all).

now_ms() { date +%s%3N; }

say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# event WHAT...: one line in events.log, with the time in milliseconds
event() { printf '%s\t%s\n' "$(now_ms)" "$*" >>"$WORK/events.log"; say "$*"; }

# fact SCENARIO KEY VALUE: what the judge (driver.py report) reads about a scenario
fact() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$WORK/facts.tsv"; }

# scenario_window ID NAME START_MS END_MS
scenario_window() { printf '%s\t%s\t%s\t%s\n' "$@" >>"$WORK/scenarios.tsv"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# spawn NAME LOG COMMAND...: runs COMMAND in a new session; its pid (= its process group) goes to $WORK/pids/NAME
spawn() {
  local name="$1" log="$2"
  shift 2
  setsid "$@" >>"$log" 2>&1 </dev/null &
  echo "$!" >"$WORK/pids/$name"
}

pid_of() { cat "$WORK/pids/$1" 2>/dev/null || true; }

# alive PID: running and not a zombie waiting to be reaped
alive() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n "$state" && "$state" != Z ]]
}

# stop NAME [SIGNAL] [SECONDS]: signal the process, wait for it, then kill its whole group
stop() {
  local name="$1" signal="${2:-TERM}" grace="${3:-10}" pid
  pid=$(pid_of "$name")
  [[ -n "$pid" ]] || return 0
  kill "-$signal" "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + grace))
  while alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$WORK/pids/$name"
}

stop_everything() {
  local file
  for file in "$WORK"/pids/*; do
    [[ -e "$file" ]] || continue
    kill -TERM -- "-$(cat "$file")" 2>/dev/null || true
  done
  sleep 1
  for file in "$WORK"/pids/*; do
    [[ -e "$file" ]] || continue
    stop "$(basename "$file")" KILL 5
  done
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.5 s
wait_until() {
  local limit="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + limit))
  until "$@" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      say "timed out after ${limit}s waiting for $what"
      return 1
    fi
    sleep 0.5
  done
}
