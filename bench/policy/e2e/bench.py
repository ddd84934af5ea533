"""End-to-end policy benchmark: run-finished events through POLICIES policies, Launchpilot against the
loop a user would write with the official SDK, on one sandbox.

Started by run.sh (which builds the SDK venv and the jar). Steps:
  1. start `launchpilot sandbox` (simulator off); create RUNS running runs in bench/e2e and the same
     RUNS again in bench/e2e-sdk (same config, summary, tags, group, display name);
  2. write POLICIES policies (on run.state_changed to finished in bench/e2e; a `when` in W&B's filter
     language of 1 to 5 clauses; tagRun, some with updateRun or log before it; no limits) and compute
     which runs each must fire on with a small filter evaluator of this file's own;
  3. start `launchpilot serve` against the sandbox as W&B (H2 file store, watch interval WATCH_INTERVAL),
     finish every run of bench/e2e at once, wait until the outbox has done every expected action, and
     read the timings from GET /api/v1/actions and GET /api/v1/events;
  4. stop it; run the SDK loop on bench/e2e-sdk: each pass asks api.runs(path, filters=when AND finished
     AND tag not there yet) per policy and updates every run it gets; finish every run at once and loop
     until every expected effect is there;
  5. check both projects' runs through the SDK: tags (and summary keys) exactly as the policies say;
     print a Markdown report (also written to results.md).
"""
import concurrent.futures
import datetime
import importlib.util
import json
import math
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
# the watcher benchmark's helpers (keep-alive JSON client, free ports, waiting, the machine's CPU)
_spec = importlib.util.spec_from_file_location("watch_bench", os.path.join(ROOT, "bench", "watch", "bench.py"))
watch = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(watch)
Http, free_port, log, wait_for, java, cpu_model = (watch.Http, watch.free_port, watch.log, watch.wait_for,
                                                    watch.java, watch.cpu_model)

JAR = os.environ.get("JAR", os.path.join(ROOT, "target", "quarkus-app", "quarkus-run.jar"))
RUNS = int(os.environ.get("RUNS", "1000"))
POLICIES = int(os.environ.get("POLICIES", "20"))
WATCH_INTERVAL = os.environ.get("WATCH_INTERVAL", "1s")
SDK_INTERVAL = float(os.environ.get("SDK_INTERVAL_SECONDS", "1"))
TIMEOUT = float(os.environ.get("TIMEOUT_SECONDS", "300"))
SERVE_PROPS = os.environ.get("SERVE_PROPS", "").split()
ENTITY = "bench"
LP_PROJECT, SDK_PROJECT = "e2e", "e2e-sdk"
KEY = "x" * 40
rng = random.Random(int(os.environ.get("SEED", "11")))

MODELS = ["resnet50", "vit-b", "convnext"]
OPTIMIZERS = ["adam", "sgd", "adamw"]
TAGS = ["baseline", "gpu", "ablation", "nightly"]

