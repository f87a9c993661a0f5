from datetime import datetime

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from community.catalog.models import Tool
from community.ethics.models import Resource
from community.pipelines import execution
from community.pipelines.models import Artifact, PipelineRun, Status, StepRun
from community.pipelines.registry import PIPELINES, Pipeline


def runs() -> QuerySet:
    steps = StepRun.objects.prefetch_related(Prefetch("artifacts", queryset=Artifact.objects.order_by("name")))
    return PipelineRun.objects.select_related("user").prefetch_related(Prefetch("steps", queryset=steps))


def run_detail(pk: int) -> PipelineRun:
    """The run with its steps and artifacts; a run whose worker died and was not replaced is marked failed first."""
    run = get_object_or_404(PipelineRun, pk=pk)
    execution.reap(run)
    return runs().get(pk=pk)


def linked_entries() -> tuple[dict[str, Tool], dict[str, Resource]]:
    """The catalog tools and library resources the pipelines' steps stand for, by slug (two queries)."""
    tool_slugs = {t for p in PIPELINES.values() for s in p.steps for t in s.tools}
    resource_slugs = {r for p in PIPELINES.values() for s in p.steps for r in s.resources}
    tools = Tool.objects.filter(slug__in=tool_slugs).in_bulk(field_name="slug")
    resources = Resource.objects.filter(slug__in=resource_slugs).in_bulk(field_name="slug")
    return tools, resources


def step_titles(pipeline: Pipeline) -> dict[str, str]:
    return {s.name: s.title for s in pipeline.steps}


def step_waited_for(run_id: int, quiet_since: datetime) -> str | None:
    """The step a run waits on whose message may be lost: the first not yet finished, when every step before it
    succeeded, no worker has ever claimed it, and the step before it (if any) finished before `quiet_since`.
    None when the run is busy or over. A step a worker claimed and queued again (a temporary error) is Celery's
    to retry, and the reaper's to fail when it stops retrying."""
    previous_finished = None
    steps = StepRun.objects.filter(run_id=run_id).order_by("position")
    for name, status, started, finished in steps.values_list("name", "status", "started_at", "finished_at"):
        if status == Status.SUCCEEDED:
            previous_finished = finished
            continue
        if status != Status.QUEUED or started is not None:
            return None
        return name if previous_finished is None or previous_finished < quiet_since else None
    return None
