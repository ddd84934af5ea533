"""Watcher benchmark: Launchpilot's watcher against the naive official-SDK loop, on one sandbox.

Started by run.sh (which builds the SDK venv and the jar). Steps:
  1. start `launchpilot sandbox` (simulator off) and load PROJECTS x RUNS runs through the control API;
  2. put a counting HTTP proxy in front of it for each client (request + response body bytes);
  3. run `launchpilot serve` watching every project (WANDB_BASE_URL = its proxy, a dummy 40-char key);
     measure idle polls, polls where CHANGES runs changed, and the time from a run finishing to its
     event being readable from GET /api/v1/events;
  4. stop it; run the naive SDK loop (wandb.Api().runs(path, lazy=False) over every project each
     interval, api.flush() first) and measure the same;
  5. print a Markdown report (also written to results.md).
GraphQL request counts come from the sandbox's /sandbox/api/stats.
"""
import concurrent.futures
import http.client
import http.server
import json
import os
import platform
import random
import re
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JAR = os.path.join(ROOT, "target", "quarkus-app", "quarkus-run.jar")
PROJECTS = int(os.environ.get("PROJECTS", "20"))
RUNS = int(os.environ.get("RUNS", "500"))
CHANGES = int(os.environ.get("CHANGES", "10"))
INTERVAL = int(os.environ.get("INTERVAL_SECONDS", "10"))
IDLE_CYCLES = int(os.environ.get("IDLE_CYCLES", "3"))
BUSY_CYCLES = int(os.environ.get("BUSY_CYCLES", "3"))
LATENCY_ROUNDS = int(os.environ.get("LATENCY_ROUNDS", "6"))
RUNNING_SHARE = float(os.environ.get("RUNNING_SHARE", "0.05"))
ENTITY = "bench"
KEY = "x" * 40
random.seed(7)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log(*args):
    print(time.strftime("%H:%M:%S"), *args, file=sys.stderr, flush=True)


class Http:
    """A small keep-alive JSON client for one host."""

    def __init__(self, port):
        self.port = port
        self.local = threading.local()

    def call(self, method, path, body=None):
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            text = response.read()
        except (http.client.HTTPException, OSError):
            self.local.conn = None
            raise
        if response.status >= 300:
            raise RuntimeError(f"{method} {path}: {response.status} {text[:300]!r}")
        return json.loads(text) if text else None


class CountingProxy(http.server.BaseHTTPRequestHandler):
    """Forwards to the sandbox and counts GraphQL requests and body bytes both ways."""
    protocol_version = "HTTP/1.1"
    target = None
    counts = None
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def _forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        conn = http.client.HTTPConnection("127.0.0.1", self.target, timeout=300)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection", "accept-encoding")}
        conn.request(self.command, self.path, body=body, headers=headers)
        response = conn.getresponse()
        payload = response.read()
        conn.close()
        if self.path.endswith("/graphql"):
            with self.lock:
                self.counts["requests"] += 1
                self.counts["request_bytes"] += len(body or b"")
                self.counts["response_bytes"] += len(payload)
        self.send_response(response.status)
        for k, v in response.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _forward


def start_proxy(target):
    counts = {"requests": 0, "request_bytes": 0, "response_bytes": 0}
    handler = type("Proxy", (CountingProxy,), {"target": target, "counts": counts})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1], counts


def wait_for(predicate, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if predicate():
                return
        except Exception:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"timed out waiting for {what}")


def java(args, log_file, env=None):
    return subprocess.Popen(["java"] + args, stdout=log_file, stderr=subprocess.STDOUT, env=env)


def load(sandbox):
    """PROJECTS x RUNS runs; RUNNING_SHARE of them running, the rest finished."""
    projects = [f"proj-{i:02d}" for i in range(PROJECTS)]
    work = []
    for p in projects:
        for r in range(RUNS):
            state = "running" if r < RUNS * RUNNING_SHARE else "finished"
            work.append((p, {"entity": ENTITY, "project": p, "state": state,
                             "config": {"lr": round(random.uniform(1e-4, 1e-1), 5), "batch_size": random.choice([32, 64, 128]),
                                        "optimizer": random.choice(["adam", "sgd"]), "epochs": 30},
                             "summary": {"loss": round(random.uniform(0.05, 2.5), 4), "val_acc": round(random.random(), 4),
                                         "epoch": random.randint(1, 30), "_step": random.randint(100, 3000),
                                         "_runtime": round(random.uniform(10, 9000), 1)},
                             "tags": ["bench"]}))
    runs = {p: {"running": [], "finished": []} for p in projects}
    started = time.time()

    def create(item):
        project, body = item
        return project, body["state"], sandbox.call("POST", "/sandbox/api/runs", body)["name"]

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for project, state, name in pool.map(create, work):
            runs[project][state].append(name)
    log(f"loaded {len(work)} runs in {time.time() - started:.1f}s")
    return projects, runs


