from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from community.catalog import search, selectors
from community.catalog.api.serializers import (
    ScoredToolSerializer,
    SearchQuerySerializer,
    SearchResultSerializer,
    StageSerializer,
    ToolSerializer,
)
from community.catalog.filters import ToolFilter
from community.catalog.models import Stage, Tool


class StageViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Stage.objects.all()
    serializer_class = StageSerializer
    lookup_field = "slug"
    pagination_class = None


class ToolViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Tool.objects.for_detail().order_by("name")
    serializer_class = ToolSerializer
    filterset_class = ToolFilter
    lookup_field = "slug"

    @extend_schema(responses=ScoredToolSerializer(many=True))
    @action(detail=True)
    def similar(self, request: Request, slug: str) -> Response:
        """Nearest tools by embedding, those in the same primary stage first."""
        tool = self.get_object()
        pairs = selectors.alternatives(tool, limit=10)
        ids = [t.id for t, _ in pairs]
        detailed = Tool.objects.for_detail().in_bulk(ids)
        data = [{"score": round(score, 4), "tool": detailed[t.id]} for t, score in pairs]
        return Response(ScoredToolSerializer(data, many=True, context={"request": request}).data)


class SearchView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=True), OpenApiParameter("limit", int)],
        responses=SearchResultSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        """Tools ranked by meaning, merged with keyword matches."""
        params = SearchQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        results = search.search_tools(params.validated_data["q"], params.validated_data["limit"])
        detailed = Tool.objects.for_detail().in_bulk([r.tool.id for r in results])
        for r in results:
            r.tool = detailed[r.tool.id]
        data = SearchResultSerializer(results, many=True, context={"request": request}).data
        return Response({"query": params.validated_data["q"], "count": len(data), "results": data})
