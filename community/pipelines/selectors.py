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
    """The step a run waits on that nothing has touched since `quiet_since`: the first not yet finished, when
    every step before it succeeded, it is still queued (not running, not a fan-out under way) and neither it nor
    the step before it has started or finished since then. None when the run is busy or over."""
    previous_finished = None
    steps = StepRun.objects.filter(run_id=run_id).order_by("position")
    for name, status, started, finished in steps.values_list("name", "status", "started_at", "finished_at"):
        if status == Status.SUCCEEDED:
            previous_finished = finished
            continue
        if status != Status.QUEUED:
            return None
        touched = [t for t in (previous_finished, started) if t is not None]
        return name if all(t < quiet_since for t in touched) else None
    return None
