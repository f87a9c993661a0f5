from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from community.pipelines import selectors, services
from community.pipelines.api.serializers import PipelineSerializer, RunRequestSerializer, RunSerializer, run_payload
from community.pipelines.models import PipelineRun
from community.pipelines.registry import PIPELINES, describe


def _service(call):
    try:
        return call()
    except DjangoValidationError as exc:
        raise exceptions.ValidationError(exc.message_dict) from None
    except PermissionDenied as exc:
        raise exceptions.PermissionDenied(str(exc)) from None


class PipelineViewSet(viewsets.ViewSet):
    """The reference pipelines, their steps and their parameters (type, default, range)."""

    @extend_schema(responses=PipelineSerializer(many=True))
    def list(self, request: Request) -> Response:
        return Response([describe(p) for p in PIPELINES.values()])


class PipelineRunViewSet(viewsets.GenericViewSet):
    """Start a run (signed in, at most 3 going per person), follow it, cancel it."""

    serializer_class = RunSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    queryset = PipelineRun.objects.all()

    @extend_schema(request=RunRequestSerializer, responses={201: RunSerializer})
    def create(self, request: Request) -> Response:
        params = RunRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        run = _service(lambda: services.run_start(user=request.user, pipeline=data["pipeline"], params=data["params"]))
        return Response(run_payload(selectors.runs().get(pk=run.pk), request), status=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(run_payload(selectors.run_detail(self._pk(pk)), request))

    @extend_schema(request=None, responses=RunSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        run = selectors.run_detail(self._pk(pk))
        _service(lambda: services.run_cancel(user=request.user, run=run))
        return Response(run_payload(selectors.runs().get(pk=run.pk), request))

    @staticmethod
    def _pk(pk: str) -> int:
        if not str(pk).isdigit():
            raise exceptions.NotFound()
        return int(pk)
