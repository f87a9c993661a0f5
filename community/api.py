"""Every API route, in one router."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from community.catalog.api.views import SearchView, StageViewSet, ToolViewSet

router = DefaultRouter()
router.register("stages", StageViewSet, basename="stage")
router.register("tools", ToolViewSet, basename="tool")

urlpatterns = [
    path("search/", SearchView.as_view(), name="search"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
