#!/usr/bin/env bash
# Launchpilot's MCP server through the official MCP inspector CLI (npm @modelcontextprotocol/inspector): starts
# `launchpilot sandbox` on a free loopback port, runs tools/list with the inspector's schema portability check
# (--strict: exit 6 on an error-severity problem) and one tools/call whose structured result the inspector's client
# checks against the tool's output schema. Needs the packaged jar (./mvnw package -DskipTests), Node 20+ and npm.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
jar="$here/target/quarkus-app/quarkus-run.jar"
inspector="@modelcontextprotocol/inspector@${MCP_INSPECTOR_VERSION:-2.12.0}"
[ -f "$jar" ] || { echo "mcp-inspector: $jar not found; build it with ./mvnw package -DskipTests" >&2; exit 1; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
work=$(mktemp -d)
java -Dquarkus.http.port="$port" -jar "$jar" sandbox >"$work/sandbox.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/sandbox.log" >&2; exit 1; }
  sleep 0.5
done
url="http://127.0.0.1:$port/mcp"
inspect() { npx --yes "$inspector" --cli "$url" --transport http "$@"; }

# --strict lists every portability warning on stderr (nullable fields as ["string","null"]); keep its summary
inspect --method tools/list --strict >"$work/tools.json" 2>"$work/strict.txt" || { cat "$work/strict.txt" >&2; exit 1; }
echo "mcp-inspector: --strict: $(tail -n 1 "$work/strict.txt")"
python3 - "$work/tools.json" <<'PY'
import json, sys
tools = json.load(open(sys.argv[1]))["tools"]
names = sorted(tool["name"] for tool in tools)
expected = sorted(["list_queues", "get_queue", "plan_queues", "apply_queues", "enqueue_run", "list_runs", "get_run",
                   "list_sweeps", "get_sweep", "set_sweep_state", "link_artifact", "list_events", "list_policies",
                   "validate_policy", "dry_run_policy", "list_actions"])
assert names == expected, names
for tool in tools:
    assert "readOnlyHint" in tool.get("annotations", {}), tool["name"]
    assert tool.get("outputSchema"), tool["name"]
print(f"mcp-inspector: tools/list: {len(tools)} tools, annotations and output schemas present")
PY
inspect --method tools/call --tool-name list_runs --tool-arg path=demo/vision limit=2 >"$work/call.json"
python3 - "$work/call.json" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
assert not result.get("isError"), result
runs = result["structuredContent"]["runs"]
assert len(runs) == 2 and result["structuredContent"]["truncated"], result
print("mcp-inspector: tools/call list_runs: 2 runs, truncated, structured result valid against its output schema")
PY
