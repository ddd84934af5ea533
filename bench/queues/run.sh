#!/usr/bin/env bash
# Queues-as-code benchmark: plans and applies N queue specs (default 200) with the launchpilot CLI
# against a standalone `launchpilot sandbox` on a free loopback port, re-applies them, and reports
# the GraphQL requests each step cost (from the sandbox's /sandbox/api/stats) and its wall time.
# With the official SDK's venv (SDK_VENV, default .venv-wandb, built by .ci/conformance.sh or
# ../shared/tools/wandb-sdk-venv), it also times the SDK's upsert_run_queue over the same specs.
#
#   ./mvnw -B -q package -DskipTests && bench/queues/run.sh [N]
#
# Output: a Markdown table on stdout (pasted into the README); progress on stderr.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
jar=$repo/target/quarkus-app/quarkus-run.jar
count=${1:-200}
entity=bench
sdk_venv=${SDK_VENV:-$repo/.venv-wandb}
[ -f "$jar" ] || { echo "bench: $jar missing; build first (./mvnw -B package -DskipTests)" >&2; exit 1; }
command -v jq >/dev/null || { echo "bench: needs jq" >&2; exit 1; }

work=$(mktemp -d -t launchpilot-bench.XXXXXX)
server=
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server"; wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base=http://127.0.0.1:$port/sandbox
echo "bench: starting 'launchpilot sandbox' on 127.0.0.1:$port" >&2
(cd "$work" && exec java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
  -Dlaunchpilot.sandbox.simulator.enabled=false -jar "$jar" sandbox) >"$work/sandbox.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "bench: sandbox exited" >&2; cat "$work/sandbox.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf -X POST "$base/api/reset" >/dev/null

