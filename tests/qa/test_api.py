"""The Q&A API: token auth, 401/403/400 rules, shapes, votes, accept, similar."""

import pytest
from rest_framework.test import APIClient

from community.qa import indexing
from community.qa.models import Question
from tests.factories import ask, old_user

pytestmark = pytest.mark.django_db
QUESTION_FIELDS = {
    "id",
    "title",
    "body",
    "body_html",
    "tags",
    "author",
    "score",
    "answer_count",
    "accepted_answer",
    "url",
    "created_at",
}
ANSWER_FIELDS = {"id", "question", "body", "body_html", "author", "score", "is_accepted", "created_at"}


def token_client(user) -> APIClient:
    client = APIClient()
    response = client.post("/api/auth/token/", {"username": user.username, "password": "a-long-test-password"})
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def test_full_cycle_over_the_api() -> None:
    asker, answerer = old_user(), old_user()
    api = token_client(asker)
    created = api.post(
        "/api/questions/",
        {
            "title": "Should we use Feast or a warehouse table?",
            "body": "Small team, batch features.",
            "tags": ["feature-store", "feast"],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    q = created.json()
    assert (
        set(q) >= QUESTION_FIELDS and sorted(q["tags"]) == ["feast", "feature-store"] and q["author"] == asker.username
    )

    other = token_client(answerer)
    answer = other.post(
        f"/api/questions/{q['id']}/answers/", {"body": "Start with the warehouse."}, format="json"
    ).json()
    assert set(answer) >= ANSWER_FIELDS
    assert api.post(f"/api/answers/{answer['id']}/vote/", {"value": 1}, format="json").json() == {"score": 1}
    assert api.post(f"/api/answers/{answer['id']}/accept/").json()["accepted_answer"] == answer["id"]
    listed = APIClient().get(f"/api/questions/{q['id']}/answers/").json()
    assert listed[0]["is_accepted"] is True

    assert other.patch(f"/api/questions/{q['id']}/", {"body": "hijack"}, format="json").status_code == 403
    assert other.post(f"/api/answers/{answer['id']}/vote/", {"value": 1}, format="json").status_code == 403  # own post
    edited = api.patch(f"/api/questions/{q['id']}/", {"body": "Small team, batch features, 50 models."}, format="json")
    assert edited.status_code == 200 and "50 models" in edited.json()["body"]
    assert api.delete(f"/api/questions/{q['id']}/").status_code == 403  # it has an answer
    assert other.delete(f"/api/answers/{answer['id']}/").status_code == 204


def test_anonymous_writes_get_401() -> None:
    q = ask()
    anon = APIClient()
    assert (
        anon.post("/api/questions/", {"title": "x" * 20, "body": "y", "tags": ["z"]}, format="json").status_code == 401
    )
    assert anon.post(f"/api/questions/{q.pk}/vote/", {"value": 1}, format="json").status_code == 401
    assert anon.get("/api/questions/").status_code == 200


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "short", "body": "b", "tags": ["t"]}, "title"),
        ({"title": "A perfectly fine title here", "body": "", "tags": ["t"]}, "body"),
        ({"title": "A perfectly fine title here", "body": "b", "tags": []}, "tags"),
        ({"title": "A perfectly fine title here", "body": "b", "tags": ["t"], "tools": ["nope"]}, "tools"),
    ],
)
def test_invalid_input_is_400_naming_the_field(payload: dict, field: str) -> None:
    api = token_client(old_user())
    before = Question.objects.count()
    response = api.post("/api/questions/", payload, format="json")
    assert response.status_code == 400 and field in response.json()
    assert Question.objects.count() == before
    assert api.post(f"/api/questions/{ask().pk}/vote/", {"value": 5}, format="json").json().keys() == {"value"}


def test_similar_questions_endpoint() -> None:
    drift = ask(title="How do I detect data drift in production?")
    ask(title="Best GPU for fine-tuning a 7B model cheaply?", tags=["gpu"])
    indexing.index_questions()
    data = APIClient().get("/api/questions/similar/", {"q": "monitoring drift of live data", "limit": 2}).json()
    assert data[0]["id"] == drift.pk and {"id", "title", "url", "score"} == set(data[0])
    assert APIClient().get("/api/questions/similar/").status_code == 400


def test_tags_endpoint() -> None:
    ask(tags=["drift", "mlflow"])
    tags = {t["slug"]: t for t in APIClient().get("/api/tags/").json()["results"]}
    assert tags["mlflow"]["tool"] == "mlflow" and tags["drift"]["question_count"] == 1
