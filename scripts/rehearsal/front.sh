# shellcheck shell=bash
# shellcheck disable=SC2034 # what is set here is read by scripts/rehearsal.sh and the other parts
# The front standing in for ALB1: nginx for HTTPS, the HTTP -> HTTPS redirect and the X-Forwarded-*/X-Amzn-Trace-Id
# headers; the target group's health checks and the ECS agent's deregistration of a stopped task are this file's
# checker loop (open-source nginx has no active health checks): it rewrites nginx's upstream and reloads it.
#
# Sourced by scripts/rehearsal.sh; run as `front.sh checker` (with WORK and the HEALTH_* variables exported) it is the
# checker loop, in a process of its own.

# The listener's TLS policy: its protocol versions and TLS 1.2 ciphers (TLS 1.3's suites are the same everywhere).
tls_policy() {
  case "$SSL_POLICY" in
    ELBSecurityPolicy-TLS13-1-2-2021-06)
      TLS_PROTOCOLS="TLSv1.2 TLSv1.3"
      TLS_CIPHERS="ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-SHA256"
      TLS_CIPHERS+=":ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384"
      TLS_CIPHERS+=":ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES256-SHA384"
      ;;
    ELBSecurityPolicy-TLS13-1-2-Res-2021-06)
      TLS_PROTOCOLS="TLSv1.2 TLSv1.3"
      TLS_CIPHERS="ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384"
      TLS_CIPHERS+=":ECDHE-RSA-AES256-GCM-SHA384"
      ;;
    ELBSecurityPolicy-TLS13-1-3-2021-06)
      TLS_PROTOCOLS="TLSv1.3"
      TLS_CIPHERS="DEFAULT"
      ;;
    *)
      say "the HTTPS listener's policy '$SSL_POLICY' is not known to the rehearsal: add it to tls_policy in $0"
      return 1
      ;;
  esac
}

front_start() {
  tls_policy
  local dir="$WORK/nginx" user=""
  FRONT_HTTPS_PORT=$(free_port)
  FRONT_HTTP_PORT=$(free_port)
  FRONT_URL="https://127.0.0.1:$FRONT_HTTPS_PORT"
  mkdir -p "$dir/tmp" "$WORK/targets"
  if [[ $(id -u) -eq 0 ]]; then
    user="user nobody $(id -gn nobody);"
    chown nobody "$dir/tmp"
  fi
  : >"$dir/upstream.conf"
  cat >"$dir/nginx.conf" <<EOF
$user
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  log_format front '\$msec \$request_time \$status \$upstream_addr \$upstream_status "\$request_method \$request_uri" '
                   '"\$amzn_trace_id"';
  access_log $dir/access.log front;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  server_tokens off;
  # The ALB has no body limit of its own (the application answers over-sized uploads) and streams bodies both ways.
  client_max_body_size 0;
  proxy_request_buffering off;
  proxy_buffering off;
  # Connections from clients end with each response: reloads (how targets come and go here) then never break a
  # connection a client is about to reuse; the ALB changes targets without touching client connections.
  keepalive_timeout 0;

  # X-Amzn-Trace-Id as the ALB sets it: kept when the client sent one, else Root=1-<8 hex>-<24 hex> (the ALB's first
  # part is the time in hex; here it is random).
  map \$request_id \$new_trace_id {
    "~^(?<first>[0-9a-f]{8})(?<rest>[0-9a-f]{24})\$" "Root=1-\$first-\$rest";
  }
  map \$http_x_amzn_trace_id \$amzn_trace_id {
    "" \$new_trace_id;
    default \$http_x_amzn_trace_id;
  }

  upstream target_group1 {
    include $dir/upstream.conf;
  }

  # listener2: HTTP -> HTTPS, $REDIRECT_STATUS (the ALB's redirect keeps host, path and query).
  server {
    listen 127.0.0.1:$FRONT_HTTP_PORT;
    return $REDIRECT_STATUS https://\$host:$FRONT_HTTPS_PORT\$request_uri;
  }

  # listener1: HTTPS with the policy's protocols, forwarding to the healthy targets, round robin.
  server {
    listen 127.0.0.1:$FRONT_HTTPS_PORT ssl;
    ssl_certificate $WORK/tls/cert.pem;
    ssl_certificate_key $WORK/tls/key.pem;
    ssl_protocols $TLS_PROTOCOLS;
    ssl_ciphers $TLS_CIPHERS;
    ssl_prefer_server_ciphers on;
    location / {
      proxy_pass http://target_group1;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto https;
      proxy_set_header X-Forwarded-Port \$server_port;
      proxy_set_header X-Amzn-Trace-Id \$amzn_trace_id;
      # The ALB sends a request to one target and never retries it on another; nor does it mark targets down
      # from failed requests (only health checks do).
      proxy_next_upstream off;
      proxy_connect_timeout 10s;
      # The ALB's idle timeout.
      proxy_read_timeout 60s;
      proxy_send_timeout 60s;
    }
  }

  # No target registered: the ALB answers 503.
  server {
    listen unix:$dir/no-targets.sock;
    return 503;
  }
}
EOF
  front_write_upstream
  nginx -t -q -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' 2>>"$dir/error.log" \
    || { cat "$dir/error.log" >&2; return 1; }
  spawn nginx "$WORK/nginx.log" nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;'
  wait_until 10 "the front" curl -s -o /dev/null "http://127.0.0.1:$FRONT_HTTP_PORT/"
}

