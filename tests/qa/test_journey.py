"""The Q&A as a new user meets it, through the real pages: sign up, ask, answer, vote, accept, profiles."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from community.accounts.models import Profile
from community.qa import indexing, services
from community.qa.models import Question
from tests.factories import ask, old_user

pytestmark = pytest.mark.django_db


def signup(username: str) -> Client:
    client = Client()
    response = client.post(
        "/accounts/signup/",
        {
            "username": username,
            "email": f"{username}@example.org",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )
    assert response.status_code == 302, response.content
    return client


def test_sign_up_ask_answer_vote_accept() -> None:
    asker = signup("asker")
    assert asker.get("/questions/ask/").status_code == 200
    response = asker.post(
        "/questions/ask/",
        {
            "title": "How should a small team version its training data?",
            "body": "We have 20 GB of parquet. <script>alert('x')</script>",
            "tags": "data-versioning dvc",
            "tools": "dvc",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get(title__startswith="How should a small team")
    page = asker.get(question.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "asked now" in page and "0 minutes" not in page

    User.objects.filter(username="asker").update(date_joined=question.created_at.replace(year=2020))
    answerer = signup("answerer")
    response = answerer.post(f"/questions/{question.pk}/answer/", {"body": "Use DVC with a remote on object storage."})
    assert response.status_code == 302
    answer = question.answers.get()

    assert asker.post(f"/answers/{answer.pk}/vote/", {"value": "1"}).status_code == 302
    assert asker.post(f"/answers/{answer.pk}/accept/").status_code == 302
    question.refresh_from_db()
    assert question.accepted_answer == answer
    assert Profile.objects.get(user__username="answerer").reputation == 1 + 10 + 15
    assert Profile.objects.get(user__username="asker").reputation == 1 + 2
    profile = Client().get("/accounts/people/answerer/").content.decode()
    assert "26</strong> reputation" in profile and question.title in profile


def test_others_cannot_edit_and_anonymous_must_log_in(client) -> None:
    q = ask()
    other = Client()
    other.force_login(old_user())
    refused = other.get(f"/questions/{q.pk}/edit/")
    assert refused.status_code == 403 and "not yours to change" in refused.content.decode()
    followed = other.post(f"/questions/{q.pk}/vote/", {"value": "-1"}, follow=True).content.decode()
    assert "Downvoting needs 125 reputation" in followed
    assert client.get("/questions/ask/").status_code == 302
    assert client.post(f"/questions/{q.pk}/vote/", {"value": "1"}).status_code == 302  # to the login page
    assert q.votes.count() == 0


def test_vote_with_htmx_returns_the_widget_with_a_clear_message() -> None:
    q = ask()
    c = Client()
    c.force_login(q.author)
    response = c.post(f"/questions/{q.pk}/vote/", {"value": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "cannot vote on your own post" in response.content.decode()


def test_lists_filters_and_search(client) -> None:
    a = ask(title="Which feature store works with Spark streaming?", tags=["feature-store"])
    b = ask(title="Latency of KServe on GPUs with batching", tags=["serving", "latency"])
    services.answer_create(author=old_user(), question=b, body="Enable adaptive batching.")
    unanswered = client.get("/questions/?sort=unanswered").content.decode()
    assert a.title in unanswered and b.title not in unanswered
    tagged = client.get("/questions/?tag=latency").content.decode()
    assert b.title in tagged and a.title not in tagged
    found = client.get("/questions/?q=spark").content.decode()
    assert a.title in found and b.title not in found
    for order in ("newest", "active", "votes"):
        assert client.get(f"/questions/?sort={order}").status_code == 200
    tag_page = client.get("/tags/feature-store/").content.decode()
    assert a.title in tag_page and "/stages/feature-store/" in tag_page


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_question_page_queries_do_not_grow_with_answers() -> None:
    q = ask()
    viewer = Client()
    viewer.force_login(old_user())
    services.answer_create(author=old_user(), question=q, body="First answer.")
    one = _queries(viewer, q.get_absolute_url())
    for i in range(49):
        services.answer_create(author=old_user(), question=q, body=f"Answer {i}.")
    assert _queries(viewer, q.get_absolute_url()) == one


def test_similar_questions_while_typing_and_related(client) -> None:
    drift = ask(title="How do I detect data drift in production?")
    ask(title="Best GPU for fine-tuning a 7B model cheaply?", tags=["gpu"])
    indexing.index_questions()
    html = client.get("/questions/similar/", {"title": "detecting drift of production data"}).content.decode()
    assert html.index(drift.title) < html.index("GPU") if "GPU" in html else drift.title in html
    page = client.get(drift.get_absolute_url())
    assert page.context["related"]


def test_password_reset_mail_goes_to_the_email_backend(client) -> None:
    old_user(username="forgetful", email="forgetful@example.org")
    response = client.post("/accounts/password/reset/", {"email": "forgetful@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "/accounts/password/reset/" in mail.outbox[0].body


def test_cached_question_page_follows_new_answers(settings) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.PAGE_CACHE_SECONDS = 60
    q = ask()
    anon = Client()
    assert "Fresh answer" not in anon.get(q.get_absolute_url()).content.decode()
    services.answer_create(author=old_user(), question=q, body="Fresh answer about drift.")
    assert "Fresh answer" in anon.get(q.get_absolute_url()).content.decode()


def test_a_tools_page_lists_its_latest_questions(client) -> None:
    by_link = ask(title="Is MLflow 3 tracing worth turning on?", tools=["mlflow"])
    by_tag = ask(title="Where do MLflow registry aliases live?", tags=["mlflow"])
    other = ask(title="Unrelated question about GPUs and costs", tags=["gpu"])
    page = client.get("/tools/mlflow/").content.decode()
    assert by_link.title in page and by_tag.title in page and other.title not in page


def test_site_writes_share_the_api_write_limit(monkeypatch) -> None:
    from django.core.cache import cache

    from community.core.throttling import WriteRateThrottle

    cache.clear()
    monkeypatch.setattr(WriteRateThrottle, "THROTTLE_RATES", {"writes": "2/minute"})
    q = ask()
    c = Client()
    c.force_login(old_user())
    for i in range(2):
        assert c.post(f"/questions/{q.pk}/answer/", {"body": f"Answer number {i}."}).status_code == 302
    refused = c.post(f"/questions/{q.pk}/answer/", {"body": "One too many."})
    assert refused.status_code == 429 and "try again in" in refused.content.decode()
    assert q.answers.count() == 2
    assert c.get(q.get_absolute_url()).status_code == 200  # reading is never limited
