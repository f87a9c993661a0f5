"""/pipelines/: what each step demonstrates, starting a run from the form, the live run page, comparing runs."""

import re

import pytest

from community.pipelines import execution, services
from community.pipelines.models import PipelineRun
from tests.factories import old_user

pytestmark = pytest.mark.django_db


def test_the_list_explains_each_step_and_links_its_tools(client) -> None:
    page = client.get("/pipelines/").content.decode()
    assert "Tabular fairness gate" in page and "Drift check and retrain" in page and "Hyperparameter sweep" in page
    assert "/tools/fairlearn/" in page and "/ethics/resources/microsoft-fairlearn/" in page
    assert "Log in</a> to start a run" in page


def test_start_a_run_from_the_form(client, django_capture_on_commit_callbacks) -> None:
    client.force_login(old_user())
    form = client.get("/pipelines/").content.decode()
    # The browser offers whole numbers where the server takes only whole numbers.
    assert re.search(r'name="rows" value="\d+" min="500" max="100000" step="1"', form)
    assert re.search(r'name="bias" value="[\d.]+" min="0" max="1" step="any"', form)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            "/pipelines/tabular-fairness/start/", {"bias": "0.8", "seed": "3", "rows": "2000", "corrupt_data": "on"}
        )
    run = PipelineRun.objects.get()
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    assert run.params["bias"] == 0.8 and run.params["corrupt_data"] is True and run.params["min_auc"] == 0.7


def test_form_errors_are_shown_and_nothing_starts(client) -> None:
    client.force_login(old_user())
    response = client.post("/pipelines/tabular-fairness/start/", {"bias": "3", "rows": "lots"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "bias: Must be between 0 and 1." in page and "rows: Must be a whole number." in page
    response = client.post("/pipelines/tabular-fairness/start/", {"bias": "nan"})
    assert response.status_code == 400 and "bias: Must be a finite number." in response.content.decode()
    assert not PipelineRun.objects.exists()


def test_the_run_page_polls_until_the_run_is_over(client, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        run = services.run_start(user=old_user(), pipeline="tabular-fairness", params={"rows": 1000})
    live = client.get(run.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in live and f"/pipelines/runs/{run.pk}/status/" in live
    execution.run_in_process(run.pk)
    fragment = client.get(f"/pipelines/runs/{run.pk}/status/").content.decode()
    assert "hx-trigger" not in fragment and "Decision: promote" in fragment
    assert fragment.count("<img") == 3


def test_compare_two_runs(client, django_capture_on_commit_callbacks) -> None:
    runs = []
    for bias in (0.0, 0.8):
        with django_capture_on_commit_callbacks(execute=False):
            run = services.run_start(user=old_user(), pipeline="tabular-fairness", params={"rows": 1000, "bias": bias})
        execution.run_in_process(run.pk)
        runs.append(run)
    page = client.get("/pipelines/runs/compare/", {"a": runs[0].pk, "b": runs[1].pk}).content.decode()
    assert 'class="differs"' in page and "demographic_parity_difference" in page and "<img" in page
    assert client.get("/pipelines/runs/compare/", {"a": "x", "b": "1"}).status_code == 400
    same = client.get("/pipelines/runs/compare/", {"a": runs[0].pk, "b": runs[0].pk})
    assert same.status_code == 400 and "Choose two different runs." in same.content.decode()
    other = PipelineRun.objects.create(pipeline="another-pipeline", params={})
    mixed = client.get("/pipelines/runs/compare/", {"a": runs[0].pk, "b": other.pk})
    assert mixed.status_code == 400 and "compare two runs of one pipeline" in mixed.content.decode()