# (when, extra actions before the tag). Every policy adds the tag p<i> last: a run carrying it has every
# effect of that policy. The clauses are spread over W&B's filter operators and field kinds.
FINISHED = {"state": "finished"}
POLICY_SPECS = [
    ({"$and": [FINISHED, {"summary_metrics.val_acc": {"$gte": 0.95}}]}, ["update"]),
    ({"$and": [{"summary_metrics.val_acc": {"$gte": 0.8}}, {"summary_metrics.loss": {"$lte": 1.0}},
               {"config.optimizer": "adam"}, {"tags": {"$nin": ["ablation"]}}, {"config.batch_size": {"$in": [64, 128]}}]}, []),
    ({"$and": [{"config.model": "vit-b"}, {"summary_metrics.val_acc": {"$gte": 0.8}}]}, []),
    ({"$and": [{"$or": [{"tags": "baseline"}, {"summary_metrics.loss": {"$lt": 0.2}}]}, {"summary_metrics.epoch": {"$gte": 30}}]}, []),
    ({"$and": [{"displayName": {"$regex": "^resnet"}}, {"config.lr": {"$lte": 0.001}}]}, []),
    ({"$and": [FINISHED, {"config.optimizer": {"$in": ["sgd", "adamw"]}}, {"summary_metrics.epoch": {"$gte": 25}},
               {"config.dropout": {"$lt": 0.3}}, {"tags": {"$nin": ["nightly"]}}]}, ["update"]),
    ({"group": "g2", "summary_metrics.epoch": {"$lte": 25}}, []),
    ({"$and": [{"tags": "gpu"}, {"summary_metrics.val_acc": {"$gt": 0.7}}]}, ["log"]),
    ({"$and": [{"$nor": [{"tags": "baseline"}, {"config.optimizer": "sgd"}]}, {"config.batch_size": 32}]}, []),
    ({"config.batch_size": 256, "config.optimizer": "sgd"}, []),
    ({"summary_metrics.loss": {"$gte": 1.8}}, ["update"]),
    ({"$and": [{"config.model": {"$ne": "convnext"}}, {"summary_metrics.val_acc": {"$gte": 0.6}},
               {"summary_metrics.val_acc": {"$lt": 0.95}}, {"config.lr": {"$gt": 0.0005}}, {"tags": {"$in": ["gpu", "nightly"]}}]}, []),
    ({"config.dropout": {"$exists": False}}, []),
    ({"displayName": {"$regex": "0$"}}, []),
    ({"$and": [FINISHED, {"$or": [{"config.optimizer": "adamw"}, {"config.batch_size": {"$lte": 32}}]},
               {"summary_metrics.val_acc": {"$gte": 0.75}}, {"config.lr": {"$lte": 0.01}}]}, []),
    ({"$and": [{"tags": {"$nin": ["baseline", "gpu", "ablation"]}}, {"summary_metrics.val_acc": {"$lt": 0.7}}]}, ["update"]),
    ({"$and": [{"summary_metrics.epoch": {"$lte": 10}}, {"config.model": "vit-b"}]}, []),
    ({"$and": [{"config.lr": {"$gte": 0.01}}, {"summary_metrics.loss": {"$lt": 1.0}}]}, []),
    ({"$and": [{"group": {"$in": ["g0", "g1"]}}, {"jobType": "train"}, {"summary_metrics.val_acc": {"$gte": 0.85}}]}, []),
    ({"$and": [FINISHED, {"config.model": "resnet50"}, {"config.optimizer": "adam"},
               {"summary_metrics.val_acc": {"$gte": 0.7}}, {"tags": {"$nin": ["ablation"]}}]}, []),
]


# --- the runs ---------------------------------------------------------------------------------------

def run_documents():
    """RUNS runs as the sandbox's control API takes them (without entity and project)."""
    runs = []
    for i in range(RUNS):
        model = rng.choice(MODELS)
        config = {"lr": round(10 ** rng.uniform(-4, -1), 6), "batch_size": rng.choice([32, 64, 128, 256]),
                  "optimizer": rng.choice(OPTIMIZERS), "model": model, "epochs": 50}
        if rng.random() < 0.8:
            config["dropout"] = round(rng.uniform(0, 0.5), 3)
        runs.append({"displayName": f"{model}-{i:04d}", "state": "running", "config": config,
                     "summary": {"val_acc": round(rng.uniform(0.5, 0.99), 4), "loss": round(rng.uniform(0.05, 2.0), 4),
                                 "epoch": rng.randint(1, 50)},
                     "tags": [t for t in TAGS if rng.random() < 0.3], "group": f"g{rng.randrange(5)}",
                     "jobType": "train" if rng.random() < 0.8 else "eval"})
    return runs


def create_runs(sandbox, project, documents):
    """Creates the runs; returns their short names, in the documents' order."""
    def create(document):
        return sandbox.call("POST", "/sandbox/api/runs", dict(document, entity=ENTITY, project=project))["name"]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        return list(pool.map(create, documents))


def finish_all(sandbox, project, names):
    """Finishes every run at once (8 connections); returns {name: time its PATCH returned}."""
    def finish(name):
        sandbox.call("PATCH", f"/sandbox/api/runs/{ENTITY}/{project}/{name}", {"state": "finished"})
        return name, time.time()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        return dict(pool.map(finish, names))


# --- W&B's filter language, evaluated here independently of Launchpilot's evaluator ---------------------

def field(run, key):
    """The values of a filter key on a run document (after finishing): a list, several for tags."""
    if key == "state":
        return ["finished"]
    if key == "tags":
        return list(run["tags"])
    if key.startswith("config."):
        value = run["config"].get(key[len("config."):], MISSING)
    elif key.startswith("summary_metrics."):
        value = run["summary"].get(key[len("summary_metrics."):], MISSING)
    else:
        value = run.get(key, MISSING)
    return [value]


