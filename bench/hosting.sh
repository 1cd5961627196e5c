#!/usr/bin/env bash
# Host throughput, with wrk and bench/callback-post.lua (every reply checked): the floor (a bare .ashx
# of bench/BenchSite that only answers) on the reference minimal host (bench/MinimalHost: HttpListener
# inside the ASP.NET domain, nothing else), on the dev host and behind nginx + fastcgi-mono-server4; then a
# real callback POST of tests/TestSite on the dev host and on nginx with 1, 2 and 4 back ends. Build first in the configuration
# to measure (CONFIGURATION=Release ./build.sh build for published numbers).
#
#   bench/hosting.sh [DURATION_SECONDS]     (default 10; loopback only; build first: ./build.sh build)
#   HOSTING_PARTS=floors bench/hosting.sh   only the floors (./build.sh bench runs it so, twice)
#
# Each host first gets a few callbacks one by one (it compiles the page: 8 concurrent first requests
# for an uncompiled page stalled Mono for seconds), then a 3 s warm-up run (JIT), then the measure.
# Prints one RESULT line per host; docs/RESULTS.md keeps the numbers.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${1:-10}"
PARTS="${HOSTING_PARTS:-floors,callbacks}"
CONFIGURATION="${CONFIGURATION:-Debug}"
DEVHOST="$ROOT/src/CallbackControls.DevHost/bin/$CONFIGURATION/net472/CallbackControls.DevHost.exe"
SITE="$ROOT/tests/TestSite"
BENCH_SITE="$ROOT/bench/BenchSite"
MINIMAL="$ROOT/bench/MinimalHost/bin/$CONFIGURATION/net472/MinimalHost.exe"
LUA="$ROOT/bench/callback-post.lua"
WRK=(wrk -t2 -c8 --timeout 5s -s "$LUA")
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }

TMP="$(mktemp -d)"
HOST_PID=""
stop_host() {
  if [ -n "$HOST_PID" ]; then
    kill -TERM "$HOST_PID" 2>/dev/null || true
    wait "$HOST_PID" 2>/dev/null || true
    HOST_PID=""
  fi
}
trap 'stop_host; rm -rf "$TMP"' EXIT

wait_url() { # file pid
  local deadline=$((SECONDS + 120))
  until [ -s "$1" ]; do
    kill -0 "$2" 2>/dev/null || { echo "host exited" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "host did not start" >&2; exit 1; }
    sleep 0.2
  done
  head -1 "$1" | sed 's:/*$::'
}

token_of() { # url [control]: the token Echo.aspx renders for a control, "Other" by default (every back end shares the machine key)
  curl -s --max-time 60 "$1/Echo.aspx" | tr -d '\n' | grep -o "data-cc-options=\"[^\"]*callbackId&quot;:&quot;${2:-Other}&quot;[^\"]*\"" \
    | grep -o 'token&quot;:&quot;[^&]*' | sed 's/token&quot;:&quot;//'
}

timed() { # label url [callback-post.lua args...]: a 3 s warm-up run (JIT), then the measured run's RESULT line
  local label="$1" url="$2"
  shift 2
  "${WRK[@]}" -d3s "$url" -- "$@" >/dev/null
  printf '%-40s ' "$label"
  "${WRK[@]}" -d"${DURATION}s" "$url" -- "$@" | grep '^RESULT' | sed 's/^RESULT //'
}

measure() { # label url
  local i token
  token="$(token_of "$2")"
  for i in 1 2 3 4; do # round robin: one each for up to four back ends
    curl -s -o /dev/null --max-time 60 -H 'Content-Type: application/x-www-form-urlencoded' -H "X-CallbackControls-Token: $token" \
      --data '__EVENTTARGET=&__CALLBACKID=Other&__CALLBACKPARAM=%7B%22v%22%3A1%2C%22arg%22%3A%22x%22%7D' "$2/Echo.aspx"
  done
  timed "$1" "$2" "$token"
}

measure_method() { # label url: the same call answered by a page method (OtherFast, OtherByMethod)
  timed "$1" "$2" "$(token_of "$2" OtherFast)" /Echo.aspx other:x POST OtherByMethod OtherFast
}

floor() { # label url
  local i
  for i in 1 2 3 4; do curl -s -o /dev/null --max-time 60 "$2/Bare.ashx"; done
  timed "$1" "$2" "" /Bare.ashx ok GET
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 5096; }

echo "floor: GET /Bare.ashx (bench/BenchSite)"
port="$(free_port)"
mono "$MINIMAL" "$BENCH_SITE" "$port" >"$TMP/minimal.url" 2>"$TMP/minimal.log" &
HOST_PID=$!
floor "minimal host (reference)" "$(wait_url "$TMP/minimal.url" "$HOST_PID")"
stop_host

mono "$DEVHOST" --site "$BENCH_SITE" --port 0 --quiet --url-file "$TMP/devhost-floor.url" >"$TMP/devhost.log" 2>&1 &
HOST_PID=$!
floor "dev host" "$(wait_url "$TMP/devhost-floor.url" "$HOST_PID")"
stop_host

port="$(free_port)"
"$ROOT/samples/nginx/run.sh" --url-file "$TMP/nginx-floor.url" "$BENCH_SITE" "$port" 1 >"$TMP/nginx.log" 2>&1 &
HOST_PID=$!
floor "nginx + fastcgi-mono-server4 (1 back end)" "$(wait_url "$TMP/nginx-floor.url" "$HOST_PID")"
stop_host

[[ "$PARTS" == *callbacks* ]] || exit 0

echo "callback: POST /Echo.aspx (tests/TestSite)"
mono "$DEVHOST" --site "$SITE" --port 0 --quiet --url-file "$TMP/devhost.url" >"$TMP/devhost.log" 2>&1 &
HOST_PID=$!
url="$(wait_url "$TMP/devhost.url" "$HOST_PID")"
measure "dev host (HttpListener, in process)" "$url"
measure_method "dev host, page method" "$url"
stop_host

name="fastcgi-mono-server4"
for backends in 1 2 4; do
  port="$(free_port)"
  "$ROOT/samples/nginx/run.sh" --url-file "$TMP/nginx.url" "$SITE" "$port" "$backends" >"$TMP/nginx.log" 2>&1 &
  HOST_PID=$!
  url="$(wait_url "$TMP/nginx.url" "$HOST_PID")"
  measure "nginx + $name ($backends back end$([ "$backends" -eq 1 ] || echo s))" "$url"
  measure_method "nginx + $name ($backends), page method" "$url"
  stop_host
  rm -f "$TMP/nginx.url"
done