def stats(sandbox):
    return sandbox.call("GET", "/sandbox/api/stats")


def pick_changes(runs, count):
    """count running runs, spread over projects, each to be finished with a final summary."""
    chosen = []
    projects = list(runs)
    random.shuffle(projects)
    while len(chosen) < count:
        if not any(runs[p]["running"] for p in projects):
            raise RuntimeError("no running run left to finish; load more (RUNS, RUNNING_SHARE)")
        for p in projects:
            if runs[p]["running"] and len(chosen) < count:
                chosen.append((p, runs[p]["running"].pop()))
    return chosen


def finish(sandbox, changes):
    times = {}
    for p, name in changes:
        sandbox.call("PATCH", f"/sandbox/api/runs/{ENTITY}/{p}/{name}",
                     {"state": "finished", "summary": {"loss": round(random.uniform(0.01, 0.2), 4), "val_acc": 0.99}})
        times[name] = time.time()
    return times


def cycle_metrics(serve):
    """(polls done, seconds spent polling) from the watcher's Prometheus metrics."""
    text = urllib.request.urlopen(f"http://127.0.0.1:{serve}/q/metrics", timeout=10).read().decode()
    count = seconds = 0.0
    for line in text.splitlines():
        if line.startswith("launchpilot_watch_cycle_seconds_count"):
            count += float(line.rsplit(" ", 1)[1])
        elif line.startswith("launchpilot_watch_cycle_seconds_sum"):
            seconds += float(line.rsplit(" ", 1)[1])
    return int(count), seconds


def cycles_done(serve):
    return cycle_metrics(serve)[0]


def wait_cycle(serve, after, timeout):
    wait_for(lambda: cycles_done(serve) > after, timeout, "a watch poll")
    return cycles_done(serve)