MISSING = object()


def holds(filter_, run):
    for key, condition in filter_.items():
        if key == "$and":
            ok = all(holds(f, run) for f in condition)
        elif key == "$or":
            ok = any(holds(f, run) for f in condition)
        elif key == "$nor":
            ok = not any(holds(f, run) for f in condition)
        else:
            ok = clause(field(run, key), condition)
        if not ok:
            return False
    return True


def clause(values, condition):
    if not isinstance(condition, dict):
        condition = {"$eq": condition}
    present = [v for v in values if v is not MISSING]
    for op, arg in condition.items():
        if op == "$eq":
            ok = arg in present
        elif op == "$ne":
            ok = arg not in present
        elif op == "$in":
            ok = any(v in arg for v in present)
        elif op == "$nin":
            ok = not any(v in arg for v in present)
        elif op == "$exists":
            ok = bool(present) == arg
        elif op == "$regex":
            ok = any(isinstance(v, str) and re.search(arg, v) for v in present)
        elif op in ("$gt", "$gte", "$lt", "$lte"):
            compare = {"$gt": lambda a, b: a > b, "$gte": lambda a, b: a >= b,
                       "$lt": lambda a, b: a < b, "$lte": lambda a, b: a <= b}[op]
            ok = any(isinstance(v, (int, float)) and compare(v, arg) for v in present)
        else:
            raise ValueError(f"operator {op} is not in this benchmark's evaluator")
        if not ok:
            return False
    return True


# --- the policies -------------------------------------------------------------------------------------

def policy_name(i):
    return f"p{i:02d}"


def summary_key(i):
    return f"reviewed_{policy_name(i)}"


def yaml_flow(value):
    """JSON is YAML: a filter written as one flow mapping."""
    return json.dumps(value)


def write_policies(directory, count):
    os.makedirs(directory, exist_ok=True)
    for i in range(count):
        when, extras = POLICY_SPECS[i % len(POLICY_SPECS)]
        actions = []
        for extra in extras:
            if extra == "update":
                actions.append(f"    - updateRun: {{ summary: {{ {summary_key(i)}: 1 }} }}")
            elif extra == "log":
                actions.append(f"    - log: {{ message: \"{policy_name(i)} matched ${{run.path}}\" }}")
        actions.append(f"    - tagRun: {{ add: [{policy_name(i)}] }}")
        text = "\n".join([
            "apiVersion: launchpilot/v1",
            "kind: Policy",
            f"metadata: {{ name: {policy_name(i)} }}",
            "spec:",
            "  on:",
            "    - event: run.state_changed",
            f"      scope: {{ entity: {ENTITY}, project: {LP_PROJECT} }}",
            "      where: { to: finished }",
            f"  when: {yaml_flow(when)}",
            "  do:",
            *actions,
            "",
        ])
        with open(os.path.join(directory, f"{policy_name(i)}.yaml"), "w") as f:
            f.write(text)


def expectations(documents, count):
    """{run index: set of policy indexes that must fire on it}, and the number of actions in all."""
    matching = {}
    actions = 0
    for r, document in enumerate(documents):
        matching[r] = set()
        for i in range(count):
            when, extras = POLICY_SPECS[i % len(POLICY_SPECS)]
            if holds(when, document):
                matching[r].add(i)
                actions += 1 + len(extras)
    return matching, actions


# --- measuring ----------------------------------------------------------------------------------------

def instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def metric_sum(port, name, **labels):
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/q/metrics", timeout=10).read().decode()
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name + "{") and all(f'{k}="{v}"' in line for k, v in labels.items()):
            total += float(line.rsplit(" ", 1)[1])
    return total


def all_pages(api, path, key, cursor=None):
    """Every item of a paged list: path has a query already; key names its cursor parameter."""
    items = []
    while True:
        page = api.call("GET", path + (f"&{key}={cursor}" if cursor is not None else ""))
        items += page["items"]
        cursor = page.get("next")
        if not cursor or not page["items"]:
            return items


