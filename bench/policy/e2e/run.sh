#!/usr/bin/env bash
# End-to-end policy benchmark (see bench.py): RUNS run-finished events through POLICIES policies,
# Launchpilot's `serve` (outbox on H2) against the official-SDK loop a user would write, on one sandbox.
# Prints a Markdown table and writes bench/policy/e2e/results.md.
# Knobs (environment): RUNS, POLICIES, WATCH_INTERVAL, SDK_INTERVAL_SECONDS, TIMEOUT_SECONDS, SEED,
# SERVE_PROPS (extra -D options for serve), JAR (another quarkus-run.jar), WRITE_RESULTS (0 = print only), SHARED.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$repo"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
# shared/ lies beside the repository (CI's fresh clone); a git worktree sits one level deeper
shared=${SHARED:-}
for candidate in "$repo/../shared" "$repo/../../shared"; do
  [ -n "$shared" ] || { [ -x "$candidate/tools/wandb-sdk-venv" ] && shared=$candidate; } || true
done
[ -n "$shared" ] || { echo "bench: shared/tools/wandb-sdk-venv not found (set SHARED)" >&2; exit 1; }
python=$("$shared/tools/wandb-sdk-venv" .venv-wandb | tail -n 1)
exec "$python" bench/policy/e2e/bench.py