echo "bench: writing $count queue specs" >&2
mkdir -p "$work/specs"
for i in $(seq -f '%03g' 1 "$count"); do
  if [ $((10#$i % 2)) -eq 0 ]; then
    cat >"$work/specs/gpu-$i.yaml" <<YAML
apiVersion: launchpilot/v1
kind: RunQueue
metadata: {name: gpu-$i, entity: $entity}
spec:
  resource: kubernetes
  prioritization: V0
  config:
    namespace: team-$i
    spec:
      template:
        spec:
          containers:
            - resources: {limits: {nvidia.com/gpu: "{{gpus}}", memory: "{{memory}}"}}
  templateVariables:
    gpus: {description: GPUs per run, schema: {type: integer, default: 1, minimum: 1, maximum: 8}}
    memory: {schema: {type: string, default: 64Gi, enum: [32Gi, 64Gi, 128Gi]}}
  externalLinks: {dashboard: "https://grafana.example.com/d/q-$i"}
YAML
  else
    cat >"$work/specs/cpu-$i.yaml" <<YAML
apiVersion: launchpilot/v1
kind: RunQueue
metadata: {name: cpu-$i, entity: $entity}
spec:
  resource: local-container
  config: {cpus: "{{cpus}}", env: [QUEUE=cpu-$i]}
  templateVariables:
    cpus: {schema: {type: number, default: 2, minimum: 0.5, maximum: 16}}
YAML
  fi
done

export WANDB_BASE_URL=$base
export WANDB_API_KEY=launchpilot_bench_0123456789abcdef0123456789
unset WANDB_ENTITY

now() { date +%s.%N; }
stats() { curl -sf "$base/api/stats"; }
mutations='["CreateProject","UpsertRunQueue","CreateRunQueue","CreateDefaultResourceConfig","DeleteRunQueues","pushToRunQueueByName"]'
rows=()

# step NAME CMD...: runs CMD, records requests by operation, mutations and wall time
step() {
  local name=$1; shift
  local before after t0 t1 code=0
  before=$(stats); t0=$(now)
  "$@" >"$work/out.txt" 2>"$work/err.txt" || code=$?
  t1=$(now); after=$(stats)
  local delta
  delta=$(jq -n --argjson a "$after" --argjson b "$before" \
    '[$a.operations | to_entries[] | {key: .key, value: (.value - ($b.operations[.key] // 0))} | select(.value != 0)] | from_entries')
  local total mut ops wall
  total=$(jq -n --argjson d "$delta" '[$d[]] | add // 0')
  mut=$(jq -n --argjson d "$delta" --argjson m "$mutations" '[$d | to_entries[] | select(.key as $k | $m | index($k)) | .value] | add // 0')
  ops=$(jq -rn --argjson d "$delta" '[$d | to_entries[] | "\(.key) \(.value)"] | join(", ")')
  wall=$(echo "$t1 - $t0" | bc)
  printf 'bench: %-28s exit %d, %s GraphQL requests (%s), %s mutations, %.2f s\n' "$name" "$code" "$total" "$ops" "$mut" "$wall" >&2
  rows+=("| $name | $code | $total | $mut | ${ops:--} | $(printf '%.2f' "$wall") |")
  tail -n 1 "$work/out.txt" >&2
}

lp() { java -jar "$jar" "$@"; }

step "startup only (--version)" lp --version
step "queues plan (empty W&B)" lp queues plan "$work/specs"
step "queues apply (first)" lp queues apply "$work/specs"
step "queues apply (no-op re-apply)" lp queues apply "$work/specs"
step "queues plan (after apply)" lp queues plan "$work/specs"

# The same work inside a running server (no JVM start-up per step): `launchpilot serve` pointed at
# the sandbox as if it were W&B, the specs POSTed to its REST API.
curl -sf -X POST "$base/api/reset" >/dev/null
serve_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
(cd "$work" && exec java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$serve_port" \
  -Dlaunchpilot.queues.reconcile-every=off -jar "$jar" serve) >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$serve_port/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$serve_pid" 2>/dev/null || { echo "bench: serve exited" >&2; cat "$work/serve.log" >&2; exit 1; }
  sleep 0.5
done
for file in "$work"/specs/*.yaml; do cat "$file"; echo "---"; done >"$work/all.yaml"
rest() { curl -sf -o "$work/rest.json" -H 'Content-Type: application/yaml' --data-binary @"$work/all.yaml" \
  "http://127.0.0.1:$serve_port/api/v1/$1" && jq -r '(.plan // .).summary | to_entries | map(select(.value > 0) | "\(.key) \(.value)") | join(", ")' "$work/rest.json"; }
step "REST queues:plan (empty W&B)" rest "queues:plan"
step "REST queues:apply (first)" rest "queues:apply"
step "REST queues:apply (no-op)" rest "queues:apply"
step "REST queues:apply (no-op, warm)" rest "queues:apply"
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true

if [ -x "$sdk_venv/bin/python" ] && "$sdk_venv/bin/python" -c 'import wandb' 2>/dev/null; then
  curl -sf -X POST "$base/api/reset" >/dev/null
  cat >"$work/sdk.py" <<'PY'
import json, os, sys, time, tempfile
home = tempfile.mkdtemp()
os.environ.update(WANDB_SILENT="true", WANDB_DIR=home, WANDB_CONFIG_DIR=home, WANDB_CACHE_DIR=home,
                  WANDB_DATA_DIR=home, WANDB_ERROR_REPORTING="false", NETRC=os.path.join(home, "netrc"))
import wandb
count, entity = int(sys.argv[1]), sys.argv[2]
api = wandb.Api(overrides={"base_url": os.environ["WANDB_BASE_URL"]}, api_key=os.environ["WANDB_API_KEY"])
t0 = time.time()
for i in range(1, count + 1):
    n = f"{i:03d}"
    if i % 2 == 0:
        api.upsert_run_queue(name=f"gpu-{n}", resource_type="kubernetes", entity=entity, prioritization_mode="V0",
            resource_config={"namespace": f"team-{n}", "spec": {"template": {"spec": {"containers": [
                {"resources": {"limits": {"nvidia.com/gpu": "{{gpus}}", "memory": "{{memory}}"}}}]}}}},
            template_variables={"gpus": {"description": "GPUs per run", "schema": {"type": "integer", "default": 1, "minimum": 1, "maximum": 8}},
                                "memory": {"schema": {"type": "string", "default": "64Gi", "enum": ["32Gi", "64Gi", "128Gi"]}}},
            external_links={"dashboard": f"https://grafana.example.com/d/q-{n}"})
    else:
        api.upsert_run_queue(name=f"cpu-{n}", resource_type="local-container", entity=entity,
            resource_config={"cpus": "{{cpus}}", "env": [f"QUEUE=cpu-{n}"]},
            template_variables={"cpus": {"schema": {"type": "number", "default": 2, "minimum": 0.5, "maximum": 16}}})
print(f"loop {time.time() - t0:.2f} s")
PY
  sdk() { "$sdk_venv/bin/python" "$work/sdk.py" "$count" "$entity"; }
  step "SDK upsert_run_queue x$count (first)" sdk
  step "SDK upsert_run_queue x$count (again)" sdk
else
  echo "bench: no SDK venv at $sdk_venv (SDK_VENV=...): SDK comparison skipped" >&2
fi

echo "Queues as code, $count queue specs, against \`launchpilot sandbox\` on loopback."
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(java -version 2>&1 | head -1)."
echo
echo "| step | exit | GraphQL requests | mutations | by operation | wall (s) |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