def measure_launchpilot(sandbox_alive, sandbox_port, names, documents, matching, expected_actions, workdir):
    config_dir = os.path.join(workdir, "config")
    write_policies(os.path.join(config_dir, "policies"), POLICIES)
    port = free_port()
    props = [f"-Dquarkus.http.port={port}", f"-Dlaunchpilot.watch.interval={WATCH_INTERVAL}",
             f"-Dlaunchpilot.watch.scopes[0].entity={ENTITY}", f"-Dlaunchpilot.watch.scopes[0].project={LP_PROJECT}",
             f"-Dquarkus.datasource.jdbc.url=jdbc:h2:file:{workdir}/store", f"-Dlaunchpilot.config-dir={config_dir}",
             "-Dlaunchpilot.queues.reconcile-every=off", "-Dlaunchpilot.sandbox.simulator.enabled=false",
             "-Dquarkus.log.level=WARN"] + SERVE_PROPS
    env = dict(os.environ, WANDB_BASE_URL=f"http://127.0.0.1:{sandbox_port}/sandbox", WANDB_API_KEY=KEY)
    serve = java(props + ["-jar", JAR, "serve"], open(os.path.join(workdir, "serve.log"), "w"), env)
    api = Http(port)
    try:
        wait_for(lambda: len(api.call("GET", "/api/v1/policies")) == POLICIES, 120, "serve and its policies")
        wait_for(lambda: watch.cycles_done(port) >= 1, 120, "the watcher's baseline poll")
        # the engine's first round puts its cursor at the ledger's end: let a few rounds pass
        time.sleep(5)
        last = api.call("GET", "/api/v1/events?order=desc&limit=1")["items"]
        after = last[0]["id"] if last else 0
        log(f"launchpilot: ready, ledger at event {after}; finishing {len(names)} runs")
        burst = time.time()
        finished = finish_all(Http(sandbox_port), LP_PROJECT, names)
        log(f"launchpilot: burst took {time.time() - burst:.2f}s; waiting for {expected_actions} actions")
        def all_done():
            if serve.poll() is not None or sandbox_alive.poll() is not None:
                raise SystemExit(f"serve or the sandbox ended early (exit {serve.poll()}, {sandbox_alive.poll()})")
            return metric_sum(port, "launchpilot_actions_total", outcome="done") >= expected_actions
        deadline = time.time() + TIMEOUT
        while not all_done():
            if time.time() > deadline:
                raise RuntimeError(f"timed out waiting for {expected_actions} actions done")
            time.sleep(0.5)
        waited = time.time() - burst
        time.sleep(3)  # anything beyond the expected would show up here
        actions = all_pages(api, "/api/v1/actions?limit=1000", "cursor")
        events = all_pages(api, "/api/v1/events?type=run.state_changed&limit=1000", "after", after)
        counters = {outcome: metric_sum(port, "launchpilot_policy_firings_total", outcome=outcome)
                    for outcome in ("fired", "duplicate", "unresolved", "cooldown", "rate-limited")}
    finally:
        serve.terminate()
        serve.wait(30)
    return analyse_launchpilot(burst, finished, names, matching, expected_actions, actions, events, counters, waited)


