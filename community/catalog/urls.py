from django.urls import path

from community.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.home, name="home"),
    path("tools/", views.tool_list, name="tools"),
    path("tools/<slug:slug>/", views.tool_detail, name="tool"),
    path("stages/<slug:slug>/", views.stage_detail, name="stage"),
    path("compare/", views.compare_view, name="compare"),
    path("search/", views.search_view, name="search"),
    path("compare/suggest/", views.tool_suggest, name="tool_suggest"),
]
