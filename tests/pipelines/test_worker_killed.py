"""A worker killed in the middle of a step does not leave the run stuck: the message comes back from Redis to
the next worker, which takes the step over, and the run completes with the second attempt recorded."""

import subprocess

import pytest
from django.conf import settings

from community.pipelines import services
from community.pipelines.models import PipelineRun, Status
from tests import servers
from tests.factories import old_user


def start_worker() -> subprocess.Popen:
    env = {
        "DATABASE_URL": servers.database_url(),
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "PIPELINE_STEP_TIME_LIMIT": "60",
        "VAR_DIR": str(settings.VAR_DIR),
    }
    return servers.start_worker("--pool=solo", env=env)


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_run_survives_its_worker_being_killed_mid_step() -> None:
    from community.celery import app

    app.control.purge()
    first = start_worker()
    second = None
    try:
        run = services.run_start(user=old_user(), pipeline="drift-retrain", params={"pause": 3, "rows": 1000})
        validate = run.steps.get(name="validate")
        assert servers.wait(
            lambda: PipelineRun.objects.get(pk=run.pk).steps.get(pk=validate.pk).status == Status.RUNNING, 90
        )
        servers.kill(first)
        second = start_worker()
        assert servers.wait(lambda: PipelineRun.objects.get(pk=run.pk).finished, 150), PipelineRun.objects.get(
            pk=run.pk
        ).status
        run.refresh_from_db()
        validate.refresh_from_db()
        assert run.status == Status.SUCCEEDED and run.decision["action"] in ("retrain", "keep")
        assert validate.attempts == 2
        assert any("worker was lost" in line for line in validate.log)
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                servers.kill(proc)
