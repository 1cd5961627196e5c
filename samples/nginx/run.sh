#!/usr/bin/env bash
# Serves an ASP.NET Web Forms site the way it is deployed on Linux: nginx in front of one or more
# fastcgi-mono-server4 back ends, each listening on its own Unix socket, used round robin.
# Everything runs in the foreground out of one temporary directory (config, sockets, pid, logs,
# temp files); Ctrl+C or SIGTERM stops nginx and every back end and removes that directory.
#
#   samples/nginx/run.sh [--url-file FILE] SITE_DIR PORT [BACKENDS]
#
#   SITE_DIR         the site folder: Web.config, pages, and bin/ already built (./build.sh build)
#   PORT             nginx listens on 127.0.0.1:PORT
#   BACKENDS         how many back-end processes to start (default 1). Several back ends need
#                    one <machineKey> shared by all of them so they accept each other's ViewState
#                    and call tokens (the sample's: App_Data/machineKey.config, made by ./build.sh).
#   --url-file FILE  once the site answers, write its URL to FILE (for tests and scripts)
#   SURVIVE_BACKEND_EXIT=1 (environment): a back end that dies is logged and nginx keeps sending
#                    requests to the others (it skips a dead socket by itself); the script stops only
#                    when nginx or the last back end is gone. Default: stop at the first death.
#   PUSH_BUFFERED=1 (environment): nginx buffers push streams whatever the application says (it ignores
#     X-Accel-Buffering), as a proxy that buffers would; pages then fall back to long polling. For trying
#     that fallback; never in production.
#   RESTART_BACKENDS=1 (environment): a back end that dies is started again on its socket, as a
#                    service manager would (implies SURVIVE_BACKEND_EXIT=1).
#
# Prints the site's URL once every back end answers, and where the logs are (logs: DIR):
# DIR/access.log names the back end that answered each request (upstream=unix:...backend-N.sock).
# Needs nginx (Debian: nginx-light) and fastcgi-mono-server4 (mono-fastcgi-server4);
# `./build.sh nginx` installs both, builds, and runs this script on the sample site.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMPLATE="$HERE/nginx.conf.template"

log() { printf 'nginx/run.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
usage() { sed -n '7,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# ---- arguments --------------------------------------------------------------------------------
URL_FILE=""
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --url-file) [ $# -ge 2 ] || usage; URL_FILE="$2"; shift 2 ;;
    --url-file=*) URL_FILE="${1#*=}"; shift ;;
    # The dev host's FastCGI back end is gone (issue 22: we ship controls, not a web server);
    # `--backend mono`, the only kind left, is still accepted from older callers.
    --backend|--backend=*)
      if [ "$1" = --backend ]; then [ $# -ge 2 ] || usage; kind="$2"; shift 2; else kind="${1#*=}"; shift; fi
      [ "$kind" = mono ] || die "--backend $kind: the only back end is fastcgi-mono-server4 (the dev host's FastCGI mode was removed)" ;;
    -h|--help) usage ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
[ "${#ARGS[@]}" -ge 2 ] && [ "${#ARGS[@]}" -le 3 ] || usage
SITE_DIR="${ARGS[0]}"
PORT="${ARGS[1]}"
BACKENDS="${ARGS[2]:-1}"
[[ "$PORT" =~ ^[0-9]+$ ]] && [ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ] || die "PORT must be 1-65535, not '$PORT'"
[[ "$BACKENDS" =~ ^[0-9]+$ ]] && [ "$BACKENDS" -ge 1 ] && [ "$BACKENDS" -le 32 ] || die "BACKENDS must be 1-32, not '$BACKENDS'"
[ -d "$SITE_DIR" ] || die "no such site folder: $SITE_DIR"
SITE_DIR="$(cd "$SITE_DIR" && pwd)"
[ -f "$SITE_DIR/Web.config" ] || [ -f "$SITE_DIR/web.config" ] || die "$SITE_DIR has no Web.config"
compgen -G "$SITE_DIR/bin/*.dll" >/dev/null || die "$SITE_DIR/bin has no assemblies: build first (./build.sh build)"
case "$SITE_DIR" in *'"'*|*'$'*|*';'*|*'{'*|*'}'*) die "the site path must not contain \" \$ ; { or }: $SITE_DIR" ;; esac

