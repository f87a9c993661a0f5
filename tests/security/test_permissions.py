"""Every write endpoint of the API, as anonymous, as another person, as the owner and as staff.

Each row: the request, and the status expected for each of the four callers. The fixture builds a fresh
question and answer by "owner" for every call, so no call sees another's leftovers.
"""

import pytest
from rest_framework.test import APIClient

from community.pipelines import services as pipelines
from community.qa import services as qa
from tests.factories import UserFactory, old_user

pytestmark = pytest.mark.django_db
ANON, OTHER, OWNER, STAFF = "anonymous", "other", "owner", "staff"

# (name, method, path template, body, {caller: expected status})
TABLE = [
    (
        "ask",
        "post",
        "/api/questions/",
        {"title": "How do we roll back a bad model quickly?", "body": "Details here.", "tags": ["serving"]},
        {ANON: 401, OTHER: 201, OWNER: 201, STAFF: 201},
    ),
    (
        "edit question",
        "patch",
        "/api/questions/{q}/",
        {"body": "Edited body text."},
        {ANON: 401, OTHER: 403, OWNER: 200, STAFF: 200},
    ),
    ("delete question", "delete", "/api/questions/{q}/", None, {ANON: 401, OTHER: 403, OWNER: 204, STAFF: 204}),
    (
        "answer",
        "post",
        "/api/questions/{q}/answers/",
        {"body": "Use a registry with aliases."},
        {ANON: 401, OTHER: 201, OWNER: 201, STAFF: 201},
    ),
    (
        "edit answer",
        "patch",
        "/api/answers/{a}/",
        {"body": "A better answer body."},
        {ANON: 401, OTHER: 403, OWNER: 200, STAFF: 200},
    ),
    ("delete answer", "delete", "/api/answers/{a}/", None, {ANON: 401, OTHER: 403, OWNER: 204, STAFF: 204}),
    ("accept", "post", "/api/answers/{a}/accept/", None, {ANON: 401, OTHER: 403, OWNER: 200, STAFF: 403}),
    (
        "vote on question",
        "post",
        "/api/questions/{q}/vote/",
        {"value": 1},
        {ANON: 401, OTHER: 200, OWNER: 403, STAFF: 200},
    ),
    ("vote on answer", "post", "/api/answers/{a}/vote/", {"value": 1}, {ANON: 401, OTHER: 200, OWNER: 403, STAFF: 200}),
    (
        "start pipeline run",
        "post",
        "/api/pipeline-runs/",
        {"pipeline": "drift-retrain"},
        {ANON: 401, OTHER: 201, OWNER: 201, STAFF: 201},
    ),
    (
        "cancel pipeline run",
        "post",
        "/api/pipeline-runs/{run}/cancel/",
        None,
        {ANON: 401, OTHER: 403, OWNER: 200, STAFF: 200},
    ),
    (
        "recommend",
        "post",
        "/api/recommendations/",
        {"use_case": "We label photos and train a classifier for listings."},
        {ANON: 201, OTHER: 201, OWNER: 201, STAFF: 201},
    ),
]


@pytest.fixture
def people() -> dict:
    return {ANON: None, OTHER: old_user(), OWNER: old_user(), STAFF: UserFactory(is_staff=True)}


def objects(owner, django_capture_on_commit_callbacks) -> dict:
    """Fresh objects owned by `owner`: a question with one answer (the answer's own question for `accept`)."""
    question = qa.question_ask(
        author=owner, title="Which registry should we use for ten models?", body="We have ten.", tags=["registry"]
    )
    asker = old_user()
    other_question = qa.question_ask(
        author=owner, title="How do we promote a model after review?", body="Context.", tags=["registry"]
    )
    answer = qa.answer_create(
        author=owner,
        question=qa.question_ask(
            author=asker, title="Where to keep model cards for audits?", body="?", tags=["ethics"]
        ),
        body="Next to the model.",
    )
    accept_answer = qa.answer_create(author=asker, question=other_question, body="Use aliases in the registry.")
    with django_capture_on_commit_callbacks(execute=False):
        run = pipelines.run_start(user=owner, pipeline="drift-retrain", params={})
    return {"q": question.pk, "a": answer.pk, "accept_a": accept_answer.pk, "run": run.pk}


@pytest.mark.parametrize(("name", "method", "path", "body", "expected"), TABLE, ids=[row[0] for row in TABLE])
@pytest.mark.parametrize("caller", [ANON, OTHER, OWNER, STAFF])
def test_write_permissions(
    people, django_capture_on_commit_callbacks, caller, name, method, path, body, expected
) -> None:
    ids = objects(people[OWNER], django_capture_on_commit_callbacks)
    if name == "accept":
        path = path.replace("{a}", str(ids["accept_a"]))  # the owner asked that question; someone else answered
    client = APIClient()
    if people[caller] is not None:
        client.force_authenticate(people[caller])
    with django_capture_on_commit_callbacks(execute=False):
        response = getattr(client, method)(path.format(**ids), body, format="json")
    assert response.status_code == expected[caller], (name, caller, response.content[:300])
