"""GET /sandbox/api/stats counts the SDK's GraphQL requests by operation name.

The SDK sends an empty operationName for many documents; the sandbox must take the
name from the document itself (`query Run(...)` counts as "Run").
"""

from __future__ import annotations

from conftest import new_api, run_id, unique


def _delta(before: dict, after: dict) -> dict:
    names = set(before["operations"]) | set(after["operations"])
    return {n: after["operations"].get(n, 0) - before["operations"].get(n, 0) for n in names}


def test_stats_count_sdk_operations_by_document_name(api, ns, control):
    rid = run_id("st")
    control.create_run(ns.entity, ns.project, name=rid, state="finished", summary={"x": 1})
    queue_name = unique("stats-q")
    sweep_name = control.create_sweep(ns.entity, ns.project, {"method": "random", "parameters": {"x": {"values": [1]}}})["name"]
    fresh = new_api()  # its login check is not part of what is counted below

    before = control.stats()
    assert isinstance(before["total"], int) and isinstance(before["operations"], dict)

    fresh.create_run_queue(name=queue_name, type="local-container", entity=ns.entity)
    queue = fresh.run_queue(ns.entity, queue_name)
    queue.id  # GetRunQueueMetadata
    queue.type  # GetDefaultResourceConfig
    queue.items  # GetRunQueueItems
    run = fresh.run(f"{ns.entity}/{ns.project}/{rid}")  # Run
    run.summary.update({"x": 2})  # UpsertBucket
    list(fresh.runs(ns.path))  # Runs
    fresh.sweep(f"{ns.path}/{sweep_name}")  # GetSweep, with no fall-back to GetSweepLegacy

    after = control.stats()
    delta = _delta(before, after)
    # Other clients of the same sandbox may add requests of their own, hence lower bounds.
    for name in (
        "CreateProject",
        "CreateDefaultResourceConfig",
        "CreateRunQueue",
        "GetRunQueueMetadata",
        "GetDefaultResourceConfig",
        "GetRunQueueItems",
        "Run",
        "UpsertBucket",
        "Runs",
        "GetSweep",
    ):
        assert delta.get(name, 0) >= 1, f"{name} not counted; counted: { {k: v for k, v in delta.items() if v} }"
    assert delta.get("", 0) == 0, "requests counted under an empty operation name"
    # The SDK retries GetSweep as GetSweepLegacy after any error: that would hide a broken GetSweep.
    assert delta.get("GetSweepLegacy", 0) == 0
    assert after["total"] - before["total"] >= 9