# ---- tools ------------------------------------------------------------------------------------
# nginx lives in /usr/sbin, which is not on an ordinary user's PATH on Debian.
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
FASTCGI="${FASTCGI_MONO_SERVER:-$(command -v fastcgi-mono-server4 || true)}"
NGINX_CONF_DIR="${NGINX_CONF_DIR:-/etc/nginx}"
[ -x "$NGINX" ] || die "nginx not found: apt-get install nginx-light (or ./build.sh nginx)"
[ -n "$FASTCGI" ] || die "fastcgi-mono-server4 not found: apt-get install mono-fastcgi-server4 (or ./build.sh nginx)"
[ -f "$NGINX_CONF_DIR/fastcgi_params" ] || die "no fastcgi_params in $NGINX_CONF_DIR (set NGINX_CONF_DIR)"
command -v curl >/dev/null || die "curl not found (used to tell when the site answers)"

# Something already answering on the port would be taken for this site below; nginx itself
# retries a busy port for seconds before it gives up.
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then die "port $PORT is in use"; fi

# ---- the temporary directory and the clean-up -------------------------------------------------
# In /tmp rather than $TMPDIR: a Unix socket path must stay under 108 bytes.
PREFIX="$(mktemp -d /tmp/cc-nginx.XXXXXX)"
mkdir -p "$PREFIX/logs" "$PREFIX/temp"
NGINX_PID=""
BACKEND_PIDS=()

is_running() { # pid: alive and not a zombie waiting to be reaped
  local state
  state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)"
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

stop_all() { # signal: the given one first, SIGKILL for whatever is still there after 10 s
  local pid deadline
  if [ -n "$NGINX_PID" ]; then kill "-$1" "$NGINX_PID" 2>/dev/null || true; fi
  # Each back end leads its own process group (setsid below): signalling the group also reaches
  # anything it started, such as the C# compiler building a page.
  for pid in "${BACKEND_PIDS[@]}"; do kill "-$1" -- "-$pid" 2>/dev/null || kill "-$1" "$pid" 2>/dev/null || true; done
  deadline=$((SECONDS + 10))
  for pid in $NGINX_PID "${BACKEND_PIDS[@]}"; do
    while is_running "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
    if is_running "$pid"; then
      log "process $pid did not stop on SIG$1; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
}