def analyse_launchpilot(burst, finished, names, matching, expected_actions, actions, events, counters, waited):
    by_name = {name: r for r, name in enumerate(names)}
    finished_events = {}
    for event in events:
        payload = event["payload"]
        if payload.get("project") == LP_PROJECT and str(payload.get("to", "")).lower() == "finished":
            finished_events.setdefault(payload["run"], []).append(event)
    firings = {}
    for action in actions:
        firings.setdefault(action["firingKey"], []).append(action)
    problems = []
    not_done = [a["id"] for a in actions if a["state"] != "done"]
    if not_done:
        problems.append(f"{len(not_done)} actions not done, e.g. {not_done[:3]}")
    if len(actions) != expected_actions:
        problems.append(f"{len(actions)} actions, {expected_actions} expected")
    fired = {}
    event_to_done, finish_to_done, event_to_fired, fired_to_done, finish_to_event = [], [], [], [], []
    events_by_id = {e["id"]: e for es in finished_events.values() for e in es}
    last_done = 0.0
    for key, group in firings.items():
        first = group[0]
        run = first["subject"].rsplit("/", 1)[1]
        pair = (first["policy"], run)
        if pair in fired:
            problems.append(f"policy {pair[0]} fired twice on {run}: {fired[pair]} and {key}")
        fired[pair] = key
        done = max(instant(a["updatedAt"]) for a in group)
        last_done = max(last_done, done)
        event = events_by_id.get(first["eventId"])
        if event is None:
            problems.append(f"firing {key}: its event {first['eventId']} is not a finished event of the burst")
            continue
        event_to_done.append(done - instant(event["observedAt"]))
        # recorded: when the outbox wrote the firing (firedAt is when the engine's round began)
        recorded = min(instant(a["createdAt"]) for a in group)
        event_to_fired.append(recorded - instant(event["observedAt"]))
        fired_to_done.append(done - recorded)
        finish_to_event.append(instant(event["observedAt"]) - finished[run])
        finish_to_done.append(done - finished[run])
    expected_pairs = {(policy_name(i), names[r]) for r, policies in matching.items() for i in policies}
    missing, extra = expected_pairs - set(fired), set(fired) - expected_pairs
    if missing:
        problems.append(f"{len(missing)} expected firings missing, e.g. {sorted(missing)[:3]}")
    if extra:
        problems.append(f"{len(extra)} firings not expected, e.g. {sorted(extra)[:3]}")
    # the executor's time per action: inside the attempt (intent committed -> result committed: the W&B
    # calls and the result's commit), and from one result to the next intent (finding due actions, the intent)
    attempts = sorted((instant(a["firstAttemptAt"]), instant(a["updatedAt"])) for a in actions if a["firstAttemptAt"])
    inside = [done - start for start, done in attempts]
    between = [max(0.0, attempts[k + 1][0] - attempts[k][1]) for k in range(len(attempts) - 1)
               if attempts[k + 1][0] - attempts[k][1] < 0.5]
    several = [run for run, es in finished_events.items() if len(es) > 1]
    if several:
        problems.append(f"{len(several)} runs have more than one finished event, e.g. {several[:3]}")
    if len(finished_events) != len(names):
        problems.append(f"{len(finished_events)} runs have a finished event, {len(names)} finished")
    return {"firings": len(firings), "actions": len(actions), "expected_firings": len(expected_pairs),
            "events": len(finished_events), "elapsed": last_done - burst, "waited": waited,
            "event_to_done": event_to_done, "finish_to_done": finish_to_done, "event_to_fired": event_to_fired,
            "fired_to_done": fired_to_done, "finish_to_event": finish_to_event, "inside": inside, "between": between, "counters": counters, "problems": problems}


def measure_sdk(sandbox_port, names, documents, matching):
    os.environ["WANDB_BASE_URL"] = f"http://127.0.0.1:{sandbox_port}/sandbox"
    os.environ["WANDB_API_KEY"] = KEY
    os.environ.setdefault("WANDB_SILENT", "true")
    import wandb
    api = wandb.Api(timeout=120)
    path = f"{ENTITY}/{SDK_PROJECT}"
    by_name = {name: r for r, name in enumerate(names)}
    expected = {(i, names[r]) for r, policies in matching.items() for i in policies}
    effects, updates, passes = {}, 0, 0
    finished = {}
    started = None

    def one_pass():
        """What a user would write: per policy, the finished runs matching it that lack its tag."""
        nonlocal updates
        api.flush()
        for i in range(POLICIES):
            when, extras = POLICY_SPECS[i % len(POLICY_SPECS)]
            tag = policy_name(i)
            filters = {"$and": [when, {"state": "finished"}, {"tags": {"$nin": [tag]}}]}
            for run in list(api.runs(path, filters=filters, per_page=100)):
                if "update" in extras:
                    run.summary[summary_key(i)] = 1
                run.tags.append(tag)
                run.update()
                updates += 1
                effects.setdefault((i, run.id), time.time())

    one_pass()  # nothing is finished yet: the loop's steady state before the burst
    if effects:
        raise RuntimeError(f"the SDK loop acted before any run finished: {sorted(effects)[:3]}")
    log(f"sdk: finishing {len(names)} runs")
    started = time.time()
    finished.update(finish_all(Http(sandbox_port), SDK_PROJECT, names))
    deadline = started + TIMEOUT
    while not expected <= set(effects) and time.time() < deadline:
        began = time.time()
        one_pass()
        passes += 1
        time.sleep(max(0.0, SDK_INTERVAL - (time.time() - began)))
    problems = []
    if not expected <= set(effects):
        problems.append(f"{len(expected - set(effects))} effects missing after {TIMEOUT:.0f}s")
    extra = set(effects) - expected
    if extra:
        problems.append(f"{len(extra)} effects not expected, e.g. {sorted(extra)[:3]}")
    if updates != len(effects):
        problems.append(f"{updates} updates for {len(effects)} effects")
    latencies = [t - finished[name] for (i, name), t in effects.items()]
    last = max(effects.values()) if effects else started
    return {"effects": len(effects), "updates": updates, "passes": passes, "elapsed": last - started,
            "finish_to_done": latencies, "problems": problems, "api": api}


