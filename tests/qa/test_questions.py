"""Asking, editing (with history), deleting, closing and reopening questions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community.qa import services
from community.qa.markdown import render
from community.qa.models import Question, Tag
from tests.factories import UserFactory, ask, old_user

pytestmark = pytest.mark.django_db


def test_ask_renders_sanitised_markdown_and_links_tags_to_the_catalog() -> None:
    q = ask(
        body="Hello <script>alert(1)</script> **bold** [x](javascript:alert(1)) <img src=x onerror=alert(1)> [doc](https://mlflow.org)",
        tags=["mlflow", "feature-store", "Drift"],
        tools=["mlflow"],
    )
    assert "<script" not in q.body_html and "alert(1)" not in q.body_html.replace("&lt;", "")
    assert "javascript:" not in q.body_html and "onerror" not in q.body_html
    assert "<strong>bold</strong>" in q.body_html
    assert 'rel="nofollow ugc noopener"' in q.body_html
    tags = {t.slug: t for t in q.tags.all()}
    assert set(tags) == {"mlflow", "feature-store", "drift"}
    assert tags["mlflow"].tool.slug == "mlflow" and tags["feature-store"].stage.slug == "feature-store"
    assert list(q.tools.values_list("slug", flat=True)) == ["mlflow"]
    assert q.revisions.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "Too short?"}, "title"),
        ({"title": "x" * 151}, "title"),
        ({"body": "   "}, "body"),
        ({"tags": []}, "tags"),
        ({"tags": ["a", "b", "c", "d", "e", "f"]}, "tags"),
        ({"tags": ["C++"]}, "tags"),  # would silently become "c"
        ({"tags": ["<b>x</b>"]}, "tags"),
        ({"tools": ["not-a-tool"]}, "tools"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(overrides: dict, field: str) -> None:
    before = (Question.objects.count(), Tag.objects.count())
    with pytest.raises(ValidationError) as exc:
        ask(**overrides)
    assert field in exc.value.message_dict
    assert (Question.objects.count(), Tag.objects.count()) == before


def test_new_accounts_are_limited() -> None:
    newcomer = UserFactory()
    for i in range(3):
        ask(author=newcomer, title=f"My question number {i} about drift")
    with pytest.raises(ValidationError, match="3 questions in their first day"):
        ask(author=newcomer, title="A fourth question on the first day")
    with pytest.raises(ValidationError, match="at most 2 links"):
        services.answer_create(
            author=UserFactory(), question=ask(), body="see https://a.example https://b.example https://c.example"
        )


def test_edits_keep_revisions_and_only_author_or_staff_may_edit() -> None:
    q = ask()
    services.question_edit(
        user=q.author,
        question=q,
        title="How do I detect data drift in a batch pipeline?",
        body="New body",
        tags=["drift"],
        comment="clarify",
    )
    assert [r.title for r in q.revisions.all()] == [
        "How do I detect data drift in production?",
        "How do I detect data drift in a batch pipeline?",
    ]
    with pytest.raises(PermissionDenied):
        services.question_edit(user=old_user(), question=q, title=q.title, body="hijack", tags=["drift"])
    services.question_edit(user=old_user(is_staff=True), question=q, title=q.title, body="moderated", tags=["drift"])
    assert q.revisions.count() == 3


def test_authors_delete_only_unanswered_questions() -> None:
    q = ask()
    services.answer_create(author=old_user(), question=q, body="Use Evidently.")
    q.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.question_delete(user=q.author, question=q)
    lonely = ask()
    services.question_delete(user=lonely.author, question=lonely)
    assert not Question.objects.filter(pk=lonely.pk).exists()


def test_moderators_close_as_duplicate_and_reopen() -> None:
    original, copy = ask(), ask(title="How can I find drift in production data?")
    staff = old_user(is_staff=True)
    with pytest.raises(PermissionDenied):
        services.question_close(user=original.author, question=copy, reason="duplicate", duplicate_of=original)
    with pytest.raises(ValidationError, match="original"):
        services.question_close(user=staff, question=copy, reason="duplicate")
    services.question_close(user=staff, question=copy, reason="duplicate", duplicate_of=original)
    assert list(original.duplicates.all()) == [copy]
    with pytest.raises(ValidationError, match="closed"):
        services.answer_create(author=old_user(), question=copy, body="late answer")
    services.question_reopen(user=staff, question=copy)
    copy.refresh_from_db()
    assert not copy.is_closed and copy.duplicate_of is None


def test_markdown_sanitiser_on_its_own() -> None:
    html = render(
        '<a href="javascript:alert(1)" onclick="x()">a</a><iframe src="https://x"></iframe><p style="color:red">p</p>'
    )
    assert "javascript" not in html and "onclick" not in html and "<iframe" not in html and "style" not in html


def test_seed_synthetic_questions_is_consistent_and_removable() -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("seed_synthetic", "--questions", "300", stdout=out)
    assert "300 created" in out.getvalue()
    synthetic = Question.objects.filter(author__username__startswith="synthetic-user-")
    assert synthetic.count() == 300
    for q in synthetic[:50]:
        assert q.answer_count == q.answers.count() and 1 <= q.tags.count() <= 2
    call_command("seed_synthetic", "--questions", "300", stdout=StringIO())
    assert synthetic.count() == 300
    call_command("seed_synthetic", "--remove", stdout=StringIO())
    assert not synthetic.exists()
