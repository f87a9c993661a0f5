from django.urls import path

from community.pipelines import views

app_name = "pipelines"
urlpatterns = [
    path("", views.pipeline_list, name="list"),
    path("<slug:slug>/start/", views.run_start, name="start"),
    path("runs/compare/", views.run_compare, name="compare"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/status/", views.run_status, name="status"),
    path("runs/<int:pk>/cancel/", views.run_cancel, name="cancel"),
    path("artifacts/<int:pk>/", views.artifact, name="artifact"),
]