def check_state(api, project, names, documents, matching):
    """Every run's tags and summary keys through the official SDK: exactly what the policies say."""
    problems = []
    seen = {run.id: run for run in api.runs(f"{ENTITY}/{project}", per_page=1000)}
    for r, name in enumerate(names):
        run = seen.get(name)
        if run is None:
            problems.append(f"{project}/{name} is gone")
            continue
        wanted = set(documents[r]["tags"]) | {policy_name(i) for i in matching[r]}
        if set(run.tags) != wanted or len(run.tags) != len(wanted):
            problems.append(f"{project}/{name}: tags {sorted(run.tags)}, expected {sorted(wanted)}")
        for i in matching[r]:
            if "update" in POLICY_SPECS[i % len(POLICY_SPECS)][1] and run.summary_metrics.get(summary_key(i)) != 1:
                problems.append(f"{project}/{name}: summary {summary_key(i)} missing")
    return problems


# --- the report ---------------------------------------------------------------------------------------

def load_average():
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def java_version():
    out = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    return out[0].strip() if out else "unknown"


def report(lp, sdk, load_start, load_end, matching):
    def s(values, p):
        return f"{percentile(values, p):.2f}"
    lp_rate = RUNS / lp["elapsed"]
    sdk_rate = RUNS / sdk["elapsed"]
    shares = sorted(sum(1 for r in matching if i in matching[r]) for i in range(POLICIES))
    lines = [
        f"Machine: {os.cpu_count()} CPUs (nproc), {cpu_model()}; {java_version()}; Python {platform.python_version()}; "
        f"load average (1/5/15 min) {load_start} at start, {load_end} at end. "
        f"{RUNS} runs finished at once, {POLICIES} policies (each matching {shares[0]} to {shares[-1]} runs), "
        f"{lp['expected_firings']} firings and {lp['actions']} actions expected and checked; "
        f"watch interval {WATCH_INTERVAL}, SDK loop interval {SDK_INTERVAL:g}s; H2 file store.",
        "",
        "| | Launchpilot (`serve`, outbox on H2) | SDK loop (`wandb.Api`) | SDK / Launchpilot |",
        "|---|---:|---:|---:|",
        f"| run-finished events per second (burst to last effect) | {lp_rate:.1f} | {sdk_rate:.1f} | {lp_rate / sdk_rate:.2f}x slower |" if sdk_rate < lp_rate else
        f"| run-finished events per second (burst to last effect) | {lp_rate:.1f} | {sdk_rate:.1f} | {sdk_rate / lp_rate:.2f}x faster |",
        f"| burst to last effect (s) | {lp['elapsed']:.1f} | {sdk['elapsed']:.1f} | {sdk['elapsed'] / lp['elapsed']:.2f} |",
        f"| run finished -> effect done, p50 (s) | {s(lp['finish_to_done'], 50)} | {s(sdk['finish_to_done'], 50)} | "
        f"{percentile(sdk['finish_to_done'], 50) / percentile(lp['finish_to_done'], 50):.2f} |",
        f"| run finished -> effect done, p99 (s) | {s(lp['finish_to_done'], 99)} | {s(sdk['finish_to_done'], 99)} | "
        f"{percentile(sdk['finish_to_done'], 99) / percentile(lp['finish_to_done'], 99):.2f} |",
        f"| run finished -> effect done, max (s) | {s(lp['finish_to_done'], 100)} | {s(sdk['finish_to_done'], 100)} | |",
        f"| event in the ledger -> action done, p50 / p99 / max (s) | {s(lp['event_to_done'], 50)} / "
        f"{s(lp['event_to_done'], 99)} / {s(lp['event_to_done'], 100)} | no ledger | |",
        f"| run finished -> event in the ledger, p50 / p99 (s) | {s(lp['finish_to_event'], 50)} / {s(lp['finish_to_event'], 99)} | | |",
        f"| event -> firing recorded, p50 / p99 (s) | {s(lp['event_to_fired'], 50)} / {s(lp['event_to_fired'], 99)} | | |",
        f"| firing recorded -> last action done, p50 / p99 (s) | {s(lp['fired_to_done'], 50)} / {s(lp['fired_to_done'], 99)} | | |",
        f"| executor per action: in the attempt (W&B calls, result commit) / between attempts (store), mean (ms) | "
        f"{1000 * sum(lp['inside']) / max(1, len(lp['inside'])):.1f} / {1000 * sum(lp['between']) / max(1, len(lp['between'])):.1f} | | |",
        f"| firings / actions (Launchpilot), run updates (SDK) | {lp['firings']} / {lp['actions']} | {sdk['updates']} in {sdk['passes']} passes | |",
        f"| correctness problems found | {len(lp['problems'])} | {len(sdk['problems'])} | |",
        "",
        "Effect done: Launchpilot, the `updatedAt` of the firing's last action once `done` (GET /api/v1/actions); "
        "SDK, the moment `run.update()` returned. Checked afterwards through the SDK on every run of both projects: "
        "tags are exactly the original ones plus one tag per matching policy, and the summary keys of the policies "
        "that write one are there; every action is `done`, no policy fired twice on a run, every finished run has "
        "exactly one event. The SDK loop gives no durable record of what it did or decided, no exactly-once after "
        "a crash (a crash between `run.update()` and the next pass is harmless here only because the filter "
        "re-checks the tag; a non-idempotent action such as queueing a run would be doubled or lost), no retries "
        "with backoff, no audit mode and no cooldown or rate limits.",
    ]
    return "\n".join(lines)


