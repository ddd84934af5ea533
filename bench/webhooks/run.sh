#!/usr/bin/env bash
# Webhook ingest benchmark: wrk posts unique W&B deliveries (bearer access token) to
# /api/v1/webhooks/wandb of a packaged `serve` on loopback, with the store in an H2 file, so every 202
# is an event committed to the file-backed ledger plus a replay record. Prints requests/s and latency
# percentiles, then checks that the ledger holds exactly one event per accepted delivery.
# Knobs (environment): DURATION (20s), CONNECTIONS (16), THREADS (2), PORT (18089).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
duration=${DURATION:-20s}
connections=${CONNECTIONS:-16}
threads=${THREADS:-2}
port=${PORT:-18089}

if ! command -v wrk >/dev/null; then
  echo "bench: installing wrk (Debian package)" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y -q wrk >/dev/null 2>&1 || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q wrk >/dev/null; } \
    || { echo "bench: wrk is missing and could not be installed (apt-get install wrk)" >&2; exit 1; }
fi
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

work=$(mktemp -d)
export BENCH_TOKEN="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkdir -p "$work/config"
java -Dquarkus.http.port="$port" \
  -Dquarkus.datasource.jdbc.url="jdbc:h2:file:$work/store" \
  -Dlaunchpilot.config-dir="$work/config" \
  -Dlaunchpilot.webhooks.wandb.access-token="$BENCH_TOKEN" \
  -Dlaunchpilot.sandbox.simulator.enabled=false -Dlaunchpilot.watch.enabled=false \
  -Dlaunchpilot.queues.reconcile-every=off \
  -jar target/quarkus-app/quarkus-run.jar serve >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.5
done
url="http://127.0.0.1:$port/api/v1/webhooks/wandb"
# warm-up (JIT, connection pool), not measured
BENCH_RUN=warmup wrk -t"$threads" -c"$connections" -d5s -s bench/webhooks/wandb.lua "$url" >/dev/null
before=$(curl -fs "http://127.0.0.1:$port/api/v1/events?type=webhook.received&order=desc&limit=1" \
  | sed -n 's/.*"id":\([0-9]*\).*/\1/p' | head -n 1)
result=$(BENCH_RUN=measured wrk -t"$threads" -c"$connections" -d"$duration" --latency -s bench/webhooks/wandb.lua "$url")
after=$(curl -fs "http://127.0.0.1:$port/api/v1/events?type=webhook.received&order=desc&limit=1" \
  | sed -n 's/.*"id":\([0-9]*\).*/\1/p' | head -n 1)
echo "$result"
line=$(echo "$result" | grep '^RESULT')
requests=$(echo "$line" | sed -n 's/.*requests=\([0-9]*\).*/\1/p')
non202=$(echo "$line" | sed -n 's/.*non202=\([0-9]*\).*/\1/p')
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), java $(java -version 2>&1 | head -n1 | cut -d'"' -f2)"
echo "ledger: $((after - before)) events appended for $((requests - non202)) accepted deliveries"
if grep -q "$BENCH_TOKEN" "$work/serve.log"; then echo "bench: the access token appears in the server log" >&2; exit 1; fi