def measure_watcher(sandbox, sandbox_port, projects, runs, workdir):
    proxy, counts = start_proxy(sandbox_port)
    serve_port = free_port()
    props = [f"-Dquarkus.http.port={serve_port}", f"-Dlaunchpilot.watch.interval={INTERVAL}s",
             f"-Dquarkus.datasource.jdbc.url=jdbc:h2:file:{workdir}/ledger", "-Dquarkus.log.level=WARN"]
    for i, p in enumerate(projects):
        props += [f"-Dlaunchpilot.watch.scopes[{i}].entity={ENTITY}", f"-Dlaunchpilot.watch.scopes[{i}].project={p}"]
    env = dict(os.environ, WANDB_BASE_URL=f"http://127.0.0.1:{proxy}/sandbox", WANDB_API_KEY=KEY)
    log_file = open(os.path.join(workdir, "serve.log"), "w")
    serve = java(props + ["-jar", JAR, "serve"], log_file, env)
    api = Http(serve_port)
    try:
        wait_for(lambda: cycles_done(serve_port) >= 1, 600, "the baseline poll")
        baseline = stats(sandbox)["operations"].get("WatchPoll", 0)
        log(f"watcher: baseline took {baseline} requests")
        done = cycles_done(serve_port)
        # the window the baseline leaves open settles one overlap (10s) after it
        for _ in range(max(2, -(-10 // INTERVAL) + 1)):
            done = wait_cycle(serve_port, done, 120)

        def window(action=None):
            nonlocal done
            before_requests = stats(sandbox)["operations"].get("WatchPoll", 0)
            before_bytes = counts["request_bytes"] + counts["response_bytes"]
            result = action() if action else None
            done = wait_cycle(serve_port, done, INTERVAL * 4 + 60)
            return (stats(sandbox)["operations"].get("WatchPoll", 0) - before_requests,
                    counts["request_bytes"] + counts["response_bytes"] - before_bytes, result)

        polls_before, seconds_before = cycle_metrics(serve_port)
        idle = [window() for _ in range(IDLE_CYCLES)]
        polls_after, seconds_after = cycle_metrics(serve_port)
        idle_poll_seconds = (seconds_after - seconds_before) / max(1, polls_after - polls_before)
        log(f"watcher idle polls (requests, bytes): {[(r, b) for r, b, _ in idle]}, {idle_poll_seconds:.3f}s each")
        busy, latencies = [], []
        for _ in range(BUSY_CYCLES):
            last_event = api.call("GET", "/api/v1/events?order=desc&limit=1")["items"]
            after = last_event[0]["id"] if last_event else 0
            changes = pick_changes(runs, CHANGES)
            found = {}

            def change_and_watch():
                patched = finish(sandbox, changes)
                threading.Thread(target=poll_events, args=(api, after, patched, found), daemon=True).start()
                return patched

            requests, bytes_, patched = window(change_and_watch)
            wait_for(lambda: len(found) == len(patched), INTERVAL * 3 + 30, "the finished events")
            busy.append((requests, bytes_))
            latencies += [found[n] - patched[n] for n in patched]
        log(f"watcher busy polls (requests, bytes): {busy}")
        # latency as a user meets it: the runs finish at a random moment between two polls
        random_latencies = []
        for _ in range(LATENCY_ROUNDS):
            done = wait_cycle(serve_port, done, INTERVAL * 4 + 60)
            last_event = api.call("GET", "/api/v1/events?order=desc&limit=1")["items"]
            after = last_event[0]["id"] if last_event else 0
            time.sleep(random.uniform(0, INTERVAL))
            found = {}
            patched = finish(sandbox, pick_changes(runs, CHANGES))
            poll_events(api, after, patched, found)
            random_latencies += [found[n] - patched[n] for n in patched]
            done = cycles_done(serve_port)
        return {"idle": idle, "busy": busy, "latencies": random_latencies, "worst_latencies": latencies,
                "baseline_requests": baseline, "idle_poll_seconds": idle_poll_seconds}
    finally:
        serve.terminate()
        serve.wait(30)


def poll_events(api, after, patched, found):
    deadline = time.time() + INTERVAL * 3 + 30
    while len(found) < len(patched) and time.time() < deadline:
        page = api.call("GET", f"/api/v1/events?type=run.state_changed&after={after}&limit=1000")
        now = time.time()
        for event in page["items"]:
            name = event["payload"]["run"]
            if name in patched and event["payload"]["to"] == "finished" and name not in found:
                found[name] = now
        time.sleep(0.1)


def measure_sdk(sandbox, sandbox_port, projects, runs):
    proxy, counts = start_proxy(sandbox_port)
    os.environ["WANDB_BASE_URL"] = f"http://127.0.0.1:{proxy}/sandbox"
    os.environ["WANDB_API_KEY"] = KEY
    os.environ.setdefault("WANDB_SILENT", "true")
    import wandb
    api = wandb.Api(timeout=120)
    seen = {}

    def naive_cycle(patched=None, found=None):
        """What a user would write: every interval, list every project's runs and compare."""
        api.flush()
        for p in projects:
            for run in api.runs(f"{ENTITY}/{p}", lazy=False):
                state, summary = run.state, dict(run.summary_metrics)
                key = (p, run.id)
                if patched is not None and run.id in patched and state == "finished" and run.id not in found:
                    found[run.id] = time.time()
                seen[key] = (state, summary)

    def window(action=None):
        before_runs = stats(sandbox)["operations"].get("Runs", 0)
        before_total = stats(sandbox)["total"]
        before_bytes = counts["request_bytes"] + counts["response_bytes"]
        started = time.time()
        action() if action else naive_cycle()
        took = time.time() - started
        result = (stats(sandbox)["operations"].get("Runs", 0) - before_runs, stats(sandbox)["total"] - before_total,
                  counts["request_bytes"] + counts["response_bytes"] - before_bytes, took)
        time.sleep(max(0.0, INTERVAL - took))
        return result

    window()  # first listing
    idle = [window() for _ in range(IDLE_CYCLES)]
    log(f"sdk idle loops (Runs requests, all requests, bytes, seconds): {idle}")
    busy, latencies = [], []
    for _ in range(BUSY_CYCLES):
        changes = pick_changes(runs, CHANGES)
        found = {}
        # the change lands at a random moment of the interval, as it would in real life
        time.sleep(random.uniform(0, INTERVAL))
        patched = finish(sandbox, changes)
        while len(found) < len(patched):
            busy.append(window(lambda: naive_cycle(patched, found)))
        latencies += [found[n] - patched[n] for n in patched]
    log(f"sdk busy loops: {busy}")
    return {"idle": idle, "busy": busy, "latencies": latencies}


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def mean(values):
    return sum(values) / len(values) if values else float("nan")


def report(watcher, sdk):
    w_idle_req = mean([r for r, _, _ in watcher["idle"]])
    w_idle_bytes = mean([b for _, b, _ in watcher["idle"]])
    w_busy_req = mean([r for r, _ in watcher["busy"]])
    w_busy_bytes = mean([b for _, b in watcher["busy"]])
    s_idle_req = mean([r for _, r, _, _ in sdk["idle"]])
    s_idle_bytes = mean([b for _, _, b, _ in sdk["idle"]])
    s_idle_time = mean([t for _, _, _, t in sdk["idle"]])
    s_busy_req = mean([r for _, r, _, _ in sdk["busy"]])
    s_busy_bytes = mean([b for _, _, b, _ in sdk["busy"]])
    wl, sl = sorted(watcher["latencies"]), sorted(sdk["latencies"])
    lines = [
        f"Machine: {os.cpu_count()} CPUs (nproc), {cpu_model()}; Python {platform.python_version()}; "
        f"{PROJECTS} projects x {RUNS} runs ({int(RUNS * RUNNING_SHARE)} running per project), "
        f"interval {INTERVAL}s, {CHANGES} runs finished per busy poll; {IDLE_CYCLES} idle and {BUSY_CYCLES} busy polls each; "
        f"latency over {LATENCY_ROUNDS} (watcher) and {BUSY_CYCLES} (SDK) rounds of {CHANGES} runs.",
        "",
        "| per poll of all projects | Launchpilot watcher | naive SDK loop | SDK / watcher |",
        "|---|---:|---:|---:|",
        f"| GraphQL requests, idle | {w_idle_req:.1f} | {s_idle_req:.1f} | {s_idle_req / w_idle_req:.0f}x |",
        f"| bytes (request + response bodies), idle | {w_idle_bytes:,.0f} | {s_idle_bytes:,.0f} | {s_idle_bytes / w_idle_bytes:.0f}x |",
        f"| GraphQL requests, {CHANGES} runs changed | {w_busy_req:.1f} | {s_busy_req:.1f} | {s_busy_req / w_busy_req:.0f}x |",
        f"| bytes, {CHANGES} runs changed | {w_busy_bytes:,.0f} | {s_busy_bytes:,.0f} | {s_busy_bytes / w_busy_bytes:.0f}x |",
        f"| time of one pass over all projects, idle (s) | {watcher['idle_poll_seconds']:.2f} | {s_idle_time:.1f} | {s_idle_time / watcher['idle_poll_seconds']:.0f}x |",
        f"| run finished -> seen, mean (s) | {mean(wl):.1f} | {mean(sl):.1f} | {mean(sl) / mean(wl):.1f}x |",
        f"| run finished -> seen, max (s) | {wl[-1]:.1f} | {sl[-1]:.1f} | |",
        "",
        f"Runs finish at a random moment between two polls. Watcher: until the event is readable from "
        f"GET /api/v1/events (polled every 100 ms); when the runs finish just after a poll it is one interval: "
        f"mean {mean(watcher['worst_latencies']):.1f}s, max {max(watcher['worst_latencies']):.1f}s. "
        f"SDK: until its loop sees the new state; one pass takes longer than the interval, so it loops back to back. "
        f"Watcher baseline (its first poll reads every run once, with summary): {watcher['baseline_requests']} requests.",
    ]
    return "\n".join(lines)


def main():
    workdir = tempfile.mkdtemp(prefix="lp-bench-")
    sandbox_port = free_port()
    sandbox_log = open(os.path.join(workdir, "sandbox.log"), "w")
    sandbox_proc = java([f"-Dquarkus.http.port={sandbox_port}", "-Dlaunchpilot.sandbox.simulator.enabled=false",
                         "-Dquarkus.log.level=WARN", "-jar", JAR, "sandbox"], sandbox_log)
    sandbox = Http(sandbox_port)
    try:
        wait_for(lambda: stats(sandbox) is not None, 120, "the sandbox")
        sandbox.call("POST", "/sandbox/api/reset")
        projects, runs = load(sandbox)
        watcher = measure_watcher(sandbox, sandbox_port, projects, runs, workdir)
        sdk = measure_sdk(sandbox, sandbox_port, projects, runs)
        text = report(watcher, sdk)
        print(text)
        with open(os.path.join(os.path.dirname(__file__), "results.md"), "w") as f:
            f.write(text + "\n")
    finally:
        sandbox_proc.terminate()
        sandbox_proc.wait(30)
        log(f"logs in {workdir}")


if __name__ == "__main__":
    main()
