"""Queues as code: a queue applied by `launchpilot queues apply` reads back through the official SDK
(`wandb.Api().run_queue(...)`) with the same type, config, template variables and prioritization;
a change made through the SDK shows in `queues plan` and is put back by the next apply."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import DUMMY_API_KEY, SANDBOX_URL, new_api, unique

REPO = Path(__file__).resolve().parent.parent
JAR = REPO / "target" / "quarkus-app" / "quarkus-run.jar"

CONFIG = {
    "namespace": "ml",
    "spec": {"template": {"spec": {"containers": [{"resources": {"limits": {"nvidia.com/gpu": "{{gpus}}"}}}]}}},
    "image": "{{image}}",
}
TEMPLATE_VARIABLES = {
    "gpus": {"description": "GPUs per run", "schema": {"type": "integer", "default": 1, "minimum": 1, "maximum": 8}},
    "image": {"description": "Image", "schema": {"type": "string", "default": "python:3.12", "enum": ["python:3.11", "python:3.12"]}},
}


def spec_yaml(entity: str, name: str, namespace: str = "ml") -> str:
    config = dict(CONFIG, namespace=namespace)
    # JSON is YAML: the spec file is written as JSON to keep this test free of a YAML writer
    return json.dumps({
        "apiVersion": "launchpilot/v1",
        "kind": "RunQueue",
        "metadata": {"name": name, "entity": entity},
        "spec": {
            "resource": "kubernetes",
            "prioritization": "V0",
            "config": config,
            "templateVariables": TEMPLATE_VARIABLES,
            "externalLinks": {"dashboard": "https://grafana.example.com/d/launch"},
        },
    }, indent=2)


def launchpilot(*args: str) -> subprocess.CompletedProcess:
    java = shutil.which("java") or os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "java")
    env = dict(os.environ, WANDB_BASE_URL=SANDBOX_URL, WANDB_API_KEY=DUMMY_API_KEY)
    return subprocess.run([java, "-jar", str(JAR), *args], env=env, capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module", autouse=True)
def _jar_built() -> None:
    if not JAR.exists():
        pytest.skip(f"{JAR} missing; build first (./mvnw package -DskipTests)")


def _schemas(queue) -> dict:
    return {tv["name"]: json.loads(tv["schema"]) for tv in queue.template_variables}


def _links(queue) -> dict:
    queue.id  # loads the metadata first (SDK bug: external_links alone raises AttributeError)
    links = queue.external_links
    links = json.loads(links) if isinstance(links, str) else links
    return {link["label"]: link["url"] for link in links["links"]}


def test_applied_queue_reads_back_through_the_sdk(ns, control, tmp_path):
    name = unique("gpu")
    spec = tmp_path / "gpu.yaml"
    spec.write_text(spec_yaml(ns.entity, name))

    applied = launchpilot("queues", "apply", str(spec))
    assert applied.returncode == 0, applied.stderr
    assert "Applied: 1 created" in applied.stdout

    queue = new_api().run_queue(ns.entity, name)
    assert queue.type == "kubernetes"
    assert queue.default_resource_config == {"resource_args": {"kubernetes": CONFIG}}
    assert _schemas(queue) == {k: v["schema"] for k, v in TEMPLATE_VARIABLES.items()}
    assert queue.prioritization_mode == "V0"
    links = _links(queue)
    assert links["dashboard"] == "https://grafana.example.com/d/launch"
    assert links["managed-by"].startswith("https://launchpilot.invalid/managed?spec=")

    # after an apply, plan reports the queue unchanged, and re-applying sends no mutation
    before = control.stats()["operations"]
    planned = launchpilot("queues", "plan", str(spec))
    assert planned.returncode == 0, planned.stderr
    assert "= unchanged" in planned.stdout and name in planned.stdout
    reapplied = launchpilot("queues", "apply", str(spec))
    assert reapplied.returncode == 0, reapplied.stderr
    after = control.stats()["operations"]
    sent = {op: after.get(op, 0) - before.get(op, 0) for op in after if after.get(op, 0) != before.get(op, 0)}
    assert sent == {"RunQueuesWithConfig": 2}, sent


def test_a_change_made_through_the_sdk_is_planned_and_put_back(ns, tmp_path):
    name = unique("drift")
    spec = tmp_path / "gpu.yaml"
    spec.write_text(spec_yaml(ns.entity, name))
    assert launchpilot("queues", "apply", str(spec)).returncode == 0

    api = new_api()
    links = _links(api.run_queue(ns.entity, name))
    api.upsert_run_queue(
        name=name,
        resource_config=dict(CONFIG, namespace="someone-else"),
        resource_type="kubernetes",
        entity=ns.entity,
        template_variables=TEMPLATE_VARIABLES,
        external_links=links,  # as the UI does: the links, and so the marker, stay
        prioritization_mode="V0",
    )

    planned = launchpilot("queues", "plan", str(spec))
    assert planned.returncode == 0, planned.stderr
    assert "~ update" in planned.stdout
    assert 'config.namespace: "someone-else" -> "ml"' in planned.stdout
    assert "changed in W&B since it was applied" in planned.stdout

    assert launchpilot("queues", "apply", str(spec)).returncode == 0
    assert new_api().run_queue(ns.entity, name).default_resource_config == {"resource_args": {"kubernetes": CONFIG}}


def test_v0_back_to_disabled_is_refused(ns, tmp_path):
    name = unique("v0")
    spec = tmp_path / "q.yaml"
    spec.write_text(spec_yaml(ns.entity, name))
    assert launchpilot("queues", "apply", str(spec)).returncode == 0
    spec.write_text(spec_yaml(ns.entity, name).replace('"V0"', '"DISABLED"'))

    refused = launchpilot("queues", "apply", str(spec))
    assert refused.returncode == 1
    assert "V0" in refused.stderr and "nothing applied" in refused.stderr
    assert new_api().run_queue(ns.entity, name).prioritization_mode == "V0"
