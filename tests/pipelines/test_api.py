"""The pipelines API without a worker: listing, validation, permissions, the per-person limit."""

import pytest
from rest_framework.test import APIClient

from community.pipelines.models import PipelineRun, Status
from tests.factories import old_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> APIClient:
    client = APIClient()
    client.force_authenticate(old_user())
    return client


def test_the_pipelines_are_listed_with_steps_and_parameters() -> None:
    body = APIClient().get("/api/pipelines/").json()
    assert [p["slug"] for p in body] == ["tabular-fairness", "drift-retrain", "hyperparameter-sweep"]
    params = {p["name"]: p for p in body[0]["params"]}
    assert params["bias"] == {
        "name": "bias",
        "type": "number",
        "default": 0.0,
        "min": 0,
        "max": 1,
        "help": params["bias"]["help"],
    }
    assert params["corrupt_data"]["type"] == "boolean" and params["seed"]["type"] == "integer"
    assert [s["name"] for s in body[0]["steps"]] == ["validate", "train", "evaluate", "bias-audit", "decide"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "pipeline"),
        ({"pipeline": "nope"}, "pipeline"),
        ({"pipeline": "tabular-fairness", "params": {"bias": 1.5}}, "params.bias"),
        ({"pipeline": "tabular-fairness", "params": {"rows": "many"}}, "params.rows"),
        ({"pipeline": "tabular-fairness", "params": {"rows": 10}}, "params.rows"),
        ({"pipeline": "tabular-fairness", "params": {"corrupt_data": "maybe"}}, "params.corrupt_data"),
        ({"pipeline": "drift-retrain", "params": {"bias": 0.5}}, "params.bias"),
        ({"pipeline": "tabular-fairness", "params": [1, 2]}, "params"),
        ({"pipeline": "tabular-fairness", "params": {"bias": "NaN"}}, "params.bias"),
        ({"pipeline": "tabular-fairness", "params": {"pause": "inf"}}, "params.pause"),
        ({"pipeline": "tabular-fairness", "params": {"pause": "1e400"}}, "params.pause"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api: APIClient, payload: dict, field: str) -> None:
    response = api.post("/api/pipeline-runs/", payload, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not PipelineRun.objects.exists()


def test_anonymous_people_can_watch_but_not_start() -> None:
    response = APIClient().post("/api/pipeline-runs/", {"pipeline": "tabular-fairness"}, format="json")
    assert response.status_code == 401


def test_at_most_three_runs_going_per_person(api: APIClient, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        for _ in range(3):
            assert api.post("/api/pipeline-runs/", {"pipeline": "drift-retrain"}, format="json").status_code == 201
        response = api.post("/api/pipeline-runs/", {"pipeline": "drift-retrain"}, format="json")
    assert response.status_code == 400 and "at most 3" in response.json()["pipeline"][0]
    PipelineRun.objects.update(status=Status.SUCCEEDED)
    with django_capture_on_commit_callbacks(execute=False):
        assert api.post("/api/pipeline-runs/", {"pipeline": "drift-retrain"}, format="json").status_code == 201


def test_only_the_starter_may_cancel(api: APIClient, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        run_id = api.post("/api/pipeline-runs/", {"pipeline": "drift-retrain"}, format="json").json()["id"]
    other = APIClient()
    other.force_authenticate(old_user())
    assert other.post(f"/api/pipeline-runs/{run_id}/cancel/").status_code == 403
    assert APIClient().get(f"/api/pipeline-runs/{run_id}/").json()["status"] == "queued"
    assert APIClient().get("/api/pipeline-runs/999999/").status_code == 404
