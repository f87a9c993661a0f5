"""A run whose message the broker lost (Redis restarted empty, say), before its first step or between two steps,
is sent again by the periodic resync and finishes on a worker. A run only waiting its turn, or busy with a step,
is not sent again within the period, and a message sent twice never runs a step twice."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from community.celery import app
from community.core.services import resync
from community.pipelines import execution, services
from community.pipelines.models import PipelineRun, Status
from tests.factories import old_user
from tests.servers import inprocess_worker, wait


@pytest.fixture
def person(transactional_db):
    app.control.purge()
    return old_user()


def start(person) -> PipelineRun:
    run = services.run_start(user=person, pipeline="tabular-fairness", params={"rows": 500})
    run.refresh_from_db()
    assert run.status == Status.QUEUED and run.queued_at is not None
    return run


def finished(run: PipelineRun) -> bool:
    run.refresh_from_db()
    return run.finished


def long_ago():
    return timezone.now() - timedelta(seconds=settings.RESEND_QUEUED_SECONDS + 1)


def test_a_run_whose_message_was_lost_is_sent_again_and_finishes(person) -> None:
    run = start(person)
    assert services.runs_resend_lost() == 0  # just queued: nothing is lost yet
    assert app.control.purge() >= 1  # the broker loses the message
    PipelineRun.objects.filter(pk=run.pk).update(queued_at=long_ago())

    assert resync()["runs_resent"] == 1
    assert services.runs_resend_lost() == 0  # and not again within the period
    with inprocess_worker(purge=False):
        assert wait(lambda: finished(run), 120), run.status
    assert run.status == Status.SUCCEEDED
    assert [s.attempts for s in run.steps.order_by("position")] == [1] * run.steps.count()


def test_a_step_sent_twice_runs_once(person) -> None:
    run = start(person)
    first = run.steps.order_by("position").first()
    assert services.queue_first_step(run.pk, first.name)  # a second message for the same step
    with inprocess_worker(purge=False):
        assert wait(lambda: finished(run), 120), run.status
    assert run.status == Status.SUCCEEDED
    assert [s.attempts for s in run.steps.order_by("position")] == [1] * run.steps.count()


def test_a_cancelled_or_started_run_is_never_sent_again(person) -> None:
    cancelled, started = start(person), start(person)
    app.control.purge()
    services.run_cancel(user=person, run=cancelled)
    PipelineRun.objects.filter(pk=started.pk).update(status=Status.RUNNING, started_at=long_ago(), queued_at=long_ago())
    started.steps.filter(position=0).update(status=Status.RUNNING, started_at=long_ago())
    PipelineRun.objects.filter(pk=cancelled.pk).update(queued_at=long_ago())
    assert services.runs_resend_lost() == 0


def test_a_step_whose_message_was_lost_mid_run_is_sent_again_and_the_run_finishes(person) -> None:
    run = start(person)
    app.control.purge()
    first = run.steps.order_by("position").first()
    following = execution.execute_step(run.pk, first.name)  # a worker runs the first step...
    assert following is not None  # ...and the message for the next one never reaches the queue
    run.refresh_from_db()
    assert run.status == Status.RUNNING
    assert services.runs_resend_lost() == 0  # the first step finished only now: the next may be on its way
    PipelineRun.objects.filter(pk=run.pk).update(queued_at=long_ago())
    assert services.runs_resend_lost() == 0  # still so when the run's first message went out long ago

    run.steps.filter(pk=first.pk).update(finished_at=long_ago())
    PipelineRun.objects.filter(pk=run.pk).update(queued_at=long_ago())
    assert resync()["runs_resent"] == 1
    assert services.runs_resend_lost() == 0  # not again within the period
    with inprocess_worker(purge=False):
        assert wait(lambda: finished(run), 120), run.status
    assert run.status == Status.SUCCEEDED
    assert [s.attempts for s in run.steps.order_by("position")] == [1] * run.steps.count()


def test_a_run_busy_with_a_step_is_not_sent_again(person) -> None:
    run = start(person)
    app.control.purge()
    first, second = run.steps.order_by("position")[:2]
    PipelineRun.objects.filter(pk=run.pk).update(status=Status.RUNNING, started_at=long_ago(), queued_at=long_ago())
    run.steps.filter(pk=first.pk).update(status=Status.SUCCEEDED, started_at=long_ago(), finished_at=long_ago())
    run.steps.filter(pk=second.pk).update(status=Status.RUNNING, started_at=long_ago())
    assert services.runs_resend_lost() == 0  # a running step is the worker's, or the reaper's, to finish

    run.steps.filter(pk=second.pk).update(status=Status.FAILED, finished_at=long_ago())
    assert services.runs_resend_lost() == 0  # a failed step ends the run's line: nothing comes after it


def test_a_step_given_up_after_temporary_errors_is_failed_by_the_resync_not_sent_again(person) -> None:
    run = start(person)
    app.control.purge()
    first = run.steps.order_by("position").first()
    assert execution.claim(run.pk, first.name) is not None
    # What execute_step does on a temporary error before Celery retries; here Celery has stopped retrying.
    beyond_reach = execution.reap_cutoff() - timedelta(seconds=1)
    run.steps.filter(pk=first.pk).update(status=Status.QUEUED, started_at=beyond_reach)
    PipelineRun.objects.filter(pk=run.pk).update(queued_at=long_ago())

    assert services.runs_resend_lost() == 0  # a claimed step is Celery's to retry, not the resync's
    result = resync()
    assert result["runs_reaped"] == 1 and result["runs_resent"] == 0
    run.refresh_from_db()
    assert run.status == Status.FAILED and "temporary error" in run.error
    assert resync()["runs_reaped"] == 0  # once


def test_a_run_whose_steps_all_succeeded_but_was_never_completed_is_completed_by_the_resync(person) -> None:
    run = start(person)
    app.control.purge()
    execution.run_in_process(run.pk)
    # The worker died between the last step's success and the write that ends the run.
    PipelineRun.objects.filter(pk=run.pk).update(status=Status.RUNNING, finished_at=None)
    assert resync()["runs_reaped"] == 0  # the last step finished only now: its worker may still be at it
    run.steps.update(finished_at=execution.reap_cutoff() - timedelta(seconds=1))
    assert resync()["runs_reaped"] == 1
    run.refresh_from_db()
    assert run.status == Status.SUCCEEDED and run.finished_at is not None
