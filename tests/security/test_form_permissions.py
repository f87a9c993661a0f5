"""Every form POST of the site, as anonymous, as another person, as the owner and as staff.

Each row: the form, how to make the object it acts on (owned by "owner"), what it reads back from the database,
and the outcome expected for each caller. The outcome is checked twice: by the response, and by the database.
- LOGIN: redirected to the login page, nothing written.
- DENIED: 403 (or 404), nothing written.
- DONE: the write happened.
- REFUSED: sent back to the page with a message saying why, nothing written (voting on your own post, signing
  up while signed in, changing a password: the form only ever changes the caller's own).

Not in the table: log in and log out (they write only the session) and the password-reset request (it sends a
mail and writes nothing). There is no profile-edit form yet; the admin is Django's, for staff only.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from community.pipelines import services as pipelines
from community.pipelines.models import PipelineRun
from community.qa import services as qa
from community.qa.models import Answer, Question, Vote
from recommender.stacks import services as stacks
from recommender.stacks.constraints import Constraints
from recommender.stacks.models import Rating, Recommendation
from tests.factories import UserFactory, old_user

pytestmark = pytest.mark.django_db
ANON, OTHER, OWNER, STAFF = "anonymous", "other", "owner", "staff"
LOGIN, DENIED, DONE, REFUSED = "login", "denied", "done", "refused"
ANYONE_SIGNED_IN = {ANON: LOGIN, OTHER: DONE, OWNER: DONE, STAFF: DONE}
AUTHOR_OR_STAFF = {ANON: LOGIN, OTHER: DENIED, OWNER: DONE, STAFF: DONE}
STAFF_ONLY = {ANON: LOGIN, OTHER: DENIED, OWNER: DENIED, STAFF: DONE}
NOT_YOUR_OWN_POST = {ANON: LOGIN, OTHER: DONE, OWNER: REFUSED, STAFF: DONE}


def a_question(owner, **extra) -> Question:
    return qa.question_ask(
        author=owner, title="How do we roll back a model in production?", body="We serve it.", tags=["serving"], **extra
    )


def answered_question(owner) -> dict:
    question = a_question(owner)
    return {"q": question.pk, "a": qa.answer_create(author=old_user(), question=question, body="Aliases.").pk}


def owners_answer(owner) -> dict:
    question = a_question(old_user())
    return {"q": question.pk, "a": qa.answer_create(author=owner, question=question, body="Use aliases.").pk}


def closed_question(owner) -> dict:
    question = a_question(owner)
    qa.question_close(user=UserFactory(is_staff=True), question=question, reason="off-topic")
    return {"q": question.pk}


def recommendation(owner) -> dict:
    rec = stacks.recommendation_create(
        user=owner, use_case="We label photos and train a classifier for listings.", constraints=Constraints()
    )
    return {"rec": rec.pk}


def run(owner) -> dict:
    return {"run": pipelines.run_start(user=owner, pipeline="drift-retrain", params={}).pk}


def question_field(name: str) -> Callable:
    return lambda ids: Question.objects.filter(pk=ids["q"]).values_list(name, flat=True).first()


@dataclass
class Form:
    name: str
    url: str
    data: dict
    setup: Callable[[object], dict]
    state: Callable[[dict], object]
    expected: dict


TABLE = [
    Form(
        "ask", "/questions/ask/",
        {"title": "How do we compare two model versions online?", "body": "Context.", "tags": "serving"},
        lambda owner: {}, lambda ids: Question.objects.count(), ANYONE_SIGNED_IN,
    ),
    Form(
        "edit question", "/questions/{q}/edit/",
        {"title": "How do we roll back a model within a minute?", "body": "Edited.", "tags": "serving"},
        lambda owner: {"q": a_question(owner).pk}, question_field("title"), AUTHOR_OR_STAFF,
    ),
    Form(
        "delete question", "/questions/{q}/delete/", {},
        lambda owner: {"q": a_question(owner).pk}, lambda ids: Question.objects.filter(pk=ids["q"]).exists(),
        AUTHOR_OR_STAFF,
    ),
    Form("close question", "/questions/{q}/close/", {"reason": "off-topic"},
         lambda owner: {"q": a_question(owner).pk}, question_field("closed_reason"), STAFF_ONLY),
    Form("reopen question", "/questions/{q}/reopen/", {}, closed_question, question_field("closed_reason"), STAFF_ONLY),
    Form(
        "answer", "/questions/{q}/answer/", {"body": "Keep the previous version warm."},
        lambda owner: {"q": a_question(owner).pk}, lambda ids: Answer.objects.filter(question=ids["q"]).count(),
        ANYONE_SIGNED_IN,
    ),
    Form(
        "vote on question", "/questions/{q}/vote/", {"value": "1"},
        lambda owner: {"q": a_question(owner).pk},
        lambda ids: (Vote.objects.filter(question=ids["q"]).count(), question_field("score")(ids)), NOT_YOUR_OWN_POST,
    ),
    Form(
        "edit answer", "/answers/{a}/edit/", {"body": "Use registry aliases, then flip."}, owners_answer,
        lambda ids: Answer.objects.get(pk=ids["a"]).body, AUTHOR_OR_STAFF,
    ),
    Form(
        "delete answer", "/answers/{a}/delete/", {}, owners_answer,
        lambda ids: Answer.objects.filter(pk=ids["a"]).exists(), AUTHOR_OR_STAFF,
    ),
    # The owner is the asker: only the asker accepts, moderators included.
    Form("accept answer", "/answers/{a}/accept/", {}, answered_question, question_field("accepted_answer"),
         {ANON: LOGIN, OTHER: DENIED, OWNER: DONE, STAFF: DENIED}),
    Form(
        "vote on answer", "/answers/{a}/vote/", {"value": "1"}, owners_answer,
        lambda ids: Answer.objects.filter(pk=ids["a"]).values_list("score", flat=True).first(), NOT_YOUR_OWN_POST,
    ),
    # Anyone may ask for a stack; a signed-in person's is kept under their name.
    Form(
        "recommend", "/recommend/", {"use_case": "We label photos and train a classifier.", "hosting": "any"},
        lambda owner: {}, lambda ids: Recommendation.objects.count(),
        {ANON: DONE, OTHER: DONE, OWNER: DONE, STAFF: DONE},
    ),
    # Any signed-in person may rate any recommendation (one rating each, replaced when they rate again).
    Form(
        "rate recommendation", "/recommendations/{rec}/rate/", {"helpful": "no", "comment": "Missing a registry."},
        recommendation, lambda ids: sorted(Rating.objects.filter(recommendation=ids["rec"]).values_list("user", "helpful")),
        ANYONE_SIGNED_IN,
    ),
    Form(
        "start pipeline run", "/pipelines/drift-retrain/start/", {"rows": "1000"},
        lambda owner: {}, lambda ids: PipelineRun.objects.count(), ANYONE_SIGNED_IN,
    ),
    Form(
        "cancel pipeline run", "/pipelines/runs/{run}/cancel/", {}, run,
        lambda ids: PipelineRun.objects.get(pk=ids["run"]).status, AUTHOR_OR_STAFF,
    ),
    Form(
        "sign up", "/accounts/signup/",
        {"username": "newperson", "email": "new@example.org", "password1": "a-long-password-1", "password2": "a-long-password-1"},
        lambda owner: {}, lambda ids: get_user_model().objects.filter(username="newperson").exists(),
        {ANON: DONE, OTHER: REFUSED, OWNER: REFUSED, STAFF: REFUSED},
    ),
    # The form has no "whose" field: each caller changes their own password and never the owner's.
    Form(
        "change password", "/accounts/password/change/",
        {"old_password": "a-long-test-password", "new_password1": "another-long-pass-9", "new_password2": "another-long-pass-9"},
        lambda owner: {"user": owner.pk}, lambda ids: get_user_model().objects.get(pk=ids["user"]).password,
        {ANON: LOGIN, OTHER: REFUSED, OWNER: DONE, STAFF: REFUSED},
    ),
]  # fmt: skip


@pytest.fixture
def people() -> dict:
    owner = old_user()
    return {ANON: None, OTHER: old_user(), OWNER: owner, STAFF: UserFactory(is_staff=True)}


@pytest.mark.parametrize("form", TABLE, ids=[form.name for form in TABLE])
@pytest.mark.parametrize("caller", [ANON, OTHER, OWNER, STAFF])
def test_form_permissions(people: dict, django_capture_on_commit_callbacks, caller: str, form: Form) -> None:
    ids = form.setup(people[OWNER])
    before = form.state(ids)
    client = Client()
    if people[caller] is not None:
        client.force_login(people[caller])
    url = form.url.format(**ids)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url, form.data)
    after = form.state(ids)
    expected = form.expected[caller]
    where = response.headers.get("Location", "")
    said = f"{form.name} as {caller}: {response.status_code} {where} {response.content[:200]!r}"

    if expected == LOGIN:
        assert response.status_code == 302 and where.startswith("/accounts/login/?next="), said
    elif expected == DENIED:
        assert response.status_code in (403, 404), said
    elif expected == REFUSED:
        assert response.status_code == 302 and not where.startswith("/accounts/login/"), said
    else:
        assert response.status_code in (200, 302) and not where.startswith("/accounts/login/"), said
    if expected == DONE:
        assert after != before, f"{said}: nothing was written"
    else:
        assert after == before, f"{said}: the database changed from {before!r} to {after!r}"
