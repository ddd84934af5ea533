"""Sweeps: Api.sweep, Sweep.runs, Sweep.best_run and Project.sweeps."""

from __future__ import annotations

import pytest
from wandb.errors import CommError

from conftest import new_api, run_id

YAML_CONFIG = """\
name: lr-search
method: bayes
metric:
  name: val_acc
  goal: maximize
parameters:
  lr:
    min: 0.0001
    max: 0.1
  batch_size:
    values: [16, 32, 64]
"""
PARSED_YAML_CONFIG = {
    "name": "lr-search",
    "method": "bayes",
    "metric": {"name": "val_acc", "goal": "maximize"},
    "parameters": {"lr": {"min": 0.0001, "max": 0.1}, "batch_size": {"values": [16, 32, 64]}},
}
JSON_CONFIG = {
    "method": "grid",
    "metric": {"name": "loss", "goal": "minimize"},
    "parameters": {"layers": {"values": [2, 4, 8]}},
}


def _sweep_runs(control, ns, sweep_name, metric, values) -> dict:
    ids = {}
    for key, value in values.items():
        rid = run_id(key)
        control.create_run(ns.entity, ns.project, name=rid, state="finished", sweep=sweep_name, summary={metric: value})
        ids[key] = rid
    return ids


def test_sweep_reads_back(api, ns, control):
    sweep_name = control.create_sweep(ns.entity, ns.project, YAML_CONFIG, state="RUNNING")["name"]
    ids = _sweep_runs(control, ns, sweep_name, "val_acc", {"lo": 0.6, "hi": 0.9, "mid": 0.75})
    # a better run outside the sweep must not count
    control.create_run(ns.entity, ns.project, name=run_id("out"), state="finished", summary={"val_acc": 0.99})

    sweep = api.sweep(f"{ns.entity}/{ns.project}/{sweep_name}")
    assert sweep.id == sweep_name
    assert sweep.config == PARSED_YAML_CONFIG  # the YAML text parsed by the SDK
    assert sweep.state == "RUNNING"
    assert sweep.name == "lr-search"  # no display name: the config's name
    assert sweep.entity == ns.entity and sweep.project == ns.project
    assert sweep.path == [ns.entity, ns.project, sweep_name]
    assert sweep.run_count == 3
    assert sweep.expected_run_count is None  # only grid sweeps have a bound
    assert sorted(run.id for run in sweep.runs) == sorted(ids.values())
    assert len(sweep.runs) == 3
    assert all(run.sweep_name == sweep_name for run in sweep.runs)

    assert sweep.order == "-summary_metrics.val_acc"
    best = sweep.best_run()
    assert best is not None and best.id == ids["hi"]
    # an explicit order overrides the sweep's metric
    assert sweep.best_run(order="+summary_metrics.val_acc").id == ids["lo"]


def test_sweep_from_json_config_minimize(api, ns, control):
    sweep_name = control.create_sweep(ns.entity, ns.project, JSON_CONFIG, state="PAUSED")["name"]
    ids = _sweep_runs(control, ns, sweep_name, "loss", {"lo": 0.1, "hi": 2.0, "mid": 0.5})

    sweep = api.sweep(f"{ns.entity}/{ns.project}/{sweep_name}")
    assert sweep.config == JSON_CONFIG
    assert sweep.state == "PAUSED"
    assert sweep.expected_run_count == 3  # a grid over three values is bounded
    assert sweep.order == "+summary_metrics.loss"
    assert sweep.best_run().id == ids["lo"]
    run = new_api().run(f"{ns.entity}/{ns.project}/{ids['mid']}")
    assert run.sweep_name == sweep_name


def test_sweep_without_runs(api, ns, control):
    sweep_name = control.create_sweep(ns.entity, ns.project, YAML_CONFIG, state="RUNNING")["name"]
    sweep = api.sweep(f"{ns.entity}/{ns.project}/{sweep_name}")
    assert sweep.best_run() is None
    assert list(sweep.runs) == []
    assert sweep.run_count == 0


def test_sweep_not_found(api, ns, control):
    control.create_sweep(ns.entity, ns.project, YAML_CONFIG)
    # ValueError("Could not find sweep ..."), re-raised as CommError by @normalize_exceptions
    with pytest.raises(CommError, match="Could not find sweep"):
        api.sweep(f"{ns.entity}/{ns.project}/nosuchsweep")


def test_project_sweeps(api, ns, control):
    names = {
        control.create_sweep(ns.entity, ns.project, YAML_CONFIG, state="RUNNING")["name"],
        control.create_sweep(ns.entity, ns.project, JSON_CONFIG, state="FINISHED")["name"],
    }
    control.create_sweep(ns.entity, "elsewhere", YAML_CONFIG)

    sweeps = api.project(ns.project, entity=ns.entity).sweeps()
    listed = list(sweeps)
    assert {s.id for s in listed} == names
    assert len(sweeps) == 2
    states = {s.id: s.state for s in listed}
    configs = {s.id: s.config for s in listed}
    assert sorted(states.values()) == ["FINISHED", "RUNNING"]
    assert sorted(c["method"] for c in configs.values()) == ["bayes", "grid"]


def _sweep_cli(*args):
    """`wandb sweep ...` in-process (the CLI's state flags go through upsertSweep)."""
    from click.testing import CliRunner
    from wandb.cli.cli import sweep as sweep_command

    return CliRunner().invoke(sweep_command, list(args))


def test_sweep_state_changes_through_cli(ns, control):
    sweep_name = control.create_sweep(ns.entity, ns.project, YAML_CONFIG, state="RUNNING")["name"]
    path = f"{ns.entity}/{ns.project}/{sweep_name}"
    for flag, state in (("--pause", "PAUSED"), ("--resume", "RUNNING"), ("--stop", "FINISHED")):
        result = _sweep_cli(flag, path)
        assert result.exit_code == 0, f"wandb sweep {flag}: {result.exception!r} {result.output}"
        assert new_api().sweep(path).state == state
    # The CLI reads the state back before changing it, and refuses to cancel a finished sweep.
    result = _sweep_cli("--cancel", path)
    assert result.exit_code != 0 and "already finished" in str(result.exception)
    assert new_api().sweep(path).state == "FINISHED"
