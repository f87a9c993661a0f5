"""Writes to the Q&A. Each is one transaction; a rule broken raises ValidationError (naming the field) or
PermissionDenied before anything is written."""

import re
import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from community.accounts.services import profile_of, reputation_change
from community.catalog.models import Stage, Tool
from community.core.queue import enqueue
from community.qa import markdown, reputation
from community.qa.models import (
    TAGS_MAX,
    TAGS_MIN,
    TITLE_MAX,
    TITLE_MIN,
    Answer,
    CloseReason,
    QaState,
    Question,
    Revision,
    Tag,
    Vote,
)

NEW_ACCOUNT_AGE = timedelta(days=1)
NEW_ACCOUNT_QUESTIONS_PER_DAY = 3
NEW_ACCOUNT_LINKS = 2
DOWNVOTE_REPUTATION = 125


def qa_changed() -> None:
    QaState.objects.update_or_create(pk=1, defaults={"version": uuid.uuid4().hex})


def qa_version() -> str:
    return QaState.objects.filter(pk=1).values_list("version", flat=True).first() or ""


def _schedule_embedding(question_ids: list[int]) -> None:
    from community.qa import tasks

    transaction.on_commit(lambda: enqueue(tasks.embed_questions, question_ids))


def _is_new(user: AbstractBaseUser) -> bool:
    return timezone.now() - user.date_joined < NEW_ACCOUNT_AGE and not user.is_staff


