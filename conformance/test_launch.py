"""Launch: wandb.sdk.launch.launch_add (pushToRunQueueByName) and the queued items it makes."""

from __future__ import annotations

import json

import pytest
from wandb.sdk.launch import launch_add
from wandb.sdk.launch.api import LaunchApi
from wandb.sdk.launch.errors import LaunchError

from conftest import new_api, unique

IMAGE = "ghcr.io/example/trainer:1.4"
CONFIG = {"image": "{{image}}", "cpus": "{{cpus}}"}
TEMPLATE_VARIABLES = {
    "image": {"description": "Image", "schema": {"type": "string", "default": IMAGE}},
    "cpus": {"description": "CPUs", "schema": {"type": "integer", "default": 1, "minimum": 1, "maximum": 16}},
}


def _make_queue(api, entity: str) -> str:
    name = unique("launch-q")
    api.create_run_queue(
        name=name,
        type="local-container",
        entity=entity,
        prioritization_mode="V0",
        config=CONFIG,
        template_variables=TEMPLATE_VARIABLES,
    )
    return name


def test_launch_add_with_image_template_variables_and_priority(api, ns):
    queue_name = _make_queue(api, ns.entity)

    queued = launch_add(
        docker_image=IMAGE,
        queue_name=queue_name,
        entity=ns.entity,
        project=ns.project,
        name="trainer-run",
        template_variables={"image": IMAGE, "cpus": 4},
        priority=1,
        config={"overrides": {"run_config": {"lr": 0.1}}},
    )
    assert queued.queue_name == queue_name
    assert queued.entity == ns.entity and queued.project == ns.project
    assert isinstance(queued.id, str) and queued.id
    assert queued.state == "pending"

    queue = new_api().run_queue(ns.entity, queue_name)
    items = queue.items
    assert [item.id for item in items] == [queued.id]
    assert items[0].state == "pending"
    # Pushing items does not change the queue's stored default resource config.
    assert queue.default_resource_config == {"resource_args": {"local-container": CONFIG}}


def test_launch_add_several_items(api, ns):
    queue_name = _make_queue(api, ns.entity)
    ids = []
    for priority in (3, 0, 2):
        queued = launch_add(
            docker_image=IMAGE,
            queue_name=queue_name,
            entity=ns.entity,
            project=ns.project,
            template_variables={"cpus": priority + 1},
            priority=priority,
        )
        ids.append(queued.id)
    assert len(set(ids)) == 3

    items = new_api().run_queue(ns.entity, queue_name).items
    assert sorted(item.id for item in items) == sorted(ids)
    assert all(item.state == "pending" for item in items)


def test_push_returns_the_stored_run_spec(api, ns):
    queue_name = _make_queue(api, ns.entity)
    spec = {
        "entity": ns.entity,
        "project": ns.project,
        "docker": {"docker_image": IMAGE},
        "overrides": {"args": ["--epochs", "3"]},
    }
    result = LaunchApi(overrides={"base_url": api.settings["base_url"]}).push_to_run_queue_by_name(
        ns.entity, "model-registry", queue_name, json.dumps(spec), {"cpus": 2}, priority=2
    )
    assert result is not None, "pushToRunQueueByName failed (the SDK swallows the GraphQL error)"
    assert result["runQueueItemId"]
    # The SDK parses the returned JSONString runSpec.
    assert result["runSpec"]["docker"]["docker_image"] == IMAGE
    assert result["runSpec"]["overrides"]["args"] == ["--epochs", "3"]
    assert [i.id for i in new_api().run_queue(ns.entity, queue_name).items] == [result["runQueueItemId"]]


def test_launch_add_to_missing_queue_fails(api, ns):
    _make_queue(api, ns.entity)  # the entity has queues, just not this one
    with pytest.raises(LaunchError):
        launch_add(docker_image=IMAGE, queue_name=unique("no-such-queue"), entity=ns.entity, project=ns.project, priority=1)
