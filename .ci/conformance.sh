#!/usr/bin/env bash
# SDK conformance suite: drive the embedded W&B sandbox with the official wandb SDK.
# Needs the project built (target/quarkus-app/quarkus-run.jar) and ../shared beside the repo
# (override with SHARED=...). Loopback only. Exit status: pytest's.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
jar=$repo/target/quarkus-app/quarkus-run.jar
venv=${CONFORMANCE_VENV:-$repo/.venv-wandb}
cd "$repo"

[ -f "$jar" ] || { echo "conformance: $jar missing; build first (./mvnw -B package -DskipTests)" >&2; exit 1; }
python=$(.ci/sdk-python.sh "$venv")
if ! "$python" -c 'import pytest' >/dev/null 2>&1; then
  "$python" -m pip install -q --disable-pip-version-check -r conformance/requirements.txt
fi

port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
log=$(mktemp -t launchpilot-sandbox.XXXXXX.log)
work=$(mktemp -d -t launchpilot-conformance.XXXXXX)

server=
stop() {
  status=$?
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$server" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ]; then
    echo "---- sandbox log (last 80 lines) ----" >&2
    tail -n 80 "$log" >&2 || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap stop EXIT
trap 'exit 130' INT TERM

echo "conformance: starting 'launchpilot sandbox' on 127.0.0.1:$port"
# Own working directory, so the server's ./data and ./config are throw-away.
(cd "$work" && exec env -u WANDB_API_KEY -u WANDB_BASE_URL \
  java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -jar "$jar" sandbox) >"$log" 2>&1 &
server=$!

ready=
for _ in $(seq 1 120); do
  if ! kill -0 "$server" 2>/dev/null; then echo "conformance: the server exited during start-up" >&2; exit 1; fi
  if "$python" -c "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:$port/q/health/ready', timeout=2).status == 200 else 1)" >/dev/null 2>&1; then
    ready=1; break
  fi
  sleep 0.5
done
[ -n "$ready" ] || { echo "conformance: sandbox not ready within 60 s" >&2; exit 1; }

set +e
LAUNCHPILOT_SANDBOX_URL="http://127.0.0.1:$port/sandbox" "$python" -m pytest conformance -q -p no:cacheprovider "$@"
status=$?
set -e
exit "$status"