# The targets that receive requests: the healthy ones; when none is healthy, every registered one that is not draining
# (the ALB fails open); none registered: the 503 above.
front_write_upstream() {
  local dir target state healthy=() registered=() servers=()
  for dir in "$WORK"/targets/*/; do
    [[ -d "$dir" ]] || continue
    target="127.0.0.1:$(cat "$dir/port")"
    state=$(cat "$dir/state")
    [[ "$state" == healthy ]] && healthy+=("$target")
    [[ "$state" == healthy || "$state" == unhealthy ]] && registered+=("$target")
  done
  if ((${#healthy[@]})); then
    servers=("${healthy[@]}")
  elif ((${#registered[@]})); then
    servers=("${registered[@]}")
  fi
  {
    if ((${#servers[@]})); then
      printf 'server %s max_fails=0;\n' "${servers[@]}"
    else
      printf 'server unix:%s max_fails=0;\n' "$WORK/nginx/no-targets.sock"
    fi
  } >"$WORK/nginx/upstream.conf.new"
  if ! cmp -s "$WORK/nginx/upstream.conf.new" "$WORK/nginx/upstream.conf"; then
    mv "$WORK/nginx/upstream.conf.new" "$WORK/nginx/upstream.conf"
    return 0
  fi
  rm -f "$WORK/nginx/upstream.conf.new"
  return 1
}

# front_sync: the upstream from the targets' states, and a reload when it changed (one writer at a time)
front_sync() {
  (
    flock 9
    if front_write_upstream && [[ -f "$WORK/nginx/nginx.pid" ]]; then
      kill -HUP "$(cat "$WORK/nginx/nginx.pid")"
      # nginx starts the new workers at once; the old ones finish what they have in flight, then leave.
      sleep 0.3
    fi
  ) 9>"$WORK/nginx/sync.lock"
}

# target_set NAME STATE [WHY]
target_set() {
  local name="$1" state="$2" why="${3:-}"
  [[ -d "$WORK/targets/$name" ]] || return 0
  [[ "$(cat "$WORK/targets/$name/state")" == "$state" ]] && return 0
  echo "$state" >"$WORK/targets/$name/state"
  event "target $name $state${why:+ ($why)}"
  front_sync
  # The state nginx really applies from now on: the reload comes after the state's file is written.
  [[ -d "$WORK/targets/$name" ]] && echo "$state" >"$WORK/targets/$name/applied"
  return 0
}

target_state() { cat "$WORK/targets/$1/state" 2>/dev/null || echo gone; }
target_applied() { [[ "$(cat "$WORK/targets/$1/applied" 2>/dev/null)" == "$2" ]]; }

# A new target is 'initial' until it passes the healthy threshold; the first check comes at once.
target_register() {
  local dir="$WORK/targets/$1"
  mkdir -p "$dir"
  echo "$2" >"$dir/port"
  echo initial >"$dir/state"
  echo 0 >"$dir/passes"
  echo 0 >"$dir/failures"
  echo 0 >"$dir/next"
}

# Deregistration: no new requests from now on; what is in flight goes on. (Under the checks' lock, so that a check
# finishing at the same moment cannot put the target back.)
target_drain() {
  (
    flock 8
    target_set "$1" draining "${2:-deregistered}"
  ) 8>"$WORK/targets/.check.lock"
}

target_remove() {
  rm -rf "${WORK:?}/targets/$1"
  event "target $1 removed"
  front_sync
}

# One health check of one target, as the target group does it: path, timeout, matcher, thresholds.
health_check() {
  local dir="$1" name code passes failures state
  name=$(basename "$dir")
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time "$HEALTH_TIMEOUT" \
    "http://127.0.0.1:$(cat "$dir/port")$HEALTH_PATH" 2>/dev/null) || true
  (
    flock 8
    [[ -d "$dir" ]] || exit 0
    state=$(cat "$dir/state")
    [[ "$state" == draining ]] && exit 0
    if [[ ",$HEALTH_CODES," == *",$code,"* ]]; then
      passes=$(($(cat "$dir/passes") + 1))
      echo "$passes" >"$dir/passes"
      echo 0 >"$dir/failures"
      if [[ "$state" != healthy ]] && ((passes >= HEALTHY_THRESHOLD)); then
        target_set "$name" healthy "$passes checks passed"
      fi
    else
      failures=$(($(cat "$dir/failures") + 1))
      echo "$failures" >"$dir/failures"
      echo 0 >"$dir/passes"
      if [[ "$state" == healthy ]] && ((failures >= UNHEALTHY_THRESHOLD)); then
        target_set "$name" unhealthy "$failures checks failed, last answer ${code:-none}"
        echo "$(now_ms) $name" >>"$WORK/unhealthy.log"
      elif [[ "$state" == initial ]] && ((failures >= UNHEALTHY_THRESHOLD)); then
        target_set "$name" unhealthy "$failures checks failed, last answer ${code:-none}"
      fi
    fi
  ) 8>"$WORK/targets/.check.lock"
}

# Every second: the checks that are due (each target every HEALTH_INTERVAL s), and what the ECS agent does when a
# task's process ends without being asked to: it deregisters the task's target.
checker_loop() {
  local dir name pid now
  while [[ ! -e "$WORK/checker.stop" ]]; do
    now=$(date +%s)
    for dir in "$WORK"/targets/*/; do
      [[ -d "$dir" ]] || continue
      name=$(basename "$dir")
      pid=$(cat "$WORK/pids/$name" 2>/dev/null || true)
      if [[ "$(cat "$dir/state")" != draining ]] && { [[ -z "$pid" ]] || ! alive "$pid"; }; then
        if [[ -e "$WORK/instances/$name/stopping" ]]; then
          target_drain "$name" "its process ended: ECS deregisters the stopped task"
        else
          target_drain "$name" "its process ended by itself: ECS deregisters it and starts a replacement"
        fi
        continue
      fi
      if ((now >= $(cat "$dir/next"))); then
        echo $((now + HEALTH_INTERVAL)) >"$dir/next"
        health_check "$dir" &
      fi
    done
    sleep 1
  done
  wait
}

if [[ "${BASH_SOURCE[0]}" == "$0" && "${1:-}" == checker ]]; then
  set -uo pipefail
  # shellcheck source=processes.sh
  source "$(dirname "$0")/processes.sh"
  checker_loop
fi
