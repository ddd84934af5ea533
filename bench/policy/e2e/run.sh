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
python=$(.ci/sdk-python.sh)
exec "$python" bench/policy/e2e/bench.py
