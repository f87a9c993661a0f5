"""The steps in one process (no broker): determinism, idempotent redelivery, and the reaper for lost workers."""

import datetime

import pytest
from django.utils import timezone

from community.pipelines import execution, services
from community.pipelines.models import PipelineRun, Status
from community.pipelines.registry import PIPELINES
from tests.factories import old_user

pytestmark = pytest.mark.django_db


def new_run(django_capture_on_commit_callbacks, pipeline: str = "tabular-fairness", **params) -> PipelineRun:
    with django_capture_on_commit_callbacks(execute=False):
        return services.run_start(user=old_user(), pipeline=pipeline, params=params)


def test_a_step_delivered_twice_records_once(django_capture_on_commit_callbacks) -> None:
    run = new_run(django_capture_on_commit_callbacks, rows=1000)
    assert execution.execute_step(run.pk, "validate") == "train"
    log = run.steps.get(name="validate").log
    assert execution.execute_step(run.pk, "validate") is None  # the duplicate finds the step done
    step = run.steps.get(name="validate")
    assert step.attempts == 1 and step.log == log


def test_a_redelivered_step_is_taken_over_from_a_lost_worker(django_capture_on_commit_callbacks) -> None:
    run = new_run(django_capture_on_commit_callbacks, rows=1000)
    assert execution.claim(run.pk, "validate") is not None  # a worker took it, then died
    assert execution.execute_step(run.pk, "validate") is None  # a plain duplicate leaves it alone
    assert execution.execute_step(run.pk, "validate", redelivered=True) == "train"
    step = run.steps.get(name="validate")
    assert step.status == Status.SUCCEEDED and step.attempts == 2
    assert any("worker was lost" in line for line in step.log)


def test_a_run_whose_worker_vanished_is_marked_failed_with_the_reason(
    client, django_capture_on_commit_callbacks, settings
) -> None:
    run = new_run(django_capture_on_commit_callbacks)
    execution.claim(run.pk, "validate")
    long_ago = timezone.now() - datetime.timedelta(
        seconds=settings.PIPELINE_STEP_TIME_LIMIT + settings.CELERY_VISIBILITY_TIMEOUT + 60
    )
    run.steps.filter(name="validate").update(started_at=long_ago)
    page = client.get(run.get_absolute_url()).content.decode()
    run.refresh_from_db()
    assert run.status == Status.FAILED and "stopped" in run.error and "stopped" in page
    assert list(run.steps.values_list("status", flat=True)) == ["failed", "skipped", "skipped", "skipped", "skipped"]


@pytest.mark.parametrize("pipeline", list(PIPELINES))
def test_every_step_names_real_tools_and_resources(pipeline: str) -> None:
    from community.catalog.models import Tool
    from community.ethics.models import Resource

    for step in PIPELINES[pipeline].steps:
        assert set(step.tools) <= set(Tool.objects.filter(slug__in=step.tools).values_list("slug", flat=True)), (
            step.name
        )
        assert set(step.resources) <= set(
            Resource.objects.filter(slug__in=step.resources).values_list("slug", flat=True)
        )
