"""Running a step on a worker: claim it once, run its function, record what it reported, move the run on.

Every transition is a conditional write under a row lock, so a task delivered twice (a redelivery after a
worker died, a retry) never records twice: a finished step is left alone, and a running one is taken over only
when the broker says the message is a redelivery (its first worker is gone) or its time limit has passed.
"""

import logging
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone

from community.pipelines.context import Cancelled, StepContext, StepFailed
from community.pipelines.models import FINISHED, Artifact, PipelineRun, PointResult, Status, StepRun
from community.pipelines.registry import PIPELINES

logger = logging.getLogger(__name__)


def workdir(run_id: int) -> Path:
    return Path(settings.VAR_DIR) / "pipelines" / str(run_id)


def media_dir(run_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "pipelines" / str(run_id)


@transaction.atomic
def _append_log(step_id: int, line: str) -> None:
    # Under the row lock: the jobs of a fan-out append to the same step's log at once.
    stamp = timezone.now().strftime("%H:%M:%S")
    step = StepRun.objects.select_for_update().only("log").get(pk=step_id)
    StepRun.objects.filter(pk=step_id).update(log=[*step.log, f"{stamp} {line}"])


def _cancelled(run_id: int) -> bool:
    return PipelineRun.objects.filter(pk=run_id, cancel_requested=True).exists()


def context(run: PipelineRun, step: StepRun) -> StepContext:
    return StepContext(
        run.params,
        workdir(run.pk),
        media_dir(run.pk),
        write_log=lambda line: _append_log(step.pk, line),
        cancelled=lambda: _cancelled(run.pk),
    )


def _stale(step: StepRun) -> bool:
    limit = timedelta(seconds=settings.PIPELINE_STEP_TIME_LIMIT + 5)
    return step.started_at is not None and timezone.now() - step.started_at > limit


@transaction.atomic
def claim(run_id: int, name: str, redelivered: bool = False) -> tuple[PipelineRun, StepRun] | None:
    """Mark the step running if this delivery may run it; None when it must not (done, taken, run over)."""
    run = PipelineRun.objects.select_for_update().get(pk=run_id)
    step = run.steps.select_for_update().get(name=name)
    if step.status in FINISHED:
        return None
    if run.finished or run.cancel_requested:
        StepRun.objects.filter(pk=step.pk).update(status=Status.CANCELLED if run.cancel_requested else Status.SKIPPED)
        return None
    if step.status == Status.RUNNING and not (redelivered or _stale(step)):
        return None
    if step.status == Status.RUNNING:
        step.log = [
            *step.log,
            f"{timezone.now():%H:%M:%S} the previous attempt stopped (its worker was lost); running again",
        ]
    step.status, step.started_at, step.attempts = Status.RUNNING, timezone.now(), step.attempts + 1
    step.save(update_fields=["status", "started_at", "attempts", "log"])
    if run.status in (Status.QUEUED, Status.WAITING):  # WAITING: a publish that reported failure got through
        run.status, run.started_at = Status.RUNNING, timezone.now()
        run.save(update_fields=["status", "started_at"])
    return run, step


def _record(step: StepRun, ctx: StepContext) -> None:
    for name, title, path in ctx.plots:
        relative = str(path.relative_to(settings.MEDIA_ROOT))
        Artifact.objects.update_or_create(step=step, name=name, defaults={"title": title, "path": relative})
    StepRun.objects.filter(pk=step.pk).update(metrics=ctx.metrics)


@transaction.atomic
def _finish_step(run: PipelineRun, step: StepRun, status: str, ctx: StepContext | None, reasons: list[str]) -> None:
    run = PipelineRun.objects.select_for_update().get(pk=run.pk)
    if ctx is not None:
        _record(step, ctx)
    StepRun.objects.filter(pk=step.pk).update(status=status, finished_at=Now())
    if status == Status.SUCCEEDED:
        if ctx is not None and ctx.decision is not None:
            run.decision = ctx.decision
            run.save(update_fields=["decision"])
        return
    later = run.steps.filter(position__gt=step.position, status=Status.QUEUED)
    later.update(status=Status.CANCELLED if status == Status.CANCELLED else Status.SKIPPED)
    if not run.finished:
        run.status = status
        run.error = "; ".join(reasons)
        run.finished_at = timezone.now()
        if status == Status.FAILED and not run.decision:
            run.decision = {"action": "block", "reasons": reasons}
        run.save(update_fields=["status", "error", "finished_at", "decision"])


def _next_step(run: PipelineRun, step: StepRun) -> str | None:
    following = run.steps.filter(position__gt=step.position).order_by("position").first()
    return following.name if following else None


@transaction.atomic
def complete_run(run_id: int) -> None:
    run = PipelineRun.objects.select_for_update().get(pk=run_id)
    if not run.finished:
        run.status, run.finished_at = Status.SUCCEEDED, timezone.now()
        run.save(update_fields=["status", "finished_at"])
        shutil.rmtree(workdir(run_id), ignore_errors=True)


def execute_step(run_id: int, name: str, redelivered: bool = False) -> str | None:
    """Run one step; return the name of the step to enqueue next (None: the run is over or waits on a fan-out)."""
    claimed = claim(run_id, name, redelivered)
    if claimed is None:
        return None
    run, step = claimed
    pipeline = PIPELINES[run.pipeline]
    ctx = context(run, step)
    if pipeline.step(name).fan_out is not None:
        ctx.log(f"fanning out {fan_out_size(run_id, name)} parallel jobs")
        return f"fan-out:{name}"
    try:
        pipeline.step(name).run(ctx)
    except StepFailed as exc:
        ctx.log("stopped: " + "; ".join(exc.reasons))
        _finish_step(run, step, Status.FAILED, ctx, exc.reasons)
        return None
    except Cancelled:
        ctx.log("cancelled")
        _finish_step(run, step, Status.CANCELLED, ctx, ["Cancelled"])
        return None
    except SoftTimeLimitExceeded:
        reason = f"The step took longer than its {settings.PIPELINE_STEP_TIME_LIMIT} s limit"
        _finish_step(run, step, Status.FAILED, ctx, [reason])
        return None
    except Exception as exc:
        if is_transient(exc):
            StepRun.objects.filter(pk=step.pk).update(status=Status.QUEUED)
            raise  # the task retries with backoff
        logger.exception("pipeline run %s step %s failed", run_id, name)
        _finish_step(
            run, step, Status.FAILED, ctx, [f"The step failed unexpectedly ({type(exc).__name__}); see the worker log"]
        )
        return None
    _finish_step(run, step, Status.SUCCEEDED, ctx, [])
    following = _next_step(run, step)
    if following is None:
        complete_run(run_id)
    return following


def is_transient(exc: Exception) -> bool:
    from django.db import InterfaceError, OperationalError

    return isinstance(exc, OperationalError | InterfaceError | ConnectionError | TimeoutError)


def _fan_out(run: PipelineRun, name: str):
    return PIPELINES[run.pipeline].step(name).fan_out


def fan_out_size(run_id: int, name: str) -> int:
    run = PipelineRun.objects.get(pk=run_id)
    return _fan_out(run, name).size(run.params)


def execute_point(run_id: int, name: str, index: int) -> str | None:
    """One job of a fan-out. The job that completes the set collects the results and returns the next step."""
    run = PipelineRun.objects.get(pk=run_id)
    step = run.steps.get(name=name)
    if run.finished or step.status in FINISHED:
        return None
    if not PointResult.objects.filter(step=step, index=index).exists():
        fan_out = _fan_out(run, name)
        ctx = context(run, step)
        try:
            ctx.checkpoint()
            result = fan_out.job(ctx, index)
        except Cancelled:
            return None
        _, created = PointResult.objects.get_or_create(step=step, index=index, defaults={"result": result})
        if created:
            _append_log(step.pk, fan_out.describe(result))
    return _collect(run_id, name)


def _collect(run_id: int, name: str) -> str | None:
    with transaction.atomic():
        run = PipelineRun.objects.select_for_update().get(pk=run_id)
        step = run.steps.select_for_update().get(name=name)
        if step.status != Status.RUNNING or step.points.count() < _fan_out(run, name).size(run.params):
            return None
        results = [p.result for p in step.points.all()]
        ctx = context(run, step)
        PIPELINES[run.pipeline].step(name).run(ctx, results)
    _finish_step(run, step, Status.SUCCEEDED, ctx, [])
    following = _next_step(run, step)
    if following is None:
        complete_run(run_id)
    return following


def reap_cutoff() -> datetime:
    """A step claimed before this and not finished is dead: its time limit and the broker's redelivery window
    have both passed."""
    grace = timedelta(seconds=settings.PIPELINE_STEP_TIME_LIMIT + settings.CELERY_VISIBILITY_TIMEOUT + 30)
    return timezone.now() - grace


def reap(run: PipelineRun) -> bool:
    """Mark a run failed when a step a worker claimed was left unfinished past reap_cutoff(): still running (its
    worker died and no other took it over), or queued again after a temporary error that Celery stopped
    retrying. True when the run was changed."""
    if run.finished:
        return False
    claimed = Q(status=Status.RUNNING) | Q(status=Status.QUEUED, started_at__isnull=False)
    stuck = run.steps.filter(claimed, started_at__lt=reap_cutoff()).order_by("position").first()
    if stuck is None:
        return False
    if stuck.status == Status.RUNNING:
        reason = f"The worker running “{stuck.name}” stopped and the step was not picked up again"
    else:
        reason = f"“{stuck.name}” kept failing on a temporary error (database or network) and was given up"
    _finish_step(run, stuck, Status.FAILED, None, [reason])
    return True


def run_in_process(run_id: int) -> None:
    """The same steps called one after another in this process, without Celery (the benchmark's reference)."""
    following: str | None = PipelineRun.objects.get(pk=run_id).steps.order_by("position").first().name
    while following is not None:
        if following.startswith("fan-out:"):
            name = following.split(":", 1)[1]
            results = [execute_point(run_id, name, i) for i in range(fan_out_size(run_id, name))]
            following = next((r for r in results if r is not None), None)
        else:
            following = execute_step(run_id, following)
