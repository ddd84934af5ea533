"""Runs: Api.runs (filters, order, paging), Api.run, Run.update and summary writes."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest
from wandb.errors import CommError

from conftest import Namespace, new_api, run_id


def _ts(value: str) -> datetime:
    """W&B DateTime strings, with or without a zone (W&B's are UTC)."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


# --------------------------------------------------------------------------- a single run


def test_run_reads_back(api, ns, control):
    rid = run_id("rd")
    control.create_run(
        ns.entity,
        ns.project,
        name=rid,
        displayName="brave-owl-1",
        state="finished",
        config={"lr": 0.01, "batch_size": 32, "optimizer": "adam", "layers": [64, 32]},
        summary={"val_acc": 0.91, "loss": 0.2, "epoch": 10},
        tags=["baseline", "gpu"],
        group="grp-1",
        jobType="train",
    )

    run = api.run(f"{ns.entity}/{ns.project}/{rid}")
    assert run.id == rid  # W&B's run `name` (the short id)
    assert run.name == "brave-owl-1"  # W&B's `displayName`
    assert run.storage_id and run.storage_id != rid  # GraphQL `id`, used by upsertBucket
    assert run.entity == ns.entity and run.project == ns.project
    assert run.path == [ns.entity, ns.project, rid]
    assert run.state == "finished"
    assert run.config == {"lr": 0.01, "batch_size": 32, "optimizer": "adam", "layers": [64, 32]}
    assert run.summary_metrics == {"val_acc": 0.91, "loss": 0.2, "epoch": 10}
    assert run.summary["val_acc"] == 0.91
    assert run.tags == ["baseline", "gpu"]
    assert run.group == "grp-1"
    assert run.job_type == "train"
    assert run.sweep_name is None
    # Run.projectId is an integer-valued ID: the SDK int()s it while loading.
    assert isinstance(run._project_internal_id, int)
    _ts(run.created_at)


def test_run_not_found(api, ns, control):
    control.create_run(ns.entity, ns.project, name=run_id("ex"))
    # RunNotFoundError (a ValueError), re-raised as CommError by @normalize_exceptions
    with pytest.raises(CommError, match="Could not find run"):
        api.run(f"{ns.entity}/{ns.project}/nosuchrun")


def test_run_update_tags_name_config_and_summary(api, ns, control):
    rid = run_id("up")
    control.create_run(
        ns.entity,
        ns.project,
        name=rid,
        displayName="before",
        state="running",
        config={"lr": 0.1},
        summary={"val_acc": 0.5},
        tags=["old"],
    )
    path = f"{ns.entity}/{ns.project}/{rid}"
    run = api.run(path)
    run.tags = ["new", "shiny"]
    run.name = "after"
    run.config["epochs"] = 5
    run.update()  # upsertBucket with tags/displayName/config, then the summary write

    fresh = new_api().run(path)
    assert fresh.tags == ["new", "shiny"]  # tags are replaced, not merged
    assert fresh.name == "after"
    assert fresh.config == {"lr": 0.1, "epochs": 5}
    assert fresh.summary_metrics == {"val_acc": 0.5}
    assert fresh.state == "running"

    fresh.summary.update({"val_acc": 0.75, "best_epoch": 3})
    again = new_api().run(path)
    assert again.summary_metrics == {"val_acc": 0.75, "best_epoch": 3}
    assert again.tags == ["new", "shiny"] and again.config == {"lr": 0.1, "epochs": 5}

    # The new tags and summary are what filters see.
    found = new_api().runs(ns.path, filters={"$and": [{"tags": {"$in": ["shiny"]}}, {"summary_metrics.best_epoch": 3}]})
    assert [r.id for r in found] == [rid]


def test_api_flush_sees_changes(api, ns, control):
    rid = run_id("fl")
    control.create_run(ns.entity, ns.project, name=rid, tags=["a"])
    path = f"{ns.entity}/{ns.project}/{rid}"
    assert api.run(path).tags == ["a"]
    control.patch_run(ns.entity, ns.project, rid, tags=["b"], state="finished")
    api.flush()
    run = api.run(path)
    assert run.tags == ["b"]
    assert run.state == "finished"


# --------------------------------------------------------------------------- filters

# key: (state, displayName, tags, group, jobType, config, summary, in sweep)
FILTER_RUNS = {
    "a": ("finished", "alpha-one", ["baseline", "gpu"], "g1", "train", {"lr": 0.1, "opt": "adam", "layers": 2}, {"val_acc": 0.7, "loss": 0.5}, False),
    "b": ("running", "alpha-two", ["gpu"], "g1", "train", {"lr": 0.01, "opt": "sgd", "layers": 4}, {"val_acc": 0.9}, True),
    "c": ("failed", "beta-one", [], "g2", "eval", {"lr": 0.001, "opt": "adam"}, {"val_acc": 0.5, "loss": 1.2}, True),
    "d": ("crashed", "beta-two", ["baseline"], None, "eval", {"lr": 0.05}, {}, False),
    # created at least a second later than a-d (DateTime may have second precision)
    "e": ("finished", "gamma", ["cpu"], "g2", "train", {"opt": "sgd", "layers": 8}, {"val_acc": 0.8, "loss": 0.3}, True),
    "f": ("killed", "delta", ["cpu", "baseline"], "g3", "other", {}, {"loss": 0.9}, False),
}


@pytest.fixture(scope="module")
def filter_data(control):
    """Six runs with known attributes in a project of their own, three of them in one sweep."""
    ns = Namespace("filters")
    sweep = control.create_sweep(ns.entity, ns.project, "method: random\nparameters:\n  lr:\n    values: [0.1, 0.01]\n")
    ids = {}
    for key, (state, display, tags, group, job_type, config, summary, in_sweep) in FILTER_RUNS.items():
        if key == "e":
            time.sleep(1.1)
        fields = {"name": run_id(key), "displayName": display, "state": state, "tags": tags, "config": config, "summary": summary}
        if group:
            fields["group"] = group
        if job_type:
            fields["jobType"] = job_type
        if in_sweep:
            fields["sweep"] = sweep["name"]
        control.create_run(ns.entity, ns.project, **fields)
        ids[key] = fields["name"]
    api = new_api()
    created = {key: api.run(f"{ns.path}/{rid}").created_at for key, rid in ids.items()}
    return {"ns": ns, "ids": ids, "sweep": sweep["name"], "created": created}


def _select(data, filters, order="+created_at", per_page=50) -> list[str]:
    """Keys (a-f) of the runs the SDK returns for these filters, in the order returned."""
    by_id = {rid: key for key, rid in data["ids"].items()}
    runs = new_api().runs(data["ns"].path, filters=filters, order=order, per_page=per_page)
    keys = [by_id[run.id] for run in runs]
    assert len(runs) == len(keys), "runCount(filters) disagrees with the runs returned"
    return keys


FILTER_CASES = [
    ({}, "abcdef"),
    ({"state": "finished"}, "ae"),
    ({"state": {"$eq": "running"}}, "b"),
    ({"state": {"$ne": "finished"}}, "bcdf"),
    ({"state": {"$in": ["failed", "crashed"]}}, "cd"),
    ({"state": {"$nin": ["finished", "running"]}}, "cdf"),
    ({"display_name": {"$regex": "^alpha"}}, "ab"),
    ({"displayName": {"$regex": "-two$"}}, "bd"),
    ({"displayName": "gamma"}, "e"),
    ({"tags": {"$in": ["baseline"]}}, "adf"),
    ({"tags": {"$nin": ["gpu"]}}, "cdef"),
    ({"tags": "cpu"}, "ef"),  # Mongo: equality with an array field matches any element
    ({"group": "g1"}, "ab"),
    ({"group": {"$in": ["g2", "g3"]}}, "cef"),
    ({"jobType": "eval"}, "cd"),
    ({"jobType": {"$ne": "train"}}, "cdf"),
    ({"config.lr": {"$gt": 0.01}}, "ad"),  # e and f have no lr: a comparison on a missing key matches nothing
    ({"config.lr": {"$gte": 0.01}}, "abd"),
    ({"config.lr": {"$lt": 0.05}}, "bc"),
    ({"config.lr": {"$lte": 0.05}}, "bcd"),
    ({"config.opt": {"$eq": "adam"}}, "ac"),
    ({"config.opt": {"$regex": "^s"}}, "be"),
    ({"config.layers": {"$in": [2, 8]}}, "ae"),
    ({"config.layers": {"$exists": True}}, "abe"),
    ({"config.layers": {"$exists": False}}, "cdf"),
    ({"summary_metrics.val_acc": {"$gte": 0.8}}, "be"),
    ({"summary_metrics.val_acc": {"$lt": 0.75}}, "ac"),  # d and f have no val_acc
    ({"summary_metrics.val_acc": {"$eq": 0.9}}, "b"),
    ({"summary_metrics.loss": {"$lt": 1}}, "aef"),
    ({"summary_metrics.loss": {"$exists": False}}, "bd"),
    ({"$and": [{"state": "finished"}, {"config.opt": "sgd"}]}, "e"),
    ({"$or": [{"jobType": "eval"}, {"tags": {"$in": ["cpu"]}}]}, "cdef"),
    ({"$nor": [{"state": "finished"}, {"group": "g1"}]}, "cdf"),
    (
        {"$and": [{"$or": [{"config.lr": {"$gt": 0.04}}, {"config.opt": "sgd"}]}, {"state": {"$ne": "crashed"}}]},
        "abe",
    ),
]


@pytest.mark.parametrize("filters,expected", FILTER_CASES, ids=[str(f) for f, _ in FILTER_CASES])
def test_runs_filter(filter_data, filters, expected):
    assert sorted(_select(filter_data, filters)) == sorted(expected)


def test_runs_filter_by_sweep(filter_data):
    assert sorted(_select(filter_data, {"sweep": filter_data["sweep"]})) == sorted("bce")


def test_runs_filter_by_name(filter_data):
    ids = filter_data["ids"]
    assert sorted(_select(filter_data, {"name": {"$in": [ids["a"], ids["c"]]}})) == ["a", "c"]


def test_runs_filter_by_created_at(filter_data):
    created = filter_data["created"]
    cutoff = created["e"]  # e and f were created over a second after a-d
    assert _ts(cutoff) > max(_ts(created[k]) for k in "abcd")
    assert sorted(_select(filter_data, {"createdAt": {"$gte": cutoff}})) == ["e", "f"]
    assert sorted(_select(filter_data, {"createdAt": {"$lt": cutoff}})) == ["a", "b", "c", "d"]


ORDER_CASES = [
    ("+config.lr.value", {"config.lr": {"$exists": True}}, "cbda"),
    ("-config.lr.value", {"config.lr": {"$exists": True}}, "adbc"),
    ("-summary_metrics.val_acc", {"summary_metrics.val_acc": {"$exists": True}}, "beac"),
    ("+summary_metrics.loss", {"summary_metrics.loss": {"$exists": True}}, "eafc"),
]


@pytest.mark.parametrize("order,filters,expected", ORDER_CASES, ids=[o for o, _, _ in ORDER_CASES])
def test_runs_order(filter_data, order, filters, expected):
    assert "".join(_select(filter_data, filters, order=order, per_page=2)) == expected


def test_runs_order_by_heartbeat(api, ns, control):
    ids = {k: run_id(k) for k in "xyz"}
    for key in "xyz":
        control.create_run(ns.entity, ns.project, name=ids[key], state="running")
    for key in "zxy":  # heartbeats: z, then x, then y (over a second apart)
        time.sleep(1.1)
        control.patch_run(ns.entity, ns.project, ids[key], summary={"beat": key})
    by_id = {rid: key for key, rid in ids.items()}
    runs = list(api.runs(ns.path, order="-heartbeat_at", per_page=2))
    assert "".join(by_id[r.id] for r in runs) == "yxz"
    beats = [_ts(r.heartbeat_at) for r in runs]
    assert beats == sorted(beats, reverse=True)


# --------------------------------------------------------------------------- paging

PAGE_RUNS = 130


@pytest.fixture(scope="module")
def page_data(control):
    """130 runs (more than the 100 a page may hold): config.i = 0..129, a distinct score each."""
    ns = Namespace("paging")
    ids = []
    for i in range(PAGE_RUNS):
        rid = f"pg{i:03d}" + run_id("")[:3]
        control.create_run(
            ns.entity,
            ns.project,
            name=rid,
            displayName=f"run-{i:03d}",
            state="finished",
            config={"i": i, "parity": "even" if i % 2 == 0 else "odd"},
            summary={"score": (i * 37) % PAGE_RUNS},
        )
        ids.append(rid)
    return {"ns": ns, "ids": ids}


def _index(run) -> int:
    return int(run.id[2:5])


def test_runs_paging_default_order(page_data):
    runs = new_api().runs(page_data["ns"].path, per_page=25)
    got = list(runs)
    assert len(runs) == PAGE_RUNS
    assert len(got) == PAGE_RUNS
    assert len({r.id for r in got}) == PAGE_RUNS, "duplicates across pages"
    assert {r.id for r in got} == set(page_data["ids"])
    created = [_ts(r.created_at) for r in got]
    assert created == sorted(created), "default order is ascending createdAt"


def test_runs_paging_created_at_descending(page_data):
    got = list(new_api().runs(page_data["ns"].path, order="-created_at", per_page=50))
    assert len({r.id for r in got}) == len(got) == PAGE_RUNS
    created = [_ts(r.created_at) for r in got]
    assert created == sorted(created, reverse=True)


def test_runs_paging_by_config_value(page_data):
    got = list(new_api().runs(page_data["ns"].path, order="+config.i.value", per_page=30))
    assert [_index(r) for r in got] == list(range(PAGE_RUNS))


def test_runs_paging_by_summary_descending(page_data):
    got = list(new_api().runs(page_data["ns"].path, order="-summary_metrics.score", per_page=40))
    assert [(_index(r) * 37) % PAGE_RUNS for r in got] == list(range(PAGE_RUNS - 1, -1, -1))


def test_runs_paging_with_filter(page_data):
    runs = new_api().runs(
        page_data["ns"].path, filters={"config.parity": "even"}, order="-config.i.value", per_page=10
    )
    got = [_index(r) for r in runs]
    assert len(runs) == PAGE_RUNS // 2
    assert got == list(range(PAGE_RUNS - 2, -1, -2))


def test_runs_paging_with_range_filter(page_data):
    runs = new_api().runs(
        page_data["ns"].path,
        filters={"$and": [{"config.i": {"$gte": 100}}, {"config.i": {"$lt": 120}}]},
        order="+config.i.value",
        per_page=7,
    )
    assert [_index(r) for r in runs] == list(range(100, 120))
    assert len(runs) == 20
