#!/usr/bin/env bash
# Launchpilot's MCP server through the official MCP inspector CLI (npm @modelcontextprotocol/inspector): starts
# `launchpilot sandbox` on a free loopback port, runs tools/list with the inspector's schema portability check
# (--strict: exit 6 on an error-severity problem) and one tools/call whose structured result the inspector's client
# checks against the tool's output schema. Needs the packaged jar (./mvnw package -DskipTests), Node 20+ and npm.
# Runs in `verify` (integration-test phase; -DskipMcpInspector or -DskipConformance skips it); with
# --junitxml=FILE it also writes its checks as a JUnit report for .ci/summary.sh.
set -euo pipefail
junit=""
for arg in "$@"; do case "$arg" in --junitxml=*) junit=${arg#--junitxml=} ;; esac; done
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
list_status=0
inspect --method tools/list --strict >"$work/tools.json" 2>"$work/strict.txt" || list_status=$?
call_status=0
inspect --method tools/call --tool-name list_runs --tool-arg path=demo/vision limit=2 >"$work/call.json" \
  2>"$work/call.txt" || call_status=$?
python3 - "$work" "$list_status" "$call_status" "$junit" <<'PY'
import json, sys, time, xml.etree.ElementTree as ET
work, list_status, call_status, junit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
EXPECTED = sorted(["list_queues", "get_queue", "plan_queues", "apply_queues", "enqueue_run", "list_runs", "get_run",
                   "list_sweeps", "get_sweep", "set_sweep_state", "link_artifact", "list_events", "list_policies",
                   "validate_policy", "dry_run_policy", "list_actions"])


def tools_list():
    strict = open(f"{work}/strict.txt").read().strip()
    assert list_status == 0, f"inspector --strict exited {list_status}: {strict[-2000:]}"
    tools = json.load(open(f"{work}/tools.json"))["tools"]
    names = sorted(tool["name"] for tool in tools)
    assert names == EXPECTED, names
    for tool in tools:
        assert "readOnlyHint" in tool.get("annotations", {}), tool["name"]
        assert tool.get("outputSchema"), tool["name"]
    last = strict.splitlines()[-1] if strict else "no findings"
    return f"{len(tools)} tools, annotations and output schemas present; --strict: {last}"


def tools_call():
    assert call_status == 0, f"inspector exited {call_status}: {open(f'{work}/call.txt').read()[-2000:]}"
    result = json.load(open(f"{work}/call.json"))
    assert not result.get("isError"), result
    runs = result["structuredContent"]["runs"]
    assert len(runs) == 2 and result["structuredContent"]["truncated"], result
    return "list_runs: 2 runs, truncated, structured result valid against its output schema"


suite = ET.Element("testsuite", name="mcp-inspector", tests="2")
failures = 0
for name, check in [("tools_list_strict", tools_list), ("tools_call_list_runs", tools_call)]:
    case = ET.SubElement(suite, "testcase", classname="mcp-inspector", name=name)
    started = time.monotonic()
    try:
        print(f"mcp-inspector: {name}: {check()}")
    except Exception as e:  # an assertion or a malformed answer: both are failures of the check
        failures += 1
        ET.SubElement(case, "failure", message=str(e)[:500]).text = repr(e)
        print(f"mcp-inspector: {name}: FAILED: {e}", file=sys.stderr)
    case.set("time", f"{time.monotonic() - started:.3f}")
suite.set("failures", str(failures))
if junit:
    import os
    os.makedirs(os.path.dirname(junit) or ".", exist_ok=True)
    ET.ElementTree(suite).write(junit, encoding="utf-8", xml_declaration=True)
sys.exit(1 if failures else 0)
PY
