"""The sandbox's simulator moves only the demo's own runs and items (issue 2, "Names and
behaviour to keep"): runs made through the control API and items pushed by the SDK stay put."""

from __future__ import annotations

import time

from conftest import new_api

SIMULATOR_TICKS = 11  # seconds: two ticks of the default 5 s interval


def test_simulator_leaves_other_runs_and_items_alone(simulator_probe):
    if "error" in simulator_probe:
        raise simulator_probe["error"]
    # The probe was made at session start; wait only for what the other tests did not take.
    time.sleep(max(0.0, SIMULATOR_TICKS - (time.monotonic() - simulator_probe["started"])))
    api = new_api()
    run = api.run(simulator_probe["run_path"])
    assert run.state == "running"
    assert run.summary_metrics == {"loss": 1.0, "_step": 3}
    assert run.heartbeat_at == simulator_probe["heartbeat_at"]
    item = simulator_probe["item"]
    assert item.state == "pending"
    queue = api.run_queue(simulator_probe["ns"].entity, simulator_probe["queue_name"])
    assert [i.id for i in queue.items] == [item.id]
