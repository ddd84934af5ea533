"""Run queues: Api.create_run_queue, Api.upsert_run_queue and Api.run_queue reads."""

from __future__ import annotations

import json

from wandb.sdk.launch.utils import fetch_and_validate_template_variables

from conftest import new_api, unique

K8S_CONFIG = {
    "namespace": "ml",
    "image": "{{image}}",
    "resources": {"limits": {"cpu": "{{cpus}}", "memory": "4Gi"}},
}
TEMPLATE_VARIABLES = {
    "image": {
        "description": "Container image",
        "schema": {"type": "string", "default": "python:3.11", "enum": ["python:3.11", "python:3.12"]},
    },
    "cpus": {
        "description": "CPU limit",
        "schema": {"type": "integer", "default": 2, "minimum": 1, "maximum": 8},
    },
    "lr": {"description": "Learning rate", "schema": {"type": "number", "default": 0.01}},
}


def _schemas(queue) -> dict:
    """template_variables reads back as a list of {name, schema} with schema a JSON string."""
    out = {}
    for tv in queue.template_variables:
        assert isinstance(tv["schema"], str), f"schema must be a JSON string, got {tv['schema']!r}"
        out[tv["name"]] = json.loads(tv["schema"])
    return out


def _links(queue) -> dict:
    # The SDK returns externalLinks exactly as the server sends it.
    links = queue.external_links
    return json.loads(links) if isinstance(links, str) else links


def test_create_run_queue_reads_back(api, ns):
    name = unique("k8s-queue")
    created = api.create_run_queue(
        name=name,
        type="kubernetes",
        entity=ns.entity,
        prioritization_mode="V0",
        config=K8S_CONFIG,
        template_variables=TEMPLATE_VARIABLES,
    )
    assert created.name == name and created.entity == ns.entity

    queue = new_api().run_queue(ns.entity, name)
    assert queue.type == "kubernetes"
    # The SDK wrote {"resource_args": {<type>: <config>}}; it reads back as the same JSON value.
    assert queue.default_resource_config == {"resource_args": {"kubernetes": K8S_CONFIG}}
    assert _schemas(queue) == {k: v["schema"] for k, v in TEMPLATE_VARIABLES.items()}
    assert queue.prioritization_mode == "V0"
    assert queue.access == "PROJECT"
    assert isinstance(queue.id, str) and queue.id
    assert created.id == queue.id
    assert queue.items == []
    # The SDK's own reader of template variables (used by `wandb launch --set-var`) casts by schema type.
    assert fetch_and_validate_template_variables(queue, ["cpus=4", "image=python:3.12", "lr=0.5"]) == {
        "cpus": 4,
        "image": "python:3.12",
        "lr": 0.5,
    }


def test_create_run_queue_defaults(api, ns):
    name = unique("plain-queue")
    api.create_run_queue(name=name, type="local-container", entity=ns.entity)

    queue = new_api().run_queue(ns.entity, name)
    assert queue.type == "local-container"
    assert queue.default_resource_config == {"resource_args": {"local-container": {}}}
    assert queue.template_variables == []
    assert queue.prioritization_mode == "DISABLED"
    assert queue.items == []


def test_queues_are_scoped_by_entity(api, ns):
    name = unique("same-name")
    other = ns.entity + "-other"
    api.create_run_queue(name=name, type="local-process", entity=ns.entity, config={"a": 1})
    api.create_run_queue(name=name, type="local-container", entity=other, config={"b": 2})

    fresh = new_api()
    assert fresh.run_queue(ns.entity, name).default_resource_config == {"resource_args": {"local-process": {"a": 1}}}
    assert fresh.run_queue(other, name).default_resource_config == {"resource_args": {"local-container": {"b": 2}}}
    assert fresh.run_queue(ns.entity, name).id != fresh.run_queue(other, name).id


def test_upsert_run_queue_with_template_variables_and_links(api, ns):
    name = unique("upserted")
    config = {"env": {"IMAGE": "{{image}}", "CPUS": "{{cpus}}"}}
    links = {"Dashboard": "https://grafana.example.com/d/launch", "Runbook": "https://wiki.example.com/launch"}
    api.upsert_run_queue(
        name=name,
        resource_config=config,
        resource_type="local-container",
        entity=ns.entity,
        template_variables=TEMPLATE_VARIABLES,
        external_links=links,
        prioritization_mode="V0",
    )

    queue = new_api().run_queue(ns.entity, name)
    # SDK bug (OPERATIONS.md c): RunQueue.external_links raises AttributeError unless the queue
    # metadata was loaded first (`_external_links` is never set in __init__). Reading `.id`
    # loads the metadata, which sets `_external_links`.
    queue_id = queue.id
    assert _links(queue) == {"links": [{"label": k, "url": v} for k, v in links.items()]}
    assert queue.type == "local-container"
    assert queue.default_resource_config == {"resource_args": {"local-container": config}}
    assert _schemas(queue) == {k: v["schema"] for k, v in TEMPLATE_VARIABLES.items()}
    assert queue.prioritization_mode == "V0"

    # A second upsert of the same name changes that queue in place.
    config2 = {"env": {"IMAGE": "{{image}}"}, "gpus": 1}
    api.upsert_run_queue(
        name=name,
        resource_config=config2,
        resource_type="local-container",
        entity=ns.entity,
        template_variables={"image": TEMPLATE_VARIABLES["image"]},
        external_links={"Docs": "https://docs.example.com"},
        prioritization_mode="V0",
    )
    queue = new_api().run_queue(ns.entity, name)
    assert queue.id == queue_id
    assert _links(queue) == {"links": [{"label": "Docs", "url": "https://docs.example.com"}]}
    assert queue.default_resource_config == {"resource_args": {"local-container": config2}}
    assert _schemas(queue) == {"image": TEMPLATE_VARIABLES["image"]["schema"]}


def test_upsert_run_queue_defaults(api, ns):
    name = unique("upsert-plain")
    api.upsert_run_queue(name=name, resource_config={"x": "y"}, resource_type="kubernetes", entity=ns.entity)

    queue = new_api().run_queue(ns.entity, name)
    queue.id  # load metadata first, see the SDK bug noted above
    # The SDK always sends externalLinks, {"links": []} when none were given.
    assert _links(queue) == {"links": []}
    assert queue.prioritization_mode == "DISABLED"
    assert queue.type == "kubernetes"
    assert queue.default_resource_config == {"resource_args": {"kubernetes": {"x": "y"}}}
    assert queue.template_variables == []
