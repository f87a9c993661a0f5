"""Writes of the pipeline demos: start a run (validated, throttled), cancel it."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from community.core.queue import enqueue
from community.pipelines import execution, selectors
from community.pipelines.models import ACTIVE, PipelineRun, Status, StepRun
from community.pipelines.registry import PIPELINES

MAX_ACTIVE_RUNS = 3


@transaction.atomic
def run_start(*, user: AbstractBaseUser, pipeline: str, params: dict) -> PipelineRun:
    """Create the run and its steps; the first step is enqueued once the transaction commits."""
    if not user.is_authenticated:
        raise PermissionDenied("Log in to start a run.")
    definition = PIPELINES.get(pipeline)
    if definition is None:
        raise ValidationError({"pipeline": [f"Unknown pipeline; choose one of {', '.join(PIPELINES)}."]})
    if not isinstance(params, dict):
        raise ValidationError({"params": ["Must be an object of parameter names and values."]})
    values, errors = definition.clean_params(params)
    if errors:
        raise ValidationError({f"params.{name}": messages for name, messages in errors.items()})
    # Lock the person's row so two starts at once cannot both pass the limit.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    active = PipelineRun.objects.filter(user=user, status__in=ACTIVE).count()
    if active >= MAX_ACTIVE_RUNS:
        raise ValidationError(
            {"pipeline": [f"You have {active} runs going; wait for one to finish (at most {MAX_ACTIVE_RUNS})."]}
        )
    run = PipelineRun.objects.create(pipeline=pipeline, user=user, params=values)
    StepRun.objects.bulk_create([StepRun(run=run, name=s.name, position=i) for i, s in enumerate(definition.steps)])
    first = definition.steps[0].name
    transaction.on_commit(lambda: queue_first_step(run.pk, first))
    return run


def queue_first_step(run_id: int, first: str) -> bool:
    """Enqueue a run's first step; when the broker is down the run is marked waiting, for the resync to queue."""
    queued = _send_step(run_id, first)
    if not queued:
        PipelineRun.objects.filter(pk=run_id, status=Status.QUEUED).update(status=Status.WAITING)
    return queued


def _send_step(run_id: int, name: str) -> bool:
    """Hand one step to the broker: whether it took it. Stamps the run with when a step was last sent."""
    from community.pipelines import tasks

    queued = enqueue(tasks.run_step, run_id, name)
    if queued:
        PipelineRun.objects.filter(pk=run_id).update(queued_at=timezone.now())
    return queued


def runs_queue_waiting() -> int:
    """Queue the runs that are waiting for the broker; the number queued. Safe to call at any time, from any
    number of processes: a run is taken from WAITING by one conditional update, so it is enqueued once."""
    queued = 0
    for run_id in PipelineRun.objects.filter(status=Status.WAITING).order_by("pk").values_list("pk", flat=True):
        if not PipelineRun.objects.filter(pk=run_id, status=Status.WAITING).update(status=Status.QUEUED):
            continue  # cancelled, or taken by another resync, in the meantime
        first = StepRun.objects.filter(run_id=run_id).order_by("position").values_list("name", flat=True).first()
        if first is None:
            continue
        if not queue_first_step(run_id, first):
            break  # still down (the run is waiting again): the rest would fail the same way
        queued += 1
    return queued


def runs_resend_lost() -> int:
    """Send again the step a run has waited for longer than RESEND_QUEUED_SECONDS with no worker starting it:
    its message was lost (Redis restarted empty, say, or a worker could not hand on the next step). That is the
    first step of a run no worker has started, or the step after one that finished that long ago. The number
    sent.

    A message that was only slow, not lost, is harmless to double: a step runs once (execution.claim). Each run is
    taken by one conditional update, so concurrent resyncs send it once, and not again for another period."""
    now = timezone.now()
    cutoff = now - timedelta(seconds=settings.RESEND_QUEUED_SECONDS)
    not_sent_lately = Q(queued_at__lt=cutoff) | Q(queued_at__isnull=True, created_at__lt=cutoff)
    going = (Status.QUEUED, Status.RUNNING)
    sent = 0
    for run_id in (
        PipelineRun.objects.filter(not_sent_lately, status__in=going).order_by("pk").values_list("pk", flat=True)
    ):
        name = selectors.step_waited_for(run_id, quiet_since=cutoff)
        if name is None:
            continue  # a step is running, or the last one finished only lately
        if not PipelineRun.objects.filter(not_sent_lately, pk=run_id, status__in=going).update(queued_at=now):
            continue  # finished, cancelled or re-sent by another resync in the meantime
        if not _send_step(run_id, name):
            PipelineRun.objects.filter(pk=run_id, status=Status.QUEUED).update(status=Status.WAITING)
            break  # the broker is down: the rest would fail the same way
        sent += 1
    return sent


def runs_reap_stuck() -> int:
    """Settle the runs left going by a lost worker, so that they stop holding their owner's active-run slots
    whether or not anyone opens them: fail those whose step a worker lost or gave up on (execution.reap), and
    complete those whose every step succeeded long ago but whose own completion was never written. The number
    settled."""
    cutoff = execution.reap_cutoff()
    stuck = PipelineRun.objects.filter(status__in=ACTIVE, steps__started_at__lt=cutoff)
    settled = sum(execution.reap(run) for run in stuck.distinct().order_by("pk"))
    done = (
        PipelineRun.objects.filter(status=Status.RUNNING, steps__isnull=False)
        .exclude(steps__status__in=[s for s in Status.values if s != Status.SUCCEEDED])
        .exclude(steps__finished_at__gte=cutoff)
        .distinct()
    )
    for run_id in done.order_by("pk").values_list("pk", flat=True):
        execution.complete_run(run_id)
        settled += 1
    return settled


@transaction.atomic
def run_cancel(*, user: AbstractBaseUser, run: PipelineRun) -> PipelineRun:
    """Stop the run: steps not yet started are cancelled, the running one stops at its next checkpoint."""
    run = PipelineRun.objects.select_for_update().get(pk=run.pk)
    if not run.can_cancel(user):
        if run.finished:
            raise ValidationError({"status": [f"The run has already {run.status}."]})
        raise PermissionDenied("Only the person who started the run can cancel it.")
    run.cancel_requested = True
    run.status = Status.CANCELLED
    run.finished_at = timezone.now()
    run.decision = run.decision or {"action": "keep", "reasons": ["Cancelled before a decision was made"]}
    run.error = "Cancelled"
    run.save(update_fields=["cancel_requested", "status", "finished_at", "decision", "error"])
    run.steps.filter(status=Status.QUEUED).update(status=Status.CANCELLED)
    return run
