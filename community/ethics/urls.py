from django.urls import path

from community.ethics import views

app_name = "ethics"
urlpatterns = [
    path("", views.library, name="library"),
    path("resources/<slug:slug>/", views.resource_detail, name="resource"),
    path("checklists/", views.checklist_list, name="checklists"),
    path("checklists/<slug:stage>/", views.checklist_detail, name="checklist"),
    path("risk-profiles/", views.risk_profiles, name="risk_profiles"),
    path("risk-profiles/<slug:slug>/", views.risk_profile_detail, name="risk_profile"),
]