def _check_body(user: AbstractBaseUser, body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError({"body": ["Write something in the body."]})
    if len(body) > 30_000:
        raise ValidationError({"body": ["Keep the body under 30,000 characters."]})
    if _is_new(user) and markdown.link_count(body) > NEW_ACCOUNT_LINKS:
        raise ValidationError(
            {
                "body": [
                    f"New accounts can include at most {NEW_ACCOUNT_LINKS} links in a post. Remove some links, or post again tomorrow."
                ]
            }
        )
    return body


def _check_title(title: str) -> str:
    title = " ".join(title.split())
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        raise ValidationError(
            {"title": [f"A title needs {TITLE_MIN} to {TITLE_MAX} characters (this one has {len(title)})."]}
        )
    return title


TAG_UNUSABLE = re.compile(r"[^\w-]")


def _check_tags(names: list[str]) -> list[str]:
    slugs: list[str] = []
    for name in names:
        slug = slugify(name)[:40]
        # Case and accents are folded, but a character a tag cannot hold is refused, not dropped: "C++"
        # would otherwise become "c", a different tag, without a word.
        if not slug or TAG_UNUSABLE.search(name):
            raise ValidationError({"tags": [f"{name!r} is not a usable tag: use letters, digits and hyphens."]})
        if slug not in slugs:
            slugs.append(slug)
    if not TAGS_MIN <= len(slugs) <= TAGS_MAX:
        raise ValidationError({"tags": [f"Use {TAGS_MIN} to {TAGS_MAX} tags (you gave {len(slugs)})."]})
    return slugs


def _check_tools(slugs: list[str]) -> list[Tool]:
    tools = list(Tool.objects.filter(slug__in=slugs))
    unknown = set(slugs) - {t.slug for t in tools}
    if unknown:
        raise ValidationError({"tools": [f"Not in the catalog: {', '.join(sorted(unknown))}."]})
    return tools


def tags_for(slugs: list[str]) -> list[Tag]:
    """The tags, created if new; a new tag that names a catalog tool or stage is linked to it."""
    existing = {t.slug: t for t in Tag.objects.filter(slug__in=slugs)}
    missing = [s for s in slugs if s not in existing]
    if missing:
        tools = dict(Tool.objects.filter(slug__in=missing).values_list("slug", "id"))
        stages = dict(Stage.objects.filter(slug__in=missing).values_list("slug", "id"))
        Tag.objects.bulk_create(
            [Tag(slug=s, tool_id=tools.get(s), stage_id=stages.get(s)) for s in missing], ignore_conflicts=True
        )
        existing = {t.slug: t for t in Tag.objects.filter(slug__in=slugs)}
    return [existing[s] for s in slugs]


@transaction.atomic
def question_ask(
    *, author: AbstractBaseUser, title: str, body: str, tags: list[str], tools: list[str] | None = None
) -> Question:
    title, body, tag_slugs, tool_objs = (
        _check_title(title),
        _check_body(author, body),
        _check_tags(tags),
        _check_tools(tools or []),
    )
    if _is_new(author):
        # One ask at a time per new account, so parallel requests cannot all pass the count below.
        get_user_model().objects.select_for_update().filter(pk=author.pk).first()
        recent = Question.objects.filter(author=author, created_at__gte=timezone.now() - NEW_ACCOUNT_AGE).count()
        if recent >= NEW_ACCOUNT_QUESTIONS_PER_DAY:
            raise ValidationError(
                {
                    "__all__": [
                        f"New accounts can ask {NEW_ACCOUNT_QUESTIONS_PER_DAY} questions in their first day. Please come back tomorrow."
                    ]
                }
            )
    now = timezone.now()
    question = Question.objects.create(
        title=title, body=body, body_html=markdown.render(body), author=author, last_activity_at=now
    )
    question.tags.set(tags_for(tag_slugs))
    question.tools.set(tool_objs)
    Revision.objects.create(question=question, editor=author, title=title, body=body, tags=" ".join(tag_slugs))
    profile_of(author)
    qa_changed()
    _schedule_embedding([question.id])
    return question


@transaction.atomic
def question_edit(
    *,
    user: AbstractBaseUser,
    question: Question,
    title: str,
    body: str,
    tags: list[str],
    tools: list[str] | None = None,
    comment: str = "",
) -> Question:
    if not question.can_edit(user):
        raise PermissionDenied("Only the author or a moderator can edit this question.")
    title, body, tag_slugs, tool_objs = (
        _check_title(title),
        _check_body(user, body),
        _check_tags(tags),
        _check_tools(tools or []),
    )
    text_changed = (title, body) != (question.title, question.body)
    question.title, question.body, question.body_html = title, body, markdown.render(body)
    question.edited_at = question.last_activity_at = timezone.now()
    question.save(update_fields=["title", "body", "body_html", "edited_at", "last_activity_at"])
    question.tags.set(tags_for(tag_slugs))
    question.tools.set(tool_objs)
    Revision.objects.create(
        question=question, editor=user, title=title, body=body, tags=" ".join(tag_slugs), comment=comment[:200]
    )
    qa_changed()
    if text_changed:
        _schedule_embedding([question.id])
    return question


@transaction.atomic
def question_delete(*, user: AbstractBaseUser, question: Question) -> None:
    question = Question.objects.select_for_update().get(pk=question.pk)
    if not question.can_delete(user):
        raise PermissionDenied("You can delete your own question only while it has no answers.")
    question_id = question.id
    reputation_change(question.author_id, -_earned_from_votes(Vote.objects.filter(question=question), "question"))
    question.delete()
    qa_changed()
    _schedule_embedding([question_id])


@transaction.atomic
def question_close(
    *, user: AbstractBaseUser, question: Question, reason: str, duplicate_of: Question | None = None
) -> Question:
    if not user.is_staff:
        raise PermissionDenied("Only moderators can close questions.")
    if reason not in CloseReason.values:
        raise ValidationError({"reason": [f"Choose one of: {', '.join(CloseReason.values)}."]})
    if reason == CloseReason.DUPLICATE and (duplicate_of is None or duplicate_of.pk == question.pk):
        raise ValidationError({"duplicate_of": ["Name the original question this one duplicates."]})
    question.closed_reason, question.closed_at = reason, timezone.now()
    question.duplicate_of = duplicate_of if reason == CloseReason.DUPLICATE else None
    question.save(update_fields=["closed_reason", "closed_at", "duplicate_of"])
    qa_changed()
    return question


@transaction.atomic
def question_reopen(*, user: AbstractBaseUser, question: Question) -> Question:
    if not user.is_staff:
        raise PermissionDenied("Only moderators can reopen questions.")
    question.closed_reason, question.closed_at, question.duplicate_of = "", None, None
    question.save(update_fields=["closed_reason", "closed_at", "duplicate_of"])
    qa_changed()
    return question


@transaction.atomic
def answer_create(*, author: AbstractBaseUser, question: Question, body: str) -> Answer:
    body = _check_body(author, body)
    if question.is_closed:
        raise ValidationError({"__all__": ["This question is closed to new answers."]})
    answer = Answer.objects.create(question=question, author=author, body=body, body_html=markdown.render(body))
    Question.objects.filter(pk=question.pk).update(answer_count=F("answer_count") + 1, last_activity_at=timezone.now())
    Revision.objects.create(answer=answer, editor=author, body=body)
    profile_of(author)
    qa_changed()
    return answer


@transaction.atomic
def answer_edit(*, user: AbstractBaseUser, answer: Answer, body: str, comment: str = "") -> Answer:
    if not answer.can_edit(user):
        raise PermissionDenied("Only the author or a moderator can edit this answer.")
    body = _check_body(user, body)
    answer.body, answer.body_html, answer.edited_at = body, markdown.render(body), timezone.now()
    answer.save(update_fields=["body", "body_html", "edited_at"])
    Question.objects.filter(pk=answer.question_id).update(last_activity_at=timezone.now())
    Revision.objects.create(answer=answer, editor=user, body=body, comment=comment[:200])
    qa_changed()
    return answer


@transaction.atomic
def answer_delete(*, user: AbstractBaseUser, answer: Answer) -> None:
    if not answer.can_delete(user):
        raise PermissionDenied("Only the author or a moderator can delete this answer.")
    question = Question.objects.select_for_update().get(pk=answer.question_id)
    if question.accepted_answer_id == answer.pk:
        _reverse_acceptance(question, answer)
    reputation_change(answer.author_id, -_earned_from_votes(Vote.objects.filter(answer=answer), "answer"))
    answer.delete()
    Question.objects.filter(pk=question.pk).update(answer_count=F("answer_count") - 1)
    qa_changed()


def _earned_from_votes(votes: QuerySet, kind: str) -> int:
    """The reputation a post's votes gave its author: one query, however many votes."""
    counts = dict(votes.values_list("value").annotate(n=Count("id")).values_list("value", "n"))
    return sum(reputation.for_vote(kind, value) * n for value, n in counts.items())


def _reverse_acceptance(question: Question, answer: Answer) -> None:
    if answer.author_id != question.author_id:
        reputation_change(answer.author_id, -reputation.ACCEPTED)
        reputation_change(question.author_id, -reputation.ACCEPTER)


@transaction.atomic
def answer_accept(*, user: AbstractBaseUser, answer: Answer) -> Question:
    """The asker marks this answer as the accepted one (replacing any earlier choice)."""
    question = Question.objects.select_for_update().get(pk=answer.question_id)
    if not question.can_accept(user):
        raise PermissionDenied("Only the person who asked can accept an answer.")
    if question.accepted_answer_id == answer.pk:
        return question
    if question.accepted_answer_id:
        _reverse_acceptance(question, question.accepted_answer)
    question.accepted_answer = answer
    question.last_activity_at = timezone.now()
    question.save(update_fields=["accepted_answer", "last_activity_at"])
    if answer.author_id != question.author_id:  # accepting your own answer earns nothing
        reputation_change(answer.author_id, reputation.ACCEPTED)
        reputation_change(question.author_id, reputation.ACCEPTER)
    qa_changed()
    return question


def vote_cast(*, user: AbstractBaseUser, post: Question | Answer, value: int) -> int:
    """Set this person's vote on a post to +1, -1 or 0 (retract). Returns the post's new score.

    The vote row is the truth: the score moves by the difference, with F() in the same transaction, so
    concurrent voters can never lose an update.
    """
    if value not in (-1, 0, 1):
        raise ValidationError({"value": ["Vote with 1, -1 or 0 (to retract)."]})
    if not user.is_authenticated:
        raise PermissionDenied("Log in to vote.")
    if post.author_id == user.pk:
        raise PermissionDenied("You cannot vote on your own post.")
    if value == -1 and not user.is_staff and profile_of(user).reputation < DOWNVOTE_REPUTATION:
        raise PermissionDenied(f"Downvoting needs {DOWNVOTE_REPUTATION} reputation.")
    kind = "question" if isinstance(post, Question) else "answer"
    for attempt in range(3):
        try:
            return _vote(user, post, kind, value)
        except IntegrityError:
            # Two requests by the same person raced to create the row; the retry finds it.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


@transaction.atomic
def _vote(user: AbstractBaseUser, post: Question | Answer, kind: str, value: int) -> int:
    model = type(post)
    existing = Vote.objects.select_for_update().filter(user=user, **{kind: post}).first()
    old = existing.value if existing else 0
    if old == value:
        return model.objects.filter(pk=post.pk).values_list("score", flat=True).get()
    if value == 0:
        existing.delete()
    elif existing:
        existing.value = value
        existing.save(update_fields=["value", "created_at"])
    else:
        with transaction.atomic():
            Vote.objects.create(user=user, value=value, **{kind: post})
    model.objects.filter(pk=post.pk).update(score=F("score") + (value - old))
    reputation_change(post.author_id, reputation.for_vote(kind, value) - reputation.for_vote(kind, old))
    qa_changed()
    return model.objects.filter(pk=post.pk).values_list("score", flat=True).get()
