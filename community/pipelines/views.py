from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from community.core.throttling import throttle_writes
from community.pipelines import selectors, services
from community.pipelines.models import Artifact, PipelineRun
from community.pipelines.registry import PIPELINES


def pipeline_list(request: HttpRequest) -> HttpResponse:
    return _render_list(request)


def _render_list(
    request: HttpRequest, errors: dict | None = None, values: dict | None = None, status: int = 200
) -> HttpResponse:
    """The pipelines page; after a refused start, with the form's errors and values in place."""
    tools, resources = selectors.linked_entries()
    recent = PipelineRun.objects.select_related("user")[:15]
    return render(
        request,
        "pipelines/pipeline_list.html",
        {
            "pipelines": PIPELINES.values(),
            "tools": tools,
            "resources": resources,
            "recent": recent,
            "errors": errors or {},
            "values": values or {},
        },
        status=status,
    )


@require_POST
@login_required
@throttle_writes
def run_start(request: HttpRequest, slug: str) -> HttpResponse:
    pipeline = PIPELINES.get(slug)
    if pipeline is None:
        raise Http404
    raw = {p.name: request.POST.get(p.name, "") for p in pipeline.params}
    for param in pipeline.params:
        if param.kind is bool:
            raw[param.name] = "true" if request.POST.get(param.name) else "false"
    try:
        run = services.run_start(user=request.user, pipeline=slug, params=raw)
    except ValidationError as exc:
        return _render_list(request, errors={slug: exc.message_dict}, values={slug: raw}, status=400)
    return redirect(run)


def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_detail(pk)
    return render(request, "pipelines/run_detail.html", _run_context(request, run))


def run_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The live part of the run page, polled by htmx every second until the run is over."""
    run = selectors.run_detail(pk)
    return render(request, "pipelines/run_status.html", _run_context(request, run))


def _run_context(request: HttpRequest, run: PipelineRun) -> dict:
    pipeline = PIPELINES.get(run.pipeline)
    steps = list(run.steps.all())
    definitions = {s.name: s for s in pipeline.steps} if pipeline else {}
    return {
        "run": run,
        "pipeline": pipeline,
        "steps": [(step, definitions.get(step.name)) for step in steps],
        "can_cancel": run.can_cancel(request.user),
    }


@require_POST
@login_required
@throttle_writes
def run_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(PipelineRun, pk=pk)
    # Someone else's run gets the 403 page (PermissionDenied goes up): the page offers them no cancel button, so
    # only a forged form gets here. A run already over is a state, not a permission: a message on its page.
    try:
        services.run_cancel(user=request.user, run=run)
        messages.success(request, "The run is cancelled.")
    except ValidationError as exc:
        messages.error(request, " ".join(m for ms in exc.message_dict.values() for m in ms))
    return redirect(run)


def run_compare(request: HttpRequest) -> HttpResponse:
    ids = [request.GET.get("a", ""), request.GET.get("b", "")]
    if not all(i.isdigit() for i in ids):
        return render(request, "pipelines/compare.html", {"error": "Give two run numbers, a and b."}, status=400)
    if ids[0] == ids[1]:
        return render(request, "pipelines/compare.html", {"error": "Choose two different runs."}, status=400)
    found = selectors.runs().in_bulk([int(i) for i in ids])
    if len(found) != 2:
        return render(request, "pipelines/compare.html", {"error": "One of those runs does not exist."}, status=404)
    a, b = found[int(ids[0])], found[int(ids[1])]
    if a.pipeline != b.pipeline:  # their steps, parameters and metrics have nothing to line up with
        error = f"Run #{a.pk} is of {a.pipeline} and run #{b.pk} of {b.pipeline}: compare two runs of one pipeline."
        return render(request, "pipelines/compare.html", {"error": error}, status=400)
    params = sorted(set(a.params) | set(b.params))
    metric_rows = []
    for step_a, step_b in _paired_steps(a, b):
        for name in sorted(set(step_a.metrics if step_a else {}) | set(step_b.metrics if step_b else {})):
            left = step_a.metrics.get(name) if step_a else None
            right = step_b.metrics.get(name) if step_b else None
            metric_rows.append(((step_a or step_b).name, name, left, right, left != right))
    return render(
        request,
        "pipelines/compare.html",
        {
            "a": a,
            "b": b,
            "params": [(p, a.params.get(p), b.params.get(p), a.params.get(p) != b.params.get(p)) for p in params],
            "metrics": metric_rows,
            "plots": _paired_plots(a, b),
        },
    )


def _paired_steps(a: PipelineRun, b: PipelineRun) -> list:
    steps_b = {s.name: s for s in b.steps.all()}
    pairs = [(s, steps_b.pop(s.name, None)) for s in a.steps.all()]
    return pairs + [(None, s) for s in steps_b.values()]


def _paired_plots(a: PipelineRun, b: PipelineRun) -> list:
    plots_b = {(s.name, art.name): art for s in b.steps.all() for art in s.artifacts.all()}
    pairs = []
    for step in a.steps.all():
        for art in step.artifacts.all():
            pairs.append((art.title, art, plots_b.pop((step.name, art.name), None)))
    return pairs + [(art.title, None, art) for art in plots_b.values()]


def artifact(request: HttpRequest, pk: int) -> FileResponse:
    item = get_object_or_404(Artifact, pk=pk)
    path = (settings.MEDIA_ROOT / item.path).resolve()
    if settings.MEDIA_ROOT.resolve() not in path.parents or not path.exists():
        raise Http404
    return FileResponse(path.open("rb"), content_type="image/png")
