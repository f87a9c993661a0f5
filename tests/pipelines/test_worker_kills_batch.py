"""Five SIGKILLs over a batch of runs: every run ends recorded (succeeded, or failed with a reason), none is left
running, and no step's result is recorded twice."""

import os
import re
import signal
import time

import pytest

from community.pipelines import services
from community.pipelines.models import Artifact, PipelineRun, PointResult, Status, StepRun
from tests.factories import old_user
from tests.pipelines.test_worker_killed import start_worker
from tests.servers import wait

KILLS = 5


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_every_run_ends_recorded_through_five_kills() -> None:
    from community.celery import app

    app.control.purge()
    people = [old_user(), old_user()]
    runs = [
        services.run_start(user=people[0], pipeline="tabular-fairness", params={"pause": 1, "rows": 1000}),
        services.run_start(user=people[0], pipeline="drift-retrain", params={"pause": 1, "rows": 1000}),
        services.run_start(user=people[0], pipeline="hyperparameter-sweep", params={"pause": 1, "rows": 1000, "depths": 2, "learning_rates": 2}),
        services.run_start(user=people[1], pipeline="tabular-fairness", params={"pause": 1, "rows": 1000, "bias": 0.8}),
        services.run_start(user=people[1], pipeline="drift-retrain", params={"pause": 1, "rows": 1000, "drift": 0.0}),
    ]  # fmt: skip
    ids = [r.pk for r in runs]
    worker = start_worker()
    try:
        for _ in range(KILLS):
            assert wait(lambda: StepRun.objects.filter(run_id__in=ids, status=Status.RUNNING).exists(), 90)
            time.sleep(0.5)
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
            worker = start_worker()
        assert wait(lambda: all(r.finished for r in PipelineRun.objects.filter(pk__in=ids)), 300)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
    for run in PipelineRun.objects.filter(pk__in=ids):
        assert run.status in (Status.SUCCEEDED, Status.FAILED), run.status
        if run.status == Status.FAILED:
            assert run.error, run
        assert not run.steps.filter(status=Status.RUNNING).exists()
    # Recorded once: the unique constraints hold, and every step that succeeded has its results once.
    assert Artifact.objects.filter(step__run_id__in=ids).count() == len(
        set(Artifact.objects.filter(step__run_id__in=ids).values_list("step_id", "name"))
    )
    assert PointResult.objects.filter(step__run_id__in=ids).count() == len(
        set(PointResult.objects.filter(step__run_id__in=ids).values_list("step_id", "index"))
    )
    for sweep in StepRun.objects.filter(run_id__in=ids, name="sweep", status=Status.SUCCEEDED):
        points = [line for line in sweep.log if re.search(r"grid point \d+:", line)]
        assert len(points) == sweep.points.count() == 4, sweep.log
    assert StepRun.objects.filter(run_id__in=ids, attempts__gt=1).exists()  # the kills did land mid-step