cleanup() {
  local code=$?
  trap - EXIT INT TERM HUP
  stop_all TERM
  rm -rf "$PREFIX"
  [ -n "$URL_FILE" ] && rm -f "$URL_FILE"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

show_log() { # file: its last lines, for a start-up failure
  [ -s "$1" ] && { log "--- last lines of $(basename "$1") ---"; tail -n 30 "$1" >&2; } || true
}

# ---- back ends --------------------------------------------------------------------------------
start_backend() { # index (1-based): starts that back end, or starts it again after it died
  local i="$1" sock="$PREFIX/backend-$1.sock" tmp="$PREFIX/backend-$1.tmp"
  rm -f "$sock"
  mkdir -p "$tmp"
  # Each back end gets a temporary folder of its own (TMPDIR). Mono compiles pages, and shadow-copies
  # bin/, into Path.GetTempPath()/USER-temp-aspnet-0/ID, where ID is a hash of the site's virtual and
  # physical path: the same for every process serving the site. A process whose application starts
  # empties that folder, deleting the assemblies the other back ends compiled and still reference,
  # so their next compilation failed (CS0006, metadata file not found) until they restarted too.
  # setsid: a process group per back end (see stop_all), out of reach of the terminal's Ctrl+C so
  # that this script, not the keyboard, decides the order things stop in.
  TMPDIR="$tmp" setsid "$FASTCGI" /applications=/:"$SITE_DIR" /socket=unix:"$sock" /printlog=False \
    </dev/null >>"$PREFIX/logs/backend-$i.log" 2>&1 &
  BACKEND_PIDS[$((i - 1))]=$!
}

UPSTREAM=""
for i in $(seq 1 "$BACKENDS"); do
  start_backend "$i"
  UPSTREAM+="        server unix:$PREFIX/backend-$i.sock;"$'\n'
done

for i in $(seq 1 "$BACKENDS"); do
  sock="$PREFIX/backend-$i.sock" deadline=$((SECONDS + 60))
  until [ -S "$sock" ]; do
    is_running "${BACKEND_PIDS[$((i - 1))]}" || { show_log "$PREFIX/logs/backend-$i.log"; die "back end $i exited before opening its socket"; }
    [ "$SECONDS" -lt "$deadline" ] || { show_log "$PREFIX/logs/backend-$i.log"; die "back end $i opened no socket within 60 s"; }
    sleep 0.1
  done
done

# ---- nginx ------------------------------------------------------------------------------------
if [ "$(id -u)" -eq 0 ]; then USER_LINE="user root;"; else USER_LINE="# not root: the workers run as $(id -un), like the back ends"; fi
conf="$(<"$TEMPLATE")"
conf="${conf//@USER@/$USER_LINE}"
conf="${conf//@PREFIX@/$PREFIX}"
conf="${conf//@PORT@/$PORT}"
conf="${conf//@SITE_DIR@/$SITE_DIR}"
conf="${conf//@INCLUDE@/$NGINX_CONF_DIR}"
conf="${conf//@BACKENDS@/${UPSTREAM%$'\n'}}"
if [ "${PUSH_BUFFERED:-0}" = 1 ]; then
  conf="${conf//@PUSH_BUFFERING@/fastcgi_ignore_headers X-Accel-Buffering;}"
else
  conf="${conf//@PUSH_BUFFERING@/}"
fi
printf '%s\n' "$conf" >"$PREFIX/nginx.conf"

# -e: even messages from before the configuration is read go to our log, not /var/log/nginx.
"$NGINX" -p "$PREFIX" -c "$PREFIX/nginx.conf" -e "$PREFIX/logs/error.log" </dev/null &
NGINX_PID=$!

# ---- wait until the site answers --------------------------------------------------------------
# The first request to a back end creates its ASP.NET application (several seconds). Round robin
# sends consecutive requests to consecutive back ends, so one request each warms them all.
URL="http://127.0.0.1:$PORT/"
deadline=$((SECONDS + 120))
warmed=0
while [ "$warmed" -lt "$BACKENDS" ]; do
  if ! is_running "$NGINX_PID"; then
    grep -q 'Address already in use' "$PREFIX/logs/error.log" 2>/dev/null && die "port $PORT is in use"
    show_log "$PREFIX/logs/error.log"; die "nginx exited at start"
  fi
  [ "$SECONDS" -lt "$deadline" ] || { show_log "$PREFIX/logs/error.log"; die "the site did not answer within 120 s"; }
  # Any answer from ASP.NET counts, a 404 for a site without Default.aspx too, but not nginx's
  # own 502/504 (back end not ready) and not another server on the port: the answer must be
  # logged by our nginx as one from a back end (upstream=unix:...).
  status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$URL" 2>/dev/null || true)"
  if [[ "$status" =~ ^[1-4][0-9][0-9]$|^500$ ]] && tail -n 1 "$PREFIX/logs/access.log" 2>/dev/null | grep -q 'upstream=unix:'; then
    warmed=$((warmed + 1))
  else
    sleep 0.2
  fi
done

echo "CallbackControls on nginx + fastcgi-mono-server4: $URL ($BACKENDS back end$([ "$BACKENDS" -eq 1 ] || echo s), Ctrl+C to stop)"
echo "logs: $PREFIX/logs"
if [ -n "$URL_FILE" ]; then
  printf '%s\n' "$URL" >"$URL_FILE.tmp" && mv "$URL_FILE.tmp" "$URL_FILE"
fi

# ---- run until stopped, or until nginx or a back end dies -------------------------------------
# Ctrl+C reaches nginx as well as this script (same process group); nginx then exits with 0
# and only the clean-up remains. Anything else ending is a failure, reported with its log.
REPORTED=()
while true; do
  set +e
  wait -n
  code=$?
  set -e
  if ! is_running "$NGINX_PID"; then
    [ "$code" -eq 0 ] && exit 0
    show_log "$PREFIX/logs/error.log"; log "nginx exited ($code); stopping"
    exit 1
  fi
  alive=0
  for i in $(seq 1 "$BACKENDS"); do
    if is_running "${BACKEND_PIDS[$((i - 1))]}"; then
      alive=$((alive + 1))
    elif [ "${RESTART_BACKENDS:-0}" = 1 ]; then
      log "back end $i exited; starting it again"
      start_backend "$i"
      alive=$((alive + 1))
      echo "back end $i restarted"
    elif [ -z "${REPORTED[$i]:-}" ]; then
      REPORTED[$i]=1
      show_log "$PREFIX/logs/backend-$i.log"; log "back end $i exited ($code)"
    fi
  done
  if { [ "${SURVIVE_BACKEND_EXIT:-0}" != 1 ] && [ "${RESTART_BACKENDS:-0}" != 1 ]; } || [ "$alive" -eq 0 ]; then
    log "stopping"
    exit 1
  fi
  log "nginx keeps serving from the $alive remaining back end(s)"
done
