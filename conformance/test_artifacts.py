"""Artifacts: Api.artifact by alias and version, Run.logged_artifacts."""

from __future__ import annotations

import pytest
from wandb.errors import CommError

from conftest import new_api, run_id


def test_artifact_versions_and_latest(api, ns, control):
    rid = run_id("ar")
    control.create_run(ns.entity, ns.project, name=rid, state="finished")
    control.create_artifact(ns.entity, ns.project, "model", "resnet", run=rid)

    first = api.artifact(f"{ns.entity}/{ns.project}/resnet:latest")
    assert first.version == "v0"
    assert first.type == "model"
    assert first.source_name == "resnet:v0"
    assert "latest" in first.aliases

    control.create_artifact(ns.entity, ns.project, "model", "resnet", run=rid)  # adds v1, moves latest

    fresh = new_api()
    latest = fresh.artifact(f"{ns.entity}/{ns.project}/resnet:latest")
    v0 = fresh.artifact(f"{ns.entity}/{ns.project}/resnet:v0")
    v1 = fresh.artifact(f"{ns.entity}/{ns.project}/resnet:v1")
    assert latest.version == "v1"
    assert latest.id == v1.id
    assert v0.version == "v0" and v0.id != v1.id
    assert "latest" in v1.aliases and "latest" not in v0.aliases
    assert v0.type == v1.type == "model"
    assert latest.source_name == "resnet:v1"
    assert latest.qualified_name == f"{ns.entity}/{ns.project}/resnet:latest"
    assert (latest.entity, latest.project) == (ns.entity, ns.project)


def test_artifact_with_extra_alias(api, ns, control):
    control.create_artifact(ns.entity, ns.project, "dataset", "mnist")
    control.create_artifact(ns.entity, ns.project, "dataset", "mnist", aliases=["prod"])
    control.create_artifact(ns.entity, ns.project, "dataset", "mnist")

    prod = api.artifact(f"{ns.entity}/{ns.project}/mnist:prod", type="dataset")
    assert prod.version == "v1"
    assert "prod" in prod.aliases
    assert api.artifact(f"{ns.entity}/{ns.project}/mnist:latest").version == "v2"
    # the SDK checks the type it was asked for (a ValueError, re-raised as CommError)
    with pytest.raises(CommError, match="specified but this artifact is of type"):
        api.artifact(f"{ns.entity}/{ns.project}/mnist:prod", type="model")


def test_artifact_not_found(api, ns, control):
    control.create_artifact(ns.entity, ns.project, "model", "exists")
    # ValueError from the SDK when the membership is null, re-raised as CommError
    with pytest.raises(CommError, match="not found"):
        api.artifact(f"{ns.entity}/{ns.project}/missing:latest")
    with pytest.raises(CommError, match="not found"):
        api.artifact(f"{ns.entity}/{ns.project}/exists:v7")
    with pytest.raises(CommError, match="not found"):
        api.artifact(f"{ns.entity}/no-such-project/exists:latest")


def test_run_logged_artifacts(api, ns, control):
    producer, other = run_id("pr"), run_id("ot")
    control.create_run(ns.entity, ns.project, name=producer, state="finished")
    control.create_run(ns.entity, ns.project, name=other, state="finished")
    control.create_artifact(ns.entity, ns.project, "model", "net", run=producer)
    control.create_artifact(ns.entity, ns.project, "model", "net", run=producer)
    control.create_artifact(ns.entity, ns.project, "dataset", "data", run=producer)
    control.create_artifact(ns.entity, ns.project, "model", "net", run=other)

    logged = list(api.run(f"{ns.entity}/{ns.project}/{producer}").logged_artifacts())
    assert sorted(a.source_name for a in logged) == ["data:v0", "net:v0", "net:v1"]
    assert {a.source_name: a.type for a in logged} == {"data:v0": "dataset", "net:v0": "model", "net:v1": "model"}

    others = list(new_api().run(f"{ns.entity}/{ns.project}/{other}").logged_artifacts(per_page=1))
    assert [a.source_name for a in others] == ["net:v2"]
    empty = run_id("em")
    control.create_run(ns.entity, ns.project, name=empty)
    assert list(new_api().run(f"{ns.entity}/{ns.project}/{empty}").logged_artifacts()) == []


def test_artifact_link_to_collection(api, ns, control):
    control.create_artifact(ns.entity, ns.project, "model", "net")
    control.create_artifact(ns.entity, ns.project, "model", "net")
    source = api.artifact(f"{ns.entity}/{ns.project}/net:v0")

    linked = source.link(f"{ns.entity}/{ns.project}/best-models", aliases=["prod"])
    assert linked.version == "v0"  # the first version in the target collection
    assert "prod" in linked.aliases

    read = new_api().artifact(f"{ns.entity}/{ns.project}/best-models:prod")
    assert read.id == source.id  # a link, not a copy
    assert read.source_name == "net:v0"
    assert read.version == "v0"
    assert read.is_link
    assert "latest" in read.aliases  # the server applies `latest` to the newest link
    assert new_api().artifact(f"{ns.entity}/{ns.project}/net:latest").version == "v1"  # source unchanged
