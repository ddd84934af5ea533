#!/usr/bin/env bash
# Prints the python of the official wandb SDK's venv at DIR (default <repo>/.venv-wandb), building it
# offline with shared/tools/wandb-sdk-venv first if needed. shared/ lies beside the repository (CI's fresh
# clone), one level higher from a git worktree, or where SHARED says. Used by the conformance suite and the
# benchmarks that compare against the SDK.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-}
for candidate in "$repo/../shared" "$repo/../../shared"; do
  [ -n "$shared" ] || { [ -x "$candidate/tools/wandb-sdk-venv" ] && shared=$candidate; } || true
done
[ -n "$shared" ] && [ -x "$shared/tools/wandb-sdk-venv" ] \
  || { echo "$(basename "$0"): shared/tools/wandb-sdk-venv not found beside $repo (set SHARED)" >&2; exit 1; }
"$shared/tools/wandb-sdk-venv" "${1:-$repo/.venv-wandb}" | tail -n 1
