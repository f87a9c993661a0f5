"""Every API route, in one router."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.routers import DefaultRouter

from community.catalog import services
from community.catalog.api.views import SearchView, StageViewSet, ToolViewSet
from community.core.pagecache import page_cache
from community.core.parsers import JSONParser
from community.ethics import indexing as ethics_indexing
from community.ethics.api.views import ChecklistViewSet, ResourceViewSet, RiskProfileViewSet
from community.pipelines.api.views import PipelineRunViewSet, PipelineViewSet
from community.qa.api.views import AnswerViewSet, QuestionViewSet, TagViewSet
from recommender.stacks.api.views import RecommendationViewSet


class TokenView(ObtainAuthToken):
    # DRF's view names its own parsers; the API's JSON parser is the one that refuses bodies it cannot store.
    parser_classes = (FormParser, MultiPartParser, JSONParser)


router = DefaultRouter()
router.register("stages", StageViewSet, basename="stage")
router.register("tools", ToolViewSet, basename="tool")
router.register("questions", QuestionViewSet, basename="question")
router.register("answers", AnswerViewSet, basename="answer")
router.register("tags", TagViewSet, basename="tag")
router.register("resources", ResourceViewSet, basename="resource")
router.register("checklists", ChecklistViewSet, basename="checklist")
router.register("risk-profiles", RiskProfileViewSet, basename="risk-profile")
router.register("recommendations", RecommendationViewSet, basename="recommendation")
router.register("pipelines", PipelineViewSet, basename="pipeline")
router.register("pipeline-runs", PipelineRunViewSet, basename="pipeline-run")

urlpatterns = [
    # The tool list is the API's busiest read: served from the version-keyed cache ahead of the router's route.
    path("tools/", page_cache(services.catalog_version)(ToolViewSet.as_view({"get": "list"})), name="tool-list"),
    path(
        "resources/",
        page_cache(ethics_indexing.page_version, skip=lambda request: "search" in request.GET)(
            ResourceViewSet.as_view({"get": "list"})
        ),
        name="resource-list",
    ),
    path("search/", SearchView.as_view(), name="search"),
    path("auth/token/", TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its initialiser as a script file, so the docs work under a CSP without inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
