#!/usr/bin/env bash
# The benchmark: callbacks against UpdatePanel, full postback and the bare floor, on loopback.
#
#   bench/run.sh                   the full run (25 to 35 minutes): waits for a quiet machine first
#   BENCH_QUICK=1 bench/run.sh     a smoke run: a few seconds per measurement
#
# `./build.sh bench` installs what is missing (Mono, Chromium, nginx, fastcgi-mono-server4, wrk) and
# builds before calling this. What runs (bench/bench.js drives it):
#   - cascading refresh, five variants (bench/BenchSite), on the dev host and on nginx +
#     fastcgi-mono-server4, twice: bytes and browser round trip in Chromium (bench/cascade.js),
#     throughput with wrk (bench/cascade.lua, every reply checked);
#   - the RefreshingChart refresh for 100 to 1,000,000 points (bench/chart.js);
#   - the soak: 50 pollers and one refreshing page for 5 minutes (bench/soak.js);
#   - push: Notify to pixels in Chromium against polling charts, 990 subscribers' fan-out against a
#     bare SSE server, an idle push page (bench/push.js; BENCH_PUSH_SECONDS=600 for the 10-minute fan-out).
# Raw results: .tmp/bench/results.json. Tables: docs/RESULTS.md, between the bench marker
# comments (bench/report.js; the rest of the file is left alone). More settings: bench/bench.js.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIGURATION="${CONFIGURATION:-Debug}"
export CONFIGURATION

missing=()
for tool in mono node wrk curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
[ -x "$(command -v nginx || echo /usr/sbin/nginx)" ] || missing+=(nginx)
command -v fastcgi-mono-server4 >/dev/null || missing+=(fastcgi-mono-server4)
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -d "$ROOT/tests/browser/node_modules/playwright-core" ] || missing+=("playwright-core (npm ci in tests/browser)")
[ -f "$ROOT/bench/BenchSite/bin/BenchSite.dll" ] || missing+=("bench/BenchSite/bin (build first)")
[ -f "$ROOT/src/CallbackControls.DevHost/bin/$CONFIGURATION/net472/CallbackControls.DevHost.exe" ] || missing+=("the dev host (build first)")
if [ "${#missing[@]}" -ne 0 ]; then
  printf 'bench/run.sh: missing: %s\n./build.sh bench installs and builds everything.\n' "${missing[*]}" >&2
  exit 1
fi

mkdir -p "$ROOT/.tmp/bench"
cd "$ROOT"
exec node bench/bench.js