def main():
    workdir = tempfile.mkdtemp(prefix="lp-e2e-")
    load_start = load_average()
    sandbox_port = free_port()
    sandbox_proc = java([f"-Dquarkus.http.port={sandbox_port}", "-Dlaunchpilot.sandbox.simulator.enabled=false",
                         "-Dquarkus.log.level=WARN", "-jar", JAR, "sandbox"],
                        open(os.path.join(workdir, "sandbox.log"), "w"))
    sandbox = Http(sandbox_port)
    try:
        wait_for(lambda: sandbox.call("GET", "/sandbox/api/stats") is not None, 120, "the sandbox")
        sandbox.call("POST", "/sandbox/api/reset")
        documents = run_documents()
        matching, expected_actions = expectations(documents, POLICIES)
        lp_names = create_runs(sandbox, LP_PROJECT, documents)
        sdk_names = create_runs(sandbox, SDK_PROJECT, documents)
        log(f"created {len(documents)} runs twice; {sum(len(m) for m in matching.values())} firings and "
            f"{expected_actions} actions expected")
        lp = measure_launchpilot(sandbox_proc, sandbox_port, lp_names, documents, matching, expected_actions, workdir)
        log(f"launchpilot: {lp['firings']} firings, {lp['actions']} actions in {lp['elapsed']:.1f}s; "
            f"problems: {lp['problems'][:5]}")
        sdk = measure_sdk(sandbox_port, sdk_names, documents, matching)
        log(f"sdk: {sdk['effects']} effects in {sdk['elapsed']:.1f}s, {sdk['passes']} passes; problems: {sdk['problems'][:5]}")
        lp["problems"] += check_state(sdk["api"], LP_PROJECT, lp_names, documents, matching)
        sdk["problems"] += check_state(sdk["api"], SDK_PROJECT, sdk_names, documents, matching)
        for side, result in (("launchpilot", lp), ("sdk", sdk)):
            for problem in result["problems"][:10]:
                log(f"{side} PROBLEM: {problem}")
        load_end = load_average()
        text = report(lp, sdk, load_start, load_end, matching)
        print(text)
        if os.environ.get("WRITE_RESULTS", "1") == "1":
            with open(os.path.join(HERE, "results.md"), "w") as f:
                f.write(text + "\n")
        if lp["problems"] or sdk["problems"]:
            sys.exit(1)
    finally:
        sandbox_proc.terminate()
        sandbox_proc.wait(30)
        log(f"logs in {workdir}")


if __name__ == "__main__":
    main()
