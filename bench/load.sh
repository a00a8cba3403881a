#!/usr/bin/env bash
# Load test of the main pages with a signed-in session, on 127.0.0.1 only.
# Serves the demo database with gunicorn (2 workers), signs in as the demo manager, then runs wrk
# for DURATION seconds per page with CONNECTIONS connections and prints requests/s,
# p50/p95/p99 latency and the error count. Needs Debian's wrk (apt-get install wrk).
# Usage: bench/load.sh [DURATION=60] [CONNECTIONS=8]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-60}"
CONNECTIONS="${2:-8}"
PORT="${BENCH_PORT:-5077}"
WORKERS="${BENCH_WORKERS:-2}"
THREADS="${BENCH_THREADS:-2}"
BASE="http://127.0.0.1:$PORT"
RESKILL=.venv/bin/reskill
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 1; }

WORK="$(mktemp -d)"
export RESKILL_INSTANCE_PATH="$WORK"
export RESKILL_DATABASE_URL="sqlite:///$WORK/reskill.db"
$RESKILL init >/dev/null
$RESKILL serve --host 127.0.0.1 --port "$PORT" --workers "$WORKERS" --threads "$THREADS" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do curl -fs "$BASE/auth/login" >/dev/null && break; sleep 0.2; done

# Sign in as the demo manager (who may see the employee's plan page too).
JAR="$WORK/cookies"
TOKEN=$(curl -fs -c "$JAR" "$BASE/auth/login" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -fs -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "csrf_token=$TOKEN" \
  --data-urlencode "email=aiko.tanaka@northwind.example" --data-urlencode "password=northwind-manager" \
  "$BASE/auth/login"
# One page view as a browser would, keeping the session cookie it updates (it now holds a CSRF token).
curl -fs -b "$JAR" -c "$JAR" -o /dev/null "$BASE/employees/emp:aiko-tanaka"
COOKIE=$(awk '$6 == "session" {print "session=" $7}' "$JAR")
[ -n "$COOKIE" ] || { echo "sign-in failed" >&2; exit 1; }

cat >"$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("%8.1f req/s  p50 %5.1f ms  p95 %5.1f ms  p99 %5.1f ms  errors %d (status %d, timeout %d)  %d requests\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors,
    summary.errors.status, summary.errors.timeout, summary.requests))
end
LUA

echo "wrk: ${DURATION}s per page, $CONNECTIONS connections, gunicorn $WORKERS workers x $THREADS threads, demo data, $(nproc) cores"
for page in /employees/emp:lucia-ferreira /employees/emp:aiko-tanaka /team/ /roles/role:ai-trainer /courses/; do
  curl -fs -o /dev/null -H "Cookie: $COOKIE" "$BASE$page" || { echo "$page does not answer 200" >&2; exit 1; }
  printf '%-34s' "$page"
  wrk -t 2 -c "$CONNECTIONS" -d "${DURATION}s" -H "Cookie: $COOKIE" -s "$WORK/report.lua" "$BASE$page" | tail -n 1
done
