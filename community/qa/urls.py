from django.urls import path

from community.qa import views

app_name = "qa"
urlpatterns = [
    path("questions/", views.question_list, name="questions"),
    path("questions/ask/", views.question_ask, name="ask"),
    path("questions/similar/", views.similar_fragment, name="similar"),
    path("questions/<int:pk>/", views.question_detail, name="question"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path("questions/<int:pk>/close/", views.question_close, name="question_close"),
    path("questions/<int:pk>/reopen/", views.question_reopen, name="question_reopen"),
    path("questions/<int:pk>/answer/", views.answer_create, name="answer_create"),
    path("questions/<int:pk>/vote/", views.vote, {"kind": "question"}, name="question_vote"),
    path("questions/<int:pk>/revisions/", views.revisions, {"kind": "question"}, name="question_revisions"),
    path("answers/<int:pk>/edit/", views.answer_edit, name="answer_edit"),
    path("answers/<int:pk>/delete/", views.answer_delete, name="answer_delete"),
    path("answers/<int:pk>/accept/", views.answer_accept, name="answer_accept"),
    path("answers/<int:pk>/vote/", views.vote, {"kind": "answer"}, name="answer_vote"),
    path("answers/<int:pk>/revisions/", views.revisions, {"kind": "answer"}, name="answer_revisions"),
    path("tags/", views.tag_list, name="tags"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
]
