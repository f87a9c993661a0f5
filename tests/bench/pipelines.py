"""`make bench` (or `python -m tests.bench.run --pipelines`): the pipeline demos through Celery.

Each pipeline's wall time from the start of a run to its last step, on a real worker (a separate process, the
`make run` broker), against the same steps called one after another in this process. The sweep is timed on a
worker with one process and with two.
"""

import os
import statistics
import time

from tests import servers

RUNS = int(os.environ.get("BENCH_PIPELINE_RUNS", "5"))
PARAMS = {
    "tabular-fairness": {"rows": 30000, "bias": 0.5},
    "drift-retrain": {"rows": 30000},
    "hyperparameter-sweep": {"rows": 20000},
}


def _user():
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username="bench-pipelines")
    return user


def _start(slug: str, params: dict):
    from community.pipelines import services
    from community.pipelines.models import ACTIVE, PipelineRun

    PipelineRun.objects.filter(user=_user(), status__in=ACTIVE).update(status="failed")
    return services.run_start(user=_user(), pipeline=slug, params=params)


def _in_process(slug: str, params: dict) -> float:
    from community.pipelines import execution, tasks

    delay, tasks.run_step.delay = tasks.run_step.delay, lambda *a, **k: None
    try:
        run = _start(slug, params)
    finally:
        tasks.run_step.delay = delay
    started = time.perf_counter()
    execution.run_in_process(run.pk)
    return time.perf_counter() - started


def _through_celery(slug: str, params: dict) -> float:
    from community.pipelines.models import PipelineRun

    started = time.perf_counter()
    run = _start(slug, params)
    while True:
        state = PipelineRun.objects.filter(pk=run.pk).values_list("status", flat=True).get()
        if state not in ("waiting", "queued", "running"):
            break
        time.sleep(0.01)
    if state != "succeeded":
        raise RuntimeError(f"{slug} run {run.pk} ended {state}")
    return time.perf_counter() - started


class Worker:
    def __init__(self, processes: int) -> None:
        self.processes = processes

    def __enter__(self) -> "Worker":
        from community.celery import app

        app.control.purge()
        pool = ["--pool=solo"] if self.processes == 1 else [f"--concurrency={self.processes}"]
        self.proc = servers.start_worker(*pool)
        _through_celery("tabular-fairness", {"rows": 1000})  # ready, and its imports warm
        return self

    def __exit__(self, *exc: object) -> None:
        servers.stop(self.proc, timeout=60)


def pipelines_phase() -> str:
    rows = ["| figure | target | value |", "|---|---|---|"]
    with Worker(1):
        for slug, params in PARAMS.items():
            _in_process(slug, params)  # warm this process alike
            local = statistics.median(_in_process(slug, params) for _ in range(RUNS))
            celery = statistics.median(_through_celery(slug, params) for _ in range(RUNS))
            rows.append(
                f"| `{slug}` wall time through Celery / in one process | ≤ 1.2× | "
                f"{celery:.2f} s / {local:.2f} s ({celery / local:.2f}×) |"
            )
        one = statistics.median(
            _through_celery("hyperparameter-sweep", PARAMS["hyperparameter-sweep"]) for _ in range(RUNS)
        )
    with Worker(2):
        two = statistics.median(
            _through_celery("hyperparameter-sweep", PARAMS["hyperparameter-sweep"]) for _ in range(RUNS)
        )
    rows.append(
        f"| sweep (9 grid points) on 1 worker process / on 2 | stated | {one:.2f} s / {two:.2f} s (speed-up {one / two:.2f}×) |"
    )
    return "\n".join(rows)
