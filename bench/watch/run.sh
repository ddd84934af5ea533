#!/usr/bin/env bash
# Watcher benchmark (see bench.py): Launchpilot's watcher vs the naive official-SDK loop on one
# sandbox with 20 projects x 500 runs. Prints a Markdown table and writes bench/watch/results.md.
# Knobs (environment): PROJECTS, RUNS, CHANGES, INTERVAL_SECONDS, IDLE_CYCLES, BUSY_CYCLES, LATENCY_ROUNDS, SHARED.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
# shared/ lies beside the repository (CI's fresh clone); a git worktree sits one level deeper
shared=${SHARED:-}
for candidate in "$repo/../shared" "$repo/../../shared"; do
  [ -n "$shared" ] || { [ -x "$candidate/tools/wandb-sdk-venv" ] && shared=$candidate; } || true
done
[ -n "$shared" ] || { echo "bench: shared/tools/wandb-sdk-venv not found (set SHARED)" >&2; exit 1; }
python=$("$shared/tools/wandb-sdk-venv" .venv-wandb | tail -n 1)
exec "$python" bench/watch/bench.py
