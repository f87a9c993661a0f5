from django.contrib import admin
from django.urls import include, path

from community.core import views as core_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include((("community.api"), "api"), namespace="api")),
    path("healthz/", core_views.health, name="health"),
    path("accounts/", include("community.accounts.urls")),
    path("ethics/", include("community.ethics.urls")),
    path("pipelines/", include("community.pipelines.urls")),
    path("", include("recommender.stacks.urls")),
    path("", include("community.qa.urls")),
    path("", include("community.catalog.urls")),
]

handler400 = "community.core.views.bad_request"
handler404 = "community.core.views.not_found"
handler500 = "community.core.views.server_error"
