"""Shared set-up for the SDK conformance suite.

The suite drives the Launchpilot sandbox (a W&B-compatible backend) with the
official `wandb` SDK. Data is put in place through the sandbox's control API
(plain HTTP), then read back and changed through the SDK only.

Environment:
  LAUNCHPILOT_SANDBOX_URL  base URL of the sandbox, e.g. http://127.0.0.1:18080/sandbox
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

SANDBOX_URL = os.environ.get("LAUNCHPILOT_SANDBOX_URL", "http://127.0.0.1:8080/sandbox").rstrip("/")
# The SDK checks the key's shape only (40+ letters, digits or `_`); the sandbox accepts any key.
DUMMY_API_KEY = "launchpilot_conformance_" + "0123456789abcdef" * 2

# Everything the SDK (and its wandb-core sidecar) reads must point at the sandbox and at
# throw-away directories, before `wandb` is imported: nothing may reach the internet or
# the user's own W&B settings.
_home = tempfile.mkdtemp(prefix="launchpilot-conformance-")
atexit.register(shutil.rmtree, _home, ignore_errors=True)
os.environ.update(
    {
        "WANDB_BASE_URL": SANDBOX_URL,  # launch_add builds its own Api from the environment
        "WANDB_API_KEY": DUMMY_API_KEY,
        "WANDB_SILENT": "true",
        "WANDB_ERROR_REPORTING": "false",
        "WANDB_DISABLE_GIT": "true",
        "WANDB_DISABLE_CODE": "true",
        "WANDB_DIR": _home,
        "WANDB_CONFIG_DIR": os.path.join(_home, "config"),
        "WANDB_CACHE_DIR": os.path.join(_home, "cache"),
        "WANDB_DATA_DIR": os.path.join(_home, "data"),
        "WANDB_ARTIFACT_DIR": os.path.join(_home, "artifacts"),
        "NETRC": os.path.join(_home, "netrc"),
    }
)
for _var in ("WANDB_ENTITY", "WANDB_PROJECT", "WANDB_MODE", "WANDB_IDENTITY_TOKEN_FILE", "WANDB_ORGANIZATION"):
    os.environ.pop(_var, None)

import wandb  # noqa: E402  (after the environment above)


class Control:
    """The sandbox's control API (see DESIGN.md, "The sandbox")."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def _call(self, method: str, path: str, body: dict | None = None) -> dict:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.base_url}/api/{path}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as e:
            raise AssertionError(f"control API {method} {path} -> {e.code}: {e.read().decode()[:500]}") from None
        return json.loads(text) if text.strip() else {}

    def create_run(self, entity: str, project: str, **fields) -> dict:
        """POST /api/runs; fields: name, displayName, state, config, summary, tags, sweep, group, jobType."""
        return self._call("POST", "runs", {"entity": entity, "project": project, **fields})

    def patch_run(self, entity: str, project: str, name: str, **fields) -> dict:
        """PATCH /api/runs/{entity}/{project}/{name}; bumps the run's heartbeat."""
        path = "/".join(urllib.parse.quote(p, safe="") for p in (entity, project, name))
        return self._call("PATCH", f"runs/{path}", fields)

    def create_sweep(self, entity: str, project: str, config, **fields) -> dict:
        """POST /api/sweeps; config is YAML text or a JSON object."""
        return self._call("POST", "sweeps", {"entity": entity, "project": project, "config": config, **fields})

    def create_artifact(self, entity: str, project: str, type: str, name: str, **fields) -> dict:
        """POST /api/artifacts; a second POST of the same name adds the next version."""
        return self._call("POST", "artifacts", {"entity": entity, "project": project, "type": type, "name": name, **fields})

    def stats(self) -> dict:
        return self._call("GET", "stats")


@pytest.fixture(scope="session")
def control() -> Control:
    return Control(SANDBOX_URL)


@pytest.fixture(scope="session", autouse=True)
def _sandbox_reachable() -> None:
    try:
        urllib.request.urlopen(f"{SANDBOX_URL}/api/stats", timeout=10).close()
    except (urllib.error.URLError, OSError) as e:
        pytest.exit(f"sandbox not reachable at {SANDBOX_URL} ({e}); set LAUNCHPILOT_SANDBOX_URL", returncode=3)


def new_api() -> wandb.Api:
    """A fresh Api: no cached runs, sweeps or queues from earlier calls."""
    return wandb.Api(overrides={"base_url": SANDBOX_URL}, api_key=DUMMY_API_KEY)


@pytest.fixture
def api() -> wandb.Api:
    return new_api()


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


class Namespace:
    """An entity and project owned by one test (never `demo`, which the simulator owns)."""

    def __init__(self, label: str) -> None:
        self.entity = unique("cf-" + label[:20].strip("-_").lower().replace("_", "-"))
        self.project = "proj"

    @property
    def path(self) -> str:
        return f"{self.entity}/{self.project}"


@pytest.fixture
def ns(request) -> Namespace:
    return Namespace(request.node.originalname.removeprefix("test_"))


def run_id(label: str) -> str:
    """A short run id as W&B makes them: 8 lower-case letters and digits, unique here."""
    return (label[:2] + uuid.uuid4().hex)[:8]


@pytest.fixture(scope="session", autouse=True)
def simulator_probe(control, _sandbox_reachable):
    """A run and a queued item made at session start; test_simulator checks, once the
    simulator has ticked a few times meanwhile, that nothing moved them."""
    from wandb.sdk.launch import launch_add

    probe = Namespace("simulator")
    started = time.monotonic()
    try:
        rid = run_id("sim")
        control.create_run(probe.entity, probe.project, name=rid, state="running", summary={"loss": 1.0, "_step": 3})
        queue_name = unique("sim-q")
        api = new_api()
        api.create_run_queue(name=queue_name, type="local-container", entity=probe.entity)
        queued = launch_add(docker_image="busybox:1", queue_name=queue_name, entity=probe.entity, project=probe.project)
        run = api.run(f"{probe.path}/{rid}")
    except Exception as e:  # reported by test_simulator alone, not as an error of every test
        return {"error": e, "started": started}
    return {
        "ns": probe,
        "run_path": f"{probe.path}/{rid}",
        "heartbeat_at": run.heartbeat_at,
        "queue_name": queue_name,
        "item": queued,
        "started": started,
    }
