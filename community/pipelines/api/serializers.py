from typing import Any

from rest_framework import serializers

from community.pipelines.models import PipelineRun, Status
from community.pipelines.registry import PIPELINES


def run_payload(run: PipelineRun, request) -> dict[str, Any]:
    """Needs the run's steps and their artifacts prefetched (selectors.runs)."""
    titles = {s.name: s.title for s in PIPELINES[run.pipeline].steps} if run.pipeline in PIPELINES else {}

    def when(value) -> str | None:
        return value.isoformat().replace("+00:00", "Z") if value else None

    return {
        "id": run.pk,
        "pipeline": run.pipeline,
        "status": run.status,
        "params": run.params,
        "decision": run.decision or None,
        "error": run.error,
        "created_at": when(run.created_at),
        "started_at": when(run.started_at),
        "finished_at": when(run.finished_at),
        "url": request.build_absolute_uri(run.get_absolute_url()),
        "steps": [
            {
                "name": step.name,
                "title": titles.get(step.name, step.name),
                "status": step.status,
                "attempts": step.attempts,
                "started_at": when(step.started_at),
                "finished_at": when(step.finished_at),
                "metrics": step.metrics,
                "log": step.log,
                "artifacts": [request.build_absolute_uri(a.get_absolute_url()) for a in step.artifacts.all()],
            }
            for step in run.steps.all()
        ],
    }


class RunRequestSerializer(serializers.Serializer):
    pipeline = serializers.ChoiceField(choices=list(PIPELINES))
    params = serializers.DictField(required=False, default=dict)


class DecisionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["promote", "block", "retrain", "keep"])
    reasons = serializers.ListField(child=serializers.CharField())


class StepSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    attempts = serializers.IntegerField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    metrics = serializers.DictField()
    log = serializers.ListField(child=serializers.CharField())
    artifacts = serializers.ListField(child=serializers.URLField())


class RunSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    pipeline = serializers.SlugField()
    status = serializers.ChoiceField(choices=[s.value for s in Status])
    params = serializers.DictField()
    decision = DecisionSerializer(allow_null=True)
    error = serializers.CharField()
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    url = serializers.URLField()
    steps = StepSerializer(many=True)


class ParamSerializer(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.ChoiceField(choices=["integer", "number", "boolean"])
    default = serializers.JSONField()
    min = serializers.FloatField(allow_null=True)
    max = serializers.FloatField(allow_null=True)
    help = serializers.CharField()


class PipelineStepSerializer(serializers.Serializer):
    name = serializers.SlugField()
    title = serializers.CharField()
    demonstrates = serializers.CharField()
    tools = serializers.ListField(child=serializers.SlugField())
    resources = serializers.ListField(child=serializers.SlugField())


class PipelineSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    summary = serializers.CharField()
    steps = PipelineStepSerializer(many=True)
    params = ParamSerializer(many=True)
