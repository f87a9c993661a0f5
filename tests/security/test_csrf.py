"""Every form refuses a POST without its CSRF token, signed in or not."""

import pytest
from django.test import Client

from community.qa import services as qa
from tests.factories import old_user

pytestmark = pytest.mark.django_db


def forms(django_capture_on_commit_callbacks) -> list[tuple[str, dict]]:
    owner = old_user()
    question = qa.question_ask(
        author=owner, title="How do we compare two model versions online?", body="Context.", tags=["serving"]
    )
    answer = qa.answer_create(author=old_user(), question=question, body="Shadow traffic, then a canary.")
    return [
        (
            "/accounts/signup/",
            {"username": "newperson", "password1": "a-long-password-1", "password2": "a-long-password-1"},
        ),
        ("/accounts/login/", {"username": owner.username, "password": "a-long-test-password"}),
        ("/accounts/logout/", {}),
        ("/questions/ask/", {"title": "A question long enough to ask", "body": "Body", "tags": "serving"}),
        (f"/questions/{question.pk}/answer/", {"body": "Another answer."}),
        (f"/questions/{question.pk}/vote/", {"value": "1"}),
        (f"/answers/{answer.pk}/vote/", {"value": "1"}),
        (f"/answers/{answer.pk}/accept/", {}),
        (f"/questions/{question.pk}/edit/", {"title": "Edited title for the question", "body": "B", "tags": "serving"}),
        (f"/questions/{question.pk}/delete/", {}),
        ("/recommend/", {"use_case": "We label photos and train a classifier.", "hosting": "any"}),
        ("/pipelines/drift-retrain/start/", {"rows": "1000"}),
    ]


@pytest.mark.parametrize("signed_in", [False, True])
def test_forms_need_their_token(django_capture_on_commit_callbacks, signed_in: bool) -> None:
    client = Client(enforce_csrf_checks=True)
    if signed_in:
        client.force_login(old_user())
    for url, data in forms(django_capture_on_commit_callbacks):
        response = client.post(url, data)
        assert response.status_code == 403, (url, response.status_code)
        assert b"CSRF" in response.content, url  # refused for the missing token, not for another reason
