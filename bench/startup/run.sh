#!/usr/bin/env bash
# Start-up and footprint of `launchpilot serve` (JVM): time from process start to /q/health/ready UP,
# and resident memory (RSS) once idle, watching PROJECTS projects of a `launchpilot sandbox` process
# that plays W&B (RUNS_PER_PROJECT runs each). Each of RUNS rounds starts serve afresh on a new H2 store.
# Prints min / median / max and the machine; writes bench/startup/results.md.
# Knobs (environment): RUNS (5), PROJECTS (20), RUNS_PER_PROJECT (25), IDLE_SECONDS (30), INTERVAL (10s), JAVA_OPTS.
#
# Webhook ingest (issue 7, item 5) plugs in here: when bench/startup/webhook.sh exists it is run once per
# round with the URL of the ready, idle serve as its argument, and whatever it prints (a wrk summary on
# loopback, durable writes on) is appended to the results.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
RUNS=${RUNS:-5}
PROJECTS=${PROJECTS:-20}
RUNS_PER_PROJECT=${RUNS_PER_PROJECT:-25}
IDLE_SECONDS=${IDLE_SECONDS:-30}
INTERVAL=${INTERVAL:-10s}
ENTITY=bench
JAR=target/quarkus-app/quarkus-run.jar
work=$(mktemp -d /tmp/lp-startup-XXXXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
wait_ok() { # url timeout_s
  local deadline=$(( $(date +%s) + $2 ))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "bench: $1 did not answer within $2 s" >&2; exit 1; }
    sleep 0.05
  done
}
rss_mib() { awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
stats() { # values... -> "min median max"
  printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2;
    printf "%.2f %.2f %.2f", v[1], m, v[NR]}'
}

sandbox_port=$(free_port)
java -Dquarkus.http.port="$sandbox_port" -Dlaunchpilot.sandbox.simulator.enabled=false -Dquarkus.log.level=WARN \
  -jar "$JAR" sandbox >"$work/sandbox.log" 2>&1 &
pids+=($!)
sandbox="http://127.0.0.1:$sandbox_port"
wait_ok "$sandbox/sandbox/api/stats" 180
for p in $(seq 1 "$PROJECTS"); do
  for r in $(seq 1 "$RUNS_PER_PROJECT"); do
    state=finished; [ $((r % 5)) -eq 0 ] && state=running
    curl -fsS -o /dev/null -H 'Content-Type: application/json' -X POST "$sandbox/sandbox/api/runs" \
      -d "{\"entity\":\"$ENTITY\",\"project\":\"p$p\",\"state\":\"$state\",\"summary\":{\"loss\":$r}}"
  done
done

scopes=()
for p in $(seq 1 "$PROJECTS"); do
  i=$((p - 1))
  scopes+=("-Dlaunchpilot.watch.scopes[$i].entity=$ENTITY" "-Dlaunchpilot.watch.scopes[$i].project=p$p")
done

ready=(); booted=(); rss=(); peak=(); webhook=""
for round in $(seq 1 "$RUNS"); do
  port=$(free_port)
  rm -rf "$work/store"
  start=$(now_ms)
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  WANDB_BASE_URL="$sandbox/sandbox" WANDB_API_KEY=$(printf 'x%.0s' {1..40}) \
    java ${JAVA_OPTS:-} -Dquarkus.http.port="$port" -Dquarkus.datasource.jdbc.url="jdbc:h2:file:$work/store/ledger" \
    -Dlaunchpilot.watch.interval="$INTERVAL" "${scopes[@]}" -jar "$JAR" serve >"$work/serve-$round.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  wait_ok "http://127.0.0.1:$port/q/health/ready" 300
  ready+=("$(awk -v s="$start" -v e="$(now_ms)" 'BEGIN {printf "%.2f", (e - s) / 1000}')")
  # Quarkus's own figure: from JVM start to the HTTP server up, before readiness waits for store and W&B
  booted+=("$(grep -o 'started in [0-9.]*s' "$work/serve-$round.log" | grep -o '[0-9.]*' | head -n 1)")
  sleep "$IDLE_SECONDS"
  rss+=("$(rss_mib "$pid")")
  peak+=("$(awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")")
  if [ -x bench/startup/webhook.sh ]; then
    webhook+="$(bench/startup/webhook.sh "http://127.0.0.1:$port")"$'\n'
  fi
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  echo "round $round: ready after ${ready[-1]} s (Quarkus started in ${booted[-1]} s), RSS idle ${rss[-1]} MiB (peak ${peak[-1]} MiB)" >&2
done

read -r r_min r_med r_max <<<"$(stats "${ready[@]}")"
read -r b_min b_med b_max <<<"$(stats "${booted[@]}")"
read -r m_min m_med m_max <<<"$(stats "${rss[@]}")"
read -r p_min p_med p_max <<<"$(stats "${peak[@]}")"
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
jdk=$(java -version 2>&1 | head -n 1)
load=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "| JVM \`serve\`, $PROJECTS watched projects x $RUNS_PER_PROJECT runs, $RUNS rounds | min | median | max |"
  echo "|---|---:|---:|---:|"
  echo "| process start -> \`/q/health/ready\` UP (s) | $r_min | $r_med | $r_max |"
  echo "| Quarkus \"started in\" (JVM start -> HTTP up, s) | $b_min | $b_med | $b_max |"
  echo "| RSS after ${IDLE_SECONDS} s idle (MiB) | $m_min | $m_med | $m_max |"
  echo "| peak RSS (VmHWM, MiB) | $p_min | $p_med | $p_max |"
  echo
  echo "Machine: $(nproc) cores, $cpu, $mem; $jdk; JAVA_OPTS='${JAVA_OPTS:-}'; load average at the end: $load."
  [ -z "$webhook" ] || { echo; echo "Webhook ingest:"; echo; echo "$webhook"; }
} | tee bench/startup/results.md
