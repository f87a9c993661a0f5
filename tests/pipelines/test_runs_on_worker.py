"""Full runs through the API on a real Celery worker and broker: each pipeline, the corrupted-data stop, the
fairness block, drift that triggers a retrain, and cancellation."""

import re
import time

import pytest
from rest_framework.test import APIClient

from community.pipelines.models import PipelineRun
from tests.factories import old_user


def wait_finished(run_id: int, seconds: float = 120) -> PipelineRun:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        run = PipelineRun.objects.get(pk=run_id)
        if run.finished:
            return run
        time.sleep(0.3)
    raise AssertionError(f"run {run_id} still {PipelineRun.objects.get(pk=run_id).status}")


@pytest.fixture
def api(transactional_db) -> APIClient:
    client = APIClient()
    client.force_authenticate(old_user())
    return client


def start(api: APIClient, pipeline: str, **params) -> dict:
    response = api.post("/api/pipeline-runs/", {"pipeline": pipeline, "params": params}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def run_json(api: APIClient, run_id: int) -> dict:
    wait_finished(run_id)
    return api.get(f"/api/pipeline-runs/{run_id}/").json()


def test_biased_lending_data_is_blocked_with_the_group_rates(inprocess_worker, api) -> None:
    body = run_json(api, start(api, "tabular-fairness", bias=0.8, rows=3000)["id"])
    assert body["status"] == "succeeded"
    assert body["decision"]["action"] == "block"
    reasons = " ".join(body["decision"]["reasons"])
    assert "Demographic parity difference" in reasons and "group A" in reasons and "group B" in reasons
    steps = {s["name"]: s for s in body["steps"]}
    assert all(s["status"] == "succeeded" for s in steps.values())
    assert (
        steps["bias-audit"]["metrics"]["selection_rate[group B]"]
        < steps["bias-audit"]["metrics"]["selection_rate[group A]"]
    )
    image = api.get(steps["bias-audit"]["artifacts"][0])
    assert image.status_code == 200 and image["Content-Type"] == "image/png"


def test_fair_data_is_promoted_and_the_same_seed_gives_the_same_figures(inprocess_worker, api) -> None:
    first = run_json(api, start(api, "tabular-fairness", seed=11, rows=3000)["id"])
    second = run_json(api, start(api, "tabular-fairness", seed=11, rows=3000)["id"])
    assert first["decision"]["action"] == "promote"
    assert [s["metrics"] for s in first["steps"]] == [s["metrics"] for s in second["steps"]]


def test_corrupted_data_stops_at_validation_and_skips_the_rest(inprocess_worker, api) -> None:
    body = run_json(api, start(api, "tabular-fairness", corrupt_data=True)["id"])
    assert body["status"] == "failed"
    assert [s["status"] for s in body["steps"]] == ["failed", "skipped", "skipped", "skipped", "skipped"]
    assert "missing" in body["error"] and body["decision"]["action"] == "block"


def test_drift_triggers_a_retrain_and_no_drift_keeps_the_model(inprocess_worker, api) -> None:
    drifted = run_json(api, start(api, "drift-retrain", drift=0.8)["id"])
    assert drifted["decision"]["action"] == "retrain", drifted["decision"]
    steps = {s["name"]: s for s in drifted["steps"]}
    assert steps["retrain"]["metrics"]["retrained"] is True
    assert steps["drift-check"]["artifacts"]
    calm = run_json(api, start(api, "drift-retrain", drift=0.0)["id"])
    assert calm["decision"]["action"] == "keep"


def test_the_sweep_fans_out_and_registers_the_best(inprocess_worker, api) -> None:
    body = run_json(api, start(api, "hyperparameter-sweep", depths=2, learning_rates=2, rows=2000)["id"])
    assert body["status"] == "succeeded" and body["decision"]["action"] == "promote"
    steps = {s["name"]: s for s in body["steps"]}
    assert steps["sweep"]["metrics"]["points_trained"] == 4
    assert len([line for line in steps["sweep"]["log"] if re.search(r"grid point \d:", line)]) == 4
    assert steps["register"]["metrics"]["registered"] is True


def test_cancel_a_running_run(inprocess_worker, api) -> None:
    run_id = start(api, "tabular-fairness", pause=20)["id"]
    deadline = time.monotonic() + 60
    while PipelineRun.objects.get(pk=run_id).status != "running" and time.monotonic() < deadline:
        time.sleep(0.2)
    response = api.post(f"/api/pipeline-runs/{run_id}/cancel/")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    deadline = time.monotonic() + 30
    while api.get(f"/api/pipeline-runs/{run_id}/").json()["steps"][0]["status"] == "running":
        assert time.monotonic() < deadline
        time.sleep(0.2)
    body = api.get(f"/api/pipeline-runs/{run_id}/").json()
    assert body["status"] == "cancelled"
    assert [s["status"] for s in body["steps"]] == ["cancelled"] * 5
    assert api.post(f"/api/pipeline-runs/{run_id}/cancel/").status_code == 400
