#!/usr/bin/env bash
# Watcher benchmark (see bench.py): Launchpilot's watcher vs the naive official-SDK loop on one
# sandbox with 20 projects x 500 runs. Prints a Markdown table and writes bench/watch/results.md.
# Knobs (environment): PROJECTS, RUNS, CHANGES, INTERVAL_SECONDS, IDLE_CYCLES, BUSY_CYCLES, LATENCY_ROUNDS, SHARED.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
python=$(.ci/sdk-python.sh)
exec "$python" bench/watch/bench.py
