"""Celery tasks of the pipeline demos: thin, taking ids, calling the step functions in execution.py.

Reliability comes from the settings (late acknowledgement, prefetch 1, a worker lost means the message goes
back) and from here: time limits, retries with backoff for transient errors, and idempotent steps.
"""

from celery import group, shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from community.pipelines import execution

TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
LIMITS = {
    "soft_time_limit": settings.PIPELINE_STEP_TIME_LIMIT,
    "time_limit": settings.PIPELINE_STEP_TIME_LIMIT + 15,
}


def _redelivered(task) -> bool:
    return bool((task.request.delivery_info or {}).get("redelivered"))


def schedule(run_id: int, following: str | None) -> None:
    """Enqueue what comes after a step: the next step, or one job per point of a fan-out (a Celery group)."""
    if following is None:
        return
    if following.startswith("fan-out:"):
        name = following.split(":", 1)[1]
        group(run_point.si(run_id, name, i) for i in range(execution.fan_out_size(run_id, name))).apply_async()
    else:
        run_step.delay(run_id, following)  # on a worker: a broker error fails the task, which is retried


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, autoretry_for=TRANSIENT, retry_backoff=True,
    max_retries=3, **LIMITS,
)  # fmt: skip
def run_step(self, run_id: int, name: str) -> None:
    schedule(run_id, execution.execute_step(run_id, name, redelivered=_redelivered(self)))


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, autoretry_for=TRANSIENT, retry_backoff=True,
    max_retries=3, **LIMITS,
)  # fmt: skip
def run_point(self, run_id: int, name: str, index: int) -> None:
    schedule(run_id, execution.execute_point(run_id, name, index))
